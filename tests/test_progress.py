"""The build's progress output: a bar on a terminal, a few plain lines in CI logs."""
from fuling.reporter import MemoryReporter


def test_terminal_progress_redraws_one_line_and_ends_it():
    reporter = MemoryReporter(tty=True)
    for done in range(0, 11):
        reporter.progress("render", done, 10)
    reporter.stage("write")
    text = reporter.text
    # Every update rewrites the same line with a carriage return; only the finished bar ends with a newline.
    assert text.count("\r") == 11
    assert "[render] " + "█" * 28 + " 10/10\n" in text
    assert text.endswith("[write]\n")
    assert text.count("\n") == 2


def test_interrupted_bar_is_closed_before_the_next_message():
    reporter = MemoryReporter(tty=True)
    reporter.progress("render", 3, 10)
    reporter.warn("chart industrial-output has one point")
    assert "3/10\nwarning: chart industrial-output has one point\n" in reporter.text


def test_plain_progress_prints_quarter_steps_only():
    reporter = MemoryReporter(tty=False)
    for done in range(0, 1001):
        reporter.progress("render", done, 1000)
    lines = reporter.text.splitlines()
    assert lines == [
        "[render] 0/1000 (0%)",
        "[render] 250/1000 (25%)",
        "[render] 500/1000 (50%)",
        "[render] 750/1000 (75%)",
        "[render] 1000/1000 (100%)",
    ]
    assert "\r" not in reporter.text


def test_summary_names_pages_charts_facts_and_seconds():
    reporter = MemoryReporter()
    reporter.summary(pages=42, charts=3, facts=120, seconds=1.234)
    assert reporter.text == "built 42 pages, 3 charts, 120 facts in 1.23 s\n"


def test_quiet_reporter_prints_no_progress():
    reporter = MemoryReporter()
    reporter.quiet = True
    reporter.progress("render", 5, 10)
    reporter.summary(pages=1, charts=0, facts=0, seconds=0.1)
    assert reporter.text == ""

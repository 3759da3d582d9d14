"""The build's progress output: a bar on a terminal, a few plain lines in CI logs."""
from fuling.core.reporter import MemoryReporter


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


# --- in a build ------------------------------------------------------------------------------

def test_a_long_build_reports_its_loops_and_the_article_pages_from_the_second_core(tmp_path, monkeypatch):
    """At 1,000 articles load and render were seconds of silence: the article and fact files
    read, and the article pages rendered in a forked process, say how far they are in the
    build's own log, before their stage's line."""
    import shutil
    import threading
    import time
    from pathlib import Path

    from fuling.build.pipeline import build_site
    from fuling.core import reporter as reporting
    from fuling.core.parallel import can_fork
    from fuling.core.reporter import Reporter

    project = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", project)
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # not needed here
    monkeypatch.setattr(reporting, "LONG_LOOP", 2)  # the fixture's two articles count as many
    for _ in range(50):  # a closed Chromium's helper threads may take a moment to end
        if can_fork():
            break
        time.sleep(0.1)
    assert can_fork(), f"threads left running by an earlier test: {threading.enumerate()}"
    log = tmp_path / "build.log"
    with open(log, "a", encoding="utf-8") as stream:  # a real file: the forked process writes to it too
        build_site(project, tmp_path / "site", reporter=Reporter(stream=stream, tty=False))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines.count("[render articles] 1/2 (50%)") == 1 and lines.count("[render articles] 2/2 (100%)") == 1
    for loop in ("load articles", "load facts"):  # two of each in the fixture
        assert f"[{loop}] 2/2 (100%)" in lines
    assert any(line.startswith("[publish] ") and line.endswith("(100%)") for line in lines)  # the files compressed
    assert lines.index("[load facts] 2/2 (100%)") < next(i for i, line in enumerate(lines) if line.startswith("[load] "))
    render_line = next(i for i, line in enumerate(lines) if line.startswith("[render] "))
    assert lines.index("[render articles] 2/2 (100%)") < render_line


def test_a_small_site_renders_without_progress_lines(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from fuling.build.pipeline import build_site

    project = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", project)
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    monkeypatch.setenv("FULING_SERIAL", "1")  # in this process, where a MemoryReporter sees everything
    reporter = MemoryReporter()
    build_site(project, tmp_path / "site", reporter=reporter)
    assert "[render] " in reporter.text and "[render articles]" not in reporter.text
    assert "[load articles]" not in reporter.text and "[load facts]" not in reporter.text
    assert "%)" not in reporter.text

"""Previews stage: each chart drawn as SVG pictures at build time, the same bytes every build.

The build tests need a Chromium (`make test` installs Debian's); without one
they fail and say so, never skip.
"""
from __future__ import annotations

import contextlib
import re
from xml.etree import ElementTree
import shutil
import threading
from pathlib import Path

import pytest

from editing import edit_value
from fuling.build.pipeline import build_site
from fuling.charts import pictures as previews
from fuling.charts.chromium import find_browser
from fuling.charts.pictures import WIDTHS, stable_ids
from fuling.core.options import BuildOptions
from fuling.core.parallel import can_fork
from fuling.core.reporter import MemoryReporter

MINI = Path(__file__).parent / "fixtures" / "mini"
CHART = "charts/industrial-output"

# Two drawings of the same bar (industrial output, partial year hatched) by plotly.js:
# the same except for the random id plotly.js gives every drawing (and the patterns it names after it).
DRAWN_ONCE = (
    '<svg class="main-svg"><defs id="defs-bc5f46"><g class="clips"><clipPath id="clipbc5f46xyplot" class="plotclip">'
    '<rect width="263" height="230"/></clipPath></g><g class="patterns"><pattern id="pbc5f46-4ff79b" width="8px">'
    '<circle cx="4" cy="4" r="2.47" fill="rgb(0, 114, 178)"/></pattern></g></defs>'
    '<path d="M50.41,230V145.83H81.09V230Z" clip-path="url(#clipbc5f46xyplot)" '
    "style=\"fill: url('#pbc5f46-4ff79b'); stroke: rgb(0, 114, 178);\"/>"
    '<g class="scrollbox" clip-path="url(#legendbc5f46)"/><clipPath id="legendbc5f46"><rect width="300"/></clipPath></svg>'
)
DRAWN_AGAIN = DRAWN_ONCE.replace("bc5f46", "f874b5").replace("4ff79b", "a7d4cf")


def test_stable_ids_give_two_drawings_of_one_chart_the_same_bytes():
    assert DRAWN_ONCE != DRAWN_AGAIN
    assert stable_ids(DRAWN_ONCE) == stable_ids(DRAWN_AGAIN)
    assert "bc5f46" not in stable_ids(DRAWN_ONCE)


def test_stable_ids_keep_every_reference_pointing_at_its_element():
    svg = stable_ids(DRAWN_ONCE)
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids == ["c1", "c2", "c3", "c4"]  # defs, plot clip, pattern, legend clip: in document order
    referenced = re.findall(r"url\('?#([\w-]+)'?\)", svg)
    assert referenced == ["c2", "c3", "c4"]
    assert 'fill="rgb(0, 114, 178)"' in svg and "stroke: rgb(0, 114, 178)" in svg  # colours are left alone


@pytest.fixture
def resident():
    """What the live preview keeps between its rebuilds (pictures drawn, a Chromium kept open):
    here, between one test's builds; a build handed none keeps nothing."""
    from fuling.build.resident import Resident

    kept = Resident()
    yield kept
    kept.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def need_browser() -> None:
    if find_browser(BuildOptions.from_environment()) is None:
        pytest.fail("no Chromium found for the chart pictures: `make test-tools` installs Debian's chromium "
                    "(or set BROWSER_PATH)")


@contextlib.contextmanager
def another_thread_running():
    """As in the live preview (its server and watcher), which rules out a fork (fuling.core.parallel)."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        yield
    finally:
        stop.set()
        other.join()


def assert_same_pictures(one: Path, two: Path) -> None:
    for width, _media in WIDTHS:
        name = f"{CHART}/preview-{width}.svg"
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_each_chart_is_drawn_at_each_width_with_its_values(project, tmp_path):
    need_browser()
    out = tmp_path / "site"
    reporter = MemoryReporter()
    build_site(project, out, reporter=reporter)
    assert "[previews] 18 chart pictures, 18 drawn" in reporter.text
    assert "drawing 18 chart pictures in Chromium beside render" in reporter.text  # said before the wait
    for width, _media in WIDTHS:
        svg = (out / f"{CHART}/preview-{width}.svg").read_text(encoding="utf-8")
        assert svg.startswith('<svg class="main-svg" xmlns="http://www.w3.org/2000/svg"')
        assert f'width="{width}" height="380"' in svg.split(">", 1)[0]
        labels = ["".join(node.itertext()) for node in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
        # the bars' values (content/facts of the fixture) and the x categories, as drawn text
        for shown in ("2000", "2471", "超过2700", "2021年", "2023年", "2024年", "实际", "目标"):
            assert shown in labels, (width, shown, labels)
        # nothing fetched from elsewhere: the only URL is the SVG namespace
        assert set(re.findall(r"https?://[^\s\"')]+", svg)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_pages_show_the_pictures_and_embeds_too(project, tmp_path):
    need_browser()
    out = tmp_path / "site"
    build_site(project, out, reporter=MemoryReporter())
    chart_page = (out / f"{CHART}/index.html").read_text(encoding="utf-8")
    assert '<source media="(min-width: 40rem)" srcset="../../charts/industrial-output/preview-832.svg"' in chart_page
    assert '<img src="../../charts/industrial-output/preview-296.svg" alt=""' in chart_page
    assert "chart-fallback" not in chart_page  # the picture is what a reader without JavaScript sees
    embed = (out / "embed/industrial-output/index.html").read_text(encoding="utf-8")
    assert '<img src="../../charts/industrial-output/preview-296.svg"' in embed
    assert "embed-noscript" not in embed


def test_pictures_are_kept_between_builds_and_drawn_again_when_the_chart_changes(project):
    need_browser()
    out = project / "site"
    first = MemoryReporter()
    build_site(project, out, reporter=first)
    assert "18 drawn, 0 unchanged" in first.text
    before = (out / f"{CHART}/preview-296.svg").read_bytes()

    facts = project / "content/facts/new-productive-forces.yaml"
    edit_value(facts, 2471, 2480.5)
    theme = project / "content/themes/industry.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("[2471亿元]", "[2480.5亿元]", 1), encoding="utf-8")
    second = MemoryReporter()
    build_site(project, out, reporter=second)
    assert "17 drawn, 1 unchanged" in second.text  # the figure changed: every width, the card and the downloads drawn again; the site card kept
    after = (out / f"{CHART}/preview-296.svg").read_text(encoding="utf-8")
    assert after.encode() != before and ">2480.5<" in after

    article = next((project / "content/articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = MemoryReporter()
    build_site(project, out, reporter=third)
    assert "0 drawn, 18 unchanged" in third.text  # nothing the chart shows changed


def test_without_a_browser_the_build_says_so_and_charts_wait_for_plotly(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    out = tmp_path / "site"
    reporter = MemoryReporter()
    build_site(project, out, reporter=reporter)
    assert "chart pictures: no Chromium found" in reporter.text
    assert not list(out.rglob("preview-*.svg"))
    assert 'class="chart-fallback"' in (out / f"{CHART}/index.html").read_text(encoding="utf-8")


def test_with_other_threads_running_the_pictures_are_drawn_in_a_thread_the_same(project, tmp_path):
    """The live preview's server and watcher are threads, which rule out a fork (fuling.core.parallel):
    the pictures are then drawn in a thread, still beside render, to the same bytes."""
    need_browser()
    build_site(project, tmp_path / "forked", reporter=MemoryReporter())
    with another_thread_running():
        threaded = MemoryReporter()
        build_site(project, tmp_path / "threaded", reporter=threaded)
        assert "18 drawn" in threaded.text
    assert_same_pictures(tmp_path / "threaded", tmp_path / "forked")


def test_a_line_chart_is_drawn_to_the_same_bytes_every_time(project, tmp_path):
    """plotly.js names a line's SVG group after the trace's uid, a random one unless the figure
    gives it: a cold build elsewhere would otherwise draw other bytes than this one."""
    need_browser()
    chart = project / "content/charts/industrial-output.yaml"
    chart.write_text(chart.read_text(encoding="utf-8").replace("type: bar", "type: line"), encoding="utf-8")
    build_site(project, tmp_path / "one", reporter=MemoryReporter())
    build_site(project, tmp_path / "two", reporter=MemoryReporter())  # drawn again: nothing kept between them
    assert 'class="trace scatter' in (tmp_path / "one" / f"{CHART}/preview-296.svg").read_text(encoding="utf-8")
    assert_same_pictures(tmp_path / "one", tmp_path / "two")


def test_a_second_build_with_the_same_resident_draws_nothing_again(project, tmp_path, resident):
    """The live preview's rebuilds, even without the cache: pictures drawn once."""
    need_browser()
    build_site(project, tmp_path / "one", reporter=MemoryReporter(), resident=resident)
    again = MemoryReporter()
    build_site(project, tmp_path / "two", reporter=again, resident=resident)
    assert "18 chart pictures, 0 drawn, 18 unchanged" in again.text
    assert "drawing" not in again.text
    assert_same_pictures(tmp_path / "two", tmp_path / "one")


def test_a_build_without_pictures_is_not_up_to_date_once_chromium_is_there(project, monkeypatch):
    need_browser()
    out = project / "site"
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    build_site(project, out, reporter=MemoryReporter())
    assert not (out / f"{CHART}/preview-296.svg").exists()
    monkeypatch.delenv("FULING_CHART_PREVIEWS")
    again = MemoryReporter()
    build_site(project, out, reporter=again)
    assert "up to date" not in again.text
    assert (out / f"{CHART}/preview-296.svg").exists()
    assert "preview-296.svg" in (out / f"{CHART}/index.html").read_text(encoding="utf-8")


def test_the_live_preview_keeps_one_browser_for_its_rebuilds(project, tmp_path, monkeypatch, resident):
    """In a process with threads (the live preview) the pictures are drawn in a Chromium kept
    open between builds: started once, same bytes as a build's own Chromium."""
    need_browser()
    build_site(project, tmp_path / "forked", reporter=MemoryReporter())
    started = []
    real = previews._KeptBrowser.__init__

    def counting(self, *args):
        started.append(args)
        real(self, *args)

    monkeypatch.setattr(previews._KeptBrowser, "__init__", counting)
    with another_thread_running():
        build_site(project, tmp_path / "first", reporter=MemoryReporter(), resident=resident)
        resident.pictures.drawn.clear()  # drawn again, in the same browser
        again = MemoryReporter()
        build_site(project, tmp_path / "second", reporter=again, resident=resident)
        assert "18 drawn" in again.text
    assert len(started) == 1
    assert_same_pictures(tmp_path / "second", tmp_path / "forked")


def test_the_browser_drivers_ignored_errors_print_no_traceback_in_a_build():
    """choreographer logs, with a traceback, a message it could not decode and ignores; in a
    process without logging set up (build.py) that reached stderr in the middle of a good build."""
    import subprocess
    import sys

    script = ("import logging\nfrom fuling.charts.pictures import _quiet_browser_logs\n_quiet_browser_logs()\n"
              "try:\n    raise ValueError('half a frame')\nexcept ValueError:\n"
              "    logging.getLogger('choreographer.channels.pipe').exception('JSONError decoding message. Ignoring')\n"
              "logging.getLogger('fuling').warning('our own warning')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "Traceback" not in done.stderr and "JSONError" not in done.stderr
    assert "our own warning" in done.stderr  # only the driver's logs are silenced


def mini_drawings(project: Path) -> tuple[list, dict, Path, str]:
    """What a cold build of the project draws: its previews, each one's figure, plotly.js and the Chromium."""
    from fuling.build.pipeline import check_site, templates_for
    from fuling.charts.cards import chart_cards, site_card_figure
    from fuling.charts.figures import build_charts
    from fuling.charts.style import plotly_js_file

    site = check_site(project, None, MemoryReporter())
    charts = build_charts(site)
    plotly_js = plotly_js_file(templates_for(project))
    cards = {chart_id: chart_cards(chart, site) for chart_id, chart in charts.items()}
    site_card = site_card_figure(site, len(charts))
    planned = [p for chart_previews in previews.plan_previews(charts, plotly_js, cards, site_card).values()
               for p in chart_previews]
    figures = previews.drawn_figures(planned, charts, cards, site_card)
    return planned, figures, plotly_js, find_browser(BuildOptions.from_environment())


def test_pictures_drawn_in_several_tabs_at_once_are_the_bytes_of_one_tab_drawing_them_in_turn(project, monkeypatch):
    need_browser()
    from kaleido._kaleido_tab import _KaleidoTab  # a tab's own drawing: Kaleido queues the calls it has no free tab for

    planned, figures, plotly_js, browser = mini_drawings(project)
    at_once = [0, 0]  # drawings in progress now, most ever seen
    real = _KaleidoTab._calc_fig

    async def counted(self, *args, **kwargs):
        at_once[0] += 1
        at_once[1] = max(at_once)
        try:
            return await real(self, *args, **kwargs)
        finally:
            at_once[0] -= 1

    monkeypatch.setattr(_KaleidoTab, "_calc_fig", counted)
    in_turn = previews.draw(planned, figures, plotly_js, browser, tabs=1)
    assert at_once[1] == 1
    together = previews.draw(planned, figures, plotly_js, browser)
    assert previews.TABS > 1 and at_once[1] == previews.TABS  # a build's drawings overlap, one per tab
    assert list(together) == [p.path for p in planned] == list(in_turn)
    assert {p.format for p in planned} == {"svg", "png"}  # pictures, share card and downloads alike
    for path, data in in_turn.items():
        assert together[path] == data, path

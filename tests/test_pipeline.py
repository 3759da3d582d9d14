"""build_site / check_site: stages in order, errors before `out` is touched, reproducible output.

The first group runs the pipeline with small stand-in chart and render stages
(so it tests the pipeline alone); the second builds with the real stages.
"""
from __future__ import annotations

import errno
import shutil
import sys
import types
from pathlib import Path

import jinja2
import pytest

from editing import edit_value
from fuling.build import pipeline
from fuling.build.pipeline import build_site, check_site
from fuling.cli import main
from fuling.core.errors import BuildError
from fuling.core.model import ChartData
from fuling.core.reporter import MemoryReporter

MINI = Path(__file__).parent / "fixtures" / "mini"
NPF = "content/facts/new-productive-forces.yaml"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


# --- the pipeline alone, with stand-in stages -------------------------------------------

@pytest.fixture
def stand_in(monkeypatch, tmp_path):
    """Chart and render stages reduced to what the pipeline needs: a page per fact from one template
    (and no chart pictures: they need the real charts stage)."""
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "fact.html").write_text("<h1>{{ fact.id }}</h1>\n<p>{{ fact.value }}</p>\n", encoding="utf-8")

    charts = types.ModuleType("fuling.charts.figures")
    charts.build_charts = lambda site, memo=None: {cid: ChartData(spec=spec, points=[], figure={}, description="") for cid, spec in site.charts.items()}
    render = types.ModuleType("fuling.site.render")

    def render_site(site, chart_data, templates_dir, reporter=None, exports=None, previews=None, on_searched_pages=None,
                    memo=None, serial=False, on_context=None):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir), undefined=jinja2.StrictUndefined)
        page = env.get_template("fact.html")
        return {f"facts/{f.id}/index.html": page.render(fact=f).encode() for f in site.facts.values()}

    render.render_site = render_site
    monkeypatch.setitem(sys.modules, "fuling.charts.figures", charts)
    monkeypatch.setitem(sys.modules, "fuling.site.render", render)
    return templates


def test_build_reports_each_stage_and_a_one_line_summary(project, stand_in):
    reporter = MemoryReporter()
    result = build_site(project, project / "site", reporter=reporter, templates_dir=stand_in)
    lines = reporter.text.splitlines()
    assert [line.split("]")[0] + "]" for line in lines if line.startswith("[")] == ["[load]", "[charts]", "[render]", "[exports]", "[publish]", "[search]", "[write]", "[cache]"]
    assert lines[-1].startswith("built 5 pages, 1 charts, 5 facts in ") and lines[-1].endswith(" s")
    assert (result.pages, result.charts, result.facts) == (5, 1, 5)
    assert (project / "site/facts/industrial-output-2023/index.html").read_text() == "<h1>industrial-output-2023</h1>\n<p>2471</p>"
    assert (project / "site/data/facts.csv").exists()


def test_content_error_leaves_the_existing_site_byte_identical(project, stand_in):
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    before = tree(project / "site")
    replace(project / NPF, "value: 2471", "value: 2471亿元")
    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    assert str(caught.value.errors[0]).startswith(f"{NPF}:5: value:")
    assert tree(project / "site") == before
    assert not [p.name for p in project.iterdir() if "staging" in p.name or "previous" in p.name]


def test_template_syntax_error_names_the_template_and_line(project, stand_in):
    (stand_in / "fact.html").write_text("<h1>{{ fact.id }}</h1>\n{% if fact.reviewed %}\n<p>checked</p>\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    message = str(caught.value.errors[0])
    assert message.startswith("templates/fact.html:") and "template syntax error" in message
    assert not (project / "site").exists()


def test_template_runtime_error_names_the_template_line(project, stand_in):
    (stand_in / "fact.html").write_text("<h1>{{ fact.id }}</h1>\n<p>{{ fact.no_such_field }}</p>\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    assert str(caught.value.errors[0]).startswith("templates/fact.html:2: template error:")


def test_disk_full_becomes_a_build_error_and_keeps_the_site(project, stand_in, monkeypatch):
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    before = tree(project / "site")
    from fuling.build import write

    def write_file(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write, "_write_file", write_file)
    edit_value(project / NPF, 2471, 2472)
    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    assert "No space left on device" in str(caught.value)
    assert tree(project / "site") == before


@pytest.mark.parametrize("out", [".", "content", "content/site", "templates"])
def test_output_folder_that_would_replace_project_files_is_refused(project, stand_in, out):
    with pytest.raises(BuildError) as caught:
        build_site(project, project / out, reporter=MemoryReporter(), templates_dir=stand_in)
    assert str(caught.value.errors[0]).startswith("--out: ")
    assert (project / "content/site.yaml").exists()


def test_a_rebuild_with_nothing_changed_skips_every_stage(project, stand_in):
    first = build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    before = tree(project / "site")
    reporter = MemoryReporter()
    again = build_site(project, project / "site", reporter=reporter, templates_dir=stand_in)
    assert "[cache] no input changed" in reporter.text and "[render]" not in reporter.text
    assert (again.pages, again.charts, again.facts) == (first.pages, first.charts, first.facts)
    assert tree(project / "site") == before


def test_a_page_deleted_from_the_site_is_built_again(project, stand_in):
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    before = tree(project / "site")
    (project / "site/facts/industrial-output-2023/index.html").unlink()
    reporter = MemoryReporter()
    build_site(project, project / "site", reporter=reporter, templates_dir=stand_in)
    assert "[render]" in reporter.text
    assert tree(project / "site") == before


def test_an_edited_fact_is_never_served_from_the_cache(project, stand_in):
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    edit_value(project / "content/facts/three-changes.yaml", 122, 123)
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    assert (project / "site/facts/high-tech-firms-2021/index.html").read_text() == "<h1>high-tech-firms-2021</h1>\n<p>123</p>"


def test_no_cache_setting_builds_everything(project, stand_in, monkeypatch):
    build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    monkeypatch.setenv("FULING_NO_CACHE", "1")
    reporter = MemoryReporter()
    build_site(project, project / "site", reporter=reporter, templates_dir=stand_in)
    assert "[render]" in reporter.text


def test_a_build_into_a_folder_outside_the_project_leaves_no_state_in_it(project, stand_in, tmp_path):
    build_site(project, tmp_path / "elsewhere" / "site", reporter=MemoryReporter(), templates_dir=stand_in)
    assert not (project / ".cache").exists()


def test_check_validates_writes_nothing_and_warns_about_conflicts(project):
    (project / "content/facts/extra.yaml").write_text(
        "- id: industrial-output-2023-b\n  metric: industrial_output\n  subject: 涪陵区\n  value: 2400\n"
        "  unit: 亿元\n  period: \"2023\"\n  kind: actual\n  source:\n    article: new-productive-forces\n"
        "    quote: 规上工业产值2471亿元\n  corrections: [{date: 2024-04-01, old_value: 2471, reason: 另一口径}]\n  reviewed: true\n",
        encoding="utf-8")
    reporter = MemoryReporter()
    site = check_site(project, reporter=reporter)
    assert len(site.facts) == 6  # the mini's 5 published facts and this one
    assert "warning: conflicting figures: industrial-output-2023-b / industrial-output-2023" in reporter.text
    assert sorted(p.name for p in project.iterdir()) == ["content"]


def test_command_line_exits_non_zero_and_lists_every_error(project, capsys):
    replace(project / NPF, "value: 2471", "value: .nan")
    replace(project / "content/charts/industrial-output.yaml", "type: bar", "type: donut")
    status = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"error: {NPF}:5: value: must be a finite number" in err
    assert "error: content/charts/industrial-output.yaml:6: type: 'donut' is not one of" in err
    assert "2 error(s)" in err


# --- with the real chart and render stages -------------------------------------------------

def test_two_builds_of_the_same_content_are_byte_identical(project, tmp_path):
    build_site(project, tmp_path / "one", reporter=MemoryReporter())
    build_site(project, tmp_path / "two", reporter=MemoryReporter())
    first, second = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert "charts/industrial-output/preview-296.svg" in first  # chart pictures too: plotly.js draws with random ids
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_editor_changes_a_fact_and_the_rebuild_shows_it_everywhere(project):
    out = project / "site"
    build_site(project, out, reporter=MemoryReporter())
    assert "2471" in (out / "data/industrial-output.csv").read_text(encoding="utf-8-sig")

    edit_value(project / NPF, 2471, 2480.5)
    build_site(project, out, reporter=MemoryReporter())  # the narrative, the summaries: all follow the fact

    chart_rows = (out / "data/industrial-output.csv").read_text(encoding="utf-8-sig")
    assert "2480.5" in chart_rows and "2471," not in chart_rows
    facts_csv = (out / "data/facts.csv").read_text(encoding="utf-8-sig")
    assert "industrial-output-2023,industrial_output,规上工业产值,涪陵区,2480.5,亿元" in facts_csv
    pages = [p for p in out.rglob("*.html") if "2480.5" in p.read_text(encoding="utf-8")]
    assert pages, "no page shows the edited value"


def test_a_broken_project_template_is_named_with_its_line(project, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(pipeline.PROJECT_TEMPLATES, templates)
    page = templates / "article.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "{% if article.title %}{% endfor %}")
    page.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), templates_dir=templates)
    assert str(caught.value.errors[0]).startswith("templates/article.html:4: template syntax error:")
    assert not (project / "site").exists()


def test_strict_fails_on_proposed_facts_waiting_for_review_and_names_each(project, capsys):
    from fuling.cli import main

    assert main(["--root", str(project), "check"]) == 0
    assert "1 proposed facts wait for review and are not published: content/facts/three-changes.yaml (1)" in capsys.readouterr().err
    assert main(["--root", str(project), "build", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "content/facts/three-changes.yaml:" in err and "industrial-value-added-growth-2021' waits for review" in err
    assert not (project / "site").exists()


def test_a_folder_holding_files_the_build_did_not_write_is_refused_and_kept(project, tmp_path, monkeypatch):
    """A publishing branch's checkout (.git/, CNAME) as the output folder: nothing deleted."""
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the refusal and the folder are read, no picture
    out = tmp_path / "gh-pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / "CNAME").write_text("data.example.cn\n", encoding="utf-8")
    (out / "index.html").write_text("<p>an older build</p>\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_site(project, out, reporter=MemoryReporter())
    message = str(caught.value.errors[0])
    assert ".git" in message and "CNAME" in message and "nothing was written" in message
    assert (out / ".git" / "HEAD").is_file() and (out / "CNAME").is_file()
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>an older build</p>\n"


def test_a_folder_of_an_earlier_build_is_replaced_as_before(project, tmp_path, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the pictures sit in the chart folders, which the build writes anyway
    out = tmp_path / "public"
    build_site(project, out, reporter=MemoryReporter())
    build_site(project, out, reporter=MemoryReporter())
    assert (out / "index.html").is_file()

"""Docs cannot drift from code: every field the loader accepts and every command is documented."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fuling import cli
from fuling.load import charts as load_charts
from fuling.load import facts as load_facts
from fuling.load import site as load

ROOT = Path(__file__).resolve().parent.parent
FORMATS = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")

FIELD_SETS = {
    "site.yaml": load.SITE_FIELDS,
    "metrics": load.METRIC_FIELDS,
    "themes": load.THEME_FIELDS,
    "charts": load_charts.CHART_FIELDS,
    "chart series": load_charts.SERIES_FIELDS,
    "chart series select": set(load_charts.SELECT_KEYS),
    "facts": load_facts.FACT_FIELDS,
    "fact sources": load_facts.SOURCE_FIELDS,
    "fact corrections": load_facts.CORRECTION_FIELDS,
}


def documented(name: str) -> bool:
    # a field counts as documented when it appears as code: `name`, `source.name` or `name:`
    return re.search(rf"`(?:[a-z_]+\.)?{re.escape(name)}(?::[^`]*)?`", FORMATS) is not None


@pytest.mark.parametrize("kind", sorted(FIELD_SETS))
def test_every_content_field_is_documented(kind):
    missing = sorted(name for name in FIELD_SETS[kind] if not documented(name))
    assert not missing, f"{kind} fields read by the loader but not in docs/content-format.md: {missing}"


def test_every_command_is_in_the_readme():
    parser = cli._parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    missing = [name for name in commands if f"build.py {name}" not in README and f"make {name}" not in README]
    assert not missing, f"sub-commands missing from README.md: {missing}"


def test_every_make_target_in_the_readme_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.M))
    for target in set(re.findall(r"\bmake ([a-z][a-z-]*)", README)):
        assert target in targets, f"README mentions 'make {target}' but the Makefile has no such target"


def test_every_build_switch_is_in_the_readme():
    used = set()
    for path in (ROOT / "fuling").rglob("*.py"):
        used |= set(re.findall(r"\b(FULING_[A-Z_]+|BROWSER_PATH)\b", path.read_text(encoding="utf-8")))
    assert "FULING_NO_CACHE" in used  # the search itself works
    missing = sorted(name for name in used if f"`{name}" not in README)
    assert not missing, f"environment variables the build reads but README.md does not list: {missing}"


def test_every_download_column_is_in_docs_data_md_with_its_chinese_heading():
    from fuling.outputs.exports import CHART_COLUMNS, FACT_COLUMNS
    from fuling.site.pages.data import COLUMN_LABELS

    data_doc = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    missing = [name for name in dict.fromkeys(FACT_COLUMNS + CHART_COLUMNS)
               if f"| `{name}` | {COLUMN_LABELS[name]} |" not in data_doc]
    assert not missing, f"docs/data.md lacks these columns with their Chinese headings: {missing}"

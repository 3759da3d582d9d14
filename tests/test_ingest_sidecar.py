"""Sidecars (seeds/<seed-name>.yaml, fuling/ingest/pieces.py): what they hold, that they
win over the rules, and that every mistake in one names its line and what to write."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from fuling.core.errors import ContentError
from fuling.core.reporter import MemoryReporter
from fuling.core.articlefile import read_article
from fuling.ingest.parse import parse_seed
from fuling.ingest.pieces import PieceSpec, read_sidecar
from fuling.ingest.seeds import ingest_all

REPORT = "涪陵新闻\n\n2023-05-04 08:00:00 来源：区融媒体中心\n\n5月3日，涪陵举行产业招商推介会。\n"


def sidecar(tmp_path: Path, text: str):
    path = tmp_path / "seeds" / "005_new.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    errors: list[ContentError] = []
    return read_sidecar(path, "seeds/005_new.yaml", errors), [str(e) for e in errors]


def test_one_piece_sidecar_holds_top_level_fields(tmp_path):
    spec, errors = sidecar(tmp_path, "slug: investment-fair\ndate: 2023-05-05\ndate_basis: 编辑据报纸版面核定\n"
                                     "summary: 一句话。\ntags: [industry]\nplace: 涪陵区\n")
    assert not errors
    assert spec.pieces == (PieceSpec(slug="investment-fair", date=dt.date(2023, 5, 5), date_basis="编辑据报纸版面核定",
                                     summary="一句话。", tags=("industry",)),)


def test_top_level_fields_are_the_defaults_of_listed_pieces(tmp_path):
    spec, errors = sidecar(tmp_path, "date: 2022-09-20\nplace: 南岸区\npieces:\n  - slug: main\n    place: 涪陵区\n"
                                     "  - slug: item\n    start: 江边\nmoves:\n  - opening: 强化\n    to: main\n    why: 同上\n")
    assert not errors
    assert [(p.slug, p.place, p.date) for p in spec.pieces] == [
        ("main", "涪陵区", dt.date(2022, 9, 20)), ("item", "南岸区", dt.date(2022, 9, 20))]
    assert spec.moves[0].opening == "强化" and spec.moves[0].line == 9


def test_head_keeps_the_printed_order(tmp_path):
    spec, _ = sidecar(tmp_path, "head:\n  kicker: 引题\n  title: 主题\n  subtitle: 副题\n")
    assert spec.pieces[0].head == (("kicker", "引题"), ("title", "主题"), ("subtitle", "副题"))


def test_every_mistake_names_its_line_and_what_to_write(tmp_path):
    _, errors = sidecar(tmp_path, "slug: Investment Fair\ndate: 5月5日\ntags: industry\ndat: 2023-05-05\n"
                                  "head:\n  headline: 主题\nslug: again\n")
    assert errors == [
        "seeds/005_new.yaml:4: dat: unknown field in the sidecar; write one of slug, start, head, title, date, "
        "date_basis, place, publication, summary, tags, pieces, moves",
        "seeds/005_new.yaml:7: slug: given twice in the sidecar (first on line 1); keep one",
        "seeds/005_new.yaml:1: slug: 'Investment Fair' is not a slug; write lower-case words joined by '-', "
        "e.g. slug: qijiang-smart-factory",
        "seeds/005_new.yaml:2: date: '5月5日' is not a date; write it as YYYY-MM-DD, e.g. date: 2025-01-06",
        "seeds/005_new.yaml:3: tags: must be a list of words, such as [industry, green]",
        "seeds/005_new.yaml:6: headline: unknown field in head; write one of title, kicker, subtitle, series, banner",
    ]


def test_invalid_yaml_names_its_line(tmp_path):
    spec, errors = sidecar(tmp_path, "slug: a\nsummary: [unclosed\n")
    assert spec is None and errors and errors[0].startswith("seeds/005_new.yaml:3: not valid YAML")


def test_sidecar_date_and_title_win_over_the_rules():
    spec = read_or_fail("title: 招商推介会在涪陵举行\ndate: 2023-05-05\ndate_basis: 编辑核对报纸版面\n")
    errors: list[ContentError] = []
    (draft,) = parse_seed("005_new.txt", REPORT, spec, "seeds/005_new.txt", errors)
    meta = draft.meta()
    assert (meta["title"], str(meta["date"]), meta["date_basis"]) == ("招商推介会在涪陵举行", "2023-05-05", "编辑核对报纸版面")
    assert "note" not in meta and [b.text for b in draft.blocks] == ["5月3日，涪陵举行产业招商推介会。"]


def read_or_fail(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        spec, errors = sidecar(Path(folder), text)
    assert not errors, errors
    return spec


def test_a_piece_start_the_print_lacks_names_the_sidecar_line():
    spec = read_or_fail("pieces:\n  - slug: main\n  - slug: item\n    start: 不存在的开头\n")
    errors: list[ContentError] = []
    assert parse_seed("005_new.txt", REPORT, spec, "seeds/005_new.txt", errors) == []
    assert [str(e) for e in errors] == [
        "seeds/005_new.yaml:3: start: item: no line of seeds/005_new.txt after line 1 starts with '不存在的开头'; "
        "write the opening words of the piece's first line"]


def test_a_move_to_an_unknown_piece_names_the_sidecar_line():
    spec = read_or_fail("slug: main\nmoves:\n  - opening: 5月3日\n    to: elsewhere\n")
    errors: list[ContentError] = []
    assert parse_seed("005_new.txt", REPORT, spec, "seeds/005_new.txt", errors) == []
    assert [str(e) for e in errors] == ["seeds/005_new.yaml:3: to: 'elsewhere' is not a piece of this seed; write one of main"]


def test_a_sidecar_without_its_seed_is_an_error_and_the_others_are_written(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "005_new.txt").write_text(REPORT, encoding="utf-8")
    (seeds / "005_nwe.yaml").write_text("slug: typo\n", encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(seeds, tmp_path / "articles", reporter=reporter) == 1
    assert "error: seeds/005_nwe.yaml: a sidecar without its seed" in reporter.text
    assert read_article(tmp_path / "articles" / "seed-005-new.md", tmp_path).date == dt.date(2023, 5, 4)


def test_a_slug_two_seeds_produce_names_the_sidecar_to_change(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("005_a", "006_b"):
        (seeds / f"{name}.txt").write_text(REPORT, encoding="utf-8")
        (seeds / f"{name}.yaml").write_text("slug: same\n", encoding="utf-8")
    reporter = MemoryReporter()
    assert ingest_all(seeds, tmp_path / "articles", reporter=reporter) == 1
    assert ("error: seeds/006_b.txt: slug: same is produced by seeds/005_a.txt too; "
            "add slug: <another-slug> to seeds/006_b.yaml") in reporter.text
    assert [p.name for p in (tmp_path / "articles").glob("*.md")] == ["same.md"]


def test_every_sidecar_field_is_documented():
    from fuling.ingest.pieces import HEAD_FIELDS, MOVE_FIELDS, SEED_FIELDS

    docs = (Path(__file__).resolve().parent.parent / "docs" / "content-format.md").read_text(encoding="utf-8")
    section = docs[docs.index("## Seeds and sidecars"):]
    section = section[:section.index("\n## ", 1)]
    missing = [name for name in SEED_FIELDS + MOVE_FIELDS + HEAD_FIELDS if f"`{name}`" not in section]
    assert not missing, f"sidecar fields not described in docs/content-format.md (Seeds and sidecars): {missing}"

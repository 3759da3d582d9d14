"""export_data: facts as CSV / JSON / SQLite and chart data, reproducible to the byte."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from fuling.core.model import ChartData, ChartPoint
from fuling.load.charts import series_facts
from fuling.load.site import load_site
from fuling.outputs.exports import CHART_COLUMNS, FACT_COLUMNS, export_data

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def site():
    return load_site(MINI)


def chart_data(site) -> dict[str, ChartData]:
    """Chart points built straight from the specs (independent of the charts stage)."""
    charts = {}
    for chart_id, spec in site.charts.items():
        points = [ChartPoint(fact=f, series=s.name, x=f"{f.period}年", style=s.style or f.kind)
                  for s in spec.series for f in series_facts(s, site.facts)]
        charts[chart_id] = ChartData(spec=spec, points=points, figure={}, description=spec.title)
    return charts


@pytest.fixture(scope="module")
def files(site):
    return export_data(site, chart_data(site))


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM missing: spreadsheet software would garble the Chinese"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_files_are_named_as_the_site_layout_says(files):
    assert sorted(files) == ["data/facts.csv", "data/facts.db", "data/facts.json", "data/industrial-output-wide.csv",
                             "data/industrial-output.csv", "data/industrial-output.json"]


def test_facts_csv_round_trips_to_the_fact_values(site, files):
    rows = read_csv(files["data/facts.csv"])
    assert list(rows[0]) == FACT_COLUMNS
    assert [r["id"] for r in rows] == list(site.facts)
    for row in rows:
        fact = site.facts[row["id"]]
        assert float(row["value"]) == fact.value
        assert (row["metric"], row["subject"], row["unit"], row["period"], row["kind"], row["bound"], row["measure"]) == \
               (fact.metric, fact.subject, fact.unit, fact.period, fact.kind, fact.bound, fact.measure)
        assert row["quote"] == fact.source.quote and row["article"] == fact.source.article
        assert row["article_title"] == site.articles[fact.source.article].title
        assert row["published"] == site.articles[fact.source.article].date.isoformat()
        assert row["metric_label"].startswith(site.metrics[fact.metric].label)
        assert row["reviewed"] == ("true" if fact.reviewed else "false")
        assert row["corrected"] == ("true" if fact.corrections else "false")


def test_facts_csv_links_each_fact_to_its_source_paragraph(files):
    rows = {r["id"]: r for r in read_csv(files["data/facts.csv"])}
    # Absolute: a downloaded file's links still lead back to the paragraph.
    assert rows["industrial-output-2023"]["url"] == "https://example.org/fuling/articles/new-productive-forces/#p1"
    assert rows["industrial-output-target-2024"]["paragraph"] == "p3"


def test_facts_csv_labels_each_metric_by_what_the_number_measures(site):
    changed = load_site(MINI)
    changed.facts["industrial-value-added-2023"].measure = "growth"
    changed.facts["industrial-output-2021"].measure = "share"
    rows = {r["id"]: r for r in read_csv(export_data(changed, {})["data/facts.csv"])}
    assert rows["industrial-output-2023"]["metric_label"] == site.metrics["industrial_output"].label == "规上工业产值"
    assert rows["industrial-value-added-2023"]["metric_label"] == "工业增加值增速"
    assert rows["industrial-output-2021"]["metric_label"] == "规上工业产值占比"


def test_facts_csv_reads_periods_as_people_do_and_flags_part_years(site):
    changed = load_site(MINI)
    changed.facts["industrial-output-2021"].period = "2021-01/2021-08"
    rows = {r["id"]: r for r in read_csv(export_data(changed, {})["data/facts.csv"])}
    assert (rows["industrial-output-2021"]["period_label"], rows["industrial-output-2021"]["partial"]) == \
        ("2021年1—8月", "true")
    assert (rows["industrial-output-2023"]["period_label"], rows["industrial-output-2023"]["partial"]) == ("2023年", "false")
    assert rows["high-tech-firms-2021"]["period_label"] == "2021年末"


def test_a_metric_counted_in_two_words_has_one_unit_and_keeps_the_printed_one(site):
    changed = load_site(MINI)
    assert changed.metrics["high_tech_enterprises"].unit == "户"
    changed.facts["high-tech-firms-2021"].unit = "家"  # the same firms, printed 家 in another report
    rows = {r["id"]: r for r in read_csv(export_data(changed, {})["data/facts.csv"])}
    assert (rows["high-tech-firms-2021"]["unit"], rows["high-tech-firms-2021"]["printed_unit"]) == ("户", "家")
    assert (rows["industrial-output-2023"]["unit"], rows["industrial-output-2023"]["printed_unit"]) == ("亿元", "亿元")
    changed.facts["industrial-value-added-2023"].measure = "growth"
    changed.facts["industrial-value-added-2023"].unit = "%"
    growth = {r["id"]: r for r in read_csv(export_data(changed, {})["data/facts.csv"])}["industrial-value-added-2023"]
    assert (growth["unit"], growth["printed_unit"]) == ("%", "%")  # a rate keeps its own unit


LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def test_every_download_carries_the_licence_set_in_site_yaml(files, tmp_path):
    for path, data in files.items():
        if path.endswith(".csv"):
            rows = read_csv(data)
            assert rows and all(r["licence"] == LICENCE for r in rows), path
        elif path.endswith(".json"):
            document = json.loads(data)
            assert (document["licence"], document["licence_url"]) == ("CC BY 4.0", LICENCE), path
            assert document["cite_as"].startswith("涪陵数据编辑部：《") and "许可：CC BY 4.0" in document["cite_as"], path
            assert document["cite_as"].count("https://example.org/fuling/") == 1, path
    db = open_db(files["data/facts.db"], tmp_path)
    meta = dict(db.execute("SELECT key, value FROM dataset"))
    assert (meta["licence"], meta["licence_url"]) == ("CC BY 4.0", LICENCE)
    assert meta["cite_as"] == "涪陵数据编辑部：《涪陵数据（测试）：全部事实记录》，涪陵数据（测试），" \
                              "https://example.org/fuling/data/。许可：CC BY 4.0。"


def test_wide_chart_csv_has_a_row_per_category_and_a_column_per_series_with_its_unit(site, files):
    long_rows = read_csv(files["data/industrial-output.csv"])
    wide = read_csv(files["data/industrial-output-wide.csv"])
    assert list(wide[0]) == ["x", "实际（亿元）", "目标（亿元）", "partial", "licence"]
    assert [r["x"] for r in wide] == ["2021年", "2023年", "2024年"]  # in time order
    assert set(r["x"] for r in long_rows) == {"2021年", "2023年", "2024年"}
    for row in long_rows:  # every value of the long table is in its cell of the wide one
        cell = next(w for w in wide if w["x"] == row["x"])[f"{row['series']}（{row['unit']}）"]
        assert float(cell) == float(row["value"])
    assert sum(1 for w in wide for k in ("实际（亿元）", "目标（亿元）") if w[k]) == len(long_rows)


def test_wide_csv_splits_a_series_holding_actual_and_target_of_one_year():
    from fuling.outputs.exports import wide_csv

    class Config:
        licence_url = LICENCE

    class FakeSite:
        config = Config()

    rows = [{"series": "产值", "x": "2024年", "period": "2024", "kind": "actual", "unit": "亿元", "value": 2500,
             "partial": False},
            {"series": "产值", "x": "2024年", "period": "2024", "kind": "target", "unit": "亿元", "value": 2700,
             "partial": False}]
    wide = read_csv(wide_csv(FakeSite(), rows))
    assert wide == [{"x": "2024年", "产值（actual）（亿元）": "2500", "产值（target）（亿元）": "2700",
                     "partial": "false", "licence": LICENCE}]


def test_wide_csv_rows_follow_time_whatever_the_series_order():
    from fuling.outputs.exports import wide_csv

    class Config:
        licence_url = LICENCE

    class FakeSite:
        config = Config()

    rows = [{"series": "投入", "x": "2023年", "period": "2023", "kind": "actual", "unit": "亿元", "value": 44.5, "partial": False},
            {"series": "企业", "x": "2021年末", "period": "2021-12-31", "kind": "actual", "unit": "户", "value": 122,
             "partial": False},
            {"series": "投入", "x": "2022年1—8月", "period": "2022-01/2022-08", "kind": "actual", "unit": "亿元",
             "value": 24.02, "partial": True}]
    wide = read_csv(wide_csv(FakeSite(), rows))
    assert [(r["x"], r["partial"]) for r in wide] == [("2021年末", "false"), ("2022年1—8月", "true"), ("2023年", "false")]
    assert list(wide[0]) == ["x", "投入（亿元）", "企业（户）", "partial", "licence"]


def test_facts_json_carries_metadata_and_every_fact(site, files):
    document = json.loads(files["data/facts.json"])
    for key in ("title", "source", "licence", "generated_from", "facts"):
        assert document[key], key
    assert not any("generated_at" in k or "time" in k for k in document)
    by_id = {f["id"]: f for f in document["facts"]}
    assert set(by_id) == set(site.facts)
    assert by_id["industrial-output-2023"]["value"] == 2471
    assert by_id["industrial-value-added-2023"]["corrections"] == [
        {"date": "2024-03-05", "old_value": 770, "reason": "测试用更正：首次发布时误录为770亿元。"}]
    assert "2471" in files["data/facts.json"].decode() and "\\u" not in files["data/facts.json"].decode()


def open_db(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "facts.db"
    path.write_bytes(data)
    return sqlite3.connect(path)


def test_sqlite_join_of_facts_to_articles_returns_every_fact(site, files, tmp_path):
    db = open_db(files["data/facts.db"], tmp_path)
    rows = db.execute("SELECT facts.id, facts.value, articles.title FROM facts JOIN articles ON facts.article = articles.slug").fetchall()
    assert sorted(r[0] for r in rows) == sorted(site.facts)
    assert {r[0]: r[1] for r in rows}["industrial-output-2023"] == 2471
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_has_foreign_keys_indexes_sources_and_corrections(site, files, tmp_path):
    db = open_db(files["data/facts.db"], tmp_path)
    targets = {row[2] for row in db.execute("PRAGMA foreign_key_list(facts)")}
    assert targets == {"metrics", "articles"}
    assert {row[2] for row in db.execute("PRAGMA foreign_key_list(sources)")} == {"facts", "articles"}
    indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}
    assert {"facts_metric", "facts_article", "sources_article"} <= indexes
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sum(len(f.sources) for f in site.facts.values())
    assert db.execute("SELECT fact, old_value FROM corrections").fetchall() == [("industrial-value-added-2023", 770.0)]
    assert db.execute("SELECT count(*) FROM metrics").fetchone()[0] == len(site.metrics)


def test_exports_are_byte_reproducible(site):
    first = export_data(site, chart_data(site))
    again = export_data(load_site(MINI), chart_data(load_site(MINI)))
    assert first.keys() == again.keys()
    for name in first:
        assert first[name] == again[name], name


def test_sqlite_bytes_do_not_depend_on_fact_order(site):
    reordered = load_site(MINI)
    reordered.facts = dict(reversed(list(reordered.facts.items())))
    assert export_data(site, {})["data/facts.db"] == export_data(reordered, {})["data/facts.db"]


def test_chart_csv_has_one_row_per_point_with_its_source(site, files):
    rows = read_csv(files["data/industrial-output.csv"])
    assert list(rows[0]) == CHART_COLUMNS
    points = chart_data(site)["industrial-output"].points
    assert [(r["series"], r["fact"], float(r["value"])) for r in rows] == [(p.series, p.fact.id, p.fact.value) for p in points]
    target = next(r for r in rows if r["fact"] == "industrial-output-target-2024")
    assert (target["period"], target["kind"], target["unit"], target["article"]) == ("2024", "target", "亿元", "new-productive-forces")
    assert target["quote"] == "规上工业产值突破2700亿元"
    assert target["url"] == "https://example.org/fuling/articles/new-productive-forces/#p3"
    assert (target["period_label"], target["partial"]) == ("2024年", "false")


def test_chart_json_names_its_sources(files):
    document = json.loads(files["data/industrial-output.json"])
    assert document["title"] == "涪陵规上工业产值"
    assert [s["article"] for s in document["source"]] == ["new-productive-forces", "three-changes"]
    assert len(document["points"]) == 3


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised_and_numbers_stay_numbers():
    import csv
    import io

    from fuling.outputs.exports import _csv

    rows = [{"quote": '=HYPERLINK("http://evil.example","点这里")', "note": "+1 研究", "label": "@SUM(A1)",
             "other": "-号", "tab": "\tx", "value": -30, "share": 12.5, "plain": "2471亿元"}]
    data = _csv(list(rows[0]), rows).decode("utf-8-sig")
    cells = next(csv.DictReader(io.StringIO(data)))
    assert cells["quote"] == "'" + rows[0]["quote"] and cells["note"] == "'+1 研究" and cells["label"] == "'@SUM(A1)"
    assert cells["other"] == "'-号" and cells["tab"] == "'\tx"
    assert cells["value"] == "-30" and cells["share"] == "12.5" and cells["plain"] == "2471亿元"


def test_a_chart_whose_data_files_would_overwrite_the_facts_downloads_is_an_error_naming_it(tmp_path):
    import shutil

    from fuling.build.pipeline import build_files
    from fuling.core.errors import BuildError
    from fuling.core.reporter import MemoryReporter

    root = Path(__file__).resolve().parent.parent
    project = tmp_path / "mini"
    shutil.copytree(root / "tests" / "fixtures" / "mini", project)
    charts = project / "content" / "charts"
    (charts / "industrial-output.yaml").rename(charts / "facts.yaml")
    theme = project / "content" / "themes" / "industry.md"
    theme.write_text(theme.read_text(encoding="utf-8").replace("charts: [industrial-output]", "charts: [facts]"),
                     encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build_files(project, reporter=MemoryReporter(), templates_dir=root / "templates")
    message = str(caught.value.errors[0])
    assert message.startswith("content/charts/facts.yaml:") and "data/facts.csv" in message


def test_a_corrected_fact_carries_its_correction_date_and_the_printed_value_in_every_file(files, tmp_path):
    """The mini fixture corrects industrial-value-added-2023: printed 770, published 771 (2024-03-05)."""
    rows = {r["id"]: r for r in read_csv(files["data/facts.csv"])}
    row = rows["industrial-value-added-2023"]
    assert (row["corrected"], row["corrected_on"], row["original_value"], row["value"]) == ("true", "2024-03-05", "770", "771")
    assert (rows["industrial-output-2023"]["corrected_on"], rows["industrial-output-2023"]["original_value"]) == ("", "")
    record = next(f for f in json.loads(files["data/facts.json"])["facts"] if f["id"] == "industrial-value-added-2023")
    assert (record["corrected_on"], record["original_value"]) == ("2024-03-05", 770)
    with_db = tmp_path / "facts.db"
    with_db.write_bytes(files["data/facts.db"])
    db = sqlite3.connect(with_db)
    assert db.execute("SELECT corrected, corrected_on, original_value FROM facts WHERE id = ?",
                      ("industrial-value-added-2023",)).fetchone() == (1, "2024-03-05", 770.0)
    assert db.execute("SELECT corrected_on, original_value FROM facts WHERE id = 'industrial-output-2023'").fetchone() == (None, None)
    db.close()

"""The data page (every column of every export documented), the JSON-LD
provenance blocks, and corrections shown on the facts, chart and corrections
pages: built from the mini fixture project and parsed."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml
from browser.sitefiles import parse_html

from fuling.build.pipeline import build_files
from fuling.core.errors import BuildError
from fuling.core.reporter import Reporter
from fuling.site.pages.data import describe_exports

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


def build(root: Path):
    return build_files(root, reporter=Reporter(quiet=True), templates_dir=ROOT / "templates")


@pytest.fixture(scope="module")
def mini():
    return build(MINI)


def tree(files, path):
    return parse_html(files[path].decode("utf-8"))


def jsonld_blocks(files, path):
    return [json.loads(n.text()) for n in tree(files, path).iter()
            if n.tag == "script" and n.attrs.get("type") == "application/ld+json"]


def documented(files, table_id):
    table = [n for n in tree(files, "data/index.html").iter() if n.tag == "table" and n.attrs.get("id") == table_id]
    assert len(table) == 1, table_id
    rows = [n for n in table[0].iter() if n.tag == "tr"][1:]
    out = {}
    for row in rows:
        name = [c for c in row.iter() if c.tag == "code"][0].text()
        out[name] = [c for c in row.iter() if c.tag == "td"][-2].text()  # the Chinese meaning
    return out


def test_data_page_documents_every_column_of_the_fact_and_chart_csv(mini):
    _, _, files = mini
    for path, table_id in (("data/facts.csv", "facts-csv"), ("data/industrial-output.csv", "chart-csv")):
        header = next(csv.reader(io.StringIO(files[path].decode("utf-8-sig"))))
        docs = documented(files, table_id)
        assert list(docs) == header
        assert all(text.strip() for text in docs.values()), docs


def test_data_page_documents_every_table_and_column_of_the_sqlite_file(mini, tmp_path):
    import sqlite3

    _, _, files = mini
    path = tmp_path / "facts.db"
    path.write_bytes(files["data/facts.db"])
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert {"facts", "articles", "metrics", "sources", "corrections"} <= set(tables)
    for table in tables:
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
        assert list(documented(files, f"db-{table}")) == columns
    db.close()


def test_an_undocumented_export_column_stops_the_build(mini):
    _, charts, files = mini
    changed = dict(files)
    text = files["data/facts.csv"].decode("utf-8-sig").replace("id,metric,", "id,mystery,metric,", 1)
    changed["data/facts.csv"] = text.encode("utf-8-sig")
    with pytest.raises(BuildError) as failure:
        describe_exports(changed, sorted(charts))
    assert "column data/facts.csv: mystery has no description" in str(failure.value)


def test_data_page_carries_a_dataset_with_every_download(mini):
    site, charts, files = mini
    (dataset,) = jsonld_blocks(files, "data/index.html")
    assert dataset["@type"] == "Dataset"
    urls = {d["contentUrl"]: d["encodingFormat"] for d in dataset["distribution"]}
    base = site.config.site_url
    assert urls == {base + "data/facts.csv": "text/csv", base + "data/facts.json": "application/json",
                    base + "data/facts.db": "application/vnd.sqlite3"}
    for url in urls:
        assert url[len(base):] in files
    assert [part["name"] for part in dataset["hasPart"]] == [charts[c].spec.title for c in sorted(charts)]


def test_chart_page_carries_a_dataset_with_its_csv_and_json(mini):
    site, _, files = mini
    blocks = [b for b in jsonld_blocks(files, "charts/industrial-output/index.html") if b.get("@type") == "Dataset"]
    assert len(blocks) == 1
    dataset = blocks[0]
    assert dataset["name"] == "涪陵规上工业产值"
    assert dataset["url"] == site.config.site_url + "charts/industrial-output/"
    assert sorted(d["contentUrl"] for d in dataset["distribution"]) == [
        site.config.site_url + "data/industrial-output-wide.csv", site.config.site_url + "data/industrial-output.csv",
        site.config.site_url + "data/industrial-output.json"]
    assert dataset["temporalCoverage"] == "2021/2024"


LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def test_every_dataset_in_the_json_ld_names_the_licence_and_how_to_cite_it(mini):
    site, _, files = mini
    for path, title in (("data/index.html", "涪陵数据（测试）：全部事实记录"),
                        ("charts/industrial-output/index.html", "涪陵规上工业产值")):
        (dataset,) = [b for b in jsonld_blocks(files, path) if b.get("@type") == "Dataset"]
        assert dataset["license"] == LICENCE, path
        assert dataset["creditText"].startswith(f"涪陵数据编辑部：《{title}》，涪陵数据（测试），{dataset['url']}"), path
        assert dataset["creditText"].endswith("。许可：CC BY 4.0。"), path


def cite_block(files, path):
    (section,) = [n for n in tree(files, path).iter() if n.tag == "section" and "cite" in n.attrs.get("class", "").split()]
    return section


@pytest.mark.parametrize("path, title, url", [
    ("data/index.html", "涪陵数据（测试）：全部事实记录", "https://example.org/fuling/data/"),
    ("charts/industrial-output/index.html", "涪陵规上工业产值", "https://example.org/fuling/charts/industrial-output/")])
def test_chart_and_data_pages_say_how_to_cite_them_under_the_licence(mini, path, title, url):
    _, _, files = mini
    section = cite_block(files, path)
    licence = [n for n in section.iter() if n.tag == "a" and n.attrs.get("rel") == "license"]
    assert [(a.attrs["href"], a.text()) for a in licence] == [(LICENCE, "CC BY 4.0")]
    parts = dict(zip([n.text() for n in section.iter() if n.tag == "dt"], [n.text() for n in section.iter() if n.tag == "dd"]))
    assert (parts["标题"], parts["网站"], parts["网址"]) == (title, "涪陵数据（测试）", url)
    assert "访问日期" in parts
    (line,) = [n for n in section.iter() if n.tag == "p" and n.attrs.get("class") == "cite-text"]
    assert line.text().startswith(f"涪陵数据编辑部：《{title}》，涪陵数据（测试），{url}，访问日期：")


def test_data_page_gives_each_csv_column_its_chinese_heading(mini):
    from fuling.site.pages.data import COLUMN_LABELS

    _, _, files = mini
    table = [n for n in tree(files, "data/index.html").iter() if n.tag == "table" and n.attrs.get("id") == "facts-csv"][0]
    rows = [n for n in table.iter() if n.tag == "tr"][1:]
    headings = {[c for c in r.iter() if c.tag == "code"][0].text(): [c for c in r.iter() if c.tag == "td"][0].text()
                for r in rows}
    assert headings["metric_label"] == "指标" and headings["period_label"] == "时期" and headings["unit"] == "单位"
    assert headings == {name: COLUMN_LABELS[name] for name in headings}


def test_facts_page_lists_every_fact_as_a_claim_with_its_paragraph(mini):
    site, _, files = mini
    (claims,) = [b for b in jsonld_blocks(files, "facts/index.html") if "@graph" in b]
    by_id = {c["@id"].rsplit("#", 1)[1]: c for c in claims["@graph"]}
    assert set(by_id) == set(site.facts)
    claim = by_id["industrial-output-2023"]
    assert claim["@type"] == "Claim"
    assert claim["text"] == "去年，涪陵累计完成规上工业产值2471亿元"
    assert claim["appearance"][0]["url"] == site.config.site_url + "articles/new-productive-forces/#p1"
    assert claim["appearance"][0]["datePublished"] == site.articles["new-productive-forces"].date.isoformat()


def test_jsonld_cannot_be_closed_by_content():
    from fuling.site.jsonld import script_tag

    tag = str(script_tag({"text": "</script><script>alert(1)</script>"}))
    assert tag.count("</script>") == 1
    assert json.loads(tag.split(">", 1)[1].rsplit("<", 1)[0])["text"] == "</script><script>alert(1)</script>"


def test_corrections_show_on_the_facts_row_and_the_corrections_page(tmp_path, mini, monkeypatch):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    _, _, files = mini  # the fixture as it is
    # The mini fixture's industrial-value-added-2023 was printed as 770 and corrected to 771.
    facts = tree(files, "facts/index.html")
    row = [n for n in facts.iter() if n.tag == "tr" and n.attrs.get("id") == "industrial-value-added-2023"][0]
    flag = [n for n in row.iter() if n.attrs.get("class") == "corrected"]
    assert flag and "770亿元" in flag[0].text() and "2024-03-05" in flag[0].text()
    page = tree(files, "corrections/index.html")
    items = [n for n in page.iter() if n.tag == "li" and n.attrs.get("id") == "industrial-value-added-2023-2024-03-05"]
    assert len(items) == 1
    text = items[0].text()
    assert "770亿元" in text and "771亿元" in text and "误录为770亿元" in text
    feed = files["corrections.xml"].decode()
    assert "industrial-value-added-2023-2024-03-05" in feed

    # Remove the correction from the copy: the flag and the entry go away.
    facts_file = root / "content" / "facts" / "new-productive-forces.yaml"
    data = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    for record in data["facts"]:
        record.pop("corrections", None)
    facts_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the facts and corrections pages are read, no picture
    _, _, files = build(root)
    assert 'class="corrected"' not in files["facts/index.html"].decode()
    assert "目前没有更正" in files["corrections/index.html"].decode()

"""Embed pages, the English twin of a figure, and the embed code and downloads
on chart pages: built from the mini fixture project, parsed as HTML."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from browser.sitefiles import parse_html
from fixture_site import make_charts, make_site

from fuling.build.pipeline import build_files
from fuling.charts.english import english_figure
from fuling.core.numbers import format_value
from fuling.core.options import BuildOptions
from fuling.core.periods import period_label
from fuling.core.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
TEMPLATES = ROOT / "templates"
ASSETS = TEMPLATES / "assets"


def build(root: Path, site_url: str | None = None, pictures: bool = True):
    """The project's files; `pictures=False` for a test that reads pages and codes, no chart picture."""
    options = None if pictures else BuildOptions(chart_pictures=False)
    return build_files(root, site_url=site_url, reporter=Reporter(quiet=True), templates_dir=TEMPLATES, options=options)


@pytest.fixture(scope="module")
def mini():
    site, charts, files = build(MINI)
    return site, charts, files


def page(files, path):
    return parse_html(files[path].decode("utf-8"))


def nodes(tree, tag, **attrs):
    return [n for n in tree.iter() if n.tag == tag and all(n.attrs.get(k) == v for k, v in attrs.items())]


def json_script(tree, element_id):
    found = [n for n in tree.iter() if n.attrs.get("id") == element_id]
    assert len(found) == 1, element_id
    return json.loads(found[0].text())


# ------------------------------------------------------------------ embed pages


def test_every_chart_has_an_embed_page(mini):
    site, charts, files = mini
    assert charts, "the fixture has charts"
    for chart_id in charts:
        assert f"embed/{chart_id}/index.html" in files


def test_embed_page_is_the_chart_title_and_credit_without_site_chrome(mini):
    site, charts, files = mini
    tree = page(files, "embed/industrial-output/index.html")
    assert not nodes(tree, "nav") and not nodes(tree, "header") and not nodes(tree, "footer")
    h1 = nodes(tree, "h1")
    assert len(h1) == 1 and "涪陵规上工业产值" in h1[0].text()
    # The credit links back to the chart page, absolute (the embed lives on another site), in a new tab.
    chart_url = site.config.site_url + "charts/industrial-output/"
    credit = [n for n in tree.iter() if "embed-credit" in n.attrs.get("class", "")]
    assert len(credit) == 1
    links = [a for a in nodes(credit[0], "a") if a.attrs["href"] == chart_url]
    assert links and all(a.attrs.get("target") in ("_blank", "_parent") for a in links)
    assert nodes(tree, "link", rel="canonical")[0].attrs["href"] == chart_url
    # Indexed as the chart page (canonical), not kept out with noindex: a crawler sees one page, not two.
    assert not nodes(tree, "meta", name="robots")
    # The chart container the site's drawing script fills, with its figure.
    assert nodes(tree, "div", id="plot-industrial-output")[0].attrs["data-chart"] == "industrial-output"
    figure = json_script(tree, "figure-industrial-output")
    assert figure == json.loads(json.dumps(charts["industrial-output"].figure))


def test_embed_page_loads_only_files_of_this_site(mini):
    site, charts, files = mini
    tree = page(files, "embed/industrial-output/index.html")
    loaded = [n.attrs["src"] for n in nodes(tree, "script") if "src" in n.attrs]
    loaded += [n.attrs["data-plotly-src"] for n in nodes(tree, "script") if "data-plotly-src" in n.attrs]
    loaded += [n.attrs["href"] for n in nodes(tree, "link") if n.attrs.get("rel") in ("stylesheet", "icon")]
    assert loaded, "the embed loads its scripts and styles"
    for url in loaded:
        assert not url.startswith(("http:", "https:", "//")), url
        assert url.startswith("../../assets/"), url
        assert url.split("?")[0][len("../../"):] in files, url
    # Published under content-hashed names: the manifest says which file each one is.
    manifest = json.loads(files["assets/manifest.json"])
    names = {name.rsplit("/", 1)[-1] for name, hashed in manifest.items() if "../../" + hashed in loaded}
    assert {"embed-frame.js", "plotly.min.js", "charts.js", "embed.css"} <= names


def test_embed_page_bakes_in_english_title_notes_and_figure(mini):
    site, charts, files = mini
    tree = page(files, "embed/industrial-output/index.html")
    english = [n.text() for n in tree.iter() if "i18n-en" in n.attrs.get("class", "")]
    assert "Industrial output of Fuling (above designated size)" in english
    assert any("lower bound" in text for text in english)  # the spec's notes_en
    # The same warnings in both languages: one English note for each Chinese one.
    lists = [n for n in tree.iter() if n.tag == "ul" and "embed-notes" in n.attrs.get("class", "")]
    zh, en = ([li for li in ul.iter() if li.tag == "li"] for ul in lists)
    assert len(zh) == len(en) >= 2
    figure_en = json_script(tree, "figure-industrial-output-en")
    assert figure_en == json.loads(json.dumps(english_figure(charts["industrial-output"], site)))


def test_corrected_figure_is_flagged_on_the_embed_credit_and_chart_page(tmp_path, mini):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    facts_file = root / "content" / "facts" / "new-productive-forces.yaml"
    data = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    record = next(f for f in data["facts"] if f["id"] == "industrial-output-2023")
    record["corrections"] = [{"date": "2024-04-02", "old_value": 2417, "reason": "数字误植。"}]
    facts_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    _, _, files = build(root, pictures=False)
    tree = page(files, "embed/industrial-output/index.html")
    flagged = [n for n in tree.iter() if "embed-corrected" in n.attrs.get("class", "")]
    assert flagged and "2024-04-02" in flagged[0].text()
    chart = files["charts/industrial-output/index.html"].decode()
    assert "2417" in chart and "数字误植" in chart
    # The uncorrected copy shows no such flag.
    _, _, plain = mini
    tree = page(plain, "embed/industrial-output/index.html")
    assert not [n for n in tree.iter() if "embed-corrected" in n.attrs.get("class", "")]
    assert "2417" not in plain["charts/industrial-output/index.html"].decode()


# ------------------------------------------------------------ English figure


def test_english_period_labels_match_the_chinese_ones():
    assert period_label("2023", "en") == "2023"
    assert period_label("2022-01/2022-08", "en") == "Jan–Aug 2022"
    assert period_label("2021-12-31", "en") == "end of 2021"
    assert period_label("2016/2020", "en") == "2016–2020"


def test_english_figure_translates_words_and_keeps_every_number():
    site = make_site()
    chart = make_charts(site)["industrial-output"]
    chart.figure["data"][0]["meta"] = {"series": "实际", "style": "actual", "partial": False}
    chart.figure["data"][0]["customdata"] = ["industrial-output-2023"]
    chart.figure["data"][0]["hovertext"] = ["2023年 · 2471亿元（实际）"]
    english = english_figure(chart, site)
    trace = english["data"][0]
    assert trace["name"] == "Actual"
    assert trace["x"] == ["2023"]
    assert chart.figure["data"][0]["y"] == [2471]
    assert trace["y"] == [247.1]  # 2471亿元 is 247.1 billion yuan
    assert trace["hovertext"][0].startswith("2023 · 247.1 billion yuan (actual)")
    assert "Fuling District" in trace["hovertext"][0] and "来源" not in trace["hovertext"][0]
    assert english["layout"]["yaxis"]["title"]["text"] == "billion yuan"
    assert english["layout"]["xaxis"]["title"]["text"] == "Year"
    # The Chinese figure is left as it was.
    assert chart.figure["data"][0]["x"] == ["2023年"]


@pytest.mark.parametrize("value, unit, shown, unit_text", [
    (2000, "亿元", 200, "billion yuan"), (2471, "亿元", 247.1, "billion yuan"), (0.3, "万吨", 3, "thousand t"),
    (12.5, "万元", 125, "thousand yuan"), (1.2, "万亿立方米", 1.2, "trillion m³"), (13, "%", 13, "%"), (8, "家", 8, ""),
])
def test_english_numbers_are_counted_in_english_steps(value, unit, shown, unit_text):
    from fuling.core.english import english_number, unit_en

    assert english_number(value, unit) == shown and unit_en(unit) == unit_text


def test_every_english_chart_value_is_its_chinese_value_in_english_units():
    """Each chart of the content, in English: every drawn value, value label, hover text and the
    axis range say the Chinese figure's amount (2000亿元 = 200 billion yuan = 2 × 10^11 yuan)."""
    from decimal import Decimal

    from fuling.charts.figures import build_charts
    from fuling.core.english import ENGLISH_SCALE
    from fuling.load.site import load_site

    site = load_site(ROOT)
    steps = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "万亿": Decimal(10) ** 12}
    english_steps = {"billion": Decimal(10) ** 9, "thousand": Decimal(10) ** 3, "trillion": Decimal(10) ** 12,
                     "MWh": Decimal(10) ** 3}
    checked = 0
    for chart in build_charts(site).values():
        english = english_figure(chart, site)
        facts = {p.fact.id: p.fact for p in chart.points}
        for zh, en in zip(chart.figure["data"], english["data"]):
            key = "values" if zh.get("type") == "pie" else "y"
            for index, fact_id in enumerate(zh.get("customdata") or []):
                if fact_id not in facts:
                    continue
                fact = facts[fact_id]
                if fact.unit not in ENGLISH_SCALE:
                    assert en[key][index] == zh[key][index], (chart.spec.id, fact_id)
                    continue
                prefix = "万亿" if fact.unit.startswith("万亿") else fact.unit[0]
                word = ENGLISH_SCALE[fact.unit][0].split()[0]
                amount_zh = Decimal(repr(zh[key][index])) * steps[prefix]
                amount_en = Decimal(repr(en[key][index])) * english_steps[word]
                assert amount_zh == amount_en, (chart.spec.id, fact_id, zh[key][index], en[key][index])
                assert f"{format_value(en[key][index])} {ENGLISH_SCALE[fact.unit][0]}" in en["hovertext"][index]
                checked += 1
    assert checked >= 10, "the content's charts draw too few 万/亿 values to check"


def test_english_figure_names_a_target_series_member():
    site = make_site()
    chart = make_charts(site)["industrial-output"]
    chart.figure["data"][0]["meta"] = {"series": "实际", "style": "target", "partial": True}
    assert english_figure(chart, site)["data"][0]["name"] == "Actual (target) (part of year)"


def test_english_panel_titles_are_made_from_the_parts_of_the_chinese_ones():
    """Each panel's title is written in both languages from its metrics, measure and units,
    so a label with brackets of its own (which a reader of the Chinese title would take
    for the units) comes through whole."""
    import dataclasses

    from fuling.charts.figures import build_charts
    from fuling.core.model import SeriesSpec

    site = make_site()
    site.metrics["green_factories_national"].label = "国家级绿色工厂（累计）"
    site.charts = {"green-factories": dataclasses.replace(site.charts["green-factories"], y_title="", y_title_en="", series=[
        SeriesSpec(name="累计", name_en="total", select={"metric": "green_factories_national", "measure": "level"}),
        SeriesSpec(name="新增", name_en="new", select={"metric": "green_factories_national", "measure": "change"}),
    ])}
    chart = build_charts(site)["green-factories"]
    assert [a["text"] for a in chart.figure["layout"]["annotations"]] == [
        "<b>国家级绿色工厂（累计）：累计（个）</b>", "<b>国家级绿色工厂（累计）：新增（家）</b>"]
    assert [a["text"] for a in english_figure(chart, site)["layout"]["annotations"]] == [
        "<b>National green factories: cumulative</b>", "<b>National green factories: new</b>"]


def test_english_axis_title_naming_a_period_is_translated():
    site = make_site()
    chart = make_charts(site)["green-factories"]
    chart.figure["layout"]["xaxis"]["title"]["text"] = "2021年末"
    assert english_figure(chart, site)["layout"]["xaxis"]["title"]["text"] == "end of 2021"


# ------------------------------------------------------- chart page: share


def _embed_code(files, chart_id):
    tree = page(files, f"charts/{chart_id}/index.html")
    box = nodes(tree, "textarea", id=f"embed-code-{chart_id}")
    assert len(box) == 1
    return tree, parse_html(box[0].text())


def test_chart_page_offers_embed_code_with_iframe_and_resizer_script(mini):
    site, charts, files = mini
    tree, code = _embed_code(files, "industrial-output")
    iframe = nodes(code, "iframe")
    script = nodes(code, "script")
    assert len(iframe) == 1 and len(script) == 1
    assert iframe[0].attrs["src"] == site.config.site_url + "embed/industrial-output/"
    assert iframe[0].attrs["data-fuling-chart"] == "industrial-output"
    assert iframe[0].attrs["title"] == "涪陵规上工业产值"
    # Without the script the frame still shows the whole chart: taller than the plot alone.
    assert int(iframe[0].attrs["height"]) > charts["industrial-output"].figure["layout"]["height"] + 60
    assert script[0].attrs["src"] == site.config.site_url + "assets/embed.js"
    assert "async" in script[0].attrs
    # A copy button (shown by script) and a plain link for sites that allow no scripts.
    assert nodes(tree, "button", **{"data-copy": "embed-code-industrial-output"})
    assert nodes(tree, "a", href=site.config.site_url + "embed/industrial-output/")


def test_code_without_script_boxes_the_iframe_with_a_height_that_follows_its_width(mini):
    site, charts, files = mini
    tree = page(files, "charts/industrial-output/index.html")
    code = parse_html(nodes(tree, "textarea", id="embed-iframe-industrial-output")[0].text())
    (box,) = nodes(code, "div")
    (iframe,) = nodes(code, "iframe")
    assert iframe.attrs["src"] == site.config.site_url + "embed/industrial-output/"
    assert "height:100%" in iframe.attrs["style"] and "position:absolute" in iframe.attrs["style"]
    assert "height:0;" in box.attrs["style"] and "padding-bottom:max(" in box.attrs["style"]


def test_the_height_rule_is_never_below_the_estimated_height_and_close_above_it():
    """padding-bottom: max(H px, min(calc(A px - B%), C px), …) evaluated at every width from 300 px
    lies on or above the height the embed's text needs there, and on average less than half a
    line of notes above it."""
    import re

    from fuling.site.embedcode import height_rule, needed_height

    texts = [("title", "涪陵规上工业产值"), ("subtitle", "亿元；空心柱为目标"),
             ("note", "2021年为“突破2000亿元”，即至少2000亿元。" * 2), ("note", "空心柱为目标值，不是实际完成数。"),
             ("credit", "来源：涪陵数据，据《3万亿后再出发 · 涪陵 加快形成新质生产力》、《笃行不怠建新功》"),
             ("footer", "数据下载 · 更新于2024年2月20日 · CC BY 4.0")]
    rule = height_rule(texts, 380)
    fixed = [float(v) for v in re.findall(r"max\(([\d.]+)px", rule)]
    lines = [(float(a), float(b), float(cap))
             for a, b, cap in re.findall(r"min\(calc\(([\d.]+)px - ([\d.]+)%\), ([\d.]+)px\)", rule)]
    assert fixed and lines, rule

    def box(width):  # the CSS, evaluated
        return max(fixed + [min(a - b / 100 * width, cap) for a, b, cap in lines])

    gaps = []
    for width in range(300, 1401):
        need = needed_height(texts, 380, width)
        assert box(width) >= need, (width, box(width), need)
        gaps.append(box(width) - need)
    assert sum(gaps) / len(gaps) < 12, f"the box is {sum(gaps) / len(gaps):.1f} px too tall on average"
    assert needed_height(texts, 380, 300) > needed_height(texts, 380, 1000)  # narrow frames wrap more


def test_embed_code_follows_site_url():
    _, _, files = build(MINI, site_url="https://news.example.cn/data/fuling/", pictures=False)
    _, code = _embed_code(files, "industrial-output")
    assert nodes(code, "iframe")[0].attrs["src"] == "https://news.example.cn/data/fuling/embed/industrial-output/"
    assert nodes(code, "script")[0].attrs["src"] == "https://news.example.cn/data/fuling/assets/embed.js"


def test_chart_page_links_its_data_downloads_and_image_buttons(mini):
    site, charts, files = mini
    tree = page(files, "charts/industrial-output/index.html")
    hrefs = {a.attrs.get("href") for a in nodes(tree, "a")}
    for ext in ("csv", "json"):
        assert f"../../data/industrial-output.{ext}" in hrefs
        assert f"data/industrial-output.{ext}" in files
    # The chart as PNG and SVG: the build's drawings with their context, or (a build without
    # Chromium) buttons for plotly's own export in the reader's browser.
    drawn = {f"charts/industrial-output/industrial-output.{ext}" for ext in ("png", "svg")}
    if drawn <= set(files):
        assert {f"../../{path}" for path in drawn} <= hrefs
    else:
        formats = {b.attrs["data-image"] for b in nodes(tree, "button") if "data-image" in b.attrs}
        assert formats == {"png", "svg"}


# ------------------------------------------------------------------ assets


def test_host_script_is_small_and_checks_the_sender():
    text = (ASSETS / "embed.js").read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 5 * 1024
    assert "event.source" in text and "contentWindow" in text
    assert "document.cookie" not in text and "localStorage" not in text
    for shape in ("fuling-data:height", "datawrapper-height", "xPYMx"):
        assert shape in text


def test_embed_scripts_set_no_cookie_and_call_no_other_host():
    for name in ("embed.js", "embed-frame.js", "embed-share.js"):
        text = (ASSETS / name).read_text(encoding="utf-8")
        assert "cookie" not in text.lower().replace("no cookies", "")
        assert "fetch(" not in text and "XMLHttpRequest" not in text and "sendBeacon" not in text


# ------------------------------------------------------- hostile titles and addresses


def test_embed_code_cannot_be_broken_out_of_by_a_chart_title(tmp_path):
    """The code other newsrooms paste is one iframe and one script whatever the title says:
    a quote in the title stays inside its attribute once the code is copied and pasted."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    spec = project / "content" / "charts" / "industrial-output.yaml"
    hostile = '涪陵"><script>alert(1)</script><iframe srcdoc="x" onload="alert(2)'
    spec.write_text(spec.read_text(encoding="utf-8").replace("title: 涪陵规上工业产值", f"title: '{hostile}'", 1),
                    encoding="utf-8")
    _, _, files = build(project, pictures=False)
    for box in ("embed-code-industrial-output", "embed-iframe-industrial-output"):
        code = parse_html(nodes(page(files, "charts/industrial-output/index.html"), "textarea", id=box)[0].text())
        iframes = nodes(code, "iframe")
        assert len(iframes) == 1 and iframes[0].attrs["title"] == hostile
        expected = ["data-fuling-chart", "height", "loading", "src", "style", "title", "width"]
        if box.startswith("embed-iframe"):  # the code for pages without script: the iframe in its box
            expected = ["data-fuling-chart", "loading", "src", "style", "title"]
            assert [sorted(n.attrs) for n in nodes(code, "div")] == [["style"]]
        assert sorted(iframes[0].attrs) == expected
        assert [n.attrs.get("src", "") for n in nodes(code, "script")] in ([], ["https://example.org/fuling/assets/embed.js"])


@pytest.mark.parametrize("url, problem", [
    ("https://example.org//evil.example/", "//"),
    ('https://example.org/a"onload="x/', "may not contain"),
    ("https://exa mple.org/", "host"),
    ("javascript:alert(1)//", "http:// or https://"),
])
def test_a_site_url_that_could_point_elsewhere_or_break_an_attribute_is_refused(url, problem):
    from fuling.load.site import normalise_site_url

    normalised, why = normalise_site_url(url)
    assert normalised == "" and problem in why


def test_an_english_description_fills_its_figures_in_english_units(tmp_path):
    """description_en: `{fact:ID}` as an English reader counts (over 200 billion yuan), so a
    corrected number follows into the English embed too."""
    import shutil

    from fuling.load.site import load_site

    root = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", root)
    spec = root / "content" / "charts" / "industrial-output.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + 'description: 2021年{fact:industrial-output-2021}。\n'
                    'description_en: "In 2021 output was {fact:industrial-output-2021}."\n', encoding="utf-8")
    chart = load_site(root).charts["industrial-output"]
    assert chart.description == "2021年超过2000亿元。"
    assert chart.description_en == "In 2021 output was over 200 billion yuan."

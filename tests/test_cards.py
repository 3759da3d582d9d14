"""The chart that travels whole (fuling.charts.cards): its share card and downloads carry the
title, unit, notes, sources, site name, URL and licence, in Chinese and English, light and dark;
the plan names them; pages link them; every page has a share card (the site's when no chart's)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from fuling.charts.cards import (
    CARD_VARIANTS,
    CARD_WIDTH,
    SHARE_HEIGHT,
    CardVariant,
    card_figure,
    chart_cards,
    site_card_figure,
    wrap,
)
from fuling.charts.figures import build_charts
from fuling.charts.pictures import DOWNLOAD, PICTURE, SHARE, SITE_CARD, plan_previews
from fuling.load.site import load_site

MINI = Path(__file__).parent / "fixtures" / "mini"
PLOTLY = Path(__file__).resolve().parent.parent / "templates" / "assets" / "favicon.svg"  # any file: only its digest


@pytest.fixture(scope="module")
def mini():
    site = load_site(MINI)
    return site, build_charts(site)


def card_text(figure: dict) -> str:
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    return html.unescape(re.sub(r"<[^>]+>", "\n", "\n".join(texts)))


def test_the_card_carries_title_unit_notes_source_site_url_and_licence(mini):
    site, charts = mini
    chart = charts["industrial-output"]
    card = card_figure(chart, site)
    text = card_text(card)
    assert "涪陵规上工业产值" in text and "亿元；空心柱为目标" in text
    for note in chart.spec.notes:  # the floor of 2000亿元 travels with the picture
        assert f"注：{note}" in text.replace("\n", "")
    assert "空心柱或空心点为目标值" in text.replace("\n", "")
    flat = text.replace("\n", "")
    assert "《笃行不怠建新功》（2022年3月1日）" in flat and "《3万亿后再出发 · 涪陵 加快形成新质生产力》" in flat
    assert "涪陵数据（测试） · https://example.org/fuling/charts/industrial-output/ · CC BY 4.0" in flat
    layout = card["layout"]
    assert layout["width"] == CARD_WIDTH and layout["paper_bgcolor"] == "#ffffff"
    assert layout["height"] > chart.figure["layout"]["height"]
    assert chart.figure["layout"].get("paper_bgcolor") != "#ffffff"  # the page's figure is left as it was


def test_the_english_card_has_english_words_and_english_units(mini):
    site, charts = mini
    chart = charts["industrial-output"]
    card = card_figure(chart, site, CardVariant("en", "light"))
    flat = card_text(card).replace("\n", "")
    assert "Industrial output of Fuling (above designated size)" in flat and "billion yuan; hollow bars are targets" in flat
    assert 'Note: The 2021 figure is a lower bound ("over 200 billion yuan").' in flat
    assert "Note: Hollow bars or markers are targets, not results." in flat
    assert "Sources: “笃行不怠建新功” (Mar 1, 2022)" in flat  # the report's own title, an English date
    assert "Fuling in figures (test) · https://example.org/fuling/charts/industrial-output/ · CC BY 4.0" in flat
    # Apart from the reports' titles, not a Chinese character: axis, legend and marks are the English embed's.
    words = card_text(card).replace("\n", " ") + json_texts(card)
    assert not re.findall(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”", "", words)), words
    actual = next(t for t in card["data"] if t["name"] == "Actual")
    assert actual["y"][0] == 200 and actual["text"][0] == "over<br>200"  # 突破2000亿元: over 200 billion yuan
    chinese = next(t for t in chart.figure["data"] if t["name"] == "实际")
    assert chinese["y"][0] == 2000 and chinese["text"][0] == "超过<br>2000"  # the page's figure is left as it was


def json_texts(figure: dict) -> str:
    """The words a figure draws besides its notes: trace names, marks, axis titles and ticks."""
    words = []
    for trace in figure["data"]:
        words += [str(trace.get("name", ""))] + [str(t) for t in trace.get("text") or []] + [str(x) for x in trace.get("x") or []]
    for key, axis in figure["layout"].items():
        if key[1:5] == "axis" and isinstance(axis, dict):
            title = axis.get("title")
            words.append(title.get("text", "") if isinstance(title, dict) else str(title or ""))
            words += [str(t) for t in axis.get("ticktext") or []]
    return " ".join(words)


def test_a_dark_card_has_a_dark_ground_light_text_and_the_dark_palette(mini):
    site, charts = mini
    chart = charts["industrial-output"]
    light, dark = (card_figure(chart, site, CardVariant("en", scheme)) for scheme in ("light", "dark"))
    assert (light["layout"]["paper_bgcolor"], dark["layout"]["paper_bgcolor"]) == ("#ffffff", "#15171a")
    assert dark["layout"]["plot_bgcolor"] == "#15171a"
    assert {a["font"]["color"] for a in dark["layout"]["annotations"][-2:]} == {"#e9e9e9", "#c8c8c8"}
    assert dark["data"][0]["marker"]["color"] == "#56B4E9" != light["data"][0]["marker"]["color"]
    assert card_text(dark) == card_text(light).replace("#595959", "#b0b0b0")
    assert dark["layout"]["height"] == light["layout"]["height"]


def test_long_lines_are_wrapped_to_the_card_width():
    lines = wrap("来源：" + "《一篇标题很长的报道》、" * 20, 15, 400)
    assert len(lines) > 5 and all(len(line) <= 400 // 15 + 1 for line in lines)
    assert "".join(lines) == "来源：" + "《一篇标题很长的报道》、" * 20


def test_english_lines_are_wrapped_between_words():
    text = "Note: Figures printed as “over”, “about” and the like are drawn at the printed number."
    lines = wrap(text, 15, 300)
    assert "".join(lines) == text and len(lines) == 3
    assert all(line.endswith(" ") for line in lines[:-1]) and not any(line.startswith(" ") for line in lines)
    assert wrap("x" * 50, 15, 90) == ["x" * 10] * 5  # a word longer than the line: cut anywhere


def test_the_plan_adds_a_share_card_and_four_variants_of_png_svg_downloads_after_the_pictures(mini):
    site, charts = mini
    cards = {cid: chart_cards(chart, site) for cid, chart in charts.items()}
    plan = plan_previews(charts, PLOTLY, cards)["industrial-output"]
    pictures = [(PICTURE, "svg", f"charts/industrial-output/preview-{w}{'-dark' if scheme == 'dark' else ''}.svg")
                for scheme in ("light", "dark") for w in (296, 336, 388, 832)]
    base = "charts/industrial-output/industrial-output"
    assert [(p.kind, p.format, p.path) for p in plan] == pictures + [
        (SHARE, "png", "charts/industrial-output/card.png"),
        (DOWNLOAD, "png", f"{base}.png"), (DOWNLOAD, "svg", f"{base}.svg"),
        (DOWNLOAD, "png", f"{base}-dark.png"), (DOWNLOAD, "svg", f"{base}-dark.svg"),
        (DOWNLOAD, "png", f"{base}-en.png"), (DOWNLOAD, "svg", f"{base}-en.svg"),
        (DOWNLOAD, "png", f"{base}-en-dark.png"), (DOWNLOAD, "svg", f"{base}-en-dark.svg"),
    ]
    downloads = plan[len(pictures) + 1:]
    assert [p.variant for p in downloads[::2]] == list(CARD_VARIANTS)
    share = plan[len(pictures)]
    assert (share.width, share.height) == (CARD_WIDTH, SHARE_HEIGHT)
    assert len({p.key for p in plan}) == len(plan)  # each drawn from its own figure
    assert [p.kind for p in plan_previews(charts, PLOTLY)["industrial-output"]] == [PICTURE] * len(pictures)


def test_the_site_card_names_the_site_and_is_planned_once(mini):
    site, charts = mini
    figure = site_card_figure(site, len(charts))
    words = card_text(figure)
    for text in ("涪陵数据（测试）", "Fuling in figures (test)", site.config.description, "1张图表 · 5条数据 · 2篇报道",
                 "https://example.org/fuling/ · CC BY 4.0"):
        assert text in words
    assert (figure["layout"]["width"], figure["layout"]["height"]) == (CARD_WIDTH, SHARE_HEIGHT)
    plan = plan_previews(charts, PLOTLY, site_card=figure)
    assert [(p.path, p.format, p.kind, p.width, p.height) for p in plan[SITE_CARD]] == [
        ("card.png", "png", SHARE, CARD_WIDTH, SHARE_HEIGHT)]
    assert SITE_CARD not in plan_previews(charts, PLOTLY)


def test_a_chart_page_shares_its_card_and_offers_the_downloads(mini):
    from test_render import TEMPLATES, parse  # the render tests' HTML reader

    from fuling.site.render import page_generators, render_site

    site, charts = mini
    cards = {cid: chart_cards(chart, site) for cid, chart in charts.items()}
    plan = plan_previews(charts, PLOTLY, cards)
    generators = [g for g in page_generators() if g.__module__.rsplit(".", 1)[-1] in ("charts", "themes")]
    out = render_site(site, charts, TEMPLATES, previews=plan, generators=generators)
    dom = parse(out["charts/industrial-output/index.html"])
    meta = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content") for m in dom.find_all("meta")}
    assert meta["og:image"] == "https://example.org/fuling/charts/industrial-output/card.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].startswith("涪陵规上工业产值") and meta["twitter:card"] == "summary_large_image"
    links = {a.attrs["href"]: a.text() for a in dom.find_all("a") if "download" in a.attrs}
    base = "../../charts/industrial-output/industrial-output"
    assert {path: links.get(path) for path in (f"{base}.png", f"{base}-dark.svg", f"{base}-en.png", f"{base}-en-dark.svg")} == {
        f"{base}.png": "浅色 PNG", f"{base}-dark.svg": "深色 SVG", f"{base}-en.png": "light PNG", f"{base}-en-dark.svg": "dark SVG"}
    assert len([p for p in links if p.endswith((".png", ".svg"))]) == 8
    english = [li for li in dom.find_all("li") if li.attrs.get("lang") == "en"]
    assert len(english) == 1 and english[0].text().startswith("English: ")
    assert not [b for b in dom.find_all("button") if "data-image" in b.attrs]  # the bare plotly export is gone
    theme = parse(out["themes/industry/index.html"])
    assert any(m.attrs.get("property") == "og:image" for m in theme.find_all("meta"))


def test_pages_without_a_chart_share_the_site_card_and_embeds_offer_their_language(mini):
    from test_render import TEMPLATES, parse

    from fuling.outputs.exports import export_data
    from fuling.site.render import render_site

    site, charts = mini
    cards = {cid: chart_cards(chart, site) for cid, chart in charts.items()}
    plan = plan_previews(charts, PLOTLY, cards, site_card_figure(site, len(charts)))
    out = render_site(site, charts, TEMPLATES, previews=plan, exports=lambda: export_data(site, charts))
    pages = [path for path in out if path.endswith(".html") and not path.startswith(("embed/", "assets/"))]
    assert {"index.html", "404.html", "articles/three-changes/index.html", "facts/index.html", "data/index.html"} <= set(pages)
    for path in pages:
        meta = {m.attrs.get("property"): m.attrs.get("content") for m in parse(out[path]).find_all("meta")}
        expected = ("https://example.org/fuling/charts/industrial-output/card.png"
                    if path in ("charts/industrial-output/index.html", "themes/industry/index.html")
                    else "https://example.org/fuling/card.png")
        assert meta.get("og:image") == expected, path
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630") and meta["og:image:alt"], path
    home = {m.attrs.get("property"): m.attrs.get("content") for m in parse(out["index.html"]).find_all("meta")}
    assert home["og:image:alt"] == f"涪陵数据（测试）：{site.config.description}"
    embed = parse(out["embed/industrial-output/index.html"])
    footers = {span.attrs["class"]: [a.attrs["href"] for a in span.find_all("a") if "download" in a.attrs]
               for p in embed.find_all("p") if p.attrs.get("class") == "embed-footer embed-images" for span in p.find_all("span")}
    base = "https://example.org/fuling/charts/industrial-output/industrial-output"
    assert footers == {"i18n-zh": [f"{base}.png", f"{base}.svg"], "i18n-en": [f"{base}-en.png", f"{base}-en.svg"]}

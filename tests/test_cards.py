"""The chart that travels whole (fuling.charts.cards): its share card and downloads carry the
title, unit, notes, sources, site name, URL and licence; the plan names them; pages link them."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from fuling.charts.cards import CARD_WIDTH, SHARE_HEIGHT, card_figure, wrap
from fuling.charts.figures import build_charts
from fuling.charts.pictures import DOWNLOAD, PICTURE, SHARE, plan_previews
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


def test_long_lines_are_wrapped_to_the_card_width():
    lines = wrap("来源：" + "《一篇标题很长的报道》、" * 20, 15, 400)
    assert len(lines) > 5 and all(len(line) <= 400 // 15 + 1 for line in lines)
    assert "".join(lines) == "来源：" + "《一篇标题很长的报道》、" * 20


def test_the_plan_adds_a_share_card_and_png_svg_downloads_after_the_pictures(mini):
    site, charts = mini
    cards = {cid: card_figure(chart, site) for cid, chart in charts.items()}
    plan = plan_previews(charts, PLOTLY, cards)["industrial-output"]
    pictures = [(PICTURE, "svg", f"charts/industrial-output/preview-{w}{'-dark' if scheme == 'dark' else ''}.svg")
                for scheme in ("light", "dark") for w in (296, 336, 388, 832)]
    assert [(p.kind, p.format, p.path) for p in plan] == pictures + [
        (SHARE, "png", "charts/industrial-output/card.png"),
        (DOWNLOAD, "png", "charts/industrial-output/industrial-output.png"),
        (DOWNLOAD, "svg", "charts/industrial-output/industrial-output.svg"),
    ]
    share = plan[len(pictures)]
    assert (share.width, share.height) == (CARD_WIDTH, SHARE_HEIGHT)
    assert len({p.key for p in plan}) == len(plan)
    assert [p.kind for p in plan_previews(charts, PLOTLY)["industrial-output"]] == [PICTURE] * len(pictures)


def test_a_chart_page_shares_its_card_and_offers_the_downloads(mini):
    from test_render import TEMPLATES, parse  # the render tests' HTML reader

    from fuling.site.render import page_generators, render_site

    site, charts = mini
    cards = {cid: card_figure(chart, site) for cid, chart in charts.items()}
    plan = plan_previews(charts, PLOTLY, cards)
    generators = [g for g in page_generators() if g.__module__.rsplit(".", 1)[-1] in ("charts", "themes")]
    out = render_site(site, charts, TEMPLATES, previews=plan, generators=generators)
    dom = parse(out["charts/industrial-output/index.html"])
    meta = {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content") for m in dom.find_all("meta")}
    assert meta["og:image"] == "https://example.org/fuling/charts/industrial-output/card.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"].startswith("涪陵规上工业产值") and meta["twitter:card"] == "summary_large_image"
    links = {a.attrs["href"] for a in dom.find_all("a") if "download" in a.attrs}
    assert {"../../charts/industrial-output/industrial-output.png", "../../charts/industrial-output/industrial-output.svg"} <= links
    assert not [b for b in dom.find_all("button") if "data-image" in b.attrs]  # the bare plotly export is gone
    theme = parse(out["themes/industry/index.html"])
    assert any(m.attrs.get("property") == "og:image" for m in theme.find_all("meta"))

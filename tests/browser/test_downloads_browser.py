"""The chart downloads and the share cards as readers and other sites get them.

A chart page offers its chart as PNG and SVG in Chinese and English, light and dark
(fuling/charts/cards.py); each downloads under its own name, is the size its SVG says,
prints its title, notes, sources and credit in its language (read from the SVG's text
nodes) and has the ground its name says (a corner pixel, read back in Chromium). The
English embed (`?lang=en`) links the English ones. Every page a reader can share names
an og:image, with width, height and alt, that is a PNG of that size.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from harness import ARTIFACTS

from fuling.core.urls import chart_download, chart_page, embed_page

pytestmark = pytest.mark.browser

VARIANTS = [(lang, scheme) for lang in ("zh", "en") for scheme in ("light", "dark")]
LINK_WORDS = {("zh", "light"): "浅色", ("zh", "dark"): "深色", ("en", "light"): "light", ("en", "dark"): "dark"}
CJK = re.compile(r"[\u3400-\u9fff]")
SVG_NS = "{http://www.w3.org/2000/svg}"

# The luminance (0-255) of the picture's top left corner, its paper: the bytes drawn in a canvas.
CORNER_JS = """async ([bytes, type]) => {
  const blob = new Blob([new Uint8Array(bytes)], {type});
  const image = new Image();
  image.src = URL.createObjectURL(blob);
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const [r, g, b] = ctx.getImageData(4, 4, 1, 1).data;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


def svg_texts(data: bytes) -> list[str]:
    """Every text the SVG draws: each <text> node whole, then each of its lines and runs (<tspan>)."""
    root = ET.fromstring(data)
    return ["".join(node.itertext()) for tag in ("text", "tspan") for node in root.iter(f"{SVG_NS}{tag}")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.fixture(scope="module")
def chart_id(site_model):
    return "industrial-output" if "industrial-output" in site_model.charts else sorted(site_model.charts)[0]


def test_each_download_is_its_language_and_ground_at_its_size(browser, server, site_model, chart_id):
    spec = site_model.charts[chart_id]
    config = site_model.config
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    problems: list[str] = []
    try:
        page = context.new_page()
        page.goto(server.base + chart_page(chart_id).removesuffix("index.html"), wait_until="load")
        assert page.locator(".share-images a[download]").count() == 8
        for lang, scheme in VARIANTS:
            got: dict[str, bytes] = {}
            for fmt in ("png", "svg"):
                name = chart_download(chart_id, fmt, lang, scheme).rsplit("/", 1)[1]
                link = page.locator(f".share-images a[href$='/{name}']")
                text = link.inner_text()
                assert link.is_visible() and text == f"{LINK_WORDS[lang, scheme]} {fmt.upper()}", (name, text)
                with page.expect_download(timeout=15000) as info:
                    link.click()
                assert info.value.suggested_filename == name
                got[fmt] = Path(info.value.path()).read_bytes()
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                (ARTIFACTS / f"download-{name}").write_bytes(got[fmt])  # kept for review
            svg = ET.fromstring(got["svg"])
            size = (int(svg.attrib["width"]), int(svg.attrib["height"]))
            if png_size(got["png"]) != size or size[0] != 1200:
                problems.append(f"{lang}/{scheme}: PNG {png_size(got['png'])}, SVG {size}")
            texts = svg_texts(got["svg"])
            joined = "\n".join(texts)
            title = spec.title_en if lang == "en" else spec.title
            if title not in texts:
                problems.append(f"{lang}/{scheme}: no title {title!r}")
            for word in (config.licence, f"charts/{chart_id}/", config.title_en if lang == "en" else config.title,
                         *(("Note: ", "Sources: ") if lang == "en" else ("注：", "来源："))):
                if word not in joined:
                    problems.append(f"{lang}/{scheme}: {word!r} not in its text")
            if lang == "en":  # English throughout, but for the reports' own titles, quoted as printed
                chinese = [t for t in texts if CJK.search(re.sub(r"“[^”]*”", "", t))]
                if chinese:
                    problems.append(f"en/{scheme}: Chinese text {chinese[:3]}")
            elif "Note: " in joined:
                problems.append(f"zh/{scheme}: English notes")
            for fmt, kind in (("png", "image/png"), ("svg", "image/svg+xml")):
                corner = page.evaluate(CORNER_JS, [list(got[fmt]), kind])
                if (corner > 60) if scheme == "dark" else (corner < 240):
                    problems.append(f"{lang}/{scheme} {fmt}: paper luminance {corner:.0f}")
        # What a reviewer looks at: the English dark download as the browser shows it.
        page.set_viewport_size({"width": 1200, "height": 900})
        page.set_content(f"<body style='margin:0'><img src='{server.base}{chart_download(chart_id, 'svg', 'en', 'dark')}'></body>")
        page.wait_for_function("() => document.images[0].complete && document.images[0].naturalWidth > 0", timeout=10000)
        page.locator("img").screenshot(path=str(ARTIFACTS / f"download-{chart_id}-en-dark-screenshot.png"))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_english_embed_links_the_english_downloads(browser, server, site_model, chart_id):
    context = browser.new_context(viewport={"width": 720, "height": 900})
    try:
        page = context.new_page()
        page.goto(server.base + embed_page(chart_id).removesuffix("index.html") + "?lang=en", wait_until="load")
        shown = page.eval_on_selector_all(  # the links a reader sees (the Chinese footer is hidden)
            ".embed-images a[download]", "(links) => links.filter((a) => a.offsetParent !== null)"
            ".map((a) => [a.textContent, a.href])")
        site_url = site_model.config.site_url  # the embed's links are absolute: it lives on other sites
        assert [(text, href.removeprefix(site_url)) for text, href in shown] == [
            (fmt.upper(), chart_download(chart_id, fmt, "en")) for fmt in ("png", "svg")]
        for _, href in shown:
            assert page.request.get(href.replace(site_url, server.base)).ok, href
    finally:
        context.close()


def test_every_page_shares_a_png_of_its_stated_size(browser, server, site_pages, site_model):
    problems: list[str] = []
    cards: dict[str, tuple[int, int]] = {}
    request = browser.new_context().request
    for path, page in sorted(site_pages.items()):
        if path.startswith("embed/"):  # an embed is another site's frame, shared as its chart page
            continue
        meta = {n.attrs.get("property") or n.attrs.get("name"): n.attrs.get("content")
                for n in page.tree.iter() if n.tag == "meta"}
        url = meta.get("og:image")
        if not url or not meta.get("og:image:alt") or not meta.get("og:image:width"):
            problems.append(f"{path}: og:image {url!r}, alt {meta.get('og:image:alt')!r}")
            continue
        stated = (int(meta["og:image:width"]), int(meta["og:image:height"]))
        if url not in cards:
            response = request.get(url.replace(site_model.config.site_url, server.base))
            cards[url] = png_size(response.body()) if response.ok else (0, 0)
        if cards[url] != stated:
            problems.append(f"{path}: {url} is {cards[url]}, the page says {stated}")
    assert len(cards) >= 2 and any(url.endswith("/card.png") and "/charts/" not in url for url in cards)
    assert not problems, "\n".join(problems)

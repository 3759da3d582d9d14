"""Unit tests of the link checker's own rules (sitefiles.py), so a broken
resolver cannot make the link check pass by accident."""
from __future__ import annotations

import pytest
from sitefiles import load_pages, parse_html, resolve


@pytest.mark.parametrize(
    ("page", "url", "expected"),
    [
        ("index.html", "articles/three-changes/", ("articles/three-changes/index.html", "")),
        ("articles/three-changes/index.html", "../../", ("index.html", "")),
        ("articles/three-changes/index.html", "#p12", ("articles/three-changes/index.html", "p12")),
        # a fact's source link: paragraph anchor, then the quoted words as a text fragment
        ("facts/index.html", "../articles/three-changes/#p1:~:text=%E5%8E%BB%E5%B9%B4",
         ("articles/three-changes/index.html", "p1")),
        ("charts/x/index.html", "../../articles/a/#:~:text=2471", ("articles/a/index.html", "")),
        ("facts/index.html", "#industrial-output-2023", ("facts/index.html", "industrial-output-2023")),
        ("index.html", "assets/site.css?v=0a31", ("assets/site.css", "")),
        ("themes/green/index.html", "https://example.org/x", (None, "")),
        ("themes/green/index.html", "../../../outside", ("../outside", "")),
    ],
)
def test_resolve_maps_a_link_to_a_site_file_and_anchor(page, url, expected):
    assert resolve(page, url) == expected


def test_textarea_content_is_text_not_links():
    tree = parse_html('<textarea><iframe src="embed/x/"></iframe>&lt;b&gt;</textarea><a href="y/">y</a>')
    tags = [node.tag for node in tree.iter()]
    assert "iframe" not in tags and "a" in tags
    assert tree.iter().__next__().children[0].text() == '<iframe src="embed/x/"></iframe><b>'


def test_visible_text_leaves_out_scripts_and_data_blocks():
    tree = parse_html('<p id="p1">去年<a href="#f">2471亿元</a><script type="application/json">{"t":"x"}</script></p>')
    paragraph = next(node for node in tree.iter() if node.attrs.get("id") == "p1")
    assert paragraph.visible_text() == "去年2471亿元"


def test_links_and_ids_of_a_page_are_collected_with_lines(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<!doctype html>\n<p id="p1">x</p>\n<a name="old">y</a>\n<img src="../i.png" srcset="../i2.png 2x, ../i3.png 3x">\n',
        encoding="utf-8")
    page = load_pages(tmp_path)["a/index.html"]
    assert {"p1", "old"} <= set(page.ids)
    found = {(link.line, link.attr, link.url) for link in page.links()}
    assert found == {(4, "src", "../i.png"), (4, "srcset", "../i2.png"), (4, "srcset", "../i3.png")}

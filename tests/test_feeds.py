"""The Atom feeds, sitemap.xml and robots.txt, parsed as XML / text."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from fixture_site import SITE_URL, make_site

from fuling.outputs import feeds

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _parse(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(data)


def test_article_feed_lists_every_article_newest_first_with_absolute_permalinks():
    site = make_site()
    feed = _parse(feeds.articles_feed(site)["feed.xml"])
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "3万亿后再出发 · 涪陵 加快形成新质生产力",
        "笃行不怠建新功",
    ]
    first = entries[0]
    assert first.findtext(f"{A}id") == SITE_URL + "articles/new-productive-forces/"
    assert first.find(f"{A}link").get("href") == SITE_URL + "articles/new-productive-forces/"
    assert first.findtext(f"{A}published") == "2024-03-20T00:00:00+08:00"
    assert first.findtext(f"{A}author/{A}name") == "记者甲"
    assert first.findtext(f"{A}summary") == "涪陵规上工业产值2471亿元。"
    # The feed's own metadata: self link, updated = newest article.
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE_URL + "feed.xml"
    assert feed.findtext(f"{A}updated") == "2024-03-20T00:00:00+08:00"


def test_feed_ids_come_from_slugs_not_build_order():
    site = make_site()
    one = feeds.articles_feed(site)["feed.xml"]
    # Same articles inserted in the other order: the same bytes.
    site.articles = dict(reversed(list(site.articles.items())))
    assert feeds.articles_feed(site)["feed.xml"] == one


def test_site_url_decides_every_feed_url():
    site = make_site(site_url="https://other.example.org/sub/")
    data = feeds.articles_feed(site)["feed.xml"].decode()
    assert "https://other.example.org/sub/articles/three-changes/" in data
    assert SITE_URL not in data


def test_corrections_feed_has_one_entry_per_correction_with_old_and_new_value():
    site = make_site(corrected=True)
    feed = _parse(feeds.corrections_feed(site)["corrections.xml"])
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 1
    title = entries[0].findtext(f"{A}title")
    assert "2417亿元" in title and "2471亿元" in title and "规上工业产值" in title
    assert entries[0].findtext(f"{A}summary") == "数字误植，原文为2471亿元。"
    assert entries[0].findtext(f"{A}updated") == "2024-04-02T00:00:00+08:00"
    assert entries[0].findtext(f"{A}id") == SITE_URL + "corrections/#industrial-output-2023-2024-04-02"


def test_corrections_feed_is_valid_and_empty_when_nothing_was_corrected():
    feed = _parse(feeds.corrections_feed(make_site())["corrections.xml"])
    assert feed.findall(f"{A}entry") == []
    assert feed.findtext(f"{A}updated")  # Atom requires it even when empty


def test_sitemap_lists_reader_pages_but_not_embeds_search_files_or_404():
    files = {
        "index.html": b"", "articles/three-changes/index.html": b"", "charts/industrial-output/index.html": b"",
        "embed/industrial-output/index.html": b"", "404.html": b"", "pagefind/pagefind.js": b"",
        "data/facts.csv": b"", "assets/site.css": b"",
    }
    urlset = _parse(feeds.sitemap(make_site(), files)["sitemap.xml"])
    locs = [u.findtext(f"{SM}loc") for u in urlset.findall(f"{SM}url")]
    assert locs == [
        SITE_URL + "articles/three-changes/",
        SITE_URL + "charts/industrial-output/",
        SITE_URL,
    ]


def test_robots_names_the_sitemap_under_the_published_path():
    text = feeds.robots(make_site())["robots.txt"].decode()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()
    assert "Allow: /data/fuling/" in text.splitlines()


def test_a_corrected_large_value_is_printed_in_full_not_in_exponent_form():
    import dataclasses
    import datetime as dt

    from fuling.core.model import Correction, CorrectionEntry

    site = make_site()
    fact = dataclasses.replace(site.facts["industrial-output-2023"], value=1234567.5,
                               corrections=[Correction(dt.date(2024, 4, 1), 1234567.0, "typo")])
    title = feeds.correction_title(site, CorrectionEntry(fact, fact.corrections[0]))
    assert "由1234567亿元更正为1234567.5亿元" in title, title

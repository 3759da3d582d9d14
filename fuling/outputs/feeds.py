"""Feeds and crawler files: the Atom feed of articles, the corrections feed,
sitemap.xml and robots.txt.

Every URL here is absolute, built from `site_url`; every id comes from
content (article slugs, fact ids, correction dates), never from build order,
so a rebuild gives byte-identical files and feed readers see no phantom
updates.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from fuling.core.facts import describe_fact
from fuling.core.model import CorrectionEntry, Site, all_corrections
from fuling.core.numbers import format_value
from fuling.core.urls import absolute, article_page, page_url

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Dates in content carry no time; the papers are printed in Chongqing.
TZ = dt.timezone(dt.timedelta(hours=8))


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0), TZ).isoformat()


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}" if not tag.startswith("{") else tag, attrs)
    if text is not None:
        el.text = text
    return el


def _feed(site: Site, title: str, self_path: str, alternate_path: str, updated: dt.date | None) -> ET.Element:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.config.language})
    _sub(feed, "id", absolute(site, self_path))
    _sub(feed, "title", title)
    if site.config.description:
        _sub(feed, "subtitle", site.config.description)
    # An empty feed still needs <updated>; the epoch of the site's first report is as good as any fixed date.
    _sub(feed, "updated", _stamp(updated or dt.date(2021, 1, 1)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site, self_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(site, alternate_path))
    author = _sub(feed, "author")
    _sub(author, "name", site.config.publisher or site.config.title)
    return feed


def articles_feed(site: Site) -> dict[str, bytes]:
    """`feed.xml`: every article, newest first, with its summary."""
    articles = sorted(site.articles.values(), key=lambda a: (-a.date.toordinal(), a.slug))
    latest = articles[0].date if articles else None
    feed = _feed(site, site.config.title, "feed.xml", "", latest)
    for article in articles:
        url = page_url(site, article_page(article.slug))
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", article.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "published", _stamp(article.date))
        _sub(entry, "updated", _stamp(article.date))
        for name in article.authors or [site.config.publisher or site.config.title]:
            _sub(_sub(entry, "author"), "name", name)
        for tag in article.tags:
            _sub(entry, "category", term=tag, label=site.themes[tag].title if tag in site.themes else tag)
        summary = article.summary or article.subtitle
        if summary:
            _sub(entry, "summary", summary)
    return {"feed.xml": _xml(feed)}


def correction_title(site: Site, entry: CorrectionEntry) -> str:
    fact, c = entry.fact, entry.correction
    described = describe_fact(fact, site)
    return (
        f"更正：{described.name}（{described.period_label}）"
        f"由{format_value(c.old_value)}{fact.unit}更正为{format_value(fact.value)}{fact.unit}"
    )


def corrections_feed(site: Site) -> dict[str, bytes]:
    """`corrections.xml`: one entry per printed correction, newest first."""
    entries = all_corrections(site)
    latest = entries[0].correction.date if entries else None
    feed = _feed(site, f"{site.config.title} · 更正", "corrections.xml", "corrections/", latest)
    for entry in entries:
        url = absolute(site, f"corrections/#{entry.anchor}")
        item = _sub(feed, "entry")
        _sub(item, "id", url)
        _sub(item, "title", correction_title(site, entry))
        _sub(item, "link", rel="alternate", type="text/html", href=url)
        _sub(item, "updated", _stamp(entry.correction.date))
        _sub(item, "summary", entry.correction.reason)
    return {"corrections.xml": _xml(feed)}


def sitemap(site: Site, files: dict[str, bytes]) -> dict[str, bytes]:
    """`sitemap.xml` over the rendered pages a reader lands on.

    Embeds (made for iframes; their canonical link is the chart page), the 404 page and the search
    index's own files are left out.
    """
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in sorted(files):
        if not path.endswith(".html") or path == "404.html" or path.startswith(("embed/", "pagefind/")):
            continue
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = page_url(site, path)
    return {"sitemap.xml": _xml(urlset)}


def robots(site: Site) -> dict[str, bytes]:
    """`robots.txt`: everything may be crawled; names the sitemap.

    Crawlers read robots.txt only at the root of a host: when the site lives
    under a sub-path, the host's own robots.txt should carry the Sitemap line.
    """
    base = urlsplit(site.config.site_url).path or "/"
    text = (
        "User-agent: *\n"
        f"Allow: {base}\n"
        f"Disallow: {base}pagefind/\n"
        f"Sitemap: {absolute(site, 'sitemap.xml')}\n"
    )
    return {"robots.txt": text.encode("utf-8")}


def feeds_and_crawler_files(site: Site, pages: dict[str, bytes]) -> dict[str, bytes]:
    """The Atom feeds, robots.txt and, over every rendered page, sitemap.xml."""
    return {**articles_feed(site), **corrections_feed(site), **robots(site), **sitemap(site, pages)}

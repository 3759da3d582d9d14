"""The site published under a sub-path: built with `--site-url
https://news.example.cn/data/fuling/`, served under /data/fuling/ by a local
server that answers 404 everywhere else, crawled link by link; every absolute
URL the site prints starts with the site_url; and, straight from disk
(file://), every relative link names an existing file."""
from __future__ import annotations

import http.server
import posixpath
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://news.example.cn/data/fuling/"
PREFIX = urlsplit(SITE_URL).path  # /data/fuling/
URL_ATTRS = ("href", "src", "action", "poster", "data")
# Meta tags whose content is an absolute URL.
URL_METAS = {"og:url", "og:image", "twitter:image", "twitter:url"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")


class Links(HTMLParser):
    """What a page links to or loads, as written (html.parser, not the code that wrote it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.absolute: list[tuple[str, str]] = []  # (where, url) that must start with site_url
        self.base: str | None = None
        self.textarea = False
        self.code: list[str] = []  # embed code shown to be copied

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "base":
            self.base = attrs.get("href")
        for name in URL_ATTRS:
            if attrs.get(name):
                self.urls.append(attrs[name].strip())
        for candidate in attrs.get("srcset", "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])
        rel = attrs.get("rel", "").split()
        if tag == "link" and ({"canonical", "alternate"} & set(rel)):
            self.absolute.append((f"<link rel={attrs['rel']}>", attrs.get("href", "")))
        if tag == "meta" and (attrs.get("property") in URL_METAS or attrs.get("name") in URL_METAS):
            self.absolute.append((f"<meta {attrs.get('property') or attrs.get('name')}>", attrs.get("content", "")))
        if tag == "textarea":
            self.textarea = True
        elif self.textarea:  # html.parser (before 3.14) reads a textarea's text as tags
            self.code.append(f'<{tag} ' + " ".join(f'{k}="{v}"' for k, v in attrs.items()) + ">")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = False

    def handle_data(self, data):
        if self.textarea:
            self.code.append(data)


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    links.close()
    return links


# ---------------------------------------------------------------- build and serve


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("subpath") / "site"
    done = subprocess.run([sys.executable, "build.py", "build", "--site-url", SITE_URL, "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"build failed:\n{done.stdout}\n{done.stderr}"
    return out


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, as a newsroom's server would."""

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path[len(PREFIX):])

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = lambda *a, **kw: SubPathHandler(*a, directory=str(site), **kw)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def served_path(rel: str) -> str:
    return PREFIX + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


# ---------------------------------------------------------------- tests


def test_every_internal_link_and_asset_answers_200_under_the_sub_path(site, server):
    """Start from every page; follow every href/src (CSS url() too) that stays
    on the server, and every absolute URL under site_url, mapped to the server."""
    local = urlsplit(server).netloc
    queue = deque(server + served_path(p) for p in pages(site) if p != "404.html")
    queue.append(server + PREFIX + "sitemap.xml")
    seen: set[str] = set()
    broken: list[str] = []
    referrer: dict[str, str] = {}
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200:
            broken.append(f"{url[len(server):]} -> {status} (linked from {referrer.get(url, 'the page list')})")
            continue
        if kind == "text/html":
            links = parse(body.decode("utf-8"))
            found = links.urls
            base = urljoin(url, links.base) if links.base else url
        elif kind == "text/css":
            found, base = CSS_URL.findall(body.decode("utf-8")), url
        elif url.endswith("sitemap.xml"):
            found, base = re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8")), url
        else:
            continue
        for raw in found:
            if raw.startswith(("data:", "mailto:", "#", "javascript:")):
                continue
            target = urljoin(base, raw).split("#", 1)[0]
            if target.startswith(SITE_URL):
                target = server + PREFIX + target[len(SITE_URL):]
            if urlsplit(target).netloc == local and target not in seen:
                referrer.setdefault(target, url[len(server):])
                queue.append(target)
    assert len(seen) > len(pages(site)), "the crawl found no links"
    assert not broken, f"{len(broken)} of {len(seen)} URLs do not answer 200 under {PREFIX}:\n" + "\n".join(broken[:40])


def test_nothing_outside_the_sub_path_is_requested(site, server):
    """The server's 404 outside the prefix is what makes the crawl meaningful."""
    assert fetch(server + "/index.html")[0] == 404
    assert fetch(server + PREFIX)[0] == 200


def test_every_absolute_url_in_pages_starts_with_the_site_url(site):
    wrong, seen = [], 0
    for rel in pages(site):
        links = parse((site / rel).read_text(encoding="utf-8"))
        for where, url in links.absolute:
            seen += 1
            # Feed links may be relative; canonical and Open Graph URLs must be absolute.
            if "alternate" in where and not urlsplit(url).scheme:
                continue
            if not url.startswith(SITE_URL):
                wrong.append(f"{rel}: {where}: {url}")
        for code in links.code:  # embed codes: iframe src and script src
            for url in re.findall(r'(?:src|href)="([^"]+)"', code):
                seen += 1
                if not url.startswith(SITE_URL):
                    wrong.append(f"{rel}: embed code: {url}")
    assert seen, "no canonical, Open Graph or embed-code URL found"
    assert not wrong, "\n".join(wrong[:40])


def test_every_url_naming_the_sites_host_includes_the_sub_path(site):
    """JSON-LD, feeds, scripts, data: nothing points at the bare host."""
    host = urlsplit(SITE_URL).netloc
    wrong = []
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.suffix in (".html", ".xml", ".txt", ".json", ".csv", ".js"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for url in re.findall(r"https?://" + re.escape(host) + r"[^\s\"'<>)]*", text):
                if not url.startswith(SITE_URL):
                    wrong.append(f"{file.relative_to(site).as_posix()}: {url}")
    assert not wrong, "\n".join(wrong[:40])


def test_canonical_urls_name_the_page_itself(site):
    for rel in ("index.html", *[p for p in pages(site) if p.startswith("charts/") and p.count("/") == 2][:3]):
        links = parse((site / rel).read_text(encoding="utf-8"))
        canonical = [url for where, url in links.absolute if "canonical" in where]
        assert canonical == [SITE_URL + served_path(rel)[len(PREFIX):]], rel


def test_sitemap_and_feeds_use_the_site_url(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(SITE_URL) for loc in locs), [l for l in locs if not l.startswith(SITE_URL)]
    feeds = [p for p in site.rglob("*.xml") if p.name != "sitemap.xml"]
    assert feeds, "no feed written"
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        urls = re.findall(r'href="(https?://[^"]+)"', text) + re.findall(r"<id>(https?://[^<]+)</id>", text)
        assert urls, feed.name
        assert all(u.startswith(SITE_URL) for u in urls), (feed.name, [u for u in urls if not u.startswith(SITE_URL)])
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_the_configured_site_url_is_replaced_everywhere_by_the_command_line_one(site):
    configured = yaml.safe_load((ROOT / "content" / "site.yaml").read_text(encoding="utf-8"))["site_url"]
    assert configured != SITE_URL
    host = urlsplit(configured).netloc
    leaks = []
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".txt", ".json", ".csv", ".js"):
            if host in file.read_text(encoding="utf-8", errors="replace"):
                leaks.append(file.relative_to(site).as_posix())
    assert not leaks, f"{configured} still printed in: {leaks[:20]}"


def test_relative_links_name_existing_files_when_opened_from_disk(site):
    """file:// has no server to map a folder to its index.html: every relative
    link must name the file itself. (404.html is served for any path and
    carries a <base>; it cannot work from disk and is not meant to.)"""
    broken = []
    for rel in pages(site):
        links = parse((site / rel).read_text(encoding="utf-8"))
        if links.base:
            continue
        for raw in links.urls:
            parts = urlsplit(raw)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # absolute URLs and same-page anchors
            if parts.path.startswith("/"):
                broken.append(f"{rel}: {raw} (root-relative: breaks under a sub-path and on disk)")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            if not (site / target).is_file():
                broken.append(f"{rel}: {raw}")
    assert not broken, f"{len(broken)} links do not open from disk:\n" + "\n".join(broken[:40])

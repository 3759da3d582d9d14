"""Where every page and file of the site lives, and its URL: one place, so a new
page type or a site under a sub-path is one change here.

- asset files are served under content-hashed names (`assets/site.css` ->
  `assets/site.<hash>.css`): `hashed_name` is the one rule, used by the
  templates' `asset()` helper and by the publish step alike, so a page's
  reference and the file's name cannot disagree;
- `absolute` and `page_url` build the only absolute URLs the site prints
  (canonical links, feeds, sitemap, embed codes) from `site_url`;
- `relative_url` is how a page links another, so the site works from any folder.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a no-op build reads article paths here and needs no model
    from fuling.core.model import Site

ASSETS_DIR = "assets/"
MANIFEST = "assets/manifest.json"
HASH_LENGTH = 10  # hex digits of SHA-256: 40 bits, no collision among a few dozen files
# Asset kinds served under hashed names (everything render puts under assets/).
FINGERPRINTED = {".css", ".js", ".mjs", ".svg", ".png", ".jpg", ".webp", ".ico", ".woff2", ".woff"}


def suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind("."):].lower() if "." in name else ""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def is_fingerprinted(path: str) -> bool:
    """Is the file at this logical path served under a hashed name?"""
    return path.startswith(ASSETS_DIR) and path != MANIFEST and suffix(path) in FINGERPRINTED


def hashed_name(path: str, data: bytes) -> str:
    """`assets/site.css` with these bytes -> `assets/site.<hash>.css`; other paths unchanged.

    Render's `asset()` helper and `fingerprint()` both call this, so a page's
    reference and the file's name cannot disagree.
    """
    if not is_fingerprinted(path):
        return path
    ext = suffix(path)
    return f"{path[: -len(ext)]}.{digest(data)}{ext}"


def absolute(site: Site, path: str) -> str:
    """`site_url` joined with a site-relative path (`articles/x/`)."""
    return site.config.site_url.rstrip("/") + "/" + path.lstrip("/")


def page_url(site: Site, output_path: str) -> str:
    """Public URL of an output file: `a/b/index.html` is served as `a/b/`."""
    return absolute(site, served_path(output_path))


def relative_url(target: str, page: str) -> str:
    """Root-relative `target` ("charts/x/index.html#a") as seen from `page` ("themes/y/index.html")."""
    if target.startswith(("http://", "https://", "mailto:", "#")):
        return target
    path, hash_mark, fragment = target.partition("#")
    if hash_mark and path == page:  # a row of this very page: no reload
        return "#" + fragment
    return "../" * page.count("/") + target


# -- where each page and file lives: site-relative output paths ----------------------

FACTS_PAGE = "facts/index.html"  # the explorer, and the first page of its static list
CORRECTIONS_PAGE = "corrections/index.html"


def facts_page(number: int) -> str:
    """Page `number` (from 1) of the facts explorer's static list: `facts/`, `facts/2/`, …"""
    return FACTS_PAGE if number == 1 else f"facts/{number}/index.html"


def fact_url(fact_id: str, page: int) -> str:
    """A fact's row: its anchor on the static page that holds it (core.facts.explorer_pages)."""
    return f"{facts_page(page)}#{fact_id}"


def facts_data_file(name: str) -> str:
    """The explorer's compact data: `facts/data/index.json` (what every row refers to) and one
    `facts/data/<n>.json` per static page, read by assets/facts.js."""
    return f"facts/data/{name}.json"


ARTICLES_PAGE = "articles/index.html"  # the article list, newest first, and its first page
ARTICLES_PER_PAGE = 100  # a list page stays near 60 KB of HTML however many articles there are


def articles_list_page(number: int) -> str:
    """Page `number` (from 1) of the article list: `articles/`, `articles/page/2/`, … (`page/`
    keeps a list page out of the way of an article's own folder, `articles/<slug>/`)."""
    return ARTICLES_PAGE if number == 1 else f"articles/page/{number}/index.html"


def article_page(slug: str) -> str:
    return f"articles/{slug}/index.html"


def chart_page(chart_id: str) -> str:
    return f"charts/{chart_id}/index.html"


def theme_page(slug: str) -> str:
    return f"themes/{slug}/index.html"


def embed_page(chart_id: str) -> str:
    return f"embed/{chart_id}/index.html"


def chart_picture(chart_id: str, width: int, scheme: str = "light") -> str:
    """The chart as the build drew it at one width, in light or dark colours (fuling.charts.pictures)."""
    return f"charts/{chart_id}/preview-{width}{'-dark' if scheme == 'dark' else ''}.svg"


def chart_share_card(chart_id: str) -> str:
    """The chart with its title, notes, source and licence, 1200 x 630 px: the page's og:image."""
    return f"charts/{chart_id}/card.png"


def chart_download(chart_id: str, extension: str, lang: str = "zh", scheme: str = "light") -> str:
    """The chart with its title, notes, source and licence, to download: `.png` or `.svg`, in
    Chinese or English (`-en`), on a light or dark (`-dark`) ground: `charts/<id>/<id>-en-dark.png`."""
    variant = ("-en" if lang == "en" else "") + ("-dark" if scheme == "dark" else "")
    return f"charts/{chart_id}/{chart_id}{variant}.{extension}"


def site_share_card() -> str:
    """The site's own share card, 1200 x 630 px (its name, what it holds, its address and licence):
    the og:image of every page without a chart of its own."""
    return "card.png"


def chart_data_file(chart_id: str, extension: str) -> str:
    """A chart's points as a download: `data/<id>.csv` or `data/<id>.json`."""
    return f"data/{chart_id}.{extension}"


def chart_wide_file(chart_id: str) -> str:
    """A chart's points as a table, one row per category and one column per series."""
    return f"data/{chart_id}-wide.csv"


def source_url(site: Site, article: str, paragraph: str) -> str:
    """Absolute link to the paragraph a figure was printed in (downloads keep working offline)."""
    return page_url(site, article_page(article)) + (f"#{paragraph}" if paragraph else "")


SEARCH_INDEX = "pagefind"


def search_index(part: int = 0) -> str:
    """The folder of one part of the search index (fuling.core.searchparts): `pagefind/`
    for the first (or only) one, `pagefind/part-N/` for article part N."""
    return f"{SEARCH_INDEX}/" if part == 0 else f"{SEARCH_INDEX}/part-{part}/"


def served_path(output_path: str) -> str:
    """The path a reader's browser shows: `a/b/index.html` is served as `a/b/`."""
    if output_path == "index.html":
        return ""
    if output_path.endswith("/index.html"):
        return output_path[: -len("index.html")]
    return output_path


# Every name a build can write at the top of the site: a folder holding anything else
# holds files that are not the build's (a publishing checkout's .git/, CNAME), which the
# build, replacing the folder as a whole, would delete.
SITE_ROOTS = frozenset({
    "index.html", "404.html", "articles", "assets", "card.png", "charts", "corrections", "corrections.xml", "data", "embed",
    "facts", "feed.xml", "pagefind", "robots.txt", "search", "sitemap.xml", "themes",
})


def is_site_root(name: str) -> bool:
    """Could the build have written this top-level name (or its .gz / .br copy)?"""
    for suffix in (".gz", ".br"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name in SITE_ROOTS

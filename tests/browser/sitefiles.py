"""Reading a built site from disk: its pages, their ids and links, parsed with
the standard library's html.parser (not with the code that wrote them)."""
from __future__ import annotations

import gzip
import html
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes holding a URL the browser follows or loads.
URL_ATTRS = {"href", "src", "action", "poster", "data"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list["Node | str"] = field(default_factory=list)

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)

    def visible_text(self) -> str:
        """Text a reader sees: without <script>, <style> and <template> contents."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("script", "style", "template"):
                parts.append(child.visible_text())
        return "".join(parts)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()


@dataclass(frozen=True)
class Link:
    page: str  # page path, relative to the site root (posix)
    line: int
    tag: str
    attr: str
    url: str


class _TreeBuilder(HTMLParser):
    # <textarea> and <title> hold text, not elements (embed code shown in a
    # textarea is not a link of the page).
    CDATA_CONTENT_ELEMENTS = ("script", "style", "textarea", "title")
    RCDATA = ("textarea", "title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, 0)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0]))

    def handle_endtag(self, tag):
        # Close up to the matching open element; ignore stray end tags.
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.cdata_elem in self.RCDATA:
            data = html.unescape(data)
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


@dataclass
class Page:
    path: str  # relative to the site root, posix, e.g. "charts/industrial-output/index.html"
    tree: Node
    ids: dict[str, Node]

    def links(self) -> list[Link]:
        found = []
        for node in self.tree.iter():
            for attr in URL_ATTRS:
                if attr in node.attrs and node.tag != "#document":
                    found.append(Link(self.path, node.line, node.tag, attr, node.attrs[attr].strip()))
            if "srcset" in node.attrs:
                for candidate in node.attrs["srcset"].split(","):
                    if candidate.strip():
                        found.append(Link(self.path, node.line, node.tag, "srcset", candidate.split()[0]))
        return found


def load_pages(site_dir: Path) -> dict[str, Page]:
    pages = {}
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        tree = parse_html(file.read_text(encoding="utf-8"))
        ids: dict[str, Node] = {}
        for node in tree.iter():
            for key in ("id", "name") if node.tag == "a" else ("id",):
                if node.attrs.get(key):
                    ids.setdefault(node.attrs[key], node)
        pages[rel] = Page(rel, tree, ids)
    return pages


def url_for(path: str) -> str:
    """The URL path a page is served at: directories end in '/'."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def resolve(page: str, url: str) -> tuple[str | None, str]:
    """(site-relative file the URL points to, or None if not internal; fragment anchor).

    The anchor drops a text fragment (`#p12:~:text=…` → `p12`, `#:~:text=…` → "").
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, ""
    fragment = unquote(parts.fragment).split(":~:", 1)[0]
    if not parts.path:
        return page, fragment
    path = unquote(parts.path)
    # Root-relative paths resolve from the site root (the links check flags them:
    # the site must also work from a sub-path).
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".":
        return "index.html", fragment
    if path.endswith("/"):
        target += "/index.html"
    return target, fragment


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def normalise_space(text: str) -> str:
    return "".join(text.split())

"""The desk in the live preview (`build.py serve`, at /__desk/): review an article's
proposals beside its text, correct any field, and fix a published number, in the browser.

Pages are made per request from the files on disk (never from site/), and a save
goes through fuling.desk.review, the same writer `build.py review` uses; the
preview's watcher then rebuilds the site. Only the preview serves this: the
published site carries no editing code.

Safety, since any web page the editor has open can send requests to 127.0.0.1:
- a save needs the desk's token twice: in the form and in a SameSite=Strict
  cookie set by the desk's own pages (another site can send neither); its
  Origin, when the browser sends one, must be this server;
- each form carries the digest of the fact file it was made from, and a save
  against a file changed since is refused (fuling.desk.review);
- pages may not be framed, and the preview answers only local Host names
  (fuling.preview.server).
"""
from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from fuling.core.articlefile import ArticleFormatError, read_article
from fuling.core.errors import BuildError
from fuling.desk.metrics import adopt, drafted_metrics, file_under
from fuling.desk.review import CHOICES, EDITABLE, Check, Record, accept, read_records, reject
from fuling.extract.catalogue import read_catalogue

PREFIX = "/__desk/"
COOKIE = "fuling_desk"
MAX_FORM_BYTES = 64 * 1024
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FACT_ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
HEADERS = {  # the desk's pages: never framed, no referrer to other sites
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make the browser send Origin: null
    "X-Content-Type-Options": "nosniff",
}
LABELS = {"value": "数值", "unit": "单位", "period": "时期", "metric": "指标", "subject": "对象", "kind": "类别",
          "bound": "界限", "measure": "度量", "note": "备注"}


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph's text; `record` set where a figure's quote stands."""

    text: str
    record: str = ""


@dataclass(frozen=True)
class ArticleEntry:
    """An article on the desk's front page."""

    slug: str
    title: str
    date: dt.date
    waiting: int  # proposals waiting for review


@dataclass
class Paragraph:
    anchor: str
    pieces: list[Piece]


def _pieces(text: str, quotes: list[tuple[str, str]]) -> list[Piece]:
    """The text cut at each record's quote (the first place it stands, not overlapping another)."""
    spans = []
    for fact_id, q in quotes:
        at = text.find(q) if q else -1
        if at >= 0 and all(at >= end or at + len(q) <= start for start, end, _ in spans):
            spans.append((at, at + len(q), fact_id))
    pieces, last = [], 0
    for start, end, fact_id in sorted(spans):
        if start > last:
            pieces.append(Piece(text[last:start]))
        pieces.append(Piece(text[start:end], fact_id))
        last = end
    if last < len(text):
        pieces.append(Piece(text[last:]))
    return pieces


class Desk:
    """Answers the /__desk/ requests for one project."""

    def __init__(self, root: Path, check: Check | None, token: str | None = None):
        self.root = Path(root)
        self.check = check
        self.token = token or secrets.token_urlsafe(32)
        self.env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                               autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
        self.env.globals["record_values"] = record_values

    # -- pages ------------------------------------------------------------

    def get(self, path: str, query: str) -> Reply:
        try:
            return self._get(path, query)
        except BuildError as failure:  # a fact file the desk cannot open: say which, as the build would
            return self._page("message.html", status=409, title="有文件读不出",
                              message="\n".join(str(e) for e in failure.errors))

    def _get(self, path: str, query: str) -> Reply:
        rest = path[len(PREFIX):]
        if rest == "":
            asked = parse_qs(query)
            return self._index(saved=asked.get("saved", [""])[0], filed=asked.get("filed", [""])[0])
        if rest == "desk.css":
            return Reply(200, (Path(__file__).parent / "templates" / "desk.css").read_bytes(), "text/css; charset=utf-8")
        if rest.startswith("fact/"):
            return self._open_fact(rest[len("fact/"):])
        if rest.startswith("article/") and SLUG_RE.match(slug := rest[len("article/"):]):
            saved = parse_qs(query).get("saved", [""])[0]
            return self._article(slug, saved=saved)
        return self._page("message.html", status=404, title="没有这一页", message=f"{path}: no such desk page")

    def _page(self, template: str, status: int = 200, **context) -> Reply:
        html = self.env.get_template(template).render(token=self.token, prefix=PREFIX, labels=LABELS,
                                                      editable=EDITABLE, choices=CHOICES, **context)
        cookie = f"{COOKIE}={self.token}; Path={PREFIX}; HttpOnly; SameSite=Strict"
        return Reply(status, html.encode("utf-8"), headers={**HEADERS, "Set-Cookie": cookie})

    def _article_list(self) -> list[ArticleEntry]:
        counts: dict[str, int] = {}
        for record in read_records(self.root):
            counts[record.article] = counts.get(record.article, 0) + record.waiting
        items = []
        for path in sorted((self.root / "content" / "articles").glob("*.md")):
            try:
                article = read_article(path, self.root)
            except ArticleFormatError:
                continue  # the preview's overlay names it
            items.append(ArticleEntry(article.slug, article.title, article.date, counts.get(article.slug, 0)))
        return sorted(items, key=lambda a: (-a.waiting, a.slug))

    def _index(self, saved: str = "", status: int = 200, errors: dict[str, str] | None = None,
               typed: dict[str, dict[str, str]] | None = None, filed: str = "") -> Reply:
        themes = sorted(p.stem for p in (self.root / "content" / "themes").glob("*.md"))
        return self._page("index.html", status=status, articles=self._article_list(), drafts=drafted_metrics(self.root),
                          themes=themes, metrics=self._catalogue(), saved=saved, filed=filed, errors=errors or {},
                          typed=typed or {})

    def _catalogue(self) -> list[tuple[str, str]]:
        return [(e.key, e.label) for e in read_catalogue(self.root).entries.values()]

    def _open_fact(self, fact_id: str) -> Reply:
        """A number clicked on a preview page: its record in its article's desk page."""
        record = next((r for r in read_records(self.root) if r.fact_id == fact_id), None) if FACT_ID_RE.match(fact_id) else None
        if record is None:
            return self._page("message.html", status=404, title="没有这条记录", message=f"no fact {fact_id!r} in content/facts/")
        return Reply(303, headers={**HEADERS, "Location": f"{PREFIX}article/{quote(record.article)}#rec-{quote(fact_id)}"})

    def _article(self, slug: str, saved: str = "", status: int = 200, errors: dict[str, str] | None = None,
                 typed: dict[str, dict[str, str]] | None = None) -> Reply:
        path = self.root / "content" / "articles" / f"{slug}.md"
        if not path.is_file():
            return self._page("message.html", status=404, title="没有这篇文章", message=f"content/articles/{slug}.md: no such article")
        try:
            article = read_article(path, self.root)
        except ArticleFormatError as failure:
            return self._page("message.html", status=409, title="文章读不出", message=str(failure.error))
        records = [r for r in read_records(self.root) if r.article == slug]
        records.sort(key=lambda r: (not r.waiting, r.rejected != "", r.path, r.line))
        paragraphs = []
        for block in article.blocks:
            quotes = [(r.fact_id, r.quote) for r in records if r.paragraph in (block.anchor, "")]
            paragraphs.append(Paragraph(block.anchor, _pieces(block.text, quotes)))
        return self._page("article.html", status=status, article=article, paragraphs=paragraphs, records=records,
                          metrics=self._catalogue(), errors=errors or {}, typed=typed or {}, saved=saved)

    # -- saving -----------------------------------------------------------

    def post(self, path: str, body: bytes, content_type: str, cookie: str, origin: str, own_origins: set[str]) -> Reply:
        try:
            return self._post(path, body, content_type, cookie, origin, own_origins)
        except BuildError as failure:
            return self._page("message.html", status=409, title="无法保存",
                              message="\n".join(str(e) for e in failure.errors))

    def _post(self, path: str, body: bytes, content_type: str, cookie: str, origin: str, own_origins: set[str]) -> Reply:
        if path not in (PREFIX + "save", PREFIX + "metric"):
            return Reply(404, b"no such desk action\n", "text/plain; charset=utf-8", HEADERS)
        refusal = self._refusal(body, content_type, cookie, origin, own_origins)
        if refusal:
            return Reply(403, refusal.encode("utf-8") + b"\n", "text/plain; charset=utf-8", HEADERS)
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        if path == PREFIX + "metric":
            return self._adopt(form)
        fact_id, action = form.get("fact_id", ""), form.get("action", "")
        record = next((r for r in read_records(self.root) if r.fact_id == fact_id), None)
        if record is None or action not in ("accept", "reject"):
            return self._page("message.html", status=400, title="无法保存", message=f"no fact {fact_id!r} or no action {action!r}")
        changes = {key: form[key] for key in EDITABLE if key in form}
        try:
            if action == "reject":
                reject(self.root, fact_id, form.get("reason", ""), digest=form.get("digest", ""), check=self.check)
            else:
                accept(self.root, fact_id, changes, reason=form.get("reason", ""), digest=form.get("digest", ""),
                       check=self.check)
        except BuildError as failure:
            message = "\n".join(str(e) for e in failure.errors)
            stale = "changed since you opened" in message
            return self._article(record.article, status=409 if stale else 400, errors={fact_id: message},
                                 typed={fact_id: changes})
        return Reply(303, headers={**HEADERS, "Location": f"{PREFIX}article/{quote(record.article)}?saved={quote(fact_id)}#rec-{quote(fact_id)}"})

    def _adopt(self, form: dict[str, str]) -> Reply:
        """A drafted metric into the catalogue; its figures become proposals of their articles."""
        draft = form.get("draft", "")
        fields = {k: form.get(k, "") for k in ("key", "label", "label_en", "unit", "theme", "definition")}
        try:
            if existing := form.get("existing", "").strip():  # a metric the catalogue has under another name
                file_under(self.root, draft, existing, check=self.check)
            else:
                adopt(self.root, draft, check=self.check, **fields)
        except BuildError as failure:
            return self._index(status=400, errors={draft: "\n".join(str(e) for e in failure.errors)}, typed={draft: fields})
        done = f"filed={quote(existing)}" if existing else f"saved={quote(fields['key'])}"
        return Reply(303, headers={**HEADERS, "Location": f"{PREFIX}?{done}"})

    def _refusal(self, body: bytes, content_type: str, cookie: str, origin: str, own_origins: set[str]) -> str:
        """Why a save is refused ('' when it may go on): another site's page cannot send the
        token (it cannot read the desk's pages) nor the SameSite cookie."""
        if len(body) > MAX_FORM_BYTES:
            return "refused: the form is too large"
        if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
            return "refused: not a desk form"
        if origin and origin not in own_origins:
            return f"refused: a save from {origin} (another site); the desk takes saves from its own pages only"
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return "refused: the form is not UTF-8"
        sent = form.get("token", [""])[0]
        cookies = dict(part.strip().split("=", 1) for part in cookie.split(";") if "=" in part)
        if not (hmac.compare_digest(sent, self.token) and hmac.compare_digest(cookies.get(COOKIE, ""), self.token)):
            return "refused: the desk's token is missing or wrong; open the desk page again (/__desk/) and save from there"
        return ""


def record_values(record: Record, typed: dict[str, str]) -> dict[str, str]:
    """What a record's form shows: what the editor typed (after a refused save), else the file's."""
    return {key: typed.get(key, record.fields[key]) for key in EDITABLE}


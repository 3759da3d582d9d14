"""Render stage: Site + chart data + templates -> pages in memory (output path -> bytes).

`render_site` builds one `RenderContext` (Jinja2 environment, asset list, view
data shared by every page) and then runs every page generator. A generator is
a function `generate(ctx) -> dict[str, bytes]`; `PAGE_TYPES` in
fuling/site/pages/__init__.py lists them, so a new page type is a module there
and a line in that list.

Nothing here writes files: the build does that (fuling/build/write.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from fuling.charts.pictures import Preview
from fuling.charts.style import PLOTLY_BASIC, plotly_js_file
from fuling.core import urls
from fuling.core.errors import BuildError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import Article, ChartData, Site
from fuling.core.numbers import format_value
from fuling.core.parallel import in_background
from fuling.core.periods import period_label
from fuling.core.reporter import Reporter
from fuling.core.urls import hashed_name, relative_url
from fuling.site.provenance import template_globals
from fuling.site.views import ChartView, SiteViews, ThemeView, build_views

PageGenerator = Callable[["RenderContext"], dict[str, bytes]]


@dataclass
class Asset:
    name: str  # file name under assets/, e.g. "site.css"
    data: bytes

    @property
    def path(self) -> str:
        return f"assets/{self.name}"

    @property
    def url(self) -> str:
        """Root-relative URL under the content-hashed name the publishing step
        (fuling/assets.py) gives the file, so a changed file is never served stale."""
        return hashed_name(self.path, self.data)


@dataclass
class RenderContext:
    """Everything a page generator needs; built once per render."""

    site: Site
    charts: dict[str, ChartData]
    env: jinja2.Environment
    templates_dir: Path
    assets: dict[str, Asset]
    views: SiteViews
    notes: list[str] = field(default_factory=list)  # warnings for the build output
    # The exports' files (fuling.outputs.exports), for the data page that describes them;
    # the pipeline passes the result of the exports it runs beside render, so they are made once.
    exports: Callable[[], dict[str, bytes]] | None = None
    reporter: Reporter | None = None  # the build's, for the progress of long generators
    memo: Memo = NO_MEMO  # the build cache: fact rows and pages that did not change
    _current: dict = field(default_factory=dict)  # read -> its digest in this build (current_digest)
    _shared: dict = field(default_factory=dict)  # id of a theme or chart view -> (it, its digest), this render

    def progress(self, name: str, done: int, total: int) -> None:
        """`done` of `total` items of a long generator (fuling.core.reporter). A generator forked to
        the second core reports from there: its copy of the reporter writes to the same stream."""
        if self.reporter is not None:
            self.reporter.progress(name, done, total)

    def exported_files(self) -> dict[str, bytes]:
        if self.exports is None:  # exports come later in the pipeline: they are handed in, never made here
            raise ValueError("the data page describes the data files: call render_site with exports=")
        return self.exports()

    def page(self, template: str, path: str, **data) -> dict[str, bytes]:
        """Render one template to one output path; `path` is relative to site/ (posix).

        What the page is made of is recorded as it renders (Lektor's record_dependency, Hugo's
        dependency tracker): the view data it is handed (here, as a digest), and while the
        template runs, every template it loads and every helper it calls (`env.reads`). The
        build cache gives last build's bytes back when all of them are as they were.

        A page that shares no chart's card shares the site's (`share_image`): every page has an og:image."""
        if data.get("share_image") is None and self.views.site_share is not None:
            data["share_image"] = self.views.site_share
        digest = data_digest((template, path, self.env.globals["site"], self.env.globals["nav"], data), self._shared)

        def render() -> tuple[bytes, dict]:
            reads: dict = {}
            values = {k: v.produce() if isinstance(v, Derived) else v for k, v in data.items()}
            self.env.reads = reads
            try:
                html = self.env.get_template(template).render(page_path=path, **values)
            finally:
                self.env.reads = None
            return html.encode("utf-8"), reads

        return {path: self.memo.page(path, digest, self.current_digest, render)}

    def current_digest(self, read: tuple) -> str:
        """What a read recorded by `page` gives in this build ("" when it no longer can);
        asked once per build for each read, however many pages recorded it."""
        known = self._current.get(read)
        if known is None:
            known = self._current[read] = self._digest_now(read)
        return known

    def _digest_now(self, read: tuple) -> str:
        kind = read[0]
        try:
            if kind == "template":
                return self.env.template_digest(read[1])
            if kind == "asset":
                return self.assets[read[1]].url
            if kind == "article-body":
                return data_digest(self.site.articles[read[1]].blocks)
            if kind == "helper":
                return data_digest(self.env.helpers[read[1]](*read[2]))
        except (KeyError, LookupError, jinja2.TemplateNotFound):
            return ""
        return ""

    def canonical(self, path: str) -> str:
        """Absolute URL of a page: the only absolute links the site prints."""
        pretty = path[: -len("index.html")] if path.endswith("index.html") else path
        return self.site.config.site_url + pretty


@dataclass
class Derived:
    """View data a page may not need to make: `produce()` is called only when the page is
    rendered, and the page's digest counts `key` (a digest of all `produce` reads) instead."""

    key: str
    produce: Callable[[], object]


class _DigestPickler(pickle.Pickler):
    """Pickles view data for a digest. An article counts by its front matter alone: the lists
    hand templates whole articles but show their titles, dates and summaries. Its body
    reaches a page as the blocks rendered for it (part of the data), and a template reading
    `article.blocks` itself records that read (RecordingEnvironment.getattr).

    A theme or chart view counts by its own digest, made once per render (`shared`): the front
    page, the lists and every theme page hand templates the same views, each some megabytes
    of facts and points at 1,000 articles, which would otherwise be pickled again for each."""

    def __init__(self, buffer, shared: dict | None, top=None):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # no memo: an object met twice is written twice, so sharing cannot change the bytes
        self.shared, self.top = shared, top

    def reducer_override(self, obj):
        if isinstance(obj, Derived):
            return str, (obj.key,)
        if isinstance(obj, Article):
            return tuple, (tuple((k, v) for k, v in vars(obj).items() if k != "blocks"),)
        if self.shared is not None and obj is not self.top and isinstance(obj, SHARED_VIEWS):
            known = self.shared.get(id(obj))
            if known is None:  # the view itself (not a reference to its digest), with what it holds by digest
                known = self.shared[id(obj)] = (obj, _digest(type(obj).__name__, tuple(vars(obj).items()), self.shared, obj))
            if not known[1]:
                raise pickle.PicklingError(f"a {type(obj).__name__} that cannot be pickled")  # the page is never reused
            return str, (known[1],)
        return NotImplemented


SHARED_VIEWS = (ThemeView, ChartView)


def data_digest(value, shared: dict | None = None) -> str:
    """A digest of a value by its pickle: the view data are dataclasses, lists, strings and
    numbers, pickled as their content (many times faster than their repr). A value that
    cannot be pickled gives "", which is never reused. `shared`: the digests of theme and
    chart views made so far in this render (_DigestPickler)."""
    return _digest("", value, shared)


def _digest(kind: str, value, shared: dict | None, top=None) -> str:
    buffer = io.BytesIO()
    buffer.write(kind.encode("utf-8"))
    try:
        _DigestPickler(buffer, shared, top).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return ""
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()


class RecordingEnvironment(jinja2.Environment):
    """A Jinja environment that, while `reads` is a dict, records into it each template loaded
    (the page's own, what it extends, imports and includes) and each helper called."""

    reads: dict | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helpers: dict[str, Callable] = {}  # name -> the plain function behind a recorded global
        self._template_digests: dict[str, str] = {}

    def get_template(self, name, parent=None, globals=None):
        template = super().get_template(name, parent, globals)
        if self.reads is not None:
            self.reads[("template", template.name)] = self.template_digest(template.name)
        return template

    def getattr(self, obj, attribute):
        # An article's body is left out of the views' reprs (views.ArticleView): reading it is recorded.
        if attribute == "blocks" and self.reads is not None and isinstance(obj, Article):
            self.reads[("article-body", obj.slug)] = data_digest(obj.blocks)
        return super().getattr(obj, attribute)

    def template_digest(self, name: str) -> str:
        if name not in self._template_digests:
            source = self.loader.get_source(self, name)[0]
            self._template_digests[name] = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
        return self._template_digests[name]

    def add_helper(self, name: str, function: Callable) -> None:
        """A global a template calls (JSON-LD, a fact's link): each call is recorded with its
        arguments and a digest of its answer, so a later build can ask again and compare."""
        self.helpers[name] = function

        def recorded(*args):
            value = function(*args)
            if self.reads is not None:
                frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
                self.reads[("helper", name, frozen)] = data_digest(value)
            return value

        recorded.__name__ = name
        self.globals[name] = recorded


def json_script(data) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' survive."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def make_environment(templates_dir: Path, assets: dict[str, Asset], memo: Memo = NO_MEMO) -> jinja2.Environment:
    """The one Jinja2 set-up: autoescape, strict undefined, the filters templates may use."""
    env = RecordingEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=memo.template_bytecode_cache(),  # compiled templates kept between builds
        auto_reload=False,  # one environment per build: no need to stat a template on every include
    )

    @jinja2.pass_context
    def url(context, target: str) -> str:
        return relative_url(target, context["page_path"])

    @jinja2.pass_context
    def asset(context, name: str) -> str:
        if env.reads is not None:
            env.reads[("asset", name)] = assets[name].url
        return relative_url(assets[name].url, context["page_path"])

    env.filters["url"] = url
    env.filters["number"] = format_value
    env.filters["period"] = period_label
    env.filters["json_script"] = json_script
    env.globals["asset"] = asset
    return env


def load_assets(templates_dir: Path, notes: list[str]) -> dict[str, Asset]:
    """Hand-written files under templates/assets/ plus plotly.js, served from the site itself."""
    assets: dict[str, Asset] = {}
    folder = templates_dir / "assets"
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                name = path.relative_to(folder).as_posix()
                assets[name] = Asset(name, path.read_bytes())
    plotly_js = plotly_js_file(templates_dir)
    assets["plotly.min.js"] = Asset("plotly.min.js", plotly_js.read_bytes())
    if plotly_js != templates_dir.parent / PLOTLY_BASIC:
        notes.append(
            f"plotly.js: {PLOTLY_BASIC} is missing (run `make npm-assets`); "
            "serving the full bundle from the plotly Python package instead (about 4.5 times larger)"
        )
    return assets


def page_generators() -> list[PageGenerator]:
    """Every page type, in the order fuling/site/pages/__init__.py lists them."""
    from fuling.site.pages import PAGE_TYPES  # the pages import this module's helpers

    return list(PAGE_TYPES)


def build_context(site: Site, charts: dict[str, ChartData], templates_dir: Path,
                  exports: Callable[[], dict[str, bytes]] | None = None,
                  previews: dict[str, list[Preview]] | None = None,
                  reporter: Reporter | None = None, memo: Memo = NO_MEMO) -> RenderContext:
    templates_dir = Path(templates_dir)
    notes: list[str] = []
    assets = load_assets(templates_dir, notes)
    env = make_environment(templates_dir, assets, memo)
    views = build_views(site, charts, previews)
    env.globals["site"] = site.config
    env.globals["nav"] = views.nav
    env.globals["urls"] = urls  # every page's and file's path (fuling/core/urls.py)
    for name, helper in template_globals(site, charts).items():  # JSON-LD, corrections, fact links
        env.add_helper(name, helper)
    return RenderContext(site=site, charts=charts, env=env, templates_dir=templates_dir,
                         assets=assets, views=views, notes=notes, exports=exports, reporter=reporter, memo=memo)


def render_site(site: Site, charts: dict[str, ChartData], templates_dir: Path,
                reporter=None, generators: list[PageGenerator] | None = None,
                exports: Callable[[], dict[str, bytes]] | None = None,
                previews: dict[str, list[Preview]] | None = None,
                on_searched_pages: Callable[[dict[str, bytes]], None] | None = None,
                memo: Memo = NO_MEMO, serial: bool = False,
                on_context: Callable[[RenderContext], None] | None = None) -> dict[str, bytes]:
    """Output path (posix, relative to site/) -> bytes, every asset file included.

    `exports` returns the data files the exports stage made (the data page describes them);
    without it they are made here when a page needs them. `previews` names each chart's
    pictures (fuling.charts.pictures), which the pages link; without it charts have none.
    `on_searched_pages` is called with the pages so far once the generators marked
    `searched` (the pages the search index reads) are done: they run first, so the
    index can be started while the other pages render. `on_context` hears the render
    context once every page rendered (the live preview keeps it, fuling/build/resident.py).
    """
    ctx = build_context(site, charts, templates_dir, exports, previews, reporter, memo)
    for note in ctx.notes:  # a build without the basic bundle says so, reporter or not
        (reporter or Reporter()).warn(note)
    out: dict[str, bytes] = {}
    errors = []
    generators = generators if generators is not None else page_generators()
    # A generator marked `in_background` (the article pages: most of the work) runs on a second
    # core while this process runs the others (fuling.core.parallel; the same bytes either way).
    jobs = {g: in_background(_with_recorded_pages, g, ctx, serial=serial)
            for g in generators if getattr(g, "in_background", False)}
    # First the pages the search index reads, and of those the ones rendered here before the
    # ones the second core renders meanwhile; the rest in the order found.
    generators = sorted(generators, key=lambda g: (not getattr(g, "searched", False), g in jobs))
    searched_left = sum(1 for g in generators if getattr(g, "searched", False))
    for generate in generators:
        try:
            if generate in jobs:
                produced, recorded = jobs.pop(generate).result()
                ctx.memo.keep_recorded_pages(recorded)  # what its pages read, recorded on the second core
            else:
                produced = generate(ctx)
        except BuildError as failure:
            errors.extend(failure.errors)
            continue
        except BaseException:
            for job in jobs.values():
                job.cancel()
            raise
        for path, data in produced.items():
            if path in out:
                raise ValueError(f"two page generators write {path}")
            out[path] = data
        if getattr(generate, "searched", False):
            searched_left -= 1
            if searched_left == 0 and on_searched_pages is not None and not errors:
                on_searched_pages(dict(out))
    if errors:
        raise BuildError(errors)
    if on_context is not None:
        on_context(ctx)
    return dict(sorted(out.items()))


def _with_recorded_pages(generate: PageGenerator, ctx: RenderContext):
    """A generator's pages and what the cache recorded of them, for a generator run in
    another process: what it records there would otherwise stay there."""
    produced = generate(ctx)
    return produced, ctx.memo.recorded_pages()

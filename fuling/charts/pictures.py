"""Previews stage: every chart as a static SVG picture, drawn at build time by plotly.js itself.

A page shows its charts at once as pictures (`<picture>`, one SVG per width and
colour scheme) and loads plotly.js only when the reader asks for a chart (a click,
a tap, Enter on the focused chart; never a scroll): on a phone, plotly.js's first run and first draw are most of a chart
page's main-thread work, and most readers only look. The pictures are drawn
by Kaleido (plotly's own static export) in a local Chromium, with the very
plotly.js file the site serves, so the picture and the interactive chart that
replaces it are drawn by the same code.

Without a Chromium (or with FULING_CHART_PREVIEWS=0) the build makes no
pictures and says so; assets/charts.js then draws each chart with plotly.js
as it nears the viewport, as it does for pages forced dark and English embeds,
whose colours and labels the pictures do not have.

Each chart also gets, drawn the same way from its cards (fuling.charts.cards: the
chart with its title, unit, notes, sources, site, URL and licence), a share card
(`card.png`, the pages' og:image) and the PNG and SVG its page offers for download,
in Chinese and English, light and dark; and the site one share card of its own
(`card.png` at the top, SITE_CARD in the plan) for the pages without a chart.

Pictures are kept between builds (fuling.build.cache) under a digest of what draws
them: the figure, the width, plotly.js and this module's format. A build
draws the missing ones in a forked process with a Chromium of its own; in a
process with threads (the live preview) they are drawn in a thread, in a
Chromium its PictureMemory keeps open for the process's next builds. Either
Chromium draws several pictures at once, one per tab (TABS): a drawing mostly
waits on messages between Python and Chromium and on the tab's reload after it,
so one tab leaves a core idle.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from fuling.charts.style import dark_figure, plot_height
from fuling.core.errors import BuildError, ContentError
from fuling.core.memo import NO_MEMO, Memo
from fuling.core.model import ChartData
from fuling.core.parallel import can_fork, in_background, run_coroutine
from fuling.charts.cards import CARD_VARIANTS, SHARE_HEIGHT, SHARE_VARIANT, CardVariant
from fuling.core.urls import chart_download, chart_picture, chart_share_card, site_share_card

# (width in px, media condition): the chart box (the page less 2 x 12 px padding) of the
# common phones, 320, 360 and 412 px wide, then the widest chart box (site.css: .chart
# max-width 52rem). Drawn at the width it is shown at, the picture is the very drawing
# plotly.js makes in its place, so nothing moves when the chart turns interactive; between
# two widths the SVG scales to the box.
WIDTHS = ((296, ""), (336, "(min-width: 360px)"), (388, "(min-width: 412px)"), (832, "(min-width: 40rem)"))
FORMAT = "4"  # bump when the drawing or the post-processing below changes
PICTURE, SHARE, DOWNLOAD = "picture", "share", "download"  # what a drawing is for
EXPORT_SECONDS = 60  # Kaleido's limit for one picture
SITE_CARD = "(site)"  # the plan's entry for the site's own share card: no chart id has brackets
# Tabs of the one Chromium that draw at once. One tab kept a core mostly idle (88 pictures:
# about 7 s of CPU in 14 s or more); each tab loads plotly.js once when Chromium starts.
TABS = 3


SCHEMES = ("light", "dark")


def _media(width_media: str, scheme: str) -> str:
    """The <source> media condition of a picture: its width's, and dark mode for a dark one."""
    if scheme == "light":
        return width_media
    return f"(prefers-color-scheme: dark) and {width_media}" if width_media else "(prefers-color-scheme: dark)"


def picture_figure(figure: dict, scheme: str) -> dict:
    return dark_figure(figure) if scheme == "dark" else figure


@dataclass(frozen=True)
class Preview:
    chart: str
    width: int
    height: int
    media: str  # the <source> media condition; "" for the default picture
    path: str  # output path under site/
    scheme: str  # "light", or "dark" for readers whose screen is in dark mode
    key: str  # digest of everything that draws it
    format: str = "svg"  # "svg" or "png"
    kind: str = PICTURE  # PICTURE (the page's chart until plotly.js draws it), SHARE or DOWNLOAD
    lang: str = "zh"  # a download's language: "zh" or "en"

    @property
    def variant(self) -> CardVariant:
        return CardVariant(self.lang, self.scheme)


def _key(engine: str, width: int, height: int, fmt: str, figure: dict) -> str:
    drawn = json.dumps(figure, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{FORMAT}\0{engine}\0{width}x{height}\0{fmt}\0{drawn}".encode("utf-8")).hexdigest()


def plan_previews(charts: dict[str, ChartData], plotly_js: Path,
                  cards: dict[str, dict[CardVariant, dict]] | None = None,
                  site_card: dict | None = None) -> dict[str, list[Preview]]:
    """The pictures each chart gets (names and sizes), known before any is drawn so render can link them:
    its pictures, narrowest first, then, given its card figures (fuling.charts.cards.chart_cards), the
    share card and the PNG and SVG download of each variant (Chinese, English; light, dark). Given the
    site card's figure, the plan's SITE_CARD entry is the site's share card."""
    engine = hashlib.sha256(plotly_js.read_bytes()).hexdigest()
    plan: dict[str, list[Preview]] = {}
    for chart_id in sorted(charts):
        height = plot_height(charts[chart_id])
        plan[chart_id] = [
            Preview(chart=chart_id, width=width, height=height, media=_media(media, scheme),
                    path=chart_picture(chart_id, width, scheme), scheme=scheme,
                    key=_key(engine, width, height, f"svg/{scheme}", charts[chart_id].figure))
            for scheme in SCHEMES
            for width, media in WIDTHS
        ]
        variants = (cards or {}).get(chart_id)
        if variants is not None:
            share = variants[SHARE_VARIANT]
            plan[chart_id].append(Preview(
                chart=chart_id, width=share["layout"]["width"], height=SHARE_HEIGHT, media="",
                path=chart_share_card(chart_id), scheme="light",
                key=_key(engine, share["layout"]["width"], SHARE_HEIGHT, "png", share), format="png", kind=SHARE))
            for variant in CARD_VARIANTS:
                card = variants[variant]
                width, tall = card["layout"]["width"], card["layout"]["height"]
                plan[chart_id] += [
                    Preview(chart=chart_id, width=width, height=tall, media="",
                            path=chart_download(chart_id, fmt, variant.lang, variant.scheme), scheme=variant.scheme,
                            key=_key(engine, width, tall, fmt, card), format=fmt, kind=DOWNLOAD, lang=variant.lang)
                    for fmt in ("png", "svg")]
    if site_card is not None:
        width, tall = site_card["layout"]["width"], site_card["layout"]["height"]
        plan[SITE_CARD] = [Preview(chart=SITE_CARD, width=width, height=tall, media="", path=site_share_card(),
                                   scheme="light", key=_key(engine, width, tall, "png", site_card), format="png",
                                   kind=SHARE)]
    return plan


def drawn_figures(previews: list[Preview], charts: dict[str, ChartData], cards: dict[str, dict[CardVariant, dict]],
                  site_card: dict | None) -> dict[str, dict]:
    """What each drawing draws, by its path: its chart's figure (dark for a dark picture), or
    for a share card or download its chart's card of its variant, or the site's card."""
    def figure(preview: Preview) -> dict:
        if preview.kind == PICTURE:
            return picture_figure(charts[preview.chart].figure, preview.scheme)
        return site_card if preview.chart == SITE_CARD else cards[preview.chart][preview.variant]

    return {p.path: figure(p) for p in previews}


class PreviewBatch:
    """The pictures of a build: last build's where nothing changed, the rest drawn while
    render runs, in a second process (fuling.core.parallel) or, where threads rule out a fork,
    in a thread with the process's kept Chromium."""

    def __init__(self, plan: dict[str, list[Preview]], charts: dict[str, ChartData], plotly_js: Path, browser: str,
                 memo: Memo = NO_MEMO, serial: bool = False, memory: PictureMemory | None = None,
                 cards: dict[str, dict[CardVariant, dict]] | None = None, site_card: dict | None = None):
        self.memo = memo  # the build cache: last build's pictures, and where this build's are kept
        self.memory = memory or PictureMemory()  # what this process drew in earlier builds
        self.files: dict[str, bytes] = {}
        self.missing: list[Preview] = []
        for preview in (p for previews in plan.values() for p in previews):
            data = self.memory.drawn.get(preview.key) or memo.recalled("preview", preview.key)
            if data is None:
                self.missing.append(preview)
            else:
                self.files[preview.path] = data
        figures = drawn_figures(self.missing, charts, cards or {}, site_card)
        args = (self.missing, figures, plotly_js, browser)
        if not self.missing:
            self.job = None
        elif can_fork(serial):
            self.job = in_background(draw, *args)
        else:  # the live preview's threads rule out a fork; Kaleido mostly waits on Chromium, so a thread overlaps as well
            self.job = _InThread(self.memory.draw_in_kept_browser, args)

    def result(self) -> dict[str, bytes]:
        if self.job is not None:
            drawn = self.job.result()
            for preview in self.missing:
                self.memo.kept("preview", preview.key, drawn[preview.path])
                self.memory.remember(preview.key, drawn[preview.path])
            self.files.update(drawn)
            self.job = None
        return dict(self.files)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


MEMO_PICTURES = 256  # pictures a PictureMemory keeps, about 20 KB each


class _InThread:
    """`fn(*args)` on a thread of its own; `result()` waits for the thread to end, so no
    thread of ours outlives the build (one alive would rule out the next build's fork)."""

    def __init__(self, fn, args: tuple):
        self._value = self._error = None
        self._thread = threading.Thread(target=self._work, args=(fn, args), name="chart-pictures-draw", daemon=True)
        self._thread.start()

    def _work(self, fn, args: tuple) -> None:
        try:
            self._value = fn(*args)
        except BaseException as error:  # handed to result()
            self._error = error

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> None:
        pass  # one already drawing finishes on its own; nothing waits for it


def _quiet_browser_logs() -> None:
    """Kaleido's browser driver (choreographer) logs with a traceback every message it could
    not decode and then ignores (a closing tab's last frame); with no logging set up, Python
    prints those on stderr, in the middle of a good build. Our own errors come as exceptions."""
    for name in ("choreographer", "kaleido"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


class _KeptBrowser:
    """One Kaleido Chromium kept open for the later builds of this process, on an event loop
    of its own: the live preview then pays Chromium's start (about 1.2 s) once, not on every
    edit of a charted number."""

    def __init__(self, plotly_js: Path, browser: str):
        import asyncio  # here, not at the top: a build that draws nothing never needs it (~40 ms)

        import kaleido

        _quiet_browser_logs()
        self.key = _kept_key(plotly_js, browser)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="chart-pictures", daemon=True)
        self.thread.start()
        try:
            page = kaleido.PageGenerator(plotly=str(Path(plotly_js).resolve()), mathjax=False)
            self.engine = kaleido.Kaleido(n=TABS, page_generator=page, path=browser, timeout=EXPORT_SECONDS)
            self._run(self.engine.open())
        except BaseException:
            self._stop_loop()
            raise

    def _stop_loop(self) -> None:
        """Stop the loop and wait for its thread: a thread still alive would rule out the
        next build's fork (fuling.core.parallel.can_fork)."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    def _run(self, coroutine, timeout: float | None = None):
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def draw(self, previews: list[Preview], figures: dict[str, dict]) -> dict[str, bytes]:
        return self._run(_draw_all(self.engine, previews, figures))

    def close(self) -> None:
        try:
            self._run(self.engine.close(), timeout=10)  # at exit too: never wait for a stuck browser
        finally:
            self._stop_loop()


def _kept_key(plotly_js: Path, browser: str) -> tuple:
    """What the kept browser's page was made from: a rebuilt plotly.js needs a new page."""
    st = os.stat(plotly_js)
    return (str(plotly_js), st.st_size, st.st_mtime_ns, browser)


class PictureMemory:
    """What a process that builds again and again (the live preview) keeps between its builds:
    the pictures it drew, by key, and one Chromium kept open. The build is handed one; a
    build handed none starts with an empty one and leaves nothing behind."""

    def __init__(self) -> None:
        self.drawn: dict[str, bytes] = {}
        self._browser: _KeptBrowser | None = None
        self._lock = threading.Lock()

    def remember(self, key: str, data: bytes) -> None:
        self.drawn[key] = data
        while len(self.drawn) > MEMO_PICTURES:  # oldest first out
            self.drawn.pop(next(iter(self.drawn)))

    def draw_in_kept_browser(self, previews: list[Preview], figures: dict[str, dict], plotly_js: Path,
                             browser: str) -> dict[str, bytes]:
        """`draw`, in the kept Chromium (started on first use, closed by `close` or at exit)."""
        with self._lock:
            try:
                if self._browser is not None and self._browser.key != _kept_key(plotly_js, browser):
                    self._close_browser()
                if self._browser is None:
                    self._browser = _KeptBrowser(plotly_js, browser)
                    atexit.register(self.close)
                return self._browser.draw(previews, figures)
            except Exception:
                self._close_browser()  # a browser that died or never started: one fresh try, errors reported as usual
        return draw(previews, figures, plotly_js, browser)

    def _close_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            try:
                browser.close()
            except Exception:
                pass

    def close(self) -> None:
        """Close the kept Chromium, if one is open (its thread would rule out a fork)."""
        with self._lock:
            self._close_browser()


def draw(previews: list[Preview], figures: dict[str, dict], plotly_js: Path, browser: str,
         tabs: int = TABS) -> dict[str, bytes]:
    """Each preview's bytes, all drawn in one Chromium, up to `tabs` at once."""
    return run_coroutine(lambda: _draw(previews, figures, plotly_js, browser, tabs))


async def _draw(previews: list[Preview], figures: dict[str, dict], plotly_js: Path, browser: str,
                tabs: int) -> dict[str, bytes]:
    import kaleido

    _quiet_browser_logs()
    # mathjax=False and a local plotly.js: Kaleido's defaults would fetch both from CDNs.
    page = kaleido.PageGenerator(plotly=str(Path(plotly_js).resolve()), mathjax=False)
    opened = max(1, min(tabs, len(previews)))  # a tab more than pictures would load plotly.js for nothing
    try:
        async with kaleido.Kaleido(n=opened, page_generator=page, path=browser, timeout=EXPORT_SECONDS) as engine:
            return await _draw_all(engine, previews, figures)
    except Exception as exc:  # a browser that will not start, a figure plotly.js refuses
        raise _failure(previews, browser, exc) from exc


async def _draw_all(engine, previews: list[Preview], figures: dict[str, dict]) -> dict[str, bytes]:
    """Every preview asked for at once: Kaleido hands each drawing a free tab, so as many are
    drawn together as the engine has tabs. Each picture's bytes depend on its figure alone."""
    import asyncio

    async def one(preview: Preview) -> bytes:
        data = await engine.calc_fig(figures[preview.path],
                                     opts={"format": preview.format, "width": preview.width, "height": preview.height})
        return stable_ids(data.decode("utf-8")).encode("utf-8") if preview.format == "svg" else data

    drawn = await asyncio.gather(*(one(preview) for preview in previews))
    return {preview.path: data for preview, data in zip(previews, drawn)}


def _failure(previews: list[Preview], browser: str, exc: BaseException) -> BuildError:
    charts = sorted({p.chart for p in previews})
    return BuildError([ContentError("content/site.yaml" if chart == SITE_CARD else f"content/charts/{chart}.yaml", 0, "preview",
                                    f"could not draw the chart's static picture with {browser}: {exc!r} "
                                    "(FULING_CHART_PREVIEWS=0 builds without pictures)")
                       for chart in charts])


_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(\bid="|#)([\w-]+)')


def stable_ids(svg: str) -> str:
    """plotly.js names its clip paths and patterns after a random id per drawing; the same
    chart must give the same bytes in every build, so each id becomes `c1`, `c2`, … in
    the order they appear, and every reference (`url(#…)`, `href="#…"`) follows."""
    names: dict[str, str] = {}
    for found in _ID.findall(svg):
        names.setdefault(found, f"c{len(names) + 1}")
    return _REFERENCE.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), svg)

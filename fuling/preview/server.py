"""Live preview: build, serve `site/` on 127.0.0.1, rebuild on change, reload the browser.

Watches `content/`, `templates/` and `seeds/` with watchdog. Changes are
debounced (an editor's save is often several events), then the site is
rebuilt in this process. The build writes `site/` atomically, so a broken
edit leaves the last good site in place: the server keeps serving it, prints
the errors in the terminal and shows them as an overlay in the browser.

Before that build, the open article pages and pages of the facts explorer get a
first look at an edit of a fact or article file (fuling/preview/firstlook.py):
made from the last good build's model in a fraction of a second and served
until the build is in.

The search index comes last: the edited site is swapped in (and the page
reloaded) with the previous index while Pagefind indexes, then swapped again
with the new one (build_site's `index_later`); meanwhile the pages say that
search is behind. A change that comes first drops that index; the next build
makes its own.

Served HTML pages get one `<script src="/__preview/client.js">` added on the
way out; the files in `site/` are never changed. The script polls
`/__preview/status?since=n&page=…&digest=…` (`{"version": n, "error": "...",
"search_behind": …, "same": …}`), which the server holds until the version moves
past n (a long poll: the page reloads as soon as a build is in, not at the next
tick of a timer): a new version without an error reloads the page unless it would
be served the same bytes (`same`), an error shows the overlay. An external script
rather than inline code, so a page's Content-Security-Policy of 'self'
still lets it run.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import threading
import time
import traceback
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from fuling.build.resident import Resident
from fuling.core.errors import BuildError
from fuling.core.options import BuildOptions
from fuling.core.reporter import Reporter
from fuling.desk.web import PREFIX as DESK_PREFIX
from fuling.desk.web import Desk, Reply

PREFIX = "/__preview/"
LONG_POLL_SECONDS = 20.0  # a status request waits this long for a new version, then answers as is
WATCHED = ("content", "templates", "seeds")
# Files editors write beside the real one while saving: not a change to build.
SCRATCH_RE = re.compile(r"(^\.#|^#.*#$|~$|\.sw[a-p]$|\.tmp$|^4913$|\.kate-swp$)")
BODY_END_RE = re.compile(rb"</body\s*>", re.I)

CLIENT_JS = r"""(function () {
  var me = document.currentScript, loaded = Number(me && me.dataset.version), seen = loaded;
  var digest = me ? me.dataset.digest : "", behind = false;
  var BOX = "fuling-preview-error", BADGE = "fuling-preview-search";
  function overlay(message) {
    var box = document.getElementById(BOX);
    if (!message) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = BOX;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em 2em;" +
        "background:rgba(40,0,0,.94);color:#fff;font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "构建失败 Build failed — showing the last good page underneath\n\n" + message;
  }
  // While the search index of the page's build is still being made, a small note says so.
  function searchNote(on) {
    var note = document.getElementById(BADGE);
    if (!on) { if (note) note.remove(); return; }
    if (note) return;
    note = document.createElement("div");
    note.id = BADGE;
    note.setAttribute("role", "status");
    note.textContent = "搜索索引更新中…";
    note.style.cssText = "position:fixed;left:1em;bottom:1em;z-index:2147483646;font:13px system-ui,sans-serif;" +
      "padding:.3em .7em;border-radius:4px;background:#333;color:#fff";
    document.body.appendChild(note);
  }
  // The server answers when the version moves past `seen` or the search note changes (or after
  // LONG_POLL_SECONDS): ask again at once. A failed request (server stopped) is retried more
  // slowly. The first request does not wait, so a page opened while the build is broken shows
  // the overlay at once. The request names this page and the digest of what it was served, so
  // a new version reloads it only when this page changed: after the preview's first look at an
  // edited page, the full build that follows does not reload it a second time.
  var first = true;
  function poll() {
    var url = "/__preview/status?page=" + encodeURIComponent(location.pathname) + "&digest=" + digest +
      (first ? "" : "&since=" + seen + "&behind=" + (behind ? 1 : 0));
    first = false;
    fetch(url, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.error) { overlay(s.error); }
      else if (s.version !== loaded && !s.same) { location.reload(); return; }
      else { overlay(null); }
      behind = s.search_behind;
      searchNote(behind);
      seen = s.version;
      setTimeout(poll, 0);
    }).catch(function () { setTimeout(poll, 1500); });
  }
  poll();
  // The desk: Alt+click (or, after pressing the pencil, a plain click) on a number opens its record.
  var picking = false, pen = document.createElement("button");
  pen.type = "button";
  pen.textContent = "✎ 编辑数字";
  pen.title = "点击页面上的数字，在编辑台打开它的事实记录（或按住 Alt 点击）";
  pen.setAttribute("aria-pressed", "false");
  pen.style.cssText = "position:fixed;right:1em;bottom:1em;z-index:2147483646;font:14px system-ui,sans-serif;" +
    "padding:.4em .8em;border:0;border-radius:4px;background:#0b57d0;color:#fff;cursor:pointer";
  pen.addEventListener("click", function () {
    picking = !picking;
    pen.setAttribute("aria-pressed", String(picking));
    pen.style.background = picking ? "#b00020" : "#0b57d0";
  });
  document.body.appendChild(pen);
  document.addEventListener("click", function (event) {
    var figure = event.target.closest && event.target.closest("[data-facts]");
    if (!figure || !(picking || event.altKey)) return;
    event.preventDefault();
    location.href = "/__desk/fact/" + encodeURIComponent(figure.dataset.facts.split(" ")[0]);
  }, true);
})();
"""

NO_SITE_HTML = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>构建失败</title></head>
<body><p>The site has not been built yet.</p></body></html>"""


class RebuildReporter(Reporter):
    """What the terminal shows of a preview build: its errors, and the warnings the build
    before did not have; stage lines and progress are left out (the server prints one line)."""

    def __init__(self, out: Reporter):
        super().__init__(stream=out.stream, quiet=True, tty=out.tty)
        self._before: set[str] = set()  # the previous build's warnings, already on screen
        self._now: set[str] = set()

    def next_build(self) -> None:
        self._before, self._now = self._now, set()

    def warn(self, message: str) -> None:
        self._now.add(message)
        if message not in self._before:
            super().warn(message)


@dataclass
class PreviewState:
    version: int = 0  # bumped after every build, good or bad, and every first look
    error: str = ""  # text of the last build's errors; "" when it succeeded
    builds: int = 0
    search_behind: bool = False  # the served site has the previous build's search index


class PreviewServer:
    """The preview's parts: an HTTP server thread, a watcher, and a rebuild thread."""

    def __init__(self, root: Path, port: int = 8000, reporter: Reporter | None = None, out: Path | None = None,
                 site_url: str | None = None, debounce: float = 0.25, host: str = "127.0.0.1",
                 build: Callable[[], None] | None = None, options: BuildOptions | None = None):
        self.root = Path(root).resolve()
        self.out = Path(out).resolve() if out else self.root / "site"
        self.reporter = reporter or Reporter()
        self.build_reporter = RebuildReporter(self.reporter)
        self.site_url = site_url
        self.options = options  # None: the environment's, read at each build
        self.resident = Resident()  # pictures, Chromium and search indexes kept between rebuilds
        self.debounce = debounce
        self.state = PreviewState()
        self._lock = threading.Condition()  # guards `state`; notified when it changes or the server stops
        self._changed = threading.Event()
        self._changed_paths: set[str] = set()  # since the last rebuild, for its line in the terminal
        self._last_change = 0.0
        self._stopping = threading.Event()
        self._build = build or self._pipeline_build
        self.desk = Desk(self.root, check=self._check_content)
        handler = partial(PreviewHandler, preview=self, directory=str(self.out))
        self.httpd = QuietHTTPServer((host, port), handler)
        self._threads: list[threading.Thread] = []
        self._observer = None
        self._first_look: dict[str, bytes] = {}  # site path -> the page as the first look made it, until the build is in
        self._open: dict[str, float] = {}  # site path of a page a browser has open -> when it last asked for news

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _check_content(self, root: Path) -> None:
        """The desk's check of a save: the content loads with it (its errors come back as BuildError)."""
        import io

        from fuling.build.pipeline import check_site

        check_site(root, site_url=self.site_url, reporter=Reporter(stream=io.StringIO()))

    @property
    def own_origins(self) -> set[str]:
        return {f"http://{name}:{self.port}" for name in LOCAL_NAMES}

    def watched_dirs(self) -> list[Path]:
        from fuling.build.pipeline import templates_for

        dirs = [self.root / name for name in WATCHED] + [templates_for(self.root)]
        return sorted({d.resolve() for d in dirs if d.is_dir()})

    def _pipeline_build(self):
        from fuling.build.pipeline import build_site

        # index_later: the edited pages are served (and the browser reloaded) while Pagefind
        # is still indexing; at 1,000 articles that is most of a rebuild.
        return build_site(self.root, self.out, site_url=self.site_url, reporter=self.build_reporter,
                          index_later=True, options=self.options, resident=self.resident)

    def rebuild(self, changed: list[str] | None = None) -> bool:
        """Build once; record the outcome for the browser and say it in one line. True when the
        build succeeded. `changed`: the files whose change started it; the open article pages
        get a first look at it before the build (fuling/preview/firstlook.py)."""
        self.build_reporter.next_build()
        started = time.perf_counter()
        if changed:
            self._take_first_look(changed)
        result, error = self._attempt(self._build)
        if not error:  # said before the browser hears of it, so the terminal never lags the page
            self.reporter.info(self._built_line(result, changed, time.perf_counter() - started))
        pending = getattr(result, "pending_index", None)
        self._record(error, search_behind=pending is not None)
        if pending is not None and self._wait_for_index(pending):
            _, error = self._attempt(pending.finish)
            if error:
                self._record(error)
            else:
                self._search_caught_up()
        elif pending is not None:
            self._search_caught_up()  # dropped: the next build says again whether it is behind
        return not error

    def _take_first_look(self, changed: list[str]) -> None:
        """Serve the open article pages as the edit makes them, before the full build."""
        from fuling.preview.firstlook import first_look

        model = self.resident.model
        if model is None or self.status().error:  # the model is the last good build's: only an edit of it
            return
        started = time.perf_counter()
        try:
            pages = first_look(model, self.root, changed, self.open_pages())
        except Exception:  # the first look only saves time: the full build follows and says what is wrong
            self.reporter.error(traceback.format_exc().rstrip())
            return
        if pages:
            self._record("", first_look=pages)
            self.reporter.info(f"first look at {', '.join(sorted(pages))} in {time.perf_counter() - started:.2f} s; "
                               f"the full build follows")

    def open_pages(self) -> set[str]:
        """Site paths of the pages a browser asked news of lately (a long poll is renewed every
        LONG_POLL_SECONDS)."""
        recent = time.monotonic() - LONG_POLL_SECONDS - 5
        with self._lock:
            return {path for path, seen in self._open.items() if seen > recent}

    def page_opened(self, path: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._open[path] = now
            if len(self._open) > 64:  # pages closed long ago are forgotten
                self._open = {p: seen for p, seen in self._open.items() if seen > now - LONG_POLL_SECONDS - 5}

    def first_look_page(self, path: str) -> bytes | None:
        """The first look's page at site path `path`, while the build that follows is not in."""
        with self._lock:
            return self._first_look.get(path)

    def served_page(self, path: str) -> bytes | None:
        """The bytes the preview serves for the page at site path `path` (None: no such page)."""
        fresh = self.first_look_page(path)
        if fresh is not None:
            return fresh
        if ".." in path.split("/"):
            return None
        try:
            return (self.out / path).read_bytes()
        except OSError:
            return None

    def _built_line(self, result, changed: list[str] | None, seconds: float) -> str:
        """rebuilt after content/facts/x.yaml changed in 0.32 s: 14 pages, 12 files changed"""
        from fuling.build.pipeline import BuildResult

        shown = ", ".join((changed or [])[:3]) + (f" and {len(changed) - 3} more" if changed and len(changed) > 3 else "")
        line = "built" if changed is None else f"rebuilt after {shown} changed" if changed else "rebuilt"
        line += f" in {seconds:.2f} s"
        if isinstance(result, BuildResult):
            line += f": {result.pages} pages, {result.written} files changed"
            if result.pending_index is not None:
                line += "; the search index follows"
        return line

    def _attempt(self, step: Callable[[], object]) -> tuple[object, str]:
        """(what `step` returned, "") or (None, the errors as text, also printed)."""
        try:
            return step(), ""
        except BuildError as failure:
            for item in failure.errors:
                self.reporter.error(str(item))
            error = "\n".join(str(item) for item in failure.errors)
        except Exception as crash:  # a crash in a stage must not stop the preview; show it like a content error
            self.reporter.error(traceback.format_exc().rstrip())  # where it happened, for the terminal only
            # The page gets one sentence without the project's place on this machine.
            error = (f"the build stopped on an unexpected error ({type(crash).__name__}: {crash}); "
                     f"the terminal shows where").replace(f"{self.root}{os.sep}", "")
        self.reporter.info(f"build failed; still serving the last good site at {self.url}")
        return None, error

    def _record(self, error: str, search_behind: bool = False, first_look: dict[str, bytes] | None = None) -> None:
        """A new version for the browser: it reloads (when its page changed), or shows the error.
        A build's outcome replaces the first look at its change (the site has the pages, or it failed)."""
        with self._lock:
            self._first_look = first_look or {}
            self.state = PreviewState(version=self.state.version + 1, error=error, builds=self.state.builds + 1,
                                      search_behind=search_behind)
            self._lock.notify_all()

    def _search_caught_up(self) -> None:
        """The served site has its own build's search index: the pages' note goes, nothing reloads."""
        with self._lock:
            self.state = dataclasses.replace(self.state, search_behind=False)
            self._lock.notify_all()

    def _wait_for_index(self, pending) -> bool:
        """Wait for the search index of the build just served, unless another change comes
        first: then it is dropped and the next build makes its own. True when it is ready."""
        while not pending.done():
            if self._changed.is_set() or self._stopping.is_set():
                pending.cancel()
                self.reporter.info("search index of that build dropped: another change came first")
                return False
            time.sleep(0.05)
        return True

    def status(self) -> PreviewState:
        with self._lock:
            return self.state

    def status_after(self, since: int, timeout: float = LONG_POLL_SECONDS, behind: bool | None = None) -> PreviewState:
        """The state once its version is no longer `since` or (given `behind`) its search note
        differs from that (at once if so), or as it is after `timeout` seconds or when the server stops."""
        with self._lock:
            self._lock.wait_for(lambda: self.state.version != since or self._stopping.is_set()
                                or behind is not None and self.state.search_behind != behind, timeout)
            return self.state

    def notice_change(self, path: str) -> None:
        if SCRATCH_RE.search(os.path.basename(path)):
            return
        with self._lock:
            self._changed_paths.add(self._shown_path(path))
        self._last_change = time.monotonic()
        self._changed.set()

    def _shown_path(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return Path(path).name

    def _rebuild_loop(self) -> None:
        while not self._stopping.is_set():
            if not self._changed.wait(0.2):
                continue
            # Wait until the files have been quiet for `debounce` seconds, then build once.
            while not self._stopping.is_set() and time.monotonic() - self._last_change < self.debounce:
                time.sleep(self.debounce / 4)
            if self._stopping.is_set():
                return
            self._changed.clear()
            with self._lock:
                changed, self._changed_paths = sorted(self._changed_paths), set()
            self.rebuild(changed)

    def start(self) -> None:
        """Build once, then serve and watch in background threads."""
        self.rebuild()
        self._observer = Observer()
        handler = _ChangeHandler(self)
        for directory in self.watched_dirs():
            self._observer.schedule(handler, str(directory), recursive=True)
        self._observer.start()
        for target in (self.httpd.serve_forever, self._rebuild_loop):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        with self._lock:
            self._lock.notify_all()  # the status requests waiting for a new version answer now
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self.resident.close()


def page_digest(html: bytes) -> str:
    """Short digest of a page's bytes as served, before the reload script goes in."""
    return hashlib.blake2b(html, digest_size=8).hexdigest()


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A tab closed while its answer was written (broken pipe, reset) is no error worth a
        traceback in the editor's terminal; anything else still is."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _ChangeHandler(FileSystemEventHandler):
    def __init__(self, preview: PreviewServer):
        super().__init__()
        self.preview = preview

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads and directory timestamp updates change nothing
        self.preview.notice_change(getattr(event, "dest_path", "") or event.src_path)


LOCAL_NAMES = {"127.0.0.1", "localhost", "[::1]"}


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves site/ as it is on disk; HTML pages get the reload script on the way out."""

    def __init__(self, *args, preview: PreviewServer, **kwargs):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def _addressed_here(self) -> bool:
        """Only a request for this machine by name: another site's page that points its own
        name at 127.0.0.1 (DNS rebinding) sends its own Host and is refused."""
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") and "]:" in host else host
        return name in LOCAL_NAMES

    def _refused(self) -> bool:
        if self._addressed_here():
            return False
        self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain; charset=utf-8",
                   b"This preview answers only requests for 127.0.0.1, localhost or [::1].\n")
        return True

    def do_HEAD(self) -> None:
        if not self._refused():
            super().do_HEAD()

    def do_GET(self) -> None:
        if self._refused():
            return
        url = urlsplit(self.path)
        path = url.path
        if path.startswith(DESK_PREFIX):
            self._reply(self.preview.desk.get(path, url.query))
            return
        if path == PREFIX + "status":
            self._status(parse_qs(url.query))
            return
        if path == PREFIX + "client.js":
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", CLIENT_JS.encode())
            return
        fresh = self.preview.first_look_page(self._site_path(path))
        if fresh is not None:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._inject(fresh))
            return
        page = self._html_file(path)
        if page is None:
            super().do_GET()
            return
        if not page.is_file():
            # No site at all yet (the first build failed): a blank page that still shows the overlay.
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", self._inject(NO_SITE_HTML.encode()))
            return
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._inject(page.read_bytes()))

    def do_POST(self) -> None:
        if self._refused():
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= 1024 * 1024:
            self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"a desk form has a Content-Length\n")
            return
        body = self.rfile.read(length)
        path = urlsplit(self.path).path
        if not path.startswith(DESK_PREFIX):
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"the preview takes no POST here\n")
            return
        self._reply(self.preview.desk.post(path, body, self.headers.get("Content-Type", ""), self.headers.get("Cookie", ""),
                                           self.headers.get("Origin", ""), self.preview.own_origins))

    def _status(self, query: dict[str, list[str]]) -> None:
        """{"version", "error", "search_behind", "same"}: `same` when the page the request names
        (`page`, `digest`) would be served as it was when loaded. With `since`, answered once
        the version moves past it (or the search note changes from `behind`)."""
        page = self._site_path(query.get("page", [""])[0]) if "page" in query else None
        if page is not None:
            self.preview.page_opened(page)
        try:  # the version the page knows: wait for the next one
            since: int | None = int(query.get("since", [""])[0])
        except ValueError:
            since = None
        behind = query["behind"][0] == "1" if "behind" in query else None
        state = self.preview.status() if since is None else self.preview.status_after(since, behind=behind)
        served = self.preview.served_page(page) if page is not None else None
        same = served is not None and query.get("digest", [""])[0] == page_digest(served)
        self._send(HTTPStatus.OK, "application/json", json.dumps(
            {"version": state.version, "error": state.error, "search_behind": state.search_behind, "same": same},
            ensure_ascii=False).encode())

    def _site_path(self, path: str) -> str:
        """`/articles/x/` -> `articles/x/index.html`: the site path of a page's address."""
        local = unquote(path).lstrip("/")
        return local + "index.html" if local.endswith("/") or not local else local

    def _reply(self, reply: Reply) -> None:
        """A desk answer, as is: no reload script, which would throw away a form being filled in."""
        body = reply.body
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _html_file(self, path: str) -> Path | None:
        """The HTML file a request is for, or None when it is not a page (assets, redirects, 404s)."""
        local = Path(self.translate_path(path))
        if path.endswith("/"):
            local = local / "index.html"
        if local.suffix != ".html":
            return None
        if not local.is_file() and self.preview.out.is_dir():
            return None  # a real 404 of a built site
        return local

    def _inject(self, html: bytes) -> bytes:
        tag = (f'<script src="{PREFIX}client.js" data-version="{self.preview.status().version}" '
               f'data-digest="{page_digest(html)}"></script>').encode()
        matches = list(BODY_END_RE.finditer(html))
        if not matches:
            return html + tag
        at = matches[-1].start()
        return html[:at] + tag + html[at:]

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        # Assets too: a rebuilt stylesheet must not come from the browser's cache.
        if not any(b"Cache-Control" in line for line in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal is for build output; request lines would drown it (polling)


def serve(root: Path, port: int = 8000, reporter: Reporter | None = None, out: Path | None = None,
          site_url: str | None = None, options: BuildOptions | None = None) -> int:
    """`build.py serve`: run until Ctrl-C. Exit status 0, or 1 when the port is taken."""
    reporter = reporter or Reporter()
    try:
        preview = PreviewServer(root, port=port, reporter=reporter, out=out, site_url=site_url, options=options)
    except OSError as exc:
        reporter.error(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}; try --port {port + 1}")
        return 1
    preview.start()
    shown = ", ".join(_shown(d, preview.root) for d in preview.watched_dirs())
    reporter.info(f"serving {preview.url} (watching {shown}); Ctrl-C stops")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        reporter.info("stopped")
    finally:
        preview.stop()
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)

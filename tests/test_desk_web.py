"""The desk in the live preview, over HTTP (fuling/desk/web.py through the preview server):
its pages, a save that goes through, and the saves it refuses (another site's post,
a stale form, a malformed value), each leaving the fact file as it was."""
from __future__ import annotations

import re
import shutil
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from html import unescape
from pathlib import Path

import pytest

from fuling.core.reporter import MemoryReporter
from fuling.load.site import load_site
from fuling.preview.server import PreviewServer

FIXTURE = Path(__file__).parent / "fixtures" / "mini"
TC = "content/facts/three-changes.yaml"
PROPOSAL = "industrial-value-added-growth-2021"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def preview(project):
    server = PreviewServer(project, port=0, reporter=MemoryReporter(), debounce=0.1, build=lambda: None)
    server.start()
    yield server
    server.stop()


def request(server, path, data: dict | None = None, headers: dict | None = None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(server.url + path.lstrip("/"), data=body, headers=headers or {})
    if body is not None and not req.has_header("Content-type"):
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with OPENER.open(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as failure:
        return failure.code, dict(failure.headers), failure.read().decode("utf-8")


def form_of(server, fact_id: str) -> tuple[dict, str]:
    """The record's form as the desk page serves it (hidden fields and values), and the cookie."""
    code, headers, html = request(server, "/__desk/article/three-changes")
    assert code == 200
    cookie = headers["Set-Cookie"].split(";")[0]
    block = html[html.index(f'id="rec-{fact_id}"'):]
    block = block[: block.index("</form>")]
    fields = {name: unescape(value) for name, value in re.findall(r'<input[^>]*name="(\w+)" value="([^"]*)"', block)}
    fields.update({name: unescape(value) for name, value in
                   re.findall(r'<select name="(\w+)">.*?<option selected>([^<]*)</option>', block, re.S)})
    return fields, cookie


def test_the_desk_listens_on_this_machine_only(preview):
    assert preview.httpd.server_address[0] == "127.0.0.1"


def test_the_index_lists_articles_with_waiting_proposals_first_and_sets_a_strict_cookie(preview):
    code, headers, html = request(preview, "/__desk/")
    assert code == 200
    assert html.index("three-changes") < html.index("new-productive-forces")
    assert "SameSite=Strict" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "__preview/client.js" not in html  # a rebuild must not reload a form being filled in


def test_the_article_page_marks_each_quote_beside_its_record(preview):
    code, _, html = request(preview, "/__desk/article/three-changes")
    assert code == 200
    assert f'<mark id="q-{PROPOSAL}"><a href="#rec-{PROPOSAL}">' in html
    assert f'id="rec-{PROPOSAL}"' in html and "待审" in html
    assert '<option value="industrial_output">规上工业产值</option>' in html  # metrics to pick from


def test_a_number_opens_its_record(preview):
    code, headers, _ = request(preview, f"/__desk/fact/{PROPOSAL}")
    assert code == 303 and headers["Location"] == f"/__desk/article/three-changes#rec-{PROPOSAL}"
    assert request(preview, "/__desk/fact/no-such-fact")[0] == 404


def test_accepting_with_a_corrected_field_saves_and_publishes(preview, project):
    fields, cookie = form_of(preview, PROPOSAL)
    fields.update(period="2021-01/2021-06", action="accept")
    code, headers, _ = request(preview, "/__desk/save", fields, {"Cookie": cookie, "Origin": preview.url.rstrip("/")})
    assert code == 303 and headers["Location"].startswith("/__desk/article/three-changes?saved=")
    fact = load_site(project).facts[PROPOSAL]
    assert fact.period == "2021-01/2021-06" and fact.reviewed


def test_rejecting_from_the_desk(preview, project):
    fields, cookie = form_of(preview, PROPOSAL)
    fields.update(action="reject", reason="重复")
    assert request(preview, "/__desk/save", fields, {"Cookie": cookie})[0] == 303
    assert "  rejected: 重复\n" in (project / TC).read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["no cookie", "another origin", "wrong token", "not a form"])
def test_a_save_another_site_could_send_is_refused_and_writes_nothing(preview, project, case):
    fields, cookie = form_of(preview, PROPOSAL)
    fields["action"] = "accept"
    headers = {"Cookie": cookie}
    if case == "no cookie":
        headers = {}  # a SameSite=Strict cookie is not sent with another site's form
    elif case == "another origin":
        headers["Origin"] = "http://attacker.example"
    elif case == "wrong token":
        fields["token"] = "guessed"
        headers = {"Cookie": "fuling_desk=guessed"}
    elif case == "not a form":
        headers["Content-Type"] = "text/plain"
    before = (project / TC).read_bytes()
    code, _, text = request(preview, "/__desk/save", fields, headers)
    assert code == 403 and text.startswith("refused:")
    assert (project / TC).read_bytes() == before


def test_a_stale_save_is_refused_and_the_other_change_kept(preview, project):
    fields, cookie = form_of(preview, PROPOSAL)
    path = project / TC
    path.write_text(path.read_text(encoding="utf-8") + "# 另一位编辑刚加的备注\n", encoding="utf-8")
    before = path.read_bytes()
    fields["action"] = "accept"
    code, _, html = request(preview, "/__desk/save", fields, {"Cookie": cookie})
    assert code == 409 and "changed since you opened" in html
    assert path.read_bytes() == before


def test_a_malformed_value_is_named_on_the_page_and_touches_no_file(preview, project):
    fields, cookie = form_of(preview, PROPOSAL)
    fields.update(action="accept", value="十三")
    before = (project / TC).read_bytes()
    code, _, html = request(preview, "/__desk/save", fields, {"Cookie": cookie})
    assert code == 400 and "is not a number" in unescape(html)
    assert 'value="十三"' in html  # what the editor typed is still in the form
    assert (project / TC).read_bytes() == before


def test_a_tab_closed_while_its_page_is_sent_prints_no_traceback(preview, capfd):
    preview.out.mkdir(parents=True, exist_ok=True)
    (preview.out / "big.html").write_bytes(b"<html><body>" + b"x" * 8_000_000 + b"</body></html>")
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", preview.port)) as sock:
            sock.sendall(b"GET /big.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            sock.recv(100)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset on close
    time.sleep(0.5)
    assert "Traceback" not in capfd.readouterr().err


def test_a_drafted_metric_is_adopted_from_the_desk_index(preview, project):
    from fuling.extract.project import extract_all

    article = project / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n全区接待游客1200万人次，同比增长8%。 {#p4}\n", encoding="utf-8")
    extract_all(project)
    code, headers, html = request(preview, "/__desk/")
    assert code == 200 and 'id="draft-tourist_arrivals"' in html and "全区接待游客1200万人次" in html
    cookie = headers["Set-Cookie"].split(";")[0]
    form = {"token": preview.desk.token, "draft": "tourist_arrivals", "key": "tourist_arrivals", "label": "接待游客",
            "label_en": "", "unit": "万人次", "theme": "nowhere", "definition": ""}
    code, _, html = request(preview, "/__desk/metric", form, {"Cookie": cookie})
    assert code == 400 and "is not a theme" in unescape(html)
    form["theme"] = "industry"
    assert request(preview, "/__desk/metric", {**form, "token": "guessed"}, {"Cookie": cookie})[0] == 403
    code, headers, _ = request(preview, "/__desk/metric", form, {"Cookie": cookie})
    assert code == 303 and headers["Location"] == "/__desk/?saved=tourist_arrivals"
    assert "tourist-arrivals-2021" in load_site(project).waiting


def test_a_fact_file_the_desk_cannot_keep_is_named_not_a_crash(preview, project):
    (project / "content" / "facts" / "odd.yaml").write_text("- id: x\n  value: 1\n -  unit: 个\n", encoding="utf-8")
    code, _, html = request(preview, "/__desk/")
    assert code == 409 and "content/facts/odd.yaml" in html


def test_an_alias_bomb_in_a_fact_file_is_refused_by_the_desk_in_bounded_time(preview, project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    (project / "content" / "facts" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    started = time.monotonic()
    code, _, html = request(preview, "/__desk/")
    assert code == 409 and "content/facts/bomb.yaml" in html
    assert time.monotonic() - started < 5


def test_a_drafted_metric_is_filed_under_a_catalogue_metric_from_the_desk_index(preview, project):
    from fuling.extract.project import extract_all

    article = project / "content" / "articles" / "three-changes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n截至去年底，全区高企总数达到350户。 {#p5}\n", encoding="utf-8")
    extract_all(project)
    code, headers, html = request(preview, "/__desk/")
    (draft,) = re.findall(r'id="draft-(draft_[0-9a-f]+)"', html)
    assert '<option value="high_tech_enterprises">' in html  # the catalogue, to pick from as one types
    cookie = headers["Set-Cookie"].split(";")[0]
    form = {"token": preview.desk.token, "draft": draft, "existing": "industrial_output"}
    code, _, html = request(preview, "/__desk/metric", form, {"Cookie": cookie})
    assert code == 400 and "cannot measure 'industrial_output'" in unescape(html)
    code, headers, _ = request(preview, "/__desk/metric", {**form, "existing": "high_tech_enterprises"}, {"Cookie": cookie})
    assert code == 303 and headers["Location"] == "/__desk/?filed=high_tech_enterprises"
    assert load_site(project).metrics["high_tech_enterprises"].words == ("高企总数",)
    code, _, html = request(preview, headers["Location"])
    assert "已记在指标 high_tech_enterprises 下" in html and "draft-" + draft not in html

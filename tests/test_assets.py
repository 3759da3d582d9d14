"""The publishing step (fuling/outputs/publish.py): content-hashed asset names, the
manifest, the stable embed.js, the reference check and the pre-compressed
copies; then the same on a real build of the mini project."""
from __future__ import annotations

import gzip
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from fuling.core.errors import BuildError
from fuling.outputs.publish import (
    MANIFEST,
    check_references,
    fingerprint,
    hashed_name,
    precompress,
    publish,
)

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
HASHED = re.compile(r"^assets/(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<ext>\.[a-z0-9]+)$")

CSS = b"body { color: #222; }\n" * 80  # 1.8 KB: above the compression threshold
PLOTLY = b"/* plotly */ var Plotly = {};\n" * 200


def site_files() -> dict[str, bytes]:
    page = (b'<!doctype html><html><head><link rel="stylesheet" href="assets/site.css"></head>'
            b'<body><p>' + "涪陵规上工业产值2471亿元。".encode() * 100 + b"</p></body></html>")
    return {
        "index.html": page,
        "charts/industrial-output/index.html": page,
        "assets/site.css": CSS,
        "assets/plotly.min.js": PLOTLY,
        "assets/embed.js": b"(function(){/* resizer */})();\n" * 60,
        "assets/favicon.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        "data/facts.csv": "\ufeffid,value\nindustrial-output-2023,2471\n".encode() * 60,
        "data/facts.json": b'{"facts": []}',
        "data/facts.db": b"SQLite format 3\x00" + bytes(4000),
        "feed.xml": b"<feed/>",
    }


# ------------------------------------------------------------ hashed names


def test_hashed_name_puts_the_content_hash_before_the_extension():
    name = hashed_name("assets/plotly.min.js", PLOTLY)
    match = HASHED.match(name)
    assert match, name
    assert match["stem"] == "plotly.min" and match["ext"] == ".js"


def test_hashed_name_changes_with_the_bytes_and_only_with_them():
    assert hashed_name("assets/site.css", CSS) == hashed_name("assets/site.css", bytes(CSS))
    assert hashed_name("assets/site.css", CSS) != hashed_name("assets/site.css", CSS + b"a{}")


def test_pages_and_data_files_keep_their_names():
    for path in ("index.html", "data/facts.csv", "data/facts.json", "data/facts.db", "feed.xml", MANIFEST):
        assert hashed_name(path, b"x") == path


def test_fingerprint_renames_assets_and_records_each_in_the_manifest():
    files = site_files()
    out, manifest = fingerprint(files)
    logical = {p for p in files if p.startswith("assets/")}
    assert set(manifest.names) == logical
    for name, hashed in manifest.names.items():
        assert HASHED.match(hashed), hashed
        assert out[hashed] == files[name]
    assert json.loads(out[MANIFEST]) == manifest.names
    for path in ("index.html", "data/facts.csv", "data/facts.db", "feed.xml"):
        assert out[path] == files[path]


def test_only_embed_js_keeps_its_plain_name_beside_the_hashed_one():
    out, manifest = fingerprint(site_files())
    # Pasted into other newsrooms' pages: must survive every rebuild.
    assert out["assets/embed.js"] == out[manifest.names["assets/embed.js"]]
    for stale in ("assets/site.css", "assets/plotly.min.js", "assets/favicon.svg"):
        assert stale not in out


# ------------------------------------------------------------ reference check


def test_a_page_naming_an_asset_by_its_plain_name_is_refused_with_page_and_line():
    files = site_files()
    files["about/index.html"] = b'<!doctype html>\n<html>\n<script src="../assets/plotly.min.js"></script>\n</html>'
    with pytest.raises(BuildError) as failure:
        publish(files)
    messages = [str(e) for e in failure.value.errors]
    assert any(m.startswith("site/about/index.html:3:") and "../assets/plotly.min.js" in m for m in messages), messages


def test_references_through_hashed_names_pass_the_check():
    files = site_files()
    css = hashed_name("assets/site.css", CSS)
    page = f'<link rel="stylesheet" href="../../{css}"><script src="../../assets/embed.js"></script>'.encode()
    files["charts/industrial-output/index.html"] = page
    files["index.html"] = f'<link rel="stylesheet" href="{css}">'.encode()
    renamed, _ = fingerprint(files)
    assert check_references(renamed) == []


def test_a_stylesheet_url_to_a_missing_asset_is_refused():
    files = {"index.html": b"<!doctype html><p>front page</p>",
             "assets/site.css": CSS + b"\n.logo { background: url(\"logo.svg\"); }\n@font-face { src: url(fonts/a.woff2); }"}
    renamed, _ = fingerprint(files)
    messages = [str(e) for e in check_references(renamed)]
    assert len(messages) == 0  # url() relative to the stylesheet, not naming assets/: not this check's business
    files["index.html"] += b'<style>.x { background: url(assets/missing.png); }</style>'
    renamed, _ = fingerprint(files)
    messages = [str(e) for e in check_references(renamed)]
    assert len(messages) == 1 and "assets/missing.png" in messages[0] and messages[0].startswith("site/index.html:1:")


def test_the_word_assets_in_text_is_not_a_reference():
    files = {"a.html": b"<p>assets/site.css is where the stylesheet lives.</p><code>href: assets/x.js</code>"}
    assert check_references(files) == []


def test_absolute_urls_in_embed_codes_are_not_taken_for_files():
    files = {"a.html": b'<script async src="https://news.example.cn/data/fuling/assets/embed.js"></script>'}
    assert check_references(files) == []


# ------------------------------------------------------------ compression


def test_text_files_over_1_kb_get_gzip_and_brotli_copies_of_the_same_bytes():
    files = site_files()
    out = precompress(files)
    for path in ("index.html", "assets/site.css", "assets/plotly.min.js", "data/facts.csv", "data/facts.db"):
        assert gzip.decompress(out[path + ".gz"]) == files[path], path
        assert brotli.decompress(out[path + ".br"]) == files[path], path
        assert len(out[path + ".gz"]) < len(files[path])


def test_small_files_are_not_compressed():
    out = precompress(site_files())
    for path in ("assets/favicon.svg", "data/facts.json", "feed.xml"):
        assert path + ".gz" not in out and path + ".br" not in out


def test_compressed_copies_are_byte_identical_between_builds():
    first, second = precompress(site_files()), precompress(site_files())
    assert first["index.html.gz"] == second["index.html.gz"]
    assert first["index.html.br"] == second["index.html.br"]
    assert first["index.html.gz"][4:8] == b"\x00\x00\x00\x00"  # gzip header mtime: none


# ------------------------------------------------------------ on a real build


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.refs.append(attrs["src"])
        if tag == "script" and attrs.get("data-plotly-src"):  # charts.js fetches plotly.js from here
            self.refs.append(attrs["data-plotly-src"])
        if tag == "link" and attrs.get("href"):
            self.refs.append(attrs["href"])


def page_refs(html: bytes) -> list[str]:
    parser = _Refs()
    parser.feed(html.decode("utf-8"))
    return parser.refs


def build(out: Path, templates: Path | None = None) -> dict[str, bytes]:
    from fuling.build.pipeline import build_site
    from fuling.core.reporter import Reporter

    build_site(MINI, out, reporter=Reporter(quiet=True), templates_dir=templates)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    return build(tmp_path_factory.mktemp("assets") / "site")


def test_built_pages_load_every_stylesheet_and_script_under_its_hashed_name(built):
    manifest = json.loads(built[MANIFEST])
    seen = set()
    for path, data in built.items():
        if not path.endswith(".html"):
            continue
        depth = path.count("/")
        for ref in page_refs(data):
            if "://" in ref:
                continue
            target = ref[3 * depth:] if ref.startswith("../" * depth) else ref
            if "assets/" in target:
                assert HASHED.match(target), f"{path}: {ref}"
                assert target in built, f"{path}: {ref} is not in the site"
                seen.add(target)
    assert {manifest["assets/site.css"], manifest["assets/plotly.min.js"], manifest["assets/charts.js"]} <= seen


def test_the_manifest_names_the_hashed_file_of_each_asset_with_its_bytes(built):
    manifest = json.loads(built[MANIFEST])
    assert manifest, "empty manifest"
    for hashed in manifest.values():
        match = HASHED.match(hashed)
        assert match and hashed in built
        import hashlib
        assert hashlib.sha256(built[hashed]).hexdigest().startswith(match["hash"])
    assert built["assets/embed.js"] == built[manifest["assets/embed.js"]]


def test_a_changed_stylesheet_gets_a_new_name_and_pages_follow(tmp_path, built, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")  # the stylesheet's names are read, no picture
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    with (templates / "assets" / "site.css").open("a", encoding="utf-8") as css:
        css.write("\n.changed-for-test { color: #000; }\n")
    # plotly.js is found beside the templates (node_modules/); link it in.
    if (ROOT / "node_modules").is_dir():
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    rebuilt = build(tmp_path / "site", templates)
    old, new = json.loads(built[MANIFEST])["assets/site.css"], json.loads(rebuilt[MANIFEST])["assets/site.css"]
    assert old != new
    assert old not in rebuilt and new in rebuilt
    assert f"../{new}".encode() in rebuilt["facts/index.html"]
    assert b".changed-for-test" in rebuilt[new]


def test_the_build_writes_compressed_copies_of_large_pages_and_assets(built):
    manifest = json.loads(built[MANIFEST])
    plotly = manifest["assets/plotly.min.js"]
    assert gzip.decompress(built[plotly + ".gz"]) == built[plotly]
    assert brotli.decompress(built[plotly + ".br"]) == built[plotly]
    assert gzip.decompress(built["facts/index.html.gz"]) == built["facts/index.html"]

"""Hostile and broken content files: each is refused as `path:line: field: what is wrong`,
in bounded time and memory, before anything is built.

Each case copies the mini fixture, writes one bad thing into one file and checks
the error; the expected line is found by searching the edited file for the text
written, independently of the loader.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from fuling.cli import main
from fuling.core.errors import BuildError
from fuling.load.site import load_site

MINI = Path(__file__).parent / "fixtures" / "mini"
ARTICLE = "content/articles/three-changes.md"
FACTS = "content/facts/three-changes.yaml"
CHART = "content/charts/industrial-output.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def write_in(root: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` by `new` in `rel`; the line where `new` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    start = text.index(old)
    path.write_text(text[:start] + new + text[start + len(old):], encoding="utf-8")
    return text.count("\n", 0, start) + 1


def load_errors(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_site(root)
    return [str(e) for e in caught.value.errors]


def alias_bomb(anchor: str) -> str:
    """Nine lists of nine lists … : a few hundred bytes that expand to 9^10 values."""
    levels = [f"&a0 [{', '.join(['x'] * 9)}]"]
    levels += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 11)]
    return f"{anchor}\n" + "\n".join(f"    - {level}" for level in levels)


# (file, text there, what to write instead, the field named, words the message must hold)
CASES = {
    "alias bomb": (FACTS, "  note: ", "  note:" + alias_bomb("") + "\n  subject_note: ", "", "aliases"),
    "200-deep nesting": (FACTS, "unit: 亿元", "unit: " + "[" * 200 + "]" * 200, "", "nested more than 32 levels"),
    "200-deep nesting in front matter": (ARTICLE, "kicker: 涪陵", "kicker: " + "{a: " * 200 + "x" + "}" * 200, "",
                                         "nested more than 32 levels"),
    "a 400-digit integer": (FACTS, "value: 2000", "value: " + "9" * 400, "value", "400 digits"),
    "a 5000-digit integer": (FACTS, "value: 2000", "value: " + "7" * 5000, "value", "5000 digits"),
    "1.5e308 in a chart": (FACTS, "value: 2000", "value: 1.5e+308", "value", "larger than any figure"),
    "year 0000": (ARTICLE, "date: 2022-03-01", "date: 0000-03-01", "date", "not a date of the calendar"),
    "30 February": (ARTICLE, "date: 2022-03-01", "date: 2022-02-30", "date", "not a date of the calendar"),
    "30 February in a correction": (
        "content/facts/new-productive-forces.yaml", "date: 2024-03-05", "date: 2024-02-30", "corrections.date",
        "not a date of the calendar"),
    "a date with a time": (ARTICLE, "date: 2022-03-01", "date: 2022-03-01 08:30:00", "date", "has a time of day"),
    "a kicker that looks like a timestamp": (ARTICLE, "kicker: 涪陵", "kicker: 2022-03-01 08:30:00", "kicker",
                                             "put it in quotes"),
    "a number for the authors": (ARTICLE, "authors: [赵童, 刘玉珮, 董楠]", "authors: 12", "authors", "must be a list"),
    "a number among the tags": (ARTICLE, "tags: [industry]", "tags: [industry, 7]", "tags", "item 2 must be text"),
    "a number for the captions": (ARTICLE, "captions:\n  - text: 涪陵高新区\n    credit: 图片由涪陵区委宣传部提供",
                                  "captions: 3", "captions", "must be a list of captions"),
    "a mapping for a caption's text": (ARTICLE, "  - text: 涪陵高新区", "  - text: {a: 1}", "captions",
                                       "caption 1 must be text"),
    "a number for the title": (ARTICLE, "title: 笃行不怠建新功", "title: 2024", "title", "put it in quotes"),
    "a list for the title": (ARTICLE, "title: 笃行不怠建新功", "title: [笃行, 不怠]", "title", "must be text"),
    "a front-matter key given twice": (ARTICLE, "place: 涪陵区", "kicker: 重庆", "kicker", "twice"),
    "a YAML 1.1 octal number": (FACTS, "value: 2000", "value: 02000", "value", "octal"),
    "a YAML 1.1 sexagesimal number": (FACTS, "value: 2000", "value: 20:00", "value", "base-60"),
    "a sexagesimal kicker": (ARTICLE, "kicker: 涪陵", "kicker: 10:30", "kicker", "base-60"),
    "a control character in a title": (ARTICLE, "title: 笃行不怠建新功", 'title: "笃行\\x07不怠建新功"', "title",
                                       "control character U+0007"),
    "an escape sequence in a chart title": (CHART, "title: 涪陵规上工业产值", 'title: "涪陵\\e[31m规上"', "title",
                                            "control character U+001B"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_value_is_a_content_error_naming_its_line(root, case):
    rel, old, new, field, words = CASES[case]
    line = write_in(root, rel, old, new)
    started = time.monotonic()
    found = load_errors(root)
    assert time.monotonic() - started < 5
    prefix = f"{rel}:{line}: {field}: " if field else f"{rel}:"
    matching = [e for e in found if e.startswith(prefix) and words in e]
    assert matching, f"no error starting {prefix!r} with {words!r} in {found}"
    if not field:  # a shape refused as a whole still names the line it starts on
        assert any(e.split(":")[1].isdigit() and int(e.split(":")[1]) >= line for e in matching), matching


@pytest.mark.parametrize("rel", [ARTICLE, FACTS])
def test_a_byte_order_mark_is_named(root, rel):
    path = root / rel
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert f"{rel}:1: starts with a byte-order mark (U+FEFF); save the file as UTF-8 without BOM" in load_errors(root)


def test_a_file_larger_than_any_content_file_is_refused_unread(root, monkeypatch):
    from fuling.core import yamlread

    monkeypatch.setattr(yamlread, "MAX_FILE_BYTES", 4096)
    path = root / FACTS
    path.write_text(path.read_text(encoding="utf-8") + "# " + "x" * 5000 + "\n", encoding="utf-8")
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read") if self == path
                        else read_bytes(self))
    found = load_errors(root)
    assert any(e.startswith(f"{FACTS}: is 0 MB, more than any content file may be") for e in found), found


@pytest.mark.parametrize("rel", [FACTS, ARTICLE])
def test_more_yaml_than_any_content_file_holds_is_refused_before_parsing(root, monkeypatch, rel):
    from fuling.core import yamlread

    monkeypatch.setattr(yamlread, "MAX_YAML_CHARS", 2048)
    anchor = "  note: " if rel == FACTS else "kicker: 涪陵"
    line = write_in(root, rel, anchor, anchor + "[" + "1," * 1500 + "1]\n" + ("  " if rel == FACTS else "") + "x_: ")
    found = load_errors(root)
    first = 1 if rel == FACTS else 2
    assert any(e.startswith(f"{rel}:{first}: holds ") and "K characters of YAML, more than 2 K" in e for e in found), \
        (found, line)


def test_a_yaml_11_number_in_quotes_is_text(root):
    write_in(root, ARTICLE, "kicker: 涪陵", "kicker: '10:30'")
    assert load_site(root).articles["three-changes"].kicker == "10:30"


def test_a_hostile_value_fails_the_build_and_keeps_the_previous_site(root, monkeypatch, capsys):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    assert main(["--root", str(root), "build"]) == 0
    before = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    line = write_in(root, FACTS, "  note: ", "  note:" + alias_bomb("") + "\n  subject_note: ")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert f"{FACTS}:" in err and "aliases" in err and "Traceback" not in err
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == before
    assert line > 0


# --- entries of content/ -----------------------------------------------------------------

SECRET = "PASSWORD-OF-THE-NEWSROOM-7f3a"


def make_loop(root: Path) -> tuple[str, str]:
    os.symlink("loop.md", root / "content/articles/loop.md")
    return "content/articles/loop.md", "loops back on itself"


def make_dangling(root: Path) -> tuple[str, str]:
    os.symlink("gone-for-good.md", root / "content/articles/gone.md")
    return "content/articles/gone.md", "a file that does not exist"


def make_outside_link(root: Path) -> tuple[str, str]:
    outside = root.parent / "elsewhere.yaml"
    outside.write_text(f"title: [{SECRET}\n{SECRET}: {SECRET}\n", encoding="utf-8")
    os.symlink(outside, root / "content/charts/leak.yaml")
    return "content/charts/leak.yaml", "outside the project"


def make_outside_article(root: Path) -> tuple[str, str]:
    outside = root.parent / "elsewhere.md"
    outside.write_text(f"---\ntitle: {SECRET}\n---\n\n{SECRET} {{#p1}}\n", encoding="utf-8")
    os.symlink(outside, root / "content/articles/leak.md")
    return "content/articles/leak.md", "outside the project"


def make_upper_case_suffix(root: Path) -> tuple[str, str]:
    shutil.copy(root / ARTICLE, root / "content/articles/other.MD")
    return "content/articles/other.MD", "rename it to other.md"


def make_yml(root: Path) -> tuple[str, str]:
    shutil.copy(root / CHART, root / "content/charts/other.yml")
    return "content/charts/other.yml", "rename it to other.yaml"


def make_newline_name(root: Path) -> tuple[str, str]:
    shutil.copy(root / ARTICLE, root / "content/articles/three\nchanges.md")
    return "content/articles/three\\nchanges.md", "the file name holds a line break"


ENTRIES = {"a symbolic link that loops": make_loop, "a dangling link": make_dangling,
           "a link to a file outside the project": make_outside_link,
           "a link to an article outside the project": make_outside_article,
           "an .MD article": make_upper_case_suffix, "a .yml chart": make_yml,
           "a file name with a newline": make_newline_name}


@pytest.mark.parametrize("case", ENTRIES)
def test_a_content_entry_that_cannot_be_read_as_meant_is_named(root, case):
    rel, words = ENTRIES[case](root)
    found = load_errors(root)
    assert [e for e in found if e.startswith(f"{rel}: ") and words in e], found
    assert not any(SECRET in e for e in found), found
    assert all("\n" not in e for e in found), found


def test_a_link_inside_the_project_is_read(root):
    (root / "shared").mkdir()
    shutil.move(root / CHART, root / "shared/industrial-output.yaml")
    os.symlink("../../shared/industrial-output.yaml", root / CHART)
    assert "industrial-output" in load_site(root).charts


def unreadable(monkeypatch, folder: Path) -> None:
    """`folder` answers as a folder this user may not list (the tests run as root, who may)."""
    scandir = os.scandir

    def refusing(path="."):
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_an_unreadable_content_folder_fails_the_build_with_one_sentence(root, monkeypatch, capsys):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    assert main(["--root", str(root), "build"]) == 0
    before = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    unreadable(monkeypatch, root / "content/facts")
    capsys.readouterr()
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "error: content/facts: the folder cannot be read (Permission denied)" in err, err
    assert "Traceback" not in err and str(root) not in err and "unknown fact" not in err
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == before


def test_the_preview_overlay_names_an_unreadable_folder_without_traceback_or_machine_path(root, monkeypatch):
    from fuling.core.reporter import MemoryReporter
    from fuling.preview.server import PreviewServer

    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    server = PreviewServer(root, port=0, reporter=MemoryReporter(), debounce=0.1)
    try:
        assert server.rebuild() and server.status().error == ""
        unreadable(monkeypatch, root / "content/articles")
        assert not server.rebuild()
        error = server.status().error
        assert error.startswith("content/articles: the folder cannot be read (Permission denied)"), error
        assert "Traceback" not in error and str(root) not in error and "/tmp" not in error
    finally:
        server.httpd.server_close()


def test_links_to_folders_are_not_followed_so_a_loop_of_them_cannot_run_away(root, monkeypatch):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    for name in ("up", "up-again"):  # each leads back to content/: followed, 2^40 paths
        os.symlink("..", root / "content/articles" / name)
    started = time.monotonic()
    assert main(["--root", str(root), "build"]) == 0
    assert time.monotonic() - started < 30

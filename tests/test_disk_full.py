"""A full disk during a build: one line "disk full: …", exit 1, the previous site and the
build cache as they were, no temporary file left.

One end-to-end case builds on a real small tmpfs (mounted here: the tests run as root),
filled to leave a little room at different points of the build; the writes that are hard
to reach that way (the build cache, its temporary files, compiled templates) get the
error injected.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import types
from pathlib import Path

import pytest

from fuling.build.pipeline import build_site
from fuling.cli import main
from fuling.core import files
from fuling.core.errors import BuildError
from fuling.core.options import BuildOptions
from fuling.core.reporter import MemoryReporter

MINI = Path(__file__).parent / "fixtures" / "mini"
ARTICLE = "content/articles/three-changes.md"
NO_PICTURES = BuildOptions(chart_pictures=False)  # what is kept and put back here is the same with them

KEPT_STATE = (".cache/build-state.pickle", ".cache/parsed")  # the state, and the folder of the memo's shards


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def names(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def edit_title(root: Path) -> None:
    """An edit that changes many pages, so the rebuild has much to write."""
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 笃行不怠建新功", "title: 笃行不怠建新功（修订）", 1), encoding="utf-8")


def state_of(root: Path) -> dict[str, bytes]:
    paths = [root / KEPT_STATE[0], *sorted((root / KEPT_STATE[1]).glob("*.pickle"))]
    assert len(paths) > 1, "the memo is kept in shards"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in paths}


def leftovers(root: Path) -> list[str]:
    return sorted(n for n in names(root) if n.endswith((".tmp", ".new")) or "-staging-" in n or "-previous-" in n)


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs for the full-disk test (run the tests as root): {done.stderr.strip()}",
                    pytrace=False)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(mount: Path, leave: int) -> None:
    room = os.statvfs(mount)
    with open(mount / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, room.f_bavail * room.f_frsize - leave))


@pytest.mark.slow
@pytest.mark.parametrize("leave_kb", [0, 100, 300])  # full at once; in the data files; in the search index
def test_a_full_disk_ends_the_build_with_one_line_and_keeps_site_and_cache(small_disk, leave_kb, monkeypatch, capsys):
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    root = small_disk / "mini"
    shutil.copytree(MINI, root)
    assert main(["--root", str(root), "build"]) == 0
    site, state, before = digests(root / "site"), state_of(root), names(root)
    fill(small_disk, leave_kb * 1024)
    edit_title(root)
    capsys.readouterr()

    assert main(["--root", str(root), "build"]) == 1

    err = capsys.readouterr().err
    failures = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(failures) == 1 and failures[0].startswith("error: disk full: could not write "), err
    assert "No space left on device" in failures[0] and "Traceback" not in err and str(small_disk) not in err
    assert digests(root / "site") == site
    assert state_of(root) == state
    assert leftovers(root) == []
    # The search records Pagefind reads may be brought up to date; nothing else is new.
    assert {n for n in names(root) - before if not n.startswith(".cache/search-records")} == set()

    (small_disk / "filler").unlink()
    assert main(["--root", str(root), "build"]) == 0
    assert "（修订）" in (root / "site/articles/three-changes/index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FULING_CHART_PREVIEWS", "0")
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def fail_writes_of(monkeypatch, marker: str) -> None:
    """Writes through fuling.core.files to a temporary file whose name holds `marker` find no room."""
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        if marker in os.readlink(f"/proc/self/fd/{fd}"):
            def write(data):
                raise OSError(errno.ENOSPC, "No space left on device")
            handle.write = write
        return handle

    monkeypatch.setattr(files, "os", types.SimpleNamespace(**{**vars(os), "fdopen": fdopen}))


@pytest.mark.parametrize("marker", ["parsed/", "build-state.pickle"])  # a shard of the memo, or the state
def test_a_full_disk_while_saving_the_cache_puts_the_previous_site_back(project, monkeypatch, marker):
    build_site(project, project / "site", reporter=MemoryReporter(), options=NO_PICTURES)
    site, state = digests(project / "site"), state_of(project)
    edit_title(project)
    fail_writes_of(monkeypatch, marker)

    with pytest.raises(BuildError) as caught:
        build_site(project, project / "site", reporter=MemoryReporter(), options=NO_PICTURES)

    assert re.match(rf"disk full: could not write \.cache/{re.escape(marker)}(\w+\.pickle)? \(No space left on device\)",
                    str(caught.value))
    assert digests(project / "site") == site
    assert state_of(project) == state
    assert leftovers(project) == []

    monkeypatch.undo()
    build_site(project, project / "site", reporter=MemoryReporter(), options=NO_PICTURES)
    assert "（修订）" in (project / "site/articles/three-changes/index.html").read_text(encoding="utf-8")


def test_a_first_build_whose_cache_cannot_be_saved_leaves_no_site(project, monkeypatch):
    fail_writes_of(monkeypatch, "build-state.pickle")
    with pytest.raises(BuildError):
        build_site(project, project / "site", reporter=MemoryReporter())
    assert not (project / "site").exists()
    assert not (project / ".cache" / "build-state.pickle").exists() and leftovers(project) == []


def test_write_all_atomically_writes_every_file_or_none(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    first.write_bytes(b"old first")
    fail_writes_of(monkeypatch, "second")
    with pytest.raises(OSError) as caught:
        files.write_all_atomically({first: b"new first", second: b"new second"})
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(second)
    assert first.read_bytes() == b"old first" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first"]


def test_a_compiled_template_that_cannot_be_kept_does_not_fail_the_build(project, monkeypatch):
    import jinja2.bccache

    def no_room(self, handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", no_room)
    build_site(project, project / "site", reporter=MemoryReporter())
    assert (project / "site/index.html").exists()
    assert [p.name for p in (project / ".cache/jinja").iterdir()] == []

"""write_site: the whole site changes at once or not at all."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fuling.build import write
from fuling.build.write import recover, write_site
from fuling.core.reporter import MemoryReporter

OLD = {"index.html": b"<p>old</p>", "charts/a/index.html": b"old chart", "data/facts.csv": b"id\r\nold\r\n"}
NEW = {"index.html": b"<p>new</p>", "charts/a/index.html": b"new chart", "data/facts.csv": b"id\r\nold\r\n",
       "themes/industry/index.html": "工业".encode()}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(out: Path) -> list[str]:
    """Leftovers of a build beside the site (the lock file and the kept spare are expected)."""
    kept = {out.name, f".{out.name}.lock", f".{out.name}-spare"}
    return sorted(p.name for p in out.parent.iterdir() if p.name not in kept)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write_site(OLD, site)
    return site


def test_first_build_writes_exactly_the_files(tmp_path):
    write_site(NEW, tmp_path / "site")
    assert tree(tmp_path / "site") == NEW
    assert siblings(tmp_path / "site") == []


def test_rebuild_replaces_the_whole_site_and_drops_stale_pages(out):
    smaller = {"index.html": b"only"}
    write_site(smaller, out)
    assert tree(out) == smaller
    assert siblings(out) == []


def test_rebuild_with_identical_files_leaves_the_site_alone(out):
    inode = out.stat().st_ino
    stats = write_site(dict(OLD), out)
    assert stats.unchanged == len(OLD) and stats.written == 0
    assert out.stat().st_ino == inode  # not even swapped
    assert tree(out) == OLD


def test_a_file_changed_by_hand_in_the_site_is_rewritten(out):
    (out / "index.html").write_bytes(b"edited by hand")
    stats = write_site(OLD, out)
    assert stats.unchanged == 0 and stats.written == 1
    assert tree(out) == OLD


def test_an_extra_file_in_the_site_is_removed_by_the_next_build(out):
    (out / "stray.html").write_bytes(b"x")
    write_site(OLD, out)
    assert tree(out) == OLD


def test_unchanged_files_are_linked_not_rewritten(out):
    before = (out / "data/facts.csv").stat().st_ino
    stats = write_site(NEW, out)
    assert (out / "data/facts.csv").stat().st_ino == before
    assert stats.linked == 1 and stats.written == 3
    assert tree(out) == NEW


def test_a_linked_file_is_not_changed_by_the_next_build(out):
    write_site(NEW, out)
    kept = (out / "data/facts.csv").read_bytes()
    write_site({**NEW, "data/facts.csv": b"id\r\nnew\r\n"}, out)
    assert (out / "data/facts.csv").read_bytes() == b"id\r\nnew\r\n" != kept


def test_failure_while_staging_leaves_the_old_site_byte_identical(out):
    with pytest.raises(ValueError):
        write_site({**NEW, "../escape.html": b"x"}, out)  # the bad path is reached after other files were staged
    assert tree(out) == OLD
    assert siblings(out) == []


def test_full_disk_leaves_the_old_site_byte_identical(out, monkeypatch):
    real = write._write_file
    calls = []

    def write_file(path, data):
        calls.append(path)
        if len(calls) == 2:  # the disk fills up on the second file
            real(path, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(write, "_write_file", write_file)
    with pytest.raises(OSError) as caught:
        write_site(NEW, out, link_unchanged=False)
    assert caught.value.errno == errno.ENOSPC
    assert tree(out) == OLD
    assert siblings(out) == []


def test_failed_sync_to_disk_leaves_the_old_site(out, monkeypatch):
    def sync(path):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(write, "_sync_filesystem", sync)
    with pytest.raises(OSError):
        write_site(NEW, out)
    assert tree(out) == OLD
    assert siblings(out) == []


def test_ctrl_c_while_staging_leaves_the_old_site(out, monkeypatch):
    real = write._same_file

    def interrupted(path, data):
        if Path(path).name == "index.html" and "charts" not in Path(path).parts:
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(write, "_same_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site(NEW, out)
    assert tree(out) == OLD
    assert siblings(out) == []


def test_kill_between_the_two_renames_is_recovered_by_the_next_build(out):
    # what a kill -9 leaves after "site -> .site-previous-<pid>" and before "staging -> site"
    dead = 999999999
    os.rename(out, out.parent / f".site-previous-{dead}")
    staging = out.parent / f".site-staging-{dead}"
    (staging / "charts").mkdir(parents=True)
    (staging / "index.html").write_bytes(b"<p>half-written")
    assert not out.exists()

    reporter = MemoryReporter()
    recover(out, reporter)
    assert tree(out) == OLD
    assert siblings(out) == []
    assert "restored site/" in reporter.text


def test_write_site_recovers_before_building(out):
    os.rename(out, out.parent / ".site-previous-999999999")
    write_site(NEW, out)
    assert tree(out) == NEW
    assert siblings(out) == []


def test_staging_of_a_build_still_running_is_left_alone(out):
    running = out.parent / f".site-staging-{os.getppid()}"  # a live process that is not us
    running.mkdir()
    recover(out)
    assert running.exists()


def test_two_rename_fallback_swaps_the_site(out, monkeypatch):
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    write_site(NEW, out)
    assert tree(out) == NEW
    assert siblings(out) == []


def test_fallback_interrupted_at_the_second_rename_puts_the_old_site_back(out, monkeypatch):
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src).name.startswith(".site-staging-"):
            raise KeyboardInterrupt
        real_rename(src, dst)

    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        write_site(NEW, out)
    assert tree(out) == OLD
    assert siblings(out) == []


def test_atomic_exchange_is_used_where_the_system_has_it(out, monkeypatch):
    if write._libc_function("renameat2", []) is None:
        pytest.skip("no renameat2 on this system")
    used = []
    real = write._exchange
    monkeypatch.setattr(write, "_exchange", lambda a, b: used.append(real(a, b)) or used[-1])
    write_site(NEW, out)
    assert tree(out) == NEW
    assert used and isinstance(used[0], bool)


@pytest.mark.parametrize("name", ["/etc/passwd", "../x.html", "a/../../x.html", "dir/"])
def test_paths_outside_the_site_are_refused(tmp_path, name):
    with pytest.raises(ValueError):
        write_site({name: b"x"}, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_the_spare_site_is_brought_up_to_date_build_after_build(tmp_path):
    import random

    out = tmp_path / "site"
    rng = random.Random(7)
    names = [f"articles/a{i}/index.html" for i in range(12)] + ["index.html", "data/facts.csv"]
    for build in range(8):
        files = {n: f"{n} v{rng.randint(0, 2)}".encode() for n in names if rng.random() < 0.8}
        write_site(files, out)
        assert tree(out) == files, f"build {build}"
        assert siblings(out) == []
    assert (tmp_path / ".site-spare").is_dir()


def test_updating_the_spare_never_touches_the_served_site(out, monkeypatch):
    write_site(NEW, out)  # OLD is now the spare; unchanged files are shared between the two
    served = tree(out)
    seen = []
    real = write._sync_filesystem

    def check_then_sync(path):
        seen.append(tree(out))  # the moment before the swap: the served site must be untouched
        real(path)

    monkeypatch.setattr(write, "_sync_filesystem", check_then_sync)
    third = {name: data + b" v3" for name, data in NEW.items()}
    write_site(third, out)
    assert seen == [served]
    assert tree(out) == third


def test_spare_with_junk_left_by_a_kill_is_cleaned_by_comparison(out):
    write_site(NEW, out)
    spare = out.parent / ".site-spare"
    (spare / "index.html").write_bytes(b"half")
    (spare / "junk").mkdir()
    (spare / "junk" / "x.html").write_bytes(b"x")
    third = dict(OLD)
    write_site(third, out)
    assert tree(out) == third


def test_write_without_reuse_keeps_no_spare_contents(out):
    stats = write_site(NEW, out, link_unchanged=False)
    assert stats.written == len(NEW) and stats.linked == 0
    assert tree(out) == NEW


KILL_SCRIPT = """
import sys
from pathlib import Path
from fuling.build.write import write_site
version = sys.argv[2]
files = {f"articles/a{i}/index.html": f"{version} page {i} ".encode() * 200 for i in range(1500)}
files["index.html"] = version.encode()
write_site(files, Path(sys.argv[1]))
"""


def versions_of(out: Path) -> set[str]:
    return {data.split(b" ")[0].decode() for data in tree(out).values()}


@pytest.fixture(scope="module")
def full_write_seconds(tmp_path_factory) -> float:
    """How long the write below takes here, start-up included, so kills land inside it."""
    import subprocess
    import sys
    import time

    out = tmp_path_factory.mktemp("timing") / "site"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(out), "old"], check=True)
    return time.perf_counter() - started


@pytest.mark.parametrize("fraction", [0.5, 0.7, 0.85, 0.95, 1.1])
def test_kill_9_at_any_moment_leaves_one_whole_site(tmp_path, full_write_seconds, fraction):
    import signal
    import subprocess
    import sys
    import time

    from fuling.build.write import recover

    out = tmp_path / "site"
    subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(out), "old"], check=True)
    process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(out), "new"])
    time.sleep(full_write_seconds * fraction)
    process.send_signal(signal.SIGKILL)
    process.wait()
    recover(out)
    assert versions_of(out) in ({"old"}, {"new"})  # never a mix, never missing
    assert len(tree(out)) == 1501
    assert siblings(out) == []


@pytest.mark.parametrize("name", ["../x.html", "/etc/x", "a/../../x", "x/", "a//b.html", "./a.html", "a\\b.html", ""])
def test_output_path_outside_the_site_is_refused_before_anything_is_written(out, name):
    before = tree(out)
    with pytest.raises(ValueError, match="relative file path inside the site"):
        write_site({"index.html": b"new", name: b"x"}, out)
    assert tree(out) == before

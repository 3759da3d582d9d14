"""A stage run on a second core gives what it gives in this process, errors included."""
from __future__ import annotations

import os

import pytest

from fuling.core.errors import BuildError, ContentError
from fuling.core.parallel import in_background


def pages(n: int) -> dict[str, bytes]:
    return {f"articles/p{i}/index.html": f"<p>{i} · 涪陵</p>".encode() * 50 for i in range(n)}


def child_pid(_: int) -> int:
    return os.getpid()


def test_result_is_what_the_function_returns():
    job = in_background(pages, 300)
    assert job.result() == pages(300)


def test_work_really_happens_in_another_process():
    job = in_background(child_pid, 0)
    assert job.pid  # forked (2 cores, one thread here)
    assert job.result() != os.getpid()


def failing(errors: int) -> dict:
    raise BuildError([ContentError(f"content/facts/f{i}.yaml", 3, "value", "not a number") for i in range(errors)])


def test_an_error_in_the_child_is_raised_here_with_every_error():
    job = in_background(failing, 2)
    with pytest.raises(BuildError) as raised:
        job.result()
    assert [str(e) for e in raised.value.errors] == [
        "content/facts/f0.yaml:3: value: not a number",
        "content/facts/f1.yaml:3: value: not a number",
    ]


def test_serial_switch_runs_in_this_process():
    job = in_background(child_pid, 0, serial=True)
    assert job.pid == 0
    assert job.result() == os.getpid()


def test_cancel_stops_the_child():
    job = in_background(pages, 10)
    pid = job.pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: nothing left behind

"""Run one pure stage in a forked process while this one does another (the machine has 2+ cores).

`job = in_background(fn, *args)` forks; the child computes `fn(*args)` on a
copy-on-write view of the parent's memory, pickles the result down a pipe and
exits. `job.result()` returns it. Nothing about the output depends on this:
when fork is unavailable, unsafe (other threads are running, as in the live
preview) or the child fails for any reason, `result()` simply calls
`fn(*args)` here, so errors are raised exactly as in a sequential build.
"""
from __future__ import annotations

import os
import pickle
import threading
from typing import Any, Callable


def can_fork(serial: bool = False) -> bool:
    """A fork is safe only with no other thread running (a thread's locks would be copied held)."""
    return not serial and hasattr(os, "fork") and threading.active_count() == 1


class Job:
    def __init__(self, fn: Callable[..., Any], args: tuple, serial: bool = False):
        self.fn, self.args = fn, args
        self.done = False
        self.value: Any = None
        self.pid = 0
        self.read_fd = -1
        if (os.cpu_count() or 1) > 1 and can_fork(serial):
            self._fork()

    def _fork(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return
        if pid == 0:  # child: compute, send, leave without running the parent's cleanup
            status = 1
            try:
                os.close(read_fd)
                payload = pickle.dumps(self.fn(*self.args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(payload)
                status = 0
            except BaseException:
                pass
            finally:
                # _exit: no atexit handlers, no flushing of output buffered before the fork (the parent owns it)
                os._exit(status)
        os.close(write_fd)
        self.pid, self.read_fd = pid, read_fd

    def result(self):
        """The function's value; computed once, however often asked (the data page and the pipeline share it)."""
        if not self.done:
            self.value = self._collect()
            self.done = True
        return self.value

    def _collect(self):
        if self.pid:
            with os.fdopen(self.read_fd, "rb") as pipe:
                payload = pipe.read()
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            if os.waitstatus_to_exitcode(status) == 0 and payload:
                return pickle.loads(payload)
        return self.fn(*self.args)  # sequential, and the only place an error is raised

    def cancel(self) -> None:
        """Stop the child (the build failed elsewhere); safe to call more than once."""
        if self.pid:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            os.close(self.read_fd)
            self.pid = 0


def process_alive(pid: int) -> bool:
    """Whether a process of this number is running (left-over folders are named after theirs)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def in_background(fn: Callable[..., Any], *args, serial: bool = False) -> Job:
    """`fn(*args)` in a forked process, or here when `serial` (or no fork is possible)."""
    return Job(fn, args, serial)


def run_coroutine(make: Callable[[], Any]) -> Any:
    """`asyncio.run(make())`, also when called from inside a running event loop (a test
    driver, a server), where asyncio.run refuses to nest: then in a thread of its own."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()

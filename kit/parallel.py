"""Independent pieces of a build (one PDF to render and check, say) computed side by side in
processes forked from this one, when the machine has cores to spare.

A forked child sees the parent's memory as it is (the plans are not copied or pickled); only
its results travel back, pickled through a pipe. Where forking is not safe or not worth it
(one core, `KIT_JOBS=1`, not Linux, other threads running, a single item) the same function
runs as a plain loop: the results are the same bytes either way (tested).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many processes a build may use: KIT_JOBS if set, else the usable cores (Linux)."""
    wanted = os.environ.get("KIT_JOBS", "").strip()
    if wanted:
        try:
            return max(1, int(wanted))
        except ValueError:
            return 1
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return 1  # macOS system libraries are not fork-safe; Windows has no fork
    return len(os.sched_getaffinity(0))


#: on in a process busy with map_forked's items (a child, or the parent while it computes its
#: share): a map_forked inside them runs as a loop instead of forking again
_inside = False

#: the item numbers are written to a pipe before any process reads them: they must fit in its
#: buffer (64 KiB on Linux, 4 bytes a number); a build has a handful of files
_MOST_ITEMS = 4096


def map_forked(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(item) for item in items], shared between this process and forked children.

    Each process takes the next item not yet taken (from a pipe of item numbers written
    before the fork), so put the longest items first. An item whose child failed (an
    exception, a crash, an interruption) is computed again here, so that what the caller
    sees is the real exception, raised in its own process.
    """
    global _inside
    n = min(jobs(), len(items))
    if n < 2 or _inside or threading.active_count() > 1 or len(items) > _MOST_ITEMS:
        return [fn(item) for item in items]
    tasks, numbers = os.pipe()
    os.write(numbers, b"".join(i.to_bytes(4, "little") for i in range(len(items))))
    os.close(numbers)
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for _ in range(1, n):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: compute what it takes, send it, and leave at once
                os.close(read)
                for _, other in children:  # so that its writes fail if the parent is gone
                    os.close(other)
                _child(fn, items, tasks, write)
            os.close(write)
            children.append((pid, read))
        # the cores are taken: what the items do side by side inside runs one after the other
        _inside = True
        try:
            results: dict[int, R] = {i: fn(items[i]) for i in _taken(tasks)}
        finally:
            _inside = False
        while children:
            pid, read = children.pop(0)
            for i, outcome, value in _receive(pid, read) or ():
                if outcome == "ok":
                    results[i] = value
        # what a child took and did not bring back, computed here
        return [results[i] if i in results else fn(items[i]) for i in range(len(items))]
    finally:
        os.close(tasks)
        for pid, read in children:  # only when this process was interrupted or failed
            _stop(pid, read)


def _taken(tasks: int) -> Iterator[int]:
    """Item numbers from the shared pipe, each to the one process whose read got it (the
    numbers were all written before the fork: a 4-byte read is never split)."""
    while True:
        token = os.read(tasks, 4)
        if len(token) < 4:
            return
        yield int.from_bytes(token, "little")


def _child(fn: Callable, items: Sequence, tasks: int, write: int) -> None:
    """Never returns: whatever happens, the child ends here, without running the parent's
    exit handlers or flushing its output buffers."""
    global _inside
    code = 1
    _inside = True
    try:
        # an interruption is the parent's to handle: the child just stops
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        outcomes = []
        for i in _taken(tasks):
            try:
                outcomes.append((i, "ok", fn(items[i])))
            except Exception:
                outcomes.append((i, "error", None))
        data = pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)


def _receive(pid: int, read: int):
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        return pickle.loads(data)
    except Exception:
        return None


def _stop(pid: int, read: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    try:
        os.close(read)
    except OSError:
        pass

"""kit.parallel.map_forked: the plain loop's results, the real exception, no child left."""

from __future__ import annotations

import os
import time

import pytest

from kit import parallel
from kit.api import BuildOptions
from kit.load.deck import load_deck
from kit.products import BUILDERS

PARENT = os.getpid()


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def two_jobs(monkeypatch):
    monkeypatch.setenv("KIT_JOBS", "2")


def test_jobs_follows_kit_jobs(monkeypatch):
    for value, expected in (("1", 1), ("3", 3), ("0", 1), ("x", 1)):
        monkeypatch.setenv("KIT_JOBS", value)
        assert parallel.jobs() == expected
    monkeypatch.delenv("KIT_JOBS")
    assert parallel.jobs() >= 1


def _slowly(fn):
    """Items long enough for both processes to take some (the parent forks, then starts)."""
    def run(i):
        time.sleep(0.05)
        return fn(i)
    return run


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_are_the_loop_results_in_order_and_every_process_takes_some(monkeypatch, jobs):
    monkeypatch.setenv("KIT_JOBS", str(jobs))
    items = list(range(4 * jobs))
    results = parallel.map_forked(_slowly(lambda i: (i * i, os.getpid())), items)
    assert [r[0] for r in results] == [i * i for i in items]
    pids = {r[1] for r in results}
    assert PARENT in pids and len(pids) == jobs
    assert _no_child_left()


def test_each_item_is_computed_once(two_jobs, tmp_path):
    log = tmp_path / "log"

    def record(i):
        with log.open("a") as fh:
            fh.write(f"{i}\n")
        return i

    assert parallel.map_forked(_slowly(record), list(range(12))) == list(range(12))
    assert sorted(int(x) for x in log.read_text().split()) == list(range(12))


def test_an_error_in_a_child_is_raised_here_with_its_own_type(two_jobs):
    def fn(i):
        if i == 1:
            raise ValueError(f"item {i} in {'parent' if os.getpid() == PARENT else 'child'}")
        return i

    with pytest.raises(ValueError, match="item 1 in parent"):
        parallel.map_forked(_slowly(fn), [0, 1, 2])
    assert _no_child_left()


def test_a_child_that_dies_or_is_interrupted_is_made_up_for_here(two_jobs, tmp_path):
    trace = tmp_path / "after.txt"

    crashed = tmp_path / "crashed"

    def crash(i):
        if os.getpid() != PARENT:
            crashed.write_text(str(i))
            os._exit(3)
        return i

    def interrupted(i):
        if os.getpid() != PARENT:
            raise KeyboardInterrupt
        return i

    assert parallel.map_forked(_slowly(crash), [0, 1, 2, 3]) == [0, 1, 2, 3]
    assert crashed.exists()  # the child did take an item, and died with it
    assert parallel.map_forked(_slowly(interrupted), [0, 1, 2]) == [0, 1, 2]
    # the child never came back into this code
    with trace.open("a") as fh:
        fh.write(f"{os.getpid()}\n")
    assert trace.read_text() == f"{PARENT}\n"
    assert _no_child_left()


def test_one_item_or_one_job_is_a_plain_loop(monkeypatch):
    monkeypatch.setenv("KIT_JOBS", "1")
    assert parallel.map_forked(lambda i: os.getpid(), [0, 1, 2]) == [PARENT] * 3
    monkeypatch.setenv("KIT_JOBS", "2")
    assert parallel.map_forked(lambda i: os.getpid(), [0]) == [PARENT]


@pytest.mark.parametrize("profile", ["office", "press"])
def test_card_files_are_the_same_bytes_with_one_or_two_jobs(monkeypatch, profile):
    deck = load_deck("cooperation")
    options = BuildOptions(profile=profile, calibration=True)
    built = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("KIT_JOBS", jobs)
        built[jobs] = BUILDERS["cards"](deck, options)
    assert list(built["1"]) == list(built["2"])
    for name in built["1"]:
        assert bytes(built["1"][name]) == bytes(built["2"][name]), name
        assert built["1"][name].checked == built["2"][name].checked, name
    assert _no_child_left()


def test_a_map_forked_inside_the_items_runs_as_a_loop(monkeypatch):
    """The products made side by side each render their files: those renderings run one
    after the other in the process that took the product, never forking again (two cores,
    two processes)."""
    monkeypatch.setenv("KIT_JOBS", "2")

    def inner(i):
        return i, parallel.map_forked(lambda k: os.getpid(), [0, 1, 2])

    out = parallel.map_forked(inner, [0, 1])
    for _, pids in out:
        assert len(set(pids)) == 1  # all in the process that took the item
    assert not parallel._inside
    assert _no_child_left()


@pytest.mark.parametrize("profile", ["office", "press"])
def test_a_whole_build_is_the_same_with_one_or_two_jobs(monkeypatch, tmp_path, profile):
    """The map, the cards and the canvases made side by side: the same files, the same
    bytes and the same checks as one after the other."""
    from kit.api import build_deck

    built = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("KIT_JOBS", jobs)
        result = build_deck("cooperation", tmp_path / jobs, BuildOptions(profile=profile))
        root = tmp_path / jobs / "cooperation"
        built[jobs] = ({str(p.relative_to(root)): p.read_bytes()
                        for p in sorted(root.rglob("*")) if p.is_file()}, result.notes)
    files1, notes1 = built["1"]
    files2, notes2 = built["2"]
    assert files1.keys() == files2.keys() and len(files1) > 10
    assert [n for n in files1 if files1[n] != files2[n]] == []
    assert notes1 == notes2
    assert _no_child_left()

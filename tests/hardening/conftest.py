"""Hardening tests: hypothesis runs derandomized, so CI sees the same examples every time.

`HYPOTHESIS_PROFILE=explore pytest tests/hardening` draws fresh random examples, ten times as
many (see deckgen.examples), to look for new failures; one found that way is kept with
`@example(...)` or a case in tests/data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

SUPPRESSED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
              HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          suppress_health_check=SUPPRESSED, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None,
                          suppress_health_check=SUPPRESSED, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# -- one clean build of the default deck, in its own process, shared by the tests ------------


@dataclass
class CleanBuild:
    out: Path  # the --out folder; the files are in out/cooperation/
    seconds: float  # how long the whole command took
    files: dict[str, bytes]  # relative path → bytes
    pages: dict[str, int]  # relative path of each PDF → page count


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a `kit` subprocess: no SOURCE_DATE_EPOCH or KIT_DEBUG inherited."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "KIT_DEBUG")}
    env.update(extra)
    return env


def kit(*args: str) -> list[str]:
    return [sys.executable, "-m", "kit", *args]


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory) -> CleanBuild:
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("clean") / "out"
    started = time.perf_counter()
    # a fixed hash seed; the other process of test_reproducible uses another one
    run = subprocess.run(kit("build", "cooperation", "--out", str(out)), cwd=out.parent,
                         env=clean_env(PYTHONHASHSEED="0"), capture_output=True, text=True,
                         timeout=300)
    seconds = time.perf_counter() - started
    assert run.returncode == 0, run.stderr
    files = files_under(out / "cooperation")
    pages = {name: len(PdfReader(out / "cooperation" / name).pages)
             for name in files if name.endswith(".pdf")}
    return CleanBuild(out, seconds, files, pages)

"""Shared fixtures: real builds of the default decks, each made once per test session."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kit.api import BuildOptions, BuildResult, build_deck


@dataclass
class Built:
    """What one `kit build --only cards` wrote: its folder, its result and every file's bytes."""

    folder: Path
    result: BuildResult
    files: dict[str, bytes] = field(default_factory=dict)

    def __getitem__(self, name: str) -> bytes:
        return self.files[name]

    @property
    def cards(self) -> dict[str, bytes]:
        """The card files only (the build may add a printing guide beside them)."""
        return {n: d for n, d in self.files.items() if n.startswith("cards")}


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """build(deck_id, **BuildOptions fields) → Built, cached: each combination is built once."""
    cache: dict[tuple, Built] = {}

    def get(deck_id: str = "cooperation", **options) -> Built:
        key = (deck_id, BuildOptions(only=("cards",), **options))  # defaults spelt or not
        if key not in cache:
            out = tmp_path_factory.mktemp("out")
            result = build_deck(deck_id, out, BuildOptions(only=("cards",), **options))
            folder = out / deck_id
            files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
            cache[key] = Built(folder, result, files)
        return cache[key]

    return get


def _qpdf_checker():
    exe = shutil.which("qpdf")
    if exe is None:
        return None

    def check(data: bytes, tmp: Path, name: str = "file.pdf") -> str:
        path = tmp / name
        path.write_bytes(data)
        run = subprocess.run([exe, "--check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, f"{name}: qpdf --check failed\n{run.stdout}{run.stderr}"
        assert "No syntax or stream encoding errors found" in run.stdout, run.stdout
        return run.stdout

    return check


@pytest.fixture(scope="session")
def qpdf():
    """Runs `qpdf --check` on bytes; skips the test when qpdf is not installed."""
    check = _qpdf_checker()
    if check is None:
        pytest.skip("qpdf is not installed")
    return check


@pytest.fixture(scope="session")
def qpdf_if_installed():
    """The same check, or one that does nothing when qpdf is not installed."""
    return _qpdf_checker() or (lambda data, tmp, name="file.pdf": "")

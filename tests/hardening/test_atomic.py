"""Atomic outputs: everything is validated and laid out before the first byte is written; a
failing build leaves the previous outputs as they were; a build stopped by SIGINT or SIGTERM
at any moment leaves no temporary file and no truncated PDF."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import clean_env, files_under, kit
from deckgen import write_yaml
from pypdf import PdfReader

from kit import finish, products
from kit.api import BuildOptions, build_deck
from kit.errors import Diagnostic, KitError, Loc
from kit.outputs import MANIFEST

DECK = {"kit": "1", "id": "petit", "title": "Petit deck", "language": "fr",
        "stages": [{"id": "depart", "title": "Départ", "text": "On part."},
                   {"id": "arrivee", "title": "Arrivée", "text": "On arrive."}],
        "pillars": [{"id": "volcan", "title": "Volcan", "text": "Projets.",
                     "landmark": "volcano"}],
        "currents": [{"id": "vite", "title": "Trop vite", "text": "Sans carte."}],
        "questions": [{"id": "q1", "text": "Avec qui partir ?", "stage": "depart"}]}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under folder: bytes and modification time (ns)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = (p.read_bytes() if p.is_file() else b"<dir>", p.stat().st_mtime_ns)
    return out


def temporary_files(folder: Path) -> list[Path]:
    """Leftovers of an interrupted write (the output folder's manifest is no leftover)."""
    return [p for p in folder.rglob("*") if p.name != MANIFEST
            and (p.name.startswith(".") or p.name.endswith(".tmp"))]


@pytest.fixture
def deck(tmp_path) -> Path:
    (tmp_path / "petit").mkdir()
    path = tmp_path / "petit" / "deck.yaml"
    path.write_text(write_yaml(DECK).text, encoding="utf-8")
    return path


def build(deck: Path, out: Path, *only: str):
    return build_deck(deck, out, BuildOptions(only=only), deck.parent.parent)


# -- nothing is written before everything is ready ---------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_product_failing_after_another_writes_nothing(deck, tmp_path, monkeypatch, jobs):
    """The map is laid out first (the longest); the cards fail after it made its bytes:
    nothing is written, in one process or with the products side by side."""
    monkeypatch.setenv("KIT_JOBS", jobs)
    out = tmp_path / "out"
    (out / "petit").mkdir(parents=True)
    (out / "notes.txt").write_text("à garder")
    before = snapshot(out)
    produced = {}
    chart = products.BUILDERS["map"]

    def map_then_remember(deck_, options):
        produced.update(chart(deck_, options))
        return produced

    def cards_fail(deck_, options):
        if jobs == "1":
            assert produced, "the map is laid out first"
        raise KitError(Diagnostic(Loc("deck.yaml", 3, 1), "la carte à jouer : panne simulée"))

    writes = []
    monkeypatch.setitem(products.BUILDERS, "map", map_then_remember)
    monkeypatch.setitem(products.BUILDERS, "cards", cards_fail)
    monkeypatch.setattr(finish, "atomic_write", lambda *a: writes.append(a))
    with pytest.raises(KitError, match="panne simulée"):
        build(deck, out, "cards", "map")
    if jobs == "1":
        assert any(name.endswith(".pdf") for name in produced)  # the map had its bytes
    assert writes == []
    assert snapshot(out) == before


def test_an_invalid_deck_writes_nothing_and_creates_no_folder(deck, tmp_path):
    deck.write_text(deck.read_text() + "titel: x\n")
    with pytest.raises(KitError):
        build(deck, tmp_path / "out", "cards")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("breakage", [
    "titel: faute de frappe\n",  # refused by validation
    "imaginaries:\n  - id: vague\n    title: La vague 🌊\n    text: Elle déferle.\n",  # glyphs
    "currents:\n  - id: long\n    title: Long\n    text: " + "Un mot de trop. " * 600 + "\n",
])
def test_a_failing_build_leaves_earlier_outputs_untouched(deck, tmp_path, breakage):
    out = tmp_path / "out"
    build(deck, out, "cards", "canvases")
    before = snapshot(out)
    assert any(name.endswith("cards.pdf") for name in before)
    time.sleep(0.01)  # a rewrite would show in the modification times
    deck.write_text(deck.read_text() + breakage)
    with pytest.raises(KitError):
        build(deck, out, "cards", "canvases")
    assert snapshot(out) == before
    assert temporary_files(out) == []


def test_a_write_failing_halfway_leaves_only_complete_files(deck, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(deck, out, "cards")
    old = files_under(out / "petit")
    deck.write_text(deck.read_text().replace("On part.", "On part demain."))
    real_fsync = os.fsync
    calls = []

    def disk_full_on_the_second(fd):
        calls.append(fd)
        if len(calls) == 2:  # the disk fills up while the second file is written
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_on_the_second)
    with pytest.raises(KitError) as info:
        build(deck, out, "cards")
    [d] = info.value.diagnostics
    assert "écriture impossible : disque plein" in d.message
    # what happened, file by file: the first one replaced, the one that failed and the
    # printing guide (written last) as they were
    assert "1 fichier(s) remplacé(s) : cards-foldover.pdf" in d.message
    assert "2 fichier(s) inchangé(s), de la construction précédente : cards.pdf," \
           " LISEZ-MOI-impression.pdf" in d.message
    assert temporary_files(out) == []
    for name, data in files_under(out / "petit").items():
        if not name.endswith(".pdf"):
            continue  # the manifest
        assert len(PdfReader(io.BytesIO(data)).pages) == len(PdfReader(io.BytesIO(old[name])).pages)


def test_an_interrupted_atomic_write_removes_its_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "cards.pdf"
    target.write_bytes(b"%PDF-ancien")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        finish.atomic_write(target, b"%PDF-nouveau")
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]
    assert target.read_bytes() == b"%PDF-ancien"


def test_written_files_have_ordinary_permissions(deck, tmp_path):
    old = os.umask(0o022)
    try:
        build(deck, tmp_path / "out", "cards")
    finally:
        os.umask(old)
    for path in (tmp_path / "out" / "petit").iterdir():
        assert path.stat().st_mode & 0o777 == 0o644, path


# -- SIGINT and SIGTERM at any moment ----------------------------------------------------------

FRACTIONS = (0.03, 0.15, 0.3, 0.45, 0.6, 0.72, 0.82, 0.9, 0.95, 0.99, 1.05)


def _while_python_starts(stderr: str) -> bool:
    """A KeyboardInterrupt raised while `python -m kit` still imports its modules."""
    lines = stderr.strip().splitlines()
    return bool(lines) and lines[-1] == "KeyboardInterrupt" and \
        'kit/__main__.py", line ' in stderr and "in run" not in stderr


def test_signals_at_any_moment_leave_whole_files_or_none(clean_build, tmp_path):
    """A build of the default deck in its own process, stopped after a range of delays spread
    over a clean build's duration (more of them near the end, where files are written)."""
    expected = clean_build.pages
    outcomes = []
    for i, fraction in enumerate(FRACTIONS):
        sig = (signal.SIGINT, signal.SIGTERM)[i % 2]
        out = tmp_path / f"run{i}"
        previous = i % 3 == 2  # now and then, over the outputs of an earlier build
        if previous:
            shutil.copytree(clean_build.out, out)
        process = subprocess.Popen(kit("build", "cooperation", "--out", str(out)), cwd=tmp_path,
                                   env=clean_env(), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(clean_build.seconds * fraction)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=120)
        outcomes.append((fraction, sig.name, process.returncode))
        if _while_python_starts(stderr):
            # Ctrl-C before the kit's code runs: Python's own KeyboardInterrupt traceback
            assert process.returncode == -signal.SIGINT, stderr
        else:
            assert "Traceback" not in stderr, stderr
            # 130: the kit said "interrompu"; -SIGINT: Python stopped on its way out, the
            # files written; -SIGTERM: the default action, once the renames are done
            assert process.returncode in (0, 130, -signal.SIGINT, -signal.SIGTERM), \
                (fraction, sig, stderr)
        if process.returncode == 130:
            assert "interrompu" in stderr
        assert temporary_files(out) == [], (fraction, sig)
        present = {p.relative_to(out / "cooperation").as_posix(): p
                   for p in (out / "cooperation").rglob("*.pdf")} \
            if (out / "cooperation").is_dir() else {}
        for name, path in present.items():
            data = path.read_bytes()
            assert data.rstrip().endswith(b"%%EOF"), name
            assert len(PdfReader(io.BytesIO(data)).pages) == expected[name], name
        # the files are renamed into place with the signals held: all of them or none
        assert set(present) in (set(), set(expected)), (fraction, sig, sorted(present))
        if previous or process.returncode == 0:
            assert set(present) == set(expected)
    print(outcomes)  # shown with pytest -s
    # the delays did stop some builds, and let some finish
    codes = {code for *_, code in outcomes}
    assert codes & {130, -signal.SIGINT, -signal.SIGTERM}, outcomes


def test_an_interruption_a_library_swallowed_is_still_an_interruption(capsys):
    """reportlab catches a KeyboardInterrupt raised while it formats a PDF and fails later
    with a KeyError: the command must still say « interrompu » (exit 130), not report an
    internal error."""
    from kit.cli import reports_errors

    @reports_errors
    def build():
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass
        raise KeyError("forward reference to 'R39' not resolved upon final formatting")

    handler = signal.getsignal(signal.SIGINT)
    with pytest.raises(SystemExit) as info:
        build()
    assert info.value.code == 130
    assert capsys.readouterr().err == "interrompu : rien n'a été écrit à moitié.\n"
    assert signal.getsignal(signal.SIGINT) is handler

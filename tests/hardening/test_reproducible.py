"""Reproducible builds: the same deck gives the same bytes, in one process or two, and the PDFs
are dated from SOURCE_DATE_EPOCH when it is set (a malformed value is a clear error)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from click.testing import CliRunner
from conftest import clean_env, files_under, kit
from deckgen import clean_decks, examples, write_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck
from kit.cli import main
from kit.errors import KitError

TINY = """\
kit: 1
id: tiny
title: Petit deck
language: fr
stages:
  - id: depart
    title: Départ
    text: On part.
questions:
  - id: q1
    text: Avec qui partir ?
    stage: depart
"""


def test_two_builds_in_one_process_are_byte_identical(tmp_path, monkeypatch, clean_build):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    runs = []
    for name in ("a", "b"):
        build_deck("cooperation", tmp_path / name, BuildOptions(), tmp_path)
        runs.append(files_under(tmp_path / name / "cooperation"))
    assert runs[0].keys() == runs[1].keys()
    assert any(n.endswith(".svg") for n in runs[0]) and any(n.endswith(".pdf") for n in runs[0])
    different = [n for n in runs[0] if runs[0][n] != runs[1][n]]
    assert different == []
    # and the same bytes as a build in another process
    assert runs[0] == clean_build.files


def test_a_build_in_another_process_is_byte_identical(tmp_path, clean_build):
    # another hash seed: no set or dict order may leak into the files
    run = subprocess.run(kit("build", "cooperation", "--out", str(tmp_path / "out")),
                         cwd=tmp_path, env=clean_env(PYTHONHASHSEED="1"), capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    again = files_under(tmp_path / "out" / "cooperation")
    assert again.keys() == clean_build.files.keys()
    assert [n for n in again if again[n] != clean_build.files[n]] == []


def test_press_files_are_the_same_bytes_from_process_to_process(tmp_path):
    """The press files go through qpdf for their PDF/X keys: still the same bytes, with another
    hash seed and with one process or several."""
    runs = []
    for name, env in (("a", {"PYTHONHASHSEED": "1"}),
                      ("b", {"PYTHONHASHSEED": "2", "KIT_JOBS": "1"})):
        run = subprocess.run(kit("build", "cooperation", "--profile", "press", "--only", "cards",
                                 "--out", str(tmp_path / name)),
                             cwd=tmp_path, env=clean_env(**env), capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, run.stderr
        runs.append(files_under(tmp_path / name / "cooperation"))
    assert "cards-1up.pdf" in runs[0]
    assert runs[0].keys() == runs[1].keys()
    assert [n for n in runs[0] if runs[0][n] != runs[1][n]] == []


@settings(max_examples=examples(12))
@given(deck=clean_decks(min_entities=1, max_entities=5, require=("stages",)),
       only=st.sampled_from([("cards",), ("map",), ("cards", "map")]))
def test_generated_decks_build_the_same_bytes_twice(tmp_path, deck, only):
    (tmp_path / "deck.yaml").write_text(write_yaml(deck).text, encoding="utf-8")
    runs = []
    for name in ("a", "b"):
        try:
            build_deck(tmp_path / "deck.yaml", tmp_path / name, BuildOptions(only=only),
                       tmp_path)
        except KitError as exc:  # a deck refused twice the same way is reproducible too
            runs.append(str(exc))
            continue
        runs.append(files_under(tmp_path / name / "fuzz"))
    assert runs[0] == runs[1]


# -- SOURCE_DATE_EPOCH ------------------------------------------------------------------------


def _dates(pdf: bytes) -> set[str]:
    info = PdfReader(io.BytesIO(pdf)).metadata
    return {str(info["/CreationDate"]), str(info["/ModDate"])}


def _pdf_date(epoch: int) -> str:
    when = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny" / "deck.yaml").write_text(TINY, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("epoch", [0, 1_700_000_000, 2_000_000_000])
def test_source_date_epoch_dates_every_pdf(tiny, epoch):
    run = subprocess.run(kit("build", "tiny", "--only", "cards", "--out", "out"), cwd=tiny,
                         env=clean_env(SOURCE_DATE_EPOCH=str(epoch)), capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    pdfs = sorted((tiny / "out" / "tiny").glob("*.pdf"))
    assert len(pdfs) >= 2  # the cards and the printing guide
    for pdf in pdfs:
        assert _dates(pdf.read_bytes()) == {_pdf_date(epoch)}, pdf.name


def test_without_source_date_epoch_the_date_is_fixed(tiny, clean_build):
    dates = {d for name, data in clean_build.files.items() if name.endswith(".pdf")
             for d in _dates(data)}
    assert len(dates) == 1  # not the time of the build
    assert dates.pop().startswith("D:2000")


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "1e9", "²", "١٢", "12 34", "0x10",
                                   "99999999999999999999999"])
def test_a_malformed_source_date_epoch_is_a_clear_error(tiny, monkeypatch, value):
    monkeypatch.chdir(tiny)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(main, ["build", "tiny", "--only", "cards", "--out", "out"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"SOURCE_DATE_EPOCH: « {value} » : un nombre de secondes")
    assert "Traceback" not in result.output and "erreur interne" not in result.output
    assert not (tiny / "out").exists()

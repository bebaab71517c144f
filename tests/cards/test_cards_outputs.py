"""What a build writes: where, byte for byte the same twice, valid for qpdf; and the command
line's card options reaching the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import cardcheck as K
import pytest
from click.testing import CliRunner

from kit.api import BuildOptions, build_deck
from kit.cli import main


def test_outputs_go_to_out_slash_deck_id(build):
    built = build("cooperation", calibration=True)
    assert built.folder.name == "cooperation"
    assert {"cards.pdf", "cards-foldover.pdf", "cards-calibration.pdf"} <= set(built.files)
    for shown in built.result.written:
        assert Path(shown).resolve().parent == built.folder.resolve(), shown
    assert [p for p in built.folder.parent.iterdir()] == [built.folder], "stray output"


@pytest.mark.parametrize(("deck_id", "options"), [
    ("faire-ensemble", {}),
    ("cooperation", {"profile": "press", "calibration": True}),
])
def test_the_same_deck_gives_byte_identical_files(deck_id, options, build, tmp_path):
    first = build(deck_id, **options)
    again = build_deck(deck_id, tmp_path, BuildOptions(only=("cards",), **options))
    folder = tmp_path / deck_id
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(first.files)
    for name in names:
        assert (folder / name).read_bytes() == first[name], f"{name} differs between builds"
    assert again.written


@pytest.mark.parametrize("profile", ["office", "press"])
def test_qpdf_finds_no_error_in_any_produced_file(profile, build, qpdf, tmp_path):
    built = build("cooperation", profile=profile, calibration=True)
    assert built.files
    for name, data in built.files.items():
        if name.endswith(".pdf"):
            qpdf(data, tmp_path, name)


TINY = """\
kit: 1
id: tiny
title: Petit deck
language: fr
territory:
  name: Ici
stages:
  - id: depart
    title: Départ
    text: On part.
  - id: arrivee
    title: Arrivée
    text: On arrive.
currents:
  - id: vague
    title: La vague
    text: Une vague.
questions:
  - id: q1
    text: Avec qui partir ?
    stage: depart
"""
FORM_AT = re.compile(rb"1 0 0 1 ([-\d.]+) ([-\d.]+) cm\s*/FormXob\.back-(\w+) Do")


def back_positions(data: bytes) -> list[tuple[float, float, str]]:
    page = K.reader(data).pages[1]
    return [(float(x), float(y), kind.decode())
            for x, y, kind in FORM_AT.findall(page.get_contents().get_data())]


@pytest.fixture
def tiny(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "decks" / "tiny"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text(TINY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> None:
    result = CliRunner().invoke(main, ["build", "tiny", "--only", "cards", *args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_command_line_format_paper_and_duplex_reach_the_pdf(tiny):
    run("--format", "tarot", "--paper", "A3", "--out", "a")
    run("--format", "tarot", "--paper", "A3", "--duplex", "short-edge", "--out", "b")
    pages = [K.reader((tiny / d / "tiny" / "cards.pdf").read_bytes()).pages for d in "ab"]
    for p in pages:
        media = [float(v) for v in p[0].mediabox]
        assert media == pytest.approx([0, 0, 297 * K.MM_TO_PT, 420 * K.MM_TO_PT], abs=0.01)
    long_edge = back_positions((tiny / "a" / "tiny" / "cards.pdf").read_bytes())
    short_edge = back_positions((tiny / "b" / "tiny" / "cards.pdf").read_bytes())
    assert len(long_edge) == len(short_edge) == 4
    # the drawn backs are the planned ones (page millimetres, y down)
    from kit.load.deck import load_deck

    ctx, cards = K.context_for(load_deck("tiny", tiny), "tarot")
    from kit.products import cards as C

    for duplex, drawn in (("long-edge", long_edge), ("short-edge", short_edge)):
        plan = C.plan_sheets(ctx, cards, C.SheetOptions("A3", duplex=duplex))
        want = [(round(r.at.x, 3), round(r.at.y, 3), r.name.removeprefix("back-"))
                for r in K.back_refs(plan.pages[1])]
        assert sorted((round(x, 3), round(y, 3), k) for x, y, k in drawn) == sorted(want)
    # tarot 70 × 120 on A3 with 3 mm gutters: three columns, so the first back sits in the
    # right-most slot; a back is drawn with its half-gutter bleed (1.5 mm)
    x0 = (297 - (3 * 70 + 2 * 3)) / 2
    assert long_edge[0][0] == pytest.approx(x0 + 2 * 73 - 1.5, abs=1e-3)
    assert short_edge[0][0] == pytest.approx(x0 - 1.5, abs=1e-3)


def test_command_line_back_offset_and_calibration(tiny):
    run("--calibration", "--out", "a")
    run("--calibration", "--back-offset", "1.5,-0.75", "--out", "b")
    plain = tiny / "a" / "tiny"
    shifted = tiny / "b" / "tiny"
    assert (plain / "cards-calibration.pdf").exists()
    assert (plain / "cards.pdf").read_bytes() != (shifted / "cards.pdf").read_bytes()
    data = K.reader((shifted / "cards.pdf").read_bytes()).pages[1].get_contents().get_data()
    assert re.search(rb"1 0 0 1 1\.5 -0?\.75 cm", data), "backs not translated by 1.5, -0.75"
    result = CliRunner().invoke(main, ["build", "tiny", "--only", "cards",
                                       "--back-offset", "12,0", "--out", "c"])
    assert result.exit_code == 2 and not (tiny / "c").exists()

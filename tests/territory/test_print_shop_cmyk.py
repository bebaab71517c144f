"""theme.cmyk: the print shop's CMYK for palette colours, used by the press files only."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest

from kit.api import BuildOptions, build_deck
from kit.errors import KitError
from kit.layout.theme import palette_for
from kit.load.deck import load_deck

DECK = """\
kit: 1
id: imprimeur
extends: cooperation
theme:
  cmyk:
    stage: [11, 22, 33, 44]
    beacon: ["5,5", 0, 100, "0 %"]
"""


def write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "decks" / "imprimeur"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    return folder / "deck.yaml"


def test_the_palette_carries_the_given_cmyk_and_keeps_its_rgb(tmp_path):
    base = palette_for(load_deck("cooperation"))
    pal = palette_for(load_deck(write(tmp_path, DECK), tmp_path))
    stage = pal["stage"]
    assert (stage.c, stage.m, stage.y, stage.k) == pytest.approx((0.11, 0.22, 0.33, 0.44))
    assert (stage.r, stage.g, stage.b) == (base["stage"].r, base["stage"].g, base["stage"].b)
    beacon = pal["beacon"]
    assert (beacon.c, beacon.m, beacon.y, beacon.k) == pytest.approx((0.055, 0, 1, 0))
    assert pal["pillar"] == base["pillar"]  # the others as before


def _fill_ops(pdf_bytes: bytes) -> set[str]:
    ops = set()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        streams = [page.obj.Contents.read_bytes() for page in pdf.pages]
        for page in pdf.pages:
            xobjects = page.obj.Resources.get("/XObject") or {}
            streams += [x.read_bytes() for _, x in xobjects.items()]
    for data in streams:
        ops |= set(re.findall(rb"((?:[\d.]+ ){4})k\b", data))
    return {op.decode().strip() for op in ops}


def test_press_files_use_it_and_office_files_stay_rgb(tmp_path):
    path = write(tmp_path, DECK)
    out = tmp_path / "out"
    build_deck(str(path), out, BuildOptions(profile="press", only=("cards",)), cwd=tmp_path)
    press = (out / "imprimeur" / "cards.pdf").read_bytes()
    assert ".11 .22 .33 .44" in _fill_ops(press)  # the stage band, as the shop asked
    build_deck(str(path), out, BuildOptions(only=("cards",)), cwd=tmp_path)
    office = (out / "imprimeur" / "cards.pdf").read_bytes()
    assert _fill_ops(office) == set()


@pytest.mark.parametrize(("entry", "line", "message"), [
    ("    stage: [100, 60, 0]", 6, "quatre pourcentages attendus"),
    ("    stage: [100, 60, 120, 0]", 6, "« 120 » : un pourcentage de 0 à 100"),
    ("    stage: [100, 100, 100, 20]", 6, "encrage total de 320 %"),
    ("    stage: 100 60 0 20", 6, "entre crochets, [C, M, J, N], par exemple [100, 60, 0, 20]"),
    ("    stag: [100, 60, 0, 20]", 6, "couleur « stag » inconnue"),
])
def test_each_mistake_is_reported_at_its_line(tmp_path, entry, line, message):
    path = write(tmp_path, "kit: 1\nid: imprimeur\nextends: cooperation\ntheme:\n  cmyk:\n"
                 + entry + "\n")
    with pytest.raises(KitError) as info:
        load_deck(path, tmp_path)
    found = [d for d in info.value.diagnostics if d.loc.line == line and message in d.message]
    assert found, [str(d) for d in info.value.diagnostics]

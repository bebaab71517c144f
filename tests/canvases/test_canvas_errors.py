"""Every tests/data/canvases case is a broken canvas template that must fail where it says.

A case's first lines announce the errors, one a line, as for the decks in tests/data:

    # expect: LINE:COL: substring of the message

The template is read with `read_template` and, if that passes, laid out with `plan_canvas` for
each default deck: a source the deck lacks or text that does not fit is only found there. Either
way the error must name the template's file, its line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.load.canvases import read_template
from kit.load.deck import load_deck
from kit.products.canvases import plan_canvas
from kit.render import fonts

DATA = Path(__file__).resolve().parent.parent / "data" / "canvases"
EXPECT = re.compile(r"^#\s*expect:\s*(?P<line>\d+):(?P<column>\d+):\s*(?P<message>.+)$")
DECKS = ("cooperation", "faire-ensemble")
#: the cases the issue names, each in its own file
REQUIRED = {
    "unknown-zone-type", "source-unknown-id", "source-stage-out-of-range", "prompt-too-long",
    "missing-title", "area-outside-grid", "zones-overlap", "unknown-source-kind",
    "matrix-without-columns", "rings-one-ring", "wrong-orientation", "yaml-syntax-error",
}


def cases() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def expectations(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = EXPECT.match(line.strip())
        if match:
            out.append((int(match["line"]), int(match["column"]), match["message"].strip()))
    return out


@pytest.fixture(scope="module")
def decks():
    return {deck_id: load_deck(deck_id) for deck_id in DECKS}


def diagnostics(path: Path, deck) -> list:
    """What reading, then laying out, the template reports (nothing if it is fine), run from
    the template's own folder."""
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    try:
        template = read_template(path, path.stem, path.parent)
        plan_canvas(deck, template, "A3", fonts.measure)
    except KitError as exc:
        return exc.diagnostics
    return []


def test_every_case_the_issue_names_has_its_file():
    assert REQUIRED <= {path.stem for path in cases()}


@pytest.mark.parametrize("path", cases(), ids=lambda p: p.stem)
def test_case_announces_what_it_expects(path: Path):
    [(line, column, message)] = expectations(path)
    assert line >= 1 and column >= 1 and len(message) >= 8
    assert line <= len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("deck_id", DECKS)
@pytest.mark.parametrize("path", cases(), ids=lambda p: p.stem)
def test_case_fails_at_its_file_line_and_column(path: Path, deck_id: str, decks):
    found = diagnostics(path, decks[deck_id])
    assert found, f"{path.name}: no error for deck {deck_id}"
    for line, column, message in expectations(path):
        hits = [d for d in found if (d.loc.line, d.loc.column) == (line, column)
                and message in d.message]
        assert hits, (f"expected {path.name}:{line}:{column}: …{message}…\ngot:\n"
                      + "\n".join(str(d) for d in found))
    for d in found:
        # the template file is named, relative to the folder the kit runs from
        assert d.loc.file == path.name, str(d)
        assert d.loc.line >= 1 and d.loc.column >= 1, str(d)
        assert str(d).startswith(f"{path.name}:{d.loc.line}:{d.loc.column}: ")


def test_the_file_is_shown_relative_to_the_working_folder(decks):
    path = DATA / "unknown-zone-type.yaml"
    with pytest.raises(KitError) as info:
        read_template(path, path.stem, DATA.parent.parent.parent)
    [d] = info.value.diagnostics
    assert d.loc.file == "tests/data/canvases/unknown-zone-type.yaml"


def test_a_source_the_deck_has_is_fine_where_another_deck_lacks_it(decks, tmp_path):
    # cooperation has five stages, faire-ensemble four: stage 5 exists in one deck only
    path = tmp_path / "cinquieme.yaml"
    path.write_text("title: Cinquième étape\norientation: portrait\n"
                    "grid: {columns: 1, rows: 1}\nzones:\n  - type: note\n"
                    "    title: Questions\n    source: questions:stage:5\n    area: [1, 1, 1, 1]\n",
                    encoding="utf-8")
    assert len(decks["cooperation"].stages) == 5 and len(decks["faire-ensemble"].stages) == 4
    assert diagnostics(path, decks["cooperation"]) == []
    [d] = diagnostics(path, decks["faire-ensemble"])
    assert (d.loc.file, d.loc.line, d.loc.column) == ("cinquieme.yaml", 7, 13)
    assert "n'a que 4 étape" in d.message


@pytest.mark.parametrize(("zone", "field_line"), [
    # each zone's text is far too wide for one twelfth of a portrait A3: the error points at
    # the field that holds it, never at the zone's title
    ("  - type: chain\n    title: C\n    steps: [Transformations, Réalisations, Résultats,"
     " Impacts, Ressources, Activités]\n    area: [1, 1, 1, 1]\n", 7),
    ("  - type: rings\n    title: R\n    rings: [Capitainerie, Communauté, Partenaires,"
     " Territoire, Habitants, Anticonstitutionnellement]\n    area: [1, 1, 1, 1]\n", 7),
    ("  - type: axes\n    title: A\n    x: Intérêt\n    y: Influence\n    quadrants:"
     " [Anticonstitutionnellement, b, c, d]\n    area: [1, 1, 1, 1]\n", 9),
])
def test_text_too_wide_is_blamed_on_its_own_field(decks, tmp_path, zone, field_line):
    path = tmp_path / "etroit.yaml"
    path.write_text("title: Zone étroite\norientation: portrait\ngrid: {columns: 6, rows: 2}\n"
                    "zones:\n" + zone, encoding="utf-8")
    found = diagnostics(path, decks["cooperation"])
    assert [d.loc.line for d in found] == [field_line], [str(d) for d in found]
    assert "ne tient pas" in found[0].message


def test_a_builtin_template_leaves_a_zone_blank_where_a_draft_deck_has_too_few_stages(tmp_path):
    """logique-intervention pulls the second stage's questions: a one-stage first draft
    still gets the canvas, that zone blank, never an error in a file the facilitator did not
    write."""
    from kit.api import BuildOptions, build_deck

    folder = tmp_path / "decks" / "brouillon"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text("kit: 1\nid: brouillon\ntitle: Brouillon\nlanguage: fr\n"
                                      "étapes:\n  - id: depart\n    titre: Le départ\n",
                                      encoding="utf-8")
    result = build_deck("brouillon", tmp_path / "out", BuildOptions(only=("canvases",)),
                        cwd=tmp_path)
    assert any(p.endswith("logique-intervention.pdf") for p in result.written)

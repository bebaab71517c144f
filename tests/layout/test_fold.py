"""Fold schemes: the shipped ones checked against PRINT.md, by simulating the folds.

PRINT.md's facts are stated here as expectations, never fed to the code: the order and the
orientation come from kit.layout.fold.simulate reflecting and stacking the panels."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from kit.errors import KitError
from kit.layout.fold import (
    FLIP_X,
    FLIP_Y,
    IDENTITY,
    Fold,
    FoldScheme,
    panel_slots,
    rotation,
    simulate,
)
from kit.layout.geometry import Rect
from kit.load.folds import load_fold_scheme
from kit.resources import layout_files

TOP, BOTTOM = 0, 1  # rows of the 4 × 2 grid, counted from the top of the verso
SHIPPED = ("half-concertina", "road-map")


def scheme_text(*folds: str, cols: int = 4, rows: int = 2, width: float = 420,
                height: float = 297) -> str:
    """A scheme file; each fold is "line moves goes reading", e.g. "x = 105 right behind open"."""
    lines = ["title: Essai", "sheet:", f"  width: {width}", f"  height: {height}", "grid:",
             f"  columns: {cols}", f"  rows: {rows}", "folds:"]
    for fold in folds:
        *line, moves, goes, reading = fold.split()
        lines += [f"  - line: {' '.join(line)}", f"    moves: {moves}", f"    goes: {goes}",
                  f"    reading: {reading}"]
    return "\n".join(lines) + "\n"


def write_scheme(tmp_path, name: str, text: str) -> None:
    folder = tmp_path / "layouts" / "map"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def scheme_dict(*folds: dict, cols: int = 4, rows: int = 2, width: float = 420,
                height: float = 297) -> dict:
    return {"title": "Essai", "sheet": {"width": width, "height": height},
            "grid": {"columns": cols, "rows": rows}, "folds": list(folds)}


def fold(line: str, moves: str, goes: str, reading: str = "open") -> dict:
    return {"line": line, "moves": moves, "goes": goes, "reading": reading}


def reading_state(scheme: FoldScheme, face, role: str):
    """The face's accumulated transform where the reader reads it, recomputed here from the folds
    that turned it over: all of them for the covers (the closed packet), only the folds that stay
    closed while reading for the inner pages."""
    orientation = IDENTITY if face.side == "verso" else FLIP_X
    up = face.side == "verso"
    for index in face.moved_by:
        f = scheme.folds[index]
        if role != "inner" or f.reading == "closed":
            orientation = (FLIP_X if f.axis == "x" else FLIP_Y).after(orientation)
            up = not up
    return orientation, up


# -- the shipped schemes -------------------------------------------------------------------------


def test_both_schemes_are_shipped_with_a_french_title():
    files = layout_files("map")
    assert set(SHIPPED) <= set(files)
    assert load_fold_scheme("half-concertina").title == "Demi-pli + accordéon (défaut)"
    for name in SHIPPED:
        scheme = load_fold_scheme(name)
        assert (scheme.width, scheme.height, scheme.cols, scheme.rows) == (420, 297, 4, 2)
        assert (scheme.panel_width, scheme.panel_height) == (105, 148.5)
        assert all(f.note for f in scheme.folds)


def test_half_fold_and_concertina_covers():
    result = simulate(load_fold_scheme("half-concertina"))
    front, back = result.front_cover, result.back_cover
    assert (front.side, front.col, front.row) == ("verso", 0, BOTTOM)  # bottom-left
    assert (back.side, back.col, back.row) == ("verso", 3, BOTTOM)  # bottom-right


def test_half_fold_and_concertina_turns_the_whole_top_row_upside_down():
    result = simulate(load_fold_scheme("half-concertina"))
    rotations = {(c, r): rot for c, r, rot in result.panels}
    assert rotations == {(c, r): 180 if r == TOP else 0 for c in range(4) for r in range(2)}


def test_half_fold_and_concertina_top_cell_backs_bottom_cell():
    """Top cell c lies right behind bottom cell c, the map between them, panels outside."""
    result = simulate(load_fold_scheme("half-concertina"))
    verso = {(f.col, f.row): f for f in result.faces if f.side == "verso"}
    for c in range(4):
        top, bottom = verso[c, TOP], verso[c, BOTTOM]
        assert abs(top.layer - bottom.layer) == 1
        upper, lower = sorted((top, bottom), key=lambda f: f.layer)
        assert (upper.up, lower.up) == (True, False)  # both face outwards


def test_half_fold_and_concertina_inner_strip_reads_right_to_left():
    """The inner strip is the top row: met in the order c = 0, 1, 2, 3 and printed upside down,
    so held upright (the sheet turned round) its pages run from right to left."""
    result = simulate(load_fold_scheme("half-concertina"))
    inner = [(c, rot) for c, r, rot in result.panels if r == TOP]
    assert inner == [(0, 180), (1, 180), (2, 180), (3, 180)]
    # turned round, cell c sits at 3 − c from the left: the reading goes leftwards
    positions = [3 - c for c, _ in inner]
    assert positions == sorted(positions, reverse=True)


def test_half_fold_and_concertina_reading_order():
    result = simulate(load_fold_scheme("half-concertina"))
    assert [(c, r) for c, r, _ in result.panels] == [
        (0, BOTTOM), (0, TOP), (1, TOP), (1, BOTTOM), (2, BOTTOM), (2, TOP), (3, TOP), (3, BOTTOM)
    ]


def test_road_map_covers():
    result = simulate(load_fold_scheme("road-map"))
    front, back = result.front_cover, result.back_cover
    assert (front.side, front.col, front.row) == ("verso", 0, BOTTOM)  # bottom-left
    assert (back.side, back.col, back.row) == ("verso", 0, TOP)  # top-left


def test_road_map_only_the_back_cover_is_upside_down_when_turned_sideways():
    result = simulate(load_fold_scheme("road-map"))
    upside_down = [(c, r) for c, r, rot in result.panels if rot == 180]
    assert upside_down == [(0, TOP)]
    assert result.pages[-1].role == "back"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_panel_appears_once_and_the_map_stays_inside(name):
    result = simulate(load_fold_scheme(name))
    assert sorted((c, r) for c, r, _ in result.panels) == [(c, r) for c in range(4)
                                                            for r in range(2)]
    assert sorted((f.col, f.row) for f in result.recto) == [(c, r) for c in range(4)
                                                             for r in range(2)]
    assert len(result.faces) == 16
    assert [f.layer for f in result.faces] == [n // 2 for n in range(16)]
    assert result.front_cover.side == result.back_cover.side == "verso"


@pytest.mark.parametrize("name", SHIPPED)
def test_the_cover_ends_on_top_and_the_back_cover_underneath(name):
    result = simulate(load_fold_scheme(name))
    assert result.faces[0] is result.front_cover
    assert result.front_cover.layer == 0 and result.front_cover.up
    assert result.back_cover.layer == 7 and not result.back_cover.up
    assert [p.role for p in result.pages] == ["cover"] + ["inner"] * 6 + ["back"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_panel_reads_upright_in_order(name):
    """For each reading step: the face's accumulated transform, then the reader's view (turned
    over sideways when it faces down), composed with the print rotation, is the identity."""
    scheme = load_fold_scheme(name)
    result = simulate(scheme)
    for page in result.pages:
        orientation, up = reading_state(scheme, page.face, page.role)
        view = orientation if up else FLIP_X.after(orientation)
        assert view.after(rotation(page.rotate)) == IDENTITY, page
        if page.role != "inner":  # the covers are read on the closed packet
            assert (orientation, up) == (page.face.orientation, page.face.up)


@pytest.mark.parametrize("name", SHIPPED)
def test_panel_slots_are_the_verso_cells_in_reading_order(name):
    scheme = load_fold_scheme(name)
    slots = panel_slots(scheme)
    result = simulate(scheme)
    assert [s.order for s in slots] == list(range(8))
    assert [(s.col, s.row, s.rotate) for s in slots] == result.panels
    assert slots[0].role == "cover" and slots[-1].role == "back"
    for s in slots:
        assert s.rect == Rect(s.col * 105, s.row * 148.5, 105, 148.5)
    assert slots[0].rect == Rect(0, 148.5, 105, 148.5)  # bottom-left of the verso as seen


def test_recto_cells_back_their_verso_cells_in_short_edge_duplex():
    """Recto (x, y) backs onto verso (W − x, y): each paper layer carries verso (c, r) and recto
    (3 − c, r), and a map face shows the mirror of its verso neighbour's placement."""
    result = simulate(load_fold_scheme("half-concertina"))
    by_layer: dict[int, dict[str, object]] = {}
    for f in result.faces:
        by_layer.setdefault(f.layer, {})[f.side] = f
    for layer in by_layer.values():
        verso, recto = layer["verso"], layer["recto"]
        assert (recto.col, recto.row) == (3 - verso.col, verso.row)
        assert recto.up != verso.up
        assert recto.orientation == verso.orientation.after(FLIP_X)
    # the map is inside: the faces just under the cover and just above the back cover are map
    assert result.faces[1].side == result.faces[-2].side == "recto"


# -- synthetic schemes ---------------------------------------------------------------------------


def test_two_panels_one_fold_gives_the_obvious_answer():
    """A 2 × 1 sheet folded once, right half behind: a folded card, left panel in front."""
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("x = 100", "right", "behind"),
                                                       cols=2, rows=1, width=200, height=100))
    result = simulate(scheme)
    assert result.panels == [(0, 0, 0), (1, 0, 0)]
    assert [(f.side, f.col, f.up) for f in result.faces] == [
        ("verso", 0, True), ("recto", 1, False), ("recto", 0, True), ("verso", 1, False)
    ]
    assert [s.rect for s in panel_slots(scheme)] == [Rect(0, 0, 100, 100), Rect(100, 0, 100, 100)]


def test_a_fold_in_front_of_the_panel_side_puts_the_map_outside():
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("x = 100", "right", "front"),
                                                       cols=2, rows=1, width=200, height=100))
    result = simulate(scheme)
    # the right panel lands on top, map side up: recto cell 0 backs verso cell 1
    assert (result.front_cover.side, result.front_cover.col) == ("recto", 0)
    with pytest.raises(KitError, match="couvertures doivent être sur la face des panneaux"):
        panel_slots(scheme)


def test_a_card_folded_top_behind_has_its_back_upside_down_when_turned_sideways():
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("y = 100", "top", "behind"),
                                                       cols=1, rows=2, width=100, height=200))
    assert simulate(scheme).panels == [(0, 1, 0), (0, 0, 180)]


def test_a_third_scheme_is_just_data_half_then_cross_then_half():
    """A French-style fold (half, cross, half): one packet fold can crease the sheet twice."""
    scheme = FoldScheme.from_dict("croise", scheme_dict(
        fold("x = 210", "right", "behind"),
        fold("y = 148.5", "top", "behind", "closed"),
        fold("x = 105", "right", "behind"),
    ))
    result = simulate(scheme)
    assert sorted((c, r) for c, r, _ in result.panels) == [(c, r) for c in range(4)
                                                            for r in range(2)]
    assert result.front_cover.side == "verso" and (result.front_cover.col,
                                                   result.front_cover.row) == (0, BOTTOM)
    assert [p.rotate for p in result.pages if p.row == TOP] == [180] * 4


def test_the_scheme_name_is_kept_and_folds_keep_their_order():
    scheme = load_fold_scheme("half-concertina")
    assert scheme.name == "half-concertina"
    assert [f.line for f in scheme.folds] == ["y = 148.5", "x = 315", "x = 210", "x = 105"]
    assert isinstance(scheme.folds[0], Fold) and scheme.folds[0].reading == "closed"


# -- broken schemes ------------------------------------------------------------------------------


def test_a_fold_off_a_panel_boundary_cites_file_and_line(tmp_path):
    write_scheme(tmp_path, "bancal", scheme_text(
        "y = 148.5 top behind closed",  # line 9
        "x = 100 right behind open",  # line 13
    ))
    with pytest.raises(KitError) as caught:
        load_fold_scheme("bancal", cwd=tmp_path)
    message = str(caught.value)
    assert "layouts/map/bancal.yaml:13:11" in message
    assert "limite de panneaux" in message and "105, 210, 315" in message


def test_folds_that_leave_several_panels_are_an_error(tmp_path):
    write_scheme(tmp_path, "court", scheme_text("y = 148.5 top behind closed",
                                                "x = 210 right behind open"))
    with pytest.raises(KitError, match=r"court\.yaml:9:3: .*encore 2 panneaux"):
        load_fold_scheme("court", cwd=tmp_path)


def test_a_fold_that_misses_the_packet_is_an_error(tmp_path):
    write_scheme(tmp_path, "dehors", scheme_text(
        "x = 210 right behind open",
        "x = 315 right behind open",  # the packet is now 0–210 wide
    ))
    with pytest.raises(KitError, match=r"dehors\.yaml:13:11: .*ne traverse pas le paquet"):
        load_fold_scheme("dehors", cwd=tmp_path)


def test_a_side_that_cannot_move_and_unknown_keys_are_located(tmp_path):
    text = scheme_text("y = 148.5 left behind closed").replace("folds:", "foldz: 1\nfolds:")
    write_scheme(tmp_path, "faux", text)
    with pytest.raises(KitError) as caught:
        load_fold_scheme("faux", cwd=tmp_path)
    assert "faux.yaml:8:1: clé « foldz » inconnue" in str(caught.value)
    write_scheme(tmp_path, "faux", scheme_text("y = 148.5 left behind closed"))
    with pytest.raises(KitError, match=r"faux\.yaml:10:12: .*top, bottom"):
        load_fold_scheme("faux", cwd=tmp_path)


def test_an_unreadable_line_and_an_unknown_scheme(tmp_path):
    write_scheme(tmp_path, "flou", scheme_text("z = 3 top behind closed"))
    with pytest.raises(KitError, match=r"flou\.yaml:9:11: .*illisible"):
        load_fold_scheme("flou", cwd=tmp_path)
    with pytest.raises(KitError, match="vouliez-vous dire « road-map »"):
        load_fold_scheme("road-mao", cwd=tmp_path)


def test_from_dict_reports_every_problem_at_once():
    data = scheme_dict(fold("x = 100", "right", "behind"), fold("y = 148.5", "up", "away"))
    with pytest.raises(KitError) as caught:
        FoldScheme.from_dict("essai", data)
    assert len(caught.value.diagnostics) == 2  # unknown side and unknown direction


def test_a_scheme_built_in_code_is_checked_when_folded():
    scheme = load_fold_scheme("road-map")
    off = replace(scheme, folds=scheme.folds[:-1] + (replace(scheme.folds[-1], at=150.0),))
    with pytest.raises(KitError, match="limite de panneaux"):
        simulate(off)


# -- purity --------------------------------------------------------------------------------------


def test_fold_imports_no_pdf_or_svg_library():
    code = (
        "import sys, kit.layout.fold\n"
        "bad = {'reportlab', 'svgwrite', 'pypdf'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

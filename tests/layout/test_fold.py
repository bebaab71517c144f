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
    crease_lines,
    panel_slots,
    rotation,
    simulate,
)
from kit.layout.fold_reading import read
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
    assert load_fold_scheme("half-concertina").opens == "book"
    assert load_fold_scheme("road-map").opens == "flat"


def test_half_fold_and_concertina_covers():
    """PRINT.md: front and back cover on the bottom row, at either end; the cover hinged on its
    left means the right-hand column never moves."""
    result = simulate(load_fold_scheme("half-concertina"))
    front, back = result.front_cover, result.back_cover
    assert (front.side, front.col, front.row) == ("verso", 3, BOTTOM)  # bottom-right
    assert (back.side, back.col, back.row) == ("verso", 0, BOTTOM)  # bottom-left


def test_half_fold_and_concertina_turns_the_whole_top_row_upside_down():
    reading = read(load_fold_scheme("half-concertina"))
    rotations = {(c, r): rot for c, r, rot in reading.panels}
    assert rotations == {(c, r): 180 if r == TOP else 0 for c in range(4) for r in range(2)}


def test_half_fold_and_concertina_top_cell_backs_bottom_cell():
    """Top cell c lies right behind bottom cell c, the map between them, panels outside."""
    result = simulate(load_fold_scheme("half-concertina"))
    verso = {(f.col, f.row): f for f in result.faces if f.side == "verso"}
    for c in range(4):
        top, bottom = verso[c, TOP], verso[c, BOTTOM]
        assert abs(top.layer - bottom.layer) == 1
        upper, lower = sorted((top, bottom), key=lambda f: f.layer)
        assert upper.up != lower.up  # both face outwards
        assert upper.up


def test_half_fold_and_concertina_leaves_and_hinges():
    """Four leaves (a column each, closed by the half fold), hinged left, right, left: a
    zig-zag's hinges alternate, and the cover's is on the left."""
    reading = read(load_fold_scheme("half-concertina"))
    assert [leaf.layers for leaf in reading.leaves] == [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert [leaf.hinge.side if leaf.hinge else None for leaf in reading.leaves] == [
        "left", "right", "left", None]
    assert [leaf.hinge.crease.at for leaf in reading.leaves[:-1]] == [315, 210, 105]


def test_half_fold_and_concertina_spreads_read_left_then_right():
    reading = read(load_fold_scheme("half-concertina"))
    spreads = [[(s.face.col, s.face.row, s.place) for s in v.seen] for v in reading.views]
    assert spreads == [
        [(3, BOTTOM, "cover")],
        [(3, TOP, "left"), (2, TOP, "right")],
        [(1, BOTTOM, "left"), (2, BOTTOM, "right")],
        [(1, TOP, "left"), (0, TOP, "right")],
        [(0, BOTTOM, "back")],
    ]
    assert [(c, r) for c, r, _ in reading.panels] == [
        (3, BOTTOM), (3, TOP), (2, TOP), (1, BOTTOM), (2, BOTTOM), (1, TOP), (0, TOP), (0, BOTTOM)
    ]


def test_road_map_covers():
    result = simulate(load_fold_scheme("road-map"))
    front, back = result.front_cover, result.back_cover
    assert (front.side, front.col, front.row) == ("verso", 3, BOTTOM)  # bottom-right
    assert (back.side, back.col, back.row) == ("verso", 3, TOP)  # top-right


def test_road_map_reads_opened_flat_row_by_row_left_to_right():
    reading = read(load_fold_scheme("road-map"))
    assert [v.kind for v in reading.views] == ["cover", "flat", "back"]
    assert [(c, r) for c, r, _ in reading.panels] == [
        (3, BOTTOM), (0, TOP), (1, TOP), (2, TOP), (0, BOTTOM), (1, BOTTOM), (2, BOTTOM), (3, TOP)
    ]
    upside_down = [(c, r) for c, r, rot in reading.panels if rot == 180]
    assert upside_down == [(3, TOP)]  # only the back cover, turned over sideways
    assert reading.pages[-1].role == "back"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_panel_appears_once_and_the_map_stays_inside(name):
    result = simulate(load_fold_scheme(name))
    reading = read(result)
    assert sorted((c, r) for c, r, _ in reading.panels) == [(c, r) for c in range(4)
                                                             for r in range(2)]
    assert sorted((f.col, f.row) for f in result.recto) == [(c, r) for c in range(4)
                                                             for r in range(2)]
    assert len(result.faces) == 16
    assert [f.layer for f in result.faces] == [n // 2 for n in range(16)]
    assert result.front_cover.side == result.back_cover.side == "verso"


@pytest.mark.parametrize("name", SHIPPED)
def test_the_cover_ends_on_top_and_the_back_cover_underneath(name):
    result = simulate(load_fold_scheme(name))
    reading = read(result)
    assert result.faces[0] is result.front_cover
    assert result.front_cover.layer == 0 and result.front_cover.up
    assert result.back_cover.layer == 7 and not result.back_cover.up
    assert [p.role for p in reading.pages] == ["cover"] + ["inner"] * 6 + ["back"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_panel_reads_upright_in_order(name):
    """The covers: the face's accumulated transform, seen as it lies (front) or turned over
    sideways (back), composed with the print rotation, is the identity. The inner pages of a
    book: the same after the turn about the hinge; of a flat scheme: as printed."""
    scheme = load_fold_scheme(name)
    reading = read(scheme)
    for page in reading.pages:
        if page.role != "inner":
            orientation, up = reading_state(scheme, page.face, page.role)
            view = orientation if up else FLIP_X.after(orientation)
            assert view.after(rotation(page.rotate)) == IDENTITY, page
        elif scheme.opens == "flat":
            assert page.rotate == 0
    for view in reading.views:
        if view.kind != "spread":
            continue
        turned = next(s for s in view.seen if s.place == view.hinge.side)
        lying = next(s for s in view.seen if s is not turned)
        flip = FLIP_X if view.hinge.side in ("left", "right") else FLIP_Y
        assert flip.after(turned.face.orientation).after(rotation(turned.rotate)) == IDENTITY
        assert lying.face.orientation.after(rotation(lying.rotate)) == IDENTITY
        assert lying.face.up and not turned.face.up


@pytest.mark.parametrize("name", SHIPPED)
def test_panel_slots_are_the_verso_cells_in_reading_order(name):
    scheme = load_fold_scheme(name)
    slots = panel_slots(scheme)
    reading = read(scheme)
    assert [s.order for s in slots] == list(range(8))
    assert [(s.col, s.row, s.rotate) for s in slots] == reading.panels
    assert slots[0].role == "cover" and slots[-1].role == "back"
    for s in slots:
        assert s.rect == Rect(s.col * 105, s.row * 148.5, 105, 148.5)
    assert slots[0].rect == Rect(315, 148.5, 105, 148.5)  # bottom-right of the verso as seen


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


# -- creases -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_crease_lines_are_every_panel_boundary_of_the_shipped_schemes(name):
    scheme = load_fold_scheme(name)
    expected = [("x", 105.0), ("x", 210.0), ("x", 315.0), ("y", 148.5)]
    assert crease_lines(scheme) == expected
    assert crease_lines(scheme, "verso") == expected  # the grid is symmetric


def test_crease_lines_come_from_the_folds_and_are_mirrored_on_the_recto():
    """A 3 × 1 sheet (300 mm): the right third behind, then the left third behind the middle.
    The recto mirrors x (W − x); a mountain seen from the panel side is a valley from the map."""
    scheme = FoldScheme.from_dict("trois", scheme_dict(
        fold("x = 200", "right", "behind"), fold("x = 100", "left", "behind"),
        cols=3, rows=1, width=300, height=100))
    assert crease_lines(scheme, "verso") == [("x", 100.0), ("x", 200.0)]
    assert crease_lines(scheme) == [("x", 100.0), ("x", 200.0)]
    lopsided = FoldScheme.from_dict("deux", scheme_dict(
        fold("x = 100", "right", "behind"), cols=2, rows=1, width=200, height=100))
    assert crease_lines(lopsided) == [("x", 100.0)]
    creases = simulate(scheme).creases
    assert [(c.at, c.step, c.mountain) for c in creases] == [(200, 0, True), (100, 1, True)]
    assert creases[0].on_recto(300) == replace(creases[0], at=100, mountain=False)


def test_one_packet_fold_can_crease_the_sheet_twice():
    """Half, then half again: the second fold creases x = 105 and x = 315 at once (PRINT.md's
    "French fold"), the outer layer seen from the panel side as a valley."""
    scheme = FoldScheme.from_dict("moitie", scheme_dict(
        fold("x = 210", "right", "behind"), fold("x = 105", "right", "behind"),
        cols=4, rows=1, width=420, height=148.5))
    creases = simulate(scheme).creases
    assert sorted((c.at, c.step, c.mountain) for c in creases) == [
        (105, 1, True), (210, 0, True), (315, 1, False)]
    assert crease_lines(scheme, "verso") == [("x", 105.0), ("x", 210.0), ("x", 315.0)]


def test_a_zig_zag_alternates_mountain_and_valley_and_the_half_fold_turns_them_over():
    """Seen from the panel side, a crease made through two layers facing opposite ways is a
    mountain on one and a valley on the other."""
    creases = simulate(load_fold_scheme("half-concertina")).creases
    seen = {(c.axis, c.at, c.start): c.mountain for c in creases}
    for x, mountain in ((105, True), (210, False), (315, True)):
        assert seen["x", x, 148.5] is mountain  # bottom row, panel side up while folding
        assert seen["x", x, 0.0] is not mountain  # top row, folded behind first
    assert all(seen["y", 148.5, x] for x in (0, 105, 210, 315))


# -- synthetic schemes ---------------------------------------------------------------------------


def test_two_panels_one_fold_gives_the_obvious_answer():
    """A 2 × 1 sheet folded once, left half behind: a folded card, the right panel in front,
    hinged on its left; it opens on [left panel | nothing more]: the map inside."""
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("x = 100", "left", "behind"),
                                                       cols=2, rows=1, width=200, height=100))
    result = simulate(scheme)
    assert [(f.side, f.col, f.up) for f in result.faces] == [
        ("verso", 1, True), ("recto", 0, False), ("recto", 1, True), ("verso", 0, False)
    ]
    reading = read(result)
    assert reading.panels == [(1, 0, 0), (0, 0, 0)]
    assert [(s.face.side, s.place) for s in reading.views[1].seen] == [("recto", "left"),
                                                                        ("recto", "right")]
    assert [s.rect for s in panel_slots(scheme)] == [Rect(100, 0, 100, 100), Rect(0, 0, 100, 100)]


def test_a_card_hinged_on_the_right_opens_the_wrong_way():
    """The same card with the right half behind: the left panel is the cover, joined to the rest
    by its right edge — a book that opens from right to left, refused."""
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("x = 100", "right", "behind"),
                                                       cols=2, rows=1, width=200, height=100))
    assert read(scheme).leaves[0].hinge.side == "right"
    with pytest.raises(KitError, match="bord à droite .* l'envers d'un livre"):
        panel_slots(scheme)


def test_a_fold_in_front_of_the_panel_side_puts_the_map_outside():
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("x = 100", "left", "front"),
                                                       cols=2, rows=1, width=200, height=100))
    result = simulate(scheme)
    # the left panel lands on top, map side up: recto cell 1 backs verso cell 0
    assert (result.front_cover.side, result.front_cover.col) == ("recto", 1)
    with pytest.raises(KitError, match="couvertures doivent être sur la face des panneaux"):
        panel_slots(scheme)


def test_a_card_folded_top_behind_has_its_back_upside_down_when_turned_sideways():
    scheme = FoldScheme.from_dict("carte", scheme_dict(fold("y = 100", "top", "behind"),
                                                       cols=1, rows=2, width=100, height=200))
    reading = read(scheme)
    assert reading.panels == [(0, 1, 0), (0, 0, 180)]
    assert reading.leaves[0].hinge.side == "top"


def test_a_french_fold_is_no_booklet_unless_read_flat():
    """Half, cross, half: consecutive layers that no crease joins cannot be turned like pages;
    opened flat it reads; with a fold kept closed it cannot be opened flat."""
    folds = (fold("x = 210", "right", "behind"), fold("y = 148.5", "top", "behind"),
             fold("x = 105", "right", "behind"))
    with pytest.raises(KitError, match="ne se feuillette pas comme un livret"):
        read(FoldScheme.from_dict("croise", scheme_dict(*folds)))
    flat = FoldScheme.from_dict("croise", {**scheme_dict(*folds), "opens": "flat"})
    reading = read(flat)
    assert sorted((c, r) for c, r, _ in reading.panels) == [(c, r) for c in range(4)
                                                             for r in range(2)]
    assert reading.pages[0].face is reading.result.front_cover
    closed = {**scheme_dict(folds[0], {**folds[1], "reading": "closed"}, folds[2]),
              "opens": "flat"}
    with pytest.raises(KitError, match="reste fermé"):
        read(FoldScheme.from_dict("croise", closed))


def test_the_scheme_name_is_kept_and_folds_keep_their_order():
    scheme = load_fold_scheme("half-concertina")
    assert scheme.name == "half-concertina"
    assert [f.line for f in scheme.folds] == ["y = 148.5", "x = 105", "x = 210", "x = 315"]
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


def test_an_unknown_way_of_opening_and_a_leftover_note_are_located(tmp_path):
    text = scheme_text("y = 148.5 top behind closed").replace("folds:", "opens: livre\nfolds:")
    text = text.replace("    reading: closed", "    reading: closed\n    note: à la main")
    write_scheme(tmp_path, "vieux", text)
    with pytest.raises(KitError) as caught:
        load_fold_scheme("vieux", cwd=tmp_path)
    message = str(caught.value)
    assert "vieux.yaml:8:8: opens : « livre » inconnu ; choix possibles : book, flat" in message
    assert "vieux.yaml:14:5: clé « note » inconnue" in message


def test_a_booklet_folded_from_the_right_is_refused_at_load_time(tmp_path):
    """The old default: the concertina made from the right leaves the cover bottom-left, hinged
    on its right edge — a book that opens from right to left."""
    write_scheme(tmp_path, "droite", scheme_text(
        "y = 148.5 top behind closed", "x = 315 right behind open", "x = 210 right front open",
        "x = 105 right behind open"))
    with pytest.raises(KitError, match=r"droite\.yaml:9:3: .*bord à droite"):
        load_fold_scheme("droite", cwd=tmp_path)

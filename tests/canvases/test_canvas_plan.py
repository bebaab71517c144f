"""Every shipped canvas, planned for both default decks at every size: plain numbers, no PDF.

The page must be the size asked in the template's orientation, its type never under the
reading-size minimum, its strokes heavier on bigger sheets, and its text where it belongs:
inside the safe area and its own zone, clear of other text and of the lines drawn around it.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from canvascheck import (
    is_zone_outline,
    ring_labels_astray,
    shapes,
    strokes_through_text,
    text_blocks,
    text_lines,
    zone_outlines,
)

from kit.layout import impose
from kit.layout.geometry import Rect
from kit.load.canvases import SOURCE_KINDS, ZONE_TYPES, load_template, read_template
from kit.load.deck import load_deck
from kit.products.canvases import SIZES, min_size, page_size, plan_canvas, scale_for
from kit.render import fonts
from kit.resources import builtin_root, layout_files

DECKS = ("cooperation", "faire-ensemble")
TEMPLATES = sorted(layout_files("canvases"))
SHIPPED = builtin_root() / "layouts" / "canvases"


@pytest.fixture(scope="module")
def decks():
    return {deck_id: load_deck(deck_id) for deck_id in DECKS}


_pages: dict = {}


def planned(deck, name: str, size: str):
    """plan_canvas once per (deck, template, size) for the whole module."""
    key = (deck.id, name, size)
    if key not in _pages:
        fonts.use_deck_fonts(dict(deck.theme.fonts))
        template = load_template(name, deck.language)
        _pages[key] = (template, plan_canvas(deck, template, size, fonts.measure))
    return _pages[key]


ALL = list(itertools.product(DECKS, TEMPLATES, SIZES))


def test_at_least_eight_canvases_are_shipped_and_every_zone_type_is_used():
    assert len(TEMPLATES) >= 8
    assert {path.stem for path in SHIPPED.glob("*.yaml") if "." not in path.stem} \
        <= set(TEMPLATES)
    used_types, used_sources = set(), set()
    for name in TEMPLATES:
        template = load_template(name)
        used_types |= {zone.type for zone in template.zones}
        used_sources |= {zone.source.split(":")[0] for zone in template.zones if zone.source}
    assert used_types == set(ZONE_TYPES)
    assert used_sources <= set(SOURCE_KINDS) and len(used_sources) >= 3


def test_the_size_rule_numbers():
    assert SIZES == ("A4", "A3", "A2", "A1", "A0")
    assert min_size("A3") == 6
    assert min_size("A1") >= 12
    assert min_size("A4") >= 6  # a sheet read from closer never goes below the A3 minimum
    # proportional to the sheet's long side from A3 up: the A-series doubles every two steps
    for small, big in (("A3", "A2"), ("A2", "A1"), ("A1", "A0")):
        assert min_size(big) == pytest.approx(min_size(small) * 2 ** 0.5, rel=0.01)
    assert scale_for("A1") == pytest.approx(2.0, rel=0.01)


@pytest.mark.parametrize(("deck_id", "name", "size"), ALL)
def test_page_is_the_sheet_in_the_template_orientation(decks, deck_id, name, size):
    template, page = planned(decks[deck_id], name, size)
    short, long = sorted(impose.PAPERS[size])
    want = (long, short) if template.orientation == "landscape" else (short, long)
    assert (page.width, page.height) == want == page_size(template, size)


@pytest.mark.parametrize(("deck_id", "name", "size"), ALL)
def test_no_type_under_the_reading_size(decks, deck_id, name, size):
    _, page = planned(decks[deck_id], name, size)
    blocks = text_blocks(page.items)  # Groups (legend, turned axis name) included
    assert len(blocks) >= 5
    floor = min_size(size)
    small = [(b.item.size * b.scale, b.item.lines[0].spans[0].text) for b in blocks
             if b.item.size * b.scale < floor - 1e-9]
    assert not small, f"under {floor:.2f} pt: {small}"


def test_the_turned_and_moved_text_is_checked_too(decks):
    # the walk must reach the text inside Groups, or the size rule would miss it
    _, page = planned(decks["cooperation"], "parties-prenantes", "A1")
    turned = [b for b in text_blocks(page.items) if b.transforms]
    assert turned and all(b.item.size * b.scale >= 12 for b in turned)


@pytest.mark.parametrize("name", TEMPLATES)
def test_zone_outlines_grow_with_the_sheet(decks, name):
    deck = decks["cooperation"]
    widths = {}
    for size in SIZES:
        template, page = planned(deck, name, size)
        outlines = [p.item for p in shapes(page.items) if is_zone_outline(p.item, scale_for(size))]
        assert len(outlines) == len(template.zones)
        widths[size] = {shape.style.width for shape in outlines}
        assert len(widths[size]) == 1
    a3, a1 = widths["A3"].pop(), widths["A1"].pop()
    assert a1 == pytest.approx(2 * a3, rel=0.02)
    assert a3 >= 0.25 * 25.4 / 72  # never under the 0.25 pt printers can hold
    # and every stroke of the page grows the same way
    strokes = {}
    for size in ("A3", "A1"):
        _, page = planned(deck, name, size)
        strokes[size] = sorted(p.item.style.width for p in shapes(page.items)
                               if p.item.style.stroke is not None)
    assert [b / a for a, b in zip(strokes["A3"], strokes["A1"], strict=True)] == \
        pytest.approx([scale_for("A1")] * len(strokes["A3"]))


@pytest.mark.parametrize(("deck_id", "name", "size"), ALL)
def test_text_stays_in_the_safe_area_and_in_its_zone(decks, deck_id, name, size):
    template, page = planned(decks[deck_id], name, size)
    zones = zone_outlines(page.items, scale_for(size))
    assert len(zones) == len(template.zones)
    band = impose.OFFICE_BAND
    safe = Rect(band, band, page.width - 2 * band, page.height - 2 * band)
    body_top = min(z.y for z in zones)
    for line in text_lines(page.items):
        assert safe.contains(line.box), f"{line.text!r} in the office band"
        if line.box.y2 > body_top:  # under the header: inside exactly one zone
            assert sum(z.contains(line.box) for z in zones) == 1, f"{line.text!r} leaves its zone"
    for a, b in itertools.combinations(zones, 2):
        assert not a.intersects(b)


@pytest.mark.parametrize(("deck_id", "name", "size"), ALL)
def test_text_never_overlaps_text_or_lines(decks, deck_id, name, size):
    _, page = planned(decks[deck_id], name, size)
    lines = text_lines(page.items)
    for a, b in itertools.combinations(lines, 2):
        assert a.box.overlap_area(b.box) < 1e-6, f"{a.text!r} over {b.text!r}"
    crossed = strokes_through_text(page.items)
    assert not crossed, [(line.text, seg) for line, seg in crossed][:3]
    assert not ring_labels_astray(page.items)


def test_the_overlap_checks_can_fail(decks):
    # the checks above must see a collision when there is one: move one line onto another
    from dataclasses import replace

    from kit.layout.geometry import TextBlock

    _, page = planned(decks["cooperation"], "equipage", "A3")
    blocks = [item for item in page.items if isinstance(item, TextBlock)]
    first, second = blocks[0], blocks[1]
    moved = replace(second, lines=tuple(replace(line, x=first.lines[0].x, y=first.lines[0].y)
                                        for line in second.lines))
    lines = text_lines((first, moved))
    assert lines[0].box.overlap_area(lines[1].box) > 0


@pytest.mark.parametrize("size", SIZES)
def test_ring_names_stay_inside_their_ring_when_the_zone_is_tight(decks, tmp_path, size):
    # long names in the outer rings, where the band is narrowest at its top: each name must
    # stay between its ellipse and the next one in (wrapping if need be), or be refused
    path = tmp_path / "cercles.yaml"
    path.write_text(
        "title: Cercles\norientation: landscape\ngrid: {columns: 2, rows: 1}\nzones:\n"
        "  - type: rings\n    title: Cinq cercles\n    rings: [Capitainerie, Partenaires"
        " institutionnels, Opérateurs publics et associations, Territoire et habitants,"
        " Communauté élargie]\n    area: [1, 1, 1, 1]\n"
        "  - type: rings\n    title: Six cercles\n    rings: [Élus, Habitants et usagers du"
        " territoire, Capitainerie, Opérateurs publics et associations, Territoire et habitants,"
        " Partenaires institutionnels]\n    area: [2, 1, 1, 1]\n",
        encoding="utf-8")
    deck = decks["cooperation"]
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    page = plan_canvas(deck, read_template(path, "cercles"), size, fonts.measure)
    names = [line.text for line in text_lines(page.items) if line.text.isupper()]
    assert {"CAPITAINERIE", "ÉLUS", "COMMUNAUTÉ ÉLARGIE"} <= set(names)
    assert not ring_labels_astray(page.items)
    assert not strokes_through_text(page.items)


def page_text(page) -> str:
    return " ".join(line.text for line in text_lines(page.items))


@pytest.mark.parametrize("deck_id", DECKS)
def test_sources_pull_the_deck_own_content(decks, deck_id):
    deck = decks[deck_id]

    def words(text):
        return " ".join(text.replace("\u00a0", " ").split())

    # the timeline of stages: one numbered step per stage of this deck, in order
    _, page = planned(deck, "itineraire", "A1")
    text = words(page_text(page))
    numbers = [line.text for line in text_lines(page.items) if line.text.isdigit()]
    assert numbers == [str(k) for k in range(1, len(deck.stages) + 1)]
    for stage in deck.stages:
        assert stage.title.split()[-1].rstrip("?") in text
    # the pillars as columns
    _, page = planned(deck, "piliers", "A3")
    text = words(page_text(page))
    for pillar in deck.pillars:
        assert pillar.title.split()[0] in text
    # the currents as a list
    _, page = planned(deck, "facteurs-de-succes", "A3")
    text = words(page_text(page))
    assert all(current.title.split()[-1] in text for current in deck.currents)


def test_a_local_template_overrides_and_joins_the_shipped_ones(tmp_path):
    folder = tmp_path / "layouts" / "canvases"
    folder.mkdir(parents=True)
    (folder / "mon-canevas.yaml").write_text(
        "title: Mon canevas\norientation: portrait\ngrid: {columns: 1, rows: 1}\nzones:\n"
        "  - type: lines\n    title: Signatures\n    count: 3\n    area: [1, 1, 1, 1]\n",
        encoding="utf-8")
    files = layout_files("canvases", tmp_path)
    assert "mon-canevas" in files and set(TEMPLATES) <= set(files)
    assert load_template("mon-canevas", cwd=tmp_path).orientation == "portrait"


def test_language_variants_have_the_same_zones():
    for variant in sorted(SHIPPED.glob("*.*.yaml")):
        name = variant.name.split(".")[0]
        french, other = load_template(name), read_template(variant, name)
        assert [(z.type, z.id, z.col, z.row, z.colspan, z.rowspan, z.source)
                for z in french.zones] \
            == [(z.type, z.id, z.col, z.row, z.colspan, z.rowspan, z.source) for z in other.zones]
        assert (french.orientation, french.columns, french.rows) == \
            (other.orientation, other.columns, other.rows)


def test_tests_read_the_shipped_folder():
    assert Path(layout_files("canvases")[TEMPLATES[0]]).parent == SHIPPED

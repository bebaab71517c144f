"""cards.pdf, cards-foldover.pdf and the calibration sheet in the office profile: how many cards
per sheet, duplex registration, cut marks, the 6 mm unprintable band, the back offset.

Numbers come from the plan (kit.products.cards.plan_*); a few pages are rendered with
pypdfium2 to check the same things in pixels."""

from __future__ import annotations

import math

import cardcheck as K
import pytest

from kit.layout.geometry import Document, FormRef, Group, Rect, Shape
from kit.products import cards as C

#: a readable cut tick (1.5 mm) outside the 6 mm band
TICK_ROOM = 1.5
#: office sheets leave 3 mm between cards by default
GUTTER = 3.0
#: cards per portrait sheet, office profile (computed by hand from the sizes above: e.g.
#: poker on A4, 3 × 63 + 2 × 3 = 195 ≤ 210 − 2 × 7.5 and 3 × 88 + 2 × 3 = 270 ≤ 297 − 15)
PER_SHEET = {
    ("poker", "A4"): (3, 3), ("poker", "A3"): (4, 4), ("poker", "letter"): (3, 2),
    ("tarot", "A4"): (2, 2), ("tarot", "A3"): (3, 3), ("tarot", "letter"): (2, 2),
    ("a6", "A4"): (1, 1), ("a6", "A3"): (2, 2), ("a6", "letter"): (1, 1),
    ("a7", "A4"): (2, 2), ("a7", "A3"): (3, 3), ("a7", "letter"): (2, 2),
    ("square", "A4"): (2, 3), ("square", "A3"): (3, 4), ("square", "letter"): (2, 2),
}
COMBINATIONS = [(f, p) for f in K.FORMATS for p in K.PAPERS_MM]


def front_rects(page, fmt: str) -> list[Rect]:
    w, h = K.FORMATS[fmt]
    return [Rect(g.dx, g.dy, w, h) for g in K.front_groups(page)]


# -- how many, where -------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_as_many_cards_as_fit_on_a_portrait_sheet_grid_centred(fmt, paper):
    doc = K.sheets("cooperation", fmt, paper)
    page_w, page_h = K.PAPERS_MM[paper]
    w, h = K.FORMATS[fmt]
    cols, rows = PER_SHEET[(fmt, paper)]
    rects = front_rects(doc.pages[0], fmt)
    assert len(rects) == cols * rows
    assert len({round(r.x, 6) for r in rects}) == cols
    assert len({round(r.y, 6) for r in rects}) == rows
    # as many as fit: one more column or row would run into the band or leave no room for ticks
    room_w, room_h = page_w - 2 * (K.OFFICE_BAND + TICK_ROOM), page_h - 2 * (K.OFFICE_BAND
                                                                             + TICK_ROOM)
    assert cols * w + (cols - 1) * GUTTER <= room_w < (cols + 1) * w + cols * GUTTER
    assert rows * h + (rows - 1) * GUTTER <= room_h < (rows + 1) * h + rows * GUTTER
    # centred: equal margins left and right, top and bottom
    left, right = min(r.x for r in rects), page_w - max(r.x2 for r in rects)
    top, bottom = min(r.y for r in rects), page_h - max(r.y2 for r in rects)
    assert abs(left - right) < 1e-6 and abs(top - bottom) < 1e-6
    for page in doc.pages:
        assert (page.width, page.height) == (page_w, page_h) and page.width < page.height


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_pages_alternate_fronts_and_backs(deck_id, fmt, paper):
    doc = K.sheets(deck_id, fmt, paper)
    _, cards = K.context(deck_id, fmt)
    per_sheet = math.prod(PER_SHEET[(fmt, paper)])
    assert len(doc.pages) == 2 * math.ceil(len(cards) / per_sheet)
    seen = 0
    for fronts, backs in zip(doc.pages[::2], doc.pages[1::2], strict=True):
        n = len(K.front_groups(fronts))
        assert n and not K.back_refs(fronts), "a fronts page draws backs"
        assert len(K.back_refs(backs)) == n and not K.front_groups(backs)
        seen += n
    assert seen == len(cards)


def assert_backs_behind_fronts(doc, cards, fmt: str, duplex: str,
                               bleed: float = GUTTER / 2) -> None:
    w, h = K.FORMATS[fmt]
    per_sheet = len(K.front_groups(doc.pages[0]))
    for s, (fronts, backs) in enumerate(zip(doc.pages[::2], doc.pages[1::2], strict=True)):
        page_w, page_h = fronts.width, fronts.height
        refs = K.back_refs(backs)
        for k, g in enumerate(K.front_groups(fronts)):
            card = cards[s * per_sheet + k]
            if duplex == "long-edge":  # the sheet turns about its vertical centre line
                want = Rect(page_w - g.dx - w, g.dy, w, h)
            else:  # short edge: about its horizontal centre line
                want = Rect(g.dx, page_h - g.dy - h, w, h)
            # a back is drawn with the half-gutter its colour bleeds into the gutters
            cards_at = [(r, r.at.inset(bleed)) for r in refs]
            hits = [r for r, at in cards_at if K.close(at.x, want.x, 1e-6)
                    and K.close(at.y, want.y, 1e-6)]
            assert len(hits) == 1, f"sheet {s + 1}: no back behind {card.name} ({duplex})"
            back = hits[0]
            assert back.name == f"back-{card.kind}", card.name
            assert K.close(back.at.w, w + 2 * bleed, 1e-6) and K.close(back.at.h, h + 2 * bleed,
                                                                      1e-6)


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_long_edge_backs_land_behind_their_fronts_within_0_1_mm(deck_id, fmt, paper):
    _, cards = K.context(deck_id, fmt)
    assert_backs_behind_fronts(K.sheets(deck_id, fmt, paper), cards, fmt, "long-edge")


@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_short_edge_mirrors_rows_instead(fmt, paper):
    _, cards = K.context("cooperation", fmt)
    doc = K.sheets("cooperation", fmt, paper, duplex="short-edge")
    assert_backs_behind_fronts(doc, cards, fmt, "short-edge")
    long_doc = K.sheets("cooperation", fmt, paper)
    cols, rows = PER_SHEET[(fmt, paper)]
    if cols > 1 and rows > 1:
        assert K.back_refs(doc.pages[1]) != K.back_refs(long_doc.pages[1])


def test_duplex_in_pixels_on_the_last_partly_filled_sheet(build):
    """Render the last sheet, fold the backs page over its vertical axis: printed backs cover
    the printed fronts, empty slots stay empty on both sides."""
    doc = K.sheets("cooperation")
    data = build("cooperation", calibration=True)["cards.pdf"]
    last = len(doc.pages) - 2
    fronts, backs = K.render_pages(data, 50, [last, last + 1])
    backs = backs.transpose(0)  # FLIP_LEFT_RIGHT: how the back lies under the front
    px = 50 / 25.4
    filled = {(round(g.dx, 3), round(g.dy, 3)) for g in K.front_groups(doc.pages[last])}
    all_slots = {(round(g.dx, 3), round(g.dy, 3)) for g in K.front_groups(doc.pages[0])}
    assert 0 < len(filled) < len(all_slots), "the deck should leave the last sheet part-filled"
    w, h = K.FORMATS["poker"]
    for x, y in all_slots:
        box = (round((x + 2) * px), round((y + 2) * px), round((x + w - 2) * px),
               round((y + h - 2) * px))
        printed = (x, y) in filled
        assert K.is_white(fronts, box) is not printed, (x, y)
        assert K.is_white(backs, box) is not printed, (x, y)


# -- cut marks and the unprintable band ----------------------------------------------------------


@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_cut_marks_sit_outside_the_cards_on_every_cut_line(fmt, paper):
    doc = K.sheets("cooperation", fmt, paper)
    for fronts, backs in zip(doc.pages[::2], doc.pages[1::2], strict=True):
        # the cards, and their colour as printed (bleed included, clipped to the sheet's room)
        rects = front_rects(fronts, fmt) + [r.at.inset(GUTTER / 2) for r in K.back_refs(backs)]
        rects += [b for page in (fronts, backs) for item, b in K.printed_bounds(page.items)
                  if not (isinstance(item, Shape) and item in page.items)]
        for page in (fronts, backs):
            marks = K.marks(page)
            assert marks, "no cut marks"
            for m in marks:
                for r in rects:
                    assert not m.intersects(r), f"mark {m} crosses the card {r}"
        # every cut line has a tick on its extension
        full = front_rects(doc.pages[0], fmt)
        xs = {round(v, 6) for r in full for v in (r.x, r.x2)}
        ys = {round(v, 6) for r in full for v in (r.y, r.y2)}
        marks = K.marks(fronts)
        for x in xs:
            assert any(m.w < 0.2 and abs(m.cx - x) < 1e-6 for m in marks), f"no tick at x={x}"
        for y in ys:
            assert any(m.h < 0.2 and abs(m.cy - y) < 1e-6 for m in marks), f"no tick at y={y}"


def office_docs(deck_id: str, fmt: str, paper: str):
    ctx, _ = K.context(deck_id, fmt)
    yield "cards.pdf", K.sheets(deck_id, fmt, paper)
    yield "cards-foldover.pdf", K.foldover(deck_id, fmt, paper)
    yield "cards-calibration.pdf", C.plan_calibration(ctx, C.SheetOptions(paper))


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_nothing_is_planned_within_6_mm_of_the_sheet_edge(deck_id, fmt, paper):
    for name, doc in office_docs(deck_id, fmt, paper):
        for n, page in enumerate(doc.pages, 1):
            safe = Rect(0, 0, page.width, page.height).inset(K.OFFICE_BAND)
            assert page.trim is None and page.bleed is None, f"{name}: office page with boxes"
            for item, bounds in K.printed_bounds(page.items):
                assert safe.contains(bounds, tol=1e-6), (
                    f"{name} page {n}: {type(item).__name__} at {bounds} is within"
                    f" {K.OFFICE_BAND} mm of the edge")


def assert_white_band(data: bytes, name: str, dpi: float = 100) -> None:
    band = int(K.OFFICE_BAND / 25.4 * dpi)  # whole pixels inside the band
    for n, img in enumerate(K.render_pages(data, dpi), 1):
        w, h = img.size
        for box in ((0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)):
            assert K.is_white(img, box), f"{name} page {n}: ink within 6 mm of the edge {box}"


def test_the_6_mm_band_stays_white_when_rendered(build):
    built = build("cooperation", calibration=True)
    for name in ("cards.pdf", "cards-foldover.pdf", "cards-calibration.pdf"):
        assert_white_band(built[name], name)


@pytest.mark.parametrize(("fmt", "paper"), [("tarot", "letter"), ("square", "A3"),
                                            ("a7", "A4"), ("a6", "letter")])
def test_the_6_mm_band_stays_white_on_other_papers(fmt, paper):
    doc = K.sheets("faire-ensemble", fmt, paper)
    pages = Document(doc.pages[:2], doc.forms)
    assert_white_band(K.render(pages), f"{fmt}/{paper}")
    fold = K.foldover("faire-ensemble", fmt, paper)
    assert_white_band(K.render(Document(fold.pages[:1], fold.forms)), f"foldover {fmt}/{paper}")


# -- calibration and back offset -----------------------------------------------------------------


def test_calibration_is_written_only_when_asked(build):
    assert "cards-calibration.pdf" not in build("faire-ensemble").files
    data = build("cooperation", calibration=True)["cards-calibration.pdf"]
    assert len(K.reader(data).pages) == 2


def test_back_offset_shifts_every_back_by_exactly_x_y():
    dx, dy = 1.5, -0.75
    plain = K.sheets("cooperation")
    shifted = K.sheets("cooperation", back_offset=(dx, dy))
    assert len(plain.pages) == len(shifted.pages)
    for a, b in zip(plain.pages, shifted.pages, strict=True):
        backs_a, backs_b = K.back_refs(a), K.back_refs(b)
        assert len(backs_a) == len(backs_b)
        for ra, rb in zip(backs_a, backs_b, strict=True):
            assert ra.name == rb.name
            assert abs(rb.at.x - ra.at.x - dx) < 1e-9 and abs(rb.at.y - ra.at.y - dy) < 1e-9
            assert (rb.at.w, rb.at.h) == (ra.at.w, ra.at.h)
        # fronts, marks and labels do not move
        assert K.front_groups(a) == K.front_groups(b)
        assert K.marks(a) == K.marks(b)


def test_back_offset_shifts_the_calibration_rulers_too():
    ctx, _ = K.context("cooperation")
    plain = C.plan_calibration(ctx, C.SheetOptions())
    shifted = C.plan_calibration(ctx, C.SheetOptions(back_offset=(-2.0, 0.5)))
    # the crosses do not move; the instructions say which offset the sheet carries
    crosses = [[i for i in doc.pages[0].items if isinstance(i, Shape)] for doc in (plain, shifted)]
    assert crosses[0] == crosses[1], "the front of the calibration sheet moved"
    a = K.printed_bounds(plain.pages[1].items)
    b = K.printed_bounds(shifted.pages[1].items)
    assert len(a) == len(b) > 20
    for (_, ra), (_, rb) in zip(a, b, strict=True):
        assert abs(rb.x - ra.x + 2.0) < 1e-9 and abs(rb.y - ra.y - 0.5) < 1e-9


def test_calibration_rulers_sit_behind_the_front_marks():
    """Long edge: a front line at x backs onto W - x; short edge: y onto H - y."""
    ctx, _ = K.context("cooperation")
    for duplex in ("long-edge", "short-edge"):
        doc = C.plan_calibration(ctx, C.SheetOptions(duplex=duplex))
        front, back = doc.pages
        crosses = [i for i in front.items if isinstance(i, Shape) and len(i.path) == 2]
        vertical = [i.path[0][1] for i in crosses if i.path[0][1] == i.path[1][1]]
        horizontal = [i.path[0][2] for i in crosses if i.path[0][2] == i.path[1][2]]
        zero_ticks = [b for it, b in K.printed_bounds(back.items)
                      if isinstance(it, Shape) and max(b.w, b.h) > 6.5]
        for x, y in zip(vertical, horizontal, strict=True):
            bx, by = (front.width - x, y) if duplex == "long-edge" else (x, front.height - y)
            assert any(abs(t.cx - bx) < 1e-6 for t in zero_ticks if t.w < 1), (duplex, x)
            assert any(abs(t.cy - by) < 1e-6 for t in zero_ticks if t.h < 1), (duplex, y)


# -- fold-over ------------------------------------------------------------------------------------


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize(("fmt", "paper"), COMBINATIONS)
def test_foldover_puts_each_back_beside_its_front_with_a_fold_line(deck_id, fmt, paper):
    doc = K.foldover(deck_id, fmt, paper)
    _, cards = K.context(deck_id, fmt)
    w, h = K.FORMATS[fmt]
    k = 0
    for page in doc.pages:
        refs = K.back_refs(page)
        fronts = K.front_groups(page)
        assert len(refs) == len(fronts) > 0
        folds = [i for i in page.items if isinstance(i, Shape) and i.style.dash]
        rects = []
        for g in fronts:
            card = cards[k]
            k += 1
            # the back's form may run into the gutters (bleed): it is centred on its slot
            (back,) = [r for r in refs if K.close(r.at.x + r.at.w / 2, g.dx + 1.5 * w, 1e-6)
                       and K.close(r.at.y + r.at.h / 2, g.dy + h / 2, 1e-6)]
            assert back.name == f"back-{card.kind}", card.name
            fold_x = g.dx + w
            ticks = [f for f in folds if all(abs(c[1] - fold_x) < 1e-6 for c in f.path)]
            assert ticks, f"no fold line at x={fold_x}"
            rects += [Rect(g.dx, g.dy, w, h), Rect(g.dx + w, g.dy, w, h)]
        for m in K.marks(page):
            assert not any(m.intersects(r) for r in rects), f"cut mark {m} crosses a card"
        for f in folds:
            b = K.local_bounds(f)
            assert not any(b.intersects(r) for r in rects), "fold tick drawn across a card"
    assert k == len(cards)


def test_press_foldover_backs_do_not_bleed_onto_their_fronts():
    """The fold is not a cut: a back's bleed must not paint the front's last millimetres."""
    doc = K.foldover("cooperation", profile="press")
    w, _ = K.FORMATS["poker"]
    for page in doc.pages:
        fronts = K.front_groups(page)
        folds = [g.dx + w for g in fronts]
        for item, bounds in K.printed_bounds(page.items):
            if isinstance(item, FormRef):
                fold = min(folds, key=lambda x: abs(x - bounds.x))
                assert bounds.x >= fold - 1e-6, f"back drawn from {bounds.x}, fold at {fold}"
    data = K.render(Document(doc.pages[:1], doc.forms, cmyk=True))
    (img,) = K.render_pages(data, 200, [0])
    px = 200 / 25.4
    g = K.front_groups(doc.pages[0])[0]
    assert isinstance(g, Group)
    fold = g.dx + w
    # a strip of the front's white body, 0.5–2 mm before the fold, halfway down the card
    box = (round((fold - 2.0) * px), round((g.dy + 40) * px), round((fold - 0.5) * px),
           round((g.dy + 45) * px))
    assert K.is_white(img, box), "the back's colour runs onto the front of the card"

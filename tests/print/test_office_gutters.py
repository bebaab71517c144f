"""Issue 15, item 10: office card sheets leave a gutter between cards (3 mm by default,
--gutter to change it, 0 allowed) into which fronts' and backs' backgrounds bleed half-way,
with cut ticks at every card edge; the 6 mm band holds, 9 poker cards still fit on A4, and
the backs still land exactly behind their fronts once the sheet is turned over."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cards"))
import cardcheck as K  # noqa: E402  (the card tests' plan walkers)

from kit.layout import impose  # noqa: E402
from kit.layout.geometry import Clip, Document, FormRef, Rect  # noqa: E402
from kit.products import cards as C  # noqa: E402

W, H = 63.0, 88.0  # poker
DPI = 200
PX = DPI / 25.4


def sheets(gutter: float = 3.0, duplex: str = "long-edge") -> Document:
    ctx, cards = K.context("cooperation")
    return C.plan_sheets(ctx, cards, C.SheetOptions("A4", duplex=duplex, gutter=gutter))


def test_nine_poker_cards_fit_on_a4_with_3_mm_gutters():
    assert 3 * 63 + 2 * 3 == 195 <= 210 - 2 * (impose.OFFICE_BAND + impose.MARK_MIN)
    assert 3 * 88 + 2 * 3 == 270 <= 297 - 2 * (impose.OFFICE_BAND + impose.MARK_MIN)
    doc = sheets()
    fronts = [Rect(g.dx, g.dy, W, H) for g in K.front_groups(doc.pages[0])]
    assert len(fronts) == 9
    xs = sorted({round(r.x, 6) for r in fronts})
    ys = sorted({round(r.y, 6) for r in fronts})
    assert [round(b - a - W, 6) for a, b in zip(xs, xs[1:], strict=False)] == [3.0, 3.0]
    assert [round(b - a - H, 6) for a, b in zip(ys, ys[1:], strict=False)] == [3.0, 3.0]
    assert xs[0] == pytest.approx((210 - 195) / 2) and ys[0] == pytest.approx((297 - 270) / 2)


def test_backgrounds_bleed_half_the_gutter_and_stay_out_of_the_band():
    doc = sheets()
    for page in doc.pages[:2]:
        (clip,) = [i for i in page.items if isinstance(i, Clip)]
        # left and right: 7.5 mm of margin hold a tick, not a bleed too; above and below, both
        assert clip.rect == Rect(7.5, 13.5 - 1.5, 195, 270 + 3)
        for _, bounds in K.printed_bounds(page.items):
            assert Rect(0, 0, 210, 297).inset(impose.OFFICE_BAND).contains(bounds, 1e-6)
    backs = K.back_refs(doc.pages[1])
    assert all(r.at.w == W + 3 and r.at.h == H + 3 for r in backs)
    form = {f.name: f for f in doc.forms}["back-stage"]
    assert (form.w, form.h) == (W + 3, H + 3)  # the back's colour fills its bleed


def _render(doc: Document, pages: list[int]):
    return K.render_pages(K.render(Document(tuple(doc.pages[i] for i in pages), doc.forms)),
                          DPI)


def _px(v: float) -> int:
    return round(v * PX)


def test_a_cut_1_mm_off_shows_the_card_own_colour_not_its_neighbour(tmp_path):
    doc = sheets()
    (backs,) = _render(doc, [1])
    refs = K.back_refs(doc.pages[1])
    for ref in refs:
        card = ref.at.inset(1.5)
        inside = backs.getpixel((_px(card.x + 1.5), _px(card.cy)))
        for x in (card.x - 1.0, card.x2 + 1.0):  # in the gutters beside the card
            if 7.5 < x < 202.5:  # not past the outer cards, whose margin holds the ticks
                assert backs.getpixel((_px(x), _px(card.cy))) == inside, (ref.name, x)
        for y in (card.y - 1.0, card.y2 + 1.0):  # above and below: every card bleeds there
            assert backs.getpixel((_px(card.x + 2), _px(y))) == inside, (ref.name, y)


def test_turned_over_the_backs_cover_their_fronts_exactly():
    """Render both sides, flip the backs about the long edge: each front card's rectangle is
    the back card's rectangle (both drawn: the front's band edges, the back's colour)."""
    doc = sheets()
    fronts, backs = _render(doc, [0, 1])
    backs = backs.transpose(0)  # FLIP_LEFT_RIGHT: long-edge duplex
    w = fronts.size[0]
    for g in K.front_groups(doc.pages[0]):
        card = Rect(g.dx, g.dy, W, H)
        # the back's colour covers the whole card, edge to edge (0.3 mm in from each edge)
        for x, y in ((card.x + 0.3, card.cy), (card.x2 - 0.3, card.cy),
                     (card.cx, card.y + 0.3), (card.cx, card.y2 - 0.3)):
            assert backs.getpixel((_px(x), _px(y))) != (255, 255, 255), (card, x, y)
        # and the front's band starts at the same place on the sheet
        band = fronts.getpixel((_px(card.x + 0.3), _px(card.y + 3)))
        assert band != (255, 255, 255)
    # the plan, exactly: back rectangles mirror front rectangles to the micrometre
    refs = [r.at.inset(1.5) for r in K.back_refs(doc.pages[1])]
    for g in K.front_groups(doc.pages[0]):
        mirrored = Rect(210 - g.dx - W, g.dy, W, H)
        assert any(abs(r.x - mirrored.x) < 1e-9 and abs(r.y - mirrored.y) < 1e-9
                   for r in refs)
    assert w == _px(210)


def test_short_edge_too():
    doc = sheets(duplex="short-edge")
    refs = [r.at.inset(1.5) for r in K.back_refs(doc.pages[1])]
    for g in K.front_groups(doc.pages[0]):
        assert any(abs(r.x - g.dx) < 1e-9 and abs(r.y - (297 - g.dy - H)) < 1e-9 for r in refs)


def test_cut_ticks_at_every_card_edge_outside_the_band_and_the_colour():
    doc = sheets()
    fronts = [Rect(g.dx, g.dy, W, H) for g in K.front_groups(doc.pages[0])]
    xs = {round(v, 6) for r in fronts for v in (r.x, r.x2)}
    ys = {round(v, 6) for r in fronts for v in (r.y, r.y2)}
    assert len(xs) == 6 and len(ys) == 6  # two cut lines per gutter
    for page in doc.pages[:2]:
        marks = K.marks(page)
        (clip,) = [i for i in page.items if isinstance(i, Clip)]
        for x in xs:
            assert sum(1 for m in marks if m.w < 0.2 and abs(m.cx - x) < 1e-6) == 2, x
        for y in ys:
            assert sum(1 for m in marks if m.h < 0.2 and abs(m.cy - y) < 1e-6) == 2, y
        for m in marks:
            assert Rect(0, 0, 210, 297).inset(impose.OFFICE_BAND).contains(m, 1e-6)
            assert m.overlap_area(clip.rect) == 0, m
            assert max(m.w, m.h) >= impose.MARK_MIN - 1e-9


def test_the_6_mm_band_stays_white_when_rendered():
    doc = sheets()
    band = int(impose.OFFICE_BAND * PX)
    for n, img in enumerate(_render(doc, [0, 1])):
        w, h = img.size
        for box in ((0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)):
            assert K.is_white(img, box), (n, box)


def test_gutter_0_is_the_abutting_layout():
    doc = sheets(gutter=0)
    assert not any(isinstance(i, Clip) for i in doc.pages[0].items)
    fronts = sorted((g.dx, g.dy) for g in K.front_groups(doc.pages[0]))
    assert len(fronts) == 9
    assert fronts[3][0] - fronts[0][0] == pytest.approx(W)
    assert all(r.at.w == W for r in K.back_refs(doc.pages[1]))


def test_the_gutter_option_reaches_the_sheets(tmp_path):
    import printcheck as P

    deck = P.territory_deck(tmp_path)
    run = P.kit_cli("build", str(deck), "--only", "cards", "--gutter", "10", "--out", "o",
                    cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    r = K.reader((tmp_path / "o" / "terr" / "cards.pdf").read_bytes())
    assert len(r.pages) > 2
    # 10 mm gutters: 2 × 2 poker cards on A4 (3 × 63 + 2 × 10 > 195, 3 × 88 + 2 × 10 > 282)
    ctx, cards = K.context("cooperation")
    doc = C.plan_sheets(ctx, cards, C.SheetOptions("A4", gutter=10))
    assert len(K.front_groups(doc.pages[0])) == 4
    bad = P.kit_cli("build", str(deck), "--only", "cards", "--gutter", "-1", cwd=tmp_path)
    assert bad.returncode == 2 and "--gutter" in bad.stderr


def test_foldover_pairs_keep_the_gutter_and_bleed_into_it_but_never_across_the_fold():
    ctx, cards = K.context("cooperation")
    doc = C.plan_foldover(ctx, cards, C.SheetOptions("A4", gutter=3.0))
    page = doc.pages[0]
    fronts = sorted((round(g.dy, 6), round(g.dx, 6)) for g in K.front_groups(page))
    assert len(fronts) == 4  # 2 × 2 pairs on A4 landscape, as without gutters
    xs = sorted({x for _, x in fronts})
    ys = sorted({y for y, _ in fronts})
    # the next pair starts a gutter after the previous pair's back
    assert [round(b - a - 2 * W, 6) for a, b in zip(xs, xs[1:], strict=False)] == [3.0]
    assert [round(b - a - H, 6) for a, b in zip(ys, ys[1:], strict=False)] == [3.0]
    assert all(back.at.w == W + 3 and back.at.h == H + 3 for back in K.back_refs(page))
    folds = [x + W for x in xs]
    for item, bounds in K.printed_bounds(page.items):
        if isinstance(item, FormRef):
            # the back bleeds 1.5 mm up, down and outwards, and starts exactly at its fold
            fold = min(folds, key=lambda f: abs(f - bounds.x))
            assert bounds.x == pytest.approx(fold) and bounds.w == pytest.approx(W + 1.5)
    # a cut tick at both edges of each gutter: every pair's own edges are cut lines
    ticks_x = sorted({round(m.x + m.w / 2, 6) for m in K.marks(page) if m.h > m.w})
    for x in xs:
        assert x in ticks_x and round(x + 2 * W, 6) in ticks_x
        assert round(x + W, 6) not in ticks_x  # the fold is no cut

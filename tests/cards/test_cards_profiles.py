"""The two profiles: office (exact paper, no boxes) and press (bleed, crop marks outside it,
TrimBox and BleedBox on every page, one card per page in cards-1up.pdf)."""

from __future__ import annotations

import cardcheck as K
import pytest
from click.testing import CliRunner

from kit.cli import main
from kit.layout.geometry import REGISTRATION, Document, FormRef, Group, Rect
from kit.products import cards as C

PT = K.MM_TO_PT


def box(page, name: str) -> tuple[float, ...] | None:
    value = page.get(name)
    return None if value is None else tuple(float(v) for v in value)


def mm_box(rect: Rect, page_h: float) -> tuple[float, ...]:
    """A planned y-down mm rectangle as the PDF box it should become, in points."""
    return (rect.x * PT, (page_h - rect.y2) * PT, rect.x2 * PT, (page_h - rect.y) * PT)


def same_box(a, b, tol: float = 0.01) -> bool:
    return a is not None and b is not None and all(abs(x - y) <= tol for x, y in zip(a, b,
                                                                                         strict=True))


# -- office ---------------------------------------------------------------------------------------


def assert_office_pages(files: dict[str, bytes], paper: str) -> None:
    w, h = K.PAPERS_MM[paper]
    for name in ("cards.pdf", "cards-calibration.pdf"):
        for page in K.reader(files[name]).pages:
            assert same_box(box(page, "/MediaBox"), (0, 0, w * PT, h * PT)), (name, paper)
            assert "/TrimBox" not in page and "/BleedBox" not in page, name
    # the fold-over sheet turns the same paper when pairs fit better that way
    for page in K.reader(files["cards-foldover.pdf"]).pages:
        media = box(page, "/MediaBox")
        assert sorted([media[2], media[3]]) == pytest.approx(sorted([w * PT, h * PT]), abs=0.01)
        assert "/TrimBox" not in page and "/BleedBox" not in page


def test_office_pages_are_exactly_a4_with_no_trim_or_bleed_box(build):
    built = build("cooperation", calibration=True)
    assert_office_pages(built.files, "A4")
    assert "cards-1up.pdf" not in built.files, "cards-1up.pdf is a press file"


@pytest.mark.parametrize("paper", ["A3", "letter"])
def test_office_pages_are_exactly_a3_or_letter(paper):
    """Rendered from the planner (the build's own renderer): whole builds cost seconds each."""
    ctx, _ = K.context("cooperation")
    sheets = K.sheets("cooperation", paper=paper)
    files = {
        "cards.pdf": K.render(Document(sheets.pages[:2], sheets.forms)),
        "cards-foldover.pdf": K.render(K.foldover("cooperation", paper=paper)),
        "cards-calibration.pdf": K.render(C.plan_calibration(ctx, C.SheetOptions(paper))),
    }
    assert_office_pages(files, paper)


# -- press ----------------------------------------------------------------------------------------


def test_every_page_of_every_press_file_has_trim_and_bleed_boxes(build):
    built = build("cooperation", profile="press", calibration=True)
    assert {"cards.pdf", "cards-foldover.pdf", "cards-1up.pdf"} <= set(built.cards)
    for name, data in built.cards.items():
        for n, page in enumerate(K.reader(data).pages, 1):
            media, trim, bleed = (box(page, k) for k in ("/MediaBox", "/TrimBox", "/BleedBox"))
            assert trim and bleed, f"{name} page {n}: TrimBox {trim}, BleedBox {bleed}"
            assert "/ArtBox" not in page, "PDF/X: TrimBox or ArtBox, not both"
            # media ⊇ bleed ⊇ trim
            assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2], name
            assert media[1] <= bleed[1] <= trim[1] and trim[3] <= bleed[3] <= media[3], name


@pytest.mark.parametrize("bleed", [2.0, 3.0, 5.0])
def test_the_bleed_box_is_the_trim_box_plus_the_bleed(bleed, build):
    if bleed == 3.0:  # the default, checked on a real build
        built = build("cooperation", profile="press", calibration=True)
        pages = K.reader(built["cards-1up.pdf"]).pages
        for page in pages:
            trim, bleed_box = box(page, "/TrimBox"), box(page, "/BleedBox")
            grown = (trim[0] - 3 * PT, trim[1] - 3 * PT, trim[2] + 3 * PT, trim[3] + 3 * PT)
            assert same_box(bleed_box, grown)
            assert same_box((0, 0, trim[2] - trim[0], trim[3] - trim[1]),
                            (0, 0, 63 * PT, 88 * PT)), "the trim is the poker card"
    ctx, cards = K.context("cooperation", "poker", bleed)
    docs = [C.plan_one_up(ctx, cards), K.sheets("cooperation", profile="press", bleed=bleed),
            K.foldover("cooperation", profile="press", bleed=bleed)]
    for doc in docs:
        for page in doc.pages:
            assert page.trim and page.bleed
            assert page.bleed == page.trim.outset(bleed)


@pytest.mark.parametrize("value", ["1.5", "5.5"])
def test_the_command_line_refuses_a_bleed_outside_2_to_5_mm(value, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--only", "cards", "--profile", "press",
                                       "--bleed", value, "--out", "out"])
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bleed", [2.0, 3.0, 5.0])
def test_crop_marks_stay_outside_the_bleed(bleed):
    ctx, cards = K.context("cooperation", "poker", bleed)
    docs = {"cards.pdf": K.sheets("cooperation", profile="press", bleed=bleed),
            "cards-foldover.pdf": K.foldover("cooperation", profile="press", bleed=bleed),
            "cards-1up.pdf": C.plan_one_up(ctx, cards)}
    for name, doc in docs.items():
        for page in doc.pages[:4]:
            marks = K.marks(page)
            assert marks, name
            for m in marks:
                assert not m.intersects(page.bleed), f"{name}: mark {m} inside {page.bleed}"
                assert Rect(0, 0, page.width, page.height).contains(m), name
            strokes = {i.style.stroke for i in page.items
                       if getattr(i, "style", None) is not None and i.style.dash is None
                       and i.style.fill is None and len(i.path) == 2}
            assert strokes == {REGISTRATION}, f"{name}: marks not in registration colour"


@pytest.mark.parametrize("fmt", list(K.FORMATS))
def test_one_up_has_one_card_per_page_front_then_back(fmt):
    ctx, cards = K.context("faire-ensemble", fmt, 3.0)
    doc = C.plan_one_up(ctx, cards)
    w, h = K.FORMATS[fmt]
    assert len(doc.pages) == 2 * len(cards)
    for card, front, back in zip(cards, doc.pages[::2], doc.pages[1::2], strict=True):
        assert (front.trim.w, front.trim.h) == (w, h) and back.trim == front.trim
        groups = [i for i in front.items if isinstance(i, Group)]
        assert len(groups) == 1 and not K.back_refs(front)
        assert (groups[0].dx, groups[0].dy) == (front.trim.x, front.trim.y)
        (ref,) = [i for i in back.items if isinstance(i, FormRef)]
        assert ref.name == f"back-{card.kind}" and ref.at == back.bleed
        assert not K.front_groups(back)


def test_one_up_file_has_twice_as_many_pages_as_cards(build):
    _, cards = K.context("cooperation")
    data = build("cooperation", profile="press", calibration=True)["cards-1up.pdf"]
    assert len(K.reader(data).pages) == 2 * len(cards)


def test_the_back_colour_runs_into_the_bleed_on_one_up_back_pages(build):
    data = build("cooperation", profile="press", calibration=True)["cards-1up.pdf"]
    _, cards = K.context("cooperation")
    # the first back page of each kind
    firsts = {}
    for i, card in enumerate(cards):
        firsts.setdefault(card.kind, 2 * i + 1)
    dpi = 150
    px = dpi / 25.4
    ctx, _ = K.context("cooperation", "poker", 3.0)
    plan = C.plan_one_up(ctx, cards)
    pages = sorted(firsts.values())
    for index, img in zip(pages, K.render_pages(data, dpi, pages), strict=True):
        page = plan.pages[index]
        trim, bleed = page.trim, page.bleed
        # the ring between the trim and the bleed, a pixel clear of both edges
        inner = [round(v * px) for v in (trim.x, trim.y, trim.x2, trim.y2)]
        outer = [round(v * px) for v in (bleed.x, bleed.y, bleed.x2, bleed.y2)]
        strips = [
            (outer[0] + 1, outer[1] + 1, outer[2] - 1, inner[1] - 1),  # top
            (outer[0] + 1, inner[3] + 1, outer[2] - 1, outer[3] - 1),  # bottom
            (outer[0] + 1, outer[1] + 1, inner[0] - 1, outer[3] - 1),  # left
            (inner[2] + 1, outer[1] + 1, outer[2] - 1, outer[3] - 1),  # right
        ]
        colours = set()
        for strip in strips:
            region = img.crop(strip)
            colours |= {c for _, c in region.getcolors(maxcolors=1 << 16)}
        assert (255, 255, 255) not in colours, f"page {index + 1}: white in the bleed"
        assert len(colours) <= 2, f"page {index + 1}: the bleed is not one flat colour {colours}"
        # and beyond the bleed, the slug is white but for the crop marks
        corner = (1, 1, outer[0] - 2, outer[1] - 2)
        assert K.is_white(img, corner)

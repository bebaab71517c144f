"""The folding instructions, followed literally: a person lays the sheet as the first sentence
says, finds for each step the marks that carry its number where they can see them, folds the
part the step names the way it says, and ends with the cover on top, the right way up.

The steps are kit.layout.fold_steps' structured steps (the data the sentences and the diagram
are written from); the marks are read from the planned verso, the panels' content and rotation
from the built verso PDF, and the folding is tests/fold/paper.py. The sentences are checked to
name the same sides, directions and numbers, in French and in English.
"""

from __future__ import annotations

import pytest
import versopdf
from paper import Paper, seen_upright

from kit.finish import pdf_bytes
from kit.i18n import Messages
from kit.layout.fold_diagram import MOUNTAIN_DASH, VALLEY_DASH, sketches
from kit.layout.fold_marks import MARK_WIDTH
from kit.layout.fold_steps import instructions
from kit.layout.geometry import Color, Document, Group, Shape, TextBlock
from kit.layout.theme import DEFAULT_PALETTE, Palette
from kit.load.deck import load_deck
from kit.load.folds import load_fold_scheme
from kit.products.fold_instructions import sentences
from kit.products.guide_howto import diagram_style
from kit.products.map import plan_verso
from kit.render import fonts

SCHEMES = ("half-concertina", "road-map")
DASH = {VALLEY_DASH: "valley", MOUNTAIN_DASH: "mountain"}


@pytest.fixture(scope="module")
def built():
    """Per scheme: the scheme, the planned verso page and its PDF (the default deck)."""
    families = {"body": None, "display": None}
    for role in families:
        fonts.ensure(role)
    deck = load_deck("cooperation")
    out = {}
    for name in SCHEMES:
        page = plan_verso(deck, fonts.measure, name)
        out[name] = deck, page, pdf_bytes(Document((page,)), families)
    return out


def marks(page) -> list[dict]:
    """The fold marks drawn on the verso: line ends, which way they fold, and their number
    (the digit set closest to the line)."""
    lines = [item for item in page.items if isinstance(item, Shape) and item.style.dash in DASH
             and abs(item.style.width - MARK_WIDTH) < 1e-9]
    labels = []
    for item in page.items:
        if isinstance(item, TextBlock) and len(item.lines) == 1:
            text = "".join(s.text for s in item.lines[0].spans)
            if text.isdigit():
                line = item.lines[0]
                labels.append((int(text), line.x + line.width / 2, line.y - item.size * 0.12))
    out = []
    for shape in lines:
        (_, x0, y0), (_, x1, y1) = shape.path
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        number = min(labels, key=lambda lab: (lab[1] - cx) ** 2 + (lab[2] - cy) ** 2)[0]
        out.append({"ends": ((x0, y0), (x1, y1)), "kind": DASH[shape.style.dash],
                    "number": number})
    return out


def visible_line(paper: Paper, mark: dict):
    """Where a mark is on the table if someone above can see it, else None: (axis, at)."""
    (x0, y0), (x1, y1) = mark["ends"]
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    # the panels the mark is drawn on: either side of its line
    eps = 0.5
    probes = ((mx - eps, my), (mx + eps, my)) if abs(x0 - x1) < 1e-9 else \
        ((mx, my - eps), (mx, my + eps))
    for px, py in probes:
        cell = (int(px // paper.pw), int(py // paper.ph))
        if cell not in paper.panels:
            continue
        panel = paper.panels[cell]
        here = paper.centre(panel)
        pile = [p for p in paper.panels.values()
                if max(abs(a - b) for a, b in zip(paper.centre(p), here, strict=True)) < 1e-6]
        if panel is max(pile, key=lambda p: p.z) and panel.verso_up:
            (ax, ay), (bx, _) = panel.at(x0, y0), panel.at(x1, y1)
            return ("x", round(ax, 6)) if abs(ax - bx) < 1e-6 else ("y", round(ay, 6))
    return None


def map_outside(paper: Paper) -> bool:
    piles: dict = {}
    for p in paper.panels.values():
        piles.setdefault(tuple(round(v, 6) for v in paper.centre(p)), []).append(p)
    return any(not max(pile, key=lambda p: p.z).verso_up or min(pile, key=lambda p: p.z).verso_up
               for pile in piles.values())


@pytest.mark.parametrize("name", SCHEMES)
def test_following_the_steps_literally_puts_the_cover_on_top(built, name):
    deck, page, data = built[name]
    scheme = load_fold_scheme(name)
    instr = instructions(scheme)
    printed = versopdf.panels(data, scheme)
    drawn = marks(page)
    # "Lay the sheet flat, map side down, the cover at the bottom right, the right way up."
    rows = {"top": 0, "middle": None, "bottom": scheme.rows - 1}
    cols = {"left": 0, "centre": None, "right": scheme.cols - 1}
    vertical, horizontal = instr.cover_place
    cover = (cols[horizontal], rows[vertical])
    assert deck.title.split()[0] in printed[cover].text
    assert (printed[cover].rotation == 0) == instr.cover_upright
    paper = Paper(scheme.cols, scheme.rows, scheme.panel_width, scheme.panel_height)
    for step in instr.steps:
        seen = [(visible_line(paper, m), m) for m in drawn if m["number"] == step.number]
        seen = [(line, m) for line, m in seen if line is not None]
        assert seen, f"step {step.number}: no mark {step.number} in sight"
        lines = {line for line, _ in seen}
        assert len(lines) == 1, lines  # every mark in sight shows the same line
        assert {m["kind"] for _, m in seen} == {step.kind}  # and the same way of folding
        (axis, at), = lines
        assert step.moves in (("left", "right") if axis == "x" else ("top", "bottom"))
        outside_before = map_outside(paper)
        paper.fold(axis, at, step.moves, step.goes)
        if step.map_inside:
            assert outside_before and not map_outside(paper)
    top = paper.top()
    assert (top.col, top.row) == cover and top.verso_up
    assert seen_upright(top, printed[cover].rotation)
    assert not map_outside(paper)


@pytest.mark.parametrize("name", SCHEMES)
def test_the_steps_name_what_a_person_sees_moving(name):
    """The part a step names is the part that moves on the paper: a half is as wide as what
    stays, a panel one panel, a folded part thicker than the rest."""
    scheme = load_fold_scheme(name)
    paper = Paper(scheme.cols, scheme.rows, scheme.panel_width, scheme.panel_height)
    for step in instructions(scheme).steps:
        fold = step.fold
        i = 0 if fold.axis == "x" else 1
        low = fold.moves in ("left", "top")
        piles: dict = {}
        for p in paper.panels.values():
            piles.setdefault(tuple(round(v, 6) for v in paper.centre(p)), []).append(p)
        moving = {k: v for k, v in piles.items() if (k[i] < fold.at) == low}
        staying = {k: v for k, v in piles.items() if k not in moving}
        across = len({k[i] for k in moving})
        thick = max(len(v) for v in moving.values()) > max(len(v) for v in staying.values())
        if step.shape == "folded":
            assert thick
        else:
            assert not thick
            if step.shape == "half":
                assert across == len({k[i] for k in staying})
            elif step.shape == "panel":
                assert len(moving) == 1
            elif step.shape == "strip":
                assert across == 1 and len(moving) > 1
        paper.fold(fold.axis, fold.at, fold.moves, fold.goes)


@pytest.mark.parametrize("language", ("fr", "en"))
@pytest.mark.parametrize("name", SCHEMES)
def test_the_sentences_say_what_the_steps_do(name, language):
    t = Messages(language)
    instr = instructions(load_fold_scheme(name))
    said = sentences(instr, t)
    assert len(said) == len(instr.steps) + 1
    vertical, horizontal = instr.cover_place
    assert t(f"fold.place.{vertical}_{horizontal}") in said[0].text
    assert t("fold.upright") in said[0].text
    for step, sentence in zip(instr.steps, said[1:], strict=True):
        text = sentence.text
        assert sentence.number == step.number
        assert t(f"fold.{step.kind}") in text
        assert f" {t(f'fold.{step.goes}')}" in text
        other = "front" if step.goes == "behind" else "behind"
        assert f" {t(f'fold.{other}')}," not in text
        assert t(f"fold.part.{step.shape}.{step.moves}").format(n=step.count) in text
        assert f"\u00a0{step.number}" in text
        assert (t("fold.map_inside") in text or t("fold.both") in text) == step.map_inside
    assert t("fold.cover_on_top") in said[-1].text or t("fold.both") in said[-1].text


@pytest.mark.parametrize("name", SCHEMES)
def test_the_diagram_draws_each_step_as_the_text_says(name):
    """One sketch per step and one of the folded packet; each step's fold line is dashed as a
    valley or a mountain, its arrow solid (comes on top) or dashed (goes behind), and its
    roundel carries the step's number."""
    fonts.ensure("body")
    instr = instructions(load_fold_scheme(name))
    pal = Palette({k: Color.from_hex(v) for k, v in DEFAULT_PALETTE.items()})
    drawn = sketches(instr, 1 / 15, diagram_style(pal, 7.0), fonts.measure)
    assert len(drawn) == len(instr.steps) + 1
    for sketch, step in zip(drawn, instr.steps, strict=False):
        dashes = [i.style.dash for i in sketch.items
                  if isinstance(i, Shape) and i.style.dash in DASH]
        assert [DASH[d] for d in dashes] == [step.kind]
        arrows = [i for i in sketch.items if isinstance(i, Shape) and i.path[-1][0] == "C"]
        assert len(arrows) == 1 and (arrows[0].style.dash is None) == (step.goes == "front")
        digits = ["".join(s.text for s in block.lines[0].spans)
                  for group in sketch.items if isinstance(group, Group)
                  for block in group.items if isinstance(block, TextBlock)]
        assert str(step.number) in digits

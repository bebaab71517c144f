"""The folding instructions in words, in the deck's language, written from the scheme's steps
(kit.layout.fold_steps): the same data draws the step diagram and the numbered fold marks, so
the text, the drawings and the sheet cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

from kit.i18n import Messages
from kit.layout.fold_steps import Instructions, Step


@dataclass(frozen=True)
class Sentence:
    """One printed instruction: `number` (None for the opening sentence) and its text."""

    number: int | None
    text: str


def opening(instr: Instructions, t: Messages) -> str:
    """How to lay the sheet before the first fold."""
    vertical, horizontal = instr.cover_place
    place = t(f"fold.place.{vertical}_{horizontal}") if vertical and horizontal else ""
    upright = t("fold.upright" if instr.cover_upright else "fold.upside_down")
    return t("fold.start").format(place=place, upright=upright).replace(" ,", ",")


def step_text(step: Step, t: Messages, last: bool, press: bool = False) -> str:
    """One step: which way it folds, what moves, where to, along which marks, and what it
    achieves (the map inside, the cover on top)."""
    part = t(f"fold.part.{step.shape}.{step.moves}").format(n=step.count)
    result = ""
    if last and step.map_inside:
        result = t("fold.both")
    elif last:
        result = t("fold.cover_on_top")
    elif step.map_inside:
        result = t("fold.map_inside")
    return t("fold.step_press" if press else "fold.step").format(
        kind=t(f"fold.{step.kind}"), part=part,
                                 goes=t(f"fold.{step.goes}"), n=step.number, result=result)


def sentences(instr: Instructions, t: Messages, press: bool = False) -> list[Sentence]:
    """The opening sentence, then one per step, numbered like the fold marks. press: the sheet
    comes trimmed, without the marks of the margins: the steps name the diagram's lines."""
    first = opening(instr, t) if press else f"{opening(instr, t)} {t('fold.marks')}"
    out = [Sentence(None, first)]
    for step in instr.steps:
        out.append(Sentence(step.number, step_text(step, t, step is instr.steps[-1], press)))
    return out

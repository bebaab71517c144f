"""Every card format on every paper, for both default decks.

A full `kit build` per combination (with its preflight and printing guide) would take most of
a minute, so the matrix renders cards.pdf straight from the planner, the way the build renders
it; whole builds are exercised in the other files."""

from __future__ import annotations

import math

import cardcheck as K
import pytest

CASES = [(d, f, p) for d in K.DECKS for f in K.FORMATS for p in K.PAPERS_MM]


@pytest.fixture(scope="module")
def rendered():
    cache: dict[tuple[str, str, str], bytes] = {}

    def get(deck_id: str, fmt: str, paper: str) -> bytes:
        key = (deck_id, fmt, paper)
        if key not in cache:
            cache[key] = K.render(K.sheets(deck_id, fmt, paper))
        return cache[key]

    return get


@pytest.mark.parametrize(("deck_id", "fmt", "paper"), CASES)
def test_every_format_builds_on_every_paper(deck_id, fmt, paper, rendered, qpdf_if_installed,
                                           tmp_path):
    data = rendered(deck_id, fmt, paper)
    doc = K.sheets(deck_id, fmt, paper)
    _, cards = K.context(deck_id, fmt)
    per_sheet = len(K.front_groups(doc.pages[0]))
    r = K.reader(data)
    assert len(r.pages) == 2 * math.ceil(len(cards) / per_sheet)
    w, h = K.PAPERS_MM[paper]
    forms = set(K.form_xobjects(r))
    # one back per kind, one band per kind and pictogram, one footer: each stored once
    assert len(forms) == len({c.kind for c in cards}) + len({(c.kind, c.pictogram)
                                                             for c in cards}) + 1
    for i, page in enumerate(r.pages):
        media = [float(v) for v in page.mediabox]
        assert media == pytest.approx([0, 0, w * K.MM_TO_PT, h * K.MM_TO_PT], abs=0.01)
        backs = {n for n in K.page_form_names(page) if b"back-" in n}
        assert bool(backs) == (i % 2 == 1), f"page {i + 1}: fronts and backs out of step"
    qpdf_if_installed(data, tmp_path, f"{deck_id}-{fmt}-{paper}.pdf")
    # the fold-over layout of the same combination plans too
    fold = K.foldover(deck_id, fmt, paper)
    assert sum(len(K.front_groups(p)) for p in fold.pages) == len(cards)

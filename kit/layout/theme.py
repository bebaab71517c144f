"""The palette: named colours, a deck's overrides, and the contrast rule for text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kit.layout.geometry import Color, contrast_ratio
from kit.model.deck import Deck

#: sea-chart palette; kind colours are dark enough for white text (≥ 5:1) and stay at least
#: 20 ΔE apart under simulated protanopia, deuteranopia and tritanopia (tests/layout/test_theme)
DEFAULT_PALETTE = {
    "ink": "#1f2933",
    "muted": "#52606d",
    "paper": "#ffffff",
    "cream": "#fbf6ea",
    "stage": "#16427e",
    "pillar": "#692852",
    "beacon": "#1c7557",
    "current": "#961f21",
    "question": "#966105",
    "sea": "#d6e9ef",
    "deep": "#a9cfdc",
    "land": "#f3e6c4",
    "accent": "#e0a526",
}
KINDS = ("stage", "pillar", "beacon", "current", "question")
#: (text colour, background colour) pairs the kit prints: white on each kind's band (and,
#: with the same contrast, each kind's colour as text on paper), ink and muted text on paper
#: and on the cream of the cartouche and side column
TEXT_PAIRS = (
    *(("paper", kind) for kind in KINDS),
    ("ink", "paper"),
    ("muted", "paper"),
    ("ink", "cream"),
    ("muted", "cream"),
)


def contrast_of(a: str, b: str) -> float:
    """WCAG contrast of two #rrggbb colours."""
    return contrast_ratio(Color.from_hex(a), Color.from_hex(b))


@dataclass(frozen=True)
class Palette:
    colours: dict

    def __getitem__(self, name: str) -> Color:
        return self.colours[name]


def palette_for(deck: Deck) -> Palette:
    """The deck's colours: the default palette with the deck's own, each with the print
    shop's CMYK when the deck gives it (theme.cmyk), else CMYK derived from the RGB."""
    merged = dict(DEFAULT_PALETTE)
    merged.update(dict(deck.theme.palette))
    cmyk = dict(deck.theme.cmyk)
    colours = {}
    for name, value in merged.items():
        colour = Color.from_hex(value)
        if name in cmyk:
            c, m, y, k = cmyk[name]
            colour = replace(colour, c=c, m=m, y=y, k=k)
        colours[name] = colour
    return Palette(colours)

"""The default palette: readable white text on every kind, and kinds a colour-blind eye tells
apart (Machado, Oliveira & Fernandes 2009 simulation, full severity, CIE76 ΔE in Lab)."""

from __future__ import annotations

import itertools
import math

from kit.layout.geometry import WHITE, Color, contrast_ratio
from kit.layout.theme import DEFAULT_PALETTE, KINDS, TEXT_PAIRS, contrast_of

SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour: str) -> list[float]:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [lin(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5)]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def _seen(hex_colour: str, matrix) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    return _lab([max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                 for row in matrix])


def test_kinds_stay_apart_for_every_colour_vision():
    for name, matrix in SIMULATIONS.items():
        for a, b in itertools.combinations(KINDS, 2):
            d = math.dist(_seen(DEFAULT_PALETTE[a], matrix), _seen(DEFAULT_PALETTE[b], matrix))
            assert d >= 19.5, (name, a, b, round(d, 1))


def test_white_text_reads_on_every_kind_and_ink_on_paper():
    for kind in KINDS:
        assert contrast_ratio(Color.from_hex(DEFAULT_PALETTE[kind]), WHITE) >= 5.0, kind
    for text, background in TEXT_PAIRS:
        assert contrast_of(DEFAULT_PALETTE[text], DEFAULT_PALETTE[background]) >= 4.5

"""The vector pictograms: every one builds, fits its square, and has one accent and ink."""

from __future__ import annotations

import pytest

from kit.layout.geometry import Color, path_bounds
from kit.layout.pictograms import PICTOGRAM_NAMES, pictogram
from kit.model.schema import LANDMARKS

INK, ACCENT, PAPER = Color.from_hex("#1f3a4d"), Color.from_hex("#e07a5f"), Color.gray(1)


def test_every_landmark_and_card_kind_has_a_pictogram():
    assert set(LANDMARKS) <= set(PICTOGRAM_NAMES)
    assert {"question", "beacon", "current", "stage", "compass_rose", "site",
            "imaginary", "anchor"} <= set(PICTOGRAM_NAMES)


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
@pytest.mark.parametrize(("size", "x", "y"), [(6.0, 0.0, 0.0), (25.0, 10.0, 20.0)])
def test_a_pictogram_fits_its_square(name, size, x, y):
    shapes = pictogram(name, size, x, y, INK, ACCENT, PAPER)
    assert shapes
    for shape in shapes:
        b = path_bounds(shape.path)
        slack = shape.style.width / 2 + 1e-6 if shape.style.stroke else 1e-6
        assert b.x >= x - slack and b.y >= y - slack, (name, b)
        assert b.x2 <= x + size + slack and b.y2 <= y + size + slack, (name, b)


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_one_accent_and_ink_in_every_pictogram(name):
    shapes = pictogram(name, 20.0, 0.0, 0.0, INK, ACCENT, PAPER)
    assert any(s.style.fill == ACCENT for s in shapes), name
    assert any(s.style.stroke == INK or s.style.fill == INK for s in shapes), name
    # never thinner than 0.25 pt, even at card size
    small = pictogram(name, 6.0, 0.0, 0.0, INK, ACCENT, PAPER)
    assert all(s.style.width >= 0.25 * 25.4 / 72 - 1e-9 for s in small if s.style.stroke)


def test_an_unknown_pictogram_is_a_key_error():
    with pytest.raises(KeyError, match="dragon"):
        pictogram("dragon", 10, 0, 0, INK, ACCENT, PAPER)

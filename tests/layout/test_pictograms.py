"""Pictograms: every name builds, stays in its square, uses the palette, and stays pure."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from pathlib import Path

import pytest

from kit.layout import pictograms
from kit.layout.geometry import Color, Shape, path_bounds
from kit.layout.pictograms import MIN_LINE, PICTOGRAM_NAMES, pictogram

INK = Color.from_hex("#1f3a4d")
ACCENT = Color.from_hex("#e07a5f")
PAPER = Color.from_hex("#fbf6ec")
SIZES = (4.0, 6.0, 8.0, 25.0, 60.0)

REQUIRED = (
    "volcano",
    "semaphore",
    "bivouac",
    "lighthouse",
    "harbour",
    "star",
    "bridge",
    "forest",
    "mountain",
    "village",
    "question",
    "beacon",
    "current",
    "stage",
    "compass_rose",
    "site",
    "imaginary",
    "anchor",
    "boat",
)


def _build(name: str, size: float, x: float = 10.0, y: float = 20.0, **kw) -> tuple[Shape, ...]:
    return pictogram(name, size, x, y, INK, ACCENT, PAPER, **kw)


def _sample(path: tuple) -> list[tuple[float, float]]:
    """Points on the path (Béziers sampled), for the visible extent."""
    pts: list[tuple[float, float]] = []
    cur = (0.0, 0.0)
    for cmd in path:
        if cmd[0] in ("M", "L"):
            cur = (cmd[1], cmd[2])
            pts.append(cur)
        elif cmd[0] == "C":
            x1, y1, x2, y2, x3, y3 = cmd[1:]
            for i in range(1, 33):
                t = i / 32
                u = 1 - t
                pts.append(
                    (
                        u**3 * cur[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                        u**3 * cur[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                    )
                )
            cur = (x3, y3)
    return pts


def test_names_cover_the_required_set() -> None:
    assert set(REQUIRED) <= set(PICTOGRAM_NAMES)
    assert len(PICTOGRAM_NAMES) == len(set(PICTOGRAM_NAMES))


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
@pytest.mark.parametrize("size", SIZES)
def test_builds_inside_its_square(name: str, size: float) -> None:
    x, y = 10.0, 20.0
    shapes = _build(name, size, x, y)
    assert shapes and all(isinstance(s, Shape) for s in shapes)
    for s in shapes:
        tol = s.style.width / 2 + 1e-9
        b = path_bounds(s.path)
        assert b.x >= x - tol and b.y >= y - tol, (name, size, b)
        assert b.x2 <= x + size + tol and b.y2 <= y + size + tol, (name, size, b)
        assert all(math.isfinite(c) for cmd in s.path for c in cmd[1:])
        assert s.path[0][0] == "M"


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_stays_inside_with_a_heavy_line(name: str) -> None:
    size = 10.0
    for s in _build(name, size, 0, 0, line=size / 8):
        tol = s.style.width / 2 + 1e-9
        b = path_bounds(s.path)
        assert b.x >= -tol and b.y >= -tol and b.x2 <= size + tol and b.y2 <= size + tol


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_uses_accent_fill_and_ink_stroke(name: str) -> None:
    shapes = _build(name, 20)
    assert any(s.style.fill == ACCENT for s in shapes)
    assert any(s.style.stroke == INK for s in shapes)
    allowed = {INK, ACCENT, PAPER, None}
    assert all(s.style.fill in allowed and s.style.stroke in allowed for s in shapes)


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_line_width_round_and_clamped(name: str) -> None:
    for s in _build(name, 18):
        if s.style.stroke is not None:
            assert s.style.width == pytest.approx(1.0)
            assert s.style.cap == "round" and s.style.join == "round"
    assert all(s.style.width == pytest.approx(0.4) for s in _build(name, 18, line=0.4))
    assert all(s.style.width >= MIN_LINE for s in _build(name, 0.5))
    assert all(s.style.width >= MIN_LINE for s in _build(name, 10, line=0.01))


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_footprint_is_consistent_and_centred(name: str) -> None:
    size, x, y = 30.0, 5.0, 7.0
    shapes = _build(name, size, x, y)
    half = max(s.style.width for s in shapes) / 2
    pts = [p for s in shapes for p in _sample(s.path)]
    x0, x1 = min(p[0] for p in pts) - half, max(p[0] for p in pts) + half
    y0, y1 = min(p[1] for p in pts) - half, max(p[1] for p in pts) + half
    assert 0.80 <= max(x1 - x0, y1 - y0) / size <= 0.95, name
    assert (x0 + x1) / 2 == pytest.approx(x + size / 2, abs=0.01 * size)
    assert (y0 + y1) / 2 == pytest.approx(y + size / 2, abs=0.01 * size)


@pytest.mark.parametrize("name", PICTOGRAM_NAMES)
def test_scales_and_translates_exactly(name: str) -> None:
    small = _build(name, 10, 0, 0)
    big = _build(name, 30, 100, 50)
    assert len(small) == len(big)
    for a, b in zip(small, big, strict=True):
        assert [c[0] for c in a.path] == [c[0] for c in b.path]
        for ca, cb in zip(a.path, b.path, strict=True):
            for i, (va, vb) in enumerate(zip(ca[1:], cb[1:], strict=True)):
                assert vb == pytest.approx(va * 3 + (100 if i % 2 == 0 else 50), abs=1e-6)


def test_deterministic() -> None:
    for name in PICTOGRAM_NAMES:
        assert _build(name, 12) == _build(name, 12)


def test_unknown_name_raises_key_error() -> None:
    with pytest.raises(KeyError, match="kraken"):
        _build("kraken", 10)


def test_nonpositive_size_rejected() -> None:
    with pytest.raises(ValueError):
        _build("star", 0)


def test_no_pdf_or_svg_library_imported() -> None:
    source = Path(pictograms.__file__).read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"reportlab", "svgwrite", "pypdf", "pypdfium2"}

    code = (
        "import sys, kit.layout.pictograms as p; p.pictogram('star', 6, 0, 0, *[None] * 3);"
        "bad = [m for m in ('reportlab', 'svgwrite', 'pypdf') if m in sys.modules];"
        "print(','.join(bad))"
    )
    root = Path(pictograms.__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""

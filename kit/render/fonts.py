"""Fonts: OFL families from fontpkg packages, registered with reportlab once per process.

A family has four faces: regular, bold, italic, bolditalic. The kit names them
'<family>-<face>' in reportlab, and `measure` gives text widths in mm for the layout stage.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kit.errors import Diagnostic, KitError, Loc

FACES = ("regular", "bold", "italic", "bolditalic")
_STYLE = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
          "bolditalic": (700, "italic")}

#: role → fontpkg family name
DEFAULT_FAMILIES = {"body": "atkinson-hyperlegible", "display": "lora"}
PT_TO_MM = 25.4 / 72


def font_file(family: str, face: str) -> Path:
    """The TTF file of a face of an installed fontpkg family."""
    import fontpkg

    weight, style = _STYLE[face]
    try:
        return Path(fontpkg.path(family, weight=weight, style=style, nearest=True))
    except fontpkg.FontpkgError as exc:
        raise KitError(
            Diagnostic(
                Loc("theme.fonts"),
                f"police « {family} » indisponible ({exc}) : installez le paquet"
                f" fontpkg-{family}",
            )
        ) from None


_registered: dict[str, str] = {}


def register(role: str, family: str | None = None) -> str:
    """Register the four faces of the family used for `role`; returns the reportlab prefix."""
    family = family or DEFAULT_FAMILIES.get(role, DEFAULT_FAMILIES["body"])
    key = f"{role}:{family}"
    if key in _registered:
        return _registered[key]
    for face in FACES:
        name = f"{role}-{face}"
        if name in pdfmetrics.getRegisteredFontNames() and _registered.get(name) == family:
            continue
        pdfmetrics.registerFont(TTFont(name, str(font_file(family, face))))
        _registered[name] = family
    pdfmetrics.registerFontFamily(
        f"{role}-regular", normal=f"{role}-regular", bold=f"{role}-bold",
        italic=f"{role}-italic", boldItalic=f"{role}-bolditalic",
    )
    _registered[key] = role
    return role


def font_name(family_role: str, face: str) -> str:
    return f"{family_role}-{face}"


@lru_cache(maxsize=200_000)
def measure(text: str, face: str, family_role: str, size: float) -> float:
    """Width in mm of text in the registered face at size pt."""
    return pdfmetrics.stringWidth(text, f"{family_role}-{face}", size) * PT_TO_MM


def missing_glyphs(text: str, family_role: str, face: str = "regular") -> set[str]:
    """Characters of text the face has no glyph for (spaces and controls excepted)."""
    font = pdfmetrics.getFont(f"{family_role}-{face}")
    cmap = font.face.charToGlyph
    return {c for c in text if not c.isspace() and ord(c) not in cmap}

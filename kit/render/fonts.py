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
#: the broad-coverage family for characters the chosen ones lack (Latin, Greek, Cyrillic…)
FALLBACK = "fallback"
FALLBACK_FAMILY = "noto-sans"
PT_TO_MM = 25.4 / 72


def font_file(family: str, face: str) -> Path:
    """The TTF file of a face of an installed fontpkg family.

    A family without italics (many display faces) prints its italic as upright and its bold
    italic as bold, rather than refusing the deck."""
    import fontpkg

    weight, style = _STYLE[face]
    for s in (style, "normal"):
        try:
            return Path(fontpkg.path(family, weight=weight, style=s, nearest=True))
        except fontpkg.FontpkgError as exc:
            problem = exc
    raise KitError(
        Diagnostic(
            Loc("theme.fonts"),
            f"police « {family} » indisponible ({problem}) : installez le paquet"
            f" fontpkg-{family}",
        )
    )


_registered: dict[str, str] = {}  # role → family currently registered under the role's names


def register(role: str, family: str | None = None) -> str:
    """Register the four faces of `family` under the role's names ('body-regular', …).

    One build lays out one deck: when a deck's theme asks for another family, the role's
    names are registered again with it and the width cache is cleared.
    """
    family = family or DEFAULT_FAMILIES.get(role, DEFAULT_FAMILIES["body"])
    if _registered.get(role) == family:
        return role
    files = {face: font_file(family, face) for face in FACES}
    for face in FACES:
        pdfmetrics.registerFont(TTFont(f"{role}-{face}", str(files[face])))
    pdfmetrics.registerFontFamily(
        f"{role}-regular", normal=f"{role}-regular", bold=f"{role}-bold",
        italic=f"{role}-italic", boldItalic=f"{role}-bolditalic",
    )
    _registered[role] = family
    measure.cache_clear()
    return role


def ensure(role: str) -> str:
    """Make sure the role has a family registered (the default if the deck chose none)."""
    if role not in _registered:
        register(role, FALLBACK_FAMILY if role == FALLBACK else None)
    return role


def use_deck_fonts(theme_fonts: dict) -> dict[str, str]:
    """Register the body and display families a deck's theme names (defaults otherwise)."""
    chosen = {role: theme_fonts.get(role) or default for role, default in
              DEFAULT_FAMILIES.items()}
    for role, family in chosen.items():
        register(role, family)
    return chosen


def font_name(family_role: str, face: str) -> str:
    return f"{family_role}-{face}"


@lru_cache(maxsize=200_000)
def _width(text: str, face: str, family_role: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, f"{family_role}-{face}", size) * PT_TO_MM


@lru_cache(maxsize=8)
def _charmap(name: str) -> frozenset:
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


class _Metrics:
    """Text widths for the layout stage, and which characters each registered face carries.

    Characters the chosen family lacks are set in FALLBACK (Noto Sans, broad coverage),
    embedded like the others; `covers` tells the layout which."""

    fallback = FALLBACK

    def __call__(self, text: str, face: str, family_role: str, size: float) -> float:
        """Width in mm of text in the registered face at size pt."""
        if family_role == FALLBACK:
            ensure(FALLBACK)
        return _width(text, face, family_role, size)

    def covers(self, char: str, family_role: str, face: str = "regular") -> bool:
        if char in " \u00a0\n" or ord(char) < 32:
            return True
        if family_role == FALLBACK:
            ensure(FALLBACK)
        return ord(char) in _charmap(f"{family_role}-{face}")

    def covers_all(self, text: str, family_role: str, face: str = "regular") -> bool:
        """Whether the face carries every character of text (the common case, in one go)."""
        if family_role == FALLBACK:
            ensure(FALLBACK)
        missing = set(map(ord, text)) - _charmap(f"{family_role}-{face}")
        return all(code in (0x20, 0xA0, 0x0A) or code < 32 for code in missing)

    def cache_clear(self) -> None:
        _width.cache_clear()
        _charmap.cache_clear()


measure = _Metrics()


def family_of(role: str) -> str:
    """The fontpkg family registered for a role (after the deck's theme was applied)."""
    ensure(role)
    return _registered[role]


def family_name(family: str) -> str:
    """A fontpkg family's real name ('Atkinson Hyperlegible'), for CSS and SVG."""
    import fontpkg

    return fontpkg.family(family).name

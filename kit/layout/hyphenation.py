"""Where a word may break at the end of a line: hyphenation points from pyphen's dictionaries
(French usage: two letters before the break, three after; proper names only at their own
hyphens), and the break points of a web address, which is never hyphenated."""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

_HYPHEN_LANG = {"fr": "fr_FR", "en": "en_GB"}  # pyphen's own guess for the rest


@lru_cache(maxsize=8)
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    lang = _HYPHEN_LANG.get(language) or pyphen.language_fallback(language)
    # French usage: at least two letters before the break and three after
    return pyphen.Pyphen(lang=lang, left=2, right=3) if lang else None


def is_url(word: str) -> bool:
    """Is the word a web address (it is broken without adding a hyphen)?"""
    return "://" in word or word.lower().startswith("www.")


@lru_cache(maxsize=2000)
def url_points(word: str) -> tuple[int, ...]:
    """Where a web address (or the rest of one) may break, as typesetters do: after a slash,
    before a dot, a hyphen or other punctuation, never inside its scheme (https://)."""
    scheme = word.find("://")
    start = scheme + 3 if scheme >= 0 else 0
    points = set()
    for i in range(start + 1, len(word)):
        if word[i - 1] == "/" and word[i] != "/":
            points.add(i)
        elif word[i] in ".-_?#&=~":
            points.add(i)
    return tuple(sorted(p for p in points if 0 < p < len(word)))


@lru_cache(maxsize=20000)
def hyphen_points(word: str, language: str) -> tuple[int, ...]:
    """Positions where `word` may break with a hyphen (after existing hyphens too)."""
    points = {i + 1 for i, c in enumerate(word[:-1]) if c in "-\u2010" and i > 0}
    h = _hyphenator(language)
    # proper names (a capital first: Seine-Saint-Denis, Ulamir) break only at their hyphens
    if h is not None and len(word) >= 5 and not word[:1].isupper():
        # hyphenate each alphabetic run; positions are offsets in the whole word
        for m in re.finditer(r"[^\W\d_]{5,}", word):
            points.update(m.start() + p for p in h.positions(m.group(0)))
    return tuple(sorted(points))


def break_points(word: str, language: str, url: bool) -> tuple[int, ...]:
    """Where a word may break at a line's end: a web address (url) at url_points, without a
    hyphen; any other word at its hyphenation points."""
    return url_points(word) if url else hyphen_points(word, language)

"""How much of a text fits: the figure an overflow message gives (« au plus N caractères »)."""

from __future__ import annotations

from collections.abc import Callable


def max_chars(text: str, fits: Callable[[str], bool]) -> int:
    """The length of the longest start of `text`, cut between words, for which `fits` holds
    (0 when not even the first word does). Assumes a shorter text never fits worse."""
    ends = [i for i, c in enumerate(text) if c == " "] + [len(text)]
    lo, hi = 0, len(ends)  # ends[:lo] fit; ends[hi:] do not
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(text[:ends[mid]].rstrip()):
            lo = mid + 1
        else:
            hi = mid
    return len(text[:ends[lo - 1]].rstrip()) if lo else 0

"""Names in the kit's messages: the nearest known name to a mistyped one (did_you_mean,
suggest_key, in both key languages) and the identifier a title makes (slugify)."""

from __future__ import annotations

import difflib
import re

from kit.model.schema import key_names


def did_you_mean(word: str, candidates) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def suggest_key(word: str, fields, french: bool = False) -> str:
    """did_you_mean over the keys' names in both languages: « balise » → « balises »,
    « titel » → « title » (or « titre » where the author writes French keys; the author's
    language wins a tie)."""
    english = [f.name for f in fields]
    other = [name for f in fields for name in key_names(f.name)[1:]]
    best = []
    for names in ((other, english) if french else (english, other)):
        close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        if close:
            ratio = difflib.SequenceMatcher(None, word, close[0]).ratio()
            best.append((ratio, close[0]))
    if not best:
        return ""
    choice = best[0] if len(best) == 1 or best[0][0] >= best[1][0] else best[1]
    return f" ; vouliez-vous dire « {choice[1]} » ?"


def slugify(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"

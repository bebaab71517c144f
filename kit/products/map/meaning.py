"""Where a place stands by what it is called: a port, a cape, a bay, a beach… on the coast; a
belvédère, a summit, a volcano… on high ground. A landmark's own sign speaks first (a
lighthouse, a harbour or a semaphore stands on the coast, a volcano or a mountain on high
ground), then the words of its name, in French or English, whole words, accents and case
aside. Anything else goes where the land has room."""

from __future__ import annotations

import re
import unicodedata

COAST, HIGH = "coast", "high"

COAST_LANDMARKS = frozenset({"lighthouse", "harbour", "port", "semaphore"})
HIGH_LANDMARKS = frozenset({"volcano", "mountain"})

COAST_WORDS = frozenset("""
    port ports cap caps baie baies crique criques plage plages quai quais phare phares anse
    anses rade havre greve falaise falaises calanque calanques ponton jetee embarcadere digue
    estuaire rivage littoral semaphore capitainerie
    harbour harbor harbours harbors cape bay bays cove coves beach beaches quay quays wharf
    pier piers lighthouse shore shores coast cliff cliffs jetty dock docks marina seafront
""".split())
HIGH_WORDS = frozenset("""
    belvedere belvederes sommet sommets mont monts montagne montagnes pic pics crete cretes
    volcan volcans colline collines cime cimes panorama promontoire
    belvedere lookout summit summits peak peaks mount mountain mountains hill hills ridge
    volcano volcanoes viewpoint overlook
""".split())


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[a-z]+", plain)


def standing(title: str, landmark: str = "") -> str:
    """'coast', 'high' or '' for a place called `title` (drawn as `landmark`, if any)."""
    if landmark in COAST_LANDMARKS:
        return COAST
    if landmark in HIGH_LANDMARKS:
        return HIGH
    words = _words(title)
    coast = any(w in COAST_WORDS for w in words)
    high = any(w in HIGH_WORDS for w in words)
    if coast and not high:
        return COAST
    if high and not coast:
        return HIGH
    return ""

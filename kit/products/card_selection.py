"""`--cards`: some of a deck's cards, to reprint the ones a group lost.

A choice is a list of words: an entity's id (its own card: the beacon's card for a beacon,
not its questions), a kind (« balises », « questions »…, French or English, with or without
accents), or a kind and the number printed on the card (« question:17 », « balise:2 »). The
chosen cards keep their numbers (Balise · 2/4), so each replaces the card it stands for.
"""

from __future__ import annotations

import re
import unicodedata

from kit.errors import Diagnostic, KitError, Loc
from kit.validate import did_you_mean

#: kind → the words that name it
KIND_WORDS = {
    "stage": ("etape", "etapes", "stage", "stages"),
    "pillar": ("pilier", "piliers", "pillar", "pillars"),
    "beacon": ("balise", "balises", "beacon", "beacons"),
    "current": ("courant", "courants", "current", "currents"),
    "question": ("question", "questions"),
}
WHERE = Loc("--cards")


def _plain(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _kind_of(word: str) -> str | None:
    for kind, words in KIND_WORDS.items():
        if word in words:
            return kind
    return None


def select_cards(cards: list, choice: tuple[str, ...], where: Loc = WHERE) -> list:
    """The cards `choice` names, in the deck's order; every word that names none is an
    error (all reported at once)."""
    own = {}  # entity id → its own card
    for card in cards:
        entity_kind = type(card.entity).__name__.lower()
        if entity_kind == card.kind:
            own.setdefault(card.entity.id, card)
    chosen: set[int] = set()
    problems = []
    for word in choice:
        key = _plain(word)
        number = re.fullmatch(r"([a-z]+)\s*[:#-]?\s*(\d+)", key)
        kind = _kind_of(key)
        if key in own:
            chosen.add(id(own[key]))
        elif kind:
            chosen |= {id(c) for c in cards if c.kind == kind}
        elif number and _kind_of(number.group(1)):
            kind, n = _kind_of(number.group(1)), int(number.group(2))
            match = [c for c in cards if c.kind == kind and c.number == n]
            if match:
                chosen.add(id(match[0]))
            else:
                total = sum(1 for c in cards if c.kind == kind)
                problems.append(Diagnostic(where, f"« {word} » : pas de carte {kind_name(kind)}"
                                                  f" n° {n} (il y en a {total})"))
        else:
            words = [*own, *(w for ws in KIND_WORDS.values() for w in ws)]
            problems.append(Diagnostic(where, f"« {word} » : ni l'identifiant d'une carte, ni une"
                                              " sorte de cartes (etapes, piliers, balises,"
                                              " courants, questions), ni un numéro"
                                              " (question:17)" + did_you_mean(key, words)))
    if problems:
        raise KitError(problems)
    return [c for c in cards if id(c) in chosen]


def kind_name(kind: str) -> str:
    return {"stage": "étape", "pillar": "pilier", "beacon": "balise", "current": "courant",
            "question": "question"}[kind]

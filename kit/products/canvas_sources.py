"""Where a canvas zone's texts come from: its `source` (pillars, stages, questions of a stage,
a pillar or a beacon, by position or by id) read from the deck."""

from __future__ import annotations

import re

from kit.errors import Diagnostic, KitError
from kit.load.canvases import Zone
from kit.model.deck import Deck


def resolve_source(deck: Deck, zone: Zone, builtin: bool = False) -> list[str]:
    """The deck texts a zone pulls; a reference the deck lacks is an error at the template.

    A deck with none of the kind named (no pillars, or `questions:stage:1` and no stages)
    gives nothing: the zone stays blank, to be filled in by hand (a draft deck, or one that
    does without pillars, still gets every canvas). So does a position the deck does not
    reach in a `builtin` template (`questions:stage:2` and a one-stage draft): the
    facilitator cannot edit the kit's own templates; in their own, it is an error."""
    source = zone.source
    loc = zone.locs.get("source", zone.loc)
    kind, _, rest = source.partition(":")
    if kind != "questions":
        items = getattr(deck, kind)
        return [e.title for e in items]
    if not rest:
        return [q.text for q in deck.questions] + [t for b in deck.beacons for t in b.questions]
    m = re.fullmatch(r"(stage|pillar|beacon):(\d+)", rest)
    if m:
        entities = getattr(deck, m.group(1) + "s")
        n = int(m.group(2))
        if not entities or builtin and n > len(entities):
            return []
        if not 1 <= n <= len(entities):
            from kit.model.schema import ENTITY_KIND_NAMES

            noun = ENTITY_KIND_NAMES[m.group(1) + "s"]
            raise KitError(Diagnostic(loc, f"source « {source} » : le deck « {deck.id} » n'a"
                                           f" que {len(entities)} {noun}(s)"))
        target = entities[n - 1]
    else:
        target = deck.entity(rest)
        if target is None or type(target).__name__ not in ("Stage", "Pillar", "Beacon"):
            raise KitError(Diagnostic(loc, f"source « {source} » : le deck « {deck.id} » n'a"
                                           f" pas d'étape, de pilier ni de balise « {rest} »"))
    texts = [q.text for q in deck.questions if q.target and q.target[1] == target.id]
    texts += list(getattr(target, "questions", ()))
    return texts

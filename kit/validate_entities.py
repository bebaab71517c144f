"""The deck's entities (stages, pillars, beacons, currents, questions, sites, imaginaries) built
from their validated values: identifiers unique across the deck, one target per question,
resources and map pins as model objects."""

from __future__ import annotations

from kit.load.yamlsrc import YMap
from kit.model import deck as m
from kit.model.schema import ENTITY_FIELDS, ENTITY_KIND_NAMES
from kit.validate_values import Validator

ENTITY_CLASSES = {
    "stages": m.Stage,
    "pillars": m.Pillar,
    "beacons": m.Beacon,
    "currents": m.Current,
    "questions": m.Question,
    "sites": m.Site,
    "imaginaries": m.Imaginary,
}


def build_entity(v: Validator, kind: str, node: YMap, values: dict, all_ids: dict):
    entity_id = values.get("id")
    if entity_id is None:
        return None
    if entity_id in all_ids:
        other_kind, other_loc = all_ids[entity_id]
        v.errors.error(
            node.get("id").loc,
            f"identifiant « {entity_id} » déjà utilisé ({ENTITY_KIND_NAMES[other_kind]},"
            f" {other_loc}) : chaque identifiant est unique dans le deck",
        )
        return None
    all_ids[entity_id] = (kind, node.get("id").loc)
    cls = ENTITY_CLASSES[kind]
    required = [f.name for f in ENTITY_FIELDS[kind] if f.required]
    if any(name not in values for name in required):
        return None  # already reported
    if kind == "questions":
        targets = [t for t in ("stage", "pillar", "beacon") if t in values]
        if len(targets) > 1:
            v.errors.error(
                node.key_loc(targets[1]),
                f"question « {entity_id} » : une seule cible parmi stage, pillar, beacon"
                f" (trouvé {', '.join(targets)})",
            )
    kwargs = dict(values)
    if kind == "pillars" and "trails" in kwargs:
        trails = kwargs["trails"]
        kwargs["trails"] = tuple(t["text"] if isinstance(t, dict) else t for t in trails)
        labels = tuple(t.get("label") if isinstance(t, dict) else None for t in trails)
        if any(labels):
            kwargs["trail_labels"] = labels
    if "resources" in kwargs:
        kwargs["resources"] = build_resources(kwargs["resources"])
    if "map" in kwargs:
        kwargs["map"] = m.Pin(**kwargs["map"]) if len(kwargs["map"]) == 2 else None
    locs = m.Locs(tuple((key, node.get(key).loc) for key in node.entries))
    return cls(loc=node.loc, locs=locs, **kwargs)


def build_resources(items: list) -> tuple[m.Resource, ...]:
    # an item with a bad field is already reported: keep only the complete ones
    return tuple(m.Resource(**vals) for _, vals in items if {"title", "url"} <= vals.keys())

"""References between entities (a stage's beacons, a question's stage, pillar or beacon): each
names an entity of the deck, or an error says which one it may have meant, or where `remove`
took it away."""

from __future__ import annotations

from kit.model.schema import ENTITY_FIELDS, ENTITY_KIND_NAMES, agree
from kit.names import did_you_mean
from kit.validate_values import Validator

_REF_FIELDS = {
    "stages": (("beacons", "beacons"),),
    "pillars": (("beacons", "beacons"),),
    "questions": (("stage", "stages"), ("pillar", "pillars"), ("beacon", "beacons")),
}


def check_references(v: Validator, top: dict, unreadable: set[str]) -> None:
    """Check the references of every entity, even one with another error (all in one run).

    An entity declared with a valid id but another error (already reported) is not
    "unknown" as well where it is referenced.
    """
    ids = {
        kind: {values["id"] for _, values in top.get(kind, ()) if "id" in values}
        for kind in ENTITY_FIELDS
    }
    for kind, refs in _REF_FIELDS.items():
        for node, values in top.get(kind, ()):
            for attr, target_kind in refs:
                value = values.get(attr)
                targets = value if isinstance(value, tuple) else ((value,) if value else ())
                if not targets:
                    continue
                ref_node = node.get(attr)
                # a list of references cites each item, not the list
                items = ref_node.items if ref_node.kind == "list" else []
                locs = {i.value: i.loc for i in items if i.kind == "scalar"}
                for target in targets:
                    if target in ids[target_kind] or target_kind in unreadable:
                        continue
                    noun = ENTITY_KIND_NAMES[target_kind]
                    where = locs.get(target, ref_node.loc)
                    if target in v.removed:
                        v.errors.error(
                            where,
                            f"{noun} « {target} » {agree(target_kind, 'retiré')} du deck de base"
                            f" ({v.removed[target]}) mais encore {agree(target_kind, 'référencé')}"
                            f" ici par « {values.get('id', '?')} »",
                        )
                    else:
                        v.errors.error(
                            where,
                            f"{noun} « {target} » {agree(target_kind, 'inconnu')}"
                            + did_you_mean(target, ids[target_kind]),
                        )


#: what a current may be near, in the order a message names them
_NEAR_KINDS = ("stages", "beacons", "pillars")


def check_near(v: Validator, top: dict, unreadable: set[str]) -> None:
    """A current's `near` names a stage, a beacon or a pillar of the deck."""
    if unreadable & set(_NEAR_KINDS):
        return
    ids = [values["id"] for kind in _NEAR_KINDS for _, values in top.get(kind, ())
           if "id" in values]
    for node, values in top.get("currents", ()):
        near = values.get("near")
        if near is None or near in ids:
            continue
        where = node.get("near").loc
        key = node.written("near")  # « près » in a deck written in French
        if near in v.removed:
            v.errors.error(where, f"courant « {values.get('id', '?')} » : {key} « {near} » a été"
                                  f" retiré du deck de base ({v.removed[near]})")
        else:
            v.errors.error(where, f"courant « {values.get('id', '?')} » : {key} « {near} » n'est"
                                  " ni une étape, ni une balise, ni un pilier du deck"
                                  + did_you_mean(near, ids))

"""`remove:` in a territory deck: drop entities of the base deck, and what depends on them.

The territory author cannot edit the base deck's file, so nothing `remove` does may end in an
error located there. Removing an element therefore also removes, from the base:

- the questions tied to it (a question has one target: without it, it has no place on a card);
- the references to it in the base's lists (a stage's or a pillar's `beacons`);
- a base current's `near` naming it (the map then draws that current along the route).

Each removal that took something along gives one note, at the `remove` entry, naming what went
with it; `kit diff` lists those questions as removed. An element the territory deck gives again
(same id: it replaces the base's) takes nothing along.

An id the base lacks is an error at its `remove` entry, with a suggestion: a close id, or the id
of the element whose title was written (`remove: [silos]` → « services-qui-ne-se-croisent-pas »,
titled "Les silos": the map prints titles, not ids).
"""

from __future__ import annotations

import difflib
import re

from kit.errors import Collector, Diagnostic, Loc
from kit.load.yamlsrc import YMap, YScalar, YSeq
from kit.model.deck import ENTITY_KINDS
from kit.model.schema import ENTITY_KIND_NAMES, agree
from kit.validate import did_you_mean, slugify

#: the fields of a base entity that name other entities: a list of ids or one id
_REFS = {"stages": ("beacons",), "pillars": ("beacons",), "currents": ("near",)}
_TARGETS = ("stage", "pillar", "beacon")
#: articles a title starts with, left out when it is compared with what was written
_ARTICLE = re.compile(r"^(?:le|la|les|l|un|une|des|du|de|d|the|a|an)-")


def apply_remove(base: YMap, remove, given: set[str], errors: Collector,
                 key: str = "remove") -> tuple[dict[str, Loc], list[Diagnostic]]:
    """Drop the listed ids (and what depends on them) from the base tree, in place.

    given: the ids the extending deck gives again. Returns ({removed id: loc of its remove
    entry}, notes)."""
    if remove is None:
        return {}, []
    if not isinstance(remove, YSeq):
        errors.error(remove.loc, f"{key} : les identifiants à retirer entre crochets, par"
                                 " exemple « remove: [bouteilles-a-la-mer] »")
        return {}, []
    present: dict[str, tuple[str, YMap]] = {}
    for kind in ENTITY_KINDS:
        seq = base.get(kind)
        if isinstance(seq, YSeq):
            for node in seq.items:
                if _id(node):
                    present[_id(node)] = (kind, node)
    removed: dict[str, Loc] = {}
    for item in remove.items:
        if not isinstance(item, YScalar) or not item.value:
            errors.error(item.loc, f"{key} : chaque élément est un identifiant, par exemple"
                                   " « [bouteilles-a-la-mer, silos] »")
            continue
        if item.value not in present:
            errors.error(item.loc, f"{key} : aucun élément « {item.value} » dans le deck de base"
                                   + _suggestion(item.value, present, key))
            continue
        removed[item.value] = item.loc
    notes = _take_along(base, removed, given, {i: present[i][0] for i in removed})
    for kind in ENTITY_KINDS:
        seq = base.get(kind)
        if isinstance(seq, YSeq):
            kept = [n for n in seq.items if _id(n) not in removed]
            base.entries[kind] = (base.key_loc(kind), YSeq(kept, seq.loc))
    return removed, notes


def _take_along(base: YMap, removed: dict[str, Loc], given: set[str],
                kinds: dict[str, str]) -> list[Diagnostic]:
    """Remove the questions tied to a removed element and drop the references to it from the
    base's lists; one note per removed element that took something along."""
    gone = {i: loc for i, loc in removed.items() if i not in given}
    questions: dict[str, list[str]] = {}
    references: dict[str, list[str]] = {}
    seq = base.get("questions")
    if isinstance(seq, YSeq):
        for node in seq.items:
            target = next((node.get(t).value for t in _TARGETS
                           if isinstance(node, YMap) and isinstance(node.get(t), YScalar)), None)
            if target in gone and _id(node) and _id(node) not in given:
                questions.setdefault(target, []).append(_id(node))
    for kind, fields in _REFS.items():
        seq = base.get(kind)
        if not isinstance(seq, YSeq):
            continue
        for i, node in enumerate(seq.items):
            if not isinstance(node, YMap) or _id(node) in removed:
                continue
            for name in fields:
                refs = node.get(name)
                # a list of ids (a stage's beacons) or one id (a current's near)
                items = refs.items if isinstance(refs, YSeq) else [refs]
                dropped = [r for r in items if isinstance(r, YScalar) and r.value in gone]
                if not dropped:
                    continue
                for r in dropped:
                    references.setdefault(r.value, []).append(_id(node) or "?")
                copy = YMap(dict(node.entries), node.loc, dict(node.names))
                if isinstance(refs, YSeq):
                    kept = [r for r in items if r not in dropped]
                    copy.entries[name] = (node.key_loc(name), YSeq(kept, refs.loc))
                else:
                    del copy.entries[name]
                seq.items[i] = node = copy
    notes = []
    for entity_id, loc in gone.items():
        kind = kinds[entity_id]
        said = f"{ENTITY_KIND_NAMES[kind]} « {entity_id} » {agree(kind, 'retiré')}"
        taken = questions.get(entity_id, [])
        if taken:
            n = len(taken)
            said += (f" avec {'les' if n > 1 else 'la'} {n if n > 1 else ''}"
                     f"{' ' if n > 1 else ''}question{'s' if n > 1 else ''} qui lui"
                     f" {'sont liées' if n > 1 else 'est liée'} ({', '.join(taken)})")
            for question in taken:
                removed[question] = loc
        if references.get(entity_id):
            shown = ", ".join(f"« {i} »" for i in references[entity_id])
            said += f", et n'est plus {agree(kind, 'cité')} par {shown}"
        if taken or references.get(entity_id):
            notes.append(Diagnostic(loc, said))
    return notes


def _id(node) -> str | None:
    if isinstance(node, YMap):
        value = node.get("id")
        if isinstance(value, YScalar):
            return value.value
    return None


def _suggestion(written: str, present: dict[str, tuple[str, YMap]], key: str = "remove"
                ) -> str:
    """A close id, or else the id of the element whose title was written (`key`: remove as
    the deck spells it)."""
    close = did_you_mean(written, present)
    if close:
        return close
    wanted = _ARTICLE.sub("", slugify(written))
    titles: dict[str, str] = {}
    for entity_id, (_, node) in present.items():
        title = node.get("title")
        if isinstance(title, YScalar) and title.value:
            titles.setdefault(_ARTICLE.sub("", slugify(title.value)), entity_id)
    match = titles.get(wanted)
    if match is None:
        near = difflib.get_close_matches(wanted, list(titles), n=1, cutoff=0.75)
        match = titles[near[0]] if near else None
    if match is None:
        return ""
    kind, node = present[match]
    title = " ".join(node.get("title").value.split())
    return (f" ; vouliez-vous dire « {match} » ({title}) ? {key} prend l'identifiant"
            f" ({ENTITY_KIND_NAMES[kind]}), pas le titre")

"""A deck's keys as the kit names them: French names become English ones, shorthands expand.

A facilitator may write every key of the deck format in French (`étapes:`, `titre:`,
`texte:`…, table in kit.model.schema.FRENCH_KEYS) or in English, even both in one deck (a
French territory deck extends an English-keyed base). This pass runs on each file as soon as it
is read, before lists are read from spreadsheets, before merging and before validation, so all
of those see one spelling. A key is renamed only where its English name is a field of that
mapping; what is unknown stays as written, for the validator to report with a suggestion in
either language. Each renamed key's spelling is kept (YMap.names) so that messages name it the
way the author wrote it.

It also expands the shorthands: `credits: Merci à…` is `credits: {text: Merci à…}`.
"""

from __future__ import annotations

from kit.errors import Diagnostic
from kit.load.yamlsrc import YMap, YNode, YScalar, YSeq
from kit.model.schema import DECK_FIELDS, Field, french_names, key_names

#: the keys of `{from: FILE, sheet: NAME}`, which may stand where an entity list is expected
REFERENCE_FIELDS = (Field("from", "line"), Field("sheet", "line"))


def canonical_deck(tree: YNode, problems: list[Diagnostic]) -> YNode:
    """The deck tree with English keys; a key given twice, in two languages, is a problem at
    the second."""
    return _mapping(tree, DECK_FIELDS, problems)


def _mapping(node, fields: tuple[Field, ...], problems: list[Diagnostic]):
    if not isinstance(node, YMap):
        return node
    known = {f.name: f for f in fields}
    aliases = {spelling: f.name for f in fields for spelling in french_names(f.name)}
    out = YMap({}, node.loc, dict(node.names))
    for key, (key_loc, value) in node.entries.items():
        name = key if key in known else aliases.get(key, key)
        if name in out.entries:
            first_loc = out.entries[name][0]
            first = out.written(name)
            problems.append(Diagnostic(key_loc, f"« {key} » et « {first} » (ligne {first_loc.line})"
                                                " sont la même clé, en deux langues : gardez-en"
                                                " une"))
            continue
        out.entries[name] = (key_loc, _value(known.get(name), value, problems))
        if name != key:
            out.names[name] = key
    return out


def _value(f: Field | None, value, problems: list[Diagnostic]):
    if f is None:
        return value
    if f.type == "object" and not f.open_keys:
        if f.shorthand and isinstance(value, YScalar) and value.value is not None:
            return YMap({f.shorthand: (value.loc, value)}, value.loc)
        return _mapping(value, f.fields, problems)
    if f.type == "objects":
        if isinstance(value, YSeq):
            return YSeq([_mapping(item, f.fields, problems) for item in value.items], value.loc)
        if isinstance(value, YMap) and not set(key_names("id")) & value.entries.keys():
            # {from: …, sheet: …}
            return _mapping(value, REFERENCE_FIELDS, problems)
        return _mapping(value, f.fields, problems)  # an entity without its "- "
    if f.type == "texts" and f.fields and isinstance(value, YSeq):
        # a trail may be {texte: …, étiquette: …}: its keys are renamed too
        return YSeq([_mapping(item, f.fields, problems) for item in value.items], value.loc)
    if f.type == "keyed" and isinstance(value, YMap):
        out = YMap({}, value.loc, dict(value.names))
        for key, (key_loc, sub) in value.entries.items():
            out.entries[key] = (key_loc, _mapping(sub, f.fields, problems))
        return out
    return value

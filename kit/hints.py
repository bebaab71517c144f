"""What to write instead: the advice that goes with a value of the wrong shape or a misplaced key.

A facilitator does not know what a "mapping" or a "scalar" is, and "expected a dictionary" does
not say what to type. Every message here names the key as it was written and shows the form
that works (`name: …` on the next line, indented; `- ` before each element; `[a, b]`).
Two slips are recognised from the tree itself, where YAML accepted the file:

- a missing colon: `territory:` followed by `name Pays de Morlaix` is the text "name Pays de
  Morlaix" where fields were expected; its first word being a field of `territory` says the
  colon is missing after it;
- a key indented too little: `territory:` left empty and `name:` at its level, or a stage's
  `text:` at the level of `stages:`, is an unknown key right after the entry it belongs to.
"""

from __future__ import annotations

from kit.errors import Loc
from kit.load.yamlsrc import YMap, YScalar, YSeq
from kit.model.schema import ENTITY_FIELDS, Field, key_names, written_name

#: an example of one entry for the mappings whose keys are free
_OPEN_EXAMPLES = {
    "palette": "stage: \"#1d4e89\"",
    "fonts": "body: atkinson-hyperlegible",
    "cmyk": "stage: [100, 60, 0, 20]",
}


def _sub_fields(f: Field | None, french: bool) -> str:
    if f is None or not f.fields:
        return "clé: valeur"
    shown = [sub for sub in f.fields if sub.type != "object"][:3]
    return ", ".join(f"{written_name(sub.name, 'fr' if french else 'en')}: …" for sub in shown)


def missing_colon(node, f: Field | None) -> tuple[Loc, str] | None:
    """`name Pays de Morlaix` where the fields of `f` were expected: (where the colon goes,
    the key written) when the text's first word is one of those fields."""
    if f is None or not isinstance(node, YScalar) or not node.value or not f.fields:
        return None
    word, _, rest = node.value.partition(" ")
    names = {spelling for sub in f.fields for spelling in key_names(sub.name)}
    if word in names and rest.strip():
        loc = node.loc
        return Loc(loc.file, loc.line, loc.column + len(word)), word
    return None


def wrong_shape(what: str, key: str, node, expected: str, f: Field | None,
                item: bool = False, french: bool = False) -> str:
    """The message for `node` where a value of shape `expected` (scalar, list, mapping) was
    wanted. key: the key as written; f: the field (None when unknown); item: an element of an
    entity list."""
    found = node.kind
    empty = isinstance(node, YScalar) and node.value is None
    if expected == "mapping":
        if item:
            title = written_name("title", "fr" if french else "en")
            return (f"{what} : chaque élément commence par « - id: … », ses autres champs"
                    f" (« {title}: … ») alignés sous « id » sur les lignes suivantes")
        if f is not None and f.open_keys:
            example = _OPEN_EXAMPLES.get(f.name, "nom: valeur")
            return (f"{what} : une entrée par ligne sous « {key}: », indentée de deux espaces,"
                    f" par exemple « {example} »")
        if f is not None and f.type == "keyed":
            return (f"{what} : un canevas par ligne sous « {key}: », indenté de deux espaces,"
                    " par exemple « equipage: » puis ses « zones: »")
        fields = _sub_fields(f, french)
        if empty:
            return (f"{what} est vide : écrivez ses champs sur les lignes suivantes, indentés de"
                    f" deux espaces ({fields}), ou retirez la ligne")
        if found == "scalar":
            return (f"{what} : ses champs vont sur les lignes suivantes, indentés de deux espaces"
                    f" ({fields}), pas un texte après « {key}: »")
        return (f"{what} : ses champs s'écrivent « clé: valeur » ({fields}), sans tiret « - »"
                " devant")
    if expected == "list":
        kind = f.type if f is not None else ""
        if kind == "objects" and f.name in ENTITY_FIELDS:
            if empty:
                return (f"{what} est vide : listez ses éléments en dessous, chacun commençant"
                        " par « - id: », ou retirez la ligne")
            if found == "scalar":
                return (f"{what} : listez ses éléments sur les lignes suivantes, chacun"
                        " commençant par « - id: », ou lisez-les dans un tableur :"
                        " « {from: fichier.ods} »")
            return f"{what} : mettez un tiret « - » devant chaque élément (« - id: … »)"
        if kind == "objects":
            first = f.fields[0].name if f.fields else "title"
            return (f"{what} : une entrée par élément, « - {first}: … » puis ses autres champs"
                    " alignés en dessous")
        if kind == "refs":
            return (f"{what} : les identifiants entre crochets, [a, b], ou un par ligne précédé"
                    " de « - »")
        if empty:
            return (f"{what} est vide : un élément par ligne précédé de « - », ou retirez la"
                    " ligne")
        if found == "mapping":
            return (f"{what} : un élément par ligne précédé de « - » ; un texte qui contient"
                    " « : » se met entre guillemets")
        return (f"{what} : même pour un seul, un élément par ligne précédé de « - », ou entre"
                " crochets : [premier, second]")
    # a text, a number, an identifier…
    kind = f.type if f is not None else "text"
    one = _ONE.get(kind, "un seul texte")
    prose = kind in ("text", "line")
    if found == "mapping":
        return (f"{what} : {one} après « {key}: », pas des champs en dessous"
                + (" ; si le texte contient « : » suivi d'une espace, mettez-le entre guillemets"
                   if prose else ""))
    return (f"{what} : {one}, pas une liste (« - » ou [ ]) : écrivez-le après « {key}: »"
            + (f" ; sur plusieurs lignes : « {key}: >- » puis le texte indenté en dessous"
               if kind == "text" else ""))


#: what a scalar field holds, said the way a facilitator would
_ONE = {
    "int": "un nombre", "percent": "un nombre", "number": "un nombre",
    "slug": "un identifiant", "ref": "un identifiant", "url": "une adresse https://…",
    "colour": "une couleur #rrvvbb", "asset": "un nom de fichier", "choice": "un seul choix",
}


def misplaced_key(node: YMap, key: str, fields: tuple[Field, ...]) -> str | None:
    """`key` is unknown in `node` but belongs to the entry written just before it: an
    indentation slip. The advice, or None."""
    keys = list(node.entries)
    at = keys.index(key)
    if at == 0:
        return None
    previous = keys[at - 1]
    owner = next((f for f in fields if f.name == previous), None)
    if owner is None or not owner.fields:
        return None
    if not any(key in key_names(sub.name) for sub in owner.fields):
        return None
    value = node.get(previous)
    shown = node.written(previous)
    line = node.key_loc(previous).line
    if isinstance(value, YScalar) and value.value is None or isinstance(value, YMap):
        return (f"indentation : « {key} » est au niveau de « {shown} » (ligne {line}) ; pour"
                f" qu'il soit dans « {shown} », ajoutez deux espaces devant « {key}: »")
    if isinstance(value, YSeq) and value.items and isinstance(value.items[-1], YMap):
        last = value.items[-1]
        first_key = next(iter(last.entries), "id")
        return (f"indentation : « {key} » est au niveau de « {shown} » (ligne {line}) ; s'il"
                f" appartient à son dernier élément (ligne {last.loc.line}), alignez « {key}: »"
                f" sous « {last.written(first_key)}: »")
    return None

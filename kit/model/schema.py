"""Deck format v1 as data: one description serves the validator and the JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSIONS = (1,)
def _languages() -> tuple[str, ...]:
    from kit.i18n import languages

    return tuple(languages())


#: one per message catalogue in kit/messages: adding a language is adding a file
LANGUAGES = _languages()
LANDMARKS = (
    "volcano",
    "semaphore",
    "bivouac",
    "lighthouse",
    "harbour",
    "star",
    "bridge",
    "forest",
    "mountain",
    "village",
)
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
MAX_TEXT = 10_000
MAX_ENTITIES = 20_000


@dataclass(frozen=True)
class Field:
    """One key of a mapping. `type` is one of:

    text (markup), line (one-line text), slug, url, colour, asset, int, percent,
    choice, ref, refs, texts, object, objects.
    """

    name: str
    type: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    ref: str = ""  # entity kind for ref/refs: 'stages', 'pillars', 'beacons'; '*': any
    fields: tuple[Field, ...] = ()  # for object/objects; texts whose items may be mappings
    minimum: int | None = None
    maximum: int | None = None
    open_keys: bool = False  # object whose keys are free (palette, fonts)
    value_type: str = "line"  # for open_keys objects


RESOURCE = (
    Field("title", "line", True, "Ce qui s'affiche"),
    Field("url", "url", True, "Adresse web, https://…"),
)
PIN = (
    Field("x", "percent", True, "Position horizontale, en % de la feuille (0–100)"),
    Field("y", "percent", True, "Position verticale, en % de la feuille (0–100)"),
)
MAP_PIN = Field("map", "object", False, "Épingler l'élément sur la carte", fields=PIN)
TRAIL = (
    Field("text", "text", True, "Le sentier (cartes, guide)"),
    Field("label", "line", False, "Son nom court sur la carte"),
)
ID = Field("id", "slug", True,
           "Identifiant unique dans tout le deck (minuscules, chiffres, tirets)")

ENTITY_FIELDS: dict[str, tuple[Field, ...]] = {
    "stages": (
        ID,
        Field("title", "line", True, "Titre de l'étape"),
        Field("tagline", "line", False, "Accroche (facultative)"),
        Field("text", "text", True, "Texte de l'étape"),
        Field("beacons", "refs", False, "Balises à garder en vue", ref="beacons"),
        MAP_PIN,
    ),
    "pillars": (
        ID,
        Field("title", "line", True, "Nom du pilier"),
        Field("text", "text", True, "Texte court (cartes, carte)"),
        Field("landmark", "choice", True, "Pictogramme du pilier", choices=LANDMARKS),
        Field("details", "text", False, "Texte long (guide, web)"),
        Field("trails", "texts", False, "Les sentiers : un texte, ou {text, label} pour lui"
              " donner un nom court sur la carte", fields=TRAIL),
        Field("beacons", "refs", False, "Balises liées", ref="beacons"),
        MAP_PIN,
    ),
    "beacons": (
        ID,
        Field("title", "line", True, "Nom de la balise"),
        Field("questions", "texts", False, "Questions clés"),
        Field("tracks", "texts", False, "Quelques pistes"),
        Field("resources", "objects", False, "Ressources", fields=RESOURCE),
        MAP_PIN,
    ),
    "currents": (
        ID,
        Field("title", "line", True, "Nom du courant dangereux"),
        Field("text", "text", True, "En quoi il est dangereux"),
        Field("avoid", "text", False, "Comment l'éviter"),
        Field("near", "ref", False, "L'étape, la balise ou le pilier qu'il menace : la carte"
              " le dessine à côté", ref="*"),
        MAP_PIN,
    ),
    "questions": (
        ID,
        Field("text", "text", True, "La question"),
        Field("stage", "ref", False, "Étape liée", ref="stages"),
        Field("pillar", "ref", False, "Pilier lié", ref="pillars"),
        Field("beacon", "ref", False, "Balise liée", ref="beacons"),
    ),
    "sites": (
        ID,
        Field("title", "line", True, "Nom du site"),
        Field("text", "text", True, "Pourquoi y aller"),
        Field("url", "url", False, "Lien (facultatif)"),
        MAP_PIN,
    ),
    "imaginaries": (
        ID,
        Field("title", "line", True, "Titre"),
        Field("text", "text", True, "Ce qu'il inspire"),
        Field("url", "url", False, "Lien (facultatif)"),
    ),
}

ENTITY_KIND_NAMES = {
    "stages": "étape",
    "pillars": "pilier",
    "beacons": "balise",
    "currents": "courant",
    "questions": "question",
    "sites": "site",
    "imaginaries": "imaginaire",
}

FEMININE_KINDS = {"stages", "beacons", "questions"}


def agree(kind: str, adjective: str) -> str:
    """French agreement of an adjective ending in 'é' or consonant: inconnu → inconnue."""
    return adjective + ("e" if kind in FEMININE_KINDS else "")


DECK_FIELDS: tuple[Field, ...] = (
    Field("kit", "int", True, "Version du format de deck (1)", minimum=1, maximum=1),
    Field("id", "slug", True, "Identifiant du deck (nom du dossier de sortie)"),
    Field("title", "line", True, "Titre du kit"),
    Field("subtitle", "line", False, "Sous-titre"),
    Field("language", "choice", True, "Langue du kit imprimé", choices=LANGUAGES),
    Field(
        "territory",
        "object",
        False,
        "Le territoire",
        fields=(
            Field("name", "line", False, "Nom du territoire"),
            Field("logo", "asset", False, "Logo (SVG ou PNG) dans le dossier du deck"),
        ),
    ),
    Field(
        "theme",
        "object",
        False,
        "Couleurs et polices",
        fields=(
            Field("palette", "object", False, "Couleurs nommées, #rrggbb", open_keys=True,
                  value_type="colour"),
            Field("fonts", "object", False, "Polices par rôle (body, display)", open_keys=True,
                  value_type="line"),
            Field("cmyk", "object", False, "CMJN de l'imprimeur pour les fichiers imprimeur, par"
                  " couleur de la palette : [C, M, J, N] en %", open_keys=True,
                  value_type="cmyk"),
        ),
    ),
    Field(
        "map",
        "object",
        False,
        "Réglages de la carte",
        fields=(Field("seed", "int", False, "Graine de l'île (autre nombre, autre île)",
                      minimum=0, maximum=2**31 - 1),
                Field("islands", "int", False, "Nombre d'îles (1 à 4) ; par défaut selon le"
                      " nombre de piliers", minimum=1, maximum=4),
                Field("tagline", "line", False, "Une accroche dans le cartouche, sous le"
                      " sous-titre"),
                Field("mention", "line", False, "Une mention au pied de la légende, comme un"
                      " tampon")),
    ),
    *(
        Field(kind, "objects", False, f"Les {ENTITY_KIND_NAMES[kind]}s", fields=fields)
        for kind, fields in ENTITY_FIELDS.items()
    ),
    Field(
        "credits",
        "object",
        False,
        "Crédits",
        fields=(
            Field("text", "text", False, "Texte des crédits"),
            Field("links", "objects", False, "Liens", fields=RESOURCE),
        ),
    ),
    Field("extends", "line", False, "Deck de base : identifiant ou chemin vers un deck.yaml"),
    Field("remove", "refs", False, "Identifiants à retirer du deck de base", ref="*"),
)


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of deck format v1, for editors and `kit schema`."""

    def scalar(f: Field) -> dict:
        out: dict = {"type": "string"}
        if f.type == "slug":
            out["pattern"] = SLUG_PATTERN
        elif f.type == "url":
            out["pattern"] = URL_PATTERN
        elif f.type == "colour":
            out["pattern"] = COLOUR_PATTERN
        elif f.type in ("text", "line"):
            # YAML editors read `title: 1e3` or `title: No` as a number or a boolean; the kit
            # keeps them as the text written, so the schema must not underline them.
            out = {"type": ["string", "number", "boolean"], "maxLength": MAX_TEXT}
        elif f.type == "choice":
            out["enum"] = list(f.choices)
        elif f.type == "int":
            out = {"type": ["integer", "string"]}
            if f.minimum is not None:
                out["minimum"] = f.minimum
            if f.maximum is not None:
                out["maximum"] = f.maximum
        elif f.type == "percent":
            out = {"type": ["number", "string"], "minimum": 0, "maximum": 100}
        elif f.type == "ref":
            out["pattern"] = SLUG_PATTERN
        return out

    def field_schema(f: Field) -> dict:
        if f.type == "object":
            if f.open_keys and f.value_type == "cmyk":
                node = {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array", "minItems": 4, "maxItems": 4,
                        "items": {"type": ["number", "string"], "minimum": 0, "maximum": 100},
                    },
                }
            elif f.open_keys:
                node = {
                    "type": "object",
                    "additionalProperties": scalar(Field("", f.value_type)),
                }
            else:
                node = obj(f.fields)
        elif f.type == "objects" and f.name in ENTITY_FIELDS:
            # an entity list, or a spreadsheet beside the deck that holds it
            node = {"anyOf": [
                {"type": "array", "items": obj(f.fields)},
                {"type": "object", "required": ["from"], "additionalProperties": False,
                 "properties": {
                     "from": {"type": "string", "description": "Fichier CSV ou XLSX"},
                     "sheet": {"type": "string", "description": "Feuille du classeur XLSX"}}},
            ]}
        elif f.type == "objects":
            node = {"type": "array", "items": obj(f.fields)}
        elif f.type in ("texts", "refs"):
            item = Field("", "slug" if f.type == "refs" else "text")
            node = {"type": "array", "items": scalar(item)}
            if f.fields:  # an item may also be a mapping: the text and what goes with it
                node["items"] = {"anyOf": [scalar(item), obj(f.fields)]}
        else:
            node = scalar(f)
        if f.doc:
            node["description"] = f.doc
        return node

    def obj(fields: tuple[Field, ...]) -> dict:
        node: dict = {
            "type": "object",
            "properties": {f.name: field_schema(f) for f in fields},
            "additionalProperties": False,
        }
        required = [f.name for f in fields if f.required]
        if required:
            node["required"] = required
        return node

    schema = obj(DECK_FIELDS)
    # a deck that extends another may leave out what its base gives
    schema["if"] = {"required": ["extends"]}
    schema["then"] = {"required": ["kit", "id"]}
    schema["else"] = {"required": [f.name for f in DECK_FIELDS if f.required]}
    del schema["required"]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kit.example/deck.schema.json",
        "title": "Deck kit, format 1",
        **schema,
    }
    return schema

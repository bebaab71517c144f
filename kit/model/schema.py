"""Deck format v1 as data: one description serves the validator and the JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass

FORMAT_VERSIONS = (1,)
def _languages() -> tuple[str, ...]:
    from kit.i18n import languages

    return tuple(languages())


#: one per message catalogue in kit/messages: adding a language is adding a file
LANGUAGES = _languages()
#: a deck that does not say its language is French, like the people who write most of them
DEFAULT_LANGUAGE = "fr"
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
    choice, ref, refs, texts, object, objects, keyed (a mapping from ids the author chooses to
    objects with `fields`, e.g. canvases by canvas id).
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
    #: an object that may also be written as one plain text: the text stands for this sub-field
    #: (`credits: Merci à…` is `credits: {text: Merci à…}`)
    shorthand: str = ""


#: The French name of every key of the deck format, first the one the kit writes (`kit new`,
#: `kit export-sheet` for a French deck), then other spellings it accepts. The English name is
#: always accepted too, and every French name without its accents as well (`étapes` and
#: `etapes`, `crédits` and `credits`): see french_names(). A key is renamed only where its
#: English name is a field, so `carte:` is the map settings at the top and a pin in an entity.
FRENCH_KEYS: dict[str, tuple[str, ...]] = {
    # the deck
    "kit": ("kit",),
    "id": ("id", "identifiant"),
    "title": ("titre",),
    "subtitle": ("sous-titre", "sous_titre"),
    "language": ("langue",),
    "territory": ("territoire",),
    "name": ("nom",),
    "logo": ("logo",),
    "theme": ("thème",),
    "palette": ("palette",),
    "fonts": ("polices",),
    "cmyk": ("cmjn",),
    "map": ("carte",),
    "seed": ("graine",),
    "islands": ("îles",),
    "mention": ("mention",),
    "x": ("x",),
    "y": ("y",),
    "stages": ("étapes",),
    "pillars": ("piliers",),
    "beacons": ("balises",),
    "currents": ("courants",),
    "questions": ("questions",),
    "sites": ("sites",),
    "imaginaries": ("imaginaires",),
    "credits": ("crédits",),
    "links": ("liens",),
    "canvases": ("canevas",),
    "extends": ("étend",),
    "remove": ("retirer",),
    # the entities
    "tagline": ("accroche",),
    "text": ("texte",),
    "landmark": ("repère",),
    "details": ("détails",),
    "trails": ("sentiers",),
    "label": ("étiquette", "nom-court"),
    "tracks": ("pistes",),
    "resources": ("ressources",),
    "avoid": ("éviter",),
    "near": ("près", "près-de"),
    "stage": ("étape",),
    "pillar": ("pilier",),
    "beacon": ("balise",),
    "url": ("url", "lien"),
    # a list kept in a spreadsheet: {from: deck.ods, sheet: stages}
    "from": ("fichier",),
    "sheet": ("feuille",),
    # a deck's words for the canvases
    "zones": ("zones",),
    "prompt": ("consigne",),
}


def _without_accents(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def french_names(name: str) -> tuple[str, ...]:
    """Every French spelling accepted for the key `name`, other than `name` itself."""
    out: list[str] = []
    for french in FRENCH_KEYS.get(name, ()):
        for spelling in (french, _without_accents(french)):
            if spelling != name and spelling not in out:
                out.append(spelling)
    return tuple(out)


def key_names(name: str) -> tuple[str, ...]:
    """The English name of a key, then every French spelling of it."""
    return (name, *french_names(name))


def written_name(name: str, language: str) -> str:
    """The name the kit writes for a key in a deck of that language (`titre` in French)."""
    return FRENCH_KEYS.get(name, (name,))[0] if language == "fr" else name


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
        Field("text", "text", False, "Texte de l'étape (facultatif : un premier jet peut n'être"
              " qu'une liste de titres)"),
        Field("beacons", "refs", False, "Balises à garder en vue", ref="beacons"),
        MAP_PIN,
    ),
    "pillars": (
        ID,
        Field("title", "line", True, "Nom du pilier"),
        Field("text", "text", False, "Texte court (cartes, guide ; facultatif)"),
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
        Field("text", "text", False, "En quoi il est dangereux (facultatif)"),
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
        Field("text", "text", False, "Pourquoi y aller (facultatif)"),
        Field("url", "url", False, "Lien (facultatif)"),
        MAP_PIN,
    ),
    "imaginaries": (
        ID,
        Field("title", "line", True, "Titre"),
        Field("text", "text", False, "Ce qu'il inspire (facultatif)"),
        Field("url", "url", False, "Lien (facultatif)"),
    ),
}

#: a deck's own words for a canvas template: its title and subtitle, and each zone's title and
#: prompt by zone id (kit/load/canvases.py checks the ids against the templates)
CANVAS_WORDING = (
    Field("title", "line", False, "Titre du canevas"),
    Field("subtitle", "line", False, "Sous-titre du canevas"),
    Field("zones", "keyed", False, "Zones, par identifiant de zone", fields=(
        Field("title", "line", False, "Titre de la zone"),
        Field("prompt", "text", False, "Consigne de la zone"),
    )),
)

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
    Field("language", "choice", False, "Langue du kit imprimé (fr si absente)",
          choices=LANGUAGES),
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
        "Crédits : une phrase, ou « text » et « links »",
        shorthand="text",
        fields=(
            Field("text", "text", False, "Texte des crédits"),
            Field("links", "objects", False, "Liens", fields=RESOURCE),
        ),
    ),
    Field(
        "canvases",
        "keyed",
        False,
        "Mots des canevas propres au deck, par identifiant de canevas (equipage…)",
        fields=CANVAS_WORDING,
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

    defs: dict = {}

    def field_schema(f: Field, path: str) -> dict:
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
                node = obj(f.fields, path)
            if f.shorthand:  # `credits: Merci à…`
                node = {"anyOf": [scalar(Field("", "text")), node]}
        elif f.type == "objects" and f.name in ENTITY_FIELDS:
            # an entity list, or a spreadsheet beside the deck that holds it
            node = {"anyOf": [
                {"type": "array", "items": obj(f.fields, path)},
                obj((Field("from", "line", True, "Fichier CSV, ODS ou XLSX du dossier du deck"),
                     Field("sheet", "line", False, "Feuille du classeur ODS ou XLSX")),
                    f"{path}.from"),
            ]}
        elif f.type == "objects":
            node = {"type": "array", "items": obj(f.fields, path)}
        elif f.type == "keyed":
            node = {"type": "object", "propertyNames": {"pattern": SLUG_PATTERN},
                    "additionalProperties": obj(f.fields, path)}
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

    def one_of_names(name: str) -> dict:
        """Present under its English name or any French one (see FRENCH_KEYS)."""
        names = key_names(name)
        if len(names) == 1:
            return {"required": [name]}
        return {"anyOf": [{"required": [n]} for n in names]}

    def obj(fields: tuple[Field, ...], path: str = "") -> dict:
        properties: dict = {}
        exclusive: dict = {}
        for f in fields:
            where = f"{path}.{f.name}" if path else f.name
            node = field_schema(f, where)
            names = key_names(f.name)
            if len(names) > 1:  # written once, named in both languages
                defs[where] = node
                node = {"$ref": f"#/$defs/{where}"}
            for name in names:
                properties[name] = node
                others = [n for n in names if n != name]
                if others:  # one key, one language: `title` and `titre` together are refused
                    exclusive[name] = {"not": {"anyOf": [{"required": [n]} for n in others]}}
        out: dict = {"type": "object", "properties": properties, "additionalProperties": False}
        if exclusive:
            out["dependentSchemas"] = exclusive
        required = [one_of_names(f.name) for f in fields if f.required]
        if required:
            out["allOf"] = required
        return out

    schema = obj(tuple(f for f in DECK_FIELDS))
    # a deck that extends another may leave out what its base gives
    schema["if"] = one_of_names("extends")
    schema["then"] = {"allOf": [one_of_names("kit"), one_of_names("id")]}
    schema["else"] = {"allOf": schema.pop("allOf")}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kit.example/deck.schema.json",
        "title": "Deck kit, format 1",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }
    return schema

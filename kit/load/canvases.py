"""Canvas templates (layouts/canvases/*.yaml): a grid of typed zones, checked field by field.

Every problem cites the template's FILE:LINE:COL: an unknown zone type, a missing field, a zone
outside the grid or on top of another.

A deck rewords a template with its `canvases:` section — the canvas's title and subtitle, each
zone's title and prompt, by zone id — so that a territory's own policy words (a "service
politique de la ville") come from its deck, never from a shared template: check_wording checks
the ids against the templates, apply_wording gives the template with the deck's words (each
located at its deck line, so a prompt too long for its zone is reported there)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc
from kit.load.yamlsrc import YMap, YScalar, YSeq, load_yaml
from kit.model.deck import CanvasWording, Deck
from kit.model.schema import Field
from kit.resources import display_path, layout_files
from kit.validate import Validator, did_you_mean, slugify

COMMON = (
    Field("type", "line", True),
    Field("id", "slug", False),  # what a deck's `canvases:` names; the title's slug if absent
    Field("title", "line", True),
    Field("prompt", "text", False),
    Field("source", "line", False),
    Field("area", "texts", True),
)
ZONE_TYPES: dict[str, tuple[Field, ...]] = {
    "note": (),
    "columns": (Field("columns", "texts", False), Field("blank", "int", False, minimum=1,
                                                         maximum=12)),
    "rows": (Field("rows", "texts", False), Field("blank", "int", False, minimum=1,
                                                   maximum=12)),
    "rings": (Field("rings", "texts", True),),
    "matrix": (
        Field("rows", "int", True, minimum=1, maximum=30),
        Field("row_header", "line", False),
        Field("columns", "texts", True),
        Field("legend", "text", False),
    ),
    "timeline": (Field("steps", "texts", False), Field("fields", "texts", False),
                 Field("blank", "int", False, minimum=1, maximum=12)),
    "chain": (Field("steps", "texts", True),),
    "axes": (
        Field("x", "line", True),
        Field("y", "line", True),
        Field("quadrants", "texts", False),
    ),
    "lines": (Field("count", "int", True, minimum=1, maximum=20),),
}
TEMPLATE_FIELDS = (
    Field("title", "line", True),
    Field("subtitle", "line", False),
    Field("orientation", "choice", True, choices=("portrait", "landscape")),
    Field("grid", "object", True, fields=(
        Field("columns", "int", True, minimum=1, maximum=12),
        Field("rows", "int", True, minimum=1, maximum=12),
    )),
    Field("zones", "objects", True, fields=()),  # checked per zone type below
)
#: the deck content a zone may pull: a kind, or questions of an entity (by id or position)
SOURCE_KINDS = ("stages", "pillars", "beacons", "currents", "sites", "imaginaries", "questions")
#: the zone types that fill themselves from a source (the others' cells come from the template)
SOURCE_ZONES = ("note", "columns", "rows", "timeline")


@dataclass(frozen=True)
class Zone:
    type: str
    id: str
    title: str
    col: int  # 0-based
    row: int
    colspan: int
    rowspan: int
    values: dict  # the type's own fields
    loc: Loc
    locs: dict  # field name → Loc
    prompt: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    subtitle: str | None
    orientation: str
    columns: int
    rows: int
    zones: tuple[Zone, ...]
    loc: Loc
    #: shipped with the kit: the facilitator never wrote it, so a deck's content it lacks
    #: (a second stage in a one-stage draft) leaves a zone blank instead of failing there
    builtin: bool = False


def load_template(name: str, language: str = "fr", cwd: Path | None = None) -> Template:
    """The canvas template `name` in the deck's language.

    French is the reference, `<name>.yaml`; another language reads `<name>.<language>.yaml`, the
    file next to it (a local template without that variant is an error, never a silent fallback
    on the built-in translation of a different template)."""
    files = {k: p for k, p in layout_files("canvases", cwd).items() if "." not in k}
    if name not in files:
        raise KitError(Diagnostic(Loc(f"layouts/canvases/{name}.yaml"),
                                  f"canevas « {name} » inconnu ; disponibles : "
                                  f"{', '.join(files)}" + did_you_mean(name, files)))
    path = files[name]
    if language != "fr":
        variant = path.with_name(f"{name}.{language}.yaml")
        if not variant.is_file():
            raise KitError(Diagnostic(Loc(display_path(variant, cwd)),
                                      f"le canevas « {name} » n'a pas de version dans la langue"
                                      f" « {language} » ; créez {variant.name} à côté de"
                                      f" {path.name} (mêmes zones, textes traduits)"))
        path = variant
    return read_template(path, name, cwd)


def read_template(path: Path, name: str, cwd: Path | None = None) -> Template:
    shown = display_path(path, cwd)
    tree = load_yaml(path.read_bytes(), shown)
    if not isinstance(tree, YMap):
        raise KitError(Diagnostic(tree.loc, "un canevas commence par des lignes « clé: valeur »"
                                            " (title: …, orientation: …, grid: …, zones: …)"))
    v = Validator(path.parent, {})
    # zones are checked one by one below, each against its own type's fields
    zones_node = tree.get("zones")
    top_fields = tuple(f for f in TEMPLATE_FIELDS if f.name != "zones")
    stripped = YMap({k: e for k, e in tree.entries.items() if k != "zones"}, tree.loc)
    values = v.mapping(top_fields, stripped, "")
    if zones_node is None:
        v.errors.error(tree.loc, "champ obligatoire « zones » manquant")
    elif not isinstance(zones_node, YSeq) or not zones_node.items:
        v.errors.error(zones_node.loc, "zones : une zone par élément, chacune commençant par"
                                       " « - type: … » sur sa ligne")
    v.errors.raise_if_any()
    cols, rows = values["grid"]["columns"], values["grid"]["rows"]
    zones = []
    occupied: dict[tuple[int, int], str] = {}
    for i, node in enumerate(zones_node.items, start=1):
        zone = _zone(v, node, i, cols, rows)
        if zone is None:
            continue
        for c in range(zone.col, zone.col + zone.colspan):
            for r in range(zone.row, zone.row + zone.rowspan):
                if (c, r) in occupied:
                    v.errors.error(zone.locs["area"], f"zone « {zone.title} » : la case"
                                   f" ({c + 1}, {r + 1}) est déjà prise par « {occupied[c, r]} »")
                occupied[c, r] = zone.title
        zones.append(zone)
    seen: dict[str, Zone] = {}
    for zone in zones:
        if zone.id in seen:
            v.errors.error(zone.locs.get("id", zone.loc),
                           f"zone « {zone.title} » : identifiant « {zone.id} » déjà pris par la"
                           f" zone « {seen[zone.id].title} » (ligne {seen[zone.id].loc.line}) ;"
                           " donnez-lui un « id » à elle")
        seen[zone.id] = zone
    v.errors.raise_if_any()
    from kit.resources import builtin_root

    builtin = path.resolve().is_relative_to((builtin_root() / "layouts").resolve())
    return Template(name, values["title"], values.get("subtitle"), values["orientation"], cols,
                    rows, tuple(zones), Loc(shown, 1, 1), builtin)


def _zone(v: Validator, node, index: int, cols: int, rows: int) -> Zone | None:
    label = f"zone {index}"
    if not v.expect(node, "mapping", label):
        return None
    type_node = node.get("type")
    ztype = type_node.value if isinstance(type_node, YScalar) else None
    if ztype not in ZONE_TYPES:
        where = type_node.loc if type_node is not None else node.loc
        shown = f"« {ztype} » " if ztype else ""
        v.errors.error(where, f"{label} : type de zone {shown}inconnu ; types possibles :"
                       f" {', '.join(ZONE_TYPES)}" + did_you_mean(ztype or "", ZONE_TYPES))
        return None
    values = v.mapping(COMMON + ZONE_TYPES[ztype], node, f"{label} ({ztype})")
    if "title" not in values or "area" not in values:
        return None
    area_loc = node.get("area").loc
    try:
        col, row, colspan, rowspan = (int(x) for x in values["area"])
    except ValueError:
        v.errors.error(area_loc, f"{label} : area attend [colonne, rangée, largeur, hauteur],"
                                 " quatre nombres entiers")
        return None
    if col < 1 or row < 1 or colspan < 1 or rowspan < 1 or col + colspan - 1 > cols \
            or row + rowspan - 1 > rows:
        v.errors.error(area_loc, f"{label} : area [{col}, {row}, {colspan}, {rowspan}] sort de"
                                 f" la grille de {cols} colonnes × {rows} rangées")
        return None
    source = values.get("source")
    if source is not None and ztype not in SOURCE_ZONES:
        v.errors.error(node.get("source").loc,
                       f"{label} : une zone « {ztype} » ne lit pas de « source » (ses cases"
                       f" viennent du modèle) ; zones qui la lisent : {', '.join(SOURCE_ZONES)}")
        return None
    if source is not None:
        head, colon, rest = source.partition(":")
        # only questions narrow down (questions:<id>); « pillars:2 » would silently list them all
        if head not in SOURCE_KINDS or colon and (head != "questions" or not rest):
            v.errors.error(node.get("source").loc,
                           f"{label} : source « {source} » inconnue ; possibles :"
                           f" {', '.join(SOURCE_KINDS)}, questions:<id>, questions:stage:<n>"
                           + did_you_mean(head, SOURCE_KINDS))
            return None
    if ztype == "rings" and not 2 <= len(values["rings"]) <= 6:
        v.errors.error(node.get("rings").loc, f"{label} : de 2 à 6 cercles")
        return None
    locs = {key: node.get(key).loc for key in node.entries}
    own = {k: values[k] for k in values
           if k not in ("type", "id", "title", "prompt", "source", "area")}
    zone_id = values.get("id") or slugify(values["title"])
    return Zone(ztype, zone_id, values["title"], col - 1, row - 1, colspan, rowspan, own,
                node.loc, locs, values.get("prompt"), source)


# -- a deck's own words ---------------------------------------------------------------------


def check_wording(wordings: tuple[CanvasWording, ...], language: str,
                  cwd: Path | None = None) -> list[Diagnostic]:
    """Every canvas and zone a deck's `canvases:` names exists in the templates it is printed
    with (in its language); each unknown one is a problem at its deck line, with a suggestion."""
    problems: list[Diagnostic] = []
    files = [k for k in layout_files("canvases", cwd) if "." not in k]
    for wording in wordings:
        if wording.id not in files:
            problems.append(Diagnostic(wording.loc, f"canevas « {wording.id} » inconnu ;"
                                                    f" canevas disponibles : {', '.join(files)}"
                                                    + did_you_mean(wording.id, files)))
            continue
        try:
            template = load_template(wording.id, language, cwd)
        except KitError as exc:
            problems += exc.diagnostics
            continue
        ids = [z.id for z in template.zones]
        for zone in wording.zones:
            if zone.id not in ids:
                problems.append(Diagnostic(
                    zone.loc,
                    f"canevas « {wording.id} » : zone « {zone.id} » inconnue ; zones de ce"
                    f" canevas : {', '.join(ids)}" + did_you_mean(zone.id, ids)))
    return problems


def apply_wording(template: Template, deck: Deck) -> Template:
    """The template with the deck's own title, subtitle and zone words, if it gives any."""
    wording = deck.canvas_wording(template.name)
    if wording is None:
        return template
    zones = []
    for zone in template.zones:
        own = next((z for z in wording.zones if z.id == zone.id), None)
        if own is not None:
            locs = dict(zone.locs)
            for name in ("title", "prompt"):
                if getattr(own, name) is not None:
                    locs[name] = own.locs.get(name, wording.loc)
            zone = replace(zone, title=own.title or zone.title,
                           prompt=own.prompt if own.prompt is not None else zone.prompt,
                           locs=locs)
        zones.append(zone)
    return replace(template, title=wording.title or template.title,
                   subtitle=wording.subtitle or template.subtitle, zones=tuple(zones))


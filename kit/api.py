"""The library behind the command line: each command calls one function here."""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit.errors import Diagnostic, KitError, Loc
from kit.load.deck import load_deck, read_file, resolve_deck
from kit.load.yamlsrc import YMap, YScalar
from kit.model.deck import ENTITY_KINDS, Deck
from kit.pipeline import DEFAULT_PRODUCTS, PRODUCTS  # noqa: F401  (part of the API)
from kit.resources import deck_ids, display_path, layout_files
from kit.validate import slugify


def validation_report(ref: str | None, cwd: Path | None = None,
                      options: BuildOptions | None = None, fit: bool = True) -> dict:
    """The `kit validate --json` object; 'diagnostics' holds the Diagnostic objects too.

    With `fit` (the default), a deck that loads is also laid out the way `kit build` would
    lay it out with `options` (kit.pipeline.check_fit): valid means it builds."""
    path = deck = None
    try:
        path = resolve_deck(ref, cwd)
        deck = load_deck(path, cwd)
        if fit:
            from kit.pipeline import check_fit
            from kit.render import fonts

            with _collector_paused():
                fonts.use_deck_fonts(dict(deck.theme.fonts))
                check_glyphs(deck)
                problems = check_fit(deck, options or BuildOptions())
            if problems:
                raise KitError(problems)
    except KitError as exc:
        return {
            "deck": deck.id if deck is not None else (_written_id(path, cwd) or ref),
            "valid": False,
            "counts": deck.counts() if deck is not None else {kind: 0 for kind in ENTITY_KINDS},
            "errors": [d.as_json() for d in exc.diagnostics],
            "diagnostics": exc.diagnostics,
            # a deck that loads but does not fit keeps its title (for kit list)
            "title": deck.title if deck is not None else None,
        }
    return {
        "deck": deck.id,
        "valid": True,
        "counts": deck.counts(),
        "errors": [],
        "title": deck.title,
        "extends": deck.extends,
        "notes": [str(note) for note in deck.notes],
    }


def _written_id(path: Path | None, cwd: Path | None) -> str | None:
    """An invalid deck's id as written in its file, when the file can be read at all."""
    if path is None:
        return None
    try:
        tree = read_file(path, (cwd or Path.cwd()).resolve())
    except KitError:
        return None
    node = tree.get("id") if isinstance(tree, YMap) else None
    return node.value if isinstance(node, YScalar) else None


def summary(report: dict) -> str:
    """The one-line summary of a valid deck, after the notes loading left (what a `remove`
    took along), one a line."""
    c = report["counts"]
    base = f", étend « {report['extends']} »" if report.get("extends") else ""
    nouns = ("étape", "pilier", "balise", "courant", "question", "site", "imaginaire")
    # French: 0 and 1 take the singular
    parts = [
        f"{c[k]} {noun}{'s' if c[k] > 1 else ''}"
        for k, noun in zip(ENTITY_KINDS, nouns, strict=True)
    ]
    notes = "".join(f"{note}\n" for note in report.get("notes", ()))
    return f"{notes}deck « {report['deck']} » valide{base} : {', '.join(parts)}"


@dataclass(frozen=True)
class BuildOptions:
    only: tuple[str, ...] = ()
    profile: str = "office"
    paper: str = "A4"
    card_format: str = "poker"
    duplex: str = "long-edge"
    bleed: float = 3.0
    back_offset: tuple[float, float] = (0.0, 0.0)
    gutter: float = 3.0  # mm between cards on office sheets (kit.layout.impose.office_sheet)
    calibration: bool = False
    fold: str = "half-concertina"
    canvas_size: str = "A3"
    tile: str | None = None
    overlap: float = 10.0
    large_print: bool = False  # every card and guide text at 14 pt or more
    cards: tuple[str, ...] = ()  # only these cards (ids, kinds, kind:number): a partial set


@dataclass
class BuildResult:
    deck: Deck
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preflight: object = None  # kit.preflight.Report of the files written
    source: str = ""  # where the deck was found, in words (deck_source)
    guide: str | None = None  # the printing guide written: the file to open first


@contextmanager
def _collector_paused():
    """A build makes hundreds of thousands of small objects (the plans) that all live until its
    files are written, and no reference cycles to speak of: the cyclic garbage collector would
    walk them again and again for nothing (a quarter of a 10,000-card build, measured; the
    same peak memory without it). Reference counting still frees everything; the collector,
    enabled again after the build, finds whatever cycle there was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_deck(ref: str | Path | None, out_dir: Path, options: BuildOptions,
               cwd: Path | None = None, progress=None, announce=None) -> BuildResult:
    """Validate, lay out every requested product in memory, check them, then write them all
    atomically. Every product's problems are reported together; nothing is written if any.

    progress: optional callable(step: str) called before each step (for a progress bar).
    announce: optional callable(line: str), told which deck is built, from where, and where
    to (before the long part).
    """
    from kit.pipeline import build

    with _collector_paused():
        return build(ref, out_dir, options, cwd, progress, announce)


def _check_source_date_epoch() -> None:
    """reportlab dates the PDFs from SOURCE_DATE_EPOCH when it is set: it must be a number."""
    import re

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    # ASCII digits only ("²".isdigit() is true), and a date PDF can write: before year 10000
    if value and (not re.fullmatch(r"[0-9]+", value) or int(value) > _LAST_PDF_SECOND):
        raise KitError(Diagnostic(Loc("SOURCE_DATE_EPOCH"), f"« {value} » : un nombre de secondes"
                                                            " depuis 1970 est attendu (avant"
                                                            " l'an 10000)"))


_LAST_PDF_SECOND = 253_402_300_799  # 9999-12-31 23:59:59 UTC


def deck_texts(deck: Deck):
    """(entity or None, field name, text) for every text of the deck that gets printed."""
    from dataclasses import fields as dc_fields

    for value, name in ((deck.title, "title"), (deck.subtitle, "subtitle"),
                        (deck.territory.name, "territory"), (deck.credits.text, "credits")):
        if value:
            yield None, name, value
    for link in deck.credits.links:
        yield None, "credits", link.title
    for kind in ENTITY_KINDS:
        for entity in getattr(deck, kind):
            for f in dc_fields(entity):
                value = getattr(entity, f.name)
                if f.name in ("id", "loc", "locs", "beacons", "stage", "pillar", "beacon", "map",
                              "landmark", "url"):
                    continue
                if isinstance(value, str):
                    yield entity, f.name, value
                elif isinstance(value, tuple):
                    for item in value:
                        text = getattr(item, "title", item)
                        if isinstance(text, str):
                            yield entity, f.name, text


def check_glyphs(deck: Deck) -> None:
    """Every printed character must exist in the deck's fonts or in the fallback font; the
    ones that do not are reported at their deck line, never printed as empty boxes."""
    from kit.render import fonts

    measure = fonts.measure
    problems = []
    for entity, name, text in deck_texts(deck):
        if measure.covers_all(text, "body"):  # the common case, in one go
            continue
        missing = sorted({c for c in text if not measure.covers(c, "body")
                          and not measure.covers(c, measure.fallback)})
        if missing:
            shown = ", ".join(f"« {c} » (U+{ord(c):04X})" for c in missing[:5])
            loc = entity.where(name) if entity is not None else deck.where(name)
            who = f"« {getattr(entity, 'title', None) or entity.id} », " if entity else ""
            problems.append(Diagnostic(loc, f"{who}champ « {name} » : caractère(s) {shown}"
                                            " absent(s) des polices du kit ; remplacez-les (un"
                                            " émoji ou une écriture non latine ne s'imprimerait"
                                            " pas)"))
    if problems:
        raise KitError(problems)


def build_steps(options: BuildOptions) -> int:
    """How many progress steps build_deck will report."""
    return 4 + len([p for p in PRODUCTS if p in (options.only or DEFAULT_PRODUCTS)])


NEW_DECK_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Deck de territoire : il reprend tout le deck « {base} » et ne dit que ce qui change.
# Vérifiez-le avec « kit validate {name} », imprimez-le avec « kit build {name} ».
# ({schema}, à côté, aide VS Code à compléter ce fichier ; « kit schema » le met à jour.)
kit: 1
id: {name}  # le nom du dossier decks/{name}/ : changez les deux ensemble
extends: {extends}

# Le titre (sur la carte de poche, au pied de chaque carte, sur les canevas) et le territoire :
title: {title}
territory:
  name: {territory}
  # logo: logo.png          # un fichier SVG ou PNG posé dans ce dossier

# Ajouter une balise (les identifiants sont uniques dans tout le deck) :
# beacons:
#   - id: ma-balise
#     title: Ma nouvelle balise
#     questions:
#       - Comment … ?
#     tracks:
#       - Une piste à explorer
#     resources:
#       - title: Une ressource utile
#         url: https://exemple.org/ressource

# Modifier un élément existant : redonner son id et les seuls champs qui changent.
# currents:
#   - id: {current}
#     avoid: Notre façon de l'éviter, ici.

# Retirer des éléments du deck de base, par leur identifiant :
# remove: [{current}]
"""


SCHEMA_FILE = "deck.schema.json"


def new_deck(name: str, base: str, cwd: Path | None = None) -> list[str]:
    """Write ./decks/NAME/deck.yaml extending BASE, and the deck format's JSON Schema beside
    it (editors find it by a relative path, so it travels with the folder); refuse to
    overwrite an existing deck. Returns the paths written, the deck first."""
    cwd = (cwd or Path.cwd()).resolve()
    if slugify(name) != name:
        raise KitError(
            Diagnostic(Loc(name), f"nom de deck invalide : minuscules, chiffres et tirets,"
                                  f" par exemple « {slugify(name)} »")
        )
    base_deck = load_deck(base, cwd)
    folder = cwd / "decks" / name
    path = folder / "deck.yaml"
    if path.exists():
        raise KitError(
            Diagnostic(Loc(display_path(path, cwd)), "ce deck existe déjà : je ne l'écrase pas")
        )
    # a base given as a path is written relative to the new deck, where `extends` is read
    extends = base
    if (cwd / base).exists():
        extends = Path(os.path.relpath(resolve_deck(base, cwd), folder)).as_posix()
    current = base_deck.currents[0].id if base_deck.currents else "un-courant"
    # the base's title, to edit: the footer of every card already names the territory
    title = yaml.safe_dump(base_deck.title, allow_unicode=True, width=1000).strip()
    title = title.removesuffix("\n...").strip()
    text = NEW_DECK_TEMPLATE.format(
        schema=SCHEMA_FILE, base=base, extends=extends, name=name, title=title, current=current,
        # printed on the cards and the map: in the deck's language until it is replaced
        territory="My territory" if base_deck.language == "en" else "Mon territoire",
    )
    if base_deck.language == "fr":  # a French deck is written with French keys (étapes:…)
        text = _french_keys(text)
    import json

    from kit.finish import atomic_write
    from kit.model.schema import json_schema

    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))
    schema = folder / SCHEMA_FILE
    atomic_write(schema, (json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
                 .encode("utf-8"))
    return [display_path(path, cwd), display_path(schema, cwd)]


_KEY = re.compile(r"^(\s*(?:#\s*)?(?:- )?)([a-z]+):", re.MULTILINE)


def _french_keys(text: str) -> str:
    """The template's keys (commented ones too) by their French names (kit.model.schema)."""
    from kit.model.schema import FRENCH_KEYS, written_name

    return _KEY.sub(lambda m: m.group(1) + (written_name(m.group(2), "fr")
                                            if m.group(2) in FRENCH_KEYS else m.group(2)) + ":",
                    text)


def catalogue(cwd: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    """What `kit list` shows: decks, card formats, fold schemes and canvases."""
    from kit.resources import local_deck_ids

    out: dict[str, list[tuple[str, str]]] = {"Decks": []}
    mine = {path.resolve() for path in local_deck_ids(cwd).values()}
    for deck_id, path in deck_ids(cwd).items():
        if path.resolve() in mine:
            # the facilitator's own decks are checked the way kit validate checks them; the
            # shipped ones build (the test suite builds them)
            report = validation_report(str(path), cwd)
            title = report.get("title") or ""
            if not report["valid"]:
                n = len(report["errors"])
                errors = f"{n} erreur{'s' if n > 1 else ''}, voir « kit validate {deck_id} »"
                title = (f"{title} — ne se construit pas : {errors}" if title
                         else f"(invalide : {errors})")
        else:
            try:
                title = load_deck(path, cwd).title
            except KitError as exc:
                title = f"(invalide : {len(exc.diagnostics)} erreur(s))"
        out["Decks"].append((deck_id, title))
    for kind, heading in (
        ("cards", "Formats de cartes"),
        ("map", "Pliages de la carte"),
        ("canvases", "Canevas"),
    ):
        rows = []
        for name, path in layout_files(kind, cwd).items():
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                description = str(data.get("title", ""))
            except (yaml.YAMLError, OSError, AttributeError):
                description = "(illisible)"
            rows.append((name, description))
        out[heading] = rows
    return out


def diff_decks(base_ref: str, deck_ref: str, cwd: Path | None = None) -> dict:
    """Which entities DECK added, changed (which fields) and removed compared with BASE, by id."""
    from dataclasses import fields

    base, deck = load_deck(base_ref, cwd), load_deck(deck_ref, cwd)
    out: dict = {"base": base.id, "deck": deck.id, "added": [], "changed": [], "removed": []}
    for kind in ENTITY_KINDS:
        old = {e.id: e for e in getattr(base, kind)}
        new = {e.id: e for e in getattr(deck, kind)}
        for entity_id, entity in new.items():
            if entity_id not in old:
                out["added"].append({"kind": kind, "id": entity_id})
                continue
            before = old[entity_id]
            changed = [f.name for f in fields(entity) if f.compare and f.name != "id"
                       and getattr(entity, f.name) != getattr(before, f.name)]
            if changed:
                out["changed"].append({"kind": kind, "id": entity_id, "fields": changed})
        for entity_id, entity in old.items():
            if entity_id not in new:
                row = {"kind": kind, "id": entity_id}
                # a question whose stage, pillar or beacon was removed goes with it
                target = getattr(entity, "target", None)
                if target and deck.entity(target[1]) is None:
                    row["with"] = target[1]
                out["removed"].append(row)
    top = [name for name in ("title", "subtitle", "language", "territory", "theme", "map",
                             "credits") if getattr(base, name) != getattr(deck, name)]
    out["deck_fields"] = top
    return out


def export_sheet(ref: str | Path | None, out_path: Path, cwd: Path | None = None) -> str:
    """Write the deck's entities to an ODS or XLSX workbook (by --out's suffix), one sheet per
    kind named in the deck's language, that a deck reads back with
    `étapes: {from: FILE.ods, sheet: étapes}`…; returns the path written."""
    from kit.finish import atomic_write
    from kit.load.sheets_export import FORMATS, workbook_bytes

    cwd = (cwd or Path.cwd()).resolve()
    out_path = Path(out_path)
    if not out_path.is_absolute():
        out_path = cwd / out_path
    where = Loc(display_path(out_path, cwd))
    suffix = out_path.suffix.lower()
    if suffix not in FORMATS:
        raise KitError(Diagnostic(where, "--out : le classeur doit finir par .ods (LibreOffice)"
                                         " ou .xlsx (Excel)"))
    if out_path.is_dir():
        raise KitError(
            Diagnostic(where, "--out : c'est un dossier ; donnez un nom de fichier .ods ou .xlsx")
        )
    data = workbook_bytes(load_deck(ref, cwd), suffix)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out_path, data)
    except (FileExistsError, NotADirectoryError):
        raise KitError(
            Diagnostic(where, "impossible de créer le dossier : un fichier porte ce nom")
        ) from None
    except PermissionError:
        raise KitError(
            Diagnostic(where, "pas le droit d'écrire ici : choisissez un autre --out")
        ) from None
    except OSError as exc:
        raise KitError(Diagnostic(where, f"écriture impossible : {exc.strerror}")) from None
    return display_path(out_path, cwd)

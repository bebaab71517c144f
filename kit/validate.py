"""Located YAML tree → validated Deck. Every problem is collected; none stops the others."""

from __future__ import annotations

import difflib
import os
import re
import urllib.parse
from pathlib import Path

from kit.errors import Collector, Loc
from kit.load.yamlsrc import YMap, YScalar
from kit.model import deck as m
from kit.model.schema import (
    COLOUR_PATTERN,
    DECK_FIELDS,
    ENTITY_FIELDS,
    ENTITY_KIND_NAMES,
    FORMAT_VERSIONS,
    MAX_ENTITIES,
    MAX_TEXT,
    SLUG_PATTERN,
    Field,
    agree,
)

_SLUG = re.compile(SLUG_PATTERN)
_COLOUR = re.compile(COLOUR_PATTERN)
_INT = re.compile(r"^[+-]?\d+$")
_TYPE_NAMES = {"scalar": "un texte", "list": "une liste", "mapping": "un dictionnaire"}

ENTITY_CLASSES = {
    "stages": m.Stage,
    "pillars": m.Pillar,
    "beacons": m.Beacon,
    "currents": m.Current,
    "questions": m.Question,
    "sites": m.Site,
    "imaginaries": m.Imaginary,
}


def did_you_mean(word: str, candidates) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def slugify(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


class Validator:
    def __init__(self, folder: Path, removed: dict[str, Loc]):
        self.errors = Collector()
        self.folder = folder
        self.removed = removed

    # -- scalars -------------------------------------------------------------------------------

    def expect(self, node, kind: str, what: str) -> bool:
        if node.kind != kind:
            self.errors.error(
                node.loc, f"{what} : attendu {_TYPE_NAMES[kind]}, trouvé {_TYPE_NAMES[node.kind]}"
            )
            return False
        return True

    def scalar(self, f: Field, node, what: str):
        if not self.expect(node, "scalar", what):
            return None
        value = node.value
        if value is None:
            if f.required:
                self.errors.error(node.loc, f"{what} est vide")
            return None
        if f.type in ("text", "line"):
            if not value.strip():
                self.errors.error(node.loc, f"{what} est vide")
                return None
            if len(value) > MAX_TEXT:
                self.errors.error(
                    node.loc,
                    f"{what} est trop long ({len(value)} caractères, {MAX_TEXT} au plus)",
                )
                return None
        # whatever the type: an identifier, a file name or an address with an invisible
        # character would only be reported as "invalid", showing nothing wrong
        found = _CONTROL.search(value)
        bad = found.group() if found else None
        if bad is not None:
            self.errors.error(
                node.loc,
                f"{what} contient un caractère de contrôle invisible (U+{ord(bad):04X})",
            )
            return None
        found = _SURROGATE.search(value)
        half = found.group() if found else None
        if half is not None:  # only a "\ud83c" escape can write one: it is no character
            self.errors.error(
                node.loc,
                f"{what} contient une demi-paire UTF-16 isolée (U+{ord(half):04X}) : écrivez"
                " le caractère lui-même plutôt que son code",
            )
            return None
        if f.type in ("text", "line"):
            return " ".join(value.split()) if f.type == "line" else value.strip()
        if f.type in ("slug", "ref"):
            if not _SLUG.match(value):
                self.errors.error(
                    node.loc,
                    f"{what} : identifiant « {value} » invalide ; minuscules, chiffres et tirets,"
                    f" par exemple « {slugify(value)} »",
                )
                return None
            return value
        if f.type == "url":
            try:
                parsed = urllib.parse.urlsplit(value)
            except ValueError:  # "http://[abc": a bracket opened for an IPv6 address
                parsed = urllib.parse.SplitResult("", "", "", "", "")
            # urlsplit drops tabs and line breaks: a block scalar's "\n" would stay in the QR code
            if parsed.scheme not in ("http", "https") or "." not in parsed.netloc or any(
                c.isspace() for c in value
            ):
                self.errors.error(
                    node.loc, f"{what} : adresse « {value} » invalide ; attendu https://…"
                )
                return None
            return value
        if f.type == "colour":
            if not _COLOUR.match(value):
                self.errors.error(
                    node.loc,
                    f"{what} : couleur « {value} » invalide ; attendu #rrvvbb, ex. #1d5c7a",
                )
                return None
            return value.lower()
        if f.type == "int":
            if not _INT.match(value):
                self.errors.error(node.loc, f"{what} : nombre entier attendu, trouvé « {value} »")
                return None
            try:
                number = int(value)
            except ValueError:  # thousands of digits: Python refuses to convert them
                number = None
            if number is None or (f.minimum is not None and number < f.minimum) or (
                f.maximum is not None and number > f.maximum
            ):
                shown = value if len(value) <= 20 else f"{value[:12]}… ({len(value)} chiffres)"
                self.errors.error(
                    node.loc, f"{what} : {shown} hors des limites ({f.minimum} à {f.maximum})"
                )
                return None
            return number
        if f.type == "number":
            try:
                number = float(value)
            except ValueError:
                number = float("nan")
            low = f.minimum if f.minimum is not None else float("-inf")
            high = f.maximum if f.maximum is not None else float("inf")
            if not low <= number <= high:
                self.errors.error(
                    node.loc,
                    f"{what} : nombre de {f.minimum} à {f.maximum} attendu, trouvé « {value} »",
                )
                return None
            return number
        if f.type == "percent":
            try:
                number = float(value.replace(",", ".").rstrip("%").strip())
            except ValueError:
                number = float("nan")
            if not 0 <= number <= 100:
                self.errors.error(
                    node.loc, f"{what} : pourcentage de 0 à 100 attendu, trouvé « {value} »"
                )
                return None
            return number
        if f.type == "choice":
            if value not in f.choices:
                self.errors.error(
                    node.loc,
                    f"{what} : « {value} » inconnu ; choix possibles : {', '.join(f.choices)}"
                    + did_you_mean(value, f.choices),
                )
                return None
            return value
        if f.type == "asset":
            return self.asset(value, node.loc, what)
        raise AssertionError(f.type)

    def asset(self, value: str, loc: Loc, what: str) -> str | None:
        if os.path.isabs(value):
            self.errors.error(
                loc, f"{what} : chemin absolu interdit, donnez un chemin dans le dossier du deck"
            )
            return None
        root = self.folder.resolve()
        try:
            path = (self.folder / value).resolve()
            is_file = path.is_file()
        except (OSError, ValueError, RuntimeError):  # too long a name, a NUL, a symlink loop
            path, is_file = Path(os.path.normpath(root / value)), False
        if root not in path.parents:
            self.errors.error(loc, f"{what} : « {value} » sort du dossier du deck")
            return None
        if not is_file:
            self.errors.error(
                loc, f"{what} : fichier « {value} » introuvable dans le dossier du deck"
            )
            return None
        if path.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
            self.errors.error(
                loc, f"{what} : format « {path.suffix} » non pris en charge (SVG, PNG ou JPEG)"
            )
            return None
        problem = _unreadable_image(path)
        if problem:
            self.errors.error(loc, f"{what} : « {value} » illisible ({problem})")
            return None
        return str(path)

    def cmyk(self, node, what: str) -> tuple[float, float, float, float] | None:
        """[C, M, Y, K] in per cent, as a print shop writes them → fractions 0–1."""
        if not self.expect(node, "list", what):
            return None
        values = []
        for item in node.items:
            text = item.value.strip().replace(",", ".") if isinstance(item, YScalar) else ""
            try:
                number = float(text.rstrip("%").strip())
            except ValueError:
                number = None
            if number is None or not 0 <= number <= 100:
                self.errors.error(item.loc, f"{what} : « {text or '…'} » : un pourcentage de 0"
                                            " à 100 est attendu")
                return None
            values.append(number)
        if len(values) != 4:
            self.errors.error(node.loc, f"{what} : quatre pourcentages attendus, [C, M, J, N],"
                                        f" par exemple [100, 60, 0, 20] ({len(values)} donnés)")
            return None
        if sum(values) > 300:
            self.errors.error(node.loc, f"{what} : encrage total de {sum(values):g} % ; 300 % au"
                                        " plus sur une presse offset")
            return None
        c, m_, y, k = (x / 100 for x in values)
        return (c, m_, y, k)

    # -- structures ----------------------------------------------------------------------------

    def value(self, f: Field, node, what: str):
        if f.type in ("texts", "refs"):
            if not self.expect(node, "list", what):
                return ()
            item_type = "text" if f.type == "texts" else "ref"
            out = []
            for i, item in enumerate(node.items, start=1):
                if f.fields and isinstance(item, YMap):
                    # {text, label…}: the text and what goes with it, kept as a mapping
                    values = self.mapping(f.fields, item, f"{what}, élément {i}")
                    if "text" in values:
                        out.append(values)
                    continue
                v = self.scalar(Field(f.name, item_type, True), item, f"{what}, élément {i}")
                if v is not None:
                    out.append(v)
            return tuple(out)
        if f.type == "object":
            if not self.expect(node, "mapping", what):
                return None
            if f.open_keys and f.value_type == "cmyk":
                out = []
                for key, (_, sub) in node.entries.items():
                    v = self.cmyk(sub, f"{what}.{key}")
                    if v is not None:
                        out.append((key, v))
                return tuple(out)
            if f.open_keys:
                out = []
                for key, (_, sub) in node.entries.items():
                    v = self.scalar(Field(key, f.value_type, True), sub, f"{what}.{key}")
                    if v is not None:
                        out.append((key, v))
                return tuple(out)
            return self.mapping(f.fields, node, what)
        if f.type == "objects":
            if not self.expect(node, "list", what):
                return ()
            out = []
            noun = ENTITY_KIND_NAMES.get(f.name, "élément")
            for i, item in enumerate(node.items, start=1):
                label = f"{what}, élément {i}"
                if isinstance(item, YMap) and noun != "élément":
                    item_id = item.get("id")
                    has_id = isinstance(item_id, YScalar) and item_id.value
                    label = f"{noun} « {item_id.value} »" if has_id else f"{noun} n° {i}"
                if self.expect(item, "mapping", label):
                    out.append((item, self.mapping(f.fields, item, label)))
            return out
        return self.scalar(f, node, what)

    def mapping(self, fields: tuple[Field, ...], node: YMap, what: str) -> dict:
        known = {f.name: f for f in fields}
        for key in node.entries:
            if key not in known:
                self.errors.error(
                    node.key_loc(key),
                    f"clé « {key} » inconnue {('dans ' + what) if what else 'au premier niveau'}"
                    + did_you_mean(key, known),
                )
        out: dict = {}
        for f in fields:
            sub = node.get(f.name)
            if sub is None:
                if f.required:
                    prefix = f"{what} : " if what else ""
                    self.errors.error(node.loc, f"{prefix}champ obligatoire « {f.name} » manquant")
                continue
            v = self.value(f, sub, f"{what} → {f.name}" if what else f.name)
            if v is not None:
                out[f.name] = v
        return out


def _unreadable_image(path: Path) -> str | None:
    """Why an image cannot be printed, or None: a broken file must fail at its deck line."""
    if path.suffix.lower() == ".svg":
        import xml.etree.ElementTree as ET

        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as exc:
            return f"SVG mal formé, ligne {getattr(exc, 'position', ('?',))[0]}"
        if not root.tag.endswith("svg"):
            return "ce n'est pas un fichier SVG"
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        return "ni PNG ni JPEG lisible"
    return None


#: control characters (Unicode category Cc) but newline and tab; lone UTF-16 halves
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def validate_tree(tree, file_loc: Loc, folder: Path, removed: dict[str, Loc] | None = None,
                  extends: str | None = None) -> m.Deck:
    """Turn a merged, located deck tree into a Deck, or raise KitError with every problem."""
    v = Validator(folder, removed or {})
    if not isinstance(tree, YMap):
        v.errors.error(file_loc, "un deck est un dictionnaire de clés (kit, id, title, …)")
        v.errors.raise_if_any()
    version_node = tree.get("kit")
    if isinstance(version_node, YScalar) and version_node.value is not None:
        if version_node.value.strip() not in {str(x) for x in FORMAT_VERSIONS}:
            v.errors.error(
                version_node.loc,
                f"version de format « {version_node.value} » inconnue : ce kit lit la version "
                + ", ".join(str(x) for x in FORMAT_VERSIONS),
            )
            v.errors.raise_if_any()
    top = v.mapping(DECK_FIELDS, tree, "")
    entities: dict[str, list] = {kind: [] for kind in ENTITY_FIELDS}
    all_ids: dict[str, tuple[str, Loc]] = {}
    total = 0
    first_too_many = None
    # kinds in the order they are written, so a duplicate id is reported where it comes second
    for kind in sorted(ENTITY_FIELDS, key=lambda k: _position(tree, k)):
        items = []
        for item_node, values in top.get(kind, []):
            total += 1
            if total == MAX_ENTITIES + 1:
                first_too_many = item_node.loc
            items.append(_build_entity(v, kind, item_node, values, all_ids))
        entities[kind] = [i for i in items if i is not None]
    if total > MAX_ENTITIES:
        # cited at the first element past the limit
        v.errors.error(first_too_many, f"trop d'éléments ({total}) : {MAX_ENTITIES} au plus")
    # a kind that is not even a list is reported once, not again at every reference to it
    unreadable = {k for k in ENTITY_FIELDS if getattr(tree.get(k), "kind", "list") != "list"}
    _check_references(v, top, unreadable)
    _check_near(v, top, unreadable)
    theme = top.get("theme") or {}
    _check_theme(v, tree.get("theme"), theme)
    v.errors.raise_if_any()
    territory = top.get("territory") or {}
    credits = top.get("credits") or {}
    return m.Deck(
        id=top["id"],
        title=top["title"],
        language=top["language"],
        loc=file_loc,
        folder=str(folder),
        subtitle=top.get("subtitle"),
        territory=m.Territory(name=territory.get("name"), logo=territory.get("logo")),
        theme=m.Theme(palette=theme.get("palette", ()), fonts=theme.get("fonts", ()),
                      cmyk=theme.get("cmyk", ())),
        map=m.MapSettings(**(top.get("map") or {})),
        credits=m.Credits(
            text=credits.get("text"),
            links=_resources(credits.get("links", [])),
        ),
        extends=extends,
        locs=_deck_locs(tree),
        **{kind: tuple(items) for kind, items in entities.items()},
    )


def _deck_locs(tree: YMap) -> m.Locs:
    """Where title, subtitle, the territory's name and the credits' text were written."""
    pairs = []
    for name, path in (("title", ("title",)), ("subtitle", ("subtitle",)),
                       ("territory", ("territory", "name")), ("credits", ("credits", "text"))):
        node = tree
        for key in path:
            node = node.get(key) if isinstance(node, YMap) else None
        if node is not None:
            pairs.append((name, node.loc))
    return m.Locs(tuple(pairs))


def _build_entity(v: Validator, kind: str, node: YMap, values: dict, all_ids: dict):
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
        kwargs["resources"] = _resources(kwargs["resources"])
    if "map" in kwargs:
        kwargs["map"] = m.Pin(**kwargs["map"]) if len(kwargs["map"]) == 2 else None
    locs = m.Locs(tuple((key, node.get(key).loc) for key in node.entries))
    return cls(loc=node.loc, locs=locs, **kwargs)


FONT_ROLES = ("body", "display")


def _check_theme(v: Validator, node, theme: dict) -> None:
    """Font roles and installed families, palette names and text contrast: each at its line."""
    if not isinstance(node, YMap):
        return
    fonts_node = node.get("fonts")
    for role, family in theme.get("fonts", ()):
        where = fonts_node.get(role).loc
        if role not in FONT_ROLES:
            v.errors.error(where, f"theme.fonts : rôle « {role} » inconnu ; rôles : "
                                  f"{', '.join(FONT_ROLES)}" + did_you_mean(role, FONT_ROLES))
            continue
        import fontpkg

        try:
            fontpkg.family(family)
        except fontpkg.FontpkgError:
            v.errors.error(where, f"theme.fonts.{role} : police « {family} » non installée ;"
                                  f" installez le paquet Python fontpkg-{family}"
                                  " (polices libres OFL)")
    cmyk_node = node.get("cmyk")
    if theme.get("cmyk"):
        from kit.layout.theme import DEFAULT_PALETTE

        for name, _ in theme["cmyk"]:
            if name not in DEFAULT_PALETTE:
                v.errors.error(cmyk_node.get(name).loc,
                               f"theme.cmyk : couleur « {name} » inconnue ; couleurs : "
                               f"{', '.join(DEFAULT_PALETTE)}" + did_you_mean(name,
                                                                               DEFAULT_PALETTE))
    palette_node = node.get("palette")
    palette = dict(theme.get("palette", ()))
    if palette:
        from kit.layout.theme import DEFAULT_PALETTE, TEXT_PAIRS, contrast_of

        for name in palette:
            if name not in DEFAULT_PALETTE:
                v.errors.error(palette_node.get(name).loc,
                               f"theme.palette : couleur « {name} » inconnue ; couleurs : "
                               f"{', '.join(DEFAULT_PALETTE)}" + did_you_mean(name,
                                                                               DEFAULT_PALETTE))
        merged = {**DEFAULT_PALETTE, **palette}
        for text, background in TEXT_PAIRS:
            if text not in palette and background not in palette:
                continue
            ratio = contrast_of(merged[text], merged[background])
            if ratio < 4.5:
                culprit = text if text in palette else background
                v.errors.error(palette_node.get(culprit).loc,
                               f"theme.palette : « {text} » sur « {background} » n'a qu'un"
                               f" contraste de {ratio:.1f}:1 ; il faut 4,5:1 au moins pour"
                               " être lu de tous")


def _resources(items: list) -> tuple[m.Resource, ...]:
    # an item with a bad field is already reported: keep only the complete ones
    return tuple(m.Resource(**vals) for _, vals in items if {"title", "url"} <= vals.keys())


_REF_FIELDS = {
    "stages": (("beacons", "beacons"),),
    "pillars": (("beacons", "beacons"),),
    "questions": (("stage", "stages"), ("pillar", "pillars"), ("beacon", "beacons")),
}


#: what a current may be near, in the order a message names them
_NEAR_KINDS = ("stages", "beacons", "pillars")


def _check_near(v: Validator, top: dict, unreadable: set[str]) -> None:
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
        if near in v.removed:
            v.errors.error(where, f"courant « {values.get('id', '?')} » : near « {near} » a été"
                                  f" retiré par remove ({v.removed[near]})")
        else:
            v.errors.error(where, f"courant « {values.get('id', '?')} » : near « {near} » n'est"
                                  " ni une étape, ni une balise, ni un pilier du deck"
                                  + did_you_mean(near, ids))


def _position(tree: YMap, key: str) -> int:
    """Index of a top-level key as written; kinds not written go last."""
    keys = list(tree.entries)
    return keys.index(key) if key in keys else len(keys)


def _check_references(v: Validator, top: dict, unreadable: set[str]) -> None:
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
                            f"{noun} « {target} » {agree(target_kind, 'retiré')} par remove"
                            f" ({v.removed[target]}) mais encore {agree(target_kind, 'référencé')}"
                            f" ici par « {values.get('id', '?')} »",
                        )
                    else:
                        v.errors.error(
                            where,
                            f"{noun} « {target} » {agree(target_kind, 'inconnu')}"
                            + did_you_mean(target, ids[target_kind]),
                        )


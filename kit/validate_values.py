"""The Validator: each value of a located YAML tree checked against its schema Field (text,
identifier, address, colour, number, percentage, choice, file, CMYK inks; lists, mappings,
keyed mappings, lists of entities) into plain Python values, every problem collected at its
line with what to write instead."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from kit import hints
from kit.errors import Collector, Loc
from kit.load.yamlsrc import YMap, YScalar
from kit.model.schema import (
    COLOUR_PATTERN,
    ENTITY_FIELDS,
    ENTITY_KIND_NAMES,
    MAX_TEXT,
    SLUG_PATTERN,
    Field,
    written_name,
)
from kit.names import did_you_mean, slugify, suggest_key
from kit.validate_assets import deck_asset

_SLUG = re.compile(SLUG_PATTERN)
_COLOUR = re.compile(COLOUR_PATTERN)
_INT = re.compile(r"^[+-]?\d+$")
#: control characters (Unicode category Cc) but newline and tab; lone UTF-16 halves
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Validator:
    def __init__(self, folder: Path, removed: dict[str, Loc]):
        self.errors = Collector()
        self.folder = folder
        self.removed = removed

    # -- scalars -------------------------------------------------------------------------------

    def expect(self, node, kind: str, what: str, f: Field | None = None, key: str = "",
               item: bool = False, french: bool = False) -> bool:
        """node is of shape `kind` (scalar, list, mapping), or an error saying what to write:
        f is the field expected there, key its name as written, item an element of a list."""
        if node.kind == kind:
            return True
        colon = hints.missing_colon(node, f) if kind == "mapping" else None
        if colon is not None:
            where, word = colon
            self.errors.error(where, f"{what} : deux-points manquant après « {word} » : écrivez"
                                     f" « {word}: {node.value.partition(' ')[2].strip()} »")
            return False
        key = key or (f.name if f is not None else what)
        self.errors.error(node.loc, hints.wrong_shape(what, key, node, kind, f, item, french))
        return False

    def scalar(self, f: Field, node, what: str, key: str = ""):
        if not self.expect(node, "scalar", what, f, key):
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
            return deck_asset(self.errors, self.folder, value, node.loc, what)
        raise AssertionError(f.type)

    def cmyk(self, node, what: str) -> tuple[float, float, float, float] | None:
        """[C, M, Y, K] in per cent, as a print shop writes them → fractions 0–1."""
        if node.kind != "list":
            self.errors.error(node.loc, f"{what} : quatre pourcentages entre crochets, [C, M, J,"
                                        " N], par exemple [100, 60, 0, 20]")
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

    def value(self, f: Field, node, what: str, key: str = "", french: bool = False):
        key = key or f.name
        if f.type in ("texts", "refs"):
            if not self.expect(node, "list", what, f, key):
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
        if f.type == "keyed":
            if not self.expect(node, "mapping", what, f, key):
                return None
            out = []
            for name, (name_loc, sub) in node.entries.items():
                if not _SLUG.match(name):
                    self.errors.error(name_loc, f"{what} : identifiant « {name} » invalide ;"
                                                " minuscules, chiffres et tirets, par exemple"
                                                f" « {slugify(name)} »")
                    continue
                label = f"{what} → {name}"
                if self.expect(sub, "mapping", label, f, name):
                    out.append((name, name_loc, sub, self.mapping(f.fields, sub, label)))
            return out
        if f.type == "object":
            if not self.expect(node, "mapping", what, f, key, french=french):
                return None
            if f.open_keys and f.value_type == "cmyk":
                out = []
                for name, (_, sub) in node.entries.items():
                    v = self.cmyk(sub, f"{what}.{name}")
                    if v is not None:
                        out.append((name, v))
                return tuple(out)
            if f.open_keys:
                out = []
                for name, (_, sub) in node.entries.items():
                    v = self.scalar(Field(name, f.value_type, True), sub, f"{what}.{name}",
                                    name)
                    if v is not None:
                        out.append((name, v))
                return tuple(out)
            return self.mapping(f.fields, node, what)
        if f.type == "objects":
            if not self.expect(node, "list", what, f, key):
                return ()
            out = []
            noun = ENTITY_KIND_NAMES.get(f.name, "élément") if f.name in ENTITY_FIELDS \
                else "élément"
            for i, item in enumerate(node.items, start=1):
                label = f"{what}, élément {i}"
                if isinstance(item, YMap) and noun != "élément":
                    item_id = item.get("id")
                    has_id = isinstance(item_id, YScalar) and item_id.value
                    label = f"{noun} « {item_id.value} »" if has_id else f"{noun} n° {i}"
                elif noun != "élément":
                    label = f"{noun} n° {i}"
                item_field = Field(f.name, "object", fields=f.fields)
                if self.expect(item, "mapping", label, item_field, key, item=True,
                               french=french):
                    out.append((item, self.mapping(f.fields, item, label)))
            return out
        return self.scalar(f, node, what, key)

    def mapping(self, fields: tuple[Field, ...], node: YMap, what: str) -> dict:
        known = {f.name: f for f in fields}
        for key in node.entries:
            if key not in known:
                where = ("dans " + what) if what else "au premier niveau"
                misplaced = hints.misplaced_key(node, key, fields)
                self.errors.error(
                    node.key_loc(key),
                    f"clé « {key} » inconnue {where} ; {misplaced}" if misplaced else
                    f"clé « {key} » inconnue {where}" + suggest_key(key, fields, node.french),
                )
        out: dict = {}
        for f in fields:
            sub = node.get(f.name)
            if sub is None:
                if f.required:
                    prefix = f"{what} : " if what else ""
                    name = written_name(f.name, "fr") if node.french else f.name
                    self.errors.error(node.loc, f"{prefix}champ obligatoire « {name} » manquant")
                continue
            key = node.written(f.name)
            v = self.value(f, sub, f"{what} → {key}" if what else key, key, node.french)
            if v is not None:
                out[f.name] = v
        return out

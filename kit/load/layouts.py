"""Layouts are data: card formats (layouts/cards), fold schemes (layouts/map), canvases.

Each is read with the deck's YAML reader and checked field by field, errors citing the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc
from kit.load.yamlsrc import YMap, load_yaml
from kit.model.schema import Field
from kit.resources import display_path, layout_files
from kit.validate import Validator, did_you_mean

CARD_FORMAT_FIELDS = (
    Field("title", "line", True),
    Field("width", "number", True, minimum=30, maximum=300),
    Field("height", "number", True, minimum=30, maximum=300),
    Field("safe", "number", True, minimum=2, maximum=20),
    Field("header", "number", True, minimum=8, maximum=60),
    Field("qr", "number", True, minimum=10, maximum=60),
    Field(
        "type",
        "object",
        True,
        fields=(
            Field("title", "number", True, minimum=7, maximum=72),
            Field("body", "number", True, minimum=7, maximum=72),
            Field("number", "number", True, minimum=7, maximum=144),
            Field("label", "number", True, minimum=7, maximum=36),
            Field("min", "number", True, minimum=7, maximum=72),
        ),
    ),
)


@dataclass(frozen=True)
class CardType:
    title: float
    body: float
    number: float
    label: float
    min: float


@dataclass(frozen=True)
class CardFormat:
    name: str
    title: str
    width: float
    height: float
    safe: float
    header: float
    qr: float
    type: CardType


def read_layout(kind: str, name: str, fields: tuple[Field, ...], cwd: Path | None = None,
                what: str = ""):
    """Find layouts/<kind>/<name>.yaml (local first) and check it; returns (path, tree, values).

    what: how to name an unknown layout in the error ("schéma de pliage")."""
    files = layout_files(kind, cwd)
    if name not in files:
        raise KitError(
            Diagnostic(
                Loc(f"layouts/{kind}/{name}.yaml"),
                f"{what + ' ' if what else ''}« {name} » inconnu ; disponibles :"
                f" {', '.join(files) or 'aucun'}" + did_you_mean(name, files),
            )
        )
    path = files[name]
    shown = display_path(path, cwd)
    tree = load_yaml(path.read_bytes(), shown)
    v = Validator(path.parent, {})
    if not isinstance(tree, YMap):
        raise KitError(Diagnostic(tree.loc, "des lignes « clé: valeur » sont attendues (title: …)"))
    values = v.mapping(fields, tree, "")
    v.errors.raise_if_any()
    return path, tree, values


def load_card_format(name: str, cwd: Path | None = None) -> CardFormat:
    path, tree, values = read_layout("cards", name, CARD_FORMAT_FIELDS, cwd)
    t = values["type"]
    if t["min"] > t["body"]:
        raise KitError(
            Diagnostic(tree.get("type").loc, "type.min dépasse type.body : la taille minimale"
                                             " doit être inférieure à la taille du texte")
        )
    return CardFormat(
        name=name,
        title=values["title"],
        width=values["width"],
        height=values["height"],
        safe=values["safe"],
        header=values["header"],
        qr=values["qr"],
        type=CardType(**t),
    )

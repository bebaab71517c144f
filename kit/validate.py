"""Located YAML tree → validated Deck. Every problem is collected; none stops the others.

validate_tree checks the deck as a whole (format version, number of entities) and assembles
the Deck; the checks are in kit.validate_values (each value against its schema field),
kit.validate_assets (files), kit.validate_entities, kit.validate_references and
kit.validate_theme. Validator, did_you_mean and slugify are re-exported: the loaders of
layouts, canvases and removals and the products import them from here.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import Loc
from kit.load.yamlsrc import YMap, YScalar
from kit.model import deck as m
from kit.model.schema import (
    DECK_FIELDS,
    DEFAULT_LANGUAGE,
    ENTITY_FIELDS,
    FORMAT_VERSIONS,
    MAX_ENTITIES,
)
from kit.names import did_you_mean, slugify
from kit.validate_entities import build_entity, build_resources
from kit.validate_references import check_near, check_references
from kit.validate_theme import check_theme
from kit.validate_values import Validator

__all__ = ["Validator", "did_you_mean", "slugify", "validate_tree"]


def validate_tree(tree, file_loc: Loc, folder: Path, removed: dict[str, Loc] | None = None,
                  extends: str | None = None, check_canvases=None) -> m.Deck:
    """Turn a merged, located deck tree into a Deck, or raise KitError with every problem.

    check_canvases(wordings, language) → diagnostics: checks the `canvases:` section against
    the templates (kit.load.canvases.check_wording), reported with every other problem."""
    v = Validator(folder, removed or {})
    if not isinstance(tree, YMap):
        v.errors.error(file_loc, "un deck commence par des lignes « clé: valeur » (kit: 1,"
                                 " id: …, title: …)")
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
            items.append(build_entity(v, kind, item_node, values, all_ids))
        entities[kind] = [i for i in items if i is not None]
    if total > MAX_ENTITIES:
        # cited at the first element past the limit
        v.errors.error(first_too_many, f"trop d'éléments ({total}) : {MAX_ENTITIES} au plus")
    # a kind that is not even a list is reported once, not again at every reference to it
    unreadable = {k for k in ENTITY_FIELDS if getattr(tree.get(k), "kind", "list") != "list"}
    check_references(v, top, unreadable)
    check_near(v, top, unreadable)
    theme = top.get("theme") or {}
    check_theme(v, tree.get("theme"), theme)
    canvases = _canvases(top.get("canvases", ()))
    language = top.get("language", DEFAULT_LANGUAGE)
    if canvases and check_canvases is not None:
        v.errors.diagnostics += check_canvases(canvases, language)
    v.errors.raise_if_any()
    territory = top.get("territory") or {}
    credits = top.get("credits") or {}
    return m.Deck(
        id=top["id"],
        title=top["title"],
        language=language,
        loc=file_loc,
        folder=str(folder),
        subtitle=top.get("subtitle"),
        territory=m.Territory(name=territory.get("name"), logo=territory.get("logo")),
        theme=m.Theme(palette=theme.get("palette", ()), fonts=theme.get("fonts", ()),
                      cmyk=theme.get("cmyk", ())),
        map=m.MapSettings(**(top.get("map") or {})),
        credits=m.Credits(
            text=credits.get("text"),
            links=build_resources(credits.get("links", [])),
        ),
        canvases=canvases,
        extends=extends,
        locs=_deck_locs(tree),
        **{kind: tuple(items) for kind, items in entities.items()},
    )


def _canvases(items) -> tuple[m.CanvasWording, ...]:
    """`canvases:` as read by Validator.value (keyed): (id, loc, node, values) per canvas."""
    out = []
    for canvas_id, loc, node, values in items:
        zones = tuple(
            m.ZoneWording(zone_id, zone.get("title"), zone.get("prompt"), zone_loc,
                          m.Locs(tuple((k, zone_node.get(k).loc) for k in zone_node.entries)))
            for zone_id, zone_loc, zone_node, zone in values.get("zones", ())
        )
        out.append(m.CanvasWording(canvas_id, loc, values.get("title"), values.get("subtitle"),
                                   zones, m.Locs(tuple((k, node.get(k).loc)
                                                       for k in node.entries))))
    return tuple(out)


def _deck_locs(tree: YMap) -> m.Locs:
    """Where title, subtitle, the territory's name and the credits' text were written."""
    pairs = []
    for name, path in (("title", ("title",)), ("subtitle", ("subtitle",)),
                       ("territory", ("territory", "name")), ("logo", ("territory", "logo")),
                       ("credits", ("credits", "text"))):
        node = tree
        for key in path:
            node = node.get(key) if isinstance(node, YMap) else None
        if node is not None:
            pairs.append((name, node.loc))
    return m.Locs(tuple(pairs))


def _position(tree: YMap, key: str) -> int:
    """Index of a top-level key as written; kinds not written go last."""
    keys = list(tree.entries)
    return keys.index(key) if key in keys else len(keys)

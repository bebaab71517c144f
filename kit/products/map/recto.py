"""The recto: the chart planned from the deck, with a larger or smaller island until every
sign and name finds room, then drawn."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout.geometry import PageSpec, Rect
from kit.layout.island import Archipelago, seed_for
from kit.layout.labels import Placement, RectIndex, Variant
from kit.layout.terrain import relief_signs
from kit.layout.text import Measure
from kit.layout.theme import palette_for
from kit.model.deck import Deck
from kit.products.map.chart import (
    draw_currents,
    draw_features,
    draw_labels,
    draw_land,
    draw_route,
    draw_sea,
)
from kit.products.map.creases import Crease, scheme_creases
from kit.products.map.features import Feature, NoRoom
from kit.products.map.landart import draw_relief, draw_trails
from kit.products.map.names import LABEL_STYLE, LAND_NAMES, SIZE_STEPS, label_variants
from kit.products.map.placement import lay_out
from kit.products.map.rose import draw_rose
from kit.products.map.sheet import SHEET_H, SHEET_W, MapContext, frame_items, regions
from kit.products.map.side import draw_cartouche, draw_side
from kit.products.map.terrain import choose_land
from kit.products.map.trails import trail_key

# -- the recto ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recto:
    page: PageSpec
    labels: tuple[Placement, ...]
    #: (owner, rectangle) of every pictogram and fixed block no other label may cover
    obstacles: tuple[tuple[str, Rect], ...]
    safe: Rect
    features: tuple[Feature, ...]
    #: the land: one island or an archipelago (kit.layout.island.Archipelago)
    island: Archipelago
    #: the trails (kit.products.map.trails.Trail) and currents (…current_arrows.Current) as drawn
    trails: tuple = ()
    currents: tuple = ()
    route: tuple = ()  # the route as drawn, points


MAX_ATTEMPTS = 6


def _attempts(ctx: MapContext, reg, unit: Archipelago, variants: dict, scale: float,
              s_min: float, s_max: float):
    """Lay the chart out at `scale`, then larger or smaller as the land or the sea asks, and
    at last with relaxed rules; KitError naming what found no room."""
    # the first complaint of the land (wants a larger island) and of the sea (a smaller one)
    errors: dict[bool, NoRoom] = {}
    tried: list[float] = []
    direction = 0
    for _ in range(MAX_ATTEMPTS):
        tried.append(scale)
        try:
            return lay_out(ctx, reg, unit.scaled(scale), variants)
        except NoRoom as exc:
            errors.setdefault(exc.grow, exc)
            step = 1 if exc.grow else -1
            if direction and step != direction:
                break  # the land wants more room and the sea less: no island size will do
            direction = step
            nxt = min(s_max, scale * 1.12) if exc.grow else max(s_min, scale * 0.92)
            if abs(nxt - scale) < 1e-6:
                break
            scale = nxt
    # last resort: names may leave their side of the coast or cross the route, with less white:
    # on the largest island tried if the land was short of room (else the last one), then,
    # when the land and the sea disagreed, halfway between
    scales = [max(tried) if True in errors else tried[-1]]
    if len(errors) == 2:
        scales.append((max(tried) + min(tried)) / 2)
    # and the other sizes tried, nearest first: greedy placement on a crowded chart may
    # succeed on one island size and not on the next
    scales += sorted((s for s in set(tried) if s not in scales),
                     key=lambda s: abs(s - scales[0]))[:2]
    for last in scales:
        try:
            return lay_out(ctx, reg, unit.scaled(last), variants, relaxed=True)
        except NoRoom as exc:
            errors.setdefault(exc.grow, exc)
    raise KitError([d for e in errors.values() for d in e.diagnostics])
#: the tallest cartouche, mm: more text than this is an error
CARTOUCHE_MAX_H = 80.0


def plan_recto(deck: Deck, measure: Measure, creases: tuple[Crease, ...] | None = None) -> Recto:
    """The chart side of the map. creases: the folds on the recto (kit.products.map.creases),
    which no word comes near and no sign straddles; by default those of the default scheme."""
    pal = palette_for(deck)
    t = Messages(deck.language)
    creases = scheme_creases() if creases is None else tuple(creases)
    ctx = MapContext(deck, measure, pal, t, random.Random(seed_for(deck.id, deck.map.seed)),
                     creases=creases)
    room = regions(creases).cartouche
    cartouche_items, cartouche = draw_cartouche(ctx, Rect(room.x, room.y, room.w, CARTOUCHE_MAX_H))
    reg = regions(creases, cartouche.h)
    chart = reg.chart
    keep_clear = [reg.cartouche.outset(2), reg.compass.outset(1)]

    # every label's forms, measured once for all the attempts
    titles: dict[str, tuple[str, str]] = {}
    for s_i, s in enumerate(deck.stages, 1):
        titles[s.id] = ("stage", f"{s_i}. {s.title}")
    for kind, entities in (("pillar", deck.pillars), ("beacon", deck.beacons),
                           ("current", deck.currents), ("site", deck.sites)):
        for e in entities:
            titles[e.id] = (kind, e.title)
    for p in deck.pillars:
        for k in range(len(p.trails)):
            titles[trail_key(p.id, k)] = ("trail", p.trail_label(k))
    titles["_harbour"] = ("harbour", t("map.departure"))
    titles["_arrival"] = ("arrival", t("map.arrival"))
    variants: dict[str, tuple[Variant, ...]] = {}
    for key, (kind, text) in titles.items():
        size, face, caps, _, family = LABEL_STYLE[kind]
        if kind == "pillar" and len(deck.pillars) > 4:
            size -= 1.0  # a crowded island: the names stay first in rank, a little smaller
        # a landmark's name may run longer on one line: it has the island to itself
        long_w = 64.0 if kind == "pillar" else 45.0
        variants[key] = label_variants(ctx, text, size, face, caps, family, long_w=long_w,
                                       steps=SIZE_STEPS.get(kind, (0.0, 1.0, 2.0)),
                                       phrases=kind in LAND_NAMES)
    # a name too long for three lines of the widest label is an error of its own
    problems = []
    for e in (*deck.stages, *deck.pillars, *deck.beacons, *deck.currents, *deck.sites):
        if not variants[e.id]:
            from kit.layout.limits import max_chars

            kind, _ = titles[e.id]
            size, face, caps, _, family = LABEL_STYLE[kind]
            wide = 64.0 if kind == "pillar" else 45.0
            steps = SIZE_STEPS.get(kind, (0.0, 1.0, 2.0))
            most = max_chars(e.title, lambda text, s=size, fa=face, c=caps, fm=family, w=wide,
                             st=steps, k=kind: bool(label_variants(
                                 ctx, text, s, fa, c, fm, long_w=w, steps=st,
                                 phrases=k in LAND_NAMES)))
            shown = e.title if len(e.title) <= 60 else e.title[:59].rstrip() + "…"
            problems.append(Diagnostic(e.loc, f"la carte de poche : le titre « {shown} » est"
                                              " trop long pour une étiquette (au plus"
                                              f" {most} caractères, il en a {len(e.title)}) ;"
                                              " raccourcissez-le"))
    if problems:
        raise KitError(problems)

    kinds = {key: kind for key, (kind, _) in titles.items()}
    most = None
    while True:
        unit, scale, s_min, s_max = choose_land(deck, chart, keep_clear, kinds, variants, most)
        try:
            layout = _attempts(ctx, reg, unit, variants, scale, s_min, s_max)
            break
        except KitError:
            # an archipelago chosen by the kit that holds no layout gives way to one island
            if deck.map.islands or len(unit) == 1:
                raise
            most = 1
    island = layout.land
    features = layout.features
    placements = layout.placements

    # the relief's signs keep 2.5 mm from every name and sign, 1 mm from the paths
    names = RectIndex()
    for f in features:
        if f.kind not in ("current", "trail"):
            names.add(f.footprint.outset(2.5), f.key)
    for p in placements:
        names.add(p.rect.outset(2.5), p.key)
    for trail in layout.trails:
        for rect in trail.boxes:
            names.add(rect.outset(0.4), trail.key)
        for g in trail.glyphs:
            names.add(g.box.outset(2.0), trail.key)
    signs = relief_signs(island, seed_for(deck.id, deck.map.seed),
                         lambda r: names.hits(r) is None)

    # the rhumb lines stop at the signs only: the names' halos part them round the letters
    signs_at_sea = RectIndex()
    for f in features:
        if f.kind in ("stage", "beacon", "harbour", "arrival"):
            signs_at_sea.add(f.footprint.outset(1.0), f.key)
    for rect in (reg.cartouche, reg.compass):
        signs_at_sea.add(rect.outset(1.0))
    items: list = []
    items += draw_sea(ctx, chart, island, reg.compass,
                      lambda x, y: signs_at_sea.hits_box(x - 0.3, y - 0.3, x + 0.3, y + 0.3)
                      is not None)
    items += draw_land(ctx, island)
    items += draw_relief(ctx, signs)
    items += draw_trails(ctx, layout.trails)
    items += draw_route(ctx, layout.route_cmds, layout.route_line)
    items += draw_currents(ctx, layout.currents)
    items += draw_features(ctx, features)
    items += draw_labels(ctx, placements, {f.key: f for f in features}, island)
    items += cartouche_items
    items += draw_rose(ctx, reg.compass)
    # the legend explains what the chart draws, and only that
    drawn = {f.kind for f in features if f.kind != "trail"} | {"route"}
    if layout.trails:
        drawn.add("trail")
    items += draw_side(ctx, reg.side, frozenset(drawn))
    items += frame_items(pal)
    page = PageSpec(SHEET_W, SHEET_H, tuple(items), label="recto")
    return Recto(page, tuple(placements), tuple(layout.obstacles), chart.inset(2.0),
                 tuple(features), island, tuple(layout.trails), tuple(layout.currents.values()),
                 tuple(layout.route_line))

"""The signs of the chart (landmarks, stages, beacons, currents, harbour and arrival): their
sizes, the room each keeps, the label request of each, and the failure that names one."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.errors import Diagnostic
from kit.layout.geometry import Rect
from kit.layout.island import Archipelago
from kit.layout.labels import DIRECTIONS, LABEL_GAP, LabelRequest, Variant, outward_positions
from kit.model.deck import Deck, Entity
from kit.products.map.sheet import SHEET_H, SHEET_W

# -- features -------------------------------------------------------------------------------


@dataclass
class Feature:
    """A point on the chart with its pictogram and a label to place.

    radius: half the side of the square the pictogram is drawn in (halo and stroke included);
    nothing else may cover that square, and the label keeps out of it.
    """

    key: str
    kind: str  # pillar | stage | beacon | current | harbour | arrival
    x: float
    y: float
    radius: float
    title: str
    entity: Entity | None = None
    side: str = "any"
    number: int = 0
    landmark: str = ""
    space: float = 0.0  # white kept round a landmark and its name, beyond its own
    #: the label's positions in order of preference, instead of the kind's
    positions: tuple[str, ...] | None = None

    @property
    def footprint(self) -> Rect:
        r = self.radius
        return Rect(self.x - r, self.y - r, 2 * r, 2 * r)


RING = 15.0  # the route's distance from the coast, mm
#: the coast's shallows (its darkest band and first waterline), mm out from it: no name at sea
#: comes nearer
SHALLOWS = 4.5
START_ANGLE = math.radians(128)  # the harbour, lower left; the route goes round clockwise
STAGE_R, BEACON_R, HARBOUR_R, ARRIVAL_R = 4.0, 4.0, 4.5, 4.0
CURRENT_R = 11.5  # half a current's bundle of arrows: its name keeps outside it
SITE_R = 3.2  # a site's pictogram
TRAIL_R = 1.2  # a trail's end, where its name may sit when it does not run along it
HALO = 0.6  # the light disc behind a pillar's landmark, beyond its drawing
LABEL_MARGIN = 2.2  # white kept around a label while features are placed
LAND_FULL = 0.55  # the comfortable share of the land taken by landmarks, sites, trails and names
SEA_FULL = 0.35  # and of the sea by the other signs and theirs
PILLAR_CLEAR = 3.5  # other names keep this much further from a landmark
PILLAR_SPACE = 3.5  # and around a landmark and its name, so each name reads as its own
MIN_LINE_W = 13.0  # a name is wrapped only if each line keeps at least this much, mm
SEA_GRID = 5.0  # spacing of the candidate spots at sea, mm
LAND_GRID = 4.0  # and on land


def pillar_space(n: int) -> float:
    """The white round a landmark and its name: 3 mm at least from any other name, so that
    each reads as its own, however crowded the land."""
    return PILLAR_SPACE


def pillar_radius(n: int) -> float:
    """Landmarks shrink as the island gets crowded (halo included)."""
    return (11.0 if n <= 3 else (9.0 if n <= 5 else 6.8)) + HALO


def feature_radius(kind: str, n_pillars: int) -> float:
    if kind == "pillar":
        return pillar_radius(n_pillars)
    return {"stage": STAGE_R, "beacon": BEACON_R, "current": CURRENT_R, "harbour": HARBOUR_R,
            "arrival": ARRIVAL_R, "site": SITE_R, "trail": TRAIL_R}[kind]


def chart_landmark(landmark: str) -> str:
    """The sign a landmark is drawn with on the chart: a harbour ashore is a quay with its
    crane ('port'), so as not to read as the route's port of embarkation."""
    return "port" if landmark == "harbour" else landmark


def pinned_at(entity: Entity | None) -> tuple[float, float] | None:
    pin = getattr(entity, "map", None)
    if pin is None:
        return None
    return SHEET_W * pin.x / 100, SHEET_H * pin.y / 100


class NoRoom(Exception):
    """One placement attempt failed; `grow` says whether a larger island would help."""

    def __init__(self, diagnostics: list[Diagnostic], grow: bool):
        super().__init__(diagnostics)
        self.diagnostics = diagnostics
        self.grow = grow


def preferred(variants: tuple[Variant, ...]) -> Variant:
    return min(variants, key=lambda v: v.penalty)


EIGHT = tuple(k * math.pi / 4 for k in range(8))


def keep_out(f: Feature) -> Rect:
    """What other names keep clear of: the pictogram, and around a landmark a wider ring so
    that no other name reads as its own."""
    return f.footprint.outset(PILLAR_CLEAR) if f.kind == "pillar" else f.footprint


def label_request(f: Feature, variants: tuple[Variant, ...], land: Archipelago,
                  seaward: bool = True) -> LabelRequest:
    """The label request of a feature's name; `seaward`: a stage's name only on the
    seaward side of its roundel (on a crowded chart, anywhere round it)."""
    if f.positions:
        positions = f.positions
    elif f.kind == "pillar":
        # a landmark's name reads best right under it
        positions = PILLAR_POSITIONS
    elif f.kind == "current":
        positions = None  # Imhof's order
    else:
        positions = sea_positions(f.kind, f.x, f.y, land, seaward)
    pad = max(0.0, f.space - LABEL_GAP - 0.5) if f.kind in ("pillar", "site") else 0.0
    if f.kind == "site":
        # the name hugs the pin's head, upper right first (Imhof), within a millimetre of it
        k = f.radius / SITE_R
        return LabelRequest(f.key, f.x, f.y - PIN_HEAD[0] * k, PIN_HEAD[1] * k, variants,
                            f.side, f.positions or SITE_POSITIONS, pad, gap=0.8)
    coast = SHALLOWS if f.side == "sea" else 0.0
    return LabelRequest(f.key, f.x, f.y, f.radius, variants, f.side, positions, pad,
                        coast=coast)


def sea_positions(kind: str, x: float, y: float, land: Archipelago, seaward: bool = True
                  ) -> tuple[str, ...]:
    """The positions, best first, of the name of a stage, beacon, harbour or arrival at
    (x, y): away from the island, out of the route's way; `seaward`: a stage's name only on
    the seaward side of its roundel."""
    island = land.island_at(x, y)
    dx, dy = (x - island.cx) / island.rx, (y - island.cy) / island.ry
    positions = outward_positions(dx, dy)
    if kind == "stage" and seaward:
        # a stage's name on the seaward side of its roundel, never towards the coast: the
        # way the distance from the nearest coast grows (between two islands, not simply
        # away from the nearer one's centre)
        gx = land.distance_out(x + 1.0, y) - land.distance_out(x - 1.0, y)
        gy = land.distance_out(x, y + 1.0) - land.distance_out(x, y - 1.0)
        if math.hypot(gx, gy) > 0.2:
            dx, dy = gx, gy
        positions = tuple(p for p in positions if _facing(p, dx, dy) > -0.2)
    return positions


def _facing(position: str, dx: float, dy: float) -> float:
    """How much a label position faces along (dx, dy): the cosine between them."""
    vx, vy = DIRECTIONS[position]
    return (vx * dx + vy * dy) / (math.hypot(dx, dy) or 1.0)


#: a site's pin, drawn in a square of side 2 × SITE_R: its head's centre above the square's
#: centre, and its radius with the outline, mm
PIN_HEAD = (0.88, 2.0)
SITE_POSITIONS = ("upper-right", "right", "upper-left", "left", "lower-right", "lower-left",
                  "above")
#: the white round a site's name, so that it reads as its own (3 mm from any other name)
SITE_SPACE = 3.5
PILLAR_POSITIONS = ("below", "above", "right", "left", "lower-right", "upper-right",
                    "lower-left", "upper-left")


def no_room(f: Feature, deck: Deck, what: str, grow: bool) -> NoRoom:
    loc = f.entity.loc if f.entity else deck.loc
    return NoRoom([Diagnostic(loc, f"la carte de poche : pas de place pour {what}"
                                    f" « {f.title} » ; raccourcissez son titre, retirez des"
                                    " éléments ou épinglez-le avec map: {x, y}")], grow)

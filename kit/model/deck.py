"""The validated deck: frozen dataclasses, text kept as the author wrote it (with inline markup).

Every entity remembers where it was written (`loc`) and where each of its fields was
(`locs.get("text")`), so a later stage that cannot lay it out can still cite the deck line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.errors import Loc


@dataclass(frozen=True)
class Locs:
    """Where each field of an entity was written."""

    pairs: tuple[tuple[str, Loc], ...] = ()

    def get(self, name: str, default: Loc | None = None) -> Loc | None:
        for key, loc in self.pairs:
            if key == name:
                return loc
        return default


@dataclass(frozen=True)
class Pin:
    """A position on the map, per cent of the sheet (0–100)."""

    x: float
    y: float


@dataclass(frozen=True)
class Resource:
    title: str
    url: str


@dataclass(frozen=True)
class Entity:
    id: str
    loc: Loc = field(compare=False)
    locs: Locs = field(compare=False)

    def where(self, name: str) -> Loc:
        return self.locs.get(name, self.loc) or self.loc


@dataclass(frozen=True)
class Stage(Entity):
    title: str
    text: str | None = None  # a first draft of an itinerary may be titles only
    tagline: str | None = None
    beacons: tuple[str, ...] = ()
    map: Pin | None = None


@dataclass(frozen=True)
class Pillar(Entity):
    title: str
    landmark: str
    text: str | None = None
    details: str | None = None
    trails: tuple[str, ...] = ()
    beacons: tuple[str, ...] = ()
    map: Pin | None = None
    #: each trail's short name for the map (None: the map names it by its text), as `trails`
    trail_labels: tuple[str | None, ...] = ()

    def trail_label(self, index: int) -> str:
        """What the map writes along the trail: its label, or else its text."""
        labels = self.trail_labels
        return (labels[index] if index < len(labels) else None) or self.trails[index]


@dataclass(frozen=True)
class Beacon(Entity):
    title: str
    questions: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    map: Pin | None = None


@dataclass(frozen=True)
class Current(Entity):
    title: str
    text: str | None = None
    avoid: str | None = None
    map: Pin | None = None
    near: str | None = None  # the stage, beacon or pillar it threatens, drawn beside it


@dataclass(frozen=True)
class Question(Entity):
    text: str
    stage: str | None = None
    pillar: str | None = None
    beacon: str | None = None

    @property
    def target(self) -> tuple[str, str] | None:
        """('stage'|'pillar'|'beacon', id) or None."""
        for kind in ("stage", "pillar", "beacon"):
            value = getattr(self, kind)
            if value:
                return kind, value
        return None


@dataclass(frozen=True)
class Site(Entity):
    title: str
    text: str | None = None
    url: str | None = None
    map: Pin | None = None


@dataclass(frozen=True)
class Imaginary(Entity):
    title: str
    text: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Territory:
    name: str | None = None
    logo: str | None = None  # absolute path, checked to exist inside the deck folder


@dataclass(frozen=True)
class Theme:
    palette: tuple[tuple[str, str], ...] = ()  # (name, "#rrggbb") overrides
    fonts: tuple[tuple[str, str], ...] = ()  # (role, font family name)
    # (palette name, (c, m, y, k) in 0–1): the print shop's values for the press files
    cmyk: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()

    def colour(self, name: str, default: str) -> str:
        return dict(self.palette).get(name, default)

    def font(self, role: str, default: str) -> str:
        return dict(self.fonts).get(role, default)


@dataclass(frozen=True)
class Credits:
    text: str | None = None
    links: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class ZoneWording:
    """A deck's own title and prompt for one zone of a canvas template (None: the template's)."""

    id: str
    title: str | None = None
    prompt: str | None = None
    loc: Loc = field(default=Loc(""), compare=False)  # where its id was written
    locs: Locs = field(default=Locs(), compare=False)


@dataclass(frozen=True)
class CanvasWording:
    """A deck's own words for one canvas template: `canvases: {equipage: {zones: …}}`."""

    id: str  # the template's name (its file name)
    loc: Loc = field(compare=False)
    title: str | None = None
    subtitle: str | None = None
    zones: tuple[ZoneWording, ...] = ()
    locs: Locs = field(default=Locs(), compare=False)


@dataclass(frozen=True)
class MapSettings:
    seed: int | None = None
    islands: int | None = None  # 1–4; None: chosen from the number of pillars
    tagline: str | None = None  # a line of the cartouche, under the subtitle
    mention: str | None = None  # a stamp at the foot of the legend


ENTITY_KINDS: tuple[str, ...] = (
    "stages",
    "pillars",
    "beacons",
    "currents",
    "questions",
    "sites",
    "imaginaries",
)


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    language: str
    loc: Loc = field(compare=False)
    folder: str = field(compare=False)  # absolute path of the deck folder
    subtitle: str | None = None
    territory: Territory = Territory()
    theme: Theme = Theme()
    map: MapSettings = MapSettings()
    stages: tuple[Stage, ...] = ()
    pillars: tuple[Pillar, ...] = ()
    beacons: tuple[Beacon, ...] = ()
    currents: tuple[Current, ...] = ()
    questions: tuple[Question, ...] = ()
    sites: tuple[Site, ...] = ()
    imaginaries: tuple[Imaginary, ...] = ()
    credits: Credits = Credits()
    canvases: tuple[CanvasWording, ...] = ()
    extends: str | None = None  # the base deck's id, after merging (for diff and notes)
    #: where the deck-level texts were written: title, subtitle, territory, credits
    locs: Locs = field(default=Locs(), compare=False)
    #: what loading did without being asked in so many words (a `remove` that took the
    #: questions of the element it removed), each at its deck line: printed, never an error
    notes: tuple = field(default=(), compare=False)

    def where(self, name: str) -> Loc:
        return self.locs.get(name, self.loc) or self.loc

    def canvas_wording(self, canvas_id: str) -> CanvasWording | None:
        return next((c for c in self.canvases if c.id == canvas_id), None)

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in ENTITY_KINDS}

    def entity(self, entity_id: str) -> Entity | None:
        for kind in ENTITY_KINDS:
            for item in getattr(self, kind):
                if item.id == entity_id:
                    return item
        return None

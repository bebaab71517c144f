"""What goes on each card: one card per stage, pillar, beacon, current and question, in kind
order, with the sections of text it carries; and the context cards are laid out in (the
deck, the card format, the palette, the messages).

Pure data: no geometry here. kit.products.card_text fits the text, kit.products.card_faces
lays out fronts and backs, kit.products.card_sheets imposes them, kit.products.cards builds
the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kit.i18n import Messages
from kit.layout.text import Measure, strip_markup, typography
from kit.layout.theme import Palette, palette_for
from kit.load.layouts import CardFormat
from kit.model.deck import Deck, Entity

KIND_ORDER = ("stage", "pillar", "beacon", "current", "question")
KIND_PICTOGRAM = {
    "stage": "stage",
    "pillar": "mountain",
    "beacon": "beacon",
    "current": "current",
    "question": "question",
}
BODY = "body"


@dataclass(frozen=True)
class Section:
    """A block of a card: an optional heading, then paragraphs or bullets."""

    field: str  # deck field it comes from, for error messages
    texts: tuple[str, ...]
    heading: str | None = None
    bullets: bool = False
    face: str = "regular"  # regular | italic


@dataclass(frozen=True)
class Card:
    kind: str
    number: int
    total: int
    entity: Entity
    title: str | None
    sections: tuple[Section, ...]
    pictogram: str
    context: str | None = None  # a question's stage, pillar or beacon
    qr: tuple[str, str] | None = None  # (title, url)
    big_number: str | None = None  # a stage's number in the itinerary
    kind_label: str = ""  # "Balise", in the deck's language

    @property
    def name(self) -> str:
        label = self.title or strip_markup(self.sections[0].texts[0])
        if len(label) > 50:
            label = label[:49] + "…"
        return f"{self.kind_label or self.kind} {self.number}/{self.total} « {label} »"


@dataclass
class CardContext:
    deck: Deck
    fmt: CardFormat
    measure: Measure
    palette: Palette
    t: Messages
    bleed: float = 0.0
    _faces: list | None = None
    #: groups shared by the fronts (bands, footer), laid out once
    shared: dict = field(default_factory=dict)

    def typo(self, text: str) -> str:
        return typography(text, self.deck.language)


# -- content ------------------------------------------------------------------------------


def deck_cards(deck: Deck, t: Messages) -> list[Card]:
    """Every card of the deck, in kind order: stages, pillars, beacons, currents, questions."""
    cards: list[Card] = []
    stages = deck.stages
    titles = {e.id: e.title for kind in ("stages", "pillars", "beacons")
              for e in getattr(deck, kind)}
    for i, s in enumerate(stages, 1):
        sections = [Section("tagline", (s.tagline,), face="italic")] if s.tagline else []
        if s.text:  # a first draft may give a stage its title only
            sections.append(Section("text", (s.text,)))
        if s.beacons:
            key = "card.keep_in_view_plural" if len(s.beacons) > 1 else "card.keep_in_view"
            sections.append(Section("beacons", tuple(titles[b] for b in s.beacons), t(key), True))
        cards.append(Card("stage", i, len(stages), s, s.title, tuple(sections), "stage",
                          big_number=str(i)))
    for i, p in enumerate(deck.pillars, 1):
        sections = [Section("text", (p.text,))] if p.text else []
        if p.trails:
            sections.append(Section("trails", p.trails, t("card.trails"), True))
        cards.append(Card("pillar", i, len(deck.pillars), p, p.title, tuple(sections), p.landmark))
    for i, b in enumerate(deck.beacons, 1):
        sections = []
        if b.questions:
            sections.append(Section("questions", b.questions[:1], face="italic"))
        if b.tracks:
            sections.append(Section("tracks", b.tracks, t("card.tracks"), True))
        qr = (b.resources[0].title, b.resources[0].url) if b.resources else None
        cards.append(Card("beacon", i, len(deck.beacons), b, b.title, tuple(sections), "beacon",
                          qr=qr))
    for i, c in enumerate(deck.currents, 1):
        sections = [Section("text", (c.text,))] if c.text else []
        if c.avoid:
            sections.append(Section("avoid", (c.avoid,), t("card.avoid")))
        cards.append(Card("current", i, len(deck.currents), c, c.title, tuple(sections), "current"))
    questions: list[tuple[Entity, str, str | None]] = []
    for q in deck.questions:
        target = q.target
        context = None
        if target:
            context = f"{t('kind.' + target[0])} · {titles[target[1]]}"
        questions.append((q, q.text, context))
    for b in deck.beacons:
        for text in b.questions:
            questions.append((b, text, f"{t('kind.beacon')} · {b.title}"))
    for i, (entity, text, context) in enumerate(questions, 1):
        field_name = "text" if entity.__class__.__name__ == "Question" else "questions"
        cards.append(Card("question", i, len(questions), entity, None,
                          (Section(field_name, (text,)),), "question", context=context))
    return [replace(c, kind_label=t(f"kind.{c.kind}")) for c in cards]


def make_context(deck: Deck, fmt: CardFormat, measure: Measure, bleed: float) -> CardContext:
    return CardContext(deck, fmt, measure, palette_for(deck), Messages(deck.language), bleed)

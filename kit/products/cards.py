"""Question cards: one card per question, beacon, current, pillar and stage.

plan_* functions turn a deck into geometry Documents (no PDF library); `build` renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout import impose
from kit.layout.geometry import (
    WHITE,
    Clip,
    Color,
    Document,
    Form,
    FormRef,
    Group,
    Link,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextSpan,
    circle_path,
    polyline,
    rect_path,
)
from kit.layout.pictograms import pictogram
from kit.layout.qr import QUIET_MODULES, qr_matrix, qr_path
from kit.layout.text import (
    PT,
    Measure,
    Overflow,
    break_lines,
    place_lines,
    strip_markup,
    styled,
    text_height,
    typography,
)
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette, palette_for
from kit.load.layouts import CardFormat
from kit.model.deck import Deck, Entity
from kit.products.card_footer import footer_group, footer_lines, footer_room

KIND_ORDER = ("stage", "pillar", "beacon", "current", "question")
KIND_PICTOGRAM = {
    "stage": "stage",
    "pillar": "mountain",
    "beacon": "beacon",
    "current": "current",
    "question": "question",
}
HAIRLINE = 0.25 * PT  # 0.25 pt in mm
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


# -- one face -------------------------------------------------------------------------------


def _spans(ctx: CardContext, text: str, face: str = "regular") -> list[TextSpan]:
    return styled(text, ctx.deck.language, face)


def _layout_sections(ctx: CardContext, card: Card, width: float, body: float, title: float,
                     colour: Color) -> tuple[list, float, dict]:
    """Stack title and sections from y = 0; returns (items, height, height per field)."""
    m = ctx.measure
    lang = ctx.deck.language
    ink = ctx.palette["ink"]
    items: list = []
    per_field: dict[str, float] = {}
    y = 0.0
    if card.title:
        # a card with its title only (a first draft's stage) shows it centred, like a question
        st = TextStyle(BODY, title, 1.12, ink, "left" if card.sections else "center")
        spans = [TextSpan(s.text, "bolditalic" if s.face == "italic" else "bold")
                 for s in _spans(ctx, card.title)]
        try:
            lines = break_lines(spans, width, st, m, lang, hyphenate=False)
        except Overflow as exc:
            exc.field = "title"
            raise
        h = text_height(len(lines), st)
        items.append(place_lines(lines, Rect(0, y, width, h), st, "title"))
        per_field["title"] = h
        y += h + body * 0.75 * PT
    for sec in card.sections:
        start = y
        if sec.heading:
            st = TextStyle(BODY, body, 1.2, colour)
            lines = break_lines(_spans(ctx, sec.heading), width, st, m, lang)
            lines = [([TextSpan(s.text, "bold") for s in spans], w) for spans, w in lines]
            lines = break_lines([s for spans, _ in lines for s in spans], width, st, m, lang)
            h = text_height(len(lines), st)
            items.append(place_lines(lines, Rect(0, y, width, h), st, "body"))
            y += h + body * 0.35 * PT
        st = TextStyle(BODY, body, 1.22, ink)
        indent = body * 0.9 * PT if sec.bullets else 0.0
        # a question card's one question reads best unbroken; body text may hyphenate
        whole = card.kind == "question"
        for k, text in enumerate(sec.texts):
            try:
                lines = break_lines(_spans(ctx, text, sec.face), width - indent, st, m, lang,
                                    hyphenate=not whole)
            except Overflow as exc:
                exc.field = sec.field  # blame the field the word is in, not the first one
                raise
            h = text_height(len(lines), st)
            box = Rect(indent, y, width - indent, h)
            items.append(place_lines(lines, box, st, "body"))
            if sec.bullets:
                r = body * 0.13 * PT
                items.append(Shape(circle_path(r, y + body * 0.55 * PT, r), Style(fill=colour)))
            y += h + (body * 0.3 * PT if k < len(sec.texts) - 1 else 0)
        per_field[sec.field] = per_field.get(sec.field, 0) + y - start
        y += body * 0.7 * PT
    return items, y - body * 0.7 * PT, per_field


def _translate(items: list, dx: float, dy: float) -> Group:
    return Group(tuple(items), dx, dy)


def _head(ctx: CardContext, card: Card, bleed: float | None = None) -> Group:
    """The coloured band with the kind's pictogram in its disc: the same on every card of a
    kind (and landmark), so the renderer stores it once. bleed: how far the band runs past
    the card (the context's bleed unless given: an office sheet's half gutter)."""
    b = ctx.bleed if bleed is None else bleed
    name = f"head-{card.kind}-{card.pictogram}-{b:g}"
    if name not in ctx.shared:
        fmt, pal = ctx.fmt, ctx.palette
        colour = pal[card.kind]
        # coloured band, running into the bleed on three sides
        items: list = [Shape(rect_path(Rect(-b, -b, fmt.width + 2 * b, fmt.header + b)),
                             Style(fill=colour))]
        disc_r = fmt.header * 0.34
        cx, cy = fmt.safe + disc_r, fmt.header / 2
        items.append(Shape(circle_path(cx, cy, disc_r), Style(fill=WHITE)))
        size = disc_r * 1.45
        items += pictogram(card.pictogram, size, cx - size / 2, cy - size / 2, pal["ink"],
                           colour, WHITE)
        ctx.shared[name] = Group(tuple(items), share=f"{ctx.deck.id}-{fmt.name}-{b:g}-{name}")
    return ctx.shared[name]


def front_items(ctx: CardContext, card: Card) -> list:
    """The front of one card in card coordinates (0, 0 at the trim's top-left corner)."""
    fmt, pal = ctx.fmt, ctx.palette
    w, safe = fmt.width, fmt.safe
    colour = pal[card.kind]
    items: list = [_head(ctx, card)]
    disc_r = fmt.header * 0.34
    cx, cy = safe + disc_r, fmt.header / 2
    label = f"{ctx.t('kind.' + card.kind)} · {card.number}/{card.total}"
    lsize = fmt.type.label + 1
    st = TextStyle(BODY, lsize, 1.1, WHITE)
    label_x = cx + disc_r + 2.2
    number_w = 0.0
    if card.big_number:
        nst = TextStyle(BODY, fmt.type.number, 1.0, WHITE)
        spans = [TextSpan(card.big_number, "bold")]
        number_w = ctx.measure(card.big_number, "bold", BODY, fmt.type.number)
        nh = fmt.type.number * 0.72 * PT
        items.append(place_lines([(spans, number_w)],
                                 Rect(w - safe - number_w,
                                      cy - nh / 2 - fmt.type.number * 0.18 * PT,
                                      number_w, nh), nst, "label"))
    label_w = w - safe - label_x - (number_w + 2 if number_w else 0)
    lines = break_lines([TextSpan(label, "bold")], label_w, st, ctx.measure, ctx.deck.language)
    lh = text_height(len(lines), st)
    items.append(place_lines(lines, Rect(label_x, cy - lh / 2, label_w, lh), st, "label"))

    # footer: a hairline and the deck's title and territory, the same on every card, in a
    # room of fixed height: the body's room does not depend on the deck's title
    inner_w = w - 2 * safe
    footer_top = footer_room(ctx)
    items.append(footer_group(ctx))

    top = fmt.header + 2.8
    bottom = footer_top - 3.0
    if card.qr:
        q = fmt.qr
        quiet = QUIET_MODULES * q / len(qr_matrix(card.qr[1]))  # four of this code's modules
        # the quiet zone stays clear of the footer's hairline too
        qbox = Rect(w - safe - q, min(bottom, footer_top - 1.6 - HAIRLINE / 2 - quiet) - q, q, q)
        path, module = qr_path(card.qr[1], qbox)
        items.append(Shape(path, Style(fill=pal["ink"])))
        items.append(Link(card.qr[1], qbox))
        rst = TextStyle(BODY, fmt.type.label, 1.15, pal["muted"])
        text = f"{ctx.t('card.resource')} : {card.qr[0]}" if ctx.deck.language == "fr" else \
            f"{ctx.t('card.resource')}: {card.qr[0]}"
        rw = qbox.x - safe - quiet
        try:
            lines = break_lines(_spans(ctx, text), rw, rst, ctx.measure, ctx.deck.language)
        except Overflow as exc:
            raise _overflow(card, "resources", exc.needed, exc.available,
                            minimum=fmt.type.label) from None
        rh = text_height(len(lines), rst)
        if rh > q:
            raise _overflow(card, "resources", rh, q, minimum=fmt.type.label)
        items.append(place_lines(lines, Rect(safe, qbox.y2 - rh, rw, rh), rst, "label"))
        bottom = qbox.y - quiet
    if card.context:
        cst = TextStyle(BODY, fmt.type.label, 1.15, colour)
        try:
            lines = break_lines(_spans(ctx, card.context, "italic"), inner_w, cst, ctx.measure,
                                ctx.deck.language)
        except Overflow as exc:
            raise _overflow(card, "context", exc.needed, exc.available,
                            minimum=fmt.type.label) from None
        chh = text_height(len(lines), cst)
        items.append(place_lines(lines, Rect(safe, bottom - chh, inner_w, chh), cst, "label"))
        bottom -= chh + 3.0
    avail = bottom - top
    content, used = _fit_content(ctx, card, inner_w, avail, colour)
    # a question stands alone, and so does a title without text: centre it in its space;
    # other cards read from the top
    alone = card.kind == "question" or not card.sections
    dy = top + (avail - used) / 2 if alone else top
    items.append(_translate(content, safe, dy))
    return items


def _fit_content(ctx: CardContext, card: Card, width: float, avail: float, colour: Color):
    """Largest sizes (body down to the format's minimum) at which the card's text fits."""
    t = ctx.fmt.type
    body_max = t.title if card.kind == "question" else t.body
    size = body_max
    last: dict = {}
    last_used = 0.0
    # a title with nothing under it is set as large as a question
    title_max = t.title * 1.25 if not card.sections else t.title
    while size >= t.min - 1e-9:
        title = max(t.min, title_max - (body_max - size) * 1.2) if card.title else 0
        try:
            items, used, per_field = _layout_sections(ctx, card, width, size, title, colour)
        except Overflow as exc:
            last = {"_word": exc}
            size -= 0.25
            continue
        if used <= avail + 1e-6:
            return items, used
        last, last_used = per_field, used
        size -= 0.25
    if "_word" in last:
        exc = last["_word"]
        raise _overflow(card, exc.field or card.sections[0].field, exc.needed, exc.available,
                        exc.longest_word, t.min)
    blame = max(last, key=last.get) if last else "text"
    raise _overflow(card, blame, last_used, avail, minimum=t.min,
                    excess_chars=_excess_chars(card, blame, last.get(blame, 0.0),
                                               last_used - avail))


def _excess_chars(card: Card, field_name: str, field_height: float, excess: float) -> int:
    """About how many characters of a field to cut for the card to fit: its share of the
    height missing, rounded up to 5 (0 when cutting that field alone would not do)."""
    if field_name == "title":
        texts: tuple[str, ...] = (card.title or "",)
    else:
        texts = tuple(t for sec in card.sections if sec.field == field_name for t in sec.texts)
    chars = sum(len(strip_markup(t)) for t in texts)
    if field_height <= 0 or excess >= field_height:
        return 0
    cut = -(-chars * excess // field_height)  # ceiling
    return int(min(chars, -(-cut // 5) * 5))


def _overflow(card: Card, field_name: str, needed: float, available: float,
              word: str = "", minimum: float = 7.0, excess_chars: int = 0) -> KitError:
    loc = card.entity.where(field_name)
    if word:
        detail = f"le mot « {word} » est plus large que la carte, même coupé"
    else:
        # one decimal when whole millimetres would read "57 mm … only 57"
        digits = 0 if round(needed) != round(available) else 1
        cut = f" d'environ {excess_chars} caractères" if excess_chars else ""
        detail = (f"le texte demande {mm(needed, digits)} de haut, {mm(available, digits)}"
                  f" disponibles même en {minimum:g} pt : raccourcissez-le{cut}")
    return KitError(Diagnostic(loc, f"la carte à jouer {card.name} déborde"
                                    f" (champ « {field_name} ») : {detail}"))


def mm(value: float, digits: int = 0) -> str:
    """A length as a French reader writes it: « 56,9 mm »."""
    return f"{value:.{digits}f}".replace(".", ",") + " mm"


def back_form(ctx: CardContext, kind: str, bleed: float | None = None) -> Form:
    """One back per kind, stored once in the PDF: colour, pictogram, kind, deck title; its
    colour runs `bleed` mm past the card (the context's bleed unless given)."""
    fmt, pal = ctx.fmt, ctx.palette
    b = ctx.bleed if bleed is None else bleed
    w, h = fmt.width + 2 * b, fmt.height + 2 * b
    colour = pal[kind]
    cx, cy = w / 2, h * 0.43
    items: list = [Shape(rect_path(Rect(0, 0, w, h)), Style(fill=colour))]
    r = fmt.width * 0.24
    tint = colour.mix(WHITE, 0.16)
    for k in (3, 2, 1):  # soft rings, like a compass card: tolerant of duplex misregistration
        items.append(Shape(circle_path(cx, cy, r * (1 + 0.22 * k)),
                           Style(stroke=tint, width=0.45 + 0.1 * k)))
    items.append(Shape(circle_path(cx, cy, r), Style(fill=WHITE)))
    size = r * 1.3
    items += pictogram(KIND_PICTOGRAM[kind], size, cx - size / 2, cy - size / 2, pal["ink"],
                       colour, WHITE)
    inner = fmt.width - 2 * fmt.safe
    st = TextStyle(BODY, fmt.type.title, 1.1, WHITE)
    word = ctx.t(f"kind_plural.{kind}").upper()
    lines = break_lines([TextSpan(word, "bold")], inner, st, ctx.measure, ctx.deck.language)
    th = text_height(len(lines), st)
    ty = cy + r * 1.66 + 3
    items.append(place_lines(lines, Rect(b + fmt.safe, ty, inner, th),
                             TextStyle(BODY, fmt.type.title, 1.1, WHITE, "center"), "title"))
    fst = TextStyle(BODY, fmt.type.label, 1.15, WHITE, "center")
    lines = footer_lines(ctx, inner, territory=False)
    fh = text_height(len(lines), fst)
    items.append(place_lines(lines, Rect(b + fmt.safe, h - b - fmt.safe - fh, inner, fh), fst,
                             "label"))
    return Form(f"back-{kind}", w, h, tuple(items))


# -- sheets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetOptions:
    paper: str = "A4"
    profile: str = "office"
    duplex: str = "long-edge"
    bleed: float = 3.0
    back_offset: tuple[float, float] = (0.0, 0.0)
    gutter: float = impose.OFFICE_GUTTER  # between cards on office sheets (press: 2 × bleed)


def _document_forms(ctx: CardContext, cards: list[Card],
                    bleed: float | None = None) -> list[Form]:
    """The backs of the kinds present."""
    return [back_form(ctx, kind, bleed) for kind in KIND_ORDER
            if any(c.kind == kind for c in cards)]


def _card_faces(ctx: CardContext, cards: list[Card]) -> list[tuple[Card, list]]:
    """Every front laid out; every card that does not fit is reported, not just the first."""
    if ctx._faces is not None:
        return ctx._faces
    faces, problems = [], []
    for card in cards:
        try:
            faces.append((card, front_items(ctx, card)))
        except KitError as exc:
            problems += exc.diagnostics
    if problems:
        raise KitError(problems)
    ctx._faces = faces
    return faces


def _mark_style(press: bool, pal: Palette) -> Style:
    from kit.layout.geometry import REGISTRATION

    return Style(stroke=REGISTRATION if press else Color.gray(0.35), width=HAIRLINE, cap="butt")


def _marks(segments, style: Style) -> list:
    return [Shape(polyline([(x1, y1), (x2, y2)]), style) for x1, y1, x2, y2 in segments]


def _sheet_label(ctx: CardContext, grid: impose.Grid, page_w: float, page_h: float, text: str,
                 limit: float, below: float = impose.MARK_GAP) -> list:
    """A small page label in the bottom margin, between two cut ticks, if there is room;
    `below` mm under the grid (past any bleed)."""
    st = TextStyle(BODY, 7, 1.0, ctx.palette["muted"])
    width = ctx.measure(text, "regular", BODY, 7)
    xs, _ = impose.cut_lines(grid)
    x = xs[0] + 2.0
    room = (xs[1] - 2.0) - x if len(xs) > 1 else 0
    y_top = grid.bounds().y2 + below + 0.5
    h = text_height(1, st)
    if width > room or y_top + h > page_h - limit:
        return []
    return [place_lines([([TextSpan(text)], width)], Rect(x, y_top, width, h), st, "label")]


def plan_sheets(ctx: CardContext, cards: list[Card], opts: SheetOptions) -> Document:
    """cards.pdf: fronts sheet, backs sheet, … on portrait paper, backs mirrored for duplex.

    Office sheets leave a gutter between cards (opts.gutter, 3 mm by default) into which each
    card's background bleeds half-way (kit.layout.impose.office_sheet); press sheets leave
    twice the bleed."""
    fmt = ctx.fmt
    page_w, page_h = impose.PAPERS[opts.paper]
    press = opts.profile == "press"
    area = None  # office: where backgrounds may run (a clip), when the cards bleed
    if press:
        b = ctx.bleed
        grid = impose.fit_grid(page_w, page_h, fmt.width, fmt.height,
                               b + impose.MARK_GAP + 5.0, 2 * b)
        limit, clear_x = 0.0, b + impose.MARK_GAP
        clear_y = clear_x
    else:
        sheet = impose.office_sheet(page_w, page_h, fmt.width, fmt.height, opts.gutter)
        grid = sheet.grid if sheet else None
        b, limit = opts.gutter / 2, impose.OFFICE_BAND
        if sheet:
            clear_x, clear_y = sheet.clear_x, sheet.clear_y
            area = sheet.inked if b else None
    if grid is None:
        raise KitError(Diagnostic(ctx.deck.loc, f"le format {fmt.name} ne tient pas sur"
                                                f" une feuille {opts.paper}"))
    faces = _card_faces(ctx, cards)
    forms = _document_forms(ctx, cards, b)
    mark_style = _mark_style(press, ctx.palette)
    pages: list[PageSpec] = []
    n_sheets = (len(faces) + grid.count - 1) // grid.count
    trim = bleed_box = None
    if press:
        trim = grid.bounds()
        bleed_box = trim.outset(b)
    for s in range(n_sheets):
        chunk = faces[s * grid.count:(s + 1) * grid.count]
        fronts: list = []
        backs: list = []
        for k, (card, items) in enumerate(chunk):
            col, row = k % grid.cols, k // grid.cols
            cell = grid.cell(col, row)
            if b != ctx.bleed:  # the band runs into the gutter: the half-gutter head
                items = [_head(ctx, card, b), *items[1:]]
            fronts.append(Group(tuple(items), cell.x, cell.y))
            bc, br = impose.back_slot(grid, col, row, opts.duplex)
            bcell = grid.cell(bc, br)
            backs.append(FormRef(f"back-{card.kind}", bcell.outset(b) if b else bcell))
        if area is not None:
            fronts, backs = [Clip(area, tuple(fronts))], [Clip(area, tuple(backs))]
        marks = _marks(impose.cut_marks(grid, page_w, page_h, clear_x, limit, clear_y),
                       mark_style)
        t = ctx.t
        label = f"{ctx.deck.id} · {t('sheet.sheet')} {s + 1}/{n_sheets}"
        # the page label sits in the margin: fine at the office, outside the trim for a press
        below = clear_y
        labelled = not press
        fronts += marks + (_sheet_label(ctx, grid, page_w, page_h,
                                        f"{label} · {t('sheet.fronts')}", limit, below)
                           if labelled else [])
        dx, dy = opts.back_offset
        back_items = [Group(tuple(backs), dx, dy)] if (dx or dy) else backs
        back_items += marks + (_sheet_label(ctx, grid, page_w, page_h,
                                            f"{label} · {t('sheet.backs')}", limit, below)
                               if labelled else [])
        pages.append(PageSpec(page_w, page_h, tuple(fronts), trim, bleed_box, f"fronts {s + 1}"))
        pages.append(PageSpec(page_w, page_h, tuple(back_items), trim, bleed_box,
                              f"backs {s + 1}"))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards')}",
                    author=ctx.deck.territory.name or "", subject="cards", cmyk=press)


def plan_foldover(ctx: CardContext, cards: list[Card], opts: SheetOptions) -> Document:
    """cards-foldover.pdf: each card's front and back side by side, fold between, glue.

    The pairs are imposed like the cards of cards.pdf: office sheets leave opts.gutter between
    pairs, into which both faces' backgrounds bleed half-way (never across the fold, which is
    no cut), press sheets twice the bleed; the cut ticks mark each pair's edges, the dashed
    fold ticks its fold."""
    fmt = ctx.fmt
    press = opts.profile == "press"
    pair_w, pair_h = 2 * fmt.width, fmt.height
    best = None
    for pw, ph in (impose.PAPERS[opts.paper], impose.PAPERS[opts.paper][::-1]):
        if press:
            b = ctx.bleed
            g = impose.fit_grid(pw, ph, pair_w, pair_h, b + impose.MARK_GAP + 5.0, 2 * b)
            placed = (g, b, b + impose.MARK_GAP, b + impose.MARK_GAP, None) if g else None
        else:
            sheet = impose.office_sheet(pw, ph, pair_w, pair_h, opts.gutter)
            placed = (sheet.grid, opts.gutter / 2, sheet.clear_x, sheet.clear_y,
                      sheet.inked if opts.gutter else None) if sheet else None
        if placed and (best is None or placed[0].count > best[2][0].count):
            best = (pw, ph, placed)
    if best is None and opts.paper != "A3":
        # a large format's pair (A5: 296 × 210 mm) needs the next sheet size up
        return plan_foldover(ctx, cards, replace(opts, paper="A3"))
    if best is None:
        raise KitError(Diagnostic(ctx.deck.loc, f"le format {fmt.name} plié ne tient pas sur"
                                                f" une feuille {opts.paper}"))
    page_w, page_h, (grid, b, clear_x, clear_y, area) = best
    faces = _card_faces(ctx, cards)
    forms = _document_forms(ctx, cards, b)
    limit = 0.0 if press else impose.OFFICE_BAND
    mark_style = _mark_style(press, ctx.palette)
    fold_style = Style(stroke=Color.gray(0.5) if not press else Color(0, 0, 0, 0, 0, 0, 0.5),
                       width=HAIRLINE, dash=(1.5, 1.0), cap="butt")
    top, bottom = grid.bounds().y, grid.bounds().y2
    pages = []
    for s in range(0, len(faces), grid.count):
        inked: list = []
        ticks: list = []
        for k, (card, front) in enumerate(faces[s:s + grid.count]):
            cell = grid.cell(k % grid.cols, k // grid.cols)
            if b != ctx.bleed:  # the band runs into the gutter: the half-gutter head
                front = [_head(ctx, card, b), *front[1:]]
            inked.append(Group(tuple(front), cell.x, cell.y))
            back = Rect(cell.x + fmt.width, cell.y, fmt.width, fmt.height)
            ref = FormRef(f"back-{card.kind}", back.outset(b) if b else back)
            if b:  # the fold is no cut: the back bleeds on its three other sides only
                ref = Clip(Rect(back.x, back.y - b, back.w + b, back.h + 2 * b), (ref,))
            inked.append(ref)
            fold_x = cell.x + fmt.width
            # fold ticks in the margins, on the extension of the fold line
            for y1, y2 in ((max(limit, top - clear_y - 4), top - clear_y),
                           (bottom + clear_y, min(page_h - limit, bottom + clear_y + 4))):
                if y2 - y1 >= impose.MARK_MIN:
                    ticks.append(Shape(polyline([(fold_x, y1), (fold_x, y2)]), fold_style))
        items = [Clip(area, tuple(inked))] if area is not None else inked
        items += ticks + _marks(impose.cut_marks(grid, page_w, page_h, clear_x, limit, clear_y),
                                mark_style)
        pages.append(PageSpec(page_w, page_h, tuple(items),
                              grid.bounds() if press else None,
                              grid.bounds().outset(b) if press else None))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards_foldover')}",
                    author=ctx.deck.territory.name or "", subject="cards-foldover", cmyk=press)


def plan_one_up(ctx: CardContext, cards: list[Card]) -> Document:
    """cards-1up.pdf for print shops: one card per page, trim + bleed + slug, front then back."""
    fmt, b = ctx.fmt, ctx.bleed
    slug = 7.0
    pw, ph = fmt.width + 2 * (b + slug), fmt.height + 2 * (b + slug)
    trim = Rect(b + slug, b + slug, fmt.width, fmt.height)
    forms = _document_forms(ctx, cards)
    from kit.layout.geometry import REGISTRATION

    marks = _marks(impose.crop_marks(trim, b + impose.MARK_GAP, slug - impose.MARK_GAP - 1),
                   Style(stroke=REGISTRATION, width=HAIRLINE, cap="butt"))
    pages = []
    for card, items in _card_faces(ctx, cards):
        pages.append(PageSpec(pw, ph, (Group(tuple(items), trim.x, trim.y), *marks), trim,
                              trim.outset(b), card.name))
        pages.append(PageSpec(pw, ph, (FormRef(f"back-{card.kind}", trim.outset(b)), *marks),
                              trim, trim.outset(b), card.name + " verso"))
    return Document(tuple(pages), tuple(forms),
                    title=f"{ctx.deck.title} — {ctx.t('documents.cards_1up')}",
                    author=ctx.deck.territory.name or "", subject="cards-1up", cmyk=True)


def plan_calibration(ctx: CardContext, opts: SheetOptions) -> Document:
    """cards-calibration.pdf (kit.products.calibration)."""
    from kit.products.calibration import plan_calibration as plan

    return plan(ctx, opts)


# -- build ----------------------------------------------------------------------------------


LARGE_PRINT = 14.0


def large_print_format(fmt: CardFormat) -> CardFormat:
    """The same format with every text at 14 pt or more (titles a step above)."""
    from kit.load.layouts import CardType

    t = fmt.type
    big = CardType(title=max(t.title, LARGE_PRINT + 3), body=max(t.body, LARGE_PRINT),
                   number=max(t.number, LARGE_PRINT + 6), label=max(t.label, LARGE_PRINT),
                   min=max(t.min, LARGE_PRINT))
    header = max(fmt.header, LARGE_PRINT * PT * 2.6)
    return replace(fmt, type=big, header=header, title=f"{fmt.title} (gros caractères)")


def make_context(deck: Deck, fmt: CardFormat, measure: Measure, bleed: float) -> CardContext:
    return CardContext(deck, fmt, measure, palette_for(deck), Messages(deck.language), bleed)


def build(deck: Deck, options) -> dict[str, bytes]:
    """Every card file of the deck, rendered in memory: {file name: PDF bytes}."""
    from kit.finish import render_checked
    from kit.load.layouts import load_card_format
    from kit.render import fonts

    fmt = load_card_format(options.card_format)
    if getattr(options, "large_print", False):
        fmt = large_print_format(fmt)
    fonts.ensure(BODY)
    press = options.profile == "press"
    bleed = options.bleed if press else 0.0
    ctx = make_context(deck, fmt, fonts.measure, bleed)
    cards = deck_cards(deck, ctx.t)
    choice = tuple(getattr(options, "cards", ()) or ())
    stem = "cards"
    if choice:  # a few cards to reprint: their own files, never mistaken for the whole set
        from kit.products.card_selection import select_cards

        cards, stem = select_cards(cards, choice), "cards-selection"
    if not cards:
        return {}
    opts = SheetOptions(options.paper, options.profile, options.duplex, bleed,
                        options.back_offset, getattr(options, "gutter", impose.OFFICE_GUTTER))
    _card_faces(ctx, cards)  # every front laid out once (and every overflow reported) here
    plans = {}  # the longest first: each process takes the next file (kit.parallel)
    if press:
        plans[f"{stem}-1up.pdf"] = lambda: plan_one_up(ctx, cards)  # two pages a card
    plans[f"{stem}.pdf"] = lambda: plan_sheets(ctx, cards, opts)
    plans[f"{stem}-foldover.pdf"] = lambda: plan_foldover(ctx, cards, opts)
    if options.calibration:
        plans["cards-calibration.pdf"] = lambda: plan_calibration(ctx, opts)
    return render_checked(plans)

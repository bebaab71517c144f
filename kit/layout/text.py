"""Text layout without a PDF library: inline markup, French typography, hyphenation, line
breaking and fitting. Widths come from a `Measure` function the renderer's font module provides,
so the numbers are the real font's while this module stays pure.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from kit.layout.geometry import Color, Rect, TextBlock, TextLine, TextSpan
from kit.layout.hyphenation import break_points, is_url

PT = 25.4 / 72  # mm per point
NBSP = "\u00a0"

#: width in mm of `text` set in `face` of `family` at `size` points. The renderer's font module
#: provides it; it may also offer `covers(char, family, face) -> bool` and a `fallback` family,
#: in which case characters the family lacks are set in the fallback family.
Measure = Callable[[str, str, str, float], float]


class MissingGlyph(Exception):
    """A character no font of the kit can print."""

    def __init__(self, char: str):
        self.char = char
        super().__init__(f"U+{ord(char):04X}")


def with_fallback(spans: list[TextSpan], family: str, measure) -> list[TextSpan]:
    """Split spans so that characters the family lacks go to the fallback family."""
    covers = getattr(measure, "covers", None)
    if covers is None:
        return spans
    fallback = measure.fallback
    out: list[TextSpan] = []
    covers_all = getattr(measure, "covers_all", None)
    for span in spans:
        fam = span.family or family
        if covers_all(span.text, fam, span.face) if covers_all else all(
                covers(c, fam, span.face) for c in span.text):
            out.append(span)
            continue
        run, run_fb = "", None
        for c in span.text:
            ok = covers(c, fam, span.face)
            if not ok and not covers(c, fallback, "regular"):
                raise MissingGlyph(c)
            use_fb = not ok
            if run and use_fb != run_fb:
                out.append(TextSpan(run, span.face, fallback if run_fb else span.family))
                run = ""
            run += c
            run_fb = use_fb
        if run:
            out.append(TextSpan(run, span.face, fallback if run_fb else span.family))
    return out


# -- French typography ------------------------------------------------------------------------

_SPACED_PUNCT = re.compile(r"[ \u00a0\u2009]+([;:!?»])")
_BARE_PUNCT = re.compile(r"(?<=[\w)\]’…*])([;!?»])(?=[\s*]|$)")
_GUILLEMET = re.compile(r"«[ \u00a0\u2009]*")


_APOSTROPHE = re.compile(r"(?<=\w)'")
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=[%€$]|\d{3}\b|g/m|mm\b|cm\b|km\b)")
_PUNCT_CHARS = frozenset(";:!?»")
_DIGIT = re.compile(r"\d")


def typography(text: str, language: str) -> str:
    """Typographic apostrophes and, in French, non-breaking spaces around ; : ! ? « ».

    reportlab and most line breakers break at U+202F, so every such space becomes U+00A0.
    A colon written without a space ("12:30", "https://") is left alone. (Each rule runs only
    when its characters are in the text: this is called for every text of every card.)
    """
    text = text.replace("\u202f", NBSP)
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text)
    if "..." in text:
        text = text.replace("...", "\u2026")
    if language == "fr":
        chars = set(text)
        if not chars.isdisjoint(_PUNCT_CHARS):
            text = _SPACED_PUNCT.sub(NBSP + r"\1", text)
            text = _BARE_PUNCT.sub(NBSP + r"\1", text)
        if "«" in chars:
            text = _GUILLEMET.sub("«" + NBSP, text)
        if " " in chars and _DIGIT.search(text):
            # a number stays with its unit and its thousands: "100 %", "10 000", "120 g/m²"
            text = _NUMBER_SPACE.sub(NBSP, text)
    return text


# -- inline markup --------------------------------------------------------------------------

_MARKUP = re.compile(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*)", re.S)


def parse_inline(text: str) -> list[TextSpan]:
    """`**bold**` and `*italic*` (nestable one level: `**a *b***` is not supported) → spans."""
    spans: list[TextSpan] = []
    pos = 0
    for m in _MARKUP.finditer(text):
        if m.start() > pos:
            spans.append(TextSpan(text[pos : m.start()], "regular"))
        token = m.group(0)
        if token.startswith("**"):
            inner = token[2:-2]
            for sub in parse_inline(inner):
                spans.append(TextSpan(sub.text, "bolditalic" if sub.face == "italic" else "bold"))
        else:
            spans.append(TextSpan(token[1:-1], "italic"))
        pos = m.end()
    if pos < len(text):
        spans.append(TextSpan(text[pos:], "regular"))
    return [s for s in spans if s.text]


def combine_faces(a: str, b: str) -> str:
    """The face that is both: combine_faces("bold", "italic") == "bolditalic"."""
    bold = "bold" in a or "bold" in b
    italic = "italic" in a or "italic" in b
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


def styled(text: str, language: str, face: str = "regular") -> list[TextSpan]:
    """A deck text ready to set: French typography, inline markup, and every span also in
    `face` (a title in bold keeps its *italic* words italic: bold italic)."""
    spans = parse_inline(typography(text, language))
    if face == "regular":
        return spans
    return [TextSpan(s.text, combine_faces(s.face, face), s.family) for s in spans]


def strip_markup(text: str) -> str:
    return "".join(s.text for s in parse_inline(text))


# -- line breaking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    family: str
    size: float  # pt
    leading: float = 1.25  # × size
    color: Color | None = None
    align: str = "left"  # left | center


@dataclass
class _Word:
    pieces: list[TextSpan]  # consecutive spans without a breaking space
    space_face: str  # face of the space that follows
    url: bool = False  # the rest of a web address broken on an earlier line

    @property
    def is_url(self) -> bool:
        return self.url or is_url(self.text)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def _words(spans: list[TextSpan]) -> list[list[_Word]]:
    """Split spans into paragraphs of words; a blank line or newline starts a paragraph."""
    paragraphs: list[list[_Word]] = [[]]
    current: list[TextSpan] = []

    def flush(face: str) -> None:
        if current:
            paragraphs[-1].append(_Word(list(current), face))
            current.clear()

    for span in spans:
        for token in re.split(r"(\n+| +)", span.text):
            if not token:
                continue
            if token.startswith("\n"):
                flush(span.face)
                if paragraphs[-1]:
                    paragraphs.append([])
            elif token.startswith(" "):
                flush(span.face)
            else:
                current.append(TextSpan(token, span.face, span.family))
    flush("regular")
    return [p for p in paragraphs if p]


def _merge(pieces: list[TextSpan]) -> list[TextSpan]:
    out: list[TextSpan] = []
    for p in pieces:
        if out and out[-1].face == p.face and out[-1].family == p.family:
            out[-1] = TextSpan(out[-1].text + p.text, p.face, p.family)
        else:
            out.append(p)
    return out


def _split_word(word: _Word, at: int) -> tuple[list[TextSpan], list[TextSpan]]:
    """Split a word's pieces at character offset `at`; the head gets a hyphen if needed."""
    head: list[TextSpan] = []
    tail: list[TextSpan] = []
    pos = 0
    for p in word.pieces:
        end = pos + len(p.text)
        if end <= at:
            head.append(p)
        elif pos >= at:
            tail.append(p)
        else:
            head.append(TextSpan(p.text[: at - pos], p.face, p.family))
            tail.append(TextSpan(p.text[at - pos :], p.face, p.family))
        pos = end
    if not head[-1].text.endswith(("-", "\u2010")) and not word.is_url:
        head[-1] = TextSpan(head[-1].text + "-", head[-1].face, head[-1].family)
    return head, tail


class Overflow(Exception):
    """Raised when text cannot be set in its box at the minimum size."""

    def __init__(self, needed: float, available: float, longest_word: str = ""):
        self.needed = needed
        self.available = available
        self.longest_word = longest_word
        self.field = ""  # the deck field being set, filled in by the planner that knows it
        super().__init__(f"needs {needed:.1f} mm, has {available:.1f} mm")


def break_lines(spans: list[TextSpan], width: float, style: Style, measure: Measure,
                language: str, hyphenate: bool = True) -> list[tuple[list[TextSpan], float]]:
    """Greedy line breaking with hyphenation; returns [(spans, width mm)].

    With hyphenate=False a word is only cut when it is wider than the whole line.
    Raises Overflow if a single word cannot fit the width even when hyphenated.
    """

    spans = with_fallback(spans, style.family, measure)
    if spans and all(s.face == spans[0].face and s.family is None for s in spans):
        # one face throughout (most texts): break the string itself, one span per line
        return _break_plain("".join(s.text for s in spans), spans[0].face, width, style,
                            measure, language, hyphenate)
    return _break_spans(spans, width, style, measure, language, hyphenate)


def _break_plain(text: str, face: str, width: float, style: Style, measure: Measure,
                 language: str, hyphenate: bool) -> list[tuple[list[TextSpan], float]]:
    """break_lines for a text in a single face of the block's family: the same lines as
    _break_spans gives (tested), without a span per word."""
    family, size = style.family, style.size
    space = measure(" ", face, family, size)
    limit = width + 1e-6
    lines: list[tuple[list[TextSpan], float]] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        url_tails: set[int] = set()  # words that are the rest of a web address
        line: list[str] = []
        line_w = 0.0
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            if not word:
                i += 1
                continue
            ww = measure(word, face, family, size)
            gap = space if line else 0.0
            if line_w + gap + ww <= limit:
                line.append(word)
                line_w += gap + ww
                i += 1
                continue
            room = width - line_w - gap
            if not hyphenate and (line or ww <= limit):
                room = 0.0
            head = None
            if room > 0:
                url = i in url_tails or is_url(word)
                for at in reversed(break_points(word, language, url)):
                    head = word[:at] if url or word[:at].endswith(("-", "\u2010")) \
                        else word[:at] + "-"
                    hw = measure(head, face, family, size)
                    if hw <= room + 1e-6:
                        break
                    head = None
            if head is not None:
                line.append(head)
                lines.append(([TextSpan(" ".join(line), face)], line_w + gap + hw))
                line, line_w = [], 0.0
                words[i] = word[at:]
                if url:
                    url_tails.add(i)
                continue
            if line:
                lines.append(([TextSpan(" ".join(line), face)], line_w))
                line, line_w = [], 0.0
                continue
            raise Overflow(ww, width, word)
        if line:
            lines.append(([TextSpan(" ".join(line), face)], line_w))
    return lines


def _break_spans(spans: list[TextSpan], width: float, style: Style, measure: Measure,
                 language: str, hyphenate: bool) -> list[tuple[list[TextSpan], float]]:
    """break_lines for text mixing faces or families: words made of spans."""

    def w(pieces: list[TextSpan]) -> float:
        return sum(measure(p.text, p.face, p.family or style.family, style.size) for p in pieces)

    space_w: dict[str, float] = {}

    def space(face: str) -> float:
        if face not in space_w:
            space_w[face] = measure(" ", face, style.family, style.size)
        return space_w[face]

    lines: list[tuple[list[TextSpan], float]] = []
    for paragraph in _words(spans):
        line: list[TextSpan] = []
        line_w = 0.0
        # the space before a word is the one written after the previous word, in its face:
        # measured and drawn in that face, so "**Former l'équipage**" stays one bold run
        before = "regular"
        queue = deque(paragraph)
        while queue:
            word = queue.popleft()
            ww = w(word.pieces)
            gap = space(before) if line else 0.0
            if line_w + gap + ww <= width + 1e-6:
                if line:
                    line.append(TextSpan(" ", before))
                line.extend(word.pieces)
                line_w += gap + ww
                before = word.space_face
                continue
            # try to hyphenate the word into the rest of this line (or a fresh line)
            room = width - line_w - gap
            if not hyphenate and (line or ww <= width + 1e-6):
                room = 0.0
            split = _best_split(word, room, w, language)
            if split is not None:
                head, tail = split
                if line:
                    line.append(TextSpan(" ", before))
                line.extend(head)
                lines.append((_merge(line), line_w + gap + w(head)))
                line, line_w = [], 0.0
                queue.appendleft(_Word(tail, word.space_face, word.is_url))
                continue
            if line:
                lines.append((_merge(line), line_w))
                line, line_w = [], 0.0
                queue.appendleft(word)
                continue
            # alone on a line and still too wide even hyphenated
            raise Overflow(ww, width, word.text)
        if line:
            lines.append((_merge(line), line_w))
    return lines


def _best_split(word: _Word, room: float, w, language: str):
    text = word.text
    if room <= 0:
        return None
    points = break_points(text, language, word.is_url)
    for at in reversed(points):
        head, tail = _split_word(word, at)
        if w(head) <= room + 1e-6:
            return head, tail
    return None


def text_height(n_lines: int, style: Style) -> float:
    """Height in mm of n lines: the first line's cap height plus the leading of the others."""
    if n_lines == 0:
        return 0.0
    lines = style.size * 0.9 + (n_lines - 1) * style.size * style.leading
    return (lines + style.size * 0.25) * PT


def set_block(spans: list[TextSpan], box: Rect, style: Style, measure: Measure, language: str,
              role: str = "body", hyphenate: bool = True) -> tuple[TextBlock, float]:
    """Break spans to box's width and place them from its top: (block, height in mm)."""
    lines = break_lines(spans, box.w, style, measure, language, hyphenate=hyphenate)
    return set_lines(lines, box, style, role)


def set_lines(lines, box: Rect, style: Style, role: str = "body") -> tuple[TextBlock, float]:
    """Lines already broken (break_lines) placed from box's top: (block, height in mm)."""
    h = text_height(len(lines), style)
    return place_lines(lines, Rect(box.x, box.y, box.w, h), style, role), h


def place_lines(lines, box: Rect, style: Style, role: str = "body") -> TextBlock:
    out = []
    y = box.y + style.size * 0.9 * PT
    for spans, width in lines:
        x = box.x + (box.w - width) / 2 if style.align == "center" else box.x
        out.append(TextLine(x, y, tuple(spans), width))
        y += style.size * style.leading * PT
    return TextBlock(tuple(out), style.family, style.size, style.color, box, role)

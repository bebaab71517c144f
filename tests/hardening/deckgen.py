"""Decks for property-based tests: hostile alphabets, decks as data, a YAML writer that knows
the line and column of every value it writes, and the checks every outcome must pass.

A generated deck is plain data (dicts, lists, strings, None). `write_yaml` turns it into YAML
text and a map {path: (line, column)} of where each key and value went, so a test can inject a
fault at one field and demand the error at exactly that place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import strategies as st

from kit.errors import KitError
from kit.model.schema import MAX_TEXT

#: `HYPOTHESIS_PROFILE=explore` multiplies every example count by 10
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 1


def examples(n: int) -> int:
    return n * SCALE


# -- alphabets --------------------------------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôœùûüÿÀÉÈÇŒ"
PUNCT = " ,.;:!?'’«»()-–—…%€/&@"
YAML_SPECIAL = ":#&*!|>'\"%@`[]{},?-~\\\t"
EMOJI = ["🌊", "😀", "🚢", "⚓", "🧭", "👩‍👩‍👧", "🏳️‍🌈", "❤️", "👍🏽"]
CJK = "中文漢字日本語한국어"
RTL = "مرحبا שלום"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2069"
FALLBACK_SCRIPTS = "αβγΩЖизнь"  # in Noto Sans, not in Atkinson Hyperlegible
COMBINING = "\u0301\u0308\u0327"
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
CONTROLS = [chr(c) for c in range(32)] + ["\x7f", "\x85", "\x9b", "\u2028", "\u2029"]
ODD = ["\ufffe", "\uffff", "\ud800", "\udc00", "\U0010ffff", "\U000e0001"]
SPECIAL_WORDS = ["No", "yes", "on", "off", "~", "null", "NULL", "12:30", "0777", "1e3",
                 "2025-07-02", "-", "- x", "#", "&a", "*a", "!x", "!!str", "|", ">", "@", "`",
                 "%", "? x", "[", "]", "{", "}", "<<", "=", "---", "...", "'", '"', "**", "*",
                 "**gras**", "*italique*", "https://", ": ", " #"]

#: pieces of hostile text; some are several code points (emoji sequences, combining marks)
HOSTILE_PIECES = st.one_of(
    st.sampled_from(LATIN + PUNCT),
    st.sampled_from(YAML_SPECIAL),
    st.sampled_from(EMOJI),
    st.sampled_from(CJK + RTL + BIDI + FALLBACK_SCRIPTS + COMBINING + INVISIBLE),
    st.sampled_from(CONTROLS + ODD),
    st.characters(codec="utf-8"),
)
CLEAN_CHARS = st.sampled_from(LATIN + LATIN + " " * 8 + ",.;:!?'’«»()-")


def words(chars=CLEAN_CHARS, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(chars, min_size=min_size, max_size=max_size)


def long_words() -> st.SearchStrategy[str]:
    """One word of 30 to 3,000 letters, no space to break at."""
    return st.builds(lambda n, c: c * n, st.integers(30, 3000), st.sampled_from("aéwMœ"))


def boundary_texts() -> st.SearchStrategy[str]:
    """Texts around the 10,000-character limit."""
    return st.builds(lambda n, c: c * n, st.sampled_from([0, 1, MAX_TEXT - 1, MAX_TEXT,
                                                           MAX_TEXT + 1]),
                     st.sampled_from(["é", "a b ", "🌊", "中"]))


def hostile_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        words(min_size=0, max_size=30),
        st.lists(HOSTILE_PIECES, max_size=30).map("".join),
        st.lists(st.sampled_from(SPECIAL_WORDS), min_size=1, max_size=3).map(" ".join),
        long_words(),
        boundary_texts(),
        st.lists(words(max_size=20), min_size=2, max_size=4).map("\n".join),
    )


# -- the YAML writer ----------------------------------------------------------------------------

Place = tuple  # where a value is in the deck data: ("stages", 0, "title")


@dataclass
class Written:
    text: str
    values: dict[Place, tuple[int, int]] = field(default_factory=dict)  # value line, column
    keys: dict[Place, tuple[int, int]] = field(default_factory=dict)  # key line, column


def quote(value: str, style: str) -> str:
    """A scalar on one line: plain when safe, else quoted the way `style` asks."""
    if style == "raw":
        return value.replace("\n", " ")  # as a careless author would type it
    plain_ok = (value and re.fullmatch(r"[\w][\w ,.;!?'’()«»-]*", value) and not
                value.endswith(" ") and value.lower() not in ("null", "~"))
    if style == "plain" and plain_ok:
        return value
    if style == "single" and value.isprintable() and "\ufeff" not in value:
        return "'" + value.replace("'", "''") + "'"
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=10**9)
    return dumped.rstrip("\n").removesuffix("\n...")


def write_yaml(data: dict, style: str = "double", indent: int = 2) -> Written:
    """Block-style YAML, one scalar per line, with each value's and key's position."""
    out = Written("")
    lines: list[str] = []

    def key_text(key) -> str:
        return str(key)

    def scalar(value) -> str:
        if value is None:
            return ""
        return quote(str(value), style)

    def mapping(node: dict, col: int, path: Place, first_prefix: str | None = None) -> None:
        for i, (key, value) in enumerate(node.items()):
            pad = first_prefix if i == 0 and first_prefix is not None else " " * col
            head = f"{pad}{key_text(key)}:"
            out.keys[(*path, key)] = (len(lines) + 1, col + 1)
            block(value, head, col, (*path, key))

    def block(value, head: str, col: int, path: Place) -> None:
        inner = col + indent
        if isinstance(value, dict) and value:
            lines.append(head)
            out.values[path] = (len(lines) + 1, inner + 1)
            mapping(value, inner, path)
        elif isinstance(value, list) and value:
            lines.append(head)
            out.values[path] = (len(lines) + 1, inner + 1)
            dash = " " * inner + "- "
            for j, item in enumerate(value):
                out.values[(*path, j)] = (len(lines) + 1, len(dash) + 1)
                if isinstance(item, dict) and item:
                    mapping(item, len(dash), (*path, j), first_prefix=dash)
                elif isinstance(item, list | dict):
                    lines.append(dash + ("[]" if isinstance(item, list) else "{}"))
                else:
                    lines.append((dash + scalar(item)).rstrip())
        else:
            if isinstance(value, list):
                text = "[]"
            elif isinstance(value, dict):
                text = "{}"
            else:
                text = scalar(value)
            out.values[path] = (len(lines) + 1, len(head) + 2)
            lines.append(f"{head} {text}".rstrip())

    mapping(data, 0, ())
    out.text = "\n".join(lines) + "\n"
    return out


# -- decks as data --------------------------------------------------------------------------

KINDS = ("stages", "pillars", "beacons", "currents", "questions", "sites", "imaginaries")
LANDMARKS = ("volcano", "semaphore", "bivouac", "lighthouse", "harbour", "star", "bridge")


@st.composite
def clean_decks(draw, min_entities: int = 0, max_entities: int = 12, text=None,
                max_words: int = 12, require: tuple[str, ...] = ()):
    """Valid decks: every field well formed, every reference to an existing id; `require`
    names kinds that must have one entity each (a kind twice: two)."""
    text = text if text is not None else st.lists(words(max_size=12), min_size=1,
                                                  max_size=max_words).map(
        lambda ws: " ".join(w.strip() or "mot" for w in ws))
    line = text.map(lambda t: " ".join(t.split()) or "titre")
    n = draw(st.integers(min_entities, max_entities))
    kinds = [*require, *draw(st.lists(st.sampled_from(KINDS), min_size=n, max_size=n))]
    deck: dict = {"kit": "1", "id": "fuzz", "title": draw(line),
                  "language": draw(st.sampled_from(["fr", "en"]))}
    if draw(st.booleans()):
        deck["subtitle"] = draw(line)
    if draw(st.booleans()):
        deck["territory"] = {"name": draw(line)}
    ids: dict[str, list[str]] = {k: [] for k in KINDS}
    entities: dict[str, list[dict]] = {k: [] for k in KINDS}
    for number, kind in enumerate(sorted(kinds, key=KINDS.index)):
        entity_id = f"{kind[:-1]}-{number}"
        ids[kind].append(entity_id)
        e: dict = {"id": entity_id}
        if kind != "questions":
            e["title"] = draw(line)
        if kind not in ("beacons",):
            e["text"] = draw(text)
        if kind == "pillars":
            e["landmark"] = draw(st.sampled_from(LANDMARKS))
            if draw(st.booleans()):
                e["trails"] = draw(st.lists(line, max_size=3))
        if kind == "beacons":
            e["questions"] = draw(st.lists(text, max_size=3))
            e["tracks"] = draw(st.lists(line, max_size=3))
            if draw(st.booleans()):
                e["resources"] = [{"title": draw(line), "url": "https://exemple.org/r"}]
        if kind == "stages" and draw(st.booleans()):
            e["tagline"] = draw(line)
        if kind in ("currents",) and draw(st.booleans()):
            e["avoid"] = draw(text)
        if kind in ("stages", "currents", "sites") and draw(st.booleans()):
            e["map"] = {"x": str(draw(st.integers(0, 100))), "y": str(draw(st.integers(0, 100)))}
        if kind in ("sites", "imaginaries") and draw(st.booleans()):
            e["url"] = "https://exemple.org/" + entity_id
        entities[kind].append(e)
    # references only to entities that exist (beacons come after stages and pillars: patch)
    for kind in ("stages", "pillars"):
        for e in entities[kind]:
            if ids["beacons"] and draw(st.booleans()):
                e["beacons"] = draw(st.lists(st.sampled_from(ids["beacons"]), max_size=2,
                                             unique=True))
    for q in entities["questions"]:
        targets = [(k[:-1], i) for k in ("stages", "pillars", "beacons") for i in ids[k]]
        if targets and draw(st.booleans()):
            kind, target = draw(st.sampled_from(targets))
            q[kind] = target
    for kind in KINDS:
        if entities[kind] or draw(st.integers(0, 9)) == 0:
            deck[kind] = entities[kind]  # sometimes an empty list
    if draw(st.booleans()):
        deck["credits"] = {"text": draw(text)}
    return deck


# -- what every outcome must satisfy ---------------------------------------------------------

_ENGLISH = re.compile(
    r"\b(expected|found|while (parsing|scanning)|could not|cannot|not allowed|invalid literal"
    r"|Errno|Error|Exception|Traceback|object has|has no attribute|is not|does not"
    r"|No such file|unexpected|the)\b"
)
_FRENCH = re.compile(
    r"[éèêàçùôîû«»]|\b(le|la|les|de|du|des|un|une|est|pas|au|en|ce|cette|dans|sur|ou|et)\b"
)
_FALLBACKS = ("syntaxe YAML invalide (", "YAML illisible", "erreur interne")


def is_french(message: str) -> bool:
    """A message the kit wrote in French, not a library's English leaking through.

    The author's own text is quoted « … » in messages: it is left out of the check."""
    bare = re.sub(r"«[^«»]*»", "« »", message)
    if any(f in message for f in _FALLBACKS):
        return False
    return bool(message.strip()) and not _ENGLISH.search(bare) and bool(_FRENCH.search(bare))


def _lines_of(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    return re.split(r"\r\n|\r|\n", text)


def assert_precise(exc: KitError, cwd: Path, deck_files: tuple[str, ...] | None = None,
                   line_required: bool = True) -> None:
    """Every diagnostic names a file (one of deck_files when given), a line and a column inside
    that file, and says in French what is wrong."""
    assert exc.diagnostics, "KitError without diagnostics"
    for d in exc.diagnostics:
        where = str(d)
        assert d.loc.file, f"no file: {where}"
        assert is_french(d.message), f"not a French message: {where!r}"
        if deck_files is not None:
            assert d.loc.file in deck_files, f"not in {deck_files}: {where}"
        if not line_required:
            continue
        assert d.loc.line >= 1 and d.loc.column >= 1, f"no line:col: {where}"
        path = Path(d.loc.file)
        path = path if path.is_absolute() else cwd / path
        if "[" not in d.loc.file and path.is_file():
            lines = _lines_of(path)
            assert d.loc.line <= len(lines), f"line past the end ({len(lines)} lines): {where}"
            width = len(lines[d.loc.line - 1])
            assert d.loc.column <= width + 1, f"column past the line ({width} chars): {where}"

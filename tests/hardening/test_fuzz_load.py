"""Property-based: any deck text → a validated Deck or a KitError whose every diagnostic names
the file, a line and a column inside it, and says in French what is wrong. Any other exception
fails the test (it would be a traceback for the facilitator).

These examples only read and validate (no layout): they are cheap, so there are many.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from deckgen import (
    CONTROLS,
    EMOJI,
    KINDS,
    ODD,
    SPECIAL_WORDS,
    YAML_SPECIAL,
    assert_precise,
    clean_decks,
    examples,
    hostile_texts,
    write_yaml,
)
from hypothesis import currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.model.deck import Deck
from kit.model.schema import MAX_TEXT

STYLES = st.sampled_from(["double", "plain", "single", "raw"])
QUOTED = st.sampled_from(["double", "plain", "single"])


def load(folder: Path, data: bytes) -> Deck | KitError:
    """Write deck.yaml and load it; a KitError is returned (after checking it), never raised."""
    (folder / "deck.yaml").write_bytes(data)
    try:
        deck = load_deck(folder / "deck.yaml", folder)
    except KitError as exc:
        assert_precise(exc, folder, deck_files=("deck.yaml",))
        _event("refused")
        return exc
    _event("valid")
    return deck


def _event(name: str) -> None:
    if currently_in_test_context():  # statistics of a hypothesis test
        event(name)


def fuzz(n: int):
    return settings(max_examples=examples(n))


# -- valid decks stay valid -----------------------------------------------------------------


@fuzz(200)
@given(deck=clean_decks(), style=QUOTED, indent=st.sampled_from([2, 4]))
def test_clean_decks_validate(tmp_path, deck, style, indent):
    result = load(tmp_path, write_yaml(deck, style, indent).text.encode())
    assert isinstance(result, Deck), str(result)
    assert result.title == " ".join(deck["title"].split())
    for kind in KINDS:
        assert len(getattr(result, kind)) == len(deck.get(kind, []))


# -- hostile values anywhere ----------------------------------------------------------------


def _paths(node, path=()):
    """Every place in the deck data a value could be replaced."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _set(data, path, value):
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


HOSTILE_VALUES = st.deferred(lambda: st.one_of(
    hostile_texts(),
    st.none(),
    st.lists(hostile_texts(), max_size=3),
    st.dictionaries(st.sampled_from(["id", "title", "text", "from", "x", "fr", "ïd", "🌊"]),
                    hostile_texts(), max_size=2),
    st.sampled_from(["../logo.svg", "/etc/hosts", "a\x00b.png", "a" * 300 + ".png", ".",
                     "deck.yaml", "http://[abc.de", "https://exemple.org", "#1d5c7a",
                     "999999999999999999999", "9" * 5000, "-1", "+1", "1.5", "١", "nan",
                     "inf", "1e999", "50%", "50,5"]),
))


@fuzz(400)
@given(deck=clean_decks(max_entities=6), data=st.data(), style=STYLES)
def test_hostile_values_anywhere(tmp_path, deck, data, style):
    places = list(_paths(deck))[1:]
    for _ in range(data.draw(st.integers(1, 5))):
        path = data.draw(st.sampled_from(places))
        try:
            _set(deck, path, data.draw(HOSTILE_VALUES))
        except (KeyError, IndexError, TypeError):
            continue  # the place went away with an earlier replacement
    if data.draw(st.booleans()):
        key = data.draw(st.sampled_from(["titel", "map", "theme", "territory", "credits",
                                         "remove", "extends", "x🌊", "Title", ""]))
        deck[key] = data.draw(HOSTILE_VALUES)
    load(tmp_path, write_yaml(deck, style).text.encode("utf-8", "surrogatepass"))


# -- one fault, reported exactly where it was made ------------------------------------------


def _fields(deck, kinds=KINDS):
    for kind in kinds:
        for i, entity in enumerate(deck.get(kind, [])):
            for key in entity:
                yield (kind, i, key)


def _text_fields(deck):
    return [p for p in _fields(deck) if p[2] in ("title", "text", "avoid", "tagline")]


FAULTS = {
    # name: (where it applies, new value, "value" or "key", message fragment)
    "empty": ("text", "", "value", "est vide"),
    "blank": ("text", "   ", "value", "est vide"),
    "control": ("text", "un\x07deux", "value", "caractère de contrôle invisible (U+0007)"),
    "escape-char": ("text", "fin\x1b[0m", "value", "U+001B"),
    "c1-control": ("text", "a\x9bb", "value", "U+009B"),
    "surrogate": ("text", "a\ud83cb", "value", "U+D83C"),
    "too-long": ("text", "é" * (MAX_TEXT + 1), "value", f"{MAX_TEXT} au plus"),
    "list-for-text": ("text", ["a", "b"], "value", "un seul texte, pas une liste (« - » ou [ ])"),
    "map-for-text": ("text", {"fr": "a"}, "value", "un seul texte après « "),
    "bad-id": ("id", "Mon Étape", "value", "« mon-etape »"),
    "bad-landmark": ("landmark", "volcan", "value", "vouliez-vous dire « volcano »"),
    "pin-range": ("map.x", "120", "value", "pourcentage de 0 à 100"),
    "pin-text": ("map.x", "gauche", "value", "pourcentage de 0 à 100"),
    "bad-url": ("url", "www.exemple.org", "value", "attendu https://"),
    "ipv6-url": ("url", "http://[abc.de", "value", "attendu https://"),
    "url-newline": ("url", "https://exemple.org/a\nb", "value", "attendu https://"),
    "slug-control": ("id", "depart\x00", "value", "caractère de contrôle invisible (U+0000)"),
    "unknown-key": ("entity", "x", "key", "inconnue"),
    "duplicate-id": ("duplicate", None, "value", "déjà utilisé"),
    "dangling": ("ref", "nulle-part", "value", "inconnu"),
    "language": ("top:language", "klingon", "value", "choix possibles"),
    "version": ("top:kit", "2", "value", "version de format « 2 » inconnue"),
    "top-key": ("top:titel", "x", "key", "vouliez-vous dire « title »"),
    "seed-huge": ("top:map.seed", "9" * 5000, "value", "seed"),
    "seed-text": ("top:map.seed", "sept", "value", "nombre entier attendu"),
    "colour": ("top:theme.palette.sea", "bleu", "value", "couleur « bleu » invalide"),
    "title-long": ("top:title", "a " * MAX_TEXT, "value", "trop long"),
    "title-control": ("top:title", "a\u0085b", "value", "U+0085"),
}


def _apply(deck: dict, fault: str, data) -> tuple[tuple, str] | None:
    """Make the fault in deck; returns (path, 'value' | 'key') of where it must be reported."""
    where, value, at, _ = FAULTS[fault]
    if where.startswith("top:"):
        path = tuple(where[4:].split("."))
        node = deck
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
        return path, at
    if where == "text":
        candidates = _text_fields(deck)
    elif where == "entity":
        candidates = [p[:2] for p in _fields(deck) if p[2] == "id"]
    elif where == "duplicate":
        ids = [p for p in _fields(deck) if p[2] == "id"]
        if len(ids) < 2:
            return None
        first, second = sorted(data.draw(st.lists(st.sampled_from(ids), min_size=2,
                                                   max_size=2, unique=True)), key=ids.index)
        deck[second[0]][second[1]]["id"] = deck[first[0]][first[1]]["id"]
        return second, at
    elif where == "ref":
        candidates = [p for p in _fields(deck) if p[2] in ("stage", "pillar", "beacon")]
    elif where == "map.x":
        candidates = [(*p, "x") for p in _fields(deck) if p[2] == "map"]
    else:
        candidates = [p for p in _fields(deck) if p[2] == where]
    if not candidates:
        return None
    path = data.draw(st.sampled_from(candidates))
    if where == "entity":
        deck[path[0]][path[1]]["tagLine"] = value
        return (*path, "tagLine"), at
    _set(deck, path, value)
    return path, at


@fuzz(300)
@given(deck=clean_decks(min_entities=1), fault=st.sampled_from(sorted(FAULTS)),
       data=st.data(), style=QUOTED, indent=st.sampled_from([2, 4]))
def test_a_fault_is_reported_at_its_line_and_column(tmp_path, deck, fault, data, style, indent):
    made = _apply(deck, fault, data)
    if made is None:
        return  # this deck has no field of that kind
    path, at = made
    written = write_yaml(deck, style, indent)
    line, column = (written.values if at == "value" else written.keys)[path]
    result = load(tmp_path, written.text.encode())
    assert isinstance(result, KitError), f"{fault} at {path} was accepted"
    message = FAULTS[fault][3]
    hits = [d for d in result.diagnostics if (d.loc.line, d.loc.column) == (line, column)
            and message in d.message]
    assert hits, (f"{fault}: expected {line}:{column}: …{message}…, got:\n"
                  + "\n".join(map(str, result.diagnostics)))


# -- mangled text ---------------------------------------------------------------------------

SNIPPETS = st.one_of(
    st.sampled_from(SPECIAL_WORDS),
    st.sampled_from(list(YAML_SPECIAL) + CONTROLS + ODD + EMOJI),
    st.sampled_from(["\t", "\n", "\r", "\r\n", "  ", "\ufeff", "&a ", "*a", "!!python/name:os ",
                     "!rouge ", "<<: *a", "? ", "- ", ": ", "\n---\n", "\n...\n", "[", "{",
                     "'", '"', "\\", "%YAML 1.1\n", "#", "|", ">-"]),
    hostile_texts(),
)


def _mutate(text: str, rnd: random.Random, snippet: str) -> str:
    lines = text.split("\n")
    op = rnd.randrange(9)
    i = rnd.randrange(len(lines))
    if op == 0:  # insert anywhere
        at = rnd.randrange(len(text) + 1)
        return text[:at] + snippet + text[at:]
    if op == 1:  # delete a span
        at = rnd.randrange(len(text) + 1)
        return text[:at] + text[at + rnd.randrange(1, 40):]
    if op == 2:  # duplicate a line
        lines.insert(i, lines[i])
    elif op == 3:  # swap two lines
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 4:  # re-indent a line
        lines[i] = " " * rnd.randrange(0, 7) + lines[i].lstrip(" ")
    elif op == 5:  # cut the file short
        return text[: rnd.randrange(len(text) + 1)]
    elif op == 6:  # a value replaced by the snippet, unquoted
        head, sep, _ = lines[i].partition(": ")
        lines[i] = head + (sep or ": ") + snippet
    elif op == 7:  # Windows or old Mac line endings
        return text.replace("\n", rnd.choice(["\r\n", "\r"]))
    else:  # a line appended
        lines.append(snippet)
    return "\n".join(lines)


@fuzz(350)
@given(deck=clean_decks(max_entities=6), style=STYLES, seed=st.integers(0, 2**32),
       snippets=st.lists(SNIPPETS, min_size=1, max_size=4))
def test_mangled_text(tmp_path, deck, style, seed, snippets):
    rnd = random.Random(seed)
    text = write_yaml(deck, style).text
    for snippet in snippets:
        text = _mutate(text, rnd, snippet)
    load(tmp_path, text.encode("utf-8", "surrogatepass"))


# -- arbitrary bytes --------------------------------------------------------------------------


@fuzz(150)
@given(deck=clean_decks(max_entities=4), seed=st.integers(0, 2**32),
       junk=st.lists(st.binary(min_size=1, max_size=8), min_size=1, max_size=4),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]))
def test_arbitrary_bytes(tmp_path, deck, seed, junk, encoding):
    rnd = random.Random(seed)
    data = write_yaml(deck, "plain").text.encode(encoding, "replace")
    for piece in junk:
        at = rnd.randrange(len(data) + 1)
        data = data[:at] + piece + data[at:]
    load(tmp_path, data)


@fuzz(60)
@given(data=st.binary(max_size=200))
def test_random_bytes(tmp_path, data):
    load(tmp_path, data)


# -- every count ------------------------------------------------------------------------------


@fuzz(60)
@given(kind=st.sampled_from(KINDS), count=st.integers(0, 400))
def test_every_count_of_entities(tmp_path, kind, count):
    deck = {"kit": "1", "id": "compte", "title": "Compte", "language": "fr"}
    entity = {"title": "T", "text": "Texte.", "landmark": "volcano"}
    keep = {"stages": ("title", "text"), "pillars": ("title", "text", "landmark"),
            "beacons": ("title",), "currents": ("title", "text"), "questions": ("text",),
            "sites": ("title", "text"), "imaginaries": ("title", "text")}[kind]
    deck[kind] = [{"id": f"e-{i}", **{k: entity[k] for k in keep}} for i in range(count)]
    result = load(tmp_path, write_yaml(deck, "plain").text.encode())
    assert isinstance(result, Deck), str(result)
    assert len(getattr(result, kind)) == count


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_empty_and_short_lists_inside_entities(tmp_path, count):
    lists = ["Un sentier"] * count
    deck = {"kit": "1", "id": "listes", "title": "Listes", "language": "fr",
            "pillars": [{"id": "p", "title": "P", "text": "T", "landmark": "star",
                         "trails": lists, "beacons": []}],
            "beacons": [{"id": "b", "title": "B", "questions": lists, "tracks": lists,
                         "resources": [{"title": "R", "url": "https://exemple.org"}] * count}],
            "credits": {"links": []}}
    result = load(tmp_path, write_yaml(deck).text.encode())
    assert isinstance(result, Deck), str(result)
    assert len(result.pillars[0].trails) == count

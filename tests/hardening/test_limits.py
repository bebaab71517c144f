"""Limits: size, nesting, entity count, text length, alias bombs, files that are no deck.

Each limit is tested at the limit (accepted) and just past it (refused with a clear message at
a line), and hostile inputs are refused before they are expanded. How fast is measured by
benchmarks/hostile.py, not here: a timed assertion fails on a busy machine and proves nothing
on a fast one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from deckgen import assert_precise

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.load.yamlsrc import MAX_BYTES, MAX_DEPTH
from kit.model.schema import MAX_ENTITIES, MAX_TEXT

HEAD = "kit: 1\nid: cas\ntitle: Cas\nlanguage: fr\n"


def refused(tmp_path: Path, data: bytes | str) -> KitError:
    if isinstance(data, str):
        data = data.encode("utf-8")
    (tmp_path / "deck.yaml").write_bytes(data)
    with pytest.raises(KitError) as info:
        load_deck(tmp_path / "deck.yaml", tmp_path)
    assert_precise(info.value, tmp_path, deck_files=("deck.yaml",))
    return info.value


def accepted(tmp_path: Path, text: str):
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    return load_deck(tmp_path / "deck.yaml", tmp_path)


def only(exc: KitError) -> tuple[int, int, str]:
    assert len(exc.diagnostics) == 1, str(exc)
    d = exc.diagnostics[0]
    return d.loc.line, d.loc.column, d.message


# -- size -------------------------------------------------------------------------------------


def test_a_deck_over_5_mb_is_refused_before_it_is_even_decoded(tmp_path, monkeypatch):
    import kit.load.yamlsrc as yamlsrc

    def never(*args, **kwargs):
        raise AssertionError("a file over the limit was decoded")

    monkeypatch.setattr(yamlsrc, "decode_utf8", never)
    text = HEAD + "credits:\n  text: >-\n" + "    Un long texte.\n" * (MAX_BYTES // 18 + 1)
    assert len(text.encode()) > MAX_BYTES
    line, column, message = only(refused(tmp_path, text))
    assert (line, column) == (1, 1)
    assert message.startswith("fichier trop gros (5.") and "5 Mo au plus" in message


def test_a_deck_just_under_5_mb_is_read(tmp_path):
    # one long text per entity keeps every text under the 10,000-character limit
    entity = "  - id: c{i}\n    title: C\n    text: " + "x" * 9_000 + "\n"
    count = (MAX_BYTES - 2_000) // len(entity.format(i=10_000))
    text = HEAD + "currents:\n" + "".join(entity.format(i=i) for i in range(count))
    assert MAX_BYTES - 20_000 < len(text.encode()) <= MAX_BYTES
    assert len(accepted(tmp_path, text).currents) == count


# -- nesting ----------------------------------------------------------------------------------


def _block(levels: int) -> str:
    """credits nested `levels` deep under the root mapping, in block style."""
    lines = ["kit: 1"]
    for depth in range(levels):
        lines.append("  " * depth + "k:")
    lines.append("  " * levels + "v: 1")
    return "\n".join(lines) + "\n"


def test_nesting_at_the_limit_is_only_an_unknown_key(tmp_path):
    exc = refused(tmp_path, _block(MAX_DEPTH - 1))
    assert not any("imbrication" in d.message for d in exc.diagnostics), str(exc)


@pytest.mark.parametrize("levels", [MAX_DEPTH, MAX_DEPTH + 1, 400, 1_500])
def test_nesting_deeper_than_50_is_refused_where_it_happens(tmp_path, levels):
    exc = refused(tmp_path, _block(levels))
    line, column, message = only(exc)
    assert message == f"imbrication trop profonde ({MAX_DEPTH} niveaux au plus)"
    # the root mapping is level 0 and the mapping of line N level N - 2: the keys of line
    # MAX_DEPTH + 2 would be level MAX_DEPTH + 1
    assert (line, column) == (MAX_DEPTH + 2, 2 * MAX_DEPTH + 1)


@pytest.mark.parametrize("opening,column", [
    ("[", len("subtitle: ") + MAX_DEPTH + 1),  # the 51st bracket
    ("{a: ", len("subtitle: ") + 4 * (MAX_DEPTH - 1) + 2),  # the key of the 50th mapping
])
def test_flow_nesting_is_refused_where_it_happens(tmp_path, opening, column):
    text = HEAD + "subtitle: " + opening * 100_000 + "\n"
    exc = refused(tmp_path, text)
    assert only(exc) == (5, column, f"imbrication trop profonde ({MAX_DEPTH} niveaux au plus)")


# -- entity count -----------------------------------------------------------------------------


def _questions(n: int) -> str:
    return HEAD + "questions:\n" + "".join(f"  - {{id: q{i}, text: Q}}\n" for i in range(n))


def test_20000_entities_are_accepted(tmp_path):
    assert len(accepted(tmp_path, _questions(MAX_ENTITIES)).questions) == MAX_ENTITIES


def test_more_than_20000_entities_are_refused_at_the_first_one_too_many(tmp_path):
    text = (HEAD + "sites:\n  - {id: s, title: S, text: T}\n"
            + _questions(MAX_ENTITIES).removeprefix(HEAD))
    line, column, message = only(refused(tmp_path, text))
    assert message == f"trop d'éléments ({MAX_ENTITIES + 1}) : {MAX_ENTITIES} au plus"
    assert (line, column) == (8 + MAX_ENTITIES - 1, 5)


# -- text length ------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["é", "🌊", "a"])
def test_a_text_of_10000_characters_is_accepted(tmp_path, char):
    deck = accepted(tmp_path, HEAD + f"credits:\n  text: {char * MAX_TEXT}\n")
    assert len(deck.credits.text) == MAX_TEXT


@pytest.mark.parametrize("field,line,column", [
    ("credits:\n  text: ", 6, 9),
    ("stages:\n  - id: s\n    title: T\n    text: ", 8, 11),
    ("beacons:\n  - id: b\n    title: T\n    questions:\n      - ", 9, 9),
])
def test_a_text_over_10000_characters_is_refused(tmp_path, field, line, column):
    exc = refused(tmp_path, HEAD + field + "é" * (MAX_TEXT + 1) + "\n")
    found = [d for d in exc.diagnostics if "trop long" in d.message]
    assert len(found) == 1, str(exc)
    assert (found[0].loc.line, found[0].loc.column) == (line, column)
    assert f"({MAX_TEXT + 1} caractères, {MAX_TEXT} au plus)" in found[0].message


# -- alias bombs ------------------------------------------------------------------------------

BILLION_LAUGHS = """\
kit: 1
id: cas
title: Cas
language: fr
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
credits: {text: *i}
"""


def _quadratic() -> str:
    # one big anchor used many times: quadratic, not exponential
    return HEAD + "x: &x " + "a" * 200_000 + "\ny: [" + ", ".join(["*x"] * 20_000) + "]\n"


def _merge_keys() -> str:
    return HEAD + "base: &base {a: 1}\n" + "".join(f"k{i}:\n  <<: *base\n" for i in range(5000))


@pytest.mark.parametrize("text,line,column", [
    (BILLION_LAUGHS, 6, 8),
    (_quadratic(), 6, 5),
    (_merge_keys(), 7, 7),
], ids=["billion-laughs", "quadratic", "merge-keys"])
def test_alias_bombs_are_refused_at_the_first_alias(tmp_path, text, line, column):
    exc = refused(tmp_path, text)
    assert only(exc) == (line, column,
                         "les alias YAML (*nom) ne sont pas acceptés : recopiez le contenu")


# -- files that are no deck ---------------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


@pytest.mark.parametrize("data,message", [
    (b"", "le fichier est vide"),
    (b"   \n\n  \t\n", "le fichier est vide"),
    (b"\xef\xbb\xbf", "le fichier est vide"),
    (b"\xef\xbb\xbf\r\n  \r\n", "le fichier est vide"),
    (b"# kit: 1\n# id: cas\n", "le fichier ne contient que des commentaires : aucune donnée"),
    (b"\xef\xbb\xbf# seulement\r\n   # des commentaires\r\n",
     "le fichier ne contient que des commentaires : aucune donnée"),
    (b"---\n# rien\n...\n", "le fichier ne contient que des commentaires : aucune donnée"),
    (PNG, "ce fichier est binaire, pas un texte YAML"),
    (b"%PDF-1.7\n\x00\x01\x02", "ce fichier est binaire, pas un texte YAML"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ce fichier est binaire, pas un texte YAML"),
    ("kit: 1\n".encode("utf-16"), "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8"),
    ("kit: 1\n".encode("utf-16-be").join([b"\xfe\xff", b""]),
     "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8"),
], ids=["empty", "blank", "bom", "bom-blank", "comments", "bom-crlf-comments", "markers",
        "png", "pdf", "zip", "utf-16-le", "utf-16-be"])
def test_files_that_are_no_deck_get_a_clear_message(tmp_path, data, message):
    assert only(refused(tmp_path, data)) == (1, 1, message)


def test_a_nul_after_the_first_8_kb_is_cited_where_it_is(tmp_path):
    text = HEAD + "credits:\n  text: >-\n" + "    ligne\n" * 1000 + "    fin \x00 ici\n"
    line, column, message = only(refused(tmp_path, text))
    assert (line, column) == (1007, 9)
    assert "caractère de contrôle invisible (U+0000)" in message


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_breaks_that_editors_hide_are_cited(tmp_path, char):
    line, column, message = only(refused(tmp_path, HEAD + f"subtitle: un{char}deux\nx: 1\n"))
    assert (line, column) == (5, 13)
    assert f"U+{ord(char):04X}" in message


def test_old_mac_line_endings_count_as_lines(tmp_path):
    exc = refused(tmp_path, (HEAD + "titel: x\n").replace("\n", "\r"))
    assert only(exc)[:2] == (5, 1)
    exc = refused(tmp_path, b"kit: 1\rid: cas\rtitle: \xe9t\xe9\r")
    assert only(exc)[:2] == (3, 8)

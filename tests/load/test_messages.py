"""No message says "dictionnaire", "scalaire" or another programming word, and none says "liste"
without showing what to write (`- ` before each element, or `[a, b]`).

Every key of the format is given, in turn, each wrong shape of value (a text, a list, fields,
nothing); every message the validator answers with is scanned."""

from __future__ import annotations

import re

import pytest
from fulldeck import key_paths, replaced, write

from kit.errors import KitError
from kit.load.deck import load_deck

#: programming words a facilitator does not read
JARGON = re.compile(r"dictionnaire|scalaire|mapping|s[ée]quence(?! d'échappement)|objet|bool"
                    r"|None|\bstr\b|\bdict\b|\bnull\b|\bkey\b|\bvalue\b|type ", re.IGNORECASE)
WRONG = {"a text": "un texte", "a list": ["a", "b"], "fields": {"a": "b"}, "nothing": None}


def messages_for(tmp_path, path, value) -> list[str]:
    try:
        load_deck(write(tmp_path, replaced(path, value)), tmp_path)
    except KitError as exc:
        return [d.message for d in exc.diagnostics]
    return []


@pytest.mark.parametrize("path", key_paths(), ids=lambda p: ".".join(map(str, p)))
def test_every_wrong_shape_is_answered_with_what_to_write(tmp_path, path):
    found = []
    for value in WRONG.values():
        found += messages_for(tmp_path, path, value)
    for message in found:
        assert not JARGON.search(message), message
        if re.search(r"\bliste\b", message):
            assert "« -" in message or "[" in message, message
    # a value of the wrong shape is reported (the key's own value, not a crash elsewhere)
    assert found, path


def test_the_messages_say_what_to_write(tmp_path):
    said = {
        ("territory",): messages_for(tmp_path, ("territory",), "Pays de Morlaix"),
        ("stages",): messages_for(tmp_path, ("stages",), "départ"),
        ("stages", 0, "beacons"): messages_for(tmp_path, ("stages", 0, "beacons"), "carnet"),
        ("pillars", 0, "trails"): messages_for(tmp_path, ("pillars", 0, "trails"), "un sentier"),
        ("stages", 0, "text"): messages_for(tmp_path, ("stages", 0, "text"), {"fr": "On part."}),
    }
    assert any("ses champs vont sur les lignes suivantes, indentés de deux espaces (name: …,"
               " logo: …)" in m for m in said[("territory",)])
    assert any("chacun commençant par « - id: »" in m for m in said[("stages",)])
    assert any("les identifiants entre crochets, [a, b]" in m
               for m in said[("stages", 0, "beacons")])
    assert any("un élément par ligne précédé de « - »" in m
               for m in said[("pillars", 0, "trails")])
    assert any("si le texte contient « : » suivi d'une espace, mettez-le entre guillemets" in m
               for m in said[("stages", 0, "text")])


def test_credits_may_be_a_plain_sentence(tmp_path):
    deck = load_deck(write(tmp_path, replaced(("credits",), "Merci à toutes les structures.")),
                     tmp_path)
    assert deck.credits.text == "Merci à toutes les structures." and deck.credits.links == ()

"""The YAML slips people make by hand (kit/load/slips.py): each is cited where it was made, with
the fix that applies; the heuristics never crash, whatever the text.

The cases themselves, one deck each with its line and message, are in tests/data (yaml-quote-*,
yaml-missing-colon*, missing-colon-name-alone, under-indented-*, yaml-under-indented-key,
yaml-over-indented, yaml-bracket-*, yaml-brace-*, yaml-unclosed-bracket)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.errors import KitError
from kit.load.deck import load_deck
from kit.load.yamlsrc import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
SLIPS = sorted(
    p for pattern in ("yaml-quote-*.yaml", "yaml-missing-colon*.yaml", "missing-colon-*.yaml",
                      "under-indented-*.yaml", "yaml-under-indented-*.yaml",
                      "yaml-over-indented.yaml", "yaml-bracket-*.yaml", "yaml-brace-*.yaml",
                      "yaml-unclosed-bracket.yaml")
    for p in DATA.glob(pattern)
)
DECK = """\
kit: 1
id: cas
title: "Cartographier les acteurs"
language: fr
territory:
  name: Pays de Morlaix
stages:
  - id: depart
    title: 'Le départ'
    beacons: [carnet, boussole]
    map: {x: 20, y: 70}
    text: >-
      On part : on prend la mer.
"""


def test_there_is_a_case_for_each_slip_of_the_issue():
    names = {p.stem for p in SLIPS}
    assert {"yaml-quote-never-closed", "yaml-quote-closed-by-the-next", "yaml-missing-colon",
            "yaml-missing-colon-name", "missing-colon-name-alone", "under-indented-name",
            "yaml-under-indented-key", "yaml-bracket-opened-early",
            "yaml-brace-opened-early"} <= names


@pytest.mark.parametrize("path", SLIPS, ids=lambda p: p.stem)
def test_no_slip_is_answered_with_quotes_unless_a_quote_is_the_slip(path):
    with pytest.raises(KitError) as info:
        load_deck(path, DATA)
    for problem in info.value.diagnostics:
        if "quote" not in path.stem:
            assert "guillemets" not in problem.message, str(problem)


def variants(text: str):
    """The deck with one slip a hand makes: a character dropped (a quote, a colon, a bracket,
    a space of indentation), or a line's indentation changed by one."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        for i, char in enumerate(line):
            if char in "\"':[]{} " and (char != " " or not line[:i].strip()):
                yield "\n".join([*lines[:k], line[:i] + line[i + 1:], *lines[k + 1:]])
        yield "\n".join([*lines[:k], " " + line, *lines[k + 1:]])


def test_every_slip_of_a_small_deck_is_located_inside_the_file_and_never_crashes():
    seen = 0
    total_lines = DECK.count("\n") + 1
    for variant in variants(DECK):
        try:
            load_yaml(variant.encode(), "deck.yaml")
        except KitError as exc:
            seen += 1
            for problem in exc.diagnostics:
                assert 1 <= problem.loc.line <= total_lines + 1, (variant, str(problem))
                assert problem.loc.column >= 1
    assert seen > 20  # the variants do break the file

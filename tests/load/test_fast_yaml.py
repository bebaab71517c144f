"""libyaml's composer (the fast path) and PyYAML's (the precise one) agree to the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.load import yamlsrc

ROOT = Path(__file__).resolve().parents[2]


def _located(node, name):
    problems: list = []
    tree = yamlsrc._convert(node, name, problems, 0)
    assert not problems
    return tree


def _flatten(node, out):
    out.append((type(node).__name__, node.loc.line, node.loc.column,
                getattr(node, "value", None)))
    if isinstance(node, yamlsrc.YSeq):
        for item in node.items:
            _flatten(item, out)
    elif isinstance(node, yamlsrc.YMap):
        for key, (key_loc, value) in node.entries.items():
            out.append((key, key_loc.line, key_loc.column))
            _flatten(value, out)
    return out


@pytest.mark.parametrize("path", sorted(ROOT.glob("decks/*/deck.yaml")),
                         ids=lambda p: p.parent.name)
def test_fast_and_precise_paths_build_the_same_located_tree(path):
    text = path.read_text(encoding="utf-8")
    fast = yamlsrc._compose_fast(text)
    assert fast is not yamlsrc._FAILED
    slow = yamlsrc._compose_slow(text, "deck.yaml")
    assert _flatten(_located(fast, "deck.yaml"), []) == _flatten(_located(slow, "deck.yaml"), [])


@pytest.mark.parametrize("text", ["a: *x\n", "a: &x [1]\nb: *x\n", "[" * 60 + "]" * 60 + "\n",
                                  "a: b: c\n", "a: 1\n---\nb: 2\n"])
def test_the_fast_path_steps_aside_for_what_the_precise_one_must_explain(text):
    assert yamlsrc._compose_fast(text) is yamlsrc._FAILED

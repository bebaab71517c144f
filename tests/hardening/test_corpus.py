"""The corpus of bad decks in tests/data: at least 40, each announcing its errors (line, column,
message) in its first lines; tests/load/test_edge_cases.py checks they are reported so, and
tests/cli/test_cli.py that the command line prints them cleanly."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from deckgen import assert_precise

from kit.errors import KitError
from kit.load.deck import load_deck

DATA = Path(__file__).resolve().parent.parent / "data"

#: the cases added with these hardening tests
HARDENING_CASES = {
    "alias-bomb", "anchor-without-name", "asset-nul", "asset-symlink", "block-scalar-indicator",
    "empty-document", "extends-name-too-long", "line-separator", "nesting-too-deep",
    "old-mac-line-endings", "seed-too-big", "sheet-missing", "sheet-outside",
    "surrogate-escape", "text-too-long", "url-bracket", "yaml-directive",
}


def cases() -> dict[str, Path]:
    """The bad decks: a case announcing `# valid` must load instead (test_edge_cases.py)."""
    paths = [p for p in [*DATA.glob("*.yaml"), *DATA.glob("*/deck.yaml")]
             if not any(line.startswith("# valid") for line in _header(p))]
    return {p.parent.name if p.name == "deck.yaml" else p.stem: p for p in paths}


def _header(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    return list(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines()))


def expectations(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect:"):
            lines.append(line)
    return lines


def test_there_are_at_least_40_bad_decks():
    assert len(cases()) >= 40, sorted(cases())


def test_the_hardening_cases_are_there():
    assert HARDENING_CASES <= cases().keys(), HARDENING_CASES - cases().keys()


@pytest.mark.parametrize("name", sorted(cases()))
def test_every_case_is_refused_in_french_at_a_line(name):
    path = cases()[name]
    assert expectations(path), f"{name}: no '# expect: LINE:COL: message' line"
    with pytest.raises(KitError) as info:
        load_deck(path, DATA)
    assert_precise(info.value, DATA)


def test_the_symlinked_asset_case_is_a_symlink_leaving_its_folder():
    link = DATA / "asset-symlink" / "logo.svg"
    assert link.is_symlink()
    assert (DATA / "asset-symlink") not in link.resolve().parents

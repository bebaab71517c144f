"""Every tests/data case is a small deck with what loading it must say, announced in its header.

A case is `tests/data/<name>.yaml`, or `tests/data/<name>/deck.yaml` when it needs other files.
Its first lines say what to expect, one error per line:

    # expect: LINE:COL: substring of the message
    # expect: other.yaml:LINE:COL: substring     (an error cited in another file of the case)
    # expect: lists.ods[sheet]:ROW:COL: substring (an error cited in a cell of a workbook)

A deck that must load instead says so, with the notes loading prints if any:

    # valid
    # note: LINE:COL: substring of the note
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.load.deck import load_deck

DATA = Path(__file__).resolve().parent.parent / "data"
EXPECT = re.compile(
    r"^#\s*(?P<what>expect|note):\s*(?:(?P<file>[\w.-]+\.(?:yaml|csv|ods|xlsx)(?:\[[^\]]+\])?):)?"
    r"(?P<line>\d+):(?P<column>\d+):"
    r"\s*(?P<message>.+)$"
)
VALID = re.compile(r"^#\s*valid\b")


def cases() -> list[Path]:
    return sorted([*DATA.glob("*.yaml"), *DATA.glob("*/deck.yaml")])


def header(path: Path) -> list[str]:
    out = []
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        out.append(line.strip())
    return out


def expectations(path: Path, what: str = "expect") -> list[tuple[str | None, int, int, str]]:
    out = []
    for line in header(path):
        match = EXPECT.match(line)
        if match and match["what"] == what:
            out.append(
                (
                    match["file"],
                    int(match["line"]),
                    int(match["column"]),
                    match["message"].strip(),
                )
            )
    return out


def is_valid_case(path: Path) -> bool:
    return any(VALID.match(line) for line in header(path))


def case_id(path: Path) -> str:
    return path.parent.name if path.name == "deck.yaml" else path.stem


def test_there_are_enough_cases():
    assert len(cases()) >= 30


def assert_found(path: Path, expected, found) -> None:
    for file, line, column, message in expected:
        want_file = (path.parent / file if file else path).relative_to(DATA).as_posix()
        hits = [
            d
            for d in found
            if d.loc.file == want_file
            and (d.loc.line, d.loc.column) == (line, column)
            and message in d.message
        ]
        assert hits, (
            f"expected {want_file}:{line}:{column}: …{message}…\n"
            "got:\n" + "\n".join(str(d) for d in found)
        )


@pytest.mark.parametrize("path", cases(), ids=case_id)
def test_case_reports_expected_errors(path: Path):
    if is_valid_case(path):
        deck = load_deck(path, DATA)  # no KitError
        assert_found(path, expectations(path, "note"), deck.notes)
        assert len(deck.notes) == len(expectations(path, "note")), deck.notes
        return
    expected = expectations(path)
    assert expected, f"{path.name}: no '# expect: LINE:COL: message' line at the top"
    with pytest.raises(KitError) as info:
        load_deck(path, DATA)
    found = info.value.diagnostics
    assert_found(path, expected, found)
    # whatever else is reported also points at a line and a column
    for d in found:
        assert d.loc.line >= 1 and d.loc.column >= 1, str(d)

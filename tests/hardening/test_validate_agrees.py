"""`kit validate` says « valide » exactly when `kit build` builds, and reports the same
problems: the decks of tests/data (refused at load), the long texts of tests/data/fit
(refused, or not, by the layout) and generated decks with hostile and long texts.

The two run the same planning (kit.pipeline): these tests hold them to it from the outside,
through the public functions and the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from deckgen import examples, write_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz_build import build_decks

from kit.api import BuildOptions, build_deck, validation_report
from kit.cli import main
from kit.errors import KitError

DATA = Path(__file__).resolve().parent.parent / "data"
FIT = DATA / "fit"


def both(path: Path, cwd: Path, out: Path) -> tuple[dict, list[str] | None]:
    """(validate's report, build's problems or None when it built)."""
    report = validation_report(str(path), cwd)
    try:
        build_deck(path, out, BuildOptions(), cwd)
    except KitError as exc:
        return report, sorted(str(d) for d in exc.diagnostics)
    return report, None


def agree(report: dict, problems: list[str] | None) -> None:
    if problems is None:
        assert report["valid"], report["errors"]
    else:
        assert not report["valid"], problems
        assert sorted(str(d) for d in report["diagnostics"]) == problems


def fit_cases() -> list[Path]:
    return sorted(FIT.glob("*.yaml"))


def load_cases() -> list[Path]:
    return sorted([*DATA.glob("*.yaml"), *DATA.glob("*/deck.yaml")])


@pytest.mark.parametrize("path", fit_cases(), ids=lambda p: p.stem)
def test_long_texts_validate_as_they_build(path, tmp_path):
    report, problems = both(path, DATA, tmp_path / "out")
    agree(report, problems)
    # the case says what to expect in its first line
    builds = "both accept" in path.read_text(encoding="utf-8").splitlines()[0] or \
        "still fits" in path.read_text(encoding="utf-8").splitlines()[0]
    assert (problems is None) == builds, problems


def test_the_fit_cases_cover_every_product_that_fits_text():
    """Cards, the pocket map, both refused and accepted: the corpus is no straw man."""
    messages = [d.message for path in fit_cases()
                for d in validation_report(str(path), DATA).get("diagnostics", [])]
    for product in ("la carte à jouer ", "la carte de poche :"):
        assert any(m.startswith(product) for m in messages), (product, messages)
    assert any(validation_report(str(p), DATA)["valid"] for p in fit_cases())


@pytest.mark.parametrize("path", load_cases(),
                         ids=lambda p: p.parent.name if p.name == "deck.yaml" else p.stem)
def test_the_decks_of_tests_data_validate_as_they_build(path, tmp_path):
    """Most are refused at load (each announces its errors); the few that load must agree
    too."""
    report, problems = both(path, DATA, tmp_path / "out")
    agree(report, problems)
    if problems is not None:
        assert not (tmp_path / "out").exists()


def test_the_command_line_agrees_too(tmp_path, monkeypatch):
    """The case of the issue: a long beacon title, « valide » then a failed build."""
    monkeypatch.chdir(DATA)
    runner = CliRunner()
    ref = "fit/beacon-title-long.yaml"
    check = runner.invoke(main, ["validate", ref])
    build = runner.invoke(main, ["build", ref, "--out", str(tmp_path / "out")])
    assert check.exit_code == build.exit_code == 1
    located = [line for line in check.stderr.splitlines() if line.startswith(ref)]
    assert located and located == [line for line in build.stderr.splitlines()
                                   if line.startswith(ref)]
    assert "la carte de poche : le titre" in located[0]
    assert "(au plus 215 caractères, il en a 339)" in located[0]
    assert check.stderr.endswith("1 erreur.\n")
    assert build.stderr.endswith("1 erreur : rien n'a été écrit.\n")


@settings(max_examples=examples(12), deadline=None)
@given(made=build_decks(require=("stages", "stages", "pillars", "currents")),
       style=st.sampled_from(["double", "plain"]))
def test_generated_decks_validate_as_they_build(tmp_path_factory, made, style):
    deck, _, _ = made
    folder = tmp_path_factory.mktemp("deck")
    (folder / "deck.yaml").write_text(write_yaml(deck, style).text, encoding="utf-8")
    report, problems = both(folder / "deck.yaml", folder, folder / "out")
    agree(report, problems)

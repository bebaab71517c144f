"""The single-face line breaker gives exactly the lines of the general (span) breaker."""

import pytest
import yaml

from kit.layout import text as T
from kit.render import fonts
from kit.resources import builtin_root


def _deck_texts() -> list[str]:
    texts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((builtin_root() / "decks").glob("*/deck.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts + ["a\n\nb  c", "  devant", "derrière  ", "anticonstitutionnellement" * 3,
                    "Seine-Saint-Denis-de-la-Réunion", "x-y-zzzzz-wwwwwww", "\n"]


def _outcome(breaker, *args):
    try:
        return breaker(*args)
    except T.Overflow as exc:
        return ("overflow", exc.needed, exc.available, exc.longest_word)


@pytest.mark.parametrize("face", ["regular", "bold", "italic"])
def test_breaking_a_plain_string_matches_breaking_spans(face):
    fonts.ensure("body")
    measure = fonts.measure
    compared = 0
    for text in _deck_texts():
        set_text = T.typography(text, "fr")
        spans = [T.TextSpan(set_text, face)]
        for width in (8, 15, 25, 40, 55, 80):
            for size in (7, 9, 11):
                style = T.Style("body", size)
                for hyphenate in (True, False):
                    plain = _outcome(T._break_plain, set_text, face, width, style, measure,
                                     "fr", hyphenate)
                    general = _outcome(T._break_spans, spans, width, style, measure, "fr",
                                       hyphenate)
                    assert plain == general, (text[:40], width, size, hyphenate)
                    compared += 1
    assert compared > 5000


def test_a_bold_title_is_one_run_and_its_spaces_are_bold():
    fonts.ensure("body")
    spans = T.styled("**Former l'équipage** puis *partir au large*", "fr")
    lines = T.break_lines(spans, 200, T.Style("body", 9), fonts.measure, "fr")
    [(line, width)] = lines
    assert [(s.text, s.face) for s in line] == [
        ("Former l’équipage", "bold"), (" puis ", "regular"), ("partir au large", "italic")]
    measured = sum(fonts.measure(s.text, s.face, "body", 9) for s in line)
    assert width == pytest.approx(measured, abs=1e-9)


@pytest.mark.parametrize("breaker", ["plain", "spans"])
@pytest.mark.parametrize("width", [30, 40, 55, 90])
def test_a_web_address_breaks_without_a_hyphen(breaker, width):
    """A web address is never hyphenated (the printed guide showed « nouveauxac-cords »): it
    breaks after a slash or before a dot, and its lines joined give it back exactly."""
    fonts.ensure("body")
    url = "https://nouveauxaccords.la27eregion.fr/programme/nouveaux-accords"
    text = f"Blog du programme — {url}"
    style = T.Style("body", 7.5)
    if breaker == "plain":
        lines = T._break_plain(text, "regular", width, style, fonts.measure, "fr", True)
    else:
        lines = T._break_spans([T.TextSpan(text)], width, style, fonts.measure, "fr", True)
    rendered = ["".join(s.text for s in line) for line, _ in lines]
    start = next(i for i, line in enumerate(rendered) if "https" in line)
    first = rendered[start][rendered[start].index("https"):]
    assert first + "".join(rendered[start + 1:]) == url
    assert len(rendered) > start + 1 or width == 90
    for head, tail in zip(rendered[start:], rendered[start + 1:], strict=False):
        assert head.endswith("/") or tail[:1] in ".-_?#&=~", (head, tail)

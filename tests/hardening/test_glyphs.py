"""Characters the chosen font lacks: printed in the broader fallback font (Noto Sans), embedded
like the others, or refused before anything is written, naming the character, the card and the
deck line and column of the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from deckgen import assert_precise, write_yaml
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from kit.api import BuildOptions, build_deck
from kit.errors import KitError


def deck_with(title: str, where: str = "current") -> dict:
    deck = {"kit": "1", "id": "glyphes", "title": "Glyphes", "language": "fr",
            "currents": [{"id": "courant", "title": "Un courant", "text": "Il emporte tout."}]}
    if where == "current":
        deck["currents"][0]["title"] = title
    elif where == "text":
        deck["currents"][0]["text"] = title
    else:
        deck[where] = title
    return deck


def build(folder: Path, deck: dict, only=("cards",)):
    written = write_yaml(deck)
    (folder / "deck.yaml").write_text(written.text, encoding="utf-8")
    out = folder / "out"
    return written, out, lambda: build_deck(folder / "deck.yaml", out, BuildOptions(only=only),
                                            folder)


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """BaseFont name → whether its file is embedded, over every page and form XObject."""
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def visit(resources) -> None:
        if isinstance(resources, IndirectObject):
            resources = resources.get_object()
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if descriptor is None and descendants:
                descriptor = descendants[0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for xobject in (resources.get("/XObject") or {}).values():
            if id(xobject.get_object()) in seen:
                continue
            seen.add(id(xobject.get_object()))
            visit(xobject.get_object().get("/Resources"))

    for page in PdfReader(pdf).pages:
        visit(page.get("/Resources"))
    return found


@pytest.mark.parametrize("text", ["Le courant αβγ", "Жизнь", "Ωμέγα et Жизнь"])
@pytest.mark.parametrize("where", ["current", "text"])
def test_greek_and_cyrillic_fall_back_to_an_embedded_noto_sans(tmp_path, text, where):
    _, out, run = build(tmp_path, deck_with(text, where))
    run()
    fonts = embedded_fonts(out / "glyphes" / "cards.pdf")
    noto = {name: embedded for name, embedded in fonts.items() if "NotoSans" in name}
    assert noto, fonts
    # embedded as a subset (AAAAAA+NotoSans-…), like the kit's own fonts
    assert all(embedded and name[1:7].isupper() and name[7] == "+"
               for name, embedded in noto.items()), noto
    assert all(fonts.values()), f"a font is not embedded: {fonts}"
    words = PdfReader(out / "glyphes" / "cards.pdf").pages[0].extract_text()
    assert text.split()[-1] in words


def test_latin_only_decks_need_no_fallback(tmp_path):
    _, out, run = build(tmp_path, deck_with("Un courant d’été, œuvre à « Noël »"))
    run()
    assert not any("NotoSans" in n for n in embedded_fonts(out / "glyphes" / "cards.pdf"))


@pytest.mark.parametrize("text,char", [
    ("La vague 🌊", "🌊"),
    ("Titre 中文", "中"),
    ("مرحبا", "م"),
    ("Unicode \u0378 non attribué", "\u0378"),
])
@pytest.mark.parametrize("where", ["current", "text"])
def test_characters_no_font_has_fail_at_the_field(tmp_path, text, char, where):
    written, out, run = build(tmp_path, deck_with(text, where))
    with pytest.raises(KitError) as info:
        run()
    assert_precise(info.value, tmp_path, deck_files=("deck.yaml",))
    field = "title" if where == "current" else "text"
    line, column = written.values[("currents", 0, field)]
    code = f"U+{ord(char):04X}"
    hits = [d for d in info.value.diagnostics if (d.loc.line, d.loc.column) == (line, column)]
    assert len(hits) == 1, str(info.value)
    message = hits[0].message
    assert f"« {char} » ({code})" in message  # the character, shown and by its code
    assert f"champ « {field} »" in message
    card = text if where == "current" else "Un courant"
    assert f"« {card} »" in message  # the card, by its title
    assert not out.exists(), "nothing is written"


def test_every_missing_character_of_a_deck_is_reported_at_once(tmp_path):
    deck = deck_with("🌊 vague")
    deck["currents"].append({"id": "autre", "title": "Autre", "text": "Texte 中文 ici"})
    written, _, run = build(tmp_path, deck)
    with pytest.raises(KitError) as info:
        run()
    cited = {(d.loc.line, d.loc.column) for d in info.value.diagnostics}
    assert cited == {written.values[("currents", 0, "title")],
                     written.values[("currents", 1, "text")]}


@pytest.mark.parametrize("where", ["title", "subtitle"])
def test_a_deck_level_text_is_cited_at_its_own_line(tmp_path, where):
    written, _, run = build(tmp_path, deck_with("Titre 🌊", where))
    with pytest.raises(KitError) as info:
        run()
    assert [(d.loc.line, d.loc.column) for d in info.value.diagnostics] == [
        written.values[(where,)]]


def test_coverage_of_a_whole_run_agrees_with_each_character():
    from kit.render import fonts

    fonts.use_deck_fonts({})
    m = fonts.measure
    assert m.covers_all("Quelle est la bonne composition ?", "body", "regular")
    assert not m.covers_all("Ωmega Ӝ", "body", "regular") or all(
        m.covers(c, "body", "regular") for c in "Ωmega Ӝ")
    for text in ("Où va-t-on\u00a0?", "中文", "Жизнь", "🌊 mer"):
        assert m.covers_all(text, "body", "regular") == all(
            m.covers(c, "body", "regular") for c in text), text

"""Every word the kit prints comes from kit/messages/<language>.yaml: the catalogues agree, an
English deck's PDFs carry no French kit wording, and every canvas has an English version."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from kit.api import BuildOptions, build_deck, validation_report
from kit.errors import KitError
from kit.i18n import Messages, languages
from kit.load.canvases import load_template
from kit.resources import builtin_root

MESSAGES = Path(__file__).resolve().parents[2] / "kit" / "messages"
CANVASES = builtin_root() / "layouts" / "canvases"

#: kit wording that must never reach an English deck's pages (words, matched whole)
FRENCH_WORDS = (
    "Étape", "Étapes", "Balise", "Balises", "Courant", "Courants", "Pilier", "Piliers",
    "planche", "recto", "verso", "Légende", "Mode d’emploi", "Sentier", "Sentiers", "Pistes",
    "Ressource", "Ressources", "Date :", "Équipe", "Crédits", "Questions clés", "Pour l’éviter",
    "À propos", "Embarquement", "Arrivée", "Imaginaires", "canevas", "mosaïque", "feuille",
    "réglette", "encoller", "Imprimez", "fichiers", "aucun problème", "Mis en page",
)
#: French kit wording still hard-coded outside the catalogues (file → words): each entry is a
#: bug to fix where it lives, then to delete here (test_known_french_leaks_are_gone says when)


def flatten(node: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def catalogue(language: str) -> dict[str, str]:
    return flatten(yaml.safe_load((MESSAGES / f"{language}.yaml").read_text(encoding="utf-8")))


def french_phrases() -> list[str]:
    """FRENCH_WORDS, plus every French catalogue text that English says differently, cut at
    its placeholders and markup (the pieces of two words or more)."""
    fr, en = catalogue("fr"), catalogue("en")
    phrases = set(FRENCH_WORDS)
    for key, value in fr.items():
        if en[key] == value:
            continue
        for piece in re.split(r"\{[^}]*\}|\*\*|[«»()“”]", value):
            piece = " ".join(piece.replace("\u00a0", " ").split()).strip(" .,;:")
            if len(piece.split()) >= 2 or len(piece) >= 6:
                phrases.add(piece)
    return sorted(phrases)


def printed_text(text: str) -> str:
    """Extracted text, one line, without file names and addresses (map-recto.pdf, URLs)."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"\S*(?:\.pdf|\.svg|://|/)\S*", " ", text)
    return " ".join(text.split())


def french_in(text: str, phrases: list[str]) -> set[str]:
    flat = printed_text(text)
    return {p for p in phrases
            if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", flat, re.IGNORECASE)}


def pdf_texts(root: Path) -> dict[str, str]:
    """Relative path → the text of all its pages."""
    return {str(p.relative_to(root)): "\n".join(page.extract_text() or "" for page in
                                              PdfReader(p).pages)
            for p in sorted(root.rglob("*.pdf"))}


# -- builds, once per module -------------------------------------------------------------------


@pytest.fixture(scope="module")
def english_build(tmp_path_factory) -> dict[str, Path]:
    """cooperation-en built with every product and option: office (calibration, A4 tiles)
    and press (cards one per page, CMYK)."""
    roots = {}
    for profile, options in (
        ("office", BuildOptions(calibration=True, tile="A4")),
        ("press", BuildOptions(profile="press")),
    ):
        out = tmp_path_factory.mktemp(f"en-{profile}")
        build_deck("cooperation-en", out, options)
        roots[profile] = out / "cooperation-en"
    return roots


@pytest.fixture(scope="module")
def english_texts(english_build) -> dict[str, str]:
    texts = {}
    for profile, root in english_build.items():
        for name, text in pdf_texts(root).items():
            texts[f"{profile}/{name}"] = text
        for svg in root.rglob("*.svg"):
            body = svg.read_text(encoding="utf-8")
            texts[f"{profile}/{svg.name}"] = " ".join(re.findall(r">([^<>]+)<", body))
    return texts


@pytest.fixture(scope="module")
def french_cards(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fr")
    build_deck("cooperation", out, BuildOptions(only=("cards",)))
    return out / "cooperation" / "cards.pdf"


# -- (a) the catalogues ------------------------------------------------------------------------


def test_catalogues_have_the_same_keys():
    keys = {lang: set(catalogue(lang)) for lang in languages()}
    assert {"fr", "en"} <= set(keys)
    for lang, found in keys.items():
        assert found == keys["fr"], (lang, sorted(found ^ keys["fr"]))


def test_catalogues_have_the_same_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    for key in fr:
        assert set(re.findall(r"\{\w+\}", fr[key])) == set(re.findall(r"\{\w+\}", en[key])), key


def test_every_catalogue_text_is_set():
    for lang in languages():
        for key, value in catalogue(lang).items():
            assert value.strip() and value != "None", (lang, key)
        assert Messages(lang)("kind.beacon")


# -- (b) no French kit wording in an English build ---------------------------------------------


def test_english_build_writes_every_product(english_build):
    office = {str(p.relative_to(english_build["office"]))
              for p in english_build["office"].rglob("*") if p.is_file()}
    press = {p.name for p in english_build["press"].rglob("*") if p.is_file()}
    for name in ("map.pdf", "map-recto.pdf", "map-verso.pdf", "map.svg", "map-tiled-A4.pdf",
                 "cards.pdf", "cards-foldover.pdf", "cards-calibration.pdf", "canvases.pdf",
                 "README-printing.pdf", "canvases/equipage.pdf",
                 "canvases/equipage-tiled-A4.pdf"):
        assert name in office, name
    assert "cards-1up.pdf" in press
    assert len([n for n in office if re.fullmatch(r"canvases/[\w-]+(?<!-A4)\.pdf", n)]) == 10
    assert not any(".en" in n for n in office | press)


def test_english_build_prints_no_french_kit_wording(english_texts):
    phrases = french_phrases()
    found = {}
    for name, text in english_texts.items():
        hits = french_in(text, phrases)
        if hits:
            found[name] = sorted(hits)
    assert not found



def test_english_pdf_titles_are_english(english_build):
    phrases = french_phrases() + ["carte", "cartes"]
    titles = {}
    for root in english_build.values():
        for pdf in root.rglob("*.pdf"):
            title = str((PdfReader(pdf).metadata or {}).get("/Title", ""))
            if french_in(title, phrases):
                titles[pdf.name] = title
    assert not titles


def test_english_guide_speaks_english(english_texts):
    guide = english_texts["office/map-verso.pdf"]
    for words in ("How to use it", "Reading the map", "The beacons", "The dangerous currents",
                  "A few leads", "Credits"):
        assert words in printed_text(guide), words
    canvas = printed_text(english_texts["office/canvases/equipage.pdf"])
    assert "Date:" in canvas and "Team:" in canvas and "Gather the crew" in canvas


# -- (c) the kind labels in each language ------------------------------------------------------


def test_kind_label_follows_the_deck_language(french_cards, english_texts):
    french = "\n".join(page.extract_text() or "" for page in PdfReader(french_cards).pages)
    assert "Balise" in french and "Beacon" not in french
    english = english_texts["office/cards.pdf"]
    assert "Beacon" in english and "Balise" not in english


# -- (d) the canvas templates ------------------------------------------------------------------


def _shape(template) -> list[tuple]:
    return [(z.type, z.col, z.row, z.colspan, z.rowspan, z.source,
             {k: len(v) if isinstance(v, (list, tuple)) else v
              for k, v in z.values.items() if k not in ("legend", "row_header", "x", "y")})
            for z in template.zones]


CANVAS_NAMES = sorted(p.stem for p in CANVASES.glob("*.yaml") if "." not in p.stem)


def test_there_are_ten_canvases():
    assert len(CANVAS_NAMES) == 10


@pytest.mark.parametrize("name", CANVAS_NAMES)
def test_canvas_has_an_english_version_with_the_same_zones(name):
    assert (CANVASES / f"{name}.en.yaml").is_file()
    fr, en = load_template(name, "fr"), load_template(name, "en")
    assert en.name == fr.name == name
    assert (en.orientation, en.columns, en.rows) == (fr.orientation, fr.columns, fr.rows)
    assert _shape(en) == _shape(fr)
    assert en.title != fr.title
    assert bool(en.subtitle) == bool(fr.subtitle)
    for zf, ze in zip(fr.zones, en.zones, strict=True):
        assert bool(zf.prompt) == bool(ze.prompt), (name, zf.title)


def test_a_template_without_the_language_is_an_error(tmp_path):
    local = tmp_path / "layouts" / "canvases"
    local.mkdir(parents=True)
    shutil.copy(CANVASES / "charte.yaml", local / "solo.yaml")
    assert load_template("solo", "fr", cwd=tmp_path).name == "solo"
    with pytest.raises(KitError) as exc:
        load_template("solo", "en", cwd=tmp_path)
    (diag,) = exc.value.diagnostics
    assert diag.loc.file.endswith("solo.en.yaml")
    assert "« solo »" in diag.message and "« en »" in diag.message
    with pytest.raises(KitError):
        load_template("equipage", "de")


def test_a_language_variant_is_not_a_canvas():
    with pytest.raises(KitError) as exc:
        load_template("equipage.en")
    assert ".en" not in exc.value.diagnostics[0].message.split("disponibles")[1]


# -- (e) validation ----------------------------------------------------------------------------


def test_english_deck_validates_with_the_french_counts():
    fr, en = validation_report("cooperation"), validation_report("cooperation-en")
    assert fr["valid"] and en["valid"], en["errors"]
    assert en["counts"] == fr["counts"]
    assert en["deck"] == "cooperation-en"

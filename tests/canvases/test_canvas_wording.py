"""A territory's words on the canvases come from its deck; the shipped templates stay neutral.

Planned pages only (geometry, no PDF): cheap."""

from __future__ import annotations

from pathlib import Path

import pytest
from canvascheck import text_lines, walk

from kit.errors import KitError
from kit.layout.geometry import Shape
from kit.load.canvases import apply_wording, load_template
from kit.load.deck import load_deck
from kit.products.canvases import plan_canvas
from kit.render import fonts
from kit.resources import builtin_root, layout_files

DATA = Path(__file__).resolve().parent.parent / "data"
SHIPPED = builtin_root() / "layouts" / "canvases"
#: one territory's policy vocabulary: it belongs in that territory's deck, not in a template
POLICY_WORDS = ("politique de la ville", "droit commun", "contrat de ville", "quartier",
                "urban policy", "mainstream", "city contract", "neighbourhood")


def words(page) -> str:
    return " ".join(" ".join(line.text for line in text_lines(page.items))
                    .replace("\u00a0", " ").split())


def planned(deck, name: str):
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    template = apply_wording(load_template(name, deck.language), deck)
    return template, plan_canvas(deck, template, "A3", fonts.measure)


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_templates_hold_no_territory_policy_words(path):
    text = path.read_text(encoding="utf-8").lower()
    assert not [w for w in POLICY_WORDS if w in text]


@pytest.mark.parametrize(("deck_id", "crew", "call"), [
    ("cooperation", "Service politique de la ville", "contrat de ville"),
    ("cooperation-en", "Urban policy department", "city contract"),
])
def test_default_decks_keep_the_wording_of_their_source(deck_id, crew, call):
    deck = load_deck(deck_id)
    template, page = planned(deck, "equipage")
    assert template.zones[0].title == crew and crew in words(page)
    _, page = planned(deck, "appel-a-projets")
    assert call in words(page)


def test_faire_ensemble_gets_the_neutral_words():
    deck = load_deck("faire-ensemble")
    assert not deck.canvases
    _, page = planned(deck, "equipage")
    text = words(page)
    assert "Premier équipier" in text and "politique de la ville" not in text


def test_a_territory_deck_rewords_its_canvases_by_zone_id():
    deck = load_deck(DATA / "canvas-wording-morlaix" / "deck.yaml", DATA)
    template, page = planned(deck, "equipage")
    first, second = template.zones[:2]
    assert first.title == "Service agriculture et alimentation"
    assert first.prompt == "Qui ? Quel rôle dans le projet alimentaire territorial ?"
    # the base deck's prompt stays where the territory deck says only the title
    assert second.title == "Service de l’action sociale"
    assert second.prompt.startswith("Qui ? Quelle politique publique ?")
    # what the deck gives is located in the deck: a problem with it is reported there
    assert first.locs["title"].file == "canvas-wording-morlaix/deck.yaml"
    assert first.locs["title"].line == 14
    assert "Service agriculture et alimentation" in words(page)
    template, page = planned(deck, "appel-a-projets")
    assert template.subtitle == "Un appel commun pour les circuits courts."
    assert "projet alimentaire territorial" in words(page)
    assert "contrat de ville" not in words(page)


def test_a_prompt_too_long_for_its_zone_is_reported_at_the_deck_line(tmp_path):
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "kit: 1\nid: long\ntitle: Long\nlanguage: fr\ncanvases:\n  equipage:\n    zones:\n"
        "      questions:\n        prompt: " + "Une consigne bien trop longue. " * 60 + "\n",
        encoding="utf-8")
    deck = load_deck(deck_file, tmp_path)
    with pytest.raises(KitError) as info:
        planned(deck, "equipage")
    (problem,) = info.value.diagnostics
    assert (problem.loc.file, problem.loc.line) == ("deck.yaml", 9)
    assert "ne tient pas" in problem.message


def test_zone_ids_are_given_and_unique_in_every_shipped_template():
    for name in (n for n in layout_files("canvases") if "." not in n):
        template = load_template(name)
        ids = [zone.id for zone in template.zones]
        assert len(ids) == len(set(ids)), name
        text = (SHIPPED / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.count("    id: ") == len(ids), f"{name}: every zone names its id"


def zone_top(page) -> float:
    """Below the page's header rule, the one line as wide as the page."""
    rules = [p.item.path[0][2] for p in walk(page.items) if isinstance(p.item, Shape)
             and len(p.item.path) == 2 and p.item.path[1][1] - p.item.path[0][1] > page.width / 2]
    return max(rules)


def test_a_deck_without_pillars_nor_stages_gets_every_canvas(tmp_path):
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text("kit: 1\nid: vide\ntitle: Presque vide\nlanguage: fr\nbeacons:\n"
                         "  - id: balise\n    title: Une balise\n", encoding="utf-8")
    deck = load_deck(deck_file, tmp_path)
    for name in (n for n in layout_files("canvases") if "." not in n):
        planned(deck, name)  # no KitError: every template builds
    # the pillars canvas: three blank columns, each with a line to write its name on
    template, page = planned(deck, "piliers")
    zone = template.zones[0]
    assert zone.source == "pillars" and "blank" not in zone.values
    segments = [(p.item.path, p.item.style) for p in walk(page.items)
                if isinstance(p.item, Shape) and len(p.item.path) == 2]
    separators = [path for path, style in segments if style.dash and path[0][1] == path[1][1]]
    write_in = [path for path, style in segments if not style.dash and path[0][2] == path[1][2]
                and path[0][2] > zone_top(page) and path[1][1] - path[0][1] > 60]
    assert len(separators) == 2  # three columns
    assert len(write_in) == 3  # a line in each to write a pillar's name on
    # the itinerary's timeline: three numbered steps to fill in
    _, page = planned(deck, "itineraire")
    assert [line.text for line in text_lines(page.items) if line.text.isdigit()] == \
        ["1", "2", "3"]

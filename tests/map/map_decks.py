"""Generated decks for the map's layout tests and benchmark: any size in the issue's range,
realistic French titles of random lengths, random references between entities.

`deck_dict(...)` builds the YAML tree; `write_deck(folder, tree)` writes folder/deck.yaml and
loads it through the ordinary loader (validation included), so the tests see real decks.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from kit.load.deck import load_deck
from kit.model.deck import Deck

LANDMARKS = ("volcano", "semaphore", "bivouac", "lighthouse", "harbour", "star", "bridge",
             "forest", "mountain", "village")

# fragments recombined into titles; first words are heads, the rest complements
HEADS = (
    "Le cap", "La baie", "Le phare", "Les récifs", "Le détroit", "La crique", "Le bivouac",
    "Former l’équipage", "S’accorder sur la destination", "Arpenter les sentiers",
    "Documenter au fil de l’eau", "Évaluer le voyage", "Lancer un appel à projets",
    "Enquêter en interne", "Adopter une posture évaluative", "Les bouteilles à la mer",
    "La dernière des priorités", "Les silos", "L’effet d’aubaine", "Le sémaphore",
    "Le volcan", "La forêt", "Le village", "Le pont", "Cartographier les acteurs",
    "Partager les ressources", "Animer la communauté", "Les prés carrés",
)
COMPLEMENTS = (
    "des projets communs", "de la coopération", "des ressources partagées",
    "de la communauté", "et l’itinéraire", "entre politique de la ville et droit commun",
    "avant de repartir", "pour vous guider", "au fil de l’eau", "des partenaires locaux",
    "du contrat de ville", "des initiatives du territoire", "sans lendemain",
    "dans le brouillard", "tous azimuts", "d’intelligence collective", "et les modalités",
    "de la gouvernance", "des temps inspirants", "avec les habitants",
)
WEAK_ENDINGS = {"de", "la", "le", "les", "des", "du", "et", "avec", "pour", "entre", "au", "sans",
                "avant", "dans", "au fil", "pour vous"}
SENTENCE = ("Une escale pour mettre en commun ce que chacun·e sait du territoire, et décider "
            "ensemble de la suite du voyage.")


def french_title(rng: random.Random, max_len: int = 60) -> str:
    """A title between 4 and max_len characters, cut at a word boundary."""
    target = rng.choice((rng.randint(4, 18), rng.randint(12, 34), rng.randint(24, max_len)))
    title = rng.choice(HEADS)
    while len(title) < target:
        title += " " + rng.choice(COMPLEMENTS)
    words = title.split(" ")
    while len(" ".join(words)) > max_len and len(words) > 1:
        words.pop()
    # a title does not end on an article or a preposition
    while len(words) > 2 and words[-1] in WEAK_ENDINGS:
        words.pop()
    return " ".join(words)


def long_title(rng: random.Random, length: int = 60) -> str:
    """A title of nearly `length` characters, for the worst cases."""
    title = rng.choice(HEADS)
    words: list[str] = []
    while len(title) < length:
        words = (rng.choice(COMPLEMENTS)).split(" ")
        while words and len(title) + 1 + len(words[0]) <= length:
            title += " " + words.pop(0)
        if words:  # the next word would not fit
            break
    # a title does not end on an article or a preposition
    words = title.split(" ")
    while len(words) > 2 and words[-1] in WEAK_ENDINGS:
        words.pop()
    return " ".join(words)


def deck_dict(pillars: int, beacons: int, currents: int, stages: int, seed: int = 0,
              titles: str = "random", sites: int = 2, imaginaries: int = 2,
              deck_id: str | None = None, near: bool = False, islands: int | None = None
              ) -> dict:
    """A valid deck tree. titles: 'random' (4–60 characters), 'long' (~60) or 'short'."""
    rng = random.Random(seed)

    def title() -> str:
        if titles == "long":
            return long_title(rng)
        if titles == "short":
            return rng.choice(("Le cap", "La baie", "Les silos", "Le pont", "La crique"))
        return french_title(rng)

    beacon_ids = [f"balise-{i + 1}" for i in range(beacons)]

    def trail():
        # as decks write them: a short one, or a sentence with a short label for the map
        if rng.random() < 0.5:
            return french_title(rng, 30)
        return {"text": SENTENCE, "label": french_title(rng, 26)}

    def some_beacons(k: int) -> list[str]:
        return rng.sample(beacon_ids, min(len(beacon_ids), rng.randint(0, k)))

    tree: dict = {
        "kit": 1,
        "id": deck_id or f"gen-{pillars}-{beacons}-{currents}-{stages}-{seed}",
        "title": "Carte générée pour les tests de mise en page",
        "subtitle": "Un deck de " + str(pillars + beacons + currents + stages) + " éléments",
        "language": "fr",
        "territory": {"name": "Territoire d’essai"},
        "map": {"seed": seed * 7919 + pillars * 131 + beacons * 17 + currents * 3 + stages},
        "stages": [{"id": f"etape-{i + 1}", "title": title(), "text": SENTENCE,
                    "beacons": some_beacons(2)} for i in range(stages)],
        "pillars": [{"id": f"pilier-{i + 1}", "title": title(),
                     "landmark": LANDMARKS[(i + seed) % len(LANDMARKS)], "text": SENTENCE,
                     "trails": [trail() for _ in range(rng.randint(0, 4))],
                     "beacons": some_beacons(2)}
                    for i in range(pillars)],
        "beacons": [{"id": b, "title": title()} for b in beacon_ids],
        "currents": [{"id": f"courant-{i + 1}", "title": title(), "text": SENTENCE}
                     for i in range(currents)],
        "sites": [{"id": f"site-{i + 1}", "title": french_title(rng, 40),
                   "text": SENTENCE} for i in range(sites)],
        "imaginaries": [{"id": f"imaginaire-{i + 1}", "title": french_title(rng, 40),
                         "text": SENTENCE} for i in range(imaginaries)],
    }
    if near:  # every other current beside a stage, a beacon or a pillar
        targets = ([s["id"] for s in tree["stages"]] + beacon_ids
                   + [p["id"] for p in tree["pillars"]])
        for i, current in enumerate(tree["currents"]):
            if i % 2 == 0 and targets:
                current["near"] = rng.choice(targets)
    if islands:
        tree["map"]["islands"] = islands
    for kind in ("stages", "pillars", "beacons", "currents", "sites", "imaginaries"):
        if not tree[kind]:
            del tree[kind]
    for entry in tree.get("stages", []) + tree.get("pillars", []):
        if not entry["beacons"]:
            del entry["beacons"]
    for entry in tree.get("pillars", []):
        if not entry["trails"]:
            del entry["trails"]
    return tree


def random_deck_dict(seed: int) -> dict:
    """A deck of random size anywhere in the issue's range."""
    rng = random.Random(10_000 + seed)
    return deck_dict(pillars=rng.randint(1, 8), beacons=rng.randint(1, 12),
                     currents=rng.randint(0, 14), stages=rng.randint(2, 12), seed=seed,
                     sites=rng.randint(0, 8), imaginaries=rng.randint(0, 3),
                     deck_id=f"random-{seed}", near=seed % 2 == 0)


def largest_deck_dict() -> dict:
    """The top of the range on every count at once: 8 pillars (with their trails), 12 beacons,
    14 currents (half of them near an element), 12 stages, 8 sites; titles of random lengths,
    as decks write them."""
    return deck_dict(8, 12, 14, 12, seed=2, deck_id="largest", sites=8, near=True)


def crammed_deck_dict() -> dict:
    """The same with every title near 60 characters: more than an A3 chart holds."""
    return deck_dict(8, 12, 14, 12, seed=1, titles="long", deck_id="crammed", sites=8,
                     near=True)


def smallest_deck_dict() -> dict:
    """The bottom of the range: 1 pillar, 1 beacon, no current, 2 stages."""
    return deck_dict(1, 1, 0, 2, seed=1, titles="short", sites=0, imaginaries=0,
                     deck_id="smallest")


def write_deck(folder: Path, tree: dict) -> Deck:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_deck(path, folder)

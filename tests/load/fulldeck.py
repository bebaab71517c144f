"""A small deck that gives every key of the format once, as plain data, and the paths to them:
the French-keys tests rename each key in turn, the message tests give each a wrong value."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

FULL = {
    "kit": "1",
    "id": "complet",
    "title": "Un deck complet",
    "subtitle": "Chaque clé une fois",
    "language": "fr",
    "territory": {"name": "Pays de Morlaix", "logo": "logo.png"},
    "theme": {"palette": {"stage": "#1d4e89"}, "fonts": {"body": "atkinson-hyperlegible"},
              "cmyk": {"stage": ["100", "60", "0", "20"]}},
    "map": {"seed": "7", "islands": "1", "tagline": "Bon vent", "mention": "Édition 1"},
    "stages": [{"id": "depart", "title": "Départ", "tagline": "On y va", "text": "On part.",
                "beacons": ["carnet"], "map": {"x": "20", "y": "70"}}],
    "pillars": [{"id": "volcan", "title": "Volcan", "text": "Projets.", "landmark": "volcano",
                 "details": "Plus long.",
                 "trails": ["Un sentier", {"text": "Un long sentier", "label": "Court"}],
                 "beacons": ["carnet"], "map": {"x": "50", "y": "50"}}],
    "beacons": [{"id": "carnet", "title": "Carnet", "questions": ["Qui ?"],
                 "tracks": ["Une piste"],
                 "resources": [{"title": "Site", "url": "https://exemple.org/"}],
                 "map": {"x": "30", "y": "30"}}],
    "currents": [{"id": "vite", "title": "Trop vite", "text": "Sans carte.",
                  "avoid": "Prendre le temps.", "near": "depart",
                  "map": {"x": "80", "y": "20"}}],
    "questions": [{"id": "q1", "text": "Avec qui ?", "stage": "depart"},
                  {"id": "q2", "text": "Pour quoi ?", "pillar": "volcan"},
                  {"id": "q3", "text": "Comment ?", "beacon": "carnet"}],
    "sites": [{"id": "halles", "title": "Les halles", "text": "Y passer.",
               "url": "https://exemple.org/halles", "map": {"x": "10", "y": "10"}}],
    "imaginaries": [{"id": "tendre", "title": "Tendre", "text": "Le sentiment.",
                     "url": "https://exemple.org/tendre"}],
    "credits": {"text": "Merci.", "links": [{"title": "Blog", "url": "https://exemple.org/b"}]},
    "canvases": {"equipage": {"title": "Notre équipage", "subtitle": "À trois",
                              "zones": {"premier-equipier": {"title": "Service alimentation",
                                                             "prompt": "Qui ?"}}}},
}


def key_paths(node=FULL, prefix=()) -> list[tuple]:
    """The path (keys and list indexes) of every key of the format in FULL; the keys of the
    mappings whose keys are free (palette, fonts, cmyk, canvas and zone ids) are left out."""
    out = []
    if isinstance(node, dict):
        for key, value in node.items():
            path = (*prefix, key)
            free = prefix[-1:] in (("palette",), ("fonts",), ("cmyk",), ("canvases",),
                                   ("zones",))
            if not free:
                out.append(path)
            out += key_paths(value, path)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                out += key_paths(item, (*prefix, i))
    return out


def renamed(path: tuple, new_name: str) -> dict:
    """FULL with the key at `path` written `new_name`, in the same place."""
    data = copy.deepcopy(FULL)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    items = list(parent.items())
    parent.clear()
    for key, value in items:
        parent[new_name if key == path[-1] else key] = value
    return data


def replaced(path: tuple, value) -> dict:
    """FULL with the value at `path` replaced."""
    data = copy.deepcopy(FULL)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def write(folder: Path, data: dict) -> Path:
    """deck.yaml and its logo in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "logo.png").exists():
        from PIL import Image

        Image.new("RGB", (4, 4), "white").save(folder / "logo.png")
    path = folder / "deck.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path

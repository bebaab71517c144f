"""A file a deck names (the territory's logo): a path inside the deck's folder to an SVG, PNG or
JPEG that can be read, or an error at the deck line that names it."""

from __future__ import annotations

from pathlib import Path

from kit.errors import Collector, Loc
from kit.load.images import image_problem
from kit.resources import deck_file


def deck_asset(errors: Collector, folder: Path, value: str, loc: Loc,
               what: str) -> str | None:
    """The absolute path of a file the deck names (a logo), or None and an error at `loc`:
    inside the deck's folder, an SVG, PNG or JPEG that can be read."""
    path, is_file, wrong = deck_file(folder, value, what)
    if wrong:
        errors.error(loc, wrong)
        return None
    if not is_file:
        errors.error(
            loc, f"{what} : fichier « {value} » introuvable dans le dossier du deck"
        )
        return None
    if path.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
        errors.error(
            loc, f"{what} : format « {path.suffix} » non pris en charge (SVG, PNG ou JPEG)"
        )
        return None
    problem = image_problem(path)  # kit.load.images: empty, wrong type, too large…
    if problem:
        errors.error(loc, f"{what} : « {value} » : {problem}")
        return None
    return str(path)

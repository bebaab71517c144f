"""Where built-in decks and layouts live, and how ./decks and ./layouts override them."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_root() -> Path:
    """The folder holding the built-in decks/ and layouts/.

    An installed wheel carries them in kit/_data (see pyproject.toml); a source checkout or an
    editable install reads them from the repository root.
    """
    packaged = _PACKAGE / "_data"
    if (packaged / "decks").is_dir():
        return packaged
    return _PACKAGE.parent


def search_dirs(kind: str, cwd: Path | None = None) -> list[Path]:
    """Folders to search for decks or layouts ('decks', 'layouts/cards', …), most local first."""
    cwd = (cwd or Path.cwd()).resolve()
    dirs = [cwd / kind, builtin_root() / kind]
    out: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [o.resolve() for o in out]:
            out.append(d)
    return out


def layout_files(kind: str, cwd: Path | None = None) -> dict[str, Path]:
    """Name → YAML file for every layout of a kind ('cards', 'map', 'canvases'); local wins."""
    found: dict[str, Path] = {}
    for folder in reversed(search_dirs(f"layouts/{kind}", cwd)):
        for path in sorted(folder.glob("*.yaml")):
            if "." not in path.stem:  # <name>.<language>.yaml is a variant, not a layout
                found[path.stem] = path
    return dict(sorted(found.items()))


def deck_ids(cwd: Path | None = None) -> dict[str, Path]:
    """Deck id → deck.yaml for every deck in ./decks and the built-in decks; local wins."""
    found: dict[str, Path] = {}
    for folder in reversed(search_dirs("decks", cwd)):
        for path in sorted(folder.glob("*/deck.yaml")):
            found[path.parent.name] = path
    return dict(sorted(found.items()))


def local_deck_ids(cwd: Path | None = None) -> dict[str, Path]:
    """Deck id → deck.yaml for the facilitator's own decks: those in ./decks of the current
    folder, but for copies of the shipped decks (a kit installed from its own folder, as the
    README says, has them in ./decks too)."""
    folder = (cwd or Path.cwd()).resolve() / "decks"
    shipped = builtin_root() / "decks"
    if not folder.is_dir() or folder.resolve() == shipped.resolve():
        return {}
    out = {}
    for path in sorted(folder.glob("*/deck.yaml")):
        twin = shipped / path.parent.name / "deck.yaml"
        try:
            if twin.is_file() and twin.read_bytes() == path.read_bytes():
                continue
        except OSError:
            pass
        out[path.parent.name] = path
    return out


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as the facilitator should read it: relative to the current folder when inside."""
    cwd = (cwd or Path.cwd()).resolve()
    path = Path(path).resolve() if Path(path).exists() else Path(path)
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def deck_file(folder: Path, value: str, what: str) -> tuple[Path, bool, str | None]:
    """A file a deck names (a logo, a workbook), resolved against the deck's folder, symlinks
    included: (its path, whether it is a file, the message when the name is not allowed — an
    absolute path, or one leading out of the deck's folder — else None)."""
    root = folder.resolve()
    if os.path.isabs(value):
        return root, False, (f"{what} : chemin absolu interdit, donnez un chemin dans le"
                             " dossier du deck")
    try:
        path = (folder / value).resolve()
        is_file = path.is_file()
    except (OSError, ValueError, RuntimeError):  # too long a name, a NUL, a symlink loop
        path, is_file = Path(os.path.normpath(root / value)), False
    if root not in path.parents:
        return path, False, f"{what} : « {value} » sort du dossier du deck"
    return path, is_file, None

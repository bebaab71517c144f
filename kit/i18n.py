"""The words the kit prints on paper, from kit/messages/<language>.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_DIR = Path(__file__).resolve().parent / "messages"


def languages() -> list[str]:
    """Every language with a catalogue, French (the default) first."""
    return sorted((p.stem for p in _DIR.glob("*.yaml")), key=lambda code: (code != "fr", code))


@lru_cache(maxsize=8)
def _catalogue(language: str) -> dict:
    path = _DIR / f"{language}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class Messages:
    """`t("card.tracks")` → the text in the deck's language; a missing key is a kit bug."""

    def __init__(self, language: str):
        self.language = language
        self._data = _catalogue(language)

    def __call__(self, key: str) -> str:
        node = self._data
        for part in key.split("."):
            node = node[part]
        return str(node)

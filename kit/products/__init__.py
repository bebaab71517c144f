"""Products: each plans pages from a deck and returns {file name: bytes}, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable] = {}


def _register() -> None:
    from kit.products import cards, map

    BUILDERS["cards"] = cards.build
    BUILDERS["map"] = map.build


_register()

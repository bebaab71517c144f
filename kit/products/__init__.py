"""Products: each plans pages from a deck and returns {file name: bytes}, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable] = {}


def _register() -> None:
    from kit.products import canvases, cards, map

    BUILDERS["cards"] = cards.build
    BUILDERS["map"] = map.build
    BUILDERS["canvases"] = canvases.build


_register()

"""Products: each plans pages from a deck and returns {file name: bytes}, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable] = {}


def _register() -> None:
    from kit.products import canvases, cards, map, site

    BUILDERS["cards"] = cards.build
    BUILDERS["map"] = map.build
    BUILDERS["canvases"] = canvases.build
    BUILDERS["site"] = site.build


_register()

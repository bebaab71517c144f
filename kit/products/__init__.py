"""Products: each plans pages from a deck and returns {file name: bytes}, writing nothing."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping


class _Builders(MutableMapping):
    """{product: build function}, each product's module imported when first asked for: a
    `kit build --only cards` does not pay for the map's or the canvases' imports. A builder
    may be replaced (tests do)."""

    _modules = {"cards": "kit.products.cards", "map": "kit.products.map",
                "canvases": "kit.products.canvases", "site": "kit.products.site"}

    def __init__(self) -> None:
        self._replaced: dict[str, Callable] = {}

    def __getitem__(self, name: str) -> Callable:
        if name in self._replaced:
            return self._replaced[name]
        if name not in self._modules:
            raise KeyError(name)
        return _published(importlib.import_module(self._modules[name]).build)

    def __setitem__(self, name: str, build: Callable) -> None:
        self._replaced[name] = build

    def __delitem__(self, name: str) -> None:
        del self._replaced[name]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._modules), **self._replaced})

    def __len__(self) -> int:
        return len(set(self._modules) | set(self._replaced))


def _published(build: Callable) -> Callable:
    """The product's build, its files declared as the deck's (language, subject, the print
    shop's colours: kit.finish.publishing)."""

    def published(deck, options, *args):
        from kit.finish import publishing

        with publishing(deck):
            return build(deck, options, *args)

    published.__wrapped__ = build
    return published


BUILDERS: MutableMapping[str, Callable] = _Builders()

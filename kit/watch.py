"""`kit watch`: rebuild what a change affects whenever a deck, sheet or layout file changes.

The deck is reloaded after every change; comparing it with the previous one tells which
products need building again (a question edit rebuilds the cards and the canvases, not the
map). Errors are shown and the watch goes on; the last good outputs stay in place.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path

from kit.errors import KitError
from kit.model.deck import ENTITY_KINDS, Deck

#: which products print which kinds of entity
PRINTED_BY = {
    "stages": {"cards", "map", "canvases"},
    "pillars": {"cards", "map", "canvases"},
    "beacons": {"cards", "map", "canvases"},
    "currents": {"cards", "map", "canvases"},
    "questions": {"cards", "canvases"},
    "sites": {"map", "canvases"},
    "imaginaries": {"map", "canvases"},
}
EVERYTHING = {"cards", "map", "canvases"}


def affected_by_deck(old: Deck | None, new: Deck) -> set[str]:
    """The products whose output depends on what changed between two versions of a deck."""
    if old is None:
        return set(EVERYTHING)
    for name in ("id", "title", "subtitle", "language", "territory", "theme", "map", "credits"):
        if getattr(old, name) != getattr(new, name):
            return set(EVERYTHING)
    out: set[str] = set()
    for kind in ENTITY_KINDS:
        if _entities(getattr(old, kind)) != _entities(getattr(new, kind)):
            out |= PRINTED_BY[kind]
    return out


def _entities(items) -> list[tuple]:
    # compare what is printed, not where it was written
    return [tuple(getattr(e, f.name) for f in fields(e) if f.compare) for e in items]


def affected_by_layouts(paths: Iterable[Path]) -> set[str]:
    """Products whose layout files changed (layouts/cards, layouts/map, layouts/canvases)."""
    out = set()
    for p in paths:
        parts = Path(p).parts
        for kind, product in (("cards", "cards"), ("map", "map"), ("canvases", "canvases")):
            if "layouts" in parts and kind in parts:
                out.add(product)
    return out


def rebuild(deck: Deck, out_dir: Path, options, products: set[str]) -> list[Path]:
    """Build only `products` (no preflight, no guide: `kit build` does the full check)."""
    from kit import finish
    from kit.products import BUILDERS
    from kit.render import fonts

    fonts.use_deck_fonts(dict(deck.theme.fonts))
    files: dict[str, bytes] = {}
    problems = []
    for name in ("cards", "map", "canvases"):
        if name in products:
            try:
                files.update(BUILDERS[name](deck, options))
            except KitError as exc:
                problems += exc.diagnostics
    if problems:
        raise KitError(problems)
    return finish.write_outputs(out_dir / deck.id, files)


def watch(ref, out_dir: Path, options, echo: Callable[[str], None],
          cwd: Path | None = None, stop=None) -> None:
    """Build once, then rebuild on every change until interrupted (or `stop` is set)."""
    import watchfiles

    from kit.load.deck import load_deck, resolve_deck
    from kit.resources import display_path

    cwd = (cwd or Path.cwd()).resolve()
    path = resolve_deck(ref, cwd)
    wanted = set(options.only) if options.only else set(EVERYTHING)
    previous: Deck | None = None

    def run(deck: Deck, products: set[str], start: float) -> None:
        nonlocal previous
        try:
            written = rebuild(deck, out_dir, options, products & wanted)
        except KitError as exc:
            for d in exc.diagnostics:
                echo(str(d))
            echo("erreurs : les fichiers précédents restent en place ; j'attends la correction.")
            return
        previous = deck
        what = ", ".join(sorted(products & wanted))
        echo(f"reconstruit en {time.perf_counter() - start:.2f} s : {what}"
             f" ({len(written)} fichiers dans {display_path(out_dir / deck.id, cwd)})")

    start = time.perf_counter()
    run(load_deck(path, cwd), set(EVERYTHING), start)
    watched = [path.parent]
    local_layouts = cwd / "layouts"
    if local_layouts.is_dir():
        watched.append(local_layouts)
    echo(f"je surveille {', '.join(display_path(w, cwd) for w in watched)} (Ctrl-C pour arrêter)")
    for changes in watchfiles.watch(*watched, step=30, debounce=400, stop_event=stop,
                                    watch_filter=_relevant, raise_interrupt=False):
        start = time.perf_counter()
        changed = [Path(p) for _, p in changes]
        try:
            deck = load_deck(path, cwd)
        except KitError as exc:
            for d in exc.diagnostics:
                echo(str(d))
            echo("erreurs : les fichiers précédents restent en place.")
            continue
        products = affected_by_layouts(changed) | affected_by_deck(previous, deck)
        if products & wanted:
            run(deck, products, start)


def _relevant(change, path: str) -> bool:
    name = Path(path).name
    if name.startswith(".") or name.endswith((".tmp", "~", ".swp")):
        return False
    return name.endswith((".yaml", ".yml", ".csv", ".xlsx", ".svg", ".png", ".jpg", ".jpeg"))


"""`kit watch`: rebuild what a change affects whenever a deck, sheet, image or layout changes.

The deck is reloaded after every change; comparing it with the previous one tells which
products need building again (a question edit rebuilds the cards and the canvases, not the
map). The folders watched are the deck's and those of every deck it extends, so an edit of
the base deck shows too. Errors are shown and the watch goes on; the last good outputs stay in
place; the first good build after an error says « corrigé ».

Watch holds the state and takes one batch of changed paths at a time (`changed`), so it can be
driven without a file system watcher; `watch` feeds it from watchfiles.
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
IMAGES = (".svg", ".png", ".jpg", ".jpeg")
#: products that draw the territory's logo (the chart's cartouche and the guide's cover)
DRAW_THE_LOGO = {"map"}


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


def affected_by_images(paths: Iterable[Path], deck: Deck) -> set[str]:
    """The products that draw an image file that changed (the deck's path to it did not)."""
    logo = deck.territory.logo
    if not logo:
        return set()
    logo_path = Path(logo).resolve()
    if any(Path(p).suffix.lower() in IMAGES and Path(p).resolve() == logo_path for p in paths):
        return set(DRAW_THE_LOGO)
    return set()


def rebuild(deck: Deck, out_dir: Path, options, products: set[str],
            deck_path: Path | None = None) -> list[Path]:
    """Build only `products` (no preflight, no guide: `kit build` does the full check); the
    output folder's manifest remembers them, for the next printing guide."""
    from kit import finish, outputs
    from kit.products import BUILDERS
    from kit.render import fonts

    fonts.use_deck_fonts(dict(deck.theme.fonts))
    target = Path(out_dir) / deck.id
    if deck_path is not None:
        outputs.check_owner(target, deck_path, deck.loc)
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
    written = finish.write_outputs(target, files)
    manifest = outputs.Manifest.read(target)
    if deck_path is not None:
        manifest.deck = outputs.deck_token(deck_path)
    manifest.record(list(files), options)
    try:
        finish.atomic_write(target / outputs.MANIFEST, manifest.to_bytes())
    except OSError:
        pass  # the PDFs are there; only the next printing guide's notes would miss them
    return written


class Watch:
    """One `kit watch`: the deck, the last good version built, and whether the last change
    ended in an error."""

    def __init__(self, ref, out_dir: Path, options, echo: Callable[[str], None],
                 cwd: Path | None = None):
        from kit.load.deck import resolve_deck

        self.cwd = (cwd or Path.cwd()).resolve()
        self.path = resolve_deck(ref, self.cwd)
        self.out_dir = Path(out_dir)
        self.options = options
        self.echo = echo
        self.wanted = set(options.only) if options.only else set(EVERYTHING)
        self.previous: Deck | None = None
        self.failing = False
        self.watched: list[Path] = []

    def folders(self) -> list[Path]:
        """The folders of the deck and of every deck it extends, and ./layouts."""
        from kit.load.deck import extends_chain

        out: list[Path] = []
        for deck_file in extends_chain(self.path, self.cwd):
            if deck_file.parent not in out:
                out.append(deck_file.parent)
        if (self.cwd / "layouts").is_dir():
            out.append(self.cwd / "layouts")
        return out

    def describe(self) -> str:
        from kit.resources import display_path

        shown = [display_path(f, self.cwd) + ("" if k == 0 or f.name == "layouts"
                                              else " (deck de base)")
                 for k, f in enumerate(self.watched)]
        return f"je surveille {', '.join(shown)} (Ctrl-C pour arrêter)"

    def start(self) -> None:
        """The first build, of everything watched."""
        from kit.load.deck import load_deck

        self.watched = self.folders()
        start = time.perf_counter()
        try:
            deck = load_deck(self.path, self.cwd)
        except KitError as exc:
            self._failed(exc)
            return
        self._build(deck, set(EVERYTHING), start, [], first=True)

    def changed(self, paths: list[Path]) -> bool:
        """Handle one batch of changed files; True when the folders to watch changed (an
        `extends` that now names another deck)."""
        from kit.load.deck import load_deck

        start = time.perf_counter()
        folders = self.folders()
        moved = folders != self.watched
        self.watched = folders
        try:
            deck = load_deck(self.path, self.cwd)
        except KitError as exc:
            self._failed(exc)
            return moved
        products = (affected_by_layouts(paths) | affected_by_deck(self.previous, deck)
                    | affected_by_images(paths, deck))
        if products & self.wanted:
            self._build(deck, products, start, paths)
        elif self.failing:
            self.failing = False
            self.previous = deck
            self.echo("corrigé : le deck est de nouveau bon, et les fichiers en place sont à"
                      " jour (rien à reconstruire)")
        return moved

    def _build(self, deck: Deck, products: set[str], start: float, paths: list[Path],
               first: bool = False) -> None:
        from kit.resources import display_path

        try:
            written = rebuild(deck, self.out_dir, self.options, products & self.wanted,
                              self.path)
        except KitError as exc:
            self._failed(exc)
            return
        self.previous = deck
        what = ", ".join(sorted(products & self.wanted))
        done = (f"{'construit' if first else 'reconstruit'} en"
                f" {time.perf_counter() - start:.2f} s : {what}"
                f" ({len(written)} fichiers dans {display_path(self.out_dir / deck.id, self.cwd)})")
        if self.failing:
            self.failing = False
            done = f"corrigé — {done}"
        self.echo(done)

    def _failed(self, exc: KitError) -> None:
        for d in exc.diagnostics:
            self.echo(str(d))
        self.failing = True
        self.echo("erreurs : les fichiers précédents restent en place ; j'attends la correction.")


def watch(ref, out_dir: Path, options, echo: Callable[[str], None],
          cwd: Path | None = None, stop=None) -> None:
    """Build once, then rebuild on every change until interrupted (or `stop` is set)."""
    import watchfiles

    state = Watch(ref, out_dir, options, echo, cwd)
    state.start()
    outputs = (state.cwd / out_dir).resolve()

    def relevant(change, path: str) -> bool:
        # the kit's own outputs (an --out inside a watched folder) never trigger a rebuild
        return _relevant(change, path) and not Path(path).resolve().is_relative_to(outputs)

    while True:
        echo(state.describe())
        for changes in watchfiles.watch(*state.watched, step=30, debounce=400,
                                        stop_event=stop, watch_filter=relevant,
                                        raise_interrupt=False):
            if state.changed([Path(p) for _, p in changes]):
                break  # the deck extends another one now: watch its folder instead
        else:
            return  # stopped


def _relevant(change, path: str) -> bool:
    name = Path(path).name
    if name.startswith(".") or name.endswith((".tmp", "~", ".swp")):
        return False
    return name.endswith((".yaml", ".yml", ".csv", ".xlsx", ".ods", *IMAGES))

"""One build, from a loaded deck to files on disk, and the same path without the disk.

`kit build` plans every product, renders it, checks it, writes the printing guide and writes
the files. `kit validate` runs the very same planning with rendering switched off
(kit.finish.planning_only): every text the build would fit is fitted, every overflow the build
would report is reported, and nothing is rendered or written.
"""

from __future__ import annotations

from pathlib import Path

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.model.deck import Deck

PRODUCTS = ("cards", "map", "canvases", "site")
#: what `kit build` makes without --only; the web catalogue is asked for by name
DEFAULT_PRODUCTS = ("cards", "map", "canvases")


def plan_products(deck: Deck, options, out_dir: Path, step=None) -> dict[str, bytes]:
    """Every product `options` asks for, laid out (and rendered, unless planning only):
    {file name: bytes}. Every product's problems are reported together."""
    from kit import products
    from kit.layout.text import MissingGlyph, Overflow

    step = step or (lambda name: None)
    wanted = options.only or DEFAULT_PRODUCTS
    files: dict[str, bytes] = {}
    problems: list = []
    for name in PRODUCTS:
        if name not in wanted:
            continue
        step(name)
        try:
            if name == "site":
                # the catalogue links to every PDF of the deck: built now or already there
                target = Path(out_dir) / deck.id
                present = {str(p.relative_to(target)) for p in target.rglob("*.pdf")} \
                    if target.is_dir() else set()
                pdfs = sorted(present | {n for n in files if n.endswith(".pdf")})
                files.update(products.BUILDERS[name](deck, options, pdfs))
            else:
                files.update(products.BUILDERS[name](deck, options))
        except KitError as exc:
            problems += exc.diagnostics
        except (Overflow, MissingGlyph) as exc:  # a layout step that did not say which text
            problems.append(layout_problem(deck, name, exc))
    if problems:
        raise KitError(problems)
    return files


def plan_printing_guide(deck: Deck, files: dict, options, summary: str | None,
                        entries=None, earlier: dict | None = None) -> object:
    """The printing guide's Document, for these files (and those earlier builds left)."""
    from kit.layout.text import MissingGlyph, Overflow
    from kit.products.printing import plan_guide
    from kit.render import fonts

    try:
        return plan_guide(deck, {**(earlier or {}), **files}, options, fonts.measure, summary,
                          entries)
    except (Overflow, MissingGlyph) as exc:
        raise KitError(layout_problem(deck, "guide", exc)) from None


def check_fit(deck: Deck, options) -> list[Diagnostic]:
    """What `kit build` with these options would refuse, found by planning every product and
    the printing guide without rendering or writing anything: [] when it would build."""
    from kit import finish
    from kit.products.printing import guide_name

    with finish.planning_only():
        try:
            files = plan_products(deck, options, Path("output"))
            if any(name.endswith(".pdf") for name in files):
                summary = Messages(deck.language)("preflight.ok")
                guide = plan_printing_guide(deck, files, options, summary)
                files[guide_name(deck.language)] = finish.pdf_bytes(guide)
        except KitError as exc:
            return list(exc.diagnostics)
    return []


def layout_problem(deck: Deck, product: str, exc: Exception) -> Diagnostic:
    """A text that cannot be set, reported by a product that did not cite its deck line:
    still a located message, never a traceback."""
    from kit.layout.text import MissingGlyph

    what = {"cards": "les cartes à jouer", "map": "la carte de poche",
            "canvases": "les canevas", "site": "le catalogue web",
            "guide": "le guide d'impression"}.get(product, product)
    if isinstance(exc, MissingGlyph):
        return Diagnostic(deck.loc, f"{what} : caractère « {exc.char} » (U+{ord(exc.char):04X})"
                                    " absent des polices du kit ; remplacez-le")
    word = exc.longest_word
    shown = f" : le mot « {word[:30]}{'…' if len(word) > 30 else ''} »" if word else ""
    where = f", champ « {exc.field} »" if exc.field else ""
    return Diagnostic(deck.loc, f"{what}{where} : un texte ne tient pas ({exc.needed:.0f} mm"
                                f" pour {exc.available:.0f} mm disponibles){shown} ;"
                                " raccourcissez-le ou coupez les mots très longs")

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
from kit.resources import display_path

PRODUCTS = ("cards", "map", "canvases", "site")
#: what `kit build` makes without --only; the web catalogue is asked for by name
DEFAULT_PRODUCTS = ("cards", "map", "canvases")


def plan_products(deck: Deck, options, out_dir: Path, step=None) -> dict[str, bytes]:
    """Every product `options` asks for, laid out (and rendered, unless planning only):
    {file name: bytes}. Every product's problems are reported together.

    When rendering, the map, the cards and the canvases are made side by side on the
    machine's cores (kit.parallel), each checked where it was made (so that only bytes and
    the check's outcome travel back); the same bytes as one after the other (tested)."""
    from kit import finish, products
    from kit.layout.text import MissingGlyph, Overflow
    from kit.parallel import map_forked

    step = step or (lambda name: None)
    wanted = options.only or DEFAULT_PRODUCTS
    files: dict[str, bytes] = {}
    problems: list = []
    planning = finish.planning()

    def made_by(name: str, *args) -> tuple[dict, list]:
        """(files, problems) of one product."""
        try:
            return products.BUILDERS[name](deck, options, *args), []
        except KitError as exc:
            return {}, list(exc.diagnostics)
        except (Overflow, MissingGlyph) as exc:  # a layout step that did not say which text
            return {}, [layout_problem(deck, name, exc)]

    def one(name: str) -> tuple[dict, list]:
        made, found = made_by(name)
        if not planning:
            made = {file: finish.checked(data, file) if file.endswith(".pdf") else data
                    for file, data in made.items()}
        return made, found

    # the longest first: each process takes the next one left
    together = [name for name in SIDE_BY_SIDE if name in wanted]
    for name in together:
        step(name)
    outcomes = dict(zip(together, (map_forked if not planning else _loop)(one, together),
                        strict=True))
    for name in PRODUCTS:
        if name not in wanted:
            continue
        if name in outcomes:
            made, found = outcomes[name]
        else:  # the web catalogue links to every PDF of the deck: built now or already there
            step(name)
            target = Path(out_dir) / deck.id
            present = {str(p.relative_to(target)) for p in target.rglob("*.pdf")} \
                if target.is_dir() else set()
            made, found = made_by(name, sorted(present | {n for n in files
                                                          if n.endswith(".pdf")}))
        files.update(made)
        problems += found
    if problems:
        raise KitError(problems)
    return files


#: the products made side by side, the longest first (the web catalogue comes after them)
SIDE_BY_SIDE = ("map", "cards", "canvases")


def _loop(fn, items):
    return [fn(item) for item in items]


def plan_printing_guide(deck: Deck, files: dict, options, summary: str | None,
                        entries=None, earlier: dict | None = None, report=None) -> object:
    """The printing guide's Document, for these files (and those earlier builds left);
    report (kit.preflight.Report): what the build's check found, which the guide says."""
    from kit.layout.text import MissingGlyph, Overflow
    from kit.products.printing import plan_guide
    from kit.render import fonts

    try:
        return plan_guide(deck, {**(earlier or {}), **files}, options, fonts.measure, summary,
                          report, entries)
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
                with finish.publishing(deck):
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


def build(ref: str | Path | None, out_dir: Path, options, cwd: Path | None = None,
          progress=None, announce=None):
    """kit.api.build_deck's work: load, check the output folder is this deck's, plan and
    render, check, plan the printing guide, write. Returns a kit.api.BuildResult."""
    from kit import finish, outputs
    from kit.api import BuildResult, _check_source_date_epoch, check_glyphs
    from kit.load.deck import load_deck, resolve_deck
    from kit.products.printing import guide_name
    from kit.render import fonts

    step = progress or (lambda name: None)
    _check_source_date_epoch()
    finish.check_output_dir(Path(out_dir))
    step("deck")
    cwd = (cwd or Path.cwd()).resolve()
    path = Path(ref).resolve() if isinstance(ref, Path) else resolve_deck(ref, cwd)
    deck = load_deck(path, cwd)
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    check_glyphs(deck)
    target = Path(out_dir) / deck.id
    outputs.check_owner(target, path, deck.loc, cwd)
    if announce is not None:
        announce(building_line(deck, path, target, ref is None, cwd))
    files = plan_products(deck, options, out_dir, step)
    report = None
    guide = guide_name(deck.language)
    if any(name.endswith(".pdf") for name in files):
        # check what we are about to write, then say so in the printing guide
        from kit.preflight import Report, check_built

        step("preflight")
        report = Report(problems=[])
        for name, data in sorted(files.items()):
            if name.endswith(".pdf"):
                found, pages = check_built(data, str(target / name))
                report.files += 1
                report.pages += pages
                report.problems += found
        step("guide")
        # the guide describes every file of the folder: this build's and the earlier ones'
        entries = outputs.folder_entries(target, [*files, guide], options, guide)
        plan = plan_printing_guide(deck, files, options,
                                   report.printed_summary(Messages(deck.language)), entries,
                                   outputs.earlier_files(target, entries), report)
        with finish.publishing(deck):
            files[guide] = finish.pdf_bytes(plan, {"body": None, "display": None})
    step("write")
    manifest = outputs.Manifest.read(target)
    manifest.deck = outputs.deck_token(path)
    written = outputs.write_build(target, files, guide, manifest, options)
    # paths as the facilitator reads them: from the folder the command runs in
    notes = [str(note) for note in deck.notes]  # what a remove took along
    result = BuildResult(deck, [display_path(p) for p in written], notes, report,
                         source=deck_source(path),
                         guide=display_path(target / guide) if guide in files else None)
    if report is not None:
        result.notes += [str(p) for p in report.problems] + [report.summary()]
    if not written:  # say so, rather than finish in silence
        wanted = options.only or DEFAULT_PRODUCTS
        result.notes.append(f"rien à construire : le deck « {deck.id} » n'a aucun élément pour"
                            f" {', '.join(p for p in PRODUCTS if p in wanted)}")
    return result


def building_line(deck: Deck, path: Path, target: Path, default: bool,
                  cwd: Path | None = None) -> str:
    """« deck « morlaix » (decks/morlaix/deck.yaml) → output/morlaix/ », and for a bare
    `kit build`, that the shipped deck was taken by default and which decks are here."""
    line = (f"deck « {deck.id} » ({deck_source(path, cwd)}) →"
            f" {display_path(target, cwd)}{'/' if not str(target).endswith('/') else ''}")
    if default:
        from kit.load.deck import DEFAULT_DECK
        from kit.resources import local_deck_ids

        mine = sorted(local_deck_ids(cwd))
        line += (f"\nsans DECK, je construis le deck « {DEFAULT_DECK} » ; pour le vôtre :"
                 f" kit build {mine[0] if mine else 'mon-deck'}")
        if mine:
            line += f" (vos decks dans ./decks/ : {', '.join(mine)})"
        if ((cwd or Path.cwd()) / "deck.yaml").is_file():
            line += ("\nce dossier est celui d'un deck : lancez kit depuis le dossier qui"
                     " contient decks/, ou donnez-lui ce dossier (kit build .)")
    return line


def deck_source(path: Path, cwd: Path | None = None) -> str:
    """Where a deck was found, in words: « decks/morlaix/deck.yaml » or « deck fourni avec le
    kit »."""
    from kit.resources import builtin_root

    path = Path(path).resolve()
    if path.parent.parent == (builtin_root() / "decks").resolve():
        return "deck fourni avec le kit"
    return display_path(path, cwd)

"""The `kit` command: thin click commands over the library; KitError → messages and exit 1."""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
from pathlib import Path

import click

from kit import __version__
from kit.errors import KitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Interrupts:
    """The SIGINT handler while a command runs: Python's own, but remembered, because a
    library may catch the KeyboardInterrupt and fail otherwise (reportlab then raises a
    KeyError): that failure is still an interruption, not an internal error."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, signum, frame):
        self.seen = True
        raise KeyboardInterrupt


def _interrupted() -> None:
    click.echo("interrompu : rien n'a été écrit à moitié.", err=True)
    sys.exit(130)


def _interrupted_outside_a_command(signum, frame) -> None:
    """SIGINT while click parses the arguments or after the command is done: click would turn
    the KeyboardInterrupt into "Aborted!" and exit 1; it is an interruption like any other."""
    _interrupted()


def run() -> None:
    """The `kit` console script and `python -m kit`. A command installs its own handler
    (reports_errors); around it, an interruption still exits 130, never 1."""
    signal.signal(signal.SIGINT, _interrupted_outside_a_command)
    main()


def reports_errors(fn):
    """Turn KitError into its messages on stderr and exit status 1; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        interrupts = _Interrupts()
        try:
            previous = signal.signal(signal.SIGINT, interrupts)
        except ValueError:  # not the main thread: signals are not ours to handle
            previous = None
        try:
            return _run(fn, interrupts, *args, **kwargs)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    return wrapper


def _run(fn, interrupts: _Interrupts, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except KitError as exc:
        for d in exc.diagnostics:
            click.echo(str(d), err=True)
        n = len(exc.diagnostics)
        tail = " : rien n'a été écrit." if fn.__name__ == "build" else "."
        click.echo(f"{n} erreur{'s' if n > 1 else ''}{tail}", err=True)
        sys.exit(1)
    except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
        raise
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:  # a bug of the kit, not of the deck
        if interrupts.seen:
            _interrupted()
        if os.environ.get("KIT_DEBUG"):
            raise
        click.echo(
            f"erreur interne du kit ({type(exc).__name__}: {exc}). "
            "Relancez avec KIT_DEBUG=1 pour le détail et signalez-la.",
            err=True,
        )
        sys.exit(1)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kit")
def main() -> None:
    """Mettre en page un kit de coopération territoriale : carte, cartes questions, canevas.

    Un deck est un dossier decks/<id>/ avec un fichier deck.yaml. Sans DECK, les commandes
    prennent le deck « cooperation ».
    """


deck_argument = click.argument("deck", required=False, metavar="[DECK]")


def _json_out(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--json", "as_json", is_flag=True, help="Une sortie JSON pour les scripts.")
@reports_errors
def validate(deck: str | None, as_json: bool) -> None:
    """Vérifier un deck : toutes les erreurs d'un coup, ou un résumé d'une ligne.

    DECK est un identifiant, un dossier de deck ou un fichier deck.yaml.
    """
    from kit.api import summary, validation_report

    report = validation_report(deck)
    if as_json:
        _json_out({k: report[k] for k in ("deck", "valid", "counts", "errors")})
        sys.exit(0 if report["valid"] else 1)
    if not report["valid"]:
        raise KitError(report["diagnostics"])
    click.echo(summary(report))


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True,
              help="Dossier de sortie ; le kit écrit dans DOSSIER/<id du deck>/.")
@click.option("--only", "only", multiple=True,
              type=click.Choice(["map", "cards", "canvases", "site"], case_sensitive=False),
              help="Ne construire que ceci (répétable) ; « site » : le catalogue web.")
@click.option("--profile", type=click.Choice(["office", "press"]), default="office",
              show_default=True, help="office : imprimante de bureau ; press : imprimeur.")
@click.option("--paper", type=click.Choice(["A4", "A3", "letter"], case_sensitive=False),
              default="A4", show_default=True, help="Papier des planches.")
@click.option("--format", "card_format", default=None,
              help="Format des cartes (voir kit list) ; poker par défaut, A5 en gros caractères.")
@click.option("--duplex", type=click.Choice(["long-edge", "short-edge"]), default="long-edge",
              show_default=True, help="Retournement du recto-verso des cartes.")
@click.option("--bleed", type=click.FloatRange(2, 5), default=3.0, show_default=True,
              help="Fond perdu en mm (profil press).")
@click.option("--back-offset", default="0,0", show_default=True, metavar="X,Y",
              help="Décalage des versos en mm, mesuré avec --calibration.")
@click.option("--gutter", type=click.FloatRange(0, 10), default=3.0, show_default=True,
              metavar="MM", help="Espace entre les cartes des planches de bureau, en mm ; le fond"
                                 " des cartes y déborde (0 : cartes jointives).")
@click.option("--calibration", is_flag=True, help="Ajouter la planche de calibration recto-verso.")
@click.option("--fold", default="half-concertina", show_default=True,
              help="Pliage de la carte (voir kit list).")
@click.option("--canvas-size", type=click.Choice(["A4", "A3", "A2", "A1", "A0"]), default="A3",
              show_default=True, help="Format des canevas.")
@click.option("--tile", type=click.Choice(["A4", "A3"]), default=None,
              help="Découper chaque canevas en feuilles A4 ou A3 à assembler.")
@click.option("--overlap", type=click.FloatRange(5, 30), default=10.0, show_default=True,
              help="Bande de collage entre feuilles, en mm (avec --tile).")
@click.option("--large-print", is_flag=True,
              help="Gros caractères : cartes et guide en 14 pt ou plus (cartes A5, guide en"
                   " livret A5).")
@click.option("--quiet", "-q", is_flag=True, help="N'afficher que les erreurs.")
@click.option("--json", "as_json", is_flag=True,
              help="Une sortie JSON pour les scripts (fichiers écrits, contrôle, erreurs).")
@reports_errors
def build(deck: str | None, out_dir: Path, only: tuple[str, ...], profile: str, paper: str,
          card_format: str, duplex: str, bleed: float, back_offset: str, gutter: float,
          calibration: bool, fold: str, canvas_size: str, tile: str | None,
          overlap: float, large_print: bool, quiet: bool, as_json: bool) -> None:
    """Construire les PDF d'un deck dans DOSSIER/<id>/."""
    from kit.api import BuildOptions, build_deck, build_steps

    options = BuildOptions(
        only=tuple(o.lower() for o in only),
        profile=profile,
        paper=paper.upper() if paper.lower() != "letter" else "letter",
        card_format=card_format or ("a5" if large_print else "poker"),
        duplex=duplex,
        bleed=bleed,
        back_offset=_parse_offset(back_offset),
        gutter=gutter,
        calibration=calibration,
        fold=fold,
        canvas_size=canvas_size,
        tile=tile,
        overlap=overlap,
        large_print=large_print,
    )
    if as_json:
        try:
            result = build_deck(deck, out_dir, options)
        except KitError as exc:
            _json_out({"deck": deck, "ok": False, "written": [],
                       "errors": [d.as_json() for d in exc.diagnostics]})
            sys.exit(1)
        report = result.preflight
        _json_out({
            "deck": result.deck.id, "ok": True, "written": result.written,
            "preflight": None if report is None else {
                "files": report.files, "pages": report.pages,
                "problems": [{"file": p.file, "page": p.page, "message": p.message}
                             for p in report.problems]},
            "errors": [],
        })
        return
    show_bar = not quiet and sys.stderr.isatty()
    if show_bar:
        with click.progressbar(length=build_steps(options), label="construction",
                               file=sys.stderr, show_eta=False,
                               item_show_func=lambda s: s) as bar:
            result = build_deck(deck, out_dir, options, progress=lambda s: bar.update(1, s))
    else:
        result = build_deck(deck, out_dir, options)
    if quiet:
        return
    for path in result.written:
        click.echo(f"écrit {path}")
    for line in result.notes:
        click.echo(line)


def _parse_offset(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.replace(" ", "").split(","))
    except ValueError:
        raise click.BadParameter(f"« {text} » : attendu X,Y en mm, par ex. 0.5,-1") from None
    if abs(x) > 10 or abs(y) > 10:
        raise click.BadParameter("décalage de plus de 10 mm : mesurez à nouveau la calibration")
    return (x, y)


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def preflight(paths: tuple[Path, ...]) -> None:
    """Contrôler des PDF déjà construits (fichiers ou dossiers), comme un imprimeur.

    Polices incorporées, boîtes (TrimBox, BleedBox), texte sous 7 pt, RVB dans un fichier
    imprimeur, encre dans la marge non imprimable d'un fichier bureau, format des pages.
    Le profil (bureau ou imprimeur) se déduit de chaque fichier.
    """
    from kit.preflight import preflight as run

    report = run(list(paths))
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary())
    sys.exit(1 if report.problems else 0)


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True,
              help="Dossier de sortie ; les images vont dans DOSSIER/<id>/apercu/.")
@click.option("--dpi", type=click.IntRange(20, 300), default=60, show_default=True,
              help="Résolution des images.")
@reports_errors
def preview(deck: str | None, out_dir: Path, dpi: int) -> None:
    """Construire le kit et en faire des images PNG, plus une planche contact."""
    from kit.api import BuildOptions, build_deck
    from kit.finish import write_outputs
    from kit.preview import preview_folder

    result = build_deck(deck, out_dir, BuildOptions())
    folder = out_dir / result.deck.id
    images = preview_folder(folder, dpi)
    written = write_outputs(folder / "apercu", images)
    click.echo(f"{len(written)} images dans {folder / 'apercu'} (planche : contact-sheet.png)")


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True, help="Dossier de sortie.")
@click.option("--only", "only", multiple=True,
              type=click.Choice(["map", "cards", "canvases"], case_sensitive=False),
              help="Ne surveiller que ceci (répétable).")
@reports_errors
def watch(deck: str | None, out_dir: Path, only: tuple[str, ...]) -> None:
    """Reconstruire à chaque modification du deck, d'un tableur ou d'une mise en page.

    Seul ce que la modification touche est refait ; une erreur s'affiche sans arrêter la
    surveillance. « kit build » fait ensuite le contrôle complet et le guide d'impression.
    """
    from kit.api import BuildOptions
    from kit.watch import watch as run

    run(deck, out_dir, BuildOptions(only=tuple(o.lower() for o in only)), click.echo)


@main.command(context_settings=CONTEXT)
@click.argument("base")
@click.argument("deck")
@click.option("--json", "as_json", is_flag=True, help="Une sortie JSON pour les scripts.")
@reports_errors
def diff(base: str, deck: str, as_json: bool) -> None:
    """Comparer deux decks : éléments ajoutés, modifiés (quels champs) et retirés, par id."""
    from kit.api import diff_decks
    from kit.model.schema import ENTITY_KIND_NAMES

    result = diff_decks(base, deck)
    if as_json:
        _json_out(result)
        return
    click.echo(f"« {result['deck']} » par rapport à « {result['base']} » :")
    if result["deck_fields"]:
        click.echo(f"  en-tête modifié : {', '.join(result['deck_fields'])}")
    for sign, key in (("+", "added"), ("~", "changed"), ("-", "removed")):
        for row in result[key]:
            noun = ENTITY_KIND_NAMES[row["kind"]]
            detail = f" ({', '.join(row['fields'])})" if "fields" in row else \
                f" (avec « {row['with']} »)" if "with" in row else ""
            click.echo(f"  {sign} {noun} {row['id']}{detail}")
    n = sum(len(result[k]) for k in ("added", "changed", "removed"))
    if not n and not result["deck_fields"]:
        click.echo("  aucune différence")


@main.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--from", "base", default="cooperation", show_default=True,
              help="Deck de base à étendre.")
@reports_errors
def new(name: str, base: str) -> None:
    """Créer decks/NAME/deck.yaml, un deck de territoire qui étend un deck de base."""
    from kit.api import new_deck

    path = new_deck(name, base)
    click.echo(f"écrit {path} : modifiez-le puis lancez « kit validate {name} ».")


@main.command("export-sheet", context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_file", required=True, metavar="FICHIER.ods|.xlsx",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Classeur à écrire, LibreOffice (.ods) ou Excel (.xlsx) ; remplacé s'il"
                   " existe.")
@reports_errors
def export_sheet(deck: str | None, out_file: Path) -> None:
    """Exporter les éléments d'un deck dans un classeur ODS ou XLSX, une feuille par type.

    Étapes, piliers, balises, courants, questions, sites et imaginaires : une ligne par
    élément, une colonne par champ, nommées dans la langue du deck. Le classeur se relit tel
    quel depuis un deck.yaml, par exemple « questions: {fichier: deck.ods} ».
    """
    from kit.api import export_sheet as export

    path = export(deck, out_file)
    click.echo(f"écrit {path}")


@main.command(context_settings=CONTEXT)
def schema() -> None:
    """Afficher le schéma JSON du format de deck (pour VS Code)."""
    from kit.model.schema import json_schema

    _json_out(json_schema())


@main.command("list", context_settings=CONTEXT)
@reports_errors
def list_() -> None:
    """Lister les decks, formats de cartes, pliages et canevas disponibles."""
    from kit.api import catalogue

    for heading, rows in catalogue().items():
        click.echo(f"{heading} :")
        for name, description in rows:
            click.echo(f"  {name:<22} {description}")

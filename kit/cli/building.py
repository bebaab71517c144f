"""`kit build`, `kit preview` and `kit watch`: the commands that make files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kit.cli import CONTEXT, main, reports_errors
from kit.errors import KitError

deck_argument = click.argument("deck", required=False, metavar="[DECK]")


def choice(*values: str) -> click.Choice:
    """A choice typed in any case: --canvas-size a2, --profile PRESS."""
    return click.Choice(values, case_sensitive=False)


def layout_name(kind: str, value: str | None) -> str | None:
    """A card format or fold scheme as typed (« A6 », « Road-Map ») → its file's name."""
    if value is None:
        return None
    from kit.resources import layout_files

    for name in layout_files(kind):
        if name.lower() == value.strip().lower():
            return name
    return value.strip()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _parse_offset(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.replace(" ", "").split(","))
    except ValueError:
        raise click.BadParameter(f"« {text} » : attendu X,Y en mm, par ex. 0.5,-1") from None
    if abs(x) > 10 or abs(y) > 10:
        raise click.BadParameter("décalage de plus de 10 mm : mesurez à nouveau la calibration")
    return (x, y)


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="DOSSIER",
              default=Path("output"), show_default=True,
              help="Dossier de sortie ; le kit écrit dans DOSSIER/<id du deck>/.")
@click.option("--only", "only", multiple=True, type=choice("map", "cards", "canvases", "site"),
              help="Ne construire que ceci (répétable) ; « site » : le catalogue web. Les"
                   " fichiers des autres produits, construits avant, restent en place.")
@click.option("--cards", "cards", metavar="CHOIX",
              help="Seulement ces cartes, pour en réimprimer quelques-unes : identifiants"
                   " séparés par des virgules, une sorte (etapes, piliers, balises, courants,"
                   " questions) ou un numéro (question:17) ; écrit cards-selection.pdf.")
@click.option("--profile", type=choice("office", "press"), default="office",
              show_default=True, help="office : imprimante de bureau ; press : imprimeur.")
@click.option("--paper", type=choice("A4", "A3", "letter"), default="A4", show_default=True,
              help="Papier des planches.")
@click.option("--format", "card_format", default=None, metavar="FORMAT",
              help="Format des cartes (voir kit list) ; poker par défaut, A5 en gros caractères.")
@click.option("--duplex", type=choice("long-edge", "short-edge"), default="long-edge",
              show_default=True, help="Retournement du recto-verso des cartes.")
@click.option("--bleed", type=click.FloatRange(2, 5), default=3.0, show_default=True,
              metavar="MM", help="Fond perdu en mm (profil press).")
@click.option("--back-offset", default="0,0", show_default=True, metavar="X,Y",
              help="Décalage des versos en mm, mesuré avec --calibration.")
@click.option("--gutter", type=click.FloatRange(0, 10), default=3.0, show_default=True,
              metavar="MM", help="Espace entre les cartes des planches de bureau, en mm ; le fond"
                                 " des cartes y déborde (0 : cartes jointives).")
@click.option("--calibration", is_flag=True, help="Ajouter la planche de calibration recto-verso.")
@click.option("--fold", default="half-concertina", show_default=True, metavar="PLIAGE",
              help="Pliage de la carte (voir kit list).")
@click.option("--canvas-size", type=choice("A4", "A3", "A2", "A1", "A0"), default="A3",
              show_default=True, help="Format des canevas.")
@click.option("--tile", type=choice("A4", "A3"), default=None,
              help="Découper chaque canevas en feuilles A4 ou A3 à assembler.")
@click.option("--overlap", type=click.FloatRange(5, 30), default=10.0, show_default=True,
              metavar="MM", help="Bande de collage entre feuilles, en mm (avec --tile).")
@click.option("--large-print", is_flag=True,
              help="Gros caractères : cartes et guide en 14 pt ou plus (cartes A5, guide en"
                   " livret A5).")
@click.option("--quiet", "-q", is_flag=True, help="N'afficher que les erreurs.")
@click.option("--json", "as_json", is_flag=True,
              help="Une sortie JSON pour les scripts (fichiers écrits, contrôle, erreurs).")
@reports_errors
def build(deck: str | None, out_dir: Path, only: tuple[str, ...], cards: str | None,
          profile: str, paper: str, card_format: str, duplex: str, bleed: float,
          back_offset: str, gutter: float, calibration: bool, fold: str, canvas_size: str,
          tile: str | None, overlap: float, large_print: bool, quiet: bool, as_json: bool) -> None:
    """Construire les PDF d'un deck dans DOSSIER/<id>/.

    Seuls les fichiers construits sont remplacés ; le guide d'impression
    (LISEZ-MOI-impression.pdf) décrit tous les fichiers du dossier : ouvrez-le d'abord.
    """
    from kit.api import BuildOptions, build_deck, build_steps

    selection = _split(cards)
    only = tuple(o.lower() for o in only)
    if selection and not only:
        only = ("cards",)  # reprinting a few cards: nothing else
    options = BuildOptions(
        only=only,
        profile=profile.lower(),
        paper=paper.upper() if paper.lower() != "letter" else "letter",
        card_format=layout_name("cards", card_format) or ("a5" if large_print else "poker"),
        duplex=duplex.lower(),
        bleed=bleed,
        back_offset=_parse_offset(back_offset),
        gutter=gutter,
        calibration=calibration,
        fold=layout_name("map", fold),
        canvas_size=canvas_size.upper(),
        tile=tile.upper() if tile else None,
        overlap=overlap,
        large_print=large_print,
        cards=selection,
    )
    if selection and "cards" not in options.only:
        raise click.BadParameter("--cards choisit des cartes : ajoutez --only cards",
                                 param_hint="'--cards'")
    if as_json:
        try:
            result = build_deck(deck, out_dir, options)
        except KitError as exc:
            click.echo(json.dumps({"deck": deck, "ok": False, "written": [],
                                   "errors": [d.as_json() for d in exc.diagnostics]},
                                  ensure_ascii=False, indent=2))
            sys.exit(1)
        report = result.preflight
        click.echo(json.dumps({
            "deck": result.deck.id, "ok": True, "written": result.written,
            "preflight": None if report is None else {
                "files": report.files, "pages": report.pages,
                "problems": [{"file": p.file, "page": p.page, "message": p.message}
                             for p in report.problems]},
            "errors": [],
        }, ensure_ascii=False, indent=2))
        return
    announce = None if quiet else click.echo
    show_bar = not quiet and sys.stderr.isatty()
    if show_bar:
        with click.progressbar(length=build_steps(options), label="construction",
                               file=sys.stderr, show_eta=False,
                               item_show_func=lambda s: s) as bar:
            result = build_deck(deck, out_dir, options, progress=lambda s: bar.update(1, s),
                                announce=announce)
    else:
        result = build_deck(deck, out_dir, options, announce=announce)
    if quiet:
        return
    for path in result.written:
        click.echo(f"écrit {path}")
    for line in result.notes:
        click.echo(line)
    if result.guide:
        click.echo(f"À ouvrir d'abord : {result.guide} — quoi imprimer, sur quel papier, comment"
                   " couper et plier.")


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="DOSSIER",
              default=Path("output"), show_default=True,
              help="Dossier de sortie ; les images vont dans DOSSIER/<id>/apercu/.")
@click.option("--dpi", type=click.IntRange(20, 300), default=None, metavar="DPI",
              help="Résolution des images (60 pour le kit entier, 200 pour une carte).")
@click.option("--card", "card", metavar="ID",
              help="Une seule carte, recto et verso, lisible : un identifiant (balise, étape…)"
                   " ou un numéro (question:17).")
@reports_errors
def preview(deck: str | None, out_dir: Path, dpi: int | None, card: str | None) -> None:
    """Faire des images PNG du kit (et une planche contact), ou d'une seule carte."""
    from kit.api import BuildOptions, build_deck
    from kit.finish import write_outputs
    from kit.preview import card_preview, preview_folder

    if card:
        folder, images = card_preview(deck, card.strip(), dpi or 200, out_dir)
        written = write_outputs(folder, images)
        for path in written:
            click.echo(f"écrit {path}")
        return
    result = build_deck(deck, out_dir, BuildOptions())
    folder = out_dir / result.deck.id
    images = preview_folder(folder, dpi or 60)
    written = write_outputs(folder / "apercu", images)
    click.echo(f"{len(written)} images dans {folder / 'apercu'} (planche : contact-sheet.png)")


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--out", "out_dir", type=click.Path(path_type=Path), metavar="DOSSIER",
              default=Path("output"), show_default=True, help="Dossier de sortie.")
@click.option("--only", "only", multiple=True, type=choice("map", "cards", "canvases"),
              help="Ne surveiller que ceci (répétable).")
@reports_errors
def watch(deck: str | None, out_dir: Path, only: tuple[str, ...]) -> None:
    """Reconstruire à chaque modification du deck, de son deck de base, d'un tableur, d'une
    image ou d'une mise en page.

    Seul ce que la modification touche est refait ; une erreur s'affiche sans arrêter la
    surveillance, et sa correction s'annonce (« corrigé »). « kit build » fait ensuite le
    contrôle complet et le guide d'impression.
    """
    from kit.api import BuildOptions
    from kit.watch import watch as run

    run(deck, out_dir, BuildOptions(only=tuple(o.lower() for o in only)), click.echo)

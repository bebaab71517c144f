"""`kit validate`, `new`, `list`, `diff`, `export-sheet`, `schema` and `preflight`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kit.cli import CONTEXT, main, reports_errors
from kit.cli.building import deck_argument, layout_name
from kit.errors import KitError


def _json_out(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@main.command(context_settings=CONTEXT)
@deck_argument
@click.option("--json", "as_json", is_flag=True, help="Une sortie JSON pour les scripts.")
@click.option("--format", "card_format", default=None, metavar="FORMAT",
              help="Vérifier pour ce format de cartes (comme kit build --format).")
@click.option("--large-print", is_flag=True, help="Vérifier la version en gros caractères.")
@reports_errors
def validate(deck: str | None, as_json: bool, card_format: str | None,
             large_print: bool) -> None:
    """Vérifier un deck : toutes les erreurs d'un coup, ou un résumé d'une ligne.

    « Valide » veut dire que kit build le construira : la vérification met en page, sans
    rien écrire, les cartes, la carte de poche et son guide, les canevas et le guide
    d'impression, et signale chaque texte qui ne tient pas, avec la place disponible.
    DECK est un identifiant, un dossier de deck ou un fichier deck.yaml.
    """
    from kit.api import BuildOptions, summary, validation_report

    options = BuildOptions(card_format=layout_name("cards", card_format)
                           or ("a5" if large_print else "poker"), large_print=large_print)
    report = validation_report(deck, options=options)
    if as_json:
        _json_out({k: report[k] for k in ("deck", "valid", "counts", "errors")})
        sys.exit(0 if report["valid"] else 1)
    if not report["valid"]:
        raise KitError(report["diagnostics"])
    click.echo(summary(report))


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
@click.argument("name", metavar="NOM")
@click.option("--from", "base", default="cooperation", show_default=True, metavar="DECK",
              help="Deck de base à étendre.")
@reports_errors
def new(name: str, base: str) -> None:
    """Créer decks/NOM/deck.yaml, un deck de territoire qui étend un deck de base.

    Le dossier reçoit aussi deck.schema.json, qui donne l'aide à la saisie aux éditeurs
    comme VS Code (il voyage avec le dossier).
    """
    from kit.api import new_deck

    written = new_deck(name, base)
    for path in written:
        click.echo(f"écrit {path}")
    click.echo(f"Modifiez {written[0]} (titre, territoire, logo…), puis lancez"
               f" « kit validate {name} » et « kit build {name} ».")


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
    """Lister les decks, formats de cartes, pliages et canevas disponibles.

    Vos decks (./decks/) sont vérifiés comme par kit validate : ceux qui ne se
    construiraient pas sont marqués.
    """
    from kit.api import catalogue

    for heading, rows in catalogue().items():
        click.echo(f"{heading} :")
        for name, description in rows:
            click.echo(f"  {name:<22} {description}")

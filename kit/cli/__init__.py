"""The `kit` command: thin click commands over the library; KitError → messages and exit 1.

The commands live in kit/cli/commands.py (validate, new, list, …) and kit/cli/building.py
(build, preview, watch); click's own words come in the terminal's language (kit/cli/lang.py).
"""

from __future__ import annotations

import functools
import os
import signal
import sys

import click

from kit import __version__
from kit.cli import lang
from kit.errors import KitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

lang.install()


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


def _pipe_closed() -> None:
    """The reader went away (`kit list | head`): stop quietly. Python would complain again
    when it flushes stdout on exit, so stdout goes to the null device first."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (tests): nothing to flush
        pass
    sys.exit(0)


def run() -> None:
    """The `kit` console script and `python -m kit`. A command installs its own handler
    (reports_errors); around it, an interruption still exits 130, never 1."""
    signal.signal(signal.SIGINT, _interrupted_outside_a_command)
    try:
        main()
    except BrokenPipeError:  # while click writes a help page or an error
        _pipe_closed()


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
        # a build that failed while writing says itself what it wrote (kit.outputs)
        wrote = getattr(exc, "replaced", None) is not None
        tail = " : rien n'a été écrit." if fn.__name__ == "build" and not wrote else "."
        click.echo(f"{n} erreur{'s' if n > 1 else ''}{tail}", err=True)
        sys.exit(1)
    except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
        raise
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        _pipe_closed()
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


class Command(click.Command):
    context_class = lang.Context


class Group(click.Group):
    context_class = lang.Context
    command_class = Command

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if lang.language() == "fr":
            pieces = [p.replace("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]...") for p in pieces]
        return pieces


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="kit")
def main() -> None:
    """Mettre en page un kit de coopération territoriale : carte, cartes questions, canevas.

    Un deck est un dossier decks/<id>/ avec un fichier deck.yaml. DECK est son identifiant
    (cherché dans ./decks/ du dossier courant, puis parmi les decks fournis), un dossier ou
    un fichier deck.yaml. Sans DECK, les commandes prennent le deck fourni « cooperation ».

    Pour commencer : kit build, puis ouvrez output/cooperation/LISEZ-MOI-impression.pdf.
    """


from kit.cli import building, commands  # noqa: E402, F401  (they register their commands)

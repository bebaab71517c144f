"""The command line's language, and click's own words in it.

click marks its words for gettext (`from gettext import gettext as _` in each of its modules)
and looks them up in the process-wide default domain, which nothing fills. The kit gives each
of those modules its own `_` and `ngettext`: the French words below by default, click's
English under an English locale or KIT_LANG=en. The language is read at each lookup, so a
test (or a process that changes its environment) gets the words of the moment.

Help texts that click builds once, when a decorator runs (--version's), are translated when
the help is written, by HelpFormatter below.
"""

from __future__ import annotations

import locale
import os
import sys

import click

#: click's message ids → French; the keys are click's own English, placeholders included
FRENCH = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l’aide.",
    "No such option {name!r}.": "option « {name} » inconnue.",
    "No such command {name!r}.": "commande « {name} » inconnue.",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(vouliez-vous dire : {possibilities} ?)",
    "Missing argument": "argument manquant :",
    "Missing option": "option manquante :",
    "Missing parameter": "paramètre manquant :",
    "Missing {param_type}": "{param_type} manquant :",
    "Missing parameter: {param_name}": "paramètre manquant : {param_name}",
    "Missing command.": "commande manquante.",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Got unexpected extra argument ({args})": "argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "arguments en trop ({args})",
    "Option {name!r} does not take a value.": "l’option « {name} » ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "l’option « {name} » attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "l’option « {name} » attend {nargs} valeurs.",
    "{value!r} is not {choice}.": "« {value} » n’est pas {choice}.",
    "{value!r} is not one of {choices}.": "« {value} » n’est pas l’un de {choices}.",
    "Choose from:\n\t{choices}": "Choisir parmi :\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "« {value} » n’est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n’est pas dans l’intervalle {range}.",
    "default: {default}": "par défaut : {default}",
    "required": "obligatoire",
    "env var: {var}": "variable d’environnement : {var}",
    "(dynamic)": "(variable)",
    "Aborted!": "Interrompu.",
    "file": "Fichier",
    "directory": "Dossier",
    "path": "Chemin",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} « {filename} » : c’est un fichier.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » : c’est un dossier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » : lecture interdite.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » : écriture interdite.",
    "{name} {filename!r} is not executable.": "{name} « {filename} » : pas un programme.",
    "Value must be an iterable.": "la valeur doit être une liste.",
    "Takes {nargs} values but 1 was given.": "attend {nargs} valeurs, 1 donnée.",
    "Takes {nargs} values but {len} were given.": "attend {nargs} valeurs, {len} données.",
    "Argument {name!r} takes {nargs} values.": "l’argument « {name} » attend {nargs} valeurs.",
}
#: the modules of click that call `_` or `ngettext`
CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "decorators", "termui",
                 "_termui_impl")


def language() -> str:
    """'en' or 'fr' for the terminal: KIT_LANG if set, else the locale (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG as gettext reads them, then the system's), French unless English."""
    chosen = os.environ.get("KIT_LANG", "").strip()
    if not chosen:
        for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            chosen = os.environ.get(var, "").strip()
            if chosen:
                break
    if not chosen and sys.platform in ("win32", "darwin"):  # no variable: the system's
        try:
            chosen = locale.getlocale()[0] or ""  # "English_United States", "fr_FR"…
        except ValueError:
            chosen = ""
    return "en" if chosen.lower().startswith("en") else "fr"


def gettext(message: str) -> str:
    if language() == "en":
        return message
    return FRENCH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the kit's `_` and `ngettext` (idempotent)."""
    import importlib

    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module a future click drops (Windows-only ones, say)
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


class HelpFormatter(click.HelpFormatter):
    """click's formatter: headings with French punctuation (« Options : »), and the help
    texts click wrote before the kit could translate them."""

    def write_heading(self, heading: str) -> None:
        if language() == "en":
            super().write_heading(heading)
        else:
            self.write(f"{'':>{self.current_indent}}{heading} :\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, _translate_help(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


#: help texts click computes once (when a decorator runs, or the first time --help is
#: asked for) and keeps: written in the language of that moment, shown in today's
_KEPT = ("Show the version and exit.", "Show this message and exit.")


def _translate_help(text: str) -> str:
    english = language() == "en"
    for msgid in _KEPT:
        old, new = (FRENCH[msgid], msgid) if english else (msgid, FRENCH[msgid])
        text = text.replace(old, new)
    return text


class Context(click.Context):
    formatter_class = HelpFormatter

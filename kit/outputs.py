"""A deck's output folder, output/<id>/, across builds.

A build replaces only the files it makes: a facilitator who reprints the map keeps last
week's cards. The folder holds a small manifest, MANIFEST (JSON, no dates: the same build
writes the same bytes), naming the deck file that owns the folder and, for every file the
kit wrote there, the product it belongs to and the options it was built with. From it:

- a build refuses to write into a folder another deck file owns (two decks with one id);
- the printing guide describes every file of the folder, saying which ones an earlier build
  made and with which options;
- a write that fails part-way says exactly which files were replaced and which were not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc
from kit.resources import builtin_root, display_path

MANIFEST = ".kit-build.json"
PREVIEW_FOLDER = "apercu"
#: the options that shape each product's files (the rest do not change them)
PRODUCT_OPTIONS = {
    "cards": ("profile", "paper", "card_format", "duplex", "bleed", "back_offset", "calibration",
              "large_print", "cards", "gutter"),
    "map": ("profile", "paper", "fold", "bleed", "large_print"),
    "canvases": ("profile", "canvas_size", "tile", "overlap", "bleed"),
    "site": (),
}
#: option field → how it is typed on the command line
FLAGS = {"card_format": "--format", "back_offset": "--back-offset",
         "canvas_size": "--canvas-size", "large_print": "--large-print"}


def product_of(name: str) -> str | None:
    """The product a file of the output folder belongs to, from its name."""
    if name.startswith("cards"):
        return "cards"
    if name.startswith("map"):
        return "map"
    if name.startswith("canvases"):
        return "canvases"
    if name.startswith("site/"):
        return "site"
    return None


def deck_token(deck_path: Path) -> str:
    """How the manifest names a deck file: a shipped deck by its id (its path changes with
    every installation), any other by its absolute path."""
    deck_path = Path(deck_path).resolve()
    shipped = (builtin_root() / "decks").resolve()
    if deck_path.parent.parent == shipped:
        return f"kit:{deck_path.parent.name}"
    return str(deck_path)


def _token_exists(token: str) -> bool:
    if token.startswith("kit:"):
        return (builtin_root() / "decks" / token[4:] / "deck.yaml").is_file()
    return Path(token).is_file()


def _token_shown(token: str, cwd: Path | None) -> str:
    if token.startswith("kit:"):
        return f"le deck fourni « {token[4:]} »"
    return display_path(Path(token), cwd)


@dataclass
class Manifest:
    deck: str | None = None
    files: dict[str, dict] | None = None  # name → {"product": …, "options": {…}}

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; an empty one when there is none or it cannot be read (a
        folder built by an older kit, or a manifest edited by hand)."""
        try:
            data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
            deck = data.get("deck") if isinstance(data.get("deck"), str) else None
            files = {str(k): v for k, v in data.get("files", {}).items() if isinstance(v, dict)}
        except (OSError, ValueError, AttributeError):
            return cls(None, {})
        return cls(deck, files)

    def to_bytes(self) -> bytes:
        """JSON with one line per file, readable and small."""
        def one(value) -> str:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)

        rows = [f"  {one(name)}: {one(record)}" for name, record
                in sorted((self.files or {}).items())]
        return ("{\n" f' "kit": 1,\n "deck": {one(self.deck)},\n "files": {{\n'
                + ",\n".join(rows) + "\n }\n}\n").encode("utf-8")

    def record(self, names, options) -> None:
        """Remember `names` as built now with `options` (a BuildOptions)."""
        self.files = dict(self.files or {})
        stored = _options_dict(options)
        for name in names:
            product = product_of(name)
            relevant = PRODUCT_OPTIONS.get(product or "")
            kept = {k: v for k, v in stored.items() if relevant is None or k in relevant}
            self.files[name] = {"product": product, "options": kept}


def _options_dict(options) -> dict:
    """The options that differ from the defaults (the defaults may change; what was typed
    is what matters)."""
    from kit.api import BuildOptions

    base = BuildOptions()
    out = {}
    for f in fields(options):
        value = getattr(options, f.name)
        if f.name == "only" or value == getattr(base, f.name, object()):
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def options_from(stored: dict, current):
    """The BuildOptions an earlier build used, from the manifest (unknown keys ignored,
    missing ones at their default)."""
    from dataclasses import replace

    from kit.api import BuildOptions

    base = BuildOptions()
    known = {f.name: f for f in fields(base)}
    values = {}
    for key, value in (stored or {}).items():
        if key in known and key != "only":
            default = getattr(base, key)
            values[key] = tuple(value) if isinstance(default, tuple) and isinstance(
                value, list) else value
    try:
        return replace(base, **values)
    except (TypeError, ValueError):
        return current


def options_text(options, product: str | None) -> str:
    """The options that differ from the defaults, as typed: "--format tarot --paper A3"."""
    from kit.api import BuildOptions

    base = BuildOptions()
    relevant = PRODUCT_OPTIONS.get(product or "", ())
    words = []
    for f in fields(options):
        if f.name == "only" or (relevant and f.name not in relevant):
            continue
        value, default = getattr(options, f.name), getattr(base, f.name, None)
        if value == default:
            continue
        if f.name == "card_format" and value == "a5" and getattr(options, "large_print", False):
            continue  # --large-print's own format, not typed
        flag = FLAGS.get(f.name, "--" + f.name.replace("_", "-"))
        if value is True:
            words.append(flag)
        elif isinstance(value, tuple):
            shown = (f"{v:g}" if isinstance(v, float) else str(v) for v in value)
            words.append(f"{flag} {','.join(shown)}")
        elif isinstance(value, float):
            words.append(f"{flag} {value:g}")
        elif value not in (None, False):
            words.append(f"{flag} {value}")
    return " ".join(words)


def check_owner(folder: Path, deck_path: Path, deck_loc: Loc, cwd: Path | None = None) -> None:
    """Refuse to build into a folder another deck file owns (and that file still exists):
    two decks with one id would mix their files. A deck whose file moved may take it over."""
    owner = Manifest.read(folder).deck
    mine = deck_token(deck_path)
    if owner is None or owner == mine or not _token_exists(owner):
        return
    shown = display_path(folder, cwd)
    raise KitError(Diagnostic(
        deck_loc, f"le dossier {shown}/ contient le kit de {_token_shown(owner, cwd)}, qui a le"
                  f" même identifiant que ce deck : je ne le remplace pas. Donnez à ce deck un"
                  f" autre « id » (et le même nom de dossier), ou construisez-le ailleurs avec"
                  f" --out, ou supprimez {shown}/ si ce kit ne sert plus"))


@dataclass(frozen=True)
class Entry:
    """One file (or the preview folder) of the output folder, as the printing guide lists it."""

    name: str
    now: bool  # built by this build
    product: str | None  # None: not made by `kit build`
    options: object = None  # BuildOptions of the build that made it
    count: int = 1  # the preview folder: how many images


def folder_entries(folder: Path, built: list[str], options, guide: str) -> list[Entry]:
    """Every file the folder will hold once `built` is written: those, then the ones earlier
    builds left (with the options they were built with), then anything else found there."""
    folder = Path(folder)
    manifest = Manifest.read(folder)
    present: set[str] = set()
    previews = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            rel = path.relative_to(folder).as_posix()
            if not path.is_file() or any(p.startswith(".") for p in rel.split("/")):
                continue
            if rel.split("/")[0] == PREVIEW_FOLDER:
                previews += 1
                continue
            present.add(rel)
    entries = [Entry(name, True, product_of(name), options) for name in sorted(built)
               if name != guide]
    for name in sorted(present - set(built) - {guide}):
        record = (manifest.files or {}).get(name)
        if record is not None:
            entries.append(Entry(name, False, product_of(name),
                                 options_from(record.get("options"), options)))
        else:
            entries.append(Entry(name, False, None))
    if previews:
        entries.append(Entry(PREVIEW_FOLDER + "/", False, None, None, previews))
    return entries


def earlier_files(folder: Path, entries: list[Entry]) -> dict[str, bytes]:
    """The bytes of the PDFs earlier builds left (the guide counts their sheets)."""
    out = {}
    for e in entries:
        if not e.now and e.product in ("cards", "map", "canvases") and e.name.endswith(".pdf"):
            try:
                out[e.name] = (Path(folder) / e.name).read_bytes()
            except OSError:
                continue
    return out


def write_build(folder: Path, files: dict[str, bytes], guide: str | None, manifest: Manifest,
                options, cwd: Path | None = None) -> list[Path]:
    """Write a build's files, the printing guide last, then the manifest. A write that fails
    part-way is reported as it happened: which files were replaced, which were left as they
    were, which were not written."""
    from kit import finish

    # one stretch with the signals held: the products, the guide and the manifest land
    # together or not at all (a signal waits until all are renamed into place)
    with finish.held_signals():
        return _write_build(folder, files, guide, manifest, options)


def _write_build(folder: Path, files: dict[str, bytes], guide: str | None, manifest: Manifest,
                 options) -> list[Path]:
    from kit import finish

    names = sorted(n for n in files if n != guide) + ([guide] if guide in files else [])
    existed = {n for n in names if (Path(folder) / n).is_file()}
    written: list[Path] = []
    try:
        written += finish.write_outputs(folder, {n: files[n] for n in names if n != guide})
        if guide in files:
            written += finish.write_outputs(folder, {guide: files[guide]})
    except KitError as exc:
        done = written + list(getattr(exc, "written", []))
        done_names = [p.relative_to(folder).as_posix() for p in done]
        manifest.record(done_names, options)
        try:
            finish.atomic_write(Path(folder) / MANIFEST, manifest.to_bytes())
        except OSError:
            pass
        raise _partial(exc, done_names, [n for n in names if n not in done_names], existed) \
            from None
    manifest.record([n for n in names if n != guide], options)
    try:
        finish.atomic_write(Path(folder) / MANIFEST, manifest.to_bytes())
    except OSError as exc:
        raise _partial(KitError(Diagnostic(Loc(str(Path(folder) / MANIFEST)),
                                           f"écriture impossible : {finish.os_problem(exc)}")),
                       names, [], existed) from None
    return written


class PartialWrite(KitError):
    """A build that wrote some of its files: its message says which."""

    def __init__(self, diagnostics, replaced: list[str]):
        super().__init__(diagnostics)
        self.replaced = replaced


def _names(names: list[str], limit: int = 4) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" et {len(names) - limit} autre(s)" if len(names) > limit else "")


def _partial(exc: KitError, done: list[str], left: list[str], existed: set[str]) -> KitError:
    """The write error, told truthfully: what was replaced, what is as it was before."""
    replaced = [n for n in done if n in existed]
    created = [n for n in done if n not in existed]
    unchanged = [n for n in left if n in existed]
    missing = [n for n in left if n not in existed]
    parts = []
    if replaced:
        parts.append(f"{len(replaced)} fichier(s) remplacé(s) : {_names(replaced)}")
    if created:
        parts.append(f"{len(created)} fichier(s) créé(s) : {_names(created)}")
    if unchanged:
        parts.append(f"{len(unchanged)} fichier(s) inchangé(s), de la construction précédente :"
                     f" {_names(unchanged)}")
    if missing:
        parts.append(f"{len(missing)} fichier(s) non écrit(s) : {_names(missing)}")
    if not done:
        parts.append("rien n'a été écrit")
    account = " ; ".join(parts)
    failed, problem = getattr(exc, "failed", None), getattr(exc, "problem", None)
    if failed is not None and problem:
        head = [Diagnostic(Loc(str(failed)), f"écriture impossible : {problem}")]
    else:
        head = exc.diagnostics
    return PartialWrite([Diagnostic(d.loc, f"{d.message} — {account} ; corrigez puis relancez"
                                           " la construction") for d in head], done)

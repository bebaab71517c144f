"""Writing outputs: everything is rendered in memory first, then each file is written to a
temporary name beside its target and renamed, so a failed or interrupted build never leaves a
truncated PDF and never touches the previous good outputs."""

from __future__ import annotations

import contextvars
import errno
import io
import os
import signal
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from kit.errors import Diagnostic, KitError, Loc


@contextmanager
def held_signals():
    """Hold SIGINT/SIGTERM while renaming, then deliver them: no half-renamed set of files."""
    received: list[int] = []
    previous = {}

    def hold(signum, _frame):
        received.append(signum)

    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, hold)
    except ValueError:  # not the main thread: nothing to defer
        previous = {}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for sig in received:
            os.kill(os.getpid(), sig)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same folder and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); outputs are ordinary files
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


#: what the system says (in English) → what to tell the facilitator
_OS_PROBLEMS = {
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota du disque dépassé",
    errno.EROFS: "disque en lecture seule",
    errno.EACCES: "pas le droit d'écrire ici",
    errno.EPERM: "pas le droit d'écrire ici",
    errno.ENAMETOOLONG: "nom de fichier trop long pour le système",
    errno.ENOTDIR: "un fichier porte le nom d'un des dossiers du chemin",
    errno.EEXIST: "un fichier porte ce nom",
    errno.EISDIR: "un dossier porte ce nom",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.ENOENT: "dossier introuvable",
}


def os_problem(exc: OSError) -> str:
    """A system error in French, for a message that ends in « choisissez un autre --out »."""
    code = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno else type(exc).__name__
    return _OS_PROBLEMS.get(exc.errno, f"erreur du système ({code})")


def check_output_dir(target: Path) -> None:
    """Refuse at once an output folder that is a file or lies under one, before any work."""
    for folder in (target, *target.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise KitError(
                    Diagnostic(Loc(str(folder)), "c'est un fichier, pas un dossier : choisissez"
                                                 " un autre dossier de sortie (--out)")
                )
            return


def write_outputs(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Write {relative name: bytes} under target; returns the paths written, in name order."""
    target = Path(target)
    check_output_dir(target)
    try:
        for name in files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KitError(
            Diagnostic(Loc(str(target)), "impossible de créer le dossier de sortie :"
                                         f" {os_problem(exc)} ; choisissez un autre --out")
        ) from None
    written = []
    with held_signals():
        for name in sorted(files):
            path = target / name
            try:
                atomic_write(path, files[name])
            except OSError as exc:
                done = (f" ({len(written)} fichier(s) déjà remplacé(s), complets)"
                        if written else "")
                error = KitError(
                    Diagnostic(Loc(str(path)), f"écriture impossible : {os_problem(exc)}{done}")
                )
                # for a caller that tells which files were replaced (kit.outputs)
                error.written, error.failed, error.problem = written, path, os_problem(exc)
                raise error from None
            written.append(path)
    return written


# -- PDF finishing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    """What the files of one build say about themselves: the deck's language, its territory
    (the files' subject), the print shop's CMYK for palette colours, where the logo was
    written (for a logo the press files cannot carry)."""

    language: str = ""  # BCP 47 tag
    subject: str = ""
    press_colours: tuple = ()  # (#rrggbb, (c, m, y, k))
    logo: Loc | None = None


_publication = Publication()


@contextmanager
def publishing(deck):
    """The files rendered inside this block are the deck's (one build lays out one deck)."""
    global _publication
    from kit.declare import language_tag
    from kit.layout.theme import DEFAULT_PALETTE

    palette = {**DEFAULT_PALETTE, **dict(deck.theme.palette)}
    colours = tuple((palette[name].lower(), tuple(cmyk)) for name, cmyk in deck.theme.cmyk
                    if name in palette)
    logo = deck.locs.get("logo", deck.where("territory")) if deck.territory.logo else None
    previous = _publication
    _publication = Publication(language_tag(deck.language),
                               deck.territory.name or deck.title, colours, logo)
    try:
        yield _publication
    finally:
        _publication = previous


class Rendered(bytes):
    """PDF bytes that remember the Document they were drawn from (for the build's checks), or
    the outcome of those checks when they were made where the bytes were rendered."""

    document = None
    checked = None  # (problems, pages) of kit.preflight.check_built, file named by its name


#: on while `kit validate` plans a build: documents are planned, never rendered
_PLANNING = contextvars.ContextVar("kit_planning_only", default=False)


@contextmanager
def planning_only():
    """Within it, pdf_bytes and render_checked return empty bytes carrying the planned
    Document: the build's own planning, every fitting check included, without rendering."""
    token = _PLANNING.set(True)
    try:
        yield
    finally:
        _PLANNING.reset(token)


def planning() -> bool:
    """Is a build being planned only (kit validate)?"""
    return _PLANNING.get()


def pages_of(data: bytes, keep: tuple[int, ...], doc) -> bytes:
    """Some pages of a PDF made by pdf_bytes, as a file of their own with the same finish
    (named subsets, XMP, language, PDF/X keys): what pdf_bytes(doc) gives, but the pages are
    not drawn again (the map's recto alone, its verso alone). doc: the Document of those
    pages, for their subject and the build's checks."""
    if _PLANNING.get():
        planned = Rendered(b"")
        planned.document = doc
        return planned
    import pikepdf

    doc = _published(doc)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for k in reversed(range(len(pdf.pages))):
            if k not in keep:
                del pdf.pages[k]
        if str(pdf.docinfo.get("/Subject", "")) != doc.subject:
            pdf.docinfo["/Subject"] = pikepdf.String(doc.subject)
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                meta["dc:description"] = doc.subject
        out = io.BytesIO()
        # what the pages no longer use (the other pages' images, say) is not written
        pdf.save(out, deterministic_id=True, qdf=False, static_id=False,
                 fix_metadata_version=False)
    split = Rendered(out.getvalue())
    split.document = doc
    return split


def _published(doc):
    """The Document as the publication finishes it: its language and subject, and for the
    press its colours."""
    from kit.layout.press import for_press

    pub = _publication
    doc = replace(doc, language=pub.language or doc.language,
                  subject=pub.subject or doc.subject)
    return for_press(doc, pub.press_colours) if doc.cmyk else doc


def checked(data: bytes, name: str) -> bytes:
    """PDF bytes with the outcome of the build's check of them (kit.preflight.check_built),
    made now, instead of the Document they were drawn from: what can travel between
    processes."""
    from kit.preflight import check_built

    if getattr(data, "checked", None) is not None:
        return data
    problems, pages = check_built(data, name)
    out = Rendered(bytes(data))
    out.checked = (problems, pages)
    return out


def pdf_bytes(doc, families: dict | None = None) -> bytes:
    """Render a geometry Document and finish it (kit.declare): press documents get K-only
    text, and those with a trim the PDF/X-1a:2003 keys; every file its language and XMP.

    The bytes carry the (press-coloured) Document as `.document`."""
    if _PLANNING.get():
        planned = Rendered(b"")
        planned.document = doc
        return planned
    from kit.declare import declare
    from kit.render.images import LogoProblem
    from kit.render.pdf import render_pdf

    doc = _published(doc)
    try:
        data = render_pdf(doc, families)
    except LogoProblem as exc:
        raise KitError(Diagnostic(_publication.logo or Loc("territory.logo"),
                                  f"territory.logo : {exc}")) from None
    # a trimmed press file declares its printing condition; the facilitator's own guide
    # (CMYK too, but no trim) does not pretend to be PDF/X
    pdfx = doc.cmyk and any(p.trim for p in doc.pages)
    out = Rendered(declare(data, doc.language, pdfx))
    out.document = doc
    return out


def svg_text(page, families: dict | None = None, title: str = "") -> bytes:
    """A page as SVG bytes (kit.render.svg), or nothing while planning only."""
    if _PLANNING.get():
        return b""
    from kit.render.svg import render_svg

    return render_svg(page, families=families, title=title)


def render_checked(plans: dict) -> dict[str, bytes]:
    """{file name: a function planning its Document} → {file name: Rendered}, each file
    planned, rendered and checked (what `kit build` checks, see kit.preflight.check_built) side
    by side on the machine's cores."""
    from kit.parallel import map_forked

    if _PLANNING.get():
        return {name: pdf_bytes(plan()) for name, plan in plans.items()}
    names = list(plans)

    def one(name: str):
        from kit.preflight import check_built

        data = pdf_bytes(plans[name]())
        problems, pages = check_built(data, name)
        return bytes(data), problems, pages

    out = {}
    for name, (data, problems, pages) in zip(names, map_forked(one, names), strict=True):
        out[name] = Rendered(data)
        out[name].checked = (problems, pages)
    return out

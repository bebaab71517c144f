"""Preflight: check built PDFs the way a print shop would, page by page.

The profile is inferred from each file: a TrimBox smaller than the MediaBox means a press file,
otherwise an office file. Checks: fonts embedded; boxes present and nested (press); text under
7 pt (6 pt for credits, which the renderer marks as /KitCredits marked content); RGB colour in
a press file, 100 % K text overprinted without /OPM 1, white text overprinted, 400 % marks and
a PDF/X version the file cannot be (kit.preflight_press); ink within the 6 mm unprintable band
of an office file; text outside the trim of a press file; page sizes that are neither a
standard paper nor consistent within the file.

Here: `preflight` (the files of `kit preflight`) and `check_built` (what `kit build` checks).
The checks are in kit.preflight_pdf (a PDF read back, with kit.preflight_reading and
kit.preflight_press) and kit.preflight_plan (the plan a PDF was drawn from); Problem and
Report in kit.preflight_report. Problem, Report, check_pdf and check_plan are re-exported:
the pipeline, the printing guide and the tests import them from here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kit.preflight_pdf import check_pdf
from kit.preflight_plan import check_plan
from kit.preflight_report import Problem, Report

__all__ = ["Problem", "Report", "check_built", "check_pdf", "check_plan", "preflight"]


def _pdfs(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.pdf") if q.is_file())
        else:
            out.append(p)
    return out


def preflight(paths: list[Path | str], band_check: bool = True) -> Report:
    """Check every PDF in paths (files or folders)."""
    report = Report(problems=[])
    for path in _pdfs([Path(p) for p in paths]):
        report.files += 1
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.problems.append(Problem(str(path), 0, f"illisible ({exc.strerror})"))
            continue
        problems, pages = check_pdf(data, str(path), band_check)
        report.pages += pages
        report.problems += problems
    return report


def check_built(data: bytes, name: str) -> tuple[list[Problem], int]:
    """What `kit build` checks: the plan when the bytes carry it, the PDF for the rest (or
    what was found when the bytes were rendered, see kit.finish.render_checked)."""
    checked = getattr(data, "checked", None)
    if checked is not None:
        problems, pages = checked
        return [replace(p, file=name) for p in problems], pages
    doc = getattr(data, "document", None)
    if doc is None:
        return check_pdf(data, name)
    problems, pages = check_pdf(data, name, band_check=False, text_check=False)
    return problems + check_plan(doc, name), pages

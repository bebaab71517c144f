"""Errors a facilitator can act on: each one cites FILE:LINE:COL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a source file, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"

    def as_json(self) -> dict:
        return {
            "file": self.loc.file,
            "line": self.loc.line,
            "column": self.loc.column,
            "message": self.message,
        }


class KitError(Exception):
    """One or more problems in the input; the CLI prints them all and exits 1."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = sorted(set(diagnostics), key=_sort_key)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def _sort_key(d: Diagnostic) -> tuple:
    return (d.loc.file, d.loc.line, d.loc.column, d.message)


class Collector:
    """Gathers every problem of a run so they are reported together."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, loc: Loc, message: str) -> None:
        self.diagnostics.append(Diagnostic(loc, message))

    def extend(self, other: KitError) -> None:
        self.diagnostics.extend(other.diagnostics)

    def __bool__(self) -> bool:
        return bool(self.diagnostics)

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise KitError(self.diagnostics)

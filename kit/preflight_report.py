"""What preflight finds: a Problem (file, page, message), the Report of a run (files, pages,
problems, summed up in French for the terminal or in the deck's language for the printing
guide), and the smallest text sizes both checks allow."""

from __future__ import annotations

from dataclasses import dataclass

MIN_TEXT, MIN_CREDITS = 7.0, 6.0


@dataclass(frozen=True)
class Problem:
    file: str
    page: int  # 1-based; 0 for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, page {self.page}" if self.page else self.file
        return f"{where} : {self.message}"


@dataclass
class Report:
    files: int = 0
    pages: int = 0
    problems: list[Problem] | None = None

    def printed_summary(self, t) -> str:
        """The summary in the deck's language, for the printing guide (t: kit.i18n.Messages)."""
        n = len(self.problems or [])

        def count(key: str, k: int) -> str:
            return t(f"preflight.{key}_{'one' if k == 1 else 'many'}").format(n=k)

        verdict = t("preflight.ok") if n == 0 else count("problem", n)
        return t("preflight.summary").format(files=count("file", self.files),
                                             pages=count("page", self.pages), verdict=verdict)

    def summary(self) -> str:
        n = len(self.problems or [])
        verdict = "aucun problème" if n == 0 else f"{n} problème{'s' if n > 1 else ''}"
        return (f"contrôle avant impression : {self.files} fichier{'s' if self.files > 1 else ''},"
                f" {self.pages} page{'s' if self.pages > 1 else ''}, {verdict}")

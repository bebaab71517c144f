"""Reading entity lists from workbooks: openpyxl and python-calamine, XLSX and ODS.

Run by hand: python benchmarks/sheets.py [--runs 3]. Writes a deck of N questions with
`kit export-sheet` as XLSX and ODS, then times reading every row of the questions sheet, best
of --runs: openpyxl (read-only) and calamine on the XLSX, calamine on the ODS (what the kit
does), and the whole `load_deck` of a deck whose questions come from each workbook.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n: int, runs: int) -> list[float]:
    import openpyxl
    from python_calamine import CalamineWorkbook

    from kit.api import export_sheet
    from kit.load.deck import load_deck

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        questions = "".join(f"  - id: q{k}\n    text: Question numéro {k} ; pour qui ?\n"
                            for k in range(n))
        (folder / "src.yaml").write_text("kit: 1\nid: gros\ntitle: Gros\nlanguage: en\n"
                                         f"questions:\n{questions}", encoding="utf-8")
        for suffix in (".xlsx", ".ods"):
            export_sheet(folder / "src.yaml", folder / f"deck{suffix}", folder)
            (folder / f"d{suffix}.yaml").write_text(
                "kit: 1\nid: gros\ntitle: Gros\nlanguage: en\n"
                f"questions: {{from: deck{suffix}}}\n", encoding="utf-8")

        def openpyxl_rows():
            book = openpyxl.load_workbook(folder / "deck.xlsx", read_only=True, data_only=True)
            rows = [[c.value for c in r] for r in book["questions"].iter_rows()]
            book.close()
            assert len(rows) == n + 1

        def calamine_rows(suffix):
            book = CalamineWorkbook.from_path(str(folder / f"deck{suffix}"))
            rows = list(book.get_sheet_by_name("questions").iter_rows())
            book.close()
            assert len(rows) == n + 1

        return [
            best(openpyxl_rows, runs),
            best(lambda: calamine_rows(".xlsx"), runs),
            best(lambda: calamine_rows(".ods"), runs),
            best(lambda: load_deck(folder / "d.xlsx.yaml", folder), runs),
            best(lambda: load_deck(folder / "d.ods.yaml", folder), runs),
        ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| questions | openpyxl XLSX s | calamine XLSX s | calamine ODS s |"
          " load_deck XLSX s | load_deck ODS s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (200, 2_000, 20_000):
        figures = measure(n, args.runs)
        print(f"| {n:,} | " + " | ".join(f"{x:.3f}" for x in figures) + " |")


if __name__ == "__main__":
    main()

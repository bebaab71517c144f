"""How long `kit validate` and `kit list` take, each in a fresh process as a facilitator runs
them. `kit validate` lays out every product without rendering it (kit.pipeline.check_fit);
`kit list` checks the decks of ./decks the same way.

Run by hand: python benchmarks/validate.py [--runs 5] [--source FOLDER]. --source times
another copy of the kit's code (say, `git archive main | tar -x -C /tmp/main`) with this
virtualenv's libraries, for a before/after table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from machine import describe, timed_kit

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the folder holding the kit package to time")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.source.resolve())}
    env.pop("KIT_DEBUG", None)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # one territory deck of the facilitator's own, for kit list to check
        shutil.copytree(ROOT / "decks" / "faire-ensemble", work / "decks" / "chez-nous")
        deck = work / "decks" / "chez-nous" / "deck.yaml"
        deck.write_text(deck.read_text(encoding="utf-8").replace("id: faire-ensemble",
                                                                 "id: chez-nous"),
                        encoding="utf-8")
        rows = [("kit validate cooperation", ["validate", "cooperation"]),
                ("kit validate faire-ensemble", ["validate", "faire-ensemble"]),
                ("kit list (one deck in ./decks)", ["list"])]
        print(f"| command ({args.source}) | median s | min s | max s |")
        print("|---|---:|---:|---:|")
        for label, command in rows:
            times = [timed_kit(command, work, env) for _ in range(args.runs)]
            print(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f} |"
                  f" {max(times):.2f} |")
    print(f"\n{args.runs} runs each; {describe()}")


if __name__ == "__main__":
    main()

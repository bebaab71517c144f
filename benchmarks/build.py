"""How long the whole default build takes: `kit build <deck>` in a fresh process, as a
facilitator runs it (imports, the deck, the map, the cards and the canvases side by side, the
checks, the printing guide, the files written).

Run by hand from the repository root, in the project's virtualenv:

    python benchmarks/build.py                        # this checkout, 6 runs
    python benchmarks/build.py --against /tmp/before  # and another copy, runs interleaved

--against times another copy of the kit's code (say, `git archive b0ad642 | tar -x -C
/tmp/before`) with this virtualenv's libraries. The two are run turn about, so that the
machine's load weighs on both alike; the table gives best, median and worst of each, and how
much slower this checkout is (issue #13's budget: at most 20 % slower than before its work).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from machine import describe, timed_kit

ROOT = Path(__file__).resolve().parent.parent


def timed(source: Path, deck: str, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("KIT_DEBUG", None)
    return timed_kit(["build", deck, "--out", str(out)], source, env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--deck", default="cooperation")
    parser.add_argument("--against", type=Path, default=None,
                        help="another folder holding a copy of the kit to compare with")
    args = parser.parse_args()
    sources = [("this checkout", ROOT)]
    if args.against is not None:
        sources.append((str(args.against), args.against.resolve()))
    times: dict[str, list[float]] = {label: [] for label, _ in sources}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for label, source in sources:
                times[label].append(timed(source, args.deck, Path(tmp) / f"{run}-{len(label)}"))
    print(f"| kit build {args.deck}, fresh process | best s | median s | worst s |")
    print("|---|---:|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {min(values):.2f} | {statistics.median(values):.2f} |"
              f" {max(values):.2f} |")
    if args.against is not None:
        mine, other = times["this checkout"], times[str(args.against)]
        best = min(mine) / min(other) - 1
        median = statistics.median(mine) / statistics.median(other) - 1
        print(f"\nthis checkout against {args.against}: {best:+.0%} (best), {median:+.0%}"
              " (median)")
    print(f"\n{args.runs} runs each; {describe()}")


if __name__ == "__main__":
    main()

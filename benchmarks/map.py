"""How long does the kit take to plan the pocket map (recto chart + verso guide)?

Run by hand from the repository root, in the project's virtualenv:

    python benchmarks/map.py              # best and median of 5 runs after a warm-up
    python benchmarks/map.py --runs 9

For the built-in decks (cooperation, faire-ensemble, cooperation-en) and for generated decks
at both ends of the issue's range (tests/map/map_decks.py: the largest — 8 pillars with their
trails, 12 beacons, 14 currents, 12 stages, 8 sites — and the smallest), it times in this
process, with time.perf_counter:

- recto: kit.products.map.plan_recto (island, placement of every sign, label annealing, the
  drawing plan of the whole page);
- verso: kit.products.map.plan_verso (the folded guide), given the recto's island;
- map:   both, i.e. the planning of the whole map build (no PDF or SVG writing).

Fonts are registered and measured once before timing (the warm-up run), as in a build. The
targets: the default decks' map planned in under 0.3 s, the largest deck's in under 0.5 s, on
a 2-core machine. On a shared machine, read the best of several runs: the others' load only
ever adds time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "map"))

TARGETS = {"cooperation": 0.3, "faire-ensemble": 0.3, "cooperation-en": 0.3}
LARGEST_TARGET = 0.5


def machine() -> str:
    from machine import describe  # benchmarks/machine.py, beside this script

    return describe()


def decks(folder: Path) -> list[tuple[str, object]]:
    import map_decks

    from kit.load.deck import load_deck

    out = [(ref, load_deck(ref, ROOT)) for ref in ("cooperation", "faire-ensemble",
                                                   "cooperation-en")]
    for name, tree in (("largest (8/12/14/12, 8 sites)", map_decks.largest_deck_dict()),
                       ("smallest (1/1/0/2)", map_decks.smallest_deck_dict())):
        out.append((name, map_decks.write_deck(folder / tree["id"], tree)))
    return out


def time_deck(deck, runs: int) -> dict[str, float | str]:
    from kit.errors import KitError
    from kit.products.map import plan_recto, plan_verso
    from kit.render import fonts

    recto_t, verso_t = [], []
    verso_note = ""
    for k in range(runs + 1):  # the first run warms caches up and is not counted
        t0 = time.perf_counter()
        recto = plan_recto(deck, fonts.measure)
        t1 = time.perf_counter()
        try:
            plan_verso(deck, fonts.measure, "half-concertina", recto.island, ROOT)
        except KitError as exc:  # the verso's own limits are not this benchmark's subject
            verso_note = f"verso fails: {exc.diagnostics[0].message[:50]}"
        t2 = time.perf_counter()
        if k:
            recto_t.append(t1 - t0)
            verso_t.append(t2 - t1)
    total = [a + b for a, b in zip(recto_t, verso_t, strict=True)]
    return {"recto": min(recto_t), "verso": min(verso_t), "map": min(total),
            "median": statistics.median(total), "worst": max(total), "note": verso_note,
            "labels": len(recto.labels), "islands": len(recto.island)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per deck (median)")
    args = parser.parse_args()

    from kit.render import fonts

    for role in ("body", "display"):
        fonts.register(role)
    print(f"machine: {machine()}")
    print(f"best of {args.runs} runs after a warm-up (median and worst beside); targets: map <"
          f" 0.3 s for the default decks, < {LARGEST_TARGET} s for the largest\n")
    header = (f"{'deck':32} {'isl':>3} {'labels':>6} {'recto s':>8} {'verso s':>8} {'map s':>8}"
              f" {'median':>8} {'worst s':>8}")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for name, deck in decks(Path(tmp)):
            r = time_deck(deck, args.runs)
            target = TARGETS.get(name, LARGEST_TARGET if name.startswith("largest") else None)
            flag = "  over target!" if target and r["map"] >= target else ""
            print(f"{name:32} {r['islands']:>3} {r['labels']:>6} {r['recto']:>8.3f}"
                  f" {r['verso']:>8.3f} {r['map']:>8.3f} {r['median']:>8.3f} {r['worst']:>8.3f}"
                  f"{flag}" + (f"  ({r['note']})" if r["note"] else ""))


if __name__ == "__main__":
    main()

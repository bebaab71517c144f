"""How much work planning the map is, counted in machine instructions rather than seconds: a
figure the machine's load does not change, to compare two copies of the kit on a shared
machine, where benchmarks/map.py's times wander by 10 to 30 % from one run to the next.

Needs valgrind (its callgrind tool). Run by hand from the repository root, in the project's
virtualenv; each copy takes two or three minutes:

    python benchmarks/map_instructions.py                        # the largest generated deck
    python benchmarks/map_instructions.py --against /tmp/before  # and another copy of the kit
    python benchmarks/map_instructions.py --deck cooperation

For each copy it counts the instructions of a fresh process that plans the map (recto and
verso) once, then of one that plans it twice: the difference is one plan, warm, as
benchmarks/map.py times it. PYTHONHASHSEED is fixed, so that both processes walk their sets in
the same order. The budgets are in seconds (benchmarks/map.py): this says how much of a
change is the code's and how much the machine's.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: what the measured process runs: argv[1] the deck (a name or a folder), argv[2] how many plans
PLAN = """
import sys
from pathlib import Path
from kit.load.deck import load_deck
from kit.products.map import plan_recto, plan_verso
from kit.render import fonts
for role in ("body", "display"):
    fonts.register(role)
deck = load_deck(sys.argv[1])
for _ in range(int(sys.argv[2])):
    recto = plan_recto(deck, fonts.measure)
    plan_verso(deck, fonts.measure, "half-concertina", recto.island, Path.cwd())
"""


def instructions(source: Path, deck: str, plans: int) -> int:
    """The instructions a fresh process of this Python counts planning `deck` `plans` times
    with the kit found in `source`."""
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           sys.executable, "-c", PLAN, deck, str(plans)],
                          cwd=source, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deck", default="largest",
                        help="a built-in deck, or 'largest' (tests/map/map_decks.py)")
    parser.add_argument("--against", type=Path, default=None,
                        help="another folder holding a copy of the kit to compare with")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: this benchmark counts instructions with"
                         " its callgrind tool")
    sources = [("this checkout", ROOT)]
    if args.against is not None:
        sources.append((str(args.against), args.against.resolve()))
    with tempfile.TemporaryDirectory() as tmp:
        deck = args.deck
        if deck == "largest":
            sys.path.insert(0, str(ROOT / "tests" / "map"))
            import map_decks

            tree = map_decks.largest_deck_dict()
            map_decks.write_deck(Path(tmp) / tree["id"], tree)
            deck = str(Path(tmp) / tree["id"])
        counts = {}
        for label, source in sources:
            counts[label] = instructions(source, deck, 2) - instructions(source, deck, 1)
    print(f"| planning the map of {args.deck} once (recto + verso) | millions of instructions |")
    print("|---|---:|")
    for label, count in counts.items():
        print(f"| {label} | {count / 1e6:,.0f} |")
    if args.against is not None:
        change = counts["this checkout"] / counts[str(args.against)] - 1
        print(f"\nthis checkout against {args.against}: {change:+.1%}")


if __name__ == "__main__":
    main()

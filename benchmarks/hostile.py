"""How long does the kit take to refuse a hostile deck file?

Run by hand from the repository root, in the project's virtualenv:

    python benchmarks/hostile.py            # best of 5 runs of each case
    python benchmarks/hostile.py --runs 9

tests/hardening/test_limits.py checks that each of these files is refused, with its message and
its line; this script measures how long the refusal takes (kit.load.deck.load_deck, in this
process, time.perf_counter): a deck over 5 MB (refused before it is decoded), brackets or
mappings nested 100,000 deep, and three YAML alias bombs. The aim: each well under half a second
on a 2-core machine, i.e. no case expands or recurses through what it is refused for.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HEAD = "kit: 1\nid: cas\ntitle: Cas\nlanguage: fr\n"
TARGET_S = 0.5


def cases() -> dict[str, str]:
    from kit.load.yamlsrc import MAX_BYTES

    laughs = "a: &a [" + ",".join(['"lol"'] * 9) + "]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        laughs += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return {
        "over 5 MB": HEAD + "credits:\n  text: >-\n"
        + "    Un long texte.\n" * (MAX_BYTES // 18 + 1),
        "[ × 100,000": HEAD + "subtitle: " + "[" * 100_000 + "\n",
        "{a: × 100,000": HEAD + "subtitle: " + "{a: " * 100_000 + "\n",
        "billion laughs": HEAD + laughs + "credits: {text: *i}\n",
        "quadratic alias": HEAD + "x: &x " + "a" * 200_000 + "\ny: ["
        + ", ".join(["*x"] * 20_000) + "]\n",
        "5,000 merge keys": HEAD + "base: &base {a: 1}\n"
        + "".join(f"k{i}:\n  <<: *base\n" for i in range(5000)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from kit.errors import KitError
    from kit.load.deck import load_deck

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from machine import describe

    print(describe())
    print(f"\n| case | refused in (best of {args.runs}) |\n|---|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.yaml"
        for name, text in cases().items():
            path.write_text(text, encoding="utf-8")
            best = float("inf")
            for _ in range(args.runs):
                started = time.perf_counter()
                try:
                    load_deck(path, Path(tmp))
                except KitError:
                    pass
                else:
                    raise SystemExit(f"{name}: accepted, but it should be refused")
                best = min(best, time.perf_counter() - started)
            flag = "" if best < TARGET_S else f" (over {TARGET_S} s)"
            print(f"| {name} | {best * 1000:.0f} ms{flag} |")


if __name__ == "__main__":
    main()

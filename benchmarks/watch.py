"""Latency of `kit watch`: from a one-question edit of the default deck to the rebuilt files.

Run by hand: python benchmarks/watch.py [--runs 5]. Copies the cooperation deck to a temporary
folder, starts `kit watch` on it, edits one question several times and prints, for each edit,
the time until cards.pdf is replaced on disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "decks" / "cooperation", work / "decks" / "cooperation")
        deck = work / "decks" / "cooperation" / "deck.yaml"
        cards = work / "output" / "cooperation" / "cards.pdf"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "kit", "watch", "cooperation"], cwd=work,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=env)
        try:
            for line in proc.stdout:
                if "je surveille" in line:
                    break
            time.sleep(1.0)  # let the watcher start before the first edit
            times = []
            text = deck.read_text(encoding="utf-8")
            for run in range(args.runs):
                before = cards.stat().st_mtime_ns
                edited = text.replace("Quelle est la bonne composition de la capitainerie",
                                      f"Quelle est la bonne composition ({run}) de la capitainerie")
                start = time.perf_counter()
                deck.write_text(edited, encoding="utf-8")
                while cards.stat().st_mtime_ns == before:
                    time.sleep(0.005)
                    if time.perf_counter() - start > 20:
                        raise SystemExit("no rebuild within 20 s")
                times.append(time.perf_counter() - start)
                line = proc.stdout.readline().strip()
                print(f"edit {run + 1}: {times[-1]:.3f} s  ({line})")
                time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print()
    print("| edits | median s | max s |")
    print("|---|---|---|")
    print(f"| {len(times)} | {statistics.median(times):.3f} | {max(times):.3f} |")
    print(f"\nmachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores,"
          f" Python {platform.python_version()}")


if __name__ == "__main__":
    main()

"""What machine a benchmark ran on, for the tables the scripts print."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    """CPU model, cores (and how many this process may use), load, Python, reportlab, OS."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load unknown"
    try:
        from importlib.metadata import version

        rl = version("reportlab")
    except Exception:
        rl = "not installed"
    return (f"{cpu}, {os.cpu_count()} cores ({usable} usable), {load},"
            f" Python {platform.python_version()}, reportlab {rl},"
            f" {platform.system()} {platform.release()}")


def timed_kit(args: list[str], cwd, env: dict) -> float:
    """Seconds `python -m kit ARGS` takes in a fresh process (run in cwd with env); stops the
    benchmark with kit's message if the command fails."""
    import subprocess
    import sys
    import time

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"kit {' '.join(args)} failed ({cwd}):\n{proc.stderr}")
    return elapsed

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

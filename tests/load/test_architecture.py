"""The model and the geometry never import a PDF or SVG library (see STYLE.md)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import kit.layout, kit.model
names = []
for package in (kit.model, kit.layout):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
assert names, "no module found under kit.model and kit.layout"
loaded = sorted(
    name for name in sys.modules if name.split(".")[0] in ("reportlab", "svgwrite", "pypdf")
)
print(len(names), loaded)
sys.exit(1 if loaded else 0)
"""


def test_model_and_layout_do_not_import_pdf_or_svg_libraries():
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""Helpers for the print-correctness tests: small territory decks made in tmp_path (each
`extends: cooperation` and builds only what a test checks), their images generated here, and
the PDFs read back with pikepdf, pypdf and Ghostscript's separations."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest

from kit.api import BuildOptions, build_deck

LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="60" viewBox="0 0 100 60">
<rect x="0" y="0" width="100" height="60" fill="#2e7d32"/>
<circle cx="30" cy="30" r="20" fill="#e0a526" stroke="#000000" stroke-width="2"/>
<rect x="60" y="20" width="30" height="20" fill="#1d5c7a" fill-opacity="0.5"/>
</svg>
"""


def territory_deck(folder: Path, logo: str | None = None, extra: str = "") -> Path:
    """decks/terr/deck.yaml under folder, extending cooperation; returns the deck file."""
    deck = folder / "decks" / "terr"
    deck.mkdir(parents=True, exist_ok=True)
    lines = ["kit: 1", "id: terr", "extends: cooperation", "territory:",
             "  name: Pays de Test"]
    if logo:
        lines.append(f"  logo: {logo}")
    (deck / "deck.yaml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return deck / "deck.yaml"


#: the deck line and column where the logo's file name starts (see territory_deck)
LOGO_LINE, LOGO_COL = 6, 9


def build(folder: Path, deck_file: Path, **options) -> dict[str, bytes]:
    """Build the deck into folder/out and return {relative name: bytes}."""
    out = folder / "out"
    build_deck(str(deck_file), out, BuildOptions(**options), cwd=folder)
    target = out / "terr"
    return {p.relative_to(target).as_posix(): p.read_bytes()
            for p in sorted(target.rglob("*")) if p.is_file()}


def kit_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH",
                                                                 "KIT_DEBUG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "kit", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=300)


# -- images made here ---------------------------------------------------------------------------


def png_with_alpha(path: Path, size: int = 400) -> Path:
    """A green disc with a translucent yellow square on a transparent background."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size // 20, size // 20, size - size // 20, size - size // 20),
                 fill=(46, 125, 50, 255))
    draw.rectangle((size // 3, size // 3, 2 * size // 3, 2 * size // 3),
                   fill=(224, 165, 38, 180))
    image.save(path)
    return path


def jpeg(path: Path, size: int = 400) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), (255, 255, 255))
    ImageDraw.Draw(image).rectangle((size // 4, size // 4, 3 * size // 4, 3 * size // 4),
                                    fill=(150, 31, 33))
    image.save(path, quality=90)
    return path


def huge_png(path: Path, side: int = 30_000) -> Path:
    """A real PNG of side × side one-bit pixels (about 100 KB on disk), written row by row so
    that making it never holds the image in memory."""
    row = b"\0" + bytes((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
                     + chunk(b"IEND", b""))
    return path


# -- reading PDFs back --------------------------------------------------------------------------


def images_of(data: bytes) -> list[dict]:
    """Every image XObject: width, height, colour space, mask, soft mask, filter."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
                out.append({"w": int(obj.Width), "h": int(obj.Height),
                            "cs": str(obj.get("/ColorSpace")),
                            "mask": obj.get("/Mask"), "smask": obj.get("/SMask") is not None,
                            "filter": str(obj.get("/Filter"))})
    return out


def content_streams(data: bytes) -> list[bytes]:
    """Every page's and every form's content stream, decoded."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
                out.append(obj.read_bytes())
        for page in pdf.pages:
            contents = page.obj.get("/Contents")
            parts = contents if isinstance(contents, pikepdf.Array) else [contents]
            out += [p.read_bytes() for p in parts if p is not None]
    return out


def text_colours(data: bytes) -> dict[str, int]:
    """How many text-showing operators are drawn with each kind of fill colour operator
    (g, rg, k, cs), following q/Q and into forms (qpdf's parser, not our own)."""
    counts: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:

        def walk(source, resources, fill: str, depth: int = 0) -> None:
            stack = []
            for operands, operator in pikepdf.parse_content_stream(source):
                op = str(operator)
                if op == "q":
                    stack.append(fill)
                elif op == "Q":
                    fill = stack.pop() if stack else fill
                elif op in ("g", "rg", "k", "cs", "sc", "scn"):
                    fill = "cs" if op in ("sc", "scn") else op
                elif op in ("Tj", "TJ", "'", '"'):
                    counts[fill] = counts.get(fill, 0) + 1
                elif op == "Do" and depth < 8 and resources is not None:
                    xobjects = resources.get("/XObject")
                    form = xobjects.get(str(operands[0])) if xobjects is not None else None
                    if form is not None and form.get("/Subtype") == "/Form":
                        walk(form, form.get("/Resources"), fill, depth + 1)

        for page in pdf.pages:
            walk(page, page.obj.get("/Resources"), "g")
    return counts


# -- Ghostscript's separations ------------------------------------------------------------------


def need_gs() -> str:
    exe = shutil.which("gs")
    if exe is None:
        pytest.skip("Ghostscript (gs) is not installed: .ci/run installs the Debian package"
                    " ghostscript")
    return exe


def separations(pdf: Path, dpi: int = 72) -> dict:
    """Ghostscript's tiffsep plates of the first page: {'Cyan': image, …}, 8-bit, 255 = no ink
    and 0 = full ink, as the device writes them."""
    from PIL import Image

    gs = need_gs()
    out = pdf.parent / (pdf.stem + "-sep")
    out.mkdir(exist_ok=True)
    subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                    f"-r{dpi}", "-dFirstPage=1", "-dLastPage=1",
                    f"-sOutputFile={out / 'p.tif'}", str(pdf)], check=True, timeout=120)
    plates = {}
    for name in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(out / f"p({name}).tif") as plate:
            plates[name] = plate.convert("L").copy()
    return plates


def yellow_under_full_black(plates: dict) -> tuple[int, int]:
    """(pixels at 100 % K, how many of them still carry yellow ink)."""
    from PIL import ImageChops

    black, yellow = plates["Black"], plates["Yellow"]
    full_k = black.point(lambda v: 255 if v == 0 else 0)  # 0 = 100 % ink
    with_yellow = ImageChops.multiply(full_k, yellow.point(lambda v: 255 if v < 255 else 0))
    return full_k.histogram()[255], with_yellow.histogram()[255]

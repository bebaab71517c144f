"""Images a deck names (the territory's logo): every way a file can fail to be a printable
image is found when the deck is read, so that the message points at the deck line naming it
— empty, another type than its extension says, too large, truncated, refused by the image
library — never an internal error halfway through a build."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

#: a logo of more pixels is refused: 300 dpi on a 60 cm poster is 7,087 pixels a side, and
#: decoding 50 million pixels already takes 200 MB of memory
MAX_PIXELS = 50_000_000
MAX_PIXELS_TEXT = "50 millions de pixels (7 000 × 7 000)"
#: an SVG file larger than this is not a logo
MAX_SVG_BYTES = 5_000_000

_EXPECTED = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
_EXTENSION = {"PNG": ".png", "JPEG": ".jpg", "SVG": ".svg"}


def _sniff(head: bytes) -> str | None:
    """The file's type from its first bytes."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head[:4] in (b"II*\0", b"MM\0*"):
        return "TIFF"
    if head.startswith(b"BM"):
        return "BMP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in head.lower():
        return "SVG"
    return None


def image_problem(path: Path) -> str | None:
    """Why the file cannot be printed as a logo, in French, or None."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        return f"illisible ({exc.strerror})"
    return _problem(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _problem(path: str, _mtime: int, size: int) -> str | None:
    """Checked once per version of the file (kit watch rebuilds on every edit)."""
    if size == 0:
        return "le fichier est vide"
    expected = _EXPECTED[os.path.splitext(path)[1].lower()]
    with open(path, "rb") as fh:
        head = fh.read(1024)
    found = _sniff(head)
    if found != expected:
        if found in _EXTENSION:
            return (f"c'est un fichier {found}, pas un {expected} : renommez-le en"
                    f" « {Path(path).stem}{_EXTENSION[found]} » (et le deck avec)")
        if found is not None:
            return (f"c'est une image {found}, pas un {expected} : enregistrez-la en PNG, en"
                    " JPEG ou en SVG")
        return f"ce n'est pas un fichier {expected} (contenu non reconnu)"
    if expected == "SVG":
        return _svg_problem(path, size)
    return _raster_problem(path)


def _raster_problem(path: str) -> str | None:
    from PIL import Image, UnidentifiedImageError

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # our own limit, with the image's size in the message
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (f"image de {width} × {height} pixels, trop grande : {MAX_PIXELS_TEXT}"
                        " au plus (300 dpi à la taille imprimée suffisent : 600 pixels de côté"
                        " pour un logo de 5 cm)")
            if width == 0 or height == 0:
                return "image sans pixels"
            image.verify()
        with Image.open(path) as image:
            image.load()
    except UnidentifiedImageError:
        return "image illisible : la bibliothèque d'images ne reconnaît pas son contenu"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
            return "image illisible : fichier tronqué (incomplet), enregistrez-la de nouveau"
        return f"image illisible : refusée par la bibliothèque d'images ({exc})"
    finally:
        Image.MAX_IMAGE_PIXELS = saved
    return None


def _svg_problem(path: str, size: int) -> str | None:
    if size > MAX_SVG_BYTES:
        return (f"SVG de {size / 1e6:.0f} Mo, trop lourd pour un logo :"
                f" {MAX_SVG_BYTES // 1_000_000} Mo au plus")
    from defusedxml import DefusedXmlException
    from defusedxml import ElementTree as SafeET

    try:
        root = SafeET.parse(path).getroot()
    except DefusedXmlException:
        return "SVG refusé : il déclare des entités XML (ce qu'un logo ne fait pas)"
    except SafeET.ParseError as exc:
        line = getattr(exc, "position", ("?",))[0]
        return f"SVG mal formé, ligne {line}"
    if not root.tag.endswith("svg"):
        return "ce n'est pas un fichier SVG"
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(path)
    except Exception as exc:  # svglib's own failures, on a file it cannot draw
        return f"SVG que le kit ne sait pas dessiner ({type(exc).__name__})"
    if drawing is None or not drawing.width or not drawing.height:
        return "SVG sans taille (ni width et height, ni viewBox)"
    return None

"""Logos for the PDF renderer: raster images downsampled to 300 dpi at their printed size and,
in press files, converted to CMYK with an ICC profile (Pillow's ImageCms, LittleCMS) with
their transparency flattened; SVG logos with their colours converted like the palette's.

PDF/X-1a allows no transparency (no soft mask) but does allow a colour-key mask: a press
logo's pixels less than half opaque are masked out that way, the others are flattened onto
white. The CMYK profile is the one named by KIT_CMYK_PROFILE, else Ghostscript's CMYK profile
(Debian: /usr/share/color/icc/ghostscript/default_cmyk.icc, from the ghostscript package).
"""

from __future__ import annotations

import glob
import os
from functools import lru_cache
from pathlib import Path

#: the resolution a print shop expects of images at their printed size
TARGET_DPI = 300
#: where Ghostscript installs its CMYK profile (Debian, other Linux, Homebrew)
_PROFILE_PLACES = (
    "/usr/share/color/icc/ghostscript/default_cmyk.icc",
    "/usr/share/ghostscript/*/iccprofiles/default_cmyk.icc",
    "/usr/local/share/ghostscript/*/iccprofiles/default_cmyk.icc",
    "/opt/homebrew/share/ghostscript/*/iccprofiles/default_cmyk.icc",
)


class LogoProblem(Exception):
    """A logo the press files cannot carry as it is: the message says why, in French."""


def cmyk_profile() -> Path | None:
    """The CMYK ICC profile raster logos are converted with, or None when there is none."""
    named = os.environ.get("KIT_CMYK_PROFILE", "").strip()
    if named:
        return Path(named)
    for pattern in _PROFILE_PLACES:
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[-1])
    return None


def profile_description(path: Path) -> str:
    """The profile's own name ('Artifex CMYK SWOP Profile'), for the docs and messages."""
    from PIL import ImageCms

    return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path))).strip()


@lru_cache(maxsize=4)
def _transform(profile: str, source_icc: bytes | None, mode: str):
    from PIL import ImageCms

    try:
        target = ImageCms.getOpenProfile(profile)
    except (OSError, ImageCms.PyCMSError) as exc:
        raise LogoProblem(f"profil CMJN « {profile} » illisible ({exc})") from None
    if target.profile.xcolor_space.strip() != "CMYK":
        raise LogoProblem(f"le profil « {profile} » n'est pas un profil CMJN")
    source = (ImageCms.ImageCmsProfile(_bytes_io(source_icc)) if source_icc
              else ImageCms.createProfile("sRGB"))
    # relative colorimetric with black point compensation: flat logo colours stay as close as
    # the press can print them, and black stays the deepest black
    return ImageCms.buildTransform(source, target, mode, "CMYK",
                                   ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def target_size(width: int, height: int, box_w_pt: float, box_h_pt: float) -> tuple[int, int]:
    """The pixel size of an image fitted (aspect kept) into a box of that many points, at
    TARGET_DPI; never larger than the image itself."""
    scale = min(box_w_pt / width, box_h_pt / height)  # points per pixel once fitted
    want = TARGET_DPI / 72 * scale  # pixels needed per pixel of the image
    if want >= 1:
        return width, height
    return max(1, round(width * want)), max(1, round(height * want))


@lru_cache(maxsize=1)
def _opened(path: str, stamp: tuple, size: tuple[int, int] | None):
    """The image decoded, upright; the last one kept (a map's files draw the same logo)."""
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        if size is not None and image.format == "JPEG":
            # let the JPEG decoder scale down by 2, 4 or 8 (never below the size wanted):
            # a 6000-pixel photo decodes in a fraction of the time and memory
            quarter_turn = _orientation(image) in (5, 6, 7, 8)
            image.draft(image.mode, size[::-1] if quarter_turn else size)
        image.load()
        image = ImageOps.exif_transpose(image)
    return image


@lru_cache(maxsize=16)
def _raster(path: str, stamp: tuple, size: tuple[int, int] | None, cmyk: bool,
            profile: str | None):
    from PIL import Image

    image = _opened(path, stamp, size if _is_jpeg(path) else None)
    has_alpha = image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        "transparency" in image.info)
    if image.mode == "CMYK" or (image.mode == "L" and not has_alpha):
        pass  # already ink values, or grey (DeviceGray is allowed in a press file)
    elif image.mode != ("RGBA" if has_alpha else "RGB"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    if size is not None and size != image.size:
        # Lanczos, after an exact box reduction to within 3× of the size (Pillow's
        # reducing_gap: the same result to the eye, several times faster on a big logo)
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if not cmyk:
        return image, None
    icc = image.info.get("icc_profile")
    mask = None
    if image.mode == "RGBA":
        alpha = image.getchannel("A")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image).convert("RGB")
        dropped = alpha.point(lambda a: 255 if a < 128 else 0)
    else:
        dropped = None
    if image.mode == "RGB":
        if profile is None:
            raise LogoProblem("aucun profil CMJN pour convertir ce logo : installez"
                              " Ghostscript (paquet ghostscript) ou donnez un profil ICC CMJN"
                              " dans la variable KIT_CMYK_PROFILE")
        try:
            image = _transform(profile, icc, "RGB").apply(image)
        except Exception as exc:  # a broken embedded profile: say it, at the logo's line
            if isinstance(exc, LogoProblem):
                raise
            raise LogoProblem(f"conversion en CMJN impossible ({exc})") from None
    if dropped is not None and dropped.getbbox() is not None:
        image, mask = _with_colour_key(image, dropped)
    return image, mask


def _with_colour_key(image, dropped):
    """A colour-key mask (PDF 1.3, allowed by PDF/X-1a): the dropped pixels take a first
    channel value no kept pixel has (kept pixels on it move by one step, 0.4 %)."""
    from PIL import Image

    bands = list(image.split())
    kept = dropped.point(lambda v: 255 - v)
    counts = bands[0].histogram(mask=kept)
    key = min(range(256), key=lambda v: (counts[v], v))
    if counts[key]:
        nudge = key + 1 if key < 255 else key - 1
        moved = bands[0].point(lambda v: nudge if v == key else v)
        bands[0] = Image.composite(moved, bands[0], kept)
    bands[0] = Image.composite(Image.new("L", image.size, key), bands[0], dropped)
    image = Image.merge(image.mode, bands)
    depth = len(bands)
    return image, [key, key] + [0, 255] * (depth - 1)


def raster(path: str, box_w_pt: float, box_h_pt: float, cmyk: bool):
    """(PIL image, colour-key mask or None) to draw a raster logo in a box of that size."""
    from PIL import Image

    stat = os.stat(path)
    stamp = (stat.st_mtime_ns, stat.st_size)
    with Image.open(path) as probe:
        width, height = probe.size
        if _orientation(probe) in (5, 6, 7, 8):  # rotated a quarter turn
            width, height = height, width
    size = target_size(width, height, box_w_pt, box_h_pt)
    profile = cmyk_profile() if cmyk else None
    return _raster(path, stamp, size if size != (width, height) else None, cmyk,
                   str(profile) if profile else None)


def needs_pixels(path: str, box_w_pt: float, box_h_pt: float) -> bool:
    """Whether an office file can embed the file as it is (no downsampling needed)."""
    from PIL import Image

    with Image.open(path) as probe:
        if _orientation(probe) != 1:
            return True
        return target_size(*probe.size, box_w_pt, box_h_pt) != probe.size


def _is_jpeg(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in (".jpg", ".jpeg")


def _orientation(probe) -> int:
    """The EXIF orientation of a JPEG (1: upright). Only JPEGs are asked: Pillow reads a
    whole PNG to look for its EXIF chunk."""
    return probe.getexif().get(0x0112, 1) if probe.format == "JPEG" else 1


# -- SVG --------------------------------------------------------------------------------------


def svg_drawing(path: str, cmyk: bool, colours: tuple = ()):
    """The SVG as a reportlab Drawing; in a press file every colour converted to CMYK the way
    the palette's are (the print shop's values for a palette colour), translucency flattened
    onto white."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(path)
    if drawing is None:
        raise LogoProblem("SVG illisible")
    if cmyk:
        _to_cmyk(drawing, dict(colours))
    return drawing


def _to_cmyk(node, shop: dict) -> None:
    from reportlab.graphics.shapes import Image as RLImage

    for child in getattr(node, "contents", []):
        if isinstance(child, RLImage):
            raise LogoProblem("ce SVG contient une image matricielle, que le kit ne convertit"
                              " pas en CMJN : donnez le logo en PNG, ou en SVG sans image")
        for attr, opacity in (("fillColor", "fillOpacity"), ("strokeColor", "strokeOpacity")):
            colour = getattr(child, attr, None)
            if colour is None or not hasattr(colour, "red"):
                continue
            alpha = getattr(colour, "alpha", 1) or 1
            alpha *= getattr(child, opacity, 1) or 1
            setattr(child, attr, _cmyk_of(colour, alpha, shop))
            if hasattr(child, opacity):
                setattr(child, opacity, 1)
        _to_cmyk(child, shop)


def _cmyk_of(colour, alpha: float, shop: dict):
    """An RGB reportlab colour as CMYK: translucency mixed with white, then the palette's
    conversion (kit.layout.geometry.Color.from_hex) or the print shop's value."""
    from reportlab.lib.colors import CMYKColor

    from kit.layout.geometry import Color

    if hasattr(colour, "cyan"):  # CMYK already
        c, m, y, k = colour.cyan, colour.magenta, colour.yellow, colour.black
        return CMYKColor(c * alpha, m * alpha, y * alpha, k * alpha)
    rgb = [1 - alpha * (1 - v) for v in (colour.red, colour.green, colour.blue)]
    hexa = "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
    if alpha >= 1 and hexa in shop:
        return CMYKColor(*shop[hexa])
    ours = Color.from_hex(hexa)
    return CMYKColor(ours.c, ours.m, ours.y, ours.k)

"""Issue 15, item 0: a territory's logo in the press files — SVG colours to CMYK like the
palette, raster logos to CMYK through an ICC profile with their transparency flattened,
large logos downsampled to 300 dpi at their printed size, and every file still clean."""

from __future__ import annotations

import io

import pikepdf
import printcheck as P
import pytest

from kit.errors import KitError
from kit.layout.geometry import Color
from kit.preflight import check_pdf
from kit.render.images import TARGET_DPI, cmyk_profile


def needs_profile() -> None:
    if cmyk_profile() is None:
        pytest.skip("no CMYK ICC profile: .ci/run installs Ghostscript, which brings one")


def assert_clean(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if name.endswith(".pdf"):
            problems, _ = check_pdf(data, name)
            assert problems == [], [str(p) for p in problems]


def test_an_svg_logo_builds_in_press_with_its_colours_in_cmyk(tmp_path):
    deck = P.territory_deck(tmp_path, "logo.svg")
    (deck.parent / "logo.svg").write_text(P.LOGO_SVG, encoding="utf-8")
    files = P.build(tmp_path, deck, profile="press", only=("map",))
    assert_clean(files)
    streams = b"\n".join(P.content_streams(files["map.pdf"]))
    green = Color.from_hex("#2e7d32")
    want = f"{green.c:.4g} {green.m:.4g} {green.y:.4g} {green.k:.4g}".replace("0.", ".")
    assert want.encode() in streams.replace(b"0.", b"."), "the logo's green is not in CMYK"
    assert b" rg" not in streams and b" RG" not in streams
    # the translucent blue rectangle, flattened onto white: no constant alpha anywhere
    with pikepdf.open(io.BytesIO(files["map.pdf"])) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/ExtGState":
                assert float(obj.get("/ca", 1)) == 1 and float(obj.get("/CA", 1)) == 1


def test_an_svg_colour_that_is_a_palette_colour_takes_the_print_shop_cmyk(tmp_path):
    # #e0a526 is the palette's accent: the deck gives the shop's CMYK for it
    deck = P.territory_deck(tmp_path, "logo.svg", "theme:\n  cmyk:\n    accent: [1, 37, 91, 2]\n")
    (deck.parent / "logo.svg").write_text(P.LOGO_SVG, encoding="utf-8")
    files = P.build(tmp_path, deck, profile="press", only=("map",))
    streams = b"\n".join(P.content_streams(files["map-recto.pdf"]))
    assert b".01 .37 .91 .02 k" in streams


@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_raster_logos_become_cmyk_images_without_soft_masks(tmp_path, kind):
    needs_profile()
    deck = P.territory_deck(tmp_path, f"logo.{kind}")
    (P.png_with_alpha if kind == "png" else P.jpeg)(deck.parent / f"logo.{kind}")
    files = P.build(tmp_path, deck, profile="press", only=("map",))
    assert_clean(files)
    found = P.images_of(files["map.pdf"])
    assert found, "no image in the map"
    for image in found:
        assert image["cs"] == "/DeviceCMYK"
        assert not image["smask"], "a soft mask is transparency, which PDF/X-1a forbids"
        if kind == "png":  # the transparent corners: a colour-key mask (PDF 1.3)
            assert image["mask"] is not None and len(image["mask"]) == 8
        else:
            assert image["mask"] is None


def test_a_transparent_png_logo_shows_the_cartouche_through_its_corners(tmp_path):
    """Rendered: the logo's transparent corners show the cartouche's cream, not a white box;
    its disc is green."""
    needs_profile()
    import pypdfium2 as pdfium

    deck = P.territory_deck(tmp_path, "logo.png")
    P.png_with_alpha(deck.parent / "logo.png")
    files = P.build(tmp_path, deck, profile="press", only=("map",))
    pdf = pdfium.PdfDocument(files["map-recto.pdf"])
    img = pdf[0].render(scale=100 / 72).to_pil().convert("RGB")
    pdf.close()
    green = img.point(lambda v: v)  # a copy to mark the disc on
    w, h = img.size
    xs, ys = [], []
    pixels = img.load()
    for y in range(0, h // 3):
        for x in range(0, w // 2):
            r, g, b = pixels[x, y]
            if g > r + 40 and g > b + 40:
                xs.append(x)
                ys.append(y)
    del green
    assert len(xs) > 500, "no green disc where the logo is"
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    margin = (x1 - x0) / 18  # the disc is inset by 1/20 of the logo's side
    for cx, cy in ((x0 - margin * 0.6, y0 - margin * 0.6), (x1 + margin * 0.6, y1 + margin * 0.6)):
        r, g, b = pixels[round(cx), round(cy)]
        assert (r, g, b) != (255, 255, 255), "a white box around the logo"
        assert abs(r - 251) <= 6 and abs(g - 246) <= 6 and abs(b - 234) <= 8, (r, g, b)


def test_a_6000_pixel_logo_is_downsampled_to_300_dpi_where_it_is_printed(tmp_path):
    needs_profile()
    deck = P.territory_deck(tmp_path, "big.jpg")
    P.jpeg(deck.parent / "big.jpg", size=6000)
    office = P.build(tmp_path, deck, only=("map",))
    press = P.build(tmp_path, deck, profile="press", only=("map",))
    for files in (office, press):
        with pikepdf.open(io.BytesIO(files["map-recto.pdf"])) as pdf:
            (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)
                        and o.get("/Subtype") == "/Image"]
            width = int(image.Width)
        # the cartouche's logo box, from the drawn image's size: 300 dpi, not 6000 pixels
        assert width < 1000
    sizes = {name: len(data) for name, data in press.items() if name.endswith(".pdf")}
    assert sizes["map-recto.pdf"] < 400_000, sizes


def test_the_target_size_is_300_dpi_of_the_printed_box():
    from kit.render.images import target_size

    # a 6000-pixel square logo printed 30 mm wide: 30 / 25.4 × 300 = 354 pixels
    box = 30 / 25.4 * 72
    assert target_size(6000, 6000, box, box) == (354, 354)
    assert target_size(6000, 3000, box, box) == (354, 177)
    assert target_size(200, 200, box, box) == (200, 200)  # never upsampled
    assert TARGET_DPI == 300


def test_a_logo_that_cannot_be_converted_is_an_error_at_its_deck_line(tmp_path, monkeypatch):
    needs_profile()
    deck = P.territory_deck(tmp_path, "logo.png")
    P.png_with_alpha(deck.parent / "logo.png")
    monkeypatch.setenv("KIT_CMYK_PROFILE", str(tmp_path / "missing.icc"))
    with pytest.raises(KitError) as info:
        P.build(tmp_path, deck, profile="press", only=("map",))
    (d,) = info.value.diagnostics
    assert (d.loc.line, d.loc.column) == (P.LOGO_LINE, P.LOGO_COL)
    assert "profil CMJN" in d.message
    assert not (tmp_path / "out" / "terr" / "map.pdf").exists()


def test_an_svg_logo_holding_a_raster_image_is_an_error_at_its_deck_line(tmp_path):
    import base64

    deck = P.territory_deck(tmp_path, "logo.svg")
    buf = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4), (200, 30, 30)).save(buf, "PNG")
    data = base64.b64encode(buf.getvalue()).decode()
    (deck.parent / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="40" height="40"><image width="40" height="40"'
        f' xlink:href="data:image/png;base64,{data}"/></svg>', encoding="utf-8")
    P.build(tmp_path, deck, only=("map",))  # fine in an office file
    with pytest.raises(KitError) as info:
        P.build(tmp_path, deck, profile="press", only=("map",))
    (d,) = info.value.diagnostics
    assert (d.loc.line, d.loc.column) == (P.LOGO_LINE, P.LOGO_COL)
    assert "image matricielle" in d.message

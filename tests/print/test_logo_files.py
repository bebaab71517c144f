"""A logo file that is too large, truncated, of another type than its extension, empty, or that
the image library rejects: an error at the deck line naming it (FILE:LINE:COL, in French, exit
1), never an internal error. One small file per case, made here."""

from __future__ import annotations

import io

import printcheck as P
import pytest

from kit.load.images import MAX_PIXELS


def _png(size=(40, 30), colour=(46, 125, 50)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def _jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (150, 31, 33)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def _gif() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("P", (8, 8)).save(buf, "GIF")
    return buf.getvalue()


CASES = {
    # name: (file name in the deck, bytes or a maker, what the message says)
    "empty": ("logo.png", b"", "le fichier est vide"),
    "jpeg-named-png": ("logo.png", _jpeg, "c'est un fichier JPEG, pas un PNG : renommez-le en"
                                          " « logo.jpg »"),
    "png-named-jpg": ("logo.jpg", _png, "c'est un fichier PNG, pas un JPEG"),
    "gif-named-png": ("logo.png", _gif, "c'est une image GIF, pas un PNG"),
    "text-named-png": ("logo.png", b"hello, not an image\n", "ce n'est pas un fichier PNG"),
    "svg-named-png": ("logo.png", P.LOGO_SVG.encode(), "c'est un fichier SVG, pas un PNG"),
    "png-named-svg": ("logo.svg", _png, "c'est un fichier PNG, pas un SVG"),
    "truncated-png": ("logo.png", lambda: _png((300, 200), (10, 200, 90))[:-300],
                      "fichier tronqué"),
    "truncated-jpeg": ("logo.jpg", lambda: _jpeg()[: len(_jpeg()) // 2], "fichier tronqué"),
    "broken-png": ("logo.png", lambda: _png()[:16] + b"\0" * 64,
                   "la bibliothèque d'images ne reconnaît pas"),
    "svg-malformed": ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
                      "SVG mal formé, ligne 1"),
    "svg-entities": ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
                                 b"<svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>",
                     "entités XML"),
    "svg-without-size": ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect"
                                     b" width='10' height='10'/></svg>", "SVG sans taille"),
}


def _write(tmp_path, case: str):
    name, content, _ = CASES[case]
    deck = P.territory_deck(tmp_path, name)
    data = content() if callable(content) else content
    (deck.parent / name).write_bytes(data)
    return deck


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_logo_is_an_error_at_its_deck_line(tmp_path, case):
    from kit.errors import KitError
    from kit.load.deck import load_deck

    deck = _write(tmp_path, case)
    with pytest.raises(KitError) as info:
        load_deck(deck, tmp_path)
    (d,) = info.value.diagnostics
    assert (d.loc.line, d.loc.column) == (P.LOGO_LINE, P.LOGO_COL), str(d)
    assert CASES[case][2] in d.message, d.message
    assert d.message.startswith("territory → logo : « logo."), d.message


def test_a_30000_pixel_logo_is_refused_with_the_size_limit(tmp_path):
    """The issue's case: 30,000 × 30,000 pixels in about 100 KB gave an internal error
    (DecompressionBombError) from `kit build`."""
    deck = P.territory_deck(tmp_path, "logo.png")
    P.huge_png(deck.parent / "logo.png")
    assert (deck.parent / "logo.png").stat().st_size < 200_000
    for command in (("validate",), ("build", "--only", "map")):
        run = P.kit_cli(*command, str(deck), cwd=tmp_path)
        assert run.returncode == 1, run.stderr
        assert "erreur interne" not in run.stderr and "Traceback" not in run.stderr
        first = run.stderr.splitlines()[0]
        assert f"deck.yaml:{P.LOGO_LINE}:{P.LOGO_COL}: territory → logo : " in first
        assert "30000 × 30000 pixels" in first and "50 millions de pixels" in first
    assert not (tmp_path / "output").exists()


def test_the_size_limit_is_the_one_the_message_states():
    from kit.load.images import MAX_PIXELS_TEXT

    assert MAX_PIXELS == 50_000_000
    assert MAX_PIXELS_TEXT.startswith("50 millions")


def test_good_logos_pass(tmp_path):
    from kit.load.deck import load_deck

    for name, data in (("logo.png", _png()), ("logo.jpg", _jpeg()),
                       ("logo.svg", P.LOGO_SVG.encode())):
        folder = tmp_path / name
        deck = P.territory_deck(folder, name)
        (deck.parent / name).write_bytes(data)
        assert load_deck(deck, folder).territory.logo.endswith(name)

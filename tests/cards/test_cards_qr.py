"""QR codes on beacon cards: printable module size, a clear quiet zone, and (when a decoder is
installed) codes that read back as the resource's URL."""

from __future__ import annotations

import importlib.util

import cardcheck as K
import pytest

from kit.layout.geometry import Link, Rect, Shape
from kit.layout.qr import QUIET_MODULES, qr_matrix, qr_path
from kit.products import cards as C

MIN_MODULE = 0.3  # mm: below this, office printers and phone cameras lose the modules


def beacon_fronts(deck_id: str, fmt: str):
    ctx, cards = K.context(deck_id, fmt)
    for card in cards:
        if card.kind == "beacon" and card.qr:
            yield card, C.front_items(ctx, card)


def qr_of(items) -> tuple[Rect, Shape, str]:
    """(box, shape, url) of the one QR code on a front, found under its link."""
    placed = list(K.walk(items))
    (link,) = [p for p in placed if isinstance(p.item, Link)]
    box = link.rect(link.item.at)
    path, _ = qr_path(link.item.url, link.item.at)
    (shape,) = [p.item for p in placed if isinstance(p.item, Shape) and p.item.path == path]
    return box, shape, link.item.url


@pytest.mark.parametrize("fmt", list(K.FORMATS))
@pytest.mark.parametrize("deck_id", K.DECKS)
def test_modules_are_at_least_0_3_mm_at_the_printed_size(deck_id, fmt):
    ctx, _ = K.context(deck_id, fmt)
    side = ctx.fmt.qr
    urls = [r.url for b in K.deck(deck_id).beacons for r in b.resources]
    assert urls
    for url in urls:
        _, module = qr_path(url, Rect(0, 0, side, side))
        assert module >= MIN_MODULE, f"{fmt}: {url} has {module:.3f} mm modules"
    # and the codes really printed are that size (no scaling between plan and sheet)
    for card, items in beacon_fronts(deck_id, fmt):
        box, _, url = qr_of(items)
        assert K.close(box.w, side, 1e-6), card.name
        assert box.w / len(qr_matrix(url)) >= MIN_MODULE


@pytest.mark.parametrize("fmt", list(K.FORMATS))
@pytest.mark.parametrize("deck_id", K.DECKS)
def test_nothing_is_printed_in_the_quiet_zone(deck_id, fmt):
    ctx, _ = K.context(deck_id, fmt)
    card_rect = Rect(0, 0, ctx.fmt.width, ctx.fmt.height)
    for card, items in beacon_fronts(deck_id, fmt):
        box, shape, url = qr_of(items)
        module = box.w / len(qr_matrix(url))
        quiet = box.outset(QUIET_MODULES * module)
        assert card_rect.contains(box), card.name
        for item, bounds in K.printed_bounds(items):
            if item is shape:
                continue
            assert not bounds.intersects(quiet), (
                f"{fmt}: {card.name}: {type(item).__name__} at {bounds} is inside the quiet"
                f" zone {quiet} of its QR code ({module:.2f} mm modules)")


def _decoder():
    for name in ("zxingcpp", "pyzbar.pyzbar", "cv2"):
        try:
            if importlib.util.find_spec(name.split(".")[0]) is not None:
                return name
        except (ImportError, ValueError):
            continue
    return None


def _decode(name: str, image) -> set[str]:
    if name == "zxingcpp":
        import zxingcpp

        return {r.text for r in zxingcpp.read_barcodes(image.convert("L"))}
    if name == "pyzbar.pyzbar":
        from pyzbar.pyzbar import decode

        return {r.data.decode("utf-8") for r in decode(image)}
    import cv2  # pragma: no cover - depends on what is installed
    import numpy

    ok, texts, _, _ = cv2.QRCodeDetector().detectAndDecodeMulti(numpy.array(image))
    return set(texts) if ok else set()


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_printed_codes_decode_to_the_resource_urls(deck_id, build):
    name = _decoder()
    if name is None:
        pytest.skip("no QR decoder installed (zxing-cpp, pyzbar or opencv)")
    deck = K.deck(deck_id)
    want = {b.resources[0].url for b in deck.beacons if b.resources}
    doc = K.sheets(deck_id)
    _, cards = K.context(deck_id)
    per_sheet = len(K.front_groups(doc.pages[0]))
    pages = sorted({2 * (i // per_sheet) for i, c in enumerate(cards) if c.kind == "beacon"})
    data = build(deck_id, calibration=deck_id == "cooperation")["cards.pdf"]
    found: set[str] = set()
    for image in K.render_pages(data, 300, pages):
        found |= _decode(name, image)
    assert want <= found, f"not decoded: {want - found}"

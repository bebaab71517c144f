"""Previews: every page of every output as PNG (pypdfium2, no system packages) and a contact
sheet of thumbnails, so a facilitator sees the kit before printing."""

from __future__ import annotations

import io
from pathlib import Path

THUMB = 220  # px, the longer side of a thumbnail on the contact sheet
COLUMNS = 6


def render_previews(pdfs: dict[str, bytes], dpi: int = 60) -> dict[str, bytes]:
    """{pdf name: bytes} → {png name: bytes}: one PNG per page plus contact-sheet.png."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    out: dict[str, bytes] = {}
    thumbs: list[tuple[str, Image.Image]] = []
    for name in sorted(pdfs):
        pdf = pdfium.PdfDocument(pdfs[name])
        try:
            stem = name.removesuffix(".pdf")
            for index in range(len(pdf)):
                page = pdf[index]
                image = page.render(scale=dpi / 72).to_pil().convert("RGB")
                page.close()
                out[f"{stem}-{index + 1:03d}.png"] = _png(image)
                thumb = image.copy()
                thumb.thumbnail((THUMB, THUMB))
                thumbs.append((f"{stem} {index + 1}", thumb))
        finally:
            pdf.close()
    if thumbs:
        rows = (len(thumbs) + COLUMNS - 1) // COLUMNS
        cell_w, cell_h = THUMB + 20, THUMB + 36
        sheet = Image.new("RGB", (COLUMNS * cell_w, rows * cell_h), (236, 239, 241))
        draw = ImageDraw.Draw(sheet)
        for k, (label, thumb) in enumerate(thumbs):
            x = (k % COLUMNS) * cell_w + (cell_w - thumb.width) // 2
            y = (k // COLUMNS) * cell_h + 10 + (THUMB - thumb.height) // 2
            sheet.paste(thumb, (x, y))
            draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=(160,) * 3)
            draw.text(((k % COLUMNS) * cell_w + 10, (k // COLUMNS) * cell_h + THUMB + 16), label,
                      fill=(40, 50, 60))
        out["contact-sheet.png"] = _png(sheet)
    return out


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def preview_folder(folder: Path, dpi: int = 60) -> dict[str, bytes]:
    """Previews of every PDF under an output folder (canvases/ included)."""
    pdfs = {str(p.relative_to(folder)).replace("/", "-"): p.read_bytes()
            for p in sorted(folder.rglob("*.pdf"))}
    return render_previews(pdfs, dpi)


def card_preview(ref, choice: str, dpi: int, out_dir: Path, cwd: Path | None = None
                 ) -> tuple[Path, dict[str, bytes]]:
    """One card, front and back side by side, at a size one can read: (the folder to write
    to, {png name: bytes}). `choice` is an id or « kind:number », as for `--cards`."""
    from kit.api import check_glyphs
    from kit.errors import Diagnostic, KitError, Loc
    from kit.finish import pdf_bytes
    from kit.layout.geometry import Document, FormRef, Group, PageSpec, Rect
    from kit.load.deck import load_deck
    from kit.load.layouts import load_card_format
    from kit.products.card_content import BODY, deck_cards, make_context
    from kit.products.card_faces import back_form, card_fronts
    from kit.products.card_selection import kind_name, select_cards
    from kit.render import fonts
    from kit.validate import slugify

    deck = load_deck(ref, cwd)
    fonts.use_deck_fonts(dict(deck.theme.fonts))
    check_glyphs(deck)
    fonts.ensure(BODY)
    ctx = make_context(deck, load_card_format("poker", cwd), fonts.measure, 0.0)
    where = Loc("--card")
    chosen = select_cards(deck_cards(deck, ctx.t), (choice,), where)
    if len(chosen) != 1:
        raise KitError(Diagnostic(where, f"« {choice} » désigne {len(chosen)} cartes : donnez"
                                         " un identifiant ou un numéro (question:17)"))
    [(card, front)] = card_fronts(ctx, chosen)
    w, h = ctx.fmt.width, ctx.fmt.height
    doc = Document((PageSpec(w, h, (Group(tuple(front), 0, 0),)),
                    PageSpec(w, h, (FormRef(f"back-{card.kind}", Rect(0, 0, w, h)),))),
                   (back_form(ctx, card.kind),), title=card.name)
    images = render_previews({"carte.pdf": pdf_bytes(doc)}, dpi)
    front_png, back_png = images["carte-001.png"], images["carte-002.png"]
    name = f"carte-{kind_name(card.kind)}-{card.number}-{slugify(card.entity.id)}"
    return Path(out_dir) / deck.id / "apercu", {f"{name}.png": _side_by_side(front_png,
                                                                             back_png)}


def _side_by_side(front: bytes, back: bytes) -> bytes:
    """The front and the back, each cut out on a grey table, the cut edge outlined."""
    from PIL import Image, ImageDraw

    a, b = Image.open(io.BytesIO(front)), Image.open(io.BytesIO(back))
    gap = max(8, a.width // 10)
    sheet = Image.new("RGB", (a.width + b.width + 3 * gap, max(a.height, b.height) + 2 * gap),
                      (236, 239, 241))
    draw = ImageDraw.Draw(sheet)
    for image, x in ((a, gap), (b, 2 * gap + a.width)):
        sheet.paste(image, (x, gap))
        draw.rectangle((x - 1, gap - 1, x + image.width, gap + image.height),
                       outline=(160, 166, 172))
    return _png(sheet)

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

"""Draw a geometry Document with reportlab. Decides nothing: every position, size and colour
comes from the plan. Pages are drawn in millimetres with y pointing down (one transform per
page), text is flipped back upright through its text matrix."""

from __future__ import annotations

import io
import math

from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.colors import Color as RLColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from kit.declare import PRODUCER
from kit.layout.geometry import (
    MM_TO_PT,
    REGISTRATION,
    Clip,
    Color,
    Document,
    Form,
    FormRef,
    Group,
    Image,
    Link,
    PageSpec,
    Shape,
    TextBlock,
    compose,
    group_matrix,
    transform_box,
)
from kit.layout.press import office_grey
from kit.render import fonts, images

PT = 1 / MM_TO_PT  # mm per pt
_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_PT_STR, _MINUS_PT_STR = fp_str(PT), fp_str(-PT)
#: the registration colour of press files: the /All separation, which prints on every plate
_ALL = CMYKColorSep(1, 1, 1, 1, spotName="All", density=1)


def _path_ops(shape: Shape) -> str:
    """The shape's path and its painting operator (fill, stroke or both; even-odd or not)."""
    st = shape.style
    ops = []
    for cmd in shape.path:
        op = cmd[0]
        if op == "M":
            ops.append(f"{fp_str(cmd[1], cmd[2])} m")
        elif op == "L":
            ops.append(f"{fp_str(cmd[1], cmd[2])} l")
        elif op == "C":
            ops.append(f"{fp_str(*cmd[1:])} c")
        elif op == "Z":
            ops.append("h")
    if st.fill is not None:
        paint = "B" if st.stroke is not None else "f"
        ops.append(paint + "*" if st.even_odd else paint)
    else:
        ops.append("S")
    return " ".join(ops)


def _overprint(c: Canvas) -> None:
    """Overprint on, for 100 % K: /OP and /op true and /OPM 1, without which the zero C, M
    and Y of "0 0 0 1 k" still knock out the inks under the text (PDF 1.3 overprint mode)."""
    c.setFillOverprint(True)
    c.setStrokeOverprint(True)
    c.setOverprintMask(1)


class _Painter:
    def __init__(self, canvas: Canvas, cmyk: bool):
        self.c = canvas
        self.cmyk = cmyk
        self.colour_ops: dict = {}  # (colour, fill) → its operator, for this document
        self.m = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]  # the current matrix, see group()

    # colours: CMYK in press files (registration marks as the /All separation); in office
    # files, neutral greys as Gray, so a laser printer does not build black out of four
    # toners (kit.layout.press.office_grey says which colours are neutral)
    def _colour(self, col: Color, fill: bool, text: bool = False) -> None:
        c = self.c
        if self.cmyk:
            value = _ALL if col == REGISTRATION else CMYKColor(col.c, col.m, col.y, col.k)
            (c.setFillColor if fill else c.setStrokeColor)(value)
            return
        grey = office_grey(col, text)
        if grey is not None:
            (c.setFillGray if fill else c.setStrokeGray)(grey)
        else:
            (c.setFillColor if fill else c.setStrokeColor)(RLColor(col.r, col.g, col.b))

    def items(self, items) -> None:
        for item in items:
            if isinstance(item, Shape):
                self.shape(item)
            elif isinstance(item, TextBlock):
                self.text(item)
            elif isinstance(item, Group):
                self.group(item)
            elif isinstance(item, FormRef):
                self.form_ref(item)
            elif isinstance(item, Image):
                self.image(item)
            elif isinstance(item, Link):
                self.link(item)
            elif isinstance(item, Clip):
                self.clip(item)
            else:
                raise TypeError(f"cannot draw {type(item).__name__}")

    def _colour_op(self, col: Color, fill: bool) -> str | None:
        """The PDF operator _colour would write, for shapes drawn inside their own q … Q;
        None for the registration colour, whose colour space reportlab must list."""
        key = (col, fill)
        op = self.colour_ops.get(key, "")
        if op == "":
            if self.cmyk:
                op = (None if col == REGISTRATION
                      else f"{fp_str(col.c, col.m, col.y, col.k)} {'k' if fill else 'K'}")
            else:
                grey = office_grey(col, False)
                op = (f"{fp_str(grey)} {'g' if fill else 'G'}" if grey is not None
                      else f"{fp_str(col.r, col.g, col.b)} {'rg' if fill else 'RG'}")
            self.colour_ops[key] = op
        return op

    def shape(self, shape: Shape) -> None:
        st = shape.style
        if st.fill is None and st.stroke is None:
            return
        fill = None if st.fill is None else self._colour_op(st.fill, True)
        stroke = None if st.stroke is None else self._colour_op(st.stroke, False)
        if (st.overprint or st.opacity < 1 or (fill is None and st.fill is not None)
                or (stroke is None and st.stroke is not None)):
            self._shape_with_state(shape)
            return
        # the common case, written as operators between q and Q: what reportlab's path object
        # writes, without its per-call bookkeeping (thousands of shapes per card file)
        ops = ["q"]
        if fill is not None:
            ops.append(fill)
        if stroke is not None:
            ops.append(stroke)
            ops.append(f"{fp_str(st.width)} w {_CAPS[st.cap]} J {_JOINS[st.join]} j")
            if st.dash:
                ops.append(f"[{fp_str(*st.dash)}] 0 d")
        ops.append(_path_ops(shape))
        ops.append("Q")
        self.c.addLiteral(" ".join(ops))

    def _shape_with_state(self, shape: Shape) -> None:
        """Overprint, opacity and the registration colour go through reportlab, whose
        ExtGState remembers what it set and which lists the colour spaces a page uses."""
        st = shape.style
        c = self.c
        c.saveState()
        if st.overprint:
            _overprint(c)
        if st.fill is not None:
            self._colour(st.fill, True)
        if st.stroke is not None:
            self._colour(st.stroke, False)
            c.setLineWidth(st.width)
            c.setLineCap(_CAPS[st.cap])
            c.setLineJoin(_JOINS[st.join])
            if st.dash:
                c.setDash(list(st.dash))
        if st.opacity < 1:
            c.setFillAlpha(st.opacity)
            c.setStrokeAlpha(st.opacity)
        c.addLiteral(_path_ops(shape))
        c.restoreState()

    def text(self, block: TextBlock) -> None:
        """Text written as operators the way reportlab documents it for TrueType subsets
        (splitString, then getSubsetInternalName per subset): one BT … ET per block; a halo
        first, as the same text stroked (render mode 1) in its colour with round joins."""
        c = self.c
        if block.role == "credits":  # preflight allows 6 pt here, and only here
            c.addLiteral("/KitCredits BMC")
        if block.halo is not None and block.halo_width > 0:
            # outside any overprint: the halo knocks out what lies under the letters
            c.saveState()
            self._colour(block.halo, False)
            c.addLiteral(f"{fp_str(block.halo_width * PT)} w 1 J 1 j")
            c.addLiteral(self._text_ops(block, "1 Tr"))
            c.restoreState()
        if block.overprint:
            c.saveState()
            _overprint(c)
        self._colour(block.color, True, text=True)
        c.addLiteral(self._text_ops(block))
        if block.overprint:
            c.restoreState()
        if block.role == "credits":
            c.addLiteral("EMC")

    def _text_ops(self, block: TextBlock, mode: str = "") -> str:
        """BT … ET drawing the block's lines (in text render `mode`, e.g. "1 Tr", reset
        before ET: the render mode is graphics state)."""
        doc = self.c._doc
        size = fp_str(block.size)
        ops = ["BT"]
        if mode:
            ops.append(mode)
        if block.letter_spacing:
            ops.append(f"{fp_str(block.letter_spacing)} Tc")
        current = None
        chunks = self.chunks
        for line in block.lines:
            ops.append(f"{_PT_STR} 0 0 {_MINUS_PT_STR} {fp_str(line.x, line.y)} Tm")
            for span in line.spans:
                family = span.family or block.family
                key = (family, span.face, span.text)
                split = chunks.get(key)
                if split is None:
                    if span.family:
                        fonts.ensure(span.family)
                    font = getFont(fonts.font_name(family, span.face))
                    split = chunks[key] = [
                        (font.getSubsetInternalName(subset, doc), f"({escapePDF(t)}) Tj")
                        for subset, t in font.splitString(span.text, doc)]
                for name, shown in split:
                    if name != current:
                        ops.append(f"{name} {size} Tf")
                        current = name
                    ops.append(shown)
        if block.letter_spacing:
            # the character spacing is graphics state: it would spread to every later text
            ops.append("0 Tc")
        if mode:
            ops.append("0 Tr")
        ops.append("ET")
        return " ".join(ops)

    # Groups, clips and form placements are written as operators too; the painter keeps the
    # current matrix itself (self.m, page space → PDF points) for what needs absolute
    # positions: link rectangles.

    def _enter(self, local: list[float]) -> list[float]:
        outer = self.m
        self.m = compose(local, outer)
        self.c.addLiteral(f"q {fp_str(*local)} cm")
        return outer

    def group(self, g: Group) -> None:
        c = self.c
        outer = self._enter(group_matrix(g))
        if g.share:
            # identical wherever it appears: stored once as a form XObject, then reused
            name = "shared-" + g.share
            if name not in self.shared:
                c.beginForm(name, -1000, -1000, 1000, 1000)
                self.items(g.items)
                c.endForm()
                self.shared.add(name)
            c.doForm(name)
        else:
            self.items(g.items)
        c.addLiteral("Q")
        self.m = outer

    def clip(self, clip: Clip) -> None:
        r = clip.rect
        self.c.addLiteral(f"q {fp_str(r.x, r.y, r.w, r.h)} re W n")
        self.items(clip.items)
        self.c.addLiteral("Q")

    def form_ref(self, ref: FormRef) -> None:
        w, h = self.form_sizes[ref.name]
        outer = self._enter([ref.at.w / w, 0.0, 0.0, ref.at.h / h, ref.at.x, ref.at.y])
        self.c.doForm(ref.name)  # reportlab lists the form in the page's resources
        self.c.addLiteral("Q")
        self.m = outer

    def image(self, img: Image) -> None:
        """A raster or SVG image fitted into its rectangle, aspect ratio kept, centred; at
        most 300 dpi where it is printed, and in CMYK in a press file (kit.render.images)."""
        c = self.c
        c.saveState()
        at = img.at
        if img.path.lower().endswith(".svg"):
            from reportlab.graphics import renderPDF

            drawing = images.svg_drawing(img.path, self.cmyk, img.press_colours)
            _embed_svg_text(drawing)
            k = min(at.w / drawing.width, at.h / drawing.height)
            w, h = drawing.width * k, drawing.height * k
            c.translate(at.x + (at.w - w) / 2, at.y + (at.h + h) / 2)
            c.scale(k, -k)
            # the renderer's default state names Helvetica even with no text: use our face
            from reportlab.graphics import shapes

            saved = shapes.STATE_DEFAULTS["fontName"]
            shapes.STATE_DEFAULTS["fontName"] = fonts.font_name("body", "regular")
            try:
                renderPDF.draw(drawing, c, 0, 0)
            finally:
                shapes.STATE_DEFAULTS["fontName"] = saved
        else:
            from reportlab.lib.utils import ImageReader

            scale = math.sqrt(abs(self.m[0] * self.m[3] - self.m[1] * self.m[2]))
            box_w, box_h = at.w * scale, at.h * scale  # points on paper
            source, mask = img.path, "auto"
            if self.cmyk or images.needs_pixels(img.path, box_w, box_h):
                pixels, key = images.raster(img.path, box_w, box_h, self.cmyk)
                source, mask = ImageReader(pixels), (key if self.cmyk else "auto")
            c.translate(at.x, at.y + at.h)
            c.scale(1, -1)
            c.drawImage(source, 0, 0, at.w, at.h, mask=mask, preserveAspectRatio=True,
                        anchor="c")
        c.restoreState()

    def link(self, link: Link) -> None:
        r = link.at
        self.c.linkURL(link.url, transform_box(self.m, r.x, r.y, r.x2, r.y2), relative=0,
                       thickness=0)


def _embed_svg_text(node) -> None:
    """Text in an SVG logo is set in the kit's embedded face: svglib would fall back on an
    unembedded Helvetica, which a print shop refuses."""
    from reportlab.graphics.shapes import Group as RLGroup
    from reportlab.graphics.shapes import String

    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            bold = "bold" in child.fontName.lower()
            child.fontName = fonts.font_name("body", "bold" if bold else "regular")
        elif isinstance(child, RLGroup):
            _embed_svg_text(child)


def _box(rect, page: PageSpec) -> tuple[float, float, float, float]:
    """A y-down mm rectangle → PDF box [x0 y0 x1 y1] in points, y up."""
    return (
        rect.x * MM_TO_PT,
        (page.height - rect.y2) * MM_TO_PT,
        rect.x2 * MM_TO_PT,
        (page.height - rect.y) * MM_TO_PT,
    )


def render_pdf(doc: Document, families: dict[str, str] | None = None) -> bytes:
    """Render a Document to PDF bytes; byte-identical for identical input."""
    for role in families or {"body": None}:
        fonts.ensure(role)
    buf = io.BytesIO()
    first = doc.pages[0]
    c = Canvas(
        buf,
        pagesize=(first.width * MM_TO_PT, first.height * MM_TO_PT),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.font_name("body", "regular"),
        initialFontSize=10,
        # CMYK or a separation (the registration colour): reportlab raises on anything else
        enforceColorSpace="sep_cmyk" if doc.cmyk else None,
        lang=doc.language or None,
    )
    c.setTitle(doc.title)
    c.setAuthor(doc.author)
    c.setSubject(doc.subject)
    c.setCreator("kit")
    c.setProducer(PRODUCER)
    painter = _Painter(c, doc.cmyk)
    painter.form_sizes = {f.name: (f.w, f.h) for f in doc.forms}
    painter.shared = set()
    painter.chunks = {}  # (family, face, text) → its encoded subset runs, for this document
    forms_defined = False
    for page in doc.pages:
        c.setPageSize((page.width * MM_TO_PT, page.height * MM_TO_PT))
        c.setTrimBox(_box(page.trim, page) if page.trim else None)
        c.setBleedBox(_box(page.bleed, page) if page.bleed else None)
        if not forms_defined:
            for form in doc.forms:
                _define_form(c, painter, form)
            forms_defined = True
        c.saveState()
        c.translate(0, page.height * MM_TO_PT)
        c.scale(MM_TO_PT, -MM_TO_PT)
        painter.m = [MM_TO_PT, 0.0, 0.0, -MM_TO_PT, 0.0, page.height * MM_TO_PT]
        painter.items(page.items)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def _define_form(c: Canvas, painter: _Painter, form: Form) -> None:
    c.beginForm(form.name, 0, 0, form.w, form.h)
    painter.items(form.items)
    c.endForm()

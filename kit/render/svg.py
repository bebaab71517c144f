"""Draw a geometry page as SVG with svgwrite. Decides nothing: every position, size and colour
comes from the plan, with the same meaning as in the PDF renderer (kit/render/pdf.py).

User units are millimetres and y points down, as in the geometry, so coordinates are written
unchanged. The output is deterministic: identical input gives identical bytes (numbers rounded
to a fixed precision, attributes sorted by svgwrite, ids derived from names and rectangles, so
that two equal ids always carry equal definitions, even across SVGs inlined in one web page).
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from pathlib import Path as FilePath

import svgwrite

from kit.layout.geometry import (
    MM_TO_PT,
    Clip,
    Form,
    FormRef,
    Group,
    Image,
    Link,
    PageSpec,
    Path,
    Rect,
    Shape,
    Style,
    TextBlock,
)
from kit.render import fonts

PT = 1 / MM_TO_PT  # mm per pt
_WEIGHT = {"regular": None, "bold": "bold", "italic": None, "bolditalic": "bold"}
_ITALIC = {"regular": None, "bold": None, "italic": "italic", "bolditalic": "italic"}
_CSS_WEIGHT = {"regular": 400, "bold": 700, "italic": 400, "bolditalic": 700}
#: the PDF draws glyphs by their advance widths, as the layout measured them: no kerning, no
#: ligatures; a browser would otherwise narrow the lines the layout aligned and justified
_TEXT_CSS = "font-kerning:none;font-variant-ligatures:none"
_GENERIC_FAMILY = "sans-serif"


def num(v: float, digits: int = 3) -> str:
    """A number written compactly and deterministically: '12.5', '-3', '0.125'."""
    s = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def path_data(path: Path) -> str:
    """A geometry path → SVG path data 'M x y L x y C … Z' (mm, y down, unchanged)."""
    parts = []
    for cmd in path:
        op = cmd[0]
        if op not in ("M", "L", "C", "Z"):
            raise ValueError(f"unknown path command {op!r}")
        parts.append(op + " ".join(num(v) for v in cmd[1:]))
    return " ".join(parts)


def render_svg(
    page: PageSpec,
    forms: tuple[Form, ...] = (),
    families: dict[str, str] | None = None,
    embed_fonts: bool = False,
    title: str = "",
    id_prefix: str = "",
) -> bytes:
    """Render one page to SVG bytes (UTF-8), the whole media box, in millimetres.

    `forms` are the document's forms; only those the page uses are defined, once each, in
    <defs>. `families` maps a text role ('body', 'display' …) to a fontpkg family, as for
    render_pdf. With `embed_fonts`, the faces the page uses are embedded as @font-face data
    URIs, so the file shows the same letters anywhere (e.g. inside a web page).
    `id_prefix` starts every id (forms, clips, page boxes), for SVGs inlined side by side.
    Trim and bleed boxes are recorded in a hidden group, never drawn.
    """
    by_name = {f.name: f for f in forms}
    used = _forms_used(page.items, by_name)
    form_ids = _form_ids([f.name for f in forms if f.name in used], id_prefix)

    dwg = svgwrite.Drawing(size=(f"{num(page.width)}mm", f"{num(page.height)}mm"),
                           profile="full", debug=False)
    dwg["viewBox"] = f"0 0 {num(page.width)} {num(page.height)}"
    if title:
        dwg.set_desc(title=title)
    painter = _Painter(dwg, families or {}, by_name, form_ids, id_prefix)

    boxes = [(name, r) for name, r in (("bleed-box", page.bleed), ("trim-box", page.trim)) if r]
    if boxes:
        hidden = dwg.g(id=f"{id_prefix}page-boxes", display="none")
        for name, r in boxes:
            hidden.add(_rect(dwg, r, id=id_prefix + name, fill="none"))
        dwg.add(hidden)

    for form in forms:
        if form.name not in form_ids:
            continue
        fid = form_ids[form.name]
        # a PDF form XObject clips to its BBox (0 0 w h); the SVG form does the same
        g = dwg.g(id=fid, clip_path=painter.clip_ref(Rect(0, 0, form.w, form.h)))
        painter.items(g, form.items)
        dwg.defs.add(g)

    for item in page.items:
        painter.item(dwg, item)

    if embed_fonts and painter.faces_used:
        dwg.defs.elements.insert(0, dwg.style(font_face_css(painter.faces_used)))

    out = io.StringIO()
    dwg.write(out, pretty=False)
    out.write("\n")
    return out.getvalue().encode("utf-8")


class _Painter:
    def __init__(self, dwg: svgwrite.Drawing, families: dict[str, str], forms: dict[str, Form],
                 form_ids: dict[str, str], id_prefix: str):
        self.dwg = dwg
        self.families = families
        self.forms = forms
        self.form_ids = form_ids
        self.id_prefix = id_prefix
        self.clips: set[str] = set()
        #: (fontpkg family, face) of every span drawn
        self.faces_used: set[tuple[str, str]] = set()

    def items(self, parent, items) -> None:
        for item in items:
            self.item(parent, item)

    def item(self, parent, item) -> None:
        if isinstance(item, Shape):
            self.shape(parent, item)
        elif isinstance(item, TextBlock):
            self.text(parent, item)
        elif isinstance(item, Group):
            self.group(parent, item)
        elif isinstance(item, FormRef):
            self.form_ref(parent, item)
        elif isinstance(item, Image):
            self.image(parent, item)
        elif isinstance(item, Link):
            self.link(parent, item)
        elif isinstance(item, Clip):
            el = self.dwg.g(clip_path=self.clip_ref(item.rect))
            self.items(el, item.items)
            parent.add(el)
        else:
            raise TypeError(f"cannot draw {type(item).__name__}")

    def shape(self, parent, shape: Shape) -> None:
        st = shape.style
        if st.fill is None and st.stroke is None:
            return  # as in the PDF: nothing to paint
        parent.add(self.dwg.path(d=path_data(shape.path), **_style_attrs(st)))

    def text(self, parent, block: TextBlock) -> None:
        family = self._family(block.family)
        attrs = {
            "font-family": f"{_css_string(_family_name(family))}, {_GENERIC_FAMILY}",
            "font-size": num(block.size * PT, 4),
            "fill": block.color.hex(),
            "style": _TEXT_CSS,
            "xml:space": "preserve",  # keeps runs of spaces and U+00A0 as laid out
        }
        if block.letter_spacing:
            attrs["letter-spacing"] = num(block.letter_spacing * PT, 4)
        if block.halo is not None and block.halo_width > 0:
            # the halo under the letters, as in the PDF: the stroke painted first
            attrs.update({"stroke": block.halo.hex(), "stroke-width": num(block.halo_width * PT, 4),
                          "stroke-linejoin": "round", "stroke-linecap": "round",
                          "paint-order": "stroke"})
        for line in block.lines:
            if not line.spans:
                continue
            t = self.dwg.text("")
            t.update({"x": num(line.x), "y": num(line.y), **attrs})
            for span in line.spans:
                if span.face not in _WEIGHT:
                    raise ValueError(f"unknown face {span.face!r}")
                own = self._family(span.family) if span.family else family
                self.faces_used.add((own, span.face))
                tspan = self.dwg.tspan(span.text, font_weight=_WEIGHT[span.face],
                                       font_style=_ITALIC[span.face])
                if span.family:  # characters the chosen font lacks, in the fallback family
                    tspan["font-family"] = f"{_css_string(_family_name(own))}, {_GENERIC_FAMILY}"
                t.add(tspan)
            parent.add(t)

    def clip_ref(self, r: Rect) -> str:
        """url(#…) of a clipPath to rectangle r (in the user space of the element clipped),
        defined once; its id is made of r's numbers, so equal ids mean equal clips."""
        cid = f"{self.id_prefix}clip-" + "_".join(num(v) for v in (r.x, r.y, r.w, r.h))
        if cid not in self.clips:
            clip = self.dwg.clipPath(id=cid)
            clip.add(_rect(self.dwg, r))
            self.dwg.defs.add(clip)
            self.clips.add(cid)
        return f"url(#{cid})"

    def group(self, parent, g: Group) -> None:
        # g.share (a group repeated identically) is drawn in place: an SVG shows one card
        # or one map, where a <defs> copy would save nothing and add ids to clash on
        parts = []
        if g.dx or g.dy:
            parts.append(f"translate({num(g.dx)} {num(g.dy)})")
        if g.rotate:
            parts.append(f"rotate({num(g.rotate, 4)})")
        if g.scale != 1:
            parts.append(f"scale({num(g.scale, 6)})")
        el = self.dwg.g(transform=" ".join(parts) or None)
        self.items(el, g.items)
        parent.add(el)

    def form_ref(self, parent, ref: FormRef) -> None:
        form = self.forms[ref.name]
        sx, sy = ref.at.w / form.w, ref.at.h / form.h
        transform = f"translate({num(ref.at.x)} {num(ref.at.y)})"
        if sx != 1 or sy != 1:
            transform += f" scale({num(sx, 6)} {num(sy, 6)})"
        parent.add(self.dwg.use(f"#{self.form_ids[ref.name]}", transform=transform))

    def image(self, parent, img: Image) -> None:
        # preserveAspectRatio's default (xMidYMid meet) is the PDF's: fitted, centred
        el = self.dwg.image(_data_uri(img.path))
        el.update(_rect_attrs(img.at))
        parent.add(el)

    def link(self, parent, link: Link) -> None:
        a = self.dwg.a(link.url)
        # an invisible area that still takes the click, like a PDF link annotation
        a.add(_rect(self.dwg, link.at, fill="none", pointer_events="all"))
        parent.add(a)

    def _family(self, role: str) -> str:
        """The fontpkg family of a text role: as given, else the one the deck registered."""
        return self.families.get(role) or fonts.family_of(role)


def _style_attrs(st: Style) -> dict[str, str]:
    attrs = {"fill": st.fill.hex() if st.fill is not None else "none"}
    if st.fill is not None and st.even_odd:
        attrs["fill-rule"] = "evenodd"
    if st.fill is not None and st.opacity < 1:
        attrs["fill-opacity"] = num(st.opacity)
    if st.stroke is not None:
        attrs["stroke"] = st.stroke.hex()
        attrs["stroke-width"] = num(st.width, 4)
        attrs["stroke-linecap"] = st.cap
        attrs["stroke-linejoin"] = st.join
        if st.join == "miter":
            attrs["stroke-miterlimit"] = "10"  # the PDF default; SVG's would be 4
        if st.dash:
            attrs["stroke-dasharray"] = " ".join(num(d, 4) for d in st.dash)
        if st.opacity < 1:
            attrs["stroke-opacity"] = num(st.opacity)
    return attrs


def _rect_attrs(r: Rect) -> dict[str, str]:
    return {"x": num(r.x), "y": num(r.y), "width": num(r.w), "height": num(r.h)}


def _rect(dwg: svgwrite.Drawing, r: Rect, **extra: str):
    # svgwrite's rect() takes numbers through insert/size; ours are already formatted
    el = dwg.rect(**extra)
    el.update(_rect_attrs(r))
    return el


def _forms_used(items, by_name: dict[str, Form], used: set[str] | None = None) -> set[str]:
    """Names of the forms drawn by items, through groups and forms inside forms."""
    used = set() if used is None else used
    for item in items:
        if isinstance(item, FormRef):
            if item.name not in by_name:
                raise ValueError(f"form {item.name!r} is used but not defined")
            if item.name not in used:
                used.add(item.name)
                _forms_used(by_name[item.name].items, by_name, used)
        elif isinstance(item, Group):
            _forms_used(item.items, by_name, used)
    return used


def _form_ids(names: list[str], prefix: str = "") -> dict[str, str]:
    """Stable XML ids for form names: 'form-' + the name's safe characters, made unique."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = f"{prefix}form-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "x")
        fid, n = base, 1
        while fid in taken:
            n += 1
            fid = f"{base}-{n}"
        ids[name] = fid
        taken.add(fid)
    return ids


@lru_cache(maxsize=64)
def _family_name(family: str) -> str:
    """The real family name of a fontpkg family ('Atkinson Hyperlegible'), for CSS."""
    import fontpkg

    try:
        return fonts.family_name(family)
    except fontpkg.FontpkgError:
        fonts.font_file(family, "regular")  # raises the kit's error naming the package
        raise


def _css_string(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def font_face_css(faces: set[tuple[str, str]]) -> str:
    """@font-face rules embedding the TTF files of (fontpkg family, face) pairs."""
    rules = []
    for family, face in sorted(faces, key=lambda f: (f[0], fonts.FACES.index(f[1]))):
        data = base64.b64encode(fonts.font_file(family, face).read_bytes()).decode("ascii")
        rules.append(
            f"@font-face{{font-family:{_css_string(_family_name(family))};"
            f"font-weight:{_CSS_WEIGHT[face]};font-style:{_ITALIC[face] or 'normal'};"
            f"src:url(data:font/ttf;base64,{data}) format('truetype')}}"
        )
    return "\n".join(rules)


def _data_uri(path: str) -> str:
    data = FilePath(path).read_bytes()
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        mime = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        mime = "image/jpeg"
    elif FilePath(path).suffix.lower() == ".svg" or b"<svg" in data[:4096]:
        mime = "image/svg+xml"
    else:
        raise ValueError(f"{path}: only PNG, JPEG and SVG images can be embedded")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

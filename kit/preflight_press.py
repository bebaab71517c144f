"""Preflight of press files: their colours and what they declare.

One pass over each page's content (and the forms it draws, with the graphics state they
inherit) finds:

- RGB: rg/RG, an RGB colour space, an RGB image (inline or not);
- 100 % K text in overprint mode 0: `/op true` without `/OPM 1` leaves the zero C, M and Y of
  `0 0 0 1 k` knocking out the inks under the text, so the overprint does nothing;
- white text overprinted (it vanishes on press);
- paths or text in 400 % DeviceCMYK (`1 1 1 1 K`): registration marks belong in the
  `/Separation /All` colour, which page-wide ink checks do not count;

and, for the whole file, a PDF/X version the file's PDF version cannot be (PDF/X-1a:2001 and
PDF/X-3:2002 are PDF 1.3; the 2003 versions allow 1.4).
"""

from __future__ import annotations

import re

from kit.preflight_reading import (
    content_ops,
    object_key,
    page_contents,
    page_resources,
    token_text,
)
from kit.preflight_report import Problem

#: PDF/X versions → the highest PDF version each allows
PDFX_PDF_VERSION = {
    "PDF/X-1:2001": "1.3", "PDF/X-1a:2001": "1.3", "PDF/X-3:2002": "1.3",
    "PDF/X-1a:2003": "1.4", "PDF/X-3:2003": "1.4", "PDF/X-2:2003": "1.4",
    "PDF/X-4": "1.6", "PDF/X-4p": "1.6", "PDF/X-5g": "1.6", "PDF/X-5pg": "1.6",
    "PDF/X-5n": "1.6",
}

_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
_SHOW = {"Tj", "TJ", "'", '"'}


def _colour_ops(source, data: bytes):
    """(operator, operands as text) of a content stream. Our tokenizer reads it, unless it
    holds an inline image, whose bytes could look like operators: then qpdf's parser, which
    knows them, and an inline image's colour space as operator "BI"."""
    import pikepdf

    if not _INLINE_IMAGE.search(data):
        for op, args in content_ops(data):
            yield op.decode("latin-1"), [token_text(a) for a in args]
        return
    for instruction in pikepdf.parse_content_stream(source):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            yield "BI", [str(instruction.iimage.colorspace)]
        else:
            yield str(instruction.operator), [str(a) for a in instruction.operands]


def _numbers(operands) -> tuple[float, ...]:
    try:
        return tuple(float(v) for v in operands)
    except ValueError:
        return ()


class _State:
    """The part of the graphics state the checks need: colours and overprint."""

    __slots__ = ("fill", "stroke", "op", "OP", "OPM")

    def __init__(self) -> None:
        self.fill: tuple = ("g", (0.0,))
        self.stroke: tuple = ("g", (0.0,))
        self.op: bool | None = None  # unset: follows OP
        self.OP = False
        self.OPM = 0

    def copy(self) -> _State:
        other = _State()
        other.fill, other.stroke, other.op, other.OP, other.OPM = (
            self.fill, self.stroke, self.op, self.OP, self.OPM)
        return other

    def key(self) -> tuple:
        return (self.fill, self.stroke, self.op, self.OP, self.OPM)

    def fill_overprints(self) -> bool:
        return self.OP if self.op is None else self.op


def _scan(source, data: bytes, resources, state: _State, cache: dict) -> dict[str, int]:
    found: dict[str, int] = {}

    def add(what: str, n: int = 1) -> None:
        found[what] = found.get(what, 0) + n

    stack: list[_State] = []
    for op, operands in _colour_ops(source, data):
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            state = stack.pop() if stack else state
        elif op in ("k", "K", "g", "G", "rg", "RG"):
            colour = (op.lower(), _numbers(operands))
            if op.lower() == "rg":
                add("rgb")
            if op.islower():
                state.fill = colour
            else:
                state.stroke = colour
        elif op in ("cs", "CS"):
            if operands and operands[0] == "/DeviceRGB":
                add("rgb")
            colour = ("cs", tuple(operands[:1]))
            if op == "cs":
                state.fill = colour
            else:
                state.stroke = colour
        elif op == "gs" and operands and resources is not None:
            states = resources.get("/ExtGState")
            gs = states.get(operands[0]) if states is not None else None
            if gs is not None:
                if "/OP" in gs:
                    state.OP = bool(gs["/OP"])
                if "/op" in gs:
                    state.op = bool(gs["/op"])
                if "/OPM" in gs:
                    state.OPM = int(gs["/OPM"])
        elif op == "BI" and operands and operands[0] in ("/DeviceRGB", "/RGB"):
            add("rgb")
        elif op in _PAINT:
            if op in ("S", "s", "B", "B*", "b", "b*") and _is_400(state.stroke):
                add("400")
            if op not in ("S", "s") and _is_400(state.fill):
                add("400")
        elif op in _SHOW:
            kind, values = state.fill
            if _is_400(state.fill):
                add("400")
            elif state.fill_overprints():
                if kind == "k" and values[:3] == (0, 0, 0) and values[3] >= 0.999 \
                        and state.OPM != 1:
                    add("opm")
                elif (kind == "k" and values == (0, 0, 0, 0)) or (kind == "g" and values
                                                                   and values[0] >= 1):
                    add("white")
        elif op == "Do" and operands and resources is not None:
            xobjects = resources.get("/XObject")
            obj = xobjects.get(operands[0]) if xobjects is not None else None
            if obj is None:
                continue
            if obj.get("/Subtype") == "/Form":
                key = (object_key(obj), state.key())
                if key not in cache:
                    cache[key] = {}  # a form drawing itself stops here
                    cache[key] = _scan(obj, obj.read_bytes(), obj.get("/Resources"),
                                       state.copy(), cache)
                for what, n in cache[key].items():
                    add(what, n)
            elif obj.get("/ColorSpace") == "/DeviceRGB":
                add("rgb")
    return found


def _is_400(colour: tuple) -> bool:
    kind, values = colour
    return kind == "k" and len(values) == 4 and all(v >= 0.999 for v in values)


def check_colours(name: str, number: int, page, form_cache: dict) -> list[Problem]:
    """The colour problems of one page of a press file (forms read once per file and state:
    form_cache)."""
    data = page_contents(page)
    if data is None:
        return []
    try:
        found = _scan(page, data, page_resources(page), _State(), form_cache.setdefault(
            "press-colours", {}))
    except Exception:  # a stream we cannot follow: the text check reports it
        return []
    out = []
    if found.get("rgb"):
        out.append(Problem(name, number, "couleur RVB dans un fichier imprimeur (CMJN attendu)"))
    if found.get("opm"):
        out.append(Problem(name, number, f"{found['opm']} texte(s) 100 % K en surimpression sans"
                                         " /OPM 1 : le cyan, le magenta et le jaune dessous"
                                         " sont quand même effacés"))
    if found.get("white"):
        out.append(Problem(name, number, f"{found['white']} texte(s) blanc(s) en surimpression :"
                                         " ils disparaissent à l'impression"))
    if found.get("400"):
        out.append(Problem(name, number, f"{found['400']} tracé(s) en 400 % (1 1 1 1 en CMJN) :"
                                         " le repérage se fait avec la couleur /Separation"
                                         " /All"))
    return out


def check_declarations(pdf, name: str) -> list[Problem]:
    """A PDF/X version the file's own PDF version cannot be."""
    info = pdf.docinfo if "/Info" in pdf.trailer else {}
    declared = info.get("/GTS_PDFXVersion")
    if declared is None:
        return []
    version = str(declared)
    highest = PDFX_PDF_VERSION.get(version)
    if highest is None:
        return [Problem(name, 0, f"version PDF/X inconnue : « {version} »")]
    if _version(pdf.pdf_version) > _version(highest):
        return [Problem(name, 0, f"déclare {version}, qui exige PDF {highest} au plus, dans un"
                                 f" fichier PDF {pdf.pdf_version}")]
    return []


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])

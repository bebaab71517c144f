"""Reading a PDF's pages back, through qpdf (pikepdf): page boxes, resources, the fonts of a page
and of the forms it draws, content-stream operators, and every text run with its effective size
and position, following the graphics state into forms."""

from __future__ import annotations

import math
import re

from kit.layout.geometry import compose


def page_box(page, name: str):
    obj = page.obj.get(name)
    if obj is None:
        return None
    return tuple(float(v) for v in obj)


def page_contents(page) -> bytes | None:
    """A page's content stream (which may be split into an array of streams)."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return None
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def object_key(obj):
    """An indirect object's number; None for a direct one (looked at each time: pikepdf makes
    a new Python object at each access, so there is nothing stable to remember it by)."""
    number = obj.objgen
    return number if number != (0, 0) else None


def page_resources(page):
    """A page's resources. Those a page inherits from its page tree are its own here: qpdf
    copies inherited attributes down to each page when it lists the pages (tested)."""
    return page.obj.get("/Resources")


def fonts_of(resources, seen: set) -> list:
    """Fonts of these resources and of the forms they use, each form visited once per file."""
    out = []
    if resources is None:
        return out
    fonts = resources.get("/Font")
    if fonts is not None:
        out += [font for _, font in fonts.items()]
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for _, obj in xobjects.items():
            key = object_key(obj)
            if key is not None:
                if ("xobject", key) in seen:
                    continue
                seen.add(("xobject", key))
            if obj.get("/Subtype") == "/Form":
                out += fonts_of(obj.get("/Resources"), seen)
    return out

_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)"       # a literal string (reportlab escapes parentheses)
    rb"|<<|>>|<[0-9A-Fa-f\s]*>"     # dictionary delimiters, hex strings
    rb"|\[|\]"                        # arrays (TJ)
    rb"|/[^\s/\[\]()<>{}%]+"           # names
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)"     # numbers
    rb"|[A-Za-z'\"*][A-Za-z'\"*0-9]*"   # operators
    rb"|%[^\r\n]*"                     # comments
)
_SHOW = {b"Tj", b"TJ", b"'", b'"'}


def content_ops(data: bytes):
    """(operator, operands) of a content stream; only what text checking needs is decoded."""
    operands: list = []
    depth = 0
    for m in _TOKEN.finditer(data):
        tok = m.group()
        c = tok[:1]
        if c in b"(<%[]" or tok in (b"<<", b">>"):
            if tok == b"[" or tok == b"<<":
                depth += 1
            elif tok == b"]" or tok == b">>":
                depth -= 1
            if c != b"%":
                operands.append(tok)
            continue
        if c == b"/" or c in b"+-.0123456789":
            operands.append(tok)
            continue
        if depth:  # an operator-looking word inside an array or dictionary (true, null…)
            operands.append(tok)
            continue
        yield tok, operands
        operands = []


def text_runs(page, form_cache: dict):
    """Yield (effective size pt, x, y, in credits) for every text-showing operator, following
    the graphics state into form XObjects (each form's stream is tokenised once per file:
    form_cache is shared by the file's pages)."""

    def walk(data: bytes, resources, ctm):
        stack: list = []
        tm = lm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        size = leading = 0.0
        credits = 0
        for op, args in content_ops(data):
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm" and len(args) == 6:
                ctm = compose([float(v) for v in args], ctm)
            elif op == b"BT":
                tm = lm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
            elif op == b"Tf" and len(args) == 2:
                size = float(args[1])
            elif op == b"TL" and args:
                leading = float(args[0])
            elif op == b"Tm" and len(args) == 6:
                tm = lm = [float(v) for v in args]
            elif op in (b"Td", b"TD") and len(args) == 2:
                tx, ty = float(args[0]), float(args[1])
                if op == b"TD":
                    leading = -ty
                tm = lm = compose([1, 0, 0, 1, tx, ty], lm)
            elif op in (b"T*", b"'", b'"'):
                tm = lm = compose([1, 0, 0, 1, 0, -leading], lm)
            elif op == b"BMC" and args and args[0] == b"/KitCredits":
                credits += 1
            elif op == b"EMC" and credits:
                credits -= 1
            if op in _SHOW:
                m = compose(tm, ctm)
                scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
                yield size * scale, m[4], m[5], bool(credits)
            elif op == b"Do" and args and resources is not None:
                xobjects = resources.get("/XObject")
                form = xobjects.get(token_text(args[0])) if xobjects is not None else None
                if form is None:
                    continue
                key = object_key(form)
                if key not in form_cache:
                    if form.get("/Subtype") != "/Form":
                        form_cache[key] = None
                    else:
                        matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                        # the form's runs in its own space, computed once
                        form_cache[key] = (matrix, list(walk(form.read_bytes(),
                                                             form.get("/Resources"),
                                                             [1, 0, 0, 1, 0, 0])))
                cached = form_cache[key]
                if cached is None:
                    continue
                matrix, runs = cached
                outer = compose(matrix, ctm)
                scale = math.sqrt(abs(outer[0] * outer[3] - outer[1] * outer[2]))
                for run_size, x, y, in_credits in runs:
                    yield (run_size * scale, x * outer[0] + y * outer[2] + outer[4],
                           x * outer[1] + y * outer[3] + outer[5], in_credits or bool(credits))

    contents = page_contents(page)
    if contents is not None:
        yield from walk(contents, page_resources(page), [1, 0, 0, 1, 0, 0])


def token_text(token: bytes) -> str:
    """A content-stream token as text; a name's #xx escapes decoded, as dictionary keys are."""
    text = token.decode("latin-1")
    if text.startswith("/") and "#" in text:
        text = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), text)
    return text

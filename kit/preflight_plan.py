"""Preflight of the plan a PDF was drawn from.

`kit build` knows the geometry it has just drawn: text sizes, text positions and inked areas
are checked on that plan (exact, and fast on 10,000 cards); fonts, boxes, page sizes and
colour spaces are read back from the PDF itself (kit.preflight_pdf). `kit preflight` on files
re-reads everything from the PDF."""

from __future__ import annotations

import math

from kit.layout.geometry import compose, group_matrix, transform_box, transform_point
from kit.layout.impose import OFFICE_BAND
from kit.preflight_report import MIN_CREDITS, MIN_TEXT, Problem


def _group_matrix(g, outer):
    return compose(group_matrix(g), outer)


def _plan_marks(items, m, forms, clip, out, cache: dict | None = None):
    """Collect ('ink', box) and ('text', size, x, y, role) of items under matrix m (mm).

    A text block's ink is one box around its lines (the band check only asks whether any ink
    reaches into the band, which the union answers exactly). Shared groups and forms are
    walked once, in their own space, and their marks placed wherever they are used."""
    from kit.layout.geometry import Clip, FormRef, Group, Image, Shape, TextBlock

    pt = 25.4 / 72
    for item in items:
        kind = type(item)
        if kind is Shape:
            st = item.style
            if st.fill is None and st.stroke is None:
                continue
            xs = [c for cmd in item.path for c in cmd[1::2]]
            ys = [c for cmd in item.path for c in cmd[2::2]]
            pad = st.width / 2 if st.stroke is not None else 0.0
            box = transform_box(m, min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
            out.append(("ink", _clipped(box, clip)))
        elif kind is TextBlock:
            lines = item.lines
            if not lines:
                continue
            scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            size = item.size * scale
            for line in lines:
                x, y = transform_point(m, line.x, line.y)
                out.append(("text", size, x, y, item.role))
            box = transform_box(m, min(line.x for line in lines),
                          min(line.y for line in lines) - item.size * 0.8 * pt,
                          max(line.x + line.width for line in lines),
                          max(line.y for line in lines) + item.size * 0.25 * pt)
            out.append(("ink", _clipped(box, clip)))
        elif kind is Group and item.share and cache is not None:
            local = _local_marks(("group", item.share), item.items, forms, None, cache)
            _place_marks(local, _group_matrix(item, m), clip, out)
        elif kind is Group:
            _plan_marks(item.items, _group_matrix(item, m), forms, clip, out, cache)
        elif kind is Clip:
            r = item.rect
            box = transform_box(m, r.x, r.y, r.x2, r.y2)
            _plan_marks(item.items, m, forms, box if clip is None else _clipped(box, clip), out,
                        cache)
        elif kind is FormRef:
            form = forms[item.name]
            sx, sy = item.at.w / form.w, item.at.h / form.h
            inner = compose([sx, 0, 0, sy, item.at.x, item.at.y], m)
            box = transform_box(inner, 0, 0, form.w, form.h)  # a form clips to its box
            if cache is None:
                _plan_marks(form.items, inner, forms, box, out, cache)
                continue
            local = _local_marks(("form", item.name), form.items, forms,
                                 (0.0, 0.0, form.w, form.h), cache)
            _place_marks(local, inner, box if clip is None else _clipped(box, clip), out)
        elif kind is Image:
            r = item.at
            out.append(("ink", _clipped(transform_box(m, r.x, r.y, r.x2, r.y2), clip)))


def _local_marks(key, items, forms, clip, cache: dict) -> tuple[list, list, tuple | None]:
    """The marks of a shared group or a form in its own space, computed once per document:
    (text marks, ink boxes, the union of the ink boxes)."""
    local = cache.get(key)
    if local is None:
        marks: list = []
        _plan_marks(items, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], forms, clip, marks, cache)
        texts = [m for m in marks if m[0] == "text"]
        boxes = [m[1] for m in marks if m[0] == "ink" and m[1] is not None]
        union = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                 max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else None
        local = cache[key] = (texts, boxes, union)
    return local


def _place_marks(local, g, clip, out: list) -> None:
    texts, boxes, union = local
    scale = math.sqrt(abs(g[0] * g[3] - g[1] * g[2]))
    for mark in texts:
        x, y = transform_point(g, mark[2], mark[3])
        out.append(("text", mark[1] * scale, x, y, mark[4]))
    if union is None:
        return
    placed = transform_box(g, *union)
    square = (g[1] == 0 and g[2] == 0) or (g[0] == 0 and g[3] == 0)
    if square and (clip is None or _clipped(placed, clip) == placed):
        # boxes stay boxes and none is cut away: the band only sees the extremes, which the
        # union has
        out.append(("ink", placed))
        return
    for b in boxes:
        out.append(("ink", _clipped(transform_box(g, b[0], b[1], b[2], b[3]), clip)))


def _clipped(box, clip):
    if clip is None or box is None:
        return box
    x0, y0 = max(box[0], clip[0]), max(box[1], clip[1])
    x1, y1 = min(box[2], clip[2]), min(box[3], clip[3])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def check_plan(doc, name: str) -> list[Problem]:
    """Text sizes, text within the trim (press) and ink within the office band, on the plan."""
    forms = {f.name: f for f in doc.forms}
    problems: list[Problem] = []
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    cache: dict = {}
    for number, page in enumerate(doc.pages, start=1):
        marks: list = []
        _plan_marks(page.items, identity, forms, None, marks, cache)
        small = [m[1] for m in marks if m[0] == "text"
                 and m[1] < (MIN_CREDITS if m[4] == "credits" else MIN_TEXT) - 0.05]
        if small:
            problems.append(Problem(name, number, f"{len(small)} texte(s) sous 7 pt (le plus"
                                                  f" petit : {min(small):.1f} pt)"))
        if page.trim is not None:
            t = page.trim
            outside = [m for m in marks if m[0] == "text"
                       and not (t.x - 0.2 <= m[2] <= t.x2 + 0.2
                                and t.y - 0.2 <= m[3] <= t.y2 + 0.2)]
            if outside:
                problems.append(Problem(name, number, f"{len(outside)} texte(s) hors du format"
                                                      " fini (TrimBox)"))
        else:
            band = OFFICE_BAND - 0.05
            inked = [m[1] for m in marks if m[0] == "ink" and m[1] is not None
                     and (m[1][0] < band or m[1][1] < band or m[1][2] > page.width - band
                          or m[1][3] > page.height - band)]
            if inked:
                problems.append(Problem(name, number, "encre à moins de 6 mm du bord de la feuille"
                                                      " (zone non imprimable des imprimantes de"
                                                      " bureau)"))
    return problems

"""Reading a planned recto the way the paper will show it: every word's box on the page
(through the groups' transforms: glyphs set along a curve are rotated groups), and its
distance to the creases of the fold scheme."""

from __future__ import annotations

from collections.abc import Iterator

from kit.layout.geometry import Group, Rect, TextBlock, group_matrix, transform_box
from kit.layout.text import PT

IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _compose(a: list[float], b: list[float]) -> list[float]:
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def blocks(items, m: list[float] | None = None) -> Iterator[tuple[TextBlock, list[float]]]:
    """Every text block with the matrix that places it on the page."""
    m = m or IDENTITY
    for item in items:
        if isinstance(item, TextBlock):
            yield item, m
        elif isinstance(item, Group):
            yield from blocks(item.items, _compose(group_matrix(item), m))


def word_boxes(items, measure) -> Iterator[tuple[str, Rect]]:
    """(word, its box on the page): from the cap height above the baseline to the descender
    below it, as wide as the font says."""
    for block, m in blocks(items):
        size = block.size
        top, bottom = size * 0.92 * PT, size * 0.25 * PT
        for line in block.lines:
            x = line.x
            for span in line.spans:
                family = span.family or block.family
                start = 0
                text = span.text
                while start <= len(text):
                    end = text.find(" ", start)
                    end = len(text) if end < 0 else end
                    word = text[start:end]
                    if word.strip():
                        x0 = x + measure(text[:start], span.face, family, size)
                        x1 = x + measure(text[:end], span.face, family, size)
                        box = transform_box(m, x0, line.y - top, x1, line.y + bottom)
                        yield word, Rect(box[0], box[1], box[2] - box[0], box[3] - box[1])
                    start = end + 1
                x += measure(text, span.face, family, size)


def crease_distance(rect: Rect, creases) -> float:
    """The least distance from a box to a crease line ((axis, position): 'x' vertical)."""
    best = float("inf")
    for axis, at in creases:
        lo, hi = (rect.x, rect.x2) if axis == "x" else (rect.y, rect.y2)
        d = 0.0 if lo <= at <= hi else min(abs(at - lo), abs(at - hi))
        best = min(best, d)
    return best


# -- the chart's acceptance, read off the plan ---------------------------------------------------

SIGN_KINDS = ("pillar", "site", "stage", "beacon", "harbour", "arrival")
TOL = 1e-6


def name_boxes(recto) -> list[tuple[str, Rect]]:
    """Every name on the chart as (owner, box): point names, and each letter set along a
    trail or a current."""
    out = [(p.key, p.rect) for p in recto.labels]
    for thing in (*recto.trails, *recto.currents):
        out += [(thing.key, g.box) for g in thing.glyphs]
    return out


def chart_problems(recto, sides: bool = True, min_pt: float = 7.0) -> list[str]:
    """Every acceptance criterion of the chart that can be read off the plan: each sign named,
    no name over another name, a sign, a current's arrows or a trail's path, all inside the
    safe area, no two signs overlapping, no text under 7 pt; with `sides`, landmarks and sites
    on land, stages, beacons and currents at sea."""
    from kit.layout.curvetext import covers

    problems: list[str] = []
    named = {p.key for p in recto.labels}
    named |= {t.key for t in (*recto.trails, *recto.currents) if t.glyphs}
    for f in recto.features:
        if f.key not in named:
            problems.append(f"{f.kind} {f.key} has no name on the chart")
    for t in recto.trails:
        if t.key not in named:
            problems.append(f"trail {t.key} has no name on the chart")
    names = name_boxes(recto)
    index: dict[tuple[int, int], list[int]] = {}
    for k, (_, box) in enumerate(names):
        for i in range(int(box.x // 20), int(box.x2 // 20) + 1):
            for j in range(int(box.y // 20), int(box.y2 // 20) + 1):
                index.setdefault((i, j), []).append(k)
    seen = set()
    for bucket in index.values():
        for a in bucket:
            for b in bucket:
                if a < b and (a, b) not in seen:
                    seen.add((a, b))
                    (ka, ra), (kb, rb) = names[a], names[b]
                    if ka != kb and ra.intersects(rb, tol=TOL):
                        problems.append(f"the name of {ka} overlaps the name of {kb}")
    signs = [(f.key, f.footprint) for f in recto.features if f.kind in SIGN_KINDS]
    signs += [(k, r) for k, r in recto.obstacles if k in ("cartouche", "compass")]
    arrows = [(c.key, b) for c in recto.currents for b in c.boxes]
    for key, box in names:
        if not recto.safe.contains(box, tol=TOL):
            problems.append(f"the name of {key} leaves the safe area: {box}")
        for owner, rect in signs + arrows:
            if owner != key and box.intersects(rect, tol=TOL):
                problems.append(f"the name of {key} overlaps the sign of {owner}")
    # the trails' paths, against every name but the letters set along them judged exactly
    glyphs = [(t.key, g) for t in (*recto.trails, *recto.currents) for g in t.glyphs]
    size_of = {}
    for t in recto.trails:
        size_of[t.key] = 7.5
    for t in recto.trails:
        for x, y in t.path[1:]:
            for p in recto.labels:
                if p.rect.x < x < p.rect.x2 and p.rect.y < y < p.rect.y2:
                    problems.append(f"the name of {p.key} lies on the trail {t.key}")
            for key, g in glyphs:
                if g.box.contains_point(x, y) and covers(g, size_of.get(key, 9.5), x, y):
                    problems.append(f"a letter of {key} lies on the trail {t.key}")
    for (ka, ra), (kb, rb) in _pairs(signs):
        if ka != kb and ra.intersects(rb, tol=TOL):
            problems.append(f"the signs of {ka} and {kb} overlap")
    for (ka, ra) in signs:
        for kb, rb in arrows:
            if ra.intersects(rb, tol=TOL):
                problems.append(f"the sign of {ka} lies on the current {kb}")
    for block, _ in blocks(recto.page.items):
        if block.size < min_pt - 1e-9:
            text = "".join(s.text for line in block.lines for s in line.spans)
            problems.append(f"text at {block.size} pt: {text[:40]!r}")
    if sides:
        land = recto.island
        for f in recto.features:
            ring = [(f.x + dx * f.radius, f.y + dy * f.radius)
                    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (0.7, 0.7), (-0.7, 0.7),
                                   (0.7, -0.7), (-0.7, -0.7))] + [(f.x, f.y)]
            if f.kind in ("pillar", "site") and not all(land.contains(x, y) for x, y in ring):
                problems.append(f"{f.kind} {f.key} is not on land")
            if f.kind in ("stage", "beacon") and any(land.contains(x, y) for x, y in ring):
                problems.append(f"{f.kind} {f.key} is not at sea")
        for key, box in arrows:
            if land.contains(box.cx, box.cy):
                problems.append(f"the current {key} runs over land")
    return problems


def _pairs(items):
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            yield a, b

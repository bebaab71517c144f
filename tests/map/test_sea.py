"""The sea, read off the plan: currents that set onto the route without crossing it, each named
beside its own arrows; names over halos, out of the shallows, stage names seaward."""

from __future__ import annotations

import math

import pytest
from map_decks import deck_dict, write_deck

from kit.layout.geometry import Group, Shape, TextBlock
from kit.layout.labels import wrong_side
from kit.load.deck import load_deck
from kit.products.map import plan_recto
from kit.products.map.current_names import NAME_REACH
from kit.products.map.features import SHALLOWS
from kit.render import fonts


@pytest.fixture(scope="module", autouse=True)
def _fonts():
    for role in ("body", "display"):
        fonts.register(role)


@pytest.fixture(scope="module", params=["cooperation", "faire-ensemble", "generated"])
def chart(request, tmp_path_factory):
    if request.param == "generated":
        deck = write_deck(tmp_path_factory.mktemp("sea"),
                          deck_dict(3, 4, 8, 6, seed=3, near=True))
    else:
        deck = load_deck(request.param)
    return deck, plan_recto(deck, fonts.measure)


def _segment_distance(p, a, b) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    seg = dx * dx + dy * dy
    t = 0.0 if seg < 1e-12 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / seg))
    return math.hypot(ax + dx * t - px, ay + dy * t - py)


def _crosses(a, b, c, d) -> bool:
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def test_arrows_stop_short_of_the_route_and_never_cross_it(chart):
    _, recto = chart
    route = list(recto.route)
    assert recto.currents
    for current in recto.currents:
        assert 2 <= len(current.lines) <= 3
        for line in current.lines:
            # the tip a gap short of the route's middle line (its casing is 0.8 mm wide)
            tip = line[-1]
            gap = min(_segment_distance(tip, a, b) for a, b in zip(route, route[1:], strict=False))
            assert 1.5 < gap < 3.0, (current.key, gap)
            # and the whole arrow off it: never across its dashes
            for p, q in zip(line, line[1:], strict=False):
                for a, b in zip(route, route[1:], strict=False):
                    assert not _crosses(p, q, a, b), current.key
            assert min(_segment_distance(p, a, b) for p in line
                       for a, b in zip(route, route[1:], strict=False)) > 1.5


def test_a_bundle_converges_on_the_route_from_one_side(chart):
    _, recto = chart
    for current in recto.currents:
        tips = [line[-1] for line in current.lines]
        tails = [line[0] for line in current.lines]
        spread = max(math.dist(a, b) for a in tips for b in tips)
        fanned = max(math.dist(a, b) for a in tails for b in tails)
        assert spread < fanned, current.key  # the arrows converge
        # and set onto the route rather than run along it (a tailwind)
        (x0, y0), (x1, y1) = current.lines[0][-4], current.lines[0][-1]
        route = list(recto.route)
        k = min(range(len(route) - 1), key=lambda i: _segment_distance((x1, y1), route[i],
                                                                       route[i + 1]))
        (ax, ay), (bx, by) = route[k], route[k + 1]
        cos = abs((x1 - x0) * (bx - ax) + (y1 - y0) * (by - ay)) / (
            math.hypot(x1 - x0, y1 - y0) * math.hypot(bx - ax, by - ay))
        assert cos < math.cos(math.radians(15)), current.key


def test_each_current_is_named_beside_its_own_arrows(chart):
    _, recto = chart
    labels = {p.key: p for p in recto.labels}
    for current in recto.currents:
        name = labels[current.key].rect
        points = [p for line in current.lines for p in line]
        near = min(math.hypot(max(name.x - x, 0, x - name.x2), max(name.y - y, 0, y - name.y2))
                   for x, y in points)
        assert near <= NAME_REACH + 0.5, current.key
        # never on its own arrows, and nearer its own than any other current's
        assert not any(name.intersects(b) for b in current.boxes), current.key
        for other in recto.currents:
            if other is not current:
                theirs = min(math.hypot(max(name.x - x, 0, x - name.x2),
                                        max(name.y - y, 0, y - name.y2))
                             for line in other.lines for x, y in line)
                assert theirs > near, (current.key, other.key)


def test_current_names_are_small_italics(chart):
    _, recto = chart
    labels = {p.key: p for p in recto.labels}
    for current in recto.currents:
        lines, size = labels[current.key].variant.payload
        assert 8.5 <= size <= 9.0
        assert all(span.face == "italic" for spans, _ in lines for span in spans)


def test_names_at_sea_keep_out_of_the_shallows(chart):
    _, recto = chart
    kinds = {f.key: f.kind for f in recto.features}
    for p in recto.labels:
        if kinds[p.key] in ("stage", "beacon", "current"):
            assert wrong_side(p.rect, False, coast_distance=recto.island.distance_out,
                              margin=SHALLOWS) == 0, p.key


def test_stage_names_stand_seaward_of_their_roundel(chart):
    _, recto = chart
    stages = {f.key: f for f in recto.features if f.kind == "stage"}
    for p in recto.labels:
        if p.key in stages:
            f = stages[p.key]
            assert (recto.island.distance_out(p.rect.cx, p.rect.cy)
                    > recto.island.distance_out(f.x, f.y)), p.key


def _texts(items):
    for item in items:
        if isinstance(item, TextBlock):
            yield item
        elif isinstance(item, Group):
            yield from _texts(item.items)


def test_names_stand_on_halos_not_boxes(chart):
    _, recto = chart
    # no translucent sticker under a name any more
    assert not any(isinstance(i, Shape) and i.style.opacity < 1 for i in recto.page.items)
    blocks = [b for b in _texts(recto.page.items) if b.role == "label" and b.halo is not None]
    assert len(blocks) >= len(recto.labels)
    # each halo is light: the ground under a name, never a dark rim
    assert all(b.halo.luminance() > 0.6 and b.halo_width > 0 for b in blocks)


@pytest.mark.parametrize("seed", [2, 5])
def test_arrows_are_smooth_curves_even_between_islands(tmp_path, seed):
    """Between two islands the water's flow switches from one to the other: an arrow traced
    across that line had a sharp V (8 pillars on three islands). No arrow turns more than 25°
    from one step to the next."""
    deck = write_deck(tmp_path, deck_dict(8, 8, 8, 6, seed=seed, deck_id=f"archipel-{seed}"))
    recto = plan_recto(deck, fonts.measure)
    assert recto.currents
    for current in recto.currents:
        for line in current.lines:
            for a, b, c in zip(line, line[1:], line[2:], strict=False):
                u = (b[0] - a[0], b[1] - a[1])
                v = (c[0] - b[0], c[1] - b[1])
                cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
                assert cos >= math.cos(math.radians(25)) - 1e-9, current.key


def test_a_spot_the_quick_search_skips_is_still_found_by_the_full_one(monkeypatch):
    """The currents' quick search skips the spots where two likely arrows leave no room for
    the name (current_names.name_hope): a guess, backed by the full search. With the guess
    always wrong (no spot worth trying), every current is still placed, near what it
    threatens, its name beside its arrows."""
    import kit.products.map.currents as currents

    deck = load_deck("cooperation")
    quick = plan_recto(deck, fonts.measure)
    monkeypatch.setattr(currents, "name_hope", lambda *args: False)
    full = plan_recto(deck, fonts.measure)
    assert {c.key for c in full.currents} == {c.key for c in quick.currents}
    labels = {p.key: p for p in full.labels}
    for current in full.currents:
        assert current.key in labels
        rect = labels[current.key].rect
        gap = min(math.hypot(max(rect.x - x, 0.0, x - rect.x2), max(rect.y - y, 0.0, y - rect.y2))
                  for x, y in current.lines[0])
        assert gap <= NAME_REACH + 1e-6, current.key

"""The sentiers as drawn, read off the plan: footpaths between two real places, gentle curves,
never one on another, at most one crossing each, off every name and sign; every landmark with
trails keeps one."""

from __future__ import annotations

import math

import pytest
from map_decks import deck_dict, largest_deck_dict, write_deck

from kit.load.deck import load_deck
from kit.products.map import plan_recto
from kit.render import fonts

DECKS = ["cooperation", "faire-ensemble", "cooperation-en", "five", "largest"]


@pytest.fixture(scope="module")
def charts(tmp_path_factory):
    for role in ("body", "display"):
        fonts.register(role)
    out = {}
    for name in DECKS:
        if name == "five":
            deck = write_deck(tmp_path_factory.mktemp(name),
                              deck_dict(5, 6, 6, 7, seed=5, deck_id="five", sites=4))
        elif name == "largest":
            deck = write_deck(tmp_path_factory.mktemp(name), largest_deck_dict())
        else:
            deck = load_deck(name)
        out[name] = (deck, plan_recto(deck, fonts.measure))
    return out


def _places(recto) -> dict:
    return {f.key: f for f in recto.features if f.kind != "trail"}


def _trimmed(path, ends: float):
    """The path without its first and last `ends` mm."""
    run, out = 0.0, []
    total = sum(math.dist(a, b) for a, b in zip(path, path[1:], strict=False))
    for a, b in zip(path, path[1:], strict=False):
        run += math.dist(a, b)
        if ends <= run <= total - ends:
            out.append(b)
    return out


def _crosses(p, q) -> int:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    count = 0
    for a, b in zip(p, p[1:], strict=False):
        for c, d in zip(q, q[1:], strict=False):
            if max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0]):
                continue
            if ((side(a, b, c) > 0) != (side(a, b, d) > 0)
                    and (side(c, d, a) > 0) != (side(c, d, b) > 0)):
                count += 1
    return count


@pytest.mark.parametrize("name", DECKS)
def test_every_trail_joins_two_real_places(charts, name):
    deck, recto = charts[name]
    places = _places(recto)
    land = recto.island
    with_trails = {p.id for p in deck.pillars if p.trails}
    assert {t.pillar.key for t in recto.trails} == with_trails  # each keeps one at least
    for t in recto.trails:
        f = places[t.pillar.key]
        x, y = t.path[0]
        assert abs(math.hypot(x - f.x, y - f.y) - f.radius) < 0.3, t.key
        x, y = t.path[-1]
        if t.what.startswith("_cove"):
            assert -2.5 < land.distance_out(x, y) < 0.0, t.key  # down to the beach
        else:
            end = places[t.what]  # a landmark, a site, the harbour or the arrival
            assert t.what != t.pillar.key
            assert math.hypot(x - end.x, y - end.y) <= end.radius + 0.3, t.key
        # on land all the way, and never a stub
        assert all(land.contains(px, py, 0.5) for px, py in _trimmed(t.path, 3.0)), t.key
        assert sum(math.dist(a, b) for a, b in zip(t.path, t.path[1:], strict=False)) > 10


@pytest.mark.parametrize("name", DECKS)
def test_trails_are_gentle_curves(charts, name):
    _, recto = charts[name]
    for t in recto.trails:
        pts = t.path[::2]
        for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
            t0 = math.atan2(b[1] - a[1], b[0] - a[0])
            t1 = math.atan2(c[1] - b[1], c[0] - b[0])
            # no 45° corner: the way turns a little at each step
            assert abs(math.remainder(t1 - t0, 2 * math.pi)) < math.radians(30), t.key


@pytest.mark.parametrize("name", DECKS)
def test_trails_cross_at_most_once_and_never_run_together(charts, name):
    _, recto = charts[name]
    trails = recto.trails
    crossings = {t.key: 0 for t in trails}
    for i, a in enumerate(trails):
        for b in trails[i + 1:]:
            n = _crosses(_trimmed(a.path, 3.0), _trimmed(b.path, 3.0))
            crossings[a.key] += n
            crossings[b.key] += n
            # along each other: a's points within 1 mm of b, away from the places both touch
            shared = {a.pillar.key, a.what} & {b.pillar.key, b.what}
            places = _places(recto)
            ends = [places[k] for k in shared if k in places]
            close = [p for p in a.path[::1]
                     if min(math.dist(p, q) for q in b.path) < 1.0
                     and all(math.hypot(p[0] - e.x, p[1] - e.y) > e.radius + 6 for e in ends)]
            assert len(close) < 6, (a.key, b.key)
    assert all(n <= 1 for n in crossings.values()), crossings


@pytest.mark.parametrize("name", DECKS)
def test_trails_keep_off_signs_and_names(charts, name):
    _, recto = charts[name]
    signs = [f for f in recto.features if f.kind in ("pillar", "site", "harbour", "arrival")]
    for t in recto.trails:
        for x, y in _trimmed(t.path, 1.0):
            for f in signs:
                if f.key not in (t.pillar.key, t.what):  # the places it joins
                    assert math.hypot(x - f.x, y - f.y) > f.radius - 0.3, (t.key, f.key)
            for p in recto.labels:
                assert not p.rect.outset(0.3).contains_point(x, y), (t.key, p.key)


@pytest.mark.parametrize("name", DECKS)
def test_names_along_paths_bend_gently(charts, name):
    """A trail's name set along its path turns no more than 3° from one letter to the next:
    faire-ensemble's « Un financement pérenne » had its first word tilted 13° and 7° before
    a level rest."""
    _, recto = charts[name]
    for trail in recto.trails:
        for a, b in zip(trail.glyphs, trail.glyphs[1:], strict=False):
            assert abs(a.angle - b.angle) <= 3.0 + 1e-9, (trail.text, a.angle, b.angle)

"""The pocket map: an island sea chart generated from the deck (recto) and the guide's panels
(verso), as map.pdf, map-recto.pdf, map-verso.pdf, map.svg and the office mosaic.

Composition of the recto (A3 landscape, 420 × 297 mm, y down): a graduated double frame; the
chart on the left with the island, its pillars and sentiers, the itinerary's sea route and
stages, the beacons, the dangerous currents, a cartouche and a compass rose; a side column with
the sites à ne pas manquer, the imaginaires conseillés and the legend.

Placement, for any deck size: the island is scaled to balance how full the land (landmarks
and their names) and the sea (stages, beacons, currents and theirs) would be; the landmarks
take the centres of equal shares of the land (Lloyd's algorithm); the stages sit at equal
distances along the route's ring; each beacon goes beside the stage that refers to it, and
the currents are spread by farthest-point sampling at sea. Every feature is placed together
with room for its name, so the name placement (annealing, kit.layout.labels) starts from a
clean layout and only improves it. When no island size leaves room for everything, the build
fails with the name and deck line of the element that did not fit.

The package, one file per part: sheet (size, frame, regions), terrain (the island's scale),
features (the signs), board (what is placed so far), route, placement, names (label forms),
chart (drawing), side (cartouche, side column, legend), recto (plan_recto), files (verso,
press marks, build). Only `files.build` reaches a PDF library, through kit.finish.
"""

from kit.products.map.features import Feature
from kit.products.map.files import build, fold_marks_in_slug, plan_verso
from kit.products.map.recto import Recto, plan_recto
from kit.products.map.sheet import MIN_PT, SHEET_H, SHEET_W

__all__ = ["MIN_PT", "SHEET_H", "SHEET_W", "Feature", "Recto", "build", "fold_marks_in_slug",
           "plan_recto", "plan_verso"]

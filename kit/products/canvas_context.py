"""What a canvas is drawn with: the scale of its sheet (type and lines grow with the reading
distance), the smallest type allowed, the palette and the messages, text set in a box; and the
error for a zone whose content does not fit, at the template line of the field it came from."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from kit.errors import Diagnostic, KitError
from kit.i18n import Messages
from kit.layout import impose
from kit.layout.geometry import Color, Rect, TextSpan
from kit.layout.text import Measure, Overflow, set_block, styled
from kit.layout.text import Style as TextStyle
from kit.load.canvases import Template, Zone
from kit.model.deck import Deck
from kit.products.canvas_sources import resolve_source

BODY, DISPLAY = "body", "display"
SIZES = ("A4", "A3", "A2", "A1", "A0")
#: reading distance grows with the sheet: type and lines are designed for A3 and scaled by the
#: sheet's long side (≈ 0.028 pt per mm of distance, PRINT.md): A3 × 1, A1 × 2, A0 × 2.83
BASE_LONG_SIDE = 420.0
MIN_A3 = 6.0


def scale_for(size: str) -> float:
    return max(impose.PAPERS[size]) / BASE_LONG_SIDE


def min_size(size: str) -> float:
    """The smallest type allowed on a canvas of this size: 6 pt on A3, 12 pt on A1 …"""
    return max(MIN_A3, MIN_A3 * scale_for(size))


@dataclass
class CanvasContext:
    deck: Deck
    template: Template
    measure: Measure
    s: float  # scale
    floor: float  # minimum type size
    pal: object
    t: Messages

    def source(self, zone: Zone) -> list[str]:
        """The deck texts the zone pulls (resolve_source)."""
        return resolve_source(self.deck, zone, self.template.builtin)

    def pt(self, size: float) -> float:
        return max(self.floor, size * self.s)

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)

    def block(self, text: str, box: Rect, size: float, colour: Color, face: str = "regular",
              family: str = BODY, align: str = "left", role: str = "body", hyphenate=True):
        """Text set from the top of box at `size` pt (already scaled); (block, height)."""
        return set_block(self.spans(text, face), box, TextStyle(family, size, 1.2, colour, align),
                         self.measure, self.deck.language, role, hyphenate)


def zone_overflow(ctx: CanvasContext, zone: Zone, field: str) -> KitError:
    loc = zone.locs.get(field, zone.loc)
    return KitError(Diagnostic(loc, f"le canevas « {ctx.template.name} », zone « {zone.title} » :"
                                    f" le contenu de « {field} » ne tient pas dans la zone"
                                    f" (taille minimale {ctx.floor:g} pt) ; raccourcissez-le"
                                    " ou agrandissez la zone"))


@contextmanager
def zone_fits(ctx: CanvasContext, zone: Zone, field: str):
    """Text too wide for its box is an error at the field it came from (not at the title)."""
    try:
        yield
    except Overflow:
        raise zone_overflow(ctx, zone, field) from None

"""What every part of the map's guide shares: the deck, its language and palette, and setting text
in it (the verso's panels, the large-print booklet)."""

from __future__ import annotations

from kit.i18n import Messages
from kit.layout.geometry import Rect, TextSpan
from kit.layout.text import Measure, break_lines, set_lines, styled
from kit.layout.text import Style as TextStyle
from kit.layout.theme import Palette
from kit.model.deck import Deck

BODY, DISPLAY = "body", "display"


class Guide:
    """The deck, the text measure and the palette the guide is set with."""

    def __init__(self, deck: Deck, measure: Measure, palette: Palette):
        self.deck = deck
        self.measure = measure
        self.pal = palette
        self.t = Messages(deck.language)
        #: lines already broken, by text, face, width, style and hyphenation: the flow
        #: measures an entry before it places it, and tries its pages more than once
        self._broken: dict[tuple, list] = {}

    def spans(self, text: str, face: str = "regular") -> list[TextSpan]:
        return styled(text, self.deck.language, face)

    def lines(self, text: str, width: float, size: float, face: str = "regular",
              family: str = BODY, hyphenate: bool = True):
        st = TextStyle(family, size, 1.22, None)
        return break_lines(self.spans(text, face), width, st, self.measure, self.deck.language,
                           hyphenate=hyphenate)

    def block(self, text: str, box: Rect, style: TextStyle, face: str = "regular",
              role: str = "body", hyphenate: bool = True):
        """text set from the top of box (its height is ignored): (TextBlock, height mm)."""
        key = (text, face, box.w, style, hyphenate)
        lines = self._broken.get(key)
        if lines is None:
            lines = self._broken[key] = break_lines(self.spans(text, face), box.w, style,
                                                    self.measure, self.deck.language,
                                                    hyphenate=hyphenate)
        return set_lines(lines, box, style, role)

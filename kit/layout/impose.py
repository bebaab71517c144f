"""Imposition as plain numbers: N-up grids, duplex mirroring, cut and crop marks."""

from __future__ import annotations

from dataclasses import dataclass

from kit.layout.geometry import Rect

PAPERS = {"A5": (148.0, 210.0), "A4": (210.0, 297.0), "A3": (297.0, 420.0),
          "letter": (215.9, 279.4),
          "A2": (420.0, 594.0), "A1": (594.0, 841.0), "A0": (841.0, 1189.0)}

#: office printers lose 4–5 mm at the edges: nothing is printed within this band
OFFICE_BAND = 6.0
MARK_GAP = 1.0  # between a mark and the card it points at
MARK_MIN = 1.5  # shortest useful tick
MARK_LEN = 4.0
#: office sheets leave this much paper between cards, into which their backgrounds bleed
OFFICE_GUTTER = 3.0


@dataclass(frozen=True)
class Grid:
    cols: int
    rows: int
    cell_w: float
    cell_h: float
    gutter: float
    x0: float
    y0: float

    @property
    def count(self) -> int:
        return self.cols * self.rows

    @property
    def width(self) -> float:
        return self.cols * self.cell_w + (self.cols - 1) * self.gutter

    @property
    def height(self) -> float:
        return self.rows * self.cell_h + (self.rows - 1) * self.gutter

    def cell(self, col: int, row: int) -> Rect:
        return Rect(
            self.x0 + col * (self.cell_w + self.gutter),
            self.y0 + row * (self.cell_h + self.gutter),
            self.cell_w,
            self.cell_h,
        )

    def bounds(self) -> Rect:
        return Rect(self.x0, self.y0, self.width, self.height)


def fit_grid(page_w: float, page_h: float, cell_w: float, cell_h: float, margin: float,
             gutter: float = 0.0) -> Grid | None:
    """As many cells as fit inside the margin, the grid centred on the page (None if none fit)."""
    cols = int((page_w - 2 * margin + gutter + 1e-9) // (cell_w + gutter))
    rows = int((page_h - 2 * margin + gutter + 1e-9) // (cell_h + gutter))
    if cols < 1 or rows < 1:
        return None
    width = cols * cell_w + (cols - 1) * gutter
    height = rows * cell_h + (rows - 1) * gutter
    return Grid(cols, rows, cell_w, cell_h, gutter, (page_w - width) / 2, (page_h - height) / 2)


def back_slot(grid: Grid, col: int, row: int, duplex: str) -> tuple[int, int]:
    """Where the back of the card at (col, row) goes on the back sheet of a portrait page.

    Long-edge flip turns the sheet about its vertical axis: columns mirror. Short-edge flip
    turns it about its horizontal axis: rows mirror. The grid is centred, so mirrored slots
    land exactly behind their fronts.
    """
    if duplex == "long-edge":
        return grid.cols - 1 - col, row
    if duplex == "short-edge":
        return col, grid.rows - 1 - row
    raise ValueError(duplex)


def cut_lines(grid: Grid) -> tuple[list[float], list[float]]:
    """x of the vertical cuts and y of the horizontal ones (shared where cells touch)."""
    xs: list[float] = []
    ys: list[float] = []
    for c in range(grid.cols):
        r = grid.cell(c, 0)
        xs += [r.x, r.x2]
    for row in range(grid.rows):
        r = grid.cell(0, row)
        ys += [r.y, r.y2]

    def unique(values: list[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(values):
            if not out or abs(v - out[-1]) > 1e-6:
                out.append(v)
        return out

    return unique(xs), unique(ys)


def cut_marks(grid: Grid, page_w: float, page_h: float, clearance: float,
              limit: float, clearance_y: float | None = None,
              ) -> list[tuple[float, float, float, float]]:
    """Ticks in the sheet margin, on the extension of every cut line, never across a card.

    clearance: distance from the grid (cards plus any bleed) to the start of a tick, left and
    right (and above and below, unless clearance_y says otherwise); limit: ticks stop this far
    from the sheet edge (the office band, or 0 for press sheets).
    Returns segments (x1, y1, x2, y2).
    """
    xs, ys = cut_lines(grid)
    b = grid.bounds()
    marks = []
    cy = clearance if clearance_y is None else clearance_y
    top_end, top_start = b.y - cy, max(limit, b.y - cy - MARK_LEN)
    bottom_start, bottom_end = b.y2 + cy, min(page_h - limit, b.y2 + cy + MARK_LEN)
    left_end, left_start = b.x - clearance, max(limit, b.x - clearance - MARK_LEN)
    right_start, right_end = b.x2 + clearance, min(page_w - limit, b.x2 + clearance + MARK_LEN)
    for x in xs:
        if top_end - top_start >= MARK_MIN - 1e-9:
            marks.append((x, top_start, x, top_end))
        if bottom_end - bottom_start >= MARK_MIN - 1e-9:
            marks.append((x, bottom_start, x, bottom_end))
    for y in ys:
        if left_end - left_start >= MARK_MIN - 1e-9:
            marks.append((left_start, y, left_end, y))
        if right_end - right_start >= MARK_MIN - 1e-9:
            marks.append((right_start, y, right_end, y))
    return marks


def crop_marks(trim: Rect, offset: float,
               length: float = 5.0) -> list[tuple[float, float, float, float]]:
    """The eight classic corner crop marks of one trimmed piece, starting `offset` outside it."""
    marks = []
    for x, sx in ((trim.x, -1), (trim.x2, 1)):
        for y, sy in ((trim.y, -1), (trim.y2, 1)):
            marks.append((x, y + sy * offset, x, y + sy * (offset + length)))
            marks.append((x + sx * offset, y, x + sx * (offset + length), y))
    return marks


def office_margin() -> float:
    """The smallest sheet margin that keeps a readable cut tick outside the office band."""
    return OFFICE_BAND + MARK_MIN + MARK_GAP


@dataclass(frozen=True)
class OfficeSheet:
    """Cards on an office sheet with gutters: the grid, how far the cards' backgrounds run
    past the grid's outer edges (bleed_x left and right, bleed_y above and below; half the
    gutter, where the margin has room for it and for a tick) and how far from the grid the
    cut ticks start (clear_x, clear_y)."""

    grid: Grid
    bleed_x: float
    bleed_y: float
    clear_x: float
    clear_y: float

    @property
    def inked(self) -> Rect:
        """The area the cards and their backgrounds may cover."""
        b = self.grid.bounds()
        return Rect(b.x - self.bleed_x, b.y - self.bleed_y, b.w + 2 * self.bleed_x,
                    b.h + 2 * self.bleed_y)


def office_sheet(page_w: float, page_h: float, cell_w: float, cell_h: float,
                 gutter: float = OFFICE_GUTTER) -> OfficeSheet | None:
    """As many cards as fit with `gutter` mm between them, outside the 6 mm band with room
    for a readable tick (MARK_MIN) beyond them on every side, centred (None if none fit).

    Each card's background bleeds half the gutter into the gutters around it, so a cut a
    little off shows the card's own colour, never its neighbour's; past the outer cards only
    where the margin holds that bleed, a 1 mm gap and a tick. Where it does not (9 poker
    cards on A4 leave 7.5 mm), the outer edge does not bleed and the tick runs from the band
    to the card's edge line."""
    grid = fit_grid(page_w, page_h, cell_w, cell_h, OFFICE_BAND + MARK_MIN, gutter)
    if grid is None:
        return None
    half = gutter / 2

    def side(margin: float) -> tuple[float, float]:
        room = margin - OFFICE_BAND
        bleed = half if room >= half + MARK_GAP + MARK_MIN - 1e-9 else 0.0
        return bleed, max(0.0, min(bleed + MARK_GAP, room - MARK_MIN))

    bleed_x, clear_x = side(grid.x0)
    bleed_y, clear_y = side(grid.y0)
    return OfficeSheet(grid, bleed_x, bleed_y, clear_x, clear_y)


@dataclass(frozen=True)
class Tile:
    """One sheet of a poster split across office paper."""

    label: str  # "A1", "B2": column letter, row number
    col: int
    row: int
    source: Rect  # the part of the poster this sheet prints (poster coordinates)
    page_w: float
    page_h: float
    at: Rect  # where that part lands on the sheet


def tile_poster(poster_w: float, poster_h: float, paper: str, overlap: float = 10.0,
                band: float = OFFICE_BAND + 4.0) -> list[Tile]:
    """Split a poster over sheets of `paper` (either orientation, the fewer sheets wins).

    Each sheet prints a window of the poster inside its margin `band`; neighbouring windows
    share `overlap` mm, where the sheets are glued. Labels: columns A, B, C…, rows 1, 2, 3….
    """
    best: list[Tile] | None = None
    for page_w, page_h in (PAPERS[paper], PAPERS[paper][::-1]):
        win_w, win_h = page_w - 2 * band, page_h - 2 * band
        if win_w <= overlap or win_h <= overlap:
            continue
        cols = max(1, _ceil((poster_w - overlap) / (win_w - overlap)))
        rows = max(1, _ceil((poster_h - overlap) / (win_h - overlap)))
        tiles = []
        # windows overlap by exactly `overlap`; the spare paper is shared by the outer edges
        w, h = min(win_w, poster_w), min(win_h, poster_h)
        spare_x = cols * w - (cols - 1) * overlap - poster_w
        spare_y = rows * h - (rows - 1) * overlap - poster_h
        for r in range(rows):
            for c in range(cols):
                src = Rect(c * (w - overlap) - spare_x / 2, r * (h - overlap) - spare_y / 2, w, h)
                at = Rect((page_w - w) / 2, (page_h - h) / 2, w, h)
                tiles.append(Tile(f"{chr(65 + c)}{r + 1}", c, r, src, page_w, page_h, at))
        if best is None or len(tiles) < len(best):
            best = tiles
    if best is None:
        raise ValueError(f"paper {paper} too small to tile")
    return best


def _ceil(x: float) -> int:
    n = int(x)
    return n if x <= n + 1e-9 else n + 1

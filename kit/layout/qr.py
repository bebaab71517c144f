"""QR codes as one vector path (segno computes the matrix; we draw the dark runs)."""

from __future__ import annotations

from functools import lru_cache

from kit.layout.geometry import Path, Rect

#: white modules a reader needs around the code; the planner keeps this clear
QUIET_MODULES = 4


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    import segno  # only decks with resource links pay for it

    code = segno.make(data, error="m", micro=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


def qr_path(data: str, box: Rect) -> tuple[Path, float]:
    """The code's dark modules filling `box` (no quiet zone inside it); returns (path, module mm).

    Each horizontal run of dark modules is one rectangle, so the path stays small.
    """
    matrix = qr_matrix(data)
    n = len(matrix)
    module = min(box.w, box.h) / n
    cmds: list[tuple] = []
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            x0, x1 = box.x + start * module, box.x + c * module
            y0, y1 = box.y + r * module, box.y + (r + 1) * module
            cmds += [("M", x0, y0), ("L", x1, y0), ("L", x1, y1), ("L", x0, y1), ("Z",)]
    return tuple(cmds), module

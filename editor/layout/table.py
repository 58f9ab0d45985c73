"""Tables drawn on the page in millimetres, wrapping long cells and splitting across pages."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from editor.layout.fonts import LayoutFonts

PT_MM = 25.4 / 72
AUTO = -1.0  # Column.width: fit the content
NARROW = -2.0  # Column.width: fit the body cells; a longer header wraps onto more lines


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def char_em(c: str) -> float:
    """Advance of a character in ems: CJK full width, Latin about half."""
    if _wide(c):
        return 1.0
    if c in "il.,:;'|!()[] ":
        return 0.3
    return 0.58


def text_width_mm(text: str, size_pt: float) -> float:
    return sum(char_em(c) for c in text) * size_pt * PT_MM


def wrap(text: str, width_mm: float, size_pt: float, seps: str = "、,， ") -> list[str]:
    """Break ``text`` into lines no wider than ``width_mm``, at separators when possible."""
    if not text:
        return [""]
    lines: list[str] = []
    line = ""
    last_sep = -1
    for c in text:
        line += c
        if c in seps:
            last_sep = len(line)
        if text_width_mm(line, size_pt) > width_mm and len(line) > 1:
            if 0 < last_sep < len(line):
                lines.append(line[:last_sep])
                line = line[last_sep:]
            else:
                lines.append(line[:-1])
                line = c
            last_sep = -1
    lines.append(line)
    return lines


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm; 0 = takes what the others leave; AUTO = fits its content
    align: str = "left"  # left | center | right


@dataclass
class Row:
    cells: list[list[str]]  # wrapped lines per cell
    height: float  # mm
    bold: bool = False
    fill: str | None = None  # swatch colour shown in the first cell


class Table:
    """A table's columns and wrapped rows, ready to be split into page-sized chunks."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        width_mm: float,
        size_pt: float,
        fills: Sequence[str | None] | None = None,
        bold_last: bool = False,
        swatch_col: int = 0,
    ):
        self.swatch_col = swatch_col
        self._raw = [list(r) for r in rows]
        self._fills = None if fills is None else list(fills)
        self._bold_last = bold_last
        self.size = size_pt
        self.pad = 0.35 * size_pt * PT_MM
        self.line_h = 1.3 * size_pt * PT_MM
        self.target_width = width_mm
        # AUTO columns are as wide as their longest cell (header included), at most a
        # third of the table; flexible ones share what is left
        widths = []
        for j, c in enumerate(columns):
            if c.width == AUTO:
                cells = [c.title, *(str(r[j]) for r in rows)]
                w = max(text_width_mm(t, size_pt) for t in cells) + 2.4 * self.pad
                if j == swatch_col and fills is not None:
                    w += 1.4 * self.line_h
                widths.append(min(w, width_mm / 3))
            elif c.width == NARROW:
                body = max((text_width_mm(str(r[j]), size_pt) for r in rows), default=0.0)
                # the header may wrap so extra figure columns stay as narrow as their
                # numbers: up to four CJK characters stay on one line, longer ones go on
                # two even lines; a Latin word is never cut
                em = size_pt * PT_MM
                full = text_width_mm(c.title, size_pt)
                words = [w for w in c.title.split() if not any(_wide(ch) for ch in w)]
                least = max(
                    [math.ceil(full / em / 2) * em] + [text_width_mm(w, size_pt) for w in words]
                )
                head = full if full <= 4 * em + 1e-9 else min(full, least)
                widths.append(max(body, head) + 2.4 * self.pad)
            else:
                widths.append(c.width)
        fixed = sum(w for w in widths if w > 0)
        flex = [j for j, w in enumerate(widths) if w <= 0]
        spare = max(width_mm - fixed, 12.0 * len(flex)) / max(len(flex), 1)
        self.widths = [w if w > 0 else spare for w in widths]
        self.columns = list(columns)
        self.header = self._row([c.title for c in columns], bold=True)
        self.rows = []
        for i, r in enumerate(rows):
            row = self._row(list(r), bold=bold_last and i == len(rows) - 1)
            if fills is not None:
                row.fill = fills[i]
            self.rows.append(row)

    @property
    def width(self) -> float:
        return sum(self.widths)

    def flex_width(self) -> float:
        """Width of the narrowest flexible column (inf when there is none)."""
        flex = [w for c, w in zip(self.columns, self.widths, strict=True) if c.width == 0]
        return min(flex) if flex else float("inf")

    def _row(self, cells: list[str], bold: bool = False) -> Row:
        wrapped = [
            wrap(str(t), w - 2 * self.pad, self.size)
            for t, w in zip(cells, self.widths, strict=True)
        ]
        lines = max(len(w) for w in wrapped)
        return Row(wrapped, lines * self.line_h + 2 * self.pad, bold)

    def split(self, first_height: float, next_height: float) -> list[list[Row]]:
        """Rows in chunks: the first fits ``first_height`` mm, the others ``next_height``."""
        chunks: list[list[Row]] = []
        avail = first_height - self.header.height
        chunk: list[Row] = []
        used = 0.0
        for row in self.rows:
            if used + row.height > avail and (chunk or avail < row.height):
                chunks.append(chunk)
                chunk, used = [], 0.0
                avail = next_height - self.header.height
            chunk.append(row)
            used += row.height
        chunks.append(chunk)
        if self._bold_last and len(chunks) > 1 and len(chunks[-1]) == 1 and len(chunks[-2]) > 1:
            # never a total row alone on a page: take the last unit row with it
            chunks[-1].insert(0, chunks[-2].pop())
        return chunks

    def paginate(
        self, first_height: float, next_height: float, next_width: float
    ) -> list[tuple[Table, list[Row]]]:
        """Rows in page chunks: what fits ``first_height`` at this table's width, then the
        rest re-wrapped at ``next_width`` (a continuation page is wider than a side panel)."""
        first = self.split(first_height, first_height)[0]
        out: list[tuple[Table, list[Row]]] = [(self, first)]
        k = len(first)
        if k < len(self.rows):
            rest = Table(
                self.columns,
                self._raw[k:],
                next_width,
                self.size,
                fills=None if self._fills is None else self._fills[k:],
                bold_last=self._bold_last,
                swatch_col=self.swatch_col,
            )
            out += [(rest, chunk) for chunk in rest.split(next_height, next_height)]
        return out

    def draw(self, pax: Axes, x: float, top: float, rows: list[Row], fonts: LayoutFonts) -> float:
        """Draw the header and ``rows`` with the top-left corner at ``(x, top)``; bottom back."""
        y = top
        for k, row in enumerate([self.header, *rows]):
            y0 = y - row.height
            bg = "#e8e8e8" if k == 0 else ("#f7f7f7" if k % 2 == 0 else None)
            if bg:
                pax.add_patch(
                    Rectangle((x, y0), self.width, row.height, fc=bg, ec="none", zorder=1)
                )
            cx = x
            for j, (lines, w) in enumerate(zip(row.cells, self.widths, strict=True)):
                align = "center" if k == 0 else self.columns[j].align
                tx = {"left": cx + self.pad, "center": cx + w / 2, "right": cx + w - self.pad}[
                    align
                ]
                if j == self.swatch_col and row.fill and k > 0:
                    sw = 0.75 * self.line_h
                    pax.add_patch(
                        Rectangle(
                            (cx + self.pad, y - self.pad - 0.5 * self.line_h - sw / 2),
                            sw * 1.3,
                            sw,
                            fc=row.fill,
                            ec="#444444",
                            lw=0.3,
                            zorder=2,
                        )
                    )
                    tx = cx + self.pad + sw * 1.3 + self.pad if align == "left" else tx
                for i, line in enumerate(lines):
                    if not line:
                        continue
                    pax.text(
                        tx,
                        y - self.pad - (i + 0.5) * self.line_h,
                        line,
                        ha=align,
                        va="center_baseline",
                        fontproperties=fonts.prop(self.size, bold=row.bold or k == 0),
                        zorder=3,
                    )
                cx += w
            pax.plot(
                [x, x + self.width],
                [y0, y0],
                color="#999999" if k else "#333333",
                lw=0.3 if k else 0.6,
                zorder=2,
            )
            y = y0
        pax.plot([x, x + self.width], [top, top], color="#333333", lw=0.8, zorder=2)
        pax.plot([x, x + self.width], [y, y], color="#333333", lw=0.8, zorder=2)
        return y

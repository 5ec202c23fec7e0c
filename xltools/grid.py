"""A sheet as a grid of values with their addresses: the one input every reader and check uses.

Whether the values came from a file (python-calamine) or from a running Excel (xlwings), the
recognition, scoring and validation code sees the same :class:`Grid`: 0-based rows and columns
in absolute sheet coordinates, plain Python values, and the merged ranges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

#: A merged range as (first_row, first_col, last_row, last_col), 0-based and inclusive.
Range = tuple[int, int, int, int]

# A merged range larger than this is not expanded cell by cell (a whole-column merge in a
# hostile file must not cost memory); its value stays in its top-left cell only.
_MAX_MERGE_AREA = 5_000
#: Cells covered by merges that a sheet may have mapped, in all: a form's merges cover a few
#: thousand; a hostile file may declare the same 5,000-cell range a hundred thousand times.
MAX_MERGED_CELLS = 200_000


@lru_cache(maxsize=1024)
def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """0-based (row, col) → ``B5``."""
    return f"{column_letter(col)}{row + 1}"


@lru_cache(maxsize=4096)
def parse_a1(ref: str) -> tuple[int, int]:
    """``B5`` → (4, 1)."""
    col = 0
    i = 0
    while i < len(ref) and ref[i].isalpha():
        col = col * 26 + ord(ref[i].upper()) - 64
        i += 1
    return int(ref[i:]) - 1, col - 1


#: Formula error values as Excel shows them (and xlwings returns them with ``err_to_str``).
ERROR_VALUES = frozenset(("#DIV/0!", "#REF!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA"))


def bounded_merges(merged: list[Range]) -> list[Range]:
    """The merged ranges that are mapped cell by cell — by the reader here, and by a copy rebuilt
    from them (openpyxl makes a cell object of every merged cell): each at most
    ``_MAX_MERGE_AREA`` cells and ``MAX_MERGED_CELLS`` in all; the rest are passed over."""
    out, budget = [], MAX_MERGED_CELLS
    for m in merged:
        r0, c0, r1, c1 = m
        area = (r1 - r0 + 1) * (c1 - c0 + 1)
        if area > _MAX_MERGE_AREA or area > budget:
            continue
        budget -= area
        out.append(m)
    return out


def padded(rows: list[list[object]]) -> list[list[object]]:
    """Rows of unequal length (a reader that places cells one by one) made as wide as the widest,
    as python-calamine hands a sheet over."""
    width = max((len(r) for r in rows), default=0)
    return [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]


def take_errors(rows: list[list[object]]) -> dict[tuple[int, int], str]:
    """Blank the formula error values in ``rows`` (in place) and say where they were.

    A reader that gets errors as text (xlwings) must not score ``#DIV/0!`` as a qualitative
    answer; it hands the grid blanks, as python-calamine does, and the errors aside.
    """
    errors = {}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v.__class__ is str and v in ERROR_VALUES:
                errors[(r, c)] = v
                row[c] = ""
    return errors


@dataclass(slots=True)
class Grid:
    sheet: str
    rows: list[list[object]]
    merged: list[Range] = field(default_factory=list)
    skipped: bool = False  # listed but not read (too large to be a performance table)
    far: str = ""  # when skipped for its used range: its far corner (``XFD1048576``), to say what to delete
    hidden: bool = False  # hidden (or very hidden) in the workbook: see reading.read_grids
    hidden_rows: frozenset[int] = frozenset()  # rows hidden or filtered out in Excel (0-based; S110)
    hidden_cols: frozenset[int] = frozenset()  # columns hidden (0-based): a label's visible column wins
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cells showing #DIV/0! and the like
    _owner: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for r0, c0, r1, c1 in bounded_merges(self.merged):
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self._owner[(r, c)] = (r0, c0)

    @property
    def height(self) -> int:
        return len(self.rows)

    def raw(self, row: int, col: int) -> object:
        """The value stored in this very cell (``''`` when empty or covered by a merge)."""
        if row >= 0 and col >= 0:
            try:
                return self.rows[row][col]
            except IndexError:
                return ""
        return ""

    def value(self, row: int, col: int) -> object:
        """The value a reader sees here: a merged range shows its top-left value everywhere."""
        owner = self._owner.get((row, col))
        if owner is not None:
            return self.raw(*owner)
        return self.raw(row, col)

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """The cell that really holds the value shown at (row, col)."""
        return self._owner.get((row, col), (row, col))

    def same_merge(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        return self.origin(*a) == self.origin(*b)

    def width(self, row: int) -> int:
        return len(self.rows[row]) if 0 <= row < len(self.rows) else 0

    def empty_row(self, row: int) -> bool:
        """Whether row ``row`` holds nothing at all (a line left empty, or cleared)."""
        values = self.rows[row]
        return not any(values) and all(v == "" or v is None for v in values)  # (any: most rows, at C speed)

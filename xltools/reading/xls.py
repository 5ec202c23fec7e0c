"""What python-calamine would read wrongly or could not hold in a legacy .xls (BIFF8 in an OLE
compound file): formula error cells, which it reads as blanks, and a used range too large to hold.

Only what is needed is read: the compound file's sector tables, the ``Workbook`` stream, each
sheet's name and offset (BOUNDSHEET) and, in each sheet, FORMULA records whose cached result is an
error, BOOLERR records holding an error, its DIMENSIONS and where its cells are. Everything is
bounded by the file's own size; a damaged or hostile file yields nothing rather than an
exception (reading it is python-calamine's job, and it says what is wrong).
"""

from __future__ import annotations

import re
import struct
from typing import NamedTuple

MAX_STREAM = 64 << 20  # a Workbook stream beyond this is not searched
#: Bytes of the file read for the search (the stream, and the sector tables around it).
READ_LIMIT = MAX_STREAM + (1 << 20)
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_U16, _U32 = struct.Struct("<H").unpack_from, struct.Struct("<I").unpack_from
_TWO_U16 = struct.Struct("<HH").unpack_from  # a record's type and length; a cell's row and column
_DIMS = struct.Struct("<IIHH").unpack_from  # first row, last row + 1, first column, last column + 1
#: BIFF error codes (the same in FORMULA results and BOOLERR records).
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _BOOLERR = 0x0809, 0x000A, 0x0085, 0x0006, 0x0205
_SHRFMLA = 0x04BC
_DIMENSIONS, _MULRK, _ROW, _COLINFO = 0x0200, 0x00BD, 0x0208, 0x007D
#: Records of one cell holding something (row and column in their first four bytes): FORMULA,
#: LABELSST, RSTRING, NUMBER, LABEL, BOOLERR, RK. BLANK and MULBLANK hold nothing and take no room.
_CELLS = frozenset((0x0006, 0x00FD, 0x00D6, 0x0203, 0x0204, 0x0205, 0x027E))


class Scan(NamedTuple):
    errors: dict[str, dict[tuple[int, int], str]]  # sheet → {(row, col): "#DIV/0!"}
    wide: dict[str, str]  # sheet → its far cells, when its used range is too large to hold
    damaged: str = ""  # a sheet whose DIMENSIONS python-calamine would turn into terabytes
    hidden_rows: dict[str, frozenset[int]] = {}  # sheet → its rows hidden in Excel (0-based; S110)
    hidden_cols: dict[str, frozenset[int]] = {}  # sheet → its hidden columns (0-based)
    typed: dict[str, dict[tuple[int, int], str]] = {}  # sheet → {(row, col): "100%"}: see _biff_percents


def scan(data: bytes, max_rows: int, max_cells: int, max_span: int) -> Scan:
    """The error cells and the too wide sheets of an .xls's first ``READ_LIMIT`` bytes; nothing
    when there are none or the file is odd."""
    try:
        stream = _workbook_stream(data)
        if not stream:
            return Scan({}, {})
        sheets = _sheets(stream)
        wide, damaged, hidden, cols = _wide(stream, max_cells, max_rows, max_span, sheets)
        typed = _biff_percents(stream, max_rows, sheets)
        for name, cells in _numbers_shown(stream, max_rows, sheets).items():
            typed.setdefault(name, {}).update(cells)
        return Scan(_biff_errors(stream, max_rows, sheets), wide, damaged, hidden, cols, typed)
    except (struct.error, IndexError, ValueError, KeyError, UnicodeDecodeError):
        return Scan({}, {})


def _chain(table: list[int], start: int, limit: int) -> list[int]:
    """The sector chain from ``start``, stopping at a loop or at ``limit`` sectors."""
    out, seen = [], set()
    while start not in (_END, _FREE) and start < len(table) and start not in seen and len(out) < limit:
        seen.add(start)
        out.append(start)
        start = table[start]
    return out


def _workbook_stream(data: bytes) -> bytes | None:
    if not data.startswith(_SIGNATURE):
        return None
    size = 1 << _U16(data, 0x1E)[0]
    mini_size = 1 << _U16(data, 0x20)[0]
    if size not in (512, 4096) or mini_size != 64:
        return None
    nsect = max(0, len(data) // size - 1)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size:(n + 2) * size]

    fat_sectors = [x for x in struct.unpack_from("<109I", data, 0x4C) if x not in (_END, _FREE)]
    difat, seen = _U32(data, 0x44)[0], set()
    while difat not in (_END, _FREE) and difat < nsect and difat not in seen:
        seen.add(difat)
        entries = struct.unpack_from(f"<{size // 4}I", sector(difat))
        fat_sectors += [x for x in entries[:-1] if x not in (_END, _FREE)]
        difat = entries[-1]
    fat: list[int] = []
    for n in fat_sectors[: nsect // (size // 4) + 1]:  # no more FAT than the file has sectors to map
        block = sector(n)
        fat += struct.unpack_from(f"<{len(block) // 4}I", block)

    def read(start: int, length: int) -> bytes:
        return b"".join(sector(n) for n in _chain(fat, start, nsect))[:length]

    directory = read(_U32(data, 0x30)[0], nsect * size)
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        return None
    root = entries[0]
    for e in entries:
        name = e[: max(0, min(_U16(e, 0x40)[0], 64) - 2)].decode("utf-16-le", "replace")
        if e[0x42] == 2 and name == "Workbook":
            start, length = _U32(e, 0x74)[0], min(_U32(e, 0x78)[0], MAX_STREAM)
            if length >= _U32(data, 0x38)[0]:  # a regular stream
                return read(start, length)
            # under the 4,096-byte cutoff (LibreOffice writes small workbooks so): the mini stream
            ministream = read(_U32(root, 0x74)[0], _U32(root, 0x78)[0])
            minifat_raw = read(_U32(data, 0x3C)[0], _U32(data, 0x40)[0] * size)
            minifat = list(struct.unpack_from(f"<{len(minifat_raw) // 4}I", minifat_raw))
            return b"".join(ministream[n * 64:(n + 1) * 64] for n in _chain(minifat, start, len(minifat)))[:length]
    return None


def _records(stream: bytes, pos: int):  # noqa: ANN202
    """(type, data, next position) of the records from ``pos``."""
    end = len(stream)
    while pos + 4 <= end:
        kind, length = _U16(stream, pos)[0], _U16(stream, pos + 2)[0]
        yield kind, stream[pos + 4:pos + 4 + length]
        pos += 4 + length


#: A FORMULA record (0x0006) whose cached result is an error, or a BOOLERR (0x0205, length 8)
#: holding one: most files have neither, and are not walked record by record.
_MAYBE_ERROR = re.compile(rb"\x06\x00.{8}\x02\x00.\x00\x00\x00\xff\xff|\x05\x02\x08\x00.{7}\x01", re.S)


def _sheets(stream: bytes) -> list[tuple[str, int]]:
    """(name, offset) of the worksheets (not charts or macro sheets), from the BOUNDSHEET records."""
    sheets: list[tuple[str, int]] = []
    for kind, rec in _records(stream, 0):
        if kind == _EOF:
            break
        if kind == _BOUNDSHEET and len(rec) >= 8 and rec[5] == 0:
            cch, high = rec[6], rec[7] & 1
            raw = rec[8:8 + cch * (2 if high else 1)]
            sheets.append((raw.decode("utf-16-le" if high else "latin-1"), _U32(rec, 0)[0]))
    return sheets


def _sheet_records(stream: bytes, offset: int):  # noqa: ANN202
    for i, (kind, rec) in enumerate(_records(stream, offset)):
        if kind == _EOF or (kind == _BOF and i > 0):
            return
        yield kind, rec


def _biff_errors(stream: bytes, max_rows: int,
                 sheets: list[tuple[str, int]] | None = None) -> dict[str, dict[tuple[int, int], str]]:
    if not _MAYBE_ERROR.search(stream):
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, offset in (_sheets(stream) if sheets is None else sheets):
        cells: dict[tuple[int, int], str] = {}
        for kind, rec in _sheet_records(stream, offset):
            if kind == _FORMULA and len(rec) >= 14 and rec[12:14] == b"\xff\xff" and rec[6] == 2:
                code = rec[8]
            elif kind == _BOOLERR and len(rec) >= 8 and rec[7] == 1:
                code = rec[6]
            else:
                continue
            row, col = _U16(rec, 0)[0], _U16(rec, 2)[0]
            if row < max_rows:
                cells[(row, col)] = ERROR_CODES.get(code, "#ERROR")
        if cells:
            found[name] = cells
    return found


#: A FORMULA record's token stream that is one number and the percent operator: ``=100%`` as typed
#: into a 指标值 in Excel (ptgInt 100, ptgPercent; ptgNum for ``=99.5%``), its length first.
_PERCENT_FORMULA = re.compile(rb"\x04\x00\x1e..\x14|\x0a\x00\x1f.{8}\x14", re.S)
_DOUBLE = struct.Struct("<d").unpack_from


def _percent_tokens(rec: bytes, at: int) -> str | None:
    """``100%`` where the token stream at ``at`` (its length first) is one number and the percent
    operator, as the sheet shows it."""
    if len(rec) < at + 6:
        return None
    cce, token = _U16(rec, at)[0], rec[at + 2]
    if cce == 4 and token == 0x1E and rec[at + 5] == 0x14:
        number = float(_U16(rec, at + 3)[0])
    elif cce == 10 and token == 0x1F and len(rec) >= at + 12 and rec[at + 11] == 0x14:
        number = _DOUBLE(rec, at + 3)[0]
    else:
        return None
    if number != number or abs(number) >= 1e9:  # nan, or absurd
        return None
    return f"{number:.6f}".rstrip("0").rstrip(".") + "%"


def _biff_percents(stream: bytes, max_rows: int, sheets: list[tuple[str, int]]) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet → the cells whose formula is a bare percentage (``=100%``), as the sheet shows them
    (``100%``): python-calamine gives their result, 1 (see source._Scan.typed). A column of them
    filled down is one shared formula (a SHRFMLA record after its first cell, which each cell's
    FORMULA names by its first cell, ptgExp): each of its cells is one."""
    if not _PERCENT_FORMULA.search(stream):
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, offset in sheets:
        cells: dict[tuple[int, int], str] = {}
        shared: dict[tuple[int, int], tuple[str, int, int]] = {}  # first cell → (shown, last row, last col)
        pointing: list[tuple[int, int, int, int]] = []  # cells of a shared formula: (row, col, its first cell's)
        for kind, rec in _sheet_records(stream, offset):
            if kind == _SHRFMLA and len(rec) >= 14:
                if (shown := _percent_tokens(rec, 8)) is not None:
                    shared[(_U16(rec, 0)[0], rec[4])] = (shown, _U16(rec, 2)[0], rec[5])
                continue
            if kind != _FORMULA or len(rec) < 26:
                continue
            row, col = _U16(rec, 0)[0], _U16(rec, 2)[0]
            if row >= max_rows:
                continue
            if _U16(rec, 20)[0] == 5 and rec[22] == 0x01 and len(rec) >= 27:  # ptgExp: a shared formula's cell
                pointing.append((row, col, _U16(rec, 23)[0], _U16(rec, 25)[0]))
            elif (shown := _percent_tokens(rec, 20)) is not None:
                cells[(row, col)] = shown
        for row, col, r0, c0 in pointing:
            if (first := shared.get((r0, c0))) is not None and r0 <= row <= first[1] and c0 <= col <= first[2]:
                cells[(row, col)] = first[0]
        if cells:
            found[name] = cells
    return found


_FORMAT, _XF, _NUMBER, _RK = 0x041E, 0x00E0, 0x0203, 0x027E


def _shown_xfs(stream: bytes):  # noqa: ANN202
    """Cell format (XF record, by index) → how it shows a number, for the formats that show one
    otherwise than bare: a percentage (built-in ``0%``/``0.00%``, or a FORMAT of one's own) or with
    words around it (``0"人"``): source.number_shown."""
    from .source import BUILTIN_PERCENT, as_percent, number_shown

    shows, xfs = dict.fromkeys(BUILTIN_PERCENT, as_percent), []
    for kind, rec in _records(stream, 0):
        if kind == _EOF:
            break
        if kind == _FORMAT and len(rec) >= 5:
            cch, high = _U16(rec, 2)[0], rec[4] & 1
            code = rec[5:5 + cch * (2 if high else 1)].decode("utf-16-le" if high else "latin-1", "replace")
            if (show := number_shown(code)) is not None:
                shows[_U16(rec, 0)[0]] = show
        elif kind == _XF and len(rec) >= 4:
            xfs.append(_U16(rec, 2)[0])
    return {i: shows[ifmt] for i, ifmt in enumerate(xfs) if ifmt in shows}


def _rk(rk: int) -> float:
    """An RK number: a 30-bit integer or the high bits of a double, divided by 100 when flagged."""
    if rk & 2:
        x = float((rk >> 2) - (1 << 30) if rk & 0x80000000 else rk >> 2)
    else:
        x = _DOUBLE(struct.pack("<Q", (rk & 0xFFFFFFFC) << 32))[0]
    return x / 100 if rk & 1 else x


def _numbers_shown(stream: bytes, max_rows: int, sheets: list[tuple[str, int]]) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet → the numbers its cells show otherwise than bare (``95%`` typed in Excel is 0.95 in a
    ``0%`` format; 2000 in ``"≥"0"人"`` shows ``≥2000人``), as shown: NUMBER, RK and MULRK records."""
    shows = _shown_xfs(stream)
    if not shows:
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, offset in sheets:
        cells: dict[tuple[int, int], tuple[int, float]] = {}
        for kind, rec in _sheet_records(stream, offset):
            if kind == _NUMBER and len(rec) >= 14 and (xf := _U16(rec, 4)[0]) in shows:
                cells[(_U16(rec, 0)[0], _U16(rec, 2)[0])] = xf, _DOUBLE(rec, 6)[0]
            elif kind == _RK and len(rec) >= 10 and (xf := _U16(rec, 4)[0]) in shows:
                cells[(_U16(rec, 0)[0], _U16(rec, 2)[0])] = xf, _rk(_U32(rec, 6)[0])
            elif kind == _MULRK and len(rec) >= 12:
                row, first = _U16(rec, 0)[0], _U16(rec, 2)[0]
                for i in range((len(rec) - 6) // 6):
                    if (xf := _U16(rec, 4 + 6 * i)[0]) in shows:
                        cells[(row, first + i)] = xf, _rk(_U32(rec, 6 + 6 * i)[0])
        shown = {rc: shows[xf](x) for rc, (xf, x) in cells.items() if rc[0] < max_rows and x == x and abs(x) < 1e12}
        if shown:
            found[name] = shown
    return found


def _wide(stream: bytes, max_cells: int, max_rows: int, max_span: int, sheets: list[tuple[str, int]],
          ) -> tuple[dict[str, str], str, dict[str, frozenset[int]], dict[str, frozenset[int]]]:
    """(sheet → its far cells (the lowest, the rightmost) when the range from A1 to them spans
    more than ``max_cells``; the first sheet with impossible DIMENSIONS; sheet → its hidden rows
    below ``max_rows`` and its hidden columns (ranges of at most ``max_span``), from the ROW and
    COLINFO records met on the way).

    python-calamine fills the whole range its cells span (a cell's column may say up to 65,535
    where Excel stops at 256: a damaged file asked for 21 GB, and wrote them), and it reserves
    room for the range the DIMENSIONS record states, reckoned without a check (a first row after
    the last asked for 1.2 TB and aborted the process). So every cell record is looked at; an
    .xls is a small share of any batch.
    """
    wide: dict[str, str] = {}
    hidden: dict[str, frozenset[int]] = {}
    hidden_cols: dict[str, frozenset[int]] = {}
    for name, offset in sheets:
        rows: set[int] = set()
        cols: set[int] = set()
        far = _far_cells(stream, offset, max_cells, rows, cols, max_span)
        if far is None:
            return wide, name, hidden, hidden_cols
        if far:
            wide[name] = far
        if rows:
            hidden[name] = frozenset(r for r in rows if r < max_rows)
        if cols:
            hidden_cols[name] = frozenset(cols)
    return wide, "", hidden, hidden_cols


def _far_cells(stream: bytes, offset: int, max_cells: int, hidden: set[int],
               hidden_cols: set[int], max_span: int) -> str | None:
    """The far cells of a sheet as in :func:`_wide`, ``""`` when its range is small enough, or
    ``None`` when its DIMENSIONS record is impossible; the rows its ROW records hide are added to
    ``hidden``, the columns its COLINFO records hide (a few) to ``hidden_cols``. One tight loop:
    it meets every record."""
    low = right = (-1, -1)
    pos, end, header, cells = offset, len(stream), _TWO_U16, _CELLS
    first_record = True
    while pos + 8 <= end:
        kind, length = header(stream, pos)
        if kind in cells or kind == _MULRK:
            row, first = header(stream, pos + 4)
            last = first if kind != _MULRK or length < 6 else _U16(stream, pos + 2 + length)[0]
            if row > low[0]:
                low = (row, first)
            if last > right[1]:
                right = (row, last)
        elif kind == _ROW and length >= 16 and pos + 20 <= end and stream[pos + 16] & 0x20:  # fDyZero
            hidden.add(_U16(stream, pos + 4)[0])
        elif kind == _COLINFO and length >= 10 and pos + 14 <= end and stream[pos + 12] & 1:  # fHidden
            first, last = _TWO_U16(stream, pos + 4)
            if first <= last <= first + max_span:
                hidden_cols.update(range(first, last + 1))
        elif kind == _DIMENSIONS and length >= 12 and pos + 16 <= end:
            first_row, end_row, first_col, end_col = _DIMS(stream, pos + 4)
            if first_row > end_row or first_col > end_col or end_row > 65_536 or end_col > 256:
                return None
        elif kind == _EOF or (kind == _BOF and not first_record):
            break
        first_record = False
        pos += 4 + length
    from .source import far_cells_named

    return far_cells_named(low, right, max_cells)

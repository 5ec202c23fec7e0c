"""Formula error cells of a legacy .xls (BIFF8 in an OLE compound file), which python-calamine
reads as blanks.

Only what A314 needs is read: the compound file's sector tables, the ``Workbook`` stream, each
sheet's name and offset (BOUNDSHEET) and, in each sheet, FORMULA records whose cached result is an
error and BOOLERR records holding an error. Everything is bounded by the file's own size; a
damaged or hostile file yields no error cells rather than an exception (reading it is
python-calamine's job, and it says what is wrong).
"""

from __future__ import annotations

import re
import struct

MAX_STREAM = 64 << 20  # a Workbook stream beyond this is not searched
#: Bytes of the file read for the search (the stream, and the sector tables around it).
READ_LIMIT = MAX_STREAM + (1 << 20)
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_U16, _U32 = struct.Struct("<H").unpack_from, struct.Struct("<I").unpack_from
#: BIFF error codes (the same in FORMULA results and BOOLERR records).
ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _BOOLERR = 0x0809, 0x000A, 0x0085, 0x0006, 0x0205


def errors_in(data: bytes, max_rows: int) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name → {(row, col): ``#DIV/0!``…} of an .xls's first ``READ_LIMIT`` bytes; empty
    when there are none or the file is odd."""
    try:
        stream = _workbook_stream(data)
        return _biff_errors(stream, max_rows) if stream else {}
    except (struct.error, IndexError, ValueError, KeyError, UnicodeDecodeError):
        return {}


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


def _biff_errors(stream: bytes, max_rows: int) -> dict[str, dict[tuple[int, int], str]]:
    if not _MAYBE_ERROR.search(stream):
        return {}
    sheets: list[tuple[str, int]] = []
    for kind, rec in _records(stream, 0):
        if kind == _EOF:
            break
        if kind == _BOUNDSHEET and len(rec) >= 8 and rec[5] == 0:  # a worksheet (not a chart or macro sheet)
            cch, high = rec[6], rec[7] & 1
            raw = rec[8:8 + cch * (2 if high else 1)]
            sheets.append((raw.decode("utf-16-le" if high else "latin-1"), _U32(rec, 0)[0]))
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, offset in sheets:
        cells: dict[tuple[int, int], str] = {}
        for i, (kind, rec) in enumerate(_records(stream, offset)):
            if kind == _EOF or (kind == _BOF and i > 0):
                break
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

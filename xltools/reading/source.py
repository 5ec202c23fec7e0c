"""Open a workbook file as grids, refusing clearly what is not a readable workbook.

python-calamine reads the values (it is many times faster than openpyxl and never evaluates
anything). Before handing a file to it we look at its first bytes and, for zip containers, at
the central directory only, so that an empty file, a CSV renamed ``.xlsx``, an encrypted
workbook or a zip bomb is refused with one plain sentence instead of a traceback or a stall.
"""

from __future__ import annotations

import codecs
import html
import math
import os
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import BinaryIO, NamedTuple, TypeVar

from .. import trail
from ..errors import UnreadableWorkbook
from ..grid import Grid, a1, parse_a1

#: Refuse zip containers whose members would inflate past this many bytes.
MAX_UNCOMPRESSED = 1 << 30
#: Read at most this many rows of a sheet; performance tables are far shorter.
MAX_ROWS = 20_000
#: A worksheet part larger than this (uncompressed XML) is not a performance table: it is skipped
#: unread, so that a million-row data sheet costs neither the time nor the memory to parse it.
MAX_SHEET_BYTES = 48 << 20
#: A worksheet whose used range (from A1 to its farthest cell) spans more cells than this is not
#: read either: python-calamine holds the whole range in memory, ~32 bytes a cell, so one value
#: typed into XFD1048576 asks for 550 GB and ends the process (a Rust abort, not an exception),
#: and one in Z1048576 costs 0.9 GB. 5 M cells (~160 MB) is far beyond any performance table.
MAX_CELLS = 5_000_000

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_END = struct.Struct("<4s4H2LH").unpack  # end of central directory record
# central directory entry: flags, method, compressed and full size, name/extra/comment lengths, offset
_ENTRY = struct.Struct("<4s4xHH4xLLLHHH8xL").unpack_from
_LOCAL = struct.Struct("<4s22xHH").unpack  # local file header: name and extra lengths


class Member(NamedTuple):
    """A zip member as its central directory describes it."""

    name: str
    size: int  # uncompressed
    method: int  # 0 stored, 8 deflated
    csize: int
    offset: int  # of its local header
    crc: int = 0  # of its data, as the central directory states it


def _refuse(path: str, zh: str, en: str) -> UnreadableWorkbook:
    name = os.path.basename(path)
    return UnreadableWorkbook(f"{name}：{zh}", f"{name}: {en}")


def check_container(path: str) -> tuple[str, dict[str, str]]:
    """(``zip`` or ``ole``, sheets too large to read) for a plausible workbook; raise otherwise.

    The sheets map their names to the far cells that make their used range too large
    (``XFD1048576``: a value typed far away), or to ``""`` (too many bytes)."""
    found = _container(path)
    return found.kind, found.too_big


class Container(NamedTuple):
    """What the look at a file before python-calamine found, by sheet name."""

    kind: str  # zip, ole, or a text format saved as .xls: html (reading/html.py), xml2003 (reading/xml2003.py),
    # delimited (reading/delimited.py)
    too_big: dict[str, str]  # sheets not to read: their far cells, or "" for too many bytes
    errors: dict[str, Cells]  # cells showing a formula error (A314), when asked for
    odd: bool  # a sheet may hold a number python-calamine reads as inf or nan: every sheet is checked
    hidden_rows: dict[str, frozenset[int]] = {}  # rows hidden in Excel (0-based), when asked for (S110)
    hidden_cols: dict[str, frozenset[int]] = {}  # columns hidden (0-based): a label's visible column wins
    typed: dict[str, Cells] = {}  # formula cells read as the sheet shows them (``=100%``): see _Scan.typed
    merges: dict[str, list[tuple[int, int, int, int]]] = {}  # an .ods's merged ranges (python-calamine gives none)


def _container(path: str, *, scan_errors: bool = False) -> Container:
    """:func:`check_container`, and with ``scan_errors`` what :func:`_scan_parts` finds (.xlsx/.ods)
    or ``xls.scan`` (an .xls, whose bytes are read once for the encryption mark and its records)."""
    members, encrypted, scan, ole = None, False, None, b""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            start = fh.read(4096)
            head = start[:8]
            if head.startswith(_ZIP):
                members = _zip_members(path, fh, size)
                too_big = _check_zip(path, members)
                if scan_errors:
                    scan = _scan_parts(fh, members)
            elif head == _OLE:
                from .xls import READ_LIMIT

                ole = start + fh.read((READ_LIMIT if scan_errors else 4 << 20) - len(start))
                encrypted = _ENCRYPTION_MARK in ole[:4 << 20]
    except FileNotFoundError:
        raise _refuse(path, "文件不存在，请检查路径。", "file not found; check the path.") from None
    except IsADirectoryError:
        raise _refuse(path, "这是一个文件夹，不是工作簿。", "this is a folder, not a workbook.") from None
    except OSError as e:
        raise _refuse(path, f"无法打开文件（{e.strerror}）。", f"cannot open the file ({e.strerror}).") from None
    if size == 0:
        raise _refuse(path, "文件为空（0 字节），请重新保存或重新获取该文件。",
                      "the file is empty (0 bytes); save or obtain it again.")
    if members is not None:
        if scan is None:
            return Container("zip", too_big, {}, False)
        if scan.strings:
            raise _refuse(path, f"文件已损坏：共享字符串表声称有 {scan.strings} 个字符串，远多于其内容；"
                                "请在 Excel 中打开并另存后再试。",
                          f"the file is corrupt: its shared strings claim {scan.strings} entries, far more than "
                          "they hold; open it in Excel, save it again and retry.")
        if scan.ods is not None:  # an OpenDocument file names its sheets itself
            _refuse_wide(path, scan.ods.wide)
            return Container("zip", too_big, scan.ods.errors, True, _frozen(scan.ods.hidden_rows),
                             _frozen(scan.ods.hidden_cols), scan.ods.typed, merges=scan.ods.merges)
        marked = scan.marked()
        if not marked:
            return Container("zip", too_big, {}, scan.odd)
        # (the names read from the open file, unless they miss a part: then as the zip and XML say)
        named = scan.named if marked <= scan.named.keys() else _part_names(path)
        if any(part not in named for part in scan.wide):  # python-calamine must not open it
            raise _refuse(path, "工作表已用区域过大（远处单元格有内容），且工作簿结构无法解析，未读取。",
                          "a sheet's used range is too large (a value far away) and the workbook's structure "
                          "cannot be read; not read.")
        too_big.update(_by_sheet(scan.wide, named))
        return Container("zip", too_big, _by_sheet(scan.errors, named), scan.odd,
                         _by_sheet(_frozen(scan.hidden_rows), named), _by_sheet(_frozen(scan.hidden_cols), named),
                         _by_sheet(scan.typed, named))
    if head == _OLE:
        if encrypted:
            raise _refuse(path, "工作簿已加密（设置了打开密码），请在 Excel 中取消密码后另存再试。",
                          "the workbook is encrypted (password to open); remove the password in Excel and save a copy.")
        if scan_errors:  # a legacy .xls: its FORMULA and BOOLERR records, its far cells (reading/xls.py)
            from .xls import scan as scan_xls

            found = scan_xls(ole, MAX_ROWS, MAX_CELLS, MAX_HIDDEN_SPAN)
            if found.damaged:
                raise _refuse(path, f"文件已损坏：工作表「{found.damaged}」的范围记录（DIMENSIONS）不合法；"
                                    "请在 Excel 中打开并另存为 .xlsx 后再试。",
                              f"the file is corrupt: the range record (DIMENSIONS) of sheet {found.damaged!r} is "
                              "impossible; open it in Excel and save it as .xlsx.")
            _refuse_wide(path, found.wide)
            return Container("ole", {}, found.errors, True, found.hidden_rows, found.hidden_cols, found.typed)
        return Container("ole", {}, {}, True)
    if _looks_like_text(head):
        from .html import MAX_BYTES, is_html
        from .xml2003 import is_xml2003

        kind = "xml2003" if is_xml2003(start) else "html" if is_html(start) else None
        if kind is not None:  # Excel 2003 XML, or a page: what many systems export as .xls
            if size > MAX_BYTES:
                raise _too_large(path)
            return Container(kind, {}, {}, False)
        from .delimited import SUFFIXES

        if os.fspath(path).lower().endswith(SUFFIXES):  # tab- or comma-separated text, as Excel opens it (reading/delimited.py)
            if size > MAX_BYTES:
                raise _too_large(path)
            return Container("delimited", {}, {}, False)
        raise _refuse(path, "这是文本文件（如 CSV），不是 Excel 工作簿；请在 Excel 中打开后另存为 .xlsx。",
                      "this is a text file (e.g. CSV), not an Excel workbook; open it in Excel and save as .xlsx.")
    raise _refuse(path, "不是可识别的工作簿格式（支持 .xlsx/.xlsm/.xls/.et/.ods）。",
                  "not a recognised workbook format (.xlsx/.xlsm/.xls/.et/.ods are supported).")


def _too_large(path: str) -> UnreadableWorkbook:
    """An .ods's content.xml, or a page or 2003 XML file, past :data:`MAX_SHEET_BYTES`."""
    return _refuse(path, "表格内容过大，不是绩效表，已跳过。",
                   "the spreadsheet content is too large to be a performance table; skipped.")


def _frozen(rows: dict[str, set[int]]) -> dict[str, frozenset[int]]:
    return {k: frozenset(v) for k, v in rows.items() if v}


def _by_sheet(by_part: dict[str, T], named: dict[str, str]) -> dict[str, T]:
    """What was found per worksheet part, by the sheet's name (parts workbook.xml does not name
    are dropped; a too wide one was refused before)."""
    return {named[part]: v for part, v in by_part.items() if part in named}


def _refuse_wide(path: str, wide: dict[str, str]) -> None:
    """An .xls or .ods is read whole when opened, so a sheet too wide to hold refuses the file."""
    if wide:
        sheet, far = next(iter(wide.items()))
        raise _refuse(path, f"工作表「{sheet}」的 {far} 处有内容，使已用区域过大，无法读取；"
                            "删除远处的内容（Ctrl+End 可定位）后另存再试。",
                      f"sheet {sheet!r} has a value at {far}, which makes its used range too large to read; "
                      "delete it (Ctrl+End finds it), save and try again.")


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    for encoding in ("utf-8", "gb18030"):
        try:  # incremental: the first bytes may end inside a character (项目,金额 is 3 bytes a character)
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return all(b >= 9 for b in head)
    return False


def _zip_members(path: str, fh: BinaryIO, size: int) -> list[Member]:
    """Every member of the open zip ``fh``, from its central directory.

    A direct reading of the end record and the directory costs half of ``zipfile.ZipFile``,
    which matters over thousands of files; anything unusual (ZIP64, a comment hiding the end
    record, inconsistent offsets) is left to ``zipfile`` itself, which also names the damage.
    """
    members = _fast_members(fh, size)
    return members if members is not None else _zip_members_slow(path)


def _fast_members(fh: BinaryIO, size: int) -> list[Member] | None:
    """The members from the end record and directory of an open file; ``None``: ask zipfile."""
    if size < 22:
        return None
    fh.seek(size - 22)
    end = fh.read(22)
    if end[:4] != b"PK\x05\x06":
        return None
    _, disk, _, _, count, cd_size, cd_offset, _ = _END(end)
    if disk != 0 or cd_offset + cd_size > size - 22 or count == 0xFFFF:
        return None
    fh.seek(cd_offset)
    return _central_directory(fh.read(cd_size), count)


def _central_directory(cd: bytes, count: int) -> list[Member] | None:
    members = []
    pos = 0
    unpack = _ENTRY
    for _ in range(count):
        if pos + 46 > len(cd):
            return None
        sig, flags, method, crc, csize, usize, nlen, xlen, clen, offset = unpack(cd, pos)
        if sig != b"PK\x01\x02" or 0xFFFFFFFF in (usize, csize, offset):
            return None
        raw = cd[pos + 46:pos + 46 + nlen]
        try:  # an ASCII name reads the same in cp437, whose codec is 1.4 ms to import
            name = raw.decode("utf-8" if flags & 0x800 or raw.isascii() else "cp437")
        except UnicodeDecodeError:  # a damaged name: zipfile says what is wrong
            return None
        members.append(Member(name, usize, method, csize, offset, crc))
        pos += 46 + nlen + xlen + clen
    return members if pos == len(cd) else None


def _zip_members_slow(path: str) -> list[Member]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return [Member(i.filename, i.file_size, i.compress_type, i.compress_size, i.header_offset, i.CRC)
                    for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # NotImplemented: "multiple disks"
        raise _refuse(path, "文件已损坏（不是完整的 zip/xlsx 包），请重新保存或重新获取该文件。",
                      "the file is corrupt (not a complete zip/xlsx package); save or obtain it again.") from None


def _check_zip(path: str, infos: list[Member]) -> dict[str, str]:
    names = {m.name for m in infos}
    if "xl/workbook.xml" not in names and "content.xml" not in names:
        if "xl/workbook.bin" in names:  # .xlsb: its binary sheets are not searched for far cells (MAX_CELLS)
            raise _refuse(path, "这是 Excel 二进制工作簿（.xlsb），不受支持；请在 Excel 中另存为 .xlsx 后再试。",
                          "this is an Excel binary workbook (.xlsb), which is not supported; save it as .xlsx "
                          "in Excel and try again.")
        raise _refuse(path, "压缩包中没有工作簿（可能是 Word/其他文档改了扩展名）。",
                      "the package holds no workbook (perhaps a Word or other document renamed).")
    total = sum(m.size for m in infos)
    if total > MAX_UNCOMPRESSED:
        raise _refuse(path, f"解压后将超过 {MAX_UNCOMPRESSED >> 20} MB，疑似压缩炸弹，已拒绝读取。",
                      f"it would inflate past {MAX_UNCOMPRESSED >> 20} MB (a zip bomb?); refused.")
    big = {m.name for m in infos if m.size > MAX_SHEET_BYTES
           and (m.name.startswith("xl/worksheets/") or m.name == "content.xml")}
    if "content.xml" in big:
        raise _too_large(path)
    return {name: "" for part, name in _part_names(path).items() if part in big} if big else {}


def _sheet_parts(path: str, limit: int | None = None) -> dict[str, str]:
    """Worksheet part → sheet name, from workbook.xml and its relationships; none when either
    part would inflate past ``limit`` bytes."""
    import posixpath
    import zipfile

    from defusedxml.ElementTree import fromstring

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book_part, rels_part = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
    with zipfile.ZipFile(path) as zf:
        if limit is not None and any(zf.getinfo(p).file_size > limit for p in (book_part, rels_part)):
            return {}
        book = fromstring(zf.read(book_part))
        rels = fromstring(zf.read(rels_part))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    return {targets[rid]: sheet.get("name", "") for sheet in book.iter(f"{ns_main}sheet")
            if (rid := sheet.get(f"{ns_rel}id")) in targets}


_ERROR_MARK = b't="e"'
#: What :attr:`Grid.errors` holds for a formula cell without a result (never calculated: a file
#: written by a program, or by openpyxl as ``xltools fix`` does, and not saved in Excel since).
UNCALCULATED = ""
#: What a hidden row or column carries (the searches ``hidden_row``/``hidden_col`` match no other
#: value). Looked for as bytes first: LibreOffice writes ``hidden="false"`` on every row, where two
#: searches over the whole part would find nothing.
_HIDDEN_MARKS = (b'hidden="1"', b'hidden="true"')
_COL_MIN, _COL_MAX = re.compile(rb'\bmin="([0-9]{1,5})"'), re.compile(rb'\bmax="([0-9]{1,5})"')
#: Hidden columns spanning more than this (everything right of the table hidden) are not listed:
#: only a column beside another of the same label matters (reading.recognize._Cells.mapped).
MAX_HIDDEN_SPAN = 256
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]+)"')


#: OpenDocument: the one part holding every sheet (by name), and its error mark.
_ODS_CONTENT, _ODS_ERROR_MARK = "content.xml", b'calcext:value-type="error"'
Cells = dict[tuple[int, int], str]
T = TypeVar("T")


@dataclass(slots=True)
class _Scan:
    """What one look at the inflated worksheet parts found (.xlsx: by part; .ods: by sheet)."""

    errors: dict[str, Cells] = field(default_factory=dict)  # cells showing a formula error
    wide: dict[str, str] = field(default_factory=dict)  # parts too wide to read: their far cells
    odd: bool = False  # a part may hold a number python-calamine reads as inf or nan
    hidden_rows: dict[str, set[int]] = field(default_factory=dict)  # rows hidden (0-based), by part or sheet
    hidden_cols: dict[str, set[int]] = field(default_factory=dict)  # columns hidden (0-based), likewise
    ods: _Scan | None = None  # an OpenDocument file's content.xml, by sheet name
    strings: int = 0  # shared strings declared beyond what the part can hold (a damaged file)
    #: Cells whose formula is a bare percentage, by part: ``=100%`` typed in Excel (the 指标值
    #: every national form shows, or an actual copied in its style) becomes the formula ``100%``
    #: holding 1, which python-calamine gives as 1 — a target "without a unit" (G201); it is read
    #: as the sheet shows it, ``100%`` (a target's "=" is the default direction anyway). So is a
    #: number typed as a percentage (``90%`` typed in Excel is 0.9 in a percent format; an .ods
    #: cell of value-type percentage): ``90%``. A formula's result keeps its number.
    typed: dict[str, Cells] = field(default_factory=dict)
    #: An OpenDocument sheet's merged ranges (``number-columns-spanned``/``number-rows-spanned``),
    #: which python-calamine does not give for .ods: a header merged down over two rows, a 一级指标
    #: over its block, read as in the .xlsx and .xls the same table makes.
    merges: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)  # worksheet part → sheet name, where read

    def marked(self) -> set[str]:
        """The worksheet parts something was found in: the ones whose sheet names are needed."""
        return {*self.wide, *self.errors, *self.hidden_rows, *self.hidden_cols, *self.typed}


def _scan_parts(fh: BinaryIO, members: list[Member]) -> _Scan:
    """Each worksheet part (an .ods keeps every sheet in content.xml) inflated once more (bounded;
    about a tenth of the reading time of a typical file) and searched for what python-calamine
    would read wrongly or could not survive; a damaged part only costs its marks:

    * cells whose formulas show an error ({(row, col): ``#DIV/0!``…}): python-calamine reads them
      as empty (python-calamine issue #105), so a total showing ``#DIV/0!`` would pass for a blank;
    * a used range too large to hold (:data:`MAX_CELLS`): one value typed into XFD1048576;
    * a number written as ``1E+400`` or ``nan``, which no spreadsheet writes and which would be
      read as an infinite or undefined number (:func:`_finite`);
    * rows hidden in Excel (or filtered out), which python-calamine does not tell: an indicator
      row hidden instead of deleted still counts in every sum (S110); and hidden columns, so that
      a label given twice is read from its visible column (reading.recognize._Cells.mapped);
    * formulas that are a bare percentage (``=100%`` typed in Excel), read as the sheet shows them
      (:attr:`_Scan.typed`); and so numbers whose style shows them as a percentage or with words
      around them (:func:`number_shown`), looked for only where a part has styled cells.
    """
    scan = _Scan()
    # parts with cells of a style of their own (a percent format, maybe), with their data while
    # what is kept stays small (else inflated again, if the styles show numbers otherwise)
    styled: list[tuple[Member, bytes | None]] = []
    kept = 0
    styles = None
    for m in members:
        ods = m.name == _ODS_CONTENT
        strings = m.name == _SHARED_STRINGS
        if m.name == _STYLES:
            styles = m
            continue
        if not (ods or strings or (m.name.startswith("xl/worksheets/") and m.name.endswith(".xml"))) \
                or m.size > MAX_SHEET_BYTES or m.method not in (0, 8):
            continue
        data = _inflate(fh, m, 4096, 2048) if strings else _inflate(fh, m)
        if data is None:
            continue
        if strings:
            declared = _UNIQUE_COUNT.search(data)
            # every string takes ten bytes or more (<si><t/></si>): more declared is a lie, which
            # python-calamine believes — it reserves room for them all and aborts past the memory
            if declared and int(declared[1]) > max(m.size // 10, 1000):
                scan.strings = int(declared[1])
            continue
        if ods:
            scan.ods = _ods_scan(data)
            continue
        prefix = _prefix(data)
        pat = _patterns(prefix)
        if pat.maybe_far.search(data):
            far = _far_cells(data, pat)
            if far:
                scan.wide[m.name] = far
                continue
        if pat.odd_value.search(data):
            scan.odd = True
        if _HIDDEN_MARKS[0] in data or _HIDDEN_MARKS[1] in data:
            rows = {int(r[2]) - 1 for attrs in pat.hidden_row.findall(data)
                    if (r := _R_ATTR.search(attrs)) and r[2] and int(r[2]) <= MAX_ROWS}
            if rows:
                scan.hidden_rows[m.name] = rows
            cols = set()
            for attrs in pat.hidden_col.findall(data):
                first, last = _COL_MIN.search(attrs), _COL_MAX.search(attrs)
                if first and last and 0 < int(first[1]) <= int(last[1]) <= int(first[1]) + MAX_HIDDEN_SPAN:
                    cols.update(range(int(first[1]) - 1, int(last[1])))
            if cols:
                scan.hidden_cols[m.name] = cols
        cells: Cells = {}
        if _ERROR_MARK in data:
            for attrs, body in pat.error_cell.findall(data):
                ref, value = _REF.search(attrs), pat.value.search(body)
                if ref and value:
                    row, col = parse_a1(ref[1].decode())
                    if row < MAX_ROWS:
                        cells[(row, col)] = value[1].decode("utf-8", "replace")
        if pat.formula_end in data and any(mark in data for mark in pat.maybe_uncalculated):
            for attrs in pat.uncalculated.findall(data):
                ref = _REF.search(attrs)
                if ref and b't="str"' not in attrs:  # an empty text result is a result
                    row, col = parse_a1(ref[1].decode())
                    if row < MAX_ROWS:
                        cells.setdefault((row, col), UNCALCULATED)
        if not prefix and _STYLED in data:
            keep = kept + len(data) <= _MAX_KEPT
            styled.append((m, data if keep else None))
            kept += len(data) if keep else 0
        typed = {}
        if pat.percent_formula_end in data:
            matches = pat.percent_formula.findall(data)
            found = [(attrs, f"{number.decode()}%") for attrs, _, number in matches]
            shared = {si[1]: shown for (_, f_attrs, _), (_, shown) in zip(matches, found, strict=True)
                      if b'"shared"' in f_attrs and (si := _SI.search(f_attrs))}  # si → what its cells show
            if shared:  # (a column of =100% filled down: its other cells name the formula by its si)
                found += [(attrs, shared[si[1]]) for attrs, f_attrs in pat.shared_child.findall(data)
                          if (si := _SI.search(f_attrs)) and si[1] in shared]
            for attrs, shown in found:
                ref = _REF.search(attrs)
                if ref:
                    row, col = parse_a1(ref[1].decode())
                    if row < MAX_ROWS:
                        typed[(row, col)] = shown
                        if cells.get((row, col)) == UNCALCULATED:  # its value is known without a result
                            del cells[(row, col)]
        if typed:
            scan.typed[m.name] = typed
        if cells:
            scan.errors[m.name] = cells
    if styled and styles is not None and styles.size <= MAX_SHEET_BYTES:
        _numbers_shown(fh, styles, styled, scan)
    if scan.marked():
        scan.named = _names_from(fh, members)
    return scan


#: The bytes of worksheet parts kept from the first look for the second (styled numbers).
_MAX_KEPT = 8 << 20
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^<>]*)>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^<>]*)>")
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')


def _names_from(fh: BinaryIO, members: list[Member]) -> dict[str, str]:
    """Worksheet part → sheet name, from workbook.xml and its relationships read from the open file
    (attributes by regular expression: no entities are expanded); nothing when either is missing or
    too large. Where it misses a part (attributes in single quotes, say), the caller asks
    :func:`_part_names`, the zip and XML parse (0.1 ms a file)."""
    import posixpath

    by = {m.name: m for m in members}
    book, rels = by.get("xl/workbook.xml"), by.get("xl/_rels/workbook.xml.rels")
    if book is None or rels is None or max(book.size, rels.size) > MAX_BOOK_XML:
        return {}
    b, r = _inflate(fh, book, limit=MAX_BOOK_XML), _inflate(fh, rels, limit=MAX_BOOK_XML)
    if not b or not r:
        return {}
    targets = {}
    for attrs in _REL_TAG.findall(r):
        a = dict(_ATTR.findall(attrs))
        target = html.unescape(a.get(b"Target", b"").decode("utf-8", "replace"))
        targets[a.get(b"Id")] = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
    out = {}
    for attrs in _SHEET_TAG.findall(b):
        a = dict(_ATTR.findall(attrs))
        rid = next((v for k, v in a.items() if k.endswith(b":id")), None)
        if rid in targets and b"name" in a:
            out[targets[rid]] = html.unescape(a[b"name"].decode("utf-8", "replace"))
    return out


def _inflate(fh: BinaryIO, m: Member, csize: int | None = None, limit: int = MAX_SHEET_BYTES) -> bytes | None:
    """Member ``m``'s data (its first ``csize`` compressed bytes, at most ``limit`` inflated), or None
    where the zip is damaged there."""
    if m.method not in (0, 8):
        return None
    try:
        fh.seek(m.offset)
        csize = m.csize if csize is None else min(m.csize, csize)
        buf = fh.read(30 + csize + 512)  # the local header, its name and extra field, the data
        sig, nlen, xlen = _LOCAL(buf[:30])
        if sig != _ZIP:
            return None
        start = 30 + nlen + xlen
        raw = buf[start:start + csize]
        if len(raw) < csize:
            raw += fh.read(csize - len(raw))
        return zlib.decompressobj(-15).decompress(raw, limit) if m.method == 8 else raw[:limit]
    except (OSError, struct.error, zlib.error):
        return None


#: A style sheet's numbers shown otherwise than bare (_shown_styles), by its CRC and size: a batch
#: of files from one form or system parses its style sheet once. Bounded, as _LABEL_KEYS is.
_SHOWN_STYLES: dict[tuple[int, int], dict[bytes, Callable[[float], str]] | None] = {}
#: Cells read as shown, per part, at most (a form has a few; a hostile part could style a million).
MAX_TYPED = 100_000
#: A cell with a style of its own (``<c r="D17" s="3">``): a part without one shows its numbers bare.
_STYLED = b' s="'


def _numbers_shown(fh: BinaryIO, styles: Member, parts: list[tuple[Member, bytes | None]], scan: _Scan) -> None:
    """The numbers that ``parts`` show otherwise than bare (a style whose number format is a
    percentage, or puts words around the number: :func:`number_shown`), added to the scan's typed
    cells — read once more only where the styles have such a format."""
    key = (styles.crc, styles.size)  # (the files of one form or system share their style sheet)
    if key in _SHOWN_STYLES:
        found = _SHOWN_STYLES[key]
    else:
        data = _inflate(fh, styles, limit=_MAX_STYLES)
        found = _shown_styles(data) if data is not None else None
        if len(_SHOWN_STYLES) > 256:
            _SHOWN_STYLES.clear()
        _SHOWN_STYLES[key] = found
    if found is None:
        return
    for m, kept in parts:
        sheet = kept if kept is not None else _inflate(fh, m)
        typed = _styled_numbers(sheet, found) if sheet is not None else {}
        if typed:
            scan.typed[m.name] = {**typed, **scan.typed.get(m.name, {})}


#: A plain number's cell (no formula), from its start: its reference, style and number.
_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})" s="([0-9]{1,6})"(?: t="n")?>\s*<v>'
                          rb"(-?[0-9]{1,15}(?:\.[0-9]{1,17})?(?:E-?[0-9]{1,2})?)</v>\s*</c>")


def _styled_numbers(sheet: bytes, shows: dict[bytes, Callable[[float], str]]) -> Cells:
    """The plain numbers of a worksheet part in the styles of ``shows``, as they show them: each
    style's ``s="N"`` is looked for as bytes (a form has a few such cells among hundreds), and the
    cell around it read."""
    typed: Cells = {}
    for style, show in shows.items():
        needle = b' s="' + style + b'"'
        pos = sheet.find(needle)
        while pos >= 0 and len(typed) < MAX_TYPED:
            m = _STYLED_CELL.match(sheet, max(sheet.rfind(b"<c ", max(pos - 40, 0), pos), 0))
            if m is not None and m[2] == style:
                row, col = parse_a1(m[1].decode())
                if row < MAX_ROWS:
                    typed[(row, col)] = show(float(m[3]))
            pos = sheet.find(needle, pos + len(needle))
    return typed


_STYLES = "xl/styles.xml"
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^<>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^<>]*)>")
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\b([^<>]*)>")
_NUM_FMT_ID = re.compile(rb'\bnumFmtId="([0-9]{1,6})"')
_FORMAT_CODE = re.compile(rb'\bformatCode="([^"]*)"')
#: Excel's built-in percent formats (``0%``, ``0.00%``).
BUILTIN_PERCENT = frozenset((9, 10))
#: How much of a style sheet is read for its cell formats (a workbook's are a few kilobytes).
_MAX_STYLES = 1 << 20


def _shown_styles(styles: bytes) -> dict[bytes, Callable[[float], str]] | None:
    """The cell styles (``s="N"``: an index into ``cellXfs``) that show a number otherwise than bare,
    and how each shows one; None when no style does (most style sheets: a few byte searches)."""
    if b'numFmtId="9"' not in styles and b'numFmtId="10"' not in styles and b"formatCode" not in styles:
        return None
    shows: dict[int, Callable[[float], str]] = dict.fromkeys(BUILTIN_PERCENT, as_percent)
    for attrs in _NUM_FMT.findall(styles):
        fid, code = _NUM_FMT_ID.search(attrs), _FORMAT_CODE.search(attrs)
        if fid and code and (show := number_shown(html.unescape(code[1].decode("utf-8", "replace")))):
            shows[int(fid[1])] = show
    xfs = _CELL_XFS.search(styles)
    found = {str(n).encode(): shows[int(fid[1])] for n, attrs in enumerate(_XF.findall(xfs[1]) if xfs else ())
             if (fid := _NUM_FMT_ID.search(attrs)) and int(fid[1]) in shows}
    return found if 0 < len(found) <= 200 else None


#: A number format's sections, colours and locales (``0.0%;[Red]-0.0%``, ``[$-804]0"人"``), and its
#: quoted or escaped text (``"人"``, ``\人``).
_SECTION = re.compile(r'^((?:"[^"]*"|\\.|[^;"\\])*)')
_TAGS = re.compile(r"\[[^\]]*\]")
_TEXT = re.compile(r'"([^"]*)"|\\(.)')
#: A format that shows a number with words around it: ``0"人"``, ``"≥"0"人"``, ``#,##0.00"万元"``.
_WORDED = re.compile(r'^((?:"[^"]*"|\\.)*)[#,]*0(?:\.0+)?((?:"[^"]*"|\\.)*)$')


def number_shown(code: str) -> Callable[[float], str] | None:
    """How a cell of number format ``code`` (its first section) shows a number, where that tells the
    reader more than the number: as a percentage (``0%``, ``0.0%``: 0.955 → ``95.5%``), or with words
    around it (``"≥"0"人"``: 2000 → ``≥2000人``). None for any other format: a date, plain digits."""
    first = _TAGS.sub("", _SECTION.match(code)[1]).strip()  # type: ignore[index]
    if "%" in _TEXT.sub("", first):
        return as_percent
    m = _WORDED.match(first)
    if m is None or not (m[1] or m[2]):
        return None
    before, after = ("".join(a or b for a, b in _TEXT.findall(x)) for x in (m[1], m[2]))
    return lambda x: f"{before}{_digits(x)}{after}"


def _digits(x: float) -> str:
    return f"{round(x, 8):.8f}".rstrip("0").rstrip(".")


def as_percent(x: float) -> str:
    """A fraction as a percentage, to the digits it has (0.9 → ``90%``, 0.955 → ``95.5%``)."""
    return _digits(x * 100) + "%"


_SHARED_STRINGS = "xl/sharedStrings.xml"
_UNIQUE_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^<>]*?\buniqueCount="([0-9]{1,20})"')


class _Patterns(NamedTuple):
    """The searches of a worksheet part, for the element prefix it uses (``x:`` from the .NET
    Open XML SDK and some exporters: ``<x:c r="A1">``; python-calamine reads those as well)."""

    #: A cached value that is not a plain number (``inf``, ``nan``; also text results of formulas,
    #: which are then merely checked): python-calamine reads ``inf``, ``nan`` and an overflowing
    #: ``1E+400`` as numbers no spreadsheet holds. One search over the part.
    odd_value: re.Pattern[bytes]
    #: A cell that may lie far out, or whose place cannot be told from its tag: one without a
    #: leading reference (placed after the cell before), or one past column HZ or row 9999. Sheets
    #: without one span at most 9,999 × 234 cells; a typical sheet has none: one search settles it.
    maybe_far: re.Pattern[bytes]
    row_or_cell: re.Pattern[bytes]
    cell_end: bytes
    error_cell: re.Pattern[bytes]
    value: re.Pattern[bytes]
    hidden_row: re.Pattern[bytes]  # a row hidden, or filtered out: its attributes
    hidden_col: re.Pattern[bytes]  # a hidden column range (``<col min= max= hidden="1"/>``): its attributes
    #: A formula cell may lack its result: the formula's end right before the cell's (no ``<v>``),
    #: or an empty ``<v/>``. Excel and WPS always store a result; openpyxl and other generators do
    #: not, and python-calamine then reads the cell as empty (see :data:`UNCALCULATED`). Byte
    #: searches first: a file saved by Excel holds none of them, and they cost next to nothing.
    formula_end: bytes  # ``</f>``: a part without it has no formulas (a shared one's master has it)
    maybe_uncalculated: tuple[bytes, ...]
    uncalculated: re.Pattern[bytes]  # such a cell: its attributes
    percent_formula_end: bytes  # ``%</f>``: a part without it has no formula ``=100%``
    percent_formula: re.Pattern[bytes]  # such a cell: its attributes, its formula's and the number
    #: a cell of a shared formula other than its first (``<f t="shared" si="0"/>``: a column of
    #: ``=100%`` filled down): its attributes and its formula's
    shared_child: re.Pattern[bytes]


@lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> _Patterns:
    """Every search runs in time linear in the part, whatever a hostile file holds: a tag's
    attributes are matched as ``[^<>]*`` (no attribute holds ``<``), so a search started at one
    tag stops at the next one; a cell's body cannot run into the next cell; no two runs of
    spaces sit side by side. (``[^>]*`` made 40,000 ``<row `` without a ``>`` take a minute.)"""
    p = re.escape(prefix)
    return _Patterns(
        re.compile(rb"<" + p + rb"v>[^<]*?(?:[^<0-9.E+-]|E[-+]?[0-9]{3})"),
        re.compile(rb"<" + p + rb'c(?! r="(?:[A-H]?[A-Z])[0-9]{1,4}")[ >/]'),
        re.compile(rb"<" + p + rb"(row|c)\b([^<>]*)>"),
        b"</" + prefix + b"c>",
        re.compile(rb"<" + p + rb'c\b([^<>]*?\bt="e"[^<>/]*)>((?:[^<]|<(?!/?' + p + rb"c[\s>/]))*)</" + p + rb"c>"),
        re.compile(rb"<" + p + rb"v>([^<]*)</" + p + rb"v>"),
        re.compile(rb"<" + p + rb'row\b([^<>]*?\bhidden="(?:1|true)"[^<>]*)>'),
        re.compile(rb"<" + p + rb'col\b([^<>]*?\bhidden="(?:1|true)"[^<>]*)>'),
        b"</" + prefix + b"f>",
        (b"</" + prefix + b"f></" + prefix + b"c>", b"/></" + prefix + b"c>", b"<" + prefix + b"v/>",
         b"<" + prefix + b"v />", b"<" + prefix + b"v></" + prefix + b"v>"),
        re.compile(rb"<" + p + rb"c\b([^<>]*)>\s*<" + p + rb"f\b[^<>]*(?:/>|>[^<]*</" + p + rb"f>)\s*(?:(?:<" + p
                   + rb"v\s*/>|<" + p + rb"v></" + p + rb"v>)\s*)?</" + p + rb"c>"),
        b"%</" + prefix + b"f>",
        re.compile(rb"<" + p + rb"c\b([^<>]*)>\s*<" + p + rb"f\b([^<>/]*)>\s*([0-9]{1,6}(?:\.[0-9]{1,6})?)%\s*</" + p
                   + rb"f>"),
        re.compile(rb"<" + p + rb"c\b([^<>]*)>\s*<" + p + rb"f\b([^<>]*?)/>"),
    )


_PREFIXED_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet\b")


def _prefix(data: bytes) -> bytes:
    """The prefix of the part's elements (``b"x:"``), from its root element; usually none."""
    if data.find(b":worksheet", 0, 1024) < 0:
        return b""
    m = _PREFIXED_ROOT.search(data, 0, 1024)
    return m[1] + b":" if m else b""


_SI = re.compile(rb'\bsi="([0-9]{1,9})"')
_R_ATTR = re.compile(rb'\br="([A-Z]*)([0-9]*)"')


def _far_cells(data: bytes, pat: _Patterns) -> str:
    """The far cells holding something (the lowest, the rightmost: ``A1048576、XFD3``) when the
    used range they make spans more than :data:`MAX_CELLS` cells, else ``""``.

    Cells are placed as python-calamine places them: at their ``r`` reference, or right after the
    cell before (rows likewise); empty cells (``<c r="XFD9" s="1"/>``, a border) take no room.
    """
    row = col = -1
    low = right = (-1, -1)
    for m in pat.row_or_cell.finditer(data):
        tag, attrs = m.groups()
        ref = _R_ATTR.search(attrs)
        if tag == b"row":
            row, col = (int(ref[2]) - 1 if ref and ref[2] else row + 1), -1
            continue
        if ref and ref[1] and ref[2]:
            row, col = parse_a1((ref[1] + ref[2]).decode())
        else:
            col += 1
        if attrs.endswith(b"/") or data.startswith(pat.cell_end, m.end()):
            continue
        if row > low[0]:
            low = (row, col)
        if col > right[1]:
            right = (row, col)
    return far_cells_named(low, right, MAX_CELLS)


def far_cells_named(low: tuple[int, int], right: tuple[int, int], max_cells: int) -> str:
    """``A1048576、XFD3``: the lowest and the rightmost cell holding something (0-based), when the
    range from A1 to them spans more than ``max_cells``; else ``""``. Only what lies far out is
    named — a range that large has a row past 1,000 or a column past CV — not the table's own
    last row or column."""
    if (low[0] + 1) * (right[1] + 1) <= max_cells:
        return ""
    far = [cell for cell, out in ((low, low[0] >= 1_000), (right, right[1] >= 100)) if out]
    return "、".join(dict.fromkeys(a1(*cell) for cell in far))


_ODS_TAG = re.compile(rb"<(/?)table:(table|table-row|table-cell|covered-table-cell|table-column)(?=[\s/>])([^<>]*?)(/?)>")
_ODS_NAME = re.compile(rb'\btable:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'\btable:number-rows-repeated="(\d+)"')
_ODS_HIDDEN = re.compile(rb'\btable:visibility="(?:collapse|filter)"')
_ODS_COLS = re.compile(rb'\btable:number-columns-repeated="(\d+)"')
_ODS_TEXT = re.compile(rb"<text:p>([^<]*)</text:p>")
_ODS_PERCENT = b'office:value-type="percentage"'
_ODS_FLOAT = b'office:value-type="float"'
#: A number shown with words around it by its format (``≥2000人``): more than digits, signs and separators.
_WORDS = re.compile(r"[^0-9.,，\s+\-−E]")
_ODS_VALUE = re.compile(rb'\boffice:value="(-?[0-9]{1,15}(?:\.[0-9]{1,17})?(?:E-?[0-9]{1,2})?)"')
_ODS_PERCENT_LITERAL = re.compile(rb'\btable:formula="of:=[0-9]{1,6}(?:\.[0-9]{1,6})?%"')
_ODS_SPAN_COLS = re.compile(rb'\btable:number-columns-spanned="(\d+)"')
_ODS_SPAN_ROWS = re.compile(rb'\btable:number-rows-spanned="(\d+)"')
#: Merged ranges kept per sheet, at most (a form has dozens; a hostile file could declare millions).
MAX_ODS_MERGES = 10_000


def _ods_scan(data: bytes) -> _Scan:
    """The error cells and the sheets too wide to read (:data:`MAX_CELLS`) of an OpenDocument
    content.xml, by sheet name, walking rows and cells with their repeat counts
    (``number-rows-repeated``, ``number-columns-repeated``; covered cells of merges take their
    column too). A cell with content repeated over many rows or columns fills them all."""
    from html import unescape

    scan = _Scan()
    sheet, row, col, repeat = "", 0, 0, 1
    column = 0  # of the table's column definitions, which come before its rows
    low = right = (-1, -1)

    def close_sheet() -> None:
        far = far_cells_named(low, right, MAX_CELLS) if sheet else ""
        if far:
            scan.wide[sheet] = far

    for m in _ODS_TAG.finditer(data):
        closing, tag, attrs, empty = m.groups()
        if tag == b"table":
            if not closing:
                close_sheet()
                name = _ODS_NAME.search(attrs)
                sheet, row, column = unescape(name[1].decode("utf-8", "replace")) if name else "", 0, 0
                low = right = (-1, -1)
        elif tag == b"table-column":
            if not closing:
                cols = _ODS_COLS.search(attrs)
                n = int(cols[1]) if cols else 1
                if n <= MAX_HIDDEN_SPAN and _ODS_HIDDEN.search(attrs):
                    scan.hidden_cols.setdefault(sheet, set()).update(range(column, column + n))
                column += n
        elif tag == b"table-row":
            if closing:
                row += repeat
            else:
                rows = _ODS_ROWS.search(attrs)
                col, repeat = 0, int(rows[1]) if rows else 1
                if repeat <= 1000 and row < MAX_ROWS and _ODS_HIDDEN.search(attrs):  # not the empty rows to the end
                    scan.hidden_rows.setdefault(sheet, set()).update(range(row, row + repeat))
                if empty:
                    row += repeat
        elif not closing:  # a cell
            cols = _ODS_COLS.search(attrs)
            n = int(cols[1]) if cols else 1
            if b"value-type=" in attrs:
                if row + repeat - 1 > low[0]:
                    low = (row + repeat - 1, col)
                if col + n - 1 > right[1]:
                    right = (row, col + n - 1)
            if tag == b"table-cell" and b"-spanned=" in attrs and row < MAX_ROWS:
                span_c, span_r = _ODS_SPAN_COLS.search(attrs), _ODS_SPAN_ROWS.search(attrs)
                w, h = int(span_c[1]) if span_c else 1, int(span_r[1]) if span_r else 1
                merges = scan.merges.setdefault(sheet, [])
                if (w > 1 or h > 1) and len(merges) < MAX_ODS_MERGES:
                    merges.append((row, col, row + h - 1, col + w - 1))
            shown = _ods_shown(attrs, data, m.end(), empty) if row < MAX_ROWS and n * repeat <= 1000 else ""
            if shown:
                scan.typed.setdefault(sheet, {}).update(
                    {(r, c): shown for r in range(row, row + repeat) for c in range(col, col + n)})
            if _ODS_ERROR_MARK in attrs and not empty and row < MAX_ROWS:
                text = _ODS_TEXT.search(data, m.end(), m.end() + 400)
                if text:
                    scan.errors.setdefault(sheet, {})[(row, col)] = unescape(text[1].decode("utf-8", "replace"))
            col += n
    close_sheet()
    return scan


def _ods_shown(attrs: bytes, data: bytes, end: int, empty: bytes) -> str:
    """What an .ods number cell shows, where that says more than its number: a percentage (``95%``;
    the literal formula ``of:=100%`` too) or words around it (``≥2000人``, the cell's own text); a
    formula's result keeps its number."""
    formula = b"table:formula=" in attrs
    # (the literal ``of:=100%`` shows 1 in a General cell, and is read as typed, as in .xlsx and .xls)
    if (formula and _ODS_PERCENT_LITERAL.search(attrs)) or (_ODS_PERCENT in attrs and not formula):
        value = _ODS_VALUE.search(attrs)
        return as_percent(float(value[1])) if value else ""
    if _ODS_FLOAT in attrs and not empty and not formula:
        text = _ODS_TEXT.search(data, end, end + 400)
        shown = html.unescape(text[1].decode("utf-8", "replace")) if text else ""
        return shown if _WORDS.search(shown) else ""
    return ""


def _part_names(path: str, limit: int | None = None) -> dict[str, str]:
    """Worksheet part → sheet name, or nothing when workbook.xml cannot say."""
    try:
        return _sheet_parts(path, limit)
    except Exception:  # noqa: BLE001 — damage of any kind (BadZipFile, zlib.error, defusedxml's refusals)
        return {}


#: A workbook.xml (or its relationships) larger than this is not read for the sheet names alone
#: (a workbook names its sheets in a few kilobytes; a hostile file could inflate it to a gigabyte).
MAX_BOOK_XML = 4 << 20


def sheet_names(path: str) -> set[str]:
    """The sheet names of an .xlsx, from its workbook.xml only; none when it cannot say."""
    return set(_part_names(path, MAX_BOOK_XML).values())


def load_grids(path: str) -> list[Grid]:
    """Every worksheet of the file as a :class:`Grid` (chart sheets are skipped)."""
    trail.reading(path)  # named by the command's guard if python-calamine aborts on it
    try:
        return _load_grids(path)
    finally:
        trail.reading(None)


def _load_grids(path: str) -> list[Grid]:
    found = _container(path, scan_errors=True)
    if found.kind == "html":
        from .html import read_html

        return read_html(path, MAX_ROWS)
    if found.kind == "delimited":
        from .delimited import read_delimited

        return read_delimited(path, MAX_ROWS)
    if found.kind == "xml2003":
        from .xml2003 import read_xml2003

        try:
            return read_xml2003(path, MAX_ROWS)
        except Exception as e:  # noqa: BLE001 — malformed XML, defusedxml's refusals (a DTD, entities)
            raise _refuse(path, f"文件已损坏，无法读取（{_short(e)}）。", f"the file is corrupt ({_short(e)}).") from None
    too_big, errors, odd = found.too_big, found.errors, found.odd
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(path)
    except pc.PasswordError:
        raise _refuse(path, "工作簿已加密，请取消密码后再试。", "the workbook is encrypted; remove the password.") from None
    except BaseException as e:  # calamine raises several unrelated types for broken files
        _reraise_if_not_damage(e)
        raise _refuse(path, f"文件已损坏，无法读取（{_short(e)}）。", f"the file is corrupt ({_short(e)}).") from None
    grids: list[Grid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            if meta.name in too_big:  # listed, not read: see MAX_SHEET_BYTES and MAX_CELLS
                grids.append(Grid(meta.name, [], skipped=True, far=too_big[meta.name]))
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])] \
                or found.merges.get(meta.name, [])
            grids.append(Grid(meta.name, rows, merged, hidden=meta.visible != pc.SheetVisibleEnum.Visible))
    except BaseException as e:
        _reraise_if_not_damage(e)
        raise _refuse(path, f"工作表内容已损坏，无法读取（{_short(e)}）。", f"a sheet is corrupt ({_short(e)}).") from None
    finally:
        wb.close()
    for grid in grids:
        if found.hidden_rows:
            grid.hidden_rows = found.hidden_rows.get(grid.sheet, frozenset())
        if found.hidden_cols:
            grid.hidden_cols = found.hidden_cols.get(grid.sheet, frozenset())
        for (r, c), text in found.typed.get(grid.sheet, {}).items() if found.typed else ():
            if r < len(grid.rows) and c < len(grid.rows[r]):
                grid.rows[r][c] = text
        cells = errors.get(grid.sheet) if errors else None
        if odd:
            cells = _finite(grid.rows, cells)
        if cells:
            grid.errors = cells
    return grids


def _finite(rows: list[list[object]], errors: Cells | None) -> Cells | None:
    """Blank the infinite and undefined numbers of a damaged or generated file (in place) and
    mark them ``#NUM!``, as Excel shows a number it cannot hold: they are not data, and every
    sum or rate they touch would become one too."""
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v.__class__ is float and not math.isfinite(v):
                row[c] = ""
                errors = errors if errors is not None else {}
                errors.setdefault((r, c), "#NUM!")
    return errors


def _reraise_if_not_damage(e: BaseException) -> None:
    """Let Ctrl+C and exits through; what python-calamine raises for a damaged file, including a
    Rust panic (pyo3's ``PanicException`` derives from BaseException), is the file's damage."""
    if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
        raise e


_SAVED = re.compile(rb"<(?:dcterms:modified|dc:date)\b[^<>]*>\s*([0-9][0-9T:.+\-Z ]{9,40}?)\s*<")


def saved_at(path: str) -> datetime | None:
    """When the workbook was last saved, as it records it (docProps/core.xml of an .xlsx,
    meta.xml of an .ods), in local time; ``None`` when it does not say (an .xls, a damaged file).

    Files are collected by e-mail and copied between folders, which renews their modification
    time; the time a workbook records is its own last save in Excel or WPS — what tells which of
    two copies is the later one (S106)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            for name in ("docProps/core.xml", "meta.xml"):
                try:
                    info = zf.getinfo(name)
                except KeyError:
                    continue
                if info.file_size > 1 << 20:
                    return None
                m = _SAVED.search(zf.read(info))
                if m:
                    when = datetime.fromisoformat(m[1].decode().strip())
                    # local time without a zone, as an .ods states it: times of both kinds compare
                    return when.astimezone().replace(tzinfo=None) if when.tzinfo else when
    except Exception:  # noqa: BLE001 — not a zip, damaged, an odd date: the file does not say
        return None
    return None


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]

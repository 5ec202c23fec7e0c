"""Open a workbook file as grids, refusing clearly what is not a readable workbook.

python-calamine reads the values (it is many times faster than openpyxl and never evaluates
anything). Before handing a file to it we look at its first bytes and, for zip containers, at
the central directory only, so that an empty file, a CSV renamed ``.xlsx``, an encrypted
workbook or a zip bomb is refused with one plain sentence instead of a traceback or a stall.
"""

from __future__ import annotations

import codecs
import os
import struct
from typing import BinaryIO

from ..errors import UnreadableWorkbook
from ..grid import Grid

#: Refuse zip containers whose members would inflate past this many bytes.
MAX_UNCOMPRESSED = 1 << 30
#: Read at most this many rows of a sheet; performance tables are far shorter.
MAX_ROWS = 20_000
#: A worksheet part larger than this (uncompressed XML) is not a performance table: it is skipped
#: unread, so that a million-row data sheet costs neither the time nor the memory to parse it.
MAX_SHEET_BYTES = 48 << 20

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_END = struct.Struct("<4s4H2LH").unpack  # end of central directory record
_ENTRY = struct.Struct("<4s4xH14xL3H12x").unpack_from  # central directory entry: flags, size, lengths


def _refuse(path: str, zh: str, en: str) -> UnreadableWorkbook:
    name = os.path.basename(path)
    return UnreadableWorkbook(f"{name}：{zh}", f"{name}: {en}")


def check_container(path: str) -> tuple[str, set[str]]:
    """(``zip`` or ``ole``, names of sheets too large to read) for a plausible workbook; raise otherwise."""
    members, encrypted = None, False
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(8)
            if head.startswith(_ZIP):
                members = _zip_members(path, fh, size)
            elif head == _OLE:
                encrypted = _ENCRYPTION_MARK in head + fh.read((4 << 20) - len(head))
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
        return "zip", _check_zip(path, members)
    if head == _OLE:
        if encrypted:
            raise _refuse(path, "工作簿已加密（设置了打开密码），请在 Excel 中取消密码后另存再试。",
                          "the workbook is encrypted (password to open); remove the password in Excel and save a copy.")
        return "ole", set()
    if _looks_like_text(head):
        raise _refuse(path, "这是文本文件（如 CSV），不是 Excel 工作簿；请在 Excel 中打开后另存为 .xlsx。",
                      "this is a text file (e.g. CSV), not an Excel workbook; open it in Excel and save as .xlsx.")
    raise _refuse(path, "不是可识别的工作簿格式（支持 .xlsx/.xlsm/.xls/.ods）。",
                  "not a recognised workbook format (.xlsx/.xlsm/.xls/.ods are supported).")


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


def _zip_members(path: str, fh: BinaryIO, size: int) -> list[tuple[str, int]]:
    """(name, uncompressed size) of every member of the open zip ``fh``, from its central directory.

    A direct reading of the end record and the directory costs half of ``zipfile.ZipFile``,
    which matters over thousands of files; anything unusual (ZIP64, a comment hiding the end
    record, inconsistent offsets) is left to ``zipfile`` itself, which also names the damage.
    """
    members = _fast_members(fh, size)
    return members if members is not None else _zip_members_slow(path)


def _fast_members(fh: BinaryIO, size: int) -> list[tuple[str, int]] | None:
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


def _central_directory(cd: bytes, count: int) -> list[tuple[str, int]] | None:
    members = []
    pos = 0
    unpack = _ENTRY
    for _ in range(count):
        if pos + 46 > len(cd):
            return None
        sig, flags, usize, nlen, xlen, clen = unpack(cd, pos)
        if sig != b"PK\x01\x02" or usize == 0xFFFFFFFF:
            return None
        raw = cd[pos + 46:pos + 46 + nlen]
        members.append((raw.decode("utf-8" if flags & 0x800 else "cp437"), usize))
        pos += 46 + nlen + xlen + clen
    return members if pos == len(cd) else None


def _zip_members_slow(path: str) -> list[tuple[str, int]]:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return [(i.filename, i.file_size) for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(path, "文件已损坏（不是完整的 zip/xlsx 包），请重新保存或重新获取该文件。",
                      "the file is corrupt (not a complete zip/xlsx package); save or obtain it again.") from None


def _check_zip(path: str, infos: list[tuple[str, int]]) -> set[str]:
    names = {name for name, _ in infos}
    if "xl/workbook.xml" not in names and "content.xml" not in names and "xl/workbook.bin" not in names:
        raise _refuse(path, "压缩包中没有工作簿（可能是 Word/其他文档改了扩展名）。",
                      "the package holds no workbook (perhaps a Word or other document renamed).")
    total = sum(size for _, size in infos)
    if total > MAX_UNCOMPRESSED:
        raise _refuse(path, f"解压后将超过 {MAX_UNCOMPRESSED >> 20} MB，疑似压缩炸弹，已拒绝读取。",
                      f"it would inflate past {MAX_UNCOMPRESSED >> 20} MB (a zip bomb?); refused.")
    big = {name for name, size in infos if size > MAX_SHEET_BYTES
           and (name.startswith("xl/worksheets/") or name == "content.xml")}
    if "content.xml" in big:
        raise _refuse(path, "表格内容过大，不是绩效表，已跳过。", "the spreadsheet content is too large to be a performance table; skipped.")
    return _sheet_names_of(path, big) if big else set()


def _sheet_names_of(path: str, parts: set[str]) -> set[str]:
    """Sheet names of the given worksheet parts (workbook.xml + its relationships)."""
    import posixpath
    import zipfile

    from defusedxml.ElementTree import fromstring

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as zf:
        book = fromstring(zf.read("xl/workbook.xml"))
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    names = set()
    for sheet in book.iter(f"{ns_main}sheet"):
        if targets.get(sheet.get(f"{ns_rel}id")) in parts:
            names.add(sheet.get("name", ""))
    return names


def load_grids(path: str) -> list[Grid]:
    """Every worksheet of the file as a :class:`Grid` (chart sheets are skipped)."""
    _, too_big = check_container(path)
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(path)
    except pc.PasswordError:
        raise _refuse(path, "工作簿已加密，请取消密码后再试。", "the workbook is encrypted; remove the password.") from None
    except Exception as e:  # calamine raises several unrelated types for broken files
        raise _refuse(path, f"文件已损坏，无法读取（{_short(e)}）。", f"the file is corrupt ({_short(e)}).") from None
    grids: list[Grid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            if meta.name in too_big:
                grids.append(Grid(meta.name, [], skipped=True))  # listed, not read: see MAX_SHEET_BYTES
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(meta.name, rows, merged))
    except Exception as e:
        raise _refuse(path, f"工作表内容已损坏，无法读取（{_short(e)}）。", f"a sheet is corrupt ({_short(e)}).") from None
    finally:
        wb.close()
    return grids


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:120]

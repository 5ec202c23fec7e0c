"""Annotated copies: every finding marked on its cell, plus a 校验结果 sheet linking to them.

The input is never touched: openpyxl reads it, the copy is written to a temporary file beside
the target and renamed into place. openpyxl keeps values, formulas, merges, data validations,
conditional formats and styles, but would silently drop images, charts, embedded objects and
form controls; a workbook holding any of those is refused with a clear message instead.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable

from .errors import OutputError
from .output import check_output, save_workbook, xml_safe
from .rules import Finding
from .rules.catalogue import ERROR, INFO, SEVERITIES, WARNING

RESULT_SHEET = "校验结果"
#: Annotated copies are named ``<stem>_校验.xlsx``; ``summarize`` skips such files.
ANNOTATED_SUFFIX = "_校验"
AUTHOR = "xltools"
FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7"}
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
#: Package parts openpyxl cannot carry over, with the words to name them.
UNKEPT_PARTS = (("xl/media/", "图片", "images"), ("xl/charts/", "图表", "charts"),
                ("xl/embeddings/", "嵌入对象", "embedded objects"), ("xl/ctrlProps/", "表单控件", "form controls"),
                ("xl/slicers/", "切片器", "slicers"), ("xl/diagrams/", "SmartArt", "SmartArt"))


def annotated_path(src: str, out_dir: str) -> str:
    """``<stem>_校验.xlsx`` (.xlsm for a macro workbook) in ``out_dir``."""
    from .output import copy_suffix

    stem = os.path.splitext(os.path.basename(src))[0]
    return os.path.join(out_dir, f"{stem}{ANNOTATED_SUFFIX}{copy_suffix(src)}")


def annotated_paths(inputs: list[tuple[str, str]]) -> list[str]:
    """The annotated copy of each (input, folder): :func:`annotated_path`, except that inputs which
    would share one copy (``自评表.xls`` beside ``自评表.xlsx`` or ``自评表.ods``) are told apart by
    their format: ``自评表（xls）_校验.xlsx`` — the .xlsx/.xlsm keeps the plain name."""
    outs = [annotated_path(src, folder) for src, folder in inputs]
    seen: dict[str, int] = {}
    for out in outs:
        key = os.path.normcase(out).casefold()  # one file on Windows and macOS
        seen[key] = seen.get(key, 0) + 1
    for i, (src, folder) in enumerate(inputs):
        if seen[os.path.normcase(outs[i]).casefold()] > 1 and rebuilt(src):
            stem, ext = os.path.splitext(os.path.basename(src))
            outs[i] = os.path.join(folder, f"{stem}（{ext[1:].lower()}）{ANNOTATED_SUFFIX}.xlsx")
    return outs


def rebuilt(src: str) -> bool:
    """Whether a copy of ``src`` is rebuilt from its values (:func:`open_keepable`): any format
    but .xlsx/.xlsm — .xls, .ods, web pages and Excel 2003 XML that systems export as "Excel"."""
    return os.path.splitext(src)[1].lower() not in (".xlsx", ".xlsm")


def _refuse(src: str, zh: str, en: str) -> OutputError:
    name = os.path.basename(src)
    return OutputError(f"{name}：{zh}", f"{name}: {en}")


def _check_keepable(src: str, what: tuple[str, str]) -> None:
    import zipfile  # here: with shutil, pathlib and lzma it is 12 ms of every validate's start-up

    try:
        with zipfile.ZipFile(src) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # a damaged name, "zip version 9.0"
        raise _refuse(src, "文件已损坏（不是完整的 .xlsx），无法生成副本。",
                      "the file is corrupt (not a complete .xlsx); no copy can be made.") from None
    lost = [(zh, en) for prefix, zh, en in UNKEPT_PARTS if any(n.startswith(prefix) for n in names)]
    if lost:
        raise _refuse(src, f"工作簿含有{'、'.join(z for z, _ in lost)}，{what[0]}无法完整保留，已拒绝生成（校验结果仍已输出）。",
                      f"the workbook holds {', '.join(e for _, e in lost)} that the copy could not keep; "
                      "no copy written (the findings are still reported).")


def open_keepable(src: str, what: tuple[str, str] = ("批注副本", "an annotated copy")):  # noqa: ANN201
    """``src`` loaded by openpyxl for a copy that keeps it whole, or a clear refusal.

    The file is opened here and closed on every path: openpyxl leaves its own handle open when a
    part fails to parse. Any other format xltools reads (:func:`rebuilt`) becomes a new workbook
    holding what was read of it — each sheet's values, merged cells and hidden rows, columns and
    sheets — since openpyxl cannot write those formats and a finance office's .xls deserves its
    marks too; its formatting and formulas are not carried over (the copy says so).
    """
    if rebuilt(src):
        return _rebuild(src)
    _check_keepable(src, what)
    from openpyxl import load_workbook

    try:
        # keep_vba copies the macro parts into memory while loading; openpyxl print()s what it
        # finds odd ("18 is out of range", a style index), which must not land in our JSON output
        with open(src, "rb") as fh, contextlib.redirect_stdout(io.StringIO()):
            return load_workbook(fh, keep_vba=src.lower().endswith(".xlsm"), keep_links=True, rich_text=True)
    except Exception as e:  # openpyxl (with defusedxml) refuses entity tricks and broken parts
        raise _refuse(src, f"无法为该文件生成{what[0]}（{type(e).__name__}）。",
                      f"cannot make {what[1]} of this file ({type(e).__name__}).") from None


def rebuilt_note(src: str, lang: str = "zh") -> str:
    """What a copy rebuilt from ``src`` holds of it, for the copy and the command's output."""
    ext = os.path.splitext(src)[1] or "?"
    if lang == "en":
        return f"Rebuilt from the {ext} file as .xlsx: values and merged cells kept, formatting and formulas not."
    return f"由 {ext} 文件重建为 .xlsx：保留各单元格的值和合并单元格，未保留格式和公式。"


def _rebuild(src: str):  # noqa: ANN202
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from .grid import bounded_merges
    from .reading.source import load_grids

    middle = Alignment(vertical="center")  # a merged label beside the rows it names
    wb = Workbook()
    wb.remove(wb.active)
    for grid in load_grids(src):  # refuses an unreadable file in the reader's own words
        ws = wb.create_sheet(_sheet_title(grid.sheet, wb.sheetnames))
        if grid.hidden:
            ws.sheet_state = "hidden"
        # a damaged .xls may place a cell past the last row or column an .xlsx has: left out
        for r, row in enumerate(grid.rows[:_XLSX_ROWS], start=1):
            for c, value in enumerate(row[:_XLSX_COLS], start=1):
                if value is not None and value != "":
                    write_text(ws.cell(r, c), value)
        for (r, c), shown in grid.errors.items():
            if shown and r < _XLSX_ROWS and c < _XLSX_COLS:  # an error as the file showed it (#DIV/0!): A314
                ws.cell(r + 1, c + 1).value = shown
        merges = bounded_merges(grid.merged)  # openpyxl makes an object of each merged cell: not of a hostile sheet's
        for r0, c0, r1, c1 in merges:
            if max(r0, r1) < _XLSX_ROWS and max(c0, c1) < _XLSX_COLS and r0 <= r1 and c0 <= c1:
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
                ws.cell(r0 + 1, c0 + 1).alignment = middle
        for c, width in _widths(grid, merges).items():  # the file's own widths are not read: fit the text
            ws.column_dimensions[get_column_letter(c + 1)].width = width
        for r in grid.hidden_rows:
            if r < _XLSX_ROWS:
                ws.row_dimensions[r + 1].hidden = True
        for c in grid.hidden_cols:
            if c < _XLSX_COLS:
                ws.column_dimensions[get_column_letter(c + 1)].hidden = True
    if not wb.sheetnames:
        wb.create_sheet("Sheet1")
    return wb


#: The rows and columns an .xlsx has (1,048,576 × XFD).
_XLSX_ROWS, _XLSX_COLS = 1 << 20, 1 << 14


def _widths(grid, merges: list[tuple[int, int, int, int]]) -> dict[int, float]:  # noqa: ANN001  (a Grid)
    """A width per column that shows its text (wide characters count twice), 6 to 40; text merged
    across columns (a title, a paragraph: of ``merges``, the sheet's bounded ones) does not widen
    any of them."""
    import unicodedata

    across = {(r, c) for r0, c0, r1, c1 in merges if c1 > c0
              for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    out: dict[int, float] = {}
    for r, row in enumerate(grid.rows[:_XLSX_ROWS]):
        for c, v in enumerate(row[:_XLSX_COLS]):
            if v is None or v == "" or (r, c) in across:
                continue
            text = str(v)[:60]
            w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) + 2
            out[c] = min(40.0, max(out.get(c, 6.0), float(w)))
    return out


def _sheet_title(name: str, taken: list[str]) -> str:
    """``name`` when an .xlsx can hold it (at most 31 characters, no bracket, colon, star,
    question mark or slash), else one it can: that sheet's findings are then listed in 校验结果
    but not marked on it (rare: such names come from web pages and Excel 2003 XML only)."""
    used = {t.casefold() for t in taken}  # Excel's sheet names ignore case
    if name and len(name) <= 31 and not any(ch in name for ch in "[]:*?/\\") and name.casefold() not in used:
        return name
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:28] or "Sheet"
    n = 1
    while (title := base if n == 1 else f"{base}({n})").casefold() in used:
        n += 1
    return title


def write_text(cell, value: object) -> None:  # noqa: ANN001  (an openpyxl cell)
    """Write a value so that text stays text: ``=1+1`` from a project name must not become a formula.

    Characters an .xlsx cannot hold (a vertical tab pasted from Word) are left out.
    """
    if isinstance(value, str):
        value = xml_safe(value)
    cell.value = value
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"


def annotate_copy(src: str, findings: list[Finding], out: str, *, lang: str = "zh",
                  force: bool = False) -> str:
    """Write ``out``: a copy of ``src`` with notes, fills and a 校验结果 sheet; return its path."""
    check_output(out, force=force, src=src)
    wb = open_keepable(src)
    if RESULT_SHEET in wb.sheetnames:
        del wb[RESULT_SHEET]
    _mark_cells(wb, findings, lang)
    _result_sheet(wb, findings, lang)
    if rebuilt(src):
        ws = wb[RESULT_SHEET]
        ws.cell(ws.max_row + 2, 1, rebuilt_note(src, lang))
    save_workbook(wb, out, source=src)
    return out


def target_cell(ws, ref: str):  # noqa: ANN001, ANN201
    """The cell that can hold a note: the top-left cell of a merged range."""
    for rng in ws.merged_cells.ranges:
        if ref in rng:
            return ws.cell(rng.min_row, rng.min_col)
    return ws[ref]


def by_cell(findings: list[Finding], sheets: Iterable[str]) -> dict[tuple[str, str], list[Finding]]:
    """Findings grouped by the single cell they mark (ranges and unknown sheets are not marked)."""
    names = set(sheets)
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet in names and f.cell and ":" not in f.cell and on_a_sheet(f.cell):
            out.setdefault((f.sheet, f.cell), []).append(f)
    return out


def on_a_sheet(ref: str) -> bool:
    """A cell an .xlsx has: a damaged .xls may hold one past XFD1048576 (listed in 校验结果, unmarked)."""
    from .grid import parse_a1

    try:
        r, c = parse_a1(ref)
    except ValueError:
        return False
    return 0 <= r < _XLSX_ROWS and 0 <= c < _XLSX_COLS


def note_text(findings: list[Finding], lang: str) -> str:
    """The note xltools puts on a cell: each finding's message and how to fix it."""
    fix = "Fix" if lang == "en" else "建议"
    return "\n".join(f"[{f.code}] {f.message(lang)}\n{fix}：{f.suggestion(lang)}" for f in findings)


def fill_for(findings: list[Finding]) -> str:
    """The fill colour of the most severe finding on a cell."""
    return FILLS[min(findings, key=lambda f: SEVERITIES.index(f.severity)).severity]


def result_rows(findings: list[Finding], lang: str) -> list[list[object]]:
    """The 校验结果 sheet: a header, then one row per finding (or a row saying there is none)."""
    en = lang == "en"
    rows: list[list[object]] = [["#", "code", "severity", "sheet", "cell", "value", "problem", "how to fix"] if en
                                else ["序号", "代码", "严重程度", "工作表", "单元格", "值", "问题", "建议"]]
    for i, f in enumerate(findings, start=1):
        rows.append([i, f.code, f.severity if en else SEVERITY_ZH[f.severity], f.sheet, f.cell,
                     "" if f.value is None else f.value, f.message(lang), f.suggestion(lang)])
    if not findings:
        rows.append([0, "", "", "", "", "", "no findings" if en else "未发现问题", ""])
    return rows


def _mark_cells(wb, findings: list[Finding], lang: str) -> None:  # noqa: ANN001
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for (sheet, ref), fs in by_cell(findings, wb.sheetnames).items():
        cell = target_cell(wb[sheet], ref)
        text = note_text(fs, lang)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n{text}"
        note = Comment(xml_safe(text), AUTHOR)
        note.width, note.height = 320, 40 + 40 * len(fs)
        cell.comment = note
        color = fill_for(fs)
        cell.fill = PatternFill(fill_type="solid", start_color=color, end_color=color)


def _result_sheet(wb, findings: list[Finding], lang: str) -> None:  # noqa: ANN001
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(RESULT_SHEET)
    rows = result_rows(findings, lang)
    for r, row in enumerate(rows, start=1):
        for col, v in enumerate(row, start=1):
            write_text(ws.cell(r, col), v if isinstance(v, int | float) else str(v))
    for c in ws[1]:
        c.font = Font(bold=True)
    for r, f in enumerate(findings, start=2):
        ws.cell(r, 3).fill = PatternFill(fill_type="solid", start_color=FILLS[f.severity], end_color=FILLS[f.severity])
        if f.sheet in wb.sheetnames and f.cell and on_a_sheet(f.cell.split(":")[0]):
            link = ws.cell(r, 5)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}")
            link.font = Font(color="0563C1", underline="single")
    for col, width in zip("ABCDEFGH", (6, 8, 10, 14, 10, 18, 60, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(2, len(findings) + 1)}"

"""Entry points for the Excel buttons (xlwings ``RunPython``), and the same functions for files.

Each function takes the open workbook (``xw.Book.caller()`` when called from Excel, or any
:class:`~xltools.excel.book.Book`), reads its sheets into the grids the file reader produces,
so recognition, scoring and validation are the very same code, and writes back only what it
owns: notes and fills on flagged cells, a 校验结果 sheet, and (when asked) scores. A re-run
first takes its previous marks away, and only where the cell still shows them, so a cell the
user changed meanwhile, or never marked, is never touched. Errors become a message box.

xlwings is optional (``pip install "xltools[excel]"``); importing this module never needs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

from ..annotate import by_cell, fill_for, note_text, result_rows
from ..errors import XltoolsError
from ..grid import Grid, column_letter
from ..messages import render
from ..model import GOALS, MONITOR
from ..rules import Finding
from .book import Book, FileBook

__all__ = ["validate_book", "score_book", "score_book_write", "fix_book", "summarize_folder", "selfeval_from_goals",
           "monitor_from_goals",
           "clear_marks", "Book", "FileBook", "RESULT_SHEET", "MARKS_SHEET"]

RESULT_SHEET = "校验结果"
MARKS_SHEET = "_xltools_marks"
TITLE = "xltools"


def _caller(book: Book | None) -> Book:
    if book is not None:
        return book
    from .xlwings_book import XlwingsBook

    return XlwingsBook.caller()


@contextlib.contextmanager
def _messages(book: Book, lang: str) -> Iterator[None]:
    """Show failures as a message box with the Chinese message, never a traceback."""
    try:
        yield
    except XltoolsError as e:
        book.alert(TITLE, e.message(lang))
    except Exception as e:  # a bug: say so in one line
        book.alert(TITLE, f"xltools 内部错误：{e!r}。请把此信息和工作簿发给维护者。")


def _read(book: Book, grids: list[Grid] | None = None):  # noqa: ANN202
    """The workbook's tables, from ``grids`` where already read (each read of a running Excel's
    workbook is a copy it saves), without our own result sheets."""
    from ..reading import read_grids

    grids = [g for g in (book.grids() if grids is None else grids)
             if g.sheet not in (RESULT_SHEET, MARKS_SHEET) and not g.sheet.startswith(RESULT_SHEET)]
    return read_grids(grids, book.path)


def clear_marks(book: Book) -> int:
    """Take away the marks of a previous run where the cell still shows them; return how many."""
    rows = book.read_sheet(MARKS_SHEET)
    names = set(book.sheet_names())
    cleared = 0
    result_sheet = None
    for row in rows[1:]:
        row = [("" if v is None else str(v)) for v in (list(row) + [""] * 6)[:6]]
        sheet, cell, old_fill, old_note, our_note, our_fill = row
        if sheet == "@result":
            result_sheet = cell
            continue
        if sheet not in names:
            continue
        if (book.get_note(sheet, cell) or "") == our_note:
            book.set_note(sheet, cell, old_note or None)
        if (book.get_fill(sheet, cell) or "") == our_fill:
            book.set_fill(sheet, cell, old_fill or None)
        cleared += 1
    if result_sheet:
        book.delete_sheet(result_sheet)
    book.delete_sheet(MARKS_SHEET)
    return cleared


def _mark(book: Book, findings: list[Finding], lang: str) -> list[list[str]]:
    marks = [["sheet", "cell", "old_fill", "old_note", "our_note", "our_fill"]]
    for (sheet, cell), fs in by_cell(findings, book.sheet_names()).items():
        old_note = book.get_note(sheet, cell) or ""
        old_fill = book.get_fill(sheet, cell) or ""
        ours = note_text(fs, lang)
        note = f"{old_note}\n{ours}" if old_note else ours
        fill = fill_for(fs)
        book.set_note(sheet, cell, note)
        book.set_fill(sheet, cell, fill)
        marks.append([sheet, cell, old_fill, old_note, book.get_note(sheet, cell) or note, fill])
    return marks


def validate_book(book: Book | None = None, lang: str = "zh") -> list[Finding] | None:
    """校验当前工作簿: mark every finding on its cell and list them on a 校验结果 sheet."""
    book = _caller(book)
    with _messages(book, lang):
        from ..batch import in_workbook
        from ..rules import check_workbook, sort_findings
        from ..ruleset import load_rules

        clear_marks(book)
        workbook = _read(book)
        checked = check_workbook(workbook, load_rules())
        findings = sort_findings([f for c in checked for f in c.findings] + in_workbook(workbook.path, checked))
        marks = _mark(book, findings, lang)
        name = RESULT_SHEET if RESULT_SHEET not in book.sheet_names() else f"{RESULT_SHEET}（xltools）"
        book.replace_sheet(name, result_rows(findings, lang))
        marks.append(["@result", name, "", "", "", ""])
        book.replace_sheet(MARKS_SHEET, marks, hidden=True)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        book.alert(TITLE, f"发现 {len(findings)} 个问题：错误 {counts['error']}，警告 {counts['warning']}，"
                          f"提示 {counts['info']}。详见「{name}」工作表和标色单元格的批注。")
        return findings
    return None


def score_book(book: Book | None = None, write: bool = False, lang: str = "zh"):  # noqa: ANN201
    """计算得分: show every table's total and grade; with ``write``, fill in the score cells."""
    book = _caller(book)
    with _messages(book, lang):
        from ..fix import totals_wait
        from ..rules import check_workbook
        from ..ruleset import load_rules
        from ..scoring import score_workbook

        workbook = _read(book)
        rules = load_rules()
        # writing, the findings say whether a total waits for a value; showing needs the scores only
        scored = [(c.table, c.result, totals_wait(c.findings)) for c in check_workbook(workbook, rules)] if write \
            else [(t, r, False) for t, r in zip(workbook.tables, score_workbook(workbook, rules), strict=True)]
        results = [r for _, r, _ in scored]
        lines = []
        for table, r, wait in scored:
            name = r.project or r.sheet
            if r.table == MONITOR:
                lines.append(f"{name}（{r.sheet}）：运行监控表，{render('lights_count', r.lights())}")
            elif r.total is not None:
                lines.append(f"{name}（{r.sheet}）：总分 {r.total:.2f}，等级 {r.grade}"
                             + ("（有待补齐的值，总分未写入）" if wait else ""))
            else:
                lines.append(f"{name}（{r.sheet}）：目标申报表，分值合计 {sum(p.weight or 0 for p in r.parts):.2f}")
            if write:
                _write_scores(book, table, r, total=not wait)
        book.alert(TITLE, "\n".join(lines))
        return results
    return None


def score_book_write(book: Book | None = None, lang: str = "zh"):  # noqa: ANN201
    """计算得分并写入: as :func:`score_book`, writing scores into non-formula score cells."""
    return score_book(book, write=True, lang=lang)


def _write_scores(book: Book, table, result, total: bool = True) -> None:  # noqa: ANN001
    """Each row's score into its non-formula score cell; and the total, unless ``total`` is False:
    while an actual or an execution amount is missing (fix.totals_wait), the total is not yet it."""
    for row in result.rows:
        ind = row.indicator
        if ind is None or row.score is None or "score" not in ind.columns:
            continue
        cell = ind.cell("score")
        if not book.is_formula(ind.sheet, cell):
            book.write(ind.sheet, cell, row.score)
    wt = table.written_total
    if total and wt is not None and result.total is not None and not book.is_formula(wt.sheet, wt.cell):
        book.write(wt.sheet, wt.cell, result.total)


def fix_book(book: Book | None = None, lang: str = "zh"):  # noqa: ANN201
    """修正计算: as ``xltools fix``, in the open workbook (the button is the asking): written
    scores, totals, rates and grades that differ from the computed ones become the computed
    values, each cell green with a note saying what it held; formula cells and whatever waits
    for a missing value are left, and the message box says which."""
    book = _caller(book)
    with _messages(book, lang):
        from ..fix import (
            FIXED_FILL,
            LOOKS,
            after_look,
            as_cell_holds,
            further_corrections,
            note_for,
            settled,
        )
        from ..grid import parse_a1
        from ..rules import check_workbook
        from ..ruleset import load_rules

        rules = load_rules()
        changes: list = []
        for look in range(LOOKS):  # what follows from a corrected figure is judged in a further look, as fix_copy does
            read = book.grids()
            findings = [f for c in check_workbook(_read(book, read), rules) for f in c.findings]
            more = further_corrections(findings, changes, lang)
            grids = {g.sheet: g for g in read}
            written = False
            for c in more:
                if c.skipped or c.sheet not in grids:
                    continue
                r, col = grids[c.sheet].origin(*parse_a1(c.cell))  # a merged cell: its top-left one
                cell = f"{column_letter(col)}{r + 1}"
                if book.is_formula(c.sheet, cell):
                    c.skipped = "formula"
                    continue
                before = grids[c.sheet].raw(r, col)
                c.new = as_cell_holds(c, before)
                book.write(c.sheet, cell, c.new)
                book.set_fill(c.sheet, cell, FIXED_FILL)
                book.set_note(c.sheet, cell, note_for(c, before, lang))
                written = True
            changes = list(more) if look == 0 else after_look(changes, more)
            if not written:  # (the findings are the workbook's as it stands)
                changes = settled(changes, findings)
                break
        done = [c for c in changes if not c.skipped]
        left = [c for c in changes if c.skipped]
        lines = [f"已修正 {len(done)} 处：" + "、".join(f"{c.sheet}!{c.cell}" for c in done) if done
                 else "没有需要修正的计算错误。"]
        if left:
            lines.append("未改动（公式单元格，或有待缺失值补齐）：" + "、".join(f"{c.sheet}!{c.cell}" for c in left))
        book.alert(TITLE, "\n".join(lines))
        return changes
    return None


def summarize_folder(book: Book | None = None, lang: str = "zh") -> str | None:
    """生成汇总: summarise a chosen folder into a new workbook and open it."""
    book = _caller(book)
    with _messages(book, lang):
        from ..summary import summarize

        folder = book.ask_folder("选择要汇总的文件夹")
        if not folder:
            return None
        out = os.path.join(folder, f"汇总_{dt.datetime.now():%Y%m%d_%H%M%S}.xlsx")
        res = summarize([folder], out, lang=lang, jobs=1)
        book.open_book(out)
        book.alert(TITLE, f"已汇总 {res.files} 个文件、{res.tables} 张表（{res.unreadable} 个无法读取）：{out}")
        return out
    return None


def selfeval_from_goals(book: Book | None = None, lang: str = "zh") -> str | None:
    """从目标表生成自评表: start a self-evaluation from the open goal table and open it."""
    return _from_goals(book, "selfeval", "自评表", lang)


def monitor_from_goals(book: Book | None = None, lang: str = "zh") -> str | None:
    """从目标表生成监控表: start a mid-year monitoring table from the open goal table and open it."""
    return _from_goals(book, "monitor", "监控表", lang)


def _from_goals(book: Book | None, kind: str, what: str, lang: str) -> str | None:
    """A ``kind`` template filled from the open goal table, saved beside it (never over a file)."""
    book = _caller(book)
    with _messages(book, lang):
        from ..errors import UsageError
        from ..templates import write_template

        goals = next((t for t in _read(book).tables if t.kind == GOALS), None)
        if goals is None:
            raise UsageError(f"当前工作簿不是绩效目标申报表，无法生成{what}。", "the open workbook is not a goal table.")
        stem = os.path.splitext(book.path)[0]
        out, k = f"{stem}_{what}.xlsx", 2
        while os.path.exists(out):
            out, k = f"{stem}_{what}{k}.xlsx", k + 1
        write_template(kind, out, source=goals)
        book.open_book(out)
        book.alert(TITLE, f"已生成{what}：{out}")
        return out
    return None


def macro_names() -> list[str]:
    """The macros of the packaged VBA module, in its order: what the setup steps name (read from the
    module, so the steps cannot leave one out as they once left out 修正计算)."""
    import re

    with open(os.path.join(os.path.dirname(__file__), "xltools.bas"), encoding="utf-8") as fh:
        return re.findall(r"^Sub (\w+)\(", fh.read(), re.MULTILINE)


def setup(folder: str) -> list[str]:
    """Write what can be written for the user: the VBA module and an xlwings.conf for this Python."""
    import shutil
    import sys

    os.makedirs(folder, exist_ok=True)
    bas = os.path.join(folder, "xltools.bas")
    shutil.copyfile(os.path.join(os.path.dirname(__file__), "xltools.bas"), bas)
    conf = os.path.join(folder, "xlwings.conf")
    with open(conf, "w", encoding="utf-8") as fh:
        key = "INTERPRETER_WIN" if os.name == "nt" else "INTERPRETER_MAC"
        fh.write(f'"{key}","{sys.executable}"\n"SHOW CONSOLE","False"\n')
    return [bas, conf]

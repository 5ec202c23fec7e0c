"""Summaries over one workbook or a hundred thousand: ``summarize(paths, out)``.

Files and folders are discovered (Office lock files and non-workbooks are skipped and listed),
read, scored and validated in parallel; each gives small records; the summary is written once.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError, no_workbook_found
from ..output import PENDING, atomic_path, check_output, copy_suffix, save_workbook
from ..ruleset import load_rules
from .collect import MISSING, FindingRow, Record, collect, discover

if TYPE_CHECKING:
    from .write import Aggregates

__all__ = ["summarize", "SummaryResult", "Record"]


@dataclass
class SummaryResult:
    files: int = 0
    tables: int = 0
    unreadable: int = 0
    with_errors: int = 0
    missing: int = 0  # paths given that do not exist: listed with the skipped ones, and exit 1
    repeated: int = 0  # tables the batch holds more than once (S106; each copy counted)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    output: str | None = None
    text: str | None = None  # JSON or CSV when written to stdout

    @property
    def exit_code(self) -> int:
        return 1 if self.unreadable or self.with_errors or self.missing else 0


#: The summary formats, and the extension that names each in ``-o``.
FORMAT_SUFFIXES = {"xlsx": ".xlsx", "json": ".json", "csv": ".csv"}


def output_format(fmt: str | None, out: str | None) -> str:
    """The format asked for; else the one ``out``'s extension names (``汇总.csv`` is a CSV); else
    xlsx. An extension naming another format than the one asked for is refused: ``-o 汇总.csv``
    wrote an .xlsx under that name, which Excel and WPS then opened as garbage."""
    ext = os.path.splitext(out)[1].lower() if out else ""
    named = next((f for f, suffix in FORMAT_SUFFIXES.items() if ext == suffix), None)
    if fmt is None:
        return named or "xlsx"
    if named is not None and named != fmt:
        name, right = os.path.basename(out or ""), os.path.splitext(out or "")[0] + FORMAT_SUFFIXES[fmt]
        raise UsageError(f"输出文件 {name} 的扩展名与 --format {fmt} 不符：改用 -o {os.path.basename(right)}，"
                         f"或去掉 --format（按扩展名输出 {named.upper()}）",
                         f"the output {name} does not match --format {fmt}: use -o {os.path.basename(right)}, or "
                         f"drop --format (the extension then chooses {named.upper()})")
    return fmt


def summarize(paths: list[str | os.PathLike[str]], out: str | os.PathLike[str] | None = None, *, fmt: str | None = None, jobs: int | None = None,
              rules: str | None = None, lang: str = "zh", sheet: str | None = None, dept: bool = False,
              force: bool = False, progress: Callable[[int, int], Callable[[int], None]] | None = None,
              pair_goals: bool = True) -> SummaryResult:
    """Summarise ``paths``; write ``out`` (xlsx, or json/csv; those go to ``text`` without ``out``).
    ``fmt`` defaults to what ``out``'s extension names (:func:`output_format`).

    With ``pair_goals``, a self-evaluation or monitoring table whose goal declaration is in the
    batch too is compared with it (:mod:`.pairs`); the differences join its findings.
    """
    # the writers here, not above: validate imports this package (for .collect) and not them
    paths = [os.fspath(p) for p in paths]  # (pathlib paths as well as strings)
    out = os.fspath(out) if out is not None else None
    from .write import Aggregates, XlsxSummary, problem_rows, spool_findings, to_csv, to_json

    fmt = output_format(fmt, out)
    if fmt == "xlsx" and not out:
        raise UsageError("xlsx 汇总需要 -o 输出文件（或用 --format json/csv 输出到屏幕）",
                         "an xlsx summary needs -o FILE (or --format json/csv for stdout)")
    if out:
        copy = sheet is not None
        check_output(out, force=force, src=paths[0] if copy else None,
                     suffix=(copy_suffix(paths[0]) if copy else ".xlsx") if fmt == "xlsx" else None)
        if sheet is None:
            _not_a_workbook_of_tables(out)
    if sheet is not None and (len(paths) != 1 or os.path.isdir(paths[0]) or fmt != "xlsx"):
        raise UsageError("--sheet 用于单个工作簿：把汇总表写入该工作簿的副本",
                         "--sheet takes one workbook and writes the summary into a copy of it")
    if sheet is not None:
        _check_sheet_name(sheet)
        from ..reading.source import check_container

        check_container(paths[0])  # missing, empty, text, encrypted: say so before any work
    rs = load_rules(rules)
    files, skipped = discover(paths, output=out)
    if not files and not any(why == MISSING for _, why in skipped):
        raise no_workbook_found(paths)  # (it wrote an empty summary and exited 0, where validate says so)
    res = SummaryResult(files=len(files), skipped=skipped, missing=sum(1 for _, why in skipped if why == MISSING))
    agg = Aggregates()
    records: list[Record] = []
    tick = progress(len(files), 0) if progress else None
    name = rs.name if lang != "en" else rs.name_en
    # the xlsx summary streams its findings sheet; JSON, CSV and the in-workbook copy spool them
    # shown in red: an execution rate that needs explaining, the lowest grade (and errors)
    red = {"low_rate": rs.for_table("selfeval").explain_execution_below,
           "low_grade": rs.grades[-1][0] if rs.grades else ""}
    sink = (XlsxSummary(out, rules_name=name, skipped=skipped, dept=dept, lang=lang, **red)
            if fmt == "xlsx" and sheet is None else None)
    spool = None
    if sink is None:
        import tempfile

        fd, spool = tempfile.mkstemp(prefix="xltools-findings-", suffix=".jsonl")
        PENDING.add(spool)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") if spool else contextlib.nullcontext() as fh:
            prepare = functools.partial(problem_rows, base=sink.base) if sink is not None else None
            for rec, rows in collect(files, rules, jobs=jobs, lang=lang, progress=tick, prepare=prepare):
                if rec.skipped:  # an earlier summary among the workbooks: listed, not summed
                    res.skipped.append((rec.path, rec.skipped))
                else:
                    records.append(rec)
                    agg.add(rec)
                if sink is not None:
                    sink.add(rec, rows)  # type: ignore[arg-type]  (prepared rows)
                else:
                    spool_findings(fh, rec.path, rows)  # type: ignore[arg-type]
                if rec.errors:
                    res.with_errors += 1
            # findings only the batch can give, added to the records they concern
            from ..batch import CODE as DUPLICATE

            later = batch_findings(records, lang, pair_goals)
            if pair_goals:
                from . import pool
                from .pairs import compare

                later = itertools.chain(compare(records, rules, jobs=jobs or pool.usable_cpus(), lang=lang), later)
            for i, rows in later:
                rec = records[i]
                had_errors = rec.errors
                agg.count(row[2] for row in rows)
                for row in rows:
                    rec.tally(row[3])
                    res.repeated += row[2] == DUPLICATE
                res.with_errors += bool(rec.errors and not had_errors)
                if sink is not None:
                    sink.add(rec, problem_rows(rec, rows, lang, sink.base))
                else:
                    spool_findings(fh, rec.path, rows)  # type: ignore[arg-type]
        res.tables, res.unreadable = agg.tables, agg.unreadable
        if sink is not None:
            res.output = sink.finish(records, agg)
        elif fmt == "json":
            res.text = to_json(records, spool, skipped, agg, name, lang)
        elif fmt == "csv":
            res.text = to_csv(records, lang)
        else:
            res.output = _into_copy(paths[0], sheet, out, records, agg, lang, **red)  # type: ignore[arg-type]
        if res.text is not None and out:
            # a CSV file opens in Excel or WPS by a double-click: without a byte-order mark they take
            # it for the system's code page (GBK on Chinese Windows) and show every name garbled
            encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
            with atomic_path(out) as tmp, open(tmp, "w", encoding=encoding, newline="") as fh2:
                fh2.write(res.text)
            res.output, res.text = out, None
    finally:
        if spool:
            PENDING.discard(spool)
            os.unlink(spool)
        if sink is not None:
            sink.discard()
    return res


def _not_a_workbook_of_tables(out: str) -> None:
    """``--force`` overwrites an earlier summary (or any other file), never a workbook holding
    performance tables: ``-o 自评表.xlsx`` typed for ``-o 汇总.xlsx`` replaced a unit's
    self-evaluation with the summary (it was passed over as the output, then written over)."""
    from ..errors import OutputError, XltoolsError
    from ..reading import read_workbook
    from .collect import WORKBOOK_SUFFIXES, earlier_summary

    if not os.path.isfile(out) or not out.lower().endswith(WORKBOOK_SUFFIXES) or earlier_summary(out):
        return
    try:
        read_workbook(out)
    except XltoolsError:  # an earlier summary, or no table of ours: --force overwrites it
        return
    name = os.path.basename(out)
    raise OutputError(f"{name}：这是一份含有绩效表的工作簿，不能用汇总表覆盖（--force 也不行）；请换一个输出文件名。",
                      f"{name}: this workbook holds performance tables and is not overwritten by a summary "
                      "(not even with --force); choose another output name.")


def batch_findings(records: list[Record], lang: str = "zh", pairing: bool = True,
                   ) -> Iterator[tuple[int, list[FindingRow]]]:
    """(record index, its row) for what only the batch shows (:mod:`xltools.batch`): every table
    it holds more than once (S106), every table of another year than its kind's (S107) and, with
    ``pairing``, every report left unpaired by a name typed differently from its declaration's (S108)."""
    from ..batch import Copy, findings, identity
    from ..rules.catalogue import render
    from ..values import year_of

    def copy(rec: Record) -> Copy:
        return Copy(rec.path, rec.sheet, rec.cell, rec.table, rec.project, rec.year, rec.department, rec.unit,
                    rec.period, rec.total, rec.year_cell)

    def key(rec: Record) -> tuple[str, ...] | None:
        return None if rec.error else identity(rec.table, rec.project, rec.year, rec.department, rec.unit, rec.period)

    def kind_year(rec: Record) -> tuple[str, str]:
        return rec.table, "" if rec.error else year_of(rec.year)

    # a record that could not be read has no kind and no project: passed by
    for i, f in findings(records, copy, key=key, kind_year=kind_year, pairing=pairing):
        message, suggestion = render(f.code, f.params, lang)
        yield i, [(f.sheet, f.cell, f.code, f.severity, message, suggestion)]


_SHEET_NAME_FORBIDDEN = set("\\/?*[]:")


def _check_sheet_name(name: str) -> None:
    """Excel's rules for a sheet name: 1–31 characters, none of \\ / ? * [ ] :, no leading or
    trailing apostrophe, and not History (reserved)."""
    bad = set(name) & _SHEET_NAME_FORBIDDEN
    if not name.strip() or len(name) > 31 or bad or name[0] == "'" or name[-1] == "'" or name.lower() == "history":
        what = f"含有 {' '.join(sorted(bad))}" if bad else ("超过 31 个字符" if len(name) > 31 else "不可用")
        raise UsageError(f"--sheet 工作表名「{name}」{what}：Excel 的工作表名为 1–31 个字符，不含 \\ / ? * [ ] :",
                         f"--sheet name 「{name}」 is not allowed in Excel: 1–31 characters, none of \\ / ? * [ ] :")


def _into_copy(src: str, sheet: str, out: str, records: list[Record], agg: Aggregates, lang: str = "zh", *,
               low_rate: float = 0.0, low_grade: str = "") -> str:
    """The in-workbook variant: a copy of ``src`` with the summary on sheet ``sheet``, ending with
    a 合计 row below its filter: the projects' budget and spending summed, the execution rate
    of the sums, and in the 计算总分 column the mean score (as 按单位汇总's 全部合计 has them)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    from ..annotate import open_keepable, rebuilt, rebuilt_note, write_text
    from .words import tr
    from .write import COLUMNS, KIND_ZH, TOTAL_LABEL, summary_highlights, unit_table
    from .xlsx import RED_FILL, RED_TEXT

    wb = open_keepable(src, ("汇总副本", "a summary copy"))
    if sheet in wb.sheetnames:
        del wb[sheet]
    ws = wb.create_sheet(sheet, 0)
    ws.append([tr("汇总（xltools 生成）", lang) + (f"  {rebuilt_note(src, lang)}" if rebuilt(src) else "")])
    for i, (_, header, _, width) in enumerate(COLUMNS, start=1):
        c = ws.cell(2, i, tr(header, lang))
        c.font = Font(bold=True)
        ws.column_dimensions[c.column_letter].width = width
    r = 3
    for rec in records:
        if rec.error:
            continue
        values = {**{k: getattr(rec, k) for k, *_ in COLUMNS}, "table": tr(KIND_ZH.get(rec.table, rec.table), lang)}
        for i, (key, _, fmt, _) in enumerate(COLUMNS, start=1):
            c = ws.cell(r, i)
            write_text(c, values[key])
            if fmt != "@" and values[key] is not None:
                c.number_format = fmt
        r += 1
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{ws.cell(2, len(COLUMNS)).column_letter}{max(3, r - 1)}"
    for col, condition in summary_highlights([k for k, *_ in COLUMNS], low_rate, low_grade, lang):
        letter = ws.cell(3, col + 1).column_letter  # red as in the summary workbook (xlsx.Sheet.highlight)
        ws.conditional_formatting.add(f"{letter}3:{letter}{max(3, r - 1)}", FormulaRule(
            formula=[condition.replace("{c}", f"{letter}3")], font=Font(color=RED_TEXT),
            fill=PatternFill(bgColor=RED_FILL)))
    _, _, (_, _, projects, budget, spent, rate, mean, grades, *_) = unit_table(agg, records)
    if projects:
        total = {"path": tr(TOTAL_LABEL, lang), "annual_budget": budget, "spent": spent, "execution_rate": rate,
                 "total": mean, "grade": grades,
                 "project": tr("共 {n} 个项目；计算总分栏为平均分", lang).format(n=projects)}
        for i, (key, _, fmt, _) in enumerate(COLUMNS, start=1):
            if total.get(key) is not None:
                c = ws.cell(r, i)
                write_text(c, total[key])
                c.font = Font(bold=True)
                if fmt != "@":
                    c.number_format = fmt
    # printed as the summary workbook's sheets are (xlsx.PRINT): A4 landscape, one page wide
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A4, "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return save_workbook(wb, out, source=src)

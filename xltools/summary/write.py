"""Writing summaries: the 汇总表 workbook (five sheets, optional 部门整体 and 预警清单), JSON and CSV.

The workbook is streamed by :mod:`.xlsx`, so a summary of 100,000 projects costs little memory.
Text from the inputs is always written as text: a project named ``=1+1`` stays a name.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache

from ..annotate import SEVERITY_ZH
from ..grid import column_letter, parse_a1
from ..output import atomic_path
from ..scoring import round_half_up
from .collect import (
    ALERTS_SHEET,
    CODES_SHEET,
    DEPT_SHEET,
    GRADES_SHEET,
    PROBLEMS_SHEET,
    SUMMARY_SHEET,
    UNITS_SHEET,
    FindingRow,
    Record,
)
from .words import tr
from .xlsx import Link, XlsxWriter, prepare_row

#: 汇总表 columns: (key, header, number format, width).
COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("path", "文件", "@", 36), ("sheet", "工作表", "@", 14), ("table", "表格类型", "@", 12),
    ("project", "项目名称", "@", 30), ("department", "主管部门", "@", 16), ("unit", "实施单位", "@", 18),
    ("year", "年度", "@", 7), ("annual_budget", "全年预算数（万元）", "#,##0.00", 14),
    ("spent", "全年执行数（万元）", "#,##0.00", 14), ("execution_rate", "执行率", "0.00%", 9),
    ("written_total", "填报总分", "0.00", 9), ("total", "计算总分", "0.00", 9), ("grade", "等级", "@", 6),
    ("met", "达成指标数", "0", 9), ("indicators", "指标数", "0", 7), ("behind", "红/黄灯", "0", 8),
    ("goals_file", "对照目标表", "@", 16), ("errors", "错误", "0", 6),
    ("warnings", "警告", "0", 6),
)
EVALUATION_PARTS = ("决策", "过程", "产出", "效益")
KIND_ZH = {"goals": "目标申报表", "selfeval": "自评表", "dept": "部门整体", "evaluation": "评价评分表",
           "monitor": "运行监控表"}
GRADES = ("优", "良", "中", "差")
PROJECT_KINDS = ("selfeval", "evaluation")
GOALS_KIND = "goals"


#: A department or unit code in brackets beside its name (``[301]``, ``【301】``, ``（301）``), or
#: before it with a dash as budget systems export it (``219-池州市贵池区棠溪镇人民政府``,
#: ``219001-…``): not bare digits, which begin names too (``101中学`` and ``102中学`` are two schools).
_ORG_CODE = re.compile(r"^(?:\[\d{2,}\]|【\d{2,}】|\(\d{2,}\)|\d{3,}[-_—])|(?:\(\d{2,}\)|\[\d{2,}\]|【\d{2,}】)$")


class Aggregates:
    """Grade counts and per-unit figures, updated record by record (constant memory per unit).

    Units and departments are told apart as project names are (:func:`~xltools.declared.project_key`:
    width, spaces and quotes do not count): ``市贸促会（展览部）`` typed by one project office and
    ``市贸促会(展览部)`` by another are one unit, shown under the spelling most of its rows use.
    """

    def __init__(self) -> None:
        self.grades: dict[str, int] = {}
        self.kind_grades: dict[str, dict[str, int]] = {}  # table kind → grade → tables (等级分布 by kind)
        self.units: dict[tuple[str, str], dict] = {}
        self.departments: dict[str, dict] = {}
        # a batch of goal declarations only (the declaration season): its units, by declared funds
        self.declared_units: dict[tuple[str, str], dict] = {}
        self.tables = 0
        self.unreadable = 0
        self._keys: dict[str, str] = {}  # name as typed → its key (a batch repeats a few names)
        self.codes: dict[str, list[int]] = {}  # finding code → [findings, tables with it]

    def key(self, name: str) -> str:
        """The key a unit or department name is grouped under: as a project name is compared, and
        without the department code the national form asks for beside it (主管部门及代码:
        ``[301]县交通运输局``, ``县交通运输局（301）`` and ``县交通运输局`` are one department)."""
        k = self._keys.get(name)
        if k is None:
            from ..declared import project_key

            k = _ORG_CODE.sub("", project_key(name)) or project_key(name)
            if len(self._keys) < 100_000:  # bounded, whatever the batch holds
                self._keys[name] = k
        return k

    def count(self, codes: Iterable[str]) -> None:
        """Count one table's findings by code (问题统计)."""
        seen = set()
        for code in codes:
            n = self.codes.get(code)
            if n is None:
                n = self.codes[code] = [0, 0]
            n[0] += 1
            if code not in seen:
                seen.add(code)
                n[1] += 1

    def add(self, rec: Record) -> None:
        if rec.error:
            self.unreadable += 1
            return
        self.tables += 1
        if rec.codes:
            self.count(rec.codes)
            rec.codes = ()  # counted: the record is kept for the whole batch, its codes need not be
        if rec.grade:
            self.grades[rec.grade] = self.grades.get(rec.grade, 0) + 1
            by_kind = self.kind_grades.setdefault(rec.table, {})
            by_kind[rec.grade] = by_kind.get(rec.grade, 0) + 1
        if rec.table == GOALS_KIND:
            stores = [((self.key(rec.department), self.key(rec.unit)), (rec.department, rec.unit), self.declared_units)]
        elif rec.table in PROJECT_KINDS:
            dep = self.key(rec.department)
            stores = [((dep, self.key(rec.unit)), (rec.department, rec.unit), self.units),
                      (dep, rec.department, self.departments)]
        else:
            return  # units and departments add up projects, not department tables or monitoring
        for key, names, store in stores:
            u = store.setdefault(key, {"projects": 0, "budget": 0.0, "spent": 0.0, "scores": 0.0, "scored": 0,
                                       "grades": {}, "names": {}, "initial": 0.0, "initial_spent": 0.0})
            u["names"][names] = u["names"].get(names, 0) + 1
            u["projects"] += 1
            u["budget"] += rec.annual_budget or 0.0
            u["spent"] += rec.spent or 0.0
            if rec.initial_budget is not None:  # compared with the spending of the same projects
                u["initial"] += rec.initial_budget
                u["initial_spent"] += rec.spent or 0.0
            if rec.total is not None:
                u["scores"] += rec.total
                u["scored"] += 1
            if rec.grade:
                u["grades"][rec.grade] = u["grades"].get(rec.grade, 0) + 1


PROBLEM_HEADER = ["文件", "工作表", "单元格", "代码", "严重程度", "问题", "建议"]


SKIPPED = "已跳过"


def escape_formula(text: str) -> str:
    """Text inside an Excel formula's string literal: its quotes doubled."""
    return text.replace('"', '""')


def file_row(path: str, state: str, why: str) -> list[object]:
    """A 问题清单 row about a whole file (unreadable or skipped): the state where the severity goes."""
    return [path, "", "", "", state, why, ""]


def target(path: str, base: str | None) -> str | None:
    """Where a link from the summary (in folder ``base``) to ``path`` points: relative to the
    summary's folder, so a folder of workbooks with its summary can be moved or shared as a
    whole (another drive, on Windows: the absolute path); ``None`` where no link can be made
    (no ``base``, or a ``#`` in the path, which would end it early)."""
    if base is None or "#" in path:
        return None
    folder, name = os.path.split(path)
    if not os.path.isabs(folder):  # relative to the working folder of this moment, not the cache's
        folder = os.path.join(os.getcwd(), folder)
    return os.path.join(_relative_folder(folder, base), name)


@lru_cache(maxsize=1024)
def _relative_folder(folder: str, base: str) -> str:
    """A batch's files share a few folders: each is made relative once (relpath asks the OS)."""
    try:
        return os.path.relpath(os.path.normpath(folder), base)
    except ValueError:  # another drive (Windows)
        return os.path.normpath(folder)


def on_sheet(to: str, sheet: str) -> str:
    """A link's target up to the cell: the file ``to`` at ``sheet`` (its quotes doubled)."""
    return f"{to}#'{sheet.replace(QUOTE1, QUOTE2)}'!"


def link(text: str, to: str | None, sheet: str = "", cell: str = "") -> object:
    """``text`` linking to the file ``to`` (:func:`target`), at ``cell`` on ``sheet`` when given."""
    if to is None:
        return text
    if sheet:
        to = on_sheet(to, sheet) + (cell.split(":")[0] or "A1")
    return Link(text, to)


QUOTE1, QUOTE2 = "'", "''"  # a sheet name in a link: its quotes doubled


def problem_rows(rec: Record, rows: list[FindingRow], lang: str = "zh", base: str | None = None) -> list[str]:
    """One record's 问题清单 rows as prepared XML; run in the workers, so the writer only numbers them.

    With ``base`` (the summary's folder), the cell opens from its address: a reviewer clicks a
    finding and lands on the cell (one link per row: a second, on the file name, cost as much
    again in a batch of thousands and went to the same workbook).
    """
    out = [prepare_row(file_row(rec.path, tr("无法读取", lang), rec.error))] if rec.error else []
    if rec.skipped:
        out.append(prepare_row(file_row(rec.path, tr(SKIPPED, lang), tr(rec.skipped, lang))))
    severities = SEVERITY_ZH if lang != "en" else {}
    to = target(rec.path, base) if rows else None
    at: dict[str, str] = {}  # sheet → the link's target up to the cell
    for sheet, cell, code, severity, message, suggestion in rows:
        where: object = cell
        if to is not None and cell and sheet:
            pre = at.get(sheet) or at.setdefault(sheet, on_sheet(to, sheet))
            where = Link(cell, pre + cell.split(":")[0])
        out.append(prepare_row([rec.path, sheet, where, code, severities.get(severity, severity), message,
                                suggestion]))
    return out


def highlights(keys: list[str] | tuple[str, ...], low_rate: float, low_grade: str = "",
               also: str = "") -> list[tuple[int, str]]:
    """(column, condition) of what a reviewer looks at first, for :meth:`.xlsx.Sheet.highlight`:
    an execution rate below the rule set's threshold ``low_rate`` (where ``also``, a condition
    on the row, holds too), a count of errors above 0, the lowest grade ``low_grade``."""
    out = []
    if low_rate:
        extra = f",{also}" if also else ""
        out.append((keys.index("execution_rate"), f"AND(ISNUMBER({{c}}),{{c}}<{low_rate!r}{extra})"))
    out.append((keys.index("errors"), "AND(ISNUMBER({c}),{c}>0)"))
    if low_grade and "grade" in keys:
        out.append((keys.index("grade"), f'{{c}}="{escape_formula(low_grade)}"'))
    return out


def summary_highlights(keys: list[str], low_rate: float, low_grade: str, lang: str) -> list[tuple[int, str]]:
    """:func:`highlights` of 汇总表's columns ``keys``: a monitoring table's 执行进度 (six months
    in, 50 % is on time) is not a year's execution rate."""
    kind = escape_formula(tr(KIND_ZH["monitor"], lang))
    return highlights(keys, low_rate, low_grade, also=f'${column_letter(keys.index("table"))}3<>"{kind}"')


class XlsxSummary:
    """The summary workbook: 问题清单 is streamed while the files are read, the rest written last.

    Zip entries can come in any order while the tabs keep theirs, so the findings (most of the
    rows) go to disk as they arrive, with no spool and no second pass; the temporary file is
    renamed into place only when everything is written.
    """

    def __init__(self, out: str, *, rules_name: str, skipped: list[tuple[str, str]], dept: bool = False,
                 lang: str = "zh", low_rate: float = 0.0, low_grade: str = "") -> None:
        """``low_rate`` (an execution rate that needs explaining, from the rule set) and
        ``low_grade`` (its lowest grade) are shown in red, as are errors."""
        self.out, self.rules_name, self.dept, self.lang = out, rules_name, dept, lang
        self.low_rate, self.low_grade = low_rate, low_grade
        self.base = os.path.dirname(os.path.abspath(out))  # links to the inputs start here
        self.now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        self._target = atomic_path(out)
        self.tmp = self._target.__enter__()
        self.book = XlsxWriter(self.tmp)
        self.problems = self.book.sheet(PROBLEMS_SHEET, [36, 14, 8, 7, 8, 60, 40], order=4)
        self.problems.append([tr("生成于 {now}；规则集：{rules}", lang).format(now=self.now, rules=rules_name)],
                             bold=True)
        _header(self.problems, PROBLEM_HEADER, lang)
        error = SEVERITY_ZH["error"] if lang != "en" else "error"  # as problem_rows writes it
        self.problems.highlight(PROBLEM_HEADER.index("严重程度"), f'{{c}}="{error}"')
        for path, why in skipped:
            self.problems.append(file_row(path, tr(SKIPPED, lang), tr(why, lang)))

    def add(self, rec: Record, prepared: list[str]) -> None:
        """Add one record's 问题清单 rows, as :func:`problem_rows` prepared them."""
        for row in prepared:
            self.problems.append_prepared(row)

    def finish(self, records: list[Record], agg: Aggregates) -> str:
        lang = self.lang
        banner = tr("生成于 {now}；规则集：{rules}；共 {tables} 张表，{unreadable} 个文件无法读取", lang).format(
            now=self.now, rules=self.rules_name, tables=agg.tables, unreadable=agg.unreadable)
        has_eval = any(r.table == "evaluation" for r in records)
        cols = list(COLUMNS) + ([(p, p, "0.00", 8) for p in EVALUATION_PARTS] if has_eval else [])
        formats = [c[2] for c in cols]
        try:
            with self.book as book:
                ws = book.sheet(SUMMARY_SHEET, [c[3] for c in cols], order=1)
                ws.append([banner], bold=True)
                _header(ws, [c[1] for c in cols], lang)
                keys = [c[0] for c in COLUMNS]
                kind = keys.index("table")
                parts = EVALUATION_PARTS if has_eval else ()
                for rec in records:
                    if rec.error:
                        continue
                    values = [getattr(rec, k) for k in keys]
                    values[kind] = tr(KIND_ZH.get(rec.table, rec.table), lang)
                    values[0] = link(rec.path, target(rec.path, self.base), rec.sheet, _row_start(rec.cell))
                    ws.append(values + [rec.parts.get(p) for p in parts], formats)
                for col, condition in summary_highlights(keys, self.low_rate, self.low_grade, lang):
                    ws.highlight(col, condition)
                _grades_sheet(book, agg, banner, lang)
                _units_sheet(book, agg, records, banner, lang, self.low_rate)
                _codes_sheet(book, agg, banner, lang)
                if self.dept:
                    _dept_sheet(book, agg, banner, lang)
                if any(r.alerts for r in records):
                    _alerts_sheet(book, records, banner, lang)
        except BaseException as e:
            self._target.__exit__(type(e), e, e.__traceback__)
            raise
        self._target.__exit__(None, None, None)  # renames the finished file into place
        return self.out

    def discard(self) -> None:
        """Give up a summary that was not finished (the temporary file goes away)."""
        if os.path.exists(self.tmp):
            self.book.abandon()
            os.unlink(self.tmp)


def _header(ws, labels, lang: str) -> None:  # noqa: ANN001
    """A sheet's bold header row, in ``lang``."""
    ws.append([tr(h, lang) for h in labels], bold=True)


def _grades_sheet(book, agg: Aggregates, banner: str, lang: str = "zh") -> None:  # noqa: ANN001
    """Count and share per grade, with a chart; when the batch grades tables of several kinds (a
    project's self-evaluation and its external evaluation, department tables), a column per
    kind too, so the projects' own distribution is not read from a mix."""
    kinds = [k for k in KIND_ZH if k in agg.kind_grades] if len(agg.kind_grades) > 1 else []
    ws = book.sheet(GRADES_SHEET, [10, 10, 10] + [12] * len(kinds), order=2)
    ws.append([banner], bold=True)
    _header(ws, ("等级", "数量", "占比", *(KIND_ZH[k] for k in kinds)), lang)
    graded = sum(agg.grades.values())
    # every grade, none given too (优 20, 良 0 …): a distribution a reader compares across batches
    names = [*GRADES, *sorted(g for g in agg.grades if g not in GRADES)]
    formats = ["", "0", "0.00%"] + ["0"] * len(kinds)
    for g in names:
        count = agg.grades.get(g, 0)
        ws.append([g, count, round_half_up(count / graded, 4) if graded else 0,
                   *(agg.kind_grades[k].get(g, 0) for k in kinds)], formats)
    ws.end_filter()
    ws.append([tr("合计", lang), graded, 1.0 if graded else 0, *(sum(agg.kind_grades[k].values()) for k in kinds)],
              formats, bold=True)
    book.bar_chart(ws, "等级分布", len(names))


UNIT_FORMATS = ["0", "#,##0.00", "#,##0.00", "0.00%", "0.00", ""]


def _unit_values(u: dict) -> list:
    """A unit's figures rounded as they are shown, by Excel's rule (half up), as every score is."""
    rate = round_half_up(u["spent"] / u["budget"], 4) if u["budget"] else None
    mean = round_half_up(u["scores"] / u["scored"], 2) if u["scored"] else None
    grades = "、".join(f"{g}{u['grades'][g]}" for g in GRADES if g in u["grades"])
    return [u["projects"], round_half_up(u["budget"], 2), round_half_up(u["spent"], 2), rate, mean, grades]


def _spelling(u: dict) -> object:
    """The name a unit's rows use most (the first of them on a tie)."""
    names = u["names"]
    return max(names, key=names.__getitem__)


UNIT_HEADER = ("主管部门", "实施单位", "项目数", "全年预算数（万元）", "全年执行数（万元）", "执行率", "平均得分", "等级",
               "有错误的表", "错误", "警告")
#: The 合计 row's label: the whole batch, also when the sheet is filtered (it sits below the filter).
TOTAL_LABEL = "全部合计"


def unit_table(agg: Aggregates, records: list[Record]) -> tuple[bool, list[list], list]:
    """(by declarations?, one row per unit, the 合计 row): what 按单位汇总 and the JSON's
    ``units`` show — per unit its projects' money and scores, and how many of their tables have
    errors and how many findings they carry, the list a finance bureau works through when it
    calls units back. Findings are counted from the records at the end, when the batch's own
    (S106, the comparisons with declarations) have been added to them.

    A batch without any self-evaluation or evaluation — the declaration season — is summed by
    its goal declarations instead: projects and declared 年度资金总额 per unit (nothing spent or
    scored yet, so those columns stay empty). The 合计 row sums the units' figures; its rate
    and mean score are the batch's own (all money spent over all budgets, all scores over all
    scored projects), not a mean of the units'."""
    declared = not agg.units and bool(agg.declared_units)
    units, kinds = (agg.declared_units, (GOALS_KIND,)) if declared else (agg.units, PROJECT_KINDS)
    found: dict[tuple[str, str], list[int]] = {}
    for rec in records:
        if rec.table in kinds and not rec.error:
            n = found.setdefault((agg.key(rec.department), agg.key(rec.unit)), [0, 0, 0])
            n[0] += rec.errors > 0
            n[1] += rec.errors
            n[2] += rec.warnings
    whole: dict = {"projects": 0, "budget": 0.0, "spent": 0.0, "scores": 0.0, "scored": 0, "grades": {}}
    rows = []
    for key, u in sorted(units.items()):
        for k in ("projects", "budget", "spent", "scores", "scored"):
            whole[k] += u[k]
        for g, n in u["grades"].items():
            whole["grades"][g] = whole["grades"].get(g, 0) + n
        values = _unit_values(u)
        if declared:
            values[2:] = [None, None, None, ""]
        rows.append([*_spelling(u), *values, *found.get(key, (0, 0, 0))])
    values = _unit_values(whole)
    if declared:
        values[2:] = [None, None, None, ""]
    counts = [sum(n[i] for n in found.values()) for i in range(3)]
    return declared, rows, [TOTAL_LABEL, "", *values, *counts]


#: JSON keys of :func:`unit_table`'s columns, in their order.
UNIT_KEYS = ("department", "unit", "projects", "budget", "spent", "execution_rate", "mean_score", "grades",
             "tables_with_errors", "errors", "warnings")


def units_json(agg: Aggregates, records: list[Record]) -> dict[str, object]:
    """按单位汇总 for pipelines: ``units`` (one object per unit), ``units_total`` (the 合计 row,
    without names) and ``units_by`` (``projects``, or ``declarations`` in the declaration season,
    when ``budget`` is the declared 年度资金总额)."""
    declared, rows, total = unit_table(agg, records)
    return {"units_by": "declarations" if declared else "projects",
            "units": [dict(zip(UNIT_KEYS, row, strict=True)) for row in rows],
            "units_total": dict(zip(UNIT_KEYS[2:], total[2:], strict=True))}


def _units_sheet(book, agg: Aggregates, records: list[Record], banner: str, lang: str = "zh",  # noqa: ANN001
                 low_rate: float = 0.0) -> None:
    """按单位汇总 (:func:`unit_table`), its 合计 row below the filtered range in bold, its rates
    below ``low_rate`` and its error counts in red as 汇总表's."""
    declared, rows, total = unit_table(agg, records)
    ws = book.sheet(UNITS_SHEET, [18, 20, 8, 16, 16, 9, 9, 16, 10, 8, 8], order=3)
    ws.append([banner], bold=True)
    header = list(UNIT_HEADER)
    if declared:
        header[3] = "年度资金总额（万元）"
    _header(ws, header, lang)
    formats = ["", "", *UNIT_FORMATS, "0", "0", "0"]
    for row in rows:
        ws.append(row, formats)
    for col, condition in highlights(UNIT_KEYS, low_rate):
        ws.highlight(col, condition)
    ws.end_filter()
    total[0] = tr(TOTAL_LABEL, lang)
    ws.append(total, formats, bold=True)


#: JSON keys of :func:`code_table`'s columns, in their order.
CODE_KEYS = ("code", "severity", "message", "suggestion", "findings", "tables", "share")


def code_table(agg: Aggregates, lang: str = "zh") -> list[list]:
    """问题统计: per finding code, how often the batch shows it and in how many of its tables (and
    which share of them) — the mistakes to explain at the next training of the units, errors
    first, then the most frequent. The message is the code's, its particulars left open (…)."""
    from ..rules.catalogue import SEVERITIES, describe

    about = {c.code: c for c in describe(lang=lang)}
    rows = []
    for code, (findings, tables) in agg.codes.items():
        info = about.get(code)
        severity, message, fix = (info.severity, info.message, info.suggestion) if info is not None else ("", "", "")
        share = round_half_up(tables / agg.tables, 4) if agg.tables else None
        rows.append([code, severity, message, fix, findings, tables, share])
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows.sort(key=lambda r: (rank.get(r[1], len(rank)), -r[4], r[0]))
    return rows


def _codes_sheet(book, agg: Aggregates, banner: str, lang: str = "zh") -> None:  # noqa: ANN001
    ws = book.sheet(CODES_SHEET, [8, 8, 50, 50, 10, 10, 12], order=5)
    ws.append([banner], bold=True)
    _header(ws, ("代码", "严重程度", "问题", "建议", "出现次数", "涉及表数", "占全部表的比例"), lang)
    severities = SEVERITY_ZH if lang != "en" else {}
    formats = ["", "", "", "", "0", "0", "0.00%"]
    rows = code_table(agg, lang)
    for row in rows:
        ws.append([row[0], severities.get(row[1], row[1]), *row[2:]], formats)
    ws.end_filter()
    ws.append([tr("合计", lang), "", "", "", sum(r[4] for r in rows)], formats, bold=True)


def _dept_sheet(book, agg: Aggregates, banner: str, lang: str = "zh") -> None:  # noqa: ANN001
    """A draft 部门整体 table from the project rows: the figures the data supports (domain.md §3.3, §4).

    预决算差异率 takes the projects' 全年执行数 for the 支出决算数 (the same figure once the accounts
    are closed) and compares it with the 年初预算数 of the same projects, those whose funds block
    states one; 结转结余率 and the rest of the table need the department's own accounts."""
    ws = book.sheet(DEPT_SHEET, [20, 8, 16, 16, 16, 9, 11, 12, 10, 16], order=6)
    ws.append([banner + tr("；执行得分 = 20 × min(执行率, 100%)；预决算差异率 = |执行数 − 年初预算数| ÷ 年初预算数"
                           "（以项目执行数作决算数）；其余指标需部门填写", lang)], bold=True)
    _header(ws, ("主管部门", "项目数", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率",
                 "预决算差异率", "预算执行得分（20分）", "项目平均得分", "等级"), lang)
    for row in dept_table(agg):
        ws.append(row, ["", "0", "#,##0.00", "#,##0.00", "#,##0.00", "0.00%", "0.00%", "0.00", "0.00", ""])


#: JSON keys of :func:`dept_table`'s columns, in their order.
DEPT_KEYS = ("department", "projects", "initial_budget", "budget", "spent", "execution_rate", "budget_gap",
             "execution_score", "mean_score", "grades")


def dept_table(agg: Aggregates) -> list[list]:
    """One row per 主管部门 of the 部门整体 draft, in :data:`DEPT_KEYS` order."""
    rows = []
    for _, u in sorted(agg.departments.items()):
        projects, budget, spent, rate, mean, grades = _unit_values(u)
        score = round_half_up(20 * min(u["spent"] / u["budget"], 1.0), 2) if u["budget"] else None
        initial = round_half_up(u["initial"], 2) if u["initial"] else None
        gap = round_half_up(abs(u["initial_spent"] - u["initial"]) / u["initial"], 4) if u["initial"] else None
        rows.append([_spelling(u), projects, initial, budget, spent, rate, gap, score, mean, grades])
    return rows


def _alerts_sheet(book, records: list[Record], banner: str, lang: str = "zh") -> None:  # noqa: ANN001
    """Every red and yellow light of the monitoring tables, red first: what a finance bureau follows up."""
    from ..monitoring import BEHIND, light_word

    ws = book.sheet(ALERTS_SHEET, [36, 14, 30, 18, 12, 26, 6, 60, 8], order=7)
    ws.append([banner + tr("；运行监控表中亮红灯、黄灯的指标和资金", lang)], bold=True)
    _header(ws, ("文件", "工作表", "项目名称", "实施单位", "一级指标", "指标", "灯", "计算过程", "单元格"), lang)
    for light in BEHIND:
        for rec in records:
            for level1, name, lit, how, cell in rec.alerts:
                if lit == light:
                    ws.append([rec.path, rec.sheet, rec.project, rec.unit, level1, name, light_word(lit, lang), how, cell])


def spool_findings(fh, path: str, rows: list[FindingRow]) -> None:  # noqa: ANN001
    for row in rows:
        fh.write(json.dumps([path, row], ensure_ascii=False) + "\n")


def read_spool(spool: str | None) -> Iterable[tuple[str, FindingRow]]:
    if not spool:
        return
    with open(spool, encoding="utf-8") as fh:
        for line in fh:
            path, row = json.loads(line)
            yield path, tuple(row)  # type: ignore[misc]


def _record_json(rec: Record) -> dict[str, object]:
    out = asdict(rec)
    del out["codes"]  # released once counted (Aggregates.add); the findings are under "problems"
    return out


def to_json(records: list[Record], spool: str | None, skipped: list[tuple[str, str]], agg: Aggregates,
            rules_name: str, lang: str = "zh") -> str:
    data = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "rules": rules_name,
        "records": [_record_json(r) for r in records if not r.error],
        "unreadable": [{"path": r.path, "error": r.error} for r in records if r.error],
        "skipped": [{"path": p, "reason": tr(why, lang)} for p, why in skipped],
        # every grade, 0 for those no table has (as 等级分布): a pipeline finds the same keys in every batch
        "grades": {**dict.fromkeys(GRADES, 0), **agg.grades},
        "grades_by_kind": {k: {**dict.fromkeys(GRADES, 0), **g} for k, g in agg.kind_grades.items()},
        **units_json(agg, records),
        "departments": [dict(zip(DEPT_KEYS, row, strict=True)) for row in dept_table(agg)],
        "codes": [dict(zip(CODE_KEYS, row, strict=True)) for row in code_table(agg, lang)],
        "problems": [{"path": p, "sheet": r[0], "cell": r[1], "code": r[2], "severity": r[3], "message": r[4],
                      "suggestion": r[5]} for p, r in read_spool(spool)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


#: Text starting with one of these is read as a formula when the CSV is opened in Excel or WPS.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """Text from the inputs, kept text in a spreadsheet: a leading ``'`` before a formula start.

    A CSV carries no types, so Excel would run a project named ``=HYPERLINK(…)``; the apostrophe
    is the usual guard (OWASP) and Excel hides it. Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(records: list[Record], lang: str = "zh") -> str:
    """The 汇总表 as CSV, 决策/过程/产出/效益 included when the batch holds evaluations; text cells
    that would start a formula get a leading ``'`` (see :func:`csv_text`)."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    parts = EVALUATION_PARTS if any(r.table == "evaluation" for r in records) else ()
    w.writerow([tr(c[1], lang) for c in COLUMNS] + list(parts))
    for rec in records:
        if rec.error:
            continue
        values = asdict(rec)
        values["table"] = tr(KIND_ZH.get(rec.table, rec.table), lang)
        w.writerow(["" if values[k] is None else csv_text(values[k]) for k, *_ in COLUMNS]
                   + ["" if rec.parts.get(p) is None else rec.parts[p] for p in parts])
    return buf.getvalue()


def _row_start(cell: str) -> str:
    """Where a 汇总表 row's link opens its table: column A of the row naming its project (``B47`` →
    ``A47``), so the second project of a sheet that holds several opens at its own; ``A1`` else."""
    return f"A{parse_a1(cell)[0] + 1}" if cell[-1:].isdigit() else "A1"

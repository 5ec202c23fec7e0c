"""Writing summaries: the 汇总表 workbook (four sheets, optional 部门整体), JSON and CSV.

openpyxl's write-only mode streams rows to disk, so a summary of 100,000 projects costs little
memory. Text from the inputs is always written as text: a project named ``=1+1`` stays a name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict

from .collect import FindingRow, Record

#: 汇总表 columns: (key, header, number format, width).
COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("path", "文件", "@", 36), ("sheet", "工作表", "@", 14), ("table", "表格类型", "@", 12),
    ("project", "项目名称", "@", 30), ("department", "主管部门", "@", 16), ("unit", "实施单位", "@", 18),
    ("year", "年度", "@", 7), ("annual_budget", "全年预算数（万元）", "#,##0.00", 14),
    ("spent", "全年执行数（万元）", "#,##0.00", 14), ("execution_rate", "执行率", "0.00%", 9),
    ("written_total", "填报总分", "0.00", 9), ("total", "计算总分", "0.00", 9), ("grade", "等级", "@", 6),
    ("met", "达成指标数", "0", 9), ("indicators", "指标数", "0", 7), ("errors", "错误", "0", 6),
    ("warnings", "警告", "0", 6),
)
EVALUATION_PARTS = ("决策", "过程", "产出", "效益")
KIND_ZH = {"goals": "目标申报表", "selfeval": "自评表", "dept": "部门整体", "evaluation": "评价评分表"}
GRADES = ("优", "良", "中", "差")
PROJECT_KINDS = ("selfeval", "evaluation")


class Aggregates:
    """Grade counts and per-unit figures, updated record by record (constant memory per unit)."""

    def __init__(self) -> None:
        self.grades: dict[str, int] = {}
        self.units: dict[tuple[str, str], dict] = {}
        self.departments: dict[str, dict] = {}
        self.tables = 0
        self.unreadable = 0

    def add(self, rec: Record) -> None:
        if rec.error:
            self.unreadable += 1
            return
        self.tables += 1
        if rec.grade:
            self.grades[rec.grade] = self.grades.get(rec.grade, 0) + 1
        if rec.table not in PROJECT_KINDS:
            return  # units and departments add up projects, not goal tables or department tables
        for key, store in (((rec.department, rec.unit), self.units), (rec.department, self.departments)):
            u = store.setdefault(key, {"projects": 0, "budget": 0.0, "spent": 0.0, "scores": 0.0, "scored": 0,
                                       "grades": {}})
            u["projects"] += 1
            u["budget"] += rec.annual_budget or 0.0
            u["spent"] += rec.spent or 0.0
            if rec.total is not None:
                u["scores"] += rec.total
                u["scored"] += 1
            if rec.grade:
                u["grades"][rec.grade] = u["grades"].get(rec.grade, 0) + 1


def _cell(ws, value: object, fmt: str = "", bold: bool = False):  # noqa: ANN001, ANN202
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        c.data_type = "s"
    if fmt and not isinstance(value, str):
        c.number_format = fmt
    if bold:
        c.font = Font(bold=True)
    return c


def _sheet(wb, title: str, headers: list[str], widths: list[float], banner: str):  # noqa: ANN001, ANN202
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A3"
    ws.append([_cell(ws, banner, bold=True)])
    ws.append([_cell(ws, h, bold=True) for h in headers])
    return ws


def _finish(ws, ncols: int, nrows: int) -> None:  # noqa: ANN001
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A2:{get_column_letter(ncols)}{max(3, nrows + 2)}"


def write_xlsx(out: str, records: list[Record], spool: str | None, skipped: list[tuple[str, str]],
               agg: Aggregates, *, rules_name: str, dept: bool = False) -> str:
    """The summary workbook, written atomically."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    banner = f"生成于 {now}；规则集：{rules_name}；共 {agg.tables} 张表，{agg.unreadable} 个文件无法读取"
    has_eval = any(r.table == "evaluation" for r in records)
    cols = list(COLUMNS) + ([(p, p, "0.00", 8) for p in EVALUATION_PARTS] if has_eval else [])
    ws = _sheet(wb, "汇总表", [c[1] for c in cols], [c[3] for c in cols], banner)
    n = 0
    for rec in records:
        if rec.error:
            continue
        values = asdict(rec)
        values["table"] = KIND_ZH.get(rec.table, rec.table)
        row = []
        for key, _, fmt, _ in cols:
            v = values.get(key) if key in values else rec.parts.get(key)
            row.append(_cell(ws, v, fmt))
        ws.append(row)
        n += 1
    _finish(ws, len(cols), n)
    _grades_sheet(wb, agg, banner)
    _units_sheet(wb, agg, banner)
    _problems_sheet(wb, records, spool, skipped, banner)
    if dept:
        _dept_sheet(wb, agg, banner)
    return _save(wb, out)


def _save(wb, out: str) -> str:  # noqa: ANN001
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xltools-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def _grades_sheet(wb, agg: Aggregates, banner: str) -> None:  # noqa: ANN001
    from openpyxl.chart import BarChart, Reference

    ws = _sheet(wb, "等级分布", ["等级", "数量", "占比"], [10, 10, 10], banner)
    graded = sum(agg.grades.values())
    names = [g for g in GRADES if g in agg.grades] + sorted(g for g in agg.grades if g not in GRADES)
    for g in names or list(GRADES):
        count = agg.grades.get(g, 0)
        ws.append([_cell(ws, g), _cell(ws, count, "0"), _cell(ws, count / graded if graded else 0, "0.00%")])
    rows = len(names or GRADES)
    chart = BarChart()
    chart.title, chart.y_axis.title = "等级分布", "数量"
    chart.add_data(Reference(ws, min_col=2, min_row=2, max_row=rows + 2), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=rows + 2))
    ws.add_chart(chart, "E3")


def _unit_row(ws, key: list[str], u: dict) -> list:  # noqa: ANN001
    rate = round(u["spent"] / u["budget"], 4) if u["budget"] else None
    mean = round(u["scores"] / u["scored"], 2) if u["scored"] else None
    grades = "、".join(f"{g}{u['grades'][g]}" for g in GRADES if g in u["grades"])
    return [*(_cell(ws, k) for k in key), _cell(ws, u["projects"], "0"), _cell(ws, round(u["budget"], 2), "#,##0.00"),
            _cell(ws, round(u["spent"], 2), "#,##0.00"), _cell(ws, rate, "0.00%"), _cell(ws, mean, "0.00"), _cell(ws, grades)]


def _units_sheet(wb, agg: Aggregates, banner: str) -> None:  # noqa: ANN001
    ws = _sheet(wb, "按单位汇总", ["主管部门", "实施单位", "项目数", "全年预算数（万元）", "全年执行数（万元）",
                                   "执行率", "平均得分", "等级"], [18, 20, 8, 16, 16, 9, 9, 16], banner)
    for (dep, unit), u in sorted(agg.units.items()):
        ws.append(_unit_row(ws, [dep, unit], u))
    _finish(ws, 8, len(agg.units))


def _dept_sheet(wb, agg: Aggregates, banner: str) -> None:  # noqa: ANN001
    """A draft 部门整体 table from the project rows: the figures the data supports (domain.md §3.3, §4)."""
    ws = _sheet(wb, "部门整体（草稿）", ["主管部门", "项目数", "全年预算数（万元）", "全年执行数（万元）", "执行率",
                                   "预算执行得分（20分）", "项目平均得分", "等级"], [20, 8, 16, 16, 9, 12, 10, 16],
                banner + "；执行得分 = 20 × min(执行率, 100%)，其余指标需部门填写")
    for dep, u in sorted(agg.departments.items()):
        row = _unit_row(ws, [dep], u)
        rate = u["spent"] / u["budget"] if u["budget"] else None
        from ..scoring import round_half_up

        score = round_half_up(20 * min(rate, 1.0), 2) if rate is not None else None
        row.insert(5, _cell(ws, score, "0.00"))
        ws.append(row)
    _finish(ws, 8, len(agg.departments))


def _problems_sheet(wb, records: list[Record], spool: str | None, skipped: list[tuple[str, str]],
                    banner: str) -> None:  # noqa: ANN001
    ws = _sheet(wb, "问题清单", ["文件", "工作表", "单元格", "代码", "严重程度", "问题", "建议"],
                [36, 14, 8, 7, 8, 60, 40], banner)
    n = 0
    sev = {"error": "错误", "warning": "警告", "info": "提示"}
    for rec in records:
        if rec.error:
            ws.append([_cell(ws, rec.path), _cell(ws, ""), _cell(ws, ""), _cell(ws, ""), _cell(ws, "无法读取"),
                       _cell(ws, rec.error), _cell(ws, "")])
            n += 1
    for path, why in skipped:
        ws.append([_cell(ws, path), _cell(ws, ""), _cell(ws, ""), _cell(ws, ""), _cell(ws, "已跳过"),
                   _cell(ws, why), _cell(ws, "")])
        n += 1
    for path, row in read_spool(spool):
        sheet, cell, code, severity, message, suggestion = row
        ws.append([_cell(ws, path), _cell(ws, sheet), _cell(ws, cell), _cell(ws, code),
                   _cell(ws, sev.get(severity, severity)), _cell(ws, message), _cell(ws, suggestion)])
        n += 1
    _finish(ws, 7, n)


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


def to_json(records: list[Record], spool: str | None, skipped: list[tuple[str, str]], agg: Aggregates,
            rules_name: str) -> str:
    data = {
        "generated": dt.datetime.now().isoformat(timespec="seconds"),
        "rules": rules_name,
        "records": [asdict(r) for r in records if not r.error],
        "unreadable": [{"path": r.path, "error": r.error} for r in records if r.error],
        "skipped": [{"path": p, "reason": why} for p, why in skipped],
        "grades": agg.grades,
        "problems": [{"path": p, "sheet": r[0], "cell": r[1], "code": r[2], "severity": r[3], "message": r[4],
                      "suggestion": r[5]} for p, r in read_spool(spool)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_csv(records: list[Record]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([c[1] for c in COLUMNS])
    for rec in records:
        if rec.error:
            continue
        values = asdict(rec)
        values["table"] = KIND_ZH.get(rec.table, rec.table)
        w.writerow(["" if values[k] is None else values[k] for k, *_ in COLUMNS])
    return buf.getvalue()

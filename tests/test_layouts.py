"""One self-evaluation in hundreds of layouts: every spelling of every label that labels.py
knows, columns in any order, 指标性质/度量单位 in columns of their own or inside the values,
numbers stored as text, 一级指标 merged down or weighted in its name (``产出指标（50分）``), short
二级指标 names, no 一级指标 at all, a two-row header under 绩效指标, a 序号 column, amounts in 元,
the whole table moved right and down, 合计 or 总得分 for 总分, 优秀 for 优, two tables on one
sheet — and always the same reading: the same
row scores and total, the written 总分 and 等级 read, the same budget and spending in 万元, the same header fields, no error.

A metamorphic test of the recognizer: a label spelling that another field also claims, or a
layout option that shifts a column, shows here as a wrong score or a stray finding. The cases
are random but seeded (``CASES`` of them, in memory: about a millisecond each); a few of them go
through real .xlsx files as well.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

import openpyxl
import pytest

from xltools.grid import Grid, Range
from xltools.reading import labels as L
from xltools.reading import read_grids, read_workbook
from xltools.rules import check_workbook
from xltools.ruleset import load_rules

RULES = load_rules(None)
CASES = 600


def _spellings(table: dict[str, str]) -> dict[str, list[str]]:
    """Field → every spelling (label keys are labels too); the generated 1-N月 and 偏差原因 ones left out."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, f in table.items():
        if not any(ch.isdigit() for ch in key) and "月" not in key and "季度" not in key and key not in L.GENERATED_LABELS:
            out[f].append(key)
    return out


INDICATOR, FUNDS, FUNDS_ROWS, HEADER = (_spellings(t) for t in (L.INDICATOR_COLUMNS, L.FUNDS_COLUMNS, L.FUNDS_ROWS,
                                                                   L.HEADER_FIELDS))
NATIONAL = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "direction": "指标性质", "target": "年度指标值",
            "unit": "度量单位", "actual": "实际完成值", "weight": "分值", "score": "得分",
            "deviation": "偏差原因分析及改进措施", "project": "项目名称", "department": "主管部门", "unit_name": "实施单位",
            "initial_budget": "年初预算数", "annual_budget": "全年预算数", "spent": "全年执行数", "rate": "执行率",
            "total": "年度资金总额", "fiscal": "其中：当年财政拨款"}
FIELDS = ("level1", "level2", "name", "direction", "target", "unit", "actual", "weight", "score", "deviation")
# 项目资金 10 (执行率 95% → 9.50), then the indicators; the third is short of its target (9.47)
ROWS = [
    ("产出指标", "数量指标", "服务老人人数", "≥", 500, "人", 520, 25, 25, ""),
    ("产出指标", "质量指标", "服务合格率", "≥", 95, "%", 97, 15, 15, ""),
    ("产出指标", "时效指标", "服务及时率", "≥", 95, "%", 90, 10, 9.47, "人手不足"),
    ("效益指标", "社会效益指标", "老人生活质量提升", "定性", "有效提升", "", "有效提升", 30, 30, ""),
    ("满意度指标", "服务对象满意度指标", "老人满意度", "≥", 90, "%", 93, 10, 10, ""),
]
SCORES, TOTAL = [9.5, 25, 15, 9.47, 30, 10], 98.97
LEVEL1_WEIGHTS = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}


@dataclass
class Variant:
    rows: list[list[object]] = field(default_factory=list)
    merged: list[Range] = field(default_factory=list)
    choices: dict[str, object] = field(default_factory=dict)


def variant(rng: random.Random) -> Variant:
    v = Variant()
    ch = v.choices

    def pick(name: str, default: bool) -> bool:
        ch[name] = rng.random() < default
        return ch[name]

    def label(spellings: dict[str, list[str]], f: str, key: str | None = None) -> str:
        return rng.choice(spellings[f]) if rng.random() < 0.7 else NATIONAL[key or f]

    separate = pick("direction and unit columns", 0.6)
    as_text = pick("numbers as text", 0.3)
    seq = pick("序号 column", 0.3)
    yuan = pick("amounts in 元", 0.2)
    short = pick("short 二级指标", 0.3)
    weighted = pick("一级指标（50分）", 0.2)
    merge = pick("一级指标 merged down", 0.4)
    two_rows = pick("two-row header", 0.3)
    gap = pick("blank row among the indicators", 0.2)
    # a column left blank where 一级指标 would be (the 二级指标 say it): not with the two-row header
    no_level1 = pick("no 一级指标", 0.15) and not two_rows
    ch["no 一级指标"] = no_level1
    cols = [f for f in FIELDS if separate or f not in ("direction", "unit")]
    rest = cols[3:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    cols = ch["columns"] = cols[:3] + rest
    lead = 1 if seq else 0

    def num(x: object, suffix: str = "") -> object:
        return f"{x}{suffix}" if as_text and isinstance(x, int | float) else x

    rows = v.rows
    rows.append(["项目支出绩效自评表"])
    rows.append([rng.choice(["（2023年度）", "2023年度", "（2023年）"])])
    fields = [label(HEADER, "project"), "社区养老服务", label(HEADER, "department"), "市民政局",
              label(HEADER, "unit", "unit_name"), "市养老服务中心"]
    if rng.random() < 0.5:
        rows += [fields[:2], fields[2:]]
    else:
        rows.append(fields)
    m = 10000 if yuan else 1
    rows.append(["项目资金（元）" if yuan else "项目资金（万元）", "", label(FUNDS, "initial_budget"),
                 label(FUNDS, "annual_budget"), label(FUNDS, "spent"), "分值", label(FUNDS, "rate"), "得分"])
    rows.append(["", label(FUNDS_ROWS, "total"), num(100 * m), num(120 * m), num(114 * m),
                 num(10, rng.choice(["", "分"])), "95.00%", num(9.5)])
    rows.append(["", label(FUNDS_ROWS, "fiscal"), num(100 * m), num(120 * m), num(114 * m), "", "", ""])
    header = (["序号"] if seq else []) + [label(INDICATOR, f) if f != "level1" or not no_level1 else "" for f in cols]
    ch["labels"] = header
    if two_rows:  # 绩效指标 over 一级/二级/三级 on the row below; the other labels merged down
        h = len(rows)
        rows.append([("绩效指标" if i == lead else "") if lead <= i < lead + 3 else x for i, x in enumerate(header)])
        rows.append([x if lead <= i < lead + 3 else "" for i, x in enumerate(header)])
        v.merged.append((h, lead, h, lead + 2))
        v.merged += [(h, i, h + 1, i) for i in range(len(header)) if not lead <= i < lead + 3]
    else:
        rows.append(header)
    first = len(rows)
    spans: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(ROWS):
        d = dict(zip(FIELDS, row, strict=True))
        if gap and i == 3:
            rows.append([])
        if not separate and d["direction"] != "定性":
            d["target"], d["actual"] = f"{d['direction']}{d['target']}{d['unit']}", f"{d['actual']}{d['unit']}"
        elif separate:
            d.update({f: num(d[f]) for f in ("target", "actual", "weight", "score")})
        spans[d["level1"]].append(len(rows))
        if short:
            d["level2"] = d["level2"].removesuffix("指标")
        if weighted:
            d["level1"] = f"{d['level1']}（{LEVEL1_WEIGHTS[d['level1']]}分）"
        if (merge and i and ROWS[i - 1][0] == row[0]) or no_level1:
            d["level1"] = ""
        rows.append(([i + 1] if seq else []) + [d[f] for f in cols])
    assert first <= min(min(s) for s in spans.values())
    if merge and not no_level1:
        v.merged += [(s[0], lead, s[-1], lead) for s in spans.values() if len(s) > 1 and s[-1] - s[0] == len(s) - 1]
    total = [""] * (lead + len(cols))
    total[0] = rng.choice(["总分", "合计", "总 分", "总得分", "得分合计"])
    total[lead + cols.index("weight")], total[lead + cols.index("score")] = 100, TOTAL
    rows.append(total)
    rows.append([rng.choice(sorted(L.GRADE_ASKED)), rng.choice(["优", "优秀"])])
    dr, dc = ch["moved down"], ch["moved right"] = rng.choice([0, 0, 1, 3]), rng.choice([0, 0, 1, 2])
    width = dc + max(len(r) for r in rows)
    v.rows = [[""] * width for _ in range(dr)] + [([""] * dc + r + [""] * width)[:width] for r in rows]
    v.merged = [(a + dr, b + dc, c + dr, d + dc) for a, b, c, d in v.merged]
    return v


def reading(book) -> dict[str, object]:
    """What a reviewer would read off the table: scores, money in 万元, header fields, errors."""
    [checked] = check_workbook(book, RULES)
    return reading_one(checked)


def reading_one(checked) -> dict[str, object]:
    t, res = checked.table, checked.result
    funds = t.funds.total() if t.funds is not None else None
    return {
        "scores": [r.score for r in res.rows], "total": res.total, "grade": res.grade,
        "written": (t.written_total.value if t.written_total is not None else None,
                    t.written_grade is not None),
        "money": (t.to_wan(funds.year_budget), t.to_wan(funds.spent)) if funds is not None else None,
        "header": (t.project_name, *(str(t.field_value(f)) for f in ("department", "unit", "year"))),
        "errors": [(f.code, f.cell) for f in checked.findings if f.severity == "error"],
    }


EXPECTED = {"scores": SCORES, "total": TOTAL, "grade": "优", "written": (TOTAL, True), "money": (120, 114),
            "header": ("社区养老服务", "市民政局", "市养老服务中心", "2023"), "errors": []}


def test_every_layout_reads_the_same():
    rng = random.Random(20261202)
    wrong = []
    for k in range(CASES):
        v = variant(rng)
        got = reading(read_grids([Grid("自评表", v.rows, v.merged)], "x.xlsx"))
        if got != EXPECTED:
            wrong.append((k, {f: got[f] for f in got if got[f] != EXPECTED[f]}, v.choices))
    assert wrong == []


def test_the_variants_vary():
    """Every option is taken and left, and every spelling of the fields shown is used: else the
    test above would pass on fewer layouts than it claims."""
    rng = random.Random(20261202)
    variants = [variant(rng) for _ in range(CASES)]
    for option in ("numbers as text", "序号 column", "amounts in 元", "short 二级指标", "一级指标（50分）",
                   "一级指标 merged down", "two-row header", "blank row among the indicators",
                   "direction and unit columns", "no 一级指标"):
        assert {v.choices[option] for v in variants} == {True, False}, option
    used = {x for v in variants for x in v.choices["labels"]}
    for f in ("level1", "name", "target", "actual", "weight", "score", "deviation", "direction"):
        assert set(INDICATOR[f]) <= used, f


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, 5])
def test_layouts_read_the_same_from_files(tmp_path, k):
    """The same through a real .xlsx (python-calamine, merged ranges from the file)."""
    rng = random.Random(k)
    v = variant(rng)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in v.rows:
        ws.append(row)
    for r0, c0, r1, c1 in v.merged:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(tmp_path / "x.xlsx")
    assert reading(read_workbook(tmp_path / "x.xlsx")) == EXPECTED, v.choices


def test_two_tables_on_one_sheet_read_each_the_same():
    """Two projects' tables one below the other on a sheet (a department's workbook), each in a
    layout of its own: two tables, each read as it reads alone."""
    rng = random.Random(2026)
    wrong = []
    for k in range(200):
        a, b = variant(rng), variant(rng)
        width = max(len(a.rows[0]), len(b.rows[0]))
        rows = [r + [""] * (width - len(r)) for r in a.rows] + [[""] * width for _ in range(2)]
        below = len(rows)
        rows += [r + [""] * (width - len(r)) for r in b.rows]
        merged = a.merged + [(r0 + below, c0, r1 + below, c1) for r0, c0, r1, c1 in b.merged]
        book = read_grids([Grid("自评表", rows, merged)], "x.xlsx")
        got = [reading_one(c) for c in check_workbook(book, RULES)]
        if got != [EXPECTED, EXPECTED]:
            wrong.append((k, got, a.choices, b.choices))
    assert wrong == []


@pytest.mark.parametrize("name", ["自评表.xlsx", "自评表_省级格式.xlsx", "目标申报表.xlsx", "评价评分表.xlsx",
                                  "部门整体自评表.xlsx", "监控表.xlsx"])
def test_each_demo_table_twice_on_one_sheet(tmp_path, name):
    """Every kind of table, the same project twice one below the other on a sheet (a department's
    workbook of projects): each is read as it reads alone. The declaration's, evaluation's,
    department's and monitoring table's indicator rows ran on over the next project's title and
    header (S102 for 项目名称, S103 …; the department's second total 73.60 for 92.98)."""
    from xltools.api import score_file, validate_file
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()[name]
    path = tmp_path / name
    write_sample(sample, path, layout)
    alone = sorted((f.code, f.cell) for f in validate_file(path).findings)
    (total,) = {r.total for r in score_file(path)}
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    merged = list(ws.merged_cells.ranges)
    below = ws.max_row + 2
    for i, row in enumerate(rows, start=below + 1):
        for j, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(i, j, v)
    for m in merged:
        ws.merge_cells(start_row=m.min_row + below, start_column=m.min_col, end_row=m.max_row + below,
                       end_column=m.max_col)
    wb.save(path)

    def row_of(cell):
        return int("".join(ch for ch in cell if ch.isdigit()))

    found = [(f.code, f.cell) for f in validate_file(path).findings if f.code != "S106"]  # (the same project twice)
    first = sorted(f for f in found if row_of(f[1]) <= below)
    second = sorted((code, cell.rstrip("0123456789") + str(row_of(cell) - below)) for code, cell in found
                    if row_of(cell) > below)
    assert (first, second) == (alone, alone)
    assert [r.total for r in score_file(path)] == [total, total]

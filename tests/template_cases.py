"""Generated inputs for the templates: each case is a filled template that LibreOffice recalculates.

A case gives inputs only (no scores); the template's formulas compute the scores and Python
computes them from the same inputs; the tests compare the two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from xltools.grid import column_letter, parse_a1
from xltools.ruleset import RuleSet
from xltools.templates.builder import Built, build_template

P, Q, T = ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标")
B, S = ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")


@dataclass
class Case:
    name: str
    kind: str = "selfeval"
    funds: tuple | None = (100, 100, 90)  # (initial, annual, spent) of 当年财政拨款
    rows: list[dict] = field(default_factory=list)
    experts: int = 3
    amounts: dict | None = None
    rules: str | None = None
    lines: list[tuple] = field(default_factory=list)  # (支出内容, 预算金额, 合同签订金额, 支出金额) from the first item row


def r(level, name, direction, target, unit, actual, weight, **kw) -> dict:
    return {"level1": level[0], "level2": level[1], "name": name, "direction": direction, "target": target,
            "unit": unit, "actual": actual, "weight": weight, **kw}


def selfeval_cases() -> list[Case]:
    cases = [
        Case("all achieved", rows=[r(P, "完成数量", "≥", 100, "个", 100, 30), r(Q, "合格率", "≥", 95, "%", 98, 20),
                                   r(T, "完成时限", "≤", 30, "天", 28, 20), r(B, "受益人数", "≥", 1000, "人", 1200, 10),
                                   r(S, "满意度", "≥", 90, "%", 92, 10)]),
        Case("under ≥", rows=[r(P, "完成数量", "≥", 100, "个", 85, 50), r(S, "满意度", "≥", 90, "%", 80, 40)]),
        # a placeholder is no reason (A307 and its mark): 无, a slash, 无偏差, n/a in any case and spacing
        Case("placeholder reasons", rows=[r(P, "数量A", "≥", 100, "个", 85, 20, deviation="无"),
                                          r(P, "数量B", "≥", 100, "个", 85, 20, deviation=" / "),
                                          r(P, "数量C", "≥", 100, "个", 85, 20, deviation="无 偏差"),
                                          r(P, "数量D", "≥", 100, "个", 85, 15, deviation="n/A"),
                                          r(P, "数量E", "≥", 100, "个", 85, 15, deviation="无法按期采购")]),
        Case("over 150%", rows=[r(P, "完成数量", "≥", 100, "个", 150, 90)]),
        Case("≤ exceeded", rows=[r(T, "完成时限", "≤", 30, "天", 40, 45), r(T, "办结时间", "<", 5, "天", 8, 45)]),
        Case("= exact above below", rows=[r(Q, "验收合格率", "=", 100, "%", 100, 30), r(P, "场次", "=", 12, "场", 13, 30),
                                          r(P, "期数", "=", 12, "期", 10, 30)]),
        # 指标性质「±」: a band either side of zero, met by a deviation of either sign within it
        Case("band", rows=[r(Q, "成本偏差率", "±", 10, "%", -8, 20), r(Q, "预算偏差率", "±", 10, "%", 12, 20),
                           r(Q, "偏差率小数", "±", 0.1, "%", -0.15, 20), r(Q, "零偏差", "±", 0, "%", 0, 15),
                           r(Q, "零偏差超", "±", 0, "%", -1, 15)]),
        Case("band deduction", rules="deduction", rows=[r(Q, "成本偏差率", "±", 10, "%", -15, 45),
                                                        r(Q, "预算偏差率", "±", 5, "天", 25, 45)]),
        Case("zero targets", rows=[r(Q, "事故数", "≤", 0, "起", 0, 30), r(Q, "投诉数", "≤", 0, "起", 2, 30),
                                   r(Q, "差错数", "=", 0, "个", 1, 30)]),
        Case("percent fractions", rows=[r(Q, "合格率", "≥", 0.9, "%", 0.87, 45), r(S, "满意度", "≥", 90, "%", 0.95, 45)]),
        Case("percent mixed", rows=[r(Q, "差错率", "≤", 1, "%", 0.5, 45), r(Q, "完成率", "≥", 1, "%", 0.98, 45)]),
        Case("qualitative rate", rows=[r(B, "社会影响", "定性", "有效提升", "", "有效提升", 30, outcome="达成年度指标", qual_rate=0.85),
                                       r(B, "品牌影响", "定性", "显著", "", "一般", 30, outcome="部分达成年度指标并具有一定效果", qual_rate=0.7),
                                       r(B, "示范效应", "定性", "明显", "", "较差", 30, qual_rate=0.3)]),
        # a rate pasted past the cell's 0–100 % validation scores the weight at most, as scoring does
        Case("qualitative rate above 100 %", rows=[r(B, "社会影响", "定性", "有效提升", "", "有效提升", 30, qual_rate=150),
                                                  r(B, "品牌影响", "定性", "显著", "", "一般", 30, qual_rate=1.2)]),
        Case("qualitative outcome only", rows=[r(B, "社会影响", "定性", "有效提升", "", "", 30, outcome="达成年度指标"),
                                               r(B, "品牌影响", "定性", "显著", "", "", 30, outcome="部分达成年度指标并具有一定效果"),
                                               r(B, "示范效应", "定性", "明显", "", "", 30, outcome="未达成年度指标且效果较差")]),
        Case("qualitative nothing chosen", rows=[r(B, "社会影响", "定性", "有效提升", "", "达到预期", 90)]),
        Case("missing actuals", rows=[r(P, "完成数量", "≥", 100, "个", None, 45), r(Q, "合格率", "≥", 95, "%", None, 45)]),
        Case("budget overspent", funds=(100, 100, 120), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        Case("budget 76%", funds=(1000, 1000, 760), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        Case("initial only overspent", funds=(100, None, 120), rows=[r(P, "完成数量", "≥", 100, "个", 80, 90)]),
        Case("negative spending", funds=(100, 100, -5), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        Case("negative budget", funds=(100, -100, 50), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        # a minus sign in an item (A342): no A302/A309/A310 marks beside it, nor A338's "not adding up"
        Case("line items below zero", funds=(100, 100, 90), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)],
             lines=[("展位搭建", -60, 70, 55), ("宣传", 40, -10, 35), ("布展", 20, None, -5)]),
        Case("line items over", rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)],
             lines=[("展位搭建", 100, 120, 110), ("宣传", 50, 40, 45), ("布展", 30, None, 31), ("会务", 20, 20, 20),
                    ("讲座", 30, 0, 25), ("培训", 30, 0, 35)]),  # a contract of 0 is none: A302 alone decides
        Case("line items as the funds", funds=(100, 100, 90), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)],
             lines=[("展位搭建", 60, 60, 55), ("宣传", 40, None, 35.004)]),  # 100 / 90: no A338 (its mark stays off)
        Case("budget 76% explained", funds=(1000, 1000, 760),
             rows=[r(P, "完成数量", "≥", 100, "个", 90, 90, deviation="场地延期，合同尾款次年支付")]),
        Case("budget 89.99% explained above", funds=(10000, 10000, 8999), amounts={"achieved": "执行率偏低：政府采购节约"},
             rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        Case("funds typed as text", funds=("100", "100", "90万元"), rows=[r(P, "完成数量", "≥", 100, "个", 100, 90)]),
        Case("no budget", funds=None, rows=[r(P, "完成数量", "≥", 100, "个", 80, 100)]),
        Case("initial only", funds=(100, None, 95), rows=[r(P, "完成数量", "≥", 100, "个", 80, 90)]),
        Case("negative actual", rows=[r(B, "增长率", "≥", 5, "%", -2, 45), r(B, "下降率", "≤", 5, "%", -1, 45)]),
        Case("rounding halves", rows=[r(P, "数量A", "≥", 120, "个", 114, 1.5), r(P, "数量B", "≥", 8, "个", 7, 7.5),
                                      r(P, "数量C", "≥", 3, "个", 1, 10), r(P, "数量D", "≥", 3, "个", 2, 10),
                                      r(P, "数量E", "≤", 7, "天", 9, 3.3)]),
        Case("no direction", rows=[r(P, "数量", "", 1100, "人", 1000, 45), r(P, "数量2", "", 50, "个", 60, 45)]),
        # no 指标性质 on a ceiling by its place and name (计算方向 ≤): a time limit under 时效, money under
        # 成本, a count of complaints; a rate under 时效 and a count elsewhere are still =
        Case("bare ceilings", rows=[r(T, "完成时限", "", 30, "天", 35, 20), r(T, "办结时限", "", 5, "个工作日", 4, 15),
                                    r(("产出指标", "成本指标"), "人均成本", "", 500, "元", 600, 15),
                                    r(Q, "投诉次数", "", 2, "次", 3, 15), r(T, "拨付率", "", 100, "%", 95, 15),
                                    r(P, "培训天数", "", 10, "天", 8, 10)]),
        Case("text target is qualitative", rows=[r(B, "群众获得感", "", "明显增强", "", "", 45, outcome="达成年度指标"),
                                                 r(P, "数量", "≥", 10, "个", 10, 45)]),
        Case("deduction ≤", rules="deduction", rows=[r(T, "时限", "≤", 30, "天", 40, 45), r(T, "时限2", "≤", 30, "天", 70, 45),
                                                     r(T, "时限3", "≤", 30, "天", 20, 10)]),
        # deadlines: 度量单位「日期」 with date cells (on time, late, 不早于, the same day, no actual yet)
        Case("dates", rows=[r(T, "拨付时间", "≤", date(2023, 6, 30), "日期", date(2023, 6, 20), 20),
                            r(T, "完工时间", "≤", date(2023, 12, 31), "日期", date(2024, 1, 15), 20),
                            r(T, "开工时间", "≥", date(2023, 3, 1), "日期", date(2023, 2, 20), 20),
                            r(T, "验收时间", "=", date(2023, 11, 30), "日期", date(2023, 11, 30), 20),
                            r(T, "结算时间", "", date(2023, 12, 31), "日期", None, 10)]),
        Case("late date explained", rules="deduction",
             rows=[r(T, "完工时间", "≤", date(2023, 12, 31), "日期", date(2024, 2, 1), 45, deviation="雨季停工"),
                   r(P, "数量", "≥", 10, "个", 10, 45)]),
        # a date under another unit is a number to the template's formula, and so to the score compared with it
        # actuals typed as text, as people type them into the General-format cell (A322: a target copied over)
        Case("actuals typed as text", rows=[r(P, "数量A", "≥", 100, "个", "≥100", 30), r(P, "数量B", "≥", 100, "个", "95个", 30),
                                            r(Q, "合格率", "≥", 95, "%", "98%", 30)]),
        Case("dates without the unit 日期", rows=[r(T, "完工时间", "≤", date(2023, 12, 31), "", date(2024, 1, 15), 45),
                                                r(P, "数量", "≥", 10, "个", 10, 45)]),
    ]
    rng = random.Random(20261123)
    levels = [P, Q, T, B, S]
    for k in range(12):
        rows = []
        for j in range(rng.randint(3, 9)):
            level = rng.choice(levels)
            kind = rng.random()
            w = rng.choice([5, 7.5, 10, 12, 15, 20])
            if kind < 0.15:
                rows.append(r(level, f"定性{j}", "定性", "有效提升", "", "",
                              w, outcome=rng.choice(["达成年度指标", "部分达成年度指标并具有一定效果", ""]),
                              qual_rate=rng.choice([None, round(rng.uniform(0, 1), 2)])))
                continue
            unit = rng.choice(["%", "个", "天", "万元"])
            direction = rng.choice(["≥", "≤", "=", ">", "<", ""])
            target = round(rng.uniform(0, 200), rng.choice([0, 1, 2]))
            if unit == "%" and rng.random() < 0.3:
                target = round(rng.uniform(0.05, 1), 2)
            actual = None if rng.random() < 0.08 else round(target * rng.uniform(0, 1.6), rng.choice([0, 2]))
            if actual is not None and unit == "%" and rng.random() < 0.3:
                actual = round(rng.uniform(0, 1.2), 3)
            rows.append(r(level, f"指标{j}", direction, target, unit, actual, w))
        spent = round(rng.uniform(0, 130), 2)
        cases.append(Case(f"random {k}", funds=(100, rng.choice([100, 110.5]), spent), rows=rows))
    return cases


def dept_cases() -> list[Case]:
    amounts = {"initial_budget": 5029.86, "annual_budget": 5333.85, "spent": 5169.65, "final_accounts": 5169.66,
               "carryover": 172.89}
    g, m = ("整体绩效目标实现情况", "产出"), ("预算管理情况", "预算编制")
    return [
        Case("dept worked example", kind="dept", funds=None, amounts=amounts,
             rows=[r(g, "举办展会数量", "≥", 10, "个", 12, 30), r(g, "服务企业数量", "≥", 500, "家", 460, 30),
                   r(m, "预算编制准确性", "定性", "准确", "", "", 10, outcome="达成年度指标"),
                   r(m, "资产管理规范性", "定性", "规范", "", "", 10, qual_rate=0.7)]),
        Case("dept own execution rows", kind="dept", funds=None, amounts=amounts,
             rows=[r(("当年预算执行情况", "预算完成"), "预算完成率", "≥", 100, "%", 96.92, 20),
                   r(g, "举办展会数量", "≥", 10, "个", 8, 80)]),
        # spending over the budget (A302, its mark), and the final accounts over the 年初预算数 in its stead
        Case("dept overspent", kind="dept", funds=None, amounts={**amounts, "spent": 5400},
             rows=[r(g, "举办展会数量", "≥", 10, "个", 10, 80)]),
        Case("dept final accounts over", kind="dept", funds=None,
             amounts={"initial_budget": 5029.86, "final_accounts": 5100}, rows=[r(g, "举办展会数量", "≥", 10, "个", 10, 80)]),
        # a minus sign in the spending and the final accounts (A342, its marks; no A302 beside them)
        Case("dept below zero", kind="dept", funds=None,
             amounts={**amounts, "spent": -5169.65, "final_accounts": -5169.66, "carryover": -10},
             rows=[r(g, "举办展会数量", "≥", 10, "个", 10, 80)]),
    ]


def evaluation_cases() -> list[Case]:
    def e(level1, level2, name, weight, experts, criteria="按完成比例计分"):
        return {"level1": level1, "level2": level2, "name": name, "weight": weight, "experts": experts,
                "criteria": criteria}

    return [
        Case("evaluation 3 experts", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", 10, [8.3, 8.34, 8.32]), e("过程", "资金管理", "资金使用", 20, [17.4, 17.44, 17.42]),
                   e("产出", "产出数量", "完成率", 40, [37.8, 37.82, 37.81]), e("效益", "项目效益", "社会效益", 30, [22.4, 22.48, 22.44])]),
        Case("evaluation 5 experts", kind="evaluation", funds=None, experts=5,
             rows=[e("决策", "项目立项", "立项依据", 5, [4.5, 4.2, 4.1, 4.5, 4.2]), e("决策", "绩效目标", "目标明确", 5, [6, 5, 5.5, 5, 5]),
                   e("过程", "组织实施", "制度健全", 20, [18, None, 17, 16.5, 19]), e("产出", "产出质量", "质量达标", 40, [None] * 5),
                   e("效益", "满意度", "满意度", 30, [25, 26, 27, 28, 29.99])]),
        Case("evaluation nothing scored", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", None, [None] * 3)]),
        Case("evaluation without weights", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", None, [5, 6, None]), e("过程", "资金管理", "资金使用", None, [None] * 3),
                   e("产出", "产出数量", "完成率", 10, [10.004, 10.01, 9])]),
        # pasted as text past the validation: left out of the mean by AVERAGE, and by Python (A318)
        Case("evaluation scores typed as text", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", 10, ["8", 9, 8.5]), e("过程", "资金管理", "资金使用", 20, ["17分", "18", 16]),
                   e("产出", "产出数量", "完成率", 40, ["三十"] * 3)]),
        Case("evaluation negative expert", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", 10, [-40, 8, 9]), e("过程", "资金管理", "资金使用", 20, [-1, 17, 18])]),
        # 评分标准 left empty or a dash (S113 and its mark), beside one written
        Case("evaluation without criteria", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", 10, [8, 9, 9], criteria=""), e("过程", "资金管理", "资金使用", 20, [17, 18, 18], criteria=" — "),
                   e("产出", "产出数量", "完成率", 40, [36, 38, 37]), e("产出", "产出质量", "合格率", 10, [9, 9, 9], criteria="暂无"),
                   e("效益", "项目效益", "满意度", 10, [9, 9, 9], criteria="N/A"),
                   e("效益", "项目效益", "社会效益", None, [None] * 3, criteria="")]),  # no weight: S103's alone
        # a weight of 0 (S112): no A304 for the experts' scores above it, in Python or in the mark
        Case("evaluation weight 0", kind="evaluation", funds=None, experts=3,
             rows=[e("决策", "项目立项", "立项依据", 0, [3, 0, None]), e("过程", "资金管理", "资金使用", 20, [17, 18, 18])]),
    ]


def all_cases() -> list[Case]:
    return selfeval_cases() + dept_cases() + evaluation_cases()


def fill_case(case: Case, rules: RuleSet, path: str) -> Built:
    """Build the template for ``case`` with its inputs typed in, and save it (no computed values)."""
    wb, built = build_template(case.kind, rules, experts=case.experts, rows=max(10, len(case.rows)))
    ws = wb[built.sheet]
    ws[built.cells["project"]] = f"测试项目：{case.name}"
    ws[built.cells["department"]] = "测试部门"
    ws[built.cells["unit"]] = "测试单位"
    if case.funds is not None and built.funds_rows:
        row = built.funds_rows["其中：当年财政拨款"]
        for f, v in zip(("initial_budget", "annual_budget", "spent"), case.funds, strict=True):
            if v is not None:
                ws[f"{built.funds_cols[f]}{row}"] = v
    for f, v in (case.amounts or {}).items():
        ws[built.cells[f]] = v
    L = built.columns
    for k, row in enumerate(case.rows):
        rr = built.first_row + k
        for f, v in row.items():
            if f == "experts":
                for j, x in enumerate(v):
                    if x is not None:
                        ws[f"{L[f'expert{j + 1}']}{rr}"] = x
            elif v not in (None, "") and f in L:
                ws[f"{L[f]}{rr}"] = v
    for (_, row), (content, *amounts) in zip(built.line_rows, case.lines, strict=False):
        ws[f"B{row}"] = content
        for col, v in zip("CDE", amounts, strict=True):
            if v is not None:
                ws[f"{col}{row}"] = v
    write_marks(ws, built)
    wb.save(path)
    return built


MARKS_COLUMN = 60  # where each conditional mark is written as a plain formula, one column per mark


def _mark_cells(sqref: str) -> list[str]:
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(sqref)
    assert c1 == c2, sqref  # every mark covers one column
    return [f"{column_letter(c1 - 1)}{r}" for r in range(r1, r2 + 1)]


def write_marks(ws, built: Built) -> None:
    """Each conditional mark of the template, translated to every cell it colours, as a formula in
    the same row of a spare column: LibreOffice recalculates them like the rest of the sheet."""
    from openpyxl.formula.translate import Translator

    for j, (_, sqref, formula) in enumerate(built.marks):
        cells = _mark_cells(sqref)
        for ref in cells:
            row = int("".join(ch for ch in ref if ch.isdigit()))
            ws.cell(row, MARKS_COLUMN + j, Translator(f"={formula}", origin=cells[0]).translate_formula(ref))


def mark_mismatches(name: str, rows: list[list], built: Built, findings) -> list[tuple]:
    """Cells a recalculated mark colours that validate does not report under its codes, and back."""
    reported = {(f.code, f.cell) for f in findings if f.sheet == built.sheet}
    out = []
    for j, (codes, sqref, _) in enumerate(built.marks):
        for ref in _mark_cells(sqref):
            row = int("".join(ch for ch in ref if ch.isdigit()))
            shown = rows[row - 1][MARKS_COLUMN + j - 1] if row - 1 < len(rows) and MARKS_COLUMN + j - 1 < len(rows[row - 1]) else ""
            expected = any((c, ref) in reported for c in codes)
            if shown is not expected:
                out.append((name, "/".join(codes), ref, shown, expected))
    return out


def cell(rows: list[list], ref: str) -> object:
    r, c = parse_a1(ref)
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def _blank(v: object) -> object:
    return None if v == "" else v  # an empty formula result is Python's "no value"


def score_mismatches(name: str, rows: list[list], built: Built, result) -> list[tuple]:  # noqa: ANN001
    """Total, grade, execution score and every row score the template shows against Python's."""
    out = []
    total, grade = cell(rows, built.names["total_score"]), cell(rows, built.names["grade"])
    if _blank(total) != result.total:
        out.append((name, "total", total, result.total))
    if _blank(grade) != result.grade:
        out.append((name, "grade", grade, result.grade))
    for row in result.rows:
        ref = built.names["execution_score"] if row.indicator is None else f"{built.columns['score']}{row.indicator.row}"
        if _blank(cell(rows, ref)) != row.score:
            out.append((name, ref, cell(rows, ref), row.score, row.explain()))
    return out


def light_mismatches(name: str, rows: list[list], built: Built, result) -> list[tuple]:  # noqa: ANN001
    """Every light of a monitoring template, the funds' included, and their counts, against Python's."""
    from xltools.templates.layout import LIGHT_WORDS

    out = []
    for row in result.rows:
        ref = built.names["funds_light"] if row.indicator is None else f"{built.columns['light']}{row.indicator.row}"
        want = LIGHT_WORDS[row.light] if row.light else ""
        if cell(rows, ref) != want:
            out.append((name, ref, cell(rows, ref), want, row.explain()))
    for light, n in result.lights().items():
        if cell(rows, built.names[f"lights_{light}"]) != n:
            out.append((name, f"lights_{light}", cell(rows, built.names[f"lights_{light}"]), n))
    return out


def recalculated_mismatches(name: str, rows: list[list], built: Built, findings) -> list[tuple]:  # noqa: ANN001
    """What every recalculated template must also hold: no formula shows an error (A314) for any
    inputs, and each mark colours exactly the cells validate reports (:func:`mark_mismatches`)."""
    shown = [(f.cell, f.value) for f in findings if f.code == "A314"]
    return ([(name, "A314", shown)] if shown else []) + mark_mismatches(name, rows, built, findings)

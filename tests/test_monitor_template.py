"""The monitoring template: its lights, recalculated by LibreOffice, equal monitoring.py's.

Each case is a template with inputs typed in (targets, 1-N月 values, 监控月份, budget, spending);
LibreOffice computes 序时完成率, 预警灯, the funds light and the light counts; xltools reads the
recalculated file and computes the same lights from the same inputs.
"""

from __future__ import annotations

from datetime import date

import pytest
import python_calamine as pc

from xltools.api import score_file, validate_file
from xltools.ruleset import load_rules
from xltools.templates.builder import build_template

from .template_cases import light_mismatches, recalculated_mismatches, write_marks
from .test_templates import convert_all

P, Q, T = ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标")
B, S = ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")


def r(level, name, direction, target, unit, to_date, likelihood="确定能", **kw) -> dict:
    return {"level1": level[0], "level2": level[1], "name": name, "direction": direction, "target": target,
            "unit": unit, "to_date": to_date, "likelihood": likelihood, **kw}


# (name, 监控月份, (budget, spent) of 当年财政拨款, rows)
CASES = [
    ("prorated bands", 6, (100, 50), [
        r(P, "红", "≥", 100, "个", 29), r(P, "黄边界", "≥", 100, "个", 30), r(P, "黄", "≥", 100, "个", 39),
        r(P, "绿边界", "≥", 100, "个", 40), r(P, "绿", "≥", 100, "个", 55), r(P, "蓝边界", "≥", 100, "个", 60),
        r(P, "蓝", "≥", 120, "场", 100), r(P, "显示为60%", "≥", 100, "个", 29.998), r(P, "显示为59.99%", "≥", 100, "个", 29.995)]),
    ("other months", 9, (200, 100), [
        r(P, "九月", "≥", 12, "期", 7), r(P, "等于", "=", 12, "期", 9), r(P, "无方向", "", 40, "次", 20)]),
    ("rates are not prorated", 3, (100, 10), [
        r(Q, "合格率", "≥", 95, "%", 96), r(Q, "合格率分数", "≥", 0.95, "%", 0.5), r(S, "满意度", "≥", 90, "%", 0.7),
        r(Q, "达标率", "=", 100, "%", 100)]),
    ("ceilings", 6, (100, 90), [
        r(T, "时限内", "≤", 30, "天", 30), r(T, "略超", "≤", 30, "天", 40), r(T, "大超", "<", 30, "天", 60),
        r(Q, "零事故", "≤", 0, "起", 0), r(Q, "有事故", "≤", 0, "起", 2), r(P, "零目标", "≥", 0, "个", 0)]),
    ("qualitative and missing", 12, (100, 100), [
        r(B, "影响", "定性", "有效提升", "", "逐步提升", "确定能"), r(B, "效应", "定性", "明显", "", "", "有可能"),
        r(B, "示范", "定性", "明显", "", "", "完全不可能"), r(B, "未选", "定性", "明显", "", "", ""),
        r(P, "未填", "≥", 100, "个", None),
        r(P, "未填且无望", "≥", 100, "个", None, "完全不可能")]),  # no light, still M402 (measures)
    ("no months", None, (100, 30), [r(P, "数量", "≥", 100, "个", 50), r(Q, "合格率", "≥", 95, "%", 90)]),
    ("months 0", 0, (100, 30), [r(P, "数量", "≥", 100, "个", 50)]),  # typed past the dropdown: no light, no #DIV/0!
    ("months 6.5", 6.5, (100, 30), [r(P, "数量", "≥", 100, "个", 50)]),
    ("no budget", 6, None, [r(P, "数量", "≥", 100, "个", 130)]),
    ("spending ahead", 4, (300, 150), [r(P, "数量", "≥", 100, "个", 34)]),
    ("deadlines", 6, (100, 50), [  # under 日期: by the likelihood (no M404); a date elsewhere is a number to both
        r(T, "完工时间", "≤", date(2023, 12, 31), "日期", None, "有可能"),
        r(T, "开工时间", "≤", date(2023, 3, 1), "日期", date(2023, 2, 20), "确定能"),
        r(T, "招标时间", "≤", date(2023, 4, 30), "日期", date(2023, 5, 12), "有可能", deviation="流标一次"),
        r(T, "验收时间", "≤", date(2023, 11, 30), "", date(2023, 6, 1), "确定能")]),
    ("numbers typed as text", 6, (100, 50), [  # pasted past the numbers-only validation: text to both
        r(P, "带单位", "≥", 100, "个", "55个"), r(P, "文本数字", "≥", 100, "个", "55"), r(P, "正常", "≥", 100, "个", 55),
        r(P, "目标文本", "≥", "100", "个", 55)]),
    ("band", 6, (100, 50), [  # 指标性质「±」: by the deviation's size, a ceiling (within: green)
        r(Q, "偏差率内", "±", 10, "%", -8), r(Q, "偏差率超", "±", 10, "%", -16, deviation="结算滞后"),
        r(Q, "偏差率远超", "±", 5, "%", 20, deviation="结算滞后", measures="加快结算")]),
    ("not due yet", 6, (100, 50), [  # a year-end survey: lit by the likelihood, no M404; a bare — is still M404
        r(S, "满意度", "≥", 90, "%", "年底测评", "有可能", deviation="年底开展满意度调查"),
        r(S, "满意度2", "≥", 90, "%", "待下半年调查后统计", "确定能"), r(S, "未选可能性", "≥", 90, "%", "年底测评", ""),
        r(P, "只有横线", "≥", 100, "个", "—", "确定能")]),
    ("placeholder reasons", 6, (100, 50), [  # 无 and / hold a reason's place without giving one (M401, M402)
        r(P, "红", "≥", 100, "个", 10, deviation="无", measures="/"), r(P, "黄", "≥", 100, "个", 35, deviation="原因"),
        r(P, "红2", "≥", 100, "个", 10, deviation="设备未到货", measures="无 ")]),
]


def fill(case, path: str):
    name, months, funds, rows = case
    wb, built = build_template("monitor", load_rules(None), rows=max(10, len(rows)))
    ws = wb[built.sheet]
    ws[built.cells["project"]] = f"测试项目：{name}"
    ws[built.cells["department"]] = "测试部门"
    ws[built.cells["unit"]] = "测试单位"
    if months is not None:
        ws[built.cells["months"]] = months
    if funds is not None:
        row = built.funds_rows["其中：当年财政拨款"]
        ws[f"{built.funds_cols['annual_budget']}{row}"], ws[f"{built.funds_cols['spent']}{row}"] = funds
    for k, values in enumerate(rows):
        for f, v in values.items():
            if v not in (None, ""):
                ws[f"{built.columns[f]}{built.first_row + k}"] = v
    write_marks(ws, built)
    wb.save(path)
    return built


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, soffice):
    src = tmp_path_factory.mktemp("monitor")
    paths, builts = [], []
    for k, case in enumerate(CASES):
        path = str(src / f"m{k:02d}.xlsx")
        builts.append(fill(case, path))
        paths.append(path)
    convert_all(soffice, paths, str(src / "lo"))
    return [(case, builts[k], str(src / "lo" / f"m{k:02d}.xlsx")) for k, case in enumerate(CASES)]


def test_libreoffice_lights_equal_python(recalculated):
    mismatches, seen = [], set()
    for case, built, path in recalculated:
        rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
        (result,) = score_file(path)
        assert result.table == "monitor"
        assert len([x for x in result.rows if x.indicator is not None]) == len(case[3])
        seen |= {row.light for row in result.rows}
        mismatches += light_mismatches(case[0], rows, built, result)
        # no #DIV/0! … whatever was typed; each mark colours exactly what validate reports
        mismatches += recalculated_mismatches(case[0], rows, built, validate_file(path).findings)
    assert mismatches == []
    assert seen == {"red", "yellow", "green", "blue", None}  # every light, and rows that cannot have one


def test_template_marks_what_validate_asks(recalculated):
    """The recalculated 'qualitative and missing' case: M402/M403/M404 at the cells the template colours."""
    (case, built, path) = next(x for x in recalculated if x[0][0] == "qualitative and missing")
    got = {(f.code, f.cell) for f in validate_file(path).findings}
    L, first = built.columns, built.first_row
    assert {("M402", f"{L['measures']}{first + 2}"), ("M403", f"{L['likelihood']}{first + 3}"),
            ("M404", f"{L['to_date']}{first + 4}"), ("M401", f"{L['deviation']}{first + 1}"),
            ("M409", f"{L['forecast']}{first + 4}")} <= got
    # an empty 全年预计完成值 is coloured too (M409), where test_libreoffice_lights_equal_python holds it to validate
    assert [sqref for codes, sqref, _ in built.marks if "M409" in codes] == [
        f"{L['forecast']}{first}:{L['forecast']}{first + built.rows - 1}"]


def test_deadlines_are_lit_by_their_dates_or_the_likelihood(recalculated):
    """度量单位「日期」: a deadline met is green, missed red, not reached yet by 完成目标可能性."""
    (case, built, path) = next(x for x in recalculated if x[0][0] == "deadlines")
    rows = [r for r in score_file(path)[0].rows if r.indicator is not None]
    assert [(r.name, r.light) for r in rows[:3]] == [("完工时间", "yellow"), ("开工时间", "green"), ("招标时间", "red")]
    assert rows[2].explain() == "2023年5月12日 完成，晚于目标 2023年4月30日：红灯"
    assert rows[0].explain() == "按日期考核的指标不按月折算，按完成目标可能性「有可能」：黄灯"
    # a reason is asked for the yellow light only (the red one gives one); no 1-N月 value is missing
    L, first = built.columns, built.first_row
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code in ("M401", "M404")] == [
        ("M401", f"{L['deviation']}{first}")]


def test_a_figure_not_due_yet_is_lit_by_the_likelihood(recalculated):
    """1-N月 written 年底测评 (a satisfaction survey at the year's end): yellow and green by the
    likelihood, not a missing value (M404); without a likelihood no light (M403); a bare — is M404."""
    (case, built, path) = next(x for x in recalculated if x[0][0] == "not due yet")
    rows = [r for r in score_file(path)[0].rows if r.indicator is not None]
    assert [(r.name, r.light) for r in rows] == [("满意度", "yellow"), ("满意度2", "green"), ("未选可能性", None),
                                                  ("只有横线", None)]
    assert rows[0].explain() == "1-6月完成值写的是「年底测评」，尚未到考核时点，按完成目标可能性「有可能」：黄灯"
    L, first = built.columns, built.first_row
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code in ("M401", "M403", "M404")] == [
        ("M403", f"{L['likelihood']}{first + 2}"), ("M404", f"{L['to_date']}{first + 3}")]


def test_blank_template_asks_for_its_fields():
    import os

    from .conftest import ROOT

    path = os.path.join(ROOT, "workbook_templates", "绩效运行监控表.xlsx")
    got = [(f.code, f.cell) for f in validate_file(path).findings]
    assert got == [("S101", "B2"), ("M405", "D2"), ("S101", "B3"), ("S101", "B4"), ("S101", "H4")]


def test_pour_monitoring_table_and_goals(tmp_path, build, demo):
    """--from keeps every input (so every light); --goals carries targets over and asks for the rest."""
    from xltools.api import make_template

    sample, layout = demo["监控表.xlsx"]
    src = build(sample, layout)
    out = make_template("monitor", str(tmp_path / "m.xlsx"), from_path=src)
    (before,), (after,) = score_file(src), score_file(out)
    assert [(x.name, x.light) for x in after.rows] == [(x.name, x.light) for x in before.rows]
    assert after.figures == before.figures == {"progress": 0.43}
    goals, goals_layout = demo["目标申报表.xlsx"]
    out = make_template("monitor", str(tmp_path / "g.xlsx"), goals_path=build(goals, goals_layout))
    (result,) = score_file(out)
    assert [x.indicator.target.display() for x in result.rows if x.indicator] == [
        "≥100家", "≥3000平方米", "=100%", "≤30天", "≥5000万元", "有效提升", "≥90%"]
    codes = [f.code for f in validate_file(out).findings]
    assert codes.count("M404") == 6 and codes.count("M403") == 7 and "M405" in codes


def test_monitoring_table_is_not_poured_into_a_year_end_template(tmp_path, build, demo):
    from click.testing import CliRunner

    from xltools.cli import cli

    src = build(*demo["监控表.xlsx"])
    res = CliRunner().invoke(cli, ["template", "selfeval", "--from", src, "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and "只到监控月份" in res.stderr and "--goals" in res.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("to_date", "forecast"), [
    ("已有55家企业报名", "预计全年110家"),  # poured as the sentence, the template saw no number (M404)
    ("每季度15家", "60家"),  # a frequency: 60 a year, 60 % (yellow); poured as 60, the template lit 60/50 blue
])
def test_values_to_date_written_as_sentences_are_poured_as_their_numbers(tmp_path, build, demo, to_date, forecast):
    """已有55家企业报名 is lit by its 55家, 每季度15家 as 60家 a year (by June, 30 done): the template
    gets the numbers it lights the same way."""
    from dataclasses import replace

    from xltools.api import make_template

    sample, layout = demo["监控表.xlsx"]
    rows = [replace(sample.rows[0], to_date=to_date, forecast=forecast), *sample.rows[1:]]
    src = build(replace(sample, rows=rows), layout)
    out = make_template("monitor", str(tmp_path / "m.xlsx"), from_path=src)
    (before,), (after,) = score_file(src), score_file(out)
    assert [(x.name, x.light) for x in after.rows] == [(x.name, x.light) for x in before.rows]
    assert "M404" not in [f.code for f in validate_file(out).findings]


def test_a_likelihood_ticked_among_boxes_is_poured_as_the_choice(tmp_path, build, demo):
    """提升品牌影响力 (qualitative, lit by 完成目标可能性) with ``□确定能 ☑有可能 □完全不可能``: poured as
    written, the template's dropdown cell held no choice (M403, no light); it holds 有可能."""
    from dataclasses import replace

    import openpyxl

    from xltools.api import make_template

    sample, layout = demo["监控表.xlsx"]
    rows = [*sample.rows[:5], replace(sample.rows[5], likelihood="□确定能 ☑有可能 □完全不可能"), sample.rows[6]]
    src = build(replace(sample, rows=rows), layout)
    out = make_template("monitor", str(tmp_path / "m.xlsx"), from_path=src)
    ws = openpyxl.load_workbook(out).worksheets[0]
    [row] = [[c.value for c in r] for r in ws.iter_rows() if any(c.value == "提升品牌影响力" for c in r)]
    assert "有可能" in row and not any(isinstance(v, str) and "☑" in v for v in row)
    (before,), (after,) = score_file(src), score_file(out)
    assert [(x.name, x.light) for x in after.rows] == [(x.name, x.light) for x in before.rows]
    assert "M403" not in [f.code for f in validate_file(out).findings]

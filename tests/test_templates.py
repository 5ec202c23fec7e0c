"""Templates: built from data, committed up to date, and proven equal to Python in LibreOffice."""

from __future__ import annotations

import os
import subprocess

import openpyxl
import pytest
import python_calamine as pc

from xltools.api import score_file, validate_file
from xltools.ruleset import load_rules
from xltools.templates import FILE_NAMES, KINDS, write_template

from .conftest import ROOT
from .template_cases import all_cases, cell, fill_case, recalculated_mismatches, score_mismatches


def convert_all(soffice: str, paths: list[str], outdir: str, fmt: str = "xlsx") -> None:
    """Let LibreOffice load (and so recalculate) every workbook and save it as ``fmt``, in one run."""
    os.makedirs(outdir, exist_ok=True)
    profile = f"file://{outdir}/lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", outdir, *paths], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, soffice):
    src = tmp_path_factory.mktemp("cases")
    out = src / "lo"
    cases = all_cases()
    built, paths = {}, []
    for k, case in enumerate(cases):
        path = str(src / f"case{k:02d}.xlsx")
        built[k] = fill_case(case, load_rules(case.rules), path)
        paths.append(path)
    convert_all(soffice, paths, str(out))
    return [(case, built[k], str(out / f"case{k:02d}.xlsx")) for k, case in enumerate(cases)]


def test_at_least_thirty_cases():
    cases = all_cases()
    assert len(cases) >= 30
    assert {c.kind for c in cases} == {"selfeval", "dept", "evaluation"}
    assert {c.experts for c in cases if c.kind == "evaluation"} == {3, 5}


def test_libreoffice_equals_python(recalculated):
    mismatches = []
    for case, built, path in recalculated:
        rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
        mismatches += score_mismatches(case.name, rows, built, score_file(path, case.rules)[0])
        # no #DIV/0! … for any case's inputs; each mark colours exactly what validate reports
        mismatches += recalculated_mismatches(case.name, rows, built, validate_file(path, case.rules).findings)
    assert mismatches == []


def test_worked_examples_in_libreoffice(recalculated):
    by_name = {case.name: (built, path) for case, built, path in recalculated}
    built, path = by_name["evaluation 3 experts"]
    rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
    assert (cell(rows, built.names["total_score"]), cell(rows, built.names["grade"])) == (85.99, "良")
    built, path = by_name["dept worked example"]
    rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
    figures = [round(cell(rows, built.names[n]), 4) for n in ("execution_rate", "carryover_rate", "final_diff_rate")]
    assert figures == [0.9692, 0.0324, 0.0278]
    assert cell(rows, built.names["execution_score"]) == 19.38
    # a bare 30天 under 时效指标, 500元 under 成本指标 and 2次 of 投诉次数 are ceilings to the formulas as to
    # Python (they were equalities there: 35天 of 30天 full marks, 4 of 5个工作日 12.00)
    built, path = by_name["bare ceilings"]
    rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
    score = built.columns["score"]
    assert [cell(rows, f"{score}{built.first_row + k}") for k in range(6)] == [17.14, 15, 12.5, 10, 14.25, 8]
    # deadlines (度量单位「日期」): on time, late, earlier than 不早于, the same day, no date yet
    built, path = by_name["dates"]
    rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
    score = built.columns["score"]
    assert [cell(rows, f"{score}{built.first_row + k}") for k in range(5)] == [20, 0, 0, 20, 0]
    assert [r.explain() for r in score_file(path)[0].rows[2:4]] == [
        "实际 2024年1月15日，目标 2023年12月31日：未按期完成（相差 15 天），按 0.00% × 20 = 0.00",
        "实际 2023年2月20日，目标 2023年3月1日：未按期完成（相差 9 天），按 0.00% × 20 = 0.00"]


def dump(path: str) -> dict:
    """What a template is, without the zip timestamps: cells, styles' essentials, rules, names."""
    wb = openpyxl.load_workbook(path)
    out = {"names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        out[ws.title] = {
            "cells": [(c.coordinate, c.value, c.number_format, c.protection.locked) for row in ws.iter_rows()
                      for c in row if c.value is not None or not c.protection.locked],
            "merged": sorted(map(str, ws.merged_cells.ranges)),
            "validations": sorted((str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation),
            "conditional": sorted((str(r.sqref), tuple(x.formula[0] for x in r.rules)) for r in ws.conditional_formatting),
            "state": ws.sheet_state, "protected": ws.protection.sheet,
        }
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_committed_templates_are_up_to_date(tmp_path, kind):
    committed = os.path.join(ROOT, "workbook_templates", FILE_NAMES[kind])
    fresh = write_template(kind, tmp_path / FILE_NAMES[kind])
    assert os.path.exists(committed), "run `make templates`"
    assert dump(committed) == dump(fresh), "workbook_templates/ is stale: run `make templates`"


def test_committed_templates_recalculate_without_errors(tmp_path, soffice):
    paths = [os.path.join(ROOT, "workbook_templates", FILE_NAMES[k]) for k in KINDS]
    out = tmp_path / "lo"
    convert_all(soffice, paths, str(out))
    errors = []
    for k in KINDS:
        src = openpyxl.load_workbook(os.path.join(ROOT, "workbook_templates", FILE_NAMES[k]))
        wb = pc.CalamineWorkbook.from_path(str(out / FILE_NAMES[k]))
        for ws in src.worksheets:
            rows = wb.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f":
                        v = cell(rows, c.coordinate)
                        if isinstance(v, str) and (v.startswith("#") or v.startswith("Err:")):
                            errors.append((k, ws.title, c.coordinate, v))
    assert errors == []


def test_template_structure():
    wb = openpyxl.load_workbook(os.path.join(ROOT, "workbook_templates", FILE_NAMES["selfeval"]))
    ws = wb["绩效自评表"]
    names = set(wb.defined_names)
    assert {"total_score", "grade", "indicators", "annual_budget", "spent", "execution_rate", "execution_score",
            "project_name", "xltools_template", "xltools_version", "xltools_rules"} <= names
    assert wb["_xltools"].sheet_state == "hidden" and wb["选项"].sheet_state == "hidden"
    assert [wb["_xltools"].cell(i, 2).value for i in (1, 2, 3)] == ["selfeval", "1", "national"]
    assert ws.protection.sheet and not ws.protection.insertRows
    assert ws["K13"].value.startswith("=IF(") and ws["K13"].protection.locked
    assert not ws["G13"].protection.locked and not ws["C13"].protection.locked
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1  # A4, one page wide
    assert ws.print_title_rows == "$12:$12"
    assert ws["C13"].font.name == "宋体"
    validations = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert validations["A13:A42"] == "'选项'!$A$2:$A$5"
    assert validations["B13:B42"] == "INDIRECT($A13)"
    assert validations["D13:D42"] == '"≥,≤,=,>,<,±,定性"'
    assert "达成年度指标" in validations["I13:I42"]
    assert wb.defined_names["产出指标"].attr_text == "'选项'!$B$2:$B$5"


def test_evaluation_experts_option(tmp_path):
    from click.testing import CliRunner

    from xltools.cli import cli

    out = tmp_path / "评价.xlsx"
    res = CliRunner().invoke(cli, ["template", "evaluation", "--experts", "7", "-o", str(out)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(out)["绩效评价评分表"]
    header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "一级指标")
    header = [c.value for c in ws[header_row]]
    assert [h for h in header if h and h.startswith("专家")] == [f"专家{i}" for i in range(1, 8)]
    assert CliRunner().invoke(cli, ["template", "evaluation", "--experts", "8", "-o", str(out)]).exit_code == 2
    res = CliRunner().invoke(cli, ["template", "evaluation", "-o", str(out)])
    assert res.exit_code == 1 and "--force" in res.stderr


def test_pour_a_provincial_workbook_into_the_template(tmp_path, soffice):
    from click.testing import CliRunner

    from xltools.cli import cli

    from .test_reader import provincial_selfeval

    src = tmp_path / "省级自评表.xlsx"
    provincial_selfeval(src)
    out = tmp_path / "标准自评表.xlsx"
    res = CliRunner().invoke(cli, ["template", "selfeval", "--from", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    recalculated = str(tmp_path / "lo" / "标准自评表.xlsx")
    wb = pc.CalamineWorkbook.from_path(recalculated)
    rows = wb.get_sheet_by_name("绩效自评表").to_python(skip_empty_area=False)
    names = openpyxl.load_workbook(out).defined_names
    ref = lambda n: names[n].attr_text.split("!")[1].replace("$", "")  # noqa: E731
    assert (cell(rows, ref("total_score")), cell(rows, ref("grade"))) == (96.7, "优")  # the published figures
    assert cell(rows, ref("execution_score")) == 9.5
    assert cell(rows, ref("project_name")) == "职业技能提升培训项目"
    r = score_file(recalculated)[0]
    assert (r.total, r.grade) == (96.7, "优")


def test_deadlines_poured_into_the_template_score_the_same(tmp_path, soffice):
    """A table with deadlines as text (on time, late, late with a lower written score) poured into
    the template: full dates become date cells under 度量单位「日期」, the rest keeps its score."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"C16": "开工时间", "D16": "2023年3月1日前", "E16": "2023年2月20日",
                                  "C17": "完工时间", "D17": "2023年12月31日前", "E17": "2024年1月15日", "G17": None,
                                  "C15": "验收时间", "D15": "2023年10月31日前", "E15": "2023年11月5日", "G15": 4},
                name="src.xlsx")
    before = score_file(src)[0]
    assert [(r.name, r.score) for r in before.rows[2:5]] == [("验收时间", 4.0), ("开工时间", 10.0), ("完工时间", 0.0)]
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    units = {ws.cell(r, 3).value: ws.cell(r, 6).value for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value}
    assert units["开工时间"] == units["完工时间"] == "日期" and units["验收时间"] != "日期"  # a lower written score: kept
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    after = score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]
    assert [(r.name, r.score) for r in after.rows if r.name in ("验收时间", "开工时间", "完工时间")] == [
        ("验收时间", 4.0), ("开工时间", 10.0), ("完工时间", 0.0)]
    assert after.total == before.total


def _poured(tmp_path, soffice, edits):
    """The clean self-evaluation with ``edits``, scored; poured into the template (the path of the
    poured file); and that template as LibreOffice recalculates it, scored."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, edits, name="src.xlsx")
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    return score_file(src)[0], out, score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]


def test_a_row_left_out_as_not_applicable_is_poured_unscored(tmp_path, soffice):
    """A row whose actual says 不适用 (A332: left out, national ``drop``) poured into the template
    took the outcome its word was judged by — 达成年度指标, full marks in the template (97.60
    against Python's 77.60); it is poured with no outcome, which the template scores 0."""
    before, _, after = _poured(tmp_path, soffice, {"E14": "不适用"})
    assert before.total == 77.6
    assert [(r.name, r.score) for r in after.rows if r.name == "服务老人人数"] == [("服务老人人数", 0.0)]
    assert after.total == before.total


def test_an_actual_short_of_its_target_is_poured_as_partly_achieved(tmp_path, soffice):
    """老人满意度 ≥90% answered ``低于90%`` (A335: partly achieved, 6.00) was poured as the number 90,
    which the template scored in full (97.60 against Python's 93.60)."""
    before, _, after = _poured(tmp_path, soffice, {"E20": "低于90%"})
    assert before.total == 93.6
    assert [(r.name, r.score) for r in after.rows if r.name == "老人满意度"] == [("老人满意度", 6.0)]
    assert after.total == before.total


def test_a_target_written_into_the_name_is_poured_into_the_target_column(tmp_path, soffice):
    """服务老人人数≥2000人 with no 指标值, answered 1900人: Python scores it against the name's target
    (19.00); poured, it was a 定性 row at the rate of that score, with no target and no actual (the
    unit then had to type both). It is poured as ≥ 2000 人, actual 1900, as scored."""
    before, out, after = _poured(tmp_path, soffice, {"C14": "服务老人人数≥2000人", "D14": None, "E14": "1900人"})
    assert before.total == 96.6
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    [row] = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "服务老人人数≥2000人"]
    assert [ws.cell(row, c).value for c in range(4, 8)] == ["≥", 2000, "人", 1900]
    assert [(r.score, r.explain_key) for r in after.rows if r.name == "服务老人人数≥2000人"] == [(19.0, "more_part")]
    assert after.total == before.total


def test_funds_by_source_are_poured_as_their_sum(tmp_path):
    """中央补助资金 300 and 省级资金 200, both 财政拨款, poured into the template's one 当年财政拨款 row:
    it held the last of them (200), and the template's 年度资金总额 SUM fell short of the table's."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"B8": "中央补助资金", "C8": 300, "D8": 300, "E8": 290,
                                  "B9": "省级资金", "C9": 200, "D9": 200, "E9": 190}, name="src.xlsx")
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    cells = {c.value: c for r in ws.iter_rows() for c in r if isinstance(c.value, str)}
    row = cells["其中：当年财政拨款"].row
    assert [ws.cell(row, cells[h].column).value for h in ("年初预算数", "全年预算数", "全年执行数")] == [500, 500, 480]


def test_selfeval_from_declared_goals(tmp_path, build, demo):
    from click.testing import CliRunner

    from xltools.cli import cli
    from xltools.reading import read_workbook

    goals = build(demo["目标申报表.xlsx"][0], name="目标.xlsx")
    out = tmp_path / "自评.xlsx"
    res = CliRunner().invoke(cli, ["template", "selfeval", "--goals", goals, "-o", str(out)])
    assert res.exit_code == 0, res.output
    [t] = read_workbook(out).tables
    assert t.kind == "selfeval" and t.project_name == "2023年中国品牌商品（中东欧）展览会"
    assert [(i.name, i.op, i.target.number, i.unit, i.weight, i.actual.kind) for i in t.indicators] == [
        ("参展企业数量", "≥", 100, "家", 15, "none"), ("搭建展位面积", "≥", 3000, "平方米", 15, "none"),
        ("展会布展验收合格率", "=", 100, "%", 10, "none"), ("布展完成时间", "≤", 30, "天", 10, "none"),
        ("意向成交额", "≥", 5000, "万元", 15, "none"), ("提升品牌影响力", None, None, "", 15, "none"),
        ("参展企业满意度", "≥", 90, "%", 10, "none")]
    assert [(r.kind, r.initial_budget, r.annual_budget) for r in t.funds.rows if r.annual_budget] == [
        ("fiscal", 1000, 1000)]
    res = CliRunner().invoke(cli, ["template", "selfeval", "--goals", str(out), "-o", str(tmp_path / "x.xlsx")])
    assert res.exit_code == 2 and "不是绩效目标申报表" in res.stderr


def test_blank_template_asks_for_its_fields():
    from xltools.api import validate_file

    path = os.path.join(ROOT, "workbook_templates", FILE_NAMES["selfeval"])
    got = [(f.code, f.cell) for f in validate_file(path).findings]
    assert got == [("S101", "B2"), ("S101", "B3"), ("S101", "B4"), ("S101", "H4"), ("G209", "B11")]
    assert score_file(path)[0].total is None


def test_value_columns_take_words_only_on_qualitative_rows(tmp_path, soffice):
    """The validation of 指标值 and 实际完成值, recalculated by LibreOffice as a plain formula on
    each row: numbers everywhere; words where the score formula treats the row as qualitative."""
    from datetime import date

    from openpyxl.formula.translate import Translator

    from xltools.templates.builder import build_template

    wb, built = build_template("selfeval", load_rules(None))
    ws = wb[built.sheet]
    L, first = built.columns, built.first_row
    rows = [  # (指标性质, 指标值, 实际完成值) → (指标值 allowed, 实际完成值 allowed)
        (("≥", 100, 95), (True, True)),
        (("≥", 100, "95个"), (True, False)),  # the unit typed into the value
        (("≥", "≥100", 95), (False, True)),  # the direction typed into the target
        (("定性", "有效提升", "明显提升"), (True, True)),
        (("", "有效提升", "明显提升"), (False, True)),  # choose 定性 first; the row is qualitative all the same
        (("≤", date(2023, 6, 30), date(2023, 6, 20)), (True, True)),  # dates are numbers
    ]
    for k, ((d, e, g), _) in enumerate(rows):
        r = first + k
        ws[f"{L['direction']}{r}"], ws[f"{L['target']}{r}"], ws[f"{L['actual']}{r}"] = d, e, g
    checks = dict((sqref.split(":")[0][0], (sqref.split(":")[0], formula)) for sqref, formula in built.validations)
    assert set(checks) == {L["target"], L["actual"]}
    custom = {(str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation if dv.type == "custom"}
    assert custom == set(built.validations)  # what Excel and WPS enforce is what is recalculated here
    for j, col in enumerate((L["target"], L["actual"])):
        origin, formula = checks[col]
        for k in range(len(rows)):
            ws.cell(first + k, 60 + j, Translator(f"={formula}", origin=origin).translate_formula(f"{col}{first + k}"))
    src = tmp_path / "v.xlsx"
    wb.save(src)
    convert_all(soffice, [str(src)], str(tmp_path / "lo"))
    got = pc.CalamineWorkbook.from_path(str(tmp_path / "lo" / "v.xlsx")).get_sheet_by_name(built.sheet).to_python()
    assert [(got[first + k - 1][59], got[first + k - 1][60]) for k in range(len(rows))] == [w for _, w in rows]


def test_each_number_validation_says_what_belongs_in_its_cell():
    from xltools.templates.builder import build_template

    wb, built = build_template("selfeval", load_rules(None))
    ws = wb[built.sheet]
    L = built.columns
    by_column = {str(dv.sqref)[0]: dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"}
    rate = by_column[L["qual_rate"]]
    assert (rate.formula1, rate.formula2) == ("0", "100")  # 85 means 85 % to the score formula, as to Python
    weight = by_column[L["weight"]]  # 0 or -10 is S112's mistake: refused as typed
    assert (weight.operator, weight.formula1, weight.error) == ("greaterThan", "0", "分值请输入大于 0 的数字")
    spent = by_column[built.funds_cols["spent"]]  # −480 is A342's mistake: refused as typed
    assert (spent.operator, spent.formula1, spent.error) == ("greaterThanOrEqual", "0", "请输入金额（万元），只填数字，不小于 0")


def test_a_provincial_tables_level_names_are_poured_as_the_templates(tmp_path, soffice):
    """Anhui's export names its blocks 产出指标(50分) and a level 2 满意度指标: poured as written,
    the template's 得分汇总 (SUMIF by the template's names) showed no 产出指标 at all. The poured
    names are the template's own, and its recalculated 得分汇总 equals Python's parts."""
    from xltools.reading import read_workbook

    from .test_provincial import system_export

    src = system_export(tmp_path / "安徽.xlsx")
    out = tmp_path / "标准自评表.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    recalculated = str(tmp_path / "lo" / "标准自评表.xlsx")
    rows = pc.CalamineWorkbook.from_path(recalculated).get_sheet_by_name("绩效自评表").to_python(skip_empty_area=False)
    head = max(i for i, row in enumerate(rows) if row[:4] == ["一级指标", "分值", "得分", "得分率"])
    shown = {row[0]: (row[1], row[2]) for row in rows[head + 1:head + 7] if row[0] and row[1]}  # 成本指标 0: none
    parts = {p.name: (p.weight, p.score) for p in score_file(recalculated)[0].parts}
    assert shown == parts == {"预算执行率": (10, 10), "产出指标": (50, 50), "效益指标": (30, 30), "满意度指标": (10, 10)}


def test_a_templates_weights_are_taken_as_typed_even_as_fractions(tmp_path):
    """Weights of at most 1 adding up to 1 are percentages elsewhere (reading.recognize.percent_weights);
    in our template the formulas take them as typed, and so does the reader, or the two would differ."""
    from .template_cases import Case, P, fill_case, r

    case = Case("fractions", rows=[r(P, f"数量{k}", "≥", 100, "个", 100, 0.3) for k in "ABC"])
    fill_case(case, load_rules(None), str(tmp_path / "模板.xlsx"))
    (result,) = score_file(tmp_path / "模板.xlsx")
    assert [row.weight for row in result.rows if row.indicator is not None] == [0.3, 0.3, 0.3]


def test_actuals_written_as_sentences_are_poured_as_their_numbers(tmp_path, soffice):
    """共服务老人1500人, 十二场, 满意度95% are scored by their numbers, and 完成目标的80% of ≥3年 as
    2.4年; the template asks for a number and gets it (it got the sentence, scored as a
    qualitative rate), and scores the same."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"E14": "共服务老人1500人", "E15": "十二场", "E20": "满意度95%",
                                  "E19": "完成目标的80%"}, name="src.xlsx")
    before = score_file(src)[0]
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    actual = {ws.cell(r, 3).value: ws.cell(r, 7).value for r in range(1, ws.max_row + 1)}
    assert [actual[n] for n in ("服务老人人数", "开展健康讲座场次", "老人满意度", "服务中心持续运营年限")] == [
        1500, 12, 95, 2.4]
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    after = score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]
    assert after.total == before.total == 85.6


def test_a_surveys_answers_are_poured_as_the_satisfied_share(tmp_path, soffice):
    """满意度 answered by its answers (非常满意60%，满意25%，一般10%，不满意5%) is 85 %: poured as 85,
    and the template scores it as Python does (9.44 of 10)."""
    before, out, after = _poured(tmp_path, soffice, {"E20": "非常满意60%，满意25%，一般10%，不满意5%"})
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    assert [ws.cell(r, 7).value for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "老人满意度"] == [85]
    assert {r.name: r.score for r in before.rows}["老人满意度"] == 9.44
    assert after.total == before.total == 97.04


def test_an_actual_in_another_unit_is_poured_in_the_targets(tmp_path, soffice):
    """30个月 against ≥3年 scores 2.5年 of 3 (8.33); poured as 30 under the template's 年, its
    formula scored 30 of 3, full marks. It is poured as 2.5, and the template scores as Python."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"E19": "30个月", "G19": None, "E14": "0.205万人"}, name="src.xlsx")
    before = score_file(src)[0]
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    actual = {ws.cell(r, 3).value: ws.cell(r, 7).value for r in range(1, ws.max_row + 1)}
    assert [actual[n] for n in ("服务中心持续运营年限", "服务老人人数")] == [2.5, 2050]
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    after = score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]
    assert after.total == before.total == 95.93


def test_changes_are_poured_signed_the_targets_way(tmp_path, soffice):
    """A fall of 3 % against a rise of 10 % is poured as −3 (the template's ≥ formula gives it
    nothing, as Python does); poured as 3, the formula scored it 30 %."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"C14": "服务老人人次增长", "D14": "较上年增长10%", "E14": "下降3%",
                                  "C15": "讲座投诉次数", "D15": "较上年下降5%", "E15": "下降3%"}, name="src.xlsx")
    before = score_file(src)[0]
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    actual = {ws.cell(r, 3).value: ws.cell(r, 7).value for r in range(1, ws.max_row + 1)}
    assert [actual[n] for n in ("服务老人人次增长", "讲座投诉次数")] == [-3, 3]
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    after = score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]
    assert after.total == before.total == 73.6


def test_rates_in_another_measure_are_poured_in_the_targets(tmp_path, soffice):
    """0.8% against ≤5‰ is 8‰ (6.25 of 10), and 4.3分（满分5分） against ≥90% is 86 % (9.56):
    poured as 0.8 under the template's ‰, its formula found it met, and 4.3 as 4.3 %."""
    from xltools.api import read_workbook

    from .test_validate import CLEAN, write

    src = write(tmp_path, CLEAN, {"D16": "≤5‰", "E16": "0.8%", "E20": "4.3分（满分5分）"}, name="src.xlsx")
    before = score_file(src)[0]
    out = tmp_path / "poured.xlsx"
    write_template("selfeval", str(out), source=read_workbook(src).tables[0])
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    actual = {ws.cell(r, 3).value: ws.cell(r, 7).value for r in range(1, ws.max_row + 1)}
    assert [actual["服务安全事故发生率"], actual["老人满意度"]] == [8, 86]  # 4.3 of 5 is 86 %
    convert_all(soffice, [str(out)], str(tmp_path / "lo"))
    after = score_file(str(tmp_path / "lo" / "poured.xlsx"))[0]
    assert after.total == before.total == 93.41


@pytest.mark.parametrize("name, code, shown", [
    ("line items over", "A338", True), ("line items as the funds", "A338", False),  # the 合计 cells (C, E)
    ("dept overspent", "A302", True), ("dept final accounts over", "A302", True), ("dept worked example", "A302", False),
    ("evaluation without criteria", "S113", True), ("evaluation 3 experts", "S113", False),
    # an amount below zero: the funds', the items', a department's
    ("negative spending", "A342", True), ("negative budget", "A342", True), ("line items below zero", "A342", True),
    ("dept below zero", "A342", True), ("dept worked example", "A342", False), ("budget 76%", "A342", False),
])
def test_new_marks_colour_what_validate_reports(recalculated, name, code, shown):
    """A338 at the line items' 合计 and a department's A302: each such mark, recalculated, is on
    exactly where validate reports the code (test_libreoffice_equals_python checks every mark;
    this that these marks exist and are lit when they should be)."""
    from .template_cases import MARKS_COLUMN, _mark_cells

    by_name = {case.name: (case, built, path) for case, built, path in recalculated}
    case, built, path = by_name[name]
    rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
    lit = [rows[int(ref[1:]) - 1][MARKS_COLUMN + j - 1] for j, (codes, sqref, _) in enumerate(built.marks)
           if codes == (code,) for ref in _mark_cells(sqref)]
    assert lit and any(lit) is shown
    reported = {f.code for f in validate_file(path, case.rules).findings}
    assert (code in reported) is shown

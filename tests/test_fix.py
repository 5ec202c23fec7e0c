"""`xltools fix`: what arithmetic alone decides, corrected in a copy; the rest left to a person.

Cells of the clean self-evaluation (tests/test_validate.py): G7 执行率 of the total funds row,
G14-G20 row scores, G21 总分, B22 自评等级.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xltools.api import validate_file
from xltools.cli import cli
from xltools.fix import fix_copy

from .test_validate import CLEAN, findings, rows_with, write


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_scores_totals_rates_and_grades_are_corrected_in_a_copy(tmp_path):
    src = write(tmp_path, CLEAN, {"G15": 8, "G21": 95, "B22": "良", "G7": 0.9}, name="s.xlsx")
    before = Path(src).read_bytes()
    out = tmp_path / "修正" / "s.xlsx"
    result = fix_copy(src, str(out))
    assert [(c.cell, c.code, c.old, c.new, c.skipped) for c in result.changes] == [
        ("G7", "A303", 0.9, 0.96, ""), ("G15", "A305", 8, 10.0, ""), ("G21", "A305", 95, 97.6, ""),
        ("B22", "A306", "良", "优", "")]
    assert Path(src).read_bytes() == before  # the input is never touched
    assert findings(str(out)) == [] and result.remaining.findings == []
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    assert (ws["G15"].value, ws["G21"].value, ws["B22"].value, ws["G7"].value) == (10.0, 97.6, "优", 0.96)
    assert ws["G15"].fill.start_color.rgb.endswith("C6EFCE")
    assert ws["G15"].comment.text.startswith("xltools 修正（A305）：原为 8\n填写的得分 8 与计算值 10.00 不符")
    assert ws["B4"].value == "社区养老服务中心运营补助"  # everything else kept


def test_a_grade_ticked_in_boxes_is_reticked(tmp_path):
    """A printed form's ``□优 ☑良 □中 □差`` beside a total of 优: the boxes are ticked again in the
    form's own marks, not replaced by a bare 优."""
    src = write(tmp_path, CLEAN, {"B22": "□优 ☑良 □中 □差"}, name="s.xlsx")
    out = tmp_path / "s_修正.xlsx"
    result = fix_copy(src, str(out))
    assert [(c.cell, c.new) for c in result.changes] == [("B22", "☑优 □良 □中 □差")]
    assert openpyxl.load_workbook(out)["绩效自评表"]["B22"].value == "☑优 □良 □中 □差"
    assert findings(str(out)) == []


def test_a_rate_keeps_the_form_the_cell_had(tmp_path):
    for k, (written, fixed) in enumerate([(90, 96.0), ("90%", "96.00%"), (0.9, 0.96)]):
        src = write(tmp_path, CLEAN, {"G7": written}, name=f"r{k}.xlsx")
        out = tmp_path / f"r{k}_修正.xlsx"
        fix_copy(src, str(out))
        assert openpyxl.load_workbook(out)["绩效自评表"]["G7"].value == fixed
        assert findings(str(out), select={"A303"}) == []


def test_what_waits_for_a_missing_value_is_left(tmp_path):
    """A missing actual scores 0 for now: its row, the total and the grade are not "corrected"."""
    src = write(tmp_path, CLEAN, {"E14": None, "G15": 8}, name="s.xlsx")
    out = tmp_path / "s_修正.xlsx"
    res = run("fix", src, "-o", out)
    assert res.exit_code == 1  # errors remain: the missing actual and what waits for it
    assert "绩效自评表!G14    A305  20.00（有待下列缺失值补齐或单位核实，暂不改动）" in res.stdout
    assert "绩效自评表!G15    A305  8.00 → 10.00" in res.stdout
    assert "E14    A308 错误" in res.stdout
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    assert (ws["G14"].value, ws["G15"].value, ws["G21"].value, ws["B22"].value) == (20, 10.0, 97.6, "优")
    assert [f.code for f in validate_file(str(out)).findings] == ["A308", "A305", "A305", "A306"]


def test_nothing_to_correct_writes_nothing(tmp_path):
    src = write(tmp_path, CLEAN, {"B12": "做好养老服务。"}, name="s.xlsx")  # a warning, not arithmetic
    out = tmp_path / "s_修正.xlsx"
    res = run("fix", src, "-o", out, "--format", "json")
    assert res.exit_code == 0 and not out.exists()
    data = json.loads(res.stdout)
    assert (data["out"], data["changes"]) == (None, [])
    assert [f["code"] for f in data["remaining"]["findings"]] == ["G209"]


def test_refusals(tmp_path):
    src = write(tmp_path, CLEAN, {"G15": 8}, name="s.xlsx")
    res = run("fix", src, "-o", src)
    assert res.exit_code != 0 and "覆盖原文件" in res.stderr
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"x")
    assert run("fix", src, "-o", out).exit_code != 0 and out.read_bytes() == b"x"
    assert run("fix", src, "-o", out, "--force").exit_code == 0
    bad = tmp_path / "坏的.xlsx"
    bad.write_bytes(b"PK\x03\x04broken")
    res = run("fix", bad, "-o", tmp_path / "x.xlsx")
    assert res.exit_code == 2 and res.stderr.startswith("错误：")


def test_an_evaluation_row_waits_for_its_missing_expert_score(tmp_path, build, demo):
    """Expert rows (I: 平均得分): a wrong mean is corrected; a row missing an expert's score (A318)
    is left, since its mean changes once the expert scores."""
    src = build(*demo["评价评分表.xlsx"])
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws["I7"], ws["H8"], ws["I8"] = 4.5, None, 3.0  # row 7's mean is 4.27
    wb.save(src)
    result = fix_copy(str(src), str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("I7", "A305", 4.27, ""), ("I8", "A305", 3.9, "pending")]
    assert [(f.code, f.cell) for f in result.remaining.findings] == [("A318", "H8"), ("A305", "I8")]


def test_an_evaluation_row_waits_for_an_expert_score_above_its_weight(tmp_path, build, demo):
    """专家2's 42 of 5 (4.2 meant): fix wrote the capped mean, 5.00, as the row's 平均得分 and the total
    from it; the row and the totals wait for the expert's score, as for a missing one (A318)."""
    src = build(*demo["评价评分表.xlsx"])
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws["G7"], ws["I7"], ws["I8"] = 42, 3.0, 3.0  # row 8's mean is 4.05
    wb.save(src)
    result = fix_copy(str(src), str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("I7", "A305", 5.0, "pending"), ("I8", "A305", 4.05, "")]


def test_a_number_pasted_as_text_into_a_template_becomes_the_number(tmp_path):
    """Our template asks for a number in 实际完成值 (the unit has its column); 95个 pasted as text
    scores 0 there. fix writes 95 when the typed unit is the row's; ≥100 is left (the target
    copied, not a value reached) and so is 95人 under 个."""
    from xltools.ruleset import load_rules

    from .template_cases import Case, P, fill_case, r

    case = Case("pasted", rows=[r(P, "数量A", "≥", 100, "个", "≥100", 30), r(P, "数量B", "≥", 100, "个", "95个", 30),
                                r(P, "合格率", "≥", 95, "%", "98%", 15), r(P, "数量C", "≥", 100, "个", "95人", 15)])
    src = tmp_path / "模板.xlsx"
    built = fill_case(case, load_rules(None), str(src))
    a = built.columns["actual"]
    first = built.first_row
    before = [(f.cell, f.suggestion()) for f in validate_file(src).findings if f.code == "A315"]
    assert before == [(f"{a}{first}", "填写实际达到的数值，单位与指标值「≥100个」一致"),
                      (f"{a}{first + 1}", "改为数字 95（单位在「度量单位」列）"),
                      (f"{a}{first + 2}", "改为数字 98（单位在「度量单位」列）"),
                      (f"{a}{first + 3}", "填写实际达到的数值，单位与指标值「≥100个」一致")]
    result = fix_copy(str(src), str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.new, c.skipped) for c in result.changes if c.code == "A315"] == [
        (f"{a}{first + 1}", 95.0, ""), (f"{a}{first + 2}", 98.0, "")]
    ws = openpyxl.load_workbook(result.out)[built.sheet]
    assert (ws[f"{a}{first + 1}"].value, ws[f"{a}{first + 2}"].value, ws[f"{a}{first}"].value) == (95, 98, "≥100")
    assert [f.cell for f in result.remaining.findings if f.code == "A315"] == [f"{a}{first}", f"{a}{first + 3}"]
    assert openpyxl.load_workbook(src)[built.sheet][f"{a}{first + 1}"].value == "95个"  # the input untouched


def test_an_amount_pasted_as_text_into_a_template_becomes_the_number(tmp_path):
    """90万元 typed into 全年执行数 is text to the template: its 年度资金总额 (SUM) and 执行率 leave it
    out, and so does the reader; A324 says so at the cell, fix writes 90 (900000元 is 90 too)."""
    from xltools.api import score_file
    from xltools.ruleset import load_rules

    from .template_cases import Case, P, fill_case, r

    case = Case("amounts", funds=("100", 100, "900000元"), rows=[r(P, "数量", "≥", 100, "个", 100, 90)])
    src = tmp_path / "模板.xlsx"
    built = fill_case(case, load_rules(None), str(src))
    row = built.funds_rows["其中：当年财政拨款"]
    cols = built.funds_cols
    got = [(f.cell, f.message(), f.suggestion()) for f in validate_file(src).findings if f.code == "A324"]
    assert got == [(f"{cols['initial_budget']}{row}", "「其中：当年财政拨款」的年初预算数「100」是文字，模板的合计和执行率不计入它",
                    "改为数字 100（单位：万元）"),
                   (f"{cols['spent']}{row}", "「其中：当年财政拨款」的全年执行数「900000元」是文字，模板的合计和执行率不计入它",
                    "改为数字 90（单位：万元）")]
    assert "execution_rate" not in score_file(src)[0].figures  # no spending read: the text is passed by
    result = fix_copy(str(src), str(tmp_path / "修正.xlsx"))
    ws = openpyxl.load_workbook(result.out)[built.sheet]
    assert (ws[f"{cols['initial_budget']}{row}"].value, ws[f"{cols['spent']}{row}"].value) == (100, 90)
    assert score_file(result.out)[0].figures["execution_rate"] == 0.9


def test_the_copy_says_its_formulas_wait_for_excel(tmp_path, soffice):
    """openpyxl keeps a formula but not its result: in the corrected copy of a file saved by a
    spreadsheet, the 总分 = SUM(…) reads as blank until Excel or WPS saves it, and the check of the
    copy said "0 errors" about a total it could not see. A325 now says so, and how to end it."""
    from .conftest import convert

    src = write(tmp_path, CLEAN, {"G15": 8}, name="s0.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["G21"] = "=SUM(G14:G20)"  # a formula total (the row scores only)
    wb.save(src)
    saved = convert(soffice, src, "xlsx", str(tmp_path / "saved"))  # as a spreadsheet saves it
    assert findings(saved) == [("A305", "G15"), ("A305", "G21")]
    result = fix_copy(saved, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.skipped) for c in result.changes] == [("G15", ""), ("G21", "formula")]
    assert [(f.code, f.cell) for f in result.remaining.findings] == [("A325", "G21")]


def test_results_left_empty_are_filled_in(tmp_path):
    """A326's values are arithmetic's too: fix writes them, with a note saying the cell was empty;
    while a row waits for its actual, its score, the total and the grade wait with it."""
    src = write(tmp_path, CLEAN, {"G15": None, "H7": None, "G21": None, "B22": None}, name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("H7", "A326", 9.6, ""), ("G15", "A326", 10.0, ""), ("G21", "A326", 97.6, ""), ("B22", "A326", "优", "")]
    assert result.remaining.findings == []
    ws = openpyxl.load_workbook(result.out)["绩效自评表"]
    assert (ws["H7"].value, ws["G15"].value, ws["G21"].value, ws["B22"].value) == (9.6, 10.0, 97.6, "优")
    assert ws["G15"].comment.text.startswith("xltools 修正（A326）：原为 空\n「开展健康讲座场次」的得分未填写")
    src = write(tmp_path, CLEAN, {"G15": None, "G21": None, "B22": None, "E16": None}, name="open.xlsx")
    result = fix_copy(src, str(tmp_path / "修正2.xlsx"))
    assert [(c.cell, c.skipped) for c in result.changes] == [("G15", ""), ("G16", "pending"), ("G21", "pending"),
                                                             ("B22", "pending")]
    src = write(tmp_path, CLEAN, {"E7": None, "E16": None}, name="amount.xlsx")  # the parts' sum waits for nothing
    result = fix_copy(src, str(tmp_path / "修正3.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes if c.code == "A326"] == [("E7", "A326", 480.0, "")]
    assert openpyxl.load_workbook(result.out)["绩效自评表"]["E7"].value == 480


def test_an_open_document_gets_a_rebuilt_corrected_copy(tmp_path, soffice):
    """An .ods (or .xls) was refused ("只能为 .xlsx/.xlsm 生成修正副本"); its corrected copy is now
    an .xlsx rebuilt from its values, which says so."""
    from .conftest import convert

    src = convert(soffice, write(tmp_path, CLEAN, {"G15": 8}, name="s.xlsx"), "ods", str(tmp_path / "ods"))
    out = tmp_path / "修正.xlsx"
    res = run("fix", src, "-o", out)
    assert res.exit_code == 0, res.output
    assert f"已修正 1 个单元格：{out}（由 .ods 文件重建为 .xlsx：保留各单元格的值和合并单元格，未保留格式和公式。）" in res.stdout
    ws = openpyxl.load_workbook(out)["绩效自评表"]
    assert ws["G15"].value == 10 and ws["G15"].comment.text.startswith("xltools 修正（A305）：原为 8")
    assert validate_file(str(out)).findings == []
    # the merged cells it says it keeps (python-calamine gives an .ods none; they come from content.xml)
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A11:A12", "A1:H1", "A6:A10", "B4:H4"]


@pytest.mark.parametrize(("written", "fixed"), [("总分：95", "总分：94.30"), ("合计:95分", "合计:94.30分")])
def test_a_total_written_after_its_label_is_read_and_corrected_there(tmp_path, written, fixed):
    """``总分：95`` in the label's own cell, the 得分 cell beside it empty: the total was "not filled
    in" (A326 at the empty cell) — or for ``合计:95分`` not even a total row (S102, G204). It is the
    written total now (A305 at its cell), and ``fix`` corrects the number and keeps the label."""
    from .test_reader import _demo_sheet

    wb, ws = _demo_sheet(tmp_path)
    ws["A21"], ws["G21"] = written, None
    path = tmp_path / "总分.xlsx"
    wb.save(path)
    assert [(f.code, f.cell, f.value) for f in validate_file(path).findings if f.code[:2] in ("A3", "S1")] == [
        ("A317", "E12", None), ("A312", "E14", "120家"), ("A307", "H14", None), ("A305", "A21", 95.0)]
    fix_copy(str(path), str(tmp_path / "改.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "改.xlsx").active["A21"].value == fixed


def test_an_actual_named_after_a_figure_is_corrected_and_its_score_waits(tmp_path):
    """预算执行率 written 90% where the funds give 96%: fix writes 96.00%, and leaves the row's score
    (9.47 from the 90%, full from the 96%) and the totals until its next look at the copy — where the
    written 10 and 97.6 are right. They were reported "pending" with the 9.47 and 97.07 of the 90%, and
    a total that the corrected actual did change waited for a second run (tianjin's, by the probe)."""
    src = write(tmp_path, rows_with(3, name="预算执行率", target="≥95%", actual="90%"), name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [("E17", "A303", "96.00%", "")]
    assert result.remaining.findings == []
    ws = openpyxl.load_workbook(result.out)["绩效自评表"]
    assert (ws["E17"].value, ws["G17"].value) == ("96.00%", 10)
    # and a total the first look left waiting (another row's score wrong too) is corrected in the next one
    src = write(tmp_path, rows_with(3, name="预算执行率", target="≥95%", actual="90%"), {"G14": 18, "G21": 95.6},
                name="t.xlsx")
    result = fix_copy(src, str(tmp_path / "修正2.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("G14", "A305", 20.0, ""), ("E17", "A303", "96.00%", ""), ("G21", "A305", 97.6, "")]
    assert fix_copy(result.out, str(tmp_path / "again.xlsx")).out is None


def test_spending_a_hundredfold_over_budget_waits_for_its_unit(tmp_path):
    """全年执行数 4800000 in a 万元 table (元 typed): A302 says so, and fix leaves the execution
    score and the total, which it set to the full 10 and 98.00; 510 over 500 is only overspent."""
    src = write(tmp_path, CLEAN, {"E7": 4800000, "E8": 4800000}, name="s.xlsx")
    slip = next(f for f in validate_file(src).findings if f.code == "A302")
    assert slip.message("zh") == "年度资金总额执行数 4800000 大于预算数 500，相差百倍以上，多是单位填错（如按元填写：即 480 万元）"
    assert slip.suggestion("zh") == "核对执行数与预算数，两者都按表头的金额单位（万元）填写"
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.new, c.skipped) for c in result.changes] == [("H7", 10.0, "pending"), ("G21", 98.0, "pending")]
    over = write(tmp_path, CLEAN, {"E7": 510, "E8": 510}, name="o.xlsx")
    assert validate_file(over).findings[0].message("zh") == "年度资金总额执行数 510 大于预算数 500"
    result = fix_copy(over, str(tmp_path / "修正2.xlsx"))
    assert [(c.cell, c.new, c.skipped) for c in result.changes] == [("H7", 10.0, ""), ("G21", 98.0, "")]


@pytest.mark.parametrize(("edits", "cells", "code"), [
    ({"E7": 48000, "E8": 48000}, ["H7", "G21"], "A302"),  # spending typed ×100: 10.00 and 98.00 from 9600 %
    ({"D7": -500}, ["G21", "B22"], "A342"),  # a budget below zero: the execution score 0, 88.00 and 良
])
def test_what_validate_asks_of_figures_worked_out_from_a_wrong_amount(tmp_path, edits, cells, code):
    """The execution score and the totals worked out from an amount another finding says is wrong:
    A305 and A306 said "改为 10.00", "改为 98.00", "改为「良」" — figures of the wrong amount, which fix
    rightly leaves pending. They say now to correct the amount first (the message still gives the
    figures as they differ); a row's own score keeps its suggestion."""
    src = write(tmp_path, CLEAN, edits, name="s.xlsx")
    found = validate_file(src).findings
    opening = ["E7", "E8"] if code == "A302" else ["D7"]
    waiting = [f for f in found if f.code in ("A305", "A306")]
    assert [f.cell for f in waiting] == cells
    zh = f"先改正 {'、'.join(opening)} 的金额（{code}），再按改正后的金额计算"
    en = f"first correct the amount at {', '.join(opening)} ({code}), then work it out from the corrected amount"
    assert [(f.suggestion("zh"), f.suggestion("en")) for f in waiting] == [(zh, en)] * len(cells)
    assert "改为" not in "".join(f.to_dict()["suggestion"] for f in waiting)
    # a row's score beside them is still to be changed to its computed score
    row = write(tmp_path, CLEAN, {**edits, "G14": 15}, name="r.xlsx")
    assert [f.suggestion("zh") for f in validate_file(row).findings if f.cell == "G14"] == ["改为 20.00"]


@pytest.mark.parametrize("edits", [{"E7": 48000, "E8": 48000}, {"D7": 5, "D8": 5}, {"D7": 5, "D8": 5, "G7": "96%"}])
def test_a_hundredfold_slip_of_a_rate_below_100_percent_waits_for_its_amount(tmp_path, edits):
    """480 spent typed 48000, or a budget of 500 typed 5: 96 times, not a hundredfold, so it was read as
    overspending — fix wrote the full execution score 10 and 98.00, and a written 96% was "corrected" to
    9600%. Spending twenty times its budget is no overspending: the amounts wait for a person."""
    src = write(tmp_path, CLEAN, edits, name="s.xlsx")
    found = validate_file(src).findings
    assert [(f.code, f.cell) for f in found if f.code in ("A302", "A303")] == [("A302", "E7"), ("A302", "E8")]
    assert found[0].message("zh").endswith("，是预算数的 96 倍，多是单位或数位填错（多了或少了两个 0）")
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert {c.skipped for c in result.changes} == {"pending"}


def test_a_budget_a_hundredth_of_a_departments_spending_is_a_slip(tmp_path):
    """Tianjin's 全年预算数 typed 11 for 1100 beside 1045 spent and a written 95%: fix wrote 9500% into the
    执行率 and 9500 into the 预算执行率 indicator's actual. One finding now, and nothing written."""
    from tests.test_provincial import tianjin_dept

    src = tianjin_dept(tmp_path / "tj.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["B5"] = 11
    wb.save(src)
    assert [(f.code, f.cell) for f in validate_file(src).findings] == [("A302", "C5")]
    assert fix_copy(src, str(tmp_path / "修正.xlsx")).out is None


def test_a_weight_below_zero_is_not_corrected_into_the_total(tmp_path):
    """``-10`` as a weight (S112) scores "full marks -10": fix does not write that row score, nor a
    total or grade built on it, and A304 does not add "10 is above -10" to S112's finding."""
    src = write(tmp_path, CLEAN, {"F16": -10, "F18": 40}, name="s.xlsx")
    report = validate_file(src)
    assert [(f.code, f.cell) for f in report.findings if f.code in ("S112", "A304")] == [("S112", "F16")]
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("G21", "A305", 77.6, "pending"), ("B22", "A306", "中", "pending")]


@pytest.mark.parametrize("edits", [{"E7": "96%", "E8": "96%"}, {"E7": 0.96, "E8": 0.96, "G7": 0.96}])
def test_the_rate_typed_as_the_spending_is_not_corrected_into_the_total(tmp_path, edits):
    """全年执行数 ``96%`` (or 0.96 beside a 执行率 of 0.96) read as 0.96 万元 gave a rate of 0.19 %, and
    fix wrote an execution score of 0.02 and a total of 88.02. A341 says what it is; the score and
    totals wait, and the rate's A303 and A317 say nothing of a rate that is not one."""
    src = write(tmp_path, CLEAN, edits, name="s.xlsx")
    codes = [(f.code, f.cell) for f in validate_file(src).findings]
    assert ("A341", "E7") in codes and not any(c in ("A303", "A317") for c, _ in codes)
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.skipped) for c in result.changes] == [("H7", "pending"), ("G21", "pending"), ("B22", "pending")]


def test_a_budget_of_one_with_its_rate_is_no_rate_typed_as_spending(tmp_path):
    """0.01 spent of a budget of 1 is a rate of 0.01: the written 执行率 equals the spending and is
    right, so no A341."""
    src = write(tmp_path, CLEAN, {"C7": 1, "D7": 1, "E7": 0.01, "G7": 0.01, "C8": 1, "D8": 1, "E8": 0.01}, name="s.xlsx")
    assert [f.code for f in validate_file(src).findings if f.code in ("A341", "A303")] == []


@pytest.mark.parametrize("spent", [None, "约480万"])
def test_totals_wait_for_an_execution_amount_not_there(tmp_path, spent):
    """全年执行数 left empty (or ``约480万``): no execution rate (A331), and fix wrote a total of 88.00
    and the grade 良 without the execution score the amount will bring. They wait for it now, as
    for a missing actual (A308)."""
    src = write(tmp_path, CLEAN, {"E7": spent, "E8": spent}, name="s.xlsx")
    assert [f.code for f in validate_file(src).findings][:1] == ["A331"]
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.new, c.skipped) for c in result.changes] == [("G21", 88.0, "pending"), ("B22", "良", "pending")]


@pytest.mark.parametrize("typed", ["2:3", "1:0.8", "≥1:1", "A:0", "得分:0"])
def test_a_ratio_in_a_score_cell_is_replaced_not_relabelled(tmp_path, typed):
    """``2:3`` in a 得分 cell (no score: A326) was read as a label ``2:`` before a score, and fix
    wrote the text ``2:10.00`` — still no score, and ``=183`` so became ``=20.00``, a formula to
    openpyxl. A label has words (``总分：95`` → ``总分：97.60``); a ratio or a bare ``=`` is replaced.
    So is any text the reader read no score from: ``A:0`` became ``A:10.00``, read as empty again
    (a property test found it)."""
    src = write(tmp_path, CLEAN, {"G16": typed}, name="s.xlsx")
    out = tmp_path / "修正.xlsx"
    result = fix_copy(src, str(out))
    assert [(c.cell, c.new) for c in result.changes] == [("G16", 10.0)]
    assert openpyxl.load_workbook(out).active["G16"].value == 10
    assert validate_file(out).findings == []


@pytest.mark.parametrize(("edits", "found"), [
    ({"F3": "自评总分", "G3": 95}, [("G3", 95, 97.6)]),
    ({"F5": "自评总分：", "G5": "95分"}, [("G5", 95, 97.6)]),
    ({"F3": "自评总分", "G3": 97.6}, []),
    ({"F3": "自评总分", "G3": 95, "G21": 96}, [("G3", 95, 97.6), ("G21", 96, 97.6)]),
])
def test_a_total_among_the_header_fields_is_checked_beside_the_total_row(tmp_path, edits, found):
    """A form that states its 自评总分 among the header lines and again in its 总分 row: only the row's
    was checked, so a header saying 95 beside a right 97.60 passed (and summaries read the row's)."""
    src = write(tmp_path, CLEAN, edits, name="s.xlsx")
    assert [f[:2] for f in findings(src)] == [("A305", cell) for cell, _, _ in found]
    result = fix_copy(src, str(tmp_path / "s_修正.xlsx"))
    assert [(c.cell, c.old, c.new) for c in result.changes] == found
    assert findings(str(tmp_path / "s_修正.xlsx")) == []


def test_a_funds_figure_held_to_its_headers_reckoning_and_what_follows_from_it(tmp_path):
    """Fujian's ``小计④=①+②+③`` typed 270 (250 + 25.14 + 0 is 275.14), ``本年度结余金额⑦=④-⑤`` 30 (A343):
    corrected like a rate or a total — and ``资金结余率⑧=⑦/④``, worked out from the ⑦ of a row whose ④
    was wrong, is judged once ④ is right: in a second look, in the same run (9 → 7.44, as the cell
    held it in per cent). The rate of that row waits for its ④ too (93 % of 275.14 is right)."""
    from tests.test_provincial import ningde_dept

    src = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(src)
    for ref, value in {"F8": 270, "I6": 30, "J8": 9, "J12": "9%"}.items():
        wb.active[ref] = value
    wb.save(src)
    assert [(f.code, f.cell) for f in validate_file(src).findings] == [
        ("A301", "F6"), ("A343", "I6"), ("A343", "F8"), ("A343", "J12")]
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new) for c in result.changes] == [
        ("I6", "A343", 20.47), ("F8", "A343", 275.14), ("J12", "A343", "7.44%"), ("J8", "A343", 7.44)]
    assert result.remaining.findings == []


def test_a_budget_beside_spending_typed_0_waits(tmp_path):
    """A monitoring table's 全年预算数 left empty on its total row and 1-6月执行数 typed 0 beside parts of 430:
    a row of zeros and blanks reads as one nobody keyed in, and the parts give both figures. fix filled in
    the budget (1000), after which the row had a figure, its 0 was spending of 0, and a further look
    "corrected" the 执行进度 0.43 to 0 % — from the 0 that A301 disputes. The budget waits for a person now."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["监控表.xlsx"]
    src = tmp_path / "监控.xlsx"
    write_sample(sample, src, layout)
    wb = openpyxl.load_workbook(src)
    wb.active["C7"], wb.active["D7"] = None, 0
    wb.save(src)
    assert [(f.code, f.cell) for f in validate_file(src).findings][:2] == [("A326", "C7"), ("A301", "D7")]
    result = fix_copy(str(src), str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.skipped) for c in result.changes] == [("C7", "A326", "pending")]


def test_an_indicators_score_rate_follows_its_corrected_score(tmp_path):
    """A row's 得分率 agrees with its written score (8 of 10, 80 %), which is wrong (10.00): the score
    is corrected, and then, in fix's second look, its rate (100 %, in the form the cell had)."""
    from .test_validate import _RATES

    src = write(tmp_path, CLEAN, {**_RATES, "G15": 8, "I15": "80%"}, name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [
        ("G15", "A305", 10.0, ""), ("I15", "A303", "100.00%", "")]
    assert result.remaining.findings == []


@pytest.mark.parametrize("rate", ["50%", "100%"])
def test_an_indicators_score_rate_wrong_by_both_scores_is_worked_out_from_the_corrected_one(tmp_path, rate):
    """A 得分率 of 50 % beside a wrong 8 of 10 (right: 10) was corrected in the same look as the score, from
    the written 8: the copy held 80 % beside 10 of 10, wrong again, and a second fix changed it once more.
    100 % beside the wrong 8 is the right score's rate: the score alone is corrected."""
    from .test_validate import _RATES

    src = write(tmp_path, CLEAN, {**_RATES, "G15": 8, "I15": rate}, name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes] == [("G15", "A305", 10.0, "")] + (
        [("I15", "A303", "100.00%", "")] if rate == "50%" else [])
    assert result.remaining.findings == []
    assert fix_copy(str(tmp_path / "out.xlsx"), str(tmp_path / "again.xlsx")).out is None


def test_an_indicators_score_rate_waits_for_its_missing_actual(tmp_path):
    """An actual left empty leaves its row's score open (A308), and so its 得分率."""
    from .test_validate import _RATES

    src = write(tmp_path, CLEAN, {**_RATES, "E15": None, "I15": "80%"}, name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.skipped) for c in result.changes if c.cell == "I15"] == [("I15", "A303", "pending")]


def test_an_amount_left_empty_is_the_parts_sum_for_the_figures_beside_it(tmp_path):
    """年度资金总额's 全年预算数 left empty beside a 年初预算数 of 400 and parts of 500: the rate and
    "spending above budget" were judged by the 400 (A303 120 %, A302), while the score and A326 took
    the parts' 500. fix corrected the rate to 120 % and filled in 500 in one look: the copy was
    wrong again, and a second fix changed it once more. Now both are judged by the 500."""
    src = write(tmp_path, CLEAN, {"C7": 400, "D7": None}, name="s.xlsx")
    assert findings(src) == [("A301", "C7"), ("A326", "D7")]
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new) for c in result.changes] == [("D7", "A326", 500.0)]
    assert fix_copy(str(tmp_path / "out.xlsx"), str(tmp_path / "again.xlsx")).out is None


@pytest.mark.parametrize(("edits", "found", "changed"), [
    # ① of 财政资金小计 typed wrong (its parts give 250): ④ beside it was "corrected" to 368.35, and the
    # copy then had two more A301 (④ against its parts, 合计's ④)
    ({"C6": 343.21}, [("A301", "C6"), ("A301", "C12")], []),
    # ① of a part typed wrong (财政资金小计's ① and ④ agree with the other parts): its row's ④ was "corrected"
    ({"C8": 343.21}, [("A301", "C6")], []),
    # ① left empty beside parts that give 250: ④ = 0 + 25.14 + 0 is said (the 0 shows), but not written
    ({"C6": None}, [("A343", "F6")], []),
    ({"C8": None}, [("A343", "F8")], []),
    # ② 历年结余结转 (no amount of the model's, so no sum of parts) left empty: ④ was written as ① + 0 + ③ and
    # ⑥ ⑦ ⑧ after it (101.87 %, -4.67, -1.87 %); the copy had A301 and A302 it had not had
    ({"D8": None}, [("A343", "F8")], []),
    ({"D12": None}, [("A343", "F12")], []),
    # ② of 合计 typed 0.2514 for 25.14: its ④ is its parts' ④ (275.14), so a term is what is wrong — fix wrote
    # ④ = 250.25, and the copy's 合计 was no longer its parts' sum (A301) and overspent (A302)
    ({"D12": 0.2514}, [("A343", "F12")], []),
    # ⑤ left empty: ⑦ = ④ - 0 waits too
    ({"G8": None}, [("A343", "I8")], []),
    # ⑤ a hundredfold off (28000) on a row whose ④ is wrong: once ④ was corrected, fix wrote ⑦ = -27724.86
    # and ⑧ = -10076.64 % from the slip
    ({"F8": 270, "G8": 28000}, None, [("F8", "A343", 275.14)]),
    # ② of the one part typed 0 and the 财政资金小计's ④ a hundredfold (27514): the 小计 ④ its row gives is
    # 275.14, and so the part's ④ of 275.14 is its parts' sum as corrected — a term is what is wrong. fix
    # wrote the part's ④ = 250 and ⑥ ⑦ ⑧ after it (101.87 %, -4.67), and the copy was overspent (A302)
    ({"D8": 0, "F6": 27514}, None, [("F6", "A343", 275.14)]),
    # the same ② typed 0 and the part's own ④ a hundredfold (27514): 250 + 0 + 0 is not its 小计's 275.14
    # either, so neither figure is known — fix wrote 250 and ⑥ ⑦ ⑧ after it, and the copy was overspent
    ({"D8": 0, "F8": 27514}, None, []),
    # 合计's ④ left empty beside its part 财政资金小计's ④ typed 0 (its row gives 275.14): fix filled 合计's ④
    # with the parts' 0 and wrote ⑦ = 0 - 254.67 beside it; a second fix wrote 275.14 and ⑦ back. The fill
    # waits for the part, and is written in the further look from the corrected 275.14
    ({"F12": None, "F6": 0}, None, [("F6", "A343", 275.14), ("F12", "A326", 275.14)]),
])
def test_a_reckoning_waits_for_a_doubtful_amount(tmp_path, edits, found, changed):
    """A figure worked out from an amount that is itself doubtful — a total its parts do not add up to,
    spending a hundredfold off — is not judged, nor corrected to agree with it."""
    from tests.test_provincial import ningde_dept

    src = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(src)
    for ref, value in edits.items():
        wb.active[ref] = value
    wb.save(src)
    if found is not None:
        assert [(f.code, f.cell) for f in validate_file(src).findings] == found
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new) for c in result.changes if not c.skipped] == changed


@pytest.mark.parametrize(("actual", "skipped"), [("基本完成", "pending"), ("服务2050人", "")])
def test_a_quantitative_rows_actual_in_words_leaves_its_score_for_a_person(tmp_path, actual, skipped):
    """服务老人人数 ≥2000人 with 实际完成值 「基本完成」: validate scores the words as a qualitative row's (60 %,
    12.00 of 20) and says so (A315, A305), but that is a reading, not arithmetic — fix wrote 12.00, the total
    89.60 and the grade 良. It waits for a number now, as for a missing actual. A sentence with the number
    in it (「服务2050人」) is compared by that number, which fix still writes the score from."""
    src = write(tmp_path, CLEAN, {"E14": actual, "G14": 15}, name="s.xlsx")
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert {c.skipped for c in result.changes} == {skipped}
    assert ("A315", "E14") in [(f.code, f.cell) for f in result.remaining.findings]


@pytest.mark.parametrize("table", ["clean", "fujian", "tianjin"])
def test_a_fixed_copy_has_nothing_more_to_fix(tmp_path, table):
    """Every number of a table changed (scaled, a hundredfold, blanked) in turn: fixing the copy again writes
    nothing. A probe of this kind found a 得分率 written from a score corrected beside it, a rate judged by
    the 年初预算数 beside an empty 全年预算数, a 小计④ corrected to a wrong ①, a total left for a second run."""
    from tests.test_provincial import ningde_dept, tianjin_dept

    src = {"clean": lambda: write(tmp_path, CLEAN, name="s.xlsx"), "fujian": lambda: ningde_dept(tmp_path / "fj.xlsx"),
           "tianjin": lambda: tianjin_dept(tmp_path / "tj.xlsx")}[table]()
    ws = openpyxl.load_workbook(src).active
    numbers = [c.coordinate for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
    again = []
    for ref in numbers:
        for change in (lambda x: round(x * 1.37 + 0.71, 2), lambda x: x * 100, lambda x: None):
            wb = openpyxl.load_workbook(src)
            wb.active[ref] = change(wb.active[ref].value)
            path, out, out2 = tmp_path / "p.xlsx", tmp_path / "o.xlsx", tmp_path / "o2.xlsx"
            wb.save(path)
            for p in (out, out2):
                p.unlink(missing_ok=True)
            if fix_copy(path, out).out is not None and (second := fix_copy(out, out2)).out is not None:
                again.append((ref, wb.active[ref].value, [(c.cell, c.new) for c in second.changes]))
    assert len(numbers) > 20 and again == []


@pytest.mark.parametrize("table", ["fujian", "tianjin", "chongqing"])
def test_a_fixed_copy_has_nothing_more_to_fix_after_two_slips(tmp_path, table):
    """Two numbers of a table changed at once (scaled, a hundredfold either way, blanked, zeroed, negated), 80
    seeded pairs: fixing the copy again writes nothing. Pairs found a total written from a budget corrected
    in the same look, a 得分率 of 10000 % beside a score above its weight, a rate of 0.95 % written as 0.95
    (read back as 95 %), an indicator's 95 % "corrected" from spending typed a hundredth of itself."""
    import random

    from tests.test_provincial import chongqing_dept, ningde_dept, tianjin_dept

    src = {"fujian": lambda: ningde_dept(tmp_path / "fj.xlsx", spent=280, rate="102%", city=270),
           "tianjin": lambda: tianjin_dept(tmp_path / "tj.xlsx"),
           "chongqing": lambda: chongqing_dept(tmp_path / "cq.xlsx")}[table]()
    ws = openpyxl.load_workbook(src).active
    numbers = [c.coordinate for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
    changes = (lambda x: round(x * 1.37 + 0.71, 2), lambda x: x * 100, lambda x: round(x / 100, 4),
               lambda x: None, lambda x: 0, lambda x: -x)
    rng = random.Random(20261205)
    again = []
    for _ in range(80):
        wb = openpyxl.load_workbook(src)
        for ref in rng.sample(numbers, 2):
            wb.active[ref] = rng.choice(changes)(wb.active[ref].value)
        path, out, out2 = tmp_path / "p.xlsx", tmp_path / "o.xlsx", tmp_path / "o2.xlsx"
        wb.save(path)
        for p in (out, out2):
            p.unlink(missing_ok=True)
        if fix_copy(path, out).out is not None and (second := fix_copy(out, out2)).out is not None:
            again.append([(c.cell, c.old, c.new) for c in second.changes])
    assert len(numbers) > 12 and again == []


def test_a_total_left_empty_between_two_splits_that_differ_waits(tmp_path):
    """A department's 资金总额 年初预算数 left empty, its money split by source (950 + 100) and by use (600 + 400):
    fix wrote the sources' 1050, and the copy then said the uses' 1000 disagreed (A301). Which split is
    right is a person's to say: it waits. Where the two agree (900 + 100), it is written."""
    from tests.test_provincial import split_dept

    src = split_dept(tmp_path / "d.xlsx", {"C5": None, "C6": 950})
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.new, c.skipped) for c in result.changes if c.cell == "C5"] == [
        ("C5", "A326", 1050.0, "pending")]
    src = split_dept(tmp_path / "e.xlsx", {"C5": None})
    assert [(c.cell, c.new, c.skipped) for c in fix_copy(src, str(tmp_path / "out2.xlsx")).changes] == [("C5", 1000.0, "")]


def test_what_a_further_look_leaves_waiting_is_said(tmp_path):
    """小计④ typed wrong (270) beside ⑤ left empty: fix corrects ④ to 275.14, and only then is ⑦=④-⑤ judged —
    by a ⑤ read as 0, so it waits for a person. The first look could not say so (⑦ waited for ④), and the
    further look's waiting entry was dropped: the report listed nothing left, and the copy had an A343."""
    from tests.test_provincial import ningde_dept

    src = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["F8"], wb.active["G8"] = 270, None
    wb.save(src)
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.skipped) for c in result.changes] == [("F8", "A343", ""), ("I8", "A343", "pending")]
    assert [(f.code, f.cell) for f in result.remaining.findings] == [("A343", "I8")]


def test_an_empty_amount_beside_a_total_of_zeros_waits(tmp_path):
    """Hubei's 年度资金总额 with 年初预算数 0 and 1-6月执行数 empty beside parts of 220 and 87.57: a row of
    zeros beside filled parts is read as one nobody keyed in (the parts give both), so fix wrote 87.57 —
    and the row then had a figure, its 0 was a budget of 0, and the copy said A331 and A302. It waits."""
    from tests.test_provincial import hubei_monitor

    src = hubei_monitor(tmp_path / "hb.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["C8"], wb.active["D8"] = 0, None
    wb.save(src)
    result = fix_copy(src, str(tmp_path / "修正.xlsx"))
    assert [(c.cell, c.code, c.skipped) for c in result.changes] == [("D8", "A326", "pending")]
    assert result.out is None


@pytest.mark.parametrize(("edits", "found"), [
    # 全年执行数 typed 10.45 for 1045, the 执行率 left empty: the 预算执行率 indicator's 95 says the rate
    ({"C5": 10.45, "D5": None}, [("A344", "B5")]),
    # the same with the rate written: it said so already
    ({"C5": 10.45}, [("A344", "B5")]),
])
def test_a_rate_indicators_actual_says_a_spending_is_a_hundredth_off(tmp_path, edits, found):
    """Tianjin's spending typed a hundredth of itself beside a 预算执行率 indicator of 95 (%): fix "corrected"
    the indicator to 0.95 %, its score 20 to 0.21 and the total to 76.21 — and wrote 0.95 in a cell of per-cent
    numbers, which reads back as the fraction 95 %, so that a second run changed it again. The indicator is a
    written rate: the amounts are a unit slip (A344), and nothing is written."""
    from tests.test_provincial import tianjin_dept

    src = tianjin_dept(tmp_path / "tj.xlsx")
    wb = openpyxl.load_workbook(src)
    for ref, value in edits.items():
        wb.active[ref] = value
    wb.save(src)
    assert [(f.code, f.cell) for f in validate_file(src).findings] == found
    assert fix_copy(src, str(tmp_path / "修正.xlsx")).out is None


def test_a_rate_below_1_5_percent_is_written_as_a_fraction_in_a_cell_of_per_cent_numbers():
    """0.95 in a cell that held 95 (per cent) reads back as the fraction 95 %: 0.0095 says 0.95 % either way."""
    from xltools.fix import Change, as_cell_holds

    assert as_cell_holds(Change("s", "D13", "A303", 95, 0.0095, "", rate=True), 95) == 0.0095
    assert as_cell_holds(Change("s", "D13", "A303", 95, 0.9523, "", rate=True), 95) == 95.23


def test_the_total_waits_for_a_budget_its_reckoning_corrects(tmp_path):
    """合计's 小计④ typed 27514 for 275.14 (①+②+③): fix corrected it, and in the same look wrote the 总分 from
    the execution score the wrong budget gave (79.20), which a second run changed to 99.00. The budget the
    execution rate divides opens the execution score, as a unit slip does: the total is written in the
    further look, from the corrected budget."""
    from tests.test_provincial import ningde_dept

    src = ningde_dept(tmp_path / "nd.xlsx", spent=280, rate="102%")
    wb = openpyxl.load_workbook(src)
    wb.active["F12"], wb.active["H19"] = 27514, 18  # (a weight changed too: the written 总分 is wrong, fix writes it)
    wb.save(src)
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.new) for c in result.changes if c.cell in ("F12", "I21")] == [("F12", 275.14), ("I21", 99.0)]
    assert fix_copy(result.out, str(tmp_path / "again.xlsx")).out is None


def test_a_score_above_its_weight_gives_no_rate(tmp_path):
    """Chongqing's 指标权重 typed 0.2 for 20 beside a score of 20 (A304) and an actual short of its target: the
    得分系数 100 % was held to 20 over 0.2, "10000.00%", which fix wrote, and read back as 100 to be written
    again. A score above its weight gives no rate: the rate is held to the computed score (0.10, 50 %)."""
    from tests.test_provincial import chongqing_dept

    src = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["G13"], wb.active["I13"] = "43%", 0.2
    wb.save(src)
    rate = next(f for f in validate_file(src).findings if f.code == "A303")
    assert (rate.cell, rate.params["computed"]) == ("H13", "50.00%")
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert fix_copy(result.out, str(tmp_path / "again.xlsx")).out is None


@pytest.mark.parametrize(("score", "found"), [(10, [("A313", "J11")]), (None, [("A313", "J11"), ("A326", "J11")])])
def test_a_qualitative_rate_above_100_percent_scores_no_more_than_the_weight(tmp_path, score, found):
    """Chongqing's 得分系数 of a qualitative row typed 10000 (for 100 %): it scored 10000 % of 10, 1000 points,
    and fix wrote 1000 into the row and 1087.60 as the total. A chosen rate above 100 % fits no band (A313)
    and scores the weight at most; the row waits for the rate — its score left empty too (fix wrote 10.00,
    and only the copy said the rate fits no band)."""
    from tests.test_provincial import chongqing_dept

    src = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["H11"], wb.active["J11"] = 10000, score
    wb.save(src)
    assert [(f.code, f.cell) for f in validate_file(src).findings if f.code.startswith("A")] == found
    assert fix_copy(src, str(tmp_path / "out.xlsx")).out is None


@pytest.mark.parametrize("written", [0, 9.6])
def test_an_execution_weight_of_0_is_s112s(tmp_path, written):
    """The 年度资金总额 row's 分值 typed 0: it was taken as no 分值 (the rule set's 10), so a score of 0 beside it
    was "corrected" to 9.60 — and the copy then said 9.60 is above the weight 0 (A304). It is a weight of 0,
    as an indicator's is (S112): the execution scores nothing, and the totals wait for the weight."""
    src = write(tmp_path, CLEAN, {"F7": 0, "H7": written}, name="s.xlsx")
    assert findings(src) == [("S112", "F7"), ("G208", "F13"), ("A305", "G21"), ("A306", "B22")]
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.skipped) for c in result.changes] == [("G21", "pending"), ("B22", "pending")]


def test_an_empty_total_beside_a_part_below_zero_waits(tmp_path):
    """1-6月执行数 of 年度资金总额 left empty beside a 财政拨款 of -430 (A342, a minus sign slipped in): fix wrote
    the parts' sum, -430, and the copy had a second A342. The sum waits for the part."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["监控表.xlsx"]
    src = tmp_path / "监控.xlsx"
    write_sample(sample, src, layout)
    wb = openpyxl.load_workbook(src)
    wb.active["D7"], wb.active["D8"] = None, -430
    wb.save(src)
    result = fix_copy(str(src), str(tmp_path / "out.xlsx"))
    assert [(c.cell, c.code, c.skipped) for c in result.changes] == [("D7", "A326", "pending")]


def test_a_rate_indicator_above_100_percent_as_a_fraction_is_read_as_the_score_reads_it(tmp_path):
    """Tianjin's 预算执行率 indicator (a % column) holding 1.3021 beside 1432.36 spent of 1100 (130.21 %): it is
    scored as 130.21 % (A312 says so), but A303 read it as 1.3021 % and said it differs — so fix, having
    written 1.3021 for 0.95, changed it again in a second run. Up to 1.5, a bare number agrees either way."""
    from tests.test_provincial import tianjin_dept

    src = tianjin_dept(tmp_path / "tj.xlsx")
    wb = openpyxl.load_workbook(src)
    wb.active["C5"], wb.active["D13"] = 1432.36, 0.95
    wb.save(src)
    result = fix_copy(src, str(tmp_path / "out.xlsx"))
    assert ("D13", 1.3021) in [(c.cell, c.new) for c in result.changes]
    assert ("A303", "D13") not in [(f.code, f.cell) for f in result.remaining.findings]
    assert fix_copy(result.out, str(tmp_path / "again.xlsx")).out is None

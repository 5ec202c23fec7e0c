"""The Excel entry points, driven through the file-backed workbook protocol on real workbooks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

import xltools.excel as xl
from xltools.api import validate_file
from xltools.excel import FileBook

from .conftest import ROOT
from .test_validate import CLEAN, write


def test_every_runpython_call_names_an_existing_function():
    for bas in Path(ROOT, "macros").glob("*.bas"):
        calls = re.findall(r'RunPython\s+"import xltools\.excel as xl; xl\.(\w+)\(\)"', bas.read_text())
        assert calls, bas
        for name in calls:
            assert callable(getattr(xl, name, None)), name
        assert len(calls) == bas.read_text().count("RunPython")
    assert Path(ROOT, "macros", "xltools.bas").read_bytes() == Path(xl.__file__).with_name("xltools.bas").read_bytes()


def test_importing_needs_no_xlwings():
    code = "import sys, xltools, xltools.excel; assert 'xlwings' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def flagged(tmp_path):
    """A self-evaluation with an error at G15 (A305), a warning at B12 (G209); G15 has a user note and fill."""
    path = write(tmp_path, edits={"G15": 8, "B12": "做好养老服务。"})
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["G15"].comment = Comment("请财务核对", "李四")
    ws["G15"].fill = PatternFill("solid", start_color="00B0F0", end_color="00B0F0")
    ws["J30"] = "用户自己的备注"
    ws["J30"].comment = Comment("别动我", "李四")
    wb.save(path)
    return path


def state(path):
    wb = openpyxl.load_workbook(path)
    ws = wb["绩效自评表"]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
            cells[c.coordinate] = (c.value, c.comment.text if c.comment else None, fill)
    return wb.sheetnames, cells


def test_validate_marks_cells_and_lists_findings(tmp_path):
    path = flagged(tmp_path)
    _, before = state(path)
    book = FileBook(path)
    findings = xl.validate_book(book)
    book.save()
    assert [(f.code, f.cell) for f in findings] == [("G209", "B12"), ("A305", "G15")]
    names, after = state(path)
    assert names == ["绩效自评表", "校验结果", "_xltools_marks"]
    assert openpyxl.load_workbook(path)["_xltools_marks"].sheet_state == "hidden"
    value, note, fill = after["G15"]
    assert value == 8 and fill.endswith("FFC7CE")
    assert note.startswith("请财务核对\n[A305] 填写的得分 8 与计算值 10.00 不符")
    assert after["B12"][2].endswith("FFEB9C") and after["B12"][1].startswith("[G209] ")
    changed = {k for k in before if before[k] != after.get(k)}
    assert changed == {"G15", "B12"}  # no foreign cell touched
    rows = list(openpyxl.load_workbook(path)["校验结果"].iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "代码", "严重程度")
    assert [r[1:5] for r in rows[1:]] == [("G209", "警告", "绩效自评表", "B12"), ("A305", "错误", "绩效自评表", "G15")]
    assert book.alerts == [("xltools", "发现 2 个问题：错误 1，警告 1，提示 0。详见「校验结果」工作表和标色单元格的批注。")]


def test_rerun_is_idempotent_and_restores_fixed_cells(tmp_path):
    path = flagged(tmp_path)
    _, original = state(path)
    for _ in range(2):
        book = FileBook(path)
        xl.validate_book(book)
        book.save()
    names, twice = state(path)
    book = FileBook(path)
    xl.validate_book(book)
    book.save()
    assert state(path) == (names, twice)
    # the user fixes the score; the re-run takes the mark away and restores the user's note and fill
    wb = openpyxl.load_workbook(path)
    wb["绩效自评表"]["G15"] = 10
    wb.save(path)
    book = FileBook(path)
    assert [f.code for f in xl.validate_book(book)] == ["G209"]
    book.save()
    _, fixed = state(path)
    assert fixed["G15"] == (10, original["G15"][1], original["G15"][2])
    assert fixed["J30"] == original["J30"]


def test_clean_workbook_and_unknown_workbook(tmp_path):
    book = FileBook(write(tmp_path))
    assert xl.validate_book(book) == []
    assert book.alerts[-1][1].startswith("发现 0 个问题")
    other = tmp_path / "名单.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名"])
    wb.save(other)
    book = FileBook(str(other))
    assert xl.validate_book(book) is None
    assert book.alerts[0][1].startswith("名单.xlsx：未找到任何已知的绩效表")


def test_score_book_and_writing_scores(tmp_path):
    path = write(tmp_path, edits={"G15": None, "G21": None})
    book = FileBook(path)
    [r] = xl.score_book(book)
    assert book.alerts == [("xltools", "社区养老服务中心运营补助（绩效自评表）：总分 97.60，等级 优")]
    assert openpyxl.load_workbook(path)["绩效自评表"]["G15"].value is None  # not written without asking
    xl.score_book_write(book)
    book.save()
    ws = openpyxl.load_workbook(path)["绩效自评表"]
    assert (ws["G15"].value, ws["G21"].value) == (10.0, 97.6)


def test_writing_scores_leaves_a_total_that_waits_for_a_value(tmp_path):
    """计算得分并写入 with 全年执行数 empty wrote a total of 88.00 (the execution score missing from it),
    where ``xltools fix`` leaves the total until the amount is there; the rows are still written."""
    path = write(tmp_path, edits={"G15": None, "G21": None, "E7": None, "E8": None})
    book = FileBook(path)
    xl.score_book_write(book)
    book.save()
    ws = openpyxl.load_workbook(path)["绩效自评表"]
    assert (ws["G15"].value, ws["G21"].value) == (10.0, None)
    assert book.alerts[-1][1].endswith("总分 88.00，等级 良（有待补齐的值，总分未写入）")


def test_score_book_monitoring_table_shows_its_lights(tmp_path, build, demo):
    book = FileBook(build(*demo["监控表.xlsx"]))
    [r] = xl.score_book_write(book)
    assert r.table == "monitor"
    assert book.alerts == [("xltools", "2024年中国品牌商品（中东欧）展览会（运行监控表）：运行监控表，红灯 1，黄灯 2，绿灯 5，蓝灯 0")]


def test_score_writing_never_overwrites_template_formulas(tmp_path):
    from xltools.templates import write_template

    path = str(tmp_path / "模板.xlsx")
    write_template("selfeval", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["绩效自评表"]
    for ref, v in {"C13": "服务人数", "D13": "≥", "E13": 100, "F13": "人", "G13": 90, "H13": 90,
                   "D7": 100, "E7": 100}.items():
        ws[ref] = v
    wb.save(path)
    book = FileBook(path)
    xl.score_book_write(book)
    book.save()
    ws = openpyxl.load_workbook(path)["绩效自评表"]
    assert ws["K13"].value.startswith("=IF(") and ws["K43"].value.startswith("=IF(COUNT(")


def test_fix_book_corrects_in_the_open_workbook(tmp_path):
    """The 修正计算 button: as `xltools fix`, in the open workbook (the click is the asking)."""
    path = write(tmp_path, edits={"G15": 8, "G21": 95, "B22": "良", "G7": 90, "E16": None})
    book = FileBook(path)
    changes = xl.fix_book(book)
    book.save()
    assert [(c.cell, c.new, c.skipped) for c in changes] == [
        ("G7", 96.0, ""), ("G15", 10.0, ""), ("G16", 0.0, "pending"), ("G21", 87.6, "pending")]
    assert book.alerts == [("xltools", "已修正 2 处：绩效自评表!G7、绩效自评表!G15\n"
                                       "未改动（公式单元格，或有待缺失值补齐）：绩效自评表!G16、绩效自评表!G21")]
    ws = openpyxl.load_workbook(path)["绩效自评表"]
    assert (ws["G7"].value, ws["G15"].value, ws["G16"].value, ws["G21"].value) == (96.0, 10.0, 10, 95)
    assert ws["G15"].comment.text.startswith("xltools 修正（A305）：原为 8\n")
    assert ws["G15"].fill.start_color.rgb.endswith("C6EFCE")


def test_fix_book_looks_again_at_what_follows_from_a_corrected_figure(tmp_path):
    """As ``xltools fix``: Fujian's ``资金结余率⑧=⑦/④`` of a row whose ``小计④`` was wrong is corrected
    in a second look at the workbook as it stands (the file book reads its cells in memory, as the
    buttons read a copy Excel saves)."""
    from tests.test_provincial import ningde_dept

    path = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["F8"], wb.active["J8"] = 270, 9
    wb.save(path)
    book = FileBook(path)
    changes = xl.fix_book(book)
    assert [(c.cell, c.new, c.skipped) for c in changes] == [("F8", 275.14, ""), ("J8", 7.44, "")]
    book.save()
    assert [(f.code, f.cell) for f in validate_file(path).findings] == []


def test_fix_book_says_once_what_it_corrected_after_waiting(tmp_path):
    """预算执行率 90% (the funds give 96%) and another row's score wrong: the total waits in the first look
    and is corrected in the next, as ``xltools fix`` does. The button listed G21 both as corrected and as
    left (未改动), with the figure of the first look, and G17 as left though right as it stands."""
    from xltools.fix import fix_copy

    from .test_validate import rows_with

    src = write(tmp_path, rows_with(3, name="预算执行率", target="≥95%", actual="90%"), {"G14": 18, "G21": 95.6})
    expected = [(c.cell, c.new, c.skipped) for c in fix_copy(src, str(tmp_path / "copy.xlsx")).changes]
    book = FileBook(src)
    assert [(c.cell, c.new, c.skipped) for c in xl.fix_book(book)] == expected == [
        ("G14", 20.0, ""), ("E17", "96.00%", ""), ("G21", 97.6, "")]
    assert book.alerts == [("xltools", "已修正 3 处：绩效自评表!G14、绩效自评表!E17、绩效自评表!G21")]


def test_summarize_folder_and_selfeval_from_goals(tmp_path, build, demo):
    folder = tmp_path / "项目"
    folder.mkdir()
    for k in range(3):
        write(folder, replace(CLEAN, project=f"项目{k}"), name=f"p{k}.xlsx")
    book = FileBook(write(tmp_path, name="当前.xlsx"), folder_answer=str(folder))
    out = xl.summarize_folder(book)
    assert out and os.path.exists(out) and book.opened == [out]
    assert "已汇总 3 个文件、3 张表" in book.alerts[-1][1]
    goals = FileBook(build(demo["目标申报表.xlsx"][0], name="目标.xlsx"))
    made = xl.selfeval_from_goals(goals)
    assert made.endswith("目标_自评表.xlsx") and goals.opened == [made]
    assert xl.selfeval_from_goals(goals).endswith("目标_自评表2.xlsx")
    not_goals = FileBook(write(tmp_path, name="自评.xlsx"))
    assert xl.selfeval_from_goals(not_goals) is None
    assert not_goals.alerts == [("xltools", "当前工作簿不是绩效目标申报表，无法生成自评表。")]
    made = xl.monitor_from_goals(goals)
    assert made.endswith("目标_监控表.xlsx") and goals.opened[-1] == made
    assert xl.score_book(FileBook(made))[0].table == "monitor"


def test_excel_setup_command(tmp_path):
    from click.testing import CliRunner

    from xltools.cli import cli

    res = CliRunner().invoke(cli, ["excel", "setup", str(tmp_path / "按钮")])
    assert res.exit_code == 0
    assert (tmp_path / "按钮" / "xltools.bas").read_bytes() == Path(ROOT, "macros", "xltools.bas").read_bytes()
    assert f'"{sys.executable}"' in (tmp_path / "按钮" / "xlwings.conf").read_text()
    assert "xlwings addin install" in res.stdout
    # every macro of the module is named (XltoolsFix and XltoolsMonitorFromGoals were left out)
    assert xl.macro_names() == ["XltoolsValidate", "XltoolsScore", "XltoolsScoreWrite", "XltoolsFix",
                                "XltoolsSummarize", "XltoolsSelfevalFromGoals", "XltoolsMonitorFromGoals"]
    assert " / ".join(xl.macro_names()) in res.stdout
    en = CliRunner().invoke(cli, ["excel", "setup", str(tmp_path / "按钮"), "--lang", "en"])
    assert "Steps left" in en.stdout and "XltoolsMonitorFromGoals" in en.stdout


@pytest.mark.parametrize("name", ["validate_book", "score_book", "summarize_folder", "selfeval_from_goals",
                                  "monitor_from_goals"])
def test_entry_points_without_excel_say_so(name):
    # called outside Excel with xlwings missing: a clear error, not a hang
    with pytest.raises(ImportError):
        getattr(xl, name)()


def test_a_copied_sheet_is_said_in_the_open_workbook_as_by_validate(tmp_path):
    """One project per sheet, a new one started by copying a sheet and left unchanged: S106 on
    both, from the Excel button and from `xltools validate FILE` alike."""
    from xltools.api import validate_file

    path = write(tmp_path, CLEAN, name="部门项目.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb.active).title = "项目2"
    wb.save(path)
    expected = [("绩效自评表", "B4"), ("项目2", "B4")]
    assert [(f.sheet, f.cell) for f in validate_file(path).findings if f.code == "S106"] == expected
    book = FileBook(path)
    assert [(f.sheet, f.cell) for f in xl.validate_book(book) if f.code == "S106"] == expected
    assert validate_file(path, ignore={"S106"}).findings == []


class _Excel:
    """A stand-in for what ``XlwingsBook.grids`` asks of xlwings: a book whose ``api.SaveCopyAs``
    writes the file it stands for (or fails, as Excel for Mac has no such call), and sheets read
    over COM as values (a percentage as its fraction)."""

    def __init__(self, path, name, *, can_copy=True):
        import shutil
        from types import SimpleNamespace

        def save_copy_as(dst):
            if not can_copy:
                raise AttributeError("SaveCopyAs")
            shutil.copyfile(path, dst)
            self.copies.append(dst)

        self.copies = []
        self.name, self.fullname = name, str(path)
        self.api = SimpleNamespace(SaveCopyAs=save_copy_as)
        ws = openpyxl.load_workbook(path).active
        values = [[c.value for c in row] for row in ws.iter_rows()]
        used = SimpleNamespace(row=1, column=1, options=lambda **_: SimpleNamespace(value=values))
        self.sheets = [SimpleNamespace(name=ws.title, visible=True, used_range=used)]


@pytest.mark.parametrize(("name", "can_copy", "shown"), [
    ("自评表.xlsx", True, "95%"),  # read from the copy as the command line reads the file
    ("Book1", True, "95%"),  # a book never saved: copied as .xlsx
    ("自评表.xlsx", False, 0.95),  # no copy to be had: over COM, values only
    ("自评表.xlsb", True, 0.95),  # a format the reader does not take: over COM
])
def test_excel_reads_the_workbook_from_a_copy_it_saves(tmp_path, name, can_copy, shown):
    """A 满意度 actual typed ``95%`` in Excel is 0.95 in a percent format: the buttons read it over
    COM as 0.95, where ``xltools validate`` reads the saved file's ``95%`` — now they read a copy."""
    from xltools.excel.xlwings_book import XlwingsBook

    path = write(tmp_path, edits={"E20": 0.95})
    wb = openpyxl.load_workbook(path)
    wb.active["E20"].number_format = "0%"
    wb.save(path)
    excel = _Excel(path, name, can_copy=can_copy)
    [grid] = XlwingsBook(excel).grids()
    assert grid.raw(19, 4) == shown
    for copy in excel.copies:  # the copy and its folder are gone
        assert not os.path.exists(copy) and not os.path.exists(os.path.dirname(copy))

"""Annotated copies keep every value, formula, merge, validation, format and style of the input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from xltools.cli import cli

from .test_validate import write


def rich_workbook(tmp_path) -> str:
    path = write(tmp_path, edits={"G15": 8})  # one A305 at G15
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=13, max_row=21, max_col=8):
        for c in row:
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c in ws[13]:
        c.font = Font(bold=True, name="宋体")
        c.fill = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
    ws["G15"].fill = PatternFill("solid", start_color="00FF00", end_color="00FF00")
    ws["G15"].comment = Comment("评审组：请核对", "张三")
    ws["J2"] = "=SUM(F14:F20)"
    ws["J3"] = 0.9692
    ws["J3"].number_format = "0.00%"
    ws["J4"] = "=1+1"
    ws["J4"].data_type = "s"  # text that looks like a formula
    ws.merge_cells("J6:K7")
    dv = DataValidation(type="list", formula1='"产出指标,效益指标,满意度指标"', allow_blank=True)
    dv.add("A14:A40")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add("G14:G40", CellIsRule(operator="greaterThan", formula=["F14"],
                                                        fill=PatternFill("solid", start_color="FF0000")))
    ws.column_dimensions["C"].width = 30
    ws.row_dimensions[13].height = 28
    ws.freeze_panes = "A14"
    ws.print_title_rows = "13:13"
    other = wb.create_sheet("说明")
    other["A1"] = "本表由项目单位填报"
    other["B2"] = "='绩效自评表'!G21"
    wb.defined_names["total_score"] = DefinedName("total_score", attr_text="'绩效自评表'!$G$21")
    wb.save(path)
    return path


def snapshot(ws, skip=()):
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.coordinate in skip:
                continue
            cells[c.coordinate] = (c.value, c.data_type, c.number_format, repr(c.font), repr(c.border),
                                   repr(c.alignment), repr(c.fill), repr(c.protection))
    return cells


def test_round_trip_keeps_everything(tmp_path):
    src = rich_workbook(tmp_path)
    before = hashlib.sha256(Path(src).read_bytes()).hexdigest()
    out_dir = tmp_path / "标注 结果"
    res = CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(out_dir)])
    assert res.exit_code == 1, res.output
    out = out_dir / "自评表_校验.xlsx"
    assert f"标注副本：{out}" in res.stdout
    assert hashlib.sha256(Path(src).read_bytes()).hexdigest() == before

    a, b = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
    assert b.sheetnames == [*a.sheetnames, "校验结果"]
    wa, wb_ = a["绩效自评表"], b["绩效自评表"]
    assert snapshot(wa, skip={"G15", "J2"}) == snapshot(wb_, skip={"G15", "J2"})
    assert snapshot(a["说明"], skip={"B2"}) == snapshot(b["说明"], skip={"B2"})
    assert wb_["G15"].value == 8 and repr(wb_["G15"].border) == repr(wa["G15"].border)
    assert wb_["G15"].fill.fgColor.rgb.endswith("FFC7CE")  # error colour replaces the input's fill
    assert wb_["G15"].comment.text.startswith("评审组：请核对\n[A305] 填写的得分 8 与计算值 10.00 不符")
    assert sorted(map(str, wa.merged_cells.ranges)) == sorted(map(str, wb_.merged_cells.ranges))
    assert [(str(v.sqref), v.formula1) for v in wa.data_validations.dataValidation] == \
           [(str(v.sqref), v.formula1) for v in wb_.data_validations.dataValidation]
    assert [str(r.sqref) for r in wa.conditional_formatting] == [str(r.sqref) for r in wb_.conditional_formatting]
    assert wb_.column_dimensions["C"].width == 30 and wb_.row_dimensions[13].height == 28
    assert wb_.freeze_panes == "A14" and wb_.print_title_rows == "$13:$13"
    assert b.defined_names["total_score"].attr_text == "'绩效自评表'!$G$21"
    assert (wb_["J2"].value, wb_["J4"].value, wb_["J4"].data_type) == ("=SUM(F14:F20)", "=1+1", "s")
    # openpyxl wrote the source without formula results: the reader sees J2 blank, and says so
    assert wb_["J2"].comment.text.startswith("[A325] 1 个公式单元格没有计算结果（J2）")

    results = b["校验结果"]
    rows = list(results.iter_rows(values_only=True))
    assert rows[0] == ("序号", "代码", "严重程度", "工作表", "单元格", "值", "问题", "建议")
    assert [r[1:6] for r in rows[1:]] == [("A325", "警告", "绩效自评表", "J2", None), ("A305", "错误", "绩效自评表", "G15", 8),
                                          ("A325", "警告", "说明", "B2", None)]
    assert results["E3"].hyperlink.location == "'绩效自评表'!G15"  # an in-workbook link


def test_existing_output_needs_force_and_rerun_is_idempotent(tmp_path):
    src = rich_workbook(tmp_path)
    out_dir = tmp_path / "o"
    assert CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(out_dir)]).exit_code == 1
    res = CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(out_dir)])
    assert res.exit_code == 1 and "加 --force 覆盖" in res.stderr
    first = openpyxl.load_workbook(out_dir / "自评表_校验.xlsx")
    res = CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(out_dir), "--force"])
    assert res.exit_code == 1 and res.stderr == ""
    again = openpyxl.load_workbook(out_dir / "自评表_校验.xlsx")
    assert snapshot(first["绩效自评表"]) == snapshot(again["绩效自评表"])
    assert [list(r) for r in first["校验结果"].values] == [list(r) for r in again["校验结果"].values]


def test_annotating_into_the_input_folder_never_overwrites_the_input(tmp_path):
    src = rich_workbook(tmp_path)
    res = CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(tmp_path)])
    assert res.exit_code == 1
    assert (tmp_path / "自评表_校验.xlsx").exists()


def test_annotated_copy_of_an_annotated_copy_replaces_its_result_sheet(tmp_path):
    src = rich_workbook(tmp_path)
    CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(tmp_path / "a")])
    copy = tmp_path / "a" / "自评表_校验.xlsx"
    res = CliRunner().invoke(cli, ["validate", str(copy), "--annotate-dir", str(tmp_path / "b")])
    assert res.exit_code == 1
    wb = openpyxl.load_workbook(tmp_path / "b" / "自评表_校验_校验.xlsx")
    assert wb.sheetnames.count("校验结果") == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clean_workbook_gets_an_empty_result_sheet(tmp_path, lang):
    src = write(tmp_path)
    res = CliRunner().invoke(cli, ["validate", src, "--annotate-dir", str(tmp_path / "o"), "--lang", lang])
    assert res.exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "o" / "自评表_校验.xlsx")
    assert wb["校验结果"]["G2"].value == ("未发现问题" if lang == "zh" else "no findings")


def test_macro_workbook_keeps_its_macros_in_the_annotated_copy(tmp_path):
    """An .xlsm (our own Excel buttons live in one) keeps its VBA project byte for byte."""
    import zipfile

    plain = write(tmp_path, name="plain.xlsx")
    src = tmp_path / "带宏.xlsm"
    vba = b"\xd0\xcf\x11\xe0 not a real VBA project, but bytes that must survive" * 20
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/'
                                    b'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
            zout.writestr(info, data)
        zout.writestr("xl/vbaProject.bin", vba)
    res = CliRunner().invoke(cli, ["validate", str(src), "--annotate-dir", str(tmp_path / "out")])
    assert res.exit_code in (0, 1), res.output
    with zipfile.ZipFile(tmp_path / "out" / "带宏_校验.xlsm") as z:
        assert z.read("xl/vbaProject.bin") == vba
        assert "校验结果" in z.read("xl/workbook.xml").decode()


def test_a_workbook_in_another_format_gets_a_rebuilt_copy_named_apart(tmp_path):
    """An .xls (here Excel 2003 XML, as report systems export it) was refused an annotated copy
    ("请先另存为 .xlsx"): it now gets one rebuilt from what was read — values, merges, marks —
    named apart from the copy of the .xlsx beside it, and saying what it does not keep."""
    from xltools.api import validate_file

    from .test_html import spreadsheet_2003

    folder = tmp_path / "收件"
    folder.mkdir()
    src = write(folder, edits={"G15": 8})  # A305 at G15
    exported = folder / "自评表.xls"
    spreadsheet_2003(src, exported)
    out_dir = tmp_path / "标注"
    res = CliRunner().invoke(cli, ["validate", str(folder), "--annotate-dir", str(out_dir)])
    assert res.exit_code == 1, res.output
    plain, rebuilt = out_dir / "自评表_校验.xlsx", out_dir / "自评表（xls）_校验.xlsx"
    assert f"标注副本：{rebuilt}（由 .xls 文件重建为 .xlsx：保留各单元格的值和合并单元格，未保留格式和公式。）" in res.stdout
    assert f"标注副本：{plain}\n" in res.stdout
    a, b = openpyxl.load_workbook(src)["绩效自评表"], openpyxl.load_workbook(rebuilt)
    ws = b["绩效自评表"]
    values = {c.coordinate: c.value for row in a.iter_rows() for c in row if c.value not in (None, "")}
    assert {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")} == values
    assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, a.merged_cells.ranges))
    assert ws["G15"].comment.text.startswith("[A305] 填写的得分 8 与计算值 10.00 不符")
    assert ws["G15"].fill.fgColor.rgb.endswith("FFC7CE")
    last = list(b["校验结果"].iter_rows(values_only=True))[-1]
    assert last[0] == "由 .xls 文件重建为 .xlsx：保留各单元格的值和合并单元格，未保留格式和公式。"
    # the rebuilt copy reads as the file it was made of: the same findings at the same cells
    assert [(f.code, f.cell) for f in validate_file(rebuilt).findings] == \
           [(f.code, f.cell) for f in validate_file(exported).findings] == [("A305", "G15")]


def test_a_rebuilt_copy_leaves_out_what_an_xlsx_cannot_hold(tmp_path, monkeypatch):
    """A damaged .xls can place a cell past column XFD, merge the whole sheet, name a sheet with
    a slash: the rebuilt copy holds the rest, lists every finding and marks what it can (found by
    ``make fuzz-files`` with ``--annotate`` over .xls files: openpyxl raised ValueError)."""
    import xltools.reading.source as source
    from xltools.annotate import annotate_copy
    from xltools.grid import Grid
    from xltools.rules import Finding

    far = [None] * 20_000 + ["远处"]
    grids = [Grid("表/1", [["项目名称", "乡村道路"], far], merged=[(0, 0, 1 << 20, 1 << 14), (0, 1, 0, 2)])]
    monkeypatch.setattr(source, "load_grids", lambda path: grids)
    src = tmp_path / "坏.xls"
    src.write_bytes(b"")
    found = [Finding("A305", "表/1", "B1", 8, {"what": "得分", "what_en": "score", "written": "8", "computed": "10.00",
                                              "explain": ""}),
             Finding("S101", "表/1", "AZGB2", None, {"field": "项目名称", "field_en": "project name",
                                                          "problem": "为空", "problem_en": "is empty"})]
    out = annotate_copy(str(src), found, str(tmp_path / "坏_校验.xlsx"))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["表_1", "校验结果"]
    ws = wb["表_1"]
    assert (ws["A1"].value, ws["B1"].value, ws.max_column) == ("项目名称", "乡村道路", 3)
    assert [str(r) for r in ws.merged_cells.ranges] == ["B1:C1"]
    assert [r[1] for r in wb["校验结果"].iter_rows(min_row=2, max_row=3, values_only=True)] == ["A305", "S101"]

"""Web pages and Excel 2003 XML saved as .xls (what many budget systems export as "Excel") read
as the workbooks they show: LibreOffice's own HTML export of our samples, a system's page written
by hand (GBK, <th> headers, rowspan/colspan, &nbsp;, thousands separators, x:num), our samples written
as Excel writes 2003 XML; hostile and broken ones refused in a sentence."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from xltools.api import score_file, validate_file
from xltools.errors import UnreadableWorkbook
from xltools.grid import ERROR_VALUES
from xltools.reading import read_workbook
from xltools.reading.source import load_grids
from xltools.summary import summarize

from .test_templates import convert_all

KINDS = ["自评表.xlsx", "评价评分表.xlsx", "部门整体自评表.xlsx", "监控表.xlsx"]


def _codes(path):
    return sorted((f.code, f.cell) for f in validate_file(path).findings)


def test_a_page_exported_from_a_workbook_reads_as_the_workbook(tmp_path, demo, soffice):
    """Every kind, as LibreOffice saves it as a web page and a system would name it .xls: the same
    scores, grade, figures and findings at the same cells."""
    from xltools.samples import write_sample

    books = []
    for name in KINDS:
        sample, layout = demo[name]
        write_sample(sample, tmp_path / name, layout)
        books.append(str(tmp_path / name))
    convert_all(soffice, books, str(tmp_path / "html"), "html")
    for book in books:
        page = tmp_path / "html" / (os.path.basename(book)[:-5] + ".html")
        exported = tmp_path / (os.path.basename(book)[:-5] + "_导出.xls")
        shutil.copy(page, exported)
        got, want = score_file(exported)[0], score_file(book)[0]
        assert (got.total, got.grade, got.figures) == (want.total, want.grade, want.figures), book
        assert [(r.name, r.score, r.light) for r in got.rows] == [(r.name, r.score, r.light) for r in want.rows]
        assert _codes(exported) == _codes(book), book


SYSTEM_EXPORT = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=GBK">
<style>td {{ mso-number-format:"\\@"; }}</style><script>var x = "<td>不是单元格</td>";</script></head>
<body>
<table border="1"><tr><th colspan="8">项目支出绩效自评表</th></tr>
<tr><td colspan="8">（2023年度）</td></tr>
<tr><td>项目名称</td><td colspan="3">社区养老服务</td><td>主管部门</td><td>市民政局</td><td>实施单位</td><td>市养老服务中心</td></tr>
</table>
<table border="1">
<tr><th rowspan="2">项目资金<br/>（元）</th><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th></tr>
<tr><td>年度资金总额</td><td>1,000,000.00</td><td>1,200,000.00</td><td>1,140,000.00</td><td>10</td><td>95.00%</td><td>9.5</td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度<br>指标值</th><th>实际<br>完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>
<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>服务老人人数</td><td>≥500人</td><td>520人</td><td>25</td><td>25</td><td>&nbsp;</td></tr>
<tr><td>质量指标</td><td>服务合格率</td><td>≥95%</td><td>97%</td><td>15</td><td>15</td><td></td></tr>
<tr><td>时效指标</td><td>服务及时率</td><td>≥95%</td><td>90%</td><td>10</td><td>9.47</td><td>人手不足，<br>已增聘护理员</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>老人生活质量提升</td><td>有效提升</td><td>有效提升</td><td>30</td><td>30</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td><td>93%</td><td>10</td><td>10</td><td></td></tr>
<tr><td colspan="5">总分</td><td>100</td><td x:num="98.97">99.0</td><td></td></tr>
<tr><td>自评等级</td><td colspan="7">优</td></tr>
</table></body></html>"""


@pytest.mark.parametrize("charset", ["GBK", ""])  # declared, or not declared (UTF-8 fails, GB18030 reads it)
def test_a_system_export_in_gbk_reads_exactly(tmp_path, charset):
    page = SYSTEM_EXPORT.format() if charset else SYSTEM_EXPORT.format().replace("; charset=GBK", "")
    path = tmp_path / "绩效自评表导出.xls"
    path.write_bytes(page.encode("gbk"))
    scored = score_file(path)[0]
    assert [r.score for r in scored.rows] == [9.5, 25, 15, 9.47, 30, 10] and scored.total == 98.97
    assert scored.grade == "优" and scored.figures["execution_rate"] == 0.95
    table = read_workbook(path).tables[0]
    assert (table.project_name, table.field_value("unit"), table.field_value("year")) == ("社区养老服务", "市养老服务中心", 2023)
    assert table.money_unit == "元" and table.to_wan(table.funds.total().spent) == 114
    assert table.indicators[2].deviation == "人手不足，\n已增聘护理员" and table.indicators[0].level1 == "产出指标"
    assert [i.level1 for i in table.indicators] == ["产出指标"] * 3 + ["效益指标", "满意度指标"]  # rowspan
    # the written total is the value the page keeps (x:num), not the rounded text it shows: no A305
    assert [f.severity for f in validate_file(path).findings if f.severity == "error"] == []
    assert table.written_total.value == 98.97
    data = json.loads(summarize([str(tmp_path)], fmt="json").text)
    assert [(r["project"], r["annual_budget"], r["spent"], r["total"]) for r in data["records"]] == [
        ("社区养老服务", 120, 114, 98.97)]


def test_hostile_pages_are_bounded(tmp_path, monkeypatch):
    """A cell spanning a million rows and columns costs no more than a small table; a page past
    the size bound is refused in a sentence; a page without a table is no known table (S105)."""
    big = tmp_path / "跨度.xls"
    big.write_text("<table>" + '<tr><td rowspan="1000000" colspan="1000000">一级指标</td><td>x</td></tr>' * 2000
                   + "</table>", encoding="utf-8")
    t = time.perf_counter()
    [grid] = load_grids(str(big))
    assert time.perf_counter() - t < 10 and grid.height == 2000 and len(grid.rows[0]) <= 256
    assert sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, c0, r1, c1 in grid.merged) <= 100_000
    for name, page in (("注释.xls", "<html><table><tr><td>x</td></tr>" + "<!-- " * 1_000_000),  # never closed
                       ("标签.xls", "<html><table><tr><td>x" + "<a " * 1_000_000),  # tags never ended
                       ("脚本.xls", "<html><script>" + "<td>" * 1_000_000)):  # not cells: script
        (tmp_path / name).write_text(page, encoding="utf-8")
        t = time.perf_counter()
        load_grids(str(tmp_path / name))
        assert time.perf_counter() - t < 10, name  # linear: a quadratic search takes hours here
    import xltools.reading.html as html

    monkeypatch.setattr(html, "MAX_BYTES", 100)
    with pytest.raises(UnreadableWorkbook, match="表格内容过大"):
        load_grids(str(big))
    monkeypatch.undo()
    empty = tmp_path / "空.xls"
    empty.write_text("<html><body><p>导出失败</p><table></table></body></html>", encoding="utf-8")
    assert [f.code for f in validate_file(empty).findings] == ["S105"]


@pytest.mark.parametrize(("body", "words"), [
    ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data>&b;</Data>'
     "</Cell></Row></Table></Worksheet></Workbook>", "文件已损坏"),  # entities are not expanded
    ('<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>', "文件已损坏"),
])
def test_a_hostile_or_broken_excel_2003_xml_is_refused_in_a_sentence(tmp_path, body, words):
    path = tmp_path / "导出.xls"
    path.write_text('<?xml version="1.0"?>' + body, encoding="utf-8")
    with pytest.raises(UnreadableWorkbook, match=words):
        read_workbook(path)


def test_a_csv_is_not_read_as_a_page(tmp_path):
    """A page begins with a tag; a CSV holding one further on is still a CSV: its fields, as
    Excel opens it under .xls (reading/delimited.py). Named .xlsx it is refused, as Excel does."""
    from xltools.reading.source import load_grids

    csv = tmp_path / "b.xls"
    csv.write_text("项目名称,说明\n社区养老服务,<table>\n", encoding="utf-8")
    [grid] = load_grids(str(csv))
    assert grid.rows == [["项目名称", "说明"], ["社区养老服务", "<table>"]]
    misnamed = tmp_path / "b.xlsx"
    misnamed.write_bytes(csv.read_bytes())
    with pytest.raises(UnreadableWorkbook, match="这是文本文件（如 CSV）"):
        read_workbook(misnamed)


def test_a_self_evaluation_exported_as_delimited_text_reads_as_the_workbook(tmp_path):
    """A system's "Excel" export that is tab-separated text in GB18030 under .xls, and the same as
    a UTF-8 CSV with a byte-order mark: refused as text, they are read as Excel opens them — the
    demo's self-evaluation with its score and findings, cell for cell."""
    import csv as csvlib

    import openpyxl

    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["自评表.xlsx"]
    book = tmp_path / "自评表.xlsx"
    write_sample(sample, book, layout)
    rows = [["" if c.value is None else c.value for c in r] for r in openpyxl.load_workbook(book).active.iter_rows()]
    tsv, csv = tmp_path / "导出.xls", tmp_path / "导出.csv"
    with open(tsv, "w", encoding="gb18030", newline="") as fh:
        csvlib.writer(fh, delimiter="\t").writerows(rows)
    with open(csv, "w", encoding="utf-8-sig", newline="") as fh:
        csvlib.writer(fh).writerows(rows)
    want = sorted((f.code, f.cell) for f in validate_file(book).findings)
    assert want == [("A307", "H14"), ("A312", "E14"), ("A317", "E12"), ("G209", "B12")]
    for path in (tsv, csv):
        [result] = score_file(path)
        assert (result.total, result.grade, result.figures["execution_rate"]) == (94.3, "优", 0.7704)
        assert sorted((f.code, f.cell) for f in validate_file(path).findings) == want


def spreadsheet_2003(book: str, out, *, indexed: bool = True) -> None:
    """``book`` written as Excel writes Excel 2003 XML: cells covered by a merge left out, the next
    cell placed by ss:Index, merges as ss:MergeAcross/ss:MergeDown, typed ``<Data>``."""
    import datetime as dt
    from xml.sax.saxutils import escape

    import openpyxl

    wb = openpyxl.load_workbook(book)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
             '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
             'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">']
    # a style per number format other than General, as Excel names them (0% is its "Percent")
    formats = sorted({c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row
                      if c.number_format != "General"})
    style = {f: f"s{k}" for k, f in enumerate(formats, start=62)}
    parts.append("<Styles>" + "".join(
        f'<Style ss:ID="{sid}"><NumberFormat ss:Format="{"Percent" if f == "0.00%" else escape(f, {chr(34): "&quot;"})}"/>'
        "</Style>" for f, sid in style.items()) + "</Styles>")
    for ws in wb.worksheets:
        spans = {(m.min_row, m.min_col): (m.max_col - m.min_col, m.max_row - m.min_row) for m in ws.merged_cells.ranges}
        covered = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
                   for c in range(m.min_col, m.max_col + 1)} - set(spans)
        parts.append(f'<Worksheet ss:Name="{escape(ws.title)}"><Table>')
        for r in range(1, ws.max_row + 1):
            parts.append(f'<Row ss:Index="{r}">' if indexed else "<Row>")
            last = 0
            for c in range(1, ws.max_column + 1):
                v = ws.cell(r, c).value
                if (r, c) in covered or (v is None and (r, c) not in spans):
                    continue
                attrs = f' ss:Index="{c}"' if c != last + 1 else ""
                if ws.cell(r, c).number_format in style:
                    attrs += f' ss:StyleID="{style[ws.cell(r, c).number_format]}"'
                across, down = spans.get((r, c), (0, 0))
                attrs += (f' ss:MergeAcross="{across}"' if across else "") + (f' ss:MergeDown="{down}"' if down else "")
                if isinstance(v, str) and v in ERROR_VALUES:
                    data = f'<Data ss:Type="Error">{v}</Data>'
                elif isinstance(v, bool):
                    data = f'<Data ss:Type="Boolean">{int(v)}</Data>'
                elif isinstance(v, int | float):
                    data = f'<Data ss:Type="Number">{v!r}</Data>'
                elif isinstance(v, dt.datetime | dt.date):
                    data = f'<Data ss:Type="DateTime">{v.isoformat()}</Data>'
                else:
                    data = f'<Data ss:Type="String">{escape(str(v))}</Data>' if v is not None else ""
                parts.append(f"<Cell{attrs}>{data}</Cell>")
                last = c + across
            parts.append("</Row>")
        parts.append("</Table></Worksheet>")
    parts.append("</Workbook>")
    out.write_text("".join(parts), encoding="utf-8")


@pytest.mark.parametrize(("name", "indexed"), [*((k, True) for k in KINDS), ("自评表.xlsx", False)])
def test_excel_2003_xml_reads_as_the_workbook(tmp_path, demo, name, indexed):
    """Every kind written as Excel 2003 XML (what Java report systems export as .xls), rows
    numbered by ss:Index or one after another: the same scores, figures and findings at the same
    cells."""
    from xltools.samples import write_sample

    sample, layout = demo[name]
    book = tmp_path / name
    write_sample(sample, book, layout)
    exported = tmp_path / (name[:-5] + "_导出.xls")
    spreadsheet_2003(str(book), exported, indexed=indexed)
    got, want = score_file(exported)[0], score_file(book)[0]
    assert (got.total, got.grade, got.figures) == (want.total, want.grade, want.figures)
    assert [(r.name, r.score, r.light) for r in got.rows] == [(r.name, r.score, r.light) for r in want.rows]
    assert _codes(exported) == _codes(book)


def test_excel_2003_xml_error_values_are_a314_at_their_cells(tmp_path):
    """``<Data ss:Type="Error">#DIV/0!</Data>`` is a cell showing an error, as in an .xlsx: A314
    there, not a blank total (A326) nor a text."""
    from .test_validate import write

    src = write(tmp_path, edits={"G21": "#DIV/0!", "E7": "#REF!"})
    exported = tmp_path / "导出.xls"
    spreadsheet_2003(src, exported)
    got = [(f.code, f.cell, f.value) for f in validate_file(exported).findings if f.code == "A314"]
    assert got == [("A314", "E7", "#REF!"), ("A314", "G21", "#DIV/0!")]


def test_a_folder_takes_excel_2003_xml_named_xml_and_passes_other_xml(tmp_path, demo):
    """.xml is the extension Excel gives its 2003 XML format, and some systems export under it:
    such a file in a folder is summarised; any other XML (a system's config) is passed over."""
    from xltools.api import validate_files
    from xltools.samples import write_sample

    sample, layout = demo["自评表.xlsx"]
    write_sample(sample, tmp_path / "自评表.xlsx", layout)
    d = tmp_path / "收件"
    d.mkdir()
    spreadsheet_2003(str(tmp_path / "自评表.xlsx"), d / "自评表导出.xml")
    (d / "config.xml").write_text('<?xml version="1.0"?><config><table/></config>', encoding="utf-8")
    data = json.loads(summarize([str(d)], fmt="json").text)
    assert [(os.path.basename(r["path"]), r["total"]) for r in data["records"]] == [
        ("自评表导出.xml", score_file(tmp_path / "自评表.xlsx")[0].total)]
    assert [os.path.basename(s["path"]) for s in data["skipped"]] == ["config.xml"]
    assert [os.path.basename(f.path) for f in validate_files([str(d)]).files] == ["自评表导出.xml"]


def test_excel_2003_xml_shows_numbers_as_its_styles_do(tmp_path):
    """A number in a ``Percent`` or ``0%`` style, or one whose format puts words around it, reads as the
    sheet shows it (``100%``, ``≥2000人``), as in the .xlsx it was exported from: it was the bare number
    "without a unit" (G201)."""
    import openpyxl

    from .test_validate import write

    book = write(tmp_path, edits={"D14": 2000, "E14": 2050, "D17": 1, "E17": 1})
    wb = openpyxl.load_workbook(book)
    for cell, fmt in (("D14", '"≥"0"人"'), ("E14", '0"人"'), ("D17", "0%"), ("E17", "0.00%")):
        wb.active[cell].number_format = fmt
    wb.save(book)
    exported = tmp_path / "导出.xls"
    spreadsheet_2003(str(book), exported)
    [t] = read_workbook(str(exported)).tables
    assert [(i.target.text, i.actual.text) for i in (t.indicators[0], t.indicators[3])] == [
        ("≥2000人", "2050人"), ("100%", "100%")]
    assert validate_file(exported).findings == []

"""`xltools summarize`: numbers equal score and validate file by file; bad files listed, not fatal."""

from __future__ import annotations

import csv
import json
import os
import shutil
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from click.testing import CliRunner

from xltools.api import score_file, validate_file
from xltools.cli import cli

from .test_validate import CLEAN, GOALS, demo_book, write


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def batch(tmp_path, demo):
    from xltools.samples import write_sample

    d = tmp_path / "批量 2023"
    (d / "子目录").mkdir(parents=True)
    for k in range(6):
        rows = list(CLEAN.rows)
        rows[0] = replace(rows[0], actual=f"{1700 + 100 * k}人", score=None,
                          deviation="" if k % 2 else "人员不足")
        sample = replace(CLEAN, project=f"项目{k}", unit=f"单位{k % 2}", rows=rows,
                         funds=[("年度资金总额", 500, 500, 400 + 20 * k), ("其中：当年财政拨款", 500, 500, 400 + 20 * k)],
                         total=None, grade="")
        write_sample(sample, (d if k < 3 else d / "子目录") / f"自评{k}.xlsx")
    write_sample(*[demo["评价评分表.xlsx"][0]], d / "评价.xlsx")
    write_sample(replace(CLEAN, project="=HYPERLINK(\"x\")", unit="单位0"), d / "公式.xlsx")
    (d / "坏的.xlsx").write_bytes(b"PK\x03\x04broken")
    (d / "~$自评0.xlsx").write_bytes(b"lock")
    (d / "说明.txt").write_text("说明", encoding="utf-8")
    return d


def test_summary_numbers_equal_score_and_validate(batch, tmp_path):
    out = tmp_path / "汇总.xlsx"
    res = run("summarize", batch, "-o", out, "--jobs", "2")
    assert res.exit_code == 1  # one file cannot be read
    wb = openpyxl.load_workbook(out, data_only=True)  # values as shown (file and cell columns are links)
    assert wb.sheetnames == ["汇总表", "等级分布", "按单位汇总", "问题清单", "问题统计"]
    ws = wb["汇总表"]
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, (c.value for c in r), strict=False)) for r in ws.iter_rows(min_row=3)]
    files = sorted(os.path.join(root, n) for root, _, ns in os.walk(batch) for n in ns
                   if n.endswith(".xlsx") and not n.startswith(("~$", "坏")))
    assert sorted(r["文件"] for r in rows) == files
    for r in rows:
        scored = score_file(r["文件"])[0]
        report = validate_file(r["文件"])
        assert r["计算总分"] == scored.total and r["等级"] == (scored.grade or None)
        assert r["错误"] == report.counts["error"] and r["警告"] == report.counts["warning"]
        if scored.table == "selfeval":
            assert r["执行率"] == scored.figures["execution_rate"]
    problems = list(wb["问题清单"].iter_rows(min_row=3, values_only=True))
    assert [p[:5] for p in problems if p[4] == "无法读取"] == [(str(batch / "坏的.xlsx"), None, None, None, "无法读取")]
    assert {p[0] for p in problems if p[4] == "已跳过"} == {str(batch / "~$自评0.xlsx"), str(batch / "说明.txt")}
    n_findings = sum(len(validate_file(f).findings) for f in files)
    assert len([p for p in problems if p[3]]) == n_findings
    # 问题统计: per code, the findings of validate file by file and the tables showing it
    by_code: dict[str, list[int]] = {}
    for f in files:
        codes = [x.code for x in validate_file(f).findings]
        for code in set(codes):
            by_code.setdefault(code, [0, 0])[1] += 1
        for code in codes:
            by_code[code][0] += 1
    stats = list(wb["问题统计"].iter_rows(min_row=3, values_only=True))
    total = stats.pop()
    assert total[0] == "合计" and total[4] == n_findings
    assert {r[0]: [r[4], r[5]] for r in stats} == by_code
    assert all(r[6] == round(r[5] / len(rows), 4) for r in stats)
    severities = [("错误", "警告", "提示").index(r[1]) for r in stats]
    assert severities == sorted(severities) and stats[0][1] == "错误"  # errors first
    a307 = next(r for r in stats if r[0] == "A307")
    assert a307[2:4] == ("「…」…，但未填写偏差原因分析及改进措施…", "说明偏差原因及改进措施")
    formula_row = next(r for r in ws.iter_rows(min_row=3) if r[0].value.endswith("公式.xlsx"))
    assert (formula_row[3].value, formula_row[3].data_type) == ('=HYPERLINK("x")', "s")
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    for sheet in wb.worksheets:
        assert_printable(sheet)
    assert ws["A1"].value.startswith("生成于 ") and "规则集：全国默认" in ws["A1"].value
    grades = {r[0]: r[1:] for r in wb["等级分布"].iter_rows(min_row=3, values_only=True)}
    total = grades.pop("合计")
    assert sum(n for n, *_ in grades.values()) == len(rows) == total[0] and total[1] == 1
    # self-evaluations and an external evaluation: a column per kind, so neither is read from a mix
    assert [c.value for c in wb["等级分布"][2]] == ["等级", "数量", "占比", "自评表", "评价评分表"]
    for g, (n, _, own, evaluated) in grades.items():
        assert (own, evaluated) == tuple(sum(1 for r in rows if r["表格类型"] == k and r["等级"] == g)
                                         for k in ("自评表", "评价评分表")) and own + evaluated == n
    assert total[2:] == (7, 1)
    assert wb["等级分布"]._charts
    assert wb["等级分布"].auto_filter.ref == f"A2:E{2 + len(grades)}"  # the 合计 row below the filter
    import re
    import zipfile

    with zipfile.ZipFile(out) as zf:  # Excel's own name for the filtered range says the same
        names = dict(re.findall(r"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\d+\" hidden=\"1\">"
                                r"'([^']+)'!([^<]+)</definedName>", zf.read("xl/workbook.xml").decode()))
    assert names["等级分布"] == f"$A$2:$E${2 + len(grades)}"


def test_units_and_dept_rollup(batch, tmp_path):
    out = tmp_path / "汇总.xlsx"
    run("summarize", batch, "-o", out, "--dept", "--jobs", "1")
    wb = openpyxl.load_workbook(out)
    units = {(r[0], r[1]): r for r in wb["按单位汇总"].iter_rows(min_row=3, values_only=True)}
    u1 = units[("市民政局", "单位1")]
    assert u1[2:6] == (3, 1500, 1380, 0.92)  # 项目1,3,5 spent 420+460+500
    reports = [validate_file(p) for p in batch.rglob("自评[135].xlsx")]
    assert u1[8:] == (sum(r.counts["error"] > 0 for r in reports), sum(r.counts["error"] for r in reports),
                      sum(r.counts["warning"] for r in reports))
    assert u1[10] > 0, u1  # something to count
    # the last row sums every unit: money summed, the rate and mean score the batch's own
    total = units.pop(("全部合计", None))
    assert list(units)[-1] != ("全部合计", None) and len(units) == 3
    projects = [score_file(p)[0] for p in sorted(batch.rglob("*.xlsx")) if not p.name.startswith(("~$", "坏"))]
    assert total[2] == len(projects) == sum(u[2] for u in units.values()) == 8
    assert total[3] == sum(u[3] for u in units.values()) == 7 * 500  # the evaluation states no budget
    assert total[5] == round(total[4] / total[3], 4)
    scores = [p.total for p in projects]
    assert total[6] == round(sum(scores) / len(scores), 2)
    assert total[8:] == tuple(sum(u[i] for u in units.values()) for i in (8, 9, 10))
    dept = list(wb["部门整体（草稿）"].iter_rows(min_row=3, values_only=True))
    assert [d[0] for d in dept] == ["市民政局", "市贸促会"]
    spent = 6 * 400 + 20 * 15 + 480  # 自评0-5 and 公式.xlsx, each with 年初预算数 500
    assert dept[0][2:5] == (3500, 3500, spent)
    assert dept[0][5] == round(spent / 3500, 4) and dept[0][6] == round(abs(spent - 3500) / 3500, 4) == 0.0914
    assert dept[0][7] == 18.17
    assert dept[1][2] is None and dept[1][6] is None  # an evaluation states no 年初预算数


def test_dept_draft_reproduces_the_worked_department_figures(tmp_path):
    """domain.md §4: 全年预算数 5,333.85, 年初预算数 5,029.86 and 决算 5,169.66 give 执行率 96.92 %,
    预决算差异率 2.78 % and (§5) an execution score of 19.38 of 20 — here from two projects'
    funds blocks, their 全年执行数 taken for the 决算."""
    for k, (initial, annual, spent) in enumerate([(3000, 3200, 3100), (2029.86, 2133.85, 2069.66)]):
        write(tmp_path, replace(CLEAN, project=f"项目{k}", funds=[("年度资金总额", initial, annual, spent),
                                                               ("其中：当年财政拨款", initial, annual, spent)],
                                total=None, grade=""), name=f"自评{k}.xlsx")
    out = tmp_path / "汇总.xlsx"
    run("summarize", tmp_path, "-o", out, "--dept")
    ws = openpyxl.load_workbook(out)["部门整体（草稿）"]
    assert [c.value for c in ws[2]][:8] == ["主管部门", "项目数", "年初预算数（万元）", "全年预算数（万元）",
                                           "全年执行数（万元）", "执行率", "预决算差异率", "预算执行得分（20分）"]
    assert [c.value for c in ws[3]][:8] == ["市民政局", 2, 5029.86, 5333.85, 5169.66, 0.9692, 0.0278, 19.38]
    res = run("summarize", tmp_path, "--format", "json", "--quiet")
    assert json.loads(res.stdout)["departments"] == [{
        "department": "市民政局", "projects": 2, "initial_budget": 5029.86, "budget": 5333.85, "spent": 5169.66,
        "execution_rate": 0.9692, "budget_gap": 0.0278, "execution_score": 19.38,
        "mean_score": 97.7, "grades": "优2"}]  # (97.69 + 97.70) / 2, rounded half up as Excel shows it
    assert [score_file(tmp_path / f"自评{k}.xlsx")[0].total for k in (0, 1)] == [97.69, 97.7]


def test_units_typed_differently_are_one_unit(tmp_path):
    """Full-width brackets in one project office, half-width in another, a stray space: one row,
    under the spelling most rows use; two names that differ in their words stay two."""
    spellings = [("市民政局", "市养老服务指导中心（东区）"), ("市民政局", "市养老服务指导中心(东区)"),
                 ("市 民政局", "市养老服务指导中心（东区）"), ("市民政局", "市养老服务指导中心（西区）")]
    paths = [write(tmp_path, replace(CLEAN, project=f"项目{k}", department=dep, unit=unit),
                   {"G15": 8, "G21": 90} if k == 1 else None, name=f"自评{k}.xlsx")  # 自评1: two written scores wrong
             for k, (dep, unit) in enumerate(spellings)]
    out = tmp_path / "汇总" / "汇总.xlsx"
    assert run("summarize", tmp_path, "-o", out, "--dept").exit_code == 1
    wb = openpyxl.load_workbook(out)
    units = [r[:3] + r[8:] for r in wb["按单位汇总"].iter_rows(min_row=3, values_only=True)]
    east = [validate_file(p).counts for p in paths[:3]]
    assert east[1]["error"] == 2  # the row score and the total
    west = validate_file(paths[3]).counts["warning"]
    assert units == [("市民政局", "市养老服务指导中心（东区）", 3, 1, 2, sum(c["warning"] for c in east)),
                     ("市民政局", "市养老服务指导中心（西区）", 1, 0, 0, west),
                     ("全部合计", None, 4, 1, 2, sum(c["warning"] for c in east) + west)]
    assert [r[:2] for r in wb["部门整体（草稿）"].iter_rows(min_row=3, values_only=True)] == [("市民政局", 4)]
    assert [c.value for c in wb["等级分布"][2]] == ["等级", "数量", "占比"]  # one kind: no column per kind
    # every grade, those no table has too (only 优 here): a distribution to compare batches by
    assert [(r[0], r[1]) for r in wb["等级分布"].iter_rows(min_row=3, values_only=True)] == [
        ("优", 4), ("良", 0), ("中", 0), ("差", 0), ("合计", 4)]


def test_json_and_csv_to_stdout(batch):
    res = run("summarize", batch, "--format", "json", "--quiet")
    data = json.loads(res.stdout)
    assert len(data["records"]) == 8 and [u["path"] for u in data["unreadable"]] == [str(batch / "坏的.xlsx")]
    assert len(data["skipped"]) == 2 and data["grades"]
    # every grade, 0 for those no table has, as 等级分布 lists them: the same keys in every batch
    assert list(data["grades"]) == ["优", "良", "中", "差"] and 0 in data["grades"].values()
    assert all(list(g) == ["优", "良", "中", "差"] for g in data["grades_by_kind"].values())
    assert set(data["grades_by_kind"]) == {"selfeval", "evaluation"}
    assert sum(sum(g.values()) for g in data["grades_by_kind"].values()) == sum(data["grades"].values())
    assert data["units_by"] == "projects"
    assert [(u["unit"], u["projects"]) for u in data["units"]] == [("单位0", 4), ("单位1", 3), ("市贸促会展览部", 1)]
    total = data["units_total"]
    assert total["projects"] == sum(u["projects"] for u in data["units"]) == len(data["records"])
    assert total["budget"] == sum(r["annual_budget"] or 0 for r in data["records"])
    assert total["spent"] == sum(r["spent"] or 0 for r in data["records"])
    res = run("summarize", batch, "--format", "csv", "--jobs", "2")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("文件,工作表,表格类型,项目名称") and len(lines) == 9
    formula = [row for row in csv.reader(lines) if "公式.xlsx" in row[0]]
    assert formula[0][3] == "'=HYPERLINK(\"x\")"  # Excel opening the CSV must not run it
    assert formula[0][7] == "500.0"  # numbers are not touched
    header = next(csv.reader(lines))
    assert header[-4:] == ["决策", "过程", "产出", "效益"]  # the batch holds an evaluation, as 汇总表 shows it
    evaluation = next(row for row in csv.reader(lines) if row[0].endswith("评价.xlsx"))
    assert evaluation[-4:] == ["8.32", "17.42", "37.81", "22.44"]
    assert formula[0][-4:] == ["", "", "50.0", "28.0"]  # a self-evaluation's 产出/效益 parts, as in the xlsx


def test_a_csv_file_opens_in_excel_as_utf8(batch, tmp_path):
    """Excel and WPS open a CSV without a byte-order mark in the system's code page (GBK on
    Chinese Windows): every name garbled. A file gets the mark; stdout (pipelines) does not."""
    out = tmp_path / "汇总.csv"
    assert run("summarize", batch, "-o", out, "--format", "csv").exit_code == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + "文件,工作表".encode())
    assert not run("summarize", batch, "--format", "csv").stdout.startswith("\ufeff")


def test_exit_zero_when_all_clean(tmp_path):
    d = tmp_path / "ok"
    d.mkdir()
    for k in range(3):
        shutil.copy(write(tmp_path, name=f"a{k}.xlsx"), d / f"a{k}.xlsx")
    res = run("summarize", d, "-o", tmp_path / "s.xlsx")
    assert res.exit_code == 0, res.output


def assert_printable(sheet):
    """Printed on A4 landscape, one page wide, title and header rows on every page, page numbers."""
    setup = (int(sheet.page_setup.paperSize), sheet.page_setup.orientation, sheet.page_setup.fitToWidth,
             sheet.page_setup.fitToHeight, sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.print_title_rows)
    assert setup == (9, "landscape", 1, 0, True, "$1:$2"), (sheet.title, setup)
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_in_workbook_summary_sheet(tmp_path):
    src = tmp_path / "部门项目.xlsx"
    a = openpyxl.load_workbook(write(tmp_path, name="a.xlsx"))
    b = openpyxl.load_workbook(write(tmp_path, replace(CLEAN, project="第二个项目"), name="b.xlsx"))
    ws2 = a.create_sheet("项目2")
    from xltools.annotate import write_text

    for row in b.active.iter_rows():
        for c in row:
            write_text(ws2[c.coordinate], c.value)  # "=100%" stays text
    a.active.title = "项目1"
    a.save(src)
    out = tmp_path / "部门项目_汇总.xlsx"
    res = run("summarize", src, "--sheet", "汇总", "-o", out)
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "项目1", "项目2"]
    rows = list(wb["汇总"].iter_rows(min_row=3, values_only=True))
    total = rows.pop()
    assert [(r[1], r[3], r[11]) for r in rows] == [("项目1", "社区养老服务中心运营补助", 97.6), ("项目2", "第二个项目", 97.6)]
    # the last row sums the projects below the filter: budget, spending, their rate, the mean score
    assert (total[0], total[3], total[7:10], total[11:13]) == (
        "全部合计", "共 2 个项目；计算总分栏为平均分", (1000, 960, 0.96), (97.6, "优2"))
    assert wb["汇总"].auto_filter.ref == "A2:S4"
    assert sorted((str(cf.sqref), r.formula[0]) for cf in wb["汇总"].conditional_formatting for r in cf.rules) == [
        ("J3:J4", 'AND(ISNUMBER(J3),J3<0.9,$C3<>"运行监控表")'), ("M3:M4", 'M3="差"'), ("R3:R4", "AND(ISNUMBER(R3),R3>0)")]
    assert wb["项目1"]["B4"].value == "社区养老服务中心运营补助"  # everything else kept
    assert_printable(wb["汇总"])


def test_in_workbook_summary_of_an_export_is_a_rebuilt_copy(tmp_path):
    """A department's workbook as its system exports it (Excel 2003 XML named .xls) was refused a
    summary copy; it gets one rebuilt as .xlsx, whose title and the command's output say so."""
    from .test_html import spreadsheet_2003

    src = tmp_path / "部门项目.xls"
    spreadsheet_2003(write(tmp_path, name="a.xlsx"), src)
    out = tmp_path / "部门项目_汇总.xlsx"
    res = run("summarize", src, "--sheet", "汇总", "-o", out)
    note = "由 .xls 文件重建为 .xlsx：保留各单元格的值和合并单元格，未保留格式和公式。"
    assert res.exit_code == 0 and f"{out}（{note}）：1 个文件，1 张表" in res.stderr, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "绩效自评表"]
    assert wb["汇总"]["A1"].value == f"汇总（xltools 生成）  {note}"
    assert [r[3] for r in wb["汇总"].iter_rows(min_row=3, max_row=3, values_only=True)] == ["社区养老服务中心运营补助"]
    assert wb["绩效自评表"]["B4"].value == "社区养老服务中心运营补助"

def test_usage_errors(batch, tmp_path):
    assert run("summarize", batch).exit_code == 2  # xlsx needs -o
    assert run("summarize", batch, "--sheet", "汇总", "-o", tmp_path / "x.xlsx").exit_code == 2
    out = tmp_path / "s.xlsx"
    out.write_bytes(b"")
    res = run("summarize", batch, "-o", out)
    assert res.exit_code == 1 and "--force" in res.stderr


def _run_with_tty_stderr(args: list[str]) -> str:
    import pty
    import subprocess
    import sys

    try:
        master, slave = pty.openpty()
    except OSError as e:  # a container without pseudo-terminals
        pytest.skip(f"no pseudo-terminal here: {e}")
    proc = subprocess.Popen([sys.executable, "-m", "xltools", *args], stdout=subprocess.DEVNULL,
                            stderr=slave, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    return out.decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_for_big_batches(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    src = write(tmp_path, name="one.xlsx")
    for k in range(21):
        shutil.copy(src, d / f"p{k:02d}.xlsx")
    assert "汇总中" in _run_with_tty_stderr(["summarize", str(d), "-o", str(tmp_path / "s.xlsx"), "--jobs", "1"])
    assert "汇总中" not in _run_with_tty_stderr(["summarize", str(d), "-o", str(tmp_path / "t.xlsx"), "--quiet"])
    few = tmp_path / "few"
    few.mkdir()
    shutil.copy(src, few / "a.xlsx")
    assert "汇总中" not in _run_with_tty_stderr(["summarize", str(few), "-o", str(tmp_path / "u.xlsx")])
    res = run("summarize", d, "-o", tmp_path / "v.xlsx")  # not a terminal: no bar
    assert "汇总中" not in res.stderr


def test_a_path_that_does_not_exist_is_listed_and_fails_the_run(tmp_path):
    src = write(tmp_path, name="ok.xlsx")
    res = run("summarize", src, tmp_path / "没有这个文件.xlsx", "-o", tmp_path / "s.xlsx")
    assert res.exit_code == 1 and "其中 1 个路径不存在" in res.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "s.xlsx", data_only=True)["问题清单"].iter_rows(min_row=3,
                                                                                              values_only=True))
    assert rows[0][0].endswith("没有这个文件.xlsx") and rows[0][5] == "文件不存在"


@pytest.mark.parametrize("name, content, words", [
    ("不存在.xlsx", None, "文件不存在"),
    ("坏的.xlsx", b"PK\x03\x04broken", "文件已损坏"),
    ("文本.xlsx", "项目,金额\n".encode(), "文本文件"),
])
def test_in_workbook_summary_refuses_unreadable_input_plainly(tmp_path, name, content, words):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    res = run("summarize", src, "--sheet", "汇总", "-o", tmp_path / "out.xlsx")
    assert res.exit_code == 2 and words in res.stderr and "内部错误" not in res.output
    assert not (tmp_path / "out.xlsx").exists()


def test_text_with_characters_xml_cannot_hold_is_written_without_them(tmp_path):
    from .hostile import with_escaped_characters

    rows = list(CLEAN.rows)
    rows[0] = replace(rows[0], name=rows[0].name + "VTAB续", actual="1700人", score=None, deviation="")
    plain = write(tmp_path, replace(CLEAN, project="项目VTAB第二行", rows=rows), name="plain.xlsx")
    src = tmp_path / "竖向制表符.xlsx"
    with_escaped_characters(str(plain), str(src))
    messages = [f.message() for f in validate_file(str(src)).findings]
    base = CLEAN.rows[0].name
    assert any(f"「{base}\x0b续」" in m for m in messages)  # the reader decodes it

    res = run("validate", src, "--annotate-dir", tmp_path / "校验")
    assert res.exit_code in (0, 1) and "内部错误" not in res.output
    result = openpyxl.load_workbook(tmp_path / "校验" / "竖向制表符_校验.xlsx")["校验结果"]
    messages = [c.value for c in result["G"]]
    assert any(f"「{base}续」" in str(m) for m in messages)

    assert run("summarize", src, "-o", tmp_path / "s.xlsx").exit_code in (0, 1)
    assert openpyxl.load_workbook(tmp_path / "s.xlsx", data_only=True)["汇总表"]["D3"].value == "项目第二行"
    assert run("summarize", src, "--sheet", "汇总", "-o", tmp_path / "in.xlsx").exit_code in (0, 1)
    assert openpyxl.load_workbook(tmp_path / "in.xlsx")["汇总"]["D3"].value == "项目第二行"


def test_rerun_into_the_same_folder_skips_its_own_summary_and_annotated_copies(tmp_path):
    d = tmp_path / "2023自评"
    d.mkdir()
    for k in range(2):
        shutil.copy(write(tmp_path, replace(CLEAN, project=f"项目{k}"), name=f"a{k}.xlsx"), d / f"项目{k}.xlsx")
    assert run("validate", d / "项目0.xlsx", "--annotate-dir", d / "校验").exit_code == 0
    out = d / "汇总.xlsx"
    for files, skipped in ((2, 1), (3, 3)):  # the second run finds its own output and an older summary
        res = run("summarize", d, "-o", out, "--force")
        assert res.exit_code == 0, res.output
        assert f"{files} 个文件，2 张表，0 个无法读取，0 张表有错误，跳过 {skipped} 个" in res.stderr
        shutil.copy(out, d / "汇总_20231201_093000.xlsx")  # as the Excel button names its summaries
    rows = openpyxl.load_workbook(out, data_only=True)["问题清单"].iter_rows(min_row=3, values_only=True)
    assert {(os.path.basename(r[0]), r[4], r[5]) for r in rows} == {
        ("汇总.xlsx", "已跳过", "本次汇总的输出文件，已跳过"),
        ("项目0_校验.xlsx", "已跳过", "xltools 校验标注副本（其原文件另行汇总），已跳过；如需汇总请改名"),
        ("汇总_20231201_093000.xlsx", "已跳过", "xltools 生成的汇总表，已跳过")}
    data = json.loads(run("summarize", d, "--format", "json", "--jobs", "1").stdout)
    assert len(data["records"]) == 2 and not data["unreadable"] and len(data["skipped"]) == 3


@pytest.mark.parametrize("name", ["汇总/2023", "x" * 32, "", "History", "'汇总"])
def test_in_workbook_summary_refuses_sheet_names_excel_would_not_take(tmp_path, name):
    src = write(tmp_path, name="a.xlsx")
    res = run("summarize", src, "--sheet", name, "-o", tmp_path / "out.xlsx")
    assert res.exit_code == 2 and "工作表名" in res.stderr and not (tmp_path / "out.xlsx").exists()


def test_markup_characters_in_names_round_trip_through_the_summary(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    name = "A&B <试点> 项目 \"一期\" 'x'"
    shutil.copy(write(tmp_path, replace(CLEAN, project=name, unit="单位<甲>&乙")), d / "a.xlsx")
    assert run("summarize", d, "-o", tmp_path / "s.xlsx").exit_code == 0
    row = next(openpyxl.load_workbook(tmp_path / "s.xlsx", data_only=True)["汇总表"].iter_rows(min_row=3,
                                                                                                 values_only=True))
    assert row[3] == name and row[5] == "单位<甲>&乙"


def test_json_and_csv_to_a_file_are_written_whole(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(write(tmp_path, name="a.xlsx"), d / "a.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    assert run("summarize", d, "--format", "json", "-o", out / "s.json").exit_code == 0
    assert run("summarize", d, "--format", "csv", "-o", out / "s.csv").exit_code == 0
    assert len(json.loads((out / "s.json").read_text(encoding="utf-8"))["records"]) == 1
    assert (out / "s.csv").read_text(encoding="utf-8-sig").startswith("文件,工作表")
    assert sorted(os.listdir(out)) == ["s.csv", "s.json"]  # no temporary file left beside them


def test_lang_en_summary(batch, tmp_path):
    """--lang en: headers, banners, states, severities and reasons in English; sheet names stay."""
    import python_calamine as pc

    out = tmp_path / "summary.xlsx"
    assert run("summarize", batch, "-o", out, "--lang", "en").exit_code == 1  # 坏的.xlsx
    wb = pc.CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names[:4] == ["汇总表", "等级分布", "按单位汇总", "问题清单"]
    rows = wb.get_sheet_by_name("汇总表").to_python()
    assert rows[0][0].startswith("generated ") and "tables: 8; unreadable files: 1" in rows[0][0]
    assert rows[1][:4] == ["file", "sheet", "table type", "project"] and "red/yellow lights" in rows[1]
    assert {r[2] for r in rows[2:]} == {"self-evaluation", "evaluation"}
    problems = wb.get_sheet_by_name("问题清单").to_python()
    assert problems[1] == ["file", "sheet", "cell", "code", "severity", "problem", "suggestion"]
    states = {r[4] for r in problems[2:]}
    assert {"skipped", "unreadable"} <= states and "警告" not in states and "warning" in states
    assert any(r[5] == "Office lock file (~$): skipped" for r in problems[2:])
    assert [r[1] for r in wb.get_sheet_by_name("等级分布").to_python()[1:2]] == ["count"]
    csv_out = run("summarize", batch, "--format", "csv", "--lang", "en").output.splitlines()
    assert csv_out[0].startswith("file,sheet,table type,project,department,implementing unit,year")
    data = json.loads(run("summarize", batch, "--format", "json", "--lang", "en").output)
    assert {s["reason"] for s in data["skipped"]} == {"Office lock file (~$): skipped",
                                                       "not a workbook (not .xlsx/.xlsm/.xls/.et/.ods): skipped"}


def test_goal_declarations_in_the_batch_are_compared(tmp_path):
    """A self-evaluation whose 目标申报表 is in the batch: the findings of validate --goals, in 问题清单."""
    from xltools.api import read_goals
    from xltools.declared import CODES

    d = tmp_path / "申报与自评"
    d.mkdir()
    gpath = write(d, GOALS, name="目标.xlsx")
    changed = write(d, CLEAN, {"D14": "≥1800人", "C15": "开展健康讲座次数", "C7": 520, "C8": 520},
                    name="自评.xlsx")
    other = write(d, replace(CLEAN, project="另一个项目"), {"D14": "≥1800人"}, name="另一个.xlsx")
    expected = [(f.cell, f.code) for f in validate_file(changed, goals=read_goals(gpath)).findings if f.code in CODES]
    assert expected == [("C7", "A319"), ("C8", "A319"), ("D14", "A311"), ("C15", "A311")]  # (C15: 场次 renamed)

    def a311(*extra):
        res = run("summarize", d, "--format", "json", "--jobs", "2", *extra)
        data = json.loads(res.stdout)
        got = [(p["path"], p["cell"], p["code"]) for p in data["problems"] if p["code"] in CODES]
        warnings = {r["path"]: r["warnings"] for r in data["records"]}
        return got, warnings, data

    got, warnings, data = a311()
    assert got == [(changed, cell, code) for cell, code in expected]  # the other project has no declaration here
    assert warnings[changed] == len(validate_file(changed, goals=read_goals(gpath)).findings)
    assert warnings[other] == len(validate_file(other).findings)
    assert all("与绩效目标申报表「目标.xlsx」不一致" in p["message"] for p in data["problems"] if p["code"] == "A311")
    assert {r["path"]: r["goals_file"] for r in data["records"]} == {gpath: "", changed: "目标.xlsx", other: ""}
    assert a311("--no-pair-goals")[0] == []
    # two declarations of one project and year: which one counts is not ours to guess
    shutil.copy(gpath, d / "目标（修订）.xlsx")
    assert a311()[0] == []


def test_many_pairs_are_compared_in_parallel(tmp_path):
    from xltools.summary import summarize
    from xltools.summary.pairs import find_pairs

    for k in range(20):  # more pairs than one task holds, so the workers share them
        write(tmp_path, replace(GOALS, project=f"项目{k}"), name=f"目标{k}.xlsx")
        write(tmp_path, replace(CLEAN, project=f"项目{k}"), {"D14": f"≥{1800 + k}人"}, name=f"自评{k}.xlsx")
    res = summarize([str(tmp_path)], fmt="json", jobs=2)
    data = json.loads(res.text)
    assert len(find_pairs(_records(data))) == 20  # two tasks of 16 and 4 pairs
    got = sorted((p["path"], p["message"]) for p in data["problems"] if p["code"] == "A311")
    assert got == sorted((str(tmp_path / f"自评{k}.xlsx"),
                          f"与绩效目标申报表「目标{k}.xlsx」不一致：「服务老人人数」指标值「≥{1800 + k}人」与申报的「≥2000人」不同")
                         for k in range(20))


def test_projects_one_below_another_are_rows_of_their_own(tmp_path):
    """A sheet of two projects one below the other: two 汇总表 rows, each with its own total, and
    its link opening the sheet at its own 项目名称 row (the second one's too, not at A1)."""
    from tests.test_validate import stacked

    path, below = stacked(tmp_path, second={(21, 7): 90})  # the second's written total: 90 for 97.60
    out = tmp_path / "汇总.xlsx"
    assert run("summarize", path, "-o", out).exit_code == 1
    ws = openpyxl.load_workbook(out)["汇总表"]
    head = [c.value for c in ws[2]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=4)]
    at = {k: head.index(k) for k in ("项目名称", "填报总分", "计算总分", "错误")}
    assert [[r[at[k]] for k in at] for r in rows] == [["社区养老服务中心运营补助", 97.6, 97.6, 0],
                                                       ["第二个项目", 90, 97.6, 1]]
    assert [r[0].split("!")[1].split('"')[0] for r in rows] == ["A4", f"A{below + 4}"]


def _records(data):
    from xltools.summary import Record

    return [Record(**r) for r in data["records"]]


def test_findings_link_to_their_cells(tmp_path):
    """A reviewer clicks a finding in 问题清单 and lands on the cell; links are relative to the
    summary, so the folder can be moved as a whole. Values read as text (a link's value is its text)."""
    d = tmp_path / "自评"
    d.mkdir()
    write(d, CLEAN, {"G15": 8}, name="a'b.xlsx")
    out = tmp_path / "汇总" / "汇总.xlsx"
    assert run("summarize", d, "-o", out).exit_code == 1
    wb = openpyxl.load_workbook(out)
    finding = next(r for r in wb["问题清单"].iter_rows(min_row=3) if r[3].value == "A305")
    target, path = os.path.join("..", "自评", "a'b.xlsx"), str(d / "a'b.xlsx")
    sheet = "#'绩效自评表'!"
    assert finding[2].value == f'=HYPERLINK("{target}{sheet}G15","G15")'
    assert finding[0].value == path  # one link per row: the cell's
    assert finding[2].font.u == "single"
    assert wb["汇总表"]["A3"].value == f'=HYPERLINK("{target}{sheet}A4","{path}")'  # (its 项目名称's row)
    shown = openpyxl.load_workbook(out, data_only=True)["问题清单"]
    assert [c.value for c in shown[finding[2].row]][:4] == [path, "绩效自评表", "G15", "A305"]


def _saved_on(path, when: str) -> None:
    """Rewrite the last-save time a workbook records (docProps/core.xml), as Excel would on saving."""
    import re
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as zi:
        for item in zi.infolist():
            data[item.filename] = zi.read(item.filename)
    core, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + when.encode() + rb"\g<2>", data["docProps/core.xml"])
    assert n == 1
    data["docProps/core.xml"] = core
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
        for name, content in data.items():
            zo.writestr(name, content)


def test_a_repeated_table_says_which_copy_was_saved_last(tmp_path):
    """Which copy to keep is usually the later one; files collected by e-mail all carry the day
    they were saved to disk, so S106 tells the time each workbook records of its own last save."""
    from datetime import UTC, datetime

    from xltools.api import validate_files

    d = tmp_path / "收件"
    d.mkdir()
    first = write(d, CLEAN, name="养老.xlsx")
    later = write(d, CLEAN, {"E14": "1900人", "G14": 19, "G21": 96.6}, name="养老（修改后）.xlsx")
    _saved_on(first, "2024-03-05T06:20:00Z")
    _saved_on(later, "2024-03-06T01:10:00Z")

    def local(*args: int) -> str:
        return datetime(*args, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")

    said = {os.path.basename(fr.path): f.message() for fr in validate_files([str(d)]).files for f in fr.findings
            if f.code == "S106"}
    assert said == {
        "养老.xlsx": "2023年度「社区养老服务中心运营补助」的项目支出绩效自评表在本批文件中出现 2 次（另见 "
                     f"{later}「绩效自评表」（总分 96.60，保存于 {local(2024, 3, 6, 1, 10)}，最新）），各份总分不同（本表 97.60），"
                     f"本份保存于 {local(2024, 3, 5, 6, 20)}，汇总时会重复计入",
        "养老（修改后）.xlsx": "2023年度「社区养老服务中心运营补助」的项目支出绩效自评表在本批文件中出现 2 次（另见 "
                             f"{first}「绩效自评表」（总分 97.60，保存于 {local(2024, 3, 5, 6, 20)}）），各份总分不同（本表 96.60），"
                             f"本份保存于 {local(2024, 3, 6, 1, 10)}，是最新的一份，汇总时会重复计入",
    }
    _saved_on(later, "2024-03-05T06:20:30Z")  # saved within the same minute: the times say nothing
    assert all("保存于" not in f.message() for fr in validate_files([str(d)]).files for f in fr.findings)


def test_a_table_given_twice_is_flagged_in_summary_and_validate(tmp_path):
    """A resubmitted workbook and a copied sheet are summed twice: every copy gets S106 naming
    the others (with the totals when they differ); look-alikes of other projects do not."""
    from xltools.api import validate_files
    from xltools.summary import summarize

    d = tmp_path / "收件"
    (d / "补交").mkdir(parents=True)
    first = write(d, CLEAN, name="养老.xlsx")
    again = d / "补交" / "养老（修改后）.xlsx"
    shutil.copy(first, again)
    edited = write(d, CLEAN, {"E14": "1900人", "G14": 19, "G21": 96.6}, name="养老 v3.xlsx")  # another version: 96.60
    wb = openpyxl.load_workbook(write(d, replace(CLEAN, project="助餐服务"), name="两张.xlsx"))
    wb.copy_worksheet(wb.active).title = "副本"  # a sheet copied within the workbook
    wb.save(d / "两张.xlsx")
    write(d, replace(CLEAN, unit="区养老服务中心"), name="同名别的单位.xlsx")  # a common name, another unit
    write(d, replace(CLEAN, project="社区养老服务中心运营补助（二期）"), name="二期.xlsx")
    write(d, replace(CLEAN, year=2022), name="上年.xlsx")
    data = json.loads(summarize([str(d)], fmt="json", jobs=2).text)
    got = sorted((p["path"], p["sheet"], p["cell"], p["message"]) for p in data["problems"] if p["code"] == "S106")
    same = "2023年度「社区养老服务中心运营补助」的项目支出绩效自评表在本批文件中出现 3 次（另见 {}），各份总分不同（本表 {}），汇总时会重复计入"
    copied = "2023年度「助餐服务」的项目支出绩效自评表在本批文件中出现 2 次（另见 本文件「{}」），汇总时会重复计入"
    versions = [(str(edited), "96.60"), (str(first), "97.60"), (str(again), "97.60")]  # in the order found
    two = str(d / "两张.xlsx")
    assert got == sorted([
        *((path, "绩效自评表", "B4", same.format("、".join(f"{p}「绩效自评表」（总分 {t}）" for p, t in versions if p != path), total))
          for path, total in versions),
        (two, "绩效自评表", "B4", copied.format("副本")),
        (two, "副本", "B4", copied.format("绩效自评表")),
    ])
    assert {r["path"]: r["warnings"] for r in data["records"] if r["sheet"] != "副本"}[str(again)] == \
        len(validate_file(again).findings) + 1
    # 问题统计 counts the batch's own findings too: five tables with S106, one with S107
    codes = {c["code"]: (c["findings"], c["tables"]) for c in data["codes"]}
    assert codes["S106"] == (5, 5) and codes["S107"] == (1, 1)
    assert sum(n for n, _ in codes.values()) == len(data["problems"])
    res = run("summarize", d, "-o", tmp_path / "汇总.xlsx")
    assert res.exit_code == 0 and "5 张表重复出现（S106），合计数按重复计入" in res.stderr
    # last year's table among this year's: an info at its 年度 (7 of the 8 self-evaluations are of 2023)
    other = [(p["path"], p["cell"], p["severity"], p["message"]) for p in data["problems"] if p["code"] == "S107"]
    assert other == [(str(d / "上年.xlsx"), "A2", "info", "「社区养老服务中心运营补助」的年度是 2022，本批 8 张项目支出绩效自评表中有 7 张是 2023 年度")]
    # validate over the same folder says the same, at the same cells
    report = validate_files([str(d)])
    said = sorted((fr.path, f.sheet, f.cell, f.message()) for fr in report.files for f in fr.findings if f.code == "S106")
    assert said == got
    assert [(fr.path, f.cell, f.message()) for fr in report.files for f in fr.findings if f.code == "S107"] == \
        [(p, c, m) for p, c, _, m in other]
    assert not any(f.code == "S106" for fr in validate_files([str(d)], ignore={"S106"}).files for f in fr.findings)


def test_a_batch_of_declarations_is_summed_by_unit(tmp_path):
    """The declaration season: no self-evaluation yet, so 按单位汇总 counts the declarations and
    their declared 年度资金总额 (spending, rates and scores stay empty: there are none)."""
    for k, unit in enumerate(["东区中心", "东区中心", "西区中心"]):
        write(tmp_path, replace(GOALS, project=f"项目{k}", unit=unit,
                                amounts=[("年度资金总额", 100 * (k + 1)), ("其中：财政拨款", 100 * (k + 1)), ("其他资金", 0)]),
              name=f"申报{k}.xlsx")
    out = tmp_path / "汇总" / "汇总.xlsx"
    run("summarize", tmp_path, "-o", out)
    wb = openpyxl.load_workbook(out, data_only=True)
    ws = wb["汇总表"]
    header = [c.value for c in ws[2]]
    assert [r[header.index("全年预算数（万元）")] for r in ws.iter_rows(min_row=3, values_only=True)] == [100, 200, 300]
    units = wb["按单位汇总"]
    assert [c.value for c in units[2]][3] == "年度资金总额（万元）"
    warnings = validate_file(tmp_path / "申报0.xlsx").counts["warning"]
    assert list(units.iter_rows(min_row=3, values_only=True)) == [
        ("市民政局", "东区中心", 2, 300, None, None, None, None, 0, 0, 2 * warnings),
        ("市民政局", "西区中心", 1, 300, None, None, None, None, 0, 0, warnings),
        ("全部合计", None, 3, 600, None, None, None, None, 0, 0, 3 * warnings)]


def test_unit_figures_round_as_excel_shows_them():
    # the mean of 85.01 and 85.00 is 85.005, which Excel shows as 85.01; Python's round() gave 85.00
    from xltools.summary import Record
    from xltools.summary.write import Aggregates, _unit_values

    agg = Aggregates()
    for total in (85.01, 85.0):
        agg.add(Record("a.xlsx", "表", "selfeval", "项目", "局", "中心", "2023", annual_budget=100.0, spent=96.925,
                       total=total, grade="良"))
    (u,) = agg.units.values()
    assert _unit_values(u)[2:5] == [193.85, 0.9693, 85.01]  # 96.925 + 96.925; 193.85 / 200 = 96.925 %


def test_a_report_whose_name_was_typed_differently_from_its_declaration(tmp_path):
    """Pairing needs the same project name; a report left unpaired beside a declaration of a very
    similar name that has no report is said (S108), in summarize and validate alike."""
    from xltools.api import validate_files
    from xltools.summary import summarize

    declared = write(tmp_path, GOALS, name="申报.xlsx")
    renamed = write(tmp_path, replace(CLEAN, project="社区养老服务中心运营经费补助"), name="自评.xlsx")
    write(tmp_path, replace(GOALS, project="助餐服务"), name="助餐申报.xlsx")
    write(tmp_path, replace(CLEAN, project="助餐服务"), name="助餐自评.xlsx")  # paired: nothing to say
    write(tmp_path, replace(CLEAN, project="老年大学"), name="老年大学.xlsx")  # no declaration near it
    data = json.loads(summarize([str(tmp_path)], fmt="json").text)
    got = [(p["path"], p["cell"], p["severity"], p["message"]) for p in data["problems"] if p["code"] == "S108"]
    assert got == [(str(renamed), "B4", "info", f"本批中没有「社区养老服务中心运营经费补助」的目标申报表，名称最接近的是 {declared} "
                                               "中的「社区养老服务中心运营补助」，两表未作对照")]
    said = [(fr.path, f.cell, f.severity, f.message()) for fr in validate_files([str(tmp_path)]).files
            for f in fr.findings if f.code == "S108"]
    assert said == got
    assert not [p for p in json.loads(summarize([str(tmp_path)], fmt="json", pair_goals=False).text)["problems"]
                if p["code"] == "S108"]


def test_copies_in_an_open_document_and_a_workbook_are_compared_by_their_saved_times(tmp_path, soffice):
    """An .xlsx records its last save in UTC (`…Z`), an .ods in local time without a zone: S106
    compared the two and `summarize` stopped on the batch (TypeError: can't compare offset-naive
    and offset-aware datetimes) — and then failed again removing its half-written output (the zip
    refused to close under the sheet being written). Both are local times now."""
    import re
    from datetime import datetime

    from xltools.reading.source import saved_at
    from xltools.summary import summarize

    from .conftest import convert

    d = tmp_path / "收件"
    d.mkdir()
    first = write(d, CLEAN, name="养老.xlsx")
    _saved_on(first, "2024-03-05T06:20:00Z")
    ods = convert(soffice, first, "ods", str(d))
    import zipfile

    with zipfile.ZipFile(ods) as zi:  # saved a day later, as LibreOffice states it: local, no zone
        parts = [(i, zi.read(i.filename)) for i in zi.infolist()]
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as zo:
        for info, data in parts:
            if info.filename == "meta.xml":
                data = re.sub(rb"<dc:date>[^<]*</dc:date>", b"<dc:date>2024-03-06T09:10:00</dc:date>", data)
            zo.writestr(info, data)
    assert saved_at(ods) == datetime(2024, 3, 6, 9, 10) and saved_at(first).tzinfo is None
    result = summarize([str(d)], str(tmp_path / "汇总.json"), fmt="json")
    assert (result.files, result.tables, result.repeated) == (2, 2, 2)
    data = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))
    said = {os.path.basename(p["path"]): p["message"] for p in data["problems"] if p["code"] == "S106"}
    assert "（保存于 2024-03-06 09:10，最新）" in said["养老.xlsx"] and "本份保存于 2024-03-06 09:10，是最新的一份" in said["养老.ods"]


def test_a_summary_given_up_while_a_sheet_is_open_leaves_nothing(tmp_path):
    from xltools.summary.write import XlsxSummary

    out = tmp_path / "汇总.xlsx"
    sink = XlsxSummary(str(out), rules_name="national", skipped=[("a.docx", "不是工作簿")])
    sink.discard()
    assert os.listdir(tmp_path) == []


def test_force_never_writes_a_summary_over_a_workbook_of_tables(tmp_path):
    """`-o 自评表.xlsx --force` (typed for 汇总.xlsx) passed the unit's self-evaluation over as the
    output and then replaced it with the summary. An earlier summary is still overwritten."""
    from pathlib import Path

    d = tmp_path / "收件"
    d.mkdir()
    src = write(d, CLEAN, name="自评表.xlsx")
    before = Path(src).read_bytes()
    res = CliRunner().invoke(cli, ["summarize", str(d), "-o", src, "--force"])
    assert res.exit_code == 1 and Path(src).read_bytes() == before
    assert res.stderr.strip() == "错误：自评表.xlsx：这是一份含有绩效表的工作簿，不能用汇总表覆盖（--force 也不行）；请换一个输出文件名。"
    out = str(d / "汇总.xlsx")
    assert CliRunner().invoke(cli, ["summarize", str(d), "-o", out]).exit_code == 0
    assert CliRunner().invoke(cli, ["summarize", str(d), "-o", out, "--force"]).exit_code == 0


def test_an_xlsb_in_a_folder_is_listed_as_unreadable_with_how_to_convert_it(tmp_path):
    """A folder's .xlsb was skipped as "not a workbook": a project missing from the summary
    without a word of why. It is read, refused and listed as unreadable (exit 1)."""
    import zipfile

    d = tmp_path / "收件"
    d.mkdir()
    write(d, CLEAN, name="自评表.xlsx")
    with zipfile.ZipFile(d / "二进制.xlsb", "w") as zf:
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    res = CliRunner().invoke(cli, ["summarize", str(d), "-o", str(tmp_path / "汇总.json"), "--format", "json"])
    assert res.exit_code == 1
    unread = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["unreadable"]
    assert [(os.path.basename(u["path"]), u["error"]) for u in unread] == [
        ("二进制.xlsb", "二进制.xlsb：这是 Excel 二进制工作簿（.xlsb），不受支持；请在 Excel 中另存为 .xlsx 后再试。")]


def test_a_row_that_does_not_apply_is_not_counted_among_the_indicators(tmp_path):
    """服务老人人数 answered 不适用 (A332): left out of the total, and of the 指标数 too — it was one of
    the seven, not met, as if it had failed."""
    from xltools.ruleset import load_rules
    from xltools.summary.collect import summarize_file

    path = write(tmp_path, CLEAN, edits={"E14": "不适用"}, name="自评表.xlsx")
    [record] = summarize_file(str(path), load_rules(None))[0]
    assert (record.total, record.met, record.indicators) == (77.6, 6, 6)


def test_a_csv_named_is_summarized_one_in_a_folder_is_skipped(tmp_path):
    """A CSV export named on the command line is the table it holds (reading/delimited.py); it was
    skipped as "not a workbook". In a folder a .csv is some other document, skipped as before."""
    from xltools.summary.collect import discover

    d = tmp_path / "收件"
    d.mkdir()
    write(d, CLEAN, name="自评表.xlsx")
    rows = [["" if c.value is None else c.value for c in r]
            for r in openpyxl.load_workbook(d / "自评表.xlsx").active.iter_rows()]
    named = tmp_path / "导出.csv"
    with open(named, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    shutil.copy(named, d / "清单.csv")
    files, skipped = discover([str(d), str(named)])
    assert files == [str(d / "自评表.xlsx"), str(named)]
    assert [os.path.basename(p) for p, _ in skipped] == ["清单.csv"]
    res = CliRunner().invoke(cli, ["summarize", str(named), "-o", str(tmp_path / "汇总.json"), "--format", "json"])
    assert res.exit_code == 0, res.output
    [record] = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["records"]
    assert (record["total"], record["project"]) == (97.6, CLEAN.project)


def test_an_earlier_summary_is_told_by_its_sheet_names_a_workbook_of_tables_is_not(tmp_path):
    """Re-running a summary over its earlier output read that output whole (0.4 s for a thousand
    projects) to learn it held no table; its sheet names say so. A workbook of tables that also
    has sheets named 汇总表 and 问题清单 is still read, and refused."""
    from pathlib import Path

    from xltools.summary.collect import earlier_summary

    d = tmp_path / "收件"
    d.mkdir()
    src = write(d, CLEAN, name="自评表.xlsx")
    out = tmp_path / "汇总.xlsx"
    assert run("summarize", d, "-o", out, "--dept").exit_code == 0
    assert earlier_summary(str(out)) and not earlier_summary(src)
    wb = openpyxl.load_workbook(src)
    wb.create_sheet("汇总表")
    wb.create_sheet("问题清单")
    mixed = str(tmp_path / "自评表_含汇总.xlsx")
    wb.save(mixed)
    assert not earlier_summary(mixed)
    before = Path(mixed).read_bytes()
    res = run("summarize", d, "-o", mixed, "--force")
    assert res.exit_code == 1 and Path(mixed).read_bytes() == before
    assert "不能用汇总表覆盖" in res.stderr
    assert run("summarize", d, "-o", out, "--force").exit_code == 0


def test_an_earlier_summary_check_never_inflates_a_huge_workbook_part(tmp_path):
    """The sheet names of the output are read from workbook.xml alone, and not from one that
    would inflate to megabytes: such a file is read as any other (and refused as damaged)."""
    import zipfile

    from xltools.reading.source import MAX_BOOK_XML, _part_names, sheet_names
    from xltools.summary.collect import earlier_summary

    ns = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    bomb = tmp_path / "汇总.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", f'<workbook {ns}><sheets><sheet name="汇总表" sheetId="1" r:id="rId1"/>'
                    '<sheet name="问题清单" sheetId="2" r:id="rId2"/></sheets>' + " " * (MAX_BOOK_XML + 1) + "</workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                    '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>')
    assert sorted(_part_names(str(bomb)).values()) == ["汇总表", "问题清单"]  # what an unbounded read finds
    assert sheet_names(str(bomb)) == set() and not earlier_summary(str(bomb))
    d = tmp_path / "收件"
    d.mkdir()
    write(d, CLEAN, name="自评表.xlsx")
    assert run("summarize", d, "-o", bomb, "--force").exit_code == 0  # not a workbook of tables: replaced
    assert earlier_summary(str(bomb))


def test_what_a_reviewer_looks_at_first_is_red(batch, tmp_path):
    """Conditional formats, so the colour follows a value corrected in the summary: an execution
    rate below the rule set's 90 % (not a monitoring table's 执行进度), a table with errors, the
    lowest grade, and each error in 问题清单."""
    out = tmp_path / "汇总.xlsx"
    run("summarize", batch, "-o", out)
    wb = openpyxl.load_workbook(out)

    def rules(ws):
        return sorted((str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules)

    last = 2 + sum(1 for _ in wb["汇总表"].iter_rows(min_row=3))
    assert rules(wb["汇总表"]) == sorted([
        (f"J3:J{last}", 'AND(ISNUMBER(J3),J3<0.9,$C3<>"运行监控表")'),
        (f"M3:M{last}", 'M3="差"'),
        (f"R3:R{last}", "AND(ISNUMBER(R3),R3>0)"),
    ])
    units = wb["按单位汇总"]
    n = units.max_row - 1  # the 全部合计 row is not coloured
    assert rules(units) == [(f"F3:F{n}", "AND(ISNUMBER(F3),F3<0.9)"), (f"J3:J{n}", "AND(ISNUMBER(J3),J3>0)")]
    assert rules(wb["问题清单"]) == [(f"E3:E{wb['问题清单'].max_row}", 'E3="错误"')]
    low = tmp_path / "宽松.toml"
    low.write_text('id = "loose"\n[selfeval]\nexplain_execution_below = 0.8\n', encoding="utf-8")
    run("summarize", batch, "-o", out, "--force", "--rules", low, "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert ('AND(ISNUMBER(J3),J3<0.8,$C3<>"monitoring")' in [f for _, f in rules(wb["汇总表"])])
    assert [f for _, f in rules(wb["问题清单"])] == ['E3="error"']


def test_a_table_in_yuan_is_summed_in_wan(tmp_path):
    """Amounts are 万元 unless a table says otherwise (domain.md §1); a unit's own form or a
    system's export says 单位：元 and states 5,000,000. Summed as it stands, one such project
    outweighed the whole batch ten thousand times over; its amounts are converted to 万元. A
    table that states both units, or 元 only in a text, stays in 万元."""
    from xltools.reading import read_workbook

    yuan = {"H3": "单位：元", "A6": "项目资金（元）", "C7": 5_000_000, "D7": 5_000_000, "E7": 4_800_000,
            "C8": 5_000_000, "D8": 5_000_000, "E8": 4_800_000}
    write(tmp_path, CLEAN, name="万元.xlsx")
    in_yuan = write(tmp_path, replace(CLEAN, project="元的项目"), yuan, name="元.xlsx")
    assert score_file(in_yuan)[0].total == 97.6  # the rate does not depend on the unit
    data = json.loads(run("summarize", tmp_path, "--format", "json", "--quiet").stdout)
    assert [(r["project"], r["initial_budget"], r["annual_budget"], r["spent"]) for r in data["records"]] == [
        ("社区养老服务中心运营补助", 500, 500, 480), ("元的项目", 500, 500, 480)]
    assert (data["units_total"]["budget"], data["units_total"]["spent"]) == (1000, 960)

    def unit(edits, name):
        return read_workbook(write(tmp_path, CLEAN, edits, name=name)).tables[0].money_unit

    assert unit({"A6": "项目资金（元）"}, "两种.xlsx") == "万元"  # 单位：万元 stays in H3: ambiguous
    assert unit({"H3": "金额单位：元", "A6": "项目资金"}, "金额单位.xlsx") == "元"
    assert unit({"H3": None, "A6": "项目资金", "B12": "为2000名老人提供服务，人均补助500元"}, "文字.xlsx") == "万元"
    assert unit({"H3": None, "A6": "项目资金", "D6": "全年预算数（元）"}, "列名.xlsx") == "元"


def test_a_budget_left_unadjusted_is_the_initial_one(tmp_path):
    """全年预算数 left empty (the budget was not adjusted): the execution score takes the 年初预算数,
    and so does the summary — summing the spending without its budget made the unit's rate 196 %."""
    write(tmp_path, CLEAN, {"D7": None, "D8": None}, name="未调整.xlsx")
    write(tmp_path, replace(CLEAN, project="另一个项目"), name="调整.xlsx")
    data = json.loads(run("summarize", tmp_path, "--format", "json", "--quiet").stdout)
    assert [(r["annual_budget"], r["spent"], r["execution_rate"]) for r in data["records"]] == [
        (500, 480, 0.96), (500, 480, 0.96)]
    assert score_file(tmp_path / "未调整.xlsx")[0].figures["execution_rate"] == 0.96
    assert (data["units_total"]["budget"], data["units_total"]["execution_rate"]) == (1000, 0.96)
    # and a written rate is checked against it (A303), as with an adjusted budget
    wrong = write(tmp_path, CLEAN, {"D7": None, "D8": None, "G7": 0.9}, name="错.xlsx")
    assert [(f.code, f.cell, f.message()) for f in validate_file(wrong).findings] == [
        ("A303", "G7", "填写的执行率 90.00% 与计算值 96.00% 不符")]


def test_an_earlier_summary_among_the_inputs_is_not_read_whole(tmp_path, monkeypatch):
    """The Excel button saves each summary into the folder it summarises; every later run read
    each of them whole (0.45 s per thousand projects) to find no table. A large one is told by
    its sheet names; summarize and validate pass it over without reading it."""
    import importlib

    import xltools.reading
    from xltools.api import validate_files

    collect = importlib.import_module("xltools.summary.collect")  # the module (the package exports a function of its name)

    d = tmp_path / "收件"
    d.mkdir()
    write(d, CLEAN, name="自评表.xlsx")
    assert run("summarize", d, "-o", d / "汇总_1.xlsx").exit_code == 0
    monkeypatch.setattr(collect, "SUMMARY_SIZE", 0)  # as if it summed a thousand projects
    read, seen = xltools.reading.read_workbook, []

    def reading(path, *args, **kwargs):
        seen.append(os.path.basename(path))
        return read(path, *args, **kwargs)

    monkeypatch.setattr(xltools.reading, "read_workbook", reading)
    data = json.loads(run("summarize", d, "--format", "json", "--quiet", "--jobs", "1").stdout)
    assert [(os.path.basename(s["path"]), s["reason"]) for s in data["skipped"]] == [
        ("汇总_1.xlsx", "xltools 生成的汇总表，已跳过")]
    assert len(data["records"]) == 1 and seen == ["自评表.xlsx"]
    seen.clear()
    report = validate_files([str(d)], jobs=1)
    assert [(os.path.basename(p), why) for p, why in report.skipped] == [("汇总_1.xlsx", "xltools 生成的汇总表，已跳过")]
    assert "汇总_1.xlsx" not in seen


def test_a_folder_without_workbooks_says_so(tmp_path):
    """A mistyped folder summarised nothing and said only "0 个文件"; then it wrote an empty summary and
    exited 0, a success to a pipeline, where validate calls the same folder a usage error. It is one
    for summarize too (exit 2), and nothing is written."""
    (tmp_path / "空").mkdir()
    (tmp_path / "空" / "说明.docx").write_bytes(b"PK")
    res = run("summarize", tmp_path / "空", "-o", tmp_path / "汇总.xlsx")
    assert res.exit_code == 2 and res.stderr.strip() == f"错误：{tmp_path / '空'}：没有找到工作簿（.xlsx/.xlsm/.xls/.et/.ods）。"
    res = run("summarize", tmp_path / "空", "--format", "json", "--lang", "en")
    assert res.exit_code == 2 and res.stdout == "" and "no workbook found" in res.stderr
    assert not (tmp_path / "汇总.xlsx").exists()
    # a path that does not exist is an unreadable file, as before (exit 1, listed in the summary)
    assert run("summarize", tmp_path / "无此文件夹", "-o", tmp_path / "汇总.xlsx").exit_code == 1


def test_a_department_written_with_its_code_is_one_department(tmp_path):
    """The national form asks for 主管部门（及代码）: one office writes [301]市民政局, another
    市民政局（301）, a budget system's export 301-市民政局, the rest the name alone — one department
    in 按单位汇总 and the draft, under the spelling most rows use. Bare digits begin names too
    (101中学, 102中学): they are kept."""
    for k, dep in enumerate(["[301]市民政局", "市民政局（301）", "301-市民政局", "市民政局", "市民政局"]):
        write(tmp_path, replace(CLEAN, project=f"项目{k}", department=dep), name=f"自评{k}.xlsx")
    for k, unit in enumerate(["101中学", "102中学"]):
        write(tmp_path, replace(CLEAN, project=f"学校{k}", department="市教育局", unit=unit), name=f"学校{k}.xlsx")
    data = json.loads(run("summarize", tmp_path, "--format", "json", "--quiet", "--dept").stdout)
    assert [(u["department"], u["unit"], u["projects"]) for u in data["units"]] == [
        ("市教育局", "101中学", 1), ("市教育局", "102中学", 1), ("市民政局", "市养老服务指导中心", 5)]
    assert [(d["department"], d["projects"]) for d in data["departments"]] == [("市教育局", 2), ("市民政局", 5)]


def test_a_small_earlier_summary_with_alerts_is_not_read_as_a_monitoring_table(tmp_path, demo):
    """A summary under SUMMARY_SIZE is read before it can be told; its 预警清单 sheet has the
    columns of a monitoring table, so every re-run over the folder summed it as one and validate
    gave it three S101 and an M405 — the summary is passed over by its sheet names instead."""
    from xltools.api import validate_files
    from xltools.samples import write_sample

    d = tmp_path / "收件"
    d.mkdir()
    sample, layout = demo["监控表.xlsx"]
    write_sample(sample, d / "监控表.xlsx", layout)
    write(d, CLEAN, name="自评表.xlsx")
    assert run("summarize", d, "-o", d / "汇总.xlsx").exit_code in (0, 1)
    assert "预警清单" in openpyxl.load_workbook(d / "汇总.xlsx").sheetnames and os.path.getsize(d / "汇总.xlsx") < 64 << 10
    data = json.loads(run("summarize", d, "--format", "json", "--quiet").stdout)
    assert sorted(os.path.basename(r["path"]) for r in data["records"]) == ["监控表.xlsx", "自评表.xlsx"]
    assert [(os.path.basename(s["path"]), s["reason"]) for s in data["skipped"]] == [("汇总.xlsx", "xltools 生成的汇总表，已跳过")]
    report = validate_files([str(d)])
    assert [(os.path.basename(p), why) for p, why in report.skipped] == [("汇总.xlsx", "xltools 生成的汇总表，已跳过")]
    assert sorted(os.path.basename(f.path) for f in report.files) == ["监控表.xlsx", "自评表.xlsx"]


def test_a_file_named_twice_or_also_inside_a_folder_given_counts_once(tmp_path):
    """``summarize a.xlsx ./a.xlsx 收件/`` summed the same file three times, and S106 said the
    table was there 3 times, "另见 本文件「绩效自评表」B4" — the same sheet of the same file."""
    from xltools.api import validate_files

    d = tmp_path / "收件"
    d.mkdir()
    one = write(d, CLEAN, name="自评表.xlsx")
    write(d, replace(CLEAN, project="助餐服务"), name="助餐.xlsx")
    again = os.path.join(str(d), "..", "收件", "自评表.xlsx")
    data = json.loads(run("summarize", one, again, d, "--format", "json").stdout)
    assert sorted(os.path.basename(r["path"]) for r in data["records"]) == ["助餐.xlsx", "自评表.xlsx"]
    assert not [p for p in data["problems"] if p["code"] == "S106"]
    report = validate_files([str(one), again, str(d)])
    assert sorted(os.path.basename(f.path) for f in report.files) == ["助餐.xlsx", "自评表.xlsx"]
    assert not [f for r in report.files for f in r.findings if f.code == "S106"]


def test_the_output_extension_chooses_the_format(tmp_path):
    """``-o 汇总.csv`` wrote an .xlsx under that name (Excel and WPS then showed garbage): the
    extension chooses the format unless --format says otherwise, and a contradiction is refused."""
    src = write(tmp_path, CLEAN, name="自评表.xlsx")
    assert run("summarize", src, "-o", tmp_path / "汇总.csv").exit_code == 0
    text = (tmp_path / "汇总.csv").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and "社区养老服务中心运营补助" in text.decode("utf-8-sig")
    assert run("summarize", src, "-o", tmp_path / "汇总.json").exit_code == 0
    assert json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["records"][0]["total"] == score_file(src)[0].total
    assert run("summarize", src, "-o", tmp_path / "汇总.xlsx").exit_code == 0 and zipfile.is_zipfile(tmp_path / "汇总.xlsx")
    assert run("summarize", src, "-o", tmp_path / "汇总", "--format", "csv").exit_code == 0  # no extension: as asked
    res = run("summarize", src, "-o", tmp_path / "另.csv", "--format", "xlsx")
    assert res.exit_code == 2 and not (tmp_path / "另.csv").exists()
    assert "输出文件 另.csv 的扩展名与 --format xlsx 不符：改用 -o 另.xlsx，或去掉 --format（按扩展名输出 CSV）" in res.output


def test_a_departments_spending_by_its_final_accounts_in_the_summary(tmp_path):
    """A 部门整体 table stating its spending as 支出决算数 alone: its 汇总表 row showed the 执行率
    (96.92 %) beside no 全年执行数 — the row's spending is what the rate divides."""
    from xltools.summary import summarize

    wb, ws, path = demo_book(tmp_path)
    assert (ws["A8"].value, ws["A9"].value) == ("全年执行数", "支出决算数")
    ws["A8"] = ws["B8"] = None
    wb.save(path)
    [rec] = json.loads(summarize([str(path)], fmt="json", jobs=1).text)["records"]
    assert (rec["annual_budget"], rec["spent"], rec["execution_rate"]) == (5333.85, 5169.66, 0.9692)

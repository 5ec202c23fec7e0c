"""The reader: every layout of one table reads to the same model and the same score."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from xltools.api import score_file, validate_file
from xltools.model import DEPT, EVALUATION, GOALS, SELFEVAL
from xltools.reading import read_workbook
from xltools.samples import Layout
from xltools.summary.collect import discover

from .test_validate import demo_book, write

SELFEVAL_LAYOUTS = [
    Layout(),
    Layout(title_rows=False, start_col=3, merge_level1=False, variant=1, numbers_as_text=True,
           order=("name", "level1", "level2", "weight", "target", "actual", "score", "deviation")),
    Layout(direction_column=True, unit_column=True, variant=1, sheet="Sheet1",
           order=("level1", "level2", "name", "direction", "target", "unit", "actual", "deviation",
                  "weight", "score")),
    Layout(start_col=2, numbers_as_text=True, merge_level1=True, direction_column=True,
           order=("level1", "level2", "name", "direction", "weight", "target", "actual", "score", "deviation")),
]


def model_of(table):
    return [(i.level1, i.level2, i.name, i.op, i.qualitative, i.target.number, i.unit, i.weight,
             i.actual.number if i.actual.is_number else i.actual.text, i.score) for i in table.indicators]


@pytest.mark.parametrize("layout", SELFEVAL_LAYOUTS, ids=range(len(SELFEVAL_LAYOUTS)))
def test_selfeval_layouts_read_the_same(build, demo, layout):
    sample = demo["自评表.xlsx"][0]
    reference = read_workbook(build(sample)).tables[0]
    path = build(sample, layout)
    table = read_workbook(path).tables[0]
    assert table.kind == SELFEVAL
    assert model_of(table) == model_of(reference)
    assert table.project_name == "2023年中国品牌商品（中东欧）展览会"
    assert table.field_value("department") == "市贸促会"
    assert table.field_value("unit") == "市贸促会展览部"
    assert table.field_value("year") == 2023
    assert table.written_total.value == 94.3
    r = score_file(path)[0]
    assert (r.total, r.grade) == (94.3, "优")
    assert [(p.name, p.weight, p.score) for p in r.parts] == [
        ("预算执行率", 10, 7.7), ("产出指标", 50, 49.0), ("效益指标", 30, 27.6), ("满意度指标", 10, 10.0)]
    assert r.figures == {"execution_rate": 0.7704}


@pytest.mark.parametrize("layout", SELFEVAL_LAYOUTS[:3], ids=range(3))
def test_goals_layouts_read_the_same(build, demo, layout):
    sample = demo["目标申报表.xlsx"][0]
    table = read_workbook(build(sample, layout)).tables[0]
    assert table.kind == GOALS
    got = [(i.name, i.op, i.target.number, i.unit, i.weight) for i in table.indicators]
    assert got == [
        ("参展企业数量", "≥", 100, "家", 15), ("搭建展位面积", "≥", 3000, "平方米", 15),
        ("展会布展验收合格率", "=", 100, "%", 10), ("布展完成时间", "≤", 30, "天", 10),
        ("意向成交额", "≥", 5000, "万元", 15), ("提升品牌影响力", None, None, "", 15),
        ("参展企业满意度", "≥", 90, "%", 10)]
    assert {k: f.value for k, f in table.amounts.items()} == {
        "annual_total": 1000, "annual_fiscal": 1000, "annual_other": 0}
    r = score_file(build(sample, layout))[0]
    assert r.total is None and [p.weight for p in r.parts] == [50, 30, 10]


EVAL_LAYOUTS = [
    Layout(),
    Layout(title_rows=False, merge_level1=False, numbers_as_text=True, start_col=2),
    Layout(variant=1, order=("name", "weight", "level1", "level2", "criteria")),
]


@pytest.mark.parametrize("layout", EVAL_LAYOUTS, ids=range(len(EVAL_LAYOUTS)))
@pytest.mark.parametrize("experts", [3, 5])
def test_evaluation_layouts(build, demo, layout, experts):
    sample = demo["评价评分表.xlsx"][0]
    if experts == 5:
        rows = [replace(r, experts=[*r.experts, r.experts[0], r.experts[1]]) for r in sample.rows]
        sample = replace(sample, rows=rows, experts=5)
    book = read_workbook(build(sample, layout))
    table = book.tables[0]
    assert table.kind == EVALUATION
    assert table.expert_names == [f"专家{i + 1}" for i in range(experts)]
    r = score_file(build(sample, layout))[0]
    parts = {p.name: p.score for p in r.parts}
    if experts == 3:
        assert parts == {"决策": 8.32, "过程": 17.42, "产出": 37.81, "效益": 22.44}
        assert (r.total, r.grade) == (85.99, "良")
    else:
        assert r.rows[0].score == 4.3  # (4.5 + 4.2 + 4.1 + 4.5 + 4.2) / 5 = 4.30


DEPT_LAYOUTS = [Layout(), Layout(title_rows=False, merge_level1=False, numbers_as_text=True),
                Layout(variant=1, start_col=4)]


@pytest.mark.parametrize("layout", DEPT_LAYOUTS, ids=range(len(DEPT_LAYOUTS)))
def test_dept_layouts(build, demo, layout):
    sample = demo["部门整体自评表.xlsx"][0]
    r = score_file(build(sample, layout))[0]
    assert r.table == DEPT
    assert r.figures == {"execution_rate": 0.9692, "carryover_rate": 0.0324, "final_diff_rate": 0.0278}
    assert r.rows[0].score == 19.38
    assert [(p.name, p.weight, p.score) for p in r.parts] == [
        ("当年预算执行情况", 20, 19.38), ("整体绩效目标实现情况", 60, 57.6), ("预算管理情况", 20, 16.0)]
    assert (r.total, r.grade) == (92.98, "优")


# --- a provincial layout built cell by cell, as published tables are laid out ------------------

def provincial_selfeval(path, *, fullwidth=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2 自评表"
    ws["A1"] = "附件2"
    ws["A2"] = "项目支出绩效自评表"
    ws.merge_cells("A2:J2")
    ws["A3"] = "（ 2023 年度）"
    ws["A4"], ws["B4"] = "项目名称", "职业技能提升培训项目"
    ws.merge_cells("B4:J4")
    ws["A5"], ws["B5"], ws["F5"], ws["G5"] = "主管部门", "市人社局", "实施单位", "市职业培训中心"
    ws["A6"] = "项目资金（万元）"
    ws.merge_cells("A6:A9")
    for col, label in zip("CDEFGH", ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], strict=True):
        ws[f"{col}6"] = label
    ws.append([])
    rows = [("年度资金总额：", 200, 220, 209, 10, 0.95, 9.5),
            ("其中：当年财政拨款", 200, 200, 190, "—", 0.95, "—"),
            ("上年结转资金", "—", 20, 19, "—", 0.95, "—")]
    for r, row in enumerate(rows, start=7):
        for col, v in zip("BCDEFGH", row, strict=True):
            ws[f"{col}{r}"] = v
    ws["A10"], ws["B10"], ws["F10"] = "年度总体目标", "预期目标", "实际完成情况"
    ws.merge_cells("A10:A11")
    ws["B11"], ws["F11"] = "开展职业技能培训500人次，合格率95%以上。", "培训520人次，合格率93%。"
    ws["A12"] = "绩效指标"
    ws.merge_cells("A12:A19")
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    if fullwidth:
        header = ["一级指标 ", " 二级指标", "三级 指标", "年度指标值", "实际完成值", "分  值", "得分", "偏差原因分析\n及改进措施"]
    for col, label in zip("BCDEFGHI", header, strict=True):
        ws[f"{col}12"] = label
    ws.merge_cells("I12:J12")
    data = [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 20, 20, ""),
        ("", "质量指标", "培训合格率", "＞＝９５％" if fullwidth else "≥95%", "93%", 10, 9.79, "部分学员考核未通过"),
        ("", "时效指标", "培训完成时间", "2023年12月底前", "按期完成", 10, 10, ""),
        ("", "成本指标", "人均培训成本", "≤800元", "850元", 10, 9.41, "物价上涨"),
        ("效益指标", "社会效益指标", "从业人员技能提升", "有效提升", "有效提升", 30, 28, "持续跟踪"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", 0.92, 10, 10, ""),
    ]
    for r, row in enumerate(data, start=13):
        for col, v in zip("BCDEFGHI", row, strict=True):
            if v != "":
                ws[f"{col}{r}"] = v
    ws.merge_cells("B13:B16")
    ws["A20"], ws["G20"], ws["H20"] = "总分", 100, 96.7
    ws.merge_cells("A20:F20")
    ws["A21"], ws["B21"] = "自评等级", "优"
    wb.save(path)


@pytest.mark.parametrize("fullwidth", [False, True])
def test_provincial_selfeval_pre2021_layout(tmp_path, fullwidth):
    path = tmp_path / "省级自评表.xlsx"
    provincial_selfeval(path, fullwidth=fullwidth)
    book = read_workbook(path)
    [t] = book.tables
    assert t.kind == SELFEVAL and t.sheet == "附件2 自评表"
    assert t.project_name == "职业技能提升培训项目"
    assert t.field_value("year") == 2023
    assert [i.level1 for i in t.indicators] == ["产出指标"] * 4 + ["效益指标", "满意度指标"]
    assert t.indicators[3].level2 == "成本指标"  # 成本指标 under 产出指标 (pre-2021) is read as written
    assert t.indicators[1].cells == {"level1": "B14", "level2": "C14", "name": "D14", "target": "E14",
                                     "actual": "F14", "weight": "G14", "score": "H14", "deviation": "I14"}
    assert [f.kind for f in t.funds.rows] == ["total", "fiscal", "carryover"]
    assert t.funds.rows[0].rate == 0.95 and t.funds.rows[0].cells["spent"] == "E7"
    assert t.goals_text["annual_goal"].value.startswith("开展职业技能培训")
    assert (t.written_total.value, t.written_total.cell) == (96.7, "H20")
    assert (t.written_grade.value, t.written_grade.cell) == ("优", "B21")
    r = score_file(path)[0]
    assert [x.score for x in r.rows] == [9.5, 20.0, 9.79, 10.0, 9.41, 28.0, 10.0]
    assert (r.total, r.grade) == (96.7, "优")
    assert r.rows[4].explain() == "目标/实际 800元/850元 = 94.12% × 10 = 9.41"
    assert r.rows[4].cell == "H16"


def test_evaluation_with_two_row_header_and_result_and_line_item_sheets(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws["A1"] = "某项目绩效评价指标体系及评分表"
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "评分标准", "专家评分", None, None, None, "平均得分"])
    ws.merge_cells("F2:I2")
    for c in "ABCDEJ":
        ws.merge_cells(f"{c}2:{c}3")
    ws.append([None, None, None, None, None, "专家A", "专家B", "专家C", "专家D"])
    ws.append(["决策", "项目立项", "立项依据充分性", 4, "…", 4, 3.5, 4, 3.8, 3.83])
    ws.append([None, "绩效目标", "绩效目标合理性", 6, "…", 4.5, 5, 4.8, 5, 4.83])
    ws.append(["过程", "资金管理", "资金到位率", 20, "…", 18, 17, "17.5", 17.2, 17.43])
    ws.append(["产出", "产出数量", "完成率", 40, "…", 38, 37.6, 37.8, 37.84, 37.81])
    ws.append(["效益", "项目效益", "社会效益", 30, "…", 22, 22.5, 22.6, 22.66, 22.44])
    ws.merge_cells("A4:A5")
    ws.append(["合计", None, None, 100, None, None, None, None, None, 85.94])
    res = wb.create_sheet("评价结果")
    res.append(["评价结果"])
    res.append(["一级指标", "分值", "得分", "得分率"])
    for row in [("决策", 10, 8.66, 0.866), ("过程", 20, 17.43, 0.8715), ("产出", 40, 37.81, 0.9453),
                ("效益", 30, 22.44, 0.748), ("总分", 100, 86.34, 0.8634)]:
        res.append(list(row))
    res.append(["评价等级", "良"])
    items = wb.create_sheet("资金使用情况")
    items.append(["组织方式", "支出内容", "预算金额", "合同签订金额", "支出金额"])
    items.append(["政府采购", "展位搭建", 600, 580, 560])
    items.append([None, "物流运输", 100, 90, "95"])
    items.append(["小计", None, 700, 670, 655])
    items.append(["自行组织", "宣传推广", 300, "—", 250])
    items.append(["合计", None, 1000, 670, 905])
    items.merge_cells("A2:A3")
    path = tmp_path / "评价.xlsx"
    wb.save(path)

    book = read_workbook(path)
    [t] = book.tables
    assert t.kind == EVALUATION
    assert t.expert_names == ["专家A", "专家B", "专家C", "专家D"]
    assert t.indicators[1].level1 == "决策"  # merged over two rows
    assert t.indicators[2].experts == [18, 17, 17.5, 17.2]  # "17.5" stored as text
    assert t.written_total.value == 85.94 and t.written_total.cell == "J9"
    assert [(p.name, p.score) for p in t.written_parts] == [
        ("决策", 8.66), ("过程", 17.43), ("产出", 37.81), ("效益", 22.44), ("总分", 86.34)]
    assert [(i.kind, i.method, i.content, i.budget, i.contract, i.spent) for i in t.line_items] == [
        ("item", "政府采购", "展位搭建", 600, 580, 560), ("item", "政府采购", "物流运输", 100, 90, 95),
        ("subtotal", "政府采购", "", 700, 670, 655), ("item", "自行组织", "宣传推广", 300, None, 250),
        ("total", "自行组织", "", 1000, 670, 905)]
    r = score_file(path)[0]
    assert [x.score for x in r.rows] == [3.83, 4.83, 17.43, 37.81, 22.44]
    assert (r.total, r.grade) == (86.34, "良")


def test_several_tables_in_one_workbook(build, demo, tmp_path):
    a = read_workbook(build(demo["自评表.xlsx"][0]))
    wb = openpyxl.Workbook()
    wb.active.title = "项目1"
    wb.create_sheet("项目2")
    path = tmp_path / "多项目.xlsx"
    wb.save(path)
    provincial_selfeval(tmp_path / "p.xlsx")
    src = openpyxl.load_workbook(tmp_path / "p.xlsx")
    dst = openpyxl.load_workbook(path)
    for name in ("项目1", "项目2"):
        for row in src.active.iter_rows(values_only=True):
            dst[name].append(row)
    dst.save(path)
    results = score_file(path)
    assert [r.sheet for r in results] == ["项目1", "项目2"]
    assert [r.total for r in results] == [96.7, 96.7]
    assert score_file(path, sheet="项目2")[0].sheet == "项目2"
    assert a.tables[0].kind == SELFEVAL


def test_national_2015_goal_form_with_midterm_columns(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标申报表"
    ws.append(["项目支出绩效目标申报表"])
    ws.append(["（ 2024 年度）"])
    ws.append(["项目名称", "口岸通关便利化项目"])
    ws.append(["主管部门及代码", "[123]市商务局", None, "实施单位", "市口岸办"])
    ws.append(["项目属性", "延续", None, "项目期限", "2024-2026"])
    ws.append(["项目资金（万元）", "中期资金总额：", 3000, "年度资金总额：", 1000])
    ws.append([None, "其中：财政拨款", 2500, "其中：财政拨款", 800])
    ws.append([None, "其他资金", 500, "其他资金", 200])
    ws.append(["总体目标", "中期目标（2024-2026年）", None, "年度目标"])
    ws.append([None, "三年内通关时间压缩30%。", None, "通关时间压缩10%，企业满意度90%以上。"])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"])
    ws.append([None, "产出指标", "数量指标", "服务企业数（家）", "≥3000", "≥1000"])
    ws.append([None, None, "时效指标", "平均通关时间", "≤24小时", "≤30小时"])
    ws.append([None, "效益指标", "经济效益指标", "通关成本降低率", "≥30%", "≥10%"])
    ws.append([None, "满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "≥90%"])
    for rng in ("A6:A8", "A9:A10", "A11:A15", "B12:B13"):
        ws.merge_cells(rng)
    path = tmp_path / "申报表.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.kind == GOALS and t.field_value("year") == 2024
    assert t.field_value("department") == "[123]市商务局"
    assert t.field_value("attribute") == "延续" and t.field_value("period") == "2024-2026"
    assert {k: (f.value, f.cell) for k, f in t.amounts.items()} == {
        "midterm_total": (3000, "C6"), "annual_total": (1000, "E6"), "annual_fiscal": (800, "E7"),
        "annual_other": (200, "E8"), "midterm_fiscal": (2500, "C7"), "midterm_other": (500, "C8")}
    assert t.goals_text["midterm_goal"].value == "三年内通关时间压缩30%。"
    assert t.goals_text["annual_goal"].value.startswith("通关时间压缩10%")
    got = [(i.level1, i.level2, i.name, i.op, i.target.number, i.target_midterm.number, i.unit)
           for i in t.indicators]
    assert got == [("产出指标", "数量指标", "服务企业数（家）", "≥", 1000, 3000, "家"),
                   ("产出指标", "时效指标", "平均通关时间", "≤", 30, 24, "小时"),
                   ("效益指标", "经济效益指标", "通关成本降低率", "≥", 10, 30, "%"),
                   ("满意度指标", "服务对象满意度指标", "企业满意度", "≥", 90, 90, "%")]


def test_table_without_total_row_stops_before_line_items_and_grade(build, demo):
    sample = replace(demo["自评表.xlsx"][0], total=None)
    [t] = read_workbook(build(sample)).tables
    assert len(t.indicators) == 7
    assert t.written_total is None and t.written_grade.value == "优"
    assert [i.content for i in t.line_items] == ["展位搭建服务", "宣传推广"]


def test_label_and_value_in_one_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称：社区养老服务补助", None, "主管部门：市民政局"])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["产出指标", "数量指标", "服务老人数", "≥2000人", "1800人", 50, 45])
    ws.append(["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "92%", 50, 50])
    ws.append(["合计", None, None, None, None, 100, 95])
    ws.append(["自评等级：优"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.project_name == "社区养老服务补助" and t.field_value("department") == "市民政局"
    assert t.written_grade.value == "优" and t.written_total.value == 95
    r = score_file(path)[0]
    assert [x.score for x in r.rows] == [45.0, 50.0]
    assert (r.total, r.grade, r.execution) == (95.0, "优", None)  # no funds block: no execution row


def test_dept_with_a_funds_block(build, demo):
    sample = replace(demo["部门整体自评表.xlsx"][0], amounts=[], execution_weight=20,
                     funds=[("年度资金总额", 5029.86, 5333.85, 5169.65)])
    r = score_file(build(sample))[0]
    assert r.table == DEPT
    assert r.rows[0].explain() == "5169.65/5333.85 = 96.92% × 20 = 19.38"
    assert r.figures == {"execution_rate": 0.9692}


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_legacy_and_open_document_formats(build, demo, tmp_path, soffice, fmt):
    from .conftest import convert

    src = build(demo["评价评分表.xlsx"][0], name="评价.xlsx")
    path = convert(soffice, src, fmt, str(tmp_path))
    r = score_file(path)[0]
    assert (r.table, r.total, r.grade) == (EVALUATION, 85.99, "良")
    assert r.rows[1].level1 == "决策"  # the merged 一级指标 cell spans its rows in every format
    if fmt == "xls":  # WPS 表格 saves .et: BIFF8 like an .xls (or a zip like an .xlsx), read by content
        et = tmp_path / "评价.et"
        et.write_bytes(Path(path).read_bytes())
        assert score_file(str(et))[0].total == 85.99
        assert str(et) in discover([str(tmp_path)])[0]  # summarize takes it too


def test_table_without_level1_column_takes_it_from_level2(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "乡村道路养护"])
    ws.append(["二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    ws.append(["数量指标", "养护里程", "≥120公里", "126公里", 40, 40])
    ws.append(["质量", "路面合格率", "≥95%", "93%", 30, 29.37])
    ws.append(["服务对象满意度指标", "群众满意度", "≥90%", "92%", 30, 30])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert [(i.level1, i.level2) for i in t.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "质量"), ("满意度指标", "服务对象满意度指标")]
    r = score_file(path)[0]
    assert [x.score for x in r.rows] == [40.0, 29.37, 30.0] and r.total == 99.37


def test_header_labels_merged_down_from_the_row_above(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "社区卫生服务"])
    ws.append(["绩效指标", None, None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
    ws.append(["一级指标", "二级指标", "三级指标"])
    ws.merge_cells("A2:C2")
    for c in "DEFGH":
        ws.merge_cells(f"{c}2:{c}3")
    ws.append(["产出指标", "数量指标", "签约居民数", "≥5000人", "4500人", 60, 54, "人口外流"])
    ws.append(["满意度指标", "服务对象满意度指标", "居民满意度", "≥85%", "90%", 40, 40, None])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.indicators[0].cells == {"level1": "A4", "level2": "B4", "name": "C4", "target": "D4", "actual": "E4",
                                     "weight": "F4", "score": "G4", "deviation": "H4"}
    assert score_file(path)[0].total == 94.0


def test_evaluation_with_weighted_level1_names_and_expert_score_labels(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "专家评分1", "专家评分2", "专家评分3", "平均分"])
    ws.append(["决策（10分）", "项目立项", "立项规范性", 10, 8, 9, 8.5, 8.5])
    ws.append(["过程（20分）", "资金管理", "资金到位率", 20, 18, 19, 20, 19])
    ws.append(["产出（40分）", "产出数量", "完成率", 40, 36, 38, 37, 37])
    ws.append(["效益（30分）", "项目效益", "满意度", 30, 27, 28, 26, 27])
    path = tmp_path / "评价.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.kind == EVALUATION and t.expert_names == ["专家评分1", "专家评分2", "专家评分3"]
    r = score_file(path)[0]
    assert (r.total, r.grade) == (91.5, "优")
    from xltools.ruleset import load_rules
    from xltools.summary.collect import summarize_file

    [rec], _ = summarize_file(str(path), load_rules())
    assert rec.parts == {"决策": 8.5, "过程": 19.0, "产出": 37.0, "效益": 27.0}


def test_experts_named_by_their_names_before_the_mean(tmp_path):
    """张三 | 李四 | 王五 before 平均得分: the experts, as score sheets head them. They were no columns:
    every row scored 0, with an A326 per row. A column of another kind between them is no expert."""
    def sheet(heads, name):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["一级指标", "二级指标", "三级指标", "分值", "评分标准", *heads, "平均得分"])
        ws.append(["决策", "项目立项", "立项规范性", 10, "按完成比例计分", 8, 9, 8.5, 8.5])
        ws.append(["过程", "资金管理", "资金到位率", 20, "按完成比例计分", 18, 19, 20, 19])
        ws.append(["产出", "产出数量", "完成率", 40, "按完成比例计分", 36, 38, 37, 37])
        ws.append(["效益", "项目效益", "满意度", 30, "按完成比例计分", 27, 28, 26, 27])
        wb.save(tmp_path / name)
        return tmp_path / name

    path = sheet(["张三", "李四", "欧阳明华"], "姓名.xlsx")
    [t] = read_workbook(path).tables
    assert t.kind == EVALUATION and t.expert_names == ["张三", "李四", "欧阳明华"]
    assert (score_file(path)[0].total, [f.code for f in validate_file(path).findings if f.code != "S101"]) == (91.5, [])
    other = sheet(["张三", "备注及扣分说明", "王五"], "备注.xlsx")
    assert read_workbook(other).tables[0].expert_names == []


@pytest.mark.parametrize("heads", [("专家1得分", "专家2得分", "专家3得分"), ("第1位专家", "第2位专家", "第3位专家"),
                                   ("1号专家", "2号专家", "3号专家"), ("专家组1", "专家组2", "专家组3"),
                                   ("评分1", "评分2", "评分3"), ("专家1分数", "专家2分数", "专家3分数"),
                                   ("专家（1）", "专家（2）", "专家（3）"), ("专家(A)", "专家(B)", "专家(C)"),
                                   ("专家甲", "专家乙", "专家丙"), ("评分人1", "评分人2", "评分人3"),
                                   ("评价专家1", "评价专家2", "评价专家3"), ("专家组成员1", "专家组成员2", "专家组成员3"),
                                   ("组员1", "组员2", "组员3"), ("专家1号", "专家2号", "专家3号"),
                                   ("评审1", "评审2", "评审3")])
def test_expert_columns_as_forms_number_them(tmp_path, heads):
    """专家1得分, 第1位专家, 1号专家, 专家组1, 评分1, 专家（1）, 专家甲, 评分人1, 组员1: expert columns
    (they were none: every row 0)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "分值", *heads, "得分"])
    for row in (["决策", "项目立项", "立项规范性", 10, 8, 9, 8.5, 8.5], ["过程", "资金管理", "资金到位率", 20, 18, 19, 20, 19],
                ["产出", "产出数量", "完成率", 40, 36, 38, 37, 37], ["效益", "项目效益", "满意度", 30, 27, 28, 26, 27]):
        ws.append(row)
    path = tmp_path / "评价.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert (t.kind, t.expert_names, score_file(path)[0].total) == (EVALUATION, list(heads), 91.5)


@pytest.mark.parametrize("merged", [True, False])
def test_experts_named_under_a_heading(tmp_path, merged):
    """专家评分 (merged over its columns, or alone above the first) over 张三 | 李四 | 王五: a two-row
    header, as with 专家1…专家3 under it. It was read as one row: no experts, every row 0 (A326)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["一级指标", "二级指标", "三级指标", "分值", "专家评分", None, None, "得分"],
                [None, None, None, None, "张三", "李四", "王五", None],
                ["决策", "项目立项", "立项规范性", 10, 8, 9, 8.5, 8.5],
                ["过程", "资金管理", "资金到位率", 20, 18, 19, 20, 19],
                ["产出", "产出数量", "完成率", 40, 36, 38, 37, 37],
                ["效益", "项目效益", "满意度", 30, 27, 28, 26, 27]):
        ws.append(row)
    if merged:
        ws.merge_cells("E1:G1")
    path = tmp_path / "评价.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert (t.kind, t.expert_names, [i.experts for i in t.indicators][0]) == (EVALUATION, ["张三", "李四", "王五"], [8, 9, 8.5])
    assert score_file(path)[0].total == 91.5


def test_ods_error_cells_follow_repeats_and_merges():
    from xltools.reading.source import _ods_scan

    err = '<table:table-cell table:formula="of:=1/0" calcext:value-type="error"><text:p>{}</text:p></table:table-cell>'
    xml = ('<table:table table:name="A&amp;B"><table:table-column table:number-columns-repeated="3"/>'
           '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
           '<table:table-row><table:table-cell table:number-columns-repeated="2"/>' + err.format("#N/A") +
           '</table:table-row><table:table-row><table:table-cell table:number-columns-spanned="2"/>'
           '<table:covered-table-cell/>' + err.format("Err:502") + '</table:table-row></table:table>'
           '<table:table table:name="S2"><table:table-row/><table:table-row>' + err.format("#REF!") +
           '</table:table-row></table:table>')
    assert _ods_scan(xml.encode()).errors == {"A&B": {(2, 2): "#N/A", (3, 2): "Err:502"}, "S2": {(1, 0): "#REF!"}}


def test_biff_error_records():
    """FORMULA with an error result and BOOLERR holding an error; booleans and numbers are not errors."""
    import struct

    from xltools.reading.xls import _biff_errors

    def rec(kind, data):
        return struct.pack("<HH", kind, len(data)) + data

    name = "表1".encode("utf-16-le")
    sheet = b"".join([
        rec(0x0809, b"\x00\x06\x10\x00" + b"\x00" * 12),
        rec(0x0006, struct.pack("<HHH", 4, 2, 15) + bytes([2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF]) + b"\x00" * 6),
        rec(0x0006, struct.pack("<HHH", 5, 2, 15) + struct.pack("<d", 3.5) + b"\x00" * 6),  # a number
        rec(0x0205, struct.pack("<HHH", 6, 0, 15) + bytes([0x2A, 1])),  # #N/A constant
        rec(0x0205, struct.pack("<HHH", 7, 0, 15) + bytes([1, 0])),  # TRUE
        rec(0x000A, b""),
    ])
    globals_ = rec(0x0809, b"\x00\x06\x05\x00" + b"\x00" * 12)
    offset = len(globals_) + len(rec(0x0085, struct.pack("<IBBBB", 0, 0, 0, 2, 1) + name)) + len(rec(0x000A, b""))
    stream = globals_ + rec(0x0085, struct.pack("<IBBBB", offset, 0, 0, 2, 1) + name) + rec(0x000A, b"") + sheet
    assert _biff_errors(stream, 100) == {"表1": {(4, 2): "#DIV/0!", (6, 0): "#N/A"}}
    assert _biff_errors(stream, 5) == {"表1": {(4, 2): "#DIV/0!"}}  # rows beyond the reader's limit


def test_an_empty_amount_does_not_take_the_figure_beside_it(tmp_path):
    # 全年执行数 left empty: the recalculated 预决算差异率 two cells to its right is not its value
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["部门整体绩效自评表"], ["部门名称", "市贸促会"], ["年初预算数", 1620.8, None, "预算执行率"],
                ["全年执行数", None, None, "预决算差异率", 0.3153], ["支出决算数", 2131.8, None, "预算执行得分", 20],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["整体绩效目标实现情况", "产出", "举办展会数量", "≥10个", "12个", 80, None]):
        ws.append(row)
    wb.save(tmp_path / "dept.xlsx")
    t = read_workbook(tmp_path / "dept.xlsx").tables[0]
    assert "spent" not in t.amounts and t.amounts["final_accounts"].value == 2131.8
    assert score_file(str(tmp_path / "dept.xlsx"))[0].rows[0].explain() == "2131.8/1620.8 = 131.53%，按 100% × 20 = 20.00"


@pytest.mark.parametrize(("project", "department", "unit"), [
    ("项目名称", "项目主管部门", "项目单位"), ("预算项目名称", "预算部门", "预算单位"), ("项目全称", "主管部门", "预算单位名称"),
    ("项目名称", "主管部门", "执行单位"), ("项目名称", "主管部门", "项目承办单位"), ("项目名称", "主管部门", "组织实施单位"),
    ("项目名", "业务主管部门", "项目负责单位"), ("项目名称", "归口管理部门", "牵头单位"),
    ("项目名称", "一级预算单位", "二级预算单位"), ("项目名称", "主管部门", "实施主体"),
    ("专项名称", "归口部门", "建设单位"), ("专项资金名称", "主管部门", "用款单位"),
    ("项目（资金）名称", "主管部门", "项目建设单位"), ("转移支付项目名称", "主管部门", "实施单位")])
def test_provincial_spellings_of_units_and_funds(tmp_path, project, department, unit):
    """项目主管部门 / 项目单位, 年度预算数 / 全年实际执行数, 自评分 and 存在问题及改进措施, as some
    provincial forms and exports label them: the same fields, so the summary has the unit and the
    money (and the score its execution rate and the row its reason)."""
    from xltools.ruleset import load_rules
    from xltools.summary.collect import summarize_file

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["2023年度项目支出绩效自评表"],
                [project, "乡村道路养护", department, "县交通运输局", unit, "县公路养护中心"],
                ["资金情况（万元）", None, "年度预算数", "全年实际执行数", "分值", "执行率", "得分"],
                ["年度资金总额", None, 200, 190, 10, "95%", 9.5],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评分", "存在问题及改进措施"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50],
                ["效益指标", "社会效益指标", "道路通行条件", "有效改善", "有效改善", 30, 30],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "85%", 10, 9.44, "宣传不到位"]):
        ws.append(row)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [rec], _ = summarize_file(str(path), load_rules(None))
    assert (rec.project, rec.department, rec.unit, rec.annual_budget, rec.spent, rec.execution_rate, rec.total) == (
        "乡村道路养护", "县交通运输局", "县公路养护中心", 200, 190, 0.95, 98.94)
    # 自评分 is the written score and 存在问题及改进措施 the deviation reason: nothing to report there
    [t] = read_workbook(path).tables
    assert [(i.score, i.deviation) for i in t.indicators] == [(50, ""), (30, ""), (9.44, "宣传不到位")]


@pytest.mark.parametrize(("budget", "spent"), [
    ("年中调整预算数", "截至12月31日执行数"), ("调整后全年预算数", "截至年底执行数"), ("全年预算数", "全年累计执行数")])
def test_spellings_of_the_adjusted_budget_and_the_years_spending(tmp_path, budget, spent):
    """年中调整预算数 was no column (the rate was taken of 年初预算数, 190/180), 截至12月31日执行数
    none either (no execution score at all)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["2023年度项目支出绩效自评表"],
                ["项目名称", "乡村道路养护", "主管部门", "县交通运输局", "实施单位", "县公路养护中心"],
                ["资金情况（万元）", None, "年初预算数", budget, spent, "分值", "执行率", "得分"],
                ["年度资金总额", None, 180, 200, 190, 10, "95%", 9.5],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 60, 60],
                ["效益指标", "社会效益指标", "道路通行条件", "有效改善", "有效改善", 30, 30]):
        ws.append(row)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    (result,) = score_file(path)
    assert (result.rows[0].explain(), result.total) == ("190/200 = 95.00% × 10 = 9.50", 99.5)


@pytest.mark.parametrize(("name", "actual"), [("指标", "实际完成值"), ("三级指标", "完成情况"), ("指标名称", "完成情况")])
def test_a_name_column_headed_指标_and_actuals_headed_完成情况(tmp_path, name, actual):
    """Provincial forms head the level-3 column 指标 (the table was "not a known table", S105) and
    the actuals 完成情况 (read as the qualitative outcome: every actual missing, A308, 39.50 差)."""
    from xltools.api import validate_file

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["2023年度项目支出绩效自评表"],
                ["项目名称", "乡村道路养护", "主管部门", "县交通运输局", "实施单位", "县公路养护中心"],
                ["资金情况（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", None, 200, 190, 10, "95%", 9.5],
                ["一级指标", "二级指标", name, "年度指标值", actual, "分值", "得分"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50],
                ["效益指标", "社会效益指标", "道路通行条件", "有效改善", "有效改善", 30, 30],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10]):
        ws.append(row)
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert [(i.name, i.actual.display()) for i in t.indicators] == [
        ("养护里程", "126公里"), ("道路通行条件", "有效改善"), ("群众满意度", "92%")]
    assert score_file(path)[0].total == 99.5
    assert not [f for f in validate_file(path).findings if f.severity == "error"]


@pytest.mark.parametrize(("written", "score", "explain", "total"), [
    # 3.8（扣1.2分） is 3.8: it was no score (A318, an error), the mean taken over the other two (86.12)
    ("3.8（扣1.2分）", 4.05, "专家平均 (4 + 3.8 + 4.36)/3 = 4.05", 85.99),
    # 满分 is the row's weight, 5, as a 得分 of 满分 is: it was no score either (4.18, 86.12)
    ("满分", 4.45, "专家平均 (4 + 5 + 4.36)/3 = 4.45", 86.39),
    ("4.5/5", 4.29, "专家平均 (4 + 4.5 + 4.36)/3 = 4.29", 86.23),  # the points out of the weight (was A318)
    ("4.5分/5分", 4.29, "专家平均 (4 + 4.5 + 4.36)/3 = 4.29", 86.23),  # with its 分 (was A318)
    ("扣0.5分", 4.29, "专家平均 (4 + 4.5 + 4.36)/3 = 4.29", 86.23),  # what it takes off the weight (was A318)
    # an expert who stood aside (回避): the mean of the others, and no score missing (A318, an error)
    ("回避", 4.18, "专家平均 (4 + 4.36)/2 = 4.18", 86.12),
    ("（回避）", 4.18, "专家平均 (4 + 4.36)/2 = 4.18", 86.12),
])
def test_an_experts_score_written_with_words(tmp_path, written, score, explain, total):
    from xltools.api import validate_file
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["评价评分表.xlsx"]
    rows = list(sample.rows)
    rows[1] = replace(rows[1], experts=[4.0, written, 4.36])
    path = tmp_path / "评价.xlsx"
    write_sample(replace(sample, rows=rows), path, layout)
    (result,) = score_file(path)
    assert (result.rows[1].score, result.rows[1].explain(), result.total) == (score, explain, total)
    assert validate_file(path).findings == []


@pytest.mark.parametrize(("department", "unit"), [("市级主管部门", "实施单位名称"), ("主管部门名称", "项目实施单位名称"),
                                               ("主管部门", "申报单位")])
def test_header_labels_with_a_level_or_a_name_suffix(tmp_path, department, unit):
    """市级主管部门 / 实施单位名称: the department and the unit, not two empty fields (S101 twice);
    a declaration's 申报单位 is its unit too."""
    from xltools.api import validate_file

    path = write(tmp_path, edits={"A5": department, "D5": unit})
    (table,) = read_workbook(path).tables
    assert (table.header["department"].value, table.header["unit"].value) == ("市民政局", "市养老服务指导中心")
    assert validate_file(path).findings == []


def _split_over_two_sheets(path):
    """The header, funds and goals on a sheet of their own (项目基本信息), the indicators on another."""
    wb = openpyxl.load_workbook(path)
    info = wb.active
    info.title = "项目基本信息"
    ws = wb.create_sheet("绩效指标")
    for m in [m for m in info.merged_cells.ranges if m.min_row >= 13]:
        info.unmerge_cells(str(m))
    for r in range(13, info.max_row + 1):
        for c in range(1, info.max_column + 1):
            ws.cell(r - 12, c).value, info.cell(r, c).value = info.cell(r, c).value, None
    wb.save(path)
    return path


def test_a_sheet_of_project_information_beside_the_indicators_sheet(tmp_path):
    """项目名称, 主管部门, 实施单位 and the goals on one sheet, the indicators on another: the
    indicators' table was three S101 errors and a summary row without a project."""
    from xltools.api import validate_file
    from xltools.ruleset import load_rules
    from xltools.summary.collect import summarize_file

    path = _split_over_two_sheets(write(tmp_path, edits={"B12": "做好养老服务。"}))
    (table,) = read_workbook(path).tables
    assert (table.sheet, table.project_name, table.header["department"].value) == (
        "绩效指标", "社区养老服务中心运营补助", "市民政局")
    assert [(f.code, f.sheet, f.cell) for f in validate_file(path).findings] == [("G209", "项目基本信息", "B12")]
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.project, rec.department, rec.unit, rec.total) == (
        "社区养老服务中心运营补助", "市民政局", "市养老服务指导中心", 97.6)


def test_a_result_sheet_before_the_project_information(tmp_path):
    """A result table with a grade on a sheet of its own, ahead of the 项目基本信息 sheet, does not
    stand in for the project information (S101 three times, as the grade below a result table was
    first read for evaluations)."""
    from xltools.api import validate_file

    path = _split_over_two_sheets(write(tmp_path))
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("结果", 0)
    for row in [["一级指标", "分值", "得分", "得分率"], ["产出指标", 50, 50, "100%"], ["效益指标", 30, 28, "93.33%"],
                ["满意度指标", 10, 10, "100%"], ["总分", 100, 97.6, None], ["自评等级", "优"]]:
        ws.append(row)
    wb.save(path)
    (table,) = read_workbook(path).tables
    assert (table.project_name, table.header["department"].value) == ("社区养老服务中心运营补助", "市民政局")
    assert [f.code for f in validate_file(path).findings if f.code == "S101"] == []


def test_project_information_is_not_lent_to_one_of_several_tables_by_guess(tmp_path):
    path = _split_over_two_sheets(write(tmp_path))
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["绩效指标"]).title = "绩效指标2"
    wb.save(path)
    assert [t.project_name for t in read_workbook(path).tables] == ["", ""]


def test_a_reason_column_headed_for_the_points_taken_off(tmp_path):
    """扣分原因 is where a score sheet explains a row below its weight: A307 asked for a reason there."""
    from xltools.api import validate_file

    path = write(tmp_path, edits={"H13": "扣分原因"})
    assert validate_file(path).findings == []


def _deductions(path, wrong=None):
    """The 得分 column turned into a 扣分 column: the points each row lost, empty where none."""
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["G13"] = "扣分"
    for r in range(14, 21):
        lost = ws[f"F{r}"].value - ws[f"G{r}"].value
        ws[f"G{r}"] = lost or None
    for ref, value in (wrong or {}).items():
        ws[ref] = value
    wb.save(path)
    return path


def test_a_score_sheet_that_writes_the_points_taken_off(tmp_path):
    """分值 | 扣分 and no 得分: each row scores its weight less the points taken off (none where the
    cell is empty), and a wrong deduction is found at its cell. The rows had no written score."""
    from xltools.api import validate_file

    path = _deductions(write(tmp_path))
    assert validate_file(path).findings == [] and score_file(path)[0].total == 97.6
    (table,) = read_workbook(path).tables
    assert [i.score for i in table.indicators] == [20, 10, 10, 10, 18, 10, 10]
    path = _deductions(write(tmp_path, name="wrong.xlsx"), {"G14": 1})  # 2050 of ≥2000 people: nothing to take off
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code == "A305"] == [("A305", "G14")]


@pytest.mark.parametrize(
    ("name", "target", "actual", "score", "explain"),
    [
        # a target of 无 was no target (S103) and an actual of 无 no actual (A308): 0 points, two errors
        ("违规使用资金情况", "无", "无", 15.0, "目标为 0，实际 0，得满分 15.00"),
        ("违规使用资金情况", "无", 0, 15.0, "目标为 0，实际 0，得满分 15.00"),
        ("违规使用资金情况", "无", "发生1起", 0.0, "目标为 0起，实际 1起 > 0，得 0 分"),
        ("新增就业人数", "无", "50人", 15.0, "定性：评分 15.00/15 = 100.00%（达成年度指标）"),  # no target set: S103
        # 未发生 read as a failure (未…): 0 points for the target met
        ("安全事故发生情况", "不发生", "未发生", 15.0, "目标为 0，实际 0，得满分 15.00"),
        ("安全事故发生情况", "不发生安全事故", "无", 15.0, "目标为 0，实际 0，得满分 15.00"),
        # 无 beside a ceiling of incidents is none, too (it was no actual: A308, 0 points)
        ("群众有效投诉次数", "≤2起", "无", 15.0, "实际 0起 ≤ 目标 2起，得满分 15.00"),
        ("设备故障率", "≤1%", "未发生", 15.0, "实际 0% ≤ 目标 1%，得满分 15.00"),
        ("一般安全隐患", "≤3起", "没有发生", 15.0, "实际 0起 ≤ 目标 3起，得满分 15.00"),
        # an actual repeating its target is achieved, whatever its words: 否 was a failure, and its
        # written full score outside the failure's band (A313, an error)
        ("是否发生安全事故", "否", "否", 15.0, "定性：评分 15.00/15 = 100.00%（达成年度指标）"),
        ("是否发生安全事故", "否", "是", 0.0, "定性：评分 0.00/15 = 0.00%（未达成年度指标且效果较差）"),
    ],
)
def test_a_target_that_nothing_happens_met_by_nothing_having_happened(tmp_path, name, target, actual, score, explain):
    from xltools.api import validate_file
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["自评表.xlsx"]
    rows = list(sample.rows)
    assert rows[5].weight == 15 and rows[5].target == "有效提升"
    rows[5] = replace(rows[5], name=name, target=target, actual=actual, score=score,
                      deviation="" if score else "资金管理不到位，已整改")
    total = round(94.3 - 15 + score, 2)
    path = tmp_path / "自评.xlsx"
    write_sample(replace(sample, rows=rows, total=total, grade="优" if total >= 90 else "中"), path, layout)
    (result,) = score_file(path)
    assert (result.rows[6].score, result.rows[6].explain(), result.total) == (score, explain, total)
    row = [(f.code, f.cell) for f in validate_file(path).findings if f.cell[1:] == "19" and f.severity != "info"]
    assert row == ([("S103", "D19")] if name == "新增就业人数" else [])  # S103 and A308 were errors, A307 a warning


@pytest.mark.parametrize(("name", "target", "s103"), [
    ("重大安全事故发生次数", "无", False),  # an incident count: 无 is its target of 0 (it was S103, an error)
    ("违规使用资金情况", "无", False),
    ("展会宣传", "无", True),  # anything else: 无 is a blank cell
])
def test_a_declared_target_of_none_for_an_incident_count(tmp_path, name, target, s103):
    from xltools.api import validate_file
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["目标申报表.xlsx"]
    rows = list(sample.rows)
    rows[5] = replace(rows[5], name=name, target=target)
    path = tmp_path / "目标.xlsx"
    write_sample(replace(sample, rows=rows), path, layout)
    (table,) = read_workbook(path).tables
    assert (table.indicators[5].target.number, table.indicators[5].target.text) == ((None, "") if s103 else (0, "无"))
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code == "S103"] == ([("S103", "E17")] if s103 else [])


_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def _demo_sheet(tmp_path):
    """The demo self-evaluation (as `make demo` writes it) with its 一级指标 cells unmerged, so that
    a row can be put between its rows."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["自评表.xlsx"]
    path = tmp_path / "demo.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for m in list(ws.merged_cells.ranges):
        if m.min_col == 1 and m.min_row >= 14:
            ws.unmerge_cells(str(m))
    for r, level1 in ((15, "产出指标"), (16, "产出指标"), (17, "产出指标"), (19, "效益指标")):
        ws[f"A{r}"] = level1
    return wb, ws


def test_a_header_repeated_atop_a_second_page_goes_on_with_the_table(tmp_path):
    """The header copied above the rows of the second printed page split the table in two: two
    tables, 56.70 and 37.60 (both 差), the second without a project (three S101), each failing
    G208. It is one table, as printed: 94.30 优 and the demo's findings, its rows where they are."""
    wb, ws = _demo_sheet(tmp_path)
    ws.insert_rows(18)
    for c, label in zip("ABCDEFGH", _HEADER, strict=True):
        ws[f"{c}18"] = label
    path = tmp_path / "两页.xlsx"
    wb.save(path)
    (result,) = score_file(path)
    assert (result.total, result.grade, len(result.rows)) == (94.3, "优", 8)
    assert [r.cell for r in result.rows[5:]] == ["G19", "G20", "G21"]
    from xltools.api import validate_file

    assert [(f.code, f.cell) for f in validate_file(path).findings] == [
        ("G209", "B12"), ("A317", "E12"), ("A312", "E14"), ("A307", "H14")]


def test_a_header_again_below_a_total_is_another_table(tmp_path):
    """A second project's table below the first's 总分 and 等级, on the same sheet, is its own."""
    wb, ws = _demo_sheet(tmp_path)
    for r in range(4, 23):
        for c in range(1, 9):
            ws.cell(r + 25, c, ws.cell(r, c).value)
    ws["B29"] = "第二个项目"
    path = tmp_path / "两表.xlsx"
    wb.save(path)
    assert [(r.project, r.total, len(r.rows)) for r in score_file(path)] == [
        ("2023年中国品牌商品（中东欧）展览会", 94.3, 8), ("第二个项目", 94.3, 8)]


@pytest.mark.parametrize(("at", "note", "merged"), [
    (21, "注：满意度为问卷调查结果", True), (21, "注：满意度为问卷调查结果", False), (21, "填表说明：分值合计100分", True),
    (21, "备注：无", False), (21, "注1.满意度为问卷调查结果", True),
    (22, "注：满意度为问卷调查结果", True),  # below the last indicator it was read right already
    (21, ("说明", "满意度为问卷调查结果"), False), (21, ("备注", "满意度为问卷调查结果"), False),  # the label, then its text
])
def test_a_note_written_across_the_table_is_no_level(tmp_path, at, note, merged):
    """A note in the 一级指标 column, among the indicator rows, was a level-1 name outside the
    taxonomy (S102, an error) with no indicators (G204)."""
    from xltools.api import validate_file

    wb, ws = _demo_sheet(tmp_path)
    ws.insert_rows(at)
    if isinstance(note, tuple):
        ws[f"A{at}"], ws[f"B{at}"] = note
    else:
        ws[f"A{at}"] = note
    if merged:
        ws.merge_cells(f"A{at}:H{at}")
    path = tmp_path / "注.xlsx"
    wb.save(path)
    (result,) = score_file(path)
    assert (result.total, len(result.rows)) == (94.3, 8)
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [
        ("G209", "B12"), ("A317", "E12"), ("A312", "E14"), ("A307", "H14")]


@pytest.mark.parametrize(("weights_merged", "written", "found"), [
    (True, "each", []),  # 分值 merged, each row its own 得分
    (True, 29, []),
    (False, 29, []),
    (True, 30, [("A305", "G14", 30, "29.00")]),
    (False, 25, [("A305", "G14", 25, "29.00")]),
    (True, None, [("A326", "G14", None, "29.00")]),
    (True, 31, [("A304", "G14", 31, None)]),
])
def test_a_weight_or_score_merged_over_two_indicator_rows_is_theirs_together(tmp_path, weights_merged, written, found):
    """分值 30 merged over 参展企业数量 and 搭建展位面积, each with its own 得分: the first row took the
    whole 30 (full marks, 95.30) and the second had none (S103, an error); shared, 15 each, the
    table is the demo's again: 94.30 and its findings.

    得分 merged over the two rows too (or over their own 15 each): the first row took the group's
    score (total 95.30; A304, or A305 against that row alone) and the second had none (S103 or
    A326). The written score is now the two rows' together: the total is the demo's 94.30, and
    A304/A305/A326 are said once, at the merged cell, of the rows' sum."""
    from xltools.api import validate_file
    from xltools.fix import corrections

    wb, ws = _demo_sheet(tmp_path)
    if weights_merged:
        ws["F14"], ws["F15"] = 30, None
        ws.merge_cells("F14:F15")
    if written != "each":
        ws["G14"], ws["G15"] = written, None
        ws.merge_cells("G14:G15")
    path = tmp_path / "合并得分.xlsx"
    wb.save(path)
    (result,) = score_file(path)
    assert [(r.weight, r.score) for r in result.rows[1:3]] == [(15, 15), (15, 14)]
    assert result.total == 94.3
    findings = validate_file(path).findings
    assert [(f.code, f.cell) for f in findings] == [
        ("G209", "B12"), ("A317", "E12"), ("A312", "E14"), *[(c, cell) for c, cell, _, _ in found], ("A307", "H14")]
    for f, (_, _, value, computed) in zip([f for f in findings if f.code in ("A304", "A305", "A326")], found, strict=True):
        assert (f.value, f.params.get("computed")) == (value, computed)
    if found and found[0][0] != "A304":
        assert [(c.cell, c.new) for c in corrections(findings)] == [("G14", 29.0)]


@pytest.mark.parametrize("edits", [
    {"E7": "770.42万", "E8": "770.42万"},  # it was no number: no execution score, 86.60
    {"E7": "7704200元", "E8": "7,704,200 元"},  # it was 7704200 万元: A302 twice and full marks, 96.60
    {"H3": "单位：元", "A6": "项目资金（元）", "C7": "1000万元", "D7": "1000万元", "E7": 7704200,  # a 元 table
     "C8": 10000000, "D8": 10000000, "E8": 7704200,
     "C25": 6000000, "D25": 5800000, "E25": 5602000, "C26": 4000000, "E26": 2102200},  # (its line items too: A338)
])
def test_a_funds_amount_typed_with_its_unit_is_in_the_tables_unit(tmp_path, edits):
    """Amounts typed with a money unit of their own are converted to the table's unit."""
    wb, ws = _demo_sheet(tmp_path)
    for cell, value in edits.items():
        ws[cell] = value
    _reads_as_the_demo(wb, tmp_path / "带单位.xlsx")


def _reads_as_the_demo(wb, path):
    """``wb`` saved at ``path`` scores and validates as the demo self-evaluation does."""
    from xltools.api import validate_file

    wb.save(path)
    (result,) = score_file(path)
    assert (result.total, result.rows[0].score) == (94.3, 7.7)
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [
        ("G209", "B12"), ("A317", "E12"), ("A312", "E14"), ("A307", "H14")]


@pytest.mark.parametrize("edits", [
    {"B8": "51696500元"},  # it was 51696500 万元: execution 100 %, 93.60
    {"A7": "调整预算数"},  # it was no 全年预算数: 5169.65 of the 年初预算数 5029.86, 100 %, 93.60
    {"A7": "调整后全年预算数", "B7": "5333.85万元"},
    {"A7": "批复预算数", "A8": "全年实际执行数"},
])
def test_a_departments_amounts_in_other_words_and_units(tmp_path, edits):
    """The labelled amounts of a 部门整体 table: spelt as the funds block's columns are, and typed
    with a unit of their own; the execution rate stays 96.92 % of 20 (19.38), the total 92.98."""

    wb, _, path = demo_book(tmp_path)
    for cell, value in edits.items():
        wb.active[cell] = value
    wb.save(path)
    (result,) = score_file(path)
    assert (result.rows[0].score, result.total) == (19.38, 92.98)


def test_numbered_levels_and_indicators_are_read_without_their_numbers(tmp_path):
    """一、产出指标 / 1.数量指标 / 1.参展企业数量, （2）…, ③…, 4、…: the numbers are the rows'
    places. With them, the levels were outside the taxonomy (S102, errors, and G204) and A311 found
    every declared indicator missing and every written one new; 1.5米宽… stays a name."""
    from xltools.api import validate_files
    from xltools.samples import demo_samples, write_sample

    wb, ws = _demo_sheet(tmp_path)
    for r in (14, 15, 16, 17):
        ws[f"A{r}"] = "一、产出指标"
    ws["A18"], ws["A19"], ws["A20"] = "二、效益指标", "二、效益指标", "（三）满意度指标"
    ws["B14"], ws["B15"], ws["B16"] = "1.数量指标", "1.数量指标", "（2）质量指标"
    ws["C14"], ws["C15"], ws["C16"], ws["C17"] = "1.参展企业数量", "（2）搭建展位面积", "③展会布展验收合格率", "4、布展完成时间"
    path = tmp_path / "编号.xlsx"
    wb.save(path)
    goals, layout = demo_samples()["目标申报表.xlsx"]
    write_sample(goals, tmp_path / "目标申报表.xlsx", layout)
    (result,) = score_file(path)
    assert [r.name for r in result.rows[1:5]] == ["参展企业数量", "搭建展位面积", "展会布展验收合格率", "布展完成时间"]
    assert [(r.level1, r.level2) for r in result.rows[1:4]] == [("产出指标", "数量指标")] * 2 + [("产出指标", "质量指标")]
    (report,) = validate_files([str(path)], goals_path=str(tmp_path / "目标申报表.xlsx")).files
    assert [(f.code, f.cell) for f in report.findings] == [
        ("G209", "B12"), ("A317", "E12"), ("A312", "E14"), ("A307", "H14")]
    ws["C17"] = "1.5米宽步道建设长度"
    wb.save(path)
    assert score_file(path)[0].rows[4].name == "1.5米宽步道建设长度"


def test_invisible_characters_pasted_with_values_are_not_read(tmp_path):
    """Zero-width spaces, a byte-order mark, a soft hyphen — text pasted from web pages and chat
    carries them: ``120家`` + U+200B was a unit 家​ that could not be converted (A316), and a header
    label with one inside was no label."""
    wb, ws = _demo_sheet(tmp_path)
    ws["E14"], ws["D16"], ws["E13"], ws["F6"] = "120家\u200b", "\ufeff=100%", "实际完成值\u00ad", "分\u200d值"
    _reads_as_the_demo(wb, tmp_path / "不可见字符.xlsx")


def test_a_reason_merged_over_two_rows_is_the_reason_of_both(tmp_path):
    """One 偏差原因 cell merged over 参展企业数量 (over-achieved) and 搭建展位面积 (short): the
    second row read an empty cell, A307 "no reason"; one 指标值 merged over two rows, S103; and one
    纠偏措施 merged over two monitoring rows, M402 "no measures"."""
    from xltools.api import validate_file
    from xltools.samples import demo_samples, write_sample

    wb, ws = _demo_sheet(tmp_path)
    ws["H14"], ws["H15"] = "展会规模扩大，面积受场馆限制", None
    ws.merge_cells("H14:H15")
    path = tmp_path / "合并原因.xlsx"
    wb.save(path)
    (table,) = read_workbook(path).tables
    assert [i.deviation for i in table.indicators[:2]] == ["展会规模扩大，面积受场馆限制"] * 2
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [("G209", "B12"), ("A317", "E12"), ("A312", "E14")]
    # one 指标值 for two rows (=100% for two 合格率): the second had none (S103, an error)
    ws["B17"], ws["C17"], ws["D17"], ws["E17"] = "质量指标", "展位搭建验收合格率", None, "100%"
    ws.merge_cells("D16:D17")
    wb.save(path)
    assert [str(i.target.display()) for i in read_workbook(path).tables[0].indicators[2:4]] == ["=100%", "=100%"]
    assert "S103" not in {f.code for f in validate_file(path).findings}

    sample, layout = demo_samples()["监控表.xlsx"]
    path = tmp_path / "监控.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    wb.active["I13"] = "下半年加大招商力度"
    wb.active.merge_cells("I13:I14")
    wb.save(path)
    assert [f.code for f in validate_file(path).findings] == ["M401"]  # (M402 at I14 before)


@pytest.mark.parametrize(("cell", "label"), [("A9", "决算支出数"), ("A10", "年末结转结余"), ("A10", "结转结余资金"),
                                           ("A10", "年末结转和结余"), ("A10", "结余结转总额"),
                                           ("A10", "年末结转结余资金总额"), ("A6", "部门年初预算数"),
                                           ("A7", "部门全年预算数"), ("A8", "本单位全年执行数"), ("A9", "部门决算支出数"),
                                           # beside a 年初预算数, the year's as adjusted
                                           ("A7", "部门预算总额"), ("A7", "预算总额")])
def test_department_amount_labels(tmp_path, cell, label):
    """A department's 支出决算数 headed 决算支出数, its 结转结余总额 年末结转结余 …: no 预决算差异率 or
    结转结余率 (domain.md §4's worked figures) was computed. Its amounts said as its own (部门全年预算数):
    the 年初预算数 was taken for the budget (102.78 %, A302 "spent above its budget")."""

    wb, _, path = demo_book(tmp_path)
    wb.active[cell] = label
    wb.save(path)
    assert score_file(path)[0].figures == {"execution_rate": 0.9692, "carryover_rate": 0.0324, "final_diff_rate": 0.0278}


@pytest.mark.parametrize("lead", [None, "部门整体支出"])
def test_a_departments_amounts_under_their_labels(tmp_path, lead):
    """A 部门整体 table stating its money as a row of labels over a row of numbers (``年初预算数 | 全年预算数 |
    … `` / ``5029.86 | 5333.85 | …``), with or without a row label: nothing was read — no execution score,
    the total 80.00 against 99.38 (A305) and "weights add up to 80" (G208)."""
    wb, ws, path = demo_book(tmp_path)
    labels = [ws[f"A{r}"].value for r in range(6, 11)]
    values = [ws[f"B{r}"].value for r in range(6, 11)]
    assert labels == ["年初预算数", "全年预算数", "全年执行数", "支出决算数", "结转结余总额"]
    for r in range(6, 11):
        ws[f"A{r}"] = ws[f"B{r}"] = None
    first = 1 if lead else 0
    ws.cell(7, 1, lead)
    for c, (label, value) in enumerate(zip(labels, values, strict=True), start=1 + first):
        ws.cell(6, c, label)
        ws.cell(7, c, value)
    wb.save(path)
    result = score_file(path)[0]
    assert result.figures == {"execution_rate": 0.9692, "carryover_rate": 0.0324, "final_diff_rate": 0.0278}
    assert result.total == 92.98  # (19.38 + the indicators' 73.60, as the demo's)
    *_, as_given = demo_book(tmp_path, name="原表.xlsx")
    assert [f.code for f in validate_file(path).findings] == [f.code for f in validate_file(as_given).findings]


@pytest.mark.parametrize(("parts", "found"), [((500, 0), []), ((400, 0), [("A301", "A7")])])
def test_a_declarations_amounts_under_their_labels(tmp_path, parts, found):
    """年度资金总额 | 其中：财政拨款 | 其他资金 over their amounts: the split went unchecked."""
    from tests.test_validate import GOALS as DECLARATION

    edits = {"A6": "年度资金总额", "B6": "其中：财政拨款", "C6": "其他资金", "A7": 500, "B7": parts[0], "C7": parts[1],
             "A8": None, "B8": None}
    path = write(tmp_path, DECLARATION, edits)
    assert [(f.code, f.cell) for f in validate_file(path).findings] == found


@pytest.mark.parametrize("label", ["部门名称", "部门（单位）名称", "单位（部门）名称", "预算部门名称", "部门全称", "被评价部门"])
def test_department_name_labels(tmp_path, label):
    """A 部门整体 table's 部门名称 headed 部门（单位）名称, 预算部门名称 …: S101 said 部门名称 was empty
    (where no 主管部门 line said it), and the summary's row had no name."""
    wb, ws, path = demo_book(tmp_path)
    assert (ws["A4"].value, ws["A5"].value) == ("部门名称", "主管部门")
    ws["A4"], ws["A5"], ws["B5"] = label, None, None
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.field_value("department") == "市贸促会"
    assert "S101" not in {f.code for f in validate_file(path).findings}


@pytest.mark.parametrize(("label", "value", "department", "s101"), [
    ("预算单位名称", "市贸促会", "市贸促会", False), ("单位名称", "市贸促会", "市贸促会", False),
    ("实施单位", "市贸促会", "市贸促会", False), ("部门名称", None, None, True)])
def test_a_units_own_table_is_named_by_its_unit(tmp_path, label, value, department, s101):
    """A unit's own 部门整体 table (单位整体支出绩效自评表) names itself by 预算单位名称 alone: S101 said
    部门名称 was empty and its summary row had no name. A 部门名称 line left empty stays S101."""
    wb, ws, path = demo_book(tmp_path, name="单位.xlsx")
    ws["A4"], ws["B4"], ws["A5"], ws["B5"] = label, value, None, None
    if s101:
        ws["A5"], ws["B5"] = "预算单位名称", "市贸促会"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert t.field_value("department") == department
    assert ("S101" in {f.code for f in validate_file(path).findings}) is s101


@pytest.mark.parametrize("label", ["决算数", "资金执行数", "累计支出", "已支出金额"])
def test_spending_labels_of_the_funds_block(tmp_path, label):
    """全年执行数 headed 决算数, 资金执行数, 累计支出 or 已支出金额: it was no column, so no 执行率
    and no execution score (86.60 against 94.30, A305 and A306 blaming a right total)."""
    wb, ws = _demo_sheet(tmp_path)
    assert ws["E6"].value == "全年执行数"
    ws["E6"] = label
    path = tmp_path / "执行.xlsx"
    wb.save(path)
    [result] = score_file(path)
    assert (result.total, result.figures["execution_rate"]) == (94.3, 0.7704)


@pytest.mark.parametrize(("edits", "year", "cell"), [
    ({"A2": "（二〇二三年度）"}, 2023, "A2"),
    ({"A1": "二〇二四年度项目支出绩效自评表", "A2": None}, 2024, ""),
    ({"A2": "（2023年1月1日-2023年12月31日）"}, 2023, "A2"),  # the year's period
    ({"A2": "（2023年1月1日至12月31日）"}, 2023, "A2"),
    ({"A2": "（截至2023年6月30日）"}, 2023, "A2"),  # a monitoring table's period lines
    ({"A2": "（2023年上半年）"}, 2023, "A2"),
    ({"A2": "（2023年度1-6月）"}, 2023, "A2"),
    ({"A1": "2023年度项目支出绩效自评表", "A2": "（2024年3月填报）"}, 2023, ""),  # filled in 2024: the title's 2023 stands
    ({"A1": "项目支出绩效自评表", "A2": "（2023）"}, 2023, "A2"),  # a year alone in brackets (it was none)
])
def test_a_year_in_chinese_numerals(tmp_path, edits, year, cell):
    """二〇二三年度, as formal titles write the year, or the year's period: it was no year (the
    summary's 年度 empty, S106/S107 blind to it)."""
    wb, ws = _demo_sheet(tmp_path)
    for k, v in edits.items():
        ws[k] = v
    path = tmp_path / "年度.xlsx"
    wb.save(path)
    f = read_workbook(path).tables[0].header["year"]
    assert (f.value, f.cell) == (year, cell)


@pytest.mark.parametrize(("written", "found"), [
    (25, []),  # 部分达成 15 and 达成 15 together: [21, 27) of 30 (was A313: 12.5 each, 83 %, outside 部分达成)
    (28, [("A313", "G18", 28, "定性指标「带动相关产业发展」「提升品牌影响力」得分 28（93.33%）不在「部分达成年度指标并具有一定效果、"
           "达成年度指标」的区间 [70%, 90%) 内")]),
])
def test_a_score_merged_over_qualitative_rows_is_held_to_their_bands_together(tmp_path, written, found):
    from xltools.api import validate_file

    wb, ws = _demo_sheet(tmp_path)
    ws["C18"], ws["D18"], ws["E18"], ws["H18"] = "带动相关产业发展", "有效带动", "部分带动", "产业链尚在培育"
    ws["G18"], ws["G19"] = written, None
    ws.merge_cells("G18:G19")
    path = tmp_path / "合并定性.xlsx"
    wb.save(path)
    report = validate_file(path, select={"A313"})
    assert [(f.code, f.cell, f.value, f.message()) for f in report.findings] == found


@pytest.mark.parametrize("edits", [
    {"E25": "5602000元"},  # it was 5602000 万元: A310 (above the contract's 580)
    {"C26": "4000000元", "E26": "2,102,200 元"},
    {"E25": "560.2万元"},
    # a block whose header states 元 (its bare numbers are 元): 580万元 is 5800000
    {"C24": "预算金额（元）", "D24": "合同签订金额（元）", "E24": "支出金额（元）", "C25": 6000000, "D25": "580万元",
     "E25": 5602000, "C26": 4000000, "E26": 2102200},
])
def test_a_line_item_amount_typed_with_its_unit_is_in_the_blocks_unit(tmp_path, edits):
    wb, ws = _demo_sheet(tmp_path)
    assert ws["A24"].value == "组织方式"
    for cell, value in edits.items():
        ws[cell] = value
    _reads_as_the_demo(wb, tmp_path / "明细带单位.xlsx")
    from xltools.api import read_workbook

    (table,) = read_workbook(tmp_path / "明细带单位.xlsx").tables
    in_yuan = "C24" in edits
    assert [(i.budget, i.spent) for i in table.line_items] == (
        [(6000000, 5602000), (4000000, 2102200)] if in_yuan else [(600, 560.2), (400, 210.22)])


@pytest.mark.parametrize("label", ["年度实际完成情况", "实际完成指标", "自评实际完成值", "实际完成结果", "实际达到值",
                                   "指标完成值", "指标完成情况"])
def test_more_spellings_of_the_actual_column(tmp_path, label):
    """实际完成值 as other forms head it: the column was not read (every row A308, 22.70 中)."""
    wb, _ = _demo_sheet(tmp_path)
    wb.active["E13"] = label
    _reads_as_the_demo(wb, tmp_path / "实际.xlsx")


def test_level_columns_headed_by_their_level_alone(tmp_path):
    """一级 | 二级 | 三级: the 三级 column was no name column, and no table was found (S105)."""
    wb, ws = _demo_sheet(tmp_path)
    ws["A13"], ws["B13"], ws["C13"] = "一级", "二级", "三级"
    _reads_as_the_demo(wb, tmp_path / "级.xlsx")


@pytest.mark.parametrize("label", ["全年预算总额", "调整后预算总额"])
def test_a_departments_annual_budget_headed_as_a_total(tmp_path, label):
    """全年预算总额: the department's 全年预算数 (it was not read; 执行率 was taken on 年初预算数, 102.78 %:
    the total 93.60 for 92.98)."""

    wb, _, path = demo_book(tmp_path)
    assert wb.active["A7"].value == "全年预算数"
    wb.active["A7"] = label
    wb.save(path)
    assert score_file(path)[0].total == 92.98


@pytest.mark.parametrize("label", ["自评总分", "评价总分", "自评得分合计"])
def test_the_total_row_headed_as_the_evaluations_total(tmp_path, label):
    """自评总分 …: the total row (it was read as an indicator under an unknown 一级指标: S102, G204)."""
    wb, ws = _demo_sheet(tmp_path)
    assert ws["A21"].value == "总分"
    ws["A21"] = label
    _reads_as_the_demo(wb, tmp_path / "总分.xlsx")


@pytest.mark.parametrize("label", ["运算符", "指标值属性", "比较方式", "考核方向"])
def test_more_spellings_of_the_direction_column(tmp_path, label):
    """运算符 …: the 指标性质 column (it was not read: a ≤ there scored as =)."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["目标申报表.xlsx"]
    path = tmp_path / "申报.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    assert (wb.active["D11"].value, wb.active["C12"].value) == ("指标性质", "参展企业数量")
    wb.active["D11"], wb.active["D12"], wb.active["E12"] = label, "≥", "100家"
    wb.save(path)
    first = read_workbook(path).tables[0].indicators[0]
    assert (first.direction, first.op) == ("≥", "≥")


def test_a_target_caption_over_its_sub_columns(tmp_path):
    """年度指标值 merged over 指标性质 | 指标值 | 度量单位 (a system's export): the target was read from
    the caption's first column, the 指标性质 ``≥`` — every row G201 and scored as written (定性)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目支出绩效自评表"], ["（2023年度）"],
                ["项目名称", "乡村道路养护", None, "主管部门", "县交通运输局", None, "实施单位", "县公路养护中心"],
                ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                [None, "年度资金总额", 200, 200, 190, 10, "95%", 9.5],
                ["一级指标", "二级指标", "三级指标", "年度指标值", None, None, "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                [None, None, None, "指标性质", "指标值", "度量单位"],
                ["产出指标", "数量指标", "养护里程", "≥", 120, "公里", 100, 50, 50],
                ["效益指标", "社会效益指标", "道路通行条件改善", "定性", "有效改善", None, "有效改善", 30, 30],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 85, 10, 9.44, "宣传不到位"],
                ["总分", None, None, None, None, None, None, 100, 98.94]):
        ws.append(row)
    for rng in ("D6:F6", "A6:A7", "B6:B7", "C6:C7", "G6:G7", "H6:H7", "I6:I7", "J6:J7"):
        ws.merge_cells(rng)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    [result] = score_file(str(path))
    assert [(r.name, r.score, r.explain()) for r in result.rows[1:]] == [
        ("养护里程", 41.67, "100公里/120公里 = 83.33% × 50 = 41.67"),
        ("道路通行条件改善", 30.0, "定性：评分 30.00/30 = 100.00%（达成年度指标）"),
        ("群众满意度", 9.44, "85%/90% = 94.44% × 10 = 9.44")]
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [
        ("G219", "A8"), ("A305", "I8"), ("A307", "J8"), ("A305", "I11")]


def test_targets_captioned_over_sub_columns_in_a_declaration(tmp_path):
    """中期指标值 and 年度指标值, each merged over 指标性质 | 指标值 | 度量单位: each caption's values are its
    指标值 sub-column, and the row's 指标性质 and 度量单位 are the 年度 target's (they were the first
    sub-columns: targets ``≥``, G201 on every row)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目支出绩效目标申报表"], ["（2023年度）"],
                ["项目名称", "乡村道路养护", None, "主管部门", "县交通运输局", None, "实施单位", "县公路养护中心"],
                ["年度资金总额", 200], ["其中：财政拨款", 200], ["其他资金", 0],
                ["一级指标", "二级指标", "三级指标", "中期指标值", None, None, "年度指标值", None, None, "分值"],
                [None, None, None, "指标性质", "指标值", "度量单位", "指标性质", "指标值", "度量单位"],
                ["产出指标", "数量指标", "养护里程", "≥", 300, "公里", "≥", 120, "公里", 50],
                ["效益指标", "社会效益指标", "道路通行条件改善", "定性", "明显改善", None, "定性", "有效改善", None, 40],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", "≥", 90, "%", 10]):
        ws.append(row)
    for rng in ("D7:F7", "G7:I7", "A7:A8", "B7:B8", "C7:C8", "J7:J8"):
        ws.merge_cells(rng)
    path = tmp_path / "申报.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert [(i.target.display(), i.op, i.unit, i.target_midterm.display()) for i in t.indicators] == [
        ("≥120公里", "≥", "公里", "300公里"), ("有效改善", None, "", "明显改善"), ("≥90%", "≥", "%", "90%")]
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [("G219", "A9")]


@pytest.mark.parametrize("label", ["小计", "产出指标小计"])
def test_a_blocks_subtotal_row_is_no_level(tmp_path, label):
    """A subtotal row after a 一级指标's rows (``小计 | | | | | 50 | 43.33``) was skipped as a row but
    taken as a 一级指标 first: S102 (not in the taxonomy) and G204 (no indicators under it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目支出绩效自评表"], ["（2023年度）"],
                ["项目名称", "乡村道路养护", None, "主管部门", "县交通运输局", None, "实施单位", "县公路养护中心"],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
                ["产出指标", "数量指标", "养护里程", "≥120公里", "120公里", 30, 30],
                ["产出指标", "质量指标", "验收合格率", "100%", "100%", 10, 10],
                ["产出指标", "时效指标", "养护完成时间", "2023年11月30日前", "2023年11月20日", 10, 10],
                [label, None, None, None, None, 50, 50],
                ["效益指标", "社会效益指标", "道路通行条件改善", "有效改善", "有效改善", 30, 30],
                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 10],
                ["总分", None, None, None, None, 90, 90]):
        ws.append(row)
    path = tmp_path / "小计.xlsx"
    wb.save(path)
    [t] = read_workbook(path).tables
    assert [(i.level1, i.name) for i in t.indicators] == [
        ("产出指标", "养护里程"), ("产出指标", "验收合格率"), ("产出指标", "养护完成时间"),
        ("效益指标", "道路通行条件改善"), ("满意度指标", "群众满意度")]
    assert validate_file(path).findings == []
    ws["G8"] = 45  # the subtotal written wrong: the block's rows give 50
    ws["F8"] = 60  # and its weight: the rows weigh 50
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == [
        ("A301", "F8", "「产出指标」分值：60 ≠ 分项合计 50"),
        ("A305", "G8", "填写的「产出指标」得分 45 与计算值 50.00 不符（评分表各行得分之和）")]


def test_a_note_below_the_line_items_that_says_heji_is_no_total(tmp_path):
    """Our templates close the sheet with a note that mentions 合计 (``得分、合计和下拉列表会自动覆盖新行``):
    it was read as a 合计 line item of nothing, which A338 then took for the 合计 to report at."""

    path = write(tmp_path, edits={"A28": "增加指标行：……得分、合计和下拉列表会自动覆盖新行。"})
    (table,) = read_workbook(path).tables
    assert [(i.kind, i.row) for i in table.line_items] == [("item", 25), ("item", 26)]


#: 90% typed into a cell in Excel: the number 0.9, shown as a percentage by the cell's format.
TYPED_PERCENTS = {"D17": (1, "0%"), "E17": (1, "0.00%"), "E20": (0.95, "0.0%"), "E16": (0, "0%")}


def _typed_percents(tmp_path):
    path = write(tmp_path, edits={k: v for k, (v, _) in TYPED_PERCENTS.items()})
    wb = openpyxl.load_workbook(path)
    for k, (_, fmt) in TYPED_PERCENTS.items():
        wb.active[k].number_format = fmt
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "xls"])
def test_a_percentage_typed_in_excel_is_read_as_the_sheet_shows_it(tmp_path, soffice, fmt):
    """100% typed in a 指标值 cell is the number 1 in a percent format: it was read as 1 — "no unit" (G201,
    an error) on every such target. Read as the cell shows it: ``100%``, ``95%``."""
    from .conftest import convert

    path = str(_typed_percents(tmp_path))
    if fmt != "xlsx":
        path = convert(soffice, path, fmt, str(tmp_path))
    [t] = read_workbook(path).tables
    shown = {i.cell("target"): i.target.text for i in t.indicators} | {i.cell("actual"): i.actual.text
                                                                       for i in t.indicators}
    assert [shown[k] for k in TYPED_PERCENTS] == ["100%", "100%", "95%", "0%"]
    assert validate_file(path).findings == []
    assert score_file(path)[0].total == 97.6


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_number_shown_with_its_unit_by_its_format_is_read_with_it(tmp_path, soffice, fmt):
    """A 指标值 of 2000 in a cell formatted ``"≥"0"人"`` shows ``≥2000人``: it was read as a bare 2000 —
    "no unit" (G201, an error) and "=" for its way (A307 asked why 2050 was above it)."""
    from .conftest import convert

    path = write(tmp_path, edits={"D14": 2000, "E14": 2050})
    wb = openpyxl.load_workbook(path)
    wb.active["D14"].number_format = '"≥"0"人"'
    wb.active["E14"].number_format = '0"人"'
    wb.save(path)
    path = str(path) if fmt == "xlsx" else convert(soffice, str(path), fmt, str(tmp_path))
    [t] = read_workbook(path).tables  # (an .ods keeps what each cell shows beside its number)
    row = t.indicators[0]
    assert (row.target.text, row.actual.text, row.op) == ("≥2000人", "2050人", "≥")
    assert validate_file(path).findings == []


def test_sheet_names_read_from_the_open_file_fall_back_where_they_miss_a_sheet(tmp_path):
    """The sheet names for the hidden rows, error cells and numbers shown as percentages are read from
    the open file by regular expression; a workbook.xml naming one sheet in single quotes (valid XML)
    left that sheet unnamed, and its hidden rows were lost. Then the zip and XML parse names them."""
    import re
    import zipfile

    from xltools.reading.source import load_grids

    wb = openpyxl.Workbook()
    wb.active.title, wb.active["A1"] = "甲", 1
    wb.active.row_dimensions[3].hidden = True
    second = wb.create_sheet("乙")
    second["A1"] = 2
    second.row_dimensions[5].hidden = True
    plain, quoted = tmp_path / "x.xlsx", tmp_path / "quoted.xlsx"
    wb.save(plain)
    with zipfile.ZipFile(plain) as zi, zipfile.ZipFile(quoted, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb'<sheet ([^>]*name="\xe4\xb9\x99"[^>]*)/>',
                              lambda m: b"<sheet " + m[1].replace(b'"', b"'") + b"/>", data)
                assert b"name='\xe4\xb9\x99'" in data
            zo.writestr(info, data)
    assert [(g.sheet, sorted(g.hidden_rows)) for g in load_grids(str(quoted))] == [("甲", [2]), ("乙", [4])]


@pytest.mark.parametrize(("edits", "found"), [
    ({"A2": "（    年度）"}, [("S101", "A2", "必填栏目「年度」为空")]),
    ({"A2": "（20  年度）"}, [("S101", "A2", "必填栏目「年度」为空")]),
    ({"A2": "____年度"}, [("S101", "A2", "必填栏目「年度」为空")]),
    ({"A1": "2023年度项目支出绩效自评表", "A2": "（    年度）"}, []),  # the title gives the year
    ({"A2": None}, []),  # no place for a year on the form: nothing asked
])
def test_a_year_line_left_empty_is_asked_for(tmp_path, edits, found):
    """The national form's ``（    年度）`` left as printed: the summary's 年度 was empty and nothing said so."""
    wb, ws = _demo_sheet(tmp_path)
    for k, v in edits.items():
        ws[k] = v
    path = tmp_path / "年度.xlsx"
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "S101"] == found


@pytest.mark.parametrize(("text", "note"), [
    ("注：本表金额单位为万元", True), ("说明：", True), ("（续表）", True), ("续上表", True), ("第 2 页 共 3 页", True),
    ("单位：万元", True), ("填报人：张三", True), ("联系电话:12345678", True),
    ("产出指标", False), ("产出指标：", False), ("年度目标：完成改造", False), ("目标1：按月发放工资", False),
    ("2023", False), ("续", False), ("指标2：", False),
])
def test_what_is_a_line_about_the_table(text, note):
    """Words about a table, not in it (a note, a page's mark, a line about the form): inside a table they
    were an indicator, a level (S102, G204), a goal's text, or the end of the table before its 总分."""
    from xltools.reading.recognize import _is_note

    assert _is_note(text) is note


def test_a_line_about_the_form_inside_the_indicators(tmp_path):
    """``单位：万元`` on a line of its own among the indicators (column A, the 一级指标 column) was a level
    outside the taxonomy with no indicators (S102, G204); in a table whose names are in column A, an
    indicator with no target, weight or actual (S103, A308)."""
    from tests.test_provincial import _insert_empty_row, _moved, _reading, tianjin_dept
    from tests.test_validate import CLEAN, write

    for path, at in ((write(tmp_path, CLEAN, name="n.xlsx"), 16), (tianjin_dept(tmp_path / "tj.xlsx"), 12)):
        codes, scores = _reading(path)
        moved = _insert_empty_row(path, tmp_path / "x.xlsx", at, note="单位：万元")
        assert _reading(moved) == (sorted((c, _moved(cell, at)) for c, cell in codes), scores)

"""Provincial-style self-evaluations written cell by cell, as units and systems fill them: each
is read, scored and summarised to the exact figures a reviewer would compute by hand.

They differ from the national form in what the held-out batches of the issue differ in: labels,
column order, separate 指标性质/指标值/度量单位 columns, two-row headers over merged cells,
numbers and weights stored as text (``10分``), short 二级指标 names, 合计 for 总分, 优秀 for 优.
"""

from __future__ import annotations

import os

import openpyxl
import pytest

from xltools.api import score_file, validate_file
from xltools.reading import read_workbook
from xltools.ruleset import load_rules
from xltools.summary.collect import summarize_file


def _book(path, rows, merges=(), title="自评表"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return str(path)


#: The indicators of the layouts below, 指标性质 | 指标值 | 度量单位 in columns of their own: scores
#: 25, 15, 9.47, 30, 10 and the written 总分 98.97 with 预算执行率 9.5.
SEPARATE_INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "服务老人人数", "≥", 500, "人", 520, 25, 25, None],
    ["产出指标", "质量指标", "服务合格率", "≥", 95, "%", 97, 15, 15, None],
    ["产出指标", "时效指标", "服务及时率", "≥", 95, "%", 90, 10, 9.47, "人手不足"],
    ["效益指标", "社会效益指标", "老人生活质量提升", "定性", "有效提升", "", "有效提升", 30, 30, None],
    ["满意度指标", "服务对象满意度指标", "老人满意度", "≥", 90, "%", 93, 10, 10, None],
    ["总分", "", "", "", "", "", "", 100, 98.97, None],
    ["自评等级", "优"],
]


def separate_columns(path):
    """指标性质 | 指标值 | 度量单位 in three columns, numeric targets, the year on a line of its own."""
    return _book(path, [
        ["项目支出绩效自评表"],
        ["（2023年度）"],
        ["项目名称", "社区养老服务", "主管部门", "市民政局", "实施单位", "市养老服务中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 114, 10, "95.00%", 9.5],
        ["", "其中：当年财政拨款", 100, 120, 114, None, None, None],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        ["", "为500名老人提供上门服务，服务合格率95%以上", "", "", "为520名老人提供上门服务"],
        *SEPARATE_INDICATORS,
    ], merges=["A4:B4"])


def other_labels(path, weight="指标权重", score="自评分数"):
    """The same table under other provinces' column labels (指标权重, 自评分数, 实际达成值 …; 天津's
    system says 权重设定值 and 指标得分)."""
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "年度预期值", "度量单位", "实际达成值", weight,
              score, "未完成原因分析及改进措施"]
    return _book(path, [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称", "社区养老服务", "主管部门", "市民政局", "实施单位", "市养老服务中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 114, 10, "95.00%", 9.5],
        header, *SEPARATE_INDICATORS[1:],
    ], merges=["A3:B3"])


def without_levels(path):
    """No level columns at all, as 天津's system lays its indicator table out: 指标名称 | 计算符号 |
    指标值 | 实际完成值 | 计量单位 | 分值 | 得分 | 偏差原因分析及改进措施 (S105 before: no table found)."""
    return _book(path, [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称", "社区养老服务", "主管部门", "市民政局", "实施单位", "市养老服务中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 100, 120, 114, 10, "95.00%", 9.5],
        ["指标名称", "计算符号", "指标值", "实际完成值", "计量单位", "分值", "得分", "偏差原因分析及改进措施"],
        *([r[2], r[3], r[4], r[6], r[5], r[7], r[8], r[9]] for r in SEPARATE_INDICATORS[1:6]),
        ["合计", "", "", "", "", 100, 98.97],
    ], merges=["A3:B3"])


def merged_two_row_header(path):
    """绩效指标 merged over 一级/二级/三级指标 on the row below, the other labels merged down,
    一级/二级指标 merged over their rows, amounts stored as text, 调整后预算数/实际支出数/预算执行率,
    the year in the sheet name only, 优秀 for 优."""
    return _book(path, [
        ["项目支出绩效自评表"],
        ["填报单位（盖章）：县教育局", None, None, None, None, "单位：万元"],
        ["项目名称", "义务教育营养改善计划", None, None, "主管部门", "县教育局"],
        ["实施单位", "县学生资助中心", None, None, "项目负责人", "张三"],
        ["项目资金", None, "年初预算数", "调整后预算数", "实际支出数", "分值", "预算执行率", "得分"],
        ["年度资金总额", None, "300", "320", "310.4", "10", "97%", "9.7"],
        ["其中：财政资金", None, "300", "320", "310.4", None, None, None],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "保障全县12000名学生营养餐供应，食品安全零事故", None, None, "保障12100名学生，零事故"],
        ["绩效指标", None, None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["一级指标", "二级指标", "三级指标", None, None, None, None, None],
        ["产出指标", "数量指标", "受益学生人数", "≥12000人", "12100人", "20", "20", None],
        [None, None, "供餐天数", "≥180天", "178天", "10", "9.89", "停课两天"],
        [None, "质量指标", "食品抽检合格率", "100%", "100%", "10", "10", None],
        [None, "时效指标", "资金拨付及时率", "100%", "100%", "10", "10", None],
        ["效益指标", "社会效益指标", "学生营养状况改善", "明显改善", "明显改善", "15", "15", None],
        [None, "可持续影响指标", "营养餐长效机制", "长期", "长期", "15", "15", None],
        ["满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%", "95%", "10", "10", None],
        ["总分", None, None, None, None, "100", "99.59", None],
        ["自评等级", "优秀"],
    ], merges=["A5:B5", "A10:C10", "D10:D11", "E10:E11", "F10:F11", "G10:G11", "H10:H11", "A12:A15", "B12:B13",
               "A16:A17"], title="2023年自评")


def weights_as_text(path):
    """分值 and 得分 typed ``20分``, 一级指标 with their weight (``产出指标（50分）``), 二级指标 written
    数量/质量/时效, 合计 for 总分, the year in the title, labels with colons."""
    return _book(path, [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称：", "乡村道路养护", "主管部门：", "县交通运输局", "实施单位：", "县公路养护中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额：", None, "200", "200", "180.5", "10分", "90.25%", "9.03分"],
        ["绩效指标", None, None, "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["一级指标", "二级指标", "三级指标"],
        ["产出指标（50分）", "数量", "养护里程", "≥120公里", "126公里", "20分", "20分", None],
        [None, "质量", "路面合格率", "≥95%", "96%", "15分", "15分", None],
        [None, "时效", "养护完成时间", "按期完成", "按期完成", "15分", "15分", None],
        ["效益指标（30分）", "社会效益", "道路通行条件", "有效改善", "有效改善", "30分", "30分", None],
        ["满意度指标（10分）", "服务对象满意度", "群众满意度", "≥90%", "92%", "10分", "10分", None],
        ["合计", None, None, None, None, "100分", "99.03分", None],
        ["自评等级", "优秀"],
    ], merges=["A5:C5", "D5:D6", "E5:E6", "F5:F6", "G5:G6", "H5:H6", "A7:A9"], title="自评")


def funds_below(path, total=99.5, grade="优"):
    """项目资金 below the indicators, then 总分 and 自评等级: the indicators stopped at the block, whose
    execution score was lost (90.00, not 99.50) with the written total."""
    return _book(path, [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "乡村道路养护", "主管部门", "县交通运输局", "实施单位", "县公路养护中心"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "养护里程", "≥120公里", "126公里", 50, 50],
        ["效益指标", "社会效益指标", "道路通行条件", "有效改善", "有效改善", 30, 30],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10],
        ["资金情况（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", None, 200, 190, 10, "95%", 9.5],
        ["其中：财政拨款", None, 200, 190, None, None, None],
        ["总分", None, None, None, None, 100, total],
        ["自评等级", grade],
    ])


def level1_subtotals(path, output=50):
    """Each 一级指标 block opened by a row of its own with the block's 分值 and 得分: read as
    indicators without names (S103), the weights counted twice: a total of 189.50."""
    return _book(path, [
        ["2023年度项目支出绩效自评表"],
        ["项目名称", "乡村道路养护", "主管部门", "县交通运输局", "实施单位", "县公路养护中心"],
        ["资金情况（万元）", None, "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", None, 200, 190, 10, "95%", 9.5],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", None, None, None, None, 50, output],
        [None, "数量指标", "养护里程", "≥120公里", "126公里", 30, 30],
        [None, "质量指标", "路面合格率", "≥95%", "96%", 20, 20],
        ["效益指标", None, None, None, None, 30, 30],
        [None, "社会效益指标", "道路通行条件", "有效改善", "有效改善", 30, 30],
        ["满意度指标", None, None, None, None, 10, 10],
        [None, "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10],
        ["总分", None, None, None, None, 100, 99.5],
        ["自评等级", "优"],
    ])


def system_export(path, total_row=(90, 90, 89.974, 10, "99.97%", 10)):
    """A county's self-evaluation as a provincial budget system exports it (after a published
    2022 table from Anhui): ``年度资金总额:`` and ``其中:本年财政拨款`` with ASCII colons, the
    funds label merged over two columns, 绩效指标 merged down the left of the indicator table,
    ``产出指标(50分)``, ``满意度指标`` repeated as its own 二级指标, ``≥100百分比``, actual values
    without their unit, 达成预期指标 against qualitative targets, 经费支出合规性 and 提交报告及时性,
    a placeholder 经济效益指标 row with no indicator, codes before the department names."""
    return _book(path, [
        ["附件:"],
        ["项目支出绩效自评表"],
        ["(2022年度)"],
        ["项目名称", "委托业务项目"],
        ["主管部门", "219-池州市贵池区棠溪镇人民政府", "", "", "实施单位", "219001-池州市贵池区棠溪镇人民政府"],
        ["项目资金\n(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额:", *total_row],
        ["", "其中:本年财政拨款", 90, 90, 89.974],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        ["", "本项目共申请预算资金90万元，用于基建工程项目预算编制、审计和设计、规划、测绘各30万元。", "", "",
         "本项目共完成预算资金89.97万元，其中设计、规划、测绘支出29.99万元。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["", "产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8],
        ["", "", "质量指标", "委托业务报告合格率", "≥100百分比", "100", 8, 8],
        ["", "", "", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8],
        ["", "", "时效指标", "提交报告及时性", "在项目计划完成时间内完成", "达成预期指标", 8, 8],
        ["", "", "成本指标", "项目总成本", "≤90万元", "90", 8, 8],
        ["", "", "", "单项业务成本", "符合相关规定", "达成预期指标", 10, 10],
        ["", "效益指标(30分)", "社会效益指标", "对维护基建市场公平的影响程度", "效果明显", "达成预期指标", 10, 10],
        ["", "", "生态效益指标", "对控制基建项目成本影响程度", "效果明显", "达成预期指标", 10, 10],
        ["", "", "可持续影响指标", "对推动基建项目“四项制度”健全和落实的持续性影响", "效果明显", "达成预期指标", 10, 10],
        ["", "", "经济效益指标"],
        ["", "满意度指标(10分)", "满意度指标", "公众满意度", "≥90%", "95%", 10, 10],
        ["总分", "", "", "", "", "", 100, 100],
    ], merges=["A6:B6", "A7:A10", "A11:A12", "B11:D11", "E11:I11", "B12:D12", "E12:I12", "A13:A24", "B14:B19",
               "B20:B23", "C15:C16", "C18:C19"])


def test_a_system_export_reads_without_a_false_finding(tmp_path):
    """Nothing a reviewer would object to in the exported table: 满意度指标 as the 二级指标 of 满意度
    (S102 was an error), 百分比 as %, 经费支出合规性 not a cost (G206), 及时性/合规性/影响程度 not
    vague names (G207) — seven false findings on one clean table before."""
    path = system_export(tmp_path / "x.xlsx")
    assert [(f.code, f.cell) for f in validate_file(path).findings] == []
    scored = score_file(path)[0]
    assert scored.rows[2].explain() == "实际 100% ≥ 目标 100%，得满分 8.00"


def test_a_total_row_exported_as_zeros_is_summed_from_its_parts(tmp_path):
    """年度资金总额 0 / 0 / 0 beside 其中 90 / 90 / 89.974 (a system's export nobody keyed the total
    into): the total row is wrong three times, and the execution rate is the parts' 99.97 % — so
    the written 得分 0 is what to correct, not the 总分 of 100."""
    path = system_export(tmp_path / "x.xlsx", total_row=(0, 0, 0, 10, 0, 0))
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [
        ("A301", "C7"), ("A301", "D7"), ("A301", "E7"), ("A305", "H7")]
    scored = score_file(path)[0]
    assert (scored.rows[0].score, scored.total) == (10, 100)
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.annual_budget, rec.spent, rec.total) == (90, 89.974, 100)

SICHUAN_GUIDANCE = ("1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);"
                    "2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款.")


def sichuan_form(path, spent=251.89, rate="100.00%", score=10, total=100):
    """Sichuan's 部门预算项目支出绩效自评表 (report 510000_0013zp, after a county's published 2023
    table): the funds block captioned 年度预算数(万元) over its row labels (总额, 其中:财政资金,
    财政专户管理资金, 单位资金), 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因
    with the form's guidance printed in 原因, 绩效指标(90分) with 指标性质/指标值/度量单位/完成值/
    权重, 合计, then 评价结论 / 存在问题 / 改进措施 paragraphs; the project code before its name."""
    return _book(path, [
        ["", "", "", "", "", "", "", "", "", "", "报表编号:510000_0013zp"],
        ["部门预算项目支出绩效自评表(2023年度)"],
        ["项目名称", "51000021R000000019951-工资性支出"],
        ["主管部门", "青神县发展和改革局本级", "", "", "", "实施单位 (盖章)", "青神县发展和改革局"],
        ["项目基本情况", "1.项目年度目标完成情况"],
        ["", "项目年度目标", "", "", "", "年度目标完成情况"],
        ["", "严格执行相关政策,保障工资及时、足额发放或社保及时、足额缴纳,预算编制科学合理,减少结余资金。", "", "", "",
         "按时足额发放工资、缴纳社保，全年无拖欠。"],
        ["", "2.项目实施内容及过程概述"],
        ["", "按月发放在职人员工资，按月缴纳社会保险。"],
        ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分",
         "原因"],
        ["", "总额", 238.93, 251.89, spent, rate, 10, score, SICHUAN_GUIDANCE],
        ["", "其中:财政资金", 238.93, 251.89, spent, rate, "/", "/"],
        ["", "财政专户管理资金", 0, 0, 0, "0.00%", "/", "/"],
        ["", "单位资金", 0, 0, 0, "0.00%", "/", "/"],
        ["", "其他资金", None, None, None, None, "/", "/"],
        ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
         "未完成原因分析"],
        ["", "产出指标", "数量指标", "发放(缴纳)覆盖率", "=", 100, "%", 100, 60, 60],
        ["", "效益指标", "社会效益指标", "足额保障率(参保率)", "=", 100, "%", 100, 30, 30],
        ["合计", "", "", "", "", "", "", "", 100, total],
        ["评价结论", "项目自评总分100分，工资及时足额发放，社保及时足额缴纳。"],
        ["存在问题", "暂无"],
        ["改进措施", "暂无"],
        ["项目负责人:", "", "", "", "", "财务负责人:"],
    ], merges=["A2:K2", "B3:K3", "B4:E4", "G4:K4", "A5:A9", "B5:K5", "B6:E6", "F6:K6", "B7:E7", "F7:K7", "B8:K8",
               "B9:K9", "A10:A15", "I11:K15", "A16:A18", "B20:K20", "B21:K21", "B22:K22"])


def test_sichuans_form_reads_its_funds_and_no_conclusion_as_a_grade(tmp_path):
    """The funds block was not found (its caption 年度预算数 claimed the label column), so 预算执行率
    went unscored and 合计 100 was "wrong" (A305: 90); the 评价结论 paragraph was a wrong grade
    (A306). Left: a hint that 产出指标 has no 质量/时效指标, which it has not — one, naming both (two
    hints at one cell said the same thing twice)."""
    path = sichuan_form(tmp_path / "x.xlsx")
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [("G219", "B17")]
    [hint] = validate_file(path).findings
    assert (hint.message(), hint.suggestion()) == ("产出指标下没有「质量指标」「时效指标」", "补充可考核的质量指标、时效指标，或说明本项目为何不设")


def test_sichuans_printed_guidance_is_no_reason_for_a_low_execution_rate(tmp_path):
    """80 % spent: the reason column holds only the form's "……需说明原因(100字以内)", which states
    none (A317 was silenced by the 执行率 in it)."""
    path = sichuan_form(tmp_path / "x.xlsx", spent=201.51, rate="80.00%", score=8, total=98)
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code != "G219"] == [("A317", "I11")]
    assert score_file(path)[0].total == 98

def hunan_dept_score_sheet(path, level1=("部门决策(25分)", "部门管理(35分)", "部门绩效(40分)"), experts=False):
    """A department scored as a whole on a province's own framework (Hunan's 部门决策 / 部门管理 /
    部门绩效, weights in the names): 分值 and 得分 only — no 指标值, 实际完成值 or 偏差原因 column.
    With ``experts``, three expert columns instead of 得分 (an external evaluation's score sheet)."""
    d, m, p = level1
    head = ["一级指标", "二级指标", "三级指标", "分值"] + (["专家1", "专家2", "专家3"] if experts else ["得分"])
    body = [(d, "目标任务(15分)", "相关性", 5, 5), ("", "", "明确性", 5, 5), ("", "", "合理性", 5, 5),
            ("", "预算编制(10分)", "测算依据", 5, 2), ("", "", "目标管理", 5, 4),
            (m, "资金管理(20分)", "资金使用合规性", 10, 10), ("", "", "预算执行率", 10, 9),
            ("", "资产管理(15分)", "资产管理规范性", 15, 14), (p, "履职效能(30分)", "重点工作完成率", 30, 28),
            ("", "满意度(10分)", "服务对象满意度", 10, 9)]
    rows = [[*r[:4], *([r[4]] * 3 if experts else [r[4]])] for r in body]
    return _book(path, [
        ["2023年部门整体支出绩效评价得分表"],
        ["部门名称", "岳阳市城市管理监督指挥中心"],
        head, *rows,
        ["总分", "", "", 100, *([91] * (3 if experts else 1))],
        ["评价等级", "优"],
    ], merges=["A4:A8", "B4:B6", "B7:B8", "A9:A11", "B9:B10", "A12:A13"], title="评分表")


def test_a_department_score_sheet_on_its_provinces_framework_has_no_finding(tmp_path):
    """Ten A308 "缺少实际完成值" (errors, for a column the sheet does not have), six A307 and three
    S102 (the blocks are not Beijing's, which domain.md gives as an example) before."""
    path = hunan_dept_score_sheet(tmp_path / "x.xlsx")
    assert [(f.code, f.cell) for f in validate_file(path).findings] == []
    [scored] = score_file(path)
    assert (scored.total, scored.grade, [p.score for p in scored.parts]) == (91, "优", [21, 33, 37])
    from xltools.render import score_text

    assert "工作表: 评分表  部门: 岳阳市城市管理监督指挥中心" in score_text(scored)


def test_a_department_table_on_the_example_framework_still_has_its_typos_found(tmp_path):
    """Two blocks named as domain.md's framework names them, the third misspelt: S102 at it."""
    path = hunan_dept_score_sheet(tmp_path / "x.xlsx", level1=("当年预算执行情况", "整体绩效目标实现情况", "预算管理情况况"))
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code == "S102"] == [("S102", "A12")]


def test_an_evaluation_on_the_2011_framework_is_not_outside_the_taxonomy(tmp_path):
    """投入 / 过程 / 产出 / 效果 (财预〔2011〕285号), scored by experts: the blocks are accepted."""
    path = hunan_dept_score_sheet(tmp_path / "x.xlsx", level1=("投入", "过程", "效果"), experts=True)
    report = validate_file(path)
    assert report.tables[0][0] == "evaluation"
    assert [f.code for f in report.findings if f.code == "S102"] == []

def test_a_level1_subtotal_row_is_the_blocks_written_score(tmp_path):
    path = level1_subtotals(tmp_path / "wrong.xlsx", output=45)
    found = [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.severity == "error"]
    assert found == [("A305", "G6", "填写的「产出指标」得分 45 与计算值 50.00 不符（评分表各行得分之和）")]


def test_a_funds_block_below_the_indicators_belongs_to_the_table(tmp_path):
    path = funds_below(tmp_path / "wrong.xlsx", total=95, grade="良")
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.severity == "error"] == [
        ("A305", "G10"), ("A306", "B11")]


@pytest.mark.parametrize(("build", "project", "year", "money", "rows", "total"), [
    (funds_below, "乡村道路养护", "2023", (200, 190, 0.95), [9.5, 50, 30, 10], 99.5),
    (level1_subtotals, "乡村道路养护", "2023", (200, 190, 0.95), [9.5, 30, 20, 30, 10], 99.5),
    (separate_columns, "社区养老服务", "2023", (120, 114, 0.95), [9.5, 25, 15, 9.47, 30, 10], 98.97),
    (other_labels, "社区养老服务", "2023", (120, 114, 0.95), [9.5, 25, 15, 9.47, 30, 10], 98.97),
    (lambda p: other_labels(p, "权重设定值", "指标得分"), "社区养老服务", "2023", (120, 114, 0.95),
     [9.5, 25, 15, 9.47, 30, 10], 98.97),
    (without_levels, "社区养老服务", "2023", (120, 114, 0.95), [9.5, 25, 15, 9.47, 30, 10], 98.97),
    (merged_two_row_header, "义务教育营养改善计划", "2023", (320, 310.4, 0.97), [9.7, 20, 9.89, 10, 10, 15, 15, 10],
     99.59),
    (weights_as_text, "乡村道路养护", "2023", (200, 180.5, 0.9025), [9.03, 20, 15, 15, 30, 10], 99.03),
    (sichuan_form, "51000021R000000019951-工资性支出", "2023", (251.89, 251.89, 1.0), [10, 60, 30], 100),
    (system_export, "委托业务项目", "2022", (90, 89.974, 0.9997), [10, 8, 8, 8, 8, 8, 10, 10, 10, 10, 10], 100),
    (lambda p: yunnan_form(p), "2020年省级自然资源卫片执法补助经费", "2020", (7.29, 7.29, 1.0), [10, 10, 20, 20, 30, 10],
     100),
])
def test_provincial_layouts_score_and_summarise_exactly(tmp_path, build, project, year, money, rows, total):
    path = build(tmp_path / "x.xlsx")
    scored = score_file(path)[0]
    assert [r.score for r in scored.rows] == rows and scored.total == total and scored.grade == "优"
    report = validate_file(path)
    # the written scores, total and grade agree with the computed ones: no error of any kind
    assert [f.code for f in report.findings if f.severity == "error"] == []
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.project, rec.year, rec.annual_budget, rec.spent, rec.execution_rate) == (project, year, *money)
    assert (rec.written_total, rec.total, rec.grade, rec.errors) == (total, total, "优", 0)


def test_a_department_table_is_named_by_its_department_in_a_summary(tmp_path):
    """The 汇总表 row of a 部门整体 table showed no name (it has a 部门名称, no 项目名称), and two
    copies of it were never S106 (a table without a name has no identity in a batch)."""
    import json

    from xltools.summary import summarize

    hunan_dept_score_sheet(tmp_path / "部门整体.xlsx")
    hunan_dept_score_sheet(tmp_path / "部门整体（重报）.xlsx")
    data = json.loads(summarize([str(tmp_path)], fmt="json", jobs=1).text)
    assert [r["project"] for r in data["records"]] == ["岳阳市城市管理监督指挥中心"] * 2
    assert sorted((os.path.basename(p["path"]), p["code"], p["cell"]) for p in data["problems"]) == [
        ("部门整体.xlsx", "S106", "B2"), ("部门整体（重报）.xlsx", "S106", "B2")]


def sichuan_goals(path, satisfaction=10):
    """A declaration on Sichuan's 项目支出绩效目标表: 指标性质 / 指标值 / 度量单位 / 权重 / 指标解释 /
    评(扣)分标准, money in 其中:财政拨款 rows, weights summing to 100."""
    rows = [
     ["项目支出绩效目标表"],
     ["(2024年度)"],
     ["项目名称", "51000024R000000012345-乡村道路养护补助"],
     ["主管部门", "青神县交通运输局", "", "", "实施单位", "青神县公路事务中心"],
     ["项目资金(万元)", "年度资金总额", "", 300],
     ["", "其中:财政拨款", "", 300],
     ["", "其他资金", "", 0],
     ["总体目标", "年度目标"],
     ["", "完成全县120公里乡村道路日常养护，道路优良率不低于85%，群众满意度达到90%以上。"],
     ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标解释", "评(扣)分标准"],
     ["", "产出指标", "数量指标", "养护道路里程", "≥", 120, "公里", 20, "全年完成日常养护的乡村道路里程", "完成得满分，未完成按比例扣分"],
     ["", "", "质量指标", "道路优良率", "≥", 85, "%", 20, "优良路段里程/养护总里程", "达到得满分"],
     ["", "", "时效指标", "养护任务按期完成率", "=", 100, "%", 10, "", ""],
     ["", "", "成本指标", "每公里养护成本", "≤", 2.5, "万元/公里", 10, "", ""],
     ["", "效益指标", "社会效益指标", "群众出行条件改善", "定性", "有效改善", "", 20, "", ""],
     ["", "", "可持续影响指标", "道路使用年限延长", "定性", "明显延长", "", 20 - satisfaction, "", ""],
     ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", 90, "%", satisfaction, "", ""],
    ]
    return _book(path, rows, merges=["A5:A7", "B5:C5", "B6:C6", "B7:C7", "A8:A9", "B8:J8", "B9:J9", "A10:A17",
                                     "B11:B14", "B15:B16"])


def test_a_sichuan_declaration_reads_without_vague_name_hints(tmp_path):
    """养护道路里程, 群众出行条件改善, 道路使用年限延长 name their measure (G207 called them vague);
    weights summing to 100 without a 预算执行率 row give its 10 to 产出/效益 (G212 said 90 ≠ 80)."""
    path = sichuan_goals(tmp_path / "x.xlsx")
    report = validate_file(path)
    assert report.tables == [("goals", "自评表")]  # the sheet name _book gives; the title decides
    assert [(f.code, f.cell) for f in report.findings] == []
    off = sichuan_goals(tmp_path / "20.xlsx", satisfaction=15)  # 满意度 15, 产出+效益 85 of the 90 it may have
    assert [(f.code, f.cell, f.value) for f in validate_file(off).findings] == [("G212", "B11", 85), ("G212", "B17", 15)]
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.project, rec.annual_budget, rec.indicators) == ("51000024R000000012345-乡村道路养护补助", 300, 7)


def funds_summed_below(path, other=("自筹资金", 20, 20, 20), total=(120, 120, 114)):
    """The funds block without 年度资金总额 at its top: its sources, then 合计 with the score."""
    return _book(path, [
        ["项目支出绩效自评表"],
        ["（2023年度）"],
        ["项目名称", "社区养老服务", "主管部门", "市民政局", "实施单位", "市养老服务中心"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "财政拨款", 100, 100, 94, None, None, None],
        ["", *other, None, None, None],
        ["", "合计", *total, 10, "95.00%", 9.5],
        *SEPARATE_INDICATORS,
    ], merges=["A4:B4"])


@pytest.mark.parametrize("other", [("自筹资金", 20, 20, 20), ("物资折价", 20, 20, 20)])
def test_a_funds_block_summed_in_a_row_below_its_sources(tmp_path, other):
    """财政拨款 and another source, then 合计: the execution rate is 合计's (114/120), and 合计 is
    checked against its parts. The execution row was lost (总分 89.47 against the written 98.97):
    the reading stopped at 合计, or at a source it has no name for (物资折价)."""
    path = funds_summed_below(tmp_path / "x.xlsx", other)
    scored = score_file(path)[0]
    assert (scored.rows[0].score, scored.total) == (9.5, 98.97)
    assert [(f.code, f.cell) for f in validate_file(path).findings] == []
    wrong = funds_summed_below(tmp_path / "wrong.xlsx", other, total=(130, 130, 114))  # 100 + 20 ≠ 130
    # checked when every source has a name the reader knows; 物资折价 might not be the only other part
    expected = [("A301", "C7"), ("A301", "D7")] if other[0] == "自筹资金" else []
    assert [(f.code, f.cell) for f in validate_file(wrong).findings if f.code == "A301"] == expected


def yunnan_form(path, scores=(10, 20, 20, 30, 10), total=100):
    """A county's 2020 self-evaluation from Yunnan (丽江, 卫片执法补助经费), as published: the year in
    the title only, 年度指标值 over 指标性质 | 指标值 | 度量单位 on a second header row, the other
    headers merged down, and 指标性质 written ``﹦`` (the small form variant of =)."""
    q, s1, s2, b, m = scores
    return _book(path, [
        ["2020年度项目支出绩效自评表"],
        ["项目名称", "2020年省级自然资源卫片执法补助经费"],
        ["主管部门", "丽江市自然资源和规划局", "", "", "实施单位", "丽江市古城区自然资源局"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 7.29, 7.29, 7.29, 10, "100%", 10],
        ["", "其中：当年财政拨款", 7.29, 7.29, 7.29, None, "100%", None],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "", "", "实际完成情况"],
        ["", "完成卫片图斑核查和违法用地查处，违法行为责停率95%以上", "", "", "", "", "全部图斑核查完毕，责停率95%"],
        ["绩效指标", "", "", "年度指标值", "", "", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "核查卫片图斑数", "﹦", 1260, "个", 1260, 10, q],
        ["", "质量指标", "项目验收合格率", "﹦", 100, "%", 100, 20, s1],
        ["", "时效指标", "项目完成及时率", "﹦", 100, "%", 100, 20, s2],
        ["效益指标", "社会效益指标", "违法行为责停率", "≥", 95, "%", 95, 30, b],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥", 95, "%", 95, 10, m],
        ["总分", "", "", "", "", "", "", 100, total],
        ["自评等级", "优"],
    ], merges=["B2:J2", "A4:B4", "A9:A10", "A11:C11", "D11:F11", "G11:G12", "H11:H12", "I11:I12", "J11:J12",
               "A13:A15"])


def test_a_yunnan_form_reads_its_split_header_and_finds_the_points_taken_off_met_targets(tmp_path):
    """The published table took points off rows whose targets were met (9 of 10, 19 of 20 …) and
    wrote 93: by the national rules every row is full, so each written score is an A305 to mend."""
    path = yunnan_form(tmp_path / "yn.xlsx", scores=(9, 19, 19, 27, 9), total=93)
    scored = score_file(path)[0]
    assert [(r.score, r.indicator.op if r.indicator else None) for r in scored.rows] == [
        (10, None), (10, "="), (20, "="), (20, "="), (30, "≥"), (10, "≥")]
    assert (scored.total, scored.grade) == (100, "优")
    assert [f.cell for f in validate_file(path).findings if f.code == "A305"] == [
        "I13", "I14", "I15", "I16", "I17", "I18"]


def hubei_form(path, output="48分（因全校总人数减少，总指标数减少，但奖励、资助比例没减少）", total="97.9分"):
    """湖北's older 自评表 (a university's 学生资助项目, as published): the total among the header
    fields (总分：97.9分), the funds block as one 年度财政资金总额 row under 预算执行情况（万元）（10分）,
    no 分值 column — the weights are in the 一级指标 names — and one 得分 cell merged down each block,
    the first holding its reckoning in words."""
    return _book(path, [
        ["2018年学生资助项目绩效目标自评表"],
        ["填报日期：", "2019-01-20", "", "", "总分：", total],
        ["项目名称", "湖北工程学院2018年学生资助项目"],
        ["主管部门", "湖北省教育厅", "", "项目实施单位", "湖北工程学院"],
        ["项目类别", "部门预算项目☑、省直专项□、省对下转移支付项目□"],
        ["项目属性", "持续性项目□、新增性项目☑"],
        ["预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（10分*执行率）"],
        ["年度财政资金总额", "", 1200, 1188, "99%", 9.9],
        ["一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分（计算方法）"],
        ["产出指标（50分）", "数量", "国家奖学金人数", "12人", "10人", output],
        ["", "", "国家励志奖学金人数", "300人", "290人"],
        ["", "", "国家助学金人数", "3000人", "2900人"],
        ["", "", "应征入伍人数", "50人", "60人"],
        ["", "成本指标", "国家奖学金人均资助", "8000元", "8000元"],
        ["", "", "国家助学金人均资助", "3000元", "3000元"],
        ["效益指标（30分）", "社会效益指标", "资金发放率", "100%", "100%", "30分"],
        ["", "", "困难生完成学业率", "98%", "99%"],
        ["满意度指标（10分）", "服务对象满意度指标", "学生满意度", "≥90%", "95%", "10分"],
    ], merges=["B3:F3", "A7:B7", "A8:B8", "A10:A15", "B10:B13", "B14:B15", "F10:F15", "A16:A17", "B16:B17",
               "F16:F17"])


def test_a_form_weighed_by_block_takes_its_block_scores_as_written(tmp_path):
    """No 分值 column, 产出指标（50分）: the blocks are the weighed parts, each scored as the unit
    wrote it (the form leaves the reckoning inside a block to the unit); the rows are judged met
    or not but not scored, and are not each missing a weight (ten S103 errors before)."""
    path = hubei_form(tmp_path / "hb.xlsx")
    scored = score_file(path)[0]
    assert [(p.name, p.weight, p.score) for p in scored.parts] == [
        ("预算执行率", 10, 9.9), ("产出指标（50分）", 50, 48), ("效益指标（30分）", 30, 30), ("满意度指标（10分）", 10, 10)]
    assert (scored.total, scored.grade) == (97.9, "优")
    assert [r.achieved for r in scored.rows if r.indicator is not None] == [
        False, False, False, True, True, True, True, True, True]
    assert [f.code for f in validate_file(path).findings if f.severity != "info"] == []
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.written_total, rec.total, rec.met, rec.indicators, rec.parts) == (
        97.9, 97.9, 6, 9, {"预算执行率": 9.9, "产出": 48, "效益": 30, "满意度": 10})


def test_a_row_of_a_block_is_judged_by_its_words_or_the_number_in_them(tmp_path):
    """A row of a block-weighted table with 实际入伍60人 or 已全部发放 was judged unmet (read as our
    template reads text: 0); it is met by the 60人 in it, and by its words as a reviewer reads them."""
    path = hubei_form(tmp_path / "hb.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["E13"], wb.active["E16"] = "实际入伍60人", "已全部发放"
    wb.save(path)
    scored = score_file(path)[0]
    assert [r.achieved for r in scored.rows if r.indicator is not None] == [
        False, False, False, True, True, True, True, True, True]
    assert scored.total == 97.9


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),  # 产出's three rows short of their targets: the reason is in its score cell
    ({"F10": "48（因全校总人数减少）"}, []),
    ({"F10": 48}, [("A307", "F10", "「国家奖学金人数、国家励志奖学金人数、国家助学金人数」未完全达成，但未填写偏差原因分析及改进措施")]),
    ({"F10": "48分（无）"}, [("A307", "F10", "「国家奖学金人数、国家励志奖学金人数、国家助学金人数」未完全达成，"
                                           "但未填写偏差原因分析及改进措施（「无」不是原因）")]),
    ({"E16": "90%"}, [("A307", "F16", "「资金发放率」未完全达成，但未填写偏差原因分析及改进措施")]),
    ({"E16": "90%", "G9": "偏差原因", "G16": "部分学生信息变更，资金退回重发"}, []),
    ({"E16": "90%", "G9": "偏差原因"}, [("A307", "G16", "「资金发放率」未完全达成，但未填写偏差原因分析及改进措施")]),
])
def test_a_row_of_a_block_short_of_its_target_needs_a_reason(tmp_path, edits, found):
    """A block-weighted table's rows have no score of their own, so one short of its target (资金发放率
    90 % of 100 %, 效益指标 still 30分) was never asked for a reason (A307). The form writes it in the
    block's score cell (``48分（因全校总人数减少……）``), which is then its rows' reason; the finding is
    there, once per block, or at each row's own 偏差原因 cell where the form has one."""
    path = hubei_form(tmp_path / "hb.xlsx")
    wb = openpyxl.load_workbook(path)
    for ref, value in edits.items():
        wb.active[ref] = value
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code[0] == "A"] == found


def test_a_row_of_a_block_saying_it_does_not_apply_is_a332(tmp_path):
    """国家励志奖学金人数 answered 不适用 in a block-weighed table was "cannot tell whether met",
    with an A315 asking for a number; it is a declared indicator left unevaluated (A332, as in a
    table weighed by row), which the block's written score is to reflect, and no indicator of the
    summary's count."""
    path = hubei_form(tmp_path / "hb.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["E11"] = "不适用"
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.severity != "info"] == [
        ("A332", "E11", "「国家励志奖学金人数」的实际完成值为「不适用」：申报的绩效指标未评价，"
                        "「产出指标（50分）」的得分应反映这一点（本表分值只写在一级指标上）")]
    assert score_file(path)[0].total == 97.9
    [rec], _ = summarize_file(path, load_rules(None))
    assert (rec.met, rec.indicators) == (6, 8)


def test_a_block_scored_above_its_weight_and_a_wrong_header_total_are_found(tmp_path):
    path = hubei_form(tmp_path / "hb.xlsx", output=55, total=104.9)
    found = [(f.code, f.cell) for f in validate_file(path).findings if f.severity == "error"]
    assert sorted(found) == [("A304", "F10"), ("A305", "F10"), ("A305", "F2")]
    assert score_file(path)[0].total == 99.9  # the block counts at most its weight


def hebei_form(path, rate="86%", total=97.24):
    """A school's 2019 self-evaluation on the national form as 财预〔2020〕10号 printed it (廊坊,
    暖通改造): the numbered slots 指标1：/指标2：/…… left in, the filled ones named 指标1：…, the
    unfilled ones empty; level names wrapped by hand (经济效益⏎指标); the rate written to whole
    percents (86% for 86.20%); one 效益指标 block split in two."""
    slot, more = ["", "", "", "指标2："], ["", "", "", "……"]
    return _book(path, [
        ["项目支出绩效自评表"],
        ["（2019年度）"],
        ["项目名称", "办公宿舍楼、食堂及餐厅暖通改造经费"],
        ["主管部门", "廊坊市发改委", "", "实施单位", "廊坊市食品工程学校"],
        ["项目资金\n（万元）", "", "年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", 43.2, 43.2, 37.24, 10, rate, 8.62],
        ["", "其中：当年财政拨款", 43.2, 43.2, 37.24],
        ["", "上年结转资金"],
        ["", "其他资金"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        ["", "完成办公宿舍楼、食堂及餐厅暖通改造，验收合格", "", "", "已完工，验收合格，尾款次年支付"],
        ["绩\n效\n指\n标", "一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        ["", "产出指标", "数量指标", "指标1：工程资金金额（万元）", 43.2, 37.24, 10, 8.62, "已完工，剩余3%尾款未付"],
        slot, more,
        ["", "", "质量指标", "指标1：工程完工率（%）", 100, 100, 10, 10],
        ["", "", "", "指标2：工程验收合格率（%）", 100, 100, 10, 10],
        more,
        ["", "", "时效指标", "指标1：项目完成及时率（%）", 100, 100, 10, 10], slot, more,
        ["", "", "成本指标", "指标1：成本控制率（%）", 100, 100, 10, 10], slot, more,
        ["", "效益指标", "经济效益\n指标", "指标1：安全运行率（%）", 100, 100, 10, 10, 0], slot,
        ["", "", "社会效益\n指标", "指标1：供暖覆盖率（%）", 100, 100, 10, 10, 0], slot,
        ["", "", "生态效益\n指标", "指标1："], slot,
        ["", "", "可持续影响\n指标", "指标1：设施使用年限（年）", 15, 15, 10, 10], more,
        ["", "满意度\n指标", "服务对象满意度指标", "指标1：学生满意度（%）", 100, 100, 10, 10, 0], slot,
        ["", "总分", "", "", "", "", 100, total],
    ], merges=["A5:B5", "A12:A34", "B13:B24", "B25:B32", "C13:C15", "C16:C18", "C19:C21", "C22:C24", "C25:C26",
               "C27:C28", "C29:C30", "C31:C32", "B33:B34", "C33:C34"])


def test_the_printed_forms_numbered_slots_are_read_as_the_unit_filled_them(tmp_path):
    """41 errors before (S103/A308 on every empty 指标2：/…… slot, S104 on their repeats) and
    names such as 指标1：工程完工率: now the nine filled indicators, named without their slot, and
    not one finding of any severity but the rate written to whole percents, which is right."""
    path = hebei_form(tmp_path / "hb.xlsx")
    scored = score_file(path)[0]
    assert [(r.level1, r.level2, r.name, r.score) for r in scored.rows[1:]] == [
        ("产出指标", "数量指标", "工程资金金额（万元）", 8.62), ("产出指标", "质量指标", "工程完工率（%）", 10),
        ("产出指标", "质量指标", "工程验收合格率（%）", 10), ("产出指标", "时效指标", "项目完成及时率（%）", 10),
        ("产出指标", "成本指标", "成本控制率（%）", 10), ("效益指标", "经济效益指标", "安全运行率（%）", 10),
        ("效益指标", "社会效益指标", "供暖覆盖率（%）", 10), ("效益指标", "可持续影响指标", "设施使用年限（年）", 10),
        ("满意度指标", "服务对象满意度指标", "学生满意度（%）", 10)]
    assert (scored.total, scored.grade) == (97.24, "优")
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.severity != "info"] == []


@pytest.mark.parametrize(("rate", "found"), [("86%", []), ("86.2%", []), (0.862, []), ("86.3%", ["G6"]),
                                              ("85%", ["G6"]), (0.8621, ["G6"]),
                                              (37.24 / 43.2, [])])
def test_a_rate_written_to_fewer_decimals_is_right_when_the_computed_one_rounds_to_it(tmp_path, rate, found):
    path = hebei_form(tmp_path / "hb.xlsx", rate=rate)
    assert [f.cell for f in validate_file(path).findings if f.code == "A303"] == found


def hubei_monitor(path):
    """A city's 2019 监控表 from 湖北 (黄石, 申遗经费), as published: its 一级指标 column holds the 二级
    names (数量, 质量 …) beside a captioned column of 一级 names; 半年度指标执行情况 is the 1-6月
    value; the funds come from 当年一般公共预算拨款; one 偏差原因 and one 建议 below the table for all."""
    return _book(path, [
        ["黄石市项目支出绩效监控表（申遗）"],
        ["（2019年度）"],
        ["项目单位（盖章）：", "", "", "", "", "单位：万元"],
        ["项目名称", "申遗经费"],
        ["主管部门", "黄石市文化和旅游局", "", "项目执行单位", "黄石市文物局（湖北水泥遗址博物馆）"],
        ["项目属性", "1、持续性项目 □ 2、新增性项目 □"],
        ["项目资金（万元）", "", "年初预算数", "1-6月执行数", "全年预计执行数"],
        ["", "年度资金总额：", 220, 87.57],
        ["", "其中：当年一般公共预算拨款", 220, 87.57],
        ["绩效指标", "一级指标", "指标名称", "指标值", "半年度指标执行情况", "完成目标可能性（确定能、有可能、不可能）", "备注"],
        ["产出指标", "数量", "举办学术交流活动场次", "≥4场", "3场", "确定能"],
        ["", "质量", "申遗文本通过专家评审", "通过", "初稿完成", "有可能"],
        ["", "时效", "申遗文本完成时间", "2019年12月31日前", "按计划推进", "确定能"],
        ["", "成本", "年度预算执行", "≤220万元", "87.57万元", "确定能"],
        ["效益指标", "社会效益", "工业遗产价值宣传", "有效提升", "举办有社会影响力的活动5场", "确定能"],
        ["偏差或不能完成目标原因分析", "专家评审安排在下半年；学术活动提前举办"],
        ["相关建议或举措", "加快文本修改"],
    ], merges=["A7:B7", "A11:A14"], title="监控表")


def test_a_hubei_monitoring_form_reads_its_levels_values_and_shared_reason(tmp_path):
    """Six S102 errors (数量 … as 一级指标, the reason rows as more blocks), two M404 (no 1-N月
    column found) and two M401 (no reason) before: now only what a reviewer would say — spending
    is behind the pro-rata schedule."""
    path = hubei_monitor(tmp_path / "hs.xlsx")
    (result,) = score_file(path)
    assert [(r.level1, r.level2, r.light) for r in result.rows] == [
        ("预算执行进度", "", "yellow"), ("产出指标", "数量", "blue"), ("产出指标", "质量", "yellow"),
        ("产出指标", "时效", "green"), ("产出指标", "成本", "green"), ("效益指标", "社会效益", "green")]
    assert {r.indicator.deviation for r in result.rows if r.indicator} == {"专家评审安排在下半年；学术活动提前举办"}
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [("M407", "D8")]


def _goal_block(caption, people):
    return [
        [caption, "一级指标", "二级指标", "指标内容", "指标值", "备注"],
        ["", "产出指标", "数量指标", "改造集镇立面", "≥3000平方米"],
        ["", "", "质量指标", "工程验收合格率", "100%"],
        ["", "", "时效指标", "按期完工率", "100%"],
        ["", "", "成本指标", "工程总成本", "≤10606.75万元"],
        ["", "", "…"],
        ["", "效益指标", "经济效益指标", "带动集镇商户增收", "≥5%"],
        ["", "", "社会效益指标", "受益群众人数", people],
        ["", "", "环境效益指标", "集镇环境改善", "明显改善"],
        ["", "", "可持续影响指标", "设施使用年限", "≥20年"],
        ["", "社会公众或服务对象满意度指标", "", "群众满意度", "≥90%"],
        ["", "", "", "……"],
    ]


def goals_2015(path):
    """A town's 2021 declaration on the 2015 national form (宁乡, as published): 长期目标 beside
    年度目标, funds as 总额 / 财政拨款 / 其他资金, and two indicator blocks — 长期绩效指标 above
    年度绩效指标 — under the form's own names 环境效益指标 and 社会公众或服务对象满意度指标."""
    return _book(path, [
        ["项目支出绩效目标申报表"],
        ["（2021年度）"],
        ["填报单位（盖章）：宁乡市坝塘镇人民政府"],
        ["项目名称", "镇域内基础设施建设", "", "项目属性", "新增项目□ 延续项目√"],
        ["主管部门", "坝塘镇", "", "主管部门编码", "430124"],
        ["项目单位", "坝塘镇人民政府", "", "项目负责人", "蒋建华"],
        ["年度资金总额及构成", "总额", 10606.75],
        ["", "财政拨款", 6923.36],
        ["", "其他资金", 3683.39],
        ["项目绩效目标", "长期目标", "", "年度目标"],
        ["", "改善镇域内基础设施，振兴乡村经济", "", "全面完成集镇立面改造、机关、学校、乡村振兴等项目"],
        *_goal_block("长期绩效指标", "≥5万人"),
        *_goal_block("年度绩效指标", "≥2万人"),
    ], title="目标表")


def test_a_2015_declaration_with_long_term_and_annual_blocks_is_one_declaration(tmp_path):
    """Two tables before — the second without a project (three S101 errors) — and S102 for the
    form's own names: now one declaration of the annual indicators, the long-term values as their
    中期指标值, its header, goals and amounts, and no finding."""
    path = goals_2015(tmp_path / "goals.xlsx")
    (table,) = read_workbook(path).tables
    assert (table.kind, table.header["project"].value, table.header["unit"].value) == (
        "goals", "镇域内基础设施建设", "坝塘镇人民政府")
    assert sorted(table.goals_text) == ["annual_goal", "midterm_goal"]
    assert {f: a.value for f, a in table.amounts.items()} == {
        "annual_total": 10606.75, "annual_fiscal": 6923.36, "annual_other": 3683.39}
    people = next(i for i in table.indicators if i.name == "受益群众人数")
    assert (people.target.display(), people.target_midterm.display(), people.row) == ("≥2万人", "≥5万人", 31)
    assert len(table.indicators) == 9
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.severity != "info"] == []


@pytest.mark.parametrize(("build", "fmt"), [(yunnan_form, "ods"), (yunnan_form, "xls"), (merged_two_row_header, "ods")])
def test_headers_merged_over_two_rows_read_alike_in_every_format(tmp_path, soffice, build, fmt):
    """python-calamine gives no merged ranges for an .ods: a label merged down over a two-row
    header (实际完成值, 分值, 得分 beside 年度指标值 over 指标性质 | 指标值 | 度量单位) was not seen
    there, and the self-evaluation read as a declaration with no scores. The reader takes the
    merges from content.xml, so LibreOffice's .ods and .xls score as the .xlsx does."""
    from .conftest import convert

    src = build(tmp_path / f"{build.__name__}.xlsx")
    other = convert(soffice, src, fmt, str(tmp_path / fmt))
    want, got = score_file(src)[0], score_file(other)[0]
    assert (got.table, got.total, [r.score for r in got.rows]) == (want.table, want.total, [r.score for r in want.rows])
    assert want.table == "selfeval" and want.total is not None
    assert sorted((f.code, f.cell) for f in validate_file(other).findings) == sorted(
        (f.code, f.cell) for f in validate_file(src).findings)


def test_a_table_without_level_columns_is_read_scored_and_not_told_it_lacks_blocks(tmp_path):
    """With no 一级/二级 column nothing says which block a row is in: no G204 for 产出/效益 "without
    indicators", and its rows make one part named as such."""
    path = without_levels(tmp_path / "tj.xlsx")
    assert validate_file(path).findings == []
    parts = score_file(path)[0].parts
    assert [(p.name, p.weight, p.score) for p in parts] == [("预算执行率", 10, 9.5), ("", 90, 89.47)]
    [rec], _ = summarize_file(path, load_rules(None))
    assert rec.parts == {"预算执行率": 9.5}


def yueyang_score_sheet(path, written=91):
    """A city agency's 部门整体支出绩效评价得分表 (岳阳, 2017, as published): no 分值 column — every
    level names its weight, 部门决策(25分) › 目标任务(15分) › 相关性(5分) — and one 得分 column."""
    return _book(path, [
        ["2017年部门整体支出绩效评价得分表"],
        ["部门名称", "岳阳市城市管理监督指挥中心"],
        ["一级指标", "二级指标", "三级指标", "得分"],
        ["部门决策(25分)", "目标任务(15分)", "相关性(5分)", 5],
        ["", "", "明确性(5分)", 5],
        ["", "", "合理性(5分)", 5],
        ["", "预算编制(10分)", "测算依据(5分)", 2],
        ["", "", "目标管理(5分)", 4],
        ["部门管理(35分)", "资金管理(20分)", "资金使用合规性(10分)", 10],
        ["", "", "资金分配合理性(10分)", 9],
        ["", "综合管理(15分)", "制度建设(15分)", 13],
        ["部门绩效(40分)", "履职效能(40分)", "任务完成率(20分)", 20],
        ["", "", "社会效益(20分)", 18],
        ["总分", "", "", written],
    ], merges=["A4:A8", "B4:B6", "B7:B8", "A9:A11", "B9:B10", "A12:A13", "B12:B13"], title="评分表")


def test_weights_named_in_the_indicator_names_are_the_weights(tmp_path):
    """Ten S103 errors and no score before (no 分值 column): each row's weight is the one its name
    states, the name is read without it, and the written 91 is the computed total."""
    path = yueyang_score_sheet(tmp_path / "yy.xlsx")
    scored = score_file(path)[0]
    assert (scored.table, scored.total, scored.grade) == ("dept", 91, "优")
    assert [(r.name, r.weight, r.score) for r in scored.rows[:2]] == [("相关性", 5, 5), ("明确性", 5, 5)]
    assert [(p.weight, p.score) for p in scored.parts] == [(25, 21), (35, 32), (40, 38)]
    assert validate_file(path).findings == []
    wrong = yueyang_score_sheet(tmp_path / "wrong.xlsx", written=95)
    assert [(f.code, f.cell) for f in validate_file(wrong).findings] == [("A305", "D14")]


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"A4": "部门决策(18分)"}, [("A301", "A4", "「部门决策(18分)」写明的分值：18 ≠ 分项合计 25")]),
    ({"B7": "预算编制(8分)"}, [("A301", "B7", "「预算编制(8分)」写明的分值：8 ≠ 分项合计 10")]),
    ({"C8": "目标管理(3分)"}, [("A301", "A4", "「部门决策(25分)」写明的分值：25 ≠ 分项合计 23"),
                              ("A301", "B7", "「预算编制(10分)」写明的分值：10 ≠ 分项合计 8")]),
])
def test_a_blocks_weight_stated_in_its_name_is_its_rows_weights(tmp_path, edits, found):
    """``部门决策(25分)`` over rows weighing 5 + 5 + 5 + 5 + 5 states a subtotal a reviewer adds up; 18
    there (or a row's weight changed under it) passed, the rows' weights being the ones scored."""
    path = yueyang_score_sheet(tmp_path / "yy.xlsx")
    wb = openpyxl.load_workbook(path)
    for ref, value in edits.items():
        wb.active[ref] = value
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A301"] == found


def test_block_weights_that_do_not_add_up_are_found(tmp_path):
    """G208 summed the rows' weights, which a table weighed by block has none of: 40 written for
    效益指标 (50 + 40 + 10 + 10 = 110) said nothing."""
    path = hubei_form(tmp_path / "hb.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["A16"] = "效益指标（40分）"
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "G208"] == [
        ("G208", "A9", "分值合计 110 与规则集要求的 100 不符")]


def chongqing_dept(path, direction="定量指标", rate="76%", score=7.6):
    """Chongqing's 部门整体绩效自评表 (after a district unit's published 2021 table): 自评总分 among the
    header fields, 部门预算执行情况 as a funds header over one row with no label (年初预算数 | 全年（调整）
    预算数 | 全年执行数 | 执行率（%） | 执行率权重 | 执行率得分（分）), 年初绩效目标 | 全年（调整）绩效目标 |
    全年目标实际完成情况, and indicators with no level columns: 指标名称 | 计量单位 | 指标性质 (定量指标 /
    定性指标: the kind, not the way) | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数 | 指标权重 | 指标得分
    | 是否核心指标."""
    return _book(path, [
        ["部门整体绩效自评表"],
        ["主管部门", "重庆高新区融媒体中心", "", "财政处室", "宣传文化处", "", "自评总分（分）", 97.6],
        ["部门联系人", "曾雪莲", "", "联系电话", "023-12345678"],
        ["部门预算执行情况（万元）", "年初预算数", "全年（调整）预算数", "全年执行数", "执行率（%）", "执行率权重",
         "执行率得分（分）"],
        ["", 500, 520, 395.2, rate, 10, score],
        ["当年绩效目标", "年初绩效目标", "", "全年（调整）绩效目标", "", "全年目标实际完成情况"],
        ["", "整合各级各类媒体、户外广告载体、宣传宣讲活动等，为建设成渝地区双城经济圈营造良好氛围。", "", "无", "",
         "中心较好地完成了履职任务，有效开展了新闻宣传管理、思想文化领域建设等工作。"],
        ["绩效指标", "指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）",
         "指标权重（分）", "指标得分（分）", "是否核心指标"],
        ["", "财政供养人员控制率", "%", direction, "100%", "", "92%", "100%", 20, 20, "否"],
        ["", "预算调整率", "%", direction, "≤3%", "", "0", "100%", 20, 20, "否"],
        ["", "管理制度健全性", "", "定性指标", "高", "", "高", "100%", 10, 10, "否"],
        ["", "组织宣传活动次数", "次", direction, "≥40", "", "43", "100%", 20, 20, "是"],
        ["", "业务保障能力提升", "%", direction, "≥90%", "", "95%", "100%", 20, 20, "否"],
    ], merges=["A1:K1", "A4:A5", "A6:A7", "A8:A13"], title="部门整体")


@pytest.mark.parametrize(("direction", "rate", "score", "found"), [
    ("定量指标", "76%", 7.6, []),
    ("", "76%", 7.6, []),  # (the way of a bare 100% the same as with 指标性质 empty)
    ("定量指标", "80%", 8, [("A303", "E5"), ("A305", "G5")]),
])
def test_chongqings_department_form(tmp_path, direction, rate, score, found):
    """Nothing of its money was read (the row under 部门预算执行情况 has no label; 全年（调整）预算数 and
    执行率权重 were no columns): the execution scored 15.81 of 20 for 7.60 of 10 (A305 on 97.6, G208
    "110"); 定量指标 was read as =, so 财政供养人员控制率 92% of a bare 100% scored 18.40 — a ceiling, as
    where 指标性质 is empty (G223 says how it was read)."""
    path = chongqing_dept(tmp_path / "cq.xlsx", direction, rate, score)
    [result] = score_file(path)
    assert (result.total, result.rows[0].score, result.rows[0].weight) == (97.6, 7.6, 10)
    codes = [(f.code, f.cell) for f in validate_file(path).findings]
    assert codes == [("G212", "A1"), *found, ("G223", "E9")]  # G212: the rule set's 当年预算执行情况 is 20


@pytest.mark.parametrize(("initial", "adjusted", "found"), [
    ("≥50", "≥40", []),  # adjusted down during the year: met
    ("≥50", "/", [("A307", "B12"), ("A305", "J12")]),  # no adjustment: 43 of 50
    ("≥40", "≥45", [("A307", "B12"), ("A305", "J12")]),  # adjusted up: 43 of 45, the finding at the target read
])
def test_a_target_adjusted_during_the_year(tmp_path, initial, adjusted, found):
    """Chongqing's 年初指标值 | 调整指标值: the adjusted target, where one is written, is the year's — it
    was no column, and 43 of an adjusted ≥40 scored against the first ≥50 (17.20 of 20, A305)."""
    path = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert (ws["B12"].value, ws["E12"].value, ws["F12"].value) == ("组织宣传活动次数", "≥40", None)
    ws["E12"], ws["F12"] = initial, adjusted
    wb.save(path)
    codes = [(f.code, f.cell) for f in validate_file(path).findings if f.code not in ("G212", "G223")]
    assert [c for c in codes if c[0] != "A305" or c[1] != "H2"] == found
    [t] = read_workbook(path).tables
    target = t.indicators[3]
    assert (target.target.text, target.cell("target")) == ((adjusted, "F12") if adjusted != "/" else (initial, "E12"))


@pytest.mark.parametrize(("adjusted", "annual"), [("无", "B7"), ("全年完成20项宣传任务，开展宣传活动40次以上。", "D7")])
def test_chongqings_goal_texts(tmp_path, adjusted, annual):
    """当年绩效目标 | 年初绩效目标 | 全年（调整）绩效目标 | 全年目标实际完成情况: the sub-header 年初绩效目标 was
    read as the year's goal itself and what was achieved went unread. The adjusted goal, where one is
    written, is the year's."""
    path = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["D7"] = adjusted
    wb.save(path)
    [t] = read_workbook(path).tables
    assert {k: f.cell for k, f in t.goals_text.items()} == {"annual_goal": annual, "achieved": "F7"}


def test_chongqings_score_coefficient_of_a_qualitative_row(tmp_path):
    """得分系数（%） is the chosen share of a qualitative row's weight: 80 % of 管理制度健全性's 10 is 8.00, so
    its written 10 is wrong (A305) — the column was not read, and the 10 passed."""
    path = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(path)
    assert (wb.active["B11"].value, wb.active["H11"].value) == ("管理制度健全性", "100%")
    wb.active["H11"] = "80%"
    wb.save(path)
    assert ("A305", "J11") in [(f.code, f.cell) for f in validate_file(path).findings]
    assert [r.score for r in score_file(path)[0].rows if r.cell == "J11"] == [8.0]


def test_chongqings_score_coefficient_of_a_quantitative_row(tmp_path):
    """得分系数（%） of a quantitative row is what it scored of its weight: 80 % beside 20 of 20 for
    组织宣传活动次数 (43 against ≥40, met) is wrong (A303) — the column was read for qualitative rows only."""
    path = chongqing_dept(tmp_path / "cq.xlsx")
    wb = openpyxl.load_workbook(path)
    assert (wb.active["B12"].value, wb.active["H12"].value) == ("组织宣传活动次数", "100%")
    wb.active["H12"] = "80%"
    wb.save(path)
    assert [(f.code, f.cell, f.params["computed"]) for f in validate_file(path).findings if f.code[0] == "A"] == [
        ("A303", "H12", "100.00%")]


def ningde_dept(path, spent=254.67, rate="93%", city=275.14):
    """Fujian's 部门整体支出绩效自评表 (after a Ningde office's published 2018 table): the funds block's
    columns annotated with their reckoning (年初部门预算安排金额① | 历年结余结转② | 年中调整金额③ |
    小计④=①+②+③ | 年度拨付金额⑤ | 支出实现率（%）⑥=⑤/④ | 本年度结余金额⑦=④-⑤ | 资金结余率（%）⑧=⑦/④) under
    group captions, its rows 财政资金小计 / ①中央及省级财政资金 / ②市级财政资金 / ③县（市、区）财政资金 /
    其他资金小计 / ①…… / 合计 (the slots nobody filled left in), and 指标解释 | 绩效目标值 | 指标分值
    beside the indicators, whose weights are the whole 100."""
    money = [250, 25.14, 0, 275.14, spent, rate, round(275.14 - spent, 2), "7%"]
    return _book(path, [
        ["部门整体支出绩效自评表"],
        ["（2018年度）"],
        ["部门（单位）名称", "宁德市地方志研究室", "", "", "", "部门预算编码", "901001033"],
        ["财政资金安排和使用情况（万元）", "资金结构", "预算安排", "", "", "", "拨付情况", "", "结余情况"],
        ["", "", "年初部门预算安排金额①", "历年结余结转②", "年中调整金额③", "小计④=①+②+③", "年度拨付金额⑤",
         "支出实现率（%）⑥=⑤/④", "本年度结余金额⑦=④-⑤", "资金结余率（%）⑧=⑦/④"],
        ["", "财政资金小计", *money],
        ["", "①中央及省级财政资金"],
        ["", "②市级财政资金", *money[:3], city, *money[4:]],
        ["", "③县（市、区）财政资金"],
        ["", "其他资金小计"],
        ["", "①……"],
        ["", "合计", *money],
        ["年度总体目标完成情况", "预期目标", "", "", "", "目标实际完成情况"],
        ["", "目标1：确保本室在职及退休人员工资、福利按月足额发放；目标2：保障日常办公正常运转；目标3：完成年度志鉴编纂任务。",
         "", "", "", "目标1完成情况：工资福利按月足额发放；目标2完成情况：办公运转正常；目标3完成情况：出版志书1部，完成率50%。"],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标解释", "绩效目标值", "实际完成值", "指标分值",
         "得分", "偏差原因分析及改进措施"],
        ["", "产出指标（60分）", "数量指标", "按月发放工资人数", "在职人员", "≥20人", "20人", 20, 20],
        ["", "", "质量指标", "资金使用合规率", "", "=100%", "100%", 20, 20],
        ["", "", "时效指标", "工资发放及时率", "", "=100%", "100%", 20, 20],
        ["", "效益指标（30分）", "社会效益指标", "地方志书出版数量", "", "≥2部", "1部", 30, 15, "一部志书评审推迟至次年"],
        ["", "满意度指标（10分）", "服务对象满意度指标", "干部职工满意度", "", "≥90%", "95%", 10, 10],
        ["总分", "", "", "", "", "", "", 100, 85],
    ], merges=["A4:A12", "C4:F4", "G4:H4", "I4:J4", "A13:A14", "A15:A20"], title="部门整体")


@pytest.mark.parametrize(("spent", "rate", "city", "found"), [
    (254.67, "93%", 275.14, []),
    (254.67, "95%", 275.14, [("A303", "H6"), ("A303", "H8"), ("A303", "H12")]),  # 92.56 %, in each row
    (280, "102%", 275.14, [("A302", "G6"), ("A302", "G8"), ("A302", "G12")]),  # spent above the budget
    # the city's 270 is not the fiscal subtotal's 275.14, nor its own 250 + 25.14 + 0 (A343 there):
    # its rate waits for it (254.67 of 270 would be 94.32 %)
    (254.67, "93%", 270, [("A301", "F6")]),
])
def test_fujians_department_form_reads_its_annotated_funds_block(tmp_path, spent, rate, city, found):
    """Nothing of its money was read: columns headed with their reckoning (``小计④=①+②+③``) matched no
    spelling, ``财政资金小计``/``其他资金小计`` were no rows, and the empty slot ``①……`` ended the block
    before its 合计 — no execution rate in a summary, no check of its sums (A301, A302, A303)."""
    path = ningde_dept(tmp_path / "nd.xlsx", spent, rate, city)
    [t] = read_workbook(path).tables
    total = t.funds.total()
    assert (total.label, total.year_budget, total.spent, total.cells["spent"]) == ("合计", 275.14, spent, "G12")
    assert [(r.kind, r.label) for r in t.funds.rows] == [
        ("fiscal", "财政资金小计"), ("fiscal", "①中央及省级财政资金"), ("fiscal", "②市级财政资金"),
        ("fiscal", "③县（市、区）财政资金"), ("other", "其他资金小计"), ("total", "合计")]
    codes = [(f.code, f.cell) for f in validate_file(path).findings]
    assert [c for c in codes if c[0] in ("A301", "A302", "A303")] == found
    [result] = score_file(path)
    assert (result.total, result.grade) == (85, "良")  # its indicators weigh 100: the rate scores nothing
    if not found:
        assert codes == []
        [row], _ = summarize_file(path, load_rules(None))
        assert (row.annual_budget, row.spent, round(row.execution_rate, 4)) == (275.14, 254.67, 0.9256)


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    # 本年度结余金额⑦=④-⑤: 275.14 - 254.67 is 20.47; the 资金结余率 ⑧=⑦/④ beside it follows the 30
    # written (10.90 %, not its 7 %) and is not judged on a wrong ⑦
    ({"I6": 30}, [("A343", "I6", "275.14 - 254.67 = 20.47")]),
    ({"J12": "9%"}, [("A343", "J12", "20.47 / 275.14 = 7.44%")]),
    ({"J12": 7.44}, []),  # per cent typed bare in a （%） column
    ({"J12": 0.0744}, []),  # or a fraction
    # 小计④=①+②+③ with ②'s 25.14 typed over as 20: 270 ≠ 275.14 — and ⑦, ⑧ beside it are not judged
    ({"D8": 20}, [("A343", "F8", "250 + 20 + 0 = 270")]),
    ({"D8": None}, [("A343", "F8", "250 + 0 + 0 = 250")]),  # an empty slot counts 0
    ({"D8": "—"}, []),  # a text: not reckoned with
    # 小计④ typed 250: the 254.67 spent is not "above the budget" (A302) while ④ is not its own sum
    ({"F8": 250}, [("A343", "F8", "250 + 25.14 + 0 = 275.14")]),
])
def test_fujians_header_reckonings_hold_the_figures_under_them(tmp_path, edits, found):
    """The form prints how its 小计, 结余 and 结余率 are worked out (``小计④=①+②+③``,
    ``本年度结余金额⑦=④-⑤``, ``资金结余率（%）⑧=⑦/④``): none of it was checked."""
    path = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(path)
    for ref, value in edits.items():
        wb.active[ref] = value
    wb.save(path)
    findings = validate_file(path).findings
    assert [(f.code, f.cell, f.params["reckoning"]) for f in findings if f.code == "A343"] == found
    assert [f for f in findings if f.code in ("A302", "A303")] == []


def test_a_subtotal_row_is_its_parts_whole_when_no_amount_adds_up(tmp_path):
    """财政资金小计 was told to be the whole of the rows under it (②市级财政资金) only by an amount they
    add up to. With its ① left empty, the part's ④ typed 270 and its ⑤ a hundredfold, none did, so the
    小计 and its part were both read as parts of 合计: A301 said 合计's 275.14 was not 545.14 (275.14 +
    270), and 280 not 28,280, and fix could not settle it. A row labelled 小计 is the whole of its parts."""
    path = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["C6"], ws["F8"], ws["G8"] = None, 270, 28000
    wb.save(path)
    found = [(f.code, f.cell) for f in validate_file(path).findings if f.code == "A301"]
    assert found == [("A301", "F6"), ("A301", "G6")]


@pytest.mark.parametrize("balance", [20.47, 30])
def test_fujians_reckonings_in_brackets(tmp_path, balance):
    """``小计④（①+②+③）``, ``本年度结余金额⑦（④-⑤）``: the reckoning in brackets after the place. The
    headers were no labels (``小计4`` after NFKC): no money read at all, nothing checked."""
    path = ningde_dept(tmp_path / "nd.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["F5"], ws["H5"], ws["I5"], ws["J5"] = "小计④（①+②+③）", "支出实现率（%）⑥（⑤/④）", "本年度结余金额⑦（④-⑤）", \
        "资金结余率（%）⑧（⑦/④）"
    ws["I6"] = balance
    wb.save(path)
    [t] = read_workbook(path).tables
    assert (t.funds.total().year_budget, t.funds.total().spent) == (275.14, 254.67)
    found = [(f.code, f.cell) for f in validate_file(path).findings]
    assert found == ([] if balance == 20.47 else [("A343", "I6")])


#: A department's goals and indicators under its money (the tables below vary the money).
_DEPT_INDICATORS = [
    ["年度总体目标", "预期目标", "", "", "实际完成情况"],
    ["", "保障全市低保对象基本生活，按时足额发放低保金，新建社区养老服务站5个。", "", "",
     "全年按时足额发放低保金，新建社区养老服务站5个。"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "新建社区养老服务站数量", "≥5个", "5个", 30, 30],
    ["产出指标", "时效指标", "低保金按时发放率", "=100%", "100%", 20, 20],
    ["效益指标", "社会效益指标", "低保对象覆盖人数", "≥3000人", "3200人", 20, 20],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10, 10],
    ["总分", "", "", "", "", 100, 99],
]


#: A department's money split two ways under its total, as department tables state it
#: (按收入性质分：一般公共预算 / 政府性基金预算, 按支出性质分：基本支出 / 项目支出), each with its rate.
SPLIT_FUNDS = [
    ["年度部门整体支出预算（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率"],
    ["", "资金总额", 1000, 1100, 1045, "95%"],
    ["", "按收入性质分：一般公共预算", 900, 1000, 950, "95%"],
    ["", "政府性基金预算", 100, 100, 95, "95%"],
    ["", "按支出性质分：基本支出", 600, 600, 590, "98.33%"],
    ["", "项目支出", 400, 500, 455, "91%"],
]


def split_dept(path, edits=None, funds=SPLIT_FUNDS):
    """A department's table with ``funds`` (from row 4) above its goals and indicators, ``edits``
    typed over it (sheet cells)."""
    rows = [["部门整体支出绩效自评表"], ["（2023年度）"], ["部门名称", "某市民政局"],
            *[list(r) for r in funds], *[list(r) for r in _DEPT_INDICATORS]]
    for ref, value in (edits or {}).items():
        rows[int(ref[1:]) - 1][ord(ref[0]) - ord("A")] = value
    return _book(path, rows, merges=[f"A4:A{3 + len(funds)}"], title="部门整体")


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"C6": 950}, [("A301", "C5")]),  # the sources: 950 + 100 is not 1000
    ({"E8": 600}, [("A301", "E5"), ("A303", "F8")]),  # the uses: 600 + 455 is not 1045
    ({"C5": 1100}, [("A301", "C5")]),  # the total itself: both splits give 1000, said once
])
def test_a_departments_money_split_by_source_and_by_use(tmp_path, edits, found):
    """按支出性质分：基本支出 / 项目支出 were rows of no known kind: the block was partial, and neither
    split was held to the total (nor was 按收入性质分：一般公共预算 read)."""
    path = split_dept(tmp_path / "split.xlsx", edits)
    [t] = read_workbook(path).tables
    assert [r.kind for r in t.funds.rows] == ["total", "fiscal", "fiscal", "use", "use"]
    assert not t.funds.partial
    assert [(f.code, f.cell) for f in validate_file(path).findings] == found


@pytest.mark.parametrize(("label", "total"), [("部门预算总额", True), ("预算资金合计", True), ("收入总计", True),
                                              ("财政拨款合计", False)])
def test_a_funds_blocks_first_row_named_as_the_whole(tmp_path, label, total):
    """A first row named by a spelling the reader does not know but as a whole (部门预算总额, 预算资金合计)
    was passed by: its figures were no total, and 950 + 100 against its 1000 went unchecked. A first
    row naming a part's sum (财政拨款合计) is not the whole."""
    path = split_dept(tmp_path / "split.xlsx", {"B5": label, "C6": 950})
    [t] = read_workbook(path).tables
    assert [r.label for r in t.funds.rows][:1] == ([label] if total else ["按收入性质分：一般公共预算"])
    assert [(f.code, f.cell) for f in validate_file(path).findings] == ([("A301", "C5")] if total else [])


#: A department's money by its final accounts' categories, each split broken down once more.
FINAL_ACCOUNTS_FUNDS = [
    *SPLIT_FUNDS[:2],  # the same header and 资金总额
    ["", "财政拨款收入", 900, 1000, 950, "95%"],
    ["", "其中：一般公共预算财政拨款", 800, 900, 860, "95.56%"],
    ["", "政府性基金预算财政拨款", 100, 100, 90, "90%"],
    ["", "事业收入", 100, 100, 95, "95%"],
    ["", "基本支出", 600, 600, 590, "98.33%"],
    ["", "其中：人员经费", 500, 500, 495, "99%"],
    ["", "公用经费", 100, 100, 95, "95%"],
    ["", "项目支出", 400, 500, 455, "91%"],
]


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"C11": 450}, [("A301", "C10")]),  # 人员经费 450 + 公用经费 100 is not 基本支出's 600
    ({"C7": 850}, [("A301", "C6")]),  # 850 + 100 is not 财政拨款收入's 900
    ({"C13": 450}, [("A301", "C5")]),  # 基本支出 600 + 项目支出 450 is not the 1000
    ({"C9": 150}, [("A301", "C5")]),  # 财政拨款收入 900 + 事业收入 150 is not the 1000
])
def test_a_departments_money_by_its_final_accounts_categories(tmp_path, edits, found):
    """财政拨款收入 (其中：一般公共预算财政拨款 / 政府性基金预算财政拨款), 事业收入; 基本支出 (其中：人员经费 /
    公用经费), 项目支出: 财政拨款收入 and the breakdowns were rows of no known kind, the block partial
    and nothing of it summed (A301)."""
    path = split_dept(tmp_path / "dept.xlsx", edits, FINAL_ACCOUNTS_FUNDS)
    [t] = read_workbook(path).tables
    assert not t.funds.partial
    assert [(r.kind, r.by_source) for r in t.funds.rows] == [
        ("total", False), ("fiscal", False), ("fiscal", True), ("fiscal", True), ("other", False),
        ("use", False), ("use", True), ("use", True), ("use", False)]
    assert [(f.code, f.cell) for f in validate_file(path).findings] == found


def test_money_split_by_use_alone_adds_up_to_the_whole(tmp_path):
    """Only 基本支出 and 项目支出 under the header, no 资金总额 row: they are the whole (1045 of 1100,
    95 % of 20 is 19); there was no total — no execution score (80 for 99) and no budget in summaries."""
    funds = [SPLIT_FUNDS[0], ["", "基本支出", 600, 600, 590, "98.33%"], ["", "项目支出", 400, 500, 455, "91%"]]
    path = split_dept(tmp_path / "uses.xlsx", None, funds)
    [t] = read_workbook(path).tables
    total = t.funds.total()
    assert (total.year_budget, total.spent) == (1100, 1045)
    assert [r.total for r in score_file(path)] == [99]
    assert validate_file(path).findings == []


def test_one_use_alone_is_a_part_of_the_total_not_the_whole(tmp_path):
    """``其中：基本支出`` alone under the total is how much of it keeps the department running: not
    held to the whole."""
    path = split_dept(tmp_path / "split.xlsx", {"B8": "其中：基本支出", **{f"{c}9": None for c in "BCDEF"}})
    [t] = read_workbook(path).tables
    assert [r.kind for r in t.funds.rows] == ["total", "fiscal", "fiscal", "use"]
    assert validate_file(path).findings == []


def tianjin_dept(path):
    """A department's table as Tianjin's budget system exports it: its money under labels, its goals a
    table of their own (年度绩效目标 | 实际完成情况 | 偏差原因分析及改进措施, a row per goal), then 指标名称 |
    计算符号 | 指标值 | 实际完成值 | 计量单位 | 分值 | 得分 | 偏差原因分析及改进措施 with no level columns."""
    return _book(path, [
        ["部门整体支出绩效自评表"],
        ["（2022年度）"],
        ["部门名称", "天津市某区民政局", "", "", "", "单位：万元"],
        ["年初预算数", "全年预算数", "全年执行数", "执行率"],
        [1000, 1100, 1045, "95%"],
        ["年度绩效目标", "", "实际完成情况", "", "偏差原因分析及改进措施"],
        ["保障全区低保对象基本生活，按时足额发放低保金。", "", "全年按时足额发放低保金，覆盖低保对象3200人。"],
        ["提升养老服务水平，新建社区养老服务站5个。", "", "新建社区养老服务站4个，1个因选址调整顺延至次年。", "",
         "选址调整"],
        ["指标名称", "计算符号", "指标值", "实际完成值", "计量单位", "分值", "得分", "偏差原因分析及改进措施"],
        ["低保金按时发放率", "=", 100, 100, "%", 20, 20],
        ["新建社区养老服务站数量", "≥", 5, 4, "个", 20, 16, "选址调整，顺延至次年"],
        ["低保对象覆盖人数", "≥", 3000, 3200, "人", 20, 20],
        ["预算执行率", "≥", 90, 95, "%", 20, 20],
        ["服务对象满意度", "≥", 90, 93, "%", 20, 20],
        ["合计", "", "", "", "", 100, 96],
    ], merges=["A6:B6", "C6:D6", "A7:B7", "C7:D7", "A8:B8", "C8:D8"], title="部门整体")


def test_tianjins_department_goals_table_is_read_row_by_row(tmp_path):
    """年度绩效目标 with 实际完成情况 beside it heads a column of goals: the goal went unread (a weak label,
    read only with its text to its right), and of what was achieved only the first row — the
    department's second goal, the one not met, was no part of it. Its money is a figure: the
    indicators weigh the whole 100, 预算执行率 among them, so no 当年预算执行情况 is scored on top."""
    path = tianjin_dept(tmp_path / "tj.xlsx")
    [t] = read_workbook(path).tables
    goals = {k: (f.cell, f.value.count("\n") + 1) for k, f in t.goals_text.items()}
    assert goals == {"annual_goal": ("A7", 2), "achieved": ("C7", 2)}
    assert t.goals_text["achieved"].value.endswith("1个因选址调整顺延至次年。")
    [result] = score_file(path)
    assert (result.total, result.execution) == (96, None)
    assert validate_file(path).findings == []


@pytest.mark.parametrize(("spent", "found"), [
    (1200, [("A302", "C5"), ("A303", "D5"), ("A303", "D13")]),  # above its 1100; 95 % written, 109.09 %
    (-5, [("A342", "C5")]),
    ("95%", [("A341", "C5")]),  # (the 预算执行率 row's 95 % is not held against the 0.09 % it gives)
])
def test_a_departments_money_read_as_a_funds_block_is_found_once(tmp_path, spent, found):
    """Its labels over one row of numbers read both as a funds block and as the department's amounts:
    each slip was said twice at one cell (A302, A341, A342: 「部门整体」 and 「年初预算数」, the block's
    first column taken for its name)."""
    path = tianjin_dept(tmp_path / "tj.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["C5"] = spent
    wb.save(path)
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == found
    assert not any("年初预算数" in f.message() for f in report.findings)


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"A13": "数量指标", "B13": "产出指标"}, [("S102", "A13", "一级指标「数量指标」不在指标体系中")]),
    ({"B13": "新建社区养老服务站数量", "C13": "数量指标"},
     [("S102", "B13", "二级指标「新建社区养老服务站数量」不在指标体系中（在「产出指标」下）")]),
    ({"B15": "时效指标"}, [("S102", "B15", "二级指标「时效指标」不在指标体系中（不应在「效益指标」下，应在「产出指标」下）")]),
])
def test_a_department_table_in_the_projects_framework_is_held_to_it(tmp_path, edits, found):
    """A 部门整体 table whose blocks are 产出指标 and 效益指标 (the national forms') follows the projects'
    taxonomy: a level name in the wrong column or a 二级指标 under the wrong block passed, as if the
    department had a framework of its own."""
    path = split_dept(tmp_path / "split.xlsx", edits)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "S102"] == found


@pytest.mark.parametrize("cell", ["C12", "F12", "G12"])
def test_a_reckoning_takes_the_amount_a_total_row_left_empty_from_its_parts(tmp_path, cell):
    """合计's 年初部门预算安排金额① left empty (the parts give 250): its 小计④=①+②+③ was reckoned with ① as 0
    (A343: "0 + 25.14 + 0 = 25.14"), and fix wrote 25.14 into the right 275.14. ④ or ⑤ left empty: ⑦=④-⑤
    and ⑥=⑤/④ were judged by a 0. The total's empty amount is its parts' (A326 says so) in every
    reckoning beside it."""
    path = ningde_dept(tmp_path / "fj.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active[cell] = None
    wb.save(path)
    assert [(f.code, f.cell) for f in validate_file(path).findings] == [("A326", cell)]


def _insert_empty_row(path, out, at, lines=1, note=""):
    """The workbook at ``path`` with ``lines`` wholly empty rows inserted at row ``at`` of its first sheet
    (1-based), merged ranges moved or stretched as Excel does (openpyxl's insert_rows leaves them in place);
    with ``note`` in column A of the first of them, where no merged range covers it."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    merges = list(ws.merged_cells.ranges)
    for m in merges:
        ws.unmerge_cells(str(m))
    ws.insert_rows(at, lines)
    for m in merges:
        if m.min_row >= at:
            m.shift(0, lines)
        elif m.max_row >= at:
            m.expand(down=lines)
        ws.merge_cells(str(m))
    if note and not any(m.min_row <= at <= m.max_row and m.min_col == 1 for m in ws.merged_cells.ranges):
        ws.cell(at, 1).value = note
    wb.save(out)
    return out


def _moved(cell, at, lines=1):
    col = cell.rstrip("0123456789")
    row = int(cell[len(col):])
    return f"{col}{row + lines if row >= at else row}"


def _reading(path):
    scored = [(s.total, s.grade, [r.score for r in s.rows]) for s in score_file(path)]
    return sorted((f.code, f.cell) for f in validate_file(path).findings), scored


def _national(path, **_):
    from tests.test_validate import CLEAN, write

    return write(path.parent, CLEAN, name=path.name)


@pytest.mark.parametrize(("lines", "note"), [(1, ""), (3, ""), (1, "注：本行为说明"), (1, "（续表）")],
                         ids=["line", "3-lines", "note", "page"])
@pytest.mark.parametrize(("builder", "args"), [
    (ningde_dept, {"spent": 280, "rate": "102%", "city": 270}),
    (split_dept, {"edits": {"C6": 950, "E8": 600}}),
    (split_dept, {}),
    (chongqing_dept, {"rate": "70%", "score": 9}),
    (sichuan_form, {"spent": 260, "rate": "90%", "score": 9, "total": 99}),
    (funds_summed_below, {}),
    (hebei_form, {}),
    (hubei_monitor, {}),
    (_national, {}),
    (funds_below, {}),
    (system_export, {}),
    (tianjin_dept, {}),
    (without_levels, {}),
    (separate_columns, {}),
    (merged_two_row_header, {}),
])
def test_an_empty_row_inserted_anywhere_only_moves_the_findings(tmp_path, builder, args, lines, note):
    """A line left wholly empty inside a table (inserted, or cleared) changes no reading. In a funds
    block it ended the block: the rows below it went unread (A301, A302, A343 lost or made up, and
    the execution score with them); under a funds header it hid Chongqing's one unlabelled row; under
    a goal label (年度总体目标 | 预期目标) it hid the goal (G209). Three lines (three rows cleared) ended
    an indicator table (the rows below, the 总分 and the grade unread: 29.60 差 for 97.60, A345, G203),
    put the funds block's 合计 out of reach, hid a goal and the line items below them, a level's label
    left with no indicator (经济效益指标 | | |) and the 总分 below a funds block under the indicators.
    A line holding a note alone (``注：…`` in column A) was an indicator where the names are in column A
    (S103, A308), the goal under its label (or a line of it), and ended a funds block's table before its
    总分 (A345). A page's mark (``（续表）``, where a printed table goes on) was a level of its own (S102, G204)."""
    path = builder(tmp_path / "book.xlsx", **args)
    codes, scores = _reading(path)
    height = openpyxl.load_workbook(path).worksheets[0].max_row
    for at in range(2, height + 1):
        moved = _insert_empty_row(path, tmp_path / f"at{at}.xlsx", at, lines, note)
        assert _reading(moved) == (sorted((c, _moved(cell, at, lines)) for c, cell in codes), scores), at


@pytest.mark.parametrize(("spent", "overspent"), [(280, True), (272, False)])
def test_spending_above_the_budget_written_and_reckoned_is_said_at_once(tmp_path, spent, overspent):
    """②市级财政资金's 小计④ typed 270 where ①+②+③ gives 275.14 (A343): its spending was not held to either
    until fix had corrected ④, and only the copy said "280 exceeds 275.14". Above both, it is overspent
    whichever is right; between them (272) it waits for ④, as before."""
    path = ningde_dept(tmp_path / "fj.xlsx", spent=spent, rate=f"{spent / 275.14:.0%}", city=270)
    found = [(f.code, f.cell) for f in validate_file(path).findings]
    assert ("A343", "F8") in found
    assert (("A302", "G8") in found) is overspent

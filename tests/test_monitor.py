"""Mid-year monitoring tables (绩效运行监控表, domain.md §3.6): reading, lights, M4xx findings.

The sample below, in the default layout, has: title rows 1-3 (row 2 「（2024年1-6月）」), B4 项目名称,
B5 主管部门, E5 实施单位; funds header row 6 (C 全年预算数, D 1-6月执行数, E 执行进度), rows 7-8;
indicator header row 9 (A 一级 B 二级 C 三级 D 年度指标值 E 1-6月实际完成值 F 全年预计完成值
G 完成目标可能性 H 偏差原因 I 纠偏措施); indicators on rows 10-16.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace

import openpyxl
import pytest
from click.testing import CliRunner

from xltools.api import score_file, validate_file
from xltools.cli import cli
from xltools.errors import RulesError
from xltools.model import MONITOR, Indicator
from xltools.monitoring import indicator_light, likelihood_light
from xltools.reading import read_workbook
from xltools.reading.labels import FUNDS_COLUMNS, INDICATOR_COLUMNS, label_key, months_in
from xltools.rules import heuristics
from xltools.ruleset import MonitorRules, load_rules
from xltools.samples import Layout, Row, Sample, write_sample
from xltools.scoring import score_workbook
from xltools.values import parse_value

from .test_validate import findings
from .test_validate import write as write_edited

CLEAN = Sample(
    kind=MONITOR, project="社区养老服务中心运营补助", department="市民政局", unit="市养老服务指导中心",
    year=2024, months=6,
    funds=[("年度资金总额", None, 500, 240), ("其中：当年财政拨款", None, 500, 240)],
    rows=[
        Row("产出指标", "数量指标", "服务老人人数", "≥2000人", to_date="1100人", forecast="2100人", likelihood="确定能"),
        Row("产出指标", "数量指标", "开展健康讲座场次", "≥24场", to_date="8场", forecast="22场", likelihood="有可能",
            deviation="上半年场地维修", measures="下半年每月加开一场"),
        Row("产出指标", "质量指标", "服务安全事故发生率", "≤1%", to_date="0%", forecast="0%", likelihood="确定能"),
        Row("产出指标", "时效指标", "补助资金按时拨付率", "=100%", to_date="100%", forecast="100%", likelihood="确定能"),
        Row("效益指标", "社会效益指标", "老人生活质量提升", "有效提升", to_date="逐步提升", forecast="有效提升",
            likelihood="确定能"),
        Row("效益指标", "可持续影响指标", "新增合作机构数量", "≥10家", to_date="1家", forecast="6家",
            likelihood="完全不可能", deviation="合作方撤资", measures="另寻两家机构合作"),
        Row("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", to_date="95%", forecast="95%", likelihood="确定能"),
    ],
)
# lights: funds 240/500 = 48% of 50% → 96% green; 1100/(2000×6/12) = 110% green; 8/12 = 66.67% yellow;
# 0% ≤ 1% green; 100%/100% green (a rate is not prorated); 确定能 green; 1/5 = 20% red; 95%/90% green


def write(tmp_path, sample=CLEAN, edits=None, name="监控表.xlsx", layout=None):
    return write_edited(tmp_path, sample, edits, name, layout or Layout())


def test_reads_as_monitoring_table_with_months_and_lights(tmp_path):
    book = read_workbook(write(tmp_path))
    (table,) = book.tables
    assert table.kind == MONITOR
    assert (table.months.value, table.months.cell) == (6, "E9")
    ind = table.indicators[0]
    assert (ind.to_date.number, ind.forecast.number, ind.likelihood) == (1100, 2100, "确定能")
    assert table.funds.total().spent == 240
    (result,) = score_workbook(book)
    assert result.total is None and result.grade is None
    assert [(r.name, r.light, r.cell) for r in result.rows] == [
        ("预算执行进度", "green", "D7"),
        ("服务老人人数", "green", "E10"), ("开展健康讲座场次", "yellow", "E11"), ("服务安全事故发生率", "green", "E12"),
        ("补助资金按时拨付率", "green", "E13"), ("老人生活质量提升", "green", "G14"),
        ("新增合作机构数量", "red", "E15"), ("老人满意度", "green", "E16")]
    assert result.rows[0].explain() == "执行进度 240/500 = 48.00%，序时进度 6/12 = 50.00%，48.00%/50.00% = 96.00%，绿灯"
    assert result.rows[2].explain() == "8场/（24场 × 6/12 = 12场）= 66.67%，黄灯"
    assert result.rows[2].explain("en") == "8场/(24场 × 6/12 = 12场) = 66.67%: yellow"
    assert result.figures == {"progress": 0.48}
    d = result.to_dict()
    assert d["lights"] == {"red": 1, "yellow": 1, "green": 6, "blue": 0}
    assert d["rows"][6]["light"] == "red"


def test_clean_monitoring_table_has_no_findings(tmp_path):
    report = validate_file(write(tmp_path))
    assert report.findings == [], [f.to_dict() for f in report.findings]
    assert report.tables == [(MONITOR, "运行监控表")]


CASES = [
    ("M401", "H11", {"H11": None}),  # yellow without a reason
    ("M401", "H10", {"E10": "1300人"}),  # blue (130% of the pro-rata target) without a reason
    ("M402", "I15", {"I15": None}),  # red / 完全不可能 without measures
    ("M403", "G10", {"G10": None}),
    ("M403", "G10", {"G10": "大概能"}),
    ("M403", "G10", {"G10": "□确定能 □有可能 □完全不可能"}),  # a cell of boxes, none ticked
    ("M404", "E10", {"E10": None}),
    ("M404", "E10", {"E10": "进行中"}),
    ("M404", "E16", {"E16": "低于90%"}),  # short of ≥90% by how much unsaid: it was 90 %, lit green
    ("M405", "E9", {"E9": "累计完成值", "D6": "累计执行数", "A2": "（2024年度）"}),
    ("M406", "G15", {"G15": "确定能"}),  # red light
    ("M406", "G10", {"F10": "1800人"}),  # 确定能 with a forecast short of the target
    ("M406", "G10", {"F10": "预计全年服务1800人"}),  # ... written as a sentence (it was no forecast)
    ("M406", "G11", {"G11": "完全不可能", "F11": "24场"}),  # 完全不可能 with a forecast that meets it
    ("M406", "G10", {"F10": "预计完成全年目标的90%"}),  # ... a share of the target (it was no forecast)
    ("M406", "G11", {"G11": "完全不可能", "F11": "100%"}),
    ("M406", "G12", {"F12": "2%"}),  # 确定能 with a forecast over a ceiling (≤1%: it was not compared)
    ("M406", "G12", {"G12": "完全不可能", "H12": "", "I12": "加强巡查"}),  # 完全不可能 with one within it
    ("M406", "G13", {"F13": "95%"}),  # 确定能 with a forecast short of =100% (an equality was not compared)
    ("M406", "G13", {"G13": "完全不可能", "I13": "加快拨付"}),  # 完全不可能 with a forecast of =100%'s 100%
    ("M409", "F10", {"F10": None}),  # no forecast for the year
    ("M409", "F14", {"F14": "—"}),  # (a qualitative row's too: its expected effect)
    ("M407", "D7", {"D7": 150, "D8": 150, "E7": 0.3, "E8": 0.3}),  # 30% of 50% = 60% → yellow
    ("A302", "D7", {"D7": 520, "E7": 1.04}),
    ("A303", "E7", {"E7": 0.5}),
]


@pytest.mark.parametrize(("code", "cell", "edits"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_code_triggers_at_its_cell(tmp_path, code, cell, edits):
    got = findings(write(tmp_path, edits=edits))
    assert (code, cell) in got, got


@pytest.mark.parametrize("label", ["全年预计完成值", "预计全年完成数", "全年预计完成", "年底预计完成值", "预计完成情况", "全年预测值"])
def test_the_forecast_column_however_headed(tmp_path, label):
    """全年预计完成值 headed 预计全年完成数, 年底预计完成值, 全年预测值 …: no column, so 确定能 beside a forecast
    short of the target went unsaid (M406)."""
    assert ("M406", "G10") in findings(write(tmp_path, edits={"F9": label, "F10": "1500人"}))


@pytest.mark.parametrize("label", ["完成目标可能性", "能否完成全年目标", "完成全年目标可能性", "目标实现可能性", "预计完成可能性"])
def test_the_likelihood_column_however_headed(tmp_path, label):
    """完成目标可能性 headed 能否完成全年目标, 目标实现可能性 …: no column, so the qualitative row had no light
    (M404) and 确定能 beside a red light went unsaid (M406)."""
    got = findings(write(tmp_path, edits={"G9": label, "G15": "确定能"}))
    assert ("M406", "G15") in got and not any(code == "M404" for code, _ in got)


def test_spending_to_date_left_empty_or_in_words(tmp_path):
    """The 1-6月执行数 of 年度资金总额 left empty beside its parts is their sum (no progress light
    before); in words it is no amount. The column is named as the table's months."""
    report = validate_file(write(tmp_path, edits={"D7": None}))
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A326", "D7", "「年度资金总额」的1-6月执行数未填写（计算值为 240）")]
    [result] = score_file(write(tmp_path, edits={"D7": None}, name="b.xlsx"))
    assert (result.rows[0].name, result.rows[0].light) == ("预算执行进度", "green")
    report = validate_file(write(tmp_path, edits={"D7": "约240万"}, name="c.xlsx"))
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A331", "D7", "「年度资金总额」的1-6月执行数「约240万」不是金额，预算执行进度无法计算")]


def test_months_from_other_labels(tmp_path):
    """N from a 截至N月底 column, from a 1-N月 funds label, and none at all."""
    path = write(tmp_path, edits={"E9": "截至9月底实际完成值", "A2": None, "D6": "截至9月底执行数"})
    (table,) = read_workbook(path).tables
    assert (table.months.value, table.months.cell) == (9, "E9")
    path = write(tmp_path, edits={"E9": "累计完成值", "A2": None, "D6": "1—10月执行数"}, name="b.xlsx")
    (table,) = read_workbook(path).tables
    assert (table.months.value, table.months.cell) == (10, "D6")
    path = write(tmp_path, edits={"E9": "累计完成值", "D6": "累计执行数", "A1": "2024年前三季度绩效运行监控表",
                                  "A2": None}, name="q.xlsx")
    assert read_workbook(path).tables[0].months.value == 9
    for line, n in (("（截至2024年6月30日）", 6), ("（2024年1月-6月）", 6), ("（2024年第三季度）", 9)):  # no N before
        path = write(tmp_path, edits={"E9": "累计完成值", "D6": "累计执行数", "A2": line}, name="p.xlsx")
        (table,) = read_workbook(path).tables
        assert (table.months.value, table.months.cell, table.header["year"].value) == (n, "A2", 2024)
    path = write(tmp_path, edits={"E9": "累计完成值", "A2": None, "D6": "累计执行数"}, name="c.xlsx")
    (result,) = score_workbook(read_workbook(path))
    assert read_workbook(path).tables[0].months.value is None
    assert result.rows[1].light is None and result.rows[1].explain_key == "mon_no_months"
    assert result.rows[3].light == "green"  # a ≤ ceiling needs no months
    assert findings(path)[:1] == [("M405", "E9")]


@pytest.mark.parametrize("edits", [{"E9": "截至6月完成情况"}, {"E9": "截止6月实际完成值"}, {"E9": "截止到6月底完成值"},
                                   {"I9": "纠偏措施及完成时间"}, {"I9": "改进措施"}, {"I9": "拟采取的措施"}, {"I9": "整改措施"}])
def test_more_spellings_of_monitoring_columns(tmp_path, edits):
    """截至6月 (no 底) as the 1-N月 column; 纠偏措施及完成时间, 改进措施 … as 纠偏措施. The first was
    read as no 1-N月 column (lights from the wrong cells), the others as no measures column (M402,
    measures missing beside a red light, was never asked)."""
    path = write(tmp_path, edits=edits)
    (table,) = read_workbook(path).tables
    assert (table.months.value, "to_date" in table.indicators[0].columns, "measures" in table.indicators[0].columns) \
        == (6, True, True)
    assert findings(path) == []


def test_provincial_spelling_numbers_as_text(tmp_path):
    layout = Layout(variant=1, start_col=2, merge_level1=False, numbers_as_text=True)
    path = write(tmp_path, layout=layout)
    (result,) = score_workbook(read_workbook(path))
    assert [r.light for r in result.rows] == ["green", "green", "yellow", "green", "green", "green", "red", "green"]


def _ind(target, to_date, *, likelihood="", op=None):
    t = parse_value(target)
    return Indicator("产出指标", "数量指标", "x", target=t, to_date=parse_value(to_date), likelihood=likelihood,
                     op=op or t.op, qualitative=t.kind == "text", sheet="S", row=3, columns={"to_date": "E"})


@pytest.mark.parametrize(("target", "to_date", "n", "light", "key"), [
    ("≥100个", "30个", 6, "yellow", "mon_prorated"),  # 30/(100 × 6/12) = exactly 60% → yellow
    ("≥100个", "29个", 6, "red", "mon_prorated"),
    ("≥100个", "29.998个", 6, "yellow", "mon_prorated"),  # 59.996% is shown as 60.00%: yellow, as shown
    ("≥100个", "29.995个", 6, "red", "mon_prorated"),  # 59.99%
    ("≥100个", "40个", 6, "green", "mon_prorated"),  # exactly 80% → green
    ("≥100个", "39个", 6, "yellow", "mon_prorated"),
    ("≥100个", "60个", 6, "blue", "mon_prorated"),  # exactly 120% → blue
    ("≥100个", "100个", 12, "green", "mon_prorated"),
    ("≥95%", "57%", 6, "yellow", "mon_rate"),  # a rate is not prorated: 57/95 = exactly 60%
    ("≥4次", "每季度1次", 6, "green", "mon_frequency"),  # how often, not how many yet (was 1 of 2: red)
    ("≥12次", "每季度1次", 6, "red", "mon_frequency"),  # 4 a year of 12
    ("≥95%", "56%", 6, "red", "mon_rate"),
    ("≤30天", "40天", 6, "yellow", "mon_less_over"),  # 30/40 = 75%
    ("≤30天", "60天", 6, "red", "mon_less_over"),  # 50%
    ("≤30天", "30天", None, "green", "mon_less_ok"),
    ("≤0起", "1起", 6, "red", "mon_less_ok"),
    ("零投诉", "2起", 6, "red", "mon_zero"),  # none may occur: a target of 0 without ≥ (was green)
    ("=0", "1", 6, "red", "mon_zero"),
    ("≥0", "1", 6, "green", "mon_zero"),
    ("±10%", "-8%", 6, "green", "mon_less_ok"),  # a band: by size, either sign
    ("±10%", "-16%", 6, "yellow", "mon_band_over"),  # 10/16 = 62.5%
    ("有效提升", "", 6, "yellow", "mon_likelihood"),
    ("≥90%", "年底测评", 6, "yellow", "mon_later_likelihood"),  # not due yet: by the likelihood
    ("≥90%", "待验收后统计", 6, "yellow", "mon_later_likelihood"),
    ("≥90%", "—", 6, None, "mon_no_to_date"),  # a bare dash says nothing (M404)
    ("≥90%", "进行中", 6, None, "mon_no_to_date"),
    ("≥90%", "2050人", 6, "yellow", "mon_unit_likelihood"),  # a count against a rate: by the likelihood (was 2050%: blue)
    ("≥2000人", "1100人次", 6, "green", "mon_prorated"),  # 人次 of 人: the bare numbers, as before (A316)
])
def test_indicator_lights(target, to_date, n, light, key):
    ind = _ind(target, to_date, likelihood="有可能")
    row = indicator_light(ind, n, MonitorRules(), heuristics(load_rules(None)).not_due)
    assert (row.light, row.explain_key) == (light, key)


def test_a_band_missed_is_explained_by_the_deviations_size():
    ind = _ind("±10%", "-16%", likelihood="有可能")
    row = indicator_light(ind, 6, MonitorRules())
    assert row.explain() == "-16% 超出 ±10% 的范围：10%/16% = 62.50%，黄灯"


def test_likelihood_words():
    assert [likelihood_light(w) for w in ("确定能", " 有可能 ", "完全不可能", "不可能", "能", "大概", "")] == [
        "green", "yellow", "red", "red", "green", None, None]


def test_rule_set_moves_the_lights(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text("[monitor]\nlights = [0.5, 0.7, 1.05]\n", encoding="utf-8")
    r = load_rules(str(rules))
    assert r.monitor == MonitorRules(0.5, 0.7, 1.05)
    (result,) = score_workbook(read_workbook(write(tmp_path)), r)
    assert [x.light for x in result.rows][:3] == ["green", "blue", "yellow"]  # 110% is blue from 105%
    bad = tmp_path / "bad.toml"
    bad.write_text("[monitor]\nlights = [0.8, 0.6, 1.2]\n", encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules(str(bad))


@pytest.mark.parametrize(("label", "n"), [("1-2季度实际完成值", 6), ("截至二季度末完成值", 6), ("一至六月实际完成值", 6),
                                        ("1至3季度实际完成值", 9), ("前三季度实际完成值", 9), ("截至第三季度末完成值", 9)])
def test_months_in_quarters_and_chinese_numerals(tmp_path, label, n):
    """A column headed by quarters (``1-2季度``, ``截至二季度末``) or by months in Chinese numerals
    (``一至六月``), with no months anywhere else: the table's N was unknown (M405) and no row lit."""
    path = write(tmp_path, edits={"E9": label, "A2": "（2024年度）", "D6": "累计执行数"})
    (table,) = read_workbook(path).tables
    assert (table.months.value, table.months.cell) == (n, "E9")
    assert "M405" not in [f.code for f in validate_file(path).findings]


def test_generated_labels_are_label_keys():
    generated = [k for k, f in INDICATOR_COLUMNS.items() if f == "to_date"] + \
                [k for k, f in FUNDS_COLUMNS.items() if months_in(k)]
    assert len(generated) > 1000
    assert all(label_key(k) == k for k in generated)
    assert INDICATOR_COLUMNS[label_key("1～6月 实际完成值")] == "to_date"
    assert [months_in(t) for t in ("1-6月实际完成值", "截至9月底", "（2024年1—6月）", "2024年12月", "1-13月",
                                   "截至9月30日", "2024年上半年绩效运行监控表", "前三季度执行数", "一至十二月", "十月底",
                                   "项目三至五年规划", "三月", "截至六月底", "（截至九月末）")] == [
        6, 9, 6, None, None, 9, 6, 9, 12, 10, None, None, 6, 9]
    assert INDICATOR_COLUMNS[label_key("上半年完成情况")] == "to_date"


def test_cli_score_and_validate(tmp_path):
    path = write(tmp_path, edits={"H11": None})
    r = CliRunner().invoke(cli, ["score", path, "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["table"] == "monitor" and data["lights"] == {"red": 1, "yellow": 1, "green": 6, "blue": 0}
    r = CliRunner().invoke(cli, ["score", path])
    assert "红灯 1，黄灯 1，绿灯 6，蓝灯 0" in r.output
    r = CliRunner().invoke(cli, ["validate", path, "--lang", "en"])
    assert r.exit_code == 0 and "M401" in r.output and "shows yellow (8场/(24场 × 6/12 = 12场) = 66.67%: yellow)" in r.output


def test_summarize_lists_monitoring_tables_with_lights_behind(tmp_path):
    path = write(tmp_path)
    r = CliRunner().invoke(cli, ["summarize", path, "--format", "json"])
    assert r.exit_code == 0, r.output
    (rec,) = json.loads(r.output)["records"]
    assert (rec["table"], rec["year"], rec["spent"], rec["execution_rate"]) == ("monitor", "2024", 240, 0.48)
    assert (rec["met"], rec["indicators"], rec["behind"], rec["grade"], rec["total"]) == (5, 7, 2, "", None)


def test_plain_actual_column_beside_likelihood_is_the_to_date_value(tmp_path):
    """Some provinces keep 实际完成值 and add 完成目标可能性: still a monitoring table, months from the title."""
    (table,) = read_workbook(write(tmp_path, edits={"E9": "实际完成值"})).tables
    assert table.kind == MONITOR and (table.months.value, table.months.cell) == (6, "A2")
    (result,) = score_workbook(read_workbook(write(tmp_path, edits={"E9": "实际完成值"}, name="b.xlsx")))
    assert [r.light for r in result.rows] == ["green", "green", "yellow", "green", "green", "green", "red", "green"]
    assert result.rows[1].cell == "E10"


def national_form(path, ticks):
    """The national monitoring form (财预〔2019〕136号): 绩效指标 merged down column A, 1-7月 labels,
    偏差原因分析 and 完成目标可能性 each merged over √ sub-columns, a two-row header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "监控表"
    ws.append(["项目支出绩效目标执行监控表"])
    ws.append(["（2024年度）"])
    ws.append(["项目名称", "农村饮水安全巩固提升工程"])
    ws.append(["主管部门及代码", "县水利局", None, None, "实施单位", "县农村供水站"])
    ws.append(["项目资金（万元）", None, "年初预算数", "全年预算数（A）", "1-7月执行数（B）", "1-7月执行率（B/A）",
               "全年预计执行数"])
    ws.append([None, "年度资金总额", 800, 800, 300, 0.375, 780])
    ws.append([None, "其中：当年财政拨款", 800, 800, 300, 0.375, 780])
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况",
               "偏差原因分析", None, None, None, None, "完成目标可能性", None, None, "备注"])
    ws.append([None] * 7 + ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能", "有可能", "完全不可能"])
    rows = [("产出指标", "数量指标", "新建供水管网长度", "≥120公里", "80公里", "125公里"),
            ("产出指标", "质量指标", "水质达标率", "≥95%", "96%", "96%"),
            ("效益指标", "社会效益指标", "受益人口", "≥30000人", "9000人", "26000人")]
    for (l1, l2, name, target, to_date, forecast), tick in zip(rows, ticks, strict=True):
        line = [None, l1, l2, name, target, to_date, forecast] + [None] * 8
        for col in tick:
            line[col] = "√"
        ws.append(line)
    for rng in ("A8:A12", "H8:L8", "M8:O8", "B8:B9", "C8:C9", "D8:D9", "E8:E9", "F8:F9", "G8:G9", "P8:P9"):
        ws.merge_cells(rng)
    wb.save(path)
    return str(path)


def test_national_form_with_tick_columns(tmp_path):
    # row 10: 确定能 (col 12); row 11: 确定能; row 12: 经费保障 (7) + 完全不可能 (14)
    path = national_form(tmp_path / "national.xlsx", [(12,), (12,), (7, 14)])
    (table,) = read_workbook(path).tables
    assert table.kind == MONITOR and (table.months.value, table.months.cell) == (7, "F8")
    assert [(i.likelihood, i.deviation) for i in table.indicators] == [
        ("确定能", ""), ("确定能", ""), ("完全不可能", "经费保障")]
    (result,) = score_workbook(read_workbook(path))
    # funds 300/800 = 37.5% of 7/12 = 58.33% → 64.29% yellow; 80/(120 × 7/12 = 70) = 114% green;
    # 96%/95% green; 9000/17500 = 51.43% red
    assert [r.light for r in result.rows] == ["yellow", "green", "green", "red"]
    assert findings(path) == [("M407", "E6")]  # reason ticked; no 纠偏措施 column to ask for
    wb = openpyxl.load_workbook(path)
    wb.active["L12"] = "汛期停工"  # a reason written into 其他
    wb.save(path)
    assert read_workbook(path).tables[0].indicators[2].deviation == "经费保障、其他：汛期停工"
    path = national_form(tmp_path / "b.xlsx", [(12,), (), (13, 14)])
    got = findings(path)
    assert ("M403", "M11") in got and ("M403", "M12") in got  # none ticked; two ticked
    assert ("M401", "H12") in got


def test_against_declared_goals_is_m408(tmp_path, build, demo):
    """--goals: a monitoring table keeps the declared indicators and targets (M408, A311's twin)."""
    from xltools.api import read_goals

    goals = read_goals(build(*demo["目标申报表.xlsx"]))
    sample, layout = demo["监控表.xlsx"]
    same = build(sample, layout)
    assert [f.code for f in validate_file(same, goals=goals).findings if f.code in ("A311", "M408")] == []
    changed = write(tmp_path, sample, edits={"D10": "≥90家"})
    got = [(f.code, f.cell, f.message()) for f in validate_file(changed, goals=goals).findings if f.code == "M408"]
    name = os.path.basename(goals.source)  # the message names the declaration compared with
    assert got == [("M408", "D10", f"监控表与绩效目标申报表「{name}」不一致：「参展企业数量」指标值「≥90家」与申报的「≥100家」不同")]


def test_summary_lists_every_red_and_yellow_light(tmp_path):
    import python_calamine as pc

    from xltools.summary import summarize

    folder = tmp_path / "监控"
    folder.mkdir()
    write(folder, name="a.xlsx")  # yellow 开展健康讲座场次 (E11), red 新增合作机构数量 (E15)
    write(folder, replace(CLEAN, project="乙项目"), edits={"D7": 100, "D8": 100, "E7": 0.2, "E8": 0.2},
          name="b.xlsx")  # + funds red
    out = tmp_path / "汇总.xlsx"
    res = summarize([str(folder)], str(out))
    assert res.exit_code == 0 and res.tables == 2
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("预警清单").to_python()
    assert rows[1][:7] == ["文件", "工作表", "项目名称", "实施单位", "一级指标", "指标", "灯"]
    got = [(os.path.basename(r[0]), r[5], r[6], r[8]) for r in rows[2:]]
    assert got == [("a.xlsx", "新增合作机构数量", "红灯", "E15"), ("b.xlsx", "预算执行进度", "红灯", "D7"),
                   ("b.xlsx", "新增合作机构数量", "红灯", "E15"), ("a.xlsx", "开展健康讲座场次", "黄灯", "E11"),
                   ("b.xlsx", "开展健康讲座场次", "黄灯", "E11")]
    assert rows[3][7].startswith("执行进度 100/500 = 20.00%")
    selfeval = tmp_path / "自评"
    selfeval.mkdir()
    write_sample(replace(CLEAN, kind="selfeval", rows=[replace(r, actual="1") for r in CLEAN.rows]),
                 selfeval / "s.xlsx", Layout())
    summarize([str(selfeval)], str(tmp_path / "s.xlsx"))
    assert "预警清单" not in pc.CalamineWorkbook.from_path(str(tmp_path / "s.xlsx")).sheet_names


def test_a_value_to_date_written_as_a_sentence_is_lit_by_its_number(tmp_path):
    """已服务老人1100人 is the 1100人 the clean table has (green): lit by it, with A315 asking for
    the number alone — not M404, which calls the value missing (an error). 已服务老人 alone is M404."""
    path = write(tmp_path, edits={"E10": "已服务老人1100人"})
    (result,) = score_workbook(read_workbook(path))
    assert (result.rows[1].light, result.rows[1].explain_key) == ("green", "mon_prorated")
    assert findings(path) == [("A315", "E10")]
    assert findings(write(tmp_path, edits={"E10": "已服务老人"}, name="b.xlsx")) == [("M404", "E10")]
    # a target written as a sentence is lit by its number too (by 完成目标可能性 before), and is G220
    path = write(tmp_path, edits={"D10": "服务老人2000人"}, name="c.xlsx")
    (result,) = score_workbook(read_workbook(path))
    assert (result.rows[1].light, result.rows[1].explain_key) == ("green", "mon_prorated")
    assert findings(path) == [("G220", "D10")]
    # ... and so is a range, by its lower end (G222, not G220)
    path = write(tmp_path, edits={"D10": "2000-2200人"}, name="d.xlsx")
    (result,) = score_workbook(read_workbook(path))
    assert (result.rows[1].light, result.rows[1].explain_key) == ("green", "mon_prorated")
    assert findings(path) == [("G222", "D10")]


@pytest.mark.parametrize(("likelihood", "light", "codes"), [
    ("基本能", "yellow", [("M403", "G14"), ("M401", "H14")]),
    ("无法完成", "red", [("M403", "G14"), ("M401", "H14"), ("M402", "I14")]),
    ("肯定能完成", "green", [("M403", "G14")]),
    ("有难度", "yellow", [("M403", "G14"), ("M401", "H14")]),  # these four were no light at all
    ("预计可完成", "green", [("M403", "G14")]),
    ("否", "red", [("M403", "G14"), ("M401", "H14"), ("M402", "I14")]),
    ("不可完成", "red", [("M403", "G14"), ("M401", "H14"), ("M402", "I14")]),
    ("已完成", "green", [("M403", "G14")]),  # done by mid-year: it was no light
    ("已全部完成", "green", [("M403", "G14")]),
    # a cell of boxes: the one ticked (each was M403 "not one of the choices", and no light)
    ("□确定能 ☑有可能 □完全不可能", "yellow", [("M401", "H14")]),
    ("☑确定能 □有可能 □完全不可能", "green", []),
    ("☑确定能 ☑有可能 □完全不可能", None, [("M403", "G14")]),  # two ticked: no choice
])
def test_a_likelihood_in_other_words_lights_the_row_and_still_asks_for_a_choice(tmp_path, likelihood, light, codes):
    """A qualitative row lit by 完成目标可能性: 基本能, 无法完成 were no light at all (nothing in the
    预警清单 for a row its unit called hopeless); M403 still asks for one of the three choices."""
    path = write(tmp_path, edits={"G14": likelihood})
    (result,) = score_workbook(read_workbook(path))
    assert [r.light for r in result.rows if r.name == "老人生活质量提升"] == [light]
    assert findings(path) == codes


def test_a_deadline_met_by_a_sentence_with_its_date_is_lit_by_that_date(tmp_path):
    """已于2024年5月20日拨付完毕 against 2024年6月30日前 was lit by 完成目标可能性 alone; a date after
    the deadline is red."""
    edits = {"C13": "资金拨付完成时间", "D13": "2024年6月30日前", "E13": "已于2024年5月20日拨付完毕"}
    (result,) = score_workbook(read_workbook(write(tmp_path, edits=edits)))
    row = next(r for r in result.rows if r.name == "资金拨付完成时间")
    assert (row.light, row.explain()) == ("green", "已于 2024年5月20日 完成，未晚于目标 2024年6月30日前：绿灯")
    late = write(tmp_path, edits={**edits, "E13": "于2024年7月5日拨付完毕"}, name="late.xlsx")
    (result,) = score_workbook(read_workbook(late))
    assert [r.light for r in result.rows if r.name == "资金拨付完成时间"] == ["red"]


@pytest.mark.parametrize(("row", "light", "explain", "codes"), [
    # nothing has happened, as the target asks: it was M404 (无 read as blank) or S103 (a target of 无)
    (Row("产出指标", "质量指标", "服务安全事故", "零事故", to_date="无", forecast="无", likelihood="确定能"),
     "green", "目标 0，至今 0，绿灯", []),
    (Row("产出指标", "质量指标", "违规使用资金情况", "无", to_date="未发生", forecast="无", likelihood="确定能"),
     "green", "目标 0，至今 0，绿灯", []),
    # progress as a share of the target: 50% of ≥24场 is 12场, on schedule (M404: "not a number")
    (Row("产出指标", "数量指标", "开展义诊活动场次", "≥24场", to_date="完成全年目标的50%", forecast="24场",
         likelihood="确定能"), "green", "12场（完成全年目标的50%）/（24场 × 6/12 = 12场）= 100.00%，绿灯", [("A328", "E12")]),
    # a start is not a completion: 2024年3月开工 was lit as done in March
    (Row("产出指标", "时效指标", "改造工程完工时间", "2024年10月31日前", to_date="2024年3月开工",
         forecast="2024年10月", likelihood="有可能", deviation="雨季影响", measures="增加施工班组"),
     "yellow", "按日期考核的指标不按月折算，按完成目标可能性「有可能」：黄灯", []),
    # a time in days against a limit in months: shown to two decimals, with what was written
    (Row("产出指标", "时效指标", "审批办结时限", "≤3个月", to_date="85天", forecast="88天", likelihood="确定能"),
     "green", "≈2.83个月（85天） 未超过上限 3个月，绿灯", []),
])
def test_nothing_happened_and_a_start_in_a_monitoring_table(tmp_path, row, light, explain, codes):
    rows = list(CLEAN.rows)
    rows[2] = row
    path = write(tmp_path, replace(CLEAN, rows=rows))
    (result,) = score_workbook(read_workbook(path))
    assert (result.rows[3].light, result.rows[3].explain()) == (light, explain)
    assert [f for f in findings(path) if f[1][1:] == "12"] == codes


def test_a_forecast_on_a_stated_scale_is_its_share_of_the_scale(tmp_path):
    """确定能 beside a forecast of 4.6 of 5 (92 %) against ≥90% agrees (it was 4.6 %: M406); 4.4 of 5
    (88 %) is short, and M406 says so in per cent."""
    from xltools.api import validate_file

    met = write(tmp_path, edits={"E16": "4.6分（满分5分）", "F16": "4.6分（满分5分）"}, name="a.xlsx")
    assert [f for f in findings(met) if f[0] in ("M406", "M404", "A316")] == []
    short = write(tmp_path, edits={"E16": "4.6分（满分5分）", "F16": "4.4分（满分5分）"}, name="b.xlsx")
    assert [f.message() for f in validate_file(short).findings if f.code == "M406"] == [
        "「老人满意度」完成目标可能性填「确定能」，与全年预计完成值「88%（4.4分(满分5分)）」低于目标「≥90%」不符"]


def test_spending_below_zero_is_a342_not_behind_schedule(tmp_path):
    """1-6月执行数 −240: a minus sign slipped in (A342, named by the months' column), not spending
    −48 % behind schedule (M407 said so beside it)."""
    path = write(tmp_path, edits={"D7": -240, "D8": -240})
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == [("A342", "D7"), ("A342", "D8")]
    assert report.findings[0].message() == "「年度资金总额」的1-6月执行数 -240 是负数：金额不能小于 0"


@pytest.mark.parametrize(("progress", "light", "found"), [(0.48, "green", []), (0.58, "green", [("A303", "F6")]),
                                                          (0.3, "yellow", [])])
def test_a_monitoring_tables_money_on_a_line_of_labels(tmp_path, progress, light, found):
    """No funds block, its money on a line (``全年预算数 | 500 | 1-6月执行数 | 240 | 执行进度 | 48%``): no
    funds light and no check of the written 执行进度 (58% beside 48% passed)."""
    edits = {"A6": "全年预算数", "B6": 500, "C6": "1-6月执行数", "D6": 150 if light == "yellow" else 240,
             "E6": "执行进度", "F6": progress, **{f"{c}{r}": None for r in (7, 8) for c in "BCDE"}}
    path = write(tmp_path, edits=edits)
    (result,) = score_workbook(read_workbook(path))
    assert (result.rows[0].cell, result.rows[0].light) == ("D6", light)
    assert [f for f in findings(path) if f[0] in ("A303", "M407", "A302")] == found + (
        [("M407", "D6")] if light == "yellow" else [])

"""Every finding code: one workbook that triggers it at the expected cell, and the clean one that does not.

The clean self-evaluation below, in the default layout, has these cells:
  B4 项目名称 value, B5 主管部门, E5 实施单位; funds header row 6, rows 7 (年度资金总额) … 10;
  B12 预期目标 text; indicator header row 13 (A 一级 B 二级 C 三级 D 指标值 E 实际 F 分值 G 得分 H 偏差);
  indicators on rows 14-20; 总分 on row 21 (G21); 自评等级 on row 22 (B22); line items: header row 24,
  items on rows 25-26 (C 预算金额, D 合同签订金额, E 支出金额).
"""

from __future__ import annotations

import re
from dataclasses import replace

import openpyxl
import pytest

from xltools.api import score_file, validate_file
from xltools.model import SELFEVAL
from xltools.reading import read_workbook
from xltools.rules.catalogue import CATALOGUE
from xltools.samples import Layout, Row, Sample

LAYOUT = Layout(merge_level1=False)

CLEAN = Sample(
    kind=SELFEVAL, project="社区养老服务中心运营补助", department="市民政局", unit="市养老服务指导中心",
    year=2023,
    funds=[("年度资金总额", 500, 500, 480), ("其中：当年财政拨款", 500, 500, 480),
           ("上年结转资金", None, None, None), ("其他资金", None, None, None)],
    annual_goal="全年为辖区2000名老人提供日间照料服务，开展健康讲座24场，老人满意度达到90%以上。",
    achieved="服务老人2050名，开展讲座24场，满意度95%。",
    rows=[
        Row("产出指标", "数量指标", "服务老人人数", "≥2000人", "2050人", 20, 20),
        Row("产出指标", "数量指标", "开展健康讲座场次", "≥24场", "24场", 10, 10),
        Row("产出指标", "质量指标", "服务安全事故发生率", "≤1%", "0%", 10, 10),
        Row("产出指标", "时效指标", "补助资金按时拨付率", "=100%", "100%", 10, 10),
        Row("效益指标", "社会效益指标", "老人生活质量提升", "有效提升", "有效提升", 20, 18, "个别老人未按时参加活动"),
        Row("效益指标", "可持续影响指标", "服务中心持续运营年限", "≥3年", "3年", 10, 10),
        Row("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "95%", 10, 10),
    ],
    total=97.6, grade="优", execution_score=9.6,
    line_items=[("政府采购", "护理服务采购", 300, 290, 285), ("自行组织", "健康讲座", 200, None, 195)],
)
# execution 480/500 = 96% × 10 = 9.60; indicators 20+10+10+10+18+10+10 = 88 → 97.60 优

#: The goal declaration CLEAN reports on: the same indicators, targets and weights.
GOALS = replace(CLEAN, kind="goals", funds=[], total=None, grade="", line_items=[],
                amounts=[("年度资金总额", 500), ("其中：财政拨款", 500), ("其他资金", 0)],
                rows=[replace(r, actual="", score=None) for r in CLEAN.rows])


def write(tmp_path, sample=CLEAN, edits=None, name="自评表.xlsx", layout=LAYOUT):
    """``sample`` written in ``layout``, then the cells of ``edits`` typed over it (text stays text)."""
    from xltools.samples import write_sample

    path = tmp_path / name
    write_sample(sample, path, layout)
    if edits:
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        for ref, value in edits.items():
            ws[ref] = value
            if isinstance(value, str) and value.startswith("="):
                ws[ref].data_type = "s"
        wb.save(path)
    return str(path)


def demo_book(tmp_path, demo="部门整体自评表.xlsx", name="部门.xlsx"):
    """A demo table (as `make demo` writes it) opened to be edited: (workbook, its sheet, the path)."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()[demo]
    path = tmp_path / name
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    return wb, wb.active, path


def findings(path, **kw):
    return [(f.code, f.cell) for f in validate_file(path, **kw).findings]


def test_clean_workbook_has_no_findings(tmp_path):
    report = validate_file(write(tmp_path))
    assert report.findings == [], [f.to_dict() for f in report.findings]
    assert report.tables == [(SELFEVAL, "绩效自评表")]


def test_short_level2_names_are_their_parts(tmp_path):
    """二级指标 written 数量 / 质量 / 时效 (as many provincial forms do) are 数量指标 … for S102, and
    were "missing" for G219: three false infos on a complete table."""
    rows = [replace(r, level2=r.level2.removesuffix("指标")) if r.level1 == "产出指标" else r for r in CLEAN.rows]
    assert {r.level2 for r in rows if r.level1 == "产出指标"} == {"数量", "质量", "时效"}
    assert findings(write(tmp_path, replace(CLEAN, rows=rows))) == []


def test_nothing_against_a_zero_target_is_zero(tmp_path):
    """无 beside 无重大安全事故 says none occurred (it was a missing actual: A308, 0 of 10);
    发生1起 fails the row."""
    rows = list(CLEAN.rows)
    rows[2] = replace(rows[2], name="服务安全事故发生次数", target="无重大安全事故", actual="无")
    assert findings(write(tmp_path, replace(CLEAN, rows=rows))) == []
    rows[2] = replace(rows[2], actual="发生1起", score=0, deviation="护理员操作失误，已整改")
    path = write(tmp_path, replace(CLEAN, rows=rows, total=87.6, grade="良"), name="1起.xlsx")
    assert findings(path) == []
    assert score_file(path)[0].rows[3].score == 0


@pytest.mark.parametrize("label", ["自筹资金", "其中：自筹资金", "银行贷款", "中央补助资金", "省级财政资金", "债券资金",
                                   "其中：其他资金", "社会资本", "企业自筹资金", "专项债券资金", "上年结转结余",
                                   "历年结转资金", "其中：上年结转资金", "单位自筹", "政府性基金预算", "国有资本经营预算",
                                   "其中：财政性资金", "财政拨款资金", "物资折价"])
def test_a_source_of_funds_of_another_name_is_no_wrong_total(tmp_path, label):
    """年度资金总额 500 = 财政拨款 400 + 100 from a source the national form does not name: three
    A301 errors ("≠ 分项合计 400") before. Known names are parts; an unknown one (物资折价) with
    figures means the rows read are not all the parts, so the total is not checked against them."""
    funds = [("年度资金总额", 500, 500, 480), ("其中：当年财政拨款", 400, 400, 380), (label, 100, 100, 100)]
    assert findings(write(tmp_path, replace(CLEAN, funds=funds))) == []
    wrong = [*funds[:2], (label, 50, 50, 50)]  # 400 + 50 ≠ 500: found when the name is known
    expected = [] if label == "物资折价" else [("A301", "C7"), ("A301", "D7"), ("A301", "E7")]
    assert findings(write(tmp_path, replace(CLEAN, funds=wrong), name="wrong.xlsx")) == expected


@pytest.mark.parametrize("label", ["年度资金总额", "预算资金总额", "本年度资金总额", "全年资金总额", "当年资金总额", "项目总资金",
                                   "资金总计", "项目资金合计", "资金合计", "合计"])
def test_the_funds_total_row_by_other_names(tmp_path, label):
    """The funds block's total row labelled 预算资金总额, 本年度资金总额 or 资金合计 (at the top, above its
    parts) was no row: the execution was scored on the parts read (430/450 = 9.56 for 480/500 = 9.60),
    the right total "wrong" (A305), and a total its parts do not make unsaid (A301)."""
    funds = [(label, 500, 500, 480), ("其中：当年财政拨款", 400, 400, 380), ("其他资金", 50, 50, 50)]
    path = write(tmp_path, replace(CLEAN, funds=funds))
    assert score_file(path)[0].total == 97.6
    assert findings(path) == [("A301", "C7"), ("A301", "D7"), ("A301", "E7")]


def rows_with(index, **changes):
    rows = list(CLEAN.rows)
    rows[index] = replace(rows[index], **changes)
    return replace(CLEAN, rows=rows)


CASES = [
    # (code, cell, sample or None, cell edits)
    ("S101", "B4", None, {"B4": None}),
    ("S101", "E5", None, {"E5": None}),
    ("S101", "A2", None, {"A2": "（    年度）"}),  # the form's year line left as printed (was silent)
    ("S101", "B2", None, {"A2": "年度："}),
    ("S102", "A20", None, {"A20": "满意指标"}),
    ("S102", "B14", None, {"B14": "社会效益指标"}),
    ("S103", "F15", None, {"F15": None}),
    ("S103", "C15", None, {"C15": None}),
    ("S103", "D15", None, {"D15": None}),
    ("S104", "C15", None, {"C15": "服务老人人数"}),
    ("G201", "D14", None, {"D14": "≥2000"}),
    ("G202", "D20", None, {"D20": "满意"}),
    ("G221", "D14", None, {"D14": "逐步增加"}),  # a quantity in words: anything met it
    ("G221", "D16", None, {"D16": "按合同约定"}),  # a rate in words (事故发生率): anything met it
    ("G222", "D14", None, {"D14": "2000-2200人"}),  # a range: as words anything met it (no finding); now ≥2000人
    ("G223", "D17", rows_with(3, name="补助资金拨付时限", target="30天", actual="25天"), None),  # read as ≤30天
    ("G201", "D14", None, {"D14": "≥上年"}),  # a bound with no number
    ("G203", "A13", replace(CLEAN, rows=[*CLEAN.rows[:6], replace(CLEAN.rows[6], level1="效益指标",
                                                                  level2="社会效益指标", name="带动志愿服务人次",
                                                                  target="≥100人次", actual="120人次")]), None),
    ("G204", "A13", replace(CLEAN, rows=[r for r in CLEAN.rows if r.level1 != "效益指标"]), None),
    ("G205", "B16", rows_with(2, name="月报按时报送率", target="=100%", actual="100%"), None),
    ("G205", "B16", rows_with(2, name="维修响应时间", target="≤24小时", actual="12小时"), None),  # how soon
    ("G206", "B15", rows_with(1, name="人均服务费用", target="≤500元", actual="480元"), None),
    ("G207", "C15", rows_with(1, name="讲座"), None),
    ("G207", "C16", None, {"C16": "质量指标"}),  # the level-2 name copied: says nothing of what is measured
    ("G208", "F13", None, {"F14": 25, "G14": 25}),
    ("G209", "B12", None, {"B12": "做好养老服务。"}),
    ("A301", "C7", None, {"C8": 450}),
    ("A301", "E27", replace(CLEAN, line_items=[*CLEAN.line_items, ("合计", None, 500, 290, 470)]), None),
    ("A302", "E7", None, {"E7": 520, "E8": 500}),
    ("A303", "G7", None, {"G7": 0.95}),
    ("A304", "G14", None, {"G14": 25}),
    ("A305", "G15", None, {"G15": 8}),
    ("A305", "H7", None, {"H7": 10}),
    ("A305", "G21", None, {"G21": 100}),
    ("A305", "G20", None, {"D20": "老人满意度≥96%"}),
    ("A305", "G14", None, {"E14": "1900人", "G14": "满分", "H14": "未达标"}),  # 满分 is the weight claimed: 19.00
    ("A305", "G15", None, {"G15": "8/10"}),  # 8 points of 10 written so; computed 10.00 (it was no score, A326)
    ("G220", "D14", None, {"D14": "服务老人2100人"}),  # a sentence: 2050人 scores 19.52, not the written 20
    ("A305", "G14", None, {"D14": "服务老人2100人"}),  # 95% scores 9.90, not the written 10 (it was a word)
    ("A306", "B22", None, {"B22": "良"}),
    ("A307", "H14", None, {"E14": "1900人", "G14": 19}),
    ("A308", "E15", None, {"E15": None}),
    ("A308", "E18", None, {"E18": None}),  # a qualitative row's too, though its score is written
    ("A309", "D25", None, {"D25": 320, "E25": 300}),
    ("A310", "E25", None, {"E25": 295}),
    ("A310", "E25", None, {"E25": "¥295"}),  # a currency sign: it was no amount, and the overspending unseen
    ("A302", "E26", None, {"D26": 0, "E26": 205}),  # a contract of 0 is none: over the budget (it was A310, 205 > 0)
    ("A312", "E15", None, {"E15": "30场"}),
    ("A313", "G18", None, {"E18": "部分达成", "G18": 20}),
    ("A315", "E14", None, {"E14": "已完成"}),
    ("A316", "E15", None, {"E15": "24人次"}),
    ("A339", "E12", None, {"E12": "服务老人1800名，开展讲座24场，满意度95%。"}),
    ("G226", "A16", None, {"C16": "服务对象满意度", "D16": "≥90%", "E16": "95%"}),
    ("G227", "C19", None, {"C19": "培训农民人数", "D19": "≥500人", "E19": "520人"}),
    ("A328", "E14", None, {"E14": "95%"}),  # a share of ≥2000人: 1900人 (compared as 95 against 2000, it was 0.95 of 20)
    ("A329", "E17", rows_with(3, level1="成本指标", level2="经济成本指标", name="护理服务采购成本",
                              target="≤300万元", actual=2850000), None),  # 元 typed in a 万元 row: it scored 0
    ("A329", "E14", None, {"E14": "19人"}),  # a hundredth of ≥2000人
    ("A317", "E12", None, {"E7": 440, "E8": 440}),
    # a template's fill-in prompt left in the cell: nothing filled in (they passed as written)
    ("S101", "B4", None, {"B4": "（填写项目全称）"}),
    ("S103", "D14", None, {"D14": "填写指标值"}),
    ("A308", "E14", None, {"E14": "（请填写实际完成值）"}),
    ("A307", "H14", None, {"E14": "1900人", "G14": 19, "H14": "请在此填写偏差原因"}),
    ("A332", "E14", None, {"E14": "不适用"}),  # it was judged achieved: full marks for an indicator left unevaluated
    ("A332", "E18", None, {"E18": "（不涉及）"}),  # a qualitative row likewise
    ("A305", "G17", None, {"D17": "12.31前", "E17": "2024.1.5"}),  # the year's 12.31: late (it was a number, met)
    ("A333", "E20", None, {"E20": 4.8}),  # a 5-point survey's 4.8 against ≥90%: scored as 4.8 %, and fix wrote 0.53
    # 2023.10 typed in a General cell is kept as 2023.1 (January): on time, where October is late
    ("A334", "E17", rows_with(3, name="补助资金拨付完成时间", target="2023年9月30日前", actual=2023.1), None),
    ("A336", "E12", None, {"E12": None}),  # the achievement of the annual goal left empty: nothing said
    # under another heading (目标完成情况, 实际完成): it was no goal text, and nothing was said
    ("A336", "E12", None, {"E12": None, "E11": "目标完成情况"}),
    ("A336", "E12", None, {"E12": None, "B11": "年度预期目标", "E11": "实际完成"}),
    ("A336", "E12", None, {"E12": "按计划完成"}),  # done, but what?
    # a deadline of 2023 met in 2022: on time and full marks, while the year is mistyped or last year's
    ("A337", "E17", rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual="2022年6月20日"), None),
    ("A335", "E20", None, {"E20": "接近90%"}),  # short of ≥90%, by how much unsaid: it was 90 %, full marks
    ("A301", "F21", None, {"F21": 95}),  # the 总分 row's 分值 95, the weights 100 (10 + 90: no G208; 90 is right too)
    ("A338", "E26", None, {"E26": 185}),  # the items spent 470 of the year's 480: one left out?
    ("A338", "C26", None, {"C26": 210}),  # budgets of 510 against the year's 500 (spent still 480)
    ("G225", "D18", None, {"D18": "不涉及", "E18": "不涉及"}),  # declared not to apply, yet 20 points: it took them
    ("A331", "E7", None, {"E7": "约480万"}),  # no amount: no execution score, nothing said at the cell
    ("A331", "E7", None, {"E7": None, "E8": None}),  # spending left empty, no parts to add up
    ("A321", "E20", None, {"E20": "105%"}),  # 老人满意度 above 100 %
    ("G212", "A20", None, {"F20": 5, "F14": 25}),  # 满意度 5 of the principle's 10
    ("G214", "D17", None, {"D17": "2022年6月30日前", "E17": "2023年6月20日"}),  # last year's date left
    ("G211", "D20", None, {"D20": "≥950%"}),
    ("G215", "D20", None, {"D20": "≤90%"}),  # 老人满意度 with ≤: 95 % scored below the weight
    ("G215", "D16", None, {"D16": "≥1%"}),  # 事故发生率 with ≥: no accident scored 0
    ("G215", "D14", None, {"D14": "≤2000人"}),  # a count delivered (数量指标) with ≤: 2050 served scored 19.51
    ("G216", "D17", rows_with(3, level1="成本指标", level2="经济成本指标", name="护理服务采购成本",
                              target="≤3000000万元", actual="2850000万元"), None),  # yuan typed as 万元
    ("G217", "D15", None, {"D15": "≥0场"}),  # met whatever happens
    ("G217", "D15", None, {"D15": "≥-5场"}),  # a count below nothing: met whatever happens too
    ("G219", "A14", rows_with(3, level2="质量指标"), None),  # 补助资金按时拨付率 moved: no 时效指标 left
    ("A322", "E14", None, {"E14": "≥2000人"}),  # the target copied into the actual column
    ("A322", "E17", rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual="2023年6月30日前"), None),
    ("A327", "E17", rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual="按期完成"), None),
    ("A305", "G17", rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual=20230705), None),  # late
    ("G229", "D14", None, {"C14": "服务老人覆盖率"}),  # a rate counted in people (≥2000人)
    ("G229", "D15", None, {"D15": "100%", "E15": "100%"}),  # 开展健康讲座场次 as a share
    ("A341", "E7", None, {"E7": "96%", "E8": "96%"}),  # the rate typed as the spending
    ("A342", "D7", None, {"D7": -500, "D8": -500}),  # a minus sign slipped into an amount
    ("A344", "D7", None, {"D7": 5000000, "D8": 5000000}),  # 元 typed in a 万元 column: 480 of it is 0.01 %
    ("A346", "E7", None, {"E7": 0, "E8": 0}),  # spending of 0 beside an execution score of 9.6
    ("A345", "G21", None, {"A21": None, "F21": None, "G21": None}),  # the 总分 row cleared: no total stated
    ("G231", "B17", None, {"C17": "培训人数", "D17": "≥500人", "E17": "520人"}),  # a count under 时效指标
    ("G232", "B15", None, {"C15": "项目完成时间", "D15": "≤30天", "E15": "28天"}),  # a deadline under 数量指标
    ("A342", "E25", None, {"E25": -300}),  # a line item's budget
    ("S112", "F16", None, {"F16": -10}),  # a minus sign: "full marks -10" off the total
    ("S112", "F16", None, {"F16": 0}),  # a row that counts for nothing
    # a funds column whose header states its reckoning in letters: 500 - 480 is 20
    ("A343", "I7", None, {"D6": "全年预算数（A）", "E6": "全年执行数（B）", "I6": "结余金额（C=A-B）", "I7": 30}),
]


@pytest.mark.parametrize(("code", "cell", "sample", "edits"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_code_triggers_at_its_cell(tmp_path, code, cell, sample, edits):
    path = write(tmp_path, sample or CLEAN, edits)
    got = findings(path)
    assert (code, cell) in got, got


def test_every_code_is_tested():
    from tests.test_monitor import CASES as MONITOR_CASES

    tested = {c[0] for c in CASES} | {c[0] for c in MONITOR_CASES} | {"S105", "S113", "A340", "G230", "A311", "G201", "A314", "M408", "A318", "A319", "A320", "G213",
                                                                      "G210", "S106", "S107", "S108", "A323", "G218", "A324", "S109", "S110", "A325", "A326",
                                                                      "A330", "G224", "S111", "A332", "G228"}
    assert tested == set(CATALOGUE)


def test_unknown_table_is_s105(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "名单"
    wb.active.append(["姓名", "电话"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    report = validate_file(path)
    assert [(f.code, f.sheet, f.cell) for f in report.findings] == [("S105", "名单", "A1")]
    assert "一级指标" in report.findings[0].message()


def test_a_declared_target_written_as_a_sentence_is_g220(tmp_path):
    """培训2000人 in a declaration cannot be assessed as it stands; 达到国家2级标准 is no count."""
    from xltools.samples import write_sample

    rows = [replace(r, actual="", score=None) for r in CLEAN.rows]
    rows[0] = replace(rows[0], target="服务老人2000人")
    rows[1] = replace(rows[1], target="达到国家2级标准")
    path = tmp_path / "目标.xlsx"
    write_sample(replace(GOALS, rows=rows), path, LAYOUT)
    (g220,) = [f for f in validate_file(path).findings if f.code == "G220"]
    assert (g220.cell, g220.message(), g220.suggestion()) == (
        "D12", "「服务老人人数」的指标值「服务老人2000人」是一句话，不是带运算符号的数值，无法据以考核",
        "写成「≥2000人」「2000人」这样的数值，指标内容写在三级指标名称中")


def test_unparsable_quantitative_target_is_g201(tmp_path):
    sample = rows_with(0, target="较多", direction="≥")
    path = tmp_path / "x.xlsx"
    from xltools.samples import write_sample

    write_sample(sample, path, Layout(merge_level1=False, direction_column=True))
    got = findings(str(path))
    assert ("G201", "E14") in got  # the target column moved right of the 指标性质 column


def test_other_quantitative_needs_its_explanation(tmp_path):
    # 指标性质「定量（其他）」: a value that needs a written note (domain.md §2), in 指标解释 or 备注
    from xltools.samples import write_sample

    path = tmp_path / "g210.xlsx"
    write_sample(rows_with(1, direction="定量（其他）", target="24场"), path,
                 Layout(merge_level1=False, direction_column=True))
    assert findings(str(path)) == [("G210", "D15")]  # no explanation column: the 指标性质 cell
    wb = openpyxl.load_workbook(path)
    wb.active["J13"], wb.active["J15"] = "备注", "按当年实际举办场次计"
    wb.save(path)
    assert findings(str(path)) == []
    wb.active["J15"] = None
    wb.save(path)
    assert findings(str(path)) == [("G210", "J15")]


def test_a_bounded_number_marked_qualitative(tmp_path):
    """指标性质 定性 beside ``2000人``: scored by its written 20 whatever the actual (1900人); the
    finding says the number is never compared. A word target marked 定性 is as it should be."""
    from xltools.samples import write_sample

    path = tmp_path / "g228.xlsx"
    write_sample(rows_with(0, direction="定性", actual="1900人"), path, Layout(merge_level1=False, direction_column=True))
    got = [f for f in validate_file(str(path)).findings if f.code == "G228"]
    assert [(f.cell, f.message()) for f in got] == [
        ("D14", "「服务老人人数」指标性质为「定性」，指标值「2000人」却是数值：按定性计分，实际完成值没有与它比较")]
    assert score_file(str(path))[0].rows[1].score == 20  # as qualitative, its written score
    words = tmp_path / "words.xlsx"
    write_sample(rows_with(4, direction="定性"), words, Layout(merge_level1=False, direction_column=True))
    assert [f for f in validate_file(str(words)).findings if f.code == "G228"] == []


@pytest.mark.parametrize(("total", "fiscal", "other"), [
    ("年度资金总额", "其中：财政拨款", "其他资金"), ("年度资金总额", "其中：财政资金", "其他资金"),
    ("年度资金总额", "其中：财政拨款", "其中：自筹资金"), ("年度资金总额", "当年财政资金", "单位资金"),
    ("本年度资金总额", "其中：财政拨款", "其他来源"), ("年度预算资金总额", "其中：财政拨款资金", "其他资金"),
    ("当年资金总额", "财政拨款资金", "其中：其他资金"), ("年度资金", "其中：财政性资金", "自筹资金")])
def test_a_declarations_funds_by_other_names_add_up(tmp_path, total, fiscal, other):
    """年度资金总额 500 = 财政资金 400 + 自筹资金 50 was not checked: the two were no amounts the
    reader knew (only 财政拨款 and 其他资金), so A301 had nothing to add. So were 本年度资金总额,
    其中：财政拨款资金, 其他来源 …"""
    path = write(tmp_path, replace(GOALS, amounts=[(total, 500), (fiscal, 400), (other, 50)]))
    assert findings(path) == [("A301", "B6")]


def test_a_declarations_funds_by_budget_are_not_one_appropriation(tmp_path):
    """其中：一般公共预算 300 / 政府性基金 100 / 其他资金 100 make the 500: no field takes 一般公共预算 for the
    whole appropriation (300 + 100 would be "not 500")."""
    amounts = [("年度资金总额", 500), ("其中：一般公共预算", 300), ("政府性基金", 100), ("其他资金", 100)]
    assert findings(write(tmp_path, replace(GOALS, amounts=amounts)), select={"A301"}) == []


def test_a_name_with_a_full_stop_is_the_declared_name(tmp_path):
    """``开展健康讲座场次。`` is the declared ``开展健康讲座场次``: A311 found it missing and new."""
    from xltools.api import read_goals

    goals = read_goals(write(tmp_path, GOALS, {"C12": "服务老人人数；"}, name="目标.xlsx"))
    assert findings(write(tmp_path, CLEAN, {"C15": "开展健康讲座场次。"}), goals=goals) == []


def test_a_declared_indicator_renamed_is_said_once_and_compared(tmp_path):
    """服务老人数量 for the declared 服务老人人数 was two findings — "missing" at the project name and
    "not declared" — and its target (≥1800人 for ≥2000人) was compared with nothing. It is one
    indicator renamed; a name unlike any declared one (培训场次) is still missing and new."""
    from xltools.api import read_goals

    goals = read_goals(write(tmp_path, GOALS, name="目标.xlsx"))
    path = write(tmp_path, CLEAN, {"C14": "服务老人数量", "D14": "≥1800人"})
    got = [(f.code, f.cell, f.message()) for f in validate_file(path, goals=goals).findings if f.code == "A311"]
    assert got == [
        ("A311", "C14", "与绩效目标申报表「目标.xlsx」不一致：「服务老人数量」与申报的指标「服务老人人数」（目标申报表!C12）名称不同"),
        ("A311", "D14", "与绩效目标申报表「目标.xlsx」不一致：「服务老人数量」指标值「≥1800人」与申报的「≥2000人」不同")]
    other = write(tmp_path, CLEAN, {"C14": "培训场次"}, name="other.xlsx")
    assert findings(other, goals=goals) == [("A311", "C13"), ("A311", "C14")]


def test_renames_are_not_sought_among_thousands(tmp_path):
    """Pairing every missing name with every new one is quadratic: 2,000 rows each (a hostile pair in a
    batch) would take about a minute (500 each: 3.7 s). Past 10,000 pairs no rename is sought."""
    from xltools.api import read_goals

    rows = [Row("产出指标", "数量指标", f"服务老人人数{i}", "≥2000人", "2000人", 1, 1) for i in range(101)]
    grows = [replace(r, name=f"服务老年人数量{i}", actual="", score=None) for i, r in enumerate(rows)]
    goals = read_goals(write(tmp_path, replace(GOALS, rows=grows), name="目标.xlsx"))
    report = validate_file(write(tmp_path, replace(CLEAN, rows=rows, total=None, grade="")), goals=goals)
    details = [str(f.params["detail"]) for f in report.findings if f.code == "A311"]
    assert (sum("在本表中缺失" in d for d in details), sum("不在绩效目标申报表中" in d for d in details)) == (101, 101)
    assert not any("名称不同" in d for d in details)


def test_selfeval_against_declared_goals(tmp_path):
    gpath = write(tmp_path, GOALS, name="目标.xlsx")
    spath = write(tmp_path, CLEAN, {"D14": "≥1800人", "C15": "开展健康讲座次数"})
    from xltools.api import read_goals

    got = [(f.code, f.cell, f.value) for f in validate_file(spath, goals=read_goals(gpath)).findings
           if f.code == "A311"]
    assert got == [("A311", "D14", "≥1800人"), ("A311", "C15", "开展健康讲座次数")]  # (场次 renamed 次数: once)
    assert findings(write(tmp_path, CLEAN, name="same.xlsx"), goals=read_goals(gpath)) == []
    # the same target in a convertible unit is the same target; another unit is not
    spath = write(tmp_path, CLEAN, {"D14": "≥0.2万人", "D15": "≥24人次"}, name="units.xlsx")
    got = [(f.code, f.cell) for f in validate_file(spath, goals=read_goals(gpath)).findings]
    assert got == [("A311", "D15"), ("A316", "E15")]
    # the target named by its indicator is the same target (it was a word: a difference, A311)
    spath = write(tmp_path, CLEAN, {"D20": "老人满意度≥90%"}, name="named.xlsx")
    assert findings(spath, goals=read_goals(gpath)) == []
    # a declared target left empty is the declaration's S103, not a difference to "correct" to nothing
    empty = write(tmp_path, GOALS, {"D14": None}, name="目标空.xlsx")
    assert findings(write(tmp_path, CLEAN, name="s2.xlsx"), goals=read_goals(empty)) == []


@pytest.mark.parametrize(("edits", "found"), [
    ({"B16": "时效指标"}, [("A311", "B16", "「服务安全事故发生率」在本表归于「时效指标」，申报时归于「质量指标」")]),
    ({"B16": "质量"}, []),  # (the same category, spelt short)
    ({"B16": "（2）质量指标"}, []),
])
def test_an_indicator_filed_under_another_category_than_declared(tmp_path, edits, found):
    """服务安全事故发生率 declared under 质量指标 and reported under 时效指标: the indicator system differs
    from the declaration, which A311 compared by name, target and weight only."""
    from xltools.api import read_goals

    goals = read_goals(write(tmp_path, GOALS, name="目标.xlsx"))
    report = validate_file(write(tmp_path, CLEAN, edits), goals=goals)
    assert [(f.code, f.cell, str(f.params["detail"])) for f in report.findings if f.code == "A311"] == found


def test_the_declared_goals_may_be_given_by_path(tmp_path):
    """``validate_file(path, goals="目标.xlsx")`` — the library's natural call, as ``--goals`` takes
    it — ended in an AttributeError (``'str' object has no attribute 'source'``); it reads the
    declaration, and a workbook that holds none is refused as the command line refuses it."""
    from xltools.errors import XltoolsError

    gpath = write(tmp_path, GOALS, name="目标.xlsx")
    spath = write(tmp_path, CLEAN, {"D14": "≥1800人"})
    assert [c for c in findings(spath, goals=gpath) if c[0] == "A311"] == [("A311", "D14")]
    with pytest.raises(XltoolsError, match="不是绩效目标申报表"):
        validate_file(spath, goals=spath)


@pytest.mark.parametrize(("name", "actual", "expected"), [
    # an indicator named after a figure the funds give (480 of 500: 96 %): its actual is that figure
    ("预算执行率", "98%", [("A303", "E17", "98%")]),
    ("资金执行率", "95.5%", [("A303", "E17", "95.5%")]),
    ("预算执行率", "96%", []), ("预算执行率", 0.96, []), ("预算执行率", "96.0%", []),  # to the shown precision
    ("政府采购执行率", "98%", []),  # another figure
    # a project's 结余率 is the budget left unspent: 20 of 500, 4 %
    ("资金结余率", "3%", [("A303", "E17", "3%")]), ("资金结余率", "4%", []), ("结余率", 0.04, []),
    # a name that states how the figure is worked out is named by what comes before its =, or its bracket
    ("预算执行率=全年执行数/全年预算数×100%", "98%", [("A303", "E17", "98%")]),
    ("资金结余率（结余数/预算数）", "3%", [("A303", "E17", "3%")]),
])
def test_an_indicator_named_after_a_figure_is_that_figure(tmp_path, name, actual, expected):
    path = write(tmp_path, rows_with(3, name=name, target="≥95%", actual=actual))
    assert [(f.code, f.cell, f.value) for f in validate_file(path, select={"A303"}).findings] == expected


def test_a_departments_figures_named_as_indicators(tmp_path):
    """结转结余率 172.89 of 5333.85 is 3.24 %, 预决算差异率 |5169.66 − 5029.86| of 5029.86 2.78 %."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["部门整体自评表.xlsx"]
    rows = list(sample.rows)
    rows[2] = replace(rows[2], name="结转结余率", target="≤5%", actual="5.5%")
    rows[3] = replace(rows[3], name="预决算差异率", target="≤5%", actual="2.78%")
    path = tmp_path / "部门.xlsx"
    write_sample(replace(sample, rows=rows), path, layout)
    report = validate_file(path, select={"A303"})
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A303", "E14", "填写的「结转结余率」实际完成值 5.5% 与计算值 3.24% 不符")]
    # a department's 结余 holds other years' carry-overs: its 结余率 is not 1 − 96.92 %
    rows[2] = replace(rows[2], name="资金结余率", target="≤5%", actual="5.5%")
    write_sample(replace(sample, rows=rows), path, layout)
    assert validate_file(path, select={"A303"}).findings == []


def test_a_declared_change_is_kept_to_its_way(tmp_path):
    """A declared rise of 10 % is the same target however its base is named, and a fall of 10 %
    is another target (A311); both were words, compared letter by letter."""
    from xltools.api import read_goals

    rows = list(GOALS.rows)
    rows[0] = replace(rows[0], name="服务老人人次增长", target="较上年增长10%")
    goals = read_goals(write(tmp_path, replace(GOALS, rows=rows), name="目标.xlsx"))
    same = {"C14": "服务老人人次增长", "D14": "同比增长10%", "E14": "增长10%"}
    assert findings(write(tmp_path, CLEAN, same, name="a.xlsx"), goals=goals, select={"A311"}) == []
    other = write(tmp_path, CLEAN, {**same, "D14": "较上年下降10%"}, name="b.xlsx")
    assert [(f.code, f.cell, f.value) for f in validate_file(other, goals=goals, select={"A311"}).findings] == [
        ("A311", "D14", "下降10%")]


def test_initial_budget_and_expected_goal_against_the_declaration(tmp_path):
    from xltools.api import read_goals

    goals = read_goals(write(tmp_path, GOALS, name="目标.xlsx"))
    codes = {"A319", "A320"}
    # a budget adjusted during the year is 全年预算数; the initial budget stays the declared one
    adjusted = {"D7": 520, "D8": 520}
    assert findings(write(tmp_path, CLEAN, adjusted, name="a.xlsx"), goals=goals, select=codes) == []
    # punctuation, spaces and full-width forms do not make another goal
    same = {"B12": "全年为辖区 2000 名老人提供日间照料服务,开展健康讲座 24 场；老人满意度达到90%以上"}
    assert findings(write(tmp_path, CLEAN, same, name="b.xlsx"), goals=goals, select=codes) == []
    other = {"C7": 520, "C8": 520, "B12": "全年为辖区2000名老人提供日间照料服务。"}
    report = validate_file(write(tmp_path, CLEAN, other, name="c.xlsx"), goals=goals, select=codes)
    assert [(f.code, f.cell, f.value) for f in report.findings] == [
        ("A319", "C7", 520), ("A319", "C8", 520), ("A320", "B12", "全年为辖区2000名老人提供日间照料服务。")]
    assert [f.message() for f in report.findings][1:] == [
        "财政拨款的年初预算数 520 与绩效目标申报表「目标.xlsx」的 500 不一致",
        "年度总体目标的预期目标与绩效目标申报表「目标.xlsx」的年度目标不一致"]
    assert report.findings[2].suggestion() == f"照录申报的年度目标：「{CLEAN.annual_goal}」"
    # without a declaration there is nothing to compare
    assert findings(write(tmp_path, CLEAN, other, name="d.xlsx"), select=codes) == []
    # a report kept in 元 (its own form, or a system's export) states the declared 500 万元 as 5,000,000
    in_yuan = {"H3": "单位：元", "A6": "项目资金（元）", "C7": 5_000_000, "D7": 5_000_000, "E7": 4_800_000,
               "C8": 5_000_000, "D8": 5_000_000, "E8": 4_800_000}
    assert findings(write(tmp_path, CLEAN, in_yuan, name="e.xlsx"), goals=goals, select=codes) == []
    in_yuan.update({"C7": 5_200_000, "C8": 5_200_000})
    assert [f.cell for f in validate_file(write(tmp_path, CLEAN, in_yuan, name="f.xlsx"), goals=goals,
                                          select=codes).findings] == ["C7", "C8"]


def test_deadlines_in_a_workbook(tmp_path):
    """Row 17 (补助资金按时拨付率) becomes a deadline: as text, then as date cells."""
    import datetime

    from xltools.api import read_goals, score_file

    late = {"C17": "补助资金拨付时间", "D17": "2023年6月30日前", "E17": "2023年7月15日"}
    path = write(tmp_path, CLEAN, late, name="a.xlsx")
    row = score_file(path)[0].rows[4]
    assert (row.score, row.explain()) == (0.0, "实际 2023年7月15日，目标 2023年6月30日前：未按期完成（相差 15 天），按 0.00% × 10 = 0.00")
    assert findings(path) == [("A305", "G17"), ("A307", "H17"), ("A305", "G21"), ("A306", "B22")]
    # date cells (as Excel stores a typed date) read as the same deadline; on time scores the weight
    cells = {"C17": "补助资金拨付时间", "D17": datetime.date(2023, 6, 30), "E17": datetime.date(2023, 6, 20)}
    path = write(tmp_path, CLEAN, cells, name="b.xlsx")
    assert score_file(path)[0].rows[4].explain() == "实际 2023年6月20日，目标 2023年6月30日：按期完成，得满分 10.00"
    assert findings(path) == []
    # the declared deadline, written another way, is the same target (A311)
    rows = list(GOALS.rows)
    rows[3] = replace(rows[3], name="补助资金拨付时间", target="2023年6月30日前")
    goals = read_goals(write(tmp_path, replace(GOALS, rows=rows), name="目标.xlsx"))
    assert findings(path, goals=goals, select={"A311"}) == []
    rows[3] = replace(rows[3], target="2023年5月31日前")
    goals = read_goals(write(tmp_path, replace(GOALS, rows=rows), name="目标2.xlsx"))
    assert findings(path, goals=goals, select={"A311"}) == [("A311", "D17")]
    # dates in the table's year (2023), or without a year, are no G214
    assert findings(path, select={"G214"}) == []
    no_year = write(tmp_path, CLEAN, {**late, "D17": "6月30日前"}, name="c.xlsx")
    assert findings(no_year, select={"G214"}) == []
    # a date in one and the same day's serial number in the other (as our templates hand dates over)
    from xltools.rules.arithmetic import _same_target
    from xltools.values import parse_value

    declared, serial = goals.indicators[3], replace(goals.indicators[3], target=parse_value(45077))  # 2023-05-31
    assert _same_target(serial, declared) and not _same_target(replace(serial, target=parse_value(45078)), declared)


def test_a_placeholder_is_no_reason(tmp_path):
    """无, a slash or 无偏差 in 偏差原因 holds the place of a reason without giving one (A307, A317)."""
    under = {"E14": "1800人", "G14": 18}  # 服务老人人数 short of its target
    for k, said in enumerate(["无", " / ", "无偏差", "N/A", "—"]):
        path = write(tmp_path, CLEAN, {**under, "H14": said}, name=f"p{k}.xlsx")
        assert findings(path, select={"A307"}) == [("A307", "H14")], said
    assert findings(write(tmp_path, CLEAN, {**under, "H14": "无法入户的老人200名"}, name="q.xlsx"), select={"A307"}) == []
    low = {"E7": 440, "E8": 440, "G14": 20, "I6": "说明", "I7": "无"}  # 88 % with a 说明 column saying nothing
    assert findings(write(tmp_path, CLEAN, low, name="r.xlsx"), select={"A317"}) == [("A317", "I7")]


def test_level1_weights_as_strictly_as_the_rule_set_says(tmp_path):
    moved = {"F20": 5, "G20": 5, "F14": 25, "G14": 25}  # 满意度 5, 产出 55: the total is still 100
    codes = {"G212", "G213"}
    report = validate_file(write(tmp_path, CLEAN, moved, name="a.xlsx"), select=codes)
    assert [(f.code, f.cell, f.severity, f.message()) for f in report.findings] == [
        ("G212", "A14", "info", "一级指标「产出指标」、「效益指标」分值合计 85，规则集的原则是 80"),
        ("G212", "A20", "info", "一级指标「满意度指标」分值合计 5，规则集的原则是 10")]
    # the usual moves are no findings: without a 满意度 row its 10 goes to 产出/效益; 产出 and 效益 trade
    assert findings(write(tmp_path, CLEAN, {"A20": "效益指标", "B20": "社会效益指标"}, name="b.xlsx"), select=codes) == []
    traded = {"F14": 10, "G14": 10, "F18": 30, "G18": 27}
    assert findings(write(tmp_path, CLEAN, traded, name="c.xlsx"), select=codes) == []
    # a province that requires the weights: an error; one that does not check: nothing
    for mode, expected in (("required", [("G213", "A14"), ("G213", "A20")]), ("off", [])):
        rules = tmp_path / f"{mode}.toml"
        rules.write_text(f'[selfeval]\nlevel1_weights = "{mode}"\n', encoding="utf-8")
        assert findings(write(tmp_path, CLEAN, moved, name=f"{mode}.xlsx"), rules=str(rules), select=codes) == expected
    from xltools.errors import RulesError
    from xltools.ruleset import load_rules

    bad = tmp_path / "bad.toml"
    bad.write_text('[selfeval]\nlevel1_weights = "strict"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="level1_weights"):
        load_rules(str(bad))


def test_rates_above_100_percent(tmp_path):
    codes = {"A321", "G211"}
    # a fraction beside a % target is read on its scale: 1.05 is 105 %
    assert findings(write(tmp_path, CLEAN, {"E20": 1.05}, name="a.xlsx"), select=codes) == [("A321", "E20")]
    assert findings(write(tmp_path, CLEAN, {"E20": "100%"}, name="b.xlsx"), select=codes) == []
    # a change may pass 100 %: 满意度提升率 120 % is not questioned
    rise = {"C20": "老人满意度提升率", "D20": "≥110%", "E20": "120%"}
    assert findings(write(tmp_path, CLEAN, rise, name="c.xlsx"), select=codes) == []
    # a rate that may pass 100 % by nature (服务安全事故发生率 is not bounded) and a count are not rates
    assert findings(write(tmp_path, CLEAN, {"E16": "120%", "E14": "2050%"}, name="d.xlsx"), select=codes) == []
    report = validate_file(write(tmp_path, CLEAN, {"E20": "105%"}, name="e.xlsx"), select=codes)
    assert [f.message() for f in report.findings] == ["「老人满意度」的实际完成值 105% 超过 100%，这类比率不会超过 100%"]


def test_execution_reason_wherever_the_table_gives_it(tmp_path):
    low = {"E7": 440, "E8": 440, "G14": 20}  # 440/500 = 88.00% < 90%: a reason is wanted (A317)
    assert findings(write(tmp_path, CLEAN, low, name="a.xlsx"), select={"A317"}) == [("A317", "E12")]
    assert findings(write(tmp_path, CLEAN, {"E7": 450, "E8": 450}, name="b.xlsx"), select={"A317"}) == []  # 90.00%
    said = {**low, "E12": "服务老人2050名；执行率88%，因护理服务合同尾款次年支付。"}
    assert findings(write(tmp_path, CLEAN, said, name="c.xlsx"), select={"A317"}) == []
    # a 说明 column of the funds block: read, and enough
    column = {**low, "I6": "说明", "I7": "护理合同按季度结算"}
    path = write(tmp_path, CLEAN, column, name="d.xlsx")
    assert findings(path, select={"A317"}) == []
    from xltools.api import read_workbook

    assert read_workbook(path).tables[0].funds.total().reason == "护理合同按季度结算"
    empty = {**low, "I6": "说明"}
    assert findings(write(tmp_path, CLEAN, empty, name="e.xlsx"), select={"A317"}) == [("A317", "I7")]


def test_every_expert_scores_every_row(tmp_path):
    from xltools.api import score_file
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]  # experts in F, G, H; rows 7-14

    def a318(edits, name):
        path = write(tmp_path, sample, edits, name=name, layout=layout)
        return [(f.cell, f.value, f.message()) for f in validate_file(path).findings if f.code == "A318"], path

    assert a318({}, "clean.xlsx")[0] == []
    got, path = a318({"G8": None, "G9": "四分", "F7": -1}, "a.xlsx")
    assert got == [("F7", -1, "「立项依据充分性」专家1的评分为负数 -1"), ("G8", None, "「绩效目标明确性」专家2的评分为空"),
                   ("G9", "四分", "「资金使用合规性」专家2的评分「四分」不是数值")]
    assert score_file(path)[0].rows[1].explain() == "专家平均 (4 + 4.36)/2 = 4.18"  # the mean of the scores given
    # a column no expert filled is room on the form, not a missing score
    assert a318({f"H{r}": None for r in range(7, 15)}, "two.xlsx")[0] == []


def test_a_score_written_as_a_share_of_its_weight(tmp_path):
    """An expert's ``90%`` (or a 平均得分 of ``85%``) on a row of 5 points: 4.5 (4.25), as 得分率 is
    written where the score belongs. It was 0.9: the row's mean 3.07 and A323 (experts far apart)."""
    from xltools.api import score_file
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]  # experts in F, G, H; 平均得分 in I; rows 7-14
    path = write(tmp_path, sample, {"F7": "90%", "I7": "85%"}, name="率.xlsx", layout=layout)
    row = score_file(path)[0].rows[0]
    assert (row.score, row.explain()) == (4.27, "专家平均 (4.5 + 4.2 + 4.1)/3 = 4.27")
    assert [(f.code, f.cell, f.value) for f in validate_file(path).findings] == [("A305", "I7", 4.25)]


def test_goals_folder_pairs_each_table_with_its_own_declaration(tmp_path):
    from click.testing import CliRunner

    from xltools.api import read_goals, validate_files
    from xltools.cli import cli

    folder = tmp_path / "申报"
    folder.mkdir()
    own = write(folder, GOALS, name="养老.xlsx")
    write(folder, replace(GOALS, project="另一个项目", rows=GOALS.rows[:3]), name="其他.xlsx")
    write(folder, CLEAN, name="一份自评表.xlsx")  # not a declaration: passed over
    changed = write(tmp_path, CLEAN, {"D14": "≥1800人"}, name="自评.xlsx")
    stranger = write(tmp_path, replace(CLEAN, project="没有申报的项目"), {"D14": "≥1800人"}, name="无申报.xlsx")
    report = validate_files([changed, stranger], goals_path=str(folder), select={"A311"})
    alone = validate_file(changed, goals=read_goals(own), select={"A311"})
    assert [(f.cell, f.message()) for f in report.files[0].findings] == [(f.cell, f.message()) for f in alone.findings]
    assert [f.message() for f in alone.findings] == ["与绩效目标申报表「养老.xlsx」不一致：「服务老人人数」指标值「≥1800人」与申报的「≥2000人」不同"]
    assert report.files[1].findings == []  # no declaration of that project in the folder
    assert (report.files[0].goals, report.files[1].goals) == ([own], [])  # said, in text and JSON
    write(folder, GOALS, name="养老（重复）.xlsx")  # two of one project and year: no guess
    assert validate_files([changed], goals_path=str(folder), select={"A311"}).files[0].findings == []
    (folder / "坏的.xlsx").write_bytes(b"PK\x03\x04broken")  # said on stderr, the rest still compared
    res = CliRunner().invoke(cli, ["validate", changed, "--goals", str(folder / ".."), "--select", "A311"])
    assert "坏的.xlsx 未能读取" in res.stderr and res.exit_code == 0
    empty = tmp_path / "空"
    empty.mkdir()
    res = CliRunner().invoke(cli, ["validate", changed, "--goals", str(empty)])
    assert res.exit_code == 2 and "没有绩效目标申报表" in res.stderr


def test_a_bracket_in_a_project_name_is_part_of_the_name(tmp_path):
    # 某工程（一期） and 某工程（二期） are two projects: their names were once compared as labels,
    # which drop a trailing bracket, so the two declarations were "ambiguous" and none was used
    from xltools.api import validate_files

    folder = tmp_path / "申报"
    folder.mkdir()
    write(folder, replace(GOALS, project="养老服务（一期）"), name="一期.xlsx")
    write(folder, replace(GOALS, project="养老服务（二期）", rows=GOALS.rows[:3]), name="二期.xlsx")
    first = write(tmp_path, replace(CLEAN, project="养老服务（一期）"), name="一期自评.xlsx")
    second = write(tmp_path, replace(CLEAN, project="养老服务 （二期）"), {"D14": "≥1800人"}, name="二期自评.xlsx")
    report = validate_files([first, second], goals_path=str(folder), select={"A311"})
    assert [f.message() for f in report.files[0].findings] == []
    assert [f.message() for f in report.files[1].findings][0] == (
        "与绩效目标申报表「二期.xlsx」不一致：「服务老人人数」指标值「≥1800人」与申报的「≥2000人」不同")


@pytest.mark.parametrize(("declared", "reported"), [
    ("社区养老服务中心运营补助项目", "社区养老服务中心运营补助"), ("社区养老服务中心运营补助", "社区养老服务中心运营补助项目"),
    ("2023年社区养老服务中心运营补助", "社区养老服务中心运营补助"), ("2023年度社区养老服务中心运营补助项目", "社区养老服务中心运营补助"),
    ("社区养老服务中心运营补助项目（2023年）", "社区养老服务中心运营补助"), ("社区养老服务中心运营补助", "社区养老服务中心运营补助(2023年度)"),
])
def test_a_declaration_is_found_under_its_name_with_a_year_or_项目(tmp_path, declared, reported):
    """A project declared as ``2023年…项目`` and reported on without the year or the 项目 (or the other way
    round) was "not declared": the changed target went unsaid — in ``validate --goals`` and in
    ``summarize``'s pairs alike."""
    import json

    from xltools.api import validate_files
    from xltools.summary import summarize

    folder = tmp_path / "申报"
    folder.mkdir()
    write(folder, replace(GOALS, project=declared), name="申报.xlsx")
    report = write(folder, replace(CLEAN, project=reported), {"D14": "≥1800人"}, name="自评.xlsx")
    found = validate_files([report], goals_path=str(folder), select={"A311"}).files[0].findings
    assert [(f.code, f.cell) for f in found] == [("A311", "D14")]
    problems = json.loads(summarize([str(folder)], fmt="json").text)["problems"]
    assert [(p["code"], p["cell"]) for p in problems if p["code"] == "A311"] == [("A311", "D14")]


@pytest.mark.parametrize("sub", ["预期目标", "计划目标", "绩效目标", "目标", "年初目标", "申报目标"])
def test_the_goal_texts_under_sub_headers_however_spelt(tmp_path, sub):
    """``年度总体目标 | 计划目标 | 实际完成情况`` over the two texts: the sub-header 计划目标 was read as the
    year's goal itself (G209 "计划目标" too short at B11, the goal below unread); 绩效目标 left the goal
    unread, silently. The text under the sub-header is the goal, and a one-liner there is G209."""
    assert findings(write(tmp_path, edits={"B11": sub}, name="a.xlsx")) == []
    assert findings(write(tmp_path, edits={"B11": sub, "B12": "开展服务。"}, name="b.xlsx")) == [("G209", "B12")]


@pytest.mark.parametrize("sub", ["实际完成情况", "执行情况", "实际执行情况", "年度完成情况", "完成结果", "实际达成情况",
                                 "实际情况", "完成情况说明", ("年初设定目标", "年度总体目标完成情况综述"), ("计划", "结果")])
def test_the_achieved_text_under_sub_headers_however_spelt(tmp_path, sub):
    """``预期目标 | 执行情况`` over the two texts: 执行情况 was read as the year's goal (G209 "too short"
    at E11) and what was achieved went unread, so a text at odds with the indicators (1500 served
    against 2050) passed (A339); 年度完成情况 left it unread, silently. Both sub-headers may be spelt as
    no label (``年初设定目标 | 年度总体目标完成情况综述``: the first was read as the goal, G209)."""
    heads = {"B11": sub[0], "E11": sub[1]} if isinstance(sub, tuple) else {"E11": sub}
    assert findings(write(tmp_path, edits=heads, name="a.xlsx")) == []
    odd = {**heads, "E12": "服务老人1500名，开展讲座24场，满意度95%。"}
    assert findings(write(tmp_path, edits=odd, name="b.xlsx")) == [("A339", "E12")]


@pytest.mark.parametrize(("midterm", "annual"), [
    ("中期目标", "年度目标"), ("实施期目标", "本年度目标"), ("中长期目标", "当年目标"), ("长期目标", "年度绩效目标"),
    ("实施期总体目标", "年度总体目标"), ("中期绩效目标", "年度绩效目标"), ("实施期绩效目标", "计划")])
def test_a_declarations_goal_texts_under_sub_headers_however_spelt(tmp_path, midterm, annual):
    """A declaration's ``总体目标 | 中期目标 | 年度目标`` as forms spell them: 本年度目标, 年度绩效目标,
    年度总体目标 (a sub-header here, not the block's label) left the year's goal unread, and 中期绩效目标
    was read as the year's goal itself (G209 at the sub-header)."""
    edits = {"B9": midterm, "E9": annual, "B10": "三年内为辖区6000名老人提供日间照料服务。"}
    path = write(tmp_path, GOALS, {**edits, "E10": "开展服务。"})
    assert findings(path) == [("G209", "E10")]
    [t] = read_workbook(path).tables
    assert {k: f.cell for k, f in t.goals_text.items()} == {"midterm_goal": "B10", "annual_goal": "E10"}


def test_cells_right_of_the_table_are_not_its_fields(tmp_path):
    # an unlabelled remark beside the table once stood in for every column the table lacks
    # (定性得分率 among them), so 0.5 in I18 scored the qualitative row at 50 %
    from xltools.api import score_file

    path = write(tmp_path, CLEAN, {"I18": 0.5, "I14": "备注：含线上"})
    row = next(r for r in score_file(path)[0].rows if r.name == "老人生活质量提升")
    assert (row.score, row.explain_key) == (18.0, "qual_written")
    assert findings(path) == []


def test_no_false_alarm_on_the_clean_findings_of_each_code(tmp_path):
    # the clean workbook triggers nothing: every code has its "does not trigger" case in it
    path = write(tmp_path)
    assert findings(path) == []
    assert findings(path, select={"A3"}) == []


def test_select_and_ignore(tmp_path):
    path = write(tmp_path, CLEAN, {"G15": 8, "B12": "做好养老服务。"})
    assert {c for c, _ in findings(path)} == {"A305", "G209"}
    assert {c for c, _ in findings(path, select={"A3"})} == {"A305"}
    assert {c for c, _ in findings(path, ignore={"A305"})} == {"G209"}


def test_finding_fields_and_messages(tmp_path):
    path = write(tmp_path, CLEAN, {"G15": 8})
    [f] = validate_file(path).findings
    d = f.to_dict()
    assert d == {"code": "A305", "severity": "error", "sheet": "绩效自评表", "cell": "G15", "value": 8,
                 "message": "填写的得分 8 与计算值 10.00 不符（实际 24场 ≥ 目标 24场，得满分 10.00）",
                 "suggestion": "改为 10.00"}
    en = f.to_dict("en")
    assert en["message"] == "written score 8 differs from computed 10.00 (actual 24场 ≥ target 24场: full 10.00)"
    assert en["suggestion"] == "change it to 10.00"


def _with_error_values(src, out, errors):
    """``src`` with the given cells turned into formula cells whose cached value is an error, as
    Excel saves ``=E7/D7`` when D7 is empty: ``<c r="G21" t="e"><f>…</f><v>#DIV/0!</v></c>``."""
    import re
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                for ref, value in errors.items():
                    cell = f'<c r="{ref}" t="e"><f>1/0</f><v>{value}</v></c>'.encode()
                    data, n = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', cell, data, count=1)
                    assert n == 1, ref
            zout.writestr(info, data)


def test_formula_error_values_are_a314_at_their_cells(tmp_path):
    """python-calamine reads an error cell as empty; the reader finds the error values itself."""
    src = write(tmp_path)
    out = tmp_path / "公式错误.xlsx"
    _with_error_values(src, out, {"G21": "#DIV/0!", "E7": "#REF!", "G14": "#N/A"})
    got = [(f.code, f.cell, f.value, f.message("zh")) for f in validate_file(str(out)).findings if f.code == "A314"]
    assert [g[:3] for g in got] == [("A314", "E7", "#REF!"), ("A314", "G14", "#N/A"), ("A314", "G21", "#DIV/0!")]
    assert got[2][3] == "单元格显示公式错误 #DIV/0!（除数为空或为 0）"
    assert ("A308", "E14") in findings(write(tmp_path, edits={"E14": None}, name="空.xlsx"))  # empty: A308 …
    _with_error_values(src, tmp_path / "实际值错误.xlsx", {"E14": "#VALUE!"})
    cells = {(f.code, f.cell) for f in validate_file(str(tmp_path / "实际值错误.xlsx")).findings}
    assert ("A314", "E14") in cells and ("A308", "E14") not in cells  # … one showing #VALUE! is A314 only
    assert not [f for f in validate_file(str(src)).findings if f.code == "A314"]  # the clean file has none


def test_error_values_read_as_text_from_excel_are_blanked_and_reported(tmp_path):
    """The xlwings path reads errors as text (err_to_str): they must not count as written answers."""
    from xltools.grid import Grid, parse_a1, take_errors
    from xltools.reading import load_grids, read_grids
    from xltools.rules import check_workbook
    from xltools.ruleset import load_rules

    grid = load_grids(write(tmp_path))[0]
    rows = [list(r) for r in grid.rows]
    r, c = parse_a1("E14")
    rows[r][c] = "#DIV/0!"  # an actual computed by a formula that failed
    errors = take_errors(rows)
    assert errors == {(r, c): "#DIV/0!"} and rows[r][c] == ""
    book = read_grids([Grid(grid.sheet, rows, grid.merged, errors=errors)], "excel")
    codes = {(f.code, f.cell) for f in check_workbook(book, load_rules(None))[0].findings}
    assert ("A314", "E14") in codes and ("A308", "E14") not in codes  # the error, not "no actual value"


@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_formula_errors_in_open_document_and_legacy_files(tmp_path, soffice, fmt):
    """An .ods keeps every sheet in content.xml (error cells found by walking the repeats); an .xls
    keeps them as FORMULA records with an error result (reading/xls.py)."""
    from .conftest import convert

    src = write(tmp_path)
    xlsx = tmp_path / "公式错误.xlsx"
    _with_error_values(src, xlsx, {"G21": "#DIV/0!", "E7": "#REF!", "G14": "#N/A"})
    converted = convert(soffice, str(xlsx), fmt, str(tmp_path / fmt))
    got = [(f.code, f.cell, f.value) for f in validate_file(converted).findings if f.code == "A314"]
    assert got == [("A314", "E7", "#DIV/0!"), ("A314", "G14", "#DIV/0!"), ("A314", "G21", "#DIV/0!")]  # =1/0 each
    assert not [f for f in validate_file(convert(soffice, src, fmt, str(tmp_path / "clean"))).findings
                if f.code == "A314"]


def test_g203_names_the_recipient_the_table_names_first(tmp_path):
    """社区养老 project whose goal also mentions 企业 (a supplier): the suggestion is about 老人."""
    rows = [*CLEAN.rows[:6], replace(CLEAN.rows[6], level1="效益指标", level2="社会效益指标", name="带动志愿服务人次",
                                     target="≥100人次", actual="120人次")]
    sample = replace(CLEAN, rows=rows, annual_goal="全年为辖区2000名老人提供日间照料服务，委托2家企业配送餐食，"
                                                  "开展健康讲座24场。")
    got = [f for f in validate_file(write(tmp_path, sample)).findings if f.code == "G203"]
    assert [(f.cell, f.params["who"]) for f in got] == [("A13", "老人")]
    assert got[0].suggestion() == "增加「满意度指标—服务对象满意度指标」，如「老人满意度 ≥90%」"


@pytest.mark.parametrize(("project", "goal", "who"), [
    ("残疾人康复补助", "全年为800名残疾人提供康复训练。", "残疾人"),
    ("老年人助餐服务", "全年为3000名老年人提供助餐服务。", "老年人"),
    ("公共图书馆免费开放", "全年接待读者20万人次，举办讲座50场。", "读者"),
    ("城乡低保资金", "按时足额发放低保金，保障困难家庭基本生活。", "低保"),
    ("基层医疗机构运行补助", "全年门诊就诊10万人次。", "就诊"),
])
def test_g203_knows_the_recipients_forms_name(tmp_path, project, goal, who):
    """A project serving 残疾人, 老年人 (not 老人 as written), 读者, 低保 families or patients (就诊) with no
    satisfaction indicator passed: G203 knew 老人, 群众, 患者 … only."""
    rows = [*CLEAN.rows[:6], replace(CLEAN.rows[6], level1="效益指标", level2="社会效益指标", name="服务覆盖率",
                                     target="≥95%", actual="96%")]
    sample = replace(CLEAN, project=project, rows=rows, annual_goal=goal, achieved=goal)
    got = [f for f in validate_file(write(tmp_path, sample)).findings if f.code == "G203"]
    assert [(f.cell, f.params["who"]) for f in got] == [("A13", who)]


def test_an_actual_written_as_a_target_is_scored_and_said(tmp_path):
    from xltools.api import score_file

    path = write(tmp_path, rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual="2023年6月30日前"),
                 {"E14": "不低于2000人"})
    got = [(f.cell, f.message(), f.suggestion()) for f in validate_file(path).findings if f.code == "A322"]
    assert got == [
        ("E14", "「服务老人人数」的实际完成值「不低于2000人」是指标值的写法（≥），不是实际达到的数值",
         "填写实际达到的数值（如「2000人」），不带 ≥、≤、不低于、前 等字样"),
        ("E17", "「补助资金拨付完成时间」的实际完成值「2023年6月30日前」是指标值的写法（≤），不是实际达到的日期",
         "填写实际达到的日期（如「2023年6月30日」），不带 ≥、≤、不低于、前 等字样")]
    scores = [r.score for r in score_file(path)[0].rows[1:5]]
    assert scores == [20, 10, 10, 10]  # still scored at the number and date written


@pytest.mark.parametrize(("name", "way"), [
    ("老人满意度", "more"), ("验收合格率", "more"), ("服务安全事故发生率", "less"), ("有效投诉次数", "less"),
    ("产品不合格率", "less"), ("群众不满意率", "less"), ("投诉办结率", "more"), ("满意度提升率", None),
    ("事故发生率下降幅度", None), ("事故应急演练次数", None), ("投诉渠道建设数量", None), ("服务老人人数", None)])
def test_what_a_name_says_about_its_direction(name, way):
    from xltools.rules import better_way, heuristics
    from xltools.ruleset import load_rules

    assert better_way(heuristics(load_rules(None)))(name) == way


def test_a_cost_target_above_the_funds(tmp_path):
    def g216(target, actual, **funds):
        sample = rows_with(3, level1="成本指标", level2="经济成本指标", name="护理服务采购成本", target=target, actual=actual)
        path = write(tmp_path, replace(sample, **funds) if funds else sample, name="c.xlsx")
        return [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "G216"]

    assert g216("≤6000000元", "5800000元") == [("D17", "成本指标「护理服务采购成本」的指标值 ≤6000000元（即 600 万元）超过项目资金 500 万元")]
    assert g216("≤300万元", "285万元") == []
    assert g216("≤5000000元", "4800000元") == []  # the whole budget, to the yuan
    assert g216("≤0.06亿元", "0.05亿元") == [("D17", "成本指标「护理服务采购成本」的指标值 ≤0.06亿元（即 600 万元）超过项目资金 500 万元")]
    assert g216("≤6000000元", "5800000元", funds=[]) == []  # no funds stated: nothing to compare with
    goals = replace(GOALS, rows=[replace(GOALS.rows[0], level1="成本指标", level2="经济成本指标", name="采购成本",
                                         target="≤600万元")] + GOALS.rows[1:])
    path = write(tmp_path, goals, name="g.xlsx")
    assert [f.message() for f in validate_file(path).findings if f.code == "G216"] == [
        "成本指标「采购成本」的指标值 ≤600万元超过项目资金 500 万元"]
    # funds kept in 元 (单位：元): the ceiling is still 500 万元, not five million of them
    sample = rows_with(3, level1="成本指标", level2="经济成本指标", name="护理服务采购成本", target="≤6000000元",
                       actual="5800000元")
    yuan = {"H3": "单位：元", "A6": "项目资金（元）", "C7": 5_000_000, "D7": 5_000_000, "E7": 4_800_000,
            "C8": 5_000_000, "D8": 5_000_000, "E8": 4_800_000}
    found = validate_file(write(tmp_path, sample, yuan, name="y.xlsx")).findings
    assert [f.message() for f in found if f.code == "G216"] == [
        "成本指标「护理服务采购成本」的指标值 ≤6000000元（即 600 万元）超过项目资金 500 万元"]


def test_another_years_table_only_where_the_batch_has_a_year():
    from xltools.batch import Copy, other_years

    def flagged(*tables):
        copies = [Copy(f"{k}.xlsx", "表", "B4", kind, f"项目{k}", year, year_cell="B6")
                  for k, (kind, year) in enumerate(tables)]
        return [(copies[i].path, f.cell, f.severity) for i, f in other_years(copies)]

    four = [("selfeval", "2023年度")] * 4
    assert flagged(*four, ("selfeval", "2022")) == [("4.xlsx", "B6", "info")]  # 4 of 5: 80 %
    assert flagged(*four, ("selfeval", "2022"), ("selfeval", "2021")) == []  # 4 of 6: no clear year
    assert flagged(*four[:3], ("selfeval", "2022")) == []  # four tables: too few to say
    assert flagged(*four, ("selfeval", "2023"), ("selfeval", "2022年")) == [("5.xlsx", "B6", "info")]
    # kinds apart: next year's declarations collected beside this year's self-evaluations
    assert flagged(*four, ("selfeval", "2023"), *[("goals", "2024")] * 5, ("goals", "")) == []


def test_copies_written_with_their_year_in_other_words_are_the_same_table():
    from xltools.batch import Copy, repeats

    copies = [Copy("a.xlsx", "表", "B4", "selfeval", "养老服务", "2023"),
              Copy("b.xlsx", "表", "B4", "selfeval", "养老服务 ", "2023年度"),
              Copy("c.xlsx", "表", "B4", "selfeval", "养老服务", "2022年度")]
    found = [(copies[i].path, f.message()) for i, f in repeats(copies)]
    assert found == [
        ("a.xlsx", "2023年度「养老服务」的项目支出绩效自评表在本批文件中出现 2 次（另见 b.xlsx「表」），汇总时会重复计入"),
        ("b.xlsx", "2023年度「养老服务 」的项目支出绩效自评表在本批文件中出现 2 次（另见 a.xlsx「表」），汇总时会重复计入")]


def test_nearest_names_of_the_same_year():
    from xltools.batch import nearest

    among = [("社区养老服务中心运营补助", "2023"), ("社区养老服务中心运营补助", "2022"), ("社区助餐服务补助", "")]
    assert nearest([("社区养老服务中心运营经费补助", "2022"), ("社区养老服务中心运营经费补助", ""),
                    ("社区助餐服务经费补助", "2024"), ("老年大学", "2023"), ("社区养老服务中心运营经费补助", "2021")],
                   among) == [1, 0, 2, None, None]


def test_monitoring_tables_of_other_months_are_two_reports():
    from xltools.batch import Copy, repeats

    def twice(*months):
        copies = [Copy(f"{k}.xlsx", "表", "B4", "monitor", "养老服务", "2023", period=m) for k, m in enumerate(months)]
        return [copies[i].path for i, _ in repeats(copies)]

    assert twice("6", "8") == []
    assert twice("6", "6", "8") == ["0.xlsx", "1.xlsx"]


def test_a_target_of_nothing_unless_it_holds_a_change(tmp_path):
    def g217(name, target):
        path = write(tmp_path, rows_with(1, name=name, target=target, actual="5%"), name="z.xlsx")
        return [f.message() for f in validate_file(path).findings if f.code == "G217"]

    assert g217("讲座覆盖率", ">0%") == ["「讲座覆盖率」的指标值 >0%：几乎任何结果都达标，无法考核"]
    assert g217("服务人数增长率", "≥0%") == []  # no decline: a target that can be missed
    assert g217("讲座覆盖率", "≥5%") == []


def test_experts_far_apart_on_a_row(tmp_path):
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]  # 资金使用合规性 (10 points) on row 9: experts F-H

    def a323(edits, rules=None):
        path = write(tmp_path, sample, edits, name="e.xlsx", layout=layout)
        return [(f.cell, f.message()) for f in validate_file(path, rules).findings if f.code == "A323"]

    assert a323({}) == []
    assert a323({"H9": 5}) == [("H9", "「资金使用合规性」各专家评分相差 4（5–9），超过分值 10 的 30.00%；专家3的 5 离其他专家最远")]
    assert a323({"H9": 6}) == []  # 3 apart: 30 % of 10, not more
    off = tmp_path / "off.toml"
    off.write_text("[evaluation]\nexpert_spread = 0\n", encoding="utf-8")
    assert a323({"H9": 5}, str(off)) == []


def test_a_table_copied_many_times_names_a_few_copies():
    from xltools.batch import Copy, repeats

    copies = [Copy(f"{k}.xlsx", "表", "B4", "selfeval", "养老服务", "2023") for k in range(6)]
    found = [f.message() for _, f in repeats(copies)]
    assert len(found) == 6
    assert found[0] == ("2023年度「养老服务」的项目支出绩效自评表在本批文件中出现 6 次（另见 1.xlsx「表」、2.xlsx「表」、"
                        "3.xlsx「表」 等 5 处），汇总时会重复计入")


def test_names_too_long_to_be_project_names_are_not_compared():
    # comparing two texts costs the square of their length: a hostile batch must not stall a summary
    from xltools.batch import LONGEST_NAME, Copy, unpaired

    def s108(length):
        name = "社区养老服务中心运营补助" * (length // 12 + 1)
        items = [Copy("g.xlsx", "表", "B4", "goals", name[:length], "2023"),
                 Copy("r.xlsx", "表", "B4", "selfeval", name[:length - 1] + "费", "2023")]
        return [i for i, _ in unpaired(items)]

    assert s108(LONGEST_NAME) == [1]
    assert s108(LONGEST_NAME + 1) == []


@pytest.mark.parametrize(("period", "expected"), [
    ("2024年1月-2024年12月", None),
    ("2021-2025年", None),  # a multi-year project, within it
    ("2023年1月-2023年12月", "项目计划期 2023年1月 至 2023年12月 在 2024 年度之前：项目已经结束"),  # last year's copied
    ("2024年12月31日至2024年1月1日", "项目计划期 2024年12月31日 至 2024年1月1日 早于计划开始日期"),
    ("2025-2026年", "项目计划期 2025 至 2026 （开始）在 2024 年度之后"),
    ("长期", None),
])
def test_a_planned_period_that_cannot_be_right(tmp_path, period, expected):
    from xltools.ruleset import load_rules
    from xltools.templates.builder import build_template

    wb, built = build_template("goals", load_rules(None))
    ws = wb[built.sheet]
    ws[built.cells["year"]], ws[built.cells["project"]], ws[built.cells["period"]] = 2024, "养老服务", period
    path = tmp_path / "申报.xlsx"
    wb.save(path)
    got = [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "G218"]
    assert got == ([] if expected is None else [(built.cells["period"], expected)])


@pytest.mark.parametrize("edits", [
    {"C6": "计划开始时间", "D6": "2022年1月", "C7": "计划结束日期", "D7": "2022年12月"},
    {"C6": "开始日期", "D6": "2022年1月", "C7": "结束日期", "D7": "2022年12月"},
    {"C6": "实施期限", "D6": "2021-2022年"},
    {"C6": "项目起止时间", "D6": "2021年1月至2022年12月"},
])
def test_a_planned_period_however_labelled(tmp_path, edits):
    """计划开始时间/计划结束日期, 实施期限, 项目起止时间: last year's period copied into a 2023 declaration
    passed (G218 knew 计划开始日期, 计划完成日期 and 项目期限 only)."""
    path = write(tmp_path, GOALS, edits)
    assert [c for c, _ in findings(path)] == ["G218"]


#: CLEAN's funds block replaced by its figures on one line, label beside value.
FUNDS_ON_A_LINE = {"A6": "全年预算数", "B6": 500, "C6": "全年执行数", "D6": 480, "E6": "执行率", "F6": 0.96, "G6": "执行率得分",
                   "H6": 9.6, **{f"{c}{r}": None for r in range(7, 11) for c in "BCDEFGH"}}


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"F6": "90%", "H6": 9}, [("A303", "F6"), ("A305", "H6")]),
    ({"D6": 600}, [("A302", "D6"), ("A303", "F6"), ("A305", "H6"), ("A338", "E26")]),  # (E26: the items' 480)
])
def test_a_projects_money_on_a_line_of_labels(tmp_path, edits, found):
    """A self-evaluation with no funds block, its money on a line (``全年预算数 | 500 | 全年执行数 | 480 |
    执行率 | 96%``): nothing was read — no execution score, 88.00 for 97.60 (A305, A306, "the weights
    add up to 90": A301) — and a wrong rate or execution score went unsaid. ``fix`` corrects them."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits={**FUNDS_ON_A_LINE, **edits})
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code != "A305" or f.cell != "G21"] == found
    if not edits:
        assert score_file(path)[0].total == 97.6
    if found[:1] == [("A303", "F6")]:
        fix_copy(path, tmp_path / "修正.xlsx")
        assert findings(str(tmp_path / "修正.xlsx")) == []


def test_a_bracket_added_or_left_out_is_a_near_name():
    from xltools.batch import Copy, unpaired

    items = [Copy("g.xlsx", "表", "B4", "goals", "养老服务（2023年）", "2023"),
             Copy("r.xlsx", "表", "B4", "selfeval", "养老服务", "2023"),
             Copy("g2.xlsx", "表", "B4", "goals", "助餐", "2023"), Copy("r2.xlsx", "表", "B4", "selfeval", "老年大学", "2023")]
    assert [(items[i].path, f.params["declared"]) for i, f in unpaired(items)] == [("r.xlsx", "养老服务（2023年）")]


def _with_hidden_copy(tmp_path, actual="1900人", hide="hidden", name="隐藏旧表.xlsx"):
    """The clean table, and a copy of it (its first actual changed: an old version) on a sheet
    hidden with ``hide``; ``hide="original"`` hides the original table and shows only an empty sheet."""
    path = write(tmp_path, name=name)
    wb = openpyxl.load_workbook(path)
    original = wb.active
    old = wb.copy_worksheet(original)
    old.title = "绩效自评表（旧）"
    old["E14"] = actual
    if hide == "original":
        wb.remove(old)
        wb.create_sheet("填表说明")["A1"] = "请填写绩效自评表"
        original.sheet_state = "hidden"
        wb.active = 1
    else:
        old.sheet_state = hide
    wb.save(path)
    return path


@pytest.mark.parametrize("hide", ["hidden", "veryHidden"])
def test_a_table_on_a_hidden_sheet_is_left_out_and_said(tmp_path, hide):
    """An old version kept on a hidden sheet was scored, validated and summed beside the visible
    table (S106 "appears twice", the officer seeing one sheet); it is now left out, with S109."""
    from xltools.api import score_file
    from xltools.summary import summarize

    path = _with_hidden_copy(tmp_path, hide=hide)
    assert [r.total for r in score_file(path)] == [97.6]
    report = validate_file(path)
    assert report.tables == [(SELFEVAL, "绩效自评表")]
    assert [(f.code, f.severity, f.sheet, f.cell, f.value) for f in report.findings] == [
        ("S109", "warning", "绩效自评表（旧）", "B4", "社区养老服务中心运营补助")]
    assert report.findings[0].message() == ("隐藏的工作表「绩效自评表（旧）」中还有一张项目支出绩效自评表（项目「社区养老服务中心"
                                            "运营补助」），未计分、未汇总")
    result = summarize([str(path)], str(tmp_path / "汇总.json"), fmt="json")
    assert (result.files, result.tables) == (1, 1)
    assert [r.total for r in score_file(path, sheet="绩效自评表（旧）")] == [96.6]  # asked for by name, it is scored


def test_a_workbook_whose_only_table_is_hidden_is_read(tmp_path):
    """Hidden by mistake (the visible sheet holds only instructions): it is still the workbook's table."""
    from xltools.api import score_file

    path = _with_hidden_copy(tmp_path, hide="original")
    assert [r.total for r in score_file(path)] == [97.6]
    assert findings(path) == []


def _with_example_sheet(tmp_path, name="填表说明", example=True):
    """CLEAN, and before it a sheet ``name`` of instructions with a filled example row."""
    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    if not example:
        wb.remove(wb.active)
    ws = wb.create_sheet(name, 0)
    for row in (["填表说明"], ["项目名称", "填写项目全称"], ["主管部门", "填写主管部门名称"],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", "示例：培训人数", "≥100人", "120人", 10, 10]):
        ws.append(row)
    wb.save(path)
    return path


def test_an_example_on_an_instructions_sheet_is_left_out_and_said(tmp_path):
    """A 填表说明 sheet with a filled example row was a second table: a project 「填写项目全称」 in
    the summary (10.00 差), with eight findings. Beside the project's own table it is left out
    (S111), and scored when asked for by name; a workbook's one table is read whatever its sheet's
    name (a unit may fill in the sheet 填报示例 it was sent)."""
    from xltools.api import score_file
    from xltools.summary import summarize

    path = _with_example_sheet(tmp_path)
    assert [r.total for r in score_file(path)] == [97.6]
    report = validate_file(path)
    assert report.tables == [(SELFEVAL, "绩效自评表")]
    assert [(f.code, f.severity, f.sheet, f.cell) for f in report.findings] == [("S111", "info", "填表说明", "B2")]
    assert report.findings[0].message() == ("工作表「填表说明」是填表说明或示例，其中的项目支出绩效自评表（「填写项目全称」）"
                                            "未计分、未汇总")
    result = summarize([str(path)], str(tmp_path / "汇总.json"), fmt="json")
    assert (result.files, result.tables) == (1, 1)
    assert [r.total for r in score_file(path, sheet="填表说明")] == [10.0]
    for folder in ("other", "alone"):
        (tmp_path / folder).mkdir()
    other = _with_example_sheet(tmp_path / "other", name="情况说明")
    assert [t[1] for t in validate_file(other).tables] == ["情况说明", "绩效自评表"]  # a 说明 of another kind is read
    alone = _with_example_sheet(tmp_path / "alone", name="填报示例", example=False)
    assert validate_file(alone).tables == [(SELFEVAL, "填报示例")]


def test_a_hidden_table_of_another_project_is_read(tmp_path):
    """A department that keeps one project per sheet may hide a finished project's sheet: only a
    hidden copy of a visible table (same kind, same project) is left out."""
    path = _with_hidden_copy(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["绩效自评表（旧）"]["B4"] = "老年助餐服务补助"
    wb.save(path)
    report = validate_file(path)
    assert report.tables == [(SELFEVAL, "绩效自评表"), (SELFEVAL, "绩效自评表（旧）")]
    assert "S109" not in {f.code for f in report.findings}


def test_a_hidden_indicator_row_is_said_in_every_format(tmp_path, soffice):
    """A row hidden instead of deleted (python-calamine does not tell) still counts in the
    weights and the total; S110 says so at its name, in .xlsx, and as LibreOffice saves it in
    .ods and .xls (each format marks hidden rows its own way)."""
    from tests.conftest import convert

    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active.row_dimensions[15].hidden = True
    wb.save(path)
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == [("S110", "C15")]
    assert report.findings[0].message() == ("第 15 行指标「开展健康讲座场次」已隐藏：打印时看不到，但仍是本表的指标，"
                                            "计入分值合计、评分和汇总")
    for fmt in ("ods", "xls", "xlsx"):  # LibreOffice's .xlsx: hidden="true", and hidden="false" on every other row
        assert findings(convert(soffice, str(path), fmt, str(tmp_path / fmt))) == [("S110", "C15")], fmt
    # a line item and a funds row hidden with their amounts count too; an empty row hidden as unused does not
    wb = openpyxl.load_workbook(path)
    for r in (8, 9, 26):
        wb.active.row_dimensions[r].hidden = True
    wb.save(path)
    got = [(f.cell, f.message()) for f in validate_file(path).findings]
    assert got == [("C8", "第 8 行资金「其中：当年财政拨款」已隐藏：打印时看不到，但仍是本表的资金，计入年度资金总额、执行率和汇总"),
                   ("C15", report.findings[0].message()),
                   ("A26", "第 26 行支出项目「健康讲座」已隐藏：打印时看不到，但仍是本表的支出项目，计入小计、合计和汇总")]


def test_a_formula_without_result_is_said_not_called_empty(tmp_path, soffice):
    """A formula written by a program (openpyxl here) has no result until Excel or WPS saves the
    file: python-calamine reads it as blank, so 项目名称 ="…" was S101 "empty". A325 says what it
    is instead; once LibreOffice has calculated and saved the file, nothing is said."""
    from tests.conftest import convert

    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active["B4"], wb.active["J2"] = '="社区养老服务中心运营补助"', "=SUM(F14:F20)"  # formulas
    wb.save(path)
    report = validate_file(path)
    assert [(f.code, f.cell, f.params["n"]) for f in report.findings] == [("A325", "J2", 2)]
    assert report.findings[0].message() == ("2 个公式单元格没有计算结果（J2、B4），按空白读取：文件由程序生成或修改后，"
                                            "未在 Excel/WPS 中保存过")
    saved = convert(soffice, str(path), "xlsx", str(tmp_path / "saved"))
    assert findings(saved) == []


def test_results_left_empty_are_asked_for_with_their_value(tmp_path):
    """A self-evaluation with its 得分, 预算执行率得分, 总分 or 等级 left empty passed as clean:
    the form asks the unit to score itself, and a reviewer returns it unfinished (A326). A row
    without its actual is A308's (its score waits), not A326's."""
    path = write(tmp_path, edits={"G15": None, "H7": None, "G21": None, "B22": None, "E16": None, "G16": None})
    got = [(f.code, f.cell, f.params.get("computed")) for f in validate_file(path).findings]
    assert got == [("A326", "H7", "9.60"), ("A326", "G15", "10.00"), ("A308", "E16", None),
                   ("A326", "G21", "87.60"), ("A326", "B22", "良")]
    msgs = [f.message() for f in validate_file(path).findings if f.code == "A326"]
    assert msgs[:2] == ["预算执行率得分未填写（计算值为 9.60）", "「开展健康讲座场次」的得分未填写（计算值为 10.00）"]
    assert msgs[3] == "等级未填写（计算值为 良）"


def test_a_total_amount_left_empty_is_the_sum_of_its_parts(tmp_path):
    """年度资金总额's 全年执行数 left empty beside its parts: the execution score was none, the
    total 88.00 (A305, A306 on what the unit wrote right) and nothing said at the empty cell.
    A reviewer adds up the parts: 480 of 500, 9.60, and asks for the cell (A326)."""
    path = write(tmp_path, edits={"E7": None})
    got = [(f.code, f.cell, f.params.get("computed")) for f in validate_file(path).findings]
    assert got == [("A326", "E7", "480")]
    assert validate_file(path).findings[0].message() == "「年度资金总额」的全年执行数未填写（计算值为 480）"
    [result] = score_file(path)
    assert (result.execution.score, result.total, result.grade) == (9.6, 97.6, "优")


@pytest.mark.parametrize(("edits", "found"), [
    ({"B7": None}, [("A331", "B7", "「项目资金」的财政拨款未填写")]),  # 500 = ? + 0
    ({"B7": 400, "B8": None}, [("A331", "B8", "「项目资金」的其他资金未填写")]),  # the other 100 unsaid
    ({"B8": None}, []),  # 500 of 500 beside an empty 其他资金: none
    ({"B7": "约500"}, [("A331", "B7", "「项目资金」的财政拨款「约500」不是金额")]),
    ({"B7": None, "B8": None}, []),  # (neither part stated: nothing to add up)
])
def test_a_declarations_part_of_its_funds_left_out(tmp_path, edits, found):
    """年度资金总额 500 with 其中：财政拨款 left empty and 其他资金 0: the funds do not add up, and nothing
    was said (A301 needs both parts). An empty part is said where the other falls short of the total."""
    path = write(tmp_path, GOALS, edits, name="申报表.xlsx")
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == found


@pytest.mark.parametrize(("written", "found"), [
    (None, [("A331", "B6", "「项目资金」的年度资金总额未填写")]),
    ("约500万", [("A331", "B6", "「项目资金」的年度资金总额「约500万」不是金额")]),
    ("¥500", []), ("￥5,000,000元", [])])
def test_a_declarations_total_funds_not_an_amount(tmp_path, written, found):
    """A declaration's 年度资金总额 left empty or in words passed as clean (its funds were simply
    not there for G216, A319 and the summary); ``¥500`` was no amount either."""
    path = write(tmp_path, GOALS, {"B6": written}, name="申报表.xlsx")
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == found
    if not found:
        from xltools.reading import read_workbook

        assert read_workbook(path).tables[0].amounts["annual_total"].value == 500


#: A declaration converted from a Word form, each amount typed after its printed label in one cell.
INLINE_AMOUNTS = {"A6": "项目资金申请（万元）", "B6": "资金总额：500万元", "C6": "财政拨款：500", "D6": "自有资金：0",
                  "A7": None, "B7": None, "A8": None, "B8": None}


@pytest.mark.parametrize(("edits", "total", "found"), [
    ({}, (500, "B6"), []),
    ({"B6": "资金总额：600"}, (600, "B6"), [("A301", "B6")]),  # 600 ≠ 500 + 0
    ({"B6": "资金总额：5,000,000元"}, (500, "B6"), []),  # in 元, the table's 万元
    ({"A6": "年度资金总额：500", "A7": "其中：财政拨款：450", "A8": "其他资金：50", "B6": None, "C6": None, "D6": None},
     (500, "A6"), []),
    # a county's form names five sources: they add up to the total (595 ≠ 600 where 其他 is 5)
    ({"B6": "资金总额：600", "D6": "自有资金：50", "E6": "事业收入：30", "A7": "经营性收入：10", "B7": "其他：10"},
     (600, "B6"), []),
    ({"B6": "资金总额：600", "D6": "自有资金：50", "E6": "事业收入：30", "A7": "经营性收入：10", "B7": "其他：5"},
     (600, "B6"), [("A301", "B6")]),
    # a town's form of 2021: no colon after 总额, the parts numbered, 财政拨款's own breakdown in brackets
    ({"B6": "总额600万元", "C6": "财政拨款：500万元（其中：上级财政资金：500万元；本级财政：0万元）", "D6": "二、自有资金：0万元",
      "E6": "三、其他：100万元"}, (600, "B6"), []),
    ({"B6": "总额600万元", "C6": "财政拨款：500万元（其中：上级财政资金：500万元；本级财政：0万元）", "D6": "二、自有资金：0万元",
      "E6": "三、其他：90万元"}, (600, "B6"), [("A301", "B6")]),
])
def test_amounts_typed_after_their_labels_in_one_cell(tmp_path, edits, total, found):
    """``资金总额：500万元``, ``其中：财政拨款：450``: nothing was read — no A301 of 600 ≠ 500 + 0, no
    budget for G216, A319 or a summary, and no word that the money was missing."""
    path = write(tmp_path, GOALS, {**INLINE_AMOUNTS, **edits}, name="申报表.xlsx")
    assert findings(path) == found
    [t] = read_workbook(path).tables
    assert (t.amounts["annual_total"].value, t.amounts["annual_total"].cell) == total


@pytest.mark.parametrize(("written", "message"), [
    ("资金总额：", "「项目资金」的年度资金总额未填写"),  # (it was found at C6, 财政拨款：500's cell)
    ("资金总额：约500万", "「项目资金」的年度资金总额「约500万」不是金额"),  # (it passed)
])
def test_a_total_typed_after_its_label_left_empty_or_in_words(tmp_path, written, message):
    path = write(tmp_path, GOALS, {**INLINE_AMOUNTS, "B6": written}, name="申报表.xlsx")
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == [("A331", "B6", message)]


@pytest.mark.parametrize(("grade", "found"), [
    ("等级：优", []), ("评定等级为优", []), ("等级：良", [("A306", "B22")]),
    # a printed form's boxes: the one ticked is the grade (each was A306, "「☑优 □良 …」 is not 优")
    ("☑优 □良 □中 □差", []), ("优☑ 良□ 中□ 差□", []), ("√优 □良", []),
    ("□优 ☑良 □中 □差", [("A306", "B22")]), ("☑优 ☑良 □中 □差", [("A306", "B22")]), ("□优 □良 □中 □差", [("A306", "B22")]),
    # the total written beside it (was A306, "「97.6分 优」 is not 优"); the total is A305's to check
    ("97.6分 优", []), ("优 97.6", []), ("97.6/优", []), ("良 97.6分", [("A306", "B22")])])
def test_a_grade_that_names_itself(tmp_path, grade, found):
    """``等级：优`` in the grade cell is the grade 优: it was A306, "「等级：优」 is not 优"; so is the box
    ticked among 优/良/中/差 (two ticked, or none, is no grade)."""
    assert findings(write(tmp_path, edits={"B22": grade})) == found


def test_a_prompt_left_in_a_required_field_says_so(tmp_path):
    report = validate_file(write(tmp_path, edits={"E5": "请填写", "B4": "填报系统升级改造"}))  # a name, not a prompt
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("S101", "E5", "必填栏目「实施单位」仍是填写提示「请填写」")]
    assert findings(write(tmp_path, edits={"E14": "填写完整"}, name="b.xlsx")) == [("A315", "E14")]  # a result


def test_a_total_without_the_execution_score_says_so(tmp_path):
    """A 总分 of the indicators alone (88.00 of 97.60: the 预算执行率's 9.60 left out, as a unit
    summing the indicator table's 得分 column writes it): A305 says what was left out."""
    [f] = validate_file(write(tmp_path, edits={"F21": 90, "G21": 88})).findings
    assert (f.code, f.cell, f.message()) == (
        "A305", "G21", "填写的总分 88 与计算值 97.60 不符（9.60 + 50.00 + 28.00 + 10.00；填写的总分未计入预算执行率得分 9.60）")


@pytest.mark.parametrize("own", [False, True])
def test_a_departments_goal_declaration(tmp_path, own):
    """部门整体绩效目标申报表: a declaration (it was read as a department's self-evaluation, A308 on
    every row, nothing reached), naming its department (not a project: S101), in the project
    framework or its province's own (履职效能 / 管理效率: no S102, no G204 for 产出/效益)."""
    edits = {"A1": "部门整体绩效目标申报表", "A4": "部门名称", "B4": "市民政局", "D5": None, "E5": None}
    if own:
        edits.update({"A12": "履职效能", "A13": "履职效能", "A14": "履职效能", "A15": "履职效能", "A16": "管理效率",
                      "A17": "管理效率", "A18": "服务满意度"})
    path = write(tmp_path, GOALS, edits, name="部门.xlsx")
    report = validate_file(path)
    assert (report.tables, report.findings) == ([("goals", "目标申报表")], [])
    from xltools.reading import read_workbook

    assert read_workbook(path).tables[0].project_name == "市民政局"


def test_a_funds_amount_in_words_is_no_amount(tmp_path):
    """Outside our templates a funds amount written as words (``约480万``, ``另行核算``) was passed
    by: no execution score, the total 88.00, and nothing said at the cell. A331 says it; a dash,
    无 or 不适用 say there are none, and ``¥480`` is 480 in the block's unit."""
    path = write(tmp_path, edits={"E7": "约480万", "E9": "另行核算", "E10": "不适用", "D9": "—"})
    got = [(f.code, f.cell, f.message(), f.suggestion()) for f in validate_file(path).findings if f.code == "A331"]
    assert got == [("A331", "E7", "「年度资金总额」的全年执行数「约480万」不是金额，预算执行率无法计算", "填写金额（单位：万元）"),
                   ("A331", "E9", "「上年结转资金」的全年执行数「另行核算」不是金额",
                    "填写金额（单位：万元）；没有这项资金的填「—」")]
    assert [(f.code, f.cell) for f in validate_file(write(tmp_path, edits={"E7": None, "E8": None}, name="b.xlsx")).findings] \
        == [("A331", "E7"), ("A305", "G21"), ("A306", "B22")]
    path = write(tmp_path, edits={"E7": "¥480", "E8": "￥4,800,000元"}, name="c.xlsx")
    assert validate_file(path).findings == []
    assert score_file(path)[0].total == 97.6


@pytest.mark.parametrize("header", ["评分标准", "评分细则", "评分要点"])
def test_an_evaluation_row_without_its_criteria(tmp_path, header):
    """Each row of an expert score sheet carries a 评分标准 (domain.md §3.4); one left empty (or
    ``—``) passed. A criterion merged over two rows is both rows'. The column headed 评分细则 or
    评分要点 was no criteria column: nothing was checked."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = tmp_path / "评价.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["E6"] = header
    ws["E7"], ws["E9"] = None, "—"
    ws["E12"] = None
    ws.merge_cells("E11:E12")
    wb.save(path)
    assert [(f.code, f.severity, f.cell, f.message()) for f in validate_file(path).findings] == [
        ("S113", "warning", "E7", "「立项依据充分性」没有评分标准"), ("S113", "warning", "E9", "「资金使用合规性」没有评分标准")]


@pytest.mark.parametrize("name", ["每班学员人数", "单场活动人数", "人均培训次数", "投诉件数", "故障设备数量",
                                  "不合格产品数量", "返工次数", "超期件数", "学员数量", "新增违法建设数量"])
def test_a_limit_per_item_under_quantity_is_no_output_with_the_wrong_sign(tmp_path, name):
    """``每班学员人数 ≤50人`` caps a class, ``投诉件数 ≤5件`` counts what is to be avoided, and
    ``学员数量`` starts with no doing: not G215 (服务老人人数 ≤2000人 is)."""
    path = write(tmp_path, edits={"C14": name, "D14": "≤50人", "E14": "45人"})
    assert findings(path, select={"G215"}) == []


@pytest.mark.parametrize(("name", "target", "actual"), [("营业收入增长率", "≥-5%", "3%"), ("项目利润", "≥-100万元", "10万元")])
def test_a_bound_below_zero_means_something_of_a_rate(tmp_path, name, target, actual):
    """≥-5% of a rate (a decline held to 5 %) or a loss limit in money is no target always met."""
    path = write(tmp_path, edits={"C16": name, "D16": target, "E16": actual})
    assert findings(path, select={"G217"}) == []


@pytest.mark.parametrize(("direction", "target", "actual", "found", "score"), [
    ("≥", "≤30天", "35天", [("G230", "D16")], 8.57),  # the target's ≤ is scored (30/35), and now said
    ("反向", "≥95%", "96%", [("G230", "D16")], 10.0),
    ("正向", "30天以内", "25天", [("G230", "D16")], 10.0),
    ("≤", "≤30天", "25天", [], 10.0),
    ("定量", "≥95%", "96%", [], 10.0),  # 定量 is no way
    ("反向", "较上年下降5%", "下降5%", [], 10.0),  # a change says its own way
])
def test_a_direction_against_its_targets_own_sign(tmp_path, direction, target, actual, found, score):
    """指标性质 ≥ beside 指标值 ≤30天: the cell's own sign is scored, and the contradiction passed unsaid."""
    path = write(tmp_path, CLEAN, {"C16": "服务响应时间"}, layout=Layout(direction_column=True))
    wb = openpyxl.load_workbook(path)
    wb.active["D16"], wb.active["E16"], wb.active["F16"] = direction, target, actual
    wb.save(path)
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code == "G230"] == found
    assert next(r for r in score_file(path)[0].rows if r.name == "服务响应时间").score == score


@pytest.mark.parametrize(("name", "target", "found"), [
    ("老人健康档案建档率", "≥2000份", ["G229"]),
    ("完成数量", "100%", ["G229"]),
    ("服务老人覆盖率（%）", "≥2000人", ["G229"]),
    # no mismatch: a rate's own units, a change of a count, rates that are not shares, an unknown unit
    ("服务老人覆盖率", "≥95%", []), ("出生率", "≤5‰", []), ("入住率增长", "≥2个百分点", []),
    ("服务人数", "较上年增长10%", []), ("审批效率", "≤3天", []), ("巡查频率", "≥2次/周", []),
    ("资金周转率", "≥2次", []), ("考核达标率", "≥90分", []),
])
def test_a_name_and_its_targets_unit_disagree(tmp_path, name, target, found):
    """服务老人覆盖率 ≥2000人, 完成数量 100%: the name and the target are of different kinds (G229)."""
    path = write(tmp_path, sample=GOALS, edits={"C12": name, "D12": target})
    assert [c for c, _ in findings(path, select={"G229"})] == found


@pytest.mark.parametrize("name", ["—", "/", "无", "-", "=", "≥", "%", "1", "1.1", "100%"])
def test_a_dash_for_a_name_is_no_name(tmp_path, name):
    """``—`` in 三级指标 beside a target and a weight is no name (S103), where G207 called it vague
    and suggested 「（动作）—（数量/比率）」; so is a sign or a number typed in the name's column (``=``
    where the 计算符号 belongs, a row number): it was G207, an info, and the row went unnamed."""
    assert findings(write(tmp_path, edits={"C16": name})) == [("S103", "C16")]


@pytest.mark.parametrize(("rates", "found"), [
    # domain.md §4's worked example: 96.92%, 3.24%, 2.78% — as fractions, text or per cent in a number
    ([["预算执行率", 0.9692], ["结转结余率", "3.24%"], ["预决算差异率", 2.78]], []),
    ([["全年执行数", 5169.65, "预算执行率", 97]], []),  # whole percents: 96.92 % rounds to 97 %
    ([["预算执行率", 0.95], ["结转结余率", "3.5%"], ["预决算差异率", 0.0278]],
     [("A303", "B10", "填写的预算执行率 95.00% 与计算值 96.92% 不符"),
      ("A303", "B11", "填写的结转结余率 3.50% 与计算值 3.24% 不符")]),
    # 资金到位率 = 实际到位资金 / 预算资金, the amounts by the names forms give them
    ([["实际到位资金", 5000], ["预算资金", 5333.85], ["资金到位率", "93.74%"]], []),
    ([["到位资金", 5000], ["应到位资金", 5333.85], ["资金到位率", "95%"]],
     [("A303", "B12", "填写的资金到位率 95.00% 与计算值 93.74% 不符")]),
    ([["实际到位数", 5000], ["计划到位资金", 5333.85], ["资金到位率", "95%"]],
     [("A303", "B12", "填写的资金到位率 95.00% 与计算值 93.74% 不符")]),
])
def test_a_departments_written_rates(tmp_path, rates, found):
    """部门整体: the rates written beside the amounts were not read; a reviewer works them out."""
    rows = [["部门整体绩效自评表"], ["（2022年度）"], ["部门名称", "市贸促会"], ["主管部门", "市贸促会", None, "实施单位", "市贸促会"],
            ["年初预算数", 5029.86], ["全年预算数", 5333.85], ["全年执行数", 5169.65], ["支出决算数", 5169.66],
            ["结转结余总额", 172.89], *rates,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["当年预算执行情况", "预算执行", "预算执行率", "≥95%", "96.92%", 20, 19.38],  # (an indicator, not a written rate)
            ["整体绩效目标实现情况", "产出", "举办展会数量", "≥10个", "10个", 60, 60],
            ["预算管理情况", "预算编制", "预算编制准确性", "准确", "准确", 20, 20]]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "部门.xlsx"
    wb.save(path)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A303"] == found


def test_a_line_item_spent_over_its_budget_without_a_contract(tmp_path):
    """Line items had A309 (contract over budget) and A310 (spending over contract); an item
    bought without a contract and spent over its budget passed. It is A302, as for the funds."""
    sample = replace(CLEAN, line_items=[("政府采购", "护理服务采购", 300, None, 320), ("自行组织", "健康讲座", 200, None, 160)])
    report = validate_file(write(tmp_path, sample))
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A302", "E25", "「护理服务采购」的执行数 320 大于预算数 300")]


def test_a_label_given_twice_is_read_from_its_visible_column(tmp_path, soffice):
    """An old 实际完成值 kept in a hidden column left of the new one was the one read (the first of
    a label wins): the row scored 1人 of 2000 where the table shows 2050人. The visible column wins,
    in .xlsx and as LibreOffice saves it in .ods and .xls."""
    from tests.conftest import convert
    from xltools.api import score_file

    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_cols(5)  # the old actuals, in a new column E left of 实际完成值 (now F)
    ws["E13"] = "实际完成值"
    for r in range(14, 21):
        ws.cell(r, 5).value = "1人" if r == 14 else ws.cell(r, 6).value
    ws.column_dimensions["E"].hidden = True
    wb.save(path)
    assert [r.total for r in score_file(path)] == [97.6]
    for fmt in ("ods", "xls"):
        assert [r.total for r in score_file(convert(soffice, str(path), fmt, str(tmp_path / fmt)))] == [97.6], fmt
    ws.column_dimensions["E"].hidden = False  # both shown: the first is read, as before
    wb.save(path)
    assert score_file(path)[0].rows[1].score != 20


@pytest.mark.parametrize("cached", [True, False])
def test_a_percentage_typed_with_an_equals_sign_reads_as_the_sheet_shows_it(tmp_path, cached):
    """``=100%`` typed into 指标值 in Excel (the national form's own spelling) is the formula
    ``100%`` holding 1: it was read as the target 1 "without a unit" (G201, an error) and an
    actual ``=95%`` as 0.95 beside a 1. Read as 100% and 95%, as the sheet shows them; a program's
    file without the formulas' results (``cached`` False) reads the same, without A325."""
    import zipfile

    path = write(tmp_path)  # 补助资金按时拨付率: 指标值 D17 "=100%", 实际 E17 "100%"
    wb = openpyxl.load_workbook(path)
    wb.active["D17"], wb.active["E17"], wb.active["G17"] = "=100%", "=95%", 9.5  # formulas
    wb.save(path)
    if cached:  # as Excel saves them: <f>100%</f><v>1</v>
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"<f>100%</f><v />", b"<f>100%</f><v>1</v>").replace(
            b"<f>95%</f><v />", b"<f>95%</f><v>0.95</v>")
        assert b"<v>0.95</v>" in parts[sheet]
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == [("A307", "H17"), ("A305", "G21")]  # 97.6 → 97.1
    row = score_file(path)[0].rows[4]
    assert (row.score, row.explain()) == (9.5, "95%/100% = 95.00% × 10 = 9.50")


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_a_percentage_with_an_equals_sign_filled_down(tmp_path, soffice, fmt):
    """``=100%`` filled down a column is one shared formula: Excel writes its first cell's formula
    and ``<f t="shared" si="0"/>`` in the others, a .xls a SHRFMLA record their FORMULA records
    point to (as LibreOffice saves it too) — the others were read as 1, "no unit" (G201, an error).
    An .ods keeps the literal ``of:=100%`` in a General cell as a float: read as typed, as in the others."""
    import zipfile

    from tests.conftest import convert
    from xltools.reading.source import load_grids

    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws["C16"], ws["D16"], ws["E16"], ws["D17"] = "资金使用合规率", "=100%", "100%", "=100%"
    wb.save(path)
    if fmt == "xlsx":  # as Excel saves a formula filled down
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(
            b'<c r="D16"><f>100%</f><v /></c>', b'<c r="D16"><f t="shared" ref="D16:D17" si="0">100%</f><v>1</v></c>'
        ).replace(b'<c r="D17"><f>100%</f><v /></c>', b'<c r="D17"><f t="shared" si="0"/><v>1</v></c>')
        assert b'<f t="shared" si="0"/>' in parts[sheet]
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
    else:
        path = convert(soffice, str(path), fmt, str(tmp_path / fmt))
    assert [row[3] for row in load_grids(path)[0].rows[15:17]] == ["100%", "100%"]
    assert findings(path) == []


def test_a_percentage_typed_with_an_equals_sign_in_an_xls(tmp_path, soffice):
    """The same in a legacy .xls: the FORMULA record's tokens are a number and the percent
    operator (ptgInt 100 ptgPercent; ptgNum for 99.5)."""
    from tests.conftest import convert

    path = write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active["D17"], wb.active["E17"] = "=100%", "=99.5%"
    wb.active["G17"], wb.active["H17"], wb.active["G21"] = 9.95, "个别拨付延后", 97.55
    wb.save(path)
    xls = convert(soffice, str(path), "xls", str(tmp_path / "xls"))
    from xltools.reading.source import load_grids

    assert load_grids(xls)[0].rows[16][3:5] == ["100%", "99.5%"]
    assert findings(xls) == []


def test_an_actual_written_as_a_sentence_is_scored_by_its_number_and_told_to_stand_alone(tmp_path):
    """服务老人1500人 against ≥2000人 was read as a word (达成: full marks, A305 could not see the
    claimed 20 was wrong); now as the 1500人 in it, which A315 asks to be written alone."""
    path = write(tmp_path, edits={"E14": "共服务老人1500人", "E15": "十二场"})
    report = validate_file(path)
    got = {(f.code, f.cell): f for f in report.findings}
    assert list(got) == [("A339", "E12"), ("A315", "E14"), ("A305", "G14"), ("A307", "H14"), ("A315", "E15"),
                         ("A305", "G15"), ("A307", "H15"), ("A305", "G21"), ("A306", "B22")]  # (A339: the text's 2050名)
    assert got["A305", "G14"].params["computed"] == "15.00" and got["A305", "G15"].params["computed"] == "5.00"
    assert got["A315", "E14"].message() == "定量指标「服务老人人数」的实际完成值「共服务老人1500人」不是数值，已按其中的 1500人 与指标值比较"
    assert got["A315", "E15"].suggestion() == "只填写数值「12场」，说明写入偏差原因栏"
    assert score_file(path)[0].total == 87.6  # 97.60 less 5 and 5


def test_an_amount_in_bare_wan_is_of_the_targets_unit(tmp_path):
    """180万 against ≤200万元 is 180万元: no unit to ask for (A316 before)."""
    sample = rows_with(1, name="护理服务采购成本", level1="成本指标", level2="经济成本指标", target="≤200万元", actual="180万")
    assert [c for c in findings(write(tmp_path, sample)) if c[0] == "A316"] == []


@pytest.mark.parametrize(("name", "vague"), [
    # an action and its object, or a measure: not vague (G207 said all of these were)
    ("走访农户", False), ("整治河道", False), ("安装路灯", False), ("引进人才", False), ("新增就业岗位", False),
    ("巡查频次", False), ("考核得分", False), ("救助标准", False), ("政策知晓度", False), ("节约群众就医费用", False),
    # still no action or measure
    ("社会效益", True), ("档案管理", True), ("安全生产事故", True),
])
def test_a_name_with_an_action_and_its_object_is_not_vague(tmp_path, name, vague):
    path = write(tmp_path, edits={"C16": name})
    assert [c for c in findings(path) if c[0] == "G207"] == ([("G207", "C16")] if vague else [])


@pytest.mark.parametrize(("cell", "name", "found"), [
    # whose satisfaction, under 满意度指标; a province's words for a level 2 of the guidance (S102 errors)
    ("B20", "社会公众满意度指标", []), ("B20", "群众满意度指标", []), ("B20", "受益对象满意度指标", []),
    ("B19", "可持续发展指标", []), ("B19", "生态环境效益指标", []), ("B19", "可持续性指标", []),
    ("B19", "可持续性影响指标", []), ("B19", "可持续效益指标", []),
    ("B20", "社会效益指标", [("S102", "B20")]), ("B19", "社会效应指标", [("S102", "B19")]),  # (still wrong)
])
def test_level2_names_a_province_writes(tmp_path, cell, name, found):
    assert [c for c in findings(write(tmp_path, edits={cell: name})) if c[0] == "S102"] == found


@pytest.mark.parametrize(("level2", "found"), [("经济成本指标", []), ("生态成本指标", []), ("环境成本指标", []),
                                              ("成本指标", []), ("社会效益指标", [("S102", "B14")])])
def test_level2_names_under_cost(tmp_path, level2, found):
    """Under 成本指标: 生态成本指标 / 环境成本指标 are 生态环境成本指标, and 成本指标 again (a cost not broken
    down, as 满意度指标 under 满意度指标) is accepted — S102 errors before."""
    path = write(tmp_path, edits={"A14": "成本指标", "B14": level2, "C14": "人均服务成本", "D14": "≤500元",
                                  "E14": "480元"})
    assert [c for c in findings(path) if c[0] == "S102"] == found


def test_a_level1_name_with_lei(tmp_path):
    """产出类指标 is 产出指标 (S102 and G204 "no 产出指标 rows" before)."""
    assert findings(write(tmp_path, edits={f"A{r}": "产出类指标" for r in range(14, 18)})) == []


@pytest.mark.parametrize(("target", "actual", "score"), [
    ("≥1200元/人·年", "1200元/人/年", 10.0),  # one unit however spelt (A316 "cannot convert")
    ("≥1200元/(人·年)", "1100元/人/年", 9.17),  # brackets after the slash: the unit's (was 元/, A316)
    ("≥1200元/(人·年)（含）", "1200元/人.年", 10.0),  # a remark after it still is one
    ("≥1200元/人·年", "1200元/人/月", 10.0),  # (another period: A316, below)
])
def test_a_unit_per_person_and_period_however_spelt(tmp_path, target, actual, score):
    path = write(tmp_path, edits={"C16": "人均补助标准", "D16": target, "E16": actual})
    assert [c for c in findings(path) if c[0] == "A316"] == ([("A316", "E16")] if "月" in actual else [])
    assert score_file(path)[0].rows[3].score == score


@pytest.mark.parametrize(("actual", "codes"), [("0起", []), ("2起", [("A316", "E16")])])
def test_none_is_none_in_any_unit(tmp_path, actual, codes):
    """``0起`` against an accident rate of ≤1%: nothing happened, full marks and nothing to convert
    (A316 asked for a unit); ``2起`` still can't be compared with a rate."""
    path = write(tmp_path, edits={"E16": actual})
    assert [c for c in findings(path) if c[0] == "A316"] == codes
    assert score_file(path)[0].rows[3].score == (10 if not codes else 5)


@pytest.mark.parametrize(("target", "actual", "codes", "shown"), [
    ("≥95%", "2050人", [("A316", "E16")], "实际 2050人 ≥ 目标 95%，得满分 10.00"),  # was 2050%, "target set too low"
    ("≥95%", "200万人", [("A316", "E16")], "实际 200万人 ≥ 目标 95%，得满分 10.00"),  # a magnitude's unit is its unit's
    ("≥95%", "96分", [("A316", "E16")], "实际 96分 ≥ 目标 95%，得满分 10.00"),  # was shown as 96%
    ("≥95%", "0.5万元", [("A316", "E16"), ("A307", "H16")], "0.5万元/95% = 52.63% × 10 = 5.26"),  # was 50%/95%
    ("≥2000人次", "3000人", [("A316", "E16")], "实际 3000人 ≥ 目标 2000人次，得满分 10.00"),
    ("≥2000人次", "3000人次", [("A312", "E16"), ("A307", "H16")],
     "实际 3000人次 ≥ 目标 2000人次，得满分 10.00（达到目标的 150.00%，目标可能偏低）"),
])
def test_an_actual_in_another_measure_is_no_over_achievement(tmp_path, target, actual, codes, shown):
    """2050人 against 覆盖率 ≥95% was "2050%, 2157.89 % of the target, set too low" (A312, A307)
    beside A316's "人 does not convert to %": the bare numbers say nothing of the target."""
    path = write(tmp_path, edits={"C16": "服务老人覆盖率" if "%" in target else "服务人次", "D16": target, "E16": actual})
    assert [c for c in findings(path) if c[0] in ("A316", "A312", "A307")] == codes
    assert score_file(path)[0].rows[3].explain() == shown


@pytest.mark.parametrize("as_text", [True, False])
def test_weights_written_as_percentages_are_points_of_100(tmp_path, as_text):
    """权重 20%, typed as text or kept as 0.2 in a cell formatted as %, was a weight of 0.2: every
    written score above its weight (A304 seven times), G208, and a total of 9.60 + 0.88."""
    weights = {f"F{r}": w for r, w in zip(range(14, 21), (20, 10, 10, 10, 20, 10, 10), strict=True)}
    path = write(tmp_path, edits={k: f"{w}%" if as_text else w / 100 for k, w in weights.items()})
    if not as_text:
        wb = openpyxl.load_workbook(path)
        for k in weights:
            wb.active[k].number_format = "0%"
        wb.save(path)
    assert validate_file(path).findings == []
    (result,) = score_file(path)
    assert (result.total, [r.weight for r in result.rows][:3]) == (97.6, [10, 20, 10])


@pytest.mark.parametrize(("edits", "found"), [
    ({"F14": "20%"}, []),
    ({"F14": "20%", "F15": "10％"}, []),
    ({"F14": "20%", "G14": 0.2}, []),  # its score typed as a share too
    ({"F14": "20%", "G14": 0.15}, [("A305", "G14")]),  # 15 of a met 20: wrong
])
def test_a_weight_typed_as_a_percentage_among_points_is_points(tmp_path, edits, found):
    """One 权重 typed ``20%`` among weights in points was a weight of 0.2: G208 (80.2), A304 (20 above
    0.2), A305 and A306 on a right total — four errors where the unit meant 20 points."""
    path = write(tmp_path, edits=edits)
    assert [c for c in findings(path) if c[1] != "G21"] == found
    assert [r.weight for r in score_file(path)[0].rows][1:3] == [20, 10]


def test_an_actual_said_reached_is_no_target_written_in_its_place(tmp_path):
    """完成2050人, 全年累计完成24场, 达到95% say what was reached: they were A322 (written as the
    target, =/≥) because 完成 and 达到 bound a target. A bound after the number still is one."""
    path = write(tmp_path, edits={"E14": "完成2050人", "E15": "全年累计完成24场", "E20": "达到95%"})
    assert validate_file(path).findings == []
    path = write(tmp_path, edits={"E15": "完成24场以上"}, name="b.xlsx")
    (finding,) = validate_file(path).findings
    assert (finding.code, finding.cell, finding.params["op"]) == ("A322", "E15", "≥")


def test_a_hundredfold_over_achievement_is_read_as_a_unit_typed_wrong(tmp_path):
    """42000000 against ≥5000万元 — 元 typed in a 万元 row — was "目标可能设置偏低", which no target
    explains; a hundredfold and more asks for the unit to be checked."""
    from xltools.api import validate_file

    def a312(actual, name):
        path = write(tmp_path, CLEAN, {"E14": actual}, name=name)
        return [(f.message(), f.suggestion()) for f in validate_file(path).findings if f.code == "A312"]

    assert a312("2500人", "a.xlsx") == [("「服务老人人数」实际 2500人 达到目标 2000人 的 125.00%，目标可能设置偏低",
                                         "说明超额原因；下一年度调整目标值")]
    assert a312("2050000", "b.xlsx") == [(
        "「服务老人人数」实际 2050000人 达到目标 2000人 的 102500.00%，相差百倍以上，多是单位或数位填错（如多写了两个 0）",
        "核对实际完成值的单位和数位，按指标值的单位填写")]


@pytest.mark.parametrize(("edits", "message"), [
    # a count of people: the example was money's (元 in a 万元 column)
    ({"E14": 205000}, "「服务老人人数」实际 205000人 达到目标 2000人 的 10250.00%，相差百倍以上，多是单位或数位填错（如多写了两个 0）"),
    # a per cent typed ×100: A321 said "no such rate exceeds 100 %" at the same cell, A307 asked for a reason
    ({"E20": 9500}, "「老人满意度」实际 9500% 达到目标 90% 的 10555.56%，相差百倍以上，多是百分数多乘了 100（如把 95% 填成 9500%）"),
    # money: 元 typed in a 万元 row
    ({"C14": "意向成交额", "D14": "≥5000万元", "E14": 420000000},
     "「意向成交额」实际 420000000万元 达到目标 5000万元 的 8400000.00%，相差百倍以上，多是单位填错（如把元填在了万元栏）"),
], ids=["count", "per-cent", "money"])
def test_a_hundredfold_slip_of_an_actual_is_said_once_in_its_units_words(tmp_path, edits, message):
    """An actual a hundredfold and more over its target (A312's slip) is a figure to correct, not an
    over-achievement to explain: A307 asked for its reason, and for a rate A321 said the same slip again
    at the same cell. The example fits the unit: money's 元 and 万元, a per cent's ×100, or two 0s."""
    found = validate_file(write(tmp_path, CLEAN, edits)).findings
    row = next(iter(edits.keys() - {"C14", "D14"}))
    assert [(f.code, f.message()) for f in found if f.cell[1:] == row[1:]] == [("A312", message)]


def test_a_unit_slip_asks_for_the_unit_and_its_score_waits(tmp_path):
    """2850000 typed in the 实际完成值 of a ``≤300万元`` cost row (元 in a 万元 row) scored 0 and A305
    asked to write 0.00: the finding now says the unit is likely wrong and what it is in 万元, and
    ``xltools fix`` leaves the row's score and the totals until the unit is checked."""
    from xltools.fix import corrections

    path = write(tmp_path, rows_with(3, level1="成本指标", level2="经济成本指标", name="护理服务采购成本",
                                     target="≤300万元", actual=2850000), None)
    found = validate_file(path).findings
    (slip,) = [f for f in found if f.code == "A329"]
    assert (slip.cell, slip.suggestion("zh")) == ("E17", "核对实际完成值的单位，按指标值的单位填写（若按元填写，即 285万元）")
    assert "9500 倍" in slip.message("zh")
    assert [(c.cell, c.skipped) for c in corrections(found)] == [("G17", "pending"), ("G21", "pending"), ("B22", "pending")]


def test_a_range_target_says_how_it_was_scored(tmp_path):
    """2000-2200人 was a word any actual met; it is scored by ≥2000人, and G222 says so."""
    path = write(tmp_path, edits={"D14": "2000-2200人", "E14": "1900人", "G14": 19, "H14": "部分社区未开展"})
    (result,) = score_file(path)
    assert (result.rows[1].score, result.rows[1].explain()) == (19.0, "1900人/2000人（2000-2200人） = 95.00% × 20 = 19.00")
    (g222,) = [f for f in validate_file(path).findings if f.code == "G222"]
    assert g222.message("zh") == "「服务老人人数」的指标值「2000-2200人」是一个区间，没有运算符号；已按「≥2000人」计分"
    assert g222.suggestion("zh") == "写成一个界限：越多越好写「≥2000人」，越少越好写「≤2200人」"


def test_a_range_target_in_a_declaration_cannot_be_assessed(tmp_path):
    """A declaration has no actual to score a range by: G222 says it cannot be assessed."""
    import openpyxl

    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["目标申报表.xlsx"]
    path = tmp_path / "申报.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    wb.active["E12"] = "100-120家"
    wb.save(path)
    (g222,) = [f for f in validate_file(path).findings if f.code == "G222"]
    assert (g222.cell, g222.message("zh")) == ("E12", "「参展企业数量」的指标值「100-120家」是一个区间，没有运算符号；无法据以考核")


@pytest.mark.parametrize(("edits", "cell", "fix"), [
    ({"D14": "≥2000"}, "D14", "注明单位，如「≥2000人」"),  # 服务老人人数: the unit the name suggests
    ({"D20": 0.9, "E20": 0.95}, "D20", "注明单位，如「90%」"),  # a satisfaction as a percentage, not 0.9个
    ({"C15": "开展讲座", "D15": "≥24"}, "D15", "注明单位，如「≥24个」「24人次」「24%」"),  # nothing to go by
])
def test_a_target_without_a_unit_is_shown_with_the_unit_it_likely_has(tmp_path, edits, cell, fix):
    (g201,) = [f for f in validate_file(write(tmp_path, edits=edits)).findings if f.code == "G201"]
    assert (g201.cell, g201.suggestion("zh")) == (cell, fix)


@pytest.mark.parametrize("edits", [{"E14": 5e-324}, {"E14": 7.735460134004139e-308}, {"D14": 5e-324}])
def test_a_vanishing_number_is_no_unit_slip_and_no_crash(tmp_path, edits):
    """Numbers no one types (found by the property tests): their ratio to the target under- or
    overflows; A329 passes them by instead of dividing by zero or rounding infinity."""
    assert "A329" not in {f.code for f in validate_file(write(tmp_path, edits=edits)).findings}


def test_a_unit_slip_of_a_count_names_no_money(tmp_path):
    """A329 of 19人 against ≥2000人 says a unit was likely typed wrong, without the 元/万元 example."""
    path = write(tmp_path, edits={"E14": "19人"})
    (slip,) = [f for f in validate_file(path).findings if f.code == "A329"]
    assert slip.message("zh") == "「服务老人人数」实际 19人 是目标 ≥2000人的 1/105，相差百倍以上，多是单位填错"
    assert slip.suggestion("zh") == "核对实际完成值的单位，按指标值的单位填写"


def test_a_row_every_expert_marked_not_applicable_is_left_out(tmp_path):
    """管理制度健全性 (10 of 100) marked 不适用 by every expert: it scored 0 with three A318 errors
    (77.32, 中); it is left out and the total taken on the 90 that apply (85.91, 良), or, by a rule
    set's ``not_applicable = "drop"``, the others' sum. One expert's 不适用 among scores is A318."""
    from xltools.api import score_file
    from xltools.ruleset import load_rules
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = tmp_path / "评价.xlsx"
    write_sample(sample, path, layout)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws["C10"].value == "管理制度健全性"
    ws["F10"], ws["G10"], ws["H10"] = "不适用", "不涉及", "不适用"
    wb.save(path)
    (result,) = score_file(path)
    assert (result.total, result.grade, result.rows[3].score, result.rows[3].explain()) == (
        85.91, "良", None, "专家均评为不适用（不涉及、不适用），分值 10 不计入总分")
    report = validate_file(path)
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A330", "F10", "「管理制度健全性」专家均评为不适用（不涉及、不适用），分值 10 不计入总分；"
                        "总分按适用指标的 90 分折算：77.32 ÷ 90 × 100 = 85.91")]
    rules = tmp_path / "r.toml"
    rules.write_text('id = "drop"\n[evaluation]\nnot_applicable = "drop"\n', encoding="utf-8")
    assert [(r.total, r.grade) for r in score_file(path, load_rules(str(rules)))] == [(77.32, "中")]
    ws["G10"], ws["H10"] = 8, 8  # one expert's 不适用 among scores: the experts disagree
    wb.save(path)
    assert score_file(path)[0].total == 85.32
    assert findings(path) == [("A318", "F10")]


def test_a_fiscal_row_broken_down_by_source_is_not_counted_twice(tmp_path):
    """其中：当年财政拨款 500 with 中央补助资金 300 and 省级资金 200 under it: the three were parts of
    年度资金总额, which then "did not add up" (A301 in every column of a right block). The rows under
    it that add up to it break it down; when they do not, A301 says so at the 财政拨款 row."""
    rows = {"B9": "中央补助资金", "C9": 300, "D9": 300, "E9": 290, "B10": "省级资金", "C10": 200, "D10": 200, "E10": 190}
    assert findings(write(tmp_path, edits=rows)) == []
    path = write(tmp_path, edits={**rows, "E10": 180}, name="b.xlsx")
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == [
        ("A301", "E8", "其中：当年财政拨款（全年执行数）：480 ≠ 分项合计 470")]
    # by source, with no 财政拨款 row above them, they are the parts, as before
    parts = {"B8": "中央补助资金", "C8": 300, "D8": 300, "E8": 290, "B9": "省级资金", "C9": 200, "D9": 200, "E9": 190}
    assert findings(write(tmp_path, edits=parts, name="c.xlsx")) == []
    assert findings(write(tmp_path, edits={**parts, "E9": 180}, name="d.xlsx")) == [("A301", "E7")]


@pytest.mark.parametrize("label", ["其中：中央资金", "中央财政", "省级补助资金", "市级配套资金", "县财政资金"])
def test_a_fiscal_row_by_source_however_a_province_names_it(tmp_path, label):
    """``其中：中央资金``, ``市级配套资金`` were no funds rows: the block was read as partial and its sums
    went unchecked (180 spent of the 190 its 财政拨款 row says, and nothing found)."""
    rows = {"B9": label, "C9": 300, "D9": 300, "E9": 290, "B10": "省级资金", "C10": 200, "D10": 200, "E10": 190}
    assert findings(write(tmp_path, edits=rows)) == []
    path = write(tmp_path, edits={**rows, "E10": 180}, name="b.xlsx")
    assert findings(path) == [("A301", "E8")]


def test_a_target_written_into_the_name_is_said_so(tmp_path):
    """参展企业数量≥100家 with its 指标值 cell empty: S103 said only "缺少指标值"; it now says the
    target in the name belongs in the target column."""
    path = write(tmp_path, edits={"C14": "服务老人人数≥2000人", "D14": None})
    got = [(f.code, f.cell, f.message(), f.suggestion()) for f in validate_file(path, select=["S103"]).findings]
    assert got == [("S103", "D14", "第 14 行指标缺少指标值（名称中的「≥2000人」应填入指标值栏）", "请补填指标值")]


def test_a_row_with_its_target_in_the_name_is_scored_against_it(tmp_path):
    """服务老人人数≥2000人, 指标值 empty, answered 1900人 with 20 of 20 written: the row was taken at
    its written score (a row with no target is judged as qualitative), so the shortfall passed.
    It is scored against the name's ≥2000人 (19.00): A305 and A307 follow, and ``fix`` waits for the
    target (S103) rather than write 19 over the 20."""
    from xltools.api import score_file
    from xltools.fix import corrections

    path = write(tmp_path, edits={"C14": "服务老人人数≥2000人", "D14": None, "E14": "1900人"})
    [row] = [r for r in score_file(path)[0].rows if r.cell == "G14"]
    assert (row.score, row.explain("zh")) == (19.0, "1900人/2000人（服务老人人数≥2000人） = 95.00% × 20 = 19.00")
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == [("S103", "D14"), ("A305", "G14"), ("A307", "H14"), ("A305", "G21")]
    assert {c.skipped for c in corrections(report.findings) if c.cell == "G14"} == {"pending"}


def test_a_rule_sets_lower_better_words_make_a_bare_target_a_ceiling(tmp_path):
    """退货率 5% (no ≥ or ≤) answered 3%: scored as an equality, 6.00 of 10 — also under a rule set
    that adds 退货率 to ``lower_better``, which reached the checks' words but not scoring. With the
    rule set it is the ceiling ≤5% (full marks) and G223 says so; without it, as before."""
    from xltools.api import score_file
    from xltools.ruleset import load_rules

    rules = tmp_path / "r.toml"
    rules.write_text('id = "p"\n[heuristics]\nlower_better = ["退货率"]\n', encoding="utf-8")
    path = write(tmp_path, edits={"C16": "退货率", "D16": "5%", "E16": "3%"})
    provincial = load_rules(str(rules))
    assert [r.score for r in score_file(path, provincial)[0].rows if r.name == "退货率"] == [10.0]
    assert findings(path, rules=provincial) == [("G223", "D16")]
    assert [r.score for r in score_file(path)[0].rows if r.name == "退货率"] == [6.0]


def test_a_satisfaction_on_an_unstated_scale(tmp_path):
    """老人满意度 ≥90% answered ``4.8分``: A316 (a unit that does not convert) and A305 asking for
    0.53, which ``fix`` wrote. A333 names the likely 5-point scale and how to write it; the row
    and the totals wait for the unit. Written ``4.8分（满分5分）`` it is 96 %, and clean."""
    from xltools.fix import corrections

    path = write(tmp_path, edits={"E20": "4.8分"})
    report = validate_file(path)
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A333", "E20", "「老人满意度」的实际完成值 4.8分 看来是5分制的满意度评分，指标值 ≥90% 却是百分比：按 4.8% 计分，得分偏低"),
        ("A305", "G20", "填写的得分 10 与计算值 0.53 不符（4.8分/90% = 5.33% × 10 = 0.53）"),
        ("A307", "H20", "「老人满意度」未完全达成，但未填写偏差原因分析及改进措施"),
        ("A305", "G21", "填写的总分 97.6 与计算值 88.13 不符（9.60 + 50.00 + 28.00 + 0.53）"),
        ("A306", "B22", "等级「优」与总分 88.13 对应的等级「良」不符")]
    assert report.findings[0].suggestion() == "按百分比填写满意度（如 96%），或写明满分：「4.8分（满分5分）」"
    assert {c.skipped for c in corrections(report.findings)} == {"pending"}
    assert findings(write(tmp_path, edits={"E20": "4.8分（满分5分）"}, name="b.xlsx")) == []


def test_a_completion_month_that_may_have_lost_its_trailing_zero(tmp_path):
    """2023.10 typed into a General cell is the number 2023.1, which Excel shows and we read as
    January: on time against 2023年9月30日前, where October is late. A334 says both readings; ``fix``
    does not write the full marks over a 0 the unit gave for October. Text ``2023.1``, or a deadline both months meet, is January and says nothing."""
    from xltools.fix import corrections

    row = dict(name="补助资金拨付完成时间", target="2023年9月30日前")
    path = write(tmp_path, rows_with(3, **row, actual=2023.1))
    report = validate_file(path)
    assert [(f.code, f.cell, f.message(), f.suggestion()) for f in report.findings] == [
        ("A334", "E17", "「补助资金拨付完成时间」的实际完成值 2023.1 是数字，按 2023年1月 计为按期完成；若填写的是 2023.10，"
                        "Excel 去掉了末尾的 0，即 2023年10月，则为未按期完成",
         "把完成时间写成文字或日期（「2023年10月」或「2023年1月」），不要写成小数")]
    assert report.findings[0].message("en") == (
        "the actual 2023.1 of 「补助资金拨付完成时间」 is a number, read as January 2023: on time; if 2023.10 was typed, "
        "Excel dropped its trailing 0, and October 2023 is late")
    late = validate_file(write(tmp_path, rows_with(3, **row, actual=2023.1), edits={"G17": 0}, name="late.xlsx"))
    assert [(f.code, f.cell) for f in late.findings][:2] == [("A334", "E17"), ("A305", "G17")]
    assert {c.skipped for c in corrections(late.findings) if c.cell == "G17"} == {"pending"}  # not 20 written over the 0
    assert findings(write(tmp_path, rows_with(3, **row, actual="2023.1"), name="b.xlsx")) == []
    assert findings(write(tmp_path, rows_with(3, name=row["name"], target="2023年12月31日前", actual=2023.1),
                          name="c.xlsx")) == []
    assert findings(write(tmp_path, rows_with(3, **row, actual=2023.11), name="d.xlsx"), select=["A334"]) == []


def test_a_contract_of_zero_is_no_contract(tmp_path):
    """健康讲座 (自行组织) with 0 where ``—`` belongs: an A310 error, "195 over the contract's 0"."""
    assert findings(write(tmp_path, edits={"D26": 0})) == []


@pytest.mark.parametrize(("actual", "found"), [
    ("2022年6月20日", [("A337", "E17")]), ("已于2022年11月完成验收", [("A337", "E17")]), ("2023年6月20日", []),
    ("2024年1月5日", [("A305", "G17"), ("A307", "H17"), ("A305", "G21"), ("A306", "B22")]),  # late, not earlier
])
def test_a_completion_before_the_tables_year(tmp_path, actual, found):
    path = write(tmp_path, rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual=actual))
    assert findings(path) == found


def test_fix_waits_for_a_completion_dated_before_the_tables_year(tmp_path):
    """2022年6月20日 in a 2023 table with 0 of 10 written (the unit may know it late, the year a
    typo): ``fix`` wrote the on-time 10 over the 0; it waits until the date is checked (A337)."""
    from xltools.fix import corrections

    path = write(tmp_path, rows_with(3, name="补助资金拨付完成时间", target="2023年6月30日前", actual="2022年6月20日"),
                 edits={"G17": 0})
    report = validate_file(path)
    assert ("A305", "G17") in [(f.code, f.cell) for f in report.findings]
    assert {c.skipped for c in corrections(report.findings) if c.cell == "G17"} == {"pending"}


def test_an_actual_written_as_a_range_is_compared_at_its_sure_end(tmp_path):
    """老人满意度 ≥90% answered ``85%~95%`` took full marks as words; it is 85 %, and A315 says so."""
    report = validate_file(write(tmp_path, edits={"E20": "85%~95%", "H20": "各站点不同"}))
    assert [(f.code, f.cell, f.message(), f.suggestion()) for f in report.findings][:2] == [
        ("A315", "E20", "定量指标「老人满意度」的实际完成值「85%~95%」不是数值，而是一个范围，已按对目标不利的一端 85% 与指标值比较",
         "填写实际达到的一个数值（各处不同的，填写总体值）"),
        ("A305", "G20", "填写的得分 10 与计算值 9.44 不符（85%（85%~95%）/90% = 94.44% × 10 = 9.44）", "改为 9.44")]


def test_an_actual_that_only_says_the_target_was_not_reached(tmp_path):
    """老人满意度 ≥90% answered ``低于90%``: read as 90 % it took full marks, with an A322 asking
    for 「90%」. It says the target was not reached: partly achieved (6.00), A335 asks for the value,
    A307 for the reason, and ``fix`` waits for the value rather than write 6.00 over the 10."""
    from xltools.fix import corrections

    report = validate_file(write(tmp_path, edits={"E20": "低于90%", "H20": "调查样本偏少"}))
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A335", "E20", "「老人满意度」的实际完成值「低于90%」只说明未达到指标值 ≥90%，没有写实际达到的数值：按部分达成年度指标并具有一定效果计分"),
        ("A305", "G20", "填写的得分 10 与计算值 6.00 不符（实际「低于90%」未达到目标 ≥90%，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00）"),
        ("A305", "G21", "填写的总分 97.6 与计算值 93.60 不符（9.60 + 50.00 + 28.00 + 6.00）")]
    assert report.findings[0].message("en") == ("the actual 「低于90%」 of 「老人满意度」 only says the target ≥90% was not "
                                                "reached, not the value reached: scored as partly achieved")
    assert {c.skipped for c in corrections(report.findings) if c.cell == "G20"} == {"pending"}
    # the near side says the target was met; its example no longer offers the bound as the value
    near = validate_file(write(tmp_path, edits={"E20": "超过90%"}, name="b.xlsx")).findings
    assert [(f.code, f.suggestion()) for f in near] == [("A322", "填写实际达到的数值，不带 ≥、≤、不低于、前 等字样")]
    close = validate_file(write(tmp_path, edits={"E20": "近100%"}, name="c.xlsx")).findings
    assert [(f.code, f.suggestion()) for f in close] == [("A315", "填写实际达到的数值（「近100%」不到 100%）")]


@pytest.mark.parametrize(("reason", "found"), [
    ("已完成", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「已完成」不是原因）"),  # the state, not its reason
    ("偏差原因：", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「偏差原因：」不是原因）"),  # the label alone
    ("……", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「……」不是原因）"),
    ("未达到目标值", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「未达到目标值」不是原因）"),  # the shortfall
    ("客观原因", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「客观原因」不是原因）"),  # names no cause
    ("详见报告", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「详见报告」不是原因）"),  # a pointer elsewhere
    ("不涉及", "「服务老人人数」未完全达成，但未填写偏差原因分析及改进措施（「不涉及」不是原因）"),
    ("已完成招募，部分老人转入其他机构", None),
])
def test_a_deviation_reason_that_gives_none(tmp_path, reason, found):
    """已完成, the label 偏差原因： or …… beside a row short of its target passed as its reason."""
    path = write(tmp_path, edits={"E14": "1900人", "G14": 19, "H14": reason})
    got = [f.message() for f in validate_file(path, select=["A307"]).findings]
    assert got == ([found] if found else [])


def test_an_actual_saying_not_applicable_is_left_out_of_a_self_evaluation(tmp_path):
    """服务老人人数 (20 of 100) with 实际完成值 ``不适用``: an unknown word was judged achieved, so the
    row kept its 20 points (97.60 优) with nothing said but A315. A declared indicator left
    unevaluated scores nothing (national ``not_applicable = "drop"``: 77.60 中), A332 says so and
    asks for the actual or the reason; a rule set's ``rescale`` takes the total on the 80 that
    apply. ``fix`` leaves the totals until the unit answers."""
    from xltools.api import score_file
    from xltools.fix import corrections
    from xltools.ruleset import load_rules

    path = write(tmp_path, edits={"E14": "不适用"})
    (result,) = score_file(path)
    assert (result.total, result.grade, result.rows[1].score, result.rows[1].explain()) == (
        77.6, "中", None, "实际完成值为「不适用」，分值 20 不计入总分")
    report = validate_file(path)
    assert [(f.code, f.cell, f.message()) for f in report.findings] == [
        ("A332", "E14", "「服务老人人数」的实际完成值为「不适用」：申报的绩效指标未评价，分值 20 不计入总分（填写的得分 20 也不计入）"),
        ("A305", "G21", "填写的总分 97.6 与计算值 77.60 不符（9.60 + 30.00 + 28.00 + 10.00）"),
        ("A306", "B22", "等级「优」与总分 77.60 对应的等级「中」不符")]
    assert [c.skipped for c in corrections(report.findings)] == ["pending", "pending"]
    rules = tmp_path / "r.toml"
    rules.write_text('id = "rescale"\n[selfeval]\nnot_applicable = "rescale"\n', encoding="utf-8")
    assert [(r.total, r.grade) for r in score_file(path, load_rules(str(rules)))] == [(97.0, "优")]
    assert [f.message() for f in validate_file(path, load_rules(str(rules)), select=["A332"]).findings] == [
        "「服务老人人数」的实际完成值为「不适用」：申报的绩效指标未评价，分值 20 不计入总分（填写的得分 20 也不计入）；"
        "总分按适用指标的 80 分折算：77.60 ÷ 80 × 100 = 97.00"]
    # a row declared 不涉及 and answered so is as written: nothing left out, but its weight is G225's
    path = write(tmp_path, edits={"D18": "不涉及", "E18": "不涉及", "G18": 20, "G21": 99.6}, name="b.xlsx")
    assert score_file(path)[0].total == 99.6
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == [
        ("G225", "D18", "「老人生活质量提升」的指标值为「不涉及」，却设有分值 20：不适用的指标不衡量任何结果，却计分")]
    path = write(tmp_path, GOALS, edits={"D16": "不涉及"}, name="goals.xlsx")  # the declaration it came from
    assert findings(path) == [("G225", "D16")]


def test_a_range_with_both_bounds_is_read_and_needs_no_finding(tmp_path):
    """≥95%且≤100% says which way each end binds: no G222 (a range without bounds), and no G201
    (it was "无法解析为数值", an error, and any actual met it)."""
    path = write(tmp_path, edits={"D17": "≥95%且≤100%", "E17": "90%", "G17": 9.47, "G21": 97.07,
                                  "H17": "个别拨付延迟"})
    assert findings(path) == []


def test_a_bare_limit_says_how_it_was_read(tmp_path):
    """G223 says a bare 30天 under 时效指标 was scored as ≤30天 — in our template too, whose hidden
    计算方向 reads it so from the row's own cells; where they do not show it (the 二级指标 cell left
    empty under a 时效 row) the template scores it as an equality, and G223 says that. Not for a
    rate there, a quantity, or a target that names its bound."""
    from xltools.api import read_workbook
    from xltools.templates import write_template

    path = write(tmp_path, rows_with(3, name="补助资金拨付时限", target="30天", actual="25天"))
    report = validate_file(path, select={"G223"})
    assert [(f.cell, f.message()) for f in report.findings] == [
        ("D17", "「补助资金拨付时限」的指标值「30天」没有写明 ≥ 或 ≤，已按上限「≤30天」计分")]
    assert findings(write(tmp_path, name="clean.xlsx"), select={"G223"}) == []  # =100%, ≥2000人 …
    out = tmp_path / "模板.xlsx"
    write_template("selfeval", str(out), source=read_workbook(path).tables[0])
    wb = openpyxl.load_workbook(out)
    ws = wb["绩效自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "补助资金拨付时限")
    assert ws.cell(row, 4).value == "≤"  # poured with the bound it was read by: no finding there
    assert findings(str(out), select={"G223"}) == []
    ws.cell(row, 4).value = None  # left empty in the template: its 计算方向 reads ≤ (it read =)
    wb.save(out)
    assert [f.message() for f in validate_file(str(out), select={"G223"}).findings] == [
        "「补助资金拨付时限」的指标值「30天」没有写明 ≥ 或 ≤，已按上限「≤30天」计分"]
    ws.cell(row - 1, 2).value, ws.cell(row, 2).value = "时效指标", None  # 时效 only above: the formula reads =
    wb.save(out)
    assert [f.message() for f in validate_file(str(out), select={"G223"}).findings] == [
        "「补助资金拨付时限」的指标值「30天」没有写明 ≥ 或 ≤，模板按「=」计分（少于目标按比例扣分），越少越好的应选「≤」"]


def test_an_actual_that_points_elsewhere_or_is_not_known_yet_is_no_value(tmp_path):
    """``见附件``, ``详见自评报告``, ``待统计``, ``暂无数据`` write no value: blank (0 points, A308, which
    shows the words). They were words: a reference and 待统计 took full marks, 正在统计中 60 %. A value
    followed by a reference (``已全部完成，详见附件``) is still read as what it says."""
    from xltools.api import score_file

    path = write(tmp_path, edits={"E14": "见附件", "E15": "待统计", "E16": "暂无数据", "E20": "已全部完成，详见附件"})
    report = validate_file(path)
    missing = [(f.cell, f.value, f.message("zh")) for f in report.findings if f.code == "A308"]
    assert missing == [
        ("E14", "见附件", "「服务老人人数」缺少实际完成值（「见附件」不是完成值，表中应写出完成了多少或怎样）"),
        ("E15", "待统计", "「开展健康讲座场次」缺少实际完成值（「待统计」不是完成值，表中应写出完成了多少或怎样）"),
        ("E16", "暂无数据", "「服务安全事故发生率」缺少实际完成值（「暂无数据」不是完成值，表中应写出完成了多少或怎样）")]
    assert ("A315", "E20") in {(f.code, f.cell) for f in report.findings}  # a word, scored as one
    rows = {r.name: r.score for r in score_file(path)[0].rows}
    assert (rows["服务老人人数"], rows["开展健康讲座场次"], rows["服务安全事故发生率"], rows["老人满意度"]) == (0, 0, 0, 10)
    empty = [f.message("zh") for f in validate_file(write(tmp_path, edits={"E14": None}, name="空.xlsx")).findings
             if f.code == "A308"]
    assert empty == ["「服务老人人数」缺少实际完成值"]  # blank: the message as before


def test_an_effect_that_cannot_be_judged_yet_is_no_value(tmp_path):
    """``待下年度评价``, ``无法评价``, ``有待观察`` as the whole result say nothing of it: A308 and 0
    (they were words that said nothing wrong: full marks). After a result, ``效益待观察`` is partly."""
    path = write(tmp_path, edits={"E18": "待下年度评价", "G18": None, "E20": "无法评价", "G20": None})
    assert [c for c in findings(path) if c[0] == "A308"] == [("A308", "E18"), ("A308", "E20")]
    path = write(tmp_path, edits={"E18": "已完成，效益待观察", "G18": None}, name="后.xlsx")
    assert {r.name: r.score for r in score_file(path)[0].rows}["老人生活质量提升"] == 12  # 60 % of 20


def test_a_deadline_without_its_year_is_in_the_tables_year(tmp_path):
    """``年底前完成`` in a 2023 table is missed by ``2024年3月完成``: the deadline's missing year is
    the table's (it took the completion's, so 年底前 met any month of any year: full marks). A
    declared ``12月底前`` is the same target as ``2023年12月底前``, whichever table states its year."""
    from xltools.api import read_goals, score_file

    late = write(tmp_path, edits={"C17": "资金拨付完成时间", "D17": "年底前完成", "E17": "2024年3月完成"}, name="晚.xlsx")
    row = next(r for r in score_file(late)[0].rows if r.name == "资金拨付完成时间")
    assert (row.score, row.explain("zh")) == (0.0, "实际 2024年3月完成，目标 年底前完成：未按期完成，按 0.00% × 10 = 0.00")
    assert ("A305", "G17") in findings(late)
    within = write(tmp_path, edits={"C17": "资金拨付完成时间", "D17": "年内完成", "E17": "2024年3月完成"}, name="年内.xlsx")
    assert [r.score for r in score_file(within)[0].rows if r.name == "资金拨付完成时间"] == [0.0]  # (a word: met)
    assert findings(write(tmp_path, edits={"C17": "资金拨付完成时间", "D17": "年底前完成", "E17": "2023年11月完成"}, name="准时.xlsx")) == []
    goals = read_goals(write(tmp_path, GOALS, {"A2": None, "C15": "资金拨付完成时间", "D15": "12月底前"}, name="目标.xlsx"))  # no 年度
    same = write(tmp_path, edits={"C17": "资金拨付完成时间", "D17": "2023年12月底前", "E17": "2023年11月"}, name="同.xlsx")
    assert findings(same, goals=goals, select={"A311"}) == []
    other = write(tmp_path, edits={"C17": "资金拨付完成时间", "D17": "2023年11月底前", "E17": "2023年11月"}, name="异.xlsx")
    assert findings(other, goals=goals, select={"A311"}) == [("A311", "D17")]


def test_savings_filed_under_benefits_are_no_cost_measure(tmp_path):
    """``节约成本 ≥10万元`` under 经济效益指标 is a benefit (money saved), not a cost measure filed in the
    wrong place: no G206 (it was one); so are a cost borne for the people served (医疗费用报销比例,
    学杂费减免人数) and funding secured (经费保障率). A cost itself filed there still is."""
    for name in ("节约成本", "节省运营经费", "降低企业物流成本", "医疗费用报销比例", "学杂费减免人数", "经费保障率"):
        path = write(tmp_path, rows_with(4, level2="经济效益指标", name=name, target="≥10万元", actual="12万元"),
                     name=f"{name}.xlsx")
        assert findings(path, select={"G206"}) == []
    cost = write(tmp_path, rows_with(4, level2="经济效益指标", name="运营成本", target="≤10万元", actual="9万元"),
                 name="成本.xlsx")
    assert findings(cost, select={"G206"}) == [("G206", "B18")]


#: A multi-year road project's declaration (实施期 beside 年度): its money rows and indicator rows vary.
ROAD_MONEY = [["项目资金（万元）", "年度资金总额", 600, "其中：财政拨款", 600, "其他资金", 0]]
ROAD_ROWS = [["产出指标", "数量指标", "道路提升里程", "≥50公里", "≥20公里", 40],
             ["产出指标", "质量指标", "工程验收合格率", "100%", "100%", 20],
             ["效益指标", "社会效益指标", "受益群众人数", "≥5万人", "≥20000人", 20],
             ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥95%", 20]]


def road_declaration(tmp_path, *, money=ROAD_MONEY, midterm="三年内完成50公里道路提升，受益群众5万人。",
                     rows=ROAD_ROWS) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["项目支出绩效目标申报表"], ["（2024年度）"], ["项目名称", "乡村道路提升工程", None, "主管部门", "县交通局"],
                ["实施单位", "县公路站"], *money, ["总体目标", "实施期目标", None, None, "年度目标"],
                [None, midterm, None, None, "2024年完成20公里道路提升，受益群众2万人。"],
                ["一级指标", "二级指标", "三级指标", "实施期指标值", "年度指标值", "分值"], *rows):
        ws.append(row)
    path = tmp_path / "申报.xlsx"
    wb.save(path)
    return str(path)


def test_an_annual_target_beyond_the_periods_is_g224(tmp_path):
    """A declaration of a multi-year project states 实施期指标值 beside 年度指标值: ``≥60公里`` a year
    of ``≥50公里`` over the period is one of them wrong (G224). Rates, ceilings, dates and an annual
    part of the period are not; 实施期 labels were not read (the column was left out)."""
    from xltools.reading import read_workbook

    path = road_declaration(tmp_path, rows=[
        ["产出指标", "数量指标", "道路提升里程", "≥50公里", "≥60公里", 30],
        ["产出指标", "质量指标", "工程验收合格率", "100%", "100%", 20],
        ["产出指标", "时效指标", "年度任务完成时间", "2026年底前", "2024年底前", 10],
        ["效益指标", "社会效益指标", "受益群众人数", "≥5万人", "≥20000人", 20],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥95%", 10],
        ["成本指标", "经济成本指标", "每公里提升成本", "≤30万元", "≤35万元", 10]])
    table = read_workbook(path).tables[0]
    assert [i.target_midterm.text for i in table.indicators][:2] == ["≥50公里", "100%"]
    got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code.startswith("G22")]
    assert got == [("G224", "E9", "「道路提升里程」的年度指标值 ≥60公里 超过中期（实施期）指标值 ≥50公里")]


@pytest.mark.parametrize("label", ["实施期指标值", "中期指标值", "长期指标值", "中长期目标值", "项目期指标值", "项目周期指标值"])
def test_the_midterm_target_column_however_headed(tmp_path, label):
    """长期指标值, 项目期指标值 … were no column: the period's targets were left out, and an annual
    target beyond its period's unsaid (G224)."""
    path = road_declaration(tmp_path, rows=[["产出指标", "数量指标", "道路提升里程", "≥50公里", "≥60公里", 40],
                                            *ROAD_ROWS[1:]])
    wb = openpyxl.load_workbook(path)
    assert wb.active["D8"].value == "实施期指标值"
    wb.active["D8"] = label
    wb.save(path)
    assert [(f.code, f.cell) for f in validate_file(path).findings if f.code == "G224"] == [("G224", "E9")]


@pytest.mark.parametrize(("midterm", "found"), [
    (400, [("A340", "C5", "年度资金总额 600 万元超过中期资金总额 400 万元")]),
    (1800, []),
])
def test_annual_funds_beyond_the_midterm_funds(tmp_path, midterm, found):
    """The national form of 2015 states 中期资金总额 beside 年度资金总额: a year above its period is
    one of the two wrong (A340), as G224 says of targets."""
    path = road_declaration(tmp_path, money=[["项目资金（万元）", "中期资金总额", midterm, "年度资金总额", 600],
                                             [None, "其中：财政拨款", midterm, "其中：财政拨款", 600],
                                             [None, "其他资金", 0, "其他资金", 0]])
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A340"] == found


@pytest.mark.parametrize(("money", "found"), [
    ([["项目资金（万元）", "中期资金总额", 1800, "年度资金总额", 600],  # its split beside each total
      [None, "其中：财政拨款", 1500, "其中：财政拨款", 600], [None, "其他资金", 200, "其他资金", 0]],
     [("A301", "C5", "中期资金总额（财政拨款 + 其他资金）：1800 ≠ 分项合计 1700")]),
    ([["项目资金（万元）", "中期资金总额", 1800, "年度资金总额", 600],
      [None, "其中：财政拨款", 1800, "其中：财政拨款", 500], [None, "其他资金", 0, "其他资金", 0]],
     [("A301", "E5", "年度资金总额（财政拨款 + 其他资金）：600 ≠ 分项合计 500")]),
    ([["中期资金总额", 1800, "其中：财政拨款", 1800, "其他资金", 0],  # a row each: the year's parts on its row
      ["年度资金总额", 600, "其中：财政拨款", 600, "其他资金", 0]], []),
    ([["中期资金总额", 1800, "其中：财政拨款", 1700, "其他资金", 0],
      ["年度资金总额", 600, "其中：财政拨款", 600, "其他资金", 0]],
     [("A301", "B5", "中期资金总额（财政拨款 + 其他资金）：1800 ≠ 分项合计 1700")]),
])
def test_the_midterm_funds_split_adds_up(tmp_path, money, found):
    """The national form of 2015 splits its 中期资金总额 as its 年度资金总额 (财政拨款 + 其他资金): the
    period's split went unchecked, and where the two totals stood a row each, the year's total was held
    against the period's 财政拨款 (A301 "600 ≠ 1800" on a right declaration)."""
    path = road_declaration(tmp_path, money=money)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A301"] == found


@pytest.mark.parametrize(("midterm", "found"), [
    ("三年内完成40公里道路提升，受益群众5万人，总投资1800万元。",
     [("B7", "中期目标写「三年内完成40公里道路提升」，与「道路提升里程」的中期指标值 ≥50公里 不一致")]),
    ("三年内完成50公里道路提升，受益群众5万人，总投资1800万元。", []),  # (the period's money: not the year's 600)
])
def test_a_midterm_goal_against_the_midterm_targets(tmp_path, midterm, found):
    """A declaration's 实施期目标 restates the 实施期指标值 as the 年度目标 does the 年度指标值 (A339)."""
    path = road_declaration(tmp_path, midterm=midterm)
    assert [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "A339"] == found


@pytest.mark.parametrize("label", ["合同额", "合同价", "中标金额"])
def test_line_item_contract_headed_otherwise(tmp_path, label):
    """合同额, 合同价, 中标金额: the contract amount (it was not read: a contract over the budget, or
    spending over the contract, went unseen)."""
    path = write(tmp_path, edits={"D24": label, "D25": 320}, name="合同.xlsx")
    assert findings(path) == [("A309", "D25")]


@pytest.mark.parametrize("label", ["已支付金额", "支付金额", "实际支付金额", "执行金额", "已支出金额", "已支付", "付款金额"])
def test_line_item_spending_headed_as_paid(tmp_path, label):
    """已支付金额, 支付金额 …: the line items' spending (it was not read: spending above the contract
    went unseen, no A310)."""
    path = write(tmp_path, edits={"E24": label, "E25": 295, "E26": 185}, name="付.xlsx")  # (480 in all: no A338)
    assert findings(path) == [("A310", "E25")]


@pytest.mark.parametrize("label", ["得分", "执行率得分", "执行得分", "预算执行得分", "自评得分"])
def test_the_funds_score_column_by_other_names(tmp_path, label):
    """The funds block's 得分 headed 执行率得分 / 执行得分: not read, so a wrong execution score (9 for
    9.60) went unsaid (A305) — and was no written score the total was held against."""
    assert findings(write(tmp_path, edits={"H6": label, "H7": 9})) == [("A305", "H7")]


@pytest.mark.parametrize("edits", [{"E24": "执行数"}, {"E24": "支出额"}, {"B24": "明细"}, {"B24": "资金用途"},
                                   {"B24": "支出事项"}, {"C24": "预算安排"}, {"C24": "批复金额"}, {"C24": "预算安排数"}])
def test_line_item_columns_as_forms_head_them(tmp_path, edits):
    """资金使用情况 headed 执行数 / 支出额 (the spending), 明细 / 资金用途 (the content), 预算安排 / 批复金额
    (the budget): the block was not read at all, or not its spending — a spending above its contract
    went unsaid (A310)."""
    path = write(tmp_path, edits={**edits, "E25": 295, "E26": 185}, name="列.xlsx")
    assert findings(path) == [("A310", "E25")]


@pytest.mark.parametrize("edits, found", [
    # only the fiscal funds itemised: 财政拨款 400 / 380, carry-over 100 / 100
    ({"D8": 400, "E8": 380, "D9": 100, "E9": 100, "C25": 250, "D25": 240, "E25": 235, "C26": 150, "E26": 145}, []),
    # the block in 元, said in its header: 5000000元 is 500万元
    ({"C24": "预算金额（元）", "D24": "合同签订金额（元）", "E24": "支出金额（元）", "C25": 3000000, "D25": 2900000,
      "E25": 2850000, "C26": 2000000, "E26": 1950000}, []),
    # ... not said: 5000000 万元 against 500
    ({"C25": 3000000, "D25": 2900000, "E25": 2850000, "C26": 2000000, "E26": 1950000}, [("A338", "C26"), ("A338", "E26")]),
    ({"E26": None}, [("A338", "E26")]),  # an item's spending left out
])
def test_line_items_add_up_to_the_funds(tmp_path, edits, found):
    """资金使用情况 itemises the year's funds: its items add up to 年度资金总额's 全年预算数 and 全年执行数
    (or 财政拨款's). An item left out, or amounts in 元 in a 万元 table, passed unseen."""
    assert findings(write(tmp_path, edits=edits), select={"A338"}) == found


def stacked(tmp_path, gap=2, second=None, name="自评表.xlsx"):
    """CLEAN, and below it (``gap`` empty rows) CLEAN again as 第二个项目 with the cells of ``second``
    (counted from its own row 1) typed over it: a sheet of projects one below another. Returns the
    path and the row above the second copy."""
    path = write(tmp_path, name=name)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    below = ws.max_row + gap
    for i, row in enumerate(rows, start=below + 1):
        for j, v in enumerate(row, start=1):
            if v is not None:
                ws.cell(i, j, "第二个项目" if v == CLEAN.project else v)
    for (r, c), v in (second or {}).items():
        ws.cell(below + r, c, v)
    wb.save(path)
    return path, below


@pytest.mark.parametrize("gap", [0, 2])
def test_projects_one_below_another_keep_their_line_items(tmp_path, gap):
    """A sheet of projects one below another, each with its 资金使用情况: the first project's block ran
    on over the second's title, header and funds (1,000s of 万元 "items", A338 twice) and took the
    second's items too, which went unchecked (a spending above its contract, A310, unsaid)."""
    # the second project's 护理服务采购: 295 spent of a contract of 290 (480 in all, as its funds say)
    path, below = stacked(tmp_path, gap, {(25, 5): 295, (26, 5): 185})
    [first, second] = read_workbook(path).tables
    assert [(i.row, i.spent) for i in first.line_items] == [(25, 285), (26, 195)]
    assert [(i.row, i.spent) for i in second.line_items] == [(below + 25, 295), (below + 26, 185)]
    assert findings(path) == [("A310", f"E{below + 25}")]


@pytest.mark.parametrize("name, target, actual, score, explain", [
    # the saving is the measure: 8万元 (it was 10 − 8 = 2万元 saved of the target: 2.00)
    ("采购节约资金", "≥10万元", "节约资金8万元", 8.0, "8万元/10万元 = 80.00% × 10 = 8.00"),
    ("成本节约率", "≥5%", "节约4.8%", 9.6, "4.8%/5% = 96.00% × 10 = 9.60"),  # (it was a word: met)
    ("采购资金节约率", "≥5%", "共节约资金12万元，节约率4%", 8.0, "4%/5% = 80.00% × 10 = 8.00"),  # the clause of the rate
    # what is new, of a measure of what is new (it was a word: met; then the 25 in all)
    ("新增合作机构数量", "≥10家", "新增8家", 8.0, "8家/10家 = 80.00% × 10 = 8.00"),
    ("新增合作机构数量", "≥10家", "新增8家，累计达到25家", 8.0, "8家/10家 = 80.00% × 10 = 8.00"),
    ("新增就业岗位", "≥100个", "新增就业岗位80个", 8.0, "80个/100个 = 80.00% × 10 = 8.00"),
    # of a cost, a saving is what was not spent of it (as before)
    ("项目成本", "≤100万元", "节约8万元", 10.0, "实际 92万元（节约8万元） ≤ 目标 100万元，得满分 10.00"),
])
def test_an_amount_said_with_the_verb_of_its_name(tmp_path, name, target, actual, score, explain):
    (result,) = score_file(write(tmp_path, edits={"C16": name, "D16": target, "E16": actual, "G16": score}))
    row = next(r for r in result.rows if r.name == name)
    assert (row.score, row.explain("zh")) == (score, explain)


@pytest.mark.parametrize("name, target, actual, score, explain, codes", [
    # it was the count against the rate: 12 of 100 % (1.20, A316), 120 % (A321)
    ("乡镇覆盖率", "100%", "12个乡镇全覆盖", 10.0, "实际 100%（12个乡镇全覆盖） = 目标 100%，得满分 10.00", []),
    ("村级覆盖率", "≥95%", "120个村全覆盖", 10.0, "实际 100%（120个村全覆盖） ≥ 目标 95%，得满分 10.00", []),
    ("抽检合格率", "≥98%", "50批次全部合格", 10.0, "实际 100%（50批次全部合格） ≥ 目标 98%，得满分 10.00", []),
    # a bare count against a rate stays A316's (no 120 % of A321, nor an over-achievement of A312)
    ("村级覆盖率", "≥95%", "120个", 10.0, "实际 120个 ≥ 目标 95%，得满分 10.00", ["A316"]),
])
def test_a_count_said_to_be_whole_against_a_rate(tmp_path, name, target, actual, score, explain, codes):
    path = write(tmp_path, edits={"C16": name, "D16": target, "E16": actual, "G16": score})
    row = next(r for r in score_file(path)[0].rows if r.name == name)
    assert (row.score, row.explain("zh")) == (score, explain)
    assert [f.code for f in validate_file(path).findings if f.cell[1:] == "16"] == codes


@pytest.mark.parametrize("name, target, direction, found", [
    ("资金拨付及时率", "及时", "", [("G221", "E16")]),  # (E: after the 指标性质 column)
    ("服务安全事故发生率(%)", "按规定执行", "", [("G221", "E16")]),
    ("资金拨付及时率", "及时", "定性", []),  # said to be qualitative
    ("工作效率", "明显提高", "", []),  # 效率: a benefit in words
    ("老人满意率", "满意", "", []),  # G202's
])
def test_a_rate_with_a_target_in_words(tmp_path, name, target, direction, found):
    """A rate's target in words (``及时``, ``按规定执行``) measures nothing, as a 数量指标's does."""
    sample = rows_with(2, name=name, target=target, direction=direction, actual="100%")
    assert findings(write(tmp_path, sample, layout=Layout(direction_column=True)), select={"G221"}) == found


def test_a_department_spending_over_its_budget(tmp_path):
    """部门整体: 全年执行数 6000 over 全年预算数 5333.85 was scored the full 20, capped, with nothing
    said; a project's spending over budget is A302, and so is a department's."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["部门整体自评表.xlsx"]
    path = tmp_path / "部门.xlsx"
    write_sample(replace(sample, amounts=[(f, 6000 if f == "全年执行数" else v) for f, v in sample.amounts]), path, layout)
    report = validate_file(path)
    assert [(f.code, f.cell, f.message()) for f in report.findings if f.code == "A302"] == [
        ("A302", "B8", "部门执行数 6000 大于预算数 5333.85")]


def test_a_total_weight_is_held_to_the_weights_only_when_they_are_right(tmp_path):
    """Weights of 105 under a 总分 row of 100 are G208's; an A301 for the 100 would say it twice."""
    path = write(tmp_path, edits={"F14": 25, "G14": 25, "F21": 100})
    assert [c for c, _ in findings(path, select={"A301", "G208"})] == ["G208"]


@pytest.mark.parametrize("name, target, actual", [
    ("抽检合格率", "≥98%", f"抽检{'9' * 400}批次，合格{'9' * 400}批次"),  # inf / inf: NaN, which crashed the explanation
    ("培训人次", "≥500人次", f"举办3期培训班共培训{'9' * 400}人次"),
])
def test_four_hundred_digits_in_a_sentence_are_no_count(tmp_path, name, target, actual):
    path = write(tmp_path, edits={"C16": name, "D16": target, "E16": actual})
    (result,) = score_file(path)
    assert all(r.score is None or r.score == r.score for r in result.rows)  # (NaN is not itself)
    assert ("A315", "E16") in findings(path)


@pytest.mark.parametrize(("edits", "found"), [
    # the achievement's figure against the row's actual, the goal's against the target
    ({"E12": "服务老人1800名，开展讲座24场，满意度95%。"},
     [("E12", "年度总体目标的实际完成情况写「服务老人1800名」，与「服务老人人数」的实际完成值 2050人 不一致")]),
    ({"B12": "全年为辖区2000名老人提供日间照料服务，开展健康讲座30场，老人满意度达到90%以上。"},
     [("B12", "年度总体目标的预期目标写「开展健康讲座30场」，与「开展健康讲座场次」的指标值 ≥24场 不一致")]),
    # agreeing: to the text's precision, in another unit within 5 %, a plan beside the figure done,
    # approximate, a change, a part, or a figure no indicator is named like
    ({"E12": "服务老人：1800名"},  # (the clause as typed)
     [("E12", "年度总体目标的实际完成情况写「服务老人：1800名」，与「服务老人人数」的实际完成值 2050人 不一致")]),
    ({"E12": "服务老人0.2万名，开展讲座24场，满意度95%。"}, []),
    ({"E12": "计划服务老人2000名，实际服务老人2050名，开展讲座24场"}, []),
    ({"E12": "服务老人2000余名，开展讲座20多场"}, []),
    ({"E12": "服务老人2050名，较上年增加服务老人300名，其中新增讲座5场"}, []),
    ({"E12": "投入资金480万元，培训护理员35名"}, []),
    ({"E20": "95.3%"}, []),  # the text's 满意度95% is 95.3 % to its precision
    # money against the funds block: spending, the budget, the execution rate (any row's amount agrees:
    # a text may speak of the fiscal funds); a part, a multi-year whole or another amount is none
    ({"E12": "服务老人2050名，支出资金470万元。"},
     [("E12", "年度总体目标的实际完成情况写「支出资金470万元」，与「年度资金总额」的全年执行数 480 万元 不一致")]),
    ({"E12": "服务老人2050名，全年支出4,800,000元，预算执行率95%。"},
     [("E12", "年度总体目标的实际完成情况写「预算执行率95%」，与「年度资金总额」的预算执行率 96% 不一致")]),
    ({"E12": "服务老人2,050名，全年支出4,500,000元。"},  # (quoted with its commas, as typed)
     [("E12", "年度总体目标的实际完成情况写「全年支出4,500,000元」，与「年度资金总额」的全年执行数 480 万元 不一致")]),
    ({"B12": "安排资金600万元，为辖区2000名老人提供日间照料服务，开展健康讲座24场。"},
     [("B12", "年度总体目标的预期目标写「安排资金600万元」，与「年度资金总额」的全年预算数 500 万元 不一致")]),
    ({"E12": "财政资金到位450万元，共投入480万元，执行率96%"}, []),  # (what arrived may fall short)
    ({"E12": "项目总投资1000万元，中央资金支出300万元，合同金额290万元"}, []),
    ({"E12": "政府采购护理服务支出285万元，自行组织健康讲座支出195万元"}, []),  # the line items' spending
])
def test_a_figure_of_the_goal_texts_against_the_table(tmp_path, edits, found):
    """A reviewer reads the goal texts beside the table: 实际完成情况 saying 1800名 where 服务老人人数
    says 2050人 contradicts it (nothing looked); a figure goes with the indicator named most like
    its clause, and only a figure that agrees with none of its values is one."""
    path = write(tmp_path, edits=edits)
    assert [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "A339"] == found


@pytest.mark.parametrize(("name", "goal", "achieved", "found"), [
    ("部门整体自评表.xlsx", "全年举办展会10个，服务企业500家以上。", "全年举办展会8个，服务企业460家。",
     [("E12", "年度总体目标的实际完成情况写「全年举办展会8个」，与「举办展会数量」的实际完成值 12个 不一致")]),
    ("部门整体自评表.xlsx", "全年举办展会10个，服务企业500家以上。", "全年举办展会12个，服务企业460家。", []),
    # its money against its amounts: 全年执行数 5169.65 of 全年预算数 5333.85 (96.92 %)
    ("部门整体自评表.xlsx", "举办展会10个。", "全年举办展会12个，支出4800万元，预算执行率90%。",
     [("E12", "年度总体目标的实际完成情况写「支出4800万元」，与「部门预算」的全年执行数 5169.65 万元 不一致"),
      ("E12", "年度总体目标的实际完成情况写「预算执行率90%」，与「部门预算」的预算执行率 96.92% 不一致")]),
    ("部门整体自评表.xlsx", "举办展会10个。", "全年预算5333.85万元，支出5169.65万元，执行率96.92%。", []),
    # a monitoring table's goal against its targets and funds; its 实际完成情况 (months so far) is not held
    ("监控表.xlsx", "组织参展企业120家，搭建展位3000平方米，安排资金900万元。", "1-6月参展企业55家",
     [("B10", "年度总体目标的预期目标写「组织参展企业120家」，与「参展企业数量」的指标值 ≥100家 不一致"),
      ("B10", "年度总体目标的预期目标写「安排资金900万元」，与「年度资金总额」的全年预算数 1000 万元 不一致")]),
    ("监控表.xlsx", "组织参展企业100家以上，搭建展位3000平方米，安排资金1000万元。", "1-6月参展企业55家", []),
])
def test_a_department_or_monitoring_tables_goal_texts(tmp_path, name, goal, achieved, found):
    """部门整体 and 监控表 carry the same goal texts as a project's tables; their figures went unread."""
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()[name]
    path = tmp_path / name
    write_sample(replace(sample, annual_goal=goal, achieved=achieved), path, layout)
    assert [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "A339"] == found


def test_a_declarations_goal_against_its_targets(tmp_path):
    """The declaration's 年度目标 against its own targets (2500名 where the row declares ≥2000人)."""
    goal = "全年为辖区2500名老人提供日间照料服务，开展健康讲座24场，老人满意度达到90%以上。"
    path = write(tmp_path, replace(GOALS, annual_goal=goal), name="目标.xlsx")
    got = [f for f in validate_file(path).findings if f.code == "A339"]
    assert [(f.value, f.message("en")) for f in got] == [(
        "全年为辖区2500名老人提供日间照料服务",
        "the expected result of the annual goal says 「全年为辖区2500名老人提供日间照料服务」, where 「服务老人人数」 has "
        "the target ≥2000人")]


@pytest.mark.parametrize(("edits", "found"), [
    # a satisfaction under 产出/质量 or 效益: not under 满意度指标 (nor an older 效益—服务对象满意度指标)
    ({"C18": "群众满意度", "D18": "≥90%", "E18": "95%", "G18": 20, "H18": None}, [("G226", "A18")]),
    ({"C18": "群众满意度", "D18": "≥90%", "E18": "95%", "G18": 20, "H18": None, "B18": "服务对象满意度指标"}, []),
    ({"C16": "满意度调查次数", "D16": "≥2次", "E16": "2次"}, []),  # surveys held: work
    # a count of the project's own work under 效益: an output; an effect named so is not
    ({"C19": "举办展会场次", "D19": "≥5场", "E19": "5场"}, [("G227", "C19")]),
    ({"C19": "改造老旧小区面积", "D19": "≥5000平方米", "E19": "5000平方米"}, [("G227", "C19")]),
    ({"C19": "培训后就业人数", "D19": "≥500人", "E19": "520人"}, []),
    ({"C19": "带动就业人数", "D19": "≥500人", "E19": "520人"}, []),
    ({"C19": "完成验收合格率", "D19": "≥95%", "E19": "98%"}, []),  # a rate
])
def test_indicators_filed_under_another_level(tmp_path, edits, found):
    """满意度 under 质量指标, and 效益指标 that count outputs (``培训农民人数``): what evaluation reports
    criticise ("将产出指标作为效益指标"); they passed unseen."""
    path = write(tmp_path, edits=edits)
    assert [c for c in findings(path) if c[0] in ("G226", "G227")] == found


@pytest.mark.parametrize("actual", ["满意度95%", "群众满意度为95%", "满意度：95%"])
def test_a_satisfaction_named_before_its_value_is_the_value(tmp_path, actual):
    """``满意度95%`` as the actual of 满意度 ≥90% was "not a number" (A315) where ``满意率95%`` was the
    number 95 %: the name said before the value, as a survey report writes it."""
    path = write(tmp_path, edits={"E20": actual})
    assert findings(path) == []
    assert score_file(path)[0].rows[-1].explain() == "实际 95% ≥ 目标 90%，得满分 10.00"


def test_a_satisfaction_target_with_its_number_under_qualitative_is_no_word(tmp_path):
    """满意度90% beside 定性 is a number to reach (G228), not a target written as a word (G202)."""
    path = write(tmp_path, edits={"D20": "定性", "E20": "满意度90%", "F20": "满意度95%"},
                 layout=Layout(direction_column=True))
    assert findings(path) == [("G228", "D20")]


def _department_book(tmp_path, spent, rates, execution_row):
    """domain.md §4's department (5333.85 budgeted, 全年执行数 ``spent``), ``rates`` written beside its
    amounts, and with ``execution_row`` a 预算执行率 indicator (≥95%, 96.92%) scored 20 of 20."""
    execution = [["当年预算执行情况", "预算执行", "预算执行率", "≥95%", "96.92%", 20, 20]] if execution_row else []
    rows = [["部门整体绩效自评表"], ["（2022年度）"], ["部门名称", "市贸促会"], ["主管部门", "市贸促会", None, "实施单位", "市贸促会"],
            ["年初预算数", 5029.86], ["全年预算数", 5333.85], ["全年执行数", spent], ["支出决算数", 5169.66],
            ["结转结余总额", 172.89], *rates,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], *execution,
            ["整体绩效目标实现情况", "产出", "举办展会数量", "≥10个", "10个", 60, 60],
            ["预算管理情况", "预算编制", "预算编制准确性", "准确", "准确", 20, 20],
            ["总分", None, None, None, None, 100, 100 if execution_row else 99.38]]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    path = tmp_path / "部门.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(("label", "final"), [("支出总额", "决算支出总额"), ("全年支出总额", "支出决算总额"),
                                            ("全年执行数", "决算支出总额")])
def test_a_departments_spending_by_other_names(tmp_path, label, final):
    """支出总额 and 决算支出总额 were no amounts the reader knew: with no spending, the 当年预算执行情况
    score (19.38 of 20) was left out and the total fell to 80.00 (A305); without the 决算, no
    预决算差异率 (domain.md §4: 2.78 %)."""
    path = _department_book(tmp_path, 5169.65, [], False)
    wb = openpyxl.load_workbook(path)
    wb.active["A7"], wb.active["A8"] = label, final
    wb.save(path)
    assert findings(path) == []
    scored = score_file(path)[0]
    assert (scored.total, scored.figures["final_diff_rate"]) == (99.38, 0.0278)


@pytest.mark.parametrize(("spent", "rates"), [
    ("96.92%", []), ("96.92%", [["预算执行率", 0.9692]]), (0.9692, [["预算执行率", "96.92%"]])])
@pytest.mark.parametrize("execution_row", [True, False])
def test_a_departments_rate_typed_as_its_spending(tmp_path, spent, rates, execution_row):
    """部门整体's 全年执行数 typed ``96.92%`` (or 0.9692 beside a 预算执行率 of 96.92%) was 0.9692 万元:
    an execution rate of 0.02 %, a 预算执行率 row's 96.92% "wrong" (A303), the execution score 0 and,
    with no rate written, nothing said at all. It is A341, as a project's funds row; fix leaves the
    totals until the amount is right."""
    from xltools.fix import fix_copy

    path = _department_book(tmp_path, spent, rates, execution_row)
    report = validate_file(path)
    got = [(f.code, f.cell, f.message()) for f in report.findings]
    assert got[0] == ("A341", "B7", "「部门整体」的全年执行数写的是执行率 96.92%，不是金额：按它算出的执行率只有 0.02%")
    assert report.findings[0].value == 0.9692  # as written (``96.92%`` / 100 was 0.9692000000000001)
    assert [code for code, *_ in got[1:]] == ([] if execution_row else ["A305"])  # (the total: 80 of 99.38)
    assert [c.skipped for c in fix_copy(str(path), str(tmp_path / "修正.xlsx")).changes] == (
        [] if execution_row else ["pending"])


#: The result table an evaluation ends with (domain.md §3.4), its 总分 85.99, then 评价等级 in B22.
RESULT_TABLE = {"A16": "一级指标", "B16": "分值", "C16": "得分", "D16": "得分率", "A17": "决策", "B17": 10, "C17": 8.32,
                "A18": "过程", "B18": 20, "C18": 17.42, "A19": "产出", "B19": 40, "C19": 37.81, "A20": "效益",
                "B20": 30, "C20": 22.44, "A21": "总分", "B21": 100, "C21": 85.99, "A22": "评价等级"}


@pytest.mark.parametrize("label", ["总分", "综合得分", "最终得分", "评价得分"])
def test_a_result_tables_total_by_other_names(tmp_path, label):
    """The result table's total row labelled 综合得分 / 最终得分 was a fifth part: its 86 against the
    parts' 85.99 went unsaid (A301, A305), and so did the grade below it (优 for 85.99)."""
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = write(tmp_path, sample, {**RESULT_TABLE, "A21": label, "C21": 86, "B22": "优"}, layout=layout)
    assert findings(path) == [("A301", "C21"), ("A305", "C21"), ("A306", "B22")]


@pytest.mark.parametrize("label", ["平均得分", "专家评分平均值", "专家平均评分", "平均值", "专家组平均分", "算术平均分"])
def test_an_expert_mean_column_however_headed(tmp_path, label):
    """The experts' mean headed 专家评分平均值, 平均值, 算术平均分: no column, so a written 4.50 for the
    experts' 4.27 went unsaid (A305)."""
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = write(tmp_path, sample, {"I6": label, "I7": 4.5}, layout=layout)
    assert findings(path) == [("A305", "I7")]


@pytest.mark.parametrize("label", ["一级指标", "指标", "评价指标", "指标名称", "评价维度"])
def test_a_result_table_headed_otherwise(tmp_path, label):
    """A result table headed 评价指标 | 分值 | 得分 | 得分率 was the score sheet's indicator rows going on
    (S102 for 决策 …, S103 for every part, the total "not written"): a part's wrong score went unsaid."""
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = write(tmp_path, sample, {**RESULT_TABLE, "A16": label, "C18": 18, "B22": "良"}, layout=layout)
    assert findings(path) == [("A305", "C18"), ("A301", "C21")]


@pytest.mark.parametrize(("grade", "found"), [("优", [("A306", "B22")]), ("良", []), (None, [("A326", "B22")])])
def test_an_evaluations_grade_below_its_result_table(tmp_path, grade, found):
    """评价等级 below the result table's 总分 was never read: 优 for 85.99 (良) passed, and so did none."""
    from xltools.samples import demo_samples

    sample, layout = demo_samples()["评价评分表.xlsx"]
    path = write(tmp_path, sample, {**RESULT_TABLE, "B22": grade}, layout=layout)
    assert findings(path) == found
    # the result table on a sheet of its own (评价结果), the grade below it: read too (a written one)
    path = write(tmp_path, sample, name="separate.xlsx", layout=layout)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("评价结果")
    for ref, value in {**RESULT_TABLE, "B22": grade}.items():
        ws[f"{ref[0]}{int(ref[1:]) - 15}"] = value  # (rows 16–22 as 1–7)
    wb.save(path)
    got = [(f.code, f.sheet, f.cell) for f in validate_file(path).findings]
    assert got == ([("A306", "评价结果", "B7")] if grade == "优" else [])


@pytest.mark.parametrize(("level1", "level2", "found"), [
    ("预算执行率", None, []), ("预算执行率", "预算执行率", []),
    ("产出指标", "时效指标", [("G212", "A14")]),  # (产出 90 with it: the principle's 80 said, as info)
])
def test_the_execution_scored_as_an_indicator_row(tmp_path, level1, level2, found):
    """A province's form: 预算执行率 (10 分) as a row of the indicator table — a level 1 of its own or
    under 产出指标 — the funds block with no 分值 or 得分, the rows' weights making the whole 100. The
    execution was scored twice (9.60 from the funds, 9.60 from the row: a total of 106.20, G208 "110"),
    and the level 1 was "not in the taxonomy" (S102); it names its level 2 freely."""
    edits = {"F6": None, "H6": None, "F7": None, "H7": None, "A19": level1, "B19": level2, "C19": "预算执行率",
             "D19": "100%", "E19": "96%", "F19": 10, "G19": 9.6, "H19": "部分尾款未支付", "F18": 30, "G18": 27,
             "G21": 96.6}
    path = write(tmp_path, edits=edits)
    assert findings(path) == found
    assert score_file(path)[0].total == 96.6
    # weights of 90 leave the funds its 10 (the national form's principle), as before
    path = write(tmp_path, edits={**edits, "F18": 20, "G18": 18, "G21": 97.6}, name="90.xlsx")
    assert score_file(path)[0].total == 97.2  # (9.60 twice: the table weighs the execution twice itself)


@pytest.mark.parametrize("label", ["总分", "得分合计", "合计得分", "综合评分", "自评总得分", "得分总计", "项目自评得分",
                                   "绩效评价得分", "自评总分值", "自评得分", "综合得分", "最终得分", "评价得分"])
def test_the_total_row_by_other_names(tmp_path, label):
    """A 总分 row labelled 合计得分 or 综合评分 was read as an indicator row under a level 1 of that name
    (S102), and its 95 was never held against the 97.60 the rows add up to (A305). 自评得分, 综合得分,
    最终得分 head the 得分 column too: a total where they are its row's only label."""
    assert findings(write(tmp_path, edits={"A21": label, "G21": 95})) == [("A305", "G21")]


@pytest.mark.parametrize(("edits", "unit", "found"), [
    ({}, None, [("S101", "B4")]),  # (no unit said anywhere: asked for beside the 项目名称)
    ({"A3": "填报单位：市养老服务指导中心"}, "市养老服务指导中心", []),
    ({"A3": "填报单位（盖章）：市养老服务指导中心"}, "市养老服务指导中心", []),
    ({"A3": "填报单位：市A中心　　　　填报日期：2024年1月10日"}, "市A中心", []),
    ({"A3": "填报单位：", "B3": "市A中心"}, "市A中心", []),
    ({"A3": "填表单位", "B3": "市A中心"}, "市A中心", []),
    ({"A3": "填报单位：", "B3": "填报日期：2024年"}, None, [("S101", "B4")]),  # (no unit beside it)
    ({"A3": "填报单位负责人：张三"}, None, [("S101", "B4")]),
])
def test_the_filling_unit_where_no_implementing_unit_line(tmp_path, edits, unit, found):
    """A form whose title line says 填报单位 and which has no 实施单位 line: the unit filling it in is
    its 实施单位 (S101 said 实施单位 was empty, the summary had no unit)."""
    path = write(tmp_path, edits={"A3": None, "D5": None, "E5": None, **edits})
    [t] = read_workbook(path).tables
    assert (t.field_value("unit"), findings(path)) == (unit, found)


@pytest.mark.parametrize(("edits", "found"), [
    ({"A5": None, "B5": None}, [("S101", "B4")]),  # no 主管部门 line: beside the 项目名称
    ({"A4": None, "B4": None}, [("S101", "B5")]),  # no 项目名称 line: beside the 主管部门
    ({"B5": None}, [("S101", "B5")]),  # a line left empty: its own cell, as before
])
def test_a_missing_header_line_is_found_in_the_header_block(tmp_path, edits, found):
    """A header field the form has no line for was found at the indicator header (A13), far below
    the lines that name the table, where it is to be added."""
    assert findings(write(tmp_path, edits=edits)) == found


@pytest.mark.parametrize(("written", "department", "found"), [
    ("市民政局（盖章）", "市民政局", []), ("市民政局 (公章)", "市民政局", []), ("市民政局（单位盖章）", "市民政局", []),
    ("（盖章）", "", [("S101", "B5")]),  # the seal's place alone names no department
])
def test_a_seal_note_after_a_name_is_no_part_of_it(tmp_path, written, department, found):
    """``市民政局（盖章）`` (the form's note of where the seal goes, left in the cell): the summary's 按单位汇总
    had it as a department apart from 市民政局."""
    path = write(tmp_path, edits={"B5": written, "E5": "市养老服务指导中心（盖章）"})
    [t] = read_workbook(path).tables
    assert (t.field_value("department"), t.field_value("unit")) == (department, "市养老服务指导中心")
    assert findings(path) == found


@pytest.mark.parametrize(("edits", "department", "found"), [
    ({"A3": "单位名称：市养老服务指导中心"}, "市民政局", []),  # the 主管部门 line says it (it was 市养老服务指导中心)
    ({"A3": "单位名称（盖章）：市民政局", "A5": None, "B5": None}, "市民政局", []),  # no 主管部门 line
    ({"A3": "单位名称", "B3": "市民政局", "A5": None, "B5": None}, "市民政局", []),
    ({"A3": "单位名称", "A5": None, "B5": None}, None, [("S101", "B3")]),  # left empty: asked for there
])
def test_a_stamped_unit_name_is_the_department_unless_a_line_says_it(tmp_path, edits, department, found):
    """单位名称（盖章） names the department, as forms that have no 主管部门 line mean it; where the form has
    one, that line says it: a title line's 单位名称：市养老服务指导中心 above 主管部门 市民政局 made the
    department the unit (the summary's 按单位汇总 grouped it under a department of that name)."""
    path = write(tmp_path, edits=edits)
    [t] = read_workbook(path).tables
    assert (t.field_value("department"), findings(path)) == (department, found)


def test_an_empty_implementing_unit_line_is_not_the_filling_unit(tmp_path):
    """实施单位 left empty beside a 填报单位 title line: still asked for (S101 at its cell)."""
    assert findings(write(tmp_path, edits={"E5": None})) == [("S101", "E5")]


@pytest.mark.parametrize(("label", "empty"), [
    ("自评结论", []), ("自评结果", []), ("绩效评价结果", []), ("等次", []), ("评定等级", [("A326", "B22")]),
    ("考核等级", [("A326", "B22")]), ("自评等次", [("A326", "B22")]), ("评价等次", [("A326", "B22")])])
def test_the_grade_by_other_names(tmp_path, label, empty):
    """自评结论 / 评定等级 / 自评等次 … 良 beside 97.60 passed (A306); those that ask for a grade say so
    when it is left empty (A326)."""
    assert findings(write(tmp_path, edits={"A22": label, "B22": "良"}, name="a.xlsx")) == [("A306", "B22")]
    assert findings(write(tmp_path, edits={"A22": label, "B22": None}, name="b.xlsx")) == empty
    assert findings(write(tmp_path, edits={"A22": label, "B22": "优等"}, name="c.xlsx")) == []


@pytest.mark.parametrize(("edits", "found"), [
    ({"H21": "良", "A22": None, "B22": None}, [("A306", "H21")]),
    ({"I21": "良好", "A22": None, "B22": None}, [("A306", "I21")]),
    ({"H21": "优", "A22": None, "B22": None}, []),
    ({"H21": "良"}, []),  # a 自评等级 line says the grade: that is the grade
    ({"H21": "优", "B22": None}, [("A326", "B22")]),  # the 自评等级 line left empty is still asked
])
def test_a_grade_beside_the_total(tmp_path, edits, found):
    """``总分 | 100 | 97.60 | 良``: a grade written on the total row, beside the total, where no 自评等级 line
    says one — 良 beside 97.60 passed unsaid; ``fix`` writes 优 over it."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits=edits)
    assert findings(path) == found
    if found and found[0][0] == "A306":
        fixed = tmp_path / "修正.xlsx"
        fix_copy(path, fixed)
        assert openpyxl.load_workbook(fixed).active[found[0][1]].value == "优"
        assert findings(str(fixed)) == []


@pytest.mark.parametrize(("edits", "code", "message"), [
    ({"E7": 600}, "A302", "「年度资金总额」 spent 600 exceeds budget 500"),
    ({"E26": 210}, "A302", "「健康讲座」 spent 210 exceeds budget 200"),
    ({"B14": "社会效益指标"}, "S102",
     "the level-2 name 「社会效益指标」 is not in the taxonomy (it belongs under 「效益指标」, not 「产出指标」)"),
    ({"C16": "人均培训经费", "D16": "≤500元", "E16": "480元"}, "G206", "「人均培训经费」 measures cost but is filed under 「质量指标」"),
])
def test_english_messages_say_it_in_english(tmp_path, edits, code, message):
    """--lang en: A302 said 「年度资金总额：」/「x」的 spent …, S102 「二级指标」…（不应在…下）, G206 a Chinese
    suggestion: the Chinese parameters of the Chinese message. No Chinese punctuation is left outside
    the quoted names in any English message or suggestion."""
    report = validate_file(write(tmp_path, edits=edits))
    assert message in [f.message("en") for f in report.findings if f.code == code]
    for f in report.findings:
        for text in (f.message("en"), f.suggestion("en")):
            assert not re.search("[，：；（）]", re.sub("「[^」]*」", "", text)), text


def test_a_departments_spending_of_0(tmp_path):
    """全年执行数 0 beside a 5333.85 budget (and 支出决算数 5169.66): an execution score of 0 and only
    "the total 99.38 ≠ 80.00" said, which fix wrote — with 良. A department spends every year; the 0
    is A331, and fix leaves the totals until the amount is there."""
    from xltools.fix import fix_copy

    path = _department_book(tmp_path, 0, [], False)
    got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings]
    assert got == [("A331", "B7", "「部门整体」的全年执行数为 0，按它算出的预算执行率为 0%"),
                   ("A305", "G13", "填写的总分 99.38 与计算值 80.00 不符（0.00 + 60.00 + 20.00）")]
    assert [(c.cell, c.skipped) for c in fix_copy(path, tmp_path / "修正.xlsx").changes] == [("G13", "pending")]


def test_an_amount_below_zero(tmp_path):
    """全年预算数 −500 was "spending 480 above a budget of −500" (A302), 全年执行数 −480 a rate of −96 %
    scored 0 with "below 90 %, no reason" (A317) and the line items "not adding up" (A338): none
    says what is wrong. A342 does, alone, and fix leaves the execution score and totals to the amount."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits={"E7": -480, "E8": -480})
    report = validate_file(path)
    assert [(f.code, f.cell) for f in report.findings] == [
        ("A342", "E7"), ("A305", "H7"), ("A342", "E8"), ("A305", "G21"), ("A306", "B22")]
    assert report.findings[0].message() == "「年度资金总额」的全年执行数 -480 是负数：金额不能小于 0"
    assert [c.skipped for c in fix_copy(str(path), str(tmp_path / "修正.xlsx")).changes] == ["pending"] * 3
    budget = write(tmp_path, edits={"D7": -500, "D8": -500}, name="b.xlsx")
    assert [c for c, _ in findings(budget) if c not in ("A305", "A306")] == ["A342", "A342"]
    item = validate_file(write(tmp_path, edits={"E25": -300}, name="c.xlsx")).findings  # a line item's, in English
    assert [f.message("en") for f in item] == [
        "the spending of 「护理服务采购」 is -300, below zero: an amount cannot be negative"]


@pytest.mark.parametrize(("edits", "found"), [
    ({"D7": 5000000, "D8": 5000000}, [  # 元 typed: the score's 9.6, the 年初's 500 say otherwise
        ("A344", "D7", "「年度资金总额」的全年预算数 5000000 是执行数 480 的百倍以上（执行率仅 0.01%），而填写的执行率得分是 9.6："
                       "多是单位填错（如按元填写：即 500 万元）"),
        ("A344", "D8", "「其中：当年财政拨款」的全年预算数 5000000 是执行数 480 的百倍以上（执行率仅 0.01%），而年初预算数是 500："
                       "多是单位填错（如按元填写：即 500 万元）"),
        ("A338", "C26", None)]),
    ({"D7": 50000, "D8": 50000, "C7": 50000, "C8": 50000, "G7": "96%"}, [  # a hundredfold: the written rate says so
        ("A344", "D7", "「年度资金总额」的全年预算数 50000 是执行数 480 的百倍以上（执行率仅 0.96%），而填写的执行率是 96.00%："
                       "多是单位填错"), ("A338", "C26", None)]),
    ({"D7": 50000, "D8": 50000, "C7": 50000, "C8": 50000, "H7": 0.1}, [  # nothing says otherwise: a rate of 0.96 %
        ("A317", "E12", None), ("A305", "G21", None), ("A306", "B22", None), ("A338", "C26", None)]),
    ({"E7": 4, "E8": 4, "H7": 10}, [  # 4 of 500 spent with the full 10 claimed: a claim, not a unit (A305)
        ("A305", "H7", "填写的预算执行率得分 10 与计算值 0.08 不符（4/500 = 0.80% × 10 = 0.08）"), ("A317", "E12", None),
        ("A305", "G21", None), ("A306", "B22", None), ("A338", "E26", None)]),
])
def test_a_budget_a_hundredfold_over_its_spending(tmp_path, edits, found):
    """全年预算数 5000000 (元 typed in a 万元 table) beside 480 spent and a written execution score of 9.6: the
    rate was 0.01 %, "below 90 % with no reason" (A317), and fix wrote an execution score of 0.00, the total
    88.00 and the grade 良. A344 says the budget is off by a unit; the score, the totals, the rate wait."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits=edits)
    got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code not in ("A305", "A306")
           or "A344" not in {x[0] for x in found}]
    assert [(c, cell, m if want is not None else None) for (c, cell, m), (_, _, want)
            in zip(got, found, strict=True)] == found
    if found[0][0] == "A344":
        assert {c.skipped for c in fix_copy(path, str(tmp_path / "修正.xlsx")).changes} <= {"pending"}


@pytest.mark.parametrize(("edits", "found"), [
    ({"E7": 0, "E8": 0}, [  # the execution score 9.6 says money was spent
        ("A346", "E7", "「年度资金总额」的全年执行数为 0，而填写的执行率得分是 9.6：执行数多是漏填"),
        ("A305", "H7", None), ("A305", "G21", None), ("A306", "B22", None), ("A338", "E26", None)]),
    ({"E7": 0, "E8": 0, "G7": "96%"}, [  # a written rate: no A303 "改为 0.00%" beside it
        ("A346", "E7", "「年度资金总额」的全年执行数为 0，而填写的执行率是 96.00%：执行数多是漏填"),
        ("A305", "H7", None), ("A305", "G21", None), ("A306", "B22", None), ("A338", "E26", None)]),
    ({"E7": 0, "E8": 0, "H7": 0}, [  # nothing says otherwise: nothing spent, the rate 0 % wants a reason
        ("A317", "E12", None), ("A305", "G21", None), ("A306", "B22", None), ("A338", "E26", None)]),
    ({"E7": 0, "E8": 0, "H7": 10}, [  # the full 10 for nothing spent: a claim (A305), as for 4 of 500
        ("A305", "H7", "填写的预算执行率得分 10 与计算值 0.00 不符（0/500 = 0.00% × 10 = 0.00）"), ("A317", "E12", None),
        ("A305", "G21", None), ("A306", "B22", None), ("A338", "E26", None)]),
])
def test_spending_of_zero_beside_a_rate_that_says_otherwise(tmp_path, edits, found):
    """全年执行数 0 beside a written execution score of 9.6 (or 执行率 96 %): one of them is wrong, and a 0 is
    far more often a figure not filled in than a rate made up. A303 said to change the rate to 0.00 %, A317
    asked why it was 0 %, and fix wrote an execution score of 0.00, the total 88.00 and the grade 良. A346
    says the spending is the figure to check; the score, the totals and the grade wait for it (their
    suggestion is to correct it first), and fix writes nothing."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits=edits)
    got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings]
    assert [(c, cell, m if want is not None else None) for (c, cell, m), (_, _, want)
            in zip(got, found, strict=True)] == found
    changes = fix_copy(path, str(tmp_path / "修正.xlsx")).changes
    assert ({c.skipped for c in changes} == {"pending"}) is (found[0][0] == "A346")


def test_a_departments_spending_of_zero_beside_its_rate_and_indicator(tmp_path):
    """Tianjin's 全年执行数 typed 0 beside its 执行率 95 % and a 预算执行率 indicator of 95: fix "corrected"
    the rate to 0 %, the indicator to 0 and its score 20 to 0, the total 96 to 76. One finding now, at
    the spending; with the 执行率 cell empty, the indicator says it."""
    from tests.test_provincial import tianjin_dept
    from xltools.fix import fix_copy

    for k, said in enumerate(("而填写的执行率是 95.00%", "而「预算执行率」的实际完成值是 95.00%")):
        path = tianjin_dept(tmp_path / f"tj{k}.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.active["C5"] = 0
        if k:
            wb.active["D5"] = None  # the 执行率 left empty
        wb.save(path)
        found = validate_file(path).findings
        assert [(f.code, f.cell) for f in found] == [("A346", "C5")]
        assert found[0].message() == f"「年度资金总额」的全年执行数为 0，{said}：执行数多是漏填"
        assert fix_copy(path, str(tmp_path / f"修正{k}.xlsx")).out is None


@pytest.mark.parametrize(("edits", "found"), [
    ({"E7": "(480)", "E8": "(480)"}, [("A342", "E7"), ("A305", "H7"), ("A342", "E8"), ("A305", "G21"), ("A306", "B22")]),
    ({"E25": "（285）"}, [("A342", "E25")]),  # a line item's, full-width brackets
    ({"E8": "(480万元)"}, [("A301", "E7"), ("A342", "E8")]),  # with its unit (as −480 typed as a number)
    ({"E8": "(约480)"}, [("A331", "E8")]),  # words in brackets: still no amount
])
def test_an_accounting_negative_typed_as_text(tmp_path, edits, found):
    """``(480)`` — how an accounting format shows −480, typed as text — was "not an amount" (A331);
    it is the amount below zero, as −480 is (A342, and the findings beside it as for −480)."""
    assert findings(write(tmp_path, edits=edits)) == found


GROUPED = [("政府采购", "护理服务采购", 300, 290, 285), ("政府采购小计", None, 300, 290, 285), ("自行组织", "健康讲座", 200, None, 195),
           ("合计", None, 500, 290, 480)]


@pytest.mark.parametrize(("change", "found"), [
    ({}, []),  # 合计 = 政府采购's 小计 + 自行组织's item (it was held against the 小计 alone: 500 ≠ 300, 480 ≠ 285)
    ({1: ("小计", None, 300, 290, 280)}, [("A301", "E26")]),  # a wrong 小计 is said once (the 合计 was too)
    ({3: ("合计", None, 510, 290, 480)}, [("A301", "C28")]),  # a wrong 合计 still is
])
def test_line_items_with_a_subtotal_for_one_group(tmp_path, change, found):
    items = [change.get(k, item) for k, item in enumerate(GROUPED)]
    assert findings(write(tmp_path, replace(CLEAN, line_items=items))) == found


@pytest.mark.parametrize("header", ["偏差原因分析及改进措施", "偏差分析及改进措施", "偏差原因及整改措施", "未达标原因及改进措施",
                                    "偏差及原因分析", "未完成原因与改进措施说明", "原因分析及下一步措施", "偏差原因及下步措施",
                                    "偏差原因分析及改进举措", "未完成原因及下一步改进措施", "原因及改进措施", "问题及原因分析",
                                    "存在问题及下一步改进措施", "存在问题及整改措施", "存在的问题和原因", "存在问题",
                                    "偏差情况说明", "问题及整改", "原因说明", "备注", "说明", "情况说明"])
def test_the_deviation_column_however_headed(tmp_path, header):
    """偏差分析及改进措施, 未达标原因及改进措施, 存在问题及下一步改进措施 … were no column: every row short of its
    target was "no reason given" (A307, at its name) beside the reason written; an empty one is still
    found. A table with no such column gives its reasons in its 备注 (说明) column."""
    edits = {"H13": header, "E14": "1900人", "G14": 19, "G21": 96.6, "E12": "服务老人1900名，开展讲座24场，满意度95%。"}
    assert findings(write(tmp_path, edits={**edits, "H14": "部分老人入住养老院"})) == []
    assert findings(write(tmp_path, edits=edits, name="empty.xlsx")) == [("A307", "H14")]


@pytest.mark.parametrize("label", ["存在问题及改进措施", "主要问题及改进措施", "存在问题及下一步改进措施", "偏差原因分析及改进措施",
                                   "存在的问题及原因分析", "偏差原因分析"])
@pytest.mark.parametrize("below_total", [False, True])
def test_a_table_wide_reason_row_however_labelled(tmp_path, label, below_total):
    """A row stating the reasons for the whole table (``存在问题及改进措施 | 文字``), above the 总分 row or
    below the 总分 and 等级 lines: above, it was an indicator row under a level 1 of that name (S102,
    G204) and the row short of its target "gave no reason" (A307); below, it was not read at all.
    Its text stands for each row that gives none; a text that says nothing (无) is still no reason."""
    def case(text, name):
        path = write(tmp_path, edits={"H18": None}, name=name)
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        row = 23 if below_total else 21
        if not below_total:
            ws.insert_rows(21)
        ws.cell(row, 1, label)
        ws.cell(row, 2, text)
        wb.save(path)
        return findings(path)

    assert case("个别老人未按时参加活动", "a.xlsx") == []
    assert case("无", "b.xlsx") == [("A307", "H18")]


def test_the_total_below_a_table_wide_reason_row_is_read(tmp_path):
    """存在问题及改进措施 on a row of its own between the indicators and the 总分 row ended the table there,
    and the 总分 below it was never read: a total of 50 beside rows giving 97.60 passed."""
    path = write(tmp_path, edits={"H18": None})
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_rows(21)
    ws["A21"], ws["B21"], ws["G22"] = "存在问题及改进措施", "个别老人未按时参加活动", 50
    wb.save(path)
    assert findings(path) == [("A305", "G22")]


def test_a_remark_column_beside_the_deviation_column_is_a_remark(tmp_path):
    """Where the table has a 偏差原因 column, that is where the reason belongs: a 备注 beside it is read
    as before (the reason written there alone is no reason: A307 at the 偏差原因 cell)."""
    edits = {"I13": "备注", "E14": "1900人", "G14": 19, "G21": 96.6, "E12": "服务老人1900名，开展讲座24场，满意度95%。"}
    assert findings(write(tmp_path, edits={**edits, "H14": "部分老人入住养老院"})) == []
    assert findings(write(tmp_path, edits={**edits, "I14": "部分老人入住养老院"}, name="b.xlsx")) == [("A307", "H14")]


@pytest.mark.parametrize("header", ["实际完成值", "完成数", "完成结果", "完成数量", "全年实际完成", "年度完成情况",
                                    "年末完成值", "实际执行值"])
def test_the_actual_column_however_headed(tmp_path, header):
    """完成数, 完成结果 were no column: every row's actual was "missing" (A308), its score 0 (A305)."""
    assert findings(write(tmp_path, edits={"E13": header})) == []


@pytest.mark.parametrize("header", ["得分", "实得分", "自评分值", "自评得分数", "评价分"])
def test_the_score_column_however_headed(tmp_path, header):
    """实得分, 自评分值 were no column: the evaluator's 18 of 20 on a qualitative row was not read, the
    row scored 20, and the written total 97.60 was "wrong" (A305: 99.60)."""
    path = write(tmp_path, edits={"G13": header})
    assert findings(path) == []
    assert score_file(path)[0].total == 97.6


@pytest.mark.parametrize("header", ["分值", "分值权重", "标准分数", "权重值"])
def test_the_weight_column_however_headed(tmp_path, header):
    """分值权重, 标准分数 were no column: every row "lacks its weight" (S103), the total 9.60."""
    path = write(tmp_path, edits={"F13": header})
    assert findings(path) == []
    assert score_file(path)[0].total == 97.6


@pytest.mark.parametrize("header", ["全年执行数", "全年实际支出数", "实际执行金额", "全年执行额"])
def test_the_funds_spending_column_however_headed(tmp_path, header):
    """全年实际支出数, 实际执行金额 were no column: no execution score (the total 9.60 short: A305, A306)."""
    path = write(tmp_path, edits={"E6": header})
    assert findings(path) == []
    assert score_file(path)[0].total == 97.6


@pytest.mark.parametrize(("edits", "found"), [
    ({"I7": 20, "I8": 20, "J7": 0.04, "J8": "4%"}, []),
    ({"I7": 20, "I8": 20, "J7": 0.05, "J8": "4%"}, [("A343", "J7")]),
    ({"I7": 20, "I8": 25, "J7": 0.04, "J8": "5%"}, [("A343", "I8")]),  # (J8 follows the wrong C: not judged)
    ({"I7": 20, "I8": 20, "J7": 0.5, "J8": "50%", "J6": "结余率（C/D）"}, []),  # a place no header holds: no reckoning
    ({"I7": 30, "I8": 20, "J7": 0.04, "J8": "4%", "C6": "年初预算数（A）"}, []),  # two headers claim A: it names neither
])
def test_funds_headers_reckoning_in_letters(tmp_path, edits, found):
    """``全年预算数（A）``, ``结余金额（C=A-B）``, ``结余率（C/A）``: letters name the columns a header works
    its figure out from; the execution rate headed ``执行率（B/A）`` is A303's (once, not twice)."""
    path = write(tmp_path, edits={"D6": "全年预算数（A）", "E6": "全年执行数（B）", "G6": "执行率（B/A）", "G7": 0.95,
                                  "I6": "结余金额（C=A-B）", "J6": "结余率（C/A）", **edits})
    assert findings(path) == [("A303", "G7"), *found]


@pytest.mark.parametrize(("balance", "found"), [(20, []), (30, [("A343", "I7", "(2)-(3)")])])
def test_funds_headers_reckoning_in_numbers_in_brackets(tmp_path, balance, found):
    """``全年执行数（3）``, ``执行率（4）=（3）/（2）``, ``结余（5）=（2）-（3）``: the rate's header is still
    执行率 (A303's), and the 结余 is held to its reckoning, shown as the form prints it."""
    path = write(tmp_path, edits={"C6": "年初预算数（1）", "D6": "全年预算数（2）", "E6": "全年执行数（3）",
                                  "G6": "执行率（4）=（3）/（2）", "G7": 0.95, "I6": "结余（5）=（2）-（3）", "I7": balance})
    got = [(f.code, f.cell, f.params.get("formula")) for f in validate_file(path).findings]
    assert got == [("A303", "G7", None), *found]


def test_a_value_after_an_equals_sign_is_no_reckoning():
    """``目标值=90%-95%`` in a target cell is a value: its key is not 目标值 (a label, which would make
    its row look like a header)."""
    from xltools.reading.labels import label_key

    assert label_key("目标值=90%-95%") != label_key("目标值")
    assert label_key("执行率=全年执行数/全年预算数×100%") == label_key("执行率")


@pytest.mark.parametrize("header", ["执行率=全年执行数/全年预算数", "执行率（%）=全年执行数/全年预算数×100%",
                                    "执行率（4）=（3）/（2）", "执行率（C=B/A）"])
def test_the_funds_rate_column_headed_with_its_reckoning(tmp_path, header):
    """A header that says how its figure is worked out is named by what comes before the ``=``: the
    rate column headed ``执行率=全年执行数/全年预算数`` was none, and its 90 % (480 of 500 is 96 %) passed."""
    path = write(tmp_path, edits={"G6": header, "G7": 0.9})
    assert findings(path) == [("A303", "G7")]


@pytest.mark.parametrize(("edits", "found"), [
    ({"I7": 20, "J7": 4}, []),
    ({"I7": 30, "J7": 6}, [("A343", "I7", "500 - 480 = 20")]),  # (J7 follows the wrong 结余数: not judged)
    ({"I7": 20, "J7": 5}, [("A343", "J7", "20 / 500 = 4.00%")]),
    ({"I7": 30, "I6": "结余数=全年预算数-支出数"}, []),  # a word no other column is headed by: no reckoning
])
def test_funds_headers_reckoning_in_words(tmp_path, edits, found):
    """``结余数=全年预算数-全年执行数``, ``结余率（%）=结余数/全年预算数×100%``: the other columns' own labels
    name the figures."""
    path = write(tmp_path, edits={"I6": "结余数=全年预算数-全年执行数", "J6": "结余率（%）=结余数/全年预算数×100%",
                                  **edits})
    got = [(f.code, f.cell, f.params.get("reckoning")) for f in validate_file(path).findings]
    assert got == found


@pytest.mark.parametrize(("edits", "found"), [
    ({"F25": 15, "F26": 5}, []),
    ({"F25": 10, "F26": 5}, [("A343", "F25", "300 - 285 = 15")]),
])
def test_line_items_headers_reckoning(tmp_path, edits, found):
    """资金使用情况 with ``预算金额（1）`` … ``结余金额（4）=（1）-（3）``: held to it as the funds block is."""
    path = write(tmp_path, edits={"C24": "预算金额（1）", "D24": "合同签订金额（2）", "E24": "支出金额（3）",
                                  "F24": "结余金额（4）=（1）-（3）", **edits})
    got = [(f.code, f.cell, f.params.get("reckoning")) for f in validate_file(path).findings]
    assert got == found


def test_generated_funds_and_deviation_labels_are_label_keys():
    from xltools.reading.labels import FISCAL_BY_SOURCE, INDICATOR_COLUMNS, label_key

    generated = [*FISCAL_BY_SOURCE, *(k for k, f in INDICATOR_COLUMNS.items() if f == "deviation")]
    assert len(generated) > 3000 and all(label_key(k) == k for k in generated)


def test_a_departments_money_beside_indicators_weighing_the_whole_is_a_figure(tmp_path):
    """A department's indicators weighing 100 (its 产出 and 效益 40 each), its money beside labels with no
    分值: the execution scored the rule set's 20 on top — 112.18 of 100 and G208 "120". The rate stays a
    figure (summaries, A302, A303)."""
    wb, ws, path = demo_book(tmp_path)
    assert [ws[f"F{r}"].value for r in range(12, 16)] == [30, 30, 10, 10]
    ws["F12"], ws["G12"], ws["F13"], ws["G13"] = 40, 40, 40, 36.8
    wb.save(path)
    [result] = score_file(path)
    assert (result.total, result.execution, result.figures["execution_rate"]) == (92.8, None, 0.9692)
    assert [f.code for f in validate_file(path).findings if f.code in ("G208", "A305", "A306")] == []


def test_a_departments_amount_below_zero(tmp_path):
    from xltools.samples import demo_samples, write_sample

    sample, layout = demo_samples()["部门整体自评表.xlsx"]
    path = tmp_path / "部门.xlsx"
    write_sample(replace(sample, amounts=[(f, -v if f == "全年执行数" else v) for f, v in sample.amounts]), path, layout)
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A342"] == [
        ("A342", "B8", "「部门整体」的全年执行数 -5169.65 是负数：金额不能小于 0")]


@pytest.mark.parametrize(("name", "target", "actual", "found"), [
    ("培训人数", "≥500人", "520人", [("G231", "B17")]),
    ("采购设备数量", "≥50台", "50台", [("G231", "B17")]),
    ("采购金额", "≤50万元", "48万元", [("G231", "B17")]),
    ("培训经费", "≤50万元", "48万元", [("G206", "B17")]),  # a cost outside 成本指标: G206 says where it goes
    ("按时完成培训人数", "≥500人", "520人", []),  # its name speaks of time
    ("巡查频次", "≥1次/月", "1次/月", []),  # a frequency
    ("项目完成时间", "≤30天", "28天", []),  # a duration
])
def test_a_count_or_amount_under_timeliness(tmp_path, name, target, actual, found):
    """时效指标 measures when (完成时间, 及时率, 周期); ``培训人数 ≥500人`` filed there passed, where a
    reviewer moves it to 数量指标 (the reverse of G205: a timing measure under 质量指标)."""
    path = write(tmp_path, edits={"C17": name, "D17": target, "E17": actual})
    assert [c for c in findings(path) if c[0] in ("G231", "G206")] == found



@pytest.mark.parametrize("execution_row", [True, False])
def test_a_departments_rate_is_not_held_against_spending_below_zero(tmp_path, execution_row):
    """全年执行数 −5169.65 beside a written 预算执行率 of 96.92% (or a 预算执行率 indicator's 96.92%):
    A342 alone, where A303 said "96.92% ≠ −96.92%" of the right rate."""
    path = _department_book(tmp_path, -5169.65, [["预算执行率", "96.92%"]], execution_row)
    assert [f.code for f in validate_file(path).findings if f.code in ("A342", "A303")] == ["A342"]


@pytest.mark.parametrize(("edits", "found"), [
    ({"C7": 0, "D7": 0, "E7": 0, "C8": 0, "D8": 0, "E8": 0}, ("D7", "「年度资金总额」的全年预算数为 0，预算执行率无法计算")),
    ({"C7": 0, "D7": None, "C8": 0, "D8": None}, ("C7", "「年度资金总额」的年初预算数为 0，预算执行率无法计算")),
])
def test_a_budget_of_zero_gives_no_execution_rate(tmp_path, edits, found):
    """全年预算数 0 (a 0 typed for a blank): no 预算执行率, the total 88.00 short of its score, and
    nothing said at the cell, as an empty one is (A331); fix leaves the totals for the amount."""
    from xltools.fix import fix_copy

    path = write(tmp_path, edits=edits)
    assert [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "A331"] == [found]
    assert {c.skipped for c in fix_copy(str(path), str(tmp_path / "修正.xlsx")).changes} == {"pending"}


def test_a_declaration_without_funds(tmp_path):
    """年度资金总额 0 in a goal declaration passed as clean: a project declared without funds."""
    path = write(tmp_path, GOALS, {"B6": 0, "B7": 0})
    assert [(f.code, f.cell, f.message()) for f in validate_file(path).findings] == [
        ("A331", "B6", "「项目资金」的年度资金总额为 0")]


@pytest.mark.parametrize(("name", "target", "actual", "found"), [
    ("项目完成时间", "≤30天", "28天", ["G232"]),
    ("资金拨付及时率", "=100%", "100%", ["G232"]),
    ("按期完成项目数", "≥10个", "10个", []),  # a count of what was done in time is a quantity
    ("开展健康讲座场次", "≥24场", "24场", []),
])
def test_a_timing_measure_under_quantity(tmp_path, name, target, actual, found):
    """完成时间 or 及时率 filed under 数量指标 passed (G205 looks under 质量指标 only)."""
    path = write(tmp_path, edits={"C15": name, "D15": target, "E15": actual})
    assert [c for c, _ in findings(path) if c in ("G205", "G232")] == found


@pytest.mark.parametrize(("edits", "found"), [
    ({"B16": "成本指标", "C16": "人均培训成本", "D16": "≥500元", "E16": "480元"}, [("G215", "D16")]),
    ({"A16": "成本指标", "B16": "经济成本指标", "C16": "项目总成本", "D16": "≥50万元", "E16": "48万元"}, [("G215", "D16")]),
    ({"B16": "成本指标", "C16": "人均培训成本", "D16": "≤500元", "E16": "480元"}, []),
    ({"B16": "成本指标", "C16": "节约资金", "D16": "≥10万元", "E16": "12万元"}, []),  # a saving: more is better
])
def test_a_cost_with_a_floor(tmp_path, edits, found):
    """人均培训成本 ≥500元 under 成本指标: 480元 scored 9.60 of 10, short of a "target" that is a
    ceiling. G215 says the way is wrong, as for 事故发生率 with ≥."""
    assert [c for c in findings(write(tmp_path, edits=edits)) if c[0] == "G215"] == found


@pytest.mark.parametrize("rate", ["180.00%", 1.8, 180])
def test_a_rate_past_150_percent(tmp_path, rate):
    """执行率 ``180.00%`` (900 spent of 500) was read as 1.80 % — a bare 1.8 past 1.5 is a per cent —
    and called wrong (A303 "1.80% ≠ 180.00%"); so was 1.8 in a cell formatted as %, as Excel stores
    180 %. With its sign a rate says itself, and a bare number is wrong only when neither reading
    (a fraction, a per cent) agrees, as a department's written rates are read."""
    path = write(tmp_path, edits={"E7": 900, "E8": 900, "G7": rate})
    assert [c for c, _ in findings(path) if c in ("A302", "A303")] == ["A302", "A302"]


_RATES = {"I13": "得分率", "I14": "100%", "I15": "100%", "I16": "100%", "I17": "100%", "I18": "90%", "I19": "100%",
          "I20": "100%"}


@pytest.mark.parametrize(("edits", "found"), [
    ({}, []),
    ({"I14": 1, "I18": 0.9, "I20": 1}, []),  # fractions in a cell formatted as per cent
    ({"I20": "60%"}, [("A303", "I20", "60.00%", "100.00%")]),
    ({"I14": "98%"}, [("A303", "I14", "98.00%", "100.00%")]),  # (whole per cents: 100 % rounds to 100, not 98)
    ({"I13": "得分系数", "I20": 0.6}, [("A303", "I20", "60.00%", "100.00%")]),  # Chongqing's heading
    ({"G15": 8, "I15": "80%"}, [("A305", "G15", "8", "10.00")]),  # held to the written score: reported once
    ({"G15": 8}, [("A305", "G15", "8", "10.00")]),  # the computed score's rate beside a wrong score: right (was A303 too)
    ({"G15": 8, "I15": "50%"}, [("A305", "G15", "8", "10.00"), ("A303", "I15", "50.00%", "80.00%")]),  # neither's
    ({"G20": None, "I20": "60%"}, [("A326", "G20", None, "10.00"), ("A303", "I20", "60.00%", "100.00%")]),
    ({"G17": 0.13, "I17": 1.3}, [("A305", "G17", "0.13", "10.00")]),  # 1.3 typed for 1.3 %: agrees with 0.13 of 10
    ({"G15": 11, "I15": "110%"}, [("A304", "G15", None, None)]),  # above the weight: A304's, its rate agrees
])
def test_an_indicators_score_rate_is_its_score_over_its_weight(tmp_path, edits, found):
    """A 得分率 column beside the indicators' 得分 (as evaluation sheets and some provinces' forms have):
    the score over the weight. It was read as a column and never checked — 60 % beside 10 of 10
    passed. A qualitative row's 得分系数 (0.9 beside 18 of 20) is its chosen rate, and agrees."""
    path = write(tmp_path, edits={**_RATES, **edits})
    got = [(f.code, f.cell, f.params.get("written"), f.params.get("computed")) for f in validate_file(path).findings]
    assert got == found


@pytest.mark.parametrize(("edits", "found"), [
    ({"E18": None}, [("A308", "E18")]),
    ({"E18": None, "I13": "定性得分率", "I18": "90%"}, []),  # the outcome chosen in a column of its own
    ({"E18": None, "I13": "定性结果", "I18": "达成年度指标"}, []),
])
def test_a_qualitative_rows_missing_actual(tmp_path, edits, found):
    """老人生活质量提升 with its 实际完成值 left empty and 18 of 20 written: what was achieved is unsaid,
    which a reviewer asks for (A308) — it passed because the score was written. A 定性结果 or 定性得分率
    column holding the outcome (our templates' way) is the row's result."""
    assert findings(write(tmp_path, edits=edits)) == found


@pytest.mark.parametrize(("rate", "found"), [("85.40%", []), (0.854, []), ("90%", [("A303", "J7", "90.00%", "85.40%")])])
def test_an_evaluation_rows_score_rate_is_its_experts_mean_over_its_weight(tmp_path, rate, found):
    """An evaluation sheet's 得分率 beside 平均得分 (domain.md §3.4): 立项依据充分性's experts give 4.5, 4.2
    and 4.1 of 5, a mean of 4.27 — 85.40 %, and 90 % is wrong."""
    wb, ws, path = demo_book(tmp_path, "评价评分表.xlsx", "评价.xlsx")
    ws["J6"], ws["J7"] = "得分率", rate
    wb.save(path)
    got = [(f.code, f.cell, f.params.get("written"), f.params.get("computed")) for f in validate_file(path).findings]
    assert got == found


def test_what_a_row_lacks_at_one_cell_is_said_once(tmp_path):
    """A table without a 分值 column reports each row's missing weight at its name; a row without a name
    there too was told twice at one cell (two marks, two lines): now once, naming both."""
    path = write(tmp_path, edits={"F13": None, "C14": None})
    got = [(f.cell, f.message()) for f in validate_file(path).findings if f.code == "S103"]
    assert got[:2] == [("C14", "第 14 行指标缺少三级指标名称、分值"), ("C15", "第 15 行指标缺少分值")]
    assert len(got) == len({c for c, _ in got}) == 7


def test_a_departments_budget_a_hundredfold_over_its_spending(tmp_path):
    """A department's 全年预算数 typed in 元 (53338500) beside its 年初预算数 5029.86 and 5169.65 spent: a rate of
    0.01 %, scored so, said nothing of the unit. A344 says it at the amount, with the budget in 万元."""
    wb, ws, path = demo_book(tmp_path)
    ws["B7"] = 53338500
    wb.save(path)
    got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.code == "A344"]
    assert got == [("A344", "B7", "「部门整体」的全年预算数 53338500 是执行数 5169.65 的百倍以上（执行率仅 0.01%），"
                                  "而年初预算数是 5029.86：多是单位填错（如按元填写：即 5333.85 万元）")]


def test_a_departments_spending_of_zero_is_said_once(build, demo):
    """A department's labelled 全年执行数 typed 0 beside its written 预算执行率 of 96.92 %: A331 ("为 0，按它
    算出的预算执行率为 0%") and A346 were both said at the one cell. A346 says it, naming the rate; with no
    rate written, A331 alone, as before."""
    for rate, found in (("96.92%", [("A346", "B8", "「部门整体」的全年执行数为 0，而填写的执行率是 96.92%：执行数多是漏填")]),
                        (None, [("A331", "B8", "「部门整体」的全年执行数为 0，按它算出的预算执行率为 0%")])):
        path = build(demo["部门整体自评表.xlsx"][0])
        wb = openpyxl.load_workbook(path)
        wb.active["B8"] = 0
        if rate:
            wb.active["C8"], wb.active["D8"] = "预算执行率", rate
        wb.save(path)
        got = [(f.code, f.cell, f.message()) for f in validate_file(path).findings if f.cell == "B8"]
        assert got == found

"""Targets and actuals as real tables write them (domain.md §2)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from xltools.values import (
    format_number,
    parse_direction,
    parse_value,
    percent_scale,
    unit_from_name,
)

# (cell text, kind, op, number, unit)
CASES = [
    ("≥80%", "number", "≥", 80, "%"),
    (">=80%", "number", "≥", 80, "%"),
    ("≥ 80 %", "number", "≥", 80, "%"),
    ("不低于80%", "number", "≥", 80, "%"),
    ("不少于100人", "number", "≥", 100, "人"),
    ("不高于5%", "number", "≤", 5, "%"),
    ("不超过30天", "number", "≤", 30, "天"),
    ("≤30天", "number", "≤", 30, "天"),
    ("<=30天", "number", "≤", 30, "天"),
    ("=100%", "number", "=", 100, "%"),
    ("＝100％", "number", "=", 100, "%"),
    ("1100人", "number", None, 1100, "人"),
    ("1,100", "number", None, 1100, ""),
    ("1,100人次", "number", None, 1100, "人次"),
    ("30个", "number", None, 30, "个"),
    ("100%", "number", None, 100, "%"),
    ("＞＝８０％", "number", "≥", 80, "%"),
    ("≧80%", "number", "≥", 80, "%"),
    ("≮80%", "number", "≥", 80, "%"),
    ("5000万元以上（含）", "number", "≥", 5000, "万元"),
    # the indicator named before its bounded value (a word before: any actual met it)
    ("群众满意度≥90%", "number", "≥", 90, "%"),
    ("服务对象满意度不低于90%", "number", "≥", 90, "%"),
    ("满意度达90%以上", "number", "≥", 90, "%"),
    ("培训人次≥500人次", "number", "≥", 500, "人次"),
    ("全年培训≥2次", "number", "≥", 2, "次"),
    ("前3名以内", "number", "≤", 3, "名"),
    ("培训100人", "text", None, None, ""),  # no bound: a sentence as likely as a measure
    ("达到国家2级标准", "text", None, None, ""),
    # a ratio is its term that is not the 1 (every 1:x was 1, a remark after the colon: always met)
    ("≥1:1", "number", "≥", 1, ""), ("1:1.2", "number", None, 1.2, ""), ("1：0.8", "number", None, 0.8, ""),
    ("≤1:15", "number", "≤", 15, ""), ("3:1", "number", None, 3, ""), ("1:1.5以上", "number", "≥", 1.5, ""),
    ("2:3", "text", None, None, ""), ("8:30前", "text", None, None, ""),  # no one reading, or a time
    ("较上年增长10%", "number", None, 10, "%"),  # a change (Value.change: +1), no longer a word
    ("100%，达到预期", "number", None, 100, "%"),  # a remark after a comma
    ("完成24场以上", "number", "≥", 24, "场"),  # the bound after the number, not 完成's =
    ("1万+", "number", "≥", 1, "万"), ("1000人次以上/年", "number", "≥", 1000, "人次/年"),
    ("年均增长≥5%", "number", "≥", 5, "%"), ("100%全覆盖", "number", None, 100, "%"),
    ("每半年1次", "number", None, 1, "次/半年"),
    ("一年4次", "number", None, 4, "次/年"),
    ("年均4次", "number", None, 4, "次/年"),
    ("每个月不少于2次", "number", "≥", 2, "次/月"),
    ("≤3个工作日（含）", "number", "≤", 3, "个工作日"),
    ("≯5%", "number", "≤", 5, "%"),
    ("＞90%", "number", ">", 90, "%"),
    ("<5%", "number", "<", 5, "%"),
    ("＜５％", "number", "<", 5, "%"),
    ("90%以上", "number", "≥", 90, "%"),
    ("90%及以上", "number", "≥", 90, "%"),
    ("5%以下", "number", "≤", 5, "%"),
    ("30天以内", "number", "≤", 30, "天"),
    ("大于等于95%", "number", "≥", 95, "%"),
    ("小于等于3%", "number", "≤", 3, "%"),
    ("至少2次", "number", "≥", 2, "次"),
    ("控制在500万元以内", "number", "≤", 500, "万元"),
    ("达到100%", "number", "≥", 100, "%"),
    ("3000平方米", "number", None, 3000, "平方米"),
    ("≥3000平方米", "number", "≥", 3000, "平方米"),
    ("12.5万元", "number", None, 12.5, "万元"),
    # a currency mark: an amount in 元 unless a money unit follows; in no other unit
    ("¥1,005,000", "number", None, 1005000, "元"), ("￥100万", "number", None, 100, "万元"),
    ("≤¥100万元", "number", "≤", 100, "万元"), ("人民币50万元", "number", None, 50, "万元"),
    ("¥100人", "text", None, None, ""),
    ("0.96", "number", None, 0.96, ""),
    ("96", "number", None, 96, ""),
    ("96.5%", "number", None, 96.5, "%"),
    (" 95 % ", "number", None, 95, "%"),
    ("９５％", "number", None, 95, "%"),
    ("１，１００人", "number", None, 1100, "人"),
    ("≥ 1 , 000 家", "number", "≥", 1000, "家"),
    ("2场", "number", None, 2, "场"),
    ("≥2场", "number", "≥", 2, "场"),
    ("100（%）", "number", None, 100, "%"),
    ("≤1个工作日", "number", "≤", 1, "个工作日"),
    ("-5%", "number", None, -5, "%"),
    (".5", "number", None, 0.5, ""),
    ("达到预期", "text", None, None, ""),
    ("有效提升", "text", None, None, ""),
    ("好", "text", None, None, ""),
    ("满意", "text", None, None, ""),
    ("显著改善", "text", None, None, ""),
    ("按期完成", "text", None, None, ""),
    ("2024年12月底前完成全部验收", "text", None, None, ""),  # a sentence; the date alone is below
    ("1-6月", "text", None, None, ""),
    ("95%左右较为合理的范围内", "text", None, None, ""),
    # words that do not change the number, approximations, remarks, units with a digit
    ("约120家", "number", None, 120, "家"),
    ("累计完成120家", "number", "=", 120, "家"),
    ("实际120家", "number", None, 120, "家"),
    ("120余家", "number", None, 120, "家"),
    ("120多人", "number", None, 120, "人"),
    ("120家左右", "number", None, 120, "家"),
    ("120家（含线上）", "number", None, 120, "家"),
    ("95%左右", "number", None, 95, "%"),
    ("≥90%（含）", "number", "≥", 90, "%"),
    ("≥95%（抽查）", "number", "≥", 95, "%"),
    ("100%完成", "number", None, 100, "%"),
    ("3000㎡", "number", None, 3000, "m2"),
    ("1.2万人次", "number", None, 1.2, "万人次"),
    ("5个工作日内", "number", "≤", 5, "个工作日"),  # 时效 targets: "within" after the unit
    ("30天之内", "number", "≤", 30, "天"),
    ("5日内完成", "number", "≤", 5, "日"),
    ("最多2次", "number", "≤", 2, "次"),
    ("全年累计12次", "number", None, 12, "次"),
    ("每月1次", "number", None, 1, "次/月"),  # a frequency, as ≥1次/月 writes it
    ("每季度不少于1次", "number", "≥", 1, "次/季度"),
    ("每月", "text", None, None, ""),
    ("零投诉", "number", None, 0, ""),  # a count to stay at zero, in words
    ("无重大安全事故发生", "number", None, 0, ""),
    ("杜绝安全事故", "number", None, 0, ""),
    ("全年无事故", "number", None, 0, ""),  # when, said first (it was words: A315, scored as qualitative)
    ("全年未发生安全事故", "number", None, 0, ""),
    ("年内零投诉", "number", None, 0, ""),
    ("发生1起", "number", None, 1, "起"),
    ("无偏差", "text", None, None, ""),
    ("群众满意率为95%", "number", None, 95, "%"),  # the rate named before its value
    ("100%覆盖", "number", None, 100, "%"),
    ("效率提升10%", "text", None, None, ""),
    ("95%-100%", "number", "≥", 95, "%"),  # a band up to 100%: at least its bound
    ("90%～100%", "number", "≥", 90, "%"),
    ("3-5天", "text", None, None, ""),
    ("±10%", "number", "≤", 10, "%"),  # a band either side of zero (Value.band)
    ("正负5天以内", "number", "≤", 5, "天"),
    ("10±2", "text", None, None, ""),
    ("不得低于95%", "number", "≥", 95, "%"),
    ("≥100百分比", "number", "≥", 100, "%"),  # the unit spelt out, as a provincial system exports it
    ("≥90百分率(含)", "number", "≥", 90, "%"),
    ("≥3百分点", "number", "≥", 3, "百分点"),  # percentage points: a unit of its own
    ("已完成", "text", None, None, ""),
    ("—", "none", None, None, ""),
    ("-", "none", None, None, ""),
    ("/", "none", None, None, ""),
    ("——", "none", None, None, ""),
    ("", "none", None, None, ""),
    ("   ", "none", None, None, ""),
    ("无", "none", None, None, ""),
    ("N/A", "none", None, None, ""),
]


@pytest.mark.parametrize(("text", "kind", "op", "number", "unit"), CASES)
def test_real_world_strings(text, kind, op, number, unit):
    v = parse_value(text)
    assert (v.kind, v.op, v.number, v.unit) == (kind, op, None if number is None else float(number), unit)


CHANGES = [
    # a change against a base: its size, its way (+1 a rise, −1 a fall), and a bound only its cell writes
    ("较上年增长10%", None, 10, "%", 1, "增长10%"), ("同比下降5%", None, 5, "%", -1, "下降5%"),
    ("比2022年提高2个百分点", None, 2, "个百分点", 1, "增长2个百分点"), ("较上年增加≥10家", "≥", 10, "家", 1, "增长≥10家"),
    ("增幅不低于5%", "≥", 5, "%", 1, "增长≥5%"), ("下降5%以内", "≤", 5, "%", -1, "下降≤5%"),
    ("下降幅度达到5%", None, 5, "%", -1, "下降5%"), ("降低了3.5%", None, 3.5, "%", -1, "下降3.5%"),
    # what changes named between the verb and its size
    ("降低成本10%", None, 10, "%", -1, "下降10%"), ("全年增长10%", None, 10, "%", 1, "增长10%"), ("提高覆盖率5个百分点", None, 5, "个百分点", 1, "增长5个百分点"),
    ("降低能耗不低于5%", "≥", 5, "%", -1, "下降≥5%"),
    # a level reached, or no number: not a change
    ("提高满意度至95%", None, None, "", 0, "提高满意度至95%"), ("增加到120家", None, None, "", 0, "增加到120家"),
    ("提高至95%", None, None, "", 0, "提高至95%"), ("提高群众满意度", None, None, "", 0, "提高群众满意度"),
    ("增长", None, None, "", 0, "增长"), ("≥10%", "≥", 10, "%", 0, "≥10%"),
]


@pytest.mark.parametrize(("text", "op", "number", "unit", "change", "shown"), CHANGES)
def test_a_change_against_a_base(text, op, number, unit, change, shown):
    v = parse_value(text)
    assert (v.op, v.number, v.unit, v.change, v.display()) == (
        op, None if number is None else float(number), unit, change, shown)


DATES = [
    ("2023年12月31日前", "≤", (2023, 12, 31)), ("2024年12月底前完成", "≤", (2024, 12, 31)),
    ("12月底前", "≤", (0, 12, 31)), ("6月30日前", "≤", (0, 6, 30)), ("不晚于2023年10月15日", "≤", (2023, 10, 15)),
    ("2023-12-31", None, (2023, 12, 31)), ("2023/6/30", None, (2023, 6, 30)), ("2023.12.31", None, (2023, 12, 31)),
    ("于2023年11月20日完成", None, (2023, 11, 20)), ("2023年12月20日已完成", None, (2023, 12, 20)),
    ("2023年12月", None, (2023, 12, 0)), ("≤2023年12月", "≤", (2023, 12, 0)), ("12月份", None, (0, 12, 0)),
    ("12月前", "≤", (0, 12, 0)), ("2023年第三季度", None, (2023, 9, 30)), ("三季度末", None, (0, 9, 30)),
    ("上半年", None, (0, 6, 30)), ("年底前", "≤", (0, 12, 31)), ("2023年底前", "≤", (2023, 12, 31)),
    ("2023年内", "≤", (2023, 0, 0)), ("2月下旬", None, (0, 2, 29)), ("10月中旬前", "≤", (0, 10, 20)),
    ("不早于2023年3月1日", "≥", (2023, 3, 1)), ("２０２３年１２月３１日前", "≤", (2023, 12, 31)),
    # within the year: by its end (they were words, met by any date)
    ("年内完成", "≤", (0, 12, 31)), ("当年完成", "≤", (0, 12, 31)), ("本年度内", "≤", (0, 12, 31)),
]


@pytest.mark.parametrize(("text", "op", "when"), DATES)
def test_dates_as_tables_write_them(text, op, when):
    v = parse_value(text)
    assert (v.kind, v.op, v.when) == ("date", op, when)


@pytest.mark.parametrize("text", ["≤12月", "12月", "13月", "2月30日", "2023.12", "≤30天", "45260", "1-6月", "12个月",
                                  "2024年12月底前完成全部验收工作", "年内培训100人"])
def test_not_dates(text):
    assert parse_value(text).kind != "date"


def test_date_cells_and_comparison_at_the_coarser_precision():
    from datetime import date, datetime

    from xltools.values import compare_dates

    assert parse_value(datetime(2023, 12, 31, 0, 0), op="≤") == parse_value(date(2023, 12, 31), op="≤")
    assert parse_value(date(2023, 12, 31)).when == (2023, 12, 31)
    assert compare_dates((2024, 1, 15), (2023, 12, 31)) == 1
    assert compare_dates((2023, 12, 0), (2023, 12, 15)) == 0  # "in December" is not after "by the 15th"
    assert compare_dates((0, 11, 20), (2023, 12, 31)) == -1  # a year left open takes the other's
    assert compare_dates((2023, 0, 0), (2024, 6, 30)) == -1


def test_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("raw", "unit", "op", "expected"),
    [
        (80, "%", "≥", ("number", "≥", 80.0, "%")),
        (0.9, "%", "≥", ("number", "≥", 0.9, "%")),
        ("80", "%", "≥", ("number", "≥", 80.0, "%")),
        ("80", "％", "＞＝", ("number", "≥", 80.0, "%")),
        (30, "天", "≤", ("number", "≤", 30.0, "天")),
        (1100, "人", "正向", ("number", "≥", 1100.0, "人")),
        (5, "%", "反向", ("number", "≤", 5.0, "%")),
        ("≥90%", "%", "≤", ("number", "≥", 90.0, "%")),  # the cell's own operator wins
        (30, "—", None, ("number", None, 30.0, "")),
        ("好", "", "定性", ("text", None, None, "")),
        (95, "百分比", "≥", ("number", "≥", 95.0, "%")),
        (1200, "元/人·年", "≥", ("number", "≥", 1200.0, "元/人/年")),  # one spelling, as a value's unit
        (1200, "元/(人·年)", "≥", ("number", "≥", 1200.0, "元/人/年")),
        (500, "人·次", "≥", ("number", "≥", 500.0, "人·次")),  # (a product without a slash: 人次)
        (500, "人", "以上", ("number", "≥", 500.0, "人")),  # a direction column's other words (were no operator)
        (30, "天", "以下", ("number", "≤", 30.0, "天")),
        (500, "人", "正", ("number", "≥", 500.0, "人")),
        (5, "%", "反", ("number", "≤", 5.0, "%")),
        (5, "%", "上限", ("number", "≤", 5.0, "%")),
        (500, "人", "越多越好", ("number", "≥", 500.0, "人")),
    ],
)
def test_operator_and_unit_in_their_own_columns(raw, unit, op, expected):
    v = parse_value(raw, unit=unit, op=op)
    assert (v.kind, v.op, v.number, v.unit) == expected


@pytest.mark.parametrize(
    ("raw", "kind"),
    [(None, "none"), (True, "text"), (float("nan"), "text"), (datetime.date(2024, 1, 2), "date"),
     (datetime.datetime(2024, 1, 2, 3, 4), "date"), (datetime.time(3, 4), "text"), (12, "number")],
)
def test_non_text_cells(raw, kind):
    assert parse_value(raw).kind == kind


@pytest.mark.parametrize(
    ("word", "op"),
    [("≥", "≥"), (">=", "≥"), ("＞＝", "≥"), ("≤", "≤"), ("=", "="), (">", ">"), ("<", "<"),
     ("正向", "≥"), ("反向", "≤"), ("定性", None), ("定量（其他）", "="), ("不低于", "≥"), ("胡说", None)],
)
def test_direction_column(word, op):
    assert parse_direction(word) == op


@pytest.mark.parametrize(
    ("name", "unit"),
    [("参会代表人数（人）", "人"), ("参会代表人数(人次)", "人次"), ("满意度（%）", "%"),
     ("培训场次", ""), ("2023年（第1期）", "")],
)
def test_unit_in_name(name, unit):
    assert unit_from_name(name) == unit


@pytest.mark.parametrize(
    ("x", "ref", "explicit", "expected"),
    [(0.96, 90, False, 96), (96, 90, False, 96), (1, 100, False, 100), (0.5, 1, False, 0.5),
     (0.96, None, False, 96), (0.96, 90, True, 0.96), (0, 90, False, 0), (1.2, 100, False, 120)],
)
def test_percent_scale(x, ref, explicit, expected):
    assert percent_scale(x, ref, explicit_percent=explicit) == pytest.approx(expected)


@given(st.text(max_size=40))
def test_never_crashes_on_any_text(s):
    v = parse_value(s)
    assert v.kind in ("number", "text", "date", "none")
    if v.kind == "number":
        assert v.number is not None
    from xltools.values import number_in

    found = number_in(s)  # an actual read as a sentence: one number or none, never a bound
    assert found is None or (found.kind == "number" and found.number is not None and found.op is None)


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿次人场12.%≥共第-", max_size=12))
@example(".一场")  # found by this test: 0.1场, a decimal point made of a numeral (and -二场, -2)
@example("-二场")
def test_numerals_spelt_in_chinese_never_crash_and_stay_whole(s):
    from xltools.values import number_in

    found = number_in(s)
    if found is not None and not any(ch.isdigit() for ch in s):  # spelt only: a whole count
        assert found.number is not None and found.number >= 0 and found.number.is_integer()


@pytest.mark.parametrize("text", ["≥1" + "0" * 400, "1" + "0" * 400 + "%", "1" + "0" * 400 + "万元"])
def test_a_number_too_long_to_hold_is_text(text):
    """Four hundred digits parse as infinity, which then broke every sum and format it met."""
    from xltools.reading.recognize import to_number

    assert parse_value(text).kind == "text"
    assert to_number(text) is None


@pytest.mark.parametrize(("text", "number"), [("1,100", 1100), ("4,800,000元", 4800000), ("4,5", None),
                                               ("770,42", None), ("1,00", None), ("12,3456", None)])
def test_a_cell_number_groups_its_thousands(text, number):
    """A comma groups thousands, as values.parse_value reads it; ``4,5`` (an expert's typo for 4.5)
    was 45 — past the row's weight of 5, with A304 and A323 — and is now no number (A318)."""
    from xltools.reading.recognize import to_number

    assert to_number(text) == number


@given(st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                 st.none(), st.dates()))
def test_never_crashes_on_any_cell(x):
    assert parse_value(x).kind in ("number", "text", "date", "none")


@given(
    op=st.sampled_from(["≥", "≤", "=", ">", "<", ""]),
    x=st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["%", "人", "天", "万元", "个", "平方米", "人次", ""]),
)
def test_round_trip(op, x, unit):
    v = parse_value(f"{op}{x}{unit}")
    assert v.kind == "number"
    assert v.op == (op or None)
    assert v.number == pytest.approx(float(x))
    assert v.unit == unit
    again = parse_value(v.display())
    assert (again.op, again.number, again.unit) == (v.op, v.number, v.unit)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_format_number_round_trips(x):
    assert float(format_number(x)) == pytest.approx(x, rel=1e-6, abs=1e-6)


def test_units_convert_exactly_and_survive_any_unit_cell():
    from xltools import units

    assert units.canonical("万人次") == ("人次", 1e4) and units.canonical("万亿元") == ("元", 1e12)
    assert units.canonical("千人") == ("人", 1e3) and units.canonical("千万元") == ("元", 1e7)  # 1.1千人 was 1.1人
    assert units.canonical("千克") == ("吨", 1e-3) and units.canonical("千米") == ("米", 1e3)  # units, not 千 of 克
    assert units.convert(1.2, "万人", "人") == 12000 and units.convert(3, "公顷", "亩") == 45
    assert units.convert(5, "工作日", "天") == 5 and not units.comparable("工作日", "天")  # a 工作日 is not a 天
    assert units.comparable("个", "场") and units.comparable("名", "人") and not units.comparable("人", "人次")
    hostile = "万" * 5000  # a unit column may hold anything: no recursion, no infinite factor
    assert units.canonical(hostile) == ("万" * 4998, 1e8) and units.comparable(parse_value(100, unit=hostile).unit, "人") is False
    assert units.canonical("次" + "/年" * 5000)[1] == 1.0


def test_months_quarters_and_years_convert_and_so_do_counts_per_period():
    """1年 is 12个月 (10个月 against ≤1年 was 10 against 1: 10 %), and a count per month, quarter or
    year is a count per the table's year (``每季度1次`` meets ``≥4次``; it was 1 against 4: 25 %)."""
    from xltools import units

    assert units.convert(10, "个月", "年") == pytest.approx(10 / 12) and units.convert(2, "季度", "月") == 6
    assert units.convert(1, "次/季度", "次") == 4 and units.convert(12, "次", "次/月") == 1
    assert units.convert(2, "次/年", "次") == 2 and units.convert(1, "万元/年", "万元") == 1
    assert units.convert(1, "周", "天") == 7 and units.convert(1, "个星期", "天") == 7
    # a count per week is 52 a year, as reviewers count it (it was no count: 每周一次 scored 1 of ≥52次);
    # a day is not (365 or 366, and 每日 targets are met day by day), and 元/人 counts per person
    assert units.convert(1, "次/周", "次") == 52 and units.convert(1, "次/两月", "次") == 6
    assert units.convert(1, "次/半月", "次") == 24
    assert not units.comparable("次/天", "次") and not units.comparable("次/天", "次/月")
    assert not units.comparable("元/人", "元")
    # against days a month is 30 of them, as a time limit counts it (1个月 meets ≤30天; it was 30.42
    # days, 9.86 of 10), a quarter 90; against years a twelfth of one (12个月 is 1年)
    assert units.convert(365, "天", "年") == 1 and units.convert(3, "个月", "天") == 90
    assert units.convert(1, "季度", "天") == 90 and units.convert(180, "天", "个月") == 6
    assert units.convert(12, "个月", "年") == 1 and units.convert(4, "周", "个月") == pytest.approx(28 / 30)


@pytest.mark.parametrize(("text", "number", "unit"), [
    ("参展企业80家", 80, "家"), ("满意度85%", 85, "%"), ("实际培训80人次", 80, "人次"), ("共培训80余人", 80, "人"),
    ("2023年培训80人", 80, "人"), ("1-6月完成1100人", 1100, "人"), ("截至6月底完成1100人", 1100, "人"), ("12月20日前完成80家", 80, "家"), ("十二次", 12, "次"), ("两场", 2, "场"),
    ("一千二百人", 1200, "人"), ("三万人次", 3, "万人次"), ("满意度达到95%", 95, "%"), ("80人,未达标", 80, "人"),
    # a difference, an average, a rank, a share of the plan, a bound, two numbers, words
    ("提前5天完成", None, None), ("同比增长10%", None, None), ("平均每场80人", None, None), ("排名第3", None, None),
    ("完成目标的85%", None, None), ("≥100", None, None), ("不少于80家", None, None), ("满意度95%以上", None, None),
    ("计划100家,实际完成80家", None, None), ("已完成", None, None), ("一般", None, None), ("统一标准", None, None),
    ("一次性完成三场", None, None), ("十四五", None, None),
])
def test_the_one_number_of_an_actual_written_as_a_sentence(text, number, unit):
    from xltools.values import number_in

    v = number_in(text)
    assert (v.number, v.unit, v.op) == (number, unit, None) if number is not None else v is None


@pytest.mark.parametrize(("unit", "clean"), [
    ("次培训", "次"), ("个示范点", "个"), ("家企业", "家"), ("万元资金", "万元"), ("元人民币", "元"),
    ("人次", "人次"), ("个工作日", "个工作日"), ("个百分点", "个百分点"), ("万人次", "万人次"),
    ("级标准", "级标准"), ("次/年", "次/年"), ("年共培训一千二百人", "年共培训一千二百人"),
])
def test_a_unit_followed_by_what_it_counts_is_the_unit(unit, clean):
    from xltools import units

    assert units.clean(unit) == clean


def test_a_frequency_with_what_is_done_inside_it():
    for text, op, unit in (("每季度开展1次", None, "次/季度"), ("每周巡查不少于3次", "≥", "次/周"), ("每月组织≥2次培训", "≥", "次/月")):
        v = parse_value(text)
        assert (v.kind, v.op, v.unit) == ("number", op, unit), text


def test_a_labelled_value_takes_the_bound_of_its_column():
    assert (parse_value("满意度90%", op="≥").op, parse_value("满意度90%", op="≥").number) == ("≥", 90)
    # a satisfaction named before its value is the value, as a rate is (``满意率90%``): it was text, so
    # ``满意度95%`` as an actual was "not a number" (A315), and as a 定性 row's target "a word" (G202)
    assert [parse_value(t, op="定性").number for t in ("满意度90%", "满意率90%", "群众满意度为90%")] == [90, 90, 90]
    assert parse_value("第三季度1200万元").kind == "text"  # a quarter is no named rate
    assert parse_value("满意度≥90%", op="≤").op == "≥"  # the cell's own wins, as everywhere


def test_a_bare_magnitude_is_of_the_other_values_unit():
    from xltools import units

    assert units.canonical("万") == ("", 1e4) and units.comparable("万", "万元") and units.comparable("亿", "人")
    assert units.convert(180, "万", "万元") == 180 and units.convert(1.2, "万", "人") == 12000
    assert units.comparable("场次", "个") and not units.comparable("人次", "人")
    assert units.comparable("人/次", "人次") and units.comparable("人·次", "人次")  # 500人/次 is 500人次


def test_percent_scale_survives_vanishing_ratios():
    from xltools.values import percent_scale

    # found by the property test: 5e-324 typed as a % target against 95 (the ratio underflows to 0)
    assert percent_scale(5e-324, 95.0, explicit_percent=False) == 5e-324
    assert percent_scale(0.5, 5e-324, explicit_percent=False) == 0.5


def test_a_band_direction_column_makes_the_value_a_band():
    """指标性质「±」 beside 10 (%): the parser applies the column's ± as it applies ≥ or ≤."""
    v = parse_value(10, unit="%", op=" ± ")
    assert (v.op, v.number, v.unit, v.band, v.display()) == ("≤", 10, "%", True, "±10%")
    assert parse_value("有效提升", op="±").kind == "text"


@pytest.mark.parametrize(("value", "unit", "expected"), [
    ("1000t", "吨", 1000), ("50.2KM", "公里", 50.2), ("40课时", "学时", 40), ("5hm²", "亩", 75),
    ("20m³", "立方米", 20), ("1.5MWh", "千瓦时", 1500), ("30min", "小时", 0.5), ("150cm", "米", 1.5),
])
def test_units_as_technical_texts_write_them(value, unit, expected):
    """Symbols and synonyms in any case are the target's unit (``1000t`` against ``≥1000吨`` was A316,
    two units that could not be compared); a lone capital is no small letter's unit (``5G``)."""
    from xltools import units

    v = parse_value(value)
    assert v.is_number and units.comparable(v.unit, unit)
    assert units.convert(v.number, v.unit, unit) == pytest.approx(expected)
    assert not units.known("G") and not units.comparable("G", "吨")

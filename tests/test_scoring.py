"""Scoring rules of domain.md §5, row by row, with exact figures and explanations."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltools.model import DEPT, EVALUATION, SELFEVAL, Field, Funds, FundsRow, Indicator, Table
from xltools.ruleset import load_rules
from xltools.scoring import round_half_up, score_indicator, score_table
from xltools.values import parse_value

RULES = load_rules()
SELF = RULES.for_table(SELFEVAL)


def ind(target, actual, weight=10, *, op=None, unit="", score=None, qualitative=False, level1="产出指标"):
    t = parse_value(target, unit=unit, op=op)
    qual = qualitative or t.kind == "text"
    return Indicator(level1=level1, level2="数量指标", name="指标", target=t,
                     actual=parse_value(actual, unit=unit), op=None if qual else (t.op or op or "="),
                     qualitative=qual, unit=unit, weight=weight, score=score,
                     columns={"score": "G", "name": "C", "actual": "E", "weight": "F"}, row=9, sheet="自评")


@pytest.mark.parametrize(
    ("target", "actual", "weight", "score", "explain"),
    [
        ("≥100家", "120家", 15, 15.0, "实际 120家 ≥ 目标 100家，得满分 15.00（达到目标的 120.00%，目标可能偏低）"),
        ("≥100家", "110家", 15, 15.0, "实际 110家 ≥ 目标 100家，得满分 15.00"),
        ("≥3000平方米", "2800平方米", 15, 14.0, "2800平方米/3000平方米 = 93.33% × 15 = 14.00"),
        ("≥1000", 770.42, 10, 7.7, "770.42/1000 = 77.04% × 10 = 7.70"),
        (">90%", "85%", 10, 9.44, "85%/90% = 94.44% × 10 = 9.44"),
        ("≥90%", 0.95, 10, 10.0, "实际 95% ≥ 目标 90%，得满分 10.00"),
        ("≥90%", 0.8, 10, 8.89, "80%/90% = 88.89% × 10 = 8.89"),
        ("≥90%", "-5%", 10, 0.0, "-5%/90% = 0.00% × 10 = 0.00"),
        ("≤30天", "25天", 10, 10.0, "实际 25天 ≤ 目标 30天，得满分 10.00"),
        ("≤30天", "40天", 10, 7.5, "目标/实际 30天/40天 = 75.00% × 10 = 7.50"),
        # a band either side of zero: met by size, whatever the sign (it was text: anything met it)
        ("±10%", "-4%", 10, 10.0, "实际 -4% ≤ 目标 ±10%，得满分 10.00"),
        ("±10%", "12%", 10, 8.33, "目标/实际 10%/12% = 83.33% × 10 = 8.33"),  # the band's half-width, the size
        ("±10%", "-15%", 10, 6.67, "目标/实际 10%/|-15%| = 66.67% × 10 = 6.67"),
        # "within" after the unit: done in 4 of 5 working days is full marks (it scored 4/5 = 80%)
        ("5个工作日内", "4个工作日", 10, 10.0, "实际 4个工作日 ≤ 目标 5个工作日，得满分 10.00"),
        ("30天之内", "40天", 10, 7.5, "目标/实际 30天/40天 = 75.00% × 10 = 7.50"),
        ("<5%", "8%", 6, 3.75, "目标/实际 5%/8% = 62.50% × 6 = 3.75"),
        ("=100%", "100%", 10, 10.0, "实际 100% = 目标 100%，得满分 10.00"),
        ("=100%", "99.996%", 10, 10.0, "实际 99.996% = 目标 100%，得满分 10.00"),
        ("=100%", "96%", 10, 9.6, "96%/100% = 96.00% × 10 = 9.60"),
        ("=12次", "13次", 5, 5.0, "实际 13次 高于目标 12次，得满分 5.00（偏差需说明）"),
        ("1100人", "1000人", 20, 18.18, "1000人/1100人 = 90.91% × 20 = 18.18"),
        ("≤0起", "0起", 5, 5.0, "目标为 0起，实际 0起，得满分 5.00"),
        ("≤0起", "2起", 5, 0.0, "目标为 0起，实际 2起 > 0，得 0 分"),
        ("=0", "1", 5, 0.0, "目标为 0，实际 1 > 0，得 0 分"),
        ("零投诉", "2起", 5, 0.0, "目标为 0起，实际 2起 > 0，得 0 分"),  # was qualitative: full marks
        ("无重大安全事故", "未发生安全事故", 5, 5.0, "目标为 0，实际 0，得满分 5.00"),
        ("≥90%", "", 10, 0.0, "缺少实际完成值，记 0 分"),
        ("≥90%", "—", 10, 0.0, "缺少实际完成值，记 0 分"),
        # units converted exactly (xltools/units.py); unconvertible ones compared as written
        ("≥10000人", "1.2万人", 20, 20.0, "实际 12000人（1.2万人） ≥ 目标 10000人，得满分 20.00（达到目标的 120.00%，目标可能偏低）"),
        ("≥2万人次", "15000人次", 20, 15.0, "1.5万人次（15000人次）/2万人次 = 75.00% × 20 = 15.00"),
        ("≤50万元", "480000元", 10, 10.0, "实际 48万元（480000元） ≤ 目标 50万元，得满分 10.00"),
        ("≤2天", "60小时", 10, 8.0, "目标/实际 2天/2.5天（60小时） = 80.00% × 10 = 8.00"),
        ("≤30天", "25个自然日", 10, 10.0, "实际 25天（25个自然日） ≤ 目标 30天，得满分 10.00"),  # (it was 25个)
        ("≥100公顷", "1200亩", 10, 8.0, "80公顷（1200亩）/100公顷 = 80.00% × 10 = 8.00"),
        # a 亩 is a fifteenth of a 公顷, 10000/15 平方米 (they were compared as bare numbers: 0.3 of 3000)
        ("≥3000平方米", "0.3公顷", 10, 10.0, "实际 3000平方米（0.3公顷） ≥ 目标 3000平方米，得满分 10.00"),
        ("≥5亩", "3000平方米", 10, 9.0, "4.5亩（3000平方米）/5亩 = 90.00% × 10 = 9.00"),
        ("≥100家", "90人", 10, 9.0, "90人/100家 = 90.00% × 10 = 9.00"),
        ("≥10个", "8场", 10, 8.0, "8个（8场）/10个 = 80.00% × 10 = 8.00"),  # measure words count alike
        # a year is 12 months and a count per quarter a count per year (they compared 10 with 1, 1 with 4)
        ("≤1年", "10个月", 10, 10.0, "实际 ≈0.83年（10个月） ≤ 目标 1年，得满分 10.00"),
        ("≥4次", "每季度1次", 10, 10.0, "实际 4次（每季度1次） ≥ 目标 4次，得满分 10.00"),
        ("≥12次", "每月一次", 10, 10.0, "实际 12次（每月一次） ≥ 目标 12次，得满分 10.00"),  # (it was a word)
        # a frequency with 按 or none before its period, or per week, fortnight or two months (they
        # were 1次: 2.50, 5.00, 0.19; 每两个月一次 a word)
        ("≥4次", "按季度开展1次", 10, 10.0, "实际 4次（按季度开展1次） ≥ 目标 4次，得满分 10.00"),
        ("≥2次", "半年一次", 10, 10.0, "实际 2次（半年一次） ≥ 目标 2次，得满分 10.00"),
        ("≥52次", "每周一次", 10, 10.0, "实际 52次（每周一次） ≥ 目标 52次，得满分 10.00"),
        ("≥12次", "每两个月一次", 10, 5.0, "6次（每两个月一次）/12次 = 50.00% × 10 = 5.00"),
        ("每周1次", "50次", 10, 9.62, "≈0.96次/周（50次）/1次/周 = 96.15% × 10 = 9.62"),
        ("≥4期", "季报4期", 10, 10.0, "实际 4期（季报4期） ≥ 目标 4期，得满分 10.00"),  # four reports, not 16
        ("≥8次", "每季度召开一次例会", 10, 5.0, "4次（每季度召开一次例会）/8次 = 50.00% × 10 = 5.00"),
        ("≥4次", "每季度一般开会", 10, 6.0,  # 一般 is no numeral
         "实际「每季度一般开会」不是数值，按定性判为部分达成年度指标并具有一定效果：60.00% × 10 = 6.00"),
        ("≥20000人", "1万余人", 10, 5.0, "10000人（1万余人）/20000人 = 50.00% × 10 = 5.00"),  # it was 1 of 万余人
        ("≥90分", "85%", 10, 9.44, "85%/90% = 94.44% × 10 = 9.44"),  # a satisfaction of 85, not 85% of 90分
        # by how much the target was passed: a word (it was 20 % of the target: 2.00)
        ("≥100家", "超额完成20%", 10, 10.0, "实际「超额完成20%」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥100家", "超100家", 10, 10.0, "实际 100家 ≥ 目标 100家，得满分 10.00"),  # 超 as 超过 (A322; it was a word)
        ("≥1次/月", "10次", 10, 8.33, "≈0.83次/月（10次）/1次/月 = 83.33% × 10 = 8.33"),
        ("≤3个月", "85天", 10, 10.0, "实际 ≈2.83个月（85天） ≤ 目标 3个月，得满分 10.00"),  # was 3/85: 0.35
        ("≤1个月", "45天", 10, 6.67, "目标/实际 1个月/1.5个月（45天） = 66.67% × 10 = 6.67"),  # a month of 30 days
        ("≤30天", "1个月", 10, 10.0, "实际 30天（1个月） ≤ 目标 30天，得满分 10.00"),  # was ≈30.42天: 9.86
        ("≤180天", "6个月", 10, 10.0, "实际 180天（6个月） ≤ 目标 180天，得满分 10.00"),
        ("≤1年", "12个月", 10, 10.0, "实际 1年（12个月） ≤ 目标 1年，得满分 10.00"),  # against a year, a twelfth
        ("100%", "已完成", 10, 10.0, "实际「已完成」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("100%", "部分完成", 10, 6.0, "实际「部分完成」不是数值，按定性判为部分达成年度指标并具有一定效果：60.00% × 10 = 6.00"),
        # a sentence is scored by its one number in the target's unit (as words, each took full marks)
        ("≥100家", "参展企业80家", 10, 8.0, "80家（参展企业80家）/100家 = 80.00% × 10 = 8.00"),
        ("≥90%", "满意度85%", 10, 9.44, "85%/90% = 94.44% × 10 = 9.44"),
        ("≥20次", "十二次", 10, 6.0, "12次（十二次）/20次 = 60.00% × 10 = 6.00"),
        ("≥90%", "满意度百分之八十五", 10, 9.44, "85%（满意度百分之八十五）/90% = 94.44% × 10 = 9.44"),  # was a word
        ("≥1000人", "2023年共培训一千二百人", 10, 10.0,
         "实际 1200人（2023年共培训一千二百人） ≥ 目标 1000人，得满分 10.00（达到目标的 120.00%，目标可能偏低）"),
        ("≥10个", "完成3场次", 10, 3.0, "3个（完成3场次）/10个 = 30.00% × 10 = 3.00"),
        ("≥100人", "80人，未达标", 10, 8.0, "80人/100人 = 80.00% × 10 = 8.00"),  # a remark after a comma
        # a share of the target where its amount belongs (as bare numbers 93 against 3000: 0.31; as words, full)
        ("≥3000平方米", "93%", 10, 9.3, "2790平方米（93%）/3000平方米 = 93.00% × 10 = 9.30"),
        ("≥3000平方米", "完成93%", 10, 9.3, "2790平方米（完成93%）/3000平方米 = 93.00% × 10 = 9.30"),
        ("≥100家", "完成全年目标的85%", 10, 8.5, "85家（完成全年目标的85%）/100家 = 85.00% × 10 = 8.50"),
        ("≥100家", "≥95%", 10, 9.5, "95%/100% = 95.00% × 10 = 9.50"),  # a bound: A322's, as before
        # a share written as a fraction, against a rate (as a word, 180/200 took full marks)
        ("≥95%", "180/200", 10, 9.47, "90%（180/200）/95% = 94.74% × 10 = 9.47"),
        ("=100%", "12/12", 10, 10.0, "实际 100%（12/12） = 目标 100%，得满分 10.00"),
        ("≥95%", "1/3", 10, 3.51, "33.33%（1/3）/95% = 35.08% × 10 = 3.51"),
        ("≥95%", "210/200", 10, 10.0, "实际「210/200」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),  # no share
        ("≥10个", "8/10", 10, 8.0, "8个（8/10）/10个 = 80.00% × 10 = 8.00"),  # done of planned
        ("≥10个", "8/12", 10, 10.0, "实际「8/12」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),  # of what?
        ("≤200万元", "180万", 10, 10.0, "实际 180万元（180万） ≤ 目标 200万元，得满分 10.00"),  # 万 of 万元
        ("≥4次培训", "开展培训3次", 10, 7.5, "3次（开展培训3次）/4次 = 75.00% × 10 = 7.50"),  # 次培训 counts 次
        # a target named by its indicator is the target: as a word, anything met it
        ("满意度≥90%", "85%", 10, 9.44, "85%/90% = 94.44% × 10 = 9.44"),
        ("培训人次≥500人次", "400人次", 10, 8.0, "400人次/500人次 = 80.00% × 10 = 8.00"),
        # a target written as a sentence without a bound, against an actual in its unit (G220)
        ("培训100人", "80人", 10, 8.0, "80人/100人（培训100人） = 80.00% × 10 = 8.00"),
        ("培训100人", "实际培训120人", 10, 10.0, "实际 120人（实际培训120人） 高于目标 100人（培训100人），得满分 10.00（偏差需说明）"),
        ("培训100人", "80人次", 10, 10.0, "定性：「80人次」判为达成年度指标，按 100.00% × 10 = 10.00"),  # not its unit
        ("达到国家2级标准", "3级", 10, 10.0, "定性：「3级」判为达成年度指标，按 100.00% × 10 = 10.00"),
        # a deadline met by a sentence with one date: by that date (as a word, it was always met)
        ("2023年12月31日前", "已于2023年11月20日完成验收", 10, 10.0,
         "实际 2023年11月20日（已于2023年11月20日完成验收），目标 2023年12月31日前：按期完成，得满分 10.00"),
        ("2023年12月31日前", "于2024年1月15日完成验收", 10, 0.0,
         "实际 2024年1月15日（于2024年1月15日完成验收），目标 2023年12月31日前：未按期完成（相差 15 天），按 0.00% × 10 = 0.00"),
        # short of the target, by how much unsaid: 低于90% and 接近90% were 90% (full marks), 不到九成 a word (met)
        ("≥90%", "低于90%", 10, 6.0, "实际「低于90%」未达到目标 ≥90%，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        ("≥90%", "接近90%", 10, 6.0, "实际「接近90%」未达到目标 ≥90%，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        ("≥95%", "不到九成", 10, 6.0, "实际「不到九成」未达到目标 ≥95%，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        ("≥100家", "近百家", 10, 6.0, "实际「近百家」未达到目标 ≥100家，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        ("≤30天", "超过30天", 10, 6.0, "实际「超过30天」未达到目标 ≤30天，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        ("≤0起", "超过0起", 10, 0.0, "实际「超过0起」未达到目标 ≤0起，且未写实际达到的数值：按未达成年度指标且效果较差计 0.00% × 10 = 0.00"),
        ("≥90%", "超过90%", 10, 10.0, "实际 90% ≥ 目标 90%，得满分 10.00"),  # the near side: met (A322)
        ("≥80%", "低于90%", 10, 10.0, "实际 90% ≥ 目标 80%，得满分 10.00"),  # either side of 80%: as before (A322)
        ("≥90%", "近100%", 10, 10.0, "实际 100%（近100%） ≥ 目标 90%，得满分 10.00"),  # nearly 100 % is past 90 %
        # the year after the deadline's, and early in a year (words: met, however late)
        ("2023年12月31日前", "次年1月", 10, 0.0,
         "实际 2024年1月（次年1月），目标 2023年12月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", "2024年初", 10, 0.0, "实际 2024年初，目标 2023年12月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("2024年3月31日前", "2024年初", 10, 10.0, "实际 2024年初，目标 2024年3月31日前：按期完成，得满分 10.00"),
        # a month alone beside a deadline: the month it was done in (a word: met, however late)
        ("2023年6月30日前", "7月", 10, 0.0, "实际 7月，目标 2023年6月30日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("12月底前", "11月份", 10, 10.0, "实际 11月份，目标 12月底前：按期完成，得满分 10.00"),
        # a date in Chinese numerals, or with a two-digit year (words: met, however late)
        ("2023年12月31日前", "二〇二四年一月十五日", 10, 0.0,
         "实际 二〇二四年一月十五日，目标 2023年12月31日前：未按期完成（相差 15 天），按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", "24年1月5日", 10, 0.0, "实际 24年1月5日，目标 2023年12月31日前：未按期完成（相差 5 天），按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", "23年12月20日", 10, 10.0, "实际 23年12月20日，目标 2023年12月31日前：按期完成，得满分 10.00"),
        ("2023年10月31日前", "于二〇二三年十二月完成验收", 10, 0.0,
         "实际 2023年12月（于二〇二三年十二月完成验收），目标 2023年10月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        # a multiple against a per cent: 250% of ≥2倍 was 250 % of the target (5倍), 2.5倍 of ≥200% 2.5 %
        ("≥2倍", "150%", 10, 7.5, "1.5倍（150%）/2倍 = 75.00% × 10 = 7.50"),
        ("≥200%", "2.5倍", 10, 10.0, "实际 250%（2.5倍） ≥ 目标 200%，得满分 10.00（达到目标的 125.00%，目标可能偏低）"),
        # an average per period: 月均1次 was 1次 (0.83 of 10)
        ("≥12次", "月均1次", 10, 10.0, "实际 12次（月均1次） ≥ 目标 12次，得满分 10.00"),
        ("≥4次", "平均每季度1次", 10, 10.0, "实际 4次（平均每季度1次） ≥ 目标 4次，得满分 10.00"),
        # a range as the actual: its sure end (as words, each took full marks)
        ("≥90%", "85%~95%", 10, 9.44, "85%（85%~95%）/90% = 94.44% × 10 = 9.44"),
        ("≤30天", "20-40天", 10, 7.5, "目标/实际 30天/40天（20-40天） = 75.00% × 10 = 7.50"),
        ("≥100人", "90-110人", 10, 9.0, "90人（90-110人）/100人 = 90.00% × 10 = 9.00"),
        ("≥90%", "2023-2024年", 10, 10.0, "实际「2023-2024年」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),  # years
        # halves of a time: 1年半 was 1年 and 2个半月 2个 (both met), 半个月 and 半年 words
        ("≤1年", "1年半", 10, 6.67, "目标/实际 1年/1.5年 = 66.67% × 10 = 6.67"),
        ("≤1年", "一年半", 10, 6.67, "目标/实际 1年/1.5年 = 66.67% × 10 = 6.67"),
        ("≤2个月", "2个半月", 10, 8.0, "目标/实际 2个月/2.5个月 = 80.00% × 10 = 8.00"),
        ("≤10天", "半个月", 10, 6.67, "目标/实际 10天/15天（半个月） = 66.67% × 10 = 6.67"),
        ("≤30分钟", "一个半小时", 10, 3.33, "目标/实际 30分钟/90分钟（一个半小时） = 33.33% × 10 = 3.33"),
        ("≤3个月", "半年", 10, 5.0, "目标/实际 3个月/6个月（半年） = 50.00% × 10 = 5.00"),
        # a time said against the target's: 超期5天 was a word and met, 延期3天 late (60 %)
        ("≤30天", "延期3天", 10, 9.09, "目标/实际 30天/33天（延期3天） = 90.91% × 10 = 9.09"),
        ("≤30天", "超期5天", 10, 8.57, "目标/实际 30天/35天（超期5天） = 85.71% × 10 = 8.57"),
        ("≤30天", "提前5天完成", 10, 10.0, "实际 25天（提前5天完成） ≤ 目标 30天，得满分 10.00"),
        ("≤1个月", "延期5天", 10, 8.57, "目标/实际 1个月/≈1.17个月（延期5天） = 85.71% × 10 = 8.57"),
        # a count said against the target's: 差5家 was a word and failed, 少5家 read as 5家 (0.50)
        ("≥100家", "差5家", 10, 9.5, "95家（差5家）/100家 = 95.00% × 10 = 9.50"),
        ("≥100家", "少5家", 10, 9.5, "95家（少5家）/100家 = 95.00% × 10 = 9.50"),
        ("≥100家", "超额完成20家", 10, 10.0,
         "实际 120家（超额完成20家） ≥ 目标 100家，得满分 10.00（达到目标的 120.00%，目标可能偏低）"),
        # an amount said against a cost target's: 超支5万元 was a word and met
        ("≤100万元", "超支5万元", 10, 9.52, "目标/实际 100万元/105万元（超支5万元） = 95.24% × 10 = 9.52"),
        ("≤100万元", "比预算节省8万元", 10, 10.0, "实际 92万元（比预算节省8万元） ≤ 目标 100万元，得满分 10.00"),
        ("2023年10月31日前", "延期3天", 10, 0.0,
         "实际 2023年11月3日（延期3天），目标 2023年10月31日前：未按期完成（相差 3 天），按 0.00% × 10 = 0.00"),
        ("2023年10月31日前", "提前5天完成", 10, 10.0,
         "实际 2023年10月26日（提前5天完成），目标 2023年10月31日前：按期完成，得满分 10.00"),
        # a month and day written with a dot before 前 (it was the number 12.31, met 99 % by 12.20)
        ("12.31前", "12.20", 10, 10.0, "实际 12月20日（12.20），目标 12.31前：按期完成，得满分 10.00"),
        ("6.30前", "7.10", 10, 0.0, "实际 7月10日（7.10），目标 6.30前：未按期完成，按 0.00% × 10 = 0.00"),
        # into a year the deadline does not name: words (late, partly), not 1月3日 before 12月31日
        ("12月底前", "延期3天", 10, 6.0, "定性：「延期3天」判为部分达成年度指标并具有一定效果，按 60.00% × 10 = 6.00"),
        # a date written as digits: yyyymmdd, or the serial Excel keeps (a word, it was met however late)
        ("2023年12月31日前", "20240105", 10, 0.0,
         "实际 2024年1月5日（20240105），目标 2023年12月31日前：未按期完成（相差 5 天），按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", 45112, 10, 10.0, "实际 2023年7月5日（45112），目标 2023年12月31日前：按期完成，得满分 10.00"),
        ("2023年12月31日前", "20231340", 10, 10.0, "定性：「20231340」判为达成年度指标，按 100.00% × 10 = 10.00"),
        # two dates: the one of the clause that says it was done (they were a word: met)
        ("2023年10月31日前", "2023年9月开工,2023年12月竣工", 10, 0.0,
         "实际 2023年12月（2023年9月开工,2023年12月竣工），目标 2023年10月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", "2023年3月启动,2023年12月20日完成验收", 10, 10.0,
         "实际 2023年12月20日（2023年3月启动,2023年12月20日完成验收），目标 2023年12月31日前：按期完成，得满分 10.00"),
        ("2023年12月31日前", "2023年6月开工", 10, 6.0,  # begun is not done: it was met by June
         "定性：「2023年6月开工」判为部分达成年度指标并具有一定效果，按 60.00% × 10 = 6.00"),
        ("2023年12月31日前", "2023年11月完成,2023年12月验收", 10, 10.0,  # two done: which one? a word
         "定性：「2023年11月完成,2023年12月验收」判为达成年度指标，按 100.00% × 10 = 10.00"),
        # a span of work: done at its end (it was its start, or a word: met)
        ("2023年12月31日前", "2023年3月-2024年1月", 10, 0.0,
         "实际 2024年1月（2023年3月-2024年1月），目标 2023年12月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("2023年10月31日前", "2023年3月至11月", 10, 0.0,
         "实际 2023年11月（2023年3月至11月），目标 2023年10月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        # a month written with a dot, beside a deadline (it was a number: a word, met)
        ("2023年12月31日前", "2024.1", 10, 0.0,
         "实际 2024年1月（2024.1），目标 2023年12月31日前：未按期完成，按 0.00% × 10 = 0.00"),
        ("2023年12月31日前", "2023.11", 10, 10.0, "实际 2023年11月（2023.11），目标 2023年12月31日前：按期完成，得满分 10.00"),
        # ... but not a difference as the amount (提前5天 is 25天 of ≤30天, above), an average, a bound,
        # two numbers, another unit or a word
        ("≥100人", "平均每场80人", 10, 10.0, "实际「平均每场80人」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥100人", "2023年培训800人，2022年培训300人", 10, 10.0,  # two years' counts: not added up
         "实际「2023年培训800人,2022年培训300人」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥1000人", "参训800人、合格300人", 10, 10.0,  # which is the count is the indicator's to say
         "实际「参训800人、合格300人」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a sentence of clauses: the plan and what remains set aside, a total stated, parts added up
        ("≥100家", "计划100家，完成80家", 10, 8.0, "80家（计划100家,完成80家）/100家 = 80.00% × 10 = 8.00"),
        ("≥50个", "已覆盖48个村，剩余2个村明年完成", 10, 9.6,
         "48个（已覆盖48个村,剩余2个村明年完成）/50个 = 96.00% × 10 = 9.60"),
        ("≥1200人", "线下800人，线上300人，共1100人", 10, 9.17,
         "1100人（线下800人,线上300人,共1100人）/1200人 = 91.67% × 10 = 9.17"),
        ("≥1200人", "培训1100人，其中线上300人", 10, 9.17, "1100人（培训1100人,其中线上300人）/1200人 = 91.67% × 10 = 9.17"),
        ("≥1200人", "线下800人、线上300人", 10, 9.17, "1100人（线下800人、线上300人）/1200人 = 91.67% × 10 = 9.17"),
        ("≤5次", "一季度2次、二季度1次", 10, 10.0, "实际 3次（一季度2次、二季度1次） ≤ 目标 5次，得满分 10.00"),
        # one clause, one number in the target's unit among others (they were words: met)
        ("≥500人次", "举办3期培训班共培训480人次", 10, 9.6, "480人次（举办3期培训班共培训480人次）/500人次 = 96.00% × 10 = 9.60"),
        ("≥200户", "覆盖12个村共195户", 10, 9.75, "195户（覆盖12个村共195户）/200户 = 97.50% × 10 = 9.75"),
        ("≥20公里", "完成5个村18公里道路建设", 10, 9.0, "18公里（完成5个村18公里道路建设）/20公里 = 90.00% × 10 = 9.00"),
        ("≥12次", "开展活动10次参与群众3000人次", 10, 8.33, "10次（开展活动10次参与群众3000人次）/12次 = 83.33% × 10 = 8.33"),
        ("=100%", "到位480万元（96%）", 10, 9.6, "96%（到位480万元(96%)）/100% = 96.00% × 10 = 9.60"),  # the remark's rate
        ("≥5个", "在3个乡镇建成5个示范点", 10, 10.0,  # two in 个: which one is the indicator's to say
         "实际「在3个乡镇建成5个示范点」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥500人", "培训3期480人次", 10, 10.0,  # 人次 is no count of 人
         "实际「培训3期480人次」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a rate said as its two counts (they were words: met, or failed for 不满意)
        ("≥98%", "合格45批次/抽检50批次", 10, 9.18, "90%（合格45批次/抽检50批次）/98% = 91.84% × 10 = 9.18"),
        ("≥95%", "覆盖120个村中的108个", 10, 9.47, "90%（覆盖120个村中的108个）/95% = 94.74% × 10 = 9.47"),
        ("≥98%", "抽检50批次，不合格5批次", 10, 9.18, "90%（抽检50批次,不合格5批次）/98% = 91.84% × 10 = 9.18"),
        ("≥95%", "满意180人，不满意20人", 10, 9.47, "90%（满意180人,不满意20人）/95% = 94.74% × 10 = 9.47"),
        # a survey's answers: the satisfied ones added up (read as words: partly for 基本, failed for
        # 不满意); a breakdown in brackets after the rate is no value (its 10% was: 1.11)
        ("≥90%", "满意85%，基本满意10%，不满意5%", 10, 10.0,
         "实际 95%（满意85%,基本满意10%,不满意5%） ≥ 目标 90%，得满分 10.00"),
        ("≥90%", "非常满意60%、满意25%、一般10%、不满意5%", 10, 9.44,
         "85%（非常满意60%、满意25%、一般10%、不满意5%）/90% = 94.44% × 10 = 9.44"),
        ("≥90%", "满意度95%（满意85%，基本满意10%）", 10, 10.0,
         "实际 95% ≥ 目标 90%，得满分 10.00"),
        ("≥90%", "满意85%，基本满意20%", 10, 6.0,  # more than all who answered: no one reading
         "实际「满意85%,基本满意20%」不是数值，按定性判为部分达成年度指标并具有一定效果：60.00% × 10 = 6.00"),
        # ... or as counts: the satisfied over all who answered; satisfied answers alone say no whole
        # (it was 15 of 180 as a rate's two counts: 8.33 %)
        ("≥98%", "满意180人，基本满意15人，不满意5人", 10, 9.95,
         "97.5%（满意180人,基本满意15人,不满意5人）/98% = 99.49% × 10 = 9.95"),
        ("≥90%", "满意180人，基本满意15人", 10, 6.0,
         "实际「满意180人,基本满意15人」不是数值，按定性判为部分达成年度指标并具有一定效果：60.00% × 10 = 6.00"),
        ("≥98%", "培训50人次，合格45人", 10, 10.0,  # 人 of 人次: no one count
         "实际「培训50人次,合格45人」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a count per session and the sessions held: their product (they were words: met); another
        # session word, or the sessions alone, stay words
        ("≥500人次", "共举办5期，每期90人次", 10, 9.0, "450人次（共举办5期,每期90人次）/500人次 = 90.00% × 10 = 9.00"),
        ("≥1000人", "每场平均80人，共举办10场", 10, 8.0, "800人（每场平均80人,共举办10场）/1000人 = 80.00% × 10 = 8.00"),
        ("≥500人次", "每期100人次，共4场", 10, 10.0,
         "实际「每期100人次,共4场」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # documents made, named by their titles (they were words: met); cited, or 等 more, stay words
        ("≥3项", "出台《资金管理办法》《实施细则》", 10, 6.67, "2项（出台《资金管理办法》《实施细则》）/3项 = 66.67% × 10 = 6.67"),
        ("≥3项", "《管理办法》、《考核办法》和《实施细则》", 10, 10.0,
         "实际 3项（《管理办法》、《考核办法》和《实施细则》） ≥ 目标 3项，得满分 10.00"),
        ("≥2项", "按照《管理办法》执行", 10, 10.0, "实际「按照《管理办法》执行」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥2项", "制定《管理办法》等制度", 10, 10.0, "实际「制定《管理办法》等制度」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # an average time or rate is the measure (they were words: met); an average count is not
        ("≤15个工作日", "平均办结时间16个工作日", 10, 9.38,
         "目标/实际 15个工作日/16个工作日（平均办结时间16个工作日） = 93.75% × 10 = 9.38"),
        ("≥95%", "平均满意度93%", 10, 9.79, "93%/95% = 97.89% × 10 = 9.79"),
        ("≥100人", "平均80人", 10, 10.0, "实际「平均80人」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a score out of 100 in a sentence, against a rate: as the bare ``85分`` is (it was a word: met)
        ("≥90%", "满意度测评85分，较上年提高2分", 10, 9.44, "85分（满意度测评85分,较上年提高2分）/90% = 94.44% × 10 = 9.44"),
        ("≥90%", "满意度测评4.6分", 10, 10.0,  # a score of another scale, not said which: a word
         "实际「满意度测评4.6分」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        ("≥90%", "服务企业80家", 10, 10.0, "实际「服务企业80家」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a round hundred or thousand without its 一 (they were words: met); 近百家 (nearly) stays one
        ("≥150家", "百余家", 10, 6.67, "100家（百余家）/150家 = 66.67% × 10 = 6.67"),
        ("≥1500人", "上千人", 10, 6.67, "1000人（上千人）/1500人 = 66.67% × 10 = 6.67"),
        # a target's number spelt in Chinese after its bound (it was a word: any actual met it)
        ("不少于两次", "1次", 10, 5.0, "1次/2次 = 50.00% × 10 = 5.00"),
        ("≥百分之九十五", "90%", 10, 9.47, "90%/95% = 94.74% × 10 = 9.47"),
        ("≥一千人", "800人", 10, 8.0, "800人/1000人 = 80.00% × 10 = 8.00"),
        ("一百人以上", "80人", 10, 8.0, "80人/100人 = 80.00% × 10 = 8.00"),  # bounded after it
        ("三个月内", "4个月", 10, 7.5, "目标/实际 3个月/4个月 = 75.00% × 10 = 7.50"),
        ("九成以上", "85%", 10, 9.44, "85%/90% = 94.44% × 10 = 9.44"),  # tenths bounded (it was words: met)
        ("≥150家", "逾百家", 10, 6.67, "100家（逾百家）/150家 = 66.67% × 10 = 6.67"),  # as 逾100家 reads
        ("≥1500人", "破千人", 10, 6.67, "1000人（破千人）/1500人 = 66.67% × 10 = 6.67"),
        ("≥150场", "过百场", 10, 6.67, "100场（过百场）/150场 = 66.67% × 10 = 6.67"),
        ("≤50万元", "上百万元", 10, 5.0, "目标/实际 50万元/100万元（上百万元） = 50.00% × 10 = 5.00"),
        ("≥150家", "近百家", 10, 6.0,  # short of 100家, so of 150家 (it was a word: met)
         "实际「近百家」未达到目标 ≥150家，且未写实际达到的数值：按部分达成年度指标并具有一定效果计 60.00% × 10 = 6.00"),
        # a share in tenths (it was a word: met)
        ("≥90%", "约八成", 10, 8.89, "80%（约八成）/90% = 88.89% × 10 = 8.89"),
        ("≥95%", "八成五左右", 10, 8.95, "85%（八成五左右）/95% = 89.47% × 10 = 8.95"),  # it was a word: met
        ("≥90%", "一成不变", 10, 10.0, "实际「一成不变」不是数值，按定性判为达成年度指标：100.00% × 10 = 10.00"),
        # a ratio, by its term that is not the 1 (every 1:x was 1: met)
        ("≥1:1", "1:0.8", 10, 8.0, "0.8/1 = 80.00% × 10 = 8.00"),
        ("≤1:15", "1:18", 10, 8.33, "目标/实际 15/18 = 83.33% × 10 = 8.33"),
        ("≥2:1", "1.5:1", 10, 7.5, "1.5/2 = 75.00% × 10 = 7.50"),
        # per mille against per cent: 0.8% is 8‰ (5‰ was read as 5 %, and 0.8% met it)
        ("≤5‰", "0.8%", 10, 6.25, "目标/实际 5‰/8‰（0.8%） = 62.50% × 10 = 6.25"),
        ("≤0.5%", "3‰", 10, 10.0, "实际 0.3%（3‰） ≤ 目标 0.5%，得满分 10.00"),
        ("≥99.5‰", "99.9%", 10, 10.0,  # a rate of 999‰, not 99.9 % of 99.5‰ (A312 then asks)
         "实际 999‰（99.9%） ≥ 目标 99.5‰，得满分 10.00（达到目标的 1004.02%，目标可能偏低）"),
        ("≥3", "一般", 10, 6.0, "实际「一般」不是数值，按定性判为部分达成年度指标并具有一定效果：60.00% × 10 = 6.00"),
    ],
)
def test_quantitative(target, actual, weight, score, explain):
    r = score_indicator(ind(target, actual, weight), SELF)
    assert r.score == score
    assert r.explain() == explain


@pytest.mark.parametrize(("level1", "level2", "name", "op", "target", "actual", "score", "explain"), [
    # more is better: the lower end binds (as words, any actual met it: full marks)
    ("产出指标", "数量指标", "培训人数", None, "2000-2200人", "1900人", 9.5, "1900人/2000人（2000-2200人） = 95.00% × 10 = 9.50"),
    ("产出指标", "数量指标", "培训人数", None, "2000-2200人", "2100人", 10.0,
     "实际 2100人 ≥ 目标 2000人（2000-2200人），得满分 10.00"),
    ("产出指标", "质量指标", "验收合格率", None, "90-95%", "85%", 9.44, "85%/90%（90-95%） = 94.44% × 10 = 9.44"),
    # less is better — a cost, a time, a count of what should not happen, or a ≤ in 指标性质: the upper end
    ("成本指标", "经济成本指标", "设备采购成本", None, "80-100万元", "110万元", 9.09,
     "目标/实际 100万元（80-100万元）/110万元 = 90.91% × 10 = 9.09"),
    ("产出指标", "时效指标", "办结时间", None, "5~10天", "8天", 10.0, "实际 8天 ≤ 目标 10天（5~10天），得满分 10.00"),
    ("效益指标", "社会效益指标", "有效投诉次数", None, "2-5次", "10次", 5.0, "目标/实际 5次（2-5次）/10次 = 50.00% × 10 = 5.00"),
    ("产出指标", "数量指标", "培训人数", "≤", "2000-2200人", "2300人", 9.57,
     "目标/实际 2200人（2000-2200人）/2300人 = 95.65% × 10 = 9.57"),
    # both bounds written (a word before: any actual met it), the end binding as a range's
    ("产出指标", "质量指标", "验收合格率", None, "≥95%且≤100%", "90%", 9.47, "90%/95%（≥95%且≤100%） = 94.74% × 10 = 9.47"),
    ("产出指标", "质量指标", "验收合格率", None, "95%≤X≤100%", "97%", 10.0, "实际 97% ≥ 目标 95%（95%≤X≤100%），得满分 10.00"),
])
def test_a_range_target_is_scored_by_the_end_that_binds(level1, level2, name, op, target, actual, score, explain):
    """G222's ranges: read as words, any actual met them; scored now by the end a reviewer takes."""
    row = replace(ind(target, actual), level1=level1, level2=level2, name=name, op=op, direction=op or "")
    r = score_indicator(row, SELF)
    assert (r.score, r.explain()) == (score, explain)


def test_percent_in_unit_column_with_fraction_cells():
    # A cell formatted as percent stores 0.9 / 0.87; the unit column says %.
    r = score_indicator(ind(0.9, 0.87, 10, op="≥", unit="%"), SELF)
    assert r.score == 9.67
    assert r.explain() == "87%/90% = 96.67% × 10 = 9.67"


def test_less_is_better_deduction_method(tmp_path):
    p = tmp_path / "rules.toml"
    p.write_text('id = "deduct"\n[selfeval]\nless_is_better = "deduction"\n', encoding="utf-8")
    tr = load_rules(str(p)).for_table(SELFEVAL)
    r = score_indicator(ind("≤30天", "40天", 10), tr)
    assert r.score == 6.67
    assert r.explain() == "超出目标 (40天 − 30天)/30天 = 33.33%，10 × (1 − 33.33%) = 6.67"
    r = score_indicator(ind("≤30天", "60天", 10), tr)
    assert (r.score, r.explain()) == (0.0, "实际 60天 达到目标 30天 的 2 倍及以上，得 0 分")


def test_overachievement_threshold_is_data(tmp_path):
    p = tmp_path / "rules.toml"
    p.write_text("[selfeval]\noverachievement = 1.3\n", encoding="utf-8")
    tr = load_rules(str(p)).for_table(SELFEVAL)
    assert score_indicator(ind("≥100家", "125家", 15), tr).explain_key == "more_full"
    assert score_indicator(ind("≥100家", "125家", 15), SELF).explain_key == "more_over"


@pytest.mark.parametrize(
    ("actual", "written", "score", "key"),
    [
        ("达到预期", 9, 9.0, "qual_written"),
        ("达到预期", None, 10.0, "qual_default"),
        ("基本达到", None, 6.0, "qual_default"),
        ("未达到预期", None, 0.0, "qual_default"),
        ("延期完成", None, 6.0, "qual_default"),  # late or under way at the year's end: partly (was 10)
        ("项目仍在进行中", None, 6.0, "qual_default"),
        ("逾期未完成", None, 0.0, "qual_default"),
        ("验收不合格", None, 0.0, "qual_default"),  # was achieved
        ("提升效果不明显", None, 0.0, "qual_default"),
        ("部分区域不达标", None, 6.0, "qual_default"),
        ("暂未实施", None, 0.0, "qual_default"),  # 未 inside the text: was achieved
        ("项目未按期完成", None, 0.0, "qual_default"),
        ("因政策调整取消", None, 0.0, "qual_default"),
        ("工程尚在建设中", None, 6.0, "qual_default"),
        ("已完工待验收", None, 6.0, "qual_default"),
        ("延迟至次年", None, 6.0, "qual_default"),
        ("效果有待提高", None, 6.0, "qual_default"),  # a shortfall the writer admits: partly (was 10)
        ("与预期仍有差距", None, 6.0, "qual_default"),
        ("宣传力度不够", None, 6.0, "qual_default"),
        ("资金不足，未实施", None, 0.0, "qual_default"),
        ("略有提升", None, 6.0, "qual_default"),  # a slight or first effect: partly (was 10)
        ("取得一定成效", None, 6.0, "qual_default"),
        ("初见成效", None, 6.0, "qual_default"),
        ("成效显著", None, 10.0, "qual_default"),
        ("未完全达到预期", None, 6.0, "qual_default"),  # not fully: partly (was 未…, failed)
        ("目标未全部实现", None, 6.0, "qual_default"),
        ("效益尚未显现", None, 6.0, "qual_default"),  # not yet: partly (was achieved)
        ("暂未体现", None, 6.0, "qual_default"),
        ("效益待进一步观察", None, 6.0, "qual_default"),  # the effect still to be seen (was achieved)
        ("长效机制待进一步完善", None, 6.0, "qual_default"),
        ("尚未完成", None, 0.0, "qual_default"),
        ("暂无数据", None, 0.0, "qual_default"),  # nothing known to judge by: no achievement (was 10)
        ("无法统计", None, 0.0, "qual_default"),
        ("待定", None, 0.0, "qual_default"),
        ("问题整改中", None, 6.0, "qual_default"),  # still under way (was 10)
        ("超期完成", None, 6.0, "qual_default"),  # late (was 10)
        ("宣传效果有限", None, 6.0, "qual_default"),  # limited or weak, by the writer's words (was 10)
        ("群众参与意识不强", None, 6.0, "qual_default"),
        ("整改推进缓慢", None, 6.0, "qual_default"),
        ("成效甚微", None, 0.0, "qual_default"),  # no effect, or stopped (was 10)
        ("提升效果不显著", None, 0.0, "qual_default"),
        ("项目已搁置", None, 0.0, "qual_default"),
        ("无失败案例", None, 10.0, "qual_default"),  # none failed: what must not happen did not
        ("已与XX有限公司签约", None, 10.0, "qual_default"),  # a company, not a limited effect
        ("未发现违规问题", None, 10.0, "qual_default"),  # what must not happen did not (was 未…, failed)
        ("全年无安全事故", None, 10.0, "qual_default"),
        ("零投诉", None, 10.0, "qual_default"),
        ("未发现问题", None, 10.0, "qual_default"),
        ("资金使用未超出预算", None, 10.0, "qual_default"),  # (a 未 inside, before no failed word: achieved)
        ("未超出预算", None, 10.0, "qual_default"),  # over the budget or the time, not: achieved (was failed)
        ("未出现延误", None, 10.0, "qual_default"),
        ("工期未受影响", None, 10.0, "qual_default"),
        ("未受影响", None, 10.0, "qual_default"),
        ("未见成效", None, 0.0, "qual_default"),  # 未见 with nothing wrong after it: failed
        ("存在违规", None, 0.0, "qual_default"),  # what must not happen did (was achieved)
        ("发现违规问题2个", None, 0.0, "qual_default"),
        ("未解决问题", None, 0.0, "qual_default"),
        ("无明显变化", None, 0.0, "qual_default"),
        ("低于预期", None, 0.0, "qual_default"),  # below what was expected, as 未达到预期 (was achieved)
        ("不及预期", None, 0.0, "qual_default"),
        ("略低于预期", None, 6.0, "qual_default"),  # a little below: partly
        ("中", None, 6.0, "qual_default"),  # a grade's middle, the whole result: partly (was achieved)
        ("暂无法评估，待项目完工后评价", None, 0.0, "qual_default"),  # it cannot be judged (was achieved)
        ("", None, 0.0, "qual_missing"),
        ("达到预期", 12, 10.0, "qual_default"),  # written above the weight is ignored (A304)
    ],
)
def test_qualitative(actual, written, score, key):
    r = score_indicator(ind("达到预期", actual, 10, score=written), SELF)
    assert (r.score, r.explain_key) == (score, key)


@pytest.mark.parametrize(("target", "actual", "score"), [
    ("有效提升", "与上年持平", 0.0),  # no rise where one was asked for (was achieved)
    ("有效提升", "基本持平", 0.0),  # (基本 made it partly)
    ("有效提升", "有所下降", 0.0),  # the other way (有所 made it partly)
    ("逐步提高", "下降", 0.0),  # (was achieved)
    ("有效降低", "有所上升", 0.0),
    ("有效提升", "明显提升", 10.0),  # the way asked for: by its words, as before
    ("有效提升", "有所提升", 6.0),
    ("有效降低", "明显下降", 10.0),
    ("保持稳定", "与上年持平", 10.0),  # no way asked for
    ("有效提升", "群众负担减轻", 10.0),  # a sentence may speak of another measure: its words decide
    ("成本下降、效率提升", "持平", 10.0),  # both ways asked for: no way
])
def test_a_qualitative_actual_flat_or_the_other_way_fails(target, actual, score):
    assert score_indicator(ind(target, actual, 10), SELF).score == score


@pytest.mark.parametrize(("target", "actual", "score"), [
    # a printed form's boxes: the one ticked decides (部分 anywhere in the line made each partly)
    ("有效提升", "☑达成 □部分达成 □未达成", 10.0),
    ("有效提升", "□达成年度指标 ☑部分达成年度指标并具有一定效果 □未达成年度指标且效果较差", 6.0),
    ("有效提升", "达成☑ 部分达成□ 未达成□", 10.0),  # marks after the words
    ("有效提升", "□达成 □部分达成 □未达成", 0.0),  # none ticked: none given
    ("否", "□是 ☑否", 10.0),  # 是否发生安全事故: 否 ticked (it was achieved whichever was)
    ("否", "☑是 □否", 0.0),
    ("有效提升", "☐优 ☐良 ☑中 ☐差", 6.0),  # a grade ticked: 中 partly (was achieved), 优 achieved
    ("有效提升", "☑优 □良 □中 □差", 10.0),
    ("有效提升", "√", 10.0),  # a tick alone: done, as before (not "no box ticked")
    ("≥100家", "☑达成 □部分达成 □未达成", 10.0),  # words where a number belongs: the box ticked, likewise
])
def test_a_qualitative_outcome_ticked_among_boxes(target, actual, score):
    assert score_indicator(ind(target, actual, 10), SELF).score == score


@pytest.mark.parametrize(("target", "actual", "score"), [
    # a target that itself asks for a part: saying so reaches it (was partly achieved, 6.00)
    ("基本建成", "已基本建成", 10.0),
    ("有所改善", "有所改善，群众认可", 10.0),
    ("部分覆盖", "已部分覆盖", 10.0),
    ("基本满足需求", "基本满足", 10.0),
    ("基本建成", "部分建成", 6.0),  # another part word: partly, as before
    ("有所改善", "有所改善但效果有限", 6.0),
    ("基本建成", "基本未建成", 0.0),  # (was partly, by its 基本)
    ("有效提升", "基本提升", 6.0),  # the target asks for no part
])
def test_a_qualitative_target_that_asks_for_a_part(target, actual, score):
    assert score_indicator(ind(target, actual, 10), SELF).score == score


@pytest.mark.parametrize(("name", "target", "actual", "score"), [
    # "nothing wrong" is said in the first clause: a problem after a failure is no "none" (both were 10)
    ("指标", "达到预期", "没有按时完成，存在问题", 0.0),
    ("指标", "达到预期", "没有按期完成，延误两个月", 0.0),
    ("指标", "达到预期", "无法完成，存在问题", 0.0),  # 无法 is no 无 (was 10)
    ("指标", "达到预期", "无法按期完成", 0.0),  # (was 10)
    ("指标", "达到预期", "未发现违规问题，资金使用规范", 10.0),  # as before
    # no delay, said (未延期 was failed, 无延期 and 按期完成，未出现延误 partly)
    ("指标", "按期完成", "未延期", 10.0),
    ("指标", "按期完成", "无延期", 10.0),
    ("指标", "按期完成", "没有推迟", 10.0),
    ("指标", "按期完成", "按期完成，未出现延误", 10.0),
    ("指标", "按期完成", "已完成，部分项目延期", 6.0),  # a delay said: partly, as before
    # a row that measures the start: 全部开工 is what it asked (was partly, as work begun)
    ("项目开工率", "100%", "全部开工", 10.0),
    ("项目开工率", "100%", "已开工", 10.0),
    ("项目开工率", "100%", "部分开工", 6.0),
    ("项目开工率", "100%", "未开工", 0.0),
    ("项目启动情况", "按期启动", "已启动", 10.0),
    ("建成率", "100%", "已开工", 6.0),  # begun, where completion is measured: partly, as before
])
def test_what_a_result_says_happened(name, target, actual, score):
    i = replace(ind(target, actual, 10), name=name)
    assert score_indicator(i, SELF).score == score


def test_a_rule_set_adds_outcome_words(tmp_path):
    """[heuristics.outcome] adds to the words that decide a qualitative result (they were data but
    no rule set could extend them): a province's 待改进 is not achieved, 初步 partly."""
    from xltools.errors import RulesError

    p = tmp_path / "rules.toml"
    p.write_text('id = "words"\n[heuristics.outcome]\nfailed = ["待改进"]\npartial = ["初步"]\n', encoding="utf-8")
    tr = load_rules(str(p)).for_table(SELFEVAL)
    got = [score_indicator(ind("达到预期", a, 10), t).score for a in ("成效待改进", "初步建立") for t in (SELF, tr)]
    assert got == [10.0, 0.0, 10.0, 6.0]
    bad = tmp_path / "bad.toml"
    bad.write_text('[heuristics.outcome]\nachieved = ["好"]\n', encoding="utf-8")
    with pytest.raises(RulesError, match="partial、partial_whole、nothing_wrong_start、not_nothing_wrong_start、wrong、failed_start、"
                                          "failed、late、begun、denial、denied_verbs、delay"):
        load_rules(str(bad))


def test_a_rule_set_adds_words_of_a_delay_denied(tmp_path):
    """A delay said not to have happened after the result (按期完成，未出现延误) is no delay; its words
    were spelt in the code, where a rule set that adds 拖延 to ``late`` could not add it there too:
    按期完成，未出现拖延 was partly achieved. ``denial``, ``denied_verbs``, ``delay`` are lists now."""
    p = tmp_path / "rules.toml"
    p.write_text('id = "late"\n[heuristics.outcome]\nlate = ["拖延"]\n', encoding="utf-8")
    q = tmp_path / "rules2.toml"
    q.write_text('id = "late2"\n[heuristics.outcome]\nlate = ["拖延"]\ndelay = ["拖延"]\n', encoding="utf-8")
    trs = [SELF, *(load_rules(str(x)).for_table(SELFEVAL) for x in (p, q))]
    got = [[score_indicator(ind("按期完成", a, 10), t).score for t in trs]
           for a in ("按期完成，未出现拖延", "按期完成，出现拖延", "按期完成，未出现延误")]
    assert got == [[10.0, 6.0, 10.0], [10.0, 6.0, 6.0], [10.0, 10.0, 10.0]]


def test_qualitative_written_score_names_its_band():
    r = score_indicator(ind("好", "较好", 10, score=7), SELF)
    assert r.explain() == "定性：评分 7.00/10 = 70.00%（部分达成年度指标并具有一定效果）"
    assert r.explain("en") == "qualitative: scored 7.00/10 = 70.00% (partly achieved)"


def test_missing_weight_is_not_scored():
    i = ind("≥90%", "95%", None)
    r = score_indicator(i, SELF)
    assert r.score is None and r.explain() == "缺少分值，未计分"


def test_round_half_up_matches_excel():
    assert round_half_up(2.675) == 2.68
    assert round_half_up(19.384) == 19.38
    assert round_half_up(7.704) == 7.70
    assert round_half_up(0.125) == 0.13


def _funds(initial, annual, spent, weight=10.0):
    return Funds([FundsRow("total", "年度资金总额", initial, annual, spent, weight=weight,
                           cells={"score": "H7"})])


def test_project_execution_76_percent_gives_7_60():
    t = Table(kind=SELFEVAL, sheet="s", funds=_funds(100, 100, 76))
    r = score_table(t)
    assert r.rows[0].score == 7.6 and r.total == 7.6
    assert r.rows[0].explain() == "76/100 = 76.00% × 10 = 7.60"


def test_overspent_budget_caps_at_weight():
    t = Table(kind=SELFEVAL, sheet="s", funds=_funds(100, 100, 105))
    r = score_table(t)
    assert r.rows[0].score == 10.0
    assert r.rows[0].explain() == "105/100 = 105.00%，按 100% × 10 = 10.00"


def test_department_worked_example():
    amounts = {"annual_budget": 5333.85, "spent": 5169.65, "carryover": 172.89,
               "initial_budget": 5029.86, "final_accounts": 5169.66}
    t = Table(kind=DEPT, sheet="部门", amounts={k: Field(v, "部门", "B2") for k, v in amounts.items()})
    r = score_table(t)
    assert r.rows[0].score == 19.38
    assert r.rows[0].explain() == "5169.65/5333.85 = 96.92% × 20 = 19.38"
    assert r.figures == {"execution_rate": 0.9692, "carryover_rate": 0.0324, "final_diff_rate": 0.0278}


def test_evaluation_worked_example_and_grade():
    rows = []
    for level1, weight, experts in [("决策", 10, [8.3, 8.34, 8.32]), ("过程", 20, [17.4, 17.44, 17.42]),
                                    ("产出", 40, [37.8, 37.82, 37.81]), ("效益", 30, [22.4, 22.48, 22.44])]:
        rows.append(Indicator(level1=level1, level2="", name=level1 + "指标", weight=weight, experts=experts))
    r = score_table(Table(kind=EVALUATION, sheet="评分", indicators=rows))
    assert [(p.name, p.score) for p in r.parts] == [("决策", 8.32), ("过程", 17.42), ("产出", 37.81), ("效益", 22.44)]
    assert (r.total, r.grade) == (85.99, "良")


@pytest.mark.parametrize(("total", "grade"), [(100, "优"), (90, "优"), (89.99, "良"), (80, "良"),
                                              (79.99, "中"), (60, "中"), (59.99, "差"), (0, "差")])
def test_grade_bounds(total, grade):
    assert RULES.grade(total) == grade


def test_expert_mean_above_weight_is_capped():
    i = Indicator(level1="决策", level2="", name="x", weight=5, experts=[6, 5, 5.5])
    r = score_table(Table(kind=EVALUATION, sheet="s", indicators=[i]))
    assert r.rows[0].score == 5.0
    assert r.rows[0].explain() == "专家平均 (6 + 5 + 5.5)/3 = 5.50，超过分值，按 5.00 计"


def test_total_is_sum_of_rounded_rows():
    # 3 rows of 1/3 of their target: each 3.333… → 3.33, total 9.99 (not 10.00)
    rows = [ind("≥3", "1", 10) for _ in range(3)]
    r = score_table(Table(kind=SELFEVAL, sheet="s", indicators=rows))
    assert [x.score for x in r.rows] == [3.33, 3.33, 3.33]
    assert r.total == 9.99


@pytest.mark.parametrize(("x", "digits", "expected"), [
    (2709.508148, 4, 2709.5081),  # found by hypothesis: a nudge of 1e-9 × y pushed .48 past the half
    (2.675, 2, 2.68), (1.5 * 114 / 120, 2, 1.43), (-2.675, 2, -2.68), (9999.99995, 4, 10000.0),
    (46715737.36495328, 2, 46715737.36),  # found by the property test: a nudge of 1e-12 × y gave .37
])
def test_round_half_up_examples(x, digits, expected):
    assert round_half_up(x, digits) == expected


@given(st.decimals(min_value=-10000, max_value=10000, places=6, allow_nan=False, allow_infinity=False),
       st.sampled_from([2, 4]))
def test_round_half_up_equals_decimal_rounding(x, digits):
    from decimal import ROUND_HALF_UP, Decimal

    f = float(x)
    expected = float(Decimal(repr(f)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    assert round_half_up(f, digits) == expected


@st.composite
def near_halves(draw):
    """(x, digits) with x a hair from a half at the rounded digit, at every magnitude."""
    digits = draw(st.sampled_from([0, 2, 4]))
    scale = 10 ** draw(st.integers(0, 14 - digits))
    whole = draw(st.integers(scale // 10, scale))
    x = (whole + draw(st.floats(0.49, 0.51))) / 10**digits
    return (x if draw(st.booleans()) else -x), digits


@given(st.tuples(st.floats(min_value=-1e14, max_value=1e14, allow_nan=False, allow_infinity=False),
                 st.sampled_from([0, 2, 4])) | near_halves())
@settings(max_examples=400)
def test_round_half_up_is_excels_rule_for_any_float(case):
    """Excel's ROUND: 15 significant digits, then half away from zero; near-halves drawn on purpose."""
    from decimal import ROUND_HALF_UP, Decimal

    x, digits = case
    expected = float(Decimal(f"{x:.15g}").quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    assert round_half_up(x, digits) == expected


def test_round_half_up_beyond_ten_digits_and_non_finite():
    # past 10^10 at the rounded digit (amounts in 元) Excel's rule: 15 significant digits, then half up
    assert round_half_up(299358368.4247006) == 299358368.42  # the nudge of small values once gave .43
    assert round_half_up(12345678901.005) == 12345678901.01 and round_half_up(-123456789012.345) == -123456789012.35
    assert round_half_up(1e300) == 1e300 and round_half_up(float("inf")) == float("inf")


def test_negative_or_tiny_budgets_never_leave_the_weight():
    from xltools.model import FundsRow

    def execution(budget, spent):
        t = Table(kind=SELFEVAL, sheet="自评", funds=Funds([FundsRow("total", "年度资金总额", budget, budget, spent)]))
        return score_table(t, RULES)

    assert execution(100, -5).execution.score == 0.0  # negative spending: 0, not below
    assert execution(-100, 50).execution.score is None  # no positive budget: no rate, as the template
    tiny = execution(1e-308, 480)  # 480 / 1e-308 is inf
    assert tiny.execution.score == 10.0 and "execution_rate" not in tiny.figures  # no inf in a summary


def dated(target, actual, weight=10, op=None, score=None, unit=""):
    t = parse_value(target)
    return Indicator(level1="产出指标", level2="时效指标", name="完成时间", target=t, actual=parse_value(actual),
                     op=op or t.op or "=", weight=weight, score=score, unit=unit)


@pytest.mark.parametrize(("target", "actual", "score", "explain"), [
    ("2023年12月31日前", "2023年11月20日", 10.0, "实际 2023年11月20日，目标 2023年12月31日前：按期完成，得满分 10.00"),
    ("2023年12月31日前", "2024年1月15日", 0.0,
     "实际 2024年1月15日，目标 2023年12月31日前：未按期完成（相差 15 天），按 0.00% × 10 = 0.00"),
    ("12月底前", "2023年12月20日", 10.0, None),  # a year left open takes the other's
    ("6月30日前", "7月2日", 0.0, None),
    ("2023年12月15日前", "2023年12月", 10.0, None),  # "in December" is not shown to be late
    ("2023年11月底前", "2023年12月", 0.0, "实际 2023年12月，目标 2023年11月底前：未按期完成，按 0.00% × 10 = 0.00"),
    ("2023年第三季度", "2023年9月30日", 10.0, None),
    ("不早于2023年3月1日", "2023年2月20日", 0.0, None),
])
def test_deadlines(target, actual, score, explain):
    row = score_indicator(dated(target, actual), RULES.for_table(SELFEVAL))
    assert row.score == score and row.achieved == (score == 10.0)
    if explain:
        assert row.explain() == explain


def test_late_deadline_keeps_a_lower_written_score_and_the_rule_sets_rate(tmp_path):
    from xltools.ruleset import load_rules

    tr = RULES.for_table(SELFEVAL)
    late = dated("2023年12月31日前", "2024年1月15日", score=6)
    assert score_indicator(late, tr).score == 6.0  # 酌情扣分: the evaluator's call, kept
    assert score_indicator(dated("2023年12月31日前", "2024年1月15日", score=12), tr).score == 0.0  # above: not a deduction
    # a written 0 is the rule's own score: the explanation says how late, not "as written"
    assert score_indicator(dated("2023年12月31日前", "2024年1月15日", score=0), tr).explain_key == "date_late_days"
    # in our template the formula decides: a date typed as text is text to it, a date cell a date only
    # under 度量单位「日期」 (the reader hands them over so), and late scores the rule set's rate
    from datetime import date

    from xltools.reading import as_template_sees

    assert score_indicator(as_template_sees(late), tr, use_written=False).explain_key == "qual_missing"
    cells = replace(late, target=parse_value(date(2023, 12, 31)), actual=parse_value(date(2024, 1, 15)), op="≤",
                    direction="≤")  # (in a template, ≤ is its 指标性质 cell)
    under_date_unit = as_template_sees(replace(cells, unit="日期"))
    assert score_indicator(under_date_unit, tr, use_written=False).explain_key == "date_late_days"
    assert score_indicator(as_template_sees(cells), tr, use_written=False).explain_key == "less_ratio"  # a number
    assert score_indicator(cells, tr).explain_key == "date_late_written"  # elsewhere: a date, and the written 6 kept
    path = tmp_path / "r.toml"
    path.write_text("[selfeval]\nlate_date_rate = 0.5\n", encoding="utf-8")
    half = load_rules(str(path)).for_table(SELFEVAL)
    assert score_indicator(dated("2023年12月31日前", "2024年1月15日"), half).score == 5.0
    # a deadline whose actual is a word is judged by the word, as before
    assert score_indicator(dated("2023年12月31日前", "按期完成"), tr).score == 10.0
    assert score_indicator(dated("2023年12月31日前", "未按期完成"), tr).score == 0.0
    # 度量单位「日期」 with serial numbers (a date kept as a number): compared to the day
    assert score_indicator(dated(45291, 45306, op="≤", unit="日期"), tr).explain() == (
        "实际 2024年1月15日，目标 2023年12月31日：未按期完成（相差 15 天），按 0.00% × 10 = 0.00")
    # numbers no date can be are shown as typed (found by reading the code: -900000 once overflowed)
    assert score_indicator(dated(-900000, 3e6, op="≤", unit="日期"), tr).explain().startswith("实际 3000000，目标 -900000")


@pytest.mark.parametrize(("name", "target", "actual", "score", "explain"), [
    # a change against last year, met by one that size or more, the same way (was a word: any actual met it)
    ("服务老人人次增长", "较上年增长10%", "增长8%", 16.0, "增长8%/增长10% = 80.00% × 20 = 16.00"),
    ("服务老人人次增长", "较上年增长10%", "8%", 16.0, "增长8%/增长10% = 80.00% × 20 = 16.00"),
    ("服务老人人次增长", "同比增长10%", "同比增长11%", 20.0, "实际 增长11% ≥ 目标 增长10%，得满分 20.00"),
    ("有效投诉次数", "较上年下降5%", "下降3%", 12.0, "下降3%/下降5% = 60.00% × 20 = 12.00"),
    ("有效投诉次数", "较上年下降5%", "上升3%", 0.0, "增长3%/下降5% = 0.00% × 20 = 0.00"),  # the other way
    ("服务老人人数", "较上年增加≥100人", "增加110人", 20.0, "实际 增长110人 ≥ 目标 增长100人，得满分 20.00"),
    ("运营成本", "下降5%以内", "上升2%", 20.0, "实际 增长2% ≤ 目标 下降5%，得满分 20.00"),  # a cap on a fall
    # a measure named as a change: an actual written as one is its size that way
    ("服务人次增长率", "≥10%", "增长8%", 16.0, "8%/10% = 80.00% × 20 = 16.00"),
    ("服务人次增长率", "≥10%", "下降2%", 0.0, "-2%/10% = 0.00% × 20 = 0.00"),
])
def test_a_change_against_last_year_is_scored_by_its_size_and_way(tmp_path, name, target, actual, score, explain):
    """``较上年增长10%`` met by ``增长8%`` scores 80 %, and ``下降3%`` of a fall of 5 % 60 %: read as
    words (as they were), any change met any target, in whichever direction it went."""
    from xltools.api import score_file, validate_file

    from .test_validate import write

    path = write(tmp_path, edits={"C14": name, "D14": target, "E14": actual, "G14": None})
    row = score_file(path)[0].rows[1]
    assert (row.name, row.score, row.explain()) == (name, score, explain)
    assert not [f for f in validate_file(path).findings if f.code in ("G215", "G217", "A315")]


@pytest.mark.parametrize(("target", "actual", "score", "explain"), [
    # a 5- or 10-point survey's result against a rate or a score out of 100: its share of the scale
    # (it was 4.6 % of 90 %, 0.51, with A316 "cannot be converted"; or a word, full marks, A315)
    ("≥90%", "4.6分（满分5分）", 10.0, "实际 92%（4.6分(满分5分)） ≥ 目标 90%，得满分 10.00"),
    ("≥90%", "4.3（5分制）", 9.56, "86%（4.3(5分制)）/90% = 95.56% × 10 = 9.56"),
    ("≥90分", "满意度9.2分(满分10分)", 10.0, "实际 92分（满意度9.2分(满分10分)） ≥ 目标 90分，得满分 10.00"),
    # on the target's own scale it is read as written
    ("≥4.5分", "4.6分（满分5分）", 10.0, "实际 4.6分 ≥ 目标 4.5分，得满分 10.00"),
])
def test_a_score_on_a_stated_scale_is_its_share_of_the_scale(tmp_path, target, actual, score, explain):
    from xltools.api import score_file, validate_file

    from .test_validate import write

    path = write(tmp_path, edits={"D20": target, "E20": actual, "G20": None})
    row = score_file(path)[0].rows[-1]
    assert (row.name, row.score, row.explain()) == ("老人满意度", score, explain)
    assert not [f for f in validate_file(path).findings if f.code in ("A315", "A316")]


@pytest.mark.parametrize(("row", "changes", "score", "explain"), [
    # a bare time limit under 时效指标 is a ceiling (as an equality, 25天 of 30天 scored 83 %, 35天 full)
    (3, {"name": "补助资金拨付时限", "target": "30天", "actual": "25天"}, 10.0, "实际 25天 ≤ 目标 30天，得满分 10.00"),
    (3, {"name": "补助资金拨付时限", "target": "30天", "actual": "35天"}, 8.57,
     "目标/实际 30天/35天 = 85.71% × 10 = 8.57"),
    (3, {"name": "补助资金拨付时限", "target": "5个工作日", "actual": "3个工作日"}, 10.0,
     "实际 3个工作日 ≤ 目标 5个工作日，得满分 10.00"),
    # an amount under 成本, a count of what should not happen
    (1, {"level2": "成本指标", "name": "单场讲座成本", "target": "5000元", "actual": "4800元"}, 10.0,
     "实际 4800元 ≤ 目标 5000元，得满分 10.00"),
    (1, {"name": "服务投诉次数", "target": "2次", "actual": "1次"}, 10.0, "实际 1次 ≤ 目标 2次，得满分 10.00"),
    # a rate under 时效指标, or a quantity, stays an equality (below: as ≥)
    (3, {"target": "100%", "actual": "95%"}, 9.5, "95%/100% = 95.00% × 10 = 9.50"),
    (1, {"target": "24场", "actual": "20场"}, 8.33, "20场/24场 = 83.33% × 10 = 8.33"),
])
def test_a_bare_limit_is_a_ceiling_where_less_is_better(tmp_path, row, changes, score, explain):
    from xltools.api import score_file

    from .test_validate import rows_with, write

    path = write(tmp_path, rows_with(row, score=None, **changes))
    got = score_file(path)[0].rows[row + 1]
    assert (got.score, got.explain()) == (score, explain)

"""Whatever people type into a self-evaluation, reading, scoring and checking hold their promises.

Random cell contents (numbers, numbers with units and operators, words, dashes, formula-like
text, huge and negative values) are typed over the indicator and funds cells of a clean table, in
memory; the whole pipeline must not raise, every row score stays within [0, weight], the total is
the sum of the rounded parts, and every finding renders in both languages at a real cell.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xltools.errors import UnknownTable
from xltools.grid import Grid, parse_a1
from xltools.reading import read_grids
from xltools.reading.source import load_grids
from xltools.render import score_text
from xltools.rules import check_workbook
from xltools.rules.catalogue import CATALOGUE
from xltools.ruleset import load_rules
from xltools.scoring import LIGHTS, round_half_up

from .test_validate import CLEAN, write

RULES = load_rules(None)
WORDS = ["", "—", "/", "已完成", "达到预期", "部分达成", "未完成", "≥90%", "≤30天", "=100%", "1,100人", "约120家",
         "120余家", "1.2万人", "95%（抽查）", "=SUM(A1)", "定性", "定量（其他）", "人", "人次", "万元", "%",
         "不低于80%", "30天以内", "12个月", "0", "-5", "1e308", "NaN", "﹣3", "１２０家", "120家左右",
         "2023年12月31日前", "12月底前", "2024年1月15日", "2023年12月", "上半年", "2023-02-30", "日期", "≤12月",
         "无", "未发生", "不发生", "否", "是", "93%", "完成全年目标的85%", "进度50%", "180/200", "80/100", "2023年6月开工",
         "2023年9月开工，2023年12月竣工", "每季度1次", "10个月", "1年", "85天", "满分", "有待提高", "一注：说明",
         "2000-2200人", "80-100万元", "线下800人、线上300人", "计划100家，完成80家", "培训1100人，其中线上300人",
         "每月一次", "1万余人", "7704200元", "770.42万", "略有提升", "扣0.5分", "0.3公顷", "一季度2次、二季度1次",
         "较上年增长10%", "下降3%", "增加≥10家", "下降5%以内", "≥1:1", "1:0.8", "2:3", "≤5‰", "0.8%",
         "2023.11", "2023年3月-2024年1月", "未完全达到", "尚未显现", "4.6分（满分5分）", "9分(10分制)", "92分", "百余家", "约八成", "九成五", "不少于两次", "≥百分之九十五", "逾百家", "三个月内",
         "降低成本10%", "≥95%且≤100%", "不适用", "30天", "5602000元",
         "每周一次", "季度1次", "半年一次", "每两个月一次", "季报4期", "见附件", "待统计", "已全部完成，详见附件", "年内完成",
         "当年完成", "年底前完成", "2024年3月完成", "≥60公里",
         # this session's spellings: not applying, a time against the target's, a 5-point survey, outcome words
         "不涉及", "（不适用）", "延期3天", "提前5天完成", "超期2周", "比计划推迟1个月", "4.8分", "4.8", "未超出预算",
         "未发现违规问题", "效果有限", "成效甚微", "4,5", "¥1,100", "偏差原因：", "已完成", "差5家", "少3人",
         "超额完成20家", "超支5万元", "节约8万元", "12.31前", "12.20", "（2023）",
         # short of the target, halves, ranges, boxes, Chinese-numeral dates, flat or opposite changes
         "低于90%", "接近90%", "近百家", "不到九成", "超过30天", "90%以下", "1年半", "2个半月", "半个月", "半年一次",
         "85%~95%", "20-40天", "☑达成 □部分达成 □未达成", "□是 ☑否", "☑优 □良 □中 □差", "二〇二三年十二月",
         "24年1月5日", "与上年持平", "有所下降", "低于预期", 2023.1, "服务老人人数≥2000人",
         # several numbers in a clause, averages, savings and what is new, wholes and two counts
         "举办3期培训班共培训480人次", "完成5个村18公里道路建设", "满意度测评85分，较上年提高2分", "平均办结时间16个工作日",
         "节约资金8万元", "新增8家，累计达到25家", "12个乡镇全覆盖", "合格45批次/抽检50批次", "满意180人，不满意20人",
         "抽查50户，不满意2户", "满意85%，基本满意10%，不满意5%", "满意度95%（满意85%）", "每期100人次，共5期"]
CELL = st.one_of(
    st.sampled_from(WORDS),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-1000, max_value=10**7),
    st.builds(lambda op, n, u: f"{op}{n}{u}", st.sampled_from(["", "≥", "≤", "=", ">", "<", "不低于"]),
              st.integers(0, 5000), st.sampled_from(["", "%", "人", "万人", "家", "天", "小时", "元", "万元", "亩", "公顷"])),
    st.text(max_size=12),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),  # a date cell
)
# (row, col) of the clean table's editable cells (0-based): indicator rows 14-20 columns D-H, funds rows 7-8 C-E
EDITABLE = [(r, c) for r in range(13, 20) for c in range(3, 8)] + [(r, c) for r in (6, 7) for c in (2, 3, 4)]


@pytest.fixture(scope="module")
def clean_grids(tmp_path_factory):
    return load_grids(write(tmp_path_factory.mktemp("props"), CLEAN))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(EDITABLE), CELL), min_size=1, max_size=12))
def test_any_typing_keeps_the_promises(clean_grids, edits):
    keeps_the_promises(clean_grids, edits)


def typed_over(grids: list[Grid], edits: list[tuple[tuple[int, int], object]]) -> list[Grid]:
    """A copy of ``grids`` with ``edits`` typed over its first sheet (rows grown as needed)."""
    grids = [Grid(g.sheet, copy.deepcopy(g.rows), list(g.merged)) for g in grids]
    for (r, c), value in edits:
        row = grids[0].rows[r]
        row.extend([""] * (c + 1 - len(row)))
        row[c] = value
    return grids


def keeps_the_promises(grids: list[Grid], edits: list[tuple[tuple[int, int], object]]) -> None:
    """``edits`` typed over a copy of ``grids``; the whole pipeline must keep its promises."""
    grids = typed_over(grids, edits)
    try:
        book = read_grids(grids, "自评表.xlsx")
    except UnknownTable:  # a header label typed over: validate's S105, a promise kept
        return
    for checked in check_workbook(book, RULES):
        res = checked.result
        for row in res.rows:
            if row.score is not None and row.weight is not None and row.weight >= 0:
                assert 0 <= row.score <= round(row.weight, 2) + 1e-9, (row.name, row.score, row.weight, row.explain())
            row.explain("zh"), row.explain("en")
        if res.total is not None:
            parts = [p.score for p in res.parts if p.score is not None]
            assert res.total == pytest.approx(round(sum(parts), 2), abs=1e-9)
        for f in checked.findings:
            assert f.code in CATALOGUE
            if f.cell:
                parse_a1(f.cell)
            assert f.message("zh") and f.message("en") and f.suggestion("zh") and f.suggestion("en")
        assert score_text(res, "zh") and score_text(res, "en")  # what `xltools score` prints
        for light in res.lights():
            assert light in LIGHTS


# score cells too (G), and the total (G21): what fix corrects
FIXABLE_CELLS = EDITABLE + [(r, 6) for r in range(13, 20)] + [(20, 6)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(FIXABLE_CELLS), CELL), min_size=1, max_size=6))
def test_a_fixed_table_needs_no_second_fix(clean_grids, edits):
    """What ``xltools fix`` writes, in the form the cell holds it (fix.as_cell_holds), is what a
    second check computes: no correction that is not waiting for a value is asked for again. (It
    found ``2:3`` in a score cell relabelled as ``2:10.00``, and ``=183`` as the formula ``=20.00``.)"""
    needs_no_second_fix(clean_grids, edits, "自评表.xlsx")


def needs_no_second_fix(grids: list[Grid], edits: list[tuple[tuple[int, int], object]], name: str) -> None:
    """``edits`` typed over a copy of ``grids``, fix's corrections written as fix writes them — in
    its looks (fix_copy: what follows from a corrected value, a rate once its budget is filled in,
    is corrected in a second look, of cells not yet changed): a check after them asks for none that
    is not waiting for a value, nor for a cell fix already changed."""
    from xltools.fix import LOOKS, as_cell_holds, corrections, further_corrections

    grids = typed_over(grids, edits)
    try:
        book = read_grids(grids, name)
    except UnknownTable:
        return
    done: list = []  # the changes written, over the looks
    for _ in range(LOOKS):
        findings = [f for x in check_workbook(book, RULES) for f in x.findings]
        changes = [c for c in further_corrections(findings, done) if not c.skipped]
        if not changes:
            break
        for change in changes:
            grid = next(g for g in grids if g.sheet == change.sheet)
            r, c = grid.origin(*parse_a1(change.cell))
            grid.rows[r].extend([""] * (c + 1 - len(grid.rows[r])))
            grid.rows[r][c] = as_cell_holds(change, grid.rows[r][c])
        done += changes
        book = read_grids(grids, name)
    again = corrections([f for x in check_workbook(book, RULES) for f in x.findings])
    assert [(c.cell, c.old, c.new) for c in again if not c.skipped] == [], [(c.cell, c.old, c.new) for c in done]


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """Each demo table (goals, monitoring, evaluation, department, provincial self-evaluation) as
    grids, with the cells of its indicator rows and of everything above them."""
    from xltools.samples import demo_samples, write_sample

    d = tmp_path_factory.mktemp("kinds")
    out = []
    for name, (sample, layout) in demo_samples().items():
        path = d / name
        write_sample(sample, path, layout)
        grids = load_grids(str(path))
        last = max(i.row for t in read_grids(grids, name).tables for i in t.indicators)
        cells = [(r, c) for r in range(last) for c in range(len(grids[0].rows[r]))]
        out.append((name, grids, cells))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_kind_keeps_the_promises(every_kind, data):
    name, grids, cells = data.draw(st.sampled_from(every_kind))
    edits = data.draw(st.lists(st.tuples(st.sampled_from(cells), CELL), min_size=1, max_size=12))
    keeps_the_promises(grids, edits)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_every_kind_fixed_needs_no_second_fix(every_kind, data):
    """As test_a_fixed_table_needs_no_second_fix, over every demo table (it found a monitoring
    table's 执行进度 past 150 % written back as a fraction, 1.793, which reads as 1.79 %)."""
    name, grids, cells = data.draw(st.sampled_from(every_kind))
    edits = data.draw(st.lists(st.tuples(st.sampled_from(cells), CELL), min_size=1, max_size=6))
    needs_no_second_fix(grids, edits, name)


#: (0-based row, weight) of the clean table's indicator rows (14-20 on the sheet)
_WEIGHTS = [(13, 20), (14, 10), (15, 10), (16, 10), (17, 20), (18, 10), (19, 10)]
_RATE_FORMS = {"fraction": lambda x, d: round_half_up(x, d + 2), "percent": lambda x, d: f"{round_half_up(x * 100, d):.{d}f}%",
               "bare per cent": lambda x, d: round_half_up(x * 100, d)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 2), st.sampled_from(sorted(_RATE_FORMS))),
                min_size=7, max_size=7))
def test_a_score_rate_written_from_its_score_is_right(clean_grids, rows):
    """A 得分率 column filled from the written scores (rounded half up, as Excel shows them, to 0-2
    decimals of a per cent; as a fraction, a per cent or a bare per cent in a General cell) is never
    "wrong" (A303) — whatever the scores, within their weights."""
    edits: list[tuple[tuple[int, int], object]] = [((12, 8), "得分率")]
    for (r, w), (permille, d, form) in zip(_WEIGHTS, rows, strict=True):
        score = round_half_up(w * permille / 2000, 2)
        edits += [((r, 6), score), ((r, 8), _RATE_FORMS[form](score / w, d))]
    book = read_grids(typed_over(clean_grids, edits), "自评表.xlsx")
    (checked,) = check_workbook(book, RULES)
    assert [(f.cell, f.value) for f in checked.findings if f.code == "A303" and f.cell.startswith("I")] == []

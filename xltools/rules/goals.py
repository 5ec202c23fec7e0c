"""G2xx: goal quality — what evaluators criticise in published reports (domain.md §6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import units
from ..direction import less_is_better
from ..model import DEPT, EVALUATION, GOALS, MONITOR, SELFEVAL, Indicator, Table
from ..reading.labels import label_key
from ..reading.recognize import to_number
from ..scoring import bare_target, range_bound, ruled_ceiling, sentence_read
from ..taxonomy import level1_key
from ..values import (
    BOUNDED_RANGE,
    DATE_UNIT,
    NONE,
    Value,
    compare_dates,
    date_in,
    format_number,
    is_qualitative_direction,
    normalize_text,
    number_in,
    parse_date,
    parse_direction,
    parse_value,
    range_bounds,
    says_not_applicable,
    year_of,
)
from . import (
    Context,
    Finding,
    Heuristics,
    any_of,
    better_way,
    bounded_rates,
    check,
    is_satisfaction,
    names_nothing,
    percent_of,
)
from .catalogue import Text

PROJECT_TABLES = (GOALS, SELFEVAL)
#: Level-1 rows every project table needs (满意度 is G203's concern; 成本 is optional before 2021).
REQUIRED_LEVEL1 = ("产出指标", "效益指标")
GOAL_MIN_CHARS = 20


@check("G201")
def unmeasurable_targets(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        if ind.target.is_none:
            continue
        text_with_operator = ind.target.kind == "text" and (
            parse_direction(ind.direction) is not None or ind.target.text[:1] in _OPERATOR_START) \
            and not BOUNDED_RANGE.fullmatch(ind.target.text)  # ``≥上年``; ``≥95%且≤100%`` is read
        no_unit = ind.target.is_number and not ind.unit and ind.target.number != 0  # none of anything is none
        if not (text_with_operator or no_unit):
            continue
        value = ind.target.display() if ind.target.is_number else ind.target.text
        params = {"name": ind.name, "value": value}
        if text_with_operator:
            yield Finding("G201", t.sheet, ind.cell("target"), value, {
                **params, "problem": "无法解析为数值", "problem_en": "cannot be read as a number",
                "fix": "写成「≥90%」「≤30天」「1100人」这样的数值和单位",
                "fix_en": "write a number with its unit: ≥90%, ≤30天, 1100人"})
        else:
            examples = _unit_examples(ind, ctx)
            yield Finding("G201", t.sheet, ind.cell("unit", "target"), value, {
                **params, "problem": "没有度量单位", "problem_en": "has no unit",
                "fix": "注明单位，如" + "".join(f"「{e}」" for e in examples),
                "fix_en": "add its unit, e.g. " + " or ".join(examples)})


#: The unit a name suggests for a target typed without one (``搭建展位面积`` ≥3000: 平方米), first match.
_UNIT_HINTS = (("面积", "平方米"), ("人次", "人次"), ("人数", "人"), ("户数", "户"), ("天数", "天"), ("时间", "天"),
               ("时限", "天"), ("周期", "天"), ("工期", "天"), ("里程", "公里"), ("长度", "米"), ("金额", "万元"),
               ("成本", "万元"), ("费用", "万元"), ("资金", "万元"), ("成交额", "万元"), ("次数", "次"), ("场次", "场"),
               ("企业", "家"), ("机构", "家"))


def _unit_examples(ind: Indicator, ctx: Context) -> list[str]:
    """Targets with a unit to show for one typed without (G201): a rate's as a percentage (0.9 of
    满意度 is ≥90%), else the unit the name suggests, else the usual counts."""
    op, x = ind.target.op or "", ind.target.number or 0.0
    if is_satisfaction(ind) or bounded_rates(ctx.words)(ind.name) or ind.name.endswith("率"):
        return [f"{op}{format_number(round(x * 100, 6) if 0 < x <= 1 else x)}%"]
    n = format_number(x)
    hinted = next((u for word, u in _UNIT_HINTS if word in ind.name), None)
    return [f"{op}{n}{hinted}"] if hinted else [f"{op}{n}个", f"{n}人次", f"{n}%"]


#: What a target cell starts with when it is a bound, whatever follows (NFKC: ＞ is >).
_OPERATOR_START = frozenset("≥≤><=")


#: A measure named as a rate (``合格率``, ``事故发生率``, ``资金拨付及时率``): its target is a percentage.
#: Not 效率 (``工作效率明显提高`` is a benefit said in words), and 满意率 is G202's.
_RATE_NAME = re.compile(r"(?<!效)(?<!满意)率(?:\(%\)|（%）)?$")


@check("G221")
def wordy_quantity_targets(ctx: Context) -> Iterator[Finding]:
    """A 数量指标 whose target is words without a number (``逐步增加``, ``不低于上年水平``): evaluators
    call it "数量指标未量化" — whatever is done meets it; and so is a rate's (``按合同约定`` of 事故发生率,
    ``及时`` of 资金拨付及时率). A sentence with a number is G220's, a bound with words (``≥上年``)
    G201's; a row the 指标性质 column says is 定性 is none of them."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        v = ind.target
        if v.kind != "text" or v.text[:1] in _OPERATOR_START or any(ch.isdigit() for ch in v.text):
            continue
        if "数量" in ind.level2:
            what = ("数量指标", "quantity indicator", "写成数量和单位，如「≥100家」「1100人次」；考核增长的，写明增长多少（如「较上年增加≥10家」）",
                    "write a quantity with its unit (≥100家, 1100人次); for growth, say how much (较上年增加≥10家)")
        elif _RATE_NAME.search(ind.name) and not is_qualitative_direction(ind.direction):
            what = ("比率指标", "rate indicator", "写成百分比和运算符号，如「≥95%」「=100%」「≤1%」",
                    "write a percentage with its bound (≥95%, =100%, ≤1%)")
        else:
            continue
        yield Finding("G221", t.sheet, ind.cell("target"), v.text, {
            "name": ind.name, "value": v.text, "what": what[0], "what_en": what[1], "fix": what[2], "fix_en": what[3]})


@check("G222")
def range_targets(ctx: Context) -> Iterator[Finding]:
    """A target written as a range without a bound. Read as words, any actual met it; it is scored
    by the end a reviewer takes (scoring.range_bound: ≥ the lower end, ≤ the upper where less is
    better), but which end binds is the unit's to say: the suggestion offers both. Not a year's span
    (``2023-2024年``), nor ``95%-100%`` (at least 95 %: values reads it so). Our templates' formulas
    read the range as words, and so does xltools there."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        if ind.target.kind != "text" or is_qualitative_direction(ind.direction) or BOUNDED_RANGE.fullmatch(ind.target.text):
            continue  # (``≥95%且≤100%`` says which way each end binds)
        ends = range_bounds(ind.target, ind.unit)
        if ends is None:
            continue
        bound = None if t.template or t.kind == GOALS else range_bound(ind)
        if bound is not None:
            how = (f"已按「{bound.display()}」计分", f"it was scored as {bound.display()}")
        elif t.template:  # the template's formulas take a text target for a qualitative one
            how = ("模板按定性指标计分，不与实际完成值比较", "the template scores it as qualitative, not against the actual")
        else:
            how = ("无法据以考核", "it cannot be assessed")
        yield Finding("G222", t.sheet, ind.cell("target"), ind.target.text, {
            "name": ind.name, "value": ind.target.text, "low": format_number(ends[0].number),
            "high": format_number(ends[1].number), "unit": ends[0].unit, "how": how[0], "how_en": how[1]})


@check("G224")
def annual_beyond_midterm(ctx: Context) -> Iterator[Finding]:
    """A multi-year project's annual target beyond its 中期/实施期 target (``≥60公里`` a year of
    ``≥50公里`` over three): the year is a part or a stage of the period, so one of the two is
    wrong — as reviewers of a declaration check. Only targets of more is better in one measure
    (a rate or a ceiling says nothing about the parts of a period)."""
    t = ctx.table
    for ind in t.indicators:
        a, m = ind.target, ind.target_midterm
        if (ind.qualitative or not a.is_number or not m.is_number or ind.op not in ("≥", ">", "=")
                or m.op not in (None, "≥", ">", "=") or a.is_percent or m.is_percent or a.change or m.change
                or a.band or m.band or not units.comparable(a.unit, m.unit)):
            continue
        annual = units.convert(a.number, a.unit, m.unit)
        if annual > m.number + 1e-9 * max(1.0, abs(m.number)):
            yield Finding("G224", t.sheet, ind.cell("target"), a.display(),
                          {"name": ind.name, "annual": a.display(), "midterm": m.display()})


@check("A340")
def annual_funds_beyond_midterm(ctx: Context) -> Iterator[Finding]:
    """A declaration's 年度资金总额 above its 中期资金总额 (the national form of 2015 states both):
    the year's money is part of the period's, so one of the two is wrong — the money analogue of
    G224. Amounts in the table's money unit (both are the form's own)."""
    a = ctx.table.amounts
    annual, midterm = a.get("annual_total"), a.get("midterm_total")
    if annual is None or midterm is None:
        return
    x, m = to_number(annual.value), to_number(midterm.value)
    if x is not None and m is not None and m > 0 and x > m + 0.005:
        yield Finding("A340", midterm.sheet or ctx.table.sheet, midterm.cell, midterm.value,
                      {"annual": format_number(round(x, 2)), "midterm": format_number(round(m, 2)),
                       "unit": ctx.table.money_unit})


@check("G223")
def bare_limits(ctx: Context) -> Iterator[Finding]:
    """A time limit, a cost or a count of what should not happen written without ≥ or ≤ (``30天``
    under 时效指标): read as a ceiling (direction.less_is_better), which the finding says so that
    the unit can confirm it. Our templates' formulas read it so too (their hidden 计算方向), from
    the row's own cells as written; where those do not show it (an empty 二级指标 cell, a unit
    spelt otherwise) the template scores the row as = (25天 of 30天 is 83 %), and the finding says
    that instead (the reader has then made the row's op = too: reading.as_template_sees)."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    tr = ctx.rules.for_table(t.kind)
    for ind in t.indicators:
        target = ind.target
        if (ind.qualitative or not target.is_number or not bare_target(ind) or not ind.name or target.number == 0
                or not (less_is_better(ind.level1, ind.level2, ind.name, target.unit or ind.unit)
                        or ruled_ceiling(ind, tr))):  # a rule set's words: scoring holds them ceilings too
            continue
        value = f"{format_number(target.number)}{target.unit or ind.unit}"
        if t.template and ind.op != "≤":
            how = ("模板按「=」计分（少于目标按比例扣分），越少越好的应选「≤」",
                   "the template scores it as = (less than the target loses points); less is better here: choose ≤")
        elif t.kind == GOALS:
            how = (f"按上限「≤{value}」理解", f"it is read as the ceiling ≤{value}")
        else:
            how = (f"已按上限「≤{value}」计分", f"it was scored as the ceiling ≤{value}")
        yield Finding("G223", t.sheet, ind.cell("target"), target.text or value,
                      {"name": ind.name, "value": value, "how": how[0], "how_en": how[1]})


#: 指标性质 spellings of "定量（其他）": a quantitative value that needs a written note (domain.md §2).
_OTHER_QUANTITATIVE = frozenset(("定量(其他)", "其他", "定量其他"))


@check("G210")
def unexplained_other_quantitative(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        if ind.direction and normalize_text(ind.direction) in _OTHER_QUANTITATIVE and not (ind.criteria or ind.note):
            cell = ind.cell("criteria", "note") if "criteria" in ind.columns else ind.cell("note", "direction")
            yield Finding("G210", t.sheet, cell, None, {"name": ind.name, "direction": ind.direction})


@check("G202")
def word_satisfaction_targets(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        if is_satisfaction(ind) and ind.target.kind == "text":
            yield Finding("G202", t.sheet, ind.cell("target"), ind.target.text,
                          {"name": ind.name, "value": ind.target.text})


@check("G203")
def missing_satisfaction(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in PROJECT_TABLES or not t.indicators or any(is_satisfaction(i) for i in t.indicators):
        return
    text = " ".join([t.project_name, *(str(f.value) for f in t.goals_text.values()),
                     *(i.name for i in t.indicators)])
    found = any_of(ctx.words.recipients).search(text)  # the recipient named first in the table
    if found:
        yield Finding("G203", t.sheet, t.header_cells.get("level1", "A1"), None, {"who": found.group()})


@check("G204")
def empty_level1(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    used = {level1_key(i.level1) for i in t.indicators if i.name}
    for name, cell in t.level1_cells.items():
        if level1_key(name) not in used:
            yield Finding("G204", t.sheet, cell, name, {"name": name})
    seen = {level1_key(n) for n in t.level1_cells}
    if not seen or t.department_wide:  # no level columns at all (指标名称 | 指标值 | …): nothing says which
        return  # block a row is in; a department's declaration may follow its own framework
    for name in REQUIRED_LEVEL1:
        if level1_key(name) not in seen and t.indicators:
            yield Finding("G204", t.sheet, t.header_cells.get("level1", "A1"), None, {"name": name})


#: Base units (units.canonical) of a count or an amount: no measure of time (天, 工作日, %, a date).
_NOT_TIME = {"个": ("数量", "a count"), "人": ("人数", "a number of people"), "人次": ("人次", "a number of visits"),
             "户": ("户数", "a number of households"), "元": ("金额", "an amount of money"),
             **dict.fromkeys(("平方米", "米", "立方米", "吨", "千瓦", "千瓦时"), ("数量", "a quantity"))}


def _counted_in(ind: Indicator) -> str:
    """The base unit (units.canonical) of a numeric target, its own or the 度量单位 column's; "" for
    none, and for a frequency (``1次/月``: how often, which 时效指标 may hold)."""
    unit = units.clean(ind.target.unit or ind.unit)
    return "" if not unit or "/" in unit else units.canonical(unit)[0]


@check("G205", "G232")
def timing_misfiled(ctx: Context) -> Iterator[Finding]:
    """A timing measure (``timing`` words: 按期, 及时, 完成时间, 周期 …) filed under 质量指标 (G205,
    domain.md §6) or under 数量指标 (G232): 时效指标 is where a reviewer looks for when."""
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    timing = any_of(ctx.words.timing).search
    for ind in t.indicators:
        level2 = label_key(ind.level2)
        code = "G205" if level2.startswith("质量") else "G232" if level2.startswith("数量") else ""
        if code == "G232" and ind.target.is_number and _counted_in(ind) in _NOT_TIME:
            continue  # a count of what is done in time (``按期完成项目数 ≥10个``) is a quantity
        if code and timing(ind.name):
            yield Finding(code, t.sheet, ind.cell("level2", "level1"), ind.level2,
                          {"name": ind.name, "level2": ind.level2})


@check("G231")
def quantity_under_timing(ctx: Context) -> Iterator[Finding]:
    """A count or an amount filed under 时效指标 (``培训人数 ≥500人``): a timeliness measure says when
    (完成时间, 及时率, 周期), and a count there is 数量指标's, money 成本指标's — the reverse of
    G205. A frequency (``1次/月``), a duration (``≤30天``), a rate, or a name that speaks of time
    (``按时…``, ``…周期``: ``timing`` words) is not one."""
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    timing = any_of(ctx.words.timing).search
    is_cost, is_other = any_of(ctx.words.cost).search, any_of(ctx.words.not_cost).search
    for ind in t.indicators:
        target = ind.target
        if not label_key(ind.level2).startswith("时效") or not target.is_number or not ind.name or timing(ind.name):
            continue
        base = _counted_in(ind)
        if base not in _NOT_TIME:
            continue
        money = base == "元"
        if money and is_cost(ind.name) and not is_other(ind.name):
            continue  # (a cost filed outside 成本指标: G206's)
        yield Finding("G231", t.sheet, ind.cell("level2", "level1"), ind.level2, {
            "name": ind.name, "value": target.text, "what": _NOT_TIME[base][0], "what_en": _NOT_TIME[base][1],
            "level2": ind.level2, "suggest": "成本指标" if money else "数量指标",
            "suggest_en": "成本指标 (cost)" if money else "数量指标 (quantity)"})


@check("G206")
def cost_outside_cost(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    is_cost, is_other = any_of(ctx.words.cost).search, any_of(ctx.words.not_cost).search
    for ind in t.indicators:
        if "成本" in ind.level1 or "成本" in ind.level2:
            continue
        if is_cost(ind.name) and not is_other(ind.name):
            yield Finding("G206", t.sheet, ind.cell("level2", "level1"), ind.level2 or ind.level1, {
                "name": ind.name, "level2": ind.level2 or ind.level1,
                "suggest": Text("2021 版：一级指标「成本指标」—「经济成本指标」；旧版：产出指标—成本指标",
                                "the 2021 form: level 1 成本指标, level 2 经济成本指标; the older one: 产出指标 — 成本指标")})


@check("G226")
def satisfaction_elsewhere(ctx: Context) -> Iterator[Finding]:
    """A 满意度 filed under 产出 (质量指标) or 效益 instead of 满意度指标 (or, in older frameworks,
    效益指标—服务对象满意度指标): reviewers' classic, and a total by level-1 parts that counts it
    as quality. Surveys done (``满意度调查次数``, counted, not a rate or score) are work, not satisfaction."""
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    for ind in t.indicators:
        if not ("满意度" in ind.name or "满意率" in ind.name) or "满意" in ind.level1 or "满意" in ind.level2 \
                or not (ind.level1 or ind.level2):
            continue
        unit = ind.target.unit if ind.target.is_number else ""
        if unit and unit not in ("%", "分"):  # (满意度调查2次: surveys held)
            continue
        level = "—".join(x for x in (ind.level1, ind.level2) if x)
        yield Finding("G226", t.sheet, ind.cell("level1", "level2"), ind.level1 or ind.level2,
                      {"name": ind.name, "level": level})


@check("G227")
def outputs_as_benefits(ctx: Context) -> Iterator[Finding]:
    """A 效益指标 row that counts the project's own work — ``培训农民人数``, ``举办展会场次`` under
    社会效益: an output, as evaluation reports say ("将产出指标作为效益指标"). Named by an action of
    the project (``output_verbs``), counted (not a rate, amount or time), and no word of an effect
    (``培训后就业人数``, ``带动就业人数``: ``not_output``). A warning: some frameworks let a count stand
    as a social benefit, which the evaluator may keep."""
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    w = ctx.words
    for ind in t.indicators:
        if "效益" not in ind.level1 or ind.qualitative or not ind.target.is_number:
            continue
        name = label_key(ind.name)
        if not name.startswith(w.output_verbs) or any(x in name for x in w.not_output):
            continue
        base = units.canonical(units.clean(ind.target.unit or ind.unit))[0]
        if base in _COUNTED:
            yield Finding("G227", t.sheet, ind.cell("name"), ind.name, {"name": ind.name})


#: Units of things counted (units.canonical bases), which no result takes below zero (G217).
_COUNTS = ("个", "人", "人次", "户")
#: What work done is counted in: those, and the length or area built (``建设道路长度``, ``改造面积``; G227).
_COUNTED = _COUNTS + ("米", "平方米")


@check("G228")
def bounded_numbers_marked_qualitative(ctx: Context) -> Iterator[Finding]:
    """指标性质 定性 beside a number to reach (``2000人``, ``≥2000人``, ``≤1%``): the row is scored as
    qualitative — by its written score or outcome, whatever the actual (1900人 against 2000人 kept
    its 20 points) — and the number is never compared. Scoring keeps the direction the table
    declares (a declaration approved so is the evaluator's to change); the finding says what it
    costs. A bare number without a unit (``1``) may be a code, and is left alone."""
    t = ctx.table
    for ind in t.indicators:
        target = ind.target
        if ind.qualitative and target.is_number and (target.op or target.unit) \
                and is_qualitative_direction(ind.direction):
            op = target.op or "≥、≤ 等"
            yield Finding("G228", t.sheet, ind.cell("direction", "target"), ind.direction, {
                "name": ind.name, "value": target.text, "op": op})


@check("G229")
def name_against_unit(ctx: Context) -> Iterator[Finding]:
    """A name that says what kind of figure it is, and a target of another kind: ``服务老人覆盖率
    ≥2000人`` (a rate counted in people) or ``完成数量 100%`` (a count given as a share). One of the
    two is wrong — most often the target was copied from another row, or a completion rate was
    meant — and reviewers ask which. A change (``服务人数较上年增长10%``) is a percentage of a count,
    and a unit the reader does not know (``分``) says nothing either way."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    w = ctx.words
    for ind in t.indicators:
        target = ind.target
        if ind.qualitative or not ind.name or not target.is_number or target.change:
            continue
        unit = target.unit or ind.unit
        name = label_key(ind.name)
        if not unit or not name:
            continue
        if name.endswith(w.rate_names) and not name.endswith(w.not_rate_names) and units.known(unit) \
                and units.canonical(unit)[0] not in ("%", "百分点"):
            said = {"what": "比率", "what_en": "rate", "problem": f"以「{unit}」计量", "problem_en": f"is counted in {unit}",
                    "advice": f"指标值写成百分比（如「≥95%」）；要考核{unit}数的，把名称改为数量（如「…数量」「…人数」）",
                    "advice_en": f"state the target as a percentage (≥95%); to count {unit}, name it as a count"}
        elif name.endswith(w.count_names) and unit in ("%", "‰"):
            said = {"what": "数量", "what_en": "count", "problem": "是百分比", "problem_en": "is a percentage",
                    "advice": "指标值写成具体数量和单位（如「≥2000人」）；要考核完成比例的，把名称改为比率（如「…完成率」）",
                    "advice_en": "state the number to reach with its unit (≥2000人); to assess a share, name it as a "
                                 "rate (…完成率)"}
        else:
            continue
        yield Finding("G229", t.sheet, ind.cell("target"), target.text, {"name": ind.name, "value": target.text, **said})


_MORE, _LESS = frozenset(("≥", ">")), frozenset(("≤", "<"))


@check("G230")
def direction_against_target(ctx: Context) -> Iterator[Finding]:
    """A 指标性质 of one way beside a target whose own sign says the other (``≥`` beside ``≤30天``,
    ``反向`` beside ``≥95%``): the target's sign is scored (values.parse_value: the cell's own wins),
    silently — a reviewer asks which was meant. ``定量`` (read as ``=``) is no way, and neither is a
    change (``较上年下降5%``) or a band (``±10%``)."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    for ind in t.indicators:
        target = ind.target
        if ind.qualitative or not ind.direction or target.op is None or target.change or target.band:
            continue
        declared = parse_direction(ind.direction)
        if (declared in _MORE and target.op in _LESS) or (declared in _LESS and target.op in _MORE):
            yield Finding("G230", t.sheet, ind.cell("direction", "target"), ind.direction, {
                "name": ind.name, "direction": ind.direction, "value": target.text, "op": target.op})


@check("G207")
def vague_names(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    w = ctx.words
    telling = any_of(w.action + w.measure).search
    for ind in t.indicators:
        name = label_key(ind.name)
        if names_nothing(ind.name):  # (no name at all: S103's)
            continue
        better = w.vague.get(name)
        if better is None and (len(name) <= 2 or not telling(name)):
            better = f"（动作）{ind.name}（数量/比率）"
        if better is not None:
            yield Finding("G207", t.sheet, ind.cell("name"), ind.name, {"name": ind.name, "better": better})


@check("G208", "A301")
def weights_total(ctx: Context) -> Iterator[Finding]:
    t, rules = ctx.table, ctx.rules
    weights = [i.weight for i in t.indicators if i.weight is not None]
    if t.weights_by_block:  # 产出指标（50分）…: the blocks' weights are the table's
        weights = [p.weight for p in t.written_parts if p.weight is not None]
    if not weights:
        return
    execution = ctx.result.execution
    total = sum(weights) + (execution.weight or 0 if execution is not None else 0)
    expected = rules.total
    allowed = {expected}
    if execution is None and t.kind in (GOALS, SELFEVAL, MONITOR):
        allowed.add(expected - rules.for_table(t.kind).execution_weight)  # 执行率 scored elsewhere
    if all(abs(total - a) > 0.005 for a in allowed):
        cell = t.header_cells.get("weight") or t.header_cells.get("level1", "A1")
        yield Finding("G208", t.sheet, cell, round(total, 2), {
            "sum": format_number(round(total, 2)),
            "expected": " 或 ".join(format_number(a) for a in sorted(allowed, reverse=True))})
    elif (w := t.written_total_weight) is not None and all(
            abs(float(w.value) - x) > 0.005 for x in (total, sum(weights))):  # type: ignore[arg-type]
        # the weights are right, the 总分 row's 分值 is not (with G208 it would only say it again); it
        # may sum the indicator table alone (90, 预算执行率's 10 in the funds block), as its 总分 may
        yield Finding("A301", w.sheet or t.sheet, w.cell, w.value, {
            "what": "总分的分值", "what_en": "the total's weight", "total": format_number(round(float(w.value), 2)),  # type: ignore[arg-type]
            "sum": format_number(round(total, 2))})


@check("G209")
def thin_goals(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    f = t.goals_text.get("annual_goal")
    label, label_en = "年度目标", "the annual goal"
    if f is None:
        cell = t.blanks.get("annual_goal")
        if cell is None:
            return  # the table has no goal block at all (many provincial score sheets)
        yield Finding("G209", t.sheet, cell, None, {"field": label, "field_en": label_en,
                                                    "problem": "为空", "problem_en": "is empty"})
        return
    text = str(f.value).strip()
    if "\n" not in text and len(text) < GOAL_MIN_CHARS:
        yield Finding("G209", f.sheet or t.sheet, f.cell, text, {  # a goal may sit on a sheet of its own
            "field": label, "field_en": label_en, "problem": f"只有一句「{text}」，过于简略",
            "problem_en": "is a single short line"})


@check("A336")
def thin_achievement(ctx: Context) -> Iterator[Finding]:
    """A self-evaluation's 实际完成情况 of the annual goal left empty, or saying only that it was
    done (``已完成``, ``按计划完成``, ``同预期目标``): the reviewer reads there what was done against
    the goal. Brief but factual text (``保障12100名学生，零事故``) is an answer."""
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT) or "annual_goal" not in t.goals_text:
        return
    f = t.goals_text.get("achieved")
    if f is None:
        cell = t.blanks.get("achieved")
        if cell is not None:
            yield Finding("A336", t.sheet, cell, None, {"problem": "为空", "problem_en": "is empty"})
        return
    text = str(f.value).strip()
    if "\n" not in text and len(text) < _BARE_DONE_CHARS and not any(c.isdigit() for c in text):
        yield Finding("A336", f.sheet or t.sheet, f.cell, text, {
            "problem": f"只写了「{text}」，没有写明完成了什么", "problem_en": f"only says 「{text}」, not what was done"})


#: Shorter than this, with no number, an achievement says only that the goal was met.
_BARE_DONE_CHARS = 12


@check("G211")
def rates_above_100(ctx: Context) -> Iterator[Finding]:
    """A 合格率 or 满意度 target above 100 %: a typo (95 written as 950) or a growth measure misnamed."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    bounded = bounded_rates(ctx.words)
    for ind in t.indicators:
        if ind.qualitative or not ind.name or not ind.target.is_percent or not bounded(ind.name) or ind.target.change:
            continue  # (满意度较上年提高120% is a change)
        p = percent_of(ind.target)
        if p is not None and p > 100 + 1e-9:
            yield Finding("G211", t.sheet, ind.cell("target"), ind.target.display(),
                          {"name": ind.name, "value": f"{format_number(round(p, 4))}%"})


#: Level-1 rows whose weights may move among themselves in a project table (domain.md §5): 成本
#: takes its weight out of 产出/效益, and without a 满意度 row its weight goes to them too.
_MOVABLE = tuple(level1_key(k) for k in ("产出指标", "效益指标", "成本指标"))
_SATISFACTION = level1_key("满意度指标")
_OWN_EXECUTION = level1_key("当年预算执行情况")


@lru_cache(maxsize=16)
def _expected(weights: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return {level1_key(k): v for k, v in weights}


@check("G212", "G213")
def level1_weights(ctx: Context) -> Iterator[Finding]:
    """The weight of each 一级指标 against the rule set's ``weights``, as strictly as the rule set
    says (``level1_weights``): a principle (G212, info) or a requirement (G213, error).

    In project tables the usual moves are allowed: 产出, 效益 and 成本 are weighed together, and
    with them the 满意度 share when the table has no 满意度 row. Department and evaluation tables
    are weighed row by row; a department's 当年预算执行情况 may be the execution row itself.
    """
    t, tr = ctx.table, ctx.rules.for_table(ctx.table.kind)
    if tr.level1_weights == "off" or not tr.weights or t.kind == MONITOR:
        return
    sums: dict[str, float] = {}
    for ind in t.indicators:
        w = ind.weight
        if w is not None and ind.name:
            key = level1_key(ind.level1)
            sums[key] = sums.get(key, 0.0) + w
    if not sums:
        return
    expected = _expected(tuple(tr.weights.items()))
    execution, own = ctx.result.execution, _OWN_EXECUTION
    if execution is not None and execution.weight is not None and own in expected and own not in sums:
        sums[own] = execution.weight  # a department's 当年预算执行情况 scored as the execution row
    groups: list[tuple[tuple[str, ...], float]]
    if t.kind in PROJECT_TABLES:
        share = sum(expected.get(k, 0.0) for k in _MOVABLE)
        if t.kind == GOALS and abs(sum(sums.values()) - ctx.rules.total) <= 0.005:
            # a declaration weighing its indicators to the full marks (Sichuan's 目标表: no 预算执行率
            # row) gives the execution share to 产出/效益 as a table without 满意度 gives that one
            share += tr.execution_weight
        if _SATISFACTION in sums:
            groups = [((_SATISFACTION,), expected.get(_SATISFACTION, 0.0)), (_MOVABLE, share)]
        else:
            groups = [(_MOVABLE, share + expected.get(_SATISFACTION, 0.0))]
    else:
        groups = [((k,), v) for k, v in expected.items()]
    code = "G213" if tr.level1_weights == "required" else "G212"
    names: dict[str, str] | None = None
    for keys, want in groups:
        have = sum(sums.get(k, 0.0) for k in keys)
        present = [k for k in keys if k in sums]
        if not present or abs(have - want) <= 0.005:
            continue
        if names is None:
            names = {level1_key(n): n for n in t.level1_cells}
        shown = "、".join(f"「{names.get(k, k + '指标' if t.kind in PROJECT_TABLES else k)}」" for k in present)
        yield Finding(code, t.sheet, t.level1_cells.get(names.get(present[0], ""), t.header_cells.get("level1", "A1")),
                      round(have, 2), {"what": f"一级指标{shown}", "what_en": f"level 1 {shown}",
                                       "sum": format_number(round(have, 2)), "expected": format_number(want)})


def _table_year(t: Table) -> int | None:
    """The year the table's 年度 field states, if it states one."""
    year = year_of(t.field_value("year"))
    return int(year) if year else None


@check("G214")
def deadlines_in_the_year(ctx: Context) -> Iterator[Finding]:
    """A 年度 target date in another year than the table's: most often last year's table copied
    and its dates left as they were. Dates without a year (``12月底前``) take the table's."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    year = _table_year(t)
    if year is None:
        return
    for ind in t.indicators:
        when = ind.target.when
        if ind.target.kind == "date" and when is not None and when[0] and when[0] != year and ind.name:
            yield Finding("G214", t.sheet, ind.cell("target"), ind.target.text,
                          {"name": ind.name, "value": ind.target.text, "year": year})


@check("A337")
def completions_before_the_year(ctx: Context) -> Iterator[Finding]:
    """A deadline of the table's year met by a date of an earlier year (``2022年6月20日`` in a 2023
    self-evaluation, against ``2023年6月30日前``): on time, and full marks, while it most often is
    the year mistyped or last year's table copied. Read from a date cell, a date as text, or a
    sentence with one (``已于2022年11月完成``)."""
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT):
        return
    year = _table_year(t)
    if year is None:
        return
    for ind in t.indicators:
        target, actual = ind.target, ind.actual
        if target.kind != "date" or not target.when or target.when[0] != year or not ind.name:
            continue
        done = actual if actual.kind == "date" else date_in(actual.text) if actual.kind == "text" else None
        if done is not None and done.when and 0 < done.when[0] < year:
            yield Finding("A337", t.sheet, ind.cell("actual"), actual.text, {
                "name": ind.name, "value": actual.text, "year": year})


#: G215: per way a name points, the directions that contradict it, what scoring then does, the fix.
_WRONG_WAY = {
    "more": (("≤", "<"), "高", "higher", "实际超过目标反而扣分", "exceeding the target loses points", "≥"),
    "less": (("≥", ">"), "低", "lower", "实际少于目标反而扣分", "staying below the target loses points", "≤"),
}


#: Words of a count that is a limit per item, not an output (``每班学员人数 ≤50人``, ``单次活动人数``).
_PER_ITEM = ("每", "单次", "单场", "人均", "平均", "最多", "上限")


def _counted_output(ind: Indicator, words: Heuristics) -> str | None:
    """``"more"`` for a count of what the project delivers (服务老人人数, 参展企业数量, 培训人次) under
    数量指标: at most 2000 served is no output to reach (2050 scored 2000/2050 of the weight). Only a
    name that starts with doing (``output_verbs``, ``delivered_starts``) and counts nothing to avoid
    (``not_delivered``: 投诉件数, 故障设备数量 are fewer the better)."""
    name = label_key(ind.name)
    if level1_key(ind.level2) == _QUANTITY and name.endswith(words.count_names) \
            and name.startswith(words.output_verbs + words.delivered_starts) \
            and not any(w in name for w in _PER_ITEM + words.not_delivered):
        return "more"
    return None


def _cost_ceiling(ind: Indicator, words: Heuristics) -> str | None:
    """``"less"`` for an amount of money under 成本指标: a cost is a ceiling — 人均培训成本 ≥500元
    scored 480元 as short of it. Not a saving or a cut (``not_cost``: 节约资金 ≥10万元 is
    more-is-better), nor a rate (成本节约率). Money filed elsewhere is G206's, its way unsaid
    (``经费投入 ≥50万元`` may mean at least so much spent)."""
    target = ind.target
    if "成本" not in ind.level1 and "成本" not in ind.level2 or not target.is_number \
            or units.canonical(units.clean(target.unit or ind.unit))[0] != "元":
        return None
    return "less" if any_of(words.not_cost).search(ind.name) is None else None


@check("G215")
def direction_against_the_name(ctx: Context) -> Iterator[Finding]:
    """A direction that contradicts what the name measures: 满意度 with ≤ (95 % against ≤90 % scores
    below the weight), 事故发生率 or 投诉次数 with ≥ (fewer accidents than the target score less).
    A slip in the 指标性质 column that turns the row's scoring upside down; the keyword lists are
    ``bounded_rates`` (more is better) and ``lower_better`` in heuristics.toml."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    way = better_way(ctx.words)
    for ind in t.indicators:
        if ind.qualitative or ind.op not in ("≤", "<", "≥", ">") or not ind.name or ind.target.change:
            continue  # (``下降5%`` of 投诉次数 is ≥ on the fall: values.Value.change)
        w = way(ind.name) or _counted_output(ind, ctx.words) or _cost_ceiling(ind, ctx.words)
        if w is None:
            continue
        wrong, zh, en, effect, effect_en, fix = _WRONG_WAY[w]
        if ind.op in wrong:
            where = ind.cell("direction", "target") if ind.direction else ind.cell("target")  # ≤90% in the target
            yield Finding("G215", t.sheet, where, ind.direction or ind.op, {
                "name": ind.name, "op": ind.op, "way": zh, "way_en": en, "effect": effect,
                "effect_en": effect_en, "fix": fix})


@check("G216")
def cost_above_the_funds(ctx: Context) -> Iterator[Finding]:
    """A cost target (an amount under 成本指标) above all the project's money: a target typed in 元
    under a 万元 unit, or left from a larger budget. The ceiling is the largest of the table's
    年度资金总额, 全年预算数 and 年初预算数 (and 中期资金总额, which a multi-year cost may use), in 万元."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    ceiling = _project_money(t)
    if not ceiling:
        return
    for ind in t.indicators:
        target = ind.target
        if (ind.qualitative or not target.is_number or target.number is None or not ind.name
                or ("成本" not in ind.level1 and "成本" not in ind.level2)):
            continue
        base, factor = units.canonical(units.clean(target.unit or ind.unit))
        if base != "元":
            continue
        wan = target.number * factor / 1e4
        if wan > ceiling * (1 + 1e-9):
            amount = format_number(round(wan, 2))
            yield Finding("G216", t.sheet, ind.cell("target"), target.display(), {
                "name": ind.name, "value": target.display(), "ceiling": format_number(round(ceiling, 2)),
                "amount": "" if factor == 1e4 else f"（即 {amount} 万元）",
                "amount_en": "" if factor == 1e4 else f" ({amount} ten-thousand yuan)"})


def _project_money(t: Table) -> float | None:
    amounts = [to_number(f.value) for k, f in t.amounts.items()
               if k in ("annual_total", "midterm_total", "annual_budget", "initial_budget")]
    total = t.funds.total() if t.funds is not None else None
    if total is not None:
        amounts += [total.annual_budget, total.initial_budget]
    known = [a for a in amounts if a is not None and a > 0]
    return t.to_wan(max(known)) if known else None  # in 万元, as the targets are compared


@check("G217")
def targets_always_met(ctx: Context) -> Iterator[Finding]:
    """A more-is-better target of nothing (``≥0个``, ``>0%``), or below nothing in a count
    (``≥-100人``): every result meets it, so the row measures nothing and scores full whatever
    happens. A change may rightly be held at ≥0 (增长率 ≥0%: no decline), so names of a change
    (``rate_changes``) are left alone."""
    t = ctx.table
    if t.kind == EVALUATION:
        return
    change = any_of(ctx.words.rate_changes).search
    for ind in t.indicators:
        target = ind.target
        if (ind.qualitative or not ind.name or ind.op not in ("≥", ">") or not target.is_number
                or target.number is None or target.number > 0 or ind.unit == DATE_UNIT
                or change(ind.name) is not None or target.change):
            continue
        unit = target.unit or ind.unit
        if target.number < 0 and units.canonical(unit)[0] not in _COUNTS:
            continue  # (≥-5% of a rate, a loss limit in money: a bound below zero may mean something)
        value = f"{ind.op}{format_number(target.number)}{unit}"
        yield Finding("G217", t.sheet, ind.cell("target"), target.text or value, {"name": ind.name, "value": value})


@check("G225")
def weighted_but_not_applicable(ctx: Context) -> Iterator[Finding]:
    """A row whose target says it does not apply (``不涉及``, ``不适用`` — as 社会成本指标 rows are
    often filled) but that carries a weight: it measures nothing, and a report answering
    ``不涉及`` takes its points (a 实际完成值 of 不适用 under a real target is A332's)."""
    t = ctx.table
    if t.kind not in (GOALS, SELFEVAL, DEPT):
        return
    for ind in t.indicators:
        said = says_not_applicable(ind.target.text) if ind.target.kind == "text" else ""
        if said and ind.name and ind.weight:
            yield Finding("G225", t.sheet, ind.cell("target"), ind.target.text, {
                "name": ind.name, "said": said, "weight": format_number(ind.weight)})


@check("G218")
def project_period(ctx: Context) -> Iterator[Finding]:
    """计划开始/完成日期 that cannot be right: the end before the start, or a period that does not
    reach into the table's year — most often last year's declaration copied with its dates."""
    t = ctx.table
    start, end = t.header.get("start"), t.header.get("end")
    if start is not None and end is not None:
        s, e = parse_value(start.value), parse_value(end.value)
    elif "period" in t.header:  # 项目期限 2023年1月-2023年12月, 2023年1月1日至2023年12月31日, 2021-2023年
        start = end = t.header["period"]
        s, e = _period(start.value)
    else:
        return
    if s.kind != "date" or e.kind != "date" or not s.when or not e.when or not s.when[0] or not e.when[0]:
        return
    year = _table_year(t)
    if compare_dates(e.when, s.when) < 0:
        problem, problem_en, at = "早于计划开始日期", "is before the planned start", end
    elif year is not None and e.when[0] < year:
        problem, problem_en, at = f"在 {year} 年度之前：项目已经结束", f"is before {year}: the project is over", end
    elif year is not None and s.when[0] > year:
        problem, problem_en, at = f"（开始）在 {year} 年度之后", f"(the start) is after {year}", start
    else:
        return
    yield Finding("G218", at.sheet or t.sheet, at.cell, at.value, {
        "start": s.text, "end": e.text, "problem": problem, "problem_en": problem_en})


_YEARS = re.compile(r"((?:19|20)\d\d)年?\s*[-至~～—–]+\s*((?:19|20)\d\d)年?(?:度)?")


def _period(raw: object) -> tuple[Value, Value]:
    """A 项目期限 as its first and last date, or two empty values when it is not a range of dates."""
    text = normalize_text(str(raw or "")).strip()
    m = _YEARS.fullmatch(text)
    if m:
        return (Value("date", text=m.group(1), when=(int(m.group(1)), 0, 0)),
                Value("date", text=m.group(2), when=(int(m.group(2)), 0, 0)))
    for sep in ("至", "~", "～", "—", "–", "-"):
        if sep == "-" and "年" not in text:  # 2023-01-01 is one date
            continue
        head, _, tail = text.partition(sep)
        if tail:
            a, b = parse_date(head.strip()), parse_date(tail.strip())
            if a is not None and b is not None:
                return a, b
    return NONE, NONE


#: The 二级指标 an 产出指标 is expected to cover (财预〔2021〕101号: 数量、质量、时效; 成本 has its own 一级).
OUTPUT_PARTS = ("数量指标", "质量指标", "时效指标")
_OUTPUT = level1_key("产出指标")
_QUANTITY = level1_key("数量指标")


@check("G219")
def output_parts_missing(ctx: Context) -> Iterator[Finding]:
    """产出指标 without one of 数量/质量/时效 — what evaluators note as "产出指标不全面". An info:
    some projects have no meaningful timing or quality measure, and the table may say why."""
    t = ctx.table
    if t.kind not in PROJECT_TABLES:
        return
    outputs = [i for i in t.indicators if i.name and level1_key(i.level1) == _OUTPUT]
    if not outputs or not any(i.level2 for i in outputs):  # no 二级指标 column: nothing to tell
        return
    have = {level1_key(i.level2) for i in outputs}  # 数量 and 数量指标 alike, as S102 takes them
    cell = t.level1_cells.get(outputs[0].level1) or outputs[0].cell("level1", "name")
    missing = [part for part in OUTPUT_PARTS if level1_key(part) not in have]
    if missing:  # (one finding, naming each part: two at one cell said the same thing twice)
        yield Finding("G219", t.sheet, cell, outputs[0].level1, {"part": "」「".join(missing), "parts": "、".join(missing)})


@check("G220")
def sentence_targets(ctx: Context) -> Iterator[Finding]:
    """A target written as a sentence without a bound (``培训100人``) — read as a word, but scored
    by its number against an actual in its unit (scoring.sentence_read), as a reviewer compares
    them: said, so that the target is written as the value it is."""
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT, GOALS, MONITOR) or t.template:
        return
    for ind in t.indicators:
        if ind.target.kind != "text" or is_qualitative_direction(ind.direction):
            continue
        if t.kind == GOALS:  # no actual yet: a number in a unit that counts or measures (not 2级标准)
            found = number_in(ind.target.text)
            if found is None or not units.known(units.canonical(found.unit)[0]):
                continue
            problem = ("，无法据以考核", ", which cannot be assessed")
        else:  # what scoring and the lights compared it as
            read = sentence_read(ind, "to_date" if t.kind == MONITOR else "actual")
            if read is None or range_bounds(ind.target, ind.unit) is not None:  # a range is G222's
                continue
            found = read[0].target
            problem = (f"；已按其中的 {found.display()} 与实际完成值比较",
                       f"; it was compared with the actual as {found.display()}")
        yield Finding("G220", t.sheet, ind.cell("target"), ind.target.text, {
            "name": ind.name, "value": ind.target.text, "number": found.display(),
            "problem": problem[0], "problem_en": problem[1]})

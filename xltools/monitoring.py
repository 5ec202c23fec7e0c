"""Mid-year monitoring (绩效运行监控表, domain.md §3.6): a traffic light per indicator and for the funds.

The deployed rule: what the months so far should have brought is 年度指标值 × N/12; completion
below 60 % of that is red, 60–80 % yellow, 80–120 % green, from 120 % blue (the ratios are the
rule set's ``[monitor] lights``). The domain states it for quantities that accrue over the year;
for the other kinds of indicator we decided as a finance office reads them, and say so in each
row's explanation:

* a target in % (合格率 ≥95 %, 满意度 ≥90 %) is a rate, not a quantity that accrues: its 1-N月
  value is compared with the full target, not with target × N/12;
* a ``≤`` target is a ceiling (成本 ≤ 30 万元, 完成时限 ≤ 30 天): within it is green; above it,
  yellow while the ceiling is at least 80 % of the value, red below that — never green or blue;
* a target of 0 with ``≤``/``=``: 0 so far is green, anything else red;
* a qualitative indicator has no figure to prorate: its light is the 完成目标可能性 the unit
  chose (确定能 green, 有可能 yellow, 完全不可能 red);
* a 1-N月 cell that says the figure is not due yet (``年底测评``, ``待验收后统计``: the words
  ``not_due`` of rules/heuristics.toml) is lit by the likelihood as well, as a deadline not yet
  reached is — a satisfaction survey held at the year's end has no mid-year value; an empty cell
  or a bare ``—`` still has no light (M404 asks for the value or for such a word);
* funds: 执行进度 = 1-N月执行数 / 全年预算数 against the pro-rata 序时进度 N/12, same bands;
* a ratio is compared as shown, in percent with two decimals (59.996 % shows 60.00 % and is
  yellow), as the template's ROUND(…, 4) does.

Rows are :class:`~xltools.scoring.RowScore` with no score and a ``light``, so every output that
lists scored rows (terminal, JSON, summaries) lists monitored rows the same way.
"""

from __future__ import annotations

from . import units
from .messages import word
from .model import Indicator, Table
from .ruleset import MonitorRules, RuleSet
from .scoring import (
    RowScore,
    aligned,
    date_text,
    format_approx,
    pct,
    restated,
    round_half_up,
    sentence_read,
    short_of_target,
)
from .values import (
    DATE_UNIT,
    Value,
    date_order,
    format_number,
    normalize_text,
    several_ticked,
    ticked,
)

#: Lights behind schedule, worst first: what the 预警清单 lists and M407 reports.
BEHIND = ("red", "yellow")
#: 完成目标可能性 choices, most specific first (完全不可能 contains 可能; 有可能 before 能).
LIKELIHOODS = (("完全不可能", "red"), ("不可能", "red"), ("有可能", "yellow"), ("确定能", "green"),
               ("能", "green"))
LIKELIHOOD_CHOICES = ("确定能", "有可能", "完全不可能")
#: 完成目标可能性 written in other words, as a reviewer reads them, in this order (不确定 before 确定,
#: 不能确定 before 不能, 有可能 before 能; 已完成 is done, as sure as can be): lights a table that is
#: not our template, whose dropdown offers the choices only; M403 still asks for one of them.
LIKELIHOOD_WORDS = (("不能确定", "yellow"), ("无法确定", "yellow"), ("难以确定", "yellow"), ("不确定", "yellow"),
                    ("不能", "red"), ("无法", "red"), ("难以", "red"), ("不可能", "red"), ("不了", "red"), ("不可", "red"),
                    ("可能", "yellow"), ("基本", "yellow"), ("风险", "yellow"), ("较难", "yellow"),
                    ("难度", "yellow"),
                    ("已完成", "green"), ("已全部完成", "green"), ("已达成", "green"), ("已实现", "green"),
                    ("已达到", "green"), ("提前完成", "green"),
                    ("确定", "green"), ("肯定", "green"), ("一定", "green"), ("可以", "green"), ("能够", "green"),
                    ("能", "green"), ("可完成", "green"), ("可实现", "green"), ("可达到", "green"))
#: A yes or no as the whole answer (是否能完成目标: 是 / 否).
LIKELIHOOD_YES_NO = {"是": "green", "否": "red"}


def how_often(ind: Indicator) -> bool:
    """A 1-N月 value written as how often (``每季度1次``: 4 a year) against a target of how many
    (``≥4次``): compared with the whole year's target, not prorated — a frequency is kept all
    year (and our template is given the count due by month N)."""
    return units.per_period(ind.to_date.unit) and not units.per_period(ind.target.unit)


def likelihood_light(text: str, *, words: bool = False) -> str | None:
    """The light a 完成目标可能性 answer stands for; None when it is empty or none of the choices
    (``words``: or of LIKELIHOOD_WORDS, ``基本能``, ``无法完成``)."""
    t = normalize_text(text or "")
    if (chosen := ticked(t)) is not None:  # ``☑确定能 □有可能 □完全不可能`` in one cell: the one ticked
        t = chosen
    elif several_ticked(t):  # no choice (nor the words of one)
        return None
    if not t or "、" in t:  # nothing, or more than one √ ticked (reader.recognize._read_ticks)
        return None
    chosen = next((light for w, light in LIKELIHOODS if t.startswith(w)), None)
    if chosen is None and words:
        chosen = LIKELIHOOD_YES_NO.get(t) or next((light for w, light in LIKELIHOOD_WORDS if w in t), None)
    return chosen


def light_word(light: str, lang: str = "zh") -> str:
    """红灯 / red …"""
    return word(f"light_{light}", lang)


def monitor_rows(table: Table, rules: RuleSet) -> list[RowScore]:
    """The funds row (when the table has funds) and one row per indicator, each with its light."""
    mr = rules.monitor
    months = table.months.value if table.months is not None else None
    n = months if isinstance(months, int) else None
    from .rules import heuristics  # the rule set may add words; rules imports this module's caller

    not_due = heuristics(rules).not_due
    # our template's formulas light a number only; elsewhere ``已培训80人`` is lit by its number
    rows = [indicator_light(i, n, mr, not_due, sentences=not table.template) for i in table.indicators]
    funds = funds_light(table, n, mr)
    return [funds, *rows] if funds is not None else rows


def _row(ind: Indicator, light: str | None, key: str, params: dict[str, object], cell: str = "to_date") -> RowScore:
    if light is not None:
        params = {**params, "light": f"@light_{light}"}
    return RowScore(ind.level1, ind.level2, ind.name, ind.weight, None, key, params, ind.sheet,
                    ind.cell(cell, "name"), ind, light in ("green", "blue") if light else None, light)


def indicator_light(ind: Indicator, n: int | None, mr: MonitorRules, not_due: tuple[str, ...] = (), *,
                    sentences: bool = True) -> RowScore:
    """One indicator's light, by the rules in this module's docstring (``not_due``: the words that
    say a 1-N月 value is not due yet; ``sentences``: a value written in a sentence is lit by the
    value it stands for, :func:`scoring.sentence_read`, and a likelihood in other words by them)."""
    if sentences and short_of_target(ind, None, "to_date"):
        return _row(ind, None, "mon_no_to_date", {"n": n or "N"})  # ``低于90%`` of ≥90%: how far behind, unsaid (M404)
    read = sentence_read(ind, "to_date") if sentences else None  # ``已服务老人1100人``, ``服务老人2000人``
    if read is not None:  # lit by what the sentence stands for, named beside it: 55家（已有55家企业报名）
        return restated(ind, indicator_light(read[0], n, mr, not_due), read[1], read[2])
    dated = not ind.qualitative and (ind.target.kind == "date" or (ind.unit == DATE_UNIT and ind.target.is_number))
    if dated and _is_date(ind.to_date, ind):  # a deadline already met or missed: the date says which
        order = date_order(ind.to_date, ind.target)
        on_time = order >= 0 if ind.op in ("≥", ">") else order <= 0
        params = {"done": date_text(ind.to_date), "target": date_text(ind.target)}
        return _row(ind, "green" if on_time else "red", "mon_date_done" if on_time else "mon_date_late", params)
    later = (not dated and ind.to_date.kind == "text" and not ind.qualitative and ind.target.is_number
             and any(w in ind.to_date.text for w in not_due))
    # a count against a rate (2050人 of ≥90%): the bare numbers say nothing of it (A316), as words do not
    other = (not ind.qualitative and ind.target.is_percent and ind.to_date.is_number
             and units.unconvertible(ind.to_date.unit, "%"))
    if ind.qualitative or not ind.target.is_number or dated or later or other:  # words, and what is not due yet
        light = likelihood_light(ind.likelihood, words=sentences)
        if light is None:
            return _row(ind, None, "mon_no_likelihood", {}, "likelihood")
        key = "mon_date_likelihood" if dated else "mon_later_likelihood" if later else \
            "mon_unit_likelihood" if other else "mon_likelihood"
        return _row(ind, light, key, {"likelihood": ind.likelihood, "to_date": ind.to_date.text, "n": n or "N",
                                      "target": ind.target.display(), "unit": ind.to_date.unit}, "likelihood")
    if not ind.to_date.is_number:
        return _row(ind, None, "mon_no_to_date", {"n": n or "N"})
    t, a = aligned(ind.target, ind.to_date)
    unit = "%" if (ind.target.is_percent or ind.to_date.is_percent) else (ind.unit or ind.target.unit)
    shown = f"{format_approx(a)}{unit}"  # 85天 of ≤3个月 is ≈2.83个月, not 2.833333个月
    if ind.to_date.unit and unit != "%" and ind.to_date.unit != unit:
        shown += f"（{ind.to_date.text}）"
    params: dict[str, object] = {"to_date": shown,
                                 "target": f"{'±' if ind.target.band else ''}{format_number(t)}{unit}"}
    if ind.target.band:  # ±10%: a deviation of either sign within it
        a = abs(a)
    op = ind.op or "="
    if op in ("≤", "<") or t <= 0:
        if t <= 0 and op in ("≥", ">"):
            light = "green" if a >= t else "red"  # a target of 0 with ≥: anything reached is on track
        elif t <= 0:  # ≤0, =0, 零投诉: none may occur (as scoring has it)
            light = "green" if a <= t else "red"
        elif a <= t:
            light = "green"
        else:
            ratio = round_half_up(t / a, 4)
            params["ratio"] = pct(ratio)
            if ind.target.band:  # the band's half-width against the deviation's size
                params.update(half=f"{format_number(t)}{unit}", size=f"{format_number(a)}{unit}")
            return _row(ind, "red" if ratio < mr.red else "yellow",
                        "mon_band_over" if ind.target.band else "mon_less_over", params)
        return _row(ind, light, "mon_less_ok" if op in ("≤", "<") else "mon_zero", params)
    if unit == "%":
        ratio = round_half_up(a / t, 4)
        return _row(ind, mr.light(ratio), "mon_rate", {**params, "ratio": pct(ratio)})
    if how_often(ind):  # ``每季度1次``
        ratio = round_half_up(a / t, 4)
        return _row(ind, mr.light(ratio), "mon_frequency", {**params, "said": ind.to_date.text, "ratio": pct(ratio)})
    if n is None:
        return _row(ind, None, "mon_no_months", params)
    expected = t * n / 12
    ratio = round_half_up(a / expected, 4)
    return _row(ind, mr.light(ratio), "mon_prorated", {
        **params, "n": n, "expected": f"{format_number(round(expected, 4))}{unit}", "ratio": pct(ratio)})


def _is_date(v: Value, ind: Indicator) -> bool:
    return v.kind == "date" or (ind.unit == DATE_UNIT and v.is_number)


def funds_light(table: Table, n: int | None, mr: MonitorRules) -> RowScore | None:
    """执行进度 against 序时进度 N/12; None when the table has no funds block."""
    total = table.funds.total() if table.funds is not None else None
    if total is None:
        return None
    label = word("part_progress")
    cell = total.cells.get("spent", "")
    spent, budget = total.spent, total.year_budget
    if spent is None or not budget:
        return RowScore(label, "", label, None, None, "mon_funds_missing", {}, table.sheet, cell)
    progress = spent / budget
    params: dict[str, object] = {"spent": format_number(spent), "budget": format_number(budget),
                                 "progress": pct(progress)}
    if n is None:
        return RowScore(label, "", label, None, None, "mon_funds_no_months", params, table.sheet, cell)
    expected = n / 12
    ratio = round_half_up(progress / expected, 4)
    light = mr.light(ratio)
    params.update(n=n, expected=pct(expected), ratio=pct(ratio), light=f"@light_{light}")
    return RowScore(label, "", label, None, None, "mon_funds", params, table.sheet, cell,
                    achieved=light in ("green", "blue"), light=light)

"""The goal texts against the indicator table (A339): a figure said twice must be said alike.

The annual goal (年度目标 / 预期目标) and its achievement (实际完成情况) restate the table's main
figures in words — ``全年为辖区2000名老人提供日间照料服务``, ``服务老人2050名，开展讲座24场`` — and
reviewers read both: a text saying 1800名 where the row says 2050人 is a contradiction they name
("自评表前后不一致"). A figure is paired with the indicator whose name shares the most of its
clause's words (two pairs of characters at least, and no other indicator as many), in a unit that
compares; an indicator is flagged only when none of the figures paired with it agrees with its
value, so ``计划服务2000名，实际服务2050名`` is no contradiction. Money is held against the funds
block (spending, the budget, the execution rate), likewise as a class.

The word lists below are Python tables, as values.py's are: they decide which figure is an amount
of the year at all, and change with the readings, not with a province's rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .. import units
from ..model import DEPT, EVALUATION, SELFEVAL, WAN, FundsRow, Indicator, Table
from ..scoring import execution_amounts, is_amount
from ..values import (
    THOUSANDS_COMMA,
    Value,
    format_number,
    normalize_text,
    range_bounds,
    stated_bound,
    value_read,
    written_bound,
)
from . import Context, Finding, check

#: A figure of a goal text: a number and the unit right after it (``2050名``, ``95%``, ``24场``).
_FIGURE = re.compile(r"(?<![0-9.])([0-9]{1,12}(?:\.[0-9]{1,6})?)(%|[\u4e00-\u9fffA-Za-z]{1,4})")
#: Any digit (a text without one holds no figure).
_DIGIT = re.compile("[0-9０-９]")
#: Where one statement of a text ends (not a colon: ``服务老人：2050名`` is one).
_CLAUSE_END = re.compile("[,;。\n]")
#: ... and as typed, before NFKC made ，；．ASCII.
#: (A comma between a digit and three more is a thousands comma, quoted as typed: ``4,800,000元``.)
_CLAUSE_END_TYPED = re.compile(r"[;。\n；｡]|(?<!\d)[,，]|[,，](?!\d{3}(?!\d))")
#: Dates and years, which are no figures of the table (``2023年``, ``12月底``).
_DATE = re.compile(r"(?:19|20)\d\d年度?|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号]")
#: Words beside a figure that make it approximate or a bound (``2000余名``, ``约95%``, ``90%以上``):
#: an achievement so written agrees with any value near it (a goal's bound is its target's).
_APPROXIMATE_BEFORE = ("约", "近", "超过", "逾", "不少于", "不低于", "不超过", "低于", "高于", "大约", "将近")
_APPROXIMATE_AFTER = ("余", "多", "左右", "以上", "以下", "以内", "+")
#: Words before a figure that make it no amount of the year: a part (其中), a change (同比增长10%),
#: another year's; in an achievement also the plan (计划服务2000名, beside what was done).
_NOT_AMOUNT = ("其中", "同比", "较上年", "比上年", "上年", "去年", "增长", "增加", "提高", "提升", "下降", "减少",
               "降低", "明年", "下年", "累计")
_PLANNED = ("计划", "目标", "预期", "预计", "原定", "年初", "要求", "应达", "应完成")
#: An amount of money said of the funds: spent (``支出480万元``), else budgeted (``安排资金500万元``;
#: not what arrived, 到位, which may fall short of the budget) — unless it is a part, another year's
#: or another amount (``中央资金300万元``, ``合同金额``, ``节约``, ``各30万元``).
_SPENT = ("支出", "执行", "使用", "花费", "支付", "拨付", "完成", "投入")
_BUDGETED = ("预算", "安排", "总额")
_NOT_FUNDS = ("中央", "省级", "省财政", "省补", "市级", "县级", "区级", "乡镇", "上级", "配套", "奖补", "争取", "自筹",
              "社会资本", "社会资金", "其中",
              "结转", "结余", "节约", "节省", "剩余", "合同", "采购", "中标", "计划", "每", "各", "用于", "人均", "单价",
              "标准",
              "上年", "去年", "同比", "增长", "增加", "减少",
              # a multi-year project's whole (项目总投资1000万元), not the year's
              "总投资", "总预算", "概算", "累计投资")
#: Fewer shared pairs of characters than this pair a figure with no indicator.
_MIN_SHARED = 2


@check("A339")
def goal_texts_against_the_table(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind == EVALUATION:  # (no targets or actuals: experts' scores)
        return
    # a monitoring table's 实际完成情况 is the months so far, which no annual figure need equal
    texts = [("annual_goal", "target")] + ([("achieved", "actual")] if t.kind in (SELFEVAL, DEPT) else [])
    if "midterm_goal" in t.goals_text and any(not i.target_midterm.is_none for i in t.indicators):
        texts.append(("midterm_goal", "target_midterm"))  # (a declaration's 中期指标值 column)
    for key, column in texts:
        f = t.goals_text.get(key)
        if f is None or _DIGIT.search(text := str(f.value)) is None:
            continue  # (a text without a figure, quickly told)
        yield from _contradictions(t, f.sheet or t.sheet, f.cell, text, key, column)
        if key == "midterm_goal":
            continue  # (its money is the period's, which the year's funds block does not hold)
        total = t.funds.total() if t.funds is not None else _department_funds(t)
        if total is not None:
            rows = t.funds.rows if t.funds is not None else [total]
            yield from _against_funds(t, total, rows, f.sheet or t.sheet, f.cell, text, key)


def _department_funds(t: Table) -> FundsRow | None:
    """A department's amounts (全年预算数, 年初预算数, 全年执行数 or 支出决算数) as one funds row: what
    its goal texts' money and 预算执行率 are held against, as its execution score takes them."""
    if t.kind != DEPT:
        return None
    spent, budget = execution_amounts(t)
    if spent is None and budget is None:
        return None
    a = {k: f.value for k, f in t.amounts.items() if is_amount(f.value)}
    return FundsRow("total", "部门预算", initial_budget=a.get("initial_budget"), annual_budget=a.get("annual_budget"),
                    spent=spent.value if spent else None)  # type: ignore[arg-type]


def _against_funds(t: Table, total: FundsRow, rows: list[FundsRow], sheet: str, cell: str, text: str,
                   key: str) -> Iterator[Finding]:
    """The money of a goal text against the funds block: an achievement's spending (``支出480万元``)
    against a row's 全年执行数, a budget (``安排资金500万元``) against a row's 全年预算数 or 年初预算数 —
    any row's (a text may speak of the fiscal funds), and spending also any line item's
    (``自行组织健康讲座支出195万元``) — and an achievement's 执行率 against the one the funds give
    (``total``: Funds.total(), the row the execution score divides). As with indicators, one class
    of figures is reported only when none of them agrees."""
    said: dict[str, list[tuple[str, float, str]]] = {}
    for clause, number, unit, lead in _figures(text, bounds=False, skip=_NOT_FUNDS, context=False):
        if unit == "%":
            if key == "achieved" and "执行率" in lead:
                said.setdefault("rate", []).append((clause, number, unit))
        elif units.canonical(unit)[0] == "元":
            spent = key == "achieved" and any(w in lead for w in _SPENT)
            if spent or any(w in lead for w in _BUDGETED):
                said.setdefault("spent" if spent else "budget", []).append((clause, number, unit))
    for kind, figures in said.items():
        if kind == "rate":
            if total.spent is None or not total.year_budget:
                continue
            rate = total.spent / total.year_budget * 100
            amounts, shown = [Value("number", number=rate, unit="%")], f"{format_number(round(rate, 2))}%"
            column = ("预算执行率", "execution rate")
        else:
            spent = kind == "spent"
            xs = [x for r in rows for x in ((r.spent,) if spent else (r.year_budget, r.initial_budget)) if x is not None]
            amounts = [Value("number", number=x, unit=t.money_unit) for x in xs]
            if spent:  # (the line items' spending, in 万元)
                amounts += [Value("number", number=x, unit=WAN) for i in t.line_items
                            if (x := i.to_wan(i.spent, t.money_unit)) is not None]
            value = total.spent if spent else total.year_budget
            if value is None:
                continue
            shown = f"{format_number(round(value, 2))} {t.money_unit}"
            column = ("全年执行数", "spending") if spent else ("全年预算数", "budget")
        if amounts and not any(_agrees(n, u, v) for _, n, u in figures for v in amounts):
            yield _funds_finding(sheet, cell, figures[0][0], key, total.label, column, shown)


def _funds_finding(sheet: str, cell: str, clause: str, key: str, label: str, column: tuple[str, str],
                   value: str) -> Finding:
    what, what_en = _WHAT[key]
    return Finding("A339", sheet, cell, clause, {"what": what, "what_en": what_en, "said": clause, "name": label,
                                                "column": column[0], "column_en": column[1], "value": value})


def _contradictions(t: Table, sheet: str, cell: str, text: str, key: str, column: str) -> Iterator[Finding]:
    figures = list(_figures(text, bounds=column != "actual"))
    if not figures:
        return
    values: dict[int, Value | None] = {}  # read only for the indicators a figure is named like

    def value(ind: Indicator) -> Value | None:
        if id(ind) not in values:
            values[id(ind)] = _value(ind, column)
        return values[id(ind)]

    said: dict[int, list[tuple[str, float, str]]] = {}
    for clause, number, unit, context in figures:
        scores = sorted(((n, k) for k, ind in enumerate(t.indicators)
                         if (n := len(_pairs(ind.name) & context)) >= _MIN_SHARED
                         and (v := value(ind)) is not None and _same_measure(unit, v.unit)
                         and units.comparable(unit, v.unit)), reverse=True)
        if not scores or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            continue
        said.setdefault(scores[0][1], []).append((clause, number, unit))
    for k, paired in said.items():
        ind = t.indicators[k]
        v = value(ind)
        if v is None or any(_agrees(n, u, v) for _, n, u in paired):
            continue
        what, what_en = _WHAT[key]
        col, col_en = _COLUMN[column]
        yield Finding("A339", sheet, cell, paired[0][0], {
            "what": what, "what_en": what_en, "said": paired[0][0], "name": ind.name, "column": col,
            "column_en": col_en, "value": v.display() if column == "actual" else getattr(ind, column).text})


#: Each goal text, and each indicator column its figures are held against, as A339 names them.
_WHAT = {"annual_goal": ("年度总体目标的预期目标", "expected result of the annual goal"),
         "achieved": ("年度总体目标的实际完成情况", "achievement of the annual goal"),
         "midterm_goal": ("中期目标", "mid-term goal")}
_COLUMN = {"target": ("指标值", "target"), "actual": ("实际完成值", "actual"),
           "target_midterm": ("中期指标值", "mid-term target")}


def _value(ind: Indicator, column: str) -> Value | None:
    """The indicator's number in ``column``, as scoring reads it (a sentence's number too)."""
    if ind.qualitative or not ind.target.is_number and column != "target_midterm":
        return None
    v = getattr(ind, column)  # target, actual, target_midterm
    if column == "actual" and (written_bound(v) is not None or stated_bound(v) is not None
                               or range_bounds(v, ind.unit) is not None):
        return None  # (``低于90%``, ``近100%``, ``85%~95%``: no one value, which A335, A315 ask for)
    if v.kind == "text":
        v = value_read(v, ind.target, ind.unit, ind.op) or v
    return v if v.is_number and v.number is not None and (column != "actual" or v.op is None) else None


def _figures(text: str, bounds: bool, skip: tuple[str, ...] = _NOT_AMOUNT, context: bool = True,
             ) -> Iterator[tuple[str, float, str, Any]]:
    """Each figure of ``text`` — exact, or also a bound (``90%以上``) with ``bounds`` — its clause
    as written, its number and unit, and the pairs of characters of its context (the clause
    between its neighbouring figures), or with ``context`` False the words before it. A figure
    after a word of ``skip`` (a part, a change: _NOT_AMOUNT) is none."""
    for clause, number, unit, lead, around, approximate in _all_figures(text):
        if (approximate and not bounds) or any(w in lead for w in skip) \
                or (not bounds and any(w in lead for w in _PLANNED)):
            continue
        yield clause, number, unit, (_pairs(around) if context else lead)


@lru_cache(maxsize=64)
def _all_figures(text: str) -> tuple[tuple[str, float, str, str, str, bool], ...]:
    """Every figure of ``text`` once (the indicators' and the funds' readings share it): its clause,
    number, unit, the words before it, its context, and whether it is approximate or a bound."""
    out = []
    clauses = _CLAUSE_END.split(THOUSANDS_COMMA.sub("", normalize_text(text)))
    typed = _CLAUSE_END_TYPED.split(text)  # (shown as typed: ``服务老人：1800名``, ``4,800,000元``)
    for clause, shown in zip(clauses, typed if len(typed) == len(clauses) else clauses, strict=True):
        bare = _DATE.sub(lambda m: "#" * len(m.group()), clause)
        found = [m for m in _FIGURE.finditer(bare) if units.clean(m[2]) or m[2] == "%"]
        for k, m in enumerate(found):
            before, after = bare[: m.start()], bare[m.end():]
            approximate = before.endswith(_APPROXIMATE_BEFORE) or m[2].startswith(_APPROXIMATE_AFTER) \
                or after.startswith(_APPROXIMATE_AFTER)
            start = found[k - 1].end() if k else 0
            end = found[k + 1].start() if k + 1 < len(found) else len(bare)
            lead = bare[start: m.start()]
            around = lead + " " + bare[m.start(2): end]  # (what follows the unit: 2000名老人)
            unit = "%" if m[2] == "%" else units.clean(m[2])
            out.append((shown.strip(), float(m[1]), unit, lead, around, approximate))
    return tuple(out)


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    """The pairs of adjacent Chinese characters of ``text``: what two phrasings share."""
    han = [ch if "\u4e00" <= ch <= "\u9fff" else " " for ch in text]
    return frozenset(a + b for a, b in zip(han, han[1:], strict=False) if a != " " and b != " ")


def _same_measure(unit: str, other: str) -> bool:
    """A unit on both sides (a rate against a rate, a count against a count): a bare number says
    nothing of which indicator it is."""
    return bool(unit) and bool(other) and (unit == "%") == (other == "%")


def _agrees(number: float, unit: str, v: Value) -> bool:
    """Whether the text's ``number`` in ``unit`` is the value ``v``, to the text's own precision
    (``95%`` is 95.3 %); in another unit (``0.2万人`` of 2050人), within 5 %."""
    x = units.convert(number, unit, v.unit)
    if unit == v.unit or units.canonical(unit) == units.canonical(v.unit):
        decimals = len(format_number(number).partition(".")[2])
        return round(v.number, decimals) == round(x, decimals)  # type: ignore[arg-type]
    return abs(x - v.number) <= 0.05 * abs(v.number)  # type: ignore[operator]

"""A3xx: arithmetic and consistency — sums, rates, scores, grades, line items, goals vs self-evaluation.

"Equal" means equal to the shown precision (domain.md §8): two decimals for amounts and scores,
rates as percentages with two decimals.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterator

from .. import units
from ..declared import REPORTS
from ..messages import word
from ..model import (
    DEPT,
    EVALUATION,
    FUNDS_AMOUNTS,
    GOALS,
    MONITOR,
    SELFEVAL,
    WAN,
    Field,
    FundsRow,
    Indicator,
    LineItem,
    Reckoned,
    ScoreGroup,
    Table,
)
from ..reading.labels import NAME_WEIGHT, RESULT_TOTAL_LABELS, label_key
from ..reading.source import UNCALCULATED
from ..ruleset import TableRules
from ..scoring import (
    NOT_APPLICABLE_KEYS,
    RowScore,
    ScoreResult,
    aligned,
    execution_amounts,
    is_amount,
    judged,
    not_applicable_words,
    on_time,
    pct,
    qual_rate,
    round_half_up,
)
from ..taxonomy import level1_key
from ..values import (
    BOX_MARKS,
    TICK_MARKS,
    Value,
    date_in,
    date_serial,
    format_number,
    normalize_text,
    october_reading,
    on_scale,
    parse_value,
    range_bounds,
    rate_fraction,
    relative_to_target,
    sentence_value,
    share_of_target,
    stated_bound,
    ticked,
    whole_of,
    written_bound,
)
from . import (
    Context,
    Finding,
    Heuristics,
    any_of,
    bounded_rates,
    check,
    is_satisfaction,
    percent_of,
    stated,
)
from .catalogue import FORMULA_ERROR_OTHER, FORMULA_ERRORS, Text

TOL = 0.005
#: Rows scored 0 because nothing says how they went (no actual, no qualitative outcome).
UNJUDGED = frozenset(("no_actual", "qual_missing"))
#: Rows whose score is the written one (a qualitative score, a score sheet's) or none (no weight):
#: nothing computed to hold a written score against.
AS_WRITTEN = frozenset(("qual_written", "written", "no_weight"))
GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "合格": "中", "一般": "中", "较差": "差",
               "不合格": "差", "优等": "优", "良等": "良", "差等": "差", "优": "优", "良": "良", "中": "中", "差": "差"}
FUNDS_COLUMNS_ZH = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "spent": "全年执行数"}
LINE_COLUMNS_ZH = {"budget": "预算金额", "contract": "合同签订金额", "spent": "支出金额"}
LINE_COLUMNS_EN = {"budget": "budget", "contract": "contract amount", "spent": "spending"}
FUNDS_COLUMNS_EN = {"initial_budget": "initial budget", "annual_budget": "annual budget", "spent": "spending"}


def _funds_column(t: Table, f: str) -> tuple[str, str]:
    """What a funds amount column is called (zh, en): a monitoring table's spending is that of
    its months (1-6月执行数), not the year's."""
    if f == "spent" and t.kind == MONITOR:
        n = t.months.value if t.months is not None else None
        return (f"1-{n}月执行数", f"spending in months 1-{n}") if n else ("执行数", "spending to date")
    return FUNDS_COLUMNS_ZH[f], FUNDS_COLUMNS_EN[f]


def _n(x: float | None) -> str:
    return format_number(round_half_up(x, 2)) if x is not None else ""


def _grouped(t: Table) -> set[int]:
    """ids of the rows whose 得分 is a cell merged over several rows (Table.score_groups): their
    written score is checked as the group's, once, at its cell."""
    return {id(r) for g in t.score_groups for r in g.rows} if t.score_groups else set()


def _group_scores(res_rows: list[RowScore], group: ScoreGroup) -> tuple[list[RowScore], float] | None:
    """The computed rows of a score group and their sum (of the rounded row scores, as a total
    is), when each has a score of its own to add up (None for a group with a row scored as
    written — its share of the written score — or without a score)."""
    ids = {id(r) for r in group.rows}
    rows = [row for row in res_rows if id(row.indicator) in ids]
    if len(rows) != len(group.rows) or any(
            row.score is None or row.explain_key in AS_WRITTEN or row.explain_key in UNJUDGED for row in rows):
        return None
    return rows, sum(round_half_up(row.score, 2) for row in rows)  # type: ignore[arg-type]


def _differs(a: float, b: float, digits: int = 2) -> bool:
    if a == b:  # most written values are the computed ones: nothing to round (40 roundings a table)
        return False
    return abs(round_half_up(a, digits) - round_half_up(b, digits)) > 10 ** -(digits + 1)


def _rate_differs(readings: tuple[float, ...], computed: float) -> bool:
    """Whether a written rate differs from ``computed`` (both fractions) under every reading it may
    have — a fraction, or per cent typed bare — each to the decimals it shows (_shown_digits)."""
    return all(_differs(y * 100, computed * 100, _shown_digits(y)) for y in readings)


def _shown_digits(rate: float) -> int:
    """The decimals a written rate shows in percent (0.86 → 0: ``86%``; 0.862 → 1; else 2): a rate
    written to whole percents is right when the computed one rounds to it (86% for 86.20%)."""
    x = rate * 100
    return next((d for d in (0, 1) if abs(x - round(x, d)) < 1e-9), 2)


@check("A301")
def parts_add_up(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    yield from _funds_totals(t)
    a = t.amounts
    for period in ("annual", "midterm"):  # (the national form of 2015 splits its 中期资金总额 too)
        total, fiscal, other = (a.get(f"{period}_{p}") for p in ("total", "fiscal", "other"))
        if total is None or fiscal is None or other is None:
            continue
        parts_sum = float(fiscal.value) + float(other.value)  # type: ignore[arg-type]
        if _differs(float(total.value), parts_sum):  # type: ignore[arg-type]
            name, name_en = _AMOUNT_NAMES[f"{period}_total"]
            yield Finding("A301", t.sheet, total.cell, total.value, {
                "what": f"{name}（财政拨款 + 其他资金）", "what_en": f"{name_en} (fiscal + other)",
                "total": _n(total.value), "sum": _n(parts_sum)})  # type: ignore[arg-type]
    yield from _line_item_sums(t)
    yield from _result_table_sum(t)
    yield from _part_weights(t)
    yield from _named_weights(t)


def _funds_totals(t: Table) -> Iterator[Finding]:
    """A301 of the funds block: 年度资金总额 against its parts (and its split by use), a 财政拨款 row
    against the rows breaking it down."""
    said: list[Finding] = []
    for whole, parts, name, name_en in _sum_groups(t):
        found = list(_funds_sums(t, whole, parts, name, name_en))
        # (a total both splits disagree with is said once: it is the total that is wrong)
        yield from (f for f in found if name != _BY_USE or all(g.cell != f.cell for g in said))
        said += found


_BY_USE = "年度资金总额（基本支出 + 项目支出）"


def _sum_groups(t: Table) -> list[tuple[FundsRow, list[FundsRow], str, str]]:
    """(whole, its parts, name, English name) of the funds block's sums: 年度资金总额 and its parts (and
    its split by use), a 财政拨款 row and the rows breaking it down (其中：中央资金 / 省级资金)."""
    if t.funds is None or t.funds.partial:
        return []
    out = []
    total = t.funds.row("total")
    if total is not None:
        out.append((total, t.funds.parts(), "年度资金总额", "total funds"))
        if len(uses := t.funds.uses()) > 1:  # (one alone is a 其中, not the whole)
            out.append((total, uses, _BY_USE, "total funds (basic + project spending)"))
    out += [(parent, kids, parent.label, parent.label) for parent, kids in t.funds.breakdowns()]
    return out


def _funds_sums(t: Table, whole: FundsRow, parts: list[FundsRow], name: str, name_en: str) -> Iterator[Finding]:
    """A301 at each amount of ``whole`` (年度资金总额, or a 财政拨款 row broken down by source) that
    its ``parts`` do not add up to, where both state it."""
    for col, written, values in _amount_sums(whole, parts):
        if _sum_fails(written, values):
            zh, en = _funds_column(t, col)
            yield Finding("A301", t.sheet, whole.cells.get(col, ""), written, {
                "what": f"{name}（{zh}）", "what_en": f"{name_en} ({en})", "total": _n(written), "sum": _n(sum(values))})


def _amount_sums(whole: FundsRow, parts: list[FundsRow]) -> Iterator[tuple[str, float | None, list[float]]]:
    """(amount, ``whole``'s figure, the figures ``parts`` state) of each funds amount."""
    for col in FUNDS_AMOUNTS:
        yield col, getattr(whole, col), [x for r in parts if (x := getattr(r, col)) is not None]


def _sum_fails(written: float | None, values: list[float]) -> bool:
    """Whether a figure and the parts' figures, both stated, do not add up (A301)."""
    return written is not None and bool(values) and _differs(written, sum(values))


def _line_item_sums(t: Table) -> Iterator[Finding]:
    group: list[LineItem] = []
    subtotals: list[LineItem] = []
    items: list[LineItem] = []
    for item in t.line_items:
        if item.kind == "item":
            group.append(item)
            items.append(item)
            continue
        # a 合计 adds the 小计 and the items of a group with none (政府采购 with its 小计, 自行组织 without:
        # it was held against the 小计 alone); it is wrong only when neither that nor the items add up
        # to it (a wrong 小计 is the 小计's finding, not the 合计's too)
        bases = [group] if item.kind == "subtotal" else [subtotals + group, items] if subtotals else [items]
        label = "小计" if item.kind == "subtotal" else "合计"
        for col in ("budget", "contract", "spent"):
            written = getattr(item, col)
            sums = [sum(values) for basis in bases if (values := [x for i in basis if (x := getattr(i, col)) is not None])]
            if written is None or not sums or not all(_differs(written, x) for x in sums):
                continue
            yield Finding("A301", item.sheet, item.cells.get(col, ""), written, {
                "what": f"资金使用情况{label}（{LINE_COLUMNS_ZH[col]}）",
                "what_en": f"line items {'subtotal' if item.kind == 'subtotal' else 'total'} ({col})",
                "total": _n(written), "sum": _n(sums[0])})
        if item.kind == "subtotal":
            subtotals.append(item)
            group = []


def _part_weights(t: Table) -> Iterator[Finding]:
    """A block's written 分值 (a 小计 row, a result table's 一级指标 row) against its rows' weights:
    ``小计 | 50`` over rows of 40 and 20. Not where the blocks are the weighed parts
    (Table.weights_by_block: their rows have no weights of their own)."""
    if t.weights_by_block or not t.written_parts:
        return
    weights: dict[str, float] = {}
    for ind in t.indicators:
        if ind.weight is not None:
            key = level1_key(ind.level1)
            weights[key] = weights.get(key, 0.0) + ind.weight
    for p in t.written_parts:
        summed = weights.get(level1_key(p.name)) if label_key(p.name) not in RESULT_TOTAL_LABELS else None
        if p.weight is not None and summed is not None and _differs(p.weight, summed):
            yield Finding("A301", p.sheet, p.cells.get("weight", ""), p.weight, {
                "what": f"「{p.name}」分值", "what_en": f"weight of 「{p.name}」", "total": _n(p.weight),
                "sum": _n(summed)})


def _named_weights(t: Table) -> Iterator[Finding]:
    """A block whose name states its weight (``部门决策(25分)``, ``目标任务(15分)``, ``产出指标（50分）``)
    against its rows' weights — a subtotal of the weights, printed in the name, that a reviewer adds
    up: 25 over rows of 5, 5, 5 and 2 is wrong in one place or the other. Only where every row of the
    block has a weight (a missing one is S103's), and not where the blocks are the weighed parts."""
    if t.weights_by_block:
        return
    blocks: dict[tuple[str, str], list[Indicator]] = {}
    for ind in t.indicators:
        if "分" in ind.level1 and NAME_WEIGHT.search(ind.level1):
            blocks.setdefault((ind.level1, ""), []).append(ind)
        if "分" in ind.level2 and NAME_WEIGHT.search(ind.level2):
            blocks.setdefault((ind.level1, ind.level2), []).append(ind)
    for (level1, level2), inds in blocks.items():
        weights = [i.weight for i in inds]
        if None in weights:
            continue
        stated = float(NAME_WEIGHT.search(level2 or level1)[1])  # type: ignore[index]
        summed = sum(weights)  # type: ignore[arg-type]
        if _differs(stated, summed):
            name = level2 or level1
            yield Finding("A301", t.sheet, inds[0].cell("level2") if level2 else t.level1_cells.get(level1, ""), stated, {
                "what": f"「{name}」写明的分值", "what_en": f"the weight 「{name}」 states", "total": _n(stated),
                "sum": _n(summed)})


def _result_table_sum(t: Table) -> Iterator[Finding]:
    parts = [p for p in t.written_parts if label_key(p.name) not in RESULT_TOTAL_LABELS]
    totals = [p for p in t.written_parts if label_key(p.name) in RESULT_TOTAL_LABELS]
    scores = [p.score for p in parts if p.score is not None]
    for tot in totals:
        if tot.score is not None and scores and _differs(tot.score, sum(scores)):
            yield Finding("A301", tot.sheet, tot.cells.get("score", ""), tot.score, {
                "what": "评价结果总分", "what_en": "result table total", "total": _n(tot.score),
                "sum": _n(sum(scores))})


@check("A302")
def overspent(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind == DEPT:
        yield from _department_overspent(t)
    if t.funds is None:
        return
    for r in t.funds.completed_rows():
        budget = r.year_budget
        if r.spent is not None and budget is not None and budget >= 0 and r.spent - budget > TOL \
                and not (r.reckoned and _uses_a_wrong_figure(r) and not _overspent_as_reckoned(r)):
            # (−500: A342's; a 小计④ not its sum: A343's — unless the spending exceeds the ④ it should be too)
            yield Finding("A302", t.sheet, r.cells.get("spent", ""), r.spent, {
                "what": r.label, "what_en": f"「{r.label.rstrip('：:')}」", "spent": _n(r.spent), "budget": _n(budget),
                **_money_slip(r.spent, budget, t.money_unit)})


@check("A341")
def spending_written_as_a_rate(ctx: Context) -> Iterator[Finding]:
    """A funds row's 全年执行数 that is its execution rate: typed with a per cent sign (``96%``), or
    a fraction equal to the row's written 执行率 (0.96 beside 0.96). Read as an amount it gave an
    execution rate of 0.19 % and a score of 0.02, which ``fix`` would have written; the execution
    score and the totals wait for the amount (``opens_execution``, as for A302's unit slips)."""
    t = ctx.table
    found = [(r.label, "全年执行数", r.cells.get("spent", ""), r.spent, r.year_budget) for r in t.funds.rows
             if _rate_as_spending(r)] if t.funds is not None else []
    if t.kind == DEPT and _department_rate_as_spending(t):  # its labelled amounts
        spent, budget = execution_amounts(t)
        column = _AMOUNT_NAMES[_spending_field(t, spent)][0]  # type: ignore[arg-type]
        found.append(("部门整体", column, spent.cell, spent.value, budget.value))  # type: ignore[union-attr]
    for label, column, cell, spent, budget in found:
        yield Finding("A341", t.sheet, cell, spent, {
            "label": label, "column": column, "column_en": "spending",
            "rate": pct(spent), "computed": pct(spent / budget), "budget": _n(budget), "unit": t.money_unit,
            "amount": _n(round(budget * spent, 2)), "opens_execution": True})


#: A labelled amount's name (a declaration's, a department's), for A342: (zh, en) — the funds
#: columns' names, and those only labelled amounts have.
_AMOUNT_NAMES = {**{f: (FUNDS_COLUMNS_ZH[f], FUNDS_COLUMNS_EN[f]) for f in FUNDS_COLUMNS_ZH},
                 "annual_total": ("年度资金总额", "annual funds"), "annual_fiscal": ("财政拨款", "fiscal funds"),
                 "annual_other": ("其他资金", "other funds"), "midterm_total": ("中期资金总额", "mid-term funds"),
                 "midterm_fiscal": ("中期财政拨款", "mid-term fiscal funds"),
                 "midterm_other": ("中期其他资金", "mid-term other funds"),
                 "final_accounts": ("支出决算数", "final accounts"),
                 "received": ("实际到位资金", "funds received"), "planned": ("预算资金", "planned funds")}


def _spending_field(t: Table, spent: Field) -> str:
    """Which labelled amount is a department's spending (execution_amounts): 全年执行数, else 支出决算数."""
    return "spent" if spent is t.amounts.get("spent") else "final_accounts"


@check("A342")
def amounts_below_zero(ctx: Context) -> Iterator[Finding]:
    """An amount below zero — a budget, spending, a contract, the annual funds. No form asks for one
    (a budget cut is written as the budget after it); a minus sign slipped in. Read as written it
    gave a negative execution rate scored 0, or "spending 480 above a budget of −500" (A302, not
    said beside it); the execution score and the totals wait for the amount (``opens_execution``)."""
    t = ctx.table
    found: list[tuple[str, str, str, str, float]] = []  # (label, column, column_en, cell, amount)
    for r in t.funds.rows if t.funds is not None else ():
        found += [(r.label, *_funds_column(t, f), r.cells.get(f, ""), v)
                  for f in FUNDS_AMOUNTS if (v := getattr(r, f)) is not None and v < 0]
    for item in t.line_items:  # (an item's: a 小计 or 合计 below zero is its items' sum)
        if item.kind != "item":
            continue
        found += [(item.content or item.method, LINE_COLUMNS_ZH[f], LINE_COLUMNS_EN[f], item.cells.get(f, ""), v)
                  for f in LINE_COLUMNS_ZH if (v := getattr(item, f)) is not None and v < 0]
    label = "部门整体" if t.kind == DEPT else "项目资金"
    found += [(label, *_AMOUNT_NAMES[f], a.cell, a.value) for f, a in t.amounts.items()
              if f in _AMOUNT_NAMES and isinstance(a.value, int | float) and a.value < 0]
    for label, column, column_en, cell, v in found:
        yield Finding("A342", t.sheet, cell, v, {"label": label, "column": column, "column_en": column_en,
                                                 "amount": _n(v), "unit": t.money_unit, "opens_execution": True})


@check("A343")
def reckoned_in_headers(ctx: Context) -> Iterator[Finding]:
    """A funds figure under a header that states how it is worked out (Fujian's ``小计④=①+②+③``,
    ``本年度结余金额⑦=④-⑤``, ``资金结余率（%）⑧=⑦/④``): the form itself says what it must be, and no
    other check saw it — a 结余 that is not budget less spending, a 小计 that is not its columns' sum.
    A rate (a ratio) may be written as a fraction or in per cent, to the decimals it shows. A figure
    worked out from one that is itself wrong is not judged: a 小计④ typed wrong is said once, at
    itself — beside it, ⑦=④-⑤ is right by the ④ it should be or by the ④ written (its formula), and
    which one the form meant is not known. A figure left empty among those named is 0 in the sum, as
    the message shows, but ``fix`` waits for a person (``waits``): the empty cell may be a figure
    forgotten (② 历年结余结转), and ④ written from ① + 0 + ③ made the rates and 结余 beside it wrong."""
    t = ctx.table
    rows = [(r.label, r.sheet, r.reckoned) for r in t.funds.completed_rows()] if t.funds is not None else []
    rows += [(i.content or i.method or ("合计" if i.kind == "total" else "小计"), i.sheet, i.reckoned)
             for i in t.line_items if i.reckoned]
    doubtful: set[str] | None = None
    summed: set[str] = set()
    execution: set[str] = set()
    for label, sheet, reckoned in rows:
        wrong = {k.cell: k for k in reckoned if _reckoning_differs(k)}
        for k in wrong.values():
            if doubtful is None:  # (once, beside the first figure a reckoning disputes)
                disputed = {x.cell: x.computed for _, _, xs in rows for x in xs if not x.ratio and _reckoning_differs(x)}
                failing, summed = _sums_checked(t, disputed)
                doubtful, execution = _doubtful_amounts(t, failing) | _fills_in_doubt(t), _execution_cells(t)
            if any(c in wrong or c in doubtful for c in k.sources):
                continue
            computed = k.computed
            figures = [_n(x) for _, x in k.terms]
            if k.ratio:
                written, shown, reckoning = pct(rate_fraction(k.written)), pct(computed), " / ".join(figures)
            else:
                written, shown = _n(k.written), _n(computed)
                reckoning = "".join(f"{(' - ' if sign < 0 else ' + ') if i else '-' if sign < 0 else ''}{x}"
                                    for i, ((sign, _), x) in enumerate(zip(k.terms, figures, strict=True)))
            yield Finding("A343", sheet, k.cell, k.written, {
                "label": label, "column": k.name, "formula": k.formula, "written": written, "computed": shown,
                "reckoning": f"{reckoning} = {shown}", "ratio": k.ratio,
                # (an empty figure read as 0: maybe no 0; a figure its parts add up to: the terms are in doubt)
                **({"waits": True} if k.empty or k.cell in summed else {}),
                # (the budget or spending the execution rate divides: its score and the totals follow it)
                **({"opens_execution": True} if k.cell in execution else {})})


def _doubtful_amounts(t: Table, failing: set[str]) -> set[str]:
    """The funds amounts a reckoning beside them waits for: a total its parts do not add up to, or one
    of those parts (``failing``, of :func:`_sums_checked`: A301 does not say which side is wrong; ``①``
    typed wrong, the ``小计④`` the parts give is right by them), spending twenty times its budget
    (A302's slip) or a budget a hundredfold its spending (A344), an amount below zero (A342) — a figure
    worked out from one of them would be "corrected" to the slip. A total its own row's reckoning gives
    is not doubtful: the parts are (``小计④`` = ①+②+③ of its row, the ④ of a part typed wrong)."""
    rows = t.funds.completed_rows() if t.funds is not None else []
    confirmed = {k.cell for r in rows for k in r.reckoned if not _reckoning_differs(k)}
    out = failing - confirmed
    for r in rows:
        budget, spent = r.year_budget, r.spent
        if spent is not None and budget is not None and _overspent_slip(spent, budget):
            out.add(r.cells.get("spent", ""))
        if _row_slip(r) is not None:
            out.add(r.cells.get(r.year_budget_field, ""))
        out.update(r.cells.get(f, "") for f in FUNDS_AMOUNTS if (x := getattr(r, f)) is not None and x < 0)
    return out


def _execution_cells(t: Table) -> set[str]:
    """The cells of the budget and the spending the execution score divides (the 年度资金总额 row's)."""
    total = t.funds.row("total") if t.funds is not None else None
    return {c for f in (total.year_budget_field, "spent") if (c := total.cells.get(f))} if total is not None else set()


def _sums_checked(t: Table, reckoned: dict[str, float]) -> tuple[set[str], set[str]]:
    """The funds amounts of the sums that fail (A301's), and of those that add up (a 合计's 小计④ its
    parts' ④ make, and theirs), each with the whole's and the parts' cells. One that adds up and that a
    reckoning across its row disputes is not the one to correct — a term of the reckoning is as likely
    wrong (② typed 0.25 for 25.14: ④ "corrected" to 250.25, and the 合计 no longer its parts' sum).

    Where a sum fails, the figures of it a reckoning disputes (``reckoned``: cell → the figure its
    row's reckoning gives) are taken as reckoned. One the sum then adds up to as written is right
    as it is, and in ``holding`` (a part's ④ of 275.14 beside its ② typed 0, and a 小计④ typed 27514
    for the 275.14 its row gives). The others are the ones to correct only if every sum of them adds
    up once they are; otherwise they are in ``holding`` too (a part's ④ typed 27514 beside a ② typed
    0 is not 250 either: its 小计 of 275.14 says so)."""
    failing: set[str] = set()
    holding: set[str] = set()
    failed: list[tuple[list[FundsRow], list[str], str]] = []
    for whole, parts, _, _ in _sum_groups(t):
        for col, written, values in _amount_sums(whole, parts):
            if written is None or not values:
                continue
            rows = [whole, *parts]
            cells = [r.cells.get(col, "") for r in rows]
            if not _sum_fails(written, values):
                holding.update(cells)
                continue
            failing.update(cells)
            failed.append((rows, cells, col))
            holding.update(c for c in reckoned.keys() & set(cells) if _sum_holds(rows, cells, col, reckoned, c))
    corrected = {c: x for c, x in reckoned.items() if c not in holding}
    for rows, cells, col in failed:
        if corrected.keys() & set(cells) and not _sum_holds(rows, cells, col, corrected):
            holding.update(corrected.keys() & set(cells))
    return failing, holding - {""}


def _sum_holds(rows: list[FundsRow], cells: list[str], col: str, reckoned: dict[str, float], kept: str = "") -> bool:
    """Whether the whole (``rows[0]``) is its parts' sum in ``col`` with the figures of ``reckoned``
    taken as reckoned, but for the one in cell ``kept``."""
    figures = [reckoned[c] if c in reckoned and c != kept else getattr(r, col) for r, c in zip(rows, cells, strict=True)]
    return not _sum_fails(figures[0], [x for x in figures[1:] if x is not None])


def _uses_a_wrong_figure(r: FundsRow) -> bool:
    """Whether the row's budget or spending is a figure its header's reckoning says is wrong (A343):
    the rate they give, and whether one exceeds the other (A302), wait for it."""
    wrong = {k.cell for k in r.reckoned if _reckoning_differs(k)}
    return bool(wrong) and (r.cells.get("spent") in wrong or r.cells.get(r.year_budget_field) in wrong)


def _overspent_as_reckoned(r: FundsRow) -> bool:
    """Whether the row's spending exceeds its budget also as its header's reckonings give the two where
    they are written wrong (280 spent beside a 小计④ of 270 that ①+②+③ makes 275.14): above both, it is
    overspent whichever is right, and said now, not only once ``fix`` has corrected ④. A reckoning
    with a figure left empty gives no figure to go by."""
    right = {k.cell: k for k in r.reckoned if _reckoning_differs(k)}
    budget_k, spent_k = right.get(r.cells.get(r.year_budget_field, "")), right.get(r.cells.get("spent", ""))
    if any(k is not None and k.empty for k in (budget_k, spent_k)):
        return False
    budget = budget_k.computed if budget_k is not None else r.year_budget
    spent = spent_k.computed if spent_k is not None else r.spent
    return spent is not None and budget is not None and spent - budget > TOL


def _reckoning_differs(k: Reckoned) -> bool:
    computed = k.computed
    if computed is None:
        return False
    if k.ratio:
        return _rate_differs((k.written, k.written / 100), computed)
    return _differs(k.written, computed)


def _rate_as_spending(r: FundsRow) -> bool:
    """A341's reading: 全年执行数 typed ``96%``, or a fraction equal to the row's written 执行率, which
    as an amount gives a rate under 2 % — the rate, not money (A303 and A317 then say nothing of
    the rate it gives)."""
    return _spending_is_rate(r.spent, r.year_budget, "spent" in r.percent_typed, r.rate)


def _execution_typed_as_rate(t: Table) -> bool:
    """Whether the spending the execution rate divides is the rate typed in its place (A341): the funds
    block's 年度资金总额, or a department's labelled amount."""
    total = t.funds.total() if t.funds is not None else None
    return (total is not None and _rate_as_spending(total)) or (t.kind == DEPT and _department_rate_as_spending(t))


def _department_rate_as_spending(t: Table) -> bool:
    """A341's reading of a department's labelled 全年执行数 (else 支出决算数), beside its written 预算执行率."""
    spent, budget = execution_amounts(t)
    if spent is None or budget is None:
        return False
    written = t.written_figures.get("execution_rate")
    rate = written.value if written is not None and isinstance(written.value, int | float) else None
    typed = any(f in t.percent_amounts and t.amounts[f] is spent for f in ("spent", "final_accounts"))
    return _spending_is_rate(spent.value, budget.value, typed, rate_fraction(rate) if rate is not None else rate)


def _spending_is_rate(spent: object, budget: object, typed: bool, rate: float | None) -> bool:
    if not isinstance(spent, int | float) or not isinstance(budget, int | float):
        return False
    if budget <= 0 or spent <= 0 or spent / budget >= 0.02:
        return False
    return typed or (rate is not None and spent <= 1.5 and abs(rate - spent) < 5e-4
                     and abs(rate - spent / budget) >= 5e-4)  # (a budget of 1: both agree)


def _hundredfold(big: float, small: float) -> bool:
    """Whether ``big`` is a hundred times ``small`` (above 0) and more: no project spends so, or so
    little, of its budget; a unit was typed wrong (A302, A344)."""
    return small > 0 and big >= 100 * small


#: Spending this many times its budget and more is no overspending but a slip of either figure: a
#: hundredfold one (``48000`` for 480, or a budget of ``5`` for 500) of a rate of 96 % is 96 times.
_SLIP_TIMES = 20


def _overspent_slip(spent: float, budget: float) -> bool:
    """Whether ``spent`` is :data:`_SLIP_TIMES` its ``budget`` (above 0) and more: no project overspends so."""
    return budget > 0 and spent >= _SLIP_TIMES * budget


def _money_slip(spent: float, budget: float, unit: str, opens: bool = True) -> dict[str, object]:
    """A302's words for spending twenty times its budget and more: no project overspends so, a unit
    or two digits were typed wrong (``4800000`` in a 万元 table: 元; ``48000`` for 480). Its execution
    score, capped at the weight, and the totals wait for the amount (``opens_execution``, unless
    ``opens`` is False, as for a line item: ``xltools fix`` leaves them, where it wrote the full weight)."""
    if not _overspent_slip(spent, budget):
        return {"slip": "", "slip_en": "", "hint": "", "hint_en": ""}
    slip, slip_en = "，相差百倍以上，多是单位填错", ": a hundredfold apart, most often a unit typed wrong"
    if not _hundredfold(spent, budget):  # (a hundredfold slip of a rate below 100 %)
        times = format_number(round(spent / budget))
        slip, slip_en = (f"，是预算数的 {times} 倍，多是单位或数位填错（多了或少了两个 0）",
                         f": {times} times the budget, most often a unit or two digits typed wrong")
    elif unit == WAN:  # (in a table of 元, which of the two is off is not plain)
        wan = format_number(round(spent / 1e4, 6))
        slip, slip_en = f"{slip}（如按元填写：即 {wan} 万元）", f"{slip_en} (in 元: {wan} 万元)"
    return {"slip": slip, "slip_en": slip_en, "hint": f"，两者都按表头的金额单位（{unit}）填写",
            "hint_en": f", both in the table's unit ({unit})", **({"opens_execution": True} if opens else {})}


@check("A344")
def budget_unit_slips(ctx: Context) -> Iterator[Finding]:
    """A budget a hundredfold or more over its spending, where the table's own figures say the rate is
    not so low: a written 执行率 or execution score, or a 年初预算数, of the other scale (``5000000``
    全年预算数 beside 500 年初 and 480 spent in a 万元 table: 元 typed). No project spends under 1 % while
    writing 96 %; A302 says the same of spending a hundredfold over budget. The rate, its score and
    the totals wait for the amount (``opens_execution``): ``fix`` wrote 0.00 and a grade lower."""
    t = ctx.table
    for label, column, cell, budget, spent, said in _budget_slips(t, ctx.words):
        yield Finding("A344", t.sheet, cell, budget, {
            "label": label, "column": column[0], "column_en": column[1], "budget": _n(budget), "spent": _n(spent), "rate": pct(spent / budget),
            "said": said, "unit": t.money_unit, "opens_execution": True, **_in_yuan(budget, spent, t.money_unit)})


@check("A346")
def spending_left_at_zero(ctx: Context) -> Iterator[Finding]:
    """Spending of 0 beside a written 执行率, an execution score (above 0, below the full weight) or a
    预算执行率 indicator's actual that says money was spent (Tianjin's 全年执行数 0 beside 95 % and an
    indicator of 95): one of them is wrong, and a 0 is far more often a figure not filled in (a
    template's 0, a cell cleared) than a rate made up. A303 "corrected" the rate to 0 %, the indicator
    to 0 and its score 20 to 0, A317 asked why the rate was 0 %, and ``fix`` wrote it all with a
    lower grade. The rate, its score and the totals now wait for the amount (``opens_execution``)."""
    t = ctx.table
    for label, column, cell, said in _zero_spent(t, ctx.words):
        yield Finding("A346", t.sheet, cell, 0, {"label": label, "column": column[0], "column_en": column[1],
                                                  "said": said, "unit": t.money_unit, "opens_execution": True})


def _zero_spent(t: Table, words: Heuristics) -> list[tuple[str, tuple[str, str], str, Text]]:
    """(label, column, cell, what says otherwise) of each spending :func:`spending_left_at_zero` reports:
    the funds rows', a department's labelled amount."""
    if t.kind not in _YEAR_SPENT:
        return []
    out = []
    for r in t.funds.completed_rows() if t.funds is not None else ():
        if r.spent != 0 or not r.year_budget or r.year_budget < 0:
            continue  # (most rows: spending written)
        said = _spending_said(r.rate, r.score, r.weight)
        if said is None and r.kind == "total":
            said = _spending_indicated(t, words)
        if said is not None:
            out.append((r.label, _funds_column(t, "spent"), r.cells.get("spent", ""), said))
    if t.kind == DEPT and not out:
        spent, budget = execution_amounts(t)
        if spent is not None and budget is not None and spent.value == 0 and budget.value > 0:  # type: ignore[operator]
            written = t.written_figures.get("execution_rate")
            said = _spending_said(rate_fraction(written.value) if written is not None and is_amount(written.value)
                                  else None)
            if said is None:
                said = _spending_indicated(t, words)
            if said is not None:
                out.append(("部门整体", _AMOUNT_NAMES[_spending_field(t, spent)], spent.cell, said))
    return out


def _spending_said(rate: float | None, score: float | None = None, weight: float | None = None) -> Text | None:
    """What of a row says its spending is not 0: a written rate above 0, or an execution score above 0
    and below the full weight (a full one for nothing spent is a claim, A305's)."""
    if rate is not None and rate > 0:
        return _rate_said(rate)
    if score is not None and weight and 0 < score < weight:
        return _score_said(score)
    return None


def _rate_said(rate: float) -> Text:
    """A written execution rate, as A344 and A346 name it beside the amount it contradicts."""
    return Text(f"而填写的执行率是 {pct(rate)}", f"while the written execution rate is {pct(rate)}")


def _score_said(score: float) -> Text:
    """A written execution score, as A344 and A346 name it."""
    return Text(f"而填写的执行率得分是 {_n(score)}", f"while the written execution score is {_n(score)}")


def _indicator_said(ind: Indicator, written: float) -> Text:
    """The actual of a 预算执行率 indicator (``written``, in per cent), as A344 and A346 name it."""
    return Text(f"而「{ind.name}」的实际完成值是 {pct(written / 100)}",
                f"while the actual of 「{ind.name}」 is {pct(written / 100)}")


def _spending_indicated(t: Table, words: Heuristics) -> Text | None:
    """The actual of the table's 预算执行率 indicator, where it says money was spent."""
    ind, written = _execution_indicator(t, words)
    if written is None or written <= 0:
        return None
    return _indicator_said(ind, written)  # type: ignore[arg-type]


def _in_yuan(budget: float, spent: float, unit: str) -> dict[str, str]:
    """What ``budget`` is in 万元 if it was typed in 元 (ten thousand times its spending and more)."""
    if unit != WAN or budget < 1e4 * spent:
        return {"slip": "", "slip_en": ""}
    wan = format_number(round(budget / 1e4, 6))
    return {"slip": f"（如按元填写：即 {wan} 万元）", "slip_en": f" (in 元: {wan} 万元)"}


#: The tables whose spending is the year's, where a budget a hundredfold over it is a slip (A344): a
#: declaration spends nothing, and a monitoring table's spending so far may well be little.
_YEAR_SPENT = (SELFEVAL, DEPT)


def _budget_slips(t: Table, words: Heuristics) -> list[tuple[str, tuple[str, str], str, float, float, Text]]:
    """(label, column, cell, budget, spending, what says otherwise) of each budget :func:`budget_unit_slips`
    reports: the funds rows', a department's labelled amounts'. The execution amounts' rate may also be
    written as the actual of a 预算执行率 indicator (Tianjin's 95 beside 10.45 of 1100 spent)."""
    if t.kind not in _YEAR_SPENT:
        return []
    out = []
    for r in t.funds.completed_rows() if t.funds is not None else ():
        said = _row_slip(r)
        if said is None and r.kind == "total" and not _rate_as_spending(r):
            said = _indicator_slip(t, words, r.year_budget, r.spent)
        if said is not None:
            out.append((r.label, _funds_column(t, r.year_budget_field), r.cells.get(r.year_budget_field, ""),
                        r.year_budget, r.spent, said))  # type: ignore[arg-type]
    if t.kind == DEPT and not out and not _department_rate_as_spending(t):
        spent_f, budget_f = execution_amounts(t)
        initial_f = t.amounts.get("initial_budget")
        written = t.written_figures.get("execution_rate")
        if spent_f is not None and budget_f is not None:
            said = _slip_said(budget_f.value, spent_f.value,  # type: ignore[arg-type]
                              initial_f.value if initial_f is not None and initial_f is not budget_f
                              and is_amount(initial_f.value) else None,  # type: ignore[arg-type]
                              rate_fraction(written.value) if written is not None and is_amount(written.value) else None)
            if said is None:
                said = _indicator_slip(t, words, budget_f.value, spent_f.value)  # type: ignore[arg-type]
            if said is not None:
                out.append(("部门整体", _AMOUNT_NAMES[next(k for k, f in t.amounts.items() if f is budget_f)],
                            budget_f.cell, budget_f.value, spent_f.value, said))  # type: ignore[arg-type]
    return out


def _indicator_slip(t: Table, words: Heuristics, budget: float | None, spent: float | None) -> Text | None:
    """:func:`_slip_said` of the actual of the table's 预算执行率 indicator, taken as the written rate."""
    if budget is None or spent is None or not _hundredfold(budget, spent):
        return None  # (most tables: no slip to look for, and no indicator to look for)
    ind, written = _execution_indicator(t, words)
    if written is None or _slip_said(budget, spent, None, written / 100) is None:
        return None
    return _indicator_said(ind, written)  # type: ignore[arg-type]


def _execution_indicator(t: Table, words: Heuristics) -> tuple[Indicator | None, float | None]:
    """The table's 预算执行率 indicator with a number for its actual, and that actual in per cent."""
    ind = next((i for i in t.indicators if i.name and words.figure_names.get(label_key(i.name)) == "execution_rate"
                and i.actual.is_number), None)
    return ind, percent_of(ind.actual, _PERCENT) if ind is not None else None


def _execution_slipped(t: Table, words: Heuristics) -> bool:
    """Whether the amounts the execution rate divides are off by a unit: a budget a hundredfold its
    spending that the table says is a slip (A344), or spending twenty times its budget and more (A302's
    slip) — the rate they give says nothing of the rate written beside them (A303)."""
    if _budget_slips(t, words) or _zero_spent(t, words):
        return True
    total = t.funds.total() if t.funds is not None else None
    if total is not None and total.spent is not None and total.year_budget is not None:
        return _overspent_slip(total.spent, total.year_budget)
    spent, budget = execution_amounts(t) if t.kind == DEPT else (None, None)
    return spent is not None and budget is not None and _overspent_slip(spent.value, budget.value)  # type: ignore[arg-type]


def _row_slip(r: FundsRow) -> Text | None:
    """:func:`_slip_said` of a funds row: its written rate, its execution score, its 年初预算数 (not of
    the rate typed as the spending: A341's)."""
    if r.spent is None or r.year_budget is None or not _hundredfold(r.year_budget, r.spent) or _rate_as_spending(r):
        return None  # (most rows: no slip to look for)
    initial = r.initial_budget if r.year_budget_field == "annual_budget" else None
    return _slip_said(r.year_budget, r.spent, initial, r.rate, r.score, r.weight)


#: How far a budget typed in the wrong unit is off: a hundredfold (a per cent slip), ten thousandfold (元 in 万元).
_SLIPS = (100, 10_000)


def _slip_said(budget: float | None, spent: float | None, initial: float | None, rate: float | None,
               score: float | None = None, weight: float | None = None) -> Text | None:
    """What of the table says a budget ≥ 100 × its spending is off by a unit, or ``None``: a written
    rate, or execution score, that is the computed one a hundred or ten thousand times over (a score
    below its full weight: a full one may be a claim, 10 of 10 for 0.8 % spent, which A305 says); or the
    row's 年初预算数 a hundredth of its 全年预算数 and less."""
    if budget is None or spent is None or not _hundredfold(budget, spent):
        return None
    low = spent / budget
    if rate is not None and any(not _rate_differs((rate,), low * k) for k in _SLIPS):
        return _rate_said(rate)
    if score is not None and weight and any(low * k < 1 and not _differs(score, round_half_up(weight * low * k, 2))
                                            for k in _SLIPS):
        return _score_said(score)
    if initial is not None and 0 < initial and budget >= 100 * initial:
        return Text(f"而年初预算数是 {_n(initial)}", f"while the initial budget is {_n(initial)}")
    return None


def _department_overspent(t: Table) -> Iterator[Finding]:
    """A department's 全年执行数 (else its 支出决算数) over its 全年预算数 (else 年初预算数) — the
    amounts its execution score divides (scoring.execution_amounts): it was scored the full weight,
    capped, with nothing said, as a project's spending over budget is not (A302)."""
    spent, budget = execution_amounts(t)  # (numbers only)
    if spent is None or budget is None:
        return
    x, b = spent.value, budget.value
    if b >= 0 and x - b > TOL:  # type: ignore[operator]  (−500: A342's)
        yield Finding("A302", t.sheet, spent.cell, x, {"what": "部门", "what_en": "the department", "spent": _n(x),
                                                        "budget": _n(b), **_money_slip(x, b, t.money_unit)})  # type: ignore[arg-type]


@check("A303")
def written_rates(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.funds is not None:
        for r in t.funds.completed_rows():
            budget = r.year_budget
            if r.rate is None or r.spent is None or not budget or _rate_as_spending(r) or min(r.spent, budget) < 0:
                continue  # (the rate written twice, in the spending too: A341's; an amount below zero: A342's)
            if r.reckoned and _uses_a_wrong_figure(r):
                continue  # (a 小计④ not the sum its header states: A343's, and the rate waits for it)
            readings = (r.rate,) if r.rate_bare is None else (r.rate_bare, r.rate_bare / 100)
            if _rate_differs(readings, r.spent / budget) and not _overspent_slip(r.spent, budget) \
                    and (t.kind not in _YEAR_SPENT or (_row_slip(r) is None and not (r.spent == 0 and r.rate > 0))):
                progress = t.kind == MONITOR
                yield Finding("A303", t.sheet, r.cells.get("rate", ""), r.rate, {
                    "what": "执行进度" if progress else "执行率",
                    "what_en": "spending progress" if progress else "execution rate", "written": pct(r.rate),
                    "computed": pct(r.spent / budget)})
    yield from _figures_written(ctx)
    yield from _department_rates(ctx)
    yield from _row_rates(ctx)
    for p in t.written_parts:
        if p.rate is None or p.score is None or not p.weight:
            continue
        rate = rate_fraction(p.rate)
        if _rate_differs((rate,), p.score / p.weight):
            yield Finding("A303", p.sheet, p.cells.get("score_rate", ""), p.rate, {
                "what": f"「{p.name}」得分率", "what_en": f"score rate of {p.name}", "written": pct(rate),
                "computed": pct(p.score / p.weight)})


def _row_rates(ctx: Context) -> Iterator[Finding]:
    """An indicator's 得分率 (a quantitative row's 得分系数) beside its score: the score over the
    weight, as a result table's 得分率 is its part's. It is held to the written score, so that a
    wrong score is reported once, at the score (A305), and ``fix`` corrects the rate after it; to
    the computed score where none is written (a qualitative row's, then, is its chosen rate). A rate
    that is the computed score's, beside a wrong score, is right: the score alone is said."""
    t = ctx.table
    rated = [ind for ind in t.indicators if ind.score_rate is not None]
    if not rated:
        return
    computed = {id(r.indicator): r.score for r in ctx.result.rows if r.indicator is not None}
    grouped = _grouped(t)
    for ind in rated:
        w, score, right = ind.weight, ind.score, computed.get(id(ind))
        if score is None and not ind.qualitative:
            score = right
        if not w or w < 0 or score is None or score < 0 or id(ind) in grouped:
            continue  # (a score merged over rows is the group's: its rows' rates are not apart)
        x = ind.score_rate
        # a small number may be a fraction (0.95; 1.1 of a row scored above its weight, A304's) or per cent
        # typed in a General cell (1.3 of 1.3 %): wrong only when neither reading agrees; past 1.5, per cent
        readings = (x / 100,) if x > 1.5 else (x, x / 100)  # type: ignore[operator]
        rate = readings[0]
        if _rate_differs(readings, score / w) and (right is None or right < 0 or _rate_differs(readings, right / w)):
            # (a score above its weight, A304's, gives no rate to write: 20 of 0.2 is no 10000 %)
            shown = right / w if score - w > TOL and right is not None and right >= 0 else score / w
            yield Finding("A303", t.sheet, ind.cell("score_rate", "score_factor"), ind.score_rate, {
                "what": f"「{ind.name}」得分率", "what_en": f"score rate of {ind.name}", "written": pct(rate),
                "computed": pct(shown), "row_rate": True})


def _figures_written(ctx: Context) -> Iterator[Finding]:
    """An indicator named after a figure the table's amounts give (``预算执行率`` ≥95%, actual
    ``97%``, where 5169.65 of 5333.85 is 96.92 %): its actual is that figure, to the precision it
    is written in. A reviewer checks it against the funds; it was scored as written."""
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT) or not ctx.words.figure_names:
        return
    computed = dict(ctx.result.figures)  # (scoring.figures of the table, worked out once by score_table)
    if t.kind == SELFEVAL and "execution_rate" in computed:
        # a project's 结余率 is what its budget left unspent (a department's 结余 has carry-overs of
        # other years in it: its 结转结余率 is a figure of its own)
        computed["balance_rate"] = round_half_up(1 - computed["execution_rate"], 4)
    for ind in t.indicators:
        figure = ctx.words.figure_names.get(label_key(ind.name)) if ind.name else None
        if figure is None or not ind.actual.is_number or figure not in computed or (
                figure in ("execution_rate", "balance_rate") and (
                computed["execution_rate"] < 0 or _execution_typed_as_rate(t))):
            continue  # (an amount below zero: A342's; the rate typed as the spending: A341's)
        # a bare number is a fraction (0.97) or per cent (97), as a % cell holds it; up to 1.5 either
        # (1.3021 in a % cell is 130.21 %): wrong only when neither reading agrees, as for the rates
        written = percent_of(ind.actual, _PERCENT)
        x = ind.actual.number
        readings = [written] if written is None or "%" in ind.actual.text or x is None or abs(x) > 1.5 \
            else [written, x * 100, x]
        if written is not None and all(_differs(w, computed[figure] * 100, _shown_digits(w / 100)) for w in readings) \
                and not (figure in ("execution_rate", "balance_rate") and _execution_slipped(t, ctx.words)):
            yield Finding("A303", t.sheet, ind.cell("actual"), ind.actual.text, {
                "what": f"「{ind.name}」实际完成值", "what_en": f"actual of {ind.name}",
                "written": f"{format_number(round(written, 4))}%", "computed": pct(computed[figure]),
                "opens_row": True})  # its score follows the actual: xltools fix leaves it (fix.PENDING)


_PERCENT = Value("number", text="%", unit="%")


def _department_rates(ctx: Context) -> Iterator[Finding]:
    """A department's 预算执行率, 结转结余率, 预决算差异率 written beside its amounts, against what the
    amounts give (domain.md §4's worked example: 96.92%, 3.24%, 2.78%). A bare number may be a
    fraction (0.9692, a % cell) or per cent typed in a General cell (3.24): it is wrong only when
    neither reading agrees."""
    t = ctx.table
    computed = ctx.result.figures
    spending_is_rate = _department_rate_as_spending(t)
    for f, written in t.written_figures.items():
        x, c = written.value, computed.get(f)
        if not isinstance(x, int | float) or c is None or (f == "execution_rate" and (spending_is_rate or c < 0)):
            continue  # (the rate typed as the spending too: A341's; an amount below zero: A342's)
        if _rate_differs((x, x / 100), c) and not (f == "execution_rate" and _execution_slipped(t, ctx.words)):
            shown = rate_fraction(x)
            yield Finding("A303", written.sheet or t.sheet, written.cell, x, {
                "what": word(f"fig_{f}"), "what_en": word(f"fig_{f}", "en"), "written": pct(shown),
                "computed": pct(c)})


@check("A304")
def score_above_weight(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    grouped = _grouped(t)
    for ind in t.indicators:
        if ind.weight is None or ind.weight <= 0:  # no weight to stay under: S112's
            continue
        if ind.score is not None and ind.score - ind.weight > TOL and id(ind) not in grouped:
            yield Finding("A304", t.sheet, ind.cell("score"), ind.score,
                          {"score": _n(ind.score), "weight": _n(ind.weight)})
        for k, s in enumerate(ind.experts):
            if s is not None and s - ind.weight > TOL:  # (42 for 4.2: the row's mean waits for it, as for A318)
                yield Finding("A304", t.sheet, ind.cell(f"expert{k + 1}"), s,
                              {"score": _n(s), "weight": _n(ind.weight), "opens_row": True})
    for g in t.score_groups:
        if (score := g.score) is not None and score - g.weight > TOL:
            yield Finding("A304", t.sheet, g.cell, score, {"score": _n(score), "weight": _n(g.weight)})
    for p in t.written_parts if t.weights_by_block else ():  # a block's score above its weight
        if p.weight is not None and p.score is not None and p.score - p.weight > TOL:
            yield Finding("A304", p.sheet, p.cells.get("score", ""), p.score, {"score": _n(p.score), "weight": _n(p.weight)})
    total = t.funds.row("total") if t.funds is not None else None
    if total is not None and total.score is not None and total.weight is not None and total.weight > 0 \
            and total.score - total.weight > TOL:  # (a 分值 of 0 or below: S112's)
        yield Finding("A304", t.sheet, total.cells.get("score", ""), total.score,
                      {"score": _n(total.score), "weight": _n(total.weight)})


#: An expert cell saying the expert stood aside from a row (a conflict of interest): no score, and
#: none missing.
RECUSED = frozenset(("回避", "弃权", "不参与评分", "不评分"))


@check("A318")
def expert_scores(ctx: Context) -> Iterator[Finding]:
    """Every expert who scores a table scores every row. A column nobody filled is an expert the
    form had room for, not a missing score; the row's mean is taken over the scores given. An
    expert who stood aside (``回避``) has none to give."""
    t = ctx.table
    if t.kind != EVALUATION:
        return
    rows = [i for i in t.indicators if i.name and i.weight is not None]
    used = [k for k in range(max((len(i.experts) for i in rows), default=0))
            if any(k < len(i.experts) and i.experts[k] is not None for i in rows)]
    for ind in rows:
        if all(x is None for x in ind.experts) and not_applicable_words(ind):
            continue  # every expert found the row not applicable: A330's, no score is missing
        for k in used:
            s = ind.experts[k] if k < len(ind.experts) else None
            if s is not None and s >= 0:
                continue
            text = ind.expert_texts[k] if k < len(ind.expert_texts) else ""
            if normalize_text(text).strip("() ") in RECUSED:  # the expert stood aside: the mean is the others'
                continue
            if s is not None:
                problem, problem_en = f"为负数 {_n(s)}", f"is negative ({_n(s)})"
            elif text:
                problem, problem_en = f"「{text}」不是数值", f"「{text}」 is not a number"
            else:
                problem, problem_en = "为空", "is missing"
            named = t.expert_names[k] if k < len(t.expert_names) and t.expert_names[k] else ""
            yield Finding("A318", t.sheet, ind.cell(f"expert{k + 1}"), s if s is not None else (text or None), {
                "name": ind.name, "expert": named or f"专家{k + 1}", "expert_en": named or f"expert {k + 1}",
                "problem": problem, "problem_en": problem_en, "weight": _n(ind.weight)})


@check("A330", "A332")
def not_applicable(ctx: Context) -> Iterator[Finding]:
    """Rows left out of the total because they do not apply, and, as the rule set takes it, the
    total on the full marks of the rows that apply. In an evaluation every expert said so (A330,
    info: said once, so that the total's arithmetic can be followed); in a self-evaluation the
    unit did, of an indicator it declared (A332, a warning: reviewers ask why it went unevaluated)."""
    t, res = ctx.table, ctx.result
    how = how_en = ""
    if res.rescaled is not None and res.total is not None:
        total, applies, full = res.rescaled
        how = f"；总分按适用指标的 {_n(applies)} 分折算：{total:.2f} ÷ {_n(applies)} × {_n(full)} = {res.total:.2f}"
        how_en = f"; the total is taken on the {_n(applies)} that apply: {total:.2f} / {_n(applies)} × {_n(full)} = {res.total:.2f}"
    for row in res.rows:
        if row.explain_key in NOT_APPLICABLE_KEYS and row.indicator is not None:
            code, cell = ("A330", "expert1") if row.explain_key == "not_applicable" else ("A332", "actual")
            written = row.indicator.score if code == "A332" else None
            w = row.params["weight"]
            left, left_en = (f"分值 {w} 不计入总分", f"its weight {w} left out of the total") if w else (
                f"「{row.level1}」的得分应反映这一点（本表分值只写在一级指标上）",
                f"which the score of 「{row.level1}」 is to reflect (the table weighs by block)")
            yield Finding(code, t.sheet, row.indicator.cell(cell), row.params["said"], {
                "name": row.name, "said": row.params["said"], "weight": w, "left": left, "left_en": left_en,
                "how": (f"（填写的得分 {_n(written)} 也不计入）" if written is not None else "") + how,
                "how_en": (f" (nor is the written score {_n(written)})" if written is not None else "") + how_en})


@check("A323")
def expert_spread(ctx: Context) -> Iterator[Finding]:
    """Experts far apart on one row: an evaluation team reconciles such scores before the mean is
    reported (the rule set's ``expert_spread``, a share of the row's weight; 0 turns it off). The
    finding sits on the score furthest from the other experts' mean — the one to explain."""
    t = ctx.table
    limit = ctx.rules.for_table(EVALUATION).expert_spread
    if t.kind != EVALUATION or limit <= 0:
        return
    for ind in t.indicators:
        given = [(k, s) for k, s in enumerate(ind.experts) if s is not None and s >= 0]
        if not ind.name or not ind.weight or ind.weight <= 0 or len(given) < 2:
            continue
        low, high = min(s for _, s in given), max(s for _, s in given)
        if high - low <= ind.weight * limit + 1e-9:
            continue
        k, score = max(given, key=lambda ks, given=given: _apart(ks, given))
        named = t.expert_names[k] if k < len(t.expert_names) and t.expert_names[k] else ""
        yield Finding("A323", t.sheet, ind.cell(f"expert{k + 1}"), score, {
            "name": ind.name, "spread": _n(round_half_up(high - low, 2)), "low": _n(low), "high": _n(high),
            "weight": _n(ind.weight), "share": pct(limit), "score": _n(score),
            "expert": named or f"专家{k + 1}", "expert_en": named or f"expert {k + 1}"})


def _apart(ks: tuple[int, float], given: list[tuple[int, float]]) -> float:
    """How far expert ``ks[0]``'s score is from the mean of the others'."""
    others = [s for k, s in given if k != ks[0]]
    return abs(ks[1] - sum(others) / len(others))


def _explain(row: RowScore) -> Text:
    return Text(row.explain("zh"), row.explain("en"))


def _group_explain(rows: list[RowScore]) -> Text:
    """The sum a group's written score is checked against, row by row: 「参展企业数量」15.00 + …"""
    return Text(" + ".join(f"「{r.name}」{r.score:.2f}" for r in rows),
                " + ".join(f"{r.name} {r.score:.2f}" for r in rows))


def _written_differs(row: RowScore) -> bool:
    ind = row.indicator
    return (ind is not None and ind.score is not None and row.score is not None
            and row.explain_key not in AS_WRITTEN
            and _differs(ind.score, row.score))


@check("A305")
def written_scores(ctx: Context) -> Iterator[Finding]:
    t, res = ctx.table, ctx.result
    if t.kind == GOALS:
        return
    grouped = _grouped(t)
    for row in res.rows:
        ind = row.indicator
        if ind is None or not _written_differs(row) or (ind.weight is not None and ind.score > ind.weight + TOL) \
                or id(ind) in grouped:
            continue  # a score above its weight is A304's
        yield Finding("A305", t.sheet, ind.cell("score"), ind.score, {
            "what": "得分", "what_en": "score", "written": _n(ind.score), "computed": f"{row.score:.2f}",
            "explain": _explain(row)})
    for g in t.score_groups:
        written, summed = g.score, _group_scores(res.rows, g)
        if written is None or summed is None or written > g.weight + TOL:
            continue
        rows, computed = summed
        if _differs(written, computed):
            yield Finding("A305", t.sheet, g.cell, written, {
                "what": "得分", "what_en": "score", "written": _n(written), "computed": f"{computed:.2f}",
                "explain": _group_explain(rows)})
    ex = res.execution
    total_row = t.funds.row("total") if t.funds is not None else None
    if ex is not None and ex.score is not None and total_row is not None and total_row.score is not None \
            and _differs(total_row.score, ex.score) and not (total_row.weight is not None and total_row.weight <= 0):
        yield Finding("A305", t.sheet, total_row.cells.get("score", ""), total_row.score, {
            "what": "预算执行率得分", "what_en": "execution score", "written": _n(total_row.score),
            "computed": f"{ex.score:.2f}", "explain": _explain(ex)})
    for written in (t.written_total, t.header_total):
        if written is None or res.total is None or not isinstance(written.value, int | float) \
                or not _differs(float(written.value), res.total):
            continue
        explain: str | Text = _total_arithmetic(res)
        if ex is not None and ex.score and not _differs(float(written.value), res.total - ex.score):
            explain = Text(f"{explain}；填写的总分未计入预算执行率得分 {ex.score:.2f}",
                           f"{explain}; the total written leaves out the execution score {ex.score:.2f}")
        yield Finding("A305", written.sheet, written.cell, written.value, {
            "what": "总分", "what_en": "total", "written": _n(float(written.value)),
            "computed": f"{res.total:.2f}", "explain": explain})
    computed = {label_key(p.name): p for p in res.parts}
    for p in t.written_parts:
        key = label_key(p.name)
        if p.score is None:
            continue
        if key in RESULT_TOTAL_LABELS:
            target = res.total
        else:
            part = computed.get(key)
            target = part.score if part is not None else None
        if target is not None and _differs(p.score, target):
            yield Finding("A305", p.sheet, p.cells.get("score", ""), p.score, {
                "what": f"「{p.name}」得分", "what_en": f"score of {p.name}", "written": _n(p.score),
                "computed": f"{target:.2f}", "explain": Text("评分表各行得分之和", "sum of the score sheet's rows")})


def _total_arithmetic(res: ScoreResult) -> str:
    """How the total was reached, for A305: the parts' scores added up — taken on the full marks of
    the rows that apply when some do not (ScoreResult.rescaled)."""
    summed = " + ".join(f"{p.score:.2f}" for p in res.parts if p.score is not None)
    if res.rescaled is None:
        return summed
    _, applies, full = res.rescaled
    return f"({summed}) ÷ {_n(applies)} × {_n(full)}"


#: A grade cell that names itself before the grade: ``等级：优``, ``评定等级为良``.
_GRADE_NAMED = re.compile("^.*?(?:等级|评级|级别|结论|结果)(?:为|是)?")
#: A total written before or after the grade in its cell: ``97.6分 优``, ``优 97.6``, ``97.6/优``.
_SCORE_BESIDE = re.compile(r"^[0-9.]+分?[,/、;]?|[,/、;]?[0-9.]+分?$")


def _grade_word(value: object) -> str:
    """A written grade as one of 优/良/中/差 where it is one (``优秀``, ``优（94.3分）``, ``等级：优``,
    the one ticked of a printed form's boxes, ``☑优 □良 □中 □差``), else as written."""
    key = label_key(str(value))
    if (chosen := ticked(key)) and chosen in GRADE_WORDS:
        return GRADE_WORDS[chosen]
    bare = _SCORE_BESIDE.sub("", key)  # ``97.6分 优``, ``优 97.6``: the total beside it (A305 checks it)
    for k in (key, _GRADE_NAMED.sub("", key), bare):
        if k in GRADE_WORDS:
            return GRADE_WORDS[k]
    return str(value).strip()


_GRADE_ALT = "|".join(sorted(GRADE_WORDS, key=len, reverse=True))
_MARK_FIRST = re.compile(f"([{TICK_MARKS}{BOX_MARKS}])({_GRADE_ALT})")
_MARK_AFTER = re.compile(f"({_GRADE_ALT})([{TICK_MARKS}{BOX_MARKS}])")


def _reticked(written: str, grade: str) -> str:
    """``grade`` as the cell writes it: the printed form's boxes with ``grade``'s ticked, in the
    form's own marks (``□优 ☑良 □中 □差``), or the grade alone."""
    box = next((c for c in written if c in BOX_MARKS), "")
    if not box:
        return grade
    tick = next((c for c in written if c in TICK_MARKS), "☑")
    pattern = _MARK_FIRST if written.lstrip()[:1] in TICK_MARKS + BOX_MARKS else _MARK_AFTER

    def mark(m: re.Match[str]) -> str:
        first = pattern is _MARK_FIRST
        word = m[2] if first else m[1]
        new = tick if GRADE_WORDS[word] == grade else box
        return f"{new}{word}" if first else f"{word}{new}"

    out, n = pattern.subn(mark, written)
    return out.strip() if n >= 2 else grade


@check("A306")
def written_grade(ctx: Context) -> Iterator[Finding]:
    t, res = ctx.table, ctx.result
    g = t.written_grade
    if g is None or res.total is None or res.grade is None:
        return
    written = _grade_word(g.value)
    if written != res.grade:
        yield Finding("A306", g.sheet, g.cell, g.value, {
            "written": str(g.value).strip(), "total": f"{res.total:.2f}", "grade": res.grade,
            "computed": _reticked(str(g.value), res.grade)})  # (what ``fix`` writes: the form's boxes, re-ticked)


#: A312's reading of an over-achievement: a target set too low — or, a hundredfold and more, a unit
#: typed wrong (42000000 against ≥5000万元: 元 in a 万元 row), which no target explains.
_TOO_LOW = {"why": "目标可能设置偏低", "why_en": "target likely set too low",
            "fix": "说明超额原因；下一年度调整目标值", "fix_en": "explain the over-achievement and raise next year's target"}
_UNIT_SLIP = {"why": "相差百倍以上，多是单位填错（如把元填在了万元栏）", "why_en": "a hundredfold or more: most often a unit "
              "typed wrong (元 where 万元 is asked)", "fix": "核对实际完成值的单位，按指标值的单位填写",
              "fix_en": "check the actual's unit and write it in the target's"}
#: The same of a per cent (满意度 9500% for 95%), and of any other unit (205000人 for 2050人): no unit of
#: money to mistake.
_PERCENT_SLIP = {"why": "相差百倍以上，多是百分数多乘了 100（如把 95% 填成 9500%）", "why_en": "a hundredfold or more: "
                 "most often a per cent multiplied by 100 again (9500% for 95%)", "fix": "核对实际完成值，按百分数填写",
                 "fix_en": "check the actual and write it as a per cent"}
_DIGITS_SLIP = {"why": "相差百倍以上，多是单位或数位填错（如多写了两个 0）", "why_en": "a hundredfold or more: most often a "
                "unit or two digits typed wrong (two 0s too many)", "fix": "核对实际完成值的单位和数位，按指标值的单位填写",
                "fix_en": "check the actual's unit and digits, and write it in the target's unit"}
_MONEY_UNITS = frozenset(("元", "万元", "亿元", "千元", "百万元"))


def _slip_words(ind: Indicator) -> dict[str, str]:
    """A312's words for a hundredfold slip of ``ind``'s actual, by its unit: money, a per cent, another."""
    if ind.actual.is_percent or ind.target.is_percent:
        return _PERCENT_SLIP
    return _UNIT_SLIP if (ind.target.unit or ind.actual.unit) in _MONEY_UNITS else _DIGITS_SLIP


def _slipped_rows(res: ScoreResult) -> set[int]:
    """id of each indicator A312 says is a hundredfold and more over its target: a unit or two digits
    typed wrong, which no target and no reason explain."""
    return {id(r.indicator) for r in res.rows if r.indicator is not None
            and r.explain_key == "more_over" and float(str(r.params["ratio"]).rstrip("%")) >= 100 * 100}


@check("A307", "A312")
def deviations(ctx: Context) -> Iterator[Finding]:
    t, res = ctx.table, ctx.result
    if t.kind not in (SELFEVAL, DEPT):
        return
    if t.weights_by_block:
        yield from _block_deviations(ctx)
    slipped = _slipped_rows(res)
    for row in res.rows:
        ind = row.indicator
        if ind is None or row.score is None or row.explain_key in UNJUDGED:
            continue  # a row nothing was filled in for is A308's, not a deviation
        if row.explain_key == "more_over":
            ratio = str(row.params["ratio"])
            params = {"name": ind.name, "actual": row.params["actual"], "target": row.params["target"], "ratio": ratio}
            yield Finding("A312", t.sheet, ind.cell("actual"), ind.actual.display(), {
                **params, **(_slip_words(ind) if id(ind) in slipped else _TOO_LOW)})
            if id(ind) in slipped:
                continue  # (a slip is to be corrected, not explained: no A307 asking for its reason)
            state = _OVER
        elif row.explain_key == "eq_above":
            state = _ABOVE
        elif ind.weight is not None and row.score < ind.weight - TOL:
            state = _SHORT
        else:
            continue
        if not stated(ind.deviation, ctx.words) and not _score_sheet(ind):
            yield _no_reason(t, ind.cell("deviation"), ind.name, ind.deviation, state)


def _block_deviations(ctx: Context) -> Iterator[Finding]:
    """The rows of a table weighed by block (湖北's 产出指标（50分）) that fell short of their targets
    with no reason given: at their own 偏差原因 cells where the form has them, else at the block's
    score cell, where such a form writes the reason (``48分（因全校总人数减少……）``, read as its rows'),
    once per block, naming its rows. Their rows have no score of their own, so the check of a row
    scored short passed them by."""
    t, res = ctx.table, ctx.result
    blocks = {r.level1: r.cell for r in res.rows if r.indicator is None and r.explain_key.startswith("block_")}
    short: dict[str, list[Indicator]] = {}
    for row in res.rows:
        ind = row.indicator
        if ind is not None and row.explain_key == "block_indicator" and row.achieved is False \
                and not stated(ind.deviation, ctx.words):
            short.setdefault(ind.level1, []).append(ind)
    for level1, inds in short.items():
        if "deviation" in inds[0].columns:
            for ind in inds:
                yield _no_reason(t, ind.cell("deviation"), ind.name, ind.deviation, _SHORT)
        else:
            yield _no_reason(t, blocks.get(level1) or inds[0].cell("actual"), "、".join(i.name for i in inds),
                             inds[0].deviation, _SHORT)


#: What A307 says of a row, (zh, en): over-achieved (A312's), above an equality, short of its target.
_OVER, _ABOVE, _SHORT = ("超额完成", "was over-achieved"), ("高于目标值", "is above its target"), \
    ("未完全达成", "was not fully achieved")


def _no_reason(t: Table, cell: str, name: str, written: str, state: tuple[str, str]) -> Finding:
    """A307 at ``cell``: ``name`` is in ``state`` (zh, en) with ``written`` no reason."""
    said = written.strip()  # ``无``, ``已完成``: a placeholder, not a reason
    return Finding("A307", t.sheet, cell, said or None, {
        "name": name, "state": state[0], "state_en": state[1],
        "written": f"（「{said}」不是原因）" if said else "", "written_en": f" (「{said}」 is no reason)" if said else ""})


#: The scorings of a row short of its target, or above an equality: where a unit slip shows.
_FELL_SHORT = frozenset(("more_part", "less_ratio", "less_deduction", "less_double", "eq_above"))


@check("A329")
def unit_slips(ctx: Context) -> Iterator[Finding]:
    """An actual a hundredfold over a ceiling or an equality (``986000`` against ``≤100万元``), or a
    hundredth of a floor: no project misses so, a unit was typed wrong — most often 元 in a 万元
    row. Scored as written it takes (almost) nothing, and the written score's A305 would ask for
    that; the finding asks for the unit instead (and ``xltools fix`` leaves the row's score until it
    is answered). A floor a hundredfold over is A312's; rates are not compared so (0.95 and 95%
    are one rate to scoring.aligned)."""
    t, res = ctx.table, ctx.result
    if t.kind not in (SELFEVAL, DEPT):
        return
    for row in res.rows:
        ind = row.indicator
        if row.explain_key not in _FELL_SHORT or ind is None or ind.op is None:
            continue  # (most rows: met)
        target, actual = ind.target, ind.actual
        if not target.number or not actual.number or target.number < 0 or actual.number < 0 \
                or target.kind != "number" or actual.kind != "number" or target.unit == "%" or actual.unit == "%":
            continue
        if actual.unit and actual.unit != target.unit:  # (as written, most rows: in the target's unit)
            if not units.comparable(actual.unit, target.unit):
                continue
            tn, an = aligned(target, actual)
        else:
            tn, an = target.number, actual.number
        ratio = an / tn
        if 0.01 < ratio < 100 or not 1e-300 < ratio < 1e300:  # (5e-324 of 2000 underflows to 0)
            continue
        if ratio >= 100 and ind.op in ("≤", "<", "="):
            times, times_en = f"的 {format_number(round(ratio))} 倍", f"{format_number(round(ratio))} times"
        elif ratio <= 0.01 and ind.op in ("≥", ">", "="):
            times, times_en = f"的 1/{format_number(round(1 / ratio))}", f"1/{format_number(round(1 / ratio))} of"
        else:
            continue
        hint = hint_en = example = example_en = ""
        base, factor = units.canonical(target.unit)
        if base == "元":  # money: 元 typed where 万元 is asked, most often
            example, example_en = "（如把元填在了万元栏）", " (元 where 万元 is asked)"
            if factor == 1e4 and not actual.unit and ratio >= 100:
                wan = f"{format_number(round(an / 1e4, 6))}{target.unit}"
                hint, hint_en = f"（若按元填写，即 {wan}）", f" (if typed in 元: {wan})"
        yield Finding("A329", t.sheet, ind.cell("actual"), actual.display(), {
            "name": ind.name, "actual": actual.display(), "target": target.display(), "times": times,
            "times_en": times_en, "hint": hint, "hint_en": hint_en, "example": example, "example_en": example_en})


@check("A308")
def missing_actual(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT):
        return
    for ind in t.indicators:
        # (a qualitative row's outcome chosen in its own column, 定性结果 or 定性得分率, is its result)
        if ind.actual.is_none and ind.name and not (ind.qualitative and (ind.outcome or ind.qual_rate is not None)) \
                and not _score_sheet(ind):
            said = ind.actual.text  # ``见附件``, ``待统计``: words that give no value (recognize._unstated)
            yield Finding("A308", t.sheet, ind.cell("actual"), said or None, {
                "name": ind.name, "said": f"（「{said}」不是完成值，表中应写出完成了多少或怎样）" if said else "",
                "said_en": f" (「{said}」 is no value: the table is to say what was done)" if said else ""})


def _score_sheet(ind: Indicator) -> bool:
    """A row of a score sheet (评分表: 分值 and 得分, no 指标值, 实际完成值 or 偏差原因 column, as
    provinces score a department as a whole): its 得分 is the assessors' judgement, with nowhere to
    write an actual value or a reason, so none is asked for (A307, A308)."""
    return not {"target", "actual", "deviation"} & ind.columns.keys()


@check("A315", "A316", "A322", "A327", "A328", "A334", "A335")
def actual_values(ctx: Context) -> Iterator[Finding]:
    """A measured value reviewers can check against the target: a number, in a unit that compares.

    A word (``已完成``) is still scored, by its meaning (domain.md §5's qualitative outcomes), and
    a unit that cannot be converted (``人`` against ``人次``, ``工作日`` against ``天``) is compared as the
    bare numbers; both are warnings because the score then rests on a reading, not a measurement.
    An actual written as a target (``≥95%``, ``2023年12月31日前``: the target copied into the
    actual column, a reviewer's classic) is scored at its number or date, and is A322; a share of
    the target (``93%`` against ≥3000平方米, ``完成全年目标的55%``) is scored as that share of it, A328.
    """
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT, MONITOR):
        return
    col = "to_date" if t.kind == MONITOR else "actual"
    scored = {id(r.indicator): r for r in ctx.result.rows}
    for ind in t.indicators:
        target, actual = ind.target, getattr(ind, col)
        row = scored.get(id(ind))
        key = row.explain_key if row is not None else ""
        if ind.qualitative or not ind.name or key in NOT_APPLICABLE_KEYS:  # 不适用: A332's
            continue
        if key == "short_of_target":  # ``低于90%``, ``接近90%`` against ≥90%: scored as partly achieved
            yield Finding("A335", t.sheet, ind.cell(col), actual.text, {
                "name": ind.name, "value": actual.text, "target": target.text,
                "outcome": _outcome_named(str(row.params["outcome"]))})  # type: ignore[union-attr]
            continue
        if written_bound(actual) is not None and t.kind != MONITOR:  # a forecast may well be "≥95%"
            yield Finding("A322", t.sheet, ind.cell(col), actual.text, _as_target(ind.name, actual))
        elif target.kind == "date" and actual.kind == "text" and t.kind != MONITOR and not t.template:
            if date_in(actual.text) is None and relative_to_target(actual, target) is None:  # ``按期完成``: no date
                y, m, d = target.when or (0, 0, 0)
                example = f"{y or 2023}年{m or 12}月{d or 20}日"
                yield Finding("A327", t.sheet, ind.cell(col), actual.text, {
                    "name": ind.name, "value": actual.text, "target": target.text, "example": example})
        elif target.kind == "date" and actual.kind == "number" and t.kind != MONITOR and not t.template and (
                october := october_reading(actual)) is not None and (january := date_in(actual.text)) is not None \
                and on_time(january, target, ind.op) != on_time(october, target, ind.op):  # 2023.10 typed: 2023.1
            yield Finding("A334", t.sheet, ind.cell(col), actual.text, {
                "name": ind.name, "value": actual.text, "year": str(january.when[0]),  # type: ignore[index]
                "january": _MET[on_time(january, target, ind.op)], "october": _MET[on_time(october, target, ind.op)]})
        elif not target.is_number:
            continue
        elif (actual.unit == "%" or actual.kind == "text") and not t.template and (
                share := share_of_target(actual, target)) is not None:  # ``93%`` of ≥3000平方米
            yield Finding("A328", t.sheet, ind.cell(col), actual.text, {
                "name": ind.name, "value": actual.text, "target": target.display(), "share": share.display()})
        elif not t.template and (on_scale(actual, target) or relative_to_target(actual, target)
                                 or whole_of(actual, target)) is not None:
            continue  # ``4.6分（满分5分）`` against ≥90%: 92 %, a fair way to give a 5-point survey's result; ``延期3天``;
            # ``12个乡镇全覆盖`` against a rate: 100 %
        elif actual.kind == "text":
            found = None if t.template else sentence_value(actual, target, ind.unit, ind.op)  # a template scores text as 0
            if t.kind != MONITOR or found is not None:  # a monitoring table's word is M404's, unless lit by its number
                yield Finding("A315", t.sheet, ind.cell(col), actual.text, _not_a_number(t, ind, actual, target, found))
        elif t.kind != MONITOR and not t.template and (scale := _unstated_scale(ind, actual, target)):
            yield Finding("A333", t.sheet, ind.cell(col), actual.text, {
                "name": ind.name, "value": actual.text, "number": format_number(actual.number),
                "target": target.display(), "scale": scale, "share": f"{format_number(round(actual.number / scale * 100, 2))}%"})
        elif actual.is_number and not units.comparable(actual.unit, target.unit) and not (
                actual.number == 0 and (ind.op in ("≤", "<") or target.number == 0)):
            # (``0起`` against an accident rate of ≤1%: none is none in any unit)
            yield Finding("A316", t.sheet, ind.cell(col), actual.text, {
                "name": ind.name, "unit": actual.unit, "target": target.display(), "target_unit": target.unit})


def _outcome_named(key: str) -> Text:
    """An outcome as a score's explanation names it (``@outcome_…``), in both languages."""
    return Text(word(key[1:], "zh"), word(key[1:], "en"))


#: A deadline met or not, as A334 says it of each reading.
_MET = {True: Text("按期完成", "on time"), False: Text("未按期完成", "late")}


def _unstated_scale(ind: Indicator, actual: Value, target: Value) -> int:
    """The points of the scale a 满意度 written ``4.8`` or ``4.8分`` against a percentage (``≥90%``)
    was most likely given on — 5, or 10 past 5 — else 0. Read as written it is 4.8 %, which no
    survey reports; the scale is not guessed (a stated one, ``4.8分（满分5分）``, is read: on_scale)."""
    if not (is_satisfaction(ind) and target.is_percent and (target.number or 0) >= 50 and actual.is_number
            and actual.unit in ("", "分") and 1 < (actual.number or 0) <= 10):
        return 0
    return 5 if actual.number <= 5 else 10  # type: ignore[operator]


def _not_a_number(t: Table, ind: Indicator, actual: Value, target: Value, found: Value | None) -> dict[str, object]:
    """A315's parameters. In our template a number pasted as text (``95个``, ``95``: the cell's
    validation asks for a number, the unit has its own column) has one right form, the number —
    given as ``computed``, which ``xltools fix`` writes — when its unit, if any, is the row's.
    ``found``: the number of the sentence, which scored it (values.sentence_number), or None."""
    params: dict[str, object] = {
        "name": ind.name, "value": actual.text, "target": target.display(),
        "problem": "无法与指标值比较", "problem_en": "and cannot be compared with the target",
        "fix": f"填写实际达到的数值，单位与指标值「{target.display()}」一致",
        "fix_en": f"write the number reached, in the unit of the target 「{target.display()}」"}
    if found is not None:  # scored by the number in it (scoring.score_indicator), which is to stand alone
        n = found.display()
        params.update(problem=f"已按其中的 {n} 与指标值比较", problem_en=f"and was compared with the target as {n}",
                      fix=f"只填写数值「{n}」，说明写入偏差原因栏", fix_en=f"write only 「{n}」; put the words in the reason column")
        if found.text == actual.text and range_bounds(actual, ind.unit) is not None:  # ``85%~95%``: its sure end
            params.update(problem=f"而是一个范围，已按对目标不利的一端 {n} 与指标值比较",
                          problem_en=f"but a range, compared with the target at its end that tells least, {n}",
                          fix="填写实际达到的一个数值（各处不同的，填写总体值）",
                          fix_en="write the one value reached (the overall value where places differ)")
        elif stated_bound(actual) is not None:  # ``近100%``: short of the 100 % it was compared as
            params.update(fix=f"填写实际达到的数值（「{actual.text}」不到 {n}）",
                          fix_en=f"write the value reached (「{actual.text}」 is short of {n})")
    number = _plain_number(actual.text, units.clean(ind.unit or target.unit)) if t.template else None
    if number is not None:
        n = format_number(number)
        params.update(computed=number, fix=f"改为数字 {n}（单位在「度量单位」列）",
                      fix_en=f"type the number {n} (the unit has its own column)")
    elif found is None:  # words alone, judged as a qualitative row's: the score is a reading, not arithmetic,
        params["opens_row"] = True  # and ``fix`` leaves it (and the totals) until a number is written
    return params


def _plain_number(text: str, unit: str, also: tuple[str, ...] = ()) -> float | None:
    """The number ``text`` stands for in ``unit`` when it is plain — no operator, written without
    a unit, in ``unit``, or in one of ``also`` (converted) — else ``None``: what ``xltools fix``
    may write in place of a number our template got as text (A315, A324)."""
    v = parse_value(text)
    if not v.is_number or v.op is not None or v.number is None:
        return None
    typed = units.clean(v.unit)
    if typed in ("", unit):
        return v.number
    return units.convert(v.number, typed, unit) if typed in also else None


def _as_target(name: str, actual: Value) -> dict[str, object]:
    """A322's parameters: the value as it would read without its operator, as the example."""
    if actual.kind == "date" and actual.when is not None:
        y, m, d = actual.when  # 0 for what the text leaves open (2023年12月, 12月底前)
        example = "".join(f"{n}{u}" for n, u in zip((y, m, d), "年月日", strict=True) if n)
        what, what_en = "日期", "date"
    else:
        example, what, what_en = f"{format_number(actual.number)}{actual.unit}", "数值", "value"
    if actual.op in ("<", ">"):  # ``低于90%``, ``超过90%``: the value reached is not the 90%
        return {"name": name, "value": actual.text, "op": actual.op, "what": what, "what_en": what_en,
                "example": "", "example_en": ""}
    return {"name": name, "value": actual.text, "op": actual.op, "what": what, "what_en": what_en,
            "example": f"（如「{example}」）", "example_en": f" (e.g. 「{example}」)"}


@check("A324")
def amounts_as_text(ctx: Context) -> Iterator[Finding]:
    """In our template, an amount typed as text (``90万元``, ``480`` pasted as text): its SUM and
    执行率 pass it by, and so does the reader (reading.funds_as_template_sees). The amount it
    stands for, in 万元, goes with the finding when it is plain (``computed``, for ``xltools fix``)."""
    t = ctx.table
    if not t.template or t.funds is None:
        return
    for row in t.funds.rows:
        for f, text in row.texts.items():
            column, column_en = _funds_column(t, f)
            params: dict[str, object] = {
                "label": row.label, "column": column, "column_en": column_en, "value": text,
                "fix": "只填数字（单位：万元）", "fix_en": "type the number only (in 万元)"}
            wan = _plain_number(text, "万元", ("元",))
            if wan is not None:
                params.update(computed=wan, fix=f"改为数字 {format_number(wan)}（单位：万元）",
                              fix_en=f"type the number {format_number(wan)} (in 万元)")
            yield Finding("A324", row.sheet, row.cells[f], text, params)


@check("A331")
def amounts_not_read(ctx: Context) -> Iterator[Finding]:
    """Outside our templates (A324 there), a funds amount written as words (``约770万``,
    ``另行核算``; a dash, 无 or 不适用 say none), or 年度资金总额's budget or spending left empty
    with no parts to add up (model.Funds.total): no amount, so no execution rate — the score's
    预算执行率 row stayed empty and the total fell short by it, with nothing said at the cell."""
    t = ctx.table
    if t.template:
        return
    for f, amount in t.unread_amounts.items():  # a declaration's 年度资金总额, or one of its two parts
        part = f != "annual_total"
        if part and amount.value is None and not _part_left_out(t, f):
            continue  # (财政拨款 1000 of 1000 beside an empty 其他资金: none, as a dash says)
        yield _no_amount(t, amount.sheet, amount.cell, "项目资金", _AMOUNT_NAMES[f], amount.value, part=part)
    declared = t.amounts.get("annual_total") if t.kind == GOALS else None
    if declared is not None and declared.value == 0:  # a project declared without funds: a 0 for a blank
        yield _no_amount(t, declared.sheet or t.sheet, declared.cell, "项目资金", ("年度资金总额", "annual total"), 0)
    if t.kind == DEPT:  # a department spends every year (salaries at least): a 0 for a blank
        spent, budget = execution_amounts(t)
        if spent is not None and spent.value == 0 and budget is not None and budget.value > 0 \
                and not _zero_spent(t, ctx.words):  # type: ignore[operator]
            # (said by A346 instead where the written rate, or a 预算执行率 indicator, says money was spent)
            column = _AMOUNT_NAMES[_spending_field(t, spent)]
            yield _no_amount(t, spent.sheet or t.sheet, spent.cell, "部门整体", column, 0, rate=True,
                             said=("为 0，按它算出的预算执行率为 0%", "is 0, which gives an execution rate of 0%"))
    if t.funds is None:
        return
    for r in t.funds.rows:
        for f, text in r.texts.items():
            yield _no_amount(t, r.sheet, r.cells[f], r.label, _funds_column(t, f), text,
                             rate=r.kind == "total" and f != "initial_budget", part=r.kind != "total")
    row, total = t.funds.row("total"), t.funds.total()
    if row is None or total is None:
        return
    for f in ("annual_budget", "spent"):
        empty = getattr(total, f) is None and f in row.cells and f not in row.texts
        if empty and not (f == "annual_budget" and total.initial_budget is not None):  # 年初预算数 is the year's
            yield _no_amount(t, row.sheet, row.cells[f], row.label, _funds_column(t, f), None, rate=True)
    if total.year_budget == 0:  # the year's budget 0: no rate either (a 0 typed for a blank)
        f = "annual_budget" if total.annual_budget is not None else "initial_budget"
        if f in row.cells and f not in row.texts:
            yield _no_amount(t, row.sheet, row.cells[f], row.label, _funds_column(t, f), 0, rate=True)


def _part_left_out(t: Table, f: str) -> bool:
    """Whether a declaration's part ``f`` (财政拨款 or 其他资金), left empty, is missing from its total:
    the other part stated falls short of the 年度资金总额 (800 of 1000: the other 200 are unsaid)."""
    total, other = t.amounts.get("annual_total"), t.amounts.get(
        "annual_other" if f == "annual_fiscal" else "annual_fiscal")
    values = [x.value if x is not None else None for x in (total, other)]
    return all(isinstance(x, int | float) for x in values) and _differs(float(values[0]), float(values[1]))  # type: ignore[arg-type]


def _no_amount(t: Table, sheet: str, cell: str, label: str, column: tuple[str, str], text: object, *,
               rate: bool = False, part: bool = False, said: tuple[str, str] | None = None) -> Finding:
    """A331 at ``cell``: the amount of ``label``'s ``column`` (zh, en) is ``text`` (words) or empty;
    ``rate``: it is one the 预算执行率 (a monitoring table's 执行进度) divides; ``part``: a part of the
    total, which may be none (``—``); ``said`` (zh, en): what is wrong with it, in full, where the
    rate can be computed but means nothing (a department's spending of 0)."""
    problem, problem_en = said or ((f"「{text}」不是金额", f"「{text}」 is no amount") if text else
                                   ("为 0", "is 0") if text == 0 else ("未填写", "is empty"))
    if rate and said is None:
        what = ("预算执行进度", "budget progress") if t.kind == MONITOR else ("预算执行率", "execution rate")
        problem, problem_en = f"{problem}，{what[0]}无法计算", f"{problem_en}: no {what[1]} can be computed"
    fix, fix_en = f"填写金额（单位：{t.money_unit}）", f"write the amount (in {t.money_unit})"
    if part:
        fix, fix_en = f"{fix}；没有这项资金的填「—」", f"{fix_en}; 「—」 where there are no such funds"
    # no execution score until the amount is there: ``fix`` leaves the totals and grade (it wrote
    # them short of that score)
    return Finding("A331", sheet, cell, text, {
        "label": label, "column": column[0], "column_en": column[1], "problem": problem,
        "problem_en": problem_en, "fix": fix, "fix_en": fix_en, **({"opens_execution": True} if rate else {})})


@check("A321")
def rates_reached_above_100(ctx: Context) -> Iterator[Finding]:
    """An actual 合格率 or 满意度 above 100 % (a count typed as a rate, a ratio inverted). The row
    still scores (the weight at most); the value is what a reviewer questions."""
    t = ctx.table
    if t.kind not in (SELFEVAL, DEPT, MONITOR):
        return
    cols = (("to_date", "1-N月实际完成值", "value to date"), ("forecast", "全年预计完成值", "forecast")) \
        if t.kind == MONITOR else (("actual", "实际完成值", "actual"),)
    bounded = bounded_rates(ctx.words)
    slipped = _slipped_rows(ctx.result) if t.kind != MONITOR else set()
    for ind in t.indicators:
        if ind.qualitative or not ind.target.is_number or not ind.name or not bounded(ind.name) or ind.target.change \
                or id(ind) in slipped:  # (9500% of a 满意度 ≥90%: A312 says it is a per cent typed ×100)
            continue
        for col, what, what_en in cols:
            value = getattr(ind, col)
            if not (value.is_percent or ind.target.is_percent) or value.unit not in ("", "%", "‰"):
                continue  # (``120个村全覆盖`` of 覆盖率: a count, A316's, or read as 100 %; no rate of 120 %)
            p = percent_of(value, ind.target)
            if p is not None and p > 100 + 1e-9:
                yield Finding("A321", t.sheet, ind.cell(col), getattr(ind, col).display(), {
                    "name": ind.name, "what": what, "what_en": what_en, "value": f"{format_number(round(p, 4))}%"})


@check("A317")
def execution_unexplained(ctx: Context) -> Iterator[Finding]:
    """Below the rule set's ``explain_execution_below`` (90 % nationally) a reviewer wants the
    reason in writing. The national form has no column for it, so a reason counts wherever the
    table gives one: a 偏差原因/说明 column of the funds block, or 实际完成情况 or any deviation
    text that speaks of spending (``执行率``, ``尾款``, ``结转`` … ``execution_reason`` keywords)."""
    t, ex = ctx.table, ctx.result.execution
    if t.kind != SELFEVAL or ex is None or t.funds is None:
        return
    total = t.funds.total()
    threshold = ctx.rules.for_table(SELFEVAL).explain_execution_below
    if total is None or total.spent is None or not total.annual_budget or total.annual_budget < 0 or total.spent < 0 \
            or round_half_up(total.spent / total.annual_budget, 4) >= threshold or _rate_as_spending(total):
        return  # (no positive budget: no rate; the rate typed as the spending: A341's; below zero: A342's)
    if any(stated(r.reason, ctx.words) for r in t.funds.rows):
        return
    said = any_of(ctx.words.execution_reason)
    achieved = t.goals_text.get("achieved")
    texts = [achieved.value if achieved is not None else None] + [i.deviation for i in t.indicators]
    if any(isinstance(x, str) and said.search(x) for x in texts):
        return
    # where the reason goes: the funds block's reason column, else 实际完成情况, else the rate itself
    if not t.template and (_budget_slips(t, ctx.words) or _zero_spent(t, ctx.words)):
        return  # (a budget a hundredfold over, a unit typed wrong: A344's; spending left at 0: A346's; the rate
        # unknown — our templates mark it)
    cell = total.cells.get("reason") or (achieved.cell if achieved is not None and achieved.sheet == t.sheet
                                         else t.blanks.get("achieved", "")) \
        or next((total.cells[k] for k in ("rate", "score", "spent") if total.cells.get(k)), "")
    yield Finding("A317", t.sheet, cell, None, {
        "rate": pct(total.spent / total.annual_budget), "threshold": pct(threshold)})


@check("A309", "A310", "A302")
def line_items(ctx: Context) -> Iterator[Finding]:
    """Contract over budget (A309), spending over contract (A310); without a contract, spending
    over the item's budget is A302, as for the funds block (with one, A309/A310 say it). A
    contract of 0 is none (``自行组织`` with 0 where ``—`` belongs): an A310 error "195 over the
    contract's 0" blamed spending that no contract bounds."""
    for item in ctx.table.line_items:
        if item.kind != "item":
            continue
        name = item.content or item.method
        contract = item.contract if item.contract else None
        if contract is None and item.spent is not None and item.budget is not None \
                and item.budget >= 0 and item.spent - item.budget > TOL:  # (a budget below zero: A342's)
            yield Finding("A302", item.sheet, item.cells.get("spent", ""), item.spent, {
                "what": f"「{name}」的", "what_en": f"「{name}」", "spent": _n(item.spent), "budget": _n(item.budget),
                **_money_slip(item.spent, item.budget, item.unit or ctx.table.money_unit, opens=False)})
        if contract is not None and item.budget is not None and item.budget >= 0 and contract - item.budget > TOL:
            yield Finding("A309", item.sheet, item.cells.get("contract", ""), contract, {
                "content": name, "contract": _n(contract), "budget": _n(item.budget)})
        if item.spent is not None and contract is not None and contract > 0 and item.spent - contract > TOL:
            yield Finding("A310", item.sheet, item.cells.get("spent", ""), item.spent, {
                "content": name, "spent": _n(item.spent), "contract": _n(contract)})


#: A line-items column, the funds amount its total is held against, and what A338 calls it in English.
_ITEMS_AGAINST_FUNDS = (("budget", "annual_budget", "budgets"), ("spent", "spent", "spending"))


@check("A338")
def line_items_against_funds(ctx: Context) -> Iterator[Finding]:
    """资金使用情况 lists what the project's funds were spent on: its items' 预算金额 add up to the
    全年预算数 of 年度资金总额, and their 支出金额 to its 全年执行数 — or to 财政拨款's, when only the
    fiscal funds are itemised. An item left out, one listed twice, or a column in 元 shows up as a
    difference no other check sees (A301 holds the 合计 against its items only). Held against the
    items, not the written 合计 (A301 checks that); at the 合计 cell, or the last item's."""
    t = ctx.table
    items = [i for i in t.line_items if i.kind == "item"]
    if t.funds is None or not items:
        return
    rows = [r for r in (t.funds.row("total"), t.funds.row("fiscal")) if r is not None]
    for col, f, col_en in _ITEMS_AGAINST_FUNDS:
        values = [x for i in items if (x := i.to_wan(getattr(i, col), t.money_unit)) is not None]
        amounts = [(r, t.to_wan(a)) for r in rows if (a := r.year_budget if f == "annual_budget" else r.spent) is not None]
        if not values or not amounts or not all(_differs(sum(values), a) for _, a in amounts) \
                or min(values) < 0 or any(a < 0 for _, a in amounts):  # (an amount below zero: A342's)
            continue
        # (the 合计 that states this column's amount)
        where = next((i for i in reversed(t.line_items) if i.kind == "total" and getattr(i, col) is not None), items[-1])
        zh, en = _funds_column(t, f)
        yield Finding("A338", where.sheet, where.cells.get(col, ""), round(sum(values), 6), {
            "column": LINE_COLUMNS_ZH[col], "column_en": col_en,
            "sum": _n(sum(values)), "label": amounts[0][0].label, "funds_column": zh, "funds_column_en": en,
            "amount": _n(amounts[0][1])})


@check("A311", "M408")
def against_goals(ctx: Context) -> Iterator[Finding]:
    """Indicators, targets and weights against the declared goals (``--goals``): A311 for a
    self-evaluation, M408 for a monitoring table (the same comparison, its own code)."""
    t, goals = ctx.table, ctx.goals
    if goals is None or t.kind not in REPORTS:
        return
    code = "M408" if t.kind == MONITOR else "A311"
    against = _declared_against(goals)
    for f in _goal_differences(t, goals):
        f.code = code
        f.params.update(against)
        yield f


#: Funds rows of a report and the declaration's amount they restate: (row kind, amount, zh, en).
DECLARED_FUNDS = (("total", "annual_total", "年度资金总额", "annual total"),
                  ("fiscal", "annual_fiscal", "财政拨款", "fiscal appropriation"))


def _declared_against(goals: Table) -> dict[str, str]:
    name = os.path.basename(goals.source) if goals.source else ""
    return {"against": f"「{name}」" if name else "", "against_en": f" ({name})" if name else ""}


@check("A319", "A320")
def against_declared_funds_and_goal(ctx: Context) -> Iterator[Finding]:
    """The 年初预算数 and the 预期目标 against what was declared (``--goals``, paired summaries).

    A report restates the declaration: the budget at the start of the year is the declared
    年度资金总额 (an adjustment during the year goes into 全年预算数, which may differ), and the
    年度总体目标's 预期目标 is the declared 年度目标. Reviewers compare both; A311 compares the
    indicators. Texts are compared without spaces and punctuation (a full stop or a comma typed
    differently is not a different goal).
    """
    t, goals = ctx.table, ctx.goals
    if goals is None or t.kind not in REPORTS:
        return
    against = _declared_against(goals)
    if t.funds is not None:
        for kind, amount, what, what_en in DECLARED_FUNDS:
            row, declared = t.funds.row(kind), goals.amounts.get(amount)
            if row is None or row.initial_budget is None or declared is None:
                continue
            value = declared.value
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                continue
            if _differs(t.to_wan(row.initial_budget), goals.to_wan(value)):  # one may be in 元
                yield Finding("A319", row.sheet or t.sheet, row.cells.get("initial_budget", ""), row.initial_budget, {
                    **against, "what": what, "what_en": what_en, "written": _n(row.initial_budget),
                    "declared": _n(value)})
    own, declared_goal = t.goals_text.get("annual_goal"), goals.goals_text.get("annual_goal")
    if own is None or declared_goal is None:
        return
    mine, theirs = str(own.value or "").strip(), str(declared_goal.value or "").strip()
    if mine and theirs and text_key(mine) != text_key(theirs):
        yield Finding("A320", own.sheet, own.cell, mine, {**against, "declared": _clip(theirs)})


def text_key(text: str) -> str:
    """A text without spaces, punctuation or width differences: what two copies of a goal share."""
    s = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in s if not unicodedata.category(ch).startswith(("P", "Z", "C")))


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _same_target(i: Indicator, g: Indicator) -> bool:
    """The declared target, written the same or in a convertible unit (``≥1万人`` = ``≥10000人``)."""
    a, b = i.target, g.target
    if a.kind == "date" or b.kind == "date":  # ``2023年12月31日前`` = ``2023-12-31`` = a date cell of that day
        if a.when is not None and b.when is not None:  # (a year left out is the table's, if it states one)
            return a.when[1:] == b.when[1:] and (a.when[0] == b.when[0] or not a.when[0] or not b.when[0])
        sa, sb = date_serial(a), date_serial(b)  # a template's date cell is its serial number
        return sa is not None and sb is not None and sa == sb
    if not (a.is_number and b.is_number):
        return (a.op, a.number, a.text if not a.is_number else "") == (b.op, b.number, b.text if not b.is_number else "")
    if (a.op != b.op and i.op != g.op) or a.change != b.change or not units.comparable(a.unit, b.unit):
        return False
    return math.isclose(units.convert(a.number, a.unit, b.unit), b.number, rel_tol=1e-9, abs_tol=1e-9)


def _goal_differences(t: Table, goals: Table) -> Iterator[Finding]:
    declared = {label_key(i.name): i for i in goals.indicators if i.name}
    own = {label_key(i.name): i for i in t.indicators if i.name}
    renamed = _renamed([g for k, g in declared.items() if k not in own], [i for k, i in own.items() if k not in declared])
    kept = {id(g) for g in renamed.values()}
    for key, g in declared.items():
        if key not in own and id(g) not in kept:
            yield Finding("A311", t.sheet, t.header_cells.get("name", "A1"), g.name, {
                "detail": f"目标表中的指标「{g.name}」（{goals.sheet}!{g.cell('name')}）在本表中缺失",
                "detail_en": f"declared indicator {g.name} is missing", "fix": "补上该指标，或说明调整原因",
                "fix_en": "add the indicator or explain the change"})
    for key, i in own.items():
        g = declared.get(key) or renamed.get(id(i))
        if g is None:
            yield Finding("A311", t.sheet, i.cell("name"), i.name, {
                "detail": f"「{i.name}」不在绩效目标申报表中", "detail_en": f"{i.name} was not declared",
                "fix": "与申报的目标保持一致，或说明新增原因", "fix_en": "keep to the declared goals or explain"})
            continue
        if id(i) in renamed:  # the declared indicator under another name: said once, and compared as itself
            yield Finding("A311", t.sheet, i.cell("name"), i.name, {
                "detail": f"「{i.name}」与申报的指标「{g.name}」（{goals.sheet}!{g.cell('name')}）名称不同",
                "detail_en": f"{i.name} is named {g.name} in the declaration", "fix": f"改为「{g.name}」，或说明调整原因",
                "fix_en": f"name it {g.name} as declared, or explain the change"})
        here, there = _category(i), _category(g)
        if here and there and here != there:
            yield Finding("A311", t.sheet, i.cell("level2"), i.level2, {
                "detail": f"「{i.name}」在本表归于「{i.level2}」，申报时归于「{g.level2}」",
                "detail_en": f"{i.name} is filed under {i.level2}, declared under {g.level2}",
                "fix": f"归回「{g.level2}」，或说明调整原因", "fix_en": f"file it under {g.level2} as declared, or explain"})
        if not g.target.is_none and not _same_target(i, g):  # no declared target: nothing to keep to
            yield Finding("A311", t.sheet, i.cell("target"), i.target.display(), {
                "detail": f"「{i.name}」指标值「{i.target.display()}」与申报的「{g.target.display()}」不同",
                "detail_en": f"target of {i.name} differs from the declared {g.target.display()}",
                "fix": f"改为「{g.target.display()}」", "fix_en": f"use {g.target.display()}"})
        if i.weight is not None and g.weight is not None and _differs(i.weight, g.weight):
            yield Finding("A311", t.sheet, i.cell("weight"), i.weight, {
                "detail": f"「{i.name}」分值 {_n(i.weight)} 与申报的 {_n(g.weight)} 不同",
                "detail_en": f"weight of {i.name} differs from the declared {_n(g.weight)}",
                "fix": f"改为 {_n(g.weight)}", "fix_en": f"use {_n(g.weight)}"})


def _category(ind: Indicator) -> str:
    """An indicator's 二级指标 as the declaration and a report are compared (``数量`` is 数量指标,
    ``（1）数量指标`` too); the cost categories are one, since the 2020 layout files 成本指标 under
    产出指标 and the 2021 one breaks it down (经济成本指标 …), and a report may follow the other."""
    key = level1_key(ind.level2) if ind.level2 else ""
    return "成本" if key.endswith("成本") else key


#: How alike two indicator names must be (difflib's ratio) to be one indicator renamed.
_RENAMED_RATIO = 0.6
#: The most (missing × new) name pairs compared for a rename.
_RENAMED_MOST = 10_000


def _renamed(missing: list[Indicator], new: list[Indicator]) -> dict[int, Indicator]:
    """A report's indicators not declared, paired with the declared ones it lacks that they rename
    (``服务老人数量`` for ``服务老人人数``): under the same level 1 (and level 2, where both name one),
    the names alike by :data:`_RENAMED_RATIO` at least, the most alike first. A311 said "missing"
    and "not declared" of the one indicator, and compared neither its target nor its weight."""
    import difflib

    if len(missing) * len(new) > _RENAMED_MOST:
        return {}  # (thousands of rows each: no table has them, and pairing them would take minutes)
    pairs = []
    for k, i in enumerate(new):
        for n, g in enumerate(missing):
            if level1_key(i.level1) != level1_key(g.level1) or (i.level2 and g.level2
                                                                 and level1_key(i.level2) != level1_key(g.level2)):
                continue
            ratio = difflib.SequenceMatcher(None, label_key(i.name), label_key(g.name)).ratio()
            if ratio >= _RENAMED_RATIO:
                pairs.append((ratio, k, n, i, g))
    out: dict[int, Indicator] = {}
    taken: set[int] = set()
    for *_, i, g in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):  # the most alike first, then in order
        if id(i) not in out and id(g) not in taken:
            out[id(i)] = g
            taken.add(id(g))
    return out


@check("A313")
def qualitative_bands(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if t.kind in (GOALS, EVALUATION):
        return
    tr = ctx.rules.for_table(t.kind)
    bands = tr.qualitative
    grouped = _grouped(t)
    dated = {id(r.indicator) for r in ctx.result.rows if r.explain_key.startswith("date_")}
    for ind in t.indicators:
        if not (ind.qualitative or not ind.target.is_number) or not ind.weight \
                or id(ind) in dated:  # a deadline met by a sentence (``延期3天``) is scored by its date
            continue
        text = _outcome_text(ind)
        chosen = qual_rate(ind)
        # (a score left empty is A326's, but a chosen rate above 100 % is said first: the row waits for it)
        if ind.score is None and not (chosen is not None and chosen > 1):
            continue
        if not text or id(ind) in grouped or (ind.score is not None and (ind.score > ind.weight + TOL or ind.score < 0)):
            continue
        band = bands[judged(ind, text, tr)]
        rate = chosen if chosen is not None else ind.score / ind.weight  # type: ignore[operator]
        top = band is bands[0]
        if not _in_band(rate, band.low, band.high, top):
            yield Finding("A313", t.sheet, ind.cell("score"), ind.score, {
                "name": ind.name, "rate": pct(rate), "outcome": band.outcome,
                "score": _n(ind.score) if ind.score is not None else Text("未填", "not filled"),
                "band": _band_text(band.low, band.high, top),
                # (a chosen rate above 100 % is a slip, no rate of any band: the row's score waits for it)
                **({"opens_row": True} if chosen is not None and chosen > 1 else {})})
    for g in t.score_groups:
        yield from _group_band(t, g, tr)


def _outcome_text(ind: Indicator) -> str:
    """The words a qualitative row's outcome is judged by: its 评价结果 choice, else its actual's text."""
    return ind.outcome or (ind.actual.text if ind.actual.kind == "text" else "")


def _in_band(x: float, low: float, high: float, top: bool) -> bool:
    """``x`` within a band: from ``low``, up to ``high`` — itself only for the top band (100 %)."""
    return low - 1e-9 <= x and (x <= high + 1e-9 if top else x < high - 1e-9)


def _band_text(low: float, high: float, top: bool) -> str:
    """A band as A313 shows it: ``[60%, 80%)``, the top one closed, ``[80%, 100%]``."""
    return f"[{pct(low, 0)}, {pct(high, 0)}{']' if top else ')'}"


def _group_band(t: Table, g: ScoreGroup, tr: TableRules) -> Iterator[Finding]:
    """A score merged over qualitative rows (Table.score_groups) against the band their outcomes
    make together: each row's band, weighed by its weight (达成 10 and 部分达成 10 make [14, 18) of
    20). Checked row by row, a shared rate could not sit in two rows' bands at once: A313 for a
    score right for both."""
    bands = tr.qualitative
    rows = [r for r in g.rows if r.qualitative or not r.target.is_number]
    score = g.score
    if not rows or len(rows) != len(g.rows) or score is None or not g.weight or score > g.weight + TOL or score < 0:
        return
    chosen = []
    for r in rows:
        text = _outcome_text(r)
        if not text or not r.weight:
            return
        chosen.append((r, bands[judged(r, text, tr)]))
    low = sum((r.weight or 0.0) * b.low for r, b in chosen)
    high = sum((r.weight or 0.0) * b.high for r, b in chosen)
    top = all(b is bands[0] for _, b in chosen)
    if _in_band(score, low, high, top):
        return
    outcomes = "、".join(dict.fromkeys(b.outcome for _, b in chosen))
    yield Finding("A313", t.sheet, g.cell, round_half_up(score, 2), {
        "name": "」「".join(r.name for r in rows), "score": _n(score), "rate": pct(score / g.weight),
        "outcome": outcomes, "band": _band_text(low / g.weight, high / g.weight, top)})


@check("A314")
def formula_errors(ctx: Context) -> Iterator[Finding]:
    """Cells showing #DIV/0!, #REF!… on the table's sheets: the reader sees them as blanks."""
    for sheet, cell, value in ctx.table.cell_errors:
        if value == UNCALCULATED:  # no result at all: A325
            continue
        meaning, fix, meaning_en, fix_en = FORMULA_ERRORS.get(value, FORMULA_ERROR_OTHER)
        yield Finding("A314", sheet, cell, value, {"value": value, "meaning": meaning, "meaning_en": meaning_en,
                                                    "fix": fix, "fix_en": fix_en})


@check("A325")
def uncalculated_formulas(ctx: Context) -> Iterator[Finding]:
    """Formula cells without a result, which the reader sees as blanks: a file made or changed by
    a program (``xltools fix`` and annotated copies included: openpyxl keeps formulas, not their
    results) reads as if its totals and rates were never filled until Excel or WPS saves it.
    One finding per sheet, at its first such cell, naming a few. Not in our own templates: their
    formulas compute what xltools computes (tests/test_templates.py), so nothing is lost, and a
    blank template just made by ``xltools template`` has calculated nothing yet."""
    if ctx.table.template:
        return
    by_sheet: dict[str, list[str]] = {}
    for sheet, cell, value in ctx.table.cell_errors:
        if value == UNCALCULATED:
            by_sheet.setdefault(sheet, []).append(cell)
    for sheet, cells in by_sheet.items():
        more = "…" if len(cells) > 5 else ""
        shown = Text("、".join(cells[:5]) + more, ", ".join(cells[:5]) + more)
        yield Finding("A325", sheet, cells[0], None, {"n": len(cells), "cells": shown})


@check("A345")
def no_total(ctx: Context) -> Iterator[Finding]:
    """A project self-evaluation that states no total at all — no 总分 (合计, 自评得分…) row or label,
    where A326 would say an empty one: the form asks the unit to total its scores, a reviewer returns
    it, and the summary's written total stays empty. Said below the last indicator row's score, where
    the row belongs; ``fix`` has no cell to write into. Not our templates (their 总分 is a formula),
    nor a department's table or an evaluation's, whose forms often have no total row."""
    t, res = ctx.table, ctx.result
    if t.kind != SELFEVAL or t.template or t.written_total is not None or res.total is None or not t.indicators:
        return
    last = max(t.indicators, key=lambda i: i.row)
    column = last.columns.get("score") or last.columns.get("name")
    if column:
        yield Finding("A345", t.sheet, f"{column}{last.row + 1}", None, {"computed": f"{res.total:.2f}"})


def _fills_in_doubt(t: Table) -> set[str]:
    """The cells of the 年度资金总额 amounts left empty whose parts' sum ``fix`` is not to write (A326
    ``waits``), nor a reckoning to take (A343): the row's other figures all 0 (read as a row nobody
    keyed in, which the amount written would end — the 0 beside it would be a budget of 0, A331, and
    the spending above it, A302); a part below zero (A342's: the sum would carry the slip into the
    total); a part's figure its row's reckoning disputes (a 小计④ typed 0 for 275.14: 合计's ④ was
    written as 0, and ⑦=④-⑤ beside it as -280); split by source and by use, two sums that differ
    (which one is the total, a person says)."""
    filled = t.funds.filled() if t.funds is not None else {}
    if not filled:
        return set()
    total = t.funds.row("total")  # type: ignore[union-attr]
    figures = [x for g in FUNDS_AMOUNTS if (x := getattr(total, g)) is not None]
    zeros = bool(figures) and not any(figures)
    uses = every if len(every := t.funds.uses()) > 1 else []  # type: ignore[union-attr]
    parts = t.funds.parts()  # type: ignore[union-attr]
    wrong = {k.cell for r in parts for k in r.reckoned if _reckoning_differs(k)}
    out = set()
    for f, x in filled.items():
        by_use = [y for r in uses if (y := getattr(r, f)) is not None]
        if zeros or any((y := getattr(r, f)) is not None and y < 0 for r in parts) \
                or any(r.cells.get(f) in wrong for r in parts) or (bool(by_use) and _differs(x, sum(by_use))):
            out.add(total.cells[f])  # type: ignore[union-attr]
    return out


@check("A326")
def unfilled_results(ctx: Context) -> Iterator[Finding]:
    """A self-evaluation (or an evaluation) with its 得分, 总分 or 等级 left empty: the form asks
    the unit to score itself, and a reviewer returns it unfinished. So is a 年度资金总额 amount left
    empty beside its parts (in any table with funds): the parts' sum is given, which the score
    and the summary take (model.Funds.total). The computed value is given
    (``xltools fix`` writes it). Not for a row the experts scored (its 得分 is their mean, which
    xltools takes), a row without its actual (A308: its score waits), nor our own templates, where
    those cells are formulas; at a cell showing a formula error or no result, A314/A325 replace it
    (rules.MISSING_CODES)."""
    t, res = ctx.table, ctx.result
    if t.template:
        return

    def unfilled(sheet: str, cell: str, field: str, what: str, what_en: str, computed: str,
                 waits: bool = False) -> Iterator[Finding]:
        if cell:  # field: score | execution | total | grade | amount (for fix)
            yield Finding("A326", sheet, cell, None, {"field": field, "what": what, "what_en": what_en,
                                                      "computed": computed, **({"waits": True} if waits else {})})

    if t.funds is not None and (total := t.funds.row("total")) is not None:  # an amount the parts give
        in_doubt = _fills_in_doubt(t)
        for f, x in t.funds.filled().items():
            column, column_en = _funds_column(t, f)
            yield from unfilled(t.sheet, total.cells[f], "amount", f"「{total.label}」的{column}",
                                f"{column_en} of 「{total.label}」", _n(x), total.cells[f] in in_doubt)
    if t.kind in (GOALS, MONITOR):
        return

    grouped = _grouped(t)
    for row in res.rows:
        ind = row.indicator
        if ind is not None and ind.score is None and "score" in ind.columns and row.score is not None \
                and not ind.experts and row.explain_key not in UNJUDGED and row.explain_key != "no_weight" \
                and id(ind) not in grouped:
            yield from unfilled(t.sheet, ind.cell("score"), "score", f"「{ind.name}」的得分", f"score of 「{ind.name}」",
                                f"{row.score:.2f}")
    for g in t.score_groups:
        summed = _group_scores(res.rows, g) if g.score is None else None
        if summed is not None:
            rows, computed = summed
            names, names_en = "、".join(f"「{r.name}」" for r in rows), ", ".join(f"「{r.name}」" for r in rows)
            yield from unfilled(t.sheet, g.cell, "score", f"{names}的得分", f"score of {names_en}", f"{computed:.2f}")
    ex = res.execution
    total_row = t.funds.row("total") if t.funds is not None else None
    if ex is not None and ex.score is not None and total_row is not None and total_row.score is None:
        yield from unfilled(t.sheet, total_row.cells.get("score", ""), "execution", "预算执行率得分", "execution score",
                            f"{ex.score:.2f}")
    if t.written_total is not None and t.written_total.value is None and res.total is not None:
        yield from unfilled(t.written_total.sheet, t.written_total.cell, "total", "总分", "total", f"{res.total:.2f}")
    if t.written_grade is None and "grade" in t.blanks and res.grade is not None:
        yield from unfilled(t.sheet, t.blanks["grade"], "grade", "等级", "grade", res.grade)

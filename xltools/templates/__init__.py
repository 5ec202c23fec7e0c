"""The standard templates: build them, write them, and pour any readable table into one.

``write_template(kind, out)`` writes an empty template; ``source=`` pours a table the reader
understands (a provincial layout) into it; ``goals=`` starts a self-evaluation from a declared
goal table (header, indicators, targets and weights carried over, actuals left empty).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace

from .. import units
from ..errors import UsageError
from ..model import DEPT, EVALUATION, FUNDS_AMOUNTS, GOALS, MONITOR, SELFEVAL, Indicator, Table
from ..output import check_output, save_workbook
from ..ruleset import RuleSet, load_rules
from ..scoring import score_table
from ..taxonomy import canonical
from ..values import DATE_UNIT, Value, percent_unit_pair, ticked, toward, value_read
from .builder import Built, build_template
from .layout import (
    DEFAULT_ROWS,
    FILE_NAMES,
    KINDS,
    LINE_ITEM_ROWS,
    MAX_EXPERTS,
    MIN_EXPERTS,
    TAXONOMIES,
)

__all__ = ["KINDS", "FILE_NAMES", "write_template", "build_template", "fill"]

#: Which source tables can be poured into which template.
COMPATIBLE = {SELFEVAL: (SELFEVAL, DEPT, GOALS), DEPT: (DEPT, SELFEVAL), GOALS: (GOALS, SELFEVAL),
              EVALUATION: (EVALUATION,), MONITOR: (MONITOR, GOALS, SELFEVAL)}


def write_template(kind: str, out: str | os.PathLike[str], rules: RuleSet | str | None = None, *,
                   experts: int = 3, rows: int | None = None, source: Table | None = None,
                   force: bool = False) -> str:
    """Write the ``kind`` template to ``out`` (atomically), filled from ``source`` if given."""
    if kind not in KINDS:
        raise UsageError(f"未知的模板：{kind}（可选：{'、'.join(KINDS)}）", f"unknown template {kind!r}")
    if kind == EVALUATION and not MIN_EXPERTS <= experts <= MAX_EXPERTS:
        raise UsageError(f"专家人数须在 {MIN_EXPERTS}–{MAX_EXPERTS} 之间", f"--experts must be {MIN_EXPERTS}–{MAX_EXPERTS}")
    out = os.fspath(out)
    check_output(out, force=force, suffix=".xlsx")
    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    line_rows = LINE_ITEM_ROWS
    if source is not None:
        if source.kind not in COMPATIBLE[kind]:
            raise UsageError(f"不能把「{source.kind}」表填入「{kind}」模板",
                             f"a {source.kind} table cannot be poured into the {kind} template")
        if kind == EVALUATION:
            experts = min(MAX_EXPERTS, max(MIN_EXPERTS, max((len(i.experts) for i in source.indicators), default=3)))
        rows = max(rows or DEFAULT_ROWS, len(source.indicators))
        groups: dict[str, int] = {}
        for item in source.line_items:
            if item.kind == "item":
                g = _group(item.method)
                groups[g] = groups.get(g, 0) + 1
        line_rows = max([LINE_ITEM_ROWS, *groups.values()])
    wb, built = build_template(kind, rs, experts=experts, rows=rows or DEFAULT_ROWS, line_rows=line_rows)
    if source is not None:
        fill(wb, built, source, rs)
    save_workbook(wb, out)
    return out


def _group(method: str) -> str:
    return "政府采购" if "采购" in method else "自行组织"


def _put(ws, ref: str, value: object) -> None:  # noqa: ANN001
    from ..annotate import write_text

    if value is None or value == "":
        return
    write_text(ws[ref], value)


def fill(wb, built: Built, source: Table, rules: RuleSet) -> None:  # noqa: ANN001
    """Pour ``source`` into a freshly built template so that it scores the same."""
    ws = wb[built.sheet]
    for f in ("project", "department", "unit", "year", "attribute", "period", "manager", "phone"):
        if f in built.cells and source.field_value(f) not in (None, ""):
            _put(ws, built.cells[f], source.field_value(f))
    if source.kind == DEPT and "project" in built.cells and not source.field_value("project"):
        _put(ws, built.cells["project"], source.field_value("department"))
    for f, field in source.goals_text.items():
        if f in built.cells:
            _put(ws, built.cells[f], field.value)
    if built.kind == SELFEVAL:
        _fill_funds(ws, built, source)
    if built.kind == MONITOR:
        _fill_monitor_funds(ws, built, source)
    if built.kind in (DEPT, GOALS):
        _fill_amounts(ws, built, source)
    _fill_indicators(ws, built, source, rules)
    _fill_line_items(ws, built, source)


#: Funds row kinds (reader) → the labels of the templates' funds rows (layout.FUNDS_ROWS).
_FUNDS_ROW_LABELS = {"fiscal": "其中：当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}


def _fill_funds(ws, built: Built, source: Table) -> None:  # noqa: ANN001
    cols = built.funds_cols
    rows = {kind: built.funds_rows[label] for kind, label in _FUNDS_ROW_LABELS.items()}
    if source.funds is not None:
        parts = source.funds.parts()
        total = source.funds.row("total")
        if total is not None and not any(r.annual_budget or r.spent or r.initial_budget for r in parts):
            parts = [total]  # no components given: the total stands in 当年财政拨款 (documented)
            parts[0] = type(total)("fiscal", total.label, total.initial_budget, total.annual_budget, total.spent)
        for kind, row in rows.items():  # 中央资金 and 省级资金, both 财政拨款, in its one row
            for f in FUNDS_AMOUNTS:
                _put(ws, f"{cols[f]}{row}", _sum_of(getattr(r, f) for r in parts if r.kind == kind))
        if total is not None and total.weight:
            _put(ws, built.names["execution_weight"], total.weight)
    elif source.kind == GOALS:
        a = {k: f.value for k, f in source.amounts.items()}
        for f, row in (("annual_fiscal", rows["fiscal"]), ("annual_other", rows["other"])):
            if isinstance(a.get(f), int | float) and a[f]:
                _put(ws, f"{cols['initial_budget']}{row}", a[f])
                _put(ws, f"{cols['annual_budget']}{row}", a[f])


def _sum_of(amounts: Iterable[float | None]) -> float | None:
    """The sum of the amounts given, or None when none is (a row left empty stays empty)."""
    xs = [x for x in amounts if x is not None]
    return float(f"{sum(xs):.12g}") if xs else None


def _fill_monitor_funds(ws, built: Built, source: Table) -> None:  # noqa: ANN001
    """Budget (and, from a monitoring table, spending so far and the months) into the funds block."""
    cols, rows = built.funds_cols, built.funds_rows
    if source.kind == MONITOR and source.months is not None and isinstance(source.months.value, int):
        _put(ws, built.cells["months"], source.months.value)
    by_kind = _FUNDS_ROW_LABELS
    if source.funds is not None:
        parts = [r for r in source.funds.parts() if r.kind in by_kind]
        total = source.funds.row("total")
        if total is not None and not any(r.annual_budget or r.spent for r in parts):
            parts = [type(total)("fiscal", total.label, None, total.annual_budget, total.spent)]
        for kind, label in by_kind.items():
            _put(ws, f"{cols['annual_budget']}{rows[label]}", _sum_of(r.year_budget for r in parts if r.kind == kind))
            if source.kind == MONITOR:
                _put(ws, f"{cols['spent']}{rows[label]}", _sum_of(r.spent for r in parts if r.kind == kind))
    elif source.kind == GOALS:
        a = {k: f.value for k, f in source.amounts.items()}
        for f, kind in (("annual_fiscal", "fiscal"), ("annual_other", "other")):
            if isinstance(a.get(f), int | float) and a[f]:
                _put(ws, f"{cols['annual_budget']}{rows[by_kind[kind]]}", a[f])


def _fill_amounts(ws, built: Built, source: Table) -> None:  # noqa: ANN001
    amounts = {k: f.value for k, f in source.amounts.items()}
    if source.funds is not None and (t := source.funds.total()) is not None:
        amounts.setdefault("initial_budget", t.initial_budget)
        amounts.setdefault("annual_budget", t.annual_budget)
        amounts.setdefault("spent", t.spent)
    for f, value in amounts.items():
        if f in built.cells and isinstance(value, int | float):
            _put(ws, built.cells[f], value)


def _fill_indicators(ws, built: Built, source: Table, rules: RuleSet) -> None:  # noqa: ANN001
    from ..monitoring import how_often
    from ..scoring import NOT_APPLICABLE_KEYS, judged, with_target_in_name

    L = built.columns
    result = score_table(source, rules) if source.kind in (SELFEVAL, DEPT) else None
    scored = {id(r.indicator): r for r in result.rows} if result else {}
    tr = rules.for_table(built.kind)
    bands = tr.qualitative
    tax = TAXONOMIES[built.kind]
    n = source.months.value if source.months is not None else None
    months = n if isinstance(n, int) else None  # monitoring: the N of 1-N月
    for k, ind in enumerate(source.indicators):
        row = built.first_row + k
        put = lambda f, v, row=row: _put(ws, f"{L[f]}{row}", v) if f in L else None  # noqa: E731
        # the template's names, which its dropdowns offer and its 得分汇总 sums by (产出指标（50分） → 产出指标)
        level1 = canonical(ind.level1, tax)
        put("level1", level1)
        put("level2", canonical(ind.level2, tax.get(level1, ())))
        put("name", ind.name)
        put("weight", ind.weight)
        put("criteria", ind.criteria)
        put("deviation", ind.deviation)
        if built.kind == EVALUATION:
            for e, value in enumerate(ind.experts[: built.experts]):
                put(f"expert{e + 1}", value)
            continue
        row_score = scored.get(id(ind))
        if (named := with_target_in_name(ind)) is not None:
            # ``服务老人人数≥2000人`` with no 指标值 (S103): its target in the template's column, as scored
            ind = named
        target = ind.target.number if ind.target.is_number else ind.target.text
        put("target", target)
        put("unit", ind.unit if ind.target.is_number else "")
        if built.kind == MONITOR:
            put("direction", "定性" if ind.qualitative or not ind.target.is_number else (ind.op or ""))
            if source.kind == MONITOR:
                to_date, forecast = _as_number(ind.to_date, ind), _as_number(ind.forecast, ind)
                if months and to_date.is_number and how_often(ind):
                    # 每季度1次 by June: 2 done, as the template prorates (monitoring.indicator_light)
                    to_date = replace(to_date, number=to_date.number * months / 12)
                for f, v in (("to_date", to_date), ("forecast", forecast)):
                    put(f, v.number if v.is_number else v.text)
                put("likelihood", ticked(ind.likelihood) or ind.likelihood)  # a cell of boxes: the one ticked
                put("measures", ind.measures)
            continue
        if built.kind == GOALS or source.kind == GOALS:
            put("direction", "定性" if ind.qualitative else (ind.op or ""))
            continue
        # kept a date, under 度量单位「日期」, so the template scores it as a deadline (a lower score
        # written for a late date is not the template's rule: that row keeps it as a qualitative rate)
        if _deadline(ind) and (row_score is None or row_score.explain_key != "date_late_written"):
            from datetime import date

            put("direction", "≥" if ind.op in ("≥", ">") else "≤")
            put("unit", DATE_UNIT)
            put("target", date(*ind.target.when))  # type: ignore[misc]  (a full date: _deadline)
            if ind.actual.kind == "date":
                put("actual", date(*ind.actual.when))  # type: ignore[misc]
            continue
        # ``低于90%`` of ≥90%: short by how much unsaid, scored as partly achieved — a 定性 row here
        short = row_score is not None and row_score.explain_key == "short_of_target"
        if not ind.qualitative and not short:  # ``参展企业80家``: the number Python scored it by, as the template asks
            ind = replace(ind, actual=_as_number(ind.actual, ind))
        text_actual = ind.actual.kind == "text" or short
        if ind.qualitative or not ind.target.is_number or text_actual:
            put("direction", "定性")
            if text_actual or ind.qualitative:
                put("actual", ind.actual.text if text_actual else ind.actual.number)
            if row_score is not None and row_score.score is not None and ind.weight:
                rate = row_score.score / ind.weight
                band = next((b for b in bands if b.low <= rate <= b.high), bands[-1])
                put("outcome", band.outcome)
                put("qual_rate", rate)
            elif (ind.outcome or text_actual) and not (row_score and row_score.explain_key in NOT_APPLICABLE_KEYS):
                # (a row left out as not applying takes no outcome: the template scores it 0, as drop does)
                put("outcome", bands[judged(ind, ind.outcome or ind.actual.text, tr)].outcome)
            continue
        put("direction", ind.op or "")
        if ind.actual.is_number:
            put("actual", ind.actual.number)


def _as_number(v: Value, ind: Indicator) -> Value:
    """``v``, or what a reviewer reads in it (values.value_read: the number of a sentence,
    ``参展企业80家``; a share of the target, ``93%`` of ≥3000平方米; a score on a stated scale,
    ``4.6分（满分5分）``) in the unit of the row's target — what Python scores or lights it by, and
    what the template's number cell asks for; a number in another unit (``25天`` of ≤1个月,
    ``1.2万人`` of ≥10000人) in the target's, which the template's 度量单位 column states."""
    v = toward(ind.target, v)  # ``下降3%`` of 增长10%: −3, as aligned compares it
    found = value_read(v, ind.target, ind.unit, ind.op) or (v if v.is_number else None)
    if found is None or found.number is None:
        return v
    if (found.is_percent or ind.target.is_percent) and not percent_unit_pair(found, ind.target):
        # a rate keeps its scale, as Python compares it (aligned); 0.8% of ≤5‰ is poured as 8
        return found
    return replace(found, number=units.convert(found.number, found.unit, ind.target.unit), unit=ind.target.unit)


def _deadline(ind) -> bool:  # noqa: ANN001  (an Indicator)
    """A deadline row a template can hold as date cells: full dates (a ``12月底前`` without a
    year cannot be one), and an actual that is one too or not given yet."""
    def full(v) -> bool:  # noqa: ANN001
        return v.kind == "date" and v.when is not None and all(v.when)

    return not ind.qualitative and full(ind.target) and (full(ind.actual) or ind.actual.is_none)


def _fill_line_items(ws, built: Built, source: Table) -> None:  # noqa: ANN001
    if not built.line_rows:
        return
    free: dict[str, list[int]] = {}
    for group, row in built.line_rows:
        free.setdefault(group, []).append(row)
    c = built.line_cols
    for item in source.line_items:
        if item.kind != "item":
            continue
        row = free[_group(item.method)].pop(0)
        _put(ws, f"{c['content']}{row}", item.content)
        for f in ("budget", "contract", "spent"):
            _put(ws, f"{c[f]}{row}", getattr(item, f))

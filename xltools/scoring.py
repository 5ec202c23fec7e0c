"""Scores, parts, totals, grades and the §4 figures, computed from the model and a rule set.

The rules are those of domain.md §5; every number they use (weights, bands, thresholds, the
``≤`` method, grades, decimals) comes from the :class:`~xltools.ruleset.RuleSet`. Each row's
score carries a one-line explanation (``770.42/1000 = 77.04% × 10 = 7.70``) kept as a message
key and parameters, rendered in the reader's language only when output is written.

Rounding follows the published tables: each row score is rounded half-up to ``digits``; parts
and the total are sums of the rounded row scores.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from . import units
from .direction import less_is_better
from .messages import render, word
from .model import DEPT, EVALUATION, GOALS, MONITOR, Field, Indicator, Table, Workbook
from .ruleset import OutcomeWords, RuleSet, TableRules, load_rules, packaged_heuristics
from .taxonomy import level1_key
from .values import (
    DATE_UNIT,
    Value,
    change_word,
    date_in,
    date_order,
    format_number,
    is_qualitative_direction,
    kind_only,
    parse_value,
    percent_scale,
    percent_unit_pair,
    range_bounds,
    relative_to_target,
    says_not_applicable,
    sentence_target,
    serial_date,
    stated_bound,
    ticked,
    toward,
    value_read,
)

_ACHIEVED, _PARTIAL, _FAILED = 0, 1, 2
#: Monitoring lights, worst first (xltools/monitoring.py).
LIGHTS = ("red", "yellow", "green", "blue")


def round_half_up(x: float, digits: int = 2) -> float:
    """Round as Excel's ROUND does: the value to 15 significant digits first, then half away from
    zero in decimal (2.675 → 2.68, where round() gives 2.67; 1.5 × 114/120 = 1.4249999999999998,
    float noise, → 1.43, the exact product's rounding).

    Only a value within a hair of a half (relative 1e-12, far wider than what 15 significant
    digits or float noise can move) takes the decimal path; every other value rounds the same
    either way, so it is rounded in floats. (A fixed relative nudge, as before, was too coarse at
    large values: a weight of 46715737.36495328 rounded to .37, where Excel shows .36.)
    Infinities and NaN (a budget of 1e-308 typed into a cell) come back unchanged, and so does
    a value of 10^15 or more (no decimals left at 15 significant digits).
    """
    m = 10.0**digits
    y = abs(x) * m
    if y < 1e15:
        f = math.floor(y)
        if abs(y - f - 0.5) > 1e-12 * max(1.0, y):
            r = (f + 1.0 if y - f > 0.5 else f) / m
            return r if x >= 0 else -r
    elif not math.isfinite(x) or abs(x) >= 1e15:  # NaN is not < 1e15 either
        return x
    return float(Decimal(f"{x:.15g}").quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)
def pct(x: float, digits: int = 2) -> str:
    return f"{round_half_up(x * 100, digits):.{digits}f}%"


@dataclass(slots=True)
class RowScore:
    level1: str
    level2: str
    name: str
    weight: float | None
    score: float | None
    explain_key: str
    params: dict[str, object]
    sheet: str = ""
    cell: str = ""
    indicator: Indicator | None = field(default=None, repr=False)
    achieved: bool | None = None
    light: str | None = None  # monitoring tables: red | yellow | green | blue (None: cannot tell)

    def explain(self, lang: str = "zh") -> str:
        return render(self.explain_key, self.params, lang)


@dataclass(slots=True)
class Part:
    name: str
    weight: float | None
    score: float | None
    rate: float | None


@dataclass(slots=True)
class ScoreResult:
    path: str
    table: str
    sheet: str
    project: str
    total: float | None
    grade: str | None
    parts: list[Part]
    figures: dict[str, float]
    rows: list[RowScore]
    rules: str
    execution: RowScore | None = None
    #: a total taken on the full marks of the rows that apply (TableRules.not_applicable =
    #: "rescale"): (the rows' sum, their weights, the full marks); None when every row applies
    rescaled: tuple[float, float, float] | None = None

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        """The JSON shape other tools rely on (rates are fractions: 0.9692 means 96.92%)."""
        return {
            "path": self.path,
            "table": self.table,
            "sheet": self.sheet,
            "project": self.project,
            "rules": self.rules,
            "total": self.total,
            "grade": self.grade,
            "parts": [{"name": p.name, "weight": p.weight, "score": p.score, "rate": p.rate}
                      for p in self.parts],
            "figures": self.figures,
            "rows": [{"level1": r.level1, "level2": r.level2, "name": r.name, "weight": r.weight,
                      "score": r.score, "explain": r.explain(lang), "sheet": r.sheet, "cell": r.cell,
                      **({"light": r.light} if self.table == MONITOR else {})}
                     for r in self.rows],
            **({"lights": self.lights()} if self.table == MONITOR else {}),
        }

    def lights(self) -> dict[str, int]:
        """Monitoring tables: how many rows show each light (red, yellow, green, blue)."""
        counts = dict.fromkeys(LIGHTS, 0)
        for r in self.rows:
            if r.light is not None:
                counts[r.light] += 1
        return counts


def score_workbook(book: Workbook, rules: RuleSet | None = None) -> list[ScoreResult]:
    rules = rules or load_rules()
    return [score_table(t, rules, path=book.path) for t in book.tables]


def score_table(table: Table, rules: RuleSet | None = None, *, path: str = "") -> ScoreResult:
    """Score one table; a goal declaration gets weights and parts but no score."""
    rules = rules or load_rules()
    tr = rules.for_table(table.kind)
    d = rules.digits
    rows: list[RowScore] = []
    execution = None
    if table.kind == EVALUATION:  # (our template's formulas know no 不适用: its text is no score)
        rows = [_expert_row(i, d, not_applicable=not table.template) for i in table.indicators]
    elif table.kind == GOALS:
        rows = [RowScore(i.level1, i.level2, i.name, i.weight, None, "no_score_goals", {},
                         i.sheet, i.cell("weight"), i) for i in table.indicators]
    elif table.kind == MONITOR:  # not scored: a light per row (domain.md §3.6)
        from .monitoring import monitor_rows

        rows = monitor_rows(table, rules)
    else:
        execution = _execution_row(table, tr, d, rules.total)
        # In our own templates the 得分 column is the template's formula: score from the inputs.
        written = not table.template
        if table.weights_by_block:
            rows = _block_rows(table, tr, d)
        else:
            rows = [score_indicator(i, tr, d, use_written=written) for i in table.indicators]
    if execution is not None:
        rows.insert(0, execution)
    parts = _parts(rows, d)
    scored = [r.score for r in rows if r.score is not None]
    total = round_half_up(sum(scored), d) if scored and table.kind not in (GOALS, MONITOR) else None
    rescaled = _rescaled(rows, total, tr) if table.kind not in (GOALS, MONITOR) else None
    if rescaled is not None:
        total = round_half_up(rescaled[0] / rescaled[1] * rescaled[2], d)
    return ScoreResult(
        path=path, table=table.kind, sheet=table.sheet, project=table.project_name,
        total=total, grade=rules.grade(total), parts=parts, figures=figures(table),
        rows=rows, rules=rules.id, execution=execution, rescaled=rescaled,
    )


def _rescaled(rows: list[RowScore], total: float | None, tr: TableRules) -> tuple[float, float, float] | None:
    """The sum of the rows that apply, their weights and the full marks, when some rows do not
    apply and the rule set takes the total on the full marks of the rest (not_applicable =
    "rescale", as evaluation guidelines convert it 折算为百分制); else None."""
    if total is None or tr.not_applicable != "rescale":
        return None
    left_out = sum(r.weight or 0.0 for r in rows if r.explain_key in NOT_APPLICABLE_KEYS)
    full = sum(r.weight or 0.0 for r in rows)
    applies = full - left_out
    return (total, applies, full) if left_out and applies > 0 else None


def _block_rows(table: Table, tr: TableRules, d: int) -> list[RowScore]:
    """A table weighed by block (Table.weights_by_block, 湖北's 产出指标（50分）): a row per block
    with its weight and the score written for it — taken as written, within 0 and the weight (A304
    reports one beyond it) — since the form leaves the reckoning inside a block to the unit; then
    its indicators, each judged met or not by domain.md §5 but with no score of its own."""
    parts = {p.name: p for p in table.written_parts}
    rows: list[RowScore] = []
    for ind in table.indicators:
        p = parts.pop(ind.level1, None)
        if p is not None and p.weight is not None:
            cell = p.cells.get("score") or p.cells.get("weight", "")
            if p.score is None:
                rows.append(RowScore(p.name, "", p.name, p.weight, None, "block_no_score", {}, table.sheet, cell))
            else:
                score = round_half_up(min(max(p.score, 0.0), p.weight), d)
                rows.append(RowScore(p.name, "", p.name, p.weight, score, "block_written",
                                     {"weight": _fmt(p.weight), "score": f"{score:.{d}f}"}, table.sheet, cell))
        # judged by its values alone: the score merged down the block is the block's, not the row's
        judged = score_indicator(replace(ind, weight=100.0, score=None), tr, d)
        if judged.explain_key == "actual_not_applicable":  # ``不适用``: a declared indicator left unevaluated (A332)
            said = judged.params["said"]
            rows.append(_row(ind, None, "block_not_applicable", {"said": said, "weight": ""}, "actual"))
            continue
        state = "@block_met" if judged.achieved else "@block_unmet" if judged.achieved is False else "@block_unjudged"
        rows.append(_row(ind, None, "block_indicator", {"state": state}, "actual", judged.achieved))
    return rows


def _parts(rows: list[RowScore], d: int) -> list[Part]:
    order: dict[str, list[RowScore]] = {}
    for r in rows:
        order.setdefault(r.level1, []).append(r)
    parts = []
    for name, rs in order.items():
        ws = [r.weight for r in rs if r.weight is not None]
        ss = [r.score for r in rs if r.score is not None]
        weight = round_half_up(sum(ws), d) if ws else None
        score = round_half_up(sum(ss), d) if ss else None
        rate = round_half_up(score / weight, 4) if score is not None and weight else None
        parts.append(Part(name, weight, score, rate))
    return parts


def format_approx(x: float) -> str:
    """A computed value as an explanation shows it: to two decimals, marked ``≈`` when that rounds it
    (10个月 is ≈0.83年, not 0.833333年; 85天 is ≈2.83个月)."""
    return _fmt(x) if round(x, 2) == x else f"≈{_fmt(round_half_up(x, 2))}"


def _fmt(x: float | None) -> str:
    return format_number(x)


def _execution_row(table: Table, tr: TableRules, d: int, full: float) -> RowScore | None:
    """预算执行率 row: weight × min(全年执行数/全年预算数, 100%) (domain.md §5); ``full`` is the
    rule set's total."""
    spent, budget, weight, cell = _execution_inputs(table, tr)
    if spent is None and budget is None:
        return None
    label = word("part_execution")
    if table.kind == DEPT and any(level1_key(i.level1) == level1_key("当年预算执行情况") for i in table.indicators):
        return None
    if not table.template and not _funds_weighted(table) \
            and abs(sum(i.weight or 0 for i in table.indicators) - full) < 0.005:
        # the form's indicators weigh the whole 100 and its money has no 分值 or 得分: the execution
        # is a figure, not a score on top (Fujian's 部门整体 table, a department's amounts under
        # labels) — where a province's form scores 预算执行率 as an indicator row, not twice
        return None
    if table.kind == DEPT:
        label = "当年预算执行情况"
    if not budget or budget < 0 or spent is None:  # as the template: no score without a positive budget
        return RowScore(label, "", word("part_execution"), weight, None,
                        "exec_no_spent" if budget and budget > 0 else "exec_no_budget", {},
                        table.sheet, cell)
    rate = spent / budget
    score = round_half_up(weight * min(max(rate, 0.0), 1.0), d)  # negative spending scores 0, not below
    key = "exec" if rate <= 1 else "exec_full"
    params = {"spent": _fmt(spent), "budget": _fmt(budget), "rate": pct(rate),
              "weight": _fmt(weight), "score": f"{score:.{d}f}"}
    return RowScore(label, "", word("part_execution"), weight, score, key, params, table.sheet, cell,
                    achieved=rate >= 1)


def _funds_weighted(table: Table) -> bool:
    """Whether the funds block writes the execution's 分值 or 得分 (the national form's)."""
    total = table.funds.row("total") if table.funds is not None else None
    return total is not None and ("weight" in total.cells or "score" in total.cells)


def _execution_inputs(table: Table, tr: TableRules) -> tuple[float | None, float | None, float, str]:
    weight = tr.execution_weight
    if table.funds is not None:
        total = table.funds.total()
        if total is not None:
            budget = total.year_budget
            if total.weight is not None:  # (a 分值 of 0 written: the table scores no execution, G208 weighs it)
                weight = total.weight
            return total.spent, budget, weight, total.cells.get("score") or total.cells.get("spent", "")
    spent, budget = execution_amounts(table)
    if spent is None and budget is None:
        return None, None, weight, ""
    cell = spent.cell if spent else ""
    return (spent.value if spent else None), (budget.value if budget else None), weight, cell  # type: ignore[return-value]


def execution_amounts(table: Table) -> tuple[Field | None, Field | None]:
    """A department's spending (全年执行数, else 支出决算数) and budget (全年预算数, else 年初预算数):
    what its execution score divides, and what A302 holds one against the other."""
    a = {k: f for k, f in table.amounts.items() if is_amount(f.value)}
    return a.get("spent") or a.get("final_accounts"), a.get("annual_budget") or a.get("initial_budget")


def is_amount(value: object) -> bool:
    """A labelled amount that is a number (the reader's always are; True is no amount)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def figures(table: Table) -> dict[str, float]:
    """The domain.md §4 figures whose inputs the table holds, as fractions to four decimals."""
    out: dict[str, float] = {}
    a = {k: f.value for k, f in table.amounts.items() if is_amount(f.value)}
    # spending is 全年执行数, else 支出决算数; a budget not adjusted during the year leaves 全年预算数
    # empty: the 年初预算数 is the year's — as the execution score takes them (execution_amounts)
    spent, budget = (f.value if f else None for f in execution_amounts(table))
    initial = a.get("initial_budget")
    if table.funds is not None and (t := table.funds.total()) is not None:
        spent = t.spent if t.spent is not None else spent
        initial = t.initial_budget if t.initial_budget is not None else initial
        budget = t.year_budget if t.year_budget is not None else budget
    if spent is not None and budget:  # in a monitoring table: spending so far, 执行进度
        out["progress" if table.kind == MONITOR else "execution_rate"] = round_half_up(spent / budget, 4)
    if a.get("carryover") is not None and budget:
        out["carryover_rate"] = round_half_up(a["carryover"] / budget, 4)
    final = a.get("final_accounts")
    if final is not None and initial:
        out["final_diff_rate"] = round_half_up(abs(final - initial) / initial, 4)
    if a.get("received") is not None and a.get("planned"):
        out["received_rate"] = round_half_up(a["received"] / a["planned"], 4)
    return {k: v for k, v in out.items() if math.isfinite(v)}  # a budget of 1e-308 gives no rate, not inf


def _row(ind: Indicator, score: float | None, key: str, params: dict[str, object],
         cell: str = "score", achieved: bool | None = None) -> RowScore:
    return RowScore(ind.level1, ind.level2, ind.name, ind.weight, score, key, params, ind.sheet,
                    ind.cell(cell, "name"), ind, achieved)


def score_indicator(ind: Indicator, tr: TableRules, d: int = 2, *, use_written: bool = True) -> RowScore:
    """One self-evaluation row by its direction (domain.md §5)."""
    w = ind.weight
    if w is None:
        return _row(ind, None, "no_weight", {}, "weight")
    if use_written and (said := not_applicable_actual(ind)):
        return _row(ind, None, "actual_not_applicable", {"said": said, "weight": _fmt(w)}, "actual")
    if not ind.qualitative and _is_dated(ind, use_written):
        return _dated(ind, tr, d, use_written)
    if use_written and (read := with_target_in_name(ind)) is not None:
        # ``服务老人人数≥2000人`` with no 指标值 (S103): scored against the target in its name, as a
        # reviewer reads it, not taken as the written score
        return restated(ind, score_indicator(read, tr, d), "target", ind.name)
    if use_written and short_of_target(ind, tr):
        # ``低于90%`` against ≥90%: not reached, by how much unsaid; ``超过0起`` against ≤0起 failed (as any count is)
        band = tr.qualitative[_FAILED if ind.actual.op in (">", "≥") and (ind.target.number or 0) <= 0 else _PARTIAL]
        score = round_half_up(w * band.default, d)
        return _row(ind, score, "short_of_target", {
            "actual": ind.actual.text, "target": ind.target.text, "outcome": f"@outcome_{band.outcome}",
            "rate": pct(band.default), "weight": _fmt(w), "score": f"{score:.{d}f}"}, "actual", achieved=False)
    # a sentence where a value belongs (our template's formulas score text as 0); most rows have none
    read = sentence_read(ind) if use_written and ("text" in (ind.target.kind, ind.actual.kind)
                                                  # a percent against another unit, either way round
                                                  or (ind.actual.unit not in ("", ind.target.unit)
                                                      and "%" in (ind.actual.unit, ind.target.unit))
                                                  or ind.actual.unit == "分"
                                                  or (ind.target.kind == "date" and ind.actual.is_number)) else None
    if read is not None:  # scored by what the sentence stands for, which the explanation names beside it
        return restated(ind, score_indicator(read[0], tr, d), read[1], read[2])
    if ind.qualitative or not ind.target.is_number:
        return _qualitative(ind, tr, d, use_written)
    if ind.actual.is_none:
        return _row(ind, 0.0, "no_actual", {}, "actual", achieved=False)
    if not ind.actual.is_number and not use_written:
        # our template asks for a number here; its formula scores text as 0, and so do we
        return _row(ind, 0.0, "actual_not_number", {"actual": ind.actual.text}, "actual", achieved=False)
    if not ind.actual.is_number:
        outcome = judged(ind, ind.actual.text, tr)
        band = tr.qualitative[outcome]
        score = round_half_up(w * band.default, d)
        return _row(ind, score, "text_actual", {
            "actual": ind.actual.text, "outcome": f"@outcome_{band.outcome}", "rate": pct(band.default),
            "weight": _fmt(w), "score": f"{score:.{d}f}"}, achieved=outcome == _ACHIEVED)
    t, a = aligned(ind.target, ind.actual)
    ts, as_ = _shown(ind, t, a)
    full = {"actual": as_, "target": ts, "score": f"{w:.{d}f}"}
    sized = full  # what the arithmetic of a ceiling missed shows: a band's half-width and a deviation's size
    if ind.target.band:  # ±10%: met by a deviation of either sign within it, reckoned by its size
        full = {**full, "target": f"±{ts}"}
        sized = {**full, "target": ts, "actual": f"|{as_}|" if a < 0 else as_}
        a = abs(a)
    op = scored_op(ind, tr if use_written else None)
    if op in ("≤", "<") or (op == "=" and t == 0):
        if t <= 0:
            if a <= t:
                return _row(ind, round_half_up(w, d), "zero_full", full, achieved=True)
            return _row(ind, 0.0, "zero_zero", full, achieved=False)
        if a <= t:
            return _row(ind, round_half_up(w, d), "less_full", full, achieved=True)
        if tr.less_is_better == "deduction":
            if a >= 2 * t:
                return _row(ind, 0.0, "less_double", full, achieved=False)
            over = (a - t) / t
            score = round_half_up(w * (1 - over), d)
            return _row(ind, score, "less_deduction", {**sized, "over": pct(over), "weight": _fmt(w),
                                                        "score": f"{score:.{d}f}"}, achieved=False)
        score = round_half_up(w * t / a, d)
        return _row(ind, score, "less_ratio", {**sized, "rate": pct(t / a), "weight": _fmt(w),
                                                "score": f"{score:.{d}f}"}, achieved=False)
    if op == "=" and round_half_up(a, d) == round_half_up(t, d):
        return _row(ind, round_half_up(w, d), "eq_full", full, achieved=True)
    if op == "=" and a > t:
        return _row(ind, round_half_up(w, d), "eq_above", full, achieved=True)
    if a >= t:
        if t > 0 and a >= t * tr.overachievement and not units.unconvertible(ind.actual.unit, ind.target.unit):
            # (not 2050人 against ≥95%: the bare numbers say nothing of the target — A316's, not A312's)
            return _row(ind, round_half_up(w, d), "more_over", {**full, "ratio": pct(a / t)}, achieved=True)
        return _row(ind, round_half_up(w, d), "more_full", full, achieved=True)
    if t <= 0:
        return _row(ind, 0.0, "more_part", {**full, "rate": "0.00%", "weight": _fmt(w), "score": "0.00"},
                    achieved=False)
    rate = max(a / t, 0.0)
    score = round_half_up(w * rate, d)
    return _row(ind, score, "more_part", {**full, "rate": pct(rate), "weight": _fmt(w),
                                          "score": f"{score:.{d}f}"}, achieved=False)


def target_in_name(ind: Indicator) -> Value | None:
    """The bounded target written into a 三级指标 name (``服务老人人数≥2000人``, ``满意度不低于90%``)
    whose 指标值 was left empty, or None."""
    named = parse_value(ind.name)
    return named if named.is_number and named.op and not named.band else None


def with_target_in_name(ind: Indicator) -> Indicator | None:
    """A row whose 指标值 is empty, with the target its name states (:func:`target_in_name`) —
    scored against it, and poured into a template's target column — or None."""
    if not ind.target.is_none or not ind.name or (named := target_in_name(ind)) is None:
        return None
    return replace(ind, target=named, op=named.op, qualitative=False, unit=ind.unit or named.unit)


def short_of_target(ind: Indicator, tr: TableRules | None, field: str = "actual") -> bool:
    """Whether the actual says it fell short of the target without the value reached: a bound on
    the far side of it (``低于90%``, ``90%以下``, ``接近90%``, ``不到90%`` against ≥90%; ``超过30天`` against
    ≤30天). Read as its number it took full marks; a reviewer reads it as not reached, and by how
    much it does not say — scored as partly achieved (domain.md §5's middle outcome), as the words
    ``不足90%`` were. A bound on the near side (``超过95%`` against ≥90%) is a value met, as before.
    ``field``: the value asked about (a monitoring table's ``to_date``); ``tr`` None: no rule set's words."""
    t, v = ind.target, getattr(ind, field)
    if (v.op is None and v.kind != "text") or ind.qualitative or not t.is_number or t.band or t.change:
        return False  # (most actuals: a plain number)
    b = stated_bound(v)
    if b is None or not units.comparable(b.unit, t.unit):
        return False
    tn, bn = aligned(t, b)
    op = scored_op(ind, tr)
    if op in ("≤", "<") or (op == "=" and tn == 0):
        return b.op in (">", "≥") and bn >= tn
    return b.op in ("<", "≤") and bn <= tn


def scored_op(ind: Indicator, tr: TableRules | None) -> str:
    """The row's operator as scoring applies it: ``=`` when none is given, and ``≤`` for a bare
    target that a rule set's ``lower_better`` word makes a ceiling (退货率 5%, as the packaged words
    make one when the table is read; G223). ``tr`` None: as read (our templates know only the
    packaged words)."""
    op = ind.op or "="
    return "≤" if op == "=" and tr is not None and ruled_ceiling(ind, tr) else op


def bare_target(ind: Indicator) -> bool:
    """A target written without a bound or a 指标性质 (``5%``, ``30天``), whose way the row's place and
    name say (direction.less_is_better; G223 says how it was read)."""
    t = ind.target
    return t.op is None and (not ind.direction or kind_only(ind.direction)) and not t.change and not t.band


def ruled_ceiling(ind: Indicator, tr: TableRules) -> bool:
    """A bare target that a word the rule set adds to ``lower_better`` (退货率) makes a ceiling, as
    the packaged words make one when the table is read; scoring and G223 ask."""
    return bool(tr.lower_better) and bare_target(ind) and any(w in ind.name for w in tr.lower_better)


def sentence_read(ind: Indicator, field: str = "actual") -> tuple[Indicator, str, str] | None:
    """A row with a sentence where a value belongs, as a reviewer reads it — the row with the value
    the sentence stands for, the field it stands in (``target`` or ``field``), and the sentence —
    or ``None`` when no value is read out of one. Scoring and monitoring lights share it:

    * a target without a bound (``培训100人``, G220) against a value in its unit (values.sentence_target);
    * a deadline met by a sentence with one date (``已于2023年11月20日完成验收``, values.date_in);
    * a quantitative row's value in a sentence (``参展企业80家``), a share of the target where its
      amount belongs (``93%``, ``完成全年目标的55%``), a score on a stated scale (``4.6分（满分5分）``):
      values.value_read.
    """
    value: Value = getattr(ind, field)
    if ind.target.kind == "text":
        if is_qualitative_direction(ind.direction):
            return None
        found = range_bound(ind) or sentence_target(ind.target, value)
        return None if found is None else (replace(ind, target=found, op=found.op or "=", qualitative=False),
                                           "target", ind.target.text)
    if ind.qualitative:
        return None
    if ind.target.kind == "date":
        found = (date_in(value.text) or relative_to_target(value, ind.target)) if value.kind in ("text", "number") \
            else None  # ``已于2023年11月20日完成``, ``2023.11``, ``延期3天``
    else:  # ``93%`` against ≥3000平方米 (2790平方米), ``4.6分（满分5分）`` (92%), ``参展企业80家``
        found = value_read(value, ind.target, ind.unit, ind.op)
    return None if found is None else (replace(ind, **{field: found}), field, value.text)


def range_bound(ind: Indicator) -> Value | None:
    """The end of a target written as a range (``2000-2200人``, G222; ``≥95%且≤100%``) that a
    reviewer scores it by: ≤ its upper end where less is better — the row's 指标性质 says ≤, or
    it is an amount under 成本, a time under 时效指标 or a count of what should not happen
    (direction.less_is_better) — else ≥ its lower end, as quantities, rates and benefits are. An
    actual within the range meets it either way; read as words, any actual did."""
    ends = range_bounds(ind.target, ind.unit)
    if ends is None:
        return None
    if ind.op in ("≥", ">", "≤", "<"):
        return ends[1] if ind.op in ("≤", "<") else ends[0]
    return ends[1] if less_is_better(ind.level1, ind.level2, ind.name, ends[1].unit) else ends[0]


def restated(ind: Indicator, row: RowScore, param: str, text: str) -> RowScore:
    """``row``, scored with a value read out of a sentence, as the row of ``ind`` whose explanation
    names the sentence beside the value: ``80家（参展企业80家）``."""
    said = str(row.params.get(param, ""))
    if text not in said:
        row.params = {**row.params, param: f"{said}（{text}）"}
    row.indicator = ind
    return row


def _is_dated(ind: Indicator, use_written: bool) -> bool:
    """A deadline row: both values dates, or both numbers under the unit 日期 (Excel serials, as
    our template keeps them; there the unit is the only sign a formula can see, and the reader
    hands a template's date cells over as the numbers its formulas see: reading.as_template_sees)."""
    t, a = ind.target, ind.actual
    if ind.unit == DATE_UNIT and t.number is not None and a.number is not None and t.kind != "text":
        return True
    return use_written and t.kind == "date" and a.kind == "date"


def on_time(actual: Value, target: Value, op: str | None) -> bool:
    """Whether the date ``actual`` meets the deadline ``target``: on or before it, or on or after it
    for ``≥`` (不早于)."""
    order = date_order(actual, target)
    return order >= 0 if op in ("≥", ">") else order <= 0


def _dated(ind: Indicator, tr: TableRules, d: int, use_written: bool) -> RowScore:
    """A deadline (``2023年12月31日前``, ``12月底前``, a date cell) against the date it was met.

    On time scores the weight. Late scores the rule set's ``late_date_rate`` of it (nationally 0:
    "未按期完成不得分") — unless the evaluator wrote a lower score, which is kept: many provinces
    deduct "酌情" by how late, and a date alone cannot say how much. ``≥`` (不早于) asks for a date
    on or after the target.
    """
    w = ind.weight or 0.0
    t, a = ind.target, ind.actual
    params: dict[str, object] = {"actual": date_text(a), "target": date_text(t)}
    if on_time(a, t, ind.op):
        full = round_half_up(w, d)
        return _row(ind, full, "date_on_time", {**params, "score": f"{full:.{d}f}"}, achieved=True)
    score = round_half_up(w * tr.late_date_rate, d)
    if use_written and ind.score is not None and 0 <= ind.score < w and round_half_up(ind.score, d) != score:
        written = round_half_up(ind.score, d)  # the evaluator's deduction for how late: kept
        return _row(ind, written, "date_late_written", {**params, "score": f"{written:.{d}f}"}, achieved=False)
    if t.number is not None and a.number is not None:
        days = round(abs(a.number - t.number))
    else:
        days = _days_apart(a.when, t.when)  # type: ignore[arg-type]
    return _row(ind, score, "date_late_days" if days else "date_late", {
        **params, "days": days, "rate": pct(tr.late_date_rate), "weight": _fmt(w), "score": f"{score:.{d}f}"},
        achieved=False)


def date_text(v: Value) -> str:
    """A date as written; a bare serial number under the unit 日期 as the date it stands for."""
    if v.kind == "date" or v.number is None or not 1 <= v.number < 2958466:  # Excel's 1900-01-01 … 9999-12-31
        return v.text
    d = serial_date(v.number)
    return f"{d.year}年{d.month}月{d.day}日"


def _days_apart(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    """Days between two full dates (0 when either leaves its year, month or day open)."""
    if not all(a) or not all(b):
        return 0
    from datetime import date

    return abs((date(*a) - date(*b)).days)


def _shown(ind: Indicator, t: float, a: float) -> tuple[str, str]:
    """Target and actual as the explanation shows them, on the scale :func:`aligned` put them: of
    a change, with the way each went (``下降3%`` against ``增长10%``)."""
    way = ind.target.change
    if not way:
        return _shown_level(ind, t, a)
    ts, as_ = _shown_level(ind, t, abs(a))
    return change_word(way) + ts, change_word(way if a >= 0 else -way) + as_


def _shown_level(ind: Indicator, t: float, a: float) -> tuple[str, str]:
    if (ind.target.is_percent or ind.actual.is_percent) and not percent_unit_pair(ind.target, ind.actual):
        # a value in a unit of its own (2050人, 92分 against ≥90%: A316's) is shown as written, not as 92%
        ts = f"{_fmt(t)}%"
        if ind.actual.unit not in ("", "%") and ind.target.is_percent:
            return ts, ind.actual.display()
        return ts, f"{_fmt(a)}%"
    tu = ind.target.unit or ind.unit or ind.actual.unit
    au = ind.actual.unit or tu
    shown = format_approx(a)
    if au == tu:
        return f"{_fmt(t)}{tu}", f"{shown}{tu}"
    if units.comparable(au, tu):  # converted: say from what
        return f"{_fmt(t)}{tu}", f"{shown}{tu}（{ind.actual.text}）"
    return f"{_fmt(t)}{tu}", f"{_fmt(a)}{au}"


def aligned(target: Value, actual: Value) -> tuple[float, float]:
    """Two values on one scale: a percent written as 0.96 in one and as 96% in the other, or an
    actual of 1.2万人 against a target in 人 (the actual is expressed in the target's unit). Against
    a change (``较上年增长10%``) the actual is the change the target's way: ``下降3%`` is −3, and a
    bare ``8%`` is taken as a change that way."""
    actual = toward(target, actual)
    t = target.number or 0.0
    a = actual.number or 0.0
    if percent_unit_pair(target, actual):  # ``0.8%`` against ≤5‰: 8‰
        return t, units.convert(a, actual.unit, target.unit)
    if not (target.is_percent or actual.is_percent):
        if target.unit != actual.unit:
            a = units.convert(a, actual.unit, target.unit)
        return t, a
    t_explicit = "%" in target.text
    a_explicit = "%" in actual.text
    if t_explicit or not a_explicit:
        t = percent_scale(t, None, explicit_percent=t_explicit)
    else:
        t = percent_scale(t, a, explicit_percent=False)
    a = percent_scale(a, t, explicit_percent=a_explicit)
    return t, a


@lru_cache(maxsize=8)
def _outcome_words(extra: OutcomeWords = ()) -> dict[str, tuple[str, ...]]:
    """The ``[outcome]`` word lists of rules/heuristics.toml (data, as the checks' keywords are),
    with what a rule set's ``[heuristics.outcome]`` adds (TableRules.outcome_words)."""
    add = dict(extra)
    return {k: tuple(v) + add.get(k, ()) for k, v in packaged_heuristics()["outcome"].items()}


@lru_cache(maxsize=4096)
def outcome_of(text: str, extra: OutcomeWords = ()) -> int:
    """Classify a qualitative result text into the three outcomes of domain.md §5: partly
    achieved by its words (``基本``), else achieved when it says that what must not happen did not
    (``未发现违规问题``, ``无安全事故``, ``零投诉``), else failed (``未…``, ``不合格``, ``存在违规``), else partly when late or
    still under way or short of the mark (``延期完成``, ``进行中``, ``有待提高``; ``逾期未完成`` failed),
    else achieved. Of a printed form's boxes (``☑达成 □部分达成 □未达成``) the words of the one
    ticked are classified; none ticked is none given. ``extra``: a rule set's added words
    (TableRules.outcome_words)."""
    if (chosen := ticked(text)) is not None:
        text = chosen
    if not text:
        return _FAILED
    w = _outcome_words(extra)
    if any(x in text for x in w["partial"]) or text in w["partial_whole"]:  # (``基本完成``; a grade ``中``)
        return _PARTIAL
    if text.startswith(w["nothing_wrong_start"]) and not text.startswith(w["not_nothing_wrong_start"]) \
            and any(x in _FIRST_CLAUSE.split(text, 1)[0] for x in w["wrong"]):
        return _ACHIEVED  # 未发现违规问题, 无安全事故: what must not happen did not
    if text.startswith(w["failed_start"]) or any(x in text for x in w["failed"]):
        return _FAILED
    text = _denied_delay(extra).sub("", text)  # (按期完成，未出现延期: no delay said, after the result)
    return _PARTIAL if any(x in text for x in w["late"] + w["begun"]) else _ACHIEVED


#: Where a result's first clause ends (a comma, a semicolon, a full stop).
_FIRST_CLAUSE = re.compile("[,，;；。]")


@lru_cache(maxsize=8)
def _denied_delay(extra: OutcomeWords = ()) -> re.Pattern[str]:
    """A delay said not to have happened (无延期, 未出现延误, 没有推迟): the ``denial``, ``denied_verbs``
    and ``delay`` lists of ``[outcome]`` (and a rule set's additions)."""
    w = _outcome_words(extra)

    def one_of(words: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return re.compile(f"(?:{one_of(w['denial'])})(?:{one_of(w['denied_verbs'])})?(?:任何)?(?:{one_of(w['delay'])})")


def judged(ind: Indicator, text: str, tr: TableRules) -> int:
    """The outcome a qualitative row's words choose: its 评价结果 choice, or an actual that repeats
    its target word for word (``否`` against ``否`` of 是否发生安全事故, ``未发生`` against
    ``未发生``) — achieved whatever its words, and ``是`` against ``否`` failed; else :func:`outcome_of`
    its words — unless the actual is nothing but a flat or opposite change to the way the target
    asks for (``与上年持平``, ``有所下降`` against ``有效提升``): failed, where 持平 was achieved and
    有所下降 partly (``[outcome_way]`` in rules/heuristics.toml). Of a printed form's boxes
    (``☑达成 □部分达成 □未达成``) the words of the one ticked are judged; none ticked is none given."""
    if (chosen := ticked(text)) is not None:  # ``□是 ☑否``: the box ticked, compared with the target too
        text = chosen
    if not ind.outcome:
        if text == ind.target.text:
            return _ACHIEVED
        if _YES_NO.get(ind.target.text) == text:
            return _FAILED
        way = _target_way(ind.target.text)
        if way and _change_said(text) in (0, -way):
            return _FAILED
        # a target that itself asks for a part (基本建成, 有所改善, 部分覆盖): an actual saying so has
        # reached it (已基本建成 was partly achieved), though another part word still is one
        if own := [x for x in _outcome_words(tr.outcome_words)["partial"] if x in ind.target.text and x in text]:
            for x in own:
                text = text.replace(x, "")
            if not text.strip(" ,.;。，；已"):
                return _ACHIEVED
    # a row that measures the start itself (开工率, 项目启动时间): 全部开工 there is what was asked, not
    # work begun with its end unsaid (it was partly achieved)
    if own := [x for x in _outcome_words(tr.outcome_words)["begun"] if x in ind.name and x in text]:
        for x in own:
            text = text.replace(x, "")
        if not text.strip(" ,.;。，；已均全部"):
            return _ACHIEVED
    return outcome_of(text, tr.outcome_words)


@lru_cache(maxsize=1)
def _way_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns of ``[outcome_way]``: a rise word, a fall word, and a whole cell of one change."""
    w = packaged_heuristics()["outcome_way"]
    alt = lambda k: "|".join(map(re.escape, sorted(w[k], key=len, reverse=True)))  # noqa: E731
    whole = re.compile(f"(?:{alt('before')})*(?:(?P<rise>{alt('rise')})|(?P<fall>{alt('fall')})|(?P<flat>{alt('flat')}))了?")
    return re.compile(alt("rise")), re.compile(alt("fall")), whole


@lru_cache(maxsize=1024)
def _target_way(target: str) -> int:
    """+1 for a qualitative target asking for a rise (``有效提升``, ``逐步提高``), −1 for a fall, else 0."""
    rise, fall, _ = _way_words()
    up, down = bool(rise.search(target)), bool(fall.search(target))
    return 0 if up == down else 1 if up else -1


def _change_said(text: str) -> int | None:
    """The change an actual is nothing but (``与上年持平`` 0, ``有所下降`` −1, ``明显提升`` +1), or None."""
    m = _way_words()[2].fullmatch(text)
    return None if m is None else 1 if m["rise"] else -1 if m["fall"] else 0


#: The answers of a yes-or-no target (是否…): the other one fails it.
_YES_NO = {"是": "否", "否": "是", "有": "没有", "没有": "有"}


def qual_rate(ind: Indicator) -> float | None:
    """The chosen qualitative rate as a fraction (85 and 0.85 both mean 85%)."""
    r = ind.qual_rate
    return None if r is None else (r / 100 if r > 1 else r)


def _qualitative(ind: Indicator, tr: TableRules, d: int, use_written: bool = True) -> RowScore:
    w = ind.weight or 0.0
    bands = tr.qualitative
    rate = qual_rate(ind)
    if rate is not None:
        outcome = bands[outcome_of(ind.outcome, tr.outcome_words)] if ind.outcome else next(
            (b for b in bands if b.low <= rate <= b.high), bands[-1])
        score = round_half_up(w * min(rate, 1.0), d)  # (a rate above 100 %, A313's: never above the weight)
        return _row(ind, score, "qual_rate", {"outcome": f"@outcome_{outcome.outcome}", "rate": pct(rate),
                                              "weight": _fmt(w), "score": f"{score:.{d}f}"},
                    achieved=rate >= bands[0].low)
    if use_written and ind.score is not None and 0 <= ind.score <= w:
        rate = ind.score / w if w else 0.0
        band = next((b for b in bands if b.low <= rate <= b.high), bands[-1])
        score = round_half_up(ind.score, d)
        return _row(ind, score, "qual_written", {"score": f"{score:.{d}f}", "weight": _fmt(w),
                                                 "rate": pct(rate), "outcome": f"@outcome_{band.outcome}"},
                    achieved=rate >= bands[0].low)
    # In our template the outcome is chosen from its dropdown; elsewhere the actual text says it.
    text = ind.outcome or (ind.actual.text if not ind.actual.is_none and use_written else "")
    if not text:
        return _row(ind, 0.0, "qual_missing", {}, "actual", achieved=False)
    outcome = judged(ind, text, tr)
    band = bands[outcome]
    score = round_half_up(w * band.default, d)
    return _row(ind, score, "qual_default", {"actual": text, "outcome": f"@outcome_{band.outcome}",
                                             "rate": pct(band.default), "weight": _fmt(w),
                                             "score": f"{score:.{d}f}"}, achieved=outcome == _ACHIEVED)


#: Rows left out of the total because they do not apply: every expert said so (an evaluation), or
#: a report's 实际完成值 does (a self-evaluation's or a department's row).
NOT_APPLICABLE_KEYS = frozenset(("not_applicable", "actual_not_applicable", "block_not_applicable"))


def not_applicable_actual(ind: Indicator) -> str:
    """The 实际完成值 of a report's row when it says the row does not apply (``不适用``, ``不涉及``),
    else "". Such a row was not evaluated, so it is left out of the total as the rule set's
    ``not_applicable`` says (national: ``drop``, it scores nothing) — not judged achieved, as an
    unknown word would be. A target that says so as well (a row declared 不涉及) is answered, as
    written, by the same word."""
    if ind.actual.kind != "text" or ind.target.kind == "text" and says_not_applicable(ind.target.text):
        return ""
    return says_not_applicable(ind.actual.text)


def not_applicable_words(ind: Indicator) -> str:
    """What the experts wrote for a row none of them scored because it does not apply
    (``不适用``), or "" when any wrote something else, or nothing."""
    said = {says_not_applicable(t) for t in ind.expert_texts if t}
    return "、".join(sorted(said)) if said and "" not in said else ""


def _expert_row(ind: Indicator, d: int, *, not_applicable: bool = True) -> RowScore:
    """An evaluation row scores the mean of its experts (two decimals), never above its weight
    and never below 0 (a negative expert score is A318's finding, not a negative row). A row
    every expert marked 不适用 (NOT_APPLICABLE) scores nothing and is left out of the total."""
    scores = [s for s in ind.experts if s is not None]
    if not scores and not_applicable and (said := not_applicable_words(ind)):
        return _row(ind, None, "not_applicable", {"said": said, "weight": _fmt(ind.weight)}, cell="expert1")
    if not scores:
        if ind.score is not None:
            score = round_half_up(ind.score, d)
            if ind.weight is not None:  # a written score past its weight is A304's; it counts the weight
                score = min(max(score, 0.0), round_half_up(ind.weight, d))
            return _row(ind, score, "written", {"score": _fmt(ind.score)})
        if ind.weight is None:  # nothing to score it against, as the template leaves it blank
            return _row(ind, None, "no_weight", {}, "weight")
        return _row(ind, 0.0, "no_score", {})
    mean = max(round_half_up(sum(scores) / len(scores), d), 0.0)
    params: dict[str, object] = {"scores": " + ".join(_fmt(s) for s in scores), "n": len(scores),
                                 "score": f"{mean:.{d}f}", "mean": f"{mean:.{d}f}"}
    if ind.weight is not None and mean > ind.weight:
        capped = round_half_up(ind.weight, d)
        return _row(ind, capped, "experts_capped", {**params, "score": f"{capped:.{d}f}"},
                    cell="expert1")
    return _row(ind, mean, "experts", params, cell="expert1")

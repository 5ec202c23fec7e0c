"""M4xx: mid-year monitoring — what a reviewer of a 绩效运行监控表 asks for (domain.md §3.6).

A light is computed by :mod:`xltools.monitoring`; these checks ask for what a red or yellow light
needs (a reason, corrective measures) and for the inputs a light needs (the months, the 1-N月
values, a valid 完成目标可能性), and flag a 完成目标可能性 that contradicts the figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import MONITOR, Indicator
from ..monitoring import BEHIND, light_word, likelihood_light
from ..scoring import RowScore, aligned, sentence_read
from ..values import normalize_text, several_ticked, ticked
from . import Context, Finding, check, stated

#: Lights that need a 偏差原因: behind schedule, or so far ahead (blue) that the target looks too
#: low — as a self-evaluation's over-achievement needs one (A307).
_EXPLAIN = (*BEHIND, "blue")


def _monitored(ctx: Context) -> bool:
    return ctx.table.kind == MONITOR


def _indicator_rows(ctx: Context) -> Iterator[tuple[RowScore, Indicator]]:
    """(light row, its indicator) of a monitoring table; nothing for any other table."""
    if _monitored(ctx):
        for row in ctx.result.rows:
            if row.indicator is not None:
                yield row, row.indicator


@check("M401", "M402")
def lights_need_reasons(ctx: Context) -> Iterator[Finding]:
    """Red, yellow or blue: a 偏差原因; red or 完全不可能: 纠偏措施 too (where the table has the column)."""
    t = ctx.table
    for row, ind in _indicator_rows(ctx):
        if row.light in _EXPLAIN and not stated(ind.deviation, ctx.words):
            yield Finding("M401", t.sheet, ind.cell("deviation", "name"), None, {
                "name": ind.name, "light": light_word(row.light), "light_en": light_word(row.light, "en"),
                "how": row.explain("zh"), "how_en": row.explain("en")})
        # 完全不可能 asks for measures even where no light can be lit (no 1-N月 value, no months)
        hopeless = likelihood_light(ind.likelihood) == "red"
        if (row.light == "red" or hopeless) and not stated(ind.measures, ctx.words) and "measures" in ind.columns:
            yield Finding("M402", t.sheet, ind.cell("measures"), None, {
                "name": ind.name, "state": "预计完全不可能完成" if hopeless else "亮红灯",
                "state_en": "is not expected to be achieved" if hopeless else "shows red"})


@check("M403", "M406")
def likelihood(ctx: Context) -> Iterator[Finding]:
    """完成目标可能性: one of the three choices, and not against the table's own figures."""
    t = ctx.table
    for row, ind in _indicator_rows(ctx):
        if "likelihood" not in ind.columns or not ind.name:
            continue
        chosen = likelihood_light(ind.likelihood)
        if chosen is None:
            text = normalize_text(ind.likelihood)
            tick = ticked(text)  # a cell of boxes: ``□确定能 □有可能 □完全不可能``
            several = "、" in text or (tick is None and several_ticked(text))
            problem = ("未填写", "is empty") if not text else ("未勾选", "has no box ticked") if tick == "" else (
                (f"勾选了多项（{ind.likelihood}）", f"has more than one ticked ({ind.likelihood})") if several
                else (f"「{ind.likelihood}」不是可选项", f"「{ind.likelihood}」 is not one of the choices"))
            yield Finding("M403", t.sheet, ind.cell("likelihood"), ind.likelihood or None, {
                "name": ind.name, "problem": problem[0], "problem_en": problem[1]})
            continue
        evidence = _contradiction(row.light, chosen, ind)
        if evidence is not None:
            yield Finding("M406", t.sheet, ind.cell("likelihood"), ind.likelihood, {
                "name": ind.name, "likelihood": ind.likelihood, "evidence": evidence[0], "evidence_en": evidence[1]})


def _contradiction(light: str | None, chosen: str, ind: Indicator) -> tuple[str, str] | None:
    """(zh, en) of the figure a likelihood contradicts: 确定能 on a red light or a forecast short
    of a ``≥`` target (or over a ``≤`` one); 完全不可能 on a forecast that meets it."""
    forecast_short = forecast_meets = False
    # ``预计全年完成2000人``, ``预计完成全年目标的90%``: what a sentence or a share of the target
    # stands for, as a reviewer (and the light) reads it (scoring.sentence_read)
    # and a score on a stated scale (``4.6分（满分5分）``: 92%)
    read = sentence_read(ind, "forecast") if ind.target.is_number and not ind.forecast.is_none else None
    forecast = read[0].forecast if read is not None else ind.forecast if ind.forecast.is_number else None
    if forecast is not None and ind.target.is_number and not ind.target.band and (
            ind.op in ("≤", "<") or (ind.op in ("≥", ">", "=") and ind.target.number)):
        t, f = aligned(ind.target, forecast)  # (a ceiling, ``≤30天``: a forecast over it falls short)
        if ind.op in ("≤", "<"):
            forecast_short, forecast_meets = f > t, f <= t
        elif ind.op == "=":  # (=100%: below it falls short; above it is no sure "meets")
            forecast_short, forecast_meets = f < t - 1e-9, abs(f - t) <= 1e-9
        else:
            forecast_short, forecast_meets = f < t, f >= t
    said = ind.forecast.display() if read is None else f"{forecast.display()}（{ind.forecast.text}）"  # type: ignore[union-attr]
    if chosen == "green" and light == "red" and not ind.qualitative:
        return "红灯", "a red light"
    if chosen == "green" and forecast_short:
        over = ind.op in ("≤", "<")
        return (f"全年预计完成值「{said}」{'超过' if over else '低于'}目标「{ind.target.display()}」",
                f"the forecast {said} {'over' if over else 'below'} the target {ind.target.display()}")
    if chosen == "red" and forecast_meets:
        return (f"全年预计完成值「{said}」已达到目标「{ind.target.display()}」",
                f"the forecast {said} meeting the target {ind.target.display()}")
    return None


@check("M404")
def missing_to_date(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    n = t.months.value if t.months is not None and t.months.value else "N"
    for row, ind in _indicator_rows(ctx):
        if row.explain_key != "mon_no_to_date" or "to_date" not in ind.columns:
            continue
        text = ind.to_date.text if not ind.to_date.is_none else ""
        yield Finding("M404", t.sheet, ind.cell("to_date"), text or None, {
            "name": ind.name, "n": n, "problem": f"（「{text}」不是数值）" if text else "",
            "problem_en": f" (「{text}」 is not a number)" if text else ""})


@check("M409")
def missing_forecast(ctx: Context) -> Iterator[Finding]:
    """全年预计完成值 left empty (where the table has the column): what the unit expects by the year's
    end is what its 完成目标可能性 rests on and what a reviewer reads first; a row with no target is
    S103's."""
    t = ctx.table
    for _, ind in _indicator_rows(ctx):
        if "forecast" in ind.columns and ind.forecast.is_none and ind.name and not ind.target.is_none:
            yield Finding("M409", t.sheet, ind.cell("forecast"), ind.forecast.text or None, {"name": ind.name})


@check("M405")
def months_unknown(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    if not _monitored(ctx) or t.months is None or t.months.value is not None:
        return
    yield Finding("M405", t.sheet, t.months.cell, None, {})


@check("M407")
def spending_behind(ctx: Context) -> Iterator[Finding]:
    if not _monitored(ctx):
        return
    row = next((r for r in ctx.result.rows if r.explain_key == "mon_funds"), None)
    if row is None or row.light not in BEHIND:
        return
    spent = ctx.table.funds.total() if ctx.table.funds is not None else None
    if spent is not None and spent.spent is not None and spent.spent < 0:
        return  # (spending below zero: A342's, and no progress to be behind on)
    yield Finding("M407", row.sheet, row.cell, spent.spent if spent is not None else None, {
        "progress": row.params["progress"], "expected": row.params["expected"],
        "light": light_word(row.light), "light_en": light_word(row.light, "en")})


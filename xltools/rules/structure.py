"""S1xx: structure — required fields, taxonomy, incomplete and duplicate indicator rows, hidden tables."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .. import taxonomy
from ..grid import parse_a1
from ..messages import word
from ..model import DEPT, EVALUATION, GOALS, MONITOR, SELFEVAL, Table
from ..reading.labels import label_key
from ..scoring import target_in_name
from ..values import is_prompt, normalize_text
from . import Context, Finding, check, names_nothing, says_nothing
from .catalogue import Text

#: Header fields each table must fill (field → label shown to the user).
REQUIRED_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    GOALS: (("project", "项目名称"), ("department", "主管部门"), ("unit", "实施单位")),
    SELFEVAL: (("project", "项目名称"), ("department", "主管部门"), ("unit", "实施单位")),
    DEPT: (("department", "部门名称"),),
    EVALUATION: (("project", "项目名称"),),
    MONITOR: (("project", "项目名称"), ("department", "主管部门"), ("unit", "实施单位")),
}
FIELD_EN = {"项目名称": "project name", "主管部门": "department", "实施单位": "implementing unit",
            "部门名称": "department name", "年度": "year"}
TAXONOMIES = {GOALS: taxonomy.PROJECT, SELFEVAL: taxonomy.PROJECT, DEPT: taxonomy.DEPT,
              EVALUATION: taxonomy.EVALUATION, MONITOR: taxonomy.PROJECT}


def _anchor(table: Table) -> str:
    return next(iter(table.header_cells.values()), "A1")


def _header_block(table: Table) -> str:
    """Where a header field the form has no line for belongs: beside the lines that name the table
    (its 项目名称, else 主管部门, else 实施单位), not at the indicator header far below."""
    for name in ("project", "department", "unit"):
        f = table.header.get(name)
        if f is not None and f.cell:
            return f.cell
    return ""


@check("S101")
def required_fields(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    for name, label in REQUIRED_FIELDS[DEPT if t.department_wide else t.kind]:
        value = t.header.get(name)
        written = str(value.value).strip() if value is not None else ""
        prompt = is_prompt(normalize_text(written))  # ``（填写项目全称）`` left in the cell
        if written and not prompt:
            continue
        if name == "department" and t.department_wide and str(t.field_value("project") or "").strip():
            continue  # 部门名称 read as the project line of a department table
        cell = value.cell if value is not None else t.blanks.get(name, "") or _header_block(t)
        problem = (f"仍是填写提示「{written}」", f"still holds the prompt 「{written}」") if prompt else ("为空", "is empty")
        yield Finding("S101", t.sheet, cell or _anchor(t), written or None, {
            "field": label, "field_en": FIELD_EN[label], "problem": problem[0], "problem_en": problem[1]})
    if "year" not in t.header and "year" in t.blanks:  # the form asks for its year: 年度 left empty
        yield Finding("S101", t.sheet, t.blanks["year"], None, {
            "field": "年度", "field_en": FIELD_EN["年度"], "problem": "为空", "problem_en": "is empty"})


@lru_cache(maxsize=8)
def _taxonomy_keys(kind: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """(level-1 key → level-1 name, level-1 name → its level-2 keys) of a table kind's taxonomy.

    Level-2 names are compared as level-1 names are: ``数量`` and ``数量指标`` are the same; the
    project taxonomy's :data:`taxonomy.ACCEPTED_LEVEL2` count as its own.
    """
    tax = TAXONOMIES[kind]
    extra = taxonomy.ACCEPTED_LEVEL2 if tax is taxonomy.PROJECT else {}
    level1 = (*tax, *taxonomy.ACCEPTED_EVALUATION_LEVEL1) if kind == EVALUATION else \
        (*tax, *taxonomy.EXECUTION_LEVEL1) if tax is taxonomy.PROJECT else tuple(tax)
    return ({taxonomy.level1_key(k): k for k in level1},
            {p: frozenset(taxonomy.level1_key(a) for a in kids + extra.get(p, ())) for p, kids in tax.items()})


@check("S102")
def taxonomy_names(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    kind = SELFEVAL if t.kind == DEPT and _projects_framework(t) else t.kind
    tax = TAXONOMIES[kind]
    level1_keys, level2_keys = _taxonomy_keys(kind)
    # a department's table (a 部门整体 declaration too) may follow its province's own framework
    own = t.department_wide and not any(taxonomy.level1_key(n) in level1_keys for n in t.level1_cells)
    for name, cell in t.level1_cells.items():
        if not own and taxonomy.level1_key(name) not in level1_keys:
            yield Finding("S102", t.sheet, cell, name, {
                "level": Text("一级指标", "the level-1 name"), "name": name, "parent": "",
                "allowed": _closest(name, list(tax))})
    if kind not in (GOALS, SELFEVAL, MONITOR):
        return  # evaluation and department tables name their level 2 freely
    seen: set[tuple[str, str]] = set()
    for ind in t.indicators:
        parent = level1_keys.get(taxonomy.level1_key(ind.level1))
        if parent not in tax or not ind.level2 or (ind.level1, ind.level2) in seen:
            continue  # (no level 1 of the taxonomy, or an accepted one, 预算执行率, that names none)
        seen.add((ind.level1, ind.level2))
        allowed = tax[parent]
        key = taxonomy.level1_key(ind.level2)
        if key in level2_keys[parent] or (parent == "满意度指标" and "满意度" in key):
            continue  # (社会公众满意度指标, 群众满意度指标: whose satisfaction, under 满意度指标)
        home = next((p for p, kids in level2_keys.items() if key in kids), None)
        yield Finding("S102", t.sheet, ind.cell("level2"), ind.level2, {
            "level": Text("二级指标", "the level-2 name"), "name": ind.level2,
            "parent": Text(f"（不应在「{ind.level1}」下，应在「{home}」下）", f" (it belongs under 「{home}」, not 「{ind.level1}」)")
            if home else Text(f"（在「{ind.level1}」下）", f" (under 「{ind.level1}」)"),
            "allowed": _closest(ind.level2, list(allowed))})


_PROJECT_BLOCKS = frozenset(taxonomy.level1_key(n) for n in ("产出指标", "效益指标"))


def _projects_framework(t: Table) -> bool:
    """A department's table that names 产出指标 and 效益指标 as its blocks (the national 部门整体 forms do)
    follows the projects' framework, and is held to it: a 数量指标 typed as a block, or a 二级指标 under
    the wrong block. A province's own framework (部门决策 …, 投入/过程/产出/效果) does not name both."""
    return _PROJECT_BLOCKS <= {taxonomy.level1_key(n) for n in t.level1_cells}


def _closest(name: str, allowed: list[str]) -> str:
    import difflib

    best = difflib.get_close_matches(name, allowed, n=1, cutoff=0.3)
    rest = [a for a in allowed if a not in best]
    return "、".join(best + rest)


@check("S103")
def incomplete_rows(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    for ind in t.indicators:
        missing = []
        note = note_en = ""
        if names_nothing(ind.name):  # (``—``, ``/``, ``无``, ``=`` beside a target: none)
            missing.append(("name", "三级指标名称", "indicator name"))
        if t.kind != EVALUATION and ind.target.is_none and "target" in ind.columns:
            missing.append(("target", "指标值", "target"))
            named = target_in_name(ind) if ind.name else None  # ``参展企业数量≥100家``: written into the name
            if named is not None:
                note = f"（名称中的「{named.display()}」应填入指标值栏）"
                note_en = f" (the 「{named.display()}」 in its name belongs in the target column)"
        if ind.weight is None and ("weight" in ind.columns or t.kind not in (GOALS, MONITOR)) \
                and not t.weights_by_block:  # 产出指标（50分）: the blocks hold the weights
            missing.append(("weight", "分值", "weight"))
        at: dict[str, list[tuple[str, str, str]]] = {}  # cell → what is missing there: a field without a column
        for m in missing:                                 # of its own is reported at the name, once for all
            at.setdefault(ind.cell(m[0]), []).append(m)
        for cell, ms in at.items():
            targeted = any(col == "target" for col, _, _ in ms)
            yield Finding("S103", t.sheet, cell, None, {
                "row": ind.row, "what": "、".join(m[1] for m in ms), "what_en": ", ".join(m[2] for m in ms),
                "note": note if targeted else "", "note_en": note_en if targeted else ""})


@check("S112")
def non_positive_weights(ctx: Context) -> Iterator[Finding]:
    """A weight of 0 or below: ``-10`` is scored as written ("full marks -10" takes 10 off the total)
    and a 0 row counts for nothing; both are typing slips (a minus sign, a 0 for 10) or a row kept
    that should have been deleted. Its score and the totals wait in ``fix``, as for a missing weight."""
    t = ctx.table
    for ind in t.indicators:
        if ind.weight is not None and ind.weight <= 0 and (ind.name or not ind.target.is_none):
            yield _non_positive(t, ind.cell("weight"), ind.row, ind.name or "", ind.weight,
                                ("该指标不计分，完成与否都不影响总分", "the indicator counts for nothing, achieved or not"))
    total = t.funds.row("total") if t.funds is not None else None
    if total is not None and total.weight is not None and total.weight <= 0 and total.cells.get("weight"):
        # the funds row's 分值 (the execution's weight) typed 0: it scores nothing, as such a row does
        cell = total.cells["weight"]
        yield _non_positive(t, cell, parse_a1(cell)[0] + 1, "预算执行率", total.weight,
                            ("预算执行率不计分，执行多少都不影响总分", "the execution rate counts for nothing, whatever was spent"),
                            opens_execution=True)


def _non_positive(t: Table, cell: str, row: int, name: str, weight: float, nothing: tuple[str, str],
                  opens_execution: bool = False) -> Finding:
    """S112 at ``cell``: a negative weight takes points off the total; a 0 counts for ``nothing`` (zh, en)."""
    negative = weight < 0
    return Finding("S112", t.sheet, cell, weight, {
        "row": row, "name": name, "weight": f"{weight:g}",
        "problem": "负数分值会从总分中扣减" if negative else nothing[0],
        "problem_en": "a negative weight takes points off the total" if negative else nothing[1],
        **({"opens_execution": True} if opens_execution else {})})


@check("S113")
def no_criteria(ctx: Context) -> Iterator[Finding]:
    """An evaluation row with an empty 评分标准 (domain.md §3.4: each level-3 row carries one): the
    experts scored it by no stated rule, which evaluation reviews name. Only where the sheet has
    the column; a declaration's 评分标准 is optional."""
    t = ctx.table
    if t.kind != EVALUATION:
        return
    for ind in t.indicators:
        if "criteria" in ind.columns and ind.name and ind.weight is not None \
                and says_nothing(ind.criteria):  # (a row without a weight is S103's)
            yield Finding("S113", t.sheet, ind.cell("criteria"), None, {"name": ind.name})


@check("S104")
def duplicate_names(ctx: Context) -> Iterator[Finding]:
    t = ctx.table
    first: dict[str, str] = {}
    for ind in t.indicators:
        if not ind.name:
            continue
        key = label_key(ind.name)
        if key in first:
            yield Finding("S104", t.sheet, ind.cell("name"), ind.name, {"name": ind.name, "other": first[key]})
        else:
            first[key] = ind.cell("name")


@check("S109")
def hidden_tables(ctx: Context) -> Iterator[Finding]:
    """Tables on hidden sheets, which the reader left out because a visible sheet holds one
    (reading.read_grids): the officer sees one table, and should know why not the other."""
    return _left_out("S109", ctx.table.hidden_tables)


@check("S111")
def example_tables(ctx: Context) -> Iterator[Finding]:
    """Tables on a sheet named as instructions or an example (填表说明, 填报示例), which the reader
    left out beside the project's own (reading._without_examples): said once, as S109 is."""
    return _left_out("S111", ctx.table.example_tables)


def _left_out(code: str, tables: list[Table]) -> Iterator[Finding]:
    """A finding per table the reader left out, at its 项目名称 cell, naming its sheet, kind and project."""
    for t in tables:
        project = t.name_field
        name = t.project_name or t.title
        kind = Text(word(f"kind_{t.kind}"), word(f"kind_{t.kind}", "en"))
        yield Finding(code, t.sheet, project.cell if project is not None else _anchor(t), name,
                      {"sheet": t.sheet, "name": name, "kind": kind})


#: What S110 calls a hidden row, and the sums it still counts in (zh, en).
_HIDDEN_ROWS = {
    "indicator": ("指标", "indicator", "分值合计、评分和汇总", "the weights, the scores and summaries"),
    "item": ("支出项目", "line item", "小计、合计和汇总", "the subtotals, the total and summaries"),
    "funds": ("资金", "funds row", "年度资金总额、执行率和汇总", "the annual total, the execution rate and summaries"),
}


@check("S110")
def hidden_rows(ctx: Context) -> Iterator[Finding]:
    """Rows hidden in Excel (or filtered out) on the table's sheet: an indicator, a line item or a
    funds row hidden instead of deleted is still in every SUM — the weights, the subtotals, the
    total — while the printed table does not show it."""
    t = ctx.table
    if not t.hidden_rows:
        return
    found: list[tuple[str, str, str]] = [(ind.cell("name"), ind.name, "indicator") for ind in t.indicators]
    # a line item or funds row with no amount (上年结转资金 "—" hidden as unused) counts in nothing
    found += [(next(iter(i.cells.values()), ""), i.content or i.method, "item") for i in t.line_items
              if i.kind == "item" and i.sheet in ("", t.sheet) and any((i.budget, i.contract, i.spent))]
    if t.funds is not None:
        found += [(next(iter(r.cells.values()), ""), r.label, "funds") for r in t.funds.parts()  # not the total
                  if r.sheet in ("", t.sheet) and any((r.initial_budget, r.annual_budget, r.spent))]
    for cell, name, kind in found:
        row = parse_a1(cell)[0] + 1 if cell else None
        if row in t.hidden_rows:
            what, what_en, sums, sums_en = _HIDDEN_ROWS[kind]
            yield Finding("S110", t.sheet, cell, name, {"row": row, "name": name, "what": what, "what_en": what_en,
                                                        "sums": sums, "sums_en": sums_en})


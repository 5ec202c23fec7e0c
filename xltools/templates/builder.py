"""Build the standard templates with openpyxl from the layout data and a rule set.

Every score a template shows is a formula that mirrors :mod:`xltools.scoring` (the tests let
LibreOffice recalculate filled templates and compare with the Python scores). The rule set's
numbers (execution weight, qualitative defaults, grade bounds, the ``≤`` method) are written
into the formulas when the template is built, and its id into the metadata sheet.

Only functions every spreadsheet has are used (IF, AND, OR, ROUND, MIN, MAX, ABS, ISNUMBER,
SUMIF, COUNTIF, COUNT, AVERAGE, INDIRECT, INT), so Excel, WPS and LibreOffice compute the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__
from ..grid import column_letter
from ..model import DEPT, EVALUATION, FUNDS_AMOUNTS, GOALS, MONITOR, SELFEVAL
from ..ruleset import MonitorRules, RuleSet, TableRules
from ..values import DATE_UNIT, NONE_TEXT, format_number
from .layout import (
    ATTRIBUTES,
    BAND,
    COLUMNS,
    DEPT_AMOUNTS,
    DEPT_LEVEL1,
    DIRECTIONS,
    FONT,
    FUNDS_HEADER,
    FUNDS_ROWS,
    HEADER_FILL,
    HOW_TO_ADD_ROWS,
    INPUT_FILL,
    LIGHT_FILLS,
    LIGHT_WORDS,
    LINE_ITEM_GROUPS,
    LINE_ITEM_ROWS,
    MONITOR_FUNDS_HEADER,
    PART_ROWS,
    SHEET_NAMES,
    TAXONOMIES,
    TEMPLATE_VERSION,
    TITLES,
    Column,
)

LISTS_SHEET = "选项"
META_SHEET = "_xltools"


@dataclass
class Built:
    """Where things are in a built template (1-based rows, column letters), for filling it."""

    kind: str
    sheet: str
    names: dict[str, str] = field(default_factory=dict)  # defined name → A1 (or range)
    cells: dict[str, str] = field(default_factory=dict)  # field → A1 of its input cell
    columns: dict[str, str] = field(default_factory=dict)  # indicator field → letter
    first_row: int = 0
    rows: int = 0
    funds_rows: dict[str, int] = field(default_factory=dict)  # funds row label → row
    funds_cols: dict[str, str] = field(default_factory=dict)
    line_rows: list[tuple[str, int]] = field(default_factory=list)  # (group, row) of item rows
    line_cols: dict[str, str] = field(default_factory=dict)
    experts: int = 0
    # every conditional mark of a finding: (codes validate reports there, range, formula at its top-left)
    marks: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)
    #: (sqref, formula) of each custom data validation, for tests to evaluate as the marks are
    validations: list[tuple[str, str]] = field(default_factory=list)


def _abs(ref: str) -> str:
    """``D2`` → ``$D$2``."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    return f"${letters}${ref[len(letters):]}"


class _Sheet:
    """Small helpers over an openpyxl worksheet: labels, inputs, formulas, names."""

    def __init__(self, wb, ws, built: Built) -> None:  # noqa: ANN001
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        self.wb, self.ws, self.built = wb, ws, built
        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT, size=10)
        self.bold = Font(name=FONT, size=10, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.input_fill = PatternFill("solid", start_color=INPUT_FILL, end_color=INPUT_FILL)
        self.header_fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        self.unlocked = Protection(locked=False)
        self.Font = Font

    def _style(self, r: int, c: int, c2: int | None = None, r2: int | None = None) -> None:
        for rr in range(r, (r2 or r) + 1):
            for cc in range(c, (c2 or c) + 1):
                cell = self.ws.cell(rr, cc)
                cell.border = self.border
                if cell.font != self.bold:
                    cell.font = self.font

    def merge(self, r: int, c: int, c2: int | None = None, r2: int | None = None) -> None:
        if (c2 and c2 > c) or (r2 and r2 > r):
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r2 or r, end_column=c2 or c)

    def label(self, r: int, c: int, text: str, c2: int | None = None, r2: int | None = None,
              header: bool = False) -> None:
        cell = self.ws.cell(r, c, text)
        cell.font = self.bold if header else self.font
        cell.alignment = self.center
        if header:
            cell.fill = self.header_fill
        self._style(r, c, c2, r2)
        self.merge(r, c, c2, r2)

    def input(self, r: int, c: int, c2: int | None = None, r2: int | None = None, fmt: str = "",
              value: object = None, name: str | None = None) -> str:
        cell = self.ws.cell(r, c)
        if value is not None:
            cell.value = value
        self._style(r, c, c2, r2)
        for rr in range(r, (r2 or r) + 1):
            for cc in range(c, (c2 or c) + 1):
                x = self.ws.cell(rr, cc)
                x.protection = self.unlocked
                x.fill = self.input_fill
                x.alignment = self.left
                if fmt:
                    x.number_format = fmt
        self.merge(r, c, c2, r2)
        ref = f"{column_letter(c - 1)}{r}"
        if name:
            self.name(name, ref)
        return ref

    def formula(self, r: int, c: int, text: str, fmt: str = "", name: str | None = None,
                bold: bool = False) -> str:
        cell = self.ws.cell(r, c, text)
        self._style(r, c)
        cell.font = self.bold if bold else self.font
        cell.alignment = self.center
        if fmt:
            cell.number_format = fmt
        ref = f"{column_letter(c - 1)}{r}"
        if name:
            self.name(name, ref)
        return ref

    def name(self, name: str, ref: str, sheet: str | None = None) -> None:
        from openpyxl.workbook.defined_name import DefinedName

        target = sheet or self.ws.title
        absolute = ":".join(_abs(p) for p in ref.split(":"))
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"'{target}'!{absolute}")
        self.built.names[name] = ref

    def validation(self, sqref: str, formula: str, prompt: str = "") -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        if prompt:
            dv.promptTitle, dv.prompt, dv.showInputMessage = "xltools", prompt, True
        dv.add(sqref)
        self.ws.add_data_validation(dv)

    def prompt(self, sqref: str, text: str) -> None:
        """An input message on ``sqref`` (any value allowed): how to fill the column."""
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(allow_blank=True)
        dv.promptTitle, dv.prompt, dv.showInputMessage = "xltools", text, True
        dv.add(sqref)
        self.ws.add_data_validation(dv)

    def custom(self, sqref: str, formula: str, error: str) -> None:
        """A rule of our own (``formula`` written for the top-left cell of ``sqref``)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="custom", formula1=formula, allow_blank=True)
        dv.error, dv.errorTitle, dv.showErrorMessage = error, "xltools", True
        dv.add(sqref)
        self.ws.add_data_validation(dv)
        self.built.validations.append((sqref, formula))

    def decimal(self, sqref: str, low: float | None = None, high: float | None = None,
                error: str = "请输入数字（单位写在「度量单位」列）", positive: bool = False, money: bool = False) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if positive:  # a weight: 0 or a minus sign is S112's mistake, refused as typed
            dv = DataValidation(type="decimal", operator="greaterThan", formula1="0")
        elif money:  # an amount: a minus sign is A342's mistake, refused as typed
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            error = MONEY_ONLY
        elif low is not None and high is not None:
            dv = DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high))
        else:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="-1E+300")
        dv.error, dv.errorTitle, dv.showErrorMessage = error, "xltools", True
        dv.add(sqref)
        self.ws.add_data_validation(dv)


#: What stands for nothing in a cell (values.NONE_TEXT), as an array constant of a formula.
_NONE_WORDS = ",".join(f'"{w}"' for w in sorted(NONE_TEXT) if w)


def _num(x: float) -> str:
    return format_number(x)


def build_template(kind: str, rules: RuleSet, *, experts: int = 3, rows: int = 30,
                   line_rows: int = LINE_ITEM_ROWS):  # noqa: ANN201
    """A new template workbook (openpyxl) and where its fields are."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES[kind]
    built = Built(kind, ws.title, experts=experts if kind == EVALUATION else 0)
    s = _Sheet(wb, ws, built)
    _lists_sheet(wb, kind)
    columns = _columns(kind, experts)
    width = sum(1 for c in columns if c.role != "helper")
    r = _title(s, kind, width)
    r = _header_fields(s, kind, r, width)
    tr = rules.for_table(kind)
    if kind == SELFEVAL:
        r = _funds_block(s, r, tr)
    if kind == MONITOR:
        r = _monitor_funds(s, r, rules.monitor)
    if kind == DEPT:
        r = _dept_amounts(s, r, tr)
    if kind == GOALS:
        r = _goal_amounts(s, r)
    if kind in (GOALS, SELFEVAL):
        r = _goal_texts(s, kind, r, width)
    r = _indicator_table(s, kind, columns, r, rows, tr, rules)
    if kind in (SELFEVAL, DEPT, MONITOR):  # what the deviation marks take for no reason (无, /, 无偏差 …)
        from ..rules import heuristics

        _word_row(s, "no_reason_words", heuristics(rules).no_reason)
    if kind == MONITOR:
        _word_row(s, "not_due_words", heuristics(rules).not_due)
    if kind in (SELFEVAL, DEPT, MONITOR):  # what the hidden 计算方向 takes for a ceiling (_direction)
        from ..direction import MONEY_UNITS, TIME_LIMIT_UNITS, lower_better_words

        _word_row(s, "time_limit_units", TIME_LIMIT_UNITS)
        _word_row(s, "money_units", MONEY_UNITS)
        _word_row(s, "lower_better_words", lower_better_words())
    if kind == SELFEVAL:
        _execution_reason_mark(s, tr, rules)
    if kind in (SELFEVAL, EVALUATION):
        r = _line_items(s, r + 1, line_rows)
    note = ws.cell(r + 1, 1, HOW_TO_ADD_ROWS)
    note.font = s.Font(name=FONT, size=9, italic=True)
    s.merge(r + 1, 1, width)
    ws.row_dimensions[r + 1].height = 30
    note.alignment = s.left
    _meta_sheet(wb, kind, rules)
    _print_setup(ws, built, width)
    ws.protection.sheet = True
    for flag in ("insertRows", "deleteRows", "formatRows", "formatColumns", "formatCells"):
        setattr(ws.protection, flag, False)
    return wb, built


def _columns(kind: str, experts: int) -> list[Column]:
    cols = list(COLUMNS[kind])
    if kind == EVALUATION:
        i = next(k for k, c in enumerate(cols) if c.field == "score")
        cols[i:i] = [Column(f"expert{k + 1}", f"专家{k + 1}", 7, "input", "0.00") for k in range(experts)]
    return cols


def _title(s: _Sheet, kind: str, width: int) -> int:
    ws = s.ws
    cell = ws.cell(1, 1, TITLES[kind])
    cell.font = s.Font(name=FONT, size=16, bold=True)
    cell.alignment = s.center
    s.merge(1, 1, width)
    ws.row_dimensions[1].height = 30
    s.label(2, 1, "年度")
    s.input(2, 2, fmt="0", name="year")
    s.built.cells["year"] = "B2"
    if kind == MONITOR:  # the N of 1-N月: the lights prorate the annual targets by it
        s.label(2, 3, "监控月份")
        s.built.cells["months"] = s.input(2, 4, fmt="0", name="months")
        s.validation("D2", '"' + ",".join(str(m) for m in range(1, 13)) + '"', "截至几月底（1-N月的 N）")
    unit = ws.cell(2, width, "单位：万元")
    unit.font = s.font
    return 3


def _header_fields(s: _Sheet, kind: str, r: int, width: int) -> int:
    first = "部门名称" if kind == DEPT else "项目名称"
    s.label(r, 1, first)
    s.built.cells["project"] = s.input(r, 2, width, name="project_name")
    r += 1
    half = max(3, width // 2)
    s.label(r, 1, "主管部门")
    s.built.cells["department"] = s.input(r, 2, half, name="department")
    s.label(r, half + 1, "实施单位")
    s.built.cells["unit"] = s.input(r, half + 2, width, name="unit")
    r += 1
    if kind == GOALS:
        s.label(r, 1, "项目属性")
        s.built.cells["attribute"] = s.input(r, 2, half, name="attribute")
        s.validation(s.built.cells["attribute"], '"' + ",".join(ATTRIBUTES) + '"')
        s.label(r, half + 1, "项目期限")
        s.built.cells["period"] = s.input(r, half + 2, width, name="period")
        r += 1
        s.label(r, 1, "项目负责人")
        s.built.cells["manager"] = s.input(r, 2, half, name="manager")
        s.label(r, half + 1, "联系电话")
        s.built.cells["phone"] = s.input(r, half + 2, width, name="phone")
        r += 1
    return r


def _funds_block(s: _Sheet, r: int, tr: TableRules) -> int:
    """项目资金（万元）: components are inputs, 年度资金总额 sums them, 执行率 and 得分 are formulas."""
    top = r
    s.label(r, 1, "项目资金（万元）", r2=r + len(FUNDS_ROWS))
    s.label(r, 2, "")
    for i, h in enumerate(FUNDS_HEADER):
        s.label(r, 3 + i, h, header=True)
    letters = {f: column_letter(2 + i) for i, f in enumerate(("initial_budget", "annual_budget", "spent",
                                                              "weight", "rate", "score"))}
    s.built.funds_cols = letters
    for k, label in enumerate(FUNDS_ROWS):
        row = r + 1 + k
        s.built.funds_rows[label] = row
        s.label(row, 2, label)
        for f in FUNDS_AMOUNTS:
            col = ord(letters[f]) - 64
            if k == 0:
                L = letters[f]
                s.formula(row, col, f"=SUM({L}{row + 1}:{L}{row + len(FUNDS_ROWS) - 1})", "#,##0.00")
            else:
                s.input(row, col, fmt="#,##0.00")
                s.decimal(f"{letters[f]}{row}", money=True)
        D, E, F, G, H = (letters[x] for x in ("annual_budget", "spent", "weight", "rate", "score"))
        s.formula(row, ord(G) - 64, f'=IF(AND(ISNUMBER({D}{row}),{D}{row}>0),{E}{row}/{D}{row},"")', "0.00%")
        if k == 0:
            s.input(row, ord(F) - 64, fmt="0.00", value=tr.execution_weight, name="execution_weight")
            weight = f'IF({F}{row}="",{_num(tr.execution_weight)},{F}{row})'
            s.formula(row, ord(H) - 64,
                      f'=IF(AND(ISNUMBER({D}{row}),{D}{row}>0),ROUND({weight}*MAX(MIN({E}{row}/{D}{row},1),0),2),"")',
                      "0.00", name="execution_score")
            for nm, col in (("annual_budget", D), ("spent", E), ("execution_rate", G)):
                s.name(nm, f"{col}{row}")
        else:
            s.label(row, ord(F) - 64, "—")
            s.label(row, ord(H) - 64, "—")
    _text_amount_marks(s, [letters[f] for f in FUNDS_AMOUNTS], top + 2,
                       top + len(FUNDS_ROWS))
    _below_zero_marks(s, [letters[f] for f in FUNDS_AMOUNTS], top + 1, top + len(FUNDS_ROWS))
    # A302 as arithmetic.overspent: 全年预算数, or 年初预算数 where it is empty
    C, D, E = (f"{letters[f]}{top + 1}" for f in FUNDS_AMOUNTS)
    budget = f"IF(ISNUMBER({D}),{D},{C})"
    _mark(s, f"{letters['spent']}{top + 1}:{letters['spent']}{top + len(FUNDS_ROWS)}",
          f"IF(AND(ISNUMBER({E}),ISNUMBER({budget})),AND({budget}>=0,{E}-{budget}>0.005),FALSE)", "FFC7CE", "A302")
    return r + len(FUNDS_ROWS) + 1


def _dept_amounts(s: _Sheet, r: int, tr: TableRules) -> int:
    """Department amounts as label/value pairs, with the §4 figures and the execution score."""
    refs = {}
    for k, (f, label) in enumerate(DEPT_AMOUNTS):
        s.label(r + k, 1, label)
        refs[f] = s.input(r + k, 2, fmt="#,##0.00", name=f)
        s.decimal(refs[f], money=True)
        if f != "carryover":  # (a carry-over below zero is no A342: spending over the budget shows it)
            _below_zero_marks(s, [_column_of(refs[f])], r + k, r + k)
    figures = (("预算执行率", f'=IF(AND(ISNUMBER({refs["annual_budget"]}),{refs["annual_budget"]}>0),'
                            f'{refs["spent"]}/{refs["annual_budget"]},"")', "execution_rate"),
               ("结转结余率", f'=IF(AND(ISNUMBER({refs["annual_budget"]}),{refs["annual_budget"]}>0,'
                            f'ISNUMBER({refs["carryover"]})),{refs["carryover"]}/{refs["annual_budget"]},"")',
                "carryover_rate"),
               ("预决算差异率", f'=IF(AND(ISNUMBER({refs["initial_budget"]}),{refs["initial_budget"]}>0,'
                              f'ISNUMBER({refs["final_accounts"]})),ABS({refs["final_accounts"]}-'
                              f'{refs["initial_budget"]})/{refs["initial_budget"]},"")', "final_diff_rate"))
    for k, (label, text, name) in enumerate(figures):
        s.label(r + k, 4, label)
        s.formula(r + k, 5, text, "0.00%", name=name)
    # 当年预算执行情况: weight × min(执行数/预算数, 100%), as scoring._execution_row does for departments
    a, i, sp, fa = refs["annual_budget"], refs["initial_budget"], refs["spent"], refs["final_accounts"]
    budget, spent = f"IF(ISNUMBER({a}),{a},{i})", f"IF(ISNUMBER({sp}),{sp},{fa})"
    k = len(figures)
    s.label(r + k, 4, "预算执行得分")
    s.formula(r + k, 5, f'=IF(AND(ISNUMBER({budget}),{budget}>0,ISNUMBER({spent})),'
                        f'ROUND({_num(tr.execution_weight)}*MAX(MIN({spent}/{budget},1),0),2),"")', "0.00",
              name="execution_score")
    # A302 as arithmetic._department_overspent: the amount the score divides over the budget it divides by
    over = f"ISNUMBER({budget}),{budget}>=0,{{x}}-{budget}>0.005"  # (a budget below zero: A342's)
    _mark(s, sp, f"AND(ISNUMBER({sp}),{over.format(x=sp)})", "FFC7CE", "A302")
    _mark(s, fa, f"AND(NOT(ISNUMBER({sp})),ISNUMBER({fa}),{over.format(x=fa)})", "FFC7CE", "A302")
    s.built.cells.update(refs)
    return r + len(DEPT_AMOUNTS) + 1


def _goal_amounts(s: _Sheet, r: int) -> int:
    s.label(r, 1, "项目资金（万元）", r2=r + 2)
    s.label(r, 2, "年度资金总额")
    s.label(r + 1, 2, "其中：财政拨款")
    s.label(r + 2, 2, "其他资金")
    fiscal = s.input(r + 1, 3, fmt="#,##0.00", name="annual_fiscal")
    other = s.input(r + 2, 3, fmt="#,##0.00", name="annual_other")
    s.formula(r, 3, f"=SUM({fiscal},{other})", "#,##0.00", name="annual_total")
    s.decimal(f"{fiscal}:{other}", money=True)
    _below_zero_marks(s, [_column_of(fiscal)], r, r + 2)
    s.built.cells.update(annual_fiscal=fiscal, annual_other=other)
    return r + 4


def _goal_texts(s: _Sheet, kind: str, r: int, width: int) -> int:
    mid = max(3, width // 2)
    if kind == GOALS:
        s.label(r, 1, "总体目标", r2=r + 1)
        s.label(r, 2, "中期目标", mid, header=True)
        s.label(r, mid + 1, "年度目标", width, header=True)
        s.built.cells["midterm_goal"] = s.input(r + 1, 2, mid, name="midterm_goal")
        s.built.cells["annual_goal"] = s.input(r + 1, mid + 1, width, name="annual_goal")
    else:
        s.label(r, 1, "年度总体目标", r2=r + 1)
        s.label(r, 2, "预期目标", mid, header=True)
        s.label(r, mid + 1, "实际完成情况", width, header=True)
        s.built.cells["annual_goal"] = s.input(r + 1, 2, mid, name="annual_goal")
        s.built.cells["achieved"] = s.input(r + 1, mid + 1, width, name="achieved")
    s.ws.row_dimensions[r + 1].height = 60
    return r + 2


def _rule(formula: str, color: str):  # noqa: ANN202
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    return FormulaRule(formula=[formula], fill=PatternFill("solid", start_color=color, end_color=color))


#: What a money cell's validation says when it refuses text.
MONEY_ONLY = "请输入金额（万元），只填数字，不小于 0"


def _number_unless_qualitative(L: dict[str, str], f: str, r: int) -> tuple[str, str]:
    """The validation of a value column on row ``r`` (the first): a number, or any text on a row
    the score formula treats as qualitative — 指标性质「定性」 or, for the values reached, a target
    written in words — as scoring.Indicator.qualitative does."""
    D, E, V = f"${L['direction']}{r}", f"${L['target']}{r}", f"{L[f]}{r}"
    if f == "target":
        return (f'OR(ISNUMBER({V}),{D}="定性")',
                "定量指标的指标值只填数字（单位写在「度量单位」列，≥/≤ 选在「指标性质」列）；"
                "定性指标请先在「指标性质」选「定性」，再填文字")
    return (f'OR(ISNUMBER({V}),{_qualitative(D, E)})', "定量指标只填数字（单位写在「度量单位」列）；定性指标可填文字")


def _qualitative(direction: str, target: str) -> str:
    """scoring.Indicator.qualitative as a formula on the row's 指标性质 and 指标值 cells: 定性, or
    a target written as words (an empty one is not) — the rows where words are the values."""
    return f'OR({direction}="定性",AND({target}<>"",NOT(ISNUMBER({target}))))'


def _deviation_mark(L: dict[str, str], r: int, tr: TableRules) -> str:
    """A307 as arithmetic.deviations decides it: a row that was judged (an actual, or a chosen
    qualitative outcome or rate) scoring below its weight, over-achieved (≥/> at the rule set's
    threshold) or above an = target, with no 偏差原因."""
    n, D, E, G, H, I, J, K, dev, M, N = (f"{L[x]}{r}" for x in (  # noqa: E741
        "name", "c_dir", "target", "actual", "weight", "outcome", "qual_rate", "score", "deviation",
        "t_norm", "a_norm"))
    qual = f'OR({D}="定性",NOT(ISNUMBER({E})))'  # as the score formula branches
    judged = f'IF({qual},OR({I}<>"",ISNUMBER({J})),{G}<>"")'
    # IF, not AND, around anything that fails on an empty cell: AND evaluates all its arguments
    over = f'AND(OR({D}="≥",{D}=">"),{M}>0,{N}>={M}*{_num(tr.overachievement)})'
    above = f'AND(OR({D}="=",{D}=""),{M}<>0,ROUND({N},2)<>ROUND({M},2),{N}>{M})'
    F = f"{L['unit']}{r}"
    beyond = f'IF(AND(NOT({qual}),{F}<>"{DATE_UNIT}",ISNUMBER({N}),ISNUMBER({M})),OR({over},{above}),FALSE)'
    return f'IF(AND({n}<>"",{_unstated(dev)},ISNUMBER({K}),ISNUMBER({H})),AND({judged},OR({K}<{H},{beyond})),FALSE)'


def _mark(s: _Sheet, sqref: str, formula: str, color: str, *codes: str) -> None:
    """Colour ``sqref`` where ``formula`` (written for its top-left cell) holds: the cells validate
    would report under ``codes``. Recorded in ``built.marks``, so that tests can recalculate each
    mark as a plain formula and compare it with validate cell by cell."""
    s.ws.conditional_formatting.add(sqref, _rule(formula, color))
    s.built.marks.append((codes, sqref, formula))


def _indicator_table(s: _Sheet, kind: str, columns: list[Column], r: int, rows: int,
                     tr: TableRules, rules: RuleSet) -> int:
    ws, built = s.ws, s.built
    letters = {c.field: column_letter(i) for i, c in enumerate(columns)}
    built.columns = letters
    header = r
    for i, c in enumerate(columns):
        s.label(header, i + 1, c.label, header=True)
        ws.column_dimensions[column_letter(i)].width = c.width
        if c.role == "helper":
            ws.column_dimensions[column_letter(i)].hidden = True
    ws.row_dimensions[header].height = 30
    first, last = header + 1, header + rows
    built.first_row, built.rows = first, rows
    for row in range(first, last + 1):
        for i, c in enumerate(columns):
            if c.role == "input":
                s.input(row, i + 1, fmt=c.fmt)
            elif kind == MONITOR:
                s.formula(row, i + 1, _monitor_formula(c.field, row, letters, rules.monitor, _abs(built.names["months"])),
                          c.fmt)
            else:
                s.formula(row, i + 1, _row_formula(kind, c.field, row, letters, tr, built.experts), c.fmt)
    L = letters
    rng = lambda f: f"${L[f]}${first}:${L[f]}${last}"  # noqa: E731
    s.name("indicators", f"{L['level1']}{first}:{column_letter(len(columns) - 1)}{last}")
    # dropdowns
    level1 = DEPT_LEVEL1 if kind == DEPT else tuple(TAXONOMIES[kind])
    s.validation(f"{L['level1']}{first}:{L['level1']}{last}", f"{LISTS_SHEET_REF}$A$2:$A${len(level1) + 1}",
                 "从列表选择一级指标")
    if any(TAXONOMIES[kind].values()):
        s.validation(f"{L['level2']}{first}:{L['level2']}{last}", f"INDIRECT(${L['level1']}{first})",
                     "先选一级指标，再从列表选择二级指标")
    if "direction" in L:
        s.validation(f"{L['direction']}{first}:{L['direction']}{last}", '"' + ",".join(DIRECTIONS) + '"',
                     "≥ 越大越好，≤ 越小越好，= 等于，± 正负偏差不超过指标值（如成本偏差率 ±10%），定性：文字评价")
    if "outcome" in L:
        outcomes = ",".join(b.outcome for b in tr.qualitative)
        s.validation(f"{L['outcome']}{first}:{L['outcome']}{last}", f'"{outcomes}"', "定性指标：选择达成情况")
        # 85 and 0.85 both mean 85 % (scoring.qual_rate; the score formula divides above 1)
        s.decimal(f"{L['qual_rate']}{first}:{L['qual_rate']}{last}", 0, 100, "定性得分率填 0–100%（如 85% 或 0.85）")
    for f in ("target", "actual", "weight", "to_date", "forecast"):
        if f not in L:
            continue
        if f == "weight":
            s.decimal(f"{L[f]}{first}:{L[f]}{last}", error="分值请输入大于 0 的数字", positive=True)
        elif "direction" not in L:
            s.decimal(f"{L[f]}{first}:{L[f]}{last}")
        else:  # a qualitative row takes words (有效提升, 明显改善): numbers only where they are scored
            formula, error = _number_unless_qualitative(L, f, first)
            s.custom(f"{L[f]}{first}:{L[f]}{last}", formula, error)
    if "unit" in L and kind in (SELFEVAL, DEPT, GOALS, MONITOR):
        how = "按完成目标可能性亮灯" if kind == MONITOR else "指标值和实际完成值填日期（如 2023/12/31）"
        s.prompt(f"{L['unit']}{first}:{L['unit']}{last}",
                 f"如 %、人、个、天、万元。按日期考核的时效指标填「{DATE_UNIT}」，{how}")
    if kind == MONITOR:
        _monitor_rules(s, first, last)
        _light_counts(s, first, last)
        return last + 1
    # conditional formats: what validate would flag, where a formula can see it
    if "score" in L and kind != EVALUATION:
        sc, w = L["score"], L["weight"]
        _mark(s, f"{sc}{first}:{sc}{last}",  # (a weight of 0 or below is S112's: nothing to stay under)
              f'AND(ISNUMBER({sc}{first}),ISNUMBER({w}{first}),{w}{first}>0,{sc}{first}>{w}{first})', "FFC7CE", "A304")
    if "deviation" in L:
        _mark(s, f"{L['deviation']}{first}:{L['deviation']}{last}", _deviation_mark(L, first, tr), "FFEB9C", "A307")
    if "actual" in L:
        n, D, E, G = (f"{L[x]}{first}" for x in ("name", "direction", "target", "actual"))
        # (a qualitative row's outcome chosen in 定性结果 or 定性得分率 is its result, as in validate)
        chosen = f'NOT(AND({_qualitative(D, E)},OR(TRIM({L["outcome"]}{first})<>"",ISNUMBER({L["qual_rate"]}{first}))))' \
            if "outcome" in L else "TRUE"
        _mark(s, f"{L['actual']}{first}:{L['actual']}{last}", f'AND({n}<>"",{G}="",{chosen})', "FFEB9C", "A308")
        # text pasted past the numbers-only validation (95个, ≥100): scored 0, as A315 reports it
        _mark(s, f"{L['actual']}{first}:{L['actual']}{last}",
              f'AND({n}<>"",{D}<>"定性",ISNUMBER({E}),NOT(ISNUMBER({G})),TRIM({G})<>"")', "FFEB9C", "A315")
    if kind == EVALUATION:
        n, c = f"{L['name']}{first}", f"{L['criteria']}{first}"
        _mark(s, f"{L['criteria']}{first}:{L['criteria']}{last}",  # as S113: a row named, its 评分标准 left empty
              f'AND(TRIM({n})<>"",ISNUMBER(${L["weight"]}{first}),OR(TRIM({c})="",ISNUMBER(MATCH(TRIM({c}),'
              f'{{{_NONE_WORDS}}},0))))',
              "FFEB9C", "S113")
        w = L["weight"]
        for k in range(built.experts):
            e = L[f"expert{k + 1}"]
            _mark(s, f"{e}{first}:{e}{last}",  # as A304: past the weight by more than rounding (an empty weight is 0 to Excel)
                  f"IF(AND(ISNUMBER({e}{first}),ISNUMBER(${w}{first})),AND(${w}{first}>0,{e}{first}-${w}{first}>0.005),FALSE)",
                  "FFC7CE", "A304")
    r = last + 1
    # total and grade
    w_col = ord(L["weight"]) - 64
    s.label(r, 1, "总分" if kind != GOALS else "合计", w_col - 1)
    exec_w = _execution_weight_ref(kind, tr, built)
    s.formula(r, w_col, f"=SUM({rng('weight')})" + (f"+{exec_w}" if exec_w else ""), "0.00", bold=True)
    if "score" in L:
        exec_s = _execution_score_ref(kind, built)
        # no row scored at all (no weights, no budget): no total, as scoring.score_table gives none
        counted = f"COUNT({rng('score')})" + (f"+{_execution_score_ref(kind, built, counted=True)}" if exec_s else "")
        total = f"ROUND(SUM({rng('score')})" + (f"+{exec_s}" if exec_s else "") + ",2)"
        s.formula(r, ord(L["score"]) - 64, f'=IF({counted}=0,"",{total})', "0.00", name="total_score", bold=True)
        r += 1
        s.label(r, 1, "自评等级" if kind != EVALUATION else "评价等级")
        total = built.names["total_score"]
        s.formula(r, 2, _grade_formula(total, rules), name="grade", bold=True)
    r += 2
    return _parts_table(s, kind, r, rng, exec_w, built)


LISTS_SHEET_REF = f"'{LISTS_SHEET}'!"


def _execution_weight_ref(kind: str, tr: TableRules, built: Built) -> str:
    if kind == SELFEVAL:
        return f'IF({built.names["execution_weight"]}="",{_num(tr.execution_weight)},{built.names["execution_weight"]})'
    if kind == DEPT:
        return f'IF(COUNTIF({_col_range(built, "level1")},"当年预算执行情况")>0,0,{_num(tr.execution_weight)})'
    return ""


def _col_range(built: Built, f: str) -> str:
    L = built.columns[f]
    return f"${L}${built.first_row}:${L}${built.first_row + built.rows - 1}"


def _execution_score_ref(kind: str, built: Built, *, counted: bool = False) -> str:
    """The execution score as the total adds it (a department with rows of its own under
    当年预算执行情况 adds 0); with ``counted``, 1 where it is added and 0 elsewhere."""
    if kind not in (SELFEVAL, DEPT):
        return ""
    e = built.names["execution_score"]
    own = f'IF(ISNUMBER({e}),{"1" if counted else e},0)'
    if kind == DEPT:
        return f'IF(COUNTIF({_col_range(built, "level1")},"当年预算执行情况")>0,0,{own})'
    return own


def _grade_formula(total: str, rules: RuleSet) -> str:
    grades = list(rules.grades)
    text = f'"{grades[-1][0]}"'
    for name, low in reversed(grades[:-1]):
        text = f'IF({total}>={_num(low)},"{name}",{text})'
    return f'=IF(ISNUMBER({total}),{text},"")'


def _row_formula(kind: str, f: str, r: int, L: dict[str, str], tr: TableRules, experts: int) -> str:
    if kind == EVALUATION:
        first, last = L["expert1"], L[f"expert{experts}"]
        ex, w = f"{first}{r}:{last}{r}", f"{L['weight']}{r}"
        if f == "score":
            mean = f"MAX(ROUND(AVERAGE({ex}),2),0)"  # a negative score (A318) never drags a row below 0
            # no expert score yet: 0 once the row has a weight (as scoring._expert_row counts it)
            return f'=IF(COUNT({ex})=0,IF(ISNUMBER({w}),0,""),IF({w}="",{mean},MIN({mean},ROUND({w},2))))'
        sc = f"{L['score']}{r}"
        return f'=IF(OR({sc}="",NOT(ISNUMBER({w})),{w}=0),"",{sc}/{w})'
    if f == "c_dir":
        return _direction(L, r)
    # column names as in the template: D 指标性质 (as 计算方向 has it), E 指标值, F 单位, G 实际, H 分值,
    # I 定性结果, J 定性得分率
    D, E, F, G, H, I, J = (f"{L[x]}{r}" for x in ("c_dir", "target", "unit", "actual", "weight",  # noqa: E741
                                                  "outcome", "qual_rate"))
    M, N = f"{L['t_norm']}{r}", f"{L['a_norm']}{r}"
    if f in ("t_norm", "a_norm"):
        return _norm(f, E, F, G, M, D)
    if f != "score":
        raise ValueError(f)
    bands = tr.qualitative
    qual = "0"
    for b in reversed(bands):
        qual = f'IF({I}="{b.outcome}",ROUND({H}*{_num(b.default)},2),{qual})'
    qual = f"IF(ISNUMBER({J}),ROUND({H}*MIN(IF({J}>1,{J}/100,{J}),1),2),{qual})"  # (never above the weight)
    full = f"ROUND({H},2)"
    if tr.less_is_better == "deduction":
        over = f"IF({N}>=2*{M},0,ROUND({H}*(1-({N}-{M})/{M}),2))"
    else:
        over = f"ROUND({H}*{M}/{N},2)"
    eq = f'OR({D}="=",{D}="")'
    less = f"IF({M}<=0,IF({N}<={M},{full},0),IF({N}<={M},{full},{over}))"
    more = f"IF(OR({N}>={M},AND({eq},ROUND({N},2)=ROUND({M},2))),{full},IF({M}<=0,0,ROUND({H}*MAX({N}/{M},0),2)))"
    ceiling = f'OR({D}="≤",{D}="<",{D}="{BAND}",AND({eq},{M}=0))'  # ±: a_norm holds the deviation's size
    # 度量单位「日期」: a deadline, as scoring._dated (on time: the weight; late: late_date_rate of it)
    on_time = f'IF(OR({D}="≥",{D}=">"),{N}>={M},{N}<={M})'
    dated = f'IF({on_time},{full},ROUND({H}*{_num(tr.late_date_rate)},2))'
    quant = (f'IF(NOT(ISNUMBER({G})),0,IF({F}="{DATE_UNIT}",{dated},'
             f'IF({ceiling},{less},{more})))')
    return f'=IF(NOT(ISNUMBER({H})),"",IF(OR({D}="定性",NOT(ISNUMBER({E}))),{qual},{quant}))'


def _direction(L: dict[str, str], r: int) -> str:
    """The hidden 计算方向: the 指标性质 as chosen, or for an empty one ≤ where the row is a ceiling
    by its place and name (direction.template_ceiling: a time limit under 时效, money under 成本, a
    count of what should not happen), else empty (scored as =). The formulas read it in place of
    指标性质, so that a bare 30天 of 时效指标 is scored as the ceiling the reader takes it for."""
    A, B, C, D, F = (f"{L[x]}{r}" for x in ("level1", "level2", "name", "direction", "unit"))
    unit = f'TRIM(SUBSTITUTE({F},"\u3000"," "))'  # (a full-width space typed with the unit)
    ceiling = (f'OR(AND(ISNUMBER(SEARCH("时效",{B})),SUMPRODUCT(--(time_limit_units={unit}))>0),'
               f'AND(OR(ISNUMBER(SEARCH("成本",{A})),ISNUMBER(SEARCH("成本",{B}))),SUMPRODUCT(--(money_units={unit}))>0),'
               f'SUMPRODUCT(--ISNUMBER(SEARCH(lower_better_words,{C})))>0)')
    return f'=IF(TRIM({D})<>"",{D},IF({ceiling},"≤",""))'


def _norm(f: str, target: str, unit: str, value: str, t_norm: str, direction: str) -> str:
    """Hidden helpers that put target and value on one scale, as values.percent_scale does.

    ``t_norm``: a bare fraction in a % row is a fraction (0.95 → 95); ``a_norm``: the value's
    reading closer to the target (0.98 beside 95 → 98) — its size alone under 指标性质「±」, a band
    either side of zero that a deviation of either sign meets (values.Value.band), so the score
    and light formulas treat ± as a ceiling on it.
    """
    D, E, F, G, M = direction, target, unit, value, t_norm
    if f == "t_norm":
        return f'=IF(ISNUMBER({E}),IF(AND({F}="%",ABS({E})<=1,{E}<>0),{E}*100,{E}),"")'
    scaled = (f'IF(AND({F}="%",ABS({G})<=1.5,{G}<>0),IF(OR({M}="",{M}=0),'
              f'IF(ABS({G})<=1,{G}*100,{G}),IF(ABS({M})>10*ABS({G}),{G}*100,{G})),{G})')
    return f'=IF(ISNUMBER({G}),IF({D}="{BAND}",ABS({scaled}),{scaled}),"")'


def _parts_table(s: _Sheet, kind: str, r: int, rng, exec_w: str, built: Built) -> int:  # noqa: ANN001
    """得分汇总 by 一级指标 (a result table: 一级指标 | 分值 | 得分 | 得分率)."""
    has_score = kind != GOALS
    heads = ("一级指标", "分值", "得分", "得分率") if has_score else ("一级指标", "分值")
    for i, h in enumerate(heads):
        s.label(r, 1 + i, h, header=True)
    rows = []
    if kind in (SELFEVAL, DEPT):
        name = "预算执行率" if kind == SELFEVAL else "当年预算执行情况"
        rows.append((name, f"={exec_w}", f"={_execution_score_ref(kind, built)}"))
    for part in PART_ROWS[kind]:
        rows.append((part, f'=SUMIF({rng("level1")},"{part}",{rng("weight")})',
                     f'=SUMIF({rng("level1")},"{part}",{rng("score")})' if has_score else ""))
    first = r + 1
    for k, (name, w, sc) in enumerate(rows):
        row = r + 1 + k
        s.label(row, 1, name)
        s.formula(row, 2, w, "0.00")
        if has_score:
            s.formula(row, 3, sc.replace("=", "=ROUND(", 1) + ",2)" if sc else "", "0.00")
            s.formula(row, 4, f'=IF(B{row}>0,C{row}/B{row},"")', "0.00%")
    last = r + len(rows)
    if kind == EVALUATION:
        row = last + 1
        s.label(row, 1, "总分")
        s.formula(row, 2, f"=SUM(B{first}:B{last})", "0.00")
        s.formula(row, 3, f"=ROUND(SUM(C{first}:C{last}),2)", "0.00")
        s.formula(row, 4, f'=IF(B{row}>0,C{row}/B{row},"")', "0.00%")
        last = row
    return last + 1


def _line_items(s: _Sheet, r: int, per_group: int) -> int:
    """资金使用情况: items per 组织方式 with 小计, then 合计 of the subtotals."""
    heads = ("组织方式", "支出内容", "预算金额", "合同签订金额", "支出金额")
    for i, h in enumerate(heads):
        s.label(r, 1 + i, h, header=True)
    cols = {"method": "A", "content": "B", "budget": "C", "contract": "D", "spent": "E"}
    s.built.line_cols = cols
    row = r + 1
    subtotals = []
    for group in LINE_ITEM_GROUPS:
        s.label(row, 1, group, r2=row + per_group - 1)
        for k in range(per_group):
            s.built.line_rows.append((group, row + k))
            s.input(row + k, 2)
            for c in ("C", "D", "E"):
                s.input(row + k, ord(c) - 64, fmt="#,##0.00")
        sub = row + per_group
        s.label(sub, 1, "小计", 2)
        for c in ("C", "D", "E"):
            s.formula(sub, ord(c) - 64, f"=SUM({c}{row}:{c}{sub - 1})", "#,##0.00")
        subtotals.append(sub)
        _below_zero_marks(s, ["C", "D", "E"], row, sub - 1)
        d, b = "D", "C"
        _mark(s, f"{d}{row}:{d}{sub - 1}", f"AND(ISNUMBER({d}{row}),ISNUMBER({b}{row}),{b}{row}>=0,{d}{row}>{b}{row})", "FFEB9C",
              "A309")
        # A310 spending over the contract; without a contract (or one of 0), A302 spending over the budget
        _mark(s, f"E{row}:E{sub - 1}", f"AND(ISNUMBER(E{row}),IF(AND(ISNUMBER(D{row}),D{row}<>0),"
              f"AND(D{row}>0,E{row}>D{row}),AND(ISNUMBER(C{row}),C{row}>=0,E{row}-C{row}>0.005)))", "FFC7CE", "A310", "A302")
        row = sub + 1
    s.label(row, 1, "合计", 2)
    for c in ("C", "D", "E"):
        s.formula(row, ord(c) - 64, "=" + "+".join(f"{c}{x}" for x in subtotals), "#,##0.00")
    if s.built.funds_rows:
        _items_against_funds_marks(s, row, [(x - per_group, x - 1) for x in subtotals])
    return row + 1


def _items_against_funds_marks(s: _Sheet, total: int, groups: list[tuple[int, int]]) -> None:
    """A338 as arithmetic.line_items_against_funds, at 合计: the items' 预算金额 (支出金额), when
    any is filled, equal neither 年度资金总额's 全年预算数 (or 年初预算数, as A302 takes it) nor
    财政拨款's."""
    L = s.built.funds_cols
    t, f = s.built.funds_rows[FUNDS_ROWS[0]], s.built.funds_rows[FUNDS_ROWS[1]]

    def budget(row: int) -> str:
        return f'IF(ISNUMBER({L["annual_budget"]}{row}),{L["annual_budget"]}{row},{L["initial_budget"]}{row})'

    for c, amount in (("C", budget), ("E", lambda row: f'{L["spent"]}{row}')):
        filled = "+".join(f"COUNT({c}{a}:{c}{b})" for a, b in groups)
        differs = [f"IF(ISNUMBER({x}),ABS(ROUND({c}{total},2)-ROUND({x},2))>0.001,TRUE)"
                   for x in (amount(t), amount(f))]
        # (an amount below zero, of an item or of the funds: A342's)
        signs = [f"MIN({','.join(f'{c}{a}:{c}{b}' for a, b in groups)})>=0",
                 *(f"IF(ISNUMBER({x}),{x}>=0,TRUE)" for x in (amount(t), amount(f)))]
        _mark(s, f"{c}{total}", f"AND({filled}>0,ISNUMBER({amount(t)}),{','.join(differs + signs)})", "FFEB9C", "A338")


def _lists_sheet(wb, kind: str) -> None:  # noqa: ANN001
    """Hidden sheet with the dropdown lists; each 一级指标 names the range of its 二级指标."""
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    tax = TAXONOMIES[kind]
    level1 = DEPT_LEVEL1 if kind == DEPT else tuple(tax)
    ws.cell(1, 1, "一级")
    for i, name in enumerate(level1, start=2):
        ws.cell(i, 1, name)
    for k, (name, kids) in enumerate(tax.items()):
        col = 2 + k
        ws.cell(1, col, name)
        for i, kid in enumerate(kids, start=2):
            ws.cell(i, col, kid)
        if kids:
            L = column_letter(col - 1)
            wb.defined_names[name] = DefinedName(name, attr_text=f"'{LISTS_SHEET}'!${L}$2:${L}${len(kids) + 1}")


def _word_row(s: _Sheet, name: str, words: tuple[str, ...]) -> None:
    """``words`` in a row of the lists sheet under the defined name ``name`` (a conditional
    format may not hold an array constant, but it may name a range)."""
    from openpyxl.workbook.defined_name import DefinedName

    lists = s.wb[LISTS_SHEET]
    row = lists.max_row + 2
    for k, w in enumerate(words, start=1):
        lists.cell(row, k).value = w  # text, always (a word such as "0" or "-" stays a word)
        lists.cell(row, k).data_type = "s"
    ref = f"'{LISTS_SHEET}'!$A${row}:${column_letter(len(words) - 1)}${row}"
    s.wb.defined_names[name] = DefinedName(name, attr_text=ref)


def _unstated(cell: str) -> str:
    """A formula true where ``cell`` gives no reason: empty, or a placeholder such as 无 or / —
    rules.stated's test (spaces and control characters dropped; ``=`` is case-blind as casefold)."""
    key = f'SUBSTITUTE(SUBSTITUTE(CLEAN({cell})," ",""),"\u3000","")'
    return f'OR({cell}="",SUMPRODUCT(--(no_reason_words={key}))>0)'


def _execution_reason_mark(s: _Sheet, tr: TableRules, rules: RuleSet) -> None:
    """A317 where a formula can see it: 实际完成情况 turns yellow while 执行率 is below the rule
    set's threshold and neither it nor any 偏差原因 speaks of spending. The keywords sit in a row of
    the lists sheet (a conditional format may not hold an array constant); SEARCH of that row
    against the 偏差原因 column makes a words × rows matrix that SUMPRODUCT counts."""

    from ..rules import heuristics

    _word_row(s, "execution_reason_words", heuristics(rules).execution_reason)
    b = s.built
    achieved, dev = b.cells["achieved"], b.columns["deviation"]
    devs = f"${dev}${b.first_row}:${dev}${b.first_row + b.rows - 1}"
    rate = _abs(f"{b.funds_cols['rate']}{b.funds_rows[FUNDS_ROWS[0]]}")
    said = (f"SUMPRODUCT(--ISNUMBER(SEARCH(execution_reason_words,{achieved})))"
            f"+SUMPRODUCT(--ISNUMBER(SEARCH(execution_reason_words,{devs})))")
    # IF, not AND: AND evaluates every argument, and ROUND("") is #VALUE! while there is no budget
    _mark(s, achieved, f"IF(ISNUMBER({rate}),AND({rate}>=0,ROUND({rate},4)<{_num(tr.explain_execution_below)},{said}=0),FALSE)",
          "FFEB9C", "A317")


def _meta_sheet(wb, kind: str, rules: RuleSet) -> None:  # noqa: ANN001
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    for i, (k, v) in enumerate((("template", kind), ("version", TEMPLATE_VERSION), ("rules", rules.id),
                                ("xltools", __version__)), start=1):
        ws.cell(i, 1, k)
        ws.cell(i, 2, v)
        wb.defined_names[f"xltools_{k}"] = DefinedName(f"xltools_{k}", attr_text=f"'{META_SHEET}'!$B${i}")
    ws.protection.sheet = True


def _print_setup(ws, built: Built, width: int) -> None:  # noqa: ANN001
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    header = built.first_row - 1
    ws.print_title_rows = f"{header}:{header}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.freeze_panes = f"A{built.first_row}"


# --- mid-year monitoring (monitoring.py's rules as formulas) -----------------------------------


def _months_ok(m: str) -> str:
    """监控月份 is a whole month 1–12 (as recognize._month_value reads it); anything else: no light."""
    return f"AND(ISNUMBER({m}),{m}>=1,{m}<=12,INT({m})={m})"


def _bands(x: str, mr: MonitorRules) -> str:
    """The light of a completion ratio ``x``, compared as shown (ROUND to 4: MonitorRules.light
    after monitoring's round_half_up)."""
    w = LIGHT_WORDS
    x = f"ROUND({x},4)"
    return (f'IF({x}<{_num(mr.red)},"{w["red"]}",IF({x}<{_num(mr.yellow)},"{w["yellow"]}",'
            f'IF({x}>={_num(mr.blue)},"{w["blue"]}","{w["green"]}")))')


def _monitor_funds(s: _Sheet, r: int, mr: MonitorRules) -> int:
    """项目资金（万元）: 全年预算数 | 累计执行数 | 执行进度 | 序时进度 | 预警灯 (monitoring.funds_light)."""
    s.label(r, 1, "项目资金（万元）", r2=r + len(FUNDS_ROWS))
    s.label(r, 2, "")
    for i, h in enumerate(MONITOR_FUNDS_HEADER):
        s.label(r, 3 + i, h, header=True)
    C, D, E, F = "C", "D", "E", "F"  # 预警灯 in G
    s.built.funds_cols = {"annual_budget": C, "spent": D, "rate": E}
    months = _abs(s.built.names["months"])
    for k, label in enumerate(FUNDS_ROWS):
        row = r + 1 + k
        s.built.funds_rows[label] = row
        s.label(row, 2, label)
        for L in (C, D):
            if k == 0:
                s.formula(row, ord(L) - 64, f"=SUM({L}{row + 1}:{L}{row + len(FUNDS_ROWS) - 1})", "#,##0.00")
            else:
                s.input(row, ord(L) - 64, fmt="#,##0.00")
                s.decimal(f"{L}{row}", money=True)
        s.formula(row, 5, f'=IF(AND(ISNUMBER({C}{row}),{C}{row}>0),{D}{row}/{C}{row},"")', "0.00%")
        if k == 0:
            s.formula(row, 6, f'=IF({_months_ok(months)},{months}/12,"")', "0.00%", name="expected_progress")
            s.formula(row, 7, f'=IF(AND(ISNUMBER({E}{row}),ISNUMBER({F}{row})),{_bands(f"{E}{row}/{F}{row}", mr)},"")',
                      name="funds_light")
            for nm, col in (("annual_budget", C), ("spent", D), ("progress", E)):
                s.name(nm, f"{col}{row}")
        else:
            s.label(row, 6, "—")
            s.label(row, 7, "—")
    _text_amount_marks(s, [C, D], r + 2, r + len(FUNDS_ROWS))
    _below_zero_marks(s, [C, D], r + 1, r + len(FUNDS_ROWS))
    _light_fills(s, f"G{r + 1}", f"G{r + 1}")
    return r + len(FUNDS_ROWS) + 2


def _column_of(ref: str) -> str:
    """``B7`` → ``B``: a mark's column, from the input it marks."""
    return ref.rstrip("0123456789")


def _below_zero_marks(s: _Sheet, columns: list[str], first: int, last: int) -> None:
    """A342: an amount below zero (pasted past the cells' validation, or poured from a table)."""
    for L in columns:
        _mark(s, f"{L}{first}:{L}{last}", f"AND(ISNUMBER({L}{first}),{L}{first}<0)", "FFC7CE", "A342")


def _text_amount_marks(s: _Sheet, columns: list[str], first: int, last: int) -> None:
    """A324: an amount of a component row typed as text, which the total's SUM passes by."""
    for L in columns:
        _mark(s, f"{L}{first}:{L}{last}", f'AND(TRIM({L}{first})<>"",NOT(ISNUMBER({L}{first})))', "FFEB9C", "A324")


def _monitor_formula(f: str, r: int, L: dict[str, str], mr: MonitorRules, months: str) -> str:
    """One monitoring row's helper, 序时完成率 or 预警灯 formula (monitoring.indicator_light)."""
    if f == "c_dir":
        return _direction(L, r)
    D, E, F, G, I, J = (f"{L[x]}{r}" for x in ("c_dir", "target", "unit", "to_date", "likelihood",  # noqa: E741
                                               "ratio"))
    M, N = f"{L['t_norm']}{r}", f"{L['a_norm']}{r}"
    if f in ("t_norm", "a_norm"):  # 1-N月 values on the target's scale
        return _norm(f, E, F, G, M, D)
    # words, deadlines and values not due yet (年底测评): by the likelihood
    qual = f'OR({D}="定性",NOT(ISNUMBER({E})),{F}="{DATE_UNIT}",{_not_due(G)})'
    ceiling = f'OR({D}="≤",{D}="<",{D}="{BAND}")'  # ±: a_norm holds the deviation's size
    if f == "ratio":  # 1-N月 / (target × N/12); a rate against its target; a ceiling exceeded: target / value
        return (f'=IF(OR({qual},NOT(ISNUMBER({G}))),"",IF(OR({ceiling},{M}<=0),IF(OR({M}<=0,{N}<={M}),"",{M}/{N}),'
                f'IF({F}="%",{N}/{M},IF({_months_ok(months)},{N}/({M}*{months}/12),""))))')
    if f != "light":
        raise ValueError(f)
    w = LIGHT_WORDS
    by_likelihood = (f'IF({I}="确定能","{w["green"]}",IF({I}="有可能","{w["yellow"]}",'
                     f'IF({I}="完全不可能","{w["red"]}","")))')
    at_most = f'OR({ceiling},{D}="=",{D}="")'  # a target of 0 unless with ≥/>: none may occur (monitoring.py)
    zero = f'IF({at_most},IF({N}<={M},"{w["green"]}","{w["red"]}"),IF({N}>={M},"{w["green"]}","{w["red"]}"))'
    over = f'IF({N}<={M},"{w["green"]}",IF(ROUND({M}/{N},4)<{_num(mr.red)},"{w["red"]}","{w["yellow"]}"))'
    # a deadline (度量单位「日期」) met or missed is green or red by its date; not reached yet, by the likelihood
    on_time = f'IF(OR({D}="≥",{D}=">"),{G}>={E},{G}<={E})'
    dated = f'IF(AND({D}<>"定性",ISNUMBER({E}),{F}="{DATE_UNIT}",ISNUMBER({G})),IF({on_time},"{w["green"]}","{w["red"]}"),'
    return (f'={dated}IF({qual},{by_likelihood},IF(NOT(ISNUMBER({G})),"",IF(OR({ceiling},{M}<=0),IF({M}<=0,{zero},{over}),'
            f'IF({J}="","",{_bands(J, mr)})))))')


def _not_due(cell: str) -> str:
    """True where a 1-N月 cell holds text with a word of ``not_due_words`` (年底, 待 …), as
    monitoring.indicator_light tests it: the figure is not due yet."""
    return f"AND(ISTEXT({cell}),SUMPRODUCT(--ISNUMBER(SEARCH(not_due_words,{cell})))>0)"


def _light_fills(s: _Sheet, sqref: str, first: str) -> None:
    for light, color in LIGHT_FILLS.items():
        s.ws.conditional_formatting.add(sqref, _rule(f'{first}="{LIGHT_WORDS[light]}"', color[2:]))


def _monitor_rules(s: _Sheet, first: int, last: int) -> None:
    """Dropdown for 完成目标可能性; colours for the lights and for what validate's M4xx would ask."""
    from ..monitoring import LIKELIHOOD_CHOICES

    L = s.built.columns
    s.validation(f"{L['likelihood']}{first}:{L['likelihood']}{last}", '"' + ",".join(LIKELIHOOD_CHOICES) + '"',
                 "确定能 / 有可能 / 完全不可能")
    _light_fills(s, f"{L['light']}{first}:{L['light']}{last}", f"{L['light']}{first}")
    n, d, e, f, g, h, i, k = (f"{L[x]}{first}" for x in ("name", "direction", "target", "unit", "to_date", "forecast",
                                                          "likelihood", "light"))
    red, yellow, blue = LIGHT_WORDS["red"], LIGHT_WORDS["yellow"], LIGHT_WORDS["blue"]
    dev, mea = f"{L['deviation']}{first}", f"{L['measures']}{first}"
    for code, sqref, formula in (
        ("M401", f"{L['deviation']}{first}:{L['deviation']}{last}",
         f'AND(OR({k}="{red}",{k}="{yellow}",{k}="{blue}"),{_unstated(dev)})'),
        ("M402", f"{L['measures']}{first}:{L['measures']}{last}", f'AND(OR({k}="{red}",{i}="完全不可能"),{_unstated(mea)})'),
        ("M403", f"{L['likelihood']}{first}:{L['likelihood']}{last}", f'AND({n}<>"",{i}="")'),
        ("M404", f"{L['to_date']}{first}:{L['to_date']}{last}",
         f'AND({n}<>"",{d}<>"定性",ISNUMBER({e}),{f}<>"{DATE_UNIT}",NOT(ISNUMBER({g})),NOT({_not_due(g)}))'),
        # (as validate reads a template: a dash typed there is text to the formulas, no blank)
        ("M409", f"{L['forecast']}{first}:{L['forecast']}{last}", f'AND({n}<>"",TRIM({e})<>"",TRIM({h})="")'),
    ):
        _mark(s, sqref, formula, "FFEB9C", code)


def _light_counts(s: _Sheet, first: int, last: int) -> None:
    """预警灯统计 beside the funds block (above the table, so the reader never takes it for an
    indicator row): how many rows and the funds show each light, as ScoreResult.lights() counts."""
    col = s.built.columns["light"]
    funds = s.built.names["funds_light"]
    top = s.built.funds_rows["年度资金总额"] - 1
    s.label(top, 9, "预警灯统计", header=True)
    s.label(top, 10, "个数", header=True)
    for k, light in enumerate(LIGHT_WORDS):
        word = LIGHT_WORDS[light]
        s.label(top + 1 + k, 9, word)
        s.formula(top + 1 + k, 10, f'=COUNTIF(${col}${first}:${col}${last},"{word}")+IF({_abs(funds)}="{word}",1,0)',
                  "0", name=f"lights_{light}")
    _light_fills(s, f"I{top + 1}:I{top + len(LIGHT_WORDS)}", f"I{top + 1}")

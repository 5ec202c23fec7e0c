"""The domain model: what a performance table says, independent of where it was laid out.

Every value that came from a cell keeps its sheet and A1 address, so a score's explanation, a
validation finding or an annotation can point at the exact cell a person must look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .values import NONE, Value

#: Table kinds (domain.md §7 glossary).
GOALS, SELFEVAL, DEPT, EVALUATION, MONITOR = "goals", "selfeval", "dept", "evaluation", "monitor"
TABLE_TITLES = {
    GOALS: "项目支出绩效目标申报表",
    SELFEVAL: "项目支出绩效自评表",
    DEPT: "部门整体绩效自评表",
    EVALUATION: "项目支出绩效评价评分表",
    MONITOR: "项目支出绩效运行监控表",
}


#: Money units a table may state its amounts in (reading.recognize._money_unit).
WAN, YUAN = "万元", "元"


@dataclass(slots=True)
class Field:
    """One labelled value (a header field, a written total): its value and where it sits."""

    value: object
    sheet: str
    cell: str


#: The amount columns of a funds row, in the form's order (年初预算数, 全年预算数, 全年执行数).
FUNDS_AMOUNTS = ("initial_budget", "annual_budget", "spent")


@dataclass(frozen=True, slots=True)
class Reckoned:
    """A figure of a funds row whose column header states how it is worked out from the row's
    other figures (Fujian's ``本年度结余金额⑦=④-⑤``, ``资金结余率（%）⑧=⑦/④``: reading.reckoning), with
    the figures it names (A343 holds it to them)."""

    name: str  # the column, without its reckoning: 本年度结余金额
    formula: str  # as the header prints it: ④-⑤
    cell: str
    written: float
    terms: tuple[tuple[int, float], ...]  # (sign, figure) of a sum; numerator and denominator of a ratio
    ratio: bool
    sources: tuple[str, ...] = ()  # the cells of the figures, in the order of ``terms``
    empty: tuple[str, ...] = ()  # those of ``sources`` left empty: 0 in a sum, but maybe no 0

    @property
    def computed(self) -> float | None:
        if not self.ratio:
            return sum(sign * x for sign, x in self.terms)
        (_, top), (_, bottom) = self.terms
        return top / bottom if bottom else None


@dataclass(slots=True)
class FundsRow:
    """A row of the funds block (年度资金总额, 其中：财政拨款, 上年结转资金, 其他资金 …)."""

    kind: str  # total | fiscal | carryover | other | use (基本支出, 项目支出: Funds.uses)
    label: str
    initial_budget: float | None = None
    annual_budget: float | None = None
    spent: float | None = None
    weight: float | None = None
    rate: float | None = None  # as written (a fraction, 0.9692)
    score: float | None = None  # as written
    sheet: str = ""
    cells: dict[str, str] = field(default_factory=dict)
    reason: str = ""  # a 偏差原因/说明 column of the funds block, when the form has one
    #: in our templates, amounts typed as text (field → text): the formulas pass them by, so the
    #: reader does too (reading.funds_as_template_sees), and A324 says so
    texts: dict[str, str] = field(default_factory=dict)
    #: amounts typed with a per cent sign (``96%`` in 全年执行数): a rate where money belongs (A341)
    percent_typed: tuple[str, ...] = ()
    #: a fiscal row named by the government or budget it comes from (中央资金, 省级资金, 一般公共预算
    #: 拨款): under a 财政拨款 row, and adding up to it, it breaks that row down (Funds.parts); so does
    #: a use named as 基本支出's part (人员经费, 公用经费) under 基本支出 (Funds.uses)
    by_source: bool = False
    #: 执行率 written as a bare number, as written (0.9692, 96.92, or 1.8 in a % cell for 180 %):
    #: ``rate`` takes it as a fraction up to 1.5 and as per cent past it; A303 accepts either reading
    rate_bare: float | None = None
    #: figures under a header that states their reckoning (小计④=①+②+③): A343's
    reckoned: tuple[Reckoned, ...] = ()

    @property
    def year_budget(self) -> float | None:
        """The budget of the year: 全年预算数, or the 年初预算数 where it is empty (a budget not
        adjusted during the year) — what the execution rate, A302, A303 and summaries divide by."""
        return getattr(self, self.year_budget_field)

    @property
    def year_budget_field(self) -> str:
        """Which amount :attr:`year_budget` is (its cell is ``cells`` under this name)."""
        return "annual_budget" if self.annual_budget is not None else "initial_budget"


def _adds_up(rows: list[FundsRow], parent: FundsRow, f: str) -> bool:
    """Whether ``rows`` state amount ``f`` and add up to ``parent``'s."""
    whole, xs = getattr(parent, f), [x for r in rows if (x := getattr(r, f)) is not None]
    return whole is not None and bool(xs) and abs(sum(xs) - whole) <= 0.005


@dataclass(slots=True)
class Funds:
    rows: list[FundsRow] = field(default_factory=list)
    #: The block went on with a row of figures under a label the reader does not know: the rows
    #: read are not all the parts of 年度资金总额, which is then not checked against them (A301).
    partial: bool = False

    def row(self, kind: str) -> FundsRow | None:
        return next((r for r in self.rows if r.kind == kind), None)

    def parts(self) -> list[FundsRow]:
        """The rows that add up to 年度资金总额: not the total, nor the rows breaking a 财政拨款 row
        down (:meth:`breakdowns`) — counted twice they made every such block fail A301 — nor the
        split by use (:meth:`uses`)."""
        return self._not_broken_down([r for r in self.rows if r.kind != "total" and r.kind != "use"])

    def uses(self) -> list[FundsRow]:
        """A department's money split by what it pays for (基本支出 / 项目支出): a second set of
        parts of 年度资金总额, beside the sources (A301 sums each set on its own); not the rows
        breaking 基本支出 down (人员经费 / 公用经费)."""
        return self._not_broken_down([r for r in self.rows if r.kind == "use"])

    def _not_broken_down(self, rows: list[FundsRow]) -> list[FundsRow]:
        """``rows`` without those breaking a row above them down (:meth:`breakdowns`)."""
        if not any(r.by_source for r in rows):
            return rows  # (most blocks)
        under = {id(k) for _, kids in self.breakdowns() for k in kids}
        return [r for r in rows if id(r) not in under]

    def breakdowns(self) -> list[tuple[FundsRow, list[FundsRow]]]:
        """A 财政拨款 row and the rows right under it that break it down by source (其中：中央资金 /
        省级资金, 一般公共预算 / 政府性基金): told from parts of 年度资金总额 by adding up to it in one
        amount at least (A301 checks the others against it), or by its label: a 小计 row (Fujian's
        财政资金小计 over ①中央及省级 ②市级 ③县) is their whole whatever its figures. Rows by source that
        do not are parts, as they are where no 财政拨款 row stands above them."""
        out, rows = [], [r for r in self.rows if r.kind != "total"]
        for i, r in enumerate(rows):
            if r.kind not in ("fiscal", "use") or r.by_source:  # (and 基本支出 broken down: 人员经费 / 公用经费)
                continue
            j = i + 1
            while j < len(rows) and rows[j].by_source and rows[j].kind == r.kind:
                j += 1
            kids = rows[i + 1:j]
            if kids and ("小计" in r.label or any(_adds_up(kids, r, f) for f in FUNDS_AMOUNTS)):
                out.append((r, kids))
        return out

    def total(self) -> FundsRow | None:
        """The 年度资金总额 row, or one summed from the component rows when it is missing — or
        empty, as a SUM formula is in a workbook that no spreadsheet has calculated yet (a
        template filled by a program), or all zeros beside filled components, as some budget
        systems export a total nobody keyed in (the row's own figures are still checked: A301).

        A total row with one amount left empty (its 全年执行数 blank, its budgets filled) takes that
        amount from the parts, as a reviewer adds them up; A326 says it was left empty. An amount
        written as words is not empty: A331 says it is no amount."""
        t = self.rows[0] if self.rows and self.rows[0].kind == "total" else self.row("total")
        if t is not None and t.initial_budget is not None and t.annual_budget is not None and t.spent is not None \
                and (t.initial_budget or t.annual_budget or t.spent):
            return t  # (most tables: every amount written)
        # (a department's money split by use alone, 基本支出 / 项目支出, adds up to the whole as well)
        parts = self.parts() or (uses if len(uses := self.uses()) > 1 else [])

        def add(attr: str) -> float | None:
            xs = [getattr(r, attr) for r in parts if getattr(r, attr) is not None]
            return sum(xs) if xs else None

        figures = () if t is None else [x for f in FUNDS_AMOUNTS if (x := getattr(t, f)) is not None]
        if figures and any(figures):
            if not parts or self.partial:
                return t
            blank = {f: x for f in FUNDS_AMOUNTS
                     if getattr(t, f) is None and f in t.cells and f not in t.texts and (x := add(f)) is not None}
            return replace(t, **blank) if blank else t  # type: ignore[arg-type]
        if not parts or self.partial or (figures and not any(getattr(r, f) for r in parts for f in FUNDS_AMOUNTS)):
            return t  # (parts that are not all the parts would sum to a wrong total)
        if t is None:
            return FundsRow("total", "年度资金总额（合计）", add("initial_budget"), add("annual_budget"), add("spent"))
        return FundsRow("total", t.label, add("initial_budget"), add("annual_budget"), add("spent"), t.weight,
                        t.rate, t.score, t.sheet, t.cells)

    def completed_rows(self) -> list[FundsRow]:
        """The rows as a reviewer checks them: the 年度资金总额 row with the amounts left empty that
        :meth:`total` takes from the parts (A326), in its figures and in the reckonings its header
        states (``小计④=①+②+③`` with ① empty is 250 + 25.14 + 0, not 0 + 25.14 + 0)."""
        filled = self.filled()
        if not filled:
            return self.rows
        t, whole = self.row("total"), self.total()
        at = {t.cells[f]: x for f, x in filled.items()}  # type: ignore[union-attr]
        whole = replace(whole, reckoned=tuple(  # type: ignore[arg-type]
            replace(k, terms=tuple((sign, at.get(c, x)) for (sign, x), c in zip(k.terms, k.sources, strict=True)),
                    empty=tuple(c for c in k.empty if c not in at))
            if at.keys() & set(k.sources) else k for k in whole.reckoned))  # type: ignore[union-attr]
        return [whole if r is t else r for r in self.rows]

    def filled(self) -> dict[str, float]:
        """The amounts of the 年度资金总额 row left empty that :meth:`total` took from the parts."""
        t, summed = self.row("total"), self.total()
        if t is None or summed is None or summed is t:
            return {}
        return {f: x for f in FUNDS_AMOUNTS
                if getattr(t, f) is None and f in t.cells and (x := getattr(summed, f)) is not None}


@dataclass(slots=True)
class Indicator:
    """A level-3 indicator row (三级指标) with its place in the tree and its cells."""

    level1: str
    level2: str
    name: str
    target: Value = NONE
    actual: Value = NONE
    op: str | None = None  # ≥ > = < ≤, or None when qualitative
    direction: str = ""  # the 指标性质/运算符号 cell as written
    qualitative: bool = False
    unit: str = ""
    weight: float | None = None
    #: the weight typed with a per cent sign (``20%``): points of 100 where the others are points
    weight_percent: bool = False
    score: float | None = None  # as written
    deviation: str = ""
    criteria: str = ""
    note: str = ""  # 备注
    target_midterm: Value = NONE
    experts: list[float | None] = field(default_factory=list)
    expert_texts: tuple[str, ...] = ()  # the expert cells as written, kept only when one is not a number
    outcome: str = ""  # qualitative outcome text, if a column holds it
    qual_rate: float | None = None  # qualitative score rate chosen inside the outcome's band
    #: a 得分率 written beside the score (or a quantitative row's 得分系数): the score over the weight (A303)
    score_rate: float | None = None
    # mid-year monitoring (绩效运行监控表, domain.md §3.6)
    to_date: Value = NONE  # 1-N月实际完成值
    forecast: Value = NONE  # 全年预计完成值
    likelihood: str = ""  # 完成目标可能性: 确定能 / 有可能 / 完全不可能
    measures: str = ""  # 纠偏措施
    sheet: str = ""
    row: int = 0  # 1-based sheet row
    # field name → column letter, shared by every row of a table (addresses are built on demand,
    # so reading a table does not format an A1 string for every cell of every row).
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def cells(self) -> dict[str, str]:
        """field name → A1 address of this row's cell."""
        return {f: f"{letter}{self.row}" for f, letter in self.columns.items()}

    def cell(self, name: str, fallback: str = "name") -> str:
        letter = self.columns.get(name) or self.columns.get(fallback)
        return f"{letter}{self.row}" if letter else ""


@dataclass(slots=True)
class LineItem:
    """A row of 资金使用情况 (line items); ``kind`` is item, subtotal or total."""

    kind: str
    method: str  # 组织方式
    content: str  # 支出内容
    budget: float | None = None
    contract: float | None = None
    spent: float | None = None
    sheet: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)
    #: the money unit the block's header states (``预算金额（元）``), else "" (the table's)
    unit: str = ""
    #: figures under a header that states their reckoning (``结余（4）=（1）-（3）``): A343's
    reckoned: tuple[Reckoned, ...] = ()

    def to_wan(self, amount: float | None, table_unit: str) -> float | None:
        """``amount`` of this item in 万元 (the block's unit, else the table's ``table_unit``)."""
        return amount / 10_000 if amount is not None and (self.unit or table_unit) == YUAN else amount


@dataclass(slots=True)
class WrittenPart:
    """A row of a written result table (一级指标 | 分值 | 得分 | 得分率)."""

    name: str
    weight: float | None
    score: float | None
    rate: float | None
    sheet: str = ""
    cells: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ScoreGroup:
    """Indicator rows whose 得分 is one cell merged down over them all: the score written is
    theirs together. Each row holds its share (the written score in proportion to its weight), so
    that a row scored as written adds up to it; the checks of a written score (A304, A305, A326)
    look at the group, at ``cell``, where the score is written."""

    rows: list[Indicator]
    cell: str

    @property
    def weight(self) -> float:
        return sum(r.weight or 0.0 for r in self.rows)

    @property
    def score(self) -> float | None:
        """The score written for the rows together (the sum of their shares), or None."""
        shares = [r.score for r in self.rows]
        return None if None in shares else sum(shares)  # type: ignore[arg-type]


@dataclass(slots=True)
class Table:
    """One performance table found in a workbook; ``kind`` says which of domain.md §3."""

    kind: str
    sheet: str
    title: str = ""
    header: dict[str, Field] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    funds: Funds | None = None
    amounts: dict[str, Field] = field(default_factory=dict)  # labelled amounts (dept, goals)
    #: a department's rates written beside its amounts (预算执行率, 结转结余率 …: scoring.figures' keys),
    #: as read — a fraction, or a number in percent (A303)
    written_figures: dict[str, Field] = field(default_factory=dict)
    #: labelled amounts typed with a per cent sign (a department's 全年执行数 ``96.92%``: A341)
    percent_amounts: tuple[str, ...] = ()
    #: a declaration's 年度资金总额 whose cell holds no amount: its text, or None when empty (A331)
    unread_amounts: dict[str, Field] = field(default_factory=dict)
    goals_text: dict[str, Field] = field(default_factory=dict)  # 中期目标/年度目标/实际完成情况
    line_items: list[LineItem] = field(default_factory=list)
    written_total: Field | None = None
    #: a 自评总分 among the header lines where the 总分 row states the total too: checked as well (A305)
    header_total: Field | None = None
    #: the 分值 the 总分 row states (``100``): the weights' sum, as the form prints it (A301)
    written_total_weight: Field | None = None
    written_grade: Field | None = None
    expert_names: list[str] = field(default_factory=list)
    written_parts: list[WrittenPart] = field(default_factory=list)
    # 分值 only in the 一级指标 names (产出指标（50分）), no column of row weights: the blocks are the
    # weighed parts, their 得分 written once per block (written_parts), the rows not scored one by one
    weights_by_block: bool = False
    score_groups: list[ScoreGroup] = field(default_factory=list)  # 得分 cells merged over several rows
    header_row: int = 0  # 1-based row of the indicator table's header
    header_cells: dict[str, str] = field(default_factory=dict)  # column field → A1 of its label
    blanks: dict[str, str] = field(default_factory=dict)  # labelled field left empty → its cell
    level1_cells: dict[str, str] = field(default_factory=dict)  # 一级指标 name → A1 where first seen
    template: dict[str, str] = field(default_factory=dict)  # xltools template metadata (id, version, rules)
    cell_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (sheet, A1, #DIV/0!…) on its sheets
    months: Field | None = None  # monitoring: the N of 1-N月 (value None when no label says it)
    source: str = ""  # the workbook it was read from (named when another table is compared with it)
    hidden_tables: list[Table] = field(default_factory=list)  # on hidden sheets, left out (S109; first table only)
    example_tables: list[Table] = field(default_factory=list)  # on 填表说明/示例 sheets, left out (S111; first table only)
    hidden_rows: frozenset[int] = frozenset()  # rows of its sheet hidden in Excel (1-based; S110)
    # the unit its amounts are stated in: 万元 (domain.md §1), or 元 where the table says so
    # (单位：元, 项目资金（元）); summaries and comparisons between tables convert to 万元
    money_unit: str = WAN

    def to_wan(self, amount: float | None) -> float | None:
        """``amount`` of this table in 万元."""
        return amount / 10_000 if amount is not None and self.money_unit == YUAN else amount

    def field_value(self, name: str) -> object:
        f = self.header.get(name)
        return f.value if f else None

    @property
    def department_wide(self) -> bool:
        """A department's table as a whole: a 部门整体 self-evaluation, or its goal declaration
        (部门整体绩效目标申报表, read as a declaration), which names the department, not a project."""
        return self.kind == DEPT or (self.kind == GOALS and "部门整体" in self.title)

    @property
    def name_field(self) -> Field | None:
        """The 项目名称 — for a department-wide table, which has none, the 部门名称 it is about: the
        name a summary row shows and by which a second copy of the table is known (S106)."""
        f = self.header.get("project")
        if self.department_wide and (f is None or f.value is None or not str(f.value).strip()):
            return self.header.get("department") or f
        return f

    @property
    def project_name(self) -> str:
        f = self.name_field
        return str(f.value) if f is not None and f.value is not None else ""


@dataclass(slots=True)
class Workbook:
    """What the reader found in one file: its tables, in sheet order."""

    path: str
    tables: list[Table] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)

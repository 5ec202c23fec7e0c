"""Recognise performance tables in a grid by their labels, wherever they sit.

Real workbooks put a title and a 填报单位 line above the table, merge the 一级指标 cell over its
rows, order columns differently, spell labels a dozen ways and store numbers as text. So nothing
here relies on a fixed position: we find the indicator table's header row by its labels, map
each column by its label (:mod:`.labels`), read header fields as "label, then the value to its
right", and decide the table's kind from its columns, its level-1 names and its title.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter

from .. import taxonomy
from ..direction import less_is_better
from ..grid import Grid, a1, column_letter, parse_a1
from ..model import (
    DEPT,
    EVALUATION,
    FUNDS_AMOUNTS,
    GOALS,
    MONITOR,
    SELFEVAL,
    WAN,
    YUAN,
    Field,
    Funds,
    FundsRow,
    Indicator,
    LineItem,
    Reckoned,
    ScoreGroup,
    Table,
    WrittenPart,
)
from ..ruleset import packaged_heuristics
from ..values import (
    FRACTION,
    INCIDENTS,
    NONE,
    NONE_TEXT,
    TRAILING_REMARK,
    ZERO_WORDS,
    Value,
    bound_of,
    change_way,
    is_prompt,
    is_qualitative_direction,
    last_day,
    normalize_text,
    own_amount,
    parse_value,
    rate_fraction,
    says_not_applicable,
    unit_from_name,
    year_of,
)
from .labels import (
    ACTUAL_OR_OUTCOME,
    AMOUNT_FIELDS,
    EXPERT_BARE,
    EXPERT_COLUMN,
    FIGURE_FIELDS,
    FILLER_LABELS,
    FISCAL_BY_SOURCE,
    FUNDS_COLUMNS,
    FUNDS_ROWS,
    FUNDS_SECOND_COLUMNS,
    FUNDS_SUM_LABELS,
    GOAL_TEXT_FIELDS,
    GRADE_ASKED,
    GRADE_LABELS,
    HEADER_FIELDS,
    INDICATOR_COLUMNS,
    LINE_ITEM_COLUMNS,
    LINE_TOTAL_LABELS,
    MEAN_SCORE_LABELS,
    NAME_WEIGHT,
    NOT_TICKED,
    RESULT_TOTAL_LABELS,
    SCORE_AS_TOTAL,
    SUBTOTAL_LABELS,
    TABLE_REASON_FIELDS,
    TABLE_REASONS,
    TICK_COLUMNS,
    TICK_MARKS,
    TITLE_KEYWORDS,
    TOTAL_LABELS,
    USE_DETAILS,
    WEAK_GOAL_LABELS,
    expert_key,
    label_key,
    months_in,
)
from .reckoning import Reckoning, header_reckonings

#: Lines that state the money unit (``单位：万元``): labels, and no value of their own.
_UNIT_LINES = frozenset(label_key(s) for s in ("单位：万元", "单位：元", "金额单位：万元", "金额单位：元"))
#: Every label the reader knows; a cell holding one of these is never taken as a field's value.
KNOWN_LABELS = (
    set(INDICATOR_COLUMNS) | set(FUNDS_COLUMNS) | set(FUNDS_SECOND_COLUMNS) | set(FUNDS_ROWS) | set(HEADER_FIELDS)
    | set(AMOUNT_FIELDS) | set(GOAL_TEXT_FIELDS) | set(LINE_ITEM_COLUMNS) | TOTAL_LABELS
    | GRADE_LABELS | _UNIT_LINES | set(TABLE_REASONS) | FILLER_LABELS
    | {label_key(s) for s in ("绩效指标", "年度总体目标", "总体目标", "项目资金", "项目资金(万元)", "绩效目标")}
)
#: Text an amount's value may sit behind (``年度资金总额 | 单位：万元 | 500``, ``全年执行数 | 万元 | 480``).
_UNIT_LABELS = _UNIT_LINES | frozenset(label_key(s) for s in ("万元", "元", "(万元)", "（万元）", "(元)"))
#: What the reader looks for, to say so when a workbook holds none of it.
LOOKED_FOR = "一级指标 + 三级指标（或指标名称）的表头行"
LOOKED_FOR_EN = "a header row with 一级指标 and 三级指标 (or 指标名称)"

_YEAR = re.compile(r"(20\d{2})\s*年")
#: (2023年度), (2024年1-6月), the whole year's period (2023年1月1日-2023年12月31日, 2023年1月-12月)
_YEAR_LINE = re.compile(r"^\(?(20\d{2})年(?:度|1[-—–~至]\d{1,2}月(?:份)?"
                        r"|1月(?:1日)?[-—–~至到](?:\1年)?12月(?:31日)?(?:止)?)?\)?$")
#: The year's place under the title left as the form prints it: （    年度）, （20  年度）, ____年度.
_YEAR_BLANK = re.compile(r"^\(?(?:20|\(\)|_+)?年度?\)?$")
#: A year alone in brackets under the title: (2023).
_YEAR_ALONE = re.compile(r"^\((20\d{2})\)$")
#: Any other line giving the period of one year the table covers: (截至2024年6月30日), (2024年上半年),
#: (2024年第二季度), (2024年度1-6月) — no second year in it (2023年1月1日-2024年12月31日 is two), no
#: title (…表), and a period: (2024年3月填报) dates the filling in, of last year's table.
_YEAR_PERIOD = re.compile(r"^\(?(?:(?:截至|截止到?)(20\d{2})年(?:[^年()表]){1,12}"
                          r"|(20\d{2})年度?(?:[^年()表]|[上下半全]年){0,8}(?:季度|半年|全年|[-—–~至到])(?:[^年()表]){0,8})\)?$")
_NUMBER_TEXT = re.compile(r"^¥?[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|万元|元|分)?$")  # 1,100 — not 4,5 (a typo for 4.5)
_MAX_BLANK = 3
#: A money unit stated by a cell: ``单位：元``, ``金额单位：万元``, a label ending ``（元）``, or the
#: unit alone in a cell of its own (``全年执行数 | 元 | 480000``); ``资金100万元`` in a text is not one.
_MONEY_UNIT = re.compile(r"(?:^|单位:?|\()(万元|元)\)?$")
_SUBTOTAL = label_key("小计")
_TABLE_REASON_KEYS = frozenset(TABLE_REASON_FIELDS)
#: The national form's numbered slots, left in as units fill them: ``指标1：工程完工率`` is the
#: indicator 工程完工率; ``指标2：`` and ``……`` alone are slots nobody filled.
_SLOT_PREFIX = re.compile(r"^指标\s*\d+\s*[:：.．、]?\s*")
#: An indicator numbered in its own cell: ``1.参展企业数量``, ``（2）搭建展位面积``, ``③验收合格率``,
#: ``4、布展完成时间``, ``一、…``, ``（一）…`` — the number is the row's place, not its name (``1.5米宽道路`` is a name).
_NUMBERED = re.compile(r"^(?:\d{1,2}\s*[.．、:：)）]|[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳]"
                       r"|[一二三四五六七八九十]{1,3}\s*[、.．])\s*(?=[^\d\s.．])")
_ELLIPSIS = re.compile(r"^[.．。…·]+$")
_WRAP = re.compile(r"\s*\n\s*")
#: A note written across a table's first columns (``注：满意度为问卷调查结果``, ``填表说明：…``): not a
#: 一级指标 (it was S102 and G204, two findings of a level without indicators).
_NOTE = re.compile(r"(?:注|说明|备注|填表说明|填报说明)\s*(?:[:：]|\d|[(（]\d|$)")
#: A line a printed form puts where a table goes on to the next page: ``续表``, ``（续上表）``, ``第2页``,
#: ``第 2 页 共 3 页`` — no level, no indicator.
_PAGE_MARK = re.compile(r"[(（]?(?:续表\s*\d*|续上表|接上表|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页)[)）]?")


_COLON = re.compile(r"[:：]")
#: How a note or a page's mark may start (:func:`_is_note`; a line about the form has a colon).
_NOTE_STARTS = frozenset("注说备填续接第共(（")


#: Labels of a line about the form, not in its tables (``单位：万元``, ``填报人：张三``, ``联系电话：…``).
_ASIDE_LABELS = frozenset(label_key(x) for x in (
    "单位", "金额单位", "填报人", "填表人", "联系人", "联系电话", "电话", "审核人", "负责人", "项目负责人",
    "财务负责人", "单位负责人", "填报日期", "填表日期", "日期"))


def _is_note(text: str) -> bool:
    """A note (``注：…``), a page's mark (``续表``, ``第2页``) or a line about the form (``单位：万元``,
    ``填报人：张三``): words about the table, not in it."""
    text = text.strip()
    if not text or (text[0] not in _NOTE_STARTS and "：" not in text and ":" not in text):
        return False  # (an indicator's name, most often: looked at no further)
    if _NOTE.match(text) is not None or _PAGE_MARK.fullmatch(text) is not None:
        return True
    head = _COLON.split(text, 1)
    return len(head) == 2 and label_key(head[0]) in _ASIDE_LABELS
#: A block's 得分 written with its reckoning: ``48分（因全校总人数减少……）``.
_LEADING_SCORE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*分")
#: Labels of a total written among the header fields (湖北: 填报日期 … 总分：97.9分), not 合计,
#: which heads the funds block's sums there.
_HEADER_TOTALS = frozenset(label_key(s) for s in ("总分", "总得分", "自评总分", "自评得分总分"))


def to_number(raw: object) -> float | None:
    """A cell as a number: numbers, numbers stored as text (``1,100``, ``96.5%``, ``5分``)."""
    if raw.__class__ is str:
        return _text_number(raw) if raw else None
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    return _text_number(str(raw)) if isinstance(raw, str) and raw else None


@lru_cache(maxsize=8192)
def _text_number(raw: str) -> float | None:
    """Text as a number, remembered: exports that store numbers as text repeat the same few
    (weights, scores, 100%) in every row of every file of a batch."""
    text = normalize_text(raw)
    if not _NUMBER_TEXT.match(text):
        remark = TRAILING_REMARK.search(text)  # ``3.8（扣1.2分）``, ``100（含结转20）``: the number and a remark on it
        if remark is None or not _NUMBER_TEXT.match(text[:remark.start()]):
            return None
        text = text[:remark.start()]
    # (a per cent to 12 places: 96.92 / 100 is 0.9692000000000001, which a finding would show)
    x = round(float(text[:-1].replace(",", "")) / 100, 12) if text.endswith("%") \
        else float(text.lstrip("¥").rstrip("万元分").replace(",", ""))
    return x if math.isfinite(x) else None  # four hundred digits read as infinity: not a number


def to_text(raw: object) -> str:
    if raw is None or raw == "":
        return ""
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    return str(raw).strip()


_EMPTY: frozenset[str] = frozenset()
_LABEL_KEYS: dict[str, str] = {}  # cell text → label_key(text), shared by the files of a batch


@dataclass(slots=True)
class _Cells:
    """The text cells of a grid with their label keys, computed once per sheet."""

    grid: Grid
    keys: list[list[tuple[int, str]]]  # per row: (col, label key) of every text cell
    sets: list[frozenset[str]]  # per row: the label keys, for quick rejection
    labelled: list[bool]  # per row: holds a label that can start or end a block

    @classmethod
    def of(cls, grid: Grid) -> _Cells:
        keys, sets, labelled = [], [], []
        known = _LABEL_KEYS
        if len(known) > 50_000:  # bounded: a batch of thousands of files must not grow it forever
            known.clear()
        block = _BLOCK_KEYS
        for row in grid.rows:
            found = []
            for c, v in enumerate(row):
                if v.__class__ is str and v:
                    k = known.get(v)
                    if k is None:
                        k = known[v] = label_key(v)
                    found.append((c, k))
            keys.append(found)
            ks = frozenset([k for _, k in found]) if found else _EMPTY
            sets.append(ks)
            labelled.append(not ks.isdisjoint(block))
        return cls(grid, keys, sets, labelled)

    def has(self, row: int, trigger: frozenset[str]) -> bool:
        return 0 <= row < len(self.sets) and not self.sets[row].isdisjoint(trigger)

    def mapped(self, row: int, table: dict[str, str], skip: Set[int] = frozenset()) -> dict[str, int]:
        """Field → column of the labels on ``row``; a label given twice is its first column —
        its first visible one, when a column is hidden: an old 实际完成值 kept in a hidden column
        beside the new one must not be the one read. Columns in ``skip`` are not looked at."""
        out: dict[str, int] = {}
        if 0 <= row < len(self.keys):
            hidden = self.grid.hidden_cols
            for c, k in self.keys[row]:
                f = table.get(k)
                if f is not None and (f not in out or (out[f] in hidden and c not in hidden)) and c not in skip:
                    out[f] = c
        return out


#: What a sheet holds: its tables, then what may belong to a table on another sheet.
SheetTables = tuple[list[Table], list[LineItem], list[WrittenPart], Funds | None, Table | None]
#: The header fields that say whose table it is.
NAMING_FIELDS = ("project", "department", "unit")


def names_itself(table: Table) -> bool:
    """Whether a table fills in any of the fields that say whose it is (NAMING_FIELDS)."""
    return any(f in table.header and str(table.header[f].value).strip() for f in NAMING_FIELDS)


def tables_in_grid(grid: Grid) -> SheetTables:
    """The tables of one sheet, plus parts that may belong to a table on another sheet: line
    items, a result table, a funds block, and — on a sheet with no table — the header fields and
    goal texts of a 项目基本信息 sheet, as a table of no indicators (read_grids lends them)."""
    cells = _Cells.of(grid)
    headers = [r for r in range(grid.height) if cells.labelled[r] and _is_indicator_header(cells, r)]
    headers = [h for i, h in enumerate(headers) if not (i and _page_header(cells, headers[i - 1], h))]
    line_items = _line_items(cells)
    parts: list[WrittenPart] = []
    tables: list[Table] = []
    start = 0
    for i, h in enumerate(headers):
        stop = headers[i + 1] if i + 1 < len(headers) else grid.height
        table, end = _indicator_table(cells, h, start, stop)
        tables.append(table)
        start = end
    if len(tables) > 1:
        tables = _fold_long_term(cells, tables)
    region_start = headers[-1] if headers else 0
    for r in range(region_start, grid.height):
        if cells.labelled[r] and _is_result_header(cells, r):
            rows = _result_rows(cells, r)
            parts.extend(rows)
            target = next((t for t in tables if t.kind == EVALUATION), None)
            if rows and target is not None and target.written_grade is None:
                # 评价等级 below the result table's 总分, where an evaluation writes it (A306 never saw it)
                last = r + len(rows)
                _header_fields(cells, target, last, min(last + _MAX_BLANK + 1, grid.height))
    funds = None if tables else _funds(cells, 0, grid.height)
    return tables, line_items, parts, funds, None if tables else _header_only(cells, graded=bool(parts))


def _page_header(cells: _Cells, h: int, r: int) -> bool:
    """Row ``r`` repeats the header row ``h`` above it, label for label, with only indicator rows
    between: a table printed over two pages, its header copied above the second page's rows (as
    people do by hand). It goes on as one table; a 总分, 等级, funds block or project name between
    the two starts another."""
    if cells.keys[r] != cells.keys[h]:
        return False
    return not any(_is_total_row(cells, x) or cells.sets[x] & _ENDS_TABLE or _is_funds_header(cells, x)
                   for x in range(h + 1, r))


def _header_only(cells: _Cells, graded: bool = False) -> Table | None:
    """The header fields and goal texts of a sheet with no indicator table, when it names the
    project, its department or its unit — or, ``graded``, when it holds a result table and the
    grade written below it (an evaluation's 评价结果 sheet: read_grids gives the grade to it)."""
    grid = cells.grid
    info = Table(kind=SELFEVAL, sheet=grid.sheet, header_row=grid.height + 1)
    _header_fields(cells, info, 0, grid.height)
    if not names_itself(info) and not (graded and info.written_grade is not None):
        return None
    info.goals_text = _goal_texts(cells, 0, grid.height, info.blanks)
    return info


#: Captions of a declaration's long-term indicator block (the 2015 national form and its provincial
#: copies: 长期绩效指标 above 年度绩效指标, each a table of its own).
_LONG_TERM = ("长期", "中期")


def _caption(cells: _Cells, table: Table) -> str:
    """The text of a table's header row that is no column label (长期绩效指标, 年度绩效指标)."""
    return "".join(k for _, k in cells.keys[table.header_row - 1] if k not in KNOWN_LABELS)


def _fold_long_term(cells: _Cells, tables: list[Table]) -> list[Table]:
    """A declaration of the 2015 form has two indicator blocks, 长期绩效指标 then 年度绩效指标, read as
    two tables of which only the first has the header: they are one declaration. The annual block
    is its indicators, and takes the header fields, goal texts and amounts above the first; the
    long-term values become the 中期指标值 of the annual indicators of the same name."""
    out: list[Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == t.kind == GOALS and "年度" in _caption(cells, t)
                and any(w in _caption(cells, prev) for w in _LONG_TERM)):
            long_term = {label_key(i.name): i.target for i in prev.indicators if i.name}
            for ind in t.indicators:
                if ind.target_midterm.is_none and label_key(ind.name) in long_term:
                    ind.target_midterm = long_term[label_key(ind.name)]
            t.header = {**prev.header, **t.header}
            t.goals_text = {**prev.goals_text, **t.goals_text}
            t.amounts = {**prev.amounts, **t.amounts}
            t.unread_amounts = {f: x for f, x in {**prev.unread_amounts, **t.unread_amounts}.items() if f not in t.amounts}
            t.blanks = {f: c for f, c in prev.blanks.items() if f not in t.header and f not in t.goals_text}
            t.title, t.money_unit = prev.title or t.title, prev.money_unit
            out[-1] = t
            continue
        out.append(t)
    return out


#: An amount typed with its money unit: ``7704200元``, ``770.42万``, ``1,000万元``, ``¥7,704,200元`` (a
#: currency sign alone, ``¥770.42``, is to_number's: the block's unit).
_TYPED_MONEY = re.compile(r"¥?([+-]?\d[\d,]*(?:\.\d+)?)(万元|万|元)")


#: The brackets of an accounting negative typed as text: ``(480)``, ``（480）``.
_OPENING, _CLOSING = ("(", "（"), (")", "）")


def _typed_amount(raw: object, unit: str) -> float | None:
    """An amount typed with a money unit of its own (``7704200元``, ``770.42万``) in ``unit`` (元 or
    万元), or None for anything else (a bare number, with a currency sign or not, is the block's own)
    — but an accounting negative typed as text, ``(480)`` or ``（48万元）``, is that amount below zero
    (A342's, where it was "not an amount", A331)."""
    if raw.__class__ is str and len(raw) > 2 and raw.startswith(_OPENING) and raw.endswith(_CLOSING):  # type: ignore[attr-defined,arg-type]
        inner = raw[1:-1].strip()  # type: ignore[index]
        x = _typed_amount(inner, unit) if "万" in inner or "元" in inner else to_number(inner)
        return -x if x is not None and x > 0 and not inner.endswith("%") else None
    if raw.__class__ is not str or "万" not in raw and "元" not in raw:  # type: ignore[operator]
        return None
    m = _TYPED_MONEY.fullmatch(normalize_text(raw))  # type: ignore[arg-type]  (no spaces: ``7,704,200 元``)
    if m is None:
        return None
    yuan = float(m[1].replace(",", "")) * (1 if m[2] == "元" else 1e4)
    return round(yuan if unit == YUAN else yuan / 1e4, 6)


def _amount_text(grid: Grid, cell: str) -> str:
    """A funds amount cell's text that is no amount (``约770万``, ``另行核算``), not one of the ways
    of writing none (``—``, ``无``, ``不适用``): A331's, and in our templates A324's — or the
    formula error it shows (``#NUM!``: A314's, which replaces them), which is no empty cell for
    model.Funds.total to fill from the parts either."""
    at = parse_a1(cell)
    if grid.errors and (shown := grid.errors.get(at)):
        return shown
    raw = grid.raw(*at)
    if raw.__class__ is not str or to_number(raw) is not None:
        return ""
    text = raw.strip()  # type: ignore[attr-defined]
    return "" if not text or _says_none(text) else text


def _says_none(text: str) -> bool:
    """An amount cell written as none (``—``, ``无``, ``/``) or as not applying (``不适用``)."""
    return parse_value(text).is_none or bool(says_not_applicable(text))


def _typed_money(grid: Grid, table: Table) -> None:
    """Funds amounts typed with a unit of their own (a declaration's or a department's labelled
    amounts: _amounts), in the table's unit: ``7704200元`` in a 万元
    table is 770.42 (it was read as 7704200 万元: A302 and full execution marks), ``770.42万`` is
    770.42 (it was no number: no execution score), ``1000万元`` in a 元 table is 10000000. A funds
    amount written as words is kept in the row's ``texts`` (A331)."""
    def typed(cell: str | None) -> float | None:
        return _typed_amount(grid.raw(*parse_a1(cell)), table.money_unit) if cell else None

    for row in table.funds.rows if table.funds is not None else ():
        for f in FUNDS_AMOUNTS:
            if (x := typed(row.cells.get(f))) is not None:
                setattr(row, f, x)
            elif getattr(row, f) is None and f in row.cells and (text := _amount_text(grid, row.cells[f])):
                row.texts[f] = text


def _money_unit(grid: Grid, start: int, stop: int) -> str:
    """The unit the amounts above a table's indicators (funds, declared money) are stated in:
    元 when a cell there says 元 and none says 万元 — a unit's own form, or a system's export —
    else 万元, the unit of every national form (domain.md §1). A 资金使用情况 block below the
    indicators may have a unit of its own (_line_items looks at its header first)."""
    found = _money_units(grid, start, stop)
    return YUAN if found == {YUAN} else WAN


def _money_units(grid: Grid, start: int, stop: int) -> set[str]:
    """The money units the rows ``start:stop`` state (``单位：万元``, ``预算金额（元）``)."""
    found = set()
    for row in grid.rows[start:stop]:
        for v in row:
            if v.__class__ is str and "元" in v:
                m = _MONEY_UNIT.search(normalize_text(v))
                if m:
                    found.add(m.group(1))
    return found


def _key_at(grid: Grid, r: int, c: int) -> str:
    v = grid.raw(r, c)
    return label_key(v) if isinstance(v, str) else ""


def _keys_of(table: dict[str, str], *fields: str) -> frozenset[str]:
    return frozenset(k for k, f in table.items() if f in fields)


# A header row must hold one of these; rows without any are rejected without mapping them.
_LEVEL1_KEYS = _keys_of(INDICATOR_COLUMNS, "level1")
_LEVEL_KEYS = _keys_of(INDICATOR_COLUMNS, "level1", "level2")
#: Name labels that head an indicator table with no level columns at all (天津's system:
#: 指标名称 | 计算符号 | 指标值 | 实际完成值 | 计量单位 | 分值 | 得分); not a bare 指标.
_NAME_ONLY_KEYS = frozenset(label_key(s) for s in ("指标名称", "三级指标", "三级指标名称", "绩效指标名称", "具体指标"))
_FUNDS_KEYS = _keys_of(FUNDS_COLUMNS, "initial_budget", "annual_budget", "spent")
_CONTENT_KEYS = _keys_of(LINE_ITEM_COLUMNS, "content")
#: What a result table's first column may be headed besides 一级指标 (``评价指标 | 分值 | 得分 | 得分率``).
_RESULT_NAME_KEYS = frozenset(label_key(s) for s in ("指标", "评价指标", "指标名称", "指标类别", "评价维度"))
_BLOCK_KEYS = (_LEVEL_KEYS | _NAME_ONLY_KEYS | _FUNDS_KEYS | _CONTENT_KEYS | GRADE_LABELS | TOTAL_LABELS | _TABLE_REASON_KEYS
               | _RESULT_NAME_KEYS)
#: Labels between two header rows that make the second one another table's (_page_header).
_ENDS_TABLE = frozenset(GRADE_LABELS | _keys_of(HEADER_FIELDS, *NAMING_FIELDS))


def _is_indicator_header(cells: _Cells, r: int) -> bool:
    """一级指标 + 三级指标; or, in tables that leave 一级指标 out, 二级指标 + 三级指标 + 指标值/分值;
    or, in tables with no level columns, 指标名称 + 指标值 + a column of results or weights."""
    if cells.has(r, _LEVEL_KEYS):
        m = cells.mapped(r, INDICATOR_COLUMNS)
        return "name" in m and ("level1" in m or ("level2" in m and ("target" in m or "weight" in m)))
    if cells.has(r, _NAME_ONLY_KEYS):
        m = cells.mapped(r, INDICATOR_COLUMNS)
        return "name" in m and "target" in m and not m.keys().isdisjoint(("actual", "weight", "score", "to_date"))
    return False


def _is_result_header(cells: _Cells, r: int) -> bool:
    if cells.sets[r] & _RESULT_NAME_KEYS:
        return _result_name_column(cells, r) is not None
    if not cells.has(r, _LEVEL1_KEYS):
        return False
    m = cells.mapped(r, INDICATOR_COLUMNS)
    return "level1" in m and "name" not in m and "score" in m and "weight" in m


_RESULT_COLUMNS = frozenset(("name", "weight", "score", "score_rate"))


def _result_name_column(cells: _Cells, r: int) -> int | None:
    """The column of a result table headed 指标 / 评价指标 (no 一级指标 label): a 分值 and a 得分
    beside it and nothing an indicator table has, and a level 1 (决策, 产出指标 …) in the row below.
    The evaluation's indicator rows ran on into it (S102 for 决策 …, S103 for every part)."""
    m = cells.mapped(r, INDICATOR_COLUMNS)
    if not ("weight" in m and "score" in m and m.keys() <= _RESULT_COLUMNS):
        return None
    c = next(c for c, k in cells.keys[r] if k in _RESULT_NAME_KEYS)
    below = to_text(cells.grid.value(r + 1, c)) if r + 1 < cells.grid.height else ""
    return c if below and taxonomy.level1_key(below) in _all_level1() else None


@lru_cache(maxsize=1)
def _all_level1() -> frozenset[str]:
    return frozenset(taxonomy.level1_key(k) for k in (*taxonomy.PROJECT, *taxonomy.EVALUATION,
                                                       *taxonomy.ACCEPTED_EVALUATION_LEVEL1, *taxonomy.DEPT))


def _captioned(cells: _Cells, h: int, cols: dict[str, int]) -> dict[str, int]:
    """Columns under a caption merged over several sub-columns: 年度指标值 (or 中期指标值) over
    指标性质 | 指标值 | 度量单位, as systems export a declaration. The caption's values are in its 指标值
    sub-column (they were read from its first, the 指标性质 ``≥``: every row G201), and the 年度
    target's 指标性质 and 度量单位 are the row's."""
    grid = cells.grid
    below = dict(cells.keys[h + 1])
    out: dict[str, int] = {}
    for f, c in cols.items():
        span = [cc for cc in below if cc != c and grid.same_merge((h, c), (h, cc))]
        if not span:
            continue
        for cc in (c, *span):
            g = INDICATOR_COLUMNS.get(below.get(cc, ""))
            if g == "target":
                out[f] = cc
            elif g in ("direction", "unit") and f == "target":
                out[g] = cc
    return out


def _indicator_table(cells: _Cells, h: int, start: int, stop: int) -> tuple[Table, int]:
    grid = cells.grid
    cols = cells.mapped(h, INDICATOR_COLUMNS)
    for c in range(grid.width(h)):  # labels merged down into the header row from the row above
        r0, c0 = grid.origin(h, c)
        label = grid.raw(r0, c0) if r0 < h and c0 == c else None
        f = INDICATOR_COLUMNS.get(label_key(label)) if isinstance(label, str) and label else None
        if f is not None and f not in cols:
            cols[f] = c
    if "actual" not in cols and "outcome" in cols and _key_at(grid, h, cols["outcome"]) == ACTUAL_OR_OUTCOME:
        cols["actual"] = cols.pop("outcome")
    if "deviation" not in cols and "note" in cols:  # a 备注 column, where the reasons are written if
        cols["deviation"] = cols["note"]  # the table has no 偏差原因 column
    experts = _expert_columns(cells, h) or _named_experts(cells, h, cols)
    first = h + 1
    sub = cells.mapped(h + 1, INDICATOR_COLUMNS)
    sub_experts = _expert_columns(cells, h + 1) or _experts_under_group(cells, h)
    ticks = cells.mapped(h + 1, TICK_COLUMNS) if cells.has(h + 1, _TICK_KEYS) else {}
    if len(ticks) < 2:  # one word is a data row's 完成目标可能性, not a row of √ sub-columns
        ticks = {}
    if sub_experts or ticks or (sub and not any(isinstance(v, int | float) for v in grid.rows[h + 1] if v != "")):
        captioned = _captioned(cells, h, cols)
        for f, c in sub.items():
            cols.setdefault(f, c)
        cols.update(captioned)
        experts = experts or sub_experts
        first = h + 2
    if "level1" in cols and "level2" not in cols:
        _level2_under_level1_label(grid, cols, first, stop)
    table = Table(kind=SELFEVAL, sheet=grid.sheet, header_row=h + 1)
    table.expert_names = [to_text(grid.raw(h if not sub_experts else h + 1, c)) for c in experts]
    down = _down_columns(grid, h)  # (most tables: the 一级指标 column alone)
    end = _indicator_rows(cells, table, cols, experts, first, stop, down)
    if down:
        _shared_weights(grid, table, cols, down)
        _shared_scores(grid, table, cols, down)
    end, below = _funds_below(cells, table, cols, end, stop)
    if ticks:
        _read_ticks(cells, table, ticks, cols)
    table.kind = _kind(cells, table, cols, experts, start, h)
    if "weight" not in cols and table.indicators and not _name_weights(table) and table.kind in (SELFEVAL, DEPT):
        _block_weights(cells, table, cols)
    _header_fields(cells, table, start, h)
    under = _window(grid, end, _MAX_BLANK, stop)  # the lines under the table, past any left empty
    _header_fields(cells, table, max(h, end - 1), under.stop)
    if table.written_grade is None and "grade" not in table.blanks:  # (a 自评等级 line left empty: A326)
        table.written_grade = _grade_beside_total(grid, table)
    for r in under:  # below the 总分 and 等级 lines (主要问题及改进措施)
        if cells.labelled[r] and cells.has(r, _TABLE_REASON_KEYS) \
                and _table_reasons(cells, table, r, stop, cols["name"]) is not None:
            break
    _deadlines_in_year(table)
    table.money_unit = _money_unit(grid, start, h)
    if table.kind == MONITOR:
        if "to_date" not in cols and "actual" in cols:  # 完成目标可能性 beside a plain 实际完成值 column
            for ind in table.indicators:
                ind.to_date, ind.columns = ind.actual, {**ind.columns, "to_date": ind.columns["actual"]}
        table.months = _months(cells, table, cols, h, start)
    if table.kind in (SELFEVAL, DEPT, MONITOR):
        # the indicator rows stop at a funds header: a block is above them, or the one just below
        table.funds = _funds(cells, start, h) or below
        if table.funds is None and table.kind != DEPT:  # (a department's labelled amounts are its own)
            table.funds = _funds_by_labels(cells, start, h)
    if table.kind in (GOALS, DEPT):
        table.amounts = _amounts(cells, start, end, unit=table.money_unit, inline=_INLINE_AMOUNT_FIELDS)
        if table.funds is not None:  # (a department's money read as a funds block too: once, as that)
            _drop_funds_cells(table)
        table.percent_amounts = _percent_typed(cells.grid, table.amounts)
    if table.kind == DEPT:  # (above the indicators: a row named 预算执行率 is an indicator's)
        table.written_figures = _amounts(cells, start, h, FIGURE_FIELDS)
    if table.kind == GOALS and "annual_total" not in table.amounts:
        table.unread_amounts = _unread_amount(cells, start, h, "annual_total")
    elif table.kind == GOALS and len(parts := {"annual_fiscal", "annual_other"} - table.amounts.keys()) == 1:
        # a total and one part stated, the other part's cell empty or in words: A331, where it matters
        table.unread_amounts = _unread_amount(cells, start, h, parts.pop())
    _typed_money(grid, table)
    table.goals_text = _goal_texts(cells, start, h, table.blanks)
    return table, end


def _deadlines_in_year(table: Table) -> None:
    """A deadline written without its year (``年底前``, ``12月底前``, ``6月30日前``) is in the table's
    年度: against ``2024年3月`` in a 2023 table it is missed. A missing year took the other date's,
    so that the two always met in one year and ``年底前`` met any month of any year."""
    year = year_of(table.field_value("year")) if "year" in table.header else ""
    if not year:
        return
    y = int(year)
    for ind in table.indicators:
        t = ind.target
        if t.kind == "date" and t.when is not None and not t.when[0]:
            _, m, d = t.when  # (2月底 took a leap year's 29th)
            ind.target = replace(t, when=(y, m, min(d, last_day(y, m)) if 1 <= m <= 12 else d))


def _down_columns(grid: Grid, below: int) -> frozenset[int]:
    """The columns with a cell merged down over two rows or more, ending at row ``below`` or
    later (most tables: their 一级指标 column alone)."""
    return frozenset(c for r0, c0, r1, c1 in grid.merged if r1 > r0 and r1 >= below for c in range(c0, c1 + 1))


def _merged_groups(grid: Grid, table: Table, col: int, down: frozenset[int]) -> Iterator[list[Indicator]]:
    """Runs of consecutive indicator rows under one cell of column ``col`` merged down over them
    all (and over no row below them, such as a subtotal's); ``down``: :func:`_down_columns`."""
    if col not in down:
        return
    by_row: dict[int, Indicator] = {}
    for ind in table.indicators:
        r = ind.row - 1
        if grid.origin(r + 1, col) != (r, col):  # (most rows: no merge below)
            continue
        by_row = by_row or {i.row - 1: i for i in table.indicators}
        group, x = [ind], r + 1
        while x in by_row and grid.origin(x, col) == (r, col):
            group.append(by_row[x])
            x += 1
        if grid.origin(x, col) != (r, col):
            yield group


def _shared_weights(grid: Grid, table: Table, cols: dict[str, int], down: frozenset[int]) -> None:
    """A 分值 cell merged down over several indicator rows: the weight is theirs together, shared
    equally (30 over two rows is 15 each). The whole went to the first row and the others had none
    (S103, an error), so the first scored the group's weight on its own."""
    wc = cols.get("weight")
    if wc is None or not table.indicators:
        return
    for group in _merged_groups(grid, table, wc, down):
        if group[0].weight is None or any(g.weight is not None for g in group[1:]):
            continue  # a row has its own weight
        share = group[0].weight / len(group)
        for g in group:
            g.weight = share


def _shared_scores(grid: Grid, table: Table, cols: dict[str, int], down: frozenset[int]) -> None:
    """A 得分 cell merged down over several indicator rows (with their 分值 merged alike, or each
    its own): the score is theirs together. It went to the first row alone — above its weight
    (A304), or A305 against that row's score — and the others had none (A326), while the
    table's total counted the first row at the group's score. Each row now holds its share, in
    proportion to its weight, and the group (Table.score_groups) is what A304/A305/A326 check."""
    sc = cols.get("score")
    if sc is None or "weight" not in cols or not table.indicators:
        return
    for group in _merged_groups(grid, table, sc, down):
        weight = sum(g.weight or 0.0 for g in group)
        if any(g.weight is None or g.experts for g in group) or weight <= 0:
            continue  # a row without a weight is S103's; the experts' mean is each row's own
        written = group[0].score
        if written is not None:
            for g in group:
                g.score = written * g.weight / weight  # type: ignore[operator]
        table.score_groups.append(ScoreGroup(group, group[0].cell("score")))


def percent_weights(table: Table) -> None:
    """Weights written as percentages — 权重 ``15%``, or a cell formatted as % holding 0.15 — are
    points of 100: every indicator weight at most 1 and all of them (with the funds' 分值 when it
    is a fraction too) adding up to at most 1 is no 100-point table. Read as fractions, 15 points
    scored against a weight of 0.15 were A304 on every row and a total of 8.57. Written scores no
    larger than their fractional weights are fractions too, and so are a written total and parts
    of at most 1. Not in our templates, whose formulas take the weights as typed (read_grids)."""
    rows = [i for i in table.indicators if i.weight is not None]
    total = table.funds.row("total") if table.funds is not None else None
    exec_w = total.weight if total is not None and total.weight is not None and total.weight <= 1 else 0.0
    if len(rows) < 3 or not all(0 < i.weight <= 1 for i in rows):  # type: ignore[operator]
        _stray_percent_weights(rows)
        return
    if not 0.5 <= sum(i.weight for i in rows) + exec_w <= 1 + 1e-9:  # type: ignore[misc]
        return  # (a funds 分值 of 10 beside them is in points already, and stays)
    fractions = all(i.score is None or i.score <= i.weight + 1e-9 for i in rows)  # type: ignore[operator]

    def points(x: float | None, scaled: bool = True) -> float | None:
        return round(x * 100, 9) if x is not None and scaled else x

    for i in rows:
        i.weight, i.score = points(i.weight), points(i.score, fractions)
    if total is not None and exec_w:
        total.weight, total.score = points(total.weight), points(total.score, fractions)
    for p in table.written_parts:
        p.weight, p.score = points(p.weight), points(p.score, fractions)
    wt = table.written_total
    if fractions and wt is not None and isinstance(wt.value, int | float) and 0 <= wt.value <= 1:
        wt.value = points(float(wt.value))


def _stray_percent_weights(rows: list[Indicator]) -> None:
    """A weight typed ``20%`` among weights in points is 20 points (it was 0.2: G208, A304 on its
    written 20, A305 and A306 on a right total); a written score no larger than 0.2 is its share too."""
    for i in rows:
        if i.weight_percent and 0 < i.weight <= 1 and any(j.weight > 1 for j in rows):  # type: ignore[operator]
            if i.score is not None and 0 <= i.score <= i.weight:  # type: ignore[operator]
                i.score = round(i.score * 100, 9)
            i.weight = round(i.weight * 100, 9)  # type: ignore[operator]


_TICK_KEYS = frozenset(TICK_COLUMNS)


def _read_ticks(cells: _Cells, table: Table, ticks: dict[tuple[str, str], int], cols: dict[str, int]) -> None:
    """√ columns: the ticked words become the row's 完成目标可能性 / 偏差原因 (categories joined by 、),
    and the field's cell is its first sub-column, where a missing tick is reported. What the row
    reader took from a tick column (the √ itself) is replaced; text from a column of its own is kept."""
    grid = cells.grid
    by_field: dict[str, list[tuple[int, str]]] = {}
    for (f, word), c in sorted(ticks.items(), key=lambda x: x[1]):
        by_field.setdefault(f, []).append((c, word))
    letters = {f: column_letter(cs[0][0]) for f, cs in by_field.items()}
    for ind in table.indicators:
        row = grid.rows[ind.row - 1]
        ind.columns = {**ind.columns, **letters}
        for f, cs in by_field.items():
            marks = [(word, to_text(row[c])) for c, word in cs if c < len(row)]
            text = "、".join(word if mark in TICK_MARKS else f"{word}：{mark}" for word, mark in marks
                            if mark not in NOT_TICKED)
            own = getattr(ind, f) if cols.get(f) not in {c for c, _ in cs} else ""
            setattr(ind, f, "、".join(x for x in (text, own) if x))


@lru_cache(maxsize=1)
def _project_level1() -> frozenset[str]:
    """The project 一级 names, compared as level1_key does (built at first use: taxonomy imports
    the labels of this package)."""
    return frozenset(taxonomy.level1_key(k) for k in taxonomy.PROJECT)


def _level2_under_level1_label(grid: Grid, cols: dict[str, int], first: int, stop: int) -> None:
    """A column headed 一级指标 that holds 二级 names (数量, 质量, 时效 — 湖北's 监控表, where the
    一级 names stand in the captioned column to its left) is the 二级指标 column; the column to its
    left, when it holds 一级 names, the 一级指标 one."""
    c = cols["level1"]
    top = _project_level1()
    names = [to_text(grid.value(r, c)) for r in range(first, min(stop, first + 40))]
    level2 = sum(1 for n in names if n and taxonomy.parent_of(n) and taxonomy.level1_key(n) not in top)
    level1 = sum(1 for n in names if n and taxonomy.level1_key(n) in top)
    if level2 < 2 or level2 <= level1:
        return
    cols["level2"] = cols.pop("level1")
    if c > 0 and any(taxonomy.level1_key(to_text(grid.value(r, c - 1))) in top
                     for r in range(first, min(stop, first + 40))):
        cols["level1"] = c - 1


def _expert_columns(cells: _Cells, r: int) -> list[int]:
    if not 0 <= r < len(cells.keys):
        return []
    grid = cells.grid
    return [c for c, k in cells.keys[r]
            if EXPERT_COLUMN.match(k) or (k in EXPERT_BARE and EXPERT_COLUMN.match(expert_key(to_text(grid.raw(r, c)))))]


#: A score column that is the experts' mean: the columns before it may be the experts, named.
_MEAN_SCORE = frozenset(label_key(s) for s in MEAN_SCORE_LABELS)
#: A person's name as a column header: two to four Chinese characters (张三, 欧阳明华).
_PERSON = re.compile("[\u4e00-\u9fff]{2,4}")


#: A heading over the experts' columns of a two-row header (专家评分 over 张三 | 李四 | 王五).
_EXPERT_GROUP = frozenset(("专家评分", "专家打分", "评委评分", "评审专家", "专家评审", "专家组评分", "专家"))


def _experts_under_group(cells: _Cells, h: int) -> list[int]:
    """The experts named under a 专家评分 heading (merged over their columns, or alone above the
    first of them): two or more name-like cells side by side in the row below. With 专家1…N there
    the two-row header was read; with the experts' names it was not, and no row was scored."""
    grid = cells.grid
    if h + 1 >= len(cells.keys):
        return []
    for c, k in cells.keys[h]:
        if k not in _EXPERT_GROUP:
            continue
        found = []
        for cc in range(c, grid.width(h + 1)):
            under = cc == c or grid.origin(h, cc) == (h, c) or grid.raw(h, cc) in ("", None)
            if not under or not _PERSON.fullmatch(_key_at(grid, h + 1, cc)):
                break
            found.append(cc)
        return found if len(found) >= 2 else []
    return []


def _named_experts(cells: _Cells, h: int, cols: dict[str, int]) -> list[int]:
    """Expert columns headed by the experts' names (张三 | 李四 | 王五 before 平均得分), as score
    sheets often are: two or more unlabelled name-like headers side by side, right of every other
    column and left of a score column that is their mean. They were no columns at all: every row
    scored 0 and A326 asked for each 得分."""
    score = cols.get("score")
    if score is None or _key_at(cells.grid, h, score) not in _MEAN_SCORE:
        return []
    left = max((c for c in cols.values() if c < score), default=-1)
    found = [c for c in range(left + 1, score) if _PERSON.fullmatch(_key_at(cells.grid, h, c))]
    return found if len(found) >= 2 and len(found) == score - left - 1 else []


def _indicator_rows(cells: _Cells, table: Table, cols: dict[str, int], experts: list[int],
                    first: int, stop: int, merged_down: frozenset[int] = frozenset()) -> int:
    """Read indicator rows from ``first``; return the row after the table (its total included).
    ``merged_down``: the columns with cells merged down (:func:`_down_columns`)."""
    grid = cells.grid
    level1 = level2 = ""
    blanks = 0
    r = first
    name_col = cols["name"]
    l1_col, l2_col = cols.get("level1"), cols.get("level2")
    columns = {f: column_letter(c) for f, c in cols.items()}
    adjusted = cols.get("target_adjusted")
    # a 扣分 column instead of 得分: the score is the weight less it, nothing taken off where empty
    deducted = "deduction" in cols and "score" not in cols
    if deducted:
        columns["score"] = columns["deduction"]
    reader = _row_reader(cols)
    data_cols = [cols[f] for f in ("target", "actual", "weight", "score", "to_date") if f in cols] + experts
    table.header_cells = {f: a1(table.header_row - 1, c) for f, c in cols.items()}
    for i, c in enumerate(experts):
        columns[f"expert{i + 1}"] = column_letter(c)
    sets, labelled, rows = cells.sets, cells.labelled, grid.rows
    stop = min(stop, len(rows))
    shared = _merged_down(cols, merged_down)
    header_keys = cells.keys[table.header_row - 1]
    while r < stop:
        row_keys = sets[r]
        if labelled[r] and cells.keys[r] == header_keys:  # the header again, atop a second page
            r += 1
            continue
        if _is_total_row(cells, r):
            _written_total(cells, table, cols, r)
            return r + 1
        if labelled[r] and not row_keys.isdisjoint(_TABLE_REASON_KEYS):
            after = _table_reasons(cells, table, r, stop, name_col)
            if after is not None:
                if after < stop and _is_total_row(cells, after):  # the 总分 row below the reasons
                    _written_total(cells, table, cols, after)
                    return after + 1
                return after
        if labelled[r] and (row_keys & GRADE_LABELS or _is_indicator_header(cells, r)
                         or _is_result_header(cells, r) or _is_funds_header(cells, r)
                         or _is_line_item_header(cells, r)):
            return r
        if _opens_next_table(cells, r):
            return r
        keys = cells.keys[r]
        if keys and (_SUBTOTAL in row_keys or keys[0][1].endswith(_SUBTOTAL)):
            # 小计, 产出指标小计: a block's subtotal, not a level of its own (it was S102, G204); its
            # written score is the block's, checked as a result table's part is (A305)
            if level1 and "score" in cols and "weight" in cols:
                table.written_parts.append(WrittenPart(
                    level1, to_number(grid.raw(r, cols["weight"])), to_number(grid.raw(r, cols["score"])), None,
                    grid.sheet, {f: a1(r, cols[f]) for f in ("weight", "score")}))
            r += 1
            continue
        l2 = to_text(grid.value(r, l2_col)) if l2_col is not None else ""
        if "\n" in l2:  # 经济效益⏎指标, wrapped by hand to fit the column
            l2 = _WRAP.sub("", l2)
        l2 = _unnumbered(l2)  # ``1.数量指标``: numbered, as the names may be
        l1 = to_text(grid.value(r, l1_col)) if l1_col is not None else (taxonomy.parent_of(l2) if l2 else "")
        if "\n" in l1:
            l1 = _WRAP.sub("", l1)
        l1 = _unnumbered(l1)  # ``一、产出指标`` (it was a level outside the taxonomy, S102)
        if l1 and l1 != level1 and (_is_note(l1) or (_COLON.search(l1) and not _is_level(l1))) \
                and grid.raw(r, name_col) in ("", None):  # (a note, a page's mark, 单位：万元, 填报人：…)
            r += 1
            continue
        if l1 and l1 != level1:
            level1, level2 = l1, ""
            table.level1_cells.setdefault(l1, a1(*grid.origin(r, l1_col if l1_col is not None else l2_col)))
        if l2:
            level2 = l2
        raw_name = grid.raw(r, name_col)
        if raw_name in ("", None) and l1 and not l2 and l1_col is not None and grid.origin(r, l1_col) == (r, l1_col) \
                and _level1_subtotal(cells, table, cols, r, l1):
            r += 1
            continue
        if (raw_name in ("", None) and not _has_data(grid.rows[r], data_cols)) or \
                grid.origin(r, name_col) != (r, name_col):
            blanks = blanks + 1 if grid.empty_row(r) else 0
            if blanks >= _MAX_BLANK:
                below = _next_filled(grid, r + 1, stop)
                if below >= stop or not _goes_on(cells, below, name_col, data_cols, (l1_col, l2_col)):
                    return r
                r, blanks = below, 0  # (rows cleared inside the table: its indicators go on below them)
                continue
            r += 1
            continue
        blanks = 0
        if raw_name.__class__ is str and (raw_name[:1] in _NOTE_STARTS or "：" in raw_name or ":" in raw_name) \
                and _is_note(raw_name) and not _has_data(grid.rows[r], data_cols):  # type: ignore[arg-type,operator,index]
            r += 1  # a note inside the table (注：满意度由第三方调查), in the name column: no indicator (S103, A308)
            continue
        ind = _indicator(_with_merged(grid, r, shared, first) if shared else grid.rows[r], reader, experts, level1,
                         level2)
        if ind.name and _empty_slot(ind) and _is_slot(ind.name):  # 指标2： / …… left as printed, unfilled
            r += 1
            continue
        ind.sheet, ind.row, ind.columns = grid.sheet, r + 1, columns
        if adjusted is not None and _adjusted(grid.value(r, adjusted)):  # (findings point at the target read)
            ind.columns = {**columns, "target": columns["target_adjusted"]}
        if deducted and ind.score is None and ind.weight is not None:
            ind.score = ind.weight
        table.indicators.append(ind)
        r += 1
    return r


def _next_filled(grid: Grid, r: int, stop: int) -> int:
    """The first row from ``r`` that holds anything, or ``stop``."""
    return next((k for k in range(r, stop) if not grid.empty_row(k)), stop)


def _goes_on(cells: _Cells, r: int, name_col: int, data_cols: list[int], level_cols: tuple[int | None, ...]) -> bool:
    """Whether row ``r``, below empty lines, is still the table's: an indicator row (a name, and a target,
    weight or score in the table's columns, or a slot of the form left unfilled), its 总分 row or a row
    of reasons for all of it. Three indicator rows cleared inside a table
    (their contents deleted, the lines kept) ended it there: the 效益 and 满意度 rows below, and the
    总分, went unread (29.60 差 for a table of 97.60, G203 "no satisfaction indicator", A345 "no total").
    A table below the empty lines with its own title or header opens there, as before."""
    grid = cells.grid
    if _is_total_row(cells, r) or (cells.labelled[r] and not cells.sets[r].isdisjoint(_TABLE_REASON_KEYS)):
        return True  # (its 总分, or the reasons it gives for all its rows: 偏差或不能完成目标原因分析)
    if cells.labelled[r] and _is_indicator_header(cells, r):
        return False  # (a second table's header opens there)
    name = grid.raw(r, name_col)
    if name in ("", None):  # a level's label with no indicator under it (经济效益指标 | | |)
        return any(c is not None and isinstance(v := grid.raw(r, c), str) and _is_level(v) for c in level_cols)
    # a row with a target, weight or score; or a numbered slot of the printed form (指标2：, ……)
    return _has_data(grid.rows[r], data_cols) or (isinstance(name, str) and _is_slot(name.strip()))


def _is_level(text: str) -> bool:
    """Whether ``text`` names a 一级 or 二级指标 of the taxonomy (产出指标, 经济效益指标, 数量)."""
    return bool(taxonomy.parent_of(text)) or taxonomy.canonical(text, taxonomy.PROJECT) in taxonomy.PROJECT


#: Fields whose cell one merge may share between indicator rows: one 偏差原因 for two rows that
#: fell short for one reason, one 指标性质, 度量单位 or 指标值 (=100%) for a block.
_SHAREABLE = ("direction", "unit", "target", "target_midterm", "deviation", "criteria", "note", "measures", "likelihood")


def _merged_down(cols: dict[str, int], down: frozenset[int]) -> list[int]:
    """The columns of shareable fields with a cell merged down over the table's rows (most
    tables: none, and the rows are read as they are)."""
    return [c for f in _SHAREABLE if (c := cols.get(f)) is not None and c in down] if down else []


def _with_merged(grid: Grid, r: int, down: list[int], first: int) -> list[object]:
    """Row ``r`` with the cells of ``down`` that a merge from an indicator row above covers given
    that row's value: a 偏差原因 merged over two rows is the reason of both (the second was A307,
    "no reason")."""
    row = grid.rows[r]
    for c in down:
        r0, c0 = grid.origin(r, c)
        if r0 != r and r0 >= first:
            if row is grid.rows[r]:
                row = list(row)
            if c < len(row):
                row[c] = grid.raw(r0, c0)
    return row


def _table_reasons(cells: _Cells, table: Table, r: int, stop: int, name_col: int) -> int | None:
    """Rows from ``r`` that each hold a reason or measures for the whole table (TABLE_REASONS), a
    label left of the names with its text to the right: each indicator without its own takes it
    (M401/M402 read it as stated). The row after them, or None when ``r`` is no such row."""
    found: dict[str, str] = {}
    end = r
    while end < min(stop, r + 4):
        hit = next(((c, TABLE_REASON_FIELDS[k]) for c, k in cells.keys[end] if k in TABLE_REASON_FIELDS and c < name_col),
                   None)
        if hit is None:
            break
        value = _value_right(cells, end, hit[0])
        found.setdefault(hit[1], to_text(value[0]) if value else "")
        end += 1
    if end == r:
        return None
    for ind in table.indicators:
        for f, text in found.items():
            if text and not getattr(ind, f):
                setattr(ind, f, text)
    return end


def _empty_slot(ind: Indicator) -> bool:
    """A numbered slot of the printed form (``指标2：``, ``……``) with nothing in it: no indicator."""
    return (ind.weight is None and ind.score is None and ind.target.is_none and ind.actual.is_none
            and not any(s is not None for s in ind.experts))


def _level1_subtotal(cells: _Cells, table: Table, cols: dict[str, int], r: int, level1: str) -> bool:
    """A row naming only its 一级指标, with the block's 分值 and 得分 (``产出指标 | | | | 50 | 49.5``,
    some provincial forms open each block so): the block's written subtotal, kept as a written
    part (checked against the computed part, A305), not an indicator without a name."""
    grid = cells.grid
    if any(grid.raw(r, cols[f]) not in ("", None) for f in ("target", "actual") if f in cols):
        return False
    weight = to_number(grid.raw(r, cols["weight"])) if "weight" in cols else None
    score = to_number(grid.raw(r, cols["score"])) if "score" in cols else None
    if weight is None and score is None:
        return False
    part = WrittenPart(level1, weight, score, None, grid.sheet)
    for f in ("weight", "score"):
        if f in cols:
            part.cells[f] = a1(r, cols[f])
    table.written_parts.append(part)
    return True


#: A weight at the end of an indicator's name: ``相关性(5分)``, ``资金使用合规性（10分）``.
_NAME_WEIGHT_END = re.compile(NAME_WEIGHT.pattern + "$")


def _name_weights(table: Table) -> bool:
    """A table with no 分值 column whose 三级指标 names carry the weights (湖南's 部门整体 score sheet:
    相关性(5分) | 5): each such row takes the weight its name states, and the name is read without
    it. Whether any row did."""
    found = False
    for ind in table.indicators:
        m = _NAME_WEIGHT_END.search(ind.name) if ind.name.endswith(("分)", "分）")) else None
        if m is not None and ind.weight is None:
            ind.weight, ind.name, found = float(m.group(1)), ind.name[: m.start()].rstrip(), True
    return found


def _block_weights(cells: _Cells, table: Table, cols: dict[str, int]) -> None:
    """A table with no 分值 column whose 一级指标 names carry the weights (湖北's form: 产出指标（50分）
    over rows without weights, one 得分 cell merged down each block): each block becomes a written
    part with its weight and its written score, and the table is weighed by block. A table where
    any block has no weight in its name, or more than one score, is left as it was read."""
    grid = cells.grid
    blocks: dict[str, list[Indicator]] = {}
    for ind in table.indicators:
        blocks.setdefault(ind.level1, []).append(ind)
    weights = {}
    for name in blocks:
        m = NAME_WEIGHT.search(name)
        if m is None:
            return
        weights[name] = float(m.group(1))
    col = cols.get("score")
    parts = []
    for name, inds in blocks.items():
        scored = [i for i in inds if i.score is not None or (col is not None and to_text(grid.raw(i.row - 1, col)))]
        if len(scored) > 1:
            return
        score, cell = None, ""
        if col is not None:
            r = inds[0].row - 1
            raw = grid.raw(r, col)
            score = to_number(raw)
            if isinstance(raw, str) and (m := _LEADING_SCORE.match(text := normalize_text(raw)) or (
                    score is not None and TRAILING_REMARK.search(text))):
                score = float(m.group(1)) if score is None else score
                # ``48分（因全校总人数减少……）``, ``48（…）``: the block's reason, its rows' where they give none (A307)
                reason = text[m.end():].strip().strip("()").strip() if m.re is _LEADING_SCORE else m.group()[1:-1]
                for ind in inds:
                    ind.deviation = ind.deviation or reason
            cell = a1(r, col)
        part = WrittenPart(name, weights[name], score, None, grid.sheet)
        part.cells = {"weight": table.level1_cells.get(name, ""), **({"score": cell} if cell else {})}
        parts.append(part)
    for ind in table.indicators:
        ind.score = None  # the block's score, not the row's
    table.written_parts.extend(parts)
    table.weights_by_block = True


def _has_data(row: list[object], cols: list[int]) -> bool:
    """A row without a name still is an indicator row when it holds a target, weight or score."""
    n = len(row)
    return any(c < n and row[c] not in ("", None) for c in cols)


#: The fields an indicator row is read from, in the order :func:`_indicator` takes them.
_ROW_FIELDS = ("name", "direction", "unit", "target", "actual", "weight", "score", "deviation", "criteria",
               "outcome", "qual_rate", "target_midterm", "to_date", "forecast", "likelihood", "measures", "note",
               "deduction", "target_adjusted", "score_rate", "score_factor")


def _row_reader(cols: dict[str, int]) -> tuple[int, Callable[[list[object]], tuple[object, ...]]]:
    """(padded width, getter of the _ROW_FIELDS cells); a missing field reads the padding."""
    width = max(cols.values()) + 2
    return width, itemgetter(*(cols.get(f, width - 1) for f in _ROW_FIELDS))


def _change_as_level(v: Value, name: str) -> Value:
    """A value written as a change (``增长8%``) against a target that is none: of a measure named
    as a change (``成交额增长率`` ≥10%), the change's size that way (8 %; ``下降2%`` is −2 %); else a
    sentence (``增加2场次，共举办12场`` against ≥10场), whose count the scorer reads out of it."""
    if not v.change:
        return v
    way = change_way(name)
    return replace(v, number=v.number * v.change * way, change=0) if way else Value("text", text=v.text)


def _indicator(row: list[object], reader: tuple[int, Callable[[list[object]], tuple[object, ...]]],
               experts: list[int], level1: str, level2: str) -> Indicator:
    width, cells_of = reader
    n = len(row)
    # the last slot stands for every field the table has no column for, so it must be empty even
    # when the row goes on to the right (an unlabelled remark, a second table beside this one)
    cells = row[:width - 1]
    cells += [""] * (width - len(cells))
    (name_v, direction, unit_v, target_v, actual_v, weight_v, score_v, dev_v, crit_v, out_v, rate_v, mid_v,
     to_date_v, forecast_v, likely_v, measures_v, note_v, deduction_v, adjusted_v, score_rate_v,
     factor_v) = cells_of(cells)
    if _adjusted(adjusted_v):  # 年初指标值 ≥40 | 调整指标值 ≥35: the year's target is the adjusted one
        target_v = adjusted_v
    scores = [to_number(row[c]) if c < n else None for c in experts]
    if experts and (None in scores or any(row[c].__class__ is str for c in experts if c < n)):
        # an expert's 满分 is the row's weight, as a written 得分 of 满分 is; ``90%`` its share of it
        scores = [_score(row[c], weight_v) if c < n and (x is None or row[c].__class__ is str) else x
                  for c, x in zip(experts, scores, strict=True)]
    expert_texts = tuple(to_text(row[c]) if c < n else "" for c in experts) if None in scores else ()
    name = to_text(name_v)
    if name[:2] == "指标" or "\n" in name or name[:1] in _SLOT_START:
        name = _slot_name(name)
    if name[-1:] in _CLOSING_MARKS and not name.rstrip(_CLOSING_MARKS).isascii():
        name = name.rstrip(_CLOSING_MARKS)  # ``开展健康讲座场次。``: the name (A311 found it missing and new)
    unit_col = to_text(unit_v)
    target = parse_value(target_v, unit=unit_col, op=direction if direction else None)  # 「±」: a band
    actual = parse_value(actual_v, unit=unit_col)
    if actual.kind == "text" and (_unstated(actual.text) or is_prompt(actual.text)):
        actual = Value("none", text=actual.text)  # ``见附件``, ``待统计``, ``（填写实际完成值）``: blank, as A308 says
    if target.kind == "text" and is_prompt(target.text):  # ``（填写指标值）``: no target set (S103)
        target = Value("none", text=target.text)
    to_date = parse_value(to_date_v, unit=unit_col) if to_date_v != "" else NONE
    forecast = parse_value(forecast_v, unit=unit_col) if forecast_v != "" else NONE
    if target_v in ZERO_WORDS and (INCIDENTS.search(name) or any(
            raw in ZERO_WORDS or v.number == 0 for v, raw in ((actual, actual_v), (to_date, to_date_v)))):
        # a target of 无 (不发生) met by 无 or 0, or of an incident count: a target of 0, as 零投诉 is;
        # 无 of anything else stays blank (S103): beside 50人 it is no target set, not a target of 0
        target = Value("number", text=target_v, number=0.0, unit=unit_col)
    qualitative = target.kind == "text" or is_qualitative_direction(direction)
    if not target.change and (actual.change or to_date.change or forecast.change):
        actual, to_date, forecast = (_change_as_level(v, name) for v in (actual, to_date, forecast))
    if "节" in name or "结余" in name or "新增" in name:  # ``节约资金8万元`` of 采购节约资金: 8万元
        actual, to_date, forecast = (own_amount(v, name, target, unit_col) for v in (actual, to_date, forecast))
    if target.number == 0 or (target.op in ("≤", "<") and (
            actual_v in ZERO_WORDS or to_date_v in ZERO_WORDS or forecast_v in ZERO_WORDS)
            and (target.unit == "起" or INCIDENTS.search(name))):
        # 无 (未发生) against 零投诉, or against at most 2 complaints (≤2起, 故障率≤1%): none, not blank
        zero = parse_value(0, unit=unit_col)
        actual, to_date, forecast = (zero if raw in ZERO_WORDS else v for v, raw in
                                     ((actual, actual_v), (to_date, to_date_v), (forecast, forecast_v)))
    op = None if qualitative else (target.op or ("≥" if target.change else bound_of(direction)))
    score_rate = to_number(score_rate_v) if score_rate_v != "" else None
    if factor_v != "":  # 得分系数: the rate chosen inside a qualitative row's band, else what the row scored
        if qualitative:
            rate_v = factor_v if rate_v == "" else rate_v
        elif score_rate is None:
            score_rate = to_number(factor_v)
    if op is None and not qualitative:  # ``30天`` of 时效指标, ``500万元`` of 成本: a ceiling; else an equality
        op = "≤" if target.is_number and less_is_better(level1, level2, name, target.unit or unit_col) else "="
    return Indicator(
        level1=level1, level2=level2, name=name, target=target,
        actual=actual,
        op=op,
        qualitative=qualitative, direction=to_text(direction),
        unit=(target.unit if target.is_number else "") or unit_col or unit_from_name(name),
        weight=to_number(weight_v), weight_percent=_typed_percent(weight_v), score=_score(score_v, weight_v, deduction_v),
        deviation=to_text(dev_v), criteria=to_text(crit_v), note=to_text(note_v) if note_v != "" else "",
        outcome=to_text(out_v), qual_rate=to_number(rate_v), score_rate=score_rate,
        target_midterm=parse_value(mid_v, unit=unit_col) if mid_v != "" else NONE,
        experts=scores, expert_texts=expert_texts,
        to_date=to_date, forecast=forecast,
        likelihood=to_text(likely_v) if likely_v != "" else "", measures=to_text(measures_v) if measures_v != "" else "",
    )


def _adjusted(raw: object) -> bool:
    """Whether a 调整指标值 cell holds an adjusted target (not empty, ``无``, ``—``, ``/``)."""
    return raw not in ("", None) and not (raw.__class__ is str and normalize_text(raw).lower() in NONE_TEXT)


@lru_cache(maxsize=1)
def _unstated_words() -> tuple[str, ...]:
    return tuple(packaged_heuristics()["unstated"])


def _unstated(text: str) -> bool:
    """An actual that says where the value is, or that it is not known yet (``见附件``, ``详见自评报告``,
    ``待统计``, ``暂无数据``): no value written. Scored as any word (a reference took full marks, 正在统计中
    60 %), it is blank now: 0 points and A308, which shows the words. One clause only: ``已全部完成，
    详见附件`` says what was done."""
    return text.startswith(_unstated_words()) and not any(c in text.rstrip("。.") for c in ",;。")


#: A score written as what it takes off the weight: ``扣0.5分``, ``扣1``.
_TAKEN_OFF = re.compile(r"扣(?:除)?([0-9]{1,4}(?:\.[0-9]{1,4})?)分?")


def _score(score_v: object, weight_v: object, deduction_v: object = "") -> float | None:
    """A written 得分: a number, or ``满分`` — the row's weight, which is what the unit claims (and
    A305 checks), where the word left the row's score unwritten (A326) — or the points out of the
    weight (``14/15``), or what it takes off it (``扣0.5分``: an expert's habit), or its share of a weight
    in points (``90%`` of 5 is 4.5: a 得分率 written where the score belongs; weights written as
    percentages are percent_weights'), or, where no 得分 is written, the weight less the points a
    扣分 column takes off."""
    score = to_number(score_v)
    if score is not None and score_v.__class__ is str and score_v.rstrip().endswith(("%", "％")):  # type: ignore[attr-defined]
        weight = to_number(weight_v)  # ``90%`` of a weight in points: its share of the weight (4.5 of 5)
        if weight is not None and weight > 1 and 0 <= score <= 1:
            return round(weight * score, 9)
    if score is None and score_v.__class__ is str:
        text = normalize_text(score_v)
        if text in ("满分", "得满分"):
            return to_number(weight_v)
        m = FRACTION.fullmatch(text.replace("分", ""))  # ``14/15``, ``4.5分/5分``: the points out of the weight
        if m and float(m[2]) == to_number(weight_v):
            return float(m[1])
        m = _TAKEN_OFF.fullmatch(text)  # ``扣0.5分``: the weight less what it takes off
        weight = to_number(weight_v) if m else None
        if m and weight is not None and 0 <= float(m[1]) <= weight:
            return weight - float(m[1])
    if score is None and deduction_v not in ("", None):
        weight, taken = to_number(weight_v), to_number(deduction_v)
        if weight is not None and taken is not None:
            return weight - taken
    return score


#: First characters of a name that may carry a slot or a row number (``……``, ``1.``, ``（2）``, ``③``, ``一、``).
_SLOT_START = frozenset("….．0123456789(（一二三四五六七八九十" + "".join(chr(c) for c in range(0x2460, 0x2474)))


#: Punctuation typed after an indicator's name, which is no part of it.
_CLOSING_MARKS = "。；;，,、．："


def _slot_name(name: str) -> str:
    """An indicator's name without the form's slot number, its row number or a hand-made line
    break (``指标1：工程完工率（%）`` → ``工程完工率（%）``, ``1.参展企业数量`` → ``参展企业数量``: with
    the number, A311 found every declared indicator missing and every one reported new); a slot
    that names nothing (``指标2：``, ``指标1：/``, ``……``) is kept as written, for _is_slot."""
    name = _WRAP.sub("", name)
    rest = _NUMBERED.sub("", _SLOT_PREFIX.sub("", name), count=1)
    return rest if rest and not _is_slot(rest) else name


def _unnumbered(text: str) -> str:
    """A level's name without the number it is given by hand (_NUMBERED), looked for only when
    its first character may start one (most rows: no search)."""
    return _NUMBERED.sub("", text, count=1) if text[:1] in _SLOT_START else text


def _is_slot(name: str) -> bool:
    """``指标2：``, ``指标2``, ``指标1：/``, ``……``: a numbered slot of the printed form, no name."""
    rest = _SLOT_PREFIX.sub("", name)
    return not rest or rest in NONE_TEXT or _ELLIPSIS.match(rest) is not None


#: A total written after its label in one cell: ``总分：94.3``, ``合计:94.30分``; and the same cell as
#: label_key has it, its colon gone (a key starting 总分 is a total row whatever follows).
_TOTAL_AMOUNT = r"([0-9]{1,3}(?:\.[0-9]{1,4})?)分?$"
_TOTAL_INLINE = re.compile(f"(?:总分|合计|总计|得分合计)[:=]{_TOTAL_AMOUNT}")
_TOTAL_INLINE_KEY = re.compile(f"(?:合计|总计|得分合计){_TOTAL_AMOUNT}")


def _written_total(cells: _Cells, table: Table, cols: dict[str, int], r: int) -> None:
    grid = cells.grid
    col = cols.get("score")
    value = to_number(grid.raw(r, col)) if col is not None else None
    if col is None:  # no 得分 column: the total is the row's last number
        numbers = [(c, to_number(v)) for c, v in enumerate(grid.rows[r]) if to_number(v) is not None]
        if numbers:
            col, value = numbers[-1]
    if value is None:  # ``总分：94.3`` in the label's own cell
        for c, v in enumerate(grid.rows[r]):
            m = _TOTAL_INLINE.match(normalize_text(v)) if v.__class__ is str and v else None
            if m is not None:
                col, value = c, float(m[1])
                break
    if col is not None:  # an empty total cell is still where the total belongs
        table.written_total = Field(value, grid.sheet, a1(r, col))
    w = cols.get("weight")
    if w is not None and w != col and (weight := to_number(grid.raw(r, w))) is not None:
        table.written_total_weight = Field(weight, grid.sheet, a1(r, w))


#: A grade written bare beside the written total, on the total row (``总分 | 100 | 97.60 | 优``).
_BARE_GRADES = frozenset(("优", "良", "中", "差", "优秀", "良好", "中等", "较差"))


def _grade_beside_total(grid: Grid, table: Table) -> Field | None:
    """The table's grade where no 自评等级 line states one: the first cell right of the written total,
    when it holds a grade word alone (``良`` beside 97.60 passed unsaid)."""
    total = table.written_total
    if total is None or not total.cell:
        return None
    r, c = parse_a1(total.cell)
    for cc in range(c + 1, grid.width(r)):
        v = grid.raw(r, cc)
        if v in ("", None):
            continue
        text = normalize_text(v) if v.__class__ is str else ""
        return Field(text, grid.sheet, a1(r, cc)) if text in _BARE_GRADES else None
    return None


def _kind(cells: _Cells, table: Table, cols: dict[str, int], experts: list[int],
          start: int, h: int) -> str:
    if "to_date" in cols or "likelihood" in cols:  # 1-N月完成值 / 完成目标可能性: only monitoring has them
        table.title = _title(cells, start, h)
        return MONITOR
    tax = taxonomy.which([i.level1 for i in table.indicators])
    if experts or tax == "evaluation":
        return EVALUATION
    declared = "actual" not in cols and "score" not in cols  # nothing reached, nothing scored
    title = _title(cells, start, h)
    table.title = title
    if tax == "dept":
        return GOALS if declared and _DECLARED.search(title) else DEPT
    words = title + cells.grid.sheet
    for word, kind in TITLE_KEYWORDS:
        if word in words:
            if kind == GOALS and "actual" in cols:
                return SELFEVAL
            if kind in (SELFEVAL, DEPT) and declared:  # 部门整体绩效目标申报表: a department's declaration
                return GOALS
            return kind
    return SELFEVAL if "actual" in cols or "score" in cols else GOALS


#: A title naming a declaration (部门整体绩效目标申报表, 部门整体支出绩效目标表).
_DECLARED = re.compile("申报|目标表")


def _months(cells: _Cells, table: Table, cols: dict[str, int], h: int, start: int) -> Field:
    """The N of a monitoring table's 1-N月: from the 1-N月 column's label, else a 监控月份 field
    (``6``, ``6月``, ``1-6月``), else a 1-N月 funds label or the title (``2024年1-6月``).
    ``Field(None, …)`` when none says it, at the empty 监控月份 cell or the column's label."""
    grid = cells.grid
    col = cols.get("to_date", cols.get("name", 0))
    for r in ((h, h + 1) if "to_date" in cols else ()):
        n = months_in(grid.raw(r, col))
        if n is not None:
            return Field(n, grid.sheet, a1(r, col))
    field = table.header.get("months")
    if field is not None:
        n = _month_value(field.value)
        if n is not None:
            return Field(n, field.sheet, field.cell)
    for r in range(start, h):  # a 1-N月 funds label, the title
        for c, _ in cells.keys[r]:
            n = months_in(grid.raw(r, c))
            if n is not None:
                return Field(n, grid.sheet, a1(r, c))
    return Field(None, grid.sheet, field.cell if field is not None else table.blanks.get("months", a1(h, col)))


def _month_value(v: object) -> int | None:
    """监控月份 as written: 6, 6.0, "6", "6月", "1-6月"."""
    n = to_number(v) if not isinstance(v, str) or not v.strip().endswith("月") else to_number(v.strip()[:-1])
    if n is None:
        return months_in(v)
    return int(n) if n == int(n) and 1 <= n <= 12 else None


def _title(cells: _Cells, start: int, h: int) -> str:
    grid = cells.grid
    for r in range(start, h):
        for c, k in cells.keys[r]:
            if k.endswith("表") or any(w in k for w, _ in TITLE_KEYWORDS):
                return to_text(grid.raw(r, c))
    return ""


def _value_right(cells: _Cells, r: int, c: int, *, numeric: bool = False) -> tuple[object, int] | None:
    grid = cells.grid
    for cc in range(c + 1, min(grid.width(r), c + 14)):
        if grid.same_merge((r, c), (r, cc)) or grid.origin(r, cc) != (r, cc):
            continue
        v = grid.raw(r, cc)
        if v in ("", None):
            continue
        if numeric:
            if to_number(v) is None:
                if isinstance(v, str) and label_key(v) in _UNIT_LABELS:
                    continue
                return None  # other text (全年执行数 | 空 | 预决算差异率 | 2.78%): not this amount's value
        elif isinstance(v, str) and label_key(v) in KNOWN_LABELS:
            return None  # another field's label: its value is not ours
        return v, cc
    return None


def _next_cell(grid: Grid, r: int, c: int) -> int:
    """The column of the first cell right of (r, c) that is not part of its merged range."""
    cc = c + 1
    while grid.same_merge((r, c), (r, cc)) and cc < c + 30:
        cc += 1
    return cc


#: The longest value read as a grade beside a label that may also head a text (评价结论, 等级):
#: ``优``, ``优秀``, ``良好（85分）``.
_GRADE_MAX_CHARS = 8


def _header_fields(cells: _Cells, table: Table, start: int, end: int) -> None:
    grid = cells.grid
    filler = None  # 填报单位: the 实施单位 if the form has no line of its own for it (FILLER_LABELS)
    stamped = None  # a project's 单位名称(盖章): the department, unless a 主管部门 line says it
    for r in range(start, min(end, grid.height)):
        for c, k in cells.keys[r]:
            f = HEADER_FIELDS.get(k)
            if k in _HEADER_TOTALS and r < table.header_row - 1:
                found = _value_right(cells, r, c, numeric=True)
                if found is not None:  # 总分：97.9分 among the header fields, above the table
                    total = Field(to_number(found[0]), grid.sheet, a1(r, found[1]))
                    if table.written_total is None:
                        table.written_total = total
                    elif table.written_total.cell != total.cell:  # and in the 总分 row
                        table.header_total = total
                continue
            if f is None and k in GRADE_LABELS:
                f = "grade"
            if f == "department" and k == _UNIT_NAME and table.kind != DEPT:
                found = _value_right(cells, r, c)
                if found and stamped is None:
                    stamped = Field(found[0], grid.sheet, a1(r, found[1]))
                elif not found and "department" not in table.header:  # left empty: S101 there
                    table.blanks.setdefault("department", a1(r, _next_cell(grid, r, c)))
                continue
            if f is None and k.startswith(_UNIT_NAME) and table.kind != DEPT and _has_colon(grid.raw(r, c)):
                split = _split_label(k)  # 单位名称：市民政局
                if stamped is None and split is not None and split[0] == "department":
                    stamped = Field(split[1], grid.sheet, a1(r, c))
                continue
            if f is None and filler is None and k.startswith(_FILLER_STARTS):
                filler = _filler(cells, r, c, k)
                continue
            if f is None:
                split = None
                if k not in KNOWN_LABELS and _has_colon(grid.raw(r, c)):
                    split = _split_label(k)
                if split is not None:
                    f, value = split
                    if f == "grade" and table.written_grade is None:
                        table.written_grade = Field(value, grid.sheet, a1(r, c))
                    elif f != "grade" and f not in table.header:
                        table.header[f] = Field(value, grid.sheet, a1(r, c))
                continue
            found = _value_right(cells, r, c)
            if f == "grade":
                if found and k not in GRADE_ASKED and len(to_text(found[0])) > _GRADE_MAX_CHARS:
                    continue  # 评价结论 beside a paragraph (Sichuan's form): a conclusion, not a grade
                if found and table.written_grade is None:
                    table.written_grade = Field(to_text(found[0]), grid.sheet, a1(r, found[1]))
                    table.blanks.pop("grade", None)
                elif not found and table.written_grade is None and k in GRADE_ASKED:  # left empty: A326
                    table.blanks.setdefault("grade", a1(r, _next_cell(grid, r, c)))
                continue
            if found and f not in table.header:
                table.header[f] = Field(found[0], grid.sheet, a1(r, found[1]))
                table.blanks.pop(f, None)
            elif not found and f not in table.header:
                table.blanks.setdefault(f, a1(r, _next_cell(grid, r, c)))
    if filler is not None and "unit" not in table.header and "unit" not in table.blanks:
        table.header["unit"] = filler
    if stamped is not None and "department" not in table.header:
        table.header["department"] = stamped
        table.blanks.pop("department", None)
    for f in ("department", "unit"):  # ``市民政局（盖章）``: where the seal goes, not the name
        fld = table.header.get(f)
        if fld is not None and fld.value.__class__ is str and (bare := _SEAL.sub("", fld.value)) != fld.value:
            table.header[f] = replace(fld, value=bare)  # (the seal's place alone: nothing named, S101)
    if table.department_wide and "department" not in table.header and "department" not in table.blanks \
            and "unit" in table.header:  # a unit's own table (单位整体): its 预算单位名称 names it
        table.header["department"] = table.header["unit"]
    if "year" not in table.header and end <= table.header_row:
        _year_from_titles(cells, table, start)


#: A note after a unit's name that says where its seal goes (``市民政局（盖章）``, ``(公章)``).
_SEAL = re.compile(r"\s*[(（]\s*(?:单位)?(?:盖章|公章|签章|印章|盖公章)\s*[)）]\s*$")
_FILLER_STARTS = tuple(FILLER_LABELS)
_UNIT_NAME = label_key("单位名称")


def _filler(cells: _Cells, r: int, c: int, k: str) -> Field | None:
    """The unit a 填报单位 label names: the cell to its right, or the rest of its own cell
    (``填报单位（盖章）：市养老服务指导中心``); not another label beside it (``填报日期：``)."""
    grid = cells.grid
    if k in FILLER_LABELS:
        found = _value_right(cells, r, c)
        if found is None or _has_colon(found[0]):
            return None
        return Field(to_text(found[0]), grid.sheet, a1(r, found[1]))
    m = _FILLER_INLINE.match(unicodedata.normalize("NFKC", to_text(grid.raw(r, c))).strip())
    return Field(m.group(1), grid.sheet, a1(r, c)) if m else None


#: ``填报单位（盖章）：市养老服务指导中心    填报日期：…`` in one cell: the unit, up to a gap or the next label.
_FILLER_INLINE = re.compile(f"^(?:{'|'.join(sorted(FILLER_LABELS, key=lambda x: (-len(x), x)))})"
                            r"\s*(?:[(（]\s*盖章\s*[)）])?\s*[:：]\s*([^\s:：]+(?: [^\s:：]+)*?)(?=\s{2,}|\s*$|\s*\S+[:：])")


#: A year in Chinese numerals, as formal titles write it: ``二〇二三年度``.
_CN_YEAR = re.compile("二[〇零○][〇零○一二三四五六七八九]{2}(?=年)")
_CN_DIGIT = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def _digit_year(text: str) -> str:
    return _CN_YEAR.sub(lambda m: m.group().translate(_CN_DIGIT), text) if "年" in text else text


def _year_from_titles(cells: _Cells, table: Table, start: int) -> None:
    """``（2023年度）`` (or ``（二〇二三年度）``) on a line of its own, else a year in the title or the
    sheet name."""
    grid = cells.grid
    for r in range(start, table.header_row - 1):
        for c, k in cells.keys[r]:
            line = _digit_year(k)
            m = _YEAR_LINE.match(line) or _YEAR_PERIOD.match(line) or _YEAR_ALONE.match(line)
            if m:
                table.header["year"] = Field(int(m.group(1) or m.group(2)), grid.sheet, a1(r, c))
                return
    m = _YEAR.search(_digit_year(table.title)) or _YEAR.search(_digit_year(grid.sheet))
    if m:
        table.header["year"] = Field(int(m.group(1)), grid.sheet, "")
        return
    for r in range(start, table.header_row - 1):
        for c, k in cells.keys[r]:
            if _YEAR_BLANK.match(k):  # the form's ``（    年度）`` left as printed: S101 there
                table.blanks.setdefault("year", a1(r, c))
                return


def _has_colon(raw: object) -> bool:
    return isinstance(raw, str) and (":" in raw or "：" in raw)


def _split_label(key: str) -> tuple[str, str] | None:
    """``项目名称XX项目`` (from ``项目名称：XX项目`` in one cell) → (``project``, ``XX项目``)."""
    for label, f in HEADER_FIELDS.items():
        if len(key) > len(label) + 1 and key.startswith(label) and f in ("project", "department", "unit", "year"):
            return f, key[len(label):].removeprefix("(盖章)")  # 单位名称（盖章）：市民政局
    for label in GRADE_LABELS:
        if key.startswith(label) and len(key) > len(label) and key[len(label):] in ("优", "良", "中", "差"):
            return "grade", key[len(label):]
    return None


_FUNDS_SECOND_FIELDS = frozenset(FUNDS_SECOND_COLUMNS.values())


def _funds_columns(cells: _Cells, r: int, skip: Set[int] = frozenset()) -> dict[str, int]:
    """A funds header's field → column: its spellings, then the ones that name an amount only where
    nothing else on the row does (FUNDS_SECOND_COLUMNS)."""
    m = cells.mapped(r, FUNDS_COLUMNS, skip)
    if not _FUNDS_SECOND_FIELDS <= m.keys():
        for f, c in cells.mapped(r, FUNDS_SECOND_COLUMNS, skip).items():
            m.setdefault(f, c)
    return m


def _is_funds_header(cells: _Cells, r: int) -> bool:
    if not cells.has(r, _FUNDS_KEYS):
        return False
    m = _funds_columns(cells, r)
    return len({"initial_budget", "annual_budget", "spent"} & set(m)) >= 2 and not cells.mapped(
        r, LINE_ITEM_COLUMNS).get("content")


def _is_total_row(cells: _Cells, r: int) -> bool:
    """总分 / 合计 … (or a label starting 总分, ``总分（100分）``; or a 得分 column's label first in its
    row, ``自评得分 | 100 | 97.6``): the row a table's indicators end with."""
    keys = cells.keys[r]
    if cells.sets[r] & TOTAL_LABELS:
        return True
    first = keys[0][1] if keys else ""
    return (first in SCORE_AS_TOTAL or first.startswith("总分")
            or (first[:1] in "合总得" and _TOTAL_INLINE_KEY.match(first) is not None))  # 合计:94.30分


def _funds_below(cells: _Cells, table: Table, cols: dict[str, int], end: int,
                 stop: int) -> tuple[int, Funds | None]:
    """Where the indicators stop at a funds block (some provincial forms put 项目资金 below the
    indicators, then 总分), the table runs on through the block and its 总分 row: (the row after
    them, the block); else (``end``, None)."""
    if not (end < stop and cells.labelled[end] and _is_funds_header(cells, end)):
        return end, None
    funds = _funds(cells, end, end + 1)
    if funds is None:
        return end, None
    after = max(parse_a1(r.cells["label"])[0] for r in funds.rows) + 1
    for r in _window(cells.grid, after, _MAX_BLANK, stop):
        if _is_total_row(cells, r):
            if table.written_total is None:
                _written_total(cells, table, cols, r)
            return r + 1, funds
        if cells.keys[r] and not _note_row(cells.grid, r):  # something else follows the block (not a note
            break  # on it, 注：资金单位为万元): the table ends with it
    return after, funds


def _funds(cells: _Cells, start: int, end: int) -> Funds | None:
    grid = cells.grid
    for h in range(start, min(end, grid.height)):
        if not cells.labelled[h] or not _is_funds_header(cells, h):
            continue
        cols = _funds_columns(cells, h)
        below = _rows_below(grid, h)
        label_cols = {c for r in below for c, k in cells.keys[r] if k in FUNDS_ROWS}
        if label_cols & set(cols.values()):
            # the corner over the row labels says what the figures are (Sichuan's 年度预算数（万元）
            # above 总额 / 其中：财政资金): a caption, not a column of figures
            cols = _funds_columns(cells, h, skip=label_cols)
            if not cols:
                continue
        left = min(cols.values())
        funds = Funds()
        reckonings = _reckonings(cells, h, cols)
        # the block's first row, past any left wholly empty under the header
        first = next((r for r in below if not grid.empty_row(r)), h + 1)
        for r in below:
            label = next(((c, k) for c, k in cells.keys[r] if c < left and k in FUNDS_ROWS), None)
            kind = FUNDS_ROWS[label[1]] if label is not None else ""
            if label is None and funds.row("total") is None:  # 合计 below the parts (or above them)
                label = next(((c, k) for c, k in cells.keys[r] if c < left and k in FUNDS_SUM_LABELS), None)
                kind = "total"
            if label is None and r == first:  # the block's first row, named as a whole (部门预算总额, 预算资金合计)
                label = next(((c, k) for c, k in cells.keys[r] if c < left and k.endswith(_WHOLE_ENDS)
                              and k[:-2] not in FUNDS_ROWS), None)  # (not 财政拨款合计: a part's)
                kind = "total"
            if label is None and r == first and _unlabelled_total(cells, r, cols, left):
                label = (0, "")  # 部门预算执行情况 | 500 | 520 | 395.2 …: the block's one row, named by its caption
            if label is None:
                if funds.rows:
                    # a source of funds this reader has no name for, with its figures (债券资金 …):
                    # the rows read are not all the parts, so they are not summed (A301); a 合计
                    # may still follow. A slot left empty (``①……``) before more rows of the block
                    # is passed by, and so is a row left wholly empty inside the block (a line
                    # inserted, or cleared). Anything else ends the block.
                    if any(c < left for c, _ in cells.keys[r]):
                        if any(to_number(grid.raw(r, cols[f])) for f in FUNDS_AMOUNTS if f in cols):
                            funds.partial = True
                            continue
                        if _funds_row_below(cells, r + 1, below.stop, left):
                            continue
                    elif grid.empty_row(r) and _funds_row_below(cells, r + 1, below.stop, left):
                        continue
                    break
                continue
            # (a row with no label is named by the header's caption — unless that is a column's own label)
            caption = grid.value(h, 0) if 0 not in cols.values() else ""
            text = to_text(grid.raw(r, label[0]) if label[1] else caption) or "年度资金总额"
            row = FundsRow(kind, text, sheet=grid.sheet, by_source=label[1] in FISCAL_BY_SOURCE or label[1] in USE_DETAILS)
            for f, c in cols.items():
                row.cells[f] = a1(r, c)
                if f == "reason":
                    row.reason = to_text(grid.value(r, c))
                    continue
                raw = grid.raw(r, c)
                _put_amount(row, f, raw, to_number(raw))
            row.cells["label"] = a1(r if label[1] else h, label[0])
            if reckonings:
                row.reckoned = _reckoned(grid, r, reckonings)
            funds.rows.append(row)
        if funds.rows:
            return funds
    return None


#: How many filled rows under a funds header its block is looked for in; how many rows down at most
#: lines left empty inside a block are passed over.
_FUNDS_ROWS_BELOW, _EMPTY_REACH = 9, 40


def _rows_below(grid: Grid, h: int) -> range:
    """The rows under funds header ``h`` its block is looked for in: the next nine that hold anything,
    with the empty lines among them. Nine rows at most were read, empty lines counted, so three lines
    left empty inside Fujian's block put its 合计 out of reach (its A302 and A343 went unsaid)."""
    return _window(grid, h + 1, _FUNDS_ROWS_BELOW, grid.height)


def _window(grid: Grid, start: int, n: int, stop: int) -> range:
    """The rows from ``start`` (before ``stop``) that take in ``n`` rows holding anything, with the lines
    left empty among them: where a form has a line or a few below a block (its 总分, its 等级), lines
    inserted or cleared there do not put it out of reach. At most :data:`_EMPTY_REACH` rows further."""
    rows, end = grid.rows, min(start + n, stop)
    for r in range(start, end):
        if not any(rows[r]) and grid.empty_row(r):
            break
    else:
        return range(start, end)  # (most forms: no line left empty there)
    end, filled, end_at = start, 0, min(stop, start + n + _EMPTY_REACH)
    while end < end_at and filled < n:
        filled += not grid.empty_row(end)
        end += 1
    return range(start, end)


#: How the label of a funds block's first row may end when it names the whole (``部门预算总额``,
#: ``预算资金合计``, ``收支总计``), where the spelling is none FUNDS_ROWS knows.
_WHOLE_ENDS = ("总额", "合计", "总计")
_ANY_PLACE = re.compile(r"[①-⑳]|[(（](?:[A-Z][)）=＝/／+＋\-－−]|[1-9][0-9]?[)）])")


def _reckonings(cells: _Cells, h: int, cols: dict[str, int]) -> list[Reckoning]:
    """What a funds (or line items') header states of how its figures are worked out
    (``本年度结余金额⑦=④-⑤``, ``结余（C=A-B）``), but the execution rate's: A303 holds that one to the
    amounts already."""
    grid = cells.grid
    texts = {c: raw for c, _ in cells.keys[h] if (raw := grid.raw(h, c)).__class__ is str}
    if not any(_ANY_PLACE.search(t) is not None or "=" in t or "＝" in t for t in texts.values()):
        return []  # (most headers: nothing reckoned)
    return [k for k in header_reckonings(texts) if k.column != cols.get("rate")]


def _reckoned(grid: Grid, r: int, reckonings: list[Reckoning]) -> tuple[Reckoned, ...]:
    """Row ``r``'s figures under headers stating their reckoning, with the figures it names: an
    empty one counts as 0 in a sum (a slot with nothing in it), text or a missing denominator or
    numerator leaves the figure unchecked."""
    out = []
    for k in reckonings:
        written = to_number(grid.raw(r, k.column))
        if written is None:
            continue
        terms, empty, stated = [], [], False
        for sign, c in k.terms:
            raw = grid.raw(r, c)
            x = to_number(raw)
            if x is None and (k.ratio or to_text(raw)):
                break
            terms.append((sign, x or 0.0))
            stated = stated or x is not None
            if x is None:
                empty.append(a1(r, c))
        else:
            if stated:
                out.append(Reckoned(k.name, k.formula, a1(r, k.column), written, tuple(terms), k.ratio,
                                    tuple(a1(r, c) for _, c in k.terms), tuple(empty)))
    return tuple(out)


def _funds_row_below(cells: _Cells, start: int, stop: int, left: int) -> bool:
    """Whether a row of ``start:stop`` is labelled as a funds row (or their 合计) left of ``left``."""
    return any(c < left and (k in FUNDS_ROWS or k in FUNDS_SUM_LABELS)
               for r in range(start, stop) for c, k in cells.keys[r])


#: A project's money as labelled amounts, where its form has no funds block (``全年预算数 | 500 | 全年执行数 |
#: 480 | 执行率 | 96%`` on a line): the funds block's spellings, and its score's where they name it.
_FUNDS_BY_LABEL = {**{k: f for k, f in FUNDS_COLUMNS.items() if f in ("initial_budget", "annual_budget", "spent", "rate")},
                   **{label_key(s): "score" for s in ("执行率得分", "预算执行率得分", "预算执行得分", "执行得分")}}


def _funds_by_labels(cells: _Cells, start: int, end: int) -> Funds | None:
    """The labelled amounts above a project's indicators as its funds block's one row (its total, named
    项目资金 in messages), where the form has no block: they were not read — no execution score (88.00
    for 97.60, A305, A306). The block is partial: no parts to add up (A301)."""
    found = _amounts(cells, start, end, _FUNDS_BY_LABEL)
    if "spent" not in found or found.keys().isdisjoint(("annual_budget", "initial_budget")):
        return None
    grid = cells.grid
    row = FundsRow("total", "项目资金", sheet=grid.sheet)
    for f, fld in found.items():
        _put_amount(row, f, grid.raw(*parse_a1(fld.cell)), fld.value)  # type: ignore[arg-type]
        row.cells[f] = fld.cell
    return Funds(rows=[row], partial=True)


def _put_amount(row: FundsRow, f: str, raw: object, v: float | None) -> None:
    """A funds row's amount, rate or score ``f`` as its cell ``raw`` writes it (``v``, the number)."""
    typed = v is not None and _typed_percent(raw)
    if f == "rate" and v is not None and not typed:
        row.rate_bare = v  # (1.8 in a % cell is 180 %: A303 reads it either way)
        v = rate_fraction(v)  # written as 96.92 meaning 96.92% (``179.30%`` says itself)
    elif typed and f != "rate":
        row.percent_typed += (f,)  # ``96%`` as 全年执行数: a rate, not 0.96 万元 (A341)
    setattr(row, f, v)


def _unlabelled_total(cells: _Cells, r: int, cols: dict[str, int], left: int) -> bool:
    """A row right under a funds header with no label of its own and its amounts under two columns
    at least (Chongqing's 部门预算执行情况: the header's caption names it): the block's total."""
    grid = cells.grid
    if any(c < left for c, _ in cells.keys[r]):
        return False
    return sum(1 for f in FUNDS_AMOUNTS if f in cols and to_number(grid.raw(r, cols[f])) is not None) >= 2


def _amounts(cells: _Cells, start: int, end: int, fields: dict[str, str] = AMOUNT_FIELDS,
             unit: str = "", inline: dict[str, str] | None = None) -> dict[str, Field]:
    """The amounts labelled by ``fields`` (beside, under or after their labels: ``inline`` spells the
    labels an amount follows in one cell, ``fields`` where not given); in money ``unit``, where given,
    an amount typed with a unit of its own (``7704200元``) is taken in it (_typed_amount)."""
    grid = cells.grid
    found: dict[str, list[tuple[int, int, float]]] = {}
    others: dict[str, float] = {}  # a declaration's other sources, by label: 自有资金, 事业收入 …
    for r in range(start, min(end, grid.height)):
        heads = sum(1 for _, k in cells.keys[r] if k in fields) > 1 and r + 1 < end
        for c, k in cells.keys[r]:
            f = fields.get(k)
            v: object
            if f is None:
                if (after := _inline_amount(grid.raw(r, c), inline or fields)) is None:
                    continue
                (f, k, v), rr, cc = after, r, c
            else:
                hit = _value_right(cells, r, c, numeric=True)
                spot = (hit[0], r, hit[1]) if hit is not None else _value_below(cells, r, c) if heads else None
                if spot is None:
                    continue
                v, rr, cc = spot
            typed = _typed_amount(v, unit) if unit else None
            x = typed if typed is not None else to_number(v) or 0.0
            found.setdefault(f, []).append((rr, cc, x))
            if f == "annual_other":
                others.setdefault(k, x)
    out: dict[str, Field] = {}
    anchor = found.get("annual_total", [None])[0]
    midterm = found.get("midterm_total", [None])[0]
    for f, hits in found.items():
        r, c, v = hits[0]
        if anchor is not None and f in ("annual_fiscal", "annual_other") and len(hits) > 1:
            r, c, v = min(hits, key=lambda h: _from_total(h, anchor))
            if midterm is not None:  # the national form of 2015: the 中期资金总额's own split beside it
                rest = [h for h in hits if h[:2] != (r, c)]
                mr, mc, mv = min(rest, key=lambda h: _from_total(h, midterm))
                out[f.replace("annual", "midterm")] = Field(mv, grid.sheet, a1(mr, mc))
        out[f] = Field(v, grid.sheet, a1(r, c))
    if len(others) > 1 and midterm is None:
        # several other sources, each a part of the total (自有资金 | 事业收入 | 经营性收入): their sum is
        # the 其他资金 (a 其中 row under one of them breaks it down)
        parts = [x for k, x in others.items() if not k.startswith("其中")] or list(others.values())
        out["annual_other"] = Field(sum(parts), grid.sheet, out["annual_other"].cell)
    return out


#: An amount typed after its printed label in one cell, as forms converted from Word are filled in
#: (``资金总额：500万元``, ``其中：财政拨款：450``, ``总额10606.75万元``, ``二、自有资金：0万元``, ``财政拨款：500万元
#: （其中：上级财政资金：500万元）``): the label (up to the colon before the amount; no digits, a leading
#: ordinal dropped), the amount, and a remark in brackets after it, which is not read.
_INLINE_AMOUNT = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])?"
                            r"\s*([^\d]+?)\s*[:：]?\s*([-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?)\s*"
                            r"(?:[(（][^()（）]*[)）])?\s*$")


#: A declaration's labels an amount follows in one cell: its labelled amounts' and a bare ``其他：``
#: (a county form's last source), which beside its amount in a cell of its own says too little.
_INLINE_AMOUNT_FIELDS = {**AMOUNT_FIELDS, "其他": "annual_other"}


def _inline_amount(raw: object, fields: dict[str, str]) -> tuple[str, str, str] | None:
    """(field, label key, amount as typed) of a cell holding a label of ``fields`` and its amount
    (``资金总额：500万元``)."""
    if raw.__class__ is not str:
        return None
    m = _INLINE_AMOUNT.match(raw)  # type: ignore[arg-type]
    if m is None:
        return None
    k = label_key(m[1])
    f = fields.get(k)
    return (f, k, m[2]) if f is not None else None


def _drop_funds_cells(table: Table) -> None:
    """A department's labelled amounts that are its funds block's own cells (``年初预算数 | 全年预算数 |
    全年执行数 | 执行率`` over one row of numbers reads as both): read once, as the block — each was
    found twice (A302, A341, A342 at one cell, as 「部门整体」 and as the block)."""
    taken = {c for r in table.funds.rows for c in r.cells.values()}  # type: ignore[union-attr]
    table.amounts = {f: a for f, a in table.amounts.items() if a.cell not in taken}


def _value_below(cells: _Cells, r: int, c: int) -> tuple[object, int, int] | None:
    """The amount under its label, where the labels head columns (``年初预算数 | 全年预算数 | 支出决算数``
    over a row of numbers, as many a 部门整体 table states its money): the first number below the label's
    merged range, in a row that names nothing itself — not a funds block's 年度资金总额 row, whose
    columns the funds block reads."""
    grid = cells.grid
    below = r + 1
    while grid.same_merge((r, c), (below, c)) and below < r + 4:
        below += 1
    if below >= grid.height or grid.origin(below, c) != (below, c) or not cells.sets[below].isdisjoint(KNOWN_LABELS):
        return None
    v = grid.raw(below, c)
    return (v, below, c) if to_number(v) is not None else None


def _from_total(hit: tuple[int, int, float], total: tuple[int, int, float]) -> tuple[bool, int, int]:
    """How far a part's amount (其中：财政拨款, 其他资金) is from a total's, where a form states two totals
    (年度资金总额, 中期资金总额), each with its parts: on the total's row, else the nearest column (the
    parts below their total), then the higher row."""
    return hit[0] != total[0], abs(hit[1] - total[1]), hit[0]


def _percent_typed(grid: Grid, amounts: dict[str, Field]) -> tuple[str, ...]:
    """The amounts typed with a per cent sign (``96.92%`` as 全年执行数): a rate, not 0.9692 万元 (A341)."""
    return tuple(f for f, fld in amounts.items() if _typed_percent(grid.raw(*parse_a1(fld.cell))))


def _typed_percent(raw: object) -> bool:
    """A cell's text ending in a per cent sign (``96%``, ``96％``): the number it holds is a rate."""
    return raw.__class__ is str and raw.rstrip().endswith(("%", "％"))  # type: ignore[attr-defined]


def _unread_amount(cells: _Cells, start: int, end: int, f: str) -> dict[str, Field]:
    """The labelled amount ``f`` that :func:`_amounts` found no number for: the cell right of its
    label, empty (None) or holding words (``约1000万``) — not another label (a layout with the
    amounts below their labels, which this reader does not read as amounts)."""
    grid = cells.grid
    for r in range(start, min(end, grid.height)):
        for c, k in cells.keys[r]:
            if AMOUNT_FIELDS.get(k) != f:
                said = _words_after_label(grid.raw(r, c), f)  # ``资金总额：约500万`` in one cell
                if said is not None:
                    return {f: Field(said, grid.sheet, a1(r, c))}
                continue
            cc = _next_cell(grid, r, c)
            raw = grid.raw(r, cc) if cc < grid.width(r) else None
            if _inline_amount(raw, _INLINE_AMOUNT_FIELDS) is not None:  # ``资金总额： | 财政拨款：500``: typed after its colon
                return {f: Field(None, grid.sheet, a1(r, c))}
            text = to_text(raw)
            if label_key(text) in KNOWN_LABELS or label_key(text) in _UNIT_LABELS:
                return {}
            if text and _says_none(text):
                return {}  # (``—``: none, which a declaration's total is not, but not what A331 says)
            return {f: Field(text or None, grid.sheet, a1(r, cc))}
    return {}


_LABEL_THEN_TEXT = re.compile(r"^([^:：]+)[:：]\s*(\S.*)$")


def _words_after_label(raw: object, f: str) -> str | None:
    """The words typed after the label of amount ``f`` in its own cell (``资金总额：约500万``), where
    they are no amount, nor a way of writing none."""
    if raw.__class__ is not str or ("：" not in raw and ":" not in raw):  # type: ignore[operator]
        return None
    m = _LABEL_THEN_TEXT.match(raw)  # type: ignore[arg-type]
    if m is None or AMOUNT_FIELDS.get(label_key(m[1])) != f:
        return None
    rest = m[2].strip()
    return rest if to_number(rest) is None and not _says_none(rest) else None


def _goal_texts(cells: _Cells, start: int, end: int, blanks: dict[str, str]) -> dict[str, Field]:
    grid = cells.grid
    out: dict[str, Field] = {}
    for r in range(start, min(end, grid.height)):
        for c, k in cells.keys[r]:
            f = GOAL_TEXT_FIELDS.get(k)
            if f is None or f in out:
                continue
            weak = k in WEAK_GOAL_LABELS and not _after_goal_label(cells, r, c)
            sub = _goal_sub_header(cells, r, c, end) if weak else None
            if sub is not None:  # 年度总体目标 | 计划目标 | 实际完成情况: the text is under its sub-header
                col, f, below = sub
                if below is not None:
                    out.setdefault(f, below)
                    nxt = _value_right(cells, r, col)
                    heads = _sub_header_row(cells, r, col, nxt[1], end) if nxt is not None else None
                    if heads is not None and f in _NEXT_GOAL_TEXT:  # … | 完成情况综述: the next one, spelt as no label
                        out.setdefault(_NEXT_GOAL_TEXT[f], heads[1])
                else:
                    blanks.setdefault(f, a1(r + 1, col))
                continue
            hit = _value_right(cells, r, c)
            if hit is None and weak and not _heads_goal_columns(cells, r, c, f):
                continue
            if hit is None:
                blanks.setdefault(f, a1(r + 1, c))
                below = _text_below(cells, r, c, end)
                if below is not None:
                    out[f] = below
                continue
            heads = _sub_header_row(cells, r, c, hit[1], end)
            if heads is not None:  # 预期目标 | 执行情况 over the two texts: the cell right is a sub-header too
                out[f], after = heads
                if f in _NEXT_GOAL_TEXT:
                    out.setdefault(_NEXT_GOAL_TEXT[f], after)
                continue
            out[f] = Field(to_text(hit[0]), grid.sheet, a1(r, hit[1]))
    adjusted = out.pop("adjusted_goal", None)
    blanks.pop("adjusted_goal", None)
    if adjusted is not None and _adjusted(adjusted.value):  # 全年（调整）绩效目标 written: the year's goal
        out["annual_goal"] = adjusted
    for f in out:
        blanks.pop(f, None)
    return out


#: The goal text a sub-header right of another heads, in a row of sub-headers (预期目标 | 实际完成情况,
#: 中期目标 | 年度目标).
_NEXT_GOAL_TEXT = {"annual_goal": "achieved", "midterm_goal": "annual_goal"}


def _heads_goal_columns(cells: _Cells, r: int, c: int, f: str) -> bool:
    """A goal label (of field ``f``) with another goal text's label right of it in its row (``年度绩效目标
    | 实际完成情况 | 偏差原因分析及改进措施``, as Tianjin's system exports a department's goals): a column's
    header, its text below it. Not where a sub-header of its own field follows (``年度总体目标 | 预期目标 |
    实际完成情况``: the text is the sub-header's)."""
    right = {GOAL_TEXT_FIELDS.get(k) for col, k in cells.keys[r] if col > c} - {None}
    return bool(right) and f not in right


def _after_goal_label(cells: _Cells, r: int, c: int) -> bool:
    """A goal label right of another in its row: a sub-header (中期目标 | 年度总体目标), whose text is below it."""
    return any(col < c and GOAL_TEXT_FIELDS.get(k) is not None for col, k in cells.keys[r])


def _text_below(cells: _Cells, r: int, c: int, end: int) -> Field | None:
    """The text under the label at (r, c), below its merged range (a goal text under 预期目标) — with
    the texts in the rows right under it, where a form gives each goal a row of its own (``目标1：…`` /
    ``目标2：…`` under 年度绩效目标: the first alone was read, one line of three)."""
    grid = cells.grid
    rr, stop = r, min(r + 4, end)
    while (rr := rr + 1) < stop:
        if grid.same_merge((r, c), (rr, c)):
            continue
        if grid.empty_row(rr) or _note_row(grid, rr):  # a line left empty (or a note) under the label: the
            stop = min(stop + 1, r + 4 + _EMPTY_REACH, end)  # text may follow (not counted: three were its end)
            continue
        v = grid.value(rr, c)
        if not (isinstance(v, str) and v.strip() and label_key(v) not in KNOWN_LABELS):
            return None
        origin, texts = grid.origin(rr, c), [v.strip()]
        nr = rr + 1
        while nr < end and len(texts) < 20:
            if grid.same_merge((rr, c), (nr, c)):
                nr += 1
                continue
            w = grid.raw(nr, c)
            if not (isinstance(w, str) and w.strip()) or grid.origin(nr, c) != (nr, c) \
                    or not cells.sets[nr].isdisjoint(KNOWN_LABELS) or _note_row(grid, nr):
                break
            texts.append(w.strip())
            rr, nr = nr, nr + 1
        return Field("\n".join(texts), grid.sheet, a1(*origin))
    return None


def _note_row(grid: Grid, r: int) -> bool:
    """Whether row ``r`` holds a note alone (``注：…``, ``续表``): not a goal's text, nor one of its lines."""
    texts = [v for v in grid.rows[r] if v not in ("", None)]
    return len(texts) == 1 and isinstance(texts[0], str) and _is_note(texts[0])


#: The longest text read as a sub-header of the goals block (``年度总体目标完成情况综述``), not a goal.
_SUB_HEADER_MAX = 14


def _sub_header_row(cells: _Cells, r: int, c: int, cc: int, end: int) -> tuple[Field, Field] | None:
    """The texts under a goal label at (r, c) and under the short text right of it at (r, cc), where
    both have one: a row of sub-headers (``预期目标 | 执行情况``), the second spelt as no goal label —
    it was read as the year's goal (G209 "执行情况" too short) and the texts below went unread."""
    if len(to_text(cells.grid.raw(r, cc))) > _SUB_HEADER_MAX:
        return None
    below = _text_below(cells, r, c, end)
    after = _text_below(cells, r, cc, end) if below is not None else None
    return (below, after) if below is not None and after is not None else None


def _goal_sub_header(cells: _Cells, r: int, c: int, end: int) -> tuple[int, str, Field | None] | None:
    """(column, field, the text under it) of the sub-header right of a goals block's label (年度总体目标), where the row
    heads another goal text further right (``计划目标 | 实际完成情况``, ``中期绩效目标 | 年度目标``) or the
    short text has a text under it (``年初设定目标 | 完成情况综述``): a sub-header spelt as no goal label
    — it was read as the year's goal itself ("计划目标" too short: G209). It heads the year's goal,
    or the period's where the year's is further right."""
    cc = _next_cell(cells.grid, r, c)
    v = cells.grid.raw(r, cc)
    if not isinstance(v, str) or not v.strip() or GOAL_TEXT_FIELDS.get(label_key(v)) is not None:
        return None
    right = {GOAL_TEXT_FIELDS.get(k) for col, k in cells.keys[r] if col > cc}
    below = _text_below(cells, r, cc, end)
    if right <= {None}:
        short = len(v.strip()) <= _SUB_HEADER_MAX
        return (cc, "annual_goal", below) if short and below is not None else None
    return cc, "midterm_goal" if "annual_goal" in right else "annual_goal", below


def _is_line_item_header(cells: _Cells, r: int) -> bool:
    if not cells.has(r, _CONTENT_KEYS):
        return False
    cols = cells.mapped(r, LINE_ITEM_COLUMNS)
    return "content" in cols and "budget" in cols


def _opens_next_table(cells: _Cells, r: int) -> bool:
    """Row ``r`` opens the next project's table on a sheet that holds several one below another:
    its title alone in the row (项目支出绩效自评表), or its 项目名称/主管部门/实施单位 (or a grade label):
    the rows and line items above end there."""
    if cells.sets[r] & _ENDS_TABLE:
        return True
    keys = cells.keys[r]
    return len(keys) == 1 and keys[0][1].endswith("表") and "绩效" in keys[0][1]


def assign_line_items(tables: list[Table], items: list[LineItem]) -> None:
    """Give each line item of a sheet to the table it belongs to: the last of ``tables`` that starts
    (its title's header fields, else its indicator header) at or above it — a sheet of projects one
    below another has each project's 资金使用情况 under its own table; the first one takes items
    above every table."""
    tops = [(_top(t), t) for t in tables[1:]]
    for item in items:
        owner = tables[0]
        for top, t in tops:
            if top <= item.row:
                owner = t
        owner.line_items.append(item)


def _top(table: Table) -> int:
    rows = [parse_a1(c)[0] + 1 for c in (*(f.cell for f in table.header.values() if f.sheet == table.sheet),
                                          *table.blanks.values()) if c]
    return min([r for r in rows if r < table.header_row], default=table.header_row)


def _line_items(cells: _Cells) -> list[LineItem]:
    grid = cells.grid
    items: list[LineItem] = []
    for h in range(grid.height):
        if not cells.labelled[h] or not _is_line_item_header(cells, h):
            continue
        cols = cells.mapped(h, LINE_ITEM_COLUMNS)
        own = _money_units(grid, h, h + 1)  # its header's 预算金额（元）
        stated = own.pop() if len(own) == 1 else ""
        unit = stated or None  # the block's money unit, else looked for when an amount is typed with one
        method = ""
        blanks = 0
        reckonings = _reckonings(cells, h, cols)
        for r in range(h + 1, grid.height):
            row = grid.rows[r]
            if grid.empty_row(r):
                blanks += 1
                if blanks >= _MAX_BLANK:
                    # items cleared inside the block: it goes on where an amount follows the empty lines
                    below = _next_filled(grid, r + 1, min(grid.height, r + _EMPTY_REACH))
                    if below < grid.height and any(to_number(grid.raw(below, cols[f])) is not None
                                                   for f in ("budget", "contract", "spent") if f in cols):
                        blanks = 0
                        continue
                    break
                continue
            blanks = 0
            if cells.labelled[r] and (_is_indicator_header(cells, r) or _is_line_item_header(cells, r)):
                break
            if _opens_next_table(cells, r) or _is_funds_header(cells, r):
                break  # (or a funds block, this project's or the next one's)
            joined = "".join(v for v in row if isinstance(v, str))
            m = to_text(grid.value(r, cols["method"])) if "method" in cols else ""
            kind = "item"
            if any(s in joined for s in SUBTOTAL_LABELS):
                kind = "subtotal"
            elif any(s in normalize_text(joined) for s in LINE_TOTAL_LABELS):
                kind = "total"
            elif m:
                method = m
            if kind == "total" and all(grid.raw(r, cols[f]) in ("", None) for f in ("budget", "contract", "spent")
                                       if f in cols):
                continue  # a 合计 of nothing, or a note below the block that says 合计 in passing (an empty
                # 小计 stays: it still closes its group)
            item = LineItem(kind, method, to_text(grid.raw(r, cols["content"])), sheet=grid.sheet, row=r + 1,
                            unit=stated)
            item.cells = {f: a1(r, c) for f, c in cols.items()}
            for f in ("budget", "contract", "spent"):
                if f in cols:
                    raw = grid.raw(r, cols[f])
                    x = None
                    if raw.__class__ is str and ("元" in raw or "万" in raw or raw.startswith(_OPENING)):  # type: ignore[operator,attr-defined]
                        if unit is None:  # the sheet's
                            unit = _money_unit(grid, 0, h)
                        x = _typed_amount(raw, unit)
                    setattr(item, f, to_number(raw) if x is None else x)
            if reckonings:
                item.reckoned = _reckoned(grid, r, reckonings)
            items.append(item)
    return items


def _result_rows(cells: _Cells, h: int) -> list[WrittenPart]:
    grid = cells.grid
    cols = cells.mapped(h, INDICATOR_COLUMNS)
    if "level1" not in cols:  # headed 指标 / 评价指标 (_result_name_column)
        c = cols.pop("name") if "name" in cols else _result_name_column(cells, h)
        if c is None:
            return []
        cols["level1"] = c
    parts: list[WrittenPart] = []
    for r in range(h + 1, min(h + 12, grid.height)):
        name = to_text(grid.value(r, cols["level1"]))
        if not name:
            break
        part = WrittenPart(name, to_number(grid.raw(r, cols["weight"])), to_number(grid.raw(r, cols["score"])),
                           to_number(grid.raw(r, cols["score_rate"])) if "score_rate" in cols else None,
                           sheet=grid.sheet)
        part.cells = {f: a1(r, c) for f, c in cols.items()}
        parts.append(part)
        if label_key(name) in RESULT_TOTAL_LABELS:
            break
    return parts

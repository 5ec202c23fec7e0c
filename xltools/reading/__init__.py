"""From a workbook file (or an Excel session's used ranges) to the domain model.

``read_workbook(path)`` is the one call: open with python-calamine, turn each sheet into a
:class:`~xltools.grid.Grid`, recognise the tables. openpyxl and pandas stay off this path.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache

from ..direction import template_ceiling
from ..errors import UnknownTable, skipped_note
from ..grid import Grid, a1, parse_a1
from ..model import EVALUATION, FUNDS_AMOUNTS, MONITOR, SELFEVAL, Funds, Indicator, Table, Workbook
from ..values import DATE_UNIT, Value, format_number, normalize_text
from .labels import HELPER_SHEETS, META_SHEET
from .recognize import (
    LOOKED_FOR,
    LOOKED_FOR_EN,
    SheetTables,
    assign_line_items,
    names_itself,
    percent_weights,
    tables_in_grid,
)
from .source import load_grids

__all__ = ["read_workbook", "read_grids"]


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Read every known table in the file; raise :class:`UnreadableWorkbook` if there is none."""
    path = os.fspath(path)
    return read_grids(load_grids(path), path)


def read_grids(grids: list[Grid], path: str = "") -> Workbook:
    """Recognise the tables of already-loaded grids (a file's sheets, or Excel's used ranges).

    Line items, a result table or a funds block on a sheet of their own belong to the
    workbook's first table that can hold them (an evaluation often keeps its 资金使用情况 and
    its result table on separate sheets).

    A table on a hidden sheet that repeats one on a visible sheet (same kind, same project) is
    left out (:func:`_without_hidden_copies`).
    """
    meta = next((_meta(g) for g in grids if g.sheet == META_SHEET), {})
    grids = [g for g in grids if g.sheet not in HELPER_SHEETS]
    book = Workbook(path=path, sheets=[g.sheet for g in grids])
    loose_items, loose_parts, loose_funds, loose_errors, loose_headers = [], [], [], [], []
    found = [(grid, tables_in_grid(grid)) for grid in grids]
    hidden: list[Table] = []
    if any(g.hidden and f[0] for g, f in found):
        found, hidden = _without_hidden_copies(found)
    found, examples = _without_examples(found)
    loose_grades = []
    for grid, (tables, items, parts, funds, info) in found:
        if info is not None:
            if names_itself(info):  # (a 评价结果 sheet naming no project lends no header)
                loose_headers.append(info)
            if parts and info.written_grade is not None:  # 评价等级 below a result table of its own sheet
                loose_grades.append(info.written_grade)
        errors = [(grid.sheet, a1(r, c), v) for (r, c), v in sorted(grid.errors.items())] if grid.errors else []
        if tables:
            if grid.hidden_rows:
                hidden_rows = frozenset(r + 1 for r in grid.hidden_rows)  # the tables count rows from 1
                for t in tables:
                    t.hidden_rows = hidden_rows
            assign_line_items(tables, items)
            tables[0].cell_errors.extend(errors)
            target = next((t for t in tables if t.kind == EVALUATION), None)
            if target is not None:
                target.written_parts.extend(parts)
            else:
                loose_parts.extend(parts)
            book.tables.extend(tables)
        else:
            loose_items.extend(items)
            loose_parts.extend(parts)
            loose_errors.extend(errors)
            if funds is not None:
                loose_funds.append(funds)
    if not book.tables:
        name = os.path.basename(path) or "工作簿"
        skipped = [(g.sheet, g.far) for g in grids if g.skipped]
        raise UnknownTable(
            f"{name}：未找到任何已知的绩效表（查找的是：{LOOKED_FOR}；工作表：{'、'.join(book.sheets) or '无'}"
            f"{skipped_note(skipped)}）。",
            f"{name}: no known performance table found (looked for {LOOKED_FOR_EN}; sheets: "
            f"{', '.join(book.sheets) or 'none'}{skipped_note(skipped, 'en')}).",
            sheets=book.sheets, skipped=skipped,
        )
    first = book.tables[0]
    first.hidden_tables = hidden
    first.example_tables = examples
    first.line_items.extend(loose_items)
    first.cell_errors.extend(loose_errors)
    by_sheet = {g.sheet: g for g in grids} if meta else {}
    for t in book.tables:
        t.template, t.source = meta, path
        if meta:
            t.indicators = [as_template_sees(i, by_sheet.get(t.sheet)) for i in t.indicators]
            if t.funds is not None:
                funds_as_template_sees(t.funds, by_sheet)
    evaluation = next((t for t in book.tables if t.kind == EVALUATION), None)
    if evaluation is not None:
        evaluation.written_parts.extend(loose_parts)
        if evaluation.written_grade is None and loose_grades:
            evaluation.written_grade = loose_grades[0]
    selfeval = next((t for t in book.tables if t.kind in (SELFEVAL, MONITOR) and t.funds is None), None)
    if selfeval is not None and loose_funds:
        selfeval.funds = loose_funds[0]
    if loose_headers:
        _lend_header(book.tables, loose_headers[0])
    if not meta:
        for t in book.tables:
            percent_weights(t)
    return book


def _lend_header(tables: list[Table], info: Table) -> None:
    """A 项目基本信息 sheet beside the indicators' sheet: its fields and goal texts are the table's
    that names no project, department or unit of its own (they were three S101 errors), each kept
    at its own cell — when one table does; among several, which one it describes is a guess."""
    bare = [t for t in tables if not names_itself(t)]
    for t in bare if len(bare) == 1 else ():
        for k, f in info.header.items():
            mine = t.header.get(k)
            if (mine is None or not str(mine.value).strip()) and str(f.value).strip():
                t.header[k] = f
                t.blanks.pop(k, None)
        for k, f in info.goals_text.items():
            t.goals_text.setdefault(k, f)


Found = list[tuple[Grid, SheetTables]]


def _without_hidden_copies(found: Found) -> tuple[Found, list[Table]]:
    """The sheets to read, and the tables left out: those on hidden sheets that repeat a table
    of a visible sheet (same kind, same project name). What the officer sees, prints and submits
    is the visible table; the hidden one is an old version kept "just in case", and scored and
    summed too it counted the project twice. The left-out tables are kept for S109 to say so.
    A hidden table of another project (a department hiding a finished project's sheet) is read,
    and so is the one table of a workbook that hid it by mistake. A hidden sheet whose tables are
    all left out gives nothing else either (its line items are the old version's)."""
    from ..declared import project_key  # here: declared imports the reader

    def key(t: Table) -> tuple[str, str]:
        return t.kind, project_key(t.project_name)

    shown = {key(t) for g, f in found if not g.hidden for t in f[0]}
    kept: Found = []
    left_out: list[Table] = []
    for g, f in found:
        copies = [t for t in f[0] if key(t) in shown] if g.hidden else []
        left_out.extend(copies)
        if not copies:
            kept.append((g, f))
        elif len(copies) < len(f[0]):  # another project's table on the same hidden sheet is read
            kept.append((g, ([t for t in f[0] if key(t) not in shown], *f[1:])))
    return kept, left_out


#: A sheet name saying the sheet shows how to fill the form in (填表说明, 填报示例, 样例), not a
#: project's own table. ``样表`` is left out of it (units fill in the 样表 sheet they were sent), and
#: so is a 说明 of another kind (情况说明, 自评说明: a report's text, or a project's own table).
EXAMPLE_SHEET = re.compile("^说明$|填表说明|填报说明|填写说明|示例|样例|范例|例表|填报要求|填写要求|填表要求")


def _without_examples(found: Found) -> tuple[Found, list[Table]]:
    """The sheets to read, and the tables left out: those on a sheet named as instructions or an
    example (``填表说明`` with a filled example row, ``填报示例``), where another sheet holds a table
    of the same kind — the project's own. Read, the example was a second project in the summary
    (its 示例 rows scored, 10.00 差) with findings of its own. The one table of a workbook is read
    whatever its sheet is called. The left-out tables are kept for S111 to say so."""
    def example(g: Grid) -> bool:
        return EXAMPLE_SHEET.search(normalize_text(g.sheet)) is not None

    if not any(f[0] and example(g) for g, f in found):
        return found, []
    own = {t.kind for g, f in found if not example(g) for t in f[0]}
    kept: Found = []
    left_out: list[Table] = []
    for g, f in found:
        if f[0] and example(g) and all(t.kind in own for t in f[0]):
            left_out.extend(f[0])
        else:
            kept.append((g, f))
    return kept, left_out


def _meta(grid: Grid) -> dict[str, str]:
    """key → value rows of the template metadata sheet (template, version, rules)."""
    return {str(r[0]): str(r[1]) for r in grid.rows if len(r) >= 2 and r[0] not in ("", None)}


_VALUES = ("target", "actual", "to_date", "forecast")


def as_template_sees(ind: Indicator, grid: Grid | None = None) -> Indicator:
    """An indicator of our own template as its formulas see it: a date cell is its serial number
    and a date typed as text is text — except under 度量单位「日期」, the one sign of a date a
    formula can read (scoring._is_dated). A number stored as text in ``grid`` (``95``, ``95个``,
    ``≥100`` pasted past the template's numbers-only validation) is text too: the formulas do
    not score it (a text weight leaves the row unscored, a text target makes it qualitative, a
    text actual scores 0 and is marked, as A315 reports it, an expert's text score is left out of
    the mean, as A318 reports it). Scores, lights and marks then agree with the template cell by
    cell; in any other workbook a date stays a date and ``95个`` is 95."""
    if ind.op == "≤" and not ind.direction and ind.target.op is None and not _template_ceiling(ind, grid):
        # a bare 30天 of 时效指标 is a ceiling (direction.less_is_better), and so it is to the
        # template's hidden 计算方向 — as its formula can see it, in the row's own cells as written;
        # a row it cannot see so (its 二级指标 left empty under a 时效指标 row) the formula scores as =
        ind = replace(ind, op="=")
    typed = _typed_as_text(ind, grid) if grid is not None else {}
    if not typed and not any(getattr(ind, f).kind == "date" for f in _VALUES):
        return ind
    keep = ind.unit == DATE_UNIT

    def seen(v: Value) -> Value:
        if v.kind != "date" or (keep and v.number is not None):
            return v
        if v.number is None:
            return Value("text", text=v.text)
        return Value("number", text=format_number(v.number), op=v.op, number=v.number)

    new = replace(ind, **{f: typed.get(f) or seen(getattr(ind, f)) for f in _VALUES})
    if "weight" in typed:
        new.weight = None
    if any(f.startswith("expert") for f in typed):  # AVERAGE passes text by: the mean of the others
        new.experts = [None if f"expert{i + 1}" in typed else x for i, x in enumerate(ind.experts)]
        new.expert_texts = tuple(typed[f"expert{i + 1}"].text if f"expert{i + 1}" in typed else
                                 ("" if x is None else format_number(x)) for i, x in enumerate(ind.experts))
    if new.target.kind == "text" and not new.qualitative:  # a text target: the formula's qualitative branch
        new.qualitative, new.op = True, None
    return new


def funds_as_template_sees(funds: Funds, grids: dict[str, Grid]) -> None:
    """Amounts of our template typed as text (``90万元``, ``480`` pasted as text) are text to its
    formulas — the 年度资金总额 row's SUM passes them by — so they are no amounts here either;
    they are kept in ``texts`` for A324 (and ``xltools fix``)."""
    for row in funds.rows:
        grid = grids.get(row.sheet)
        if grid is None or row.kind == "total":  # the total row is the template's SUM
            continue
        for f in FUNDS_AMOUNTS:
            ref = row.cells.get(f)
            if ref is None:
                continue
            text = _text_in(grid, *parse_a1(ref))
            if text:
                setattr(row, f, None)
                row.texts[f] = text


@lru_cache(maxsize=256)
def _column(letter: str) -> int:
    return parse_a1(f"{letter}1")[1]


def _template_ceiling(ind: Indicator, grid: Grid | None) -> bool:
    """direction.template_ceiling of the row's own cells, as the template's 计算方向 reads them."""
    if grid is None:
        return False
    raw = [grid.raw(ind.row - 1, _column(ind.columns[f])) if ind.columns.get(f) else None
           for f in ("level1", "level2", "name", "unit")]
    return template_ceiling(*raw)


def _typed_as_text(ind: Indicator, grid: Grid) -> dict[str, Value]:
    """The value cells of a template row that hold text where the formulas want a number."""
    out: dict[str, Value] = {}
    experts = tuple(f"expert{i + 1}" for i in range(len(ind.experts)))
    for f in (*_VALUES, "weight", *experts):
        letter = ind.columns.get(f)
        if not letter:
            continue
        text = _text_in(grid, ind.row - 1, _column(letter))
        if text and (f not in _VALUES or getattr(ind, f).kind != "text"):
            out[f] = Value("text", text=text)
    return out


def _text_in(grid: Grid, row: int, col: int) -> str:
    """What a cell holds as text (stripped), ``""`` for a number, a date or nothing: where our
    template's formulas want a number, text is what they pass by."""
    raw = grid.raw(row, col)
    return raw.strip() if isinstance(raw, str) else ""

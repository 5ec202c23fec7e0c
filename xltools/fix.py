"""Correcting what a reviewer would correct by arithmetic alone, in a copy of the workbook.

A written score, total, rate or grade that differs from the computed one (A305, A303, A306) has
exactly one right value: the one validate computes from the same table. ``xltools fix`` writes
those values into a copy, marks each changed cell (green, with a note saying what it was and
why it changed) and validates the copy again, so what is left is what a person must decide:
a missing actual, a deviation reason, a target. Nothing else is touched: a formula cell (our
templates compute their own scores) is left as it is and reported, and the input is never
modified (the copy goes through a temporary file renamed into place).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .errors import UnreadableWorkbook
from .grid import parse_a1
from .report import FileReport
from .rules import Finding
from .ruleset import RuleSet
from .values import format_number

#: What fix corrects: the findings whose right value the table itself determines — a written value
#: that differs (A303, A305, A306; a funds figure whose header states its reckoning, A343) or is
#: missing (A326) — and, in our templates, a number pasted as
#: text (A315, A324 with the number it stands for).
FIXABLE = ("A303", "A305", "A306", "A315", "A324", "A326", "A343")
FIXED_FILL = "C6EFCE"


@dataclass(slots=True)
class Change:
    sheet: str
    cell: str
    code: str
    old: object
    new: object
    why: str  # the finding's message (what was wrong and how the value is computed)
    rate: bool = False  # a rate (A303, a ratio's A343): written back in the form the cell had it
    #: why the cell was left as it is: "formula" (the cell computes itself) or "pending" (its right
    #: value waits for a missing input: the row's actual, or any row's for totals and the grade)
    skipped: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "cell": self.cell, "code": self.code, "old": self.old, "new": self.new,
                "skipped": self.skipped or None}


@dataclass(slots=True)
class FixReport:
    path: str
    out: str | None = None  # the corrected copy (None: nothing to correct, nothing written)
    changes: list[Change] = field(default_factory=list)
    remaining: FileReport | None = None  # the copy (or the input, unchanged) validated again

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        return {"path": self.path, "out": self.out, "changes": [c.to_dict() for c in self.changes],
                "remaining": self.remaining.to_dict(lang) if self.remaining is not None else None}


#: Findings that leave a row's score open (a missing actual, target or weight; an expert's missing
#: score; an actual a hundredfold off, A329, whose unit is likely wrong; an actual saying 不适用,
#: A332, which the unit is to replace or explain; a satisfaction on an unstated scale, A333; a month
#: that may have lost its trailing 0, A334; an actual saying only that the target was not reached,
#: A335; a completion dated before the table's year, A337): it is what it is for now, and right
#: only once they are answered. So does a finding marked ``opens_row`` (an A303 on an actual named
#: after a figure, 预算执行率: the row's score follows the actual it corrects); and a finding marked
#: ``opens_execution`` leaves the execution score and totals — spending a hundredfold over budget
#: (A302), an execution amount empty or in words (A331), the rate typed as the spending (A341), spending
#: of 0 beside a rate that says otherwise (A346), an
#: amount below zero (A342).
PENDING = ("A308", "S103", "S112", "A318", "A329", "A332", "A333", "A334", "A335", "A337")
#: A305's rows (the rest are totals: the whole table's, a part's) and its execution score; an
#: amount of 年度资金总额 left empty (A326: the parts' sum, which waits for nothing).
ROW_SCORE, EXECUTION_SCORE, GRADE, AMOUNT = "得分", "预算执行率得分", "等级", "金额"


def corrections(findings: list[Finding], lang: str = "zh") -> list[Change]:
    """The value each fixable finding's cell should hold.

    A row with a missing actual (A308), target or weight (S103) or expert score (A318) scores what
    it can until that is filled (0, or the other experts' mean): its
    score is not "corrected" to 0, and while any row is so open neither are the totals and the
    grade — they would change again with the missing value. Those changes come back marked
    ``pending`` so that the report says why they were left.
    """
    open_rows = {(f.sheet, _row(f.cell)) for f in findings if _opens_row(f)}
    # an execution amount not yet right (A302's unit slip, A331, A341, A342): its score waits
    open_execution = {f.sheet for f in findings if f.params.get("opens_execution")}
    # a row's 得分率 beside a score corrected in the same look is worked out from the corrected one,
    # in the next look (from the written one, it would be wrong once the score is)
    rescored = {(f.sheet, _row(f.cell)) for f in findings
                if (f.code == "A305" and f.params.get("what") == ROW_SCORE) or (f.code == "A326" and f.params.get("field") == "score")}
    out = []
    for f in findings:
        if f.code not in FIXABLE or not f.cell or ":" in f.cell:
            continue
        computed = str(f.params.get("computed", ""))
        what = f.params.get("what")
        if f.code == "A326":  # a value left empty: which one it is decides as for A305/A306
            what = {"score": ROW_SCORE, "execution": EXECUTION_SCORE, "grade": GRADE,
                    "amount": AMOUNT}.get(f.params["field"], "")
        if f.code == "A306" or what == GRADE:
            new: object = computed
        else:
            try:
                new = float(computed.rstrip("%")) / 100 if _is_rate(f) else float(computed)
            except ValueError:
                continue
        change = Change(f.sheet, f.cell, f.code, f.value, new, f.message(lang), rate=_is_rate(f))
        if f.params.get("row_rate") and (f.sheet, _row(f.cell)) in rescored - open_rows:
            continue
        if what == ROW_SCORE or f.params.get("row_rate"):  # (a row's 得分率 follows its score)
            change.skipped = "pending" if (f.sheet, _row(f.cell)) in open_rows else ""
        elif what == EXECUTION_SCORE or (f.code == "A303" and f.sheet in open_execution):
            change.skipped = "pending" if f.sheet in open_execution else ""
        elif (open_rows or f.sheet in open_execution) and f.code in ("A305", "A306", "A326") and what != AMOUNT:
            change.skipped = "pending"  # totals, the grade
        elif f.params.get("waits"):  # (a reckoning of an amount left empty, read as 0: A343)
            change.skipped = "pending"
        out.append(change)
    return out


#: How many times fix looks at a table: once, then again at what its corrections made judgeable (a
#: figure worked out from one just corrected, a rate once its budget is filled in).
LOOKS = 3


def further_corrections(findings: list[Finding], changes: list[Change], lang: str = "zh") -> list[Change]:
    """The corrections a look after ``changes`` asks for, of cells they did not change: a cell is
    corrected once (were it asked again, the table would say two things of it, and fix not choose)."""
    done = {(c.sheet, c.cell) for c in changes if not c.skipped}  # (what waited may be judgeable now)
    return [c for c in corrections(findings, lang) if (c.sheet, c.cell) not in done]


def after_look(changes: list[Change], more: list[Change]) -> list[Change]:
    """``changes`` with a further look's ``more``: what it corrected is added, and said no more as
    waiting; what it leaves waiting is added where no look said it yet (``⑦=④-⑤`` beside a ④ just
    corrected, with ⑤ left empty: judged only now, and left for a person)."""
    applied = {(c.sheet, c.cell) for c in more if not c.skipped}
    said = {(c.sheet, c.cell) for c in changes}
    return [c for c in changes if not (c.skipped and (c.sheet, c.cell) in applied)] + \
        [c for c in more if not c.skipped or (c.sheet, c.cell) not in said]


def settled(changes: list[Change], findings: list[Finding]) -> list[Change]:
    """``changes`` without what waited and is right once the looks are done (no finding at its cell)."""
    still = {(f.sheet, f.cell) for f in findings}
    return [c for c in changes if not c.skipped or (c.sheet, c.cell) in still]


def _is_rate(f: Finding) -> bool:
    return f.code == "A303" or (f.code == "A343" and bool(f.params.get("ratio")))


def _opens_row(f: Finding) -> bool:
    """Whether ``f`` leaves its row's score open (:data:`PENDING`, ``opens_row``)."""
    return f.code in PENDING or bool(f.params.get("opens_row"))


def totals_wait(findings: list[Finding]) -> bool:
    """Whether a table's total and grade are not yet what they will be: a row, or its execution
    score, waits for a value — as :func:`corrections` leaves them ``pending``."""
    return any(_opens_row(f) or f.params.get("opens_execution") for f in findings)


def _row(cell: str) -> int | None:
    """The row of a finding's cell (the first of a range); ``None`` for a finding without one."""
    try:
        return parse_a1(cell.split(":")[0])[0]
    except ValueError:
        return None


def fix_copy(src: str | os.PathLike[str], out: str | os.PathLike[str], rules: RuleSet | str | None = None, *,
             lang: str = "zh", force: bool = False) -> FixReport:
    """Write ``out``: ``src`` with its written scores, totals, rates and grades corrected.

    Nothing is written when there is nothing to correct. A rate is written as the cell holds
    it: a fraction (0.9692, shown by a % format), a percent number (96.92) or text ("96.92%").
    """
    from .annotate import open_keepable
    from .api import validate_file
    from .output import check_output, copy_suffix, save_workbook

    src, out = os.fspath(src), os.fspath(out)
    check_output(out, force=force, src=src, suffix=copy_suffix(src))
    report = validate_file(src, rules, lang=lang)
    if report.error is not None:
        raise UnreadableWorkbook(report.error, report.error)
    result = FixReport(os.fspath(src), changes=corrections(report.findings, lang))
    if all(c.skipped for c in result.changes):  # nothing to correct, or all of it waits: no copy to open
        result.remaining = report
        return result
    wb = open_keepable(src, ("修正副本", "a corrected copy"))
    if not _apply(wb, result.changes, lang):
        result.remaining = report
        return result
    result.out = save_workbook(wb, out, source=src)
    result.remaining = validate_file(out, rules, lang=lang)
    # a figure worked out from one just corrected (⑦=④-⑤ beside a corrected 小计④, a rate dividing
    # it) is judged only once that one is right: corrected in a further look, of cells not yet changed
    for _ in range(LOOKS - 1):
        more = further_corrections(result.remaining.findings, result.changes, lang)
        wb = open_keepable(out, ("修正副本", "a corrected copy")) if any(not c.skipped for c in more) else None
        written = wb is not None and _apply(wb, more, lang)
        result.changes = after_look(result.changes, more)
        if not written:
            break
        save_workbook(wb, out, source=src)
        result.remaining = validate_file(out, rules, lang=lang)
    result.changes = settled(result.changes, result.remaining.findings)
    return result


def _apply(wb, changes: list[Change], lang: str) -> bool:  # noqa: ANN001  (an openpyxl Workbook)
    """Write ``changes`` into ``wb``, each marked green with a note; whether any was written (a
    formula cell computes itself: its inputs are corrected, not it)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from .annotate import on_a_sheet, target_cell
    from .output import xml_safe

    written = False
    for c in changes:
        if c.skipped or c.sheet not in wb.sheetnames or not on_a_sheet(c.cell):
            continue
        cell = target_cell(wb[c.sheet], c.cell)  # a merged grade cell: its top-left cell holds it
        if cell.data_type == "f":
            c.skipped = "formula"
            continue
        c.new = as_cell_holds(c, cell.value)
        note = note_for(c, cell.value, lang)
        cell.value = c.new
        cell.fill = PatternFill(fill_type="solid", start_color=FIXED_FILL, end_color=FIXED_FILL)
        cell.comment = Comment(xml_safe(note), "xltools")
        written = True
    return written


def note_for(c: Change, before: object, lang: str = "zh") -> str:
    """The note a corrected cell gets: what it held, and the finding that changed it."""
    if isinstance(before, float):
        before = format_number(before)  # 8.0 read back from a cell was typed as 8
    elif before is None or before == "":
        before = "empty" if lang == "en" else "空"
    if lang == "en":
        return f"xltools corrected ({c.code}): was {before}\n{c.why}"
    return f"xltools 修正（{c.code}）：原为 {before}\n{c.why}"


#: A value written after its label in one cell (``总分：95``, ``合计:94.30分``): the label stays. A
#: label has words (_WORD): not ``=183`` (the fix wrote the text ``=20.00``, a formula to openpyxl),
#: ``2:3`` or ``≥1:1`` (ratios).
_LABELLED = re.compile(r"([^0-9=:：\s][^:：=]*?[:：=]\s*)[0-9]+(?:\.[0-9]+)?(\s*分?)")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def as_cell_holds(c: Change, before: object) -> object:
    """A rate in the form the cell had it; scores and grades as they are — after their label,
    where the cell holds one that the reader read the figure from (``总分：95`` becomes ``总分：94.30``).
    A text it read no figure from (``A:0`` in a row's score cell: "left empty", A326) is replaced by
    the figure: ``A:20.00`` read as empty again, and a second fix wrote it once more."""
    if isinstance(before, str) and isinstance(c.new, float) and not c.rate and c.old is not None \
            and (m := _LABELLED.fullmatch(before.strip())) and _WORD.search(m[1]):
        return f"{m[1]}{c.new:.2f}{m[2]}"
    if not c.rate or not isinstance(c.new, float):
        return c.new
    if isinstance(before, str):
        return f"{c.new * 100:.2f}%"
    if isinstance(before, int | float) and not isinstance(before, bool) and abs(before) > 1.5:
        per_cent = round(c.new * 100, 2)
        if abs(per_cent) > 1.5:
            return per_cent
        # (0.95 for 0.95 % reads back as the fraction 95 %, as a % cell holds it: the fraction is plain)
    return round(c.new, 4)

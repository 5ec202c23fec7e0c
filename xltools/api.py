"""One library call per command: what the CLI (and xlwings entry points) call."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .declared import REPORTS, Declarations
from .errors import (
    UnknownTable,
    UnreadableWorkbook,
    UsageError,
    XltoolsError,
    crashed,
    internal_error,
    no_workbook_found,
)
from .model import GOALS, MONITOR, Table
from .reading import read_workbook
from .report import FileReport, Report
from .ruleset import RuleSet, load_rules
from .scoring import ScoreResult, score_workbook

if TYPE_CHECKING:
    from .batch import Copy
    from .rules import Checked


def score_file(path: str | os.PathLike[str], rules: RuleSet | str | None = None,
               sheet: str | None = None) -> list[ScoreResult]:
    """Read a workbook and score every table in it (or only the table on ``sheet``: a hidden
    sheet's copy of a visible table or an example sheet's table too, which are otherwise left out
    (S109, S111) — asked for by name,
    it is what the user wants to see)."""
    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    book = read_workbook(path)
    if sheet is not None and not any(t.sheet == sheet for t in book.tables):
        left_out = [*book.tables[0].hidden_tables, *book.tables[0].example_tables]
        book.tables = [t for t in left_out if t.sheet == sheet] or book.tables
    results = score_workbook(book, rs)
    if sheet is not None:
        results = [r for r in results if r.sheet == sheet]
        if not results:
            raise XltoolsError(
                f"{os.path.basename(os.fspath(path))}：工作表「{sheet}」中没有可计分的表格（可选：{'、'.join(t.sheet for t in book.tables)}）。",
                f"{os.path.basename(os.fspath(path))}: no table on sheet {sheet!r} (available: {', '.join(t.sheet for t in book.tables)}).",
            )
    return results


def read_goals(path: str | os.PathLike[str]) -> Table:
    """The declared goal table (绩效目标申报表) in a workbook, for A311."""
    book = read_workbook(path)
    goals = next((t for t in book.tables if t.kind == GOALS), None)
    if goals is None:
        name = os.path.basename(os.fspath(path))
        raise UsageError(f"{name}：不是绩效目标申报表（--goals 需要目标申报表）。",
                         f"{name}: not a goal declaration (--goals needs one).")
    return goals


def _goals_for(path: str, unread: list[tuple[str, str]], several: bool = False,
               ) -> Table | Callable[[Table], Table | None]:
    if not os.path.isdir(path):
        goals = read_goals(path)
        return Declarations([goals]).for_table if several else goals

    found, failed = Declarations.from_paths([path])
    unread.extend(failed)
    if not len(found):
        raise UsageError(f"{path}：文件夹中没有绩效目标申报表（--goals 需要目标申报表或存放它们的文件夹）。",
                         f"{path}: the folder holds no goal declaration (--goals takes one, or a folder of them).")
    return found.for_table


def validate_file(path: str | os.PathLike[str], rules: RuleSet | str | None = None, *,
                  goals: str | os.PathLike[str] | Table | Callable[[Table], Table | None] | None = None,
                  select: set[str] | None = None, ignore: set[str] | None = None, lang: str = "zh") -> FileReport:
    """Every finding in one workbook; an unreadable file becomes a report with ``error`` set.

    A workbook that reads but holds no known table is a finding (S105), not an error: the file
    is fine, it is just not a performance table. Its tables are also checked against each other
    as a batch's are (a copied sheet, S106; a sheet of another year, S107). ``goals``: the goal
    declaration to compare with (A311) — its workbook's path (read by :func:`read_goals`), the
    table, or a function choosing one per table.
    """
    from .batch import in_workbook
    from .rules import sort_findings

    if isinstance(goals, str | os.PathLike):  # a path, as the command line's --goals takes it
        goals = read_goals(goals)
    report, checked = _validate(path, rules, goals, select, ignore, lang)
    extra = in_workbook(os.fspath(path), checked or [], select, ignore)
    if extra:
        report.findings = sort_findings(report.findings + extra)
    return report


def _validate(path: str | os.PathLike[str], rules: RuleSet | str | None,
              goals: Table | Callable[[Table], Table | None] | None, select: set[str] | None,
              ignore: set[str] | None, lang: str) -> tuple[FileReport, list[Checked] | None]:
    from .reading.recognize import LOOKED_FOR, LOOKED_FOR_EN
    from .rules import Finding, check_workbook, wanted
    from .summary.collect import (
        SUMMARY_SHEETS,
        SUMMARY_SKIPPED,
        earlier_summary_among_inputs,
        is_summary,
    )

    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    report = FileReport(os.fspath(path))
    if earlier_summary_among_inputs(os.fspath(path)):  # told by its sheet names, not read whole
        report.skipped = SUMMARY_SKIPPED
        return report, None
    try:
        book = read_workbook(path)
    except UnknownTable as e:
        if SUMMARY_SHEETS <= set(e.sheets):  # an xltools summary saved among the workbooks it sums up
            report.skipped = SUMMARY_SKIPPED
            return report, None
        sheets = ("、".join(e.sheets) or "无") + e.skipped_note(lang)
        report.findings = [Finding("S105", e.sheets[0] if e.sheets else "", "A1", None, {
            "looked_for": LOOKED_FOR if lang != "en" else LOOKED_FOR_EN, "sheets": sheets})]
        report.findings = [f for f in report.findings if wanted(f.code, select, ignore)]
        return report, None
    except UnreadableWorkbook as e:
        report.error = e.message(lang)
        return report, None
    if is_summary(book.sheets):  # a small summary, read before it could be told (its 预警清单 is a table)
        report.skipped = SUMMARY_SKIPPED
        return report, None
    checked = check_workbook(book, rs, goals, select, ignore)
    report.tables = [(c.table.kind, c.table.sheet) for c in checked]
    _add(report, checked)
    return report, checked


def _add(report: FileReport, checked: list[Checked]) -> None:
    """Findings of checked tables into ``report``, in cell order, with the declarations used."""
    from .rules import sort_findings

    for c in checked:
        report.findings.extend(c.findings)
        if c.goals is not None and c.table.kind in REPORTS and c.goals.source and c.goals.source not in report.goals:
            report.goals.append(c.goals.source)
    report.findings = sort_findings(report.findings)


def _pair_declared(reports: list[FileReport], declared: Declarations, candidates: list[int], rules: RuleSet,
                   select: set[str] | None, ignore: set[str] | None) -> None:
    """The inputs' reports compared with the inputs' declarations (as ``summarize`` pairs them).

    Each report's file is read again, after every input has been read: a declaration may come
    after its report in the list, and keeping every table of a large batch in memory to spare
    the second read would cost more than the read (about a millisecond).
    """
    from .declared import CODES, compare
    from .rules import wanted

    codes = {c for c in CODES if wanted(c, select, ignore)}
    if not codes:
        return
    for i in candidates:
        try:
            book = read_workbook(reports[i].path)
        except Exception:  # read moments ago; one changed or vanished since is no pair, not a failure
            continue
        _add(reports[i], compare(book, declared.for_table, rules, codes))


def _batch_findings(reports: list[FileReport], copies: list[tuple[int, Copy]], select: set[str] | None,
                    ignore: set[str] | None, pairing: bool) -> None:
    """What only the batch shows (:mod:`xltools.batch`): a table the inputs hold more than once
    (S106), a table of another year than the others of its kind (S107) and, when the inputs'
    declarations are paired with their reports, a report left unpaired by a name typed
    differently (S108)."""
    from .batch import findings
    from .rules import sort_findings

    if len(copies) < 2:
        return
    touched = set()
    for i, finding in findings([c for _, c in copies], pairing=pairing, select=select, ignore=ignore):
        fr = reports[copies[i][0]]
        fr.findings.append(finding)
        touched.add(id(fr))
    for fr in reports:
        if id(fr) in touched:
            fr.findings = sort_findings(fr.findings)


def _expand(paths: list[str], skipped: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(file, its folder relative to the folder given) for every file to validate.

    Files as given (the folder ``""``); folders as the workbooks under them, as ``summarize``
    finds them (lock files, other documents and annotated copies ``*_校验.xlsx`` skipped, each
    noted in ``skipped``); each file once. A file named explicitly is always validated, whatever
    its name: the reader goes by content. The relative folder keeps annotated copies of two ``自评表.xlsx`` in
    different subfolders apart.
    """
    from .summary.collect import discover, path_key

    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    cwd = os.getcwd()
    for p in paths:
        if os.path.isdir(p):
            found, passed = discover([p])
            skipped.extend(passed)
            entries = [(f, os.path.relpath(os.path.dirname(f), p)) for f in found]
        else:
            entries = [(p, os.curdir)]
        for f, sub in entries:
            key = path_key(f, cwd)
            if key in seen:  # a file named twice, or named and in a folder given: validated once
                continue
            seen.add(key)
            out.append((f, "" if sub == os.curdir else sub))
    return out


def validate_files(paths: list[str | os.PathLike[str]], rules: RuleSet | str | None = None, *,
                   goals_path: str | os.PathLike[str] | None = None,
                   select: set[str] | None = None, ignore: set[str] | None = None,
                   annotate_dir: str | os.PathLike[str] | None = None, force: bool = False, lang: str = "zh",
                   pair_goals: bool = True, jobs: int | None = None) -> Report:
    """Validate several workbooks; optionally write an annotated copy of each into ``annotate_dir``
    (in the subfolders the inputs have under a folder given).

    ``paths`` are files or folders (searched recursively). ``goals_path`` is a goal declaration
    or a folder of them. A folder's declarations are each compared with the tables of their own
    project and year (:mod:`xltools.declared`); so is a single declaration when several workbooks
    are validated — in a folder of a department's reports, one project's declaration says
    nothing about the others. With one workbook, one declaration is compared with it whatever
    its project name: that pair is what was asked for. Without ``goals_path`` (and with
    ``pair_goals``), the declarations among the inputs themselves are compared with the reports
    among them, as ``summarize`` does. ``jobs`` processes (default: every core) share the files
    and the annotated copies when there are more than a few.
    """
    paths = [os.fspath(p) for p in paths]  # (pathlib paths as well as strings)
    goals_path, annotate_dir = (os.fspath(p) if p is not None else None for p in (goals_path, annotate_dir))
    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    report = Report()
    files = _expand(paths, report.skipped)
    if not files:  # only folders were given, and they hold no workbook: a wrong folder, most likely
        raise no_workbook_found(paths)
    goals = _goals_for(goals_path, report.goals_unread, several=len(files) > 1) if goals_path else None
    declared = Declarations() if goals is None and pair_goals else None
    reports: list[tuple[int, list[tuple[str, str]]]] = []  # (input, its reports' projects and years)
    copies: list[tuple[int, Copy]] = []  # (input, a table it holds), for what only the batch shows
    work = (rs, goals, select, ignore, lang, declared is not None)
    subfolders: list[str] = []  # of each file in report.files, for its annotated copy
    results = _in_workers(_validate_some, [p for p, _ in files], work, jobs, _validate_crashed)
    for (_, sub), (fr, declarations, projects, held) in zip(files, results, strict=True):
        for t in declarations:
            declared.add(t)  # type: ignore[union-attr]  (sent only when pairing)
        if fr.skipped is not None:
            report.skipped.append((fr.path, fr.skipped))
            continue
        if projects:
            reports.append((len(report.files), projects))
        copies.extend((len(report.files), c) for c in held)
        report.files.append(fr)
        subfolders.append(sub)
    if declared is not None and len(declared):
        # only files with a report whose project has a declaration among the inputs are read again
        paired = [i for i, projects in reports if any(declared.lookup(p, y) for p, y in projects)]
        _pair_declared(report.files, declared, paired, rs, select, ignore)
    _batch_findings(report.files, copies, select, ignore, declared is not None)
    if annotate_dir is not None:
        from .annotate import annotated_paths

        readable = [(i, fr.path, os.path.join(annotate_dir, sub))
                    for i, (fr, sub) in enumerate(zip(report.files, subfolders, strict=True)) if fr.error is None]
        outs = annotated_paths([(path, folder) for _, path, folder in readable])
        todo = [(i, path, out) for (i, path, _), out in zip(readable, outs, strict=True)]
        items = [(path, report.files[i].findings, out) for i, path, out in todo]
        copies = _in_workers(_annotate_some, items, (lang, force), jobs, _annotate_crashed)
        for (i, _, _), (done, error) in zip(todo, copies, strict=True):
            report.files[i].annotated, report.files[i].annotate_error = done, error
    return report


#: Below this many files a run stays in this process (forking costs more than it saves).
PARALLEL_FROM = 8


def _in_workers(fn: Callable, items: list, shared: tuple, jobs: int | None, on_crash: Callable) -> Iterator:
    """``fn(batch, shared)`` over ``items`` in batches, in forked workers when there are enough
    (``summary.pool``); results flattened, in input order."""
    from .summary import pool

    jobs = jobs or pool.usable_cpus()
    if jobs == 1 or len(items) < PARALLEL_FROM:
        yield from fn(items, shared)
        return

    parts = pool.batches(items, jobs)
    salvage = functools.partial(_salvage, on_crash=on_crash)
    for result in pool.run(_apply, [(fn, part, shared) for part in parts], jobs, salvage=salvage):
        yield from result


def _apply(task: tuple) -> list:
    fn, part, shared = task
    return fn(part, shared)


def _salvage(task: tuple, on_crash: Callable) -> list:
    """A batch whose worker died: each item in a process of its own; for the one that kills it,
    ``on_crash(item, shared)`` says so in the result ``fn`` would give; the others as usual."""
    from .summary import pool

    fn, part, shared = task
    return pool.one_by_one(_apply, part, lambda item: (fn, [item], shared), lambda item: on_crash(item, shared))


def _validate_some(paths: list[str], shared: tuple,
                   ) -> list[tuple[FileReport, list[Table], list[tuple[str, str]], list[Copy]]]:
    """Validate files; send back what the batch needs beside each report: with pairing, their
    goal declarations and the project and year of each report they hold (which a declaration
    among the inputs may then match); and what identifies each table, to find tables given twice."""
    from .batch import of_table
    from .reading.recognize import to_text

    rules, goals, select, ignore, lang, pairing = shared
    out = []
    for path in paths:
        try:
            fr, checked = _validate(path, rules, goals, select, ignore, lang)
        except Exception as e:  # noqa: BLE001 — a bug met in one file must not stop a batch of thousands
            fr, checked = FileReport(path), None
            fr.error = internal_error(e, lang)
        tables = [c.table for c in checked] if pairing and checked is not None else []
        out.append((fr, [t for t in tables if t.kind == GOALS],
                    [(t.project_name, to_text(t.field_value("year"))) for t in tables
                     if t.kind in REPORTS and t.project_name],
                    [of_table(path, c.table, c.result.total) for c in checked or ()]))
    return out


def _validate_crashed(path: str, shared: tuple) -> tuple[FileReport, list[Table], list, list]:
    """What :func:`_validate_some` gives for a file whose process died while reading it."""
    *_, lang, _ = shared
    report = FileReport(path)
    report.error = crashed(lang)
    return report, [], [], []


def _annotate_some(items: list[tuple[str, list, str]], shared: tuple) -> list[tuple[str | None, str | None]]:
    """(annotated copy, or why not) for each (input, findings, output)."""
    from .annotate import annotate_copy

    lang, force = shared
    out: list[tuple[str | None, str | None]] = []
    for path, findings, dest in items:
        try:
            out.append((annotate_copy(path, findings, dest, lang=lang, force=force), None))
        except XltoolsError as e:
            out.append((None, e.message(lang)))
    return out


def _annotate_crashed(item: tuple[str, list, str], shared: tuple) -> tuple[None, str]:
    """What :func:`_annotate_some` gives for an input whose process died while copying it."""
    lang, _ = shared
    return None, crashed(lang)


def make_template(kind: str, out: str | os.PathLike[str], rules: RuleSet | str | None = None, *, experts: int = 3,
                  rows: int | None = None, from_path: str | os.PathLike[str] | None = None,
                  goals_path: str | os.PathLike[str] | None = None, force: bool = False) -> str:
    """Write a template; pour the first compatible table of ``from_path`` (or a goal table) into it."""
    out = os.fspath(out)
    from_path, goals_path = (os.fspath(p) if p is not None else None for p in (from_path, goals_path))
    from .output import check_output
    from .templates import COMPATIBLE, write_template

    source = None
    if from_path and goals_path:
        raise UsageError("--from 与 --goals 只能选一个", "use either --from or --goals, not both")
    check_output(out, force=force, src=from_path or goals_path, suffix=".xlsx")  # not over the workbook it starts from
    if goals_path:
        source = read_goals(goals_path)
    elif from_path:
        book = read_workbook(from_path)
        source = next((t for t in book.tables if t.kind == kind), None) or next(
            (t for t in book.tables if t.kind in COMPATIBLE.get(kind, ())), None)
        if source is None:
            name = os.path.basename(from_path)
            if any(t.kind == MONITOR for t in book.tables):  # its spending and values are to date, not the year's
                raise UsageError(f"{name}：监控表的执行数和完成值只到监控月份，不能作为全年数填入「{kind}」模板；"
                                 "请用 --goals 从绩效目标申报表开始。",
                                 f"{name}: a monitoring table's figures run to its month, not the year; "
                                 "start the template from the goal table with --goals.")
            raise UsageError(f"{name}：没有可填入「{kind}」模板的表格。", f"{name}: no table fits the {kind} template.")
    return write_template(kind, out, rules, experts=experts, rows=rows, source=source, force=force)

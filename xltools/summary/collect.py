"""Collect one small record per table from many workbooks, in parallel, with flat memory.

Each worker reads, scores and validates its files and sends back only small records (numbers
and short strings) plus the findings, as plain tuples or as rows already prepared for the
summary sheet; the parent writes the findings out as they come and keeps only the records, so
memory grows by a few hundred bytes per project, not by workbook size. Workers are forked
processes (:mod:`.pool`): the GIL would serialise the Python half of the work (recognition,
scoring, checks), and forked workers start without re-importing anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..annotate import ANNOTATED_SUFFIX
from ..errors import UnknownTable, UnreadableWorkbook, crashed, internal_error
from ..model import DEPT, EVALUATION, MONITOR, Workbook
from ..reading.recognize import to_number, to_text
from ..ruleset import RuleSet, load_rules
from ..taxonomy import level1_key

#: Files per task of a worker: small enough that no core idles long at the end of a batch.
CHUNK = 8
#: Sheets every summary written by xltools holds: a workbook with both is skipped, not summed.
SUMMARY_SHEET, PROBLEMS_SHEET = "汇总表", "问题清单"
SUMMARY_SHEETS = frozenset((SUMMARY_SHEET, PROBLEMS_SHEET))
#: The other sheets a summary workbook may hold (:mod:`.write`).
GRADES_SHEET, UNITS_SHEET, CODES_SHEET = "等级分布", "按单位汇总", "问题统计"
DEPT_SHEET, ALERTS_SHEET = "部门整体（草稿）", "预警清单"
ALL_SUMMARY_SHEETS = SUMMARY_SHEETS | {GRADES_SHEET, UNITS_SHEET, CODES_SHEET, DEPT_SHEET, ALERTS_SHEET}
#: Why an earlier summary among the workbooks is passed over (by summarize and by validate).
SUMMARY_SKIPPED = "xltools 生成的汇总表，已跳过"
#: Why :func:`discover` lists a path given that does not exist (such a path fails the run).
MISSING = "文件不存在"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ett", ".ods")  # .et/.ett: WPS 表格 (read as .xls or .xlsx by content)
#: Text a person names is read as the table it holds (reading/delimited.py: a CSV export); found in a
#: folder, such a file is some other document, and skipped.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: Found in folders besides those: workbooks xltools refuses (.xlsb), listed as unreadable with how to
#: convert them — a project's table missing from the summary must not pass as "not a workbook".
REFUSED_SUFFIXES = (".xlsb",)
#: Findings per record kept for the 问题清单: (sheet, cell, code, severity, message, suggestion).
FindingRow = tuple[str, str, str, str, str, str]


@dataclass(slots=True)
class Record:
    path: str
    sheet: str = ""
    table: str = ""
    project: str = ""
    department: str = ""
    unit: str = ""
    year: str = ""
    annual_budget: float | None = None
    spent: float | None = None
    initial_budget: float | None = None  # 年初预算数 of a self-evaluation's funds block (部门整体 draft)
    execution_rate: float | None = None
    written_total: float | None = None
    total: float | None = None
    grade: str = ""
    met: int = 0
    indicators: int = 0
    behind: int | None = None  # monitoring tables: rows showing red or yellow
    # their (一级指标, name, light, how, cell); a tuple, so the 100,000 records without any share one
    alerts: tuple[tuple[str, str, str, str, str], ...] = ()
    goals_file: str = ""  # the goal declaration in the batch it was compared with (summary.pairs): its file
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    parts: dict[str, float | None] = field(default_factory=dict)
    # the codes of its findings, for 问题统计; counted and released as the record arrives (Aggregates.add)
    codes: tuple[str, ...] = ()
    error: str = ""  # the file could not be read: why
    skipped: str = ""  # the file was read but is not for summing (an xltools summary): why
    cell: str = ""  # where the project name sits (a finding about the table as a whole points there)
    period: str = ""  # monitoring tables: the months reported (1-6月: "6")
    year_cell: str = ""  # where the 年度 value sits

    def tally(self, severity: str) -> None:
        if severity == "error":
            self.errors += 1
        elif severity == "warning":
            self.warnings += 1
        else:
            self.infos += 1


def path_key(path: str, cwd: str | None = None) -> str:
    """What makes two paths one file here: the same absolute path (``a.xlsx``, ``./a.xlsx`` and
    ``dir/../a.xlsx``; case-folded where the file system folds it), relative paths taken from
    ``cwd`` (asked of the OS once per batch, not once per file). Not the same inode: hard links
    are files of their own names, and resolving every link of a hundred thousand paths costs
    a system call per folder level."""
    return os.path.normcase(os.path.normpath(os.path.join(cwd or os.getcwd(), path)))


def discover(paths: Iterable[str], output: str | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Workbook files under ``paths`` (folders recursively, sorted; each file once) and what was
    skipped, with why.

    Skipped besides lock files and non-workbooks: ``output`` (a summary written into the folder
    it summarises must not be read back on the next run) and annotated copies that
    ``xltools validate --annotate-dir`` names ``*_校验.xlsx`` (their tables would count twice).
    """
    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    cwd = os.getcwd()
    out = path_key(output, cwd) if output else None
    seen: set[str] = set()

    def consider(p: str, named: bool = False) -> None:
        key = path_key(p, cwd)
        if key in seen:  # named twice, or named and inside a folder given too: summed once
            return
        seen.add(key)
        name = os.path.basename(p)
        stem, ext = os.path.splitext(name)
        if name.startswith("~$"):
            skipped.append((p, "Office 锁定文件（~$），已跳过"))
        elif name.startswith(".~"):  # LibreOffice's .~lock.自评表.xlsx#, WPS's .~自评表.xlsx on Linux
            skipped.append((p, "LibreOffice/WPS 锁定文件（.~），已跳过"))
        elif name.startswith("._"):  # what macOS writes beside every file copied to a USB stick
            skipped.append((p, "macOS 附带的资源文件（._），不是工作簿，已跳过"))
        elif not name.lower().endswith(WORKBOOK_SUFFIXES + REFUSED_SUFFIXES + (TEXT_SUFFIXES if named else ())) \
                and not _xml_workbook(p):
            skipped.append((p, "不是工作簿（扩展名不是 .xlsx/.xlsm/.xls/.et/.ods），已跳过"))
        elif key == out:
            skipped.append((p, "本次汇总的输出文件，已跳过"))
        elif stem.endswith(ANNOTATED_SUFFIX) and ext.lower() in (".xlsx", ".xlsm"):
            skipped.append((p, "xltools 校验标注副本（其原文件另行汇总），已跳过；如需汇总请改名"))
        else:
            files.append(p)

    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    consider(os.path.join(root, n))
        elif os.path.exists(p):
            consider(p, named=True)
        else:
            skipped.append((p, MISSING))
    return files, skipped


def _xml_workbook(path: str) -> bool:
    """An .xml file that is an Excel 2003 XML spreadsheet (the extension Excel gives the format,
    and some systems export under it); other XML is no workbook. Its first 4 KB tell."""
    if not path.lower().endswith(".xml"):
        return False
    from ..reading.xml2003 import is_xml2003

    try:
        with open(path, "rb") as fh:
            return is_xml2003(fh.read(4096))
    except OSError:
        return False


def earlier_summary(path: str) -> bool:
    """Whether ``path`` is a summary xltools wrote, told from its sheet names alone (workbook.xml):
    both of :data:`SUMMARY_SHEETS` and no sheet a summary does not hold. Reading a summary of a
    thousand projects whole, only to find no table in it, took 0.6 s."""
    from ..errors import XltoolsError
    from ..reading.source import check_container, sheet_names

    try:
        if check_container(path)[0] != "zip":
            return False
    except XltoolsError:
        return False
    return is_summary(sheet_names(path))


def is_summary(sheets: Iterable[str]) -> bool:
    """Whether a workbook of these sheets is a summary xltools wrote: both of
    :data:`SUMMARY_SHEETS` and no sheet a summary does not hold. Its 预警清单 reads as a monitoring
    table (three S101 and an M405 in every re-run over a folder holding a small summary)."""
    return SUMMARY_SHEETS <= set(sheets) <= ALL_SUMMARY_SHEETS


#: A workbook this large may be an earlier summary among the inputs (a thousand projects make
#: 600 KB; the tables we read are 5–50 KB): told from its sheet names before it is read whole.
SUMMARY_SIZE = 64 << 10


def earlier_summary_among_inputs(path: str) -> bool:
    """An xltools summary saved among the workbooks (the Excel button adds one to the folder at
    every run): skipped without reading it whole, which took 0.45 s per thousand projects it
    holds, in every later run. Small files are read as they are (a size costs one stat)."""
    try:
        large = os.stat(path).st_size > SUMMARY_SIZE
    except OSError:
        return False
    return large and earlier_summary(path)


def summarize_file(path: str, rules: RuleSet, lang: str = "zh") -> tuple[list[Record], list[FindingRow]]:
    """Records (one per table) and finding rows for one workbook; never raises for a bad file."""
    from ..reading import read_workbook

    if earlier_summary_among_inputs(path):
        return [Record(path, skipped=SUMMARY_SKIPPED)], []
    try:
        book = read_workbook(path)
    except UnknownTable as e:
        if SUMMARY_SHEETS <= set(e.sheets):  # an earlier summary saved among the workbooks
            return [Record(path, skipped=SUMMARY_SKIPPED)], []
        return [Record(path, error=e.message(lang))], []
    except UnreadableWorkbook as e:
        return [Record(path, error=e.message(lang))], []
    except Exception as e:  # a bug must not stop a batch of thousands; report it on the file
        return [Record(path, error=internal_error(e, lang))], []
    if is_summary(book.sheets):  # a summary too small to be told before reading (SUMMARY_SIZE)
        return [Record(path, skipped=SUMMARY_SKIPPED)], []
    try:
        return _summarize_book(path, book, rules, lang)
    except Exception as e:  # noqa: BLE001 — likewise a bug in scoring or a check
        return [Record(path, error=internal_error(e, lang))], []


def _summarize_book(path: str, book: Workbook, rules: RuleSet, lang: str) -> tuple[list[Record], list[FindingRow]]:
    from ..rules import check_workbook
    from ..rules.catalogue import render
    from ..scoring import NOT_APPLICABLE_KEYS, execution_amounts

    records, rows = [], []
    for checked in check_workbook(book, rules):
        table, result, findings = checked.table, checked.result, checked.findings
        rec = Record(path, table.sheet, table.kind, table.project_name,
                     to_text(table.field_value("department")), to_text(table.field_value("unit")),
                     to_text(table.field_value("year")))
        named, year = table.name_field, table.header.get("year")
        rec.cell = named.cell if named is not None else "A1"
        rec.year_cell = year.cell if year is not None else ""
        funds = table.funds.total() if table.funds is not None else None
        wan = table.to_wan  # a table stated in 元 is summed with the others in 万元
        if funds is not None:
            rec.annual_budget, rec.spent = wan(funds.year_budget), wan(funds.spent)
            rec.initial_budget = wan(funds.initial_budget)
        elif table.kind == DEPT:  # what its execution rate divides: 全年执行数 (else 支出决算数) by 全年预算数 (else 年初)
            spent, budget = execution_amounts(table)
            rec.annual_budget = wan(to_number(budget.value)) if budget is not None else None
            rec.spent = wan(to_number(spent.value)) if spent is not None else None
        else:  # a declaration states its 年度资金总额: its budget for the year
            a = table.amounts
            budget = a.get("annual_budget") or a.get("annual_total")
            rec.annual_budget = wan(to_number(budget.value)) if budget is not None else None
            rec.spent = wan(to_number(a["spent"].value)) if "spent" in a else None
        rec.execution_rate = result.figures.get("execution_rate", result.figures.get("progress"))
        wt = table.written_total.value if table.written_total is not None else None
        rec.written_total = float(wt) if isinstance(wt, int | float) else None
        rec.total, rec.grade = result.total, result.grade or ""
        # a row left out because it does not apply (A330, A332) is neither met nor one of the total
        scored = [r for r in result.rows if r.indicator is not None and r.explain_key not in NOT_APPLICABLE_KEYS]
        rec.indicators = len(scored)
        rec.met = sum(1 for r in scored if r.achieved)
        if table.kind == MONITOR:
            from ..monitoring import BEHIND

            rec.alerts = tuple((r.level1, r.name, r.light, r.explain(lang), r.cell) for r in result.rows
                               if r.light in BEHIND)
            rec.behind = len(rec.alerts)
            rec.period = to_text(table.months.value) if table.months is not None else ""
        rec.codes = tuple(f.code for f in findings)
        for f in findings:
            rec.tally(f.severity)
            message, suggestion = render(f.code, f.params, lang)
            rows.append((f.sheet, f.cell, f.code, f.severity, message, suggestion))
        if table.kind == EVALUATION or result.parts:
            # 决策（10分） → 决策; rows under no 一级指标 (a table without level columns) are no part
            rec.parts = {level1_key(p.name): p.score for p in result.parts if p.name}
        records.append(rec)
    return records, rows


#: What a worker makes of a record's finding rows before sending them (e.g. prepared sheet rows).
Prepare = Callable[[Record, list[FindingRow], str], object]


def _pairs(path: str, rules: RuleSet, lang: str, prepare: Prepare | None = None) -> list[tuple[Record, object]]:
    """(record, finding rows) per table of one file; a file's findings travel with its first record."""
    recs, rows = summarize_file(path, rules, lang)
    pairs: list[tuple[Record, object]] = []
    for i, rec in enumerate(recs):
        mine = rows if i == 0 else []
        pairs.append((rec, prepare(rec, mine, lang) if prepare else mine))
    return pairs


def _work(args: tuple[list[str], str | None, str, Prepare | None]) -> list[tuple[Record, object]]:
    paths, rules_spec, lang, prepare = args
    rules = load_rules(rules_spec)
    return [pair for p in paths for pair in _pairs(p, rules, lang, prepare)]


def _salvage(args: tuple[list[str], str | None, str, Prepare | None]) -> list[tuple[Record, object]]:
    """A batch whose worker died: each file read in a process of its own; the one that kills it
    is reported as such, the others are summed as usual."""
    from . import pool

    paths, rules_spec, lang, prepare = args

    def lost(p: str) -> tuple[Record, object]:
        rec = Record(p, error=crashed(lang))
        return rec, prepare(rec, [], lang) if prepare else []

    return pool.one_by_one(_work, paths, lambda p: ([p], rules_spec, lang, prepare), lost)


def collect(files: list[str], rules_spec: str | None = None, *, jobs: int | None = None, lang: str = "zh",
            progress: Callable[[int], None] | None = None,
            prepare: Prepare | None = None) -> Iterator[tuple[Record, object]]:
    """Yield (record, finding rows) for every table of every file, in input order.

    ``prepare`` (a module-level function, so that it reaches the workers) turns each record's
    finding rows into what the consumer writes, in the workers rather than in this process.
    """
    from . import pool

    jobs = jobs or pool.usable_cpus()
    if jobs == 1 or len(files) < 8:
        rules = load_rules(rules_spec)
        for p in files:
            yield from _pairs(p, rules, lang, prepare)
            if progress:
                progress(1)
        return
    # imported once here and inherited by every forked worker, instead of once per worker
    import python_calamine  # noqa: F401

    from .. import reading, rules  # noqa: F401

    batches = pool.batches(files, jobs, CHUNK)
    tasks = [(b, rules_spec, lang, prepare) for b in batches]
    for batch, result in zip(batches, pool.run(_work, tasks, jobs, salvage=_salvage), strict=True):
        yield from result
        if progress:
            progress(len(batch))

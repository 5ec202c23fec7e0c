"""Goal declarations paired with the tables that report on them, inside one batch (A311/M408).

A finance office collects each project's 绩效目标申报表 before the year and its 自评表 (or mid-year
监控表) later, and a reviewer's first comparison is whether the indicators, targets and weights are
still the declared ones (domain.md §6: "when both workbooks are given"). When a batch holds both,
``summarize`` pairs them and adds the comparison's findings to 问题清单 — the findings that
``validate 自评表.xlsx --goals 目标申报表.xlsx`` gives for that pair, naming the declaration compared.

Pairing is :mod:`xltools.declared`'s (project name and year; ambiguous: none), on the records
already made, so only paired files are read again and a batch without declarations costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..declared import CODES, REPORTS, pairing_key, pick
from ..model import GOALS, Table
from ..ruleset import load_rules
from .collect import FindingRow, Record

#: (report path, sheet, kind, goals path, goals sheet)
Pair = tuple[str, str, str, str, str]


def find_pairs(records: list[Record]) -> list[tuple[int, Pair]]:
    """(index of the report's record, what to compare) for every report with one declaration."""
    declared: dict[str, list[Record]] = {}
    for rec in records:
        if rec.table == GOALS and not rec.error and rec.project:
            declared.setdefault(pairing_key(rec.project), []).append(rec)
    if not declared:
        return []
    out = []
    for i, rec in enumerate(records):
        if rec.table not in REPORTS or rec.error or not rec.project:
            continue
        g = pick(declared.get(pairing_key(rec.project), ()), rec.year, _year)
        if g is not None:
            out.append((i, (rec.path, rec.sheet, rec.table, g.path, g.sheet)))
    return out


def _year(rec: Record) -> str:
    return rec.year


def _compare(args: tuple[list[Pair], str | None, str]) -> list[list[FindingRow]]:
    """In a worker: the findings of each pair against its declaration (:data:`CODES`), as 问题清单 rows."""
    from ..declared import compare
    from ..reading import read_workbook
    from ..rules.catalogue import render

    batch, rules_spec, lang = args
    rules = load_rules(rules_spec)
    out: list[list[FindingRow]] = []
    for path, sheet, kind, goals_path, goals_sheet in batch:
        try:  # both were read moments ago; one changed or vanished since is no pair, not a failure
            book = read_workbook(path)
            goals_book = book if goals_path == path else read_workbook(goals_path)
        except Exception:
            out.append([])
            continue
        goals = next((t for t in goals_book.tables if t.sheet == goals_sheet and t.kind == GOALS), None)
        paired = (sheet, kind)

        def declared(t: Table, paired: tuple[str, str] = paired, goals: Table | None = goals) -> Table | None:
            return goals if (t.sheet, t.kind) == paired else None  # the paired table only

        rows = []
        for checked in compare(book, declared, rules, CODES):
            for f in checked.findings:
                message, suggestion = render(f.code, f.params, lang)  # names the declaration's file
                rows.append((f.sheet, f.cell, f.code, f.severity, message, suggestion))
        out.append(rows)
    return out


def compare(records: list[Record], rules_spec: str | None, *, jobs: int, lang: str = "zh",
            ) -> Iterator[tuple[int, list[FindingRow]]]:
    """(record index, finding rows) for every paired report that differs from its declaration;
    every paired record names its declaration's file in ``goals_file``."""
    pairs = find_pairs(records)
    if not pairs:
        return
    for i, pair in pairs:
        records[i].goals_file = os.path.basename(pair[3])
    from . import pool

    per = max(16, -(-len(pairs) // pool.MAX_TASKS))
    batches = [pairs[i:i + per] for i in range(0, len(pairs), per)]
    tasks = [([p for _, p in b], rules_spec, lang) for b in batches]
    results = map(_compare, tasks) if jobs == 1 or len(tasks) == 1 else pool.run(_compare, tasks, jobs)
    for batch, rows_per_pair in zip(batches, results, strict=True):
        for (i, _), rows in zip(batch, rows_per_pair, strict=True):
            if rows:
                yield i, rows

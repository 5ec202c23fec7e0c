"""Findings only a batch can give: the same table twice (S106), a table of another year (S107).

A finance office that collects hundreds of workbooks by e-mail gets resubmissions —
``自评表.xlsx`` beside ``自评表（修改后）.xlsx``, a sheet copied within a workbook — and every copy
is read and summed: 按单位汇总's budget and spending, the grade counts and the department rollup
then count that project twice, and nothing in either workbook is wrong on its own. It also gets
last year's file sent again by mistake. This module finds both across a batch (``validate``
over several files, ``summarize``).

Two tables are the same when their kind, project name, year, 主管部门 and 实施单位 agree (spaces,
width and quotes do not matter, nor ``2023`` against ``2023年度``) and, for monitoring tables, the months they
report (1-6月 and 1-8月 are two reports). 主管部门 and 实施单位 are part of it because generic
project names (业务运转经费, 信息化建设) recur across units; a unit left blank in one copy and
filled in the other is therefore not matched — a missed copy is cheaper than a false alarm on
two real projects. A table without a project name is never matched (S101 reports the name).

Which copy to keep is the officer's call (usually the later one), so nothing is dropped from
the totals: every copy gets a warning naming the others, and the totals are said to count it
more than once.

A table's year is another year's when the batch clearly has one: at least :data:`YEAR_QUORUM`
tables of that kind state a year, and :data:`YEAR_SHARE` of them the same one. Kinds are counted
apart (a finance office collects next year's declarations while this year's self-evaluations
come in); a batch that mixes years evenly is an archive, and nothing is said. S107 is an info:
the table is not wrong, it may just not belong here.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, TypeVar

from .declared import project_key
from .messages import word
from .model import MONITOR, Table
from .reading.labels import label_key
from .reading.recognize import to_text
from .rules import Finding
from .rules.catalogue import Text
from .values import year_of

CODE, OTHER_YEAR, UNPAIRED = "S106", "S107", "S108"
#: S107 speaks only when this many tables of a kind state a year and this share of them one year.
YEAR_QUORUM, YEAR_SHARE = 5, 0.8
#: How many other copies a message names before "等 N 处".
NAMED = 3

if TYPE_CHECKING:
    from .rules import Checked

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Copy:
    """What identifies one table in a batch, and where to point at it."""

    path: str
    sheet: str
    cell: str  # the 项目名称 value: where the finding sits
    kind: str
    project: str
    year: str = ""
    department: str = ""
    unit: str = ""
    period: str = ""  # a monitoring table's months
    total: float | None = None
    year_cell: str = ""  # where the 年度 value sits (S107 points there)

    def key(self) -> tuple[str, ...] | None:
        return identity(self.kind, self.project, self.year, self.department, self.unit, self.period)


def identity(kind: str, project: str, year: str, department: str, unit: str, period: str) -> tuple[str, ...] | None:
    """What two copies of one table share; ``None`` for a table without a project name."""
    p = project_key(project)
    if not p:
        return None
    return (kind, p, year_of(year) or year.strip(), project_key(department), project_key(unit),
            period if kind == MONITOR else "")


def of_table(path: str, table: Table, total: float | None = None) -> Copy:
    """The identity of a table read from ``path`` (``total``: its computed total, if scored)."""
    f, y = table.name_field, table.header.get("year")
    months = table.months.value if table.months is not None else None
    # a field lent by a 项目基本信息 sheet (reading._lend_header) is not on the table's sheet
    mine = lambda field: field is not None and field.sheet == table.sheet  # noqa: E731
    return Copy(path, table.sheet, f.cell if mine(f) else "A1", table.kind, table.project_name,
                to_text(table.field_value("year")), to_text(table.field_value("department")),
                to_text(table.field_value("unit")), to_text(months), total, y.cell if mine(y) else "")


def groups(items: Sequence[T], key: Callable[[T], tuple[str, ...] | None]) -> list[list[int]]:
    """Indices of the items that share a key, per key held by more than one, in input order.

    Keys are held only by their hash while the batch is scanned (a hundred thousand records
    must not hold a hundred thousand key tuples); the rare candidates are compared in full.
    """
    first: dict[int, int] = {}
    candidates: dict[int, list[int]] = {}
    for i, item in enumerate(items):
        k = key(item)
        if k is None:
            continue
        h = hash(k)
        j = first.setdefault(h, i)
        if j != i:
            candidates.setdefault(h, [j]).append(i)
    out: list[list[int]] = []
    for members in candidates.values():
        by_key: dict[tuple[str, ...], list[int]] = {}
        for i in members:
            by_key.setdefault(key(items[i]), []).append(i)  # type: ignore[arg-type]  (not None: hashed)
        out.extend(g for g in by_key.values() if len(g) > 1)
    out.sort()
    return out


def _copier(copy: Callable[[T], Copy] | None) -> Callable[[T], Copy]:
    """``copy``, or the identity for items that are copies already."""
    return copy if copy is not None else (lambda item: item)  # type: ignore[return-value]


def repeats(items: Sequence[T], copy: Callable[[T], Copy] | None = None,
            key: Callable[[T], tuple[str, ...] | None] | None = None) -> Iterator[tuple[int, Finding]]:
    """(index, S106 finding) for every item whose table occurs more than once.

    ``items`` are :class:`Copy` objects, or anything ``copy`` makes one of and ``key`` gives the
    :func:`identity` of (a summary's records: a copy is made only of those that repeat).
    """
    as_copy = _copier(copy)
    for group in groups(items, key or (lambda item: as_copy(item).key())):
        members = [as_copy(items[i]) for i in group]
        totals = {m.total for m in members}
        differ = None not in totals and len(totals) > 1  # then each copy's total tells them apart
        saved = _saved(members)
        for i, me in zip(group, members, strict=True):
            # only the first few are named: a file copied a thousand times must not cost a million
            named = [_where(c, me, differ, saved) for c in itertools.islice((c for c in members if c is not me), NAMED)]
            shown = "、".join(zh for zh, _ in named)
            shown_en = ", ".join(en for _, en in named)
            if len(members) - 1 > NAMED:
                shown += f" 等 {len(members) - 1} 处"
                shown_en += f" and {len(members) - 1 - NAMED} more"
            detail = (Text(f"，各份总分不同（本表 {me.total:.2f}）", f"; the totals differ (this one {me.total:.2f})")
                      if differ else Text("", ""))
            mine = saved.get(os.path.normpath(me.path))
            if mine is not None:
                when, latest = _when(mine, saved)
                detail = Text(f"{detail.zh}，本份保存于 {when}" + ("，是最新的一份" if latest else ""),
                              f"{detail.en}; this one saved {when}" + (", the latest" if latest else ""))
            year = year_of(me.year)
            yield i, Finding(CODE, me.sheet, me.cell, me.project, {
                "name": me.project, "n": len(group), "others": Text(shown, shown_en),
                "year": Text(f"{year}年度" if year else "", f" ({year})" if year else ""),
                "kind": Text(word(f"kind_{me.kind}"), word(f"kind_{me.kind}", "en")),
                "detail": detail,
            })


#: Copies in more files than this are not asked when they were saved (a file copied a thousand
#: times needs removing, not dating).
SAVED_FILES = 10


def _saved(members: list[Copy]) -> dict[str, datetime]:
    """When each file of a repeated table was last saved, as the files record it; nothing when
    the copies sit in one workbook or in more than :data:`SAVED_FILES`, or were all saved within
    a minute."""
    from .reading.source import saved_at

    paths = {os.path.normpath(m.path) for m in members}
    if not 1 < len(paths) <= SAVED_FILES:
        return {}
    found = {p: t for p in paths if (t := saved_at(p)) is not None}
    # copies saved within a minute of each other are one save copied: their times tell nothing
    return found if found and (max(found.values()) - min(found.values())).total_seconds() >= 60 else {}


def _when(t: datetime, saved: dict[str, datetime]) -> tuple[str, bool]:
    """(``2024-03-06 09:10``, whether no other file was saved as late)."""
    latest = len(saved) > 1 and t == max(saved.values()) and sum(1 for x in saved.values() if x == t) == 1
    return t.strftime("%Y-%m-%d %H:%M"), latest


def _where(c: Copy, me: Copy, with_total: bool, saved: dict[str, datetime] | None = None) -> tuple[str, str]:
    """Where another copy is, in Chinese and English: its file (as given) and sheet, and its
    total when the copies' totals differ and when its file was saved (which is what a finance
    officer chooses by)."""
    notes_zh, notes_en = [], []
    if os.path.normpath(c.path) == os.path.normpath(me.path):
        at = f"「{c.sheet}」" if c.sheet != me.sheet else f"「{c.sheet}」{c.cell}"
        zh, en = f"本文件{at}", f"this workbook {at}"
    else:
        zh, en = f"{c.path}「{c.sheet}」", f"{c.path} 「{c.sheet}」"
        t = (saved or {}).get(os.path.normpath(c.path))
        if t is not None:
            when, latest = _when(t, saved or {})
            notes_zh.append(f"保存于 {when}" + ("，最新" if latest else ""))
            notes_en.append(f"saved {when}" + (", the latest" if latest else ""))
    if with_total:
        notes_zh.insert(0, f"总分 {c.total:.2f}")
        notes_en.insert(0, f"total {c.total:.2f}")
    if notes_zh:
        zh, en = f"{zh}（{'，'.join(notes_zh)}）", f"{en} ({', '.join(notes_en)})"
    return zh, en


def other_years(items: Sequence[T], copy: Callable[[T], Copy] | None = None,
                kind_year: Callable[[T], tuple[str, str]] | None = None) -> Iterator[tuple[int, Finding]]:
    """(index, S107 finding) for every table whose year is not the one its kind has in the batch.

    ``items`` as for :func:`repeats`; ``kind_year`` gives an item's kind and year cheaply (the
    copy is made only of the tables found)."""
    as_copy = _copier(copy)

    def key(item: T) -> tuple[str, str]:
        if kind_year is not None:
            return kind_year(item)
        c = as_copy(item)
        return c.kind, year_of(c.year)

    counts: dict[str, dict[str, int]] = {}
    for item in items:
        kind, year = key(item)
        if year:
            per = counts.setdefault(kind, {})
            per[year] = per.get(year, 0) + 1
    usual: dict[str, tuple[str, int, int]] = {}
    for kind, per in counts.items():
        n = sum(per.values())
        year, most = max(per.items(), key=lambda kv: kv[1])
        if n >= YEAR_QUORUM and most < n and most >= YEAR_SHARE * n:
            usual[kind] = (year, most, n)
    if not usual:
        return
    for i, item in enumerate(items):
        kind, year = key(item)
        if kind in usual and year and year != usual[kind][0]:
            c = as_copy(item)
            batch_year, most, n = usual[kind]
            kind_zh, kind_en = word(f"kind_{kind}"), word(f"kind_{kind}", "en")
            yield i, Finding(OTHER_YEAR, c.sheet, c.year_cell or c.cell, c.year, {
                "name": c.project, "year": year, "usual": batch_year, "most": most, "n": n,
                "kind": Text(kind_zh, kind_en)})


#: S108: how alike two project names must be (difflib's ratio) to suggest they name one project.
NEAR = 0.8
#: S108 compares names up to this long: project names are far shorter, and comparing two long
#: texts costs the square of their length (a hostile batch must not stall a summary).
LONGEST_NAME = 120


def nearest(names: Sequence[tuple[str, str]], among: Sequence[tuple[str, str]]) -> list[int | None]:
    """For each (project key, year) of ``names``, the index in ``among`` of the most alike name of
    the same year (or either without one), when alike enough (:data:`NEAR`) — else ``None``.

    Candidates are found by the character pairs they share (pairs common to many names, 项目 or
    建设, are passed over), so a batch of thousands compares each name with a few, not with
    every other."""
    indexes: dict[str, dict[str, list[int]]] = {}
    out: list[int | None] = []
    for name, year in names:
        index = indexes.get(year)
        if index is None:
            index = indexes[year] = _pair_index(among, year)
        pairs = sorted(p for p in {name[k:k + 2] for k in range(len(name) - 1)} if p in index)  # a fixed order: ties alike in every run
        shared = Counter(itertools.chain.from_iterable(index[p] for p in pairs))
        half = len(pairs) / 2
        best, best_j = 0.0, None
        for j, n in sorted(shared.most_common(5), key=lambda jn: (-jn[1], jn[0])):  # ties: the first found
            if n < half:
                break
            ratio = SequenceMatcher(None, name, among[j][0]).ratio()
            if ratio >= NEAR and ratio > best:
                best, best_j = ratio, j
        out.append(best_j)
    return out


def _pair_index(among: Sequence[tuple[str, str]], year: str) -> dict[str, list[int]]:
    """Character pair → the names of ``among`` holding it, among those a name of ``year`` may
    match (its year or none; every year for a name without one); common pairs left out."""
    index: dict[str, list[int]] = {}
    n = 0
    for j, (name, other) in enumerate(among):
        if year and other and other != year:
            continue
        n += 1
        for pair in {name[k:k + 2] for k in range(len(name) - 1)}:
            index.setdefault(pair, []).append(j)
    common = max(32, n // 200)
    return {pair: js for pair, js in index.items() if len(js) <= common}


def unpaired(items: Sequence[T], copy: Callable[[T], Copy] | None = None) -> Iterator[tuple[int, Finding]]:
    """(index, S108 info) for every report (自评表, 监控表, 部门整体) whose project has no declaration
    of its name in the batch while a declaration of a very similar name has no report: most often
    one project whose name was typed differently in the two tables — so they were not compared
    (A311, A319, A320), and nothing said why."""
    from .declared import REPORTS
    from .model import GOALS

    as_copy = _copier(copy)
    goals: list[tuple[int, str, str]] = []
    reports: list[tuple[int, str, str]] = []
    for i, item in enumerate(items):
        c = as_copy(item)
        if c.kind == GOALS or c.kind in REPORTS:
            key = project_key(c.project)
            if key and len(key) <= LONGEST_NAME:
                (goals if c.kind == GOALS else reports).append((i, key, year_of(c.year)))
    if not goals or not reports:
        return
    declared, reported = {k for _, k, _ in goals}, {k for _, k, _ in reports}
    lonely_goals = [g for g in goals if g[1] not in reported]
    lonely = [r for r in reports if r[1] not in declared]
    # the same name but for a bracket at its end (养老服务（2023年）, 某工程（一期）): a candidate
    # however short the name — a bracket is part of a name, but it is also what gets added or left out
    bare: dict[tuple[str, str], int] = {}
    for j, (_, k, y) in enumerate(lonely_goals):
        bare.setdefault((label_key(k), y), j)
    near = nearest([(k, y) for _, k, y in lonely], [(k, y) for _, k, y in lonely_goals])
    for (i, k, y), j in zip(lonely, near, strict=True):
        if j is None:
            j = bare.get((label_key(k), y), bare.get((label_key(k), "")))
        if j is None:
            continue
        me, goal = as_copy(items[i]), as_copy(items[lonely_goals[j][0]])
        yield i, Finding(UNPAIRED, me.sheet, me.cell, me.project, {
            "name": me.project, "declared": goal.project, "file": goal.path})


def findings(items: Sequence[T], copy: Callable[[T], Copy] | None = None, *,
             key: Callable[[T], tuple[str, ...] | None] | None = None,
             kind_year: Callable[[T], tuple[str, str]] | None = None, pairing: bool = False,
             select: set[str] | None = None, ignore: set[str] | None = None) -> Iterator[tuple[int, Finding]]:
    """(index, finding) for what only the batch shows, as ``--select``/``--ignore`` ask: S106, S107
    and, where declarations are paired with reports, S108. ``items`` and the functions as for
    :func:`repeats`, :func:`other_years` and :func:`unpaired` — what validate over several files,
    one workbook's sheets and summarize's records share."""
    from .rules import wanted

    found: list[Iterator[tuple[int, Finding]]] = []
    if wanted(CODE, select, ignore):
        found.append(repeats(items, copy, key))
    if wanted(OTHER_YEAR, select, ignore):
        found.append(other_years(items, copy, kind_year))
    if pairing and wanted(UNPAIRED, select, ignore):
        found.append(unpaired(items, copy))
    return itertools.chain.from_iterable(found)


def in_workbook(path: str, checked: Sequence[Checked], select: set[str] | None = None,
                ignore: set[str] | None = None) -> list[Finding]:
    """S106 and S107 among the tables of one workbook — a department that keeps one project per
    sheet starts a new one by copying a sheet, and forgets to change it: what ``validate FILE``
    and the Excel button say of a single workbook, as a batch of several says it across files."""
    if len(checked) < 2:
        return []
    copies = [of_table(path, c.table, c.result.total) for c in checked]
    return [f for _, f in findings(copies, select=select, ignore=ignore)]

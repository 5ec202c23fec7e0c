"""Which goal declaration a self-evaluation or monitoring table reports on, among several.

A finance office keeps each project's 绩效目标申报表 beside its 自评表 and 监控表; to compare them
(A311/M408) the right declaration must be found by what the tables say, not by file names: the
same project name (its label key, so spaces and full-width forms do not matter) and the same
year. A table without a year takes the one declaration of its name. Two declarations of one
project and year are ambiguous and neither is taken: guessing would report the differences
from the wrong one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from .model import DEPT, GOALS, MONITOR, SELFEVAL, Table, Workbook
from .reading.recognize import to_text

if TYPE_CHECKING:
    from .rules import Checked
    from .ruleset import RuleSet

T = TypeVar("T")
#: Tables compared with a declaration (as rules.arithmetic.against_goals: A311, M408 for monitoring).
REPORTS = (SELFEVAL, DEPT, MONITOR)
#: Findings that only a declaration can give: indicators, targets, weights (A311; M408 for
#: monitoring), the initial budget (A319) and the expected goal (A320) against what was declared.
CODES = frozenset(("A311", "M408", "A319", "A320"))


def compare(book: Workbook, lookup: Callable[[Table], Table | None], rules: RuleSet,
            codes: set[str] | frozenset[str]) -> list[Checked]:
    """The reports in ``book`` that ``lookup`` finds a declaration for, checked against it for
    ``codes`` only: what ``validate`` (declarations among its inputs) and ``summarize`` (pairs in
    a batch) add to a file read a second time. The other tables of ``book`` are dropped."""
    from .rules import check_workbook

    book.tables = [t for t in book.tables if t.kind in REPORTS and lookup(t) is not None]
    return check_workbook(book, rules, lookup, set(codes)) if book.tables else []


def pick(candidates: Iterable[T], year: str, year_of: Callable[[T], str]) -> T | None:
    """The one candidate of ``year`` (or without a year); ``None`` when none or several fit."""
    same = [c for c in candidates if not year or not year_of(c) or year_of(c) == year]
    return same[0] if len(same) == 1 else None


#: Dropped from a project name before names are compared, besides spaces of every width.
_QUOTES = frozenset("\"'“”‘’")
_NO_QUOTES = str.maketrans("", "", "".join(_QUOTES))


def project_key(name: object) -> str:
    """A project name as compared across files: NFKC (full-width forms), no spaces or quotes.

    Not :func:`label_key`, which drops a trailing bracket (``（万元）`` after a label): in a
    project name the bracket is part of the name — ``某工程（一期）`` and ``某工程（二期）`` are
    two projects, and pairing one's report with the other's declaration was wrong.
    """
    if not name:
        return ""
    key = "".join(unicodedata.normalize("NFKC", str(name)).split())  # NFKC makes \u3000 a space
    return key if _QUOTES.isdisjoint(key) else key.translate(_NO_QUOTES)


#: What a project's name may carry in one file and not the other: its year in front or behind
#: (``2023年…``, ``…（2023年度）``) — the tables state the year beside it — and ``项目`` at its end.
_NAME_YEAR = re.compile(r"^(?:19|20)\d{2}年度?|\(?(?:19|20)\d{2}年度?\)?$")
_NAME_END = "项目"


def pairing_key(name: object) -> str:
    """A project's name as a report and its declaration are paired by: :func:`project_key` without a
    leading year or a trailing 项目 — ``2023年社区养老服务中心运营补助项目`` declared is reported on as
    ``社区养老服务中心运营补助`` (the years are compared apart: :func:`pick`)."""
    key = project_key(name)  # (NFKC: ``（2023年）`` is ``(2023年)`` here)
    bare = _NAME_YEAR.sub("", key).removesuffix(_NAME_END)
    return bare or key


def _year(t: Table) -> str:
    return to_text(t.field_value("year"))


class Declarations:
    """Goal declarations read from files or a folder, looked up by project and year."""

    def __init__(self, tables: Iterable[Table] = ()) -> None:
        self.by_project: dict[str, list[Table]] = {}
        for t in tables:
            self.add(t)

    def add(self, table: Table) -> None:
        key = pairing_key(table.project_name)
        if table.kind == GOALS and key:
            self.by_project.setdefault(key, []).append(table)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_project.values())

    def for_table(self, table: Table) -> Table | None:
        return self.lookup(table.project_name, _year(table))

    def lookup(self, project: str, year: str) -> Table | None:
        """The one declaration of ``project`` and ``year`` (or of no year), if there is one."""
        return pick(self.by_project.get(pairing_key(project), ()), year, _year)

    @classmethod
    def from_paths(cls, paths: list[str]) -> tuple[Declarations, list[tuple[str, str]]]:
        """The declarations in ``paths`` (files and folders, recursively) and the files that
        could not be read, with why; files holding no declaration are passed over."""
        from .errors import UnknownTable, UnreadableWorkbook
        from .reading import read_workbook
        from .summary.collect import discover

        files, _ = discover(paths)
        out, failed = cls(), []
        for f in files:
            try:
                book = read_workbook(f)
            except UnknownTable:
                continue
            except UnreadableWorkbook as e:
                failed.append((f, e.message()))
                continue
            except Exception as e:  # a bug must not stop the check of the other files
                failed.append((f, repr(e)))
                continue
            for t in book.tables:
                out.add(t)
        return out, failed

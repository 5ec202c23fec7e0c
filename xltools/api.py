"""One library call per command: what the CLI (and xlwings entry points) call."""

from __future__ import annotations

import os

from .errors import XltoolsError
from .reading import read_workbook
from .ruleset import RuleSet, load_rules
from .scoring import ScoreResult, score_workbook


def score_file(path: str | os.PathLike[str], rules: RuleSet | str | None = None,
               sheet: str | None = None) -> list[ScoreResult]:
    """Read a workbook and score every table in it (or only the table on ``sheet``)."""
    rs = rules if isinstance(rules, RuleSet) else load_rules(rules)
    book = read_workbook(path)
    results = score_workbook(book, rs)
    if sheet is not None:
        results = [r for r in results if r.sheet == sheet]
        if not results:
            raise XltoolsError(
                f"{os.path.basename(os.fspath(path))}：工作表「{sheet}」中没有可计分的表格（可选：{'、'.join(t.sheet for t in book.tables)}）。",
                f"{os.path.basename(os.fspath(path))}: no table on sheet {sheet!r} (available: {', '.join(t.sheet for t in book.tables)}).",
            )
    return results

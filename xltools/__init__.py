"""xltools: read, score, validate and summarise Chinese budget performance workbooks.

The package root stays light (``import xltools`` loads no spreadsheet library); the main entry
points are re-exported lazily:

>>> import xltools
>>> results = xltools.score_file("自评表.xlsx")        # doctest: +SKIP
>>> results[0].total, results[0].grade                 # doctest: +SKIP
(95.18, '优')
>>> report = xltools.validate_file("自评表.xlsx", goals="目标申报表.xlsx")  # doctest: +SKIP
>>> [(f.code, f.cell, f.message()) for f in report.findings]              # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import RulesError, UnknownTable, UnreadableWorkbook, XltoolsError

__version__ = "0.1.0"
__all__ = ["XltoolsError", "UnreadableWorkbook", "UnknownTable", "RulesError", "read_workbook",
           "score_file", "validate_file", "validate_files", "read_goals", "summarize", "fix_copy",
           "make_template", "load_rules", "__version__"]

if TYPE_CHECKING:
    from .api import make_template, read_goals, score_file, validate_file, validate_files
    from .fix import fix_copy
    from .reading import read_workbook
    from .ruleset import load_rules
    from .summary import summarize

#: What each command of the CLI calls, by module: imported on first use, so that ``import xltools``
#: loads no spreadsheet library.
_LAZY = {"read_workbook": "reading", "score_file": "api", "validate_file": "api", "validate_files": "api",
         "read_goals": "api", "make_template": "api", "summarize": "summary", "fix_copy": "fix",
         "load_rules": "ruleset"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)

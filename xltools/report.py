"""Validation reports as plain data: per file, its findings and counts; serialisable to JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import Finding
from .rules.catalogue import ERROR, SEVERITIES, WARNING


@dataclass(slots=True)
class FileReport:
    path: str
    tables: list[tuple[str, str]] = field(default_factory=list)  # (kind, sheet)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read (message in the report's language)
    annotated: str | None = None  # path of the annotated copy, if one was written
    annotate_error: str | None = None
    goals: list[str] = field(default_factory=list)  # the goal declarations its tables were compared with
    skipped: str | None = None  # not validated, and why (an xltools summary among the workbooks)

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def table(self) -> str | None:
        return self.tables[0][0] if self.tables else None

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        d: dict[str, object] = {
            "path": self.path, "table": self.table, "tables": [{"table": k, "sheet": s} for k, s in self.tables],
            "findings": [f.to_dict(lang) for f in self.findings], "counts": self.counts,
        }
        if self.goals:
            d["goals"] = self.goals
        if self.error is not None:
            d["error"] = self.error
        if self.annotated is not None:
            d["annotated"] = self.annotated
        if self.annotate_error is not None:
            d["annotate_error"] = self.annotate_error
        return d


@dataclass(slots=True)
class Report:
    files: list[FileReport] = field(default_factory=list)
    # files of a --goals folder that could not be read (path, why): said, but not failing the run
    goals_unread: list[tuple[str, str]] = field(default_factory=list)
    # files under a folder given that were not validated (lock files, other documents), with why
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.files:
            for k, n in f.counts.items():
                out[k] += n
        return out

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        d: dict[str, object] = {"files": [f.to_dict(lang) for f in self.files]}
        if self.skipped:
            from .summary.words import tr

            d["skipped"] = [{"path": p, "reason": tr(why, lang)} for p, why in self.skipped]
        return d

    def exit_code(self, fail_on: str = ERROR) -> int:
        """2 if a file was unreadable, 1 if a finding reaches ``fail_on``, else 0."""
        if any(f.error is not None for f in self.files):
            return 2
        failing = {ERROR} if fail_on == ERROR else {ERROR, WARNING}
        return 1 if any(x.severity in failing for f in self.files for x in f.findings) else 0

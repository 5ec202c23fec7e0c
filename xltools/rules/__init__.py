"""Validation rules: one small function per check, registered under its stable code.

A check receives a :class:`Context` (the table, its computed scores, the rule set, the keyword
heuristics, and the declared goals when given) and yields :class:`Finding` objects pointing at the
cell a person must change. Messages are not built here: a finding carries its code and
parameters, and the catalogue renders them in the asked language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..grid import parse_a1
from ..model import Indicator, Table, Workbook
from ..reading.labels import label_key
from ..ruleset import RuleSet, any_of, packaged_heuristics
from ..scoring import ScoreResult, aligned
from ..values import NONE_TEXT, Value, is_prompt, normalize_text, percent_scale
from .catalogue import CATALOGUE, SEVERITIES, Text, render


@dataclass(slots=True)
class Finding:
    code: str
    sheet: str
    cell: str
    value: object = None
    params: dict[str, object] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "zh") -> str:
        return render(self.code, self.params, lang)[0]

    def suggestion(self, lang: str = "zh") -> str:
        return render(self.code, self.params, lang)[1]

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        message, suggestion = render(self.code, self.params, lang)
        value = self.value
        if value is not None and not isinstance(value, int | float | str | bool):
            value = str(value)
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "value": value, "message": message, "suggestion": suggestion}


@dataclass(frozen=True, slots=True)
class Heuristics:
    timing: tuple[str, ...]
    cost: tuple[str, ...]
    recipients: tuple[str, ...]
    vague: dict[str, str]
    action: tuple[str, ...]
    measure: tuple[str, ...]
    execution_reason: tuple[str, ...] = ()
    bounded_rates: tuple[str, ...] = ()
    rate_changes: tuple[str, ...] = ()
    no_reason: tuple[str, ...] = ()
    lower_better: tuple[str, ...] = ()
    not_cost: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()
    not_due: tuple[str, ...] = ()
    output_verbs: tuple[str, ...] = ()
    not_output: tuple[str, ...] = ()
    rate_names: tuple[str, ...] = ()
    not_rate_names: tuple[str, ...] = ()
    count_names: tuple[str, ...] = ()
    delivered_starts: tuple[str, ...] = ()
    not_delivered: tuple[str, ...] = ()
    #: an indicator's name (label_key) → the domain.md §4 figure it names (A303 compares its actual)
    figure_names: dict[str, str] = field(default_factory=dict)


def says_nothing(text: str) -> bool:
    """A cell that stands for nothing (``—``, ``/``, ``无``, ``N/A``: values.NONE_TEXT) where a name or
    a criterion belongs."""
    return text.strip().lower() in NONE_TEXT


def names_nothing(name: str) -> bool:
    """An indicator's name that names nothing: empty, a placeholder (``—``, ``无``), or no word at all —
    an operator, a number or a sign (``=``, ``≥``, ``%``, ``1``) typed in the name's column."""
    return not name or _LETTER.search(name) is None or says_nothing(name)


#: A letter of any script (CJK included): not a digit, a sign or punctuation.
_LETTER = re.compile(r"[^\W\d_]")


def reason_key(text: str) -> str:
    """A reason as :func:`stated` compares it: no spaces (ASCII or full-width), no control
    characters, case folded — what the templates' formula compares too (CLEAN, SUBSTITUTE, and
    Excel's case-blind ``=``)."""
    return "".join(ch for ch in text if ch >= " " and ch not in " \u3000").casefold()


@lru_cache(maxsize=8)
def _placeholders(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(reason_key(w) for w in words)


def stated(text: str, words: Heuristics) -> bool:
    """Whether a 偏差原因/纠偏措施/说明 cell says anything: ``无``, ``/``, ``无偏差`` hold the place
    of a reason without giving one (``no_reason`` in heuristics.toml), and the form's printed
    guidance (``……需说明原因(100字以内)``, ``guidance``) or a fill-in prompt left in the cell
    (``请填写``) is not one either."""
    if not text:
        return False
    key = reason_key(text)
    return bool(key) and key not in _placeholders(words.no_reason) and any_of(words.guidance).search(text) is None \
        and not is_prompt(normalize_text(text))  # ``请在此填写偏差原因``: the template's prompt


def is_satisfaction(ind: Indicator) -> bool:
    """A 满意度 row: under 满意度指标 (either level), or named 满意度."""
    return "满意" in ind.level1 or "满意" in ind.level2 or "满意度" in ind.name


def bounded_rates(words: Heuristics) -> Callable[[str], bool]:
    """A test for names of rates that cannot pass 100 % (合格率, 满意度, 覆盖率 …), unless the name
    speaks of a change (满意度提升率 may be 120 %); it remembers the names of a batch's tables."""
    return _bounded(words.bounded_rates, words.rate_changes)


def better_way(words: Heuristics) -> Callable[[str], str | None]:
    """What a name says about its direction: ``"less"`` (事故发生率, 投诉次数, 不合格率), ``"more"``
    (合格率, 满意度 … the bounded rates), or ``None`` — and ``None`` for a name that speaks of a
    change (投诉率下降幅度 is more-is-better, 满意度提升率 too, whichever word it carries)."""
    return _better_way(words.lower_better, words.bounded_rates, words.rate_changes)


@lru_cache(maxsize=8)
def _better_way(lower: tuple[str, ...], higher: tuple[str, ...],
                changes: tuple[str, ...]) -> Callable[[str], str | None]:
    is_lower, is_higher, is_change = any_of(lower).search, any_of(higher).search, any_of(changes).search

    @lru_cache(maxsize=4096)
    def way(name: str) -> str | None:
        if is_change(name) is not None:
            return None
        if is_lower(name) is not None:  # first: 不合格率 holds 合格率
            return "less"
        return "more" if is_higher(name) is not None else None

    return way


@lru_cache(maxsize=8)
def _bounded(rates: tuple[str, ...], changes: tuple[str, ...]) -> Callable[[str], bool]:
    is_rate, is_change = any_of(rates).search, any_of(changes).search

    @lru_cache(maxsize=4096)
    def test(name: str) -> bool:
        return is_rate(name) is not None and is_change(name) is None

    return test


def percent_of(v: Value, reference: Value | None = None) -> float | None:
    """``v`` in percent when it is one (``105%``; 1.05 beside a % target), else ``None``."""
    if not v.is_number or v.number is None:
        return None
    if reference is None:
        return percent_scale(v.number, None, explicit_percent="%" in v.text) if v.is_percent else None
    if not (v.is_percent or reference.is_percent):
        return None
    return aligned(reference, v)[1]


@lru_cache(maxsize=8)
def _heuristics_for(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Heuristics:
    data = packaged_heuristics()
    add = dict(extra)

    def words(key: str, section: dict) -> tuple[str, ...]:
        return tuple(section[key]) + add.get(key, ())

    return Heuristics(
        timing=words("timing", data), cost=words("cost", data), recipients=words("recipients", data),
        vague=dict(data["vague"]), action=words("action", data["words"]),
        measure=words("measure", data["words"]), execution_reason=words("execution_reason", data),
        bounded_rates=words("bounded_rates", data), rate_changes=words("rate_changes", data),
        no_reason=words("no_reason", data), lower_better=words("lower_better", data),
        not_cost=words("not_cost", data), guidance=words("guidance", data),
        not_due=words("not_due", data), output_verbs=words("output_verbs", data), not_output=words("not_output", data),
        rate_names=words("rate_names", data), not_rate_names=words("not_rate_names", data),
        count_names=words("count_names", data), delivered_starts=words("delivered_starts", data),
        not_delivered=words("not_delivered", data),
        figure_names={label_key(n): figure for figure, names in data["figure_names"].items() for n in names},
    )


def heuristics(rules: RuleSet) -> Heuristics:
    """The packaged keyword lists plus whatever the rule set's ``[heuristics]`` table adds."""
    extra = tuple(sorted((k, tuple(v)) for k, v in rules.heuristics.items()
                         if isinstance(v, list)))
    return _heuristics_for(extra)


@dataclass(slots=True)
class Context:
    table: Table
    result: ScoreResult
    rules: RuleSet
    words: Heuristics
    goals: Table | None = None


Check = Callable[[Context], Iterable[Finding]]
#: Findings that call a cell empty, or its content no amount; at a cell showing a formula error or
#: no formula result, A314 or A325 replaces them.
MISSING_CODES = frozenset(("S101", "S103", "A308", "A326", "A324", "A331"))
CHECKS: list[tuple[tuple[str, ...], Check]] = []


def check(*codes: str) -> Callable[[Check], Check]:
    """Register a check that may yield findings of ``codes``."""
    for code in codes:
        assert code in CATALOGUE, code

    def deco(fn: Check) -> Check:
        CHECKS.append((codes, fn))
        return fn

    return deco


def run_checks(ctx: Context, select: set[str] | None = None,
               ignore: set[str] | None = None) -> list[Finding]:
    """Every finding for one table, filtered by code prefixes, in sheet-then-row order."""
    from . import arithmetic, goals, monitor, narrative, structure  # noqa: F401  (registers the checks)

    out: list[Finding] = []
    filtered = bool(select or ignore)
    for codes, fn in CHECKS:
        if not filtered:
            out.extend(fn(ctx))
        elif any(wanted(c, select, ignore) for c in codes):
            out.extend(f for f in fn(ctx) if wanted(f.code, select, ignore))
    if ctx.table.cell_errors:  # a cell showing #DIV/0! (or no result) is not "empty": A314/A325 say what it is
        shown = {(sheet, cell) for sheet, cell, _ in ctx.table.cell_errors}
        out = [f for f in out if f.code not in MISSING_CODES or (f.sheet, f.cell) not in shown]
    return sort_findings(after_the_amounts(out))


#: What the execution score and the totals are worked out from: a written rate, the execution score,
#: a part's or the whole table's total, the grade — a row's score (``得分``) and an amount are not.
_FROM_THE_AMOUNTS = frozenset(("A303", "A305", "A306", "A326"))


def after_the_amounts(findings: list[Finding]) -> list[Finding]:
    """``findings``, those of figures worked out from an execution amount that another finding says is
    wrong (``opens_execution``: spending a hundredfold its budget, A302; an amount below zero, A342…)
    told to wait for it. Their computed value rests on the wrong amount: 48000 spent of 500 gives an
    execution score of 10.00 for the 9.6 written, and A305's "改为 10.00" was the wrong thing to do.
    The message stays (the figures do differ as written); the suggestion is to correct the amount
    first, as ``fix`` leaves them ``pending``."""
    opening = [f for f in findings if f.params.get("opens_execution")]
    if not opening:
        return findings
    cells = "、".join(dict.fromkeys(f.cell for f in opening if f.cell))
    codes = "、".join(dict.fromkeys(f.code for f in opening))
    first = Text(f"先改正 {cells} 的金额（{codes}），再按改正后的金额计算",
                 f"first correct the amount at {cells.replace('、', ', ')} ({codes.replace('、', ', ')}), "
                 "then work it out from the corrected amount")
    for f in findings:
        if f.code in _FROM_THE_AMOUNTS and f.params.get("what") != "得分" and not f.params.get("row_rate") \
                and f.params.get("field") not in ("score", "amount"):
            f.params["first"] = first
    return findings


def wanted(code: str, select: set[str] | None, ignore: set[str] | None) -> bool:
    """Whether ``code`` passes ``--select`` and ``--ignore`` (both take codes or prefixes such as ``A3``)."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not (ignore and any(code.startswith(s) for s in ignore))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    if len(findings) < 2:
        return findings

    def key(f: Finding) -> tuple:
        try:
            r, c = parse_a1(f.cell) if f.cell else (-1, -1)
        except ValueError:
            r, c = -1, -1
        return (f.sheet, r, c, SEVERITIES.index(f.severity), f.code)

    return sorted(findings, key=key)


def findings_for(table: Table, result: ScoreResult, rules: RuleSet, goals: Table | None = None,
                 select: set[str] | None = None, ignore: set[str] | None = None) -> list[Finding]:
    return run_checks(Context(table, result, rules, heuristics(rules), goals), select, ignore)


@dataclass(slots=True)
class Checked:
    """One table of a workbook with its scores and its findings."""

    table: Table
    result: ScoreResult
    findings: list[Finding]
    goals: Table | None = None  # the declaration it was compared with, if any


def check_workbook(book: Workbook, rules: RuleSet, goals: Table | Callable[[Table], Table | None] | None = None,
                   select: set[str] | None = None, ignore: set[str] | None = None) -> list[Checked]:
    """Score and check every table of a read workbook: what validate, summarize and Excel share.

    ``goals`` is the declaration to compare every table with, or a function that finds each
    table's own (:meth:`xltools.declared.Declarations.for_table`).
    """
    from ..scoring import score_table

    out = []
    for table in book.tables:
        result = score_table(table, rules, path=book.path)
        declared = goals(table) if callable(goals) else goals
        out.append(Checked(table, result, findings_for(table, result, rules, declared, select, ignore), declared))
    return out


def iter_codes() -> Iterator[str]:
    yield from CATALOGUE

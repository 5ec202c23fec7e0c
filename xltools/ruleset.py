"""Rule sets as data: weights, bands, thresholds, the ``≤`` method, grades, rounding.

Jurisdictions differ in exactly these things (domain.md §5), so none of them is code. The
national default ships as ``rulesets/national.toml``; ``--rules FILE.toml`` loads another one,
and any key it leaves out falls back to the national value (a province usually changes two).
Table sections ``dept`` and ``evaluation`` inherit every key they omit from ``selfeval``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .errors import RulesError

#: os.path, not pathlib: pathlib brings urllib and ipaddress, ~8 ms of every command's start-up.
BUILTIN_DIR = os.path.join(os.path.dirname(__file__), "rulesets")
#: How a total treats rows that do not apply (TableRules.not_applicable).
NOT_APPLICABLE_METHODS = ("rescale", "drop")
_TABLE_KEYS = {"execution_weight", "weights", "less_is_better", "overachievement",
               "explain_execution_below", "qualitative", "late_date_rate", "level1_weights", "expert_spread",
               "not_applicable"}
#: How strict the ``weights`` per 一级指标 are (domain.md §5: "a principle; a table may move weight
#: between level-1 rows, and the rule set says how strict to be about it").
LEVEL1_WEIGHTS = ("off", "principle", "required")


@dataclass(frozen=True, slots=True)
class Band:
    outcome: str
    low: float
    high: float
    default: float


#: Added qualitative-outcome words, by list (OUTCOME_LISTS): hashable, for caches.
OutcomeWords = tuple[tuple[str, tuple[str, ...]], ...]
OUTCOME_LISTS = ("partial", "partial_whole", "nothing_wrong_start", "not_nothing_wrong_start", "wrong",
                 "failed_start", "failed", "late", "begun", "denial", "denied_verbs", "delay")


@dataclass(frozen=True, slots=True)
class TableRules:
    execution_weight: float
    weights: dict[str, float]
    less_is_better: str
    overachievement: float
    explain_execution_below: float
    qualitative: tuple[Band, ...]
    late_date_rate: float = 0.0  # share of the weight a deadline met late scores (scoring._dated)
    level1_weights: str = "principle"  # one of LEVEL1_WEIGHTS (rules.goals.level1_weights: G212/G213)
    expert_spread: float = 0.3  # experts' scores of one row further apart than this share of its weight: A323 (0: off)
    #: rows every expert marked 不适用 (values.NOT_APPLICABLE): ``rescale`` — the total is the others'
    #: sum on the full marks of the rows that apply (85.91 = 77.32 / 90 × 100); ``drop`` — their sum
    not_applicable: str = "rescale"
    # words a rule set's [heuristics.outcome] adds to rules/heuristics.toml's [outcome] (scoring.outcome_of)
    outcome_words: OutcomeWords = ()
    #: names a rule set's [heuristics] lower_better adds (退货率): a bare target of such a row is a
    #: ceiling in scoring, as the packaged words make it one when the table is read (scoring.score_indicator)
    lower_better: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitorRules:
    """The traffic light of mid-year monitoring (domain.md §3.6): completion as a share of what
    the months so far should have brought; below ``red`` red, below ``yellow`` yellow, from
    ``blue`` blue, green between."""

    red: float = 0.6
    yellow: float = 0.8
    blue: float = 1.2

    def light(self, ratio: float) -> str:
        if ratio < self.red:
            return "red"
        if ratio < self.yellow:
            return "yellow"
        return "blue" if ratio >= self.blue else "green"


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    name: str
    name_en: str
    digits: int
    total: float
    grades: tuple[tuple[str, float], ...]
    tables: dict[str, TableRules] = field(default_factory=dict)
    source: str = ""
    heuristics: dict[str, object] = field(default_factory=dict)  # additions to rules/heuristics.toml
    monitor: MonitorRules = MonitorRules()

    def for_table(self, kind: str) -> TableRules:
        return self.tables.get(kind) or self.tables["selfeval"]

    def grade(self, total: float | None) -> str | None:
        if total is None:
            return None
        for name, low in self.grades:
            if total >= low:
                return name
        return self.grades[-1][0]


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) and k != "weights" else v
    return out


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise RulesError(f"规则集文件不存在：{path}", f"rule set file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise RulesError(f"规则集文件格式错误（{path}）：{e}", f"rule set file is not valid TOML ({path}): {e}") from None


@lru_cache(maxsize=16)
def load_rules(spec: str | None = None) -> RuleSet:
    """A built-in rule set by id (``national``) or a TOML file path; ``None`` → national."""
    base = _read(os.path.join(BUILTIN_DIR, "national.toml"))
    if spec is None or spec == "national":
        data, source = base, "national"
    else:
        builtin = os.path.join(BUILTIN_DIR, f"{spec}.toml")
        path = builtin if os.path.isfile(builtin) and "/" not in spec else spec
        data, source = _merge(base, _read(path)), path
    return _build(data, source)


def _build(data: dict, source: str) -> RuleSet:
    try:
        selfeval = data["selfeval"]
        tables = {}
        for kind in ("selfeval", "dept", "evaluation"):
            section = _merge(selfeval, data.get(kind, {})) if kind != "selfeval" else selfeval
            unknown = set(section) - _TABLE_KEYS
            if unknown:
                raise RulesError(f"规则集 [{kind}] 中有未知的键：{'、'.join(sorted(unknown))}",
                                 f"unknown keys in [{kind}]: {', '.join(sorted(unknown))}")
            method = section["less_is_better"]
            if method not in ("ratio", "deduction"):
                raise RulesError(f"less_is_better 只能是 ratio 或 deduction，而不是 {method!r}",
                                 f"less_is_better must be ratio or deduction, not {method!r}")
            strict = section.get("level1_weights", "principle")
            if strict not in LEVEL1_WEIGHTS:
                raise RulesError(f"level1_weights 只能是 {'、'.join(LEVEL1_WEIGHTS)}，而不是 {strict!r}",
                                 f"level1_weights must be one of {', '.join(LEVEL1_WEIGHTS)}, not {strict!r}")
            na = section.get("not_applicable", "rescale")
            if na not in NOT_APPLICABLE_METHODS:
                raise RulesError(f"not_applicable 只能是 {'、'.join(NOT_APPLICABLE_METHODS)}，而不是 {na!r}",
                                 f"not_applicable must be one of {', '.join(NOT_APPLICABLE_METHODS)}, not {na!r}")
            bands = tuple(Band(k, float(v[0]), float(v[1]), float(v[2]))
                          for k, v in section["qualitative"].items())
            tables[kind] = TableRules(
                execution_weight=float(section["execution_weight"]),
                weights={k: float(v) for k, v in section["weights"].items()},
                less_is_better=method,
                overachievement=float(section["overachievement"]),
                explain_execution_below=float(section["explain_execution_below"]),
                qualitative=bands,
                late_date_rate=float(section.get("late_date_rate", 0.0)),
                level1_weights=strict,
                expert_spread=float(section.get("expert_spread", 0.3)),
                not_applicable=na,
            )
        outcome_words = _outcome_words(data.get("heuristics", {}).get("outcome", {}))
        tables = {k: replace(tr, outcome_words=outcome_words) for k, tr in tables.items()} if outcome_words else tables
        lower = data.get("heuristics", {}).get("lower_better", [])
        if not isinstance(lower, list) or not all(isinstance(w, str) and w for w in lower):
            raise RulesError("[heuristics] lower_better 须是字词列表", "[heuristics] lower_better must be a list of words")
        tables = {k: replace(tr, lower_better=tuple(lower)) for k, tr in tables.items()} if lower else tables
        lights = data.get("monitor", {}).get("lights", [0.6, 0.8, 1.2])
        red, yellow, blue = (float(x) for x in lights)
        if not 0 <= red <= yellow <= blue:
            raise RulesError(f"[monitor] lights 须是从小到大的三个比例（红、黄、蓝），而不是 {lights!r}",
                             f"[monitor] lights must be three ascending ratios (red, yellow, blue), not {lights!r}")
        grades = tuple(sorted(((g["name"], float(g["min"])) for g in data["grades"]),
                              key=lambda g: -g[1]))
        return RuleSet(id=str(data.get("id", source)), name=str(data.get("name", source)),
                       name_en=str(data.get("name_en", data.get("name", source))),
                       digits=int(data["digits"]), total=float(data["total"]), grades=grades,
                       tables=tables, source=source, heuristics=dict(data.get("heuristics", {})),
                       monitor=MonitorRules(red, yellow, blue))
    except RulesError:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise RulesError(f"规则集内容不完整或类型错误（{source}）：{e!r}",
                         f"rule set is incomplete or mistyped ({source}): {e!r}") from None


def _outcome_words(section: object) -> OutcomeWords:
    """A rule set's ``[heuristics.outcome]``: lists of words added to the packaged ones."""
    if not isinstance(section, dict) or set(section) - set(OUTCOME_LISTS) \
            or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in section.values()):
        raise RulesError(f"[heuristics.outcome] 只能有 {'、'.join(OUTCOME_LISTS)} 几个字词列表",
                         f"[heuristics.outcome] may only hold word lists named {', '.join(OUTCOME_LISTS)}")
    return tuple(sorted((k, tuple(v)) for k, v in section.items()))


@lru_cache(maxsize=64)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of ``words`` in a text: a keyword test in one C call."""
    if not words:
        return re.compile("(?!)")  # matches nothing
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def packaged_heuristics() -> dict:
    """The packaged keyword lists, rules/heuristics.toml, read once: the checks' words (which a
    rule set's ``[heuristics]`` adds to, rules.heuristics) and the qualitative outcome words of
    scoring (``[outcome]``)."""
    with open(os.path.join(os.path.dirname(__file__), "rules", "heuristics.toml"), "rb") as fh:
        return tomllib.load(fh)

"""What a row's place and name say about its direction, where its cells say nothing.

A target written with a bound (``≥100家``, ``≤30天``) or beside a 指标性质 column needs none of
this. A bare ``30天`` under 时效指标, ``5000元`` under 成本 or ``2次`` of 投诉次数 is a limit, as a
reviewer reads it; and a range (``2000-2200人``) binds at the end less-is-better rows are held
to. The packaged ``lower_better`` words (rules/heuristics.toml) decide the names; a rule set's
additions to them are not consulted here (reading and scoring know no rule set's words).
"""

from __future__ import annotations

from . import units
from .ruleset import any_of, packaged_heuristics

#: Canonical units of a time limit (units.canonical): 天 (日, 小时, 周, 月…) and 工作日.
_DURATIONS = frozenset(("天", "工作日"))


def lower_better(name: str) -> bool:
    """A name that counts what should not happen (投诉次数, 事故发生率 …)."""
    return any_of(tuple(packaged_heuristics()["lower_better"])).search(name) is not None


def bare_ceiling(level1: str, level2: str, name: str, unit: str) -> bool:
    """Whether a target written without a bound (``30天``, ``5000元``, ``2次``; no ≥/≤ in its cell or
    a 指标性质 column) is a ceiling: a time limit under 时效指标, an amount under 成本, a count of
    what should not happen. Read as an equality it scored 25天 against 30天 as 83 %, and 35天
    full. Anything else stays an equality (domain.md §5: below scores as ≥, above full with a
    finding): a rate under 时效指标 (按时完成率 100%) is one."""
    base = units.canonical(units.clean(unit))[0] if unit else ""
    return (("时效" in level2 and base in _DURATIONS) or (("成本" in level1 or "成本" in level2) and base == "元")
            or lower_better(name))

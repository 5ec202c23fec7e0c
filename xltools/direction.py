"""What a row's place and name say about its direction, where its cells say nothing.

A target written with a bound (``≥100家``, ``≤30天``) or beside a 指标性质 column needs none of
this. A bare ``30天`` under 时效指标, ``5000元`` under 成本 or ``2次`` of 投诉次数 is a limit, as a
reviewer reads it; and a range (``2000-2200人``) binds at the end less-is-better rows are held
to. The packaged ``lower_better`` words (rules/heuristics.toml) decide the names; a rule set's
additions to them are not consulted here (reading and scoring know no rule set's words).
"""

from __future__ import annotations

from functools import lru_cache

from . import units
from .ruleset import any_of, packaged_heuristics

#: Canonical units of a time limit (units.canonical): 天 (日, 小时, 周, 月…) and 工作日.
_DURATIONS = frozenset(("天", "工作日"))


#: The 度量单位 cells our templates take as a time limit or an amount of money, as written: their
#: formulas compare the cell with these lists (rows of the lists sheet), not units.canonical.
TIME_LIMIT_UNITS = units.spellings(*_DURATIONS)
MONEY_UNITS = units.spellings("元", magnitudes=True)
#: The same, as Excel's ``=`` and SEARCH compare them: blind to case.
_TIME_FOLDED = frozenset(u.casefold() for u in TIME_LIMIT_UNITS)
_MONEY_FOLDED = frozenset(u.casefold() for u in MONEY_UNITS)


@lru_cache(maxsize=1)
def lower_better_words() -> tuple[str, ...]:
    """The packaged ``lower_better`` words (rules/heuristics.toml), not a rule set's additions: read
    once (every unbounded row of every table asks, through :func:`less_is_better`)."""
    return tuple(packaged_heuristics()["lower_better"])


@lru_cache(maxsize=1)
def _lower_better_folded() -> tuple[str, ...]:
    return tuple(w.casefold() for w in lower_better_words())


def lower_better(name: str) -> bool:
    """A name that counts what should not happen (投诉次数, 事故发生率 …)."""
    return any_of(lower_better_words()).search(name) is not None


def less_is_better(level1: str, level2: str, name: str, unit: str) -> bool:
    """Whether a row is held to a ceiling by its place and name where its cells give no bound: a
    time limit under 时效指标, an amount under 成本, a count of what should not happen. A bare
    ``30天`` (as an equality 25天 of 30天 scored 83 %, and 35天 full) and a range's upper end
    (``5~10天``) bind so. A rate under 时效指标 (按时拨付率 100%, 90-95%) is not: more is better."""
    base = units.canonical(units.clean(unit))[0] if unit else ""
    return (("时效" in level2 and base in _DURATIONS) or (("成本" in level1 or "成本" in level2) and base == "元")
            or lower_better(name))


def template_ceiling(level1: object, level2: object, name: object, unit: object) -> bool:
    """:func:`less_is_better` as our templates' formulas decide it from a row's own cells (the
    hidden 计算方向 column): 时效 in its 二级指标 cell and a time unit in its 度量单位 cell, 成本 in
    either level cell and a money unit, or a ``lower_better`` word in its name — the cells as
    written (Excel's TRIM of the unit and its full-width spaces, SEARCH's blindness to case), not
    as the reader fills them down or cleans them. A row this says no to is scored as = there, as
    an empty 指标性质 is."""
    def text(v: object) -> str:
        return v.casefold() if isinstance(v, str) else ""

    u = " ".join(w for w in text(unit).replace("\u3000", " ").split(" ") if w)  # TRIM(SUBSTITUTE(…, "　", " "))
    a, b, n = text(level1), text(level2), text(name)
    return (("时效" in b and u in _TIME_FOLDED) or (("成本" in a or "成本" in b) and u in _MONEY_FOLDED)
            or any(w in n for w in _lower_better_folded()))

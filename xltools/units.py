"""Units of measure as written in indicator cells, and the exact conversions a reviewer makes.

A target of ``≥10000人`` met by ``1.2万人`` is met, and ``≤50万元`` against ``480000元`` is within
it; comparing the bare numbers (1.2 against 10000) would score a success as a failure. Only exact
conversions are made: magnitude prefixes (万, 亿) over any unit, and the fixed ratios of the table
below (元/千元/万元, 米/公里, 亩/公顷, 天/小时/周, 月/季度/年 …) — and those a reviewer makes: a month
as a twelfth of a 365-day year against years, and as 30 days against days, weeks or hours (a time
limit's month). 人 is not 人次 and a 工作日 not a 天, so such pairs stay apart:
:func:`comparable` says no, scoring compares the bare numbers as written, and validation asks for
the target's unit (A316).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

#: spelling → (canonical unit, how many canonical units one of it is). Spellings are NFKC-normalised
#: (``㎡`` arrives as ``m2``, ``（）`` as ``()``).
_MONTH = 365 / 12
_UNITS: dict[str, tuple[str, float]] = {
    "元": ("元", 1.0), "千元": ("元", 1e3), "百万元": ("元", 1e6),
    "米": ("米", 1.0), "m": ("米", 1.0), "公里": ("米", 1e3), "千米": ("米", 1e3), "km": ("米", 1e3),
    "平方米": ("平方米", 1.0), "平米": ("平方米", 1.0), "m2": ("平方米", 1.0),
    "平方公里": ("平方米", 1e6), "平方千米": ("平方米", 1e6), "km2": ("平方米", 1e6),
    # a 亩 (市亩) is a fifteenth of a 公顷 exactly: ``0.3公顷`` against ``≥3000平方米`` is met
    "亩": ("平方米", 10000 / 15), "公顷": ("平方米", 1e4),
    "厘米": ("米", 0.01), "cm": ("米", 0.01), "毫米": ("米", 1e-3), "mm": ("米", 1e-3),
    "hm2": ("平方米", 1e4),  # (公顷, as technical texts write it: ``5hm²``)
    "立方米": ("立方米", 1.0), "立方": ("立方米", 1.0), "m3": ("立方米", 1.0),
    "吨": ("吨", 1.0), "t": ("吨", 1.0), "千克": ("吨", 1e-3), "公斤": ("吨", 1e-3), "kg": ("吨", 1e-3),
    "克": ("吨", 1e-6), "g": ("吨", 1e-6),
    "千瓦": ("千瓦", 1.0), "kw": ("千瓦", 1.0), "兆瓦": ("千瓦", 1e3), "mw": ("千瓦", 1e3),
    "千瓦时": ("千瓦时", 1.0), "kwh": ("千瓦时", 1.0), "兆瓦时": ("千瓦时", 1e3), "mwh": ("千瓦时", 1e3),
    # a class hour, by either name (``40课时`` against ``≥40学时``)
    "学时": ("学时", 1.0), "课时": ("学时", 1.0),
    "天": ("天", 1.0), "日": ("天", 1.0), "个工作日": ("工作日", 1.0), "工作日": ("工作日", 1.0),
    "自然日": ("天", 1.0), "个自然日": ("天", 1.0),  # (a calendar day is a 天; a 工作日 is not)
    "小时": ("天", 1 / 24), "h": ("天", 1 / 24), "分钟": ("天", 1 / 1440), "min": ("天", 1 / 1440), "周": ("天", 7.0),
    "星期": ("天", 7.0), "个星期": ("天", 7.0),
    # a year is 365 days and a month a twelfth of it: no month is 30.42 days, but ``85天`` against
    # ``≤3个月`` is compared so by any reviewer (as bare numbers it was 85 against 3: 3.5 %)
    "月": ("天", _MONTH), "个月": ("天", _MONTH), "季度": ("天", 3 * _MONTH), "个季度": ("天", 3 * _MONTH),
    "年": ("天", 12 * _MONTH),
}
#: A count per period (``2次/年``, ``1次/季度`` of ``每季度1次``) is a count per year, the year of the
#: table: ``≥4次`` is met by ``每季度1次``, ``≥1次/月`` by ``12次``, ``≥50次`` by ``每周1次`` (52 weeks, as
#: reviewers count them: a year holds 52 and a day). A day does not: 次/天 stays as written.
_PER_YEAR = {"年": 1, "半年": 2, "季度": 4, "季": 4, "两月": 6, "月": 12, "个月": 12, "半月": 24, "周": 52}
#: Measure words (量词) that count things and are used interchangeably (``≥10个`` met by ``12场``);
#: people (人/名/位), visits (人次) and households (户) are counts of other things and stay apart.
_UNITS.update(dict.fromkeys("个项件场次期批座所处条篇份套台辆家部本册张块幅种类", ("个", 1.0)))
_UNITS.update(dict.fromkeys(("人", "名", "位"), ("人", 1.0)))
_UNITS.update({"场次": ("个", 1.0), "人次": ("人次", 1.0), "户": ("户", 1.0)})
_UNITS.update(dict.fromkeys(("人/次", "人·次", "人.次"), ("人次", 1.0)))  # 500人/次 is 500人次, not per visit
#: Percentage points (a difference of rates: ``提高3个百分点``) count nothing: a unit of their own.
_UNITS.update(dict.fromkeys(("百分点", "个百分点"), ("百分点", 1.0)))
_UNITS["人民币"] = ("元", 1.0)
#: Per mille against per cent (``0.8%`` of ``≤5‰`` is 8‰); ``%`` itself is the values' own scale.
_UNITS["‰"] = ("%", 0.1)
#: A multiple against a per cent (``250%`` of ``≥2倍`` is 2.5倍; ``2.5倍`` of ``≥200%`` is 250%).
_UNITS["倍"] = ("%", 100.0)
#: Magnitude prefixes allowed over any unit (``万人次``, ``亿元``, ``万平方米``, ``1.1千人``); 千元, 千米
#: and 千克 are units of the table above, and a known unit is never split.
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3}
#: Words around a unit that say "about" or "more than" and do not change what is counted.
_LEADING = ("余", "多")
_TRAILING = ("左右", "余", "多", "+", "完成", "全覆盖", "覆盖", "达标", "合格", "到位", "落实")


def spellings(*bases: str, magnitudes: bool = False) -> tuple[str, ...]:
    """Every spelling of the table whose canonical unit is one of ``bases`` (and, with
    ``magnitudes``, ``万``/``亿`` of the bases themselves: ``万元``): the unit cells a template's
    formula can compare as written."""
    found = [u for u, (base, _) in _UNITS.items() if base in bases]
    more = [m + b for b in bases for m in _MAGNITUDES if magnitudes and m + b not in _UNITS]
    return tuple(dict.fromkeys(found + more))


def clean(unit: str) -> str:
    """The unit of a cell without its approximations and remarks: ``余家`` → ``家``, ``万余人`` → ``万人``,
    ``家左右`` → ``家``, ``家(含线上)`` → ``家``, ``(含`` (of ``≥90%(含)``) → ``""``, ``+`` → ``""``."""
    if "/" in unit:  # ``元/人·年``, ``元/(人·年)``, ``元/人.年``: ``元/人/年``, one spelling
        unit = per_product(unit)
    if "(" in unit:
        unit = unit[: unit.index("(")]
    mag, rest = _magnitudes(unit) if unit[:1] in _MAGNITUDES else ("", unit)
    for w in _LEADING:
        if rest.startswith(w):  # ``余家``, and after a magnitude ``万余人`` (1万余人: 10000人, not 1 of 万余人)
            unit = mag + rest[len(w):]
            break
    for w in _TRAILING:
        if unit.endswith(w):
            unit = unit[: -len(w)]
            break
    return _measure_word(unit)


def per_product(unit: str) -> str:
    """``元/人·年`` → ``元/人/年``: money or a count per person and period, written with a product sign
    or in brackets after the slash, is one unit however it is spelt (A316 saw two)."""
    count, slash, per = unit.partition("/")
    if per.startswith("(") and per.endswith(")"):
        per = per[1:-1]
    return count + slash + _PRODUCT.sub("/", per)


#: A product sign between two words of a unit after its slash (``人·年``, ``人.年``, ``人*年``, ``人×年``).
_PRODUCT = re.compile("(?<=[\u4e00-\u9fff])[·.*×•](?=[\u4e00-\u9fff])")


def _measure_word(unit: str) -> str:
    """A known unit followed by what it counts — ``次培训`` (of ``≥2次培训``), ``个示范点``, ``万元资金``
    — is that unit (``次``, ``个``, ``万元``): the words name the indicator, and 2次培训 against 3次
    is one count. Anything else, and a tail of more than five characters, is left as written."""
    mag, unit = _magnitudes(unit)
    if unit in _UNITS or not 2 <= len(unit) <= 5 or not all("\u4e00" <= ch <= "\u9fff" for ch in unit):
        return mag + unit  # (a longer tail is a sentence: ``2023年共培训一千二百人`` is not 2023年)
    for k in range(min(len(unit) - 1, 4), 0, -1):
        if unit[:k] in _UNITS:
            return mag + unit[:k]
    return mag + unit


def known(unit: str) -> bool:
    """A unit of the table (``m2`` holds a digit and is still a unit, unlike ``1-6月``)."""
    return _entry(unit) is not None


def _entry(unit: str) -> tuple[str, float] | None:
    """The table's entry for ``unit``; Latin letters in any case (``KM``, ``kWh`` as typed) — but a
    lone capital is not a small letter's unit (``5G`` is no 5 grams, ``100M`` no 100 metres)."""
    found = _UNITS.get(unit)
    if found is not None or len(unit) < 2 or not unit.isascii():
        return found
    return _UNITS.get(unit.lower())


@lru_cache(maxsize=1024)
def canonical(unit: str) -> tuple[str, float]:
    """``(canonical unit, factor)``: ``万人`` → ``("人", 10000)``, ``公顷`` → ``("平方米", 10000)``, a bare
    magnitude ``万`` → ``("", 10000)``; an unknown unit is its own canonical unit."""
    if per_period(unit) and unit not in _UNITS:
        count, _, period = unit.partition("/")
        base, f = canonical(count)
        return base, f * _PER_YEAR[period]
    mag, unit = _magnitudes(unit)
    base, f = _entry(unit) or (unit, 1.0)
    return base, math.prod(_MAGNITUDES[m] for m in mag) * f


def per_period(unit: str) -> bool:
    """A count per month, quarter or year (``次/季度``, as ``每季度1次`` is read): how often, not how
    many. One period only (``2次/年/年`` is no unit), and not per person (``元/人``)."""
    count, per, period = unit.partition("/")
    return bool(count and per) and period in _PER_YEAR


def _magnitudes(unit: str) -> tuple[str, str]:
    """``万人次`` → (``万``, ``人次``), ``万亿元`` → (``万亿``, ``元``), ``万`` → (``万``, ``""``): at most two
    prefixes, and none off a known unit (a loop, not recursion: a unit cell may hold anything)."""
    mag = ""
    while len(mag) < 2 and unit[:1] in _MAGNITUDES and unit not in _UNITS:
        mag, unit = mag + unit[0], unit[1:]
    return mag, unit


def unconvertible(unit: str, to: str) -> bool:
    """A unit of the table that does not convert to ``to`` (``人`` to ``%``, ``人`` to ``人次``): the
    bare numbers say nothing of each other; a unit with a magnitude (``万元``, ``万人``) is its unit's.
    An unknown unit (``分``) says nothing either way: False."""
    return (known(unit) or known(_magnitudes(unit)[1])) and not comparable(unit, to)


def comparable(a: str, b: str) -> bool:
    """Whether numbers in units ``a`` and ``b`` can be compared: a missing unit matches any, and so
    does a bare magnitude (``180万`` against ``≤200万元``: 万 of the target's unit)."""
    if not a or not b or a == b:
        return True
    ba, bb = canonical(a)[0], canonical(b)[0]
    return ba == bb or not ba or not bb


def _months(factor: float) -> int:
    """How many months a time unit of ``factor`` days is (月 1, 季度 3), or 0 for any other."""
    n = round(factor / _MONTH)
    return n if n in (1, 3) and math.isclose(factor, n * _MONTH) else 0


def convert(x: float, unit: str, to: str) -> float:
    """``x`` in ``unit`` expressed in ``to``; unchanged when the two are not :func:`comparable`."""
    if not unit or not to or unit == to:
        return x
    (base, f), (to_base, to_f) = canonical(unit), canonical(to)
    if base != to_base and base and to_base:
        return x
    if base == "天" and ((_months(f) and to_f < 28) or (_months(to_f) and f < 28)):
        # months against days, weeks or hours: a month is 30 days, as a time limit counts it (``1个月``
        # meets ``≤30天``, ``6个月`` is ``180天``); against a year it stays a twelfth (12个月 is 1年)
        f, to_f = 30 * _months(f) or f, 30 * _months(to_f) or to_f
    # to twelve figures, so that 3公顷 is 45亩 and not 45.00000000000001 (亩 is 666.66… 平方米)
    return float(f"{x * f / to_f:.12g}")

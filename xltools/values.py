"""Parsing of indicator targets and actual values as people really write them.

A target cell may hold ``≥80%``, ``>=80%``, ``≥ 80 %``, ``不低于80%``, ``≤30天``, ``=100%``,
``1100人``, ``1,100``, ``30个``, full-width ``＞＝８０％``, ``90%以上``, a bare number (the operator
and unit in their own columns), a fraction ``0.96`` for 96% (a cell formatted as percent), or a
word (``达到预期``, ``满意``). One function, :func:`parse_value`, turns any of those into a
:class:`Value`; it never raises, because a cell we cannot understand is a finding, not a crash.

Percent scale: numbers keep the scale they were written in (``96%`` → 96, unit ``%``).  A bare
number in a percent context is ambiguous (0.96 or 96?); :func:`percent_scale` resolves it against
the other value of the pair (see its docstring), which is the choice a reviewer would make.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

from . import units

#: Canonical operators. ``>`` and ``<`` are kept apart from ``≥``/``≤`` for display; scoring
#: treats them alike (domain.md §5).
OPERATORS = ("≥", ">", "=", "<", "≤")

# Longest spellings first so that ``>=`` wins over ``>``.
_SYMBOLS = [
    (">=", "≥"), ("=>", "≥"), ("≥", "≥"), ("≧", "≥"), ("⩾", "≥"),
    ("<=", "≤"), ("=<", "≤"), ("≤", "≤"), ("≦", "≤"), ("⩽", "≤"),
    (">", ">"), ("<", "<"), ("=", "="), ("≈", "="),
]
_PREFIX_WORDS = [
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("控制在", "≤"), ("低于", "<"), ("少于", "<"), ("小于", "<"),
    ("等于", "="), ("达到", "≥"), ("完成", "="),
]
_SUFFIX_WORDS = [
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"),
]
#: Direction column words (指标性质 / 运算符号 / 指标方向) → operator; ``None`` means qualitative.
DIRECTION_WORDS: dict[str, str | None] = {
    "正向": "≥", "正向指标": "≥", "越大越好": "≥", "反向": "≤", "反向指标": "≤",
    "越小越好": "≤", "定性": None, "定性指标": None, "定量": "=", "定量指标": "=",
    "定量(其他)": "=", "定量（其他）": "=", "其他": "=",
}
_NONE_TEXT = {"", "-", "--", "—", "——", "–", "/", "\\", "无", "n/a", "na", "null", "none", "暂无", "…"}
# A word prefix (不低于), then/or a symbol prefix (≥), longest spelling first.
_WORD_OP = dict(_PREFIX_WORDS)
_SYMBOL_OP = dict(_SYMBOLS)
_PREFIX = re.compile(
    "(" + "|".join(re.escape(w) for w, _ in _PREFIX_WORDS) + ")?"
    "(" + "|".join(re.escape(w) for w, _ in _SYMBOLS) + ")?"
)
_SUFFIX_OP = dict(_SUFFIX_WORDS)
_SUFFIX = re.compile("(?:" + "|".join(re.escape(w) for w, _ in _SUFFIX_WORDS) + ")$")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_MAX_UNIT = 6
#: Words before a number that do not change it (about, in all, so far, actually).
_NEUTRAL = re.compile("(?:约|大约|共计|共|合计|累计|实际|已)+")


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell. ``kind`` is ``number`` (quantitative), ``text`` (qualitative) or ``none``."""

    kind: str
    text: str = ""
    op: str | None = None
    number: float | None = None
    unit: str = ""

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_none(self) -> bool:
        return self.kind == "none"

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def display(self) -> str:
        """The value as a reviewer would write it back (``≥90%``, ``1100人``, ``达到预期``)."""
        if self.kind != "number":
            return self.text
        return f"{self.op or ''}{format_number(self.number)}{self.unit}"


NONE = Value("none")


@lru_cache(maxsize=4096)
def format_number(x: float | None) -> str:
    """``1100.0`` → ``1100``, ``96.5`` → ``96.5``; no float noise like ``0.30000000000000004``."""
    if x is None:
        return ""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=8192)
def normalize_text(s: str) -> str:
    """NFKC (full-width digits, ％, ＞＝, （） become ASCII), no spaces of any width."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(s.split())


def parse_value(raw: object, *, unit: str | None = None, op: str | None = None) -> Value:
    """Parse one target or actual cell; ``unit``/``op`` come from their own columns if any.

    The cell's own operator and unit win over the column's, because people type ``≥90%`` into a
    cell whose neighbouring unit column still says ``%``.
    """
    if (raw is None or raw == "") and op is None:
        return NONE
    try:
        # Values are immutable and the same few cells (``≥95%``, ``100``, ``个``) fill most tables.
        return _parse_cached(raw, raw.__class__, unit, op)
    except TypeError:  # an unhashable value
        return _parse(raw, unit, op)


@lru_cache(maxsize=8192)
def _parse_cached(raw: object, _type: type, unit: str | None, op: str | None) -> Value:
    return _parse(raw, unit, op)  # _type keeps 1, 1.0 and True apart


def _parse(raw: object, unit: str | None, op: str | None) -> Value:
    col_unit = normalize_text(unit) if isinstance(unit, str) else ""
    if col_unit in _NONE_TEXT:
        col_unit = ""
    col_op = parse_direction(op) if op is not None else None
    if raw is None or isinstance(raw, bool):
        return NONE if raw is None else Value("text", text=str(raw))
    if isinstance(raw, int | float):
        x = float(raw)
        if not math.isfinite(x):
            return Value("text", text=str(raw))
        return Value("number", text=format_number(x), op=col_op, number=x, unit=col_unit)
    if isinstance(raw, datetime | date | time):
        return Value("text", text=raw.isoformat())
    text = normalize_text(str(raw))
    if text.lower() in _NONE_TEXT:
        return NONE
    return _parse_text(text, col_unit, col_op)


@lru_cache(maxsize=4096)
def _parse_text(text: str, col_unit: str, col_op: str | None) -> Value:
    # Cached: the same few spellings (``≥95%``, ``100%``, ``达到预期``) fill most tables.
    start = _NEUTRAL.match(text)  # ``约120家``, ``累计完成120家``: the number is still 120家
    m = _PREFIX.match(text, start.end() if start else 0)  # always matches, possibly empty
    word, symbol = m.group(1), m.group(2)
    op = _SYMBOL_OP[symbol] if symbol else (_WORD_OP[word] if word else None)
    rest = text[m.end():]
    m = _NUMBER.match(rest)
    if m is None:
        return Value("text", text=text)
    number = float(m.group().replace(",", ""))
    tail = rest[m.end():]
    m = _SUFFIX.search(tail)
    if m:
        op = op or _SUFFIX_OP[m.group()]
        tail = tail[: m.start()]
    tail = tail.strip("()[]")
    if tail.startswith("%"):
        unit = "%"
        if units.clean(tail[1:]):
            return Value("text", text=text)
    else:
        unit = units.clean(tail)  # ``120余家``, ``120家(含线上)`` count 家
    if len(unit) > _MAX_UNIT or (any(ch.isdigit() for ch in unit) and not units.known(unit)):
        # ``2024年12月底前完成``, ``1-6月``: a date or a sentence, not a measurable value.
        return Value("text", text=text)
    return Value("number", text=text, op=op or col_op, number=number, unit=unit or col_unit)


def parse_direction(raw: object) -> str | None:
    """A 指标性质/运算符号 cell → operator, or ``None`` (qualitative or unknown)."""
    if not isinstance(raw, str):
        return None
    text = normalize_text(raw)
    if text in DIRECTION_WORDS:
        return DIRECTION_WORDS[text]
    for spelling, sym in _SYMBOLS:
        if text == spelling:
            return sym
    for spelling, sym in _PREFIX_WORDS:
        if text == spelling:
            return sym
    return None


def is_qualitative_direction(raw: object) -> bool:
    return isinstance(raw, str) and normalize_text(raw).startswith("定性")


def unit_from_name(name: str) -> str:
    """The unit in an indicator name's trailing brackets: ``参会代表人数（人）`` → ``人``."""
    text = normalize_text(name)
    if text.endswith(")") and "(" in text:
        inner = text[text.rindex("(") + 1 : -1]
        if 0 < len(inner) <= _MAX_UNIT and not any(ch.isdigit() for ch in inner):
            return inner
    return ""


def percent_scale(x: float, reference: float | None, *, explicit_percent: bool) -> float:
    """Bring a bare number onto the percent scale of its counterpart.

    A cell formatted as a percentage stores 0.96 for 96%; a person may also type 96. When the
    value carried no ``%`` sign and lies within [-1.5, 1.5], we take the reading (``x`` or
    ``100·x``) that lies closer, by ratio, to the reference value of the pair (the target for an
    actual, the actual for a target); without a reference, a bare number ≤ 1 is a fraction.
    """
    if explicit_percent or abs(x) > 1.5 or x == 0:
        return x
    if reference is None or reference == 0:
        return x * 100 if abs(x) <= 1 else x
    ref = abs(reference)
    as_is = abs(math.log(abs(x) / ref))
    scaled = abs(math.log(abs(x) * 100 / ref))
    return x * 100 if scaled < as_is else x

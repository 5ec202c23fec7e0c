"""Parsing of indicator targets and actual values as people really write them.

A target cell may hold ``≥80%``, ``>=80%``, ``≥ 80 %``, ``不低于80%``, ``≤30天``, ``=100%``,
``1100人``, ``1,100``, ``30个``, full-width ``＞＝８０％``, ``90%以上``, ``5个工作日内``, ``全年12次``,
``每月1次``, ``≥100百分比``, ``95%-100%``, a band ``±10%``, a count to stay at zero in words (``零投诉``,
``无重大安全事故``), a bare number (the operator and unit in their own columns), a fraction
``0.96`` for 96% (a cell formatted as percent), or a word (``达到预期``, ``满意``). One function, :func:`parse_value`, turns any of those into a
:class:`Value`; it never raises, because a cell we cannot understand is a finding, not a crash.

Percent scale: numbers keep the scale they were written in (``96%`` → 96, unit ``%``).  A bare
number in a percent context is ambiguous (0.96 or 96?); :func:`percent_scale` resolves it against
the other value of the pair (see its docstring), which is the choice a reviewer would make.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from . import units

#: Canonical operators. ``>`` and ``<`` are kept apart from ``≥``/``≤`` for display; scoring
#: treats them alike (domain.md §5).
OPERATORS = ("≥", ">", "=", "<", "≤")
#: The direction of a band either side of zero, in a 指标性质 column as in a value (``±10%``).
BAND_SIGN = "±"

# Longest spellings first so that ``>=`` wins over ``>``.
_SYMBOLS = [
    (">=", "≥"), ("=>", "≥"), ("≥", "≥"), ("≧", "≥"), ("⩾", "≥"),
    ("<=", "≤"), ("=<", "≤"), ("≤", "≤"), ("≦", "≤"), ("⩽", "≤"),
    (">", ">"), ("<", "<"), ("=", "="), ("≈", "="), ("≮", "≥"), ("≯", "≤"),  # not less / not more than
]
_PREFIX_WORDS = [
    ("大于或等于", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"),
    ("至少", "≥"), ("超过", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
    ("小于或等于", "≤"), ("小于等于", "≤"), ("不高于", "≤"), ("不超过", "≤"), ("不多于", "≤"),
    ("不大于", "≤"), ("控制在", "≤"), ("低于", "<"), ("少于", "<"), ("小于", "<"),
    ("等于", "="), ("达到", "≥"), ("完成", "="),
    ("不得低于", "≥"), ("不得少于", "≥"), ("最少", "≥"), ("不得超过", "≤"), ("不得高于", "≤"), ("最多", "≤"),
    ("超", ">"),  # ``超1000人``, as 超过 (after it: ``超过`` is matched whole)
]
#: After the unit: ``95%以上``, ``100万元以内``, and the 时效 targets ``5个工作日内``, ``30天之内``.
_SUFFIX_WORDS = [
    ("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("之内", "≤"), ("内", "≤"),
    ("+", "≥"),  # ``1万+``, ``120+``
]
#: Direction column words (指标性质 / 运算符号 / 指标方向) → operator; ``None`` means qualitative.
DIRECTION_WORDS: dict[str, str | None] = {
    "正向": "≥", "正向指标": "≥", "越大越好": "≥", "反向": "≤", "反向指标": "≤",
    "越小越好": "≤", "定性": None, "定性指标": None, "定量": "=", "定量指标": "=",
    "定量(其他)": "=", "定量（其他）": "=", "其他": "=",
    # a direction column's other words (以上 of ``≥``, a one-character 正/反, a ceiling's 上限)
    "以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "正": "≥", "反": "≤", "越高越好": "≥", "越多越好": "≥",
    "越低越好": "≤", "越少越好": "≤", "上限": "≤", "下限": "≥", "上限指标": "≤", "下限指标": "≥",
}
#: Cell texts that stand for nothing (a dash, a slash, 无 …), lower-cased.
NONE_TEXT = frozenset(("", "-", "--", "—", "——", "–", "/", "\\", "无", "n/a", "na", "null", "none", "暂无", "…"))
#: A template's fill-in prompt left in a cell (``（填写项目全称）``, ``请填写``, ``填写实际完成值``): nothing
#: filled in. A prompt names what is to be written, or says 请; ``填写完整`` (a result) is none.
_PROMPT = re.compile(r"[(\[【]?(?:请(?:在此|在本栏)?(?:填写|填报|填入|输入|录入|选择)|(?:填写|填报|填入|输入|录入)"
                     r"(?:本|该)?(?:项目|实际|年度|指标|完成|具体|部门|单位|主管|实施|金额|数值|名称|全称|内容))"
                     r"[^,;。]{0,16}?[)\]】]?[。.]?")


def is_prompt(text: str) -> bool:
    """Whether ``text`` (normalized) is a template's fill-in prompt: see :data:`_PROMPT`."""
    return len(text) <= 24 and _PROMPT.fullmatch(text) is not None


#: What is written for what does not apply to the project: an expert's cell of a row with nothing to
#: judge (no 政府采购), which is left out of the total (TableRules.not_applicable), not scored 0; an
#: amount of a source of funds the project has none of.
NOT_APPLICABLE = frozenset(("不适用", "不涉及", "无此项", "本项目不涉及", "不适用本项目", "不考核", "不评价"))


def says_not_applicable(text: str) -> str:
    """The :data:`NOT_APPLICABLE` word a cell says (``（不适用）``, ``不涉及。``), or ""."""
    said = normalize_text(text).strip("()。.")
    return said if said in NOT_APPLICABLE else ""


# A word prefix (不低于), then/or a symbol prefix (≥), longest spelling first.
_WORD_OP = dict(_PREFIX_WORDS)
#: Every spelling of an operator before a number, symbols and words.
_OPERATOR_SPELLINGS = [w for w, _ in _SYMBOLS + _PREFIX_WORDS]
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
_ABOUT = "约|大约|共计|共|合计|累计|实际|已|全年|年度|年内|发生"
_NEUTRAL = re.compile(f"(?:{_ABOUT})+"
                      # the rate named before its value: ``覆盖率100%``, ``群众满意率为95%``
                      "|(?:[\u4e00-\u9fff]{1,10}?率|[\u4e00-\u9fff]{0,10}?(?:满意度|知晓度|认可度|参与度|完成度|进度))"
                      "(?:为|是|:)?(?=[0-9.])")
#: A count that is to stay at zero, in words — ``零投诉``, ``无重大安全事故``, ``杜绝安全事故``,
#: ``未发生安全事故``: the number 0 (a target of 0 is met by 0 only, as ``≤0起`` is).
_INCIDENT_WORDS = "事故|投诉|差错|违规|违纪|伤亡|失误|故障|事件|案件"
_ZERO = re.compile("(?:全年|年内|全年度|本年度|年度内|当年|项目实施期间|实施期内)?"  # ``全年无事故``: when, first
                   "(?:零|无|杜绝|未发生|没有发生|未出现|不发生|不出现)(?:重特大|重大|较大|严重)?.{0,8}?"
                   f"(?:{_INCIDENT_WORDS})(?:发生)?")
#: An indicator that counts incidents (``重大安全事故发生次数``, ``违规使用资金情况``): its target of
#: ``无`` is 0, not a blank cell.
INCIDENTS = re.compile(_INCIDENT_WORDS)
#: A rate between a bound and 100 % (``95%-100%``, ``95~100%``, ``95%至100%``): at least the bound.
_UP_TO_FULL = re.compile(r"([0-9]{1,2}(?:\.[0-9]{1,4})?)%?(?:-|~|至|到)100(?:\.0+)?%")
#: A cell saying that nothing happened, or is to happen: ``无`` beside a zero target is 0, not blank;
#: and a target of ``无`` (``不发生``) met by ``无`` (``未发生``) is a target of 0 met by 0, as ``零投诉`` is.
ZERO_WORDS = frozenset(("无", "零", "没有", "未发生", "无发生", "不发生", "没有发生", "未出现", "不出现", "杜绝"))
#: A change against a base, before its size: ``较上年增长10%``, ``同比下降5%``, ``比2022年提高2个百分点``,
#: ``增加≥10家``, ``降幅5%以内``. Its verb says which way the project is to move the measure, so a
#: target without a bound in its cell is met by a change that size or more that way (recognize
#: gives it ≥, whatever the 指标性质 column says of the measure: 投诉次数「反向」下降5% is still a
#: fall of 5 % at least). ``提高到95%`` (提高至) is a level, not a change, and is not matched.
_CHANGE = re.compile("(?:(?:较|比|与|对比)(?:上一?年度?|去年|上年同期|去年同期|(?:19|20)[0-9]{2}年度?|基期|基准年|往年)"
                     "(?:相比|同期)?|同比|环比)?"
                     "(增长|增加|提高|提升|上升|增幅|下降|降低|减少|压减|缩减|减低|降幅|减幅)(?:了|幅度)?"
                     # what changes, named between the verb and its size (``降低成本10%``, ``减少投诉20%``) —
                     # not a level reached (``提高至95%``, ``增加到120家``: 至, 到 end no object)
                     "(?:达到|达|为|(?!不|达|为)([\u4e00-\u9fff]{1,8}?)(?=[0-9]|≥|≤|>|<|不低于|不少于|不超过|不高于))?")
_CHANGE_SIGN = {w: -1 if w[0] in "下降减压缩" else 1
                for w in ("增长", "增加", "提高", "提升", "上升", "增幅", "下降", "降低", "减少", "压减", "缩减", "减低",
                          "降幅", "减幅")}
_CHANGE_IN_NAME = re.compile("|".join(_CHANGE_SIGN))


#: A verb before an amount that names the measure itself when the indicator's name says it too:
#: a saving (``共节约资金8万元``, ``节约4.8%``) of 采购节约资金 or 成本节约率, what is new (``新增8家``,
#: ``新增就业岗位80个``) of 新增合作机构数量. The savings' words stand for one another.
_OWN_AMOUNT = re.compile("(?:共|累计|合计|全年|实际|已)?(?P<verb>节约|节省|结余|新增)了?")
_SAVINGS = ("节约", "节省", "结余")


def own_amount(value: Value, name: str, target: Value, unit: str = "") -> Value:
    """An actual that says its amount with the verb of its indicator's name — ``节约资金8万元`` of
    采购节约资金, ``新增8家`` of 新增合作机构数量 — is that amount (8万元, 8家), in the target's unit.
    Read as a sentence, the verb made it a word (full marks; 增 and 节约 say a difference elsewhere,
    see number_in), or a saving from the target (10 − 8 = 2万元 of ``≥10万元``: 2 of 10 points); and
    ``新增8家，累计达到25家`` was the 25 in all. Of any other measure the sentence stays one: ``节约8万元``
    of 项目成本 ``≤100万元`` is 92万元 (values.relative_to_target)."""
    if value.kind != "text" or not target.is_number:
        return value
    text = normalize_text(value.text)
    m = _OWN_AMOUNT.match(text)
    if m is None or not (m["verb"] in name or (m["verb"] in _SAVINGS and any(w in name for w in _SAVINGS))):
        return value
    # its first clause (``新增8家，累计达到25家``), else one naming the rate (``节约12万元，节约率4%`` of 节约率)
    for k, clause in enumerate(_REMARK_AFTER.split(text[m.end():])):
        v = parse_value(clause, unit=unit) if clause else NONE
        if k == 0 and clause and not v.is_number:  # ``资金8万元``: the one number after what it is of
            v = number_in(clause) or v
        if v.is_number and v.op is None and not v.change and units.comparable(v.unit, target.unit):
            return replace(v, text=value.text)
    return value


def change_way(name: str) -> int:
    """Which way a measure named as a change goes: +1 for ``营业收入增长率``, −1 for ``成本下降率``,
    0 for a level (``参展企业数量``). Such a measure's value is the change's size, and an actual
    written as one (``增长8%``) is it that way: ``下降2%`` of a 增长率 is −2 %."""
    m = _CHANGE_IN_NAME.search(name)
    return _CHANGE_SIGN[m.group()] if m else 0


#: A frequency before the number, as ``≥1次/月`` is written after it: ``每月1次``, ``每个月2次``,
#: ``每半年1次``, ``按季度开展1次``, ``每两个月一次``, ``一年4次``, ``年均4次``; a period with no 每
#: only when its count follows at once (``季度1次``, ``半年一次``): ``季报4期`` is four reports a year.
_PER = re.compile("(?:平均)?(?:每|按)个?(半年|季度|半个?月|两个?月|双月|年度?|季|月度?|周|星期|天|日)"
                  "|(半年|季度|月度)(?=[0-9一二两三四五六七八九十])|一年|年(?:均|平均)"  # not 一季度: the first quarter
                  "|(月|季|周|日)(?:均|平均)")  # 月均1次: once a month on average
#: The period of a frequency as units.py names it (次/月, 次/两月 …).
_PERIOD_NAMES = {"年度": "年", "月度": "月", "半个月": "半月", "两个月": "两月", "双月": "两月", "星期": "周"}


def _period(per: re.Match[str]) -> str:
    """The period a frequency counts per: ``每季度`` → 季度, ``月度`` → 月, ``一年``/``年均`` → 年."""
    p = per.group(1) or per.group(2) or per.group(3) or "年"
    return _PERIOD_NAMES.get(p, p)


@dataclass(frozen=True, slots=True)
class Value:
    """A parsed cell. ``kind`` is ``number`` (quantitative), ``text`` (qualitative), ``date``
    (a deadline or a completion date: ``when`` holds it) or ``none``."""

    kind: str
    text: str = ""
    op: str | None = None
    number: float | None = None  # for a date cell: its Excel serial (a date typed as text has none)
    unit: str = ""
    #: a date as (year, month, day); 0 for what the text leaves open (``12月底前`` has no year,
    #: ``2023年12月`` no day), so that it is compared only as precisely as it was written
    when: tuple[int, int, int] | None = None
    #: A band either side of zero (``±10%``, 成本控制率 or a 偏差率): ``op`` is ≤ and the number is
    #: the band's half-width; an actual meets it by its size, whatever its sign.
    band: bool = False
    #: A change against a base (``较上年增长10%``, ``同比下降5%``, ``增加≥10家``): +1 a rise, −1 a
    #: fall, the number its size; 0 for a level. scoring.aligned signs an actual against it.
    change: int = 0
    #: The cell stored a number, not text: Excel has already made of what was typed what it shows
    #: (``2023.10`` → 2023.1, :func:`october_reading`). Not part of the value: ``95`` typed as text
    #: and as a number are equal.
    stored_number: bool = field(default=False, compare=False)

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
        shown = f"{BAND_SIGN if self.band else self.op or ''}{format_number(self.number)}{self.unit}"
        return f"{change_word(self.change)}{shown}" if self.change else shown


def percent_unit_pair(a: Value, b: Value) -> bool:
    """One value in ‰ or 倍 and the other in %: converted as units (``0.8%`` of ≤5‰ is 8‰, ``250%``
    of ≥2倍 is 2.5倍), not put on the percent scale, where 5‰ was read as 5 % and 2.5倍 as 2.5 %."""
    return a.unit != b.unit and {a.unit, b.unit} in ({"‰", "%"}, {"倍", "%"})


def toward(target: Value, actual: Value) -> Value:
    """``actual`` as a change the ``target``'s way: ``下降3%`` against a rise of 10 % is a rise of −3 %
    (scoring.aligned compares it so, and a template is poured it so); anything else as it is."""
    if target.change and actual.change and actual.change != target.change and actual.number is not None:
        return replace(actual, number=-actual.number, change=target.change)
    return actual


def change_word(sign: int) -> str:
    """How a change of that sign is written back: 增长 (a rise), 下降 (a fall)."""
    return "增长" if sign > 0 else "下降"


NONE = Value("none")


@lru_cache(maxsize=4096)
def format_number(x: float | None) -> str:
    """``1100.0`` → ``1100``, ``96.5`` → ``96.5``; no float noise like ``0.30000000000000004``."""
    if x is None:
        return ""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


#: The percent sign spelt out, as some budget systems write the unit (``≥100百分比``, a 度量单位 of
#: ``百分比``); 百分点 (percentage points, a difference of rates) is a unit of its own.
_PERCENT_WORDS = ("百分比", "百分率")


#: Characters that show nothing — zero-width spaces and joiners, a byte-order mark, a soft hyphen —
#: which text pasted from web pages and chat carries: ``120家`` + U+200B was a unit 家​ (A316).
INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=8192)
def normalize_text(s: str) -> str:
    """NFKC (full-width digits, ％, ＞＝, （） become ASCII), no spaces of any width, nothing invisible."""
    s = unicodedata.normalize("NFKC", s).translate(INVISIBLE)
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
    if op.__class__ is str and op.strip() == BAND_SIGN:  # 指标性质「±」 beside 10 (%): a band (Value.band)
        v = _parse(raw, unit, None)
        return replace(v, op="≤", band=True) if v.is_number and not v.band else v
    col_unit = normalize_text(unit) if isinstance(unit, str) else ""
    if "/" in col_unit:  # ``元/人·年``: ``元/人/年``, as in a value (units.clean)
        col_unit = units.per_product(col_unit)
    if col_unit in NONE_TEXT:
        col_unit = ""
    elif col_unit in _PERCENT_WORDS:
        col_unit = "%"
    col_op = bound_of(op) if op is not None else None
    if raw is None or isinstance(raw, bool):
        return NONE if raw is None else Value("text", text=str(raw))
    if isinstance(raw, int | float):
        x = float(raw)
        if not math.isfinite(x):
            return Value("text", text=str(raw))
        return Value("number", text=format_number(x), op=col_op, number=x, unit=col_unit, stored_number=True)
    if isinstance(raw, datetime | date):  # a date cell: calamine gives the date its format shows
        return Value("date", text=f"{raw.year}年{raw.month}月{raw.day}日", op=col_op, number=excel_serial(raw),
                     when=(raw.year, raw.month, raw.day))
    if isinstance(raw, time):
        return Value("text", text=raw.isoformat())
    text = normalize_text(str(raw))
    if text.lower() in NONE_TEXT:
        return NONE
    return _parse_text(text, col_unit, col_op)


@lru_cache(maxsize=4096)
def _parse_text(text: str, col_unit: str, col_op: str | None) -> Value:
    # Cached: the same few spellings (``≥95%``, ``100%``, ``达到预期``) fill most tables.
    dated = parse_date(text, col_op)
    if dated is not None:
        return dated
    if "半" in text and (halves := _halves(text)) != text:  # ``一年半``, ``2个半月``, ``半个月``: 1.5年, 2.5个月, 0.5个月
        return replace(_parse_text(halves, col_unit, col_op), text=text)
    if _ZERO.fullmatch(text):
        return Value("number", text=text, op=col_op, number=0.0, unit=col_unit)
    band = _UP_TO_FULL.fullmatch(text)
    if band:  # ``95%-100%``: at least the lower bound, since a rate cannot pass 100%
        return Value("number", text=text, op="≥", number=float(band[1]), unit="%")
    if BAND_SIGN in text or "正负" in text:
        return _band(text, col_unit)
    start = _NEUTRAL.match(text)  # ``约120家``, ``全年累计完成120家``: the number is still 120家
    change = _CHANGE.match(text) or (_CHANGE.match(text, start.end()) if start else None)  # (提高覆盖率5个百分点)
    if change is not None and not (change[2] or "").endswith(("至", "到", "达到", "达", "为")):
        # ``较上年增长10%``, ``全年增长10%``: its size, and which way (the cell's bound only, see _CHANGE)
        v = _parse_text(text[change.end():], col_unit, None)
        if v.kind == "number" and not v.band and not v.change:
            return replace(v, text=text, change=_CHANGE_SIGN[change[1]])
    per = _PER.match(text, start.end() if start else 0)
    m = _PREFIX.match(text, per.end() if per else start.end() if start else 0)  # always matches, possibly empty
    word, symbol = m.group(1), m.group(2)
    op = _SYMBOL_OP[symbol] if symbol else (_WORD_OP[word] if word else None)
    rest = text[m.end():]
    money = _CURRENCY.match(rest)  # ``¥1,005,000``, ``≤￥100万``, ``人民币50万元``: an amount of money
    if money is not None:
        rest = rest[money.end():]
    m = _NUMBER.match(rest)
    if m is None and money is not None:
        return Value("text", text=text)
    if m is None and (share := _spelt_share(rest, op is not None)):
        # ``≥百分之九十五``, ``不低于百分之95``, ``九成以上``, ``≥八成``: as ``≥95%``, ``90%以上``
        digits = _parse_text(f"{text[: len(text) - len(rest)]}{share[0]}%{rest[share[1]:]}", col_unit, col_op)
        if digits.is_percent and (op or digits.op):
            return replace(digits, text=text)
        return Value("text", text=text) if op else _labelled(text, col_unit, col_op)
    if m is None and (cn := _CN_RUN.match(rest)) and (n := _cn_int(cn.group())) is not None:
        # ``每月一次``, ``每季度两次``, ``不少于两次``, ``≥一百人``, ``三个月内``: as ``每月1次``, ``≥100人``,
        # ``3个月内`` (words, they met any target) — in a unit that counts (``达到一流水平`` is no
        # 1流水平), and bounded or per a period (a bare ``两个确保`` stays words)
        digits = _parse_text(f"{text[: len(text) - len(rest)]}{n}{rest[cn.end():]}", col_unit, col_op)
        if (per or op or digits.op) and _counted(digits):
            return replace(digits, text=text)
        return Value("text", text=text) if per or op else _labelled(text, col_unit, col_op)
    if m is None:
        return _labelled(text, col_unit, col_op)
    number = float(m.group().replace(",", ""))
    if not math.isfinite(number):  # four hundred digits: not a measurable value
        return Value("text", text=text)
    end = m.end()
    ratio = _RATIO_TERM.match(rest, end)
    if ratio is not None:  # ``1:1.2`` (配套比例), ``≥3:1``: the term that is not the 1
        other = float(ratio[1])
        if 1 not in (number, other):  # ``2:3``, or a time ``8:30``: no one reading
            return Value("text", text=text)
        number, end = other if number == 1 else number, ratio.end()
    tail = _REMARK_AFTER.split(rest[end:], 1)[0]  # ``80人，未达标``: what follows a comma is a remark
    tail = tail.removesuffix("完成")  # ``5日内完成``, ``100%以上完成``: the word after says nothing
    if tail.endswith(")") and not tail.startswith("(") and not (bare := TRAILING_REMARK.sub("", tail)).endswith("/"):
        tail = bare  # ``5000万元以上（含）``: a remark after the suffix (``元/(人·年)``: the unit's own brackets)
    base, slash, per_unit = tail.partition("/")  # ``1000人次以上/年``: the bound is the count's
    m = _SUFFIX.search(base)
    if m:  # ``完成24场以上``: the bound after the number says more than 完成 before it
        op = _SUFFIX_OP[m.group()] if op is None or (word in ("完成", "达到") and not symbol) else op
        tail = base[: m.start()] + slash + per_unit
    tail = tail.strip("()[]") if "/(" not in tail else tail.lstrip("([")
    spelt = next((w for w in _PERCENT_WORDS if tail.startswith(w)), None)
    if spelt:  # ``≥100百分比``: systems that spell the unit out
        tail = "%" + tail[len(spelt):]
    if tail.startswith("%"):
        unit = "%"
        if units.clean(tail[1:]):
            return Value("text", text=text)
    else:
        unit = units.clean(tail)  # ``120余家``, ``120家(含线上)`` count 家
    if per:
        if not unit or unit == "%":
            return Value("text", text=text)
        unit = f"{unit}/{_period(per)}"
    if money is not None:  # in 元 unless a money unit follows (``¥100万`` is 100万元); ``¥100人`` is no amount
        unit = _MONEY_UNITS.get(unit)
        if unit is None:
            return Value("text", text=text)
    if len(unit) > _MAX_UNIT or (any(ch.isdigit() for ch in unit) and not units.known(unit)):
        # ``2024年12月底前完成``, ``1-6月``: a date or a sentence, not a measurable value.
        return Value("text", text=text)
    return Value("number", text=text, op=op or col_op, number=number, unit=unit or col_unit)


#: The second term of a ratio (``1:1.2``, ``≥1:1``, ``3:1``; NFKC has made ``：`` ASCII). A ratio is
#: written against a 1, and the other term is its size: ``1:0.8`` of ``≥1:1`` (配套资金比例) is 0.8 of
#: 1, ``1:18`` of ``≤1:15`` (师生比) 18 of 15, ``3:1`` of ``≥2:1`` 3 of 2. Before, the colon began a
#: remark and every ``1:x`` was 1: always met.
_RATIO_TERM = re.compile(r":([0-9]+(?:\.[0-9]+)?)(?![0-9.:])")
#: A currency mark before an amount (NFKC has made ``￥`` the ``¥`` of the yen, the same sign).
_CURRENCY = re.compile("¥|RMB|人民币")
#: The units an amount after a currency mark may be in; none written is 元.
_MONEY_UNITS = {"": "元", "元": "元", "万": "万元", "万元": "万元", "亿": "亿元", "亿元": "亿元", "千元": "千元"}
#: A bracketed remark closing a cell (NFKC has made （） ASCII): ``（含）``, a number's ``（扣1.2分）``.
TRAILING_REMARK = re.compile(r"\([^()]*\)$")
#: Where a value ends and a remark begins (NFKC has made ，；： ASCII).
_REMARK_AFTER = re.compile("[,;:。、]")
#: What the indicator is, named before its bounded value: ``满意度≥90%``, ``服务对象满意度不低于90%``,
#: ``培训人次≥500人次``, ``满意度达90%以上`` — the label, up to an operator or a number with one after it.
_LABEL = re.compile("[\u4e00-\u9fff]{1,20}?(?=(?:" + "|".join(map(re.escape, _OPERATOR_SPELLINGS)) + ")?[0-9])")


def _counted(v: Value) -> bool:
    """A frequency spelt in Chinese (``每月一次``) is one only in a unit that counts (次, 场, 期…):
    ``每季度一般开会`` is no 1般 a quarter."""
    return v.is_number and units.known(units.canonical(v.unit.partition("/")[0])[0])


def _labelled(text: str, col_unit: str, col_op: str | None) -> Value:
    """A value named by its indicator (``满意度≥90%``) is the value, when it has a bound (a
    symbol or word before the number, 以上/以内 after it, or the row's 指标性质) or is a frequency
    (``每季度开展1次`` is 每季度1次): read as a word, any actual met it. Without one (``培训100人``)
    it stays a word: a sentence then, as likely as a measure (``达到国家2级标准``)."""
    per = _PER.match(text)  # ``每季度开展1次``: a frequency (每季度1次) with what is done inside it
    m = _LABEL.match(text, per.end() if per else 0)
    if m is not None and ("超额" in m.group() or "超出" in m.group()):
        return Value("text", text=text)  # ``超额完成20%``: by how much the target was passed (it was 20 %: 2 of 10)
    if m is None and per and (cn := _CN_RUN.search(text, per.end(), per.end() + 8)) \
            and (n := _cn_int(cn.group())) is not None:  # ``每季度召开一次例会``
        v = _labelled(f"{text[: cn.start()]}{n}{text[cn.end():]}", col_unit, col_op)
        return replace(v, text=text) if _counted(v) else Value("text", text=text)
    if m is None:
        return Value("text", text=text)
    if per:
        v = _parse_text(per.group() + text[m.end():], col_unit, None)
        if v.is_number:
            return replace(v, text=text, op=v.op or col_op)
    v = _parse_text(text[m.end():], col_unit, None)  # ``年均增长≥5%``: no frequency of a rate
    if v.is_number and (v.op or col_op):  # bounded by the cell or by its 指标性质 column
        return replace(v, text=text, op=v.op or col_op)
    return Value("text", text=text)


_BAND = re.compile(r"(?:≤|<=|控制在|不超过)?(?:±|\+/-|正负)([0-9]{1,6}(?:\.[0-9]{1,6})?)(%|[^0-9%]{0,4}?)(?:以内|之内|内)?")


def _band(text: str, col_unit: str) -> Value:
    """``±10%``, ``≤±5%``, ``正负10%以内``: a band either side of zero (:attr:`Value.band`)."""
    m = _BAND.fullmatch(text)
    if m is None:
        return Value("text", text=text)
    unit = m[2] or col_unit
    if len(unit) > _MAX_UNIT:
        return Value("text", text=text)
    return Value("number", text=text, op="≤", number=float(m[1]), unit=unit, band=True)


#: Words that make a sentence's number something other than the amount reached: a difference
#: (``提前5天``, ``同比增长10%``), an average or a rate per item, a share of the plan, a rank.
_RELATIVE = re.compile("提前|延期|推迟|延迟|逾期|超|同比|环比|相比|较|增|减|降|提高|提升|缩短|节约|节省|少于|多于"
                       "|低于|高于|不足|未满|平均|人均|每|目标|计划|第|排名|名次|剩余|尚有|还有|差")
#: A bound, which makes a sentence a target (``≥100``, ``不少于80人``): A322's, not a value reached.
_BOUND = re.compile("|".join(re.escape(w) for w in _OPERATOR_SPELLINGS if w not in ("达到", "完成", "等于")))
#: Dates in a sentence, which are not its measurement: ``2023年``, ``12月``, ``12月20日``, ``1-6月``.
_DATE_IN = re.compile(r"(?:19|20)\d\d年度?|(?:\d{1,2}[-~至到—])?\d{1,2}月(?:\d{1,2}[日号])?(?:底|末|份|初)?")
#: A percentage spelt out (``百分之九十五``, ``百分之95``): the number, then ``%``.
_PERCENT_SPELT = re.compile("百分之([零〇一二两三四五六七八九十百]+|[0-9]+(?:\\.[0-9]+)?)")
#: A share in tenths (``八成`` is 80%, ``九成五`` 95%), where a word does not go on (完成, 成效, 建成 have
#: no numeral before 成).
_TENTHS = re.compile("([一二三四五六七八九])成([一二三四五六七八九]?)(?=$|以上|左右|多|[,;。])")
#: A round hundred or thousand without its 一 (``百余家``, ``上百家``, ``逾千人``, ``过百场``, ``千余人``);
#: ``近百家`` (nearly) says less and is left a word.
_ROUND_NUMBER = re.compile("(?<![一二两三四五六七八九十百千近])([百千])(?=余|多)")
_ROUND_OVER = re.compile("[上逾过破达]([百千])(?!分)")
#: Chinese numerals as an actual may spell a count (``十二次``, ``两场``, ``一千二百人``).
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_TENS = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile("[一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*")


def _halves(text: str) -> str:
    """``text`` with its halves of a time as decimals: ``一年半`` → 1.5年, ``2个半月`` → 2.5个月,
    ``半个月`` → 0.5个月, ``半小时`` → 0.5小时. They were read as 1年 and 2个 (the 半 dropped) or as
    words, and met any target. ``上半年`` (a date), ``一半`` and ``半年报`` are left."""
    def n(run: str) -> str:
        return run if run[0].isdigit() else str(_cn_int(run) or run)

    text = _HALF_AFTER.sub(lambda m: f"{n(m[1])}.5{m[2]}", text)
    text = _HALF_COUNTED.sub(lambda m: f"{n(m[1])}.5{'个月' if m[2] == '月' else m[2]}", text)
    return _HALF_ALONE.sub(lambda m: f"0.5{'个月' if m[1] == '月' else m[1]}", text)


#: Halves of a time (:func:`_halves`): after the unit (``一年半``), between 个 and it (``两个半月``), alone (``半个月``).
_HALF_AFTER = re.compile(r"(\d+|[一二两三四五六七八九十]{1,3})(年|天|日|周|小时|个工作日|工作日)半(?![年月天日周时])")
_HALF_COUNTED = re.compile(r"(\d+|[一二两三四五六七八九十]{1,3})个半(月|小时|工作日|星期|季度)")
_HALF_ALONE = re.compile(r"(?<![上下前后每0-9一二两三四五六七八九十多大])半个?(年|月|小时|天|日|工作日|周|星期|季度)"
                         r"(?![度刊报谈]|[0-9一二两三四五六七八九十]*次)")  # (半年一次, 每半年: a frequency)


#: Marks of a box ticked (☑, √, ■ …) and left empty (□, ○) among a printed form's choices.
TICK_MARKS, BOX_MARKS = "☑✓√■●✔▣◉", "□☐○◯"
_MARK = re.compile(f"[{TICK_MARKS}{BOX_MARKS}]")
_CHOICE_PUNCT = " 、，,;；:：\u3000"


def ticked(text: str) -> str | None:
    """The one choice ticked among a printed form's boxes — ``☑达成 □部分达成 □未达成`` (marks
    before the words) or ``达成☑ 部分达成□`` (after them) — as its words; "" when boxes are there
    and none is ticked; None when the text holds no mark, or ticks several. Read as words, the
    whole line was judged by what any choice said (部分 in it: partly, whichever was ticked)."""
    marks = list(_MARK.finditer(text))
    if not marks:
        return None
    body = text.strip(_CHOICE_PUNCT)
    first = body[:1] in TICK_MARKS + BOX_MARKS
    if first:
        ends = [m.start() for m in marks[1:]] + [len(text)]
        options = [(m.group(), text[m.end():end]) for m, end in zip(marks, ends, strict=True)]
    else:
        starts = [0] + [m.end() for m in marks[:-1]]
        options = [(m.group(), text[start:m.start()]) for m, start in zip(marks, starts, strict=True)]
    if not any(words.strip(_CHOICE_PUNCT) for _, words in options):  # ``√`` alone: a tick, no choices
        return None
    chosen = [words.strip(_CHOICE_PUNCT) for mark, words in options if mark in TICK_MARKS]
    chosen = [w for w in chosen if w]
    return chosen[0] if len(chosen) == 1 else "" if not chosen else None


def several_ticked(text: str) -> bool:
    """Whether more than one box of a printed form's choices is ticked (no one choice then)."""
    return sum(text.count(m) for m in TICK_MARKS) > 1


def _cn_int(run: str) -> int | None:
    """``十二`` → 12, ``一千二百`` → 1200, ``两`` → 2; ``None`` for what is no numeral (``十十``)."""
    total, digit, last = 0, None, 10_000
    for ch in run:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # 十四五 (a plan's name), 二三: not one number
            digit = _CN_DIGITS[ch]
        else:
            place = _CN_TENS[ch]
            if place >= last:
                return None
            total += (1 if digit is None else digit) * place
            digit, last = None, place
    return total + (digit or 0)


def _tenths(m: re.Match[str]) -> str:
    """The percentage of a :data:`_TENTHS` match: ``九成`` 90, ``九成五`` 95."""
    return str(_CN_DIGITS[m[1]] * 10 + _CN_DIGITS.get(m[2], 0))


def _spelt_share(rest: str, bounded: bool) -> tuple[str, int] | None:
    """A percentage spelt at the start of ``rest`` — ``百分之九十五`` (``百分之95``, after a bound),
    ``九成``, ``九成五`` — as digits, and where it ends; else None."""
    pc = _PERCENT_SPELT.match(rest) if bounded else None
    if pc is not None:
        n = pc[1] if pc[1][0].isdigit() else _cn_int(pc[1])
        if n is not None:
            return str(n), pc.end()
    tn = _TENTHS.match(rest)
    return (_tenths(tn), tn.end()) if tn else None


@lru_cache(maxsize=4096)
def number_in(text: str) -> Value | None:
    """The one measured number of an actual written as a sentence — ``参展企业80家``, ``满意度85%``,
    ``实际培训80人次``, ``十二次`` — or ``None`` when the sentence holds none, several, or one that
    is not the amount reached (``提前5天完成``, ``同比增长10%``, ``平均每场80人``, ``排名第3``).

    A reviewer reads such a cell by its number: scored as a word (``已完成`` is 达成), 80家 against a
    target of 100家 would take full marks. The caller checks that the unit is the target's."""
    text = normalize_text(text)
    if _RELATIVE.search(text) or _BOUND.search(text):
        return None
    bare = _PERCENT_SPELT.sub(r"\1%", _DATE_IN.sub("", text).replace("百分之百", "100%"))  # ``百分之九十五``: 九十五%
    if "成" in bare:  # ``八成``, ``九成以上``: tenths, as a survey's result is said
        bare = _TENTHS.sub(lambda m: f"{_tenths(m)}%", bare)
    if "百" in bare or "千" in bare:  # ``百余家``, ``上千人``: one hundred, one thousand (余 is "more than")
        bare = _ROUND_NUMBER.sub(r"一\1", _ROUND_OVER.sub(r"一\1", bare))
    found = list(_NUMBER.finditer(bare))
    spelt = not found
    if spelt:  # in Chinese: one numeral, made digits
        runs = [(m, _cn_int(m.group())) for m in _CN_RUN.finditer(bare)]
        if len(runs) != 1 or runs[0][1] is None:
            return None
        m, n = runs[0]
        if bare[m.start() - 1:m.start()] in (".", "-", "+"):  # ``.一场``: no decimal or sign of a digit
            return None
        bare = f"{bare[:m.start()]}{n}{bare[m.end():]}"
        found = list(_NUMBER.finditer(bare))
    if len(found) != 1:
        return None
    v = _parse_text(bare[found[0].start():], "", None)
    if not v.is_number or v.op is not None or v.band:
        return None
    if spelt and v.unit != "%" and not units.known(units.canonical(v.unit)[0]):  # 一般, 统一标准: words, not a count
        return None
    return replace(v, text=text)


#: A fraction, of a rate's target its count over its whole (``48/50``, ``197 / 200``), of a count's
#: what was done over what was planned (``80/100``).
FRACTION = re.compile(r"([0-9]{1,9}(?:\.[0-9]{1,6})?) ?/ ?([0-9]{1,9}(?:\.[0-9]{1,6})?)")


def sentence_number(actual: Value, target: Value, unit: str = "") -> Value | None:
    """:func:`number_in` of a text ``actual``, when the number it finds is in the unit of a
    quantitative ``target`` (or one convertible to it; ``unit`` is the row's 度量单位 cell); against
    a rate, a share written as a fraction (``48/50`` is 96%; not more than the whole), and against
    a count, what was done of what was planned (``80/100`` against ≥100家 is 80家)."""
    if actual.kind != "text" or not target.is_number:
        return None
    m = FRACTION.fullmatch(TRAILING_REMARK.sub("", actual.text))
    if m:
        done, whole = float(m[1]), float(m[2])
        if target.is_percent and 0 <= done <= whole and whole > 0:  # ``48/50`` against ≥95%: a share, 96%
            return Value("number", text=actual.text, number=round(done / whole * 100, 2), unit="%")  # as shown
        if not target.is_percent and whole == target.number:  # ``80/100`` against ≥100家: done of planned
            return Value("number", text=actual.text, number=done, unit=target.unit)
    v = number_in(actual.text)
    if v is None and actual.text.endswith((")", "）")) and (bare := TRAILING_REMARK.sub("", normalize_text(actual.text))):
        # ``满意度95%（满意85%，基本满意10%）``, ``完成80家（计划100家）``: the value, then its breakdown or a
        # remark in brackets (whose 10% was read as the value: 1.11 of 10)
        v = number_in(bare)
        v = replace(v, text=actual.text) if v is not None else None
    unit = target.unit or units.clean(normalize_text(unit))
    if v is None and (avg := _AVERAGE.match(actual.text)) and (target.is_percent or units.canonical(unit)[0] in _TIMES):
        # ``平均12个工作日`` of ``≤15个工作日``: an average time (or rate) is the measure itself, unlike
        # ``平均每场80人`` of a count (number_in's 平均)
        v = number_in(actual.text[avg.end():])
        v = replace(v, text=actual.text) if v is not None else None
    if v is None or not _in_measure(v, unit):  # (``完成20.5公里道路建设``: its unit is 公里)
        return _clauses_number(actual.text, unit)
    return v


#: An average before what it is of: ``平均12个工作日``, ``平均办结时间12天`` (not ``平均每场``).
_AVERAGE = re.compile("平均(?!每)")
#: The measures of a time limit, whose average is its value (units.canonical's bases).
_TIMES = ("天", "工作日")


def _in_measure(v: Value, unit: str) -> bool:
    """Whether a sentence's number ``v`` is the amount of a target in ``unit``: in a unit comparable
    with it, or a score out of 100 against a rate (``调查得分85分`` of ``≥90%``), compared as the bare
    cell ``85分`` is: by its number, with A316 asking for the target's unit. A score under 10 is on
    another scale (``测评4.6分``, of five: on_scale reads it when the scale is written)."""
    if units.comparable(v.unit, unit):
        return True
    return {v.unit, unit} == {"分", "%"} and v.number is not None and v.number >= 10


#: A thousands comma (``1,200人``), which does not end a clause.
THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CLAUSE_END = re.compile("[,;。、]")
#: A clause that states the sum of the others: ``线下800人，线上300人，共1100人``.
_TOTAL_CLAUSE = re.compile("^(?:[\u4e00-\u9fff]{0,6}?)(?:共计|总计|合计|总共|共|累计)")
#: Clauses whose amounts are a subset of what was done, or no count of it (not to be added up).
_NOT_PARTS = re.compile("合格|通过|达标|验收|优秀|结业|获证|满意")
_BEFORE_NUMBER = re.compile("[^0-9]*")


def _clauses_number(text: str, unit: str) -> Value | None:
    """The amount reached, of a sentence of several clauses with numbers, as a reviewer reads it:
    the clauses that are no amount reached (``计划1000人``, ``剩余2个村明年完成``, ``同比增长10%``:
    number_in says so) and the parts after 其中 are set aside; of the rest, in the target's unit,
    the one clause left, or the one stating a total (``共1100人``), or the parts to be added up
    (``线下800人、线上300人``: 1100人) — when every clause with a number is such a part and none is
    dated (``2022年300人`` is another year's). ``None`` when the sentence says no one amount."""
    written, text = text, THOUSANDS_COMMA.sub("", normalize_text(text))
    if "其中" in text:
        text = text[: text.index("其中")]
    clauses = [c for c in _CLAUSE_END.split(text) if any(ch.isdigit() for ch in c)]
    if not clauses:
        return None
    read = [(c, _clause_number(c, unit)) for c in clauses]
    found = [(c, v) for c, v in read if v is not None and v.unit and _in_measure(v, unit)]
    if not found:
        return None
    totals = [v for c, v in found if _TOTAL_CLAUSE.match(c)]
    if len(totals) == 1 or len(found) == 1:
        return replace(totals[0] if len(totals) == 1 else found[0][1], text=written)
    bases = {units.canonical(units.clean(v.unit)) for _, v in found}
    if totals or len(found) != len(read) or len(bases) != 1 or _DATE_IN.search(text) \
            or any(_NOT_PARTS.search(_BEFORE_NUMBER.match(c)[0]) for c, _ in found):  # type: ignore[index]
        return None
    first = found[0][1]
    return replace(first, text=written, number=round(sum(v.number for _, v in found), 9))  # type: ignore[misc]


def _clause_number(clause: str, unit: str) -> Value | None:
    """:func:`number_in` of one clause, or, when that finds no number in ``unit``, the clause's one
    number written in it among others in other units: ``举办3期培训班共培训520人次`` (520人次 of 3期),
    ``覆盖12个村共215户``, ``完成5个村20.5公里道路建设``. Read as words, any of them took full marks."""
    v = number_in(clause)
    if v is not None and v.unit and _in_measure(v, unit):
        return v
    return _in_unit(clause, unit) or v


_RANGE_IN = re.compile(r"[0-9.]\s*(?:-|~|至|到|—)\s*[0-9.]")


def _in_unit(clause: str, unit: str) -> Value | None:
    """The one number of ``clause`` followed by ``unit`` (or a unit convertible to it: 公里 of 米,
    万人 of 人), when no word makes it something other than an amount reached (see number_in): in
    the whole clause (``到位500万元（100%）`` of a rate: its remark says it), else without a closing
    remark (``215户（含脱贫户20户）``: the remark is a part)."""
    text = normalize_text(clause)
    if not unit or _RELATIVE.search(text) or _BOUND.search(text):
        return None
    base = units.canonical(unit)[0]
    for written in dict.fromkeys((text, TRAILING_REMARK.sub("", text))):
        bare = _DATE_IN.sub("", written)
        if _RANGE_IN.search(bare):  # ``20-40天``: a range, whose end range_end takes
            return None
        hits = []
        for m in _NUMBER.finditer(bare):
            after = bare[m.end():m.end() + _MAX_UNIT]
            # the longest written unit there in the target's measure; ``人`` of ``人次`` is no 人
            u = next((after[:k] for k in range(len(after), 0, -1)
                      if units.canonical(after[:k])[0] == base and after[k:k + 1] != "次"), None)
            if u is not None:
                hits.append(Value("number", text=clause, number=float(m.group().replace(",", "")), unit=u))
        if len(hits) == 1:
            return hits[0] if math.isfinite(hits[0].number) else None  # type: ignore[arg-type]
    return None


#: A score's stated scale: ``（满分5分）``, ``满分为10分``, ``（5分制）`` (NFKC has made （） ASCII).
_SCALE = re.compile(r"\(?(?:满分(?:为)?([0-9]{1,3})分?|([0-9]{1,3})分制)\)?")


def on_scale(value: Value, target: Value) -> Value | None:
    """A score on a stated scale — ``4.6分（满分5分）``, ``4.6（5分制）`` — against a rate (``≥90%``)
    or a score out of 100 (``≥90分``): its share of the scale, 92 % (92分), as a reviewer reads a
    5-point satisfaction survey. Compared as written it was 4.6 % of 90 % (0.51 of 10, A316), or a
    word. Against a target on the same small scale (``≥4.5分``) it is read as written (None)."""
    if "分" not in value.text or not target.is_number or not (target.is_percent or target.unit == "分") \
            or value.kind not in ("number", "text"):
        return None  # (most values: no 分 in them)
    m = _SCALE.search(value.text)
    if m is None:
        return None
    full = float(m[1] or m[2])
    rest = value.text[: m.start()] + value.text[m.end():]
    v = number_in(rest) if rest else None
    if v is None or v.unit not in ("分", "") or not 0 < full < 100 or not 0 <= v.number <= full \
            or (target.unit == "分" and target.number <= full):  # type: ignore[operator]
        return None
    share = round(v.number / full * 100, 4)  # type: ignore[operator]
    return Value("number", text=f"{format_number(share)}{target.unit}", number=share, unit=target.unit)  # (read once)


#: A time said against the target's: ``提前5天完成``, ``延期3天``, ``超期2周``, ``比计划推迟1个月``.
_TIME_AGAINST_TARGET = re.compile(
    r"(?:比(?:目标|计划|要求|规定)?(?:时间|时限|期限)?)?(?P<way>提前|延期|超期|推迟|逾期|延迟|滞后|超时)了?"
    r"(?P<n>\d{1,4}(?:\.\d{1,2})?)(?P<unit>个工作日|工作日|天|日|周|个星期|星期|个月|月|小时)"
    r"(?:完成|办结|交付|验收|上线|到位)?[。.]?")


#: An amount said against a cost target's: ``超支5万元``, ``超出预算5万元``, ``节约8万元``, ``比预算节省8万元``.
_MONEY_AGAINST_TARGET = re.compile(
    r"(?:比(?:预算|目标|计划|控制数)?)?(?P<way>超支|超出(?:预算)?|超过(?:预算)?|节约|节省|结余|少支出|少用)了?(?:资金)?"
    r"(?P<n>\d{1,12}(?:\.\d{1,6})?)(?P<unit>万元|千元|亿元|元)(?:资金)?[。.]?")
_SAVED = ("节约", "节省", "结余", "少支出", "少用")
#: A count said against the target's: ``超额完成20家``, ``比目标多20家``, ``差5家``, ``少5家`` (not ``超100家``,
#: more than 100, nor a share, ``超额完成20%``, which may be of the target or points).
_COUNT_AGAINST_TARGET = re.compile(
    r"(?:比(?:目标|计划|预期)?)?(?P<way>超额完成|超额|多完成|多出|多|尚差|还差|仍差|差|少|缺)了?"
    r"(?P<n>\d{1,9}(?:\.\d{1,4})?)(?P<unit>[^\d%.,;。，；\s]{1,4})(?:完成)?[。.]?")
_SHORT = ("尚差", "还差", "仍差", "差", "少", "缺")


def relative_to_target(value: Value, target: Value) -> Value | None:
    """A time, amount or count written against the target's as the value it says: ``≤30天`` and
    ``延期3天`` is 33天 (30/33 of the weight), ``提前5天完成`` 25天; a deadline (``2023年10月31日前``) and
    ``延期3天`` is 2023年11月3日, late; ``≤100万元`` and ``超支5万元`` is 105万元, ``节约8万元`` 92万元;
    ``≥100家`` and ``差5家`` is 95家, ``超额完成20家`` 120家. Read as words, ``超期5天`` and ``超支5万元``
    took full marks, ``延期3天`` 60 % and ``差5家`` nothing; ``None`` for anything else."""
    if value.kind != "text" or not (target.is_number or (target.kind == "date" and target.when)):
        return None
    text = normalize_text(value.text)
    if target.kind == "date" and target.when[0] and (nxt := _NEXT_YEAR.match(text)):  # type: ignore[index]
        # ``次年1月``, ``明年3月底``: the year after the deadline's (a word, it was met however late)
        return date_in(f"{target.when[0] + 1}年{text[nxt.end():]}")  # type: ignore[index]
    m = _TIME_AGAINST_TARGET.fullmatch(text)
    if m is not None and target.kind == "date":
        return _moved_deadline(target, -1 if m["way"] == "提前" else 1, float(m["n"]), m["unit"])
    if m is not None:
        return _shifted(target, -1 if m["way"] == "提前" else 1, float(m["n"]), m["unit"], ("天", "工作日"))
    if not target.is_number or target.is_percent:
        return None
    if (money := _MONEY_AGAINST_TARGET.fullmatch(text)) is not None:
        return _shifted(target, -1 if money["way"] in _SAVED else 1, float(money["n"]), money["unit"], ("元",))
    if (count := _COUNT_AGAINST_TARGET.fullmatch(text)) is not None:
        return _shifted(target, -1 if count["way"] in _SHORT else 1, float(count["n"]), units.clean(count["unit"]),
                        None)
    return None


#: The year after the deadline's, before a month or a part of it (``次年1月``, ``明年初``).
_NEXT_YEAR = re.compile("(?:于|在)?(?:次年|明年|翌年|第二年|下一年|下年)度?(?=[0-9]{1,2}月|初|上半年|一季度|第一季度)")


def _shifted(target: Value, sign: int, n: float, unit: str, measures: tuple[str, ...] | None) -> Value | None:
    """``target`` moved by ``sign`` × ``n`` ``unit``, in its unit — when ``unit`` converts to it and
    measures one of ``measures`` (None: anything but a time or money, which have their own words)."""
    base = units.canonical(target.unit)[0]
    if not units.comparable(unit, target.unit) or (
            base not in measures if measures is not None else base in ("天", "工作日", "元")):
        return None
    number = float(f"{target.number + sign * units.convert(n, unit, target.unit):.12g}")  # type: ignore[operator]
    # (explanations show it to two decimals: scoring.format_approx)
    return None if number < 0 else Value("number", text=f"{format_number(number)}{target.unit}", number=number,
                                         unit=target.unit)


def _moved_deadline(target: Value, sign: int, n: float, unit: str) -> Value | None:
    """A deadline moved by days, weeks or months (a 工作日 or an hour is no date); ``None`` when a
    deadline that names no year would move into another (``12月底前`` and ``延期3天``)."""
    y, mo, d = target.when  # type: ignore[misc]
    if unit in ("个工作日", "工作日", "小时") or not n.is_integer() or not mo:
        return None
    base = date(y or 2001, mo, d or last_day(y or 2001, mo))
    if unit in ("个月", "月"):
        months = base.month - 1 + sign * int(n)
        yy, mm = base.year + months // 12, months % 12 + 1
        shifted = date(yy, mm, min(base.day, last_day(yy, mm)))
    else:
        shifted = base + timedelta(days=sign * int(n) * (7 if unit in ("周", "个星期", "星期") else 1))
    if not y and shifted.year != base.year:
        return None
    when = (shifted.year if y else 0, shifted.month, shifted.day)
    return Value("date", text=f"{when[0]}年{when[1]}月{when[2]}日" if y else f"{when[1]}月{when[2]}日", when=when)


def value_read(value: Value, target: Value, unit: str = "", op: str | None = None) -> Value | None:
    """What a reviewer reads where a quantitative ``target``'s value belongs, when it is not the
    value as written: a share of the target (:func:`share_of_target`), a score on a stated scale
    (:func:`on_scale`), a time against the target's (:func:`relative_to_target`), the number of a
    sentence (:func:`sentence_number`; ``unit`` is the row's 度量单位), the end of a range that
    tells least (:func:`range_end`; ``op`` is the row's). ``None``: read as written. Scoring,
    lights, checks and template pouring share it."""
    found = share_of_target(value, target) or on_scale(value, target) or relative_to_target(value, target) \
        or whole_of(value, target)
    return sentence_value(value, target, unit, op) if found is None and value.kind == "text" else found


def sentence_value(value: Value, target: Value, unit: str = "", op: str | None = None) -> Value | None:
    """The value a text ``value`` states in other words (:func:`value_read`'s readings of a sentence
    alone): its number in the target's unit, the sure end of a range, a rate as its two counts, a
    survey's answers as the satisfied share, a count per session times the sessions, documents by
    their titles. A315 reports which, after value_read's other readings found none."""
    return sentence_number(value, target, unit) or range_end(value, target, unit, op) \
        or part_of_whole(value, target) or satisfaction_split(value, target) or per_item_total(value, target) \
        or titles_counted(value, target)


#: A survey's answers, longest spelling first (``不满意`` before ``满意``); the satisfied ones are
#: those before 一般 (满意度 = 满意 + 基本满意, as survey reports count it).
_SATISFIED = ("非常满意", "十分满意", "很满意", "比较满意", "较满意", "基本满意", "满意")
_UNSATISFIED = ("非常不满意", "很不满意", "较不满意", "不太满意", "不满意", "一般")
_ANSWER = re.compile("(?:其中)?(?P<answer>" + "|".join(sorted(_SATISFIED + _UNSATISFIED, key=len, reverse=True))
                     + r")(?:的)?(?:人数|群众|对象|人员)?(?:占比|比例|比重|率|度)?(?:为|占|达到|达|约)?"
                     r"(?P<n>[0-9]{1,9}(?:\.[0-9]{1,4})?)(?P<unit>%|人次|人|名|户|份|家|位)")


def _answers(text: str) -> list[re.Match[str]] | None:
    """A survey's answers, one a clause (``满意180人``, ``基本满意10%``), when there are two or more
    and nothing else with a number; else None."""
    clauses = [c for c in _CLAUSE_END.split(THOUSANDS_COMMA.sub("", normalize_text(text)).strip("()。")) if c]
    answers = [_ANSWER.fullmatch(c.strip("()")) for c in clauses]
    return None if len(answers) < 2 or None in answers else answers  # type: ignore[return-value]


def satisfaction_split(actual: Value, target: Value) -> Value | None:
    """A survey's result as its answers' shares — ``满意85%，基本满意10%，不满意5%``, ``非常满意60%、满意30%``
    — against a rate: the satisfied ones added up, 95 % and 90 % (read as words, the first was
    partly achieved for its 基本, the second failed for its 不满意). Only when every clause with a
    number is one answer and its share, two or more of them, together no more than 100 %. Given as
    counts in one unit (``满意180人，基本满意15人，不满意5人``), the satisfied over all who answered,
    97.5 % — when an unsatisfied answer is among them (else who else was asked is not said)."""
    if actual.kind != "text" or not target.is_percent or "满意" not in actual.text:
        return None
    answers = _answers(actual.text)
    if answers is None or len({m["unit"] for m in answers}) != 1:
        return None
    shares = [(m["answer"], float(m["n"])) for m in answers]
    if len({a for a, _ in shares}) != len(shares):
        return None
    if answers[0]["unit"] != "%":  # type: ignore[index]
        whole = sum(n for _, n in shares)
        if whole <= 0 or all(a in _SATISFIED for a, _ in shares):
            return None
        shares = [(a, n / whole * 100) for a, n in shares]
    if sum(n for _, n in shares) > 100.5:
        return None
    satisfied = round(sum(n for a, n in shares if a in _SATISFIED), 2)
    return Value("number", text=f"{format_number(satisfied)}%", number=satisfied, unit="%")


#: What is held again and again: a session, an event, a batch, a class, a round.
_ITEM = "期|场|次|批|班|轮"
#: Each one's count: ``每期100人次``, ``每场平均80人``, ``平均每场80人``.
_EACH = re.compile(f"[\u4e00-\u9fff]{{0,6}}?每(?P<item>{_ITEM})(?:平均)?[\u4e00-\u9fff]{{0,6}}?"
                   r"(?P<n>[0-9]{1,6}(?:\.[0-9]{1,2})?)(?P<unit>[\u4e00-\u9fff]{1,2})(?:左右)?")
#: ... and how many were held: ``共5期``, ``共举办10场``, ``累计开展5期培训``.
_HELD = re.compile(f"[\u4e00-\u9fff]{{0,6}}?(?:共|合计|累计|总共|一共)[\u4e00-\u9fff]{{0,4}}?"
                   f"(?P<m>[0-9]{{1,4}})(?P<item>{_ITEM})[\u4e00-\u9fff]{{0,4}}")


def per_item_total(actual: Value, target: Value) -> Value | None:
    """A count given per session and the sessions held — ``每期100人次，共5期``, ``共举办10场，每场平均
    80人`` — against a count of what the sessions gather (≥500人次): their product, 500人次 and 800人
    (read as words, any took full marks). Only two clauses, the same session word in both, and a
    count in the target's unit that is not the sessions' own (``≥5期`` is met by the 5期)."""
    if actual.kind != "text" or not target.is_number or target.is_percent or "每" not in actual.text:
        return None
    clauses = [c for c in _CLAUSE_END.split(normalize_text(actual.text).rstrip("。")) if c]
    if len(clauses) != 2:
        return None
    for each, held in (clauses, clauses[::-1]):
        e, h = _EACH.fullmatch(each), _HELD.fullmatch(held)
        if e is None or h is None or e["item"] != h["item"]:
            continue
        unit = units.clean(e["unit"])
        if not unit or not units.comparable(unit, target.unit) or units.comparable(unit, e["item"]):
            return None
        number = float(f"{float(e['n']) * int(h['m']):.12g}")
        return Value("number", text=f"{format_number(number)}{unit}", number=number, unit=unit)
    return None


#: A title of a document, a rule or a report: ``《资金管理办法》``.
_TITLE = re.compile("《[^《》]{1,60}》")
#: Making one: ``出台《…》``, ``制定《…》《…》`` (a title after other words, ``按照《…》执行``, is cited, not made).
_MADE = re.compile("(?:已|共|累计)?(?:出台|制定|印发|修订|修编|编制|发布|出版|建立|完善|形成|起草|完成)(?:了)?")
#: The counts a list of titles is counted in.
_TITLE_UNITS = frozenset(("项", "个", "份", "部", "篇", "件", "本", "套", "册"))


def titles_counted(actual: Value, target: Value) -> Value | None:
    """Documents made, named by their titles where their count belongs — ``出台《资金管理办法》《实施细则》``,
    ``《管理办法》、《考核办法》`` against ``≥3项`` — as that many (2项: 6.67 of 10). Read as words, any
    list met the target. Only with no number written, a target counted in 项/个/份/部/篇/件, and titles
    alone or after a verb of making (``按照《办法》执行`` cites one), not ``等`` more."""
    if actual.kind != "text" or not target.is_number or target.unit not in _TITLE_UNITS or "《" not in actual.text \
            or any(ch.isdigit() for ch in actual.text):
        return None
    text = normalize_text(actual.text)
    titles = _TITLE.findall(text)
    made = _MADE.match(text)
    rest = _TITLE.sub("", text[made.end():] if made else text)
    if not titles or rest.strip(" 、,;。和及与") not in ("", "制度", "文件", "办法"):
        return None  # (``《办法》等制度``: more than named)
    return Value("number", text=actual.text, number=float(len(titles)), unit=target.unit)


#: What a rate counts, said beside its part: ``合格49批次``, ``满意190份``, ``中的115个``.
_PASSED = re.compile("合格|达标|满意|覆盖|通过|完成|验收|知晓|到位|受益|中的")
#: ... and what makes the part another (``不合格2批次``, ``未覆盖3个村``, ``发现问题1批次``).
_NOT_PASSED = re.compile("不|未|没|问题|失败|差评|投诉|整改")


def part_of_whole(actual: Value, target: Value) -> Value | None:
    """A rate said as its two counts — ``抽检50批次，合格49批次``, ``合格49批次/抽检50批次``,
    ``覆盖120个村中的115个``, ``发放问卷200份，满意190份`` — against a rate: the smaller over the larger,
    98 % (read as words, any took full marks; ``不满意2户`` none); or the rest of the larger where the
    smaller is what failed (``抽查50户，不满意2户``: 96 %). Only two numbers, in one unit, with a word
    of what the rate counts (or of the failed part, right before it) and no other of a failure or a
    difference (``同比增加``)."""
    if actual.kind != "text" or not target.is_percent or ("满意" in actual.text and _answers(actual.text)):
        return None  # (a survey's answers, ``满意180人，基本满意15人``: satisfaction_split's, not 15 of 180)
    bare = _DATE_IN.sub("", THOUSANDS_COMMA.sub("", normalize_text(actual.text)))
    found = list(_NUMBER.finditer(bare))
    if len(found) != 2 or any(m.group()[0] in "+-" for m in found) or _RELATIVE.search(bare) or _BOUND.search(bare):
        return None
    (a, b), (ua, ub) = [float(m.group()) for m in found], [_UNIT_AFTER.match(bare, m.end())[0] for m in found]  # type: ignore[index]
    short, long_ = sorted((ua, ub), key=len)
    if not short or short == "%" or not long_.startswith(short) or long_[len(short):len(short) + 1] == "次":
        return None  # (``人`` of ``人次``: another count)
    if not (math.isfinite(a) and math.isfinite(b)):  # four hundred digits: no count
        return None
    part, whole = min(a, b), max(a, b)
    at, other = (found[0], found[1]) if a <= b else (found[1], found[0])
    failed = _FAILED_PART.search(bare, 0, at.start())
    if failed is not None and failed.end() == at.start():  # ``不合格1批次``: the rest passed
        rest = bare[: failed.start()] + bare[failed.end():]
        passed = _PASSED.search(bare, max(0, other.start() - 3), other.start())
        if passed is not None and passed.end() == other.start():  # ``满意180人，不满意20人``: of 200
            part, whole = whole, whole + part
        else:
            part = whole - part
    elif not _PASSED.search(bare):
        return None
    else:
        rest = bare
    if whole <= 0 or _NOT_PASSED.search(rest):
        return None
    return Value("number", text=actual.text, number=round(part / whole * 100, 2), unit="%")


#: A failed part, before its count: ``不合格1批次``, ``不满意2户``, ``发现问题1批次``.
_FAILED_PART = re.compile("(?:不合格|不满意|未覆盖|未达标|未通过|存在问题|发现问题|有问题)(?:的)?")
#: What follows a number as its unit, up to the next number or mark.
_UNIT_AFTER = re.compile("%|[\u4e00-\u9fffA-Za-z]{0,4}")


def range_end(value: Value, target: Value, unit: str = "", op: str | None = None) -> Value | None:
    """An actual written as a range (``85%~95%``, ``90-110人``: several places, or an estimate) as
    the end that is sure — the lower against a floor, the upper against a ceiling (``op``, the
    row's, else the target's) — in a unit that compares with the target's. As words it was judged
    achieved: full marks for ``85%~95%`` against ≥90%."""
    ends = range_bounds(value, unit)
    if ends is None or not target.is_number or target.band or target.change:
        return None
    low, high = ends
    if not units.comparable(low.unit, target.unit) and not (low.unit == "%" or target.is_percent):
        return None
    end = high if (op or target.op) in ("≤", "<") else low
    return replace(end, op=None)


#: A share of the plan where its amount belongs: ``完成全年目标的55%``, ``进度50%``, ``已完成年度任务的60%``,
#: and a forecast's ``预计完成全年目标的90%``, ``预计全年可完成任务的95%``.
_SHARE_OF_PLAN = re.compile(r"(?:预计|预期)?(?:全年)?(?:可|能|将)?(?:已|累计)?(?:完成|达到)?(?:全年|年度)?(?:目标|任务|计划)?(?:任务|数)?的?"
                            r"(?:完成)?(?:进度)?(?:为|达|达到)?([0-9]{1,3}(?:\.[0-9]{1,4})?)%")


def share_of_target(actual: Value, target: Value) -> Value | None:
    """A percentage where a count or measure belongs — ``93%`` against ≥3000平方米, ``完成全年目标的55%``,
    ``进度50%`` against ≥100家 — as the share of the target it says was done (2790平方米, 55家), as a
    reviewer reads it: compared as bare numbers, 93 against 3000 scored 3 %, and as a word any
    share took full marks. Not of a rate, a ceiling, a band, a target without a unit or of none."""
    if not target.is_number or target.is_percent or not target.unit or target.band or not target.number \
            or target.number < 0 or target.op in ("≤", "<") or target.unit in ("分", "‰", "倍"):
        return None  # (90% of ≤30天 says nothing of days; 92% against ≥90分 is a satisfaction of 92, not 82.8分,
        # and 99.5% against ≥99‰ a rate of 995‰)
    if actual.is_number:
        share = actual.number if actual.is_percent and written_bound(actual) is None else None
    else:
        m = _SHARE_OF_PLAN.fullmatch(actual.text) if actual.kind == "text" else None
        share = float(m[1]) if m else None
    if share is None:
        return None
    return Value("number", text=actual.text, number=round(target.number * share / 100, 6), unit=target.unit)


#: Words that say all of what was counted is covered, passed, done: ``12个乡镇全覆盖``, ``50批次全部合格``.
_WHOLE = re.compile("全覆盖|全部(?:覆盖|合格|达标|完成|到位|落实|满意|通过|验收)|均(?:已)?(?:合格|达标|完成|覆盖|到位|通过)")


def whole_of(value: Value, target: Value) -> Value | None:
    """A count that says all of it was covered, passed or done — ``12个乡镇全覆盖``, ``50批次全部合格``
    — against a rate (覆盖率 ``100%``, 合格率 ``≥98%``): 100 %. Read as written it was the count, 12个
    against 100 % (1.20 of 10, with A316: units apart). ``None`` for anything else."""
    if not value.is_number or not target.is_percent or value.is_percent or not value.unit \
            or _WHOLE.search(value.text) is None:
        return None
    return Value("number", text=value.text, number=100.0, unit="%")


#: A target written as a range (``100-120家``, ``5~10天``, ``90-95%``; NFKC: ～ is ~): no bound to score by.
RANGE = re.compile(r"([0-9]+(?:\.[0-9]+)?)%?\s*(?:-|~|—|–|至|到)\s*([0-9]+(?:\.[0-9]+)?)\s*(%|[\u4e00-\u9fff]{1,4})?")


#: A range written with both its bounds: ``≥95%且≤100%``, ``95%≤X≤100%`` (a word before, any actual
#: met it). It binds as a range does (scoring.range_bound), and says which way each end binds: no G222.
BOUNDED_RANGE = re.compile(r"(?:≥|>|不低于|不少于)([0-9]+(?:\.[0-9]+)?)(?:%|[\u4e00-\u9fff]{1,4})?(?:且|并且|,|、|;)?"
                           r"(?:≤|<|不高于|不超过)([0-9]+(?:\.[0-9]+)?)(%|[\u4e00-\u9fff]{1,4})?"
                           r"|([0-9]+(?:\.[0-9]+)?)%?[≤<][A-Za-z\u4e00-\u9fff]{0,8}[≤<]([0-9]+(?:\.[0-9]+)?)(%|[\u4e00-\u9fff]{1,4})?")


def range_bounds(target: Value, unit: str = "") -> tuple[Value, Value] | None:
    """The two ends of a target written as a range without a bound (``2000-2200人``: ≥2000人 and
    ≤2200人), or with both (``≥95%且≤100%``), or ``None``: not a year's span (``2023-2024年``), nor
    ``95%-100%`` (at least 95 %, which parse_value reads so), nor a range that runs backwards.
    ``unit``: the row's 度量单位."""
    if target.kind != "text":
        return None
    m = RANGE.fullmatch(target.text)
    if m is None and (b := BOUNDED_RANGE.fullmatch(target.text)) is not None:
        low, high, written = (b[1], b[2], b[3]) if b[1] else (b[4], b[5], b[6])
        return _ends(target, float(low), float(high), written, unit)
    if m is None or m[3] == "年":
        return None
    return _ends(target, float(m[1]), float(m[2]), m[3], unit)


def _ends(target: Value, low: float, high: float, written: str | None, unit: str) -> tuple[Value, Value] | None:
    """A range's two ends as bounded values, in the unit written after it or the row's; none backwards."""
    if low >= high:
        return None
    u = written or units.clean(normalize_text(unit))
    return (Value("number", text=target.text, op="≥", number=low, unit=u),
            Value("number", text=target.text, op="≤", number=high, unit=u))


def sentence_target(target: Value, actual: Value) -> Value | None:
    """The one number of a target written as a sentence without a bound (``培训100人``, a word to
    the reader), when the actual is a number in its unit (``80人``, or ``实际培训80人``): the
    comparison a reviewer makes, where scoring the row as a word gave any actual full marks."""
    if target.kind != "text":
        return None
    t = number_in(target.text)
    if t is None or not t.unit:
        return None
    a = actual if actual.is_number else sentence_number(actual, t)
    if a is None or not a.unit or not units.comparable(a.unit, t.unit):
        return None
    return t


#: Words before an actual's number that say it was reached (``完成2050人``, ``全年累计完成24场``,
#: ``达到95%``): 完成 and 达到 make a target ``=``/``≥``, but an actual is what they say was reached.
_REACHED = re.compile(f"(?:{_ABOUT})*(?:完成|达到|达)")


def written_bound(v: Value) -> str | None:
    """The bound a value is written with (``≥95%``, ``不低于2000人``, ``95%以上``), or ``None`` when
    it has none, or only 完成/达到 before its number — the words of an actual, not of a target."""
    if v.op is None or v.kind != "number":
        return v.op
    m = _REACHED.match(v.text)
    if m is not None and _parse_text(v.text[m.end():], v.unit, None).op is None:
        return None
    return v.op


def stated_bound(v: Value) -> Value | None:
    """An actual written as a bound rather than the value reached — ``低于90%``, ``90%以下``,
    ``超过30天``, and the words of a value not quite reached, ``接近90%``, ``不到90%``, ``未达90%``
    (< 90%) — as the number with its operator; ``None`` for a value (``达到95%`` included)."""
    if v.kind == "number":
        return v if written_bound(v) is not None and not v.band and not v.change else None
    if v.kind != "text":
        return None
    m = _SHORT_OF.match(v.text)
    if m is None:
        return None
    rest = v.text[m.end():]
    # (a bound reads spelt numbers, ``不到九成``; ``近百人`` is short of 一百人)
    rest = _parse_text(f"<{'一' if rest[0] in '百千万' else ''}{rest}", "", None)
    return replace(rest, text=v.text) if rest.is_number and rest.op == "<" and not rest.change else None


#: Words before a number that say it was not quite reached (``接近90%``, ``不到100家``, ``未达95%``).
_SHORT_OF = re.compile("(?:接近|将近|逼近|近|不到|不足|未达到|未达|未满|不满)(?=[0-9.]|百分之|[一二两三四五六七八九十百千万])")


_YEAR = r"(?:19|20)\d\d"
#: A year as tables write it (1900–2099), in a date or a 年度 field.
YEAR = re.compile(_YEAR)


def year_of(text: object) -> str:
    """The year a 年度 field states (``2023年度``, ``(2023年)``, 2023 → ``2023``), or ``""``."""
    m = YEAR.search(str(text)) if text not in (None, "") else None
    return m.group() if m else ""


#: Within the year (``年内完成``, ``当年完成``, ``本年度内``): by its last day.
_WITHIN_YEAR = ("本年度内", "本年度", "本年内", "本年", "年度内", "年内", "当年")
#: A date as tables write deadlines and completion dates, with the words around it: ``2023年12月31日前``,
#: ``于2023年11月20日完成``, ``12月底前``, ``2023-12-31``, ``2023年第三季度``, ``上半年``, ``年底前``.
_DATE = re.compile(
    "(?P<pre>不晚于|不迟于|不早于|截至|截止到|截止|实际于|已于|预计于|计划于|预计|计划|于|在|<=|>=|[≤≥<>=])?"
    "(?:"
    rf"(?P<iy>{_YEAR})(?P<sep>[-/.])(?P<im>\d{{1,2}})(?:(?P=sep)(?P<id>\d{{1,2}}))?"
    r"|(?P<dm>\d{1,2})[./](?P<dd>\d{1,2})"
    rf"|(?:(?P<y>{_YEAR})年)?(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号]?|份|(?P<part>底|末|上旬|中旬|下旬|初))?"
    rf"|(?:(?P<qy>{_YEAR})年)?第?(?P<q>[一二三四1-4])季度(?:末|底)?"
    rf"|(?:(?P<hy>{_YEAR})年)?(?P<half>上半年|下半年|年中|年底|年末|年终|{'|'.join(_WITHIN_YEAR)})"
    rf"|(?P<ey>{_YEAR})年(?:(?P<end>底|末)|(?P<early>初))?"
    ")"
    "(?P<suf>之前完成|以前完成|前完成|内完成|之前|以前|以内|前|内|已完成|完成|止|之后|以后|后|起)?"
)
_BEFORE = frozenset(("不晚于", "不迟于", "截至", "截止到", "截止", "<=", "≤", "<", "之前完成", "以前完成", "前完成",
                     "内完成", "之前", "以前", "以内", "前", "内", "止"))
_AFTER = frozenset(("不早于", ">=", "≥", ">", "之后", "以后", "后", "起"))
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_PARTS = {"上旬": 10, "初": 10, "中旬": 20}


def parse_date(text: str, col_op: str | None = None) -> Value | None:
    """A deadline or completion date written as text, or ``None`` when ``text`` is not one.

    Periods stand for their last day (``12月底``, ``第三季度``, ``上半年``) or, when only a month
    or year is given, for the month or year (compared at that precision). A bare ``12月`` without
    a year, day or deadline word stays a number of months (``≤12月`` is a duration).
    """
    m = _DATE.fullmatch(text)
    if m is None:
        if "年" in text and (digits := arabic_dates(text)) != text:  # ``二〇二三年十二月``, ``23年12月20日``
            found = parse_date(digits, col_op)
            return replace(found, text=text) if found is not None else None
        return None
    g = m.group
    if g("iy"):
        if g("sep") == "." and not g("id"):  # ``2023.12`` is a number as often as a month
            return None
        y, mo, d = int(g("iy")), int(g("im")), int(g("id") or 0)
    elif g("dm"):  # ``12.31前``: a month and day, a date only before 前 or after 截至 (≥1.01 is a number)
        word = g("pre") or ""
        if g("suf") not in _DOTTED_DAY_ENDS and not (word and word[0] not in "<>=≤≥"):
            return None
        y, mo, d = 0, int(g("dm")), int(g("dd"))
        if not (1 <= mo <= 12 and 1 <= d):
            return None
    elif g("m"):
        word = g("pre") or ""
        if not (g("y") or g("d") or g("part") or g("suf") or text.endswith("份") or (word and word[0] not in "<>=≤≥")):
            return None  # ``≤12月``, ``12月``: months of duration
        y, mo = int(g("y") or 0), int(g("m"))
        part = g("part")
        d = int(g("d")) if g("d") else _PARTS.get(part, last_day(y, mo) if part else 0)
    elif g("q"):
        y, mo = int(g("qy") or 0), _QUARTERS[g("q")]
        d = last_day(y, mo)
    elif g("half"):
        y = int(g("hy") or 0)
        mo, d = (6, 30) if g("half") in ("上半年", "年中") else (12, 31)
    else:
        y, mo, d = int(g("ey")), (12 if g("end") else 1 if g("early") else 0), (31 if g("end") else 0)
    if not (0 <= mo <= 12) or (mo and not (0 <= d <= last_day(y, mo))) or (not mo and d):
        return None
    word = g("pre") or ""
    suffix = g("suf") or ""
    op = "≤" if word in _BEFORE or suffix in _BEFORE else "≥" if word in _AFTER or suffix in _AFTER else col_op
    if op is None and g("half") in _WITHIN_YEAR:
        op = "≤"
    return Value("date", text=text, op=op, when=(y, mo, d))


def arabic_dates(text: str) -> str:
    """``text`` with its dates in digits: ``二〇二三年十二月二十日`` (as official documents write them)
    → 2023年12月20日, and a year of two digits before its month, ``23年12月`` → 2023年12月. Both
    were words beside a deadline: met, however late."""
    text = _CN_DATE.sub(lambda m: "".join(
        [m[1].translate(_CN_YEAR_DIGITS), "年", str(_cn_int(m[2])), "月"] + ([str(_cn_int(m[3])), m[4]] if m[3] else [])), text)
    return _SHORT_YEAR.sub(r"20\1年\2月", text)


_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CN_DATE = re.compile("([〇○零一二三四五六七八九]{4})年(十[一二]?|[一二三四五六七八九])月"
                      "(?:(三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])([日号]))?")
#: A year of two digits (from 2000) before a month: ``23年12月``, not a duration (``3年``, ``10年以上``).
_SHORT_YEAR = re.compile(r"(?<![0-9])([0-9]{2})年([0-9]{1,2})月")


#: Words that make a date in a sentence a plan, not the date something was done.
_FUTURE = re.compile("预计|计划|将于|拟于|争取|力争|有望")


@lru_cache(maxsize=4096)
def date_in(text: str) -> Value | None:
    """The one date of a completion written as a sentence — ``已于2023年11月20日完成验收``,
    ``2024年1月15日竣工验收``, of two dates the one of the work done (``2023年9月开工，2023年12月竣工``)
    — with its year and month; ``None`` when the sentence holds none, several done, a plan
    (``预计2024年3月完成``) or a start (``2023年6月开工``). A deadline met by such a sentence was read
    as a word: achieved, however late, and even when only begun."""
    text = _SPAN.sub(_span_end, normalize_text(text))
    if "年" in text:
        text = arabic_dates(text)
    if _FUTURE.search(text):
        return None
    dotted = _DOTTED_MONTH.fullmatch(text)
    if dotted:  # ``2023.11``, a number elsewhere, is a month beside a deadline
        y, m = int(dotted[1]), int(dotted[2])
        return Value("date", text=f"{y}年{m}月", when=(y, m, 0)) if 1 <= m <= 12 else None
    month = _BARE_MONTH.fullmatch(text)
    if month:  # ``7月`` beside a deadline: the month it was done in (elsewhere ``12月`` may be a duration)
        m = int(month[1])
        return Value("date", text=f"{m}月", when=(0, m, 0)) if 1 <= m <= 12 else None
    day = _DOTTED_DAY.fullmatch(text)
    if day:  # ``12.20`` beside a deadline (``12.31前``): a month and day
        m, d = int(day[1]), int(day[2])
        return Value("date", text=f"{m}月{d}日", when=(0, m, d)) if 1 <= m <= 12 and 1 <= d <= last_day(2000, m) else None
    if text.isdigit() and len(text) in (5, 8):
        return _number_date(text)
    found = [(_step(text, m), v) for m in _DATE.finditer(text)
             if (v := parse_date(m.group())) is not None and v.when and v.when[0] and v.when[1]]
    if len(found) > 1:  # ``2023年9月开工，2023年12月竣工``: the one date of the work done
        found = [(step, v) for step, v in found if step == "done"]
    if len(found) != 1 or found[0][0] == "start":  # ``2023年6月开工``: begun, not done
        return None
    y, m, d = found[0][1].when  # type: ignore[misc]
    return replace(found[0][1], text=f"{y}年{m}月{d}日" if d else f"{y}年{m}月", op=None)


#: A span of months or days (``2023年3月-11月``, ``2023年3月至2024年1月``): the work was done at its end.
_SPAN = re.compile(rf"(?:(?P<y>{_YEAR})年)?\d{{1,2}}月(?:\d{{1,2}}[日号])?(?:-|~|至|到|—)"
                   rf"(?P<end>(?P<y2>{_YEAR}年)?\d{{1,2}}月(?:\d{{1,2}}[日号])?)")


def _number_date(digits: str) -> Value | None:
    """A date written as digits, which only a deadline makes one: ``20240105`` (yyyymmdd, as systems
    write a date), or ``45296``, the serial Excel stores a date as (a date pasted into a cell of the
    General format shows it) — from 2000 to 2099. They were words beside a deadline: met, however
    late."""
    if len(digits) == 8:
        y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        if not (2000 <= y <= 2099 and 1 <= m <= 12 and 1 <= d <= last_day(y, m)):
            return None
    else:
        serial = int(digits)
        if not 36526 <= serial <= 73050:  # 2000-01-01 … 2099-12-31
            return None
        day = serial_date(serial)
        y, m, d = day.year, day.month, day.day
    return Value("date", text=f"{y}年{m}月{d}日", when=(y, m, d))


def october_reading(value: Value) -> Value | None:
    """October of the year, for a number that shows ``2023.1`` beside a deadline: what a General
    cell keeps of ``2023.10`` typed into it (Excel drops the trailing 0, and shows 2023.1 as well).
    Read as it shows, it is January (:func:`date_in`); text ``2023.1`` is January, and not this."""
    if not value.stored_number:
        return None
    m = _DROPPED_ZERO.fullmatch(value.text)
    return Value("date", text=f"{m[1]}年10月", when=(int(m[1]), 10, 0)) if m else None


_DROPPED_ZERO = re.compile(rf"({_YEAR})\.1")


#: A month written with a dot (``2023.11``), which only a deadline makes a date.
_DOTTED_MONTH = re.compile(rf"({_YEAR})\.(\d{{1,2}})")
#: The words after a month and day written with a dot that make it a deadline (``12.31前``).
_DOTTED_DAY_ENDS = frozenset(("前", "之前", "以前", "前完成", "之前完成", "以前完成", "止"))
#: A month alone (``7月``, ``11月份``), which only a deadline makes a date.
_BARE_MONTH = re.compile(r"(\d{1,2})月份?")
#: A month and day written with a dot (``12.20``), likewise.
_DOTTED_DAY = re.compile(r"(\d{1,2})[./](\d{1,2})")


def _span_end(m: re.Match[str]) -> str:
    """The end of a span, in the year its start gives when it names none (``2023年3月-11月``: 2023年11月)."""
    return f"{m['y']}年{m['end']}" if m["y"] and not m["y2"] else m["end"]


#: The step a date in a sentence is of: the work done (竣工, 验收), or begun (开工, 启动).
_STEP = re.compile("(?P<done>竣工|完工|完成|验收|交付|投入使用|投用|上线|办结|结项)"
                   "|(?P<start>开工|动工|启动|开始|进场|招标|立项|签订|签约)")


def _step(text: str, date: re.Match[str]) -> str | None:
    """``"done"``, ``"start"`` or None: the step named right after the date in its clause
    (``2023年3月开工建设并于年底前完成`` is a start), else the last one before it (``竣工日期：…``)."""
    stop = _REMARK_AFTER.search(text, date.end())
    after = _STEP.search(text, date.start(), stop.start() if stop else len(text))  # (the date may hold its verb: ``2023年11月完成``)
    if after:
        return after.lastgroup
    start = max((m.end() for m in _REMARK_AFTER.finditer(text, 0, date.start())), default=0)
    before = [m.lastgroup for m in _STEP.finditer(text, start, date.start())]
    return before[-1] if before else None


EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (serials count from it)
#: What a 度量单位 cell says when the target and actual are dates kept as numbers (Excel serials).
DATE_UNIT = "日期"


def serial_date(serial: float) -> datetime:
    """The date Excel stores as ``serial`` (days since 1899-12-30): :func:`excel_serial` reversed."""
    return EPOCH + timedelta(days=serial)


def excel_serial(d: date) -> float:
    """The number Excel stores for a date (days since 1899-12-30, the time as a fraction)."""
    dt = d if isinstance(d, datetime) else datetime(d.year, d.month, d.day)
    delta = dt.replace(tzinfo=None) - EPOCH
    return delta.days + delta.seconds / 86400


def date_order(a: Value, t: Value) -> int:
    """-1, 0 or 1 as the date ``a`` is before, on or after ``t``: as serials, to the day, when both
    have one (date cells, or numbers under 度量单位「日期」, as our templates' formulas compare them),
    else as precisely as both were written (:func:`compare_dates`); 0 when neither can say."""
    if a.number is not None and t.number is not None:
        return (a.number > t.number) - (a.number < t.number)
    if a.when is not None and t.when is not None:
        return compare_dates(a.when, t.when)
    return 0


def date_serial(v: Value) -> float | None:
    """A date's Excel serial: a date cell's own, a full date's as text, a number's as it is."""
    if v.number is not None:
        return v.number
    if v.when is not None and all(v.when):
        return excel_serial(date(*v.when))
    return None


def last_day(year: int, month: int) -> int:
    """The last day of ``month`` (of a leap year when ``year`` is 0: ``2月底`` of no year is the 29th);
    0 for a month outside 1-12."""
    import calendar

    return calendar.monthrange(year or 2000, month)[1] if 1 <= month <= 12 else 0


def compare_dates(actual: tuple[int, int, int], target: tuple[int, int, int]) -> int:
    """-1, 0 or 1 as ``actual`` is before, at or after ``target``, at the coarser of their two
    precisions (``2023年12月`` is not after ``2023年12月15日``); a missing year takes the other's."""
    (ay, am, ad), (ty, tm, td) = actual, target
    if not ay or not ty:
        ay = ty = 0
    if not am or not tm:
        am = tm = 0
    if not ad or not td:
        ad = td = 0
    a, t = (ay, am, ad), (ty, tm, td)
    return (a > t) - (a < t)


#: Direction column words that say only that the row is quantitative (Chongqing's 指标性质: 定量指标 |
#: 定性指标), not which way: a bare target's way is then read as where the column is empty (a
#: ceiling for 人员控制率 100%, 30天 under 时效指标; else =).
KIND_ONLY = frozenset(("定量", "定量指标"))


def kind_only(raw: object) -> bool:
    """Whether a direction cell says only 定量 (:data:`KIND_ONLY`)."""
    return isinstance(raw, str) and "定量" in raw and normalize_text(raw) in KIND_ONLY  # (≥, ≤: no normalising)


def bound_of(raw: object) -> str | None:
    """The operator a direction cell puts on its row's target: :func:`parse_direction`'s, none where the
    cell says only 定量 (:func:`kind_only`; the row's place and name then decide)."""
    return None if kind_only(raw) else parse_direction(raw)


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


def rate_fraction(x: float) -> float:
    """A rate written without its sign as a fraction: 0.9692 as it is, 96.92 (a per cent typed in a
    General cell) as 0.9692 — past 1.5 no execution or score rate is a fraction."""
    return x / 100 if x > 1.5 else x


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
    ratio = abs(x) / ref
    if ratio == 0.0 or ratio == math.inf:  # 5e-324 against 100 underflows: no scale is closer
        return x
    as_is = abs(math.log(ratio))
    scaled = abs(math.log(ratio * 100))
    return x * 100 if scaled < as_is else x

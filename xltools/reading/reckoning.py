"""Reckonings a form prints in its column headers, read as the form states them.

Fujian's department table heads its money columns with their place and how each is worked out
(``年初部门预算安排金额①`` … ``小计④=①+②+③`` | ``年度拨付金额⑤`` | ``本年度结余金额⑦=④-⑤`` |
``资金结余率（%）⑧=⑦/④``); other forms tag them with letters (``全年预算数（A）``, ``结余（C=A-B）``)
or numbers in brackets (``全年执行数（3）``, ``执行率（4）=（3）/（2）``). The form itself says what
each such figure must be, so each is held to it (A343) — a sum or difference of figures of its
row, or one figure over another (a rate). Anything else a header may print
(``×权重``, a constant, brackets) is left alone rather than guessed at. A reckoning in words is read
where each word is the label of one other column of the row (``结余数=全年预算数-全年执行数``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .labels import label_key

_SIGNS = str.maketrans({"＝": "=", "＋": "+", "－": "-", "−": "-", "–": "-", "—": "-", "／": "/", "÷": "/",
                        "×": "*", "＊": "*", "（": "(", "）": ")", "％": "%", " ": "", "\u3000": ""})
#: ``⑦=④-⑤`` or ``④（①+②+③）`` (the column's own place, then its reckoning) or a lone ``①`` at either
#: end of the header
_CIRCLED_OWN = re.compile(r"([①-⑳])(?:=([①-⑳+\-*/%0-9()]+)|\(([①-⑳+\-*/]+)\))?$|^([①-⑳])")
#: ``（A）``, ``（C=A-B）`` or ``（B/A）``: a letter's place and reckoning in the header's last bracket
_LETTER_OWN = re.compile(r"\((?:([A-Z])(?:=([A-Z+\-*/%0-9]+))?|([A-Z][A-Z+\-*/%0-9]*[+\-/][A-Z][A-Z+\-*/%0-9]*))\)$")
_SUM = re.compile(r"[+-]?([①-⑳A-Z])(?:[+-][①-⑳A-Z])*$")
_RATIO = re.compile(r"([①-⑳A-Z])/([①-⑳A-Z])$")
_PER_CENT = re.compile(r"(?:\*100%?|%)$")
#: ``全年执行数（3）``, ``执行率（4）=（3）/（2）``: a place numbered in brackets, read as its circled digit
_CIRCLED_DIGIT = re.compile("[①-⑳]")
_NUMBERED = re.compile(r"\(([1-9]|1[0-9]|20)\)")


@dataclass(frozen=True, slots=True)
class Reckoning:
    """A column whose header states how its figure is worked out from other columns of its row."""

    column: int
    name: str  # the header without its place and reckoning: ``本年度结余金额``
    formula: str  # as printed: ``④-⑤``
    terms: tuple[tuple[int, int], ...]  # (sign, column) of a sum; (1, numerator), (1, denominator) of a ratio
    ratio: bool


def header_reckonings(texts: dict[int, str]) -> list[Reckoning]:
    """The reckonings stated by a header row's texts (column → text), each with the columns it
    names; a reckoning naming a place no header of the row holds is none."""
    claims: list[tuple[str, int]] = []  # (place, column)
    shown: dict[int, str] = {}  # a reckoning numbered in brackets, as printed
    stated: list[tuple[int, str, str]] = []
    for c, text in texts.items():
        s = text.strip().translate(_SIGNS)
        numbered = "(" in s and _NUMBERED.search(s) is not None
        if numbered:
            s = _NUMBERED.sub(lambda m: chr(0x245F + int(m.group(1))), s)
        m = _CIRCLED_OWN.search(s) if _CIRCLED_DIGIT.search(s) is not None else None
        if m is not None:
            own, formula, name = m.group(1) or m.group(4), m.group(2) or m.group(3), _CIRCLED_OWN.sub("", s)
        elif "(" in s and (m := _LETTER_OWN.search(s)) is not None:
            own, formula, name = m.group(1), m.group(2) or m.group(3), s[:m.start()]
        else:
            continue
        if own:
            claims.append((own, c))
        if formula:
            stated.append((c, name.removesuffix("(%)").strip() or s, formula))
            if numbered:
                shown[c] = _CIRCLED_DIGIT.sub(lambda m: f"({ord(m.group()) - 0x245F})", formula)
    places = _claimed_once(claims)
    out = _in_words(texts, {c for c, _, _ in stated})
    for c, name, formula in stated:
        bare = _PER_CENT.sub("", formula)
        if (m := _RATIO.match(bare)) is not None:
            tags, signs, ratio = m.groups(), (1, 1), True
        elif _SUM.match(bare) is not None:
            parts = re.findall(r"([+-]?)([①-⑳A-Z])", bare)
            tags, signs, ratio = tuple(t for _, t in parts), tuple(-1 if s == "-" else 1 for s, _ in parts), False
        else:
            continue
        if all(t in places and places[t] != c for t in tags):
            terms = tuple(zip(signs, (places[t] for t in tags), strict=True))
            out.append(Reckoning(c, name, shown.get(c, formula), terms, ratio))
    return out


_WORD_OPERAND = re.compile(r"[+\-/]")


def _in_words(texts: dict[int, str], tagged: set[int]) -> list[Reckoning]:
    """Reckonings in the other headers' own words (``结余数=全年预算数-全年执行数``,
    ``结余率=结余数/全年预算数×100%``): each word the label of exactly one other column of the row."""
    keys = _claimed_once((label_key(text), c) for c, text in texts.items())
    out = []
    for c, text in texts.items():
        s = text.strip().translate(_SIGNS)
        if c in tagged or "=" not in s:
            continue
        head, tail = s.split("=", 1)
        bare = _PER_CENT.sub("", tail)
        words = _WORD_OPERAND.split(bare)
        signs = [1, *(-1 if op == "-" else 1 for op in _WORD_OPERAND.findall(bare))]
        ratio = "/" in bare
        if not head or len(words) < 2 or (ratio and (len(words) != 2 or "+" in bare or "-" in bare)):
            continue
        cols = []
        for w in words:
            k = label_key(w) if w else ""
            if k not in keys or keys[k] == c:
                break
            cols.append(keys[k])
        else:
            terms = tuple(zip((1, 1) if ratio else signs, cols, strict=True))
            printed = re.split("[=＝]", text.strip(), maxsplit=1)[1]
            out.append(Reckoning(c, head.removesuffix("(%)").strip(), printed, terms, ratio))
    return out


def _claimed_once(claims: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Place (or label) → the column claiming it, for those one column alone claims: a place two
    headers claim names neither."""
    seen: dict[str, int] = {}
    twice: set[str] = set()
    for k, c in claims:
        if k in seen:
            twice.add(k)
        seen.setdefault(k, c)
    return {k: c for k, c in seen.items() if k not in twice}

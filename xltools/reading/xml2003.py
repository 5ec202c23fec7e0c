"""Excel 2003 XML spreadsheets (SpreadsheetML) named .xls: what Java report systems often export.

Excel and WPS open such a file as a workbook of its ``<Worksheet>`` elements; it is read here
into one :class:`Grid` per worksheet: ``ss:Index`` places a row or cell, ``ss:MergeAcross`` and
``ss:MergeDown`` are merged ranges, ``ss:Type`` says Number, DateTime, Boolean, String or Error
(an error value is a cell error, as python-calamine reports for .xlsx: A314).

Streamed (defusedxml's iterparse: no entity expansion, no external references) and bounded like
every reader: :data:`~xltools.reading.html.MAX_BYTES`, ``MAX_ROWS`` rows, :data:`MAX_COLS` columns,
spans clipped.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..grid import Grid, Range, padded
from .html import MAX_COLS, MAX_SPAN_AREA, SPAN_BUDGET
from .source import as_percent, number_shown

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
#: Styles read for their number formats (a workbook has tens; a hostile file could list millions).
MAX_STYLES = 10_000
#: The namespace of the format, looked for in a file's first kilobytes.
MARK = b"urn:schemas-microsoft-com:office:spreadsheet"


def is_xml2003(start: bytes) -> bool:
    """Whether a file beginning with ``start`` is Excel 2003 XML: a tag first, its namespace soon."""
    return start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and MARK in start


def read_xml2003(path: str, rows_limit: int) -> list[Grid]:
    """A grid per ``<Worksheet>``, at most ``rows_limit`` rows each; raises what the XML parser
    raises for a broken or hostile file (the caller turns it into one sentence)."""
    from defusedxml.ElementTree import iterparse

    grids: list[Grid] = []
    sheet = ""
    rows: list[list[object]] = []
    merged: list[Range] = []
    errors: dict[tuple[int, int], str] = {}
    r = c = -1
    budget = SPAN_BUDGET
    table = None
    shows: dict[str, Callable[[float], str]] = {}  # style → how it shows a number (``Percent``, ``0"人"``)
    style_id = ""
    for event, el in iterparse(path, events=("start", "end")):
        tag = el.tag
        if tag == SS + "NumberFormat" and event == "end" and len(shows) < MAX_STYLES:
            style, fmt = style_id, el.get(SS + "Format") or ""
            show = as_percent if fmt == "Percent" else number_shown(fmt) if fmt else None
            if show is not None and style:
                shows[style] = show
            continue
        if event == "start":
            if tag == SS + "Style":
                style_id = el.get(SS + "ID") or ""
                continue
            if tag == SS + "Worksheet":
                sheet, rows, merged, errors, r = el.get(SS + "Name") or f"Sheet{len(grids) + 1}", [], [], {}, -1
            elif tag == SS + "Table":
                table = el
            elif tag == SS + "Row":
                r = _index(el, r + 1)
                c = -1
            continue
        if tag == SS + "Cell":
            c = _index(el, c + 1)
            if 0 <= r < rows_limit and c < MAX_COLS:
                while len(rows) <= r:
                    rows.append([])
                row = rows[r]
                if len(row) <= c:
                    row.extend([""] * (c + 1 - len(row)))
                data = el.find(SS + "Data")
                if data is not None:
                    value, error = _value(data)
                    show = shows.get(el.get(SS + "StyleID") or "") if shows else None
                    if show is not None and isinstance(value, float) and el.get(SS + "Formula") is None:
                        value = show(value)  # as the sheet shows it: ``95%``, ``≥2000人`` (source._Scan.typed)
                    row[c] = value
                    if error:
                        errors[(r, c)] = error
                across, down = _count(el.get(SS + "MergeAcross")), _count(el.get(SS + "MergeDown"))
                across = min(across, MAX_COLS - 1 - c)
                if (across or down) and (across + 1) * (down + 1) <= min(MAX_SPAN_AREA, budget):
                    budget -= (across + 1) * (down + 1)
                    merged.append((r, c, r + down, c + across))
                c += across
            el.clear()
        elif tag == SS + "Row":
            if table is not None:
                del table[:]  # rows read are let go: memory stays flat over a long sheet
        elif tag == SS + "Worksheet":
            grids.append(Grid(sheet[:31], padded(rows), merged, errors=errors))
            el.clear()
    return grids


def _index(el: Element, default: int) -> int:
    """``ss:Index`` (1-based) as a 0-based position; never backwards."""
    n = _count(el.get(SS + "Index")) - 1
    return n if n >= default else default


def _count(value: str | None) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _value(data: Element) -> tuple[object, str]:
    """(value, error text) of a ``<Data>`` element."""
    kind = data.get(SS + "Type", "String")
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            x = float(text)
        except ValueError:
            return text.strip(), ""
        return (x, "") if math.isfinite(x) else ("", "#NUM!")  # 1E+400 or NaN: not a number a sheet holds
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.strip()[:19]), ""
        except ValueError:
            return text.strip(), ""
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE"), ""
    if kind == "Error":
        return "", text.strip()
    return text, ""

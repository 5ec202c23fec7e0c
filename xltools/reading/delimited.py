"""Tab- or comma-separated text named .xls (or .csv, .tsv, .txt): what older report systems export
as "Excel" besides web pages, and what Excel's 另存为「文本文件（制表符分隔）」 writes.

Excel and WPS open such a file (after a warning, under .xls) as one sheet, a cell per field; it is
read here the same way into one :class:`Grid`, cells taken as Excel takes them from a page
(reading.html: a plain number becomes a number, anything else stays text, ``001`` keeps its
zero). A file Excel would refuse — text named .xlsx, .xlsm or .ods — is still refused
(reading.source), as a misnamed or damaged file. The text is decoded as a page without a
charset is (byte-order mark, UTF-8, else GB18030); the delimiter is a tab when the first lines
hold one, else a comma. Bounded like every reader: :data:`~xltools.reading.html.MAX_BYTES`,
``MAX_ROWS`` rows, :data:`~xltools.reading.html.MAX_COLS` columns, lines of :data:`MAX_LINE`
characters, each field at most :data:`MAX_FIELD`.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator

from ..grid import Grid, padded
from .html import MAX_BYTES, MAX_COLS, decode_page, page_value

#: The suffixes under which Excel opens delimited text (under .xls after a warning); under any
#: other a text file is refused as not a workbook.
SUFFIXES = (".xls", ".et", ".csv", ".tsv", ".txt")
#: The longest field kept whole (a cell holds 32,767 characters in Excel).
MAX_FIELD = 32_767
#: The longest line read (the rest of it is cut): a table's row is a few kilobytes.
MAX_LINE = 1 << 20
_SNIFF_LINES = 20


def read_delimited(path: str, rows_limit: int) -> list[Grid]:
    """One grid of the file's fields, at most ``rows_limit`` rows of :data:`MAX_COLS` columns."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES)
    text = decode_page(data)
    del data
    head = text[:1 << 16]
    if "\n" not in head and "\r" in head:  # old Mac line ends
        text = text.replace("\r", "\n")
    delimiter = "\t" if any("\t" in line for line in head.splitlines()[:_SNIFF_LINES]) else ","
    rows: list[list[object]] = []
    try:
        for fields in csv.reader(_lines(text), delimiter=delimiter):
            if len(rows) >= rows_limit:
                break
            rows.append([page_value(f.strip()[:MAX_FIELD]) for f in fields[:MAX_COLS]])
    except csv.Error:  # a field past csv's limit (128 KB), a NUL: the rows read so far are the sheet
        pass
    while rows and not any(v != "" for v in rows[-1]):
        rows.pop()
    sheet = os.path.splitext(os.path.basename(path))[0][:31] or "Sheet1"
    return [Grid(sheet, padded(rows), [])]


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (no copy of the whole), each cut at :data:`MAX_LINE`:
    a line of a million commas must not become a million fields."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start)
        end = n if end < 0 else end + 1
        yield text[start:min(end, start + MAX_LINE)]
        start = end

"""Web pages saved as ``.xls``: what many budget and performance systems export as "Excel".

Such a file is an HTML table under an Excel name; Excel and WPS open it (after a warning) as one
sheet holding every table of the page, one below the other, with ``colspan``/``rowspan`` as
merged cells, plain numbers as numbers and, in a page Excel itself saved, the value a cell keeps
in ``x:num`` rather than the rounded text it shows. It is read here the same way into one :class:`Grid`,
so that a unit's exported self-evaluation is scored and summarised like the workbook it looks
like, instead of being refused as text.

The parse is linear and bounded (:data:`MAX_BYTES`, :data:`~xltools.reading.source.MAX_ROWS`
rows, spans clipped), as for any file that may be hostile.
"""

from __future__ import annotations

import os
import re
from html import unescape

from ..grid import Grid, Range, padded
from .source import MAX_SHEET_BYTES

#: Larger pages are not performance tables: the bound of a worksheet part, for a whole page.
MAX_BYTES = MAX_SHEET_BYTES
#: Columns read (Excel 2003's 256; a performance table has a few dozen): a page of cells pushed
#: ever further right by spans from above must not grow a grid of millions of blanks.
MAX_COLS = 256
#: How far one merged cell may reach (rows × columns), and all of them together: a cell with
#: rowspan="1000000" must not cost memory for a million covered cells, nor two thousand such cells
#: ten million. Past the budget a span is read as a single cell. (Excel 2003 XML likewise.)
MAX_SPAN_AREA = 5_000
SPAN_BUDGET = 100_000

_MARKS = (b"<html", b"<table", b"<!doctype html")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]{2,20})""")
_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML collapses these; a full-width space is text
#: A tag (its attributes up to the next ``<`` or ``>``: a search started at one tag stops at the
#: next, whatever a hostile page holds), or the start of a comment.
_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^<>]*)>|<!--")
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))""")
_STRUCTURE = frozenset(("table", "tr", "td", "th", "br"))
#: Elements whose content is not text of the page: skipped to their end tag.
_RAW_END = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}


def is_html(start: bytes) -> bool:
    """Whether a file beginning with ``start`` (its first few kilobytes) is a web page: it opens
    with a tag (``<!DOCTYPE``, ``<html``, ``<meta``, a comment) and holds ``<html`` or ``<table``."""
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):  # UTF-16: the marks, two bytes a character
        text = text[2:].replace(b"\x00", b"")
    return text.startswith(b"<") and any(mark in text for mark in _MARKS)


def read_html(path: str, rows_limit: int) -> list[Grid]:
    """The page's tables as one grid named after the file, as Excel shows them."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    parser = _Tables(rows_limit)
    parser.feed(decode_page(data[:MAX_BYTES]))
    parser.end_cell()
    sheet = os.path.splitext(os.path.basename(path))[0][:31] or "Sheet1"
    return [Grid(sheet, padded(parser.rows), parser.merged)]


def decode_page(data: bytes) -> str:
    """The page's text: by its byte-order mark, else the charset it declares, else UTF-8, else
    GB18030 (what systems on Chinese Windows write without saying so)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = _CHARSET.search(data, 0, 4096)
    if m:
        name = m[1].decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936") else name
        try:
            return data.decode(name, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def page_value(text: str) -> object:
    """A cell's text as Excel takes it from a page: a plain number becomes a number (``1,200.50``);
    anything else stays text (``95%``, ``≥90%``, ``001`` — a code, leading zero kept)."""
    if _NUMBER.fullmatch(text) and not (len(text) > 1 and text.startswith("0") and text[1] != "."):
        return float(text.replace(",", ""))
    return text


def _span(value: str | None, most: int) -> int:
    try:
        return min(max(int(value or 1), 1), most)
    except ValueError:
        return 1


class _Tables:
    """Rows of every top-level table, in page order; cells placed past those a ``rowspan`` from
    above covers; text of nested tables joins the cell holding them.

    Tags are found by one regular expression, not by ``html.parser``: only tables, rows, cells and
    line breaks matter here, and the standard parser took 7 ms for an 18 KB page of ``<font>``s."""

    def __init__(self, rows_limit: int) -> None:
        self.rows: list[list[object]] = []
        self.merged: list[Range] = []
        self.covered: set[tuple[int, int]] = set()  # cells a span from above or the left covers
        self.budget = SPAN_BUDGET  # covered cells still allowed
        self.limit = rows_limit
        self.depth = 0  # tables open
        self.row = -1
        self.col = 0
        self.text: list[str] | None = None  # the open cell's text
        self.span = (1, 1)
        self.num: str | None = None

    def feed(self, text: str) -> None:
        pos, n = 0, len(text)
        while pos < n:
            m = _TOKEN.search(text, pos)
            end = m.start() if m else n
            if end > pos and self.text is not None:
                chunk = text[pos:end]
                self.text.append(unescape(chunk) if "&" in chunk else chunk)
            if m is None:
                return
            pos = m.end()
            tag = m[2]
            if tag is None:  # a comment: to its end
                close = text.find("-->", pos)
                pos = n if close < 0 else close + 3
                continue
            tag = tag.lower()
            if m[1]:
                if tag in _STRUCTURE:
                    self.handle_endtag(tag)
            elif tag in _RAW_END:
                close = _RAW_END[tag].search(text, pos)
                pos = n if close is None else close.end()
            elif tag in _STRUCTURE:  # <font>, <span>, <b>… hold text, not cells
                self.handle_starttag(tag, m[3])

    def handle_starttag(self, tag: str, attr_text: str) -> None:
        if tag == "table":
            self.depth += 1
        elif self.depth != 1:
            if tag == "br" and self.text is not None:
                self.text.append("\n")
        elif tag == "tr":
            self.end_cell()
            if len(self.rows) < self.limit:
                self.rows.append([])
                self.row, self.col = len(self.rows) - 1, 0
            else:
                self.row = -1
        elif tag in ("td", "th"):
            self.end_cell()
            if self.row < 0 and not self.rows:  # a cell before any <tr>
                self.rows.append([])
                self.row, self.col = 0, 0
            a = {x[1].lower(): x[2] or x[3] or x[4] for x in _ATTR.finditer(attr_text)} if attr_text else {}
            cols = _span(a.get("colspan"), MAX_COLS)
            self.span = (_span(a.get("rowspan"), MAX_SPAN_AREA // cols), cols)
            self.text = [] if self.row >= 0 else None
            self.num = a.get("x:num")  # Excel's own pages keep the value here, the shown text in the cell
        elif tag == "br" and self.text is not None:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            if self.depth == 1:
                self.end_cell()
            self.depth = max(self.depth - 1, 0)
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self.end_cell()

    def end_cell(self) -> None:
        if self.text is None:
            return
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.text).split("\n"))
        text = "\n".join(line for line in lines if line)
        self.text = None
        r, row = self.row, self.rows[self.row]
        c = self.col
        while (r, c) in self.covered:
            c += 1
        if c >= MAX_COLS:
            return
        rows, cols = self.span
        cols = min(cols, MAX_COLS - c)
        if rows * cols > self.budget:
            rows = cols = 1
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        row[c] = page_value(text)
        if self.num:  # 114.123 shown as 114.12, 0.9692 as 96.92%: the value, as Excel reads it back
            try:
                row[c] = float(self.num)
            except ValueError:
                pass
        if rows > 1 or cols > 1:
            self.budget -= rows * cols
            self.merged.append((r, c, r + rows - 1, c + cols - 1))
            self.covered.update((rr, cc) for rr in range(r, r + rows) for cc in range(c, c + cols))
        self.col = c + cols

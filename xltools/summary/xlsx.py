"""A small streaming .xlsx writer for summaries: rows go straight into the zip, memory stays flat.

openpyxl serialises each cell through a generic XML tree (about 20 µs a cell); a summary of a
thousand projects with their findings has ~100,000 cells, so it would spend seconds where the
reading took one. This writer knows just what a summary needs: inline text (always text, so
``=1+1`` stays a name), numbers with a few number formats, a bold header, column widths, frozen
header rows, an autofilter, and one bar chart. The output opens in Excel, WPS, LibreOffice and
openpyxl (tests check the last two).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from ..grid import column_letter
from ..output import NOT_XML_CHARS, fit_cell, xml_safe

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: style index by number format ("" is General); index 1 is the bold header, 6 a link.
FORMATS = {"": 0, "bold": 1, "#,##0.00": 2, "0.00%": 3, "0.00": 4, "0": 5, "@": 0}
LINK_STYLE = 6
#: The red of what a reviewer looks at first (conditional formats, here and in ``--sheet``'s copy).
RED_TEXT, RED_FILL = "FF9C0006", "FFFFC7CE"
#: Excel takes at most 255 characters in a formula's string: a longer link stays plain text.
MAX_LINK = 255


class Link(NamedTuple):
    """A cell showing ``text`` that opens ``target`` (``../自评/a.xlsx#'绩效自评表'!G15``) when
    clicked: a HYPERLINK formula with ``text`` as its value, so readers of values see the text.
    (A named tuple: a batch makes one per finding, and a dataclass costs three times as much.)"""

    text: str
    target: str


#: Inside an Excel string literal only the quote is special: it is doubled.
QUOTE, QUOTES = '"', '""'


_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font>
<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="宋体"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
<dxfs count="1"><dxf><font><color rgb="{RED_TEXT}"/></font><fill><patternFill><bgColor rgb="{RED_FILL}"/></patternFill></fill></dxf></dxfs>
</styleSheet>"""


def escape(text: str) -> str:
    """``&``, ``<``, ``>`` as entities (``xml.sax.saxutils`` would import urllib and email: 20 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SPECIAL = re.compile(f"[&<>{NOT_XML_CHARS}]")


def _clean(text: str) -> str:
    """XML-escaped text without the characters XML 1.0 forbids, no longer than a cell holds
    (most text needs none of it)."""
    if _SPECIAL.search(text) is None:
        return fit_cell(text)
    return escape(xml_safe(text))


#: Printed as finance offices print a summary: A4 landscape, all columns on one page width, the
#: title and header rows on every page (``_xlnm.Print_Titles``), 第 N 页，共 M 页 in the footer.
PRINT = ('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
         "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>")

_LETTERS = [column_letter(i) for i in range(702)]  # A … ZZ; a summary has ~25 columns


#: Stands for the row number in a prepared row; XML 1.0 forbids the character, so text never holds it.
ROW = "\x00"


def prepare_row(values: list[object], formats: list[str] | None = None, bold: bool = False) -> str:
    """A row's XML with :data:`ROW` for its number: workers prepare rows, the writer only numbers them."""
    parts = [f'<row r="{ROW}">']
    add = parts.append
    text_style = ' s="1"' if bold else ""
    for i, v in enumerate(values):
        if v is None or v == "":
            continue
        if v.__class__ is str:
            add(f'<c r="{_LETTERS[i]}{ROW}" t="inlineStr"{text_style}><is><t xml:space="preserve">'
                f"{_clean(v)}</t></is></c>")
        elif v.__class__ is Link:
            text, to = v
            if len(to) > MAX_LINK or len(text) > MAX_LINK:
                add(f'<c r="{_LETTERS[i]}{ROW}" t="inlineStr"><is><t xml:space="preserve">{_clean(text)}</t></is></c>')
            else:
                shown = _clean(text)
                add(f'<c r="{_LETTERS[i]}{ROW}" s="{LINK_STYLE}" t="str"><f>HYPERLINK("{_clean(to).replace(QUOTE, QUOTES)}",'
                    f'"{shown.replace(QUOTE, QUOTES)}")</f><v>{shown}</v></c>')
        elif isinstance(v, int | float) and not isinstance(v, bool):
            if not math.isfinite(v):
                continue
            style = FORMATS.get(formats[i], 0) if formats else 0
            attr = f' s="{style}"' if style else ""
            add(f'<c r="{_LETTERS[i]}{ROW}"{attr}><v>{v!r}</v></c>')
        else:
            add(f'<c r="{_LETTERS[i]}{ROW}" t="inlineStr"{text_style}><is><t xml:space="preserve">'
                f"{_clean(str(v))}</t></is></c>")
    add("</row>")
    return "".join(parts)


class Sheet:
    def __init__(self, book: XlsxWriter, name: str, index: int, widths: list[float], order: int) -> None:
        self.book, self.name, self.index, self.rows, self.order = book, name, index, 0, order
        self.ncols = len(widths)
        self.filtered: int | None = None  # the autofilter's last row, when rows below it are not data
        self.highlights: list[tuple[int, str]] = []  # (column, condition): see highlight()
        self.chart_anchor: str | None = None
        self._buffer: list[str] = []
        self.fh = book.zf.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True)
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
        selected = ' tabSelected="1"' if order == 1 else ""
        self._write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}" '
                    f'xmlns:r="{REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
                    f'<sheetViews><sheetView workbookViewId="0"{selected}>'
                    '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView>'
                    f'</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')

    def _write(self, s: str) -> None:
        self.fh.write(s.encode("utf-8"))

    def append(self, values: list[object], formats: list[str] | None = None, bold: bool = False) -> None:
        self.append_prepared(prepare_row(values, formats, bold))

    def append_prepared(self, row: str) -> None:
        """Append a row made by :func:`prepare_row` (perhaps in a worker process)."""
        self.rows += 1
        self._buffer.append(row.replace(ROW, str(self.rows)))
        if len(self._buffer) >= 512:
            self._flush()

    def end_filter(self) -> None:
        """The rows appended from here on (a 合计 row) stay below the autofilter's range: a
        filter neither hides them nor sorts them among the data."""
        self.filtered = self.rows

    def highlight(self, col: int, condition: str) -> None:
        """Show the data cells of column ``col`` (0-based) in red where ``condition`` holds: an
        Excel formula with ``{c}`` for the cell (``AND(ISNUMBER({c}),{c}<0.9)``). A conditional
        format, so the colour follows the value when a reviewer corrects it in the summary."""
        self.highlights.append((col, condition))

    @property
    def filter_last(self) -> int:
        """The autofilter's last row (and its _FilterDatabase name's): at least one below the header."""
        return max(3, self.rows if self.filtered is None else self.filtered)

    def _flush(self) -> None:
        self._write("".join(self._buffer))
        self._buffer.clear()

    def close(self) -> None:
        self._flush()
        last = self.filter_last
        tail = f'</sheetData><autoFilter ref="A2:{column_letter(self.ncols - 1)}{last}"/>'
        for priority, (col, condition) in enumerate(self.highlights, start=1):
            letter = _LETTERS[col]
            formula = escape(condition.replace("{c}", f"{letter}3"))
            tail += (f'<conditionalFormatting sqref="{letter}3:{letter}{last}"><cfRule type="expression" dxfId="0" '
                     f'priority="{priority}"><formula>{formula}</formula></cfRule></conditionalFormatting>')
        tail += '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        tail += PRINT
        if self.chart_anchor:
            tail += '<drawing r:id="rId1"/>'
        self._write(tail + "</worksheet>")
        self.fh.close()


class XlsxWriter:
    """``with XlsxWriter(path) as w: s = w.sheet(name, widths); s.append([...]); ...``."""

    def __init__(self, path: str) -> None:
        import zipfile  # here, not above: validate imports this package, and zipfile is 10 ms to start

        self.zf = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.sheets: list[Sheet] = []
        self._open: Sheet | None = None
        self.charts: list[tuple[Sheet, str, int]] = []

    def sheet(self, name: str, widths: list[float], order: int | None = None) -> Sheet:
        """Start the next sheet; ``order`` is its tab position (sheets may be written in any order)."""
        if self._open is not None:
            self._open.close()
        s = Sheet(self, name, len(self.sheets) + 1, widths, order or len(self.sheets) + 1)
        self.sheets.append(s)
        self._open = s
        return s

    def bar_chart(self, sheet: Sheet, title: str, rows: int, anchor: str = "E3") -> None:
        """A bar chart of column B (values) by column A (categories), rows 3..rows+2 of ``sheet``."""
        sheet.chart_anchor = anchor
        self.charts.append((sheet, title, rows))

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._open is not None:
            self._open.close()
        if exc[0] is None:
            self._finish()
        self.zf.close()

    def abandon(self) -> None:
        """Close what is open without finishing the workbook (it is about to be deleted): the
        sheet being written still holds the zip, which refuses to close under it."""
        if self._open is not None:
            self._open.fh.close()
            self._open = None
        self.zf.close()

    def _finish(self) -> None:
        w = self.zf.writestr
        n = len(self.sheets)
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
        for k in range(1, len(self.charts) + 1):
            overrides += (f'<Override PartName="/xl/drawings/drawing{k}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.drawing+xml"/>'
                          f'<Override PartName="/xl/charts/chart{k}.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.drawingml.chart+xml"/>')
        w("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="'
          'http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
          'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
          'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="'
          f'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>')
        w("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
          'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
          f'{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        tabs = sorted(self.sheets, key=lambda s: s.order)
        sheets = "".join(f'<sheet name="{escape(s.name)}" sheetId="{s.index}" r:id="rId{s.index}"/>' for s in tabs)
        names = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{k}" hidden="1">'
                        f"'{escape(s.name)}'!$A$2:${column_letter(s.ncols - 1)}${s.filter_last}</definedName>"
                        for k, s in enumerate(tabs))
        names += "".join(f'<definedName name="_xlnm.Print_Titles" localSheetId="{k}">\'{escape(s.name)}\'!$1:$2'
                         "</definedName>" for k, s in enumerate(tabs))
        w("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{NS}" '
          f'xmlns:r="{REL}"><bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>'
          f"<definedNames>{names}</definedNames></workbook>")
        rels = "".join(f'<Relationship Id="rId{s.index}" Type="{REL}/worksheet" Target="worksheets/sheet{s.index}.xml"/>'
                       for s in self.sheets)
        rels += f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        w("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
          f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        w("xl/styles.xml", _STYLES)
        for k, (sheet, title, rows) in enumerate(self.charts, start=1):
            self._chart(k, sheet, title, rows)

    def _chart(self, k: int, sheet: Sheet, title: str, rows: int) -> None:
        w = self.zf.writestr
        pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
        w(f"xl/worksheets/_rels/sheet{sheet.index}.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{REL}/drawing" '
          f'Target="../drawings/drawing{k}.xml"/></Relationships>')
        w(f"xl/drawings/_rels/drawing{k}.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{REL}/chart" Target="../charts/chart{k}.xml"/>'
          "</Relationships>")
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
        w(f"xl/drawings/drawing{k}.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
          f'xmlns:a="{a}" xmlns:r="{REL}" xmlns:c="{c}"><xdr:twoCellAnchor>'
          "<xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
          "<xdr:to><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>18</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
          '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="chart"/><xdr:cNvGraphicFramePr/>'
          '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
          f'<a:graphicData uri="{c}"><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>'
          "<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>")
        ref = f"'{escape(sheet.name)}'"
        last = rows + 2
        w(f"xl/charts/chart{k}.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<c:chartSpace xmlns:c="{c}" xmlns:a="{a}" xmlns:r="{REL}"><c:chart><c:title><c:tx><c:rich><a:bodyPr/>'
          f"<a:p><a:r><a:t>{escape(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>"
          '<c:autoTitleDeleted val="0"/><c:plotArea><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
          f'<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>{ref}!$B$2</c:f>'
          f'</c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:cat><c:strRef><c:f>{ref}!$A$3:$A${last}</c:f></c:strRef></c:cat>'
          f"<c:val><c:numRef><c:f>{ref}!$B$3:$B${last}</c:f></c:numRef></c:val></c:ser>"
          '<c:axId val="10"/><c:axId val="20"/></c:barChart><c:catAx><c:axId val="10"/><c:scaling>'
          '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="20"/>'
          '</c:catAx><c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
          '<c:delete val="0"/><c:axPos val="l"/><c:crossAx val="10"/></c:valAx></c:plotArea>'
          '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>')

"""Builders of hostile workbooks: zip bomb, entity expansion, a million rows, files in disguise."""

from __future__ import annotations

import zipfile
import zlib

_BLOCK = b" " * (1 << 20)


class _RepeatCompressor:
    """Deflate that emits one precompressed block for each 1 MiB of spaces.

    Each piece ends with a full flush (byte-aligned, no back-references), so concatenated pieces
    form one valid stream: a real 1 GiB bomb is written in a fraction of a second.
    """

    def __init__(self) -> None:
        c = zlib.compressobj(1, zlib.DEFLATED, -15)
        self.block = c.compress(_BLOCK) + c.flush(zlib.Z_FULL_FLUSH)
        self.real = zlib.compressobj(1, zlib.DEFLATED, -15)

    def compress(self, data: bytes) -> bytes:
        if data is _BLOCK:
            return self.block
        return self.real.compress(data) + self.real.flush(zlib.Z_FULL_FLUSH)

    def flush(self) -> bytes:
        return self.real.flush()


def zip_bomb(src: str, out: str, megabytes: int = 1100) -> None:
    """``src`` with its first sheet padded by ``megabytes`` MiB of spaces (valid CRC and sizes)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                zo.writestr(item, data)
                continue
            with zo.open(item.filename, "w", force_zip64=True) as f:
                f._compressor = _RepeatCompressor()  # type: ignore[attr-defined]
                i = data.index(b"<sheetData")
                f.write(data[:i])
                for _ in range(megabytes):
                    f.write(_BLOCK)
                f.write(data[i:])


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "' + "&lol;" * 10 + '">'
          + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)) + "]>")


def entity_expansion(src: str, out: str) -> None:
    """``src`` with a billion-laughs DOCTYPE in its sheet and shared strings."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                text = data.decode()
                i = text.index("?>") + 2 if "?>" in text else 0
                text = text[:i] + LAUGHS + text[i:]
                text = text.replace("<t>", "<t>&lol9;", 1)
                data = text.encode()
            zo.writestr(item, data)


_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
       '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
       '<sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WBRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def million_rows(out: str, rows: int = 1_000_000) -> None:
    """A plain data sheet with ``rows`` rows, written as raw XML (openpyxl would take minutes)."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WBRELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            chunk = []
            for r in range(1, rows + 1):
                chunk.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c><c r="B{r}"><v>{r}</v></c></row>')
                if len(chunk) == 20000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode())
            f.write(b"</sheetData></worksheet>")


def with_escaped_characters(src: str, out: str, marker: bytes = b"VTAB", escape: bytes = b"_x000B_") -> None:
    """``src`` with every ``marker`` in its sheet XML replaced by an OOXML escape such as ``_x000B_``.

    That is how Excel stores a vertical tab (Word's line break, pasted into a cell): a character
    XML 1.0 cannot hold, which the reader decodes and every writer must leave out.
    """
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, data.replace(marker, escape) if info.filename.startswith("xl/") else data)


def with_sheet_xml(src: str, out: str, rows: bytes = b"", replace: tuple[bytes, bytes] | None = None,
                   part: str = "xl/worksheets/sheet1.xml") -> None:
    """``src`` with raw ``rows`` appended to a sheet's data and/or one ``replace`` made in it."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename == part:
                if replace is not None:
                    assert replace[0] in data, replace[0]
                    data = data.replace(*replace)
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            zo.writestr(item, data)


def ods_with(out: str, rows: str) -> None:
    """A minimal OpenDocument spreadsheet whose one sheet (表1) holds ``rows`` (table-row XML)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="表1">{rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        zo.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zo.writestr("META-INF/manifest.xml", manifest)
        zo.writestr("content.xml", content)


def xlsx_with_shared_strings(out: str, strings: list[str], unique_count: int | None = None) -> None:
    """A minimal .xlsx whose first row holds ``strings`` through xl/sharedStrings.xml (as Excel
    writes text), declaring ``unique_count`` of them (their number unless given)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(strings)))
    count = len(strings) if unique_count is None else unique_count
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" sheetId="1" '
                           'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" '
                                      f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/'
                                      'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{len(strings)}" uniqueCount="{count}">'
                                + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>",
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for name, text in parts.items():
            zo.writestr(name, text)


def prefixed(src: str, out: str, rows: bytes = b"") -> None:
    """``src`` with its worksheets' elements prefixed (``<x:c r="A1">``, as the .NET Open XML SDK
    writes them), ``rows`` (unprefixed XML) added at the end of the first sheet's data."""
    import re

    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                if item.filename.endswith("sheet1.xml"):
                    data = data.replace(b"</sheetData>", rows + b"</sheetData>")
                data = data.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                                    b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
                data = re.sub(rb"<(/?)(?![?!])([A-Za-z]\w*)", rb"<\1x:\2", data)
            zo.writestr(item, data)

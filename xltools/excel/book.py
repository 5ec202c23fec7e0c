"""The small workbook protocol between the core and a spreadsheet that is open somewhere.

The Excel buttons need exactly these operations: read each sheet's values as a grid, put a note
and a fill on a cell (and take them away again), replace a result sheet, write a few values,
and talk to the user. :class:`FileBook` implements them over a real .xlsx (openpyxl for writing,
python-calamine for reading, as the file reader does), so the entry functions are tested end to
end on Linux; :mod:`.xlwings_book` implements them over a running Excel in a few lines.
"""

from __future__ import annotations

import os
from typing import Protocol

from ..grid import Grid


class Book(Protocol):
    """What :mod:`xltools.excel` needs from an open workbook."""

    path: str

    def grids(self) -> list[Grid]: ...
    def sheet_names(self) -> list[str]: ...
    def get_note(self, sheet: str, cell: str) -> str | None: ...
    def set_note(self, sheet: str, cell: str, text: str | None) -> None: ...
    def get_fill(self, sheet: str, cell: str) -> str | None: ...
    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None: ...
    def is_formula(self, sheet: str, cell: str) -> bool: ...
    def write(self, sheet: str, cell: str, value: object) -> None: ...
    def replace_sheet(self, name: str, rows: list[list[object]], hidden: bool = False) -> None: ...
    def delete_sheet(self, name: str) -> None: ...
    def read_sheet(self, name: str) -> list[list[object]]: ...
    def alert(self, title: str, text: str) -> None: ...
    def ask_folder(self, prompt: str) -> str | None: ...
    def open_book(self, path: str) -> None: ...


class FileBook:
    """A workbook file standing in for the open Excel workbook (tests, batch use on Linux).

    Changes stay in memory until :meth:`save`, as they would in an Excel session until the
    user saves.
    """

    def __init__(self, path: str, *, folder_answer: str | None = None) -> None:
        from openpyxl import load_workbook

        self.path = os.fspath(path)
        self.wb = load_workbook(self.path, keep_vba=self.path.lower().endswith(".xlsm"), rich_text=True)
        self.alerts: list[tuple[str, str]] = []
        self.opened: list[str] = []
        self.folder_answer = folder_answer
        self.changed = False  # a value written since the file was read: grids() reads the workbook in memory

    def grids(self) -> list[Grid]:
        """The cells as they stand: the file's, or, once a value was written, the workbook in
        memory saved to a temporary copy — as the buttons read a copy Excel saves (xlwings_book)."""
        from ..reading.source import load_grids

        if not self.changed:
            return load_grids(self.path)
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="xltools-")
        try:
            copy = os.path.join(folder, "copy" + (os.path.splitext(self.path)[1] or ".xlsx"))
            self.wb.save(copy)
            return load_grids(copy)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def sheet_names(self) -> list[str]:
        return list(self.wb.sheetnames)

    def _cell(self, sheet: str, cell: str):  # noqa: ANN202
        from ..annotate import target_cell

        return target_cell(self.wb[sheet], cell)

    def get_note(self, sheet: str, cell: str) -> str | None:
        c = self._cell(sheet, cell)
        return c.comment.text if c.comment is not None else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        from openpyxl.comments import Comment

        from ..output import xml_safe

        c = self._cell(sheet, cell)
        if text is None:
            c.comment = None
        else:
            note = Comment(xml_safe(text), "xltools")
            note.width, note.height = 320, 120
            c.comment = note

    def get_fill(self, sheet: str, cell: str) -> str | None:
        fill = self._cell(sheet, cell).fill
        if fill is None or fill.fill_type != "solid":
            return None
        rgb = fill.fgColor.rgb
        return rgb[-6:] if isinstance(rgb, str) else None

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        from openpyxl.styles import PatternFill

        c = self._cell(sheet, cell)
        c.fill = PatternFill(fill_type=None) if rgb is None else PatternFill("solid", start_color=rgb, end_color=rgb)

    def is_formula(self, sheet: str, cell: str) -> bool:
        c = self._cell(sheet, cell)
        return c.data_type == "f"

    def write(self, sheet: str, cell: str, value: object) -> None:
        from ..annotate import write_text

        write_text(self._cell(sheet, cell), value)
        self.changed = True

    def replace_sheet(self, name: str, rows: list[list[object]], hidden: bool = False) -> None:
        from ..annotate import write_text

        self.delete_sheet(name)
        ws = self.wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                write_text(ws.cell(r, c), v)
        if hidden:
            ws.sheet_state = "hidden"
        self.changed = True

    def delete_sheet(self, name: str) -> None:
        if name in self.wb.sheetnames:
            del self.wb[name]
            self.changed = True

    def read_sheet(self, name: str) -> list[list[object]]:
        if name not in self.wb.sheetnames:
            return []
        return [list(r) for r in self.wb[name].iter_rows(values_only=True)]

    def alert(self, title: str, text: str) -> None:
        self.alerts.append((title, text))

    def ask_folder(self, prompt: str) -> str | None:
        return self.folder_answer

    def open_book(self, path: str) -> None:
        self.opened.append(path)

    def save(self, path: str | None = None) -> None:
        self.wb.save(path or self.path)

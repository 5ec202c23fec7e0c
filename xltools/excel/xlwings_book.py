"""The :class:`~xltools.excel.book.Book` protocol over a running Excel, through xlwings.

A few lines per operation and no logic, on purpose: everything else is tested on Linux through
:class:`~xltools.excel.book.FileBook`; these calls need Excel and are not tested here
(macros/README.md says so). The cells are read from a copy of the workbook as it stands
(``Workbook.SaveCopyAs``: unsaved changes included), as the command line reads a file — numbers as
they show (``95%``, ``≥2000人``), merged and hidden cells; where Excel cannot save a copy (Excel for
Mac, a workbook in protected view) they are read over COM, values only: merged ranges are not read
there (the reader fills 一级指标 and 二级指标 forward, which gives the same rows) and a percentage
is its fraction.
"""

from __future__ import annotations

import contextlib
import os
import tempfile

from ..grid import Grid, take_errors

#: What a copy of the workbook may be saved as and read back (by its own extension, as Excel saves
#: a copy in the workbook's format); a workbook of another format is read over COM.
_COPYABLE = (".xlsx", ".xlsm", ".xls")


class XlwingsBook:
    def __init__(self, book) -> None:  # noqa: ANN001  (an xlwings.Book)
        self.book = book
        self.path = book.fullname

    @classmethod
    def caller(cls) -> XlwingsBook:
        import xlwings as xw

        return cls(xw.Book.caller())

    def grids(self) -> list[Grid]:
        copied = self._grids_of_a_copy()
        return copied if copied is not None else self._grids_over_com()

    def _grids_of_a_copy(self) -> list[Grid] | None:
        from ..reading.source import load_grids

        suffix = os.path.splitext(self.book.name)[1].lower() or ".xlsx"  # (a new book, never saved: Book1)
        if suffix not in _COPYABLE:
            return None
        folder = tempfile.mkdtemp(prefix="xltools-")
        copy = os.path.join(folder, f"copy{suffix}")
        try:
            self.book.api.SaveCopyAs(copy)
            return load_grids(copy)
        except Exception:  # noqa: BLE001  (a COM error, a copy Excel would not write: read over COM)
            return None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(copy)
            with contextlib.suppress(OSError):
                os.rmdir(folder)

    def _grids_over_com(self) -> list[Grid]:
        out = []
        for sheet in self.book.sheets:
            used = sheet.used_range
            values = used.options(ndim=2, err_to_str=True).value or []
            r0, c0 = used.row - 1, used.column - 1
            rows = [[""] * (c0 + len(values[0]) if values else 0) for _ in range(r0)]
            rows += [[""] * c0 + ["" if v is None else v for v in row] for row in values]
            out.append(Grid(sheet.name, rows, errors=take_errors(rows), hidden=not sheet.visible))
        return out

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def get_note(self, sheet: str, cell: str) -> str | None:
        note = self.book.sheets[sheet][cell].note
        return note.text if note is not None else None

    def set_note(self, sheet: str, cell: str, text: str | None) -> None:
        rng = self.book.sheets[sheet][cell]
        if rng.note is not None:
            rng.note.delete()
        if text is not None:
            rng.api.AddComment(text)

    def get_fill(self, sheet: str, cell: str) -> str | None:
        color = self.book.sheets[sheet][cell].color
        return None if color is None else "{:02X}{:02X}{:02X}".format(*color)

    def set_fill(self, sheet: str, cell: str, rgb: str | None) -> None:
        self.book.sheets[sheet][cell].color = None if rgb is None else f"#{rgb}"

    def is_formula(self, sheet: str, cell: str) -> bool:
        return str(self.book.sheets[sheet][cell].formula).startswith("=")

    def write(self, sheet: str, cell: str, value: object) -> None:
        rng = self.book.sheets[sheet][cell]
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
            rng.number_format = "@"  # text stays text
        rng.value = value

    def replace_sheet(self, name: str, rows: list[list[object]], hidden: bool = False) -> None:
        self.delete_sheet(name)
        ws = self.book.sheets.add(name, after=self.book.sheets[-1])
        ws.range("A1").number_format = "@"
        if rows:
            ws.range("A1").value = rows
        ws.visible = not hidden

    def delete_sheet(self, name: str) -> None:
        if name in self.sheet_names():
            self.book.sheets[name].delete()

    def read_sheet(self, name: str) -> list[list[object]]:
        if name not in self.sheet_names():
            return []
        return self.book.sheets[name].used_range.options(ndim=2).value or []

    def alert(self, title: str, text: str) -> None:
        self.book.app.alert(text, title=title)

    def ask_folder(self, prompt: str) -> str | None:
        dialog = self.book.app.api.FileDialog(4)  # msoFileDialogFolderPicker
        dialog.Title = prompt
        return dialog.SelectedItems(1) if dialog.Show() == -1 else None

    def open_book(self, path: str) -> None:
        import xlwings as xw

        xw.Book(path)

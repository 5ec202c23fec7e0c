"""The one exception family of xltools.

The CLI turns any :class:`XltoolsError` into a single clear line and an exit code; anything else
is a bug and keeps its traceback (behind ``--debug``). Messages are Chinese first because they
reach finance officers; ``message(lang)`` gives the English text for ``--lang en``.
"""

from __future__ import annotations


class XltoolsError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class UnreadableWorkbook(XltoolsError):
    """The file cannot be read as a workbook (corrupt, encrypted, empty, wrong format, hostile)."""

    exit_code = 2


class UnknownTable(UnreadableWorkbook):
    """The workbook reads, but holds none of the tables xltools knows."""

    def __init__(self, zh: str, en: str | None = None, *, sheets: list[str] | None = None,
                 skipped: list[tuple[str, str]] | None = None) -> None:
        super().__init__(zh, en)
        self.sheets = sheets or []
        self.skipped = skipped or []  # sheets too large to read: (name, far corner or "")

    def skipped_note(self, lang: str = "zh") -> str:
        return skipped_note(self.skipped, lang)


def skipped_note(skipped: list[tuple[str, str]], lang: str = "zh") -> str:
    """``；过大未读取：…`` for a message, naming the far cell that makes a sheet too wide to read."""
    if not skipped:
        return ""
    if lang == "en":
        return "; too large, not read: " + ", ".join(
            f"{s} (a value at {far} makes its used range too large; delete it — Ctrl+End finds it — and try again)"
            if far else s for s, far in skipped)
    return "；过大未读取：" + "、".join(
        f"{s}（{far} 处有内容，使已用区域过大；删除远处的内容（Ctrl+End 可定位）后再试）" if far else s
        for s, far in skipped)


def internal_error(e: BaseException, lang: str = "zh") -> str:
    """What a batch says of the one file on which xltools itself failed (a bug), and goes on."""
    if lang == "en":
        return f"xltools internal error ({e!r}): this file was not checked; please send it to the maintainers"
    return f"xltools 内部错误（{e!r}）：该文件未能校验；请把该文件发给维护者"


def crashed(lang: str = "zh") -> str:
    """What a batch says of a file while reading which its process died (python-calamine aborts
    on some damaged files; the kernel ends a process out of memory), and goes on."""
    if lang == "en":
        return ("the process reading this file stopped (a damaged or hostile file, or too little memory); "
                "skipped — open it in Excel and save it again")
    return "读取该文件时进程意外终止（文件可能已损坏或被篡改，或内存不足），已跳过；请在 Excel 中打开并另存后再试"


class RulesError(XltoolsError):
    """A rule set file is missing or malformed."""

    exit_code = 2


class UsageError(XltoolsError):
    """The command was asked something it cannot do with these arguments (exit code 2)."""

    exit_code = 2


def no_workbook_found(paths: list[str]) -> UsageError:
    """Folders given that hold no workbook: a wrong folder, most likely (validate and summarize alike)."""
    where = "、".join(paths)
    return UsageError(f"{where}：没有找到工作簿（.xlsx/.xlsm/.xls/.et/.ods）。",
                      f"{where}: no workbook found (.xlsx/.xlsm/.xls/.et/.ods).")


class OutputError(XltoolsError):
    """An output file cannot be written as asked (exists without --force, would lose content)."""

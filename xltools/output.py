"""Writing files safely: never over the input, never over an existing file without ``force``,
and always through a temporary file beside the target that is renamed into place, so a reader
never sees half a workbook and a failure leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import time
from collections.abc import Iterator

from .errors import OutputError, UsageError

#: What XML 1.0 cannot hold: C0 controls but tab, newline and return; U+FFFE, U+FFFF; lone
#: surrogates. Real workbooks do carry some (Word's line break, a vertical tab, pasted into Excel
#: is stored as ``_x000B_``), and openpyxl refuses them, so text is cleaned before it is written.
NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"  # a regex character class body
_NOT_XML = re.compile(f"[{NOT_XML_CHARS}]")


#: The most a cell (or a note) holds, in UTF-16 code units. A source cell cannot be longer, but
#: a message quoting one can, and Excel then "finds a problem with some content" of our output.
MAX_TEXT = 32_767


def xml_safe(text: str) -> str:
    """``text`` without the characters an .xlsx cannot hold (see :data:`_NOT_XML`), and cut to
    what a cell holds (:func:`fit_cell`)."""
    return fit_cell(_NOT_XML.sub("", text))


def fit_cell(text: str) -> str:
    """``text``, or its first 32,766 units and ``…`` when it is longer than a cell holds."""
    if len(text) <= MAX_TEXT // 2:  # the common case: nothing to count
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * MAX_TEXT:
        return text
    return units[:2 * (MAX_TEXT - 1)].decode("utf-16-le", "ignore") + "…"


def check_output(out: str, *, force: bool = False, src: str | None = None, suffix: str | None = None) -> None:
    """Refuse to write ``out`` over the input ``src``, or over an existing file without ``force``;
    and, given the ``suffix`` of what is written (``.xlsx``, or ``.xlsm`` for a copy that keeps its
    macros), under a name without it: Excel and WPS open a file by its extension, so an .xlsx
    written as ``模板.csv`` or ``修正.xls`` opened as garbage, and one written as ``.xlsm`` not at all."""
    if suffix is not None and not out.lower().endswith(suffix):
        name = os.path.basename(out)
        stem = os.path.splitext(name)[0] or name
        raise UsageError(f"输出文件 {name} 应以 {suffix} 结尾（Excel 和 WPS 按扩展名打开文件），如 {stem}{suffix}",
                         f"the output {name} should end in {suffix} (Excel and WPS open a file by its extension), "
                         f"e.g. {stem}{suffix}")
    if not os.path.exists(out):
        return
    name = os.path.basename(out)
    if src is not None and os.path.exists(src) and os.path.samefile(src, out):
        raise OutputError(f"{name}：输出会覆盖原文件，请换一个输出位置。",
                          f"{name}: the output would overwrite the input; choose another place.")
    if not force:
        raise OutputError(f"{name}：文件已存在；加 --force 覆盖。", f"{name}: exists; pass --force to overwrite.")


#: Temporary files being written: removed when a signal ends the command (:mod:`xltools.command`),
#: which otherwise leaves a half-written ``.xltools-…`` file beside the output.
PENDING: set[str] = set()


def remove_pending() -> None:
    for path in list(PENDING):
        with contextlib.suppress(OSError):
            os.unlink(path)


@contextlib.contextmanager
def atomic_path(out: str) -> Iterator[str]:
    """A temporary path beside ``out``, renamed to ``out`` when the block succeeds."""
    folder = os.path.dirname(os.path.abspath(out))
    try:
        os.makedirs(folder, exist_ok=True)
        tmp = _new_file_beside(folder, os.path.splitext(out)[1] or ".xlsx")
    except OSError as e:
        raise OutputError(f"无法写入 {folder}（{e.strerror or e}）；请换一个输出位置。",
                          f"cannot write to {folder} ({e.strerror or e}); choose another place.") from None
    PENDING.add(tmp)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        PENDING.discard(tmp)
        if os.path.exists(tmp):
            os.unlink(tmp)


def _new_file_beside(folder: str, suffix: str) -> str:
    """A new empty file in ``folder``, created exclusively so that it never replaces another.

    Unlike ``tempfile.mkstemp`` (mode 0600, and 5 ms of imports) it is created with the user's
    umask, so a summary written into a shared folder can be opened by colleagues.
    """
    stem = f".xltools-{os.getpid()}-{time.time_ns() % 1_000_000_000}"
    for n in range(1000):
        path = os.path.join(folder, f"{stem}-{n}{suffix}")
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path
    raise OutputError(f"无法在 {folder} 中创建临时文件", f"cannot create a temporary file in {folder}")


def save_workbook(wb, out: str, source: str | None = None) -> str:  # noqa: ANN001  (an openpyxl Workbook)
    """Write ``wb`` to ``out`` atomically. With ``source`` (the user's workbook it was loaded
    from), what openpyxl cannot write back — a damaged cell it loaded without complaint, such as
    a date with no value — is a clear refusal, and nothing is left behind."""
    try:  # openpyxl print()s some oddities of a loaded file ("18 is out of range"): not on our stdout
        with atomic_path(out) as tmp, contextlib.redirect_stdout(io.StringIO()) if source else contextlib.nullcontext():
            wb.save(tmp)
    except Exception as e:
        if source is None or isinstance(e, OutputError | OSError):
            raise
        name = os.path.basename(source)
        raise OutputError(f"{name}：含有无法写回的内容（{type(e).__name__}，文件可能已损坏），未生成副本；"
                          "请在 Excel 中打开并另存后再试。",
                          f"{name}: holds content that cannot be written back ({type(e).__name__}; the file may be "
                          "damaged); no copy written — open it in Excel, save it and retry.") from None
    return out


def copy_suffix(src: str) -> str:
    """The suffix a copy of ``src`` is written under: .xlsm keeps its macros (and must be named
    so), anything else is written as an .xlsx."""
    return ".xlsm" if src.lower().endswith(".xlsm") else ".xlsx"

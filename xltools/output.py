"""Writing files safely: never over the input, never over an existing file without ``force``,
and always through a temporary file beside the target that is renamed into place, so a reader
never sees half a workbook and a failure leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator

from .errors import OutputError


def check_output(out: str, *, force: bool = False, src: str | None = None) -> None:
    """Refuse to write ``out`` over the input ``src``, or over an existing file without ``force``."""
    if not os.path.exists(out):
        return
    name = os.path.basename(out)
    if src is not None and os.path.exists(src) and os.path.samefile(src, out):
        raise OutputError(f"{name}：输出会覆盖原文件，请换一个输出位置。",
                          f"{name}: the output would overwrite the input; choose another place.")
    if not force:
        raise OutputError(f"{name}：文件已存在；加 --force 覆盖。", f"{name}: exists; pass --force to overwrite.")


@contextlib.contextmanager
def atomic_path(out: str) -> Iterator[str]:
    """A temporary path beside ``out``, renamed to ``out`` when the block succeeds."""
    folder = os.path.dirname(os.path.abspath(out))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xltools-", suffix=os.path.splitext(out)[1] or ".xlsx", dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save_workbook(wb, out: str) -> str:  # noqa: ANN001  (an openpyxl Workbook)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out

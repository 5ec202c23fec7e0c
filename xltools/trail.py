"""Which workbook this process is reading, kept in memory it shares with the command's guard.

python-calamine can abort the process on a damaged file (a Rust abort: no exception, no
message), and then nothing of the process is left to say which file it was. The guard
(:mod:`xltools.command`) maps a page shared with the command's process before forking it; the
reader writes the path there before opening a workbook and clears it after, so the guard can
name the file in its one sentence. A summary's workers do not write it: their crash is caught
by the pool, which names the file itself (``summary.pool``).
"""

from __future__ import annotations

import mmap
import os

_SIZE = 4096  # a path longer than this is cut: the guard's sentence only needs to be recognisable
_shared: mmap.mmap | None = None


def share() -> mmap.mmap:
    """The page the guard reads after its child died; call before forking."""
    global _shared
    _shared = mmap.mmap(-1, _SIZE)  # anonymous and shared between parent and child
    return _shared


def stop() -> None:
    """This process no longer writes the page (a summary worker, whose crash the pool names)."""
    global _shared
    _shared = None


def reading(path: str | None) -> None:
    """Record that ``path`` is being read (``None``: no workbook is being read)."""
    page = _shared
    if page is None:
        return
    data = b"" if path is None else os.fsencode(path)[:_SIZE - 4]
    page[4:4 + len(data)] = data
    page[:4] = len(data).to_bytes(4, "little")  # after the path: a half-written path is never read


def last(page: mmap.mmap) -> str | None:
    """The path the child was reading when it died, if it was reading one."""
    n = int.from_bytes(page[:4], "little")
    return os.fsdecode(page[4:4 + n]) if 0 < n <= _SIZE - 4 else None

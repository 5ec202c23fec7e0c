"""The ``xltools`` console command: the command line of :mod:`xltools.cli`, run in a forked child.

A crash inside python-calamine (a Rust abort on a damaged file, which no ``except`` can catch) or
the kernel ending the process for memory would otherwise end the command in "Aborted (core
dumped)". The child runs the command; this process only waits and, when a signal ended the
child, says so in one sentence — naming the workbook being read, from a page the two share
(:mod:`xltools.trail`) — and exits with 2. It forks before importing click or anything of
xltools but its exceptions and :mod:`xltools.trail`, so the child starts as a plain command
would (nothing to copy on write) and the wait costs a fork. ``XLTOOLS_NO_GUARD=1`` runs the command in this process (to
debug a crash). Where ``os.fork`` does not exist (Windows), it always does.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if hasattr(os, "fork") and not os.environ.get("XLTOOLS_NO_GUARD"):
        _guarded()
    from .cli import main as run

    run()


def _guarded() -> None:
    """Fork: the child returns and runs the command; this process waits and exits with its code,
    or with 2 and a sentence when a signal ended it."""
    import signal

    from . import trail

    page = trail.share()
    pid = os.fork()
    if pid == 0:  # the command: a forwarded SIGTERM/SIGHUP removes its half-written output first
        signal.signal(signal.SIGTERM, _end)
        signal.signal(signal.SIGHUP, _end)
        return
    forward = lambda sig, _frame: os.kill(pid, sig)  # noqa: E731 — a timeout or logout ends the command too
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGHUP, forward)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the child itself (one process group)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    if os.WIFEXITED(status):
        os._exit(os.WEXITSTATUS(status))
    sig = os.WTERMSIG(status)
    if sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        os._exit(128 + sig)
    en = sys.argv[sys.argv.index("--lang") + 1:][:1] == ["en"] if "--lang" in sys.argv else False
    path = trail.last(page)
    if path is not None:  # died inside the reader: that file did it
        sys.stderr.write(
            f"Error: {path}: xltools stopped abruptly (signal {sig}) while reading this file — it may be damaged "
            "or hostile, or memory ran short; open it in Excel, save it again and retry, or leave it out.\n" if en else
            f"错误：{path}：xltools 读取该文件时意外终止（信号 {sig}）：文件可能已损坏或被篡改，或内存不足；"
            "请在 Excel 中打开并另存后再试，或将其移出本批。\n")
    else:
        sys.stderr.write(
            f"Error: xltools stopped abruptly (signal {sig}) while reading a workbook — a damaged or hostile file, "
            "or too little memory; given several files, run them one by one to find it.\n" if en else
            f"错误：xltools 读取工作簿时意外终止（信号 {sig}）：文件可能已损坏或被篡改，或内存不足；"
            "一次处理多个文件时，请逐个处理以找出该文件。\n")
    sys.stderr.flush()
    os._exit(2)


def _end(sig: int, _frame: object) -> None:
    """Remove the temporary files being written (``output.PENDING``), then end: unwinding from
    wherever the signal came (inside zipfile, say) would only raise again on the way out."""
    output = sys.modules.get("xltools.output")
    if output is not None:
        output.remove_pending()
    os._exit(128 + sig)


if __name__ == "__main__":
    main()

"""A lean pool of forked workers: tasks through one pipe, results through one pipe per worker.

``concurrent.futures`` with ``multiprocessing`` costs about 15 ms of imports, two helper threads
and a pickled call per task; a summary of a thousand workbooks takes well under a second, so
that overhead showed. Here the parent writes every task number into one pipe before it forks;
each worker reads the next number (a 4-byte read from a pipe is atomic), runs the task and
writes ``(number, length, pickled result)`` into its own pipe; the parent yields results in task
order as they arrive. Workers are forked, so they start with everything the parent imported.

Where ``os.fork`` does not exist (Windows), :func:`run` falls back to ``concurrent.futures``
with spawned processes.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import XltoolsError

#: Every task number (4 bytes) is written into the task pipe before forking, so they must fit in
#: a pipe's buffer: 8 KB of numbers, well inside the 16 KB that macOS and 64 KB that Linux hold.
MAX_TASKS = 2048
_NUMBER = struct.Struct("<I")
_HEADER = struct.Struct("<IQ")  # task number, length of the pickled result
_FAILED = 0xFFFFFFFF  # task number of a message that carries a worker's exception text


def usable_cpus(cgroup: str = "/sys/fs/cgroup") -> int:
    """The CPUs this process may use: the default number of workers.

    ``os.cpu_count()`` counts the machine's: in a container limited to 2 CPUs on a 64-core host
    (a CPU set, or a quota as ``docker --cpus 2`` sets) it said 64, and 64 workers forked to
    share 2 CPUs (a page of memory each, and every batch slower). The affinity mask says which
    CPUs the process may run on; a cgroup quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us``) how many
    CPUs' worth of time it gets, rounded up.
    """
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        n = os.cpu_count() or 1
    quota = _cgroup_quota(cgroup)
    return max(1, min(n, quota)) if quota else max(1, n)


def _cgroup_quota(root: str) -> int | None:
    """CPUs' worth of time a cgroup grants (``"200000 100000"`` → 2, ``150000`` → 2); ``None``
    when it sets no limit or cannot be read."""
    for path, period_path in ((f"{root}/cpu.max", None), (f"{root}/cpu/cpu.cfs_quota_us", f"{root}/cpu/cpu.cfs_period_us")):
        try:
            with open(path, encoding="ascii") as fh:
                words = fh.read().split()
            if period_path:
                with open(period_path, encoding="ascii") as fh:
                    words += fh.read().split()
            quota, period = int(words[0]), int(words[1])  # "max" (no limit) or v1's -1: not a limit
        except (OSError, ValueError, IndexError):
            continue
        return -(-quota // period) if quota > 0 and period > 0 else None
    return None


def batches(items: Sequence[Any], jobs: int, most: int = 8) -> list[Sequence[Any]]:
    """``items`` cut into tasks of at most ``most`` (small ones keep every core busy to the end of
    a run), and into no more than :data:`MAX_TASKS` of them."""
    size = max(min(most, -(-len(items) // (jobs * 4))), -(-len(items) // MAX_TASKS), 1)
    return [items[i:i + size] for i in range(0, len(items), size)]


def run(fn: Callable[[Any], Any], tasks: Sequence[Any], jobs: int,
        salvage: Callable[[Any], Any] | None = None) -> Iterator[Any]:
    """``fn(task)`` for every task, in ``jobs`` processes; results in task order.

    ``fn`` and the tasks must be picklable only on the fallback path; results always are.

    A worker can die without a word: python-calamine aborts the process on some damaged files
    (a Rust abort, which no ``except`` catches), or the kernel ends it for memory. Without
    ``salvage`` that is an error of the whole run; with it, every task left without a result is
    handed to ``salvage(task)`` in this process (which runs the task's items :func:`one_by_one`).
    """
    if len(tasks) > MAX_TASKS:
        raise ValueError(f"at most {MAX_TASKS} tasks")
    if not hasattr(os, "fork"):
        yield from _spawned(fn, tasks, jobs)
        return
    task_r, task_w = os.pipe()
    _write_all(task_w, b"".join(_NUMBER.pack(i) for i in range(len(tasks))))
    workers: dict[int, int] = {}  # result pipe → pid
    finished = False
    gc.freeze()  # the workers' collector then leaves the inherited objects alone (fewer copied pages)
    try:
        for _ in range(min(jobs, len(tasks))):
            res_r, res_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(task_w)
                os.close(res_r)
                for fd in workers:
                    os.close(fd)
                _serve(fn, tasks, task_r, res_w)
            os.close(res_w)
            workers[res_r] = pid
        gc.unfreeze()
        os.close(task_w)
        os.close(task_r)
        task_w = task_r = -1
        yield from _gather(workers, tasks, salvage)
        finished = True
    finally:
        gc.unfreeze()
        for fd in (task_r, task_w, *workers):
            if fd >= 0:
                os.close(fd)
        for pid in workers.values():
            _reap(pid, stop=not finished)


def _serve(fn: Callable[[Any], Any], tasks: Sequence[Any], task_r: int, res_w: int) -> None:
    code = 0
    _as_worker()
    try:
        while True:
            raw = os.read(task_r, 4)
            if len(raw) < 4:
                break
            (i,) = _NUMBER.unpack(raw)
            payload = pickle.dumps(fn(tasks[i]), protocol=pickle.HIGHEST_PROTOCOL)
            _write_all(res_w, _HEADER.pack(i, len(payload)) + payload)
    except BaseException as e:  # noqa: BLE001 — reported to the parent, which raises it
        code = 1
        try:
            text = f"{type(e).__name__}: {e}".encode()
            _write_all(res_w, _HEADER.pack(_FAILED, len(text)) + text)
        except OSError:
            pass
    finally:
        os._exit(code)


def _as_worker() -> None:
    """Make a forked process a worker. It writes nothing to the terminal: python-calamine's Rust
    code prints a panic's text (``thread '<unnamed>' panicked at …/xls.rs``) before the panic
    becomes the exception reported on the damaged file, and the lines would tear through the
    progress bar; whatever goes wrong in a worker reaches the parent through its pipe. And a
    signal ends it plainly: the command's own handler (:mod:`xltools.command`) would remove the
    parent's half-written output."""
    import faulthandler
    import signal

    from .. import trail

    trail.stop()  # the pool names the file that kills a worker, not the command's guard
    if faulthandler.is_enabled():  # it writes to a stderr of its own (pytest enables it)
        faulthandler.disable()
    for sig in (signal.SIGTERM, signal.SIGHUP):  # not the command's handler: its output is the parent's
        signal.signal(sig, signal.SIG_DFL)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(devnull, 2)
    os.close(devnull)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _gather(workers: dict[int, int], tasks: Sequence[Any], salvage: Callable[[Any], Any] | None) -> Iterator[Any]:
    """Read the workers' pipes as they fill; yield results in task order."""
    import select

    count = len(tasks)
    poller = select.poll()
    buffers: dict[int, bytearray] = {}
    for fd in workers:
        poller.register(fd, select.POLLIN)
        buffers[fd] = bytearray()
    waiting: dict[int, Any] = {}
    nxt = 0
    while nxt < count:
        if not buffers:  # every worker has ended, and some task has no result: a worker died on it
            if salvage is None:
                raise XltoolsError(f"汇总进程意外退出（已完成 {nxt}/{count} 批）",
                                   f"a worker process stopped unexpectedly ({nxt}/{count} batches done)")
            for i in range(nxt, count):
                yield waiting.pop(i) if i in waiting else salvage(tasks[i])
            return
        for fd, _ in poller.poll():
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                poller.unregister(fd)
                del buffers[fd]
                continue
            buf = buffers[fd]
            buf += chunk
            while len(buf) >= _HEADER.size:
                i, size = _HEADER.unpack_from(buf)
                end = _HEADER.size + size
                if len(buf) < end:
                    break
                payload = bytes(buf[_HEADER.size:end])
                del buf[:end]
                if i == _FAILED:
                    raise XltoolsError(f"汇总进程出错：{payload.decode(errors='replace')}",
                                       f"a worker process failed: {payload.decode(errors='replace')}")
                waiting[i] = pickle.loads(payload)
        while nxt in waiting:
            yield waiting.pop(nxt)
            nxt += 1


def isolated(fn: Callable[[Any], Any], arg: Any) -> tuple[bool, Any]:
    """(True, ``fn(arg)``) computed in a forked child, or (False, None) when the child died (or
    raised): what :func:`run`'s ``salvage`` uses to find the one file a process cannot survive.
    Without ``os.fork`` it is computed here."""
    if not hasattr(os, "fork"):
        return True, fn(arg)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(r)
            _as_worker()
            _write_all(w, pickle.dumps(fn(arg), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    chunks = []
    try:
        while chunk := os.read(r, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(r)
        _, status = os.waitpid(pid, 0)
    if status != 0 or not chunks:
        return False, None
    return True, pickle.loads(b"".join(chunks))


def one_by_one(fn: Callable[[Any], list], items: Sequence[Any], task_of: Callable[[Any], Any],
               lost: Callable[[Any], Any]) -> list:
    """What a ``salvage`` of :func:`run` does with a batch whose worker died: ``fn(task_of(item))``
    for each item in a process of its own (:func:`isolated`), its results flattened; for the item
    that kills its process, ``lost(item)`` instead — so that the one file a process cannot survive
    is named and the others are read."""
    out: list = []
    for item in items:
        ok, result = isolated(fn, task_of(item))
        out.extend(result if ok else [lost(item)])
    return out


def _reap(pid: int, stop: bool) -> None:
    """Wait for a worker; if the consumer stopped early (``stop``), end it first."""
    import signal

    try:
        if stop:
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def _spawned(fn: Callable[[Any], Any], tasks: Sequence[Any], jobs: int) -> Iterator[Any]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(fn, tasks)

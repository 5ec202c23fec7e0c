"""The fork pool behind `xltools summarize`: order, failures, early stops, the spawn fallback."""

from __future__ import annotations

import os
import time

import pytest

from xltools.errors import XltoolsError
from xltools.summary import pool


def square_with_pid(x: int) -> tuple[int, int]:
    time.sleep(0.001)  # long enough that every worker gets some of the tasks
    return x * x, os.getpid()


def fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def die_on_three(x: int) -> int:
    if x == 3:
        os._exit(9)
    return x


def noisy(x: int) -> int:
    os.write(2, b"thread '<unnamed>' panicked at xls.rs\n")  # as python-calamine's Rust code does
    return x


def big(x: int) -> bytes:
    return bytes([x % 256]) * 300_000  # larger than a pipe's buffer: the parent must read as it goes


def _children_left() -> list[str]:
    me = str(os.getpid())
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                out.append(pid)
    return out


needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc"), reason="fork and /proc")


@needs_fork
def test_results_come_in_task_order_from_several_processes():
    results = list(pool.run(square_with_pid, list(range(300)), jobs=3))
    assert [r for r, _ in results] == [x * x for x in range(300)]
    assert len({pid for _, pid in results}) > 1
    assert os.getpid() not in {pid for _, pid in results}
    assert _children_left() == []


@needs_fork
def test_results_larger_than_a_pipe_buffer():
    results = list(pool.run(big, list(range(12)), jobs=2))
    assert [r[:1] for r in results] == [bytes([x]) for x in range(12)]
    assert all(len(r) == 300_000 for r in results)


@needs_fork
def test_a_failing_task_raises_in_the_parent_with_its_message():
    with pytest.raises(XltoolsError) as e:
        list(pool.run(fail_on_seven, list(range(20)), jobs=2))
    assert "ValueError: seven" in e.value.message("en")
    assert _children_left() == []


@needs_fork
def test_a_worker_that_dies_is_reported_not_waited_for():
    with pytest.raises(XltoolsError) as e:
        list(pool.run(die_on_three, list(range(20)), jobs=2))
    assert "stopped unexpectedly" in e.value.message("en")
    assert _children_left() == []


@needs_fork
def test_a_consumer_that_stops_early_leaves_no_process_behind():
    gen = pool.run(square_with_pid, list(range(2000)), jobs=2)
    assert next(gen)[0] == 0
    gen.close()
    assert _children_left() == []


def negative(x: int) -> int:
    return -x


@needs_fork
def test_a_task_whose_worker_died_is_salvaged_and_the_others_kept():
    """python-calamine aborts the process on some damaged files: the run goes on, the other
    worker takes the remaining tasks, and the lost one is handed to ``salvage``."""
    assert list(pool.run(die_on_three, list(range(10)), 2, salvage=negative)) == [0, 1, 2, -3, 4, 5, 6, 7, 8, 9]
    assert list(pool.run(die_on_three, [3, 3, 3], 2, salvage=negative)) == [-3, -3, -3]  # every worker died
    assert pool.isolated(die_on_three, 3) == (False, None)
    assert pool.isolated(die_on_three, 4) == (True, 4)
    assert pool.isolated(fail_on_seven, 7) == (False, None)


@needs_fork
def test_workers_do_not_write_to_the_terminal(capfd):
    assert list(pool.run(noisy, [1, 2, 3], 2)) == [1, 2, 3]
    assert "panicked" not in capfd.readouterr().err


def test_too_many_tasks_are_refused():
    with pytest.raises(ValueError):
        list(pool.run(square_with_pid, list(range(pool.MAX_TASKS + 1)), jobs=2))


def test_spawn_fallback_gives_the_same_results():
    assert [r for r, _ in pool._spawned(square_with_pid, list(range(10)), 2)] == [x * x for x in range(10)]


@pytest.mark.parametrize(("files", "expected"), [
    ({"cpu.max": "200000 100000\n"}, 2),  # cgroup v2: docker --cpus 2
    ({"cpu.max": "150000 100000\n"}, 2),  # 1.5 CPUs' time: two workers keep it busy
    ({"cpu.max": "50000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),  # no limit: the affinity mask decides
    ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({"cpu.max": "garbage"}, None),
    ({}, None),
])
def test_workers_default_to_the_cpus_the_process_may_use(tmp_path, monkeypatch, files, expected):
    """A container limited to 2 CPUs on a 64-core host forked 64 workers (os.cpu_count())."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 128)  # the host's: never the answer when a mask says less
    assert pool.usable_cpus(str(tmp_path)) == (expected or 64)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)  # taskset -c 0,1
    assert pool.usable_cpus(str(tmp_path)) == min(expected or 2, 2)

"""Benchmark: read + score a typical 60-row self-evaluation (a benchmark, not a timed test).

Prints, in one run:
  * in-process read+score time (goal ≤ 3 ms),
  * whole ``xltools score`` process time (goal ≤ 150 ms),
  * openpyxl reading the same file into values, as the comparison.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench_score.py``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace

from xltools.api import score_file
from xltools.samples import Row, demo_samples, write_sample

LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
          ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")]


def write_filled(sample, path: str, layout=None) -> None:  # noqa: ANN001 — a samples.Sample and Layout
    """``sample`` written as a unit files it: its 得分, 预算执行率得分, 总分 and 等级 filled in with the
    values xltools computes (written once, scored, written again). A file with them empty is A326
    on every row — not the typical file."""
    write_sample(sample, path, layout)
    result = score_file(path)[0]
    scores = iter(r.score for r in result.rows if r.indicator is not None)  # not the execution row
    rows = [replace(r, score=next(scores)) for r in sample.rows]
    write_sample(replace(sample, rows=rows, total=result.total, grade=result.grade or "",
                         execution_score=result.execution.score if result.execution else None), path, layout)


def typical_selfeval(path: str, n_rows: int = 60) -> None:
    base = demo_samples()["自评表.xlsx"][0]
    rows = []
    for i in range(n_rows):
        level1, level2 = LEVELS[i * len(LEVELS) // n_rows]
        kind = i % 4
        if kind == 0:
            rows.append(Row(level1, level2, f"完成数量{i}", f"≥{100 + i}个", f"{95 + i}个", 1.5, None, "原因"))
        elif kind == 1:
            rows.append(Row(level1, level2, f"合格率{i}", "≥95%", "96%", 1.5))
        elif kind == 2:
            rows.append(Row(level1, level2, f"完成时限{i}", "≤30天", "32天", 1.5, None, "延期"))
        else:
            rows.append(Row(level1, level2, f"成效{i}", "有效提升", "有效提升", 1.5, 1.5))
    write_filled(replace(base, rows=rows, total=None), path)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def openpyxl_read(path: str) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _row in ws.iter_rows(values_only=True):
            pass
    wb.close()


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="xltools-bench-")
    try:
        path = os.path.join(tmp, "自评表_60行.xlsx")
        typical_selfeval(path)
        result = score_file(path)[0]
        assert len(result.rows) == 61, len(result.rows)
        score_file(path)  # warm caches (imports, rule set)
        inproc = timed(lambda: score_file(path), 300)
        import openpyxl  # noqa: F401  (import once so the loop times reading only)

        opx = timed(lambda: openpyxl_read(path), 30)
        exe = shutil.which("xltools", path=os.path.dirname(sys.executable)) or "xltools"
        cmd = [exe, "score", path, "--format", "json"]
        subprocess.run(cmd, check=True, capture_output=True)
        proc = timed(lambda: subprocess.run(cmd, check=True, capture_output=True), 15)
        med = statistics.median
        print(f"workbook: 60 indicator rows, total {result.total} ({result.grade})")
        print(f"in-process read+score     median {med(inproc):7.2f} ms  min {min(inproc):7.2f} ms  (goal ≤ 3 ms)")
        print(f"whole `xltools score`     median {med(proc):7.2f} ms  min {min(proc):7.2f} ms  (goal ≤ 150 ms)")
        print(f"openpyxl read (values)    median {med(opx):7.2f} ms  min {min(opx):7.2f} ms  "
              f"(xltools read+score is {med(opx) / med(inproc):.1f}× faster)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

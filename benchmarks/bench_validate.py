"""Benchmark: validate a typical 60-row self-evaluation (a benchmark, not a timed test).

Prints the in-process validate time (read + score + every check; goal ≤ 5 ms) and the whole
``xltools validate`` process time without --annotate-dir (goal ≤ 200 ms), plus the annotated copy
for reference. Run: ``make bench``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from bench_score import timed, typical_selfeval

from xltools.api import validate_file


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="xltools-bench-")
    try:
        path = os.path.join(tmp, "自评表_60行.xlsx")
        typical_selfeval(path)
        report = validate_file(path)
        inproc = timed(lambda: validate_file(path), 300)
        exe = shutil.which("xltools", path=os.path.dirname(sys.executable)) or "xltools"
        cmd = [exe, "validate", path, "--format", "json"]
        subprocess.run(cmd, capture_output=True)
        proc = timed(lambda: subprocess.run(cmd, capture_output=True), 15)
        out = os.path.join(tmp, "out")
        ann = timed(lambda: subprocess.run([*cmd, "--annotate-dir", out, "--force"], capture_output=True), 5)
        med = statistics.median
        print(f"workbook: 60 indicator rows, {len(report.findings)} findings {report.counts}")
        print(f"in-process validate       median {med(inproc):7.2f} ms  min {min(inproc):7.2f} ms  (goal ≤ 5 ms)")
        print(f"whole `xltools validate`  median {med(proc):7.2f} ms  min {min(proc):7.2f} ms  (goal ≤ 200 ms)")
        print(f"  with --annotate-dir     median {med(ann):7.2f} ms  min {min(ann):7.2f} ms  (openpyxl copy)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

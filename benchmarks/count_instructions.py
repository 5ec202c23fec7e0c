"""Count the CPU instructions xltools spends per workbook, stage by stage (needs valgrind).

Wall time on shared 2-core build machines swings by up to 2× between runs; instruction counts do
not. For each stage this runs Python under ``valgrind --tool=callgrind`` twice — once warming up
on 10 files and stopping, once warming up and then treating 40 other files — and divides the
difference by 40, so interpreter start-up and imports cancel out. Every file is different, so
no cache inside xltools meets a file twice.

Stages: ``load`` (container check + python-calamine); from already loaded grids, ``recognise``
(the tables), ``score`` (recognise + scoring), ``check`` (score + every check); and
``summarize``: everything a worker of ``xltools summarize`` does per file, loading included.

Run: ``.venv/bin/python benchmarks/count_instructions.py [--layout provincial]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

STAGES = ("load", "recognise", "score", "check", "summarize")
WARM, MEASURED = 10, 40


def _stage(stage: str, folder: str, measure: bool) -> None:
    """Run inside valgrind: warm up on the first files, then (if ``measure``) treat the others."""
    from xltools.reading import read_grids
    from xltools.reading.source import load_grids
    from xltools.rules import check_workbook
    from xltools.ruleset import load_rules
    from xltools.scoring import score_table
    from xltools.summary.collect import _pairs
    from xltools.summary.write import problem_rows

    rules = load_rules(None)
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    grids = {f: load_grids(f) for f in files}  # loaded in both runs, so it cancels out
    work = {
        "load": load_grids,
        "recognise": lambda f: read_grids(grids[f], f),
        "score": lambda f: [score_table(t, rules) for t in read_grids(grids[f], f).tables],
        "check": lambda f: check_workbook(read_grids(grids[f], f), rules),
        "summarize": lambda f: _pairs(f, rules, "zh", problem_rows),  # what a worker does per file
    }[stage]
    for f in files[:WARM]:
        work(f)
    if measure:
        for f in files[WARM:]:
            work(f)


def _count(stage: str, folder: str, measure: bool) -> int:
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                          __file__, "--inside", stage, folder, "1" if measure else "0"],
                         capture_output=True, text=True, check=True).stderr
    return int(re.search(r"Collected : (\d+)", out).group(1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", choices=("national", "provincial"), default="national")
    ap.add_argument("--inside", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inside:
        stage, folder, measure = args.inside
        _stage(stage, folder, measure == "1")
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_summarize import make_batch

    tmp = tempfile.mkdtemp(prefix="xltools-count-")
    try:
        make_batch(tmp, WARM + MEASURED, layout=args.layout)
        print(f"{args.layout} self-evaluations, 15 indicators; million instructions per file:")
        for stage in STAGES:
            per_file = (_count(stage, tmp, True) - _count(stage, tmp, False)) / MEASURED / 1e6
            print(f"  {stage:10s} {per_file:6.2f} M")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

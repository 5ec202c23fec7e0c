"""Random filled templates, recalculated by LibreOffice, against Python: ``make fuzz``.

The test suite holds a few dozen chosen cases (``template_cases.py``, ``test_monitor_template.py``);
this generates hundreds of random ones of every scored kind — directions, zero and fractional
targets, percent cells typed as 0.95 or 95, missing actuals, deadlines as date cells (度量单位「日期」
or not), qualitative outcomes and rates, negative or missing budgets, 1-N月 values in words
(年底测评), the ``deduction`` rule set, monitoring months and likelihoods — and reports every cell
where the template and Python disagree: row scores, totals, lights and their counts, each
conditional mark against validate's findings, and any formula showing an error. It found the
overspending mark's missing 年初预算数 fallback and M402's rule for 完全不可能 without a light.

Run: ``.venv/bin/python -m tests.fuzz_templates [--seed N] [--cases N]`` (needs soffice).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta

import python_calamine as pc

from xltools.api import score_file, validate_file
from xltools.ruleset import load_rules

from . import test_monitor_template as mon
from .template_cases import (
    B,
    Case,
    P,
    Q,
    S,
    T,
    fill_case,
    light_mismatches,
    r,
    recalculated_mismatches,
    score_mismatches,
)
from .test_templates import convert_all

LEVELS = [P, Q, T, B, S]
#: ceilings by place and name, with no 指标性质 (the hidden 计算方向): 成本 rows, complaint counts, units
#: a time limit or money is written in, and one a formula's TRIM tidies
CEILING_LEVELS = [*LEVELS, ("产出指标", "成本指标"), ("成本指标", "经济成本指标")]
CEILING_UNITS = ["个工作日", "元", "万元", " 天 ", "天\u3000", "小时", "月"]


def _name(rng: random.Random, j: int) -> str:
    return rng.choice([f"指标{j}"] * 4 + [f"投诉次数{j}", f"事故发生率{j}"])


def selfeval_case(rng: random.Random, name: str) -> Case:
    rows = []
    for j in range(rng.randint(1, 9)):
        level, w = rng.choice(LEVELS), rng.choice([0, 2.5, 5, 7.5, 10, 12, 15, 20, 33.33])
        dev = rng.choice(["", "", "原因", "原因", "无", " / ", "无偏差", "N/A"])
        if rng.random() < 0.2:
            rows.append(r(level, f"定性{j}", "定性", rng.choice(["有效提升", "明显"]), "", rng.choice(["", "达到", "部分"]), w,
                          outcome=rng.choice(["达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差", ""]),
                          qual_rate=rng.choice([None, round(rng.uniform(0, 1), 2), rng.choice([85, 60, 100, 0])]),
                          deviation=dev))
            continue
        if rng.random() < 0.12:  # a deadline: date cells, mostly under 度量单位「日期」
            due = date(2023, 1, 1) + timedelta(days=rng.randint(0, 364))
            done = None if rng.random() < 0.1 else due + timedelta(days=rng.randint(-60, 60))
            rows.append(r(level, f"时间{j}", rng.choice(["≤", "≥", "=", ""]), due, rng.choice(["日期", "日期", ""]), done, w,
                          deviation=dev))
            continue
        unit = rng.choice(["%", "个", "天", "万元", "", rng.choice(CEILING_UNITS)])
        level = rng.choice(CEILING_LEVELS)
        target = rng.choice([0, round(rng.uniform(0, 200), rng.choice([0, 1, 2]))])
        if unit == "%" and rng.random() < 0.4:
            target = round(rng.uniform(0, 1), 2)
        actual = None if rng.random() < 0.1 else round((target or 3) * rng.uniform(0, 2.5), rng.choice([0, 2, 3]))
        if actual is not None and unit == "%" and rng.random() < 0.4:
            actual = round(rng.uniform(0, 1.5), 3)
        if actual is not None and rng.random() < 0.05:  # pasted as text past the validation: text to both
            actual = rng.choice([str(actual), f"{actual}{unit}", f"≥{actual}"])
        direction = rng.choice(["≥", "≤", "=", ">", "<", "±", ""])
        if direction == "±" and isinstance(actual, float) and rng.random() < 0.5:  # a band: deviations of either sign
            actual = -actual
        rows.append(r(level, _name(rng, j), direction, target, unit, actual, w, deviation=dev))
    funds = (100, rng.choice([100, 110.5, 0, None]), round(rng.uniform(-5, 130), 2)) if rng.random() < 0.9 else None
    return Case(name, funds=funds, rows=rows, rules=rng.choice([None, None, "deduction"]))


def dept_case(rng: random.Random, name: str) -> Case:
    base = selfeval_case(rng, name)
    levels = [("整体绩效目标实现情况", "产出"), ("整体绩效目标实现情况", "效益"), ("预算管理情况", "预算编制"),
              ("当年预算执行情况", "预算完成")]
    rows = [{**row, "level1": lv[0], "level2": lv[1]} for row in base.rows for lv in [rng.choice(levels)]]
    amounts = {k: rng.choice([None, round(rng.uniform(-10, 6000), 2)]) for k in
               ("initial_budget", "annual_budget", "spent", "final_accounts", "carryover")}
    return Case(name, kind="dept", funds=None, rows=rows, rules=base.rules,
                amounts={k: v for k, v in amounts.items() if v is not None})


def evaluation_case(rng: random.Random, name: str) -> Case:
    experts = rng.choice([3, 5])
    levels = [("决策", "项目立项"), ("过程", "资金管理"), ("产出", "产出数量"), ("效益", "项目效益")]
    rows = []
    for j in range(rng.randint(1, 8)):
        w = rng.choice([None, 0, 5, 10, 20, 33.33])
        scores = [rng.choice([None, round(rng.uniform(-2, (w or 10) * 1.3), rng.choice([0, 1, 2]))]) for _ in range(experts)]
        lv = rng.choice(levels)
        rows.append({"level1": lv[0], "level2": lv[1], "name": f"指标{j}", "weight": w, "experts": scores})
    return Case(name, kind="evaluation", funds=None, experts=experts, rows=rows)


def monitor_case(rng: random.Random, name: str) -> tuple:
    rows = []
    for j in range(rng.randint(1, 8)):
        level, likely = rng.choice(LEVELS), rng.choice(["确定能", "有可能", "完全不可能", ""])
        extra = {"deviation": rng.choice(["", "原因", "原因", "无"]), "measures": rng.choice(["", "措施", "措施", "/"])}
        if rng.random() < 0.2:
            rows.append(mon.r(level, f"定性{j}", "定性", "明显", "", rng.choice(["", "进展"]), likely, **extra))
            continue
        if rng.random() < 0.1:  # a deadline: date cells, under 度量单位「日期」 or not
            due = date(2023, 1, 1) + timedelta(days=rng.randint(0, 364))
            done = rng.choice([None, due + timedelta(days=rng.randint(-90, 30))])
            rows.append(mon.r(level, f"时间{j}", rng.choice(["≤", ""]), due, rng.choice(["日期", ""]), done, likely, **extra))
            continue
        unit = rng.choice(["%", "个", "天", "", rng.choice(CEILING_UNITS)])
        level = rng.choice(CEILING_LEVELS)
        target = rng.choice([0, round(rng.uniform(0, 200), rng.choice([0, 2]))])
        if unit == "%" and rng.random() < 0.4:
            target = round(rng.uniform(0, 1), 2)
        to_date = None if rng.random() < 0.1 else round(rng.uniform(0, 1.5) * (target or 3), rng.choice([0, 2, 3]))
        if rng.random() < 0.06:  # words: not due yet (lit by the likelihood) or saying nothing (M404)
            to_date = rng.choice(["年底测评", "待下半年统计", "—", "进行中"])
        direction = rng.choice(["≥", "≤", "=", ">", "<", "±", ""])
        if direction == "±" and isinstance(to_date, float) and rng.random() < 0.5:
            to_date = -to_date
        rows.append(mon.r(level, _name(rng, j), direction, target, unit, to_date, likely,
                          forecast=rng.choice([None, to_date, target]), **extra))
    months = rng.choice([None, 1, 3, 6, 9, 11, 12, rng.randint(1, 12)])
    return (name, months, rng.choice([None, (100, round(rng.uniform(-5, 120), 2)), (0, 10)]), rows)


def run(seed: int, cases: int, soffice: str, keep: bool = False) -> int:
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="xltools-fuzz-")
    try:
        jobs = []  # (name, rules, built, path, compare)
        for k in range(cases):
            path = f"{work}/s{k:04d}.xlsx"
            case = selfeval_case(rng, f"selfeval {seed}-{k}")
            jobs.append((case.name, case.rules, fill_case(case, load_rules(case.rules), path), path, score_mismatches))
            path = f"{work}/m{k:04d}.xlsx"
            mcase = monitor_case(rng, f"monitor {seed}-{k}")
            jobs.append((mcase[0], None, mon.fill(mcase, path), path, light_mismatches))
            for kind, make in (("d", dept_case), ("e", evaluation_case)):
                path = f"{work}/{kind}{k:04d}.xlsx"
                case = make(rng, f"{make.__name__[:-5]} {seed}-{k}")
                jobs.append((case.name, case.rules, fill_case(case, load_rules(case.rules), path), path, score_mismatches))
        files = [j[3] for j in jobs]
        for i in range(0, len(files), 100):  # one LibreOffice run per hundred files: long runs lose some
            convert_all(soffice, files[i:i + 100], f"{work}/lo")
        bad = 0
        for name, rules, built, path, compare in jobs:
            path = path.replace(work, f"{work}/lo")
            rows = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(built.sheet).to_python(skip_empty_area=False)
            out = compare(name, rows, built, score_file(path, rules)[0])
            out += recalculated_mismatches(name, rows, built, validate_file(path, rules).findings)
            for m in out[:3]:
                print(m)
            bad += bool(out)
        print(f"seed {seed}: {bad} of {len(jobs)} filled templates disagree with Python")
        return bad
    finally:
        if keep:
            print(f"files kept in {work}/lo")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=100,
                    help="self-evaluations, and as many monitoring, department and evaluation tables")
    ap.add_argument("--keep", action="store_true", help="keep the recalculated files and say where")
    args = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed")
    sys.exit(1 if run(args.seed, args.cases, soffice, args.keep) else 0)


if __name__ == "__main__":
    main()

"""Damaged and hostile workbooks made by mutating good ones: ``make fuzz-files``.

Each case takes a sample workbook (the demo's six, written in process; with ``--corpus DIR`` any
.xlsx/.xlsm/.ods/.xls in that folder, e.g. LibreOffice conversions of them) and damages it the
ways files arrive damaged or crafted: numbers, cell references, types, merged ranges, counts and
repeat attributes changed in the sheet XML; spans cut out or repeated; bytes flipped and the file
cut short (an .xls only so). Then ``xltools score`` and ``validate`` run on it in a forked child
with 4 GB of address space. Anything but a result or an :class:`XltoolsError` is a defect: an
exception escaping (a traceback), or the child killed — python-calamine aborts the process when a
file makes it reserve more memory than there is, which no ``except`` can catch.

It found: a value at XFD1048576 (550 GB), shared strings claiming four billion entries, an .xls
DIMENSIONS record upside down (1.2 TB) and an .xls cell past column IV (21 GB) — each aborted
the process —, ``1E+400`` read as infinity (OverflowError), damaged zip member names, and
damaged workbook.xml parts escaping as BadZipFile or zlib.error. With ``--annotate`` over .xls
files (copies rebuilt as .xlsx): cells and findings past column XFD, which openpyxl refuses.

Run: ``.venv/bin/python -m tests.fuzz_files [--seed N] [--cases N] [--corpus DIR] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import sys
import tempfile
import traceback
import zipfile

NUMBERS = ["-1", "1e308", "1E+400", "nan", "inf", "", "abc", "99999999999999999999", "0.0000001", "-0"]
REFS = ["A1", "XFD1048576", "ZZZ0", "A-1", "", "A99999999999", "IV65536", "AAAA1"]
TYPES = ["s", "n", "b", "e", "str", "inlineStr", "d", "x"]
MERGES = ["A1:XFD1048576", "B2:A1", "A1", "A1:A1", "C5:C3", ""]
INDICES = ["999999", "-1", "0", "1.5"]
TEXTS = ["", "=1+1", "一级指标", "三级指标", "合计", "总分", "≥", "满意度", "年度资金总额", "#DIV/0!", "1-6月", "%",
         "　", "x" * 5000, "1" + "0" * 400]
COUNTS = ["4000000000", "99999999", "1048576", "16384", "0", "-1", "1:16384"]


def _pick(rnd: random.Random, pattern: str, s: str, choices: list[str]) -> str:
    found = list(re.finditer(pattern, s))
    if not found:
        return s
    m = rnd.choice(found)
    return s[:m.start(1)] + rnd.choice(choices) + s[m.end(1):]


def mutate_xml(rnd: random.Random, data: bytes) -> bytes:
    s = data.decode("utf-8", "replace")
    for _ in range(rnd.randint(1, 4)):
        k = rnd.randrange(10)
        if k == 0:
            s = _pick(rnd, r"<v>([^<]*)</v>", s, NUMBERS)
        elif k == 1:
            s = _pick(rnd, r'r="([A-Z]+\d+)"', s, REFS)
        elif k == 2:  # a span cut out
            i = rnd.randrange(len(s) or 1)
            s = s[:i] + s[i + rnd.randrange(1, 400):]
        elif k == 3:
            s = _pick(rnd, r't="(\w+)"', s, TYPES)
        elif k == 4:
            s = _pick(rnd, r'<mergeCell ref="([^"]*)"', s, MERGES)
        elif k == 5:  # a span repeated
            i = rnd.randrange(len(s) or 1)
            j = min(len(s), i + rnd.randrange(1, 800))
            s = s[:j] + s[i:j] + s[j:]
        elif k == 6:
            s = _pick(rnd, r'<c [^>]*t="s"[^>]*><v>(\d+)</v>', s, INDICES)
        elif k == 7:
            s = _pick(rnd, r"<t[^>]*>([^<]*)</t>", s, TEXTS)
        elif k == 8:
            s = _pick(rnd, r'(?:[cC]ount|repeated|spans)="([0-9:]+)"', s, COUNTS)
        else:
            s = s.replace('<dimension ref="', '<dimension ref="A1:XFD1048576" x="', 1)
    return s.encode("utf-8", "replace")


def mutate(rnd: random.Random, path: str) -> bytes:
    with open(path, "rb") as fh:
        raw = fh.read()
    if path.endswith(".xls") or rnd.random() < 0.15:
        b = bytearray(raw)
        for _ in range(rnd.randint(1, 20)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        if rnd.random() < 0.3:
            b = b[:rnd.randrange(len(b))]
        return bytes(b)
    with zipfile.ZipFile(path) as zin:
        names = zin.namelist()
        parts = [n for n in names if n.endswith(".xml")]
        chosen = set(rnd.sample(parts, min(len(parts), rnd.randint(1, 2))))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n in names:
                data = zin.read(n)
                if rnd.random() < 0.02:
                    continue  # a part left out
                z.writestr(n, mutate_xml(rnd, data) if n in chosen else data)
    return out.getvalue()


def _check(path: str, annotate: bool = False) -> int:
    """In a forked child: 0 when score and validate (and with ``annotate``, the annotated and the
    corrected copies) end in a result or an XltoolsError."""
    import resource

    from xltools.annotate import annotate_copy
    from xltools.api import score_file, validate_file
    from xltools.errors import XltoolsError
    from xltools.fix import fix_copy

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # python-calamine prints its panics; they are reported as damage
    stem = os.path.splitext(path)[0]
    steps = [lambda: score_file(path), lambda: validate_file(path)]
    if annotate:  # openpyxl reads and writes the damaged file too
        steps += [lambda: annotate_copy(path, validate_file(path).findings, stem + "_校验.xlsx", force=True),
                  lambda: fix_copy(path, stem + "_修正.xlsx", force=True)]
    for step in steps:
        try:
            step()
        except XltoolsError:
            pass
        except Exception:  # noqa: BLE001 — the defect this looks for
            traceback.print_exc(limit=-4, file=sys.stdout)
            return 3
    return 0


def run(seed: int, cases: int, sources: list[str], workdir: str, keep: str | None = None,
        annotate: bool = False) -> list[tuple[str, str]]:
    """(source, what went wrong) for every case that escaped or killed its child."""
    import xltools.api  # noqa: F401 — imported once, before forking

    rnd = random.Random(seed)
    bad = []
    for i in range(cases):
        src = rnd.choice(sources)
        path = os.path.join(workdir, f"case_{seed}_{i}{os.path.splitext(src)[1]}")
        with open(path, "wb") as fh:
            fh.write(mutate(rnd, src))
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            os._exit(_check(path, annotate))
        _, status = os.waitpid(pid, 0)
        if status:
            why = f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "an exception escaped"
            bad.append((src, why))
            if keep:
                os.makedirs(keep, exist_ok=True)
                os.replace(path, os.path.join(keep, os.path.basename(path)))
                continue
        for p in (path, *(os.path.splitext(path)[0] + s + ".xlsx" for s in ("_校验", "_修正"))):
            if os.path.exists(p):
                os.unlink(p)
    return bad


def demo_sources(folder: str) -> list[str]:
    """The demo's six workbooks, written into ``folder``."""
    from xltools.samples import demo_samples, write_sample

    out = []
    for name, (sample, layout) in demo_samples().items():
        path = os.path.join(folder, name)
        write_sample(sample, path, layout)
        out.append(path)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--corpus", help="a folder of workbooks to mutate (default: the demo's six)")
    ap.add_argument("--keep", help="keep the failing files in this folder")
    ap.add_argument("--annotate", action="store_true", help="also write annotated and corrected copies (openpyxl)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="xltools-fuzz-files-") as tmp:
        if args.corpus:
            sources = sorted(os.path.join(r, f) for r, _, fs in os.walk(args.corpus) for f in fs
                             if f.lower().endswith((".xlsx", ".xlsm", ".ods", ".xls")))
        else:
            sources = demo_sources(tmp)
        bad = run(args.seed, args.cases, sources, tmp, args.keep, args.annotate)
    for src, why in bad:
        print(f"FAILED {os.path.basename(src)}: {why}")
    print(f"{len(bad)} of {args.cases} damaged workbooks escaped or killed xltools (seed {args.seed})")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

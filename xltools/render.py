"""Plain-text rendering of results for terminals, aligned for Chinese (double-width) text.

rich is deliberately not used here: importing it costs more than the whole read-and-score of a
workbook, and ``xltools score`` must start fast. Progress bars (summarize) may use rich.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .messages import render, word
from .scoring import ScoreResult, pct
from .values import format_number

if TYPE_CHECKING:
    from .fix import FixReport
    from .report import Report
    from .rules.catalogue import CodeInfo


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def pad(s: str, width: int) -> str:
    return s + " " * max(0, width - display_width(s))


def clip(s: str, width: int) -> str:
    if display_width(s) <= width:
        return s
    out, w = "", 0
    for ch in s:
        cw = display_width(ch)
        if w + cw > width - 1:
            break
        out, w = out + ch, w + cw
    return out + "…"


def table(header: list[str], rows: list[list[str]], limits: list[int] | None = None) -> str:
    limits = limits or [40] * len(header)
    cells = [[clip(c, lim) for c, lim in zip(r, limits, strict=False)] for r in [header, *rows]]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=False)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def score_text(result: ScoreResult, lang: str = "zh") -> str:
    """A readable report: which table, every row with how it was scored, parts, total, grade."""
    w = lambda k: word(k, lang)  # noqa: E731
    out = [
        f"{w('file')}: {result.path}",
        f"{w('table')}: {w('kind_' + result.table)}  {w('sheet')}: {result.sheet}"
        + (f"  {w('department' if result.table == 'dept' else 'project')}: {result.project}" if result.project else ""),
        f"{w('rules')}: {result.rules}",
        "",
    ]
    if result.table == "monitor":  # a light per row instead of weight and score; no parts or total
        from .monitoring import light_word

        rows = [[r.level1, r.name, light_word(r.light, lang) if r.light else "—", r.explain(lang), r.cell]
                for r in result.rows]
        out.append(table([w("col_level1"), w("col_name"), w("col_light"), w("col_explain"), w("col_cell")],
                         rows, [12, 24, 6, 84, 8]))
        out += ["", w("no_score_monitor") + " " + render("lights_count", result.lights(), lang)]
    else:
        rows = [[r.level1, r.name, _num(r.weight), _num(r.score), r.explain(lang), r.cell]
                for r in result.rows]
        out.append(table([w("col_level1"), w("col_name"), w("col_weight"), w("col_score"),
                          w("col_explain"), w("col_cell")], rows, [12, 24, 8, 8, 60, 8]))
        out.append("")
        parts = [[p.name or w("part_unlevelled"), _num(p.weight), _num(p.score), "" if p.rate is None else pct(p.rate)]
                 for p in result.parts]
        out.append(table([w("col_level1"), w("col_weight"), w("col_score"), w("col_rate")], parts))
        out.append("")
        if result.total is None:
            out.append(w("no_score_goals") if result.table == "goals" else w("no_score_rows"))
        else:
            out.append(f"{w('total')}: {result.total:.2f}    {w('grade')}: {result.grade}")
    if result.figures:
        figs = "  ".join(f"{w('fig_' + k)} {pct(v)}" for k, v in result.figures.items())
        out.append(f"{w('figures')}: {figs}")
    return "\n".join(out)


SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


def report_text(report: Report, lang: str = "zh") -> str:
    """Findings grouped by file and sheet, one line each with its cell, then the counts."""
    sev = SEVERITY_WORDS["en" if lang == "en" else "zh"]
    out: list[str] = []
    for f in report.files:
        kinds = "、".join(word("kind_" + k, lang) for k, _ in f.tables)
        out.append(f"{f.path}" + (f"（{kinds}）" if kinds else ""))
        if f.error is not None:
            out.append(f"  {sev['error']}：{f.error}")
            out.append("")
            continue
        sheet = None
        for x in f.findings:
            if x.sheet != sheet:
                sheet = x.sheet
                out.append(f"  [{sheet}]")
            fix = "→ " + x.suggestion(lang)
            out.append(f"    {x.cell:<6} {x.code} {sev[x.severity]}  {x.message(lang)}  {fix}")
        c = f.counts
        if lang == "en":
            out.append(f"  {c['error']} errors, {c['warning']} warnings, {c['info']} info")
        else:
            out.append(f"  错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}")
        for g in f.goals:
            out.append(("  compared with the goal declaration: " if lang == "en" else "  已对照目标申报表：") + g)
        if f.annotated:
            out.append(("  annotated copy: " if lang == "en" else "  标注副本：") + f.annotated + rebuilt_suffix(f.path, lang))
        out.append("")
    if report.skipped:
        from .summary.words import tr

        out.append("skipped:" if lang == "en" else "已跳过：")
        out.extend(f"  {p}: {tr(why, lang)}" if lang == "en" else f"  {p}：{why}" for p, why in report.skipped)
        out.append("")
    if len(report.files) > 1:
        c, unread = report.counts, sum(1 for f in report.files if f.error is not None)
        if lang == "en":
            out.append(f"{len(report.files)} files: {c['error']} errors, {c['warning']} warnings, {c['info']} info; "
                       f"{unread} unreadable")
        else:
            out.append(f"共 {len(report.files)} 个文件：错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}；"
                       f"无法读取 {unread} 个")
        if most := _most_frequent(report):
            out.append(f"most frequent: {', '.join(most)} (xltools codes CODE says what each means)" if lang == "en"
                       else f"最常见的问题：{'、'.join(most)}（xltools codes 代码 查看说明）")
    return "\n".join(out).rstrip()


def _most_frequent(report: Report, n: int = 5) -> list[str]:
    """The codes found most often over several files (``A307 ×152``), for working through a folder:
    most often first, errors before warnings on a tie."""
    from collections import Counter

    rank = {"error": 0, "warning": 1, "info": 2}
    counts = Counter((x.code, x.severity) for f in report.files for x in f.findings)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0][1], 3), kv[0][0]))
    return [f"{code} ×{k}" for (code, _), k in ordered[:n]]


def codes_text(infos: list[CodeInfo], lang: str = "zh") -> str:
    """``xltools codes``: one block per code — code, severity, the message, → the suggestion."""
    from .annotate import SEVERITY_ZH

    out = []
    for c in infos:
        severity = c.severity if lang == "en" else SEVERITY_ZH[c.severity]
        out.append(f"{c.code}  {pad(severity, 7)} {c.message}\n{'':15}→ {c.suggestion}")
    return "\n".join(out)


def fix_text(result: FixReport, lang: str = "zh") -> str:
    """What fix changed, cell by cell, then what the corrected copy still has to answer for."""
    from .report import Report

    en = lang == "en"
    out = [result.path]
    for c in result.changes:
        if c.skipped:
            why = {"formula": ("formula cell, left as it is", "公式单元格，未改动"),
                   "pending": ("waits for the missing value or the unit below, left as it is", "有待下列缺失值补齐或单位核实，暂不改动")}
            out.append(f"  {c.sheet}!{c.cell:<6} {c.code}  {_shown(c.old)}（{why[c.skipped][0 if en else 1]}）")
        else:
            new = format_number(c.new) if c.code in ("A315", "A324") else _shown(c.new)  # a value, not a score
            out.append(f"  {c.sheet}!{c.cell:<6} {c.code}  {_shown(c.old)} → {new}")
    done = sum(1 for c in result.changes if not c.skipped)
    if result.out is None:
        out.append("  nothing to correct; no copy written" if en else "  没有需要修正的计算错误，未写副本")
    else:
        out.append((f"  {done} cells corrected: {result.out}" if en else f"  已修正 {done} 个单元格：{result.out}")
                   + rebuilt_suffix(result.path, lang))
    if result.remaining is not None:
        out.append("")
        out.append("still to answer (validate):" if en else "仍需处理（校验）：")
        out.append(report_text(Report(files=[result.remaining]), lang))
    return "\n".join(out)


def rebuilt_suffix(src: str, lang: str) -> str:
    """`` (rebuilt …)`` after a copy made of anything but an .xlsx/.xlsm."""
    from .annotate import rebuilt, rebuilt_note

    if not rebuilt(src):
        return ""
    return f" ({rebuilt_note(src, lang)})" if lang == "en" else f"（{rebuilt_note(src, lang)}）"


def _shown(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if abs(v) < 1.5 and v != int(v) else f"{v:.2f}"
    return "（空）" if v is None else str(v)

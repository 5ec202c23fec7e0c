"""The command line: a thin shell over the library, one library call per command.

Exit codes: 0 success; 1 a handled error (or, for validate, findings of the failing severity);
2 a usage error or an unreadable input. A library error becomes one clear line on stderr;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .errors import XltoolsError


def common_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command shares: language, rule set, debug; and the error handling."""

    @click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                  help="输出语言 / output language.")
    @click.option("--rules", "rules", metavar="R", default=None,
                  help="规则集：内置名称（national）或 TOML 文件路径 / rule set name or TOML file.")
    @click.option("--debug", is_flag=True, help="出错时显示完整 traceback / show tracebacks.")
    @functools.wraps(f)
    def wrapper(*args: Any, lang: str, debug: bool, **kwargs: Any) -> Any:
        try:
            return f(*args, lang=lang, **kwargs)
        except XltoolsError as e:
            if debug:
                raise
            click.echo(("Error: " if lang == "en" else "错误：") + e.message(lang), err=True)
            sys.exit(e.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as e:  # a bug: say so plainly, keep the traceback behind --debug
            if debug:
                raise
            msg = ("internal error ({!r}); rerun with --debug and report it" if lang == "en"
                   else "xltools 内部错误（{!r}）；请加 --debug 重试并报告此问题")
            click.echo(msg.format(e), err=True)
            sys.exit(1)

    return wrapper


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="输出格式 / output format.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xltools")
def cli() -> None:
    """xltools：预算绩效管理工作簿的读取、计分与校验工具。

    Tools for Chinese budget performance workbooks (绩效目标申报表, 绩效运行监控表, 绩效自评表,
    部门整体自评, 绩效评价评分表).

    \b
    Example:
        xltools score 自评表.xlsx
        xltools score 评价.xlsx --format json --lang en
    """


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@format_option
@click.option("--sheet", default=None, help="只计算该工作表中的表格 / only the table on this sheet.")
@common_options
def score(file: str, fmt: str, sheet: str | None, rules: str | None, lang: str) -> None:
    """计算工作簿中每张绩效表的得分、分项、总分与等级。

    Score every performance table in FILE: each row with how it was scored, the parts per
    一级指标, the total and the grade, and the figures of domain.md §4 (执行率, 结转结余率 …).
    JSON is one object per table; a workbook holding several tables gives a list of them.

    \b
    Example:
        xltools score 自评表.xlsx
        xltools score 自评表.xlsx --format json
        xltools score 评价.xlsx --rules 我省规则.toml --lang en
    """
    from .api import score_file

    results = score_file(file, rules, sheet)
    if fmt == "json":
        data = [r.to_dict(lang) for r in results]
        click.echo(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return
    from .render import score_text

    click.echo("\n\n".join(score_text(r, lang) for r in results))


def _codes(value: str | None) -> set[str] | None:
    if not value:
        return None
    return {c.strip().upper() for c in value.replace("，", ",").split(",") if c.strip()}


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@format_option
@click.option("--annotate-dir", type=click.Path(file_okay=False), default=None,
              help="为每个输入写一份标注副本到此目录 / write an annotated copy of each input here.")
@click.option("--goals", "goals", type=click.Path(exists=True), default=None,
              help="对照的绩效目标申报表，或存放申报表的文件夹（按项目名称和年度对应）（A311）"
                   "/ the goal declaration to compare with, or a folder of them (matched by project and year).")
@click.option("--pair-goals/--no-pair-goals", default=True, show_default=True,
              help="未给 --goals 时，输入中的自评表、监控表与同名项目的目标申报表比对 / without --goals, compare "
                   "the inputs' reports with the inputs' goal declarations.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="何种严重程度的问题使退出码为 1 / severity that makes the exit code 1.")
@click.option("--select", default=None, metavar="CODES",
              help="只检查这些代码（前缀即可，逗号分隔）/ only these codes or prefixes, e.g. A3,G201.")
@click.option("--ignore", default=None, metavar="CODES", help="忽略这些代码 / skip these codes or prefixes.")
@click.option("--force", is_flag=True, help="覆盖已存在的标注副本 / overwrite existing annotated copies.")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="并行进程数（默认：本进程可用的全部 CPU）/ workers (default: the CPUs this process may use).")
@common_options
def validate(files: tuple[str, ...], fmt: str, annotate_dir: str | None, goals: str | None, pair_goals: bool,
             fail_on: str, select: str | None, ignore: str | None, force: bool, jobs: int | None, rules: str | None,
             lang: str) -> None:
    """校验工作簿：找出评审会发现的每个问题，给出单元格和修改建议。

    Validate FILES (workbooks, or folders searched recursively): every mistake a reviewer would
    find (structure S1xx, goal quality G2xx, arithmetic and consistency A3xx, mid-year monitoring
    M4xx), each with its sheet and cell, the value found, a message and a suggestion. Goal
    declarations among the inputs are compared with the self-evaluations and monitoring tables
    of their project (A311 …), unless --goals names the declarations or --no-pair-goals is given.
    Exit 0 without errors, 1 with findings of the failing severity, 2 when a file could not be
    read (the other files are still checked). The inputs are never modified.

    \b
    Example:
        xltools validate 自评表.xlsx
        xltools validate *.xlsx --format json --fail-on warning
        xltools validate 自评表.xlsx --goals 目标申报表.xlsx --annotate-dir 校验结果/
        xltools validate 自评/ --goals 申报/
        xltools validate 2023年/                # 申报表与自评表在一起：自动对照
        xltools validate 自评表.xlsx --select A3 --ignore A307 --lang en
    """
    from .api import validate_files

    report = validate_files(list(files), rules, goals_path=goals, select=_codes(select),
                            ignore=_codes(ignore), annotate_dir=annotate_dir, force=force, lang=lang,
                            pair_goals=pair_goals, jobs=jobs)
    for path, why in report.goals_unread:
        click.echo(f"Warning: --goals {path} not read: {why}" if lang == "en" else f"警告：--goals 中的 {path} 未能读取：{why}",
                   err=True)
    for f in report.files:
        if f.error is not None:
            click.echo(("Error: " if lang == "en" else "错误：") + f.error, err=True)
        if f.annotate_error is not None:
            click.echo(("Error: " if lang == "en" else "错误：") + f.annotate_error, err=True)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        from .render import report_text

        click.echo(report_text(report, lang))
    code = report.exit_code(fail_on)
    if code == 0 and any(f.annotate_error for f in report.files):
        code = 1
    sys.exit(code)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="修正后的副本 / the corrected copy to write.")
@format_option
@click.option("--force", is_flag=True, help="覆盖已存在的输出 / overwrite the output.")
@common_options
def fix(file: str, out: str, fmt: str, force: bool, rules: str | None, lang: str) -> None:
    """把算错或漏填的得分、总分、执行率、等级改为计算值，写入副本（原文件不动）。

    Write a copy of FILE with what arithmetic alone decides corrected: written scores and totals
    (A305), rates (A303), grades (A306) and funds figures whose header states their reckoning
    (A343) become the computed values, and so do those left empty (A326). Each changed cell turns
    green with a note saying what it held and why; formula cells are left alone. The copy is
    then validated again, and what follows from a corrected value is corrected too (at most two
    more looks): what remains is for a person to decide. Exit 0 when no errors remain,
    1 when some do, 2 when FILE cannot be read. Nothing is written when nothing needs correcting.

    \b
    Example:
        xltools fix 自评表.xlsx -o 自评表_修正.xlsx
        xltools fix 自评表.xlsx -o 修正/自评表.xlsx --format json
        xltools fix 系统导出.xls -o 自评表_修正.xlsx    # .xls/.ods: the copy is rebuilt as .xlsx
    """
    from .fix import fix_copy

    result = fix_copy(file, out, rules, lang=lang, force=force)
    remaining = result.remaining
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2))
    else:
        from .render import fix_text

        click.echo(fix_text(result, lang))
    sys.exit(1 if remaining is not None and remaining.counts["error"] else 0)


@cli.command()
@click.argument("kind", type=click.Choice(["goals", "selfeval", "dept", "evaluation", "monitor"]))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="输出文件 / the .xlsx to write.")
@click.option("--experts", type=click.IntRange(3, 7), default=3, show_default=True,
              help="评价模板的专家人数 / expert columns (evaluation).")
@click.option("--rows", type=click.IntRange(1, 2000), default=None, help="指标行数（默认 30）/ indicator rows.")
@click.option("--from", "from_path", type=click.Path(dir_okay=False), default=None,
              help="把任一可识别的工作簿填入模板 / pour a readable workbook into the template.")
@click.option("--goals", "goals", type=click.Path(dir_okay=False), default=None,
              help="从绩效目标申报表生成自评表或监控表 / start a self-evaluation or monitoring table from a goal table.")
@click.option("--force", is_flag=True, help="覆盖已存在的输出 / overwrite the output.")
@common_options
def template(kind: str, out: str, experts: int, rows: int | None, from_path: str | None,
             goals: str | None, force: bool, rules: str | None, lang: str) -> None:
    """生成会实时计算的标准模板（goals 申报表、selfeval 自评表、dept 部门整体、evaluation 评价评分表、monitor 运行监控表）。

    Write a standard template that computes live in Excel, WPS and LibreOffice: dropdowns,
    formulas for 执行率, every row's 得分, parts, total and grade, conditional formats, locked
    formula cells, A4 print set-up and defined names (total_score, grade, indicators …).
    The monitoring template lights every indicator and the funds (红/黄/绿/蓝灯) by 监控月份.

    \b
    Example:
        xltools template selfeval -o 自评表.xlsx
        xltools template evaluation --experts 5 -o 评价.xlsx
        xltools template selfeval --from 省级自评表.xlsx -o 标准自评表.xlsx
        xltools template selfeval --goals 目标申报表.xlsx -o 自评表.xlsx
        xltools template monitor --goals 目标申报表.xlsx -o 运行监控表.xlsx
    """
    from .api import make_template

    path = make_template(kind, out, rules, experts=experts, rows=rows, from_path=from_path,
                         goals_path=goals, force=force)
    click.echo(path)


def _progress_bar(quiet: bool):  # noqa: ANN202
    """A rich progress bar on stderr for batches over 20 files, only on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def start(total: int, _done: int):  # noqa: ANN202
        if total <= 20:
            return None
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("汇总中", total=total)

        def tick(n: int) -> None:
            bar.advance(task, n)
            if bar.tasks[0].completed >= total:
                bar.stop()

        return tick

    return start


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), default=None,
              help="汇总文件 / the summary file (xlsx; json/csv go to stdout without -o).")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "json", "csv"]), default=None,
              help="输出格式（默认按 -o 的扩展名，否则 xlsx）/ output format (default: -o's extension, else xlsx).")
@click.option("--jobs", type=click.IntRange(1, 256), default=None, help="并行进程数（默认：本进程可用的全部 CPU）/ workers (default: the CPUs this process may use).")
@click.option("--quiet", is_flag=True, help="不显示进度条 / no progress bar.")
@click.option("--sheet", default=None, help="把汇总写入该工作簿副本的此工作表 / in-workbook summary sheet.")
@click.option("--dept", is_flag=True, help="附加部门整体草稿表 / add a draft department table.")
@click.option("--pair-goals/--no-pair-goals", default=True, show_default=True,
              help="自评表、监控表与同一批中同名项目的目标申报表比对（A311/M408）/ compare with the batch's goal declarations.")
@click.option("--force", is_flag=True, help="覆盖已存在的输出 / overwrite the output.")
@common_options
def summarize(paths: tuple[str, ...], out: str | None, fmt: str | None, jobs: int | None, quiet: bool,
              sheet: str | None, dept: bool, pair_goals: bool, force: bool, rules: str | None, lang: str) -> None:
    """汇总多个工作簿（文件或文件夹，递归）：汇总表、等级分布、按单位汇总、问题清单、问题统计。

    Summarise PATHS (files and folders, recursively; lock files ~$* and .~*, macOS ._* files, non-workbooks, the
    output itself, earlier xltools summaries and *_校验 annotated copies are skipped and listed):
    one row per project table with its budget, spending, execution rate, written and computed
    totals, grade, indicators met and findings; grade distribution with a chart; per-unit
    figures with a 全部合计 row; every finding and every unreadable file, and the findings counted
    per code (问题统计); for monitoring tables, every red and yellow light (预警清单). Amounts are
    summed in 万元 (a table stating 单位：元 is converted). A self-evaluation or monitoring table whose goal declaration (same project
    name and year) is in the batch too is compared with it, as validate --goals does (A311/M408;
    --no-pair-goals to skip). Exit 0 when every file was read and has no errors, 1 otherwise
    (the batch never stops for one bad file; a path that does not exist counts as unreadable),
    2 usage error (folders that hold no workbook among them).

    \b
    Example:
        xltools summarize 2023自评/ -o 汇总.xlsx
        xltools summarize 2023自评/ --format json --jobs 2 > 汇总.json
        xltools summarize 2023自评/ -o 汇总.csv
        xltools summarize 部门项目.xlsx --sheet 汇总 -o 部门项目_汇总.xlsx
        xltools summarize 2023自评/ -o 汇总.xlsx --dept
    """
    from .summary import summarize as run

    result = run(list(paths), out, fmt=fmt, jobs=jobs, rules=rules, lang=lang, sheet=sheet, dept=dept,
                 pair_goals=pair_goals, force=force, progress=_progress_bar(quiet))
    if result.text is not None:
        click.echo(result.text, nl=False)
        sys.exit(result.exit_code)
    if sheet is not None and not quiet:
        from .render import rebuilt_suffix

        result.output += rebuilt_suffix(paths[0], lang)  # a copy of an .xls … rebuilt as .xlsx
    if not quiet and lang == "en":
        click.echo(f"{result.output}: {result.files} files, {result.tables} tables, {result.unreadable} unreadable, "
                   f"{result.with_errors} tables with errors, {len(result.skipped)} skipped"
                   + (f" ({result.missing} paths do not exist)" if result.missing else "")
                   + (f"; {result.repeated} tables given more than once (S106): totals count them each time"
                      if result.repeated else "")
                   + ("; no workbook found: check the path" if not result.files else ""), err=True)
    elif not quiet:
        click.echo(f"{result.output}：{result.files} 个文件，{result.tables} 张表，"
                   f"{result.unreadable} 个无法读取，{result.with_errors} 张表有错误，跳过 {len(result.skipped)} 个"
                   + (f"（其中 {result.missing} 个路径不存在）" if result.missing else "")
                   + (f"；{result.repeated} 张表重复出现（S106），合计数按重复计入" if result.repeated else "")
                   + ("；没有找到工作簿，请检查路径" if not result.files else ""), err=True)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("codes", nargs=-1)
@format_option
@common_options
def codes(codes: tuple[str, ...], fmt: str, rules: str | None, lang: str) -> None:
    """列出校验代码：严重程度、问题说明和修改建议（可只列某些代码或前缀）。

    Every validation code with its severity, message and suggestion (or only the codes or
    prefixes given), to look up a code seen in a report or 问题清单.

    \b
    Example:
        xltools codes
        xltools codes S106 A3
        xltools codes --format json --lang en
    """
    from .errors import UsageError
    from .render import codes_text
    from .rules.catalogue import describe

    wanted = {c.strip().upper() for c in codes if c.strip()} or None
    infos = describe(wanted, lang)
    if not infos:
        raise UsageError(f"没有这样的代码：{' '.join(codes)}（xltools codes 列出全部）",
                         f"no such code: {' '.join(codes)} (xltools codes lists them all)")
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in infos], ensure_ascii=False, indent=1))
    else:
        click.echo(codes_text(infos, lang))


@cli.group()
def excel() -> None:
    """Excel 按钮（xlwings）：安装与设置 / Excel buttons through xlwings.

    \b
    Example:
        xltools excel setup 我的按钮
    """


@excel.command()
@click.argument("folder", type=click.Path(file_okay=False))
@common_options
def setup(folder: str, rules: str | None, lang: str) -> None:
    """写出 VBA 模块 xltools.bas 和指向本 Python 的 xlwings.conf，并列出余下步骤。

    Write the VBA module and an xlwings.conf pointing at this Python into FOLDER, then print the
    steps that need Excel (install the xlwings add-in, import the module, add the buttons).

    \b
    Example:
        xltools excel setup 我的按钮
    """
    from .excel import macro_names
    from .excel import setup as write_setup

    for path in write_setup(folder):
        click.echo(path)
    macros = " / ".join(macro_names())
    click.echo((EXCEL_STEPS_EN if lang == "en" else EXCEL_STEPS).format(macros=macros))


EXCEL_STEPS = """
余下步骤（需要在 Excel 中完成，详见 macros/README.md）：
  1. 在命令行运行：xlwings addin install   （安装 xlwings 加载项）
  2. 把 xlwings.conf 复制到工作簿所在文件夹（或把其中的解释器路径填到 xlwings 加载项的 Interpreter 设置）
  3. Excel：开发工具 → Visual Basic → 文件 → 导入文件… → 选择 xltools.bas；工具 → 引用 → 勾选 xlwings
  4. 开发工具 → 插入 → 按钮（窗体控件），每个按钮指定一个宏：
     {macros}
     按钮文字写「校验当前工作簿」「计算得分」「修正计算」等（见 macros/README.md 的表）
  5. 工作簿另存为 .xlsm（启用宏的工作簿）
"""
EXCEL_STEPS_EN = """
Steps left (in Excel; see macros/README.md):
  1. On the command line: xlwings addin install   (the xlwings add-in)
  2. Copy xlwings.conf next to the workbook (or enter its interpreter path in the add-in's Interpreter box)
  3. Excel: Developer → Visual Basic → File → Import File… → xltools.bas; Tools → References → tick xlwings
  4. Developer → Insert → Button (Form Control), one per macro:
     {macros}
     captioned as in macros/README.md's table (校验当前工作簿, 计算得分, 修正计算 …)
  5. Save the workbook as .xlsm (macro-enabled)
"""


def main() -> None:
    """The command line, in this process (the console script goes through :mod:`xltools.command`)."""
    cli(prog_name="xltools")


if __name__ == "__main__":
    main()

"""`xltools validate` through the CLI: shapes, grouping, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace

import openpyxl
from click.testing import CliRunner

from xltools.cli import cli

from .test_validate import CLEAN, write


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_json_shape(tmp_path):
    path = write(tmp_path, edits={"G15": 8, "B12": "做好养老服务。"})
    res = run("validate", path, "--format", "json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    [f] = data["files"]
    assert (f["path"], f["table"], f["counts"]) == (path, "selfeval", {"error": 1, "warning": 1, "info": 0})
    assert [(x["code"], x["severity"], x["sheet"], x["cell"]) for x in f["findings"]] == [
        ("G209", "warning", "绩效自评表", "B12"), ("A305", "error", "绩效自评表", "G15")]
    for x in f["findings"]:
        assert set(x) == {"code", "severity", "sheet", "cell", "value", "message", "suggestion"}


def test_text_grouped_by_file_and_sheet(tmp_path):
    a = write(tmp_path, edits={"G15": 8}, name="a.xlsx")
    b = write(tmp_path, replace(CLEAN, project="另一个项目"), name="b.xlsx")  # the same project twice is S106
    res = run("validate", a, b)
    assert res.exit_code == 1
    assert res.stdout.splitlines() == [
        f"{a}（项目支出绩效自评表）",
        "  [绩效自评表]",
        "    G15    A305 错误  填写的得分 8 与计算值 10.00 不符（实际 24场 ≥ 目标 24场，得满分 10.00）  → 改为 10.00",
        "  错误 1，警告 0，提示 0",
        "",
        f"{b}（项目支出绩效自评表）",
        "  错误 0，警告 0，提示 0",
        "",
        "共 2 个文件：错误 1，警告 0，提示 0；无法读取 0 个",
        "最常见的问题：A305 ×1（xltools codes 代码 查看说明）",  # a folder's triage: the codes most often found
    ]


def test_fail_on_warning(tmp_path):
    path = write(tmp_path, edits={"B12": "做好养老服务。"})
    assert run("validate", path).exit_code == 0
    assert run("validate", path, "--fail-on", "warning").exit_code == 1
    assert run("validate", path, "--fail-on", "warning", "--ignore", "G209").exit_code == 0


def test_english(tmp_path):
    path = write(tmp_path, edits={"B22": "良"})
    res = run("validate", path, "--lang", "en")
    assert "A306 error  grade 「良」 does not match total 97.60 (grade 「优」)  → change it to 「优」" in res.stdout
    assert "1 errors, 0 warnings, 0 info" in res.stdout


def test_goals_option_needs_a_goal_table(tmp_path):
    path = write(tmp_path)
    res = run("validate", path, "--goals", path)
    assert res.exit_code == 2
    assert res.stderr.strip() == "错误：自评表.xlsx：不是绩效目标申报表（--goals 需要目标申报表）。"


def test_goals_option(tmp_path):
    from dataclasses import replace

    goals = replace(CLEAN, kind="goals", funds=[], total=None, grade="", line_items=[],
                    rows=[replace(r, actual="", score=None) for r in CLEAN.rows[:-1]])
    g = write(tmp_path, goals, name="目标.xlsx")
    s = write(tmp_path, name="自评.xlsx")
    res = run("validate", s, "--goals", g, "--format", "json", "--select", "A311")
    assert res.exit_code == 0
    [f] = json.loads(res.stdout)["files"][0]["findings"]
    assert (f["code"], f["cell"], f["value"]) == ("A311", "C20", "老人满意度")


def test_no_files_is_a_usage_error(tmp_path):
    assert run("validate").exit_code == 2
    (tmp_path / "说明.docx").write_bytes(b"PK")
    res = run("validate", tmp_path)  # a folder without workbooks: the wrong folder, most likely
    assert res.exit_code == 2 and res.stderr.strip() == f"错误：{tmp_path}：没有找到工作簿（.xlsx/.xlsm/.xls/.et/.ods）。"


def test_folders_are_searched_and_copies_keep_their_subfolders(tmp_path):
    from dataclasses import replace

    from .test_validate import GOALS

    d = tmp_path / "自评"
    (d / "二科").mkdir(parents=True)
    a = write(d, edits={"G15": 8}, name="自评表.xlsx")
    b = write(d / "二科", replace(CLEAN, project="另一个项目"), {"D14": "≥1800人"}, name="自评表.xlsx")
    (d / "~$自评表.xlsx").write_bytes(b"lock")
    (d / ".~lock.自评表.xlsx#").write_bytes(b"lock")  # LibreOffice's
    (d / "二科" / ".~自评表.xlsx").write_bytes(b"lock")  # WPS's, on Linux
    (d / "._自评表.xlsx").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")  # AppleDouble, from a USB stick
    (d / "说明.docx").write_bytes(b"PK")
    g = write(tmp_path, GOALS, name="目标.xlsx")
    out = tmp_path / "校验"
    res = run("validate", d, "--goals", g, "--annotate-dir", out)
    assert res.exit_code == 1, res.output
    lines = res.stdout.splitlines()
    assert lines[-9:-1] == [  # not unreadable workbooks (exit 1 for every folder copied from a Mac)
        "已跳过：",
        f"  {d / '._自评表.xlsx'}：macOS 附带的资源文件（._），不是工作簿，已跳过",
        f"  {d / '.~lock.自评表.xlsx#'}：LibreOffice/WPS 锁定文件（.~），已跳过",
        f"  {d / '~$自评表.xlsx'}：Office 锁定文件（~$），已跳过",
        f"  {d / '说明.docx'}：不是工作簿（扩展名不是 .xlsx/.xlsm/.xls/.et/.ods），已跳过",
        f"  {d / '二科' / '.~自评表.xlsx'}：LibreOffice/WPS 锁定文件（.~），已跳过",
        "",
        "共 2 个文件：错误 1，警告 1，提示 0；无法读取 0 个",  # (b's goal text still says 2000名: A339)
    ]
    # two 自评表.xlsx in two folders: two annotated copies, in the same subfolders
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx")) == ["二科/自评表_校验.xlsx", "自评表_校验.xlsx"]
    # one declaration among several workbooks: compared with its own project only (b's 1800 is not
    # held against another project's 2000); alone with b, compared whatever the name
    data = json.loads(run("validate", d, "--goals", g, "--format", "json").stdout)
    assert [(f["path"], f.get("goals"), [x["code"] for x in f["findings"]]) for f in data["files"]] == [
        (a, [g], ["A305"]), (b, None, ["A339"])]  # (b's own goal text against its 1800)
    assert {s["reason"] for s in data["skipped"]} == {"Office 锁定文件（~$），已跳过",
                                                       "LibreOffice/WPS 锁定文件（.~），已跳过",
                                                       "macOS 附带的资源文件（._），不是工作簿，已跳过",
                                                       "不是工作簿（扩展名不是 .xlsx/.xlsm/.xls/.et/.ods），已跳过"}
    alone = json.loads(run("validate", b, "--goals", g, "--format", "json", "--select", "A311").stdout)
    assert [(x["code"], x["cell"]) for x in alone["files"][0]["findings"]] == [("A311", "D14")]


def test_declarations_among_the_inputs_are_compared(tmp_path):
    """As summarize pairs them: a report with its project's declaration among the inputs."""
    from dataclasses import replace

    from .test_validate import GOALS

    d = tmp_path / "2023"
    d.mkdir()
    s = write(d, CLEAN, {"D14": "≥1800人", "C7": 520, "C8": 520}, name="a自评.xlsx")  # before its declaration
    other = write(d, replace(CLEAN, project="另一个项目"), {"D14": "≥1800人"}, name="b另一个.xlsx")
    g = write(d, GOALS, name="c目标.xlsx")
    with_goals = json.loads(run("validate", s, "--goals", g, "--format", "json").stdout)["files"][0]

    def files(*extra):
        return {f["path"]: f for f in json.loads(run("validate", d, "--format", "json", *extra).stdout)["files"]}

    got = files()
    assert got[s]["findings"] == with_goals["findings"] and got[s]["goals"] == [g]
    assert [(x["code"], x["cell"]) for x in got[s]["findings"]] == [  # (its goal text says 2000名: A339)
        ("A319", "C7"), ("A319", "C8"), ("A339", "B12"), ("A311", "D14")]
    assert "goals" not in got[other] and "goals" not in got[g]
    assert [x["code"] for x in got[other]["findings"]] == ["A339"]  # its own text's 2000名, no declaration's
    unpaired = files("--no-pair-goals")[s]
    assert "goals" not in unpaired and not {x["code"] for x in unpaired["findings"]} & {"A311", "A319"}
    # --select applies to the paired comparison too
    only = files("--select", "A319")[s]
    assert [(x["code"], x["cell"]) for x in only["findings"]] == [("A319", "C7"), ("A319", "C8")]


def test_many_files_in_workers_equal_one_process(tmp_path):
    """Past a few files, workers validate and annotate; the report is the one a single process gives."""
    from .test_validate import GOALS

    d = tmp_path / "in"
    d.mkdir()
    for k in range(9):
        write(d, replace(CLEAN, project=f"项目{k % 3}"), {"D14": f"≥{1900 + k}人", "G15": 8 if k % 2 else 10},
              name=f"自评{k}.xlsx")
    write(d, replace(GOALS, project="项目1"), name="目标1.xlsx")
    (d / "坏的.xlsx").write_bytes(b"PK\x03\x04broken")

    def report(jobs):
        res = run("validate", d, "--format", "json", "--jobs", jobs, "--annotate-dir", tmp_path / f"out{jobs}")
        assert res.exit_code == 2, res.output  # the broken file
        data = json.loads(res.stdout)
        for f in data["files"]:
            f.pop("annotated", None)
        return data, sorted(p.name for p in (tmp_path / f"out{jobs}").rglob("*.xlsx"))

    one, two = report(1), report(2)
    assert one == two
    files = {f["path"].rsplit("/", 1)[-1]: f for f in one[0]["files"]}
    assert "error" in files["坏的.xlsx"] and len(one[1]) == 10  # every readable file annotated
    # paired with 目标1 (项目1); 项目1 has three self-evaluations here (S106 at the project name)
    assert [x["code"] for x in files["自评1.xlsx"]["findings"]] == ["S106", "A339", "A311", "A305"]
    assert files["自评4.xlsx"].get("goals") == [str(d / "目标1.xlsx")]
    assert "goals" not in files["自评0.xlsx"]


def test_a_workbook_holding_its_own_declaration(tmp_path):
    """One workbook with a 目标申报表 sheet and a 自评表 sheet: the self-evaluation is compared with it."""
    from .test_validate import GOALS

    s = openpyxl.load_workbook(write(tmp_path, CLEAN, {"D14": "≥1800人"}, name="s.xlsx"))
    g = openpyxl.load_workbook(write(tmp_path, GOALS, name="g.xlsx"))
    from xltools.annotate import write_text

    ws = s.create_sheet("目标申报表")
    for row in g.active.iter_rows():
        for c in row:
            write_text(ws[c.coordinate], c.value)  # "=100%" stays text
    path = tmp_path / "both.xlsx"
    s.save(path)
    f = json.loads(run("validate", path, "--format", "json", "--select", "A311").stdout)["files"][0]
    assert [(x["code"], x["sheet"], x["cell"]) for x in f["findings"]] == [("A311", "绩效自评表", "D14")]
    assert f["goals"] == [str(path)]


def test_workers_without_fork_give_the_same_report(tmp_path, monkeypatch):
    """Windows has no fork: the spawned fallback must get everything it needs by pickle."""
    from dataclasses import replace

    from xltools.api import validate_files
    from xltools.summary import pool

    from .test_validate import GOALS

    for k in range(8):
        write(tmp_path, replace(CLEAN, project=f"项目{k % 2}"), {"G15": 8 if k % 2 else 10}, name=f"自评{k}.xlsx")
    write(tmp_path, replace(GOALS, project="项目1"), name="目标.xlsx")
    forked = validate_files([str(tmp_path)], jobs=2, annotate_dir=str(tmp_path / "a"))
    monkeypatch.setattr(pool, "run", lambda fn, tasks, jobs, salvage=None: pool._spawned(fn, tasks, jobs))
    spawned = validate_files([str(tmp_path)], jobs=2, annotate_dir=str(tmp_path / "b"))
    strip = lambda r: [{**f.to_dict(), "annotated": None} for f in r.files]  # noqa: E731
    assert strip(forked) == strip(spawned) and len(forked.files) == 9
    assert all(f.annotated and "/b/" in f.annotated for f in spawned.files)


def test_a_summary_in_the_folder_is_passed_over(tmp_path):
    """An xltools summary saved among the workbooks it sums up is not a table to validate (as in summarize)."""
    d = tmp_path / "自评"
    d.mkdir()
    a = write(d, CLEAN, {"G15": 8}, name="a.xlsx")
    assert run("summarize", d, "-o", d / "汇总.xlsx").exit_code == 1  # a's error
    res = run("validate", d, "--annotate-dir", tmp_path / "校验")
    assert res.exit_code == 1, res.output  # a's A305; the summary is no S105
    assert f"  {d / '汇总.xlsx'}：xltools 生成的汇总表，已跳过" in res.stdout.splitlines()
    assert [p.name for p in (tmp_path / "校验").iterdir()] == ["a_校验.xlsx"]
    data = json.loads(run("validate", d, "--format", "json").stdout)
    assert [f["path"] for f in data["files"]] == [a]


def test_a_folder_ends_with_the_codes_found_most_often(tmp_path):
    """Over many files the last line names the codes found most often, errors first on a tie: where
    a finance office starts when it calls units back (summarize's 问题统计 in a sheet)."""
    for k, edits in enumerate(({"G15": 8}, {"G15": 8, "B12": "做好养老服务。"}, {"B12": "做好养老服务。"})):
        write(tmp_path, replace(CLEAN, project=f"项目{k}"), edits, name=f"{k}.xlsx")
    res = run("validate", tmp_path)
    assert res.stdout.splitlines()[-1] == "最常见的问题：A305 ×2、G209 ×2（xltools codes 代码 查看说明）"
    res = run("validate", tmp_path, "--lang", "en")
    assert res.stdout.splitlines()[-1] == "most frequent: A305 ×2, G209 ×2 (xltools codes CODE says what each means)"

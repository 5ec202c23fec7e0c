"""`xltools score` end to end: output shapes, exit codes, and refusals without tracebacks."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile

import pytest
from click.testing import CliRunner

from xltools.cli import cli

from .conftest import xltools_cmd


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_score_json_shape(build, demo):
    path = build(demo["自评表.xlsx"][0], name="自评表.xlsx")
    res = run("score", path, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) >= {"path", "table", "total", "grade", "parts", "figures", "rows"}
    assert (data["path"], data["table"], data["total"], data["grade"]) == (path, "selfeval", 94.3, "优")
    assert data["parts"][0] == {"name": "预算执行率", "weight": 10.0, "score": 7.7, "rate": 0.77}
    assert data["figures"] == {"execution_rate": 0.7704}
    assert data["rows"][0] == {"level1": "预算执行率", "level2": "", "name": "预算执行率", "weight": 10.0,
                               "score": 7.7, "explain": "770.42/1000 = 77.04% × 10 = 7.70",
                               "sheet": "绩效自评表", "cell": "H7"}
    assert data["rows"][2]["explain"] == "2800平方米/3000平方米 = 93.33% × 15 = 14.00"
    assert data["rows"][2]["cell"] == "G15"
    for row in data["rows"]:
        assert set(row) == {"level1", "level2", "name", "weight", "score", "explain", "sheet", "cell"}


def test_score_text_and_english(build, demo):
    path = build(demo["评价评分表.xlsx"][0])
    res = run("score", path)
    assert res.exit_code == 0
    assert "总分: 85.99    等级: 良" in res.stdout
    assert "专家平均 (4.5 + 4.2 + 4.1)/3 = 4.27" in res.stdout
    res = run("score", path, "--lang", "en")
    assert "total: 85.99    grade: 良" in res.stdout
    assert "mean of experts (4.5 + 4.2 + 4.1)/3 = 4.27" in res.stdout


def test_custom_rules_change_the_score(build, demo, tmp_path):
    rules = tmp_path / "省规则.toml"
    rules.write_text('id = "province"\n[selfeval]\nexecution_weight = 20\n'
                     '[[grades]]\nname = "优秀"\nmin = 95\n[[grades]]\nname = "合格"\nmin = 0\n',
                     encoding="utf-8")
    path = build(demo["自评表_省级格式.xlsx"][0])  # written 分值 10 on the funds row wins
    data = json.loads(run("score", path, "--format", "json", "--rules", rules).stdout)
    assert data["rules"] == "province" and data["grade"] == "合格"
    sample = demo["自评表.xlsx"][0]
    from dataclasses import replace

    no_funds_weight = build(replace(sample, funds=[("年度资金总额", 1000, 1000, 500)]))
    data = json.loads(run("score", no_funds_weight, "--format", "json", "--rules", rules).stdout)
    assert data["rows"][0]["explain"] == "500/1000 = 50.00% × 10 = 5.00"


@pytest.mark.parametrize("content", ["id = 1\n[selfeval\n", '[selfeval]\nless_is_better = "max"\n',
                                     "[selfeval]\nbogus = 1\n"])
def test_bad_rules_exit_2(build, demo, tmp_path, content):
    rules = tmp_path / "bad.toml"
    rules.write_text(content, encoding="utf-8")
    res = run("score", build(demo["自评表.xlsx"][0]), "--rules", rules)
    assert res.exit_code == 2
    assert res.stderr.startswith("错误：") and "Traceback" not in res.output


def _hostile(tmp_path):
    files = {}
    files["empty.xlsx"] = b""
    files["csv.xlsx"] = "项目名称,得分\n示例,95\n".encode()
    files["gbk.xlsx"] = "项目名称,得分\n示例,95\n".encode("gbk")
    files["corrupt.xlsx"] = b"PK\x03\x04" + b"\x00garbage" * 100
    files["encrypted.xlsx"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                               + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)
    files["random.xls"] = bytes(range(256)) * 8
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    docx = tmp_path / "word.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    truncated = tmp_path / "truncated.xlsx"
    return [tmp_path / n for n in files] + [docx, truncated]


@pytest.mark.parametrize("name", ["empty.xlsx", "csv.xlsx", "gbk.xlsx", "corrupt.xlsx", "encrypted.xlsx",
                                  "random.xls", "word.xlsx", "missing.xlsx"])
def test_unreadable_inputs_exit_2_with_one_line(tmp_path, name):
    _hostile(tmp_path)
    path = tmp_path / name
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    res = run("score", path)
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误：{name}：")
    assert "Traceback" not in res.output
    if before:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", ["binary.xlsb", "binary.xlsx"])
def test_binary_workbook_is_refused_with_how_to_fix(tmp_path, name):
    """An .xlsb is not read: its binary sheets are not searched for a far cell, which would make
    python-calamine abort the process (reading/source.py, MAX_CELLS); Excel converts it in one step."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
        zf.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    res = run("score", path)
    assert res.exit_code == 2
    assert res.stderr.strip() == f"错误：{name}：这是 Excel 二进制工作簿（.xlsb），不受支持；请在 Excel 中另存为 .xlsx 后再试。"
    assert "save it as .xlsx" in run("validate", path, "--lang", "en").stderr


def test_truncated_real_workbook(build, demo, tmp_path):
    from pathlib import Path

    data = Path(build(demo["自评表.xlsx"][0])).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    res = run("score", path)
    assert res.exit_code == 2 and "已损坏" in res.stderr


def test_workbook_without_known_table_says_what_was_looked_for(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "通讯录"
    wb.active.append(["姓名", "电话"])
    path = tmp_path / "通讯录.xlsx"
    wb.save(path)
    res = run("score", path)
    assert res.exit_code == 2
    assert res.stderr.strip() == ("错误：通讯录.xlsx：未找到任何已知的绩效表（查找的是：一级指标 + 三级指标"
                                  "（或指标名称）的表头行；工作表：通讯录）。")
    res = run("score", path, "--lang", "en")
    assert "no known performance table found" in res.stderr


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    res = CliRunner().invoke(cli, ["score", str(path), "--debug"])
    assert res.exit_code != 0 and res.exception is not None


def test_usage_error_exit_2():
    assert run("score").exit_code == 2
    assert run("score", "x.xlsx", "--format", "yaml").exit_code == 2


def test_every_command_has_help_with_an_example():
    for name in cli.commands:
        res = run(name, "--help")
        assert res.exit_code == 0
        assert "Example:" in res.stdout, name


def test_whole_process_in_a_chinese_path_with_spaces(build, demo, tmp_path):
    folder = tmp_path / "预算 绩效 2023"
    folder.mkdir()
    path = build(demo["部门整体自评表.xlsx"][0], name="预算 绩效 2023/部门 整体.xlsx")
    proc = subprocess.run([*xltools_cmd(), "score", path, "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 92.98
    proc = subprocess.run([*xltools_cmd(), "score", str(folder / "nope.xlsx")], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_codes_lists_what_a_code_means():
    from xltools.rules.catalogue import CATALOGUE

    res = CliRunner().invoke(cli, ["codes", "s1"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert [ln.split()[0] for ln in lines[::2]] == [f"S1{k:02d}" for k in range(1, 14)]
    assert lines[10:12] == ["S106  警告    …「…」的…在本批文件中出现 … 次（另见 …）…，汇总时会重复计入",
                            "               → 只保留一份（通常是最后修改的那份），把其余的移出本批后重新汇总"]
    every = json.loads(CliRunner().invoke(cli, ["codes", "--format", "json", "--lang", "en"]).output)
    assert [c["code"][0] for c in every] == sorted((c["code"][0] for c in every), key="SGAM".index)
    assert {c["code"] for c in every} == set(CATALOGUE) and all(c["message"] and c["suggestion"] for c in every)
    for lang in ("zh", "en"):  # no parameter left open as written (``{level2}`` of G205 was)
        listed = json.loads(CliRunner().invoke(cli, ["codes", "--format", "json", "--lang", lang]).output)
        assert [c["code"] for c in listed if "{" in c["message"] + c["suggestion"]] == []
    assert {"code": "G201", "severity": "error", "message": "target 「…」 of 「…」 …",
            "suggestion": "(given with each finding)"} in every
    # a message that is mostly its particulars is listed by a short statement of the problem
    assert CliRunner().invoke(cli, ["codes", "A328"]).output.startswith(
        "A328  警告    实际完成值写成占目标的比例（如「93%」「完成全年目标的85%」），按目标的这一比例计算")
    bad = CliRunner().invoke(cli, ["codes", "X9"])
    assert bad.exit_code == 2 and "没有这样的代码：X9" in bad.stderr


def test_a_template_is_never_written_over_the_workbook_it_starts_from(tmp_path, build, demo):
    """`template --from X -o X --force` replaced the workbook with a template holding only what
    could be poured into it; like fix, it is refused whatever --force says."""
    from pathlib import Path

    src = build(demo["自评表.xlsx"][0])
    before = Path(src).read_bytes()
    for option in ("--from", "--goals"):
        kind = "selfeval" if option == "--from" else "monitor"
        res = run("template", kind, option, src, "-o", src, "--force")
        assert res.exit_code == 1 and "输出会覆盖原文件" in res.stderr, res.output
    assert Path(src).read_bytes() == before


#: Modules the read path must not import: openpyxl and pandas cost 100–300 ms to import and do
#: not read values (python-calamine does); zipfile with its shutil, pathlib and lzma is 12 ms of
#: every validate's start-up, and only writers and odd files need it.
HEAVY = ("openpyxl", "pandas", "xlwings", "zipfile")


@pytest.mark.parametrize(("call", "heavy"), [
    ("validate_file(path)", HEAVY),
    ("score_file(path)", HEAVY),
    ("summarize([path], fmt='json')", HEAVY[:3]),  # json to stdout: no workbook written
])
def test_the_read_path_imports_nothing_heavy(build, demo, call, heavy):
    """Fails when a module-level import drags a heavy module into every command's start-up (an
    ``import zipfile`` at the top of annotate.py and summary/xlsx.py did, through ``xltools.summary``)."""
    path = build(demo["自评表.xlsx"][0], name="自评表.xlsx")
    code = ("import sys\nfrom xltools.api import score_file, validate_file\nfrom xltools.summary import summarize\n"
            f"path = {path!r}\n{call}\n"
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([*xltools_cmd()[:1], "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == []


@pytest.mark.parametrize(("args", "name", "suffix"), [
    (["template", "selfeval", "-o", "{d}/模板.csv"], "模板.csv", ".xlsx"),
    (["fix", "{src}", "-o", "{d}/修正.xls"], "修正.xls", ".xlsx"),
    (["summarize", "{src}", "-o", "{d}/汇总"], "汇总", ".xlsx"),
    (["summarize", "{src}", "--sheet", "汇总", "-o", "{d}/带汇总.xlsm"], "带汇总.xlsm", ".xlsx"),  # no macros to keep
])
def test_a_workbook_is_not_written_under_another_formats_name(build, demo, tmp_path, args, name, suffix):
    """An .xlsx written as 模板.csv or 修正.xls opened as garbage in Excel and WPS (they go by the
    extension), and one named .xlsm not at all: refused as a usage error, nothing written."""
    src = build(demo["自评表.xlsx"][0], name="自评表.xlsx")
    res = run(*[a.format(d=tmp_path / "out", src=src) for a in args])
    stem = name.rsplit(".", 1)[0]
    assert res.exit_code == 2, res.output
    assert f"输出文件 {name} 应以 {suffix} 结尾（Excel 和 WPS 按扩展名打开文件），如 {stem}{suffix}" in res.output
    assert not (tmp_path / "out").exists()
    assert run(*[a.format(d=tmp_path / "out", src=src).replace(name, stem + suffix) for a in args]).exit_code in (0, 1)

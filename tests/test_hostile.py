"""Hostile and odd inputs: refused quickly, in bounded memory, with one line, never modified."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from . import hostile
from .conftest import xltools_cmd

MEMORY_LIMIT_KB = 400 * 1024


def sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_measured(args: list[str], timeout: float = 60) -> tuple[subprocess.CompletedProcess, int]:
    """Run xltools in a child and return its result and its peak memory (KiB)."""
    code = ("import resource, subprocess, sys, json;"
            "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
            "print(json.dumps([p.returncode, p.stdout, p.stderr,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    proc = subprocess.run([sys.executable, "-c", code, *xltools_cmd(), *args],
                          capture_output=True, text=True, timeout=timeout)
    rc, out, err, rss = json.loads(proc.stdout)
    return subprocess.CompletedProcess(args, rc, out, err), rss


@pytest.fixture(scope="module")
def files(tmp_path_factory, demo):
    from xltools.samples import write_sample

    d = tmp_path_factory.mktemp("hostile 恶意 文件")
    good = d / "好的 自评表.xlsx"
    sample, layout = demo["自评表.xlsx"]
    write_sample(sample, good, layout)
    out = {"good": str(good)}
    hostile.zip_bomb(str(good), str(d / "bomb.xlsx"))
    out["bomb"] = str(d / "bomb.xlsx")
    hostile.entity_expansion(str(good), str(d / "laughs.xlsx"))
    out["laughs"] = str(d / "laughs.xlsx")
    hostile.million_rows(str(d / "million.xlsx"))
    out["million"] = str(d / "million.xlsx")
    (d / "empty.xlsx").write_bytes(b"")
    out["empty"] = str(d / "empty.xlsx")
    (d / "data.xlsx").write_text("项目名称,得分\n示例,95\n", encoding="utf-8")
    out["csv"] = str(d / "data.xlsx")
    (d / "old.xls").write_bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>")
    out["html_xls"] = str(d / "old.xls")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + 20  # inside the compressed sheet
    data[start:start + 200] = b"\xff" * 200
    (d / "corrupt.xlsx").write_bytes(bytes(data))
    out["corrupt"] = str(d / "corrupt.xlsx")
    (d / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
                                       + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 1000)
    out["encrypted"] = str(d / "encrypted.xlsx")
    return out


@pytest.mark.parametrize(("name", "code", "words"), [
    ("bomb", 2, "压缩炸弹"), ("empty", 2, "0 字节"), ("csv", 2, "文本文件"), ("html_xls", 1, "不是已知的绩效表"),  # a page named .xls is read (reading/html.py): no table in it
    ("corrupt", 2, "损坏"), ("encrypted", 2, "加密"), ("million", 1, "过大未读取"),
])
def test_refused_quickly_in_bounded_memory(files, name, code, words):
    path = files[name]
    before = sha(path)
    proc, rss = run_measured(["validate", path], timeout=30)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert words in proc.stderr + proc.stdout
    assert rss < MEMORY_LIMIT_KB
    assert sha(path) == before


def test_entity_expansion_is_not_expanded(files, tmp_path):
    path = files["laughs"]
    before = sha(path)
    proc, rss = run_measured(["validate", path, "--format", "json", "--annotate-dir", str(tmp_path)])
    assert "Traceback" not in proc.stderr and rss < MEMORY_LIMIT_KB
    report = json.loads(proc.stdout)["files"][0]
    # calamine refuses the undeclared entity instead of expanding it; openpyxl (defusedxml) would too
    assert proc.returncode == 2 and "无法读取" in report["error"]
    assert os.listdir(tmp_path) == []
    assert sha(path) == before


def test_annotate_refuses_entity_tricks_it_cannot_read(files, tmp_path):
    from xltools.annotate import annotate_copy
    from xltools.errors import OutputError

    with pytest.raises(OutputError, match="无法为该文件生成批注副本"):
        annotate_copy(files["laughs"], [], str(tmp_path / "x.xlsx"))


def test_other_files_are_still_checked(files):
    proc = subprocess.run([*xltools_cmd(), "validate", files["empty"], files["good"], files["corrupt"],
                           "--format", "json"], capture_output=True, text=True)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert [f["table"] for f in report["files"]] == [None, "selfeval", None]
    assert report["files"][1]["counts"]["warning"] == 4  # the demo self-evaluation: A317, G209, A312, A307
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("错误：") for line in lines)


def test_formula_like_text_stays_text(tmp_path):
    from xltools.samples import Layout, Row, Sample, write_sample

    sample = Sample(kind="selfeval", project="=HYPERLINK(\"http://x\")", department="+市财政局",
                    unit="@实施单位", rows=[Row("产出指标", "数量指标", "-讲座", "≥100人", "90人", 90, 80)],
                    funds=[("年度资金总额", 10, 10, 10)])
    path = tmp_path / "公式.xlsx"
    write_sample(sample, path, Layout())
    before = sha(path)
    out = tmp_path / "out"
    proc = subprocess.run([*xltools_cmd(), "validate", str(path), "--format", "json", "--annotate-dir", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)["files"][0]
    names = [f["value"] for f in report["findings"] if f["code"] == "G207"]
    assert names == ["-讲座"]
    copy = openpyxl.load_workbook(report["annotated"])
    ws = copy["绩效自评表"]
    assert (ws["B4"].value, ws["B4"].data_type) == ('=HYPERLINK("http://x")', "s")
    assert (ws["B5"].data_type, ws["E5"].data_type, ws["C9"].value, ws["C9"].data_type) == ("s", "s", "-讲座", "s")
    results = copy["校验结果"]
    values = {c.value: c.data_type for row in results.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    assert values["-讲座"] == "s"
    assert sha(path) == before


def test_annotate_refuses_what_it_cannot_keep(files, tmp_path):
    src = tmp_path / "带图片.xlsx"
    with zipfile.ZipFile(files["good"]) as zi, zipfile.ZipFile(src, "w") as zo:
        for item in zi.infolist():
            zo.writestr(item, zi.read(item.filename))
        zo.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n")
    res = subprocess.run([*xltools_cmd(), "validate", str(src), "--annotate-dir", str(tmp_path / "o")],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert "含有图片" in res.stderr and "已拒绝生成" in res.stderr
    assert not (tmp_path / "o" / "带图片_校验.xlsx").exists()


@pytest.mark.parametrize("variant", ["plain", "comment", "zip64", "utf8-names", "truncated-directory"])
def test_central_directory_reader_agrees_with_zipfile(tmp_path, variant):
    """The fast central-directory reader gives zipfile's answer, or hands over to zipfile."""
    import zipfile

    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import _zip_members, _zip_members_slow

    p = tmp_path / "book.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>" * 50)
        zf.writestr("xl/worksheets/表1.xml" if variant == "utf8-names" else "xl/worksheets/sheet1.xml", "x" * 999)
        if variant == "zip64":
            with zf.open("big.bin", "w", force_zip64=True) as fh:
                fh.write(b"0" * 10)
        if variant == "comment":
            zf.comment = b"saved by a tool that leaves a comment"
    def members() -> list:
        with open(p, "rb") as fh:
            return _zip_members(str(p), fh, p.stat().st_size)

    if variant == "truncated-directory":
        data = p.read_bytes()
        p.write_bytes(data[:-40] + data[-22:])  # end record intact, directory cut short
        with pytest.raises(UnreadableWorkbook):
            members()
        return
    assert members() == _zip_members_slow(str(p))
    assert ("xl/worksheets/表1.xml" if variant == "utf8-names" else "xl/worksheets/sheet1.xml", 999) in \
        [(m.name, m.size) for m in members()]


def test_xls_error_scan_survives_damaged_and_looping_files(tmp_path, soffice):
    """reading/xls.py parses sector tables of untrusted files: damage and loops give no error cells,
    never an exception or a hang (python-calamine reports what is wrong with such a file)."""
    import random
    import struct
    import time

    from xltools.reading.source import MAX_CELLS, MAX_HIDDEN_SPAN, load_grids
    from xltools.reading.xls import scan

    from .conftest import convert

    src = tmp_path / "e.xlsx"
    wb = openpyxl.Workbook()
    wb.active["B2"] = "=1/0"
    wb.save(src)
    xls = convert(soffice, str(src), "xls", str(tmp_path))
    data = Path(xls).read_bytes()
    assert scan(data, 100, MAX_CELLS, MAX_HIDDEN_SPAN).errors == {"Sheet": {(1, 1): "#DIV/0!"}}
    assert load_grids(xls)[0].errors == {(1, 1): "#DIV/0!"}  # found while the file is checked
    looping = bytearray(data)
    fat0 = struct.unpack_from("<I", data, 0x4C)[0]
    struct.pack_into("<128I", looping, (fat0 + 1) * 512, *range(128))  # every sector points at itself
    variants = [bytes(looping), data[:700], data[:512] + b"\xff" * (len(data) - 512)]
    rng = random.Random(7)
    for _ in range(150):
        b = bytearray(data)
        for _ in range(20):
            b[rng.randrange(len(b))] = rng.randrange(256)
        variants.append(bytes(b))
    t = time.perf_counter()
    for v in variants:
        assert isinstance(scan(v, 100, MAX_CELLS, MAX_HIDDEN_SPAN).errors, dict)
    assert time.perf_counter() - t < 10


# A value typed far away (Ctrl+↓ or Ctrl+→, then a keystroke) makes python-calamine hold the whole
# range: XFD1048576 asked for 550 GB and aborted the process (a Rust abort, not an exception).
_FAR = {
    "xfd": b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "bottom": b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    # cells without a reference sit after the one before: 16,000 of them reach column WQK
    "positional": b'<row r="100">' + b"<c/>" * 16_000 + b"<c><v>1</v></c></row><row r=\"1048576\"><c><v>1</v></c></row>",
}


@pytest.mark.parametrize(("variant", "far"), [("xfd", "XFD1048576"), ("bottom", "A1048576"),
                                              ("positional", "A1048576、WQK100")])
def test_a_value_far_away_is_named_not_read(files, tmp_path, variant, far):
    path = tmp_path / f"{variant}.xlsx"
    hostile.with_sheet_xml(files["good"], str(path), _FAR[variant])
    proc, rss = run_measured(["validate", str(path), "--format", "json"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    finding = json.loads(proc.stdout)["files"][0]["findings"][0]
    assert finding["code"] == "S105"
    assert f"过大未读取：绩效自评表（{far} 处有内容" in finding["message"]
    assert rss < MEMORY_LIMIT_KB
    proc = subprocess.run([*xltools_cmd(), "score", str(path), "--lang", "en"], capture_output=True, text=True)
    assert proc.returncode == 2 and f"a value at {far} makes its used range too large" in proc.stderr


def test_far_cells_that_hold_nothing_or_sit_elsewhere_do_not_stop_the_table(files, tmp_path):
    from xltools.api import score_file

    empty = tmp_path / "格式.xlsx"  # a border far away: an empty cell, which python-calamine skips
    hostile.with_sheet_xml(files["good"], str(empty), b'<row r="1048576"><c r="XFD1048576" s="0"/></row>')
    wide_but_short = tmp_path / "宽.xlsx"  # 30 rows up to XFD: 0.5 M cells, read
    hostile.with_sheet_xml(files["good"], str(wide_but_short), b'<row r="30"><c r="XFD30"><v>1</v></c></row>')
    other = tmp_path / "另一表.xlsx"
    wb = openpyxl.load_workbook(files["good"])
    wb.create_sheet("备注")["XFD1048576"] = "备注"
    wb.save(other)
    for path in (empty, wide_but_short, other):
        assert [r.total for r in score_file(path)] == [94.3]


def test_far_cells_refuse_a_legacy_or_open_document_file(tmp_path, soffice):
    """An .xls or .ods is read whole when python-calamine opens it, so the file is refused."""
    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import load_grids

    from .conftest import convert

    ods = tmp_path / "远.ods"  # 1,048,549 empty rows, then a value in Z: 27 M cells, 1.7 GB before
    hostile.ods_with(str(ods), '<table:table-row><table:table-cell office:value-type="float" office:value="1"/>'
                               '</table:table-row><table:table-row table:number-rows-repeated="1048574">'
                               '<table:table-cell/></table:table-row><table:table-row>'
                               '<table:table-cell table:number-columns-repeated="25"/>'
                               '<table:table-cell office:value-type="float" office:value="1"/></table:table-row>')
    near = tmp_path / "近.ods"
    hostile.ods_with(str(near), '<table:table-row><table:table-cell office:value-type="float" office:value="7"/>'
                                '</table:table-row>')
    src = tmp_path / "远.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["IV65536"] = "项目", 1
    wb.save(src)
    xls = convert(soffice, str(src), "xls", str(tmp_path))
    for path, far in ((ods, "Z1048576"), (xls, "IV65536")):
        with pytest.raises(UnreadableWorkbook, match=f"的 {far} 处有内容，使已用区域过大"):
            load_grids(str(path))
    assert load_grids(str(near))[0].rows == [[7.0]]


def test_damaged_ranges_of_a_legacy_file_are_refused_not_fatal(tmp_path, soffice):
    """A damaged .xls: a cell record whose column says 65,280 (Excel stops at 256) while the
    DIMENSIONS record says the range is small — python-calamine filled 21 GB for it; a DIMENSIONS
    record whose first row comes after its last — it reserved 1.2 TB. Both aborted the process."""
    import struct

    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import load_grids

    from .conftest import convert

    src = tmp_path / "小.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B2"] = "项目", 1
    wb.save(src)
    data = Path(convert(soffice, str(src), "xls", str(tmp_path))).read_bytes()
    assert load_grids(str(tmp_path / "小.xls"))[0].rows == [["项目", ""], ["", 1.0]]
    far, dims = bytearray(data), bytearray(data)
    label = far.index(b"\xfd\x00\x0a\x00\x00\x00\x00\x00")  # LABELSST at A1: type, length, row 0, column 0
    struct.pack_into("<HH", far, label + 4, 16_130, 65_280)
    at = dims.index(b"\x00\x02\x0e\x00")  # DIMENSIONS: first row, last row + 1, first column, last column + 1
    struct.pack_into("<IIHH", dims, at + 4, 17_152, 2, 0, 2)
    for name, content, words in (("远.xls", far, "的 CRNU16131 处有内容，使已用区域过大"),
                                 ("范围.xls", dims, "范围记录（DIMENSIONS）不合法")):
        (tmp_path / name).write_bytes(bytes(content))
        with pytest.raises(UnreadableWorkbook, match=words):
            load_grids(str(tmp_path / name))
        proc, rss = run_measured(["validate", str(tmp_path / name)])
        assert proc.returncode == 2 and rss < MEMORY_LIMIT_KB, proc.stderr


@pytest.mark.parametrize("value", [b"1E+400", b"nan", b"-inf"])
def test_numbers_no_spreadsheet_writes_are_marked_not_computed(files, tmp_path, value):
    """``<v>1E+400</v>`` reads as infinity: every sum and rate it touched broke (an OverflowError
    in validate and score). It is blanked and shown as Excel would show it, #NUM!."""
    from xltools.api import score_file, validate_file

    path = tmp_path / "inf.xlsx"
    hostile.with_sheet_xml(files["good"], str(path), replace=(b'<c r="E7" t="n"><v>770.42</v>',
                                                             b'<c r="E7" t="n"><v>' + value + b"</v>"))
    result = score_file(path)[0]
    execution = result.rows[0]
    assert (execution.score, execution.cell, result.total) == (None, "H7", 86.6)
    assert "缺少全年执行数" in result.rows[0].explain()
    codes = [(f.code, f.cell, f.value) for f in validate_file(path).findings]
    assert ("A314", "E7", "#NUM!") in codes


def test_a_bug_met_in_one_file_does_not_stop_the_batch(files, tmp_path, monkeypatch):
    """Scoring or a check that fails on one workbook (a bug) is reported on that file; the other
    files of the batch are validated and summed up (the batch used to stop: "汇总进程出错")."""
    import shutil

    import xltools.rules
    from xltools.api import validate_files
    from xltools.summary import summarize

    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(files["good"], batch / "a.xlsx")
    shutil.copy(files["good"], batch / "b_坏.xlsx")
    real = xltools.rules.check_workbook

    def check_workbook(book, *args, **kwargs):
        if book.path.endswith("b_坏.xlsx"):
            raise OverflowError("cannot convert float infinity to integer")
        return real(book, *args, **kwargs)

    monkeypatch.setattr(xltools.rules, "check_workbook", check_workbook)
    report = validate_files([str(batch)], jobs=1)
    assert [(os.path.basename(f.path), f.error is None) for f in report.files] == [("a.xlsx", True), ("b_坏.xlsx", False)]
    assert report.files[1].error.startswith("xltools 内部错误（OverflowError(") and "该文件未能校验" in report.files[1].error
    assert report.files[0].findings  # the other file was checked (its four warnings, S106 aside)
    result = summarize([str(batch)], str(tmp_path / "汇总.json"), fmt="json", jobs=1)
    assert (result.files, result.tables, result.unreadable) == (2, 1, 1)


def test_a_panic_in_python_calamine_is_the_file_s_damage(files, monkeypatch):
    import python_calamine

    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import load_grids

    class PanicException(BaseException):  # what pyo3 raises when the Rust code panics
        pass

    def from_path(path):
        raise PanicException("index out of bounds")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", from_path)
    with pytest.raises(UnreadableWorkbook, match="文件已损坏，无法读取（index out of bounds）"):
        load_grids(files["good"])


def test_shared_strings_that_claim_billions_are_refused(tmp_path):
    """python-calamine reserves room for the declared uniqueCount before reading a string: four
    billion asked for ~100 GB and aborted the process. A count the part cannot hold is damage."""
    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import load_grids

    good, bad = tmp_path / "字符串.xlsx", tmp_path / "坏.xlsx"
    hostile.xlsx_with_shared_strings(str(good), ["项目名称", "某项目"])
    hostile.xlsx_with_shared_strings(str(bad), ["项目名称", "某项目"], unique_count=4_000_000_000)
    assert load_grids(str(good))[0].rows == [["项目名称", "某项目"]]
    with pytest.raises(UnreadableWorkbook, match="共享字符串表声称有 4000000000 个字符串"):
        load_grids(str(bad))
    proc, rss = run_measured(["validate", str(bad)])
    assert proc.returncode == 2 and "文件已损坏" in proc.stderr and rss < MEMORY_LIMIT_KB


def test_a_damaged_member_name_is_damage_not_a_traceback(files, tmp_path):
    """A UTF-8-flagged name that is not UTF-8 (one flipped byte in the central directory) escaped
    the fast directory reader as UnicodeDecodeError; zipfile now says the package is corrupt."""
    from xltools.errors import UnreadableWorkbook
    from xltools.reading.source import load_grids

    src = tmp_path / "名.xlsx"
    with zipfile.ZipFile(files["good"]) as zi, zipfile.ZipFile(src, "w") as zo:
        for item in zi.infolist():
            zo.writestr(item, zi.read(item.filename))
        zo.writestr("附件/说明.txt", "x")  # a UTF-8 name (zipfile sets flag 0x800)
    data = bytearray(src.read_bytes())
    at = data.rindex("说明".encode())  # in the central directory, the last mention
    data[at] = 0xFF
    bad = tmp_path / "坏名.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbook, match="文件已损坏"):
        load_grids(str(bad))
    from xltools.annotate import annotate_copy
    from xltools.errors import OutputError

    with pytest.raises(OutputError, match="文件已损坏"):  # was a UnicodeDecodeError from zipfile
        annotate_copy(str(bad), [], str(tmp_path / "批注.xlsx"))


def test_damaged_copies_of_the_samples_end_in_a_result_or_a_refusal(tmp_path):
    """150 damaged copies of the demo's workbooks (``tests/fuzz_files.py``; ``make fuzz-files``
    runs thousands): none lets an exception escape or kills the process. Before the far-cell and
    shared-string checks, this seed aborted python-calamine twice."""
    from .fuzz_files import demo_sources, run

    assert run(3, 150, demo_sources(str(tmp_path)), str(tmp_path)) == []


def test_prefixed_sheet_xml_is_checked_like_any_other(files, tmp_path):
    """python-calamine reads worksheets whose elements carry a prefix (``<x:c r="A1">``); the far
    cell and error searches missed them, so a far cell there still aborted the process."""
    from xltools.api import score_file
    from xltools.reading.source import load_grids

    plain = tmp_path / "前缀.xlsx"
    hostile.prefixed(files["good"], str(plain), b'<row r="40"><c r="J40" t="e"><v>#DIV/0!</v></c></row>')
    assert [r.total for r in score_file(plain)] == [94.3]
    assert load_grids(str(plain))[0].errors == {(39, 9): "#DIV/0!"}
    far = tmp_path / "前缀远.xlsx"
    hostile.prefixed(files["good"], str(far), _FAR["xfd"])
    proc, rss = run_measured(["validate", str(far)])
    assert proc.returncode == 1 and "XFD1048576 处有内容" in proc.stdout and rss < MEMORY_LIMIT_KB, proc.stderr


def test_a_file_that_kills_its_process_is_named_and_the_batch_goes_on(files, tmp_path, monkeypatch):
    """A damaged file on which python-calamine aborts (no exception to catch) took its worker with
    it, and the whole summary failed ("汇总进程意外退出"). Now the batch's other files are read in
    processes of their own, and the one that kills a process is listed as unreadable."""
    import shutil

    import xltools.api
    import xltools.reading
    from xltools.api import validate_files
    from xltools.summary import summarize

    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(9):
        shutil.copy(files["good"], batch / f"{i}.xlsx")
    shutil.copy(files["good"], batch / "炸.xlsx")
    real = xltools.reading.read_workbook

    def read_workbook(path):
        if str(path).endswith("炸.xlsx"):
            os.abort()  # what python-calamine does on a file it cannot hold
        return real(path)

    monkeypatch.setattr(xltools.reading, "read_workbook", read_workbook)
    monkeypatch.setattr(xltools.api, "read_workbook", read_workbook)
    result = summarize([str(batch)], str(tmp_path / "汇总.json"), fmt="json", jobs=2)
    assert (result.files, result.tables, result.unreadable) == (10, 9, 1)
    unread = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["unreadable"]
    assert [os.path.basename(r["path"]) for r in unread] == ["炸.xlsx"]
    assert unread[0]["error"].startswith("读取该文件时进程意外终止")
    report = validate_files([str(batch)], jobs=2, lang="en")
    assert [(os.path.basename(f.path), f.error is not None) for f in report.files][-1] == ("炸.xlsx", True)
    assert report.files[-1].error.startswith("the process reading this file stopped")
    assert sum(1 for f in report.files if f.error is None) == 9


def test_the_command_says_so_when_its_process_is_killed(files):
    """An abort inside python-calamine (no exception to catch) ended `xltools score` with
    "Aborted (core dumped)"; the command now runs in a child and says what happened (exit 2)."""
    code = ("import os, sys, xltools.api, xltools.command;"
            "xltools.api.read_workbook = lambda path: os.abort();"
            "sys.argv = ['xltools', 'score', sys.argv[1]]; xltools.command.main()")
    proc = subprocess.run([sys.executable, "-c", code, files["good"]], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：xltools 读取工作簿时意外终止（信号 6）")
    ok = subprocess.run([sys.executable, "-c", code.replace("os.abort()", "xltools.reading.read_workbook(path)")
                         .replace("xltools.api,", "xltools.api, xltools.reading,"), files["good"]],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "94.30" in ok.stdout, ok.stderr


def test_the_command_names_the_file_its_process_died_reading(files, tmp_path):
    """Given several files, the guard's sentence said only "run them one by one to find it": the
    reader now records the path it is reading in a page shared with the guard (xltools.trail)."""
    import shutil

    bomb = tmp_path / "炸.xlsx"
    shutil.copy(files["good"], bomb)
    code = ("import os, sys, xltools.command, xltools.reading.source as source;"
            "real = source._load_grids;"
            "source._load_grids = lambda path: os.abort() if path.endswith('炸.xlsx') else real(path);"
            "sys.argv = ['xltools', 'validate', *sys.argv[1:]]; xltools.command.main()")
    proc = subprocess.run([sys.executable, "-c", code, files["good"], str(bomb)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (f"错误：{bomb}：xltools 读取该文件时意外终止（信号 6）：文件可能已损坏或"
                                            "被篡改，或内存不足；请在 Excel 中打开并另存后再试，或将其移出本批。")
    proc = subprocess.run([sys.executable, "-c", code, str(bomb), "--lang", "en"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith(f"Error: {bomb}: xltools stopped abruptly (signal 6)")


def test_a_command_ended_by_sigterm_leaves_no_half_written_output(files, tmp_path):
    """A timeout or a logout (SIGTERM/SIGHUP) ended `xltools summarize` and left its hidden
    temporary file (``.xltools-….xlsx``) beside the output; the guard forwards the signal and the
    command removes what it was writing."""
    import signal
    import time

    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(1500):  # the signal comes while it works (400 files were done in 0.4 s)
        os.link(files["good"], batch / f"{i:04d}.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([*xltools_cmd(), "summarize", str(batch), "-o", str(out / "汇总.xlsx"), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.4)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (143, 1), err  # ended, or already done (every file is S106 here: exit 1)
    assert [p.name for p in out.iterdir() if p.name.startswith(".xltools-")] == []
    if proc.returncode == 143:
        assert err == b""
        if (out / "汇总.xlsx").exists():  # the signal came after the summary was renamed into place
            import zipfile

            assert zipfile.ZipFile(out / "汇总.xlsx").testzip() is None  # whole, never half-written


def test_a_copy_openpyxl_cannot_write_back_is_refused(files, tmp_path):
    """A damaged cell openpyxl loads without complaint (a date cell holding text, read as None)
    broke the annotated copy with an AttributeError when saving; it is a refusal now, and no
    temporary file is left beside the output."""
    from xltools.annotate import annotate_copy
    from xltools.api import validate_file
    from xltools.errors import OutputError

    bad = tmp_path / "日期.xlsx"
    hostile.with_sheet_xml(files["good"], str(bad), replace=(b'<c r="E14" t="inlineStr">', b'<c r="E14" t="d">'))
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="含有无法写回的内容（AttributeError"):
        annotate_copy(str(bad), validate_file(bad).findings, str(out / "日期_校验.xlsx"))
    assert list(out.iterdir()) == []


def test_what_openpyxl_prints_does_not_reach_our_output(files, tmp_path, monkeypatch, capsys):
    """openpyxl print()s some oddities of a damaged file ("18 is out of range", a style index it
    then fails on): in `validate --annotate-dir --format json` that line broke the JSON."""
    import openpyxl

    from xltools.annotate import annotate_copy

    real_load, real_save = openpyxl.load_workbook, openpyxl.Workbook.save

    def load_workbook(*args, **kwargs):
        print("18 is out of range")
        return real_load(*args, **kwargs)

    def save(self, filename):
        print("19 is out of range")
        return real_save(self, filename)

    monkeypatch.setattr(openpyxl, "load_workbook", load_workbook)
    monkeypatch.setattr(openpyxl.Workbook, "save", save)
    annotate_copy(files["good"], [], str(tmp_path / "批注.xlsx"))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("junk", [b'<row ' * 100_000 + b'/><row r="99" hidden="1"/>',
                                  b'<c ' * 100_000 + b'/><c r="A99" t="e"><v>#N/A</v></c>',
                                  b'<c t="e">' * 20_000,
                                  b'<c r="A1"><f>1</f>' + b' ' * 400_000 + b'<v/>x</c><c r="B1"><f>1</f></c>'])
def test_searches_of_a_sheet_take_linear_time(files, tmp_path, junk):
    """The searches of a worksheet part before python-calamine reads it matched a tag's
    attributes as [^>]*, and an error cell's body as .*?: 20,000 such tags (100 KB) took 10–24 s,
    100,000 several minutes, the 48 MB a part may hold days — a file that hangs `summarize`
    forever. Now a search stops at the next tag; these take well under a second, and the file is
    refused or read like any other. (In a child with a timeout: a regression must fail, not hang.)"""
    path = tmp_path / "junk.xlsx"
    hostile.with_sheet_xml(files["good"], str(path), junk)
    code = ("import sys\nfrom xltools.errors import XltoolsError\nfrom xltools.reading.source import load_grids\n"
            "try:\n    load_grids(sys.argv[1])\nexcept XltoolsError as e:\n    print(e.zh)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_range_merged_over_and_over_is_mapped_within_bounds(tmp_path):
    """Merged ranges are mapped cell by cell (a merged label shows over its cells). One 5,000-cell
    range declared 50,000 times would be 250 M cells to map: past MAX_MERGED_CELLS the rest are
    passed over, and the file reads at once."""
    import time

    from xltools.grid import MAX_MERGED_CELLS
    from xltools.reading.source import load_grids

    src = tmp_path / "src.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    wb.save(src)
    merges = b"".join(b'<mergeCell ref="A2:CV51"/>' for _ in range(50_000))
    out = tmp_path / "merges.xlsx"
    hostile.with_sheet_xml(str(src), str(out), replace=(b"</sheetData>", b"</sheetData><mergeCells count=\"50000\">"
                                                        + merges + b"</mergeCells>"))
    start = time.perf_counter()
    [grid] = load_grids(str(out))
    assert time.perf_counter() - start < 5
    assert len(grid.merged) == 50_000 and 0 < len(grid._owner) <= MAX_MERGED_CELLS


def test_a_copy_rebuilt_from_a_sheet_merged_whole_is_made_at_once(tmp_path):
    """A copy of an .ods (or .xls) is rebuilt with its merged cells, and openpyxl makes an object of
    every merged cell: one range of 6 M cells hung ``validate --annotate-dir`` (a minute and more).
    The copy takes only the merges the reader maps (grid.bounded_merges)."""
    import time

    import openpyxl

    ods = tmp_path / "并.ods"
    hostile.ods_with(str(ods), '<table:table-row><table:table-cell office:value-type="string"><text:p>项目名称'
                               '</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2000" '
                               'table:number-rows-spanned="3000" office:value-type="string"><text:p>x</text:p>'
                               '</table:table-cell></table:table-row><table:table-row><table:table-cell table:'
                               'number-columns-spanned="2" office:value-type="string"><text:p>一级指标</text:p>'
                               '</table:table-cell></table:table-row>')
    start = time.perf_counter()
    res = subprocess.run([*xltools_cmd(), "validate", str(ods), "--annotate-dir", str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=120)
    assert time.perf_counter() - start < 20, res.stderr
    assert "Traceback" not in res.stderr
    ws = openpyxl.load_workbook(tmp_path / "out" / "并_校验.xlsx").worksheets[0]
    assert [str(r) for r in ws.merged_cells.ranges] == ["A2:B2"]  # the small merge kept, the sheet-wide one not

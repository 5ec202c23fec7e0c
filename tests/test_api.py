"""The package root as a library: each command's function, imported on first use."""

from __future__ import annotations

import subprocess
import sys

from .test_validate import CLEAN, GOALS, write


def test_the_package_root_offers_every_command_without_loading_a_spreadsheet_library():
    """``xltools.validate_file`` was an AttributeError (only read_workbook, score_file and load_rules
    were exported); every name of ``__all__`` resolves, and ``import xltools`` alone loads no
    spreadsheet library."""
    code = ("import sys, xltools; loaded = {'openpyxl', 'python_calamine', 'click'} & set(sys.modules); "
            "assert not loaded, loaded; [getattr(xltools, n) for n in xltools.__all__]")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_validate_and_fix_from_the_package_root(tmp_path):
    import xltools

    goals = write(tmp_path, GOALS, name="目标.xlsx")
    path = write(tmp_path, CLEAN, {"D14": "≥1800人", "G15": 8})
    report = xltools.validate_file(path, goals=goals)
    # (the goal text still says 2000名: A339)
    assert [(f.code, f.cell) for f in report.findings] == [("A339", "B12"), ("A311", "D14"), ("A305", "G15")]
    fixed = xltools.fix_copy(path, str(tmp_path / "fixed.xlsx"))
    assert [(c.cell, c.new) for c in fixed.changes] == [("G15", 10.0)]


def test_every_command_takes_pathlib_paths(tmp_path):
    """``fix_copy(Path(...), Path(...))`` failed as "无法为该文件生成修正副本（AttributeError）", and
    make_template and summarize with a traceback: a library takes what ``open`` takes."""
    import xltools

    template = tmp_path / "模板.xlsx"
    assert xltools.make_template("selfeval", template) == str(template)
    path = write(tmp_path, CLEAN, {"G15": 8})
    assert [c.cell for c in xltools.fix_copy(path, tmp_path / "fixed.xlsx").changes] == ["G15"]
    assert xltools.summarize([tmp_path / "fixed.xlsx"], tmp_path / "汇总.xlsx").tables == 1
    report = xltools.validate_files([path], annotate_dir=tmp_path / "marked")
    assert [f.code for f in report.files[0].findings] == ["A305"] and any((tmp_path / "marked").iterdir())

"""Writing files safely: through a new file beside the target, renamed into place."""

from __future__ import annotations

import os
import stat

import pytest

from xltools.output import atomic_path


def test_atomic_path_renames_into_place_and_respects_the_umask(tmp_path):
    out = tmp_path / "汇总.xlsx"
    old = os.umask(0o022)
    try:
        with atomic_path(str(out)) as tmp:
            assert os.path.dirname(tmp) == str(tmp_path) and tmp.endswith(".xlsx") and tmp != str(out)
            with open(tmp, "wb") as fh:
                fh.write(b"done")
    finally:
        os.umask(old)
    assert out.read_bytes() == b"done"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # colleagues on a shared folder can read it
    assert os.listdir(tmp_path) == ["汇总.xlsx"]


def test_atomic_path_leaves_nothing_behind_on_failure(tmp_path):
    out = tmp_path / "s.xlsx"
    out.write_bytes(b"before")
    with pytest.raises(RuntimeError), atomic_path(str(out)) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(b"half")
        raise RuntimeError("boom")
    assert out.read_bytes() == b"before" and os.listdir(tmp_path) == ["s.xlsx"]


def test_temporary_files_never_collide(tmp_path):
    out = str(tmp_path / "a.xlsx")
    with atomic_path(out) as one, atomic_path(out) as two:
        assert one != two and os.path.exists(one) and os.path.exists(two)


def test_an_output_folder_that_cannot_be_made_is_refused_plainly(tmp_path):
    from xltools.errors import OutputError

    blocker = tmp_path / "a file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="无法写入"), atomic_path(str(blocker / "sub" / "s.xlsx")):
        pass


@pytest.mark.parametrize(("text", "kept"), [("项" * 32_767, 32_767), ("x" * 40_000, 32_766), ("😀" * 20_000, 16_383)])
def test_text_is_cut_to_what_a_cell_holds(text, kept):
    """A message quoting a cell of 32,767 characters is longer than a cell holds, and Excel then
    "finds a problem with some content" of the summary or annotated copy; it is cut, with ``…``."""
    from xltools.output import xml_safe
    from xltools.summary.xlsx import _clean

    for out in (xml_safe(text), _clean(text)):
        assert len(out.encode("utf-16-le")) // 2 <= 32_767
        assert out.startswith(text[:kept]) and (out == text) == (kept == len(text))
        if out != text:
            assert out.endswith("…") and len(out) == kept + 1

from __future__ import annotations

import os
import sys

import pytest

from xltools.samples import Layout, Sample, demo_samples, write_sample

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def build(tmp_path):
    """Write a sample in a layout and return its path."""
    counter = iter(range(10_000))

    def _build(sample: Sample, layout: Layout | None = None, name: str | None = None) -> str:
        path = tmp_path / (name or f"wb{next(counter)}.xlsx")
        write_sample(sample, path, layout)
        return str(path)

    return _build


@pytest.fixture(scope="session")
def demo():
    return demo_samples()


def xltools_cmd() -> list[str]:
    return [sys.executable, "-m", "xltools"]


@pytest.fixture(scope="session")
def soffice():
    """LibreOffice's soffice, or a loud skip (a failure when CI is set: CI installs it)."""
    import shutil

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (LibreOffice) is required in CI: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) not installed: these tests need it")
    return exe


def convert(soffice: str, src: str, fmt: str, outdir: str) -> str:
    """Convert a workbook with LibreOffice headless; return the new file's path."""
    import subprocess

    profile = f"file://{outdir}/lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", outdir, src], check=True, capture_output=True, timeout=120)
    base = os.path.splitext(os.path.basename(src))[0]
    return os.path.join(outdir, f"{base}.{fmt}")

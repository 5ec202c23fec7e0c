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

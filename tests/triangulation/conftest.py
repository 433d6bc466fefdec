"""Fixtures of the triangulation tests (the helpers live in tri_fieldwork.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from tri_agreement import double_coded  # noqa: F401  (a fixture of the agreement tests)
from tri_fieldwork import Fieldwork


def _let_workers_finish() -> None:
    """Screens count on operation threads: their work ends before the study closes."""
    if "PySide6.QtCore" in sys.modules:  # only GUI tests start workers; others stay Qt-free
        from neutralitas_desktop.ui.operation_runner import wait_all

        wait_all(30000)


@pytest.fixture
def study(study: Any) -> Iterator[Any]:
    yield study
    _let_workers_finish()


@pytest.fixture
def demo_study(demo_study: Any) -> Iterator[Any]:
    yield demo_study
    _let_workers_finish()


@pytest.fixture
def fieldwork(study: Any) -> Fieldwork:
    """The empty study with the three test instruments and two sites."""
    return Fieldwork(study)

"""Fixtures of the triangulation tests (the helpers live in tri_fieldwork.py)."""

from __future__ import annotations

from typing import Any

import pytest
from tri_fieldwork import Fieldwork


@pytest.fixture
def fieldwork(study: Any) -> Fieldwork:
    """The empty study with the three test instruments and two sites."""
    return Fieldwork(study)

"""Inter-coder agreement figures over nominal codings: percent agreement, Cohen's kappa and
Krippendorff's alpha.

Reliability data is a coders × units table of values, ``None`` where a coder gave no value.
Alpha comes from the maintained ``krippendorff`` package; kappa is Cohen's (1960) formula,
a few lines that need no dependency. A figure that is undefined (no variation at all, too
few pairable values) is ``None``, never a made-up 0 or 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence

Value = Hashable | None
Table = Sequence[Sequence[Value]]


def _columns(data: Table) -> list[list[Value]]:
    width = {len(row) for row in data}
    if len(width) > 1:
        raise ValueError("every coder needs a value (or None) for every unit")
    n = width.pop() if width else 0
    return [[row[i] for row in data] for i in range(n)]


def percent_agreement(data: Table) -> float | None:
    """Share of units (coded by at least two coders) on which every coder gave the same
    value — for two coders the usual percent agreement."""
    units = [[v for v in col if v is not None] for col in _columns(data)]
    units = [u for u in units if len(u) >= 2]
    if not units:
        return None
    return sum(len(set(u)) == 1 for u in units) / len(units)


def cohen_kappa(first: Sequence[Value], second: Sequence[Value]) -> float | None:
    """Cohen's kappa of two coders over the units both coded: (p_o - p_e) / (1 - p_e)."""
    if len(first) != len(second):
        raise ValueError("both coders need a value (or None) for every unit")
    pairs = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    if math.isclose(expected, 1.0):
        return None  # both coders used one and the same value throughout
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(data: Table) -> float | None:
    """Krippendorff's alpha for nominal data, any number of coders, missing values allowed."""
    columns = _columns(data)
    values = sorted({v for col in columns for v in col if v is not None}, key=repr)
    pairable = [col for col in columns if sum(v is not None for v in col) >= 2]
    if len(values) < 2 or not pairable:
        return None
    import krippendorff  # with numpy: imported when needed, so every command starts fast
    import numpy as np

    index = {v: float(i) for i, v in enumerate(values)}
    matrix = np.array(
        [[np.nan if v is None else index[v] for v in row] for row in data], dtype=float
    )
    alpha = float(
        krippendorff.alpha(
            reliability_data=matrix,
            level_of_measurement="nominal",
            value_domain=list(index.values()),
        )
    )
    return None if math.isnan(alpha) else alpha

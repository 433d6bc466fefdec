"""The merge benchmark runs through (at a toy size) and reports what custody costs next to
the merge: signing the packages, checking their signatures and who wrote each row."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_the_merge_benchmark_prints_signing_and_verification_next_to_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import bench_merge
    from benchmarks.common import BenchContext

    monkeypatch.setattr(bench_merge, "PACKAGES", 3)
    monkeypatch.setattr(bench_merge, "SESSIONS_PER_PACKAGE", 4)
    monkeypatch.setattr(bench_merge, "BIG_MASTER", {"S": 500})
    figures = {f.name: f for f in bench_merge.run(BenchContext("S", tmp_path))}
    assert figures["merge: signing 3 packages (Ed25519)"].value > 0
    assert figures["merge: checking 3 signatures"].value > 0
    assert figures["merge: checking who wrote each row (inside the merge)"].value > 0
    custody = figures["merge: custody (signing + signatures + authorship) vs merge"]
    assert custody.baseline and custody.goal == 0.05
    assert figures["merge: 3 packages, answers merged"].value > 0
    # one package merges alone into a master grown under new ids
    assert figures["merge growth: answers in the big master (size S: not 1M)"].value >= 500

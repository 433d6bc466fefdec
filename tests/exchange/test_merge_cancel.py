"""Cancelling a merge: the package being merged rolls back, so a cancel during the only
package leaves the master byte for byte as it was; packages merged before stay merged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_helpers import checkpoint, count, digest

from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.operations import CancelToken, Kind


def _cancel_at(token: CancelToken, at: int) -> Any:
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, step: str = "", /) -> None:
        seen.append((done, total, step))
        if done == at:
            token.cancel()  # the supervisor presses Cancel while this package merges

    return progress, seen


def test_a_cancel_during_the_merge_leaves_the_master_byte_identical(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 8, seed=11, device_name="Laptop Ani")
    package = ani.package(tmp_path).path
    checkpoint(study.db)
    before = digest(study.path)
    token = CancelToken()
    progress, seen = _cancel_at(token, 0)

    summaries = merge_files(study.db, study.actor, [package], progress=progress, cancel=token)

    assert summaries == [] and seen[0] == (0, 1, package.name)
    checkpoint(study.db)
    assert digest(study.path) == before
    assert count(study.db, "SELECT count(*) FROM merge_log") == 0
    again = merge_files(study.db, study.actor, [package])  # nothing was left half-merged
    assert not again[0].already_merged
    assert count(study.db, "SELECT count(*) FROM field_session") == 8


def test_a_cancel_keeps_the_packages_merged_before(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    generate_demo(ani.db, ani.actor, 4, seed=11, device_name="Laptop Ani")
    generate_demo(budi.db, budi.actor, 5, seed=12, device_name="Laptop Budi")
    a, b = ani.package(tmp_path).path, budi.package(tmp_path).path
    token = CancelToken()
    progress, _seen = _cancel_at(token, 1)

    summaries = merge_files(study.db, study.actor, [a, b], progress=progress, cancel=token)

    assert [s.path for s in summaries] == [a]
    assert count(study.db, "SELECT count(*) FROM field_session") == 4
    assert count(study.db, "SELECT count(*) FROM merge_log") == 1
    assert Kind.SESSIONS in summaries[0].changes.kinds  # the window refreshes what it shows


def test_a_preview_and_a_package_merged_before_change_nothing(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 3, seed=11, device_name="Laptop Ani")
    package = ani.package(tmp_path).path
    preview = merge_files(study.db, study.actor, [package], dry_run=True)
    assert preview[0].preview and not preview[0].changes
    merged = merge_files(study.db, study.actor, [package])
    assert merged[0].changes.touches([Kind.ANSWERS, Kind.INFORMANTS, Kind.INCIDENTS])
    assert not merge_files(study.db, study.actor, [package])[0].changes  # already merged

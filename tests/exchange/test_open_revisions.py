"""A package carries only final revisions: writing it seals what the laptop still had
open, and a merge treats an open revision in a package (an older app, a forged one) as
sealed, so the master never lets a later save rewrite it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_helpers import count, observation
from hostile_helpers import forge

from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.fieldwork.journal import answer_id


def test_a_package_seals_the_open_revisions_it_carries(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    sid = observation(ani.db, ani.actor)
    save_answer(ani.db, ani.actor, sid, "catatan", "Kami", typing=True)
    save_answer(ani.db, ani.actor, sid, "catatan", "Kami hadir", typing=True)
    assert count(ani.db, "SELECT count(*) FROM answer_revision WHERE NOT sealed") == 1
    package = ani.package(tmp_path).path
    assert count(ani.db, "SELECT count(*) FROM answer_revision WHERE NOT sealed") == 0
    # typing on after the package starts a new revision, the packaged one stays as it was
    save_answer(ani.db, ani.actor, sid, "catatan", "Kami hadir semua", typing=True)
    assert count(ani.db, "SELECT count(*) FROM answer_revision") == 2
    merge_files(study.db, study.actor, [package])
    aid = answer_id(sid, "catatan")
    assert count(study.db, "SELECT count(*) FROM answer_revision WHERE answer_id = :a", a=aid) == 1
    assert count(study.db, "SELECT count(*) FROM answer_revision WHERE NOT sealed") == 0


def test_an_open_revision_arriving_in_a_package_is_sealed(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    sid = observation(ani.db, ani.actor)
    save_answer(ani.db, ani.actor, sid, "catatan", "Kami hadir", typing=True)
    package = ani.package(tmp_path).path
    opened = forge(package, tmp_path / "open.ndpkg", "UPDATE answer_revision SET sealed = 0;")
    [summary] = merge_files(study.db, study.actor, [opened])
    assert summary.totals.new_sessions == 1
    aid = answer_id(sid, "catatan")
    assert count(study.db, "SELECT count(*) FROM answer_revision WHERE answer_id = :a", a=aid) == 1
    assert count(study.db, "SELECT count(*) FROM answer_revision WHERE NOT sealed") == 0

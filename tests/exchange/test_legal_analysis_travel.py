"""The legal analysis (legal materials, element tests) travels in field packages: it
merges losslessly and idempotently, edits and removals follow in a package of what
changed, a package may carry only its own device's analysis, and a package written
before the analysis existed still merges."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import Laptop, count
from hostile_helpers import forge, repack, unpack
from sqlalchemy import select
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.exchange.errors import AuthorshipError
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.store.models import FieldSession
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.incidents import add_incident, link
from neutralitas_desktop.triangulation.legal_analysis import (
    add_element_test,
    add_material,
    analysis_for,
    edit_element_test,
    list_materials,
    remove_material,
)
from neutralitas_desktop.triangulation.legal_analysis_types import LegalAnalysis


def _analysed(laptop: Laptop, seed: int) -> str:
    """Demo fieldwork, a village head's incident with a line and an element test, and two
    legal materials; returns the incident's id."""
    generate_demo(laptop.db, laptop.actor, 3, seed=seed, device_name=laptop.profile.device_name)
    with laptop.db.session() as s:
        session = s.scalars(
            select(FieldSession.id).where(FieldSession.status == "completed").limit(1)
        ).one()
    inc = add_incident(
        laptop.db, laptop.actor, site="Desa Sukamaju", theme="village_mobilisation",
        actor_type="village_head", date_start=dt.date(2024, 11, 1),
        summary="Kepala desa mengarahkan perangkat memasang atribut paslon",
    ).id  # fmt: skip
    line = link(laptop.db, laptop.actor, inc, "witness", session_id=session).id
    add_element_test(laptop.db, laptop.actor, inc, provision="Pasal 29", element="subject",
                     verdict="met", reasoning="Pelaku kepala desa.", evidence=[line])  # fmt: skip
    add_material(laptop.db, laptop.actor, "primary", "UU No. 6 Tahun 2014 tentang Desa")
    add_material(laptop.db, laptop.actor, "tertiary", "KBBI daring")
    return inc


def _shown(analysis: LegalAnalysis) -> tuple[Any, ...]:
    return (
        [(m.id, m.kind, m.citation, m.note) for m in analysis.materials],
        [
            (t.id, t.provision, t.element, t.verdict, t.reasoning, t.evidence)
            for t in analysis.tests
        ],
    )


def test_the_legal_analysis_merges_and_its_edits_follow(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    inc = _analysed(ani, 51)
    first = ani.package(tmp_path).path
    merge_files(study.db, study.actor, [first])
    merged = analysis_for(study.db, inc)
    assert _shown(merged) == _shown(analysis_for(ani.db, inc))
    assert [t.verdict for t in merged.tests] == ["met"] and len(merged.materials) == 2
    merge_files(study.db, study.actor, [first])  # again: nothing changes
    assert _shown(analysis_for(study.db, inc)) == _shown(merged)

    # the next day: the verdict revised and a material removed, in a --since-last package
    [test] = merged.tests
    edit_element_test(ani.db, ani.actor, test.id, verdict="unclear", reasoning="Dicek ulang.")
    kbbi = next(m for m in list_materials(ani.db) if m.kind == "tertiary")
    remove_material(ani.db, ani.actor, kbbi.id, reason="tidak dirujuk")
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    after = analysis_for(study.db, inc)
    assert _shown(after) == _shown(analysis_for(ani.db, inc))
    assert [(t.verdict, t.reasoning) for t in after.tests] == [("unclear", "Dicek ulang.")]
    assert [m.kind for m in after.materials] == ["primary"]
    reasons = {e.reason for e in audit_trail(study.db)}
    assert {"Dicek ulang.", "tidak dirujuk"} <= reasons


def test_a_package_that_edits_another_device_s_element_test_is_refused(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani, budi = laptops(1, "Ani Lestari"), laptops(2, "Budi Santoso")
    _analysed(budi, 52)
    generate_demo(ani.db, ani.actor, 2, seed=53, device_name="laptop-ani")
    merge_files(study.db, study.actor, [budi.package(tmp_path).path])
    genuine = ani.package(tmp_path).path
    seq = unpack(genuine)[0]["manifest"]["device_seq"]
    a = ani.actor.device_id
    forged = forge(genuine, tmp_path / "forged.ndpkg", (
        f"ATTACH '{study.path}' AS m; INSERT INTO element_test SELECT id, incident_id, "
        "provision, element, 'not_met', 'Dibantah oleh laptop lain', evidence, recorded_by, "
        f"deleted, created_at, updated_at, '{a}', {seq} FROM m.element_test;"
    ))  # fmt: skip
    with pytest.raises(AuthorshipError, match="edits another device's element test"):
        merge_files(study.db, study.actor, [forged])
    assert count(study.db, "SELECT count(*) FROM element_test WHERE verdict = 'not_met'") == 0
    merge_files(study.db, study.actor, [genuine])  # the genuine package still merges


def test_a_package_written_before_the_legal_analysis_still_merges(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 3, seed=54, device_name="laptop-ani")
    header, payload = unpack(ani.package(tmp_path).path)
    old = tmp_path / "old.sqlite"
    old.write_bytes(zlib.decompress(payload))
    con = sqlite3.connect(old)
    for table in ("element_test", "legal_material"):  # what 0016 added
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE informant DROP COLUMN consent_named")  # what 0017 added
    con.execute("UPDATE alembic_version SET version_num = '0013'")
    con.commit()
    con.execute("VACUUM")
    con.close()
    content = old.read_bytes()
    header["manifest"].update(
        schema_version="0013",
        content_sha256=hashlib.sha256(content).hexdigest(),
        content_size=len(content),
    )
    package = tmp_path / "schema-0013.ndpkg"
    repack(package, header, zlib.compress(content))
    [summary] = merge_files(study.db, study.actor, [package])
    assert summary.totals.new_sessions == 3
    assert count(study.db, "SELECT count(*) FROM field_session") == 3
    assert count(study.db, "SELECT count(*) FROM element_test") == 0

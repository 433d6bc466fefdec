"""Incidents, their lines, findings' reasons and member checks travel in field packages and
merge losslessly and idempotently, also in a package of what changed since the last one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.demo_incidents import add_demo_incidents
from neutralitas_desktop.triangulation.findings import list_findings, update_finding
from neutralitas_desktop.triangulation.incidents import list_incidents, unlink
from neutralitas_desktop.triangulation.member_checks import list_member_checks


def _seen(db: Any) -> list[tuple[str, str, int]]:
    return [(i.id, i.corroboration, len(i.lines)) for i in list_incidents(db)]


def test_incidents_lines_reasons_and_member_checks_merge(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 40, seed=41, device_name="Laptop Ani")
    assert add_demo_incidents(ani.db, ani.actor, seed=41) > 0
    first = ani.package(tmp_path).path
    merge_files(study.db, study.actor, [first])
    assert _seen(study.db) == _seen(ani.db) and _seen(study.db)
    [finding] = list_findings(study.db)
    assert finding.status == "verified" and finding.status_reason.startswith("Dilihat langsung")
    assert [c.response for c in list_member_checks(study.db)] == ["corrected"]
    assert {e.action for e in audit_trail(study.db)} >= {"incident.added", "incident.linked"}
    merge_files(study.db, study.actor, [first])  # again: nothing changes
    assert _seen(study.db) == _seen(ani.db)

    # the next day: a line unlinked and a finding's status changed, in a --since-last package
    incident = max(list_incidents(ani.db), key=lambda i: len(i.lines))
    unlink(ani.db, ani.actor, incident.lines[0].id, reason="tangkapan layar akun lain")
    update_finding(ani.db, ani.actor, finding.id, status="tentative", reason="cek ulang")
    later = ani.package(tmp_path, since_last=True).path
    merge_files(study.db, study.actor, [later])
    assert _seen(study.db) == _seen(ani.db)
    merged = next(i for i in list_incidents(study.db) if i.id == incident.id)
    assert len(merged.lines) == len(incident.lines) - 1
    [after] = list_findings(study.db)
    assert (after.status, after.status_reason) == ("tentative", "cek ulang")
    reasons = {e.reason for e in audit_trail(study.db)}
    assert {"tangkapan layar akun lain", "cek ulang"} <= reasons
    assert dt.date(2024, 1, 1) < list_incidents(study.db)[0].date_start


def test_consent_to_be_named_travels_in_packages(study: Any, laptops: Any, tmp_path: Path) -> None:
    from neutralitas_desktop.fieldwork.informants import list_informants, record_named_consent

    ani = laptops(1, "Ani Lestari")
    generate_demo(ani.db, ani.actor, 6, seed=5, device_name="Laptop Ani")
    given = next(i for i in list_informants(ani.db) if i.consent_status == "given")
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    assert not next(i for i in list_informants(study.db) if i.id == given.id).consent_named
    record_named_consent(ani.db, ani.actor, given.id, True)
    merge_files(study.db, study.actor, [ani.package(tmp_path, since_last=True).path])
    assert next(i for i in list_informants(study.db) if i.id == given.id).consent_named

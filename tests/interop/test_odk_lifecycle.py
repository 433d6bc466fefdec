"""The ODK import completes each session through the lifecycle: status completed, end
time from the submission (its end, else when it was submitted), one audit event for the
whole import."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select

from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.store.models import AuditEvent, FieldSession

FORM = Instrument.from_dict(
    {
        "id": "quick_visit",
        "version": "1",
        "title": {"en": "Quick visit"},
        "source_type": "observation",
        "languages": ["en"],
        "default_language": "en",
        "children": [{"kind": "question", "name": "staff", "type": "integer"}],
    }
)


def test_imported_sessions_are_completed_by_the_lifecycle(study: Any, tmp_path: Path) -> None:
    with study.db.session() as session:
        store_instrument(session, FORM, study.actor.device_id)
    data = tmp_path / "quick_visit.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["start", "end", "SubmissionDate", "staff", "meta-instanceID"])
        writer.writerow(
            ["2024-10-02T09:15:00.000+07:00", "2024-10-02T10:05:00.000+07:00",
             "2024-10-03T05:12:45.000Z", "12", "uuid:aaa"]
        )  # fmt: skip
        writer.writerow(
            ["2024-10-04T09:00:00.000+07:00", "", "2024-10-04T05:12:45.000Z", "7", "uuid:bbb"]
        )
    result = import_odk_submissions(study.db, study.actor, "quick_visit", data, site="Cisaga")
    assert result.added == 2
    with study.db.session() as session:
        rows = session.scalars(select(FieldSession).order_by(FieldSession.external_id)).all()
        assert [(r.status, r.ended_at.isoformat() if r.ended_at else None) for r in rows] == [
            ("completed", "2024-10-02T03:05:00"),
            ("completed", "2024-10-04T05:12:45"),
        ]
        actions = list(session.scalars(select(AuditEvent.action)))
    assert actions.count("sessions.imported") == 1
    assert "session.completed" not in actions

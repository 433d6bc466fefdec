"""The ODK import completes each session through the lifecycle: status completed, end
time from the submission (its end, else when it was submitted), one audit event for the
whole import; the tool's review states move a session only by the lifecycle's changes."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select

from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.fieldwork.sessions import change_status
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
        imported = session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "sessions.imported")
        )
    assert actions.count("sessions.imported") == 1
    assert "session.completed" not in actions
    # the export by its digest, not its name (a file may be named after a person)
    assert imported == {
        "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
        "sessions": 2,
        "edited": 0,
    }


def _reviewed(study: Any, folder: Path, state: str) -> int:
    """Import the one submission uuid:aaa again with the tool's review ``state``."""
    folder.mkdir()
    data = folder / "quick_visit.csv"
    with data.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["start", "end", "staff", "meta-instanceID", "ReviewState"])
        writer.writerow(
            ["2024-10-02T09:15:00.000+07:00", "2024-10-02T10:05:00.000+07:00", "12",
             "uuid:aaa", state]
        )  # fmt: skip
    result = import_odk_submissions(study.db, study.actor, "quick_visit", data, site="Cisaga")
    return result.reviewed


def _state(study: Any) -> tuple[str, str | None, str]:
    with study.db.session() as session:
        row = session.scalars(select(FieldSession)).one()
        ended = row.ended_at.isoformat() if row.ended_at else None
        return row.status, ended, row.review_comment or ""


def test_review_states_follow_the_lifecycle(study: Any, tmp_path: Path) -> None:
    with study.db.session() as session:
        store_instrument(session, FORM, study.actor.device_id)
    assert _reviewed(study, tmp_path / "new", "") == 0
    assert _state(study) == ("completed", "2024-10-02T03:05:00", "")
    # On hold while completed: the status stays, the comment says why.
    assert _reviewed(study, tmp_path / "held", "validation_status_on_hold") == 1
    assert _state(study) == ("completed", "2024-10-02T03:05:00", "KoboToolbox validation: on hold")
    assert _reviewed(study, tmp_path / "a", "approved") == 1
    assert _state(study) == ("approved", "2024-10-02T03:05:00", "")
    # Put on hold in KoboToolbox after the approval: reopened and completed again, the
    # submission's end time kept.
    assert _reviewed(study, tmp_path / "b", "validation_status_on_hold") == 1
    on_hold = ("completed", "2024-10-02T03:05:00", "KoboToolbox validation: on hold")
    assert _state(study) == on_hold
    assert _reviewed(study, tmp_path / "c", "validation_status_on_hold") == 0
    assert _reviewed(study, tmp_path / "d", "hasIssues") == 1
    assert _state(study) == ("returned", "2024-10-02T03:05:00", "ODK Central review: has issues")
    with study.db.session() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "field_session", AuditEvent.action != "session.started")
            .order_by(AuditEvent.at)
        ).all()
        assert [(e.action, e.detail) for e in events] == [
            ("session.completed", {"previous": "completed", "source": "import"}),
            ("session.approved", {"previous": "completed", "source": "import"}),
            ("session.completed", {"previous": "approved", "source": "import"}),
            ("session.returned", {"previous": "completed", "source": "import"}),
        ]
        # A session the team reopened is theirs: a review in the export leaves it a draft.
        session_id = session.scalars(select(FieldSession.id)).one()
        change_status(session, study.actor, session_id, "draft")
    assert _reviewed(study, tmp_path / "e", "approved") == 0
    assert _state(study)[0] == "draft"

"""A failed statement on the study never quotes the values it was writing: the message of
an unexpected database error reaches the terminal (and whatever logs it: a terminal
transcript, the desktop session's log), the GUI's failure dialog and crash reports, all
outside the encrypted study."""

from __future__ import annotations

from typing import Any

import pytest
from planted import NAME, PHONE, TEST_PROFILE, leaks, plant
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from neutralitas_desktop.store.models import FieldSession, InformantIdentity


def test_a_database_error_does_not_quote_the_identity_it_was_writing(
    encrypted_study: Any,
) -> None:
    db, actor = encrypted_study.db, encrypted_study.actor
    plant(db, actor, TEST_PROFILE)
    with db.session() as s:
        informant_id = s.scalar(select(FieldSession.informant_id))
    with pytest.raises(IntegrityError) as exc, db.session() as s:
        # a second identity for the same informant: the table's key refuses it
        s.add(InformantIdentity(informant_id=informant_id, real_name=NAME, contact=PHONE,
                                device_id=actor.device_id))  # fmt: skip
    shown = f"{type(exc.value).__name__}: {exc.value}"  # as the GUI and a traceback say it
    assert "UNIQUE constraint failed: informant_identity.informant_id" in shown
    assert leaks(shown.encode()) == []

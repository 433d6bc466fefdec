"""The study's time zone is a study-wide setting: the supervisor's laptop sets it; a
researcher's laptop is refused (the master would refuse its packages for changing the
study) and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.study import (
    holds_supervisor_key,
    open_study,
    set_study_time_zone,
    study_time_zone,
)

FIELD_LAPTOP = LocalProfile("00000000-0000-4000-8000-0000000000f2", "laptop-lapangan", "Budi", "BU")


def test_only_the_supervisors_laptop_sets_the_time_zone(study: Any) -> None:
    db, actor = open_study(study.path, FIELD_LAPTOP)
    try:
        assert holds_supervisor_key(study.db, study.actor.device_id)
        assert not holds_supervisor_key(db, actor.device_id)
        with pytest.raises(NeutralitasError) as info:
            set_study_time_zone(db, actor, "WITA")
        assert "supervisor" in str(info.value) and "penyelia" in info.value.localized("id")
        assert study_time_zone(db) == "WIB"
        set_study_time_zone(study.db, study.actor, "WITA")
        assert study_time_zone(db) == "WITA"
    finally:
        db.close()

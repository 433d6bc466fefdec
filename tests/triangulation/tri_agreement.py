"""Double-coded material for the agreement tests: ten interviews coded by two coders
exactly as the binary example of Krippendorff (2011), "Computing Krippendorff's
Alpha-Reliability", section A (alpha = 0.095)."""

from __future__ import annotations

from typing import Any

import pytest
from tri_fieldwork import Fieldwork

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.study import register_actor
from neutralitas_desktop.triangulation import agreement
from neutralitas_desktop.triangulation.coding import add_coding

KRIPPENDORFF_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
KRIPPENDORFF_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


def make_coder(study: Any, name: str, initials: str, number: int) -> Actor:
    profile = LocalProfile(
        device_id=f"00000000-0000-4000-8000-00000000000{number}",
        device_name=f"laptop-{initials}",
        researcher_name=name,
        researcher_initials=initials,
        completed_first_run=True,
    )
    return register_actor(study.db, profile)


@pytest.fixture
def double_coded(fieldwork: Fieldwork) -> dict[str, Any]:
    """Ten interviews coded by Ani and Budi exactly as Krippendorff's binary example."""
    ani = make_coder(fieldwork.study, "Ani Lestari", "AL", 2)
    budi = make_coder(fieldwork.study, "Budi Santoso", "BS", 3)
    sessions = [
        fieldwork.run("interview", {"story": f"Cerita ke-{i}: ASN menyukai unggahan calon."})
        for i in range(10)
    ]
    agreement.assign(fieldwork.db, fieldwork.actor, sessions, ["Ani Lestari", "BS"])
    answers = [Fieldwork.answer(s, "story") for s in sessions]
    for actor, values in ((ani, KRIPPENDORFF_A), (budi, KRIPPENDORFF_B)):
        for answer, value in zip(answers, values, strict=True):
            if value:
                add_coding(fieldwork.db, actor, answer, "socmed_engagement", "violation")
    return {"db": fieldwork.db, "ani": ani, "budi": budi, "sessions": sessions, "answers": answers}

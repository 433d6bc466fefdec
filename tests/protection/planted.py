"""A study with planted identities, and a search for them in the raw bytes of files."""

from __future__ import annotations

from pathlib import Path

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.workspace import Workspace
from neutralitas_desktop.store.database import Database

# The encrypted_study fixture's passphrase (tests/conftest.py) and the test profile.
STUDY_PASSPHRASE = "kopi pagi di Ciamis 2024"
TEST_PROFILE = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)
NAME = "Sulistyowati Pangaribuan"
PHONE = "0813-7788-2461"
PLANTED = (NAME, PHONE)


def plant(db: Database, actor: Actor, profile: LocalProfile, *, typed: bool = True) -> str:
    """An informant whose identity (and, when ``typed``, an answer) names her; returns
    the session id."""
    workspace = Workspace(db, actor, profile)
    iid, _ = get_instrument(db, "asn-staff-interview")
    site = workspace.add_site("Kelurahan Linggasari", "kelurahan")
    informant = workspace.create_informant(
        role="asn_staff", site_id=site.id, real_name=NAME, contact=PHONE
    )
    sid = workspace.begin_session(
        instrument_id=iid, site_id=site.id, informant_id=informant.id, consent="given"
    ).session_id
    if typed:
        save_answer(db, actor, sid, "b1_position", f"Staf umum; {NAME}, hubungi {PHONE}")
    return sid


def leaks(data: bytes) -> list[str]:
    return [s for s in PLANTED if s.encode("utf-8") in data]


def files_with_identities(folder: Path, *, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every file under ``folder`` (but ``skip`` and their -wal/-shm) that holds a planted
    identity in clear."""
    skipped = {p.resolve() for p in skip} | {
        p.resolve().with_name(p.name + side) for p in skip for side in ("-wal", "-shm")
    }
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.resolve() not in skipped and leaks(path.read_bytes()):
            found.append(path)
    return found

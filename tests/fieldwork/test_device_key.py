"""Each data folder is one device: its own Ed25519 key, kept private, shown as a fingerprint
the researcher can read out to the supervisor."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.device_key import key_path, load_device_key
from neutralitas_desktop.fieldwork.profile import load_profile
from neutralitas_desktop.store.models import Device, DeviceKey, FieldSession


def test_device_prints_name_id_and_the_fingerprint_of_a_private_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["device", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    profile = load_profile()
    key = load_device_key(profile.device_id)
    assert shown["fingerprint"] == key.fingerprint and shown["device_id"] == profile.device_id
    assert len(shown["fingerprint"]) == 24 and shown["fingerprint"].count("-") == 4
    assert stat.S_IMODE(key_path(profile.device_id).stat().st_mode) == 0o600
    assert main(["device"]) == 0
    assert key.fingerprint in capsys.readouterr().out
    # The key is made once: the same fingerprint every time.
    assert main(["device", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fingerprint"] == shown["fingerprint"]


def test_two_data_folders_are_two_devices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prints = []
    for name in ("laptop-a", "laptop-b"):
        monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(tmp_path / name))
        assert main(["device", "--json"]) == 0
        prints.append(json.loads(capsys.readouterr().out)["fingerprint"])
    assert prints[0] != prints[1]


def test_the_study_records_its_supervisor_key(study: Any) -> None:
    with study.db.session() as s:
        [row] = s.scalars(select(DeviceKey)).all()
    assert row.device_id == study.actor.device_id and row.role == "supervisor"
    assert row.public_key == load_device_key(study.actor.device_id).public_hex


def test_demo_for_a_named_laptop_is_this_device_s_data(study: Any) -> None:
    """No device is invented: the data folder's key will sign it; no review decisions."""
    with study.db.session() as s:
        s.get(DeviceKey, study.actor.device_id).role = "researcher"  # a laptop's copy
    generate_demo(study.db, study.actor, 20, seed=3, device_name="Laptop Ani")
    with study.db.session() as s:
        devices = set(s.scalars(select(Device.id)))
        made_by = set(s.scalars(select(FieldSession.origin_device_id)))
        statuses = set(s.scalars(select(FieldSession.status)))
    assert devices == made_by == {study.actor.device_id}
    assert not statuses & {"approved", "returned"}

"""The data folder's identity: one device id per folder, however many processes start on
a new folder at once, and a profile that is never read half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from neutralitas_desktop.fieldwork.profile import load_profile, profile_path, save_profile

# Each process imports first, then waits for the same moment, so they race on the folder.
PRINT_DEVICE = (
    "import sys, time;"
    "from neutralitas_desktop.fieldwork.profile import load_profile;"
    "time.sleep(max(0.0, float(sys.argv[1]) - time.time()));"
    "print(load_profile().device_id)"
)


def test_processes_starting_on_a_new_folder_at_once_are_one_device(tmp_path: Path) -> None:
    for attempt in range(5):  # the race is at first start only: try a few new folders
        folder = tmp_path / f"data-{attempt}"
        env = dict(os.environ, NEUTRALITAS_DATA_DIR=str(folder))
        start = time.time() + 1.5
        runs = [
            subprocess.Popen(
                [sys.executable, "-c", PRINT_DEVICE, str(start)], env=env, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True,
            )
            for _ in range(4)
        ]  # fmt: skip
        outcomes = [run.communicate(timeout=60) for run in runs]
        assert [run.returncode for run in runs] == [0] * 4, [err for _o, err in outcomes]
        ids = {out.strip() for out, _err in outcomes}
        saved = json.loads((folder / "profile.json").read_text(encoding="utf-8"))
        assert ids == {saved["device_id"]}
        assert [p.name for p in folder.iterdir()] == ["profile.json"]  # no temporary left


def test_a_saved_profile_is_read_back_and_a_damaged_one_replaced(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(tmp_path / "data"))
    first = load_profile()
    first.researcher_name = "Rina Marlina"
    save_profile(first)
    assert load_profile() == first
    profile_path().write_text('{"device_id": ', encoding="utf-8")  # cut short
    fresh = load_profile()
    assert fresh.device_id != first.device_id and load_profile() == fresh
    names = sorted(p.name for p in profile_path().parent.iterdir())
    assert names[0] == "profile.json" and names[1].startswith("profile.json.damaged-")
    assert len(names) == 2  # set aside, not deleted (no device key: a new device)


def test_a_damaged_profile_keeps_the_device_its_key_names_and_is_set_aside(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """This laptop's packages stay signed as the device the supervisor trusts: a damaged
    profile does not make it a new device while its key is there, and nothing is deleted."""
    from neutralitas_desktop.fieldwork.device_key import load_device_key

    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(tmp_path / "data"))
    first = load_profile()
    first.researcher_name = "Rina Marlina"
    save_profile(first)
    key = load_device_key(first.device_id)
    damaged = b'{"device_id": "' + first.device_id.encode()[:5]
    profile_path().write_bytes(damaged)
    again = load_profile()
    assert again.device_id == first.device_id
    assert load_device_key(again.device_id).fingerprint == key.fingerprint
    assert not again.completed_first_run and again.researcher_name == ""  # asked again
    aside = [p for p in profile_path().parent.iterdir() if p.name.startswith("profile.json.")]
    assert [p.read_bytes() for p in aside] == [damaged]
    assert load_profile() == again  # saved: read back the same


def test_with_two_device_keys_a_damaged_profile_makes_a_new_device(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Which of two keys is this laptop's cannot be told: neither is taken."""
    from neutralitas_desktop.fieldwork.device_key import load_device_key

    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(tmp_path / "data"))
    first = load_profile()
    load_device_key(first.device_id)
    load_device_key("0c1e9c1a-7d0a-4d8e-9f51-3b7c2a8e4f10")
    profile_path().write_text("not json", encoding="utf-8")
    fresh = load_profile()
    assert fresh.device_id not in {first.device_id, "0c1e9c1a-7d0a-4d8e-9f51-3b7c2a8e4f10"}

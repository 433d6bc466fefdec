"""A manifest whose values are not of their kind (a researcher's name that is an object,
counts that are not numbers), in clear or in the encrypted part, signed by a trusted
laptop: refused in one line as damaged, never a crash half-way through the merge, and the
master stays byte-for-byte as it was."""

# ruff: noqa: F811 (the tests take `team`, the fixture test_hostile_packages shares)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import checkpoint, digest
from test_hostile_packages import forge, merge_cli, team  # noqa: F401

from neutralitas_desktop.fieldwork.device_key import load_device_key


def test_a_manifest_value_of_the_wrong_kind_is_refused_as_damaged(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = load_device_key(team["ani"].actor.device_id)
    private = "INSERT OR REPLACE INTO meta (key, value) VALUES ('manifest.private', '{}');"
    cases = {
        "researcher an object, inside": (
            forge(team["day2"], tmp_path / "p0.ndpkg", private.format('{"researcher": {"x": 1}}'),
                  key=key, encrypted=True),
            "tampered with: its manifest is damaged",
        ),
        "counts not numbers, inside": (
            forge(team["day2"], tmp_path / "p1.ndpkg",
                  private.format('{"counts": {"field_session": "x"}}'), key=key, encrypted=True),
            "tampered with: its manifest is damaged",
        ),
        "researcher a list, in clear": (
            forge(team["day2"], tmp_path / "p2.ndpkg", key=key, researcher=["Ani"]),
            "tampered with: the manifest's 'researcher' is not a text",
        ),
    }  # fmt: skip
    checkpoint(study.db)
    before = digest(study.path)
    for name, (path, message) in cases.items():
        code, err = merge_cli(study.path, path, capsys=capsys)
        assert code == 1 and err.count("\n") == 1, (name, err)
        assert f"{path}: {message}" in err, (name, err)
        assert digest(study.path) == before, name

"""Packages that reach a reader past what it takes: JSON nested deeper than Python reads it,
in a package's header (anyone can make one, the trailer is a plain checksum) or in a value
of its data that SQLite accepts as valid JSON (signed by a trusted laptop); an encryption
header whose nonce AES-GCM cannot take. Refused in one line, never a traceback, and the
master stays byte-for-byte as it was."""

# ruff: noqa: F811 (the tests take `team`, the fixture test_hostile_packages shares)

from __future__ import annotations

import base64
import hashlib
import struct
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import checkpoint, digest
from hostile_helpers import repack, unpack
from test_hostile_packages import forge, merge_cli, team  # noqa: F401

from neutralitas_desktop.exchange import container
from neutralitas_desktop.fieldwork.device_key import load_device_key

# Deeper than Python's JSON reader goes (about 1,000), within what SQLite's json_valid takes.
DEEP = "[" * 1500 + "]" * 1500


def test_json_nested_too_deep_is_refused_in_one_line(
    study: Any, team: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = DEEP.encode()
    body = container.MAGIC + struct.pack(">I", len(header)) + header
    deep_header = tmp_path / "deep-header.ndpkg"
    deep_header.write_bytes(body + hashlib.sha256(body).digest())
    key = load_device_key(team["ani"].actor.device_id)
    deep_value = forge(
        team["day2"], tmp_path / "deep-value.ndpkg", f"UPDATE study SET settings = '{DEEP}';",
        key=key,
    )  # fmt: skip
    cases = {
        deep_header: "corrupted: its header is damaged",
        deep_value: "tampered with: it holds a value nested too deep to read",
    }
    checkpoint(study.db)
    before = digest(study.path)
    for path, message in cases.items():
        code, err = merge_cli(study.path, path, capsys=capsys)
        assert code == 1 and err.count("\n") == 1, err
        assert f"{path}: {message}" in err, err
        assert digest(study.path) == before


def test_a_nonce_aes_gcm_cannot_take_is_refused_in_one_line(
    study: Any, team: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Someone who knows the team's passphrase shortens the nonce in the clear header."""
    secret = "kata sandi lapangan 2024"
    sealed = team["ani"].package(tmp_path, since_last=True, passphrase=secret).path
    header, payload = unpack(sealed)
    header["payload"]["encryption"]["nonce"] = base64.b64encode(b"1234").decode()
    short = tmp_path / "short-nonce.ndpkg"
    repack(short, header, payload)
    monkeypatch.setenv("NEUTRALITAS_PASSPHRASE", secret)
    checkpoint(study.db)
    before = digest(study.path)
    code, err = merge_cli(study.path, short, capsys=capsys)
    assert code == 1 and err.count("\n") == 1, err
    assert f"{short}: tampered with: its encrypted content fails" in err, err
    assert digest(study.path) == before

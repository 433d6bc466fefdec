"""This device's Ed25519 key pair: what signs its field packages.

Made at first use and kept (mode 0600) in the data folder beside the profile, so each data
folder (``NEUTRALITAS_DATA_DIR``) is one device. The fingerprint is short enough to read
out loud: the supervisor compares it with what the researcher's screen shows before
trusting a new laptop.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.paths import data_dir

_CACHE: dict[Path, Ed25519PrivateKey] = {}
_KEY_PREFIX, _KEY_SUFFIX = "device-key-", ".pem"


@dataclass(frozen=True)
class DeviceKey:
    device_id: str
    private: Ed25519PrivateKey

    @property
    def public_hex(self) -> str:
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return raw.hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_hex)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def fingerprint(public_hex: str) -> str:
    """First 80 bits of the key's SHA-256, in five groups of four hex digits."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:20].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def normalized_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, with or without dashes or spaces)."""
    bare = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(bare[i : i + 4] for i in range(0, len(bare), 4))


def verify(public_hex: str, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def key_path(device_id: str, folder: Path | None = None) -> Path:
    return (folder or data_dir()) / f"{_KEY_PREFIX}{device_id}{_KEY_SUFFIX}"


def devices_with_keys(folder: Path | None = None) -> set[str]:
    """The device ids whose keys the data folder holds (as ``key_path`` names them)."""
    found = set()
    for path in (folder or data_dir()).glob(f"{_KEY_PREFIX}*{_KEY_SUFFIX}"):
        device_id = path.name[len(_KEY_PREFIX) : -len(_KEY_SUFFIX)]
        with contextlib.suppress(ValueError):
            found.add(str(uuid.UUID(device_id)))
    return found


def load_device_key(device_id: str, folder: Path | None = None) -> DeviceKey:
    """This device's key, made (0600, written atomically) the first time it is needed."""
    path = key_path(device_id, folder)
    cached = _CACHE.get(path)
    if cached is not None and path.exists():
        return DeviceKey(device_id, cached)
    try:
        private = _read(path) if path.exists() else _create(path)
    except OSError as exc:
        raise NeutralitasError(f"cannot use the device key {path}: {exc.strerror or exc}") from None
    _CACHE[path] = private
    return DeviceKey(device_id, private)


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except ValueError:
        raise NeutralitasError(f"{path}: not a device key (damaged?)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise NeutralitasError(f"{path}: not an Ed25519 device key")
    return key


def _create(path: Path) -> Ed25519PrivateKey:
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # never replaces a key another process made meanwhile
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        return _read(path)
    tmp.unlink(missing_ok=True)
    return private

"""The single-file container of a field package (``.ndpkg``).

Layout: ``MAGIC`` · header length (4 bytes, big-endian) · header (JSON: format, manifest,
payload description) · payload (the zlib-compressed study data, encrypted or not) ·
SHA-256 of everything before it. The trailer tells damaged bytes ("corrupted") from content
that does not match the manifest ("tampered with"); the declared sizes tell an interrupted
copy ("truncated"). The manifest stays readable without the passphrase and, when the
package is encrypted, is bound to the ciphertext as associated data.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neutralitas_desktop.exchange import crypto, limits
from neutralitas_desktop.exchange.errors import (
    CorruptedPackageError,
    NewerPackageError,
    NotAPackageError,
    PackageError,
    PassphraseRequiredError,
    TamperedPackageError,
    TruncatedPackageError,
)
from neutralitas_desktop.exchange.manifest import FORMAT, FORMAT_VERSION, Manifest
from neutralitas_desktop.private_tmp import staged_output

MAGIC = b"\x89NDPKG\r\n\x1a\n"
SQLITE_MAGIC = b"SQLite format 3\x00"
_LEN = struct.Struct(">I")
_TRAILER = 32
MAX_HEADER = 1 << 20


@dataclass(frozen=True)
class Envelope:
    """A package file whose framing and checksum are sound; the payload not yet opened."""

    path: Path
    manifest: Manifest
    encryption: dict[str, Any] | None
    payload: bytes
    signature: str | None = None  # the device's Ed25519 signature of the manifest (base64)

    @property
    def encrypted(self) -> bool:
        return self.encryption is not None


def _aad(manifest: Manifest) -> bytes:
    return json.dumps(manifest.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")


def write_container(
    path: Path,
    manifest: Manifest,
    content: bytes,
    passphrase: str | None,
    signature: str | None = None,
) -> int:
    """Write the package atomically (private temporary file, then rename); returns its size."""
    payload = zlib.compress(content, 6)
    encryption = None
    if passphrase is not None:
        encryption, payload = crypto.encrypt(payload, passphrase, _aad(manifest))
    header = json.dumps(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "manifest": manifest.to_dict(),
            "payload": {"size": len(payload), "compression": "zlib", "encryption": encryption},
            "signature": signature,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    body = MAGIC + _LEN.pack(len(header)) + header + payload
    try:  # written in the app's private folder, owner-only, then moved into place
        with staged_output(path, "package") as tmp, tmp.open("wb") as fh:
            fh.write(body)
            fh.write(hashlib.sha256(body).digest())
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise PackageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(body) + _TRAILER


def read_envelope(path: Path) -> Envelope:
    """Check the framing and the checksum of a package file; raises a PackageError subclass
    that says which of not-a-package, truncated, corrupted or newer-format it is."""
    try:
        limits.check_file_size(path, path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise PackageError(f"{path}: no such file") from None
    except OSError as exc:
        raise PackageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data.startswith(MAGIC):
        if data and MAGIC.startswith(data):
            raise TruncatedPackageError(f"{path}: truncated: the file ends inside its header")
        if data.startswith(SQLITE_MAGIC):
            raise NotAPackageError(
                f"{path}: not a field package: it is a database file "
                "(make a package from it with `neutralitas package`)"
            )
        raise NotAPackageError(f"{path}: not a field package")
    start = len(MAGIC) + _LEN.size
    if len(data) < start:
        raise TruncatedPackageError(f"{path}: truncated: the file ends inside its header")
    (header_size,) = _LEN.unpack_from(data, len(MAGIC))
    if header_size > MAX_HEADER:
        raise CorruptedPackageError(f"{path}: corrupted: its header size is damaged")
    if len(data) < start + header_size:
        raise TruncatedPackageError(f"{path}: truncated: the file ends inside its header")
    try:
        header = json.loads(data[start : start + header_size].decode("utf-8"))
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError
        version = int(header["format_version"])
        payload_size = int(header["payload"]["size"])
        encryption = header["payload"].get("encryption")
        signature = header.get("signature")
        if signature is not None and not isinstance(signature, str):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise CorruptedPackageError(f"{path}: corrupted: its header is damaged") from None
    if version > FORMAT_VERSION:
        raise NewerPackageError(
            f"{path}: written by a newer version of the app (package format {version}); "
            "update neutralitas-desktop to merge it"
        )
    end = start + header_size + payload_size
    if len(data) < end + _TRAILER:
        missing = end + _TRAILER - len(data)
        raise TruncatedPackageError(
            f"{path}: truncated: {missing} of its {end + _TRAILER} bytes are missing "
            "(an interrupted copy? copy it again)"
        )
    if len(data) > end + _TRAILER:
        raise CorruptedPackageError(f"{path}: corrupted: unexpected bytes after its end")
    if hashlib.sha256(data[:end]).digest() != data[end:]:
        raise CorruptedPackageError(
            f"{path}: corrupted: its bytes were damaged (the file's checksum fails; "
            "copy it again from the researcher's laptop)"
        )
    try:
        manifest = Manifest.from_dict(header.get("manifest"))
    except ValueError as exc:
        raise TamperedPackageError(f"{path}: tampered with: {exc}") from None
    if encryption is not None and not isinstance(encryption, dict):
        raise TamperedPackageError(f"{path}: tampered with: its encryption header is invalid")
    return Envelope(path, manifest, encryption, data[start + header_size : end], signature)


def open_payload(envelope: Envelope, passphrase: Callable[[Manifest], str | None]) -> bytes:
    """The study data (a SQLite database file) of a checked envelope, decrypted when needed
    and verified against the manifest's SHA-256."""
    path, manifest = envelope.path, envelope.manifest
    payload = envelope.payload
    limits.check_declared(path, manifest.content_size, len(payload))
    if envelope.encryption is not None:
        try:
            crypto.check_cost(envelope.encryption)
        except PackageError as exc:
            raise type(exc)(f"{path}: {exc}") from None
        try:
            secret = passphrase(manifest)
        except PackageError as exc:
            raise type(exc)(f"{path}: {exc}") from None
        if secret is None:
            raise PassphraseRequiredError(f"{path}: encrypted: a passphrase is needed")
        try:
            payload = crypto.decrypt(payload, secret, envelope.encryption, _aad(manifest))
        except PackageError as exc:
            raise type(exc)(f"{path}: {exc}") from None
    content = limits.inflate(path, payload, manifest.content_size)
    if len(content) != manifest.content_size or (
        hashlib.sha256(content).hexdigest() != manifest.content_sha256
    ):
        raise TamperedPackageError(
            f"{path}: tampered with: its content does not match the manifest's SHA-256"
        )
    return content

"""Signing a package's manifest with its device's key, and checking that signature.

The manifest holds the SHA-256 of the content, so the signature covers the content too. A
package id is derived from the signing key and the device's sequence number, so nobody
else can make a package that carries (and shadows) another device's package id.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from neutralitas_desktop.exchange.errors import TamperedPackageError, UnsignedPackageError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.fieldwork.device_key import DeviceKey, verify
from neutralitas_desktop.store.models import derived_id


def package_id(public_hex: str, device_seq: int) -> str:
    return derived_id("package", public_hex, str(device_seq))


def sign(key: DeviceKey, manifest: Manifest) -> str:
    return base64.b64encode(key.sign(manifest.signed_bytes())).decode("ascii")


def check_signature(path: Path, manifest: Manifest, signature: str | None) -> None:
    """Refuse an unsigned package, a signature that does not match, or a package id that is
    not its signer's."""
    if not signature or not manifest.signer_key:
        raise UnsignedPackageError(
            f"{path}: unsigned: it carries no device signature (made by an older version of "
            "the app? make the package again with this version)"
        )
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
        bytes.fromhex(manifest.signer_key)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raw = b""
    if not raw or not verify(manifest.signer_key, raw, manifest.signed_bytes()):
        raise TamperedPackageError(
            f"{path}: tampered with: its signature does not match its manifest and content"
        )
    if manifest.package_id != package_id(manifest.signer_key, manifest.device_seq):
        raise TamperedPackageError(
            f"{path}: tampered with: its package id {manifest.package_id} is not its "
            "signing device's"
        )

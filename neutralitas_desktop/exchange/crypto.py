"""Encryption of field packages: AES-256-GCM with a key derived from a passphrase by scrypt.

The passphrase comes from the environment variable ``NEUTRALITAS_PASSPHRASE`` or a prompt.
A key-check value derived with the key tells a wrong passphrase apart from altered bytes,
which the GCM tag alone cannot do.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import sys
import unicodedata
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from neutralitas_desktop.exchange.errors import (
    PackageError,
    PackageLimitError,
    PassphraseRequiredError,
    TamperedPackageError,
    WrongPassphraseError,
)

PASSPHRASE_ENV = "NEUTRALITAS_PASSPHRASE"
CIPHER = "AES-256-GCM"
# scrypt cost: 32 MiB and about 0.1 s on a field laptop; stored per package, so it can grow.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# The costs a package may ask for: exactly those this app has written. Anything else
# (2**22 asks for 4 GiB, r=64 for 32 GiB) is refused before scrypt runs.
ALLOWED_SCRYPT = frozenset({(SCRYPT_N, SCRYPT_R, SCRYPT_P)})
MIN_PASSPHRASE = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _keys(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(secret)
    return material[:32], hashlib.sha256(b"key-check" + material[32:]).digest()[:16]


def check_cost(params: dict[str, Any]) -> None:
    """Refuse scrypt parameters outside those this app writes (no file name: the caller
    adds it)."""
    try:
        cost = (int(params["n"]), int(params["r"]), int(params["p"]))
    except (KeyError, ValueError, TypeError):
        raise TamperedPackageError(
            "tampered with: its encryption header lacks the scrypt cost"
        ) from None
    if cost not in ALLOWED_SCRYPT:
        n, r, p = cost
        raise PackageLimitError(
            f"refused: its encryption asks for a scrypt cost (n={n}, r={r}, p={p}) "
            f"this app never writes (n={SCRYPT_N}, r={SCRYPT_R}, p={SCRYPT_P})"
        )


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PackageError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")


def encrypt(data: bytes, passphrase: str, aad: bytes) -> tuple[dict[str, Any], bytes]:
    """Ciphertext of ``data`` and the parameters needed (with the passphrase) to decrypt it."""
    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    key, key_check = _keys(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    params = {
        "cipher": CIPHER,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "key_check": _b64(key_check),
    }
    return params, AESGCM(key).encrypt(nonce, data, aad)


def decrypt(data: bytes, passphrase: str, params: dict[str, Any], aad: bytes) -> bytes:
    """Plaintext; raises WrongPassphraseError or TamperedPackageError (messages without a
    file name: the caller adds it)."""
    try:
        if params.get("cipher") != CIPHER or params.get("kdf") != "scrypt":
            raise ValueError("unknown cipher")
        salt, nonce = _unb64(params["salt"]), _unb64(params["nonce"])
        expected = _unb64(params["key_check"])
        check_cost(params)
        n, r, p = int(params["n"]), int(params["r"]), int(params["p"])
        key, key_check = _keys(passphrase, salt, n, r, p)
    except (KeyError, ValueError, TypeError) as exc:
        raise TamperedPackageError(
            f"tampered with: invalid encryption parameters ({exc})"
        ) from None
    if not hmac.compare_digest(key_check, expected):
        raise WrongPassphraseError("wrong passphrase: it was encrypted with another passphrase")
    try:
        return AESGCM(key).decrypt(nonce, data, aad)
    except (InvalidTag, ValueError):  # ValueError: a nonce of a length AES-GCM cannot take
        raise TamperedPackageError(
            "tampered with: its encrypted content fails the authentication check "
            "(altered after encryption)"
        ) from None


def passphrase_from_env() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None


def _has_terminal() -> bool:
    """Whether getpass can ask someone: it reads the controlling terminal, else stdin."""
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return sys.stdin is not None and sys.stdin.isatty()


def ask_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    """From NEUTRALITAS_PASSPHRASE, else typed at the terminal (twice when ``confirm``)."""
    env = passphrase_from_env()
    if env is not None:
        return env
    no_terminal = PassphraseRequiredError(
        f"a passphrase is needed and there is no terminal to type it: set {PASSPHRASE_ENV}"
    )
    if not _has_terminal():
        raise no_terminal
    try:
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            raise PackageError("the two passphrases differ")
    except EOFError:
        raise no_terminal from None
    return first

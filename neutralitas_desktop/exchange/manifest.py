"""The manifest of a field package: who made it, from which study, what it holds, and the
SHA-256 of its content.

An encrypted package keeps in clear only what the merge needs before decrypting (format,
schema, study and package ids, the signature); who made it and what it holds travel inside
the encrypted content (``PRIVATE``, in the package database's ``meta`` table).
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any

FORMAT = "neutralitas-field-package"
FORMAT_VERSION = 1
PRIVATE = ("study_title", "device_name", "researcher_id", "researcher", "counts", "for_researcher")
PRIVATE_KEY = "manifest.private"


@dataclass(frozen=True)
class Manifest:
    package_id: str
    study_id: str
    study_title: str
    device_id: str
    device_name: str
    researcher_id: str
    researcher: str
    created_at: str  # ISO 8601, UTC
    app_version: str
    schema_version: str
    content_sha256: str
    content_size: int
    counts: dict[str, int] = field(default_factory=dict)
    since: str | None = None  # only what changed after this time (ISO 8601, UTC)
    for_researcher: str = ""  # only this researcher's sessions (a return package)
    anonymized: bool = False
    identities: bool = False
    encrypted: bool = False
    signer_key: str = ""  # the device's Ed25519 public key (hex) that signed the package
    device_seq: int = 0  # the device's sequence number when it wrote the package
    since_seq: int | None = None  # only what changed after this device sequence number

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def signed_bytes(self) -> bytes:
        """What the device's signature covers: every field, the content's SHA-256 included."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        """Raises ValueError when a field is missing or of the wrong type."""
        if not isinstance(data, dict):
            raise ValueError("the manifest is not an object")
        values: dict[str, Any] = {}
        for spec in fields(cls):
            if spec.name in data:
                values[spec.name] = data[spec.name]
            elif spec.default is MISSING and spec.default_factory is MISSING:
                raise ValueError(f"the manifest lacks '{spec.name}'")
        for name in ("package_id", "study_id", "device_id", "schema_version", "content_sha256"):
            if not isinstance(values.get(name), str) or not values[name]:
                raise ValueError(f"the manifest's '{name}' is not a text")
        for spec in fields(cls):  # every value of its declared kind (it reaches the database)
            value = values.get(spec.name)
            if spec.name == "device_seq" and value is None:
                continue  # written so by early versions
            if spec.name in values and not _of_kind(value, str(spec.type)):
                raise ValueError(f"the manifest's '{spec.name}' is not {_KINDS[str(spec.type)]}")
        return cls(**values)

    @property
    def sessions(self) -> int:
        return int(self.counts.get("field_session", 0))

    @property
    def answers(self) -> int:
        return int(self.counts.get("answer", 0))


_KINDS = {
    "str": "a text",
    "int": "a number",
    "bool": "true or false",
    "str | None": "a text",
    "int | None": "a number",
    "dict[str, int]": "an object of numbers",
}


def _of_kind(value: Any, kind: str) -> bool:
    if value is None and kind.endswith("| None"):
        return True
    if kind.startswith("dict"):
        return isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, int) for k, v in value.items()
        )
    expected = {"str": str, "int": int, "bool": bool}[kind.split(" |")[0]]
    return isinstance(value, expected) and (expected is not int or not isinstance(value, bool))


def redacted(manifest: Manifest) -> Manifest:
    """The manifest an encrypted package shows in clear."""
    blank = {name: type(getattr(manifest, name))() for name in PRIVATE}
    return replace(manifest, **blank)


def private_fields(manifest: Manifest) -> str:
    return json.dumps({name: getattr(manifest, name) for name in PRIVATE}, ensure_ascii=False)


def with_private(manifest: Manifest, data: str | None) -> Manifest:
    """The clear manifest completed from the encrypted content (ValueError when damaged)."""
    values = json.loads(data) if data else {}
    if not isinstance(values, dict):
        raise ValueError("the private manifest is not an object")
    private = {k: v for k, v in values.items() if k in PRIVATE}
    return Manifest.from_dict({**manifest.to_dict(), **private})  # checked like the clear one

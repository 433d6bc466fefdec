"""Whose packages a study accepts: the device keys it knows, and the supervisor's.

A study knows its supervisor's key from the start (the device that created it; a laptop
learns it from the hand-out package, which that key signs). A researcher's laptop becomes
known when the supervisor trusts its fingerprint once (``merge --trust-device``); from then
on its packages are accepted as long as they are signed by that same key.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select, update

from neutralitas_desktop.exchange.errors import UntrustedDeviceError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.fieldwork.device_key import fingerprint, normalized_fingerprint
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import DeviceKey

_key = table_of(DeviceKey)
SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Signer:
    device_id: str
    supervisor: bool
    last_seq: int  # the highest device sequence the study had from this device before


def _label(manifest: Manifest) -> str:
    name = manifest.device_name or manifest.researcher
    return f"device '{name}' ({manifest.device_id[:8]})" if name else f"device {manifest.device_id}"


def check_signer(
    con: Connection,
    src: Staging,
    path: Path,
    manifest: Manifest,
    trusted: Collection[str],
    enrolled_by: str,
) -> Signer:
    """The signer of a package as this study knows it; a device first trusted now is enrolled.

    Raises UntrustedDeviceError for a key the study does not know (and was not told to
    trust), or a device id signed by another key than the study's."""
    key = manifest.signer_key
    print_ = fingerprint(key)
    known = {r.device_id: r for r in con.execute(select(_key))}
    if not known:
        return _join(con, src, path, manifest)
    row = known.get(manifest.device_id)
    if row is not None:
        if row.public_key != key:
            raise UntrustedDeviceError(
                f"{path}: signed by key {print_}, not by the key this study knows for "
                f"{_label(manifest)} ({fingerprint(row.public_key)})"
            )
        return Signer(row.device_id, row.role == SUPERVISOR, int(row.last_seq or 0))
    other = next((r for r in known.values() if r.public_key == key), None)
    if other is not None:
        raise UntrustedDeviceError(
            f"{path}: signed by the key of device {other.device_id[:8]}, "
            f"but it says it comes from {_label(manifest)}"
        )
    if print_ not in {normalized_fingerprint(t) for t in trusted}:
        raise UntrustedDeviceError(
            f"{path}: signed by {_label(manifest)}, which this study does not know "
            f"(fingerprint {print_}); if `neutralitas device` on that laptop shows this "
            f"fingerprint, merge again with --trust-device {print_}"
        )
    con.execute(
        _key.insert().values(
            device_id=manifest.device_id,
            public_key=key,
            role="researcher",
            last_seq=0,
            added_by=enrolled_by,
        )
    )
    return Signer(manifest.device_id, False, 0)


def _join(con: Connection, src: Staging, path: Path, manifest: Manifest) -> Signer:
    """A new study database takes its keys from the hand-out, which the supervisor signs."""
    staged = list(src.con.execute(select(src.table("device_key"))).mappings())
    supervisor = [r for r in staged if r["role"] == SUPERVISOR]
    if len(supervisor) != 1 or supervisor[0]["public_key"] != manifest.signer_key:
        raise UntrustedDeviceError(
            f"{path}: not a study hand-out: it is not signed by the study's supervisor "
            "(join a study from the package its supervisor made)"
        )
    con.execute(_key.insert(), [dict(r) for r in staged])
    return Signer(manifest.device_id, True, 0)


def after_merge(con: Connection, src: Staging, signer: Signer, manifest: Manifest) -> None:
    """Remember how far this device's sequence got; take the supervisor's key list."""
    if manifest.device_seq > signer.last_seq:
        con.execute(
            update(_key)
            .where(_key.c.device_id == signer.device_id)
            .values(last_seq=manifest.device_seq)
        )
    if not signer.supervisor:
        return
    known = set(con.scalars(select(_key.c.device_id)))
    new = [
        dict(r)
        for r in src.con.execute(select(src.table("device_key"))).mappings()
        if r["device_id"] not in known
    ]
    if new:
        con.execute(_key.insert(), [{**r, "last_seq": 0} for r in new])


def known_seq(con: Connection) -> dict[str, int]:
    """Per device, the highest sequence number this study got from it."""
    return {d: int(s or 0) for d, s in con.execute(select(_key.c.device_id, _key.c.last_seq))}


def enrol_device(db: Database, device_id: str, public_hex: str, enrolled_by: str) -> None:
    """Trust a researcher's device key ahead of its first package (what ``--trust-device``
    does at the merge); enrolling the same key again changes nothing."""
    with db.engine.begin() as con:
        row = con.execute(select(_key).where(_key.c.device_id == device_id)).first()
        if row is not None:
            if row.public_key != public_hex:
                raise UntrustedDeviceError(
                    f"device {device_id[:8]} is enrolled with another key "
                    f"({fingerprint(row.public_key)})"
                )
            return
        con.execute(
            _key.insert().values(
                device_id=device_id,
                public_key=public_hex,
                role="researcher",
                last_seq=0,
                added_by=enrolled_by,
            )
        )


def unknown_signer(db: Database, manifest: Manifest) -> str | None:
    """The fingerprint of the device that signed a package, when this study does not know
    that device yet (what the supervisor is asked to confirm); None when it does."""
    if not manifest.signer_key:
        return None
    with db.engine.connect() as con:
        known = set(con.scalars(select(_key.c.public_key)))
    if not known or manifest.signer_key in known:
        return None
    return fingerprint(manifest.signer_key)

"""Making hostile packages as a forger would: unpack the container, change its data or
header, and pack it again with sound framing and a recomputed checksum, signed again by
the package's own device key (an enrolled laptop turned hostile, or its stolen key), so
that what stops the package is the check under test, not the signature."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.signing import sign
from neutralitas_desktop.fieldwork.device_key import load_device_key


def unpack(path: Path) -> tuple[dict[str, Any], bytes]:
    data = path.read_bytes()
    start = len(container.MAGIC) + 4
    (size,) = struct.unpack(">I", data[len(container.MAGIC) : start])
    return json.loads(data[start : start + size]), data[start + size : -32]


def repack(path: Path, header: dict[str, Any], payload: bytes) -> None:
    """A container with sound framing and checksum, signed by the package's device."""
    header = {**header, "payload": {**header["payload"], "size": len(payload)}}
    manifest = Manifest.from_dict(header["manifest"])
    header["signature"] = sign(load_device_key(manifest.device_id), manifest)
    raw = json.dumps(header).encode()
    body = container.MAGIC + struct.pack(">I", len(raw)) + raw + payload
    path.write_bytes(body + hashlib.sha256(body).digest())


def forge(source: Path, out: Path, sql: str) -> Path:
    """``source`` with ``sql`` run on its data and its manifest's checksum recomputed."""
    header, payload = unpack(source)
    db = out.with_suffix(".sqlite")
    db.write_bytes(zlib.decompress(payload))
    con = sqlite3.connect(db)
    con.executescript(sql)
    con.commit()
    con.close()
    content = db.read_bytes()
    manifest = {
        **header["manifest"],
        "content_sha256": hashlib.sha256(content).hexdigest(),
        "content_size": len(content),
    }
    repack(out, {**header, "manifest": manifest}, zlib.compress(content))
    return out


def zeros(size: int) -> bytes:
    """``size`` zero bytes, zlib-compressed without ever holding them in memory."""
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()

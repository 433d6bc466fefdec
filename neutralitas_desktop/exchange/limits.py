"""How much a package may ask of the machine that opens it, checked before anything is
allocated: its content may unpack to at most a multiple of its size (with a floor for
small packages) and never past a hard cap, and it is inflated in chunks with a running
count, so a decompression bomb is refused after at most the limit, not after the memory
is gone."""

from __future__ import annotations

import zlib
from pathlib import Path

from neutralitas_desktop.exchange.errors import PackageLimitError, TamperedPackageError

# A study database compresses about 3-10 times (measured: demo studies of 0 to 200
# sessions); 64 leaves room for sparse databases, far below zlib's ~1000.
MAX_RATIO = 64
MIN_LIMIT = 16 << 20  # a small package may always unpack to this much
HARD_CAP = 2 << 30  # no package unpacks to more, whatever its size
_CHUNK = 1 << 20
MAX_HEADER_AND_TRAILER = 2 << 20  # framing, a header of at most 1 MB, the checksum


def content_limit(packed_size: int) -> int:
    """The most bytes the content of a payload of ``packed_size`` bytes may unpack to."""
    return min(HARD_CAP, max(MIN_LIMIT, MAX_RATIO * packed_size))


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{n} bytes"


def check_file_size(path: Path, size: int) -> None:
    """Refuse a file larger than any package could be, before reading it into memory."""
    if size > HARD_CAP + MAX_HEADER_AND_TRAILER:
        raise PackageLimitError(
            f"{path}: refused: at {_size(size)} it is larger than any field package "
            f"({_size(HARD_CAP)} at most)"
        )


def check_declared(path: Path, declared: int, packed_size: int) -> None:
    """Refuse a manifest that declares more unpacked content than the limit allows."""
    limit = content_limit(packed_size)
    if declared < 0 or declared > limit:
        raise PackageLimitError(
            f"{path}: refused: its content would unpack to {_size(declared)}, more than the "
            f"{_size(limit)} a package of {_size(packed_size)} may hold"
        )


def inflate(path: Path, payload: bytes, declared: int) -> bytes:
    """The zlib ``payload`` unpacked, refused as soon as it passes ``declared`` bytes (which
    ``check_declared`` has bounded); no chunk is ever larger than ``_CHUNK``."""
    check_declared(path, declared, len(payload))
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    total = 0
    pending = payload
    try:
        while True:
            part = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            total += len(part)
            if total > declared:
                raise PackageLimitError(
                    f"{path}: refused: its content unpacks to more than the "
                    f"{_size(declared)} its manifest declares"
                )
            parts.append(part)
            if not part and not pending:
                break
        if not inflater.eof:
            raise zlib.error("incomplete stream")
    except zlib.error:
        raise TamperedPackageError(
            f"{path}: tampered with: its content cannot be unpacked"
        ) from None
    return b"".join(parts)

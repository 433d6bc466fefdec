"""Bounds on zip files from other tools (ODK export zips, .xlsx workbooks), checked
before anything is inflated.

A zip member declares its size; Python's zipfile never returns more than that, so
refusing members whose declared size, or whose size against their compressed size,
is out of bounds keeps a small hostile file from filling memory or disk. A real form
or export is far inside these limits (XLSForm sheets compress about 10 to 30 times).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop.errors import NeutralitasError

MiB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    member_bytes: int  # largest inflated size of one checked member
    ratio: float  # largest inflated / compressed size, for members over ratio_from bytes
    total_bytes: int  # all checked members together
    ratio_from: int = MiB


# A data export: CSV tables and media files (photos, scans; a video may be large).
EXPORT_LIMITS = ZipLimits(member_bytes=512 * MiB, ratio=200.0, total_bytes=4096 * MiB)
# An XLSForm: worksheets and the shared strings, all that openpyxl reads into memory.
XLSX_LIMITS = ZipLimits(member_bytes=64 * MiB, ratio=200.0, total_bytes=256 * MiB)
# A KoboToolbox .xlsx data export: many submissions, read a row at a time.
DATA_XLSX_LIMITS = ZipLimits(member_bytes=512 * MiB, ratio=200.0, total_bytes=2048 * MiB)


class ZipLimitError(NeutralitasError):
    """A zip member over a size or compression-ratio limit; nothing was read."""


def check_zip(
    archive: zipfile.ZipFile,
    source: str,
    limits: ZipLimits,
    checked: Callable[[str], bool] = lambda name: True,
) -> None:
    """Refuse the archive, naming the file and member, if a ``checked`` member (or all
    of them together) is over ``limits``."""
    total = 0
    for info in archive.infolist():
        if info.is_dir() or not checked(info.filename):
            continue
        size = info.file_size
        if size > limits.member_bytes:
            raise ZipLimitError(
                f"{source}: member {info.filename} would inflate to {_size(size)}, "
                f"over the limit of {_size(limits.member_bytes)}; nothing was read"
            )
        ratio = size / max(info.compress_size, 1)
        if size > limits.ratio_from and ratio > limits.ratio:
            raise ZipLimitError(
                f"{source}: member {info.filename} is compressed {ratio:.0f} to 1, over the "
                f"limit of {limits.ratio:.0f} to 1 (a zip bomb?); nothing was read"
            )
        total += size
        if total > limits.total_bytes:
            raise ZipLimitError(
                f"{source}: members up to {info.filename} inflate to more than "
                f"{_size(limits.total_bytes)} together; nothing was read"
            )


def _size(n: int) -> str:
    return f"{n / MiB:.0f} MiB" if n >= MiB else f"{n:,} bytes"


def is_xlsx_part(name: str) -> bool:
    """Worksheets and shared strings: the parts openpyxl loads whole."""
    lowered = name.lower()
    return lowered.startswith("xl/worksheets/") or lowered.endswith("sharedstrings.xml")


def check_xlsx(path: str | Path, source: str, limits: ZipLimits | None = None) -> None:
    """Refuse an .xlsx whose sheets or shared strings are over ``limits`` (an XLSForm's by
    default); a file that is not a zip is left to openpyxl, which says so itself."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        check_zip(archive, source, limits or XLSX_LIMITS, is_xlsx_part)

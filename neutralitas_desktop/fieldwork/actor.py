"""Who is acting: every write records the device and, where known, the researcher."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    device_id: str
    researcher_id: str | None = None
    researcher_name: str = ""

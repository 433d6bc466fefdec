"""The audit log as hash chains, one per device: each event stores its place in its
device's chain (``seq``), the hash of the event before it (``prev_hash``) and the SHA-256
of its own canonical content (``content_hash``, which covers ``seq`` and ``prev_hash``).
An edited event no longer matches its hash; a deleted one leaves a gap. Chains are per
device because a device only ever appends to its own: a merge copies events with their
hashes, and every device's chain stays verifiable in the merged database.

Events written before chaining existed (``seq`` NULL) are sealed one by one: each has its
content hash, but no place in a chain, because different databases hold different subsets
of them and would chain them differently.

Free-text details (a consent note, a deleted coding's excerpt) enter the content as their
own SHA-256, so an anonymised package may redact them: the redacted copy keeps the
original's digest under ``detail["redacted"]`` and still verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, text

GENESIS = ""  # prev_hash of a device's first event
FREE_TEXT = frozenset({"note", "excerpt", "comment", "reason", "conclusion"})
DIGESTS = "redacted"  # detail key of a redacted copy: {field: SHA-256 of the original}
_AT = "%Y-%m-%dT%H:%M:%S.%f"


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _moment(value: Any) -> str:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).strftime(_AT)
    return str(value)


def _detail(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value) if value else {}
    return dict(value or {})


def canonical(row: Mapping[str, Any]) -> str:
    """The event's content as canonical JSON (what ``content_hash`` is the SHA-256 of)."""
    detail = _detail(row.get("detail"))
    digests = dict(detail.pop(DIGESTS, None) or {})
    for key in FREE_TEXT & detail.keys():
        if isinstance(detail[key], str):
            detail[key] = "sha256:" + (digests.get(key) or _sha(detail[key]))
    content = {
        "id": row["id"],
        "at": _moment(row["at"]),
        "device_id": row["device_id"],
        "researcher_id": row.get("researcher_id"),
        "action": row["action"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "detail": detail,
        "seq": row.get("seq"),
        "prev_hash": row.get("prev_hash") or GENESIS,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(row: Mapping[str, Any]) -> str:
    return _sha(canonical(row))


def redact_detail(detail: Mapping[str, Any], redact: Callable[[str], str]) -> dict[str, Any]:
    """A copy of an event's detail with its free texts redacted; the originals' digests
    are kept so that the event still matches its hash."""
    out = dict(detail)
    digests = dict(out.pop(DIGESTS, None) or {})
    for key in FREE_TEXT & out.keys():
        value = out[key]
        if isinstance(value, str) and value:
            cleaned = redact(value)
            if cleaned != value:
                digests.setdefault(key, _sha(value))
                out[key] = cleaned
    if digests:
        out[DIGESTS] = digests
    return out


_EVENTS = (
    "SELECT id, at, device_id, researcher_id, action, entity, entity_id, detail, seq, "
    "prev_hash, content_hash FROM audit_event"
)


def verify_chains(con: Connection) -> list[str]:
    """The first broken link of every device's chain, and every event not matching its
    hash, one line each (empty when the log is intact)."""
    problems: list[str] = []
    chains: dict[str, list[dict[str, Any]]] = {}
    for row in con.execute(text(_EVENTS)).mappings():
        event = dict(row)
        if content_hash(event) != event["content_hash"]:
            problems.append(
                f"audit log: event {event['id']} (device {event['device_id']}, "
                f"{_moment(event['at'])[:19]}) was edited: its content does not match its hash"
            )
        if event["seq"] is not None:
            chains.setdefault(event["device_id"], []).append(event)
    for device, events in sorted(chains.items()):
        events.sort(key=lambda e: (e["seq"], e["id"]))
        previous: dict[str, Any] | None = None
        for event in events:
            broken = _link(previous, event)
            if broken:
                where = f"event {event['id']} (device {device}, {_moment(event['at'])[:19]})"
                problems.append(f"audit log: {broken} {where}")
                break
            previous = event
    return problems


def _link(previous: dict[str, Any] | None, event: dict[str, Any]) -> str:
    """What is wrong between two neighbours of a chain ("" when nothing)."""
    expected = 1 if previous is None else previous["seq"] + 1
    if event["seq"] > expected:
        missing = (
            f"#{expected}" if event["seq"] == expected + 1 else f"#{expected}–#{event['seq'] - 1}"
        )
        return f"events {missing} of the chain are missing (deleted, or not merged here) before"
    if event["seq"] < expected:
        return f"two events hold place #{event['seq']} of the chain (a copied database?):"
    wanted = GENESIS if previous is None else previous["content_hash"]
    if (event["prev_hash"] or GENESIS) != wanted:
        return "the chain is broken (the previous event was replaced) at"
    return ""

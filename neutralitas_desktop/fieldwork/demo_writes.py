"""Writing a batch of demo rows while another program may be writing demo rows too.

Informant codes are drawn from the codes the study held when the demo started, so two
demos run at once can draw the same one; the batch that loses the race is rolled back,
its colliding codes are moved to the next free number, and it is written again. The
batch's first statement is a write, so SQLite waits for the other writer (busy timeout)
instead of failing on a stale read snapshot. A batch is one write of this device: its rows
share one device sequence number.
"""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import IntegrityError

from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.store import sequence
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Attachment,
    Base,
    Coding,
    FieldSession,
    Informant,
    InformantIdentity,
)

ATTEMPTS = 5
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def write_batch(
    db: Database,
    informants: list[dict[str, Any]],
    identities: list[dict[str, Any]],
    sessions: list[dict[str, Any]],
    attachments: dict[str, dict[str, Any]],
    answers: journal.Batch,
    codings: list[dict[str, Any]],
) -> None:
    """Insert one batch in one transaction: answers (through the answer journal) and
    codings after the sessions they belong to."""
    for attempt in range(ATTEMPTS):
        try:
            with db.engine.begin() as con:
                _insert(con, informants, identities, sessions, attachments, answers, codings)
            return
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
            with db.engine.connect() as con:
                taken = set(con.scalars(select(Informant.code)))
            recode(informants, taken)


def _insert(
    con: Connection,
    informants: list[dict[str, Any]],
    identities: list[dict[str, Any]],
    sessions: list[dict[str, Any]],
    attachments: dict[str, dict[str, Any]],
    answers: journal.Batch,
    codings: list[dict[str, Any]],
) -> None:
    seq = sequence.take(con)  # a write: this transaction holds the write lock from here
    for table, batch in (
        (_table(Informant), informants),
        (_table(InformantIdentity), identities),
        (_table(FieldSession), sessions),
    ):
        if batch:
            con.execute(insert(table), [{**row, "device_seq": seq} for row in batch])
    known = set(con.execute(select(Attachment.sha256)).scalars())
    new_blobs = [row for sha, row in attachments.items() if sha not in known]
    if new_blobs:
        con.execute(insert(_table(Attachment)), [{**r, "device_seq": seq} for r in new_blobs])
    answers.write(con, seq)
    if codings:
        con.execute(insert(_table(Coding)), [{**row, "device_seq": seq} for row in codings])


def recode(informants: list[dict[str, Any]], taken: set[str]) -> None:
    """Give each informant whose code is taken the next free number of its prefix."""
    for row in informants:
        code = str(row["code"])
        if code not in taken:
            taken.add(code)
            continue
        match = _NUMBERED.match(code)
        prefix, number = (match.group(1), int(match.group(2))) if match else (f"{code}-", 1)
        while f"{prefix}{number:02d}" in taken:
            number += 1
        row["code"] = f"{prefix}{number:02d}"
        taken.add(row["code"])


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)

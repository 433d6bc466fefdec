"""Deriving an answer's current value after a merge, the way the field app does
(``fieldwork.journal.current_revision``), where a revision that resolves a conflict also
replaces the further heads it names (``revision_parent``)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, select, update

from neutralitas_desktop.exchange.dialect import chunks
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.fieldwork.journal import RevisionInfo, current_revision
from neutralitas_desktop.store.models import Answer, AnswerRevision, RevisionParent

_answer = table_of(Answer)
_revision = table_of(AnswerRevision)
_parent = table_of(RevisionParent)


def current_of(
    revisions: list[RevisionInfo], further_parents: Iterable[str] = ()
) -> tuple[RevisionInfo | None, bool]:
    """The current revision and whether the answer is in conflict."""
    by_id = {r.id: r for r in revisions}
    # current_revision knows one parent per revision; a further parent is shown to it as a
    # revision that replaced itself, which takes it out of the heads and changes nothing else.
    replaced = [
        dataclasses.replace(by_id[p], parent_id=p) for p in set(further_parents) if p in by_id
    ]
    return current_revision([*revisions, *replaced])


def heads_of(
    revisions: list[RevisionInfo], further_parents: Iterable[str] = ()
) -> list[RevisionInfo]:
    """Revisions no other revision replaced, oldest first."""
    replaced = {r.parent_id for r in revisions if r.parent_id} | set(further_parents)
    return sorted(
        (r for r in revisions if r.id not in replaced), key=lambda r: (r.seq, r.device_id, r.id)
    )


def load_histories(
    con: Connection, answer_ids: Iterable[str]
) -> dict[str, tuple[list[RevisionInfo], set[str]]]:
    """Every revision of the answers, and the further parents named in their histories."""
    histories: dict[str, tuple[list[RevisionInfo], set[str]]] = defaultdict(lambda: ([], set()))
    for batch in chunks(answer_ids):
        rows = con.execute(
            select(
                _revision.c.answer_id,
                _revision.c.id,
                _revision.c.parent_id,
                _revision.c.value,
                _revision.c.note,
                _revision.c.created_at,
                _revision.c.device_id,
                _revision.c.researcher_id,
                _revision.c.device_seq,
            ).where(_revision.c.answer_id.in_(batch))
        )
        for answer_id, *rest in rows:
            histories[answer_id][0].append(RevisionInfo(*rest))
        extra = con.execute(
            select(_revision.c.answer_id, _parent.c.parent_id)
            .join(_revision, _revision.c.id == _parent.c.revision_id)
            .where(_revision.c.answer_id.in_(batch))
        )
        for answer_id, parent_id in extra:
            histories[answer_id][1].add(parent_id)
    return dict(histories)


def derive_answers(con: Connection, answer_ids: Iterable[str]) -> tuple[set[str], set[str]]:
    """Recompute the cached current value of answers from their histories.

    Returns (answers whose cache changed, answers that became conflicts)."""
    ids = list(answer_ids)
    histories = load_histories(con, ids)
    changed: set[str] = set()
    new_conflicts: set[str] = set()
    updates = []
    for batch in chunks(ids):
        cached = con.execute(
            select(
                _answer.c.id,
                _answer.c.value,
                _answer.c.note,
                _answer.c.current_revision_id,
                _answer.c.revision_count,
                _answer.c.has_conflict,
            ).where(_answer.c.id.in_(batch))
        )
        for aid, value, note, current_id, count, conflict in cached:
            revisions, further = histories.get(aid, ([], set()))
            head, in_conflict = current_of(revisions, further)
            if head is None:
                continue
            derived = (head.value, head.note, head.id, len(revisions), in_conflict)
            if derived == (value, note, current_id, count, bool(conflict)):
                continue
            changed.add(aid)
            if in_conflict and not conflict:
                new_conflicts.add(aid)
            updates.append(
                {
                    "b_id": aid,
                    "b_value": head.value,
                    "b_note": head.note,
                    "b_current": head.id,
                    "b_count": len(revisions),
                    "b_conflict": in_conflict,
                }
            )
    if updates:
        con.execute(
            update(_answer)
            .where(_answer.c.id == bindparam("b_id"))
            .values(
                value=bindparam("b_value"),
                note=bindparam("b_note"),
                current_revision_id=bindparam("b_current"),
                revision_count=bindparam("b_count"),
                has_conflict=bindparam("b_conflict"),
                # Deriving is not editing: the answer keeps its last writer's stamp.
                updated_at=_answer.c.updated_at,
                device_seq=_answer.c.device_seq,
            ),
            updates,
        )
    return changed, new_conflicts

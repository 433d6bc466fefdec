"""Writing imported submissions as answers: new sessions in bulk, edits as revisions.

An edited submission is never a second session: each changed answer gets a revision
whose parent is the current one (a cleared answer gets an empty revision), dated when
the edit was saved, so the history shows the value before and after the edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.interop.odk_reader import Item
from neutralitas_desktop.interop.odk_tables import DataExport
from neutralitas_desktop.store.models import Answer, AnswerRevision, Attachment, utcnow


class Writer:
    """Answer rows (with their first revision) and attachments, inserted in bulk."""

    def __init__(
        self, session: Session, actor: Actor, export: DataExport, warnings: list[str]
    ) -> None:
        self.session = session
        self.actor = actor
        self.export = export
        self.warnings = warnings
        self.journal = journal.Batch.of(actor)  # answers and revisions, as every writer
        self.stored_files: dict[str, str] = {}
        self.count = 0  # answers written (new, or a new revision)
        self.now = utcnow()

    def put(self, session_id: str, key: str, value: str, at: dt.datetime | None = None) -> None:
        self.journal.first(session_id, key, value, at or self.now, updated_at=self.now)
        self.count += 1

    def values(self, item: Item, prefix: str, seed: str) -> dict[str, str]:
        """Answer key -> value of one row and its repeat items. Repeat items get keys
        derived from the submission's identity, so an edit finds the same keys."""
        out: dict[str, str] = {}
        for name, value in item.values.items():
            out[prefix + name] = value
        for name, text in item.others.items():
            out[f"{prefix}{name}_other"] = text
        for name, filename in item.files.items():
            sha = self.attachment(filename, item)
            if sha:
                out[prefix + name] = sha
        for repeat in item.scope.repeats:
            children = item.children.get(repeat, [])
            if not children:
                continue
            keys = []
            for position, child in enumerate(children, 1):
                child_seed = f"{seed}|{repeat}|{position}"
                keys.append(hashlib.sha256(child_seed.encode()).hexdigest()[:8])
                out.update(self.values(child, f"{prefix}{repeat}[{keys[-1]}]/", child_seed))
            out[prefix + repeat] = " ".join(keys)
        return out

    def add(self, session_id: str, values: dict[str, str], at: dt.datetime | None) -> None:
        """A new session's answers, dated when the phone saved the submission."""
        for key, value in values.items():
            self.put(session_id, key, value, at)

    def edit(self, session_id: str, values: dict[str, str], at: dt.datetime | None) -> int:
        """Append a revision to every answer the edit changed; returns how many. A revision
        is dated when the edit was saved (``at``), or at this import when that time is not
        after the answer's current revision (an export that keeps the first ``end``)."""
        before = self.count
        rows = self.session.execute(
            select(Answer, AnswerRevision.created_at)
            .outerjoin(AnswerRevision, AnswerRevision.id == Answer.current_revision_id)
            .where(Answer.session_id == session_id)
        ).all()
        current = {answer.key: (answer, when) for answer, when in rows}
        for key, value in values.items():
            if key not in current:
                self.put(session_id, key, value, at or self.now)
            elif current[key][0].value != value:
                self._change(*current[key], value, at)
        for key, (answer, when) in current.items():
            if key not in values and answer.value not in (None, ""):
                self._change(answer, when, None, at)
        return self.count - before

    def _change(
        self,
        answer: Answer,
        previous: dt.datetime | None,
        value: str | None,
        at: dt.datetime | None,
    ) -> None:
        if at is None or (previous is not None and at <= previous):
            at = max(self.now, previous or self.now)
        rid = self.journal.revision(answer.id, value, answer.current_revision_id, at)
        self.count += 1
        answer.value = value
        answer.current_revision_id = rid
        answer.revision_count += 1
        answer.updated_at = self.now
        answer.device_id = self.actor.device_id

    def attachment(self, filename: str, item: Item) -> str:
        if filename in self.stored_files:
            return self.stored_files[filename]
        source = self.export.media.get(filename)
        if source is None:
            self.warnings.append(
                f"{item.table.source}, row {item.number}: attachment '{filename}' is not in the "
                "export (download it with its media files); not imported"
            )
            return ""
        data = source if isinstance(source, bytes) else source.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        if self.session.get(Attachment, sha) is None:
            self.session.add(
                Attachment(
                    sha256=sha,
                    data=data,
                    size=len(data),
                    mime=mimetypes.guess_type(filename)[0] or "application/octet-stream",
                    filename=filename,
                    device_id=self.actor.device_id,
                )
            )
        self.stored_files[filename] = sha
        return sha

    def flush(self) -> None:
        self.session.flush()
        self.journal.write(self.session.connection())
        self.journal.clear()

"""Writing a field package: the study's data (or what changed since this laptop's last
package) in a SQLite database of the study's own schema, with a manifest, in one file.

Informant identities travel only in encrypted packages and only when asked for; an
anonymised package also drops researchers' and devices' names and informants' notes.
The package's database is built in memory: nothing of it reaches the disk in clear.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    StaticPool,
    Table,
    create_engine,
    select,
)

from neutralitas_desktop import __version__
from neutralitas_desktop.exchange import tables
from neutralitas_desktop.exchange.anonymized import anonymized
from neutralitas_desktop.exchange.container import write_container
from neutralitas_desktop.exchange.dialect import chunks, upsert
from neutralitas_desktop.exchange.errors import PackageError
from neutralitas_desktop.exchange.manifest import (
    PRIVATE_KEY,
    Manifest,
    private_fields,
    redacted,
)
from neutralitas_desktop.exchange.results import PackageResult
from neutralitas_desktop.exchange.signing import package_id, sign
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.exchange.versions import snapshot
from neutralitas_desktop.fieldwork import audit, journal
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.device_key import DeviceKey, load_device_key
from neutralitas_desktop.fieldwork.redaction import redactor_for
from neutralitas_desktop.store import cipher, migrations, sequence
from neutralitas_desktop.store.database import APPLICATION, APPLICATION_ID, Database
from neutralitas_desktop.store.models import (
    Device,
    Meta,
    Researcher,
    Study,
    utcnow,
)

Progress = Callable[[int, int, str], None]
# The device sequence number of this laptop's last package (per device and researcher).
SINCE_KEY = "package.since_seq."


@dataclass(frozen=True)
class PackageOptions:
    since_last: bool = False
    anonymize: bool = False
    include_identities: bool = False
    passphrase: str | None = None  # encrypt with it when given
    researcher_id: str | None = None  # only this researcher's sessions (a return package)

    def check(self) -> None:
        if self.include_identities and self.anonymize:
            raise PackageError("an anonymised package cannot include informant identities")
        if self.include_identities and self.passphrase is None:
            raise PackageError(
                "informant identities only leave this laptop in an encrypted package "
                "(add --encrypt)"
            )


def since_key(device_id: str, researcher_id: str | None) -> str:
    return SINCE_KEY + device_id + (f".{researcher_id[:8]}" if researcher_id else "")


def write_package(
    db: Database,
    actor: Actor,
    out: Path,
    options: PackageOptions | None = None,
    progress: Progress | None = None,
    key: DeviceKey | None = None,
) -> PackageResult:
    """Write a package signed by this device's key (``key``; by default the data folder's)."""
    options = options or PackageOptions()
    options.check()
    out = Path(out)
    if not out.parent.is_dir():
        raise PackageError(f"cannot write {out}: no folder {out.parent}")
    report = progress or (lambda done, total, label: None)
    key = key or load_device_key(actor.device_id)
    with db.engine.begin() as con:
        journal.seal(con)  # a package carries only final revisions: it seals what is open
        snapshot(con)
        device_seq = sequence.take(con)  # every row written before it has a smaller number
    since_name = since_key(actor.device_id, options.researcher_id)
    with db.engine.begin() as con:
        study = con.execute(select(table_of(Study))).first()
        if study is None:
            raise PackageError(f"{db.display_name()} holds no study to package")
        since = None
        if options.since_last:
            stored = con.scalar(select(Meta.value).where(Meta.key == since_name))
            since = int(stored) if stored and stored.isdigit() else None
        started = utcnow()
        content, counts = _copy(con, study.id, since, options, report)
        device_name = con.scalar(select(Device.name).where(Device.id == actor.device_id))
        researcher = con.scalar(select(Researcher.name).where(Researcher.id == actor.researcher_id))
    private = options.passphrase is not None
    manifest = Manifest(
        package_id=package_id(key.public_hex, device_seq),
        study_id=study.id,
        study_title=str(
            study.title.get(study.default_language) or next(iter(study.title.values()), "")
        ),
        device_id=actor.device_id,
        device_name="" if options.anonymize else (device_name or ""),
        researcher_id=actor.researcher_id or "",
        researcher="" if options.anonymize else (researcher or actor.researcher_name),
        created_at=started.isoformat(),
        app_version=__version__,
        schema_version=migrations.HEAD,
        content_sha256="",
        content_size=0,
        counts=counts,
        since=None,
        for_researcher=options.researcher_id or "",
        anonymized=options.anonymize,
        identities=options.include_identities,
        encrypted=private,
        signer_key=key.public_hex,
        device_seq=device_seq,
        since_seq=since,
    )
    if private:  # who and what go inside the encrypted content
        content = _with_meta(content, PRIVATE_KEY, private_fields(manifest))
    manifest = replace(
        manifest, content_sha256=hashlib.sha256(content).hexdigest(), content_size=len(content)
    )
    shown = redacted(manifest) if private else manifest
    report(1, 1, "writing")
    size = write_container(out, shown, content, options.passphrase, sign(key, shown))
    with db.engine.begin() as con:
        upsert(con, table_of(Meta), [{"key": since_name, "value": str(device_seq)}], ("key",))
        audit.record(
            con,
            actor,
            "package.created",
            "package",
            manifest.package_id,  # not the file's name: it may name the researcher
            since_seq=since,
            counts=counts,
        )
    return PackageResult(out, manifest, size)


def _with_meta(content: bytes, key: str, value: str) -> bytes:
    """The package database ``content`` with one more ``meta`` row (built in memory)."""
    memory, engine = _in_memory(content)
    try:
        with engine.begin() as con:
            con.execute(table_of(Meta).insert().values(key=key, value=value))
        return memory.serialize()
    finally:
        engine.dispose()
        memory.close()


Selection = dict[str, set[str]]


_EMPTY: dict[str, bytes] = {}


def _empty_schema() -> bytes:
    """An empty database of this app's schema (built once per process, then copied), made
    by the migrations: exactly the schema a merge expects of a package of this version."""
    if migrations.HEAD not in _EMPTY:
        memory, engine = _in_memory(None)
        try:
            with engine.begin() as con:
                con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            migrations.upgrade(engine)
            with engine.begin() as con:
                con.exec_driver_sql("DELETE FROM device_sequence")  # local, never packaged
                con.execute(table_of(Meta).insert().values(key="application", value=APPLICATION))
            _EMPTY[migrations.HEAD] = memory.serialize()
        finally:
            engine.dispose()
            memory.close()
    return _EMPTY[migrations.HEAD]


def _in_memory(content: bytes | None) -> tuple[sqlite3.Connection, Engine]:
    """An in-memory database (holding ``content``, a database file's bytes) and an engine
    whose only connection it is."""
    memory = cipher.in_memory()
    if content is not None:
        memory.deserialize(content)
    return memory, create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)


def _copy(
    con: Connection,
    study_id: str,
    since: int | None,
    options: PackageOptions,
    report: Progress,
) -> tuple[bytes, dict[str, int]]:
    """The package's database (a SQLite file's bytes, made in memory) and its row counts."""
    names = [n for n in tables.PACKAGED if n != tables.IDENTITIES or options.include_identities]
    selection = None
    if since is not None or options.researcher_id:
        selection = _select_fieldwork(con, since, options.researcher_id)
    memory, engine = _in_memory(_empty_schema())
    counts: dict[str, int] = {}
    redact = redactor_for(con) if options.anonymize else None
    try:
        with engine.begin() as out:
            out.execute(table_of(Meta).insert().values(key="study_id", value=study_id))
            for step, name in enumerate(names):
                table = tables.table(name)
                n = 0
                for batch in _rows(con, name, since, options, selection):
                    if redact is not None:
                        batch = [
                            anonymized(name, row, redact) for row in batch if not _voice(name, row)
                        ]
                    if batch:
                        out.execute(table.insert(), batch)
                    n += len(batch)
                counts[name] = n
                report(step + 1, len(names) + 1, name)
        return memory.serialize(), counts
    finally:
        engine.dispose()
        memory.close()


def _batches(
    con: Connection, table: Table, *where: ColumnElement[bool]
) -> Iterator[list[dict[str, Any]]]:
    result = con.execute(select(table).where(*where))
    for part in result.mappings().partitions(2000):
        yield [dict(row) for row in part]


def _by_ids(
    con: Connection, table: Table, column: str, ids: Iterable[str]
) -> Iterator[list[dict[str, Any]]]:
    for batch in chunks(sorted(ids)):
        yield from _batches(con, table, table.c[column].in_(batch))


def _rows(
    con: Connection,
    name: str,
    since: int | None,
    options: PackageOptions,
    selection: Selection | None,
) -> Iterator[list[dict[str, Any]]]:
    table = tables.table(name)
    if selection is None or name not in tables.FIELDWORK:
        yield from _batches(con, table)
    elif name in selection:
        yield from _by_ids(con, table, "id", selection[name])
    elif name == "revision_parent":
        yield from _by_ids(con, table, "revision_id", selection["answer_revision"])
    elif name == "row_version":
        for entity in ("field_session", "coding"):
            for batch in chunks(sorted(selection[entity])):
                yield from _batches(con, table, table.c.entity == entity, table.c.row_id.in_(batch))
        if since is not None and not options.researcher_id:  # the findings carried (ANALYSIS)
            finding = tables.table("finding")
            carried = con.scalars(select(finding.c.id).where(finding.c.device_seq > since))
            for batch in chunks(sorted(carried)):
                yield from _batches(
                    con, table, table.c.entity == "finding", table.c.row_id.in_(batch)
                )
    elif name in ANALYSIS:
        if since is not None and not options.researcher_id:
            yield from _batches(con, table, table.c.device_seq > since)
    elif name == "attachment":
        wanted = _attachments(con, since, selection)
        yield from _by_ids(con, table, "sha256", wanted)
    elif name == "audit_event":
        # A package returned to a researcher carries the whole log, so that every device's
        # chain stays verifiable on a laptop that missed earlier packages.
        if since is not None and not options.researcher_id:
            yield from _batches(con, table, table.c.device_seq > since)
        else:
            yield from _batches(con, table)


# Analysis rows that are not part of one session: a partial package carries what changed.
ANALYSIS = (
    "finding",
    "incident",
    "evidence_line",
    "member_check",
    "legal_material",
    "element_test",
)


def _select_fieldwork(con: Connection, since: int | None, researcher_id: str | None) -> Selection:
    """Ids of the fieldwork rows a partial package holds, with every row they refer to."""
    s, a, r = (tables.table(n) for n in ("field_session", "answer", "answer_revision"))
    c, rc = tables.table("coding"), tables.table("review_comment")
    if since is not None:
        revisions = dict(
            con.execute(select(r.c.id, r.c.answer_id).where(r.c.device_seq > since)).all()
        )
        codings = dict(
            con.execute(select(c.c.id, c.c.answer_id).where(c.c.device_seq > since)).all()
        )
        comments = dict(
            con.execute(select(rc.c.id, rc.c.session_id).where(rc.c.device_seq > since)).all()
        )
        answers = set(con.scalars(select(a.c.id).where(a.c.device_seq > since)))
        answers |= set(revisions.values()) | set(codings.values())
        answer_session: dict[str, str] = {}
        for batch in chunks(sorted(answers)):
            answer_session.update(
                con.execute(select(a.c.id, a.c.session_id).where(a.c.id.in_(batch))).all()
            )
        sessions = set(con.scalars(select(s.c.id).where(s.c.device_seq > since)))
        sessions |= set(answer_session.values()) | set(comments.values())
        if researcher_id:
            sessions &= set(con.scalars(select(s.c.id).where(s.c.researcher_id == researcher_id)))
            answers = {x for x in answers if answer_session.get(x) in sessions}
            revisions = {k: v for k, v in revisions.items() if v in answers}
            codings = {k: v for k, v in codings.items() if v in answers}
            comments = {k: v for k, v in comments.items() if v in sessions}
    else:
        sessions = set(con.scalars(select(s.c.id).where(s.c.researcher_id == researcher_id)))
        answers, revisions, codings, comments = set(), {}, {}, {}
        for batch in chunks(sorted(sessions)):
            answers |= set(con.scalars(select(a.c.id).where(a.c.session_id.in_(batch))))
            comments.update(
                con.execute(
                    select(rc.c.id, rc.c.session_id).where(rc.c.session_id.in_(batch))
                ).all()
            )
        for batch in chunks(sorted(answers)):
            revisions.update(
                con.execute(select(r.c.id, r.c.answer_id).where(r.c.answer_id.in_(batch))).all()
            )
            codings.update(
                con.execute(select(c.c.id, c.c.answer_id).where(c.c.answer_id.in_(batch))).all()
            )
    return {
        "field_session": sessions,
        "answer": set(answers),
        "answer_revision": set(revisions),
        "coding": set(codings),
        "review_comment": set(comments),
    }


def _attachments(con: Connection, since: int | None, selection: Selection) -> set[str]:
    """Attachments added since the last package, and those the packaged answers name."""
    att, r = tables.table("attachment"), tables.table("answer_revision")
    wanted = (
        set(con.scalars(select(att.c.sha256).where(att.c.device_seq > since))) if since else set()
    )
    stored = set(con.scalars(select(att.c.sha256)))
    if stored:
        for batch in chunks(sorted(selection["answer_revision"])):
            for value in con.scalars(select(r.c.value).where(r.c.id.in_(batch))):
                for token in (value or "").split():
                    if token in stored:
                        wanted.add(token)
    return wanted


def _voice(name: str, row: dict[str, Any]) -> bool:
    """An audio attachment (an interview recording): voices identify people."""
    return name == "attachment" and str(row.get("mime") or "").startswith("audio/")


def find_researcher(db: Database, ref: str) -> str:
    """A researcher by id, name or initials (case-insensitive)."""
    ref = ref.strip()
    with db.session() as s:
        rows = s.execute(select(Researcher.id, Researcher.name, Researcher.initials)).all()
    for exact in (True, False):
        found = [
            rid
            for rid, name, initials in rows
            if (rid == ref or name == ref or initials == ref)
            or (not exact and ref.casefold() in {name.casefold(), initials.casefold()})
            or (not exact and len(ref) >= 4 and rid.startswith(ref))
        ]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise PackageError(f"'{ref}' names {len(found)} researchers; give the id")
    raise PackageError(f"no researcher '{ref}' in this study")

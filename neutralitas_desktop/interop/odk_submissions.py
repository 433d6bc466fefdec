"""Importing submissions collected with ODK Collect / KoboCollect as field sessions.

Teams that collected part of their data on phones bring it into the study: each
submission of an ODK Central, ODK Briefcase or KoboToolbox data export becomes a completed
session of an instrument already in the study, its ``instanceID`` kept as the session's
external id so that importing the same export again adds nothing. Every row that does not
fit is reported with its file and row number, and then nothing at all is imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.answers import answer_id, question_of
from neutralitas_desktop.fieldwork.informants import create_informant
from neutralitas_desktop.fieldwork.instruments import get_instrument
from neutralitas_desktop.fieldwork.sessions import change_status, start_session
from neutralitas_desktop.fieldwork.sites import find_or_create_site
from neutralitas_desktop.instruments.model import Group, Instrument, Question
from neutralitas_desktop.interop.odk_tables import DataExport, DataTable, read_export
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    AnswerRevision,
    Attachment,
    FieldSession,
    InformantRole,
    new_id,
    utcnow,
)
from neutralitas_desktop.vocabulary import SessionStatus

# Columns holding the submission's instanceID, in order of preference.
INSTANCE_ID_COLUMNS = ("meta-instanceID", "meta/instanceID", "instanceID", "KEY", "_uuid")
START_COLUMNS = ("start", "meta-start", "meta/start")
END_COLUMNS = ("end", "meta-end", "meta/end")
SUBMITTED_COLUMNS = ("SubmissionDate", "_submission_time", "submissiondate")
# Columns of the tools themselves, read without complaint.
TOOL_COLUMNS = frozenset(
    {
        "submissiondate", "key", "parent_key", "submitterid", "submittername",
        "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "deviceid",
        "edits", "formversion", "instanceid", "start", "end", "today", "username",
        "simserial", "subscriberid", "phonenumber", "audit", "__version__",
    }
)  # fmt: skip
_YES = frozenset({"1", "true", "yes", "1.0"})
_NO = frozenset({"0", "false", "no", "0.0", ""})


class SubmissionImportError(NeutralitasError):
    """A data export does not fit its form; carries every problem (file, row, column)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        if len(problems) == 1:
            super().__init__(f"{source}: {problems[0]}; nothing was imported")
        else:
            body = "\n  ".join(problems)
            super().__init__(f"{source}: {len(problems)} problems, nothing was imported:\n  {body}")


@dataclass
class OdkImportResult:
    form_id: str
    version: str
    instrument_id: str
    site: str
    added: int  # sessions created
    skipped: int  # submissions imported before (same instanceID)
    answers: int
    warnings: list[str] = field(default_factory=list)


# ---- the form's shape -------------------------------------------------------------------


@dataclass
class _Scope:
    """The main table or one repeat: the questions answered on one row."""

    path: tuple[str, ...]  # repeat names from the top; () for the submission itself
    columns: dict[str, Question] = field(default_factory=dict)  # header form -> question
    repeats: list[str] = field(default_factory=list)  # repeats directly inside
    ignorable: set[str] = field(default_factory=set)  # group / repeat headers


def _scopes(instrument: Instrument) -> dict[tuple[str, ...], _Scope]:
    scopes = {(): _Scope(())}

    def headers(path: tuple[str, ...]) -> list[str]:
        out = []
        for start in range(len(path)):
            for sep in ("/", "-"):
                out.append(sep.join(path[start:]))
        return out

    def visit(nodes: tuple[Any, ...], repeat_path: tuple[str, ...], path: tuple[str, ...]) -> None:
        scope = scopes[repeat_path]
        for node in nodes:
            node_path = (*path, node.name)
            if isinstance(node, Group):
                scope.ignorable.update(headers(node_path))
                if node.repeat:
                    inner = (*repeat_path, node.name)
                    scopes[inner] = _Scope(inner)
                    scope.repeats.append(node.name)
                    visit(node.children, inner, node_path)
                else:
                    visit(node.children, repeat_path, node_path)
                continue
            for header in headers(node_path):
                scope.columns.setdefault(header, node)

    visit(instrument.children, (), ())
    # The exact name wins over a longer path that happens to end the same way.
    for scope in scopes.values():
        for header, question in list(scope.columns.items()):
            if question.name == header:
                scope.columns[header] = question
    return scopes


@dataclass
class _Column:
    kind: str  # value | split | other
    question: Question
    choice: str = ""


def _match_columns(
    table: DataTable, scope: _Scope, instrument: Instrument, unmatched: list[str]
) -> dict[str, _Column]:
    matched: dict[str, _Column] = {}
    for header in table.headers:
        if not header:
            continue
        question = scope.columns.get(header)
        if question is not None:
            matched.setdefault(header, _Column("value", question))
            continue
        split = _split_column(header, scope, instrument)
        if split is not None:
            matched[header] = split
            continue
        if header.endswith("_other"):
            base = scope.columns.get(header[: -len("_other")])
            if base is not None and base.other:
                matched[header] = _Column("other", base)
                continue
        if _is_tool_column(header) or header in scope.ignorable:
            continue
        unmatched.append(header)
    return matched


def _split_column(header: str, scope: _Scope, instrument: Instrument) -> _Column | None:
    """A 0/1 column of one choice of a select_multiple ("platform/facebook")."""
    for sep in ("/", "-", "."):
        if sep not in header:
            continue
        prefix, choice = header.rsplit(sep, 1)
        question = scope.columns.get(prefix)
        if question is None or question.type != "select_multiple":
            continue
        names = _choice_names(instrument, question)
        if choice in names:
            return _Column("split", question, choice)
    return None


def _is_tool_column(header: str) -> bool:
    lowered = header.lower()
    last = lowered.replace("-", "/").rsplit("/", 1)[-1]
    return (
        lowered.startswith(("_", "meta/", "meta-", "formhub/", "formhub-"))
        or lowered in TOOL_COLUMNS
        or last in TOOL_COLUMNS
    )


def _choice_names(instrument: Instrument, question: Question) -> list[str]:
    choices = instrument.choices_for(question)
    names = [c.name for c in choices.choices] if choices else []
    if question.other:
        names.append("other")
    return names


# ---- rows -------------------------------------------------------------------------------


@dataclass
class _Item:
    """One row: a submission (main table) or one item of a repeat."""

    table: DataTable
    number: int
    scope: _Scope
    row: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)  # question name -> stored value
    others: dict[str, str] = field(default_factory=dict)  # question name -> "other" text
    files: dict[str, str] = field(default_factory=dict)  # question name -> file name
    children: dict[str, list[_Item]] = field(default_factory=dict)
    instance_id: str = ""
    started: dt.datetime | None = None
    ended: dt.datetime | None = None


class _Reader:
    def __init__(self, instrument: Instrument, export: DataExport) -> None:
        self.instrument = instrument
        self.export = export
        self.scopes = _scopes(instrument)
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, table: DataTable, number: int, column: str | None, message: str) -> None:
        where = f"{table.source}, row {number}"
        if column:
            where += f", column {column}"
        self.problems.append(f"{where}: {message}")

    def read(self) -> list[_Item]:
        main = self.export.main
        tables: list[tuple[DataTable, _Scope]] = [(main, self.scopes[()])]
        for table in self.export.others:
            scope = self._scope_of(table)
            if scope is None:
                self.warnings.append(f"{table.source}: matches no repeat of the form; not imported")
                continue
            tables.append((table, scope))
        items_by_table: dict[str, list[_Item]] = {}
        for table, scope in tables:
            unmatched: list[str] = []
            columns = _match_columns(table, scope, self.instrument, unmatched)
            if unmatched:
                self.warnings.append(
                    f"{table.source}: columns that match no question of "
                    f"'{self.instrument.id}' are not imported: {', '.join(unmatched)}"
                )
            if not columns and table.rows:
                self.problems.append(
                    f"{table.source}: no column matches a question of '{self.instrument.id}' "
                    "(export with XML names as headers, not labels)"
                )
                continue
            items_by_table[table.source] = [
                self._item(table, scope, number, row, columns) for number, row in table.rows
            ]
        submissions = items_by_table.get(main.source, [])
        self._identify(submissions)
        self._join(items_by_table, tables)
        return submissions

    def _scope_of(self, table: DataTable) -> _Scope | None:
        name = table.name
        for path, scope in self.scopes.items():
            if not path:
                continue
            repeat = path[-1]
            if name in (repeat, repeat[:31]) or name.endswith(("-" + repeat, "_" + repeat)):
                return scope
        return None

    def _item(
        self,
        table: DataTable,
        scope: _Scope,
        number: int,
        row: dict[str, Any],
        columns: dict[str, _Column],
    ) -> _Item:
        item = _Item(table, number, scope, row)
        split: dict[str, list[str]] = {}
        for header, column in columns.items():
            raw = row.get(header)
            text = _cell_text(raw)
            question = column.question
            if column.kind == "other":
                if text:
                    item.others[question.name] = text
                continue
            if column.kind == "split":
                flag = text.lower()
                if flag in _YES:
                    split.setdefault(question.name, []).append(column.choice)
                elif flag not in _NO:
                    self.problem(table, number, header, f"'{text}' is not 0 or 1")
                continue
            if not text or question.type in ("note",):
                continue
            value, error = self._convert(question, raw, text)
            if error:
                self.problem(table, number, header, error)
            elif question.type in ("image", "file"):
                item.files[question.name] = value
            else:
                item.values[question.name] = value
        for name, chosen in split.items():
            if name not in item.values:
                question = next(c.question for c in columns.values() if c.question.name == name)
                order = _choice_names(self.instrument, question)
                item.values[name] = " ".join(sorted(chosen, key=order.index))
        return item

    def _convert(self, q: Question, raw: Any, text: str) -> tuple[str, str]:
        """(stored value, problem)."""
        kind = q.type
        if kind == "integer":
            try:
                number = float(text)
            except ValueError:
                return "", f"'{text}' is not a whole number"
            if not number.is_integer():
                return "", f"'{text}' is not a whole number"
            return str(int(number)), ""
        if kind in ("decimal", "range"):
            try:
                number = float(text)
            except ValueError:
                return "", f"'{text}' is not a number"
            return (str(int(number)) if number.is_integer() else repr(number)), ""
        if kind == "date":
            if isinstance(raw, dt.datetime | dt.date):
                return raw.isoformat()[:10], ""
            try:
                return dt.date.fromisoformat(text[:10]).isoformat(), ""
            except ValueError:
                return "", f"'{text}' is not a date (YYYY-MM-DD)"
        if kind == "time":
            if isinstance(raw, dt.time | dt.datetime):
                return raw.strftime("%H:%M"), ""
            if len(text) >= 5 and text[2] == ":" and text[:2].isdigit() and text[3:5].isdigit():
                return text[:5], ""
            return "", f"'{text}' is not a time (HH:MM)"
        if kind == "datetime":
            if isinstance(raw, dt.datetime):
                return raw.isoformat(), ""
            try:
                return dt.datetime.fromisoformat(text).isoformat(), ""
            except ValueError:
                return "", f"'{text}' is not a date and time (ISO 8601)"
        if kind in ("select_one", "likert", "yes_no_na", "consent", "select_multiple"):
            names = _choice_names(self.instrument, q)
            values = text.split() if kind == "select_multiple" else [text]
            wrong = [v for v in values if v not in names]
            if wrong:
                listed = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
                return "", f"'{' '.join(wrong)}' is not a choice of '{q.name}' ({listed})"
            return " ".join(values), ""
        return text, ""

    def _identify(self, submissions: list[_Item]) -> None:
        main = self.export.main
        column = next((c for c in INSTANCE_ID_COLUMNS if c in main.headers), None)
        if column is None and submissions:
            self.problems.append(
                f"{main.source}: no instanceID column (meta-instanceID, meta/instanceID, KEY "
                "or _uuid); without it a second import could not tell what is already here"
            )
            return
        seen: dict[str, int] = {}
        for item in submissions:
            row = item.row
            value = _cell_text(row.get(column))
            if not value:
                self.problem(main, item.number, column, "no instanceID")
                continue
            if column == "_uuid" and not value.startswith("uuid:"):
                value = f"uuid:{value}"
            if value in seen:
                self.problem(
                    main, item.number, column, f"instanceID {value} is also on row {seen[value]}"
                )
                continue
            seen[value] = item.number
            item.instance_id = value
            item.started = _time_of(row, START_COLUMNS) or _time_of(row, SUBMITTED_COLUMNS)
            item.ended = _time_of(row, END_COLUMNS) or _time_of(row, SUBMITTED_COLUMNS)

    def _join(
        self, items_by_table: dict[str, list[_Item]], tables: list[tuple[DataTable, _Scope]]
    ) -> None:
        """Attach repeat rows to their parent: KEY / PARENT_KEY (ODK) or _index /
        _parent_index / _parent_table_name (KoboToolbox)."""
        by_key: dict[str, _Item] = {}
        by_index: dict[tuple[str, str], _Item] = {}
        main = self.export.main
        for table, _scope in tables:
            for item in items_by_table.get(table.source, []):
                row = item.row
                key = _cell_text(row.get("KEY"))
                if key:
                    by_key[key] = item
                index = _cell_text(row.get("_index"))
                if index:
                    by_index[(table.name, index)] = item
        for table, scope in tables[1:]:
            for item in items_by_table.get(table.source, []):
                row = item.row
                parent = None
                if "PARENT_KEY" in table.headers:
                    ref = _cell_text(row.get("PARENT_KEY"))
                    parent = by_key.get(ref)
                    what = f"PARENT_KEY '{ref}'"
                elif "_parent_index" in table.headers:
                    ref = _cell_text(row.get("_parent_index"))
                    parent_table = _cell_text(row.get("_parent_table_name"))
                    names = {t.name for t, _ in tables[1:]}
                    owner = parent_table if parent_table in names else main.name
                    parent = by_index.get((owner, ref))
                    what = f"_parent_index {ref} of {owner}"
                else:
                    self.problem(
                        table,
                        item.number,
                        None,
                        "no PARENT_KEY or _parent_index column to join the row to its submission",
                    )
                    continue
                if parent is None:
                    self.problem(table, item.number, None, f"{what} matches no row")
                    continue
                if scope.path[:-1] != parent.scope.path:
                    self.problem(
                        table, item.number, None, f"{what} is not a row of the enclosing repeat"
                    )
                    continue
                parent.children.setdefault(scope.path[-1], []).append(item)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _time_of(row: dict[str, Any], columns: tuple[str, ...]) -> dt.datetime | None:
    for column in columns:
        value = row.get(column)
        if value in (None, ""):
            continue
        if isinstance(value, dt.datetime):
            moment = value
        else:
            try:
                moment = dt.datetime.fromisoformat(str(value).strip())
            except ValueError:
                continue
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment
    return None


# ---- storing ------------------------------------------------------------------------------


def import_odk_submissions(
    db: Database,
    actor: Actor,
    form: str,
    data: Path | str,
    *,
    site: str,
    source_role: str | None = None,
    version: str | None = None,
) -> OdkImportResult:
    """Import an ODK Central / Briefcase / KoboToolbox export of ``form`` into ``site``."""
    path = Path(data)
    instrument_id, instrument = get_instrument(db, form, version)
    repeat_names = [path_[-1] for path_ in _scopes(instrument) if path_]
    export = read_export(path, repeat_names)
    reader = _Reader(instrument, export)
    submissions = reader.read()
    if reader.problems:
        raise SubmissionImportError(str(path), reader.problems)
    warnings = list(reader.warnings)
    with db.session() as session:
        role = _check_role(session, instrument, source_role)
        site_id = find_or_create_site(session, actor, site)
        known = set(
            session.scalars(
                select(FieldSession.external_id).where(
                    FieldSession.external_id.in_([s.instance_id for s in submissions])
                )
            )
        )
        writer = _Writer(session, actor, instrument, export, warnings)
        added = 0
        for submission in submissions:
            if submission.instance_id in known:
                continue
            informant_id = None
            if role:
                informant_id = create_informant(
                    session,
                    actor,
                    role=role,
                    site_id=site_id,
                    code_prefix="ODK",
                    notes=f"imported with submission {submission.instance_id}",
                )
            session_id = start_session(
                session,
                actor,
                instrument_id=instrument_id,
                site_id=site_id,
                informant_id=informant_id,
                language=instrument.default_language,
                started_at=submission.started,
                external_id=submission.instance_id,
            )
            change_status(  # the import as a whole is audited below
                session,
                actor,
                session_id,
                SessionStatus.COMPLETED,
                ended_at=submission.ended or submission.started,
                audited=False,
            )
            writer.add(session_id, submission, "", submission.instance_id)
            added += 1
        writer.flush()
        if added:
            audit.record(
                session,
                actor,
                "sessions.imported",
                "instrument",
                instrument_id,
                file=path.name,
                sessions=added,
            )
    return OdkImportResult(
        form_id=instrument.id,
        version=instrument.version,
        instrument_id=instrument_id,
        site=site,
        added=added,
        skipped=len(submissions) - added,
        answers=writer.count,
        warnings=warnings,
    )


def _check_role(session: Session, instrument: Instrument, source_role: str | None) -> str:
    """Interviews need an informant: one is made per submission with this role."""
    if instrument.source_type != "interview":
        return ""
    roles = list(session.scalars(select(InformantRole.code).order_by(InformantRole.sort)))
    if not source_role:
        raise NeutralitasError(
            f"'{instrument.id}' is an interview guide: give the informants' role with "
            f"--source-role ({', '.join(roles)})"
        )
    if source_role not in roles:
        raise NeutralitasError(
            f"unknown informant role '{source_role}' (the study has: {', '.join(roles)})"
        )
    return source_role


class _Writer:
    """Answer rows (with their first revision) and attachments, inserted in bulk."""

    def __init__(
        self,
        session: Session,
        actor: Actor,
        instrument: Instrument,
        export: DataExport,
        warnings: list[str],
    ) -> None:
        self.session = session
        self.actor = actor
        self.export = export
        self.warnings = warnings
        self.answers: list[dict[str, Any]] = []
        self.revisions: list[dict[str, Any]] = []
        self.stored_files: dict[str, str] = {}
        self.count = 0
        self.now = utcnow()

    def put(self, session_id: str, key: str, value: str) -> None:
        aid = answer_id(session_id, key)
        rid = new_id()
        self.answers.append(
            {
                "id": aid,
                "session_id": session_id,
                "key": key,
                "question": question_of(key),
                "value": value,
                "note": "",
                "current_revision_id": rid,
                "revision_count": 1,
                "has_conflict": False,
                "relevant": True,
                "updated_at": self.now,
                "device_id": self.actor.device_id,
            }
        )
        self.revisions.append(
            {
                "id": rid,
                "answer_id": aid,
                "parent_id": None,
                "value": value,
                "note": "",
                "created_at": self.now,
                "device_id": self.actor.device_id,
                "researcher_id": self.actor.researcher_id,
            }
        )
        self.count += 1

    def add(self, session_id: str, item: _Item, prefix: str, seed: str) -> None:
        """Answers of one row; repeat items get keys derived from the submission, so the
        same submission always gives the same answer keys."""
        for name, value in item.values.items():
            self.put(session_id, prefix + name, value)
        for name, text in item.others.items():
            self.put(session_id, f"{prefix}{name}_other", text)
        for name, filename in item.files.items():
            sha = self.attachment(filename, item)
            if sha:
                self.put(session_id, prefix + name, sha)
        for repeat in item.scope.repeats:
            children = item.children.get(repeat, [])
            if not children:
                continue
            keys = []
            for position, child in enumerate(children, 1):
                child_seed = f"{seed}|{repeat}|{position}"
                keys.append(hashlib.sha256(child_seed.encode()).hexdigest()[:8])
                self.add(session_id, child, f"{prefix}{repeat}[{keys[-1]}]/", child_seed)
            self.put(session_id, prefix + repeat, " ".join(keys))

    def attachment(self, filename: str, item: _Item) -> str:
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
        if self.answers:
            self.session.execute(insert(Answer.__table__), self.answers)
            self.session.execute(insert(AnswerRevision.__table__), self.revisions)

"""Reading an export's rows into submissions: values checked against the form, repeat
rows joined to their parent, and each submission's identity and review state.

A submission keeps one identity across edits: ODK Central's ``KEY`` (the first
instanceID; an edit gets a new ``meta-instanceID`` and names the one it replaces in
``meta-deprecatedID``) and KoboToolbox's ``_uuid`` / ``meta/rootUuid``. Rows of one
export linked by ``deprecatedID`` are one submission, applied oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from openpyxl.utils.cell import get_column_letter

from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.interop.odk_form_shape import (
    Column,
    Scope,
    geopoint_text,
    match_columns,
    scope_of_table,
    scopes_of,
)
from neutralitas_desktop.interop.odk_tables import DataExport, DataTable
from neutralitas_desktop.interop.odk_values import (
    briefcase_moment,
    cell_text,
    choice_names,
    convert,
    time_of,
)
from neutralitas_desktop.vocabulary import SessionStatus

START_COLUMNS = ("start", "meta-start", "meta/start")
END_COLUMNS = ("end", "meta-end", "meta/end")
SUBMITTED_COLUMNS = ("SubmissionDate", "_submission_time", "submissiondate")
INSTANCE_COLUMNS = ("meta-instanceID", "meta/instanceID", "instanceID")
DEPRECATED_COLUMNS = ("meta-deprecatedID", "meta/deprecatedID", "deprecatedID")
ROOT_COLUMNS = ("KEY", "meta/rootUuid", "meta-rootUuid", "_uuid")
REVIEW_COLUMNS = ("ReviewState", "_validation_status")
_YES = frozenset({"1", "true", "yes", "1.0"})
_NO = frozenset({"0", "false", "no", "0.0", ""})
S = SessionStatus
# ODK Central's ReviewState and KoboToolbox's validation status -> (status, comment).
REVIEW_STATES: dict[str, tuple[SessionStatus, str]] = {
    "approved": (S.APPROVED, ""),
    "hasissues": (S.RETURNED, "ODK Central review: has issues"),
    "rejected": (S.RETURNED, "ODK Central review: rejected"),
    "validation_status_approved": (S.APPROVED, ""),
    "validation_status_not_approved": (S.RETURNED, "KoboToolbox validation: not approved"),
    "not approved": (S.RETURNED, "KoboToolbox validation: not approved"),
    "validation_status_on_hold": (S.COMPLETED, "KoboToolbox validation: on hold"),
    "on hold": (S.COMPLETED, "KoboToolbox validation: on hold"),
}


def _id(column: str, cell: Any) -> str:
    """An id as the XML has it: KoboToolbox's _uuid and rootUuid lack the ``uuid:``."""
    value = cell_text(cell)
    if column in ("_uuid", "meta/rootUuid", "meta-rootUuid") and value:
        return value if value.startswith("uuid:") else f"uuid:{value}"
    return value


@dataclass
class Item:
    """One row: a submission (main table) or one item of a repeat."""

    table: DataTable
    number: int
    scope: Scope
    row: dict[str, Any]
    values: dict[str, str] = field(default_factory=dict)  # question name -> stored value
    others: dict[str, str] = field(default_factory=dict)  # question name -> "other" text
    files: dict[str, str] = field(default_factory=dict)  # question name -> file name
    children: dict[str, list[Item]] = field(default_factory=dict)
    instance_id: str = ""  # the submission's lasting identity (KEY, _uuid, instanceID)
    aliases: tuple[str, ...] = ()  # every id it is known by (instanceID, deprecatedID, …)
    edit_of: Item | None = None  # the row of this export it replaces
    review: tuple[SessionStatus, str] | None = None  # (status, comment) from the tool's review
    started: dt.datetime | None = None
    ended: dt.datetime | None = None


class Reader:
    def __init__(self, instrument: Instrument, export: DataExport) -> None:
        self.instrument = instrument
        self.export = export
        self.scopes = scopes_of(instrument)
        self.problems: list[str] = []
        self.warnings: list[str] = list(export.notes)
        self._zoneless = False  # a Briefcase time without zone was pointed out

    def problem(self, table: DataTable, number: int, column: str | None, message: str) -> None:
        where = f"{table.source}, row {number}"
        if column:
            where += f", column {column}"
        self.problems.append(f"{where}: {message}")

    def read(self) -> list[Item]:
        """The submissions, each edit after the row it replaces."""
        main = self.export.main
        tables: list[tuple[DataTable, Scope]] = [(main, self.scopes[()])]
        for table in self.export.others:
            scope, problem = scope_of_table(table.name, self.scopes, table.headers)
            if scope is None:
                if problem:
                    self.problems.append(f"{table.source}: {problem}")
                elif table.rows:
                    self.warnings.append(
                        f"{table.source}: matches no repeat of the form; not imported"
                    )
                continue
            tables.append((table, scope))
        self._missing_repeats(tables)
        items_by_table: dict[str, list[Item]] = {}
        for table, scope in tables:
            unmatched: list[str] = []
            columns = match_columns(table, scope, self.instrument, unmatched)
            if unmatched:
                self.warnings.append(
                    f"{table.source}: columns that match no question of "
                    f"'{self.instrument.id}' are not imported: {', '.join(unmatched)}"
                )
            self._twice(table, columns)
            if not columns and unmatched and table.rows:
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
        return _edits_last(submissions)

    def _twice(self, table: DataTable, columns: dict[str, Column]) -> None:
        """A question's header on two columns: which one holds the answer cannot be told
        (a row keeps one value per header), so the table is refused, naming both."""
        for header in columns:
            places = [get_column_letter(i + 1) for i, h in enumerate(table.headers) if h == header]
            if len(places) > 1:
                self.problems.append(
                    f"{table.source}: columns {' and '.join(places)} both have the header "
                    f"'{header}'; delete or rename one of them"
                )

    def _missing_repeats(self, tables: list[tuple[DataTable, Scope]]) -> None:
        """A CSV holds no repeat: say which repeats were left out, never drop them quietly."""
        if not self.export.main.rows:
            return
        present = {scope.path for _, scope in tables}
        missing = [path[-1] for path in self.scopes if path and path not in present]
        if missing and self.export.kind == "csv":
            self.warnings.append(
                f"{self.export.main.source}: this CSV export holds no data of the repeats "
                f"{', '.join(missing)}; their answers were not imported (use ODK Central's "
                "zip with the repeat files, or KoboToolbox's .xlsx export)"
            )

    def _item(
        self,
        table: DataTable,
        scope: Scope,
        number: int,
        row: dict[str, Any],
        columns: dict[str, Column],
    ) -> Item:
        item = Item(table, number, scope, row)
        split: dict[str, list[str]] = {}
        geo: dict[str, dict[str, str]] = {}
        for header, column in columns.items():
            raw = row.get(header)
            text = cell_text(raw)
            question = column.question
            if column.kind == "other":
                if text:
                    item.others[question.name] = text
                continue
            if column.kind == "geo":
                geo.setdefault(question.name, {})[column.choice] = text
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
            value, error = convert(self.instrument, question, raw, text)
            if error:
                self.problem(table, number, header, error)
            elif question.type in ("image", "file"):
                # Briefcase writes "media/1524644764247.jpg"; the file is in the media folder
                item.files[question.name] = PurePosixPath(value.replace("\\", "/")).name
            else:
                item.values[question.name] = value
        for name, parts in geo.items():
            point = geopoint_text(parts)
            if point and name not in item.values:
                item.values[name] = point
        for name, chosen in split.items():
            if name not in item.values:
                question = next(c.question for c in columns.values() if c.question.name == name)
                order = choice_names(self.instrument, question)
                item.values[name] = " ".join(sorted(chosen, key=order.index))
        return item

    def _identify(self, submissions: list[Item]) -> None:
        main = self.export.main
        heads = [c for c in (*ROOT_COLUMNS, *INSTANCE_COLUMNS) if c in main.headers]
        if not heads and submissions:
            self.problems.append(
                f"{main.source}: no instanceID column (meta-instanceID, meta/instanceID, KEY "
                "or _uuid); without it a second import could not tell what is already here"
            )
            return
        seen: dict[str, int] = {}
        by_instance: dict[str, Item] = {}
        for item in submissions:
            row = item.row
            ids = {c: _id(c, row.get(c)) for c in (*heads, *DEPRECATED_COLUMNS)}
            value = next((ids[c] for c in heads if ids[c]), "")
            if not value:
                self.problem(main, item.number, heads[0], "no instanceID")
                continue
            status = cell_text(row.get("Status")) if "KEY" in main.headers else ""
            if status:
                self.problem(
                    main,
                    item.number,
                    "Status",
                    f"the answers of submission {value} are not in the export ({status}: an "
                    "encrypted form's data is exported by ODK Central with its passphrase)",
                )
                continue
            again = next(((c, ids[c]) for c in heads if ids[c] in seen), None)
            if again is not None:
                column, twice = again
                self.problem(
                    main, item.number, column, f"instanceID {twice} is also on row {seen[twice]}"
                )
                continue
            for column in heads:
                if ids[column]:
                    seen[ids[column]] = item.number
            item.instance_id = value
            item.aliases = tuple(dict.fromkeys(v for v in ids.values() if v))
            for column in INSTANCE_COLUMNS:
                if ids.get(column):
                    by_instance[ids[column]] = item
            state = next((cell_text(row.get(c)) for c in REVIEW_COLUMNS if row.get(c)), "")
            item.review = REVIEW_STATES.get(state.lower())
            item.started = time_of(row, START_COLUMNS) or time_of(row, SUBMITTED_COLUMNS)
            item.ended = time_of(row, END_COLUMNS) or time_of(row, SUBMITTED_COLUMNS)
            self._zoneless_times(row)
        for item in submissions:
            deprecated = next(
                (_id(c, item.row.get(c)) for c in DEPRECATED_COLUMNS if item.row.get(c)),
                "",
            )
            older = by_instance.get(deprecated)
            if older is not None and older is not item:
                item.edit_of = older

    def _zoneless_times(self, row: dict[str, Any]) -> None:
        """Briefcase writes times in the zone of the computer that exported them, and does
        not say which: said once, as session times are read as UTC."""
        if self._zoneless:
            return
        for column in (*START_COLUMNS, *END_COLUMNS, *SUBMITTED_COLUMNS):
            text = cell_text(row.get(column))
            found = briefcase_moment(text) if text else None
            if found is not None and found[1] is not None:
                self._zoneless = True
                self.warnings.append(
                    f"{self.export.main.source}: times such as '{text}' (column {column}) carry "
                    "no time zone (ODK Briefcase writes the exporting computer's); session "
                    "start and end are read as UTC"
                )
                return

    def _join(
        self, items_by_table: dict[str, list[Item]], tables: list[tuple[DataTable, Scope]]
    ) -> None:
        """Attach repeat rows to their parent: KEY / PARENT_KEY (ODK) or _index /
        _parent_index / _parent_table_name (KoboToolbox, whose sheet names may be cut)."""
        by_key: dict[str, Item] = {}
        by_index: dict[tuple[str, str], Item] = {}
        for table, scope in tables:
            owner = scope.path[-1] if scope.path else ""
            for item in items_by_table.get(table.source, []):
                row = item.row
                key = cell_text(row.get("KEY"))
                if key:
                    by_key[key] = item
                index = cell_text(row.get("_index"))
                if index:
                    by_index[(owner, index)] = item
        repeats = {scope.path[-1] for _, scope in tables[1:]}
        for table, scope in tables[1:]:
            for item in items_by_table.get(table.source, []):
                row = item.row
                parent = None
                if "PARENT_KEY" in table.headers:
                    ref = cell_text(row.get("PARENT_KEY"))
                    parent = by_key.get(ref)
                    what = f"PARENT_KEY '{ref}'"
                elif "_parent_index" in table.headers:
                    ref = cell_text(row.get("_parent_index"))
                    parent_table = cell_text(row.get("_parent_table_name"))
                    owner = parent_table if parent_table in repeats else ""
                    if not owner and len(scope.path) > 1:
                        owner = scope.path[-2]  # no (or a cut) parent table name
                    parent = by_index.get((owner, ref))
                    what = f"_parent_index {ref} of {owner or self.export.main.name}"
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


def _edits_last(submissions: list[Item]) -> list[Item]:
    """Each row after the row it replaces (an edit chain in one export)."""

    def depth(item: Item) -> int:
        n, seen = 0, {id(item)}
        while item.edit_of is not None and id(item.edit_of) not in seen:
            item = item.edit_of
            seen.add(id(item))
            n += 1
        return n

    return sorted((s for s in submissions if s.instance_id), key=depth)


def root_of(item: Item) -> Item:
    seen = {id(item)}
    while item.edit_of is not None and id(item.edit_of) not in seen:
        item = item.edit_of
        seen.add(id(item))
    return item

"""What a researcher's package may say: only what its own device wrote, within its rights.

Every row a package would add or change must be written by the package's signing device,
and that device may not change study-wide things (settings, roles, instruments, review
decisions, identities), nor rows another device owns (its informants, its sessions, its
themes). A row of another device that the study already has at that or a later state is
context (the laptop got it from the hand-out or a return package) and is left alone. The
first violations refuse the whole package, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, text

from neutralitas_desktop.exchange import rewrites
from neutralitas_desktop.exchange.dialect import chunks, quote
from neutralitas_desktop.exchange.errors import AuthorshipError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.rewrites import changed
from neutralitas_desktop.exchange.staging import Staging, keep_study_copy, leave_out
from neutralitas_desktop.exchange.tables import table
from neutralitas_desktop.vocabulary import SessionStatus

SHOWN = 3  # violations named in the message
REVIEW_STATUSES = (SessionStatus.APPROVED.value, SessionStatus.RETURNED.value)
# Only the supervisor's key changes these (any new or changed row is refused).
SUPERVISOR_ONLY = {
    "study": "study settings",
    "informant_role": "informant roles",
    "id_alias": "merged sites and themes",
    "instrument": "instruments",
    "question_stance": "instruments",
    "agreement_resolution": "resolved coder disagreements",
}
# What a coder's laptop may change in a double-coding assignment: that its coder is done.
CODER_MAY_CHANGE = {"done", "done_at", "updated_at", "device_id", "device_seq"}
# Who wrote a row and when: a copy that differs only there says nothing new.
STAMPS = {"created_at", "updated_at", "device_id", "device_seq"}
# Columns a merge itself rewrites in place (making informant codes unique), keeping the
# writer's stamp: a laptop's older copy differs there and nowhere else.
MERGE_REWRITES = {"code", "external_id"}
# Analysis rows a laptop may add, and change only while it was the last to write them.
ANALYSIS_OWNED = {
    "incident": "incident",
    "evidence_line": "line of evidence",
    "member_check": "member check",
    "legal_material": "legal material",
    "element_test": "element test",
}
# Fieldwork tables whose new rows are checked (immutable rows, and new sessions and answers).
FIELDWORK = (
    "field_session",
    "answer",
    "coding",
    "answer_revision",
    "attachment",
    "audit_event",
    "row_version",
)
# Tables edited in place and carried whole: compared row by row with the study's copy.
COMPARED = (
    "study",
    "device",
    "researcher",
    "informant_role",
    "id_alias",
    "site",
    "theme",
    "informant",
    "informant_identity",
    "finding",
    "review_comment",
    "agreement_assignment",
    "agreement_resolution",
    "incident",
    "evidence_line",
    "member_check",
    "legal_material",
    "element_test",
)


class _Check:
    def __init__(
        self,
        con: Connection,
        src: Staging,
        manifest: Manifest,
        known: dict[str, int],
        own: str,
    ) -> None:
        self.con, self.src, self.manifest, self.known = con, src, manifest, known
        self.device = manifest.device_id
        self.own = own
        self.found: list[str] = []
        # Rows left out of this merge, per table: new rows dropped from the staged package,
        # rows the study has shown to the merge as the study's own copy.
        self.drop: dict[str, list[Any]] = {}
        self.keep: dict[str, list[Any]] = {}

    def leave(self, name: str, key: Any, old: dict[str, Any] | None) -> None:
        (self.drop if old is None else self.keep).setdefault(name, []).append(key)

    def add(self, what: str) -> None:
        self.found.append(what)

    # --- tables edited in place -------------------------------------------------------
    def compared(self, name: str) -> None:
        # Rows as stored (no JSON decoding): the package's and the study's copies of a row
        # are written the same way, so equal rows compare equal cheaply.
        pk = [c.name for c in table(name).primary_key.columns]
        incoming = [
            dict(r)
            for r in self.con.execute(text(f"SELECT * FROM {self.src.name(name)}")).mappings()
        ]
        if not incoming:
            return
        current = {_key(r, pk): dict(r) for r in self._current(name, pk, incoming)}
        for row in incoming:
            key = _key(row, pk)
            old = current.get(key)
            if old is not None and (old == row or not changed(row, old)):
                continue
            label = f"{name} {str(key)[:8]}"
            author = row.get("device_id")
            if "device_seq" in row and author != self.device:
                self.other(name, key, label, row, old)
                continue
            if (
                old is not None
                and "device_seq" in row
                and row["device_seq"] <= self.known.get(self.device, 0)
            ):
                self.leave(name, key, old)  # a state of its own the study already had
                continue
            if name in SUPERVISOR_ONLY:
                self.add(f"{label}: {SUPERVISOR_ONLY[name]} change only with the supervisor's key")
                continue
            if "device_seq" in row and row["device_seq"] > self.manifest.device_seq:
                self.add(f"{label}: numbered after its own package")
            self.owned(name, key, label, row, old)

    def _current(self, name: str, pk: list[str], incoming: list[dict[str, Any]]) -> list[Any]:
        """The study's copies of the incoming rows (by key; whole small tables otherwise)."""
        if len(pk) != 1:
            return list(self.con.execute(text(f"SELECT * FROM {name}")).mappings())
        found: list[Any] = []
        column = quote(self.con, pk[0])
        for batch in chunks(sorted({r[pk[0]] for r in incoming})):
            found += self.con.execute(
                text(f"SELECT * FROM {name} WHERE {column} IN :keys").bindparams(
                    bindparam("keys", expanding=True)
                ),
                {"keys": batch},
            ).mappings()
        return found

    def other(self, name: str, key: Any, label: str, row: Any, old: dict[str, Any] | None) -> None:
        """A row of another device: refused when the study knows better (its own rows, an
        altered copy of a write, a write of that device the study never got from it);
        otherwise left out of this merge (a stale copy, or one relayed from a laptop whose
        own package will bring it)."""
        author, seq = str(row["device_id"]), int(row["device_seq"])
        if old is not None and (old.get("device_id"), old.get("device_seq")) == (author, seq):
            if changed(row, old) - MERGE_REWRITES:
                self.add(f"{label}: altered copy of a row of device {author[:8]}")
                return
        elif old is None and (author == self.own or author not in self.known):
            self.add(f"{label}: written by another device ({author[:8]})")
            return
        elif old is not None and author not in self.known and seq > 0:
            self.add(f"{label}: written by a device this study does not know ({author[:8]})")
            return
        elif author == self.own and seq > self.known[author]:
            self.add(f"{label}: numbered after anything device {author[:8]} wrote")
            return
        elif old is None and seq <= self.known[author]:
            self.add(f"{label}: a row of device {author[:8]} it never sent itself")
            return
        # Relayed (its author's own package brings it), or an older state the study had.
        self.leave(name, key, old)

    def owned(
        self, name: str, key: Any, label: str, row: dict[str, Any], old: dict[str, Any] | None
    ) -> None:
        d = self.device
        if name == "device" and row["id"] != d:
            self.add(f"{label}: another device's record")
        elif name == "researcher":
            if old is None and row.get("role") != "researcher":
                self.add(f"{label}: a new researcher with role '{row.get('role')}'")
            elif old is not None and not (changed(row, old) - STAMPS):
                self.leave(name, key, old)  # the same researcher, recorded on another laptop first
            elif old is not None and (old["device_id"] != d or old["role"] != row["role"]):
                self.add(f"{label}: renames or changes another device's researcher")
        elif name in ("theme", "informant"):
            if old is not None and old["origin_device_id"] != d:
                if name == "theme" and row["origin_device_id"] == d:
                    self.leave(name, key, old)  # the same code proposed on another laptop first
                else:
                    self.add(f"{label}: edits another device's {name}")
            elif row["origin_device_id"] != d:
                self.add(f"{label}: claims another device made it")
            elif name == "theme" and old is not None and old["status"] != "proposed":
                self.add(f"{label}: edits a theme the supervisor accepted")
            elif name == "theme" and row["status"] != "proposed":
                self.add(f"{label}: a theme only the supervisor accepts")
        elif name == "agreement_assignment":
            if old is None:
                self.add(f"{label}: double-coding assignment only with the supervisor's key")
            elif changed(row, old) - CODER_MAY_CHANGE:
                self.add(f"{label}: changes a double-coding assignment")
            elif self._researcher_device(row["coder_id"]) != d:
                self.add(f"{label}: marks another device's coder done")
        elif name in ANALYSIS_OWNED and old is not None and old["device_id"] != d:
            self.add(f"{label}: edits another device's {ANALYSIS_OWNED[name]}")
        elif name == "informant_identity" and old is not None:
            self.add(f"{label}: identity change only with the supervisor's key")
        elif name == "informant_identity":
            owner = self._owner("informant", row["informant_id"])
            if owner != d:
                self.add(f"{label}: identity of an informant another device made")
        elif name == "review_comment":
            if old is None:
                self.add(f"{label}: review comment only with the supervisor's key")
            elif changed(row, old) - {
                "resolved",
                "updated_at",
                "device_id",
                "device_seq",
            }:
                self.add(f"{label}: changes the supervisor's review comment")

    def _researcher_device(self, researcher_id: str) -> str | None:
        found = self.con.execute(
            text("SELECT device_id FROM researcher WHERE id = :i"), {"i": researcher_id}
        ).scalar()
        return None if found is None else str(found)

    def _owner(self, name: str, row_id: str | None) -> str | None:
        """The device that made a session or informant (the study's copy, else the package's)."""
        if row_id is None:
            return None
        sql = "SELECT origin_device_id FROM {} WHERE id = :i"
        for source in (name, self.src.name(name)):
            found = self.con.execute(text(sql.format(source)), {"i": row_id}).scalar()
            if found is not None:
                return str(found)
        return None

    # --- rows the study has that a merge still writes over ------------------------------
    def rewritten(self) -> None:
        """Existing rows the package would still change: by their writer's rights."""
        for row, _old in rewrites.earlier_makers(self.con, self.src, "instrument"):
            self.add(f"instrument {row['id'][:8]}: {SUPERVISOR_ONLY['instrument']} change only "
                     "with the supervisor's key")  # fmt: skip
        for row, old in rewrites.earlier_makers(self.con, self.src, "attachment"):
            if row["device_id"] != self.device:
                self.other("attachment", row["sha256"], f"attachment {row['sha256'][:8]}", row, old)
        for revision in rewrites.new_parents(self.con, self.src):
            self.add(f"revision_parent {revision[:8]}: rewrites the history of a revision")

    def _new_row(self, name: str, key: str, row: Any) -> None:
        label = f"{name} {str(row[key])[:8]}"
        if row["device_id"] != self.device:
            self.other(name, row[key], label, row, None)
        else:
            self.add(f"{label}: numbered after its own package")

    def relevance(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Of the answers the study has whose flag the package would overwrite, those it
        may (another device's are left for its own package); the rest are violations."""
        for row in rows:
            label = f"answer {row['id'][:8]}"
            if row["device_id"] != self.device:
                old = {"device_id": row["old_device_id"], "device_seq": row["old_device_seq"]}
                self.other("answer", row["id"], label, row, old)
            elif row["device_seq"] > self.manifest.device_seq:
                self.add(f"{label}: numbered after its own package")
            elif row["relevant"] != row["old_relevant"] and self._approved_elsewhere(
                row["session_id"]
            ):
                self.add(f"{label}: edits an answer in another researcher's approved session")
        left = set(self.keep.get("answer", ()))
        return [row for row in rows if row["id"] not in left]

    def _approved_elsewhere(self, session_id: str) -> bool:
        sql = "SELECT status, origin_device_id FROM field_session WHERE id = :i"
        found = self.con.execute(text(sql), {"i": session_id}).first()
        return found is not None and found[0] == "approved" and found[1] != self.device

    # --- fieldwork the study lacks (set-based: packages hold hundreds of thousands) ----
    def _new(self, name: str, key: str, where: str, columns: str = "s.*", **params: Any) -> Any:
        sql = (
            f"SELECT {columns} FROM {self.src.name(name)} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM {name} m WHERE m.{key} = s.{key}) AND {where}"
        )
        return self.con.execute(text(sql), {"d": self.device, **params}).mappings()

    def instruments(self) -> None:
        """Instruments are immutable: a new one (or a new stance of one) is study-wide."""
        for name, keys in (
            ("instrument", ("id",)),
            ("question_stance", ("instrument_id", "question", "value")),
        ):
            match = " AND ".join(f"m.{quote(self.con, k)} = s.{quote(self.con, k)}" for k in keys)
            rows = self.con.execute(
                text(
                    f"SELECT s.{keys[0]} FROM {self.src.name(name)} s WHERE NOT EXISTS "
                    f"(SELECT 1 FROM {name} m WHERE {match}) LIMIT 1"
                )
            ).all()
            for (key,) in rows:
                self.add(
                    f"{name} {str(key)[:8]}: instruments change only with the supervisor's key"
                )

    def fieldwork(self) -> None:
        top = self.manifest.device_seq
        for name in FIELDWORK:
            key = "sha256" if name == "attachment" else "id"
            for row in self._new(name, key, f"(s.device_id <> :d OR s.device_seq > {int(top)})"):
                self._new_row(name, key, row)
        last = self.known.get(self.device, 0)
        for row in self._new(
            "audit_event", "id", f"s.device_id = :d AND s.device_seq <= {int(last)}"
        ):
            self.add(f"audit_event {row['id'][:8]}: back-dated (before this device's last package)")
        for row in self._new(
            "field_session",
            "id",
            "s.device_id = :d AND (s.origin_device_id <> :d "
            f"OR s.status IN ('{REVIEW_STATUSES[0]}', '{REVIEW_STATUSES[1]}'))",
        ):
            label = f"field_session {row['id'][:8]}"
            if row["origin_device_id"] != self.device:
                self.add(f"{label}: claims another device made it")
            else:
                self.add(f"{label}: arrives {row['status']} (a review decision)")
        self._approved_sessions()
        self._review_decisions()

    def _approved_sessions(self) -> None:
        """New answer revisions in another researcher's session that the study approved."""
        approved = self.con.execute(
            text(
                "SELECT 1 FROM field_session WHERE status = 'approved' "
                "AND origin_device_id <> :d LIMIT 1"
            ),
            {"d": self.device},
        ).first()
        if approved is None:
            return
        for answers in ("answer", self.src.name("answer")):
            rows = self._new(
                "answer_revision",
                "id",
                f"s.device_id = :d AND EXISTS (SELECT 1 FROM {answers} a "
                "JOIN field_session f ON f.id = a.session_id WHERE a.id = s.answer_id "
                "AND f.status = 'approved' AND f.origin_device_id <> :d) LIMIT 3",
                "s.id",
            )
            for row in rows:
                self.add(
                    f"answer_revision {row['id'][:8]}: edits an answer in another "
                    "researcher's approved session"
                )

    def _review_decisions(self) -> None:
        """Session versions that approve or return a session (the supervisor's decisions),
        or that change another device's session the study approved or refuse it (final)."""
        made_elsewhere = " OR ".join(
            f"EXISTS (SELECT 1 FROM {f} f WHERE f.id = s.row_id AND f.origin_device_id <> :d)"
            for f in ("field_session", self.src.name("field_session"))
        )
        where = f"s.device_id = :d AND s.entity = 'field_session' AND ({made_elsewhere})"
        approved = "SELECT 1 FROM field_session WHERE id = :i AND status = 'approved'"
        for row in self._new("row_version", "id", where, "s.id, s.row_id, s.state"):
            label = f"row_version {row['id'][:8]}"
            if self.con.execute(text(approved), {"i": row["row_id"]}).first() is not None:
                self.add(f"{label}: changes another researcher's approved session")
            elif (_json(row["state"]) or {}).get("status") == SessionStatus.REFUSED.value:
                self.add(f"{label}: refuses another device's session")
        rows = self._new(
            "row_version",
            "id",
            "s.device_id = :d AND s.entity = 'field_session'",
            "s.id, s.state, s.parents",
        )
        for row in rows:
            state, parents = (_json(row["state"]) or {}), (_json(row["parents"]) or [])
            status = state.get("status")
            if status in REVIEW_STATUSES and not any(
                self._version_status(p) == status for p in parents
            ):
                self.add(f"row_version {row['id'][:8]}: a review decision ({status})")

    def _version_status(self, version_id: str) -> str | None:
        for source in ("row_version", self.src.name("row_version")):
            state = self.con.execute(
                text(f"SELECT state FROM {source} WHERE id = :i"), {"i": version_id}
            ).scalar()
            if state is not None:
                return str(_json(state).get("status"))
        return None


def _key(row: Any, pk: list[str]) -> Any:
    return row[pk[0]] if len(pk) == 1 else tuple(row[c] for c in pk)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def check_authorship(
    con: Connection,
    src: Staging,
    path: Path,
    manifest: Manifest,
    known: dict[str, int],
    own: str,
) -> None:
    """Refuse a researcher's package that carries rows its device may not write; leave out
    of the merge the rows of other devices it merely carries.

    ``known``: per device, the highest sequence number the study has had from it; ``own``:
    the device of the database merged into (it has every row it wrote itself)."""
    check = _Check(con, src, manifest, known, own)
    for name in COMPARED:
        check.compared(name)
        if len(check.found) >= SHOWN:
            break
    if len(check.found) < SHOWN:
        check.rewritten()
    if len(check.found) < SHOWN:
        check.instruments()
    if len(check.found) < SHOWN:
        check.fieldwork()
    _refuse(path, check.found)
    for name, keys in check.keep.items():
        keep_study_copy(con, src, name, keys)
    for name, keys in check.drop.items():
        leave_out(con, src, name, keys)
    if "answer_revision" in check.drop:
        con.execute(
            text(
                f"DELETE FROM {src.name('revision_parent')} WHERE revision_id NOT IN "
                f"(SELECT id FROM {src.name('answer_revision')})"
            )
        )


def relevance_judge(
    con: Connection, src: Staging, path: Path, manifest: Manifest, known: dict[str, int], own: str
) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    """For ``exchange.apply``, which reads the answers whose relevance flag it would
    overwrite anyway: the ones a researcher's package may set (see ``check_authorship``);
    raises AuthorshipError when the package may not set some."""

    def judge(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        check = _Check(con, src, manifest, known, own)
        kept = check.relevance(rows)
        _refuse(path, check.found)
        return kept

    return judge


def _refuse(path: Path, found: list[str]) -> None:
    if found:
        more = f" (and {len(found) - SHOWN} more)" if len(found) > SHOWN else ""
        raise AuthorshipError(
            f"{path}: refused: rows its device may not write: " + "; ".join(found[:SHOWN]) + more
        )

"""Applying one staged package to the target database, inside the caller's transaction.

Immutable rows (instruments, answer revisions, row versions, attachments, audit events)
are a union by key; small tables edited in place are last-writer-wins; sites, themes and
informant codes follow ``named``; answers, sessions, codings and findings are then derived
from the union of their histories. Nothing a package brings is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select, text

from neutralitas_desktop.exchange import history, versions
from neutralitas_desktop.exchange.dialect import chunks
from neutralitas_desktop.exchange.finding_rows import map_refs, merge_findings
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.named import merge_aliases, merge_informants, merge_named
from neutralitas_desktop.exchange.results import MergeSummary, ResearcherCounts
from neutralitas_desktop.exchange.rows import (
    drop_temp,
    earliest_wins,
    keep_stamp,
    last_writer_wins,
    temp_ids,
    union,
)
from neutralitas_desktop.exchange.staging import Staging
from neutralitas_desktop.exchange.tables import table_of
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    FieldSession,
    Finding,
    Meta,
    Researcher,
    Theme,
)

# Which of the rows read for an in-place rewrite the package may write (see apply_package).
Judge = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
_TEMPS = ("m_new_session", "m_new_answer", "m_new_revision", "m_new_coding", "m_new_version")


def apply_package(
    con: Connection,
    src: Staging,
    manifest: Manifest,
    summary: MergeSummary,
    *,
    supervisor: bool = True,
    judge: Judge | None = None,
) -> None:
    """``supervisor``: the package is signed by the study's supervisor; a researcher's new
    themes (open coding) arrive as proposed, attributed to their device. ``judge``: which
    of the answers the study has may take the package's relevance flag (for a researcher's
    package, ``authorship.relevance_judge``)."""
    versions.snapshot(con)  # local edits not yet versioned take part as what they are
    proposed = [] if supervisor else _new_ids(con, src, "theme")
    keep = manifest.anonymized  # an anonymised package never overwrites names or notes
    _study(con, src)
    last_writer_wins(con, src, "device", keep_existing=keep)
    last_writer_wins(con, src, "researcher", keep_existing=keep)
    last_writer_wins(con, src, "informant_role")
    merge_aliases(con, src)
    merge_named(con, src, "site", summary.mapped)
    merge_named(con, src, "theme", summary.mapped)
    _propose(con, proposed, manifest.device_id)
    aliases = versions.Aliases.load(con)
    merge_informants(
        con, src, aliases, keep_existing=keep, renamed=summary.renamed, consent=summary.consent
    )
    last_writer_wins(con, src, "informant_identity")
    union(con, src, "instrument")
    earliest_wins(con, src, "instrument", ("created_at", "device_id", "origin"))
    union(con, src, "question_stance")
    _fieldwork(con, src, aliases, summary, judge)


def _new_ids(con: Connection, src: Staging, name: str) -> list[str]:
    return list(
        con.scalars(
            text(
                f"SELECT s.id FROM {src.name(name)} s WHERE NOT EXISTS "
                f"(SELECT 1 FROM {name} m WHERE m.id = s.id)"
            )
        )
    )


def _propose(con: Connection, theme_ids: list[str], device_id: str) -> None:
    table = table_of(Theme)
    for batch in chunks(theme_ids):
        con.execute(
            table.update()
            .where(table.c.id.in_(batch))
            .values(status="proposed", origin_device_id=device_id, **keep_stamp(table))
        )


def _study(con: Connection, src: Staging) -> None:
    inserted, _ = last_writer_wins(con, src, "study")
    if inserted and con.scalar(select(Meta.value).where(Meta.key == "study_id")) is None:
        con.execute(table_of(Meta).insert().values(key="study_id", value=inserted[0]["id"]))


def _site_of(column: str) -> tuple[str, str]:
    """A column expression mapping a site id onto its kept row, and the join it needs."""
    alias = f"al_{column}"
    return (
        f"COALESCE({alias}.canonical_id, s.{column})",
        f"LEFT JOIN id_alias {alias} ON {alias}.entity = 'site' AND {alias}.alias_id = s.{column}",
    )


def _fieldwork(
    con: Connection,
    src: Staging,
    aliases: versions.Aliases,
    summary: MergeSummary,
    judge: Judge | None,
) -> None:
    def new(temp: str, name: str, key: str = "id") -> int:
        return temp_ids(
            con,
            temp,
            f"SELECT DISTINCT s.{key} FROM {src.name(name)} s WHERE NOT EXISTS "
            f"(SELECT 1 FROM {name} m WHERE m.{key} = s.{key})",
        )

    new("m_new_session", "field_session")
    new("m_new_answer", "answer")
    summary.new_revisions = new("m_new_revision", "answer_revision")
    new("m_new_coding", "coding")
    new("m_new_version", "row_version")
    _external_ids(con, src)
    site_expr, site_join = _site_of("site_id")
    union(
        con,
        src,
        "field_session",
        only="m_new_session",
        exprs={"site_id": site_expr},
        joins=site_join,
    )
    union(con, src, "answer", only="m_new_answer")
    _relevance(con, src, judge)
    # An open revision in a package is final: the package sealed it (fieldwork.journal).
    union(con, src, "answer_revision", only="m_new_revision", exprs={"sealed": "true"})
    union(con, src, "revision_parent")
    theme_join = (
        "LEFT JOIN id_alias al_theme ON al_theme.entity = 'theme' "
        "AND al_theme.alias_id = s.theme_id"
    )
    union(
        con,
        src,
        "coding",
        only="m_new_coding",
        exprs={"theme_id": "COALESCE(al_theme.canonical_id, s.theme_id)"},
        joins=theme_join,
    )
    unversioned_findings = merge_findings(con, src, aliases)
    last_writer_wins(con, src, "review_comment")
    last_writer_wins(con, src, "agreement_assignment")
    last_writer_wins(con, src, "agreement_resolution")
    last_writer_wins(con, src, "incident", transform=lambda r: map_refs(r, aliases))
    last_writer_wins(con, src, "evidence_line")
    last_writer_wins(con, src, "member_check")
    last_writer_wins(con, src, "legal_material")
    last_writer_wins(con, src, "element_test")
    union(con, src, "attachment")
    earliest_wins(con, src, "attachment", ("created_at", "device_id", "filename", "mime"))
    union(con, src, "audit_event")
    union(con, src, "row_version", only="m_new_version")

    # A new answer whose history is one first revision, as its cache says, needs no
    # deriving; every other answer that got revisions does. Read from the package: its new
    # answers and revisions were copied as they are (a new answer has no revision from
    # elsewhere), and its tables are a fraction of the study's.
    touched = con.scalars(
        text(
            f"SELECT DISTINCT r.answer_id FROM m_new_revision n "
            f"CROSS JOIN {src.name('answer_revision')} r WHERE r.id = n.id AND NOT EXISTS ("
            f"SELECT 1 FROM m_new_answer na CROSS JOIN {src.name('answer')} a "
            "WHERE na.id = r.answer_id AND a.id = na.id AND a.revision_count = 1 "
            "AND a.current_revision_id = r.id AND r.parent_id IS NULL "
            "AND a.has_conflict = false AND a.note = r.note "
            "AND (a.value = r.value OR (a.value IS NULL AND r.value IS NULL)))"
        )
    ).all()
    _, answer_conflicts = history.derive_answers(con, touched)
    session_rows = _version_rows(con, "field_session")
    coding_rows = _version_rows(con, "coding")
    finding_rows = [*_version_rows(con, "finding"), *unversioned_findings]
    sessions = versions.derive(con, "field_session", session_rows, aliases)
    codings = versions.derive(con, "coding", coding_rows, aliases)
    findings = versions.derive(con, "finding", finding_rows, aliases)
    _count(con, src, summary, sessions, codings, answer_conflicts, touched)
    _count_findings(con, summary, findings)
    drop_temp(con, *_TEMPS)


def _relevance(con: Connection, src: Staging, judge: Judge | None) -> None:
    """Whether an answer is relevant is edited in place: the last writer's flag holds."""
    newer = [
        dict(r)
        for r in con.execute(
            text(
                f"SELECT p.id, p.relevant, p.updated_at, p.device_id, p.device_seq, "
                "a.relevant AS old_relevant, a.device_id AS old_device_id, "
                "a.device_seq AS old_device_seq, a.session_id "
                f"FROM {src.name('answer')} p "
                "CROSS JOIN answer a WHERE a.id = p.id "
                "AND NOT EXISTS (SELECT 1 FROM m_new_answer n WHERE n.id = p.id) "
                "AND (p.device_seq > a.device_seq "
                "OR (p.device_seq = a.device_seq AND p.device_id > a.device_id))"
            )
        ).mappings()
    ]
    if newer and judge is not None:
        newer = judge(newer)
    if newer:
        con.execute(
            text(
                "UPDATE answer SET relevant = :relevant, updated_at = :updated_at, "
                "device_id = :device_id, device_seq = :device_seq WHERE id = :id"
            ),
            [
                {k: r[k] for k in ("id", "relevant", "updated_at", "device_id", "device_seq")}
                for r in newer
            ],
        )


def _version_rows(con: Connection, entity: str) -> list[str]:
    return list(
        con.scalars(
            text(
                "SELECT DISTINCT v.row_id FROM m_new_version n CROSS JOIN row_version v "
                "WHERE v.id = n.id AND v.entity = :entity"
            ),
            {"entity": entity},
        )
    )


def _count_findings(con: Connection, summary: MergeSummary, findings: versions.Derived) -> None:
    """Findings left in conflict count for their author (the researcher who drew them)."""
    if not findings.new_conflicts:
        return
    finding = table_of(Finding)
    names = dict(con.execute(select(Researcher.id, Researcher.name)).all())
    for batch in chunks(sorted(findings.new_conflicts)):
        for author_id in con.scalars(select(finding.c.author_id).where(finding.c.id.in_(batch))):
            counts = summary.by_researcher.setdefault(
                names.get(author_id or "", "?"), ResearcherCounts()
            )
            counts.conflicts += 1
    summary.by_researcher = dict(sorted(summary.by_researcher.items()))


def _external_ids(con: Connection, src: Staging) -> None:
    """Two sessions imported from the same outside submission keep both; the one with the
    larger id gets its external id marked as a duplicate."""
    clashes = con.execute(
        text(
            f"SELECT s.id, s.external_id, m.id FROM {src.name('field_session')} s "
            "JOIN m_new_session n ON n.id = s.id "
            "JOIN field_session m ON m.external_id = s.external_id AND m.id <> s.id"
        )
    ).all()
    table = table_of(FieldSession)
    for incoming_id, external_id, existing_id in clashes:
        loser = max(incoming_id, existing_id)
        marked = f"{external_id} (duplicate {loser[:8]})"[:200]
        if loser == existing_id:
            con.execute(
                table.update()
                .where(table.c.id == existing_id)
                .values(external_id=marked, **keep_stamp(table))
            )
        else:
            con.execute(
                text(f"UPDATE {src.name('field_session')} SET external_id = :m WHERE id = :i"),
                {"m": marked, "i": incoming_id},
            )


def _researchers_of_sessions(con: Connection, session_ids: Iterable[str]) -> dict[str, str]:
    table = table_of(FieldSession)
    found: dict[str, str] = {}
    for batch in chunks(sorted(set(session_ids))):
        found.update(
            con.execute(
                select(table.c.id, table.c.researcher_id).where(table.c.id.in_(batch))
            ).all()
        )
    return found


def _count(
    con: Connection,
    src: Staging,
    summary: MergeSummary,
    sessions: versions.Derived,
    codings: versions.Derived,
    answer_conflicts: set[str],
    touched: Sequence[str],
) -> None:
    names = dict(con.execute(select(Researcher.id, Researcher.name)).all())
    by: dict[str, ResearcherCounts] = {}

    def bump(researcher_id: str | None, field: str, n: int = 1) -> None:
        name = names.get(researcher_id or "", "?")
        counts = by.setdefault(name, ResearcherCounts())
        setattr(counts, field, getattr(counts, field) + n)

    # CROSS JOIN keeps SQLite walking the small temporary tables first (they have no
    # statistics); PostgreSQL plans it as the inner join it is.
    queries = {
        "new_sessions": "SELECT s.researcher_id, count(*) FROM m_new_session n "
        "CROSS JOIN field_session s WHERE s.id = n.id GROUP BY s.researcher_id",
        # A new answer as the package holds it (copied as it is; the smaller table).
        "new_answers": "SELECT s.researcher_id, count(*) FROM m_new_answer n "
        f"CROSS JOIN {src.name('answer')} a CROSS JOIN field_session s "
        "WHERE a.id = n.id AND s.id = a.session_id GROUP BY s.researcher_id",
        "new_codings": "SELECT s.researcher_id, count(*) FROM m_new_coding n "
        "CROSS JOIN coding c CROSS JOIN answer a CROSS JOIN field_session s "
        "WHERE c.id = n.id AND a.id = c.answer_id AND s.id = a.session_id "
        "GROUP BY s.researcher_id",
    }
    for field, query in queries.items():
        for researcher_id, n in con.execute(text(query)):
            bump(researcher_id, field, int(n))
    # Answers this database had that got revisions (the others are new answers).
    fresh = set(con.scalars(text("SELECT id FROM m_new_answer"))) if touched else set()
    updated_answers = [a for a in touched if a not in fresh]
    answer_table = table_of(Answer)
    answer_sessions: list[str] = []
    for batch in chunks(sorted(updated_answers)):
        answer_sessions += con.scalars(
            select(answer_table.c.session_id).where(answer_table.c.id.in_(batch))
        ).all()
    owners_of_answers = _researchers_of_sessions(con, answer_sessions)
    for sid in answer_sessions:
        bump(owners_of_answers.get(sid), "updated_answers")
    new_sessions = set(con.scalars(text("SELECT id FROM m_new_session")))
    updated = sessions.changed - new_sessions
    conflict_sessions: list[str] = list(sessions.new_conflicts)
    coding_table = table_of(Coding)
    for batch in chunks(sorted(answer_conflicts)):
        conflict_sessions += con.scalars(
            select(answer_table.c.session_id).where(answer_table.c.id.in_(batch))
        ).all()
    for batch in chunks(sorted(codings.new_conflicts)):
        conflict_sessions += con.scalars(
            select(answer_table.c.session_id)
            .join(coding_table, coding_table.c.answer_id == answer_table.c.id)
            .where(coding_table.c.id.in_(batch))
        ).all()
    owners = _researchers_of_sessions(con, [*updated, *conflict_sessions])
    for sid in updated:
        bump(owners.get(sid), "updated_sessions")
    for sid in conflict_sessions:
        bump(owners.get(sid), "conflicts")
    summary.by_researcher = dict(sorted(by.items()))

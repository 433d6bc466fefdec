"""What the matrix reads of the study besides its counts: the settings, the codebook, the
multiple-choice questions, the incidents with their corroboration, the sites and the
informant roles. None of it depends on the grouping or the filters, so it is read once
and kept with the connection while no row of the study changes (store.change_mark)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.store.change_mark import kept
from neutralitas_desktop.store.models import InformantRole, InstrumentVersion, Site, Study
from neutralitas_desktop.triangulation import evidence as ev
from neutralitas_desktop.triangulation.codebook import ThemeBrief, theme_briefs
from neutralitas_desktop.triangulation.incident_types import IncidentInfo
from neutralitas_desktop.triangulation.incidents import read_incidents
from neutralitas_desktop.triangulation.types import (
    OUTSIDE_LABEL,
    OUTSIDE_PERIODS,
    SOURCE_TYPE_LABELS,
    Column,
    LocalText,
)

SOURCE_TYPES = tuple(SOURCE_TYPE_LABELS)


@dataclass(frozen=True)
class StudyFrame:
    """The study as the matrix sees it, whatever the query (read-only: it is shared)."""

    settings: dict[str, Any]
    themes: tuple[ThemeBrief, ...]
    multi: tuple[str, ...]  # multiple-choice questions with a stance mapping
    incidents: tuple[IncidentInfo, ...]
    sites: tuple[tuple[str, str], ...]  # (id, name), by name
    roles: tuple[tuple[str, LocalText], ...]  # (code, label), in the roles' order


def study_frame(session: Session) -> StudyFrame:
    return kept(session.connection(), "triangulation.study_frame", lambda: _read(session))


def _read(session: Session) -> StudyFrame:
    study = session.execute(select(Study.settings)).first()
    if study is None:
        raise NeutralitasError("the database holds no study")
    connection = session.connection()
    sites = connection.execute(select(Site.id, Site.name).order_by(Site.name)).all()
    role_order = (InformantRole.sort, InformantRole.code)
    roles = connection.execute(
        select(InformantRole.code, InformantRole.label).order_by(*role_order)
    ).all()
    return StudyFrame(
        settings=dict(study.settings or {}),
        themes=tuple(theme_briefs(session)),
        multi=tuple(_multi_questions(session)),
        incidents=tuple(read_incidents(session)),
        sites=tuple((sid, name) for sid, name in sites),
        roles=tuple((code, dict(label or {})) for code, label in roles),
    )


def columns(frame: StudyFrame, scope: ev.Scope, keys: set[str]) -> tuple[Column, ...]:
    """The matrix's columns for the scope's grouping, given the keys that hold anything."""
    if scope.by == "site":
        return tuple(
            Column(sid, {"id": name, "en": name}, "")
            for sid, name in frame.sites
            if sid in keys and (not scope.site_ids or sid in scope.site_ids)
        )
    if scope.by == "technique":
        return tuple(Column(k, SOURCE_TYPE_LABELS[k], k) for k in SOURCE_TYPES)
    if scope.by == "time":
        by_time = [Column(p.code, p.label, "") for p in scope.periods]
        if OUTSIDE_PERIODS in keys:
            by_time.append(Column(OUTSIDE_PERIODS, OUTSIDE_LABEL, ""))
        return tuple(by_time)
    by_source = [
        Column(code, dict(label), "interview") for code, label in frame.roles if code in keys
    ]
    known = {c.key for c in by_source} | set(SOURCE_TYPES)
    by_source += [
        Column(k, {"id": k, "en": k}, "interview") for k in sorted(keys - known - {"interview"})
    ]
    if "interview" in keys:  # interviews whose informant had no role tag
        by_source.append(Column("interview", SOURCE_TYPE_LABELS["interview"], "interview"))
    by_source += [Column(k, SOURCE_TYPE_LABELS[k], k) for k in SOURCE_TYPES[1:]]
    return tuple(by_source)


# Multiple-choice questions with a stance mapping, per instrument version: a version is
# immutable (its id derives from its content), so its definition is parsed once.
_MULTI: dict[str, frozenset[str]] = {}


def _multi_questions(session: Session) -> list[str]:
    """Names of multiple-choice questions with a stance mapping, in any stored instrument."""

    def walk(nodes: list[dict[str, Any]], names: set[str]) -> set[str]:
        for node in nodes:
            if node.get("kind") == "group":
                walk(node.get("children") or [], names)
            elif node.get("type") == "select_multiple" and node.get("stance"):
                names.add(node["name"])
        return names

    ids = session.scalars(select(InstrumentVersion.id)).all()
    missing = [iid for iid in ids if iid not in _MULTI]
    if missing:
        for iid, definition in session.execute(
            select(InstrumentVersion.id, InstrumentVersion.definition).where(
                InstrumentVersion.id.in_(missing)
            )
        ):
            _MULTI[iid] = frozenset(walk(definition.get("children") or [], set()))
    return sorted(set().union(*(_MULTI.get(iid, frozenset()) for iid in ids)))

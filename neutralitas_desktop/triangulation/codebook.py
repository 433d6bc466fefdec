"""The codebook service: a tree of bilingual themes; add, rename, move, merge, retire.

Themes are never deleted, because codings and findings made on other laptops may still
point at them: a retired theme takes no new codings, a merged theme hands its codings
and findings to the theme it was merged into and stays behind as a forwarding address
(``merged_into_id``), so evidence merged in later still lands in the right row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, Protocol, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from neutralitas_desktop.errors import NeutralitasError, NotFoundError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Coding,
    DeviceKey,
    Finding,
    Incident,
    Study,
    Theme,
    derived_id,
    utcnow,
)
from neutralitas_desktop.triangulation.types import CodebookChange, LocalText, ThemeInfo
from neutralitas_desktop.vocabulary.law import Provision, read_basis, store_basis

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def validate_code(code: str) -> str:
    code = code.strip()
    if not CODE_PATTERN.match(code):
        raise NeutralitasError(
            f"theme code '{code}' is not valid: use 1–64 lower-case letters, digits, "
            "'_', '.' or '-', starting with a letter or digit"
        )
    return code


def clean_text(text: LocalText | None) -> LocalText:
    return {str(k): str(v).strip() for k, v in (text or {}).items() if str(v).strip()}


# ---- reading the tree ----------------------------------------------------------------
class ThemeNode(Protocol):
    """What walking the tree needs of a theme (a Theme row or a ThemeBrief)."""

    @property
    def id(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def parent_id(self) -> str | None: ...
    @property
    def sort(self) -> int: ...
    @property
    def merged_into_id(self) -> str | None: ...


Node = TypeVar("Node", bound=ThemeNode)


class ThemeBrief(NamedTuple):
    """The columns of a theme the matrix shows, read without building ORM objects."""

    id: str
    code: str
    parent_id: str | None
    label: dict[str, str] | None
    sort: int
    retired: bool
    merged_into_id: str | None


def theme_briefs(session: Session) -> list[ThemeBrief]:
    columns = (Theme.id, Theme.code, Theme.parent_id, Theme.label, Theme.sort, Theme.retired,
               Theme.merged_into_id)  # fmt: skip
    return [ThemeBrief(*r) for r in session.connection().execute(select(*columns)).all()]


def tree_order(themes: Iterable[Node], include_merged: bool = False) -> list[tuple[Node, int]]:
    """Themes depth-first (siblings by sort order, then code) with their depth."""
    rows = [t for t in themes if include_merged or t.merged_into_id is None]
    ids = {t.id for t in rows}
    children: dict[str | None, list[Node]] = {}
    for t in rows:
        parent = t.parent_id if t.parent_id in ids else None
        children.setdefault(parent, []).append(t)
    ordered: list[tuple[Node, int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for t in sorted(children.get(parent, []), key=lambda t: (t.sort, t.code)):
            ordered.append((t, depth))
            visit(t.id, depth + 1)

    visit(None, 0)
    return ordered


def ancestors(themes: Mapping[str, ThemeNode], theme_id: str) -> list[str]:
    """The theme and every theme above it, nearest first."""
    chain: list[str] = []
    current: str | None = theme_id
    while current and current in themes and current not in chain:
        chain.append(current)
        current = themes[current].parent_id
    return chain


def closure_rows(
    themes: Iterable[ThemeNode], rollup: bool, row: str | None = None
) -> list[tuple[str, str, str]]:
    """(theme id, theme code, matrix row id) triples: evidence coded with a theme counts in
    the row of the theme it resolves to (itself, or the theme it was merged into) and,
    rolled up, in the rows of that theme's ancestors. ``row`` keeps only one row's."""
    every = list(themes)
    live = {t.id: t for t in every if t.merged_into_id is None}
    triples = []
    for t in every:
        resolved = t.merged_into_id or t.id
        if resolved not in live:
            continue
        for row_id in ancestors(live, resolved) if rollup else [resolved]:
            if row is None or row_id == row:
                triples.append((t.id, t.code, row_id))
    return triples


def _info(t: Theme, depth: int, codes: dict[str, str], codings: dict[str, int]) -> ThemeInfo:
    return ThemeInfo(
        id=t.id,
        code=t.code,
        parent_code=codes.get(t.parent_id or "", ""),
        label=dict(t.label or {}),
        description=dict(t.description or {}),
        inclusion=dict(t.inclusion or {}),
        exclusion=dict(t.exclusion or {}),
        legal_basis=read_basis(t.legal_basis),
        sort=t.sort,
        retired=t.retired,
        merged_into=codes.get(t.merged_into_id or "", ""),
        depth=depth,
        codings=codings.get(t.id, 0),
        color=t.color or "",
        proposed=t.status == "proposed",
    )


def list_themes(db: Database, include_merged: bool = False) -> list[ThemeInfo]:
    """The codebook in tree order (retired themes included, flagged)."""
    with db.session() as session:
        themes = session.scalars(select(Theme)).all()
        codings = dict(
            session.execute(
                select(Coding.theme_id, func.count())
                .where(Coding.deleted.is_(False))
                .group_by(Coding.theme_id)
            ).all()
        )
        codes = {t.id: t.code for t in themes}
        ordered = tree_order(themes)
        if include_merged:
            ordered += [(t, 0) for t in sorted(themes, key=lambda t: t.code) if t.merged_into_id]
        return [_info(t, depth, codes, codings) for t, depth in ordered]


def get_theme(db: Database, code: str) -> ThemeInfo:
    for theme in list_themes(db, include_merged=True):
        if theme.code == code:
            return theme
    raise NotFoundError(f"no theme '{code}' in the codebook")


def theme_by_code(session: Session, code: str) -> Theme:
    theme = session.scalar(select(Theme).where(Theme.code == code))
    if theme is None:
        raise NotFoundError(f"no theme '{code}' in the codebook")
    return theme


def live_theme(session: Session, code: str) -> Theme:
    """A theme that can take codings: not retired, not merged away."""
    theme = theme_by_code(session, code)
    if theme.merged_into_id:
        target = session.get(Theme, theme.merged_into_id)
        raise NeutralitasError(
            f"theme '{code}' was merged into '{target.code if target else '?'}'; use that"
        )
    if theme.retired:
        raise NeutralitasError(f"theme '{code}' is retired and takes no new codings")
    return theme


# ---- changing it -----------------------------------------------------------------------
def _touch(row: Any, actor: Actor) -> None:
    row.device_id = actor.device_id
    row.updated_at = utcnow()


def _study_id(session: Session) -> str:
    study_id = session.scalar(select(Study.id))
    if study_id is None:
        raise NeutralitasError("the database holds no study")
    return study_id


def _new_status(session: Session, actor: Actor) -> str:
    """A researcher's new theme (open coding) is proposed until the supervisor accepts it;
    the supervisor's own (and any made before the study knew keys) are accepted."""
    role = session.scalar(select(DeviceKey.role).where(DeviceKey.device_id == actor.device_id))
    return "proposed" if role == "researcher" else "accepted"


def create_theme(
    session: Session,
    actor: Actor,
    code: str,
    label: LocalText,
    parent: str = "",
    theme_id: str | None = None,
    **fields: Any,
) -> Theme:
    """Add a theme inside an open unit of work (the import uses it too)."""
    code = validate_code(code)
    label = clean_text(label)
    if not label:
        raise NeutralitasError(f"theme '{code}' needs a label")
    if session.scalar(select(Theme.id).where(Theme.code == code)):
        raise NeutralitasError(f"theme code '{code}' is already in the codebook")
    parent_id = theme_by_code(session, parent).id if parent else None
    sort = (session.scalar(select(func.max(Theme.sort))) or 0) + 1
    theme = Theme(
        # Derived from the code, so the same theme added offline on two laptops is one row.
        id=theme_id or derived_id("theme", _study_id(session), code),
        code=code,
        parent_id=parent_id,
        label=label,
        description=clean_text(fields.get("description")),
        inclusion=clean_text(fields.get("inclusion")),
        exclusion=clean_text(fields.get("exclusion")),
        legal_basis=store_basis(fields.get("legal_basis") or ()),
        sort=sort,
        device_id=actor.device_id,
        status=_new_status(session, actor),
    )
    session.add(theme)
    session.flush()
    audit.record(session, actor, "theme.added", "theme", theme.id, code=code)
    return theme


def add_theme(
    db: Database,
    actor: Actor,
    code: str,
    label: LocalText,
    parent: str = "",
    *,
    description: LocalText | None = None,
    inclusion: LocalText | None = None,
    exclusion: LocalText | None = None,
    legal_basis: Iterable[Provision | str] = (),
) -> CodebookChange:
    with db.session() as session:
        theme = create_theme(
            session,
            actor,
            code,
            label,
            parent,
            description=description,
            inclusion=inclusion,
            exclusion=exclusion,
            legal_basis=list(legal_basis),
        )
        return CodebookChange(theme.code, "added")


def rename_theme(db: Database, actor: Actor, code: str, label: LocalText) -> CodebookChange:
    """Change a theme's label (in any language); the code stays, instruments refer to it."""
    label = clean_text(label)
    with db.session() as session:
        theme = theme_by_code(session, code)
        new = {**(theme.label or {}), **label}
        if not any(new.values()):
            raise NeutralitasError(f"theme '{code}' needs a label")
        previous = dict(theme.label or {})
        theme.label = new
        _touch(theme, actor)
        audit.record(session, actor, "theme.renamed", "theme", theme.id, previous=previous)
        return CodebookChange(code, "renamed")


def update_theme(
    db: Database,
    actor: Actor,
    code: str,
    *,
    description: LocalText | None = None,
    inclusion: LocalText | None = None,
    exclusion: LocalText | None = None,
    legal_basis: Iterable[Provision | str] | None = None,
) -> CodebookChange:
    """Replace the given texts of a theme (those passed as None stay)."""
    with db.session() as session:
        theme = theme_by_code(session, code)
        if description is not None:
            theme.description = clean_text(description)
        if inclusion is not None:
            theme.inclusion = clean_text(inclusion)
        if exclusion is not None:
            theme.exclusion = clean_text(exclusion)
        if legal_basis is not None:
            theme.legal_basis = store_basis(legal_basis)
        _touch(theme, actor)
        audit.record(session, actor, "theme.updated", "theme", theme.id)
        return CodebookChange(code, "updated")


def move_theme(db: Database, actor: Actor, code: str, parent: str) -> CodebookChange:
    """Put a theme under another one ("" makes it top-level)."""
    with db.session() as session:
        theme = theme_by_code(session, code)
        parent_id = None
        if parent:
            target = theme_by_code(session, parent)
            if target.merged_into_id:
                raise NeutralitasError(f"theme '{parent}' was merged away")
            everything = {t.id: t for t in session.scalars(select(Theme))}
            if theme.id in ancestors(everything, target.id):
                raise NeutralitasError(f"theme '{parent}' lies under '{code}'; cannot move there")
            parent_id = target.id
        theme.parent_id = parent_id
        _touch(theme, actor)
        audit.record(session, actor, "theme.moved", "theme", theme.id, parent=parent)
        return CodebookChange(code, "moved")


def _count(result: Any) -> int:
    """Rows an UPDATE changed."""
    return int(getattr(result, "rowcount", 0) or 0)


def merge_themes(db: Database, actor: Actor, source: str, target: str) -> CodebookChange:
    """Merge ``source`` into ``target``: its codings, findings and sub-themes move over,
    and ``source`` is retired with a forwarding address."""
    if source == target:
        raise NeutralitasError("a theme cannot be merged into itself")
    now = utcnow()
    with db.session() as session:
        src = theme_by_code(session, source)
        dst = theme_by_code(session, target)
        for theme in (src, dst):
            if theme.merged_into_id:
                raise NeutralitasError(f"theme '{theme.code}' was already merged away")
        moved = {"device_id": actor.device_id, "updated_at": now}
        codings = _count(
            session.execute(
                update(Coding).where(Coding.theme_id == src.id).values(theme_id=dst.id, **moved)
            )
        )
        findings = _count(
            session.execute(
                update(Finding).where(Finding.theme_id == src.id).values(theme_id=dst.id, **moved)
            )
        )
        incidents = _count(
            session.execute(
                update(Incident).where(Incident.theme_id == src.id).values(theme_id=dst.id, **moved)
            )
        )
        session.execute(
            update(Theme)
            .where(Theme.merged_into_id == src.id)
            .values(merged_into_id=dst.id, **moved)
        )
        session.execute(
            update(Theme)
            .where(Theme.parent_id == src.id, Theme.id != dst.id)
            .values(parent_id=dst.id, **moved)
        )
        if dst.parent_id == src.id:
            dst.parent_id = src.parent_id
            _touch(dst, actor)
        src.merged_into_id = dst.id
        src.retired = True
        _touch(src, actor)
        audit.record(
            session,
            actor,
            "theme.merged",
            "theme",
            src.id,
            source=source,
            target=target,
            codings=codings,
            findings=findings,
            incidents=incidents,
        )
        return CodebookChange(target, "merged", codings, findings)


def retire_theme(db: Database, actor: Actor, code: str, retired: bool = True) -> CodebookChange:
    """Retire a theme (no new codings; its evidence stays) or reinstate it."""
    with db.session() as session:
        theme = theme_by_code(session, code)
        if theme.merged_into_id and not retired:
            raise NeutralitasError(f"theme '{code}' was merged away and cannot be reinstated")
        theme.retired = retired
        _touch(theme, actor)
        action = "retired" if retired else "reinstated"
        audit.record(session, actor, f"theme.{action}", "theme", theme.id)
        return CodebookChange(code, action)


def accept_theme(db: Database, actor: Actor, code: str) -> CodebookChange:
    """Accept a researcher's proposed theme into the codebook (the supervisor's decision)."""
    with db.session() as session:
        theme = theme_by_code(session, code)
        if theme.status != "proposed":
            raise NeutralitasError(f"theme '{code}' is not a proposed theme")
        theme.status = "accepted"
        _touch(theme, actor)
        audit.record(session, actor, "theme.accepted", "theme", theme.id)
        return CodebookChange(code, "accepted")

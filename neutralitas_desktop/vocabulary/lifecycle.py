"""The session lifecycle: which status may follow which, and what a change does to the
session's end time. Pure; ``fieldwork.sessions.change_status`` applies it to a study.

    draft ──complete──▶ completed ──approve──▶ approved
      │  ▲                 │   ▲                  │
      │  └───reopen────────┤   └─complete─┐       │
      │                    └──return──▶ returned ◀┘ (return / approve again)
      └──consent refused──▶ refused (final: nothing but the refusal is recorded)

Reviewing again is allowed (approved → approved with a comment, returned → returned with
another comment); a returned session is edited in place and completed again, or reopened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from neutralitas_desktop.vocabulary.terms import SessionStatus

S = SessionStatus

TRANSITIONS: dict[SessionStatus, frozenset[SessionStatus]] = {
    S.DRAFT: frozenset({S.COMPLETED, S.REFUSED}),
    S.COMPLETED: frozenset({S.APPROVED, S.RETURNED, S.DRAFT}),
    S.APPROVED: frozenset({S.APPROVED, S.RETURNED, S.DRAFT}),
    S.RETURNED: frozenset({S.COMPLETED, S.APPROVED, S.RETURNED, S.DRAFT}),
    S.REFUSED: frozenset(),
}
# Statuses in which the researcher may change answers.
EDITABLE: frozenset[SessionStatus] = frozenset({S.DRAFT, S.RETURNED})
# Statuses a supervisor reviews from (approve or return).
REVIEWABLE: frozenset[SessionStatus] = frozenset({S.COMPLETED, S.APPROVED, S.RETURNED})
# Statuses that can be made a draft again.
REOPENABLE: frozenset[SessionStatus] = frozenset(
    s for s, targets in TRANSITIONS.items() if S.DRAFT in targets
)
# Entering one of these ends the session's fieldwork now (or at the time given).
ENDING: frozenset[SessionStatus] = frozenset({S.COMPLETED, S.REFUSED})

# The audit action recorded for entering each status.
ACTIONS: dict[SessionStatus, str] = {
    S.DRAFT: "session.reopened",
    S.COMPLETED: "session.completed",
    S.APPROVED: "session.approved",
    S.RETURNED: "session.returned",
    S.REFUSED: "session.refused",
}


def status_of(value: str) -> SessionStatus | None:
    """The status named by ``value``, or None when it is not one."""
    try:
        return SessionStatus(value)
    except ValueError:
        return None


def allowed(current: str, target: str) -> bool:
    """Whether a session in ``current`` may become ``target``."""
    source, goal = status_of(current), status_of(target)
    return source is not None and goal is not None and goal in TRANSITIONS[source]


def ended_at_after(
    target: SessionStatus,
    ended_at: dt.datetime | None,
    now: dt.datetime,
    at: dt.datetime | None = None,
) -> dt.datetime | None:
    """The session's end time once it enters ``target``: set (to ``at`` or now) when its
    fieldwork ends, cleared when it becomes a draft again, kept through review (filled in
    when a session reviewed has none)."""
    if target in ENDING:
        return at or now
    if target == S.DRAFT:
        return None
    return ended_at or at or now


def resolvable(sides: Iterable[str], target: str) -> bool:
    """Whether a merge conflict between versions of a session (in the statuses ``sides``)
    may be resolved to ``target``: one side holds it or may move on to it."""
    return any(side == target or allowed(side, target) for side in sides)


def path(current: str, target: str) -> list[SessionStatus]:
    """The shortest series of changes that takes a session from ``current`` to
    ``target`` (empty when it is there already); ValueError when none does."""
    start, goal = status_of(current), status_of(target)
    if start is None or goal is None:
        raise ValueError(f"unknown session status '{current if start is None else target}'")
    routes: dict[SessionStatus, list[SessionStatus]] = {start: []}
    queue = [start]
    while queue:
        here = queue.pop(0)
        if here == goal:
            return routes[here]
        for step in sorted(TRANSITIONS[here]):
            if step not in routes:
                routes[step] = [*routes[here], step]
                queue.append(step)
    raise ValueError(f"no way from '{current}' to '{target}'")

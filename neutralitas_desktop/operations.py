"""The one protocol for running work, below every layer: a ``Progress`` reporter, a
cooperative ``CancelToken``, and the ``Changes`` summary a write returns, so the GUI
refreshes only what shows the kinds that changed and the CLI reports the same steps.

A long service takes ``progress`` and ``cancel`` and calls ``cancel.check()`` only where
stopping leaves nothing half-written: inside a transaction (which then rolls back) or
before a temporary file replaces its target.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Protocol, runtime_checkable

from neutralitas_desktop.errors import Cancelled

__all__ = [
    "UNLISTED",
    "CancelToken",
    "Cancelled",
    "Changes",
    "Kind",
    "Progress",
    "changes_of",
    "checkpoint",
    "no_progress",
]


class Progress(Protocol):
    """Reports how far an operation is: ``done`` of ``total`` steps, in the named step
    (a file name, a sheet, "answers"); ``step`` may be left out."""

    def __call__(self, done: int, total: int, step: str = "", /) -> None: ...


def no_progress(done: int, total: int, step: str = "", /) -> None:
    """The reporter of an operation nobody watches."""


class CancelToken:
    """A stop request shared by the one who asks (a Cancel button, Ctrl-C) and the work,
    which stops at its next ``check()``. Calling the token says whether a stop was asked,
    so it serves where a ``Callable[[], bool]`` is expected."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def check(self, what: str = "") -> None:
        """Raise ``Cancelled`` when a stop was asked (a safe point of the work)."""
        if self._event.is_set():
            raise Cancelled(f"{what} cancelled" if what else "cancelled")


def checkpoint(cancel: CancelToken | None, what: str = "") -> None:
    """``cancel.check(what)`` for services whose token is optional."""
    if cancel is not None:
        cancel.check(what)


class Kind(StrEnum):
    """What a write can touch; each panel names the kinds it shows."""

    SESSIONS = "sessions"
    ANSWERS = "answers"
    INFORMANTS = "informants"
    SITES = "sites"
    INSTRUMENTS = "instruments"
    INCIDENTS = "incidents"
    CODINGS = "codings"
    THEMES = "themes"
    FINDINGS = "findings"
    LEGAL = "legal"  # legal materials and element tests
    CONFLICTS = "conflicts"
    SETTINGS = "settings"
    AUDIT = "audit"


_EMPTY: frozenset[str] = frozenset()
UNLISTED = "*"  # an id standing for rows of a kind changed in bulk, not listed one by one


@dataclass(frozen=True)
class Changes:
    """What one write touched, by kind: the ids of the rows changed (for answers, the
    sessions whose answers changed; for settings, the settings' names; ``UNLISTED`` for
    rows changed in bulk, as a merge does). Merged with ``a | b``; false when nothing
    changed."""

    sessions: frozenset[str] = field(default=_EMPTY)
    answers: frozenset[str] = field(default=_EMPTY)
    informants: frozenset[str] = field(default=_EMPTY)
    sites: frozenset[str] = field(default=_EMPTY)
    instruments: frozenset[str] = field(default=_EMPTY)
    incidents: frozenset[str] = field(default=_EMPTY)
    codings: frozenset[str] = field(default=_EMPTY)
    themes: frozenset[str] = field(default=_EMPTY)
    findings: frozenset[str] = field(default=_EMPTY)
    legal: frozenset[str] = field(default=_EMPTY)
    conflicts: frozenset[str] = field(default=_EMPTY)
    settings: frozenset[str] = field(default=_EMPTY)
    audit: frozenset[str] = field(default=_EMPTY)

    @classmethod
    def of(cls, **ids: Iterable[str] | str | None) -> Changes:
        """``Changes.of(incidents=[id], sessions=sid)``: a single id or many; None and
        empty strings are skipped."""
        made: dict[str, frozenset[str]] = {}
        for name, value in ids.items():
            Kind(name)  # a misspelt kind is a bug, not an empty change
            items = [value] if isinstance(value, str) or value is None else list(value)
            made[name] = frozenset(str(i) for i in items if i)
        return cls(**made)

    @classmethod
    def everything(cls, *, but: Iterable[Kind] = ()) -> Changes:
        """Every kind changed in bulk (a merge, a new study): panels all refresh."""
        skip = {Kind(k) for k in but}
        return cls(**{k.value: frozenset({UNLISTED}) for k in Kind if k not in skip})

    def __or__(self, other: Changes) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        return Changes(**{f.name: getattr(self, f.name) | getattr(other, f.name) for f in _FIELDS})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in _FIELDS)

    def ids(self, kind: Kind | str) -> frozenset[str]:
        ids: frozenset[str] = getattr(self, Kind(kind).value)
        return ids

    @property
    def kinds(self) -> frozenset[Kind]:
        """The kinds this write touched."""
        return frozenset(Kind(f.name) for f in _FIELDS if getattr(self, f.name))

    def touches(self, kinds: Iterable[Kind | str]) -> bool:
        return any(self.ids(kind) for kind in kinds)

    def counts(self) -> Mapping[Kind, int | None]:
        """How many of each kind changed (None: changed in bulk, not counted)."""
        return {
            kind: None if UNLISTED in self.ids(kind) else len(self.ids(kind))
            for kind in sorted(self.kinds)
        }

    def __str__(self) -> str:
        parts = [
            kind.value if n is None else f"{n} {kind.value}" for kind, n in self.counts().items()
        ]
        return ", ".join(parts) or "nothing"


_FIELDS = fields(Changes)


@runtime_checkable
class CarriesChanges(Protocol):
    """A service's result that says what its write changed."""

    @property
    def changes(self) -> Changes: ...


def changes_of(result: object) -> Changes:
    """The ``Changes`` an operation's result reports: the result itself, its ``changes``,
    or the union over a list of results (a merge of several packages); else nothing."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, CarriesChanges):
        return result.changes
    if isinstance(result, list | tuple):
        total = Changes()
        for item in result:
            total = total | changes_of(item)
        return total
    return Changes()

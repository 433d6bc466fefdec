"""Routing what a write changed to the screens that show it: each panel declares the
kinds it shows (``SHOWS``) and is refreshed only when a ``Changes`` touches one of them,
instead of every screen reading the study again after every action."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from neutralitas_desktop.operations import Changes, Kind

Refresh = Callable[[Changes], None]


class ChangeRouter(QObject):
    """The main window's switchboard: ``route(changes)`` calls the refresh of every
    registered panel that shows a kind in ``changes``; a panel leaves when destroyed."""

    routed = Signal(object)  # the Changes, after the panels that care were refreshed
    refreshed = Signal(str)  # the name of a panel refreshed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panels: dict[str, tuple[frozenset[Kind], Refresh]] = {}

    def register(
        self,
        name: str,
        kinds: Iterable[Kind | str],
        refresh: Refresh,
        owner: QObject | None = None,
    ) -> None:
        """``refresh`` is called with the Changes that touch ``kinds``; ``owner`` (the panel)
        unregisters it when destroyed."""
        self._panels[name] = (frozenset(Kind(k) for k in kinds), refresh)
        if owner is not None:
            owner.destroyed.connect(lambda _=None, n=name, r=refresh: self._forget(n, r))

    def unregister(self, name: str) -> None:
        self._panels.pop(name, None)

    def _forget(self, name: str, refresh: Refresh) -> None:
        entry = self._panels.get(name)
        if entry is not None and entry[1] is refresh:
            del self._panels[name]

    @property
    def names(self) -> list[str]:
        return list(self._panels)

    def route(self, changes: Changes, skip: str = "") -> list[str]:
        """Refresh the panels that show what changed (but ``skip``, the panel that made the
        change and shows it already); the names of those refreshed."""
        if not changes:
            return []
        touched = changes.kinds
        done = []
        for name, (kinds, refresh) in list(self._panels.items()):
            if kinds & touched and name != skip:
                refresh(changes)
                done.append(name)
                self.refreshed.emit(name)
        self.routed.emit(changes)
        return done

"""What the windows ask of the composition root (app.py): open another study, save the
local profile, switch the UI language. A Protocol, so the ui never imports app.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.service import ExchangeService
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.interop.service import InteropService
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.join_state import JoinState


class AppHost(Protocol):
    def open_study(self, path: str, create: bool) -> Workspace:
        """Open (or create from the shipped template) the study at ``path``."""
        ...

    def join_study(self, path: str, join: JoinState) -> None:
        """Create the study at ``path`` from the hand-out package ``join`` chose."""
        ...

    def update_profile(
        self, *, researcher_name: str, researcher_initials: str, device_name: str
    ) -> LocalProfile:
        """Save who works on this laptop; the open study records the new name."""
        ...

    def change_language(self, language: str) -> None:
        """Install the translations for ``language`` and rebuild the windows."""
        ...

    def report_service(self, workspace: Workspace) -> ReportService:
        """The Excel and PDF exports of ``workspace``'s study (the Export menu)."""
        ...

    def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
        """The codebook, coding, matrix and findings of ``workspace``'s study (Analysis menu)."""
        ...

    def exchange_service(self, workspace: Workspace) -> ExchangeService:
        """Packages, merges, conflicts and review of ``workspace``'s study (File, Review)."""
        ...

    def interop_service(self, workspace: Workspace) -> InteropService:
        """XLSForm import and export for ``workspace``'s study (Forms menu)."""
        ...

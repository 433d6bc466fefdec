"""How this laptop gets its study, as the first-run dialog and File › Join study… edit it
(no Qt): a new study from the template (this laptop becomes its supervisor), or the study
of a hand-out package the supervisor made, shown before joining so the researcher can
check its title, its supervisor and when it was made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from neutralitas_desktop.errors import NeutralitasError

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.origin import PackageOrigin

NEW = "new"
JOIN = "join"


@dataclass
class JoinState:
    mode: str = NEW
    origin: PackageOrigin | None = None
    error: NeutralitasError | None = None  # why the chosen file cannot be joined
    package_passphrase: str = ""  # of an encrypted hand-out

    def choose(self, path: Path) -> None:
        """Read what the package says about itself (its bytes checked)."""
        from neutralitas_desktop.exchange.origin import package_origin

        self.package_passphrase = ""
        try:
            self.origin, self.error = package_origin(path), None
        except NeutralitasError as exc:
            self.origin, self.error = None, exc

    @property
    def joining(self) -> bool:
        return self.mode == JOIN

    @property
    def needs_passphrase(self) -> bool:
        return self.origin is not None and self.origin.encrypted

    @property
    def ok(self) -> bool:
        if self.mode == NEW:
            return True
        return (
            self.origin is not None
            and self.error is None
            and (not self.needs_passphrase or bool(self.package_passphrase))
        )

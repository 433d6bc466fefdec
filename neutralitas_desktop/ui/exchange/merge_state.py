"""The state of File > Merge packages…, without Qt: the packages chosen (with what their
manifests say, or why one cannot be used), their passphrases, the preview, the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neutralitas_desktop.exchange.manifest import Manifest
    from neutralitas_desktop.exchange.results import MergeSummary


@dataclass
class PackageEntry:
    path: Path
    manifest: Manifest | None = None
    error: str = ""  # why the package cannot be merged
    passphrase: str = ""

    @property
    def needs_passphrase(self) -> bool:
        return self.manifest is not None and self.manifest.encrypted and not self.passphrase


@dataclass
class MergeState:
    entries: list[PackageEntry] = field(default_factory=list)
    preview: list[MergeSummary] | None = None
    result: list[MergeSummary] | None = None
    trusted: list[str] = field(default_factory=list)  # fingerprints the supervisor confirmed

    def add(self, path: Path, manifest: Manifest | None, error: str = "") -> PackageEntry:
        for entry in self.entries:
            if entry.path == path:
                return entry
        entry = PackageEntry(path, manifest, error)
        self.entries.append(entry)
        self.preview = self.result = None
        return entry

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            del self.entries[index]
            self.preview = self.result = None

    def set_passphrase(self, index: int, passphrase: str) -> None:
        self.entries[index].passphrase = passphrase
        self.preview = None

    @property
    def paths(self) -> list[Path]:
        return [e.path for e in self.entries]

    @property
    def passphrases(self) -> dict[str, str]:
        return {
            e.manifest.package_id: e.passphrase
            for e in self.entries
            if e.manifest is not None and e.passphrase
        }

    @property
    def problems(self) -> list[str]:
        """Why packages cannot be merged, in full (the table shows them short)."""
        return [e.error for e in self.entries if e.manifest is not None and e.error]

    @property
    def can_preview(self) -> bool:
        return bool(self.entries) and not any(e.error or e.needs_passphrase for e in self.entries)

    @property
    def can_merge(self) -> bool:
        return self.can_preview and self.preview is not None and self.result is None

    def summary_rows(
        self, summaries: list[MergeSummary], already_merged: str
    ) -> list[tuple[str, ...]]:
        """One row per package and researcher (``already_merged``: the text for a package
        this study has merged before)."""
        rows: list[tuple[str, ...]] = []
        for s in summaries:
            if s.already_merged:
                rows.append((s.path.name, s.researcher, already_merged, "", "", "", "", ""))
                continue
            for name, c in s.by_researcher.items() or {s.researcher: None}.items():
                if c is None:
                    rows.append((s.path.name, name, "0", "0", "0", "0", "0", "0"))
                    continue
                rows.append(
                    (
                        s.path.name,
                        name,
                        *(
                            str(v)
                            for v in (
                                c.new_sessions,
                                c.updated_sessions,
                                c.new_answers,
                                c.updated_answers,
                                c.new_codings,
                                c.conflicts,
                            )
                        ),
                    )
                )
        return rows

    def notes(self, summaries: list[MergeSummary], lang: str = "en") -> list[str]:
        """What the merge reports besides its counts; its notices in ``lang``."""
        return [
            line
            for s in summaries
            for line in (*s.mapped, *s.renamed, *(n.text(lang) for n in s.consent))
        ]

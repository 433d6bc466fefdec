"""Where a package comes from, as a person recognises it: the study's title, who made it
(their name and their laptop's key fingerprint, which they can read out from their own
screen) and when. Shown before joining a study from a hand-out, and when a package of
another study is refused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop.exchange.container import read_envelope
from neutralitas_desktop.exchange.errors import ForeignStudyError
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.fieldwork.device_key import fingerprint
from neutralitas_desktop.vocabulary import Message


@dataclass(frozen=True)
class PackageOrigin:
    path: Path
    study_id: str
    study_title: str  # blank for an encrypted package (its title travels inside)
    made_by: str  # the researcher, else the laptop's name, else its id
    device_name: str
    fingerprint: str  # of the key that signed the package ("" when unsigned)
    made: str  # "YYYY-MM-DD HH:MM UTC"
    encrypted: bool


def origin_of(path: Path, manifest: Manifest) -> PackageOrigin:
    return PackageOrigin(
        path=Path(path),
        study_id=manifest.study_id,
        study_title=manifest.study_title,
        made_by=manifest.researcher or manifest.device_name or manifest.device_id[:8],
        device_name=manifest.device_name,
        fingerprint=fingerprint(manifest.signer_key) if manifest.signer_key else "",
        made=manifest.created_at[:16].replace("T", " ") + " UTC",
        encrypted=manifest.encrypted,
    )


def package_origin(path: Path) -> PackageOrigin:
    """What a package says about itself (its bytes checked; no passphrase needed)."""
    return origin_of(path, read_envelope(Path(path)).manifest)


def foreign_study(
    path: Path, manifest: Manifest, study_id: str, study_title: str
) -> ForeignStudyError:
    """The refusal of a package of another study than the open one, naming that study, who
    made the package and when (two studies made from the same template share a title)."""
    origin = origin_of(path, manifest)
    return ForeignStudyError(
        message_id=Message.PACKAGE_OTHER_STUDY,
        path=Path(path),
        title=origin.study_title or "?",
        study=manifest.study_id[:8],
        made_by=origin.made_by,
        fingerprint=origin.fingerprint or "-",
        made=origin.made,
        here=study_title,
        here_id=study_id[:8],
    )

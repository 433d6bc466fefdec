"""The case file of an incident (*berkas dugaan pelanggaran*): a PDF to hand to Bawaslu /
Panwascam, BKN or the regent, and optionally an evidence archive (ZIP) holding the files
its lines of evidence point at with a manifest of their SHA-256 hashes, so anyone can check
that nothing was altered.

Both are written into private temporary files and moved into place only when both are
complete; a failure or a cancel leaves neither behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from neutralitas_desktop import __version__
from neutralitas_desktop.reports.casefile_data import CaseFile, load_case_file
from neutralitas_desktop.reports.output import (
    CancelFn,
    ProgressFn,
    ReportError,
    Ticker,
    atomic_output,
)
from neutralitas_desktop.reports.pdf_casefile import build_pdf
from neutralitas_desktop.store.database import Database

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
FOLDER = "bukti"


@dataclass(frozen=True)
class CaseFileResult:
    pdf: Path
    archive: Path | None
    lines: int  # lines of evidence in the file
    files: int  # evidence files in the archive
    role_only: int  # lines described by role only (no consent to be named)
    deadline: str  # ISO date of the reporting deadline


def export_case_file(
    db: Database,
    incident_id: str,
    pdf: str | Path,
    archive: str | Path | None = None,
    lang: str = "id",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> CaseFileResult:
    """Write the case file of ``incident_id`` to ``pdf`` and, when given, its evidence
    archive to ``archive``."""
    pdf = Path(pdf).expanduser()
    zip_path = Path(archive).expanduser() if archive else None
    if zip_path is not None and zip_path.resolve() == pdf.resolve():
        raise ReportError(f"the case file and its evidence archive are the same file: {pdf}")
    ticker = Ticker(3 if zip_path else 2, progress, cancel)
    case = load_case_file(db, incident_id, lang)
    ticker.step()
    placed: Path | None = None
    try:
        with atomic_output(pdf) as tmp_pdf:
            build_pdf(case, tmp_pdf, lang)
            ticker.step()
            if zip_path is not None:
                digest = hashlib.sha256(tmp_pdf.read_bytes()).hexdigest()
                with atomic_output(zip_path) as tmp_zip:
                    write_archive(case, tmp_zip, pdf.name, digest)
                    ticker.check()
                placed = zip_path
            ticker.check()
    except BaseException:
        if placed is not None:  # the PDF could not be moved into place after the archive
            with contextlib.suppress(OSError):
                placed.unlink()
        raise
    ticker.finish()
    return CaseFileResult(
        pdf,
        zip_path,
        len(case.lines),
        sum(len(x.files) for x in case.lines),
        case.role_only,
        case.deadline.isoformat(),
    )


def write_archive(case: CaseFile, target: Path, pdf_name: str, pdf_sha256: str) -> None:
    """The evidence files under ``bukti/``, ``SHA256SUMS`` (``sha256sum -c`` reads it) and
    ``manifest.json`` (every file with its hash, size, line of evidence and kind)."""
    entries = []
    seen: set[str] = set()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for x in case.lines:
            for f in x.files:
                name = f"{FOLDER}/{f.name}"
                if name in seen:
                    continue
                seen.add(name)
                zf.writestr(name, f.data)
                entries.append(
                    {
                        "file": name,
                        "sha256": f.sha256,
                        "size": len(f.data),
                        "line": x.number,
                        "kind": x.line.kind,
                        "technique": x.line.technique,
                        "collected": x.collected.isoformat(timespec="minutes"),
                        "original_name": f.original,
                        "mime": f.mime,
                    }
                )
        zf.writestr(SUMS, "".join(f"{e['sha256']}  {e['file']}\n" for e in entries))
        manifest = {
            "format": "neutralitas-casefile-evidence",
            "version": 1,
            "app": f"neutralitas-desktop {__version__}",
            "incident": case.incident.id,
            "election": case.election,
            "time_zone": case.zone.value,
            "generated": case.generated.isoformat(timespec="seconds"),
            "case_file": {"file": pdf_name, "sha256": pdf_sha256},
            "files": entries,
        }
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")

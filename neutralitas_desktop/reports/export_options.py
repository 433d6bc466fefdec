"""The export dialogs' choices and their validation, without Qt or a database: what kind of
export, where to, which sites and statuses, anonymised or with names, which language,
which session or form. The GUI binds its widgets to :class:`ExportOptionsState`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from neutralitas_desktop.vocabulary import DocxReport, SessionStatus
from neutralitas_desktop.vocabulary.terms import values

# Word documents: "docx-" and the DocxReport (findings, transcripts, codebook).
DOCX_KINDS = tuple(f"docx-{report}" for report in values(DocxReport))
EXPORT_KINDS = ("excel", "summary", "session", "blank", *DOCX_KINDS)
SUFFIX = {
    "excel": ".xlsx",
    "summary": ".pdf",
    "session": ".pdf",
    "blank": ".pdf",
    **dict.fromkeys(DOCX_KINDS, ".docx"),
}
STATUSES = values(SessionStatus)
LANGUAGES = ("id", "en")

# Problem codes the dialog translates into sentences.
NO_PATH = "no_path"
NO_FOLDER = "no_folder"
WRONG_SUFFIX = "wrong_suffix"
NAMES_WITH_ANONYMIZE = "names_with_anonymize"
NO_SESSION = "no_session"
NO_FORM = "no_form"


@dataclass(frozen=True)
class ReportFilter:
    """What the user asked for: sites (names or ids) and session statuses; empty = all."""

    sites: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ExportChoices:
    """What the study offers the dialog (from the report service)."""

    study_title: str
    sites: tuple[str, ...]
    sessions: tuple[Choice, ...]  # session id, "INF-07 · Wawancara ASN · 2024-10-03"
    forms: tuple[Choice, ...]  # form id, title
    default_language: str = "id"


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    path: Path
    filter: ReportFilter = field(default_factory=ReportFilter)
    anonymize: bool = False
    include_names: bool = False
    language: str = "id"
    session_id: str = ""
    form_id: str = ""


@dataclass(frozen=True)
class ExportOutcome:
    """What an export produced, for the "done" screen."""

    kind: str
    path: Path
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix.lower() == ".pdf"


def default_file_name(
    kind: str, study_title: str, today: dt.date | None = None, detail: str = ""
) -> str:
    today = today or dt.date.today()
    slug = re.sub(r"[^a-z0-9]+", "-", study_title.casefold()).strip("-")[:40] or "study"
    names = {"excel": "data", "summary": "summary", "session": "session", "blank": "form"}
    name = names.get(kind) or kind.removeprefix("docx-")
    extra = re.sub(r"[^A-Za-z0-9_-]+", "-", detail).strip("-")[:40]
    parts = [slug, name, *([extra] if extra else []), today.isoformat()]
    return "-".join(parts) + SUFFIX[kind]


class ExportOptionsState:
    """The choices of one export dialog."""

    def __init__(self, kind: str, choices: ExportChoices, folder: Path | None = None) -> None:
        if kind not in EXPORT_KINDS:
            raise ValueError(f"unknown export kind {kind!r}")
        self.kind = kind
        self.choices = choices
        self.sites: set[str] = set()
        self.statuses: set[str] = set()
        self.anonymize = False
        self.include_names = False
        self.language = choices.default_language if choices.default_language in LANGUAGES else "id"
        self.session_id = choices.sessions[0].value if choices.sessions else ""
        self.form_id = choices.forms[0].value if choices.forms else ""
        self.folder = folder or Path.home()
        self.path = self.folder / self.suggested_name()

    # ---- what the dialog shows ---------------------------------------------------
    @property
    def has_filters(self) -> bool:
        return self.kind in ("excel", "summary", "docx-findings", "docx-transcripts")

    @property
    def has_identity_options(self) -> bool:
        """Real names can be added (the workbook only)."""
        return self.kind == "excel"

    @property
    def can_anonymize(self) -> bool:
        """The summary is always redacted; the workbook and a transcript on request."""
        return self.kind in ("excel", "session")

    def suggested_name(self) -> str:
        detail = {"session": self.session_id[:8], "blank": self.form_id}.get(self.kind, "")
        return default_file_name(self.kind, self.choices.study_title, detail=detail)

    # ---- changes -----------------------------------------------------------------
    def set_path(self, path: str | Path) -> None:
        text = str(path).strip()
        self.path = Path(text).expanduser() if text else Path()
        if text:
            self.folder = self.path.parent

    def set_anonymize(self, on: bool) -> None:
        self.anonymize = on
        if on:
            self.include_names = False

    def set_include_names(self, on: bool) -> None:
        self.include_names = on
        if on:
            self.anonymize = False

    def toggle_site(self, site: str, on: bool) -> None:
        (self.sites.add if on else self.sites.discard)(site)

    def toggle_status(self, status: str, on: bool) -> None:
        (self.statuses.add if on else self.statuses.discard)(status)

    def select(self, session_id: str = "", form_id: str = "") -> None:
        """Pick the session or form; a suggested file name follows the choice."""
        suggested = self.path.name == self.suggested_name()
        if session_id:
            self.session_id = session_id
        if form_id:
            self.form_id = form_id
        if suggested:
            self.path = self.folder / self.suggested_name()

    # ---- validation --------------------------------------------------------------
    def problems(self) -> list[str]:
        found = []
        if not str(self.path) or str(self.path) == "." or not self.path.name:
            found.append(NO_PATH)
        else:
            if not self.path.parent.is_dir():
                found.append(NO_FOLDER)
            if self.path.suffix.lower() != SUFFIX[self.kind]:
                found.append(WRONG_SUFFIX)
        if self.anonymize and self.include_names:
            found.append(NAMES_WITH_ANONYMIZE)
        if self.kind == "session" and not self.session_id:
            found.append(NO_SESSION)
        if self.kind == "blank" and not self.form_id:
            found.append(NO_FORM)
        return found

    @property
    def is_valid(self) -> bool:
        return not self.problems()

    def request(self) -> ExportRequest:
        problems = self.problems()
        if problems:
            raise ValueError(f"export options are not valid: {', '.join(problems)}")
        site_order = [s for s in self.choices.sites if s in self.sites]
        status_order = [s for s in STATUSES if s in self.statuses]
        return ExportRequest(
            kind=self.kind,
            path=self.path,
            filter=ReportFilter(tuple(site_order), tuple(status_order))
            if self.has_filters
            else ReportFilter(),
            anonymize=self.anonymize and self.can_anonymize,
            include_names=self.include_names and self.has_identity_options,
            language=self.language,
            session_id=self.session_id if self.kind == "session" else "",
            form_id=self.form_id if self.kind == "blank" else "",
        )

"""The corroboration rule: how well one incident is attested, in one place, pure.

An incident (who did what, when, where) is attested by *lines of evidence*, each of a
kind: ``observed`` (the researcher saw it), ``document`` (a screenshot, letter or news
report), ``self_report`` (the actor's own account), ``witness`` (an informant saw it),
``hearsay`` (an informant heard of it) and ``denial`` (a source says it did not happen).

* The first four kinds **support** the incident. Hearsay never does, however much of it
  there is; a denial never cancels support, it is listed beside it.
* Supporting lines are counted as **independent lines**: lines from the same source and
  the same technique are one line (two passages of one interview are one line). A
  line's source is its informant (none for what the researcher observed or a document);
  its technique is how the evidence was gathered: a kept document is documentation and
  what the researcher saw is observation wherever it was recorded, and any other line
  takes its session's technique (interview, observation, documentation).
* With the study's threshold ``T`` (a study setting, default 2):

  - ``corroborated``: at least ``T`` independent supporting lines (denials are listed
    beside it and do not cancel it);
  - ``contradicted``: at least one but fewer than ``T`` independent supporting lines, and
    at least one denial;
  - ``single_line``: at least one but fewer than ``T`` independent supporting lines, and
    no denial;
  - ``unattested``: no supporting line (only hearsay and/or denials, or nothing).

The rule never counts answers for or against each other: fifty denials do not outvote
an incident the researcher saw and kept a screenshot of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from neutralitas_desktop.vocabulary import Corroboration, EvidenceKind, SourceType

SUPPORTING: frozenset[str] = frozenset(
    {EvidenceKind.OBSERVED, EvidenceKind.DOCUMENT, EvidenceKind.SELF_REPORT, EvidenceKind.WITNESS}
)
DEFAULT_THRESHOLD = 2


@dataclass(frozen=True)
class LineSource:
    """What the rule needs of a line: its id, kind, and where it came from."""

    line_id: str
    kind: str  # EvidenceKind
    technique: str  # the session's SourceType
    informant: str = ""  # the informant's id or code; "" for none
    session: str = ""  # the session's id (an interview without an informant counts by it)


@dataclass(frozen=True)
class Decision:
    """The outcome for one incident and the lines that decided it."""

    corroboration: Corroboration
    independent: int  # independent supporting lines
    deciding: tuple[str, ...]  # ids of the supporting lines (first of each independent one)
    denials: tuple[str, ...]  # ids of the denials (listed beside, never cancelling)
    hearsay: tuple[str, ...]


def technique(line: LineSource) -> str:
    """How the evidence of a line was gathered, for telling lines apart."""
    if line.kind == EvidenceKind.DOCUMENT:
        return SourceType.DOCUMENTATION
    if line.kind == EvidenceKind.OBSERVED:
        return SourceType.OBSERVATION
    return line.technique


def source_key(line: LineSource) -> tuple[str, str]:
    """Two supporting lines with the same key are one independent line."""
    who = line.informant
    if (
        not who
        and line.technique == SourceType.INTERVIEW
        and line.kind
        not in (
            EvidenceKind.DOCUMENT,
            EvidenceKind.OBSERVED,
        )
    ):
        who = f"session:{line.session}"
    return technique(line), who


def threshold_of(settings: dict[str, Any]) -> int:
    """The study's corroboration threshold (``settings["triangulation"]``)."""
    raw = (settings.get("triangulation") or {}).get("corroboration_threshold")
    return max(1, int(raw)) if raw is not None else DEFAULT_THRESHOLD


def decide(lines: Iterable[LineSource], threshold: int = DEFAULT_THRESHOLD) -> Decision:
    """Apply the rule to an incident's lines (unlinked lines already left out)."""
    ordered: Sequence[LineSource] = sorted(lines, key=lambda x: x.line_id)
    first_of: dict[tuple[str, str], str] = {}
    for line in ordered:
        if line.kind in SUPPORTING:
            first_of.setdefault(source_key(line), line.line_id)
    denials = tuple(x.line_id for x in ordered if x.kind == EvidenceKind.DENIAL)
    hearsay = tuple(x.line_id for x in ordered if x.kind == EvidenceKind.HEARSAY)
    n = len(first_of)
    if n >= threshold:
        outcome = Corroboration.CORROBORATED
    elif n and denials:
        outcome = Corroboration.CONTRADICTED
    elif n:
        outcome = Corroboration.SINGLE_LINE
    else:
        outcome = Corroboration.UNATTESTED
    return Decision(outcome, n, tuple(first_of.values()), denials, hearsay)


# Order in which a row's incidents make its simpulan: its best-attested one decides.
STRENGTH: tuple[Corroboration, ...] = (
    Corroboration.CORROBORATED,
    Corroboration.SINGLE_LINE,
    Corroboration.CONTRADICTED,
    Corroboration.UNATTESTED,
)

"""Reading a verbatim interview transcript: its paragraphs, who speaks in each (labels such
as ``P:`` / ``I:`` or ``Peneliti:`` / ``Informan:``) and when (``[00:01:23]``, ``01:23``).

Pure text handling, no database: each segment keeps its character offsets in the whole
transcript, so a coding of a passage and a segment of the transcript meet on one text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from neutralitas_desktop.vocabulary import Speaker

# Labels a transcriber writes before a turn, by whom they name (case-insensitive).
SPEAKER_LABELS: dict[str, Speaker] = {
    "p": Speaker.RESEARCHER,
    "peneliti": Speaker.RESEARCHER,
    "pewawancara": Speaker.RESEARCHER,
    "interviewer": Speaker.RESEARCHER,
    "researcher": Speaker.RESEARCHER,
    "t": Speaker.RESEARCHER,  # Tanya
    "i": Speaker.INFORMANT,
    "informan": Speaker.INFORMANT,
    "narasumber": Speaker.INFORMANT,
    "informant": Speaker.INFORMANT,
    "n": Speaker.INFORMANT,
    "j": Speaker.INFORMANT,  # Jawab
}
_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?"
_STAMP = re.compile(rf"^\s*(?:\[{_TIME}\]|\({_TIME}\)|{_TIME}(?=\s|$))\s*")
_LABEL = re.compile(r"^\s*([A-Za-z]{1,12})\s*:\s*")
STAMP_ANYWHERE = re.compile(rf"\[{_TIME}\]")


@dataclass(frozen=True)
class Segment:
    """One paragraph (turn) of a transcript."""

    speaker: str | None  # a Speaker value, or None when no known label starts it
    label: str  # the label as written ("P", "Informan"), "" when none
    seconds: float | None
    text: str  # the paragraph without its label and time stamp
    start: int  # offsets of the whole paragraph in the transcript
    end: int

    def as_json(self) -> dict[str, object]:
        return {
            "speaker": self.speaker,
            "label": self.label,
            "seconds": self.seconds,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


def _seconds(groups: tuple[str | None, ...]) -> float | None:
    for i in range(0, len(groups), 3):
        hours, minutes, secs = groups[i : i + 3]
        if minutes is not None and secs is not None:
            return int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    return None


def stamp(seconds: float) -> str:
    """A time stamp as transcribers write it: ``[00:01:23]``."""
    total = int(seconds)
    return f"[{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}]"


def stamp_seconds(text: str) -> float | None:
    """The seconds of a ``[hh:mm:ss]`` / ``[mm:ss]`` stamp, None when ``text`` is not one."""
    match = STAMP_ANYWHERE.fullmatch(text.strip())
    return _seconds(match.groups()) if match else None


def _parse_line(line: str) -> tuple[str | None, str, float | None, str]:
    rest, seconds, speaker, label = line, None, None, ""
    for _ in range(2):  # "[00:01] P: …" and "P: [00:01] …" both occur
        match = _STAMP.match(rest)
        if match and seconds is None:
            seconds = _seconds(match.groups())
            rest = rest[match.end() :]
            continue
        match = _LABEL.match(rest)
        if match and not label and match.group(1).casefold() in SPEAKER_LABELS:
            label = match.group(1)
            speaker = SPEAKER_LABELS[label.casefold()].value
            rest = rest[match.end() :]
            continue
        break
    return speaker, label, seconds, rest.strip()


def segments(text: str) -> list[Segment]:
    """The transcript's paragraphs (non-empty lines) in order."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            speaker, label, seconds, rest = _parse_line(body)
            out.append(Segment(speaker, label, seconds, rest, offset, offset + len(body)))
        offset += len(line)
    return out


def normalise(text: str) -> str:
    """One paragraph a line, no trailing spaces, Unix line ends, no runs of blank lines."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def stamp_at(line: str, column: int) -> float | None:
    """The seconds of the ``[hh:mm:ss]`` stamp under ``column`` of a line (a click on a
    time stamp jumps the recording there)."""
    for match in STAMP_ANYWHERE.finditer(line):
        if match.start() <= column <= match.end():
            return _seconds(match.groups())
    return None

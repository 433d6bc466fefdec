"""Transcript files a researcher typed elsewhere: plain text, Word (.docx) and OpenDocument
(.odt), read as paragraphs (one a line), so speaker labels and time stamps survive."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from neutralitas_desktop.errors import NeutralitasError

SUFFIXES = (".txt", ".docx", ".odt")
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def read_transcript_file(path: Path) -> str:
    """The file's paragraphs, one a line."""
    suffix = path.suffix.casefold()
    if suffix not in SUFFIXES:
        raise NeutralitasError(
            f"{path}: a transcript is a {', '.join(SUFFIXES)} file, not '{path.suffix}'"
        )
    if not path.is_file():
        raise NeutralitasError(f"{path}: no such file")
    try:
        if suffix == ".txt":
            return _text(path)
        if suffix == ".docx":
            return _docx(path)
        return _odt(path)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError) as exc:
        raise NeutralitasError(f"{path}: not a readable {suffix} file ({exc})") from None


def _text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):  # Notepad on older Windows writes cp1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("unknown text encoding")


def _docx(path: Path) -> str:
    import docx  # python-docx; imported here so the CLI starts fast
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError:
        raise ValueError("not a Word document") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # transcripts laid out as a two-column table
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if any(cells):
                lines.append(": ".join(c for c in cells if c))
    return "\n".join(lines)


def _odt(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    lines = []
    for element in root.iter():
        if element.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            lines.append(_odf_text(element))
    return "\n".join(lines)


def _odf_text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{_ODF_TEXT}}}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append(" ")
        elif tag not in ("p", "h"):
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)

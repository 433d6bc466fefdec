"""The codebook as files: CSV (for spreadsheets) and REFI-QDA codebook exchange (`.qdc`).

CSV: one row per theme, a column per field and language (``label_id``, ``label_en``,
…), legal bases one per line in their cell; UTF-8 with a byte-order mark so Excel
opens it right; comma, semicolon or tab separated on import (Indonesian Excel saves
with semicolons). Columns present in the file are authoritative, absent ones are left
alone; an empty cell clears that text.

QDC (``urn:QDA-XML:codebook:1.0``, read by ATLAS.ti, MAXQDA, NVivo and QualCoder): one
``<Code>`` per theme, nested as the tree; ``name`` is the label in one language, the
``<Description>`` holds the description followed by inclusion, exclusion and legal basis
under fixed headings (a description from another tool goes back out unaltered); a
retired theme is ``isCodable="false"``; ``color`` is kept. The guid is the theme's id,
so re-importing an edited file updates the same themes (older exports also named the
code under "Kode:", which is still read).

Imports are all-or-nothing and report every problem with its row or code.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop import __version__
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork import audit
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Study, Theme
from neutralitas_desktop.triangulation.codebook import (
    ancestors,
    clean_text,
    create_theme,
    tree_order,
    validate_code,
)
from neutralitas_desktop.triangulation.types import ImportResult
from neutralitas_desktop.vocabulary.law import applies, merge_basis, read_basis, study_election

QDC_NS = "urn:QDA-XML:codebook:1.0"
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
TEXT_FIELDS = ("label", "description", "inclusion", "exclusion")
TRUE_WORDS = {"1", "true", "yes", "ya", "y", "x"}
FALSE_WORDS = {"", "0", "false", "no", "tidak", "n"}
# Headings inside a QDC Description, per language; either language is read back.
HEADINGS = {
    "id": {"inclusion": "Kriteria inklusi:", "exclusion": "Kriteria eksklusi:",
           "legal_basis": "Dasar hukum:", "code": "Kode:"},
    "en": {"inclusion": "Inclusion:", "exclusion": "Exclusion:",
           "legal_basis": "Legal basis:", "code": "Code:"},
}  # fmt: skip


@dataclass
class Draft:
    """A theme as a file describes it; None (or a missing key) means "leave as it is"."""

    where: str  # "row 5", "code 'Akun resmi'": for messages
    code: str
    id: str | None = None
    parent: str | None = None
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> lang -> text
    legal_basis: list[str] | None = None
    retired: bool | None = None
    color: str | None = None  # "#RRGGBB"


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # on a read-only disk even this fails
            tmp.unlink()
        raise NeutralitasError(f"cannot write {path}: {exc.strerror}") from None


def _study_languages(session: Session) -> tuple[list[str], str]:
    study = session.scalars(select(Study)).first()
    if study is None:
        raise NeutralitasError("the database holds no study")
    return list(study.languages), study.default_language


def _election(session: Session) -> str:
    study = session.scalars(select(Study)).first()
    return study_election(study.settings if study is not None else None)


def _basis_text(t: Theme, election: str, lang: str) -> list[str]:
    """The provisions of ``t`` that apply to the study's election, as text lines."""
    return [p.text(lang) for p in read_basis(t.legal_basis) if applies(p, election)]


def _live_tree(session: Session) -> list[tuple[Theme, int]]:
    return tree_order(session.scalars(select(Theme)).all())


# ---- CSV -------------------------------------------------------------------------------
def export_csv(db: Database, path: Path) -> int:
    """Write the codebook (without merged themes) to a CSV file; returns the themes written."""
    with db.session() as session:
        languages, default_language = _study_languages(session)
        election = _election(session)
        themes = _live_tree(session)
        codes = {t.id: t.code for t, _ in themes}
        header = ["code", "parent"]
        header += [f"{f}_{lang}" for f in TEXT_FIELDS for lang in languages]
        header += ["legal_basis", "retired"]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for t, _ in themes:
            texts = {f: getattr(t, f) or {} for f in TEXT_FIELDS}
            writer.writerow(
                [t.code, codes.get(t.parent_id or "", "")]
                + [texts[f].get(lang, "") for f in TEXT_FIELDS for lang in languages]
                + [
                    "\n".join(_basis_text(t, election, default_language)),
                    "yes" if t.retired else "no",
                ]
            )
    _write_atomically(path, out.getvalue().encode("utf-8-sig"))
    return len(themes)


def _read_csv(path: Path, default_language: str) -> list[Draft]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NeutralitasError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NeutralitasError(f"{path}: not UTF-8 text (save it as 'CSV UTF-8')") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise NeutralitasError(f"{path}: empty file")
    header = [h.strip().lower() for h in rows[0]]
    if "code" not in header:
        raise NeutralitasError(f"{path}, row 1: no 'code' column (found: {', '.join(header)})")
    drafts = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        cells = dict(zip(header, (v.strip() for v in values), strict=False))
        draft = Draft(f"row {number}", cells.get("code", ""))
        if "parent" in cells:
            draft.parent = cells["parent"]
        for name, value in cells.items():
            fname, _, lang = name.partition("_")
            if fname in TEXT_FIELDS and name != "legal_basis":
                draft.texts.setdefault(fname, {})[lang or default_language] = value
        if "legal_basis" in cells:
            draft.legal_basis = [b.strip() for b in cells["legal_basis"].splitlines() if b.strip()]
        if "retired" in cells:
            word = cells["retired"].lower()
            if word not in TRUE_WORDS | FALSE_WORDS:
                raise NeutralitasError(f"{path}, row {number}: retired must be yes or no")
            draft.retired = word in TRUE_WORDS
        drafts.append(draft)
    return drafts


def import_csv(db: Database, actor: Actor, path: Path) -> ImportResult:
    with db.session() as session:
        _, default_language = _study_languages(session)
    return _import(db, actor, _read_csv(path, default_language), path)


# ---- REFI-QDA codebook -----------------------------------------------------------------
# Characters XML 1.0 cannot hold at all (not even as a character reference): NUL and the
# other C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with what XML cannot hold replaced by U+FFFD, the marker of a character
    that could not be kept, so the file stays well-formed for every QDA program."""
    return _NOT_XML.sub("\ufffd", text)


def _description(t: Theme, lang: str, election: str) -> str:
    heads = HEADINGS.get(lang, HEADINGS["en"])
    parts = [(t.description or {}).get(lang, "")]
    for name in ("inclusion", "exclusion"):
        if text := (getattr(t, name) or {}).get(lang, ""):
            parts.append(f"{heads[name]} {text}")
    if basis := _basis_text(t, election, lang):
        parts.append(heads["legal_basis"] + "".join(f"\n- {b}" for b in basis))
    return "\n\n".join(p for p in parts if p)


def export_qdc(db: Database, path: Path, language: str | None = None) -> int:
    """Write the codebook as a REFI-QDA codebook, labels in ``language``."""
    with db.session() as session:
        _, default_language = _study_languages(session)
        lang = language or default_language
        election = _election(session)
        themes = _live_tree(session)
        ET.register_namespace("", QDC_NS)
        root = ET.Element(f"{{{QDC_NS}}}CodeBook", origin=f"neutralitas-desktop {__version__}")
        codes = ET.SubElement(root, f"{{{QDC_NS}}}Codes")
        elements: dict[str, ET.Element] = {}
        for t, _ in themes:
            parent = elements.get(t.parent_id or "", codes)
            label = t.label or {}
            element = ET.SubElement(
                parent,
                f"{{{QDC_NS}}}Code",
                guid=t.id.upper(),
                name=xml_text(label.get(lang) or next((v for v in label.values() if v), t.code)),
                isCodable="false" if t.retired else "true",
            )
            if t.color:
                element.set("color", t.color)
            description = ET.SubElement(element, f"{{{QDC_NS}}}Description")
            description.text = xml_text(_description(t, lang, election))
            elements[t.id] = element
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    _write_atomically(path, data)
    return len(themes)


def _parse_description(text: str) -> dict[str, Any]:
    """Split a Description back into description, inclusion, exclusion, legal basis, code."""
    markers = {h: name for heads in HEADINGS.values() for name, h in heads.items()}
    parsed: dict[str, Any] = {"description": []}
    current = "description"
    for line in text.splitlines():
        stripped = line.strip()
        head = next((h for h in markers if stripped.startswith(h)), None)
        if head is not None:
            current = markers[head]
            parsed.setdefault(current, [])
            rest = stripped[len(head) :].strip()
            if rest:
                parsed[current].append(rest)
        elif current == "legal_basis":
            if stripped:
                parsed[current].append(stripped.removeprefix("- ").strip())
        else:
            parsed[current].append(line)
    result: dict[str, Any] = {
        k: "\n".join(v).strip() for k, v in parsed.items() if k != "legal_basis"
    }
    if "legal_basis" in parsed:
        result["legal_basis"] = [b for b in parsed["legal_basis"] if b]
    return result


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    code = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:60]
    return code or "theme"


def _read_qdc(session: Session, path: Path, lang: str) -> list[Draft]:
    try:
        root = ET.parse(path).getroot()
    except OSError as exc:
        raise NeutralitasError(f"cannot read {path}: {exc.strerror}") from None
    except ET.ParseError as exc:
        raise NeutralitasError(f"{path}: not a REFI-QDA codebook (bad XML: {exc})") from None
    local = root.tag.rsplit("}", 1)[-1]
    ns = root.tag[: -len(local)]
    book = root if local == "CodeBook" else root.find(f"{ns}CodeBook")
    if book is None or book.find(f"{ns}Codes") is None:
        raise NeutralitasError(f"{path}: not a REFI-QDA codebook (no CodeBook/Codes)")
    themes = session.scalars(select(Theme)).all()
    by_id = {t.id.lower(): t for t in themes}
    by_code = {t.code: t for t in themes}
    by_label = {(t.label or {}).get(lang, ""): t for t in themes if t.merged_into_id is None}
    taken = set(by_code)
    drafts: list[Draft] = []

    def visit(codes: ET.Element, parent: str) -> None:
        for element in codes.findall(f"{ns}Code"):
            guid = (element.get("guid") or "").strip("{}").lower()
            name = (element.get("name") or "").strip()
            where = f"code '{name or guid}'"
            if not name:
                raise NeutralitasError(f"{path}: {where}: a Code needs a name")
            desc = element.find(f"{ns}Description")
            parsed = _parse_description(desc.text or "") if desc is not None else {}
            known = by_id.get(guid) or by_code.get(parsed.get("code", "")) or by_label.get(name)
            if known is not None:
                code = known.code
            else:
                code = parsed.get("code") or slug(name)
                base, n = code, 2
                while code in taken:
                    code, n = f"{base[:60]}_{n}", n + 1
                taken.add(code)
            draft = Draft(where, code, id=_uuid_or_none(guid), parent=parent)
            draft.texts["label"] = {lang: name}
            if desc is not None:
                for f in ("description", "inclusion", "exclusion"):
                    draft.texts[f] = {lang: parsed.get(f, "")}
                draft.legal_basis = parsed.get("legal_basis", [])
            draft.retired = element.get("isCodable", "true").strip().lower() == "false"
            color = (element.get("color") or "").strip()
            if color and not COLOR_RE.match(color):
                raise NeutralitasError(f"{path}: {where}: color '{color}' is not #RRGGBB")
            draft.color = color.upper() if color else None
            drafts.append(draft)
            visit(element, code)

    visit(book.find(f"{ns}Codes"), "")  # type: ignore[arg-type]
    return drafts


def _uuid_or_none(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def import_qdc(db: Database, actor: Actor, path: Path, language: str | None = None) -> ImportResult:
    """Read a REFI-QDA codebook; names become labels in ``language``."""
    with db.session() as session:
        _, default_language = _study_languages(session)
        drafts = _read_qdc(session, path, language or default_language)
    return _import(db, actor, drafts, path)


# ---- applying an import ------------------------------------------------------------------
def _import(db: Database, actor: Actor, drafts: list[Draft], path: Path) -> ImportResult:
    problems: list[str] = []
    seen: set[str] = set()
    for d in drafts:
        try:
            validate_code(d.code)
        except NeutralitasError as exc:
            problems.append(f"{d.where}: {exc}")
        if d.code in seen:
            problems.append(f"{d.where}: theme '{d.code}' appears twice")
        seen.add(d.code)
    added = updated = unchanged = 0
    with db.session() as session:
        election = _election(session)
        existing = {t.code: t for t in session.scalars(select(Theme))}
        for d in drafts:
            if d.parent and d.parent not in existing and d.parent not in seen:
                problems.append(f"{d.where}: parent '{d.parent}' is not a theme")
            if d.code not in existing and not any(clean_text(d.texts.get("label")).values()):
                problems.append(f"{d.where}: theme '{d.code}' needs a label")
        if problems:
            raise NeutralitasError(f"{path}: " + "; ".join(problems))
        for d in _parents_first(drafts, existing):
            theme = existing.get(d.code)
            if theme is None:
                theme_id = d.id if d.id and session.get(Theme, d.id) is None else None
                label = clean_text(d.texts.get("label"))
                theme = create_theme(session, actor, d.code, label, theme_id=theme_id)
                existing[d.code] = theme
                added += 1
                before = None
            else:
                before = _snapshot(theme)
            _apply(theme, d, existing, election)
            if before is not None:
                changed = _snapshot(theme) != before
                updated += changed
                unchanged += not changed
                if changed:
                    theme.device_id = actor.device_id
        session.flush()
        everything = {t.id: t for t in existing.values()}
        for d in drafts:
            theme = existing[d.code]
            if theme.parent_id and theme.id in ancestors(everything, theme.parent_id):
                raise NeutralitasError(
                    f"{path}: {d.where}: theme '{d.code}' would lie under itself"
                )
        audit.record(
            session, actor, "codebook.imported", "theme", path.name,
            added=added, updated=updated, unchanged=unchanged,
        )  # fmt: skip
    return ImportResult(added, updated, unchanged, str(path))


def _parents_first(drafts: list[Draft], existing: dict[str, Theme]) -> list[Draft]:
    ordered: list[Draft] = []
    done = set(existing)
    pending = list(drafts)
    while pending:
        ready = [d for d in pending if not d.parent or d.parent in done or d.parent == d.code]
        if not ready:  # a cycle among new themes: let the check after applying report it
            ready = pending[:1]
        for d in ready:
            ordered.append(d)
            done.add(d.code)
            pending.remove(d)
    return ordered


def _apply(theme: Theme, d: Draft, existing: dict[str, Theme], election: str) -> None:
    for name, given in d.texts.items():
        merged = {**(getattr(theme, name) or {}), **given}
        value = clean_text(merged)
        if name == "label" and not value:
            continue  # a theme keeps a label
        setattr(theme, name, value)
    if d.parent is not None:
        parent = existing.get(d.parent) if d.parent else None
        theme.parent_id = parent.id if parent is not None else None
    if d.legal_basis is not None:
        theme.legal_basis = merge_basis(theme.legal_basis, d.legal_basis, election)
    if d.retired is not None and not theme.merged_into_id:
        theme.retired = d.retired
    if d.color is not None:
        theme.color = d.color


def _snapshot(theme: Theme) -> tuple[Any, ...]:
    return (
        *(dict(getattr(theme, f) or {}) for f in TEXT_FIELDS),
        theme.parent_id,
        list(theme.legal_basis or ()),
        theme.retired,
        theme.color,
    )

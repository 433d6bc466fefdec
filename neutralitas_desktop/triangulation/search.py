"""Find and retrieve: full-text search over every answer's text and field note across the
study, and everything coded with a theme across sessions, as plain rows the coding
screens open from.

On SQLite the texts go into an SQLite FTS5 index (``unicode61`` with diacritics removed,
prefix queries, ranked by bm25, with a highlighted snippet). The index lives in memory and
is rebuilt only when the study's answers changed since the last search, so the study
file's schema stays as it is. The index is the standard library's ``sqlite3`` in memory
only, filled from the app's own engine: the study file itself is read through SQLCipher,
never opened by a second SQLite library (see store/cipher.py). On PostgreSQL (a
supervisor's master) the search is a case-insensitive ILIKE on every word instead.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, func, select

from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.store import cipher
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Coding,
    FieldSession,
    Informant,
    InstrumentVersion,
    Site,
    Theme,
)

MARK = ("[", "]")  # around the matched words in a snippet


@dataclass(frozen=True)
class SearchHit:
    answer_id: str
    session_id: str
    key: str  # the answer's key (question, or item/question in a repeat)
    target: str  # "value" (the answer) or "note" (the researcher's field note)
    text: str  # the whole text
    snippet: str  # the matched part, with the matched words between MARK
    form_id: str
    form_title: dict[str, str]
    question_label: dict[str, str]  # the question as asked, by language
    site_name: str
    informant_code: str
    started_at: dt.datetime


@dataclass(frozen=True)
class CodedPassage:
    coding_id: str
    answer_id: str
    session_id: str
    key: str
    stance: str
    excerpt: str
    memo: str
    form_id: str
    site_name: str
    informant_code: str
    started_at: dt.datetime


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.casefold()) if w]


def _context() -> Select[Any]:
    return (
        select(
            Answer.id,
            Answer.session_id,
            Answer.key,
            Answer.value,
            Answer.note,
            InstrumentVersion.form_id,
            InstrumentVersion.definition,
            Site.name,
            Informant.code,
            FieldSession.started_at,
        )
        .join(FieldSession, FieldSession.id == Answer.session_id)
        .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
        .join(Site, Site.id == FieldSession.site_id)
        .outerjoin(Informant, Informant.id == FieldSession.informant_id)
        .where(
            Answer.relevant.is_(True),
            (Informant.id.is_(None)) | (Informant.consent_status != "withdrawn"),
        )
    )


class TextSearch:
    """Full-text search over one study; keep one per open study (the index is cached)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._index: sqlite3.Connection | None = None
        self._stamp: tuple[object, ...] = ()
        self._rows: dict[int, tuple[object, ...]] = {}
        self._labels: dict[str, dict[str, dict[str, str]]] = {}  # by form version

    # ---- the index --------------------------------------------------------------------
    def _current_stamp(self) -> tuple[object, ...]:
        with self.db.session() as s:
            answers = s.execute(select(func.count(), func.max(Answer.updated_at))).one()
            consent = s.scalar(select(func.max(Informant.updated_at)))  # a withdrawal hides
            return (*answers, consent)

    def _build(self) -> sqlite3.Connection:
        index = cipher.in_memory()
        index.execute(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
        )
        self._rows = {}
        rowid = 0
        with self.db.session() as s:
            for row in s.execute(_context()):
                for target, text in (("value", row[3]), ("note", row[4])):
                    if text and any(c.isalpha() for c in text):
                        rowid += 1
                        self._rows[rowid] = (*row[:3], target, text, *row[5:])
                        index.execute("INSERT INTO t(rowid, body) VALUES (?, ?)", (rowid, text))
        return index

    def _ensure(self) -> sqlite3.Connection:
        stamp = self._current_stamp()
        if self._index is None or stamp != self._stamp:
            if self._index is not None:
                self._index.close()
            self._index = self._build()
            self._stamp = stamp
        return self._index

    # ---- searching --------------------------------------------------------------------
    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Texts holding every word of ``query`` (each also as a prefix: "kampan" finds
        "kampanye"), best first. An empty query finds nothing."""
        words = _words(query)
        if not words:
            return []
        if not self.db.is_sqlite:
            return self._search_ilike(words, limit)
        match = " ".join(f'"{w}"*' for w in words)
        with self._lock:
            index = self._ensure()
            found = index.execute(
                "SELECT rowid, snippet(t, 0, ?, ?, '…', 12) FROM t WHERE t MATCH ? "
                "ORDER BY bm25(t) LIMIT ?",
                (*MARK, match, limit),
            ).fetchall()
            return [self._hit(self._rows[rowid], snippet) for rowid, snippet in found]

    def _search_ilike(self, words: list[str], limit: int) -> list[SearchHit]:
        hits: list[SearchHit] = []
        for target, column in (("value", Answer.value), ("note", Answer.note)):
            query = _context().where(and_(*(column.ilike(f"%{w}%") for w in words)))
            with self.db.session() as s:
                for row in s.execute(query.limit(limit)):
                    text = row[3] if target == "value" else row[4]
                    hits.append(self._hit((*row[:3], target, text, *row[5:]), text[:160]))
        return hits[:limit]

    def _hit(self, row: tuple[object, ...], snippet: str) -> SearchHit:
        aid, sid, key, target, text, form_id, definition, site, code, started = row
        title = dict(definition.get("title", {})) if isinstance(definition, dict) else {}
        labels = self._labels.get(str(form_id) + str(title))
        if labels is None and isinstance(definition, dict):
            nodes = Instrument.from_dict(definition).nodes_by_name()
            labels = {n: dict(getattr(node, "label", {}) or {}) for n, node in nodes.items()}
            self._labels[str(form_id) + str(title)] = labels
        question = (labels or {}).get(str(key).rsplit("/", 1)[-1], {})
        return SearchHit(
            str(aid),
            str(sid),
            str(key),
            str(target),
            str(text),
            snippet,
            str(form_id),
            title,
            question,
            str(site),
            str(code or ""),
            started,  # type: ignore[arg-type]
        )


def coded_with(db: Database, theme_code: str) -> list[CodedPassage]:
    """Every passage coded by hand with ``theme_code`` (or one of the themes merged into
    it), across all sessions, newest session first."""
    with db.session() as s:
        theme_id = s.scalar(select(Theme.id).where(Theme.code == theme_code))
        if theme_id is None:
            return []
        ids = {theme_id} | set(s.scalars(select(Theme.id).where(Theme.merged_into_id == theme_id)))
        rows = s.execute(
            select(
                Coding.id,
                Coding.answer_id,
                Answer.session_id,
                Answer.key,
                Coding.stance,
                Coding.excerpt,
                Coding.memo,
                InstrumentVersion.form_id,
                Site.name,
                Informant.code,
                FieldSession.started_at,
            )
            .join(Answer, Answer.id == Coding.answer_id)
            .join(FieldSession, FieldSession.id == Answer.session_id)
            .join(InstrumentVersion, InstrumentVersion.id == FieldSession.instrument_id)
            .join(Site, Site.id == FieldSession.site_id)
            .outerjoin(Informant, Informant.id == FieldSession.informant_id)
            .where(Coding.theme_id.in_(ids), Coding.deleted.is_(False))
            .order_by(FieldSession.started_at.desc(), Answer.key)
        ).all()
    return [
        CodedPassage(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or "", r[10])
        for r in rows
    ]

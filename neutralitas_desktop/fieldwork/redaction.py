"""The one redaction service behind every output that must not identify a person (the
anonymised Excel workbook, the PDFs, anonymised packages): informants' and researchers'
names typed anywhere become the person's pseudonymous code, and phone numbers, e-mail
addresses, NIP, NIK and recorded social-media handles become neutral markers.

Names are matched whole, first or last, case-insensitively and on word boundaries, the
longest first; a name part two people share becomes ``[nama]``, never the wrong code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from neutralitas_desktop.fieldwork.redaction_patterns import combined, normal
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Informant,
    InformantIdentity,
    InstrumentVersion,
    Researcher,
)

KINDS = ("name", "phone", "email", "nip", "nik", "handle")
MARKERS = {
    "name": "[nama]",
    "phone": "[telepon]",
    "email": "[email]",
    "nip": "[NIP]",
    "nik": "[NIK]",
    "handle": "[akun]",
}
MIN_PART = 3  # shorter name parts would blank out ordinary words
# Titles, honorifics and particles are not names (and would redact ordinary words).
# fmt: off
NOT_NAMES = frozenset({
    "bapak", "ibu", "pak", "bu", "mas", "mbak", "kak", "sdr", "sdri", "saudara", "saudari",
    "haji", "hajah", "hajjah", "hj", "drs", "dra", "ir", "dr", "prof", "bin", "binti", "van",
    "der", "den",
})
# fmt: on
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HANDLE = re.compile(r"@([\w.]{2,})|(?:instagram|tiktok|facebook|twitter|x)\.com/([\w.]{2,})")
_CACHE_LIMIT = 200_000
_CACHE_TEXT = 120  # short texts repeat (choice labels, names of sites): remember them


@dataclass(frozen=True)
class Person:
    """Someone whose name must not appear: the code that stands for them."""

    name: str
    code: str


def name_terms(name: str) -> list[str]:
    """The full name and each of its parts that can identify (in ``normal`` form)."""
    tokens = [t for t in re.split(r"[\s,;/()]+", name) if t and "." not in t]  # Dra., M.Si.
    words = [w for t in tokens for w in _WORD.findall(t) if w.lower() not in NOT_NAMES]
    terms = [normal(" ".join(words))] if words else []
    terms += [normal(w) for w in words if len(w) >= MIN_PART]
    return [t for t in dict.fromkeys(terms) if len(t) >= MIN_PART]


def handles_in(contact: str) -> list[str]:
    """Social-media handles written in an identity's contact or notes field."""
    found = []
    for at, url in _HANDLE.findall(contact):
        handle = (at or url).strip(".").lower()
        if len(handle) >= 3:
            found.append(handle)
    return found


class Redactor:
    """Replaces identities in texts and counts what it replaced, by kind."""

    def __init__(
        self,
        people: Iterable[Person] = (),
        handles: Iterable[str] = (),
        protected: Iterable[str] = (),
    ) -> None:
        """``protected``: values kept as they are (an instrument's choice codes, which a
        first name might spell)."""
        codes: dict[str, set[str]] = {}
        for person in people:
            for term in name_terms(person.name):
                codes.setdefault(term, set()).add(person.code)
        self._names = {
            term: (f"[{next(iter(c))}]" if len(c) == 1 else MARKERS["name"])
            for term, c in codes.items()
        }
        self._handles = {normal(h).lstrip("@") for h in handles if len(h.lstrip("@")) >= 3}
        self._pattern = combined(self._names, self._handles)
        self._protected = frozenset(protected)
        self._counted: Counter[str] = Counter()  # replacements in texts not cached
        # Short texts repeat (choice labels, names of sites and researchers): each is
        # redacted once, then looked up; texts that held identities count their repeats.
        self._cache: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._seen: dict[str, int] = {}

    def redact(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is not None:
            if cached[1]:
                self._seen[text] += 1
            return cached[0]
        kinds: tuple[str, ...] = ()
        if self._protected and all(token in self._protected for token in text.split()):
            out = text  # a choice code, or several (a multiple choice)
        else:
            found: list[str] = []

            def replace(m: re.Match[str]) -> str:
                kind = m.lastgroup or "name"
                found.append(kind)
                if kind == "name":
                    return self._names.get(normal(m.group(0)), MARKERS["name"])
                return MARKERS[kind]

            out, kinds = self._pattern.sub(replace, text), tuple(found)
        if len(text) > _CACHE_TEXT:
            self._counted.update(kinds)
            return out
        if len(self._cache) >= _CACHE_LIMIT:
            self._counted = self.counts
            self._cache.clear()
            self._seen.clear()
        self._cache[text] = (out, kinds)
        if kinds:
            self._seen[text] = 1
        return out

    __call__ = redact

    @property
    def counts(self) -> Counter[str]:
        """How many of each kind were replaced, over every text seen so far."""
        counts = Counter(self._counted)
        for text, seen in self._seen.items():
            for kind in self._cache[text][1]:
                counts[kind] += seen
        return counts

    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> list[tuple[str, int]]:
        """(kind, how many replaced) for every kind, in a fixed order."""
        counts = self.counts
        return [(kind, counts.get(kind, 0)) for kind in KINDS]


def researcher_code(initials: str, researcher_id: str) -> str:
    """A researcher's pseudonymous code in anonymised outputs: their initials."""
    return initials.strip() or f"P-{researcher_id[:4].upper()}"


def redactor_for(
    source: Database | Connection, replace: Callable[[str, str], str | None] | None = None
) -> Redactor:
    """The redactor of a study: its informants' and researchers' names and handles.

    ``replace(informant_id, code)`` says what stands for an informant's name (their code
    when not given); None leaves that informant's name and handles as they are (a case file
    names those who agreed to be named)."""
    if isinstance(source, Database):
        with source.engine.connect() as con:
            return redactor_for(con, replace)
    con = source
    people: list[Person] = []
    handles: list[str] = []
    for informant_id, name, contact, notes, code in con.execute(
        select(
            Informant.id,
            InformantIdentity.real_name,
            InformantIdentity.contact,
            InformantIdentity.notes,
            Informant.code,
        ).join(Informant, Informant.id == InformantIdentity.informant_id)
    ):
        shown = code if replace is None else replace(informant_id, code)
        if shown is None:
            continue
        if name and name.strip():
            people.append(Person(name, shown))
        handles += handles_in(f"{contact or ''} {notes or ''}")
    for rid, name, initials in con.execute(
        select(Researcher.id, Researcher.name, Researcher.initials)
    ):
        if name and name.strip():
            people.append(Person(name, researcher_code(initials or "", rid)))
    codes = {
        choice["name"]
        for (definition,) in con.execute(select(InstrumentVersion.definition))
        for choices in (definition or {}).get("choice_lists", {}).values()
        for choice in choices
    }
    return Redactor(people, handles, codes)

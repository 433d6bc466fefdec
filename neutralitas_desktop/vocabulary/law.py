"""A theme's legal basis as structured provisions, and which of them apply.

Which law applies depends on the election (Pilkada or Pemilu) and on who acted, so each
provision says what it forbids, whom it binds, its sanction and the body that acts, and
for which election types it holds. A study stores them in the theme's JSON ``legal_basis``
column as dicts; studies and packages written before this kept plain citation strings,
which read as a provision that applies whatever the election and whoever acted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from neutralitas_desktop.vocabulary.labels import label
from neutralitas_desktop.vocabulary.terms import ActorType, Election, SanctionKind, values

EVERY_ELECTION: tuple[str, ...] = (Election.PILKADA.value, Election.PEMILU.value)


@dataclass(frozen=True)
class Provision:
    """One article of one regulation, as it bears on a theme."""

    regulation: str  # e.g. "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016"
    pasal: str = ""
    ayat: str = ""
    huruf: str = ""
    forbids: str = ""  # what it forbids or requires, in the study's language
    binds: tuple[str, ...] = ()  # ActorType values; () = not limited to an actor type
    sanction: str = ""  # SanctionKind value, or "" when unknown
    sanction_article: str = ""  # e.g. "Pasal 188"
    body: str = ""  # who acts on it: Bawaslu / Panwascam, BKN, the regent, ...
    elections: tuple[str, ...] = EVERY_ELECTION
    note: str = ""  # e.g. "(check) ..." where the wording is not confirmed

    @property
    def article(self) -> str:
        """The article as an Indonesian citation writes it: Pasal 71 ayat (1) huruf b."""
        # "Lampiran II (…)" and the like are cited as they are; numbers are articles.
        pasal = self.pasal if not self.pasal[:1].isdigit() else f"Pasal {self.pasal}"
        parts = [pasal] if self.pasal else []
        if self.ayat:
            parts.append(f"ayat ({self.ayat})")
        if self.huruf:
            parts.append(f"huruf {self.huruf}")
        return " ".join(parts)

    @property
    def citation(self) -> str:
        return ", ".join(p for p in (self.regulation, self.article) if p)

    def text(self, lang: str = "id") -> str:
        """The provision on one line, for a report, an export or a screen."""
        parts = [self.citation]
        if self.forbids:
            parts.append(self.forbids)
        if self.binds:
            parts.append(
                ("berlaku bagi: " if lang == "id" else "binds: ")
                + ", ".join(label(ActorType, b, lang) for b in self.binds)
            )
        if self.sanction and self.sanction != SanctionKind.NONE:
            kind = label(SanctionKind, self.sanction, lang)
            parts.append(f"{kind} {self.sanction_article}".strip())
        if self.body:
            parts.append(("ditangani: " if lang == "id" else "acted on by: ") + self.body)
        if self.note:
            parts.append(self.note)
        return " — ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """The stored shape (JSON)."""
        return {
            "regulation": self.regulation,
            "pasal": self.pasal,
            "ayat": self.ayat,
            "huruf": self.huruf,
            "forbids": self.forbids,
            "binds": list(self.binds),
            "sanction": self.sanction,
            "sanction_article": self.sanction_article,
            "body": self.body,
            "elections": list(self.elections),
            "note": self.note,
        }


def _codes(value: Any, allowed: tuple[str, ...], field: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    codes = tuple(str(v).strip() for v in items if str(v).strip())
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValueError(f"{field}: unknown value(s) {', '.join(unknown)}")
    return codes


def provision_from(item: str | Mapping[str, Any]) -> Provision:
    """A stored entry as a provision: a dict (this shape) or a plain citation string (the
    shape of older studies and packages). Raises ValueError on unknown codes."""
    if isinstance(item, str):
        return Provision(regulation=item.strip())
    elections = _codes(item.get("elections"), values(Election), "elections")
    if Election.BOTH in elections or not elections:
        elections = EVERY_ELECTION
    sanction = str(item.get("sanction") or "").strip()
    if sanction and sanction not in values(SanctionKind):
        raise ValueError(f"sanction: unknown value {sanction}")
    return Provision(
        regulation=str(item.get("regulation") or "").strip(),
        pasal=str(item.get("pasal") or "").strip(),
        ayat=str(item.get("ayat") or "").strip(),
        huruf=str(item.get("huruf") or "").strip(),
        forbids=str(item.get("forbids") or "").strip(),
        binds=_codes(item.get("binds"), values(ActorType), "binds"),
        sanction=sanction,
        sanction_article=str(item.get("sanction_article") or "").strip(),
        body=str(item.get("body") or "").strip(),
        elections=elections,
        note=str(item.get("note") or "").strip(),
    )


def read_basis(stored: Iterable[Any] | None) -> tuple[Provision, ...]:
    """A ``legal_basis`` column (either shape) as provisions; entries that cannot be read
    (a newer version's codes) keep their citation rather than being dropped."""
    out: list[Provision] = []
    for item in stored or ():
        try:
            out.append(provision_from(item))
        except (ValueError, AttributeError, TypeError):
            if isinstance(item, Mapping):
                out.append(Provision(regulation=str(item.get("regulation") or item)))
    return tuple(p for p in out if p.regulation)


class HasBasis(Protocol):
    @property
    def legal_basis(self) -> tuple[Provision, ...]: ...


def applies(provision: Provision, election: str, actor_type: str | None = None) -> bool:
    if election != Election.BOTH and election not in provision.elections:
        return False
    return actor_type is None or not provision.binds or actor_type in provision.binds


def provisions_for(
    theme: HasBasis, election: str, actor_type: str | None = None
) -> tuple[Provision, ...]:
    """The theme's provisions that apply to a study of ``election`` (pilkada, pemilu or
    both) and, when given, to an act by ``actor_type``; no others."""
    return tuple(p for p in theme.legal_basis if applies(p, election, actor_type))


def basis_lines(theme: HasBasis, election: str, lang: str = "id") -> list[str]:
    """The applicable provisions as text lines, for exports and reports."""
    return [p.text(lang) for p in provisions_for(theme, election)]


def study_election(settings: Mapping[str, Any] | None) -> str:
    """The election a study covers, from its settings; "both" for studies made before the
    setting existed (every provision shows, none is hidden by mistake)."""
    value = str((settings or {}).get("election") or Election.BOTH.value)
    return value if value in values(Election) else Election.BOTH.value


def store_basis(items: Iterable[Provision | str | Mapping[str, Any]]) -> list[Any]:
    """Provisions (or plain citations) in the stored JSON shape."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, Provision):
            out.append(item.as_dict())
        elif isinstance(item, str):
            if item.strip():
                out.append(item.strip())
        else:
            out.append(provision_from(item).as_dict())
    return out


def merge_basis(stored: Iterable[Any] | None, lines: Iterable[str], election: str) -> list[Any]:
    """A theme's legal basis after a file gave it back as text lines: a line that is an
    existing provision's text keeps that provision's structure, a new line is a plain
    citation, and provisions the file could not show (another election's) stay."""
    existing = read_basis(stored)
    kept = [p for p in existing if not applies(p, election)]
    shown = {p.text(lang): p for p in existing for lang in ("id", "en")}
    shown.update({p.citation: p for p in existing if p.citation not in shown})
    given = [shown.get(line.strip(), line.strip()) for line in lines if line.strip()]
    if given == [p for p in existing if applies(p, election)]:
        return list(stored or ())  # unchanged: keep the stored order and shape
    return store_basis([*kept, *given])

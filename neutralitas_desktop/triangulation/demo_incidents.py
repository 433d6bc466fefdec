"""Incidents for the demo study: at each site a few incidents with realistic evidence chains
drawn from that site's sessions, so the matrix holds corroborated, single-line,
contradicted and unattested incidents, one finding with its reason and a member check, and
the legal analysis of the village head's incident (``demo_legal``).

Run after ``fieldwork.demo.generate_demo`` (the CLI's ``demo`` command does both)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import and_, select

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    Answer,
    Attachment,
    FieldSession,
    Informant,
    QuestionStance,
    Site,
)
from neutralitas_desktop.triangulation.demo_legal import add_demo_legal_analysis
from neutralitas_desktop.triangulation.findings import add_finding
from neutralitas_desktop.triangulation.incidents import add_incident, link
from neutralitas_desktop.triangulation.member_checks import add_member_check


@dataclass(frozen=True)
class Scenario:
    theme: str
    actor_type: str
    actor_code: str
    summary: str
    lines: tuple[tuple[str, str], ...]  # (kind, source type) of each line
    platform: str = ""
    favours: str = ""


SCENARIOS = (
    Scenario(
        "official_account_use", "asn_official", "akun Instagram resmi kantor",
        "Akun Instagram resmi kantor menyukai unggahan kampanye petahana",
        (("observed", "observation"), ("document", "documentation"), ("denial", "interview")),
        platform="Instagram", favours="Paslon 01 (petahana)",
    ),
    Scenario(
        "incumbent_programme", "asn_official", "Camat",
        "Camat meminta staf menyukseskan pembagian bantuan bergambar petahana",
        (("witness", "interview"),), favours="Paslon 01 (petahana)",
    ),
    Scenario(
        "campaign_attendance", "asn_official", "Sekretaris camat",
        "Sekretaris camat hadir dan berorasi pada deklarasi pasangan calon",
        (("witness", "interview"), ("denial", "interview")), favours="Paslon 02",
    ),
    Scenario(
        "socmed_engagement", "asn_staff", "ASN-03 (staf seksi pemerintahan)",
        "Staf disebut membagikan poster pasangan calon di grup WhatsApp warga",
        (("hearsay", "interview"), ("hearsay", "interview"), ("hearsay", "interview")),
        platform="WhatsApp", favours="Paslon 02",
    ),
    Scenario(
        "village_mobilisation", "village_head", "Kepala desa",
        "Kepala desa mengarahkan perangkat desa memasang atribut pasangan calon",
        (("witness", "interview"), ("self_report", "interview")), favours="Paslon 01 (petahana)",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class _Source:
    session_id: str
    source_type: str
    informant_id: str | None
    started_at: dt.datetime


def _sources(db: Database) -> dict[str, list[_Source]]:
    """Usable sessions per site: completed or reviewed, consent given where asked."""
    with db.session() as s:
        rows = s.execute(
            select(
                FieldSession.site_id,
                FieldSession.id,
                FieldSession.source_type,
                FieldSession.informant_id,
                FieldSession.started_at,
            )
            .outerjoin(Informant, Informant.id == FieldSession.informant_id)
            .where(
                FieldSession.status.in_(("completed", "approved", "returned")),
                (Informant.id.is_(None)) | (Informant.consent_status == "given"),
            )
            .order_by(FieldSession.started_at, FieldSession.id)
        ).all()
    out: dict[str, list[_Source]] = {}
    for site, session_id, source_type, informant_id, started_at in rows:
        out.setdefault(site, []).append(_Source(session_id, source_type, informant_id, started_at))
    return out


def _target(db: Database, source: _Source, theme: str, kind: str) -> dict[str, str | None]:
    """What to link in the session: a kept file for a document, else an answer to a
    question of the incident's theme, else the whole session."""
    with db.session() as s:
        if kind == "document":
            sha = s.scalar(
                select(Attachment.sha256)
                .join(Answer, Answer.value == Attachment.sha256)
                .where(Answer.session_id == source.session_id)
            )
            if sha:
                return {"attachment": sha, "question": None}
        question = s.scalar(
            select(Answer.question)
            .join(FieldSession, FieldSession.id == Answer.session_id)
            .join(
                QuestionStance,
                and_(
                    QuestionStance.instrument_id == FieldSession.instrument_id,
                    QuestionStance.question == Answer.question,
                ),
            )
            .where(Answer.session_id == source.session_id, QuestionStance.theme_code == theme)
            .order_by(Answer.key)
        )
    return {"attachment": None, "question": question}


def add_demo_incidents(db: Database, actor: Actor, seed: int = 1) -> int:
    """Add the demo's incidents (three per site, rotating the scenarios); returns how many."""
    rng = random.Random(seed)
    by_site = _sources(db)
    with db.session() as s:
        sites = s.execute(select(Site.id, Site.name).order_by(Site.name)).all()
    made: list[tuple[str, str]] = []
    for k, (site_id, _name) in enumerate(sites):
        pool = by_site.get(site_id, [])
        if not pool:
            continue
        for scenario in (SCENARIOS[(k + j) % len(SCENARIOS)] for j in range(3)):
            chosen = _pick(rng, pool, scenario)
            if len(chosen) < len(scenario.lines):
                continue  # each scenario shows the verdict its lines make, or is left out
            day = min(src.started_at for _, src in chosen).date() - dt.timedelta(rng.randint(2, 9))
            incident = add_incident(
                db, actor, site=site_id, theme=scenario.theme, actor_type=scenario.actor_type,
                actor_code=scenario.actor_code, date_start=day, platform=scenario.platform,
                favours=scenario.favours, summary=scenario.summary,
                link=f"https://www.instagram.com/p/demo{rng.randrange(10**6):06d}/"
                if scenario.platform == "Instagram" else "",
            )  # fmt: skip
            for kind, src in chosen:
                target = _target(db, src, scenario.theme, kind)
                link(
                    db, actor, incident.id, kind, session_id=src.session_id,
                    question=target["question"], attachment=target["attachment"],
                )  # fmt: skip
            made.append((incident.id, scenario.theme))
    _finding_and_member_check(db, actor, made, by_site)
    add_demo_legal_analysis(db, actor, {incident_id for incident_id, _ in made})
    return len(made)


def _pick(rng: random.Random, pool: list[_Source], scenario: Scenario) -> list[tuple[str, _Source]]:
    """A session for each line; lines from interviews come from different informants."""
    used: set[str] = set()
    chosen = []
    for kind, source_type in scenario.lines:
        candidates = [
            p for p in pool
            if p.source_type == source_type and p.session_id not in used
            and (p.informant_id is None or p.informant_id not in used)
        ]  # fmt: skip
        if not candidates:
            continue
        src = rng.choice(candidates)
        used |= {src.session_id, src.informant_id or src.session_id}
        chosen.append((kind, src))
    return chosen


def _finding_and_member_check(
    db: Database, actor: Actor, made: list[tuple[str, str]], by_site: dict[str, list[_Source]]
) -> None:
    accounts = [i for i, theme in made if theme == "official_account_use"]
    if not accounts:
        return
    finding = add_finding(
        db, actor, "official_account_use",
        "Akun media sosial resmi kantor dipakai untuk menyukai unggahan kampanye petahana.",
        status="verified", incidents=accounts,
        reason="Dilihat langsung oleh peneliti dan tersimpan sebagai tangkapan layar; bantahan "
        "staf dicatat di samping peristiwa.",
    )  # fmt: skip
    informant = next(
        (src.informant_id for pool in by_site.values() for src in pool if src.informant_id), None
    )
    if informant:
        add_member_check(
            db, actor, informant, material="summary", given="Ringkasan wawancara (2 halaman)",
            given_on=dt.date(2024, 11, 28), response="corrected",
            response_note="Informan meluruskan tanggal kegiatan.", findings=[finding.id],
        )  # fmt: skip

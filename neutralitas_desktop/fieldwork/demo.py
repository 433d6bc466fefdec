"""A realistic synthetic study (`neutralitas demo`): sites, informants in many roles, and
interviews, observations and document reviews with answers, repeats, notes and codings.

Reproducible by seed. Themes get planted patterns so the triangulation matrix has
something to show: some converge on a violation, some on neutrality, some diverge
between source types, some rest on one source only. Rows are written in bulk with
SQLAlchemy Core so that benchmark-sized studies (hundreds of thousands of answers)
build in seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from neutralitas_desktop.errors import Cancelled, NeutralitasError
from neutralitas_desktop.fieldwork import journal
from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.demo_material import (
    FIRST,
    LAST,
    PATTERNS,
    SCREENSHOT_COLOURS,
    passage,
    png,
)
from neutralitas_desktop.fieldwork.demo_result import DemoResult
from neutralitas_desktop.fieldwork.demo_writes import write_batch
from neutralitas_desktop.instruments import xpath
from neutralitas_desktop.instruments.model import Group, Instrument, Question
from neutralitas_desktop.operations import CancelToken, Progress
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import (
    DeviceKey,
    Informant,
    InformantRole,
    InstrumentVersion,
    Researcher,
    Site,
    Study,
    Theme,
    derived_id,
    new_id,
    utcnow,
)

SITES: tuple[tuple[str, str, str], ...] = (
    ("Kantor Kecamatan Cibeureum", "kecamatan", "Kota Tasikmalaya, Jawa Barat"),
    ("Kelurahan Setianagara", "kelurahan", "Kota Tasikmalaya, Jawa Barat"),
    ("Kantor Kecamatan Ciamis", "kecamatan", "Kabupaten Ciamis, Jawa Barat"),
    ("Kelurahan Linggasari", "kelurahan", "Kabupaten Ciamis, Jawa Barat"),
    ("Kantor Kecamatan Bantul", "kecamatan", "Kabupaten Bantul, DI Yogyakarta"),
    ("Desa Trirenggo", "desa", "Kabupaten Bantul, DI Yogyakarta"),
    ("Kantor Kecamatan Medan Baru", "kecamatan", "Kota Medan, Sumatera Utara"),
    ("Kelurahan Padang Bulan", "kelurahan", "Kota Medan, Sumatera Utara"),
)


@dataclass
class _Batch:
    journal: journal.Batch  # answers and their revisions, as every writer makes them
    attachments: dict[str, dict[str, Any]] = field(default_factory=dict)
    codings: list[dict[str, Any]] = field(default_factory=list)


def generate_demo(
    db: Database,
    actor: Actor,
    sessions: int = 200,
    seed: int = 1,
    device_name: str | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> DemoResult:
    """Add ``sessions`` synthetic sessions (and the sites and informants they need). A cancel
    keeps the whole batches written (~20,000 answers each), drops the one being made."""
    if sessions < 0:
        raise NeutralitasError("the number of sessions cannot be negative")
    rng = random.Random(seed)
    result = DemoResult()
    with db.writing() as s:  # another demo may be adding the same sites and team
        study = s.scalars(select(Study)).first()
        if study is None:
            raise NeutralitasError("the database holds no study; run `neutralitas init` first")
        role = s.scalar(select(DeviceKey.role).where(DeviceKey.device_id == actor.device_id))
        laptop = bool(device_name) or role != "supervisor"
        if device_name:
            actor = _demo_actor(s, study.id, actor, device_name)
            team = [actor]
        else:
            team = [_team_member(s, study.id, name, actor.device_id) for name in DEMO_TEAM]
        roles = [r.code for r in s.scalars(select(InformantRole).order_by(InformantRole.sort))]
        themes = {t.code: t.id for t in s.scalars(select(Theme))}
        rows = s.scalars(select(InstrumentVersion)).all()
        instruments = {r.id: Instrument.from_dict(r.definition) for r in rows}
        periods = study.settings.get("periods") or []
        site_ids = []
        for name, kind, region in SITES:
            sid = derived_id("site", study.id, name)
            if s.get(Site, sid) is None and s.scalar(select(Site.id).where(Site.name == name)):
                sid = s.scalar(select(Site.id).where(Site.name == name)) or sid
            elif s.get(Site, sid) is None:
                s.add(Site(id=sid, name=name, kind=kind, region=region, device_id=actor.device_id))
                result.sites += 1
            site_ids.append(sid)
        s.flush()
    if not instruments:
        raise NeutralitasError("the study has no instruments")
    theme_codes = sorted(themes)
    pattern_names = list(PATTERNS)
    theme_pattern = {
        code: pattern_names[i % len(pattern_names)]
        for i, code in enumerate(sorted(theme_codes, key=lambda c: random.Random(c).random()))
    }
    by_source: dict[str, list[tuple[str, Instrument]]] = {}
    for iid, ins in sorted(instruments.items(), key=lambda kv: (kv[1].id, kv[1].version)):
        by_source.setdefault(ins.source_type, []).append((iid, ins))
    sources = sorted(by_source)
    weights = {"interview": 0.5, "observation": 0.25, "documentation": 0.25}
    prefixes = {
        m.researcher_id: re.sub(r"[^A-Z]", "", "".join(w[0] for w in m.researcher_name.split()))[:3]
        for m in team
    }
    informant_pool: dict[tuple[str, str], str] = {}
    batch = _Batch(journal.Batch.of(actor))
    session_rows: list[dict[str, Any]] = []
    informant_rows: list[dict[str, Any]] = []
    identity_rows: list[dict[str, Any]] = []
    now = utcnow()
    with db.session() as s:
        existing_codes = set(s.scalars(select(Informant.code)))
    counter = 0
    for n in range(sessions):
        worker = rng.choice(team)
        prefix = prefixes[worker.researcher_id]
        source = rng.choices(sources, [weights.get(x, 0.2) for x in sources])[0]
        iid, ins = rng.choice(by_source[source])
        site_id = rng.choice(site_ids)
        started = _random_start(rng, periods, now)
        informant_id = None
        role = ""
        consent = "given"
        if source == "interview":
            candidates = [r for r in (ins.roles or tuple(roles)) if r in roles] or roles
            role = rng.choice(candidates)
            key = (site_id, role)
            if key not in informant_pool or rng.random() < 0.5:
                counter += 1
                code = f"INF-{prefix}{counter:02d}"
                while code in existing_codes:
                    counter += 1
                    code = f"INF-{prefix}{counter:02d}"
                existing_codes.add(code)
                informant_id = new_id()
                roll = rng.random()
                consent = "refused" if roll < 0.03 else "withdrawn" if roll < 0.05 else "given"
                informant_rows.append(
                    {
                        "id": informant_id,
                        "code": code,
                        "role": role,
                        "site_id": site_id,
                        "consent_status": consent,
                        "consent_method": rng.choice(("oral", "written")),
                        "consent_at": started,
                        "consent_note": "",
                        "withdrawn_at": started + dt.timedelta(days=3)
                        if consent == "withdrawn"
                        else None,
                        "notes": "",
                        "created_by": worker.researcher_id,
                        "created_at": started,
                        "category": DEMO_CATEGORY.get(role, "supporting"),
                        "selection": "snowball" if role not in DEMO_CATEGORY else "purposive",
                        "updated_at": started,
                        "device_id": actor.device_id,
                    }
                )
                identity_rows.append(
                    {
                        "informant_id": informant_id,
                        "real_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        "contact": f"08{rng.randrange(10**9, 10**10)}",
                        "notes": "",
                        "updated_at": started,
                        "device_id": actor.device_id,
                    }
                )
                informant_pool[key] = informant_id
            else:
                informant_id = informant_pool[key]
        sid = new_id()
        status = "refused" if consent == "refused" else _status(rng)
        if laptop and status in ("approved", "returned"):
            status = "completed"  # a laptop's data: review decisions are the supervisor's
        duration = dt.timedelta(minutes=rng.randint(25, 110))
        session_rows.append(
            {
                "id": sid,
                "instrument_id": iid,
                "site_id": site_id,
                "informant_id": informant_id,
                "researcher_id": worker.researcher_id,
                "source_type": source,
                "source_role": role,
                "status": status,
                "started_at": started,
                "ended_at": started + duration if status != "draft" else None,
                "language": "id",
                "position": "",
                "review_comment": "Mohon lengkapi catatan lapangan."
                if status == "returned"
                else "",
                "external_id": None,
                "created_at": started,
                "updated_at": started + duration,
                "device_id": actor.device_id,
            }
        )
        result.by_source[source] = result.by_source.get(source, 0) + 1
        if status != "refused":
            site_bias = (site_ids.index(site_id) % 3 - 1) * 0.1
            # A draft stops part-way through the form, as an interrupted interview does.
            limit = rng.randint(3, 25) if status == "draft" else None
            # Each session's answers come from a stream of their own, so editing a form
            # changes that form's answers and not who was interviewed where.
            _fill_session(
                random.Random(f"{seed}/{n}"),
                batch,
                worker,
                sid,
                ins,
                source,
                started,
                theme_pattern,
                themes,
                site_bias,
                limit,
            )
        if len(batch.journal.answers) > 20000:
            _flush(db, session_rows, informant_rows, identity_rows, batch, result)
        if progress:
            progress(n + 1, sessions, "sessions")
        if cancel is not None and cancel.cancelled:
            raise Cancelled(f"demo cancelled; {result.sessions} whole sessions were added before")
    _flush(db, session_rows, informant_rows, identity_rows, batch, result)
    return result


# Office heads are the key informants, their staff the main ones; the rest support.
DEMO_CATEGORY = {"camat": "key", "lurah": "key", "sekcam": "main", "asn_staff": "main"}

DEMO_TEAM = ("Rina Marlina", "Agus Salim", "Dewi Anggraini")


def _team_member(s: Any, study_id: str, name: str, device_id: str) -> Actor:
    """A synthetic researcher of the demo team, working on this laptop."""
    researcher_id = derived_id("demo-researcher", study_id, name)
    if s.get(Researcher, researcher_id) is None:
        initials = "".join(w[0] for w in name.split()).upper()
        s.add(Researcher(id=researcher_id, name=name, initials=initials, device_id=device_id))
        s.flush()
    return Actor(device_id, researcher_id, name)


def _demo_actor(s: Any, study_id: str, actor: Actor, device_name: str) -> Actor:
    """The demo data of a named laptop: a researcher of that name on this very device, so
    its packages are signed by this data folder's key (no device is invented)."""
    return _team_member(s, study_id, device_name, actor.device_id)


def _flush(
    db: Database,
    session_rows: list[dict[str, Any]],
    informant_rows: list[dict[str, Any]],
    identity_rows: list[dict[str, Any]],
    batch: _Batch,
    result: DemoResult,
) -> None:
    write_batch(
        db,
        informant_rows,
        identity_rows,
        session_rows,
        batch.attachments,
        batch.journal,
        batch.codings,
    )
    result.sessions += len(session_rows)
    result.informants += len(informant_rows)
    result.answers += len(batch.journal.answers)
    result.codings += len(batch.codings)
    for rows in (session_rows, informant_rows, identity_rows):
        rows.clear()
    batch.attachments.clear()
    batch.journal.clear()
    batch.codings.clear()


def _random_start(
    rng: random.Random, periods: list[dict[str, Any]], now: dt.datetime
) -> dt.datetime:
    if periods:
        period = rng.choice(periods)
        start = dt.date.fromisoformat(period["start"])
        end = dt.date.fromisoformat(period["end"])
        day = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
    else:
        day = (now - dt.timedelta(days=rng.randint(0, 60))).date()
    return dt.datetime.combine(day, dt.time(rng.randint(1, 8), rng.choice((0, 15, 30, 45))))


def _status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return "draft"
    if roll < 0.55:
        return "completed"
    if roll < 0.92:
        return "approved"
    return "returned"


def _fill_session(
    rng: random.Random,
    batch: _Batch,
    actor: Actor,
    session_id: str,
    instrument: Instrument,
    source: str,
    started: dt.datetime,
    theme_pattern: dict[str, str],
    themes: dict[str, str],
    site_bias: float,
    limit: int | None = None,
) -> None:
    values: dict[str, Any] = {}
    budget = [limit if limit is not None else 10**9]
    clock = [started]

    def lookup_in(scope: dict[str, Any]) -> Callable[[str], Any]:
        return lambda name: scope.get(name, values.get(name, ""))

    def put(
        key: str, question: Question, value: str, note: str = "", stance: str | None = None
    ) -> None:
        clock[0] += dt.timedelta(seconds=rng.randint(20, 120))
        aid = batch.journal.first(session_id, key, value, clock[0], note=note, actor=actor)
        # Most themed free-text answers have been coded by hand with the passage's stance.
        if stance and question.theme in themes and rng.random() < 0.8:
            batch.codings.append(
                {
                    "id": new_id(),
                    "answer_id": aid,
                    "theme_id": themes[question.theme],
                    "stance": stance,
                    "target": "value",
                    "start": 0,
                    "end": len(value),
                    "excerpt": value,
                    "memo": "",
                    "coder_id": actor.researcher_id,
                    "deleted": False,
                    "created_at": clock[0],
                    "updated_at": clock[0],
                    "device_id": actor.device_id,
                }
            )

    def visit(nodes: tuple[Any, ...], prefix: str, scope: dict[str, Any]) -> None:
        for node in nodes:
            if node.relevant and not _relevant(node.relevant, lookup_in(scope)):
                continue
            if budget[0] <= 0:  # an interrupted form: no more answers, repeats included
                return
            if isinstance(node, Group):
                if node.repeat:
                    items = [f"{rng.getrandbits(32):08x}" for _ in range(rng.randint(1, 3))]
                    values[node.name] = " ".join(items)
                    for item in items:
                        visit(node.children, f"{prefix}{node.name}[{item}]/", dict(scope))
                    put(f"{prefix}{node.name}", Question(node.name, "text"), " ".join(items))
                else:
                    visit(node.children, prefix, scope)
                continue
            value = _value_for(rng, instrument, node, source, theme_pattern, site_bias)
            if node.type == "image" and rng.random() < 0.4:
                value = _screenshot(rng, batch, actor)
            if value is None:
                continue
            budget[0] -= 1
            stance = None
            if node.type in ("text", "long_text") and node.theme:
                stance = _draw_stance(
                    rng, theme_pattern.get(node.theme, "mixed"), source, site_bias
                )
                value = passage(rng, node.theme, stance)
            scope[node.name] = value
            values[node.name] = value
            note = "Informan tampak ragu saat menjawab." if rng.random() < 0.04 else ""
            put(f"{prefix}{node.name}", node, value, note, stance)

    visit(instrument.children, "", {})


def _relevant(expression: str, lookup: Callable[[str], Any]) -> bool:
    try:
        return xpath.truthy(xpath.evaluate(expression, xpath.EvalContext(lookup=lookup)))
    except xpath.ExpressionError:
        return True


def _draw_stance(rng: random.Random, pattern: str, source: str, bias: float) -> str:
    p = min(1.0, max(0.0, PATTERNS[pattern].get(source, 0.5) + bias))
    roll = rng.random()
    if roll < 0.08:
        return "unclear"
    return "violation" if roll < p else "neutrality"


def _value_for(
    rng: random.Random,
    instrument: Instrument,
    q: Question,
    source: str,
    theme_pattern: dict[str, str],
    site_bias: float,
) -> str | None:
    if q.type in ("note", "calculate", "acknowledge") or q.read_only:
        return "OK" if q.type == "acknowledge" else None
    if q.type == "consent":
        return "given"
    if q.is_choice:
        choices = instrument.choices_for(q)
        if choices is None or not choices.choices:
            return None
        names = [c.name for c in choices.choices]
        if q.stance:
            stance = _draw_stance(rng, theme_pattern.get(q.theme, "mixed"), source, site_bias)
            matching = [n for n in names if q.stance.get(n) == stance]
            if matching:
                names = matching
        if q.type == "select_multiple":
            picked = rng.sample(names, k=rng.randint(1, min(3, len(names))))
            return " ".join(n for n in [c.name for c in choices.choices] if n in picked)
        return rng.choice(names)
    if q.type in ("integer", "range"):
        low = int(float(q.parameters.get("start", 0)))
        high = int(float(q.parameters.get("end", 0))) or (low + 20)
        return str(rng.randint(low, high))
    if q.type == "decimal":
        return f"{rng.uniform(0, 100):.1f}"
    if q.type == "date":
        return (dt.date(2024, 9, 1) + dt.timedelta(days=rng.randint(0, 85))).isoformat()
    if q.type == "time":
        return f"{rng.randint(7, 16):02d}:{rng.choice((0, 15, 30, 45)):02d}"
    if q.type == "datetime":
        day = dt.date(2024, 9, 1) + dt.timedelta(days=rng.randint(0, 85))
        return f"{day.isoformat()}T{rng.randint(7, 16):02d}:00:00"
    if q.type in ("image", "file"):
        return None  # attachments are added by hand in the field
    if q.type == "text":
        return rng.choice(("Staf pelayanan", "Kasi Pemerintahan", "Sekretariat", "Kasi Trantib"))
    if q.type == "long_text":
        return passage(rng, "", "unclear")
    return None


def _screenshot(rng: random.Random, batch: _Batch, actor: Actor) -> str:
    """A small stand-in "screenshot" (a PNG in a social network's colour) as an attachment."""
    colour = rng.choice(SCREENSHOT_COLOURS)
    data = png(160, 100, colour)
    sha = hashlib.sha256(data).hexdigest()
    batch.attachments.setdefault(
        sha,
        {
            "sha256": sha,
            "data": data,
            "size": len(data),
            "mime": "image/png",
            "filename": f"tangkapan-layar-{sha[:8]}.png",
            "created_at": utcnow(),
            "device_id": actor.device_id,
        },
    )
    return sha

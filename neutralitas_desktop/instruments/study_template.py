"""The study template: study description, informant roles, fieldwork periods, the codebook
and the instruments, as shipped in forms/ and used to create a new study database."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import STANCES, Instrument, LocalText
from neutralitas_desktop.instruments.toml_format import load_instrument
from neutralitas_desktop.vocabulary import Election
from neutralitas_desktop.vocabulary.law import Provision, provision_from
from neutralitas_desktop.vocabulary.terms import values

STUDY_FILE = "study.toml"


@dataclass(frozen=True)
class Role:
    code: str
    label: LocalText


@dataclass(frozen=True)
class Period:
    """A fieldwork period, for triangulation across time (triangulasi waktu)."""

    code: str
    label: LocalText
    start: dt.date
    end: dt.date  # inclusive


@dataclass(frozen=True)
class Theme:
    code: str
    label: LocalText
    parent: str = ""
    description: LocalText = field(default_factory=dict)
    inclusion: LocalText = field(default_factory=dict)
    exclusion: LocalText = field(default_factory=dict)
    legal_basis: tuple[Provision, ...] = ()


@dataclass(frozen=True)
class StudyTemplate:
    title: LocalText
    description: LocalText
    languages: tuple[str, ...]
    default_language: str
    roles: tuple[Role, ...]
    periods: tuple[Period, ...]
    themes: tuple[Theme, ...]
    instruments: tuple[Instrument, ...]
    election_date: dt.date | None = None
    election: str = Election.BOTH.value  # pilkada / pemilu / both: which law applies
    calendar: tuple[Period, ...] = ()  # the election's stages: campaign, masa tenang, voting


def _text(value: Any, default_language: str) -> LocalText:
    if value is None:
        return {}
    if isinstance(value, str):
        return {default_language: value}
    return {str(k): str(v) for k, v in value.items()}


def _provisions(data: dict[str, Any], problems: list[str]) -> dict[str, Provision]:
    found: dict[str, Provision] = {}
    for key, entry in (data.get("provisions") or {}).items():
        try:
            found[key] = provision_from(entry)
        except (ValueError, AttributeError) as exc:
            problems.append(f"provision '{key}': {exc}")
    return found


def _basis(
    code: str, value: Any, provisions: dict[str, Provision], problems: list[str]
) -> tuple[Provision, ...]:
    """A theme's legal_basis: provision keys, inline tables or plain citations."""
    out: list[Provision] = []
    for item in [value] if isinstance(value, (str, dict)) else list(value or ()):
        if isinstance(item, str) and item in provisions:
            out.append(provisions[item])
            continue
        try:
            out.append(provision_from(item))
        except (ValueError, AttributeError) as exc:
            problems.append(f"theme '{code}': legal_basis: {exc}")
    return tuple(out)


def load_codebook(path: Path, default_language: str = "id") -> tuple[Theme, ...]:
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(source, [f"cannot read codebook: {exc}"]) from None
    themes: list[Theme] = []
    problems: list[str] = []
    provisions = _provisions(data, problems)
    codes: set[str] = set()
    for i, entry in enumerate(data.get("themes", []), 1):
        code = str(entry.get("code", ""))
        if not code:
            problems.append(f"theme {i}: no code")
            continue
        if code in codes:
            problems.append(f"theme '{code}': duplicate code")
        codes.add(code)
        basis = _basis(code, entry.get("legal_basis", ()), provisions, problems)
        themes.append(
            Theme(
                code=code,
                label=_text(entry.get("label"), default_language),
                parent=str(entry.get("parent", "")),
                description=_text(entry.get("description"), default_language),
                inclusion=_text(entry.get("inclusion"), default_language),
                exclusion=_text(entry.get("exclusion"), default_language),
                legal_basis=basis,
            )
        )
    parents = {t.code: t.parent for t in themes}
    for theme in themes:
        if theme.parent and theme.parent not in codes:
            problems.append(f"theme '{theme.code}': parent '{theme.parent}' is not a theme")
        seen, code = set(), theme.code
        while parents.get(code) and code not in seen:
            seen.add(code)
            code = parents[code]
        if code in seen:
            problems.append(f"theme '{theme.code}': its parents form a cycle")
    if problems:
        raise InstrumentError(source, problems)
    return tuple(themes)


def load_study_template(folder: Path) -> StudyTemplate:
    """Load forms/study.toml, its codebook and every instrument it lists, validated together."""
    path = folder / STUDY_FILE
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InstrumentError(source, [f"cannot read study template: {exc}"]) from None
    study = data.get("study", {})
    languages = tuple(study.get("languages", ("id", "en")))
    lang = str(study.get("default_language", languages[0]))
    themes = load_codebook(folder / study.get("codebook", "codebook.toml"), lang)
    theme_codes = {t.code for t in themes}
    instruments = tuple(
        load_instrument(folder / name, theme_codes) for name in study.get("instruments", [])
    )
    problems: list[str] = []
    roles: list[Role] = []
    for i, entry in enumerate(data.get("roles", []), 1):
        code = str(entry.get("code", ""))
        if not code:
            problems.append(f"role {i}: no code")
        elif code in {r.code for r in roles}:
            problems.append(f"role '{code}': duplicate code")
        else:
            roles.append(Role(code, _text(entry.get("label"), lang)))
    role_codes = {r.code for r in roles}
    problems += [
        f"instrument '{ins.id}': role '{role}' is not in the study's roles"
        for ins in instruments
        for role in ins.roles
        if role not in role_codes
    ]
    ids = [ins.id for ins in instruments]
    problems += [
        f"instrument '{d}' is listed twice" for d in sorted({i for i in ids if ids.count(i) > 1})
    ]
    periods = _periods(data.get("periods", []), "period", lang, problems)
    calendar = _periods(data.get("calendar", []), "calendar stage", lang, problems)
    election = str(study.get("election", Election.BOTH.value))
    if election not in values(Election):
        problems.append(f"study: election '{election}' is not one of {', '.join(values(Election))}")
    if problems:
        raise InstrumentError(source, problems)
    return StudyTemplate(
        title=_text(study.get("title"), lang),
        description=_text(study.get("description"), lang),
        languages=languages,
        default_language=lang,
        roles=tuple(roles),
        periods=tuple(periods),
        themes=themes,
        instruments=instruments,
        election_date=study.get("election_date"),
        election=election,
        calendar=calendar,
    )


def _periods(entries: list[Any], what: str, lang: str, problems: list[str]) -> tuple[Period, ...]:
    """Dated stretches (fieldwork periods, election stages), checked."""
    periods: list[Period] = []
    for i, entry in enumerate(entries, 1):
        code = str(entry.get("code", ""))
        start, end = entry.get("start"), entry.get("end")
        if not code or not isinstance(start, dt.date) or not isinstance(end, dt.date):
            problems.append(f"{what} {i}: needs a code and start and end dates (YYYY-MM-DD)")
        elif end < start:
            problems.append(f"{what} '{code}': ends ({end}) before it starts ({start})")
        elif code in {p.code for p in periods}:
            problems.append(f"{what} '{code}': duplicate code")
        else:
            periods.append(Period(code, _text(entry.get("label"), lang), start, end))
    return tuple(periods)


__all__ = ["STANCES", "Period", "Role", "StudyTemplate", "Theme", "load_study_template"]

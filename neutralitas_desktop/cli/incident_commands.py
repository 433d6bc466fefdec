"""Incident commands: `sessions list|show`, `incidents add|link|unlink|list|show`,
`audit` and `member-check add|list` — the headless contract other tools rely on."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.terminal import say
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import answer_id, question_of, session_answers
from neutralitas_desktop.fieldwork.sessions import get_session, list_sessions
from neutralitas_desktop.fieldwork.study import study_time_zone
from neutralitas_desktop.triangulation.audit_trail import audit_trail
from neutralitas_desktop.triangulation.incident_types import IncidentInfo, LineInfo
from neutralitas_desktop.triangulation.incidents import (
    ACTOR_TYPES,
    EVIDENCE_KINDS,
    add_incident,
    get_incident,
    link,
    list_incidents,
    unlink,
)
from neutralitas_desktop.triangulation.member_checks import (
    MATERIALS,
    RESPONSES,
    add_member_check,
    list_member_checks,
)
from neutralitas_desktop.vocabulary.time_zones import zoned

Subparsers = argparse._SubParsersAction


def _group(sub: Subparsers, name: str, help_text: str) -> Subparsers:
    """An existing command group extended, or a new one (as interop_commands does)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        inner = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
        parser.set_defaults(subparsers=inner)
    return parser.get_default("subparsers")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register(sub: Subparsers) -> None:
    sessions = _group(sub, "sessions", "field sessions")
    p = sessions.add_parser("list", help="every session with its source tags")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sessions_list)
    p = sessions.add_parser("show", help="a session and its current answers")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sessions_show)

    inc = _group(sub, "incidents", "incidents (peristiwa) and their lines of evidence")
    p = inc.add_parser("add", help="record an incident; prints its id")
    p.add_argument("--site", required=True, metavar="NAME", help="created when new")
    p.add_argument("--theme", required=True, metavar="CODE")
    p.add_argument("--actor-type", required=True, choices=ACTOR_TYPES)
    p.add_argument("--actor-code", default="", metavar="CODE",
                   help="pseudonymous code, office or account (never a name)")  # fmt: skip
    p.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last day of a range")
    p.add_argument("--platform", default="")
    p.add_argument("--link", default="", metavar="URL")
    p.add_argument("--favours", default="", metavar="PAIR", help="the candidate pair favoured")
    p.add_argument("--summary", required=True, metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incidents_add)
    p = inc.add_parser("link", help="link an incident to a session, answer or excerpt")
    p.add_argument("incident")
    p.add_argument("--session", metavar="ID")
    p.add_argument("--question", metavar="NAME")
    p.add_argument("--answer", metavar="ID")
    p.add_argument("--coding", metavar="ID", help="a coded excerpt")
    p.add_argument("--attachment", metavar="SHA256")
    p.add_argument("--note", action="store_true", help="the answer's field note")
    p.add_argument("--kind", required=True, choices=EVIDENCE_KINDS)
    p.add_argument("--memo", default="")
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incidents_link)
    p = inc.add_parser("unlink", help="remove a line of evidence from its incident")
    p.add_argument("line", help="the line's id (see incidents show)")
    p.add_argument("--reason", default="", help="why (kept in the audit trail)")
    p.set_defaults(handler=cmd_incidents_unlink)
    p = inc.add_parser("list", help="incidents with their corroboration")
    p.add_argument("--site", metavar="S")
    p.add_argument("--theme", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incidents_list)
    p = inc.add_parser("show", help="an incident, its corroboration and lines of evidence")
    p.add_argument("incident")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incidents_show)

    p = sub.add_parser("audit", help="the analytic audit trail: who decided what, when, why")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)

    mc = _group(sub, "member-check", "member checks: what informants were given back")
    p = mc.add_parser("add", help="record what was given back to an informant and the response")
    p.add_argument("informant", metavar="CODE")
    p.add_argument("--material", choices=MATERIALS, default="summary")
    p.add_argument("--given", required=True, metavar="TEXT", help="what was given back")
    p.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--response", choices=RESPONSES, default="pending")
    p.add_argument("--note", default="", metavar="TEXT", help="what the informant said")
    p.add_argument("--finding", action="append", default=[], metavar="ID")
    p.set_defaults(handler=cmd_member_check_add)
    p = mc.add_parser("list", help="member checks, by date")
    p.add_argument("--informant", metavar="CODE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_member_check_list)


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=_plain))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(type(value).__name__)


# ---- sessions ---------------------------------------------------------------------------
def _session_json(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "instrument": r.form_id,
        "instrument_version": r.form_version,
        "source_type": r.source_type,
        "site": r.site_name,
        "informant_code": r.informant_code,
        "informant_role": r.source_role,
        "researcher": r.researcher_name,
        "status": r.status,
        "started_at": r.started_at.isoformat(),
        "ended_at": r.ended_at.isoformat() if r.ended_at else None,
        "answers": r.answers,
    }


def cmd_sessions_list(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = [_session_json(r) for r in list_sessions(ctx.db)]
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        who = r["informant_code"] or "-"
        say(
            f"{r['id']}  {r['started_at'][:10]}  {r['source_type']:13} {r['instrument']:28} "
            f"{r['site']}  {who} {r['informant_role']}  [{r['status']}]"
        )
    return 0


def cmd_sessions_show(args: argparse.Namespace, ctx: CliContext) -> int:
    row = get_session(ctx.db, args.id)
    answers = [
        {
            "id": answer_id(row.id, key),
            "key": key,
            "question": question_of(key),
            "value": a.value,
            "note": a.note,
            "relevant": a.relevant,
        }
        for key, a in sorted(session_answers(ctx.db, row.id).items())
    ]
    if args.json:
        _print_json({**_session_json(row), "answers": answers})
        return 0
    data = _session_json(row)
    say(f"session {row.id}: {data['instrument']} ({data['source_type']}) at {data['site']}, "
          f"{data['informant_code'] or 'no informant'}, {data['status']}")  # fmt: skip
    for a in answers:
        say(f"  {a['key']:32} {a['value'] if a['value'] is not None else ''}")
    return 0


# ---- incidents --------------------------------------------------------------------------
def _line_json(x: LineInfo) -> dict[str, Any]:
    return dict(vars(x))


def incident_json(i: IncidentInfo) -> dict[str, Any]:
    data = {k: v for k, v in vars(i).items() if k != "lines"}
    data["lines"] = [_line_json(x) for x in i.lines]
    return data


def find_incident(ctx: CliContext, ref: str) -> IncidentInfo:
    """An incident by its id or an unambiguous prefix of it."""
    matches = [i for i in list_incidents(ctx.db) if i.id.startswith(ref)]
    if len(matches) != 1:
        raise NeutralitasError(
            f"no incident with id {ref}" if not matches else f"incident id {ref} is ambiguous"
        )
    return matches[0]


def cmd_incidents_add(args: argparse.Namespace, ctx: CliContext) -> int:
    info = add_incident(
        ctx.db, ctx.actor, site=args.site, theme=args.theme, actor_type=args.actor_type,
        date_start=args.date, date_end=args.until, actor_code=args.actor_code,
        platform=args.platform, link=args.link, favours=args.favours, summary=args.summary,
    )  # fmt: skip
    if args.json:
        _print_json({"id": info.id})
    else:
        print(info.id)
    return 0


def cmd_incidents_link(args: argparse.Namespace, ctx: CliContext) -> int:
    incident = find_incident(ctx, args.incident)
    line = link(
        ctx.db, ctx.actor, incident.id, args.kind, session_id=args.session,
        question=args.question, answer_id=args.answer, coding_id=args.coding,
        attachment=args.attachment, note=args.note, memo=args.memo, reason=args.reason,
    )  # fmt: skip
    after = get_incident(ctx.db, incident.id)
    if args.json:
        _print_json({"id": line.id, "corroboration": after.corroboration})
    else:
        say(f"{line.id}  {line.kind} from {line.technique} {line.informant_code}".rstrip())
        print(f"incident {after.id}: {after.corroboration}")
    return 0


def cmd_incidents_unlink(args: argparse.Namespace, ctx: CliContext) -> int:
    after = unlink(ctx.db, ctx.actor, args.line, reason=args.reason)
    print(f"incident {after.id}: {after.corroboration}")
    return 0


def cmd_incidents_list(args: argparse.Namespace, ctx: CliContext) -> int:
    items = list_incidents(ctx.db, site=args.site, theme=args.theme)
    if args.json:
        _print_json([incident_json(i) for i in items])
        return 0
    for i in items:
        say(
            f"{i.id[:8]}  {i.date_start}  {i.site_name}  {i.theme_code}  {i.actor_type}  "
            f"[{i.corroboration}, {len(i.lines)} line(s)]  {i.summary}"
        )
    return 0


def cmd_incidents_show(args: argparse.Namespace, ctx: CliContext) -> int:
    i = find_incident(ctx, args.incident)
    if args.json:
        _print_json(incident_json(i))
        return 0
    until = f" – {i.date_end}" if i.date_end else ""
    print(f"incident {i.id}")
    say(f"  {i.summary}")
    say(f"  {i.site_name}; {i.theme_code}; {i.actor_type} {i.actor_code}".rstrip())
    say(f"  {i.date_start}{until} (stage {i.stage}); recorded by {i.recorded_by or '-'}")
    if i.platform or i.link:
        say(f"  {i.platform} {i.link}".rstrip())
    say(f"  corroboration: {i.corroboration} ({i.independent} independent supporting "
          f"line(s); threshold {i.threshold})")  # fmt: skip
    for x in i.lines:
        mark = "*" if x.deciding else (" " if x.counts else "-")
        who = x.informant_code or "researcher"
        say(f" {mark} {x.id}  {x.kind:11} {x.technique:13} {who} {x.informant_role}  "
              f"{x.session_date:%Y-%m-%d}  {x.text[:60]}")  # fmt: skip
    print("  (* decided the corroboration; - left out: refused or consent withdrawn)")
    return 0


# ---- audit and member checks ------------------------------------------------------------
def cmd_audit(args: argparse.Namespace, ctx: CliContext) -> int:
    items = audit_trail(ctx.db)
    if args.json:
        _print_json([dict(vars(e)) for e in items])
        return 0
    zone = study_time_zone(ctx.db)
    for e in items:
        why = f"  — {e.reason}" if e.reason else ""
        say(f"{zoned(e.at, zone)}  {e.researcher or '-':20} {e.action:22} "
              f"{e.entity} {e.entity_id[:8]}{why}")  # fmt: skip
    return 0


def cmd_member_check_add(args: argparse.Namespace, ctx: CliContext) -> int:
    check = add_member_check(
        ctx.db, ctx.actor, args.informant, material=args.material, given=args.given,
        given_on=args.date, response=args.response, response_note=args.note,
        findings=args.finding,
    )  # fmt: skip
    say(f"{check.id}  {check.informant_code}: {check.response}")
    return 0


def cmd_member_check_list(args: argparse.Namespace, ctx: CliContext) -> int:
    items = list_member_checks(ctx.db, informant=args.informant)
    if args.json:
        _print_json([dict(vars(c)) for c in items])
        return 0
    for c in items:
        note = f" — {c.response_note}" if c.response_note else ""
        say(f"{c.given_on}  {c.informant_code} ({c.informant_role})  {c.material}: "
              f"{c.given}  [{c.response}]{note}")  # fmt: skip
    return 0

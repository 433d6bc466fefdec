"""Study commands: init, check, stats, demo."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.operation import operation
from neutralitas_desktop.cli.study_passphrase import study_passphrase
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.stats import study_stats
from neutralitas_desktop.fieldwork.study import create_study, register_actor, study_info
from neutralitas_desktop.store.database import open_database
from neutralitas_desktop.store.integrity import check_database
from neutralitas_desktop.triangulation.demo_incidents import add_demo_incidents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a study database from the shipped template")
    p.add_argument("--title", help="study title (default: the template's)")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="a plain SQLite file instead of an encrypted one (not recommended)",
    )
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("check", help="check the database's integrity and invariants")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("stats", help="counts of sites, informants, sessions, answers, …")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("demo", help="add a realistic synthetic study (for trying things out)")
    p.add_argument("--sessions", type=int, default=200, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument(
        "--device",
        metavar="NAME",
        help="label the data as this laptop's researcher's work (this device writes and signs it)",
    )
    p.set_defaults(handler=cmd_demo)


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    secret = None if args.unencrypted and not Path(ctx.db_target).exists() else study_passphrase
    db = open_database(ctx.db_target, create=True, passphrase=secret)
    try:
        actor = register_actor(db, ctx.profile)
        study_id = create_study(db, actor, title=args.title)
        info = study_info(db)
    except NeutralitasError:
        db.close()
        raise
    protection = "encrypted" if db.encrypted else "not encrypted"
    db.close()
    title = info.title.get(info.default_language, "")
    print(f"created study '{title}' ({study_id}) in {ctx.db_target} ({protection})")
    return 0


def cmd_check(args: argparse.Namespace, ctx: CliContext) -> int:
    problems = check_database(ctx.db)
    if not problems:
        print(f"{ctx.db_target}: ok")
        return 0
    for problem in problems:
        print(problem)
    print(f"{ctx.db_target}: {len(problems)} problem(s)", file=sys.stderr)
    return 1


def cmd_stats(args: argparse.Namespace, ctx: CliContext) -> int:
    stats = study_stats(ctx.db)
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=True))
        return 0
    sessions = stats["sessions"]
    print(f"sites        {stats['sites']}")
    print(f"informants   {stats['informants']}")
    print(f"instruments  {stats['instruments']}")
    print(
        f"sessions     {stats['sessions_total']} ("
        + ", ".join(f"{k} {v}" for k, v in sessions.items())
        + ")"
    )
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(stats["sessions_by_status"].items()))
    print(f"  by status  {by_status or '-'}")
    print(f"answers      {stats['answers']}")
    print(f"attachments  {stats['attachments']}")
    print(f"codings      {stats['codings']}")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.open(create=True)
    with operation("demo") as running:
        result = generate_demo(
            db, actor, args.sessions, args.seed, args.device, running.progress, running.cancel
        )
    incidents = add_demo_incidents(db, actor, args.seed)
    sources = ", ".join(f"{k} {v}" for k, v in sorted(result.by_source.items()))
    print(
        f"added {result.sessions} sessions ({sources}), {result.answers} answers, "
        f"{result.codings} codings, {result.informants} informants, {result.sites} new sites, "
        f"{incidents} incidents"
    )
    return 0

"""`neutralitas codings add` and `neutralitas agreement …`: hand coding from scripts and
coder agreement (investigator triangulation)."""

from __future__ import annotations

import argparse
import json

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.triangulation import agreement
from neutralitas_desktop.triangulation.agreement_types import AgreementReport, Figures
from neutralitas_desktop.triangulation.coding import add_coding
from neutralitas_desktop.vocabulary import Stance
from neutralitas_desktop.vocabulary.terms import values


def register(sub: argparse._SubParsersAction) -> None:
    codings = sub.add_parser("codings", help="hand coding of answers' texts")
    csub = codings.add_subparsers(dest="codings_command", metavar="COMMAND", required=True)
    c = csub.add_parser("add", help="code an answer's text (the whole text by default)")
    c.add_argument("answer_id")
    c.add_argument("--theme", required=True, metavar="CODE")
    c.add_argument("--stance", choices=values(Stance), default=Stance.UNCLEAR.value)
    c.add_argument("--start", type=int, metavar="N")
    c.add_argument("--end", type=int, metavar="N")
    c.add_argument("--note", action="store_true", help="code the answer's field note")
    c.add_argument("--memo", default="", metavar="TEXT")
    c.set_defaults(handler=cmd_codings_add)

    agree = sub.add_parser("agreement", help="coder agreement on double-coded sessions")
    agree.add_argument("--theme", metavar="CODE")
    agree.add_argument("--format", choices=("table", "json"), default="table")
    agree.set_defaults(handler=cmd_agreement)
    asub = agree.add_subparsers(dest="agreement_command", metavar="COMMAND")
    a = asub.add_parser("assign", help="give sessions to coders for blind double coding")
    pick = a.add_mutually_exclusive_group(required=True)
    pick.add_argument("--sessions", metavar="ID,ID,…")
    pick.add_argument("--sample", type=int, metavar="N", help="N sessions chosen at random")
    a.add_argument("--seed", type=int, default=1, help="seed of --sample (default 1)")
    a.add_argument("--source", choices=("interview", "observation", "documentation"),
                   default="", help="sample only this kind of session")  # fmt: skip
    a.add_argument("--coders", required=True, metavar="NAME,NAME")
    a.set_defaults(handler=cmd_assign)
    d = asub.add_parser("done", help="mark your blind coding of a session done")
    d.add_argument("session_id")
    d.set_defaults(handler=cmd_done)
    r = asub.add_parser("resolve", help="record the coding the coders agreed on, and why")
    r.add_argument("answer_id")
    r.add_argument("--theme", required=True, metavar="CODE", dest="resolve_theme")
    r.add_argument("--applied", choices=("yes", "no"), required=True)
    r.add_argument("--stance", choices=values(Stance), default="")
    r.add_argument("--note", action="store_true", help="the unit is the answer's field note")
    r.add_argument("--segment", type=int, metavar="START",
                   help="a transcript segment, by its start (see --format json)")  # fmt: skip
    r.add_argument("--reason", required=True)
    r.set_defaults(handler=cmd_resolve)


def cmd_codings_add(args: argparse.Namespace, ctx: CliContext) -> int:
    info = add_coding(
        ctx.db, ctx.actor, args.answer_id, args.theme, args.stance, args.start, args.end,
        target="note" if args.note else "value", memo=args.memo,
    )  # fmt: skip
    print(f"{info.id}\t{info.theme_code}\t{info.stance}\t{info.start}-{info.end}\t{info.excerpt}")
    return 0


def cmd_assign(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.sample is not None:
        sessions = agreement.sample_sessions(ctx.db, args.sample, args.seed, args.source)
    else:
        sessions = [s.strip() for s in args.sessions.split(",") if s.strip()]
    coders = [c for c in args.coders.split(",") if c.strip()]
    added = agreement.assign(ctx.db, ctx.actor, sessions, coders)
    print(f"{len(sessions)} sessions for {len(coders)} coders ({added} new assignments)")
    for sid in sessions:
        print(sid)
    return 0


def cmd_done(args: argparse.Namespace, ctx: CliContext) -> int:
    agreement.mark_done(ctx.db, ctx.actor, args.session_id)
    print(f"double coding of {args.session_id} done: the other coders' codings are visible")
    return 0


def cmd_resolve(args: argparse.Namespace, ctx: CliContext) -> int:
    report = agreement.resolve(
        ctx.db, ctx.actor, args.answer_id, args.resolve_theme, args.applied == "yes",
        args.reason, target="note" if args.note else "value", start=args.segment,
        stance=args.stance,
    )  # fmt: skip
    _print_table(report)
    return 0


def cmd_agreement(args: argparse.Namespace, ctx: CliContext) -> int:
    report = agreement.agreement_report(ctx.db, args.theme)
    if not report.coders:
        raise NeutralitasError("no double-coded material: run `neutralitas agreement assign`")
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    return 0


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(name: str, f: Figures, after: Figures, extra: str = "") -> str:
    return (
        f"{name:<28} {_fmt(f.percent_agreement):>7} {_fmt(f.cohen_kappa):>7} "
        f"{_fmt(f.krippendorff_alpha):>7}   {_fmt(after.krippendorff_alpha):>7} {extra}"
    )


def _print_table(report: AgreementReport) -> None:
    coders = ", ".join(f"{c.name} ({c.done}/{c.sessions} done)" for c in report.coders)
    print(f"coders: {coders}; units: {report.units}; resolved: {report.resolved}")
    print(f"{'theme':<28} {'agree':>7} {'kappa':>7} {'alpha':>7}   {'alpha*':>7} open")
    for t in report.themes:
        print(_row(t.theme, t.before, t.after, str(t.disagreements)))
    print(_row("(overall)", report.overall_before, report.overall_after))
    print("alpha* = after resolved disagreements")

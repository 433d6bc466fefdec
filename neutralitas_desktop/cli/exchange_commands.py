"""Exchange commands: package, merge, review, conflicts."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.operation import EXIT_CANCELLED, operation
from neutralitas_desktop.cli.study_passphrase import study_passphrase
from neutralitas_desktop.cli.terminal import safe, say
from neutralitas_desktop.exchange.conflicts import list_conflicts, resolve_conflict
from neutralitas_desktop.exchange.crypto import ask_passphrase
from neutralitas_desktop.exchange.manifest import Manifest
from neutralitas_desktop.exchange.merge import merge_for_profile
from neutralitas_desktop.exchange.package import PackageOptions, find_researcher, write_package
from neutralitas_desktop.exchange.results import ConflictInfo
from neutralitas_desktop.exchange.review import approve_session, find_session, return_session
from neutralitas_desktop.fieldwork.device_key import load_device_key
from neutralitas_desktop.fieldwork.review_comments import review_comments
from neutralitas_desktop.fieldwork.study import study_time_zone
from neutralitas_desktop.vocabulary.time_zones import zoned


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "package", help="write a field package: the study's data (or what changed) in one file"
    )
    p.add_argument("out", type=Path, metavar="OUT.ndpkg")
    p.add_argument(
        "--since-last",
        action="store_true",
        help="only what changed since this laptop's last package",
    )
    p.add_argument(
        "--anonymize",
        action="store_true",
        help="leave out researchers' and devices' names and informants' notes",
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt (AES-256-GCM) with a passphrase: NEUTRALITAS_PASSPHRASE or a prompt",
    )
    p.add_argument(
        "--include-identities",
        action="store_true",
        help="include informants' real names and contacts (only with --encrypt)",
    )
    p.add_argument(
        "--researcher",
        metavar="NAME_OR_ID",
        help="only this researcher's sessions (e.g. sessions returned to them)",
    )
    p.set_defaults(handler=cmd_package)

    p = sub.add_parser(
        "merge",
        help="merge field packages into the study database (a new path joins the study)",
    )
    p.add_argument("packages", nargs="+", type=Path, metavar="PKG")
    p.add_argument("--dry-run", action="store_true", help="only show what the merge would do")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="a study joined at a new path is a plain file (not recommended)",
    )
    p.add_argument(
        "--trust-device",
        action="append",
        default=[],
        metavar="FINGERPRINT",
        help="enrol the laptop with this key fingerprint (read it from `neutralitas device` "
        "on that laptop); may be repeated",
    )
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser("device", help="this laptop's device name, id and key fingerprint")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_device)

    review = sub.add_parser("review", help="approve a session or return it with comments")
    rsub = review.add_subparsers(dest="review_command", metavar="COMMAND", required=True)
    p = rsub.add_parser("approve", help="approve a completed session")
    p.add_argument("session", metavar="SESSION", help="session id (or its first characters)")
    p.add_argument("--comment", default="", metavar="C")
    p.set_defaults(handler=cmd_approve)
    p = rsub.add_parser("return", help="return a session to its researcher with a comment")
    p.add_argument("session", metavar="SESSION", help="session id (or its first characters)")
    p.add_argument("--comment", required=True, metavar="C", help="what to fix")
    p.add_argument("--question", metavar="KEY", help="the comment is about this question")
    p.set_defaults(handler=cmd_return)
    p = rsub.add_parser("comments", help="the review comments on a session")
    p.add_argument("session", metavar="SESSION")
    p.set_defaults(handler=cmd_comments)

    conflicts = sub.add_parser("conflicts", help="conflicts left by merges: list, resolve")
    csub = conflicts.add_subparsers(dest="conflicts_command", metavar="COMMAND", required=True)
    p = csub.add_parser("list", help="open conflicts, side by side")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_conflicts_list)
    p = csub.add_parser("resolve", help="resolve a conflict by choosing a side or writing a value")
    p.add_argument("ref", metavar="REF", help="the conflict's id (or its first characters)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--choose", metavar="N", help="the side to keep (its number in the list)")
    group.add_argument("--value", metavar="V", help="the value to write instead")
    p.add_argument("--note", metavar="NOTE", help="field note of the resolved answer")
    p.set_defaults(handler=cmd_conflicts_resolve)


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def cmd_package(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.open()
    researcher = find_researcher(db, args.researcher) if args.researcher else None
    options = PackageOptions(
        since_last=args.since_last,
        anonymize=args.anonymize,
        include_identities=args.include_identities,
        passphrase="-" if args.encrypt else None,
        researcher_id=researcher,
    )
    options.check()  # before asking for a passphrase
    if args.encrypt:
        passphrase = ask_passphrase("Passphrase for the package: ", confirm=True)
        options = dataclasses.replace(options, passphrase=passphrase)
    result = write_package(db, actor, args.out, options)
    m = result.manifest
    notes = [
        note
        for flag, note in (
            (m.since_seq is not None, f"changes since device sequence {m.since_seq}"),
            (m.encrypted, "encrypted"),
            (m.identities, "with informant identities"),
            (m.anonymized, "anonymised"),
        )
        if flag
    ]
    print(
        f"wrote {result.path} ({_size(result.size)}): {m.sessions} sessions, {m.answers} answers, "
        f"{m.counts.get('answer_revision', 0)} revisions, {m.counts.get('coding', 0)} codings, "
        f"{m.counts.get('attachment', 0)} attachments" + (f" ({', '.join(notes)})" if notes else "")
    )
    return 0


def _ask(manifest: Manifest) -> str:
    who = manifest.researcher or manifest.device_name or manifest.device_id[:8]
    return ask_passphrase(f"Passphrase for the package from {safe(who)}: ")


def _plain_when_new(path: Path, creating: bool) -> str | None:
    return None if creating else study_passphrase(path, creating)


def cmd_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    with operation("merge") as running:
        summaries = merge_for_profile(
            ctx.db_target,
            ctx.profile,
            args.packages,
            passphrase=_ask,
            dry_run=args.dry_run,
            progress=running.progress,
            study_passphrase=_plain_when_new if args.unencrypted else study_passphrase,
            trust=args.trust_device,
            cancel=running.cancel,
        )
    for summary in summaries:
        say(summary.describe())
        if summary.already_merged:
            continue
        for name, counts in summary.by_researcher.items():
            if counts.empty:
                continue
            say(
                f"  {name}: {counts.new_sessions} new sessions, "
                f"{counts.updated_sessions} updated sessions, {counts.new_answers} new answers, "
                f"{counts.updated_answers} updated answers, {counts.conflicts} conflicts"
            )
        for line in [*summary.mapped, *summary.renamed, *(n.text() for n in summary.consent)]:
            say(f"  {line}")
    if args.dry_run:
        print("(preview: nothing was changed)")
    if running.cancel.cancelled:
        left = len(args.packages) - len(summaries)
        print(f"stopped: {left} package(s) not merged; the others are merged whole")
        return EXIT_CANCELLED
    return 0


def cmd_device(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = ctx.profile
    key = load_device_key(profile.device_id)
    if args.json:
        info = {
            "name": profile.device_name,
            "device_id": profile.device_id,
            "fingerprint": key.fingerprint,
            "public_key": key.public_hex,
        }
        print(json.dumps(info, ensure_ascii=False))
        return 0
    print(f"device:      {profile.device_name}")
    print(f"id:          {profile.device_id}")
    print(f"fingerprint: {key.fingerprint}")
    return 0


def cmd_approve(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.open()
    session_id = find_session(db, args.session)
    approve_session(db, actor, session_id, args.comment)
    print(f"approved session {session_id}")
    return 0


def cmd_return(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.open()
    session_id = find_session(db, args.session)
    return_session(db, actor, session_id, args.comment, args.question)
    where = f" (question {args.question})" if args.question else ""
    print(f"returned session {session_id}{where}")
    return 0


def cmd_comments(args: argparse.Namespace, ctx: CliContext) -> int:
    db, _ = ctx.open()
    zone = study_time_zone(db)
    for c in review_comments(db, find_session(db, args.session)):
        where = c.answer_key or "session"
        state = " (resolved)" if c.resolved else ""
        say(f"{zoned(c.created_at, zone)} {c.author} on {where}: {c.comment}{state}")
    return 0


def _conflict_json(c: ConflictInfo) -> dict[str, object]:
    return {
        "kind": c.kind,
        "ref": c.ref,
        "session_id": c.session_id,
        "site": c.site,
        "informant": c.informant,
        "form": c.form,
        "question": c.question,
        "sides": [
            {
                "n": n,
                "id": s.id,
                "value": s.value,
                "note": s.note,
                "researcher": s.researcher,
                "device": s.device_name,
                "at": s.at.isoformat(),
                "shown": s.shown,
            }
            for n, s in enumerate(c.sides, 1)
        ],
    }


def cmd_conflicts_list(args: argparse.Namespace, ctx: CliContext) -> int:
    found = list_conflicts(ctx.db)
    if args.json:
        print(json.dumps([_conflict_json(c) for c in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no open conflicts")
        return 0
    zone = study_time_zone(ctx.db)
    for c in found:
        where = " · ".join(x for x in (c.site, c.informant, c.form) if x)
        say(f"{c.kind} {c.short_ref}  {where}  {c.question}")
        for n, s in enumerate(c.sides, 1):
            shown = "  [shown]" if s.shown else ""
            note = f" (note: {s.note})" if s.note else ""
            say(
                f"  {n}) {s.value!r}{note} — {s.researcher or '?'} ({s.device_name}), "
                f"{zoned(s.at, zone)}{shown}"
            )
    print(
        f"{len(found)} open conflict(s); "
        "resolve one with `neutralitas conflicts resolve REF --choose N`"
    )
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace, ctx: CliContext) -> int:
    db, actor = ctx.open()
    conflict = resolve_conflict(
        db, actor, args.ref, choose=args.choose, value=args.value, note=args.note
    )
    say(f"resolved {conflict.kind} {conflict.short_ref} ({conflict.question})")
    return 0

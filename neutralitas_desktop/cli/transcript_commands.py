"""`neutralitas transcript import|show` and `neutralitas recording attach`: a session's
verbatim transcript and its audio recording from the shell."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.fieldwork.recordings import attach_recording
from neutralitas_desktop.fieldwork.transcript_text import stamp
from neutralitas_desktop.fieldwork.transcripts import get_transcript, import_transcript


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("transcript", help="a session's verbatim transcript")
    tsub = p.add_subparsers(dest="transcript_command", metavar="COMMAND", required=True)
    t = tsub.add_parser("import", help="set a session's transcript from a .txt/.docx/.odt file")
    t.add_argument("session_id")
    t.add_argument("file", type=Path)
    t.set_defaults(handler=cmd_import)
    t = tsub.add_parser("show", help="a session's transcript, segment by segment")
    t.add_argument("session_id")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=cmd_show)
    r = sub.add_parser("recording", help="a session's audio recording")
    rsub = r.add_subparsers(dest="recording_command", metavar="COMMAND", required=True)
    a = rsub.add_parser("attach", help="attach a WAV / MP3 / M4A / OGG file (consent A2 = yes)")
    a.add_argument("session_id")
    a.add_argument("file", type=Path)
    a.set_defaults(handler=cmd_attach)


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    result = import_transcript(ctx.db, ctx.actor, args.session_id, args.file)
    speakers = sum(1 for s in result.segments if s.speaker)
    stamped = sum(1 for s in result.segments if s.seconds is not None)
    print(
        f"{len(result.segments)} segments ({speakers} with a speaker, {stamped} with a time "
        f"stamp); answer id {result.answer_id}"
    )
    return 0


def cmd_attach(args: argparse.Namespace, ctx: CliContext) -> int:
    info = attach_recording(ctx.db, ctx.actor, args.session_id, args.file)
    print(f"attached {info.filename} ({info.size} bytes, sha256 {info.sha256[:12]}…)")
    return 0


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    result = get_transcript(ctx.db, args.session_id)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    for s in result.segments:
        when = stamp(s.seconds) if s.seconds is not None else " " * 10
        print(f"{when} {s.label or '-':<10} {s.text}")
    return 0

"""`neutralitas`: the headless command line, a stable contract for scripts.

Each command module exposes ``register(subparsers)`` and adds its subcommands with
``set_defaults(handler=fn)``; a handler takes the parsed arguments and a ``CliContext``
and returns an exit code. New command modules are listed in ``COMMAND_MODULES``.
A user error prints one line on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from neutralitas_desktop import __version__
from neutralitas_desktop.cli.context import CliContext
from neutralitas_desktop.cli.operation import EXIT_CANCELLED
from neutralitas_desktop.cli.terminal import safe_lines
from neutralitas_desktop.errors import Cancelled, NeutralitasError
from neutralitas_desktop.private_tmp import clean_leftovers

COMMAND_MODULES = (
    "neutralitas_desktop.cli.study_commands",
    "neutralitas_desktop.cli.protection_commands",
    "neutralitas_desktop.cli.forms_commands",
    "neutralitas_desktop.cli.exchange_commands",
    "neutralitas_desktop.cli.interop_commands",
    "neutralitas_desktop.cli.export_commands",
    "neutralitas_desktop.cli.triangulate_commands",
    "neutralitas_desktop.cli.agreement_commands",
    "neutralitas_desktop.cli.transcript_commands",
    "neutralitas_desktop.cli.incident_commands",
    "neutralitas_desktop.cli.analysis_commands",
    "neutralitas_desktop.cli.casefile_commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neutralitas",
        description="Field instrument for ASN-neutrality research (headless commands).",
    )
    parser.add_argument("--version", action="version", version=f"neutralitas {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="study database: a SQLite file or a PostgreSQL URL "
        "(default: the app's study in the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    context = CliContext(args.db)
    try:
        clean_leftovers()  # what a killed run left in the private temporary folder
        return int(args.handler(args, context) or 0)
    except Cancelled as exc:  # Ctrl-C during a long command: it stopped cleanly
        print(f"neutralitas: {safe_lines(str(exc).strip())}", file=sys.stderr)
        return EXIT_CANCELLED
    except NeutralitasError as exc:
        message = str(exc).strip()
        print(f"neutralitas: error: {safe_lines(message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("neutralitas: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped listening; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        context.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

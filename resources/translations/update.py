"""Refresh the UI translations: collect the strings of neutralitas_desktop/ui and app.py
into the .ts sources (translations already made are kept) and compile every .ts to .qm.

Run after changing UI text, translate the new entries (Qt Linguist: `pyside6-linguist
resources/translations/neutralitas_id.ts`, or by hand), then run it again:

    python resources/translations/update.py            # lupdate + lrelease
    python resources/translations/update.py --release  # only compile .ts -> .qm
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("id",)  # English is the source language


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the environment running this script."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[str]:
    ui = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "neutralitas_desktop/ui").rglob("*.py"))
    return [*ui, "neutralitas_desktop/app.py"]


def update() -> None:
    for language in LANGUAGES:
        target = HERE / f"neutralitas_{language}.ts"
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources(),
                "-ts",
                str(target.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )


def release() -> None:
    for ts in sorted(HERE.glob("*.ts")):
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    args = parser.parse_args()
    if not args.release:
        update()
    release()


if __name__ == "__main__":
    main()

"""Run the benchmarks and print each figure next to its baseline, ratio and goal.

Each benchmark runs in a process of its own (sharing the run's folder, so a study is built
once): what one leaves in memory (a merge's hundreds of thousands of rows, a workbook)
would otherwise slow the next one's timings, which a person using the app never sees."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import HEADER, SIZES, BenchContext, workdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--only", action="append", metavar="NAME", help="e.g. demo, merge")
    parser.add_argument("--in", dest="folder", help=argparse.SUPPRESS)  # one benchmark's process
    args = parser.parse_args(argv)
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    if args.folder:
        return _run_here(names, args.size, args.folder)
    missed = 0
    with workdir() as tmp:
        print(f"size {args.size}: {SIZES[args.size]} sessions in the synthetic study")
        print("every goal is a ratio to a baseline measured in this run (see README)")
        print(HEADER, flush=True)
        for name in names:
            command = [sys.executable, "-m", "benchmarks", "--size", args.size]
            command += ["--only", name, "--in", str(tmp)]
            with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
                assert child.stdout is not None
                for line in child.stdout:
                    print(line, end="", flush=True)
                    missed += line.rstrip().endswith("MISSED")
            if child.returncode:
                print(f"   {name} failed (exit code {child.returncode})")
                missed += 1
    if missed:
        print(f"\n{missed} figure(s) missed their goal")
    return 0


def _run_here(names: list[str], size: str, folder: str) -> int:
    with workdir(folder) as tmp:
        ctx = BenchContext(size, tmp)
        for name in names:
            module = importlib.import_module(f"benchmarks.{name}")
            started = time.perf_counter()
            print(f"\n== {name[6:]}")
            for figure in module.run(ctx):
                print(figure.line(), flush=True)
            print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

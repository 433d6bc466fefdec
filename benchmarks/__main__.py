"""Run the benchmarks and print each figure next to its baseline, ratio and goal."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

from benchmarks.common import HEADER, SIZES, BenchContext, workdir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--only", action="append", metavar="NAME", help="e.g. demo, merge")
    args = parser.parse_args(argv)
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    missed = 0
    with workdir() as tmp:
        ctx = BenchContext(args.size, tmp)
        print(f"size {args.size}: {SIZES[args.size]} sessions in the synthetic study")
        print("every goal is a ratio to a baseline measured in this run (see README)")
        print(HEADER)
        for name in names:
            module = importlib.import_module(f"benchmarks.{name}")
            started = time.perf_counter()
            print(f"\n== {name[6:]}")
            for figure in module.run(ctx):
                print(figure.line(), flush=True)
                missed += figure.ok is False
            print(f"   ({time.perf_counter() - started:.1f} s)")
    if missed:
        print(f"\n{missed} figure(s) missed their goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())

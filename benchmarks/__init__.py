"""Benchmarks: `python -m benchmarks [--size S|M|L] [--only NAME]`.

Each ``bench_*.py`` module exposes ``run(ctx: BenchContext) -> list[Figure]``; a figure
is printed next to a baseline measured in the same run, their ratio and the goal for the
ratio, so the goals hold from one machine to the next. Benchmarks are not tests: they
print, they do not assert.
"""

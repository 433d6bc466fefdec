"""Benchmarks: `python -m benchmarks [--size S|M|L] [--only NAME]`.

Each ``bench_*.py`` module exposes ``run(ctx: BenchContext) -> list[Figure]``; a figure
is printed next to the goal it is checked against, both measured in the same run.
Benchmarks are not tests: they print, they do not assert.
"""

"""The cost of encryption at rest: answer saves, the Excel export and the merge on a study
encrypted with SQLCipher, next to the same on a plain copy of it, in the same run."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import BenchContext, Figure, bench_profile, percentile, timed

SAVES = 600
# The first saves after opening read (and, encrypted, decrypt) the pages they touch: a
# one-time cost, printed on its own; the percentiles are of the saves after it.
WARMUP = 50
MERGED_PACKAGES = 8
GOAL = 1.3
PASSPHRASE = "kopi pagi di Ciamis 2024"


def _studies(ctx: BenchContext, source: Path, name: str) -> dict[str, Path]:
    from neutralitas_desktop.store.conversion import encrypt_study

    plain = ctx.copy(source, f"{name}-plain.sqlite")
    encrypted = ctx.copy(source, f"{name}-encrypted.sqlite")
    encrypt_study(encrypted, PASSPHRASE)
    return {"plain": plain, "encrypted": encrypted}


def _secret(kind: str) -> str | None:
    return PASSPHRASE if kind == "encrypted" else None


def _ratio(name: str, plain: float, encrypted: float, unit: str) -> list[Figure]:
    return [Figure(f"{name}: encrypted vs plain", encrypted, unit, plain, GOAL)]


def _saves(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.fieldwork.answers import save_answer
    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.fieldwork.workspace import open_workspace

    samples: dict[str, list[float]] = {"plain": [], "encrypted": []}
    saves: dict[str, Callable[[int], None]] = {}
    workspaces = []
    for kind, path in _studies(ctx, ctx.demo_study(), "saves").items():
        workspace = open_workspace(path, bench_profile(), passphrase=_secret(kind))
        workspaces.append(workspace)
        iid, _ = get_instrument(workspace.db, "office-observation")
        site = workspace.sites()[0]
        sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id

        def save(i: int, w=workspace, s=sid) -> None:  # type: ignore[no-untyped-def]
            save_answer(w.db, w.actor, s, f"q{i % 25}", f"jawaban {i}")

        saves[kind] = save
    for i in range(WARMUP + SAVES):  # interleaved: both see the same disk and the same load
        for kind, save in saves.items():
            started = time.perf_counter()
            save(i)
            samples[kind].append(time.perf_counter() - started)
    for workspace in workspaces:
        workspace.close()
    first = {k: sum(v[:WARMUP]) / WARMUP * 1000 for k, v in samples.items()}
    figures = [
        Figure(
            f"save: the first {WARMUP} after opening, mean: encrypted vs plain",
            first["encrypted"],
            "ms",
            first["plain"],
        )
    ]
    for p in (50, 99):
        plain, encrypted = (
            percentile(samples[k][WARMUP:], p) * 1000 for k in ("plain", "encrypted")
        )
        figures += _ratio(f"save: one answer, p{p}", plain, encrypted, "ms")
    return figures


def _export(ctx: BenchContext) -> list[Figure]:
    from neutralitas_desktop.reports.excel import export_excel
    from neutralitas_desktop.store.database import open_database

    seconds = {}
    for kind, path in _studies(ctx, ctx.demo_study(), "export").items():
        db = open_database(path, passphrase=_secret(kind))
        out = ctx.workdir / f"export-{kind}.xlsx"
        seconds[kind] = timed(lambda db=db, out=out: export_excel(db, out), repeat=2)
        db.close()
    return _ratio("export: Excel workbook", seconds["plain"], seconds["encrypted"], "s")


def _merge(ctx: BenchContext) -> list[Figure]:
    from benchmarks.bench_merge import _packages, _signatures
    from neutralitas_desktop.exchange.merge import merge_files
    from neutralitas_desktop.fieldwork.study import open_study

    master, paths = _packages(ctx)
    trust = _signatures(paths[:MERGED_PACKAGES])[2]  # the supervisor trusts the laptops
    seconds = {}
    for kind, path in _studies(ctx, master, "merge").items():
        db, actor = open_study(path, bench_profile(), passphrase=_secret(kind))
        started = time.perf_counter()
        merge_files(db, actor, paths[:MERGED_PACKAGES], trust=trust)
        seconds[kind] = time.perf_counter() - started
        db.close()
    name = f"merge: {MERGED_PACKAGES} packages"
    return _ratio(name, seconds["plain"], seconds["encrypted"], "s")


def run(ctx: BenchContext) -> list[Figure]:
    return _saves(ctx) + _export(ctx) + _merge(ctx)

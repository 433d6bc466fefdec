"""The field app, each next to a bare baseline measured in the same run (interleaved):
warm start to a painted main window on a 200-session study next to a process that only
shows a bare PySide6 QMainWindow (and, without a goal, to that study's sessions shown: the
window paints before the store loads); opening a 200-question instrument in the runner next to
building 200 bare labels and line edits; one keystroke in the runner next to one in a bare
line edit; and one answer saved through the service next to a raw upsert + commit on the
same WAL / synchronous=FULL database through the same SQLite driver."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.common import BenchContext, Figure, bench_profile, percentile

START_RUNS = 7
SAVES = 1000
OPEN_RUNS = 9


def run(ctx: BenchContext) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    study = ctx.demo_study(200)
    figures = _start(ctx, study)
    figures += _runner(ctx)
    figures += _saves(ctx, study)
    return figures


# ---- start ----------------------------------------------------------------------------
def _start(ctx: BenchContext, study: Path) -> list[Figure]:
    path = ctx.copy(study, "start.sqlite")
    data = ctx.workdir / "start-data"
    data.mkdir(exist_ok=True)
    profile = bench_profile()
    (data / "profile.json").write_text(json.dumps(profile.__dict__), encoding="utf-8")
    env = dict(os.environ)
    # As an installed app starts: from bytecode written at its first launch (a wheel's is
    # written at install). Without this a checkout run with PYTHONDONTWRITEBYTECODE compiles
    # every module of ours at every launch, while the bare window's PySide6 is compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        NEUTRALITAS_DATA_DIR=str(data),
        XDG_CONFIG_HOME=str(ctx.workdir / "start-config"),
        NEUTRALITAS_STARTUP_PROBE="1",
        PYTHONPYCACHEPREFIX=str(ctx.workdir / "start-bytecode"),
    )

    def once(command: list[str], event: str = "first-paint") -> dict[str, float]:
        started = time.time()
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, check=True
        )
        events = dict(x.split() for x in done.stdout.splitlines() if x.startswith(_EVENTS))
        return {name: float(at) - started for name, at in events.items()}

    app = [sys.executable, "-m", "neutralitas_desktop", str(path)]
    bare = [sys.executable, "-c", BARE_WINDOW]
    cold = once(app)  # the first launch: bytecode written, files read into the page cache
    once(bare)  # the same for the bare window
    warm: list[dict[str, float]] = []
    baseline: list[float] = []
    for _ in range(START_RUNS):  # interleaved: both see the same load
        warm.append(once(app))
        baseline.append(once(bare)["first-paint"])
    painted = [w["first-paint"] for w in warm]
    shown = [w["study-shown"] for w in warm]
    bare_median = statistics.median(baseline)
    return [
        Figure(
            "start: first launch to painted main window (200 sessions)", cold["first-paint"], "s"
        ),
        Figure("start: first launch to the study's sessions shown", cold["study-shown"], "s"),
        Figure(
            f"start: warm, to painted main window vs bare window (median of {START_RUNS})",
            statistics.median(painted),
            "s",
            bare_median,
            2.5,
        ),
        Figure(
            "start: warm launch to painted main window vs bare window, best of each",
            min(painted),
            "s",
            min(baseline),
        ),
        Figure(
            f"start: warm, to the sessions shown vs bare window (median of {START_RUNS})",
            statistics.median(shown),
            "s",
            bare_median,
        ),
    ]


_EVENTS = ("first-paint", "study-shown")


# A process that imports PySide6, shows a QMainWindow holding one line of text (so that
# its first paint loads fonts, as any real window's does) and quits at its first paint,
# printing the time as the app's startup probe (NEUTRALITAS_STARTUP_PROBE) does.
BARE_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class FirstPaint(QObject):
    done = False

    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 820)
window.setCentralWidget(QLabel("Neutralitas"))
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
app.exec()
"""


# ---- runner ---------------------------------------------------------------------------
def big_instrument(questions: int = 200) -> Any:
    """A 200-question observation form: 10 sections of 20, every common type, skip logic."""
    from neutralitas_desktop.instruments.model import (
        Choice,
        ChoiceList,
        Group,
        Instrument,
        Question,
    )

    kinds = (
        "text",
        "integer",
        "select_one",
        "yes_no_na",
        "long_text",
        "select_multiple",
        "date",
        "likert",
        "decimal",
        "yes_no_na",
    )
    choices = ChoiceList(
        "c5",
        tuple(Choice(str(i), {"id": f"Pilihan {i}", "en": f"Choice {i}"}) for i in range(1, 6)),
    )
    sections = []
    for s in range(questions // 20):
        children = []
        for q in range(20):
            n = s * 20 + q
            kind = kinds[n % len(kinds)]
            children.append(
                Question(
                    name=f"q{n:03d}",
                    type=kind,
                    label={
                        "id": f"Pertanyaan {n}: apakah hal ini teramati di kantor?",
                        "en": f"Question {n}: was this observed at the office?",
                    },
                    hint={"id": "Catat apa yang terlihat."} if n % 4 == 0 else {},
                    required=n % 3 == 0,
                    relevant=f"${{q{n - 1:03d}}} != 'no'" if kind == "long_text" else "",
                    constraint=". >= 0 and . <= 1000" if kind == "integer" else "",
                    choice_list="c5" if kind in ("select_one", "select_multiple", "likert") else "",
                )
            )
        sections.append(
            Group(
                f"s{s}", {"id": f"Bagian {s + 1}", "en": f"Part {s + 1}"}, children=tuple(children)
            )
        )
    return Instrument(
        "bench-200",
        "1",
        {"id": "Formulir 200 pertanyaan"},
        "observation",
        ("id", "en"),
        "id",
        tuple(sections),
        {"c5": choices},
    )


def _runner(ctx: BenchContext) -> list[Figure]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from neutralitas_desktop.fieldwork.instruments import store_instrument
    from neutralitas_desktop.fieldwork.workspace import open_workspace
    from neutralitas_desktop.instruments.form_state import FormState
    from neutralitas_desktop.ui.runner.runner_view import RunnerView
    from neutralitas_desktop.ui.settings import UiSettings
    from neutralitas_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([])
    apply_theme(app)  # type: ignore[arg-type]
    instrument = big_instrument()
    workspace = open_workspace(ctx.workdir / "runner.sqlite", bench_profile(), create=True)
    with workspace.db.session() as session:
        iid, _ = store_instrument(session, instrument, workspace.actor.device_id)
    site = workspace.add_site("Kantor Kecamatan Cibeureum")
    sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    settings = UiSettings(QSettings(str(ctx.workdir / "runner.ini"), QSettings.Format.IniFormat))
    opened: list[float] = []
    bare_opened: list[float] = []
    for _ in range(OPEN_RUNS):  # interleaved with the baseline
        started = time.perf_counter()
        view = RunnerView(workspace, sid, settings)
        view.resize(1280, 820)
        view.show()
        app.processEvents()  # type: ignore[union-attr]
        opened.append(time.perf_counter() - started)
        view.saver.close()
        view.close()
        view.deleteLater()
        app.processEvents()  # type: ignore[union-attr]
        started = time.perf_counter()
        bare = bare_form(200)
        app.processEvents()  # type: ignore[union-attr]
        bare_opened.append(time.perf_counter() - started)
        bare.close()
        bare.deleteLater()
        app.processEvents()  # type: ignore[union-attr]
    # one keystroke: relevance and checks of the whole form, the page redrawn, the save queued
    view = RunnerView(workspace, sid, settings)
    view.resize(1280, 820)
    view.show()
    app.processEvents()  # type: ignore[union-attr]
    target = view.current_page().card("q000").input.focus_widget()  # type: ignore[union-attr]
    bare = bare_form(200)
    app.processEvents()  # type: ignore[union-attr]
    bare_target = bare.findChild(QLineEdit)
    keystrokes: list[float] = []
    bare_keystrokes: list[float] = []
    for i in range(200):
        key = Qt.Key.Key_A if i % 2 else Qt.Key.Key_B
        started = time.perf_counter()
        QTest.keyClick(target, key)
        keystrokes.append(time.perf_counter() - started)
        started = time.perf_counter()
        QTest.keyClick(bare_target, key)
        bare_keystrokes.append(time.perf_counter() - started)
    bare.close()
    view.saver.close()
    view.close()
    workspace.close()
    state = FormState(instrument, {f"q{n:03d}": "1" for n in range(200)})
    changes = []
    for i in range(300):
        started = time.perf_counter()
        state.set_value("q010", str(i))
        changes.append(time.perf_counter() - started)
    open_ms = statistics.median(opened) * 1000
    bare_ms = statistics.median(bare_opened) * 1000
    return [
        Figure(
            "runner: open a 200-question form vs 200 bare label + line edit",
            open_ms,
            "ms",
            bare_ms,
            2.0,
        ),
        Figure(
            "runner: one keystroke vs one in a bare line edit, p50",
            percentile(keystrokes, 50) * 1000,
            "ms",
            percentile(bare_keystrokes, 50) * 1000,
        ),
        Figure(
            "runner: one keystroke vs one in a bare line edit, p99",
            percentile(keystrokes, 99) * 1000,
            "ms",
            percentile(bare_keystrokes, 99) * 1000,
        ),
        Figure(
            "form state: re-evaluate 200 questions after a change, p50",
            statistics.median(changes) * 1000,
            "ms",
        ),
    ]


def bare_form(questions: int) -> Any:
    """The baseline of opening a form: a scrolled page of ``questions`` bare labels and
    line edits, shown at the runner's size (what Qt costs with nothing of ours)."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

    area = QScrollArea()
    page = QWidget()
    layout = QVBoxLayout(page)
    for n in range(questions):
        layout.addWidget(QLabel(f"Pertanyaan {n}: apakah hal ini teramati di kantor?"))
        layout.addWidget(QLineEdit())
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.resize(1280, 820)
    area.show()
    return area


# ---- saves ----------------------------------------------------------------------------
def _saves(ctx: BenchContext, study: Path) -> list[Figure]:
    from neutralitas_desktop.fieldwork.answers import answer_id, save_answer
    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.fieldwork.workspace import open_workspace
    from neutralitas_desktop.store import cipher

    path = ctx.copy(study, "saves.sqlite")
    workspace = open_workspace(path, bench_profile())
    iid, _ = get_instrument(workspace.db, "office-observation")
    site = workspace.sites()[0]
    sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    raw_sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    typed_sid = workspace.begin_session(instrument_id=iid, site_id=site.id).session_id
    # SQLCipher's driver, as the app's: two SQLite libraries on one file in one process
    # do not see each other's locks (store/cipher.py).
    raw = cipher.connect(path, None)
    raw.isolation_level = None
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    upsert = (
        "INSERT INTO answer (id, session_id, key, question, value, note, current_revision_id,"
        " revision_count, has_conflict, relevant, updated_at, device_id)"
        " VALUES (?, ?, ?, ?, ?, '', ?, 1, 0, 1, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET value = excluded.value,"
        " current_revision_id = excluded.current_revision_id,"
        " revision_count = revision_count + 1, updated_at = excluded.updated_at"
    )
    service: list[float] = []
    typing: list[float] = []  # the runner's path: the field's open revision replaced
    bare: list[float] = []
    actor = workspace.actor
    for i in range(SAVES):
        key = f"q{i % 25}"
        started = time.perf_counter()
        save_answer(workspace.db, actor, sid, key, f"jawaban {i}")
        service.append(time.perf_counter() - started)
        started = time.perf_counter()
        save_answer(workspace.db, actor, typed_sid, key, f"jawaban {i}", typing=True)
        typing.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw.execute("BEGIN")
        raw.execute(
            upsert,
            (
                answer_id(raw_sid, key),
                raw_sid,
                key,
                key,
                f"jawaban {i}",
                str(uuid.uuid4()),
                "2024-10-21 10:42:07",
                actor.device_id,
            ),
        )
        raw.execute("COMMIT")
        bare.append(time.perf_counter() - started)
    raw.close()
    workspace.close()
    figures = []
    for name, series in (("one answer", service), ("typing (open revision)", typing)):
        for p, goal in ((50, 2.0), (99, 3.0)):
            figures.append(
                Figure(
                    f"save: {name} vs raw upsert + commit, p{p}",
                    percentile(series, p) * 1000,
                    "ms",
                    percentile(bare, p) * 1000,
                    goal,
                )
            )
    return figures

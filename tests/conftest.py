"""Shared fixtures: an isolated data folder for every test and fresh study databases
copied from templates built once per run. Most tests use plain study files (fast); the
``encrypted_study`` fixture gives the SQLCipher one the app and the CLI create by default."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from neutralitas_desktop.fieldwork.actor import Actor
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.profile import LocalProfile
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store.conversion import encrypt_study
from neutralitas_desktop.store.database import Database

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "xlsform-corpus"
TEST_PROFILE = LocalProfile(
    device_id="00000000-0000-4000-8000-000000000001",
    device_name="laptop-uji",
    researcher_name="Rina Peneliti",
    researcher_initials="RP",
    completed_first_run=True,
)
STUDY_PASSPHRASE = "kopi pagi di Ciamis 2024"


@dataclass
class Study:
    db: Database
    actor: Actor
    path: Path
    passphrase: str | None = None  # an encrypted study's


@pytest.fixture(autouse=True)
def _no_windows_left_behind() -> Iterator[None]:
    """After a GUI test, its windows and dialogs are closed and deleted before the next test
    runs: one left half torn down (a wizard, a style animation of a closed dialog) crashes a
    later test that processes events. Tests that never loaded Qt are left Qt-free."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if widgets is None or app is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in widgets.QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "userdata"
    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(data))
    monkeypatch.setenv("NEUTRALITAS_DEVICE_NAME", TEST_PROFILE.device_name)
    return data


def _build(path: Path, demo_sessions: int = 0) -> Path:
    db, actor = open_study(path, TEST_PROFILE, create=True)
    if demo_sessions:
        generate_demo(db, actor, demo_sessions, seed=7)
    with db.engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture(scope="session")
def empty_study_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    os.environ.setdefault("NEUTRALITAS_DATA_DIR", str(folder / "userdata"))
    return _build(folder / "study.sqlite")


@pytest.fixture(scope="session")
def demo_study_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template")
    return _build(folder / "demo.sqlite", demo_sessions=60)


def _copy_and_open(template: Path, target: Path) -> Study:
    shutil.copy(template, target)
    db, actor = open_study(target, TEST_PROFILE)
    return Study(db, actor, target)


@pytest.fixture
def study(empty_study_template: Path, tmp_path: Path) -> Iterator[Study]:
    """A fresh study from the shipped template, no fieldwork yet."""
    s = _copy_and_open(empty_study_template, tmp_path / "study.sqlite")
    yield s
    s.db.close()


@pytest.fixture
def demo_study(demo_study_template: Path, tmp_path: Path) -> Iterator[Study]:
    """A fresh copy of a 60-session demo study (seed 7)."""
    s = _copy_and_open(demo_study_template, tmp_path / "demo.sqlite")
    yield s
    s.db.close()


@pytest.fixture(scope="session")
def encrypted_study_template(
    empty_study_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("encrypted-template") / "study.sqlite"
    shutil.copy(empty_study_template, path)
    encrypt_study(path, STUDY_PASSPHRASE)
    return path


@pytest.fixture
def encrypted_study(encrypted_study_template: Path, tmp_path: Path) -> Iterator[Study]:
    """A fresh study encrypted with ``STUDY_PASSPHRASE``, no fieldwork yet."""
    target = tmp_path / "secret.sqlite"
    shutil.copy(encrypted_study_template, target)
    db, actor = open_study(target, TEST_PROFILE, passphrase=STUDY_PASSPHRASE)
    yield Study(db, actor, target, STUDY_PASSPHRASE)
    db.close()

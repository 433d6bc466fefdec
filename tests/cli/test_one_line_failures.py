"""Failures of the machine, not of the program — a full disk, a read-only study or folder,
a lock held by another program, two writers at once, no terminal for a prompt — end in
one line and exit status 1, never a traceback, and leave the study as it was."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fs_helpers import fill, remount_read_only
from sqlcipher3 import dbapi2 as sqlite3  # the driver the app opens study files with

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import DatabaseError
from neutralitas_desktop.fieldwork.profile import LocalProfile, save_profile
from neutralitas_desktop.store import database

CLI = (sys.executable, "-m", "neutralitas_desktop.cli.main")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("neutralitas: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def test_a_study_in_a_read_only_folder_says_so(
    small_fs: Path, empty_study_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study = small_fs / "study.sqlite"
    shutil.copy(empty_study_template, study)
    before = digest(study)
    remount_read_only(small_fs)
    err = one_line(capsys, "--db", str(study), "stats")
    assert "the study's folder" in err and "is read-only" in err
    assert "not a neutralitas-desktop database" not in err
    assert digest(study) == before


def test_a_read_only_study_file_says_so(
    tmp_path: Path, empty_study_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    before = digest(study)
    # Tests run as root, whom file modes do not stop: make the file immutable instead.
    if subprocess.run(["chattr", "+i", str(study)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file read-only for root here (chattr +i failed)")
    try:
        err = one_line(capsys, "--db", str(study), "demo", "--sessions", "2")
    finally:
        subprocess.run(["chattr", "-i", str(study)], check=False)
    assert "the study file is read-only" in err
    assert "not a neutralitas-desktop database" not in err
    assert digest(study) == before


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO meta (key, value) VALUES ('held', 'by another program')")
    print("locked", flush=True)
    sys.stdin.readline()
    con.execute("ROLLBACK")
    """
)


def test_a_lock_held_by_another_program_says_the_study_is_in_use(
    tmp_path: Path,
    empty_study_template: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(study)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = digest(study)
        err = one_line(capsys, "--db", str(study), "demo", "--sessions", "2")
    finally:
        holder.communicate("\n", timeout=30)
    assert "the study is locked: another program is using it" in err
    assert digest(study) == before


def test_disk_full_during_demo(
    small_fs: Path, empty_study_template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batch being written is rolled back; the study stays sound (batches the demo had
    already saved stay: the demo adds sessions in batches)."""
    study = small_fs / "study.sqlite"
    shutil.copy(empty_study_template, study)
    fill(small_fs, leave=64 << 10)
    err = one_line(capsys, "--db", str(study), "demo", "--sessions", "200")
    assert "cannot write: the disk is full" in err
    (small_fs / "filler").unlink()
    assert main(["--db", str(study), "check"]) == 0


def test_disk_full_during_merge(
    small_fs: Path,
    empty_study_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handout, package = tmp_path / "study.ndpkg", tmp_path / "ani.ndpkg"
    supervisor = tmp_path / "supervisor.sqlite"
    shutil.copy(empty_study_template, supervisor)
    con = sqlite3.connect(supervisor)
    [(device_id,)] = con.execute("SELECT device_id FROM device_key WHERE role = 'supervisor'")
    con.close()
    # This data folder is the laptop that created the study: its supervisor.
    save_profile(LocalProfile(device_id, "kantor", "Supervisor", "SV", completed_first_run=True))
    assert main(["--db", str(supervisor), "package", str(handout)]) == 0
    supervisor_data = os.environ["NEUTRALITAS_DATA_DIR"]
    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(tmp_path / "ani-data"))
    laptop = tmp_path / "ani.sqlite"
    assert main(["--db", str(laptop), "merge", "--unencrypted", str(handout)]) == 0
    assert main(["--db", str(laptop), "demo", "--sessions", "40"]) == 0
    assert main(["--db", str(laptop), "package", str(package)]) == 0
    capsys.readouterr()
    assert main(["device", "--json"]) == 0
    fingerprint = json.loads(capsys.readouterr().out)["fingerprint"]
    monkeypatch.setenv("NEUTRALITAS_DATA_DIR", supervisor_data)
    master = small_fs / "master.sqlite"
    shutil.copy(supervisor, master)
    fill(small_fs, leave=256 << 10)
    capsys.readouterr()
    before = digest(master)
    err = one_line(
        capsys, "--db", str(master), "merge", "--trust-device", fingerprint, str(package)
    )
    assert "cannot write: the disk is full" in err
    assert digest(master) == before


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "excel", "{out}/out.xlsx"),
        ("export", "pdf", "{out}/out.pdf", "--report", "summary"),
    ],
)
def test_disk_full_during_export(
    small_fs: Path,
    demo_study_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
) -> None:
    study = tmp_path / "demo.sqlite"
    shutil.copy(demo_study_template, study)
    fill(small_fs, leave=16 << 10)
    err = one_line(capsys, "--db", str(study), *[a.format(out=small_fs) for a in argv])
    assert "the disk is full" in err
    assert sorted(p.name for p in small_fs.iterdir()) == ["filler"]


def test_two_demos_at_once_both_add_their_sessions(
    tmp_path: Path, empty_study_template: Path
) -> None:
    """Two processes drawing informant codes from the same study: the second to write
    retries with codes nobody holds."""
    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    argv = [*CLI, "--db", str(study), "demo"]
    runs = [
        subprocess.Popen(
            [*argv, "--sessions", "60", "--seed", str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    outcomes = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, err
    con = sqlite3.connect(study)
    sessions = con.execute("SELECT count(*) FROM field_session").fetchone()[0]
    codes = [r[0] for r in con.execute("SELECT code FROM informant")]
    con.close()
    assert sessions == 120
    assert len(codes) == len(set(codes)) > 0


def test_a_passphrase_prompt_with_no_terminal(
    tmp_path: Path, empty_study_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as a script would (no controlling terminal, stdin closed): one line, no file."""
    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    monkeypatch.delenv("NEUTRALITAS_PASSPHRASE", raising=False)
    assert main(["--db", str(study), "stats"]) == 0  # this laptop joins the study first
    before = digest(study)
    out = tmp_path / "sealed.ndpkg"
    done = subprocess.run(
        [*CLI, "--db", str(study), "package", str(out), "--encrypt"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,  # no controlling terminal, as under cron or a CI runner
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "there is no terminal to type it: set NEUTRALITAS_PASSPHRASE" in done.stderr
    assert not out.exists()
    assert digest(study) == before


@pytest.mark.parametrize("prefix", ["________", "%%%%", "____%"])
def test_session_prefixes_are_not_patterns(
    demo_study: Any, capsys: pytest.CaptureFixture[str], prefix: str
) -> None:
    before = demo_study.db.path.read_bytes()
    err = one_line(capsys, "--db", str(demo_study.path), "review", "approve", prefix)
    assert f"no session '{prefix}' in this study" in err
    assert demo_study.db.path.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--db", "{ro}/new.sqlite", "init"), "cannot create {ro}/new.sqlite: its folder"),
        (("--db", "{ro}/sub/new.sqlite", "init"), "the file system is read-only"),
        (("--db", "{ro}/joined.sqlite", "merge", "{handout}"), "the file system is read-only"),
        (("--db", "{study}", "package", "{ro}/out.ndpkg"), "cannot write {ro}/out.ndpkg"),
        (("--db", "{study}", "export", "excel", "{ro}/out.xlsx"), "cannot write {ro}/out.xlsx"),
        (("--db", "{study}", "codebook", "export", "{ro}/cb.qdc"), "cannot write {ro}/cb.qdc"),
    ],
)
def test_writing_into_a_read_only_folder(
    small_fs: Path,
    empty_study_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    said: str,
) -> None:
    study, handout = tmp_path / "study.sqlite", tmp_path / "study.ndpkg"
    shutil.copy(empty_study_template, study)
    assert main(["--db", str(study), "package", str(handout)]) == 0
    capsys.readouterr()
    remount_read_only(small_fs)
    names = {"ro": small_fs, "study": study, "handout": handout}
    err = one_line(capsys, *[a.format(**names) for a in argv])
    assert said.format(**names) in err
    assert not list(small_fs.iterdir())


def test_the_screens_say_it_in_indonesian(small_fs: Path, empty_study_template: Path) -> None:
    """The GUI shows the same refusal in the UI language (Indonesian by default)."""
    study = small_fs / "study.sqlite"
    shutil.copy(empty_study_template, study)
    remount_read_only(small_fs)
    with pytest.raises(DatabaseError) as refused:
        database.open_database(study)
    assert "is read-only" in str(refused.value)
    assert f"folder studi {small_fs} hanya-baca" in refused.value.localized("id")


def test_disk_full_during_an_answer_save_keeps_the_answer_it_had(
    small_fs: Path, empty_study_template: Path
) -> None:
    """A full disk is the one message, and the answer keeps its last saved value."""
    from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.fieldwork.workspace import open_workspace

    study = small_fs / "study.sqlite"
    shutil.copy(empty_study_template, study)
    profile = LocalProfile(
        device_id="00000000-0000-4000-8000-0000000000d1",
        device_name="laptop-uji",
        researcher_name="Rina Peneliti",
        researcher_initials="RP",
        completed_first_run=True,
    )
    workspace = open_workspace(study, profile)
    try:
        iid, _ = get_instrument(workspace.db, "office-observation")
        site = (workspace.sites() or [workspace.add_site("Kecamatan Uji")])[0].id
        sid = workspace.begin_session(instrument_id=iid, site_id=site).session_id
        saved = "sebelum penuh"
        save_answer(workspace.db, workspace.actor, sid, "notes", saved)
        fill(small_fs, leave=0)
        with pytest.raises(DatabaseError, match="the disk is full"):
            for i in range(200):  # until a page no longer fits
                value = f"{i} " + "x" * 50_000
                save_answer(workspace.db, workspace.actor, sid, "notes", value)
                saved = value
        (small_fs / "filler").unlink()
        assert session_answers(workspace.db, sid)["notes"].value == saved
        assert main(["--db", str(study), "check"]) == 0
    finally:
        workspace.close()


def test_a_driver_failure_in_the_save_path_is_the_one_message(
    empty_study_template: Path, tmp_path: Path
) -> None:
    """The save path's statements run on the driver's own cursor (fieldwork/journal.py):
    what the user can cause is still one DatabaseError naming the study; a bug is not
    disguised as one."""
    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    db = database.open_database(study)
    try:
        with pytest.raises(DatabaseError, match="read-only") as caught, db.user_failures():
            raise sqlite3.OperationalError("attempt to write a readonly database")
        assert str(study) in str(caught.value)
        with pytest.raises(sqlite3.IntegrityError), db.user_failures():
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
    finally:
        db.close()


def test_a_save_failing_on_the_driver_cursor_is_the_one_message(
    empty_study_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neutralitas_desktop.fieldwork import journal
    from neutralitas_desktop.fieldwork.answers import save_answer
    from neutralitas_desktop.fieldwork.study import open_study

    study = tmp_path / "study.sqlite"
    shutil.copy(empty_study_template, study)
    profile = LocalProfile(device_id="00000000-0000-4000-8000-0000000000d2", device_name="uji")
    db, actor = open_study(study, profile)

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(journal, "_one", full)
    try:
        with pytest.raises(DatabaseError, match="the disk is full"):
            save_answer(db, actor, "any-session", "notes", "teks")
    finally:
        db.close()

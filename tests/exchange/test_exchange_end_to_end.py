"""The scripted season of fieldwork: three researchers' laptops, the supervisor's merges,
an edit of an already merged session, a concurrent edit, a returned session and its way
back — with counts and values checked at each step, through the command line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import TEST_SUPERVISOR, checkpoint, count, digest, dump, profile

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.conflicts import list_conflicts
from neutralitas_desktop.fieldwork.answers import save_answer, session_answers
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.fieldwork.profile import save_profile
from neutralitas_desktop.fieldwork.review_comments import review_comments
from neutralitas_desktop.fieldwork.sessions import get_session, list_sessions, set_status
from neutralitas_desktop.fieldwork.stats import study_stats
from neutralitas_desktop.fieldwork.study import open_study
from neutralitas_desktop.store.integrity import check_database

DEVICES = {1: "Laptop-Ani", 2: "Laptop-Budi", 3: "Laptop-Citra"}  # initials all "L"
NAMES = {1: "Ani Lestari", 2: "Budi Santoso", 3: "Citra Wulan"}


class Team:
    """Runs `neutralitas` as each member would, on their own laptop (profile, database)."""

    def __init__(
        self, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.folder = folder
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def run(self, who: int, *argv: str) -> str:
        home = self.folder / f"home-{who}"
        self.monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(home))
        # every laptop's study is encrypted (the default), each with its own passphrase
        self.monkeypatch.setenv("NEUTRALITAS_STUDY_PASSPHRASE", f"kata sandi laptop {who}")
        home.mkdir(exist_ok=True)
        save_profile(TEST_SUPERVISOR if who == 0 else profile(who, NAMES[who]))
        code = main(["--db", str(self.db(who)), *argv])
        out, err = self.capsys.readouterr()
        assert code == 0, err
        return out

    def fail(self, who: int, *argv: str) -> str:
        """A command that must be refused with one line; returns that line."""
        home = self.folder / f"home-{who}"
        self.monkeypatch.setenv("NEUTRALITAS_DATA_DIR", str(home))
        home.mkdir(exist_ok=True)
        save_profile(TEST_SUPERVISOR if who == 0 else profile(who, NAMES[who]))
        code = main(["--db", str(self.db(who)), *argv])
        _, err = self.capsys.readouterr()
        assert code == 1 and len(err.strip().splitlines()) == 1, err
        return err

    def db(self, who: int) -> Path:
        return self.folder / ("master.sqlite" if who == 0 else f"laptop-{who}.sqlite")

    def open(self, who: int) -> Any:
        return open_study(
            self.db(who),
            TEST_SUPERVISOR if who == 0 else profile(who, NAMES[who]),
            passphrase=f"kata sandi laptop {who}",
        )


def test_a_season_of_fieldwork(
    study: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    team = Team(tmp_path, capsys, monkeypatch)
    checkpoint(study.db)
    shutil.copy(study.path, team.db(0))
    # 1. The supervisor hands out the study; each laptop joins it by merging the package.
    team.run(0, "package", str(tmp_path / "study.ndpkg"))
    made: dict[int, Any] = {}
    for who in (1, 2, 3):
        out = team.run(who, "merge", str(tmp_path / "study.ndpkg"))
        assert "0 new sessions" in out and team.db(who).exists()
        db, actor = team.open(who)
        made[who] = generate_demo(db, actor, 12, seed=100 + who, device_name=DEVICES[who])
        db.close()
    for who in (1, 2, 3):
        team.run(who, "package", str(tmp_path / f"day1-{who}.ndpkg"))
    day1 = [str(tmp_path / f"day1-{who}.ndpkg") for who in (1, 2, 3)]
    # Each researcher reads out their laptop's fingerprint; the supervisor trusts it once.
    trust: list[str] = []
    for who in (1, 2, 3):
        trust += ["--trust-device", json.loads(team.run(who, "device", "--json"))["fingerprint"]]
    # 2. The supervisor previews, then merges; nothing is lost, informant codes made unique.
    master_file = team.db(0)
    before = digest(master_file)
    refused = team.fail(0, "merge", *day1)
    assert "does not know" in refused and "--trust-device" in refused
    assert digest(master_file) == before
    preview = team.run(0, "merge", "--dry-run", *day1, *trust)
    assert digest(master_file) == before
    lines = [line for line in preview.splitlines() if line.startswith("day1-")]
    assert len(lines) == 3 and all("12 new sessions" in line for line in lines)
    assert "preview: nothing was changed" in preview
    out = team.run(0, "merge", *day1, *trust)
    assert "informant INF-L01" in out  # three laptops made INF-L01 offline
    master, _ = team.open(0)
    stats = study_stats(master)
    assert stats["sessions_total"] == 36
    assert stats["answers"] == sum(m.answers for m in made.values())
    assert stats["informants"] == sum(m.informants for m in made.values())
    assert stats["codings"] == sum(m.codings for m in made.values())
    assert check_database(master) == []
    state_after_day1 = dump(master, skip={"audit_event"})
    # Merging the same packages again, in another order, changes nothing.
    assert team.run(0, "merge", *reversed(day1)).count("already merged") == 3
    assert dump(master, skip={"audit_event"}) == state_after_day1

    # 3. Ani corrects an answer in a session the supervisor already has; Budi's laptop got
    #    the same session earlier and changes the same answer differently.
    ani, ani_actor = team.open(1)
    session = next(s.id for s in list_sessions(ani) if s.status == "completed" and s.answers)
    key = sorted(session_answers(ani, session))[0]
    old_value = session_answers(master, session)[key].value
    save_answer(ani, ani_actor, session, key, "koreksi Ani")
    ani.close()
    team.run(2, "merge", day1[0], *trust[:2])  # Budi holds (and trusts) Ani's day-1 data
    budi, budi_actor = team.open(2)
    save_answer(budi, budi_actor, session, key, "koreksi Budi")
    budi.close()
    team.run(1, "package", "--since-last", str(tmp_path / "day2-1.ndpkg"))
    preview = team.run(0, "merge", "--dry-run", str(tmp_path / "day2-1.ndpkg"))
    assert "1 updated answers" in preview
    out = team.run(0, "merge", str(tmp_path / "day2-1.ndpkg"))
    assert "0 new sessions" in out and "1 updated answers" in out and "0 conflicts" in out
    assert session_answers(master, session)[key].value == "koreksi Ani" != old_value
    team.run(2, "package", "--since-last", str(tmp_path / "day2-2.ndpkg"))
    out = team.run(0, "merge", str(tmp_path / "day2-2.ndpkg"))
    assert "1 conflicts" in out
    listing = team.run(0, "conflicts", "list")
    assert "'koreksi Ani'" in listing and "'koreksi Budi'" in listing
    assert "Ani Lestari" in listing and "Budi Santoso" in listing
    [conflict] = json.loads(team.run(0, "conflicts", "list", "--json"))
    assert conflict["kind"] == "answer" and conflict["question"] == key
    for side in conflict["sides"]:  # the JSON keeps UTC; the listing is in the study's zone
        at = dt.datetime.fromisoformat(side["at"]) + dt.timedelta(hours=7)
        assert f"{at:%Y-%m-%d %H:%M} WIB" in listing
    budi_side = next(s["n"] for s in conflict["sides"] if s["value"] == "koreksi Budi")
    team.run(0, "conflicts", "resolve", conflict["ref"][:8], "--choose", str(budi_side))
    assert session_answers(master, session)[key].value == "koreksi Budi"
    assert not session_answers(master, session)[key].has_conflict
    assert "no open conflicts" in team.run(0, "conflicts", "list")

    # 4. The supervisor returns one of Citra's sessions with comments; it goes back to her.
    citra_session = next(
        s
        for s in list_sessions(master)
        if s.researcher_name == DEVICES[3] and s.status == "completed" and s.answers
    )
    question = sorted(session_answers(master, citra_session.id))[0]
    team.run(0, "review", "return", citra_session.id[:8], "--comment", "Lengkapi catatan lapangan.")
    team.run(
        0, "review", "return", citra_session.id, "--comment", "Sumber?", "--question", question
    )
    approved = next(
        s
        for s in list_sessions(master)
        if s.researcher_name == DEVICES[3] and s.status == "completed" and s.id != citra_session.id
    )
    team.run(0, "review", "approve", approved.id)
    assert get_session(master, citra_session.id).status == "returned"
    team.run(
        0, "package", "--since-last", "--researcher", DEVICES[3], str(tmp_path / "back-3.ndpkg")
    )
    out = team.run(3, "merge", str(tmp_path / "back-3.ndpkg"))
    assert "2 updated sessions" in out
    citra, citra_actor = team.open(3)
    assert check_database(citra) == []  # the supervisor's audit chain arrived whole
    mine = get_session(citra, citra_session.id)
    assert (mine.status, mine.review_comment) == ("returned", "Lengkapi catatan lapangan.")
    comments = {(c.answer_key, c.comment) for c in review_comments(citra, citra_session.id)}
    assert comments == {("", "Lengkapi catatan lapangan."), (question, "Sumber?")}
    listed = team.run(3, "review", "comments", citra_session.id)
    for c in review_comments(citra, citra_session.id):  # stored UTC, listed in WIB
        assert f"{c.created_at + dt.timedelta(hours=7):%Y-%m-%d %H:%M} WIB" in listed
    assert get_session(citra, approved.id).status == "approved"
    # Citra fixes it and sends it back: completed again, without a conflict.
    save_answer(citra, citra_actor, citra_session.id, question, "Sumber: tangkapan layar.")
    set_status(citra, citra_actor, citra_session.id, "completed")
    citra.close()
    team.run(3, "package", "--since-last", str(tmp_path / "day3-3.ndpkg"))
    out = team.run(0, "merge", str(tmp_path / "day3-3.ndpkg"))
    assert "0 conflicts" in out
    assert get_session(master, citra_session.id).status == "completed"
    assert session_answers(master, citra_session.id)[question].value == "Sumber: tangkapan layar."
    assert list_conflicts(master) == []
    assert check_database(master) == []
    assert count(master, "SELECT count(*) FROM merge_log") == 6
    master.close()

"""A withdrawal of consent and a later edit of the same informant made without it, on two
devices: the last writer's row is kept (as for every informant field), and the merge says
so, naming the informant, so a withdrawal is never lost without a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_helpers import count, observation

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.fieldwork.informants import create_informant, record_consent
from neutralitas_desktop.fieldwork.sessions import get_session


def _role(db: Any) -> str:
    with db.engine.connect() as con:
        return str(con.exec_driver_sql("SELECT code FROM informant_role ORDER BY sort").scalar())


def _informant(laptop: Any) -> str:
    site = get_session(laptop.db, observation(laptop.db, laptop.actor, "Kantor Camat")).site_id
    with laptop.db.session() as s:
        informant_id = create_informant(
            s, laptop.actor, role=_role(laptop.db), site_id=site, code="INF-07"
        )
    record_consent(laptop.db, laptop.actor, informant_id, "given")
    return informant_id


def _seq(db: Any, informant_id: str) -> int:
    return count(db, f"SELECT device_seq FROM informant WHERE id = '{informant_id}'")


def _status(db: Any, informant_id: str) -> str:
    with db.engine.connect() as con:
        return str(
            con.exec_driver_sql(
                f"SELECT consent_status FROM informant WHERE id = '{informant_id}'"
            ).scalar()
        )


def test_a_withdrawal_replaced_by_a_later_edit_is_reported(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    ani = laptops(1, "Ani Lestari")
    informant = _informant(ani)
    study_db, supervisor = study.db, study.actor
    merge_files(study_db, supervisor, [ani.package(tmp_path).path])
    record_consent(study_db, supervisor, informant, "withdrawn", note="menelepon kantor")
    while _seq(ani.db, informant) <= _seq(study_db, informant):  # written without it, later
        record_consent(ani.db, ani.actor, informant, "given", note="dicatat ulang")
    summaries = merge_files(study_db, supervisor, [ani.package(tmp_path).path])
    [notice] = [n for s in summaries for n in s.consent]
    assert notice.text() == (
        "informant INF-07: the withdrawal of consent recorded in this study gives way to a "
        "later edit (consent now 'given'); if the withdrawal stands, record it again"
    )
    assert notice.text("id") == (  # the merge screen in Indonesian
        "Informan INF-07: penarikan persetujuan yang tercatat di studi ini tergantikan oleh "
        "suntingan yang lebih baru (persetujuan sekarang \u201cBersedia\u201d); bila "
        "penarikan itu masih berlaku, catat lagi"
    )
    assert _status(study_db, informant) == "given"  # the last writer's, as said


def test_a_withdrawal_a_package_brings_under_an_older_stamp_is_reported(
    study: Any, laptops: Any, tmp_path: Path, capsys: Any
) -> None:
    ani = laptops(1, "Ani Lestari")
    informant = _informant(ani)
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    record_consent(ani.db, ani.actor, informant, "withdrawn")
    while _seq(study.db, informant) <= _seq(ani.db, informant):  # the master's edit is later
        record_consent(study.db, study.actor, informant, "given", note="dikonfirmasi")
    package = ani.package(tmp_path).path
    study.db.close()
    assert main(["--db", str(study.path), "merge", str(package)]) == 0
    out = capsys.readouterr().out
    assert (
        "informant INF-07: the withdrawal of consent recorded in the package gives way to a "
        "later edit (consent now 'given'); if the withdrawal stands, record it again"
    ) in out


def test_consent_given_again_after_a_known_withdrawal_is_no_conflict(
    study: Any, laptops: Any, tmp_path: Path
) -> None:
    """The laptop received the withdrawal and the informant agreed again: its row keeps
    the withdrawal's time, so the merge takes it without a notice."""
    from neutralitas_desktop.exchange.package import PackageOptions, write_package

    ani = laptops(1, "Ani Lestari")
    informant = _informant(ani)
    merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    record_consent(study.db, study.actor, informant, "withdrawn", note="menelepon kantor")
    back = tmp_path / "kembali.ndpkg"
    write_package(study.db, study.actor, back, PackageOptions())
    ani.merge(back)
    assert _status(ani.db, informant) == "withdrawn"
    record_consent(ani.db, ani.actor, informant, "given", note="bersedia lagi")
    summaries = merge_files(study.db, study.actor, [ani.package(tmp_path).path])
    assert [line for s in summaries for line in s.consent] == []
    assert _status(study.db, informant) == "given"

"""Coder agreement: the figures reproduce published worked examples; double coding is blind
until a coder is done; a resolved disagreement keeps the figures before and after."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tri_agreement import KRIPPENDORFF_A, KRIPPENDORFF_B, make_coder
from tri_fieldwork import Fieldwork

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.transcripts import save_transcript
from neutralitas_desktop.store.models import AuditEvent
from neutralitas_desktop.triangulation import agreement
from neutralitas_desktop.triangulation.agreement_stats import (
    cohen_kappa,
    krippendorff_alpha,
    percent_agreement,
)
from neutralitas_desktop.triangulation.coding import add_coding, codable_texts, list_codings

N = None


def test_alpha_reproduces_krippendorffs_nominal_example_with_missing_values() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    # four observers, twelve units, nominal values, missing data: alpha = 0.743.
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_alpha_reproduces_krippendorffs_binary_example() -> None:
    assert krippendorff_alpha([KRIPPENDORFF_A, KRIPPENDORFF_B]) == pytest.approx(0.095, abs=5e-4)


def _table(yes_yes: int, yes_no: int, no_yes: int, no_no: int) -> tuple[list[str], list[str]]:
    first = ["y"] * (yes_yes + yes_no) + ["n"] * (no_yes + no_no)
    second = ["y"] * yes_yes + ["n"] * yes_no + ["y"] * no_yes + ["n"] * no_no
    return first, second


@pytest.mark.parametrize(
    ("cells", "kappa", "agreement"),
    [
        # 50 grant proposals read by two readers: p_o = 0.7, p_e = 0.5, kappa = 0.4
        # (the worked example of Cohen's kappa in Wikipedia and in most textbooks).
        ((20, 5, 10, 15), 0.4, 0.7),
        # The same p_o = 0.6 with other marginals gives kappa 0.1304 and 0.2593 (ibid.).
        ((45, 15, 25, 15), 0.1304, 0.6),
        ((25, 35, 5, 35), 0.2593, 0.6),
    ],
)
def test_kappa_reproduces_published_examples(
    cells: tuple[int, int, int, int], kappa: float, agreement: float
) -> None:
    first, second = _table(*cells)
    assert cohen_kappa(first, second) == pytest.approx(kappa, abs=5e-5)
    assert percent_agreement([first, second]) == pytest.approx(agreement)


def test_undefined_figures_are_none_not_made_up() -> None:
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) is None
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None
    assert percent_agreement([[1, N], [N, 2]]) is None


def test_double_coding_reports_the_published_binary_figures(double_coded: dict[str, Any]) -> None:
    report = agreement.agreement_report(double_coded["db"])
    assert report.units == 10
    assert [(c.name, c.sessions, c.done) for c in report.coders] == [
        ("Ani Lestari", 10, 0),
        ("Budi Santoso", 10, 0),
    ]
    [theme] = report.themes
    assert theme.theme == "socmed_engagement"
    assert theme.before.krippendorff_alpha == pytest.approx(0.095, abs=5e-4)
    assert theme.before.percent_agreement == pytest.approx(0.6)
    # kappa = (0.6 - 0.56) / (1 - 0.56) from the same table
    assert theme.before.cohen_kappa == pytest.approx(0.04 / 0.44)
    ani = {u.unit.answer_id: u.applied["Ani Lestari"] for u in theme.units}
    assert [ani[a] for a in double_coded["answers"]] == [bool(v) for v in KRIPPENDORFF_A]
    assert theme.disagreements == 4


def test_other_coders_codings_are_hidden_until_done(double_coded: dict[str, Any]) -> None:
    db, ani, first = double_coded["db"], double_coded["ani"], double_coded["sessions"][1]
    seen = {c.coder_name for c in list_codings(db, session_id=first, viewer_id=ani.researcher_id)}
    assert seen == {"Ani Lestari"}
    agreement.mark_done(db, ani, first)
    seen = {c.coder_name for c in list_codings(db, session_id=first, viewer_id=ani.researcher_id)}
    assert seen == {"Ani Lestari", "Budi Santoso"}
    assert agreement.agreement_report(db).coders[0].done == 1


def test_resolving_keeps_figures_before_and_after(double_coded: dict[str, Any]) -> None:
    db, answers = double_coded["db"], double_coded["answers"]
    after = agreement.resolve(
        db,
        double_coded["ani"],
        answers[0],
        "socmed_engagement",
        True,
        "Menyukai unggahan calon adalah keterlibatan",
        stance="violation",
    )
    [theme] = after.themes
    assert theme.before.krippendorff_alpha == pytest.approx(0.095, abs=5e-4)
    assert theme.after.percent_agreement == pytest.approx(0.7)
    assert theme.disagreements == 3
    assert {d.unit.answer_id for d in agreement.disagreements(db)} == {
        answers[2],
        answers[5],
        answers[8],
    }
    with db.session() as s:
        event = s.query(AuditEvent).filter_by(action="agreement.resolved").one()
        assert event.entity_id == answers[0]
        assert event.detail["reason"] == "Menyukai unggahan calon adalah keterlibatan"
        assert event.detail["before"]["percent_agreement"] == pytest.approx(0.6)
        assert event.detail["after"]["percent_agreement"] == pytest.approx(0.7)
    with pytest.raises(NeutralitasError, match="reason"):
        agreement.resolve(db, double_coded["ani"], answers[2], "socmed_engagement", True, " ")


def test_assigning_needs_two_known_coders(fieldwork: Fieldwork) -> None:
    sid = fieldwork.run("interview", {"story": "x"})
    with pytest.raises(NeutralitasError, match="two coders"):
        agreement.assign(fieldwork.db, fieldwork.actor, [sid], ["Rina Peneliti"])
    with pytest.raises(NeutralitasError, match="no researcher 'Zaki'"):
        agreement.assign(fieldwork.db, fieldwork.actor, [sid], ["Rina Peneliti", "Zaki"])


def test_sampling_is_reproducible_for_a_seed(fieldwork: Fieldwork) -> None:
    for i in range(6):
        fieldwork.run("interview", {"story": f"cerita {i}"})
    first = agreement.sample_sessions(fieldwork.db, 3, seed=11)
    assert first == agreement.sample_sessions(fieldwork.db, 3, seed=11)
    assert len(set(first)) == 3
    with pytest.raises(NeutralitasError, match="cannot sample 9"):
        agreement.sample_sessions(fieldwork.db, 9, seed=11)


def test_cli_contract(double_coded: dict[str, Any], fieldwork: Fieldwork, capsys: Any) -> None:
    db_path = str(fieldwork.study.path)
    fieldwork.db.close()
    assert main(["--db", db_path, "agreement", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [theme] = data["themes"]
    assert theme["theme"] == "socmed_engagement"
    assert theme["krippendorff_alpha"] == pytest.approx(0.095, abs=5e-4)
    assert theme["cohen_kappa"] == pytest.approx(0.04 / 0.44)
    assert theme["percent_agreement"] == pytest.approx(0.6)
    units = {u["answer_id"]: u["coders"] for u in theme["units"]}
    assert units[double_coded["answers"][1]] == {"Ani Lestari": True, "Budi Santoso": True}
    assert units[double_coded["answers"][0]] == {"Ani Lestari": False, "Budi Santoso": True}
    assert main(["--db", db_path, "agreement", "--theme", "socmed_engagement"]) == 0
    table = capsys.readouterr().out
    assert "socmed_engagement" in table and "0.095" in table
    answer = double_coded["answers"][3]
    assert (
        main(
            [
                "--db",
                db_path,
                "codings",
                "add",
                answer,
                "--theme",
                "socmed_engagement",
                "--stance",
                "neutrality",
                "--start",
                "0",
                "--end",
                "5",
                "--memo",
                "awal",
            ]
        )
        == 0
    )
    assert "Cerit" in capsys.readouterr().out
    assert main(["--db", db_path, "codings", "add", answer, "--theme", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
    sid = double_coded["sessions"][0]
    assert (
        main(
            [
                "--db",
                db_path,
                "agreement",
                "assign",
                "--sessions",
                f"{sid},missing",
                "--coders",
                "AL,BS",
            ]
        )
        == 1
    )
    assert "no session with id missing" in capsys.readouterr().err


def test_transcripts_are_compared_segment_by_segment(fieldwork: Fieldwork) -> None:
    ani = make_coder(fieldwork.study, "Ani Lestari", "AL", 2)
    budi = make_coder(fieldwork.study, "Budi Santoso", "BS", 3)
    sid = fieldwork.run("interview", {})
    text = "P: Pernah menyukai unggahan?\nI: Pernah, sekali.\nP: Di akun pribadi?\nI: Ya."
    transcript = save_transcript(fieldwork.db, fieldwork.actor, sid, text)
    agreement.assign(fieldwork.db, fieldwork.actor, [sid], ["AL", "BS"])
    second, fourth = transcript.segments[1], transcript.segments[3]
    theme = "socmed_engagement"
    add_coding(
        fieldwork.db, ani, transcript.answer_id, theme, "violation", second.start, second.end
    )
    add_coding(
        fieldwork.db, budi, transcript.answer_id, theme, "violation", second.start + 3, second.end
    )
    add_coding(
        fieldwork.db, budi, transcript.answer_id, theme, "violation", fourth.start, fourth.end
    )
    [result] = agreement.agreement_report(fieldwork.db).themes
    assert [
        (u.unit.start, u.applied["Ani Lestari"], u.applied["Budi Santoso"]) for u in result.units
    ] == [
        (0, False, False),
        (second.start, True, True),  # overlapping passages of one turn agree
        (transcript.segments[2].start, False, False),
        (fourth.start, False, True),
    ]
    assert result.before.percent_agreement == pytest.approx(0.75)
    after = agreement.resolve(
        fieldwork.db, ani, transcript.answer_id, theme, True, "Ya = mengakui", start=fourth.start
    )
    assert after.themes[0].after.percent_agreement == pytest.approx(1.0)


def test_blind_coders_see_only_their_own_counts(double_coded: dict[str, Any]) -> None:
    db, budi, first = double_coded["db"], double_coded["budi"], double_coded["sessions"][1]
    [text] = codable_texts(db, first, viewer_id=budi.researcher_id)
    assert text.codings == 1  # Budi's own; Ani's is not counted while Budi codes blind
    [text] = codable_texts(db, first)
    assert text.codings == 2


def test_cli_says_when_nothing_is_double_coded(fieldwork: Fieldwork, capsys: Any) -> None:
    db = str(fieldwork.study.path)
    fieldwork.db.close()
    assert main(["--db", db, "agreement"]) == 1
    assert "no double-coded material" in capsys.readouterr().err

"""The corroboration rule on hand-worked cases (the rule's docstring says why each holds)."""

from __future__ import annotations

import pytest

from neutralitas_desktop.triangulation.corroboration import (
    LineSource,
    decide,
    threshold_of,
)


def interview(n: int, kind: str, informant: str, session: str = "") -> LineSource:
    return LineSource(f"i{n:03}", kind, "interview", informant, session or f"s-{informant}")


def test_fifty_denials_one_observation_one_screenshot_is_corroborated() -> None:
    lines = [interview(n, "denial", f"INF-{n}") for n in range(50)]
    lines.append(LineSource("obs", "observed", "observation", "", "s-obs"))
    lines.append(LineSource("shot", "document", "documentation", "", "s-doc"))
    d = decide(lines)
    assert d.corroboration == "corroborated"
    assert d.independent == 2
    assert set(d.deciding) == {"obs", "shot"}
    assert len(d.denials) == 50  # listed beside it, not cancelling it


def test_three_hearsay_accounts_are_unattested() -> None:
    lines = [interview(n, "hearsay", f"INF-{n}") for n in range(3)]
    d = decide(lines)
    assert d.corroboration == "unattested"
    assert d.independent == 0 and d.deciding == ()
    assert len(d.hearsay) == 3


def test_one_witness_and_the_actors_denial_is_contradicted() -> None:
    d = decide([interview(1, "witness", "INF-1"), interview(2, "denial", "INF-ACTOR")])
    assert d.corroboration == "contradicted"
    assert d.deciding == ("i001",) and d.denials == ("i002",)


def test_two_lines_from_one_interview_are_one_line() -> None:
    same = [interview(1, "witness", "INF-1", "s1"), interview(2, "witness", "INF-1", "s1")]
    assert decide(same).corroboration == "single_line"
    assert decide(same).independent == 1


def test_the_same_informant_interviewed_twice_is_still_one_source() -> None:
    twice = [interview(1, "witness", "INF-1", "s1"), interview(2, "self_report", "INF-1", "s2")]
    assert decide(twice).corroboration == "single_line"


def test_two_informants_are_independent() -> None:
    lines = [interview(1, "witness", "INF-1"), interview(2, "witness", "INF-2")]
    assert decide(lines).corroboration == "corroborated"


def test_an_observation_and_a_screenshot_from_the_same_visit_are_two_techniques() -> None:
    # The researcher saw the like and kept a screenshot, both recorded in one observation.
    lines = [
        LineSource("a", "observed", "observation", "", "s1"),
        LineSource("b", "document", "observation", "", "s1"),
    ]
    assert decide(lines).corroboration == "corroborated"


def test_two_screenshots_are_one_documentary_line() -> None:
    lines = [
        LineSource("a", "document", "documentation", "", "s1"),
        LineSource("b", "document", "documentation", "", "s2"),
    ]
    assert decide(lines).corroboration == "single_line"


def test_hearsay_never_corroborates_a_single_line() -> None:
    lines = [interview(1, "witness", "INF-1")] + [
        interview(n, "hearsay", f"INF-{n}") for n in range(2, 30)
    ]
    assert decide(lines).corroboration == "single_line"


def test_hearsay_and_denials_only_are_unattested() -> None:
    lines = [interview(1, "hearsay", "INF-1"), interview(2, "denial", "INF-2")]
    assert decide(lines).corroboration == "unattested"


def test_no_lines_is_unattested() -> None:
    assert decide([]).corroboration == "unattested"


def test_self_report_and_document_corroborate_even_when_a_superior_denies() -> None:
    lines = [
        interview(1, "self_report", "INF-1"),
        LineSource("doc", "document", "documentation", "", "s-doc"),
        interview(2, "denial", "INF-2"),
    ]
    assert decide(lines).corroboration == "corroborated"


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [(1, "corroborated"), (2, "corroborated"), (3, "contradicted")],
)
def test_the_threshold_is_a_study_setting(threshold: int, expected: str) -> None:
    lines = [
        interview(1, "witness", "INF-1"),
        interview(2, "witness", "INF-2"),
        interview(3, "denial", "INF-3"),
    ]
    assert decide(lines, threshold).corroboration == expected


def test_threshold_from_the_settings() -> None:
    assert threshold_of({}) == 2
    assert threshold_of({"triangulation": {"corroboration_threshold": 3}}) == 3

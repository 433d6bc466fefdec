"""The operation protocol on its own: what ``Changes`` says, merges and compares, and how
a cancel token stops work at its checkpoints."""

from __future__ import annotations

import pytest

from neutralitas_desktop.errors import Cancelled, NeutralitasError
from neutralitas_desktop.operations import (
    UNLISTED,
    CancelToken,
    Changes,
    Kind,
    changes_of,
    checkpoint,
)


def test_changes_merge_by_kind_and_say_what_changed() -> None:
    edit = Changes.of(incidents="i1")
    other = Changes.of(incidents=["i2", "i1"], sessions="s1")
    both = edit | other
    assert both.incidents == {"i1", "i2"} and both.sessions == {"s1"}
    assert both.kinds == {Kind.INCIDENTS, Kind.SESSIONS}
    assert both.touches([Kind.SESSIONS]) and not both.touches([Kind.THEMES])
    assert str(both) == "2 incidents, 1 sessions"
    assert edit.incidents == {"i1"}  # frozen: merging made a new summary


def test_nothing_changed_is_false_and_bulk_changes_are_not_counted() -> None:
    assert not Changes() and not Changes.of(sessions=None, answers=[""])
    bulk = Changes.everything(but=[Kind.SETTINGS])
    assert bulk and Kind.SETTINGS not in bulk.kinds and len(bulk.kinds) == len(Kind) - 1
    assert bulk.ids(Kind.ANSWERS) == {UNLISTED}
    assert bulk.counts()[Kind.ANSWERS] is None


def test_a_misspelt_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        Changes.of(incident="i1")


def test_changes_of_a_result_a_list_or_anything_else() -> None:
    class Written:
        changes = Changes.of(themes="T1")

    assert changes_of(Written()) == Changes.of(themes="T1")
    assert changes_of([Written(), Changes.of(codings="c")]) == Changes.of(themes="T1", codings="c")
    assert changes_of(42) == Changes() and changes_of(None) == Changes()


def test_a_cancel_token_stops_work_at_its_next_checkpoint() -> None:
    token = CancelToken()
    done = []
    for step in range(5):
        if step == 2:
            token.cancel()  # the user pressed Cancel while step 2 ran
        try:
            checkpoint(token, "export")
        except Cancelled as exc:
            assert str(exc) == "export cancelled"
            break
        done.append(step)
    assert done == [0, 1] and token() and token.cancelled
    checkpoint(None)  # no token: nothing to stop
    assert issubclass(Cancelled, NeutralitasError)  # the CLI and dialogs show it in one line

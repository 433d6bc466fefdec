"""The vocabulary: one label per value and language, messages in every language with the
same placeholders, the session lifecycle's table and its rule for the end time."""

from __future__ import annotations

import datetime as dt
import string
from enum import StrEnum

import pytest

from neutralitas_desktop.errors import DatabaseError, NeutralitasError
from neutralitas_desktop.instruments.study_template import load_study_template
from neutralitas_desktop.paths import forms_dir
from neutralitas_desktop.vocabulary import (
    LANGUAGES,
    ConsentState,
    Message,
    SessionStatus,
    labels_of,
    lifecycle,
    text,
)
from neutralitas_desktop.vocabulary import label as vocabulary_label
from neutralitas_desktop.vocabulary.labels import LABELS
from neutralitas_desktop.vocabulary.messages import MESSAGES

S = SessionStatus
NOW = dt.datetime(2024, 11, 20, 10, 0)
EARLIER = dt.datetime(2024, 11, 19, 9, 0)


@pytest.mark.parametrize("kind", list(LABELS), ids=lambda k: k.__name__)
def test_every_value_has_exactly_one_label_per_language(kind: type[StrEnum]) -> None:
    table = LABELS[kind]
    assert list(table) == list(kind)  # every value, nothing else, in the defined order
    for code, labels in table.items():
        assert sorted(labels) == sorted(LANGUAGES), code
        assert all(labels[lang].strip() for lang in LANGUAGES), code
    for lang in LANGUAGES:  # two values never read the same
        shown = [labels[lang] for labels in table.values()]
        assert len(set(shown)) == len(shown), (kind.__name__, lang, shown)


def test_the_labels_users_disagreed_on() -> None:
    assert vocabulary_label(ConsentState, "pending", "id") == "Belum ditanyakan"
    assert vocabulary_label(SessionStatus, "refused", "id") == "Menolak diwawancarai"
    assert vocabulary_label(ConsentState, "refused", "id") == "Tidak bersedia"
    # An unknown language falls back to English, an unknown value shows as itself.
    assert vocabulary_label(SessionStatus, "draft", "fr") == "Draft"
    assert vocabulary_label(SessionStatus, "archived", "id") == "archived"
    assert labels_of(SessionStatus)["returned"] == {"id": "Dikembalikan", "en": "Returned"}


def test_every_informant_role_of_the_shipped_study_has_one_label_per_language() -> None:
    roles = load_study_template(forms_dir()).roles
    assert roles
    for role in roles:
        assert sorted(role.label) == sorted(LANGUAGES), role.code
        assert all(role.label[lang].strip() for lang in LANGUAGES), role.code
    for lang in LANGUAGES:
        shown = [r.label[lang] for r in roles]
        assert len(set(shown)) == len(shown)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("message", list(Message))
def test_every_message_has_every_language_with_the_same_placeholders(message: Message) -> None:
    wording = MESSAGES[message]
    assert sorted(wording) == sorted(LANGUAGES)
    assert _fields(wording["id"]) == _fields(wording["en"])


def test_an_error_with_a_message_id_prints_english_and_shows_in_the_ui_language() -> None:
    error = NeutralitasError(
        message_id=Message.SESSION_NOT_COMPLETABLE, session="8f37fbc6", status=S.DRAFT
    )
    # The CLI's one line: English, the status as the code a user types.
    assert str(error) == (
        "session 8f37fbc6 is draft; only a draft or a returned session can be completed"
    )
    assert error.localized("id") == (
        "Sesi 8f37fbc6 berstatus Draf; hanya draf atau sesi yang dikembalikan yang dapat "
        "diselesaikan"
    )
    assert error.localized("en").startswith("session 8f37fbc6 is Draft;")
    foreign = DatabaseError(message_id=Message.DATABASE_FOREIGN, path="/tmp/x.sqlite")
    assert str(foreign) == "not a neutralitas-desktop database: /tmp/x.sqlite"
    assert foreign.localized("id") == "Bukan basis data neutralitas-desktop: /tmp/x.sqlite"
    missing = text(Message.DATABASE_MISSING, "id", path="/data/studi.sqlite")
    assert missing == "Tidak ada basis data studi di /data/studi.sqlite"
    plain = NeutralitasError("something else")  # no id: shown as it is, in any language
    assert plain.localized("id") == "something else" and plain.message_id is None


# ---- the lifecycle ------------------------------------------------------------------


LEGAL = {
    (S.DRAFT, S.COMPLETED),
    (S.DRAFT, S.REFUSED),
    (S.COMPLETED, S.APPROVED),
    (S.COMPLETED, S.RETURNED),
    (S.COMPLETED, S.DRAFT),
    (S.APPROVED, S.APPROVED),
    (S.APPROVED, S.RETURNED),
    (S.APPROVED, S.DRAFT),
    (S.RETURNED, S.COMPLETED),
    (S.RETURNED, S.APPROVED),
    (S.RETURNED, S.RETURNED),
    (S.RETURNED, S.DRAFT),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_transition_table(current: SessionStatus, target: SessionStatus) -> None:
    assert lifecycle.allowed(current, target) == ((current, target) in LEGAL)


def test_statuses_outside_the_table_move_nowhere() -> None:
    assert not lifecycle.allowed("archived", "draft")
    assert not lifecycle.allowed("draft", "archived")
    assert lifecycle.status_of("archived") is None
    assert {S.DRAFT, S.RETURNED} == lifecycle.EDITABLE
    assert {S.COMPLETED, S.APPROVED, S.RETURNED} == lifecycle.REOPENABLE
    assert S.REFUSED not in lifecycle.REVIEWABLE and S.DRAFT not in lifecycle.REVIEWABLE


def test_end_time_rule() -> None:
    end = lifecycle.ended_at_after
    assert end(S.COMPLETED, None, NOW) == NOW
    assert end(S.COMPLETED, EARLIER, NOW) == NOW  # completed again after a return
    assert end(S.COMPLETED, None, NOW, at=EARLIER) == EARLIER  # a known end (ODK import)
    assert end(S.REFUSED, None, NOW) == NOW
    assert end(S.DRAFT, EARLIER, NOW) is None  # reopened: the fieldwork goes on
    assert end(S.APPROVED, EARLIER, NOW) == EARLIER  # review keeps the end
    assert end(S.RETURNED, EARLIER, NOW) == EARLIER
    assert end(S.APPROVED, None, NOW) == NOW


def test_paths_and_conflict_resolutions() -> None:
    assert lifecycle.path("draft", "approved") == [S.COMPLETED, S.APPROVED]
    assert lifecycle.path("approved", "approved") == []
    assert lifecycle.path("returned", "draft") == [S.DRAFT]
    with pytest.raises(ValueError, match="no way from 'refused' to 'draft'"):
        lifecycle.path("refused", "draft")
    assert lifecycle.resolvable(["approved", "draft"], "completed")  # draft may complete
    assert lifecycle.resolvable(["approved", "returned"], "approved")
    assert not lifecycle.resolvable(["approved", "returned"], "refused")

"""The runner's form logic: live relevance, required, constraints, repeats, calculations."""

from __future__ import annotations

import tomllib

import pytest

from neutralitas_desktop.instruments.form_state import FormState
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.instruments.toml_format import instrument_from_toml_data, load_instrument
from neutralitas_desktop.paths import forms_dir

FORM = """
[form]
id = "uji"
version = "1"
source_type = "observation"
languages = ["id", "en"]
default_language = "id"
title = { id = "Uji", en = "Test" }

[choices]
yes_no = [
  { name = "yes", label = { id = "Ya", en = "Yes" } },
  { name = "no", label = { id = "Tidak", en = "No" } },
]
district = [
  { name = "ciamis", label = "Ciamis" },
  { name = "bantul", label = "Bantul" },
]
office = [
  { name = "cia1", label = "Kec. Ciamis", district = "ciamis" },
  { name = "cia2", label = "Kel. Linggasari", district = "ciamis" },
  { name = "ban1", label = "Kec. Bantul", district = "bantul" },
]

[[items]]
type = "group"
name = "s1"
label = { id = "Bagian 1", en = "Part 1" }

  [[items.items]]
  name = "has_account"
  type = "select_one"
  choices = "yes_no"
  required = true
  required_message = { id = "Jawab dulu.", en = "Answer first." }
  label = { id = "Ada akun resmi?", en = "Official account?" }

  [[items.items]]
  name = "followers"
  type = "integer"
  relevant = "${has_account} = 'yes'"
  required = true
  constraint = ". >= 0 and . < 1000000"
  constraint_message = { id = "Jumlah tidak masuk akal.", en = "Implausible number." }
  label = { id = "Jumlah pengikut", en = "Followers" }

  [[items.items]]
  name = "followers_k"
  type = "calculate"
  calculation = "round(${followers} div 1000, 1)"

  [[items.items]]
  name = "platform"
  type = "select_multiple"
  choices = "yes_no"
  other = true
  relevant = "${has_account} = 'yes'"
  label = "Platform ${followers}"

  [[items.items]]
  name = "observer"
  type = "text"
  default = "tim A"
  required = "${has_account} = 'no'"

[[items]]
type = "group"
name = "s2"
relevant = "${has_account} != ''"
label = { id = "Bagian 2", en = "Part 2" }

  [[items.items]]
  name = "district"
  type = "select_one"
  choices = "district"

  [[items.items]]
  name = "office"
  type = "select_one"
  choices = "office"
  choice_filter = "district = ${district}"

[[items]]
type = "repeat"
name = "posts"
label = "Unggahan"

  [[items.items]]
  name = "post_liked"
  type = "select_one"
  choices = "yes_no"
  required = true

  [[items.items]]
  name = "post_when"
  type = "date"
  relevant = "${post_liked} = 'yes'"

  [[items.items]]
  name = "post_no"
  type = "calculate"
  calculation = "position(..)"

[[items]]
name = "post_total"
type = "calculate"
calculation = "count(${posts})"
"""


def _form(text: str = FORM) -> Instrument:
    return instrument_from_toml_data(tomllib.loads(text), "uji.toml")


def test_relevance_follows_answers_live_and_stored_answers_are_flagged() -> None:
    state = FormState(_form())
    assert state.is_relevant("has_account")
    assert not state.is_relevant("followers")
    assert not state.is_relevant("s2")  # a whole section hidden until the first answer
    changes = state.set_value("has_account", "yes")
    assert changes.visibility["followers"] is True and changes.visibility["s2"] is True
    state.set_value("followers", "1200")
    changes = state.set_value("has_account", "no")
    assert changes.visibility["followers"] is False
    # the kept answer is marked, not deleted; calculations see it as empty (ODK's rule)
    assert changes.relevance == {"followers": False}
    assert state.value("followers") == "1200"
    assert state.value("followers_k") is None
    assert changes.saves == {"followers_k": None}
    assert state.set_value("has_account", "yes").relevance == {"followers": True}
    assert state.value("followers_k") == "1.2"


def test_required_and_constraint_messages_in_the_chosen_language() -> None:
    state = FormState(_form())
    assert [(i.key, i.code, i.message) for i in state.issues()] == [
        ("has_account", "required", "Jawab dulu.")
    ]
    state.set_value("has_account", "yes")
    state.set_value("followers", "-4")
    assert state.issue("followers").message == "Jumlah tidak masuk akal."
    state.set_language("en")
    assert state.issue("followers").message == "Implausible number."
    state.set_value("followers", "12a")
    assert (state.issue("followers").code, state.issue("followers").message) == (
        "integer",
        "Enter a whole number.",
    )
    state.set_value("followers", "")
    assert state.issue("followers").message == "This question is required."
    state.set_value("followers", "300")
    assert state.issue("followers") is None
    assert state.label("has_account") == "Official account?"


def test_required_if_and_other_specify() -> None:
    state = FormState(_form())
    state.set_value("has_account", "no")
    state.set_value("observer", "")
    assert state.is_required("observer") and state.issue("observer").code == "required"
    state.set_value("has_account", "yes")
    state.set_value("followers", "5")
    assert not state.is_required("observer") and state.issue("observer") is None
    state.set_value("platform", "yes other")
    assert state.issue("platform").code == "other_missing"
    assert [c.name for c in state.choices("platform")] == ["yes", "no", "other"]
    state.set_value("platform_other", "Threads")
    assert state.issue("platform") is None
    assert state.label("platform") == "Platform 5"  # ${…} in a label shows the answer


def test_choice_filter_uses_choice_columns() -> None:
    state = FormState(_form(), {"has_account": "yes"})
    assert [c.name for c in state.choices("office")] == []
    state.set_value("district", "ciamis")
    assert [c.name for c in state.choices("office")] == ["cia1", "cia2"]
    state.set_value("district", "bantul")
    assert [c.name for c in state.choices("office")] == ["ban1"]


def test_repeats_add_remove_and_scope() -> None:
    state = FormState(_form())
    first, changes = state.add_item("posts")
    assert changes.rebuilt and changes.saves["posts"] == first
    second, changes = state.add_item("posts")
    assert state.value("posts") == f"{first} {second}"
    a, b = f"posts[{first}]/", f"posts[{second}]/"
    state.set_value(a + "post_liked", "yes")
    state.set_value(b + "post_liked", "no")
    # sibling reference inside an item reads that item's answer
    assert state.is_relevant(a + "post_when") and not state.is_relevant(b + "post_when")
    assert state.value(a + "post_no") == "1" and state.value(b + "post_no") == "2"
    assert state.value("post_total") == "2"
    state.set_value(a + "post_when", "2024-10-20")
    changes = state.remove_item("posts", first)
    assert changes.saves["posts"] == second
    assert changes.relevance == {
        a + "post_liked": False,
        a + "post_when": False,
        a + "post_no": False,  # a stored calculation of the removed item too
    }
    assert state.value("post_total") == "1"
    assert state.value(b + "post_no") == "1"
    assert not state.has_entry(a + "post_liked")
    assert state.is_relevant(a + "post_liked") is False


def test_resume_from_stored_answers_and_defaults() -> None:
    state = FormState(_form(), {"posts": "aa bb", "posts[bb]/post_liked": "yes"})
    assert [e.key for e in state.children("posts")] == ["posts[aa]", "posts[bb]"]
    assert state.is_relevant("posts[bb]/post_when")
    assert state.issue("posts[aa]/post_liked").code == "required"
    fresh = FormState(_form())
    defaults = fresh.initial_values()
    assert defaults["observer"] == "tim A"
    assert fresh.value("observer") == "tim A"


def test_outline_counts_per_section() -> None:
    state = FormState(_form())
    state.set_value("has_account", "yes")
    state.set_value("followers", "-1")
    outline = {s.name: s for s in state.outline()}
    s1 = outline["s1"]
    assert (s1.label, s1.answered, s1.questions, s1.required, s1.required_answered) == (
        "Bagian 1",
        2,
        4,
        2,
        1,
    )
    assert s1.issues == 1 and not s1.complete
    assert outline["s2"].relevant
    state.set_value("followers", "10")
    assert state.outline()[0].complete


def test_shipped_interview_skip_logic() -> None:
    form = load_instrument(forms_dir() / "asn-staff-interview.toml")
    state = FormState(form)
    assert not state.is_relevant("b1_position")
    state.set_value("a1_consent", "given")
    assert state.is_relevant("b1_position") and state.is_relevant("a2_recording")
    assert not state.is_relevant("c2_socialisation_forms")
    state.set_value("c1_socialised", "yes")
    assert state.is_relevant("c2_socialisation_forms")
    assert "b4_years_service" in {i.key for i in state.issues()}
    state.set_value("a1_consent", "refused")
    assert [i.key for i in state.issues()] == []


def test_unknown_keys_are_refused() -> None:
    state = FormState(_form())
    with pytest.raises(KeyError):
        state.set_value("nope", "1")
    with pytest.raises(KeyError):
        state.set_value("posts[zz]/post_liked", "yes")
    state.set_value("platform_other", "x")  # the "other, specify" text of a question
    assert state.value("platform_other") == "x"

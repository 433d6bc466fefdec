"""The study template shipped in forms/: what a research team relies on when it starts a study."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from neutralitas_desktop.instruments.model import (
    CHOICE_TYPES,
    STANCES,
    Group,
    Instrument,
    LocalText,
    Question,
)
from neutralitas_desktop.instruments.study_template import StudyTemplate, load_study_template
from neutralitas_desktop.instruments.toml_format import load_instrument_with_warnings
from neutralitas_desktop.instruments.xpath import EvalContext, evaluate, truthy
from neutralitas_desktop.paths import forms_dir

LANGUAGES = ("id", "en")
EXPECTED = {
    "asn-staff-interview": "interview",
    "leadership-interview": "interview",
    "external-informant-interview": "interview",
    "office-observation": "observation",
    "documentation-log": "documentation",
}
ROLES = {
    "asn_staff", "camat", "sekcam", "lurah", "village_head", "village_official", "apdesi",
    "panwascam", "bawaslu", "community_figure", "religious_figure", "journalist", "campaign_team",
}  # fmt: skip
REGULATIONS = (
    "UU No. 7 Tahun 2017", "Pasal 280", "Pasal 282", "Pasal 283", "Pasal 490", "Pasal 494",
    "UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016", "Pasal 70", "Pasal 71", "Pasal 188",
    "Pasal 189", "UU No. 6 Tahun 2014", "Pasal 29", "Pasal 51", "Pasal 30", "Pasal 52",
    "UU No. 20 Tahun 2023", "PP No. 94 Tahun 2021", "PP No. 42 Tahun 2004", "SKB",
)  # fmt: skip
TYPES_USED = {
    "yes_no_na", "likert", "select_one", "select_multiple", "integer", "date", "time", "text",
    "long_text", "note", "image", "file", "consent",
}  # fmt: skip


@pytest.fixture(scope="module")
def template() -> StudyTemplate:
    return load_study_template(forms_dir())


@pytest.fixture(scope="module")
def forms(template: StudyTemplate) -> dict[str, Instrument]:
    return {ins.id: ins for ins in template.instruments}


def _bilingual(text: LocalText) -> bool:
    return all(text.get(lang, "").strip() for lang in LANGUAGES)


def _lookup(values: dict[str, object]) -> EvalContext:
    return EvalContext(lookup=lambda name: values.get(name), today=dt.date(2024, 11, 20))


# ---- the study ------------------------------------------------------------------------


def test_study_is_the_2024_pilkada_study_in_indonesian_and_english(
    template: StudyTemplate,
) -> None:
    assert template.title["id"] == "Netralitas ASN menjelang Pilkada"
    assert _bilingual(template.title) and _bilingual(template.description)
    assert template.languages == LANGUAGES and template.default_language == "id"
    assert template.election_date == dt.date(2024, 11, 27)
    for word in ("studi kasus", "Miles dan Huberman", "triangulasi sumber"):
        assert word in template.description["id"]


def test_roles_cover_every_informant_role_and_every_role_has_a_guide(
    template: StudyTemplate, forms: dict[str, Instrument]
) -> None:
    codes = [r.code for r in template.roles]
    assert set(codes) == ROLES and len(codes) == len(set(codes))
    assert all(_bilingual(r.label) for r in template.roles)
    guided = {role for ins in forms.values() for role in ins.roles}
    assert guided == ROLES
    assert forms["asn-staff-interview"].roles == ("asn_staff",)
    assert set(forms["leadership-interview"].roles) == {"camat", "sekcam", "lurah"}


def test_periods_are_consecutive_weeks_before_the_vote(template: StudyTemplate) -> None:
    periods = template.periods
    assert 3 <= len(periods) <= 4
    assert all(_bilingual(p.label) and p.start <= p.end for p in periods)
    assert periods[0].start == dt.date(2024, 9, 25)  # the campaign period opens
    for earlier, later in itertools.pairwise(periods):
        assert later.start == earlier.end + dt.timedelta(days=1)
    vote = dt.date(2024, 11, 27)
    assert periods[-1].start <= vote <= periods[-1].end
    assert any(p.end == dt.date(2024, 11, 23) for p in periods)  # the campaign period closes


# ---- the codebook ---------------------------------------------------------------------


def test_codebook_is_a_bilingual_tree_with_notes(template: StudyTemplate) -> None:
    themes = {t.code: t for t in template.themes}
    assert 15 <= len(themes) <= 25
    roots = {t.code for t in themes.values() if not t.parent}
    assert roots == {
        "campaign_support", "socmed_conduct", "abuse_of_office", "pressure_mobilisation",
        "neutral_conduct",
    }  # fmt: skip
    for theme in themes.values():
        assert not theme.parent or theme.parent in roots, theme.code
        for text in (theme.label, theme.description, theme.inclusion, theme.exclusion):
            assert _bilingual(text), theme.code
        assert theme.legal_basis, theme.code
    for root in roots:
        assert any(t.parent == root for t in themes.values()), root


def test_codebook_cites_the_regulations(template: StudyTemplate) -> None:
    basis = " | ".join(p.text() for t in template.themes for p in t.legal_basis)
    for citation in REGULATIONS:
        assert citation in basis, citation
    assert "KASN no" not in basis and "UU No. 10 Tahun 2016 tentang Pilkada" not in basis
    themes = {t.code: t for t in template.themes}
    # The ASN law's article is only reported, so the note must not present it as checked.
    asn = [p for t in template.themes for p in t.legal_basis if "UU No. 20" in p.regulation]
    assert asn and all("(check)" in p.note for p in asn)
    engagement = [p.text() for p in themes["socmed_engagement"].legal_basis]
    assert any("Pasal 15" in b for b in engagement)
    # The SKB's double classification: an ethics breach and a disciplinary one.
    skb = [p for p in themes["socmed_engagement"].legal_basis if p.regulation.startswith("SKB")]
    assert {p.sanction for p in skb} == {"ethics", "disciplinary"}
    village = {p.citation: p for p in themes["village_mobilisation"].legal_basis}
    assert village["UU No. 7 Tahun 2017 tentang Pemilihan Umum, Pasal 490"].binds == (
        "village_head",
    )


def test_reporting_theme_sends_reports_to_bkn_not_kasn(template: StudyTemplate) -> None:
    reporting = next(t for t in template.themes if t.code == "reporting")
    for lang in LANGUAGES:
        assert "KASN" in reporting.description[lang] and "BKN" in reporting.description[lang]


# ---- the instruments ------------------------------------------------------------------


def test_five_instruments_with_their_source_types(forms: dict[str, Instrument]) -> None:
    assert {i: ins.source_type for i, ins in forms.items()} == EXPECTED
    for ins in forms.values():
        assert ins.version == "2024.1"
        assert ins.languages == LANGUAGES and ins.default_language == "id"
        assert _bilingual(ins.title) and _bilingual(ins.description)
        assert bool(ins.roles) == (ins.source_type == "interview")


def test_instruments_load_without_warnings(template: StudyTemplate) -> None:
    themes = {t.code for t in template.themes}
    for name in EXPECTED:
        _ins, warnings = load_instrument_with_warnings(forms_dir() / f"{name}.toml", themes)
        assert warnings == [], name


def test_question_counts_fit_the_length_of_a_field_visit(forms: dict[str, Instrument]) -> None:
    counts = {i: len(ins.questions()) for i, ins in forms.items()}
    assert 40 <= counts["asn-staff-interview"] <= 60
    assert 30 <= counts["leadership-interview"] <= 45  # two of the last four are follow-ups
    assert 30 <= counts["external-informant-interview"] <= 40
    assert counts["office-observation"] >= 25
    assert counts["documentation-log"] >= 20


def test_everything_shown_is_in_indonesian_and_english(forms: dict[str, Instrument]) -> None:
    for form_id, ins in forms.items():
        for section in ins.sections():
            assert _bilingual(section.label), (form_id, section.name)
        for _parents, node in ins.walk():
            assert _bilingual(node.label), (form_id, node.name)
            texts = [node.hint]
            if isinstance(node, Question):
                texts += [node.constraint_message, node.required_message]
                if node.constraint:
                    assert _bilingual(node.constraint_message), (form_id, node.name)
                choices = ins.choices_for(node)
                if node.is_choice or node.type == "consent":
                    assert choices is not None, (form_id, node.name)
                    for choice in choices.choices:
                        assert _bilingual(choice.label), (form_id, node.name, choice.name)
            for text in texts:
                assert not text or _bilingual(text), (form_id, node.name)
        for choice_list in ins.choice_lists.values():
            for choice in choice_list.choices:
                assert _bilingual(choice.label), (form_id, choice_list.name, choice.name)


def test_names_are_snake_case_and_prefixed_by_their_section(forms: dict[str, Instrument]) -> None:
    for form_id, ins in forms.items():
        for parents, node in ins.walk():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", node.name), (form_id, node.name)
            if isinstance(node, Question) and parents:
                assert node.name[0] == parents[-1].name[0], (form_id, node.name)


def test_every_theme_named_is_in_the_codebook(
    template: StudyTemplate, forms: dict[str, Instrument]
) -> None:
    codes = {t.code for t in template.themes}
    used = {q.theme for ins in forms.values() for q in ins.questions() if q.theme}
    assert used <= codes
    # Most of the codebook is evidenced by structured questions somewhere.
    structured = {
        q.theme for ins in forms.values() for q in ins.questions() if q.theme and q.stance
    }
    assert len(structured) >= len(codes) - 3


def test_themed_choice_questions_map_their_answers_to_stances(
    forms: dict[str, Instrument],
) -> None:
    checked = 0
    for form_id, ins in forms.items():
        for q in ins.questions():
            if q.stance:
                assert q.theme, (form_id, q.name)
            if q.type not in CHOICE_TYPES or not q.theme:
                continue
            checked += 1
            choices = ins.choices_for(q)
            assert choices is not None
            names = {c.name for c in choices.choices} | ({"other"} if q.other else set())
            assert q.stance, (form_id, q.name)
            assert set(q.stance) <= names, (form_id, q.name)
            assert set(q.stance.values()) <= set(STANCES), (form_id, q.name)
            if q.type == "yes_no_na":
                assert set(q.stance) == {"yes", "no", "na"}, (form_id, q.name)
    assert checked >= 60


def test_every_question_type_is_used(forms: dict[str, Instrument]) -> None:
    used = {q.type for ins in forms.values() for q in ins.questions()}
    assert used >= TYPES_USED
    for form_id in ("asn-staff-interview", "office-observation", "documentation-log"):
        assert any(isinstance(n, Group) and n.repeat for _, n in forms[form_id].walk()), form_id
    assert any(q.other for ins in forms.values() for q in ins.questions())


def test_interview_guides_open_with_required_consent(forms: dict[str, Instrument]) -> None:
    for ins in forms.values():
        if ins.source_type != "interview":
            continue
        first = ins.questions()[0]
        assert first.type == "consent" and first.required, ins.id
        # Nothing but the closing words is asked once consent is refused.
        refused = _lookup({first.name: "refused"})
        for parents, node in ins.walk():
            if node is first or not isinstance(node, Question) or node.type == "note":
                continue
            conditions = [g.relevant for g in parents if g.relevant] + [node.relevant]
            assert any(c and not truthy(evaluate(c, refused)) for c in conditions), (
                ins.id,
                node.name,
            )


# ---- skip logic and checks evaluate as a researcher expects ------------------------------


def test_social_media_follow_up_appears_only_after_a_yes(forms: dict[str, Instrument]) -> None:
    platforms = forms["asn-staff-interview"].question("d8_platforms")
    assert platforms.type == "select_multiple" and platforms.other
    names = [
        "d1_liked", "d2_commented", "d3_shared", "d4_followed", "d5_profile_frame",
        "d6_posted_support", "d7_candidate_photo",
    ]  # fmt: skip
    answers = {name: "no" for name in names}
    assert not truthy(evaluate(platforms.relevant, _lookup(answers)))
    assert not truthy(evaluate(platforms.relevant, _lookup({})))
    assert truthy(evaluate(platforms.relevant, _lookup({**answers, "d3_shared": "yes"})))
    assert truthy(evaluate(platforms.relevant, _lookup({"d1_liked": "yes"})))


def test_why_not_reported_follows_the_reported_to_choice(forms: dict[str, Instrument]) -> None:
    ins = forms["asn-staff-interview"]
    why_not = ins.question("i2g_why_not")
    assert ins.repeat_of("i2g_why_not") is not None
    reported = _lookup({"i2f_reported_to": "panwascam bawaslu"})
    assert not truthy(evaluate(why_not.relevant, reported))
    assert truthy(evaluate(why_not.relevant, _lookup({"i2f_reported_to": "not_reported"})))
    follow_up = ins.question("i2h_follow_up")
    assert truthy(evaluate(follow_up.relevant, reported))
    assert not truthy(evaluate(follow_up.relevant, _lookup({"i2f_reported_to": "not_reported"})))
    assert not truthy(evaluate(follow_up.relevant, _lookup({})))


def test_years_of_service_are_checked(forms: dict[str, Instrument]) -> None:
    years = forms["asn-staff-interview"].question("b4_years_service")
    assert years.required and years.constraint_message["id"]

    def ok(value: object) -> bool:
        return truthy(evaluate(years.constraint, EvalContext(lookup=lambda _: None, current=value)))

    assert ok(0) and ok(12) and ok(45)
    assert not ok(46) and not ok(-1)


def test_observed_period_cannot_end_before_it_starts(forms: dict[str, Instrument]) -> None:
    end = forms["office-observation"].question("c5_period_end")

    def ok(start: str, value: str) -> bool:
        context = EvalContext(lookup={"c4_period_start": start}.get, current=value)
        return truthy(evaluate(end.constraint, context))

    assert ok("2024-10-01", "2024-10-31") and ok("2024-10-01", "2024-10-01")
    assert not ok("2024-10-01", "2024-09-30")


def test_lurah_skips_the_village_head_section(forms: dict[str, Instrument]) -> None:
    ins = forms["leadership-interview"]
    section = next(s for s in ins.sections() if s.name == "h_villages")
    given = {"a1_consent": "given"}
    assert truthy(evaluate(section.relevant, _lookup({**given, "b1_position": "camat"})))
    assert not truthy(evaluate(section.relevant, _lookup({**given, "b1_position": "lurah"})))


def test_documentation_log_shows_the_fields_of_each_kind(forms: dict[str, Instrument]) -> None:
    ins = forms["documentation-log"]
    groups = {n.name: n for _, n in ins.walk() if isinstance(n, Group)}
    assert groups["a0_document"].repeat
    shown = {
        kind: {
            name
            for name in ("p_post", "s_statement", "l_letter", "n_news")
            if truthy(evaluate(groups[name].relevant, _lookup({"a1_kind": kind})))
        }
        for kind in ("socmed_post", "statement", "letter", "news", "photo")
    }
    assert shown == {
        "socmed_post": {"p_post"},
        "statement": {"s_statement"},
        "letter": {"l_letter"},
        "news": {"n_news"},
        "photo": set(),
    }
    supports = ins.question("p7_supports")
    assert supports.theme == "socmed_conduct"
    assert supports.stance["explicit"] == "violation" and supports.stance["none"] == "neutrality"
    assessed = {q.theme for q in ins.questions() if q.name.startswith("r") and q.stance}
    assert assessed == {
        "campaign_support", "socmed_conduct", "abuse_of_office", "pressure_mobilisation",
        "neutral_conduct",
    }  # fmt: skip


def test_wording_read_by_an_indonesian_academic(forms: dict[str, Instrument]) -> None:
    text = "\n".join(
        (forms_dir() / f).read_text(encoding="utf-8")
        for f in ("asn-staff-interview.toml", "leadership-interview.toml",
                  "external-informant-interview.toml", "office-observation.toml",
                  "documentation-log.toml")
    )  # fmt: skip
    assert " Anda" not in text and "Bapak/Ibu" in text
    assert "PPK / BKPSDM" not in text and "Pejabat Pembina Kepegawaian / BKPSDM" in text
    assert "Direkam atau ditangkap" not in text
    assert "Diambil sendiri oleh peneliti (tangkapan layar / foto)" in text
    # Own social-media acts are asked before the question that tells the informant the rule.
    names = [q.name for q in forms["asn-staff-interview"].questions()]
    assert names.index("d1_liked") < names.index("c3_knows_like_prohibited")
    leadership = {q.name: q for q in forms["leadership-interview"].questions()}
    assert "program pemenangan" in leadership["f6_winning_programme"].label["id"]
    assert "bawahan" in leadership["g5_subordinates_asked"].label["id"]
    personal = {q.name: q.theme for q in forms["office-observation"].questions()}
    assert personal["e5_liked"] == "socmed_engagement"

"""Which kind of line of evidence an answer proposes when it is linked to an incident.

The shipped instruments' questions about witnessed violations propose ``witness``, the
informant's own conduct ``self_report``, the observation checklist ``observed``, kept
files and the documentation log ``document``; questions that ask what an informant
*knows of* colleagues propose ``hearsay`` until the researcher says they saw it. The
researcher confirms or changes the kind when linking."""

from __future__ import annotations

from neutralitas_desktop.vocabulary import EvidenceKind, SourceType

PROPOSED: dict[str, EvidenceKind] = {
    # asn-staff-interview
    "i1_witnessed": EvidenceKind.WITNESS,
    "i2d_what": EvidenceKind.WITNESS,
    "i2i_evidence": EvidenceKind.DOCUMENT,
    "d10_describe_own": EvidenceKind.SELF_REPORT,
    "d11_colleagues": EvidenceKind.HEARSAY,
    "d12_colleague_actions": EvidenceKind.HEARSAY,
    "d13_describe_colleagues": EvidenceKind.WITNESS,
    "d14_screenshot": EvidenceKind.DOCUMENT,
    "g5_party_team": EvidenceKind.HEARSAY,
    "g6_partial_activities": EvidenceKind.HEARSAY,
    # external-informant-interview
    "c10_describe": EvidenceKind.WITNESS,
    "c11_evidence": EvidenceKind.DOCUMENT,
    # office-observation
    "c7_liked": EvidenceKind.OBSERVED,
    "c8_shared": EvidenceKind.OBSERVED,
    "c9_commented": EvidenceKind.OBSERVED,
}

BY_SOURCE: dict[str, EvidenceKind] = {
    SourceType.INTERVIEW: EvidenceKind.WITNESS,
    SourceType.OBSERVATION: EvidenceKind.OBSERVED,
    SourceType.DOCUMENTATION: EvidenceKind.DOCUMENT,
}


def proposed_kind(question: str, source_type: str) -> str:
    """The kind of evidence to propose for an answer to ``question`` in a session of
    ``source_type`` (the researcher may choose another)."""
    kind = PROPOSED.get(question) or BY_SOURCE.get(source_type, EvidenceKind.WITNESS)
    return kind.value


def proposes_incident(question: str) -> bool:
    """Whether the shipped question asks about a witnessed or documented violation."""
    return PROPOSED.get(question) in (
        EvidenceKind.WITNESS,
        EvidenceKind.DOCUMENT,
        EvidenceKind.OBSERVED,
        EvidenceKind.SELF_REPORT,
    )


# Answers whose values propose a new incident's fields: the documentation log's entry for a
# social-media post or a statement, and the interview's repeat of witnessed incidents.
FIELDS: dict[str, str] = {
    "a2_date": "date",
    "p1_platform": "platform",
    "p3_account_holder": "actor_code",
    "p5_candidate": "favours",
    "p6_link": "link",
    "s1_speaker": "actor_code",
    "i2a_date": "date",
    "i2d_what": "summary",
}


def _item(key: str) -> str:
    """The repeat item an answer's key belongs to ("a0_document[2]"), or "" at top level."""
    return key[: key.rindex("]") + 1] if "]" in key else ""


def propose(answers: dict[str, str | None], key: str) -> dict[str, str]:
    """A new incident's fields proposed from the answers of the same repeat item as ``key``
    (the same document, the same witnessed incident); the researcher confirms them."""
    item = _item(key)
    out: dict[str, str] = {}
    for k, value in sorted(answers.items()):
        field = FIELDS.get(k.rsplit("/", 1)[-1])
        if field and value and _item(k) == item and field not in out:
            out[field] = value
    return out

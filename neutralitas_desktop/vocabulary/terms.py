"""The closed sets of values stored in a study, each defined once as a ``StrEnum`` so that
members compare equal to the strings in the database, the packages and the CLI."""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """Where a field session is in its life (see ``vocabulary.lifecycle``)."""

    DRAFT = "draft"
    COMPLETED = "completed"
    APPROVED = "approved"
    RETURNED = "returned"
    REFUSED = "refused"  # the informant refused consent: nothing but the refusal recorded


class SourceType(StrEnum):
    """Kind of source, the axis of triangulasi teknik."""

    INTERVIEW = "interview"
    OBSERVATION = "observation"
    DOCUMENTATION = "documentation"


class ConsentState(StrEnum):
    PENDING = "pending"
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class ConsentMethod(StrEnum):
    ORAL = "oral"
    WRITTEN = "written"
    RECORDED = "recorded"
    FORM = "form"  # answered in the form's consent question (imported from ODK / Kobo)


class Stance(StrEnum):
    """What a piece of evidence indicates about a theme."""

    VIOLATION = "violation"
    NEUTRALITY = "neutrality"
    UNCLEAR = "unclear"


class Conclusion(StrEnum):
    """A matrix row's *simpulan triangulasi*: the corroboration of its best-attested
    incident (see ``triangulation.corroboration``), or no incidents at all."""

    CORROBORATED = "corroborated"
    SINGLE_LINE = "single_line"
    CONTRADICTED = "contradicted"
    UNATTESTED = "unattested"
    NO_INCIDENTS = "no_incidents"


class Corroboration(StrEnum):
    """How well one incident is attested, by the corroboration rule."""

    CORROBORATED = "corroborated"
    SINGLE_LINE = "single_line"
    CONTRADICTED = "contradicted"
    UNATTESTED = "unattested"


class EvidenceKind(StrEnum):
    """What a line of evidence is: what the researcher saw, a kept document, the actor's
    own account, an informant's eyewitness account, hearsay, or a denial."""

    OBSERVED = "observed"
    DOCUMENT = "document"
    SELF_REPORT = "self_report"
    WITNESS = "witness"
    HEARSAY = "hearsay"
    DENIAL = "denial"


class ActorType(StrEnum):
    """Who acted in an incident; decides which law applies (DOMAIN, legal basis)."""

    ASN_STAFF = "asn_staff"
    ASN_OFFICIAL = "asn_official"  # camat, lurah, sekcam and other ASN office holders
    VILLAGE_HEAD = "village_head"
    VILLAGE_OFFICIAL = "village_official"
    BPD_MEMBER = "bpd_member"
    INCUMBENT_HEAD = "incumbent_head"
    CANDIDATE_TEAM = "candidate_team"
    OTHER = "other"


class LineTarget(StrEnum):
    """What a line of evidence points at in the study."""

    ANSWER = "answer"
    CODING = "coding"  # a coded excerpt
    NOTE = "note"  # an answer's field note
    SESSION = "session"  # a documentation-log entry (a whole document-review session)
    ATTACHMENT = "attachment"


class MemberCheckResponse(StrEnum):
    """What an informant said of what was given back to them."""

    PENDING = "pending"
    AGREED = "agreed"
    CORRECTED = "corrected"
    DISPUTED = "disputed"


class MemberCheckMaterial(StrEnum):
    SUMMARY = "summary"
    TRANSCRIPT = "transcript"
    FINDINGS = "findings"


class FindingStatus(StrEnum):
    """Verification state of a conclusion drawn for a theme."""

    TENTATIVE = "tentative"
    VERIFIED = "verified"
    REJECTED = "rejected"


class Grouping(StrEnum):
    """How the matrix groups its columns: by technique, by source (role) or by time."""

    TECHNIQUE = "technique"
    SOURCE = "source"
    TIME = "time"
    SITE = "site"  # the site × theme display (case-ordered meta-matrix)


class Speaker(StrEnum):
    """Who speaks in a passage of an interview transcript."""

    RESEARCHER = "researcher"  # P: / Peneliti: / Pewawancara:
    INFORMANT = "informant"  # I: / Informan: / Narasumber:


class DocxReport(StrEnum):
    """The Word documents a thesis takes from the study (Bab IV and its appendices)."""

    FINDINGS = "findings"
    TRANSCRIPTS = "transcripts"
    CODEBOOK = "codebook"


class Election(StrEnum):
    """Which election a study covers: the law that applies depends on it."""

    PILKADA = "pilkada"  # regional heads: UU No. 1 Tahun 2015 jo. UU No. 10 Tahun 2016
    PEMILU = "pemilu"  # national / legislative: UU No. 7 Tahun 2017
    BOTH = "both"


class SanctionKind(StrEnum):
    """The kind of sanction a provision carries."""

    CRIMINAL = "criminal"
    DISCIPLINARY = "disciplinary"
    ETHICS = "ethics"
    ADMINISTRATIVE = "administrative"
    NONE = "none"  # a duty or prohibition whose sanction another provision carries


class InformantCategory(StrEnum):
    """The informant's place in a qualitative study."""

    KEY = "key"  # informan kunci
    MAIN = "main"  # informan utama
    SUPPORTING = "supporting"  # informan pendukung


class SelectionMethod(StrEnum):
    """How an informant was chosen."""

    PURPOSIVE = "purposive"
    SNOWBALL = "snowball"
    OTHER = "other"


class MaterialKind(StrEnum):
    """The three kinds of legal material (*bahan hukum*) a normative study names."""

    PRIMARY = "primary"  # bahan hukum primer: statutes, regulations, court decisions
    SECONDARY = "secondary"  # bahan hukum sekunder: books, journals, expert opinion
    TERTIARY = "tertiary"  # bahan hukum tersier: dictionaries, encyclopaedias


class Element(StrEnum):
    """The elements of an article an incident is tested against (*unsur pasal*)."""

    SUBJECT = "subject"  # subjek: whom the article binds
    ACT = "act"  # perbuatan: what it forbids
    TIME = "time"  # waktu: the stage of the election it applies in
    INTENT = "intent"  # kesengajaan / unsur subjektif


class ElementVerdict(StrEnum):
    """Whether the incident meets an element of the article."""

    MET = "met"  # terpenuhi
    NOT_MET = "not_met"  # tidak terpenuhi
    UNCLEAR = "unclear"  # belum jelas


def values(kind: type[StrEnum]) -> tuple[str, ...]:
    """The plain string values of an enum, in their defined order."""
    return tuple(member.value for member in kind)

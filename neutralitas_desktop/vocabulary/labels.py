"""The one catalogue of labels for the vocabulary's values, per UI language.

The screens, the Excel workbook and the PDF reports all read it, so a value has one label
per language everywhere. It is a Python table rather than Qt's ``.ts`` files because the
reports run headless (CLI, tests, no Qt) and the values are data, not UI text; the ``.ts``
files keep the screens' own wording (buttons, headings, tooltips).
"""

from __future__ import annotations

from enum import StrEnum

from neutralitas_desktop.vocabulary.terms import (
    ActorType,
    Conclusion,
    ConsentMethod,
    ConsentState,
    Corroboration,
    DocxReport,
    Election,
    Element,
    ElementVerdict,
    EvidenceKind,
    FindingStatus,
    Grouping,
    InformantCategory,
    MaterialKind,
    MemberCheckMaterial,
    MemberCheckResponse,
    SanctionKind,
    SelectionMethod,
    SessionStatus,
    SourceType,
    Speaker,
    Stance,
)

LANGUAGES: tuple[str, ...] = ("id", "en")  # Indonesian first: the default UI language

LocalText = dict[str, str]

LABELS: dict[type[StrEnum], dict[str, LocalText]] = {
    SessionStatus: {
        SessionStatus.DRAFT: {"id": "Draf", "en": "Draft"},
        SessionStatus.COMPLETED: {"id": "Selesai", "en": "Completed"},
        SessionStatus.APPROVED: {"id": "Disetujui", "en": "Approved"},
        SessionStatus.RETURNED: {"id": "Dikembalikan", "en": "Returned"},
        SessionStatus.REFUSED: {"id": "Menolak diwawancarai", "en": "Consent refused"},
    },
    SourceType: {
        SourceType.INTERVIEW: {"id": "Wawancara", "en": "Interview"},
        SourceType.OBSERVATION: {"id": "Observasi", "en": "Observation"},
        SourceType.DOCUMENTATION: {"id": "Dokumentasi", "en": "Documentation"},
    },
    ConsentState: {
        ConsentState.PENDING: {"id": "Belum ditanyakan", "en": "Not yet asked"},
        ConsentState.GIVEN: {"id": "Bersedia", "en": "Given"},
        ConsentState.REFUSED: {"id": "Tidak bersedia", "en": "Refused"},
        ConsentState.WITHDRAWN: {"id": "Ditarik", "en": "Withdrawn"},
    },
    ConsentMethod: {
        ConsentMethod.ORAL: {"id": "Lisan", "en": "Oral"},
        ConsentMethod.WRITTEN: {"id": "Tertulis", "en": "Written"},
        ConsentMethod.RECORDED: {"id": "Direkam", "en": "Recorded"},
        ConsentMethod.FORM: {"id": "Di formulir", "en": "In the form"},
    },
    Stance: {
        Stance.VIOLATION: {"id": "Pelanggaran", "en": "Violation"},
        Stance.NEUTRALITY: {"id": "Netralitas", "en": "Neutrality"},
        Stance.UNCLEAR: {"id": "Belum jelas", "en": "Unclear"},
    },
    Conclusion: {
        Conclusion.CORROBORATED: {
            "id": "Ada peristiwa terkuatkan",
            "en": "Corroborated incident(s)",
        },
        Conclusion.SINGLE_LINE: {"id": "Hanya satu jalur bukti", "en": "Single line only"},
        Conclusion.CONTRADICTED: {"id": "Dibantah", "en": "Contradicted"},
        Conclusion.UNATTESTED: {"id": "Tidak terbukti", "en": "Unattested"},
        Conclusion.NO_INCIDENTS: {"id": "Tanpa peristiwa", "en": "No incidents"},
    },
    Corroboration: {
        Corroboration.CORROBORATED: {"id": "Terkuatkan", "en": "Corroborated"},
        Corroboration.SINGLE_LINE: {"id": "Satu jalur bukti", "en": "Single line"},
        Corroboration.CONTRADICTED: {"id": "Dibantah", "en": "Contradicted"},
        Corroboration.UNATTESTED: {"id": "Tidak terbukti", "en": "Unattested"},
    },
    EvidenceKind: {
        EvidenceKind.OBSERVED: {"id": "Diamati peneliti", "en": "Observed"},
        EvidenceKind.DOCUMENT: {"id": "Dokumen", "en": "Document"},
        EvidenceKind.SELF_REPORT: {"id": "Pengakuan pelaku", "en": "Self-report"},
        EvidenceKind.WITNESS: {"id": "Saksi mata", "en": "Witness"},
        EvidenceKind.HEARSAY: {"id": "Kabar dari orang lain", "en": "Hearsay"},
        EvidenceKind.DENIAL: {"id": "Bantahan", "en": "Denial"},
    },
    ActorType: {
        ActorType.ASN_STAFF: {"id": "Staf ASN", "en": "ASN staff"},
        ActorType.ASN_OFFICIAL: {
            "id": "Pejabat ASN (camat, lurah, sekcam)",
            "en": "ASN official (camat, lurah, sekcam)",
        },
        ActorType.VILLAGE_HEAD: {"id": "Kepala desa", "en": "Village head"},
        ActorType.VILLAGE_OFFICIAL: {"id": "Perangkat desa", "en": "Village official"},
        ActorType.BPD_MEMBER: {"id": "Anggota BPD", "en": "BPD member"},
        ActorType.INCUMBENT_HEAD: {"id": "Kepala daerah petahana", "en": "Incumbent head"},
        ActorType.CANDIDATE_TEAM: {
            "id": "Calon atau tim kampanye",
            "en": "Candidate or campaign team",
        },
        ActorType.OTHER: {"id": "Lainnya", "en": "Other"},
    },
    MemberCheckResponse: {
        MemberCheckResponse.PENDING: {"id": "Belum ditanggapi", "en": "No response yet"},
        MemberCheckResponse.AGREED: {"id": "Setuju", "en": "Agreed"},
        MemberCheckResponse.CORRECTED: {"id": "Dikoreksi", "en": "Corrected"},
        MemberCheckResponse.DISPUTED: {"id": "Dibantah", "en": "Disputed"},
    },
    MemberCheckMaterial: {
        MemberCheckMaterial.SUMMARY: {"id": "Ringkasan", "en": "Summary"},
        MemberCheckMaterial.TRANSCRIPT: {"id": "Transkrip", "en": "Transcript"},
        MemberCheckMaterial.FINDINGS: {"id": "Temuan", "en": "Findings"},
    },
    FindingStatus: {
        FindingStatus.TENTATIVE: {"id": "Sementara", "en": "Tentative"},
        FindingStatus.VERIFIED: {
            "id": "Terverifikasi lewat triangulasi",
            "en": "Verified by triangulation",
        },
        FindingStatus.REJECTED: {"id": "Ditolak", "en": "Rejected"},
    },
    Grouping: {
        Grouping.TECHNIQUE: {"id": "Menurut teknik", "en": "By technique"},
        Grouping.SOURCE: {"id": "Menurut sumber", "en": "By source"},
        Grouping.TIME: {"id": "Menurut waktu", "en": "By time"},
        Grouping.SITE: {"id": "Menurut lokasi", "en": "By site"},
    },
    Speaker: {
        Speaker.RESEARCHER: {"id": "Peneliti", "en": "Researcher"},
        Speaker.INFORMANT: {"id": "Informan", "en": "Informant"},
    },
    DocxReport: {
        DocxReport.FINDINGS: {"id": "Temuan penelitian", "en": "Findings"},
        DocxReport.TRANSCRIPTS: {"id": "Lampiran transkrip", "en": "Transcripts appendix"},
        DocxReport.CODEBOOK: {"id": "Buku kode", "en": "Codebook"},
    },
    Election: {
        Election.PILKADA: {
            "id": "Pilkada (pemilihan kepala daerah)",
            "en": "Regional election (Pilkada)",
        },
        Election.PEMILU: {"id": "Pemilu (pemilihan umum)", "en": "General election (Pemilu)"},
        Election.BOTH: {"id": "Pilkada dan Pemilu", "en": "Both Pilkada and Pemilu"},
    },
    SanctionKind: {
        SanctionKind.CRIMINAL: {"id": "Sanksi pidana", "en": "Criminal sanction"},
        SanctionKind.DISCIPLINARY: {"id": "Hukuman disiplin", "en": "Disciplinary penalty"},
        SanctionKind.ETHICS: {"id": "Sanksi etik (moral)", "en": "Ethics (moral) sanction"},
        SanctionKind.ADMINISTRATIVE: {
            "id": "Sanksi administratif",
            "en": "Administrative sanction",
        },
        SanctionKind.NONE: {"id": "Tanpa sanksi sendiri", "en": "No sanction of its own"},
    },
    InformantCategory: {
        InformantCategory.KEY: {"id": "Informan kunci", "en": "Key informant"},
        InformantCategory.MAIN: {"id": "Informan utama", "en": "Main informant"},
        InformantCategory.SUPPORTING: {"id": "Informan pendukung", "en": "Supporting informant"},
    },
    SelectionMethod: {
        SelectionMethod.PURPOSIVE: {"id": "Purposive", "en": "Purposive"},
        SelectionMethod.SNOWBALL: {"id": "Snowball", "en": "Snowball"},
        SelectionMethod.OTHER: {"id": "Lainnya", "en": "Other"},
    },
    MaterialKind: {
        MaterialKind.PRIMARY: {"id": "Bahan hukum primer", "en": "Primary legal material"},
        MaterialKind.SECONDARY: {"id": "Bahan hukum sekunder", "en": "Secondary legal material"},
        MaterialKind.TERTIARY: {"id": "Bahan hukum tersier", "en": "Tertiary legal material"},
    },
    Element: {
        Element.SUBJECT: {"id": "Subjek", "en": "Subject"},
        Element.ACT: {"id": "Perbuatan", "en": "Act"},
        Element.TIME: {"id": "Waktu", "en": "Time"},
        Element.INTENT: {"id": "Kesengajaan", "en": "Intent"},
    },
    ElementVerdict: {
        ElementVerdict.MET: {"id": "Terpenuhi", "en": "Met"},
        ElementVerdict.NOT_MET: {"id": "Tidak terpenuhi", "en": "Not met"},
        ElementVerdict.UNCLEAR: {"id": "Belum jelas", "en": "Unclear"},
    },
}


def label(kind: type[StrEnum], code: str, lang: str) -> str:
    """The label of ``code`` (one of ``kind``'s values) in ``lang``; English when the
    language is unknown, the code itself when the value is (e.g. one written by a newer
    version)."""
    entry = LABELS[kind].get(str(code))
    if entry is None:
        return str(code)
    return entry.get(lang) or entry["en"]


def labels_of(kind: type[StrEnum]) -> dict[str, LocalText]:
    """``kind``'s values with their labels in every language, in the defined order."""
    return {str(code): dict(text) for code, text in LABELS[kind].items()}


def allowed_values(kind: type[StrEnum], lang: str) -> str:
    """``value = label`` for each value, as a data dictionary lists them."""
    return ", ".join(f"{code} = {label(kind, code, lang)}" for code in LABELS[kind])

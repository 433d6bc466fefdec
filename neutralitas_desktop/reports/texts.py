"""Fixed wording of the PDF reports in Indonesian and English (labels, not data); the
labels of statuses, stances, corroboration and the like come from ``vocabulary``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from neutralitas_desktop.reports.casefile_texts import CASEFILE_TEXTS
from neutralitas_desktop.vocabulary import (
    Conclusion,
    ConsentMethod,
    ConsentState,
    Corroboration,
    EvidenceKind,
    FindingStatus,
    MemberCheckResponse,
    SessionStatus,
    SourceType,
    Stance,
    labels_of,
)

TEXTS: dict[str, dict[str, str]] = {
    # report names
    "summary": {"id": "Laporan Ringkas Penelitian", "en": "Study Summary Report"},
    "session": {"id": "Transkrip Sesi Lapangan", "en": "Field Session Transcript"},
    "blank": {
        "id": "Instrumen Cetak (cadangan kertas)",
        "en": "Printable Instrument (paper fallback)",
    },
    "page": {"id": "Halaman", "en": "Page"},
    "of": {"id": "dari", "en": "of"},
    "generated": {"id": "Dibuat", "en": "Generated"},
    "made_with": {"id": "dibuat dengan neutralitas-desktop", "en": "made with neutralitas-desktop"},
    "contents": {"id": "Daftar Isi", "en": "Contents"},
    "confidential": {
        "id": "Rahasia penelitian. Informan disebut dengan kode samaran; nama asli tidak dimuat.",
        "en": "Research-confidential. Informants appear by pseudonymous code; no real names.",
    },
    # summary sections
    "study_method": {"id": "Penelitian dan metode", "en": "Study and method"},
    "fieldwork": {"id": "Pelaksanaan lapangan", "en": "Fieldwork"},
    "matrix": {"id": "Matriks triangulasi", "en": "Triangulation matrix"},
    "themes": {"id": "Temuan per tema", "en": "Findings by theme"},
    "appendix": {
        "id": "Lampiran: instrumen dan versinya",
        "en": "Appendix: instruments and versions",
    },
    "method_text": {
        "id": "Data dianalisis dengan model interaktif Miles dan Huberman (kondensasi data, "
        "penyajian data, penarikan dan verifikasi kesimpulan). Keabsahan data diuji dengan "
        "triangulasi: setiap jawaban ditandai menurut jenis sumbernya (wawancara, observasi, "
        "dokumentasi) dan peran informannya, sehingga kesesuaian antarsumber dapat dibaca "
        "pada matriks triangulasi.",
        "en": "Data were analysed with Miles and Huberman's interactive model (data "
        "condensation, data display, conclusion drawing and verification). Validity was "
        "tested by triangulation: every answer is tagged with its kind of source (interview, "
        "observation, documentation) and its informant's role, so that agreement between "
        "sources can be read from the triangulation matrix.",
    },
    "rule_text": {
        "id": "Aturan penguatan: unit analisisnya adalah peristiwa (siapa berbuat apa, kapan, di "
        "mana), bukan jawaban. Jalur bukti yang mendukung adalah pengamatan peneliti, dokumen, "
        "pengakuan pelaku dan kesaksian; kabar dari orang lain tidak pernah menguatkan, dan "
        "bantahan dicantumkan di sampingnya tanpa membatalkan. Jalur dari informan yang sama "
        "dengan teknik yang sama dihitung satu. <b>Terkuatkan</b>: sedikitnya {threshold} jalur "
        "bukti mandiri; <b>dibantah</b>: kurang dari itu dan ada bantahan; <b>satu jalur "
        "bukti</b>: kurang dari itu tanpa bantahan; <b>tidak terbukti</b>: tidak ada jalur yang "
        "mendukung. Simpulan triangulasi suatu tema adalah penguatan peristiwanya yang paling "
        "kuat.",
        "en": "Corroboration rule: the unit of analysis is the incident (who did what, when, "
        "where), not the answer. Supporting lines of evidence are what the researcher observed, "
        "documents, the actor's own account and eyewitness accounts; hearsay never "
        "corroborates, and denials are listed beside without cancelling. Lines from the same "
        "informant by the same technique count once. <b>Corroborated</b>: at least {threshold} "
        "independent lines; <b>contradicted</b>: fewer, and a denial; <b>single line</b>: "
        "fewer, no denial; <b>unattested</b>: no supporting line. A theme's conclusion "
        "(simpulan triangulasi) is the corroboration of its best-attested incident.",
    },
    "exclusions_text": {
        "id": "Tidak dimuat: {informants} informan yang menarik persetujuannya ({sessions} sesi, "
        "{answers} jawaban) dan {irrelevant} jawaban atas pertanyaan yang menjadi tidak relevan.",
        "en": "Left out: {informants} informant(s) who withdrew consent ({sessions} session(s), "
        "{answers} answer(s)) and {irrelevant} answer(s) to questions that became irrelevant.",
    },
    "redaction_text": {
        "id": "Disamarkan oleh layanan redaksi: {name} nama (diganti kode samaran atau [nama]), "
        "{phone} nomor telepon, {email} alamat email, {nip} NIP, {nik} NIK dan {handle} akun "
        "media sosial.",
        "en": "Redacted by the redaction service: {name} name(s) (replaced by the pseudonymous "
        "code or [nama]), {phone} phone number(s), {email} e-mail address(es), {nip} NIP, "
        "{nik} NIK and {handle} social-media handle(s).",
    },
    "image_left_out": {
        "id": "Berkas tidak dimuat dalam transkrip anonim (gambar dapat memuat identitas).",
        "en": "File left out of the anonymised transcript (an image may show an identity).",
    },
    "scope": {"id": "Cakupan", "en": "Scope"},
    "all_sites": {"id": "semua lokasi", "en": "all sites"},
    "all_statuses": {"id": "semua status sesi", "en": "all session statuses"},
    "sites": {"id": "Lokasi", "en": "Sites"},
    "site": {"id": "Lokasi", "en": "Site"},
    "sessions": {"id": "Sesi", "en": "Sessions"},
    "informants": {"id": "Informan", "en": "Informants"},
    "answers": {"id": "Jawaban", "en": "Answers"},
    "codings": {"id": "Pengodean", "en": "Codings"},
    "total": {"id": "Jumlah", "en": "Total"},
    "status": {"id": "Status", "en": "Status"},
    "role": {"id": "Peran", "en": "Role"},
    "theme": {"id": "Tema", "en": "Theme"},
    "conclusion": {"id": "Simpulan triangulasi", "en": "Triangulation conclusion"},
    "context": {"id": "Konteks (jawaban)", "en": "Context (answers)"},
    "audit": {"id": "Jejak audit analisis", "en": "Analytic audit trail"},
    "audit_intro": {
        "id": "Setiap keputusan analisis — status temuan beserta alasannya, penautan dan "
        "pelepasan jalur bukti, pengodean ulang, penggabungan tema — dengan siapa, kapan dan "
        "mengapa (dependabilitas dan konfirmabilitas).",
        "en": "Every analytic decision — findings' statuses with their reasons, lines of "
        "evidence linked and unlinked, recodes, theme merges — with who, when and why "
        "(dependability and confirmability).",
    },
    "member_checks": {"id": "Member check", "en": "Member checks"},
    "when": {"id": "Waktu", "en": "When"},
    "who": {"id": "Oleh", "en": "By"},
    "action": {"id": "Keputusan", "en": "Decision"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "given_back": {"id": "Yang dikembalikan", "en": "Given back"},
    "response": {"id": "Tanggapan", "en": "Response"},
    "no_audit": {"id": "Belum ada keputusan analisis.", "en": "No analytic decision yet."},
    "no_member_checks": {"id": "Belum ada member check.", "en": "No member check yet."},
    "incidents": {"id": "Peristiwa", "en": "Incidents"},
    "before_reasons": {
        "id": "status ditetapkan sebelum alasan diwajibkan",
        "en": "status set before reasons were required",
    },
    "legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "findings": {"id": "Kesimpulan", "en": "Conclusions"},
    "key_excerpts": {"id": "Kutipan kunci", "en": "Key excerpts"},
    "no_findings": {
        "id": "Belum ada kesimpulan yang dicatat.",
        "en": "No conclusion recorded yet.",
    },
    "no_evidence_yet": {
        "id": "Belum ada bukti yang dikodekan untuk tema mana pun dalam cakupan ini.",
        "en": "No coded evidence for any theme in this scope yet.",
    },
    "no_excerpts": {"id": "Belum ada kutipan yang dikodekan.", "en": "No coded excerpt yet."},
    "chart_sites": {
        "id": "Sesi menurut lokasi dan jenis sumber",
        "en": "Sessions by site and kind of source",
    },
    "chart_themes": {
        "id": "Peristiwa terkuatkan dan lainnya menurut tema",
        "en": "Corroborated and other incidents by theme",
    },
    "table_sites": {
        "id": "Sesi menurut lokasi dan jenis sumber",
        "en": "Sessions by site and kind of source",
    },
    "table_status": {"id": "Sesi menurut status", "en": "Sessions by status"},
    "table_roles": {"id": "Informan menurut peran", "en": "Informants by role"},
    "table_categories": {
        "id": "Informan menurut kategori dan cara pemilihan",
        "en": "Informants by category and how they were chosen",
    },
    "informant_category": {"id": "Kategori informan", "en": "Informant category"},
    "selection": {"id": "Cara pemilihan", "en": "Chosen by"},
    "not_set": {"id": "Belum diisi", "en": "Not recorded"},
    "matrix_intro": {
        "id": "Setiap sel memuat jumlah peristiwa yang dibuktikan oleh jalur bukti di kolom itu, "
        "menurut penguatannya: T terkuatkan, S satu jalur bukti, B dibantah, X tidak terbukti; "
        "lalu jumlah jalur bukti (J). Jawaban terstruktur hanya konteks di samping baris: "
        "P pelanggaran, N netralitas, ? belum jelas.",
        "en": "Each cell gives the incidents attested by lines of evidence in that column, by "
        "corroboration: C corroborated, S single line, X contradicted, U unattested; then the "
        "lines of evidence (L). Structured answers are context beside the row only: V "
        "violation, N neutrality, ? unclear.",
    },
    "instrument": {"id": "Instrumen", "en": "Instrument"},
    "version": {"id": "Versi", "en": "Version"},
    "source_type": {"id": "Jenis sumber", "en": "Kind of source"},
    "questions": {"id": "Pertanyaan", "en": "Questions"},
    "content_hash": {"id": "Nilai hash (SHA-256)", "en": "Content hash (SHA-256)"},
    # session transcript
    "session_id": {"id": "ID sesi", "en": "Session id"},
    "informant": {"id": "Informan", "en": "Informant"},
    "researcher": {"id": "Peneliti", "en": "Researcher"},
    "device": {"id": "Perangkat", "en": "Device"},
    "started": {"id": "Mulai", "en": "Started"},
    "ended": {"id": "Selesai", "en": "Ended"},
    "duration": {"id": "Durasi", "en": "Duration"},
    "minutes": {"id": "menit", "en": "minutes"},
    "language": {"id": "Bahasa", "en": "Language"},
    "consent_record": {"id": "Catatan persetujuan", "en": "Consent record"},
    "consent": {"id": "Persetujuan", "en": "Consent"},
    "method": {"id": "Cara", "en": "Method"},
    "recorded_at": {"id": "Dicatat", "en": "Recorded"},
    "note": {"id": "Catatan", "en": "Note"},
    "review": {"id": "Status tinjauan", "en": "Review status"},
    "review_comment": {"id": "Komentar penyelia", "en": "Supervisor's comment"},
    "review_comments": {"id": "Komentar tinjauan", "en": "Review comments"},
    "no_comments": {"id": "Belum ada komentar.", "en": "No comments."},
    "answers_heading": {"id": "Pertanyaan dan jawaban", "en": "Questions and answers"},
    "not_answered": {"id": "tidak dijawab", "en": "not answered"},
    "other_answers": {"id": "Jawaban lain dalam sesi ini", "en": "Other answers in this session"},
    "revisions": {"id": "Riwayat perubahan", "en": "Revisions"},
    "item": {"id": "Butir", "en": "Item"},
    "attachment": {"id": "Lampiran", "en": "Attachment"},
    "missing_file": {"id": "berkas tidak ada dalam basis data", "en": "file not in the database"},
    "conflict": {
        "id": "konflik: dua perangkat mengubah jawaban ini",
        "en": "conflict: two laptops changed this answer",
    },
    "utc": {"id": "UTC", "en": "UTC"},
    "other_choice": {"id": "Lainnya", "en": "Other"},
    # blank instrument
    "fill_header": {"id": "Diisi peneliti", "en": "Filled in by the researcher"},
    "date": {"id": "Tanggal", "en": "Date"},
    "informant_code": {"id": "Kode informan", "en": "Informant code"},
    "time_range": {"id": "Jam mulai – selesai", "en": "Start – end time"},
    "pick_one": {"id": "Pilih satu.", "en": "Choose one."},
    "pick_many": {"id": "Pilih semua yang sesuai.", "en": "Choose all that apply."},
    "other_specify": {"id": "Lainnya, sebutkan:", "en": "Other, specify:"},
    "attach_note": {"id": "Nomor foto/berkas:", "en": "Photo/file number:"},
    "repeat_note": {
        "id": "Ulangi bagian ini untuk setiap butir; salin halaman ini bila perlu.",
        "en": "Repeat this part for each item; copy this page if needed.",
    },
    "paper_note": {
        "id": "Salinan kertas untuk dipakai bila laptop tidak dapat digunakan. Masukkan "
        "jawabannya ke aplikasi sesegera mungkin.",
        "en": "Paper copy for when the laptop cannot be used. Enter the answers into the app "
        "as soon as possible.",
    },
    "required": {"id": "wajib", "en": "required"},
    # the Word documents
    "table": {"id": "Tabel", "en": "Table"},
    "findings_chapter": {
        "id": "BAB IV HASIL PENELITIAN DAN PEMBAHASAN",
        "en": "CHAPTER IV FINDINGS AND DISCUSSION",
    },
    "findings_intro": {
        "id": "Bab ini menyajikan temuan penelitian per tema: kesimpulan yang ditarik beserta "
        "status verifikasinya, sebaran bukti menurut teknik pengumpulan data (triangulasi "
        "teknik), dan kutipan pendukung dari informan, observasi dan dokumen. Informan "
        "disebut dengan kodenya.",
        "en": "This chapter presents the findings theme by theme: the conclusion drawn and "
        "its verification, the evidence by data-collection technique (method triangulation), "
        "and the supporting excerpts from informants, observations and documents. Informants "
        "are referred to by their codes.",
    },
    "finding_conclusion": {"id": "Kesimpulan", "en": "Conclusion"},
    "no_conclusion": {"id": "Belum ada kesimpulan yang dicatat.", "en": "No conclusion yet."},
    "verification": {"id": "Status verifikasi", "en": "Verification"},
    "rests_on": {"id": "Bertumpu pada peristiwa", "en": "Rests on the incidents"},
    "site_wide": {"id": "seluruh lokasi", "en": "all sites"},
    "triangulation": {"id": "Triangulasi teknik", "en": "Method triangulation"},
    "triangulation_caption": {
        "id": "Sebaran bukti tema {theme} menurut teknik",
        "en": "Evidence on {theme} by technique",
    },
    "source": {"id": "Teknik / sumber", "en": "Technique / source"},
    "excerpts": {"id": "Kutipan pendukung", "en": "Supporting excerpts"},
    "transcripts_chapter": {"id": "LAMPIRAN", "en": "APPENDICES"},
    "transcripts_intro": {
        "id": "Transkrip wawancara dan catatan lapangan, satu per sesi. Informan disebut dengan "
        "kodenya; nama asli tidak dimuat.",
        "en": "Interview transcripts and field notes, one per session. Informants are "
        "referred to by their codes; real names are not included.",
    },
    "interview_title": {"id": "Transkrip wawancara {code}", "en": "Interview transcript {code}"},
    "notes_title": {"id": "Catatan {source} di {site}", "en": "{source} notes at {site}"},
    "session_caption": {"id": "Identitas sesi {title}", "en": "Session details: {title}"},
    "technique": {"id": "Teknik", "en": "Technique"},
    "value": {"id": "Isian", "en": "Entry"},
    "no_text": {"id": "Tidak ada teks yang dicatat.", "en": "No text recorded."},
    "codebook_chapter": {"id": "BUKU KODE PENELITIAN", "en": "RESEARCH CODEBOOK"},
    "codebook_intro": {
        "id": "Tema yang digunakan untuk mengodekan data, dengan definisi, kriteria inklusi "
        "dan eksklusi, serta dasar hukumnya.",
        "en": "The themes used to code the data, with their definitions, inclusion and "
        "exclusion criteria, and legal basis.",
    },
    "codebook_caption": {"id": "Daftar tema penelitian", "en": "Themes of the study"},
    "code": {"id": "Kode", "en": "Code"},
    "definition": {"id": "Definisi", "en": "Definition"},
    "inclusion": {"id": "Termasuk", "en": "Include"},
    "exclusion": {"id": "Tidak termasuk", "en": "Exclude"},
    "retired": {"id": "(tidak dipakai lagi)", "en": "(retired)"},
}

# Labels of the vocabulary's values: the one catalogue the screens read too.
SOURCE_TYPES = labels_of(SourceType)
STATUSES = labels_of(SessionStatus)
STANCES = labels_of(Stance)
CONCLUSIONS = labels_of(Conclusion)
CORROBORATION = labels_of(Corroboration)
EVIDENCE_KINDS = labels_of(EvidenceKind)
MEMBER_CHECK_RESPONSES = labels_of(MemberCheckResponse)
CONSENT = labels_of(ConsentState)
CONSENT_METHODS = labels_of(ConsentMethod)
FINDING_STATUSES = labels_of(FindingStatus)
MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


# The case file's wording, kept in a module of its own for its size, is part of the one
# catalogue (a key means one thing in every report).
_SHARED = TEXTS.keys() & CASEFILE_TEXTS.keys()
assert all(TEXTS[k] == CASEFILE_TEXTS[k] for k in _SHARED), _SHARED
TEXTS.update(CASEFILE_TEXTS)


def t(key: str, lang: str, **params: object) -> str:
    """A report's phrase in the language, its ``{name}`` fields filled when given."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def redaction_note(redacted: Iterable[tuple[str, int]], lang: str) -> str:
    """What a report's redaction replaced, and how many times."""
    counts = {kind: 0 for kind in ("name", "phone", "email", "nip", "nik", "handle")}
    counts.update(dict(redacted))
    return t("redaction_text", lang).format(**counts)


def label(table: dict[str, dict[str, str]], code: str, lang: str) -> str:
    entry = table.get(code)
    return (entry.get(lang) or entry["en"]) if entry else code


def long_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    if value is None:
        return ""
    months = MONTHS.get(lang, MONTHS["en"])
    text = f"{value.day} {months[value.month - 1]} {value.year}"
    if isinstance(value, dt.datetime):
        text += f", {value:%H:%M}"
    return text


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the language writes it: 32.673 and 45,6 in Indonesian, 32,673 and 45.6
    in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text

"""Fixed wording of the PDF reports in Indonesian and English (labels, not data); the
labels of statuses, stances, verdicts and the like come from ``vocabulary``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from neutralitas_desktop.vocabulary import (
    ConsentMethod,
    ConsentState,
    FindingStatus,
    SessionStatus,
    SourceType,
    Stance,
    Verdict,
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
        "id": "Aturan putusan: sel mendukung suatu sikap bila memuat sedikitnya {cell} bukti "
        "untuk sikap itu dan lebih banyak daripada sikap lawannya. <b>Konvergen</b>: sedikitnya "
        "{types} jenis sumber mendukung sikap yang sama dan tidak ada yang bertentangan; "
        "<b>divergen</b>: jenis sumber saling bertentangan; <b>satu sumber</b>: kurang dari "
        "{types} jenis sumber; <b>tanpa bukti</b>: tidak ada sel yang mendukung suatu sikap.",
        "en": "Verdict rule: a cell supports a stance when it holds at least {cell} piece(s) "
        "of evidence for it and more than for the opposite stance. <b>Converging</b>: at least "
        "{types} kinds of source support the same stance and none contradicts it; "
        "<b>diverging</b>: kinds of source contradict each other; <b>single source</b>: fewer "
        "than {types} kinds of source; <b>no evidence</b>: no cell supports a stance.",
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
    "verdict": {"id": "Putusan", "en": "Verdict"},
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
        "id": "Bukti pelanggaran dan netralitas menurut tema",
        "en": "Evidence of violation and neutrality by theme",
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
        "id": "Setiap sel memuat jumlah bukti yang menunjukkan pelanggaran (P), netralitas (N) "
        "dan yang belum jelas (?). Warna sel menunjukkan sikap yang didukungnya.",
        "en": "Each cell gives the pieces of evidence indicating a violation (V), neutrality "
        "(N) and unclear (?). A cell's colour shows the stance it supports.",
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
}

# Labels of the vocabulary's values: the one catalogue the screens read too.
SOURCE_TYPES = labels_of(SourceType)
STATUSES = labels_of(SessionStatus)
STANCES = labels_of(Stance)
VERDICTS = labels_of(Verdict)
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


def t(key: str, lang: str) -> str:
    entry = TEXTS[key]
    return entry.get(lang) or entry["en"]


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

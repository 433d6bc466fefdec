"""Wording of the Word documents, in Indonesian and English (the labels of the study's
values come from the vocabulary's catalogue)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
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
    "conclusion": {"id": "Kesimpulan", "en": "Conclusion"},
    "no_conclusion": {"id": "Belum ada kesimpulan yang dicatat.", "en": "No conclusion yet."},
    "verification": {"id": "Status verifikasi", "en": "Verification"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "rests_on": {"id": "Bertumpu pada peristiwa", "en": "Rests on the incidents"},
    "site_wide": {"id": "seluruh lokasi", "en": "all sites"},
    "triangulation": {"id": "Triangulasi teknik", "en": "Method triangulation"},
    "triangulation_caption": {
        "id": "Sebaran bukti tema {theme} menurut teknik",
        "en": "Evidence on {theme} by technique",
    },
    "source": {"id": "Teknik / sumber", "en": "Technique / source"},
    "excerpts": {"id": "Kutipan pendukung", "en": "Supporting excerpts"},
    "no_excerpts": {"id": "Belum ada kutipan yang dikodekan.", "en": "No coded excerpt yet."},
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
    "informant": {"id": "Informan", "en": "Informant"},
    "role": {"id": "Peran", "en": "Role"},
    "site": {"id": "Lokasi", "en": "Site"},
    "date": {"id": "Tanggal", "en": "Date"},
    "technique": {"id": "Teknik", "en": "Technique"},
    "instrument": {"id": "Instrumen", "en": "Instrument"},
    "item": {"id": "Butir", "en": "Item"},
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
    "theme": {"id": "Tema", "en": "Theme"},
    "definition": {"id": "Definisi", "en": "Definition"},
    "inclusion": {"id": "Termasuk", "en": "Include"},
    "exclusion": {"id": "Tidak termasuk", "en": "Exclude"},
    "legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "retired": {"id": "(tidak dipakai lagi)", "en": "(retired)"},
}


def dt_(key: str, lang: str, **params: str) -> str:
    entry = TEXTS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text

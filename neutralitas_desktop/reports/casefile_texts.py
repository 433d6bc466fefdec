"""Fixed wording of the case file (berkas dugaan pelanggaran) in Indonesian and English:
part of the reports' one catalogue (``reports.texts``, which reads it with ``t``), kept in a
module of its own for its size; values (actor types, kinds of evidence, sanctions) are
labelled from ``vocabulary``."""

from __future__ import annotations

CASEFILE_TEXTS: dict[str, dict[str, str]] = {
    "title": {"id": "Berkas Dugaan Pelanggaran", "en": "Case File of a Suspected Violation"},
    "subtitle": {
        "id": "Dugaan pelanggaran netralitas dalam {election}",
        "en": "Suspected neutrality violation in the {election}",
    },
    "incident_ref": {"id": "Nomor peristiwa", "en": "Incident no."},
    "made": {"id": "Disusun", "en": "Prepared"},
    "overview": {"id": "Ikhtisar", "en": "Overview"},
    "event": {"id": "Peristiwa", "en": "Event"},
    "actor": {"id": "Pelaku (terlapor)", "en": "Actor (reported party)"},
    "place": {"id": "Tempat", "en": "Place"},
    "time": {"id": "Waktu", "en": "Time"},
    "stage": {"id": "Tahapan pemilihan", "en": "Election stage"},
    "outside_calendar": {
        "id": "di luar tahapan dalam kalender pemilihan studi",
        "en": "outside the stages of the study's election calendar",
    },
    "no_calendar": {
        "id": "(periode lapangan; studi ini belum mencatat kalender pemilihan)",
        "en": "(fieldwork period; this study records no election calendar)",
    },
    "theme": {"id": "Tema", "en": "Theme"},
    "provisions": {"id": "Ketentuan yang diduga dilanggar", "en": "Provisions allegedly breached"},
    "favours": {"id": "Pasangan calon yang diuntungkan", "en": "Candidate pair favoured"},
    "online": {"id": "Platform dan tautan", "en": "Platform and link"},
    "corroboration": {"id": "Penguatan bukti", "en": "Corroboration"},
    "corroboration_text": {
        "id": "{label}: {independent} jalur bukti mandiri (ambang {threshold})",
        "en": "{label}: {independent} independent line(s) of evidence (threshold {threshold})",
    },
    "report_to": {"id": "Disampaikan kepada", "en": "To be reported to"},
    "deadline": {"id": "Batas akhir pelaporan", "en": "Reporting deadline"},
    "deadline_text": {
        "id": "{deadline} — {days} hari sejak diketahui pada {known}",
        "en": "{deadline} — {days} days from its being known on {known}",
    },
    "deadline_passed": {
        "id": "Tenggat ini sudah lewat pada tanggal berkas disusun.",
        "en": "This deadline had passed when the file was prepared.",
    },
    "known_from_line": {
        "id": "Dihitung dari tanggal bukti pertama dikumpulkan peneliti ({first}, {when}), "
        "yaitu saat pelanggaran diketahui atau ditemukan.",
        "en": "Counted from the day the researcher collected the first line of evidence "
        "({first}, {when}), i.e. when the violation was known or found.",
    },
    "known_from_incident": {
        "id": "Belum ada jalur bukti: dihitung dari tanggal peristiwa.",
        "en": "No line of evidence yet: counted from the date of the incident.",
    },
    # sections
    "s_chronology": {"id": "1. Kronologi", "en": "1. Chronology"},
    "s_actor": {"id": "2. Pelaku", "en": "2. The actor"},
    "s_law": {
        "id": "3. Ketentuan yang berlaku dan sanksinya",
        "en": "3. Provisions that apply, and their sanctions",
    },
    "s_evidence": {"id": "4. Bukti", "en": "4. Evidence"},
    "s_bodies": {
        "id": "5. Lembaga yang berwenang dan tenggat pelaporan",
        "en": "5. The authorities, and the reporting deadline",
    },
    "s_form": {
        "id": "6. Isian laporan ke Bawaslu / Panwascam",
        "en": "6. The fields of a report to Bawaslu / Panwascam",
    },
    "s_analysis": {"id": "7. Analisis yuridis", "en": "7. Legal analysis"},
    "s_privacy": {"id": "Kerahasiaan sumber", "en": "Confidentiality of sources"},
    # chronology
    "c_when": {"id": "Waktu", "en": "When"},
    "c_what": {"id": "Kejadian", "en": "What"},
    "c_incident": {"id": "Peristiwa terjadi: {summary}", "en": "The incident: {summary}"},
    "c_line": {
        "id": "Bukti {number} dikumpulkan ({kind}; {technique})",
        "en": "Line {number} collected ({kind}; {technique})",
    },
    "c_known": {
        "id": "Pelanggaran diketahui peneliti (awal tenggat pelaporan)",
        "en": "The violation known to the researcher (the reporting deadline counts from here)",
    },
    "c_deadline": {
        "id": "Batas akhir laporan diterima Bawaslu / Panwascam",
        "en": "Last day for the report to reach Bawaslu / Panwascam",
    },
    "c_made": {"id": "Berkas ini disusun", "en": "This file prepared"},
    # actor
    "a_type": {"id": "Jenis pelaku", "en": "Actor type"},
    "a_office": {"id": "Jabatan / kantor / akun", "en": "Office / account"},
    "a_code": {"id": "Kode samaran", "en": "Pseudonymous code"},
    "a_name": {"id": "Nama", "en": "Name"},
    "unnamed_no_informant": {
        "id": "tidak dicantumkan: pelaku dicatat menurut jabatannya, bukan sebagai informan",
        "en": "not given: the actor is recorded by office, not as an informant",
    },
    "unnamed_no_consent": {
        "id": "tidak dicantumkan: informan tidak menyetujui namanya disebut dalam laporan",
        "en": "not given: the informant did not agree to be named in a report",
    },
    "unnamed_locked": {
        "id": "tidak dicantumkan: nama hanya dicetak dari studi terenkripsi yang dibuka "
        "dengan kata sandinya",
        "en": "not given: names are printed only from an encrypted study opened with its "
        "passphrase",
    },
    "unnamed_no_identity": {
        "id": "tidak dicantumkan: tidak ada nama dalam tabel identitas",
        "en": "not given: no name in the identity table",
    },
    # law
    "l_provision": {"id": "Ketentuan", "en": "Provision"},
    "l_forbids": {"id": "Larangan / kewajiban", "en": "Forbids / requires"},
    "l_sanction": {"id": "Sanksi", "en": "Sanction"},
    "l_body": {"id": "Ditangani", "en": "Acted on by"},
    "l_none": {
        "id": "Buku kode tidak memuat ketentuan tema ini untuk {election} dan jenis pelaku ini.",
        "en": "The codebook holds no provision of this theme for the {election} and this "
        "actor type.",
    },
    "l_scope": {
        "id": "Hanya ketentuan yang berlaku untuk {election} dan untuk {actor} yang dicantumkan.",
        "en": "Only the provisions that apply to the {election} and to a {actor} are listed.",
    },
    "no_sanction": {
        "id": "— (sanksi pada ketentuan lain)",
        "en": "— (sanction in another provision)",
    },
    # evidence
    "e_no": {"id": "No.", "en": "No."},
    "e_kind": {"id": "Jenis", "en": "Kind"},
    "e_source": {"id": "Sumber", "en": "Source"},
    "e_date": {"id": "Tanggal", "en": "Date"},
    "e_content": {"id": "Isi", "en": "Content"},
    "e_hash": {"id": "Nilai hash (SHA-256)", "en": "Hash (SHA-256)"},
    "the_researcher": {"id": "Peneliti", "en": "The researcher"},
    "role_only_tag": {"id": "(disebut menurut peran)", "en": "(by role only)"},
    "e_none": {"id": "Belum ada jalur bukti.", "en": "No line of evidence yet."},
    "e_archive": {
        "id": "Berkas bukti dan daftar nilai hash-nya ada dalam arsip bukti (ZIP) yang "
        "menyertai berkas ini; setiap berkas dapat diperiksa dengan sha256sum -c SHA256SUMS.",
        "en": "The evidence files and the list of their hashes are in the evidence archive "
        "(ZIP) that comes with this file; check each with sha256sum -c SHA256SUMS.",
    },
    "e_left_out": {
        "id": "{n} jalur bukti dari informan yang menolak atau menarik persetujuannya tidak "
        "dimuat.",
        "en": "{n} line(s) of evidence from informants who refused or withdrew consent are "
        "left out.",
    },
    # authorities
    "b_body": {"id": "Lembaga", "en": "Authority"},
    "b_role": {"id": "Kewenangan", "en": "What it acts on"},
    # form
    "f_field": {"id": "Isian", "en": "Field"},
    "f_value": {"id": "Keterangan", "en": "Entry"},
    "f_reporter": {"id": "Pelapor", "en": "Reporter"},
    "f_reporter_value": {
        "id": "(diisi pelapor: nama, alamat, nomor telepon, nomor identitas)",
        "en": "(to be filled in by the reporter: name, address, telephone, identity number)",
    },
    "f_reported": {"id": "Terlapor", "en": "Reported party"},
    "f_event": {"id": "Peristiwa dan uraian kejadian", "en": "Event and account"},
    "f_time": {"id": "Waktu kejadian", "en": "Time of the event"},
    "f_place": {"id": "Tempat kejadian", "en": "Place of the event"},
    "f_witnesses": {"id": "Saksi", "en": "Witnesses"},
    "f_evidence": {"id": "Bukti", "en": "Evidence"},
    "f_known": {"id": "Waktu diketahui", "en": "When it was known"},
    "f_no_witness": {"id": "(belum ada saksi tercatat)", "en": "(no witness recorded)"},
    "f_evidence_value": {
        "id": "{numbers} (lihat bagian 4 dan arsip bukti)",
        "en": "{numbers} (see section 4 and the evidence archive)",
    },
    # analysis
    "m_heading": {"id": "Bahan hukum", "en": "Legal materials"},
    "m_kind": {"id": "Jenis", "en": "Kind"},
    "m_citation": {"id": "Sumber", "en": "Source"},
    "m_note": {"id": "Catatan", "en": "Note"},
    "t_heading": {"id": "Pengujian unsur pasal", "en": "Element-by-element test"},
    "t_provision": {"id": "Pasal", "en": "Article"},
    "t_element": {"id": "Unsur", "en": "Element"},
    "t_verdict": {"id": "Hasil", "en": "Verdict"},
    "t_reasoning": {"id": "Pertimbangan", "en": "Reasoning"},
    "t_evidence": {"id": "Bukti", "en": "Evidence"},
    # privacy
    "p_roles": {
        "id": "{n} jalur bukti berasal dari informan yang tidak menyetujui namanya disebut "
        "dalam laporan kepada lembaga berwenang; keterangan mereka disebut menurut perannya "
        "saja, tanpa kode atau nama.",
        "en": "{n} line(s) of evidence come from informants who did not agree to be named in "
        "a report to an authority; they are described by their role only, without code or "
        "name.",
    },
    "p_named": {
        "id": "Informan yang menyetujui namanya disebut sebagai sumber dicantumkan dengan "
        "kodenya{names}.",
        "en": "Informants who agreed to be named as a source appear with their code{names}.",
    },
    "p_names_printed": {"id": " dan namanya", "en": " and name"},
    "p_names_locked": {
        "id": "; nama tidak dicetak karena studi tidak dibuka sebagai studi terenkripsi",
        "en": "; names are not printed because the study is not open as an encrypted study",
    },
    "p_redaction": {
        "id": "Teks yang diketik peneliti melewati layanan penyamaran: nama orang lain, nomor "
        "telepon, e-mail, NIP, NIK, dan akun media sosial diganti penanda.",
        "en": "Texts typed by researchers pass through the redaction service: other people's "
        "names, telephone numbers, e-mail addresses, NIP, NIK and social-media handles are "
        "replaced by markers.",
    },
}

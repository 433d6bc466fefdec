"""Ids and wording of the messages a user sees from the services (errors above all).

A service raises ``NeutralitasError(message_id=Message.X, **params)``: the exception's
text is the English default (the one line the CLI prints, with values as their codes) and
the UI shows ``text(message_id, ui_language, **params)``, where values of the vocabulary
appear as their labels in that language.
"""

from __future__ import annotations

from enum import StrEnum

from neutralitas_desktop.vocabulary.labels import LABELS, label


class Message(StrEnum):
    DATABASE_MISSING = "database.missing"
    DATABASE_EMPTY = "database.empty"
    DATABASE_FOREIGN = "database.foreign"
    DATABASE_NEWER = "database.newer"
    DATABASE_UNREADABLE = "database.unreadable"
    DATABASE_FILE_READ_ONLY = "database.file_read_only"
    DATABASE_FOLDER_READ_ONLY = "database.folder_read_only"
    DATABASE_CANNOT_CREATE = "database.cannot_create"
    DATABASE_CANNOT_OPEN = "database.cannot_open"
    DATABASE_DISK_FULL = "database.disk_full"
    DATABASE_WRITE_READ_ONLY = "database.write_read_only"
    DATABASE_LOCKED = "database.locked"
    SESSION_NOT_FOUND = "session.not_found"
    SESSION_STATUS_UNKNOWN = "session.status_unknown"
    SESSION_TRANSITION = "session.transition"
    SESSION_NOT_COMPLETABLE = "session.not_completable"
    SESSION_NOT_REVIEWABLE = "session.not_reviewable"
    SESSION_NOT_REOPENABLE = "session.not_reopenable"
    RETURN_NEEDS_COMMENT = "review.return_needs_comment"
    INTERVIEW_NEEDS_INFORMANT = "session.needs_informant"
    CONSENT_FIRST = "session.consent_first"
    NO_RESEARCHER = "device.no_researcher"
    VERIFIED_NEEDS_REASON = "finding.verified_needs_reason"
    VERIFIED_UNCORROBORATED = "finding.verified_uncorroborated"
    CONSENT_NOT_IN_INTERVIEW = "session.consent_not_in_interview"
    BACKUP_NEEDS_FILE = "backup.needs_file"
    BACKUP_NO_FOLDER = "backup.no_folder"
    BACKUP_FAILED = "backup.failed"
    BACKUP_MISMATCH = "backup.mismatch"
    SITE_NEEDS_NAME = "site.needs_name"
    INFORMANT_CODE_USED = "informant.code_used"
    FILE_UNREADABLE = "file.unreadable"
    FILE_UNWRITABLE = "file.unwritable"
    STUDY_EMPTY = "database.no_study"
    TIME_ZONE_SUPERVISOR_ONLY = "study.time_zone_supervisor_only"
    PACKAGE_OTHER_STUDY = "package.other_study"
    MERGE_WITHDRAWAL_HERE = "merge.withdrawal_here"
    MERGE_WITHDRAWAL_PACKAGE = "merge.withdrawal_package"


MESSAGES: dict[Message, dict[str, str]] = {
    Message.DATABASE_MISSING: {
        "en": "no study database at {path}",
        "id": "Tidak ada basis data studi di {path}",
    },
    Message.DATABASE_EMPTY: {
        "en": "no study database at {path} (empty database)",
        "id": "Tidak ada basis data studi di {path} (basis datanya kosong)",
    },
    Message.DATABASE_FOREIGN: {
        "en": "not a neutralitas-desktop database: {path}",
        "id": "Bukan basis data neutralitas-desktop: {path}",
    },
    Message.DATABASE_NEWER: {
        "en": "{path} was created by a newer version (schema {version}), this app knows up "
        "to {head}",
        "id": "{path} dibuat oleh versi aplikasi yang lebih baru (skema {version}); aplikasi "
        "ini hanya mengenal sampai skema {head}",
    },
    Message.DATABASE_UNREADABLE: {
        "en": "cannot read {path}: permission denied",
        "id": "Tidak dapat membaca {path}: izin ditolak",
    },
    Message.DATABASE_FILE_READ_ONLY: {
        "en": "{path}: the study file is read-only; copy it somewhere you can write to, or "
        "make it writable",
        "id": "{path}: berkas studi hanya-baca; salin ke tempat yang dapat ditulisi, atau "
        "jadikan dapat ditulisi",
    },
    Message.DATABASE_FOLDER_READ_ONLY: {
        "en": "{path}: the study's folder {folder} is read-only (SQLite writes its journal "
        "beside the study); copy the study to a folder you can write to",
        "id": "{path}: folder studi {folder} hanya-baca (SQLite menulis jurnalnya di samping "
        "studi); salin studi ke folder yang dapat ditulisi",
    },
    Message.DATABASE_CANNOT_CREATE: {
        "en": "cannot create {path}: {reason}",
        "id": "Tidak dapat membuat {path}: {reason}",
    },
    Message.DATABASE_CANNOT_OPEN: {
        "en": "cannot open {path}: unable to open the database file (is it gone, or is its "
        "folder not accessible?)",
        "id": "Tidak dapat membuka {path}: berkas basis data tidak dapat dibuka (sudah hilang, "
        "atau foldernya tidak dapat diakses?)",
    },
    Message.DATABASE_DISK_FULL: {
        "en": "{path}: cannot write: the disk is full (or failing); this change was not "
        "saved; free some space and try again",
        "id": "{path}: tidak dapat menulis: disk penuh (atau rusak); perubahan ini tidak "
        "tersimpan; kosongkan sebagian ruang lalu coba lagi",
    },
    Message.DATABASE_WRITE_READ_ONLY: {
        "en": "{path}: cannot write: the study file or its folder is read-only; nothing was saved",
        "id": "{path}: tidak dapat menulis: berkas studi atau foldernya hanya-baca; tidak ada "
        "yang tersimpan",
    },
    Message.DATABASE_LOCKED: {
        "en": "{path}: the study is locked: another program is using it (waited {seconds} s); "
        "close the other program and try again",
        "id": "{path}: studi terkunci: program lain sedang memakainya (sudah menunggu "
        "{seconds} detik); tutup program itu lalu coba lagi",
    },
    Message.SESSION_NOT_FOUND: {
        "en": "no session with id {session}",
        "id": "Tidak ada sesi dengan id {session}",
    },
    Message.SESSION_STATUS_UNKNOWN: {
        "en": "unknown session status '{status}' ({allowed})",
        "id": "Status sesi '{status}' tidak dikenal ({allowed})",
    },
    Message.SESSION_TRANSITION: {
        "en": "session {session} is {status} and cannot become {target}",
        "id": "Sesi {session} berstatus {status} dan tidak dapat menjadi {target}",
    },
    Message.SESSION_NOT_COMPLETABLE: {
        "en": "session {session} is {status}; only a draft or a returned session can be completed",
        "id": "Sesi {session} berstatus {status}; hanya draf atau sesi yang dikembalikan yang "
        "dapat diselesaikan",
    },
    Message.SESSION_NOT_REVIEWABLE: {
        "en": "session {session} is {status}: only completed sessions are reviewed",
        "id": "Sesi {session} berstatus {status}: hanya sesi yang sudah selesai yang dapat "
        "ditinjau",
    },
    Message.SESSION_NOT_REOPENABLE: {
        "en": "session {session} is {status} and cannot be reopened",
        "id": "Sesi {session} berstatus {status} dan tidak dapat dibuka kembali",
    },
    Message.RETURN_NEEDS_COMMENT: {
        "en": "a returned session needs a comment saying what to fix",
        "id": "Sesi yang dikembalikan memerlukan komentar tentang apa yang harus diperbaiki",
    },
    Message.INTERVIEW_NEEDS_INFORMANT: {
        "en": "an interview needs an informant",
        "id": "Wawancara memerlukan informan",
    },
    Message.CONSENT_FIRST: {
        "en": "record the informant's consent (given or refused) first",
        "id": "Catat dahulu persetujuan informan (bersedia atau tidak bersedia)",
    },
    Message.NO_RESEARCHER: {
        "en": "no researcher is registered on this device",
        "id": "Belum ada peneliti yang terdaftar di perangkat ini",
    },
    Message.VERIFIED_NEEDS_REASON: {
        "en": "finding {finding}: marking it verified needs a written reason (--reason)",
        "id": "Temuan {finding}: menandainya terverifikasi memerlukan alasan tertulis",
    },
    Message.VERIFIED_UNCORROBORATED: {
        "en": "finding {finding}: none of its incidents is corroborated; the reason must say "
        "why it is verified anyway (at least {words} words)",
        "id": "Temuan {finding}: tidak satu pun peristiwanya terkuatkan; alasannya harus "
        "menjelaskan mengapa tetap terverifikasi (sekurang-kurangnya {words} kata)",
    },
    Message.CONSENT_NOT_IN_INTERVIEW: {
        "en": "session {session} is {status}, not an interview being run; its consent cannot "
        "be changed",
        "id": "Sesi {session} berstatus {status}, bukan wawancara yang sedang berjalan; "
        "persetujuannya tidak dapat diubah",
    },
    Message.BACKUP_NEEDS_FILE: {
        "en": "{study} is a server database; back it up with the server's own tools",
        "id": "{study} adalah basis data server; cadangkan dengan alat server itu sendiri",
    },
    Message.BACKUP_NO_FOLDER: {
        "en": "cannot back up to {folder}: no such folder",
        "id": "Tidak dapat mencadangkan ke {folder}: folder itu tidak ada",
    },
    Message.BACKUP_FAILED: {
        "en": "backup to {folder} failed: {reason}; nothing was written",
        "id": "Pencadangan ke {folder} gagal: {reason}; tidak ada yang ditulis",
    },
    Message.SITE_NEEDS_NAME: {
        "en": "a site needs a name",
        "id": "Lokasi harus diberi nama",
    },
    Message.INFORMANT_CODE_USED: {
        "en": "informant code {code} is already used",
        "id": "Kode informan {code} sudah dipakai",
    },
    Message.FILE_UNREADABLE: {
        "en": "cannot read {path}: {reason}",
        "id": "Tidak dapat membaca {path}: {reason}",
    },
    Message.FILE_UNWRITABLE: {
        "en": "cannot write {path}: {reason}",
        "id": "Tidak dapat menulis {path}: {reason}",
    },
    Message.STUDY_EMPTY: {
        "en": "{path} holds no study yet (run `neutralitas init`)",
        "id": "{path} belum berisi studi (jalankan `neutralitas init`)",
    },
    Message.BACKUP_MISMATCH: {
        "en": "the copy in {folder} does not match the study ({what}); it was removed",
        "id": "Salinan di {folder} tidak sama dengan studi ({what}); salinan itu dihapus",
    },
    Message.TIME_ZONE_SUPERVISOR_ONLY: {
        "en": "the study's time zone is set on the supervisor's laptop; a field package "
        "changing it would be refused",
        "id": "Zona waktu studi diatur di laptop penyelia; paket lapangan yang mengubahnya "
        "akan ditolak",
    },
    Message.PACKAGE_OTHER_STUDY: {
        "en": "{path}: belongs to another study ('{title}', {study}), made by {made_by} "
        "(key {fingerprint}) on {made}; this database holds '{here}' ({here_id})",
        "id": "{path} milik studi lain: \u201c{title}\u201d (id {study}), dibuat oleh "
        "{made_by} (sidik jari kunci {fingerprint}) pada {made}. Studi yang terbuka di sini "
        "adalah \u201c{here}\u201d (id {here_id}), studi yang berbeda walaupun judulnya "
        "mungkin sama, jadi paket ini tidak dapat digabungkan. Minta paket dari penyelia "
        "studi ini, atau gabung ke studi itu lewat Berkas \u203a Gabung ke studi\u2026",
    },
    Message.MERGE_WITHDRAWAL_HERE: {
        "en": "informant {code}: the withdrawal of consent recorded in this study gives way "
        "to a later edit (consent now '{status}'); if the withdrawal stands, record it again",
        "id": "Informan {code}: penarikan persetujuan yang tercatat di studi ini tergantikan "
        "oleh suntingan yang lebih baru (persetujuan sekarang \u201c{status}\u201d); bila "
        "penarikan itu masih berlaku, catat lagi",
    },
    Message.MERGE_WITHDRAWAL_PACKAGE: {
        "en": "informant {code}: the withdrawal of consent recorded in the package gives way "
        "to a later edit (consent now '{status}'); if the withdrawal stands, record it again",
        "id": "Informan {code}: penarikan persetujuan yang tercatat di paket tergantikan oleh "
        "suntingan yang lebih baru di studi ini (persetujuan sekarang \u201c{status}\u201d); "
        "bila penarikan itu masih berlaku, catat lagi",
    },
}


def text(message: Message, lang: str, /, **params: object) -> str:
    """``message`` in ``lang`` (English when it has no such translation); parameters that
    are vocabulary values appear as their labels in that language."""
    wording = MESSAGES[message]
    template = wording.get(lang) or wording["en"]
    shown = {
        key: label(type(value), value, lang)
        if isinstance(value, StrEnum) and type(value) in LABELS
        else value
        for key, value in params.items()
    }
    return template.format_map(shown)


def default_text(message: Message, /, **params: object) -> str:
    """The English text with vocabulary values as their codes: what the CLI prints and
    what ``str()`` of the error gives."""
    shown = {k: v.value if isinstance(v, StrEnum) else v for k, v in params.items()}
    return MESSAGES[message]["en"].format_map(shown)

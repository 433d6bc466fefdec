"""What the demo study is made of: planted patterns per theme, field-note passages that
read as evidence of their theme, names for identities, and small stand-in screenshots."""

from __future__ import annotations

import random
import struct
import zlib

# Planted patterns: P(an answer indicates a violation) by source type.
PATTERNS: dict[str, dict[str, float]] = {
    "converging_violation": {"interview": 0.75, "observation": 0.8, "documentation": 0.85},
    "converging_neutrality": {"interview": 0.1, "observation": 0.05, "documentation": 0.1},
    "diverging": {"interview": 0.1, "observation": 0.85, "documentation": 0.8},
    "mixed": {"interview": 0.45, "observation": 0.5, "documentation": 0.5},
}

# Field-note passages by topic and stance, so a coded excerpt reads like evidence of its
# theme. A theme's topic is found from its code (see _topic).
PASSAGES: dict[tuple[str, str], tuple[str, ...]] = {
    ("socmed", "violation"): (
        "Beberapa staf kelurahan menyukai unggahan akun kampanye petahana di Facebook, "
        "bahkan ada yang membagikannya ke grup WhatsApp warga.",
        "Akun Instagram resmi kelurahan sempat memberi tanda suka pada foto deklarasi "
        "dukungan salah satu pasangan calon.",
        "Sejumlah ASN memasang bingkai foto (twibbon) pasangan calon di profil WhatsApp.",
    ),
    ("socmed", "neutrality"): (
        "Kami diingatkan untuk tidak menyukai atau membagikan unggahan peserta pemilihan.",
        "Admin akun resmi kecamatan hanya mengunggah informasi layanan dan jadwal "
        "pemungutan suara dari KPU.",
    ),
    ("pressure", "violation"): (
        "Ada arahan lisan dari atasan agar pegawai “mendukung program yang sudah berjalan” "
        "menjelang pemungutan suara.",
        "Kepala desa dikumpulkan di aula kecamatan dan diminta menyukseskan kunjungan "
        "petahana ke desa masing-masing.",
    ),
    ("pressure", "neutrality"): (
        "Informan menyatakan tidak pernah menerima arahan dari atasan terkait pilihan politik.",
        "Rapat staf membahas pelayanan, tidak ada pembicaraan tentang pasangan calon.",
    ),
    ("office", "violation"): (
        "Mobil dinas terlihat dipakai mengantar tim sukses ke acara silaturahmi di balai desa.",
        "Penyaluran bantuan program pemerintah daerah dibarengi stiker bergambar petahana.",
    ),
    ("office", "neutrality"): (
        "Ruang rapat kantor ditolak ketika diminta untuk pertemuan relawan pasangan calon.",
        "Penyaluran bantuan dilakukan tanpa atribut atau nama pasangan calon.",
    ),
    ("campaign", "violation"): (
        "Dua staf kecamatan hadir di deklarasi pasangan calon dan ikut berfoto dengan "
        "salam jari nomor urut.",
        "Spanduk pasangan calon terpasang di pagar kantor kelurahan selama sepekan.",
    ),
    ("campaign", "neutrality"): (
        "Tidak ada alat peraga kampanye di lingkungan kantor selama masa kampanye.",
        "Staf yang ditanya menyatakan tidak ikut grup kampanye mana pun.",
    ),
    ("neutral", "violation"): (
        "Belum ada sosialisasi aturan netralitas; sebagian staf tidak tahu bahwa menyukai "
        "unggahan calon pun dilarang.",
        "Dugaan pelanggaran yang diketahui pimpinan tidak dilaporkan ke Panwascam.",
    ),
    ("neutral", "neutrality"): (
        "Camat sudah mengedarkan surat edaran tentang netralitas ASN dan membacakannya "
        "dalam apel pagi.",
        "Pegawai yang kedapatan membagikan unggahan calon dipanggil dan diberi teguran tertulis.",
    ),
    ("", "unclear"): (
        "Informan tidak yakin apakah kegiatan tersebut termasuk kampanye atau sosialisasi "
        "program pemerintah.",
        "Ada kabar dari warga, tetapi belum ada bukti tangkapan layar.",
    ),
}
_TOPIC_WORDS = (
    ("socmed", ("socmed", "account", "online", "post")),
    ("pressure", ("pressure", "instruction", "mobilisation")),
    ("office", ("office", "facilit", "incumbent", "decision", "favour")),
    ("campaign", ("campaign", "candidate", "party", "partial")),
    ("neutral", ("neutral", "rule", "monitor", "report", "sanction")),
)


def _topic(theme: str) -> str:
    for topic, words in _TOPIC_WORDS:
        if any(word in theme for word in words):
            return topic
    return "neutral"


def passage(rng: random.Random, theme: str, stance: str) -> str:
    if stance == "unclear":
        return rng.choice(PASSAGES[("", "unclear")])
    return rng.choice(PASSAGES[(_topic(theme), stance)])


FIRST = ("Ahmad", "Siti", "Budi", "Dewi", "Rina", "Agus", "Yusuf", "Nur", "Hendra", "Lestari")
LAST = ("Saputra", "Rahmawati", "Hidayat", "Wibowo", "Kurniawan", "Nasution", "Siregar", "Putri")


SCREENSHOT_COLOURS = ((59, 89, 152), (225, 48, 108), (29, 161, 242), (37, 211, 102))


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    band = bytes((255, 255, 255)) * width
    rows = [
        b"\x00" + (band if 10 <= y < 22 or 40 <= y < 46 else bytes(rgb) * width)
        for y in range(height)
    ]
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )

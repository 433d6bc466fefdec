"""The redaction service: which names and numbers it replaces, by what, and what it leaves
alone (ordinary words, ids, hashes, choice codes)."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from neutralitas_desktop.fieldwork.redaction import Person, Redactor, handles_in, name_terms

PEOPLE = [
    Person("Siti Aminah", "INF-01"),
    Person("Siti Wulandari", "INF-02"),
    Person("Dra. Budi Santoso, M.Si.", "INF-03"),
    Person("Ani Lestari", "AL"),  # a researcher, by her initials
]


@pytest.fixture
def redact() -> Redactor:
    return Redactor(PEOPLE, handles=["@sitiaminah_asn"], protected={"ya", "tidak", "putri"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kata Siti Aminah kemarin", "Kata [INF-01] kemarin"),
        ("kata SITI   AMINAH kemarin", "kata [INF-01] kemarin"),  # any case, any spaces
        ("Bu Wulandari hadir", "Bu [INF-02] hadir"),
        ("Siti bilang begitu", "[nama] bilang begitu"),  # shared: never the other's code
        ("Pak Budi Santoso dan Santoso", "Pak [INF-03] dan [INF-03]"),  # titles are not names
        ("Aniaya bukan Ani", "Aniaya bukan [AL]"),  # word boundaries
        ("Siti Aminahwati", "[nama] Aminahwati"),
    ],
)
def test_names_become_the_right_code(redact: Redactor, text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "number",
    [
        "0812-3456-7890",
        "0812 3456 7890",
        "081234567890",
        "0812.3456.7890",
        "+62 812-3456-7890",
        "+6281234567890",
        "62 812 3456 7890",
        "6281234567890",
        "(022) 1234567",
        "+62 22 7654321",
        "(0812) 3456 7890",
        "+62 (812) 3456-7890",
        "0812-3456-789",
    ],
)
def test_indonesian_phone_numbers(redact: Redactor, number: str) -> None:
    assert redact(f"Hubungi {number}, ya.") == "Hubungi [telepon], ya."
    assert redact.counts["phone"] == 1


def test_email_nip_nik_and_handles(redact: Redactor) -> None:
    text = (
        "Email siti.aminah@mail.go.id; NIP 19850101 201001 1 001 atau 198501012010011001; "
        "NIK 3273010101850001; IG @sitiaminah_asn (sitiaminah_asn)"
    )
    assert redact(text) == ("Email [email]; NIP [NIP] atau [NIP]; NIK [NIK]; IG [akun] ([akun])")
    assert redact.summary() == [
        ("name", 0),
        ("phone", 0),
        ("email", 1),
        ("nip", 2),
        ("nik", 1),
        ("handle", 2),
    ]


def test_leaves_ordinary_text_ids_hashes_and_choice_codes(redact: Redactor) -> None:
    ids = [str(uuid.uuid4()) for _ in range(200)] + ["3fa2b1c4-0812-4567-8901-234567890abc"]
    hashes = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(200)]
    for text in [*ids, *hashes, "ya", "putri", "ya tidak", "2024-11-27", "Rp1500000", "09.30"]:
        assert redact(text) == text
    assert redact.total() == 0


def test_counts_repeat_texts_each_time(redact: Redactor) -> None:
    for _ in range(3):
        assert redact("Siti Aminah") == "[INF-01]"
    assert redact.counts["name"] == 3


def test_name_terms_and_handles_in_contact() -> None:
    assert name_terms("Hj. Siti Aminah binti Ahmad") == [
        "siti aminah ahmad",
        "siti",
        "aminah",
        "ahmad",
    ]
    assert handles_in("IG @sitiaminah_asn · tiktok.com/@siti.a · 0812") == [
        "sitiaminah_asn",
        "siti.a",
    ]

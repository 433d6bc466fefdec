"""Which provisions apply: by the study's election and by who acted (DOMAIN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from neutralitas_desktop.instruments.study_template import Theme, load_study_template
from neutralitas_desktop.vocabulary.law import (
    Provision,
    merge_basis,
    provisions_for,
    read_basis,
    store_basis,
    study_election,
)

FORMS = Path(__file__).resolve().parents[2] / "forms"


@pytest.fixture(scope="module")
def themes() -> dict[str, Theme]:
    return {t.code: t for t in load_study_template(FORMS).themes}


def _citations(provisions: tuple[Provision, ...]) -> str:
    return " | ".join(p.text() for p in provisions)


def test_a_pilkada_study_cites_the_pilkada_law_not_the_election_law(
    themes: dict[str, Theme],
) -> None:
    for theme in themes.values():
        text = _citations(provisions_for(theme, "pilkada"))
        assert "UU No. 7 Tahun 2017" not in text, theme.code
    pemilu = _citations(provisions_for(themes["village_mobilisation"], "pemilu"))
    assert "UU No. 7 Tahun 2017" in pemilu and "UU No. 1 Tahun 2015" not in pemilu
    both = _citations(provisions_for(themes["village_mobilisation"], "both"))
    assert "UU No. 7 Tahun 2017" in both and "UU No. 1 Tahun 2015" in both


def test_a_kepala_desa_in_a_pilkada_answers_to_the_village_law_and_pasal_71(
    themes: dict[str, Theme],
) -> None:
    found = provisions_for(themes["village_mobilisation"], "pilkada", "village_head")
    text = _citations(found)
    assert "UU No. 6 Tahun 2014 tentang Desa, Pasal 29 huruf g dan j" in text
    assert "Pasal 71 ayat (1)" in text and "Pasal 188" in text
    assert "Pasal 51" not in text  # that one binds perangkat desa
    assert "BKN" not in text and "KASN" not in text
    assert "Pasal 490" not in text  # the Election Law's, not a Pilkada's


def test_pasal_71_ayat_3_binds_the_incumbent_not_the_camat(themes: dict[str, Theme]) -> None:
    theme = themes["incumbent_programme"]
    camat = _citations(provisions_for(theme, "pilkada", "asn_official"))
    assert "Pasal 71 ayat (1)" in camat and "Pasal 71 ayat (3)" not in camat
    assert "PP No. 94 Tahun 2021" in camat and "Pejabat Pembina Kepegawaian" in camat
    incumbent = _citations(provisions_for(theme, "pilkada", "incumbent_head"))
    assert "Pasal 71 ayat (3)" in incumbent


def test_pasal_490_binds_only_the_kepala_desa(themes: dict[str, Theme]) -> None:
    theme = themes["village_mobilisation"]
    assert "Pasal 490" in _citations(provisions_for(theme, "pemilu", "village_head"))
    assert "Pasal 490 " not in _citations(provisions_for(theme, "pemilu", "village_official"))


def test_old_plain_citations_still_read_and_apply_to_every_election() -> None:
    @dataclass(frozen=True)
    class Old:
        legal_basis: tuple[Provision, ...]

    old = Old(read_basis(["UU No. 10 Tahun 2016, Pasal 71", {"regulation": "X", "pasal": "1"}]))
    assert [p.citation for p in provisions_for(old, "pilkada", "asn_staff")] == [
        "UU No. 10 Tahun 2016, Pasal 71",
        "X, Pasal 1",
    ]
    assert study_election({}) == "both" and study_election({"election": "pilkada"}) == "pilkada"


def test_text_lines_given_back_keep_the_structure_and_the_hidden_provisions(
    themes: dict[str, Theme],
) -> None:
    stored = store_basis(themes["village_mobilisation"].legal_basis)
    shown = [p.text() for p in provisions_for(themes["village_mobilisation"], "pilkada")]
    assert merge_basis(stored, shown, "pilkada") == stored
    changed = merge_basis(stored, [*shown[:1], "Perda No. 1 Tahun 2020"], "pilkada")
    provisions = read_basis(changed)
    assert any(p.elections == ("pemilu",) for p in provisions)  # not shown, not lost
    assert provisions[-1].citation == "Perda No. 1 Tahun 2020"
    assert len([p for p in provisions if "pilkada" in p.elections and p.binds]) == 1


def test_an_annex_is_cited_as_it_is_and_an_article_with_pasal() -> None:
    annex = Provision("SKB No. 2 Tahun 2022", pasal="Lampiran II (pelanggaran kode etik)")
    article = Provision("UU No. 6 Tahun 2014", pasal="29", huruf="j")
    assert annex.citation == "SKB No. 2 Tahun 2022, Lampiran II (pelanggaran kode etik)"
    assert article.citation == "UU No. 6 Tahun 2014, Pasal 29 huruf j"

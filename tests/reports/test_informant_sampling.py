"""Informant category (kunci / utama / pendukung) and how each was chosen, recorded with the
informant and shown in the workbook's Informants sheet and the summary PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.informants import (
    list_informants,
    record_named_consent,
    set_sampling,
)
from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.reports.pdf_summary import export_summary
from neutralitas_desktop.store.models import Informant


def test_category_and_selection_reach_the_workbook_and_the_pdf(
    demo_study: Any, tmp_path: Path
) -> None:
    first = list_informants(demo_study.db)[0]
    set_sampling(demo_study.db, demo_study.actor, first.id, "key", "snowball")
    with demo_study.db.session() as s:
        stored = s.scalars(select(Informant).where(Informant.id == first.id)).one()
        assert (stored.category, stored.selection) == ("key", "snowball")
    out = tmp_path / "export.xlsx"
    export_excel(demo_study.db, out)
    rows = list(openpyxl.load_workbook(out)["Informants"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(rows[0])}
    row = next(r for r in rows[1:] if r[col["informant_code"]] == first.code)
    assert (row[col["informant_category"]], row[col["selection_method"]]) == ("key", "snowball")
    pdf = export_summary(demo_study.db, tmp_path / "summary.pdf", lang="id")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert "Informan menurut kategori dan cara pemilihan" in text
    assert "Informan kunci" in text and "Snowball" in text


def test_an_unknown_category_is_refused_and_nothing_changes(demo_study: Any) -> None:
    first = list_informants(demo_study.db)[0]
    with pytest.raises(NeutralitasError, match="informant category 'chief' is not one of"):
        set_sampling(demo_study.db, demo_study.actor, first.id, "chief", "purposive")
    assert list_informants(demo_study.db)[0].category == first.category


def test_the_consent_to_be_named_reaches_the_workbook(demo_study: Any, tmp_path: Path) -> None:
    """The supervisor sees whom a case file may name, beside the consent to take part."""
    informants = [i for i in list_informants(demo_study.db) if i.consent_status == "given"]
    named, unnamed = informants[0], informants[1]
    record_named_consent(demo_study.db, demo_study.actor, named.id, True)
    out = tmp_path / "export.xlsx"
    export_excel(demo_study.db, out)
    rows = list(openpyxl.load_workbook(out)["Informants"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(rows[0])}
    by_code = {r[col["informant_code"]]: r[col["consent_named"]] for r in rows[1:]}
    assert (by_code[named.code], by_code[unnamed.code]) == (1, 0)
    dictionary = list(openpyxl.load_workbook(out)["Data dictionary"].iter_rows(values_only=True))
    assert any("consent_named" in row for row in dictionary)

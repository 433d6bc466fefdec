"""Forms > Import XLSForm… / Export as XLSForm… in the main window."""

from __future__ import annotations

from pathlib import Path

import pytest

from neutralitas_desktop.instruments.xlsform_import import import_xlsform

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "xlsform-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="XLSForm corpus not present")


def _record(monkeypatch: pytest.MonkeyPatch, actions, lenient: bool) -> dict[str, list]:  # type: ignore[no-untyped-def]
    seen: dict[str, list] = {"asked": [], "problems": [], "summaries": []}
    monkeypatch.setattr(actions, "ask_lenient", lambda p: seen["asked"].append(p) or lenient)
    monkeypatch.setattr(actions, "show_problems", lambda path, p: seen["problems"].append(p))
    monkeypatch.setattr(actions, "show_summary", lambda s: seen["summaries"].append(s))
    return seen


def test_forms_menu_offers_xlsform_import_and_export(window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.menus["Forms"].actions()]
    assert "Import XLSForm…" in texts and "Export as XLSForm…" in texts


@needs_corpus
def test_import_converts_after_asking_and_stores_the_form(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = _record(monkeypatch, window.xlsform, lenient=True)
    summary = window.xlsform.import_file(str(CORPUS / "geo.xlsx"))
    assert summary is not None and summary.created
    assert any("geopoint" in p for p in seen["asked"][0])
    assert any("converted to a text question" in c for c in summary.conversions)
    assert summary.form_id in {f.form_id for f in window.workspace.instruments()}


@needs_corpus
def test_refused_import_lists_problems_and_stores_nothing(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = _record(monkeypatch, window.xlsform, lenient=True)
    before = {f.id for f in window.workspace.instruments()}
    assert window.xlsform.import_file(str(CORPUS / "bad_calc.xlsx")) is None
    assert seen["asked"] == []  # nothing a conversion could fix
    assert "sheet survey, row 2, column calculation: unterminated string" in seen["problems"][0][0]
    assert {f.id for f in window.workspace.instruments()} == before


@needs_corpus
def test_declining_conversion_imports_nothing(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = _record(monkeypatch, window.xlsform, lenient=False)
    before = {f.id for f in window.workspace.instruments()}
    assert window.xlsform.import_file(str(CORPUS / "geo.xlsx")) is None
    assert seen["asked"] and seen["problems"]
    assert {f.id for f in window.workspace.instruments()} == before


def test_export_writes_a_workbook_that_imports_back(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    info = next(f for f in window.workspace.instruments() if f.form_id == "office-observation")
    out = tmp_path / "observasi.xlsx"
    assert window.xlsform.export_to(info.id, str(out))
    again = import_xlsform(out).instrument
    assert again.id == "office-observation" and len(again.questions()) == info.questions

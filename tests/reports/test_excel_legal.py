"""The workbook's legal analysis sheets read back with openpyxl: the demo's element tests of
the village head's incident and the study's legal materials, as the database holds them;
names left out of an anonymised export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from neutralitas_desktop.reports.excel import ExcelOptions, export_excel
from neutralitas_desktop.triangulation.incidents import get_incident
from neutralitas_desktop.triangulation.legal_analysis import list_element_tests, list_materials


def _table(ws: Any) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_element_tests_and_materials_in_their_sheets(demo_study: Any, tmp_path: Path) -> None:
    out = tmp_path / "export.xlsx"
    result = export_excel(demo_study.db, out)
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames
    assert names.index("Triangulation") < names.index("Legal analysis")
    assert names.index("Legal materials") < names.index("Audit trail")
    assert "Legal analysis" in result.sheets

    tests = list_element_tests(demo_study.db)
    assert len(tests) == 8  # the demo's village head: four elements of two articles
    rows = _table(wb["Legal analysis"])
    assert [(r["incident_id"], r["provision"], r["element"], r["verdict"]) for r in rows] == [
        (t.incident_id, t.provision, t.element, t.verdict) for t in tests
    ]
    incident = get_incident(demo_study.db, tests[0].incident_id)
    first = rows[0]
    assert first["actor_type"] == "village_head" and first["site"] == incident.site_name
    assert first["incident_date"].date() == incident.date_start
    assert first["provision"] == "UU No. 6 Tahun 2014 tentang Desa, Pasal 29 huruf g dan j"
    assert first["reasoning"] == tests[0].reasoning
    assert first["evidence"].split() == list(tests[0].evidence) != []
    assert first["recorded_by"] and isinstance(first["updated_at"], dt.datetime)
    assert [r["verdict"] for r in rows].count("unclear") == 1

    materials = _table(wb["Legal materials"])
    assert [(m["kind"], m["citation"]) for m in materials] == [
        (m.kind, m.citation) for m in list_materials(demo_study.db)
    ]
    assert {m["kind"] for m in materials} == {"primary", "secondary", "tertiary"}
    dictionary = _table(wb["Data dictionary"])
    verdict = next(
        d for d in dictionary if d["sheet"] == "Legal analysis" and d["column"] == "verdict"
    )
    assert "not_met = Tidak terpenuhi" in str(verdict["allowed_values"])


def test_an_anonymised_export_leaves_out_who_recorded_a_test(
    demo_study: Any, tmp_path: Path
) -> None:
    out = tmp_path / "anon.xlsx"
    export_excel(demo_study.db, out, ExcelOptions(anonymize=True))
    rows = _table(openpyxl.load_workbook(out)["Legal analysis"])
    assert len(rows) == 8 and {r["recorded_by"] for r in rows} == {None}

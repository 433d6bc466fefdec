"""The workbook's legal analysis sheets: each element test of an incident against an article
(*unsur pasal*) with its verdict, reasoning and evidence, one row per element, and the study's
legal materials (*bahan hukum*), one row per material."""

from __future__ import annotations

from neutralitas_desktop.reports.excel_cells import ColumnSpec, SheetWriter
from neutralitas_desktop.reports.queries import Scope
from neutralitas_desktop.store.database import Database
from neutralitas_desktop.triangulation.incidents import list_incidents
from neutralitas_desktop.triangulation.legal_analysis import list_element_tests, list_materials
from neutralitas_desktop.vocabulary import Element, ElementVerdict, MaterialKind
from neutralitas_desktop.vocabulary.labels import allowed_values


def element_test_columns(language: str) -> list[ColumnSpec]:
    return [
        ColumnSpec("incident_id", "the incident tested (see the Audit trail)", "key"),
        ColumnSpec("site", "where it happened", "text"),
        ColumnSpec("theme_code", "the incident's theme (Codebook sheet)", "key"),
        ColumnSpec("actor_type", "who acted (decides which law applies)", "text"),
        ColumnSpec("incident_date", "the day it happened (or began)", "date"),
        ColumnSpec(
            "provision", "the article tested: regulation, pasal, ayat, huruf", "text", width=48
        ),
        ColumnSpec(
            "element",
            "the element of the article (unsur pasal)",
            "text",
            allowed_values(Element, language),
        ),
        ColumnSpec(
            "verdict",
            "whether the incident meets the element",
            "text",
            allowed_values(ElementVerdict, language),
        ),
        ColumnSpec("reasoning", "why, as the researcher wrote it", "text", width=60),
        ColumnSpec("evidence", "ids of the incident's lines of evidence it rests on", "text"),
        ColumnSpec("recorded_by", "who recorded it (left out when anonymised)", "text"),
        ColumnSpec("updated_at", "when it was last changed (UTC)", "datetime"),
    ]


def material_columns(language: str) -> list[ColumnSpec]:
    return [
        ColumnSpec("material_id", "the legal material", "key"),
        ColumnSpec(
            "kind",
            "primary, secondary or tertiary legal material (bahan hukum)",
            "text",
            allowed_values(MaterialKind, language),
        ),
        ColumnSpec("citation", "the statute, book, article or reference work", "text", width=60),
        ColumnSpec("note", "which articles or pages, and why", "text", width=40),
    ]


def write_element_tests(sheet: SheetWriter, db: Database, scope: Scope, names: bool) -> None:
    """One row per element test, by incident, article and element; only incidents at the
    export's sites when it is filtered by site."""
    incidents = {
        i.id: i for i in list_incidents(db) if not scope.site_ids or i.site_id in scope.site_ids
    }
    sheet.header()
    for t in list_element_tests(db):
        incident = incidents.get(t.incident_id)
        if incident is None:
            continue
        sheet.write(
            (
                t.incident_id, incident.site_name, incident.theme_code, incident.actor_type,
                incident.date_start, t.provision, t.element, t.verdict, t.reasoning,
                " ".join(t.evidence), t.recorded_by if names else "", t.updated_at,
            )
        )  # fmt: skip
    sheet.finish()


def write_materials(sheet: SheetWriter, db: Database) -> None:
    sheet.header()
    for m in list_materials(db):
        sheet.write((m.id, m.kind, m.citation, m.note))
    sheet.finish()

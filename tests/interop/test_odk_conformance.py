"""Conformance with the ODK tools: every shipped form and every importable corpus form
exports to an XLSForm that pyxform converts (and ODK Validate accepts, where Java is
installed); data exports built from pyxform's XForm of a form, as ODK Central, Briefcase
and KoboToolbox write them, import with every value where it belongs."""

from __future__ import annotations

import csv
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from odk_fixtures import (
    central_zip,
    expected_answers,
    fill,
    form_tree,
    kobo_xlsx,
    odk_tables,
)
from sqlalchemy import select

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.fieldwork.answers import answer_history, session_answers
from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.instruments.model import Instrument
from neutralitas_desktop.instruments.toml_format import (
    instrument_from_toml_data,
    instrument_to_toml,
    load_instrument,
)
from neutralitas_desktop.instruments.xlsform_export import export_xlsform
from neutralitas_desktop.instruments.xlsform_import import import_xlsform
from neutralitas_desktop.interop.odk_submissions import import_odk_submissions
from neutralitas_desktop.paths import forms_dir
from neutralitas_desktop.store.models import FieldSession

pyxform = pytest.importorskip("pyxform")
from pyxform.xls2xform import convert  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "xlsform-corpus"
VALIDATE = shutil.which("java") is not None
SHIPPED = sorted(p.stem for p in forms_dir().glob("*.toml") if p.stem not in ("study", "codebook"))


def corpus_files() -> list[str]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [row["file"] for row in csv.DictReader(handle, delimiter="\t")]


def importable(path: Path) -> Instrument | None:
    for lenient in (False, True):
        try:
            return import_xlsform(path, lenient=lenient).instrument
        except InstrumentError:
            continue
    return None


def to_xform(instrument: Instrument, tmp_path: Path, validate: bool = VALIDATE) -> str:
    """pyxform's XForm of the exported workbook; ODK Validate raises on what ODK rejects."""
    out = tmp_path / f"{instrument.id}.xlsx"
    export_xlsform(instrument, out)
    warnings: list[str] = []
    xform = convert(xlsform=str(out), warnings=warnings, validate=validate).xform
    assert not [w for w in warnings if "machine-readable codes" in w], warnings
    return xform


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_forms_convert_with_pyxform(name: str, tmp_path: Path) -> None:
    instrument = load_instrument(forms_dir() / f"{name}.toml")
    xform = to_xform(instrument, tmp_path)
    assert f'id="{instrument.id}"' in xform
    if any(q.other for q in instrument.questions()):
        # "other" in both languages of the form, not pyxform's English-only or_other.
        assert "Lainnya" in xform and "Sebutkan lainnya" in xform


@pytest.mark.parametrize("name", corpus_files())
def test_importable_corpus_forms_convert_with_pyxform(name: str, tmp_path: Path) -> None:
    if not (CORPUS / name).exists():
        pytest.skip("XLSForm corpus not present")
    instrument = importable(CORPUS / name)
    if instrument is None:
        pytest.skip(f"{name} is refused by the import (its own test says why)")
    xform = to_xform(instrument, tmp_path)
    images = [img for cl in instrument.choice_lists.values() for c in cl.choices
              for img in c.media.values()]  # fmt: skip
    for image in images:
        assert f"jr://images/{image}" in xform
    if "public_key" in instrument.settings:
        assert "base64RsaPublicKey" in xform
    if "instance_name" in instrument.settings:
        assert "instanceName" in xform


def test_corpus_settings_and_choice_images_are_kept() -> None:
    if not CORPUS.is_dir():
        pytest.skip("XLSForm corpus not present")
    spec = importable(CORPUS / "xlsform_spec_test.xlsx")
    assert spec is not None
    assert {"public_key", "submission_url"} <= set(spec.settings)
    dated = importable(CORPUS / "xl_date_ambiguous_v1.xlsx")
    assert dated is not None and "instance_name" in dated.settings
    attributes = importable(CORPUS / "attribute_columns_test.xlsx")
    assert attributes is not None
    assert any(c.media for cl in attributes.choice_lists.values() for c in cl.choices)
    for form in (spec, dated, attributes):  # and through the TOML format (--out)
        toml = tomllib.loads(instrument_to_toml(form))
        assert instrument_from_toml_data(toml, "t").to_dict() == form.to_dict()


def test_trigger_and_uncoded_language_survive_export(tmp_path: Path) -> None:
    form = Instrument.from_dict(
        {
            "id": "pemicu", "version": "1", "title": {"bahasa": "Pemicu", "en": "Trigger"},
            "source_type": "observation", "languages": ["bahasa", "en"],
            "default_language": "bahasa",
            "children": [
                {"kind": "question", "name": "jumlah", "type": "integer",
                 "label": {"bahasa": "Jumlah", "en": "Count"}},
                {"kind": "question", "name": "dicatat", "type": "calculate",
                 "calculation": "now()", "trigger": "${jumlah}"},
            ],
        }
    )  # fmt: skip
    xform = to_xform(form, tmp_path)
    assert "xforms-value-changed" in xform  # the calculation runs when jumlah changes
    assert 'lang="bahasa (und)"' in xform
    again = import_xlsform(tmp_path / "pemicu.xlsx").instrument
    assert again.to_dict() == form.to_dict()
    toml = tomllib.loads(instrument_to_toml(form))
    assert instrument_from_toml_data(toml, "t").question("dicatat").trigger == "${jumlah}"


# ---- data exports from the XForm -----------------------------------------------------------

LONG_OUTER = "pegawai_yang_diwawancarai_di_kantor"
LONG_INNER = "akun_media_sosial_yang_diperiksa_pegawai"
NESTED = Instrument.from_dict(
    {
        "id": "kunjungan", "version": "1", "title": {"id": "Kunjungan", "en": "Visit"},
        "source_type": "observation", "languages": ["id", "en"], "default_language": "id",
        "choice_lists": {"platform": [
            {"name": "facebook", "label": {"id": "Facebook", "en": "Facebook"}},
            {"name": "instagram", "label": {"id": "Instagram", "en": "Instagram"}},
            {"name": "tiktok", "label": {"id": "TikTok", "en": "TikTok"}},
        ]},
        "children": [
            {"kind": "group", "name": "kantor", "label": {"id": "Kantor", "en": "Office"},
             "children": [
                {"kind": "question", "name": "tanggal", "type": "date", "label": {"id": "T"}},
                {"kind": "question", "name": "jam", "type": "time", "label": {"id": "J"}},
                {"kind": "question", "name": "waktu", "type": "datetime", "label": {"id": "W"}},
                {"kind": "question", "name": "staf", "type": "integer", "label": {"id": "S"}},
                {"kind": "question", "name": "skor", "type": "decimal", "label": {"id": "K"}},
                {"kind": "question", "name": "kutipan", "type": "long_text",
                 "label": {"id": "Q"}},
                {"kind": "question", "name": "spanduk", "type": "yes_no_na",
                 "label": {"id": "B"}},
             ]},
            {"kind": "group", "name": LONG_OUTER, "repeat": True, "label": {"id": "Pegawai"},
             "children": [
                {"kind": "question", "name": "jabatan", "type": "text", "label": {"id": "J"}},
                {"kind": "question", "name": "platform", "type": "select_multiple",
                 "choice_list": "platform", "label": {"id": "P"}},
                {"kind": "group", "name": LONG_INNER, "repeat": True, "label": {"id": "Akun"},
                 "children": [
                    {"kind": "question", "name": "akun", "type": "text", "label": {"id": "A"}},
                    {"kind": "question", "name": "dilihat", "type": "date",
                     "label": {"id": "D"}},
                 ]},
             ]},
        ],
    }
)  # fmt: skip


def _store(study: Any, instrument: Instrument) -> None:
    with study.db.session() as session:
        store_instrument(session, instrument, study.actor.device_id)


def _import(study: Any, instrument: Instrument, path: Path) -> Any:
    return import_odk_submissions(study.db, study.actor, instrument.id, path, site="Cisaga",
                                  source_role="asn_staff")  # fmt: skip


def _session_ids(study: Any) -> dict[str, str]:
    with study.db.session() as session:
        rows = session.execute(select(FieldSession.external_id, FieldSession.id)).all()
    return {external: sid for external, sid in rows if external}


def _forms() -> list[Instrument]:
    shipped = [load_instrument(forms_dir() / f"{name}.toml") for name in SHIPPED]
    return [NESTED, *shipped]


@pytest.mark.parametrize("instrument", _forms(), ids=lambda f: f.id)
def test_central_export_from_the_xform_lands_value_by_value(
    study: Any, tmp_path: Path, instrument: Instrument
) -> None:
    form_id, tree = form_tree(to_xform(instrument, tmp_path, validate=False))
    _store(study, instrument)
    rows = [(f"uuid:c{n}", fill(tree, "central", n)) for n in range(1, 4)]
    files = odk_tables(form_id, tree, rows, meta={"uuid:c2": {"ReviewState": "hasIssues"}})
    result = _import(study, instrument, central_zip(tmp_path / "central.zip", files))
    assert (result.added, result.warnings) == (3, [])
    ids = _session_ids(study)
    checked = sum(expected_answers(row, session_answers(study.db, ids[key])) for key, row in rows)
    assert checked > 0
    with study.db.session() as session:
        status = session.scalar(
            select(FieldSession.status).where(FieldSession.external_id == "uuid:c2")
        )
    assert status == "returned"


def test_central_edit_of_a_nested_form_appends_revisions(study: Any, tmp_path: Path) -> None:
    form_id, tree = form_tree(to_xform(NESTED, tmp_path, validate=False))
    _store(study, NESTED)
    first = fill(tree, "central", 1)
    v1 = odk_tables(form_id, tree, [("uuid:e1", first)])
    _import(study, NESTED, central_zip(tmp_path / "v1.zip", v1))
    edited = fill(tree, "central", 1)
    inner = edited.children[LONG_OUTER][1].children[LONG_INNER][0]
    path = next(p for p in inner.cells if p[-1] == "akun")
    inner.cells[path] = inner.expected["akun"] = 'diubah, "lagi"\nbaris'
    meta = {"uuid:e1": {"meta-instanceID": "uuid:e1-v2", "Edits": "1",
                        "ReviewState": "approved"}}  # fmt: skip
    v2 = odk_tables(form_id, tree, [("uuid:e1", edited)], meta=meta)
    result = _import(study, NESTED, central_zip(tmp_path / "v2.zip", v2))
    assert (result.added, result.edited, result.answers) == (0, 1, 1)
    sid = _session_ids(study)["uuid:e1"]
    answers = session_answers(study.db, sid)
    expected_answers(edited, answers)
    key = next(k for k, a in answers.items() if a.value == 'diubah, "lagi"\nbaris')
    assert [h.value for h in answer_history(study.db, sid, key)][-1] == 'diubah, "lagi"\nbaris'
    assert len(answer_history(study.db, sid, key)) == 2


def test_briefcase_export_with_locale_dates_lands(study: Any, tmp_path: Path) -> None:
    form_id, tree = form_tree(to_xform(NESTED, tmp_path, validate=False))
    _store(study, NESTED)
    rows = [(f"uuid:b{n}", fill(tree, "briefcase", n)) for n in range(1, 3)]
    folder = tmp_path / "briefcase"
    folder.mkdir()
    meta = {key: {"SubmissionDate": "Oct 5, 2024 3:12:45 PM"} for key, _ in rows}
    for name, data in odk_tables(form_id, tree, rows, meta=meta).items():
        (folder / name).write_bytes(data)
    result = _import(study, NESTED, folder / f"{form_id}.csv")
    assert (result.added, result.warnings) == (
        2,
        [
            f"{form_id}.csv: times such as 'Oct 5, 2024 3:12:45 PM' (column SubmissionDate) "
            "carry no time zone (ODK Briefcase writes the exporting computer's); session start "
            "and end are read as UTC"
        ],
    )
    ids = _session_ids(study)
    for key, row in rows:
        expected_answers(row, session_answers(study.db, ids[key]))


def test_kobo_xlsx_with_cut_sheet_names_lands(study: Any, tmp_path: Path) -> None:
    form_id, tree = form_tree(to_xform(NESTED, tmp_path, validate=False))
    _store(study, NESTED)
    rows = [(f"k{n}", fill(tree, "kobo", n), status) for n, status in
            ((1, "validation_status_approved"), (2, ""))]  # fmt: skip
    path = kobo_xlsx(tmp_path / "kobo.xlsx", form_id, tree, rows)
    result = _import(study, NESTED, path)
    assert (result.added, result.warnings) == (2, [])
    ids = _session_ids(study)
    for uuid, row, _ in rows:
        expected_answers(row, session_answers(study.db, ids[f"uuid:{uuid}"]))
    with study.db.session() as session:
        query = select(FieldSession.external_id, FieldSession.status)
        statuses = {external: status for external, status in session.execute(query).all()}
    assert statuses == {"uuid:k1": "approved", "uuid:k2": "completed"}

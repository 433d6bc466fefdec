"""Importing ODK Central / KoboToolbox data exports: answers match the export cell by cell,
a second import adds nothing, and a bad row stops the whole import with its location."""

from __future__ import annotations

import csv
import random
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.answers import session_answers
from neutralitas_desktop.fieldwork.instruments import store_instrument
from neutralitas_desktop.instruments.model import Group, Instrument, Question
from neutralitas_desktop.instruments.xlsform_import import import_xlsform
from neutralitas_desktop.interop.odk_submissions import (
    SubmissionImportError,
    import_odk_submissions,
)
from neutralitas_desktop.store.models import Attachment, FieldSession, Informant

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "xlsform-corpus"
UCL = CORPUS / "UCL_Biomass_Plot_Form.xlsx"
needs_corpus = pytest.mark.skipif(not UCL.exists(), reason="XLSForm corpus not present")


def store(study: Any, instrument: Instrument) -> str:
    with study.db.session() as session:
        row_id, _ = store_instrument(session, instrument, study.actor.device_id)
    return row_id


# ---- a KoboToolbox export written from the form itself -------------------------------


def _cell(rng: random.Random, instrument: Instrument, q: Question) -> Any:
    """A value as KoboToolbox writes it in its .xlsx export ("XML values and headers")."""
    choices = instrument.choices_for(q)
    names = [c.name for c in choices.choices] if choices else []
    if q.type == "integer":
        return rng.randint(0, 300)
    if q.type == "decimal":
        return rng.choice([1.5, 12.25, 30.0, 4.75])
    if q.type in ("select_one", "likert", "yes_no_na"):
        return rng.choice(names)
    if q.type == "select_multiple":
        return " ".join(sorted(rng.sample(names, 2), key=names.index))
    if q.type in ("note", "image", "file"):
        return None
    return rng.choice(["Kiwanja cha Aloyce", "mti mkubwa, karibu na mto", "-6.8 39.28 12 5"])


def _stored(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _paths(instrument: Instrument) -> dict[str, str]:
    """Kobo header of each question: its group path joined by '/'."""
    out: dict[str, str] = {}
    for parents, node in instrument.walk():
        out[node.name] = "/".join([*(p.name for p in parents), node.name])
    return out


def kobo_export(instrument: Instrument, path: Path, submissions: int, seed: int = 5) -> list[dict]:
    """Write a Kobo-style .xlsx: a main sheet, one sheet per repeat joined by _index /
    _parent_index / _parent_table_name, select_multiple as text plus 0/1 columns."""
    rng = random.Random(seed)
    paths = _paths(instrument)
    main_name = instrument.id[:31]
    sheets: dict[str, list[dict[str, Any]]] = {main_name: []}
    counters: dict[str, int] = {}

    def fill(nodes: tuple[Any, ...], table: str, row: dict[str, Any], expected: dict) -> None:
        for node in nodes:
            if isinstance(node, Group) and node.repeat:
                expected["repeats"][node.name] = []
                sheets.setdefault(node.name, [])
                for _ in range(rng.randint(1, 2)):
                    counters[node.name] = counters.get(node.name, 0) + 1
                    child = {
                        "_index": counters[node.name],
                        "_parent_index": row["_index"],
                        "_parent_table_name": table,
                        "_submission__uuid": expected["uuid"],
                    }
                    child_expected: dict[str, Any] = {
                        "values": {},
                        "repeats": {},
                        "uuid": expected["uuid"],
                    }
                    fill(node.children, node.name, child, child_expected)
                    sheets[node.name].append(child)
                    expected["repeats"][node.name].append(child_expected)
            elif isinstance(node, Group):
                fill(node.children, table, row, expected)
            else:
                value = _cell(rng, instrument, node)
                if value is None:
                    continue
                row[paths[node.name]] = value
                expected["values"][node.name] = _stored(value)
                if node.type == "select_multiple":
                    choices = instrument.choices_for(node)
                    assert choices is not None
                    for choice in choices.choices:
                        row[f"{paths[node.name]}/{choice.name}"] = int(
                            choice.name in str(value).split()
                        )

    expected_all = []
    for n in range(1, submissions + 1):
        uuid = f"5b2cbd3e-0a5c-4f6e-9c1b-{n:012d}"
        row: dict[str, Any] = {
            "start": f"2024-10-0{n % 9 + 1}T09:15:00.000+07:00",
            "end": f"2024-10-0{n % 9 + 1}T10:05:00.000+07:00",
            "_id": 1000 + n,
            "_uuid": uuid,
            "_submission_time": "2024-10-10T03:00:00",
            "_index": n,
            "__version__": "vX7aQWpGkfYfPnC",
        }
        expected: dict[str, Any] = {"values": {}, "repeats": {}, "uuid": uuid}
        fill(instrument.children, main_name, row, expected)
        sheets[main_name].append(row)
        expected_all.append(expected)

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        headers: list[str] = []
        for row in rows:
            headers += [h for h in row if h not in headers]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    workbook.save(path)
    return expected_all


def assert_answers_match(answers: dict[str, Any], expected: dict, prefix: str = "") -> int:
    """Every cell of the export is the current answer under its key; returns cells checked."""
    checked = 0
    for name, value in expected["values"].items():
        assert answers[prefix + name].value == value, prefix + name
        checked += 1
    for repeat, items in expected["repeats"].items():
        keys = answers[prefix + repeat].value.split()
        assert len(keys) == len(items)
        for key, item in zip(keys, items, strict=True):
            checked += assert_answers_match(answers, item, f"{prefix}{repeat}[{key}]/")
    return checked


def sessions_of(study: Any) -> dict[str, str]:
    with study.db.session() as session:
        rows = session.execute(select(FieldSession.external_id, FieldSession.id)).all()
    return {external: sid for external, sid in rows if external}


@needs_corpus
def test_kobo_export_of_a_corpus_form_imports_cell_by_cell_and_only_once(
    study: Any, tmp_path: Path
) -> None:
    instrument = import_xlsform(UCL, lenient=True).instrument
    store(study, instrument)
    data = tmp_path / "UCL_Biomass_Plot_Form_-_all_versions_-_2024-10-10.xlsx"
    expected = kobo_export(instrument, data, submissions=6)

    result = import_odk_submissions(
        study.db, study.actor, instrument.id, data, site="Kijiji Msasani", source_role="asn_staff"
    )
    assert (result.added, result.skipped) == (6, 0)
    by_uuid = sessions_of(study)
    checked = 0
    for submission in expected:
        session_id = by_uuid[f"uuid:{submission['uuid']}"]
        answers = session_answers(study.db, session_id)
        checked += assert_answers_match(answers, submission)
    assert checked == result.answers - sum(1 for s in expected for _ in _repeat_answers(s))
    nested = [i for s in expected for t in s["repeats"]["trees"] for i in t["repeats"]["stems"]]
    assert nested  # nested repeats (stems inside trees) came through

    again = import_odk_submissions(
        study.db, study.actor, instrument.id, data, site="Kijiji Msasani", source_role="asn_staff"
    )
    assert (again.added, again.skipped, again.answers) == (0, 6, 0)
    assert len(sessions_of(study)) == 6
    with study.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Informant)) == 6


def _repeat_answers(expected: dict) -> list[str]:
    """The repeat answers (lists of item keys) a submission adds besides its cells."""
    out = []
    for repeat, items in expected["repeats"].items():
        if items:
            out.append(repeat)
        for item in items:
            out += _repeat_answers(item)
    return out


@needs_corpus
def test_imported_sessions_are_completed_at_the_site_with_times(study: Any, tmp_path: Path) -> None:
    instrument = import_xlsform(UCL, lenient=True).instrument
    row_id = store(study, instrument)
    data = tmp_path / "kobo.xlsx"
    kobo_export(instrument, data, submissions=2)
    import_odk_submissions(
        study.db, study.actor, instrument.id, data, site="Kijiji Msasani", source_role="camat"
    )
    with study.db.session() as session:
        rows = session.scalars(select(FieldSession).order_by(FieldSession.external_id)).all()
        assert [r.status for r in rows] == ["completed", "completed"]
        assert {r.instrument_id for r in rows} == {row_id}
        assert {r.source_role for r in rows} == {"camat"}
        # start 2024-10-02T09:15+07:00 is 02:15 UTC
        assert rows[0].started_at.isoformat() == "2024-10-02T02:15:00"
        assert rows[0].ended_at.isoformat() == "2024-10-02T03:05:00"


# ---- an ODK Central export ---------------------------------------------------------------

FORM = Instrument.from_dict(
    {
        "id": "office_visit",
        "version": "3",
        "title": {"en": "Office visit"},
        "source_type": "observation",
        "languages": ["en"],
        "default_language": "en",
        "choice_lists": {
            "platform": [
                {"name": "facebook", "label": {"en": "Facebook"}},
                {"name": "instagram", "label": {"en": "Instagram"}},
                {"name": "tiktok", "label": {"en": "TikTok"}},
            ]
        },
        "children": [
            {
                "kind": "group",
                "name": "office",
                "children": [
                    {"kind": "question", "name": "staff", "type": "integer"},
                    {"kind": "question", "name": "visit_date", "type": "date"},
                    {"kind": "question", "name": "arrived", "type": "time"},
                    {"kind": "question", "name": "banner", "type": "yes_no_na"},
                ],
            },
            {
                "kind": "question",
                "name": "platforms",
                "type": "select_multiple",
                "choice_list": "platform",
                "other": True,
            },
            {
                "kind": "group",
                "name": "posts",
                "repeat": True,
                "children": [
                    {"kind": "question", "name": "post_text", "type": "long_text"},
                    {"kind": "question", "name": "post_shot", "type": "image"},
                ],
            },
        ],
    }
)

MAIN_HEADERS = [
    "SubmissionDate", "office-staff", "office-visit_date", "office-arrived", "office-banner",
    "platforms", "platforms_other", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
    "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID",
    "Edits", "FormVersion",
]  # fmt: skip
MAIN_ROWS = [
    ["2024-10-03T05:12:45.000Z", "12", "2024-10-03", "09:30:00.000+07:00", "yes",
     "facebook other", "WhatsApp group", "uuid:aaa", "uuid:aaa", "5", "enum1", "1", "1", "",
     "", "collect:x", "0", "3"],
    ["2024-10-04T05:12:45.000Z", "7", "2024-10-04", "10:00:00.000+07:00", "na",
     "tiktok", "", "uuid:bbb", "uuid:bbb", "5", "enum1", "0", "0", "", "", "collect:x", "0",
     "3"],
]  # fmt: skip
REPEAT_HEADERS = ["posts-post_text", "posts-post_shot", "PARENT_KEY", "KEY"]
REPEAT_ROWS = [
    ["Camat shares a candidate's post", "1728000000001.jpg", "uuid:aaa", "uuid:aaa/posts[1]"],
    ["Official account reposts", "", "uuid:aaa", "uuid:aaa/posts[2]"],
    ["Neutral notice", "", "uuid:bbb", "uuid:bbb/posts[1]"],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture
def central_zip(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    write_csv(folder / "office_visit.csv", MAIN_HEADERS, MAIN_ROWS)
    write_csv(folder / "office_visit-posts.csv", REPEAT_HEADERS, REPEAT_ROWS)
    path = tmp_path / "office_visit.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(folder / "office_visit.csv", "office_visit.csv")
        archive.write(folder / "office_visit-posts.csv", "office_visit-posts.csv")
        archive.writestr("media/1728000000001.jpg", b"\xff\xd8 a screenshot")
    return path


def test_odk_central_zip_with_repeats_and_media(study: Any, central_zip: Path) -> None:
    store(study, FORM)
    result = import_odk_submissions(
        study.db, study.actor, "office_visit", central_zip, site="Cisaga"
    )
    assert (result.added, result.skipped) == (2, 0)
    assert result.warnings == []
    ids = sessions_of(study)
    first = {k: a.value for k, a in session_answers(study.db, ids["uuid:aaa"]).items()}
    items = first["posts"].split()
    assert len(items) == 2
    with study.db.session() as session:
        shot = session.scalars(select(Attachment)).one()
        assert (shot.filename, shot.data) == ("1728000000001.jpg", b"\xff\xd8 a screenshot")
    assert first == {
        "staff": "12",
        "visit_date": "2024-10-03",
        "arrived": "09:30",
        "banner": "yes",
        "platforms": "facebook other",
        "platforms_other": "WhatsApp group",
        "posts": " ".join(items),
        f"posts[{items[0]}]/post_text": "Camat shares a candidate's post",
        f"posts[{items[0]}]/post_shot": shot.sha256,
        f"posts[{items[1]}]/post_text": "Official account reposts",
    }
    second = {k: a.value for k, a in session_answers(study.db, ids["uuid:bbb"]).items()}
    assert second["banner"] == "na" and second["platforms"] == "tiktok"
    assert (
        import_odk_submissions(
            study.db, study.actor, "office_visit", central_zip, site="Cisaga"
        ).added
        == 0
    )


def test_csv_beside_its_repeat_file(study: Any, tmp_path: Path) -> None:
    store(study, FORM)
    main = write_csv(tmp_path / "office_visit.csv", MAIN_HEADERS, MAIN_ROWS)
    write_csv(tmp_path / "office_visit-posts.csv", REPEAT_HEADERS, REPEAT_ROWS)
    result = import_odk_submissions(study.db, study.actor, "office_visit", main, site="Cisaga")
    assert (result.added, result.answers) == (2, 16)
    assert result.warnings == [
        "office_visit-posts.csv, row 2: attachment '1728000000001.jpg' is not in the export "
        "(download it with its media files); not imported"
    ]


def test_plain_headers_and_split_select_multiple(study: Any, tmp_path: Path) -> None:
    store(study, FORM)
    path = write_csv(
        tmp_path / "plain.csv",
        ["instanceID", "staff", "banner", "platforms/facebook", "platforms/instagram",
         "platforms/tiktok", "platforms/other", "platforms_other", "device_note"],
        [["uuid:ccc", "3", "no", "1", "0", "1", "0", "", "x"]],
    )  # fmt: skip
    result = import_odk_submissions(study.db, study.actor, "office_visit", path, site="Cisaga")
    answers = session_answers(study.db, sessions_of(study)["uuid:ccc"])
    assert {k: a.value for k, a in answers.items()} == {
        "staff": "3",
        "banner": "no",
        "platforms": "facebook tiktok",
    }
    assert result.warnings == [
        "plain.csv: this CSV export holds no data of the repeats posts; their answers were not "
        "imported (use ODK Central's zip with the repeat files, or KoboToolbox's .xlsx export)",
        "plain.csv: columns that match no question of 'office_visit' are not imported: device_note",
    ]


def test_bad_rows_are_all_reported_and_nothing_is_imported(study: Any, tmp_path: Path) -> None:
    store(study, FORM)
    rows = [list(r) for r in MAIN_ROWS]
    rows[0][1] = "twelve"  # staff
    rows[1][5] = "tiktok myspace"  # platforms
    rows[1][7] = "uuid:aaa"  # the same instanceID twice
    main = write_csv(tmp_path / "office_visit.csv", MAIN_HEADERS, rows)
    write_csv(
        tmp_path / "office_visit-posts.csv",
        REPEAT_HEADERS,
        [*REPEAT_ROWS, ["Orphan", "", "uuid:zzz", "uuid:zzz/posts[1]"]],
    )
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(study.db, study.actor, "office_visit", main, site="Cisaga")
    assert caught.value.problems == [
        "office_visit.csv, row 2, column office-staff: 'twelve' is not a whole number",
        "office_visit.csv, row 3, column platforms: 'myspace' is not a choice of 'platforms' "
        "(facebook, instagram, tiktok, other)",
        "office_visit.csv, row 3, column meta-instanceID: instanceID uuid:aaa is also on row 2",
        "office_visit-posts.csv, row 5: PARENT_KEY 'uuid:zzz' matches no row",
    ]
    assert "nothing was imported" in str(caught.value)
    assert sessions_of(study) == {}


def test_interview_needs_a_source_role(study: Any, tmp_path: Path) -> None:
    interview = Instrument.from_dict({**FORM.to_dict(), "source_type": "interview"})
    store(study, interview)
    main = write_csv(tmp_path / "office_visit.csv", MAIN_HEADERS, MAIN_ROWS)
    with pytest.raises(NeutralitasError, match="give the informants' role with --source-role"):
        import_odk_submissions(study.db, study.actor, "office_visit", main, site="Cisaga")
    with pytest.raises(NeutralitasError, match="unknown informant role 'mayor'"):
        import_odk_submissions(
            study.db, study.actor, "office_visit", main, site="Cisaga", source_role="mayor"
        )
    assert sessions_of(study) == {}


def test_export_with_labels_as_headers_is_refused(study: Any, tmp_path: Path) -> None:
    store(study, FORM)
    path = write_csv(tmp_path / "labels.csv", ["_uuid", "How many staff?"], [["ddd", "3"]])
    with pytest.raises(SubmissionImportError) as caught:
        import_odk_submissions(study.db, study.actor, "office_visit", path, site="Cisaga")
    assert caught.value.problems == [
        "labels.csv: no column matches a question of 'office_visit' (export with XML names as "
        "headers, not labels)"
    ]

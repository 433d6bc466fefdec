"""What an XLSForm holds for ODK beyond the app's model, read by the staged importer:
``trigger``, choice images, ODK settings, the exported "other" choice folded back, and
the bounds checked before the workbook is loaded."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.instruments.xlsform_import import import_xlsform

SURVEY = [
    ["type", "name", "label::English (en)", "label::Indonesian (id)", "calculation",
     "trigger", "relevant"],
    ["integer", "jumlah", "Count", "Jumlah", None, None, None],
    ["calculate", "dicatat", None, None, "now()", "${jumlah}", None],
    ["select_one unit_or_other", "unit", "Unit", "Unit", None, None, None],
    ["text", "unit_other", "Specify other", "Sebutkan lainnya", None, None,
     "selected(${unit}, 'other')"],
]  # fmt: skip
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Indonesian (id)",
     "image::English (en)", "media::image::Indonesian (id)"],
    ["unit", "desa", "Village", "Desa", "village.png", "desa.png"],
    ["unit", "kota", "Town", "Kota", None, None],
    ["unit_or_other", "desa", "Village", "Desa", "village.png", "desa.png"],
    ["unit_or_other", "kota", "Town", "Kota", None, None],
    ["unit_or_other", "other", "Other", "Lainnya", None, None],
]  # fmt: skip
SETTINGS = [
    ["form_id", "version", "instance_name", "public_key", "made_up_setting"],
    ["odk_cols", "3", "concat(${jumlah})", "MIIBIjAN", "x"],
]


def _workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_trigger_images_settings_and_other_are_read(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "odk_cols.xlsx", {"survey": SURVEY, "choices": CHOICES, "settings": SETTINGS}
    )
    result = import_xlsform(path)  # strict: nothing here is refused
    form = result.instrument
    assert form.question("dicatat").trigger == "${jumlah}"
    unit = form.question("unit")
    assert (unit.choice_list, unit.other) == ("unit", True)
    assert "unit_other" not in form.nodes_by_name()
    assert set(form.choice_lists) == {"unit"}
    desa = form.choice_lists["unit"].get("desa")
    assert desa is not None and desa.media == {"en": "village.png", "id": "desa.png"}
    assert form.settings == {"instance_name": "concat(${jumlah})", "public_key": "MIIBIjAN"}
    assert "sheet settings, column made_up_setting: setting 'made_up_setting' is not kept" in (
        result.warnings
    )
    assert not [w for w in result.warnings if "media columns" in w]


def test_oversized_sheet_is_refused_before_the_workbook_loads(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "big.xlsx", {"survey": SURVEY})
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b" " * (65 * 1024 * 1024) + b"</worksheet>")
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    with pytest.raises(NeutralitasError) as caught:
        import_xlsform(bomb)
    message = str(caught.value)
    assert message.startswith(f"{bomb}: member xl/worksheets/sheet1.xml would inflate to 65 MiB")
    assert message.endswith("nothing was read")

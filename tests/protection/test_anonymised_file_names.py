"""File names are typed text too: a screenshot saved as ``tangkapan_Sulistyowati_Pangaribuan_
0813-7788-2461.png`` on a phone keeps the informant's name and number between underscores.
What an anonymised output holds of it (the package's attachment row, the workbook's cell)
names nobody."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

from planted import NAME, PHONE, TEST_PROFILE, leaks, plant

from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.fieldwork.answers import save_answer
from neutralitas_desktop.fieldwork.attachments import store_attachment
from neutralitas_desktop.reports.excel import ExcelOptions, export_excel

FILE_NAME = f"tangkapan_{NAME.replace(' ', '_')}_{PHONE}.png"


def _payload(package: Path) -> bytes:
    data = package.read_bytes()
    start = len(container.MAGIC) + 4
    size = int.from_bytes(data[len(container.MAGIC) : start], "big")
    return zlib.decompress(data[start + size : -32])


def test_a_file_named_after_an_informant_is_renamed_in_anonymised_outputs(
    encrypted_study: Any, tmp_path: Path
) -> None:
    db, actor = encrypted_study.db, encrypted_study.actor
    sid = plant(db, actor, TEST_PROFILE, typed=False)
    shot = tmp_path / "phone" / FILE_NAME
    shot.parent.mkdir()
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    stored = store_attachment(db, actor, shot)
    save_answer(db, actor, sid, "d14_screenshot", stored.sha256)
    shot.unlink()

    package = tmp_path / "anon.ndpkg"
    write_package(db, actor, package, PackageOptions(anonymize=True))
    payload = _payload(package)
    assert leaks(payload) == []
    assert b"tangkapan_[INF-" in payload and b"_[telepon].png" in payload

    workbook = tmp_path / "anon.xlsx"
    export_excel(db, workbook, ExcelOptions(anonymize=True))
    with zipfile.ZipFile(workbook) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist())
    assert leaks(xml) == []
    assert b"tangkapan_[INF-" in xml

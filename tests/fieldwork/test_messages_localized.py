"""Errors a researcher can cause in the field app carry message ids, so the screens show
them in Indonesian (the CLI keeps the English line)."""

from __future__ import annotations

import pytest
from test_consent_change import PROFILE

from neutralitas_desktop.errors import NeutralitasError
from neutralitas_desktop.fieldwork.workspace import Workspace


def test_field_errors_in_indonesian(study, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace(study.db, study.actor, PROFILE)
    site = ws.add_site("Kelurahan Linggasari", "kelurahan")
    ws.create_informant(role="asn_staff", site_id=site.id, code="INF-07")
    with pytest.raises(NeutralitasError) as used:
        ws.create_informant(role="asn_staff", site_id=site.id, code="INF-07")
    assert str(used.value) == "informant code INF-07 is already used"
    assert used.value.localized("id") == "Kode informan INF-07 sudah dipakai"
    with pytest.raises(NeutralitasError) as nameless:
        ws.add_site("  ", "kelurahan")
    assert nameless.value.localized("id") == "Lokasi harus diberi nama"
    with pytest.raises(NeutralitasError) as unreadable:
        ws.store_attachment(tmp_path / "hilang.jpg")
    assert unreadable.value.localized("id").startswith("Tidak dapat membaca")
    assert "hilang.jpg" in unreadable.value.localized("id")

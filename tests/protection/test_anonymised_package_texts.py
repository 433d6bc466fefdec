"""Every free text a package carries goes through the redaction service when the package
is anonymised, also the reason the coders gave when they resolved a disagreement (typed
by the supervisor, so it may quote who said what)."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from planted import NAME, PHONE, TEST_PROFILE, leaks, plant

from neutralitas_desktop.exchange import container
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.fieldwork.answers import answer_id
from neutralitas_desktop.store.analysis_models import AgreementResolution
from neutralitas_desktop.store.models import Theme


def _payload(package: Path) -> bytes:
    data = package.read_bytes()
    start = len(container.MAGIC) + 4
    size = int.from_bytes(data[len(container.MAGIC) : start], "big")
    return zlib.decompress(data[start + size : -32])


def test_a_resolved_disagreement_s_reason_is_redacted(encrypted_study: Any, tmp_path: Path) -> None:
    db, actor = encrypted_study.db, encrypted_study.actor
    sid = plant(db, actor, TEST_PROFILE)
    with db.session() as s:
        theme = s.query(Theme).filter_by(code="socmed_engagement").one()
        s.add(
            AgreementResolution(
                id="00000000-0000-4000-8000-0000000000a1",
                answer_id=answer_id(sid, "b1_position"),
                theme_id=theme.id,
                applied=True,
                reason=f"Disepakati: {NAME} sendiri mengaku menyukai unggahan ({PHONE}).",
                resolver_id=actor.researcher_id,
                device_id=actor.device_id,
            )
        )
    package = tmp_path / "anon.ndpkg"
    write_package(db, actor, package, PackageOptions(anonymize=True))
    payload = _payload(package)
    assert leaks(payload) == []
    assert b"Disepakati: [INF-RP01] sendiri mengaku menyukai unggahan [telepon]" in payload

"""The study template loader refuses inconsistent templates with every problem named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.study_template import load_study_template

FORMS = Path(__file__).resolve().parents[2] / "forms"


def test_inconsistent_template_lists_every_problem(tmp_path: Path) -> None:
    for path in FORMS.glob("*.toml"):
        shutil.copy(path, tmp_path)
    study = (tmp_path / "study.toml").read_text(encoding="utf-8")
    study = study.replace("instruments = [", 'instruments = [\n    "office-observation.toml",', 1)
    study += (
        '\n[[roles]]\ncode = "camat"\nlabel = "Camat lagi"\n'
        '\n[[periods]]\ncode = "late"\nstart = 2024-12-01\nend = 2024-11-01\n'
        '\n[[periods]]\ncode = "nodates"\n'
    )
    (tmp_path / "study.toml").write_text(study, encoding="utf-8")
    with pytest.raises(InstrumentError) as exc:
        load_study_template(tmp_path)
    text = str(exc.value)
    assert str(tmp_path / "study.toml") in text
    assert "role 'camat': duplicate code" in text
    assert "instrument 'office-observation' is listed twice" in text
    assert "period 'late': ends (2024-11-01) before it starts (2024-12-01)" in text
    assert "needs a code and start and end dates" in text


def test_codebook_cycle_is_refused(tmp_path: Path) -> None:
    for path in FORMS.glob("*.toml"):
        shutil.copy(path, tmp_path)
    (tmp_path / "codebook.toml").write_text(
        '[[themes]]\ncode = "a"\nparent = "b"\nlabel = "A"\n'
        '[[themes]]\ncode = "b"\nparent = "a"\nlabel = "B"\n',
        encoding="utf-8",
    )
    with pytest.raises(InstrumentError, match="theme 'a': its parents form a cycle"):
        load_study_template(tmp_path)

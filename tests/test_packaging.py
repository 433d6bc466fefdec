"""A plain (non-editable) install must carry the shipped forms and resources."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_holds_forms_and_resources_and_runs(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("neutralitas_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "forms").glob("*.toml")}
    assert shipped and {f"neutralitas_desktop/{p}" for p in shipped} <= names
    assert any(n.startswith("neutralitas_desktop/resources/") for n in names)
    assert "neutralitas_desktop/store/migrations/versions/0001_initial_schema.py" in names
    # Install the wheel on its own (dependencies come from this environment) and use it.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "NEUTRALITAS_DATA_DIR": str(tmp_path / "d"),
        "NEUTRALITAS_STUDY_PASSPHRASE": "kopi pagi di Ciamis 2024",  # the default: encrypted
    }
    probe = (
        "import neutralitas_desktop.paths as p, sys; print(p.forms_dir()); "
        "from neutralitas_desktop.cli.main import main; sys.exit(main(['stats', '--json']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    first_line, rest = result.stdout.split("\n", 1)
    assert first_line.startswith(str(target))
    assert '"interview": 0' in rest
    study = tmp_path / "d" / "study.sqlite"  # the default study, made on first use
    assert study.exists() and not study.read_bytes().startswith(b"SQLite format 3")

"""Files and folders: owner-only permissions, temporary files in the app's private folder
removed when the operation ends, and what a killed run left removed at the next start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from planted import STUDY_PASSPHRASE, TEST_PROFILE, files_with_identities, plant

from neutralitas_desktop.cli.main import main
from neutralitas_desktop.exchange.merge import merge_files
from neutralitas_desktop.exchange.package import PackageOptions, write_package
from neutralitas_desktop.paths import data_dir
from neutralitas_desktop.private_tmp import clean_leftovers, operation, root
from neutralitas_desktop.reports.excel import export_excel
from neutralitas_desktop.store.database import open_database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_study_backups_packages_and_exports_are_owner_only(demo_study: Any, tmp_path: Path) -> None:
    new = open_database(tmp_path / "field" / "new.sqlite", create=True, passphrase=STUDY_PASSPHRASE)
    new.close()
    assert mode(tmp_path / "field") == 0o700 and mode(tmp_path / "field" / "new.sqlite") == 0o600
    assert mode(data_dir()) == 0o700
    package = tmp_path / "day1.ndpkg"
    write_package(demo_study.db, demo_study.actor, package)
    export_excel(demo_study.db, tmp_path / "out.xlsx")
    assert main(["--db", str(demo_study.path), "export", "pdf", str(tmp_path / "r.pdf"),
                 "--report", "summary"]) == 0  # fmt: skip
    for made in (package, tmp_path / "out.xlsx", tmp_path / "r.pdf"):
        assert mode(made) == 0o600, made
    # every operation's scratch folder is gone once it ended
    assert list(root().iterdir()) == []


def test_merge_staging_and_preview_hold_no_identity_in_clear(
    encrypted_study: Any, study: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(encrypted_study.db, encrypted_study.actor, TEST_PROFILE)
    package = tmp_path / "ids.ndpkg"
    options = PackageOptions(passphrase=STUDY_PASSPHRASE, include_identities=True)
    write_package(encrypted_study.db, encrypted_study.actor, package, options)
    seen: list[Path] = []
    import neutralitas_desktop.exchange.merge as merge

    real = merge.merge_packages

    def spy(db, actor, packages, **kw):  # type: ignore[no-untyped-def]
        # while the merge runs: every scratch file in the private folder is opaque
        seen.extend(p for p in root().rglob("*") if p.is_file())
        assert files_with_identities(root()) == []
        return real(db, actor, packages, **kw)

    monkeypatch.setattr(merge, "merge_packages", spy)
    merge_files(encrypted_study.db, encrypted_study.actor, [package], passphrase=STUDY_PASSPHRASE,
                dry_run=True)  # fmt: skip
    assert any(p.name == "package.sqlite" for p in seen)
    assert list(root().iterdir()) == []


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_leftovers_of_dead_processes_are_removed_at_the_next_start(study: Any) -> None:
    dead = root() / f"package-{_dead_pid()}-0badf00d"
    dead.mkdir()
    (dead / "package.sqlite").write_bytes(b"x" * 4096)
    with operation("export") as live:  # this process is running: left alone
        assert clean_leftovers() == 1
        assert live.exists() and not dead.exists()
        dead.mkdir()
        assert main(["--db", str(study.path), "stats"]) == 0  # the CLI cleans at its start
        assert not dead.exists() and live.exists()


def test_in_memory_databases_sort_in_memory_not_in_a_temporary_file(
    encrypted_study: Any, study: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package's contents and the search index live in memory; a large sort in them
    would spill to a temporary file in clear unless temp_store is MEMORY."""
    from neutralitas_desktop.store import cipher
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

    made: list[Any] = []
    real = cipher.in_memory

    def spy() -> Any:
        con = real()
        made.append(con.execute("PRAGMA temp_store").fetchone()[0])
        return con

    monkeypatch.setattr(cipher, "in_memory", spy)
    plant(encrypted_study.db, encrypted_study.actor, TEST_PROFILE)
    package = tmp_path / "ids.ndpkg"
    write_package(encrypted_study.db, encrypted_study.actor, package,
                  PackageOptions(passphrase=STUDY_PASSPHRASE))  # fmt: skip
    written = len(made)
    merge_files(study.db, study.actor, [package], passphrase=STUDY_PASSPHRASE, dry_run=True)
    read = len(made) - written
    TriangulationWorkbench(encrypted_study.db, encrypted_study.actor).search("kantor")
    searched = len(made) - written - read
    assert written >= 1 and read >= 1 and searched == 1
    assert made == [2] * len(made)  # 2: MEMORY

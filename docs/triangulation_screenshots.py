"""Render the triangulation screenshots in docs/screenshots/ from a fresh demo study.

    python docs/triangulation_screenshots.py [--language en|id]

Writes triangulation.png (the matrix with one cell's evidence) and codebook.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", default="en", choices=("en", "id"))
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="neutralitas-shots-") as tmp:
        os.environ["NEUTRALITAS_DATA_DIR"] = str(Path(tmp) / "userdata")
        return _render(Path(tmp), args.language, args.sessions)


def _render(tmp: Path, language: str, sessions: int) -> int:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from neutralitas_desktop.fieldwork.demo import generate_demo
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.study import open_study
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.theme import apply_theme
    from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel
    from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)  # type: ignore[arg-type]
    profile = LocalProfile("00000000-0000-4000-8000-00000000d0c5", "laptop-tim", "Tim Peneliti",
                           "TP", completed_first_run=True)  # fmt: skip
    db, actor = open_study(tmp / "demo.sqlite", profile, create=True)
    generate_demo(db, actor, sessions, seed=1)
    workbench = TriangulationWorkbench(db, actor)

    def settle() -> None:
        QThreadPool.globalInstance().waitForDone()
        for _ in range(3):
            app.processEvents()

    OUT.mkdir(exist_ok=True)
    matrix = TriangulationPanel(workbench, language)
    matrix.resize(1400, 900)
    matrix.show()
    settle()
    assert matrix.matrix is not None
    row = next(r for r in matrix.matrix.rows if r.verdict.kind == "diverging" and r.depth)
    column = row.verdict.decided_by[-1]
    matrix.table.setCurrentIndex(matrix.matrix_model.index_of(row.code, column))
    matrix.show_evidence(row.code, column)
    settle()
    matrix.grab().save(str(OUT / "triangulation.png"))
    codebook = CodebookPanel(workbench, language)
    codebook.resize(1300, 800)
    codebook.show()
    codebook.select("socmed_engagement")
    settle()
    codebook.grab().save(str(OUT / "codebook.png"))
    db.close()
    print(f"wrote {OUT / 'triangulation.png'} and {OUT / 'codebook.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

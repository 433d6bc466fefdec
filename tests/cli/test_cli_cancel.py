"""Long commands on the operation protocol: progress lines on a terminal, and Ctrl-C
asks the work to stop at a safe point, so the command ends with one line and exit 130,
nothing half-written."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from neutralitas_desktop.cli import export_commands, study_commands
from neutralitas_desktop.cli.main import main
from neutralitas_desktop.cli.operation import operation
from neutralitas_desktop.fieldwork.demo import generate_demo
from neutralitas_desktop.reports.excel import export_excel


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ctrl_c_at(step: int, real: Any) -> Any:
    """``real`` called as the command calls it, with a Ctrl-C when its progress reaches
    ``step``."""

    def interrupted(*args: Any) -> Any:
        *before, progress, cancel = args  # the commands pass (…, progress, cancel)
        pressed: list[int] = []

        def pressing(done: int, total: int, what: str = "", /) -> None:
            progress(done, total, what)
            if done >= step and not pressed:
                pressed.append(done)
                os.kill(os.getpid(), signal.SIGINT)

        return real(*before, pressing, cancel)

    return interrupted


def test_progress_lines_on_a_terminal_only() -> None:
    terminal = Terminal()
    with operation("excel", terminal) as running:
        running.progress(1, 4, "Jawaban")
        running.progress(4, 4)
    shown = terminal.getvalue()
    assert "excel: Jawaban 1/4" in shown and "excel: 4/4" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared when the command ends
    piped = io.StringIO()
    with operation("excel", piped) as running:
        running.progress(1, 4, "Jawaban")
    assert piped.getvalue() == ""


def test_ctrl_c_cancels_instead_of_interrupting_and_a_second_one_interrupts() -> None:
    out = io.StringIO()
    with operation("merge", out) as running:
        os.kill(os.getpid(), signal.SIGINT)
        assert running.cancel.cancelled
        assert "stopping" in out.getvalue()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_during_the_demo_adds_nothing_and_exits_130(
    study: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(study_commands, "generate_demo", _ctrl_c_at(5, generate_demo))
    code = main(["--db", str(study.path), "demo", "--sessions", "40"])
    err = capsys.readouterr().err
    assert code == 130
    assert err.strip().splitlines()[-1] == (
        "neutralitas: demo cancelled; 0 whole sessions were added before"
    )
    with study.db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM field_session")).scalar_one() == 0


def test_ctrl_c_during_an_excel_export_leaves_no_file(
    demo_study: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(export_commands, "export_excel", _ctrl_c_at(2, export_excel))
    out = tmp_path / "analysis.xlsx"
    code = main(["--db", str(demo_study.path), "export", "excel", str(out)])
    err = capsys.readouterr().err
    assert code == 130 and "cancelled" in err.splitlines()[-1]
    assert not out.exists() and list(tmp_path.glob("*.part")) == []

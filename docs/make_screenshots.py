"""Make the screenshots in docs/screenshots/ from fresh demo studies: the field app's
screens, the triangulation screens, and the first pages of the PDF reports (rendered with
poppler's pdftoppm). Re-run after changing a screen or a report:

    python docs/make_screenshots.py [--out docs/screenshots] [--language id|en]

Everything happens offscreen in a temporary folder; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 720)  # the smallest laptop screen the team meets


def _wait(app, seconds: float = 0.3, until: Callable[[], bool] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Let Qt (and worker threads) finish what they started."""
    deadline = time.monotonic() + (10 if until else seconds)
    while time.monotonic() < deadline:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.02)
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=("id", "en"), default="id")
    parser.add_argument("--only", choices=("triangulation",), help="only the analysis screens")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="neutralitas-shots-") as tmp:
        os.environ["NEUTRALITAS_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        if args.only == "triangulation":
            return _triangulation(Path(tmp), args.out, args.language)
        status = _shoot(Path(tmp), args.out, args.language)
        status = status or _triangulation(Path(tmp), args.out, args.language)
        status = status or _agreement(Path(tmp), args.out, args.language)
        status = status or _reports(Path(tmp), args.out, args.language)
        return status or _word(Path(tmp), args.out, args.language)


def _agreement(tmp: Path, out: Path, language: str) -> int:
    """The coder-agreement window on eight double-coded interviews, and a transcript
    window with its recording (an espeak-ng voice, when installed)."""
    import random
    import shutil
    import subprocess

    from PySide6.QtWidgets import QApplication

    from neutralitas_desktop.fieldwork.answers import save_answer
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.study import open_study, register_actor
    from neutralitas_desktop.triangulation import agreement
    from neutralitas_desktop.triangulation.coding import add_coding, codable_texts
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.triangulation.agreement_panel import AgreementPanel
    from neutralitas_desktop.ui.triangulation.transcript_window import TranscriptWindow

    app = QApplication.instance()
    db, actor = open_study(tmp / "analysis.sqlite", LocalProfile(
        "00000000-0000-4000-8000-00000000d0c6", "laptop-tim", "Tim Peneliti", "TP",
        completed_first_run=True))  # fmt: skip
    coders = [
        register_actor(db, LocalProfile(f"00000000-0000-4000-8000-00000000c0d{n}", f"laptop-{i}",
                                        name, i, completed_first_run=True))
        for n, (name, i) in enumerate((("Ani Lestari", "AL"), ("Budi Santoso", "BS")))
    ]  # fmt: skip
    sessions = agreement.sample_sessions(db, 8, seed=7, source_type="interview")
    agreement.assign(db, actor, sessions, ["Ani Lestari", "Budi Santoso"])
    rng = random.Random(3)
    themes = ("socmed_engagement", "campaign_support", "campaign_attendance")
    for sid in sessions:
        for text in codable_texts(db, sid):
            for theme in themes:
                first = rng.random() < 0.35
                second = first if rng.random() < 0.8 else not first
                for coder, applies in zip(coders, (first, second), strict=True):
                    if applies:
                        add_coding(db, coder, text.answer_id, theme, "violation",
                                   target=text.target)  # fmt: skip
    panel = AgreementPanel(TriangulationWorkbench(db, coders[0]), language)
    panel.resize(1200, 800)
    panel.show()
    _wait(app)
    panel.grab().save(str(out / "agreement.png"))
    panel.close()
    session = sessions[0]
    save_answer(db, actor, session, "a2_recording", "yes")
    window = TranscriptWindow(TriangulationWorkbench(db, actor), session)
    window.editor.setPlainText(
        "[00:00:01] P: Selamat pagi, Bapak. Apakah Bapak bersedia wawancara ini direkam?\n"
        "[00:00:06] I: Bersedia.\n"
        "[00:00:09] P: Apakah Bapak pernah diminta hadir di acara calon bupati?\n"
        "[00:00:14] I: Pernah, waktu deklarasi di lapangan kecamatan."
    )
    window.save()
    if shutil.which("espeak-ng"):
        wav = tmp / "wawancara-INF.wav"
        subprocess.run(["espeak-ng", "-v", "id", "-w", str(wav),
                        "Selamat pagi, Bapak. Apakah Bapak bersedia wawancara ini direkam?"],
                       check=True)  # fmt: skip
        window.attach(wav)
    window.resize(1000, 560)
    window.show()
    _wait(app, 1.0)
    window.grab().save(str(out / "transcript-window.png"))
    window.close()
    db.close()
    print(out / "agreement.png", out / "transcript-window.png", sep="\n")
    return 0


def _shoot(tmp: Path, out: Path, language: str) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget, QWizard

    from neutralitas_desktop.fieldwork.answers import save_answer
    from neutralitas_desktop.fieldwork.demo import generate_demo
    from neutralitas_desktop.fieldwork.instruments import get_instrument
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.workspace import open_workspace
    from neutralitas_desktop.instruments.form_state import encode_position
    from neutralitas_desktop.ui.first_run_dialog import FirstRunDialog
    from neutralitas_desktop.ui.main_window import MainWindow
    from neutralitas_desktop.ui.new_session_wizard import NewSessionWizard
    from neutralitas_desktop.ui.profile_state import ProfileState
    from neutralitas_desktop.ui.settings import UiSettings
    from neutralitas_desktop.ui.theme import apply_theme
    from neutralitas_desktop.ui.translations import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    translators = install_translators(app, language)
    profile = LocalProfile(
        "5c7e0d1a-0000-4000-8000-00000000d0c5",
        "Laptop tim Tasikmalaya 1",
        "Rina Kartika",
        "RK",
        language,
        True,
    )
    workspace = open_workspace(tmp / "studi.sqlite", profile, create=True)
    generate_demo(workspace.db, workspace.actor, 60, seed=7)
    settings = UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat))
    settings.language = language

    class Host:  # what app.py provides, enough for screenshots
        def open_study(self, path: str, create: bool):  # type: ignore[no-untyped-def]
            return open_workspace(path, profile, create=create)

        def update_profile(self, **changes: str) -> LocalProfile:
            return profile

        def change_language(self, language: str) -> None:
            pass

    made: list[str] = []

    def save(widget: QWidget, name: str) -> None:
        _wait(app)
        widget.grab().save(str(out / name))
        made.append(name)

    window = MainWindow(workspace, settings, Host())  # type: ignore[arg-type]
    window.resize(*SIZE)
    window.show()
    _wait(app)
    save(window, "main-window.png")

    window.navigator.show_tab("informants")
    window.navigator.informants.table.selectRow(2)
    save(window, "informants.png")
    window.navigator.show_tab("sessions")

    # the new-session wizard at its informant and consent steps
    wizard = NewSessionWizard(workspace, language, window)
    wizard.show()
    pages = [wizard.page(i) for i in wizard.pageIds()]
    pages[0].list.setCurrentRow(0)  # type: ignore[attr-defined]
    wizard.next()
    pages[1].list.setCurrentRow(0)  # type: ignore[attr-defined]
    wizard.next()
    pages[2].list.setCurrentRow(0)  # type: ignore[attr-defined]
    save(wizard, "new-session-informant.png")
    wizard.next()
    pages[3].given.setChecked(True)  # type: ignore[attr-defined]
    save(wizard, "new-session-consent.png")
    wizard.button(QWizard.WizardButton.CancelButton).click()

    # the runner on the long ASN staff interview, part-way through, with skip logic open
    iid, _ = get_instrument(workspace.db, "asn-staff-interview")
    site = workspace.sites()[0]
    informant = workspace.create_informant(role="asn_staff", site_id=site.id)
    sid = workspace.begin_session(
        instrument_id=iid,
        site_id=site.id,
        informant_id=informant.id,
        consent="given",
        language=language,
    ).session_id
    answers = {
        "a2_recording": "yes",
        "b1_position": "Kepala Seksi Pemerintahan",
        "b2_unit": "kecamatan",
        "b3_asn_status": "pns",
        "b4_years_service": "12",
        "b5_platforms_used": "facebook whatsapp",
        "c1_socialised": "yes",
        "c2_socialisation_forms": "circular assembly",
        "c3_knows_like_prohibited": "yes",
        "c4_understands_limits": "4",
        "d1_liked": "yes",
        "d2_commented": "no",
        "d3_shared": "no",
    }
    for key, value in answers.items():
        save_answer(workspace.db, workspace.actor, sid, key, value)
    save_answer(
        workspace.db,
        workspace.actor,
        sid,
        "d1_liked",
        "yes",
        "Informan tersenyum, lalu menyebut 'hanya sekali, tidak sengaja'.",
    )
    writer = workspace.writer()
    writer.submit_position(sid, encode_position("d_socmed"))
    writer.close()
    window.open_session(sid)
    runner = window.runner
    assert runner is not None
    runner.state.revealed.update({0, 1, 2})
    runner.current_page().refresh()
    runner._update_chrome()
    save(window, "runner.png")
    runner.request_close()

    first = FirstRunDialog(ProfileState(language, "Rina Kartika", "RK", "Laptop tim Tasikmalaya 1"))
    first.show()
    save(first, "first-run.png")
    first.close()
    window.close()
    workspace.close()
    del translators
    print("\n".join(str(out / name) for name in made))
    return 0


def _triangulation(tmp: Path, out: Path, language: str) -> int:
    """The matrix of incidents with one cell's incidents, the site × theme display, the
    incident view of a corroborated incident, the legal analysis of the village head's
    incident, and the codebook."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from neutralitas_desktop.fieldwork.demo import generate_demo
    from neutralitas_desktop.fieldwork.profile import LocalProfile
    from neutralitas_desktop.fieldwork.study import open_study
    from neutralitas_desktop.triangulation.demo_incidents import add_demo_incidents
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.theme import apply_theme
    from neutralitas_desktop.ui.translations import install_translators
    from neutralitas_desktop.ui.triangulation.codebook_panel import CodebookPanel
    from neutralitas_desktop.ui.triangulation.incident_view import IncidentDialog
    from neutralitas_desktop.ui.triangulation.legal_analysis_dialog import LegalAnalysisDialog
    from neutralitas_desktop.ui.triangulation.matrix_panel import TriangulationPanel
    from neutralitas_desktop.ui.triangulation.search_panel import SearchPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app)
    translators = install_translators(app, language)
    profile = LocalProfile("00000000-0000-4000-8000-00000000d0c6", "laptop-tim", "Tim Peneliti",
                           "TP", completed_first_run=True)  # fmt: skip
    db, actor = open_study(tmp / "analysis.sqlite", profile, create=True)
    generate_demo(db, actor, 200, seed=1)
    add_demo_incidents(db, actor, seed=1)
    workbench = TriangulationWorkbench(db, actor)

    def settle() -> None:
        QThreadPool.globalInstance().waitForDone()
        _wait(app)

    matrix = TriangulationPanel(workbench, language)
    matrix.resize(*SIZE)
    matrix.show()
    settle()
    assert matrix.matrix is not None
    row = next(r for r in matrix.matrix.rows if r.conclusion.kind == "corroborated" and r.depth)
    column = row.conclusion.decided_by[0]
    matrix.table.setCurrentIndex(matrix.matrix_model.index_of(row.code, column))
    matrix.show_evidence(row.code, column)
    settle()
    matrix.grab().save(str(out / "triangulation.png"))
    matrix.set_grouping("site")
    settle()
    sites = matrix.matrix
    assert sites is not None
    matrix.show_evidence(row.code, sites.columns[0].key)
    settle()
    matrix.grab().save(str(out / "site-theme.png"))
    incident = next(i for i in workbench.incidents() if i.corroboration == "corroborated"
                    and len(i.lines) > 2)  # fmt: skip
    from neutralitas_desktop.reports.service import ReportService

    dialog = IncidentDialog(workbench, incident.id, language, reports=ReportService(db))
    dialog.resize(1100, 620)
    dialog.show()
    settle()
    dialog.grab().save(str(out / "incident.png"))
    dialog.close()
    tested = next(i for i in workbench.incidents() if workbench.legal_analysis(i.id).tests)
    legal = LegalAnalysisDialog(workbench, tested)
    legal.resize(1100, 560)
    legal.show()
    settle()
    legal.grab().save(str(out / "legal-analysis.png"))
    legal.close()
    matrix.set_grouping("source")  # the widest grouping: one column per informant role
    settle()
    matrix.show_evidence(row.code, None)  # the whole row's incidents
    settle()
    matrix.grab().save(str(out / "triangulation-by-source.png"))
    search = SearchPanel(workbench, language)
    search.resize(*SIZE)
    search.show()
    search.query.setText("kampanye")
    search.search()
    settle()
    search.grab().save(str(out / "search.png"))
    search.close()
    codebook = CodebookPanel(workbench, language)
    codebook.resize(*SIZE)
    codebook.show()
    codebook.select("socmed_engagement")
    settle()
    codebook.grab().save(str(out / "codebook.png"))
    from neutralitas_desktop.ui.operation_runner import stop_all

    stop_all()  # the matrix's and the search's background reads end before the study closes
    matrix.close()
    codebook.close()
    db.close()
    del translators
    names = (
        "triangulation.png",
        "triangulation-by-source.png",
        "site-theme.png",
        "incident.png",
        "legal-analysis.png",
        "search.png",
        "codebook.png",
    )
    print("\n".join(str(out / name) for name in names))
    return 0


def _reports(tmp: Path, out: Path, language: str) -> int:
    """First pages of the study summary (and its matrix page), a transcript and a blank form."""
    import shutil
    import subprocess

    from pypdf import PdfReader

    from neutralitas_desktop.cli.main import main as cli
    from neutralitas_desktop.fieldwork.sessions import list_sessions
    from neutralitas_desktop.store.database import open_database

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (Debian: poppler-utils): report pages not rendered")
        return 1
    study = tmp / "analysis.sqlite"
    db = open_database(study)
    session = next(r for r in list_sessions(db) if r.status == "approved" and r.informant_code)
    db.close()
    reports = {
        "report-summary": ["--report", "summary"],
        "report-session": ["--report", "session", session.id],
        "report-blank": ["--report", "blank", "asn-staff-interview"],
    }
    for name, report in reports.items():
        pdf = tmp / f"{name}.pdf"
        if cli(["--db", str(study), "export", "pdf", str(pdf), *report, "--lang", language]):
            return 1
        pages = {name: 1}
        if name == "report-summary":
            texts = [page.extract_text() or "" for page in PdfReader(pdf).pages]
            heading = "Matriks triangulasi" if language == "id" else "Triangulation matrix"
            pages["report-summary-matrix"] = next(
                i for i, text in enumerate(texts, 1) if i > 2 and heading in text
            )
        for image, page in pages.items():
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                 "-singlefile", str(pdf), str(out / image)],
                check=True,
            )  # fmt: skip
            print(out / f"{image}.png")
    return _casefile(study, tmp, out, language)


def _casefile(study: Path, tmp: Path, out: Path, language: str) -> int:
    """The first page of a village head's case file, as handed to Panwascam."""
    import subprocess

    from neutralitas_desktop.cli.main import main as cli
    from neutralitas_desktop.store.database import open_database
    from neutralitas_desktop.triangulation.incidents import list_incidents

    db = open_database(study)
    incident = next(i for i in list_incidents(db) if i.actor_type == "village_head")
    db.close()
    pdf = tmp / "casefile.pdf"
    if cli(["--db", str(study), "casefile", incident.id, str(pdf), "--lang", language]):
        return 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(out / "casefile-first-page")],
        check=True,
    )  # fmt: skip
    print(out / "casefile-first-page.png")
    return 0


def _word(tmp: Path, out: Path, language: str) -> int:
    """The first page of each Word document, rendered by LibreOffice (skipped without it),
    from a demo study with a transcript imported and a passage of it coded."""
    import shutil
    import subprocess

    import docx
    from pypdf import PdfReader

    from neutralitas_desktop.cli.main import main as cli
    from neutralitas_desktop.fieldwork.sessions import list_sessions
    from neutralitas_desktop.store.database import open_database

    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("soffice or pdftoppm not found: Word pages not rendered")
        return 0
    study = tmp / "word.sqlite"
    if cli(["--db", str(study), "init", "--unencrypted"]) or cli(
        ["--db", str(study), "demo", "--sessions", "40"]
    ):
        return 1
    db = open_database(study)
    session = next(r for r in list_sessions(db) if r.status == "approved" and r.informant_code)
    db.close()
    transcript = docx.Document()
    for line in (
        "[00:00:05] P: Apakah Bapak pernah diminta hadir di acara calon bupati?",
        "I: [00:00:14] Pernah, waktu deklarasi di lapangan kecamatan. Kami diminta datang.",
        "[00:01:02] P: Siapa yang meminta?",
        "I: [00:01:09] Lewat grup WhatsApp kantor, katanya dari atasan.",
    ):
        transcript.add_paragraph(line)
    source = tmp / "transkrip.docx"
    transcript.save(str(source))
    if cli(["--db", str(study), "transcript", "import", session.id, str(source)]):
        return 1
    for report in ("findings", "transcripts", "codebook"):
        target = tmp / f"docx-{report}.docx"
        if cli(["--db", str(study), "export", "docx", str(target), "--report", report,
                "--lang", language]):  # fmt: skip
            return 1
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp), str(target)],
            check=True, capture_output=True,
        )  # fmt: skip
        pdf = target.with_suffix(".pdf")
        page = 1
        if report == "transcripts":  # the page of the imported transcript
            pages = [p.extract_text() or "" for p in PdfReader(pdf).pages]
            page = next(i for i, text in enumerate(pages, 1) if "deklarasi di lapangan" in text)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(out / f"docx-{report}")],
            check=True,
        )  # fmt: skip
        print(out / f"docx-{report}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`neutralitas-desktop [PATH]`: the GUI's composition root. It sets up Qt, the
translations and the theme, loads this laptop's profile (first-run dialog when new),
opens the study (asking for its passphrase) and hands the services to the main window.
Nothing else holds them. It also locks an encrypted study after a while without use."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from neutralitas_desktop import APP_NAME, __version__
from neutralitas_desktop.errors import NeutralitasError, PassphraseRequiredError
from neutralitas_desktop.fieldwork.profile import LocalProfile, load_profile, save_profile
from neutralitas_desktop.passphrase_rule import STUDY_PASSPHRASE_ENV
from neutralitas_desktop.paths import default_database
from neutralitas_desktop.private_tmp import clean_leftovers
from neutralitas_desktop.ui.binding_check import binding_problem
from neutralitas_desktop.ui.dialogs import confirm, show_error
from neutralitas_desktop.ui.first_paint import when_painted
from neutralitas_desktop.ui.idle_lock import IdleLock
from neutralitas_desktop.ui.main_window import MainWindow
from neutralitas_desktop.ui.passphrase_state import NewPassphraseState
from neutralitas_desktop.ui.profile_state import ProfileState
from neutralitas_desktop.ui.settings import UiSettings
from neutralitas_desktop.ui.theme import apply_theme
from neutralitas_desktop.ui.translations import install_translators

if TYPE_CHECKING:  # loaded when first used: the window paints before the store is loaded
    from neutralitas_desktop.exchange.results import PackageResult
    from neutralitas_desktop.exchange.service import ExchangeService
    from neutralitas_desktop.fieldwork.workspace import Workspace
    from neutralitas_desktop.interop.service import InteropService
    from neutralitas_desktop.reports.service import ReportService
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench
    from neutralitas_desktop.ui.join_state import JoinState

# Set by the startup benchmark: print the wall-clock time of the first paint, then quit.
STARTUP_PROBE_ENV = "NEUTRALITAS_STARTUP_PROBE"
# Set by the crash test: a JSON script of keystrokes typed into the runner (ui/scripted_input).
SCRIPTED_INPUT_ENV = "NEUTRALITAS_SCRIPTED_INPUT"


class Application:
    """The AppHost of the windows: owns the profile, the open study and the translators."""

    def __init__(self, app: QApplication, settings: UiSettings, profile: LocalProfile) -> None:
        self.app = app
        self.settings = settings
        self.profile = profile
        self.translators: list[QTranslator] = install_translators(app, profile.ui_language)
        self.window: MainWindow | None = None
        self.workspace: Workspace | None = None
        self.idle: IdleLock | None = None
        self.new_passphrase: NewPassphraseState | None = None  # chosen at the first run
        self.started_study = False  # the first run started a new study: offer its hand-out
        self._known: dict[str, str] = {}  # passphrases just set, not to be asked again

    # ---- AppHost -------------------------------------------------------------------
    def open_study(self, path: str, create: bool) -> Workspace:
        from neutralitas_desktop.fieldwork.workspace import open_workspace

        workspace = open_workspace(
            path, self.profile, create=create, passphrase=self._passphrase_for
        )
        self.workspace = workspace
        shown = str(workspace.path or path)
        self.settings.add_recent_study(shown)
        self.settings.last_study = shown
        return workspace

    def join_study(self, path: str, join: JoinState) -> None:
        """Create the study at ``path`` from the supervisor's hand-out package (asking for
        the new file's passphrase); the study is then opened with ``open_study``."""
        from neutralitas_desktop.exchange.merge import join_study

        assert join.origin is not None
        target = Path(path).expanduser()
        secret = self._passphrase_for(target, True)
        join_study(
            target,
            self.profile,
            [join.origin.path],
            passphrase=join.package_passphrase or None,
            study_passphrase=secret,
        )
        if secret:
            self._known[str(target)] = secret

    def make_handout(self, workspace: Workspace, out: Path) -> PackageResult:
        """The hand-out: the whole study in a package this (the supervisor's) laptop signs;
        each researcher's laptop joins the study from it."""
        return self.exchange_service(workspace).write_package(out)

    def offer_handout(self, workspace: Workspace) -> PackageResult | None:
        """After the first run started a new study: make its hand-out now?"""
        from PySide6.QtWidgets import QFileDialog

        if not confirm(
            self.window,
            QCoreApplication.translate("Application", "Make the hand-out package?"),
            QCoreApplication.translate(
                "Application",
                "This laptop holds the new study and is its supervisor. Each researcher's "
                "laptop joins the study from a hand-out package this laptop signs. Make it "
                "now? (Later: File › Export field package…)",
            ),
            QCoreApplication.translate("Application", "Make the hand-out…"),
            QCoreApplication.translate("Application", "Later"),
        ):
            return None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("Application", "Save the hand-out package"),
            str(Path.home() / "studi.ndpkg"),
            "Field packages (*.ndpkg);;All files (*)",
        )
        if not chosen:
            return None
        try:
            result = self.make_handout(workspace, Path(chosen))
        except NeutralitasError as exc:
            show_error(self.window, exc)
            return None
        if self.window is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("Application", "Hand-out written: %1").replace(
                    "%1", str(result.path)
                )
            )
        return result

    def update_profile(
        self, *, researcher_name: str, researcher_initials: str, device_name: str
    ) -> LocalProfile:
        self.profile = dataclasses.replace(
            self.profile,
            researcher_name=researcher_name,
            researcher_initials=researcher_initials,
            device_name=device_name,
        )
        save_profile(self.profile)
        if self.workspace is not None:
            self.workspace.update_profile(self.profile)
        return self.profile

    def report_service(self, workspace: Workspace) -> ReportService:
        from neutralitas_desktop.reports.service import ReportService

        return ReportService(workspace.db)

    def triangulation(self, workspace: Workspace) -> TriangulationWorkbench:
        from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

        return TriangulationWorkbench(workspace.db, workspace.actor)

    def interop_service(self, workspace: Workspace) -> InteropService:
        from neutralitas_desktop.interop.service import InteropService

        return InteropService(workspace.db, workspace.actor)

    def exchange_service(self, workspace: Workspace) -> ExchangeService:
        from neutralitas_desktop.exchange.service import ExchangeService

        return ExchangeService(workspace.db, workspace.actor)

    def change_language(self, language: str) -> None:
        self.profile = dataclasses.replace(self.profile, ui_language=language)
        save_profile(self.profile)
        self.settings.language = language
        self.translators = install_translators(self.app, language, self.translators)
        old = self.window
        if old is None or self.workspace is None:
            return
        session = old.runner.state.session_id if old.runner is not None else ""
        if not old.close_runner():
            return
        old.hide()
        old.deleteLater()
        self.show_window(self.workspace)
        if session and self.window is not None:
            self.window.open_session(session)

    # ---- the study's passphrase ------------------------------------------------------
    def _passphrase_for(self, path: Path, creating: bool) -> str | None:
        """Asked by the store when the study is encrypted (or about to be created)."""
        if os.environ.get(STUDY_PASSPHRASE_ENV):
            return os.environ[STUDY_PASSPHRASE_ENV]
        if str(path) in self._known:
            return self._known.pop(str(path))
        if creating:
            if self.new_passphrase is not None:  # chosen in the first-run dialog
                chosen, self.new_passphrase = self.new_passphrase, None
                return chosen.chosen
            return self._ask_new_passphrase(str(path), allow_unencrypted=True)
        from neutralitas_desktop.store import cipher
        from neutralitas_desktop.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(str(path), lambda typed: cipher.is_key_of(path, typed))
        if not dialog.exec():
            raise PassphraseRequiredError(f"{path} is encrypted: it stays closed")
        return dialog.passphrase

    def _ask_new_passphrase(self, study: str, *, allow_unencrypted: bool) -> str | None:
        from neutralitas_desktop.ui.new_passphrase_dialog import NewPassphraseDialog

        state = NewPassphraseState(allow_unencrypted=allow_unencrypted)
        if not NewPassphraseDialog(state, study, self.window).exec():
            raise PassphraseRequiredError(f"no passphrase chosen for {study}; nothing was done")
        return state.chosen

    def offer_encryption(self, workspace: Workspace) -> Workspace:
        """Offer to encrypt a plain study file (once per study: a refusal is remembered)."""
        path = workspace.path
        if path is None or workspace.encrypted or str(path) in self.settings.plain_studies:
            return workspace
        if not confirm(
            self.window,
            QCoreApplication.translate("Application", "Encrypt this study?"),
            QCoreApplication.translate(
                "Application",
                "This study file is not encrypted: anyone who gets this laptop or a copy of "
                "the file can read every answer and every informant's name. Encrypt it now "
                "with a passphrase?",
            ),
            QCoreApplication.translate("Application", "Encrypt"),
            QCoreApplication.translate("Application", "Keep it unencrypted"),
        ):
            self.settings.keep_plain(str(path))
            return workspace
        try:
            passphrase = self._ask_new_passphrase(str(path), allow_unencrypted=False)
        except PassphraseRequiredError:
            return workspace
        assert passphrase is not None
        from neutralitas_desktop.store.conversion import encrypt_study

        workspace.close()
        try:
            encrypt_study(path, passphrase)
        finally:
            self._known[str(path)] = passphrase
            workspace = self.open_study(str(path), False)
        return workspace

    # ---- the idle lock ---------------------------------------------------------------
    def start_idle_lock(self, check_ms: int | None = None) -> IdleLock:
        idle = IdleLock(
            self.app,
            lambda: float(self.settings.lock_minutes) * 60.0,
            **({"check_ms": check_ms} if check_ms else {}),
        )
        idle.locked.connect(self.lock)
        self.idle = idle
        return idle

    def lock(self) -> None:
        """Hide every window of an encrypted study (answers saved first) until its
        passphrase is typed again; the open session stays as it was."""
        workspace, window = self.workspace, self.window
        if workspace is None or window is None or not workspace.encrypted:
            if self.idle is not None:
                self.idle.unlocked()
            return
        if window.runner is not None:
            window.runner.saver.flush_typing()
            window.runner.saver.wait(5.0)
        hidden = [w for w in self.app.topLevelWidgets() if w.isVisible()]
        for widget in hidden:
            widget.hide()
        from neutralitas_desktop.ui.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(workspace.display_name(), workspace.unlocks, locked=True)
        if not dialog.exec():
            self.app.quit()
            return
        for widget in hidden:
            widget.show()
        if self.idle is not None:
            self.idle.unlocked()

    # ---- start ---------------------------------------------------------------------
    def first_run(self, new_study: bool = False, study_path: str = "") -> bool:
        """Ask who works on this laptop (and, for the study about to be created at
        ``study_path``, whether to start a new one or join one from its hand-out, and its
        passphrase); False if the dialog was closed."""
        state = ProfileState(
            self.profile.ui_language,
            self.profile.researcher_name,
            self.profile.researcher_initials,
            # asked for, not guessed: the host name says nothing to a supervisor
            os.environ.get("NEUTRALITAS_DEVICE_NAME", ""),
        )
        from neutralitas_desktop.ui.first_run_dialog import FirstRunDialog

        protection = None
        if new_study and not os.environ.get(STUDY_PASSPHRASE_ENV):
            protection = NewPassphraseState()
        from neutralitas_desktop.ui.join_state import JoinState

        join = JoinState() if new_study and study_path else None
        dialog = FirstRunDialog(state, passphrase=protection, join=join)
        dialog.form.language.currentIndexChanged.connect(
            lambda _i: self._preview_language(state.language)
        )
        while True:
            if not dialog.exec():
                return False
            self.profile = dataclasses.replace(
                self.profile,
                ui_language=state.language,
                researcher_name=state.researcher_name.strip(),
                researcher_initials=state.researcher_initials,
                device_name=state.device_name.strip(),
                completed_first_run=True,
            )
            self.new_passphrase = protection
            if join is None or not join.joining:
                break
            try:
                self.join_study(study_path, join)
            except NeutralitasError as exc:  # the dialog stays as filled in
                show_error(dialog, exc)
                continue
            break
        save_profile(self.profile)
        self.settings.language = state.language
        self.started_study = join is not None and not join.joining
        return True

    def _preview_language(self, language: str) -> None:
        self.translators = install_translators(self.app, language, self.translators)

    def show_window(self, workspace: Workspace | None, opening: str = "") -> MainWindow:
        """The main window on ``workspace``, or (None) saying that ``opening`` is being
        opened until ``start_study`` attaches it."""
        self.settings.language = self.profile.ui_language
        window = MainWindow(workspace, self.settings, self, opening=opening)
        self.window = window
        window.show()
        return window

    def start_study(self, window: MainWindow, path: str, create: bool, named: bool) -> bool:
        """Open the study the start chose and show it in ``window`` (already painted);
        False if neither it nor (for a study ``named`` on the command line) ours opens."""
        try:
            workspace = self.open_study(path, create)
        except NeutralitasError as exc:
            show_error(window, exc)
            if not named:
                return False
            try:  # the study named on the command line cannot be opened: fall back to ours
                workspace = self.open_study(str(default_database()), True)
            except NeutralitasError as again:
                show_error(window, again)
                return False
        if not _probing():
            workspace = self.offer_encryption(workspace)
        window.attach(workspace)
        self.start_idle_lock()
        return True


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="neutralitas-desktop")
    parser.add_argument("path", nargs="?", help="study database to open (default: the last one)")
    parser.add_argument("--version", action="version", version=f"neutralitas-desktop {__version__}")
    return parser.parse_known_args(list(argv))[0]


def _study_path(args: argparse.Namespace, settings: UiSettings) -> tuple[str, bool]:
    """The study to open and whether it may be created (only the default study is)."""
    if args.path:
        return str(Path(args.path).expanduser()), False
    last = settings.last_study
    if last and Path(last).exists():
        return last, False
    return str(default_database()), True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    problem = binding_problem()
    if problem is not None:  # before anything can be typed, not in the middle of an interview
        print(problem, file=sys.stderr, flush=True)
        if not _probing():
            show_error(None, RuntimeError(problem))
        return 1
    settings = UiSettings()
    profile = load_profile()
    apply_theme(app)
    clean_leftovers()  # what a killed run left in the private temporary folder
    host = Application(app, settings, profile)
    path, create = _study_path(args, settings)
    new_study = create and not Path(path).exists()
    if not profile.completed_first_run and not host.first_run(new_study, path):
        return 0
    window = host.show_window(None, opening=Path(path).name)
    exit_code = 0

    def started() -> None:  # the window painted: now the store loads and the study opens
        nonlocal exit_code
        if not host.start_study(window, path, create, named=bool(args.path)):
            exit_code = 1
            app.quit()
            return
        if os.environ.get(STARTUP_PROBE_ENV):
            when_painted(window.navigator, lambda: _probe("study-shown", app.quit))
        elif os.environ.get(SCRIPTED_INPUT_ENV):
            from neutralitas_desktop.ui.scripted_input import ScriptedInput

            ScriptedInput(window, os.environ[SCRIPTED_INPUT_ENV]).start()
        elif host.started_study:
            QTimer.singleShot(0, lambda: host.offer_handout(window.workspace))
        else:
            QTimer.singleShot(0, window.offer_resume)

    if os.environ.get(STARTUP_PROBE_ENV):
        when_painted(window, lambda: _probe("first-paint", started))
    else:
        when_painted(window, started)
    code = app.exec()
    from neutralitas_desktop.ui.operation_runner import stop_all

    stop_all()  # work still running in the background stops at a safe point first
    if host.workspace is not None:
        host.workspace.close()
    return code or exit_code


def _probing() -> bool:
    """Started by the startup benchmark or the crash test: no question asked at start."""
    return bool(os.environ.get(STARTUP_PROBE_ENV) or os.environ.get(SCRIPTED_INPUT_ENV))


def _probe(event: str, then: Callable[[], None]) -> None:
    """For the startup benchmark: print when ``event`` happened (wall clock), then go on."""
    print(f"{event} {time.time():.6f}", flush=True)
    then()

"""The interview app: wires screens to the shared answers and nothing more.

Screens are rebuilt from `InterviewState` on every move, so going back keeps every answer. The
app holds no decision logic (the panel and review ask the core) and writes through the core's
writer only (advisor.tui.persist).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from advisor.tui import widths
from advisor.tui.commands import InterviewCommands
from advisor.tui.keys import KeyDone, KeyGate, dialog_flow
from advisor.tui.navigation import Navigation
from advisor.tui.persist import Settings
from advisor.tui.questions import SECTIONS
from advisor.tui.state import InterviewState

if TYPE_CHECKING:
    from advisor.answers import Answers


class InterviewApp(Navigation, App[int]):
    CSS_PATH = "advisor.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = widths.HORIZONTAL_BREAKPOINTS
    TITLE = "advisor interview"
    COMMANDS = App.COMMANDS | {InterviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),  # what people press first
        Binding("f1", "help", "Help", priority=True),
        Binding("question_mark", "help", "Help", show=False),  # a text field takes ? as typed
        Binding("ctrl+s", "save", "Save", priority=True),
        # Moving the focus as the key is read, not once it has travelled up from the field: the next key typed
        # goes to the field moved to (see advisor.tui.keys).
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(self, settings: Settings | None = None, answers: Answers | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()  # a missing date is resolved by the welcome screen's worker
        self.sections = SECTIONS
        self.state = InterviewState(answers)
        self.loaded_from = self.settings.answers_path if answers is not None else None
        self.save_path = self.settings.save_path
        self.memory: dict[str, dict] = {}  # the panel's last choices and text, across screens
        self.done = None  # advisor.tui.screens.done.Done, once something was written
        self.report_lines: list[str] = []
        self.latest = None  # the latest advisor ADR (advisor.adr.latest.LatestDecision), once the welcome found it
        self.resumed = None  # the same, when its answers file filled the interview
        self.recorded_by: str | None = None  # the ADR that records the answers loaded (resumed, or just written)
        self.may_resume = answers is None
        self.keys = KeyGate(self, self._deliver)
        self.init_navigation()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.keys.screen_changed, immediate=True)
        self.push_screen(self.screen_for(0))

    async def on_event(self, event: events.Event) -> None:
        """Keys are taken one at a time, each where the keys before it left the focus (advisor.tui.keys)."""
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self.keys.take(event)
            return
        await super().on_event(event)

    async def _deliver(self, event: events.Event) -> None:
        await super().on_event(event)

    def on_key_done(self, message: KeyDone) -> None:
        self.keys.done(message)

    def action_help(self) -> None:
        """The keys and what the screen is for: F1 anywhere, ? outside a text field."""
        from advisor.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        """The palette, its highlighted command marked with ▶ (advisor.tui.widgets.marked)."""
        from textual.command import CommandPalette

        from advisor.tui.widgets.marked import MarkedCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(MarkedCommandPalette(id="--command-palette"))

    def get_key_display(self, binding: Binding) -> str:
        """Keys in words where a symbol would puzzle a new user (enter, not ⏎)."""
        return "enter" if binding.key == "enter" else super().get_key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with the interview's own help in place of its generic keys panel."""
        yield SystemCommand("Help", "Keys and what this screen is for (F1, ?)", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Maximize", "Minimize"):
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen to ~/Downloads, or to the current folder when there is none, and say where."""
        if path is None:
            downloads = Path.home() / "Downloads"
            path = str(downloads if downloads.is_dir() else Path.cwd())
        written = self.save_screenshot(filename, path)
        self.notify(f"Screenshot saved to {written}.", title="Screenshot")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inside a dialog or the palette, saving and quitting wait: another dialog on top of it would stack."""
        return not (action in ("save", "quit", "help") and isinstance(self.screen, ModalScreen))

    def fix_date(self, date) -> None:
        """One date for the whole session, as `decide --date` would fix it."""
        if self.settings.date is None:
            self.settings = replace(self.settings, date=date)

    # --- answers ---
    async def may_replace_answers(self, what: str) -> bool:
        """Ask before anything replaces unsaved answers in memory: save them first, discard them, or stay.
        True when they may go (saved, also as a draft, or discarded)."""
        if not self.state.dirty:
            return True
        from advisor.tui.screens.dialogs import unsaved_dialog

        choice = await self.push_screen_wait(unsaved_dialog(self.save_path, what))
        if choice == "save":
            return self.save_or_draft() is not None
        return choice == "discard"

    def resume(self, latest) -> None:
        """Continue from the answers file the latest advisor ADR records (offered once, before any answer)."""
        self.may_resume = False
        if self.state.dirty or latest.answers_path is None:
            return
        path = latest.answers_path
        if path.is_relative_to(self.settings.base_dir):  # outside the repository it stays absolute
            path = path.relative_to(self.settings.base_dir)
        from advisor.errors import AdvisorError

        try:
            self.load(path)
        except AdvisorError:
            return  # an unreadable file is no reason to stop: start from defaults
        self.resumed = replace(latest, answers_path=path)
        self.recorded_by = latest.record_id

    def reset(self) -> None:
        self.state = InterviewState()
        self.loaded_from = self.resumed = self.recorded_by = None
        self.answers_replaced()

    def load(self, path: Path) -> list:
        """Fill the answers from a file; a draft fills what it can and returns its problems (shown at the fields)."""
        from advisor.tui.persist import read_answers

        answers, raw, problems = read_answers(path)
        self.state = InterviewState(answers)
        if answers is None:
            self.state.load_data(raw)
        self.loaded_from = path
        self.recorded_by = None
        self.save_path = path.with_name(path.name.replace(".draft.yaml", ".yaml")) if answers is None else path
        self.answers_replaced()
        return problems

    @dialog_flow("save")
    async def action_save(self) -> None:
        from advisor.tui.screens.dialogs import PathScreen

        path = await self.push_screen_wait(PathScreen("Save the answers to", str(self.save_path)))
        if path is not None:
            self.save_path = path
            self.save_or_draft()

    def save_or_draft(self) -> str | None:
        """Save valid answers where the user said; unfinished ones go to a draft beside it. Returns where."""
        from advisor.errors import AdvisorError
        from advisor.tui.persist import save_answers, save_draft

        self.sync_answers()
        answers, problems = self.state.build()
        try:
            if answers is None:
                path = save_draft(self.state.draft_text(problems), self.save_path)
                fields = ", ".join(sorted({p.field or "answers" for p in problems}))
                self.state.dirty = False
                message = f"Not valid yet ({fields}): saved a draft to {path}; load it to finish."
                self.notify(message, title="Draft saved", severity="warning")
                return message
            save_answers(answers, self.save_path)
        except AdvisorError as exc:
            self.notify("\n".join(str(p) for p in exc.problems), title="Not saved", severity="error")
            return None
        self.state.dirty = False
        self.notify(f"Saved to {self.save_path}.")
        return f"saved the answers to {self.save_path}"

    def written(self, saved, report, result) -> None:
        from advisor.tui.screens.done import done_report

        self.state.dirty = False
        self.writes += 1  # every plan worked out before this write is stale
        self.plans.clear()
        self.loaded_from, self.recorded_by = self.save_path, result.adr_id  # what the welcome screen says now
        date = self.settings.options().date.isoformat()
        done = done_report(saved, report, self.save_path, self.settings.out_dir, date, self.settings.adr_dir)
        # The writer reports absolute paths; inside the repository they read better as the user spells them.
        inside = f"{self.settings.base_dir.as_posix().rstrip('/')}/"
        done.files = [line.replace(inside, "") for line in done.files]
        self.done = done
        # Printed once the app has closed: the files, and the command whole, to copy from the shell.
        self.report_lines = [*(line.replace(inside, "") for line in report.lines()), f"reproduce: {done.command_line}"]
        self.goto_section("done")

    @dialog_flow("quit")
    async def action_quit(self) -> None:
        self.sync_answers()
        if not self.state.dirty:
            self.exit(0)
            return
        from advisor.tui.screens.dialogs import quit_dialog

        choice = await self.push_screen_wait(quit_dialog(self.save_path))
        if choice == "save":
            where = self.save_or_draft()
            if where is None:
                return
            self.report_lines = [where]
            self.exit(0)
        elif choice == "discard":
            self.exit(0)

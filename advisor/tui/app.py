"""The interview app: wires screens to the shared answers and nothing more.

Screens are rebuilt from `InterviewState` on every move, so going back keeps every answer. The
app holds no decision logic (the panel and review ask the core) and writes through the core's
writer only (advisor.tui.persist).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from advisor.tui.commands import InterviewCommands
from advisor.tui.persist import Settings
from advisor.tui.questions import SECTIONS
from advisor.tui.state import InterviewState

if TYPE_CHECKING:
    from advisor.answers import Answers


class InterviewApp(App[int]):
    CSS_PATH = "advisor.tcss"
    TITLE = "advisor interview"
    COMMANDS = App.COMMANDS | {InterviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, settings: Settings | None = None, answers: Answers | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()  # a missing date is resolved by the welcome screen's worker
        self.sections = SECTIONS
        self.state = InterviewState(answers)
        self.loaded_from = self.settings.answers_path if answers is not None else None
        self.save_path = self.settings.save_path
        self.memory: dict[str, dict] = {}  # the panel's last choices and text, across screens
        self.done_text = ""
        self.report_lines: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(0))

    def fix_date(self, date) -> None:
        """One date for the whole session, as `decide --date` would fix it."""
        if self.settings.date is None:
            self.settings = replace(self.settings, date=date)

    def make_screen(self, step: int) -> Screen:
        from advisor.tui.screens.welcome import WelcomeScreen

        if step == 0:
            return WelcomeScreen()
        if step <= len(self.sections):
            from advisor.tui.screens.section import SectionScreen

            return SectionScreen(step - 1)
        if step == len(self.sections) + 1:
            from advisor.tui.screens.review import ReviewScreen

            return ReviewScreen()
        from advisor.tui.screens.done import DoneScreen

        return DoneScreen(self.done_text)

    def goto(self, step: int) -> None:
        """Replace the current screen with step `step` (0 welcome, 1..n sections, n+1 review, n+2 done)."""
        while len(self.screen_stack) > 2:  # close any dialog first
            self.pop_screen()
        self.switch_screen(self.make_screen(max(step, 0)))

    # --- answers ---
    def reset(self) -> None:
        self.state = InterviewState()
        self.loaded_from = None
        self.memory.clear()

    def load(self, path: Path) -> None:
        from advisor.answers import load_answers

        self.state = InterviewState(load_answers(path))
        self.loaded_from = self.save_path = path
        self.memory.clear()

    def action_save(self) -> None:
        answers, problems = self.state.build()
        if answers is None:
            fields = ", ".join(sorted({p.field or "answers" for p in problems}))
            self.notify(f"Cannot save yet; fix: {fields}", title="Not saved", severity="warning")
            return
        from advisor.tui.screens.dialogs import PathScreen

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from advisor.errors import AdvisorError
            from advisor.tui.persist import save_answers

            try:
                save_answers(answers, path)
            except AdvisorError as exc:
                self.notify("\n".join(str(p) for p in exc.problems), title="Not saved", severity="error")
                return
            self.save_path = path
            self.state.dirty = False
            self.notify(f"Saved to {path}.")

        self.push_screen(PathScreen("Save the answers to", str(self.save_path)), chosen)

    def written(self, saved, report, result) -> None:
        from advisor.tui.screens.done import done_text

        self.state.dirty = False
        date = self.settings.options().date.isoformat()
        self.done_text = done_text(saved, report, self.save_path, self.settings.out_dir, date, self.settings.adr_dir)
        self.report_lines = report.lines()
        self.goto(len(self.sections) + 2)

    async def action_quit(self) -> None:
        if not self.state.dirty:
            self.exit(0)
            return
        from advisor.tui.screens.dialogs import confirm

        def answered(choice: str | None) -> None:
            if choice == "yes":
                self.exit(0)

        self.push_screen(
            confirm("Quit?", "Some answers are not saved. Quit and lose them?", "Quit, discard", "Stay"), answered
        )

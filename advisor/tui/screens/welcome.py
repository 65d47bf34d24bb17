"""The first screen: what the interview does, the ADR folder it will use, and where answers come from.

Starting is one key (enter); loading an earlier answers file revises an earlier decision.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from advisor.errors import AdvisorError, Problem
from advisor.tui.screens.dialogs import PathScreen

_NUMBERED = re.compile(r"^\d{4}-.+\.md$")

INTRO = (
    "This interview asks how the service mode of SPEC-0006 will be run: phase, team, regulation, "
    "teams sharing clusters, hosting, data and delivery. The recommendation on the right changes as "
    "you answer; nothing is written until you confirm on the review screen."
)


def latest_record(adr_dir: Path) -> str:
    """The newest record advisor wrote (it carries an advisor block), else the newest record at all."""
    if not adr_dir.is_dir():
        return "none yet (the folder will be created)"
    try:
        from advisor.adr.log import load_log

        records = load_log(adr_dir).sorted()
    except AdvisorError:
        records = []
    mine = [r for r in records if r.advisor_text is not None]
    if mine:
        return f"{mine[-1].id} {mine[-1].title} ({mine[-1].status or 'no status'})"
    names = sorted(p.name for p in adr_dir.iterdir() if _NUMBERED.match(p.name))
    return f"{names[-1]} (none written by advisor)" if names else "none yet"


class WelcomeScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("l", "load", "Load answers"),
        Binding("n", "new", "New"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        yield Header()
        with Vertical(id="welcome"):
            yield Static("Deploying the service mode", classes="section-title")
            yield Static(INTRO, classes="section-intro", markup=False)
            yield Static("Looking for the ADR folder…", id="welcome-facts", markup=False)
            with Horizontal(classes="nav"):
                label = "Continue (enter)" if app.settings.answers_path else "Start (enter)"
                yield Button(label, id="start", variant="primary")
                yield Button("Load answers… (l)", id="load")
                yield Button("New (n)", id="new")
        yield Footer()

    class Facts(Message):
        def __init__(self, text: str, date) -> None:
            super().__init__()
            self.text, self.date = text, date

    def on_mount(self) -> None:
        self.gather_facts()

    @work(thread=True, exclusive=True, group="facts")
    def gather_facts(self) -> None:
        """Loads the core (pydantic, rules) after the first paint, so the screen appears at once."""
        from advisor.adr.plan import find_adr_dir

        app = self.app
        options = app.settings.options()
        adr_dir = find_adr_dir(options)
        loaded = app.loaded_from
        lines = [
            f"ADR folder:         {adr_dir}",
            f"Latest advisor ADR: {latest_record(adr_dir)}",
            f"Skeleton folder:    {app.settings.out_dir}",
            f"Answers:            {loaded if loaded else 'new (defaults)'}",
            f"Decision date:      {options.date.isoformat()}",
        ]
        self.post_message(self.Facts("\n".join(lines), options.date))

    def on_welcome_screen_facts(self, message: Facts) -> None:
        self.app.fix_date(message.date)
        self.query_one("#welcome-facts", Static).update(message.text)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        getattr(self, f"action_{event.button.id}")()

    def action_start(self) -> None:
        self.app.goto(1)

    def action_new(self) -> None:
        self.app.reset()
        self.gather_facts()
        self.notify("Starting from the defaults.")

    def action_load(self) -> None:
        def check(path: Path) -> list[Problem]:
            from advisor.answers import load_answers

            try:
                load_answers(path)
            except AdvisorError as exc:
                return exc.problems
            return []

        def loaded(path: Path | None) -> None:
            if path is not None:
                self.app.load(path)
                self.gather_facts()
                self.notify(f"Loaded {path}.")

        self.app.push_screen(PathScreen("Load an answers file", str(self.app.save_path), check), loaded)

"""The first screen: what the interview does, the ADR folder it will use, and where answers come from.

Starting is one key (enter). Without --answers, the answers file the latest advisor ADR records is loaded, so
the team continues where it left off; a new decision (n) or another file (l) is an explicit choice that asks
before unsaved answers are replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from advisor.errors import AdvisorError, Problem
from advisor.tui.keys import dialog_flow
from advisor.tui.screens.dialogs import ConfirmScreen, PathScreen
from advisor.tui.widgets.hanging import HangingText
from advisor.tui.widgets.titlebar import TitleBar
from advisor.tui.widths import HORIZONTAL_BREAKPOINTS

INTRO = (
    "This interview asks how the service mode of SPEC-0006 will be run: phase, team, regulation, "
    "shared clusters, hosting, data, delivery and observability. The recommendation {where} changes "
    "as you answer; nothing is written until you confirm it."
)
BESIDE = "on the right"
BEHIND = "(ctrl+r on each question screen)"  # below 70 columns the panel hides behind that key
LABEL_WIDTH = 20  # "Latest advisor ADR: " and the values after it


class WelcomeScreen(Screen):
    # Priority: each runs as the key is read, so what is typed next reaches the screen or dialog it opens.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "activate", "Start", priority=True),
        Binding("l", "load", "Load answers", priority=True),
        Binding("n", "new", "New", priority=True),
    ]
    HELP_TITLE = "Welcome"
    HELP_ABOUT = (
        "The interview asks how the service mode of SPEC-0006 will be run, one screen per topic, with the "
        "recommendation beside the questions; nothing is written until you confirm on the review screen. This "
        "screen says which ADR folder, skeleton folder and answers it uses: it continues from the answers the "
        "latest advisor ADR records, n starts a new decision from the defaults, l loads another answers file or "
        "a draft."
    )

    def compose(self) -> ComposeResult:
        app = self.app
        yield TitleBar("Welcome")
        # Scrolls: at 60x20 the buttons are below the fold, and tab brings each into view.
        with VerticalScroll(id="welcome", can_focus=False):
            yield Static("Deploying the service mode", classes="section-title")
            yield Static(intro(self.app.size.width), id="welcome-intro", classes="section-intro", markup=False)
            yield Static("Looking for the ADR folder…", id="welcome-facts", markup=False)
            with Horizontal(classes="nav"):
                label = "Continue (enter)" if app.settings.answers_path else "Start (enter)"
                yield Button(label, id="start", variant="primary", compact=True)
                yield Button("Load answers… (l)", id="load", compact=True)
                yield Button("New (n)", id="new", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    @dataclass
    class Facts(Message):
        text: str
        date: Any  # datetime.date, resolved in the worker
        latest: Any  # advisor.adr.latest.LatestDecision or None

    def on_screen_resume(self) -> None:
        self.gather_facts()  # again on every visit: a write in between made a new latest ADR

    @work(thread=True, exclusive=True, group="facts")
    def gather_facts(self) -> None:
        """Loads the core (pydantic, rules) after the first paint, so the screen appears at once."""
        from advisor.adr.latest import describe_latest, latest_decision
        from advisor.adr.plan import find_adr_dir
        from advisor.tui.widgets.plan_table import shown_path

        app = self.app
        options = app.settings.options()
        adr_dir = find_adr_dir(options)
        latest = latest_decision(adr_dir, options.base_dir)
        if app.may_resume and latest is not None and latest.answers_path is not None:
            app.call_from_thread(app.resume, latest)
        loaded = app.loaded_from
        if loaded is None:
            answers = "new (defaults)"
        elif app.recorded_by is not None:
            answers = f"{loaded}, recorded by {app.recorded_by} (n: new decision)"
        else:
            answers = str(loaded)
        facts = [
            ("ADR folder:", shown_path(adr_dir, options.base_dir)),
            ("Latest advisor ADR:", describe_latest(adr_dir, options.base_dir)),
            ("Skeleton folder:", str(app.settings.out_dir)),
            ("Answers:", answers),
            ("Decision date:", options.date.isoformat()),
        ]
        lines = [f"{label:<{LABEL_WIDTH - 1}} {value}" for label, value in facts]
        self.post_message(self.Facts("\n".join(lines), options.date, latest))

    def on_welcome_screen_facts(self, message: Facts) -> None:
        self.app.fix_date(message.date)
        self.app.latest = message.latest
        # A value that wraps goes on under the values, not at the box's edge.
        self.query_one("#welcome-facts", Static).update(HangingText(Text(message.text), outdent=LABEL_WIDTH))
        if self.app.loaded_from is not None:
            self.query_one("#start", Button).label = "Continue (enter)"

    def on_resize(self) -> None:
        self.query_one("#welcome-intro", Static).update(intro(self.app.size.width))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        getattr(self, f"action_{event.button.id}")()

    def action_activate(self) -> None:
        """enter: the focused button's action (start, unless another button has the focus)."""
        focused = self.focused
        getattr(self, f"action_{focused.id if isinstance(focused, Button) else 'start'}")()

    def to_start(self) -> None:
        """Once the answers are in place, enter starts the interview, as the footer says; the focus would
        otherwise stay on the button just pressed, and enter would load or reset again."""
        self.set_focus(self.query_one("#start", Button))

    def action_start(self) -> None:
        self.app.goto_section(self.app.sections[0].key)

    @dialog_flow("replace")
    async def action_new(self) -> None:
        app = self.app
        if not await app.may_replace_answers("start a new decision"):
            return
        latest = app.latest
        if latest is not None:
            # a proposed record is revised in place; an accepted one gets a successor (advisor/adr/plan.py)
            what = "supersede" if latest.accepted else "revise"
            start_new = await app.push_screen_wait(
                ConfirmScreen(
                    "New decision",
                    f"New decision: this will {what} {latest.record_id} ({latest.status or 'no status'}) when written. "
                    "Start from the defaults?",
                    yes=("y", "Start new"),
                    no=("n", "Keep the answers"),
                )
            )
            if not start_new:
                return
        app.reset()
        app.may_resume = False
        self.gather_facts()
        self.to_start()
        self.notify("Starting from the defaults.")

    @dialog_flow("replace")
    async def action_load(self) -> None:
        app = self.app
        if not await app.may_replace_answers("load another answers file"):
            return

        def check(path: Path) -> list[Problem]:
            from advisor.tui.persist import read_answers

            try:
                read_answers(path)
            except AdvisorError as exc:
                return exc.problems
            return []

        path = await app.push_screen_wait(PathScreen("Load an answers file", str(app.save_path), check))
        if path is None:
            return
        problems = app.load(path)
        app.may_resume = False
        self.gather_facts()
        self.to_start()
        if problems:
            fields = ", ".join(sorted({p.field or "answers" for p in problems}))
            self.notify(f"Loaded a draft from {path}; still to fix: {fields}.", severity="warning")
        else:
            self.notify(f"Loaded {path}.")


def intro(width: int) -> str:
    """The intro says where the recommendation is at this width: beside the questions, or behind ctrl+r."""
    narrow = width < HORIZONTAL_BREAKPOINTS[1][0]
    return INTRO.format(where=BEHIND if narrow else BESIDE)

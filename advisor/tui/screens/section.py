"""A question screen: one group of questions on the left, the live recommendation on the right.

The questionnaire (advisor.tui.questions) says what is asked; this screen only renders it, stores
answers in the shared state, shows the core's validation problems at the field they concern,
and refuses to move on while a question on this screen has one.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static
from textual.widgets._select import SelectOverlay

from advisor.tui.questions import SECTIONS
from advisor.tui.state import problems_for, unplaced
from advisor.tui.widgets.panel import RecommendationPanel
from advisor.tui.widgets.question import QuestionField
from advisor.tui.widgets.titlebar import TitleBar


class SectionScreen(Screen):
    # Priority bindings run as the app reads the key, so a key typed right after one of these lands where the
    # focus has gone (advisor.tui.keys); `check_action` leaves enter and escape to a list that is open.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("ctrl+r", "why", "Why", priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]
    HELP_KEYS = (
        ("enter", "in a text field: on to the next field; on a list: open it, then pick"),
        ("space", "in a set of boxes: tick or untick the one under ▶"),
        ("↑ ↓", "in an open list or a set of boxes: move"),
        ("typing", "replaces a number or a short word (it is selected); adds to a list or a longer text"),
    )

    def __init__(self, index: int) -> None:
        self.index = index
        self.section = SECTIONS[index]
        super().__init__(name=self.section.key, classes="section-screen")
        self.before_panel: Widget | None = None  # where the focus was before ctrl+r, to come back to
        self.HELP_TITLE = f"{index + 1}/{len(SECTIONS)} {self.section.title}"
        self.HELP_ABOUT = (
            f"{self.section.intro} Each question says why it matters and what its default is; a problem with an "
            "answer shows under it, as `advisor decide` would say it. The recommendation beside the questions "
            "(behind ctrl+r on a narrow terminal) follows the answers: ctrl+r shows why each decision was made "
            "and what would change it. Going back keeps every answer; going on needs this screen's answers valid."
        )

    def compose(self) -> ComposeResult:
        state = self.app.state
        yield TitleBar(f"{self.index + 1}/{len(SECTIONS)} {self.section.title}")
        with Horizontal(id="body"):
            with VerticalScroll(id="questions", can_focus=False):
                yield Static(f"{self.section.title}", classes="section-title")
                yield Static(self.section.intro, classes="section-intro", markup=False)
                for question in self.section.questions:
                    yield QuestionField(question, state.get(question.path))
                yield Static("", id="section-problems", markup=False)
                with Horizontal(classes="nav"):
                    yield Button("Back (esc)", id="back", compact=True)
                    yield Button("Next (ctrl+n)", id="next", variant="primary", compact=True)
            yield RecommendationPanel(self.app.memory, self.app.settings.rules_dirs, self.section.affects)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_answers()
        # Set at once, not deferred like widget.focus(): keys typed meanwhile wait for this focus (advisor.tui.keys).
        self.set_focus(self.query(QuestionField).first().control, scroll_visible=False)
        self.call_after_refresh(self.query_one("#questions").scroll_home, animate=False)  # keep the title in view

    def on_screen_resume(self) -> None:
        self.refresh_answers()  # kept between visits: other screens' answers may show or hide questions here
        path, self.app.focus_request = self.app.focus_request, None
        if path is not None:
            self.focus_question(path)

    def focus_question(self, path: str) -> None:
        """Focus one question (the palette went to it); one not asked with these answers says when it is."""
        field = next(field for field in self.fields if field.question.path == path)
        if not field.display:
            when, value = field.question.when or ("", None)
            shown = field.question.value_label(value) if isinstance(value, bool) else value
            self.notify(f"{field.question.label} is asked only when {when} is {shown}.", title="Not asked now")
            return
        self.set_focus(field.control)
        field.scroll_visible(animate=False)

    @property
    def fields(self) -> list[QuestionField]:
        return list(self.query(QuestionField))

    def on_question_field_changed(self, message: QuestionField.Changed) -> None:
        if message.value == self.app.state.get(message.path):
            return  # controls report their initial value on mount; that is not an answer
        self.app.state.set(message.path, message.value)
        self.app.state.touched.add(message.path)
        self.refresh_answers()

    def sync_answers(self) -> None:
        """Store what the controls hold before leaving: a key typed just before escape must not be lost
        because its change message was still on its way up."""
        state = self.app.state
        for field in self.fields:
            value, old = field.current_value(), state.get(field.question.path)
            if field.question.kind == "multi" and isinstance(old, list) and set(value) == set(old):
                continue  # the list shows ticks in its own order; the same ticks are the same answer
            if value != old:
                state.set(field.question.path, value)
                state.touched.add(field.question.path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        if action in ("back", "why") and isinstance(focused, RecommendationPanel):
            return False  # the panel's own keys: escape and ctrl+r close it
        if action == "enter":  # a text field: on to the next field; a button: press it; anything else its own
            return isinstance(focused, Button) or (isinstance(focused, Input) and _in_question(focused))
        if action == "back":  # escape closes an open list first
            return not isinstance(focused, SelectOverlay)
        return True

    def action_enter(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            self.press(focused.id)
        else:
            self.focus_next()

    def refresh_answers(self) -> list[QuestionField]:
        """Show or hide conditional questions, place problems at their fields; return the invalid ones."""
        state = self.app.state
        answers, problems = state.build()
        invalid = []
        for field in self.fields:
            if field.display != state.asked(field.question):
                field.display = state.asked(field.question)
            mine = problems_for(field.question.path, problems) if field.display else []
            shown = mine if state.shows_problems(field.question.path, self.section.key) else []
            field.show_problems(shown)
            if mine:
                invalid.append(field)
        loose = unplaced(problems)
        note = self.query_one("#section-problems", Static)
        text = "\n".join(f"✗ {p.field}: {p.message}" for p in loose) if self.section.key in state.attempted else ""
        if str(note.content) != text:
            note.update(text)
        self.query_one(RecommendationPanel).request(answers, problems)
        if answers is not None and self.index == len(SECTIONS) - 1:
            self.app.prefetch_plan(answers)  # the review comes next: have its plan ready
        return invalid

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.press(event.button.id)

    def press(self, button: str | None) -> None:
        if button == "next":
            self.action_next()
        elif button == "back":
            self.action_back()

    def action_next(self) -> None:
        self.sync_answers()
        self.app.state.attempted.add(self.section.key)
        invalid = self.refresh_answers()
        if invalid:
            self.set_focus(invalid[0].control)
            invalid[0].scroll_visible()
            self.notify("Fix the marked answers before moving on.", title="Not yet", severity="warning")
            return
        if self.index == len(SECTIONS) - 1:
            _, problems = self.app.state.build()
            if problems:
                fields = ", ".join(sorted({p.field or "answers" for p in problems}))
                self.notify(f"Some answers are not valid yet: {fields}", title="Not yet", severity="warning")
                return
        following = SECTIONS[self.index + 1].key if self.index + 1 < len(SECTIONS) else "review"
        self.app.goto_section(following)

    def action_why(self) -> None:
        """Into the recommendation, at the reasons and flips of this screen's decisions (escape or ctrl+r there
        comes back). On a narrow terminal the panel lives behind this key and takes the whole width while shown."""
        panel = self.query_one(RecommendationPanel)
        self.before_panel = self.focused
        self.add_class("-show-panel")
        self.set_focus(panel)  # at once: the keys typed next (the arrows) are for the panel
        self.call_after_refresh(panel.scroll_to_first)  # a panel just shown has no size yet

    def action_close_panel(self) -> None:
        """Out of the recommendation: the focus goes back where it was before ctrl+r."""
        self.remove_class("-show-panel")
        before = self.before_panel
        if before is None or not before.is_attached or not before.focusable:
            before = self.query(QuestionField).first().control
        self.set_focus(before)

    def action_back(self) -> None:
        self.app.goto_section(SECTIONS[self.index - 1].key if self.index else "welcome")


def _in_question(widget: Widget) -> bool:
    return any(isinstance(node, QuestionField) for node in widget.ancestors)

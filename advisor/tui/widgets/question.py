"""One question: its label, the control that asks it, a help line, and the problem with the answer.

The field turns what was typed or picked into the answer value for its dotted path and posts
`QuestionField.Changed`; the screen stores it. Problems come from the core's validation and are
shown in words (with a mark), never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

from advisor.errors import Problem
from advisor.tui.questions import Question
from advisor.tui.state import format_value, parse_text
from advisor.tui.widgets.hanging import HangingText
from advisor.tui.widgets.marked import MarkedSelect


def control_id(path: str) -> str:
    return "q-" + path.replace(".", "-").replace("_", "-")


class MarkedSelectionList(SelectionList[str]):
    """A selection list whose unticked boxes are empty and whose cursor row starts with ▶, so neither the ticks
    nor the cursor rely on colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        if selection.value not in self.selected:
            segments[1] = Segment(" ", segments[1].style)
        if self.has_focus and self.highlighted == self.scroll_offset.y + y:
            segments[0] = Segment("▶", segments[0].style)  # the cursor, as a shape and not only a colour
        return Strip(segments, strip.cell_length)


class AnswerInput(Input):
    """A text answer that shows its start when the focus is elsewhere: a long value scrolled to where the cursor
    was would show only its tail ("…ed-tenant.example.org") and hide what it is. Textual calls this class's focus
    and blur handlers as well as Input's."""

    def _on_blur(self, event: events.Blur) -> None:
        self.scroll_to(x=0, animate=False)

    def _on_focus(self, event: events.Focus) -> None:
        self.call_after_refresh(self._show_cursor)

    def _show_cursor(self) -> None:
        self.scroll_to_region(Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False)


class QuestionField(Vertical):
    """A question and its answer; `value` is this field's part of the Answers."""

    @dataclass
    class Changed(Message):
        path: str
        value: Any

    def __init__(self, question: Question, value: Any) -> None:
        super().__init__(id=f"field-{control_id(question.path)}", classes="question")
        self.question = question
        self.value = value
        self.shown_problems = ""

    def compose(self) -> ComposeResult:
        question = self.question
        yield Label(question.label, classes="q-label")
        yield self._control()
        yield Static(HangingText(Text(question.help_line)), classes="q-help")
        error = Static("", classes="q-error", markup=False)
        error.display = False
        yield error

    def _control(self) -> Widget:
        question, cid = self.question, control_id(self.question.path)
        if question.kind == "choice":
            current = next((label for label, value in question.options if value == self.value), Select.NULL)
            options = [(label, label) for label, _ in question.options]
            return MarkedSelect(options, value=current, allow_blank=False, compact=True, id=cid)
        if question.kind == "multi":
            items = [(label, value, value in (self.value or [])) for label, value in question.options]
            return MarkedSelectionList(*items, id=cid, compact=True)
        placeholder = question.shown_default or format_value(question, question.default) or "type here"
        # Select-all on focus lets a number or a short word be retyped at once, but one key would wipe a list.
        select_on_focus = question.kind == "int" or (question.kind == "text" and len(str(self.value or "")) <= 20)
        shown = format_value(question, self.value)
        return AnswerInput(shown, placeholder=placeholder, compact=True, id=cid, select_on_focus=select_on_focus)

    @property
    def control(self) -> Widget:
        return self.query_one(f"#{control_id(self.question.path)}")

    def current_value(self) -> Any:
        """The answer the control holds right now, even if its change message has not arrived yet."""
        control, question = self.control, self.question
        if isinstance(control, Input):
            return parse_text(question, control.value)
        if isinstance(control, Select):
            return next((value for label, value in question.options if label == control.value), self.value)
        if isinstance(control, SelectionList):
            chosen = set(control.selected)
            return [value for _, value in question.options if value in chosen]
        return self.value

    def _post(self, value: Any) -> None:
        self.value = value
        self.post_message(self.Changed(self.question.path, value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(parse_text(self.question, event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._post(next(value for label, value in self.question.options if label == event.value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        self._post([value for _, value in self.question.options if value in chosen])

    def show_problems(self, problems: list[Problem]) -> None:
        text = "\n".join(f"✗ {p.field}: {p.message}" for p in problems)
        if text == self.shown_problems:
            return  # restyling on every key press costs a layout pass
        self.shown_problems = text
        error = self.query_one(".q-error", Static)
        error.update(HangingText(Text(text), outdent=2))  # a URL or name in the message never breaks inside
        error.display = bool(problems)
        self.set_class(bool(problems), "-invalid")
        if problems and self.has_focus_within:
            # The error appears under the field being typed in: keep the field and its error in view.
            self.call_after_refresh(self.scroll_visible, animate=False)

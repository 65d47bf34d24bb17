"""The live recommendation beside the questions: what the core decides for the answers so far.

Rule evaluation (and the what-if search) takes tens of milliseconds, so it runs in a thread worker
that posts the result back; the worker never touches widgets. A generation number drops results
that arrive after a newer request. Changes since the previous answer are marked in words
("was in-cluster"), so nothing relies on colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from advisor.answers import Answers
from advisor.errors import AdvisorError, Problem
from advisor.labels import decision_label, in_display_order
from advisor.tui.widgets.hanging import HangingText

PHASE_4_ROWS = ("postgres", "object_storage", "secrets", "secret_store")  # chosen now, run from Phase 4
DEBOUNCE = 0.15  # seconds


class RecommendationPanel(VerticalScroll):
    """Shows the decision for the current answers; `request(answers, problems)` refreshes it."""

    # While the panel has the focus the footer shows these, not the questions' keys: it follows the focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_panel", "Close"),
        Binding("ctrl+r", "screen.close_panel", "Questions"),
        Binding("down", "scroll_down", "Scroll", key_display="↑↓"),
    ]

    @dataclass
    class Evaluated(Message):
        generation: int
        decision: Any  # advisor.decision.Decision, or None when the rules failed
        verdicts: dict[str, Any]  # decision key -> advisor.verdict.Verdict: what would move it
        problems: list[Problem]

    def __init__(self, memory: dict[str, dict], rules_dirs: tuple[Path, ...] = (), first: tuple[str, ...] = ()) -> None:
        super().__init__(id="panel")
        self.border_title = "Recommendation"
        self.memory = memory  # shared across screens: the last choices shown and what they were before
        self.rules_dirs = rules_dirs
        self.first = first  # decisions the current screen affects: their reasons and flips come first
        self.phase: int | None = None
        self.ruleset = None  # the rules the last evaluation used: names and order come from them
        self.generation = 0
        self.decision = None
        self._pending: Timer | None = None
        self._shown = 0  # the generation the body shows: behind self.generation while one is evaluated

    def compose(self) -> ComposeResult:
        last = self.memory.get("text", {}).get("last")
        yield Static(HangingText(last) if isinstance(last, Text) else "Evaluating…", id="panel-body")

    def request(self, answers: Answers | None, problems: list[Problem]) -> None:
        self.generation += 1
        if answers is None:
            # Keep the last valid decision in view, dimmed, rather than blanking the reason the panel exists.
            fields = ", ".join(sorted({p.field or "answers" for p in problems}))
            text = Text(f"waiting for: {fields}\n", style="bold")
            last = self.memory.get("text", {}).get("last")
            if isinstance(last, Text):
                text.append_text(Text(last.plain, style="dim"))
            self.body.update(HangingText(text))
            self._shown = self.generation
            return
        self.phase = answers.phase
        if self._pending is not None:
            self._pending.stop()
        generation = self.generation
        # Typing fires a change per key; evaluate once the keys pause, so typing never waits on rules.
        self._pending = self.set_timer(DEBOUNCE, lambda: self._fire(generation, answers))

    def _fire(self, generation: int, answers: Answers) -> None:
        self._pending = None
        self.evaluate(generation, answers)

    @property
    def busy(self) -> bool:
        """An evaluation is waiting for typing to pause, running, or not yet shown (tests wait on this, not on time)."""
        return self._pending is not None or self._shown < self.generation

    @property
    def body(self) -> Static:
        return self.query_one("#panel-body", Static)

    @work(thread=True, exclusive=True, group="evaluate")
    def evaluate(self, generation: int, answers: Answers) -> None:
        from advisor.engine import decide
        from advisor.ruleset import load_ruleset
        from advisor.whatif import verdicts

        try:
            ruleset = load_ruleset(tuple(self.rules_dirs))
            decision = decide(answers, ruleset)
            found = verdicts(decision, ruleset)
        except AdvisorError as exc:
            self.post_message(self.Evaluated(generation, None, {}, exc.problems))
            return
        self.ruleset = ruleset  # set before the result is posted, so rendering names rows with these rules
        self.post_message(self.Evaluated(generation, decision, found, []))

    def on_recommendation_panel_evaluated(self, message: Evaluated) -> None:
        if message.generation != self.generation:
            return
        self._shown = message.generation
        if message.decision is None:
            self.body.update(Text("\n".join(str(p) for p in message.problems)))
            return
        self.decision = message.decision
        text = self.render_decision(message.decision, message.verdicts)
        self.memory.setdefault("text", {})["last"] = text  # the next screen starts from it, not from blank
        self.body.update(HangingText(text))

    def render_decision(self, decision, verdicts: dict[str, Any]) -> Text:
        shown, before = self.memory.setdefault("shown", {}), self.memory.setdefault("before", {})
        if shown and shown != decision.choices:
            before.clear()
            before.update({k: v for k, v in shown.items() if decision.choices.get(k) != v})
        shown.clear()
        shown.update(decision.choices)
        text = Text()
        if self.phase is not None and self.phase < 4:
            text.append("Rows marked * are the Phase 4 target, not what runs now.\n", style="italic")
        text.append("Scenarios: ", style="bold")
        text.append((", ".join(decision.scenarios) or "none of A-C") + "\n")
        order = in_display_order(decision.choices, self.ruleset)
        for key in order:  # the summary first: it fits on one screen
            value = decision.choices[key]
            text.append(f"{self.label(key)}: ", style="bold")
            text.append(value, style="bold underline" if key in before else "")
            text.append(f" (was {before[key]})\n" if key in before else "\n", style="italic")
        for warning in decision.warnings:
            text.append(f"⚠ warning: {warning}\n")
        if decision.obligations:
            count = len(decision.obligations)
            text.append(f"{count} {'obligation' if count == 1 else 'obligations'} (see review)\n", style="dim")
        text.append("\nWhy, and what would flip it\n", style="bold underline")
        for key in sorted(order, key=lambda k: k not in self.first):
            # The rule id on its own line: a long id next to the label would be cut mid-word in a narrow panel.
            text.append(f"{self.label(key)}\n", style="bold")
            text.append(f"  ← {decision.entry(key).rule}\n")
            verdict = verdicts.get(key)
            if verdict is not None:  # the same line the ADR's what-if gives, also when no single answer moves it
                text.append(f"  {verdict.sentence()}\n", style="dim")
        return text

    def label(self, key: str) -> str:
        """The row name; before Phase 4 the rows about the cluster are marked as the target, not the present."""
        name = decision_label(key, self.ruleset)
        return f"{name}*" if self.phase is not None and self.phase < 4 and key in PHASE_4_ROWS else name

    def scroll_to_first(self) -> None:
        """Scroll to the reasons and flips of the decisions the current screen affects (the panel key)."""
        body = self.body
        lines = str(body.content).splitlines()
        names = {self.label(key) for key in self.first}
        header = next((i for i, line in enumerate(lines) if line.startswith("Why, and what")), 0)
        target = next((i for i, line in enumerate(lines) if i > header and line in names), header)
        # Lines before the target may wrap; count their rendered height at the body's width, as drawn.
        width = max(body.content_region.width, 1)
        before = HangingText(Text("\n".join(lines[:target]))).rows(self.app.console, width) if target else []
        self.scroll_to(y=len(before), animate=False)

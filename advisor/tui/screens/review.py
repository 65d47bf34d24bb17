"""The review: the answers, the decision with its trace, the ADR as Markdown, and the plan of files.

The plan marks every file new / unchanged / changed / conflict (edited by hand), in words; a
changed or conflicting file shows its diff. Writing takes an explicit confirmation, and files
edited by hand are overwritten only after a second one (otherwise the new version goes beside
them as FILE.new, as `advisor decide` does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static, TabbedContent, TabPane

from advisor.errors import AdvisorError, Problem
from advisor.tui.screens.dialogs import ConfirmScreen, conflicts_dialog
from advisor.tui.widgets.plan_table import PlanTable, count, fit_path, rank, shown_path, status_text

TABS = ("plan", "decision", "adr", "answers", "diff")


class ReviewScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("w", "write", "Write files"),
        Binding("d", "show_diff", "Diff", show=False),
        *(Binding(str(i), f"tab('{tab}')", tab, show=False) for i, tab in enumerate(TABS, start=1)),
    ]

    @dataclass
    class Planned(Message):
        result: Any  # advisor.pipeline.Result, or None with problems
        statuses: list[Any]
        answers_status: str
        problems: list[Problem]

    @dataclass
    class Written(Message):
        outcome: Any  # (saved report, report, result) from persist.write_all, or None with problems
        problems: list[Problem]

    def __init__(self) -> None:
        super().__init__(name="review")
        self.sub_title = "Review and write"
        self.result = None
        self.statuses: list = []
        self.answers_status = "new"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Working out the plan…", id="review-status", markup=False)
        with TabbedContent(id="review-tabs", initial="tab-plan"):
            with TabPane("1 Plan", id="tab-plan"):
                yield PlanTable(id="plan-table", cursor_type="row", zebra_stripes=True)
            # The decision wraps, each indented line hanging under its own text (the rule, the why); the
            # answers never wrap, since a wrapped YAML line is not YAML: that tab scrolls sideways.
            with TabPane("2 Decision", id="tab-decision"), VerticalScroll():
                yield Static("", id="decision-text", markup=False)
            with TabPane("3 ADR", id="tab-adr"), VerticalScroll():
                yield Markdown("", id="adr-markdown")
            with TabPane("4 Answers", id="tab-answers"), ScrollableContainer():
                yield Static("", id="answers-text", markup=False, classes="nowrap")
            with TabPane("5 Diff", id="tab-diff"), VerticalScroll():
                yield Static("Pick a file on the Plan tab (enter) to see its diff.", id="diff-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#plan-table", DataTable)
        table.add_columns("Status", "File")
        table.focus()
        answers, problems = self.app.state.build()
        if answers is None:
            text = "\n".join(f"✗ {p.field}: {p.message}" for p in problems)
            where = self.first_problem_section()
            self.query_one("#review-status", Static).update(
                f"The answers are not valid yet; esc goes to {where.title}:\n{text}"
            )
            return
        from advisor.answers import dump_answers

        self.query_one("#answers-text", Static).update(dump_answers(answers))
        self.plan(answers)

    @work(thread=True, exclusive=True, group="plan")
    def plan(self, answers) -> None:
        from advisor.tui.persist import answers_status, preview

        app = self.app
        try:
            result = preview(answers, app.settings, app.save_path)
            statuses = result.plan.statuses()
            saved = answers_status(answers, app.save_path)
        except AdvisorError as exc:
            self.post_message(self.Planned(None, [], "new", exc.problems))
            return
        self.post_message(self.Planned(result, statuses, saved, []))

    def on_review_screen_planned(self, message: Planned) -> None:
        status = self.query_one("#review-status", Static)
        if message.result is None:
            status.update("\n".join(str(p) for p in message.problems))
            return
        from advisor.explain import explain

        self.result, self.answers_status = message.result, message.answers_status
        self.statuses = sorted(message.statuses, key=lambda entry: rank(entry[1]))
        table = self.query_one("#plan-table", DataTable)
        table.clear()
        base = self.app.settings.base_dir
        reasons = self.result.plan.reasons
        words = [status_text(entry) for entry in self.statuses]
        room = table.size.width - max(map(len, words), default=0) - 8  # cell padding (2 a column) and the scrollbar
        for entry, word in zip(self.statuses, words, strict=True):
            item, state = entry[0], entry[1]
            reason = reasons.get(str(item.target.resolve())) if state != "new" else None
            shown = fit_path(shown_path(item.target, base), room - (len(reason) + 4 if reason else 0))
            table.add_row(word, shown + (f"  ({reason})" if reason else ""), key=str(item.target))
        from rich.text import Text

        from advisor.ruleset import load_ruleset
        from advisor.tui.widgets.hanging import HangingText
        from advisor.whatif import verdicts

        ruleset = load_ruleset(tuple(self.app.settings.rules_dirs))
        explained = explain(self.result.decision, verdicts(self.result.decision, ruleset))
        self.query_one("#decision-text", Static).update(HangingText(Text(explained)))
        adr = next((f for f, _ in self.statuses if f.target == self.result.adr_path), None)
        self.query_one("#adr-markdown", Markdown).update(_readable(adr.data.decode()) if adr else "No new ADR needed.")
        status.update(self.summary())

    def summary(self) -> str:
        names = sorted({entry[1] for entry in self.statuses}, key=rank)
        counts = {name: sum(1 for entry in self.statuses if entry[1] == name) for name in names}
        parts = [f"{n} edited by hand" if name == "conflict" else f"{n} {name}" for name, n in counts.items()]
        total = count(len(self.statuses), "file")
        lines = [f"{total}: " + (", ".join(parts) or "none") + ".  w: write  1-5: tabs  esc: back"]
        lines.append(f"Answers go to {self.app.save_path} ({self.answers_status}).")
        lines += self.result.messages  # the planner says whether a record is revised, proposed or superseded
        return "\n".join(lines)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_show_diff(str(event.row_key.value))

    def action_show_diff(self, target: str | None = None) -> None:
        from rich.text import Text

        from advisor.tui.persist import diff_text

        if target is None:
            table = self.query_one("#plan-table", DataTable)
            if not table.row_count:
                return
            target = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        item, state = next((entry[0], entry[1]) for entry in self.statuses if str(entry[0].target) == target)
        name = shown_path(item.target, self.app.settings.base_dir)
        if state in ("new", "unchanged"):
            body = f"{name} is {state}: nothing to compare.\n\n" + item.data.decode(errors="replace")
        else:  # a merge shows what will land in the file: the user's edit with advisor's change merged in
            body = diff_text(item, self.result.plan.resolve(item).data if state == "merged" else None, name)
        self.query_one("#diff-text", Static).update(Text(body))
        self.action_tab("diff")

    def action_tab(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = f"tab-{name}"
        pane = tabs.get_pane(f"tab-{name}")
        target = pane.query_one(DataTable) if name == "plan" else pane.query_one(ScrollableContainer)
        target.focus()

    def first_problem_section(self):
        """The first question screen with an invalid answer (the last screen when none owns the problem)."""
        from advisor.tui.state import problems_for

        _, problems = self.app.state.build()
        for section in self.app.sections:
            if any(problems_for(q.path, problems) for q in section.questions if self.app.state.asked(q)):
                return section
        return self.app.sections[-1]

    def action_back(self) -> None:
        if self.app.close_help():
            return
        self.app.goto_section(self.first_problem_section().key if self.result is None else self.app.sections[-1].key)

    @work(exclusive=True, group="confirm-write")
    async def action_write(self) -> None:
        if self.result is None:
            _, problems = self.app.state.build()
            if problems:
                fields = ", ".join(sorted({p.field or "answers" for p in problems}))
                self.notify(f"Nothing to write until these are fixed: {fields} (esc goes there).", severity="warning")
            else:
                self.notify("The plan is not ready yet.", severity="warning")
            return
        writing = [entry[0] for entry in self.statuses if entry[1] in ("new", "changed", "merged")]
        conflicts = [entry[0] for entry in self.statuses if entry[1] == "conflict"]
        replacing = " (it exists and will be replaced)" if self.answers_status == "changed" else ""
        asked = f"; {count(len(conflicts), 'file')} edited by hand will be asked about next" if conflicts else ""
        files = f"Write {count(len(writing), 'file')}" if writing else "Write no generated files"
        message = f"{files}{asked}, and save the answers to {self.app.save_path}{replacing}?"

        if not await self.app.push_screen_wait(
            ConfirmScreen("Write the files?", message, ("y", "Write"), ("n", "Not yet"))
        ):
            return
        force = False
        if conflicts:
            base = self.app.settings.base_dir
            names = "\n".join(f"  {shown_path(f.target, base)}" for f in conflicts)
            choice = await self.app.push_screen_wait(conflicts_dialog(names))
            if choice == "cancel":
                return
            force = choice == "overwrite"
        self.write(force=force)

    @work(thread=True, exclusive=True, group="write")
    def write(self, force: bool) -> None:
        from advisor.tui.persist import write_all

        answers, _ = self.app.state.build()
        try:
            outcome = write_all(answers, self.app.settings, self.app.save_path, force=force)
        except AdvisorError as exc:
            self.post_message(self.Written(None, exc.problems))
            return
        self.post_message(self.Written(outcome, []))

    def on_review_screen_written(self, message: Written) -> None:
        if message.outcome is None:
            text = "\n".join(str(p) for p in message.problems)
            self.query_one("#review-status", Static).update(f"Writing failed:\n{text}")
            self.notify("Writing failed; see the status line.", severity="error")
            return
        self.app.written(*message.outcome)


def _readable(record: str) -> str:
    """The record as people read it: the body first, the machine-readable front matter last, as a code block
    (Markdown would run it together into one paragraph)."""
    if record.startswith("---\n") and "\n---\n" in record[4:]:
        front, body = record[4:].split("\n---\n", 1)
        return f"{body.rstrip()}\n\n## Front matter (for tools)\n\n```yaml\n{front}\n```\n"
    return record

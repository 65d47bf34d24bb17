"""The review: the plan of files, the decision with its trace, the ADR, the answers, and a file's diff.

The plan marks every file new / unchanged / changed / merged / conflict (edited by hand), in words, and the
detail line under it says why the file under the cursor changes. Writing takes an explicit confirmation, and
files edited by hand are overwritten only after a second one (otherwise the new version goes beside them as
FILE.new, as `advisor decide` does). The contents come from `advisor.tui.planning`, worked out in a worker
once per set of answers: the screen appears at once and shows progress while it waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from advisor.errors import AdvisorError, Problem
from advisor.tui.keys import dialog_flow
from advisor.tui.screens.dialogs import ConfirmScreen, conflicts_dialog
from advisor.tui.widgets.hanging import HangingText
from advisor.tui.widgets.lines import Lines, text_strips
from advisor.tui.widgets.plan_table import PlanTable, count, detail_text, shown_path
from advisor.tui.widgets.titlebar import TitleBar

TABS = ("plan", "decision", "adr", "answers", "diff")


class ReviewScreen(Screen):
    # Priority: each runs as the key is read, so a key typed right after lands on the tab or dialog it opens
    # (the review has no text field to type into).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write", "Write", priority=True),
        Binding("escape", "back", "Back", priority=True),
        Binding("enter", "show_diff", "Diff", show=False, priority=True),
        Binding("d", "show_diff", "Diff", priority=True),
        Binding("1", "tab('plan')", "Tabs", key_display="1-5", priority=True),
        *(Binding(str(i), f"tab('{tab}')", show=False, priority=True) for i, tab in enumerate(TABS[1:], 2)),
    ]

    HELP_TITLE = "Review and write"
    HELP_ABOUT = (
        "Everything the answers would write, before anything is: 1 the plan (every file new, unchanged, changed, "
        "merged with your edit, or edited by hand and in conflict, with what changed it), 2 the decision with its "
        "rules and what would flip each one, 3 the ADR, 4 the answers file, 5 the diff of the file picked on the "
        "plan. w writes, after asking; files edited by hand are asked about again."
    )
    HELP_KEYS = (
        ("↑ ↓ PgUp PgDn", "move in the plan; scroll a tab"),
        ("home, end", "the first or last file"),
        ("← →", "scroll the answers or a diff sideways"),
    )

    @dataclass
    class Written(Message):
        outcome: Any  # (saved report, report, result) from persist.write_all, or None with problems
        problems: list[Problem]

    def __init__(self) -> None:
        super().__init__(name="review")
        self.key: str | None = None  # the plan shown (advisor.tui.planning.plan_key)
        self.prepared = None  # advisor.tui.planning.Prepared

    @property
    def result(self):
        return self.prepared.result if self.prepared is not None else None

    @property
    def statuses(self) -> list:
        return self.prepared.statuses if self.prepared is not None else []

    @property
    def answers_status(self) -> str:
        return self.prepared.answers_status if self.prepared is not None else "new"

    def compose(self) -> ComposeResult:
        yield TitleBar("Review and write")
        yield Static("Working out the plan…", id="review-status", markup=False)
        with TabbedContent(id="review-tabs", initial="tab-plan"):
            with TabPane("1 Plan", id="tab-plan"):
                yield PlanTable(id="plan-table")
                yield Static("", id="plan-detail", markup=False)
            # The decision wraps, each indented line hanging under its own text (the rule, the why); the
            # answers never wrap, since a wrapped YAML line is not YAML: that tab scrolls sideways.
            with TabPane("2 Decision", id="tab-decision"), VerticalScroll():
                yield Static("", id="decision-text", markup=False)
            with TabPane("3 ADR", id="tab-adr"):
                yield Lines(id="adr-lines")
            with TabPane("4 Answers", id="tab-answers"), ScrollableContainer():
                yield Static("", id="answers-text", markup=False, classes="nowrap")
            with TabPane("5 Diff", id="tab-diff"):
                yield Lines(id="diff-lines")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(PlanTable))
        self.query_one("#diff-lines", Lines).show(text_strips("Pick a file on the Plan tab (enter) to see its diff."))
        self.refresh_plan()

    def on_screen_resume(self) -> None:
        self.refresh_plan()  # kept between visits: the answers may have changed meanwhile

    def refresh_plan(self) -> None:
        """Show the plan for the current answers: at once when it was worked out before, else once it is."""
        app = self.app
        answers, problems = app.state.build()
        status = self.query_one("#review-status", Static)
        if answers is None:
            self.key, self.prepared = None, None
            self.query_one(PlanTable).fill([], app.settings.base_dir)
            text = "\n".join(f"✗ {p.field}: {p.message}" for p in problems)
            where = self.first_problem_section()
            status.update(f"The answers are not valid yet; esc goes to {where.title}:\n{text}")
            return
        key = app.plan_key(answers)
        if key == self.key:
            return
        self.key = key
        prepared = app.plans.get(key)
        if prepared is not None:
            self.show_prepared(prepared)
            return
        self.prepared = None
        status.update("Working out the plan…")
        self.query_one(PlanTable).loading = True  # progress while it must wait
        app.prepare_plan(answers, key)

    def adr_width(self) -> int:
        """The columns the ADR is rendered for: the tab's width less its scroll bar."""
        return max(self.app.size.width - 2, 20)

    def show_prepared(self, prepared) -> None:
        """Fill the tabs from a worked-out plan (called by the app when the worker is done, or from the cache)."""
        if prepared.key != self.key:
            return  # the answers moved on meanwhile
        self.prepared = prepared
        table = self.query_one(PlanTable)
        table.loading = False
        status = self.query_one("#review-status", Static)
        if prepared.result is None:
            status.update("\n".join(str(p) for p in prepared.problems))
            table.fill([], self.app.settings.base_dir)
            return
        table.fill(prepared.statuses, self.app.settings.base_dir, prepared.result.plan.reasons)
        self.query_one("#decision-text", Static).update(HangingText(Text(prepared.decision_text)))
        self.query_one("#answers-text", Static).update(prepared.answers_text)
        self.show_adr()
        status.update(self.summary())
        self.show_detail()

    def show_adr(self) -> None:
        prepared, width = self.prepared, self.adr_width()
        if prepared is None or prepared.result is None:
            return
        if prepared.adr_width != width:
            self.rerender_adr(prepared, width)
            return
        self.query_one("#adr-lines", Lines).show(prepared.adr_strips, width)

    @work(thread=True, exclusive=True, group="adr")
    def rerender_adr(self, prepared, width: int) -> None:
        from advisor.tui.planning import render_adr

        render_adr(prepared, width)
        self.app.call_from_thread(self.show_adr)

    def on_resize(self) -> None:
        self.show_adr()
        table = self.query_one(PlanTable)
        if self.prepared is not None and self.prepared.result is not None:
            table.fill(self.prepared.statuses, self.app.settings.base_dir, self.prepared.result.plan.reasons)

    def summary(self) -> str:
        from advisor.tui.widgets.plan_table import rank

        names = sorted({entry[1] for entry in self.statuses}, key=rank)
        counts = {name: sum(1 for entry in self.statuses if entry[1] == name) for name in names}
        parts = [f"{n} edited by hand" if name == "conflict" else f"{n} {name}" for name, n in counts.items()]
        total = count(len(self.statuses), "file")
        # One line each, cut with an ellipsis when narrow: what a line is about comes first in it.
        lines = [f"{total}: " + (", ".join(parts) or "none") + "."]
        lines.append(f"Answers go to {self.app.save_path} ({self.answers_status}).")
        lines += self.result.messages  # the planner says whether a record is revised, proposed or superseded
        return "\n".join(lines)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """Under the plan: the whole path of the file under the cursor and why it changes, however narrow."""
        table = self.query_one(PlanTable)
        entry = table.current_entry()
        text = detail_text(entry, self.app.settings.base_dir, self.plan_reasons()) if entry else ""
        self.query_one("#plan-detail", Static).update(HangingText(Text(text), outdent=2))

    def plan_reasons(self) -> dict[str, str]:
        return self.result.plan.reasons if self.result is not None else {}

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_show_diff(str(event.row_key.value))

    def action_show_diff(self, target: str | None = None) -> None:
        from advisor.tui.persist import diff_text

        if target is None:
            entry = self.query_one(PlanTable).current_entry()
            if entry is None:
                return
            target = str(entry[0].target)
        item, state = next((entry[0], entry[1]) for entry in self.statuses if str(entry[0].target) == target)
        name = shown_path(item.target, self.app.settings.base_dir)
        if state in ("new", "unchanged"):
            body = f"{name} is {state}: nothing to compare.\n\n" + item.data.decode(errors="replace")
        else:  # a merge shows what will land in the file: the user's edit with advisor's change merged in
            body = diff_text(item, self.result.plan.resolve(item).data if state == "merged" else None, name)
        self.query_one("#diff-lines", Lines).show(text_strips(body))
        self.action_tab("diff")

    def action_tab(self, name: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = f"tab-{name}"
        pane = tabs.get_pane(f"tab-{name}")
        target = pane.query_one(PlanTable) if name == "plan" else pane.query("Lines, ScrollableContainer").first()
        self.set_focus(target)

    def first_problem_section(self):
        """The first question screen with an invalid answer (the last screen when none owns the problem)."""
        from advisor.tui.state import problems_for

        _, problems = self.app.state.build()
        for section in self.app.sections:
            if any(problems_for(q.path, problems) for q in section.questions if self.app.state.asked(q)):
                return section
        return self.app.sections[-1]

    def action_back(self) -> None:
        invalid = self.app.state.build()[0] is None
        self.app.goto_section(self.first_problem_section().key if invalid else self.app.sections[-1].key)

    @dialog_flow("confirm-write")
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
        self.query_one("#review-status", Static).update("Writing…")
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

"""Moving between the interview's screens, and the review's plan worked out ahead and kept.

Screens are kept between visits (installed), so coming back to one costs nothing: a question screen shows
the answers the shared state holds when it resumes, and is built again only when the answers were replaced
wholesale (loaded, started anew: `generation`). The plan for a set of answers is worked out once in a thread
(advisor.tui.planning) and kept by its key; on the last question screen it is worked out while the user
reads, so the review opens with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from advisor.answers import Answers

PREFETCH_DELAY = 0.4  # seconds of quiet on the last question screen before the plan is worked out ahead


class Navigation:
    """Mixed into the App: `goto(step)` (0 welcome, 1..n sections, n+1 review, n+2 done) and the plan cache."""

    @dataclass
    class PlanPrepared(Message):
        prepared: Any  # advisor.tui.planning.Prepared

    def init_navigation(self) -> None:
        self.kept: dict[int, Screen] = {}  # step -> the screen kept for it
        self.generation = 0  # bumped when the answers are replaced wholesale: the question screens are rebuilt
        self.writes = 0  # bumped after each write: every plan worked out before is stale
        self.plans: dict[str, Any] = {}  # plan key -> advisor.tui.planning.Prepared
        self.planning: set[str] = set()
        self._prefetch_timer: Any = None
        self.focus_request: str | None = None  # a question to focus once its screen is shown (the palette)

    @property
    def review_step(self) -> int:
        return len(self.sections) + 1

    def make_screen(self, step: int) -> Screen:
        screen = self._make_screen(step)
        # The width classes (-narrow, -normal, -wide) from the start: Textual sets them on the first resize,
        # after the first frame, which at 60 columns would flash the panel that belongs behind ctrl+r.
        screen.add_class(*screen._get_breakpoint_classes(self.size.width, self.HORIZONTAL_BREAKPOINTS))
        return screen

    def _make_screen(self, step: int) -> Screen:
        if step == 0:
            from advisor.tui.screens.welcome import WelcomeScreen

            return WelcomeScreen()
        if step <= len(self.sections):
            from advisor.tui.screens.section import SectionScreen

            return SectionScreen(step - 1)
        if step == self.review_step:
            from advisor.tui.screens.review import ReviewScreen

            return ReviewScreen()
        from advisor.tui.screens.done import DoneScreen

        return DoneScreen(self.done)

    def screen_for(self, step: int) -> Screen:
        """The screen for `step`, kept from the last visit when it still fits the answers."""
        if step > self.review_step:
            return self.make_screen(step)  # the done screen says what the last write did: always new
        screen = self.kept.get(step)
        if screen is None or getattr(screen, "generation", self.generation) != self.generation:
            screen = self.make_screen(step)
            screen.generation = self.generation
            self.kept[step] = screen
            self.install_screen(screen, f"step-{step}-{id(screen)}")
        return screen

    def answers_replaced(self) -> None:
        """The answers were loaded or reset: question screens built for the old ones go."""
        self.generation += 1
        self.memory.clear()
        stacked = {screen for stack in self._screen_stacks.values() for screen in stack}
        for step, screen in list(self.kept.items()):
            if 0 < step <= len(self.sections) and screen not in stacked:
                self.uninstall_screen(screen)
                screen.remove()
                del self.kept[step]

    def sync_answers(self) -> None:
        """Take the answers the open question screen holds, including changes still in flight."""
        for screen in self.screen_stack:
            sync = getattr(screen, "sync_answers", None)
            if sync is not None:
                sync()

    def goto(self, step: int) -> None:
        """Replace the current screen with step `step`."""
        self.sync_answers()
        while len(self.screen_stack) > 2:  # close any dialog first
            self.pop_screen()
        self.switch_screen(self.screen_for(max(step, 0)))

    def goto_section(self, key: str) -> None:
        """Go to a question screen by its name ("team", "hosting"), or "welcome", "review", "done"."""
        named = {"welcome": 0, "review": self.review_step, "done": self.review_step + 1}
        step = named.get(key)
        if step is None:
            step = 1 + next(i for i, section in enumerate(self.sections) if section.key == key)
        self.goto(step)

    def goto_question(self, path: str) -> None:
        """Go to the screen that asks `path` and put the focus on it (the palette's "Question: …")."""
        step = 1 + next(i for i, section in enumerate(self.sections) if path in {q.path for q in section.questions})
        screen = self.kept.get(step)
        if screen is not None and screen is self.screen:
            screen.focus_question(path)  # already there: no screen change to wait for
            return
        self.focus_request = path
        self.goto(step)

    def action_write(self) -> None:
        """Write the files: on the review, as w does there; elsewhere, the review comes first."""
        review = self.kept.get(self.review_step)
        if self.screen is not review:
            self.goto(self.review_step)
            self.notify("Here is what would be written: w writes it.")
            return
        review.action_write()

    # --- the plan, worked out ahead ---
    def plan_key(self, answers: Answers) -> str:
        from advisor.tui.planning import plan_key

        return plan_key(answers, self.settings, self.save_path, self.writes)

    def prepare_plan(self, answers: Answers, key: str) -> None:
        if key not in self.planning:
            self.planning.add(key)
            self._prepare(answers, key, max(self.size.width - 2, 20))

    @work(thread=True, group="plan")
    def _prepare(self, answers: Answers, key: str, width: int) -> None:
        from advisor.tui.planning import prepare

        self.post_message(self.PlanPrepared(prepare(key, answers, self.settings, self.save_path, width)))

    def on_navigation_plan_prepared(self, message: PlanPrepared) -> None:
        from advisor.tui.planning import remember

        prepared = message.prepared
        self.planning.discard(prepared.key)
        remember(self.plans, prepared)
        review = self.kept.get(self.review_step)
        if review is not None:
            review.show_prepared(prepared)

    @property
    def planning_busy(self) -> bool:
        """A plan is waiting for typing to pause or being worked out (tests wait on this, not on time)."""
        return self._prefetch_timer is not None or bool(self.planning)

    def prefetch_plan(self, answers: Answers) -> None:
        """Work out the plan for these answers once typing pauses, so the review opens with it."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()

        def start() -> None:
            self._prefetch_timer = None
            key = self.plan_key(answers)
            if key not in self.plans:
                self.prepare_plan(answers, key)

        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, start)

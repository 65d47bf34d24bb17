"""How long the interview takes to move: every screen change and review tab switch, driven with Textual's Pilot.

Each move is timed from the key (posted to the app as a terminal would deliver it) to the first frame painted
with the new screen or tab, in wall time and in this process's CPU time (the second does not count what other
programs on a shared machine take). Every screen is visited twice: the first visit builds it, the second finds
it kept. The review's plan is worked out in a worker while the last question screen is open; its time is
reported apart, since the screen shows progress meanwhile rather than waiting.

Usage: `python benchmarks/bench_tui_moves.py [ROUNDS] [WIDTHxHEIGHT]`; the target is 0.3 s for every move.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

from textual import events
from textual.app import App

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advisor.answers import load_answers  # noqa: E402
from advisor.tui.app import InterviewApp  # noqa: E402
from advisor.tui.persist import Settings  # noqa: E402

TARGET = 0.3  # seconds, for every move
EXAMPLE = ROOT / "examples" / "scenario-b.yaml"
PAINTS: list[tuple[float, float, object]] = []  # (wall, cpu, screen) of each frame


def _spy() -> None:
    """Note every frame the app paints (Textual's one place where a frame goes to the terminal)."""
    display = App._display

    def noted(self, screen, renderable) -> None:
        PAINTS.append((time.perf_counter(), time.process_time(), screen))
        return display(self, screen, renderable)

    App._display = noted


async def _settle(app: App) -> None:
    for _ in range(3):
        await asyncio.sleep(0.2)
        await app.workers.wait_for_complete()


async def _move(app: App, key: str, done) -> tuple[float, float]:
    """(wall, cpu) from posting `key` to the first frame for which `done(screen)` holds."""
    await _settle(app)
    PAINTS.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(20_000):
        await asyncio.sleep(0.001)
        hit = next((paint for paint in PAINTS if done(paint[2])), None)
        if hit:
            return hit[0] - wall, hit[1] - cpu
    raise TimeoutError(f"{key}: no frame after 20 s")


def _on(name: str):
    return lambda screen: getattr(screen, "name", None) == name


def _welcome(screen) -> bool:
    return type(screen).__name__ == "WelcomeScreen"


def _tab(app: App, tab: str):
    def shown(screen) -> bool:
        return getattr(screen, "name", None) == "review" and screen.query_one("#review-tabs").active == f"tab-{tab}"

    return shown


async def _round(size: tuple[int, int]) -> dict[str, tuple[float, float]]:
    answers = load_answers(EXAMPLE)
    settings = Settings(date=dt.date(2026, 1, 28), answers_path=EXAMPLE, save_path=Path("a.yaml"))
    app = InterviewApp(settings, answers)
    out: dict[str, tuple[float, float]] = {}
    async with app.run_test(size=size):
        await _settle(app)
        names = [section.key for section in app.sections]
        for visit in ("first", "again"):
            out[f"{visit}: welcome -> {names[0]}"] = await _move(app, "enter", _on(names[0]))
            for before, after in pairwise(names):
                out[f"{visit}: {before} -> {after}"] = await _move(app, "ctrl+n", _on(after))
            started = time.perf_counter()
            out[f"{visit}: {names[-1]} -> review"] = await _move(app, "ctrl+n", _on("review"))
            await app.workers.wait_for_complete()
            out[f"{visit}: the plan, ready (in a worker)"] = (time.perf_counter() - started, float("nan"))
            for number, tab in zip("23451", ("decision", "adr", "answers", "diff", "plan"), strict=True):
                out[f"{visit}: review tab {number} ({tab})"] = await _move(app, number, _tab(app, tab))
            out[f"{visit}: review -> {names[-1]}"] = await _move(app, "escape", _on(names[-1]))
            for before, after in pairwise(reversed(names)):
                out[f"{visit}: {before} -> {after}"] = await _move(app, "escape", _on(after))
            out[f"{visit}: {names[0]} -> welcome"] = await _move(app, "escape", _welcome)
    return out


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    size = tuple(map(int, sys.argv[2].split("x"))) if len(sys.argv) > 2 else (80, 24)
    _spy()
    here = Path.cwd()
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            for _ in range(rounds):
                for name, value in asyncio.run(_round(size)).items():
                    results.setdefault(name, []).append(value)
        finally:
            os.chdir(here)
    print(f"{'move':52} {'median wall s':>13} {'median CPU s':>12} {'max CPU s':>9}")
    worst = 0.0
    for name, values in results.items():
        wall = statistics.median(v[0] for v in values)
        cpus = [v[1] for v in values if v[1] == v[1]]
        cpu = statistics.median(cpus) if cpus else float("nan")
        top = max(cpus) if cpus else float("nan")
        if cpus and "worker" not in name:
            worst = max(worst, cpu)
        print(f"{name:52} {wall:13.3f} {cpu:12.3f} {top:9.3f}")
    print(f"slowest move, median CPU: {worst:.3f} s; target < {TARGET} s")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())

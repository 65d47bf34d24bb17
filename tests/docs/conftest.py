"""Prints how many documentation examples ran and how many are marked not runnable here (tests/docs/sessions.py)."""

from __future__ import annotations

from tests.docs.sessions import TALLY


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not TALLY.run and not TALLY.not_runnable:
        return
    terminalreporter.write_line(
        f"documentation: {TALLY.run} examples run, {len(TALLY.not_runnable)} examples marked not runnable here"
    )
    for reason in TALLY.not_runnable:
        terminalreporter.write_line(f"  not runnable: {reason}")

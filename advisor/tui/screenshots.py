"""`python -m advisor.tui.screenshots [DIR]`: SVG pictures of the key screens for the README and docs.

Runs the real app headless at 80x24 on the bundled examples, in a scratch folder (so the paths shown
are the relative defaults a user sees), with a fixed date so the pictures only change when the
screens do.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from advisor.answers import load_answers
from advisor.tui.app import InterviewApp
from advisor.tui.persist import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DATE = dt.date(2026, 1, 28)
SIZE = (80, 24)
# (file name, example answers, the screen: a section's key, "welcome" or "review")
SHOTS = (
    ("interview-welcome.svg", None, "welcome"),
    ("interview-regulation.svg", "scenario-b.yaml", "regulation"),
    ("interview-hosting.svg", "scenario-a.yaml", "hosting"),
    ("interview-review.svg", "scenario-c.yaml", "review"),
)


async def shoot(name: str, example: str | None, section: str, out: Path) -> Path:
    answers = load_answers(EXAMPLES / example) if example else None
    settings = Settings(
        out_dir=Path("deploy"),
        adr_dir=Path("docs/adr"),
        date=DATE,
        answers_path=Path(example) if example else None,
        save_path=Path(example or "advisor-answers.yaml"),
    )
    app = InterviewApp(settings, answers)
    async with app.run_test(size=SIZE) as pilot:
        app.goto_section(section)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)  # the panel waits for typing to pause before it evaluates
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = out / name
        target.write_text(app.export_screenshot(title=f"advisor interview: {name[10:-4]}"), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/images").resolve()
    out.mkdir(parents=True, exist_ok=True)
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            for name, example, screen in SHOTS:
                print(asyncio.run(shoot(name, example, screen, out)))
        finally:
            os.chdir(here)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

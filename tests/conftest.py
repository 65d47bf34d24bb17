"""Shared fixtures: paths to the bundled examples and a way to run the real CLI in-process or as a process."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
    """Run `python -m advisor ARGS` as a real process (exit codes, stdout/stderr as users see them)."""
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, args)],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing (then read the git diff)",
    )


@pytest.fixture
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))

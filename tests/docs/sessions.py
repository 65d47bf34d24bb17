"""Shell examples in README.md and docs/ as Sybil examples, run in a fresh folder and compared with what they show.

Sybil finds the fenced blocks and the `<!-- skip: next "why" -->` markers; this module only says how a block runs:

- ```console: `$ command` lines (a trailing `\\` continues on the next line, which may start with `> `),
  each followed by the output it prints (stdout and stderr as a terminal shows them). `...` or `…` in the shown
  output stands for text the page leaves out.
- ```sh: commands without output; each must exit 0.

Every block of a page runs in one temporary folder, in page order, seeded with a copy of `examples/` (the
pages speak from a checkout). Before comparing, both sides pass through `normalise`: dates, advisor's
version, hashes and the temporary folder's path, nothing else, so a change of wording or of a number fails.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sybil import Example, Region, Sybil
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

from advisor import __version__

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKER = "__advisor_doc_example_command__"
TIMEOUT = 180


@dataclass
class Step:
    command: str
    shown: str  # the output the page shows ("" for a sh block, which shows none)


@dataclass
class Tally:
    run: int = 0
    not_runnable: list[str] = field(default_factory=list)


TALLY = Tally()


def normalise(text: str, folder: Path) -> str:
    """The only differences a page may have from a run: when, which advisor, which hash, which temporary folder."""
    text = text.replace(str(folder.resolve()), "$TMP").replace(str(folder), "$TMP")
    text = text.replace(__version__, "VERSION")
    text = re.sub(r"\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?\b", "DATE", text)
    return re.sub(r"\b[0-9a-f]{12,64}\b", "HASH", text)


def console_steps(source: str) -> list[Step]:
    steps: list[Step] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise ValueError(f"console block: output before any `$ ` command: {lines[i]!r}")
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command += "\n" + lines[i].removeprefix("> ")
        i += 1
        shown = []
        while i < len(lines) and not lines[i].startswith("$ "):
            shown.append(lines[i])
            i += 1
        steps.append(Step(command, "\n".join(shown) + ("\n" if shown else "")))
    return steps


def sh_steps(source: str) -> list[Step]:
    # a line ending in `\` continues; comments stay with their command (bash drops them)
    commands, current = [], ""
    for line in source.splitlines():
        current = f"{current}\n{line}" if current else line
        if not line.endswith("\\"):
            if current.strip() and not current.lstrip().startswith("#"):
                commands.append(current)
            current = ""
    return [Step(command, "") for command in commands]


def run_steps(steps: list[Step], folder: Path) -> list[tuple[str, int]]:
    """One bash per block, so `echo $?` sees the command before it; a marker line after each command splits the
    outputs and carries its exit status (restored before the next command)."""
    script = "status=0\n" + "".join(
        f"(exit $status)\n{step.command}\nstatus=$?\nprintf '%s %s\\n' {MARKER} $status\n" for step in steps
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1", "COLUMNS": "120", "TZ": "UTC"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        timeout=TIMEOUT,
    )
    parts = re.split(rf"{MARKER} (\d+)\n", proc.stdout)
    return [(parts[i], int(parts[i + 1])) for i in range(0, len(parts) - 1, 2)]


def _seeded(example: Example) -> Path:
    namespace = example.namespace
    if "folder" not in namespace:
        folder = Path(namespace["tmp_root"]) / Path(example.path).stem
        folder.mkdir()
        shutil.copytree(ROOT / "examples", folder / "examples")
        namespace["folder"] = folder
    return namespace["folder"]


def evaluate(example: Example) -> str | None:
    kind, steps = example.parsed
    folder = _seeded(example)
    results = run_steps(steps, folder)
    TALLY.run += 1
    checker = doctest.OutputChecker()
    for step, (got, status) in zip(steps, results, strict=True):
        where = f"{Path(example.path).relative_to(ROOT)}:{example.line}: `{step.command}`"
        if kind == "sh":
            if status != 0:
                return f"{where} exited {status}:\n{got}"
            continue
        want = normalise(step.shown, folder).replace("…", "...")
        actual = normalise(got, folder)
        if not checker.check_output(want, actual, doctest.ELLIPSIS):
            return f"{where} printed what the page does not show (normalised):\n" + _diff(want, actual)
    return None


def _diff(want: str, got: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "page", "run"))


class ShellBlockParser:
    """```console and ```sh blocks as examples (other languages are not shell)."""

    def __init__(self) -> None:
        self.lexer = FencedCodeBlockLexer(language=r"console|sh", mapping={"language": "language", "source": "source"})

    def __call__(self, document):
        for region in self.lexer(document):
            language, source = region.lexemes["language"], str(region.lexemes["source"])
            steps = console_steps(source) if language == "console" else sh_steps(source)
            yield Region(region.start, region.end, (language, steps), evaluate)


SYBIL = Sybil(parsers=[ShellBlockParser(), SkipParser()], patterns=["*.md"])

"""The YAML, TOML and command text of README.md and docs/: blocks by language, and every `advisor …` command named.

A command is looked up in advisor's own argument parser, whose `--help` lists the same options: the
subcommands it names must exist, and so must every option it passes to the command it reaches.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from advisor.cli import build_parser
from tests.docs.sessions import PAGES, ROOT

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)$")
INLINE = re.compile(r"(?<!`)`(advisor [^`\n]+)`(?!`)")
# where a command ends inside a line of a block: a pipe or list between commands, a comment, a backtick
COMMAND_END = re.compile(r" \| |&&|;|\s#|`|\)$")
# where a command starts inside a block: a shell line, a YAML list item or a CI key (run:, entry:, script:), or
# after && or a pipe (not after `;`, which prose uses too); in `ruff check advisor tests` it is the package's folder
COMMAND_START = re.compile(r"(?:^\s*(?:\$\s+)?(?:-\s+)?(?:(?:run|entry|script|command):\s*)?|&&\s*|\|\s+)advisor (.*)")
OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


@dataclass
class Block:
    page: Path
    line: int  # the opening fence's line
    info: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    lines = page.read_text().splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence) and not lines[j].strip()[len(fence) :]):
            body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        yield Block(page, i + 1, opening["info"].strip(), "\n".join(body) + "\n")
        i = j + 1


def all_blocks() -> list[Block]:
    return [block for page in PAGES for block in blocks(page)]


def commands(page: Path) -> Iterator[tuple[int, str]]:
    """(line, command text after `advisor `) for every advisor command in a block or an inline code span."""
    in_block = False
    for number, line in enumerate(page.read_text().splitlines(), 1):
        if FENCE.match(line):
            in_block = not in_block
        if in_block:
            for match in COMMAND_START.finditer(line):
                yield number, COMMAND_END.split(match.group(1))[0]
        else:
            for match in INLINE.finditer(line):
                yield number, COMMAND_END.split(match.group(1).removeprefix("advisor "))[0]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def problems(command: str, parser: argparse.ArgumentParser | None = None) -> list[str]:
    """What in `command` (the words after `advisor`) the parser does not know: a subcommand or an option."""
    parser = parser or build_parser()
    words = command.replace("[", " ").replace("]", " ").split()
    path = ["advisor"]
    rest = words
    for index, word in enumerate(words):
        choices = _subparsers(parser)
        if not choices or word.startswith("-"):
            rest = words[index:]
            break
        names = word.split("|")
        if not all(re.fullmatch(r"[a-z][a-z-]*", name) for name in names):
            rest = words[index:]
            break  # a placeholder such as ID or FILE
        unknown = [name for name in names if name not in choices]
        if unknown:
            return [f"`{' '.join(path)}` has no command {', '.join(unknown)}"]
        if len(names) > 1:
            return []
        parser = choices[word]
        path.append(word)
        rest = words[index + 1 :]
    else:
        rest = []
    known = _options(parser)
    return [
        f"`{' '.join(path)}` has no option {flag} (see `{' '.join(path)} --help`)"
        for flag in OPTION.findall(" ".join(rest))
        if flag.split("=")[0] not in known
    ]

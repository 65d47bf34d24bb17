"""Every YAML and TOML block in README.md and docs/ parses, and every advisor command the pages name exists."""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from advisor.cli import build_parser
from tests.docs.blocks import all_blocks, commands, problems
from tests.docs.sessions import PAGES, ROOT

BLOCKS = all_blocks()
DATA = [block for block in BLOCKS if block.info.split()[:1] in (["yaml"], ["toml"])]


def test_the_pages_have_yaml_and_toml_blocks_to_check() -> None:
    assert len(DATA) >= 15, [block.where for block in DATA]


@pytest.mark.parametrize("block", DATA, ids=[block.where for block in DATA])
def test_a_yaml_or_toml_block_parses(block) -> None:
    if block.info.startswith("toml"):
        tomllib.loads(block.text)
    else:
        list(yaml.safe_load_all(block.text))


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT)) for page in PAGES])
def test_every_advisor_command_and_option_a_page_names_exists(page) -> None:
    parser = build_parser()
    found = [
        f"{page.relative_to(ROOT)}:{line}: {problem}"
        for line, command in commands(page)
        for problem in problems(command, parser)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("check --format github --strict", []),
        ("check --stricter", ["`advisor check` has no option --stricter (see `advisor check --help`)"]),
        ("adr site --out public --check-links", []),
        ("adr sight --out public", ["`advisor adr` has no command sight"]),
        ("adr list|new|renumber", []),
        ("adr status ID STATUS --by 7", []),
        ("decide [--out DIR] [--dry-run] [--json]", []),
        (
            "rules validate DIR --strict",
            ["`advisor rules validate` has no option --strict (see `advisor rules validate --help`)"],
        ),
    ],
)
def test_the_command_reader_finds_what_a_parser_does_not_know(command: str, expected: list[str]) -> None:
    assert problems(command) == expected


def test_install_recipes_name_the_distribution_not_the_unrelated_advisor_project() -> None:
    # `advisor` on PyPI is somebody else's package; ours is adr-advisor
    wrong = [
        f"{block.where}: {line.strip()}"
        for block in BLOCKS
        for line in block.text.splitlines()
        if "install" in line
        and ("pip" in line or "pipx" in line)
        and re.search(r"install\s+(-U\s+|--upgrade\s+)?advisor\b", line)
    ]
    assert not wrong, wrong

"""Bounded work: `check`, `adr list` and `adr site` finish quickly and quietly on logs built to hang or flood them.

Each input (tests/hardening/adversarial.py) once cost minutes or gigabytes. Every command must finish within
10 s of CPU time with under 10 MB of output; the site over 20,000 records is allowed 30 s, its measured cost
being about 15 s of CPU on the reference machine (docs/performance.md has the numbers, from
benchmarks/bench_hostile.py). CPU time, not wall time, is bounded: the machine is shared.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from advisor.adr import blocks, dates, head, ids, index_layout, layout, linkcheck, links, log, records
from advisor.adr.lint import log_wide_rules
from advisor.site import plain
from tests.hardening.adversarial import INPUTS, many_projects
from tests.hardening.measure import run_measured

COMMANDS = (("check",), ("adr", "list"), ("adr", "site"))
CPU_LIMIT_S = 10.0
OUTPUT_LIMIT = 10 * 1024 * 1024
SLOW = {"ordinary-records"}
LOOSER = {("ordinary-records", "adr site"): 30.0}


@pytest.fixture(
    scope="module",
    params=[pytest.param(name, marks=[pytest.mark.slow] if name in SLOW else []) for name in sorted(INPUTS)],
    ids=sorted(INPUTS),
)
def hostile_log(request, tmp_path_factory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp(request.param)
    INPUTS[request.param](root / "docs" / "adr")
    return request.param, root


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_command_finishes_quickly_and_quietly(hostile_log: tuple[str, Path], command: tuple[str, ...]) -> None:
    name, root = hostile_log
    result = run_measured(list(command), cwd=root, timeout=300)
    limit = LOOSER.get((name, " ".join(command)), CPU_LIMIT_S)
    assert result.code in (0, 1), str(result)
    assert "Traceback" not in result.err, str(result)
    assert result.cpu_seconds < limit, str(result)
    assert len(result.out.encode()) + len(result.err.encode()) < OUTPUT_LIMIT, str(result)


def test_a_shared_number_is_one_finding_naming_a_few_others(tmp_path: Path) -> None:
    INPUTS["shared-number"](tmp_path)
    result = run_measured(["check", "--adr-dir", str(tmp_path)], cwd=tmp_path)
    duplicates = [line for line in result.out.splitlines() if "ADR001" in line]
    assert len(duplicates) == 1
    assert duplicates[0].endswith(
        "duplicate number 0001 (also 0001-record-0001.md, 0001-record-0002.md, 0001-record-0003.md and 1996 more); "
        "run `advisor adr renumber`"
    )


# Every pattern that reads repository text, with the input that would make a backtracking one slow. A new
# pattern in these modules must be added here (the test below says so).
MB = 1024 * 1024
ADVERSARIAL = {
    "a a": "a " * (MB // 2),
    "spaces": "a" + " " * MB + "b",
    "brackets": "[" * MB,
    "half links": "[](" * (MB // 3),
    "digits": "ADR" + "0" * MB + "x",
    "hashes": "#" + " " * MB + "#x",
    "comment": "<!-- advisor-check: ignore " + " " * MB + "x",
    "equals": "=" * MB + "x",
    "words": "ab" * (MB // 2),
    "pipes": "|a" * (MB // 2),
}
MODULES = (blocks, head, layout, links, log, records, plain, dates, linkcheck, index_layout, log_wide_rules, ids)
TIME_LIMIT_S = 2.0  # a linear pass over 1 MB takes milliseconds; a quadratic one takes minutes


def _patterns() -> dict[str, re.Pattern]:
    return {
        f"{module.__name__}.{name}": value
        for module in MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }


def _nested_quantifier(pattern: re.Pattern) -> bool:
    """A repeat (more than once) inside a repeat: the shape that backtracks exponentially."""
    import re._parser as parser  # the standard library's own regex parser

    def walk(items, inside: bool) -> bool:
        for op, value in items:
            if op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT):
                _, high, sub = value
                many = high is parser.MAXREPEAT or high > 1
                if many and inside:
                    return True
                if walk(sub, inside or many):
                    return True
            elif op in (parser.SUBPATTERN, parser.ATOMIC_GROUP):
                if walk(value[-1], inside):
                    return True
            elif op == parser.BRANCH:
                if any(walk(branch, inside) for branch in value[1]):
                    return True
            elif op in (parser.ASSERT, parser.ASSERT_NOT) and walk(value[1], inside):
                return True
        return False

    return walk(parser.parse(pattern.pattern, pattern.flags), False)


def test_no_pattern_over_repository_text_nests_quantifiers() -> None:
    patterns = _patterns()
    assert len(patterns) >= 15  # the scan does find the readers' patterns
    assert [name for name, pattern in patterns.items() if _nested_quantifier(pattern)] == []


@pytest.mark.parametrize("name", sorted(_patterns()))
def test_each_pattern_is_linear_on_a_megabyte_of_adversarial_input(name: str) -> None:
    pattern = _patterns()[name]
    for label, text in ADVERSARIAL.items():
        for method in (pattern.findall, pattern.fullmatch):
            start = time.process_time()
            method(text)
            spent = time.process_time() - start
            assert spent < TIME_LIMIT_S, f"{name} {method.__name__} on {label!r}: {spent:.2f} s"


def test_bodies_beyond_the_markup_budget_are_shown_as_text() -> None:
    """The build's budget is shared: once spent, even a small body is shown as text, the same way every time."""
    from advisor.site.markdown import MAX_MARKUP, Budget, render_body
    from advisor.site.urls import Links

    links = Links(Path("/r"), Path("/r/adr"), Path("/r/site"), {})
    budget = Budget(left=30)
    first = render_body("A *little* [markup](https://example.org) here.", links, budget)
    assert "<em>little</em>" in first.html and budget.left == 30 - 6
    second = render_body("[a](b) " * 7, links, budget)  # 28 markup characters: more than the 24 left
    assert second.html.startswith('<p class="note">Shown as plain text') and budget.left == 24
    flood = render_body("*" * (MAX_MARKUP + 1), links, Budget())
    assert "Shown as plain text" in flood.html


def test_the_site_re_decides_a_bounded_number_of_different_answers(tmp_path: Path, monkeypatch) -> None:
    from advisor.adr.log import load_log
    from advisor.site import SiteOptions, build_site, facts

    monkeypatch.setattr(facts, "MAX_REDECIDED", 2)
    many_projects(tmp_path / "adr", 3)
    site = build_site(load_log(tmp_path / "adr"), SiteOptions(tmp_path / "site", root=tmp_path)).files
    pages = [site[f"000{n}-svc{n}.html"].decode() for n in (1, 2, 3)]
    assert ["not re-derived" in page for page in pages] == [False, False, True]
    assert "How advisor decided" in pages[2]  # the record still has its section, saying why it is short

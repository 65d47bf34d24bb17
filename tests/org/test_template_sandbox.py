"""A team's ADR template is data: it renders in Jinja2's sandbox, so nothing in it can run a command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{% set x = decisions.append(1) %}{{ x }}",
    "{{ decisions.__class__ }}",
    "{{ title.__class__.__base__.__subclasses__() }}",
]


def _decide(repo: Path, template: Path):
    shutil.copy(EXAMPLES / "scenario-a.yaml", repo / "answers.yaml")
    return run_cli("decide", "--answers", "answers.yaml", "--template", template, "--date", "2026-01-01", cwd=repo)


@pytest.mark.parametrize("expression", ESCAPES)
def test_a_template_that_reaches_for_python_internals_runs_nothing(tmp_path: Path, expression: str) -> None:
    template = tmp_path / "team.md.j2"
    template.write_text(f"# {{{{ title }}}}\n\n{expression}\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    result = _decide(repo, template)
    assert not (repo / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    assert result.code == 2, result.out
    assert "Traceback" not in result.err
    assert f"{template}: template error: " in result.err
    assert "is unsafe; templates render in a sandbox" in result.err  # refused by the sandbox, not a typo
    assert not list(repo.glob("docs/adr/*.md")), "nothing is written"


def test_the_id_command_does_not_reach_the_record(tmp_path: Path) -> None:
    """The report: `{{ cycler.__init__.__globals__.os.popen('id').read() }}` wrote the output of `id` into the ADR."""
    template = tmp_path / "team.md.j2"
    template.write_text("# {{ title }}\n\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    result = _decide(repo, template)
    assert result.code == 2
    assert "may not reach Python internals" in result.err
    assert "uid=" not in result.out + result.err
    assert not any("uid=" in p.read_text() for p in repo.rglob("*.md"))


def test_a_team_template_that_extends_the_bundled_one_still_renders(tmp_path: Path) -> None:
    template = tmp_path / "team.md.j2"
    template.write_text('{% extends "madr.md.j2" %}\n')
    plain, team = tmp_path / "plain", tmp_path / "team"
    plain.mkdir()
    team.mkdir()
    shutil.copy(EXAMPLES / "scenario-a.yaml", plain / "answers.yaml")
    madr = run_cli("decide", "--answers", "answers.yaml", "--date", "2026-01-01", cwd=plain)
    extended = _decide(team, template)
    assert madr.code == extended.code == 0, extended.err
    (one,) = plain.glob("docs/adr/*.md")
    (two,) = team.glob("docs/adr/*.md")
    assert one.read_bytes() == two.read_bytes()

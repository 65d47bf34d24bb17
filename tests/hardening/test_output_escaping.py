"""Repository text cannot forge CI output or drive a terminal: control characters and workflow commands are escaped.

A file name with newlines and `::error ...::`, a YAML-escaped newline in an advisor block, an ESC sequence in a
title, a status or a rule's rationale: each reaches a line of output as visible `\\uXXXX` text, never raw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.textout import EscapingStream, escape
from tests.conftest import EXAMPLES, run_cli

ESC_TITLE = "\x1b]0;owned\x07\x1b[2J"  # set the terminal's title, clear the screen
FORGED_NAME = "0001-x\n::error file=a.md,line=1::forged\n::add-mask::accepted\nx.md"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _assert_inert(text: str) -> None:
    """No raw control character, no line a GitHub runner would take for a workflow command."""
    assert not RAW.search(text), repr(text)
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), repr(line)
        assert "##[" not in line, repr(line)


def _record(folder: Path, name: str, title: str = "Use Postgres", status: str = "accepted", extra: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\nstatus: {status}\ndate: 2024-01-01\n{extra}---\n# {title}\n", encoding="utf-8")


def test_a_file_name_cannot_write_workflow_commands_in_check_text_output(tmp_path: Path) -> None:
    adr = tmp_path / "docs" / "adr"
    _record(adr, FORGED_NAME, title="Forged")
    _record(adr, "0001-use-postgres.md")  # a duplicate number: a finding names both files
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 1, result.err
    _assert_inert(result.out + result.err)
    assert "0001-x\\u000a::error file=a.md,line=1::forged\\u000a::add-mask::accepted\\u000ax.md" in result.out
    assert all(line.startswith("docs/adr/") for line in result.out.splitlines())  # each line is one finding


def test_the_github_format_escapes_control_characters_too(tmp_path: Path) -> None:
    adr = tmp_path / "docs" / "adr"
    _record(adr, FORGED_NAME, title=f"Forged {ESC_TITLE}", status="approved\x1b[31m")
    result = run_cli("check", "--format", "github", cwd=tmp_path)
    lines = result.out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines), result.out
    assert not RAW.search(result.out + result.err)
    assert "%0A::add-mask::accepted%0A" in result.out  # GitHub's own escape for newlines, as before


def test_a_yaml_escaped_newline_in_an_advisor_block_prints_escaped(tmp_path: Path) -> None:
    adr = tmp_path / "docs" / "adr"
    block = 'advisor:\n  format: 1\n  answers_file: "gone.yaml\\n::error::forged"\n  answers: {}\n'
    _record(adr, "0001-use-postgres.md", extra=block)
    result = run_cli("check", cwd=tmp_path)
    _assert_inert(result.out + result.err)
    assert "gone.yaml\\u000a::error::forged" in result.out


def test_adr_list_and_index_print_no_escape_sequences(tmp_path: Path) -> None:
    adr = tmp_path / "docs" / "adr"
    _record(adr, "0001-use-postgres.md", title=f"Use Postgres {ESC_TITLE}", status="accepted\x1b[8m")
    _record(adr, "0002-x\x1b[2J.md", title="Cleared \u202eevil")
    for args in (("adr", "list"), ("adr", "index", "-o", "-")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 0, result.err
        _assert_inert(result.out + result.err)
        assert "\\u001b]0;owned\\u0007" in result.out and "\\u202eevil" in result.out


def test_adr_list_json_keeps_the_exact_text_and_stays_valid_json(tmp_path: Path) -> None:
    adr = tmp_path / "docs" / "adr"
    title = "Use Postgres \x7f\x9b31m ##[add-mask]x \u2028"
    _record(adr, "0001-use-postgres.md", title=title)
    result = run_cli("adr", "list", "--json", cwd=tmp_path)
    _assert_inert(result.out)
    assert json.loads(result.out)[0]["title"] == title.strip()


def test_explain_prints_rule_texts_as_one_escaped_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "org.yaml").write_text(
        "rules:\n  - id: org.title\n"
        '    title: "Adopt Rancher \\e]0;owned\\a"\n'
        "    when: {fact: phase, ge: 1}\n    set: {rancher: adopt}\n    priority: 900\n"
        '    rationale: "line one\\n::error::forged\\n\\e[2J"\n    spec: "9.9"\n'
    )
    result = run_cli("explain", "--answers", EXAMPLES / "scenario-c.yaml", "--rules", rules, cwd=tmp_path)
    assert result.code == 0, result.err
    _assert_inert(result.out + result.err)
    assert "why: line one ::error::forged \\u001b[2J" in result.out


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\nb", "a\\u000ab"),
        ("\x1b[2J", "\\u001b[2J"),
        ("x ##[add-mask]y", "x #\\u0023[add-mask]y"),
        ("\u202e", "\\u202e"),
    ],
)
def test_escape_keeps_one_value_on_one_inert_line(value: str, shown: str) -> None:
    assert escape(value) == shown


def test_the_stream_defuses_a_line_that_starts_a_workflow_command() -> None:
    import io

    sink = io.StringIO()
    stream = EscapingStream(sink)  # type: ignore[arg-type]
    stream.write("ok\n  ::error::x\n")
    stream.write("::warning::y")
    stream.write(" and ::not at the start\n\ttab\x1b\n")
    assert sink.getvalue() == "ok\n  \\u003a:error::x\n\\u003a:warning::y and ::not at the start\n\ttab\\u001b\n"

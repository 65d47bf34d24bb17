"""One case per rule id: it fires at its default severity, and the config and an inline comment change or silence it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.adr.checks import Finding, check_log
from advisor.adr.lint.apply import tune
from advisor.adr.lint.config import CheckConfig
from advisor.adr.lint.registry import RULES
from advisor.adr.log import load_log


def _madr(status: str = "accepted", title: str = "Use Postgres", extra: str = "", signed: bool = True) -> str:
    status_line = f"status: {status}\n" if status else ""
    makers = "decision-makers: [Ana]\n" if signed else ""  # an accepted record names who signed it (ADR015)
    return f"---\n{status_line}date: 2024-01-10\n{makers}{extra}---\n\n# {title}\n\nBody.\n"


# rule -> (files, the file the finding names, its line)
CASES: dict[str, tuple[dict[str, str | bytes], str, int]] = {
    "ADR001": (
        {"0001-use-postgres.md": _madr(), "0001-use-minio.md": _madr(title="Use MinIO")},
        "0001-use-minio.md",
        7,
    ),
    "ADR002": ({"0001-use-postgres.md": _madr("superseded by ADR-0009")}, "0001-use-postgres.md", 2),
    "ADR003": ({"0001-use-postgres.md": _madr("superseded by ADR-0001")}, "0001-use-postgres.md", 2),
    "ADR004": ({"0001-use-postgres.md": b"# Use Postgres\n\nStatus: accepted \xff\xfe\n"}, "0001-use-postgres.md", 3),
    "ADR005": ({"0001-use-postgres.md": _madr(extra="status: proposed\n")}, "0001-use-postgres.md", 5),
    "ADR006": ({"0001-use-postgres.md": "---\nstatus: accepted\n---\n\nNo heading.\n"}, "0001-use-postgres.md", 1),
    "ADR007": ({"0001-use-postgres.md": _madr("")}, "0001-use-postgres.md", 6),
    "ADR008": ({"0001-use-postgres.md": _madr("approved")}, "0001-use-postgres.md", 2),
    "ADR009": ({"0001-use-postgres.md": _madr().replace("2024-01-10", "2024")}, "0001-use-postgres.md", 3),
    "ADR010": (
        {"0001-use-postgres.md": _madr("superseded by ADR-0002"), "0002-use-mysql.md": _madr(title="Use MySQL")},
        "0001-use-postgres.md",
        2,
    ),
    "ADR011": ({"0001-use-postgres.md": _madr("superseded")}, "0001-use-postgres.md", 2),
    "ADR012": ({"0001-use-postgres.md": _madr(title="Ship logs to Loki")}, "0001-use-postgres.md", 7),
    "ADR013": (
        {"0001-use-postgres.md": _madr() + "<!-- advisor-check: ignore ADR999 -->\n"},
        "0001-use-postgres.md",
        10,
    ),
    # proposed on 2024-01-10 and never accepted: older than any `proposed-max-days` default by now
    "ADR014": ({"0001-use-postgres.md": _madr("proposed")}, "0001-use-postgres.md", 2),
    "ADR015": ({"0001-use-postgres.md": _madr(signed=False)}, "0001-use-postgres.md", 2),
    "ADR016": ({"0001-use-postgres.md": _madr() + "See the [pipeline]().\n"}, "0001-use-postgres.md", 10),
    "ADR017": (
        {
            "0001-use-postgres.md": _madr(),
            "0002-use-mysql.md": _madr(title="Use MySQL"),
            "README.md": "# Decisions\n\n- [1](0001-use-postgres.md)\n- [2](0002-use-mysql.md)\n- [9](0009-x.md)\n",
        },
        "README.md",
        5,
    ),
    "ADR018": (
        {"0001-use-postgres.md": _madr(), "0002-use-postgres-again.md": _madr()},
        "0001-use-postgres.md",
        7,
    ),
    "ADR019": ({"0001-use-postgres.md": _madr(extra="review-by: 2024-06-01\n")}, "0001-use-postgres.md", 5),
}


def _log(tmp_path: Path, files: dict[str, str | bytes]):
    folder = tmp_path / "adr"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_log(folder)


def _ours(findings: list[Finding], rule: str, file: Path) -> list[Finding]:
    return [f for f in findings if f.code == rule and f.file == str(file)]


def test_every_rule_has_a_case() -> None:
    log_rules = {rule for rule in RULES if rule.startswith("ADR0")}
    # ADR020 compares the log with other git branches: tests/adr/test_branches.py builds the repository it needs
    assert set(CASES) == log_rules - {"ADR020"}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_at_its_default_severity(rule: str, tmp_path: Path) -> None:
    files, name, line = CASES[rule]
    log = _log(tmp_path, files)
    found = _ours(tune(check_log(log), log, CheckConfig()), rule, log.folder / name)
    assert [(f.line, f.severity) for f in found] == [(line, RULES[rule].severity)]
    assert str(found[0]).startswith(f"{log.folder / name}:{line}: {rule} {RULES[rule].name}: {RULES[rule].severity}: ")


@pytest.mark.parametrize("rule", sorted(CASES))
def test_config_changes_or_silences_the_rule(rule: str, tmp_path: Path) -> None:
    files, name, _ = CASES[rule]
    log = _log(tmp_path, files)
    other = "warning" if RULES[rule].severity == "error" else "error"
    changed = tune(check_log(log), log, CheckConfig(severities={rule: other}))
    assert {f.severity for f in _ours(changed, rule, log.folder / name)} == {other}
    assert _ours(tune(check_log(log), log, CheckConfig(severities={rule: "off"})), rule, log.folder / name) == []
    ignored = tune(check_log(log), log, CheckConfig(ignore=(name,)))
    assert [f for f in ignored if f.file == str(log.folder / name)] == []


@pytest.mark.parametrize("rule", sorted(set(CASES) - {"ADR004"}))  # an unreadable record cannot carry a comment
def test_an_inline_comment_silences_the_rule_in_that_record(rule: str, tmp_path: Path) -> None:
    files, name, _ = CASES[rule]
    files = dict(files)
    files[name] = str(files[name]) + f"\n<!-- advisor-check: ignore {rule} -->\n"
    log = _log(tmp_path, files)
    assert _ours(tune(check_log(log), log, CheckConfig()), rule, log.folder / name) == []


def test_a_rule_name_works_like_its_id(tmp_path: Path) -> None:
    files, name, _ = CASES["ADR009"]
    files = {name: str(files[name]) + "<!-- advisor-check: ignore date-format -->\n"}
    log = _log(tmp_path, files)
    assert [f.code for f in tune(check_log(log), log, CheckConfig())] == []


def test_a_cycle_of_two_records_is_one_error(tmp_path: Path) -> None:
    log = _log(
        tmp_path,
        {
            "0001-use-postgres.md": _madr("superseded by ADR-0002", extra="supersedes: ADR-0002\n"),
            "0002-use-mysql.md": _madr("superseded by ADR-0001", "Use MySQL", extra="supersedes: ADR-0001\n"),
        },
    )
    cycles = [f for f in check_log(log) if f.code == "ADR003"]
    assert [(Path(f.file).name, f.message) for f in cycles] == [
        ("0001-use-postgres.md", "supersession cycle ADR-0001 -> ADR-0002 -> ADR-0001")
    ]


def test_drift_rules_are_tuned_like_the_others(tmp_path: Path) -> None:
    log = _log(tmp_path, {"0001-use-postgres.md": _madr()})
    drift = [
        Finding("deploy/x.yaml", None, "differs", "warning", "ADR105"),
        Finding("a.yaml", None, "x", "error", "ADR102"),
    ]
    tuned = tune(drift, log, CheckConfig(severities={"ADR105": "error", "ADR102": "off"}))
    assert [(f.code, f.severity) for f in tuned] == [("ADR105", "error")]
    assert {f.severity for f in tune(drift[:1], log, CheckConfig(), strict=True)} == {"error"}


def test_every_rule_is_documented_in_ci_md_with_its_name_and_severity() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "ci.md").read_text()
    rows = re.findall(r"^\| ((?:ADR|ORG)\d{3}) \| ([a-z-]+) \| (error|warning) \|", doc, re.MULTILINE)
    assert {rule: (name, severity) for rule, name, severity in rows} == {
        rule.id: (rule.name, rule.severity) for rule in RULES.values()
    }
    listed = re.findall(r"^\| ((?:ADR|ORG)\d{3}) \| (.+) \|$", doc, re.MULTILINE)
    examples = {rule for rule, rest in listed if not re.match(r"[a-z-]+ \| (error|warning) \|", rest)}
    assert set(RULES) <= examples  # and each has an example of what trips it


def test_a_proposal_that_supersedes_a_record_under_the_same_title_is_no_duplicate_title(tmp_path: Path) -> None:
    """advisor's successor keeps the outcome's title while proposed; ADR018 is for two decisions under one title."""
    log = _log(
        tmp_path,
        {
            "0001-use-postgres.md": _madr(),
            "0002-use-postgres-rpo.md": _madr(status="proposed", extra="supersedes: ['0001-use-postgres.md']\n"),
        },
    )
    assert [f for f in check_log(log) if f.code == "ADR018"] == []
    third = _log(tmp_path, {"0003-use-postgres-elsewhere.md": _madr()})  # a third, unrelated, still is one
    assert [f.code for f in check_log(third) if f.code == "ADR018"] == ["ADR018"]

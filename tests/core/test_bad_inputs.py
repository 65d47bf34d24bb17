"""Issue 2 section 7: bad answers files give exit 2, `FILE:LINE: field: message` lines, and write nothing."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

from advisor.answers import parse_answers
from advisor.errors import InputError

SCENARIO_A = (EXAMPLES / "scenario-a.yaml").read_text()
SCENARIO_B = (EXAMPLES / "scenario-b.yaml").read_text()
LINE = re.compile(r"^(?P<file>[^:\n]+)(:(?P<line>\d+))?: ((?P<field>[\w.\[\]-]+): )?(?P<message>.+)$")


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# name, file text (None: the file is not created), expected (line, field, message fragment) per problem
BAD: list[tuple[str, str | None, list[tuple[int | None, str | None, str]]]] = [
    (
        "a project name Helm and kubectl read as a boolean",
        SCENARIO_A.replace("name: atlas", "name: y"),
        [(4, "project.name", "reads as a boolean in YAML 1.1")],
    ),
    (
        "plain http backups for regulated data",
        SCENARIO_B.replace("https://s3.dr-site", "http://s3.dr-site"),
        [(28, "backup.endpoint", "must be https:// for regulated data")],
    ),
    (
        "a backup endpoint that is a Service of the cluster",
        SCENARIO_B.replace("s3.dr-site.example.org", "ledger-minio.ledger-prod.svc.cluster.local:9000"),
        [(28, "backup.endpoint", "names a Service of a cluster")],
    ),
    (
        "a backup endpoint with no dot in its host",
        SCENARIO_B.replace("s3.dr-site.example.org", "ledger-minio:9000"),
        [(28, "backup.endpoint", "must be an S3 endpoint URL")],
    ),
    (
        "backup retention of zero days",
        SCENARIO_A + "backup:\n  retention_days: 0\n",
        [(26, "backup.retention_days", "greater")],
    ),
    (
        "a bad CA bundle Secret name",
        SCENARIO_A + "backup:\n  ca_bundle_secret: CA_bundle\n",
        [(26, "backup.ca_bundle_secret", "DNS label")],
    ),
    (
        "plain http to the log platform for regulated data",
        SCENARIO_B + "  log_endpoint: http://logs.dr-site.example.org\n",
        [(42, "observability.log_endpoint", "must be https:// for regulated data")],
    ),
    (
        "an alert receiver that is not an e-mail address",
        SCENARIO_A.replace("oncall@atlas.example.com", "oncall"),
        [(24, "observability.alert_receiver", "e-mail address")],
    ),
    (
        "log retention of zero days",
        SCENARIO_A + "  log_retention_days: 0\n",
        [(25, "observability.log_retention_days", "greater")],
    ),
    (
        "a misspelt observability key",
        SCENARIO_A + "  otel_adoptd: true\n",
        [(25, "observability.otel_adoptd", "did you mean 'otel_adopted'?")],
    ),
    (
        "a restore drill interval over a year",
        SCENARIO_A + "backup:\n  drill_interval_days: 400\n",
        [(26, "backup.drill_interval_days", "less than or equal to 366")],
    ),
    ("missing file", None, [(None, None, "answers file not found")]),
    ("empty file", "", [(None, None, "answers file is empty")]),
    ("only a comment", "# nothing yet\n", [(None, None, "answers file is empty")]),
    ("not a mapping", "- phase: 4\n", [(1, None, "must be a YAML mapping, got list")]),
    (
        "malformed YAML",
        "project:\n  name: atlas\nphase: 4\nteam:\n  size: 5\n   extra: 1\n",
        [(6, None, "malformed YAML: mapping values are not allowed here")],
    ),
    ("tab indentation", "project:\n\tname: atlas\n", [(2, None, "malformed YAML")]),
    ("duplicate key", SCENARIO_A.replace("phase: 4\n", "phase: 4\nphase: 5\n"), [(7, "phase", "duplicate key")]),
    (
        "unknown key with a suggestion",
        SCENARIO_A.replace("  size: 5", "  sise: 5"),
        [(7, "team.size", "required but missing"), (8, "team.sise", "unknown key; did you mean 'size'?")],
    ),
    (
        "unknown top-level key",
        SCENARIO_A + "enviroments: [dev]\n",
        [(25, "enviroments", "did you mean 'environments'?")],
    ),
    ("wrong type, no coercion", SCENARIO_A.replace("phase: 4", 'phase: "four"'), [(6, "phase", "valid integer")]),
    ("a quoted number is not a number", SCENARIO_A.replace("  size: 5", '  size: "5"'), [(8, "team.size", "integer")]),
    ("yes is not a boolean", SCENARIO_A.replace("regulated: false", 'regulated: "yes"'), [(12, None, "boolean")]),
    ("out of range", SCENARIO_A.replace("phase: 4", "phase: 12"), [(6, "phase", "less than or equal to 9")]),
    ("zero teams", SCENARIO_A.replace("teams: 1", "teams: 0"), [(14, "organization.teams", "greater than or equal")]),
    ("unknown option", SCENARIO_A.replace("provider: aws", "provider: hetzner"), [(16, "hosting.provider", "'aws'")]),
    (
        "invalid name",
        SCENARIO_A.replace("name: atlas", "name: Atlas_1"),
        [(4, "project.name", "must be a DNS-1123 label")],
    ),
    (
        "invalid environment",
        SCENARIO_A.replace("[dev, staging, prod]", "[dev, Prod]"),
        [(17, "environments[1]", "DNS label")],
    ),
    (
        "a moving image tag",
        SCENARIO_A.replace("  domain: atlas.example.com", "  domain: atlas.example.com\n  image_tag: latest"),
        [(21, "delivery.image_tag", "not 'latest'")],
    ),
    (
        "an image that names a tag",
        SCENARIO_A.replace(
            "  domain: atlas.example.com", "  domain: atlas.example.com\n  image: ghcr.io/acme/atlas:1.0"
        ),
        [(21, "delivery.image", "names a tag (:1.0): give the repository (ghcr.io/acme/atlas) here")],
    ),
    (
        "a bare image name with a tag",
        SCENARIO_A.replace("  domain: atlas.example.com", "  domain: atlas.example.com\n  image: atlas:1.0"),
        [(21, "delivery.image", "names a tag (:1.0)")],
    ),
    ("schema version 2", SCENARIO_A.replace("schema_version: 1", "schema_version: 2"), [(2, "schema_version", "2")]),
    ("billion laughs", _bomb(), [(None, None, "alias bomb")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), BAD, ids=[case[0] for case in BAD])
def test_bad_answers_are_reported_and_nothing_is_written(
    tmp_path: Path, name: str, text: str | None, expected: list[tuple[int | None, str | None, str]]
) -> None:
    answers = tmp_path / "answers.yaml"
    if text is not None:
        answers.write_text(text)
    before = sorted(tmp_path.rglob("*"))
    result = run_cli("decide", "--answers", answers, "--out", tmp_path / "deploy", "--adr-dir", tmp_path / "adr")
    assert result.code == 2, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == len(expected), result.err
    for line, (number, field, fragment) in zip(lines, expected, strict=True):
        match = LINE.match(line)
        assert match, f"not FILE:LINE: field: message: {line!r}"
        assert match["file"] == str(answers)
        if number is not None:
            assert match["line"] == str(number), line
        if field is not None:
            assert match["field"] == field, line
        assert fragment in match["message"], line
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("command", ["explain", "decide --dry-run --json"])
def test_other_commands_report_bad_input_the_same_way(tmp_path: Path, command: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(SCENARIO_A.replace("phase: 4", 'phase: "four"'))
    result = run_cli(*command.split(), "--answers", answers, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"{answers}:6: phase: must be a valid integer (got str)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_billion_laughs_is_rejected_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_answers(_bomb(levels=12), "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert "alias bomb" in str(caught.value)


def test_a_directory_is_not_an_answers_file(tmp_path: Path) -> None:
    result = run_cli("decide", "--answers", tmp_path, "--dry-run")
    assert result.code == 2
    assert result.err == f"{tmp_path}: answers file is a directory, expected a file\n"


@pytest.mark.parametrize("image", ["registry.example.com:5000/team/atlas", "ghcr.io/acme/atlas", "atlas"])
def test_an_image_repository_with_a_registry_port_is_not_a_tag(image: str) -> None:
    text = SCENARIO_A.replace("  domain: atlas.example.com", f"  domain: atlas.example.com\n  image: {image}")
    assert parse_answers(text, "answers.yaml").image == image

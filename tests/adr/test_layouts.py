"""Every layout real ADR logs use, read the same way: `adr list --json` gives number, title, status, date, links.

The fixture logs under tests/fixtures/adr-* imitate real logs (adr-tools with its old `Superceded` spelling,
MADR 2 bullets, MADR 3/4 front matter without a status, log4brains dates, `ADR001-`, `ADR001_`, `ADR-0001-`,
`adr-001-` names, status tables, `**Status:**` lines, qualifiers, and dates in five spellings).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# folder -> [(file, number, title, status, date, links "kind ID")]
EXPECTED = {
    "adr-tools-superceded": [
        ("0001-record-architecture-decisions.md", 1, "Record architecture decisions", "accepted", "2016-02-12", []),
        (
            "0002-use-a-shared-nfs-volume-for-uploads.md",
            2,
            "Use a shared NFS volume for uploads",
            "superseded",
            "2016-03-01",
            ["superseded by 0004"],
        ),
        ("0003-run-postgres-on-a-vm.md", 3, "Run Postgres on a VM", "accepted", "2016-03-14", ["amended by 0005"]),
        (
            "0004-store-uploads-in-object-storage.md",
            4,
            "Store uploads in object storage",
            "accepted",
            "2017-06-20",
            ["supersedes 0002"],
        ),
        (
            "0005-add-pgvector-to-postgres.md",
            5,
            "Add pgvector to Postgres",
            "accepted",
            "2023-09-02",
            ["amends 0003"],
        ),
    ],
    "adr-madr2-bullets": [
        (
            "0000-use-markdown-architectural-decision-records.md",
            0,
            "Use Markdown Architectural Decision Records",
            "accepted",
            "2019-11-04",
            [],
        ),
        (
            "0001-keep-secrets-in-vault.md",
            1,
            "Keep secrets in Vault",
            "superseded",
            "2020-05",
            ["superseded by ADR-0003"],
        ),
        ("0002-pin-base-images.md", 2, "Pin base images", "approved", "2020", []),
        ("0003-keep-secrets-in-sealed-secrets.md", 3, "Keep secrets in Sealed Secrets", "accepted", "2021-03-15", []),
    ],
    "adr-madr3-front-matter": [
        ("0001-use-kustomize-for-manifests.md", 1, "Use Kustomize for manifests", "", "2023-01-12", []),
        ("0002-adopt-rancher.md", 2, "Adopt Rancher", "accepted", "2023-02-01", []),
        ("0003-run-postgres-with-cloudnativepg.md", 3, "Run Postgres with CloudNativePG", "", "", []),
        (
            "0004-ship-logs-to-loki.md",
            4,
            "Ship logs to Loki",
            "partly superseded",
            "2023-06",
            ["partly superseded by ADR-0005"],
        ),
        ("0005-ship-audit-logs-to-the-siem.md", 5, "Ship audit logs to the SIEM", "proposed", "", []),
    ],
    "adr-log4brains-dated": [
        (
            "20200110-use-log4brains-to-manage-the-adrs.md",
            None,
            "Use Log4brains to manage the ADRs",
            "accepted",
            "2020-01-10",
            [],
        ),
        (
            "20200312-use-redis-for-sessions.md",
            None,
            "Use Redis for sessions",
            "superseded",
            "2020-03-12",
            ["superseded by 20210905-keep-sessions-in-postgres"],
        ),
        (
            "20210905-keep-sessions-in-postgres.md",
            None,
            "Keep sessions in Postgres",
            "accepted",
            "05/09/2021",
            ["supersedes 20200312-use-redis-for-sessions"],
        ),
        ("20221101-try-a-service-mesh.md", None, "Try a service mesh", "draft", "", []),
    ],
    "adr-adrnnn-prefix": [
        (
            "ADR001-use-terraform-for-infrastructure.md",
            1,
            "Use Terraform for infrastructure",
            "accepted",
            "March 2021",
            [],
        ),
        (
            "ADR002-run-workloads-on-eks.md",
            2,
            "Run workloads on EKS",
            "accepted",
            "2021-04-02",
            ["amended by ADR004"],
        ),
        ("ADR003-keep-state-in-s3.md", 3, "Keep Terraform state in S3", "pending", "", []),
        ("ADR004-move-ingress-to-the-gateway-api.md", 4, "Move ingress to the Gateway API", "proposed", "2024", []),
    ],
    "adr-underscore-table": [
        ("ADR001_choose_a_message_broker.md", 1, "Choose a message broker", "accepted", "05/03/2021", []),
        (
            "ADR002_use_json_schema_for_events.md",
            2,
            "Use JSON Schema for events",
            "superseded",
            "2021-06",
            ["superseded by ADR003"],
        ),
        ("ADR003_use_avro_for_events.md", 3, "Use Avro for events", "accepted", "2022-01-20", ["supersedes ADR002"]),
        ("adr004_retire_the_legacy_queue.md", 4, "Retire the legacy queue", "on hold", "", []),
    ],
    "adr-dash-prefix": [
        ("ADR-0001-record-architecture-decisions.md", 1, "Record architecture decisions", "accepted", "2020", []),
        ("ADR-0002-use-github-actions-for-ci.md", 2, "Use GitHub Actions for CI", "proposed", "2020-05", []),
        ("ADR-0003-deploy-with-argo-cd.md", 3, "Deploy with Argo CD", "deprecated", "", []),
    ],
    "adr-lowercase-three-digit": [
        ("adr-001-use-python-for-the-cli.md", 1, "Use Python for the CLI", "accepted", "2021-09-02", []),
        (
            "adr-002-store-config-in-yaml.md",
            2,
            "Store config in YAML",
            "partly superseded",
            "",
            ["partly superseded by ADR-003"],
        ),
        ("ADR-003-read-toml-from-pyproject.md", 3, "Read TOML from pyproject", "accepted", "2022-02-14", []),
    ],
}


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_adr_list_reads_every_layout(folder: str) -> None:
    result = run_cli("adr", "list", "--json", "--adr-dir", FIXTURES / folder)
    assert result.code == 0, result.err
    rows = [
        (
            row["file"],
            row["number"],
            row["title"],
            row["status"],
            row["date_written"],
            [f"{link['kind']} {', '.join(link['to'])}" for link in row["links"]],
        )
        for row in json.loads(result.out)
    ]
    assert rows == EXPECTED[folder]


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_check_passes_every_log_without_a_real_defect(folder: str) -> None:
    result = run_cli("check", "--adr-dir", FIXTURES / folder)
    assert result.code == 0, result.out
    assert ": error: " not in result.out


def test_check_fails_on_a_duplicate_number_and_a_dangling_link_naming_file_and_line() -> None:
    folder = FIXTURES / "adr-defects"
    result = run_cli("check", "--adr-dir", folder)
    assert result.code == 1
    lines = result.out.splitlines()
    folder = folder.relative_to(ROOT)  # printed relative to the root (the current folder), as docs/ci.md shows
    assert f"{folder / '0002-use-minio.md'}:1: ADR001 duplicate-number: error: duplicate number 0002" in lines[0]
    assert f"{folder / '0002-use-minio.md'}:9: ADR002 dangling-link: error: 'amends [7. Use object storage]" in (
        result.out
    )
    assert "duplicate number 0002 (also 0002-use-redis.md)" in lines[0]  # one finding per number

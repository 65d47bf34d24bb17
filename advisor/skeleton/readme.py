"""The skeleton's README.md: what was generated, why, what to fill in, how to apply, roll back, and what it needs.

Written so that the README alone is enough to deploy: every placeholder the files contain is listed here, and
every deliberate deviation from a linter is named with the reason (the same reason sits on the object).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.decision import Decision
from advisor.skeleton import layout, names
from advisor.skeleton.readme_kubernetes import kubernetes_sections
from advisor.skeleton.readme_platform import platform_sections

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext


def _tree(paths: list[str]) -> str:
    return "\n".join(f"- `{path}`" for path in sorted(paths))


def render(decision: Decision, context: SkeletonContext, paths: list[str]) -> bytes:
    a, c = decision.answers, decision.choices
    app = names.app(a)
    header = f"<!-- {names.HEADER.removeprefix('# ').strip()} -->\n"
    lines = [f"# Deployment skeleton for {app}", ""]
    lines += [
        f"Generated from [{context.adr_id}]({context.adr_relpath}), which records why: "
        + ", ".join(f"{key} = {value}" for key, value in sorted(c.items()))
        + ". Edit these files freely: `advisor check` reports drift from `advisor.lock.yaml`, and `advisor decide` "
        "merges a later render into an edited file (a conflict leaves the file as it is and writes `FILE.new`).",
        "",
        "## Files",
        "",
        _tree([*paths, layout.README]),
        "",
    ]
    if c.get("runtime") == "docker-compose":
        lines += _compose(app)
    else:
        lines += [*platform_sections(decision), *kubernetes_sections(decision, paths)]
    return (header + "\n".join(lines) + "\n").encode()


def _compose(app: str) -> list[str]:
    return [
        "## Run it",
        "",
        "    cp .env.example .env   # fill in the REPLACE-ME values; never commit .env",
        "    docker compose up -d",
        "",
        "## Moving to Kubernetes at Phase 4",
        "",
        "Run `advisor decide` again with `phase: 4` or later. The app keeps reading the same variables",
        "(`DATABASE_URI`, `DATABASE_USERNAME`, `DATABASE_PASSWORD`, `S3_*`, `LOG_*`, `OTEL_*`): on Kubernetes",
        f"they come from the ConfigMap `{app}-config` and the Secrets `{app}-db` and `{app}-s3`. Dump the database",
        "with `pg_dump -Fc` and restore it into the new Postgres; copy objects with `mc mirror`.",
        "",
        f"MinIO (`{names.MINIO_IMAGE}`) is built by your team: its community edition is source-only since",
        "October 2025 and the last official image predates the CVE-2025-62506 fix. Build that release",
        "(`make build` in a checkout of the tag) into an image and push it under that name, or point",
        "`S3_ENDPOINT` at another S3-compatible server.",
    ]

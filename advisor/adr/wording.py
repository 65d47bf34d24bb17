"""Words for the ADR that follow from the answers: context, drivers, and the option labels.

These are presentation only; what is decided, and why, comes from the rules (rules/*.yaml) through
the Decision's trace. Keeping the phrasing here lets every template share it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.answers import Answers
from advisor.labels import in_display_order, option_label

if TYPE_CHECKING:
    from advisor.ruleset import Ruleset

PROVIDERS = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "on-premises": "on-premises hardware", "other": ""}


def label(key: str, value: str, ruleset: Ruleset | None = None) -> str:
    """An option's name, from the `label:` in the rule files (rules/decisions.yaml and any --rules layer)."""
    return option_label(key, value, ruleset)


def decision_keys(choices: dict[str, str], ruleset: Ruleset | None = None) -> list[str]:
    """The decisions an ADR discusses, in reading order; the secret store only when one is read."""
    keys = in_display_order(choices, ruleset)
    return [key for key in keys if not (key == "secret_store" and choices[key] == "none")]


def title(answers: Answers, choices: dict[str, str]) -> str:
    name = answers.project.name
    if choices.get("runtime") != "kubernetes":
        return f"Deploy {name} with Docker Compose until Phase 4"
    parts = [
        "managed Postgres" if choices.get("postgres") == "managed" else "in-cluster Postgres",
        {"managed": "managed object storage", "in-cluster": "in-cluster MinIO"}.get(choices.get("object_storage", "")),
        label("secrets", choices.get("secrets", "")) if "secrets" in choices else None,
    ]
    words = [part for part in parts if part]
    text = f"Deploy {name} on Kubernetes with " + (", ".join(words[:-1]) + " and " + words[-1])
    return text + (" under Rancher" if choices.get("rancher") == "adopt" else "")


def context(answers: Answers) -> list[str]:
    """Paragraphs of "Context and Problem Statement", from the answers only."""
    a = answers
    description = f" ({a.project.description.strip().rstrip('.')})" if a.project.description.strip() else ""
    team = a.team
    hosting = PROVIDERS.get(a.hosting.provider) or "a provider without managed services we rely on"
    paragraphs = [
        f"{a.project.name}{description} needs a deployment for its service mode (SPEC-0006). The product is in "
        f"phase {a.phase}; SPEC-0006 3.1 keeps Docker Compose for phases 2-3 and moves the service mode to "
        "Kubernetes from phase 4, with Rancher as the management plane once Kubernetes is adopted.",
        f"{_count(team.size, 'engineer')} build and run the service, {team.platform_engineers} of them dedicated to "
        f"platform work; their Kubernetes experience is {team.kubernetes_experience}. "
        f"{_count(a.organization.teams, 'team')} deploy{'s' if a.organization.teams == 1 else ''} to "
        f"{_count(a.organization.clusters, 'cluster')}.",
        _regulation(a),
        f"It is hosted on {hosting}: a managed Postgres offering is "
        f"{'available' if a.managed_postgres_available else 'not available'}, managed object storage is "
        f"{'available' if a.managed_object_storage_available else 'not available'}. Postgres with pgvector holds "
        f"the vector store{', and objects go to S3-compatible storage' if a.data.object_storage else ''}; the "
        f"recovery targets are RPO {a.data.rpo_minutes} minutes and RTO {a.data.rto_minutes} minutes. "
        f"Environments: {', '.join(a.environments)}.",
        "Where should the service mode run, should Postgres and object storage be bought managed or run in the "
        "cluster, is Rancher worth adopting, and how do secrets reach the workloads without being stored in plain "
        "text?",
    ]
    return paragraphs


def drivers(answers: Answers) -> list[str]:
    a = answers
    out = [
        "Reliability (SPEC-0006 2.2): health probes, rolling updates and restart behaviour",
        "Security posture (SPEC-0006 2.2): least-privilege RBAC, and secrets never stored in plain text",
        f"Stateful safety (SPEC-0006 2.2, 3.3): PVCs and a tested backup/restore strategy meeting RPO "
        f"{a.data.rpo_minutes} min and RTO {a.data.rto_minutes} min",
        f"Phasing (SPEC-0006 3.1): the product is in phase {a.phase}",
        f"Operational capacity: {_count(a.team.size, 'engineer')}, {a.team.platform_engineers} on the platform, "
        f"Kubernetes experience {a.team.kubernetes_experience}",
    ]
    if a.regulation.regulated:
        frameworks = ", ".join(f.upper() for f in a.regulation.frameworks) or "no framework named yet"
        where = f"data residency {a.regulation.data_residency}" + (", air-gapped" if a.regulation.air_gapped else "")
        out.append(f"Regulation (SPEC-0006 4, Scenario B): {frameworks}; {where}")
    if a.organization.teams > 1 or a.organization.clusters > 1:
        out.append(
            f"Governance (SPEC-0006 4, Scenario C): {_count(a.organization.teams, 'team')} share "
            f"{_count(a.organization.clusters, 'cluster')} and need consistent RBAC"
        )
    out.append(f"Environment separation (SPEC-0006 2.1): {', '.join(a.environments)}")
    return out


def _regulation(a: Answers) -> str:
    reg = a.regulation
    if not reg.regulated:
        return "The service handles no regulated data."
    frameworks = ", ".join(f.upper() for f in reg.frameworks) or "no framework named yet"
    gap = "; the site is air-gapped" if reg.air_gapped else ""
    return f"The service handles regulated data ({frameworks}); data residency is {reg.data_residency}{gap}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")

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


def context(answers: Answers, choices: dict[str, str]) -> list[str]:
    """Paragraphs of "Context and Problem Statement", from the answers only."""
    a = answers
    description = f" ({a.project.description.strip().rstrip('.')})" if a.project.description.strip() else ""
    team = a.team
    hosting = PROVIDERS.get(a.hosting.provider) or "a provider without managed services we rely on"
    offers = [
        what
        for what, available in (
            ("managed Postgres", a.managed_postgres_available),
            ("managed object storage", a.managed_object_storage_available),
        )
        if available
    ]
    shares = "shares" if a.organization.teams == 1 else "share"
    stage = (
        "runs its service mode with Docker Compose until Phase 4"
        if choices.get("runtime") == "docker-compose"
        else "moves its service mode to Kubernetes"
    )
    objects = ", and objects in S3-compatible storage" if a.data.object_storage else ""
    return [
        f"{a.project.name}{description} is in phase {a.phase} and {stage}. It keeps its vectors in Postgres with "
        f"pgvector{objects}; recovery targets are RPO {a.data.rpo_minutes} min and RTO {a.data.rto_minutes} min.",
        f"{_count(team.size, 'engineer')} ({team.platform_engineers} on the platform, Kubernetes experience "
        f"{team.kubernetes_experience}) run it; {_count(a.organization.teams, 'team')} {shares} "
        f"{_count(a.organization.clusters, 'cluster')}. {_regulation(a)} It is hosted on {hosting}, which offers "
        f"{' and '.join(offers) if offers else 'no managed Postgres or object storage'}.",
    ]


def question(weighed) -> str:
    """The question the record answers: the decisions that were really open, by name."""
    names = [w.name for w in weighed if w.kind == "weighed"]
    if not names:
        return "The answers leave no real alternative open; this record says why, and what would change that."
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Open under these answers: {joined}. The rest follows from the answers, as the options below say."


def actions(weighed) -> str:
    """The Nygard record's decision, in English: "run the service mode on Kubernetes, ..., and defer Rancher"."""
    verbs = [w.action for w in weighed]
    return verbs[0] if len(verbs) == 1 else ", ".join(verbs[:-1]) + " and " + verbs[-1]


def _regulation(a: Answers) -> str:
    reg = a.regulation
    if not reg.regulated:
        return "It handles no regulated data."
    frameworks = ", ".join(f.upper() for f in reg.frameworks) or "no framework named yet"
    gap = " on an air-gapped site" if reg.air_gapped else ""
    return f"It handles regulated data ({frameworks}) with data residency {reg.data_residency}{gap}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")

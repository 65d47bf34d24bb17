"""The deliberate linter exceptions, written where checkov reads them: `checkov.io/skipN` annotations.

One reason per check, shared by every workload advisor writes (the app, MinIO, the one-shot Jobs, the restore
drill, the `helm test` Pod) and by the generated README, so a reviewer reads the same sentence everywhere.
Each workload gets only the exceptions that apply to it: a Job without secretKeyRef gets no CKV_K8S_35 skip.
"""

from __future__ import annotations

from typing import Any

PULL_POLICY = "CKV_K8S_15=IfNotPresent on purpose: tags are immutable and pinned per environment"
SECRET_ENV = "CKV_K8S_35=credentials come via secretKeyRef, one interface for every mode"
DIGEST = "CKV_K8S_43=tags are pinned per environment; pin digests in your release pipeline (README)"
NO_LIVENESS = "CKV_K8S_8=a one-shot test pod exits in seconds; nothing to probe"
NO_READINESS = "CKV_K8S_9=a one-shot test pod serves nothing; nothing to probe"

README_REASONS = {
    "CKV_K8S_15": "imagePullPolicy `IfNotPresent`: tags are immutable and pinned per environment, so `Always` "
    "only adds a registry round trip and a registry dependency at every restart",
    "CKV_K8S_35": "credentials as `secretKeyRef` environment variables: one interface for every mode "
    "(kube-linter accepts it)",
    "CKV_K8S_43": "tags rather than digests: pin digests in the release pipeline (Images, above)",
    "CKV_K8S_8/9": "no probes on the one-shot `helm test` Pod: it runs curl once and exits",
}


def annotations(*reasons: str) -> dict[str, str]:
    """`checkov.io/skip1..N` in the given order (checkov reads them from the workload's own metadata)."""
    return {f"checkov.io/skip{index}": reason for index, reason in enumerate(reasons, start=1)}


def _uses_secret_env(containers: list[dict[str, Any]]) -> bool:
    return any("secretKeyRef" in item.get("valueFrom", {}) for c in containers for item in c.get("env", []))


def for_workload(containers: list[dict[str, Any]]) -> dict[str, str]:
    """The skips a Deployment, StatefulSet or Job with these containers needs."""
    reasons = [PULL_POLICY] + ([SECRET_ENV] if _uses_secret_env(containers) else []) + [DIGEST]
    return annotations(*reasons)


def chart_values() -> dict[str, dict[str, str]]:
    """`linterExceptions` in values.yaml: the chart's templates add these to their workloads' metadata."""
    return {
        "withSecrets": annotations(PULL_POLICY, SECRET_ENV, DIGEST),
        "withoutSecrets": annotations(PULL_POLICY, DIGEST),
        "testPod": annotations(PULL_POLICY, DIGEST, NO_LIVENESS, NO_READINESS),
    }

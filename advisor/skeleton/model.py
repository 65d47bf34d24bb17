"""What every object builder needs: the decision, the environment, and the metadata every object carries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.answers import Answers
from advisor.decision import Decision
from advisor.skeleton import linter_exceptions, names

ENV_LABEL = "advisor.dev/environment"  # added by each overlay's `labels:` (never to selectors)


@dataclass(frozen=True)
class Target:
    """One environment of one decision. `env=None` builds the environment-neutral Kustomize base."""

    decision: Decision
    adr_id: str
    env: str | None = None

    @property
    def answers(self) -> Answers:
        return self.decision.answers

    @property
    def app(self) -> str:
        return self.decision.answers.project.name

    @property
    def namespace(self) -> str | None:
        return None if self.env is None else names.namespace(self.answers, self.env)

    @property
    def prod(self) -> bool:
        return self.env is not None and names.is_prod(self.env)

    @property
    def in_cluster_db(self) -> bool:
        return self.decision.choices.get("postgres") == "in-cluster"

    @property
    def object_storage(self) -> str:
        return self.decision.choices.get("object_storage", "managed")

    @property
    def rancher(self) -> bool:
        return self.decision.choices.get("rancher") == "adopt"

    def with_env(self, env: str | None) -> Target:
        return Target(self.decision, self.adr_id, env)

    def labels(self, component: str, **override: str) -> dict[str, str]:
        out = names.labels(self.answers, component)
        out.update(override)
        if self.env is not None:
            out[ENV_LABEL] = self.env
        return out

    def meta(self, name: str, component: str, *, namespaced: bool = True, **extra: Any) -> dict[str, Any]:
        """metadata: name, namespace (per environment), labels and any annotations the object needs."""
        meta: dict[str, Any] = {"name": name}
        if namespaced and self.namespace is not None:
            meta["namespace"] = self.namespace
        meta["labels"] = self.labels(component, **extra.pop("labels", {}))
        annotations = extra.pop("annotations", {})
        if annotations:  # the ADR is named once per tree (overlay commonAnnotations), not on each object
            meta["annotations"] = annotations
        meta.update(extra)
        return meta

    def pod_labels(self, selector: dict[str, str], component: str) -> dict[str, str]:
        out = {**names.labels(self.answers, component), **selector}
        if self.env is not None:
            out[ENV_LABEL] = self.env
        return out


def obj(api_version: str, kind: str, metadata: dict[str, Any], **body: Any) -> dict[str, Any]:
    """A Kubernetes object with its keys in the conventional order."""
    return {"apiVersion": api_version, "kind": kind, "metadata": metadata, **body}


def one_shot_job(
    t: Target, name: str, component: str, selector: dict[str, str], container: dict[str, Any], backoff: int, ttl: int
) -> dict[str, Any]:
    """A hardened Job that runs one container to completion (bucket setup, restore check) and is then cleaned up."""
    pod = {
        "metadata": {"labels": t.pod_labels(selector, component)},
        "spec": {
            "restartPolicy": "OnFailure",
            "automountServiceAccountToken": False,
            "securityContext": names.pod_security_context(),
            "containers": [container],
            "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "16Mi"}}],
        },
    }
    spec = {"backoffLimit": backoff, "ttlSecondsAfterFinished": ttl, "template": pod}
    meta = t.meta(name, component, annotations=linter_exceptions.for_workload([container]))
    return obj("batch/v1", "Job", meta, spec=spec)

"""Every render of an example's skeleton, as a platform team would produce them: one list of objects per render.

Kustomize: `kubectl kustomize` of each overlay (the observability component included), of each overlay with the
`postgres-recovery` component added (a restore, RUNBOOK.md) and of the restore drill. Helm: the chart with its
defaults alone, with each `values-<env>.yaml`, with each and `postgres.recovery.enabled`, and once more with every
optional part switched on (restore drill, recovery, Namespace). Plus the files applied as they are
(`rancher/management.yaml`). Shared by the checkov, CRD-schema and registry tests.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from advisor.decision import Decision
from tests.conftest import EXAMPLE_FILES
from tests.skeleton.kustomize_support import example_decision, kustomize, render, variant

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OPTIONAL_PARTS = {
    "namespace": {"create": True},
    "postgres": {"recovery": {"enabled": True}, "restoreDrill": {"enabled": True}},
}


@dataclass
class Renders:
    decision: Decision
    root: Path
    files: dict[str, bytes]
    objects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # render name -> objects

    def all_objects(self) -> list[tuple[str, dict[str, Any]]]:
        return [(name, obj) for name, objs in self.objects.items() for obj in objs]


def _docs(text: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.load_all(text, Loader=LOADER) if isinstance(doc, dict) and "kind" in doc]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out.get(key) or {}, value) if isinstance(value, dict) else value
    return out


def with_components(root: Path, env: str, *components: str) -> Path:
    """A copy of `overlays/<env>` with more components, as a user adds them for a restore (RUNBOOK.md)."""
    folder = root / "overlays" / f"_{'-'.join(components)}-{env}"
    if not folder.is_dir():
        shutil.copytree(root / "overlays" / env, folder)
        kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
        added = [f"../../components/{c}" for c in components]
        kustomization["components"] = kustomization.get("components", []) + added
        (folder / "kustomization.yaml").write_text(yaml.safe_dump(kustomization, sort_keys=False))
    return folder


def _kustomize_renders(renders: Renders, prefix: str, envs: list[str]) -> None:
    root = renders.root / prefix
    for env in envs:
        renders.objects[f"{prefix}overlays-{env}"] = kustomize(root / "overlays" / env)
    if (root / "restore-drill").is_dir():
        renders.objects[f"{prefix}restore-drill"] = kustomize(root / "restore-drill")
    if (root / "components" / "postgres-recovery").is_dir():
        for env in envs:
            renders.objects[f"{prefix}recovery-{env}"] = kustomize(with_components(root, env, "postgres-recovery"))


def _helm_renders(renders: Renders, envs: list[str]) -> None:
    from tests.skeleton.helm_support import Chart

    chart = Chart(renders.decision, renders.root, renders.root / "helm", renders.files)
    renders.objects["helm-defaults"] = chart.objects(envs[0], {})
    for env in envs:
        renders.objects[f"helm-{env}"] = chart.objects(env)
    drill_env = "staging" if "staging" in envs else envs[0]
    optional = _merge(chart.values(drill_env), OPTIONAL_PARTS)
    if chart.decision.choices.get("postgres") != "in-cluster":
        optional.pop("postgres")
    renders.objects[f"helm-{drill_env}-optional"] = chart.objects(drill_env, optional)
    if chart.decision.choices.get("postgres") == "in-cluster":
        for env in envs:
            recovery = _merge(chart.values(env), {"postgres": {"recovery": {"enabled": True}}})
            renders.objects[f"helm-{env}-recovery"] = chart.objects(env, recovery)


@functools.cache
def example_renders(path: Path, out: Path, manifests: str | None = None) -> Renders:
    """Every render of an example; `manifests` forces the layout (e.g. "both", to compare the two trees)."""
    decision = example_decision(path)
    if manifests is not None:
        decision = variant(decision, manifests=manifests)
    renders = Renders(decision, out, render(decision, out))
    if decision.choices.get("runtime") != "kubernetes":
        return renders
    envs = list(decision.answers.environments)
    manifests = decision.choices.get("manifests")
    if manifests in ("kustomize", "both"):
        _kustomize_renders(renders, "kustomize/" if manifests == "both" else "", envs)
    if manifests in ("helm", "both"):
        _helm_renders(renders, envs)
    rancher = [path for path in sorted(renders.files) if path.startswith("rancher/")]
    if rancher:
        renders.objects["rancher"] = [doc for path in rancher for doc in _docs(renders.files[path].decode())]
    return renders


KUBERNETES_EXAMPLES = [p for p in EXAMPLE_FILES if example_decision(p).choices.get("runtime") == "kubernetes"]

"""The Kubernetes skeleton: the Kustomize tree and/or the Helm chart, plus what both share (rancher/, runbook, SOPS).

Helm is optional at run time: where its builder is missing, "both" writes the Kustomize tree alone and "helm"
falls back to Kustomize, so a decision always yields something that deploys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from advisor.content import Content
from advisor.decision import Decision
from advisor.skeleton import (
    images,
    kustomize,
    layout,
    names,
    observability,
    placement,
    rancher,
    runbook,
    runbook_alerts,
    secrets,
)
from advisor.skeleton.model import Target
from advisor.skeleton.yamlout import dump_all, dump_one

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext

Files = list[tuple[str, Content]]
IMAGES_TXT = "images.txt"  # what a mirroring job copies into the site's registry


def build(decision: Decision, context: SkeletonContext, manifests: str, helm: Callable | None) -> Files:
    answers = decision.answers
    envs = list(answers.environments)
    header = names.HEADER
    t = Target(decision, context.adr_id)
    files: Files = []
    prefix = layout.kustomize_dir(manifests)
    if prefix is None and helm is None:
        prefix = ""  # a chart was decided but its builder is missing: Kustomize still deploys the same objects
    if prefix is not None:
        files += kustomize.build(t, envs, prefix, header)
    helm_prefix = layout.helm_dir(manifests)
    if helm is not None and helm_prefix is not None:
        files += helm(decision, context, helm_prefix)
    charted = helm is not None and helm_prefix is not None
    files.append((IMAGES_TXT, header.encode() + images.images_txt(decision, helm=charted)))
    if t.rancher:
        files += _rancher(t, envs, prefix, helm_prefix if charted else None, header)
    if decision.choices.get("secrets") == "sops":
        files.append((layout.SOPS_CONFIG, dump_one(secrets.sops_config(envs), header)))
    restore = None
    if t.in_cluster_db:
        restore = runbook.render(t, envs, prefix, header)
    files.append((layout.RUNBOOK, runbook_alerts.render(t, restore, header)))
    files += observability.files(decision, header)
    return files


def _rancher(t: Target, envs: list[str], prefix: str | None, chart: str | None, header: str) -> Files:
    """Management objects, and a Fleet bundle per environment: of the Kustomize tree when there is one (deployed
    per cluster from `clusters/<cluster>/<env>`), else of the chart."""
    management = [*rancher.projects(t), *rancher.role_bindings(t)]
    base = prefix if prefix is not None else chart or ""
    files: Files = [
        (f"{layout.RANCHER_DIR}management.yaml", dump_all(management, header)),
        (f"{layout.RANCHER_DIR}gitrepo.yaml", dump_one(rancher.git_repo(t, base), header)),
    ]
    for env in envs:
        options = rancher.fleet_options(t, env, chart=prefix is None)
        files.append((f"{base}fleet/{env}.yaml", dump_one(options, header)))
    if prefix is None:
        return files
    for env, clusters in placement.placement(t.answers).items():
        for cluster in clusters:
            folder = f"{prefix}clusters/{cluster}/{env}"
            files.append((f"{folder}/kustomization.yaml", dump_one(rancher.cluster_kustomization(env), header)))
            files.append((f"{folder}/project.yaml", dump_one(rancher.project_patch(t, env, cluster), header)))
    return files

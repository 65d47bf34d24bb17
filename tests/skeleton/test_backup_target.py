"""Where the rendered backups go, in every render (Kustomize overlays and Helm environments) of every example with
in-cluster Postgres: never a Service of the same cluster unless the answers accept that risk, and https:// with
encryption requested for regulated data."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from advisor.answers import load_answers
from advisor.pipeline import evaluate
from tests.conftest import EXAMPLE_FILES
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import build_overlays, needs_kubectl, render, variant

IN_CLUSTER = [path for path in EXAMPLE_FILES if evaluate(load_answers(path))[0].choices["postgres"] == "in-cluster"]


def _decision(path: Path, accept_same_cluster: bool) -> Any:
    answers = load_answers(path)
    if accept_same_cluster:
        backup = answers.backup.model_copy(update={"endpoint": None, "accept_same_cluster_risk": True})
        answers = answers.model_copy(update={"backup": backup})
    decision = evaluate(answers)[0]
    return variant(decision, manifests="both")  # both trees, so every example is checked in Kustomize and Helm


def _problems(stores: list[dict[str, Any]], regulated: bool, same_cluster: bool, where: str) -> list[str]:
    problems = []
    for store in stores:
        config = store["spec"]["configuration"]
        url = urlsplit(config["endpointURL"])
        host = url.hostname or ""
        in_cluster = "." not in host or host.endswith((".svc", ".cluster.local"))
        if in_cluster and not same_cluster:
            problems.append(f"{where}: backups go to {config['endpointURL']}, a Service of the same cluster")
        if regulated and url.scheme != "https":
            problems.append(f"{where}: regulated backups over {url.scheme}://")
        if regulated and not same_cluster and config["data"].get("encryption") != "AES256":
            problems.append(f"{where}: no server-side encryption requested for regulated base backups")
        if regulated and same_cluster and "endpointCA" not in config:
            problems.append(f"{where}: https to the cluster's MinIO without its CA bundle")
    return problems


def test_some_examples_run_postgres_in_the_cluster() -> None:
    assert {path.stem for path in IN_CLUSTER} >= {"scenario-b", "scenario-b-c"}


@needs_kubectl
@pytest.mark.parametrize("accept_same_cluster", [False, True], ids=["off-cluster", "same-cluster-accepted"])
@pytest.mark.parametrize("path", IN_CLUSTER, ids=lambda p: p.stem)
def test_every_render_backs_up_outside_the_cluster_unless_accepted(
    path: Path, accept_same_cluster: bool, tmp_path: Path
) -> None:
    decision = _decision(path, accept_same_cluster)
    same_cluster = decision.choices["backup_target"] == "same-cluster"
    assert same_cluster is accept_same_cluster
    regulated = decision.answers.regulation.regulated
    envs = decision.answers.environments
    render(decision, tmp_path)
    per_env, _ = build_overlays(tmp_path / "kustomize", envs, drill=False)
    problems = []
    for env, objects in per_env.items():
        stores = [obj for obj in objects if obj["kind"] == "ObjectStore"]
        assert len(stores) == 1, env
        problems += _problems(stores, regulated, same_cluster, f"kustomize overlay {env}")
    chart = write_chart(decision, tmp_path / "chart")
    for env in envs:
        stores = [obj for obj in chart.objects(env) if obj["kind"] == "ObjectStore"]
        assert len(stores) == 1, env
        problems += _problems(stores, regulated, same_cluster, f"helm values-{env}")
    assert problems == []


@pytest.mark.parametrize("path", IN_CLUSTER, ids=lambda p: p.stem)
def test_the_endpoint_and_ca_bundle_are_the_answers(path: Path, tmp_path: Path) -> None:
    decision = _decision(path, accept_same_cluster=False)
    backup = decision.answers.backup
    assert backup.endpoint, "the in-cluster examples name an off-cluster target"
    chart = write_chart(decision, tmp_path)
    store = next(obj for obj in chart.objects("prod") if obj["kind"] == "ObjectStore")
    config = store["spec"]["configuration"]
    assert config["endpointURL"] == backup.endpoint
    assert config.get("endpointCA") == (
        {"name": backup.ca_bundle_secret, "key": "ca.crt"} if backup.ca_bundle_secret else None
    )
    bucket = backup.bucket or f"{decision.answers.project.name}-backups"
    assert config["destinationPath"] == f"s3://{bucket}/prod/"

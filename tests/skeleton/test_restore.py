"""A restore that works end to end, in both trees: the restored cluster keeps the app's credentials and archives
under a name of its own, the chart and the RUNBOOK name the same cluster, and once the original is retired the
manifests hold no cluster that would start empty with initdb (CloudNativePG docs: Recovery)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advisor.skeleton import names
from tests.conftest import EXAMPLES
from tests.flows.evaluator import selector_matches
from tests.skeleton.helm_support import Chart
from tests.skeleton.kustomize_support import example_decision, kustomize, needs_kubectl, render, variant
from tests.skeleton.renders import _merge, with_components

IN_CLUSTER = ["scenario-b.yaml", "scenario-b-c.yaml"]


@pytest.fixture(scope="module", params=IN_CLUSTER)
def both(request, tmp_path_factory) -> tuple[Any, Path, Chart]:
    decision = variant(example_decision(EXAMPLES / request.param), manifests="both")
    out = tmp_path_factory.mktemp(Path(request.param).stem)
    files = render(decision, out)
    return decision, out / "kustomize", Chart(decision, out, out / "helm", files)


def _clusters(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["metadata"]["name"]: o for o in objects if o["kind"] == "Cluster"}


def _renders(both, env: str, *components: str, values: dict[str, Any]) -> list[list[dict[str, Any]]]:
    _, root, chart = both
    return [kustomize(with_components(root, env, *components)), chart.objects(env, _merge(chart.values(env), values))]


@needs_kubectl
def test_the_restored_cluster_keeps_the_apps_credentials_and_archives_under_its_own_name(both) -> None:
    decision = both[0]
    app, env = decision.answers.project.name, "prod"
    restored = names.restored_cluster(decision.answers)
    for objects in _renders(both, env, "postgres-recovery", values={"postgres": {"recovery": {"enabled": True}}}):
        clusters = _clusters(objects)
        assert set(clusters) == {f"{app}-db", restored}
        spec = clusters[restored]["spec"]
        recovery = spec["bootstrap"]["recovery"]
        assert recovery == {"source": "origin", "database": "app", "owner": "app", "secret": {"name": f"{app}-db"}}
        source = spec["externalClusters"][0]["plugin"]["parameters"]["serverName"]
        archive = spec["plugins"][0]["parameters"]
        assert spec["plugins"][0]["isWALArchiver"] is True
        assert (source, archive["serverName"]) == (f"{app}-db", restored)  # a new folder: no "Expected empty archive"
        assert archive["barmanObjectName"] == spec["externalClusters"][0]["plugin"]["parameters"]["barmanObjectName"]
        assert spec["instances"] == clusters[f"{app}-db"]["spec"]["instances"] == 3  # sized like prod
        backups = {o["spec"]["cluster"]["name"] for o in objects if o["kind"] == "ScheduledBackup"}
        assert backups == {f"{app}-db", restored}


@needs_kubectl
def test_retiring_the_original_leaves_no_cluster_that_starts_empty(both) -> None:
    decision = both[0]
    app = decision.answers.project.name
    values = {"postgres": {"recovery": {"enabled": True, "retireOriginal": True}}}
    for objects in _renders(both, "prod", "postgres-recovery", "postgres-retire-original", values=values):
        clusters = _clusters(objects)
        assert set(clusters) == {names.restored_cluster(decision.answers)}
        assert all("initdb" not in c["spec"]["bootstrap"] for c in clusters.values())
        assert not any(o["metadata"]["name"].startswith(f"{app}-db-base") for o in objects)
        assert {o["kind"] for o in objects} >= {"ObjectStore", "Deployment"}


def test_chart_and_runbook_name_the_same_restored_cluster(both) -> None:
    decision, root, chart = both
    restored = names.restored_cluster(decision.answers)
    assert chart.values("prod").get("postgres", {}).get("recovery", {}).get("clusterName") in (None, restored)
    defaults = _merge({}, {"postgres": {"recovery": {"enabled": True}}})
    objects = chart.objects("prod", _merge(chart.values("prod"), defaults))
    assert restored in _clusters(objects)
    runbook = (root.parent / "RUNBOOK.md").read_text()
    assert f"`{restored}`" in runbook and f"{restored}-rw" in runbook
    assert "-db-restore`" not in runbook and "under the old name" not in runbook


@needs_kubectl
def test_the_restored_cluster_is_scraped_so_its_alerts_can_fire(both) -> None:
    """Defect: the database's PodMonitor and metrics NetworkPolicy selected `APP-db` only, so during and after a
    restore nothing scraped `APP-db-restored` and its WAL and backup alerts went blind. The drill's copy stays out."""
    decision = both[0]
    a = decision.answers
    restored = {"cnpg.io/cluster": names.restored_cluster(a), "cnpg.io/podRole": "instance"}
    drill = {"cnpg.io/cluster": names.drill_cluster(a), "cnpg.io/podRole": "instance"}
    values = {"postgres": {"recovery": {"enabled": True}}}
    for objects in _renders(both, "prod", "postgres-recovery", values=values):
        monitor = next(
            o for o in objects if o["kind"] == "PodMonitor" and o["spec"]["podMetricsEndpoints"][0]["port"] == "metrics"
        )
        policy = next(o for o in objects if o["metadata"]["name"] == f"{names.db_cluster(a)}-metrics")
        for selector in (monitor["spec"]["selector"], policy["spec"]["podSelector"]):
            assert selector_matches(selector, restored) and not selector_matches(selector, drill)
    rules = next(o for o in objects if o["kind"] == "PrometheusRule")
    expressions = {r["alert"]: r["expr"] for g in rules["spec"]["groups"] for r in g["rules"] if "alert" in r}
    assert f"{names.restored_cluster(a)})-[0-9]+" in expressions["WalArchivingFailing"]

"""Every declared flow (advisor/skeleton/flow_rules.py) holds in every render of every example, in both trees.

Needed flows are allowed and refused ones refused, as the NetworkPolicy evaluator computes it: each environment's
overlay, the restore drill, a restore beside each environment's database, the chart per environment with
recovery and the drill switched on, and `helm test`. Kustomize and Helm give the same allow/deny matrix. A policy
broken on purpose is caught, so the model is not vacuous.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tests.flows import states
from tests.skeleton.kustomize_support import KUBECTL, variant
from tests.skeleton.renders import KUBERNETES_EXAMPLES, example_renders

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built")


def _both(path: Path, tmp: Path):
    """The example rendered in both trees (the `manifests` answer forced to both), cached per example."""
    return example_renders(path, tmp, "both")


@pytest.fixture(scope="module", params=KUBERNETES_EXAMPLES, ids=lambda p: p.stem)
def renders(request, tmp_path_factory):
    return _both(request.param, tmp_path_factory.mktemp(request.param.stem))


def test_every_declared_flow_holds_in_the_kustomize_renders(renders) -> None:
    assert states.problems(renders.decision, _kustomize(renders)) == []


def test_every_declared_flow_holds_in_the_helm_renders(renders) -> None:
    assert states.problems(renders.decision, states.helm_states(renders.decision, renders.objects)) == []


def _kustomize(renders, objects=None, prefix: str = "kustomize/"):
    return states.kustomize_states(renders.decision, renders.objects if objects is None else objects, prefix)


def test_kustomize_and_helm_give_the_same_matrix(renders) -> None:
    kustomize = states.matrix(renders.decision, _kustomize(renders))
    helm = states.matrix(renders.decision, states.helm_states(renders.decision, renders.objects))
    assert kustomize.keys() == helm.keys()
    assert {k: v for k, v in kustomize.items() if helm[k] != v} == {}
    assert len(kustomize) >= 6 * len(renders.decision.answers.environments)


def test_the_builders_agree_with_the_renders(renders) -> None:
    built = states.matrix(renders.decision, states.builder_states(renders.decision))
    assert built == states.matrix(renders.decision, _kustomize(renders))


def test_the_examples_as_written_hold_too() -> None:
    """Each example in its own layout (Kustomize at the root, or the chart alone)."""
    import tempfile

    for path in KUBERNETES_EXAMPLES:
        renders = example_renders(path, Path(tempfile.mkdtemp(prefix=path.stem)))
        manifests = renders.decision.choices.get("manifests")
        found = []
        if manifests in ("kustomize", "both"):
            prefix = "kustomize/" if manifests == "both" else ""
            found += states.problems(renders.decision, _kustomize(renders, prefix=prefix))
        if manifests in ("helm", "both"):
            found += states.problems(renders.decision, states.helm_states(renders.decision, renders.objects))
        assert found == [], path.stem


def _in_cluster(renders) -> bool:
    return renders.decision.choices.get("postgres") == "in-cluster"


def test_a_policy_broken_on_purpose_is_caught(renders) -> None:
    """Dropping the app's egress to its database, or opening the database to the internet, fails the model."""
    if not _in_cluster(renders):
        pytest.skip("no in-cluster database to break")
    objects = copy.deepcopy(renders.objects)
    env = renders.decision.answers.environments[-1]
    app = renders.decision.answers.project.name
    overlay = objects[f"kustomize/overlays-{env}"]
    egress = next(o for o in overlay if o["metadata"]["name"] == f"{app}-allow-egress")
    egress["spec"]["egress"] = [rule for rule in egress["spec"]["egress"] if rule["ports"][0]["port"] != 5432]
    database = next(o for o in overlay if o["kind"] == "NetworkPolicy" and o["metadata"]["name"] == f"{app}-db")
    database["spec"]["egress"].append({"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]})
    found = states.problems(renders.decision, _kustomize(renders, objects))
    assert any(p.startswith(f"env all: app-to-db: {app}-{env}/Deployment/{app}") for p in found), found
    assert any("db-not-internet:" in p and f"{app}-{env}/Cluster/{app}-db" in p for p in found), found


def test_a_flow_naming_a_workload_the_render_lacks_is_reported(renders) -> None:
    objects = copy.deepcopy(renders.objects)
    env = renders.decision.answers.environments[0]
    key = f"kustomize/overlays-{env}"
    objects[key] = [o for o in objects[key] if o["kind"] != "Deployment"]
    found = states.problems(renders.decision, _kustomize(renders, objects))
    assert any("which this render does not run" in p for p in found)


def test_variants_without_an_example_hold(tmp_path_factory) -> None:
    """Decisions no example reaches: same-cluster backups, managed Postgres with MinIO, one environment."""
    from tests.conftest import EXAMPLES
    from tests.skeleton.kustomize_support import example_decision

    base = example_decision(EXAMPLES / "scenario-b.yaml")
    backup = base.answers.backup.model_copy(update={"endpoint": None, "accept_same_cluster_risk": True})
    same_cluster = base.model_copy(update={"answers": base.answers.model_copy(update={"backup": backup})})
    cases = [
        variant(same_cluster, backup_target="same-cluster"),
        variant(base, postgres="managed", backup_target="provider-managed"),
        variant(base, ["production"]),
    ]
    for decision in cases:
        assert states.problems(decision, states.builder_states(decision)) == [], decision.choices

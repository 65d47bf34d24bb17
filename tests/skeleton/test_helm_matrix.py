"""The chart across decisions no single example reaches: managed/in-cluster x secrets strategy x Rancher x 1-6 envs.

Every case is linted and rendered for every environment by the real Helm engine; the rendered objects go through
the Kubernetes 1.30 schema (strict), the custom-resource field checks and the checklist properties.
"""

from __future__ import annotations

import itertools

import pytest

from advisor.answers import load_answers
from advisor.skeleton import names
from tests.conftest import EXAMPLES
from tests.k8s_checks import object_access_of
from tests.skeleton.helm_checks import checklist_problems
from tests.skeleton.helm_support import (
    decide,
    lint_problems,
    validate_object,
    with_choices,
    with_environments,
    write_chart,
)

ENV_SETS = [
    ["prod"],
    ["dev", "prod"],
    ["dev", "staging", "prod"],
    ["dev", "qa", "staging", "production"],
    ["dev", "test", "qa", "staging", "prod"],
    ["sandbox", "preview-1", "preview-2", "demo", "perf", "production"],
]
STATE = [("managed", "managed"), ("in-cluster", "in-cluster"), ("in-cluster", "not-needed"), ("managed", "in-cluster")]
SECRETS = [
    ("external-secrets", "aws-secrets-manager"),
    ("external-secrets", "vault"),
    ("sealed-secrets", "none"),
    ("sops", "none"),
]


def _cases() -> list[tuple[str, dict[str, str], list[str]]]:
    """Every state x secrets pair once, Rancher alternating and the env sets rotating: 32 cases, each env rendered."""
    out = []
    for i, ((pg, s3), (secrets, store), rancher) in enumerate(itertools.product(STATE, SECRETS, ("adopt", "defer"))):
        choices = {"postgres": pg, "object_storage": s3, "secrets": secrets, "secret_store": store, "rancher": rancher}
        envs = ENV_SETS[i % len(ENV_SETS)]
        out.append((f"{pg}-{s3}-{secrets}-{store}-{rancher}-{len(envs)}env", choices, envs))
    return out


CASES = _cases()
BASE = decide(load_answers(EXAMPLES / "scenario-c.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize(("choices", "envs"), [(c, e) for _, c, e in CASES], ids=[i for i, _, _ in CASES])
def test_matrix_case(choices: dict[str, str], envs: list[str], tmp_path) -> None:
    decision = with_environments(with_choices(BASE, manifests="helm", **choices), envs)
    chart = write_chart(decision, tmp_path)
    assert sorted(p for p in chart.files if "/values-" in p) == sorted(f"helm/values-{e}.yaml" for e in envs)
    for env in envs:
        assert lint_problems(chart.lint(env)) == [], env
        objects = chart.objects(env)
        problems = [p for obj in objects for p in validate_object(obj)]
        problems += checklist_problems(
            objects, chart.app, prod=names.is_prod(env), object_storage=object_access_of(decision.choices)
        )
        assert problems == [], (env, problems)
        _assert_follows_decision(objects, choices, chart.app)


def _assert_follows_decision(objects: list[dict], choices: dict[str, str], app: str) -> None:
    kinds = {(o["kind"], o["metadata"]["name"]) for o in objects}
    in_cluster_db = choices["postgres"] == "in-cluster"
    assert (("Cluster", f"{app}-db") in kinds) is in_cluster_db
    assert (("ScheduledBackup", f"{app}-db-base-backup") in kinds) is in_cluster_db
    assert (("StatefulSet", f"{app}-minio") in kinds) is (choices["object_storage"] == "in-cluster")
    secret_kinds = {"ExternalSecret", "SealedSecret"}
    delivered = {name for kind, name in kinds if kind in secret_kinds}
    expected = {f"{app}-db"}
    expected |= {f"{app}-s3"} if choices["object_storage"] != "not-needed" else set()
    expected |= {f"{app}-backup-s3"} if in_cluster_db else set()
    expected |= {f"{app}-minio-root"} if choices["object_storage"] == "in-cluster" else set()
    if choices["secrets"] == "sops":
        assert delivered == set()  # applied from SOPS-encrypted files, never rendered by the chart
    else:
        assert delivered == expected
        assert {kind for kind, _ in kinds} & secret_kinds == {
            "ExternalSecret" if choices["secrets"] == "external-secrets" else "SealedSecret"
        }
    referenced = {
        env["valueFrom"]["secretKeyRef"]["name"]
        for o in objects
        if o["kind"] in ("Deployment", "StatefulSet", "Job")
        for c in o["spec"]["template"]["spec"]["containers"]
        for env in c.get("env", [])
        if "secretKeyRef" in env.get("valueFrom", {})
    }
    assert referenced <= expected | {f"{app}-db-drill-app"}


def test_matrix_covers_every_combination_and_env_count() -> None:
    seen = {(c["postgres"], c["object_storage"], c["secrets"], c["secret_store"], c["rancher"]) for _, c, _ in CASES}
    assert len(seen) == len(STATE) * len(SECRETS) * 2
    assert {len(envs) for _, _, envs in CASES} == {1, 2, 3, 4, 5, 6}

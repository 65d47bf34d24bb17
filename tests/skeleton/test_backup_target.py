"""Where the rendered backups go, in every render (Kustomize overlays and Helm environments) of every example with
in-cluster Postgres: never a Service of the same cluster unless the answers accept that risk, and https:// with
server-side encryption requested exactly as `backup.encryption` says (never of the cluster's own MinIO, which has no
KMS to honour it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from advisor import backup_plan
from advisor.answers import load_answers
from advisor.pipeline import evaluate
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLE_FILES, EXAMPLES
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import ADR_ID, build_overlays, needs_kubectl, render, variant

IN_CLUSTER = [path for path in EXAMPLE_FILES if evaluate(load_answers(path))[0].choices["postgres"] == "in-cluster"]


def _decision(path: Path, accept_same_cluster: bool) -> Any:
    answers = load_answers(path)
    if accept_same_cluster:
        backup = answers.backup.model_copy(update={"endpoint": None, "accept_same_cluster_risk": True})
        answers = answers.model_copy(update={"backup": backup})
    decision = evaluate(answers)[0]
    return variant(decision, manifests="both")  # both trees, so every example is checked in Kustomize and Helm


SSE = {"bucket-default": None, "sse-s3": "AES256", "sse-kms": "aws:kms"}


def _problems(stores: list[dict[str, Any]], answers: Any, same_cluster: bool, where: str) -> list[str]:
    regulated = answers.regulation.regulated
    wanted = None if same_cluster else SSE[answers.backup.encryption]
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
        for stream in ("wal", "data"):
            if config[stream].get("encryption") != wanted:
                problems.append(
                    f"{where}: {stream} requests encryption {config[stream].get('encryption')}, not {wanted}"
                )
        if regulated and same_cluster and "endpointCA" not in config:
            problems.append(f"{where}: https to the cluster's MinIO without its CA bundle")
    return problems


@pytest.mark.parametrize("encryption", ["bucket-default", "sse-s3", "sse-kms"])
@pytest.mark.parametrize("store", ["s3", "minio"])
def test_encryption_is_requested_only_as_the_answers_say(store: str, encryption: str) -> None:
    """A MinIO without a KMS refuses SSE requests and WAL archiving stops: nothing is asked unless answered."""
    decision = _decision(EXAMPLES / "scenario-b-c.yaml", accept_same_cluster=False)
    backup = decision.answers.backup.model_copy(update={"store": store, "encryption": encryption})
    decision = decision.model_copy(update={"answers": decision.answers.model_copy(update={"backup": backup})})
    for env in decision.answers.environments:
        stores = [o for o in env_objects(decision, ADR_ID, env) if o["kind"] == "ObjectStore"]
        assert _problems(stores, decision.answers, False, env) == []
    assert decision.answers.backup.encryption != "bucket-default" or "encryption" not in str(stores)


def test_the_minio_example_requests_no_encryption_by_default() -> None:
    decision = _decision(EXAMPLES / "scenario-b-c.yaml", accept_same_cluster=False)
    assert decision.answers.backup.store == "minio"
    for env in decision.answers.environments:
        store = next(o for o in env_objects(decision, ADR_ID, env) if o["kind"] == "ObjectStore")
        assert "encryption" not in store["spec"]["configuration"]["wal"], env
        assert "encryption" not in store["spec"]["configuration"]["data"], env


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
    envs = decision.answers.environments
    render(decision, tmp_path)
    per_env, _ = build_overlays(tmp_path / "kustomize", envs, drill=False)
    problems = []
    for env, objects in per_env.items():
        stores = [obj for obj in objects if obj["kind"] == "ObjectStore"]
        assert len(stores) == 1, env
        problems += _problems(stores, decision.answers, same_cluster, f"kustomize overlay {env}")
    chart = write_chart(decision, tmp_path / "chart")
    for env in envs:
        stores = [obj for obj in chart.objects(env) if obj["kind"] == "ObjectStore"]
        assert len(stores) == 1, env
        problems += _problems(stores, decision.answers, same_cluster, f"helm values-{env}")
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
    assert config["destinationPath"] == f"s3://{bucket}-prod/"


def _policies(script: str) -> dict[str, dict[str, Any]]:
    """The policy documents the script writes with `cat > /tmp/NAME.json <<'POLICY'`, by policy name."""
    found = re.findall(r"cat > /tmp/([-a-z0-9]+)\.json <<'POLICY'\n(.*?)\nPOLICY", script, re.S)
    return {name: json.loads(text) for name, text in found}


def _bucket_job(objects: list[dict[str, Any]]) -> dict[str, Any]:
    return next(obj for obj in objects if obj["kind"] == "Job" and obj["metadata"]["name"].endswith("-minio-buckets"))


def _script(job: dict[str, Any]) -> str:
    container = job["spec"]["template"]["spec"]["containers"][0]
    return (container.get("args") or container["command"])[-1]


@pytest.mark.parametrize("env", ["dev", "prod"])
@pytest.mark.parametrize("accept_same_cluster", [False, True], ids=["off-cluster", "same-cluster-accepted"])
def test_the_bucket_job_makes_least_privilege_users_versioning_and_object_lock(
    accept_same_cluster: bool, env: str, tmp_path: Path
) -> None:
    decision = _decision(EXAMPLES / "scenario-b.yaml", accept_same_cluster)
    app = decision.answers.project.name
    kustomize_job = _bucket_job(env_objects(decision, ADR_ID, env))
    chart = write_chart(decision, tmp_path)
    helm_job = _bucket_job(chart.objects(env))
    script = _script(kustomize_job)
    assert _script(helm_job) == script, "Kustomize and Helm set the buckets up the same way"
    assert f"mc version enable store/{app}-data\n" in script
    policies = _policies(script)
    expected = {f"{app}-data-rw": f"{app}-data"} | (
        {f"{app}-{env}-backup-writer": f"{app}-backups-{env}"} if accept_same_cluster else {}
    )
    assert {name: doc["Statement"][0]["Resource"] for name, doc in policies.items()} == {
        name: [f"arn:aws:s3:::{bucket}"] for name, bucket in expected.items()
    }
    for name, doc in policies.items():
        actions = {action for statement in doc["Statement"] for action in statement["Action"]}
        resources = {res for statement in doc["Statement"] for res in statement["Resource"]}
        assert resources == {f"arn:aws:s3:::{expected[name]}", f"arn:aws:s3:::{expected[name]}/*"}
        assert not {a for a in actions if "*" in a or "Retention" in a or "Version" in a or "Policy" in a}, name
        assert not {a for a in actions if "Lifecycle" in a or "Versioning" in a or "Lock" in a}, name
        assert f'mc admin policy attach store {name} --user "$' in script
    env_vars = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in _container(helm_job)["env"] if "valueFrom" in e}
    assert env_vars["APP_ACCESS_KEY"] == {"name": f"{app}-s3", "key": "access-key-id"}
    days = backup_plan.lock_days(decision.answers, env == "prod")
    if accept_same_cluster:
        assert f"mc mb --ignore-existing --with-lock store/{app}-backups-{env}\n" in script
        assert f"mc retention set --default COMPLIANCE {days}d store/{app}-backups-{env}\n" in script
        assert env_vars["BACKUP_ACCESS_KEY"] == {"name": f"{app}-backup-s3", "key": "ACCESS_KEY_ID"}
        assert "DeleteObjectVersion" not in script
    else:
        assert f"{app}-backups" not in script, "off-cluster backups never land in the cluster's MinIO"
        assert "BACKUP_ACCESS_KEY" not in env_vars


def test_every_environment_backs_up_into_its_own_bucket_with_its_own_lock() -> None:
    """One environment's credentials never read another's backups, and the lock is each environment's own."""
    for accept_same_cluster in (False, True):
        decision = _decision(EXAMPLES / "scenario-b.yaml", accept_same_cluster)
        envs = decision.answers.environments
        paths = {}
        for env in envs:
            objects = env_objects(decision, ADR_ID, env)
            paths[env] = next(o for o in objects if o["kind"] == "ObjectStore")["spec"]["configuration"][
                "destinationPath"
            ]
            if accept_same_cluster:
                script = _script(_bucket_job(objects))
                buckets_written = set(re.findall(r"arn:aws:s3:::([-a-z0-9]+)-backups-([a-z]+)\"", script))
                assert buckets_written == {("ledger", env)}
                days = re.search(r"retention set --default COMPLIANCE (\d+)d", script).group(1)
                assert int(days) == backup_plan.lock_days(decision.answers, env == "prod")
        assert len(set(paths.values())) == len(envs), paths
    readme = _decision(EXAMPLES / "scenario-b.yaml", False)
    from advisor.skeleton import readme_backups

    text = "\n".join(readme_backups.section(readme))
    for env in envs:
        document = re.search(rf"# {env}\n(?:.*\n)*?    # (\{{.*\}})", text).group(1)
        assert {r for s in json.loads(document)["Statement"] for r in s["Resource"]} == {
            f"arn:aws:s3:::ledger-backups-{env}",
            f"arn:aws:s3:::ledger-backups-{env}/*",
        }


def _container(job: dict[str, Any]) -> dict[str, Any]:
    return job["spec"]["template"]["spec"]["containers"][0]


def test_the_database_may_reach_a_backup_store_on_its_own_port_and_addresses_only(tmp_path: Path) -> None:
    answers = load_answers(EXAMPLES / "scenario-b.yaml")
    backup = answers.backup.model_copy(
        update={"endpoint": "https://s3.dr-site.example.org:9443", "cidrs": ["192.0.2.0/28"]}
    )
    network = answers.network.model_copy(update={"api_server_cidrs": ["10.96.0.0/24"]})
    answers = answers.model_copy(update={"backup": backup, "network": network})
    decision = variant(evaluate(answers)[0], manifests="both")
    kustomize_policy = next(
        obj
        for obj in env_objects(decision, ADR_ID, "prod")
        if obj["metadata"]["name"] == "ledger-db" and obj["kind"] == "NetworkPolicy"
    )
    helm_policy = next(
        obj
        for obj in write_chart(decision, tmp_path).objects("prod")
        if obj["kind"] == "NetworkPolicy"
        and obj["spec"]["podSelector"].get("matchLabels") == {"cnpg.io/cluster": "ledger-db"}
    )
    for policy in (kustomize_policy, helm_policy):
        outside = {
            (peer["ipBlock"]["cidr"], port["port"])
            for rule in policy["spec"]["egress"]
            for peer in rule.get("to", [])
            if "ipBlock" in peer
            for port in rule["ports"]
        }
        assert outside == {("192.0.2.0/28", 9443), ("10.96.0.0/24", 443), ("10.96.0.0/24", 6443)}

"""Every overlay of a matrix of decisions builds with `kubectl kustomize`, equals the builders' model, validates
against Kubernetes 1.30 (strict) and passes the checklist property checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from advisor.skeleton import layout, names, placement
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.k8s_checks import (
    all_violations,
    check_images,
    check_jobs,
    check_namespaces,
    check_pod_identity,
    check_resources,
    check_secret_interface,
    check_security_context,
    object_access_of,
)
from tests.skeleton.kustomize_support import (
    ADR_ID,
    build_overlays,
    example_decision,
    kustomize,
    needs_kubectl,
    render,
    schema_problems,
    variant,
)

ENVS = {
    1: ["prod"],
    2: ["dev", "prod"],
    3: ["dev", "staging", "prod"],
    4: ["dev", "qa", "staging", "production"],
    5: ["dev", "qa", "uat", "staging", "prod"],
    6: ["e1", "e2", "e3", "e4", "e5", "e6"],
}
# (base example, postgres, object_storage, secrets, secret_store, rancher, manifests, environments): pairwise-ish.
MATRIX = [
    ("scenario-a", "managed", "managed", "external-secrets", "aws-secrets-manager", "not-needed", "kustomize", 3),
    ("scenario-a", "managed", "not-needed", "external-secrets", "gcp-secret-manager", "adopt", "both", 1),
    ("scenario-a", "in-cluster", "managed", "external-secrets", "azure-key-vault", "defer", "kustomize", 2),
    ("scenario-a", "in-cluster", "in-cluster", "external-secrets", "vault", "adopt", "both", 6),
    ("scenario-b", "in-cluster", "in-cluster", "sealed-secrets", "none", "defer", "kustomize", 3),
    ("scenario-b", "managed", "in-cluster", "sealed-secrets", "none", "adopt", "kustomize", 4),
    ("scenario-b", "in-cluster", "not-needed", "sealed-secrets", "none", "not-needed", "both", 5),
    ("scenario-b", "managed", "managed", "sealed-secrets", "none", "adopt", "both", 1),
    ("scenario-b-c", "in-cluster", "in-cluster", "sops", "none", "adopt", "both", 3),
    ("scenario-b-c", "managed", "managed", "sops", "none", "not-needed", "kustomize", 6),
    ("scenario-b-c", "in-cluster", "managed", "sops", "none", "not-needed", "kustomize", 1),
    ("scenario-b-c", "managed", "not-needed", "sops", "none", "adopt", "both", 2),
    ("scenario-c", "managed", "managed", "external-secrets", "gcp-secret-manager", "adopt", "kustomize", 4),
    ("scenario-c", "in-cluster", "in-cluster", "sealed-secrets", "none", "adopt", "kustomize", 5),
    ("scenario-c", "in-cluster", "managed", "sops", "none", "defer", "both", 4),
    ("scenario-c", "managed", "in-cluster", "external-secrets", "vault", "not-needed", "both", 2),
]
DEPRECATED = {"commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars", "bases", "imageTags"}


def _key(obj: dict) -> tuple[str, str]:
    return obj["kind"], obj["metadata"]["name"]


def _case_id(case: tuple) -> str:
    example, pg, s3, secrets, store, rancher, manifests, n = case
    return f"{example}-{pg}-{s3}-{secrets}-{store}-{rancher}-{manifests}-{n}env"


@pytest.fixture(scope="module", params=MATRIX, ids=[_case_id(c) for c in MATRIX])
def case(request, tmp_path_factory):
    example, pg, s3, secrets, store, rancher, manifests, n = request.param
    tmp_path = tmp_path_factory.mktemp(example)
    decision = variant(
        example_decision(EXAMPLES / f"{example}.yaml"),
        envs=ENVS[n],
        runtime="kubernetes",
        postgres=pg,
        object_storage=s3,
        secrets=secrets,
        secret_store=store,
        rancher=rancher,
        manifests=manifests,
    )
    return decision, tmp_path, render(decision, tmp_path)


@pytest.fixture(scope="module")
def built(case):
    """Each environment's built objects and the restore drill's, from one kubectl run per case."""
    decision, out, _ = case
    root = out / (layout.kustomize_dir(decision["manifests"]) or "")
    return build_overlays(root, list(decision.answers.environments), decision["postgres"] == "in-cluster")


@needs_kubectl
def test_every_overlay_builds_equals_the_model_and_passes_the_checks(case, built):
    decision, _, _ = case
    per_env, _ = built
    app = decision.answers.project.name
    for env in decision.answers.environments:
        built = sorted(per_env[env], key=_key)
        model = sorted(env_objects(decision, ADR_ID, env), key=_key)
        assert [_key(o) for o in built] == [_key(o) for o in model]
        # The overlay names the ADR once (commonAnnotations); kustomize stamps it on every object it builds.
        assert all(o["metadata"]["annotations"]["advisor.dev/adr"] == ADR_ID for o in built)
        assert _without_adr(built) == json.loads(json.dumps(model)), f"overlay {env} differs from the model"
        problems = [p for obj in built for p in schema_problems(obj)]
        problems += all_violations(built, prod=names.is_prod(env))
        problems += check_secret_interface(built, app, object_access_of(decision.choices))
        assert problems == [], f"overlay {env}"
        assert {o["metadata"].get("namespace") for o in built if o["kind"] != "Namespace"} == {f"{app}-{env}"}


def _without_adr(value):
    """`value` with the overlay's advisor.dev/adr annotation taken out again (and annotations it leaves empty)."""
    if isinstance(value, list):
        return [_without_adr(item) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "annotations" and isinstance(item, dict):
            item = {k: v for k, v in item.items() if k != "advisor.dev/adr"}
            if not item:
                continue
        out[key] = _without_adr(item)
    return out


@needs_kubectl
def test_restore_drill_builds_and_checks_vector(case, built):
    decision, out, _ = case
    root = out / (layout.kustomize_dir(decision["manifests"]) or "")
    _, drill = built
    if decision["postgres"] != "in-cluster":
        assert drill == [] and not (root / "restore-drill").exists()
        return
    kinds = ["Cluster", "Job", "NetworkPolicy", "NetworkPolicy", "NetworkPolicy"]
    if any(o["metadata"]["name"].endswith("-restore-drill-objects") for o in drill):  # the objects copy's read-back
        kinds += ["Job", "NetworkPolicy"]
    assert sorted(o["kind"] for o in drill) == sorted(kinds)
    assert [p for o in drill for p in schema_problems(o)] == []
    job = next(o for o in drill if o["kind"] == "Job" and o["metadata"]["name"].endswith("-restore-drill-check"))
    assert "vector" in job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    hardening = (
        check_images,
        check_security_context,
        check_pod_identity,
        check_resources,
        check_jobs,
        check_namespaces,
    )
    assert [v for check in hardening for v in check(drill)] == []
    pod_labels = job["spec"]["template"]["metadata"]["labels"]
    policies = [o["spec"] for o in drill if o["kind"] == "NetworkPolicy"]
    assert any(p["podSelector"]["matchLabels"].items() <= pod_labels.items() and p.get("egress") for p in policies)
    cluster = next(o for o in drill if o["kind"] == "Cluster")
    assert any(p["podSelector"]["matchLabels"] == {"cnpg.io/cluster": cluster["metadata"]["name"]} for p in policies)
    assert cluster["spec"]["bootstrap"]["recovery"]["source"] == cluster["spec"]["externalClusters"][0]["name"]


@needs_kubectl
def test_every_overlay_builds_the_monitors_where_metrics_are_in_the_cluster(tmp_path):
    decision = example_decision(EXAMPLES / "scenario-b.yaml")
    assert decision.choices["metrics"] == "in-cluster"
    render(decision, tmp_path)
    for env in decision.answers.environments:
        objects = kustomize(tmp_path / "overlays" / env)
        monitor = [o for o in objects if o["kind"] == "ServiceMonitor"]
        assert len(monitor) == 1 and schema_problems(monitor[0]) == []
        assert monitor[0]["spec"]["endpoints"][0]["port"] == "metrics"
        assert {o["metadata"]["name"] for o in objects if o["kind"] == "PodMonitor"} == {"ledger-db", "ledger-minio"}
        (rule,) = [o for o in objects if o["kind"] == "PrometheusRule"]
        assert rule["metadata"]["namespace"] == f"ledger-{env}"


def test_kustomizations_use_current_fields_only(case):
    decision, _, files = case
    kustomizations = {p: yaml.safe_load(d) for p, d in files.items() if p.endswith("kustomization.yaml")}
    assert kustomizations
    for path, body in kustomizations.items():
        assert not DEPRECATED & set(body), path
        assert "secretGenerator" not in body, path
        if "/components/" in f"/{path}":
            assert (body["apiVersion"], body["kind"]) == ("kustomize.config.k8s.io/v1alpha1", "Component"), path
    prefix = layout.kustomize_dir(decision["manifests"]) or ""
    for env in decision.answers.environments:
        overlay = kustomizations[f"{prefix}overlays/{env}/kustomization.yaml"]
        assert overlay["namespace"] == f"{decision.answers.project.name}-{env}"
        assert overlay["images"][0] == {"name": decision.answers.image, "newTag": decision.answers.delivery.image_tag}
        registry = decision.answers.delivery.registry
        assert all(entry["newName"].startswith(f"{registry}/") for entry in overlay["images"][1:])
        assert len(overlay["images"]) == 1 or registry
        assert all(label["includeSelectors"] is False for label in overlay["labels"])
    assert "base/kustomization.yaml" in {p.removeprefix(prefix) for p in kustomizations}
    assert "namespace" not in kustomizations[f"{prefix}base/kustomization.yaml"]


def test_every_yaml_file_has_the_header_and_no_plain_secret(case):
    _, _, files = case
    for path, data in files.items():
        if path.startswith("helm/"):
            continue  # the chart's templates are Go templates; the Helm tests check them
        text = data.decode()
        if path.endswith((".yaml", ".md")):
            assert names.HEADER.strip("# \n") in text.splitlines()[0], path  # constant: no ADR, no hash
        if path.endswith(".yaml"):
            for doc in yaml.load_all(text, Loader=yaml.CSafeLoader):
                assert not (isinstance(doc, dict) and doc.get("kind") == "Secret"), path
        assert "latest" not in [line.rsplit(":", 1)[-1].strip() for line in text.splitlines() if "image" in line]


def test_layout_follows_the_decision(case):
    decision, _, files = case
    manifests, secrets = decision["manifests"], decision["secrets"]
    assert (layout.README in files) and any(p.startswith(layout.kustomize_dir(manifests) or "") for p in files)
    assert any(p.startswith("helm/") for p in files) == (manifests == "both")
    assert layout.RUNBOOK in files  # the alerts' runbook always; the restore's with in-cluster Postgres
    assert ("## 3. Restore beside the live cluster" in files[layout.RUNBOOK].decode()) == (
        decision["postgres"] == "in-cluster"
    )
    prefix = layout.kustomize_dir(manifests) or ""
    if decision["postgres"] == "in-cluster":
        folder = f"{prefix}components/postgres-recovery/"
        recovery = [o for p in files if p.startswith(folder) for o in yaml.safe_load_all(files[p]) if o]
        kinds = sorted(o["kind"] for o in recovery if o["kind"] != "Component")
        assert kinds == ["Cluster", "NetworkPolicy", "ScheduledBackup"]
        assert [p for o in recovery if o["kind"] != "Component" for p in schema_problems(o)] == []
        spec = next(o for o in recovery if o["kind"] == "Cluster")["spec"]
        assert spec["bootstrap"]["recovery"]["source"] == spec["externalClusters"][0]["name"]
        assert spec["externalClusters"][0]["plugin"]["name"] == "barman-cloud.cloudnative-pg.io"
        assert not any(p.startswith(f"{prefix}recovery/") for p in files)
        runbook = files[layout.RUNBOOK].decode()
        steps = ["Freeze writes", "Pick the backup", "Restore beside", "vector", "Repoint", "Restore objects"]
        steps += ["Smoke test", "Retire the original", "Unfreeze", "Rehearse it in staging"]
        assert all(step in runbook for step in steps)
    assert any(p.startswith(layout.RANCHER_DIR) for p in files) == (decision["rancher"] == "adopt")
    assert (layout.SOPS_CONFIG in files) == (secrets == "sops")
    if secrets == "sops":
        rules = yaml.safe_load(files[layout.SOPS_CONFIG])["creation_rules"]
        assert len(rules) == len(decision.answers.environments)
        assert {r["unencrypted_regex"] for r in rules} == {"^(apiVersion|metadata|kind|type)$"}
        prefix = layout.kustomize_dir(manifests) or ""
        for env in decision.answers.environments:
            secrets_dir = f"{prefix}overlays/{env}/secrets/"
            assert yaml.safe_load(files[secrets_dir + "kustomization.yaml"])["generators"] == ["ksops.yaml"]
            ksops = yaml.safe_load(files[secrets_dir + "ksops.yaml"])
            assert ksops["kind"] == "ksops" and "db.enc.yaml" in " ".join(ksops["files"])
            assert not any(p.startswith(secrets_dir) and p.endswith(".enc.yaml") for p in files)
        readme = files[layout.README].decode()
        assert "--enable-alpha-plugins --enable-exec" in readme


def test_rancher_objects_stay_out_of_the_overlays(case, tmp_path):
    decision, _, files = case
    if decision["rancher"] != "adopt":  # nothing of Rancher then, not even the namespace annotation
        assert not any(p.startswith("rancher/") or "fleet/" in p or "clusters/" in p for p in files)
        assert not any(b"field.cattle.io" in data for path, data in files.items() if not path.startswith("helm/"))
        return
    management = list(yaml.safe_load_all(files["rancher/management.yaml"]))
    kinds = [o["kind"] for o in management]
    where = placement.placement(decision.answers)
    assert kinds.count("Project") == sum(len(clusters) for clusters in where.values())
    assert kinds.count("ProjectRoleTemplateBinding") == 2 * kinds.count("Project")
    assert {o["roleTemplateName"] for o in management if "roleTemplateName" in o} == {"read-only", "project-member"}
    assert [p for o in management for p in schema_problems(o)] == []
    prefix = layout.kustomize_dir(decision["manifests"]) or ""
    for env in decision.answers.environments:
        options = yaml.safe_load(files[f"{prefix}fleet/{env}.yaml"])
        assert options["kustomize"]["dir"] == f"overlays/{env}"
        assert [t["kustomize"]["dir"] for t in options["targetCustomizations"]] == [
            f"clusters/{cluster}/{env}" for cluster in where[env]
        ]
    assert not any("management.cattle.io" in d.decode() for p, d in files.items() if "overlays/" in p)
    assert not any(b"field.cattle.io" in d for p, d in files.items() if "overlays/" in p)


def test_unknown_manifests_fall_back_to_kustomize(tmp_path):
    decision = variant(example_decision(Path(EXAMPLES / "scenario-a.yaml")), manifests="helm")
    files = render(decision, tmp_path)
    assert any(p.startswith("helm/") for p in files)  # the chart builder is installed

"""Object storage that exists on each provider: never an S3 endpoint that is not one, never a key where workload
identity reaches the store.

Azure Blob Storage has no S3 API: an S3-only app gets an S3 gateway (S3Proxy) in front of it, an app that speaks
Blob Storage gets no S3 at all, and MinIO remains for answers that keep storage in the cluster.
"""

from __future__ import annotations

import pytest

from advisor.pipeline import evaluate
from advisor.skeleton import identity, objectstore
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from tests.k8s_checks import all_violations, check_secret_interface
from tests.skeleton.cloud_variants import answers_for, decision_for
from tests.skeleton.crd_validation import custom_resource_problems
from tests.skeleton.helm_support import lint_problems, validate_object, write_chart
from tests.skeleton.kustomize_support import schema_problems


def _app_env(objects: list[dict]) -> dict[str, tuple[str, str]]:
    deployment = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] in ("atlas", "orbit"))
    env = deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    return {e["name"]: (e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"]) for e in env}


def _external_secrets(objects: list[dict]) -> dict[str, list[str]]:
    return {
        o["spec"]["target"]["name"]: [d["secretKey"] for d in o["spec"]["data"]]
        for o in objects
        if o["kind"] == "ExternalSecret"
    }


@pytest.mark.parametrize(
    ("provider", "api", "access", "secret", "keys"),
    [
        ("aws", "s3", "s3-workload-identity", "atlas-s3", ["endpoint", "bucket"]),
        ("aws", "native", "s3-workload-identity", "atlas-s3", ["endpoint", "bucket"]),
        ("gcp", "s3", "s3-keys", "atlas-s3", ["endpoint", "bucket", "access-key-id", "secret-access-key"]),
        ("gcp", "native", "gcs-workload-identity", "atlas-gcs", ["bucket"]),
        ("azure", "native", "blob-workload-identity", "atlas-blob", ["account-url", "container"]),
        ("azure", "s3", "s3-gateway", "atlas-s3", ["endpoint", "bucket", "access-key-id", "secret-access-key"]),
    ],
)
def test_each_provider_gets_the_api_and_credentials_it_documents(provider, api, access, secret, keys) -> None:
    decision = decision_for("a", provider, object_api=api)
    assert decision.choices["object_access"] == access
    for env in decision.answers.environments:
        objects = env_objects(decision, "ADR-0007", env)
        synced = _external_secrets(objects)
        assert synced[secret] == keys
        read = _app_env(objects)
        assert {(s, k) for s, k in read.values() if s != "atlas-db"} == {(secret, k) for k in keys}
        assert check_secret_interface(objects, "atlas", access) == []
        problems = [p for o in objects for p in schema_problems(o)] + all_violations(objects, prod=env == "prod")
        problems += [
            p for o in objects if o["apiVersion"].startswith("external-secrets") for p in custom_resource_problems(o)
        ]
        assert problems == [], (env, problems)


def test_where_workload_identity_reaches_the_store_the_app_holds_no_key() -> None:
    """Defect: the app got long-lived S3 keys on AWS, where the pod's IAM role reaches S3."""
    for provider, api in (("aws", "s3"), ("gcp", "native"), ("azure", "native")):
        objects = env_objects(decision_for("a", provider, object_api=api), "ADR-0007", "prod")
        assert not {k for _, k in _app_env(objects).values()} & {"access-key-id", "secret-access-key"}, provider
        app_sa = next(o for o in objects if o["kind"] == "ServiceAccount" and o["metadata"]["name"] == "atlas")
        assert app_sa["metadata"]["annotations"], provider  # the identity that replaces the key


def test_azure_blob_is_never_handed_to_the_app_as_s3() -> None:
    """Defect: the ADR said "Azure Blob through an S3-compatible endpoint" and the app got S3 settings for Blob."""
    native = env_objects(decision_for("a", "azure", object_api="native"), "ADR-0007", "dev")
    assert not any(name.startswith("S3_") for name in _app_env(native))
    deployment = next(o for o in native if o["kind"] == "Deployment")
    assert deployment["spec"]["template"]["metadata"]["labels"][identity.AZURE_USE] == "true"
    gatewayed = decision_for("a", "azure")
    objects = env_objects(gatewayed, "ADR-0007", "dev")
    names = {(o["kind"], o["metadata"]["name"]) for o in objects}
    assert {
        ("Deployment", "atlas-s3-gateway"),
        ("Service", "atlas-s3-gateway"),
        ("ServiceAccount", "atlas-s3-gateway"),
    } <= names
    gateway = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == "atlas-s3-gateway")
    env = {e["name"]: e for e in gateway["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["JCLOUDS_PROVIDER"]["value"] == "azureblob-sdk"
    assert env["JCLOUDS_IDENTITY"]["value"] == env["JCLOUDS_CREDENTIAL"]["value"] == ""  # Workload Identity, no key
    assert env["JCLOUDS_ENDPOINT"]["valueFrom"]["secretKeyRef"] == {"name": "atlas-blob", "key": "account-url"}
    assert gateway["spec"]["template"]["metadata"]["labels"][identity.AZURE_USE] == "true"
    from advisor.skeleton.readme_objects import object_section

    text = "\n".join(object_section(gatewayed))
    assert "http://atlas-s3-gateway:8080" in text and "Blob Storage has no S3 API" in text
    summaries = [
        o.summary
        for o in __import__("advisor.ruleset", fromlist=["x"])
        .load_ruleset()
        .decisions["object_storage"]
        .options.values()
    ]
    assert not any("S3-compatible endpoint" in text for text in summaries)


def test_minio_is_chosen_on_azure_when_storage_stays_in_the_cluster() -> None:
    decision = evaluate(answers_for("a", "azure", hosting={"managed_object_storage": False}))[0]
    assert (decision.choices["object_storage"], decision.choices["object_access"]) == ("in-cluster", "s3-keys")
    objects = env_objects(decision, "ADR-0007", "dev")
    assert any(o["kind"] == "StatefulSet" and o["metadata"]["name"] == "atlas-minio" for o in objects)


def test_the_app_reaches_the_gateway_and_only_the_gateway_reaches_blob_storage() -> None:
    objects = env_objects(decision_for("a", "azure"), "ADR-0007", "dev")
    egress = next(o for o in objects if o["metadata"]["name"] == "atlas-allow-egress")["spec"]["egress"]
    assert not any(
        peer.get("ipBlock", {}).get("cidr") == "0.0.0.0/0" and {"port": 443, "protocol": "TCP"} in rule["ports"]
        for rule in egress
        for peer in rule["to"]
    )
    gateway_policy = next(
        o for o in objects if o["kind"] == "NetworkPolicy" and o["metadata"]["name"] == "atlas-s3-gateway"
    )
    assert gateway_policy["spec"]["ingress"][0]["from"] == [
        {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "atlas", "app.kubernetes.io/instance": "atlas"}}}
    ]


def test_workload_identity_can_reach_its_token_endpoint_through_default_deny() -> None:
    gke = env_objects(decision_for("a", "gcp", object_api="native"), "ADR-0007", "dev")
    egress = next(o for o in gke if o["metadata"]["name"] == "atlas-allow-egress")["spec"]["egress"]
    cidrs = {
        (peer["ipBlock"]["cidr"], rule["ports"][0]["port"])
        for rule in egress
        for peer in rule["to"]
        if "ipBlock" in peer
    }
    assert {("169.254.169.254/32", 80), ("169.254.169.252/32", 988)} <= cidrs
    eks = evaluate(answers_for("a", "aws", hosting={"aws_identity": "pod-identity"}))[0]
    assert identity.credential_endpoints(Target(eks, "", "dev")) == [("169.254.170.23/32", 80)]
    assert identity.credential_endpoints(Target(decision_for("a", "aws"), "", "dev")) == []  # IRSA: STS over https


@pytest.mark.parametrize(("provider", "api"), [("azure", "s3"), ("azure", "native"), ("gcp", "native"), ("aws", "s3")])
def test_the_chart_renders_the_same_access_bare_and_per_environment(provider, api, tmp_path) -> None:
    decision = decision_for("c", provider, object_api=api)
    chart = write_chart(decision, tmp_path)
    assert lint_problems(chart.lint("dev", {})) == []
    for env in decision.answers.environments:
        assert lint_problems(chart.lint(env)) == [], env
        objects = chart.objects(env, hooks=False)
        assert [p for o in objects for p in validate_object(o)] == []
        assert check_secret_interface(objects, "orbit", objectstore.access(Target(decision, "", env))) == []
        kustomize = {(o["kind"], o["metadata"]["name"]) for o in env_objects(decision, "ADR-0007", env)}
        helm = {(o["kind"], o["metadata"]["name"]) for o in objects}
        gateway = {k for k in kustomize if "s3-gateway" in k[1]}
        assert gateway <= helm, env

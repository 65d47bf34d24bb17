"""The observability objects for every choice the answers allow, against the operators' pinned schemas.

The examples reach some outputs and receivers; these cases reach the rest: every log platform of the site's
(Loki, Elasticsearch, OpenSearch, Splunk with its token Secret, plain HTTP), the Collector with and without a
trace backend, MinIO's PodMonitor over TLS, and the NetworkPolicies each choice needs.
"""

from __future__ import annotations

import copy

import pytest

from advisor.answers import Answers
from advisor.engine import decide
from advisor.skeleton import log_shipping, observability, secrets, tracing
from advisor.skeleton.model import Target
from tests.core.cases import BASE, assign
from tests.skeleton.crd_validation import custom_resource_problems, is_custom

ON_SITE = {"hosting.provider": "on-premises", "regulation.regulated": True, "regulation.frameworks": ["pci-dss"]}


def _target(changes: dict, env: str = "prod") -> Target:
    data = copy.deepcopy(BASE)
    for path, value in {**ON_SITE, **changes}.items():
        assign(data, path, value)
    return Target(decide(Answers.model_validate(data)), "ADR-0001", env)


@pytest.mark.parametrize("platform", ["loki", "elasticsearch", "opensearch", "splunk", "http"])
def test_every_site_log_platform_gets_a_valid_output(platform: str) -> None:
    t = _target(
        {"observability.log_endpoint": "https://logs.site.example:9200", "observability.log_platform": platform}
    )
    assert t.decision["logs"] == "site-platform"
    objects = observability.objects(t)
    customs = [o for o in objects if is_custom(o)]
    assert [p for o in customs for p in custom_resource_problems(o)] == []
    (output,) = [o for o in objects if o["kind"] == "Output"]
    kind = {"splunk": "splunkHec"}.get(platform, platform)
    assert list(output["spec"]) == [kind]
    token = log_shipping.token_secret(t.decision)
    assert (token is not None) is (platform == "splunk")
    if token:  # the token Secret is delivered like every other credential
        assert token in secrets.secrets(t)
        assert output["spec"]["splunkHec"]["hec_token"]["valueFrom"]["secretKeyRef"]["name"] == token[0]


@pytest.mark.parametrize("backend", [None, "https://otlp.site.example:4318"])
def test_the_collector_is_valid_and_its_flows_reach_the_backends_port(backend: str | None) -> None:
    t = _target({"observability.otel_adopted": True, "observability.otlp_endpoint": backend})
    objects = observability.objects(t)
    (collector,) = [o for o in objects if o["kind"] == "OpenTelemetryCollector"]
    assert custom_resource_problems(collector) == []
    exporter = collector["spec"]["config"]["exporters"]["otlphttp"]["endpoint"]
    assert exporter == (backend or tracing.PLACEHOLDER_BACKEND)
    policy = next(o for o in objects if o["metadata"]["name"] == tracing.collector_service(t.app))
    ports = [p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]]
    assert (4318 if backend else 443) in ports
    config = observability.app_config(t.decision)
    assert config["OTEL_SDK_DISABLED"] == "false"
    assert config["OTEL_EXPORTER_OTLP_ENDPOINT"].startswith(f"http://{tracing.collector_service(t.app)}:")


def test_minio_over_tls_is_scraped_over_tls() -> None:
    t = _target({"backup.accept_same_cluster_risk": True})
    (monitor,) = [o for o in observability.objects(t) if o["kind"] == "PodMonitor" and "minio" in o["metadata"]["name"]]
    endpoint = monitor["spec"]["podMetricsEndpoints"][0]
    assert endpoint["scheme"] == "https" and endpoint["tlsConfig"]["ca"]["secret"]["key"] == "ca.crt"
    assert custom_resource_problems(monitor) == []


@pytest.mark.parametrize(
    ("changes", "scraper"),
    [
        ({}, "monitoring"),
        ({"organization.teams": 3}, "cattle-monitoring-system"),
        ({"hosting.provider": "gcp", "regulation.regulated": False}, "gmp-system"),
        ({"hosting.provider": "azure", "regulation.regulated": False}, "kube-system"),
        ({"hosting.provider": "aws", "regulation.regulated": False}, "monitoring"),
    ],
)
def test_the_scraper_namespace_may_reach_every_metrics_port(changes: dict, scraper: str) -> None:
    t = _target(changes)
    policies = [
        o for o in observability.objects(t) if o["kind"] == "NetworkPolicy" and "-metrics" in o["metadata"]["name"]
    ]
    assert policies
    for policy in policies:
        (rule,) = policy["spec"]["ingress"]
        assert rule["from"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": scraper}}}]
    assert (observability.operator(t.decision)) is (t.decision["metrics"] != "managed")


@pytest.mark.parametrize("air_gapped", [False, True])
def test_the_readme_asks_to_mirror_the_collector_image_only_on_an_air_gapped_site(air_gapped: bool) -> None:
    from advisor.skeleton import readme_observability

    t = _target({"observability.otel_adopted": True, "regulation.air_gapped": air_gapped})
    text = "\n".join(readme_observability.sections(t.decision))
    assert "**Tracing** (otel-collector)" in text
    assert ("mirror the Collector image" in text) is air_gapped

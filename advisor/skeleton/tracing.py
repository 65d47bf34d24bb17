"""Tracing (SPEC-0006 3.4: OpenTelemetry later, if adopted): the app's OTEL_* environment either way, and an
OpenTelemetryCollector in each namespace once the team has adopted OpenTelemetry.

The environment always names the namespace's Collector and only `OTEL_SDK_DISABLED` differs, so adopting it is
one answer (`observability.otel_adopted`). The Collector receives OTLP from the app and sends traces to the
answers' backend over OTLP/HTTP; the OpenTelemetry Operator picks its image (mirror it with the operator's own).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from advisor.decision import Decision
from advisor.skeleton import names
from advisor.skeleton.model import Target, obj

API = "opentelemetry.io/v1beta1"
PORTS = {"otlp-grpc": 4317, "otlp-http": 4318}
PLACEHOLDER_BACKEND = "https://otlp.REPLACE-ME.example.com"


def adopted(decision: Decision) -> bool:
    return decision.choices.get("tracing") == "otel-collector"


def collector_name(app: str) -> str:
    return f"{app}-otel"


def collector_service(app: str) -> str:
    """The Service (and Deployment) the operator creates for the Collector `<name>`: `<name>-collector`."""
    return f"{collector_name(app)}-collector"


def collector_pods(app: str) -> dict[str, str]:
    """The labels the operator puts on the Collector's pods (it sets `app.kubernetes.io/name` to the Service's name)."""
    return {"app.kubernetes.io/name": collector_service(app), "app.kubernetes.io/component": "opentelemetry-collector"}


def env(decision: Decision) -> dict[str, str]:
    """The app's OpenTelemetry SDK settings (the spec's standard variables), in the ConfigMap."""
    app = names.app(decision.answers)
    return {
        "OTEL_SDK_DISABLED": "false" if adopted(decision) else "true",
        "OTEL_SERVICE_NAME": app,
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://{collector_service(app)}:{PORTS['otlp-http']}",
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_TRACES_EXPORTER": "otlp",
        "OTEL_METRICS_EXPORTER": "none",  # metrics are scraped from /metrics
        "OTEL_LOGS_EXPORTER": "none",  # logs go to stdout and the log shipper
    }


def backend(decision: Decision) -> str:
    return decision.answers.observability.otlp_endpoint or PLACEHOLDER_BACKEND


def backend_port(decision: Decision) -> int:
    url = urlsplit(backend(decision))
    return url.port or (443 if url.scheme == "https" else 80)


def collector_spec(decision: Decision) -> dict[str, Any]:
    """The Collector's spec as data: the Kustomize tree dumps it, the chart takes it as a value."""
    receivers = {name.removeprefix("otlp-"): {"endpoint": f"0.0.0.0:{port}"} for name, port in PORTS.items()}
    config = {
        "receivers": {"otlp": {"protocols": receivers}},
        "processors": {
            "memory_limiter": {"check_interval": "1s", "limit_percentage": 80, "spike_limit_percentage": 20},
            "batch": {},
        },
        "exporters": {"otlphttp": {"endpoint": backend(decision)}},
        "service": {
            "pipelines": {
                "traces": {"receivers": ["otlp"], "processors": ["memory_limiter", "batch"], "exporters": ["otlphttp"]}
            }
        },
    }
    return {
        "mode": "deployment",
        "replicas": 1,
        "networkPolicy": {"enabled": False},  # the skeleton's own NetworkPolicy says who may reach it
        "podSecurityContext": names.pod_security_context(),
        "securityContext": names.container_security_context(),
        "resources": names.resources("100m", "128Mi", "500m", "512Mi"),
        "config": config,
    }


def collector(t: Target) -> dict[str, Any]:
    meta = t.meta(collector_name(t.app), "tracing")
    return obj(API, "OpenTelemetryCollector", meta, spec=collector_spec(t.decision))

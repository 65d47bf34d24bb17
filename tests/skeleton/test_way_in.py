"""A maintained way in, whose certificates issue, and a database egress narrowed to the database's networks.

Defects: the skeleton hard-wired ingress-nginx (retired March 2026; `ingressClassName: nginx`, policies naming
`ingress-nginx`); default-deny blocked cert-manager's HTTP-01 solver pods; the app could open 5432 to 0.0.0.0/0.
Flows are checked with a NetworkPolicy evaluator (netpol_flows), in both trees.
"""

from __future__ import annotations

import json

import pytest

from advisor.pipeline import evaluate
from advisor.skeleton import traffic
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.k8s_checks import check_way_in
from tests.skeleton.cloud_variants import answers_for, decision_for
from tests.skeleton.crd_validation import SCHEMAS, custom_resource_problems, load_schema, pruned_fields, type_errors
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import example_decision
from tests.skeleton.netpol_flows import Host, Pod, connects

EXAMPLE_NAMES = ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml", "scenario-b-c.yaml"]
SOLVER = {traffic.SOLVER_LABEL: "true", "acme.cert-manager.io/http-domain": "1234"}


def _renders(decision, tmp_path) -> dict[str, list[dict]]:
    out = {f"kustomize-{env}": env_objects(decision, "ADR-0007", env) for env in decision.answers.environments}
    if decision.choices["manifests"] in ("helm", "both"):
        chart = write_chart(decision, tmp_path)
        out |= {f"helm-{env}": chart.objects(env) for env in decision.answers.environments}
    return out


def _app_pod(decision, env: str) -> Pod:
    app = decision.answers.project.name
    labels = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": app}
    return Pod(f"{app}-{env}", labels, {"http": 8080, "metrics": 9090})


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_gateway_api_by_default_and_nothing_names_ingress_nginx(example: str, tmp_path) -> None:
    decision = example_decision(EXAMPLES / example)
    assert decision.choices["way_in"] == "gateway-api"
    for where, objects in _renders(decision, tmp_path).items():
        text = json.dumps(objects)
        assert "ingress-nginx" not in text and '"ingressClassName": "nginx"' not in text, where
        kinds = {o["kind"] for o in objects}
        assert {"Gateway", "HTTPRoute"} <= kinds and "Ingress" not in kinds, where
        assert check_way_in(objects) == [], where
        for obj in (o for o in objects if o["apiVersion"].startswith("gateway.networking.k8s.io")):
            assert custom_resource_problems(obj) == [], (where, obj["metadata"]["name"])
        gateway = next(o for o in objects if o["kind"] == "Gateway")
        env = where.split("-", 1)[1]
        host = f"{decision.answers.domain}" if env in ("prod", "production") else f"{env}.{decision.answers.domain}"
        assert {li["hostname"] for li in gateway["spec"]["listeners"]} == {host}, where
        assert gateway["spec"]["gatewayClassName"] == "eg"


def test_class_and_controller_namespace_follow_the_answers_and_ingress_only_when_asked(tmp_path) -> None:
    network = {"class_name": "cilium", "controller_namespace": "kube-system", "controller_cidrs": ["10.0.64.0/20"]}
    decision = evaluate(answers_for("c", "gcp", network=network))[0]
    for where, objects in _renders(decision, tmp_path / "gw").items():
        gateway = next(o for o in objects if o["kind"] == "Gateway")
        assert gateway["spec"]["gatewayClassName"] == "cilium", where
        app = _app_pod(decision, where.split("-", 1)[1])
        assert connects(objects, Pod("kube-system", {"k8s-app": "cilium"}), app, 8080), where
        assert connects(objects, Host("10.0.70.1"), app, 8080), where  # a cloud load balancer's range
        assert not connects(objects, Pod("envoy-gateway-system"), app, 8080), where
    asked = evaluate(answers_for("a", "aws", network={"way_in": "ingress"}))[0]
    assert asked.choices["way_in"] == "ingress"
    objects = env_objects(asked, "ADR-0007", "dev")
    ingress = next(o for o in objects if o["kind"] == "Ingress")
    assert ingress["spec"]["ingressClassName"] == "traefik" and not any(o["kind"] == "Gateway" for o in objects)
    assert connects(objects, Pod("traefik"), _app_pod(asked, "dev"), 8080)
    assert check_way_in(objects) == []


@pytest.mark.parametrize("example", ["scenario-a.yaml", "scenario-c.yaml", "scenario-b.yaml"])
def test_cert_managers_http01_solver_is_reachable_through_default_deny(example: str, tmp_path) -> None:
    decision = example_decision(EXAMPLES / example)
    controller = Pod(decision.answers.controller_namespace, {"app.kubernetes.io/name": "envoy"})
    for where, objects in _renders(decision, tmp_path).items():
        namespace = f"{decision.answers.project.name}-{where.split('-', 1)[1]}"
        solver = Pod(namespace, SOLVER, {"http": 8089})
        assert connects(objects, controller, solver, traffic.SOLVER_PORT), where
        assert not connects(objects, Pod("somewhere-else"), solver, traffic.SOLVER_PORT), where
        assert not connects(objects, controller, solver, 8080), where


def test_the_cluster_issuer_the_readme_prints_validates_and_solves_through_the_gateway() -> None:
    for decision in (example_decision(EXAMPLES / "scenario-a.yaml"), decision_for("a", "aws")):
        issuer = traffic.cluster_issuer(Target(decision, "", "dev"))
        schema = load_schema(SCHEMAS / "cert-manager.io/clusterissuer_v1.json")
        assert type_errors(issuer, schema) == [] and pruned_fields(issuer, schema) == []
        (solver,) = issuer["spec"]["acme"]["solvers"]
        assert solver["http01"]["gatewayHTTPRoute"]["parentRefs"] == [
            {"name": "atlas", "kind": "Gateway", "sectionName": "http"}
        ]
        gateway = next(o for o in env_objects(decision, "A", "dev") if o["kind"] == "Gateway")
        assert "http" in {li["name"] for li in gateway["spec"]["listeners"] if li["protocol"] == "HTTP"}


@pytest.mark.parametrize("scenario", ["a", "c"])
def test_the_app_reaches_the_database_networks_only(scenario: str, tmp_path) -> None:
    default = decision_for(scenario, "aws")
    narrowed = evaluate(answers_for(scenario, "aws", network={"database_cidrs": ["10.20.30.0/24"]}))[0]
    for decision, inside, outside in (
        (default, "10.42.0.7", "203.0.113.7"),
        (narrowed, "10.20.30.5", "10.20.31.5"),
    ):
        for where, objects in _renders(decision, tmp_path / scenario).items():
            app = _app_pod(decision, where.split("-", 1)[1])
            assert connects(objects, app, Host(inside), 5432), where
            assert not connects(objects, app, Host(outside), 5432), where
            assert not connects(objects, app, Host("198.51.100.9"), 22), where  # an arbitrary host
            assert not any(
                peer.get("ipBlock", {}).get("cidr") == "0.0.0.0/0"
                for o in objects
                if o["kind"] == "NetworkPolicy" and o["metadata"]["name"].endswith("allow-egress")
                for rule in o["spec"]["egress"]
                if {"port": 5432, "protocol": "TCP"} in rule.get("ports", [])
                for peer in rule["to"]
            ), where

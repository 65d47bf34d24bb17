"""The way in (the `way_in` decision): a Gateway and HTTPRoutes per environment, or an Ingress where asked.

Gateway API: each environment's namespace holds its own Gateway (class `network.class_name`), annotated for
cert-manager's Gateway API support, which issues the HTTPS listener's certificate into `APP-tls` in the same
namespace (it cannot write across namespaces). The HTTP listener answers ACME HTTP-01 challenges (cert-manager
attaches its solver HTTPRoute there) and redirects everything else to https. Ingress: class `network.class_name`
with cert-manager's ingress-shim. Either way the controller's proxies (namespace `network.controller_namespace`,
or a cloud load balancer's ranges) may reach the app's http port and cert-manager's solver pods on 8089, which
default-deny would otherwise block, so certificates issue.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names
from advisor.skeleton.model import Target, obj

GATEWAY_API = "gateway.networking.k8s.io/v1"
SOLVER_LABEL = "acme.cert-manager.io/http01-solver"  # on every HTTP-01 solver pod cert-manager starts
SOLVER_PORT = 8089
HTTP_LISTENER, HTTPS_LISTENER = "http", "https"


def way_in(t: Target) -> str:
    return t.decision.choices.get("way_in", "gateway-api")


def host(t: Target) -> str:
    return names.host(t.answers, t.env) if t.env else f"base.{t.answers.domain}"


def _issuer(t: Target) -> dict[str, str]:
    return {"cert-manager.io/cluster-issuer": t.answers.delivery.tls_issuer}


def listeners(t: Target, hostname: str) -> list[dict[str, Any]]:
    same = {"namespaces": {"from": "Same"}}
    tls = {"mode": "Terminate", "certificateRefs": [{"kind": "Secret", "name": names.tls_secret(t.answers)}]}
    return [
        {"name": HTTP_LISTENER, "protocol": "HTTP", "port": 80, "hostname": hostname, "allowedRoutes": same},
        {
            "name": HTTPS_LISTENER,
            "protocol": "HTTPS",
            "port": 443,
            "hostname": hostname,
            "allowedRoutes": same,
            "tls": tls,
        },
    ]


def gateway(t: Target) -> dict[str, Any]:
    spec = {"gatewayClassName": t.answers.gateway_class, "listeners": listeners(t, host(t))}
    return obj(GATEWAY_API, "Gateway", t.meta(t.app, "app", annotations=_issuer(t)), spec=spec)


def _parent(t: Target, section: str) -> list[dict[str, Any]]:
    return [{"group": "gateway.networking.k8s.io", "kind": "Gateway", "name": t.app, "sectionName": section}]


def route_spec(t: Target, hostname: str) -> dict[str, Any]:
    backend = {"kind": "Service", "name": t.app, "port": names.SERVICE_PORT}
    rule = {"matches": [{"path": {"type": "PathPrefix", "value": "/"}}], "backendRefs": [backend]}
    return {"parentRefs": _parent(t, HTTPS_LISTENER), "hostnames": [hostname], "rules": [rule]}


def redirect_spec(t: Target, hostname: str) -> dict[str, Any]:
    """Plain http goes to https; cert-manager's solver route is more specific (an exact challenge path) and wins."""
    redirect = {"type": "RequestRedirect", "requestRedirect": {"scheme": "https", "statusCode": 301}}
    return {"parentRefs": _parent(t, HTTP_LISTENER), "hostnames": [hostname], "rules": [{"filters": [redirect]}]}


def routes(t: Target) -> list[dict[str, Any]]:
    return [
        obj(GATEWAY_API, "HTTPRoute", t.meta(t.app, "app"), spec=route_spec(t, host(t))),
        obj(GATEWAY_API, "HTTPRoute", t.meta(f"{t.app}-https-redirect", "app"), spec=redirect_spec(t, host(t))),
    ]


def ingress_rules(t: Target, hostname: str) -> dict[str, Any]:
    """The per-environment part of the Ingress (also the overlay patch)."""
    backend = {"service": {"name": t.app, "port": {"name": "http"}}}
    return {
        "tls": [{"hosts": [hostname], "secretName": names.tls_secret(t.answers)}],
        "rules": [{"host": hostname, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}],
    }


def ingress(t: Target) -> dict[str, Any]:
    spec = {"ingressClassName": t.answers.gateway_class, **ingress_rules(t, host(t))}
    return obj("networking.k8s.io/v1", "Ingress", t.meta(t.app, "app", annotations=_issuer(t)), spec=spec)


def objects(t: Target) -> list[dict[str, Any]]:
    return [gateway(t), *routes(t)] if way_in(t) == "gateway-api" else [ingress(t)]


def patches(t: Target, api_patch: Any) -> list[tuple[str, dict[str, Any]]]:
    """An overlay's host patches: (file stem, patch); `api_patch(kind, api, name, spec)` builds each."""
    hostname = host(t)
    if way_in(t) == "ingress":
        return [("ingress", api_patch("Ingress", "networking.k8s.io/v1", t.app, ingress_rules(t, hostname)))]
    return [
        ("gateway", api_patch("Gateway", GATEWAY_API, t.app, {"listeners": listeners(t, hostname)})),
        ("httproute", api_patch("HTTPRoute", GATEWAY_API, t.app, {"hostnames": [hostname]})),
        ("redirect", api_patch("HTTPRoute", GATEWAY_API, f"{t.app}-https-redirect", {"hostnames": [hostname]})),
    ]


def sources(t: Target) -> list[dict[str, Any]]:
    """Where the way in's traffic comes from: the controller's namespace, and a cloud load balancer's ranges."""
    namespace = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": t.answers.controller_namespace}}}
    return [namespace, *({"ipBlock": {"cidr": cidr}} for cidr in t.answers.network.controller_cidrs)]


def solver_policy(t: Target) -> dict[str, Any]:
    """cert-manager's HTTP-01 solver pods run in this namespace; the controller must reach them through default-deny."""
    spec = {
        "podSelector": {"matchLabels": {SOLVER_LABEL: "true"}},
        "policyTypes": ["Ingress"],
        "ingress": [{"from": sources(t), "ports": [{"port": SOLVER_PORT, "protocol": "TCP"}]}],
    }
    return obj(
        "networking.k8s.io/v1", "NetworkPolicy", t.meta(f"{t.app}-allow-acme-solver", "network-policy"), spec=spec
    )


LETSENCRYPT = "https://acme-v02.api.letsencrypt.org/directory"


def cluster_issuer(t: Target) -> dict[str, Any]:
    """The ClusterIssuer an administrator creates (cluster-scoped, shared): ACME HTTP-01 answered through this
    app's Gateway (its http listener, in each environment's namespace) or through the Ingress class."""
    if way_in(t) == "gateway-api":
        solver: dict[str, Any] = {
            "gatewayHTTPRoute": {"parentRefs": [{"name": t.app, "kind": "Gateway", "sectionName": HTTP_LISTENER}]}
        }
    else:
        solver = {"ingress": {"ingressClassName": t.answers.gateway_class}}
    acme = {
        "server": LETSENCRYPT,
        "email": "REPLACE-ME@example.com",
        "privateKeySecretRef": {"name": f"{t.answers.delivery.tls_issuer}-account-key"},
        # one solver per app, picked by its domain: several apps can share the ClusterIssuer
        "solvers": [{"selector": {"dnsZones": [t.answers.domain]}, "http01": solver}],
    }
    meta = {"name": t.answers.delivery.tls_issuer}
    return {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": meta, "spec": {"acme": acme}}

"""The README's "The way in" section: the controller the cluster needs, cert-manager's Gateway API support, and the
ClusterIssuer that answers ACME HTTP-01 through this app's Gateway (or Ingress class).
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import traffic
from advisor.skeleton.model import Target
from advisor.skeleton.yamlout import dump_one


def way_in_needs(decision: Decision) -> list[str]:
    """The lines of "The cluster needs" that concern the way in (cert-manager included)."""
    a = decision.answers
    issuer = a.delivery.tls_issuer
    if decision.choices.get("way_in", "gateway-api") == "ingress":
        return [
            f"- an Ingress controller serving IngressClass `{a.gateway_class}` with its proxies in namespace "
            f"`{a.controller_namespace}` (`network.class_name`, `network.controller_namespace`), and cert-manager "
            f"with the ClusterIssuer `{issuer}` (The way in)",
        ]
    return [
        f"- the Gateway API CRDs (standard channel) and a controller serving GatewayClass `{a.gateway_class}` with its "
        f"proxies in namespace `{a.controller_namespace}` (`network.class_name`, `network.controller_namespace`: "
        "Envoy Gateway, Cilium, Traefik, or a cloud load balancer controller with `network.controller_cidrs`)",
        f"- cert-manager with Gateway API support turned on (`config.enableGatewayAPI: true`) and the ClusterIssuer "
        f"`{issuer}` (The way in)",
    ]


def way_in_section(decision: Decision) -> list[str]:
    a = decision.answers
    t = Target(decision, "", a.environments[0])
    issuer = traffic.cluster_issuer(t)
    if traffic.way_in(t) == "gateway-api":
        how = (
            f"Each environment's namespace has its own Gateway `{t.app}` (class `{a.gateway_class}`) with an https "
            f"listener for its host, whose certificate cert-manager issues into `{t.app}-tls`, and an http listener "
            "that redirects to https and answers ACME HTTP-01 challenges."
        )
    else:
        how = (
            f"Each environment has an Ingress of class `{a.gateway_class}`; cert-manager's ingress-shim issues its "
            f"certificate into `{t.app}-tls`."
        )
    return [
        "## The way in",
        "",
        how
        + f" NetworkPolicies let the controller's proxies (namespace `{a.controller_namespace}`"
        + (f", ranges {', '.join(a.network.controller_cidrs)}" if a.network.controller_cidrs else "")
        + ") reach the app and cert-manager's HTTP-01 solver pods (port 8089), which default-deny would block.",
        "",
        f"An administrator creates the ClusterIssuer `{a.delivery.tls_issuer}` once (skip this if it exists and "
        f"already solves for `{a.domain}`; with a private CA issuer nothing is solved). For the ACME HTTP-01 "
        "challenge the http listener must be reachable from the internet; where it is not, use a DNS-01 solver "
        "instead (cert-manager's `dns01` solvers: Route 53, Cloud DNS, Azure DNS):",
        "",
        *("    " + line for line in dump_one(issuer, "").force().decode().splitlines()),
        "",
    ]

"""The NetworkPolicy evaluator against cases taken from the Kubernetes documentation, one row per stated behaviour.

Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/ (sections named in each row)
and the networking.k8s.io/v1 API reference (policyTypes, endPort, named ports). The evaluator is what the flow
tests trust in place of an API server, so it is held to the documentation's own examples, not to the skeleton.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from tests.flows.evaluator import Cluster, Pod

NAMESPACES = {"default": {}, "myproject": {"project": "myproject"}, "alice": {"user": "alice"}, "other": {}}
DB = Pod("db", "default", {"role": "db"}, "10.244.0.10", {"redis": (6379, "TCP")})
FRONTEND = Pod("frontend", "default", {"role": "frontend"}, "10.244.0.11")
PLAIN = Pod("plain", "default", {}, "10.244.0.12")
IN_MYPROJECT = Pod("anything", "myproject", {}, "10.244.1.10")
FRONTEND_ELSEWHERE = Pod("frontend", "other", {"role": "frontend"}, "10.244.2.10")
CLIENT_LOCAL = Pod("client", "default", {"role": "client"}, "10.244.0.13")
CLIENT_ALICE = Pod("client", "alice", {"role": "client"}, "10.244.3.10")
OTHER_ALICE = Pod("other", "alice", {"role": "server"}, "10.244.3.11")
WEB = Pod("web", "default", {"app": "web"}, "10.244.0.14", {"http": (8080, "TCP"), "dns": (53, "UDP")})


class Case(NamedTuple):
    what: str
    policies: list[dict[str, Any]]
    src: Any
    dst: Any
    port: int | str
    protocol: str
    allowed: bool


def policy(spec: dict[str, Any], name: str = "p", namespace: str = "default") -> dict[str, Any]:
    return {"kind": "NetworkPolicy", "metadata": {"name": name, "namespace": namespace}, "spec": spec}


# "NetworkPolicy resource": the documentation's test-network-policy, verbatim
DOCS_EXAMPLE = policy(
    {
        "podSelector": {"matchLabels": {"role": "db"}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [
            {
                "from": [
                    {"ipBlock": {"cidr": "172.17.0.0/16", "except": ["172.17.1.0/24"]}},
                    {"namespaceSelector": {"matchLabels": {"project": "myproject"}}},
                    {"podSelector": {"matchLabels": {"role": "frontend"}}},
                ],
                "ports": [{"protocol": "TCP", "port": 6379}],
            }
        ],
        "egress": [{"to": [{"ipBlock": {"cidr": "10.0.0.0/24"}}], "ports": [{"protocol": "TCP", "port": 5978}]}],
    }
)
AND_PEER = {
    "podSelector": {"matchLabels": {"role": "db"}},
    "ingress": [
        {
            "from": [
                {
                    "namespaceSelector": {"matchLabels": {"user": "alice"}},
                    "podSelector": {"matchLabels": {"role": "client"}},
                }
            ]
        }
    ],
}
OR_PEERS = {
    "podSelector": {"matchLabels": {"role": "db"}},
    "ingress": [
        {
            "from": [
                {"namespaceSelector": {"matchLabels": {"user": "alice"}}},
                {"podSelector": {"matchLabels": {"role": "client"}}},
            ]
        }
    ],
}
DENY_INGRESS = {"podSelector": {}, "policyTypes": ["Ingress"]}
ALLOW_INGRESS = {"podSelector": {}, "ingress": [{}], "policyTypes": ["Ingress"]}
DENY_EGRESS = {"podSelector": {}, "policyTypes": ["Egress"]}
ALLOW_EGRESS = {"podSelector": {}, "egress": [{}], "policyTypes": ["Egress"]}
DENY_ALL = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
END_PORT = {
    "podSelector": {"matchLabels": {"role": "db"}},
    "policyTypes": ["Egress"],
    "egress": [
        {"to": [{"ipBlock": {"cidr": "10.0.0.0/24"}}], "ports": [{"protocol": "TCP", "port": 32000, "endPort": 32768}]}
    ],
}
EGRESS_ONLY_RULES = {  # no policyTypes: Ingress is always implied, Egress because there is an egress rule
    "podSelector": {"matchLabels": {"role": "db"}},
    "egress": [{"to": [{"ipBlock": {"cidr": "10.0.0.0/24"}}]}],
}
INGRESS_ONLY_RULES = {"podSelector": {"matchLabels": {"role": "db"}}, "ingress": [{}]}  # no Egress implied
NAMED_PORT = {
    "podSelector": {"matchLabels": {"app": "web"}},
    "policyTypes": ["Ingress"],
    "ingress": [{"ports": [{"port": "http"}]}],
}
UDP_ONLY = {"podSelector": {"matchLabels": {"app": "web"}}, "ingress": [{"ports": [{"protocol": "UDP", "port": 53}]}]}
BY_NAMESPACE_NAME = {
    "podSelector": {"matchLabels": {"role": "db"}},
    "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "myproject"}}}]}],
}
EXPRESSIONS = {
    "podSelector": {"matchExpressions": [{"key": "role", "operator": "In", "values": ["db", "cache"]}]},
    "ingress": [
        {
            "from": [
                {"podSelector": {"matchExpressions": [{"key": "role", "operator": "NotIn", "values": ["frontend"]}]}}
            ]
        }
    ],
}
EXISTS = {
    "podSelector": {"matchExpressions": [{"key": "role", "operator": "Exists"}]},
    "ingress": [{"from": [{"podSelector": {"matchExpressions": [{"key": "role", "operator": "DoesNotExist"}]}}]}],
}

# (what the documentation says, policies, source, destination, port, protocol, allowed)
CASES = [
    Case(
        "example: role=frontend pod in the same namespace reaches role=db on 6379",
        [DOCS_EXAMPLE],
        FRONTEND,
        DB,
        6379,
        "TCP",
        True,
    ),
    Case("example: only the listed port", [DOCS_EXAMPLE], FRONTEND, DB, 6380, "TCP", False),
    Case(
        "example: any pod of a namespace labelled project=myproject",
        [DOCS_EXAMPLE],
        IN_MYPROJECT,
        DB,
        6379,
        "TCP",
        True,
    ),
    Case(
        "example: podSelector alone means the policy's own namespace",
        [DOCS_EXAMPLE],
        FRONTEND_ELSEWHERE,
        DB,
        6379,
        "TCP",
        False,
    ),
    Case("example: a pod matching no peer", [DOCS_EXAMPLE], PLAIN, DB, 6379, "TCP", False),
    Case("example: an address inside the ipBlock", [DOCS_EXAMPLE], "172.17.0.5", DB, 6379, "TCP", True),
    Case("example: an address in the ipBlock's except", [DOCS_EXAMPLE], "172.17.1.5", DB, 6379, "TCP", False),
    Case("example: the range after the except", [DOCS_EXAMPLE], "172.17.2.1", DB, 6379, "TCP", True),
    Case("example: egress to 10.0.0.0/24 on TCP 5978", [DOCS_EXAMPLE], DB, "10.0.0.7", 5978, "TCP", True),
    Case("example: egress outside the cidr", [DOCS_EXAMPLE], DB, "10.0.1.7", 5978, "TCP", False),
    Case("example: egress on another port", [DOCS_EXAMPLE], DB, "10.0.0.7", 5979, "TCP", False),
    Case("example: pods the policy does not select are not isolated", [DOCS_EXAMPLE], PLAIN, FRONTEND, 80, "TCP", True),
    Case(
        "to/from: namespaceSelector and podSelector in one element are ANDed",
        [policy(AND_PEER)],
        CLIENT_ALICE,
        DB,
        1,
        "TCP",
        True,
    ),
    Case(
        "to/from: ... so another pod of that namespace is refused", [policy(AND_PEER)], OTHER_ALICE, DB, 1, "TCP", False
    ),
    Case("to/from: ... and a client of the local namespace too", [policy(AND_PEER)], CLIENT_LOCAL, DB, 1, "TCP", False),
    Case("to/from: two elements are ORed: the local client", [policy(OR_PEERS)], CLIENT_LOCAL, DB, 1, "TCP", True),
    Case(
        "to/from: two elements are ORed: any pod of alice's namespace",
        [policy(OR_PEERS)],
        OTHER_ALICE,
        DB,
        1,
        "TCP",
        True,
    ),
    Case("default deny ingress", [policy(DENY_INGRESS)], FRONTEND, DB, 6379, "TCP", False),
    Case("default deny ingress leaves egress open", [policy(DENY_INGRESS)], DB, "192.0.2.1", 443, "TCP", True),
    Case(
        "allow all ingress",
        [policy(DENY_INGRESS, "deny"), policy(ALLOW_INGRESS, "allow")],
        FRONTEND,
        DB,
        6379,
        "TCP",
        True,
    ),
    Case("default deny egress", [policy(DENY_EGRESS)], DB, "192.0.2.1", 443, "TCP", False),
    Case(
        "default deny egress covers in-cluster destinations too",
        [policy(DENY_EGRESS)],
        FRONTEND,
        DB,
        6379,
        "TCP",
        False,
    ),
    Case(
        "allow all egress",
        [policy(DENY_EGRESS, "deny"), policy(ALLOW_EGRESS, "allow")],
        DB,
        "192.0.2.1",
        443,
        "TCP",
        True,
    ),
    Case("default deny all ingress and egress: ingress", [policy(DENY_ALL)], FRONTEND, DB, 6379, "TCP", False),
    Case("default deny all ingress and egress: egress", [policy(DENY_ALL)], DB, "192.0.2.1", 443, "TCP", False),
    Case(
        "a connection needs the source's egress and the destination's ingress",
        [policy(ALLOW_EGRESS), policy(INGRESS_ONLY_RULES, "in"), policy(DENY_INGRESS, "deny")],
        FRONTEND,
        WEB,
        8080,
        "TCP",
        False,
    ),
    Case("endPort: the first port of the range", [policy(END_PORT)], DB, "10.0.0.7", 32000, "TCP", True),
    Case("endPort: the last port of the range", [policy(END_PORT)], DB, "10.0.0.7", 32768, "TCP", True),
    Case("endPort: below the range", [policy(END_PORT)], DB, "10.0.0.7", 31999, "TCP", False),
    Case("endPort: above the range", [policy(END_PORT)], DB, "10.0.0.7", 32769, "TCP", False),
    Case(
        "policyTypes left out: an egress rule makes it an egress policy",
        [policy(EGRESS_ONLY_RULES)],
        DB,
        "10.0.1.1",
        80,
        "TCP",
        False,
    ),
    Case(
        "policyTypes left out: Ingress is always implied", [policy(EGRESS_ONLY_RULES)], FRONTEND, DB, 6379, "TCP", False
    ),
    Case(
        "policyTypes left out: no egress rule, no egress isolation",
        [policy(INGRESS_ONLY_RULES)],
        DB,
        "192.0.2.1",
        443,
        "TCP",
        True,
    ),
    Case(
        "named port: matches the destination's container port of that name",
        [policy(NAMED_PORT)],
        FRONTEND,
        WEB,
        "http",
        "TCP",
        True,
    ),
    Case(
        "named port: the same number without the name is not it",
        [policy(NAMED_PORT)],
        FRONTEND,
        WEB,
        8081,
        "TCP",
        False,
    ),
    Case("protocol defaults to TCP: a UDP rule allows UDP", [policy(UDP_ONLY)], FRONTEND, WEB, 53, "UDP", True),
    Case(
        "protocol defaults to TCP: a UDP rule does not allow TCP", [policy(UDP_ONLY)], FRONTEND, WEB, 53, "TCP", False
    ),
    Case("targeting a namespace by its name label", [policy(BY_NAMESPACE_NAME)], IN_MYPROJECT, DB, 5432, "TCP", True),
    Case(
        "targeting a namespace by name: other namespaces refused",
        [policy(BY_NAMESPACE_NAME)],
        CLIENT_ALICE,
        DB,
        5432,
        "TCP",
        False,
    ),
    Case("matchExpressions In / NotIn (a missing key is NotIn)", [policy(EXPRESSIONS)], PLAIN, DB, 1, "TCP", True),
    Case("matchExpressions NotIn refuses the listed value", [policy(EXPRESSIONS)], FRONTEND, DB, 1, "TCP", False),
    Case("matchExpressions DoesNotExist", [policy(EXISTS)], PLAIN, DB, 1, "TCP", True),
    Case(
        "matchExpressions Exists selects, DoesNotExist refuses a labelled peer",
        [policy(EXISTS)],
        FRONTEND,
        DB,
        1,
        "TCP",
        False,
    ),
    Case(
        "policies add up: a second policy allows what the first does not",
        [policy(DOCS_EXAMPLE), policy(ALLOW_INGRESS, "all", "default")],
        PLAIN,
        DB,
        6379,
        "TCP",
        True,
    ),
    Case(
        "a policy only selects pods of its own namespace",
        [policy(DENY_ALL, namespace="other")],
        FRONTEND,
        DB,
        6379,
        "TCP",
        True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_documented_behaviour(case: Case) -> None:
    pods = [DB, FRONTEND, PLAIN, IN_MYPROJECT, FRONTEND_ELSEWHERE, CLIENT_LOCAL, CLIENT_ALICE, OTHER_ALICE, WEB]
    cluster = Cluster(NAMESPACES, pods, case.policies)
    allowed = cluster.allows(case.src, case.dst, case.port, case.protocol, pod_ips_in_ipblocks=False)
    assert allowed is case.allowed, case.what


def test_pod_ips_in_ip_blocks_is_the_callers_choice() -> None:
    """The documentation leaves it to the CNI whether an ipBlock matches pod IPs; both answers are computed."""
    spec = {"podSelector": {"matchLabels": {"role": "db"}}, "policyTypes": ["Egress"]}
    spec["egress"] = [{"to": [{"ipBlock": {"cidr": "10.244.0.0/16"}}]}]
    cluster = Cluster(NAMESPACES, [DB, FRONTEND], [policy(spec)])
    assert cluster.allows(DB, FRONTEND, 80, pod_ips_in_ipblocks=True)
    assert not cluster.allows(DB, FRONTEND, 80, pod_ips_in_ipblocks=False)


def test_an_unknown_port_name_is_an_error_not_a_denial() -> None:
    with pytest.raises(ValueError, match="no container port named 'grpc'"):
        Cluster(NAMESPACES, [WEB], []).allows(FRONTEND, WEB, "grpc", pod_ips_in_ipblocks=False)

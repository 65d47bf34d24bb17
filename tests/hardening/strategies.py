"""Hypothesis strategies for valid answers: every field across its whole allowed range, text included."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from advisor.answers import YAML_BOOLEANS, Answers

LABEL = st.from_regex(r"\A[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?\Z")
NAME = st.from_regex(r"\A[a-z]([-a-z0-9]{0,14}[a-z0-9])?\Z").filter(lambda name: name not in YAML_BOOLEANS)
HOST = st.lists(LABEL, min_size=2, max_size=4).map(".".join)
# Everything the schema lets through must survive rendering and reading back: any printable character
# of any script, tabs, and (in a description) line breaks; controls and separators are refused by the schema.
_PRINTABLE = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufffe\uffff")
PERSON = st.text(st.one_of(_PRINTABLE, st.just("\t")), min_size=1, max_size=40)
FREE_TEXT = st.text(st.one_of(_PRINTABLE, st.sampled_from("\t\n\r\x85\u2028")), max_size=300)


CIDR = st.sampled_from(["10.0.0.0/8", "192.0.2.0/28", "172.20.4.0/22", "198.51.100.7/32", "2001:db8::/64"])
ENDPOINT = st.builds(lambda host, port: f"https://{host}{port}", HOST, st.sampled_from(["", ":9000", ":443", ":8443"]))


def _optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def _section(**fields: st.SearchStrategy) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping where every field may be left out (the default applies)."""
    return st.fixed_dictionaries({}, optional=fields)


ANSWERS_DATA = st.fixed_dictionaries(
    {
        "project": st.fixed_dictionaries({"name": NAME}, optional={"description": FREE_TEXT}),
        "phase": st.integers(1, 9),
        "team": st.fixed_dictionaries(
            {"size": st.integers(1, 10_000)},
            optional={
                "platform_engineers": st.integers(0, 10_000),
                "kubernetes_experience": st.sampled_from(["none", "basic", "production"]),
            },
        ),
        "regulation": st.fixed_dictionaries(
            {"regulated": st.booleans()},
            optional={
                "frameworks": st.lists(
                    st.sampled_from(["hipaa", "pci-dss", "gdpr", "soc2", "iso27001", "fedramp", "other"]),
                    unique=True,
                ),
                "data_residency": st.sampled_from(["any", "region", "on-premises"]),
                "air_gapped": st.booleans(),
            },
        ),
        "organization": st.fixed_dictionaries(
            {"teams": st.integers(1, 1000)}, optional={"clusters": st.integers(1, 1000)}
        ),
    },
    optional={
        "hosting": _section(
            provider=st.sampled_from(["aws", "gcp", "azure", "on-premises", "other"]),
            managed_postgres=_optional(st.booleans()),
            managed_object_storage=_optional(st.booleans()),
        ),
        "environments": st.lists(LABEL, min_size=1, max_size=6, unique=True),
        "data": _section(
            pgvector=st.booleans(),
            object_storage=st.booleans(),
            rpo_minutes=st.integers(0, 525_600),
            rto_minutes=st.integers(1, 525_600),
        ),
        "delivery": _section(
            manifests=st.sampled_from(["kustomize", "helm", "both"]),
            domain=_optional(HOST),
            tls_issuer=LABEL,
            secrets=st.sampled_from(["auto", "external-secrets", "sealed-secrets", "sops"]),
            image=_optional(st.from_regex(r"\A[a-z0-9]+([./-][a-z0-9]+){0,3}\Z")),
            image_tag=st.from_regex(r"\A[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}\Z"),
        ),
        "backup": _section(
            endpoint=_optional(ENDPOINT),
            bucket=_optional(st.from_regex(r"\A[a-z0-9][a-z0-9-]{1,20}[a-z0-9]\Z")),
            region=_optional(st.sampled_from(["eu-central-1", "site-b"])),
            ca_bundle_secret=_optional(LABEL),
            retention_days=_optional(st.integers(1, 3650)),
            drill_interval_days=st.integers(1, 366),
            accept_same_cluster_risk=st.booleans(),
            store=st.sampled_from(["s3", "minio"]),
            encryption=st.sampled_from(["bucket-default", "sse-s3", "sse-kms"]),
            cidrs=st.lists(CIDR, max_size=3, unique=True),
        ),
        "network": _section(
            way_in=st.sampled_from(["gateway-api", "ingress"]),
            controller_namespace=_optional(LABEL),
            database_cidrs=st.lists(CIDR, max_size=3, unique=True),
            api_server_cidrs=st.lists(CIDR, max_size=3, unique=True),
        ),
        "observability": _section(
            log_endpoint=_optional(HOST.map(lambda host: f"https://{host}")),
            log_platform=st.sampled_from(["loki", "elasticsearch", "opensearch", "splunk", "http"]),
            log_retention_days=_optional(st.integers(1, 3650)),
            otel_adopted=st.booleans(),
            otlp_endpoint=_optional(HOST.map(lambda host: f"https://{host}:4318")),
            alert_receiver=_optional(st.builds("{}@{}".format, LABEL, HOST)),
        ),
        "adr": _section(
            template=st.sampled_from(["madr", "nygard"]),
            decision_makers=st.lists(PERSON, max_size=3),
            consulted=st.lists(PERSON, max_size=3),
            informed=st.lists(PERSON, max_size=2),
        ),
    },
)

ANSWERS = ANSWERS_DATA.map(Answers.model_validate)

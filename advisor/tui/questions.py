"""The interview's questionnaire: the words and conditions of each question, as data.

Each `Question` knows its place in the answers (a dotted path), its label, why it matters (with the
SPEC-0006 section) and `when` it is asked. How it is asked (kind, options, default, number range)
is read from the `Answers` field at that path (advisor.tui.fields), so the questionnaire and the
answers file can never disagree. Nothing here decides anything: the rules in rules/*.yaml do. Kept
free of Textual so it can be tested and read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from advisor.tui.fields import FieldShape, Kind, field_shape

INFER = ((None, "infer from provider"),)  # None in hosting.managed_*: the core infers it from the provider


class _NotProposed:
    def __repr__(self) -> str:
        return "NOT_PROPOSED"


NOT_PROPOSED: Any = _NotProposed()


@dataclass(frozen=True)
class Question:
    path: str  # dotted path in the answers: "team.size"
    label: str
    help: str  # one line: why it matters
    spec: str  # the SPEC-0006 section it comes from ("" when it only shapes the ADR)
    when: tuple[str, Any] | None = None  # asked only when the answer at this path equals the value
    shown_default: str = ""  # how to describe a default the core infers ("<name>.example.com")
    # What the interview starts from where the model has no default (a required field): an override, so named.
    proposed: Any = NOT_PROPOSED
    labels: tuple[tuple[Any, str], ...] = ()  # (value, shown label) where the value alone reads badly

    @cached_property
    def shape(self) -> FieldShape:
        from advisor.answers import Answers  # lazily: pydantic loads after the first paint

        return field_shape(Answers, self.path)

    @property
    def kind(self) -> Kind:
        return self.shape.kind

    @property
    def default(self) -> Any:
        if self.proposed is not NOT_PROPOSED:
            return self.proposed
        if self.shape.required:
            raise ValueError(f"{self.path} is required in the answers: the question must say what it proposes")
        return self.shape.default

    @property
    def options(self) -> tuple[tuple[str, Any], ...]:
        """(shown label, answer value) for choice and multi, in the model's order."""
        return tuple((self.value_label(value), value) for value in self.shape.options)

    @property
    def optional(self) -> bool:
        """An empty text or number means "use the default" (None in the answers)."""
        return self.shape.optional

    @property
    def limits(self) -> tuple[int, int]:
        """The lowest and highest number the model accepts, so messages cannot disagree with it."""
        if self.shape.limits is None:
            raise TypeError(f"{self.path} is not a number")
        return self.shape.limits

    def value_label(self, value: Any) -> str:
        for known, label in self.labels:
            if known is value or (type(known) is type(value) and known == value):
                return label
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, str):
            return value
        raise ValueError(f"{self.path}: no label for the value {value!r}; give one in `labels`")

    @property
    def default_text(self) -> str:
        """The default as the help line shows it."""
        if self.shown_default:
            return self.shown_default
        if self.kind == "choice":
            return self.value_label(self.default)
        if isinstance(self.default, list):
            return ", ".join(self.default) or "none"
        return "none" if self.default in (None, "") else str(self.default)

    @property
    def help_line(self) -> str:
        spec = f" (SPEC-0006 {self.spec})" if self.spec else ""
        return f"{self.help.rstrip('.')}{spec}. Default: {self.default_text}."


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    questions: tuple[Question, ...] = field(default_factory=tuple)
    affects: tuple[str, ...] = ()  # decisions these answers mostly move: the panel shows their flips first


# The model requires these answers (an answers file must state them); the interview starts from a
# proposal instead, the smallest common case: an unnamed project, the first Kubernetes phase, a
# team of five, one team deploying, no regulated data. docs/answers.md says the same.
PROPOSED_PHASE = 4
PROPOSED_TEAM_SIZE = 5
PROPOSED_TEAMS = 1

SECTIONS: tuple[Section, ...] = (
    Section(
        "project",
        "Project and phase",
        "What is being deployed, and how far along the product is.",
        (
            Question(
                "project.name",
                "Project name",
                "Names namespaces, releases and objects; a DNS-1123 label.",
                "3.2",
                proposed="",
            ),
            Question("project.description", "Description", "One line for the ADR's context.", ""),
            Question(
                "phase",
                "Product phase (1-9)",
                "Phases 2-3 run on Docker Compose, 4+ on Kubernetes.",
                "3.1",
                proposed=PROPOSED_PHASE,
            ),
            Question("environments", "Environments", "One namespace and overlay each, comma-separated.", "2.1"),
        ),
        affects=("runtime", "manifests"),
    ),
    Section(
        "team",
        "Team",
        "Who builds and runs the service: operating state in a cluster is their work.",
        (
            Question(
                "team.size",
                "Engineers on the service",
                "A small team favours managed services.",
                "4, Scenario A",
                proposed=PROPOSED_TEAM_SIZE,
            ),
            Question(
                "team.platform_engineers", "Platform engineers", "People who can run databases in a cluster.", "3.3"
            ),
            Question(
                "team.kubernetes_experience", "Kubernetes experience", "Running state in-cluster needs it.", "3.3"
            ),
        ),
        affects=("postgres", "object_storage"),
    ),
    Section(
        "regulation",
        "Regulation",
        "Regulated data may have to stay on site (SPEC-0006 4, Scenario B).",
        (
            Question(
                "regulation.regulated",
                "Regulated data?",
                "Backups and access controls come first.",
                "4, Scenario B",
                proposed=False,
            ),
            Question(
                "regulation.frameworks",
                "Frameworks",
                "They decide the obligations the ADR lists.",
                "4, Scenario B",
                when=("regulation.regulated", True),
            ),
            Question(
                "regulation.data_residency",
                "Data residency",
                "On-premises data keeps state in-cluster.",
                "3.3, 4 B",
                when=("regulation.regulated", True),
            ),
            Question(
                "regulation.air_gapped",
                "Air-gapped site?",
                "No managed service is reachable from one.",
                "3.3, 4 B",
                when=("regulation.regulated", True),
            ),
        ),
        affects=("postgres", "object_storage", "secrets"),
    ),
    Section(
        "organization",
        "Organisation",
        "How many teams share the clusters (SPEC-0006 4, Scenario C).",
        (
            Question(
                "organization.teams",
                "Teams deploying",
                "Several teams make Rancher's RBAC worth it.",
                "1.1, 4 C",
                proposed=PROPOSED_TEAMS,
            ),
            Question("organization.clusters", "Clusters", "More clusters need one management plane.", "1.1"),
        ),
        affects=("rancher",),
    ),
    Section(
        "hosting",
        "Hosting and data",
        "Where it runs and what state it keeps (SPEC-0006 3.3).",
        (
            Question("hosting.provider", "Hosting provider", "Clouds offer managed Postgres and storage.", "3.3, 4 A"),
            Question(
                "hosting.managed_postgres", "Managed Postgres offered?", "Prefer it in production.", "3.3", labels=INFER
            ),
            Question("data.pgvector", "Needs pgvector?", "The vector store interface stays unchanged.", "3.3"),
            Question("data.object_storage", "Needs object storage?", "MinIO or a managed S3 store.", "3.3"),
            Question(
                "hosting.managed_object_storage",
                "Managed object storage offered?",
                "Avoids running MinIO.",
                "3.3",
                when=("data.object_storage", True),
                labels=INFER,
            ),
            Question("data.rpo_minutes", "RPO (minutes)", "Data you can afford to lose; sets backups.", "2.2, 5"),
            Question("data.rto_minutes", "RTO (minutes)", "Time to restore; the runbook must meet it.", "2.2, 5"),
            Question(
                "backup.endpoint",
                "Backup endpoint",
                "S3 URL outside the cluster for in-cluster Postgres backups; https for regulated data.",
                "4 Scenario B",
                shown_default="a placeholder, with a warning",
            ),
            Question(
                "backup.bucket",
                "Backup bucket",
                "Bucket on that endpoint.",
                "4 Scenario B",
                shown_default="<name>-backups",
            ),
            Question("backup.region", "Backup region", "Region of that bucket, if the store needs one.", ""),
            Question(
                "backup.ca_bundle_secret",
                "CA bundle Secret",
                "Secret (key ca.crt) with the CA of the endpoint's certificate.",
                "4 Scenario B",
            ),
            Question(
                "backup.retention_days",
                "Backup retention (days)",
                "How long production backups are kept and locked.",
                "4 Scenario B",
                shown_default="90 if regulated, else 30",
            ),
            Question(
                "data.object_api",
                "Object APIs the app speaks",
                "An app that speaks Cloud Storage or Blob Storage needs no keys and no S3 gateway.",
                "3.3",
                when=("data.object_storage", True),
            ),
            Question("hosting.region", "Cloud region", "Where the secret store and the identities live.", ""),
            Question(
                "hosting.account", "Cloud account", "AWS account, Google Cloud project or Azure subscription.", ""
            ),
            Question("hosting.cluster", "Cluster name", "The EKS, GKE or AKS cluster the identities trust.", ""),
            Question(
                "hosting.azure_tenant_id",
                "Azure tenant id",
                "Azure Workload Identity names its tenant.",
                "",
                when=("hosting.provider", "azure"),
            ),
            Question(
                "hosting.aws_identity",
                "AWS pod identity",
                "How the app's pods get their IAM role: IRSA or EKS Pod Identity.",
                "",
                when=("hosting.provider", "aws"),
            ),
            Question(
                "backup.drill_interval_days",
                "Restore drill interval (days)",
                "A restore drill must succeed at least this often; an alert says when not.",
                "5",
            ),
            Question(
                "backup.accept_same_cluster_risk",
                "Back up into the same cluster?",
                "Accepts that one failure loses the database and its backups together.",
                "4 Scenario B, 5",
            ),
            Question(
                "backup.store",
                "Backup store",
                "MinIO is set up with mc, any other S3 store with the aws CLI.",
                "4 Scenario B",
            ),
            Question(
                "backup.encryption",
                "Backup encryption",
                "Asked of the store on each upload; MinIO honours it only with a KMS.",
                "4 Scenario B",
            ),
            Question(
                "backup.cidrs",
                "Backup store addresses",
                "The only addresses the database may send backups to.",
                "4 Scenario B",
                shown_default="10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16",
            ),
        ),
        affects=("postgres", "object_storage"),
    ),
    Section(
        "delivery",
        "Delivery",
        "How manifests, TLS and secrets are handled (SPEC-0006 2.1, 3.2, 5).",
        (
            Question("delivery.manifests", "Manifests", "Helm or Kustomize, as the team prefers.", "3.2"),
            Question(
                "delivery.domain",
                "Domain",
                "The Ingress host that gets a TLS certificate.",
                "3.2",
                shown_default="<name>.example.com",
            ),
            Question("delivery.tls_issuer", "TLS issuer", "The cert-manager ClusterIssuer for the Ingress.", "3.2"),
            Question("delivery.secrets", "Secrets", "Secrets are never stored in plain text.", "2.1, 5"),
            Question(
                "delivery.image",
                "Image repository",
                "Where the app image is pulled from.",
                "3.2",
                shown_default="registry.example.com/<name>",
            ),
            Question(
                "delivery.registry",
                "Image registry",
                "An air-gapped site pulls every third-party image from its own registry.",
                "3.3",
                when=("regulation.air_gapped", True),
                shown_default="none (pull from the public registries)",
            ),
            Question("delivery.image_tag", "Image tag", "Pinned per overlay, so a rollback is a revert.", "5"),
            Question(
                "delivery.credentials",
                "Credentials as",
                "Files the app re-reads survive a rotation without a restart.",
                "2.1, 5",
            ),
            Question("network.way_in", "Way in", "Gateway API, or Ingress where the cluster needs it.", "3.2"),
            Question(
                "network.class_name",
                "Gateway class",
                "The GatewayClass (or IngressClass) of the cluster's controller.",
                "3.2",
                shown_default="eg (Ingress: traefik)",
            ),
            Question(
                "network.controller_namespace",
                "Controller namespace",
                "Where the proxy pods run; NetworkPolicies let them in.",
                "3.2",
                shown_default="envoy-gateway-system (Ingress: traefik)",
            ),
            Question(
                "network.controller_cidrs",
                "Load balancer ranges",
                "Ranges of a cloud load balancer that reaches the pods directly, comma-separated.",
                "3.2",
            ),
            Question(
                "network.database_cidrs",
                "Database networks",
                "Where the managed database is; the app may reach Postgres there only.",
                "2.2",
                shown_default="10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16",
            ),
            Question(
                "network.api_server_cidrs",
                "API server addresses",
                "CloudNativePG's instances must reach the Kubernetes API, and nothing else outside.",
                "",
                shown_default="10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16",
            ),
            Question("adr.template", "ADR template", "The record's layout: MADR or Nygard.", ""),
            Question("adr.decision_makers", "Decision makers", "Who signs the ADR, comma-separated.", ""),
            Question("adr.consulted", "Consulted", "Whose advice the ADR records, comma-separated.", ""),
            Question("adr.informed", "Informed", "Who is told of the decision, comma-separated.", ""),
        ),
        affects=("manifests", "secrets", "secret_store"),
    ),
    Section(
        "observability",
        "Observability",
        "Where logs, metrics, traces and alerts go (SPEC-0006 3.4).",
        (
            Question(
                "observability.log_endpoint",
                "Site log platform",
                "URL of a log platform the site already runs; the logs are shipped there.",
                "3.4",
                shown_default="none (a store chosen by the rules)",
            ),
            Question("observability.log_platform", "Log platform kind", "What listens at that URL.", "3.4"),
            Question(
                "observability.log_retention_days",
                "Log retention (days)",
                "How long logs are kept; regulated logs as long as the frameworks ask.",
                "3.4, 4 B",
                shown_default="from the frameworks (30 if not regulated)",
            ),
            Question(
                "observability.otel_adopted",
                "OpenTelemetry adopted?",
                "Traces go to a Collector; otherwise the SDK is set up but off.",
                "3.4",
            ),
            Question(
                "observability.otlp_endpoint",
                "Trace backend",
                "OTLP/HTTP URL the Collector sends traces to.",
                "3.4",
                when=("observability.otel_adopted", True),
            ),
            Question(
                "observability.alert_receiver",
                "Alert receiver",
                "E-mail address of the on-call mailbox that gets the alerts.",
                "3.4, 5",
            ),
        ),
        affects=("logs", "metrics", "tracing"),
    ),
)

QUESTIONS: dict[str, Question] = {q.path: q for section in SECTIONS for q in section.questions}


def section_index(key: str) -> int:
    return next(i for i, section in enumerate(SECTIONS) if section.key == key)

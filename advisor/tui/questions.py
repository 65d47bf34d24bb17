"""The interview's questionnaire, defined once as data and rendered by the question screens.

Each `Question` knows its place in the answers (a dotted path), how it is asked, why it matters
(with the SPEC-0006 section), its default, and `when` it is asked. Nothing here decides anything:
the rules in rules/*.yaml do. Kept free of Textual so it can be tested and read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "int", "list", "choice", "multi"]

YES_NO = (("yes", True), ("no", False))
INFER = (("infer from provider", None), ("yes", True), ("no", False))
FRAMEWORKS = ("hipaa", "pci-dss", "gdpr", "soc2", "iso27001", "fedramp", "other")


@dataclass(frozen=True)
class Question:
    path: str  # dotted path in the answers: "team.size"
    label: str
    help: str  # one line: why it matters
    spec: str  # the SPEC-0006 section it comes from ("" when it only shapes the ADR)
    kind: Kind
    default: Any
    options: tuple[tuple[str, Any], ...] = ()  # (shown label, answer value) for choice and multi
    optional: bool = False  # an empty text means "use the default" (None in the answers)
    when: tuple[str, Any] | None = None  # asked only when the answer at this path equals the value
    shown_default: str = ""  # how to describe a default the core infers ("<name>.example.com")

    @property
    def default_text(self) -> str:
        """The default as the help line shows it."""
        if self.shown_default:
            return self.shown_default
        if self.kind == "choice":
            return next(label for label, value in self.options if value == self.default)
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


def _choices(*values: str) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


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
                "text",
                "",
            ),
            Question("project.description", "Description", "One line for the ADR's context.", "", "text", ""),
            Question(
                "phase", "Product phase (1-9)", "Phases 2-3 run on Docker Compose, 4+ on Kubernetes.", "3.1", "int", 4
            ),
            Question(
                "environments",
                "Environments",
                "One namespace and overlay each, comma-separated.",
                "2.1",
                "list",
                ["dev", "staging", "prod"],
            ),
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
                "int",
                5,
            ),
            Question(
                "team.platform_engineers",
                "Platform engineers",
                "People who can run databases in a cluster.",
                "3.3",
                "int",
                0,
            ),
            Question(
                "team.kubernetes_experience",
                "Kubernetes experience",
                "Running state in-cluster needs it.",
                "3.3",
                "choice",
                "none",
                _choices("none", "basic", "production"),
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
                "choice",
                False,
                YES_NO,
            ),
            Question(
                "regulation.frameworks",
                "Frameworks",
                "They decide the obligations the ADR lists.",
                "4, Scenario B",
                "multi",
                [],
                _choices(*FRAMEWORKS),
                when=("regulation.regulated", True),
            ),
            Question(
                "regulation.data_residency",
                "Data residency",
                "On-premises data keeps state in-cluster.",
                "3.3, 4 B",
                "choice",
                "any",
                _choices("any", "region", "on-premises"),
                when=("regulation.regulated", True),
            ),
            Question(
                "regulation.air_gapped",
                "Air-gapped site?",
                "No managed service is reachable from one.",
                "3.3, 4 B",
                "choice",
                False,
                YES_NO,
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
                "int",
                1,
            ),
            Question("organization.clusters", "Clusters", "More clusters need one management plane.", "1.1", "int", 1),
        ),
        affects=("rancher",),
    ),
    Section(
        "hosting",
        "Hosting and data",
        "Where it runs and what state it keeps (SPEC-0006 3.3).",
        (
            Question(
                "hosting.provider",
                "Hosting provider",
                "Clouds offer managed Postgres and storage.",
                "3.3, 4 A",
                "choice",
                "other",
                _choices("aws", "gcp", "azure", "on-premises", "other"),
            ),
            Question(
                "hosting.managed_postgres",
                "Managed Postgres offered?",
                "Prefer it in production.",
                "3.3",
                "choice",
                None,
                INFER,
            ),
            Question(
                "data.pgvector",
                "Needs pgvector?",
                "The vector store interface stays unchanged.",
                "3.3",
                "choice",
                True,
                YES_NO,
            ),
            Question(
                "data.object_storage",
                "Needs object storage?",
                "MinIO or a managed S3 store.",
                "3.3",
                "choice",
                True,
                YES_NO,
            ),
            Question(
                "hosting.managed_object_storage",
                "Managed object storage offered?",
                "Avoids running MinIO.",
                "3.3",
                "choice",
                None,
                INFER,
                when=("data.object_storage", True),
            ),
            Question(
                "data.rpo_minutes", "RPO (minutes)", "Data you can afford to lose; sets backups.", "2.2, 5", "int", 60
            ),
            Question(
                "data.rto_minutes", "RTO (minutes)", "Time to restore; the runbook must meet it.", "2.2, 5", "int", 240
            ),
            Question(
                "backup.endpoint",
                "Backup endpoint",
                "S3 URL outside the cluster for in-cluster Postgres backups; https for regulated data.",
                "4 Scenario B",
                "text",
                None,
                optional=True,
                shown_default="a placeholder, with a warning",
            ),
            Question(
                "backup.bucket",
                "Backup bucket",
                "Bucket on that endpoint.",
                "4 Scenario B",
                "text",
                None,
                optional=True,
                shown_default="<name>-backups",
            ),
            Question(
                "backup.region",
                "Backup region",
                "Region of that bucket, if the store needs one.",
                "",
                "text",
                None,
                optional=True,
            ),
            Question(
                "backup.ca_bundle_secret",
                "CA bundle Secret",
                "Secret (key ca.crt) with the CA of the endpoint's certificate.",
                "4 Scenario B",
                "text",
                None,
                optional=True,
            ),
            Question(
                "backup.retention_days",
                "Backup retention (days)",
                "How long production backups are kept and locked.",
                "4 Scenario B",
                "int",
                None,
                optional=True,
                shown_default="90 if regulated, else 30",
            ),
            Question(
                "backup.accept_same_cluster_risk",
                "Back up into the same cluster?",
                "Accepts that one failure loses the database and its backups together.",
                "4 Scenario B, 5",
                "choice",
                False,
                YES_NO,
            ),
        ),
        affects=("postgres", "object_storage"),
    ),
    Section(
        "delivery",
        "Delivery",
        "How manifests, TLS and secrets are handled (SPEC-0006 2.1, 3.2, 5).",
        (
            Question(
                "delivery.manifests",
                "Manifests",
                "Helm or Kustomize, as the team prefers.",
                "3.2",
                "choice",
                "kustomize",
                _choices("kustomize", "helm", "both"),
            ),
            Question(
                "delivery.domain",
                "Domain",
                "The Ingress host that gets a TLS certificate.",
                "3.2",
                "text",
                None,
                optional=True,
                shown_default="<name>.example.com",
            ),
            Question(
                "delivery.tls_issuer",
                "TLS issuer",
                "The cert-manager ClusterIssuer for the Ingress.",
                "3.2",
                "text",
                "letsencrypt",
            ),
            Question(
                "delivery.secrets",
                "Secrets",
                "Secrets are never stored in plain text.",
                "2.1, 5",
                "choice",
                "auto",
                _choices("auto", "external-secrets", "sealed-secrets", "sops"),
            ),
            Question(
                "delivery.image",
                "Image repository",
                "Where the app image is pulled from.",
                "3.2",
                "text",
                None,
                optional=True,
                shown_default="registry.example.com/<name>",
            ),
            Question(
                "delivery.registry",
                "Image registry",
                "An air-gapped site pulls every third-party image from its own registry.",
                "3.3",
                "text",
                None,
                optional=True,
                when=("regulation.air_gapped", True),
                shown_default="none (pull from the public registries)",
            ),
            Question(
                "delivery.image_tag",
                "Image tag",
                "Pinned per overlay, so a rollback is a revert.",
                "5",
                "text",
                "0.1.0",
            ),
            Question(
                "adr.template",
                "ADR template",
                "The record's layout: MADR or Nygard.",
                "",
                "choice",
                "madr",
                _choices("madr", "nygard"),
            ),
            Question("adr.decision_makers", "Decision makers", "Who signs the ADR, comma-separated.", "", "list", []),
            Question("adr.consulted", "Consulted", "Whose advice the ADR records, comma-separated.", "", "list", []),
            Question("adr.informed", "Informed", "Who is told of the decision, comma-separated.", "", "list", []),
        ),
        affects=("manifests", "secrets", "secret_store"),
    ),
)

QUESTIONS: dict[str, Question] = {q.path: q for section in SECTIONS for q in section.questions}


def int_limits(path: str) -> tuple[int, int]:
    """The lowest and highest value the Answers model accepts for a number, so messages cannot disagree with it."""
    from advisor.answers import Answers

    model: Any = Answers
    *parents, last = path.split(".")
    for part in parents:
        model = model.model_fields[part].annotation
    metadata = model.model_fields[last].metadata
    low = next((m.ge for m in metadata if getattr(m, "ge", None) is not None), 0)
    high = next((m.le for m in metadata if getattr(m, "le", None) is not None), 2**31)
    return low, high


def section_index(key: str) -> int:
    return next(i for i, section in enumerate(SECTIONS) if section.key == key)

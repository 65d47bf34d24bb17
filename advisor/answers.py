"""The answers file, schema version 1: a public contract (see docs/answers.md).

Models are strict (no `"four"` for an int, no `"yes"` for a bool) and forbid unknown keys, so a
typo is an error with a suggestion instead of a silently ignored setting.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from advisor.errors import InputError, Problem
from advisor.yamlio import Located, load_yaml_file, load_yaml_text

NAME_PATTERN = r"^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$"
LABEL_PATTERN = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"
# host[:port][/path]: where the site mirrors third-party images (an air-gapped site pulls from nowhere else)
REGISTRY_PATTERN = r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$"
# an image repository without a tag: a port is only possible in the host part, before a path, so a ':' in the last
# component (ghcr.io/acme/atlas:1.0, atlas:1.0, localhost:5000) is a tag and refused; the tag is delivery.image_tag
# The distribution reference grammar: a path component's separators are ".", "_", "__" or any run of "-"
# (a project named a--0 gives the image registry.example.com/a--0, which every registry accepts)
IMAGE_PATTERN = r"^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*((:[0-9]{1,5})?(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)+)?$"
HOST_PATTERN = r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$"
CLOUD_PROVIDERS = ("aws", "gcp", "azure")
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# an AWS account id, a Google Cloud project id or an Azure subscription id; which one is checked per provider
ACCOUNT_PATTERN = r"^([0-9]{12}|[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$"
ACCOUNT_SHAPES = {
    "aws": (r"[0-9]{12}", "a 12-digit AWS account id"),
    "gcp": (r"[a-z][a-z0-9-]{4,28}[a-z0-9]", "a Google Cloud project id (6-30 lowercase letters, digits, '-')"),
    "azure": (UUID_PATTERN.strip("^$"), "an Azure subscription id (a lowercase UUID)"),
}
# Envoy Gateway is the Gateway API's reference implementation; Traefik serves both Gateway API and Ingress.
DEFAULT_CONTROLLERS = {"gateway-api": ("eg", "envoy-gateway-system"), "ingress": ("traefik", "traefik")}
PRIVATE_NETWORKS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")  # RFC 1918: managed databases on a VPC
CIDR_PATTERN = r"^([0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-f:]+/[0-9]{1,3})$"

Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN)]
Label = Annotated[str, StringConstraints(pattern=LABEL_PATTERN)]
Hostname = Annotated[str, StringConstraints(pattern=HOST_PATTERN, max_length=253)]
Framework = Literal["hipaa", "pci-dss", "gdpr", "soc2", "iso27001", "fedramp", "other"]
# Free text ends up in YAML front matter, Markdown and Kubernetes annotations. YAML cannot hold control
# characters (a C1 control written raw made the ADR's front matter unreadable), so text is limited to
# what YAML calls printable; a person is one line (no Unicode line or paragraph separators either).
PRINTABLE = "\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
ONE_LINE = "\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff"
Person = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=f"^[{ONE_LINE}]*$")]


def _no_repeats(items: list[str], what: str) -> None:
    repeated = sorted({item for item in items if items.count(item) > 1})
    if repeated:
        raise ValueError(f"{what} must not repeat; {', '.join(repeated)} appears more than once")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


YAML_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false"})  # names are lower case DNS labels


class Project(_Model):
    name: Name = Field(description="DNS-1123 label used for namespaces, releases and object names.")
    description: Annotated[str, StringConstraints(max_length=2000, pattern=f"^[{PRINTABLE}]*$")] = ""

    @field_validator("name")
    @classmethod
    def _not_a_yaml_boolean(cls, name: str) -> str:
        # Helm and kubectl read YAML 1.1, where a plain `y`, `no` or `on` is a boolean: the chart's labels and
        # names (written unquoted by its templates, as Helm charts are) would turn into true/false.
        if name in YAML_BOOLEANS:
            raise ValueError(f"{name!r} reads as a boolean in YAML 1.1 (Helm, kubectl); choose another name")
        return name

    @field_validator("description", mode="before")
    @classmethod
    def _plain_line_breaks(cls, value: Any) -> Any:
        # YAML reads CR, CRLF, NEL and the Unicode separators back as "\n"; store them so, or the saved
        # answers (and the hash an ADR records) would change on the first save-and-reload.
        if isinstance(value, str):
            for old in ("\r\n", "\r", "\x85", "\u2028", "\u2029"):
                value = value.replace(old, "\n")
        return value


class Team(_Model):
    size: int = Field(ge=1, le=10_000, description="Engineers who build and run the service.")
    platform_engineers: int = Field(0, ge=0, le=10_000, description="People dedicated to ops/platform work.")
    kubernetes_experience: Literal["none", "basic", "production"] = "none"


class Regulation(_Model):
    regulated: bool
    frameworks: list[Framework] = Field(default_factory=list)
    data_residency: Literal["any", "region", "on-premises"] = "any"
    air_gapped: bool = False

    @field_validator("frameworks")
    @classmethod
    def _unique_frameworks(cls, value: list[str]) -> list[str]:
        # A field validator (not a model one) so the error points at the `frameworks:` line.
        _no_repeats(value, "frameworks")
        return value


class Organization(_Model):
    teams: int = Field(ge=1, le=1000, description="Teams deploying to the same clusters.")
    clusters: int = Field(1, ge=1, le=1000)


class Hosting(_Model):
    provider: Literal["aws", "gcp", "azure", "on-premises", "other"] = "other"
    managed_postgres: bool | None = None
    managed_object_storage: bool | None = None
    # Where the cloud identities and stores live; each is a placeholder in the skeleton until it is answered.
    region: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")] | None = Field(
        None, description="Cloud region (eu-central-1, europe-west3, westeurope)."
    )
    account: Annotated[str, StringConstraints(pattern=ACCOUNT_PATTERN)] | None = Field(
        None, description="AWS account id, Google Cloud project id or Azure subscription id."
    )
    cluster: Label | None = Field(None, description="Name of the Kubernetes cluster (EKS, GKE or AKS).")
    azure_tenant_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)] | None = Field(
        None, description="Microsoft Entra tenant id for Azure Workload Identity."
    )
    aws_identity: Literal["irsa", "pod-identity"] = Field(
        "irsa", description="How the app's pods get their AWS role: IRSA or EKS Pod Identity."
    )


class Data(_Model):
    pgvector: bool = True
    object_storage: bool = True
    object_api: Literal["s3", "native"] = Field(
        "s3", description="The object APIs the app speaks: the S3 API only, or also the provider's own."
    )
    rpo_minutes: int = Field(60, ge=0, le=525_600)
    rto_minutes: int = Field(240, ge=1, le=525_600)


# An S3 endpoint: scheme, host with at least one dot (a bare name is a Service of the same cluster), optional port.
ENDPOINT_PATTERN = (
    r"^https?://[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+(:[0-9]{1,5})?/?$"
)
BUCKET_PATTERN = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
CLUSTER_SUFFIXES = (".svc", ".svc.cluster.local", ".cluster.local")


class FieldProblem(ValueError):
    """A check across sections, reported at the line of `field` rather than at the top of the file."""

    def __init__(self, field: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.field = field


Cidr = Annotated[str, StringConstraints(pattern=CIDR_PATTERN, max_length=43)]


def _valid_cidrs(values: list[str], what: str) -> list[str]:
    import ipaddress

    _no_repeats(values, what)
    for value in values:
        try:
            ipaddress.ip_network(value, strict=True)
        except ValueError as exc:  # host bits set (10.0.0.1/8) or an impossible prefix
            raise ValueError(f"{value} is not a network address: {exc}") from None
    return values


class Backup(_Model):
    """Optional: where the backups of in-cluster state go (docs/answers.md, "Backups")."""

    endpoint: Annotated[str, StringConstraints(pattern=ENDPOINT_PATTERN, max_length=260)] | None = Field(
        None, description="S3 endpoint outside the cluster, e.g. https://s3.backup-site.example.org."
    )
    bucket: Annotated[str, StringConstraints(pattern=BUCKET_PATTERN)] | None = Field(
        None, description="Backup bucket; default <name>-backups."
    )
    region: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][-a-z0-9]{0,38}[a-z0-9]$")] | None = None
    ca_bundle_secret: Label | None = Field(None, description="Secret with the endpoint's CA bundle under key ca.crt.")
    retention_days: int | None = Field(None, ge=1, le=3650, description="Default: 90 if regulated, else 30.")
    accept_same_cluster_risk: bool = Field(
        False, description="Back up to the MinIO of the same cluster, accepting that one failure loses both."
    )
    drill_interval_days: int = Field(
        90, ge=1, le=366, description="A restore drill must succeed at least this often (an alert says when not)."
    )
    store: Literal["s3", "minio"] = Field(
        "s3", description="What serves backup.endpoint: any S3 API (administered with the aws CLI) or MinIO (mc)."
    )
    encryption: Literal["bucket-default", "sse-s3", "sse-kms"] = Field(
        "bucket-default",
        description="Server-side encryption requested on every upload; bucket-default requests none and relies on "
        "the bucket's own default encryption. MinIO honours sse-s3 and sse-kms only with a KMS configured.",
    )
    cidrs: list[Cidr] = Field(
        default_factory=list,
        max_length=20,
        description="Addresses of backup.endpoint the database may reach; default the private ranges.",
    )

    @field_validator("cidrs")
    @classmethod
    def _networks(cls, value: list[str], info: Any) -> list[str]:
        return _valid_cidrs(value, info.field_name)

    @field_validator("endpoint")
    @classmethod
    def _outside_the_cluster(cls, endpoint: str | None) -> str | None:
        host = (endpoint or "").split("://", 1)[-1].split(":", 1)[0].rstrip("/")
        if endpoint and host.endswith(CLUSTER_SUFFIXES):
            raise ValueError(
                "names a Service of a cluster; backups go outside the cluster (to keep them in the same cluster, "
                "leave endpoint out and set backup.accept_same_cluster_risk: true)"
            )
        return endpoint


# An HTTP(S) endpoint of a service outside the cluster: host with at least one dot, optional port and path.
URL_PATTERN = (
    r"^https?://[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+(:[0-9]{1,5})?"
    r"(/[-A-Za-z0-9._~]+)*/?$"
)
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]{1,64}@[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$"
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=300)]


class Observability(_Model):
    """Optional: where logs, metrics, traces and alerts go (docs/answers.md, "Observability")."""

    log_endpoint: Url | None = Field(
        None,
        description="The site's existing log platform; logs are shipped there instead of a store the skeleton sets up.",
        examples=["https://logs.example.org"],
    )
    log_platform: Literal["loki", "elasticsearch", "opensearch", "splunk", "http"] = Field(
        "loki", description="What listens at log_endpoint (the Logging operator's output for it)."
    )
    log_retention_days: int | None = Field(
        None, ge=1, le=3650, description="How long logs are kept; default from regulation.frameworks."
    )
    otel_adopted: bool = Field(False, description="The team has adopted OpenTelemetry: traces go to a Collector.")
    otlp_endpoint: Url | None = Field(None, description="Where the Collector sends traces (an OTLP/HTTP endpoint).")
    alert_receiver: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN, max_length=254)] | None = Field(
        None, description="E-mail address that receives the alerts (the on-call mailbox)."
    )


class Delivery(_Model):
    manifests: Literal["kustomize", "helm", "both"] = "kustomize"
    domain: Hostname | None = None
    tls_issuer: Label = "letsencrypt"
    secrets: Literal["auto", "external-secrets", "sealed-secrets", "sops"] = "auto"
    image: Annotated[str, StringConstraints(pattern=IMAGE_PATTERN, max_length=200)] | None = Field(
        None, description="Container image repository; default registry.example.com/<name>."
    )
    image_tag: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")] = Field(
        "0.1.0", json_schema_extra={"not": {"const": "latest"}}
    )
    registry: Annotated[str, StringConstraints(pattern=REGISTRY_PATTERN, max_length=200)] | None = Field(
        None, description="Registry (host[:port][/path]) third-party images are mirrored to; set it when air-gapped."
    )
    credentials: Literal["env", "files"] = Field(
        "env", description="How the app reads credentials: environment variables, or files it re-reads."
    )

    @field_validator("image_tag")
    @classmethod
    def _pinned_tag(cls, tag: str) -> str:
        # a moving tag makes rollback by git revert meaningless (K8S-CHECKLIST 4, 24)
        if tag == "latest":
            raise ValueError("must be a pinned tag such as 1.4.2, not 'latest' (rollback pins the tag per environment)")
        return tag


class Network(_Model):
    """Optional: the way in, and the networks NetworkPolicies open (docs/answers.md, "Network")."""

    way_in: Literal["gateway-api", "ingress"] = Field(
        "gateway-api", description="Gateway API (Gateway and HTTPRoute), or an Ingress for clusters that need one."
    )
    class_name: Label | None = Field(None, description="GatewayClass (or IngressClass); default eg (traefik).")
    controller_namespace: Label | None = Field(
        None, description="Namespace of the proxy pods that reach the app; default envoy-gateway-system (traefik)."
    )
    controller_cidrs: list[Cidr] = Field(
        default_factory=list, max_length=20, description="Load balancer ranges that reach the pods directly."
    )
    database_cidrs: list[Cidr] = Field(
        default_factory=list, max_length=20, description="Networks of the managed database; default RFC 1918."
    )
    api_server_cidrs: list[Cidr] = Field(
        default_factory=list,
        max_length=20,
        description="Addresses of the Kubernetes API server the in-cluster database may reach; default RFC 1918.",
    )

    @field_validator("controller_cidrs", "database_cidrs", "api_server_cidrs")
    @classmethod
    def _networks(cls, value: list[str], info: Any) -> list[str]:
        return _valid_cidrs(value, info.field_name)


class Adr(_Model):
    """Optional: who signs the ADR, and which template renders it."""

    template: Literal["madr", "nygard"] = "madr"
    decision_makers: list[Person] = Field(default_factory=list)
    consulted: list[Person] = Field(default_factory=list)
    informed: list[Person] = Field(default_factory=list)


class Answers(_Model):
    schema_version: Literal[1] = 1
    project: Project
    phase: int = Field(ge=1, le=9, description="Product phase; below 4 is the Docker Compose stage.")
    team: Team
    regulation: Regulation
    organization: Organization
    hosting: Hosting = Field(default_factory=Hosting)
    environments: list[Label] = Field(default_factory=lambda: ["dev", "staging", "prod"], min_length=1, max_length=6)
    data: Data = Field(default_factory=Data)
    delivery: Delivery = Field(default_factory=Delivery)
    adr: Adr = Field(default_factory=Adr)
    backup: Backup = Field(default_factory=Backup)
    observability: Observability = Field(default_factory=Observability)
    network: Network = Field(default_factory=Network)

    @model_validator(mode="after")
    def _account_fits_the_provider(self) -> Answers:
        account, provider = self.hosting.account, self.hosting.provider
        shape = ACCOUNT_SHAPES.get(provider)
        if account is not None and shape is not None and not re.fullmatch(shape[0], account):
            raise FieldProblem(("hosting", "account"), f"must be {shape[1]} on {provider}")
        return self

    @model_validator(mode="after")
    def _backup_bucket_per_environment(self) -> Answers:
        # each environment backs up into a bucket of its own, named `<bucket>-<env>` (S3 names stop at 63)
        if self.backup.bucket:
            longest = max(self.environments, key=len)
            if len(f"{self.backup.bucket}-{longest}") > 63:
                message = f"with the environment appended ({self.backup.bucket}-{longest}) it exceeds 63 characters"
                raise FieldProblem(("backup", "bucket"), message)
        return self

    @model_validator(mode="after")
    def _encrypted_backups_for_regulated_data(self) -> Answers:
        # Scenario B: regulated data never travels in clear text, so this is an error rather than a warning.
        # Logs and traces carry the same personal data as the database.
        if not self.regulation.regulated:
            return self
        for section, field in (
            ("backup", "endpoint"),
            ("observability", "log_endpoint"),
            ("observability", "otlp_endpoint"),
        ):
            if (getattr(getattr(self, section), field) or "").startswith("http://"):
                raise FieldProblem((section, field), "must be https:// for regulated data (regulation.regulated)")
        return self

    @field_validator("environments")
    @classmethod
    def _unique_environments(cls, value: list[str]) -> list[str]:
        _no_repeats(value, "environments")
        return value

    # --- derived values: the inference the schema promises, nothing more ---
    @property
    def managed_postgres_available(self) -> bool:
        inferred = self.hosting.provider in CLOUD_PROVIDERS
        return inferred if self.hosting.managed_postgres is None else self.hosting.managed_postgres

    @property
    def managed_object_storage_available(self) -> bool:
        inferred = self.hosting.provider in CLOUD_PROVIDERS
        return inferred if self.hosting.managed_object_storage is None else self.hosting.managed_object_storage

    @property
    def gateway_class(self) -> str:
        """The GatewayClass (or IngressClass) the app's way in names."""
        return self.network.class_name or DEFAULT_CONTROLLERS[self.network.way_in][0]

    @property
    def controller_namespace(self) -> str:
        """Where the proxy pods that forward traffic to the app run (the source NetworkPolicies allow)."""
        return self.network.controller_namespace or DEFAULT_CONTROLLERS[self.network.way_in][1]

    @property
    def database_cidrs(self) -> list[str]:
        """Where a managed database may be: the answered networks, else the private ranges (never the internet)."""
        return list(self.network.database_cidrs) or list(PRIVATE_NETWORKS)

    @property
    def api_server_cidrs(self) -> list[str]:
        """Where the API server answers pods: the answered networks, else the private ranges."""
        return list(self.network.api_server_cidrs) or list(PRIVATE_NETWORKS)

    @property
    def backup_cidrs(self) -> list[str]:
        """Where the off-cluster backup store is: the answered networks, else the private ranges."""
        return list(self.backup.cidrs) or list(PRIVATE_NETWORKS)

    @property
    def domain(self) -> str:
        return self.delivery.domain or f"{self.project.name}.example.com"

    @property
    def image(self) -> str:
        # with a site registry, the app's own image defaults to it too, so an air-gapped site pulls from one place
        registry = self.delivery.registry or "registry.example.com"
        return self.delivery.image or f"{registry}/{self.project.name}"

    def normalised(self) -> dict[str, Any]:
        """Every field with its default filled in: what the ADR records and `sha256` hashes."""
        return self.model_dump(mode="json")

    def sha256(self) -> str:
        canonical = json.dumps(self.normalised(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def matches_record(self, recorded_sha256: Any, recorded_answers: Any) -> bool:
        """Whether an ADR that recorded these answers still describes `self`.

        The hash is the quick test. When it differs, the recorded answers are read with today's schema: a newer
        advisor that added an optional answer fills in its default, so upgrading advisor alone is not a change.
        """
        if recorded_sha256 == self.sha256():
            return True
        if not isinstance(recorded_answers, dict):
            return False
        try:
            return Answers.model_validate(recorded_answers).sha256() == self.sha256()
        except ValidationError:
            return False

    def facts(self) -> dict[str, Any]:
        """Flat dotted facts the rules read; `hosting.managed_*` and `network.*` carry the inferred value."""
        flat: dict[str, Any] = {}
        _flatten("", self.normalised(), flat)
        flat["hosting.managed_postgres"] = self.managed_postgres_available
        flat["hosting.managed_object_storage"] = self.managed_object_storage_available
        flat["delivery.domain"] = self.domain
        flat["delivery.image"] = self.image
        flat["network.class_name"] = self.gateway_class
        flat["network.controller_namespace"] = self.controller_namespace
        flat["network.database_cidrs"] = self.database_cidrs
        from advisor.log_retention import default_days  # the default per framework (docs/answers.md)

        observability, regulation = self.observability, self.regulation
        flat["observability.log_retention_days"] = default_days(
            observability.log_retention_days, regulation.frameworks, regulation.regulated
        )
        return flat


def validation_problems(exc: ValidationError, located: Located, model: type[BaseModel] | None = None) -> list[Problem]:
    """Turn pydantic's errors into `FILE:LINE: field: message`, with a suggestion for unknown keys."""
    problems = []
    for error in exc.errors():
        cause = error.get("ctx", {}).get("error")
        loc = cause.field if isinstance(cause, FieldProblem) else tuple(error["loc"])
        field = _dotted(loc) or "(top level)"
        message = _message(error, loc, model or Answers)
        problems.append(Problem(located.file, message, located.line_of(loc), field))
    return problems


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(error: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1], model)
        from difflib import get_close_matches

        close = get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
        return f"unknown key{hint}"
    if kind == "missing":
        return "required but missing"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "name":
        return "must be a DNS-1123 label: lowercase letters, digits and '-', starting with a letter, at most 40 chars"
    if (
        kind == "string_pattern_mismatch"
        and loc
        and (loc[0] == "environments" or loc[-1] in ("tls_issuer", "ca_bundle_secret", *_LABEL_FIELDS))
    ):
        return "must be a DNS label: lowercase letters, digits and '-', at most 63 chars"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "domain":
        return "must be a lowercase DNS hostname such as app.example.com"
    if kind == "string_pattern_mismatch" and len(loc) > 1 and loc[-2] in CIDR_FIELDS:
        return "must be a network in CIDR notation such as 10.20.0.0/16"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "image" and _tagged(error["input"]):
        repository, tag = str(error["input"]).rsplit(":", 1)
        return f"names a tag (:{tag}): give the repository ({repository}) here and the tag in delivery.image_tag"
    if kind == "string_pattern_mismatch" and loc and loc[-1] in _PATTERN_HINTS:
        return _PATTERN_HINTS[str(loc[-1])]
    if kind == "string_pattern_mismatch" and loc and loc[0] == "adr":
        return "must be one line of printable text (a name or a role), without control characters"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "description":
        return "must be printable text: remove control characters (tabs and line breaks are fine)"
    if kind in ("too_short", "too_long") and isinstance(error.get("input"), list | dict):
        return error["msg"].replace("List should have", "must list").replace(" after validation", "")
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'must be')} (got {error['input']!r})"
    if kind in ("model_type", "dict_type"):
        return f"must be a mapping of keys and values (got {_kind(error['input'])})"
    if kind.endswith("_type"):
        got = type(error["input"]).__name__
        hint = "; quote it to keep it as text" if got in ("date", "datetime") else ""
        return f"{error['msg'].replace('Input should be', 'must be')} (got {got}){hint}"
    return error["msg"].replace("Value error, ", "").replace("Input should be", "must be")


def _tagged(image: object) -> bool:
    """`ghcr.io/acme/atlas:1.0`: a repository and a tag (a ':' after the last '/' is no registry port)."""
    if not isinstance(image, str) or ":" not in image.rsplit("/", 1)[-1]:
        return False
    repository, tag = image.rsplit(":", 1)
    return bool(re.fullmatch(IMAGE_PATTERN, repository) and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", tag))


_LABEL_FIELDS = ("class_name", "controller_namespace", "cluster")
CIDR_FIELDS = ("controller_cidrs", "database_cidrs", "api_server_cidrs", "cidrs")
_PATTERN_HINTS = {
    "account": "must be an AWS account id, a Google Cloud project id or an Azure subscription id",
    "azure_tenant_id": "must be a Microsoft Entra tenant id: a lowercase UUID",
    "image": "must be an image repository such as registry.example.com/team/app: lowercase, no tag (see image_tag)",
    "registry": "must be a registry such as registry.corp.example:5000/mirror: lowercase host, optional port and path",
    "image_tag": "must be an image tag such as 1.4.2: letters, digits, '_', '.' and '-', at most 128 chars",
    "endpoint": "must be an S3 endpoint URL such as https://s3.backup-site.example.org:9000 (host with a dot, no path)",
    "log_endpoint": "must be a URL such as https://logs.example.org or https://es.example.org:9200 (host with a dot)",
    "otlp_endpoint": "must be a URL such as https://otlp.example.org:4318 (host with a dot)",
    "alert_receiver": "must be an e-mail address such as oncall@example.org",
    "bucket": "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-'",
    "region": "must be a region name such as eu-central-1 or site-b: lowercase letters, digits and '-'",
    "id": "must be a rule id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
}


def _kind(value: Any) -> str:
    """The YAML word for what the user wrote, not the Python type name."""
    if value is None:
        return "an empty value"
    names = {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list"}
    return names.get(type(value), type(value).__name__)


def _known_keys(loc: tuple[Any, ...], model: Any) -> list[str]:
    """The keys allowed at `loc`, following nested models, lists and dicts of models."""
    from typing import get_args, get_origin

    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif get_origin(current) in (list, dict) and get_args(current):
            current = get_args(current)[-1]
        else:
            return []
    return sorted(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def answers_from_located(located: Located) -> Answers:
    if located.data is None:
        raise InputError([Problem(located.file, "answers file is empty; see examples/ for a starting point")])
    if not isinstance(located.data, dict):
        got = type(located.data).__name__
        raise InputError([Problem(located.file, f"answers must be a YAML mapping, got {got}", located.line_of(()))])
    version = located.data.get("schema_version", 1)
    if version != 1:
        line = located.line_of(("schema_version",))
        raise InputError(
            [Problem(located.file, f"unsupported schema version {version!r}; only 1", line, "schema_version")]
        )
    try:
        return Answers.model_validate(located.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, located)) from None


def load_answers(path: str | Path) -> Answers:
    return answers_from_located(load_yaml_file(Path(path), "answers file"))


def parse_answers(text: str, file: str = "<answers>") -> Answers:
    return answers_from_located(load_yaml_text(text, file))


def dump_answers(answers: Answers) -> str:
    """The YAML that reproduces `answers` exactly (used by the interview's save)."""
    import yaml

    header = "# advisor answers, schema version 1 (docs/answers.md)\n"
    return header + yaml.safe_dump(answers.normalised(), sort_keys=False, allow_unicode=True, width=100)


def _flatten(prefix: str, section: dict[str, Any], flat: dict[str, Any]) -> None:
    """`{"team": {"size": 3}}` as `{"team.size": 3}`; a call per mapping, not per value (what-if asks for the facts
    of some fifty candidate answers per service)."""
    for key, value in section.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(name, value, flat)
        else:
            flat[name] = value

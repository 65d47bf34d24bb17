"""Third-party images: which ones a decision runs, and their names in the site's own registry (`delivery.registry`).

The Kustomize base keeps the upstream names; each overlay rewrites them with `images:` (one entry per image) and
the chart with one value (`imageRegistry`), so the registry is one setting. `images.txt` lists every image the
renders pull, and where each comes from, for the mirroring job.
"""

from __future__ import annotations

from advisor.answers import Answers
from advisor.decision import Decision
from advisor.skeleton import names
from advisor.skeleton.model import Target

# Image fields of custom resources that Kustomize's `images:` must also rewrite (CNPG names its image in a field).
KUSTOMIZE_IMAGE_FIELDS = {"images": [{"kind": "Cluster", "path": "spec/imageName"}]}


def split(ref: str) -> tuple[str, str]:
    """`repo/name:tag` -> (`repo/name`, `tag`); registry ports (`host:5000/x`) stay in the repository."""
    repository, _, tag = ref.rpartition(":")
    return repository, tag


def _path_without_host(repository: str) -> str:
    """Docker's rule: the first component is a registry host only if it has a `.` or `:` or is `localhost`."""
    first, _, rest = repository.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return rest
    return repository if "/" in repository else f"library/{repository}"


def mirrored_repository(registry: str, repository: str) -> str:
    return f"{registry}/{_path_without_host(repository)}"


def pulled(answers: Answers, ref: str) -> str:
    """The reference a cluster pulls: the mirror's when a registry is named, else the upstream one."""
    registry = answers.delivery.registry
    if not registry:
        return ref
    repository, tag = split(ref)
    return f"{mirrored_repository(registry, repository)}:{tag}"


def for_target(t: Target, ref: str) -> str:
    """What a builder writes: upstream names in the environment-neutral base (overlays rewrite them there),
    the pulled name once an environment is known (what `kubectl kustomize overlays/<env>` shows)."""
    return ref if t.env is None else pulled(t.answers, ref)


def third_party(decision: Decision, *, helm: bool) -> list[tuple[str, str]]:
    """(upstream reference, what it is) for every third-party image this decision's Kubernetes trees run."""
    c = decision.choices
    out: list[tuple[str, str]] = []
    if c.get("postgres") == "in-cluster":
        out.append((names.POSTGRES_IMAGE, "CloudNativePG PostgreSQL with pgvector (Cluster, restore drill)"))
    if c.get("object_storage") == "in-cluster":
        out.append((names.MINIO_IMAGE, "MinIO server, built by your team from a fixed release (see Images)"))
        out.append((names.MC_IMAGE, "MinIO client for the bucket Job"))
    if c.get("object_storage") == "managed" and c.get("object_access") == "s3-gateway":
        out.append((names.S3PROXY_IMAGE, "S3Proxy, the S3 gateway in front of Azure Blob Storage"))
    if helm:
        out.append((names.TEST_IMAGE, "curl for the chart's `helm test` Pod"))
    return out


def kustomize_images(decision: Decision) -> list[dict[str, str]]:
    """An overlay's `images:` entries: the app's pinned tag, and each third-party image moved to the registry."""
    answers = decision.answers
    entries = [{"name": names.image(answers), "newTag": answers.delivery.image_tag}]
    registry = answers.delivery.registry
    if registry:
        for ref, _ in third_party(decision, helm=False):
            repository, _ = split(ref)
            entries.append({"name": repository, "newName": mirrored_repository(registry, repository)})
    return entries


def images_txt(decision: Decision, *, helm: bool) -> bytes:
    """Every image the renders pull, one per line, with where it comes from; `#` lines are comments."""
    answers = decision.answers
    lines = [
        "# Images the manifests pull, as they name them. Mirror each from its source before the first deploy:",
        "#   skopeo copy --all docker://SOURCE docker://IMAGE      (or: crane copy SOURCE IMAGE)",
        "# then pin digests: skopeo inspect --format '{{.Digest}}' docker://IMAGE  (README, Images)",
        f"{names.image_ref(answers)}  # your app, from your build pipeline",
    ]
    for ref, what in third_party(decision, helm=helm):
        image = pulled(answers, ref)
        source = "" if image == ref or ref == names.MINIO_IMAGE else f"; source {ref}"
        lines.append(f"{image}  # {what}{source}")
    return ("\n".join(lines) + "\n").encode()

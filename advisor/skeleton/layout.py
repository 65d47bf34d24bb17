"""Where each part of the skeleton lives under `--out`, so the Kustomize, Helm and Compose builders agree.

- docker-compose: `compose.yaml`, `.env.example`, `.gitignore` (for `.env`), `README.md` at the root.
- kustomize: `base/`, `components/`, `overlays/<env>/` at the root (so `kubectl apply -k overlays/dev` works there).
- helm: the chart under `helm/` (a chart at the root would package the README, runbook and rancher/ folder).
- both: the Kustomize tree under `kustomize/` and the chart under `helm/`; both describe the same objects.
Shared by every Kubernetes layout, at the root: `README.md`, `RUNBOOK.md` (in-cluster Postgres), `rancher/`
(management-cluster objects, rancher=adopt) and `.sops.yaml` (secrets=sops). Fleet's options, `fleet/<env>.yaml`,
lie beside the tree each bundle deploys.
"""

from __future__ import annotations

README = "README.md"
RUNBOOK = "RUNBOOK.md"
RANCHER_DIR = "rancher/"
SOPS_CONFIG = ".sops.yaml"
COMPOSE_FILE = "compose.yaml"
ENV_EXAMPLE = ".env.example"
GITIGNORE = ".gitignore"


def kustomize_dir(manifests: str) -> str | None:
    """Prefix of the Kustomize tree ("" is the root), or None when no Kustomize tree is written."""
    return {"kustomize": "", "both": "kustomize/"}.get(manifests)


def helm_dir(manifests: str) -> str | None:
    """Prefix of the Helm chart, or None when no chart is written."""
    return {"helm": "helm/", "both": "helm/"}.get(manifests)


def overlay_dir(manifests: str, env: str) -> str:
    return f"{kustomize_dir(manifests) or ''}overlays/{env}"

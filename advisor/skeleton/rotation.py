"""How a rotated credential reaches the running app (the `secret_rotation` decision).

- restart-on-change: the app reads credentials from environment variables at start; Stakater Reloader rolls the
  Deployment when a Secret named in `secret.reloader.stakater.com/reload` changes (a checksum annotation cannot
  see a value that External Secrets or the Sealed Secrets controller writes after the deploy).
- reread-files: each Secret is mounted read-only under /var/run/secrets/app/<secret>/ and the app gets
  `<VAR>_FILE` paths; the kubelet refreshes mounted Secrets within about a minute and the app re-reads them.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names, objectstore
from advisor.skeleton.model import Target

RELOAD = "secret.reloader.stakater.com/reload"
FILES_ROOT = "/var/run/secrets/app"


def reread_files(t: Target) -> bool:
    return t.decision.choices.get("secret_rotation") == "reread-files"


def _pairs(t: Target) -> list[tuple[str, str, str]]:
    """(variable, Secret, key) of every credential the app reads."""
    pairs = [("DATABASE_" + key.upper(), names.db_secret(t.answers), key) for key in names.DB_KEYS]
    return pairs + objectstore.app_env(t)


def app_secrets(t: Target) -> list[str]:
    return list(dict.fromkeys(secret for _, secret, _ in _pairs(t)))


def _suffix(t: Target, secret: str) -> str:
    return secret.removeprefix(f"{t.app}-")


def env(t: Target) -> list[dict[str, Any]]:
    if reread_files(t):
        return [
            {"name": f"{var}_FILE", "value": f"{FILES_ROOT}/{_suffix(t, secret)}/{key}"}
            for var, secret, key in _pairs(t)
        ]
    return [
        {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}} for var, secret, key in _pairs(t)
    ]


def mounts(t: Target) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(volumeMounts, volumes) for the credential files; none when the app reads variables."""
    if not reread_files(t):
        return [], []
    secrets = app_secrets(t)
    mounts_ = [
        {"name": f"secret-{_suffix(t, s)}", "mountPath": f"{FILES_ROOT}/{_suffix(t, s)}", "readOnly": True}
        for s in secrets
    ]
    # 0440: readable by the pod's fsGroup (the kubelet gives the files that group), by nobody else
    volumes = [{"name": f"secret-{_suffix(t, s)}", "secret": {"secretName": s, "defaultMode": 0o440}} for s in secrets]
    return mounts_, volumes


def annotations(t: Target, secrets: list[str]) -> dict[str, str]:
    """Reloader's annotation on a workload that reads `secrets` from its environment."""
    return {} if reread_files(t) or not secrets else {RELOAD: ",".join(secrets)}

"""Property checks over a compose.yaml (as a dict): root, capabilities, secrets and lifecycle, one function each.

Each returns violations as "service: what is wrong"; an empty list means the property holds. The compose-spec
schema says what Compose accepts; these say what a Compose file that keeps data and holds no root must do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Doc = dict[str, Any]
SECRETS_DIR = "/run/secrets/"
PASSWORD_VARS = re.compile(r"\$\{?(POSTGRES_PASSWORD|MINIO_ROOT_PASSWORD|MINIO_ROOT_USER)\b")
SHM_MIN_BYTES = 256 * 1024**2
_UNITS = {"b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def _services(doc: Doc) -> dict[str, Doc]:
    return doc.get("services") or {}


def _env(service: Doc) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def check_root(doc: Doc) -> list[str]:
    """Every service runs as a non-root user, never as uid 0."""
    out = []
    for name, service in _services(doc).items():
        user = str(service.get("user", "")).split(":")[0]
        if user in ("", "0", "root"):
            out.append(f"{name}: runs as root (no `user`, or user {user!r})")
    return out


def check_capabilities(doc: Doc) -> list[str]:
    out = []
    for name, service in _services(doc).items():
        if "ALL" not in (service.get("cap_drop") or []):
            out.append(f"{name}: cap_drop lacks ALL")
        if service.get("cap_add"):
            out.append(f"{name}: adds capabilities {service['cap_add']}")
        if "no-new-privileges:true" not in (service.get("security_opt") or []):
            out.append(f"{name}: no no-new-privileges:true")
        if service.get("privileged"):
            out.append(f"{name}: privileged")
        if service.get("read_only") is not True:
            out.append(f"{name}: root filesystem is writable")
    return out


def check_secrets(doc: Doc) -> list[str]:
    """Postgres and MinIO read passwords from Compose secret files; no connection string embeds a password."""
    out = []
    defined = set(doc.get("secrets") or {})
    for name, service in _services(doc).items():
        granted = set(service.get("secrets") or [])
        out += [f"{name}: secret {s} is not defined at the top level" for s in sorted(granted - defined)]
        for var, value in _env(service).items():
            if var.endswith("_FILE") and value.startswith(SECRETS_DIR) and value[len(SECRETS_DIR) :] not in granted:
                out.append(f"{name}: {var} names {value}, a secret the service is not given")
            if name != "app" and PASSWORD_VARS.search(value):
                out.append(f"{name}: {var} takes a credential from the environment instead of a secret file")
            if var.endswith(("_URI", "_URL")) and re.match(r"^\w+://[^/@]*:[^/@]*@", value):
                out.append(f"{name}: {var} embeds a password (it would need URL escaping)")
        script = " ".join(map(str, service.get("entrypoint") or []))
        if PASSWORD_VARS.search(script) and SECRETS_DIR not in script:
            out.append(f"{name}: its script reads a credential from the environment")
    app_env = _env(_services(doc).get("app", {}))
    if any("MINIO_ROOT" in value for value in app_env.values()):
        out.append("app: uses MinIO's root credentials")
    return out


def _bytes(size: Any) -> int:
    if isinstance(size, int):
        return size
    match = re.fullmatch(r"(\d+)\s*([a-z]*)", str(size).lower())
    return int(match.group(1)) * _UNITS.get(match.group(2), 0) if match else 0


def check_lifecycle(doc: Doc) -> list[str]:
    """Objects: versioned, and only old versions expire. Postgres: shm for pgvector, and nightly dumps kept apart."""
    out = []
    services = _services(doc)
    for name, service in services.items():
        script = " ".join(map(str, service.get("entrypoint") or []))
        if re.search(r"--expire-days\b", script):
            out.append(f"{name}: expires current objects (mc ilm --expire-days)")
        if "mc mb" in script and "mc version enable" not in script:
            out.append(f"{name}: makes a bucket without versioning")
    postgres = services.get("postgres")
    if postgres is not None:
        if _bytes(postgres.get("shm_size", 0)) < SHM_MIN_BYTES:
            out.append("postgres: shm_size below 256 MB (pgvector's parallel index builds fail)")
        data = {v.split(":")[0] for v in postgres.get("volumes", []) if not v.startswith(".")}
        dumpers = [n for n, s in services.items() if "pg_dump" in " ".join(map(str, s.get("entrypoint") or []))]
        if not dumpers:
            out.append("no service dumps the database")
        for dumper in dumpers:
            volumes = {v.split(":")[0] for v in services[dumper].get("volumes", [])}
            if not volumes or volumes & data:
                out.append(f"{dumper}: dumps into the database's own volume (or none)")
    return out


CHECKS: tuple[Callable[[Doc], list[str]], ...] = (check_root, check_capabilities, check_secrets, check_lifecycle)


def all_violations(doc: Doc) -> list[str]:
    return [problem for check in CHECKS for problem in check(doc)]

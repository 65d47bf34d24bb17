"""An organisation built for the tests out of real git repositories, decided the way teams decide: `advisor decide`.

clones/            a folder of five cloned-style repositories, one service each
  atlas  ledger  orbit  seedling  bastion
  handbook/        hand-written records only (adr-tools)
  portal/          found only through catalog-info.yaml (its ADR folder is named by the adr-location annotation)
  broken/          a lock that does not read, and an answers file that does not load
mono/              one repository, three services under services/, an organisation config at its root
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from advisor.cli import main
from tests.conftest import EXAMPLES, ROOT

CLONES = {"atlas": "scenario-a", "ledger": "scenario-b", "orbit": "scenario-c", "seedling": "phase-2",
          "bastion": "scenario-b-c"}  # fmt: skip
MONO = {"billing": "scenario-b", "search": "scenario-c", "notify": "scenario-a"}
DATE = "2026-01-15"
ORG_RULES = EXAMPLES / "org-rules"


def git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout


@contextlib.contextmanager
def cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def answers(example: str, name: str) -> str:
    text = (EXAMPLES / f"{example}.yaml").read_text()
    original = next(line for line in text.splitlines() if line.startswith("  name: "))
    return text.replace(original, f"  name: {name}", 1)


def decide(service: Path, *extra: str, date: str = DATE) -> int:
    with cwd(service), open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        return main(["decide", "--answers", "answers.yaml", "--date", date, *extra])


def accept(service: Path, record: str = "ADR-0001") -> int:
    """The decision-makers sign the record advisor proposed (`advisor adr accept`)."""
    with cwd(service), open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        return main(["adr", "accept", record, "--date", DATE])


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path


def build(base: Path) -> dict[str, Path]:
    """Every folder the tests use, by name: the two ROOTs and each service's folder."""
    clones = base / "clones"
    out = {"clones": clones, "mono": base / "mono"}
    for name, example in CLONES.items():
        repo = new_repo(clones / name)
        (repo / "answers.yaml").write_text(answers(example, name))
        assert decide(repo) == 0 and accept(repo) == 0
        commit(repo, "Decide with advisor")
        out[name] = repo
    out["handbook"] = _handbook(clones / "handbook")
    out["portal"] = _portal(clones / "portal")
    out["broken"] = _broken(clones / "broken")
    mono = new_repo(base / "mono")
    (mono / ".advisor.yaml").write_text(
        "org:\n  services:\n    - path: services/billing\n      owner: team-payments\n  exclude: [sandbox]\n"
    )
    for name, example in MONO.items():
        service = mono / "services" / name
        service.mkdir(parents=True)
        (service / "answers.yaml").write_text(answers(example, name))
        assert decide(service) == 0 and accept(service) == 0
        out[name] = service
    sandbox = mono / "sandbox" / "toy"  # excluded by the organisation config
    sandbox.mkdir(parents=True)
    shutil.copytree(ROOT / "tests/fixtures/adr-nygard", sandbox / "doc/adr")
    commit(mono, "Three services")
    return out


def _handbook(path: Path) -> Path:
    repo = new_repo(path)
    shutil.copytree(ROOT / "tests/fixtures/adr-nygard", repo / "doc/adr", ignore=shutil.ignore_patterns("templates"))
    commit(repo, "Records written by hand")
    return repo


def _portal(path: Path) -> Path:
    repo = new_repo(path)
    shutil.copytree(ROOT / "tests/fixtures/adr-madr", repo / "architecture", ignore=shutil.ignore_patterns("images"))
    (repo / "catalog-info.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: customer-facing\n---\n"
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: customer-portal\n  annotations:\n"
        "    backstage.io/adr-location: architecture\nspec:\n  type: website\n  owner: team-web\n"
        "  system: customer-facing\n  lifecycle: production\n"
    )
    commit(repo, "Catalog entry")
    return repo


def _broken(path: Path) -> Path:
    repo = new_repo(path)
    (repo / "answers.yaml").write_text(answers("scenario-a", "broken"))
    assert decide(repo) == 0 and accept(repo) == 0
    (repo / "deploy" / "advisor.lock.yaml").write_text("format: 1\nadr: [unclosed\n")
    (repo / "answers.yaml").write_text("project: {name: broken\n")
    commit(repo, "Broken on purpose")
    return repo


def run(*args: str | Path, cwd_: Path | None = None):
    """The CLI in this process (the organisation's tests run it often): code, stdout, stderr."""
    import io

    from tests.conftest import CliResult

    out, err = io.StringIO(), io.StringIO()
    with cwd(cwd_ or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return CliResult(code, out.getvalue(), err.getvalue())

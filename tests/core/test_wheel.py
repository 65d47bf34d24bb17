"""The wheel carries rules/ and adr_templates/: install it in a fresh venv and run it away from the repo.

The venv is created without system site packages and the wheel is installed with its dependencies the
way a user's `pip install` would (from the configured index or pip's cache), so nothing here can see
the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    proc = subprocess.run(list(map(str, args)), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT], tmp_path, env)
    wheels = list(dist.glob("adr_advisor-*.whl"))
    assert len(wheels) == 1

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, env)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheels[0]], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "scenario-b.yaml", elsewhere / "answers.yaml")
    where = _run(
        [
            python,
            "-c",
            "import advisor, advisor.resources as r; "
            "print(advisor.__file__); print(r.bundled_rules_dir()); print(r.bundled_templates_dir())",
        ],
        elsewhere,
        env,
    ).splitlines()
    site = (venv / "lib").resolve()
    for path in where:
        assert Path(path).resolve().is_relative_to(site), f"{path} is not inside the fresh venv"
        assert not Path(path).resolve().is_relative_to(ROOT)
    assert Path(where[1]).is_dir() and sorted(p.name for p in Path(where[1]).glob("*.yaml"))
    assert Path(where[2]).is_dir()

    out = _run([venv / "bin" / "advisor", "decide", "--answers", "answers.yaml", "--dry-run", "--json"], elsewhere, env)
    data = json.loads(out)
    assert (data["runtime"], data["postgres"], data["rancher"]) == ("kubernetes", "in-cluster", "defer")
    assert data["ruleset"]["files"]
    assert all(Path(f).resolve().is_relative_to(site) for f in data["ruleset"]["files"])
    assert sorted(p.name for p in elsewhere.iterdir()) == ["answers.yaml"]

    validated = _run([venv / "bin" / "advisor", "rules", "validate"], elsewhere, env)
    assert validated.startswith("ok: ")

    # the site's templates, stylesheet and script are package data: they must be in the wheel too
    (elsewhere / "adr").mkdir()
    (elsewhere / "adr" / "0001-use-postgres.md").write_text("---\nstatus: accepted\n---\n# Use Postgres\n")
    _run([venv / "bin" / "advisor", "adr", "site", "--adr-dir", "adr", "--out", "site"], elsewhere, env)
    assert {"index.html", "0001-use-postgres.html", "site.css", "site.js"} <= {
        p.name for p in (elsewhere / "site").iterdir()
    }

"""Nothing outside the repository is read, published or written, whatever symlinks and paths the repository holds.

Each test builds a repository the way a pull request could shape it (symlinked records and roots, paths that
climb out), runs the real CLI from its root, and checks the secret or the folder outside it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

SECRET = "ghp_TOKEN_THAT_CI_LEFT_IN_GIT_CONFIG"


def _record(folder: Path, name: str, body: str = "", status: str = "accepted", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\nstatus: {status}\ndate: 2024-01-01\n{extra}---\n# {name[5:-3].replace('-', ' ')}\n\n{body}")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A checkout with a token in .git/config, as actions/checkout leaves it, and a secret beside the checkout."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text(f'[http]\n\textraheader = "AUTHORIZATION: basic {SECRET}"\n')
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "id_rsa").write_text(f"-----BEGIN KEY----- {SECRET}\n")
    _record(repo / "docs" / "adr", "0001-use-postgres.md")
    return repo


def _all_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


# 2. Files outside the repository published by `adr site`


def test_a_symlinked_record_is_never_read_published_or_indexed(repo: Path, tmp_path: Path) -> None:
    adr = repo / "docs" / "adr"
    (adr / "0002-git-config.md").symlink_to("../../.git/config")
    (adr / "0003-key.md").symlink_to(tmp_path / "outside" / "id_rsa")
    site = run_cli("adr", "site", cwd=repo)
    assert site.code == 0, site.err
    built = _all_text(repo / "site" / "adr")
    assert SECRET not in built
    assert "0002-git-config.html" in built and "a symlink; records are read only as regular files" in built
    check = run_cli("check", cwd=repo)
    assert check.code == 1 and SECRET not in check.out + check.err
    assert "0003-key.md: ADR004 unreadable-record: error: cannot read: a symlink" in check.out
    listing = run_cli("adr", "list", cwd=repo)
    assert SECRET not in listing.out + listing.err and "0002" not in listing.out


# 4. Writes outside the repository


def test_decide_refuses_a_skeleton_folder_that_is_a_symlink(repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "outside" / "project"
    victim.mkdir()
    (victim / "README.md").write_text("someone else's README\n")
    (repo / "deploy").symlink_to(victim)
    shutil.copy(EXAMPLES / "scenario-a.yaml", repo / "answers.yaml")
    for extra in ((), ("--dry-run",)):
        result = run_cli("decide", "--answers", "answers.yaml", *extra, cwd=repo)
        assert result.code == 2, result.out + result.err
        assert "deploy: the skeleton folder (--out) leads through a symlink (deploy)" in result.err
    assert sorted(p.name for p in victim.iterdir()) == ["README.md"]
    assert (victim / "README.md").read_text() == "someone else's README\n"
    assert sorted(p.name for p in (repo / "docs" / "adr").iterdir()) == ["0001-use-postgres.md"]  # no ADR either


def test_a_record_listing_a_file_outside_with_its_hash_cannot_get_it_overwritten(repo: Path, tmp_path: Path) -> None:
    """An old-format record vouching for `../outside/README.md`: the hash is ignored, the file never touched."""
    from advisor.content import sha256

    victim = tmp_path / "outside" / "README.md"
    victim.write_text("theirs\n")
    block = (
        "advisor:\n  format: 1\n  answers: {}\n  generated:\n"
        f"  - path: ../outside/README.md\n    sha256: {sha256(victim.read_bytes())}\n"
    )
    _record(repo / "docs" / "adr", "0002-deploy.md", extra=block)
    shutil.copy(EXAMPLES / "scenario-a.yaml", repo / "answers.yaml")
    result = run_cli("decide", "--answers", "answers.yaml", "--date", "2025-01-01", cwd=repo)
    assert result.code == 0, result.err
    assert victim.read_text() == "theirs\n" and sorted(p.name for p in victim.parent.iterdir()) == [
        "README.md",
        "id_rsa",
    ]
    check = run_cli("check", cwd=repo)
    assert (
        "ADR107 path-outside: error: ADR-0002 names the generated file '../outside/README.md', which leads outside"
        in (check.out)
    )


def test_adr_index_never_writes_through_a_symlinked_index(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "outside" / "created-by-advisor.md"
    (repo / "docs" / "adr" / "index.md").symlink_to(target)
    result = run_cli("adr", "index", cwd=repo)
    assert result.code == 2 and "the index leads through a symlink (index.md)" in result.err
    assert not target.exists()
    existing = tmp_path / "outside" / "id_rsa"
    (repo / "docs" / "adr" / "index.md").unlink()
    (repo / "docs" / "adr" / "index.md").symlink_to(existing)
    assert run_cli("adr", "index", cwd=repo).code == 2
    assert existing.read_text().startswith("-----BEGIN KEY-----")


@pytest.mark.parametrize("how", [".adr-dir", "config", "symlinked-folder"])
def test_an_adr_folder_outside_the_repository_is_refused(repo: Path, tmp_path: Path, how: str) -> None:
    elsewhere = tmp_path / "outside" / "adr"
    _record(elsewhere, "0001-use-postgres.md")
    _record(elsewhere, "0001-duplicate.md")
    if how == ".adr-dir":
        (repo / ".adr-dir").write_text("../outside/adr\n")
    elif how == "config":
        (repo / ".advisor.yaml").write_text("adr-dir: ../outside/adr\n")
    else:
        shutil.rmtree(repo / "docs" / "adr")
        (repo / "docs" / "adr").symlink_to(elsewhere)
    shutil.copy(EXAMPLES / "scenario-a.yaml", repo / "answers.yaml")
    before = sorted(p.name for p in elsewhere.iterdir())
    decide = [] if how == "config" else [("decide", "--answers", "answers.yaml")]  # decide reads no config
    for args in (
        ("adr", "new", "Use Redis"),
        ("adr", "renumber"),
        *decide,
        ("check",),
        ("adr", "list"),
        ("adr", "site"),
    ):
        result = run_cli(*args, cwd=repo)
        assert result.code == 2, (args, result.out, result.err)
        assert "the ADR folder" in result.err and ("leads outside" in result.err or "through a symlink" in result.err)
    assert sorted(p.name for p in elsewhere.iterdir()) == before


def test_adr_site_refuses_a_symlinked_site_folder(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "outside" / "www"
    elsewhere.mkdir()
    (repo / "site").symlink_to(elsewhere)
    result = run_cli("adr", "site", cwd=repo)
    assert result.code == 2 and "the site folder (--out) leads through a symlink (site)" in result.err
    assert list(elsewhere.iterdir()) == []


def test_a_flag_may_still_point_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    """The user's own flags are trusted: --out and --adr-dir elsewhere work as before."""
    shutil.copy(EXAMPLES / "scenario-a.yaml", repo / "answers.yaml")
    out, adr = tmp_path / "demo" / "deploy", tmp_path / "demo" / "adr"
    result = run_cli("decide", "--answers", "answers.yaml", "--out", out, "--adr-dir", adr, cwd=repo)
    assert result.code == 0, result.err
    assert (out / "advisor.lock.yaml").is_file() and len(list(adr.glob("0001-*.md"))) == 1


# 7. Small leaks and a crash


def test_the_site_never_says_whether_a_path_outside_exists(repo: Path, tmp_path: Path) -> None:
    """A link to an outside file that exists and one that does not read alike: no href, the same message."""
    (repo / "inside.md").write_text("inside\n")
    (repo / "docs" / "link-out").symlink_to(tmp_path / "outside")
    body = (
        "[a](../../../outside/id_rsa) [b](../../../outside/nothing-here) [c](../link-out/id_rsa) "
        "[d](../link-out/nothing-here) [e](../../inside.md) [f](/inside.md)\n"
    )
    _record(repo / "docs" / "adr", "0002-links.md", body=body)
    result = run_cli("adr", "site", "--check-links", cwd=repo)
    assert result.code == 1
    page = (repo / "site" / "adr" / "0002-links.html").read_text()
    hrefs = [part.split('"', 1)[0] for part in page.split('<div class="body">', 1)[1].split('href="')[1:]]
    assert hrefs == ["files/inside.md", "files/inside.md"]  # only the two links inside the repository (copied)
    record = "docs/adr/0002-links.md"  # relative to the working folder, as `advisor check` prints it
    assert result.err.splitlines() == [
        f"{record}:7: link leads outside the repository: ../../../outside/id_rsa",
        f"{record}:7: link leads outside the repository: ../../../outside/nothing-here",
        f"{record}:7: link leads through a symlink: ../link-out/id_rsa",
        f"{record}:7: link leads through a symlink: ../link-out/nothing-here",
    ]
    assert str(tmp_path / "outside") not in page + result.err  # no resolved path of the symlink is printed


def test_generated_files_outside_the_repository_are_not_looked_for(repo: Path, tmp_path: Path) -> None:
    block = (
        "advisor:\n  format: 1\n  answers: {}\n  generated:\n"
        f"  - {{path: ../outside/id_rsa, sha256: {'ab' * 32}}}\n  - {{path: ../outside/none, sha256: {'ab' * 32}}}\n"
        f"  - {{path: /etc/passwd, sha256: {'ab' * 32}}}\n"
    )
    _record(repo / "docs" / "adr", "0002-deploy.md", extra=block)
    assert run_cli("adr", "site", cwd=repo).code == 0
    page = (repo / "site" / "adr" / "0002-deploy.html").read_text()
    assert page.count("(not linked: it leads outside the repository)") == 3 and "not found" not in page
    check = run_cli("check", cwd=repo)
    assert check.out.count("ADR107 path-outside") == 3 and "ADR104" not in check.out and "ADR105" not in check.out


def test_a_deeply_nested_pyproject_is_a_usage_error_not_a_traceback(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.advisor]\nstatuses = " + "[" * 50_000 + "]" * 50_000 + "\n")
    result = run_cli("check", cwd=repo)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith(f"{repo / 'pyproject.toml'}: TOML is nested too deeply to read")


def test_a_huge_pyproject_is_read_only_up_to_the_limit(repo: Path) -> None:
    from tests.hardening.measure import run_measured

    path = repo / "pyproject.toml"
    with path.open("wb") as handle:
        handle.write(b"[tool.advisor]\n")
        handle.truncate(600 * 1024 * 1024)  # sparse: 600 MB of NULs to read, none to write
    result = run_measured(["check"], cwd=repo)
    assert result.code == 2 and "larger than the limit" in result.err, str(result)
    assert result.max_rss_mb < 150, str(result)


def test_config_and_marker_files_are_not_followed(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "outside" / "config.yaml").write_text("statuses: [accepted]\n")
    (repo / ".advisor.yaml").symlink_to(tmp_path / "outside" / "config.yaml")
    result = run_cli("check", cwd=repo)
    assert result.code == 2 and ".advisor.yaml: is a symlink" in result.err
    os.unlink(repo / ".advisor.yaml")
    (repo / ".adr-dir").symlink_to(tmp_path / "outside" / "id_rsa")
    result = run_cli("adr", "list", cwd=repo)
    assert result.code == 2 and ".adr-dir: must be a regular file" in result.err and SECRET not in result.err


def test_looking_at_each_folder_once_refuses_what_looking_each_time_refuses(tmp_path: Path) -> None:
    """A site's links to generated files share `confine.LinkedFolders`; the answers must be `inside()`'s own."""
    from advisor.confine import LinkedFolders, inside

    repo = tmp_path / "repo"
    (repo / "deploy/base").mkdir(parents=True)
    (repo / "deploy/base/app.yaml").write_text("a: 1\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/secret.yaml").write_text("b: 2\n")
    (repo / "deploy/linked").symlink_to(tmp_path / "elsewhere")
    (repo / "deploy/base/file-link.yaml").symlink_to(tmp_path / "elsewhere/secret.yaml")
    recorded = ["deploy/base/app.yaml", "deploy/linked/secret.yaml", "deploy/base/file-link.yaml", "deploy/missing/x",
                "deploy/linked/../base/app.yaml", "../outside.yaml", ".", "deploy/linked", "/etc/passwd"]  # fmt: skip
    linked = LinkedFolders(str(repo))
    for path in recorded * 2:  # the second round answers from what the first looked at
        assert inside(repo, path, linked) == inside(repo, path), path
    assert inside(repo, "deploy/linked/secret.yaml", linked) == (None, "leads through a symlink")
    assert inside(repo, "deploy/base/file-link.yaml", linked) == (None, "leads through a symlink")
    assert inside(repo, "deploy/base/app.yaml", linked)[0] == repo / "deploy/base/app.yaml"
    deep = "a/" * 5000 + "x.yaml"  # deeper than Python's recursion limit: looked at in a loop
    assert inside(repo, deep, linked) == inside(repo, deep) == (repo / deep, None)
    assert inside(repo, "deploy/linked/" + deep, linked) == (None, "leads through a symlink")

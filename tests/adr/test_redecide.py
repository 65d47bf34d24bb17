"""Re-deciding in a git repository: only files whose content changes move, and hand edits are merged, not lost.

The repository's record is accepted (signed) first, so a change of answers proposes a record that supersedes it;
the life cycle itself (proposed, revised, accepted, superseded) is tested in tests/adr/test_lifecycle.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed; the merge base is read from git")
ADR_1 = "docs/adr/0001-deploy-ledger-on-kubernetes-with-in-cluster-postgres-in-cluster-minio.md"
ADR_2 = "docs/adr/0002-ledger-rpo-minutes.md"  # a superseding record's name says what distinguishes it
OVERLAYS = [f"deploy/overlays/{env}/kustomization.yaml" for env in ("dev", "staging", "prod")]


def git(repo: Path, *args: str) -> str:
    command = [GIT or "git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True).stdout


def decide(repo: Path, *extra: str, date: str = "2026-02-01"):
    return run_cli("decide", "--answers", "answers.yaml", "--date", date, *extra, cwd=repo)


def set_answer(repo: Path, old: str, new: str) -> None:
    answers = repo / "answers.yaml"
    text = answers.read_text()
    assert old in text
    answers.write_text(text.replace(old, new))


def changed_files(repo: Path) -> set[str]:
    git(repo, "add", "-A")
    return set(git(repo, "diff", "--cached", "--name-only").split())


def accept(repo: Path, record: str) -> None:
    result = run_cli("adr", "accept", record, "--date", "2026-02-02", cwd=repo)
    assert result.code == 0, result.err


@pytest.fixture
def repo(tmp_path) -> Path:
    """Scenario B decided, accepted and committed in a fresh git repository."""
    if GIT is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    assert decide(tmp_path).code == 0
    accept(tmp_path, "1")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "decide")
    return tmp_path


def test_a_second_decide_on_unchanged_answers_changes_nothing(repo):
    result = decide(repo, date="2026-03-01")
    assert result.code == 0, result.err
    assert changed_files(repo) == set()


def test_a_hand_edited_lock_is_rewritten_and_no_file_moves(repo):
    lock = repo / "deploy/advisor.lock.yaml"
    text = lock.read_text()
    # A valid but wrong hash for the runbook, and another ADR id: the runbook now looks edited by hand.
    runbook_entry = text.index("- path: RUNBOOK.md\n  sha256: ") + len("- path: RUNBOOK.md\n  sha256: ")
    edited = text[:runbook_entry] + "f" * 64 + text[runbook_entry + 64 :]
    lock.write_text(edited.replace("id: ADR-0001", "id: ADR-0009"))
    result = decide(repo, date="2026-03-01")
    assert result.code == 0, result.err
    assert lock.read_text() == text and changed_files(repo) == set()


def test_changing_only_the_rpo_changes_the_runbook_and_the_files_naming_the_adr(repo):
    set_answer(repo, "rpo_minutes: 15", "rpo_minutes: 30")
    dry = decide(repo, "--dry-run", date="2026-03-01")
    assert "changed   deploy/RUNBOOK.md (data.rpo_minutes 15 → 30)" in dry.out
    plan = json.loads(decide(repo, "--dry-run", "--json", date="2026-03-01").out)["plan"]
    assert {"path": "deploy/RUNBOOK.md", "status": "changed", "because": "data.rpo_minutes 15 → 30"} in plan
    result = decide(repo, date="2026-03-01")
    assert result.code == 0, result.err
    expected = {"answers.yaml", ADR_2, "deploy/RUNBOOK.md", "deploy/README.md", "deploy/advisor.lock.yaml"}
    # the RPO sets how often the objects are copied off the cluster, and the drill reports against it
    expected |= {"deploy/components/objects-copy/cronjob.yaml", "deploy/components/restore-drill/job.yaml"}
    # the WAL archiving alert's threshold is the RPO: each environment's rules, their tests and PrometheusRule
    for env in ("dev", "staging", "prod"):
        expected |= {f"deploy/monitoring/{env}-rules.yaml", f"deploy/monitoring/{env}-rules.test.yaml"}
        expected.add(f"deploy/overlays/{env}/prometheusrule.yaml")
    assert changed_files(repo) == expected | set(OVERLAYS)  # the accepted record holds until ADR-0002 is signed
    accept(repo, "2")
    changed_files(repo)
    # The old record: its status line, nothing else.
    diff = [line for line in git(repo, "diff", "--cached", "-U0", ADR_1).splitlines() if line[:1] in "+-"]
    assert [line for line in diff if not line.startswith(("+++", "---"))] == [
        "-status: accepted",
        "+status: superseded by ADR-0002",
    ]
    # The overlays change only where they name the ADR.
    overlay = git(repo, "diff", "--cached", "-U0", OVERLAYS[0])
    assert "-  advisor.dev/adr: ADR-0001" in overlay and "+  advisor.dev/adr: ADR-0002" in overlay
    assert len([line for line in overlay.splitlines() if line[:1] in "+-"]) == 4


def test_changing_only_the_description_changes_no_skeleton_content(repo):
    set_answer(repo, "description: Claims assistant", "description: A claims assistant")
    assert decide(repo, date="2026-03-01").code == 0
    expected = {"answers.yaml", "docs/adr/0002-ledger-description.md", "deploy/README.md", "deploy/advisor.lock.yaml"}
    assert changed_files(repo) == expected | set(OVERLAYS)


def test_growing_from_one_team_to_three_adds_the_rancher_files_and_nothing_unrelated(repo):
    set_answer(repo, "teams: 2", "teams: 1")
    assert decide(repo, date="2026-03-01").code == 0
    accept(repo, "2")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one team")
    set_answer(repo, "teams: 1", "teams: 3")
    dry = decide(repo, "--dry-run", date="2026-03-02")
    assert "deploy/fleet/prod.yaml" in dry.out
    assert decide(repo, date="2026-03-02").code == 0
    adr_2, adr_3 = "docs/adr/0002-ledger-no-rancher.md", "docs/adr/0003-ledger-adopt-rancher-logging.md"
    rancher = {"deploy/rancher/management.yaml", "deploy/rancher/gitrepo.yaml"}
    rancher |= {f"deploy/fleet/{env}.yaml" for env in ("dev", "staging", "prod")}
    per_cluster = [("cluster-1", "dev"), ("cluster-1", "staging"), ("cluster-2", "prod")]  # 2 clusters: prod apart
    rancher |= {
        f"deploy/clusters/{c}/{env}/{f}" for c, env in per_cluster for f in ("kustomization.yaml", "project.yaml")
    }
    expected = {"answers.yaml", adr_3, "deploy/README.md", "deploy/advisor.lock.yaml"}
    # with Rancher, Rancher Monitoring scrapes from cattle-monitoring-system, which the runbook names too
    expected |= {"deploy/components/observability/networkpolicies.yaml", "deploy/RUNBOOK.md"}
    assert changed_files(repo) == expected | rancher | set(OVERLAYS)  # the overlays themselves only name the ADR
    assert "status: accepted\n" in (repo / adr_2).read_text()  # accepted, it holds until ADR-0003 is


def _three_edits(repo: Path) -> tuple[Path, Path, Path, bytes, bytes]:
    """A conflicting edit (the RPO line the new render changes), a merging one (a note at the README's end) and
    an untouched file; then only the RPO changes."""
    runbook, readme, overlay = repo / "deploy/RUNBOOK.md", repo / "deploy/README.md", repo / OVERLAYS[2]
    runbook_text = runbook.read_text()
    assert "RPO 15 min" in runbook_text
    runbook.write_text(runbook_text.replace("RPO 15 min", "RPO 15 min (agreed with the DPO)"))
    readme.write_text(readme.read_text() + "\n## Our notes\n\nPage the on-call before restoring.\n")
    set_answer(repo, "rpo_minutes: 15", "rpo_minutes: 30")
    return runbook, readme, overlay, runbook.read_bytes(), readme.read_bytes()


def test_three_hand_edits_conflict_merge_and_update_without_losing_a_byte(repo):
    runbook, readme, overlay, runbook_edit, readme_edit = _three_edits(repo)
    dry = decide(repo, "--dry-run", date="2026-03-01")
    assert "conflict  deploy/RUNBOOK.md (data.rpo_minutes 15 → 30)" in dry.out
    assert "merged    deploy/README.md (adr.id ADR-0001 → ADR-0002;" in dry.out
    assert f"changed   {OVERLAYS[2]} (adr.id ADR-0001 → ADR-0002" in dry.out
    result = decide(repo, date="2026-03-01")
    assert result.code == 1, result.err  # a merge is left to the user, and the exit status says so
    assert "1 file(s) need a hand merge" in result.out
    # Conflict: the user's file is untouched; FILE.new holds the merge with markers and both sides.
    assert runbook.read_bytes() == runbook_edit
    merge = (repo / "deploy/RUNBOOK.md.new").read_text()
    assert "<<<<<<< your edit" in merge and ">>>>>>> advisor's new render" in merge
    assert "RPO 15 min (agreed with the DPO)" in merge and "RPO 30 min" in merge
    # Clean merge: the user's note and advisor's new ADR link, in place.
    merged = readme.read_text()
    assert readme_edit.split(b"\n## Our notes")[1] in readme.read_bytes()
    assert merged.endswith("## Our notes\n\nPage the on-call before restoring.\n") and ADR_2.split("/")[-1] in merged
    assert not (repo / "deploy/README.md.new").exists()
    assert "merged advisor's change into your edit of deploy/README.md" in result.out  # relative to the repo
    # Plain update.
    assert "advisor.dev/adr: ADR-0002" in overlay.read_text()
    # After the user resolves the conflict, the next decide keeps the resolution and reports nothing to merge.
    runbook.write_text(merge.split("<<<<<<<")[0] + "RPO 30 min (agreed with the DPO)" + merge.split(">>>>>>>")[1][32:])
    (repo / "deploy/RUNBOOK.md.new").unlink()
    resolved = runbook.read_bytes()
    again = decide(repo, date="2026-03-01")
    assert again.code == 0, again.out + again.err
    assert runbook.read_bytes() == resolved and readme.read_text() == merged


def test_outside_git_edited_files_fall_back_to_file_new(tmp_path):
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    assert decide(tmp_path).code == 0
    accept(tmp_path, "1")
    runbook, readme, overlay, runbook_edit, readme_edit = _three_edits(tmp_path)
    dry = decide(tmp_path, "--dry-run", date="2026-03-01")
    assert "conflict  deploy/RUNBOOK.md" in dry.out and "conflict  deploy/README.md" in dry.out
    result = decide(tmp_path, date="2026-03-01")
    assert result.code == 1
    assert runbook.read_bytes() == runbook_edit and readme.read_bytes() == readme_edit
    assert "RPO 30 min" in (tmp_path / "deploy/RUNBOOK.md.new").read_text()
    assert "<<<<<<<" not in (tmp_path / "deploy/README.md.new").read_text()  # no base: the new render as it is
    assert "advisor.dev/adr: ADR-0002" in overlay.read_text()

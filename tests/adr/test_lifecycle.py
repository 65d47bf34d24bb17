"""proposed -> accepted -> superseded, end to end in a git repository, with hand edits of the status on the way.

A record is proposed until its decision-makers sign it; while proposed, re-deciding revises it in place (a hand
edit of its body is merged, not lost); once accepted (by `advisor adr status` or by hand) it is never rewritten
and a change proposes a record that supersedes it when accepted. No hand edit of a status makes `decide` write a
duplicate, and the skeleton's lock names the record in force throughout.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.lock import read_lock
from tests.adr.test_redecide import GIT, git, set_answer
from tests.conftest import EXAMPLES, ROOT, run_cli

FIXTURES_DIR = ROOT / "tests" / "fixtures"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1772323200")  # 2026-03-01: check judges proposals against this day


def cli(repo: Path, *args: str):
    return run_cli(*args, cwd=repo, env=ENV)


def decide(repo: Path, date: str):
    result = cli(repo, "decide", "--answers", "answers.yaml", "--date", date)
    assert result.code == 0, result.out + result.err
    return result


def records(repo: Path) -> list[str]:
    return sorted(p.name for p in (repo / "docs/adr").glob("[0-9]*.md"))


def status_of(repo: Path, number: int) -> str:
    (record,) = [r for r in load_log(repo / "docs/adr").records if r.number == number]
    return record.status_text


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path) -> Path:
    """Scenario B's answers in a fresh git repository, nothing decided yet."""
    if GIT is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    return tmp_path


def test_proposed_accepted_superseded_with_hand_edits_and_no_duplicate(repo):
    first = decide(repo, "2026-02-01")
    assert "ADR-0001 proposed" in first.out
    (name,) = records(repo)
    record = repo / "docs/adr" / name
    assert status_of(repo, 1) == "proposed"
    commit(repo, "decide")

    # A reviewer's note in the proposed record survives a revision; the revision changes the record in place.
    record.write_text(record.read_text().replace("## More Information\n", "## More Information\n\nAsked DPO.\n"))
    commit(repo, "review note")
    set_answer(repo, "rpo_minutes: 15", "rpo_minutes: 30")
    revised = decide(repo, "2026-02-05")
    assert "ADR-0001 revised" in revised.out and records(repo) == [name]
    text = record.read_text()
    assert "Asked DPO." in text and "* Answer: data.rpo_minutes 15 → 30" in text and "date: 2026-02-05" in text
    assert read_lock(repo / "deploy").adr_id == "ADR-0001"
    commit(repo, "revised")

    # Signed by hand (the team's own edit of the status): immutable from now on, and no duplicate.
    record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))
    commit(repo, "accepted by hand")
    before = record.read_bytes()
    again = decide(repo, "2026-02-10")
    assert "decision unchanged: ADR-0001 still holds" in again.out
    assert records(repo) == [name] and record.read_bytes() == before
    assert git(repo, "status", "--porcelain") == ""

    # Hand-edited back to proposed: still the record in force, still no duplicate.
    record.write_text(record.read_text().replace("status: accepted", "status: proposed", 1))
    assert "decision unchanged: ADR-0001 still holds" in decide(repo, "2026-02-11").out
    assert records(repo) == [name]
    record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))

    # A change of answers now proposes ADR-0002; ADR-0001 stays accepted, byte for byte, until ADR-0002 is signed.
    set_answer(repo, "teams: 2", "teams: 3")
    proposed = decide(repo, "2026-02-15")
    assert "ADR-0002 proposed; once accepted it supersedes ADR-0001" in proposed.out
    assert records(repo) == [name, "0002-ledger-adopt-rancher-logging.md"] and record.read_bytes() == before
    assert read_lock(repo / "deploy").adr_id == "ADR-0002"  # the skeleton follows the record in force
    assert cli(repo, "check").code == 0

    # Rejected: the same answers are not proposed again; reopened, the proposal is revised as usual.
    assert cli(repo, "adr", "reject", "2").code == 0
    refused = cli(repo, "decide", "--answers", "answers.yaml", "--date", "2026-02-16")
    assert (
        refused.code == 2 and "ADR-0002 was rejected" in refused.err and "adr status ADR-0002 proposed" in refused.err
    )
    assert records(repo) == [name, "0002-ledger-adopt-rancher-logging.md"]
    assert cli(repo, "adr", "status", "2", "proposed").code == 0

    # Accepted with the command: ADR-0001's status line alone changes, and the link reads both ways.
    accepted = cli(repo, "adr", "accept", "ADR-0002")
    assert accepted.code == 0 and accepted.out.splitlines() == ["ADR-0002 accepted", "ADR-0001 superseded by ADR-0002"]
    diff = git(repo, "diff", "-U0", "docs/adr/" + name).splitlines()
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "-status: accepted",
        "+status: superseded by ADR-0002",
    ]
    check = cli(repo, "check")
    assert check.code == 0 and check.out == "", check.out
    assert "decision unchanged: ADR-0002 still holds" in decide(repo, "2026-02-20").out


def test_a_record_accepted_by_hand_completes_its_supersession_on_the_next_decide(repo):
    decide(repo, "2026-02-01")
    assert cli(repo, "adr", "accept", "1").code == 0
    set_answer(repo, "teams: 2", "teams: 3")
    decide(repo, "2026-02-02")
    new = repo / "docs/adr/0002-ledger-adopt-rancher-logging.md"
    new.write_text(new.read_text().replace("status: proposed", "status: accepted", 1))
    warned = cli(repo, "check")
    assert "ADR010 one-sided-supersession" in warned.out  # accepted, but ADR-0001 does not say so yet
    result = decide(repo, "2026-02-03")
    assert "ADR-0001 superseded by ADR-0002, which was accepted" in result.out
    assert status_of(repo, 1) == "superseded by ADR-0002" and records(repo)[-1] == new.name
    assert cli(repo, "check").out == ""


def test_advisor_never_reopens_or_rewrites_its_accepted_records(repo):
    decide(repo, "2026-02-01")
    assert cli(repo, "adr", "accept", "1").code == 0
    before = (repo / "docs/adr" / records(repo)[0]).read_bytes()
    reopen = cli(repo, "adr", "status", "1", "proposed")
    assert reopen.code == 2 and "a change supersedes it (`advisor decide`)" in reopen.err
    missing = cli(repo, "adr", "status", "1", "superseded")
    assert missing.code == 2 and "superseded needs --by NEW" in missing.err
    unknown = cli(repo, "adr", "status", "1", "approved")
    assert unknown.code == 2 and "not a status of this log" in unknown.err
    assert (repo / "docs/adr" / records(repo)[0]).read_bytes() == before


def test_check_warns_on_a_stale_proposal_after_the_configured_age_and_on_an_unsigned_acceptance(repo):
    set_answer(repo, "decision_makers: [Chief architect, Head of platform]", "decision_makers: []")
    decide(repo, "2026-01-15")  # 45 days before ENV's day
    stale = cli(repo, "check")
    assert "ADR014 stale-proposal: warning: proposed since 2026-01-15 (45 days, more than 30)" in stale.out
    (repo / ".advisor.yaml").write_text("proposed-max-days: 60\n")
    assert "ADR014" not in cli(repo, "check").out
    (repo / ".advisor.yaml").write_text("proposed-max-days: soon\n")
    bad = cli(repo, "check")
    assert bad.code == 2 and "proposed-max-days: must be a whole number of days" in bad.err
    (repo / ".advisor.yaml").unlink()
    assert cli(repo, "adr", "accept", "1").code == 0
    unsigned = cli(repo, "check")
    assert "ADR015 unsigned-decision: warning: accepted, but no decision-makers are named" in unsigned.out


@pytest.mark.parametrize(
    ("fixture", "ref", "expected"),
    [
        # a dated status list gets one more line, in the same shape, with the date
        ("adr-lowercase-three-digit", "1", ["+* Deprecated (2026-03-01)"]),
        ("adr-madr2-bullets", "3", ["-* Status: accepted", "+* Status: deprecated"]),
        ("adr-nygard", "4", ["-Accepted", "+Deprecated"]),
        ("adr-adrnnn-prefix", "4", ["-**Status:** Proposed", "+**Status:** Deprecated"]),
    ],
)
def test_the_status_is_written_in_the_records_own_layout_and_nothing_else_moves(tmp_path, fixture, ref, expected):
    if GIT is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES_DIR / fixture, folder)
    git(tmp_path, "init", "-q")
    commit(tmp_path, "log")
    result = run_cli("adr", "deprecate", ref, "--adr-dir", folder, "--date", "2026-03-01")
    assert result.code == 0, result.err
    diff = git(tmp_path, "diff", "-U0").splitlines()
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == expected
    (record,) = [r for r in load_log(folder).records if r.id == load_log(folder).find(ref).id]
    assert record.status == "deprecated"


def test_superseded_by_writes_the_link_in_both_records(tmp_path):
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES_DIR / "adr-madr2-bullets", folder)
    assert run_cli("adr", "new", "Use", "SOPS", "--adr-dir", folder, "--date", "2025-03-04").code == 0
    result = run_cli("adr", "status", "3", "superseded", "--by", "4", "--adr-dir", folder)
    assert result.code == 0 and result.out.splitlines() == [
        "ADR-0003 superseded by [4. Use SOPS](0004-use-sops.md)",
        "ADR-0004 supersedes ADR-0003",
    ]
    new = (folder / "0004-use-sops.md").read_text()
    assert "* Supersedes: [3. Keep secrets in Sealed Secrets](0003-keep-secrets-in-sealed-secrets.md)" in new
    check = run_cli("check", "--adr-dir", folder, env=dict(os.environ, SOURCE_DATE_EPOCH="1741651200"))
    assert not [line for line in check.out.splitlines() if "ADR010" in line and "0004-use-sops" in line]
    assert not [line for line in check.out.splitlines() if line.startswith(str(folder / "0004-")) and "ADR010" in line]

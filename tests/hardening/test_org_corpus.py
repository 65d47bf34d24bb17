"""Hostile services in an organisation: one bad service is a finding with a rule id, the others are read, exit 1.

Each row of `ORGS` (tests/hardening/cases.py) is a ROOT under tests/inputs/bad/org/ with one bad service; a good
service (a hand-written log) is added beside it at run time. Same limits as the one-service corpus: CPU time,
peak memory, no traceback, nothing written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .cases import BAD, ORGS, Case
from .measure import ROOT, run_measured
from .test_corpus import CPU_LIMIT_S, HUGE_BYTES, LINE, RSS_LIMIT_MB, WALL_LIMIT_S, _snapshot

GOOD = ROOT / "tests" / "fixtures" / "adr-nygard"


def _make(case: Case, tmp: Path) -> Path:
    root = tmp / "input"
    if case.input == "@missing":
        return root / "nowhere"
    if case.input.startswith("@"):
        (root / "bad").mkdir(parents=True)
        head = b"kind: Component\nmetadata:\n  name: huge\n"
        (root / "bad" / "catalog-info.yaml").write_bytes(head + b"# padding padding padding\n" * (HUGE_BYTES // 26))
    else:
        shutil.copytree(BAD / case.input, root)
    shutil.copytree(GOOD, root / "good" / "doc" / "adr")
    return root


@pytest.mark.parametrize("case", ORGS, ids=[c.id for c in ORGS])
def test_one_bad_service_is_a_finding_and_the_others_are_read(case: Case, tmp_path: Path) -> None:
    root = _make(case, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    before = _snapshot(root)
    result = run_measured(["org", "check", str(root)], cwd=work, timeout=60)
    assert result.code in case.codes, str(result)
    assert "Traceback" not in result.err, str(result)
    assert result.cpu_seconds < CPU_LIMIT_S and result.seconds < WALL_LIMIT_S, str(result)
    assert result.max_rss_mb < RSS_LIMIT_MB, str(result)
    assert list(work.iterdir()) == [] and _snapshot(root) == before, "nothing written"
    lines = (result.out + result.err).splitlines()
    assert lines and all(LINE.match(line) for line in lines), str(result)
    if case.rule is None:
        assert any(case.fragment in line for line in lines), str(result)
        return
    ours = [line for line in lines if line.startswith(f"{case.names}:") and f": {case.rule} " in line]
    assert ours, f"no {case.rule} finding for {case.names}\n{result}"
    assert any(case.fragment.lower() in line.lower() for line in ours), f"{case.fragment!r}\n{result}"
    listed = run_measured(["org", "list", "--json", str(root)], cwd=work, timeout=60)
    assert listed.code == 1 and "Traceback" not in listed.err, str(listed)
    good = [s for s in json.loads(listed.out)["services"] if s["path"] == "good"]
    assert good and good[0]["records"] == 5, "the good service is read all the same"

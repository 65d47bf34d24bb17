"""Fixture logs for the site tests: the adr-tools, MADR and log4brains fixtures mixed with advisor's own records.

advisor's records come from real `advisor decide` runs (Rancher not-needed -> defer -> adopt as the number of
teams grows), so the site is tested against whatever advisor writes today.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures"
SITE_FIXTURES = ROOT / "tests" / "adr_site" / "fixtures"


def advisor_chain(repo: Path, adr_dir: str = "docs/adr") -> None:
    """Three advisor records in `repo`, each superseding the one before: rancher not-needed, defer, adopt.

    Each is accepted before the next decide, as its decision-makers would; a proposed one would be revised instead."""
    answers = repo / "answers.yaml"
    text = (EXAMPLES / "scenario-a.yaml").read_text(encoding="utf-8")
    assert "\n  teams: 1\n" in text
    for teams, date in ((1, "2025-01-10"), (2, "2025-06-01"), (3, "2026-01-01")):
        answers.write_text(text.replace("\n  teams: 1\n", f"\n  teams: {teams}\n"), encoding="utf-8")
        result = run_cli("decide", "--answers", "answers.yaml", "--adr-dir", adr_dir, "--date", date, cwd=repo)
        assert result.code == 0, result.err
        (written,) = re.findall(r"^(ADR-\d{4}) proposed", result.out, re.MULTILINE)
        signed = run_cli("adr", "accept", written, "--adr-dir", adr_dir, "--date", date, cwd=repo)
        assert signed.code == 0, signed.err


def nygard_log(repo: Path) -> Path:
    """adr-tools records 1-5, advisor's chain as 6-8, and log4brains records beside them."""
    folder = repo / "docs" / "adr"
    shutil.copytree(FIXTURES / "adr-nygard", folder, ignore=shutil.ignore_patterns("README.md", "templates"))
    for record in (FIXTURES / "adr-log4brains").glob("2*.md"):
        shutil.copy(record, folder / record.name)
    advisor_chain(repo)
    return folder


def madr_log(repo: Path) -> Path:
    """MADR records 0-5 (with an images folder) and advisor's chain as 6-8."""
    folder = repo / "docs" / "adr"
    shutil.copytree(FIXTURES / "adr-madr", folder, ignore=shutil.ignore_patterns("adr-template.md"))
    advisor_chain(repo)
    return folder

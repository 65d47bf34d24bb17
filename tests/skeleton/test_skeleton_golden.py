"""One skeleton per example answers file, compared byte for byte with tests/skeleton/golden/<example>/.

Golden files change only with `pytest --update-golden`; read the diff before committing it. The chart under
`helm/` is left to the Helm tests, so a chart change does not churn these files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.pipeline import evaluate
from advisor.skeleton import SkeletonContext, build_skeleton
from tests.conftest import EXAMPLE_FILES

GOLDEN = Path(__file__).parent / "golden"
ADR_ID, ADR_RELPATH = "ADR-0007", "../docs/adr/0007-deploy-the-service-mode.md"


def skeleton(example: Path, out: Path = Path("deploy")) -> dict[str, bytes]:
    decision = evaluate(load_answers(example))[0]
    context = SkeletonContext(out, ADR_ID, ADR_RELPATH)
    return {f.path: f.data for f in build_skeleton(decision, context) if not f.path.startswith("helm/")}


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_skeleton_matches_golden(example: Path, update_golden: bool):
    files = skeleton(example)
    folder = GOLDEN / example.stem
    if update_golden:
        shutil.rmtree(folder, ignore_errors=True)
        for path, data in files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        return
    assert folder.is_dir(), f"no golden files for {example.name}: run pytest --update-golden and read the diff"
    stored = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert sorted(files) == sorted(stored), "generated file list differs from the golden one"
    for path, data in files.items():
        assert data.decode() == stored[path].decode(), f"{path} differs from golden (pytest --update-golden to accept)"


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_same_answers_same_bytes(example: Path):
    assert skeleton(example) == skeleton(example, Path("elsewhere"))

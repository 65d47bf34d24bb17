"""The README's examples table is what the examples really yield, and its quick start is in step with CI.

The table is generated from real decisions. When a rule change alters it, the test fails and prints
the new table; `python -m pytest tests/core/test_readme.py --update-golden` writes it.
"""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE_FILES, ROOT

from advisor.answers import load_answers
from advisor.engine import decide

README = ROOT / "README.md"
START, END = "<!-- examples-table:start -->", "<!-- examples-table:end -->"


def _situation(path: Path) -> str:
    """The example's first comment line, which says what situation it describes."""
    first = path.read_text().splitlines()[0]
    return first.removeprefix("#").strip() if first.startswith("#") else ""


def examples_table() -> str:
    rows = [
        "| Example | Situation | Runtime | Manifests | Postgres | Object storage | Rancher | Secrets | Logs | Metrics "
        "| Tracing | Scenarios |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path in EXAMPLE_FILES:
        d = decide(load_answers(path))
        store = "" if d["secret_store"] == "none" else f" ({d['secret_store']})"
        cells = [
            f"[{path.name}](examples/{path.name})",
            _situation(path),
            d["runtime"],
            d["manifests"],
            d["postgres"],
            d["object_storage"],
            d["rancher"],
            d["secrets"] + store,
            d["logs"],
            d["metrics"],
            d["tracing"],
            ", ".join(d.scenarios) or "none",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def test_readme_examples_table_matches_real_runs(update_golden: bool) -> None:
    text = README.read_text()
    assert START in text and END in text, "README.md lost its examples table markers"
    before, rest = text.split(START, 1)
    current, after = rest.split(END, 1)
    expected = "\n" + examples_table()
    if current != expected and update_golden:
        README.write_text(before + START + expected + END + after)
        return
    assert current == expected, (
        "README.md's examples table is stale; run `python -m pytest tests/core/test_readme.py --update-golden`"
        f" or paste:\n{expected}"
    )


def test_readme_quick_start_matches_ci() -> None:
    text = README.read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pytest -q" in text
    assert "python -m pytest -q" in ci
    assert "pip install -e '.[test]'" in text and "pip install --quiet -e '.[test]'" in ci
    assert "advisor decide --answers examples/scenario-a.yaml" in text

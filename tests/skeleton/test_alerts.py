"""The alerts of every Kubernetes skeleton, tested the way Prometheus users test them, and against real metric names.

- `promtool check rules` and `promtool test rules` pass on every generated rules file, for every example and for
  answers from the property tests' generator; each alert has a case where it fires and one where it stays quiet;
  a threshold moved in the rules makes its tests fail.
- Every metric an expression reads is in the exporters' pinned lists (tests/skeleton/metrics/, copied from
  ../shared/metrics) or recorded by a rule of the same file; the backup times come from the barman-cloud plugin.
- Every `runbook_url` names a heading of RUNBOOK.md; each PrometheusRule holds exactly its environment's file.

promtool comes from Debian's `prometheus` package, which .ci/run installs. Without it these tests skip, saying so,
except where ADVISOR_REQUIRE_PROMTOOL=1 (.ci/run sets it): there a missing promtool fails them, so CI can never
pass with its alert tests skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from advisor.answers import Answers, load_answers
from advisor.content import force
from advisor.decision import Decision
from advisor.pipeline import evaluate
from advisor.skeleton import SkeletonContext, alerts, build_skeleton
from tests.conftest import EXAMPLE_FILES
from tests.hardening.strategies import ANSWERS
from tests.skeleton.promql_names import known_names, metric_names

PROMTOOL = shutil.which("promtool")
REQUIRED = os.environ.get("ADVISOR_REQUIRE_PROMTOOL") == "1"
MISSING = "promtool is not installed (Debian's prometheus package provides it; .ci/run installs it)"
needs_promtool = pytest.mark.skipif(PROMTOOL is None and not REQUIRED, reason=MISSING)


def _require(promtool: str | None) -> str:
    if promtool is None:
        pytest.fail(f"{MISSING}, and ADVISOR_REQUIRE_PROMTOOL=1 says the alert tests must run here", pytrace=False)
    return promtool


def _decision(answers: Answers) -> Decision:
    decision, _, _ = evaluate(answers)
    return decision


def _skeleton(decision: Decision, out: Path) -> dict[str, bytes]:
    files = {f.path: force(f.data) for f in build_skeleton(decision, SkeletonContext(out, "ADR-0007", "adr.md"))}
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return files


KUBERNETES = [p for p in EXAMPLE_FILES if _decision(load_answers(p)).choices["runtime"] == "kubernetes"]


def _promtool(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_require(PROMTOOL), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=900)


def _check_and_test(out: Path, files: dict[str, bytes]) -> None:
    rules = sorted(p for p in files if p.startswith("monitoring/") and p.endswith("-rules.yaml"))
    tests = sorted(p for p in files if p.startswith("monitoring/") and p.endswith(".test.yaml"))
    assert rules and tests
    checked = _promtool("check", "rules", *rules, cwd=out)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = _promtool("test", "rules", *tests, cwd=out)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    _assert_every_alert_fires_and_stays_quiet(files, rules, tests)


def _assert_every_alert_fires_and_stays_quiet(files: dict[str, bytes], rules: list[str], tests: list[str]) -> None:
    for rules_path in rules:
        env_tests = [p for p in tests if Path(p).name.startswith(Path(rules_path).name.removesuffix(".yaml"))]
        names = {r["alert"] for g in yaml.safe_load(files[rules_path])["groups"] for r in g["rules"] if "alert" in r}
        fires, quiet = set(), set()
        for path in env_tests:
            for case in yaml.safe_load(files[path])["tests"]:
                for check in case["alert_rule_test"]:
                    (fires if check["exp_alerts"] else quiet).add(check["alertname"])
        assert names and names == fires == quiet, (rules_path, names, fires, quiet)


@needs_promtool
@pytest.mark.parametrize("path", KUBERNETES, ids=lambda p: p.stem)
def test_promtool_checks_and_tests_every_rules_file_of_the_examples(path: Path, tmp_path: Path) -> None:
    decision = _decision(load_answers(path))
    _check_and_test(tmp_path, _skeleton(decision, tmp_path))


@needs_promtool
@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(ANSWERS)
def test_promtool_checks_and_tests_the_rules_of_generated_answers(answers: Answers) -> None:
    import tempfile

    decision = _decision(answers)
    if decision.choices["runtime"] != "kubernetes":
        return
    with tempfile.TemporaryDirectory() as tmp:
        _check_and_test(Path(tmp), _skeleton(decision, Path(tmp)))


@needs_promtool
def test_a_moved_threshold_fails_the_rules_tests(tmp_path: Path) -> None:
    """The tests pin the thresholds: an RPO-based threshold made 100 times larger breaks the firing case."""
    decision = _decision(load_answers(next(p for p in KUBERNETES if p.stem == "scenario-b")))
    files = _skeleton(decision, tmp_path)
    rules = tmp_path / "monitoring/prod-rules.yaml"
    lag = decision.answers.data.rpo_minutes * 60
    text = rules.read_text()
    assert f"> {lag} and on" in text
    rules.write_text(text.replace(f"> {lag} and on", f"> {lag * 100} and on"))
    tested = _promtool("test", "rules", "monitoring/prod-rules.test.yaml", cwd=tmp_path)
    assert tested.returncode != 0 and "WalArchivingLagging" in tested.stdout + tested.stderr
    assert files


@pytest.mark.parametrize(("required", "outcome"), [("1", "1 failed"), ("", "1 skipped")])
def test_a_missing_promtool_fails_where_it_is_required_and_skips_elsewhere(tmp_path, required, outcome) -> None:
    """With no promtool on PATH, CI (ADVISOR_REQUIRE_PROMTOOL=1) fails the alert tests instead of skipping them."""
    from tests.conftest import ROOT

    env = {**os.environ, "PATH": str(tmp_path), "ADVISOR_REQUIRE_PROMTOOL": required}
    test = f"{Path(__file__).relative_to(ROOT)}::test_a_moved_threshold_fails_the_rules_tests"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert outcome in run.stdout, run.stdout + run.stderr
    assert "promtool is not installed" in run.stdout


def _all_groups() -> list[tuple[str, dict]]:
    out = []
    for path in KUBERNETES:
        decision = _decision(load_answers(path))
        out += [(f"{path.stem}/{g.name}", g.rules()) for g in alerts.groups(decision)]
    return out


@pytest.mark.parametrize(("name", "group"), _all_groups(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_metric_an_expression_reads_is_exported_or_recorded(name: str, group: dict) -> None:
    known = known_names()
    recorded = {rule["record"] for rule in group["rules"] if "record" in rule}
    read = {metric for rule in group["rules"] for metric in metric_names(rule["expr"])}
    assert read, name
    assert read - recorded - set(known) == set(), name
    # with the barman-cloud plugin, backup times are the plugin's; the in-tree collector's stay at zero
    assert not {m for m in read if m.startswith("cnpg_collector_") and "backup" in m}, name
    for rule in group["rules"]:
        minio = [m for m in metric_names(rule["expr"]) if m.startswith("minio_")]
        # MinIO's v3 API omits zero-valued series: compare with > 0, never look for a zero
        assert not minio or ("== 0" not in rule["expr"] and "absent" not in rule["expr"]), rule["expr"]


def test_the_tokenizer_finds_names_and_nothing_else() -> None:
    expr = (
        'sum by (job) (rate(foo_total{a="b{c}", d=~"x|y"}[5m] offset 1h)) / on (x) group_left (y) bar:ratio:sum '
        '> 0.5e3 and absent_over_time(baz{l="and"}[90d]) or time() - max without (i) (qux) unless vector(1)'
    )
    assert metric_names(expr) == {"foo_total", "bar:ratio:sum", "baz", "qux"}


@pytest.mark.parametrize("path", KUBERNETES, ids=lambda p: p.stem)
def test_runbook_urls_name_runbook_headings_and_prometheus_rules_match_the_files(path: Path, tmp_path: Path) -> None:
    decision = _decision(load_answers(path))
    files = _skeleton(decision, tmp_path)
    headings = {
        line[4:].strip().lower() for line in files["RUNBOOK.md"].decode().splitlines() if line.startswith("### ")
    }
    for env in decision.answers.environments:
        plain = yaml.safe_load(files[alerts.rules_file(env)])
        for rule in (r for g in plain["groups"] for r in g["rules"] if "alert" in r):
            page, _, anchor = rule["annotations"]["runbook_url"].partition("#")
            assert page == "RUNBOOK.md" and anchor in headings, rule["alert"]
            assert rule["labels"]["severity"] in ("critical", "warning") and rule["annotations"]["summary"]
        from advisor.skeleton.model import Target

        wrapped = alerts.prometheus_rule(Target(decision, "ADR-0007", env))
        assert wrapped["spec"] == plain
        assert wrapped["metadata"]["namespace"] == f"{decision.answers.project.name}-{env}"


@pytest.mark.parametrize("path", KUBERNETES, ids=lambda p: p.stem)
def test_every_render_wraps_its_environments_rules_file_in_its_prometheus_rule(path: Path, tmp_path: Path) -> None:
    """Kustomize overlays and the chart with each values file: one PrometheusRule holding the env's file, no other."""
    from tests.skeleton.kustomize_support import KUBECTL
    from tests.skeleton.renders import example_renders

    if KUBECTL is None:
        pytest.skip("kubectl is not installed: overlays not built")
    renders = example_renders(path, tmp_path)
    operator = renders.decision.choices["metrics"] in ("in-cluster", "rancher-monitoring")
    seen = 0
    for name, objects in renders.objects.items():
        env = name.rsplit("-", 1)[-1] if name.startswith(("overlays-", "kustomize/overlays-", "helm-")) else None
        if env not in renders.decision.answers.environments:
            continue
        wrapped = [o for o in objects if o["kind"] == "PrometheusRule"]
        assert len(wrapped) == (1 if operator else 0), name
        for rule in wrapped:
            assert rule["spec"] == yaml.safe_load(renders.files[alerts.rules_file(env)]), name
            seen += 1
    assert seen or not operator

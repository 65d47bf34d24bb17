"""The app's alerts (SPEC-0006 5: probes, rollouts, restarts), from kube-state-metrics and Prometheus's own `up`.

Every environment has them. Severity is `critical` in production, where a person should be woken, else `warning`.
"""

from __future__ import annotations

from advisor import observability_plan as plan
from advisor.skeleton.alert_model import Alert, sel, series
from advisor.skeleton.model import Target


def alerts(t: Target) -> list[Alert]:
    ns, app = t.namespace or "", t.app
    page = "critical" if t.prod else "warning"
    dep = {"namespace": ns, "deployment": app}
    available, wanted = "kube_deployment_status_replicas_available", "kube_deployment_spec_replicas"
    progressing = {**dep, "condition": "Progressing", "status": "false"}
    waiting = {"namespace": ns, "pod": f"{app}-7d9f8b6c5d-x2x9q", "container": "app", "reason": "CrashLoopBackOff"}
    target = {"namespace": ns, "job": app, "instance": "10.0.0.7:9090"}
    ready, stuck = plan.APP_NOT_READY_MINUTES, plan.ROLLOUT_STUCK_MINUTES
    return [
        Alert(
            "AppNotReady",
            f"{sel(available, **dep)} < {sel(wanted, **dep)}",
            f"{ready}m",
            page,
            f"Fewer replicas of {app} are available in {ns} than it asks for: requests fail or queue",
            [(series(available, **dep), "1x40"), (series(wanted, **dep), "2x40")],
            [(series(available, **dep), "2x40"), (series(wanted, **dep), "2x40")],
            f"{ready + 5}m",
            dep,
            threshold=f"available < wanted for {ready} min",
        ),
        Alert(
            "AppCrashLooping",
            f"max_over_time({sel('kube_pod_container_status_waiting_reason', namespace=ns, reason='CrashLoopBackOff')}"
            "[5m]) >= 1",
            "15m",
            "warning",
            "Container {{ $labels.container }} of pod {{ $labels.pod }} in " + ns + " restarts over and over",
            [(series("kube_pod_container_status_waiting_reason", **waiting), "1x40")],
            [(series("kube_pod_container_status_waiting_reason", **waiting), "0x40")],
            "20m",
            waiting,
            threshold="waiting in CrashLoopBackOff for 15 min",
        ),
        Alert(
            "AppRolloutStuck",
            f"{sel('kube_deployment_status_condition', **progressing)} == 1",
            f"{stuck}m",
            "warning",
            f"The rollout of {app} in {ns} passed its progress deadline without finishing",
            [(series("kube_deployment_status_condition", **progressing), "1x40")],
            [(series("kube_deployment_status_condition", **progressing), "0x40")],
            f"{stuck + 5}m",
            progressing,
            threshold=f"Progressing=False (the 600 s progress deadline passed) for {stuck} min",
        ),
        Alert(
            "MetricsTargetDown",
            f"{sel('up', namespace=ns)} == 0",
            "10m",
            "warning",
            "Prometheus cannot scrape {{ $labels.instance }} in " + ns + ", so alerts that read it cannot fire",
            [(series("up", **target), "0x40")],
            [(series("up", **target), "1x40")],
            "15m",
            target,
            threshold="a target of the namespace down for 10 min",
        ),
    ]

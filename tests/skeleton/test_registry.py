"""The site's own registry (`delivery.registry`): every image of every render comes from it, and `images.txt` lists
exactly the images the renders pull (with or without a registry)."""

from __future__ import annotations

from typing import Any

import pytest

from advisor.skeleton import images
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import KUBECTL
from tests.skeleton.renders import KUBERNETES_EXAMPLES, example_renders

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built")
AIR_GAPPED = EXAMPLES / "scenario-b-c.yaml"


def pulled_images(value: Any) -> set[str]:
    """Every `image` of a container and every CloudNativePG `imageName`, wherever it sits in an object."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("image", "imageName") and isinstance(item, str):
                found.add(item)
            else:
                found |= pulled_images(item)
    elif isinstance(value, list):
        for item in value:
            found |= pulled_images(item)
    return found


def listed_images(text: str) -> set[str]:
    return {line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#")}


def test_the_air_gapped_example_names_a_registry() -> None:
    renders = example_renders(AIR_GAPPED, _tmp("airgapped"))
    assert renders.decision.answers.regulation.air_gapped
    assert renders.decision.answers.delivery.registry == "registry.agency.internal/mirror"


def test_no_render_of_the_air_gapped_example_pulls_from_outside_its_registry(tmp_path) -> None:
    renders = example_renders(AIR_GAPPED, tmp_path)
    registry = renders.decision.answers.delivery.registry
    outside = {
        f"{name}: {obj['kind']}/{obj['metadata']['name']}: {image}"
        for name, obj in renders.all_objects()
        for image in pulled_images(obj)
        if not image.startswith(f"{registry}/")
    }
    assert outside == set()
    kinds = {obj["kind"] for _, obj in renders.all_objects() if pulled_images(obj)}
    assert {"Deployment", "StatefulSet", "Job", "Cluster", "Pod"} <= kinds  # app, MinIO, Jobs, CNPG, helm test


@pytest.mark.parametrize("example", KUBERNETES_EXAMPLES, ids=lambda p: p.stem)
def test_images_txt_lists_exactly_what_the_renders_pull(example, tmp_path) -> None:
    renders = example_renders(example, tmp_path)
    used = {image for _, obj in renders.all_objects() for image in pulled_images(obj)}
    assert used
    assert listed_images(renders.files["images.txt"].decode()) == used


@pytest.mark.parametrize(
    ("repository", "mirrored"),
    [
        ("ghcr.io/cloudnative-pg/postgresql", "mirror.site:5000/x/cloudnative-pg/postgresql"),
        ("curlimages/curl", "mirror.site:5000/x/curlimages/curl"),
        ("busybox", "mirror.site:5000/x/library/busybox"),
        ("localhost/team/app", "mirror.site:5000/x/team/app"),
    ],
)
def test_mirrored_names_follow_dockers_registry_rule(repository: str, mirrored: str) -> None:
    assert images.mirrored_repository("mirror.site:5000/x", repository) == mirrored


def _tmp(name: str):
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix=name))

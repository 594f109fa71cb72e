"""What an operator relies on in the deployment files: the Dockerfile, the Kubernetes example, and the nginx
configuration ``python3 dev.py serve`` writes (checked by nginx itself). Docker cannot run here; the image's
build is not tested, only what it is told to do."""

from __future__ import annotations

import json
import re
import subprocess

import yaml

from tests.browser.server import require_nginx
from tests.conftest import ROOT
from ui.proxy import AFFINITY_COOKIE, nginx_config, upload_limit_mb

DOCKERFILE = ROOT / "Dockerfile"
KUBERNETES = ROOT / "deploy" / "kubernetes.yaml"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _args(name: str) -> list[str]:
    return [rest for word, rest in _instructions() if word == name]


def test_the_image_is_python_3_11_slim_with_debian_nginx():
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", _args("FROM")[0])
    assert any("apt-get install" in run and re.search(r"\bnginx\b", run) for run in _args("RUN"))


def test_the_image_runs_as_a_user_without_privileges():
    users = _args("USER")
    assert users
    assert users[-1] not in ("root", "0")
    assert any("useradd" in run and users[-1] in run for run in _args("RUN"))


def test_the_image_serves_workers_behind_the_proxy_on_the_port_it_exposes():
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(_args("ENV"))))
    command = " ".join(json.loads(_args("CMD")[0]))  # the exec form: a JSON array
    assert "python3 dev.py serve --workers ${WORKERS} --port ${PORT}" in command
    assert int(env["WORKERS"]) >= 2
    assert _args("EXPOSE") == [env["PORT"]]
    assert "/_stcore/health" in _args("HEALTHCHECK")[0]


def test_the_image_compiles_the_apps_code_once_after_copying_it():
    """The app's user cannot write beside the code: without bytecode made at build time, every worker's start
    would compile the app afresh (dev.py compile_sources does the same on a developer's machine)."""
    from dev import SOURCES

    steps = _instructions()
    copied = steps.index(("COPY", ". ."))
    compiled = [i for i, (word, rest) in enumerate(steps) if word == "RUN" and "compileall" in rest]
    assert compiled
    assert compiled[0] > copied
    assert steps[compiled[0]][1].split()[-len(SOURCES) :] == list(SOURCES)
    assert all((ROOT / source).exists() for source in SOURCES)


def test_the_image_leaves_out_the_local_environment():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for folder in (".venv", ".git", "bench/results", "tests/artifacts"):
        assert folder in ignored


def _documents() -> dict[str, dict]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(KUBERNETES.read_text(encoding="utf-8")) if doc}


def test_the_kubernetes_example_checks_health_and_runs_without_privileges():
    pod = _documents()["Deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    port = {p["name"]: p["containerPort"] for p in container["ports"]}["http"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert int(env["PORT"]) == port
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert pod["securityContext"]["runAsNonRoot"] is True


def test_the_kubernetes_example_keeps_each_browser_on_one_pod_with_long_lived_websockets():
    annotations = _documents()["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600


def test_nginx_accepts_the_configuration_serve_writes(tmp_path):
    nginx = require_nginx("the configuration is not checked by nginx")
    config = tmp_path / "nginx.conf"
    config.write_text(
        nginx_config(listen="127.0.0.1", port=18501, workers=[18502, 18503], folder=tmp_path, upload_mb=5),
        encoding="utf-8",
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", "stderr", "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert AFFINITY_COOKIE in config.read_text(encoding="utf-8")


def test_the_proxy_lets_through_what_streamlit_accepts():
    """nginx's body limit sits above Streamlit's own, so a too-large file gets Streamlit's message."""
    config = nginx_config(listen="0.0.0.0", port=1, workers=[2], folder=ROOT, upload_mb=upload_limit_mb())
    limit = int(re.search(r"client_max_body_size (\d+)m;", config).group(1))
    assert limit > upload_limit_mb()

"""A Redis or Neo4j that cannot be reached is named by its URL, without its password, and
soon: by `osmosi ingest`, by `osmosi serve` and by the API's jobs (issue 17, defect 8).

The services are "down" on a port just bound and closed, so connections are refused; the
timeouts that bound how long a silent service takes are asserted as configured."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from osmosi.runtime import broker, celery_app
from osmosi.settings import Settings
from tests.helpers import ROOT
from tests.helpers.serving import OSMOSI, clean_env, free_port, serving

PASSWORD = "s3cret-pass"
"""A made-up password that must never be printed."""


def _down_redis() -> tuple[str, str]:
    """A Redis URL with a password on a closed port, and the same URL as it may be shown."""
    port = free_port()
    return f"redis://:{PASSWORD}@127.0.0.1:{port}/0", f"redis://127.0.0.1:{port}/0"


@pytest.mark.timeout(60)
def test_ingest_names_an_unreachable_redis_and_fails(tmp_path: Path) -> None:
    url, shown = _down_redis()
    result = subprocess.run(
        [OSMOSI, "ingest", "-f", "jsonl", str(ROOT / "examples" / "statuses.jsonl")],
        env=clean_env(OSMOSI_DATA_DIR=str(tmp_path), OSMOSI_REDIS_URL=url),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"Redis (the job broker) at {shown} cannot be reached" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", [["stats"], ["serve", "--port", "1"]])
def test_commands_name_an_unreachable_neo4j_and_fail(command: list[str]) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = subprocess.run(
        [OSMOSI, *command],
        env=clean_env(OSMOSI_NEO4J_URI=uri, OSMOSI_NEO4J_PASSWORD=PASSWORD),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert f"Neo4j at {uri} is unavailable" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.timeout(90)
def test_serve_warns_of_an_unreachable_redis_and_its_jobs_say_why_they_fail(
    tmp_path: Path,
) -> None:
    url, shown = _down_redis()
    port = free_port()
    env = clean_env(
        OSMOSI_DATA_DIR=str(tmp_path), OSMOSI_REDIS_URL=url, OSMOSI_ENVIRONMENT="production"
    )
    with serving(["--port", str(port)], tmp_path, env) as server:
        deadline = time.monotonic() + 60
        warning = server.wait_for("Warning: ", deadline)
        assert f"Redis (the job broker) at {shown} cannot be reached" in warning
        key = server.wait_for("admin key:", deadline)
        base = f"http://127.0.0.1:{port}"
        auth = {"Authorization": f"Bearer {key}"}
        while True:
            try:
                ready = httpx.get(f"{base}/readyz", timeout=10)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the API did not answer in time"
                time.sleep(0.1)
        assert ready.status_code == 503
        assert ready.json()["checks"]["broker"] == "unavailable"

        mutation = {"query": "mutation { recomputeRankings { id } }"}
        answer = httpx.post(f"{base}/graphql", json=mutation, headers=auth, timeout=30).json()
        message = answer["errors"][0]["message"]
        assert message.startswith("The rankings cannot be recomputed now: Redis (the job broker)")
        assert shown in message

        push = httpx.post(
            f"{base}/ingest/jsonl",
            content=(ROOT / "examples" / "statuses.jsonl").read_bytes(),
            headers=auth,
            timeout=30,
        )
        assert push.status_code == 503
        assert shown in push.json()["detail"]
    assert PASSWORD not in server.output()


def test_connections_to_the_services_time_out_soon() -> None:
    settings = Settings(redis_url="redis://127.0.0.1:6379/0", connect_timeout_seconds=3)
    conf = celery_app(settings).conf
    assert conf.broker_connection_timeout == 3
    assert conf.broker_transport_options["socket_connect_timeout"] == 3
    assert conf.redis_socket_connect_timeout == 3
    # Celery's default retries the result store 20 times a second apart before it fails.
    assert conf.result_backend_transport_options["retry_policy"]["max_retries"] <= 2
    assert conf.task_publish_retry_policy["max_retries"] <= 2
    redis = broker(settings)
    assert redis is not None
    assert redis._client.connection_pool.connection_kwargs["socket_connect_timeout"] == 3
    assert Settings().connect_timeout_seconds <= 5

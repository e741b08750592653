"""The ``osmosi`` command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingestion.demo import generate_world
from tests.helpers import ROOT
from tests.helpers.serving import OSMOSI, clean_env, free_port, serving


def _posts(port: int, key: str, deadline: float) -> tuple[int, dict]:  # type: ignore[type-arg]
    """The anonymous status and the keyed answer of ``{ stats { posts } }``, as soon as the
    server answers."""
    url = f"http://127.0.0.1:{port}/graphql"
    query = {"query": "{ stats { posts } }"}
    while True:
        try:
            anonymous = httpx.post(url, json=query, timeout=1).status_code
            keyed = httpx.post(url, json=query, headers={"Authorization": f"Bearer {key}"})
            return anonymous, keyed.json()
        except httpx.TransportError:
            assert time.monotonic() < deadline, "no answer in time"
            time.sleep(0.1)


def test_serve_with_no_configuration_loads_the_demo_once_and_answers(tmp_path: Path) -> None:
    port, scale = free_port(), 0.02
    args = ["--port", str(port), "--demo", "--demo-scale", str(scale)]
    with serving(args, cwd=tmp_path, env=clean_env()) as server:
        key = server.wait_for("admin key: ", deadline=time.monotonic() + 120)
        anonymous, body = _posts(port, key, time.monotonic() + 30)
        posts = body["data"]["stats"]["posts"]
        world = generate_world(datetime.now(UTC), scale=scale)
        assert posts == len(world.posts)
        assert anonymous == 401
        assert f"demo data: {posts:,} posts" in server.output()
        url = f"http://127.0.0.1:{port}/graphql"
        assert "graphiql" in httpx.get(url, headers={"Accept": "text/html"}).text.lower()
        assert (tmp_path / "osmosi-data" / "osmosi.db").exists()
    # A second start finds the key, creates none, and answers the same: waited for as long
    # as it takes (a 10-second limit here failed on a loaded machine).
    port = free_port()
    args = ["--port", str(port), "--demo", "--demo-scale", str(scale)]
    with serving(args, cwd=tmp_path, env=clean_env()) as again:
        again.wait_for("Osmosi on ", deadline=time.monotonic() + 120)
        assert _posts(port, key, time.monotonic() + 30)[1] == body
        assert "demo data: already loaded" in again.output()
        assert "admin key" not in again.output()


def test_stats_json_and_data_dir_option(tmp_path: Path) -> None:
    result = subprocess.run(
        [OSMOSI, "stats", "--json", "--data-dir", str(tmp_path / "d")],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == {
        "people": 0,
        "accounts": 0,
        "posts": 0,
        "topics": 0,
        "channels": 0,
        "communities": 0,
    }
    assert (tmp_path / "d" / "osmosi.db").exists()


@pytest.mark.parametrize("command", [[], ["serve"], ["stats"], ["schema"], ["worker"], ["beat"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = subprocess.run(
        [OSMOSI, *command, "--help"], env=clean_env(), capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_version() -> None:
    import osmosi

    result = subprocess.run([OSMOSI, "--version"], env=clean_env(), capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout == f"osmosi {osmosi.__version__}\n"


def test_delivering_alerts_with_no_webhook_configured_does_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        [OSMOSI, "alerts", "deliver", "--json"],
        env=clean_env(OSMOSI_DATA_DIR=str(tmp_path / "d")),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"attempts": 0}


def test_schema_check_detects_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { nothing: Int }\n")
    result = subprocess.run(
        [OSMOSI, "schema", "--check", str(stale)], env=clean_env(), capture_output=True, text=True
    )
    assert result.returncode == 1
    fresh = subprocess.run(
        [OSMOSI, "schema", "--check", str(ROOT / "schema.graphql")],
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert fresh.returncode == 0


def test_worker_explains_that_it_needs_redis() -> None:
    result = subprocess.run([OSMOSI, "worker"], env=clean_env(), capture_output=True, text=True)
    assert result.returncode == 2
    assert "OSMOSI_REDIS_URL" in result.stderr


def test_serve_with_several_worker_processes(tmp_path: Path) -> None:
    port = free_port()
    env = clean_env()
    with serving(["--port", str(port), "--workers", "2"], cwd=tmp_path, env=env) as server:
        key = server.wait_for("admin key: ", deadline=time.monotonic() + 20)
        deadline = time.monotonic() + 30
        answers: list[dict[str, Any]] = []
        while len(answers) < 4:
            try:
                answers.append(
                    httpx.post(
                        f"http://127.0.0.1:{port}/graphql",
                        json={"query": "{ stats { posts } }"},
                        headers={"Authorization": f"Bearer {key}"},
                        timeout=5,
                    ).json()
                )
            except httpx.TransportError:
                assert time.monotonic() < deadline, "no worker answered"
                time.sleep(0.2)
        assert answers == [{"data": {"stats": {"posts": 0}}}] * 4
        assert "2 process(es)" in server.output()


def test_keys_are_created_listed_and_revoked(tmp_path: Path) -> None:
    from graph.embedded import EmbeddedGraphStore
    from graph.model.access import authenticate

    data = str(tmp_path / "d")

    def osmosi(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [OSMOSI, "keys", *args, "--data-dir", data],
            env=clean_env(),
            capture_output=True,
            text=True,
            check=check,
        )

    created = osmosi("create", "--role", "manager", "--name", "marta")
    key = created.stdout.splitlines()[-1]
    assert key.startswith("osk_") and len(key) > 40
    assert key not in created.stderr
    listed = json.loads(osmosi("list", "--json").stdout)
    assert [(k["role"], k["name"], k["revoked_at"]) for k in listed] == [("manager", "marta", None)]
    assert key not in json.dumps(listed)
    store = EmbeddedGraphStore(tmp_path / "d")
    try:
        found = authenticate(store, key)
        assert found is not None and found.role.value == "manager"
        osmosi("revoke", listed[0]["id"])
        assert authenticate(store, key) is None
    finally:
        store.close()
    assert osmosi("revoke", listed[0]["id"], check=False).returncode == 1
    assert osmosi("create", "--role", "owner", check=False).returncode == 2

"""End to end on Neo4j as an operator runs it: ``osmosi ingest``, ``osmosi keys create``
and ``osmosi serve`` as processes, then the person view over HTTP."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from graph.neo4j import Neo4jGraphStore
from tests.helpers.ingest import FIXTURES
from tests.helpers.serving import OSMOSI, clean_env, free_port, serving
from tests.helpers.stores import neo4j_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

VIEW = """{ personByAccount(platform: "mastodon", handle: "giulia@mastodon.social") {
  accounts { handle } posts(first: 5) { totalCount edges { node { id text } } }
  interactsWith { person { accounts { handle } } } } }"""


def test_ingest_keys_and_serve_on_neo4j(neo4j_store: Neo4jGraphStore, tmp_path: Path) -> None:
    env = clean_env(**neo4j_env(), OSMOSI_ENRICH="false")

    errors: list[str] = []

    def osmosi(*args: str) -> str:
        done = subprocess.run(
            [OSMOSI, *args], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
        )
        errors.append(done.stderr)
        return done.stdout

    summary = json.loads(
        osmosi("ingest", str(FIXTURES / "mastodon.jsonl"), "-f", "mastodon", "--json")
    )
    assert summary["stored"] == 3
    # The schema Osmosi finds in place on every start is not news worth a log line each.
    assert "neo4j.notifications" not in errors[-1]
    key = osmosi("keys", "create", "--role", "viewer", "--name", "dashboard").splitlines()[-1]
    assert key.startswith("osk_")

    port = free_port()
    with serving(["--port", str(port)], cwd=tmp_path, env=env) as server:
        server.wait_for("Osmosi on ", deadline=time.monotonic() + 30)
        url = f"http://127.0.0.1:{port}/graphql"
        auth = {"Authorization": f"Bearer {key}"}
        deadline = time.monotonic() + 30
        while True:
            try:
                body = httpx.post(url, json={"query": VIEW}, headers=auth, timeout=10).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "osmosi serve did not answer"
                time.sleep(0.2)
        mutation = httpx.post(
            url, json={"query": "mutation { recomputeRankings { id } }"}, headers=auth, timeout=10
        ).json()
        anonymous = httpx.post(url, json={"query": VIEW}, timeout=10)
        assert "admin key" not in server.output(), "keys existed: no first admin key is made"

    person = body["data"]["personByAccount"]
    assert person["accounts"] == [{"handle": "giulia@mastodon.social"}]
    assert person["posts"]["totalCount"] == 1
    assert person["posts"]["edges"][0]["node"]["id"] == "mastodon:110000000000000001"
    assert {"tom@fosstodon.org", "ana@mastodon.social", "aurora@mastodon.social"} == {
        tie["person"]["accounts"][0]["handle"] for tie in person["interactsWith"]
    }
    assert mutation["errors"][0]["message"] == "this needs a key of the manager role"
    assert anonymous.status_code == 401

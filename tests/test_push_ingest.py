"""Push ingestion over HTTP and the reportConversation mutation, on both backends."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph.model.access import Role
from graph.store.contract import GraphStore
from osmosi.settings import Settings
from server import ingest
from tests.helpers.api import api_client, graphql, wait_for_job
from tests.helpers.ingest import FIXTURES

SETTINGS = Settings(max_ingest_bytes=64 * 1024)
ANONYMOUS = {"Authorization": ""}


def test_push_is_accepted_ingested_and_idempotent(store: GraphStore) -> None:
    body = (FIXTURES / "mastodon.jsonl").read_bytes()

    async def scenario() -> list[dict[str, Any]]:
        async with api_client(store, SETTINGS, Role.MANAGER) as client:
            jobs = []
            for _ in range(2):
                response = await client.post("/ingest/mastodon?source=hook", content=body)
                assert response.status_code == 202
                accepted = response.json()
                assert accepted["status_url"] == f"/ingest/jobs/{accepted['job_id']}"
                jobs.append(await wait_for_job(client, accepted["job_id"]))
            return jobs

    first, second = asyncio.run(scenario())
    assert first["status"] == "done"
    assert (first["read"], first["stored"], first["duplicates"], first["rejected"]) == (8, 3, 1, 4)
    assert (second["read"], second["stored"], second["duplicates"], second["rejected"]) == (
        8,
        0,
        4,
        4,
    )
    assert first["source"] == "hook"
    assert store.counts().posts == 3


def test_push_csv_with_a_column_mapping(embedded_store: GraphStore) -> None:
    body = (FIXTURES / "monitoring.csv").read_bytes()
    query = "map=id=PostId,text=Message,author=User&map=created_at=Date,platform=Network"

    async def scenario() -> dict[str, Any]:
        async with api_client(embedded_store, SETTINGS, Role.MANAGER) as client:
            response = await client.post(f"/ingest/csv?{query}", content=body)
            assert response.status_code == 202
            return await wait_for_job(client, response.json()["job_id"])

    job = asyncio.run(scenario())
    assert (job["read"], job["stored"], job["rejected"]) == (6, 4, 2)


def test_push_requires_a_manager_key_and_bounds_the_body(embedded_store: GraphStore) -> None:
    async def scenario() -> dict[str, int]:
        statuses = {}
        async with api_client(embedded_store, SETTINGS, Role.VIEWER) as client:
            statuses["viewer"] = (await client.post("/ingest/jsonl", content=b"")).status_code
        async with api_client(embedded_store, SETTINGS, Role.MANAGER) as client:
            statuses["missing"] = (
                await client.post("/ingest/jsonl", content=b"", headers=ANONYMOUS)
            ).status_code
            statuses["wrong"] = (
                await client.post(
                    "/ingest/jsonl", content=b"", headers={"Authorization": "Bearer nope"}
                )
            ).status_code
            statuses["unknown format"] = (
                await client.post("/ingest/myspace", content=b"")
            ).status_code
            statuses["bad mapping"] = (
                await client.post("/ingest/csv?map=txt=Message", content=b"")
            ).status_code
            statuses["too big"] = (
                await client.post("/ingest/jsonl", content=b"x" * (65 * 1024))
            ).status_code
            statuses["unknown job"] = (await client.get("/ingest/jobs/nope")).status_code
        return statuses

    assert asyncio.run(scenario()) == {
        "viewer": 403,
        "missing": 401,
        "wrong": 401,
        "unknown format": 404,
        "bad mapping": 422,
        "too big": 413,
        "unknown job": 404,
    }
    assert embedded_store.counts().posts == 0


REPORT = """
mutation Report($input: ReportConversationInput!) {
  reportConversation(input: $input) { created post { id platform text url reportedBy } }
}
"""


def test_an_employee_reports_a_conversation(store: GraphStore) -> None:
    report = {
        "platform": "instagram",
        "text": "Il mio ordine non è mai arrivato 😡",
        "authorHandle": "@Laura_P",
        "reportedBy": "marta (customer care)",
        "url": "https://instagram.example/p/42",
    }

    async def scenario() -> list[dict[str, Any]]:
        async with api_client(store, SETTINGS, Role.MANAGER) as client:
            results = [await graphql(client, REPORT, input=report) for _ in range(2)]
            anonymous = await client.post(
                "/graphql",
                json={"query": REPORT, "variables": {"input": report}},
                headers=ANONYMOUS,
            )
            invalid = await graphql(client, REPORT, input={**report, "text": "x" * 50_000})
        async with api_client(store, SETTINGS, Role.VIEWER) as client:
            viewer = await graphql(client, REPORT, input=report)
        assert anonymous.status_code == 401
        return [*results, viewer, invalid]

    first, second, viewer, invalid = asyncio.run(scenario())
    payload = first["data"]["reportConversation"]
    assert payload["created"] is True
    assert payload["post"]["reportedBy"] == "marta (customer care)"
    assert payload["post"]["platform"] == "instagram"
    assert payload["post"]["id"].startswith("instagram:report-")
    assert second["data"]["reportConversation"]["created"] is False
    assert viewer["data"] is None
    assert viewer["errors"][0]["message"] == "this needs a key of the manager role"
    assert invalid["errors"][0]["message"].startswith("invalid text: String should have at most")
    assert store.counts().posts == 1
    account = store.get_account("instagram", "laura_p")
    assert account is not None


def test_a_push_ingested_in_process_is_followed_by_the_work_after_an_ingest(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[GraphStore] = []
    monkeypatch.setattr(ingest, "after_ingest", lambda pipeline, now: scans.append(pipeline.store))
    body = (FIXTURES / "mastodon.jsonl").read_bytes()

    async def scenario() -> dict[str, Any]:
        async with api_client(embedded_store, SETTINGS, Role.MANAGER) as client:
            response = await client.post("/ingest/mastodon", content=body)
            job = await wait_for_job(client, response.json()["job_id"])
            for _ in range(1500):  # the job reads done just before the scan runs
                if scans:
                    break
                await asyncio.sleep(0.02)
            return job

    assert asyncio.run(scenario())["status"] == "done"
    assert scans == [embedded_store]

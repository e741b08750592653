"""Exports no record can sink (issue 17, defects 3, 5 and 6), on both stores.

A JSON array is read item by item: a truncated one keeps every complete record and
quarantines its tail, bytes and all; a malformed or too-deep item is quarantined alone. A
post repeated within a batch is merged as across batches, so a reply keeps its link.
"""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

from graph.model.access import Role
from graph.model.bookkeeping import IngestCounts
from graph.store.contract import GraphStore
from ingestion.parsers import parser_for
from ingestion.parsers.base import JsonArray, json_documents, json_source
from ingestion.pipeline import Pipeline
from osmosi.settings import Settings
from tests.helpers.api import api_client, wait_for_job
from tests.helpers.mastodon_export import as_array, status, uid

DEEP = b'{"a": ' * 10_000 + b"1" + b"}" * 10_000


def ingest(store: GraphStore, data: bytes, batch_size: int = 1000) -> IngestCounts:
    parser = parser_for("mastodon")
    pipeline = Pipeline(store, batch_size=batch_size)
    return pipeline.ingest_stream(io.BytesIO(data), parser, "export.json")


def test_a_truncated_array_keeps_every_complete_record_and_quarantines_its_tail(
    store: GraphStore,
) -> None:
    # Over 1 MB, so the records past the first MB count too (the quarantine used to keep
    # only the whole file's first MB, as one rejected record).
    padding = "parole " * 700
    statuses = [status(str(n), text=f"{n} {padding}") for n in range(1, 301)]
    whole = as_array(statuses)
    assert len(whole) > 1_200_000
    cut = whole.rindex(b'"content"')  # inside the last status
    counts = ingest(store, whole[:cut], batch_size=100)

    assert counts == IngestCounts(read=300, stored=299, duplicates=0, rejected=1)
    assert store.get_post(uid("299")) is not None
    assert store.get_post(uid("300")) is None
    [entry] = store.quarantined()
    assert entry.reason == "truncated array: the source ends inside item 300"
    tail = whole[whole.rindex(b"{", 0, cut) : cut].decode()
    assert json.loads(entry.payload).strip() == tail.strip()


def test_a_malformed_or_too_deep_item_is_quarantined_alone(store: GraphStore) -> None:
    good = [json.dumps(status(str(n))).encode() for n in (1, 2, 3)]
    export = b"[" + b",\n".join([good[0], b'{"id": "9", oops}', DEEP, good[1], good[2]]) + b"]"
    counts = ingest(store, export)

    assert counts == IngestCounts(read=5, stored=3, duplicates=0, rejected=2)
    reasons = sorted(entry.reason for entry in store.quarantined())
    assert reasons == [
        "malformed JSON: Expecting property name enclosed in double quotes",
        "malformed JSON: nested too deeply",
    ]


def test_text_after_the_array_is_quarantined_not_lost(store: GraphStore) -> None:
    export = as_array([status("1")]) + b'\n{"id": "2"}\n'
    counts = ingest(store, export)
    assert (counts.stored, counts.rejected) == (1, 1)
    [entry] = store.quarantined()
    assert entry.reason == "text after the array"
    assert json.loads(entry.payload).strip() == '{"id": "2"}'


def test_an_array_is_read_as_it_streams() -> None:
    # Ten MB of statuses: the first record is read long before the rest is.
    stream = io.BytesIO(as_array([status(str(n), text="x" * 10_000) for n in range(1, 1001)]))
    source = json_source(stream)
    assert isinstance(source, JsonArray)
    first = next(json_documents(source))
    assert first.position == "item 1"
    assert stream.tell() <= 2 * 1024 * 1024


def test_a_pushed_array_with_a_record_nested_too_deep_stores_the_rest(
    embedded_store: GraphStore,
) -> None:
    body = b"[" + b",".join([json.dumps(status("1")).encode(), DEEP, b"{}"]) + b"]"

    async def scenario() -> dict[str, Any]:
        settings = Settings(max_ingest_bytes=256 * 1024)
        async with api_client(embedded_store, settings, Role.MANAGER) as client:
            response = await client.post("/ingest/mastodon?source=hook", content=body)
            assert response.status_code == 202
            return await wait_for_job(client, response.json()["job_id"])

    job = asyncio.run(scenario())
    assert job["status"] == "done"
    assert (job["read"], job["stored"], job["duplicates"], job["rejected"]) == (3, 1, 0, 2)


def test_a_reply_and_a_copy_without_its_parent_in_one_batch_stay_a_reply(
    store: GraphStore,
) -> None:
    # Export tools and embedded reblogs give copies of a status without in_reply_to_id.
    reply = status("2", handle="marco", text="grazie", reply_to="1")
    copy = {**reply, "in_reply_to_id": None, "favourites_count": 3}
    counts = ingest(store, as_array([status("1"), reply, copy]))

    assert counts == IngestCounts(read=3, stored=2, duplicates=1, rejected=0)
    stored = store.get_post(uid("2"))
    assert stored is not None
    assert stored.reply_to_uid == uid("1")
    assert stored.metrics["likes"] == 3
    thread = store.thread(uid("1"))
    assert thread is not None
    assert [post.uid for post in thread.posts] == [uid("1"), uid("2")]


def test_records_no_store_could_write_are_quarantined(store: GraphStore) -> None:
    # Each crashed the ingest: a handle with a NUL (on its second import: SQLite cut the key
    # short and the two no longer matched), half a surrogate pair, a 5,000-digit number.
    export = b"\n".join(
        [
            json.dumps(status("1")).encode(),
            json.dumps(status("2", handle="giu\x00lia")).encode(),
            json.dumps(status("3", text="\ud800")).encode(),
            b'{"id": ' + b"7" * 5_000 + b"}",
        ]
    )
    first, second = ingest(store, export), ingest(store, export)

    assert first == IngestCounts(read=4, stored=1, duplicates=0, rejected=3)
    assert second == IngestCounts(read=4, stored=0, duplicates=1, rejected=3)
    assert sorted(entry.reason for entry in store.quarantined()) == [
        "invalid author.handle: Value error, contains a NUL character",
        "malformed JSON: a number too long",
        "not UTF-8: half a surrogate pair",
    ]

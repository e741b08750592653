"""No record can sink the ingest (issue 17): generated hostile records, over ten thousand
per format, never stop it, and its counts always add up.

Hypothesis draws each record's kind (valid, random bytes, bytes that are not UTF-8, nested
thousands deep, a huge field, a field of the wrong type, a field missing, cut short, a
repeat) with a seed that shapes it, and how the file holds them (JSON lines, a JSON array,
an array cut short). Each example ingests a file of `RECORDS` records into an embedded store.
Derandomized, with no example database: every run feeds the same records.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedGraphStore
from ingestion.crm import CrmImport, crm_format
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline

RECORDS = 100
EXAMPLES = 100  # RECORDS * EXAMPLES records per format
KINDS = (
    "valid",
    "repeat",
    "random bytes",
    "not UTF-8",
    "deep",
    "huge field",
    "wrong type",
    "missing field",
    "cut short",
    "not an object",
)
HOSTILE_VALUES: tuple[Any, ...] = (
    None,
    True,
    -1,
    10**30,
    1e308,
    "",
    "x" * 50_000,
    [],
    {},
    [[["x"]]],
    {"$": {"$": None}},
    "\u0000\ud7ff\ufffd",
)


def canonical(rng: random.Random, key: int) -> dict[str, Any]:
    return {
        "platform": "forum",
        "id": f"f-{key}",
        "author": {"handle": f"user{key % 7}"},
        "text": f"post {key} #tema{key % 3}",
        "created_at": f"2026-10-0{1 + key % 9}T08:00:00+00:00",
        "reply_to": f"f-{rng.randrange(key)}" if key and rng.random() < 0.5 else None,
    }


def mastodon(rng: random.Random, key: int) -> dict[str, Any]:
    status = {
        "id": str(key),
        "created_at": "2026-10-01T09:00:00Z",
        "in_reply_to_id": str(rng.randrange(key)) if key and rng.random() < 0.5 else None,
        "content": f"<p>post {key}</p>",
        "account": {"acct": f"user{key % 7}", "url": "https://mastodon.social/@u"},
        "mentions": [{"acct": "ada@example.org"}],
        "tags": [{"name": "tema"}],
    }
    if rng.random() < 0.2:
        return {**status, "id": str(key + 10_000), "reblog": {**status}}
    return status


def reddit(rng: random.Random, key: int) -> dict[str, Any]:
    thing: dict[str, Any] = {"id": f"k{key}", "author": f"user{key % 7}", "subreddit": "caffe"}
    thing["created_utc"] = 1_790_000_000 + key
    if rng.random() < 0.5:
        return {**thing, "title": f"post {key}", "selftext": "testo"}
    return {**thing, "body": f"reply {key}", "parent_id": f"t3_k{rng.randrange(key + 1)}"}


def x_v2(rng: random.Random, key: int) -> dict[str, Any]:
    tweet: dict[str, Any] = {"id": str(key), "text": f"tweet {key}", "author_id": str(key % 7)}
    tweet["created_at"] = "2026-10-01T09:00:00.000Z"
    if key and rng.random() < 0.5:
        tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(rng.randrange(key))}]
    return {"data": [tweet], "includes": {"users": [{"id": str(key % 7), "username": "u"}]}}


def youtube(rng: random.Random, key: int) -> dict[str, Any]:
    comment: dict[str, Any] = {
        "id": f"c{key}",
        "snippet": {
            "textOriginal": f"comment {key}",
            "authorDisplayName": f"@user{key % 7}",
            "publishedAt": "2026-10-03T12:00:00Z",
        },
    }
    thread: dict[str, Any] = {
        "snippet": {"videoId": "v1", "channelId": "UC1", "topLevelComment": comment}
    }
    if rng.random() < 0.5:
        reply = {"id": f"c{key}.r", "snippet": {**comment["snippet"], "parentId": f"c{key}"}}
        thread["replies"] = {"comments": [reply]}
    return {"items": [thread]}


def crm(rng: random.Random, key: int) -> dict[str, Any]:
    return {
        "customer_id": f"C{key}",
        "email": f"c{key}@example.org",
        "lifetime_value": rng.randrange(1000),
        "handles": {"mastodon": f"user{key % 7}@mastodon.social"},
    }


TEMPLATES: dict[str, Callable[[random.Random, int], dict[str, Any]]] = {
    "jsonl": canonical,
    "mastodon": mastodon,
    "reddit": reddit,
    "x-v2": x_v2,
    "youtube": youtube,
    "crm-jsonl": crm,
}


def hostile_json(
    template: Callable[[random.Random, int], dict[str, Any]],
    kind: str,
    seed: int,
    noise: bytes,
    earlier: list[bytes],
) -> bytes:
    """One record of ``kind`` as JSON text (or as whatever bytes it is)."""
    rng = random.Random(seed)
    record = template(rng, seed % 500)
    if kind == "repeat" and earlier:
        return rng.choice(earlier)
    if kind == "random bytes":
        return noise
    if kind in ("wrong type", "missing field", "huge field"):
        node = record
        while True:  # down to a random field, maybe of a nested object
            key = rng.choice(sorted(node))
            if not isinstance(node[key], dict) or rng.random() < 0.4:
                break
            node = node[key]
        if kind == "missing field":
            del node[key]
        elif kind == "huge field":  # over a post's 40,000 characters; rarely over 1 MB
            node[key] = "x" * (1_100_000 if seed % 20 == 0 else 40_001)
        else:
            node[key] = rng.choice(HOSTILE_VALUES)
    if kind == "not an object":
        record = rng.choice(HOSTILE_VALUES[1:10])
    text = json.dumps(record, ensure_ascii=False).encode()
    if kind == "not UTF-8":
        at = rng.randrange(len(text))
        return text[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80")) + text[at:]
    if kind == "deep":
        if rng.random() < 0.5:
            depth = rng.choice((101, 999, 1_100))
            return b'{"a": [' * depth + text + b"]}" * depth
        depth = rng.choice((101, 5_000, 100_000))
        return b"[" * depth + text + b"]" * rng.choice((depth, depth - 1))
    if kind == "cut short":
        return text[: rng.randrange(1, len(text))]
    if kind == "valid":
        earlier.append(text)
    return text


def hostile_row(kind: str, seed: int, noise: bytes) -> list[str]:
    """One CSV row of ``kind``: id, text, author, created_at, likes."""
    rng = random.Random(seed)
    row = [f"p{seed % 500}", f"testo {seed} #tema", f"user{seed % 7}", "2026-10-01", "3"]
    cell = rng.randrange(len(row))
    if kind == "random bytes" or kind == "not UTF-8":
        row[cell] = noise.decode("latin-1") + "\x00\ud800"[: rng.randrange(3)]
    elif kind in ("wrong type", "deep"):
        row[cell] = rng.choice(("", "abc", "-1e999", '"', "[" * 5_000, "\r\n"))
    elif kind == "huge field":
        row[cell] = "x" * (1_100_000 if seed % 20 == 0 else 40_001)
    elif kind in ("missing field", "cut short"):
        row = row[: rng.randrange(len(row))]
    elif kind == "not an object":
        row = [*row, "extra", "cells"]
    return row


def hostile_entry(kind: str, seed: int, noise: bytes, ill_formed: bool) -> str:
    """One RSS item of ``kind``; its noise is escaped unless the feed is ``ill_formed``
    (which sends feedparser to its loose parser, ten times slower)."""
    rng = random.Random(seed)
    parts = {
        "title": f"post {seed}",
        "link": f"https://blog.example/{seed % 500}",
        "pubDate": "Tue, 01 Oct 2026 09:00:00 GMT",
        "description": "testo #tema",
    }
    key = rng.choice(sorted(parts))
    if kind in ("random bytes", "not UTF-8"):
        text = noise.decode("latin-1")
        parts[key] = text if ill_formed else escape("".join(c for c in text if c >= " "))
    elif kind in ("missing field", "wrong type"):
        del parts[key]
    elif kind == "huge field":
        parts[key] = "x" * 41_000
    elif kind == "deep":
        parts[key] = "<b>" * 50 + "x" + "</b>" * 50
    body = "".join(f"<{name}>{value}</{name}>" for name, value in parts.items())
    if kind == "cut short":
        body = body[: rng.randrange(1, len(body))]
    return f"<item>{body}</item>"


def export(fmt: str, records: list[tuple[str, int, bytes]], layout: str, cut: int) -> bytes:
    """A file of ``records`` in ``fmt``: JSON lines, an array (cut short, maybe)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "text", "author", "created_at", "likes"])
        writer.writerows(hostile_row(*record) for record in records)
        return out.getvalue().encode("utf-8", "surrogatepass")
    if fmt == "rss":
        ill_formed = cut % 5 == 0
        entries = "".join(hostile_entry(*record, ill_formed) for record in records)
        head = "<rss version='2.0'><channel><title>Blog</title><link>https://blog.example/</link>"
        feed = (head + entries + "</channel></rss>").encode("utf-8", "surrogatepass")
        return feed[: len(feed) - cut % 50] if layout == "array cut short" else feed
    earlier: list[bytes] = []
    template = TEMPLATES[fmt]
    texts = [hostile_json(template, kind, seed, noise, earlier) for kind, seed, noise in records]
    if layout == "lines":
        return b"\n".join(text.replace(b"\n", b" ") for text in texts)
    array = b"[" + b",\n".join(texts) + b"]"
    return array[: len(array) - cut % len(array)] if layout == "array cut short" else array


FORMATS = ("jsonl", "mastodon", "reddit", "x-v2", "youtube", "rss", "csv", "crm-jsonl")
kinds = st.lists(st.sampled_from(KINDS), min_size=RECORDS, max_size=RECORDS)


def hostile_records(kinds: list[str], seed: int, noise: bytes) -> list[tuple[str, int, bytes]]:
    """(kind, seed, noise) of each record: one draw of kinds, seed and noise for all of
    them (a draw per record would make Hypothesis, not the ingest, the cost of the test)."""
    return [
        (kind, seed + index, noise[index % 64 : index % 64 + index % 41])
        for index, kind in enumerate(kinds)
    ]


def store_dir(tmp_path: Path) -> Path:
    """Memory-backed where the system has it: the store syncs every batch to disk."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path / "data"


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_records_never_sink_the_ingest_and_counts_add_up(fmt: str, tmp_path: Path) -> None:
    data_dir = store_dir(tmp_path)
    store = EmbeddedGraphStore(data_dir)
    store.ensure_schema()
    fed = 0

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        kinds=kinds,
        seed=st.integers(0, 2**31),
        noise=st.binary(min_size=104, max_size=104),
        layout=st.sampled_from(("lines", "array", "array cut short")),
        cut=st.integers(1, 10_000),
        batch_size=st.sampled_from((7, 1000)),
    )
    def ingest_export(
        kinds: list[str], seed: int, noise: bytes, layout: str, cut: int, batch_size: int
    ) -> None:
        nonlocal fed
        records = hostile_records(kinds, seed, noise)
        data = export(fmt, records, layout, cut)
        posts_before = store.counts().posts
        if fmt.startswith("crm-"):
            crm_import = CrmImport(store, batch_size=batch_size)
            reader = crm_format(fmt.removeprefix("crm-"))
            counts = crm_import.run(reader.read(io.BytesIO(data)), reader, "fuzz")
        else:
            pipeline = Pipeline(store, batch_size=batch_size)
            parser = parser_for(fmt, None)
            counts = pipeline.ingest_stream(io.BytesIO(data), parser, "fuzz")
            assert store.counts().posts - posts_before == counts.stored
        assert counts.read == counts.stored + counts.duplicates + counts.rejected
        assert counts.read > 0
        fed += len(records)

    try:
        ingest_export()
    finally:
        store.close()
        shutil.rmtree(data_dir, ignore_errors=True)
    assert fed >= RECORDS * EXAMPLES

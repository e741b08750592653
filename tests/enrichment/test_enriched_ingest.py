"""Enrichment in the ingest path, stored on both backends and served on ``Post``."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from graph.embedded import EmbeddedGraphStore
from graph.embedded.base import DATABASE_FILE
from graph.model.nodes import Account, Intent, Post, Sentiment
from graph.store.contract import GraphStore
from osmosi.runtime import pipeline_for
from osmosi.settings import Settings
from tests.helpers.api import api_client, graphql
from tests.helpers.serving import OSMOSI, clean_env


def post(external_id: str, text: str, language: str | None = None) -> Post:
    return Post(
        "mastodon",
        external_id,
        Account("mastodon", "giulia@example.social"),
        text,
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        language=language,
    )


POSTS = [
    post("1", "Miscela ottima ma assistenza clienti pessima #CaffèAurora", "en"),
    post("2", "Where can I buy the decaf? #coffee"),
]


def test_ingest_stores_the_analysis_on_posts(store: GraphStore) -> None:
    pipeline = pipeline_for(Settings(), store)
    result = store.upsert_posts(pipeline.enrich(POSTS))
    assert result.created == 2
    stored = store.get_posts(["mastodon:1", "mastodon:2"])

    italian = stored["mastodon:1"]
    assert italian.language == "it"  # the platform said "en"; the text is surely Italian
    assert italian.sentiment is Sentiment.NEGATIVE
    assert italian.sentiment_score is not None and italian.sentiment_score < 0
    assert italian.intent is Intent.COMPLAINT
    assert {(a.key, a.sentiment) for a in italian.aspects} == {
        ("espresso-blend", Sentiment.POSITIVE),
        ("customer-care", Sentiment.NEGATIVE),
        ("brand", Sentiment.NEGATIVE),  # the hashtag names the brand in the negative clause
    }
    assert "caffeaurora" in italian.topic_keys

    english = stored["mastodon:2"]
    assert (english.language, english.intent) == ("en", Intent.PURCHASE)
    assert [a.key for a in english.aspects] == ["decaf"]

    # Touchpoints and products carry their lexicon names.
    assert store.counts().posts == 2
    again = store.upsert_posts(pipeline.enrich(POSTS))
    assert (again.created, again.existing) == (0, 2)
    assert store.get_posts(["mastodon:1"])["mastodon:1"] == italian


def test_graphql_post_serves_the_analysis_in_one_store_call(
    embedded_store: EmbeddedGraphStore,
) -> None:
    embedded_store.upsert_posts(pipeline_for(Settings(), embedded_store).enrich(POSTS))
    calls = []
    get_posts = embedded_store.get_posts

    def counting(uids):  # type: ignore[no-untyped-def]
        calls.append(list(uids))
        return get_posts(uids)

    embedded_store.get_posts = counting  # type: ignore[method-assign]
    query = """query ($id: ID!) { post(id: $id) {
        language intent topics sentiment { label score }
        aspects { target key label score } } }"""

    async def scenario() -> dict:  # type: ignore[type-arg]
        async with api_client(embedded_store) as client:
            return await graphql(client, query, id="mastodon:1")

    body = asyncio.run(scenario())
    found = body["data"]["post"]
    assert found["language"] == "it"
    assert found["intent"] == "COMPLAINT"
    assert found["sentiment"]["label"] == "NEGATIVE"
    assert sorted((a["target"], a["key"], a["label"]) for a in found["aspects"]) == [
        ("BRAND", "brand", "NEGATIVE"),
        ("PRODUCT", "espresso-blend", "POSITIVE"),
        ("TOUCHPOINT", "customer-care", "NEGATIVE"),
    ]
    assert "caffeaurora" in found["topics"]
    assert calls == [["mastodon:1"]]


def test_a_version_1_embedded_store_is_migrated_in_place(tmp_path: Path) -> None:
    store = EmbeddedGraphStore(tmp_path)
    store.ensure_schema()
    store.upsert_posts([post("old", "scritto prima dell'analisi")])
    store.close()
    with sqlite3.connect(tmp_path / DATABASE_FILE) as con:  # as version 1 left it
        for column in ("sentiment", "sentiment_score", "intent"):
            con.execute(f"ALTER TABLE post DROP COLUMN {column}")
        con.execute("ALTER TABLE community DROP COLUMN profile")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")

    store = EmbeddedGraphStore(tmp_path)
    store.ensure_schema()
    old = store.get_posts(["mastodon:old"])["mastodon:old"]
    assert (old.text, old.sentiment, old.intent) == ("scritto prima dell'analisi", None, None)
    store.upsert_posts(pipeline_for(Settings(), store).enrich([post("old", old.text)]))
    assert store.get_posts(["mastodon:old"])["mastodon:old"].intent is Intent.OTHER
    store.close()


def test_analyze_cli_prints_one_json_object_per_line() -> None:
    lines = [
        "non è male",
        json.dumps({"id": 7, "text": "Where can I buy the decaf?", "lang": "en"}),
        "{not json",
        "",
        json.dumps({"text": 3}),
        "Cafeaua este foarte bună",
    ]
    result = subprocess.run(
        [OSMOSI, "analyze"],
        input="\n".join(lines) + "\n",
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1  # two lines could not be read
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["language"] == "it"
    assert out[0]["sentiment"]["label"] == "positive"
    assert set(out[0]) == {"language", "sentiment", "aspects", "topics", "intent", "brand"}
    assert out[1]["id"] == 7
    assert out[1]["intent"] == "purchase"
    assert list(out[1]["aspects"]) == ["product:decaf"]
    assert out[2]["line"] == 3 and out[2]["error"].startswith("invalid JSON")
    assert out[3] == {"line": 5, "error": "a JSON line needs a string field 'text'"}
    assert out[4]["language"] == "ro"
    assert "2 line(s) could not be analysed" in result.stderr

"""Neo4j through its routing driver (``neo4j://``), as a cluster is reached: reads take read
transactions (a cluster sends them to followers), writes take write ones (retried by the
driver). The contract suite also runs on this store (tests/contract/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import neo4j
import pytest

from graph.neo4j import Neo4jGraphStore
from graph.rankings.service import recompute
from osmosi.settings import Settings
from tests.helpers.ingest import ingest_fixture

pytestmark = pytest.mark.neo4j


def test_every_read_takes_a_read_transaction(
    neo4j_routing_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = neo4j_routing_store
    ingest_fixture(store, "mastodon")
    ingest_fixture(store, "reddit")
    recompute(store, datetime.now(UTC))
    opened: list[str] = []

    def no_write(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a read took a write or auto-commit transaction")

    def begin(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        opened.append(self._config.default_access_mode)
        return real_begin(self, *args, **kwargs)

    def execute_read(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        opened.append(neo4j.READ_ACCESS)
        return real_read(self, *args, **kwargs)

    real_begin, real_read = neo4j.Session.begin_transaction, neo4j.Session.execute_read
    monkeypatch.setattr(neo4j.Session, "execute_write", no_write)
    monkeypatch.setattr(neo4j.Session, "run", no_write)
    monkeypatch.setattr(neo4j.Session, "begin_transaction", begin)
    monkeypatch.setattr(neo4j.Session, "execute_read", execute_read)

    counts = store.counts()
    assert counts.posts > 0 and counts.people > 0
    interactions = list(store.interactions())
    assert interactions
    people = sorted({i.source for i in interactions} | {i.target for i in interactions})
    assert list(store.interactions(person_ids=people[:3]))
    assert store.get_people(people).keys() == set(people)
    assert all(store.accounts_of(people).values())
    [(best, _)] = store.top_people("influence", first=1)
    assert best in store.get_people([best])
    [community, *_] = store.list_communities(first=10)
    assert store.community_members([community.id], first=5)[community.id]
    uids = sorted({i.post_uid for i in interactions})
    assert store.get_posts(uids).keys() == set(uids)
    thread = store.thread(uids[0])
    assert thread is not None and uids[0] in {p.uid for p in thread.posts}
    assert store.people_activity(datetime.now(UTC), timedelta(days=30)) is not None
    assert opened and set(opened) == {neo4j.READ_ACCESS}


@pytest.mark.parametrize(
    "uri",
    ["neo4j://db.example:7687", "neo4j+s://db.example:7687", "neo4j+ssc://db.example:7687"],
)
def test_routing_uris_are_accepted(uri: str) -> None:
    settings = Settings(neo4j_uri=uri)
    assert settings.store_backend == "neo4j"
    Neo4jGraphStore(uri, "neo4j", "secret").close()  # the driver takes it (without connecting)

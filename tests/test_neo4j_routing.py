"""Neo4j through its routing driver (``neo4j://``), as a cluster is reached: reads run in read
sessions (a cluster sends them to followers), writes in write transactions (retried by the
driver), and a read the server cut off runs again. The contract suite also runs on this
store (tests/contract/conftest.py)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import CypherSyntaxError, SessionExpired

from graph.neo4j import Neo4jGraphStore
from graph.rankings.service import recompute
from osmosi.settings import Settings
from tests.helpers.ingest import ingest_fixture
from tests.helpers.stores import neo4j_params

pytestmark = pytest.mark.neo4j


def test_every_read_runs_in_a_read_session(
    neo4j_routing_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = neo4j_routing_store
    ingest_fixture(store, "mastodon")
    ingest_fixture(store, "reddit")
    recompute(store, datetime.now(UTC))
    opened: list[str] = []

    def no_write(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a read took a write transaction")

    def begin(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        opened.append(self._config.default_access_mode)
        return real_begin(self, *args, **kwargs)

    def run(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        opened.append(self._config.default_access_mode)
        return real_run(self, *args, **kwargs)

    def execute_read(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        opened.append(neo4j.READ_ACCESS)
        return real_read(self, *args, **kwargs)

    real_begin, real_read = neo4j.Session.begin_transaction, neo4j.Session.execute_read
    real_run = neo4j.Session.run
    monkeypatch.setattr(neo4j.Session, "execute_write", no_write)
    monkeypatch.setattr(neo4j.Session, "run", run)
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


def test_a_read_the_server_cut_off_runs_again(neo4j_store: Neo4jGraphStore) -> None:
    """A read on a pooled connection that the server has since closed (a restart, a
    follower leaving the cluster) answers: the driver retries it on a new connection."""
    ingest_fixture(neo4j_store, "mastodon")
    params = neo4j_params()
    # One connection, reused by each call: it lists and closes the others.
    with neo4j.GraphDatabase.driver(
        params["uri"], auth=(params["user"], params["password"]), max_connection_pool_size=1
    ) as server:
        before = _connections(server)
        store = Neo4jGraphStore(params["uri"], params["user"], params["password"])
        try:
            expected = store.counts()  # the store now holds a pooled connection
            cut = sorted(_connections(server) - before)
            assert cut
            server.execute_query("CALL dbms.killConnections($ids)", ids=cut)
            _wait_until_closed(server, set(cut))
            assert store.counts() == expected
        finally:
            store.close()


def test_a_read_cut_off_by_a_failover_runs_again(
    neo4j_store: Neo4jGraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that fails as the driver would retry (here: the follower serving it left the
    cluster) runs again, as a transaction function; one that would fail again is not."""
    ingest_fixture(neo4j_store, "mastodon")
    expected = neo4j_store.counts()
    failures: list[str] = []

    def follower_leaves(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        failures.append(args[0])
        raise SessionExpired("the follower serving this read left the cluster")

    monkeypatch.setattr(neo4j.Session, "run", follower_leaves)
    assert neo4j_store.counts() == expected
    assert len(failures) == 1

    def bad_statement(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        failures.append(args[0])
        raise CypherSyntaxError("not a query")

    monkeypatch.setattr(neo4j.Session, "run", bad_statement)
    with pytest.raises(CypherSyntaxError):
        neo4j_store.counts()
    assert len(failures) == 2


def _wait_until_closed(driver: neo4j.Driver, ids: set[str]) -> None:
    """Until the server lists none of ``ids`` (it closes them after the call returns)."""
    for _ in range(100):
        if not _connections(driver) & ids:
            return
        time.sleep(0.1)
    raise AssertionError(f"the server did not close {sorted(ids)}")


def _connections(driver: neo4j.Driver) -> set[str]:
    records, _, _ = driver.execute_query(
        "CALL dbms.listConnections() YIELD connectionId RETURN connectionId"
    )
    return {record["connectionId"] for record in records}


@pytest.mark.parametrize(
    "uri",
    ["neo4j://db.example:7687", "neo4j+s://db.example:7687", "neo4j+ssc://db.example:7687"],
)
def test_routing_uris_are_accepted(uri: str) -> None:
    settings = Settings(neo4j_uri=uri)
    assert settings.store_backend == "neo4j"
    Neo4jGraphStore(uri, "neo4j", "secret").close()  # the driver takes it (without connecting)

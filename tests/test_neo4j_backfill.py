"""``osmosi backfill``: history through Neo4j's offline importer stores what ``osmosi ingest``
stores, with the same counts.

The same export goes both ways: ``osmosi ingest`` into the test server, and ``osmosi backfill
files``, neo4j-admin's import (from the launcher's own Neo4j jars) and ``osmosi backfill
finish`` into a second Neo4j started on the imported database. The two graphs must be equal,
node by node and relationship by relationship.
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.neo4j import Neo4jGraphStore
from ingestion.synthetic import write_mastodon_statuses
from tests.helpers.mastodon_export import status
from tests.helpers.neo4j_import import LAUNCHER, neo4j_on, run_import
from tests.helpers.serving import OSMOSI, clean_env, free_port
from tests.helpers.stores import missing_service, neo4j_params

VOLATILE = {"created_at", "ingested_at", "ingest_batch", "at"}
"""Set from the clock of the write (or the import) that created the node."""


def _export() -> bytes:
    """Synthetic statuses between crafted ones: a reply before its parent, later copies of
    a post (across batches of 50), a reblog, texts and names a CSV file must quote, profile links
    holding the importer's delimiters, and two records to quarantine."""
    synthetic = io.StringIO()
    write_mastodon_statuses(synthetic, 1200, seed=7, people=120)
    tricky = 'a "quoted", comma\\back\nslash\r\n\u2028line <b>&amp;</b> \x00 end'
    crafted = [
        status("9001", "ada", "risposta prima del padre", reply_to="9002"),
        status("9002", "bob", "il padre, dopo la risposta"),
        status("9003", "ada", tricky, favourites_count=3),
        status("9004", "carla", "the oat latte is great, but the price is too high"),
        status("9005", "bob", tricky),
        status("9006", "dario", "", reblog=status("9002", "bob", "il padre, ripreso")),
    ]
    crafted[1]["account"]["display_name"] = 'Bob "the, builder"\nsecond line'
    crafted[2]["account"]["fields"] = [
        {"name": "web", "value": '<a href="https://a.example/x;y">a</a>'},
        {"name": "odd", "value": '<a href="https://b.example/\x1fz">b</a>'},
    ]
    later = [
        status("9003", "ada", "edited later", favourites_count=9, reblogs_count=2),
        status("9004", "carla", "copy", in_reply_to_id="9002"),
    ]
    lines = [json.dumps(s, ensure_ascii=False) for s in crafted]
    lines += synthetic.getvalue().splitlines()
    lines += [json.dumps(s, ensure_ascii=False) for s in later]
    lines += ["{not json", json.dumps({"id": "9999", "content": "no account"})]
    return ("\n".join(lines) + "\n").encode()


def _osmosi(env: dict[str, str], *args: str) -> dict[str, Any]:
    result = subprocess.run(
        [OSMOSI, *args, "--json"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def _key(node: Any) -> str:
    for name in ("uid", "id", "key", "account_uid", "post_uid", "name"):
        if name in node:
            return f"{sorted(node.labels)}:{node[name]}"
    raise AssertionError(f"no key for {node}")


def _graph(uri: str) -> tuple[dict[str, dict[str, Any]], set[tuple[Any, ...]]]:
    """Every node (by its key) with its properties, and every relationship, less what the
    clock of the write sets."""
    params = neo4j_params()
    with neo4j.GraphDatabase.driver(uri, auth=(params["user"], params["password"])) as driver:
        nodes_query = "MATCH (n) WHERE NOT n:SchemaVersion RETURN n"
        nodes = {
            _key(r["n"]): {k: v for k, v in r["n"].items() if k not in VOLATILE}
            for r in driver.execute_query(nodes_query).records
        }
        links = {
            (_key(r["a"]), r["type"], _key(r["b"]), tuple(sorted(r["props"].items())))
            for r in driver.execute_query(
                "MATCH (a)-[r]->(b) RETURN a, type(r) AS type, b, properties(r) AS props"
            ).records
        }
    return nodes, links


@pytest.fixture
def imported_home(tmp_path: Path) -> Path:
    """A Neo4j home to import into."""
    if not (LAUNCHER / "lib").is_dir():
        missing_service("the Neo4j launcher (services/dev-services.sh start builds it)")
    return tmp_path / "home"


def test_a_backfill_stores_what_an_ingest_stores(
    neo4j_store: Neo4jGraphStore, imported_home: Path, tmp_path: Path
) -> None:
    export = tmp_path / "history.jsonl"
    export.write_bytes(_export())
    params = neo4j_params()
    env = clean_env(
        OSMOSI_NEO4J_URI=params["uri"],
        OSMOSI_NEO4J_USER=params["user"],
        OSMOSI_NEO4J_PASSWORD=params["password"],
        OSMOSI_INGEST_BATCH_SIZE="50",
    )
    ingested = _osmosi(env, "ingest", str(export), "--format", "mastodon")

    files = tmp_path / "files"
    counted = _osmosi(env, "backfill", "files", str(export), "-f", "mastodon", "--to", str(files))
    assert {k: counted[k] for k in ("read", "stored", "duplicates", "rejected")} == {
        k: ingested[k] for k in ("read", "stored", "duplicates", "rejected")
    }
    assert counted["duplicates"] >= 2
    assert counted["rejected"] == 2
    run_import(imported_home, files)
    port = free_port()
    imported_uri = f"bolt://127.0.0.1:{port}"
    with neo4j_on(imported_home, port):
        finished = _osmosi(
            {**env, "OSMOSI_NEO4J_URI": imported_uri}, "backfill", "finish", "--to", str(files)
        )
        assert finished["created"] == 0  # every later copy found its post imported
        assert finished["accounts"] == 1  # the links the files could not hold
        assert finished["quarantined"] == 2
        nodes, links = _graph(imported_uri)

    expected_nodes, expected_links = _graph(params["uri"])
    expected_nodes = {k: v for k, v in expected_nodes.items() if "Conversation" not in k}
    assert nodes.keys() == expected_nodes.keys()
    for key, properties in expected_nodes.items():
        assert nodes[key] == properties, key
    kept = {link for link in expected_links if "Conversation" not in link[0] + link[2]}
    assert links == kept
    kinds = {kind for _, kind, _, _ in links}
    assert {"POSTED", "MENTIONS", "TAGGED", "REPLIES_TO", "SHARES", "ABOUT"} <= kinds
    edited = nodes["['Post']:mastodon:9003"]
    assert (edited["text"], edited["likes"]) == ("edited later", 9)
    assert "\x00" in nodes["['Post']:mastodon:9005"]["text"]
    assert nodes["['Account']:mastodon:ada@mastodon.social"]["links"] == [
        "https://a.example/x;y",
        "https://b.example/\x1fz",
    ]


def test_a_backfill_says_what_it_needs(neo4j_store: Neo4jGraphStore, tmp_path: Path) -> None:
    export = tmp_path / "history.jsonl"
    export.write_bytes(_export())
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "kept.txt").write_text("not ours")
    params = neo4j_params()
    neo4j = clean_env(OSMOSI_NEO4J_URI=params["uri"], OSMOSI_NEO4J_PASSWORD=params["password"])
    for env, args, message in (
        (clean_env(), ["--to", str(tmp_path / "new")], "A backfill is for Neo4j"),
        (neo4j, ["--to", str(tmp_path / "full")], "is not an empty directory"),
    ):
        files = [OSMOSI, "backfill", "files", str(export), "-f", "mastodon", *args]
        result = subprocess.run(files, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 2
        assert message in result.stderr
    assert (tmp_path / "full" / "kept.txt").read_text() == "not ours"
    assert not (tmp_path / "new").exists()
    finish = [OSMOSI, "backfill", "finish", "--to", str(tmp_path / "full")]
    result = subprocess.run(finish, env=neo4j, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "holds no backfill" in result.stderr
    assert neo4j_store.counts().posts == 0

"""The Neo4j schema: a uniqueness constraint behind every MERGE key, the lookup and text
indexes the reads use, and the statements that create them idempotently
(`graph.neo4j.store.Neo4jGraphStore.ensure_schema`), once for each version of them.
"""

from __future__ import annotations

import hashlib

from graph.neo4j.rankings_cypher import RANKED_SCORES

UNIQUE_KEYS: tuple[tuple[str, str], ...] = (
    ("Person", "id"),
    ("Account", "uid"),
    ("Post", "uid"),
    ("Topic", "key"),
    ("Channel", "uid"),
    ("Touchpoint", "key"),
    ("Product", "key"),
    ("Brand", "key"),
    ("BrandAccount", "account_uid"),
    ("Community", "id"),
    ("Customer", "external_id"),
    ("ScoreRun", "name"),
    ("QuarantinedRecord", "id"),
    ("IngestJob", "id"),
    ("IngestChunk", "key"),
    ("StatusChange", "id"),
    ("IdentityEvent", "id"),
    ("Suppression", "key"),
    ("ApiKey", "id"),
    ("ApiKey", "digest"),
    ("IdentityLink", "id"),
    ("RoutingTable", "id"),
    ("Conversation", "post_uid"),
    ("Alert", "id"),
    ("WebhookDelivery", "id"),
    ("SchemaVersion", "key"),
)


LOOKUP_INDEXES: tuple[tuple[str, str], ...] = (
    *(("Person", f"score_{score}") for score in RANKED_SCORES),
    ("Post", "reply_to_uid"),
    ("Post", "shares_uid"),
    ("Post", "created_at"),
    ("IdentityEvent", "person_id"),
    ("IdentityEvent", "other_id"),
    ("IdentityLink", "status"),
    ("IdentityLink", "person_id"),
    ("IdentityLink", "target_id"),
    ("IdentityLink", "merge_event_id"),
    ("Conversation", "status"),
    ("Conversation", "received_at"),
    ("Alert", "raised_at"),
    ("Alert", "subject"),
    ("WebhookDelivery", "state"),
    ("WebhookDelivery", "alert_id"),
)


# People are searched by part of a handle or name (CONTAINS uses text indexes). A name is
# searched by its lower-case copy, ``name_key``: an index cannot serve toLower(display_name).
TEXT_INDEXES: tuple[tuple[str, str], ...] = (
    ("Account", "handle"),
    ("Account", "name_key"),
    ("Person", "name_key"),
)


RETIRED_INDEXES = ("account_display_name_text", "person_display_name_text")


SCHEMA = (
    tuple(
        f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in UNIQUE_KEYS
    )
    + tuple(
        f"CREATE INDEX {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) ON (n.{key})"
        for label, key in LOOKUP_INDEXES
    )
    + tuple(
        f"CREATE TEXT INDEX {label.lower()}_{key}_text IF NOT EXISTS FOR (n:{label}) ON (n.{key})"
        for label, key in TEXT_INDEXES
    )
    + tuple(f"DROP INDEX {name} IF EXISTS" for name in RETIRED_INDEXES)
)


# What stores written by an older Osmosi lack, filled at their next start: the names'
# ``name_key``, and each account's copy of its person's id (`cypher.UPSERT_ACCOUNTS`).
FILLS = (
    """
MATCH (n) WHERE (n:Person OR n:Account) AND n.display_name IS NOT NULL AND n.name_key IS NULL
CALL (n) { SET n.name_key = toLower(n.display_name) } IN TRANSACTIONS OF 10000 ROWS
""",
    """
MATCH (p:Person)-[:HAS_ACCOUNT]->(a:Account) WHERE coalesce(a.person_id, '') <> p.id
CALL (a, p) { SET a.person_id = p.id } IN TRANSACTIONS OF 10000 ROWS
""",
)


AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


# The version of the statements above that a database was last set up with, as a digest of
# their text: any change to them is a new version. A start that finds this version has
# nothing to do. Every process (each API worker, Celery worker and CLI command) opens the
# store, and each start ran 48 schema transactions and scanned every person and account.
# Delete the node to have the next start create the schema again (after dropping an index
# by hand, say).
_SET_UP = "\n".join((*SCHEMA, AWAIT_INDEXES, *FILLS))
DIGEST = hashlib.sha256(_SET_UP.encode()).hexdigest()[:16]
READ_VERSION = "MATCH (v:SchemaVersion {key: 'osmosi'}) RETURN v.digest AS digest"
WRITE_VERSION = "MERGE (v:SchemaVersion {key: 'osmosi'}) SET v.digest = $digest, v.set_at = $at"


PING = "RETURN 1 AS ok"


# Relationships first, then nodes, each in batches: a DETACH DELETE of a node deletes all its
# relationships in its batch's transaction, and the brand's node, ABOUT a million posts,
# overran the transaction memory pool.
CLEAR = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)

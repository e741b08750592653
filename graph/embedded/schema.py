"""Tables of the embedded store (SQLite).

Primary keys are the domain's natural keys, so they play the role of Neo4j's uniqueness
constraints. Relationships are columns (one-to-one) or link tables (many-to-many).
"""

SCHEMA_VERSION = 9

# Columns a store of version N-1 lacks at version N: (table, column, type). New tables come
# from DDL's ``CREATE ... IF NOT EXISTS``. Applied only where the column is missing, so a
# migration interrupted half-way can run again.
MIGRATIONS: dict[int, tuple[tuple[str, str, str], ...]] = {
    2: (
        ("post", "sentiment", "TEXT"),
        ("post", "sentiment_score", "REAL"),
        ("post", "intent", "TEXT"),
    ),
    3: (("community", "profile", "TEXT"),),
    4: (("person_score", "factors", "TEXT"),),
    5: (),
    6: (("customer", "handles", "TEXT"),),
    7: (("account", "links", "TEXT"),),
    8: (("identity_link", "decided_at", "TEXT"),),
    9: (),  # brand_account
}

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS person (
    id TEXT PRIMARY KEY,
    display_name TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS account (
    uid TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    handle TEXT NOT NULL,
    display_name TEXT,
    followers INTEGER,
    url TEXT,
    links TEXT,
    person_id TEXT NOT NULL REFERENCES person(id),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS account_person ON account(person_id);
CREATE TABLE IF NOT EXISTS channel (
    uid TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    venue TEXT NOT NULL,
    kind TEXT NOT NULL,
    first_seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS topic (
    key TEXT PRIMARY KEY,
    display TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS post (
    uid TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    external_id TEXT NOT NULL,
    author_uid TEXT NOT NULL REFERENCES account(uid),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    language TEXT,
    url TEXT,
    metrics TEXT NOT NULL,
    channel_uid TEXT REFERENCES channel(uid),
    reply_to_uid TEXT,
    shares_uid TEXT,
    share_kind TEXT,
    reported_by TEXT,
    ingested_at TEXT NOT NULL,
    sentiment TEXT,
    sentiment_score REAL,
    intent TEXT
);
CREATE INDEX IF NOT EXISTS post_author ON post(author_uid);
CREATE INDEX IF NOT EXISTS post_reply_to ON post(reply_to_uid) WHERE reply_to_uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS post_shares ON post(shares_uid) WHERE shares_uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS post_created ON post(created_at);
CREATE TABLE IF NOT EXISTS post_mention (
    post_uid TEXT NOT NULL REFERENCES post(uid),
    account_uid TEXT NOT NULL REFERENCES account(uid),
    PRIMARY KEY (post_uid, account_uid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_mention_account ON post_mention(account_uid);
CREATE TABLE IF NOT EXISTS post_topic (
    post_uid TEXT NOT NULL REFERENCES post(uid),
    topic_key TEXT NOT NULL REFERENCES topic(key),
    PRIMARY KEY (post_uid, topic_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_topic_topic ON post_topic(topic_key);
CREATE TABLE IF NOT EXISTS touchpoint (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS product (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS brand_account (
    account_uid TEXT PRIMARY KEY,
    affiliation TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS post_aspect (
    post_uid TEXT NOT NULL REFERENCES post(uid),
    target TEXT NOT NULL,
    key TEXT NOT NULL,
    sentiment TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (post_uid, target, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS community (
    id TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    label TEXT,
    computed_at TEXT NOT NULL,
    profile TEXT
);
CREATE TABLE IF NOT EXISTS person_label (
    person_id TEXT NOT NULL REFERENCES person(id),
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS membership (
    person_id TEXT PRIMARY KEY REFERENCES person(id),
    community_id TEXT NOT NULL REFERENCES community(id)
);
CREATE TABLE IF NOT EXISTS person_score (
    person_id TEXT NOT NULL REFERENCES person(id),
    name TEXT NOT NULL,
    value REAL NOT NULL,
    factors TEXT,
    PRIMARY KEY (person_id, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS score_run (
    name TEXT PRIMARY KEY,
    computed_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS customer (
    external_id TEXT PRIMARY KEY,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    city TEXT,
    lifetime_value REAL,
    handles TEXT
);
CREATE TABLE IF NOT EXISTS customer_link (
    person_id TEXT NOT NULL REFERENCES person(id),
    customer_id TEXT NOT NULL REFERENCES customer(external_id),
    confidence REAL NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (person_id, customer_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quarantine (
    id TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    position TEXT NOT NULL,
    reason TEXT NOT NULL,
    payload TEXT NOT NULL,
    context TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_job (
    id TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    state TEXT NOT NULL,
    chunks_total INTEGER,
    error TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS programme_change (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id TEXT NOT NULL REFERENCES person(id),
    status TEXT NOT NULL,
    note TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS programme_change_person ON programme_change(person_id, id);
CREATE TABLE IF NOT EXISTS identity_event (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    person_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    account_uids TEXT NOT NULL,
    evidence TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    undoes TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS identity_event_person ON identity_event(person_id);
CREATE INDEX IF NOT EXISTS identity_event_other ON identity_event(other_id);
CREATE TABLE IF NOT EXISTS map_tie (
    source TEXT NOT NULL REFERENCES person(id),
    target TEXT NOT NULL REFERENCES person(id),
    weight REAL NOT NULL,
    interactions INTEGER NOT NULL,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS suppression (
    key TEXT PRIMARY KEY,
    at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS api_key (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS identity_link (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    person_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    confidence REAL NOT NULL,
    merge_event_id TEXT,
    decided_at TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_link_review ON identity_link(kind, status, confidence);
CREATE INDEX IF NOT EXISTS identity_link_decided ON identity_link(status, decided_at);
CREATE INDEX IF NOT EXISTS identity_link_merge ON identity_link(merge_event_id)
    WHERE merge_event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS conversation (
    post_uid TEXT PRIMARY KEY,
    function TEXT NOT NULL,
    owner TEXT,
    status TEXT NOT NULL,
    priority_rank INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS conversation_queue ON conversation(status, priority_rank, due_at);
CREATE INDEX IF NOT EXISTS conversation_received ON conversation(received_at);
CREATE TABLE IF NOT EXISTS routing_table (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_raised ON alert(raised_at);
CREATE TABLE IF NOT EXISTS webhook_delivery (
    id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    state TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_delivery_due ON webhook_delivery(state, next_attempt_at);
CREATE INDEX IF NOT EXISTS webhook_delivery_alert ON webhook_delivery(alert_id);
CREATE TABLE IF NOT EXISTS ingest_chunk (
    job_id TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    read INTEGER NOT NULL,
    stored INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    PRIMARY KEY (job_id, chunk)
) WITHOUT ROWID;
"""

TABLES = (
    "routing_table",
    "brand_account",
    "webhook_delivery",
    "alert",
    "conversation",
    "identity_link",
    "map_tie",
    "api_key",
    "suppression",
    "identity_event",
    "programme_change",
    "ingest_chunk",
    "ingest_job",
    "quarantine",
    "customer_link",
    "customer",
    "score_run",
    "person_score",
    "person_label",
    "membership",
    "community",
    "post_aspect",
    "product",
    "touchpoint",
    "post_topic",
    "post_mention",
    "post",
    "topic",
    "channel",
    "account",
    "person",
)

# The person-to-person interactions carried by posts, one SELECT per kind. ``{where}`` takes
# extra conditions on ``p`` (the carrying post), ``src`` and ``dst`` (the two people's accounts).
# For interactions of a few people: the planner starts from their accounts' indexes.
INTERACTION_SELECTS = (
    """
    SELECT src.person_id, dst.person_id, 'reply', p.created_at, p.uid
    FROM post p
    JOIN post parent ON parent.uid = p.reply_to_uid
    JOIN account src ON src.uid = p.author_uid
    JOIN account dst ON dst.uid = parent.author_uid
    WHERE p.reply_to_uid IS NOT NULL AND src.person_id <> dst.person_id {where}
    """,
    """
    SELECT src.person_id, dst.person_id, 'mention', p.created_at, p.uid
    FROM post p
    JOIN post_mention m ON m.post_uid = p.uid
    JOIN account src ON src.uid = p.author_uid
    JOIN account dst ON dst.uid = m.account_uid
    WHERE src.person_id <> dst.person_id {where}
    """,
    """
    SELECT src.person_id, dst.person_id, p.share_kind, p.created_at, p.uid
    FROM post p
    JOIN post original ON original.uid = p.shares_uid
    JOIN account src ON src.uid = p.author_uid
    JOIN account dst ON dst.uid = original.author_uid
    WHERE p.shares_uid IS NOT NULL AND src.person_id <> dst.person_id {where}
    """,
)

# The same interactions between accounts, for reading all of them: each walks the posts in
# table order (CROSS JOIN fixes the order) and leaves accounts to be mapped to people by the
# caller. Joining accounts here costs two index searches per row: five times slower on a
# million interactions. ``{where}`` takes extra conditions on ``p``; ``{post}`` is
# ``, p.uid`` for the carrying post's uid or empty (the rankings' projection needs none).
ACCOUNT_INTERACTION_SELECTS = (
    """
    SELECT p.author_uid, parent.author_uid, 'reply', p.created_at{post}
    FROM post p CROSS JOIN post parent ON parent.uid = p.reply_to_uid
    WHERE p.reply_to_uid IS NOT NULL {where}
    """,
    """
    SELECT p.author_uid, m.account_uid, 'mention', p.created_at{post}
    FROM post p CROSS JOIN post_mention m ON m.post_uid = p.uid
    WHERE 1 {where}
    """,
    """
    SELECT p.author_uid, original.author_uid, p.share_kind, p.created_at{post}
    FROM post p CROSS JOIN post original ON original.uid = p.shares_uid
    WHERE p.shares_uid IS NOT NULL {where}
    """,
)


def interaction_columns(where: str) -> str:
    """`ACCOUNT_INTERACTION_SELECTS` of the posts whose rowids are in ``(:after, :upto]``
    (`SqliteBase._windows`), as one row of four JSON arrays: sources, targets, kinds and
    times. A window is one step into SQLite, and no Python object is made per row until the
    arrays are parsed, in C."""
    selects = " UNION ALL ".join(
        select.format(where=f"AND p.rowid > :after AND p.rowid <= :upto {where}", post="")
        for select in ACCOUNT_INTERACTION_SELECTS
    )
    return (
        f"WITH interaction(source, target, kind, at) AS ({selects}) SELECT "
        "json_group_array(source), json_group_array(target), json_group_array(kind), "
        "json_group_array(at) FROM interaction"
    )

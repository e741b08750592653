"""The Cypher of the conversation graph: ingest writes and reads.

With the schema (`graph.neo4j.schema`), the bookkeeping's statements (`bookkeeping_cypher`),
the rankings' (`rankings_cypher`), the API views' (`insights_cypher`), the people part's
(`people_cypher`), the correlate part's (`correlate_cypher`) and erasure's
(`erasure_cypher`), this is every statement Osmosi runs. Statements take parameters only;
writes ``UNWIND $rows`` so a batch is one round trip per statement. Labels and relationship
types are literals of these modules, never input.
"""

from __future__ import annotations

from graph.model.nodes import AspectTarget

# -- writes ----------------------------------------------------------------------------------

# An account without a person is new: it gets the person whose id was derived for it. Each
# account keeps its person's id (``person_id``) beside the HAS_ACCOUNT relationship, set in
# the same statement wherever that relationship changes: reads that start at an account and
# need only the id (people search) then skip the expansion to the person.
UPSERT_ACCOUNTS = """
UNWIND $rows AS row
MERGE (a:Account {uid: row.uid})
  ON CREATE SET a.platform = row.platform, a.handle = row.handle, a.created_at = $now
SET a.display_name = coalesce(row.display_name, a.display_name),
    a.name_key = toLower(coalesce(row.display_name, a.display_name)),
    a.followers = coalesce(row.followers, a.followers),
    a.url = coalesce(row.url, a.url),
    a.links = coalesce(row.links, a.links)
WITH a, row
WHERE NOT EXISTS { (a)<-[:HAS_ACCOUNT]-(:Person) }
MERGE (p:Person {id: row.person_id})
  ON CREATE SET p.display_name = row.display_name, p.name_key = toLower(row.display_name),
                p.created_at = $now
MERGE (p)-[:HAS_ACCOUNT]->(a)
SET a.person_id = p.id
RETURN count(a) AS created
"""

UPSERT_CHANNELS = """
UNWIND $rows AS row
OPTIONAL MATCH (known:Channel {uid: row.uid})
WITH row, known IS NULL AS is_new
MERGE (c:Channel {uid: row.uid})
  ON CREATE SET c.platform = row.platform, c.venue = row.venue, c.first_seen_at = $now
SET c.kind = row.kind,
    c.first_seen_at = CASE WHEN row.first_post_at < c.first_seen_at
                           THEN row.first_post_at ELSE c.first_seen_at END
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

UPSERT_TOPICS = """
UNWIND $rows AS row
MERGE (t:Topic {key: row.key})
  ON CREATE SET t.display = row.display, t.kind = row.kind
"""


def _post_links(verb: str) -> str:
    """A post's relationships to its author, channel, mentions, topics, parent and original.

    A post this write created has none yet, so they are CREATEd: a third cheaper than
    MERGE, which must first look through the relationships of its (often dense) other end.
    """
    return f"""
  MATCH (a:Account {{uid: row.author_uid}})
  {verb} (a)-[:POSTED]->(p)
  WITH p, row
  CALL (p, row) {{
    MATCH (c:Channel {{uid: row.channel_uid}})
    {verb} (p)-[:IN_CHANNEL]->(c)
  }}
  CALL (p, row) {{
    UNWIND row.mention_uids AS mentioned
    MATCH (a:Account {{uid: mentioned}})
    {verb} (p)-[:MENTIONS]->(a)
  }}
  CALL (p, row) {{
    UNWIND row.topic_keys AS key
    MATCH (t:Topic {{key: key}})
    {verb} (p)-[:TAGGED]->(t)
  }}
  CALL (p, row) {{
    MATCH (parent:Post {{uid: row.reply_to_uid}})
    {verb} (p)-[:REPLIES_TO]->(parent)
  }}
  CALL (p, row) {{
    MATCH (original:Post {{uid: row.shares_uid}})
    {verb} (p)-[s:SHARES]->(original)
    SET s.kind = p.share_kind
  }}"""


# ``ingest_batch`` (a random integer per write) records which write first stored a post; it
# also tells this write which posts it created, race-free under concurrent writers: a post
# being created is locked by its MERGE until this write commits. ``created_at`` travels as
# ISO 8601 text: the driver packs temporal values several times slower than strings.
UPSERT_POSTS = f"""
UNWIND $rows AS row
MERGE (p:Post {{uid: row.uid}})
  ON CREATE SET p.platform = row.platform, p.external_id = row.external_id,
                p.author_uid = row.author_uid, p.created_at = datetime(row.created_at),
                p.ingested_at = $now, p.ingest_batch = $batch, p.text = row.text,
                p.language = row.language, p.url = row.url, p.channel_uid = row.channel_uid,
                p.reply_to_uid = row.reply_to_uid, p.shares_uid = row.shares_uid,
                p.share_kind = row.share_kind, p.reported_by = row.reported_by,
                p.sentiment = row.sentiment, p.sentiment_score = row.sentiment_score,
                p.intent = row.intent,
                p += row.metrics
  ON MATCH SET p.text = row.text,
               p.language = coalesce(row.language, p.language),
               p.url = coalesce(row.url, p.url),
               p.channel_uid = coalesce(row.channel_uid, p.channel_uid),
               p.reply_to_uid = coalesce(row.reply_to_uid, p.reply_to_uid),
               p.shares_uid = coalesce(row.shares_uid, p.shares_uid),
               p.share_kind = coalesce(row.share_kind, p.share_kind),
               p.reported_by = coalesce(row.reported_by, p.reported_by),
               p.sentiment = coalesce(row.sentiment, p.sentiment),
               p.sentiment_score = coalesce(row.sentiment_score, p.sentiment_score),
               p.intent = coalesce(row.intent, p.intent),
               p += row.metrics
WITH p, row, p.ingest_batch = $batch AS is_new
CALL (p, row, is_new) {{
  WITH p, row WHERE is_new{_post_links("CREATE")}
}}
CALL (p, row, is_new) {{
  WITH p, row WHERE NOT is_new{_post_links("MERGE")}
}}
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""


# Links from stored posts that were waiting for one of the new posts as their parent (a
# parent stored before, or earlier in the same batch, is linked by UPSERT_POSTS itself).

LINK_WAITING_REPLIES = """
UNWIND $uids AS uid
MATCH (parent:Post {uid: uid})
MATCH (child:Post {reply_to_uid: uid})
MERGE (child)-[:REPLIES_TO]->(parent)
"""


LINK_WAITING_SHARES = """
UNWIND $uids AS uid
MATCH (original:Post {uid: uid})
MATCH (copy:Post {shares_uid: uid})
MERGE (copy)-[s:SHARES]->(original)
SET s.kind = copy.share_kind
"""

_ASPECT_LABELS = {
    AspectTarget.TOUCHPOINT: "Touchpoint",
    AspectTarget.PRODUCT: "Product",
    AspectTarget.BRAND: "Brand",
}

LINK_ASPECTS = {
    target: f"""
UNWIND $rows AS row
MATCH (p:Post {{uid: row.post_uid}})
MERGE (t:{label} {{key: row.key}})
  ON CREATE SET t.name = row.key
MERGE (p)-[r:ABOUT]->(t)
SET r.sentiment = row.sentiment, r.score = row.score
"""
    for target, label in _ASPECT_LABELS.items()
}

UPSERT_NAMED = {
    label: f"""
UNWIND $rows AS row
OPTIONAL MATCH (known:{label} {{key: row.key}})
WITH row, known IS NULL AS is_new
MERGE (n:{label} {{key: row.key}})
SET n.name = row.name
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""
    for label in _ASPECT_LABELS.values()
}

UPSERT_CUSTOMERS = """
UNWIND $rows AS row
OPTIONAL MATCH (known:Customer {external_id: row.external_id})
WITH row, known IS NULL AS is_new
MERGE (c:Customer {external_id: row.external_id})
SET c.first_name = row.first_name, c.last_name = row.last_name, c.email = row.email,
    c.city = row.city, c.lifetime_value = row.lifetime_value, c.handles = row.handles
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

LINK_CUSTOMERS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
MATCH (c:Customer {external_id: row.customer_id})
MERGE (p)-[r:IS_CUSTOMER]->(c)
SET r.confidence = row.confidence, r.evidence = row.evidence
RETURN count(r) AS written
"""


# -- reads -----------------------------------------------------------------------------------


ACCOUNT_FIELDS = "a {.platform, .handle, .display_name, .followers, .url, .links}"

GET_ACCOUNT = f"""
MATCH (a:Account {{uid: $uid}})
OPTIONAL MATCH (p:Person)-[:HAS_ACCOUNT]->(a)
RETURN {ACCOUNT_FIELDS} AS account, p.id AS person_id
"""

# Packed in one record: [person id, account fields] rows.
ACCOUNTS_OF = f"""
UNWIND $ids AS id
MATCH (p:Person {{id: id}})-[:HAS_ACCOUNT]->(a:Account)
WITH p, a ORDER BY a.platform, a.handle
RETURN collect([p.id, {ACCOUNT_FIELDS}]) AS rows
"""

# A post ``p`` as the stores read it back: its properties (times as text: the driver
# hydrates temporal values slowly) and the keys of what it links to.
POST_PROJECTION = """{
  post: p {.*, created_at: toString(p.created_at), ingested_at: null},
  mentions: [(p)-[:MENTIONS]->(a:Account) | a.uid],
  topics: [(p)-[:TAGGED]->(t:Topic) | t.key],
  aspects: [(p)-[r:ABOUT]->(x) | {target: CASE WHEN x:Touchpoint THEN 'touchpoint'
                                             WHEN x:Brand THEN 'brand' ELSE 'product' END,
                                 key: x.key, sentiment: r.sentiment, score: r.score}]
}"""

# Packed in one record.
GET_POSTS = f"""
UNWIND $uids AS uid
MATCH (p:Post {{uid: uid}})
RETURN collect({POST_PROJECTION}) AS rows
"""


COUNTS = """
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Account) RETURN count(n) AS accounts }
CALL () { MATCH (n:Post) RETURN count(n) AS posts }
CALL () { MATCH (n:Topic) RETURN count(n) AS topics }
CALL () { MATCH (n:Channel) RETURN count(n) AS channels }
CALL () { MATCH (n:Community) RETURN count(n) AS communities }
RETURN people, accounts, posts, topics, channels, communities
"""

# Interactions, one pattern per kind, each from the person who acts (``src``).
INTERACTION_PATHS = (
    (
        "-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(p:Post)"
        "-[:REPLIES_TO]->(:Post)<-[:POSTED]-(:Account)<-[:HAS_ACCOUNT]-(dst:Person)",
        "'reply'",
    ),
    (
        "-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(p:Post)"
        "-[:MENTIONS]->(:Account)<-[:HAS_ACCOUNT]-(dst:Person)",
        "'mention'",
    ),
    (
        "-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(p:Post)"
        "-[s:SHARES]->(:Post)<-[:POSTED]-(:Account)<-[:HAS_ACCOUNT]-(dst:Person)",
        "s.kind",
    ),
)

# The same from account to account (``src`` and ``dst`` are accounts).
_ACCOUNT_INTERACTION_PATHS = (
    ("-[:POSTED]->(p:Post)-[:REPLIES_TO]->(:Post)<-[:POSTED]-(dst:Account)", "'reply'"),
    ("-[:POSTED]->(p:Post)-[:MENTIONS]->(dst:Account)", "'mention'"),
    ("-[:POSTED]->(p:Post)-[s:SHARES]->(:Post)<-[:POSTED]-(dst:Account)", "s.kind"),
)

WINDOW = "($since IS NULL OR p.created_at >= $since) AND ($until IS NULL OR p.created_at < $until)"


def interactions_of_people_query() -> str:
    """Interactions with someone of ``$ids`` on either side, one branch per side so that
    each starts from the Person index."""
    branches = [
        f"MATCH (src:Person){path} WHERE {side}.id IN $ids AND src <> dst AND {WINDOW} "
        f"RETURN src.id AS source, dst.id AS target, {kind} AS kind, "
        # Text: the driver hydrates temporal values several times slower.
        "toString(p.created_at) AS at, p.uid AS post"
        for path, kind in INTERACTION_PATHS
        for side in ("src", "dst")
    ]
    return " UNION ".join(branches)


INTERACTIONS_OF_PEOPLE = interactions_of_people_query()

# Reads of the whole graph return their rows packed in lists, in a few records: the Python
# driver spends some 20 µs on each record it receives, 20 s on a million of them.

# Reads of every account's (or person's) rows go a page of nodes at a time, by key on its
# unique index ($after: the last key of the page before, "" at first): one record per page
# with the page's ``last`` key, how many nodes it ``read`` and what it gathered; nothing is
# collected over the whole graph (`Neo4jBase._pages` reads them).


def keyed_pages(label: str, key: str, page: str, body: str, columns: str) -> str:
    """A read of every ``label`` node a page at a time by ``key``: the page's nodes are the
    list ``page``, which ``body`` (``CALL`` subqueries) reads, and each record returns
    ``columns`` after ``last`` and ``read``. Labels and names are literals of this package,
    never input."""
    return f"""
MATCH (n:{label}) WHERE n.{key} > $after
WITH n ORDER BY n.{key} LIMIT $page
WITH collect(n) AS {page}
{body}
RETURN {page}[-1].{key} AS last, size({page}) AS read, {columns}
"""


def collected_pages(label: str, key: str, page: str, node: str, body: str, rows: str) -> str:
    """`keyed_pages` whose records each hold ``rows``: for every ``node`` of the page that
    ``body`` matches (or keeps), ``rows`` collected into one list."""
    return keyed_pages(
        label,
        key,
        page,
        f"""CALL ({page}) {{
  UNWIND {page} AS {node}
  {body}
  RETURN collect({rows}) AS rows
}}""",
        "rows",
    )


def _account_pages(rows: str, body: str) -> str:
    return collected_pages("Account", "uid", "accounts", "src", body, rows)


_ACCOUNT_INTERACTIONS = (
    "CALL (src) { "
    + " UNION ALL ".join(
        f"MATCH (src){path} WHERE {WINDOW} RETURN dst, {kind} AS kind, p"
        for path, kind in _ACCOUNT_INTERACTION_PATHS
    )
    + " }"
)

# Every interaction between accounts, as rows [source account, target account, kind, at,
# post]. The caller maps accounts to people (ACCOUNT_OWNERS): two hops fewer per row than
# matching the people here, a third faster.
INTERACTIONS = _account_pages(
    "[src.uid, dst.uid, kind, toString(p.created_at), p.uid]", _ACCOUNT_INTERACTIONS
)

# The same for the rankings' projection, without the post and with the time in microseconds
# since the epoch: numbers, which the driver hydrates faster than text and which need no
# parsing.
INTERACTION_TIMES = _account_pages(
    "[src.uid, dst.uid, kind, "
    "p.created_at.epochSeconds * 1000000 + p.created_at.nanosecond / 1000]",
    _ACCOUNT_INTERACTIONS,
)

# [account, owning person] of every account.
ACCOUNT_OWNERS = _account_pages(
    "[src.uid, person.id]", "MATCH (person:Person)-[:HAS_ACCOUNT]->(src)"
)

THREAD = """
MATCH (start:Post {uid: $uid})
MATCH path = (start)-[:REPLIES_TO*0..]->(root:Post)
WHERE NOT EXISTS { (root)-[:REPLIES_TO]->(:Post) }
WITH root ORDER BY length(path) DESC LIMIT 1
MATCH (root)<-[:REPLIES_TO*0..]-(p:Post)
WITH DISTINCT root, p
ORDER BY p.created_at, p.uid
LIMIT $limit
RETURN root.uid AS root, collect(p.uid) AS uids
"""

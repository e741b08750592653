"""Cypher of the read views for the API: a person's posts, topics and opinions, ties,
search, channels and daily volumes. Parameters only; aggregation happens in the database
so that few records cross the wire."""

from __future__ import annotations

from graph.model.insights import VolumeDimension
from graph.neo4j.cypher import ACCOUNT_FIELDS, POST_PROJECTION, WINDOW
from graph.neo4j.rankings_cypher import DECAY_WEIGHT

POSTS_OF = f"""
UNWIND $ids AS id
MATCH (:Person {{id: id}})-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(p:Post)
WITH id, p ORDER BY p.created_at DESC, p.uid DESC
WITH id, collect(p) AS posts
WITH id, size(posts) AS total, posts[$offset..($offset + $first)] AS page
RETURN id, total, [p IN page | {POST_PROJECTION}] AS page
"""

TOPICS_OF = """
UNWIND $ids AS id
MATCH (:Person {id: id})-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(:Post)-[:TAGGED]->(t:Topic)
WITH id, t, count(*) AS posts ORDER BY posts DESC, t.key
RETURN id, collect([t.key, t.display, posts])[..$first] AS topics
"""

# Each post once with its overall score (key ""), and once per touchpoint it is about.
OPINIONS_OF = """
UNWIND $ids AS id
MATCH (:Person {id: id})-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(p:Post)
CALL (p) {
  RETURN '' AS key, p.sentiment_score AS score
  UNION ALL
  MATCH (p)-[r:ABOUT]->(t:Touchpoint) RETURN t.key AS key, r.score AS score
}
WITH id, key, date(p.created_at) AS day, count(*) AS posts, count(score) AS scored,
     sum(coalesce(score, 0.0)) AS total
RETURN id, key, toString(day) AS day, posts, scored, total
ORDER BY id, key, day
"""


def _ties_query(among: bool) -> str:
    # Each person's posts are walked once, for every interaction they start or receive:
    # one branch per path and side walked an influencer's 53k posts five times (3M db hits
    # against 1.4M, and a quarter of the time). The other side's person comes from its
    # account (`Account.person_id`). DISTINCT keeps an interaction found twice once: from
    # both sides, or through two accounts of one person.
    kept = "party IN $ids" if among else "party IS NOT NULL"
    return f"""
MATCH (x:Person)-[:HAS_ACCOUNT]->(xa:Account) WHERE x.id IN $ids
CALL (x, xa) {{
  MATCH (xa)-[:POSTED]->(mine:Post)-[r:REPLIES_TO|MENTIONS|SHARES]-(o)
  CALL (o) {{
    WITH o WHERE o:Account RETURN o AS other
    UNION ALL
    MATCH (o:Post)<-[:POSTED]-(other:Account) RETURN other
  }}
  WITH x, r, mine, o, other.person_id AS party, startNode(r) = mine AS started
  RETURN CASE WHEN started THEN x.id ELSE party END AS source,
         CASE WHEN started THEN party ELSE x.id END AS target,
         party, r, CASE WHEN started THEN mine ELSE o END AS p
  UNION ALL
  MATCH (xa)<-[r:MENTIONS]-(p:Post)<-[:POSTED]-(other:Account)
  RETURN other.person_id AS source, x.id AS target, other.person_id AS party, r, p
}}
WITH source, target, party, r, p
WHERE {kept} AND source <> target AND {WINDOW}
WITH DISTINCT source, target, p,
     CASE type(r) WHEN 'REPLIES_TO' THEN 'reply' WHEN 'MENTIONS' THEN 'mention'
                  ELSE r.kind END AS kind
WITH source, target, kind, $now - p.created_at.epochSeconds AS age
WITH source, target, kind, count(*) AS count, sum({DECAY_WEIGHT}) AS decayed
RETURN collect([source, target, kind, count, decayed]) AS rows
"""


TIES = {among: _ties_query(among) for among in (False, True)}

# Matching accounts give their person's id as they hold it (`cypher.UPSERT_ACCOUNTS`): a
# search for a few letters matches thousands, and expanding each to its person was most of
# the work (2-2.5 times the time on 20k people).
SEARCH_PEOPLE = """
CALL () {
  MATCH (p:Person) WHERE p.name_key CONTAINS $q RETURN p.id AS id
  UNION
  MATCH (a:Account) WHERE a.handle CONTAINS $q RETURN a.person_id AS id
  UNION
  MATCH (a:Account) WHERE a.name_key CONTAINS $q RETURN a.person_id AS id
}
WITH id WHERE id IS NOT NULL
RETURN id ORDER BY id SKIP $offset LIMIT $first
"""

GET_ACCOUNTS = f"""
UNWIND $uids AS uid
MATCH (a:Account {{uid: uid}})
OPTIONAL MATCH (p:Person)-[:HAS_ACCOUNT]->(a)
RETURN a.uid AS uid, {ACCOUNT_FIELDS} AS account, p.id AS person_id
"""

GET_CUSTOMERS = """
UNWIND $ids AS id
MATCH (c:Customer {external_id: id})
RETURN c.external_id AS external_id, c.first_name AS first_name, c.last_name AS last_name,
       c.email AS email, c.city AS city, c.lifetime_value AS lifetime_value,
       c.handles AS handles
"""

LIST_CHANNELS = """
MATCH (c:Channel)
RETURN c.platform AS platform, c.venue AS venue, c.kind AS kind, c.first_seen_at AS first_seen_at
ORDER BY c.uid
"""

_VOLUME_PATTERNS = {
    VolumeDimension.TOPIC: (
        "(p:Post)-[:TAGGED]->(x:Topic)",
        "x.key",
        "count(p.sentiment_score)",
        "sum(coalesce(p.sentiment_score, 0.0))",
    ),
    VolumeDimension.TOUCHPOINT: (
        "(p:Post)-[r:ABOUT]->(x:Touchpoint)",
        "x.key",
        "count(*)",
        "sum(r.score)",
    ),
    VolumeDimension.CHANNEL: (
        "(p:Post)-[:IN_CHANNEL]->(x:Channel)",
        "x.uid",
        "count(p.sentiment_score)",
        "sum(coalesce(p.sentiment_score, 0.0))",
    ),
    VolumeDimension.COMMUNITY: (
        "(p:Post)<-[:POSTED]-(:Account)<-[:HAS_ACCOUNT]-(:Person)-[:MEMBER_OF]->(x:Community)",
        "x.id",
        "count(p.sentiment_score)",
        "sum(coalesce(p.sentiment_score, 0.0))",
    ),
}

# Packed in one record: [key, day, posts, scored, sentiment sum] rows.
DAILY_VOLUMES = {
    dimension: f"""
MATCH {pattern}
WHERE {WINDOW}
WITH {key} AS key, date(p.created_at) AS day, count(*) AS posts, {scored} AS scored,
     {total} AS total
RETURN collect([key, toString(day), posts, scored, total]) AS rows
"""
    for dimension, (pattern, key, scored, total) in _VOLUME_PATTERNS.items()
}

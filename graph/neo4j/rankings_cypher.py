"""Cypher of the rankings: scores, classes and communities written back, the map ties, what
the rankings read about people, and the ranked views. Parameters only; labels and
relationship types are literals of this module."""

from __future__ import annotations

import functools

from graph.neo4j.cypher import collected_pages, keyed_pages

# The decay of an ``age`` in seconds (from $now, epoch seconds): 0.5 ^ (age / $half_life); a
# future timestamp weighs 1.
DECAY_WEIGHT = "0.5 ^ (CASE WHEN age > 0 THEN age ELSE 0 END / $half_life)"

# Scores the rankings write on people (``score_<name>``), each indexed for its ranked reads.
RANKED_SCORES = ("influence", "advocacy")


# Rows are lists, not maps: a map per person cost the driver twice the time to pack.
@functools.cache
def write_columns(columns: int, scores: tuple[int, ...]) -> str:
    """Set ``columns`` properties of each person, ``row[0]`` the person's id and ``row[i]``
    the value of the property named ``$columns[i - 1]`` (null removes it); returns, for each
    row index in ``scores``, how many people got a value there. Property names come from
    validated score names, never input; the text only from these two counts."""
    assignments = ", ".join(f"p[$columns[{i}]] = row[{i + 1}]" for i in range(columns))
    counts = ", ".join(f"count(row[{i}])" for i in scores)
    return f"""
UNWIND $rows AS row
MATCH (p:Person {{id: row[0]}})
SET {assignments}
RETURN [{counts}] AS written
"""


@functools.cache
def held_count(prop: str) -> str:
    """How many people hold ``prop`` (a property a score set writes, named from a validated
    score name, never input): counted in the score's index where it has one."""
    return f"MATCH (p:Person) WHERE p.{prop} IS NOT NULL RETURN count(p) AS held"


# After `write_columns`, the people who hold any of $properties, a page of people at a time:
# [person, [the index in $properties of each one held]] rows. Those a run did not score are
# then cleared by id (CLEAR_SCORES): no statement carries everyone scored, 2M ids at 10M.
HELD_SCORES = collected_pages(
    "Person",
    "id",
    "people",
    "p",
    "WITH p, [i IN range(0, size($properties) - 1) WHERE p[$properties[i]] IS NOT NULL] AS held"
    " WHERE held <> []",
    "[p.id, held]",
)

CLEAR_SCORES = """
UNWIND $rows AS id
MATCH (p:Person {id: id})
SET p += $cleared
"""

DROP_MAP_TIES = "MATCH (:Person)-[t:TIED]->(:Person) DELETE t"

WRITE_MAP_TIES = """
UNWIND $rows AS row
MATCH (a:Person {id: row[0]})
MATCH (b:Person {id: row[1]})
CREATE (a)-[:TIED {weight: row[2], interactions: row[3]}]->(b)
"""

# Packed in one record: [source, target, weight, interactions] rows.
MAP_TIES = """
UNWIND $ids AS id
MATCH (a:Person {id: id})-[t:TIED]->(b:Person)
WHERE b.id IN $ids
RETURN collect([a.id, b.id, t.weight, t.interactions]) AS rows
"""

RECORD_SCORE_RUN = """
MERGE (r:ScoreRun {name: $name})
SET r.computed_at = $computed_at, r.count = $count
"""

# Communities are rewritten as a difference, so that a recomputation that changes little
# writes little: memberships that changed are deleted, the missing ones merged; communities
# left without members go.
UPSERT_COMMUNITIES = """
UNWIND $rows AS row
MERGE (c:Community {id: row.id})
SET c += row.profile, c.computed_at = $computed_at
"""

# The memberships held, a page of people at a time: [person, community] rows, compared with
# the new membership on the caller's side (no statement carries all of it).
MEMBERSHIPS = collected_pages(
    "Person", "id", "people", "p", "MATCH (p)-[:MEMBER_OF]->(c:Community)", "[p.id, c.id]"
)

DROP_MEMBERSHIPS = """
UNWIND $rows AS row
MATCH (:Person {id: row[0]})-[r:MEMBER_OF]->(:Community {id: row[1]})
DELETE r
"""

MERGE_MEMBERSHIPS = """
UNWIND $rows AS row
MATCH (p:Person {id: row[0]})
MATCH (c:Community {id: row[1]})
MERGE (p)-[:MEMBER_OF]->(c)
"""

SIZE_COMMUNITIES = """
MATCH (c:Community)
WITH c, COUNT { (c)<-[:MEMBER_OF]-(:Person) } AS size
CALL (c, size) {
  WITH c WHERE size = 0
  DETACH DELETE c
}
WITH c, size WHERE size > 0
SET c.size = size
RETURN count(c) AS communities
"""

# Packed in one record; the ranking's properties only (temporal values hydrate slowly).
GET_PEOPLE = """
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(c:Community)
RETURN collect([p.id, p.display_name, c.id,
                [key IN keys(p) WHERE key STARTS WITH 'score_' OR key STARTS WITH 'class_'
                                   OR key STARTS WITH 'factors_' | [key, p[key]]]]) AS rows
"""

_COMMUNITY_FIELDS = """c.id AS id, c.size AS size, c.label AS label, c.computed_at AS computed_at,
       c.top_voices AS top_voices, c.top_topics AS top_topics,
       c.main_channels AS main_channels, c.average_sentiment AS average_sentiment"""

GET_COMMUNITIES = f"""
UNWIND $ids AS id
MATCH (c:Community {{id: id}})
RETURN {_COMMUNITY_FIELDS}
"""

LIST_COMMUNITIES = f"""
MATCH (c:Community)
RETURN {_COMMUNITY_FIELDS}
ORDER BY c.size DESC, c.id
SKIP $offset LIMIT $first
"""

# One statement per ranked score, its property written out so that the score's index
# serves the order (a dynamic ``p[$property]`` scans every person). ``$label_property`` is a
# code-chosen property name (a validated class name with its prefix), never input.
TOP_PEOPLE = {
    score: f"""
MATCH (p:Person)
WHERE p.score_{score} IS NOT NULL
  AND ($community IS NULL OR EXISTS {{ (p)-[:MEMBER_OF]->(:Community {{id: $community}}) }})
  AND ($label_property IS NULL OR p[$label_property] = $label_value)
RETURN p.id AS id, p.score_{score} AS value
ORDER BY value DESC, id
SKIP $offset LIMIT $first
"""
    for score in RANKED_SCORES
}

# Any other score (``$property``: a validated name with its prefix, never input), unindexed.
TOP_PEOPLE_BY_PROPERTY = """
MATCH (p:Person)
WHERE p[$property] IS NOT NULL
  AND ($community IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:Community {id: $community}) })
  AND ($label_property IS NULL OR p[$label_property] = $label_value)
RETURN p.id AS id, p[$property] AS value
ORDER BY value DESC, id
SKIP $offset LIMIT $first
"""

COMMUNITY_MEMBERS = """
UNWIND $ids AS id
MATCH (p:Person)-[:MEMBER_OF]->(:Community {id: id})
WITH id, p ORDER BY coalesce(p[$property], 0.0) DESC, p.id
WITH id, collect(p.id) AS members
RETURN id, members[$offset..($offset + $first)] AS page
"""

TOPIC_AUTHORS = """
MATCH (:Topic {key: $key})<-[:TAGGED]-(:Post)<-[:POSTED]-(:Account)<-[:HAS_ACCOUNT]-(p:Person)
RETURN p.id AS person, count(*) AS posts
"""

# Everything the rankings read about people, a page of people at a time (by id on its
# unique index; $after: the last id of the page before, "" at first), in the page's one
# record: one aggregation over everyone held 166 MB of the JVM's heap at 200k people (its
# PROFILE), too much for a 2 GB heap at 2M. Each person's posts are walked once, for their
# opinions, topics and channels together.
#
# ``posts`` rows: ``posts``, ``total``, ``volume`` and ``decayed`` sum the posts with a
# sentiment score; each post weighs 0.5 ^ (age / half-life), ages in seconds from $now
# (epoch seconds). ``votes`` and the sums after it count the posts about the brand (with an
# aspect), each one vote: a complaint against the brand and praise for it whatever the
# label, else the label. Nulls leave a sum as it was (a post not analysed adds to no sum).
# Then the topic keys and the channel uids of each post that has any. ``profiles`` rows: the
# followers of each account that has a count, whether a customer, the community (none or
# one).
PEOPLE_ACTIVITY = keyed_pages(
    "Person",
    "id",
    "people",
    f"""CALL (people) {{
  UNWIND people AS p
  MATCH (p)-[:HAS_ACCOUNT]->(:Account)-[:POSTED]->(post:Post)
  WITH p, post.sentiment_score AS score,
       CASE WHEN post.sentiment IS NOT NULL AND EXISTS {{ (post)-[:ABOUT]->() }} THEN
         CASE post.intent WHEN 'complaint' THEN 'negative' WHEN 'praise' THEN 'positive'
         ELSE CASE WHEN EXISTS {{ (post)-[:ABOUT]->(:Brand) }} THEN post.sentiment
                   ELSE 'neutral' END
         END
       END AS label,
       $now - post.created_at.epochSeconds AS age,
       [(post)-[:TAGGED]->(t:Topic) | t.key] AS topics,
       [(post)-[:IN_CHANNEL]->(c:Channel) | c.uid] AS channels
  WITH p, score, label, topics, channels, {DECAY_WEIGHT} AS weight
  WITH p, count(score) AS posts, sum(score) AS total,
       sum(CASE WHEN score IS NOT NULL THEN weight END) AS volume,
       sum(weight * score) AS decayed,
       count(label) AS votes,
       sum(CASE WHEN label = 'positive' THEN weight WHEN label IS NOT NULL THEN 0.0 END)
         AS positive,
       sum(CASE WHEN label = 'negative' THEN weight WHEN label IS NOT NULL THEN 0.0 END)
         AS negative,
       sum(CASE WHEN label = 'neutral' THEN weight WHEN label IS NOT NULL THEN 0.0 END)
         AS neutral,
       sum(CASE WHEN label = 'neutral' THEN 0.0 WHEN label IS NOT NULL THEN weight * weight END)
         AS squares,
       [keys IN collect(topics) WHERE keys <> []] AS topics,
       [uids IN collect(channels) WHERE uids <> []] AS channels
  RETURN collect([p.id, posts, total, volume, decayed, votes, positive, negative, neutral,
                  squares, topics, channels]) AS posts
}}
CALL (people) {{
  UNWIND people AS p
  RETURN collect([p.id,
                  [(p)-[:HAS_ACCOUNT]->(a:Account) WHERE a.followers IS NOT NULL | a.followers],
                  EXISTS {{ (p)-[:IS_CUSTOMER]->(:Customer) }},
                  [(p)-[:MEMBER_OF]->(c:Community) | c.id]]) AS profiles
}}""",
    "posts, profiles",
)

"""Cypher of the correlate-and-act records: identity links, the routing table, the
response queue, alerts and deliveries. Every record keeps its whole JSON in ``data`` next
to the properties queries filter on; times are ISO 8601 text in UTC, which sorts."""

ACCOUNT_PAGE = """
MATCH (a:Account) WHERE a.uid > $after
WITH a ORDER BY a.uid LIMIT $limit
OPTIONAL MATCH (p:Person)-[:HAS_ACCOUNT]->(a)
RETURN a {.platform, .handle, .display_name, .followers, .url, .links} AS account,
       p.id AS person_id
ORDER BY a.uid
"""

CUSTOMER_PAGE = """
MATCH (c:Customer) WHERE c.external_id > $after
RETURN c.external_id AS external_id, c.first_name AS first_name, c.last_name AS last_name,
       c.email AS email, c.city AS city, c.lifetime_value AS lifetime_value,
       c.handles AS handles
ORDER BY c.external_id LIMIT $limit
"""

UNLINK_CUSTOMER = """
MATCH (:Person {id: $person_id})-[link:IS_CUSTOMER]->(:Customer {external_id: $customer_id})
DELETE link
RETURN count(*) AS removed
"""

# -- identity links --------------------------------------------------------------------------

ADD_LINKS = """
UNWIND $rows AS row
OPTIONAL MATCH (known:IdentityLink {id: row.id})
WITH row, known IS NULL AS is_new
MERGE (l:IdentityLink {id: row.id})
  ON CREATE SET l += row
FOREACH (_ IN CASE WHEN NOT is_new AND l.status = 'proposed' AND row.status = 'proposed'
               THEN [1] ELSE [] END |
  SET l.confidence = row.confidence, l.data = row.data)
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

LINKS = """
MATCH (l:IdentityLink)
WHERE ($kind IS NULL OR l.kind = $kind) AND ($status IS NULL OR l.status = $status)
RETURN l.data AS data
ORDER BY l.confidence DESC, l.id SKIP $offset LIMIT $first
"""

LINKS_BY_DECISION = """
MATCH (l:IdentityLink)
WHERE ($kind IS NULL OR l.kind = $kind) AND ($status IS NULL OR l.status = $status)
RETURN l.data AS data
ORDER BY l.decided_at IS NULL, l.decided_at DESC, l.confidence DESC, l.id
SKIP $offset LIMIT $first
"""

GET_LINKS = """
UNWIND $ids AS id
MATCH (l:IdentityLink {id: id})
RETURN l.data AS data
"""

LINKS_OF_MERGES = """
UNWIND $ids AS id
MATCH (l:IdentityLink {merge_event_id: id})
RETURN l.data AS data ORDER BY l.id
"""

UPDATE_LINK = """
MATCH (l:IdentityLink {id: $row.id}) WHERE l.status = $expected
SET l += $row
RETURN count(l) AS updated
"""

ERASE_LINKS = """
CALL () {
  MATCH (l:IdentityLink {person_id: $id}) RETURN l
  UNION
  MATCH (l:IdentityLink {target_id: $id}) RETURN l
}
DELETE l
"""

# -- the routing table -------------------------------------------------------------------------

ROUTING_TABLE = "MATCH (t:RoutingTable {id: 'current'}) RETURN t.data AS data"

SAVE_ROUTING_TABLE = """
MERGE (t:RoutingTable {id: 'current'})
SET t.data = $data, t.actor = $actor, t.at = $at
"""

# -- the response queue ------------------------------------------------------------------------

OPEN_CONVERSATIONS = """
UNWIND $rows AS row
MATCH (p:Post {uid: row.post_uid})
OPTIONAL MATCH (known:Conversation {post_uid: row.post_uid})
WITH p, row, known IS NULL AS is_new
MERGE (c:Conversation {post_uid: row.post_uid})
  ON CREATE SET c += row
MERGE (c)-[:ABOUT]->(p)
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

CONVERSATIONS = """
MATCH (c:Conversation)
WHERE ($function IS NULL OR c.function = $function)
  AND ($owner IS NULL OR c.owner = $owner)
  AND ($status IS NULL OR c.status = $status)
  AND ($due_before IS NULL OR c.due_at < $due_before)
  AND ($received_since IS NULL OR c.received_at >= $received_since)
  AND ($received_until IS NULL OR c.received_at < $received_until)
RETURN c.data AS data
ORDER BY c.priority_rank, c.due_at, c.post_uid SKIP $offset LIMIT $first
"""

GET_CONVERSATIONS = """
UNWIND $ids AS id
MATCH (c:Conversation {post_uid: id})
RETURN c.data AS data
"""

UPDATE_CONVERSATION = """
MATCH (c:Conversation {post_uid: $row.post_uid}) WHERE c.status = $expected
SET c.owner = $row.owner, c.status = $row.status, c.data = $row.data
RETURN count(c) AS updated
"""

# -- alerts and deliveries ---------------------------------------------------------------------

ADD_ALERTS = """
UNWIND $rows AS row
OPTIONAL MATCH (known:Alert {id: row.id})
WITH row, known IS NULL AS is_new
MERGE (a:Alert {id: row.id})
  ON CREATE SET a += row
WITH row, is_new WHERE is_new
RETURN collect(row.id) AS created
"""

ALERTS = """
MATCH (a:Alert)
RETURN a.data AS data ORDER BY a.raised_at DESC, a.id SKIP $offset LIMIT $first
"""

GET_ALERTS = """
UNWIND $ids AS id
MATCH (a:Alert {id: id})
RETURN a.data AS data
"""

ALERTS_SINCE = """
MATCH (a:Alert) WHERE a.raised_at >= $since
RETURN a.data AS data ORDER BY a.raised_at, a.id LIMIT $limit
"""

ADD_DELIVERIES = """
UNWIND $rows AS row
OPTIONAL MATCH (known:WebhookDelivery {id: row.id})
WITH row, known IS NULL AS is_new
MERGE (d:WebhookDelivery {id: row.id})
  ON CREATE SET d += row
RETURN sum(CASE WHEN is_new THEN 1 ELSE 0 END) AS created
"""

DUE_DELIVERIES = """
MATCH (d:WebhookDelivery {state: 'pending'}) WHERE d.next_attempt_at <= $now
RETURN d.data AS data ORDER BY d.next_attempt_at, d.id LIMIT $limit
"""

SAVE_DELIVERY = """
MATCH (d:WebhookDelivery {id: $row.id})
SET d += $row
"""

DELIVERIES_OF = """
UNWIND $ids AS id
MATCH (d:WebhookDelivery {alert_id: id})
WHERE $state IS NULL OR d.state = $state
RETURN d.data AS data ORDER BY d.id
"""

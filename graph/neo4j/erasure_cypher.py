"""Cypher of erasure and retention: the posts going, what hangs on them, and what others'
posts keep of them. Parameters only; labels and relationship types are literals here."""

from __future__ import annotations

POSTS_OF = """
UNWIND $accounts AS uid
MATCH (:Account {uid: uid})-[:POSTED]->(p:Post)
RETURN collect(p.uid) AS posts
"""

POSTS_BEFORE = """
MATCH (p:Post) WHERE p.created_at < $cutoff
RETURN collect(p.uid) AS posts
"""

# A plain repost is a copy of the original's words; a quote keeps its own.
COPIES_OF = """
UNWIND $posts AS uid
MATCH (copy:Post {shares_uid: uid}) WHERE copy.share_kind = 'repost'
RETURN collect(copy.uid) AS copies
"""

REDACT_COPIES = """
UNWIND $copies AS uid
MATCH (copy:Post {uid: uid})
SET copy.text = $erased, copy.sentiment = null, copy.sentiment_score = null,
    copy.intent = null
WITH copy
CALL (copy) {
  MATCH (copy)-[r:TAGGED|ABOUT]->()
  DELETE r
}
"""

CUT_LINKS = """
UNWIND $posts AS uid
CALL (uid) {
  MATCH (child:Post {reply_to_uid: uid})
  SET child.reply_to_uid = null
}
CALL (uid) {
  MATCH (copy:Post {shares_uid: uid})
  SET copy.shares_uid = null
}
"""

DROP_CONVERSATIONS = """
UNWIND $posts AS uid
MATCH (c:Conversation {post_uid: uid})
DETACH DELETE c
"""

# The topics and channels only these posts used go with them.
DROP_POSTS = """
UNWIND $posts AS uid
MATCH (p:Post {uid: uid})
WITH collect(p) AS posts
CALL (posts) {
  UNWIND posts AS p
  MATCH (p)-[:TAGGED]->(t:Topic)
  RETURN collect(DISTINCT t) AS topics
}
CALL (posts) {
  UNWIND posts AS p
  MATCH (p)-[:IN_CHANNEL]->(c:Channel)
  RETURN collect(DISTINCT c) AS channels
}
FOREACH (p IN posts | DETACH DELETE p)
WITH size(posts) AS gone, topics, channels
CALL (topics) {
  UNWIND topics AS t
  WITH t WHERE NOT EXISTS { (t)<-[:TAGGED]-(:Post) }
  DETACH DELETE t
}
CALL (channels) {
  UNWIND channels AS c
  WITH c WHERE NOT EXISTS { (c)<-[:IN_CHANNEL]-(:Post) }
  DETACH DELETE c
}
RETURN gone
"""

TEXTS_HOLDING = """
MATCH (p:Post)
WHERE any(needle IN $needles WHERE toLower(p.text) CONTAINS needle)
RETURN p.uid AS uid, p.text AS text
"""

SET_TEXTS = """
UNWIND $rows AS row
MATCH (p:Post {uid: row.uid})
SET p.text = row.text
"""

# Customer records linked to nobody else are copies of the person's CRM entry.
ERASE_CUSTOMERS = """
MATCH (p:Person {id: $id})-[:IS_CUSTOMER]->(c:Customer)
WHERE NOT EXISTS { MATCH (other:Person)-[:IS_CUSTOMER]->(c) WHERE other <> p }
DETACH DELETE c
"""

ERASE_ALERTS = """
MATCH (a:Alert {subject: $id})
OPTIONAL MATCH (d:WebhookDelivery {alert_id: a.id})
DETACH DELETE d, a
"""

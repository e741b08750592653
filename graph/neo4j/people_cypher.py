"""Cypher of the people part of the store: programme history, identity events, erasure and
API keys. Parameters only; labels and relationship types are literals of this module."""

from __future__ import annotations

ADD_STATUS_CHANGES = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
CREATE (p)-[:HAD_STATUS]->(s:StatusChange {id: row.id})
SET s.status = row.status, s.note = row.note, s.actor = row.actor, s.at = row.at
RETURN count(s) AS written
"""

PROGRAMME_HISTORY = """
UNWIND $ids AS id
MATCH (:Person {id: id})-[:HAD_STATUS]->(s:StatusChange)
RETURN id AS person_id, s.status AS status, s.note AS note, s.actor AS actor, s.at AS at
ORDER BY person_id, s.at, s.id
"""

# Each person's latest step decides their current status.
PROGRAMME_MEMBERS = """
MATCH (p:Person)-[:HAD_STATUS]->(s:StatusChange)
WITH p, s ORDER BY s.at DESC, s.id DESC
WITH p, head(collect(s)) AS latest
WHERE latest.status = $status
WITH p, latest ORDER BY latest.at DESC, p.id
WITH collect({person_id: p.id, status: latest.status, note: latest.note, actor: latest.actor,
              at: latest.at}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $first] AS page
"""

MOVE_ACCOUNTS = """
MATCH (source:Person {id: $source})-[owned:HAS_ACCOUNT]->(a:Account)
WHERE a.uid IN $uids
MATCH (target:Person {id: $target})
DELETE owned
MERGE (target)-[:HAS_ACCOUNT]->(a)
SET a.person_id = target.id
"""

COPY_CUSTOMER_LINKS = """
MATCH (source:Person {id: $source})-[link:IS_CUSTOMER]->(c:Customer)
MATCH (target:Person {id: $target})
MERGE (target)-[copy:IS_CUSTOMER]->(c)
  ON CREATE SET copy.confidence = link.confidence, copy.evidence = link.evidence
"""

DROP_CUSTOMER_LINKS = """
MATCH (:Person {id: $id})-[link:IS_CUSTOMER]->(c:Customer)
WHERE c.external_id IN $customers
DELETE link
"""

DELETE_PERSON = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:HAD_STATUS]->(s:StatusChange)
DETACH DELETE s, p
"""

ENSURE_PERSON = """
MERGE (p:Person {id: $id})
  ON CREATE SET p.created_at = $now
SET p.display_name = $display_name, p.name_key = toLower($display_name)
"""

RECORD_EVENT = """
CREATE (e:IdentityEvent {id: $row.id})
SET e += $row
"""

MARK_UNDONE = """
MATCH (e:IdentityEvent {id: $undoes})
SET e.undone_by = $id
"""

IDENTITY_EVENTS = """
UNWIND $ids AS id
CALL (id) {
  MATCH (e:IdentityEvent {person_id: id}) RETURN e
  UNION
  MATCH (e:IdentityEvent {other_id: id}) RETURN e
}
RETURN id AS person, properties(e) AS event
ORDER BY e.at, e.id
"""

CUSTOMER_LINKS_OF = """
UNWIND $ids AS id
MATCH (p:Person {id: id})-[r:IS_CUSTOMER]->(c:Customer)
RETURN p.id AS person_id, c.external_id AS customer_id, r.confidence AS confidence,
       r.evidence AS evidence
ORDER BY person_id, customer_id
"""

# -- erasure ---------------------------------------------------------------------------------

ACCOUNTS_TO_ERASE = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:HAS_ACCOUNT]->(a:Account)
RETURN p.id AS id, collect(a.uid) AS accounts
"""

ERASE_PERSON = """
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:HAS_ACCOUNT]->(a:Account)
OPTIONAL MATCH (b:BrandAccount {account_uid: a.uid})
OPTIONAL MATCH (p)-[:HAD_STATUS]->(s:StatusChange)
DETACH DELETE a, b, s, p
"""

# Marks live apart from the accounts: a lexicon may name an account before it posts.
SET_AFFILIATIONS = """
UNWIND $marked AS row
MERGE (b:BrandAccount {account_uid: row.uid})
WITH b, row WHERE b.affiliation IS NULL OR b.affiliation <> row.affiliation
SET b.affiliation = row.affiliation
RETURN count(b) AS changed
"""

CLEAR_AFFILIATIONS = """
UNWIND $cleared AS uid
MATCH (b:BrandAccount {account_uid: uid})
DELETE b
RETURN count(*) AS changed
"""

AFFILIATED_ACCOUNTS = """
MATCH (b:BrandAccount)
OPTIONAL MATCH (p:Person)-[:HAS_ACCOUNT]->(:Account {uid: b.account_uid})
RETURN b.account_uid AS uid, b.affiliation AS affiliation, p.id AS person
ORDER BY uid
"""

ERASE_EVENTS = """
CALL () {
  MATCH (e:IdentityEvent {person_id: $id}) RETURN e
  UNION
  MATCH (e:IdentityEvent {other_id: $id}) RETURN e
}
DELETE e
"""

ERASE_FROM_PROFILES = """
MATCH (c:Community) WHERE $id IN c.top_voices
SET c.top_voices = [voice IN c.top_voices WHERE voice <> $id]
"""

ERASE_QUARANTINED = """
MATCH (q:QuarantinedRecord)
WHERE any(needle IN $needles WHERE toLower(q.payload) CONTAINS toLower(needle))
DELETE q
"""

SUPPRESS = """
UNWIND $keys AS key
MERGE (s:Suppression {key: key})
  ON CREATE SET s.at = $now
"""

SUPPRESSED = """
UNWIND $keys AS key
MATCH (s:Suppression {key: key})
RETURN collect(s.key) AS keys
"""

# -- API keys --------------------------------------------------------------------------------

SAVE_API_KEY = """
CREATE (k:ApiKey {id: $row.id})
SET k += $row
"""

API_KEY = "MATCH (k:ApiKey {digest: $digest}) RETURN properties(k) AS key"

API_KEYS = "MATCH (k:ApiKey) RETURN properties(k) AS key ORDER BY k.created_at, k.id"

REVOKE_API_KEY = """
MATCH (k:ApiKey {id: $id}) WHERE k.revoked_at IS NULL
SET k.revoked_at = $at
RETURN count(k) AS revoked
"""

# After a split that undoes a merge: the scores, factors and classes the person had, and
# their community if it is still there.
RESTORE_RANKINGS = """
MATCH (p:Person {id: $id})
SET p += $props
WITH p
OPTIONAL MATCH (c:Community {id: $community})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (p)-[:MEMBER_OF]->(c))
"""

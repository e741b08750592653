"""The Cypher of the ingestion bookkeeping: the quarantine, and ingest jobs with their chunks
(`graph.neo4j.bookkeeping`).
"""

from __future__ import annotations

QUARANTINE = """
UNWIND $rows AS row
MERGE (q:QuarantinedRecord {id: row.id})
  ON CREATE SET q.format = row.format, q.source = row.source, q.position = row.position,
                q.payload = row.payload, q.context = row.context, q.at = row.at
SET q.reason = row.reason
"""


QUARANTINED = """
MATCH (q:QuarantinedRecord)
WHERE q.id > $after AND ($format IS NULL OR q.format = $format)
RETURN q.id AS id, q.format AS format, q.source AS source, q.position AS position,
       q.reason AS reason, q.payload AS payload, q.context AS context, q.at AS at
ORDER BY q.id
LIMIT $limit
"""


RELEASE_QUARANTINED = """
UNWIND $ids AS id
MATCH (q:QuarantinedRecord {id: id})
DELETE q
RETURN count(*) AS released
"""


SAVE_JOB = """
MERGE (j:IngestJob {id: $id})
  ON CREATE SET j.format = $format, j.source = $source, j.created_at = $now
SET j.state = $state,
    j.chunks_total = coalesce($chunks_total, j.chunks_total),
    j.error = coalesce($error, j.error)
"""


# A chunk reported twice (a redelivered task) keeps its first counts.
RECORD_CHUNK = """
MATCH (j:IngestJob {id: $job_id})
OPTIONAL MATCH (known:IngestChunk {key: $key})
WITH j, known IS NULL AS is_new
MERGE (c:IngestChunk {key: $key})
  ON CREATE SET c.read = $read, c.stored = $stored, c.duplicates = $duplicates,
                c.rejected = $rejected
MERGE (j)-[:HAS_CHUNK]->(c)
RETURN is_new
"""


GET_JOB = """
MATCH (j:IngestJob {id: $id})
OPTIONAL MATCH (j)-[:HAS_CHUNK]->(c:IngestChunk)
RETURN j.id AS id, j.format AS format, j.source AS source, j.state AS state,
       j.created_at AS created_at, j.chunks_total AS chunks_total, j.error AS error,
       count(c) AS chunks_done, coalesce(sum(c.read), 0) AS read,
       coalesce(sum(c.stored), 0) AS stored, coalesce(sum(c.duplicates), 0) AS duplicates,
       coalesce(sum(c.rejected), 0) AS rejected
"""

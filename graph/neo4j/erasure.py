"""Erasure and retention for `Neo4jGraphStore`: the nodes a person or an old post leaves
behind are found through the links, so nothing derived survives them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph.model.keys import utc
from graph.model.people import ERASED, Erasure, Redaction, post_suppression_key
from graph.neo4j import correlate_cypher, people_cypher
from graph.neo4j import erasure_cypher as cypher
from graph.neo4j.base import Neo4jBase


class ErasureMixin(Neo4jBase):
    """`erase_person` and `drop_posts_older_than` (on the driver helpers of `Neo4jBase`)."""

    def _drop_posts(self, tx: ManagedTransaction, posts: list[str]) -> int:
        """Delete ``posts`` with what hangs on them, cut others' links to them, and drop
        topics and channels no post uses any more; how many posts went."""
        self._run(tx, cypher.CUT_LINKS, posts=posts)
        self._run(tx, cypher.DROP_CONVERSATIONS, posts=posts)
        return int(self._run(tx, cypher.DROP_POSTS, posts=posts)[0]["gone"])

    def _redact_texts(self, tx: ManagedTransaction, redaction: Redaction) -> set[str]:
        """Pass every post text holding one of the needles through the redaction; the uids
        of those it changed."""
        if not redaction.needles:
            return set()
        found = self._run(tx, cypher.TEXTS_HOLDING, needles=list(redaction.needles))
        rows = [
            {"uid": r["uid"], "text": new}
            for r in found
            if (new := redaction.apply(r["text"])) != r["text"]
        ]
        self._run(tx, cypher.SET_TEXTS, rows=rows)
        return {row["uid"] for row in rows}

    def erase_person(
        self,
        person_id: str,
        suppression_keys: Sequence[str],
        quarantine_needles: Sequence[str],
        redaction: Redaction,
    ) -> Erasure | None:
        def work(tx: ManagedTransaction) -> Erasure | None:
            found = self._run(tx, people_cypher.ACCOUNTS_TO_ERASE, id=person_id)
            if not found:
                return None
            accounts = list(found[0]["accounts"])
            posts = list(self._run(tx, cypher.POSTS_OF, accounts=accounts)[0]["posts"])
            copies = list(self._run(tx, cypher.COPIES_OF, posts=posts)[0]["copies"])
            self._run(tx, cypher.REDACT_COPIES, copies=copies, erased=ERASED)
            erased_posts = self._drop_posts(tx, posts)
            redacted = set(copies) | self._redact_texts(tx, redaction)
            for statement in (
                cypher.ERASE_ALERTS,
                cypher.ERASE_CUSTOMERS,
                people_cypher.ERASE_PERSON,
                people_cypher.ERASE_EVENTS,
                people_cypher.ERASE_FROM_PROFILES,
                correlate_cypher.ERASE_LINKS,
            ):
                self._run(tx, statement, id=person_id)
            self._run(tx, people_cypher.ERASE_QUARANTINED, needles=list(quarantine_needles))
            keys = [*suppression_keys, *(post_suppression_key(uid) for uid in posts)]
            self._run(tx, people_cypher.SUPPRESS, keys=keys, now=datetime.now(UTC))
            return Erasure(person_id, len(accounts), erased_posts, len(redacted))

        result: Erasure | None = self._write(work)
        return result

    def drop_posts_older_than(self, cutoff: datetime) -> int:
        def work(tx: ManagedTransaction) -> int:
            old = list(self._run(tx, cypher.POSTS_BEFORE, cutoff=utc(cutoff))[0]["posts"])
            copies = self._run(tx, cypher.COPIES_OF, posts=old)[0]["copies"]
            return self._drop_posts(tx, list(dict.fromkeys([*old, *copies])))

        result: int = self._write(work)
        return result

"""What a run of batches has already written of the nodes its posts share, and which of its
batches may be written at the same time.

An export names the same few accounts, channels and topics batch after batch: an author of
many posts comes back in most batches. Written once by a run (one source being ingested),
they need not be written again unless a later batch says more of them: `SharedRows.novel`
keeps only the rows that could still change the store. Nothing stored differs: a row it
drops would have set what the store already holds.

Batches whose writes touch different nodes may be written at once (`BatchKeys.conflicts`).
Those that share one must not: a batch could then look for an account, or a parent post,
that a concurrent and uncommitted batch is creating, and not find it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from graph.store.rows import FILLABLE, PostBatch, Row


@dataclass(frozen=True, slots=True)
class BatchKeys:
    """The nodes a batch writes (creates or changes), and every node it writes or reads."""

    writes: frozenset[str]
    touches: frozenset[str]

    def conflicts(self, other: BatchKeys) -> bool:
        """Whether either batch writes a node the other touches.

        >>> one = BatchKeys(frozenset({"post 1"}), frozenset({"post 1", "account a"}))
        >>> reply = BatchKeys(frozenset({"post 2"}), frozenset({"post 2", "post 1"}))
        >>> other = BatchKeys(frozenset({"post 3"}), frozenset({"post 3", "account a"}))
        >>> one.conflicts(reply), one.conflicts(other)
        (True, False)
        """
        return not (self.writes.isdisjoint(other.touches) and other.writes.isdisjoint(self.touches))


_LINKED = (("channel_uid", "channel"), ("reply_to_uid", "post"), ("shares_uid", "post"))


def batch_keys(batch: PostBatch) -> BatchKeys:
    """The keys of the nodes ``batch`` writes, and of all it writes or reads: its posts, the
    shared rows it still carries, the accounts, channels and topics its posts link to, and
    the posts they reply to or share.

    Aspect targets (the brand, its products and touchpoints) are read: their MERGE under a
    uniqueness constraint is safe however many batches run it at once.
    """
    writes = {f"post {row['uid']}" for row in batch.posts}
    writes.update(f"account {row['uid']}" for row in batch.accounts)
    writes.update(f"channel {row['uid']}" for row in batch.channels)
    writes.update(f"topic {row['key']}" for row in batch.topics)
    touches = set(writes)
    for row in batch.posts:
        touches.add(f"account {row['author_uid']}")
        touches.update(f"account {uid}" for uid in row["mention_uids"])
        touches.update(f"topic {key}" for key in row["topic_keys"])
        for column, kind in _LINKED:
            if row[column] is not None:
                touches.add(f"{kind} {row[column]}")
    return BatchKeys(frozenset(writes), frozenset(touches))


class SharedRows:
    """The accounts, channels and topics one run has written, as the store now holds them
    (see the module).

    >>> from graph.store.rows import PostBatch
    >>> run = SharedRows()
    >>> ada = {"uid": "m:ada", "display_name": "Ada", "followers": 3, "url": None, "links": None}
    >>> len(run.novel(PostBatch(accounts=[ada])).accounts)
    1
    >>> len(run.novel(PostBatch(accounts=[{**ada, "display_name": None}])).accounts)
    0
    >>> len(run.novel(PostBatch(accounts=[{**ada, "followers": 4}])).accounts)
    1
    """

    def __init__(self) -> None:
        self._accounts: dict[str, Row] = {}
        self._channels: dict[str, Row] = {}
        self._topics: set[str] = set()

    def novel(self, batch: PostBatch) -> PostBatch:
        """``batch`` less the shared rows that would change nothing this run has written; the
        rows kept count as written from now on."""
        topics = [row for row in batch.topics if row["key"] not in self._topics]
        self._topics.update(row["key"] for row in topics)
        return replace(
            batch,
            accounts=[row for row in batch.accounts if self._account_changes(row)],
            channels=[row for row in batch.channels if self._channel_changes(row)],
            topics=topics,
        )

    def _account_changes(self, row: Row) -> bool:
        # A field the row lacks keeps the stored value (the stores coalesce).
        known = self._accounts.get(row["uid"])
        if known is None:
            self._accounts[row["uid"]] = {key: row[key] for key in FILLABLE}
            return True
        said = {key: row[key] for key in FILLABLE if row[key] is not None}
        if all(known[key] == value for key, value in said.items()):
            return False
        known.update(said)
        return True

    def _channel_changes(self, row: Row) -> bool:
        # The latest kind is kept, and the earliest first post.
        known = self._channels.get(row["uid"])
        first: Any = row["first_post_at"]
        if known is not None and known["kind"] == row["kind"] and known["first"] <= first:
            return False
        earliest = first if known is None else min(known["first"], first)
        self._channels[row["uid"]] = {"kind": row["kind"], "first": earliest}
        return True

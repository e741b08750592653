"""The ingest pipeline: read → parse → validate → enrich → batched write.

Every record read ends as stored, duplicate (already in the graph, or repeated in the batch)
or rejected into the quarantine with its reason: ``read == stored + duplicates + rejected``.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from typing import IO, Any

from graph.model.bookkeeping import IngestCounts, QuarantineEntry
from graph.model.nodes import ChannelKind, Post
from graph.model.people import post_suppression_key, suppression_key
from graph.responses.acting import Actions
from graph.store.contract import GraphStore
from graph.store.rows import PostBatch, without_erased
from graph.store.shared_rows import BatchKeys, SharedRows, batch_keys
from ingestion.canonical.record import RecordError, validate_record
from ingestion.parallel import can_fork, in_workers
from ingestion.parsers import Item, Parser, RawRecord, Unreadable
from ingestion.parsers.base import readable

log = logging.getLogger(__name__)

Enricher = Callable[[list[Post]], list[Post]]
Stored = tuple[IngestCounts, list[Post]]
"""What a chunk stored, and its posts to act on."""

_NO_KEYS = BatchKeys(frozenset(), frozenset())

DEFAULT_CHANNEL_KINDS: Mapping[str, ChannelKind] = {
    "mastodon": ChannelKind.APPEAL,
    "x": ChannelKind.APPEAL,
    "youtube": ChannelKind.APPEAL,
    "reddit": ChannelKind.VERTICAL,
    "rss": ChannelKind.VERTICAL,
    "csv": ChannelKind.APPEAL,
}


def passthrough(posts: list[Post]) -> list[Post]:
    """The enrichment hook until language, sentiment and topics are added."""
    return posts


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def item_to_json(item: Item) -> dict[str, Any]:
    """An item as plain JSON, to travel in a task message."""
    if isinstance(item, Unreadable):
        return {
            "unreadable": True,
            "position": item.position,
            "raw": item.raw,
            "reason": item.reason,
        }
    return {"position": item.position, "payload": item.payload, "context": dict(item.context)}


def item_from_json(data: Mapping[str, Any]) -> Item:
    if data.get("unreadable"):
        return Unreadable(data["position"], data["raw"], data["reason"])
    return RawRecord(data["position"], data["payload"], data.get("context") or {})


def quarantine_entry(fmt: str, source: str, item: Item, reason: str) -> QuarantineEntry:
    """The same bad record always gets the same id, so re-ingesting it adds no entry."""
    data = item_to_json(item)
    payload = _json_text(data.get("payload", data.get("raw")))
    context = _json_text({"unreadable": True} if isinstance(item, Unreadable) else data["context"])
    digest = hashlib.sha256(f"{fmt}\0{payload}\0{context}".encode()).hexdigest()[:32]
    return QuarantineEntry(
        id=digest,
        format=fmt,
        source=source,
        position=item.position,
        reason=reason,
        payload=payload,
        context=context,
        at=datetime.now(UTC),
    )


def _json_text(value: Any) -> str:
    """``value`` as JSON text a store can hold, whatever a reader left in it: a value JSON
    has no type for (a reader's date, say) as its text, half a surrogate pair escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    try:
        text.encode()
    except UnicodeEncodeError:
        return json.dumps(value, sort_keys=True, default=str)
    return text


def quarantined_items(
    entry: QuarantineEntry, read: Callable[[IO[bytes]], Iterable[Item]]
) -> list[Item]:
    """What a quarantined record is read back as: the raw record with its context, or, for
    a piece that could not be read, whatever ``read`` now reads in its raw text."""
    context = json.loads(entry.context)
    payload = json.loads(entry.payload)
    if context.get("unreadable"):
        return list(read(io.BytesIO(str(payload).encode())))
    return [RawRecord(entry.position, payload, context)]


@dataclass(frozen=True, slots=True)
class PreparedChunk:
    """A chunk parsed and enriched, ready to write."""

    read: int
    posts: PostBatch | None
    rejected: list[QuarantineEntry]
    enriched: tuple[Post, ...] = ()
    """The posts the batch was made from, for the actions taken on them once written (none
    when the pipeline takes no actions)."""


@dataclass
class Pipeline:
    """Turns read items into posts in the store, in batches."""

    store: GraphStore
    channel_kinds: Mapping[str, ChannelKind] = field(
        default_factory=lambda: dict(DEFAULT_CHANNEL_KINDS)
    )
    enrich: Enricher = passthrough
    batch_size: int = 1000
    actions: Actions | None = None
    """Routing and alerts for the new posts of each batch (none: store only)."""
    on_alerts: Callable[[], None] | None = None
    """Called when a batch raised alerts (the in-process mode starts their delivery)."""
    on_stored: Callable[[], None] | None = None
    """Called when a batch stored new posts (the in-process mode schedules a ranking)."""
    workers: int = 0
    """Processes that prepare the parts of a source for `ingest_stream` (0: this process)."""
    writers: int = 1
    """Chunks written at once, each in a thread of its own (see `_write_all`)."""

    def ingest_stream(
        self,
        stream: IO[bytes],
        parser: Parser,
        source: str,
        progress: Callable[[IngestCounts], None] | None = None,
    ) -> IngestCounts:
        """Ingest a whole file (`prepared_stream`), written here in the file's order."""
        return self._write_all(self.prepared_stream(stream, parser, source), progress)

    def prepared_stream(
        self, stream: IO[bytes], parser: Parser, source: str
    ) -> Iterator[PreparedChunk]:
        """`prepare` of every batch of a whole file, in the file's order. A source the parser
        splits into parts is prepared by `workers` processes, when there are any and this
        process may fork."""
        if not (self.workers and can_fork()):
            return self._prepared(parser.read(stream), parser, source)

        def prepared(part: Iterable[Item]) -> Iterator[PreparedChunk]:
            return self._prepared(part, parser, source)

        return in_workers(prepared, parser.parts(stream, self.batch_size), self.workers)

    def ingest(
        self,
        items: Iterable[Item],
        parser: Parser,
        source: str,
        progress: Callable[[IngestCounts], None] | None = None,
    ) -> IngestCounts:
        """Ingest every item, parsing the next batch while the previous one is written."""
        return self._write_all(self._prepared(items, parser, source), progress)

    def _prepared(
        self, items: Iterable[Item], parser: Parser, source: str
    ) -> Iterator[PreparedChunk]:
        """`prepare` of every batch of ``items``, in order."""
        for chunk in batched(readable(items), self.batch_size):
            yield self.prepare(chunk, parser, source)

    def _write_all(
        self,
        chunks: Iterable[PreparedChunk],
        progress: Callable[[IngestCounts], None] | None,
    ) -> IngestCounts:
        """Store every chunk (`_store`), up to `writers` at once in threads of their own,
        while the next chunk is prepared (or received from a worker).

        A chunk waits for the chunks being written that share a node with it
        (`graph.store.shared_rows`), and each chunk's accounts, channels and topics are
        written only if this run has not already written them as they are. Chunks are
        reported and acted on in the order they come.
        """
        total = IngestCounts()
        shared = SharedRows()
        writing: deque[tuple[Future[Stored], BatchKeys]] = deque()

        def finish_oldest() -> None:
            nonlocal total
            future, _ = writing.popleft()
            counts, written = future.result()
            self._act(written)
            total += self._report(counts, progress)

        with ThreadPoolExecutor(self.writers, thread_name_prefix="osmosi-writer") as pool:
            for prepared in chunks:
                chunk, keys = prepared, _NO_KEYS
                if prepared.posts is not None:
                    posts = shared.novel(prepared.posts)
                    chunk, keys = replace(prepared, posts=posts), batch_keys(posts)
                while writing and (
                    len(writing) >= self.writers
                    or any(keys.conflicts(other) for _, other in writing)
                ):
                    finish_oldest()
                writing.append((pool.submit(self._store, chunk), keys))
            while writing:
                finish_oldest()
        return total

    @staticmethod
    def _report(
        counts: IngestCounts, progress: Callable[[IngestCounts], None] | None
    ) -> IngestCounts:
        if progress is not None:
            progress(counts)
        return counts

    def to_post(self, parser: Parser, record: RawRecord) -> Post:
        """Parse and validate one record; raise `RecordError` with the reason to reject it."""
        try:
            data = parser.parse(record)
            return validate_record(data).to_post(self.channel_kinds)
        except RecordError:
            raise
        except Exception as error:
            # Input shapes no parser rule foresaw: keep the record, say what broke.
            raise RecordError(f"unparseable record ({type(error).__name__})") from error

    def prepare(self, items: Sequence[Item], parser: Parser, source: str) -> PreparedChunk:
        """Parse, validate and enrich a chunk (CPU work, no store access)."""
        posts: list[Post] = []
        rejected: list[QuarantineEntry] = []
        for item in items:
            if isinstance(item, Unreadable):
                rejected.append(quarantine_entry(parser.name, source, item, item.reason))
                continue
            try:
                posts.append(self.to_post(parser, item))
            except RecordError as error:
                rejected.append(quarantine_entry(parser.name, source, item, error.reason))
        enriched = self.enrich(posts) if posts else []
        batch = self.store.prepare_posts(enriched) if enriched else None
        acted_on = tuple(enriched) if self.actions is not None else ()
        return PreparedChunk(len(items), batch, rejected, acted_on)

    def write(self, chunk: PreparedChunk) -> IngestCounts:
        """Store a prepared chunk (`_store`) and act on its new posts."""
        counts, written = self._store(chunk)
        self._act(written)
        return counts

    def _store(self, chunk: PreparedChunk) -> Stored:
        """Store a prepared chunk: posts upserted, rejects quarantined; also the posts to act
        on.

        Posts by an erased person are rejected and not kept anywhere, not even in the
        quarantine: keeping them would undo the erasure.
        """
        if chunk.rejected:
            self.store.quarantine(chunk.rejected)
            log.info("%d records quarantined", len(chunk.rejected))
        stored = duplicates = erased = 0
        written: list[Post] = []
        if chunk.posts is not None:
            erased_uids, erased_posts = self._erased(chunk.posts)
            posts, erased = without_erased(chunk.posts, erased_uids, erased_posts)
            if erased:
                log.info("%d records of erased people dropped", erased)
            if posts.posts:
                result = self.store.write_posts(posts)
                stored, duplicates = result.created, result.existing
                written = [p for p in chunk.enriched if p.author.uid not in erased_uids]
                if stored and self.on_stored is not None:
                    self.on_stored()
            else:
                duplicates = posts.submitted
        return IngestCounts(chunk.read, stored, duplicates, len(chunk.rejected) + erased), written

    def _act(self, posts: list[Post]) -> None:
        """Route the written posts and raise their alerts. A post opens one conversation
        and raises each alert once, however often it is written, so a chunk redelivered
        after a crash between the write and this step still routes every post."""
        if self.actions is None or not posts:
            return
        acted = self.actions.on_written(self.store, posts, datetime.now(UTC))
        if acted.alerts and self.on_alerts is not None:
            self.on_alerts()

    def _erased(self, batch: PostBatch) -> tuple[set[str], set[str]]:
        """The batch's erased accounts, and the erased posts it links to."""
        # From the posts, not the account rows: those this run wrote already are not there.
        accounts = {
            suppression_key(uid): uid
            for row in batch.posts
            for uid in (row["author_uid"], *row["mention_uids"])
        }
        posts = {
            post_suppression_key(uid): uid
            for row in batch.posts
            for uid in (row["reply_to_uid"], row["shares_uid"])
            if uid
        }
        found = self.store.suppressed([*accounts, *posts])
        return {accounts[k] for k in found if k in accounts}, {
            posts[k] for k in found if k in posts
        }

    def replay(
        self, entries: Sequence[QuarantineEntry], parsers: Callable[[str], Parser]
    ) -> IngestCounts:
        """Try quarantined records again; those that now store leave the quarantine."""
        total = IngestCounts()
        for entry in entries:
            parser = parsers(entry.format)
            items = quarantined_items(entry, parser.read)
            counts = self.write(self.prepare(items, parser, entry.source))
            if counts.rejected == 0:
                self.store.release_quarantined([entry.id])
            total += counts
        return total

"""A history backfill for Neo4j's offline importer (``neo4j-admin database import full``).

The importer builds an empty database's store files directly, without transactions: on
two cores it writes a million posts in about half a minute, where transactions take three
to four minutes. `ImportFiles` turns prepared post batches into the importer's CSV files,
with exactly the nodes, properties and relationships `Neo4jGraphStore.write_posts` would
create for the same batches written in the same order.

What the files cannot carry as a write would store it waits in ``later.jsonl``, in the
file's order, for `finish_import` to write through the store once the imported database
runs: the later copies of a post (merged into the first as a write merges them), links
containing the files' array delimiter, and the rejected records for the quarantine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graph.model.bookkeeping import QuarantineEntry
from graph.model.keys import utc
from graph.model.nodes import AspectTarget
from graph.store.rows import FILLABLE, METRIC_NAMES, PostBatch, Row

if TYPE_CHECKING:
    from graph.neo4j.store import Neo4jGraphStore

ARRAY_DELIMITER = "\x1f"
"""Between the items of a list property (an account's links): no link has one."""

LATER = "later.jsonl"

_ACCOUNT = ("uid:ID(Account)", "platform", "handle", "display_name", "name_key",
            "followers:long", "url", "links:string[]", "person_id",
            "created_at:datetime")  # fmt: skip
_POST = ("uid:ID(Post)", "platform", "external_id", "author_uid", "created_at:datetime",
         "ingested_at:datetime", "ingest_batch:long", "text", "language", "url", "channel_uid",
         "reply_to_uid", "shares_uid", "share_kind", "reported_by", "sentiment",
         "sentiment_score:double", "intent",
         *(f"{name}:long" for name in METRIC_NAMES))  # fmt: skip
_TARGETS = {
    AspectTarget.TOUCHPOINT: "Touchpoint",
    AspectTarget.PRODUCT: "Product",
    AspectTarget.BRAND: "Brand",
}


def _field(value: Any) -> str:
    """A CSV field: text always quoted, so that an empty text stays one; nothing (None)
    empty and unquoted, so that the importer sets no property."""
    if type(value) is str:  # the most of them: first
        return '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


class _Csv:
    """One of the importer's files: its header, then a line per node or relationship."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = path
        self._out: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._out.write(",".join(header) + "\n")

    def add(self, *values: Any) -> None:
        self._out.write(",".join(map(_field, values)) + "\n")

    def close(self) -> None:
        self._out.close()


def _relationships(directory: Path, name: str, start: str, end: str, *props: str) -> _Csv:
    return _Csv(directory / f"{name}.csv", (f":START_ID({start})", f":END_ID({end})", *props))


@dataclass
class _Shared:
    """The nodes posts share, as the whole backfill leaves them (a write's ``coalesce``:
    the last value given wins; a person is named once, by its account's first batch)."""

    accounts: dict[str, Row] = field(default_factory=dict)
    people: dict[str, str | None] = field(default_factory=dict)
    owners: list[tuple[str, str]] = field(default_factory=list)
    channels: dict[str, Row] = field(default_factory=dict)
    topics: dict[str, Row] = field(default_factory=dict)
    targets: set[tuple[str, str]] = field(default_factory=set)

    def add(self, batch: PostBatch) -> None:
        for row in batch.accounts:
            known = self.accounts.get(row["uid"])
            if known is None:
                self.accounts[row["uid"]] = dict(row)
                if row["person_id"] not in self.people:
                    self.people[row["person_id"]] = row["display_name"]
                    self.owners.append((row["person_id"], row["uid"]))
            else:
                known.update({key: row[key] for key in FILLABLE if row[key] is not None})
        for row in batch.channels:
            known = self.channels.setdefault(row["uid"], dict(row))
            known["kind"] = row["kind"]
            known["first_post_at"] = min(known["first_post_at"], row["first_post_at"])
        for row in batch.topics:
            self.topics.setdefault(row["key"], row)
        self.targets.update((row["target"], row["key"]) for row in batch.aspects)


class ImportFiles:
    """The importer's files for a backfill, written batch by batch into ``directory``.

    Posts and their links are written as they come; the nodes they share (accounts, people,
    channels, topics) are kept until `close`, a few hundred bytes each, and so are the
    replies' and shares' targets, linked only where the target is in the files (the rest
    are linked when their target is written, as a write links them).
    """

    arguments_file = "import.args"
    """The importer's arguments, one a line (``neo4j-admin database import full @import.args``,
    run in the directory)."""

    def __init__(self, directory: Path, now: datetime, batch: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self._now = utc(now)
        self._now_text = self._now.isoformat()
        self._batch = batch
        self._shared = _Shared()
        self._written: set[str] = set()
        self._parents: list[tuple[str, str, str | None, str | None]] = []
        self._posts = _Csv(directory / "posts.csv", _POST)
        self._links = {
            "POSTED": _relationships(directory, "posted", "Account", "Post"),
            "IN_CHANNEL": _relationships(directory, "in_channel", "Post", "Channel"),
            "MENTIONS": _relationships(directory, "mentions", "Post", "Account"),
            "TAGGED": _relationships(directory, "tagged", "Post", "Topic"),
        }
        self._about = {
            target: _relationships(
                directory, f"about_{label.lower()}", "Post", label, "sentiment", "score:double"
            )
            for target, label in _TARGETS.items()
        }
        self._later = (directory / LATER).open("w", encoding="utf-8")

    def add(self, batch: PostBatch) -> tuple[int, int]:
        """Write a prepared batch (`Neo4jGraphStore.prepare_posts`); how many of its posts
        are new, and how many repeat a post before them (in the batch or the backfill)."""
        self._shared.add(batch)
        later_posts = [row for row in batch.posts if row["uid"] in self._written]
        for row in batch.posts:
            if row["uid"] not in self._written:
                self._write_post(row)
        later = {row["uid"] for row in later_posts}
        self._write_aspects(row for row in batch.aspects if row["post_uid"] not in later)
        if later_posts:
            aspects = [row for row in batch.aspects if row["post_uid"] in later]
            self._hold({"accounts": [], "posts": later_posts, "aspects": aspects})
        new = len(batch.posts) - len(later_posts)
        return new, batch.submitted - new

    def quarantine(self, entries: Iterable[QuarantineEntry]) -> None:
        """Keep rejected records for the quarantine (`finish_import`)."""
        for entry in entries:
            self._hold({"quarantine": {**asdict(entry), "at": utc(entry.at).isoformat()}})

    def close(self) -> None:
        """Write the shared nodes, the replies' and shares' links, and the arguments file."""
        self._write_shared()
        self._later.close()
        self._posts.close()
        for csv in (*self._links.values(), *self._about.values()):
            csv.close()
        replies = _relationships(self.directory, "replies_to", "Post", "Post")
        shares = _relationships(self.directory, "shares", "Post", "Post", "kind")
        for uid, parent, original, kind in self._parents:
            if parent in self._written:
                replies.add(uid, parent)
            if original in self._written:
                shares.add(uid, original, kind)
        replies.close()
        shares.close()
        (self.directory / self.arguments_file).write_text("\n".join(self.arguments()) + "\n")

    def arguments(self) -> list[str]:
        """The importer's arguments for these files (paths relative to the directory)."""
        nodes = {
            "Person": "people",
            "Account": "accounts",
            "Channel": "channels",
            "Topic": "topics",
            "Post": "posts",
            **{label: label.lower() + "s" for label in _TARGETS.values()},
        }
        links = [
            ("HAS_ACCOUNT", "has_account"),
            *((kind, csv.path.stem) for kind, csv in self._links.items()),
            *(("ABOUT", csv.path.stem) for csv in self._about.values()),
            ("REPLIES_TO", "replies_to"),
            ("SHARES", "shares"),
        ]
        return [
            *(f"--nodes={label}={stem}.csv" for label, stem in nodes.items()),
            *(f"--relationships={kind}={stem}.csv" for kind, stem in links),
            f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
            # Texts and names hold line breaks. (Naming the files that do, a choice of the
            # v2 format, failed on a megabyte-sized posts file: "CR outside a text cell".)
            "--multiline-fields=true",
        ]

    def _write_post(self, row: Row) -> None:
        uid = row["uid"]
        metrics = row["metrics"]
        self._written.add(uid)
        self._posts.add(
            uid, row["platform"], row["external_id"], row["author_uid"], row["created_at"],
            self._now_text, self._batch, row["text"], row["language"], row["url"],
            row["channel_uid"], row["reply_to_uid"], row["shares_uid"], row["share_kind"],
            row["reported_by"], row["sentiment"], row["sentiment_score"], row["intent"],
            *(metrics.get(name) for name in METRIC_NAMES),
        )  # fmt: skip
        self._links["POSTED"].add(row["author_uid"], uid)
        if row["channel_uid"] is not None:
            self._links["IN_CHANNEL"].add(uid, row["channel_uid"])
        for account in row["mention_uids"]:
            self._links["MENTIONS"].add(uid, account)
        for key in row["topic_keys"]:
            self._links["TAGGED"].add(uid, key)
        if row["reply_to_uid"] is not None or row["shares_uid"] is not None:
            self._parents.append((uid, row["reply_to_uid"], row["shares_uid"], row["share_kind"]))

    def _write_aspects(self, rows: Iterable[Row]) -> None:
        # A post's aspect is written once a batch (`post_batch` keeps one per target and key).
        for row in rows:
            self._about[AspectTarget(row["target"])].add(
                row["post_uid"], row["key"], row["sentiment"], row["score"]
            )

    def _write_shared(self) -> None:
        shared, now = self._shared, self._now
        people = _Csv(self.directory / "people.csv", ("id:ID(Person)", "display_name",
                      "name_key", "created_at:datetime"))  # fmt: skip
        for person_id, name in shared.people.items():
            people.add(person_id, name, _lower(name), now)
        people.close()
        owners = _relationships(self.directory, "has_account", "Person", "Account")
        for person_id, uid in shared.owners:
            owners.add(person_id, uid)
        owners.close()
        accounts = _Csv(self.directory / "accounts.csv", _ACCOUNT)
        for row in shared.accounts.values():
            links = row["links"] or []
            if any(ARRAY_DELIMITER in link for link in links):
                only_links = {**row, **dict.fromkeys(("display_name", "followers", "url"))}
                self._hold({"accounts": [only_links], "posts": [], "aspects": []})
                links = []
            accounts.add(
                row["uid"], row["platform"], row["handle"], row["display_name"],
                _lower(row["display_name"]), row["followers"], row["url"],
                ARRAY_DELIMITER.join(links) if links else None, row["person_id"], now,
            )  # fmt: skip
        accounts.close()
        channels = _Csv(self.directory / "channels.csv", ("uid:ID(Channel)", "platform",
                        "venue", "kind", "first_seen_at:datetime"))  # fmt: skip
        for row in shared.channels.values():
            seen = min(now, utc(row["first_post_at"]))
            channels.add(row["uid"], row["platform"], row["venue"], row["kind"], seen)
        channels.close()
        topics = _Csv(self.directory / "topics.csv", ("key:ID(Topic)", "display", "kind"))
        for row in shared.topics.values():
            topics.add(row["key"], row["display"], row["kind"])
        topics.close()
        for target, label in _TARGETS.items():
            nodes = _Csv(self.directory / f"{label.lower()}s.csv", (f"key:ID({label})", "name"))
            for kind, key in sorted(shared.targets):
                if kind == target.value:
                    nodes.add(key, key)
            nodes.close()

    def _hold(self, entry: dict[str, Any]) -> None:
        self._later.write(json.dumps(entry, ensure_ascii=False, default=_iso) + "\n")


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    raise TypeError(type(value).__name__)


def _lower(text: str | None) -> str | None:
    # Cypher's toLower, as the writes set ``name_key``.
    return text.lower() if text is not None else None


@dataclass(frozen=True, slots=True)
class Finished:
    """What `finish_import` wrote: later copies of imported posts (all found already),
    accounts' links, and records quarantined."""

    copies: int
    created: int
    accounts: int
    quarantined: int


def finish_import(store: Neo4jGraphStore, directory: Path) -> Finished:
    """Write what `ImportFiles` kept for after the import, in the backfill's order, through
    the store's own writes (idempotent, as they are)."""
    if not (directory / LATER).is_file():
        raise ValueError(f"{directory} holds no backfill: run `osmosi backfill files` first.")
    copies = created = accounts = 0
    rejected: list[QuarantineEntry] = []
    with (directory / LATER).open(encoding="utf-8") as lines:
        for line in lines:
            entry = json.loads(line)
            if "quarantine" in entry:
                fields = entry["quarantine"]
                at = datetime.fromisoformat(fields["at"])
                rejected.append(QuarantineEntry(**{**fields, "at": at}))
                continue
            batch = PostBatch(
                accounts=entry["accounts"], posts=entry["posts"], aspects=entry["aspects"]
            )
            result = store.write_posts(batch)
            copies, created = copies + len(batch.posts), created + result.created
            accounts += len(batch.accounts)
    for start in range(0, len(rejected), 1000):
        store.quarantine(rejected[start : start + 1000])
    return Finished(copies, created, accounts, len(rejected))

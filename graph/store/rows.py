"""Flattening of domain objects into the plain rows that both backends write in batches.

One place decides how a post batch decomposes into accounts, channels, topics, posts and
links, so the two stores cannot drift apart in what an upsert means.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from graph.model.keys import person_id_for_account, utc
from graph.model.nodes import Account, Channel, Community, Interaction, InteractionKind, Post
from graph.model.people import (
    ERASED,
    IdentityEvent,
    IdentityEventKind,
    PersonSnapshot,
    ProgrammeStatus,
    StatusChange,
    redaction_of,
)
from graph.store.codec import dumps, loads_into

Row = dict[str, Any]

METRIC_NAMES = ("likes", "shares", "replies", "quotes", "views")


def metric_values(metrics: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Keep the known public metrics, as non-negative integers."""
    values: dict[str, int] = {}
    for name, value in metrics:
        if name not in METRIC_NAMES:
            raise ValueError(f"unknown metric: {name!r}")
        if value < 0:
            raise ValueError(f"negative metric {name}")
        values[name] = int(value)
    return values


def account_row(account: Account) -> Row:
    uid = account.uid
    platform, handle = uid.split(":", 1)
    return {
        "uid": uid,
        "platform": platform,
        "handle": handle,
        "display_name": account.display_name,
        "followers": account.followers,
        "url": account.url,
        "links": list(account.links) if account.links else None,
        "person_id": account.person_id or person_id_for_account(uid),
    }


FILLABLE = ("display_name", "followers", "url", "links")


def account_rows(accounts: Iterable[Account]) -> list[Row]:
    """One row per account uid; fields known from a later occurrence fill gaps."""
    merged: dict[str, Row] = {}
    for account in accounts:
        known = merged.get(account.uid)
        if known is None:
            merged[account.uid] = account_row(account)
            continue
        later = account_row(account)
        for key in FILLABLE:
            if later[key] is not None:
                known[key] = later[key]
    return list(merged.values())


def channel_row(channel: Channel) -> Row:
    uid = channel.uid
    return {
        "uid": uid,
        "platform": uid.split(":", 1)[0],
        "venue": channel.venue.strip(),
        "kind": channel.kind.value,
    }


@dataclass(slots=True)
class PostBatch:
    """A batch of posts split into the rows each part of the graph needs."""

    accounts: list[Row] = field(default_factory=list)
    channels: list[Row] = field(default_factory=list)
    topics: list[Row] = field(default_factory=list)
    posts: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    aspects: list[Row] = field(default_factory=list)
    duplicates_in_batch: int = 0

    @property
    def submitted(self) -> int:
        """How many posts the batch was made from, repeats included."""
        return len(self.posts) + self.duplicates_in_batch


def merged_post(known: Post, later: Post) -> Post:
    """Two copies of a post merged as a store merges a post written again: the later copy's
    text and metrics, its other fields where it has them (else the earlier copy's), the
    mentions, topics and aspects of both; author and time stay the first copy's.

    So a batch holding both copies stores what two batches would: a reply followed by a
    copy without its ``in_reply_to_id`` stays a reply.
    """
    return replace(
        known,
        text=later.text,
        metrics={**known.metrics, **later.metrics},
        **{name: getattr(later, name) for name in _COALESCED if getattr(later, name) is not None},
        mentions=tuple(dict.fromkeys((*known.mentions, *later.mentions))),
        topics=tuple(dict.fromkeys((*known.topics, *later.topics))),
        aspects=tuple({(a.target, a.key): a for a in (*known.aspects, *later.aspects)}.values()),
    )


_COALESCED = (
    "language",
    "url",
    "channel",
    "reply_to",
    "shares",
    "share_kind",
    "reported_by",
    "sentiment",
    "sentiment_score",
    "intent",
)


def post_batch(posts: Sequence[Post]) -> PostBatch:
    """Decompose posts; a post repeated within the batch is kept once, its copies merged
    (`merged_post`) so that where batches start cannot change what is stored."""
    unique: dict[str, Post] = {}
    for post in posts:
        known = unique.get(post.uid)
        unique[post.uid] = post if known is None else merged_post(known, post)
    batch = PostBatch(duplicates_in_batch=len(posts) - len(unique))

    accounts: list[Account] = []
    channels: dict[str, Row] = {}
    topics: dict[str, Row] = {}
    # Every copy's accounts, channel and topics are written, as separate batches would.
    for post in posts:
        accounts.append(post.author)
        accounts.extend(post.mentions)
        if post.channel is not None:
            row = channels.setdefault(post.channel.uid, channel_row(post.channel))
            row["kind"] = post.channel.kind.value  # the last post's, as before
            created = utc(post.created_at)
            row["first_post_at"] = min(row.get("first_post_at", created), created)
        for topic in post.topics:
            if topic.key not in topics:
                topics[topic.key] = {
                    "key": topic.key,
                    "display": topic.display,
                    "kind": topic.kind.value,
                }
    for uid, post in unique.items():
        mention_uids = sorted({mention.uid for mention in post.mentions})
        topic_keys = sorted({topic.key for topic in post.topics})
        batch.posts.append(
            {
                "uid": uid,
                "platform": uid.split(":", 1)[0],
                "external_id": post.external_id.strip(),
                "author_uid": post.author.uid,
                "text": post.text,
                "created_at": utc(post.created_at),
                "language": post.language,
                "url": post.url,
                "metrics": metric_values(post.metrics.items()),
                "channel_uid": post.channel.uid if post.channel is not None else None,
                "reply_to_uid": post.reply_to_uid,
                "shares_uid": post.shares_uid,
                "share_kind": post.share_kind.value if post.share_kind else None,
                "reported_by": post.reported_by,
                "sentiment": post.sentiment.value if post.sentiment else None,
                "sentiment_score": post.sentiment_score,
                "intent": post.intent.value if post.intent else None,
                "mention_uids": mention_uids,
                "topic_keys": topic_keys,
            }
        )
        batch.mentions.extend({"post_uid": uid, "account_uid": account} for account in mention_uids)
        batch.tags.extend({"post_uid": uid, "topic_key": key} for key in topic_keys)
        for aspect in post.aspects:
            batch.aspects.append(
                {
                    "post_uid": uid,
                    "target": aspect.target.value,
                    "key": aspect.key,
                    "sentiment": aspect.sentiment.value,
                    "score": aspect.score,
                }
            )
    batch.accounts = account_rows(accounts)
    batch.channels = list(channels.values())
    batch.topics = list(topics.values())
    return batch


def _kept_of_erased(row: Row, accounts: Set[str], posts: Set[str]) -> Row:
    """A post row less what it keeps of erased ``accounts`` and ``posts``: its links to
    those posts, their handles in its text, and all its own words and analysis when it is a
    plain repost of an erased post or account (a copy of their words)."""
    mentioned = [uid for uid in row["mention_uids"] if uid in accounts]
    cut = {key: None for key in ("reply_to_uid", "shares_uid") if row[key] in posts}
    if not mentioned and not cut:
        return row
    row = {**row, **cut, "mention_uids": [u for u in row["mention_uids"] if u not in accounts]}
    if row["share_kind"] == "repost" and (mentioned or "shares_uid" in cut):
        return {**row, "text": ERASED, "sentiment": None, "sentiment_score": None,
                "intent": None, "topic_keys": [], "copy": True}  # fmt: skip
    handles = [uid.split(":", 1)[1] for uid in mentioned]
    return {**row, "text": redaction_of(handles, []).apply(row["text"])}


def without_erased(
    batch: PostBatch, accounts: Set[str], posts: Set[str] = frozenset()
) -> tuple[PostBatch, int]:
    """The batch less the posts written by erased ``accounts`` and less what other posts
    keep of those accounts and of erased ``posts`` (see `_kept_of_erased`); also how many
    posts were dropped."""
    if not accounts and not posts:
        return batch, 0
    rows = [
        _kept_of_erased(row, accounts, posts)
        for row in batch.posts
        if row["author_uid"] not in accounts
    ]
    copies = {row["uid"] for row in rows if row.pop("copy", False)}
    kept = {row["uid"] for row in rows}
    tags = [row for row in batch.tags if row["post_uid"] in kept - copies]
    tagged = {row["topic_key"] for row in tags}
    return (
        PostBatch(
            accounts=[row for row in batch.accounts if row["uid"] not in accounts],
            channels=batch.channels,
            topics=[row for row in batch.topics if row["key"] in tagged],
            posts=rows,
            mentions=[
                row
                for row in batch.mentions
                if row["post_uid"] in kept and row["account_uid"] not in accounts
            ],
            tags=tags,
            aspects=[row for row in batch.aspects if row["post_uid"] in kept - copies],
            duplicates_in_batch=batch.duplicates_in_batch,
        ),
        len(batch.posts) - len(rows),
    )


PROFILE_FIELDS = ("top_voices", "top_topics", "main_channels", "average_sentiment")


def profile_row(profile: Community | None) -> Row:
    """What a community's profile stores beyond its id, size and time (`PROFILE_FIELDS`;
    empty if none)."""
    if profile is None:
        return {}
    return {
        "top_voices": list(profile.top_voices),
        "top_topics": list(profile.top_topics),
        "main_channels": list(profile.main_channels),
        "average_sentiment": profile.average_sentiment,
    }


def community_from_row(
    cid: str, size: int, label: str | None, computed_at: datetime | None, profile: Row
) -> Community:
    """A community read back, its profile fields taken from ``profile`` (possibly empty)."""
    return Community(
        cid,
        size,
        label,
        computed_at,
        top_voices=tuple(profile.get("top_voices") or ()),
        top_topics=tuple(profile.get("top_topics") or ()),
        main_channels=tuple(profile.get("main_channels") or ()),
        average_sentiment=profile.get("average_sentiment"),
    )


InteractionRow = Sequence[Any]
"""(source, target, kind, ISO time, carrying post uid), as both stores read them."""


def interactions_from_rows(
    rows: Iterable[InteractionRow], owners: Mapping[str, str] | None = None
) -> Iterator[Interaction]:
    """Interactions from stored rows. With ``owners`` (account uid -> person id), sources
    and targets are accounts, mapped to their people here; interactions of a person with
    themself are dropped, and so are those of accounts missing from ``owners`` (created
    after it was read: a later snapshot's)."""
    kinds = {kind.value: kind for kind in InteractionKind}  # a dict beats Enum() per row
    parse = datetime.fromisoformat
    for source, target, kind, at, post in rows:
        if owners is not None:
            source, target = owners.get(source), owners.get(target)
            if source is None or target is None or source == target:
                continue
        yield Interaction(source, target, kinds[kind], parse(at), post)


def status_row(change: StatusChange) -> Row:
    return {
        "person_id": change.person_id,
        "status": change.status.value,
        "note": change.note,
        "actor": change.actor,
        "at": utc(change.at).isoformat(),
    }


def status_from_row(row: Mapping[str, Any]) -> StatusChange:
    return StatusChange(
        row["person_id"],
        ProgrammeStatus(row["status"]),
        row["note"],
        row["actor"],
        datetime.fromisoformat(row["at"]),
    )


def event_row(event: IdentityEvent) -> Row:
    """An identity event as flat values; lists and the snapshot travel as JSON text, which
    both stores keep as one property or column (older snapshots, without scores, read back
    with none)."""
    return {
        "id": event.id,
        "kind": event.kind.value,
        "person_id": event.person_id,
        "other_id": event.other_id,
        "account_uids": json.dumps(list(event.account_uids)),
        "evidence": json.dumps(list(event.evidence), ensure_ascii=False),
        "actor": event.actor,
        "at": utc(event.at).isoformat(),
        "snapshot": dumps(event.snapshot),
        "undoes": event.undoes,
        "undone_by": event.undone_by,
    }


def event_from_row(row: Mapping[str, Any]) -> IdentityEvent:
    return IdentityEvent(
        id=row["id"],
        kind=IdentityEventKind(row["kind"]),
        person_id=row["person_id"],
        other_id=row["other_id"],
        account_uids=tuple(json.loads(row["account_uids"])),
        evidence=tuple(json.loads(row["evidence"])),
        actor=row["actor"],
        at=datetime.fromisoformat(row["at"]),
        snapshot=loads_into(PersonSnapshot, row["snapshot"]),
        undoes=row["undoes"],
        undone_by=row["undone_by"],
    )

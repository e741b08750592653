"""The demo's posts and customers in the formats Osmosi reads from real sources: Mastodon
Status entities, Pushshift-style Reddit lines, X API v2 response pages (JSON lines each),
and a CRM's CSV export. The demo is loaded through the same parsers as real data."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import quote

from graph.model.keys import utc
from ingestion.crm import FIELDS
from ingestion.demo.model import DemoPost
from ingestion.demo.people import DemoAccount, DemoCustomer

VIEWED_FROM = "mastodon.social"
"""The instance whose API the Mastodon statuses come from: its accounts' ``acct`` lack a host."""
X_PAGE = 10
"""Tweets per X API page."""
PLATFORMS = ("mastodon", "x", "reddit")
FORMATS = {"mastodon": "mastodon", "x": "x-v2", "reddit": "reddit"}
"""The ingest format of each platform's export."""


def _stamp(moment: datetime) -> str:
    return utc(moment).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _shown(post: DemoPost) -> str:
    """The text with its hashtags, as its author wrote it."""
    tags = " ".join(f"#{tag}" for tag in post.hashtags)
    return f"{post.text} {tags}".strip()


def _lines(records: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        for record in records
    )


# -- Mastodon --------------------------------------------------------------------------------


def _mastodon_account(account: DemoAccount) -> dict[str, Any]:
    local = account.host == VIEWED_FROM
    return {
        "id": account.user_id,
        "username": account.username,
        "acct": account.username if local else account.handle,
        "display_name": account.display_name or "",
        "url": f"https://{account.host}/@{account.username}",
        "followers_count": account.followers,
        "fields": [
            {
                "name": "Web",
                "value": f'<a href="{html.escape(link)}" rel="nofollow noopener me" '
                f'target="_blank">{html.escape(link.split("//", 1)[-1].rstrip("/"))}</a>',
                "verified_at": None,
            }
            for link in account.links
        ],
    }


def _mastodon_html(post: DemoPost) -> str:
    text = html.escape(post.text, quote=False)
    for account in post.mentions:
        card = (
            f'<span class="h-card"><a href="https://{account.host}/@{account.username}" '
            f'class="u-url mention">@<span>{account.username}</span></a></span>'
        )
        text = re.sub(rf"@{re.escape(account.username)}(?![\w@-])", card, text)
    tags = " ".join(
        f'<a href="https://{VIEWED_FROM}/tags/{quote(tag)}" class="mention hashtag" '
        f'rel="tag">#<span>{html.escape(tag)}</span></a>'
        for tag in post.hashtags
    )
    return f"<p>{text} {tags}</p>" if tags else f"<p>{text}</p>"


def mastodon_status(post: DemoPost) -> dict[str, Any]:
    """A Mastodon Status entity; a repost carries the original as its ``reblog``."""
    account = post.account
    reblog = mastodon_status(post.shared) if post.shared is not None else None
    uri = f"https://{account.host}/users/{account.username}/statuses/{post.external_id}"
    return {
        "id": post.external_id,
        "created_at": _stamp(post.at),
        "in_reply_to_id": post.parent.external_id if post.parent else None,
        "in_reply_to_account_id": post.parent.account.user_id if post.parent else None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": None if reblog else post.language,
        "uri": f"{uri}/activity" if reblog else uri,
        "url": None if reblog else post.url,
        "replies_count": 0,
        "reblogs_count": 0,
        "favourites_count": post.likes,
        "content": "" if reblog else _mastodon_html(post),
        "reblog": reblog,
        "account": _mastodon_account(account),
        "mentions": [
            {
                "id": mentioned.user_id,
                "username": mentioned.username,
                "url": f"https://{mentioned.host}/@{mentioned.username}",
                "acct": mentioned.handle,
            }
            for mentioned in post.mentions
        ],
        "tags": [
            {"name": tag, "url": f"https://{VIEWED_FROM}/tags/{quote(tag)}"}
            for tag in post.hashtags
        ],
    }


# -- Reddit ----------------------------------------------------------------------------------


def reddit_thing(post: DemoPost) -> dict[str, Any]:
    """A Pushshift-style submission or comment; Reddit escapes ``&``, ``<`` and ``>``."""
    permalink = post.url.removeprefix("https://www.reddit.com")
    common = {
        "id": post.external_id,
        "author": post.account.username,
        "subreddit": post.venue,
        "created_utc": int(post.at.timestamp()),
        "score": post.likes,
        "permalink": permalink,
    }
    if post.parent is None:
        return {
            **common,
            "name": post.fullname,
            "title": html.escape(post.title or post.text, quote=False),
            "selftext": html.escape(post.text if post.title else "", quote=False),
            "num_comments": 0,
            "url": post.url,
        }
    return {
        **common,
        "body": html.escape(post.text, quote=False),
        "parent_id": post.parent.fullname,
        "link_id": post.root.fullname,
    }


# -- X ---------------------------------------------------------------------------------------


def _spans(text: str, found: str) -> tuple[int, int]:
    start = text.find(found)
    return start, start + len(found)


def _tweet(post: DemoPost) -> dict[str, Any]:
    text = _shown(post)
    references = []
    if post.parent is not None:
        references.append({"type": "replied_to", "id": post.parent.external_id})
    if post.shared is not None:
        kind = "quoted" if post.share_kind == "quote" else "retweeted"
        references.append({"type": kind, "id": post.shared.external_id})
        if kind == "retweeted":
            text = f"RT @{post.shared.account.username}: {_shown(post.shared)}"
    mentions = [
        {**dict(zip(("start", "end"), _spans(text, f"@{m.username}"), strict=True)),
         "username": m.username, "id": m.user_id}
        for m in post.mentions
        if f"@{m.username}" in text
    ]  # fmt: skip
    hashtags = [
        {**dict(zip(("start", "end"), _spans(text, f"#{tag}"), strict=True)), "tag": tag}
        for tag in post.hashtags
    ]
    tweet: dict[str, Any] = {
        "id": post.external_id,
        "text": text,
        "author_id": post.account.user_id,
        "created_at": _stamp(post.at),
        "lang": post.language,
        "conversation_id": post.root.external_id,
        "public_metrics": {
            "retweet_count": 0,
            "reply_count": 0,
            "like_count": post.likes,
            "quote_count": 0,
            "impression_count": 40 * post.likes + 25,
        },
    }
    if post.parent is not None:
        tweet["in_reply_to_user_id"] = post.parent.account.user_id
    if references:
        tweet["referenced_tweets"] = references
    if mentions or hashtags:
        tweet["entities"] = {"mentions": mentions, "hashtags": hashtags}
    return tweet


def _x_user(account: DemoAccount) -> dict[str, Any]:
    user: dict[str, Any] = {
        "id": account.user_id,
        "name": account.display_name or account.username,
        "username": account.username,
        "public_metrics": {"followers_count": account.followers},
    }
    if account.links:
        short = f"https://t.co/{account.user_id}"
        link = account.links[0]
        user["url"] = short
        user["entities"] = {
            "url": {"urls": [{"start": 0, "end": len(short), "url": short, "expanded_url": link,
                              "display_url": link.split("//", 1)[-1].rstrip("/")}]}
        }  # fmt: skip
    return user


def x_page(posts: list[DemoPost]) -> dict[str, Any]:
    """One X API v2 response page: the tweets, their authors and the tweets they quote or
    retweet (``expansions=author_id,referenced_tweets.id``)."""
    included = [p.shared for p in posts if p.shared is not None]
    authors = {p.account.user_id: p.account for p in (*posts, *included)}
    return {
        "data": [_tweet(post) for post in posts],
        "includes": {
            "users": [_x_user(account) for account in authors.values()],
            **({"tweets": [_tweet(post) for post in included]} if included else {}),
        },
        "meta": {"result_count": len(posts)},
    }


def _pages(posts: list[DemoPost]) -> Iterator[dict[str, Any]]:
    for start in range(0, len(posts), X_PAGE):
        yield x_page(posts[start : start + X_PAGE])


def export(platform: str, posts: Iterable[DemoPost]) -> bytes:
    """The posts of ``platform`` among ``posts`` as its export (JSON lines), in their order."""
    mine = [post for post in posts if post.platform == platform]
    if platform == "mastodon":
        return _lines(mastodon_status(post) for post in mine)
    if platform == "reddit":
        return _lines(reddit_thing(post) for post in mine)
    return _lines(_pages(mine))


def customers_csv(customers: Iterable[DemoCustomer]) -> bytes:
    """A CRM export with the default columns of `ingestion.crm`."""
    columns = [*FIELDS, *(f"handle_{platform}" for platform in PLATFORMS)]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for customer in customers:
        handles = dict(customer.handles)
        writer.writerow(
            {
                "customer_id": customer.customer_id,
                "first_name": customer.first,
                "last_name": customer.last,
                "email": customer.email or "",
                "city": customer.city,
                "lifetime_value": f"{customer.lifetime_value:.2f}",
                **{f"handle_{p}": handles.get(p, "") for p in PLATFORMS},
            }
        )
    return out.getvalue().encode()

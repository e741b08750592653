"""Everything held about a person, as one JSON document: the data subject's right of access
(erasure, the other half, is `graph.identity.service.erase_person`).

Built from the store contract's reads only, so both stores give the same document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from graph.identity.service import IdentityError
from graph.store.codec import plain
from graph.store.contract import GraphStore

EXPORT_FORMAT = "osmosi-person-export/1"
PAGE = 500

T = TypeVar("T")


def _every(read: Callable[[int, int], Sequence[T]]) -> list[T]:
    """All rows of a paged read, ``read(first, offset)``."""
    rows: list[T] = []
    while page := read(PAGE, len(rows)):
        rows.extend(page)
        if len(page) < PAGE:
            break
    return rows


def export_person(store: GraphStore, person_id: str, now: datetime) -> dict[str, Any]:
    """The person, their accounts and brand marks, posts with their enrichment (sentiment,
    intent, opinions, topics), interactions both ways, scores, classes and community,
    programme history, customer links with the linked CRM records, identity events and
    links, conversations about their posts and alerts about them.

    Raises `IdentityError` if there is no such person.
    """
    person = store.get_people([person_id]).get(person_id)
    if person is None:
        raise IdentityError("no such person")
    accounts = store.accounts_of([person_id])[person_id]
    uids = {account.uid for account in accounts}
    posts = _every(
        lambda first, offset: store.posts_of([person_id], first, offset)[person_id].posts
    )
    links = store.customer_links_of([person_id])[person_id]
    customers = store.get_customers([link.customer_id for link in links])
    community = store.get_community(person.community_id) if person.community_id else None
    conversations = store.get_conversations([post.uid for post in posts])
    identity_links = _every(lambda first, offset: store.identity_links(None, None, first, offset))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.isoformat(),
        "person": plain(person),
        "community": {"id": community.id, "label": community.label} if community else None,
        "accounts": [plain(account) for account in accounts],
        "affiliations": [
            plain(marked) for marked in store.affiliated_accounts() if marked.account_uid in uids
        ],
        "posts": [plain(post) for post in posts],
        "interactions": [
            {
                "source": i.source,
                "target": i.target,
                "kind": i.kind.value,
                "at": i.at.isoformat(),
                "post_uid": i.post_uid,
            }
            for i in store.interactions(person_ids=[person_id])
        ],
        "programme": [plain(step) for step in store.programme_history([person_id])[person_id]],
        "customer_links": [plain(link) for link in links],
        "customers": [
            plain(customers[link.customer_id]) for link in links if link.customer_id in customers
        ],
        "identity_events": [plain(e) for e in store.identity_events([person_id])[person_id]],
        "identity_links": [
            plain(link) for link in identity_links if person_id in (link.person_id, link.target_id)
        ],
        "conversations": [plain(conversations[uid]) for uid in sorted(conversations)],
        "alerts": [plain(alert) for alert in _every(store.alerts) if alert.subject == person_id],
    }

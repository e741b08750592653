"""GraphQL types of the graph's overall figures."""

from __future__ import annotations

import strawberry

from graph.model.bookkeeping import Counts


@strawberry.type(description="How many of each main kind of node the graph holds.")
class Stats:
    people: int = strawberry.field(description="People (a person may own several accounts).")
    accounts: int = strawberry.field(description="Accounts on social platforms.")
    posts: int = strawberry.field(description="Posts, replies, reposts and quotes.")
    topics: int = strawberry.field(description="Hashtags and keyphrases, normalised.")
    channels: int = strawberry.field(description="Channels: platform venues posts appear in.")
    communities: int = strawberry.field(description="Communities found by the last ranking.")

    @classmethod
    def from_counts(cls, counts: Counts) -> Stats:
        return cls(
            people=counts.people,
            accounts=counts.accounts,
            posts=counts.posts,
            topics=counts.topics,
            channels=counts.channels,
            communities=counts.communities,
        )

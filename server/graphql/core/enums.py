"""Domain enums that several GraphQL domains share (strawberry marks the classes in place)."""

from __future__ import annotations

import strawberry

from graph.insights.service import Bucket
from graph.model.nodes import Affiliation, ChannelKind
from graph.model.people import IdentityEventKind, ProgrammeStatus
from graph.model.rankings import AdvocacyClass

strawberry.enum(AdvocacyClass, description="Where a person stands toward the brand.")
strawberry.enum(
    Affiliation, description="How an account belongs to the brand (kept out of the rankings)."
)
strawberry.enum(Bucket, name="TimeBucket", description="How trends group days.")
strawberry.enum(
    ProgrammeStatus,
    name="AdvocateStatus",
    description="Where a person stands in the advocacy programme.",
)
strawberry.enum(
    ChannelKind,
    description="Where a channel sits relative to the business: appeal networks, vertical "
    "sites, peripheral sites.",
)
strawberry.enum(IdentityEventKind, description="A recorded identity decision: a merge or a split.")

__all__ = [
    "AdvocacyClass",
    "Affiliation",
    "Bucket",
    "ChannelKind",
    "IdentityEventKind",
    "ProgrammeStatus",
]

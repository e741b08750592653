"""The GraphQL schema: the domains' query and mutation types merged into one root."""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from server.graphql.access.resolvers import AccessQuery
from server.graphql.advocacy.resolvers import AdvocacyMutation, AdvocacyQuery
from server.graphql.alerts.resolvers import AlertsMutation, AlertsQuery, AlertsSubscription
from server.graphql.channels.resolvers import ChannelsQuery
from server.graphql.core import cost
from server.graphql.core.budget import CostBudget
from server.graphql.core.cache import RankingViewCache
from server.graphql.core.limits import is_user_visible, operation_limits
from server.graphql.identity.resolvers import IdentityMutation, IdentityQuery
from server.graphql.network.resolvers import NetworkQuery
from server.graphql.people.resolvers import PeopleMutation, PeopleQuery
from server.graphql.posts.resolvers import PostsMutation, PostsQuery
from server.graphql.rankings.resolvers import RankingsMutation, RankingsQuery
from server.graphql.responses.resolvers import ResponsesMutation, ResponsesQuery
from server.graphql.stats.resolvers import StatsQuery
from server.graphql.topics.resolvers import TopicsQuery


@strawberry.type(
    description="Read access to the conversation graph (any API key). "
    + cost.RULES
    + " Fields that cost more: "
    + ", ".join(f"`{field}` {points}" for (_, field), points in cost.FIELD_COSTS.items())
    + "; `influencers` and `influencerMap` with a topic, platform or window "
    + f"{cost.RECOMPUTED_COST}."
)
class Query(
    AccessQuery,
    StatsQuery,
    PeopleQuery,
    PostsQuery,
    TopicsQuery,
    ChannelsQuery,
    RankingsQuery,
    AdvocacyQuery,
    NetworkQuery,
    IdentityQuery,
    ResponsesQuery,
    AlertsQuery,
):
    pass


@strawberry.type(
    description="Changes to the conversation graph (manager or admin keys). "
    f"Each costs {cost.MUTATION_COST}, plus what it selects."
)
class Mutation(
    PostsMutation,
    PeopleMutation,
    AdvocacyMutation,
    RankingsMutation,
    IdentityMutation,
    ResponsesMutation,
    AlertsMutation,
):
    pass


@strawberry.type(description="Live events, over WebSocket (graphql-transport-ws).")
class Subscription(AlertsSubscription):
    pass


log = logging.getLogger(__name__)


class OsmosiSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log errors without the query text or their messages: both can quote handles and
        names. Errors shown to the client are its own; internal ones are logged by type and
        field path, for the operator."""
        for error in errors:
            if not is_user_visible(error):
                log.error(
                    "GraphQL field %s failed: %s",
                    ".".join(str(step) for step in error.path or ()),
                    type(error.original_error).__name__,
                )


def build_schema(production: bool = False) -> strawberry.Schema:
    """The schema; in ``production`` it cannot be introspected and its errors suggest no
    field names (see `operation_limits`)."""
    return OsmosiSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # The cost is checked before the cache is consulted: a cached view costs the same.
        extensions=[*operation_limits(production), CostBudget, RankingViewCache],
    )


def schema_sdl() -> str:
    """The SDL committed as ``schema.graphql``."""
    return build_schema().as_str() + "\n"

"""The GraphQL schema: the domains' query types merged into one root."""

from __future__ import annotations

import strawberry

from server.graphql.core.limits import operation_limits
from server.graphql.posts.resolvers import PostsMutation, PostsQuery
from server.graphql.rankings.resolvers import RankingsMutation, RankingsQuery
from server.graphql.stats.resolvers import StatsQuery


@strawberry.type(description="Read access to the conversation graph.")
class Query(StatsQuery, PostsQuery, RankingsQuery):
    pass


@strawberry.type(description="Changes to the conversation graph.")
class Mutation(PostsMutation, RankingsMutation):
    pass


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, mutation=Mutation, extensions=operation_limits())


def schema_sdl() -> str:
    """The SDL committed as ``schema.graphql``."""
    return build_schema().as_str() + "\n"

"""Limits applied to every GraphQL operation before any resolver runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    IntValueNode,
    NoSchemaIntrospectionCustomRule,
    ValidationRule,
)
from starlette.websockets import WebSocket
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.types.graphql import OperationType

from graph.ranking.ties import MAP_PEOPLE

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5_000
MAX_PAGE = 100
PAGE_ARGUMENTS = ("first", "size")
PAGE_LIMITS: dict[tuple[str, str], int] = {
    ("Query", "influencerMap"): MAP_PEOPLE,
    ("Query", "thread"): 1_000,
    ("Query", "ambassadorShortlist"): 50,
    ("Person", "topics"): 50,
}
"""The largest page of each field whose pages are not bounded by `MAX_PAGE`."""


def page_limit(type_name: str, field_name: str) -> int:
    return PAGE_LIMITS.get((type_name, field_name), MAX_PAGE)


class UserError(Exception):
    """An error whose message is meant for the client; every other error is masked."""


class PageBounds(ValidationRule):
    """Page sizes written in the query (``first: 100000``) are checked at validation, so
    an oversized page is refused before anything runs; sizes passed as variables are
    checked by the resolvers with the same bounds."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent = self.context.get_parent_type()
        if parent is None:
            return
        for argument in node.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS and isinstance(argument.value, IntValueNode):
                limit = page_limit(parent.name, node.name.value)
                if not 1 <= int(argument.value.value) <= limit:
                    self.report_error(
                        GraphQLError(
                            f"{node.name.value}: {argument.name.value} must be between 1 and "
                            f"{limit}",
                            argument,
                        )
                    )


class SubscriptionsOverWebSocket(SchemaExtension):
    """A subscription sent over HTTP is refused at validation, saying where to send it (its
    resolver would otherwise fail as an internal error)."""

    def on_validate(self) -> Iterator[None]:
        # Before validation runs: errors set here stop the operation (after, it would run).
        context = self.execution_context
        request = getattr(context.context, "request", None)
        if context.operation_type is OperationType.SUBSCRIPTION and not isinstance(
            request, WebSocket
        ):
            context.pre_execution_errors = [
                *(context.pre_execution_errors or []),
                GraphQLError(
                    "Subscriptions run over the WebSocket at /graphql "
                    "(graphql-transport-ws protocol), not over HTTP."
                ),
            ]
        yield


def is_user_visible(error: Exception) -> bool:
    original = getattr(error, "original_error", None)
    # Validation errors (limits, unknown fields) have no original error, and permission
    # refusals are GraphQL errors raised on purpose: both are safe to show.
    return original is None or isinstance(original, UserError | GraphQLError)


SUGGESTION = re.compile(r" Did you mean [^?]*\?")
"""The sentence graphql-core ends an error with to name the fields, arguments, types or enum
values close to a wrong one (GraphQL names hold no question mark)."""


class ClientErrors(MaskErrors):
    """Internal errors become "Unexpected error."; with ``hide_suggestions`` the client's own
    errors also lose their "Did you mean …?" sentence, which would spell out the schema to
    a caller who may not introspect it."""

    def __init__(self, hide_suggestions: bool) -> None:
        super().__init__(should_mask_error=self._rewrites)
        self.hide_suggestions = hide_suggestions

    def _rewrites(self, error: GraphQLError) -> bool:
        if not is_user_visible(error):
            return True
        return self.hide_suggestions and SUGGESTION.search(error.message) is not None

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        if not is_user_visible(error):
            return super().anonymise_error(error)
        return GraphQLError(
            SUGGESTION.sub("", error.message),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=error.original_error,
            extensions=error.extensions,
        )


# The rules are made once: validation results are cached per document and rule set, and
# the depth and alias limiters would otherwise make new rule classes for every operation.
VALIDATION_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    PageBounds,
]
PRODUCTION_RULES = [*VALIDATION_RULES, NoSchemaIntrospectionCustomRule]
"""In production no key may introspect the schema (``__schema``, ``__type``; ``__typename``
stays): the web app's operations are typed at build time from the committed SDL, and an
operator reads the schema with `osmosi schema`."""
CACHED_DOCUMENTS = 512
"""Parsed and validated documents kept: a front-end sends the same few operations again and
again, and parsing and validating a person view costs more than serving it."""


def operation_limits(production: bool = False) -> list[Callable[[], SchemaExtension]]:
    """Extension factories: a fresh instance of each per operation. In ``production`` the
    schema cannot be introspected and errors suggest no names."""
    rules = PRODUCTION_RULES if production else VALIDATION_RULES
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: AddValidationRules(rules),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
        SubscriptionsOverWebSocket,
        lambda: ClientErrors(hide_suggestions=production),
    ]

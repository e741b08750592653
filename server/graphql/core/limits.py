"""Limits applied to every GraphQL operation before any resolver runs."""

from __future__ import annotations

from collections.abc import Callable

from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5_000


class UserError(Exception):
    """An error whose message is meant for the client; every other error is masked."""


def _is_user_visible(error: Exception) -> bool:
    original = getattr(error, "original_error", None)
    # Validation errors (limits, unknown fields) have no original error and are safe to show.
    return original is None or isinstance(original, UserError)


def operation_limits() -> list[Callable[[], SchemaExtension]]:
    """Extension factories: a fresh instance of each per operation."""
    return [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=lambda error: not _is_user_visible(error)),
    ]

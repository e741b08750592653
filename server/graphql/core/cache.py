"""A short-lived, per-process cache of the ranking views' results.

The rankings (`influencers`, `advocates`, `communities`, `influencerMap`,
`ambassadorShortlist`) change when they are recomputed, not between requests, and every
dashboard asks for the same few pages of them: an operation made only of those fields is
answered from the result of the same operation (same text, operation name and variables)
computed less than ``ranking_cache_seconds`` ago, so they lag a new ranking (and names and
accounts shown in them an ingest) by that long at most. Anything else, and any result with
errors, is never cached. Limits and validation run before the cache is consulted, so a
hostile operation is still refused.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from graphql import ExecutionResult, FieldNode, OperationDefinitionNode, OperationType
from strawberry.extensions import SchemaExtension

CACHEABLE_FIELDS = frozenset(
    {"influencers", "advocates", "communities", "influencerMap", "ambassadorShortlist"}
)
MAX_ENTRIES = 256


@dataclass
class ResultCache:
    """Results by operation, each kept ``ttl`` seconds, the least recently used dropped first
    beyond `MAX_ENTRIES`. Used from the event loop's thread only."""

    ttl: float
    clock: Callable[[], float] = time.monotonic
    _entries: OrderedDict[str, tuple[float, ExecutionResult]] = field(default_factory=OrderedDict)

    def get(self, key: str) -> ExecutionResult | None:
        found = self._entries.get(key)
        if found is None:
            return None
        stored_at, result = found
        if self.clock() - stored_at > self.ttl:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return result

    def put(self, key: str, result: ExecutionResult) -> None:
        self._entries[key] = (self.clock(), result)
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()


def _only_rankings(operation: OperationDefinitionNode) -> bool:
    fields = operation.selection_set.selections
    return all(
        isinstance(node, FieldNode)
        and (node.name.value in CACHEABLE_FIELDS or node.name.value == "__typename")
        for node in fields
    ) and any(isinstance(node, FieldNode) and node.name.value != "__typename" for node in fields)


class RankingViewCache(SchemaExtension):
    """Answers operations made only of ranking views from the request context's cache."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        cache: ResultCache | None = getattr(context.context, "results", None)
        # An operation already answered (refused by its cost) is left as it is.
        key = self._key() if cache is not None and context.result is None else None
        if cache is not None and key is not None and (hit := cache.get(key)) is not None:
            context.result = hit
            yield
            return
        yield
        result = context.result
        if cache is None or key is None or not isinstance(result, ExecutionResult):
            return
        if not result.errors:
            cache.put(key, result)

    def _key(self) -> str | None:
        context = self.execution_context
        document = context.graphql_document
        if document is None or context.query is None:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        chosen = [
            op
            for op in operations
            if context.operation_name is None
            or (op.name is not None and op.name.value == context.operation_name)
        ]
        if len(chosen) != 1 or chosen[0].operation is not OperationType.QUERY:
            return None
        if not _only_rankings(chosen[0]):
            return None
        variables = json.dumps(context.variables or {}, sort_keys=True, default=str)
        return f"{context.operation_name}\0{variables}\0{context.query}"

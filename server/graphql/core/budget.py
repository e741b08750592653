"""Each operation's cost checked, before it runs, against its key's budget and rate limit.

An operation costing more than the budget of its key's role is refused with
``extensions.code = "QUERY_TOO_COSTLY"`` (and its ``cost`` and ``budget``); one whose key has
spent its points of the last minute, with ``"RATE_LIMITED"`` (``retryAfterSeconds``, and
over HTTP a 429 with ``Retry-After``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from graph.model.access import ApiKey, Role
from server.graphql.core.cost import operation_cost
from server.graphql.core.throttle import TokenBuckets


@dataclass(frozen=True)
class Budgets:
    """The most an operation may cost, by role, and the per-key rate limit (None: off)."""

    per_role: Mapping[Role, int]
    rates: TokenBuckets | None = None

    def of(self, caller: ApiKey | None) -> int:
        return self.per_role[caller.role if caller is not None else Role.VIEWER]


class CostBudget(SchemaExtension):
    """Refuses, before execution, an operation over its key's budget or rate limit."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None or context.operation_type is OperationType.SUBSCRIPTION:
            yield
            return
        budgets: Budgets = context.context.budgets
        caller: ApiKey | None = context.context.caller
        cost = operation_cost(
            context.schema._schema, document, context.operation_name, context.variables
        )
        budget = budgets.of(caller)
        refusal = None
        if cost > budget:
            role = caller.role.value if caller is not None else Role.VIEWER.value
            refusal = GraphQLError(
                f"This operation costs {cost}, more than the {budget} a {role} key may "
                "spend on one operation: ask for smaller pages or fewer computed views "
                "(each field's cost is in the schema's descriptions).",
                extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "budget": budget},
            )
        elif budgets.rates is not None:
            wait = budgets.rates.take(caller.id if caller is not None else "", cost)
            if wait:
                refusal = self._rate_limited(budgets.rates, cost, wait)
        if refusal is not None:
            # A result set before execution is answered as it is (and never cached).
            context.result = ExecutionResult(data=None, errors=[refusal])
        yield

    def _rate_limited(self, rates: TokenBuckets, cost: int, wait: float) -> GraphQLError:
        seconds = math.ceil(wait)
        response = getattr(self.execution_context.context, "response", None)
        if response is not None:  # over HTTP; a WebSocket has only the error
            response.status_code = 429
            response.headers["Retry-After"] = str(seconds)
        return GraphQLError(
            f"This key may spend {rates.capacity} points per {rates.period:g} s and has "
            f"too few left for this operation's {cost}: retry in {seconds} s.",
            extensions={"code": "RATE_LIMITED", "cost": cost, "retryAfterSeconds": seconds},
        )

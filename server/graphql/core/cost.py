"""What an operation costs, computed from its text and variables before anything runs.

The unit is about the work of one store call. A field costs:

- a root query field: 1; a field with a page argument (``first``, ``size``): 1 for each
  page it reads, that is times the page sizes of the paged fields around it (DataLoaders
  batch the pages into few store calls, but each is read);
- any other field of an object type: 1 (DataLoaders fetch it for a whole page at once);
- a scalar: 0;
- a mutation: `MUTATION_COST`;
- the aggregations and the views computed on request: what `FIELD_COSTS` and
  `RECOMPUTED_COST` say, about their work in store calls.

Page sizes passed as variables count at their value; unknown, at their largest. Branches of
a union or interface all count, so the cost is an upper bound. The cost is static: an
operation answered from `server.graphql.core.cache` costs what it would cost computed.

Examples
--------
>>> from graphql import build_schema, parse
>>> schema = build_schema('''type Query { stats: Stats! influencers(first: Int! = 20,
...   topic: String): [P!]! }  type Stats { people: Int! }  type P { id: ID! }''')
>>> operation_cost(schema, parse("{ stats { people } }"))
5
>>> operation_cost(schema, parse('{ a: influencers { id } b: influencers(topic: "x") { id } }'))
201
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    VariableNode,
    get_named_type,
    is_composite_type,
    value_from_ast_untyped,
)

from server.graphql.core.limits import PAGE_ARGUMENTS, page_limit

RULES = (
    "Each operation's cost (about one per store call's work) is checked before it runs "
    "against the budget of the key's role (over it: error code QUERY_TOO_COSTLY) and the "
    "key's points per minute (RATE_LIMITED), either error saying the cost in its "
    "`extensions`. A root field costs 1, a field with `first` or `size` 1 per page it "
    "reads (times the page sizes around it), another object field 1, a scalar 0."
)
FIELD_COSTS: dict[tuple[str, str], int] = {
    ("Query", "stats"): 5,
    ("Query", "topics"): 10,
    ("Query", "touchpoints"): 10,
    ("Query", "channels"): 10,
    ("Query", "channelTrends"): 10,
    ("Query", "communityTrends"): 10,
    ("Query", "responseMetrics"): 10,
    ("Query", "connectionPath"): 20,
    ("Query", "ambassadorShortlist"): 800,
}
"""Fields that cost more than the rule above: aggregations over the store, and views
computed on request (the shortlist, a path search)."""
RECOMPUTED_COST = 200
"""``influencers`` and ``influencerMap`` with a topic, platform or time window: influence
recomputed on that part of the graph."""
RECOMPUTED = frozenset({("Query", "influencers"), ("Query", "influencerMap")})
FILTER_ARGUMENTS = ("topic", "platform", "since", "until")
MUTATION_COST = 10
SIZE_UNKNOWN = -1


def field_cost(type_name: str, field_name: str) -> int:
    """What `FIELD_COSTS` says a field costs each time it runs (without its selection)."""
    return FIELD_COSTS[(type_name, field_name)]


class _Walk:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        # A fragment's cost, by the pages around it: fragments spreading others twice over
        # would otherwise be walked exponentially often.
        self.spreads: dict[tuple[str, int], int] = {}

    def selection(
        self, selections: SelectionSetNode, parent: GraphQLCompositeType, times: int
    ) -> int:
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, times)
            elif isinstance(node, InlineFragmentNode):
                on = self._type(node.type_condition.name.value) if node.type_condition else parent
                total += self.selection(node.selection_set, on, times)
            elif isinstance(node, FragmentSpreadNode):
                total += self.spread(node.name.value, times)
        return total

    def spread(self, name: str, times: int) -> int:
        found = self.spreads.get((name, times))
        if found is None:  # (validation has refused cycles)
            fragment = self.fragments[name]
            on = self._type(fragment.type_condition.name.value)
            found = self.spreads[(name, times)] = self.selection(fragment.selection_set, on, times)
        return found

    def field(self, node: FieldNode, parent: GraphQLCompositeType, times: int) -> int:
        name = node.name.value
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0  # only __typename is selected on a union
        definition = parent.fields.get(name)
        if definition is None:
            return 0  # __typename, or introspection's own fields
        returns = get_named_type(definition.type)
        arguments = self._arguments(node, definition)
        size = self._page(parent.name, name, arguments)
        key, batched = (parent.name, name), False
        if key in FIELD_COSTS:
            own = field_cost(*key)
        elif key in RECOMPUTED and any(arguments.get(a) is not None for a in FILTER_ARGUMENTS):
            own = RECOMPUTED_COST
        elif parent is self.schema.mutation_type:
            own = MUTATION_COST
        elif parent is self.schema.query_type or size is not None:
            own = 1
        else:  # DataLoaders fetch it once for all the items of the pages around it
            own, batched = (1 if is_composite_type(returns) else 0), True
        inner = 0
        if node.selection_set is not None and is_composite_type(returns):
            inner = self.selection(node.selection_set, returns, times * (size or 1))
        return own * (1 if batched else times) + inner

    def _arguments(self, node: FieldNode, definition: GraphQLField) -> dict[str, Any]:
        """Argument values: written, from variables, or their defaults; a variable the
        request does not give is `SIZE_UNKNOWN`."""
        found = {
            name: arg.default_value
            for name, arg in definition.args.items()
            if arg.default_value is not Undefined
        }
        for argument in node.arguments or ():
            value = argument.value
            if isinstance(value, VariableNode):
                found[argument.name.value] = self.variables.get(value.name.value, SIZE_UNKNOWN)
            elif isinstance(value, NullValueNode):
                found[argument.name.value] = None
            else:
                found[argument.name.value] = value_from_ast_untyped(value)
        return found

    @staticmethod
    def _page(type_name: str, field_name: str, arguments: Mapping[str, Any]) -> int | None:
        for name in PAGE_ARGUMENTS:
            if name in arguments:
                value = arguments[name]
                limit = page_limit(type_name, field_name)
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    return limit
                return min(value, limit)
        return None

    def _type(self, name: str) -> GraphQLCompositeType:
        found = self.schema.get_type(name)
        assert is_composite_type(found), name  # the document was validated
        return found


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
) -> int:
    """The cost of the operation ``operation_name`` (the only one, if None) of a validated
    ``document``; 0 if there is no such operation."""
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (operation_name is None or (d.name is not None and d.name.value == operation_name))
    ]
    if len(operations) != 1:
        return 0
    operation = operations[0]
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    if root is None:
        return 0
    walk = _Walk(schema, document, variables or {})
    return walk.selection(operation.selection_set, root, 1)

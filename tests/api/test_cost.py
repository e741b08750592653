"""The cost model, the per-key token buckets and the pool of computed views, on their own."""

from __future__ import annotations

import asyncio
import threading

import pytest
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
)

from osmosi.settings import Settings
from server.graphql.core.cost import RECOMPUTED_COST, field_cost, operation_cost
from server.graphql.core.throttle import DeadlineExceeded, HeavyPool, TokenBuckets
from server.graphql.schema import build_schema
from tests.helpers.api import ISSUE
from tests.helpers.web import documents

SCHEMA: GraphQLSchema = build_schema()._schema
SHORTLIST = field_cost("Query", "ambassadorShortlist")
PEOPLE = '{ people(search: "a", first: $n) { edges { node { posts(first: 5) { totalCount } } } } }'


def cost(query: str, **variables: object) -> int:
    return operation_cost(SCHEMA, parse(query), variables=variables)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("{ viewer { name } }", 1),
        ("{ stats { people posts } }", field_cost("Query", "stats")),
        # A page of people (edges and nodes 1 each), each with a page of posts.
        (PEOPLE.replace("$n", "10"), 3 + 10),
        # Objects under a page are fetched for the whole page at once (DataLoaders).
        ("{ influencers(first: 50) { person { accounts { handle } } } }", 3),
        ("{ influencers(first: 50) { score } }", 1),
        ('{ influencers(first: 50, topic: "bike") { score } }', RECOMPUTED_COST),
        ('{ influencerMap(platform: "x") { truncated } }', RECOMPUTED_COST),
        ("{ influencerMap(topic: null) { truncated } }", 1),
        (
            "{ a: ambassadorShortlist { expectedReach } "
            "b: ambassadorShortlist(size: 3) { shortfall } }",
            2 * SHORTLIST,
        ),
        # Fragments count where they are spread.
        ("query { ...F } fragment F on Query { stats { people } }", field_cost("Query", "stats")),
    ],
)
def test_an_operation_costs_its_fields(query: str, expected: int) -> None:
    assert cost(query) == expected


def test_fragments_spread_many_times_over_are_counted_without_walking_each_spread() -> None:
    chain = "".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} " for i in range(60))
    query = "{ ...F0 } " + chain + "fragment F60 on Query { viewer { name } }"
    assert cost(query) == 2**60  # over any budget, and computed at once


def test_page_sizes_in_variables_count_at_their_value_or_their_largest() -> None:
    query = "query($n: Int!) " + PEOPLE
    assert cost(query, n=4) == 3 + 4
    assert cost(query) == 3 + 100  # unknown: the largest page
    filtered = "query($t: String) { influencers(topic: $t) { score } }"
    assert cost(filtered, t=None) == 1
    assert cost(filtered, t="bike") == cost(filtered) == RECOMPUTED_COST


def test_the_issue_operations_cost_more_than_a_viewer_may_spend() -> None:
    budget = Settings().query_budget_viewer
    assert cost(ISSUE["shortlists"]) == 30 * SHORTLIST > budget
    assert cost(ISSUE["influencers by topic"]) == 30 * RECOMPUTED_COST > budget
    assert cost(ISSUE["maps by topic"]) == 30 * RECOMPUTED_COST > budget


def test_every_operation_of_the_web_app_fits_a_viewer_budget() -> None:
    definitions = [d for document in documents().values() for d in document.definitions]
    fragments = [d for d in definitions if isinstance(d, FragmentDefinitionNode)]
    budget = Settings().query_budget_viewer
    for operation in definitions:
        if isinstance(operation, OperationDefinitionNode):
            whole = DocumentNode(definitions=(operation, *fragments))
            # Its variables unknown, so at their largest pages.
            assert 0 < operation_cost(SCHEMA, whole) <= budget, operation.name


def test_token_buckets_refill_with_time_per_key_up_to_their_capacity() -> None:
    now = [0.0]
    buckets = TokenBuckets(capacity=60, period=60, clock=lambda: now[0])
    assert buckets.take("a", 50) == 0
    assert buckets.take("a", 20) == 10  # 10 points left, 1 a second
    assert buckets.take("b", 60) == 0  # another key, another bucket
    now[0] = 10.0
    assert buckets.take("a", 20) == 0
    now[0] = 1000.0
    assert buckets.take("a", 61) == 1  # never more than the capacity
    assert buckets.take("a", 60) == 0


def test_the_pool_runs_at_most_its_slots_at_once() -> None:
    pool = HeavyPool(slots=2, deadline=30)
    release = threading.Event()
    lock = threading.Lock()
    running = [0]
    most = [0]
    two_running = threading.Event()

    def work() -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            if running[0] == 2:
                two_running.set()
        release.wait(30)
        with lock:
            running[0] -= 1
        return 1

    async def scenario() -> tuple[list[int], str]:
        tasks = [asyncio.create_task(pool.run(work, "view")) for _ in range(2)]
        await asyncio.to_thread(two_running.wait, 30)
        # A third view finds no slot: it waits for one until its deadline, and says so (not
        # a sleep after which a third would have started, were it let in: a loaded machine
        # outlasts that).
        pool.deadline = 0.05
        with pytest.raises(DeadlineExceeded) as refused:
            await pool.run(work, "third")
        pool.deadline = 30
        tasks += [asyncio.create_task(pool.run(work, "view")) for _ in range(3)]
        release.set()
        return await asyncio.gather(*tasks), str(refused.value)

    try:
        answered, refused = asyncio.run(scenario())
    finally:
        release.set()
        pool.close()
    assert answered == [1] * 5
    assert refused.startswith("third waited for")
    assert most[0] == 2


def test_a_view_past_its_deadline_is_refused_and_keeps_its_slot_until_it_ends() -> None:
    pool = HeavyPool(slots=1, deadline=0.05)
    release = threading.Event()

    async def scenario() -> tuple[str, str, str]:
        with pytest.raises(DeadlineExceeded) as ran:
            await pool.run(lambda: release.wait(30), "slow")
        # The slow view still runs, holding the only slot: the next one waits for it.
        with pytest.raises(DeadlineExceeded) as waited:
            await pool.run(lambda: "fast", "fast")
        release.set()
        pool.deadline = 30  # the next one waits for the slot to be given back
        return str(ran.value), str(waited.value), await pool.run(lambda: "fast", "fast")

    try:
        ran, waited, answered = asyncio.run(scenario())
    finally:
        release.set()
        pool.close()
    assert ran.startswith("slow ran for more than 0.05 s")
    assert waited.startswith("fast waited for more than 0.05 s")
    assert answered == "fast"

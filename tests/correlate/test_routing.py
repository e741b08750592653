"""The impact table on both backends: each business function receives the posts its rules
describe and nothing else, and breaches of the first-response target show as overdue at
the right time (the app's clock is injected)."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from graph.model.access import Role
from graph.model.nodes import (
    Aspect,
    AspectTarget,
    Channel,
    ChannelKind,
    Customer,
    CustomerLink,
    Intent,
    Post,
    Sentiment,
    ShareKind,
)
from graph.model.responses import ConversationStatus
from graph.model.routing import (
    DEFAULT_TABLE,
    BusinessFunction,
    RoutingError,
    load_table,
    parse_table,
)
from graph.responses.acting import Actions
from graph.store.contract import GraphStore
from graph.store.correlate import ConversationFilter
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline, PreparedChunk
from osmosi.runtime import pipeline_for
from osmosi.settings import Settings
from tests.helpers.api import api_client, counting_calls, graphql
from tests.helpers.factories import T0, person_of, post

TABLE = parse_table(
    {
        "rule": [
            {
                "name": "influential detractors",
                "function": "pr",
                "priority": "urgent",
                "first_response_hours": 2,
                "reviewers": ["pr-lead"],
                "when": {"sentiment": ["negative"], "advocacy_class": ["at_risk_influencer"]},
            },
            {
                "name": "valuable customers' complaints",
                "function": "customer_care",
                "priority": "high",
                "first_response_hours": 4,
                "when": {"intent": ["complaint"], "customer": True, "min_lifetime_value": 100},
            },
            {
                "name": "leads on X",
                "function": "sales",
                "first_response_hours": 4,
                "when": {"intent": ["purchase"], "platform": ["x"]},
            },
            {
                "name": "feature requests",
                "function": "product",
                "priority": "low",
                "first_response_hours": 72,
                "when": {"topic": ["#Funzionalità"]},
            },
            {
                "name": "influential praise",
                "function": "marketing",
                "first_response_hours": 24,
                "when": {"intent": ["praise"], "min_influence": 0.8, "channel_kind": ["appeal"]},
            },
        ]
    }
)

FORUM = Channel("mastodon", "forum.example", ChannelKind.VERTICAL)
DELIVERY = (Aspect(AspectTarget.TOUCHPOINT, "delivery", Sentiment.NEGATIVE, -0.8),)
COMPLAINT: dict[str, Any] = {"intent": Intent.COMPLAINT, "sentiment": Sentiment.NEGATIVE}
PRAISE: dict[str, Any] = {"intent": Intent.PRAISE, "sentiment": Sentiment.POSITIVE}
F = BusinessFunction
POSTS: dict[str, tuple[Post, BusinessFunction | None]] = {
    # post id: (the post, the function expected to own it, or None)
    "1": (post("1", "critic", aspects=DELIVERY, **COMPLAINT), F.PR),
    "2": (post("2", "cliente", minutes=1, **COMPLAINT), F.CUSTOMER_CARE),
    "3": (post("3", "casual", minutes=2, **COMPLAINT), None),
    "4": (post("4", "buyer", minutes=3, platform="x", intent=Intent.PURCHASE), F.SALES),
    "5": (post("5", "buyer", minutes=4, intent=Intent.PURCHASE), None),
    "6": (post("6", "shy", minutes=5, topics=("funzionalita",), intent=Intent.IDEA), F.PRODUCT),
    "7": (post("7", "fan", minutes=6, **PRAISE), F.MARKETING),
    "8": (post("8", "shy", minutes=7, **PRAISE), None),
    "9": (post("9", "fan", minutes=8, channel=FORUM, **PRAISE), None),
}


def _people(store: GraphStore) -> None:
    """Who the authors are: influence, class and customer value, as rankings and CRM say."""
    store.upsert_posts([p for p, _ in POSTS.values()])
    facts = {
        "critic": (0.95, "at_risk_influencer"),
        "fan": (0.9, "advocate"),
        "shy": (0.1, "neutral"),
    }
    ids = {handle: person_of(store, handle) for handle in facts}
    store.write_scores(
        "advocacy",
        {ids[h]: 0.0 for h in facts},
        T0,
        factors={ids[h]: {"influence": facts[h][0]} for h in facts},
        classes={ids[h]: facts[h][1] for h in facts},
    )
    store.upsert_customers([Customer("C-1", "Cara", lifetime_value=500.0)])
    store.link_customers([CustomerLink(person_of(store, "cliente"), "C-1", 0.97, ("handle",))])


def _route(store: GraphStore) -> Pipeline:
    pipeline = Pipeline(store, actions=Actions(TABLE))
    posts = [p for p, _ in POSTS.values()]
    counts = pipeline.write(PreparedChunk(len(posts), store.prepare_posts(posts), [], tuple(posts)))
    assert counts.duplicates == len(posts)  # _people stored them: routing is idempotent too
    return pipeline


def test_each_function_receives_what_its_rules_describe_and_nothing_else(
    store: GraphStore,
) -> None:
    _people(store)
    _route(store)
    for function in BusinessFunction:
        queue = store.conversations(ConversationFilter(function=function), 100)
        expected = {f"{p.platform}:{pid}" for pid, (p, owner) in POSTS.items() if owner is function}
        assert {c.post_uid for c in queue} == expected, function
    everything = store.conversations(ConversationFilter(), 100)
    assert len(everything) == sum(owner is not None for _, owner in POSTS.values())
    pr = store.get_conversations(["mastodon:1"])["mastodon:1"]
    assert (pr.rule, pr.reviewers, pr.due_at) == (
        "influential detractors", ("pr-lead",), T0 + timedelta(hours=2),
    )  # fmt: skip
    assert pr.author_id == person_of(store, "critic")

    # Writing the same posts again opens nothing new.
    _route(store)
    assert len(store.conversations(ConversationFilter(), 100)) == len(everything)


def _overdue(store: GraphStore, now: datetime, **filters: Any) -> list[str]:
    async def scenario() -> list[str]:
        async with api_client(store, clock=lambda: now) as client:
            body = await graphql(
                client,
                "query($f: BusinessFunction) { responseQueue(overdue: true, function: $f) "
                "{ edges { node { id overdue dueAt } } } }",
                f=filters.get("function"),
            )
        assert "errors" not in body, body
        nodes = [edge["node"] for edge in body["data"]["responseQueue"]["edges"]]
        assert all(node["overdue"] for node in nodes)
        return [node["id"] for node in nodes]

    return asyncio.run(scenario())


def test_reposts_and_quotes_open_no_conversation_beside_the_original(store: GraphStore) -> None:
    _people(store)
    _route(store)
    complaint = POSTS["2"][0]
    shares = [
        post(
            f"share-{kind}",
            "cliente",
            complaint.text,
            minutes=30,
            shares="2",
            share_kind=kind,
            **COMPLAINT,
        )
        for kind in (ShareKind.REPOST, ShareKind.QUOTE)
    ]
    acted = Pipeline(store, actions=Actions(TABLE)).write(
        PreparedChunk(len(shares), store.prepare_posts(shares), [], tuple(shares))
    )
    assert acted.stored == len(shares)
    care = store.conversations(ConversationFilter(function=F.CUSTOMER_CARE), 10)
    assert [c.post_uid for c in care] == [complaint.uid], "the original's conversation alone"


def test_breaches_of_the_target_are_overdue_from_their_due_time(store: GraphStore) -> None:
    _people(store)
    _route(store)
    assert _overdue(store, T0 + timedelta(hours=1)) == []
    assert _overdue(store, T0 + timedelta(hours=2, minutes=1)) == ["mastodon:1"]
    # Due at post time + 4 h: the complaint (T0 + 1 min) and the lead (T0 + 3 min).
    at_four = T0 + timedelta(hours=4, minutes=2)
    assert _overdue(store, at_four) == ["mastodon:1", "mastodon:2"]
    assert _overdue(store, at_four + timedelta(minutes=2)) == ["mastodon:1", "mastodon:2", "x:4"]
    assert _overdue(store, at_four, function="CUSTOMER_CARE") == ["mastodon:2"]

    async def answer() -> list[dict[str, Any]]:
        async with api_client(store, clock=lambda: at_four) as client:
            return [
                await graphql(client, query)
                for query in (
                    'mutation { answerConversation(id: "mastodon:2", answer: '
                    '"https://x.example/r/1", answeredBy: "marta") '
                    "{ status answeredBy withinTarget firstResponseSeconds } }",
                    # Without `answeredBy`, the answer is the signed-in key's holder's.
                    'mutation { answerConversation(id: "x:4", answer: "on it") { answeredBy } }',
                )
            ]

    by_marta, by_key = asyncio.run(answer())
    answered = by_marta["data"]["answerConversation"]
    assert answered["status"] == "ANSWERED" and answered["withinTarget"] is False
    assert answered["answeredBy"] == "marta"
    assert answered["firstResponseSeconds"] == timedelta(hours=4, minutes=1).total_seconds()
    assert by_key["data"]["answerConversation"]["answeredBy"] == "test admin"
    week = at_four + timedelta(days=3)
    assert _overdue(store, week) == ["mastodon:1", "mastodon:7", "mastodon:6"]


def test_queue_changes_are_checked_and_audited(store: GraphStore) -> None:
    _people(store)
    _route(store)

    async def scenario() -> list[dict[str, Any]]:
        async with api_client(store, clock=lambda: T0 + timedelta(hours=1)) as client:
            return [
                await graphql(client, query)
                for query in (
                    'mutation { assignConversation(id: "x:4", owner: "luca") { owner status } }',
                    'mutation { dismissConversation(id: "x:4", reason: "spam") '
                    "{ status dismissedReason closedBy } }",
                    'mutation { assignConversation(id: "x:4", owner: "eva") { owner } }',
                    'mutation { answerConversation(id: "mastodon:7", answer: "grazie!", '
                    'answeredBy: "eva", answeredAt: "2026-03-01T11:00:00Z") { status } }',
                    'mutation { assignConversation(id: "nope", owner: "eva") { owner } }',
                    '{ responseQueue(owner: "luca", status: DISMISSED) { edges { node { id } } } }',
                )
            ]

    assigned, dismissed, refused, before_post, missing, listed = asyncio.run(scenario())
    assert assigned["data"]["assignConversation"] == {"owner": "luca", "status": "OPEN"}
    closed = dismissed["data"]["dismissConversation"]
    assert (closed["status"], closed["dismissedReason"]) == ("DISMISSED", "spam")
    assert closed["closedBy"].startswith("key:")
    assert refused["errors"][0]["message"] == "the conversation is already dismissed"
    assert "between the post and now" in before_post["errors"][0]["message"]
    assert missing["errors"][0]["message"] == "no such conversation"
    assert listed["data"]["responseQueue"]["edges"] == [{"node": {"id": "x:4"}}]
    assert store.get_conversations(["mastodon:7"])["mastodon:7"].status is ConversationStatus.OPEN


def test_admins_edit_the_table_and_it_routes_what_is_ingested_next(store: GraphStore) -> None:
    rules = [
        {
            "name": "every question",
            "function": "SALES",
            "firstResponseHours": 1.5,
            "priority": "HIGH",
            "when": {"intents": ["QUESTION"]},
        }
    ]
    mutation = (
        "mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) "
        "{ name function firstResponseHours when { intents } } }"
    )

    async def scenario() -> list[dict[str, Any]]:
        async with api_client(store) as admin:
            saved = await graphql(admin, mutation, rules=rules)
            bad = await graphql(admin, mutation, rules=[{**rules[0], "firstResponseHours": -1}])
            listed = await graphql(admin, "{ routingRules { name priority } }")
        async with api_client(store, role=Role.MANAGER) as manager:
            refused = await graphql(manager, mutation, rules=rules)
        return [saved, bad, listed, refused]

    saved, bad, listed, refused = asyncio.run(scenario())
    assert saved["data"]["setRoutingRules"] == [
        {"name": "every question", "function": "SALES", "firstResponseHours": 1.5,
         "when": {"intents": ["QUESTION"]}},
    ]  # fmt: skip
    assert "first_response_hours: expected a number" in bad["errors"][0]["message"]
    assert listed["data"]["routingRules"] == [{"name": "every question", "priority": "HIGH"}]
    assert refused["errors"][0]["message"] == "this needs a key of the admin role"

    # The real ingest path, enrichment included: a question posted now goes to sales.
    pipeline = pipeline_for(Settings(), store)
    record = {
        "platform": "forum", "id": "q-1", "author": {"handle": "stefano"},
        "text": "Domanda: la garanzia copre anche la macinatura? Come faccio a richiederla?",
        "created_at": "2026-11-02T09:00:00+00:00", "language": "it", "channel": "forum.example",
    }  # fmt: skip
    parser = parser_for("jsonl")
    pipeline.ingest(parser.read(io.BytesIO(json.dumps(record).encode())), parser, "push")
    routed = store.get_conversations(["forum:q-1"])["forum:q-1"]
    assert (routed.function, routed.rule, routed.intent) == (
        BusinessFunction.SALES, "every question", Intent.QUESTION,
    )  # fmt: skip
    assert routed.due_at - routed.received_at == timedelta(hours=1.5)


def test_the_bundled_table_is_valid_and_tables_are_checked() -> None:
    table = load_table(DEFAULT_TABLE)
    assert {rule.function for rule in table.rules} == set(BusinessFunction)
    with pytest.raises(RoutingError, match="unknown condition 'mood'"):
        parse_table({"rule": [{"name": "x", "function": "pr", "first_response_hours": 1,
                               "when": {"mood": ["angry"]}}]})  # fmt: skip
    with pytest.raises(RoutingError, match="function is one of"):
        parse_table({"rule": [{"name": "x", "function": "legal", "first_response_hours": 1}]})
    rule = {"name": "x", "function": "pr", "first_response_hours": 1}
    with pytest.raises(RoutingError, match="names must be unique"):
        parse_table({"rule": [rule, rule]})


def test_post_lookups_for_routing_are_batched(store: GraphStore) -> None:
    """Routing a batch asks the store a fixed number of questions, however many posts."""
    _people(store)
    names = ("get_accounts", "get_people", "customer_links_of", "get_customers", "routing_table")
    with counting_calls(store, names) as calls:
        _route(store)
    assert dict(calls) == dict.fromkeys(names, 1)


def test_a_reported_conversation_is_routed_like_an_ingested_one(store: GraphStore) -> None:
    report = {
        "platform": "instagram",
        "text": "Il mio ordine non è mai arrivato, pessimo servizio clienti! 😡",
        "authorHandle": "laura_p",
        "reportedBy": "marta (customer care)",
    }
    mutation = (
        "mutation($input: ReportConversationInput!) { reportConversation(input: $input) "
        "{ post { id } } }"
    )

    async def scenario() -> dict[str, Any]:
        async with api_client(store, role=Role.MANAGER) as client:
            reported = await graphql(client, mutation, input=report)
            post_id = reported["data"]["reportConversation"]["post"]["id"]
            return await graphql(
                client, "query($id: ID!) { conversation(id: $id) { function rule intent } }",
                id=post_id,
            )  # fmt: skip

    routed = asyncio.run(scenario())["data"]["conversation"]
    assert routed == {"function": "CUSTOMER_CARE", "rule": "complaints", "intent": "COMPLAINT"}


def test_the_queue_costs_the_same_store_calls_whatever_its_page(store: GraphStore) -> None:
    _people(store)
    _route(store)
    query = (
        "query($n: Int!) { responseQueue(first: $n) { edges { node { id post { text } "
        "author { id accounts { handle } } } } } }"
    )
    names = ("conversations", "get_posts", "get_people", "accounts_of")

    def calls_for(first: int) -> dict[str, int]:
        async def scenario() -> dict[str, int]:
            async with api_client(store) as client:
                with counting_calls(store, names) as calls:
                    body = await graphql(client, query, n=first)
                assert len(body["data"]["responseQueue"]["edges"]) == min(first, 5)
                return dict(calls)

        return asyncio.run(scenario())

    assert calls_for(1) == calls_for(20) == dict.fromkeys(names, 1)

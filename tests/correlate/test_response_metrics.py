"""First-response metrics against a hand-computed example, over the API on both backends."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graph.model.nodes import Intent
from graph.model.responses import Conversation, ConversationStatus
from graph.model.routing import BusinessFunction, Priority
from graph.responses import metrics as response_metrics
from graph.responses.metrics import MetricGroup, figures
from graph.store.contract import GraphStore
from tests.helpers.api import api_client, graphql
from tests.helpers.factories import post

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
CARE_DAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday: ISO week 2026-03-02
SALES_DAY = datetime(2026, 3, 9, 6, 0, tzinfo=UTC)  # a Monday: ISO week 2026-03-09
H = timedelta(hours=1)
CARE, SALES = BusinessFunction.CUSTOMER_CARE, BusinessFunction.SALES

# The example, worked by hand.
#   Customer care (target 8 h), posts of 2 March 09:00: answered after 1 h, 2 h, 4 h (on
#   time) and 9 h (late); one open (due 17:00 that day: overdue); one dismissed.
#     median = (2 h + 4 h) / 2 = 3 h; p90 = the ⌈0.9 · 4⌉ = 4th smallest = 9 h;
#     within target = 3 / 4.
#   Sales (target 4 h), posts of 9 March 06:00: answered after 30 min (on time) and 4 h 30
#   min (late); one post of 10 March 11:00 open (due 15:00: not overdue at noon).
#     median = (0.5 h + 4.5 h) / 2 = 2.5 h; p90 = the ⌈0.9 · 2⌉ = 2nd smallest = 4.5 h;
#     within target = 1 / 2.
PLAN: list[tuple[BusinessFunction, datetime, timedelta | str | None]] = [
    *((CARE, CARE_DAY, wait) for wait in (1 * H, 2 * H, 4 * H, 9 * H, None, "dismissed")),
    (SALES, SALES_DAY, 0.5 * H),
    (SALES, SALES_DAY, 4.5 * H),
    (SALES, NOW - H, None),
]
TARGETS = {CARE: 8 * H, SALES: 4 * H}
CHANNELS = {CARE: "mastodon:social.example", SALES: "x:x.com"}


def _conversation(
    number: str, function: BusinessFunction, at: datetime, target: timedelta
) -> Conversation:
    return Conversation(
        id=f"mastodon:{number}",
        post_uid=f"mastodon:{number}",
        author_id=None,
        channel_uid=CHANNELS.get(function),
        intent=Intent.QUESTION,
        function=function,
        rule=function.value,
        priority=Priority.NORMAL,
        reviewers=(),
        received_at=at,
        due_at=at + target,
        routed_at=at,
    )


def _example(store: GraphStore) -> None:
    store.upsert_posts([post(str(n), "ada", minutes=n) for n in range(len(PLAN))])
    for n, (function, at, wait) in enumerate(PLAN):
        opened = _conversation(str(n), function, at, TARGETS[function])
        store.open_conversations([opened])
        if isinstance(wait, timedelta):
            closed = replace(
                opened, status=ConversationStatus.ANSWERED, answered_at=at + wait, answer="ok"
            )
        elif wait == "dismissed":
            closed = replace(opened, status=ConversationStatus.DISMISSED, dismissed_reason="spam")
        else:
            continue
        assert store.update_conversation(closed, expected=ConversationStatus.OPEN)


CARE_FIGURES = {
    "conversations": 6, "answered": 4, "dismissed": 1, "open": 1, "overdue": 1,
    "medianFirstResponseSeconds": 3 * 3600.0, "p90FirstResponseSeconds": 9 * 3600.0,
    "withinTarget": 0.75,
}  # fmt: skip
SALES_FIGURES = {
    "conversations": 3, "answered": 2, "dismissed": 0, "open": 1, "overdue": 0,
    "medianFirstResponseSeconds": 2.5 * 3600.0, "p90FirstResponseSeconds": 4.5 * 3600.0,
    "withinTarget": 0.5,
}  # fmt: skip
FIELDS = " ".join(CARE_FIGURES)


def _ask(store: GraphStore, query: str) -> dict[str, Any]:
    async def scenario() -> dict[str, Any]:
        async with api_client(store, clock=lambda: NOW) as client:
            body = await graphql(client, query)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    return asyncio.run(scenario())


def test_first_response_figures_match_the_hand_computed_example(store: GraphStore) -> None:
    _example(store)
    data = _ask(
        store,
        f"{{ byFunction: responseMetrics {{ function {FIELDS} }} "
        f"byWeek: responseMetrics(groupBy: [WEEK]) {{ week conversations }} "
        f"byChannel: responseMetrics(groupBy: [FUNCTION, CHANNEL], "
        f'since: "2026-03-09T00:00:00Z") {{ function channel answered }} }}',
    )
    assert data["byFunction"] == [
        {"function": "CUSTOMER_CARE", **CARE_FIGURES},
        {"function": "SALES", **SALES_FIGURES},
    ]
    assert data["byWeek"] == [
        {"week": "2026-03-02", "conversations": 6},
        {"week": "2026-03-09", "conversations": 3},
    ]
    assert data["byChannel"] == [{"function": "SALES", "channel": "x:x.com", "answered": 2}]


def test_the_cemetery_of_unanswered_questions(store: GraphStore) -> None:
    _example(store)
    data = _ask(
        store,
        "{ old: unansweredQuestions(olderThanHours: 24) { edges { node { id overdue } } } "
        "recent: unansweredQuestions(olderThanHours: 0.5) { totalCount edges { node { id } } } }",
    )
    assert data["old"]["edges"] == [{"node": {"id": "mastodon:4", "overdue": True}}]
    assert [e["node"]["id"] for e in data["recent"]["edges"]] == ["mastodon:4", "mastodon:8"]


def test_figures_of_no_conversations_and_of_one_group() -> None:
    assert figures([], (MetricGroup.FUNCTION,), NOW) == []
    only = _conversation("1", BusinessFunction.PR, NOW - H, 2 * H)
    (total,) = figures([only], (), NOW)
    assert (total.function, total.open, total.overdue, total.median_first_response) == (
        None, 1, 0, None,
    )  # fmt: skip


def test_a_window_too_large_to_count_whole_is_refused(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _example(store)
    monkeypatch.setattr(response_metrics, "PAGE", 2)
    monkeypatch.setattr(response_metrics, "MAX_CONVERSATIONS", 4)

    async def scenario() -> dict[str, Any]:
        async with api_client(store, clock=lambda: NOW) as client:
            return await graphql(client, "{ responseMetrics { answered } }")

    body = asyncio.run(scenario())
    assert body["errors"][0]["message"] == (
        "more than 4 conversations in the window: narrow since/until"
    )
    monkeypatch.setattr(response_metrics, "MAX_CONVERSATIONS", 9)
    assert len(list(response_metrics.conversations_between(store, None, None))) == 9

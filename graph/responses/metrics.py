"""First-response metrics: how long people wait for an answer, and who is left waiting.

A conversation's first-response time runs from the post to the answer. Per group (business
function, channel, ISO week of the post, or any combination) the figures are the median
(the middle value, or the mean of the two middle values), the 90th percentile (nearest
rank: the ⌈0.9·n⌉-th smallest) and the share answered within the rule's target. Open
conversations count as open and, past their due time, overdue: they never improve a median.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.model.nodes import Intent
from graph.model.responses import Conversation, ConversationStatus, ResponseError
from graph.model.routing import BusinessFunction
from graph.store.contract import GraphStore
from graph.store.correlate import ConversationFilter

PAGE = 1_000
MAX_CONVERSATIONS = 200_000


class MetricGroup(enum.StrEnum):
    FUNCTION = "function"
    CHANNEL = "channel"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class ResponseFigures:
    function: BusinessFunction | None
    channel: str | None
    week: date | None
    """Monday of the ISO week the posts were made in."""
    conversations: int
    answered: int
    dismissed: int
    open: int
    overdue: int
    median_first_response: timedelta | None
    p90_first_response: timedelta | None
    within_target: float | None
    """Share of answered conversations answered by their due time, 0 to 1."""


def nearest_rank(values: Sequence[timedelta], share: float) -> timedelta:
    """The ⌈share·n⌉-th smallest of ``values`` (sorted).

    >>> nearest_rank([timedelta(hours=h) for h in (1, 2, 3, 4, 10)], 0.9)
    datetime.timedelta(seconds=36000)
    """
    return values[max(math.ceil(share * len(values)), 1) - 1]


def middle(values: Sequence[timedelta]) -> timedelta:
    """The median of sorted ``values``: the middle one, or the mean of the two middle ones.

    >>> middle([timedelta(hours=1), timedelta(hours=2), timedelta(hours=4), timedelta(hours=9)])
    datetime.timedelta(seconds=10800)
    """
    half = len(values) // 2
    return values[half] if len(values) % 2 else (values[half - 1] + values[half]) / 2


def week_of(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def figures(
    conversations: Iterable[Conversation], groups: Sequence[MetricGroup], now: datetime
) -> list[ResponseFigures]:
    """The figures of each group, in the groups' order (a single group with no grouping)."""
    grouped: dict[tuple[str | None, str | None, date | None], list[Conversation]] = defaultdict(
        list
    )
    for conversation in conversations:
        key = (
            conversation.function.value if MetricGroup.FUNCTION in groups else None,
            conversation.channel_uid if MetricGroup.CHANNEL in groups else None,
            week_of(conversation.received_at) if MetricGroup.WEEK in groups else None,
        )
        grouped[key].append(conversation)
    result = []
    for (function, channel, week), members in sorted(
        grouped.items(), key=lambda item: tuple(str(part) for part in item[0])
    ):
        waits = sorted(c.first_response for c in members if c.first_response is not None)
        on_time = [c.within_target for c in members if c.within_target is not None]
        result.append(
            ResponseFigures(
                function=BusinessFunction(function) if function else None,
                channel=channel,
                week=week,
                conversations=len(members),
                answered=len(waits),
                dismissed=sum(c.status is ConversationStatus.DISMISSED for c in members),
                open=sum(c.status is ConversationStatus.OPEN for c in members),
                overdue=sum(c.overdue(now) for c in members),
                median_first_response=middle(waits) if waits else None,
                p90_first_response=nearest_rank(waits, 0.9) if waits else None,
                within_target=sum(on_time) / len(on_time) if on_time else None,
            )
        )
    return result


def conversations_between(
    store: GraphStore, since: datetime | None, until: datetime | None
) -> Iterator[Conversation]:
    """Conversations about posts made in ``[since, until)``, read a page at a time; more
    than `MAX_CONVERSATIONS` is refused (figures of part of a window would mislead)."""
    where = ConversationFilter(received_since=since, received_until=until)
    for offset in range(0, MAX_CONVERSATIONS + 1, PAGE):
        page = store.conversations(where, PAGE, offset)
        if offset + len(page) > MAX_CONVERSATIONS:
            raise ResponseError(
                f"more than {MAX_CONVERSATIONS} conversations in the window: narrow since/until"
            )
        yield from page
        if len(page) < PAGE:
            return


def unanswered(
    store: GraphStore,
    older_than: timedelta,
    now: datetime,
    first: int,
    offset: int = 0,
    intents: frozenset[Intent] = frozenset({Intent.QUESTION}),
) -> list[Conversation]:
    """Open conversations (questions, by default) waiting longer than ``older_than``: the
    "cemetery of unanswered questions", most urgent first."""
    where = ConversationFilter(status=ConversationStatus.OPEN, received_until=now - older_than)
    found: list[Conversation] = []
    skipped = 0
    for start in range(0, MAX_CONVERSATIONS, PAGE):
        page = store.conversations(where, PAGE, start)
        for conversation in page:
            if conversation.intent not in intents:
                continue
            if skipped < offset:
                skipped += 1
                continue
            found.append(conversation)
            if len(found) == first:
                return found
        if len(page) < PAGE:
            break
    return found

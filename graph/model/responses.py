"""The response queue: conversations that need a human answer, who owns them, by when.

Osmosi never answers itself. A post routed by the impact table opens a conversation (once:
its id is the post's uid), due at the post's time plus the rule's first-response target. A
team member assigns it, marks it answered (with the answer's text or link, and who answered)
or dismisses it with a reason.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from graph.model.nodes import Intent, Post
from graph.model.routing import BusinessFunction, Priority, Rule

MAX_ANSWER = 10_000
MAX_OWNER = 200


class ConversationStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    DISMISSED = "dismissed"


class ResponseError(ValueError):
    """A queue change that cannot be made; the message says why."""


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    """The post's uid: a post opens at most one conversation."""
    post_uid: str
    author_id: str | None
    channel_uid: str | None
    intent: Intent | None
    function: BusinessFunction
    rule: str
    priority: Priority
    reviewers: tuple[str, ...]
    received_at: datetime
    """When the post was made: the customer's wait starts here."""
    due_at: datetime
    routed_at: datetime
    status: ConversationStatus = ConversationStatus.OPEN
    owner: str | None = None
    answered_at: datetime | None = None
    answered_by: str | None = None
    answer: str | None = None
    dismissed_reason: str | None = None
    closed_by: str | None = None
    """The key that marked it answered or dismissed."""

    def overdue(self, now: datetime) -> bool:
        return self.status is ConversationStatus.OPEN and self.due_at < now

    @property
    def first_response(self) -> timedelta | None:
        if self.answered_at is None:
            return None
        return self.answered_at - self.received_at

    @property
    def within_target(self) -> bool | None:
        if self.answered_at is None:
            return None
        return self.answered_at <= self.due_at


def open_conversation(post: Post, author_id: str | None, rule: Rule, now: datetime) -> Conversation:
    return Conversation(
        id=post.uid,
        post_uid=post.uid,
        author_id=author_id,
        channel_uid=post.channel.uid if post.channel is not None else None,
        intent=post.intent,
        function=rule.function,
        rule=rule.name,
        priority=rule.priority,
        reviewers=rule.reviewers,
        received_at=post.created_at,
        due_at=post.created_at + rule.first_response,
        routed_at=now,
    )


def _text(value: str, what: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise ResponseError(f"{what} is required")
    if len(value) > limit:
        raise ResponseError(f"{what} is longer than {limit} characters")
    return value


def _open(conversation: Conversation | None) -> Conversation:
    if conversation is None:
        raise ResponseError("no such conversation")
    if conversation.status is not ConversationStatus.OPEN:
        raise ResponseError(f"the conversation is already {conversation.status.value}")
    return conversation


def assigned(conversation: Conversation | None, owner: str) -> Conversation:
    """The conversation given to ``owner`` (open ones only)."""
    return replace(_open(conversation), owner=_text(owner, "an owner", MAX_OWNER))


def answered(
    conversation: Conversation | None,
    answer: str,
    answered_by: str,
    at: datetime,
    now: datetime,
    actor: str,
) -> Conversation:
    """The conversation answered at ``at`` (when the reply went out: not before the post,
    not in the future) by ``answered_by``; ``answer`` is the reply's text or link."""
    current = _open(conversation)
    if at < current.received_at or at > now:
        raise ResponseError("the answer's time must fall between the post and now")
    return replace(
        current,
        status=ConversationStatus.ANSWERED,
        answer=_text(answer, "the answer (its text or link)", MAX_ANSWER),
        answered_by=_text(answered_by, "who answered", MAX_OWNER),
        answered_at=at,
        closed_by=actor,
    )


def dismissed(conversation: Conversation | None, reason: str, actor: str) -> Conversation:
    return replace(
        _open(conversation),
        status=ConversationStatus.DISMISSED,
        dismissed_reason=_text(reason, "a reason", MAX_ANSWER),
        closed_by=actor,
    )

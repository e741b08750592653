"""The impact table: which business function owns a conversation, who reviews the answer,
how soon it is due and how urgent it is.

Rules are read in order and the first whose conditions all hold routes the post (a rule
without conditions matches everything, so put it last). A condition left out holds for any
post. Tables come from TOML (``[[rule]]`` entries, see ``graph/data/routing.toml``) or from
admins through the API; both are checked by `parse_table`, which says what is wrong.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from graph.model.keys import topic_key
from graph.model.nodes import ChannelKind, Intent, Post, Sentiment

DEFAULT_TABLE = Path(__file__).parents[1] / "data" / "routing.toml"
MAX_RULES = 200
MAX_NAME = 200


class BusinessFunction(enum.StrEnum):
    CUSTOMER_CARE = "customer_care"
    SALES = "sales"
    PRODUCT = "product"
    MARKETING = "marketing"
    PR = "pr"


class Priority(enum.StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for the most urgent: queues sort by it."""
        return list(Priority).index(self)


class RoutingError(ValueError):
    """A routing table that cannot be used; the message names the rule and the field."""


@dataclass(frozen=True, slots=True)
class AuthorFacts:
    """What the rules may ask about a post's author, from the rankings and the CRM."""

    influence: float | None = None
    """Influence percentile, 0 to 1 (None before the first ranking)."""
    advocacy_class: str | None = None
    customer: bool = False
    lifetime_value: float | None = None
    """The highest lifetime value among the customers the person is linked to."""


@dataclass(frozen=True, slots=True)
class Conditions:
    intents: frozenset[Intent] = frozenset()
    sentiments: frozenset[Sentiment] = frozenset()
    touchpoints: frozenset[str] = frozenset()
    """Touchpoint keys; a post matches when it expresses an opinion on one of them."""
    topics: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    channel_kinds: frozenset[ChannelKind] = frozenset()
    min_influence: float | None = None
    advocacy_classes: frozenset[str] = frozenset()
    customer: bool | None = None
    min_lifetime_value: float | None = None

    def hold_for_post(self, post: Post) -> bool:
        """Whether the conditions on the post itself hold (those on its author aside)."""
        kind = post.channel.kind if post.channel is not None else None
        return (
            (not self.intents or post.intent in self.intents)
            and (not self.sentiments or post.sentiment in self.sentiments)
            and (not self.touchpoints or any(a.key in self.touchpoints for a in post.aspects))
            and (not self.topics or any(t.key in self.topics for t in post.topics))
            and (not self.platforms or post.platform in self.platforms)
            and (not self.channel_kinds or kind in self.channel_kinds)
        )

    def hold_for_author(self, author: AuthorFacts) -> bool:
        return (
            (self.min_influence is None or (author.influence or 0.0) >= self.min_influence)
            and (not self.advocacy_classes or author.advocacy_class in self.advocacy_classes)
            and (self.customer is None or author.customer == self.customer)
            and (
                self.min_lifetime_value is None
                or (author.lifetime_value or 0.0) >= self.min_lifetime_value
            )
        )


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    function: BusinessFunction
    first_response: timedelta
    """The first-response target (SLA), counted from the post's time."""
    priority: Priority = Priority.NORMAL
    reviewers: tuple[str, ...] = ()
    """Who reviews the answer before it goes out (names or team addresses)."""
    when: Conditions = field(default_factory=Conditions)


@dataclass(frozen=True, slots=True)
class RoutingTable:
    rules: tuple[Rule, ...]

    def route(self, post: Post, author: AuthorFacts) -> Rule | None:
        """The first rule whose conditions hold for the post and its author, if any."""
        return next(
            (
                rule
                for rule in self.rules
                if rule.when.hold_for_post(post) and rule.when.hold_for_author(author)
            ),
            None,
        )

    def may_route(self, post: Post) -> bool:
        """Whether some rule could route the post, whoever wrote it (if not, its author
        need not be looked up)."""
        return any(rule.when.hold_for_post(post) for rule in self.rules)


_RULE_FIELDS = {"name", "function", "first_response_hours", "priority", "reviewers", "when"}
_LIST_FIELDS: Mapping[str, Any] = {
    "intent": Intent,
    "sentiment": Sentiment,
    "touchpoint": str,
    "topic": str,
    "platform": str,
    "channel_kind": ChannelKind,
    "advocacy_class": str,
}
_CONDITION_NAMES = {
    "intent": "intents",
    "sentiment": "sentiments",
    "touchpoint": "touchpoints",
    "topic": "topics",
    "platform": "platforms",
    "channel_kind": "channel_kinds",
    "advocacy_class": "advocacy_classes",
}


def _choices(where: str, values: Any, kind: Any) -> frozenset[Any]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not values:
        raise RoutingError(f"{where}: give a non-empty list")
    try:
        return frozenset(kind(str(value).strip().casefold()) for value in values)
    except ValueError:
        allowed = ", ".join(member.value for member in kind) if kind is not str else "text"
        raise RoutingError(f"{where}: expected one of {allowed}") from None


def _number(where: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RoutingError(f"{where}: expected a number from {low:g} to {high:g}")
    return float(value)


def _conditions(where: str, data: Mapping[str, Any]) -> Conditions:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _LIST_FIELDS:
            values[_CONDITION_NAMES[key]] = _choices(f"{where}.{key}", value, _LIST_FIELDS[key])
            if key == "topic":  # written as people write hashtags; compared by key
                values["topics"] = frozenset(topic_key(t) for t in values["topics"])
        elif key == "min_influence":
            values[key] = _number(f"{where}.{key}", value, 0.0, 1.0)
        elif key == "min_lifetime_value":
            values[key] = _number(f"{where}.{key}", value, 0.0, float("inf"))
        elif key == "customer":
            if not isinstance(value, bool):
                raise RoutingError(f"{where}.customer: expected true or false")
            values[key] = value
        else:
            raise RoutingError(f"{where}: unknown condition {key!r}")
    return Conditions(**values)


def _rule(number: int, data: Any) -> Rule:
    where = f"rule {number}"
    if not isinstance(data, Mapping):
        raise RoutingError(f"{where}: expected a table")
    unknown = set(data) - _RULE_FIELDS
    if unknown:
        raise RoutingError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    name = str(data.get("name") or "").strip()
    if not name or len(name) > MAX_NAME:
        raise RoutingError(f"{where}: a name of 1 to {MAX_NAME} characters is required")
    where = f"rule {number} ({name})"
    try:
        function = BusinessFunction(str(data.get("function", "")).casefold())
        priority = Priority(str(data.get("priority", Priority.NORMAL)).casefold())
    except ValueError:
        functions = ", ".join(f.value for f in BusinessFunction)
        priorities = ", ".join(p.value for p in Priority)
        raise RoutingError(
            f"{where}: function is one of {functions}; priority one of {priorities}"
        ) from None
    hours = _number(f"{where}.first_response_hours", data.get("first_response_hours"), 0.01, 8760)
    reviewers = data.get("reviewers", [])
    if not isinstance(reviewers, list) or not all(isinstance(r, str) for r in reviewers):
        raise RoutingError(f"{where}.reviewers: expected a list of names")
    when = data.get("when", {})
    if not isinstance(when, Mapping):
        raise RoutingError(f"{where}.when: expected a table of conditions")
    return Rule(
        name=name,
        function=function,
        first_response=timedelta(hours=hours),
        priority=priority,
        reviewers=tuple(r.strip() for r in reviewers if r.strip()),
        when=_conditions(f"{where}.when", when),
    )


def parse_table(data: Mapping[str, Any]) -> RoutingTable:
    """A routing table from its TOML (or JSON) form: ``{"rule": [{...}, ...]}``.

    >>> table = parse_table({"rule": [{"name": "questions", "function": "customer_care",
    ...     "first_response_hours": 4, "when": {"intent": ["question"]}}]})
    >>> table.rules[0].function, table.rules[0].first_response
    (<BusinessFunction.CUSTOMER_CARE: 'customer_care'>, datetime.timedelta(seconds=14400))
    """
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RoutingError("`rule` must be a list of tables")
    if len(rules) > MAX_RULES:
        raise RoutingError(f"at most {MAX_RULES} rules")
    table = RoutingTable(tuple(_rule(n, rule) for n, rule in enumerate(rules, 1)))
    names = [rule.name for rule in table.rules]
    if len(set(names)) != len(names):
        raise RoutingError("rule names must be unique")
    return table


def load_table(path: Path) -> RoutingTable:
    """A routing table from a TOML file."""
    try:
        return parse_table(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as error:
        raise RoutingError(f"{path.name}: {error}") from None


def table_data(table: RoutingTable) -> dict[str, list[dict[str, Any]]]:
    """The TOML/JSON form of a table (what `parse_table` reads)."""
    return {"rule": [_rule_data(rule) for rule in table.rules]}


def _rule_data(rule: Rule) -> dict[str, Any]:
    when: dict[str, Any] = {}
    for key, attribute in _CONDITION_NAMES.items():
        chosen: Sequence[Any] = sorted(getattr(rule.when, attribute))
        if chosen:
            when[key] = [str(value) for value in chosen]
    for key in ("min_influence", "min_lifetime_value", "customer"):
        value = getattr(rule.when, key)
        if value is not None:
            when[key] = value
    return {
        "name": rule.name,
        "function": rule.function.value,
        "first_response_hours": rule.first_response.total_seconds() / 3600,
        "priority": rule.priority.value,
        "reviewers": list(rule.reviewers),
        "when": when,
    }

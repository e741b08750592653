"""The store contract's read views for the API: a person's posts, topics and opinions,
interaction ties, search, channels and daily volumes. Everything here is batched or
aggregated in the store, so that a view costs a fixed number of calls."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from datetime import datetime, timedelta

from graph.model.insights import DailyVolume, PostPage, TopicCount, VolumeDimension
from graph.model.network import KindTie
from graph.model.nodes import Account, Channel, Customer


class InsightsContract(abc.ABC):
    @abc.abstractmethod
    def posts_of(self, person_ids: Sequence[str], first: int, offset: int) -> dict[str, PostPage]:
        """A page of each person's posts (over all their accounts), newest first, ties by
        uid (batched)."""

    @abc.abstractmethod
    def topics_of(self, person_ids: Sequence[str], first: int) -> dict[str, list[TopicCount]]:
        """Each person's ``first`` most used topics, most posts first, ties by key."""

    @abc.abstractmethod
    def opinions_of(self, person_ids: Sequence[str]) -> dict[str, list[DailyVolume]]:
        """Each person's posts by UTC day (key ``""``) and their opinions toward each
        touchpoint by day (key: the touchpoint's), ordered by key and day."""

    @abc.abstractmethod
    def ties(
        self,
        person_ids: Sequence[str],
        now: datetime,
        half_life: timedelta,
        among: bool = False,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[KindTie]:
        """Interactions summed per (source, target, kind), with their decay from ``now``:
        those with one of ``person_ids`` on either side or, with ``among``, on both sides.
        Interactions of a person with themself are never counted."""

    @abc.abstractmethod
    def search_people(self, text: str, first: int, offset: int = 0) -> list[str]:
        """Person ids whose name or any account's handle or display name contains
        ``text`` (case-insensitive), by id."""

    @abc.abstractmethod
    def get_accounts(self, uids: Sequence[str]) -> dict[str, Account]:
        """Accounts by uid, with their person (batched)."""

    @abc.abstractmethod
    def get_customers(self, ids: Sequence[str]) -> dict[str, Customer]:
        """Customers by external id (batched)."""

    @abc.abstractmethod
    def list_channels(self) -> list[Channel]:
        """Every channel, by uid."""

    @abc.abstractmethod
    def daily_volumes(
        self,
        dimension: VolumeDimension,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[DailyVolume]:
        """Posts in ``[since, until)`` counted per key of ``dimension`` and UTC day, with
        their sentiment (for touchpoints: the opinions toward each), by key and day."""

"""The store contract's rankings part: the interactions and activity the rankings read,
and the scores, classes, communities and map ties they write back.
`graph.store.contract.GraphStore` inherits it; both backends implement it and pass the
contract suite."""

from __future__ import annotations

import abc
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from graph.model.network import MapTie
from graph.model.nodes import Community, Interaction
from graph.model.rankings import PeopleActivity, ScoreSet

if TYPE_CHECKING:
    from graph.model.stream import InteractionStream


class RankingsContract(abc.ABC):
    @abc.abstractmethod
    def write_scores(
        self,
        name: str,
        scores: Mapping[str, float],
        computed_at: datetime,
        factors: Mapping[str, Mapping[str, float]] | None = None,
        classes: Mapping[str, str] | None = None,
    ) -> int:
        """Replace the score ``name`` for every person, with the factors behind each
        person's score and their class under the same name (advocacy's, say) when given;
        people absent from ``scores`` lose them. Returns how many people were scored."""

    def write_score_sets(self, sets: Sequence[ScoreSet], computed_at: datetime) -> dict[str, int]:
        """Write several scores as `write_scores` writes each; returns how many people each
        one scored, by name. A store that updates a person once for all of them (Neo4j)
        overrides this."""
        return {
            score.name: self.write_scores(
                score.name, score.scores, computed_at, score.factors, score.classes
            )
            for score in sets
        }

    @abc.abstractmethod
    def write_communities(
        self,
        membership: Mapping[str, str],
        computed_at: datetime,
        profiles: Mapping[str, Community] | None = None,
    ) -> int:
        """Replace all community memberships (person id -> community id), with each
        community's profile when given (its size is counted from the membership); returns
        how many communities were written."""

    @abc.abstractmethod
    def write_map_ties(self, ties: Sequence[MapTie], computed_at: datetime) -> int:
        """Replace the ties among the most influential people that the influencer map
        draws (written by the ranking); returns how many were written."""

    @abc.abstractmethod
    def map_ties(self, person_ids: Sequence[str]) -> list[MapTie]:
        """The stored map ties with both people among ``person_ids``."""

    @abc.abstractmethod
    def top_people(
        self,
        score: str,
        first: int,
        offset: int = 0,
        community_id: str | None = None,
        label: tuple[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        """(person id, value) by the stored score ``score``, highest first (ties by id);
        optionally only members of a community, or people whose class ``label[0]`` is
        ``label[1]``."""

    @abc.abstractmethod
    def list_communities(self, first: int, offset: int = 0) -> list[Community]:
        """Communities of the last ranking, largest first (ties by id)."""

    @abc.abstractmethod
    def community_members(
        self, community_ids: Sequence[str], first: int, offset: int = 0
    ) -> dict[str, list[str]]:
        """A page of each community's person ids, most influential first (ties by id);
        batched over communities."""

    @abc.abstractmethod
    def topic_authors(self, key: str) -> dict[str, int]:
        """Person id -> how many of their posts carry the topic ``key``."""

    @abc.abstractmethod
    def get_communities(self, ids: Sequence[str]) -> dict[str, Community]:
        """Communities by id (batched)."""

    def get_community(self, community_id: str) -> Community | None:
        return self.get_communities([community_id]).get(community_id)

    @abc.abstractmethod
    def people_activity(self, now: datetime, half_life: timedelta) -> PeopleActivity:
        """Followers, opinions (posts decayed with ``half_life`` from ``now``), topics,
        channels, customer status and the current community of everyone, in a few batched
        reads (for the rankings)."""

    @abc.abstractmethod
    def interactions(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        person_ids: Sequence[str] | None = None,
    ) -> Iterator[Interaction]:
        """Person-to-person interactions in ``[since, until)``.

        With ``person_ids``, only interactions whose source or target is one of them.
        Interactions of a person with themself are never returned.
        """

    def interaction_stream(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> InteractionStream:
        """Every interaction in ``[since, until)`` as `interactions` gives them, in batches of
        arrays (for the rankings' projection); the stores read them page by page."""
        from graph.model.stream import stream_of  # numpy: only when ranking

        return stream_of(self.interactions(since, until))

"""What the rankings read and write in Neo4j: scores with their factors, classes,
communities with their profiles, and the ranked views of them."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import neo4j
from neo4j import ManagedTransaction

from graph.model.factors import factors_json
from graph.model.keys import utc, validate_score_name
from graph.model.network import MapTie
from graph.model.nodes import Community, Person
from graph.model.people import PersonSnapshot
from graph.model.rankings import (
    BrandOpinions,
    Opinions,
    PeopleActivity,
    ScoreSet,
    person_affiliations,
)
from graph.neo4j import rankings_cypher as cypher
from graph.neo4j.base import Neo4jBase
from graph.neo4j.values import native_datetime
from graph.store.rows import PROFILE_FIELDS, community_from_row, profile_row

_SCORE_PREFIX = "score_"


_LABEL_PREFIX = "class_"


_FACTORS_PREFIX = "factors_"
# Transactions that write scores at once: each person is in one, so none waits on another's
# locks, and the JVM writes on two cores while the ranking, done computing, waits for it.
_SCORE_WRITERS = 2


def restored_props(snapshot: PersonSnapshot) -> dict[str, object]:
    """The ranking properties a person merged away had, to set again when a split undoes the
    merge."""
    props: dict[str, object] = {_SCORE_PREFIX + name: value for name, value in snapshot.scores}
    props.update(
        (_FACTORS_PREFIX + name, factors_json(dict(values))) for name, values in snapshot.factors
    )
    props.update((_LABEL_PREFIX + name, value) for name, value in snapshot.labels)
    return props


def _score_props(score: ScoreSet) -> list[str]:
    """The properties a score set writes: its score, its factors and, with classes, its class."""
    name = validate_score_name(score.name)
    props = [_SCORE_PREFIX + name, _FACTORS_PREFIX + name]
    return [*props, _LABEL_PREFIX + name] if score.classes is not None else props


class RankingsMixin(Neo4jBase):
    """The rankings' part of `Neo4jGraphStore` (on the driver helpers of `Neo4jBase`)."""

    def write_scores(
        self,
        name: str,
        scores: Mapping[str, float],
        computed_at: datetime,
        factors: Mapping[str, Mapping[str, float]] | None = None,
        classes: Mapping[str, str] | None = None,
    ) -> int:
        return self.write_score_sets([ScoreSet(name, scores, factors, classes)], computed_at)[name]

    def write_score_sets(self, sets: Sequence[ScoreSet], computed_at: datetime) -> dict[str, int]:
        # One update of each person for all the scores: a changed property costs the JVM a
        # rewrite of the person's record (and the score's index entry), and each pass a
        # lookup of every person. Two scores of 200k people: 16 s of JVM CPU in one pass,
        # 18-21 s in two.
        written_props = [_score_props(score) for score in sets]
        columns = [prop for props in written_props for prop in props]
        # The row index of each set's score (row[0] is the person).
        score_columns = list(itertools.accumulate((len(p) for p in written_props[:-1]), initial=1))
        people = list(dict.fromkeys(person for score in sets for person in score.scores))
        rows: list[list[Any]] = [[person] for person in people]
        for score in sets:
            explained = score.factors or {}
            for row in rows:
                value = score.scores.get(row[0])
                # Node properties cannot hold maps: the factors travel as JSON text.
                known = explained.get(row[0]) if value is not None else None
                row += [
                    None if value is None else float(value),
                    factors_json(known),
                ]
                if score.classes is not None:
                    row.append(score.classes.get(row[0]) if value is not None else None)
        # Written in batches; then the values of everyone not scored are removed, and in
        # one transaction each run is recorded.
        written = [0] * len(sets)
        for record in self._write_batches(
            cypher.write_columns(len(columns), tuple(score_columns)),
            rows,
            concurrency=_SCORE_WRITERS,
            columns=columns,
        ):
            written = [a + int(b) for a, b in zip(written, record["written"], strict=True)]
        held = [props[0] for props in written_props]
        # People who hold a score and were not scored now: none where as many hold it as
        # were written, which an index counts (0.04 s at 200k people, where reading every
        # person to find them took 2 s).
        if any(
            self._read(cypher.held_count(prop))[0]["held"] != count
            for prop, count in zip(held, written, strict=True)
        ):
            stale: list[list[str]] = [[] for _ in sets]
            for page in self._pages(cypher.HELD_SCORES, properties=held):
                for person, indices in page["rows"]:
                    for i in indices:
                        if person not in sets[i].scores:
                            stale[i].append(person)
            for props, ids in zip(written_props, stale, strict=True):
                self._write_batches(cypher.CLEAR_SCORES, ids, cleared=dict.fromkeys(props))

        def finish(tx: ManagedTransaction) -> None:
            for score, count in zip(sets, written, strict=True):
                self._run(
                    tx,
                    cypher.RECORD_SCORE_RUN,
                    name=score.name,
                    computed_at=utc(computed_at),
                    count=count,
                )

        self._write(finish)
        return {score.name: count for score, count in zip(sets, written, strict=True)}

    def write_map_ties(self, ties: Sequence[MapTie], computed_at: datetime) -> int:
        def work(tx: ManagedTransaction) -> None:
            self._run(tx, cypher.DROP_MAP_TIES)
            self._run(tx, cypher.WRITE_MAP_TIES, rows=[list(tie) for tie in ties])
            self._run(
                tx,
                cypher.RECORD_SCORE_RUN,
                name="map_ties",
                computed_at=utc(computed_at),
                count=len(ties),
            )

        self._write(work)
        return len(ties)

    def map_ties(self, person_ids: Sequence[str]) -> list[MapTie]:
        return [MapTie(*row) for row in self._packed_rows(cypher.MAP_TIES, ids=list(person_ids))]

    def write_communities(
        self,
        membership: Mapping[str, str],
        computed_at: datetime,
        profiles: Mapping[str, Community] | None = None,
    ) -> int:
        described = profiles or {}
        # Profile fields a community no longer has are removed (set to null).
        blank = dict.fromkeys(PROFILE_FIELDS)
        communities = [
            {"id": cid, "profile": {**blank, **profile_row(described.get(cid))}}
            for cid in set(membership.values())
        ]

        self._write_statement(
            cypher.UPSERT_COMMUNITIES, rows=communities, computed_at=utc(computed_at)
        )
        # A rerun mostly keeps the communities it found (their ids are kept): merging every
        # membership again cost the JVM seconds at 200k people, for nothing. So only the
        # memberships that changed are dropped, and only the missing ones merged.
        kept: set[str] = set()
        changed: list[list[str]] = []
        for page in self._pages(cypher.MEMBERSHIPS):
            for person, cid in page["rows"]:
                if membership.get(person) == cid:
                    kept.add(person)
                else:
                    changed.append([person, cid])
        self._write_batches(cypher.DROP_MEMBERSHIPS, changed)
        missing = [[person, cid] for person, cid in membership.items() if person not in kept]
        self._write_batches(cypher.MERGE_MEMBERSHIPS, missing)

        def finish(tx: ManagedTransaction) -> int:
            return int(self._run(tx, cypher.SIZE_COMMUNITIES)[0]["communities"])

        return int(self._write(finish))

    @staticmethod
    def _person(row: Sequence[Any]) -> Person:
        person_id, display_name, community_id, pairs = row
        properties = dict(pairs)
        scores = {
            key.removeprefix(_SCORE_PREFIX): float(value)
            for key, value in properties.items()
            if key.startswith(_SCORE_PREFIX)
        }
        labels = {
            key.removeprefix(_LABEL_PREFIX): str(value)
            for key, value in properties.items()
            if key.startswith(_LABEL_PREFIX)
        }
        factors = {
            key.removeprefix(_FACTORS_PREFIX): json.loads(value)
            for key, value in properties.items()
            if key.startswith(_FACTORS_PREFIX)
        }
        return Person(
            id=person_id,
            display_name=display_name,
            community_id=community_id,
            scores=scores,
            labels=labels,
            factors=factors,
        )

    def get_people(self, ids: Sequence[str]) -> dict[str, Person]:
        rows = self._packed_rows(cypher.GET_PEOPLE, ids=list(ids))
        return {person.id: person for person in map(self._person, rows)}

    def top_people(
        self,
        score: str,
        first: int,
        offset: int = 0,
        community_id: str | None = None,
        label: tuple[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        records = self._read(
            cypher.TOP_PEOPLE.get(score, cypher.TOP_PEOPLE_BY_PROPERTY),
            property=_SCORE_PREFIX + validate_score_name(score),
            community=community_id,
            label_property=_LABEL_PREFIX + validate_score_name(label[0]) if label else None,
            label_value=label[1] if label else None,
            first=first,
            offset=offset,
        )
        return [(r["id"], float(r["value"])) for r in records]

    def list_communities(self, first: int, offset: int = 0) -> list[Community]:
        return [
            self._community(r)
            for r in self._read(cypher.LIST_COMMUNITIES, first=first, offset=offset)
        ]

    def community_members(
        self, community_ids: Sequence[str], first: int, offset: int = 0
    ) -> dict[str, list[str]]:
        records = self._read(
            cypher.COMMUNITY_MEMBERS,
            ids=list(community_ids),
            property=_SCORE_PREFIX + "influence",
            first=first,
            offset=offset,
        )
        pages: dict[str, list[str]] = {cid: [] for cid in community_ids}
        pages.update({r["id"]: list(r["page"]) for r in records})
        return pages

    def topic_authors(self, key: str) -> dict[str, int]:
        return {r["person"]: r["posts"] for r in self._read(cypher.TOPIC_AUTHORS, key=key)}

    @staticmethod
    def _community(r: neo4j.Record) -> Community:
        return community_from_row(
            r["id"], r["size"], r["label"], native_datetime(r["computed_at"]), r.data()
        )

    def get_communities(self, ids: Sequence[str]) -> dict[str, Community]:
        records = self._read(cypher.GET_COMMUNITIES, ids=list(ids))
        return {community.id: community for community in map(self._community, records)}

    def people_activity(self, now: datetime, half_life: timedelta) -> PeopleActivity:
        opinions: dict[str, Opinions] = {}
        brand_opinions: dict[str, BrandOpinions] = {}
        topics: dict[str, dict[str, int]] = {}
        channels: dict[str, dict[str, int]] = {}
        followers: dict[str, int] = {}
        customers: set[str] = set()
        communities: dict[str, str] = {}
        for page in self._pages(
            cypher.PEOPLE_ACTIVITY, now=now.timestamp(), half_life=half_life.total_seconds()
        ):
            for person, posts, total, volume, decayed, votes, *brand, tags, venues in page["posts"]:
                if posts:
                    opinions[person] = Opinions(posts, total, volume, decayed)
                if votes:
                    brand_opinions[person] = BrandOpinions(votes, *brand)
                # Each post's topic keys and channel uids, counted per person.
                for counts, keys in ((topics, tags), (channels, venues)):
                    if keys:
                        counts[person] = dict(Counter(itertools.chain.from_iterable(keys)))
            for person, counts, customer, community in page["profiles"]:
                if counts:
                    followers[person] = sum(counts)
                if customer:
                    customers.add(person)
                if community:
                    communities[person] = community[0]
        return PeopleActivity(
            followers=followers,
            opinions=opinions,
            topics=topics,
            channels=channels,
            customers=frozenset(customers),
            communities=communities,
            brand_opinions=brand_opinions,
            affiliations=person_affiliations(self.affiliated_accounts()),
        )

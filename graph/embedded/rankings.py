"""What the rankings read and write in the embedded store: scores with their factors,
classes, communities with their profiles, and the ranked views of them."""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from graph.embedded.base import SqliteBase
from graph.embedded.sql import decay_params, decay_weight, iso, json_list, packed, parse
from graph.model.factors import factors_json
from graph.model.keys import validate_score_name
from graph.model.network import MapTie
from graph.model.nodes import Community, Person
from graph.model.rankings import BrandOpinions, Opinions, PeopleActivity, person_affiliations
from graph.store.rows import community_from_row, profile_row

_COMMUNITY_COLUMNS = "id, size, label, computed_at, profile"
# Per author (`per_person` folds them into people), in one scan of the posts and one sort
# (two queries, one per sum, took half as long again at 10M posts): the posts' sentiment,
# decayed with age (parameters `decay_params`), then their votes about the brand (see
# `graph.ranking.advocacy`). A post with sentiment and aspects votes: one look-up of its
# aspects says whether any name the brand. ``LIMIT -1`` (no limit) keeps the posts a
# subquery read once: flattened into the sums, its look-up ran once per sum that reads
# ``vote``.
_OPINIONS_AND_VOTES = (
    "SELECT author_uid, count(score), total(score),"
    " total(CASE WHEN score IS NOT NULL THEN weight END), total(weight * score),"
    " count(vote),"
    " total(CASE vote WHEN 'positive' THEN weight END),"
    " total(CASE vote WHEN 'negative' THEN weight END),"
    " total(CASE vote WHEN 'neutral' THEN weight END),"
    " total(CASE WHEN vote <> 'neutral' THEN weight * weight END)"
    " FROM ("
    "  SELECT p.author_uid, p.sentiment_score AS score,"
    f"  {decay_weight('p.created_at')} AS weight,"
    "  CASE WHEN p.sentiment IS NOT NULL THEN ("
    "   SELECT CASE p.intent WHEN 'complaint' THEN 'negative' WHEN 'praise' THEN 'positive'"
    "   ELSE CASE WHEN max(a.target = 'brand') THEN p.sentiment ELSE 'neutral' END END"
    "   FROM post_aspect a WHERE a.post_uid = p.uid HAVING count(*)"
    "  ) END AS vote"
    "  FROM post p NOT INDEXED"
    "  WHERE p.sentiment_score IS NOT NULL OR p.sentiment IS NOT NULL LIMIT -1"
    ") GROUP BY author_uid"
)


def _community(row: tuple[Any, ...]) -> Community:
    cid, size, label, computed_at, profile = row
    return community_from_row(
        cid, size, label, parse(computed_at), json.loads(profile) if profile else {}
    )


def per_person(owners: Mapping[str, str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Rows of ``(account, *sums)`` summed over each person's accounts. Accounts missing
    from ``owners`` (made by an ingest since it was read) wait for the next ranking.

    >>> per_person({"x:a": "p1", "y:a": "p1", "x:b": "p2"},
    ...            [("x:a", 2, 0.5), ("y:a", 1, 0.25), ("x:b", 4, 1.0), ("x:new", 1, 1.0)])
    {'p1': (3, 0.75), 'p2': (4, 1.0)}
    """
    sums: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        person = owners.get(row[0])
        if person is None:
            continue
        known = sums.get(person)
        sums[person] = tuple(row[1:]) if known is None else tuple(map(operator.add, known, row[1:]))
    return sums


class RankingsMixin(SqliteBase):
    """The rankings' part of `EmbeddedGraphStore` (on the connection helpers of `SqliteBase`)."""

    def write_scores(
        self,
        name: str,
        scores: Mapping[str, float],
        computed_at: datetime,
        factors: Mapping[str, Mapping[str, float]] | None = None,
        classes: Mapping[str, str] | None = None,
    ) -> int:
        validate_score_name(name)
        explained = factors or {}
        # JSON parameters, not a row at a time: the ranking computes on another thread
        # meanwhile (see `SqliteBase._insert_rows`). In key order, rows append to the
        # tables' B-trees instead of landing at random pages: about 1.7x faster for 200k.
        people = sorted(scores)
        with self._transaction() as con:
            con.execute("DELETE FROM person_score WHERE name = ?", (name,))
            written = self._insert_rows(
                con,
                "INSERT INTO person_score(person_id, name, value, factors) "
                "SELECT p.id, :name, j.value ->> 1, j.value ->> 2 FROM json_each(:rows) j "
                "JOIN person p ON p.id = j.value ->> 0",
                ([p, float(scores[p]), factors_json(explained.get(p))] for p in people),
                name=name,
            )
            if classes is not None:
                con.execute("DELETE FROM person_label WHERE name = ?", (name,))
                self._insert_rows(
                    con,
                    "INSERT INTO person_label(person_id, name, value) "
                    "SELECT p.id, :name, j.value ->> 1 FROM json_each(:rows) j "
                    "JOIN person p ON p.id = j.value ->> 0",
                    ([p, classes[p]] for p in people if p in classes),
                    name=name,
                )
            self._record_run(con, name, computed_at, written)
        return written

    @staticmethod
    def _record_run(con: sqlite3.Connection, name: str, computed_at: datetime, count: int) -> None:
        con.execute(
            "INSERT INTO score_run(name, computed_at, count) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET computed_at = excluded.computed_at, "
            "count = excluded.count",
            (name, iso(computed_at), count),
        )

    def write_map_ties(self, ties: Sequence[MapTie], computed_at: datetime) -> int:
        with self._transaction() as con:
            con.execute("DELETE FROM map_tie")
            con.executemany(
                "INSERT INTO map_tie(source, target, weight, interactions) VALUES (?, ?, ?, ?)",
                [tuple(tie) for tie in ties],
            )
            self._record_run(con, "map_ties", computed_at, len(ties))
        return len(ties)

    def map_ties(self, person_ids: Sequence[str]) -> list[MapTie]:
        rows = self._query(
            "SELECT source, target, weight, interactions FROM map_tie "
            "WHERE source IN (SELECT value FROM json_each(:ids)) "
            "AND target IN (SELECT value FROM json_each(:ids))",
            {"ids": json_list(person_ids)},
        )
        return [MapTie(*row) for row in rows]

    def write_communities(
        self,
        membership: Mapping[str, str],
        computed_at: datetime,
        profiles: Mapping[str, Community] | None = None,
    ) -> int:
        described = profiles or {}
        with self._transaction() as con:
            con.execute("DELETE FROM membership")
            con.execute("DELETE FROM community")
            # Members who are people, in key order (as `write_scores`), then each community
            # that has any, with its size: counted first, so that no statement pairs every
            # membership with every community (2M members of 50 communities: 12 s).
            self._insert_rows(
                con,
                "INSERT INTO membership(person_id, community_id) "
                "SELECT p.id, j.value ->> 1 FROM json_each(:rows) j "
                "JOIN person p ON p.id = j.value ->> 0",
                sorted(membership.items()),
            )
            sizes = con.execute(
                packed("SELECT community_id, count(*) FROM membership GROUP BY community_id", 2)
            ).fetchone()[0]
            return self._insert_rows(
                con,
                "INSERT INTO community(id, size, computed_at, profile) "
                "SELECT j.value ->> 0, j.value ->> 1, :at, j.value ->> 2 FROM json_each(:rows) j",
                (
                    [cid, size, json.dumps(profile_row(described.get(cid)))]
                    for cid, size in json.loads(sizes)
                ),
                at=iso(computed_at),
            )

    def get_people(self, ids: Sequence[str]) -> dict[str, Person]:
        found = (json_list(ids),)
        scores: dict[str, dict[str, float]] = {}
        factors: dict[str, dict[str, dict[str, float]]] = {}
        for person, name, value, explained in self._query(
            "SELECT person_id, name, value, factors FROM person_score "
            "WHERE person_id IN (SELECT value FROM json_each(?))",
            found,
        ):
            scores.setdefault(person, {})[name] = value
            if explained:
                factors.setdefault(person, {})[name] = json.loads(explained)
        labels: dict[str, dict[str, str]] = {}
        for person, name, value in self._query(
            "SELECT person_id, name, value FROM person_label "
            "WHERE person_id IN (SELECT value FROM json_each(?))",
            found,
        ):
            labels.setdefault(person, {})[name] = value
        return {
            pid: Person(
                pid,
                display_name,
                community_id,
                scores.get(pid, {}),
                labels.get(pid, {}),
                factors.get(pid, {}),
            )
            for pid, display_name, community_id in self._query(
                "SELECT p.id, p.display_name, m.community_id FROM person p "
                "LEFT JOIN membership m ON m.person_id = p.id "
                "WHERE p.id IN (SELECT value FROM json_each(?))",
                found,
            )
        }

    def top_people(
        self,
        score: str,
        first: int,
        offset: int = 0,
        community_id: str | None = None,
        label: tuple[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        label_name, label_value = label or (None, None)
        return [
            (person, value)
            for person, value in self._query(
                "SELECT s.person_id, s.value FROM person_score s "
                "LEFT JOIN membership m ON m.person_id = s.person_id "
                "LEFT JOIN person_label l ON l.person_id = s.person_id AND l.name = :label "
                "WHERE s.name = :score AND (:community IS NULL OR m.community_id = :community) "
                "AND (:label IS NULL OR l.value = :value) "
                "ORDER BY s.value DESC, s.person_id LIMIT :first OFFSET :offset",
                {
                    "score": validate_score_name(score),
                    "community": community_id,
                    "label": label_name,
                    "value": label_value,
                    "first": first,
                    "offset": offset,
                },
            )
        ]

    def list_communities(self, first: int, offset: int = 0) -> list[Community]:
        return [
            _community(row)
            for row in self._query(
                f"SELECT {_COMMUNITY_COLUMNS} FROM community ORDER BY size DESC, id "
                "LIMIT ? OFFSET ?",
                (first, offset),
            )
        ]

    def community_members(
        self, community_ids: Sequence[str], first: int, offset: int = 0
    ) -> dict[str, list[str]]:
        pages: dict[str, list[str]] = {cid: [] for cid in community_ids}
        for community, person in self._query(
            "SELECT community_id, person_id FROM ("
            "  SELECT m.community_id, m.person_id, row_number() OVER ("
            "    PARTITION BY m.community_id ORDER BY coalesce(s.value, 0) DESC, m.person_id"
            "  ) AS position FROM membership m LEFT JOIN person_score s "
            "  ON s.person_id = m.person_id AND s.name = 'influence' "
            "  WHERE m.community_id IN (SELECT value FROM json_each(:ids))"
            ") WHERE position > :offset AND position <= :offset + :first ORDER BY community_id, "
            "position",
            {"ids": json_list(community_ids), "offset": offset, "first": first},
        ):
            pages[community].append(person)
        return pages

    def topic_authors(self, key: str) -> dict[str, int]:
        return dict(
            self._query(
                "SELECT a.person_id, count(*) FROM post_topic t "
                "JOIN post p ON p.uid = t.post_uid JOIN account a ON a.uid = p.author_uid "
                "WHERE t.topic_key = ? GROUP BY a.person_id",
                (key,),
            )
        )

    def get_communities(self, ids: Sequence[str]) -> dict[str, Community]:
        rows = self._query(
            f"SELECT {_COMMUNITY_COLUMNS} FROM community "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json_list(ids),),
        )
        return {community.id: community for community in map(_community, rows)}

    def people_activity(self, now: datetime, half_life: timedelta) -> PeopleActivity:
        # Posts are summed per author in one sorted scan (NOT INDEXED: walking the author
        # index visits the table in random order) and the accounts folded into their people
        # here: joining every post to its account took three times as long at 1M posts.
        # Every read is packed (`_packed`): the ranking computes beside it.
        owners: dict[str, str] = dict(self._packed("SELECT uid, person_id FROM account", (), 2))
        decay = decay_params(now, half_life)

        said = per_person(owners, self._packed(_OPINIONS_AND_VOTES, decay, 10))
        opinions = {person: Opinions(*sums[:4]) for person, sums in said.items() if sums[0]}
        brand_opinions = {
            person: BrandOpinions(*sums[4:]) for person, sums in said.items() if sums[4]
        }
        counted: dict[str, dict[str, dict[str, int]]] = {"topics": {}, "channels": {}}
        for name, statement in (
            (
                "topics",
                # CROSS JOIN keeps the topics outside: walking every post by author to
                # probe its topics took seconds even with none.
                "SELECT p.author_uid, t.topic_key, count(*) FROM post_topic t "
                "CROSS JOIN post p ON p.uid = t.post_uid GROUP BY p.author_uid, t.topic_key",
            ),
            (
                "channels",
                "SELECT author_uid, channel_uid, count(*) FROM post NOT INDEXED "
                "WHERE channel_uid IS NOT NULL GROUP BY author_uid, channel_uid",
            ),
        ):
            for account, key, posts in self._packed(statement, (), 3):
                if account in owners:
                    keys = counted[name].setdefault(owners[account], {})
                    keys[key] = keys.get(key, 0) + posts
        return PeopleActivity(
            followers=dict(
                self._packed(
                    "SELECT person_id, sum(followers) FROM account NOT INDEXED "
                    "WHERE followers IS NOT NULL GROUP BY person_id",
                    (),
                    2,
                )
            ),
            opinions=opinions,
            topics=counted["topics"],
            channels=counted["channels"],
            customers=frozenset(
                row[0]
                for row in self._packed("SELECT DISTINCT person_id FROM customer_link", (), 1)
            ),
            communities=dict(self._packed("SELECT person_id, community_id FROM membership", (), 2)),
            brand_opinions=brand_opinions,
            affiliations=person_affiliations(self.affiliated_accounts()),
        )

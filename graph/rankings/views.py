"""Ranked views for the API: influencers, advocates and an on-demand shortlist.

Influencers without filters (or filtered by community) are the stored results of the last
``osmosi rank``. Filters that change the graph itself (a topic, a platform, a time window)
recompute influence on that part of the conversation, at request time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from graph.model.keys import normalize_platform
from graph.model.nodes import Person
from graph.model.rankings import person_affiliations
from graph.ranking.advocacy import Advocacy, advocacy
from graph.ranking.influence import Ranked, influence, pagerank, topic_influence
from graph.ranking.interactions import interaction_graph, project
from graph.ranking.shortlist import Shortlist, shortlist
from graph.rankings.service import RankOptions, candidates
from graph.store.contract import GraphStore


@dataclass(frozen=True, slots=True)
class Entry:
    person_id: str
    score: float
    factors: Mapping[str, float]
    person: Person | None = None
    """The person, where the view read them anyway (so that callers need not again)."""


@dataclass(frozen=True, slots=True)
class GraphFilter:
    topic: str | None = None
    platform: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def changes_graph(self) -> bool:
        return any(v is not None for v in (self.topic, self.platform, self.since, self.until))


def _stored(
    store: GraphStore,
    score: str,
    first: int,
    offset: int,
    community_id: str | None = None,
    label: tuple[str, str] | None = None,
) -> list[tuple[Entry, Person | None]]:
    """A page of the stored score ``score``, each entry with the factors written beside it.

    People marked as the brand's own or its staff since the ranking ran are left out now,
    not at the next ranking: the page is read from the top, past them (they are few)."""
    marked = person_affiliations(store.affiliated_accounts())
    if marked:
        wider = store.top_people(
            score, offset + first + len(marked), 0, community_id=community_id, label=label
        )
        top = [row for row in wider if row[0] not in marked][offset : offset + first]
    else:
        top = store.top_people(score, first, offset, community_id=community_id, label=label)
    people = store.get_people([person for person, _ in top])
    page = []
    for person, value in top:
        found = people.get(person)
        factors = dict(found.factors.get(score, {})) if found else {}
        page.append((Entry(person, value, factors, found), found))
    return page


def stored_influencers(
    store: GraphStore, first: int, offset: int, community_id: str | None
) -> list[Entry]:
    """The last ranking's influencers, with the factors behind each score."""
    return [entry for entry, _ in _stored(store, "influence", first, offset, community_id)]


def filtered_influencers(
    store: GraphStore,
    now: datetime,
    first: int,
    offset: int,
    where: GraphFilter,
    community_id: str | None = None,
) -> list[Entry]:
    """Influence recomputed on the interactions that pass ``where``."""
    prefix = f"{normalize_platform(where.platform)}:" if where.platform else None
    graph = interaction_graph(
        store.interactions(since=where.since, until=where.until),
        now,
        keep_post=(lambda uid: uid.startswith(prefix)) if prefix else None,
    )
    brand = person_affiliations(store.affiliated_accounts())
    ranked: dict[str, Ranked] = {
        person: r for person, r in influence(graph, seed=0).items() if person not in brand
    }
    if where.topic is not None:
        topical = topic_influence(graph, store.topic_authors(where.topic))
        ranked = {
            person: Ranked(
                topical.get(person, 0.0), {**r.factors, "topic": topical.get(person, 0.0)}
            )
            for person, r in ranked.items()
            if topical.get(person, 0.0) > 0
        }
    if community_id is not None:
        members = store.get_people(list(ranked))
        ranked = {
            p: r
            for p, r in ranked.items()
            if p in members and members[p].community_id == community_id
        }
    order = sorted(ranked, key=lambda p: (-ranked[p].score, p))[offset : offset + first]
    # Followers only for the page shown: reading everyone's would cost more than the ranking.
    accounts = store.accounts_of(order)
    return [
        Entry(
            p,
            ranked[p].score,
            {
                **ranked[p].factors,
                "followers": float(sum(a.followers or 0 for a in accounts.get(p, []))),
            },
        )
        for p in order
    ]


def advocates(
    store: GraphStore, first: int, offset: int, klass: str | None
) -> list[tuple[Entry, str]]:
    """People by advocacy score, optionally of one class, with their class."""
    label = ("advocacy", klass) if klass else None
    return [
        (entry, found.labels.get("advocacy", "") if found else "")
        for entry, found in _stored(store, "advocacy", first, offset, label=label)
    ]


@dataclass(frozen=True, slots=True)
class ShortlistView:
    shortlist: Shortlist
    advocacy: Mapping[str, Advocacy]
    """Each member's advocacy, computed with the shortlist."""


def ambassador_shortlist(
    store: GraphStore,
    now: datetime,
    size: int,
    customers_only: bool,
    max_per_community: int | None,
    seed: int = 0,
) -> ShortlistView:
    """A shortlist computed now, from the conversation and the last ranking's communities,
    with the advocacy that made each member eligible."""
    options = RankOptions(
        shortlist_size=size,
        max_per_community=max_per_community,
        customers_only=customers_only,
        seed=seed,
    )
    graph = project(store.interaction_stream(), now, half_life=options.half_life)
    activity = store.people_activity(now, options.half_life)
    scores = pagerank(graph)
    advocates_now = advocacy(
        activity.opinions,
        activity.brand_opinions,
        {p: Ranked(s) for p, s in scores.items()},
        customers=activity.customers,
        excluded=activity.affiliations.keys(),
    )
    chosen = shortlist(
        graph,
        size,
        candidates=candidates(set(graph.people), advocates_now, activity.customers, options),
        community=activity.communities,
        max_per_community=max_per_community,
        pagerank=scores,
        samples=options.samples,
        seed=seed,
    )
    return ShortlistView(chosen, {p: advocates_now[p] for p in chosen.members})

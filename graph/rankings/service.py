"""Recompute every ranking from a store and write the results back.

The steps, each timed: project the interaction graph, read people's activity, influence,
advocacy, communities (with the ids of the last run kept where membership persists), the
ambassador shortlist, and the write-back of scores and memberships. Reading activity
overlaps the projection, Leiden (which needs the graph alone) overlaps the activity read and
influence, and each write overlaps the steps after it, so a step's seconds are the time the
computation waited for it. Advocacy comes before communities, which it does not need, so
that its write (as long as the influence one) starts sooner.
"""

from __future__ import annotations

import gc
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

from graph.model.nodes import Community
from graph.model.rankings import ScoreSet
from graph.ranking.advocacy import CONFIDENT, Advocacy, advocacy
from graph.ranking.communities import describe, detect_communities, stable_ids
from graph.ranking.influence import Ranked, influence
from graph.ranking.interactions import DEFAULT_HALF_LIFE, project
from graph.ranking.shortlist import DEFAULT_SAMPLES, Shortlist, shortlist
from graph.ranking.ties import ties_among, top_people
from graph.store.contract import GraphStore


@dataclass(frozen=True, slots=True)
class RankOptions:
    half_life: timedelta = DEFAULT_HALF_LIFE
    shortlist_size: int = 10
    max_per_community: int | None = 3
    min_advocacy: float | None = None
    """Candidates need at least this advocacy score besides a confidently positive stance
    (see `candidates`)."""
    customers_only: bool = False
    samples: int = DEFAULT_SAMPLES
    seed: int = 0


@dataclass(frozen=True, slots=True)
class RankReport:
    computed_at: datetime
    people: int
    ties: int
    influence: dict[str, Ranked]
    communities: list[Community]
    advocacy: dict[str, Advocacy]
    shortlist: Shortlist
    seconds: dict[str, float] = field(default_factory=dict)
    peak_memory: int | None = None
    """The process's peak resident memory during the run, in bytes (see `peak_memory`)."""

    @property
    def classes(self) -> Counter[str]:
        return Counter(a.klass.value for a in self.advocacy.values())


def candidates(
    people: set[str],
    advocates: dict[str, Advocacy],
    customers: frozenset[str],
    options: RankOptions,
) -> set[str]:
    """Who may be shortlisted: people confidently positive about the brand (the posterior
    probability of the positive side at least `CONFIDENT`, so never a detractor nor someone
    of unknown stance); with the options' minimum advocacy and customer rule. People without
    an advocacy (the brand's own accounts, its staff, people who never posted) never are."""
    chosen = set()
    for person in people:
        found = advocates.get(person)
        if found is None or found.factors["positive"] < CONFIDENT:
            continue
        if options.min_advocacy is not None and found.score < options.min_advocacy:
            continue
        if options.customers_only and person not in customers:
            continue
        chosen.add(person)
    return chosen


def peak_memory(reset: bool = False) -> int | None:
    """The peak resident memory of this process in bytes, since the last reset where Linux
    allows one (``reset=True`` starts a new peak and returns None), else since it started;
    None where unknown.

    >>> peak_memory() > 0
    True
    """
    try:
        if reset:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM
            return None
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) * 1024
    except (OSError, IndexError, ValueError):
        if reset or resource is None:
            return None
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes there, KiB here


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the block (and back on after, if it was on).

    A ranking makes millions of small objects (rows, dictionaries, factors) that live until
    it ends and hold no cycles worth collecting; the collector walked them again and again,
    about a tenth of a 1M-interaction ranking. Memory freed by reference counting is freed
    as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def recompute(
    store: GraphStore,
    now: datetime,
    options: RankOptions = RankOptions(),
    step: Callable[[str], None] | None = None,
) -> RankReport:
    """Run every ranking on ``store`` and write scores and communities back."""
    seconds: dict[str, float] = {}
    peak_memory(reset=True)

    @contextmanager
    def timed(name: str) -> Iterator[None]:
        if step is not None:
            step(name)
        started = time.perf_counter()
        yield
        seconds[name] = round(time.perf_counter() - started, 3)

    # Store reads and writes run on a second thread while the algorithms compute: both
    # drivers release the GIL while they wait on I/O. Leiden runs on a third, beside the
    # wait for activity and the influence step: its kernel releases the GIL too, and it
    # needs nothing but the graph (the largest single kernel, a tenth of a 10M ranking).
    with (
        collector_paused(),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="osmosi-rank-io") as io,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="osmosi-rank-leiden") as detector,
    ):
        reading = io.submit(store.people_activity, now, options.half_life)
        with timed("projection"):
            graph = project(store.interaction_stream(), now, half_life=options.half_life)
        detecting = detector.submit(detect_communities, graph, seed=options.seed)
        with timed("activity"):
            activity = reading.result()
        with timed("influence"):
            ranked = influence(graph, activity.followers, seed=options.seed)
            # The brand's own accounts and staff stay in the graph (their audience's ties
            # are real) but are nobody's influencer. Taken out one by one: they are few, and
            # copying the rest took seconds at two million people.
            for affiliated in activity.affiliations:
                ranked.pop(affiliated, None)
            scores = {person: r.score for person, r in ranked.items()}
            ties = ties_among(graph, top_people(scores))
            writes: list[Future[object]] = [io.submit(store.write_map_ties, ties, now)]
        with timed("advocacy"):
            advocates = advocacy(
                activity.opinions,
                activity.brand_opinions,
                ranked,
                customers=activity.customers,
                excluded=activity.affiliations.keys(),
            )
            # Both scores at once, so that a store can update each person once.
            scored = [
                ScoreSet("influence", scores, {p: r.factors for p, r in ranked.items()}),
                ScoreSet(
                    "advocacy",
                    {p: a.score for p, a in advocates.items()},
                    {p: a.factors for p, a in advocates.items()},
                    {p: a.klass.value for p, a in advocates.items()},
                ),
            ]
            writes.append(io.submit(store.write_score_sets, scored, now))
        with timed("communities"):
            named = stable_ids(detecting.result(), activity.communities)
            community_of = {person: cid for cid, members in named.items() for person in members}
            # In the graph's order, people sorted by id: the store writes memberships in key
            # order, and sorting a sorted list is one pass (a full sort took seconds at 2M).
            membership = {p: community_of[p] for p in graph.people if p in community_of}
            sentiment = {person: said.mean_sentiment for person, said in activity.opinions.items()}
            profiles = [
                describe(cid, members, scores, activity.topics, activity.channels, sentiment)
                for cid, members in named.items()
            ]
            writes.append(
                io.submit(store.write_communities, membership, now, {p.id: p for p in profiles})
            )
        with timed("shortlist"):
            chosen = shortlist(
                graph,
                options.shortlist_size,
                candidates=candidates(set(graph.people), advocates, activity.customers, options),
                community=membership,
                max_per_community=options.max_per_community,
                pagerank=scores,
                samples=options.samples,
                seed=options.seed,
            )
        with timed("write-back"):
            for write in writes:
                write.result()  # re-raises a failed write
    return RankReport(
        now,
        graph.number_of_nodes(),
        graph.number_of_edges(),
        ranked,
        sorted(profiles, key=lambda p: (-p.size, p.id)),
        advocates,
        chosen,
        seconds,
        peak_memory(),
    )

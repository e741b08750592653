"""Loading the demo the way real data arrives: platform exports through the ingest pipeline
(parse, validate, enrich, write, route, raise alerts), the CRM export through the CRM import
and identity resolution, the rankings, the last hours' posts (whose negative ones by
influential people raise alerts), the team's work on the response queue and the advocacy
programme through the same domain functions as the API's mutations, and an alert scan.

A load is recorded as an ingest job (`demo_job_id`); once it is done, loading again only
reads that job back, whatever the scale asked for. An interrupted load runs again from the
start: every step is idempotent (the queue and programme steps only touch what is still
untouched).
"""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from graph.identity import linking
from graph.identity import service as identity
from graph.model.bookkeeping import IngestCounts, JobState
from graph.model.keys import account_uid
from graph.model.people import ProgrammeStatus
from graph.model.rankings import AdvocacyClass
from graph.model.responses import Conversation, ConversationStatus
from graph.model.routing import BusinessFunction
from graph.rankings.service import RankReport
from graph.responses import acting
from graph.responses.metrics import conversations_between
from graph.store.contract import GraphStore
from ingestion.crm import CrmImport, crm_format
from ingestion.demo.exports import FORMATS, PLATFORMS, customers_csv, export
from ingestion.demo.model import DemoPost, World
from ingestion.demo.people import BRAND, SHOWCASE
from ingestion.demo.world import generate_world
from ingestion.jobs.rankings import recompute_now
from ingestion.jobs.scans import after_ingest
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline

TEAM = {
    BusinessFunction.CUSTOMER_CARE: ("marta", "luca.care", "sara.care"),
    BusinessFunction.SALES: ("davide.sales",),
    BusinessFunction.PRODUCT: ("elena.product",),
    BusinessFunction.MARKETING: ("chiara.social",),
    BusinessFunction.PR: ("paolo.pr",),
}
"""Who works the demo's response queue, by business function."""
ACTOR = "osmosi:demo"
"""Who the queue's changes are recorded as made by (a key's name, for real changes)."""
PROGRAMME_MANAGER = "chiara.social"
_QUEUE_WORKERS = 4
_STEPS = 4
"""The demo job's chunks: the posts, the customers, the last hours' posts, the rest."""
_DAY = timedelta(days=1)
ADVOCATES = frozenset({AdvocacyClass.ADVOCATE, AdvocacyClass.POTENTIAL_ADVOCATE})
_JOURNEYS: dict[ProgrammeStatus, tuple[tuple[ProgrammeStatus, int, str], ...]] = {
    ProgrammeStatus.ACTIVE: (
        (ProgrammeStatus.CANDIDATE, 60, "a potential advocate in the ranking"),
        (ProgrammeStatus.INVITED, 52, "invited at the Milan tasting"),
        (ProgrammeStatus.ACTIVE, 45, "signed the ambassador agreement"),
    ),
    ProgrammeStatus.PAUSED: (
        (ProgrammeStatus.CANDIDATE, 95, "a loyal customer with reach"),
        (ProgrammeStatus.INVITED, 88, "invited by email"),
        (ProgrammeStatus.ACTIVE, 80, "joined the programme"),
        (ProgrammeStatus.PAUSED, 9, "on a break until spring"),
    ),
    ProgrammeStatus.DECLINED: (
        (ProgrammeStatus.CANDIDATE, 30, "a potential advocate in the ranking"),
        (ProgrammeStatus.INVITED, 24, "invited by direct message"),
        (ProgrammeStatus.DECLINED, 20, "prefers not to work with brands"),
    ),
    ProgrammeStatus.INVITED: (
        (ProgrammeStatus.CANDIDATE, 12, "a potential advocate in the ranking"),
        (ProgrammeStatus.INVITED, 4, "invitation sent, waiting for an answer"),
    ),
    ProgrammeStatus.CANDIDATE: (
        (ProgrammeStatus.CANDIDATE, 1, "on this week's ambassador shortlist"),
    ),
}
_ROSTER = (
    (ProgrammeStatus.ACTIVE, 4),
    (ProgrammeStatus.INVITED, 3),
    (ProgrammeStatus.PAUSED, 2),
    (ProgrammeStatus.DECLINED, 2),
)
"""Programme members by status, the showcase person first among the active ones; the
shortlist's members who are not among them become candidates."""


@dataclass(frozen=True, slots=True)
class DemoLoad:
    """What loading the demo did (``already``: it had been loaded, and nothing was done)."""

    already: bool
    seconds: float
    posts: IngestCounts = field(default_factory=IngestCounts)
    customers: IngestCounts = field(default_factory=IngestCounts)
    links_applied: int = 0
    links_waiting: int = 0
    communities: int = 0
    queue: dict[str, int] = field(default_factory=dict)
    """Conversations answered, dismissed and assigned."""
    programme: int = 0
    """People put in the advocacy programme."""
    alerts: int = 0
    """Alerts raised by the scan (those of the posts themselves are raised as they are
    written)."""

    def summary(self) -> str:
        """A few short lines for the terminal."""
        if self.already:
            return f"demo data: already loaded (checked in {self.seconds:.1f} s)"
        queue = ", ".join(f"{count} {action}" for action, count in sorted(self.queue.items()))
        return "\n  ".join(
            (
                f"demo data: {self.posts.stored:,} posts and {self.customers.stored:,} "
                f"customers loaded in {self.seconds:.1f} s",
                f"identity links: {self.links_applied} applied, {self.links_waiting} waiting "
                "for review",
                f"rankings: {self.communities} communities; advocacy programme: "
                f"{self.programme} people",
                f"response queue: {queue}",
                f"alerts: {self.alerts} raised by the scan",
            )
        )


def demo_job_id(seed: int) -> str:
    """The ingest job that records a load of the demo of this seed (at any scale: worlds of
    different scales share ids, and are never loaded on top of each other)."""
    return f"demo-{seed}"


def load_demo(
    pipeline: Pipeline,
    thresholds: linking.Thresholds | None = None,
    seed: int = 7,
    scale: float = 1.0,
    now: datetime | None = None,
) -> DemoLoad:
    """Load the demo world (`generate_world`) as of ``now`` into ``pipeline``'s store,
    through ``pipeline``; nothing happens when it has been loaded already. ``thresholds``
    are identity resolution's (the defaults when None)."""
    started = time.perf_counter()
    store = pipeline.store
    job_id = demo_job_id(seed)
    job = store.get_job(job_id)
    if job is not None and job.status is JobState.DONE:
        return DemoLoad(already=True, seconds=time.perf_counter() - started)
    now = now or datetime.now(UTC)
    world = generate_world(now, seed, scale)
    store.save_job(job_id, "demo", f"scale {scale:g}", JobState.RUNNING, chunks_total=_STEPS)
    posts = ingest_posts(pipeline, world.phase(recent=False))
    store.record_chunk(job_id, 0, posts)
    fmt = crm_format("csv")
    stream = io.BytesIO(customers_csv(world.cast.customers))
    customers = CrmImport(store, pipeline.batch_size).run(fmt.read(stream), fmt, "demo-crm.csv")
    links = linking.resolve(store, now, thresholds or linking.Thresholds())
    store.record_chunk(job_id, 1, customers)
    ranked = recompute_now(store, now)
    recent = ingest_posts(pipeline, world.phase(recent=True))
    store.record_chunk(job_id, 2, recent)
    queue = work_the_queue(store, world, now)
    programme = run_programme(store, ranked, now)
    alerts = after_ingest(pipeline, now)
    store.record_chunk(job_id, 3, IngestCounts())
    return DemoLoad(
        already=False,
        seconds=time.perf_counter() - started,
        posts=posts + recent,
        customers=customers,
        links_applied=links.applied,
        links_waiting=links.waiting,
        communities=len(ranked.communities),
        queue=dict(queue),
        programme=programme,
        alerts=len(alerts),
    )


def ingest_posts(pipeline: Pipeline, posts: Sequence[DemoPost]) -> IngestCounts:
    """The posts as each platform exports them, through the pipeline (preparing workers
    included, as `osmosi ingest` runs it)."""
    total = IngestCounts()
    for platform in PLATFORMS:
        data = export(platform, posts)
        if data:
            parser = parser_for(FORMATS[platform])
            total += pipeline.ingest_stream(io.BytesIO(data), parser, f"demo-{platform}.jsonl")
    return total


def work_the_queue(store: GraphStore, world: World, now: datetime) -> Counter[str]:
    """The team's work on the open conversations the world planned something for:
    answered (when the answer went out), dismissed with a reason, or assigned. Done by a
    few threads: each change is a round trip or two to the store."""
    # Read first: each change takes a conversation out of the pages still to read.
    waiting = [
        conversation
        for conversation in conversations_between(store, None, None)
        if conversation.status is ConversationStatus.OPEN
    ]

    def work(conversation: Conversation) -> str | None:
        plan = world.outcomes.get(conversation.post_uid)
        if plan is None:
            return None
        team = TEAM[conversation.function]
        owner = team[plan.pick % len(team)]
        answered_at = conversation.received_at + plan.after
        if plan.action == "dismiss" and plan.reason:
            acting.dismiss(store, conversation.id, plan.reason, ACTOR)
            return "dismissed"
        if plan.action == "answer" and plan.answer and answered_at <= now:
            acting.answer(store, conversation.id, plan.answer, owner, answered_at, now, ACTOR)
            return "answered"
        acting.assign(store, conversation.id, owner)
        return "assigned"

    with ThreadPoolExecutor(_QUEUE_WORKERS, thread_name_prefix="osmosi-demo") as pool:
        return Counter(done for done in pool.map(work, waiting) if done is not None)


def run_programme(store: GraphStore, ranked: RankReport, now: datetime) -> int:
    """Advocates through the programme, each with a history: the showcase person and the
    best advocates active, invited, paused or declined; the shortlist's others candidates."""
    showcase = store.get_account("mastodon", f"{SHOWCASE}@mastodon.uno")
    # The brand's own accounts speak well of it, but are nobody's advocates.
    brand = store.get_accounts([account_uid(a.platform, a.handle) for a in BRAND.values()])
    order = [showcase.person_id] if showcase is not None and showcase.person_id else []
    excluded = {*order, *(account.person_id for account in brand.values())}
    order += sorted(
        (
            person
            for person, found in ranked.advocacy.items()
            if found.klass in ADVOCATES and person not in excluded
        ),
        key=lambda person: (-ranked.advocacy[person].score, person),
    )
    roster: list[tuple[str, ProgrammeStatus]] = []
    for status, count in _ROSTER:
        for person in order[len(roster) : len(roster) + count]:
            roster.append((person, status))
    named = {person for person, _ in roster}
    roster += [
        (person, ProgrammeStatus.CANDIDATE)
        for person in ranked.shortlist.members
        if person not in named and person not in excluded
    ]
    history = store.programme_history([person for person, _ in roster])
    placed = 0
    for person, status in roster:
        if history.get(person):
            continue  # a load interrupted after this step
        for step, days, note in _JOURNEYS[status]:
            identity.set_programme_status(
                store, person, step, note, PROGRAMME_MANAGER, now - days * _DAY
            )
        placed += 1
    return placed

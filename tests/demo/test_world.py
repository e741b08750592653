"""The demo world as generated (no store): what it holds, that it is the same for a seed
whatever the day, that every record it exports reads as real data does, and that the
sample files in ``examples/`` are what their generator writes."""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingestion.crm import crm_format
from ingestion.demo import generate_world
from ingestion.demo.communities import COMMUNITIES, NEW_CHANNEL_DAYS, NEW_SUBREDDIT
from ingestion.demo.exports import FORMATS, PLATFORMS, customers_csv, export
from ingestion.demo.model import World
from ingestion.demo.phrases import SPIKE
from ingestion.demo.samples import FILES, samples
from ingestion.demo.world import DAYS
from ingestion.parsers import RawRecord, parser_for
from ingestion.pipeline import Pipeline
from tests.helpers.demo import SMALL

NOW = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def world() -> World:
    return generate_world(NOW)


def test_the_full_world_is_a_brand_conversation_of_thousands(world: World) -> None:
    posts = world.posts
    assert 2_800 <= len(world.cast.people) <= 3_200
    assert 20_000 <= len(posts) <= 25_000
    assert {p.platform for p in posts} == {"mastodon", "x", "reddit"}
    assert {p.language for p in posts} == {"it", "en", "ro"}
    assert Counter(p.language for p in posts).most_common(1)[0][0] == "it"
    assert len({p.community for p in world.cast.people}) == len(COMMUNITIES) >= 6
    # Replies, reposts and quotes, each after what it answers or shares; nothing ahead of now.
    assert {p.share_kind for p in posts} == {None, "repost", "quote"}
    assert sum(p.parent is not None for p in posts) > len(posts) / 4
    assert all(p.at > p.parent.at for p in posts if p.parent is not None)
    assert all(p.at > p.shared.at for p in posts if p.shared is not None)
    assert all(NOW - timedelta(days=DAYS + 1) < p.at <= NOW for p in posts)
    assert len({p.uid for p in posts}) == len(posts)


def test_the_world_holds_what_every_view_needs(world: World) -> None:
    people, posts = world.cast.people, world.posts
    shown = {a.display_name or "" for p in people for a in p.accounts}
    decomposed = {unicodedata.normalize("NFD", name) for name in shown}
    assert any("\u0326" in name for name in decomposed), "Romanian ș or ț"
    assert any(set("àèéìòù") & set(name) for name in shown), "Italian accents"
    assert sum(p.hub for p in people) >= len(COMMUNITIES) * 2
    assert sum(len(p.accounts) == 2 for p in people) > 100, "people on two platforms"
    assert sum(p.crm is not None for p in people) > 300
    assert len(world.cast.customers) > sum(p.crm is not None for p in people), "and offline"
    brand = set(world.cast.brand.values())
    assert sum(p.account in brand for p in posts) > 100, "the brand's own posts and answers"
    fans = [p for p in posts if p.venue == NEW_SUBREDDIT]
    assert min(p.at for p in fans) >= NOW - timedelta(days=NEW_CHANNEL_DAYS + 1)
    assert sum(p.at >= NOW - timedelta(days=7) for p in fans) >= 10
    yesterday = (NOW - timedelta(days=1)).date()
    complaints = {line for lines in SPIKE.values() for line in lines}
    strike = [p for p in posts if p.at.date() == yesterday and p.text.endswith(tuple(complaints))]
    assert len(strike) >= 20
    actions = Counter(outcome.action for outcome in world.outcomes.values())
    assert actions["answer"] > actions["assign"] > 0 < actions["dismiss"]


def test_the_same_seed_makes_the_same_ids_and_texts_on_any_day() -> None:
    first = generate_world(NOW, scale=SMALL)
    later = generate_world(NOW + timedelta(days=45, hours=7), scale=SMALL)
    assert {p.uid: p.text for p in first.posts} == {p.uid: p.text for p in later.posts}
    assert max(p.at for p in later.posts) > NOW + timedelta(days=44)
    other = generate_world(NOW, seed=8, scale=SMALL)
    assert [p.text for p in other.posts] != [p.text for p in first.posts]


def test_every_exported_record_reads_as_real_data() -> None:
    small = generate_world(NOW, scale=SMALL)
    pipeline = Pipeline(store=None)  # type: ignore[arg-type]  # parsing needs no store
    read = set()
    for platform in PLATFORMS:
        parser = parser_for(FORMATS[platform])
        for item in parser.read(io.BytesIO(export(platform, small.posts))):
            assert isinstance(item, RawRecord), item
            read.add(pipeline.to_post(parser, item).uid)
    assert read == {post.uid for post in small.posts}
    fmt = crm_format("csv")
    stream = io.BytesIO(customers_csv(small.cast.customers))
    customers = [fmt.customer(item) for item in fmt.read(stream)]  # type: ignore[arg-type]
    assert [c.external_id for c in customers] == [c.customer_id for c in small.cast.customers]
    assert sum(bool(c.handles) for c in customers) > 0


def test_the_committed_samples_are_what_the_generator_writes() -> None:
    made = samples()
    assert set(made) == set(FILES)
    for name, data in made.items():
        assert (EXAMPLES / name).read_bytes() == data, (
            f"examples/{name} is stale: run `python -m ingestion.demo.samples examples/`"
        )

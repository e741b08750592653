"""``osmosi rank`` end to end: from the stored conversation to scores and communities
written back, on both backends."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.embedded import EmbeddedGraphStore
from graph.neo4j import Neo4jGraphStore
from graph.ranking.advocacy import AdvocacyClass
from graph.ranking.influence import INFLUENCE_FACTORS
from graph.ranking.service import RankOptions, recompute
from graph.store import GraphStore
from tests.demo.helpers import load_small_demo
from tests.ingestion.helpers import FIXTURES
from tests.test_cli import OSMOSI, clean_env

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_rank_writes_scores_and_communities_back(store: GraphStore) -> None:
    load_small_demo(store, now=NOW)
    steps: list[str] = []
    report = recompute(store, NOW, RankOptions(shortlist_size=3, samples=2000), step=steps.append)
    assert (
        steps
        == list(report.seconds)
        == [
            "projection",
            "activity",
            "influence",
            "communities",
            "advocacy",
            "shortlist",
            "write-back",
        ]
    )
    top = max(report.influence, key=lambda p: report.influence[p].score)
    person = store.get_person(top)
    assert person is not None
    assert person.scores["influence"] == report.influence[top].score
    assert person.factors["influence"] == report.influence[top].factors
    assert set(person.factors["influence"]) == set(INFLUENCE_FACTORS)
    assert person.community_id in {p.id for p in report.communities}
    assert store.counts().communities == len(report.communities)
    assert sum(p.size for p in report.communities) == report.people

    advocates = report.advocacy
    assert advocates, "the demo's posts are analysed, so people have opinions"
    excluded = {AdvocacyClass.DETRACTOR, AdvocacyClass.AT_RISK_INFLUENCER}
    assert not any(
        advocates[p].klass in excluded for p in report.shortlist.members if p in advocates
    )
    # On the small demo both sets reach about the same; estimates differ by sampling noise.
    assert report.shortlist.expected_reach >= 0.95 * report.shortlist.baseline_reach

    again = recompute(store, NOW, RankOptions(shortlist_size=3, samples=2000))
    assert [p.id for p in again.communities] == [p.id for p in report.communities]


@pytest.mark.neo4j
def test_the_same_world_ranks_the_same_on_both_stores(
    embedded_store: EmbeddedGraphStore, neo4j_store: Neo4jGraphStore
) -> None:
    # The stores read interactions in different orders; the seeded algorithms must not see it.
    reports = []
    for store in (embedded_store, neo4j_store):
        load_small_demo(store, now=NOW)
        reports.append(recompute(store, NOW, RankOptions(shortlist_size=5, samples=2000, seed=3)))
    embedded, neo4j = reports
    # Scores to the last bits of a float sum (decayed weights add up in read order), factors
    # (six digits) and everything decided from them exactly.
    assert {p: r.factors for p, r in neo4j.influence.items()} == {
        p: r.factors for p, r in embedded.influence.items()
    }
    assert {p: r.score for p, r in neo4j.influence.items()} == pytest.approx(
        {p: r.score for p, r in embedded.influence.items()}, rel=1e-12
    )
    assert [replace(c, average_sentiment=None) for c in neo4j.communities] == [
        replace(c, average_sentiment=None) for c in embedded.communities
    ]
    assert [c.average_sentiment for c in neo4j.communities] == pytest.approx(
        [c.average_sentiment for c in embedded.communities], rel=1e-12
    )
    assert neo4j.advocacy == embedded.advocacy
    assert neo4j.shortlist == embedded.shortlist
    people = sorted(embedded.influence)
    assert {p: person.community_id for p, person in neo4j_store.get_people(people).items()} == {
        p: person.community_id for p, person in embedded_store.get_people(people).items()
    }


def test_rank_cli_json(tmp_path: Path) -> None:
    env = clean_env()
    common = ["--data-dir", str(tmp_path)]
    ingest = subprocess.run(
        [OSMOSI, "ingest", str(FIXTURES / "mastodon.jsonl"), "-f", "mastodon", *common],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0, ingest.stderr
    result = subprocess.run(
        [OSMOSI, "rank", "--json", "--shortlist", "2", *common],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) >= {
        "people",
        "ties",
        "seconds",
        "influencers",
        "communities",
        "advocacy_classes",
        "shortlist",
    }
    assert report["people"] >= 2
    assert set(report["shortlist"]["baseline"]) == {"members", "expected_reach", "communities"}
    first = report["influencers"][0]
    assert set(first["factors"]) == set(INFLUENCE_FACTORS)

"""``osmosi rank`` end to end: from the stored conversation to scores and communities
written back, on both backends."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from graph.model.rankings import AdvocacyClass
from graph.ranking.influence import INFLUENCE_FACTORS
from graph.rankings.service import RankOptions, recompute
from graph.store.contract import GraphStore
from tests.helpers.demo import load_small_demo
from tests.helpers.factories import person_by_id
from tests.helpers.ingest import FIXTURES
from tests.helpers.serving import OSMOSI, clean_env

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
            "advocacy",
            "communities",
            "shortlist",
            "write-back",
        ]
    )
    top = max(report.influence, key=lambda p: report.influence[p].score)
    person = person_by_id(store, top)
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
    assert report["peak_memory_bytes"] > 10 * 2**20  # the process's resident peak, at least
    assert set(report["shortlist"]["baseline"]) == {"members", "expected_reach", "communities"}
    first = report["influencers"][0]
    assert set(first["factors"]) == set(INFLUENCE_FACTORS)

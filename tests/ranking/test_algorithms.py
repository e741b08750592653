"""The ranking algorithms on graphs with known answers."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import networkx as nx
import pytest

from graph.model.nodes import Interaction, InteractionKind
from graph.model.rankings import AdvocacyClass
from graph.ranking.advocacy import advocacy
from graph.ranking.communities import detect_communities, merge_to, stable_ids
from graph.ranking.indexed import IndexedGraph
from graph.ranking.influence import (
    INFLUENCE_FACTORS,
    Ranked,
    brokers,
    core_numbers,
    influence,
    pagerank,
    topic_influence,
)
from graph.ranking.interactions import DEFAULT_HALF_LIFE, interaction_graph
from graph.ranking.shortlist import expected_reach, reverse_reachable_sets, shortlist
from ingestion.synthetic import NOW, generate_world
from tests.helpers.factories import brand_opinions_of, opinions_of

metrics = pytest.importorskip("sklearn.metrics", reason="needs the train extra (make test)")


def nmi(planted: dict[str, int], found: list[set[str]]) -> float:
    labels = {person: index for index, part in enumerate(found) for person in part}
    people = sorted(planted)
    return float(
        metrics.normalized_mutual_info_score(
            [planted[p] for p in people], [labels[p] for p in people]
        )
    )


def test_karate_club_two_way_split_recovers_the_factions() -> None:
    karate: nx.Graph[str] = nx.relabel_nodes(nx.karate_club_graph(), str)
    graph: nx.DiGraph[str] = nx.DiGraph(karate)
    for seed in range(3):
        halves = merge_to(graph, detect_communities(IndexedGraph.of(graph), seed=seed), 2)
        faction = {n: karate.nodes[n]["club"] for n in karate}
        agree = max(
            sum((n in halves[0]) == (faction[n] == "Mr. Hi") for n in karate),
            sum((n in halves[0]) == (faction[n] != "Mr. Hi") for n in karate),
        )
        assert agree >= 33  # node 8 sits between the camps; every split misplaces it


def test_planted_partition_is_recovered_at_low_mixing() -> None:
    # networkx's documented LFR example, at mixing 0.1, with enough degree to have structure.
    lfr = nx.LFR_benchmark_graph(
        500, 3, 1.5, 0.1, average_degree=15, max_degree=50, min_community=30, seed=42
    )
    planted = {}
    for node in lfr:
        planted[str(node)] = min(lfr.nodes[node]["community"])
    graph = nx.DiGraph(nx.relabel_nodes(lfr, str))
    score = nmi(planted, detect_communities(IndexedGraph.of(graph), seed=0))
    assert score >= 0.9, score


def test_pagerank_and_betweenness_on_a_star_and_a_chain() -> None:
    star = IndexedGraph.of(nx.DiGraph([(f"leaf{i}", "hub") for i in range(6)]))
    ranks = pagerank(star)
    assert max(ranks, key=ranks.__getitem__) == "hub"
    assert len({round(ranks[f"leaf{i}"], 9) for i in range(6)}) == 1
    assert brokers(star)["hub"] == pytest.approx(1.0)

    chain = IndexedGraph.of(nx.path_graph(list("abcde"), create_using=nx.DiGraph))
    between = brokers(chain)
    assert between["c"] == pytest.approx(4 / 6)
    assert between["b"] == pytest.approx(3 / 6)
    assert between["a"] == 0.0


def test_pagerank_is_exact_whatever_the_number_of_people() -> None:
    # A per-person tolerance lets the total error grow with the graph; the shipped scores
    # stay within 1e-6 in all of networkx's run to 1e-13, on 20k people as on 20.
    for people in (20, 20_000):
        graph = nx.gnm_random_graph(people, people * 5, seed=3, directed=True)
        nx.set_edge_attributes(graph, {edge: 1 + sum(edge) % 7 for edge in graph.edges}, "weight")
        exact = nx.pagerank(graph, weight="weight", tol=1e-13, max_iter=1000)
        shipped = pagerank(IndexedGraph.of(nx.relabel_nodes(graph, str)))
        error = sum(abs(shipped[str(p)] / people - exact[p]) for p in graph)
        assert error < 1e-6, f"{people} people: L1 error {error:.1e}"


def test_personalised_pagerank_is_networkxs_with_the_same_restarts() -> None:
    # Restarts and dangling people's attention go to the personalised people alone.
    graph = nx.gnm_random_graph(300, 900, seed=5, directed=True)
    graph.add_nodes_from(range(300, 310))  # people with no ties at all
    nx.set_edge_attributes(graph, {edge: 1 + sum(edge) % 5 for edge in graph.edges}, "weight")
    restarts = {0: 2.0, 7: 1.0, 305: 1.0}
    exact = nx.pagerank(graph, weight="weight", personalization=restarts, tol=1e-13, max_iter=1000)
    named = IndexedGraph.of(nx.relabel_nodes(graph, str))
    shipped = pagerank(named, personalization={str(p): v for p, v in restarts.items()})
    error = sum(abs(shipped[str(p)] / len(graph) - exact[p]) for p in graph)
    assert error < 1e-6, f"L1 error {error:.1e}"


def test_core_numbers_are_networkxs() -> None:
    graph = nx.gnm_random_graph(2_000, 9_000, seed=11)
    graph.add_edges_from((2_000 + i, 2_000 + j) for i in range(12) for j in range(i))  # a K12
    graph.add_edge(3, 3)  # a self-loop counts for nothing
    graph.add_node(5_000)  # nor does being alone
    plain = graph.copy()
    plain.remove_edges_from(list(nx.selfloop_edges(graph)))
    expected = nx.core_number(plain)
    found = core_numbers(IndexedGraph.of(nx.DiGraph(nx.relabel_nodes(graph, str))))
    assert found == {str(p): core for p, core in expected.items()}
    assert max(found.values()) == 11


def test_topic_influence_reaches_only_the_people_the_topics_conversation_leads_to() -> None:
    # Two conversations that never touch: a topic's influence is the first one's alone, so
    # a map or ranking filtered to the topic shows no one from the second.
    topical = nx.DiGraph([("ann", "bea"), ("cal", "bea"), ("bea", "ann")])
    elsewhere = nx.DiGraph([(f"p{i}", f"p{(i + 1) % 50}") for i in range(50)])
    graph = nx.compose(topical, elsewhere)
    scores = topic_influence(IndexedGraph.of(graph), {"ann": 2.0, "cal": 1.0})
    assert {person for person, score in scores.items() if score > 0} == {"ann", "bea", "cal"}
    assert scores["bea"] > scores["cal"], "bea draws attention from both of its authors"


def test_weights_follow_kind_and_decay_with_age() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    old = now - timedelta(days=180)
    multigraph = [
        Interaction("a", "b", InteractionKind.REPOST, now, "x:1"),
        Interaction("a", "c", InteractionKind.MENTION, now, "x:2"),
        Interaction("a", "d", InteractionKind.REPOST, old, "x:3"),
        Interaction("a", "e", InteractionKind.REPLY, now, "y:4"),
    ]
    graph = interaction_graph(multigraph, now, half_life=timedelta(days=90)).to_networkx()
    assert graph["a"]["b"]["weight"] > graph["a"]["c"]["weight"]
    assert graph["a"]["d"]["weight"] == pytest.approx(0.25)
    windowed = interaction_graph(multigraph, now, since=now - timedelta(days=30))
    assert "d" not in windowed.index
    platform = interaction_graph(multigraph, now, keep_post=lambda uid: uid.startswith("y:"))
    assert list(platform.to_networkx().edges) == [("a", "e")]


def test_greedy_shortlist_beats_top_k_degree_on_a_cascade() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((f"fan{i}", hub) for i in range(10) for hub in ("big1", "big2"))
    graph.add_edges_from((f"own{i}", "niche") for i in range(7))
    top_degree = sorted(graph, key=lambda p: -graph.in_degree(p))[:2]
    result = shortlist(
        IndexedGraph.of(graph), 2, seed=3, pagerank={p: graph.in_degree(p) for p in graph}
    )
    assert set(result.baseline) == set(top_degree) == {"big1", "big2"}
    assert "niche" in result.members
    assert result.expected_reach > result.baseline_reach + 2


def test_sampled_reach_matches_the_exact_cascade() -> None:
    # Six fans split their attention between two hubs, so each passes a hub's post on with
    # probability 1/2; a relay follows h1 alone, and someone follows the relay alone.
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((f"fan{i}", hub) for i in range(6) for hub in ("h1", "h2"))
    graph.add_edges_from([("relay", "h1"), ("end", "relay")])
    indexed = IndexedGraph.of(graph)
    sets = reverse_reachable_sets(indexed, 40_000, seed=5)
    people = len(indexed.people)
    again = reverse_reachable_sets(indexed, 40_000, seed=5)  # seeded: the same sets
    assert (sets.members.tolist(), sets.offsets.tolist()) == (
        again.members.tolist(),
        again.offsets.tolist(),
    )
    # h1 reaches itself, each fan with 1/2, and relay and end for sure: 1 + 3 + 2.
    assert expected_reach([indexed.index["h1"]], sets, people) == pytest.approx(6.0, abs=0.1)
    # Together the hubs reach each fan with 1 - 1/4 (independent cascades): 2 + 4.5 + 2.
    both = [indexed.index["h1"], indexed.index["h2"]]
    assert expected_reach(both, sets, people) == pytest.approx(8.5, abs=0.1)
    assert expected_reach([indexed.index["end"]], sets, people) == pytest.approx(1.0, abs=0.1)


def test_a_shortlist_without_anyone_to_choose_is_empty() -> None:
    graph = IndexedGraph.of(nx.DiGraph([("fan", "hub")]))
    nobody = shortlist(IndexedGraph.of(nx.DiGraph()), 5, seed=1)
    assert nobody == shortlist(graph, 5, candidates={"someone else"}, seed=1)
    assert (nobody.members, nobody.baseline, nobody.expected_reach) == ((), (), 0.0)


def test_shortlist_respects_candidates_and_community_caps() -> None:
    world = generate_world(people=400, communities=4, interactions=4000, seed=5)
    graph = interaction_graph(world.interactions, NOW)
    community = {person: str(group) for person, group in world.membership.items()}
    banned = set(sorted(world.hubs)[:2])
    result = shortlist(
        graph,
        6,
        candidates=set(graph.people) - banned,
        community=community,
        max_per_community=2,
        seed=1,
        samples=5000,
    )
    assert len(result.members) == 6
    assert banned.isdisjoint(result.members)
    assert max(Counter(community[p] for p in result.members).values()) <= 2
    assert result.expected_reach >= result.baseline_reach


def test_stable_ids_survive_recomputation() -> None:
    world = generate_world(people=600, communities=5, interactions=6000, seed=2)
    graph = interaction_graph(world.interactions, NOW)
    first = stable_ids(detect_communities(graph, seed=0), {})
    previous = {person: cid for cid, members in first.items() for person in members}
    more = generate_world(people=600, communities=5, interactions=6600, seed=2)
    again = interaction_graph(more.interactions, NOW)
    second = stable_ids(detect_communities(again, seed=4), previous)
    assert set(second) == set(first)
    assert stable_ids(detect_communities(graph, seed=0), {}) == first  # deterministic


def test_planted_world_hubs_rank_top_and_communities_match() -> None:
    world = generate_world(people=3000, communities=10, interactions=40_000, seed=11)
    graph = interaction_graph(world.interactions, NOW)
    ranked = influence(graph, world.followers, seed=0)
    top20 = sorted(ranked, key=lambda p: -ranked[p].score)[:20]
    assert world.hubs <= set(top20)
    score = nmi(world.membership, detect_communities(graph, seed=0))
    assert score >= 0.9, score
    assert set(ranked[top20[0]].factors) == set(INFLUENCE_FACTORS)


def test_advocacy_classes() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    recent, stale = now - timedelta(days=3), now - timedelta(days=720)
    influence_scores = {f"p{i}": Ranked(float(i)) for i in range(20)}
    said = {
        "p19": [(recent, -0.8)] * 8,  # most influential, negative
        "p5": [(recent, -0.6)] * 8,
        "p6": [(recent, -0.6)] * 2,  # two angry posts: not yet a detractor
        "p7": [(recent, -0.6), (recent, 0.6)] * 6,  # both ways, often: neutral
        "p15": [(recent, 0.7)] * 8,  # positive, engaged, influential, not in programme
        "p12": [(recent, 0.7)] * 8,  # same, but a customer
        "p2": [(recent, 0.7)] * 8,  # positive and engaged but of little influence
        "p3": [(stale, 0.9)] * 8,  # positive long ago: nothing known of them now
        # Eight complaints last season are eight posts' worth of evidence, not three.
        "p8": [(now - timedelta(days=150), -0.6)] * 8,
    }
    opinions = {
        person: opinions_of(posts, now, DEFAULT_HALF_LIFE) for person, posts in said.items()
    }
    about = {
        person: brand_opinions_of(posts, now, DEFAULT_HALF_LIFE) for person, posts in said.items()
    }
    result = advocacy(opinions, about, influence_scores, customers={"p12"}, excluded={"p9"})
    assert {p: a.klass for p, a in result.items()} == {
        "p19": AdvocacyClass.AT_RISK_INFLUENCER,
        "p5": AdvocacyClass.DETRACTOR,
        "p6": AdvocacyClass.UNKNOWN,
        "p7": AdvocacyClass.NEUTRAL,
        "p15": AdvocacyClass.POTENTIAL_ADVOCATE,
        "p12": AdvocacyClass.ADVOCATE,
        "p2": AdvocacyClass.NEUTRAL,
        "p3": AdvocacyClass.UNKNOWN,
        "p8": AdvocacyClass.DETRACTOR,
    }
    assert result["p12"].score > result["p2"].score > 0 > result["p6"].score > result["p5"].score
    assert result["p5"].confidence > 0.9 and result["p5"].factors["evidence"] == 8
    # Thin evidence is shrunk toward neutral: the same mood over fewer posts leans less.
    assert result["p6"].factors["lean"] > result["p5"].factors["lean"]


def test_the_brands_own_people_get_no_advocacy() -> None:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    posts = [(now, 0.8)] * 10
    result = advocacy(
        {"brand": opinions_of(posts, now, DEFAULT_HALF_LIFE)},
        {"brand": brand_opinions_of(posts, now, DEFAULT_HALF_LIFE)},
        {"brand": Ranked(9.0)},
        excluded={"brand"},
    )
    assert result == {}


def test_shortlist_fills_its_size_and_says_why_when_it_cannot() -> None:
    # Three hubs with audiences, and three quiet candidates nobody pays attention to: the
    # sample never reaches the quiet ones, yet they fill a shortlist of five.
    edges: nx.DiGraph[str] = nx.DiGraph()
    edges.add_edges_from((f"fan{h}{i}", f"hub{h}") for h in range(3) for i in range(5))
    edges.add_edges_from((f"quiet{i}", f"fan0{i}") for i in range(3))
    graph = IndexedGraph.of(edges)
    wanted = {"hub0", "hub1", "hub2", "quiet0", "quiet1", "quiet2"}
    full = shortlist(graph, 5, candidates=wanted, seed=3, samples=2000)
    assert len(full.members) == 5 and set(full.members) <= wanted
    assert full.shortfall is None
    assert len(full.gains) == 5 and full.gains[0] > 0
    assert sum(full.gains) == pytest.approx(full.expected_reach)

    community = dict.fromkeys(edges, "one")
    capped = shortlist(
        graph, 5, candidates=wanted, community=community, max_per_community=2, seed=3
    )
    assert len(capped.members) == 2
    assert capped.shortfall == "at most 2 per community leaves 2 of 6 candidates"
    few = shortlist(graph, 10, candidates=wanted, seed=3)
    assert len(few.members) == 6 and few.shortfall == "only 6 people pass the constraints"


def test_the_same_interactions_in_any_order_rank_the_same() -> None:
    # Each store reads interactions in its own order; seeded steps (Leiden, sampled
    # betweenness, the shortlist's cascades) must not see it. Mixed communities, where the
    # order could tip Leiden one way or the other.
    world = generate_world(people=1000, communities=8, interactions=6000, mixing=0.4, seed=4)
    shuffled = list(world.interactions)
    random.Random(1).shuffle(shuffled)
    results = []
    for interactions in (world.interactions, shuffled):
        graph = interaction_graph(interactions, NOW)
        ranked = influence(graph, world.followers, seed=0)
        scores = {person: r.score for person, r in ranked.items()}
        communities = detect_communities(graph, seed=0)
        community = {p: str(min(part)) for part in communities for p in part}
        chosen = shortlist(
            graph,
            5,
            community=community,
            max_per_community=2,
            pagerank=scores,
            samples=2000,
            seed=0,
        )
        results.append((ranked, communities, chosen))
    (ranked, communities, chosen), (ranked_shuffled, communities_shuffled, chosen_shuffled) = (
        results
    )
    assert ranked_shuffled == ranked  # scores and factors, to the last bit
    assert len(communities) > 1
    assert communities_shuffled == communities
    assert chosen_shuffled == chosen


def test_the_projection_sums_each_pairs_decayed_interactions() -> None:
    # Against the definition, one interaction at a time: weight(kind) * 0.5 ** (age /
    # half-life), summed per ordered pair; people by sorted id, edges by (source, target).
    rng = random.Random(7)
    people = [f"p{n}" for n in range(60)]
    interactions = [
        Interaction(
            rng.choice(people[:40]),
            rng.choice(people[20:]),
            rng.choice(list(InteractionKind)),
            NOW - timedelta(seconds=rng.uniform(-3600, 400 * 86400)),
            f"x:{number}",
        )
        for number in range(3000)
    ]
    graph = interaction_graph(interactions, NOW, half_life=timedelta(days=30))

    expected: dict[tuple[str, str], list[float]] = {}
    for i in interactions:
        age = max((NOW - i.at).total_seconds(), 0.0)
        value = {"repost": 1.0, "quote": 0.8, "reply": 0.6, "mention": 0.3}[i.kind.value]
        expected.setdefault((i.source, i.target), []).append(value * 0.5 ** (age / (30 * 86400)))
    assert graph.people == sorted({p for pair in expected for p in pair})
    edges = [
        (graph.people[a], graph.people[b])
        for a, b in zip(graph.sources.tolist(), graph.targets.tolist(), strict=True)
    ]
    assert edges == sorted(expected)
    assert graph.counts.tolist() == [len(expected[edge]) for edge in edges]
    assert graph.weights.tolist() == pytest.approx([sum(expected[e]) for e in edges], rel=1e-12)

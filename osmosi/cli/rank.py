"""``osmosi rank``: recompute influence, communities, advocacy and the ambassador shortlist."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from osmosi.cli.options import DataDir, JsonOutput, console, load_settings
from osmosi.cli.progress import working

if TYPE_CHECKING:
    from graph.rankings.service import RankReport


def report_json(report: RankReport, top: int) -> dict[str, Any]:
    """The run as one JSON object: figures, timings, top influencers, communities, the
    shortlist and its PageRank baseline."""
    best = sorted(report.influence.items(), key=lambda item: (-item[1].score, item[0]))[:top]
    return {
        "computed_at": report.computed_at.isoformat(),
        "people": report.people,
        "ties": report.ties,
        "seconds": report.seconds,
        "peak_memory_bytes": report.peak_memory,
        "influencers": [
            {"person": person, "score": round(r.score, 4), "factors": dict(r.factors)}
            for person, r in best
        ],
        "communities": [
            {
                "id": p.id,
                "size": p.size,
                "top_voices": list(p.top_voices),
                "top_topics": list(p.top_topics),
                "main_channels": list(p.main_channels),
                "average_sentiment": p.average_sentiment,
            }
            for p in report.communities[:top]
        ],
        "community_count": len(report.communities),
        "advocacy_classes": dict(report.classes),
        "shortlist": {
            "members": list(report.shortlist.members),
            "expected_reach": round(report.shortlist.expected_reach, 1),
            "reach_gains": [round(gain, 1) for gain in report.shortlist.gains],
            "shortfall": report.shortlist.shortfall,
            "communities": list(report.shortlist.communities),
            "baseline": {
                "members": list(report.shortlist.baseline),
                "expected_reach": round(report.shortlist.baseline_reach, 1),
                "communities": list(report.shortlist.baseline_communities),
            },
        },
    }


def rank(
    shortlist: Annotated[int, typer.Option(min=1, max=500, help="Ambassadors to shortlist.")] = 10,
    max_per_community: Annotated[
        int, typer.Option(min=0, help="Most ambassadors from one community (0: no cap).")
    ] = 3,
    customers_only: Annotated[
        bool, typer.Option("--customers-only", help="Shortlist known customers only.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of every random choice.")] = 0,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Recompute influence, communities, advocacy and the ambassador shortlist.

    Writes scores and communities back to the store (with the time of the run). With Redis,
    exits 3 at once if a worker or another `osmosi rank` is ranking."""
    from graph.rankings.service import RankOptions, recompute
    from ingestion.jobs.rankings import SKIPPED
    from osmosi.runtime import open_store, ranking_turn

    settings = load_settings(data_dir=data_dir)
    options = RankOptions(
        shortlist_size=shortlist,
        max_per_community=max_per_community or None,
        customers_only=customers_only,
        seed=seed,
    )
    with ranking_turn(settings) as held:
        if not held:
            if as_json:
                typer.echo(json.dumps({"skipped": SKIPPED}))
            else:
                console.print(f"Ranking {SKIPPED}; try again when it has finished.")
            raise typer.Exit(3)
        with open_store(settings) as store, working("ranking", as_json) as step:
            report = recompute(store, datetime.now(UTC), options, step=step)
    summary = report_json(report, top=10)
    if as_json:
        typer.echo(json.dumps(summary))
        return
    table = Table(title="Ranking summary", show_header=False)
    table.add_row("people", str(report.people))
    table.add_row("ties", str(report.ties))
    table.add_row("communities", str(len(report.communities)))
    for name, count in sorted(report.classes.items()):
        table.add_row(name.replace("_", " "), str(count))
    table.add_row(
        "shortlist reach",
        f"{report.shortlist.expected_reach:,.0f} "
        f"(top-{shortlist} by PageRank: {report.shortlist.baseline_reach:,.0f})",
    )
    if report.shortlist.shortfall:
        table.add_row("shortlist short", report.shortlist.shortfall)
    table.add_row("seconds", ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
    if report.peak_memory is not None:
        table.add_row("peak memory", f"{report.peak_memory / 2**20:,.0f} MiB")
    console.print(table)

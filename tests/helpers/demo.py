"""The demo in tests: its small variant, loaded through the pipeline ``osmosi serve --demo``
uses."""

from __future__ import annotations

from datetime import datetime

from graph.store.contract import GraphStore
from ingestion.demo import DemoLoad, load_demo
from ingestion.pipeline import Pipeline
from osmosi.runtime import pipeline_for
from osmosi.settings import Settings

SMALL = 0.03
"""About 90 people and 1,000 posts: every part of the demo, loaded in seconds."""


def demo_pipeline(store: GraphStore, workers: int = 0) -> Pipeline:
    """The pipeline `osmosi serve` builds (enrichment, routing, alerts), with ``workers``
    preparing processes."""
    return pipeline_for(Settings(ingest_workers=workers), store)


def load_small_demo(store: GraphStore, now: datetime | None = None) -> DemoLoad:
    return load_demo(demo_pipeline(store), scale=SMALL, now=now)

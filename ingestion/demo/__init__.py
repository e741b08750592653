"""The built-in demo: a living conversation about a fictional Italian coffee brand, Caffè
Aurora, loaded through the same ingest path as real data (see `load_demo`)."""

from ingestion.demo.load import DemoLoad, demo_job_id, load_demo
from ingestion.demo.world import generate_world

__all__ = ["DemoLoad", "demo_job_id", "generate_world", "load_demo"]

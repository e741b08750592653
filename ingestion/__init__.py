"""Listening: parsers, the ingest pipeline, enrichment and background jobs."""

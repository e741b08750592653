"""The names of the export formats that `ingestion.parsers.parser_for` reads, importable
without loading the parsers (for the CLI's help)."""

FORMATS = ("mastodon", "x-v2", "reddit", "youtube", "rss", "csv", "jsonl")

"""Parsers of the formats Osmosi reads, by name."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.canonical.formats import FORMATS
from ingestion.parsers.base import Item, Parser, RawRecord, Unreadable
from ingestion.parsers.csv_export import CsvParser, parse_mapping
from ingestion.parsers.jsonl import JsonlParser
from ingestion.parsers.mastodon import MastodonParser
from ingestion.parsers.reddit import RedditParser
from ingestion.parsers.rss import RssParser
from ingestion.parsers.x_v2 import XV2Parser
from ingestion.parsers.youtube import YouTubeParser


class UnknownFormat(ValueError):
    pass


def parser_for(name: str, mapping: Mapping[str, str] | None = None) -> Parser:
    """The parser of format ``name``; ``mapping`` is the CSV column mapping."""
    parsers: dict[str, Parser] = {
        "mastodon": MastodonParser(),
        "x-v2": XV2Parser(),
        "reddit": RedditParser(),
        "youtube": YouTubeParser(),
        "rss": RssParser(),
        "csv": CsvParser(mapping),
        "jsonl": JsonlParser(),
    }
    if name not in parsers:
        raise UnknownFormat(f"unknown format {name!r}; known: {', '.join(FORMATS)}")
    return parsers[name]


__all__ = [
    "FORMATS",
    "Item",
    "Parser",
    "RawRecord",
    "UnknownFormat",
    "Unreadable",
    "parse_mapping",
    "parser_for",
]

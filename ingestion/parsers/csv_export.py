"""A generic CSV from monitoring tools, with a column mapping.

Default columns (override any with ``--map field=Column``): ``id``, ``text``, ``author``,
``created_at``, and optionally ``platform`` (else ``csv``), ``author_name``, ``followers``,
``url``, ``language``, ``channel``, ``reply_to``, ``likes``, ``shares``, ``replies``. Hashtags
and @mentions are taken from the text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import IO, Any

from ingestion.canonical.record import MAX_RECORD_BYTES, RecordError
from ingestion.parsers.base import Item, Parser, RawRecord, Unreadable, decode, parse_timestamp
from ingestion.parsers.text import hashtags_in, mentions_in

FIELDS = (
    "id",
    "text",
    "author",
    "created_at",
    "platform",
    "author_name",
    "followers",
    "url",
    "language",
    "channel",
    "reply_to",
    "likes",
    "shares",
    "replies",
)
REQUIRED = ("id", "text", "author", "created_at")
_EXTRA = "__extra_cells__"


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["text=Message", "author=User"]`` to a field -> column mapping; unknown fields fail."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        for item in pair.split(","):
            field, sep, column = item.partition("=")
            if not sep or not column.strip():
                raise ValueError(f"mapping {item!r} is not field=Column")
            if field.strip() not in FIELDS:
                raise ValueError(f"unknown field {field.strip()!r}; known: {', '.join(FIELDS)}")
            mapping[field.strip()] = column.strip()
    return mapping


class CsvParser(Parser):
    name = "csv"
    platform = "csv"

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.columns = {field: field for field in FIELDS} | dict(mapping or {})

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        csv.field_size_limit(MAX_RECORD_BYTES)
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.DictReader(text)
        while True:
            position = f"row {reader.line_num + 1}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Unreadable(position, "", f"malformed CSV: {error}")
                continue
            # Cells beyond the header (DictReader's None key) would not survive JSON.
            extra = row.pop(None, None)
            if extra is not None:
                row[_EXTRA] = extra
            # The row is kept whole, so a record rejected for a wrong mapping can be
            # replayed with the right one.
            yield RawRecord(position, {"row": row})

    def parse(self, record: RawRecord) -> dict[str, Any]:
        row: dict[str, Any] = record.payload["row"]
        columns = self.columns
        missing = [columns[field] for field in REQUIRED if columns[field] not in row]
        if missing:
            raise RecordError(f"missing columns: {', '.join(missing)}")
        if _EXTRA in row:
            raise RecordError("row has more cells than the header")

        def cell(field: str) -> str | None:
            value = row.get(columns[field])
            return value.strip() if isinstance(value, str) and value.strip() else None

        for field in REQUIRED:
            if cell(field) is None:
                raise RecordError(f"missing {field}")
        text = row[columns["text"]]
        metrics = {}
        for name in ("likes", "shares", "replies"):
            if cell(name) is not None:
                metrics[name] = _integer(cell(name), name)
        followers = cell("followers")
        return {
            "platform": cell("platform") or self.platform,
            "id": cell("id"),
            "author": {
                "handle": cell("author"),
                "display_name": cell("author_name"),
                "followers": _integer(followers, "followers") if followers else None,
            },
            "text": text,
            "created_at": parse_timestamp(cell("created_at"), "created_at"),
            "language": cell("language"),
            "url": cell("url"),
            "metrics": metrics,
            "channel": cell("channel"),
            "reply_to": cell("reply_to"),
            "mentions": [{"handle": m} for m in mentions_in(text)],
            "hashtags": hashtags_in(text),
        }


def _integer(value: str | None, field: str) -> int:
    try:
        return int(float(str(value).replace(",", "")))
    except ValueError:
        raise RecordError(f"wrong type for {field}: not a number") from None


__all__ = ["CsvParser", "decode", "parse_mapping"]

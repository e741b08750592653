"""The canonical record itself, one per line (see ``ingestion/canonical.schema.json``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ingestion.parsers.base import Item, Parser, RawRecord, json_records
from ingestion.record import RecordError


class JsonlParser(Parser):
    name = "jsonl"
    platform = "jsonl"

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        return json_records(stream)

    def parse(self, record: RawRecord) -> dict[str, Any]:
        if not isinstance(record.payload, dict):
            raise RecordError(
                f"wrong type: expected an object, got {type(record.payload).__name__}"
            )
        return dict(record.payload)

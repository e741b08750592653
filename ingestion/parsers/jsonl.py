"""The canonical record itself, one per line (see ``ingestion/canonical.schema.json``)."""

from __future__ import annotations

from typing import Any

from ingestion.canonical.record import RecordError
from ingestion.parsers.base import JsonParser, RawRecord


class JsonlParser(JsonParser):
    name = "jsonl"
    platform = "jsonl"

    def parse(self, record: RawRecord) -> dict[str, Any]:
        if not isinstance(record.payload, dict):
            raise RecordError(
                f"wrong type: expected an object, got {type(record.payload).__name__}"
            )
        return dict(record.payload)

"""Identity resolution's inputs: the CRM files and the conversations that the correlate
fixtures hold, read the way users ingest them, and the thresholds the tests resolve with."""

from __future__ import annotations

from pathlib import Path

from graph.identity import linking
from graph.model.bookkeeping import IngestCounts
from graph.store.contract import GraphStore
from ingestion.crm import CrmImport, crm_format
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "correlate"
THRESHOLDS = linking.Thresholds(customer=0.75, person=0.9)


def ingest_conversations(store: GraphStore) -> IngestCounts:
    parser = parser_for("jsonl")
    with (FIXTURES / "conversations.jsonl").open("rb") as stream:
        return Pipeline(store).ingest(parser.read(stream), parser, "conversations.jsonl")


def import_customers(store: GraphStore, name: str = "customers.csv") -> IngestCounts:
    fmt = crm_format(name.rsplit(".", 1)[1])
    with (FIXTURES / name).open("rb") as stream:
        return CrmImport(store).run(fmt.read(stream), fmt, name)

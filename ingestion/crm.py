"""CRM customer exports: CSV or JSON lines, into the graph's customers.

Default CSV columns (override any with ``--map field=Column``): ``customer_id`` (required),
``first_name``, ``last_name``, ``email``, ``city``, ``lifetime_value``, and one
``handle_<platform>`` column per platform the CRM knows handles on (``handle_x``,
``handle_mastodon``, …). A JSON line has the same fields, with ``handles`` as an object
``{"x": "giulia_r", …}`` (or the ``handle_<platform>`` keys).

The same rules as posts: every record is stored (new or changed), a duplicate (already
stored as it is, or repeated later in the same batch) or rejected into the quarantine with
its reason (formats ``crm-csv`` and ``crm-jsonl``, replayable); ``read == stored +
duplicates + rejected``. Importing the same file again stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from graph.model.bookkeeping import IngestCounts, QuarantineEntry
from graph.model.keys import account_uid
from graph.model.nodes import Customer
from graph.store.contract import GraphStore
from ingestion.canonical.record import Key, RecordError, first_error
from ingestion.parsers import Item, RawRecord, Unreadable
from ingestion.parsers.base import json_documents, json_source, readable
from ingestion.parsers.csv_export import CsvParser
from ingestion.pipeline import batched, quarantine_entry, quarantined_items

FIELDS = ("customer_id", "first_name", "last_name", "email", "city", "lifetime_value")
HANDLE_PREFIX = "handle_"
FORMATS = ("csv", "jsonl")
CRM_PREFIX = "crm-"
"""Quarantined customer records have formats ``crm-csv`` and ``crm-jsonl``."""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320)]


class CustomerRecord(BaseModel):
    """A customer as a CRM export gives it, validated."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Key
    first_name: Name | None = None
    last_name: Name | None = None
    email: Email | None = None
    city: Name | None = None
    lifetime_value: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    handles: dict[str, Key] = Field(default_factory=dict)

    @field_validator("email")
    @classmethod
    def _looks_like_email(cls, value: str | None) -> str | None:
        if value and not _EMAIL.match(value):
            raise ValueError("not an email address")
        return value or None

    def to_customer(self) -> Customer:
        try:
            uids = sorted(
                {account_uid(platform, handle) for platform, handle in self.handles.items()}
            )
        except ValueError as error:
            raise RecordError(f"bad handle: {error}") from None
        return Customer(
            external_id=self.customer_id,
            first_name=self.first_name or None,
            last_name=self.last_name or None,
            email=self.email.casefold() if self.email else None,
            city=self.city or None,
            lifetime_value=self.lifetime_value,
            handles=tuple(uids),
        )


def parse_crm_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``["customer_id=Id", "handle_x=Twitter"]`` to a field -> column mapping."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        for item in pair.split(","):
            field, sep, column = item.partition("=")
            field, column = field.strip(), column.strip()
            if not sep or not column:
                raise ValueError(f"mapping {item!r} is not field=Column")
            if field not in FIELDS and not (field.startswith(HANDLE_PREFIX) and field[7:]):
                known = ", ".join(FIELDS)
                raise ValueError(f"unknown field {field!r}; known: {known}, handle_<platform>")
            mapping[field] = column
    return mapping


def unknown_columns(row: Mapping[str, Any], mapping: Mapping[str, str]) -> list[str]:
    """The columns of a row that no field reads: a real CRM export has dozens, which are
    ignored (and named in the import's summary), never a reason to refuse a customer.

    >>> unknown_columns({"customer_id": "C1", "Segment": "gold", "handle_x": "ada"}, {})
    ['Segment']
    """
    known = set(FIELDS) | {c for f, c in mapping.items()} | {"handles"}
    return sorted(
        str(column)
        for column in row
        if column not in known
        and not (isinstance(column, str) and column.startswith(HANDLE_PREFIX))
    )


def _cells(row: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """A flat row (CSV, or a JSON line's keys) to `CustomerRecord` input; columns no field
    reads are left out (`unknown_columns`)."""
    columns = {field: field for field in FIELDS} | {
        f: c for f, c in mapping.items() if not f.startswith(HANDLE_PREFIX)
    }
    handle_columns = {
        column[len(HANDLE_PREFIX) :]: column
        for column in row
        if isinstance(column, str) and column.startswith(HANDLE_PREFIX)
    } | {f[len(HANDLE_PREFIX) :]: c for f, c in mapping.items() if f.startswith(HANDLE_PREFIX)}

    def value(column: str) -> Any:
        cell = row.get(column)
        return cell.strip() or None if isinstance(cell, str) else cell

    data: dict[str, Any] = {field: value(column) for field, column in columns.items()}
    if isinstance(data["lifetime_value"], str):
        try:
            data["lifetime_value"] = float(data["lifetime_value"].replace(",", ""))
        except ValueError:
            raise RecordError("wrong type for lifetime_value: not a number") from None
    given = row.get("handles") or {}
    if not isinstance(given, dict):
        raise RecordError("handles must be an object of platform: handle")
    handles = dict(given) | {p: value(c) for p, c in handle_columns.items() if value(c)}
    data["handles"] = handles
    return {key: item for key, item in data.items() if item is not None}


@dataclass(frozen=True, slots=True)
class CrmFormat:
    """How one export format is read into raw records, and a record into a customer."""

    name: str
    mapping: Mapping[str, str]

    @property
    def quarantine_format(self) -> str:
        return f"{CRM_PREFIX}{self.name}"

    def read(self, stream: IO[bytes]) -> Iterator[Item]:
        context = {"mapping": dict(self.mapping)}
        items = (
            CsvParser().read(stream) if self.name == "csv" else json_documents(json_source(stream))
        )
        for item in items:
            if isinstance(item, RawRecord):
                yield RawRecord(item.position, item.payload, context)
            else:
                yield item

    def row(self, record: RawRecord) -> dict[str, Any] | None:
        """The record's columns, or None when it is not an object."""
        payload = record.payload.get("row") if self.name == "csv" else record.payload
        return payload if isinstance(payload, dict) else None

    def customer(self, record: RawRecord) -> Customer:
        payload = self.row(record)
        if payload is None:
            raise RecordError("wrong type: a customer record is an object")
        mapping = record.context.get("mapping", self.mapping)
        try:
            return CustomerRecord.model_validate(_cells(payload, mapping)).to_customer()
        except ValidationError as error:
            raise RecordError(first_error(error)) from None
        except RecordError:
            raise
        except Exception as error:
            # Input shapes no rule foresaw: keep the record, say what broke.
            raise RecordError(f"unparseable record ({type(error).__name__})") from error


def crm_format(name: str, mapping: Mapping[str, str] | None = None) -> CrmFormat:
    if name not in FORMATS:
        raise ValueError(f"unknown CRM format {name!r}; known: {', '.join(FORMATS)}")
    return CrmFormat(name, dict(mapping or {}))


@dataclass
class CrmImport:
    """Writes customers in batches; counts add up as for posts."""

    store: GraphStore
    batch_size: int = 1000
    ignored_columns: set[str] = field(default_factory=set)
    """Columns of the rows read that no field reads."""

    def run(
        self,
        items: Iterable[Item],
        fmt: CrmFormat,
        source: str,
        progress: Callable[[IngestCounts], None] | None = None,
    ) -> IngestCounts:
        total = IngestCounts()
        for chunk in batched(readable(items), self.batch_size):
            counts = self.write(chunk, fmt, source)
            total += counts
            if progress is not None:
                progress(counts)
        return total

    def write(self, items: Sequence[Item], fmt: CrmFormat, source: str) -> IngestCounts:
        rejected: list[QuarantineEntry] = []
        latest: dict[str, Customer] = {}
        for item in items:
            if isinstance(item, Unreadable):
                rejected.append(quarantine_entry(fmt.quarantine_format, source, item, item.reason))
                continue
            row = fmt.row(item)
            if row is not None:
                self.ignored_columns.update(unknown_columns(row, fmt.mapping))
            try:
                customer = fmt.customer(item)
            except RecordError as error:
                rejected.append(quarantine_entry(fmt.quarantine_format, source, item, error.reason))
                continue
            latest.pop(customer.external_id, None)  # a later row of the same id wins
            latest[customer.external_id] = customer
        if rejected:
            self.store.quarantine(rejected)
        stored_before = self.store.get_customers(list(latest))
        changed = [c for c in latest.values() if stored_before.get(c.external_id) != c]
        if changed:
            self.store.upsert_customers(changed)
        read = len(items)
        return IngestCounts(read, len(changed), read - len(changed) - len(rejected), len(rejected))

    def replay(self, entries: Sequence[QuarantineEntry]) -> IngestCounts:
        """Try quarantined CRM records again; those that store leave the quarantine."""
        total = IngestCounts()
        for entry in entries:
            fmt = crm_format(entry.format.removeprefix(CRM_PREFIX))
            counts = self.write(quarantined_items(entry, fmt.read), fmt, entry.source)
            if counts.rejected == 0:
                self.store.release_quarantined([entry.id])
            total += counts
        return total

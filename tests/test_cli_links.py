"""``osmosi crm links``: deciding many identity links at once, by id or by confidence."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.embedded import EmbeddedGraphStore
from graph.identity import linking
from graph.model.identity import LinkStatus
from ingestion.crm import CrmImport, crm_format
from ingestion.parsers import parser_for
from ingestion.pipeline import Pipeline
from osmosi.cli import app
from tests.helpers.factories import T0

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "correlate"
# Nothing applies by itself: every link waits for a decision.
NOTHING_AUTOMATIC = linking.Thresholds(customer=1.1, person=1.1)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store whose conversations and customers left only proposed links."""
    for name in [key for key in os.environ if key.startswith("OSMOSI_")]:
        monkeypatch.delenv(name)
    with EmbeddedGraphStore(tmp_path) as store:
        store.ensure_schema()
        parser = parser_for("jsonl")
        with (FIXTURES / "conversations.jsonl").open("rb") as stream:
            Pipeline(store).ingest(parser.read(stream), parser, "conversations.jsonl")
        fmt = crm_format("csv")
        with (FIXTURES / "customers.csv").open("rb") as stream:
            CrmImport(store).run(fmt.read(stream), fmt, "customers.csv")
        assert linking.resolve(store, T0, NOTHING_AUTOMATIC).applied == 0
    return tmp_path


def statuses(data_dir: Path) -> dict[str, tuple[float, LinkStatus]]:
    with EmbeddedGraphStore(data_dir) as store:
        links = store.identity_links(None, None, 1000)
    return {link.id: (link.confidence, link.status) for link in links}


def osmosi(data_dir: Path, *args: str) -> tuple[int, Any]:
    """The exit status and the JSON printed by ``osmosi crm links ARGS --json``."""
    result = CliRunner().invoke(app, ["crm", "links", *args, "--data-dir", str(data_dir), "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_confirming_by_threshold_applies_the_confident_links_only(data_dir: Path) -> None:
    before = statuses(data_dir)
    assert {status for _, status in before.values()} == {LinkStatus.PROPOSED}
    confident = {i for i, (confidence, _) in before.items() if confidence >= 0.9}
    assert confident and len(confident) < len(before)

    code, report = osmosi(data_dir, "confirm", "--at-least", "0.9")

    assert code == 0, report
    assert {link["id"] for link in report["links"]} == confident
    assert {link["outcome"] for link in report["links"]} == {"confirmed"}
    after = statuses(data_dir)
    assert {i for i, (_, status) in after.items() if status is LinkStatus.APPLIED} == confident


def test_rejecting_by_id_needs_a_reason_and_rejects_those_named(data_dir: Path) -> None:
    chosen = sorted(statuses(data_dir))[:2]
    missing = CliRunner().invoke(app, ["crm", "links", "reject", *chosen])
    assert missing.exit_code == 2  # --reason is required

    code, report = osmosi(data_dir, "reject", *chosen, "--reason", "different people")

    assert code == 0, report
    after = statuses(data_dir)
    assert {i for i, (_, status) in after.items() if status is LinkStatus.REJECTED} == set(chosen)


def test_rejecting_below_a_threshold(data_dir: Path) -> None:
    weak = {i for i, (confidence, _) in statuses(data_dir).items() if confidence < 0.75}
    assert weak

    code, report = osmosi(data_dir, "reject", "--below", "0.75", "--reason", "too weak")

    assert code == 0 and report["failed"] == 0
    rejected = {i for i, (_, s) in statuses(data_dir).items() if s is LinkStatus.REJECTED}
    assert rejected == weak


def test_a_dry_run_lists_the_decisions_and_changes_nothing(data_dir: Path) -> None:
    before = statuses(data_dir)

    code, confirm = osmosi(data_dir, "confirm", "--at-least", "0", "--dry-run")
    assert code == 0
    assert confirm["dry_run"] is True
    assert {link["id"] for link in confirm["links"]} == set(before)
    assert {link["outcome"] for link in confirm["links"]} == {"would confirm"}
    code, reject = osmosi(data_dir, "reject", *before, "--reason", "no", "--dry-run")
    assert code == 0 and {link["outcome"] for link in reject["links"]} == {"would reject"}

    assert statuses(data_dir) == before


def test_unknown_or_decided_links_fail_without_stopping_the_others(data_dir: Path) -> None:
    first, second = sorted(statuses(data_dir))[:2]
    assert osmosi(data_dir, "reject", first, "--reason", "no")[0] == 0

    code, report = osmosi(data_dir, "confirm", first, second, "nope")

    assert code == 1
    outcomes = {link["id"]: link["outcome"] for link in report["links"]}
    assert outcomes == {first: "failed", second: "confirmed", "nope": "failed"}
    assert report["failed"] == 2


def test_ids_or_a_threshold_but_not_both(data_dir: Path) -> None:
    runner = CliRunner()
    neither = runner.invoke(app, ["crm", "links", "confirm", "--data-dir", str(data_dir)])
    assert neither.exit_code == 2
    both = runner.invoke(app, ["crm", "links", "confirm", "x", "--at-least", "0.5"])
    assert both.exit_code == 2


def test_the_list_shows_what_waits_for_review(data_dir: Path) -> None:
    code, rows = osmosi(data_dir, "list", "--kind", "person_customer", "--limit", "100")
    assert code == 0
    assert rows and {row["kind"] for row in rows} == {"person_customer"}
    assert [row["confidence"] for row in rows] == sorted(
        (row["confidence"] for row in rows), reverse=True
    )
    human = CliRunner().invoke(app, ["crm", "links", "list", "--data-dir", str(data_dir)])
    assert human.exit_code == 0 and rows[0]["id"] in human.stdout

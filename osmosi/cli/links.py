"""``osmosi crm links``: the identity links waiting for review, and decisions on many at
once (by id, or by confidence), through the same domain service as the GraphQL mutations."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph.model.identity import IdentityLink, LinkKind, LinkStatus
from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings
from osmosi.cli.progress import working

if TYPE_CHECKING:
    from graph.store.contract import GraphStore

links_app = command_group("List identity links; confirm or reject many at once.")

PAGE = 1000


KindOption = Annotated[LinkKind | None, typer.Option(help="Only links of this kind.")]
Ids = Annotated[list[str] | None, typer.Argument(help="Link ids, from `osmosi crm links list`.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be decided; change nothing.")
]
By = Annotated[str, typer.Option("--by", help="Who decides, for the audit trail.")]


def _proposed(store: GraphStore, kind: LinkKind | None) -> list[IdentityLink]:
    """Every link waiting for review, most confident first."""
    links: list[IdentityLink] = []
    while page := store.identity_links(kind, LinkStatus.PROPOSED, PAGE, len(links)):
        links += page
        if len(page) < PAGE:
            break
    return links


def _row(link: IdentityLink) -> dict[str, Any]:
    return {
        "id": link.id,
        "kind": link.kind.value,
        "confidence": round(link.confidence, 4),
        "person": link.person_id,
        "target": link.target_id,
        "status": link.status.value,
    }


@links_app.command("list")
def list_links(
    kind: KindOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """The links waiting for review, most confident first."""
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        rows = [_row(link) for link in _proposed(store, kind)[:limit]]
    if as_json:
        typer.echo(json.dumps(rows))
        return
    table = Table("kind", "confidence", "person", "target")
    table.add_column("id", no_wrap=True)  # the handle to decide by: never cut
    for row in rows:
        table.add_row(
            row["kind"], f"{row['confidence']:.2f}", row["person"], row["target"], row["id"]
        )
    Console().print(table)  # the listing is the output: stdout


def _decide(
    verb: str,
    ids: list[str] | None,
    chosen: Callable[[IdentityLink], bool] | None,
    decide: Callable[[GraphStore, str, datetime], object],
    kind: LinkKind | None,
    dry_run: bool,
    data_dir: Path | None,
    as_json: bool,
) -> None:
    """Decide the links named by ``ids``, or the proposed ones that ``chosen`` picks; print
    what became of each; exit 1 if any could not be decided."""
    from graph.identity.service import IdentityError
    from osmosi.runtime import open_store

    ids = ids or None  # no ids on the command line: typer passes []
    if (ids is None) == (chosen is None):
        raise typer.BadParameter("give link ids or a confidence threshold (not both)")
    settings = load_settings(data_dir=data_dir)
    now = datetime.now(UTC)
    outcomes: list[dict[str, Any]] = []
    with open_store(settings) as store, working(verb, as_json) as step:
        if ids is not None:
            found = store.get_identity_links(ids)
            links = [found[i] for i in ids if i in found]
            outcomes += [
                {"id": i, "outcome": "failed", "error": "no such link"}
                for i in ids
                if i not in found
            ]
        else:
            links = [link for link in _proposed(store, kind) if chosen is not None and chosen(link)]
        for number, link in enumerate(links, 1):
            step(f"{number}/{len(links)}")
            outcome = {**_row(link), "outcome": f"would {verb}" if dry_run else f"{verb}ed"}
            if link.status is not LinkStatus.PROPOSED:  # decided already: a dry run says so
                outcome.update(outcome="failed", error=f"the link is {link.status.value}")
            elif not dry_run:
                try:
                    decide(store, link.id, now)
                except IdentityError as error:
                    outcome.update(outcome="failed", error=str(error))
            outcomes.append(outcome)
    failed = sum(o["outcome"] == "failed" for o in outcomes)
    if as_json:
        typer.echo(json.dumps({"dry_run": dry_run, "links": outcomes, "failed": failed}))
    else:
        table = Table("id", "kind", "confidence", "outcome", title=f"{verb.capitalize()} links")
        for o in outcomes:
            confidence = f"{o['confidence']:.2f}" if "confidence" in o else ""
            outcome = o["outcome"] + (f": {o['error']}" if "error" in o else "")
            table.add_row(o["id"], o.get("kind", ""), confidence, outcome)
        console.print(table)
        decided = len(outcomes) - failed
        console.print(
            f"{decided} link(s) {'would be ' if dry_run else ''}{verb}ed, {failed} failed"
        )
    if failed:
        raise typer.Exit(1)


@links_app.command("confirm")
def confirm(
    ids: Ids = None,
    at_least: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Every proposed link this confident or more."),
    ] = None,
    kind: KindOption = None,
    note: Annotated[str | None, typer.Option(help="A note kept with each decision.")] = None,
    by: By = "cli",
    dry_run: DryRun = False,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Apply proposed links: link the customers, merge the people."""
    from graph.identity import linking

    _decide(
        "confirm",
        ids,
        None if at_least is None else lambda link: link.confidence >= at_least,
        lambda store, link_id, now: linking.confirm(store, link_id, f"cli:{by}", now, note),
        kind,
        dry_run,
        data_dir,
        as_json,
    )


@links_app.command("reject")
def reject(
    reason: Annotated[str, typer.Option(help="Why: kept with each decision.")],
    ids: Ids = None,
    below: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Every proposed link less confident than this."),
    ] = None,
    kind: KindOption = None,
    by: By = "cli",
    dry_run: DryRun = False,
    data_dir: DataDir = None,
    as_json: JsonOutput = False,
) -> None:
    """Refuse proposed links; they are not proposed again."""
    from graph.identity import linking

    _decide(
        "reject",
        ids,
        None if below is None else lambda link: link.confidence < below,
        lambda store, link_id, now: linking.reject(store, link_id, f"cli:{by}", now, reason),
        kind,
        dry_run,
        data_dir,
        as_json,
    )

"""``osmosi keys``: API keys for the GraphQL and push APIs, each with a role."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graph.model.access import Role, create_key
from osmosi.cli.options import DataDir, JsonOutput, command_group, console, load_settings

keys_app = command_group("Create, list and revoke API keys.")


@keys_app.command("create")
def create(
    role: Annotated[Role, typer.Option(help="viewer (read), manager, or admin.")],
    name: Annotated[
        str, typer.Option(help="Whose key it is; shown in listings and audit trails.")
    ] = "unnamed",
    data_dir: DataDir = None,
) -> None:
    """Create a key and print it on the last line: it is shown only this once."""
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        key, secret = create_key(store, role, name, datetime.now(UTC))
    console.print(f"created {key.role.value} key {key.id} ({key.name}); it is not shown again:")
    typer.echo(secret)


@keys_app.command("list")
def list_keys(data_dir: DataDir = None, as_json: JsonOutput = False) -> None:
    """Every key: id, role, name, when created and revoked (never the key itself)."""
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        keys = store.api_keys()
    rows = [
        {
            "id": key.id,
            "role": key.role.value,
            "name": key.name,
            "created_at": key.created_at.isoformat(),
            "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
        }
        for key in keys
    ]
    if as_json:
        typer.echo(json.dumps(rows))
        return
    table = Table("id", "role", "name", "created", "revoked")
    for row in rows:
        table.add_row(
            *(str(row[c] or "") for c in ("id", "role", "name", "created_at", "revoked_at"))
        )
    Console().print(table)


@keys_app.command("revoke")
def revoke(
    key_id: Annotated[str, typer.Argument(help="The key's id, from `osmosi keys list`.")],
    data_dir: DataDir = None,
) -> None:
    """Revoke a key: requests carrying it are refused from now on."""
    from osmosi.runtime import open_store

    settings = load_settings(data_dir=data_dir)
    with open_store(settings) as store:
        revoked = store.revoke_api_key(key_id, datetime.now(UTC))
    if not revoked:
        console.print(f"no active key {key_id}")
        raise typer.Exit(1)
    console.print(f"revoked {key_id}")

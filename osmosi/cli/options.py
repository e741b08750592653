"""What every command group shares: the options declared once, the settings they override,
the stderr console, and the group class that shows flags as flags."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer import _click  # typer 0.29 runs on its own copy of click, not click's
from typer.core import TyperGroup, TyperOption

from ingestion.canonical.formats import FORMATS
from osmosi.logs import configure_logging

if TYPE_CHECKING:
    from osmosi.settings import Settings

# Messages, tables and progress go to stderr: stdout carries only what --json asks for.
console = Console(stderr=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory of the embedded store (OSMOSI_DATA_DIR)."),
]
JsonOutput = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
ExportFormat = Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")]
CsvMapping = Annotated[
    list[str] | None,
    typer.Option("--map", help="CSV column mapping, e.g. --map text=Message,author=User."),
]


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with command-line options taking precedence."""
    from osmosi.settings import Settings

    settings = Settings(**{key: value for key, value in overrides.items() if value is not None})
    configure_logging(settings.log_level)
    return settings


def _bare_flags(params: Sequence[_click.Parameter]) -> None:
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class FlagsGroup(TyperGroup):
    """A command group whose help shows flags bare. typer 0.29's rich help prints a type
    beside every option, flags included (`--json <bool>`, `--help <bool>`), as if they took
    a value; an empty metavar is what it prints instead."""

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        params = super().get_params(ctx)
        _bare_flags(params)
        return params

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _bare_flags(command.get_params(ctx))
        return command


def command_group(help: str) -> typer.Typer:
    """A group of subcommands (`osmosi crm ...`) that prints its help when called bare."""
    return typer.Typer(help=help, cls=FlagsGroup, no_args_is_help=True, add_completion=False)

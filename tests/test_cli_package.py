"""The ``osmosi.cli`` package: how it starts, how its help reads, what it prints where, and
that it is the only importer of ``server``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graph.embedded import EmbeddedGraphStore
from ingestion.crm import CrmImport, crm_format
from osmosi.cli import app

ROOT = Path(__file__).resolve().parents[1]
CUSTOMERS = ROOT / "tests" / "fixtures" / "correlate" / "customers.csv"


def environment(**extra: str) -> dict[str, str]:
    """No OSMOSI_ configuration; this checkout first on the path, as pytest runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return {**env, **extra}


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m osmosi.cli ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "osmosi.cli", *args],
        env=environment(**env),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_python_dash_m_runs_the_command_line() -> None:
    import osmosi

    version = run("--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout == f"osmosi {osmosi.__version__}\n"
    assert "Usage" in run("--help").stdout


def _command_paths(command: typer.core.TyperGroup, path: tuple[str, ...] = ()) -> list[list[str]]:
    paths = [list(path)]
    for name, sub in command.commands.items():
        if isinstance(sub, typer.core.TyperGroup):
            paths += _command_paths(sub, (*path, name))
        else:
            paths.append([*path, name])
    return paths


def every_command() -> list[list[str]]:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    return _command_paths(root)


@pytest.mark.parametrize("command", every_command(), ids=lambda path: " ".join(path) or "osmosi")
def test_help_shows_flags_as_flags(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout


def test_the_command_list_shows_each_summary_whole() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert "Recompute influence, communities, advocacy and the ambassador shortlist." in (
        result.stdout
    )
    # A summary is one paragraph: the rest of the docstring stays on the command's help.
    assert "exits 3" not in result.stdout


@pytest.fixture
def quarantined(tmp_path: Path) -> Path:
    """A store with two customer records in quarantine (they fail again on replay)."""
    with EmbeddedGraphStore(tmp_path) as store:
        store.ensure_schema()
        fmt = crm_format("csv")
        with CUSTOMERS.open("rb") as stream:
            assert CrmImport(store).run(fmt.read(stream), fmt, "customers.csv").rejected == 2
    return tmp_path


def test_quarantine_replay_prints_a_table_and_json_only_when_asked(quarantined: Path) -> None:
    human = run("quarantine", "replay", "--data-dir", str(quarantined))
    assert human.returncode == 0, human.stderr
    assert human.stdout == ""
    assert "Replay summary" in human.stderr
    assert "{'read'" not in human.stderr

    machine = run("quarantine", "replay", "--data-dir", str(quarantined), "--json")
    assert machine.returncode == 0, machine.stderr
    assert json.loads(machine.stdout) == {"read": 2, "stored": 0, "duplicates": 0, "rejected": 2}


@pytest.mark.parametrize(
    ("command", "progress"),
    [
        (["quarantine", "replay"], "replaying"),
        (["rank"], "ranking"),
        (["alerts", "scan"], "scanning for alerts"),
        (["retention", "apply", "--days", "30"], "dropping old posts"),
    ],
)
def test_progress_goes_to_stderr_and_never_into_json(
    quarantined: Path, command: list[str], progress: str
) -> None:
    # As on a terminal: rich draws its progress only there.
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "120"}
    human = run(*command, "--data-dir", str(quarantined), **terminal)
    assert human.returncode == 0, human.stderr
    assert progress in human.stderr and progress not in human.stdout

    machine = run(*command, "--data-dir", str(quarantined), "--json", **terminal)
    assert machine.returncode == 0, machine.stderr
    json.loads(machine.stdout)  # one JSON document, nothing around it
    assert progress not in machine.stderr

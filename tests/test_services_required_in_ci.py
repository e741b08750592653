"""With CI=true, a missing Neo4j or Redis fails the run instead of skipping tests."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT


def run_pytest(target: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_TEST_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


TARGET = "tests/contract/test_store_contract.py::test_schema_creation_is_idempotent"


@pytest.mark.parametrize("ci", ["true", ""], ids=["ci", "local"])
def test_unavailable_neo4j(ci: str) -> None:
    result = run_pytest(TARGET, CI=ci, OSMOSI_TEST_NEO4J_URI="bolt://127.0.0.1:1")
    if ci:
        assert result.returncode == 1, result.stdout
        assert "CI requires this service" in result.stdout
        # The embedded store passes; Neo4j over bolt:// and over neo4j:// (routing) fail.
        assert "1 passed, 2 errors" in result.stdout
    else:
        assert result.returncode == 0, result.stdout
        assert "1 passed, 2 skipped" in result.stdout


def test_unset_redis_fails_in_ci() -> None:
    result = run_pytest("tests/test_server.py::test_readiness_checks_the_real_broker", CI="true")
    assert result.returncode == 1, result.stdout
    assert "CI requires this service" in result.stdout

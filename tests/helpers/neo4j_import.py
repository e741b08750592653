"""Neo4j's offline importer and a second Neo4j on what it imported, from the jars of the
launcher that ``services/dev-services.sh`` builds (for backfill tests and benchmarks)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import ROOT

LAUNCHER = ROOT / "services" / "neo4j-launcher" / "target"


def run_import(home: Path, files: Path) -> str:
    """``neo4j-admin database import full neo4j @import.args`` in ``files``, into the Neo4j
    home ``home``; its output."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    command = ["java", "-cp", f"{LAUNCHER}/lib/*", "org.neo4j.cli.AdminTool"]
    result = subprocess.run(
        [*command, "database", "import", "full", "neo4j", "@import.args"],
        cwd=files, env=env, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "IMPORT DONE" in result.stdout
    return result.stdout


@contextmanager
def neo4j_on(home: Path, port: int, page_cache_mb: int = 128) -> Iterator[None]:
    """A Neo4j serving the database in ``home`` on Bolt ``port``, until the block ends."""
    log_path = home / "launcher.log"
    classpath = f"{LAUNCHER}/classes:{LAUNCHER}/lib/*"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            ["java", "-Xmx1g", "-cp", classpath, "io.osmosi.launcher.Launcher",
             str(home), str(port), str(page_cache_mb)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while b"OSMOSI-NEO4J-READY" not in log_path.read_bytes():
            assert server.poll() is None, log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, "the imported Neo4j did not start"
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(timeout=120)

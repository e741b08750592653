"""The embedded store keeps every acknowledged write through a kill -9 and a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from graph.embedded import EmbeddedGraphStore

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from graph.embedded import EmbeddedGraphStore
    from graph.model.nodes import Account, Post

    store = EmbeddedGraphStore(Path(sys.argv[1]))
    store.ensure_schema()
    author = Account("mastodon", "writer")
    batch = 0
    while True:
        posts = [
            Post("mastodon", f"{batch}-{i}", author, "x" * 200, datetime.now(UTC))
            for i in range(200)
        ]
        store.upsert_posts(posts)
        # Acknowledge only after upsert_posts has returned (the batch is committed).
        print(batch, flush=True)
        batch += 1
    """
)


def test_acknowledged_batches_survive_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert writer.stdout is not None
    acknowledged = -1
    for line in writer.stdout:
        acknowledged = int(line)
        if acknowledged >= 15:
            break
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert acknowledged >= 15

    store = EmbeddedGraphStore(data_dir)
    store.ensure_schema()
    try:
        expected = [
            f"mastodon:{batch}-{i}" for batch in range(acknowledged + 1) for i in range(200)
        ]
        found = store.get_posts(expected)
        assert len(found) == len(expected)
        # Nothing partial: whatever was written beyond the acknowledged batches is whole.
        assert store.counts().posts % 200 == 0
        assert store.counts().posts >= len(expected)
    finally:
        store.close()


def test_data_survives_a_clean_restart(tmp_path: Path) -> None:
    from tests.helpers.factories import post

    with EmbeddedGraphStore(tmp_path) as store:
        store.ensure_schema()
        store.upsert_posts([post("1", "ada", mentions=("bob",))])
    with EmbeddedGraphStore(tmp_path) as reopened:
        reopened.ensure_schema()
        assert reopened.counts().posts == 1
        assert reopened.counts().accounts == 2

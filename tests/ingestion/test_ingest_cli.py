"""``osmosi ingest`` and ``osmosi quarantine`` as a user runs them (embedded, in-process)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.helpers.ingest import FIXTURES
from tests.helpers.serving import OSMOSI, clean_env


def osmosi(
    *args: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [OSMOSI, *args, "--data-dir", str(data_dir)],
        env={**clean_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ingest_json_summary_and_rerun(tmp_path: Path) -> None:
    files = [str(FIXTURES / "reddit.jsonl"), str(FIXTURES / "reddit.jsonl")]
    first = osmosi("ingest", *files, "--format", "reddit", "--json", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert {k: summary[k] for k in ("read", "stored", "duplicates", "rejected", "files")} == {
        "read": 14,
        "stored": 4,
        "duplicates": 4,
        "rejected": 6,
        "files": 2,
    }


def test_worker_processes_prepare_with_enrichment_to_the_same_summary(tmp_path: Path) -> None:
    """Small batches make the fixture several parts, so the workers (forked with the
    enrichment models loaded) really prepare it."""
    summaries = []
    for workers in ("2", "0"):
        env = {"OSMOSI_INGEST_BATCH_SIZE": "2", "OSMOSI_INGEST_WORKERS": workers}
        result = osmosi(
            "ingest",
            str(FIXTURES / "mastodon.jsonl"),
            "-f",
            "mastodon",
            "--json",
            data_dir=tmp_path / workers,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        summaries.append({k: v for k, v in json.loads(result.stdout).items() if k != "seconds"})
    assert summaries[0] == summaries[1]
    assert summaries[0]["stored"] == 3


def test_ingest_shows_progress_and_a_summary(tmp_path: Path) -> None:
    result = osmosi("ingest", str(FIXTURES / "mastodon.jsonl"), "-f", "mastodon", data_dir=tmp_path)
    assert result.returncode == 0
    assert "Ingest summary" in result.stderr
    assert "mastodon.jsonl" in result.stderr  # the progress line names the file
    assert "osmosi quarantine list" in result.stderr


def test_an_ingest_that_stores_nothing_fails_with_a_hint(tmp_path: Path) -> None:
    # A Reddit export read as Mastodon statuses: every record rejected, which must not pass
    # for success in a script.
    wrong = osmosi("ingest", str(FIXTURES / "reddit.jsonl"), "-f", "mastodon", "--json",
                   data_dir=tmp_path)  # fmt: skip
    assert wrong.returncode == 1
    summary = json.loads(wrong.stdout)
    assert summary["stored"] == 0 and summary["rejected"] == summary["read"] > 0
    assert "nothing stored" in wrong.stderr and "--format" in wrong.stderr
    # Everything already there is not a failure: re-running an ingest is.
    good = str(FIXTURES / "mastodon.jsonl")
    assert osmosi("ingest", good, "-f", "mastodon", data_dir=tmp_path).returncode == 0
    again = osmosi("ingest", good, "-f", "mastodon", "--json", data_dir=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)["stored"] == 0


def test_unknown_format_and_bad_mapping_fail_clearly(tmp_path: Path) -> None:
    unknown = osmosi("ingest", str(FIXTURES / "feed.xml"), "-f", "myspace", data_dir=tmp_path)
    assert unknown.returncode == 2
    assert "unknown format 'myspace'" in unknown.stderr
    mapping = osmosi(
        "ingest", str(FIXTURES / "monitoring.csv"), "-f", "csv", "--map", "txt=M", data_dir=tmp_path
    )
    assert mapping.returncode == 2
    assert "unknown field 'txt'" in mapping.stderr


def test_quarantine_list_and_replay_with_a_fixed_mapping(tmp_path: Path) -> None:
    csv_file = str(FIXTURES / "monitoring.csv")
    wrong = osmosi(
        "ingest",
        csv_file,
        "-f",
        "csv",
        "--map",
        "text=Message,author=User",
        "--json",
        data_dir=tmp_path,
    )
    assert json.loads(wrong.stdout)["rejected"] == 6
    listed = osmosi("quarantine", "list", "--json", data_dir=tmp_path)
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(entries) == 6
    assert {e["reason"] for e in entries} == {"missing columns: id, created_at"}
    assert entries[0]["payload"]["row"]["User"] in ("laura_p", "roberto")

    replay = osmosi(
        "quarantine",
        "replay",
        "--json",
        "--map",
        "id=PostId,text=Message,author=User,created_at=Date,platform=Network,likes=Likes",
        data_dir=tmp_path,
    )
    assert json.loads(replay.stdout) == {"read": 6, "stored": 3, "duplicates": 0, "rejected": 3}
    left = osmosi("quarantine", "list", "--json", data_dir=tmp_path)
    reasons = sorted(json.loads(line)["reason"] for line in left.stdout.splitlines())
    assert reasons == [
        "missing created_at",
        "row has more cells than the header",
        "wrong type for likes: not a number",
    ]
    table = osmosi("quarantine", "list", data_dir=tmp_path)
    assert "missing created_at" in table.stdout


def test_records_no_parser_can_read_are_quarantined_and_the_rest_stored(tmp_path: Path) -> None:
    # Bytes that are not UTF-8 and records nested far too deep used to crash the ingest and
    # lose the good lines beside them.
    good = (FIXTURES / "canonical.jsonl").read_bytes().splitlines()[:2]
    export = tmp_path / "hostile.jsonl"
    export.write_bytes(
        b"\n".join(
            [
                good[0],
                b'{"platform": "mastodon", "id": "x1", "text": "caf\xe9"}',
                b'{"a": ' * 10_000 + b"1" + b"}" * 10_000,
                b"[" * 900 + b"]" * 900,
                good[1],
            ]
        )
    )
    result = osmosi("ingest", str(export), "-f", "jsonl", "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"], summary["rejected"]) == (5, 2, 3)
    listed = osmosi("quarantine", "list", "--json", data_dir=tmp_path)
    reasons = {json.loads(line)["reason"] for line in listed.stdout.splitlines()}
    # The 900-deep array is nested too deeply as well (over MAX_JSON_DEPTH).
    assert reasons == {"malformed JSON: nested too deeply", "not UTF-8: byte 0xe9 at position 49"}

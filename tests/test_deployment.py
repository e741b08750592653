"""The production deployment as an operator reads it: docker-compose.yml rendered with its
defaults (parsed here, as ``docker compose config`` would, without Docker), its .env.example,
config/ and the Dockerfile's reproducible install (issue 17, production deployment)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingestion.jobs.celery_app import (
    BEAT_MAX_INTERVAL,
    QUEUE_NAMES,
    HeartbeatScheduler,
    beat_heartbeat,
)
from ingestion.jobs.celery_app import create_celery as make_celery
from ingestion.jobs.ledger import ChunkLedger
from osmosi.runtime import beat_schedule_file
from osmosi.settings import Settings
from tests.helpers import ROOT

OSMOSI_SERVICES = ("api", "worker", "ranker", "beat")
WORKERS = ("worker", "ranker")
VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?::([-?])([^}]*))?\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable substitution: ``${VAR}``, ``${VAR:-default}``, ``${VAR:?error}``
    and ``$$`` for a literal ``$``."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, kind, rest = match.groups()
        if env.get(name):
            return env[name]
        if kind == "?":
            raise ValueError(f"{name}: {rest}")
        return rest if kind == "-" else ""

    return VARIABLE.sub(value, text)


def render(**env: str) -> dict[str, Any]:
    """The compose file with its defaults and ``env``, merge keys resolved."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.safe_load(interpolate(text, env))
    return config


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    rendered: dict[str, Any] = render(OSMOSI_NEO4J_PASSWORD="a-password")["services"]
    return rendered


def test_the_neo4j_password_is_required() -> None:
    with pytest.raises(ValueError, match="OSMOSI_NEO4J_PASSWORD"):
        render()


def test_one_image_built_once_runs_the_api_workers_and_beat(services: dict[str, Any]) -> None:
    images = {services[name]["image"] for name in OSMOSI_SERVICES}
    assert len(images) == 1
    assert [name for name in services if "build" in services[name]] == ["api"]
    # The others must never look for that image in a registry.
    assert {services[name]["pull_policy"] for name in OSMOSI_SERVICES[1:]} == {"never"}


def test_compose_runs_in_production_on_the_services_it_waits_for(
    services: dict[str, Any],
) -> None:
    for name in OSMOSI_SERVICES:
        service = services[name]
        settings = Settings(
            **{
                key.removeprefix("OSMOSI_").lower(): value
                for key, value in service["environment"].items()
            }
        )
        assert settings.production, name
        assert settings.neo4j_uri == "bolt://neo4j:7687"
        assert settings.redis_url == "redis://redis:6379/0"
        assert service["depends_on"] == {
            "neo4j": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
        assert service["restart"] == "unless-stopped"


def test_the_api_listens_on_loopback_unless_told_otherwise(services: dict[str, Any]) -> None:
    assert services["api"]["ports"] == ["127.0.0.1:8000:8000"]
    assert services["neo4j"]["ports"] == ["127.0.0.1:7687:7687"]
    assert "ports" not in services["redis"]
    chosen = render(OSMOSI_NEO4J_PASSWORD="x", OSMOSI_API_ADDRESS="10.0.0.5", OSMOSI_API_PORT="80")
    assert chosen["services"]["api"]["ports"] == ["10.0.0.5:80:8000"]


def test_the_brand_configuration_comes_from_env_and_a_mounted_folder(
    services: dict[str, Any],
) -> None:
    for name in OSMOSI_SERVICES:
        service = services[name]
        assert service["env_file"] == [{"path": ".env", "required": False}]
        assert "./config:/etc/osmosi:ro" in service["volumes"]
    assert (ROOT / "config" / "README.md").is_file()
    fields = {f"OSMOSI_{name.upper()}" for name in Settings.model_fields}
    compose_text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?(OSMOSI_\w+)=", example, flags=re.MULTILINE))
    # Each variable is a setting or one the compose file reads, and the ones the issue asks
    # for are there, pointing into the mounted folder.
    assert named <= fields | set(re.findall(r"\$\{(OSMOSI_\w+)", compose_text))
    assert {"OSMOSI_NEO4J_PASSWORD", "OSMOSI_API_ADDRESS", "OSMOSI_WEBHOOK_URLS"} <= named
    assert "#OSMOSI_BRAND_LEXICON=/etc/osmosi/lexicon.toml" in example
    assert "#OSMOSI_ROUTING_RULES=/etc/osmosi/routing.toml" in example


def test_healthchecks_check_the_service_itself(services: dict[str, Any]) -> None:
    for name in WORKERS:
        worker = " ".join(services[name]["healthcheck"]["test"])
        assert 'inspect ping --timeout 5 --destination "celery@$HOSTNAME"' in worker
    beat = " ".join(services["beat"]["healthcheck"]["test"])
    data_dir = services["beat"]["environment"]["OSMOSI_DATA_DIR"]
    heartbeat = beat_heartbeat(beat_schedule_file(Settings(data_dir=Path(data_dir))))
    minutes = int(re.search(rf"find {heartbeat} -mmin -(\d+)", beat).group(1))  # type: ignore[union-attr]
    assert minutes * 60 >= 2 * BEAT_MAX_INTERVAL
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])


def test_workers_scale_sharing_nothing_but_neo4j_and_redis(services: dict[str, Any]) -> None:
    # `docker compose up --scale worker=4`: nothing fixed per container, nothing on disk.
    for name in ("api", *WORKERS):
        service = services[name]
        assert not {"container_name", "hostname"} & service.keys(), name
        assert all(volume.endswith(":ro") for volume in service["volumes"]), name
    for name in WORKERS:
        assert "ports" not in services[name]
    # Only beat, of which one runs, keeps a volume (its schedule).
    assert [
        name
        for name in OSMOSI_SERVICES
        if not all(v.endswith(":ro") for v in services[name]["volumes"])
    ] == ["beat"]


def queues_of(command: list[str]) -> set[str]:
    return set(command[command.index("--queues") + 1].split(","))


def test_every_queue_has_workers_and_rankings_a_worker_of_their_own(
    services: dict[str, Any],
) -> None:
    ranker, worker = services["ranker"]["command"], services["worker"]["command"]
    assert queues_of(ranker) == {"ranking"}
    assert ranker[ranker.index("--concurrency") + 1] == "1"
    assert "ranking" not in queues_of(worker)
    assert queues_of(ranker) | queues_of(worker) >= set(QUEUE_NAMES)


def test_neo4j_and_redis_can_live_on_other_hosts() -> None:
    elsewhere = render(
        OSMOSI_NEO4J_PASSWORD="x",
        OSMOSI_NEO4J_URI="neo4j+s://db.example.com:7687",
        OSMOSI_REDIS_URL="redis://queue.example.com:6379/0",
        OSMOSI_API_PORT="8000-8003",
    )["services"]
    for name in OSMOSI_SERVICES:
        environment = elsewhere[name]["environment"]
        settings = Settings(neo4j_uri=environment["OSMOSI_NEO4J_URI"])
        assert settings.neo4j_uri == "neo4j+s://db.example.com:7687"
        assert environment["OSMOSI_REDIS_URL"] == "redis://queue.example.com:6379/0"
    # `--scale api=4` on one host: a port each, behind a load balancer.
    assert elsewhere["api"]["ports"] == ["127.0.0.1:8000-8003:8000"]


def test_beat_touches_its_heartbeat_on_every_tick(tmp_path: Path) -> None:
    schedule = tmp_path / "celerybeat-schedule"
    url = "redis://127.0.0.1:1/0"
    app = make_celery(url, lambda: None, ChunkLedger.at(url, timeout=1))  # type: ignore[arg-type, return-value]
    assert app.conf.beat_scheduler is HeartbeatScheduler
    scheduler = HeartbeatScheduler(app=app, schedule_filename=str(schedule), lazy=False)
    try:
        assert not beat_heartbeat(schedule).exists()
        assert scheduler.tick() <= BEAT_MAX_INTERVAL
        assert beat_heartbeat(schedule).exists()
    finally:
        scheduler.close()


def test_the_image_installs_locked_hashed_dependencies() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --require-hashes --no-deps -r requirements.lock" in dockerfile
    assert "pip install --no-deps --no-build-isolation ." in dockerfile
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {}
    for line in lock.replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement, *hashes = line.split()
        name, _, version = requirement.partition("==")
        assert version, f"{name} is not pinned"
        assert hashes, f"{name} has no hash"
        assert all(h.startswith("--hash=sha256:") for h in hashes), name
        pinned[re.sub(r"[-_.]+", "-", name.lower())] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for requirement in needed:
        name = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0]
        assert re.sub(r"[-_.]+", "-", name.lower()) in pinned, f"{name} is not locked"

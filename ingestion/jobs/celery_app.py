"""The Celery application, built from settings at startup (never at import)."""

from __future__ import annotations

from celery import Celery

# Modules whose tasks the worker registers.
TASK_MODULES: list[str] = []


def create_celery(redis_url: str) -> Celery:
    """A Celery app on Redis, configured so that a killed worker loses no task."""
    app = Celery("osmosi", broker=redis_url, backend=redis_url, include=TASK_MODULES)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        result_expires=7 * 24 * 3600,
        timezone="UTC",
        enable_utc=True,
        broker_connection_retry_on_startup=True,
        # A task not acknowledged within an hour is redelivered to another worker.
        broker_transport_options={"visibility_timeout": 3600},
    )
    return app

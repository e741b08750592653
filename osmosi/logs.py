"""Logging as Osmosi configures it: never with personal data."""

from __future__ import annotations

import logging

# Loggers that write query parameters (so handles and names) at DEBUG.
_PARAMETER_LOGGERS = ("neo4j", "celery.app.trace", "kombu")


def configure_logging(level_name: str) -> None:
    level = logging.getLevelName(level_name.upper())
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in _PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, level))

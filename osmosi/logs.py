"""Logging as Osmosi configures it: never with personal data, never with a secret.

Libraries that write query parameters or WebSocket frames (handles, names, keys sent in a
``connection_init``) are kept at INFO whatever the level; every handler, uvicorn's included,
redacts API keys, ``Authorization`` values and the query strings of request lines.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

# Loggers that write query parameters (so handles and names) or whole WebSocket frames and
# handshake headers (so keys) at DEBUG.
_PARAMETER_LOGGERS = ("neo4j", "celery.app.trace", "kombu", "websockets", "wsproto")
_SECRETS = (
    (re.compile(r"osk_[A-Za-z0-9_\-]*"), "osk_[redacted]"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[^\s'\",}]+"), r"\1 [redacted]"),
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^'\",}\r\n]+"), r"\1[redacted]"),
)
_QUERY_STRING = re.compile(r"\?[^\s\"]*")


def redact(text: str) -> str:
    """``text`` with API keys and credentials replaced.

    >>> redact("authorization: Bearer osk_3f9A-x")
    'authorization: [redacted]'
    >>> redact('{"Authorization": "Bearer osk_3f9A"}')
    '{"Authorization": "[redacted]"}'
    >>> redact("key osk_abc12 revoked")
    'key osk_[redacted] revoked'
    """
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class Redact(logging.Filter):
    """Redacts a record's message and arguments (arguments stay a tuple of the same length,
    as uvicorn's access formatter reads them by position); request lines lose their query
    string, which carries what a GET searched for."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._argument(record, value) for value in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: self._argument(record, v) for key, v in record.args.items()}
        return True

    @staticmethod
    def _argument(record: logging.LogRecord, value: Any) -> Any:
        opcode = getattr(value, "opcode", None)
        if opcode is not None and hasattr(value, "data"):
            # A WebSocket frame, logged elided in the middle: a key's tail can show without
            # its prefix, so a frame shows only its kind and size.
            return f"{getattr(opcode, 'name', opcode)} [{len(value.data)} bytes]"
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if not isinstance(value, str):
            return value
        if record.name == "uvicorn.access":
            value = _QUERY_STRING.sub("?[redacted]", value)
        return redact(value)


def configure_logging(level_name: str) -> None:
    level = logging.getLevelName(level_name.upper())
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, Redact) for f in handler.filters):
            handler.addFilter(Redact())
    for name in _PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, level))


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with `Redact` on each of its handlers."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": Redact}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    return config

"""What the browser tests hold: the running app they drive, and what its pages did that they
must not. The fixtures that make them are in tests/browser/conftest.py."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.helpers.serving import OSMOSI, Server


@dataclass
class App:
    """A running ``osmosi serve --demo``: its URL, a key per role, and its environment."""

    url: str
    backend: str
    env: dict[str, str]
    cwd: Path
    server: Server
    keys: dict[str, str] = field(default_factory=dict)

    def osmosi(self, *args: str, cwd: Path | None = None) -> str:
        """Run an ``osmosi`` command against the same store; its standard output."""
        done = subprocess.run(
            [OSMOSI, *args], env=self.env, cwd=cwd or self.cwd, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def graphql(self, query: str, role: str = "admin", **variables: Any) -> dict[str, Any]:
        """One operation over HTTP with the role's key; its ``data`` (errors fail)."""
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.keys[role]}"},
            timeout=60,
        )
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@dataclass
class Watch:
    """What a page did that it must not: requests leaving the server, console errors (but
    those a test provokes on purpose and allows)."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow(self, text: str) -> None:
        """Console errors containing ``text`` are expected in this test."""
        self.allowed.append(text)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(text in e for text in self.allowed)]

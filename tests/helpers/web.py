"""The GraphQL operations the web app sends, as its sources hold them."""

from __future__ import annotations

from pathlib import Path

from graphql import DocumentNode, parse

from tests.helpers import ROOT

SOURCES = ROOT / "web" / "src"


def documents() -> dict[Path, DocumentNode]:
    return {
        path: parse(path.read_text(encoding="utf-8"))
        for path in sorted(SOURCES.rglob("*.graphql"))
        if "gql" not in path.parts
    }

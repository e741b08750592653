"""In production no key may introspect the schema, and errors suggest no names from it
(issue 17, defect 10); in development both stay, for GraphiQL and for people writing
queries."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from graphql import get_introspection_query

from graph.model.access import Role
from graph.store.contract import GraphStore
from osmosi.settings import Settings
from tests.helpers.api import api_client, graphql

MISTAKES = [
    # a misspelt field (validation)
    ("{ stats { peple } }", {}, "Cannot query field 'peple' on type 'Stats'."),
    # a misspelt argument (validation)
    (
        "{ advocates(frist: 2) { score } }",
        {},
        "Unknown argument 'frist' on field 'Query.advocates'.",
    ),
    # a misspelt enum value in a variable (coerced when the operation runs)
    (
        "query ($c: AdvocacyClass) { advocates(class: $c) { score } }",
        {"c": "ADVOCATES"},
        "Variable '$c' has invalid value: "
        "Value 'ADVOCATES' does not exist in 'AdvocacyClass' enum.",
    ),
]


def _ask(
    store: GraphStore, production: bool, role: Role, query: str, variables: dict[str, Any]
) -> dict[str, Any]:
    settings = Settings(environment="production" if production else "development")

    async def scenario() -> dict[str, Any]:
        async with api_client(store, settings, role=role) as client:
            return await graphql(client, query, **variables)

    return asyncio.run(scenario())


@pytest.mark.parametrize("role", [Role.ADMIN, Role.VIEWER])
@pytest.mark.parametrize(
    "query",
    [get_introspection_query(), '{ __type(name: "Person") { fields { name } } }'],
    ids=["__schema", "__type"],
)
def test_no_key_introspects_the_schema_in_production(
    embedded_store: GraphStore, role: Role, query: str
) -> None:
    body = _ask(embedded_store, True, role, query, {})
    assert body.get("data") is None
    assert "introspection has been disabled" in body["errors"][0]["message"]


def test_introspection_and_typename_in_development_and_typename_in_production(
    embedded_store: GraphStore,
) -> None:
    introspected = _ask(embedded_store, False, Role.VIEWER, get_introspection_query(), {})
    assert introspected["data"]["__schema"]["queryType"]["name"] == "Query"
    typed = _ask(embedded_store, True, Role.VIEWER, "{ stats { __typename posts } }", {})
    assert typed == {"data": {"stats": {"__typename": "Stats", "posts": 0}}}


@pytest.mark.parametrize(("query", "variables", "message"), MISTAKES, ids=["field", "arg", "enum"])
def test_errors_suggest_no_names_in_production(
    embedded_store: GraphStore, query: str, variables: dict[str, Any], message: str
) -> None:
    production = _ask(embedded_store, True, Role.VIEWER, query, variables)
    assert [error["message"] for error in production["errors"]] == [message]
    development = _ask(embedded_store, False, Role.VIEWER, query, variables)
    assert development["errors"][0]["message"].startswith(message + " Did you mean ")

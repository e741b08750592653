"""Every GraphQL operation the web app sends validates against the committed schema: the
app's operations live in ``web/src/**/*.graphql`` only (its TypeScript imports them as
typed documents), and each validates, with the fragments it uses, against
``schema.graphql`` (which another test keeps equal to the served schema)."""

from __future__ import annotations

import re

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    build_schema,
    validate,
)

from tests.helpers import ROOT
from tests.helpers.web import SOURCES, documents

# Operation text written inline in TypeScript, which the check below would not see.
INLINE = re.compile(
    r"\bgql\s*`|\bgraphql\(\s*[`\"']|[`\"']\s*(query|mutation|subscription)\s+\w+\s*[({]"
)


def test_every_operation_of_the_app_validates_against_the_schema() -> None:
    schema = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))
    found = documents()
    fragments = [
        definition
        for document in found.values()
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    ]
    operations = [
        (path, definition)
        for path, document in found.items()
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    assert len(operations) >= 2, "the app's operations are in web/src/**/*.graphql"
    names = [operation.name.value for _, operation in operations if operation.name]
    assert len(names) == len(operations) == len(set(names)), "operations are named, uniquely"
    for path, operation in operations:
        document = DocumentNode(definitions=(operation, *fragments))
        errors = [
            error.message
            for error in validate(schema, document)
            # Fragments of other operations are unused here, which is no fault.
            if not error.message.startswith("Fragment '") or "is never used" not in error.message
        ]
        assert errors == [], f"{path.relative_to(ROOT)}: {operation.name}"


def test_no_operation_is_written_inline_in_typescript() -> None:
    sources = [p for p in SOURCES.rglob("*.ts*") if "gql" not in p.relative_to(SOURCES).parts]
    assert sources
    inline = [
        str(path.relative_to(ROOT))
        for path in sources
        if INLINE.search(path.read_text(encoding="utf-8"))
    ]
    assert inline == []

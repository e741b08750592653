"""GraphQL types of API keys as their holders see them."""

from __future__ import annotations

import strawberry

from graph.model.access import ApiKey, Role

strawberry.enum(Role, description="What a key may do; each role includes the ones before it.")


@strawberry.type(description="The key a request is signed in with: who it is and what it may do.")
class Viewer:
    key_id: strawberry.ID = strawberry.field(description="The key's id (never the key itself).")
    name: str = strawberry.field(description="The key's name: who holds it.")
    role: Role = strawberry.field(
        description="`VIEWER` reads; `MANAGER` also acts (programme, identity, queue); "
        "`ADMIN` also erases people and changes configuration."
    )

    @classmethod
    def from_model(cls, key: ApiKey) -> Viewer:
        return cls(key_id=strawberry.ID(key.id), name=key.name, role=key.role)

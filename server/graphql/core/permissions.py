"""Role checks on fields, made before their resolvers run (any key may read: a request
without a valid key never reaches the schema)."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from graph.model.access import Role
from server.graphql.core.context import Info


class _RolePermission(BasePermission):
    role: Role

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        caller = info.context.caller
        return caller is not None and caller.role.allows(self.role)


class IsManager(_RolePermission):
    role = Role.MANAGER
    message = "this needs a key of the manager role"


class IsAdmin(_RolePermission):
    role = Role.ADMIN
    message = "this needs a key of the admin role"


MANAGER: list[type[BasePermission]] = [IsManager]
ADMIN: list[type[BasePermission]] = [IsAdmin]

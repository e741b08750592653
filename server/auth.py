"""Who is calling: the API key in ``Authorization: Bearer KEY`` and the role it carries."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from graph.model.access import ApiKey, Role, authenticate
from graph.store.contract import StoreError


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def caller_of(request: HTTPConnection) -> ApiKey | None:
    """The active key the request carries, or None."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        return None
    try:
        return await run_in_threadpool(authenticate, request.app.state.store, token)
    except StoreError:
        raise HTTPException(status_code=503, detail="the store is unavailable") from None


def unauthorized(detail: str = "missing or invalid API key") -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


async def require_role(request: Request, role: Role) -> ApiKey:
    """The caller's key if it may act as ``role``: 401 without a valid key, 403 with one of
    a lesser role."""
    caller = await caller_of(request)
    if caller is None:
        raise unauthorized()
    if not caller.role.allows(role):
        raise HTTPException(status_code=403, detail=f"this needs the {role.value} role")
    return caller

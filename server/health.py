"""Liveness and readiness probes."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from graph.store.contract import StoreError

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up and serving requests."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """The store and, when configured, the job broker answer."""
    checks: dict[str, str] = {}
    try:
        await run_in_threadpool(request.app.state.store.ping)
        checks["store"] = "ok"
    except StoreError:
        log.warning("readiness: store unavailable", exc_info=True)
        checks["store"] = "unavailable"
    broker = request.app.state.broker
    if broker is None:
        checks["broker"] = "in-process"
    else:
        checks["broker"] = "ok" if await run_in_threadpool(broker.ping) else "unavailable"
    ready = all(value in ("ok", "in-process") for value in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )

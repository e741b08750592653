"""Kernels compiled with numba, and the helper that compiles them the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba

_F = TypeVar("_F", bound=Callable[..., Any])


def compiled(function: _F) -> _F:
    """``function`` compiled to machine code, without the GIL.

    Cached on disk beside the package: compiling takes seconds once, loading the cache a
    fraction of that (the Docker image compiles every kernel at build time).
    """
    return cast(_F, numba.njit(cache=True, nogil=True)(function))

"""The processes of ``osmosi serve --workers N``: uvicorn's supervisor (restarts, signals,
health checks), each worker listening on a socket of its own.

On one shared listening socket, the process whose event loop wakes first accepts every
connection waiting, so a client's burst of keep-alive connections went to one process: in
each of 8 tries, 8 connections opened at once split 8/0 or 7/1 over two processes, and the
other process idled while they queued. With ``SO_REUSEPORT`` each worker has its own socket and
Linux spreads new connections over them by their addresses, as nginx's ``reuseport`` and
gunicorn's ``--reuse-port`` rely on."""

from __future__ import annotations

import hashlib
import socket
import sys

from uvicorn import Config
from uvicorn.supervisors import Multiprocess

# A Unix socket's name holds 107 bytes on Linux, its first one (NUL) marking the abstract
# namespace.
_LONGEST_NAME = 100


class PortInUse(Exception):
    """The address ``osmosi serve`` was to listen on is taken."""


def _bound(host: str, port: int, share: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise PortInUse(f"Cannot listen on {host}:{port}: {error.strerror}.") from error
    sock.set_inheritable(True)
    return sock


def _claimed(host: str, port: int) -> socket.socket:
    """A socket named for ``host:port`` in Linux's abstract namespace, which one process at a
    time can hold (per network namespace, as ports are) and which goes when it ends, however
    it ends: no file is left behind to clean up."""
    name = f"osmosi serve {host}:{port}"
    if len(name.encode()) > _LONGEST_NAME:  # a long host name: its digest, fixed in length
        name = f"osmosi serve {hashlib.sha256(name.encode()).hexdigest()[:32]}"
    claim = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        claim.bind(f"\0{name}")
    except OSError as error:
        claim.close()
        raise PortInUse(f"Cannot listen on {host}:{port}: {error.strerror}.") from error
    return claim


class _SocketPerWorker(Multiprocess):
    """`Multiprocess` that gives each worker it starts (or restarts) a new socket in one
    ``SO_REUSEPORT`` group. The group's first socket is bound here and never listens: it
    holds the port without receiving connections."""

    def __init__(self, config: Config) -> None:
        # A socket that does not share the port fails where anything listens on it, another
        # `osmosi serve` too, which would otherwise join the group and take part of the
        # traffic. One whose workers are still starting has nothing listening yet: its claim
        # on the address tells.
        _bound(config.host, config.port, share=False).close()
        self._held = _bound(config.host, config.port, share=True)
        try:
            self._claim = _claimed(config.host, self._held.getsockname()[1])
        except PortInUse:
            self._held.close()
            raise
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        # Read once for each worker process uvicorn creates.
        return [_bound(self.config.host, self._held.getsockname()[1], share=True)]

    @sockets.setter
    def sockets(self, _: list[socket.socket]) -> None:
        """`Multiprocess` sets the shared sockets; there are none."""


def supervisor(config: Config) -> Multiprocess:
    """The supervisor of ``config.workers`` processes: a socket for each on Linux, whose
    kernel spreads connections over the sockets sharing a port; elsewhere (where the last
    socket bound would get them all) uvicorn's one shared socket."""
    if sys.platform == "linux":
        return _SocketPerWorker(config)
    return Multiprocess(config, sockets=[_bound(config.host, config.port, share=False)])

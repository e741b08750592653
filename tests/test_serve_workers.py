"""``osmosi serve --workers N``: client connections are spread over the worker processes."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.serving import OSMOSI, Server, clean_env, free_port, process_tree, serving

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

CONNECTIONS = 32
LISTEN, ESTABLISHED = "0A", "01"


def _sockets_on(port: int, state: str) -> set[str]:
    """Inodes of the sockets on local ``port`` in ``state`` (``/proc/net/tcp``'s codes)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                inodes.add(fields[9])
    return inodes


def _sockets_of(pid: int) -> set[str]:
    """Inodes of the sockets process ``pid`` holds open."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(FileNotFoundError):  # closed since listed
            inodes.add(os.readlink(fd).removeprefix("socket:[").rstrip("]"))
    return inodes


def _listening_workers(server: Server, port: int, than: frozenset[int] = frozenset()) -> list[int]:
    """The two worker processes of ``server`` once both listen on ``port`` (none of ``than``)."""
    deadline = time.monotonic() + 30
    while True:
        listening = _sockets_on(port, LISTEN)
        workers = [
            pid
            for pid in process_tree(server.process.pid)[1:]
            if pid not in than and _sockets_of(pid) & listening
        ]
        if len(workers) == 2:
            return workers
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.2)


def _request(port: int) -> bytes:
    return f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()


def test_keep_alive_connections_are_spread_over_the_workers(tmp_path: Path) -> None:
    # A client pool opens its connections at once and keeps them for the life of the pool.
    # With one listening socket shared by the workers, a worker busy at that moment got
    # none of them (the other accepted all): 8 httpx connections landed 8/0 or 7/1 on two
    # idle workers in 8 tries. Here one worker is stopped while the pool connects.
    port = free_port()
    with serving(["--port", str(port), "--workers", "2"], cwd=tmp_path, env=clean_env()) as server:
        server.wait_for("admin key: ", deadline=time.monotonic() + 30)
        busy, idle = _listening_workers(server, port)
        time.sleep(1)  # and serving
        os.kill(busy, signal.SIGSTOP)
        try:
            pool = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
            for connection in pool:
                connection.sendall(_request(port))
            time.sleep(1)  # the idle worker accepts and answers what it is given
        finally:
            os.kill(busy, signal.SIGCONT)
        try:
            for connection in pool:
                connection.settimeout(10)
                assert connection.recv(64).startswith(b"HTTP/1.1 200")
            established = _sockets_on(port, ESTABLISHED)
            held = {pid: len(_sockets_of(pid) & established) for pid in (busy, idle)}
        finally:
            for connection in pool:
                connection.close()
    assert sum(held.values()) == CONNECTIONS
    # Spread by the kernel over a socket per worker: each holds at least 5 of the 32 but
    # about once in 50,000 runs.
    assert min(held.values()) >= 5, held


def test_a_second_server_on_the_same_port_stops_and_says_so(tmp_path: Path) -> None:
    port = free_port()
    with serving(["--port", str(port), "--workers", "2"], cwd=tmp_path, env=clean_env()) as first:
        first.wait_for("admin key: ", deadline=time.monotonic() + 30)
        _listening_workers(first, port)
        elsewhere = tmp_path / "second"  # a store of its own
        elsewhere.mkdir()
        second = subprocess.run(
            [OSMOSI, "serve", "--port", str(port), "--workers", "2"],
            cwd=elsewhere,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert f"Cannot listen on 127.0.0.1:{port}: Address already in use." in second.stderr
        assert first.process.poll() is None


def test_a_second_server_stops_while_the_first_ones_workers_are_still_starting(
    tmp_path: Path,
) -> None:
    # The first server as it is before its workers listen: its supervisor made, holding the
    # port with a socket that never listens. A plain bind succeeds beside that socket, so
    # a second server used to join the port's group and take part of the traffic.
    port = free_port()
    starting = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, uvicorn\n"
            "from osmosi.cli.workers import supervisor\n"
            f"config = uvicorn.Config('osmosi.cli.serve:app_from_environment', workers=2, "
            f"host='127.0.0.1', port={port})\n"
            "held = supervisor(config)\n"
            "print('holding', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    second = None
    try:
        assert starting.stdout is not None and starting.stdout.readline() == "holding\n"
        second = subprocess.Popen(
            [OSMOSI, "serve", "--port", str(port), "--workers", "2"],
            cwd=tmp_path,
            env=clean_env(),
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its workers too, if it starts any
        )
        _, errors = second.communicate(timeout=60)
        assert second.returncode == 1
        assert f"Cannot listen on 127.0.0.1:{port}: Address already in use." in errors
    finally:
        if second is not None and second.poll() is None:
            os.killpg(second.pid, signal.SIGKILL)
        starting.kill()
        starting.wait()


def test_a_worker_that_dies_is_replaced_on_a_socket_of_its_own(tmp_path: Path) -> None:
    port = free_port()
    with serving(["--port", str(port), "--workers", "2"], cwd=tmp_path, env=clean_env()) as server:
        server.wait_for("admin key: ", deadline=time.monotonic() + 30)
        dead, alive = _listening_workers(server, port)
        os.kill(dead, signal.SIGKILL)
        replaced = _listening_workers(server, port, than=frozenset({dead}))
        assert alive in replaced
        # Two listening sockets again, one each: the dead worker's went with it.
        listening = _sockets_on(port, LISTEN)
        assert len(listening) == 2
        assert all(len(_sockets_of(pid) & listening) == 1 for pid in replaced)
        for _ in range(8):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                connection.sendall(_request(port))
                assert connection.recv(64).startswith(b"HTTP/1.1 200")


def test_an_api_process_sets_what_it_built_at_start_up_aside_from_the_garbage_collector(
    tmp_path: Path,
) -> None:
    """Otherwise each full collection walks the modules, schema and models the process
    loaded, a pause of 100-200 ms for every request in flight (bench/api_gc.py)."""
    probe = (
        "import gc\n"
        "from osmosi.cli.serve import app_from_environment\n"
        "app = app_from_environment()\n"
        "print(gc.get_freeze_count(), any(o is app for o in gc.get_objects()))\n"
    )
    env = clean_env(OSMOSI_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    frozen, app_collectable = done.stdout.split()
    assert int(frozen) > 50_000
    assert app_collectable == "False"

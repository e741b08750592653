"""Run ``osmosi`` as a user does: the command, an environment with no Osmosi configuration, a
free port, and ``osmosi serve`` with what it prints."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

OSMOSI = str(Path(sys.executable).with_name("osmosi"))


def clean_env(**extra: str) -> dict[str, str]:
    """The environment with no OSMOSI_ configuration at all."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSMOSI_")}
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (those alive)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found.append(current)
        stack.extend(int(child) for child in children)
    return found


class Server:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        # The lines it prints, then None once its output ends (it has exited).
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for(self, prefix: str, deadline: float) -> str:
        """The rest of the first printed line that starts with ``prefix``."""
        for seen in self._seen:
            if seen.startswith(prefix):
                return seen[len(prefix) :].strip()
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                raise AssertionError(f"osmosi serve ended before {prefix!r}:\n{self.output()}")
            self._seen.append(line)
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        raise AssertionError(f"osmosi serve printed no {prefix!r} line in time:\n{self.stacks()}")

    def stacks(self) -> str:
        """What it printed, then where each of its threads is (a server that hangs says
        where: `serving` starts it with Python's fault handler on, which SIGABRT triggers)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGABRT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        time.sleep(0.5)  # the pump reads the last lines
        return self.output()

    def output(self) -> str:
        while not self._lines.empty():
            line = self._lines.get()
            if line is not None:
                self._seen.append(line)
        return "".join(self._seen)


@contextmanager
def serving(args: list[str], cwd: Path, env: Mapping[str, str]) -> Iterator[Server]:
    process = subprocess.Popen(
        [OSMOSI, "serve", *args],
        cwd=cwd,
        env={**env, "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield Server(process)
    finally:
        process.terminate()
        process.wait(timeout=20)

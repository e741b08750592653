"""Builds the web app into the package (``server/web``) as part of ``build_py``, so that a
wheel carries it; the repository never holds build output. Needs Node 20+ and npm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
WEB = ROOT / "web"
BUILT = ROOT / "server" / "web" / "index.html"


def build_web_app() -> None:
    """``npm ci && npm run build`` in ``web/`` (into ``server/web``)."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("building Osmosi needs npm (Node.js 20+) to build its web app")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=WEB, check=True)  # noqa: S603
    subprocess.run([npm, "run", "build"], cwd=WEB, check=True)  # noqa: S603


class BuildWithWebApp(build_py):
    def run(self) -> None:
        # An editable install serves the checkout's own build (`make web`).
        if not getattr(self, "editable_mode", False) and WEB.is_dir():
            build_web_app()
        super().run()


setup(cmdclass={"build_py": BuildWithWebApp})

"""A Python user who installs Osmosi from a wheel gets the web app built into it: the
wheel is built from the sources alone (the repository holds no build output), and holds
every file the app's pages load."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT

# What a clean checkout does not have: build output, installed packages, local state.
LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", ".services", "osmosi-data", "*.egg-info",
    "build", "dist", ".mypy_cache", ".ruff_cache", ".pytest_cache", "target", "web",
)  # fmt: skip


@pytest.mark.slow
def test_the_wheel_carries_the_built_web_app(tmp_path: Path) -> None:
    source = tmp_path / "osmosi"
    shutil.copytree(ROOT, source, ignore=LEFT_OUT)
    shutil.copytree(
        ROOT / "web", source / "web", ignore=shutil.ignore_patterns("node_modules", "dist")
    )
    assert not (source / "server" / "web").exists(), "built from sources only"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
    )
    (wheel,) = tmp_path.glob("osmosi-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for page in ("server/web/index.html", "server/web/graphiql.html"):
        assert page in names and f"{page}.gz" in names
        html = zipfile.ZipFile(wheel).read(page).decode()
        loaded = re.findall(r'(?:src|href)="/([^"]+)"', html)
        assert any(name.endswith(".js") for name in loaded)
        missing = [name for name in loaded if f"server/web/{name}" not in names]
        assert missing == [], f"{page} loads files the wheel lacks"
    assert not any(name.startswith("web/") for name in names), "sources stay out of the wheel"

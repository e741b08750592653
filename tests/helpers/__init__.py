"""What the tests share: stores, worlds, fixtures' data, clients and processes. A test module
imports these, never another test module or the benchmarks."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository root."""

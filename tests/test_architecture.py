"""The house's floors: every import runs down a floor (or stays on its own), nothing imports
in a circle, and only the composition root picks a backend.

The imports are read from the source (every ``import`` statement, those inside functions
and ``TYPE_CHECKING`` blocks included), so a lazy import cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "ingestion", "osmosi", "server")

# Longest prefix wins. A module may import its own floor or any floor below it.
FLOORS = {
    "graph.model": 0,  # records and rules
    "graph.ranking": 1,  # pure algorithms over records
    "graph.store": 2,  # the store contract
    "graph.neo4j": 3,  # the backends
    "graph.embedded": 3,
    "graph": 4,  # domain services over the contract (graph.rankings, graph.identity, ...)
    "ingestion": 5,
    "osmosi": 6,  # settings and the composition root
    "server": 7,
    "osmosi.cli": 8,
}
BACKENDS = ("graph.neo4j", "graph.embedded")
# Who may name a backend: the backends themselves and the composition root.
PICKS_A_BACKEND = ("graph.neo4j", "graph.embedded", "osmosi.runtime")
# Strawberry's types refer to each other both ways (a post's author, a person's posts).
MUTUALLY_RECURSIVE = "server.graphql."


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _owner(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> nx.DiGraph[str]:
    """Module -> the project modules it imports."""
    modules = _modules()
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(
            name, package=name if path.name == "__init__.py" else name.rpartition(".")[0]
        )
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                owner = _owner(target, modules)
                if owner is not None and owner != name:
                    graph.add_edge(name, owner)
    return graph


def floor(module: str) -> int:
    prefixes = [p for p in FLOORS if module == p or module.startswith(p + ".")]
    return FLOORS[max(prefixes, key=len)]


@pytest.fixture(scope="module")
def imports() -> nx.DiGraph[str]:
    return import_graph()


def test_the_graph_covers_the_project(imports: nx.DiGraph[str]) -> None:
    assert {"graph.model.nodes", "graph.store.contract", "server.app"} <= set(imports)
    assert imports.has_edge("graph.store.contract", "graph.model.nodes")


def test_no_import_runs_up_a_floor(imports: nx.DiGraph[str]) -> None:
    upward = sorted(
        f"{a} (floor {floor(a)}) imports {b} (floor {floor(b)})"
        for a, b in imports.edges
        if floor(b) > floor(a)
    )
    assert upward == []


def test_only_the_composition_root_picks_a_backend(imports: nx.DiGraph[str]) -> None:
    pickers = sorted(
        f"{a} imports {b}"
        for a, b in imports.edges
        if b.startswith(BACKENDS) and not a.startswith(PICKS_A_BACKEND)
    )
    assert pickers == []


def test_only_the_command_line_imports_the_server(imports: nx.DiGraph[str]) -> None:
    importers = {
        a for a, b in imports.edges if b.startswith("server") and not a.startswith("server")
    }
    assert importers
    assert {a for a in importers if not a.startswith("osmosi.cli")} == set()


def test_nothing_imports_in_a_circle(imports: nx.DiGraph[str]) -> None:
    circles = [
        sorted(component)
        for component in nx.strongly_connected_components(imports)
        if len(component) > 1
        and not all(module.startswith(MUTUALLY_RECURSIVE) for module in component)
    ]
    assert circles == []


def test_no_circle_between_packages(imports: nx.DiGraph[str]) -> None:
    package = nx.get_node_attributes(imports, "package")
    packages: nx.DiGraph[str] = nx.DiGraph(
        (package[a], package[b])
        for a, b in imports.edges
        if package[a] != package[b]
        and not (a.startswith(MUTUALLY_RECURSIVE) and b.startswith(MUTUALLY_RECURSIVE))
    )
    circles = [sorted(c) for c in nx.strongly_connected_components(packages) if len(c) > 1]
    assert circles == []

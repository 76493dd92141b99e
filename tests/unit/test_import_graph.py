"""The package's import graph, read from the source with `ast` (no module is imported):
no cycle, even through imports inside functions; no asset module imported for a helper;
the publish library knows nothing of the audit library's types."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dagster_project"
ROOTS = ("dagster_project", "expectations")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "_bundled" not in p.parts}


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """Every first-party module `path` imports, at module level or inside a function.

    `from a.b import c` runs `a.b` and, when c is a module, `a.b.c`; from inside `a.b`
    (a package's module taking a sibling) the package is already being imported.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            submodules = {f"{node.module}.{a.name}" for a in node.names} & known
            found.update(submodules)
            if not submodules or not module.startswith(node.module + "."):
                found.add(node.module)
    return {name for name in found if name in known or name.split(".")[0] == "expectations"}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) - {name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read_whole() -> None:
    graph = _graph()
    assert "dagster_project.defs.warehouse" in graph
    assert "dagster_project.runs.state" in graph["dagster_project.defs.warehouse"]


def test_no_import_cycle() -> None:
    assert _cycle(_graph()) is None


def test_a_cycle_would_be_found() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_only_definitions_and_defs_import_defs() -> None:
    """Asset modules are for Dagster to load; helpers live in plain modules (runs/, ...)."""
    for module, targets in _graph().items():
        if module.startswith("dagster_project.defs") or module == "dagster_project.definitions":
            continue
        assert not {t for t in targets if t.startswith("dagster_project.defs")}, module


def test_asset_modules_do_not_import_each_other() -> None:
    """Within defs/ an asset module imports the resource, the job and plain helpers only."""
    shared = {
        "dagster_project.defs",
        "dagster_project.defs.warehouse",
        "dagster_project.defs.automation.jobs",
        "dagster_project.defs.transform.build_args",
        "dagster_project.defs.transform.translator",
    }
    for module, targets in _graph().items():
        if not module.startswith("dagster_project.defs"):
            continue
        others = {t for t in targets if t.startswith("dagster_project.defs")} - shared
        assert not others, (module, others)


def test_publish_does_not_know_the_audit_library() -> None:
    for module, targets in _graph().items():
        if module.startswith("dagster_project.publish"):
            assert not {t for t in targets if t.startswith("expectations")}, module

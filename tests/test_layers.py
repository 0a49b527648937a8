"""The package's shape: stages as packages, imports pointing one way, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bilateral"
LAYERS = {
    "bilateral.errors": 0,
    "bilateral": 0,
    "bilateral.schema": 1,
    "bilateral.kinds": 2,
    "bilateral.store": 3,
    "bilateral.answer": 4,
    "bilateral.api": 4,
    "bilateral.render": 5,
    "bilateral.export": 5,
    "bilateral.handoff": 5,
    "bilateral.curate": 5,
    "bilateral.cli": 6,
    "bilateral.__main__": 7,
}
"""Command line, then rendering, answering, the compiled store, kinds, schema and reading."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    while module not in LAYERS:
        module = module.rpartition(".")[0]
    return LAYERS[module]


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> list[tuple[str, ast.AST, bool]]:
    """(imported module, statement, whether it sits inside a function) for bilateral imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(child) for child in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [(name, node, id(node) in inside) for name in names]
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_pipeline(module: str) -> None:
    for imported, _node, _inside in imports_of(MODULES[module]):
        if imported.startswith("bilateral"):
            assert layer_of(imported) <= layer_of(module), f"{module} imports {imported}"


def test_the_store_imports_no_rendering() -> None:
    for module, path in MODULES.items():
        if layer_of(module) <= layer_of("bilateral.store"):
            for imported, _node, _inside in imports_of(path):
                assert not imported.startswith(("bilateral.render", "rich", "click")), module


def _top_level_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        graph[module] = {
            imported
            for imported, _node, inside in imports_of(path)
            if not inside and imported in MODULES and imported != module
        }
    return graph


def test_no_import_cycles() -> None:
    graph = _top_level_graph()
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        assert module not in trail, " -> ".join((*trail, module))
        if module in done:
            return
        for imported in graph[module]:
            visit(imported, (*trail, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_function_level_imports_say_why() -> None:
    """Such an import keeps a module off the start-up path, and its comment says so."""
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for _imported, node, inside in imports_of(path):
            if not inside:
                continue
            here = getattr(node, "lineno", 1) - 1
            block_start = here
            while block_start > 0 and lines[block_start - 1].strip().startswith(("import", "from")):
                block_start -= 1
            end = getattr(node, "end_lineno", None) or here + 1
            while end < len(lines) and lines[end].strip().startswith(("import", "from")):
                end += 1
            said = any("#" in lines[i] for i in range(block_start, end))
            assert said, f"{module}:{here + 1}: a function-level import without its reason"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_functions_stay_small(module: str) -> None:
    text = MODULES[module].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, module
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 50, f"{module}.{node.name} is {length} lines"

"""Reading a package's imports, every way Python can write one, for the layering tests.

An import is found whether it is written absolutely (`from bilateral import api`),
relatively (`from ..store import cache`), through `importlib.import_module` or
`__import__` (with a literal name or an f-string whose start names a package), at the
top of a module or inside a function.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Import:
    """One module a statement or call brings in."""

    module: str
    line: int
    inside_function: bool


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_of(root: Path) -> dict[str, Path]:
    return {module_name(root, path): path for path in sorted(root.rglob("*.py"))}


def layer_of(module: str) -> int:
    while module not in LAYERS:
        module = module.rpartition(".")[0]
    return LAYERS[module]


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _resolve_relative(package: str, level: int, name: str | None) -> str:
    base = package.split(".")
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, name] if name else base)


def _literal_prefix(node: ast.expr) -> str | None:
    """The module a literal or f-string names: its text, or for an f-string `package.*`,
    any module under the package its start names."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value
            package = text.rstrip(".") if text.endswith(".") else text.rpartition(".")[0]
            return f"{package}.*"
    return None


def _dynamic_import(node: ast.Call, package: str) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in {"import_module", "__import__"} or not node.args:
        return None
    target = _literal_prefix(node.args[0])
    if target is None or not target.startswith("."):
        return target
    level = len(target) - len(target.lstrip("."))
    return _resolve_relative(package, level, target.lstrip(".") or None)


def _function_nodes(tree: ast.AST) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    return inside


def _names_of(node: ast.AST, package: str, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        source = (
            _resolve_relative(package, node.level, node.module) if node.level else node.module or ""
        )
        # `from bilateral import api` imports the module bilateral.api, not the root.
        submodules = [f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in known]
        return submodules or [source]
    if isinstance(node, ast.Call):
        found = _dynamic_import(node, package)
        return [found] if found else []
    return []


@functools.cache
def _parsed(text: str) -> tuple[ast.AST, frozenset[int]]:
    """A module's tree and the nodes inside its functions, parsed once for each text (a
    copy of the package with one file changed parses that file alone again)."""
    tree = ast.parse(text)
    return tree, frozenset(_function_nodes(tree))


def imports_of(root: Path, module: str, path: Path, known: set[str] | None = None) -> list[Import]:
    """Every module `module` imports, however the import is written (`known`: the
    package's modules, when the caller has listed them already)."""
    tree, inside = _parsed(path.read_text(encoding="utf-8"))
    package = _package_of(module, path)
    known = known if known is not None else set(modules_of(root))
    found: list[Import] = []
    for node in ast.walk(tree):
        for name in _names_of(node, package, known):
            line = getattr(node, "lineno", 1)
            found.append(Import(name, line, id(node) in inside))
    return found


def upward_imports(root: Path) -> list[str]:
    """Imports that point up the pipeline, as 'module:line imports other'."""
    problems = []
    modules = modules_of(root)
    for module, path in modules.items():
        for found in imports_of(root, module, path, set(modules)):
            if found.module.startswith("bilateral") and layer_of(found.module) > layer_of(module):
                problems.append(f"{module}:{found.line} imports {found.module}")
    return problems


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module to the package modules it imports, at any level of the code."""
    modules = modules_of(root)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for found in imports_of(root, module, path, set(modules)):
            name = found.module
            if name.endswith(".*"):  # a name made at run time: any module under the package
                targets |= {m for m in modules if m.startswith(name[:-1]) and m != module}
                continue
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def first_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules around it, or None."""
    done: set[str] = set()
    trail: list[str] = []
    on_trail: set[str] = set()

    def visit(module: str) -> list[str] | None:
        if module in on_trail:
            return [*trail[trail.index(module) :], module]
        if module in done:
            return None
        trail.append(module)
        on_trail.add(module)
        for imported in sorted(graph.get(module, ())):
            cycle = visit(imported)
            if cycle:
                return cycle
        trail.pop()
        on_trail.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None

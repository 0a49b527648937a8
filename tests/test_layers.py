"""The package's shape: stages as packages, imports pointing one way, small modules."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from tests.layering import (
    first_cycle,
    import_graph,
    imports_of,
    layer_of,
    modules_of,
    upward_imports,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bilateral"
MODULES = modules_of(PACKAGE)
KNOWN = set(MODULES)


def test_imports_point_down_the_pipeline() -> None:
    assert upward_imports(PACKAGE) == []


def test_the_store_imports_no_rendering() -> None:
    for module, path in MODULES.items():
        if layer_of(module) <= layer_of("bilateral.store"):
            for found in imports_of(PACKAGE, module, path, KNOWN):
                assert not found.module.startswith(("bilateral.render", "rich", "click")), module


CLI_MAY_IMPORT = (
    "bilateral.api",
    "bilateral.render",
    "bilateral.errors",
    "bilateral.export",
    "bilateral.handoff",
    "bilateral.curate",
    "bilateral.cli",
)
"""The API is the only door: the command line asks it, and renders and hands on what it
answers. (The root package, `bilateral`, gives the version alone.)"""


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in packages)


def test_the_command_line_imports_only_the_api_rendering_and_hand_on_packages() -> None:
    wrong = [
        f"{module}:{found.line} imports {found.module}"
        for module, path in MODULES.items()
        if module.startswith("bilateral.cli")
        for found in imports_of(PACKAGE, module, path, KNOWN)
        if found.module.startswith("bilateral.")
        and not _within(found.module.removesuffix(".*"), CLI_MAY_IMPORT)
    ]
    assert wrong == []


def test_a_command_line_import_of_the_store_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "bilateral"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "cli" / "paging.py").open("a", encoding="utf-8") as handle:
        handle.write("\ndef _planted() -> None:\n    # planted\n    from ..store import cache\n")
    found = [i.module for i in imports_of(copy, "bilateral.cli.paging", copy / "cli" / "paging.py")]
    assert "bilateral.store.cache" in found
    assert not _within("bilateral.store.cache", CLI_MAY_IMPORT)


def test_no_import_cycles_in_the_package() -> None:
    assert first_cycle(import_graph(PACKAGE)) is None


def test_no_import_cycles_in_the_benchmarks() -> None:
    graph = import_graph(ROOT / "benchmarks")
    assert first_cycle(graph) is None


PLANTED = {
    "absolute from the root": ("schema/dates.py", "from bilateral import api\n"),
    "relative": ("schema/dates.py", "from ..store import cache\n"),
    "importlib": (
        "schema/dates.py",
        "import importlib\n_api = importlib.import_module('bilateral.api')\n",
    ),
    "f-string importlib": (
        "kinds/base.py",
        "import importlib\n\ndef later(n: str) -> object:\n"
        "    # planted\n    return importlib.import_module(f'bilateral.cli.{n}')\n",
    ),
    "inside a function": (
        "store/cache.py",
        "def later() -> None:\n    # planted\n    from bilateral.render import screen_tables\n",
    ),
}


@pytest.mark.parametrize("how", sorted(PLANTED))
def test_a_planted_upward_import_is_caught(tmp_path: Path, how: str) -> None:
    copy = tmp_path / "bilateral"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    file, code = PLANTED[how]  # the copy is clean: test_imports_point_down_the_pipeline
    with (copy / file).open("a", encoding="utf-8") as handle:
        handle.write("\n" + code)
    assert upward_imports(copy), f"an upward import written {how} was not seen"


def test_a_planted_cycle_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "bilateral"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "schema" / "reading.py").open("a", encoding="utf-8") as handle:
        handle.write("\ndef _planted() -> None:\n    # planted\n    from . import dates\n")
    with (copy / "schema" / "dates.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom bilateral.schema import reading\n")
    schema = {m: t for m, t in import_graph(copy).items() if m.startswith("bilateral.schema")}
    cycle = first_cycle(schema)
    assert cycle is not None
    assert {"bilateral.schema.dates", "bilateral.schema.reading"} <= set(cycle)


def test_function_level_imports_say_why() -> None:
    """Such an import keeps a module off the start-up path, and its comment says so."""
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for found in imports_of(PACKAGE, module, path, KNOWN):
            if not found.inside_function:
                continue
            here = found.line - 1
            block_start = here
            while block_start > 0 and lines[block_start - 1].strip().startswith(("import", "from")):
                block_start -= 1
            end = here + 1
            while end < len(lines) and lines[end].strip().startswith(("import", "from")):
                end += 1
            said = any("#" in lines[i] for i in range(max(block_start - 1, 0), end))
            assert said, f"{module}:{here + 1}: a function-level import without its reason"


def too_long(module: str, text: str) -> list[str]:
    """The module, or its functions, over the limits: 400 lines a module, 50 a function."""
    found = [f"{module} is {len(text.splitlines())} lines"] if len(text.splitlines()) > 400 else []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > 50:
                found.append(f"{module}.{node.name} is {length} lines")
    return found


def test_modules_and_functions_stay_small() -> None:
    assert len(MODULES) > 100
    found = [
        fault for name in sorted(MODULES) for fault in too_long(name, MODULES[name].read_text())
    ]
    assert found == []


def test_a_long_module_or_function_is_caught() -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(50))
    assert too_long("m", f"def f():\n{body}") == ["m.f is 51 lines"]
    assert too_long("m", "x = 1\n" * 401) == ["m is 401 lines"]
    assert too_long("m", "def f():\n    return 1\n") == []

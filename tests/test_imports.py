"""What imports what: no import circle in kit/, the library never imports the CLI, the core never imports
ipywidgets, and notebook 02 reads data/ once. Each import check runs in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1] / "kit"


def module_name(path: Path) -> str:
    parts = path.relative_to(KIT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(KIT.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def kit_imports(name: str) -> set[str]:
    """The kit modules `name` imports anywhere in its code (inside functions too), except for type checking."""
    path = MODULES[name]
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            nodes: list[ast.AST] = list(node.orelse)
        else:
            nodes = list(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in MODULES else base)
        for child in nodes:
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return (found & set(MODULES)) - {name}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as [a, b, ..., a], or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (circle := walk(target)):
                return circle
        state[node] = "done"
        stack.pop()
        return None

    for start in sorted(graph):
        if start not in state and (circle := walk(start)):
            return circle
    return None


def test_the_circle_finder_finds_a_circle():
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_in_kit():
    assert len(MODULES) > 40  # the walk found the package
    assert find_circle({name: kit_imports(name) for name in MODULES}) is None


def test_the_library_never_imports_the_cli():
    library = [name for name in MODULES if not name.startswith("kit.cli") and name != "kit.__main__"]
    importers = {name: sorted(t for t in kit_imports(name) if t.startswith("kit.cli")) for name in library}
    assert {name: targets for name, targets in importers.items() if targets} == {}


def imported_after(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_no_core_module_imports_ipywidgets():
    core = [name for name in MODULES if not name.startswith("kit.widgets") and name != "kit.__main__"]
    assert {"kit.content", "kit.exports", "kit.inventory", "kit.checklist", "kit.rendering.explain",
            "kit.quiz"} <= set(core)
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'ipywidgets' in sys.modules or 'anywidget' in sys.modules:\n"
        "        print(name)\n"
        "        break\n"
    )
    assert imported_after(code) == "", "this core module imports a widget library"


def test_notebook_02_reads_data_once():
    code = (
        "import kit.content.loader as loader\n"
        "calls = []\n"
        "real = loader.load_content\n"
        "loader.load_content = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        "from kit.exports import describe_result, read_export\n"
        "from kit.widgets import ExportImportPanel, InventoryResultPanel, InventorySession, ManualInventoryPanel\n"
        "session = InventorySession()\n"
        "panels = [ManualInventoryPanel('fr', session), ExportImportPanel('fr', session),"
        " InventoryResultPanel('fr', session)]\n"
        "panels[1]._read([('photo.jpg', b'not a zip')])\n"
        "assert 'photo.jpg' in panels[1].status.value\n"
        "describe_result(read_export(b'not a zip'), 'en')\n"
        "print(len(calls))\n"
    )
    assert imported_after(code) == "1"


HEAVY = ("pandas", "reportlab", "voila", "jupyter_server")


def heavy_modules_after(argv: list[str]) -> tuple[int, list[str]]:
    """(exit code, heavy packages imported) of `kit ARGV` run through the console script's entry point."""
    code = (
        "import contextlib, io, sys\n"
        "from kit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        status = main({argv!r})\n"
        "    except SystemExit as exit:\n"
        "        status = exit.code\n"
        f"print(status, *sorted({{name.split('.')[0] for name in sys.modules}} & {set(HEAVY)!r}))\n"
    )
    status, *heavy = imported_after(code).split()
    return int(status), heavy


def test_kit_help_and_every_subcommand_help_import_nothing_heavy():
    from kit.cli import SUBCOMMANDS

    for argv in (["--help"], *([name, "--help"] for name in SUBCOMMANDS)):
        assert heavy_modules_after(argv) == (0, []), argv


def test_kit_facts_imports_nothing_heavy():
    assert heavy_modules_after(["facts"]) == (0, [])


def test_importing_the_serving_package_does_not_import_voila():
    code = "import sys, kit.serving.defaults\nprint(sorted({'voila', 'jupyter_server'} & set(sys.modules)))"
    assert imported_after(code) == "[]"

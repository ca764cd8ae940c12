"""The layout holds: each app imports only the layers below it, and no imports go round in
a circle. Read from the source (ast), so an import inside a function counts too.

    indicators   the domain: models, rules, comparisons (imports no other app)
    officers     returns, imports, sign-off        -> indicators
    papers       published papers, fidelity checks -> indicators
    reports      member pages and exports          -> indicators
    meetings     the scrutiny cycle: meetings, frozen papers, questions -> indicators, reports
    scrutiny     settings, URLs, login pages       -> the apps
    loadtest     the national data set (a tool run from the repository, never at runtime)
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indicators", "officers", "papers", "reports", "meetings", "scrutiny", "loadtest")

# What each app must never import (nor any module under it).
FORBIDDEN = {
    "indicators": {"officers", "papers", "reports", "meetings", "scrutiny", "loadtest"},
    "officers": {"papers", "reports", "meetings", "scrutiny", "loadtest"},
    # The seed loaders record the papers' meetings (papers/seeds/meetings.py).
    "papers": {"officers", "reports", "scrutiny", "loadtest"},
    "reports": {"officers", "papers", "meetings", "scrutiny", "loadtest"},
    "meetings": {"officers", "papers", "scrutiny", "loadtest"},
    "scrutiny": {"papers", "loadtest"},
}
# Imports that break the rules today and are on their way out: (module, import) pairs. The
# test below fails once one has gone, so an exception does not outlive its import.
KNOWN: set[tuple[str, str]] = set()


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def imports_of(name, source, known, is_package=False):
    """The project modules `name` imports: `from a import b` is a.b when b is a module."""
    targets = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")
                package = package if is_package else package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in known else base)
    return {t for t in targets if t.split(".")[0] in PACKAGES and t != name}


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return {
        name: imports_of(name, path.read_text(encoding="utf-8"), known, path.stem == "__init__")
        for name, path in known.items()
    }


def app(module):
    return module.split(".")[0]


def test_each_app_imports_only_the_layers_below_it(graph):
    broken = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if app(target) in FORBIDDEN.get(app(module), set()) and (module, target) not in KNOWN
    )
    assert broken == [], "\n".join(f"{module} -> {target}" for module, target in broken)


def test_the_known_exceptions_still_exist(graph):
    """An exception whose import has gone is deleted from KNOWN, so it cannot return."""
    gone = sorted(pair for pair in KNOWN if pair[1] not in graph.get(pair[0], set()))
    assert gone == [], f"delete from KNOWN, the import has gone: {gone}"


def cycles(edges):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_go_round_in_a_circle(graph):
    assert cycles(graph) == []


def test_no_app_imports_go_round_in_a_circle(graph):
    apps = {}
    for module, targets in graph.items():
        apps.setdefault(app(module), set()).update(app(t) for t in targets if app(t) != app(module))
    assert cycles(apps) == []


def test_it_sees_an_import_inside_a_function():
    """table -> mi_table was once a cycle hidden in a function: the check reads such imports."""
    source = "def pick():\n    from .mi_table import mi_county_table\n"
    found = imports_of("reports.exports.table", source, {"reports.exports.mi_table"})
    assert found == {"reports.exports.mi_table"}
    assert cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]

"""The package graph has no import cycles (neither the imports that run when a module loads nor the deferred
ones inside functions), and every module imports."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("compositor", "overlays", "brand")


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def module_imports(name: str, path: Path, known: dict, deferred: bool = False) -> set[str]:
    """Project modules `name` imports at load time (top-level statements), or anywhere with `deferred`
    (imports inside functions too: a deferred import that closes a loop is still a tangle)."""
    tree = ast.parse(path.read_text(), str(path))
    is_pkg = path.name == "__init__.py"
    here = name if is_pkg else name.rpartition(".")[0]
    found = set()
    nodes = ast.walk(tree) if deferred else tree.body
    for node in nodes:
        if isinstance(node, ast.Import):
            for a in node.names:
                found.add(_resolve(a.name, known))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module
            for a in node.names:
                full = f"{target}.{a.name}"
                found.add(full if full in known else _resolve(target, known))
    return {m for m in found if m and m != name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


@pytest.mark.parametrize("deferred", [False, True], ids=["load-time", "with-deferred"])
def test_no_import_cycles(deferred):
    known = modules()
    graph = {name: module_imports(name, path, known, deferred) for name, path in known.items()}
    # a package's __init__ that re-exports its submodules is not a cycle with them: drop child -> parent edges
    graph = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    assert cycles(graph) == []


def test_every_module_imports():
    """Each module loads (a module that only works after some other import would fail here in its turn)."""
    import importlib

    failed = {}
    for name in modules():
        if name.endswith("__main__"):
            continue
        try:
            importlib.import_module(name)
        except Exception as exc:      # reported all at once
            failed[name] = f"{type(exc).__name__}: {exc}"
    assert failed == {}


def test_training_tooling_stays_off_the_render_path():
    """Rendering (and the command line) never imports the built-in model's training and evaluation code."""
    code = ("import sys\n"
            "import compositor.cli, compositor.render, compositor.sources.generate, compositor.diffusion.pipeline\n"
            "import compositor.diffusion.builtin.palette, compositor.studio.server\n"
            "print([m for m in sys.modules if m.startswith('compositor.diffusion.builtin.training')])\n")
    import subprocess

    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def package_of(module: str) -> str:
    """The node a module belongs to in the package graph: `compositor.X` (a subpackage or a top-level module of
    the engine), or the top-level package (`overlays`, `brand`)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "compositor" else parts[0]


def test_no_package_cycles():
    """Packages form no loop either, child → parent edges counted: the vocabulary (compositor.vocab) is at the
    bottom, the loader (compositor.project) and the application service above the engines they assemble."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        for dep in module_imports(name, path, known, deferred=True):
            a, b = package_of(name), package_of(dep)
            if a != b:
                graph.setdefault(a, set()).add(b)
    assert cycles(graph) == []


def test_vocabulary_imports_no_engine():
    """compositor.vocab is what every engine shares; it may use only the error types and the animation names."""
    known = modules()
    allowed = {"compositor.vocab", "compositor.errors", "compositor.animate"}
    for name, path in known.items():
        if name.startswith("compositor.vocab"):
            deps = {package_of(d) for d in module_imports(name, path, known, deferred=True)}
            assert deps <= allowed, f"{name} imports {sorted(deps - allowed)}"


def test_every_import_names_a_module():
    """Imports inside functions run only when their function does: each must still name a module of the tree
    (a moved module leaves no deferred import pointing at its old place)."""
    known = modules()
    missing = []
    for name, path in known.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in PACKAGES):
                base = here
                for _ in range(max(node.level - 1, 0)):
                    base = base.rpartition(".")[0]
                target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
                if target not in known:
                    missing.append(f"{path.relative_to(REPO)}:{node.lineno}: {target}")
    assert missing == []

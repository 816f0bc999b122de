"""The package's three layers: `pipeline/` (files to corpus, stories, entities), `site/` (what is published)
and `engine/` (what makes builds fast and safe, and knows MkDocs and the disk); `plugin.py` wires them.

Each import is read from the source (lazy imports inside functions too), so a rule broken anywhere fails here.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_corpus"

# layer -> what it may not import: layers of ours, and outside modules.
FORBIDDEN = {
    "pipeline": ({"site", "engine", "plugin", "config"}, {"mkdocs", "material", "sqlite3"}),
    "site": ({"engine", "plugin", "config"}, {"mkdocs", "material", "sqlite3"}),
    "engine": ({"plugin", "config"}, set()),
}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> set[tuple[str, str]]:
    """("ours", module relative to the package) or ("outside", top-level name) for each import in `path`."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            found.add(("ours", ".".join(base + (node.module.split(".") if node.module else []))))
        else:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            for full in names:
                top, _, rest = full.partition(".")
                found.add(("ours", rest) if top == "mkdocs_corpus" else ("outside", top))
    return found


def test_every_layer_keeps_to_its_rules() -> None:
    broken = []
    for name, path in modules().items():
        layer = name.split(".")[0]
        if layer not in FORBIDDEN:
            continue
        ours, outside = FORBIDDEN[layer]
        for kind, target in imports(name, path):
            top = target.split(".")[0]
            if (kind == "ours" and top in ours) or (kind == "outside" and top in outside):
                broken.append(f"{name} imports {target}")
    assert not broken, broken


def test_the_layer_rules_catch_a_broken_one(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("from ..engine.cache import StageMemo\ndef f():\n    import sqlite3\n")
    found = imports("pipeline.x", module)
    assert ("ours", "engine.cache") in found and ("outside", "sqlite3") in found


def test_every_module_imports_on_its_own() -> None:
    """No import cycle: each module, imported first in a fresh set of our modules, loads."""
    names = [f"mkdocs_corpus.{name}".rstrip(".") for name in modules()]
    script = (
        "import importlib, sys\n"
        f"failed = []\nfor name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'mkdocs_corpus' or m.startswith('mkdocs_corpus.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except Exception as error:\n        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "print('\\n'.join(failed))\nsys.exit(1 if failed else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

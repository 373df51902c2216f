"""pyproject.toml and environment.yml ask for the same dependencies, with the same ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}


def _conda_requirements() -> dict[str, str]:
    """Name → range of what environment.yml installs: from conda-forge, or from PyPI in its pip section."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        for line in [dep] if isinstance(dep, str) else [d for d in dep["pip"] if not d.startswith("-")]:
            name, spec = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", line).groups()
            found[name.lower().replace("_", "-")] = spec.replace(" ", "")
    return found


def _pyproject_requirements(lines: list[str]) -> dict[str, str]:
    """Name → range, normalised as in _conda_requirements."""
    found = {}
    for line in lines:
        req = Requirement(line)
        found[req.name.lower().replace("_", "-")] = ",".join(sorted(str(s) for s in req.specifier))
    return found


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _pyproject_requirements(project["dependencies"])
    test = _pyproject_requirements(project["optional-dependencies"]["test"])
    conda = {name: spec for name, spec in _conda_requirements().items() if name not in CONDA_ONLY}
    conda = {name: ",".join(sorted(spec.split(","))) for name, spec in conda.items()}
    assert {name: conda.get(name) for name in runtime} == runtime
    # Beyond the kit's own dependencies, only test ones, with pyproject.toml's ranges (the hub for test_hub.py).
    beyond = {name: spec for name, spec in conda.items() if name not in runtime}
    assert beyond == {name: test.get(name) for name in beyond}
    assert "jupyterhub" in beyond


def test_environment_yml_is_conda_forge_and_installs_the_kit():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"][0] == "conda-forge"
    assert "defaults" not in env["channels"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _conda_requirements()["python"] == project["requires-python"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section

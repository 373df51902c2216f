"""The kit as a package: the wheel, built from the sdist and installed alone into a fresh virtual environment,
checks its facts and serves a notebook from a folder that is not the repository."""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import free_port, stop_process

from kit.serving.landing import notebook_entries

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "meta-ai-workshop-kit"
CHECKLIST = "voila/render/fr/03-my-checklist.ipynb"


def _run(command: list, cwd: Path, timeout: int, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict, Path]:
    """(the fresh environment's bin/, its environment variables, a working folder outside the repository)."""
    tmp = tmp_path_factory.mktemp("wheel")
    uv = [sys.executable, "-m", "uv"]
    # The sdist, then the wheel from the sdist, as a release is built: the wheel proves the sdist carries
    # data/ and notebooks/ too. uv, through its cache: seconds where pip takes one to three minutes here.
    _run([*uv, "build", "--quiet", "--out-dir", tmp / "dist", ROOT], cwd=tmp, timeout=300)
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    _run([*uv, "venv", "--quiet", "--python", sys.executable, venv], cwd=tmp, timeout=120)
    # The wheel alone, its dependencies from the package index: nothing from this test's environment.
    _run([*uv, "pip", "install", "--quiet", "--python", venv / "bin" / "python", wheel], cwd=tmp, timeout=600)
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV"} and not k.startswith(("JUPYTER", "KIT_"))}
    env |= {"PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}", "HOME": str(tmp), "PYTHONUNBUFFERED": "1"}
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return venv / "bin", env, elsewhere


def test_wheel_carries_the_data_and_the_notebooks(installed):
    bin_dir, env, elsewhere = installed
    (wheel,) = (elsewhere.parent / "dist").glob("*.whl")
    assert wheel.name.startswith(DISTRIBUTION.replace("-", "_") + "-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, packaged in (("data", "kit/_data"), ("notebooks", "kit/_notebooks")):
        # Every file but editors' and Python's leftovers (.ipynb_checkpoints, __pycache__).
        expected = {f"{packaged}/{p.relative_to(ROOT / folder).as_posix()}" for p in (ROOT / folder).rglob("*")
                    if p.is_file() and not any(part.startswith((".", "__")) for part in p.relative_to(ROOT).parts)}
        assert expected and expected <= names, expected - names
    where = _run([bin_dir / "python", "-c", "import kit.env as p; print(p.DATA_DIR); print(p.NOTEBOOKS_DIR)"],
                 cwd=elsewhere, timeout=60, env=env).stdout.split()
    site = Path(_run([bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=elsewhere, timeout=60, env=env).stdout.strip())
    assert [Path(p) for p in where] == [site / "kit" / "_data", site / "kit" / "_notebooks"]


def test_installed_kit_checks_its_facts_and_reads_an_export_from_any_folder(installed):
    bin_dir, env, elsewhere = installed
    facts = _run([bin_dir / "kit", "facts"], cwd=elsewhere, timeout=120, env=env)
    assert "valid" in facts.stdout
    _run([bin_dir / "kit", "demo-export", elsewhere / "demo.zip"], cwd=elsewhere, timeout=120, env=env)
    table = _run([bin_dir / "kit", "inventory", "--format", "csv", "demo.zip"], cwd=elsewhere, timeout=120,
                 env=env).stdout
    assert len(table.splitlines()) > 3 and "facebook" in table.lower()


def test_installed_server_renders_the_french_checklist_with_the_kit_template(installed):
    bin_dir, env, elsewhere = installed
    port = free_port()
    log = elsewhere / "serve.log"
    process = subprocess.Popen([bin_dir / "kit", "serve", "--no-browser", f"--port={port}"], cwd=elsewhere,
                               env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + 120
        while page is None:
            assert process.poll() is None, f"kit serve exited early:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"kit serve did not answer in time:\n{log.read_text()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{CHECKLIST}", timeout=120) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
    finally:
        stop_process(process)
    assert '<html lang="fr">' in page
    assert "voila/static/kit.css" in page, "Voilà's default template, not the kit's"
    assert "kit/page-scripts.js?v=" in page, "the wheel's server found no record of the page scripts"
    title = next(e.title for e in notebook_entries(ROOT / "notebooks") if e.path == CHECKLIST.split("render/")[1])
    assert title in html.unescape(page)
    assert "ChecklistPanel(" in page, "the checklist's cells did not run (the page holds each output's text repr)"

"""`kit lab`: JupyterLab on the notebooks of one language, with its interface in that language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port

from kit.cli.lab import TRANSLATION_PLUGIN

# Where JupyterLab keeps an environment's own settings: a test run of `kit lab` must leave it as it was.
ENVIRONMENT_SETTINGS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def kit_lab(tmp_path: Path, lang: str) -> tuple[set[str], str, bool]:
    """Run `kit lab --lang LANG` until it answers: the notebooks it lists, its default locale, the pack's presence."""
    port, token = free_port(), "kit-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings")}  # not the real home's
    process = subprocess.Popen(
        [sys.executable, "-m", "kit", "lab", "--lang", lang, "--no-browser", f"--port={port}",
         "--", f"--IdentityProvider.token={token}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path, env=env,
    )

    def get(path: str):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=30) as response:
            return json.loads(response.read())

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                contents = get("/api/contents")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "JupyterLab did not start"
                time.sleep(0.5)
        locale = get(f"/lab/api/settings/{TRANSLATION_PLUGIN}")["schema"]["properties"]["locale"]["default"]
        pack = bool(get("/lab/api/translations/fr_FR")["data"])
        return {c["name"] for c in contents["content"]}, locale, pack
    finally:
        process.terminate()
        process.wait(timeout=30)
        running = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
        assert not [line for line in running if f"--port={port}" in line], "nothing left running"


@pytest.fixture
def environment_settings_kept():
    before = snapshot(ENVIRONMENT_SETTINGS)
    yield
    assert snapshot(ENVIRONMENT_SETTINGS) == before, f"kit lab wrote into {ENVIRONMENT_SETTINGS}"


def test_kit_lab_serves_the_french_notebooks_in_a_french_interface(tmp_path, environment_settings_kept):
    notebooks, locale, pack = kit_lab(tmp_path, "fr")
    assert notebooks >= {"01-what-feeds-meta-ai.ipynb", "03-my-checklist.ipynb"}
    assert locale == "fr_FR"
    assert pack, "the French language pack is installed"


def test_english_after_french_is_english(tmp_path, environment_settings_kept):
    kit_lab(tmp_path, "fr")
    notebooks, locale, _ = kit_lab(tmp_path, "en")
    assert "01-what-feeds-meta-ai.ipynb" in notebooks
    assert locale == "en", "a French session leaves nothing behind that the next one follows"

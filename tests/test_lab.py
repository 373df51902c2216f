"""`kit lab`: JupyterLab on the notebooks of one language, its interface in that language, no news pop-up, and a
line of the kit's own saying where to start; the environment's own JupyterLab settings are left as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port

from kit.cli.lab import NOTIFICATION_PLUGIN, TRANSLATION_PLUGIN

# Where JupyterLab keeps an environment's own settings: a test run of `kit lab` must leave it as it was.
ENVIRONMENT_SETTINGS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@dataclass
class Lab:
    notebooks: set[str]
    locale: str
    pack: bool
    news: dict
    page: str
    printed: str
    port: int
    token: str


def kit_lab(tmp_path: Path, lang: str) -> Lab:
    """Run `kit lab --lang LANG` until it answers, and read what it serves and prints."""
    port, token = free_port(), "kit-test"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "user-settings")}  # not the real home's
    out = tmp_path / f"lab-{lang}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "kit", "lab", "--lang", lang, "--no-browser", f"--port={port}",
         "--", f"--IdentityProvider.token={token}"],
        stdout=out.open("w"), stderr=subprocess.STDOUT, cwd=tmp_path, env=env,
    )

    def get(path: str, raw: bool = False):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=30) as response:
            body = response.read()
            return body.decode() if raw else json.loads(body)

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                contents = get("/api/contents")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "JupyterLab did not start"
                time.sleep(0.5)
        return Lab(
            notebooks={c["name"] for c in contents["content"]},
            locale=get(f"/lab/api/settings/{TRANSLATION_PLUGIN}")["schema"]["properties"]["locale"]["default"],
            pack=bool(get("/lab/api/translations/fr_FR")["data"]),
            news=get(f"/lab/api/settings/{NOTIFICATION_PLUGIN}")["schema"]["properties"],
            page=get("/lab", raw=True), printed=out.read_text(), port=port, token=token,
        )
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
    lab = kit_lab(tmp_path, "fr")
    assert lab.notebooks >= {"01-what-feeds-meta-ai.ipynb", "03-my-checklist.ipynb"}
    assert lab.locale == "fr_FR"
    assert lab.pack, "the French language pack is installed"
    assert lab.news["fetchNews"]["default"] == "false" and lab.news["checkForUpdates"]["default"] is False
    assert '"news": {"disabled": true}' in lab.page, "the news feed is off on the server"
    assert f"http://localhost:{lab.port}/lab/tree/01-what-feeds-meta-ai.ipynb?token={lab.token}" in lab.printed
    assert "01-what-feeds-meta-ai" in lab.printed.splitlines()[1], "one line says where to start"
    assert "[I " not in lab.printed, "no JupyterLab info lines"


def test_english_after_french_is_english(tmp_path, environment_settings_kept):
    kit_lab(tmp_path, "fr")
    lab = kit_lab(tmp_path, "en")
    assert "01-what-feeds-meta-ai.ipynb" in lab.notebooks
    assert lab.locale == "en", "a French session leaves nothing behind that the next one follows"

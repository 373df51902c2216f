"""`kit lab`: JupyterLab on the notebooks of one language, with its interface in that language."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

from conftest import free_port

from kit.cli.lab import NOTIFICATION_PLUGIN, TRANSLATION_PLUGIN, set_interface_language


def test_interface_language_is_set_without_losing_other_overrides(tmp_path):
    path = tmp_path / "share/jupyter/lab/settings/overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    set_interface_language("en", prefix=tmp_path)
    set_interface_language("fr", prefix=tmp_path)
    overrides = json.loads(path.read_text())
    assert overrides[TRANSLATION_PLUGIN] == {"locale": "fr_FR"}
    assert overrides[NOTIFICATION_PLUGIN]["fetchNews"] == "false", "no news pop-up"
    assert overrides["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}


def test_kit_lab_serves_the_french_notebooks_in_a_french_interface(tmp_path):
    port, token = free_port(), "kit-test"
    command = [sys.executable, "-m", "kit", "lab", "--no-browser", f"--port={port}", "--lang", "fr"]
    out = tmp_path / "lab.log"
    process = subprocess.Popen(
        [*command, "--", f"--IdentityProvider.token={token}"],
        stdout=out.open("w"), stderr=subprocess.STDOUT, cwd=tmp_path,
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
        assert {c["name"] for c in contents["content"]} >= {"01-what-feeds-meta-ai.ipynb", "03-my-checklist.ipynb"}
        settings = get(f"/lab/api/settings/{TRANSLATION_PLUGIN}")
        assert settings["schema"]["properties"]["locale"]["default"] == "fr_FR"
        assert get("/lab/api/translations/fr_FR")["data"], "the French language pack is installed"
        notification = get(f"/lab/api/settings/{NOTIFICATION_PLUGIN}")["schema"]["properties"]
        assert notification["fetchNews"]["default"] == "false" and notification["checkForUpdates"]["default"] is False
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=30) as response:
            assert '"news": {"disabled": true}' in response.read().decode(), "the news feed is off on the server"
        printed = out.read_text()
        assert f"http://localhost:{port}/lab/tree/01-what-feeds-meta-ai.ipynb?token={token}" in printed
        assert "01-what-feeds-meta-ai" in printed.splitlines()[1], "one line says where to start"
        assert "[I " not in printed, "no JupyterLab info lines"
    finally:
        process.terminate()
        process.wait(timeout=30)
    running = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
    assert not [line for line in running if f"--port={port}" in line], "nothing left running"

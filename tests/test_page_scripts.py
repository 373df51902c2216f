"""Voilà's scripts in one: a page fetches the recorded webpack chunks as one cached, compressed script."""

from __future__ import annotations

import gzip
import hashlib
import json
import urllib.request
from urllib.parse import urlsplit

import pytest
from browser import chromium_page, require_browser
from record_page_scripts import DRAWN, chunk

from kit.content import LANGS
from kit.serving.internals import PAGE_SCRIPTS, page_script_bundle, page_script_files

RECORDED = json.loads(PAGE_SCRIPTS.read_text(encoding="utf-8"))["files"]
RERECORD = "the installed Voilà or widget extensions are not those recorded: run python tests/record_page_scripts.py"


def _fake_install(tmp_path, files: dict[str, bytes]):
    """Folders as Voilà's static and lab-extension handlers search them, and a manifest of these files."""
    static, labextensions = tmp_path / "static", tmp_path / "labextensions"
    recorded = {}
    for url_path, body in files.items():
        root, folder = (("voila/static/", static) if url_path.startswith("voila/static/")
                        else ("voila/labextensions/", labextensions))
        target = folder / url_path.removeprefix(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        recorded[url_path] = hashlib.sha256(body).hexdigest()
    manifest = tmp_path / "page_scripts.json"
    manifest.write_text(json.dumps({"files": recorded}))
    return [str(tmp_path / "elsewhere"), str(static)], [str(labextensions)], manifest


CHUNKS = {"voila/static/1.voila.js": b'"use strict";(self.chunks=self.chunks||[]).push(1)',
          "voila/labextensions/@x/y/static/2.ab.js": b"(self.chunks=self.chunks||[]).push(this === self)"}


def test_the_recorded_files_are_found_where_voila_serves_them(tmp_path):
    static, labextensions, manifest = _fake_install(tmp_path, CHUNKS)
    found = page_script_files(static, labextensions, manifest)
    assert [path.name for path in found or []] == ["1.voila.js", "2.ab.js"]


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_a_file_not_as_recorded_means_no_bundle(tmp_path, damage):
    static, labextensions, manifest = _fake_install(tmp_path, CHUNKS)
    chunk_file = tmp_path / "labextensions/@x/y/static/2.ab.js"
    if damage == "changed":
        chunk_file.write_bytes(b"(self.chunks=self.chunks||[]).push(3)")
    else:
        chunk_file.unlink()
    assert page_script_files(static, labextensions, manifest) is None


def test_each_chunk_keeps_its_own_scope(tmp_path):
    static, labextensions, manifest = _fake_install(tmp_path, CHUNKS)
    bundle = page_script_bundle(page_script_files(static, labextensions, manifest) or []).decode()
    # Every chunk in a function of its own, called on the window: its "use strict" cannot reach the next one.
    assert bundle.count("(function(){") == 2
    assert bundle.count("}).call(self);") == 2
    assert bundle.index('"use strict"') < bundle.index("}).call(self);") < bundle.index("push(this === self)")


def test_the_server_sends_the_bundle_compressed_and_for_good(server):
    page = server.get("voila/render/fr/03-my-checklist.ipynb")
    linked = [part.split('"')[0] for part in page.split('src="/')[1:] if part.startswith("kit/page-scripts.js")]
    assert linked, RERECORD
    request = urllib.request.Request(server.url + linked[0], headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
        body = gzip.decompress(response.read())
    assert body.count(b"(function(){\n") == len(RECORDED)


@pytest.mark.browser
@pytest.mark.parametrize("page_path", [f"{lang}/{name}" for lang in LANGS
                                       for name in ("01-what-feeds-meta-ai.ipynb", "03-my-checklist.ipynb")])
def test_a_page_fetches_no_chunk_of_its_own(server, content, page_path):
    require_browser()
    fetched: list[str] = []
    external: list[str] = []
    waiting = ["Loading widget", *(content.text("loading.widget", lang) for lang in LANGS)]
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        page.on("request", lambda request: fetched.append(urlsplit(request.url).path.lstrip("/")))
        page.goto(f"{server.url}voila/render/{page_path}")
        page.wait_for_function(DRAWN, arg=waiting, timeout=120_000)
        page.wait_for_timeout(1000)  # chunks a drawn widget asks for a moment later
    scripts = [path for path in fetched if path.endswith(".js")]
    assert "kit/page-scripts.js" in scripts
    assert [path for path in scripts if chunk(path)] == [], RERECORD
    assert len(scripts) <= 8  # voila-style.js, the bundle, voila.js, the room bar, three remoteEntry files
    assert external == []

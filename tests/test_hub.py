"""A real JupyterHub (PyPI) with configurable-http-proxy (npm), a local spawner and the dummy authenticator,
configured by the kit's TLJH file and single-user settings: two attendees log in through the hub's login page
in Chromium and each lands on the French checklist, rendered by Voilà with the kit's template, with its
widgets answering through the proxy, and nothing requested from another host."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium_page, missing_tool, require_browser
from conftest import free_port, stop_process

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
TLJH_CONFIG = ROOT / "deploy" / "tljh" / "jupyterhub_config.d" / "kit.py"
PROXY = os.environ.get("KIT_HTTP_PROXY", "configurable-http-proxy")
USERS = ("camille", "dominique")
PASSWORD = "workshop-room-password"

# The hub's own settings for a test on loopback ports; the kit's settings come from TLJH_CONFIG, loaded
# as TLJH loads it, with the clone found here instead of /srv/meta-ai-workshop-kit.
HUB_CONFIG = """\
c = get_config()
namespace = {{"c": c, "get_config": get_config}}
exec(compile(open({kit_config!r}, encoding="utf-8").read(), {kit_config!r}, "exec"), namespace)
kit_dir = namespace["KIT_DIR"]
environment = c.Spawner.environment.get_value({{}})  # kit.py updates the dict: a lazy value until here
c.Spawner.environment = {{key: value.replace(kit_dir, {root!r}) for key, value in environment.items()}}

c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{tmp}/home/{{username}}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
"""


def require_proxy() -> str:
    """configurable-http-proxy's path; skipped without it, except in CI (.ci/run installs it): fail there."""
    found = shutil.which(PROXY)
    if not found:
        missing_tool(f"the hub test needs configurable-http-proxy ({PROXY}): npm install -g configurable-http-proxy")
    return found


def start_time(pid: int) -> str | None:
    """When the process started (clock ticks since boot): tells a process from a later one given its PID."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def descendants(pid: int) -> dict[int, str | None]:
    """Every process started by `pid`, however deep (the proxy, the users' servers, their kernels)."""
    found: dict[int, str | None] = {}
    queue = [pid]
    while queue:
        for task in Path(f"/proc/{queue.pop()}/task").glob("*/children"):
            try:
                children = {int(p) for p in task.read_text().split()}
            except OSError:
                continue
            queue.extend(children - found.keys())
            found |= {child: start_time(child) for child in children}
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[str]:
    """The hub's address, once it answers; every process it started is gone afterwards."""
    require_browser()
    proxy = require_proxy()
    tmp = tmp_path_factory.mktemp("hub")
    for user in USERS:
        # What TLJH's /etc/skel link gives every new user (deploy/tljh/README.md, step 4).
        (tmp / "home" / user).mkdir(parents=True)
        (tmp / "home" / user / "notebooks").symlink_to(ROOT / "notebooks")
    port = free_port()
    config = tmp / "jupyterhub_config.py"
    config.write_text(HUB_CONFIG.format(
        kit_config=str(TLJH_CONFIG), root=str(ROOT), port=port, hub_port=free_port(), proxy_api_port=free_port(),
        proxy=proxy, tmp=tmp, password=PASSWORD, singleuser=str(Path(sys.executable).parent / "jupyterhub-singleuser"),
        args=["--allow-root"] if os.geteuid() == 0 else [],
    ), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "KIT_"))}
    env["PYTHONUNBUFFERED"] = "1"
    log = tmp / "hub.log"
    process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=tmp, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyterhub exited early:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url + "hub/api/", timeout=30) as response:
                    assert response.status == 200
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyterhub did not answer in time:\n{log.read_text()}") from None
                time.sleep(0.5)
        yield url
    finally:
        started = descendants(process.pid)
        stop_process(process, timeout=60)  # the hub stops the users' servers and the proxy it started
        for pid, started_at in started.items():  # and whatever it left behind (not a later process, same PID)
            if started_at is not None and start_time(pid) == started_at:
                os.kill(pid, signal.SIGKILL)


def test_two_attendees_log_in_and_each_lands_on_the_french_checklist(hub, content):
    from playwright.sync_api import expect

    external: list[str] = []
    facebook = content.platforms["facebook"].name("fr")
    for user in USERS:
        with chromium_page(external) as page:
            page.goto(hub + "hub/login")
            page.locator("#username_input").fill(user)
            page.locator("#password_input").fill(PASSWORD)
            page.locator("#login_submit").click()
            # Through the hub's spawn page to the user's own server, on the landing page the TLJH file sets.
            page.wait_for_url(f"**/user/{user}/voila/render/notebooks/fr/03-my-checklist.ipynb", timeout=240_000)
            page.wait_for_selector("#loading", state="detached", timeout=120_000)
            expect(page.locator("html")).to_have_attribute("lang", "fr")
            stylesheets = page.evaluate("() => [...document.styleSheets].map(s => s.href || '')")
            assert any(href.endswith(f"/user/{user}/voila/static/kit.css") for href in stylesheets), stylesheets
            expect(page.locator(".kit-progress-text")).to_have_text(content.text("plan.empty", "fr"))
            # A widget's round trip: the kernel answers through the proxy's websocket.
            page.get_by_label(facebook, exact=True).check()
            expect(page.locator(".kit-item").first).to_be_visible()
            page.evaluate("() => localStorage.clear()")
    assert external == [], external

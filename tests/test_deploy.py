"""Deployment beyond one laptop (deploy/, binder/): the files load, agree with each other and with
environment.yml, name notebooks that exist, and a Jupyter server started as the hubs start it serves the
landing page with the kit's Voilà template."""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from conftest import free_port, stop_process
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from traitlets import Dict, Unicode
from traitlets.config import Config, Configurable

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BINDER = ROOT / "binder"
TLJH_CONFIG = DEPLOY / "tljh" / "jupyterhub_config.d" / "kit.py"
Z2JH_VALUES = DEPLOY / "z2jh" / "values.yaml"
SINGLEUSER_CONFIG = DEPLOY / "singleuser" / "jupyter_server_config.json"
TEMPLATES_ROOT = ROOT / "kit" / "serving" / "templates"

# repo2docker's CondaBuildPack reads the Python version with this pattern (repo2docker/buildpacks/conda,
# PYTHON_REGEX) and falls back to its default, 3.10, when no dependency matches.
REPO2DOCKER_PYTHON = re.compile(r"python\s*=+\s*([\d\.]*)")
VOILA_RENDER = "/voila/render/"
NOTEBOOK_MENTION = re.compile(r"notebooks/(?:fr|en)/[\w.-]+\.ipynb")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!localhost|127\.0\.0\.1)""", re.I)
# What start passes on to the Jupyter server, and what the TLJH config sets instead.
SERVER_ENV = ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "KIT_SERVED", "KIT_UPLOAD_LIMIT_MB")


# --- helpers ---------------------------------------------------------------------------------------


class Spawner(Configurable):
    """The JupyterHub Spawner traits the kit's hub config may set (names as in jupyterhub.spawner.Spawner)."""

    default_url = Unicode("").tag(config=True)
    environment = Dict().tag(config=True)
    notebook_dir = Unicode("").tag(config=True)


def tljh_config() -> tuple[Config, dict]:
    """Execute the TLJH config file as JupyterHub does (a `c` and `get_config` in its namespace)."""
    config = Config()
    namespace = {"c": config, "get_config": lambda: config, "__file__": str(TLJH_CONFIG)}
    exec(compile(TLJH_CONFIG.read_text(encoding="utf-8"), str(TLJH_CONFIG), "exec"), namespace)
    return config, namespace


def tljh_spawner() -> tuple[Spawner, str]:
    config, namespace = tljh_config()
    return Spawner(config=config), namespace["KIT_DIR"]


def z2jh_values() -> dict:
    return yaml.safe_load(Z2JH_VALUES.read_text(encoding="utf-8"))


def root_environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def conda_specs(env: dict) -> dict[str, str]:
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, spec = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", dep).groups()
            found[name] = spec.replace(" ", "")
    return found


def run_start(repo_dir: str, command: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run binder/start as repo2docker's entrypoint does: REPO_DIR set, the server's command as arguments."""
    base = {k: v for k, v in os.environ.items() if k not in SERVER_ENV}
    return subprocess.run(["bash", str(BINDER / "start"), *command], env={**base, "REPO_DIR": repo_dir, **env},
                          capture_output=True, text=True, timeout=60)


def start_env(repo_dir: str, **env: str) -> dict[str, str]:
    result = run_start(repo_dir, [sys.executable, "-c", "import json, os; print(json.dumps(dict(os.environ)))"],
                       **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def voila_notebook(url: str) -> str:
    """The notebook path of a Voilà render URL, relative to the server's root folder."""
    assert url.startswith(VOILA_RENDER), f"{url!r} is not a Voilà render URL"
    return url[len(VOILA_RENDER):]


def memory_bytes(value: str | int) -> int:
    """Kubernetes-style quantities as the Z2JH chart takes them: 512M, 1G, 1Gi, or bytes."""
    units = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?)?", str(value)).groups()
    return int(float(number) * units[unit or ""])


def deploy_texts() -> dict[Path, str]:
    """Every text file that deploys the kit, URL-decoded (links carry their paths %-encoded)."""
    files = [p for p in [*DEPLOY.rglob("*"), *BINDER.rglob("*")] if p.is_file() and "__pycache__" not in p.parts]
    files.append(ROOT / "README.md")
    return {path: unquote(path.read_text(encoding="utf-8")) for path in files}


# --- Binder / repo2docker ------------------------------------------------------------------------


def test_binder_python_pin_is_one_repo2docker_reads_and_the_kit_accepts():
    binder = yaml.safe_load((BINDER / "environment.yml").read_text(encoding="utf-8"))
    pins = [m.group(1) for dep in binder["dependencies"] if isinstance(dep, str)
            for m in [REPO2DOCKER_PYTHON.match(dep)] if m]
    assert pins, "no `python=X.Y` in binder/environment.yml: repo2docker would build Python 3.10"
    major_minor = Version(".".join(pins[0].split(".")[:2]))
    root_python = conda_specs(root_environment())["python"]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert major_minor in SpecifierSet(root_python), (major_minor, root_python)
    assert major_minor in SpecifierSet(requires), (major_minor, requires)
    assert binder["channels"] == root_environment()["channels"]
    # The dependency list lives in the root environment.yml only (binder/postBuild applies it).
    assert set(conda_specs(binder)) <= {"python", "pip"}, conda_specs(binder)


def test_binder_folder_holds_every_file_repo2docker_should_use():
    # With binder/ present repo2docker ignores root configuration files: they must be in binder/ too.
    for name in ("postBuild", "start", "requirements.txt", "apt.txt", "runtime.txt", "Dockerfile"):
        if (ROOT / name).exists():
            assert (BINDER / name).exists(), f"{name} at the root is ignored by repo2docker once binder/ exists"
    for script in ("postBuild", "start"):
        assert os.access(BINDER / script, os.X_OK), f"binder/{script} is not executable"


def _fake_mamba(tmp_path: Path, exit_code: int) -> tuple[Path, Path]:
    log = tmp_path / "mamba.log"
    mamba = tmp_path / "mamba"
    mamba.write_text(f'#!/bin/bash\necho "$@" >> {shlex.quote(str(log))}\nexit {exit_code}\n')
    mamba.chmod(0o755)
    return mamba, log


def _run_post_build(tmp_path: Path, mamba: Path) -> tuple[subprocess.CompletedProcess, Path]:
    prefix = tmp_path / "notebook-env"
    (prefix / "conda-meta").mkdir(parents=True)
    env = {**os.environ, "NB_PYTHON_PREFIX": str(prefix), "MAMBA_EXE": str(mamba),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    # repo2docker runs it as ./binder/postBuild from the repository's folder.
    result = subprocess.run(["./binder/postBuild"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return result, prefix


def test_post_build_installs_the_root_environment_and_the_kit_on_the_chosen_python(tmp_path):
    mamba, log = _fake_mamba(tmp_path, 0)
    result, prefix = _run_post_build(tmp_path, mamba)
    assert result.returncode == 0, result.stdout + result.stderr
    python = f"python {sys.version_info.major}.{sys.version_info.minor}.*"
    assert (prefix / "conda-meta" / "pinned").read_text().split("\n")[0] == python
    calls = [line.split() for line in log.read_text().splitlines()]
    update = next(call for call in calls if call[:2] == ["env", "update"])
    target = update[update.index("--file") + 1]
    assert update[update.index("-p") + 1] == str(prefix)
    # The file it applies is the root environment.yml (relative to the repository), which installs the kit.
    applied = yaml.safe_load((ROOT / target).read_text(encoding="utf-8"))
    assert applied == root_environment()
    pip_section = next(dep["pip"] for dep in applied["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip_section
    assert "kit OK" in result.stdout


def test_post_build_fails_the_build_when_a_step_fails(tmp_path):
    mamba, _ = _fake_mamba(tmp_path, 3)
    result, _ = _run_post_build(tmp_path, mamba)
    assert result.returncode != 0
    assert "kit OK" not in result.stdout


def test_start_points_the_server_at_the_kit_and_turns_uploads_off():
    env = start_env(str(ROOT))
    template_path = Path(env["JUPYTER_PATH"].split(os.pathsep)[0])
    config_path = Path(env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0])
    assert template_path == TEMPLATES_ROOT
    assert config_path == SINGLEUSER_CONFIG.parent
    template = json.loads(SINGLEUSER_CONFIG.read_text())["VoilaConfiguration"]["template"]
    assert (template_path / "voila" / "templates" / template / "conf.json").is_file()
    assert env["KIT_SERVED"] == "1"
    assert env["KIT_UPLOAD_LIMIT_MB"] == "0"


def test_start_keeps_what_the_hub_sets_and_passes_on_the_exit_code():
    env = start_env(str(ROOT), KIT_UPLOAD_LIMIT_MB="200", JUPYTER_PATH="/elsewhere")
    assert env["KIT_UPLOAD_LIMIT_MB"] == "200"
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(TEMPLATES_ROOT), "/elsewhere"]
    # repo2docker requires start to end with `exec "$@"`: the server is the command, its exit code is start's.
    assert run_start(str(ROOT), ["sh", "-c", "exit 7"]).returncode == 7


def test_binder_badge_opens_an_existing_notebook_in_voila():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", readme)
    assert links, "no Binder link in README.md"
    for link in links:
        parts = urlsplit(link)
        owner, repo, ref = parts.path.split("/")[3:6]
        assert owner and repo and ref
        assert f"{owner}/{repo}" in readme.split(link)[1], "the placeholder org/repo is not explained"
        urlpath = "/" + parse_qs(parts.query)["urlpath"][0].lstrip("/")
        assert (ROOT / voila_notebook(urlpath)).is_file(), urlpath


# --- the single-user server's settings ----------------------------------------------------------------


def test_single_user_config_selects_the_kit_template_and_culls_abandoned_kernels():
    config = json.loads(SINGLEUSER_CONFIG.read_text(encoding="utf-8"))
    template = config["VoilaConfiguration"]["template"]
    assert (TEMPLATES_ROOT / "voila" / "templates" / template / "index.html.j2").is_file()
    cull = config["MappingKernelManager"]
    assert cull["cull_idle_timeout"] > 0 and cull["cull_interval"] > 0
    assert cull["cull_connected"] is False, "a kernel whose page is open must not be shut down"


# --- The Littlest JupyterHub -------------------------------------------------------------------------


def test_tljh_config_sets_only_spawner_traits_that_exist():
    config, _ = tljh_config()
    assert set(config) == {"Spawner"}, set(config)
    unknown = set(config.Spawner) - set(Spawner.class_trait_names())
    assert not unknown, f"not Spawner traits: {unknown}"


def test_tljh_lands_on_the_checklist_in_voila():
    spawner, _ = tljh_spawner()
    notebook = voila_notebook(spawner.default_url)
    # Relative to the user's home, where ~/notebooks links to the kit's notebooks.
    assert notebook.startswith("notebooks/") and (ROOT / notebook).is_file(), notebook
    assert Path(notebook).name == "03-my-checklist.ipynb"


def test_tljh_gives_the_servers_the_same_environment_as_the_image():
    spawner, kit_dir = tljh_spawner()
    image = start_env(kit_dir)  # binder/start with the kit in the same folder as on the TLJH server
    assert {k: spawner.environment.get(k) for k in SERVER_ENV} == {k: image[k] for k in SERVER_ENV}


def test_tljh_installs_the_kit_editable_from_the_folder_the_config_uses():
    _, kit_dir = tljh_spawner()
    lines = [line.strip() for line in (DEPLOY / "tljh" / "requirements.txt").read_text().splitlines()]
    requirements = [line for line in lines if line and not line.startswith("#")]
    assert requirements == [f"-e {kit_dir}"]
    readme = (DEPLOY / "tljh" / "README.md").read_text(encoding="utf-8")
    assert f"--user-requirements-txt-url file://{kit_dir}/deploy/tljh/requirements.txt" in readme
    assert re.search(rf"git clone \S+ {re.escape(kit_dir)}\n", readme)
    assert "tljh-config reload hub" in readme


# --- Zero to JupyterHub --------------------------------------------------------------------------------

# Keys the chart's schema accepts (jupyterhub/values.schema.yaml, additionalProperties: false): a typo such
# as `defaultURL` would make `helm upgrade` fail.
Z2JH_SINGLEUSER_KEYS = {
    "networkPolicy", "podNameTemplate", "cpu", "memory", "image", "initContainers", "profileList", "extraFiles",
    "extraEnv", "nodeSelector", "extraTolerations", "extraNodeAffinity", "extraPodAffinity", "extraPodAntiAffinity",
    "cloudMetadata", "cmd", "defaultUrl", "events", "extraAnnotations", "extraContainers", "extraLabels",
    "extraPodConfig", "extraResource", "fsGid", "lifecycleHooks", "networkTools", "serviceAccountName",
    "startTimeout", "storage", "allowPrivilegeEscalation", "uid",
}
Z2JH_CULL_KEYS = {"enabled", "users", "adminUsers", "removeNamedServers", "timeout", "every", "concurrency", "maxAge"}


def test_z2jh_values_have_the_keys_the_chart_expects():
    values = z2jh_values()
    single = values["singleuser"]
    assert set(single) <= Z2JH_SINGLEUSER_KEYS, set(single) - Z2JH_SINGLEUSER_KEYS
    assert set(values["cull"]) <= Z2JH_CULL_KEYS, set(values["cull"]) - Z2JH_CULL_KEYS
    assert isinstance(single["image"]["name"], str) and isinstance(single["image"]["tag"], str)
    assert single["storage"]["type"] in {"none", "dynamic", "static"}
    memory = single["memory"]
    assert 0 < memory_bytes(memory["guarantee"]) <= memory_bytes(memory["limit"])
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    cull = values["cull"]
    assert cull["enabled"] is True and cull["timeout"] > 0 and cull["every"] > 0
    assert set(single["extraEnv"]) <= set(SERVER_ENV)


def test_z2jh_lands_on_the_checklist_through_the_link_the_hook_makes():
    values = z2jh_values()
    single = values["singleuser"]
    notebook = voila_notebook(single["defaultUrl"])
    assert (ROOT / notebook).is_file(), notebook
    home = values["hub"]["config"]["KubeSpawner"]["working_dir"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    link = re.fullmatch(r"ln -sfn (\S+) (\S+)", command[-1])
    assert command[:2] == ["sh", "-c"] and link, command
    source, target = link.groups()
    first = notebook.split("/")[0]
    assert target == f"{home}/{first}", "the landing page is not reached through the hook's link"
    readme = (DEPLOY / "z2jh" / "README.md").read_text(encoding="utf-8")
    kit_dir = re.search(r"--target-repo-dir (\S+)", readme).group(1)
    assert source == f"{kit_dir}/{first}", "the hook links a folder the documented image build does not make"


def test_z2jh_environment_matches_the_image_defaults():
    extra = z2jh_values()["singleuser"]["extraEnv"]
    defaults = start_env("/srv/kit")
    assert extra == {k: defaults[k] for k in extra}


# --- every deployment ------------------------------------------------------------------------------------


def test_every_notebook_the_deployment_files_name_exists():
    mentioned = {}
    for path, text in deploy_texts().items():
        for notebook in NOTEBOOK_MENTION.findall(text):
            mentioned.setdefault(notebook, path)
    assert "notebooks/fr/03-my-checklist.ipynb" in mentioned
    missing = {nb: str(path.relative_to(ROOT)) for nb, path in mentioned.items() if not (ROOT / nb).is_file()}
    assert not missing, missing


def test_every_path_into_the_kit_folder_exists_in_the_repository():
    _, kit_dir = tljh_spawner()
    checked = 0
    for path, text in deploy_texts().items():
        for inside in re.findall(rf"{re.escape(kit_dir)}/([\w./-]*[\w-])", text):
            checked += 1
            assert (ROOT / inside).exists(), f"{path.relative_to(ROOT)} names {kit_dir}/{inside}"
    assert checked >= 5


# --- a single-user server as the hubs start it ------------------------------------------------------------


@pytest.fixture(scope="module")
def hub_user_server(tmp_path_factory):
    """`jupyter server` started through binder/start (as in the image), in a home where ~/notebooks links to
    the kit's notebooks (as the TLJH set-up and the Z2JH hook make it)."""
    tmp = tmp_path_factory.mktemp("hub-user")
    home = tmp / "home"
    home.mkdir()
    (home / "notebooks").symlink_to(ROOT / "notebooks")
    port, token = free_port(), "deploy-test-token"
    command = [sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "KIT_"))}
    env = {**base, "REPO_DIR": str(ROOT), "HOME": str(home), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTER_DATA_DIR": str(tmp / "data"), "IPYTHONDIR": str(tmp / "ipython"), "PYTHONUNBUFFERED": "1"}
    log = tmp / "server.log"
    process = subprocess.Popen(["bash", str(BINDER / "start"), *command], cwd=home, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)

    def get(path: str) -> str:
        url = f"http://127.0.0.1:{port}/{path.lstrip('/')}"
        with urllib.request.urlopen(f"{url}{'&' if '?' in url else '?'}token={token}", timeout=120) as response:
            return response.read().decode("utf-8")

    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter server exited early:\n{log.read_text()}")
        try:
            get("api/status")
            break
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"jupyter server did not answer in time:\n{log.read_text()}") from None
            time.sleep(0.3)
    yield get
    stop_process(process)


def test_hub_landing_page_is_the_checklist_with_the_kit_template(hub_user_server):
    spawner, _ = tljh_spawner()
    landing = spawner.default_url
    assert z2jh_values()["singleuser"]["defaultUrl"] == landing
    page = hub_user_server(landing)
    assert '<html lang="fr">' in page
    assert "voila/static/kit.css" in page, "Voilà's default template, not the kit's"
    assert not EXTERNAL.findall(page), EXTERNAL.findall(page)
    assert "from kit.widgets" not in page, "sources must be stripped"
    stylesheet = (TEMPLATES_ROOT / "voila" / "templates" / "kit" / "static" / "kit.css").read_text()
    assert hub_user_server("voila/static/kit.css") == stylesheet


def test_hub_notebooks_know_they_run_on_a_server(hub_user_server, content):
    # KIT_SERVED reaches the kernels: notebook 02's upload panel says uploads are off (as they are when served
    # without a limit), not that the export is read locally. (Voilà's page holds each cell's text repr, which
    # starts with the panel's first sentence.)
    page = hub_user_server("voila/render/notebooks/en/02-my-inventory.ipynb")

    def opening(key: str) -> str:
        # The repr is cut after about 60 characters: the sentence's first words are enough to tell them apart.
        return re.match(r"[\w ,.:]+", html.escape(content.text(key, "en"))).group(0)[:40]

    served, local = opening("inventory.upload-off"), opening("inventory.where-local")
    assert len(served) >= 20 and len(local) >= 20
    assert served in page
    assert local not in page
